//! The TypeScript types of the public API. The exported methods refer to them
//! with `unchecked_param_type` / `unchecked_return_type`; `tests/types.ts`
//! checks them with `tsc --strict` against the real package.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** A channel a customer is reached on or an interaction happened on. */
export type Channel = "in_person" | "phone" | "email" | "sms" | "social" | "live_chat" | "forum" | "web" | "other";
/** A social network or chat app. */
export type Network =
  | "facebook" | "zalo" | "messenger" | "instagram" | "tiktok" | "whatsapp" | "telegram"
  | "viber" | "line" | "wechat" | "linkedin" | "x" | "youtube" | "other";
/** Where a customer stands in its relationship with the business. */
export type Lifecycle = "lead" | "prospect" | "customer" | "loyal" | "churned";
/** What a customer consents (or not) to be contacted for. */
export type Purpose = "service" | "marketing" | "feedback" | "profiling";
/** Who started an interaction. */
export type Direction = "inbound" | "outbound" | "internal";
/** A person or an organisation. */
export type CustomerKind = "person" | "organization";
/** A point in time: a `Date`, or an ISO 8601 string with an offset (`2026-11-02T09:00:00Z`). */
export type DateInput = Date | string;

/** Options of every command. */
export interface CommandOptions {
  /** When the command happens (now by default). */
  at?: DateInput;
  /** The agent id of who issues it (the system by default). */
  actor?: string;
}

/** Options of `new Workspace()`. */
export interface WorkspaceOptions {
  /** ISO 3166 region for phone numbers written without `+country` (`"VN"`). */
  defaultRegion?: string;
  /** Seed of new ids: the same seed and commands give the same log. Random when absent. */
  seed?: number | bigint;
  /** Time of the `workspace_configured` event that `defaultRegion` records (now by default). */
  at?: DateInput;
}

/** A postal address. */
export interface PostalAddress {
  lines: string[];
  city?: string;
  region?: string;
  postalCode?: string;
  /** ISO 3166 alpha-2 code (`"VN"`). */
  country?: string;
}

/** One way to reach a customer, as recorded (normalised). */
export type ContactPoint =
  | { kind: "email"; address: string; label?: string }
  | { kind: "phone"; /** E.164 (`+84901234567`). */ number: string; label?: string }
  | { kind: "address"; address: PostalAddress; label?: string }
  | { kind: "social"; network: Network; handle: string; label?: string };

/** A postal address as given to a command. */
export interface PostalAddressInput {
  lines: string[];
  city?: string | null;
  region?: string | null;
  postalCode?: string | null;
  country?: string | null;
}

/** A contact point as given to a command (normalised on the way in). */
export type ContactPointInput =
  | { kind: "email"; address: string; label?: string | null }
  | { kind: "phone"; number: string; label?: string | null }
  | { kind: "address"; address: PostalAddressInput; label?: string | null }
  | { kind: "social"; network: Network; handle: string; label?: string | null };

/** Money in integer minor units and an ISO 4217 code. */
export interface Money {
  amountMinor: number;
  currency: string;
}

/** A typed custom attribute value, as stored. */
export type AttrValue =
  | { type: "text"; value: string }
  | { type: "integer"; value: number }
  | { type: "number"; value: number }
  | { type: "bool"; value: boolean }
  | { type: "date"; /** `YYYY-MM-DD` */ value: string }
  | { type: "date_time"; value: string }
  | { type: "money"; value: Money };

/** A typed custom attribute value, as given to a command. */
export type AttrValueInput =
  | { type: "text"; value: string }
  | { type: "integer"; value: number | bigint }
  | { type: "number"; value: number }
  | { type: "bool"; value: boolean }
  | { type: "date"; /** `YYYY-MM-DD` */ value: string }
  | { type: "date_time"; value: DateInput }
  | { type: "money"; value: { amountMinor: number | bigint; currency: string } };

/** A customer's names; `display` falls back to `full`. */
export interface Names {
  full: string;
  given?: string;
  family?: string;
  display?: string;
}

/** The latest consent decision for one channel and purpose. */
export interface Consent {
  channel: Channel;
  purpose: Purpose;
  granted: boolean;
  /** ISO 8601. */
  at: string;
  source: string;
}

/** A person's membership of an organisation. */
export interface Membership {
  organization: string;
  role?: string;
}

/** A customer, as folded from its events. Times are ISO 8601 strings. */
export interface Customer {
  id: string;
  kind: CustomerKind;
  names: Names;
  contacts: ContactPoint[];
  preferredChannel: Channel | null;
  language: string | null;
  timeZone: string | null;
  tags: string[];
  /** User-defined names, kept as given. */
  attributes: Record<string, AttrValue>;
  owner: string | null;
  lifecycle: Lifecycle;
  tier: string | null;
  consents: Consent[];
  memberships: Membership[];
  archived: boolean;
  createdAt: string;
  updatedAt: string;
}

/** An agent of the care or sales team. */
export interface Agent {
  id: string;
  name: string;
  team: string | null;
  email: string | null;
  active: boolean;
}

/** One touchpoint with a customer. */
export interface Interaction {
  id: string;
  customer: string;
  channel: Channel;
  network: Network | null;
  direction: Direction;
  subject: string | null;
  summary: string | null;
  agent: string | null;
  /** ISO 8601. */
  occurredAt: string;
  durationSeconds: number | null;
}

/** Who caused an event. */
export type Actor = { kind: "system" } | { kind: "agent"; id: string };
/** What an event concerns. */
export type EntityRef =
  | { kind: "workspace" }
  | { kind: "agent"; id: string }
  | { kind: "customer"; id: string }
  | { kind: "interaction"; id: string };

/** Fields a partial customer update changed: absent = unchanged, `null` = cleared. */
export interface CustomerChanges {
  fullName?: string;
  givenName?: string | null;
  familyName?: string | null;
  displayName?: string | null;
  preferredChannel?: Channel | null;
  language?: string | null;
  timeZone?: string | null;
  owner?: string | null;
  attributes?: Record<string, AttrValue | null>;
}

/** What happened (`type` is the event type). */
export type EventPayload =
  | { type: "workspace_configured"; defaultRegion: string | null }
  | { type: "agent_registered"; name: string; team: string | null; email: string | null }
  | { type: "agent_updated"; name?: string; team?: string | null; active?: boolean }
  | {
      type: "customer_registered";
      kind: CustomerKind;
      names: Names;
      contacts?: ContactPoint[];
      preferredChannel?: Channel;
      language?: string;
      timeZone?: string;
      tags?: string[];
      attributes?: Record<string, AttrValue>;
      owner?: string;
      lifecycle: Lifecycle;
      tier?: string;
    }
  | { type: "customer_updated"; changes: CustomerChanges }
  | { type: "contact_point_added"; contact: ContactPoint }
  | { type: "contact_point_removed"; contact: ContactPoint }
  | { type: "consent_recorded"; consent: Consent }
  | { type: "customer_tagged"; tags: string[] }
  | { type: "customer_untagged"; tags: string[] }
  | { type: "lifecycle_changed"; from: Lifecycle; to: Lifecycle; reason?: string }
  | { type: "tier_changed"; from: string | null; to: string | null }
  | { type: "customer_archived"; reason?: string }
  | { type: "customer_restored" }
  | { type: "membership_added"; membership: Membership }
  | { type: "membership_removed"; organization: string }
  | {
      type: "interaction_logged";
      customer: string;
      channel: Channel;
      network?: Network;
      direction: Direction;
      subject?: string;
      summary?: string;
      agent?: string;
      occurredAt: string;
      durationSeconds?: number;
    };

/** One event of the log, with camelCase keys. */
export interface EventJson {
  /** Format version. */
  v: number;
  /** Position in the log, from 1. */
  seq: number;
  id: string;
  /** ISO 8601. */
  at: string;
  actor: Actor;
  entity: EntityRef;
  payload: EventPayload;
}

export interface RegisterAgentInput {
  /** Use this id instead of a new one (for sync). */
  id?: string | null;
  name: string;
  team?: string | null;
  email?: string | null;
}

export interface UpdateAgentInput {
  agent: string;
  name?: string | null;
  /** `null` clears the team. */
  team?: string | null;
  active?: boolean | null;
}

export interface RegisterCustomerInput {
  /** Use this id instead of a new one (for sync). */
  id?: string | null;
  kind?: CustomerKind;
  fullName: string;
  givenName?: string | null;
  familyName?: string | null;
  displayName?: string | null;
  emails?: string[];
  /** Read in the workspace's default region unless they start with `+`. */
  phones?: string[];
  contacts?: ContactPointInput[];
  preferredChannel?: Channel | null;
  /** BCP 47 (`"vi"`, `"vi-VN"`). */
  language?: string | null;
  /** IANA (`"Asia/Ho_Chi_Minh"`). */
  timeZone?: string | null;
  tags?: string[];
  attributes?: Record<string, AttrValueInput>;
  /** Owning agent id. */
  owner?: string | null;
  lifecycle?: Lifecycle | null;
  tier?: string | null;
  /** Accept emails or phones that another active customer already uses. */
  allowSharedContacts?: boolean;
}

/** Absent fields stay as they are; `null` clears. */
export interface UpdateCustomerInput {
  customer: string;
  fullName?: string | null;
  givenName?: string | null;
  familyName?: string | null;
  displayName?: string | null;
  preferredChannel?: Channel | null;
  language?: string | null;
  timeZone?: string | null;
  owner?: string | null;
  /** A value sets the attribute, `null` removes it. */
  attributes?: Record<string, AttrValueInput | null>;
}

export interface AddContactPointInput {
  customer: string;
  contact: ContactPointInput;
  allowSharedContacts?: boolean;
}

export interface RemoveContactPointInput {
  customer: string;
  contact: ContactPointInput;
}

export interface RecordConsentInput {
  customer: string;
  channel: Channel;
  purpose: Purpose;
  granted: boolean;
  /** Where the decision came from ("web form"). */
  source: string;
}

export interface TagCustomerInput {
  customer: string;
  tags: string[];
}

export interface ChangeLifecycleInput {
  customer: string;
  to: Lifecycle;
  reason?: string | null;
}

export interface SetTierInput {
  customer: string;
  tier?: string | null;
}

export interface ArchiveCustomerInput {
  customer: string;
  reason?: string | null;
}

export interface RestoreCustomerInput {
  customer: string;
  allowSharedContacts?: boolean;
}

export interface AddMembershipInput {
  person: string;
  organization: string;
  role?: string | null;
}

export interface RemoveMembershipInput {
  person: string;
  organization: string;
}

export interface LogInteractionInput {
  /** Use this id instead of a new one (for sync). */
  id?: string | null;
  customer: string;
  channel: Channel;
  /** Required for `social`, refused otherwise. */
  network?: Network | null;
  direction?: Direction;
  subject?: string | null;
  summary?: string | null;
  /** The agent id who handled it. */
  agent?: string | null;
  /** When it happened (the command's `at` by default); not in the future. */
  occurredAt?: DateInput | null;
  durationSeconds?: number | null;
}

export interface ConfigureWorkspaceInput {
  defaultRegion?: string | null;
}

/** Any command as data, for `execute`. */
export type Command =
  | ({ type: "configure_workspace" } & ConfigureWorkspaceInput)
  | ({ type: "register_agent" } & RegisterAgentInput)
  | ({ type: "update_agent" } & UpdateAgentInput)
  | ({ type: "register_customer" } & RegisterCustomerInput)
  | ({ type: "update_customer" } & UpdateCustomerInput)
  | ({ type: "add_contact_point" } & AddContactPointInput)
  | ({ type: "remove_contact_point" } & RemoveContactPointInput)
  | ({ type: "record_consent" } & RecordConsentInput)
  | ({ type: "tag_customer" } & TagCustomerInput)
  | ({ type: "untag_customer" } & TagCustomerInput)
  | ({ type: "change_lifecycle" } & ChangeLifecycleInput)
  | ({ type: "set_tier" } & SetTierInput)
  | ({ type: "archive_customer" } & ArchiveCustomerInput)
  | ({ type: "restore_customer" } & RestoreCustomerInput)
  | ({ type: "add_membership" } & AddMembershipInput)
  | ({ type: "remove_membership" } & RemoveMembershipInput)
  | ({ type: "log_interaction" } & LogInteractionInput);

/** The entity a command created. */
export type CreatedRef =
  | { kind: "agent"; id: string }
  | { kind: "customer"; id: string }
  | { kind: "interaction"; id: string };

/** What a successful command did. */
export interface Outcome {
  created: CreatedRef | null;
  /** Sequence number of its first event (the next one when it had none). */
  firstSeq: number;
  /** How many events it appended (0 when nothing changed). */
  events: number;
}

/** Filters of `listCustomers`; all given ones must hold. */
export interface CustomerFilter {
  tag?: string | null;
  lifecycle?: Lifecycle | null;
  tier?: string | null;
  /** Owning agent id. */
  owner?: string | null;
  kind?: CustomerKind | null;
  /** `false` (default): active only; `true`: archived only; `null`: both. */
  archived?: boolean | null;
}

/** A page request: up to `limit` (1 to 1000, 50 by default) items after `after`. */
export interface PageRequest<C> {
  after?: C | null;
  limit?: number;
}

/** One page; pass `next` as `after` for the following page (`null` at the end). */
export interface Page<T, C> {
  items: T[];
  next: C | null;
}

export interface SearchHit {
  customer: Customer;
  score: number;
}

/** A timeline entry: an event and when it is shown (an interaction's `occurredAt`). */
export interface TimelineEntry {
  at: string;
  event: EventJson;
}

/** The stable error codes. */
export type ErrorCode = "not_found" | "invalid_input" | "invalid_transition" | "conflict" | "corrupt_log";

/** `code` and the structured `details` of each kind of error. */
export type ErrorInfo =
  | { code: "not_found"; details: { entity: string; id: string } }
  | { code: "invalid_input"; details: { field: string; value: string; reason: string } }
  | {
      code: "invalid_transition";
      details: { entity: string; id: string; action: string; current: string; allowed: string[] };
    }
  | {
      code: "conflict";
      details: { field: string; value: string; holderEntity: string; holder: string; remedy: string };
    }
  | { code: "corrupt_log"; details: { line: number; seq: number; reason: string } };

/** What every method throws: a real `Error` with a stable `code` and structured `details`. */
export type ClientcareError = Error & { name: "ClientcareError" } & ErrorInfo;

/** A rejected row of `registerCustomers` (0-based `row`). */
export type BulkRowError = { row: number; message: string } & ErrorInfo;

/** The result of `registerCustomers`: an id or `null` per row, and the errors. */
export interface BulkResult {
  ids: (string | null)[];
  errors: BulkRowError[];
}
"#;
