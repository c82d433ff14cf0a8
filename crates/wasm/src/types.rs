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
  | { kind: "interaction"; id: string }
  | { kind: "complaint"; id: string };

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
    }
  | {
      type: "complaint_opened";
      customer: string;
      channel: Channel;
      subject: string;
      description?: string;
      category?: string;
      priority: Priority;
      assignee?: string;
      team?: string;
      tags?: string[];
      interactions?: string[];
      follows?: string;
      receivedAt: string;
    }
  | { type: "complaint_updated"; changes: ComplaintChanges }
  | { type: "complaint_assigned"; assignee: string | null; team: string | null }
  | { type: "complaint_state_changed"; from: ComplaintState; to: ComplaintState; reason?: string }
  | {
      type: "complaint_message_added";
      author: MessageAuthor;
      agent?: string;
      channel: Channel;
      public: boolean;
      automated: boolean;
      body: string;
      occurredAt: string;
      interaction?: string;
    }
  | { type: "complaint_interaction_linked"; interaction: string }
  | { type: "complaint_resolved"; from: ComplaintState; category: string; note?: string; compensation?: Compensation[] }
  | { type: "complaint_reopened"; reason?: string }
  | { type: "complaint_closed"; /** Closed by `tick` after the auto-close delay. */ automatic: boolean }
  | { type: "complaint_cancelled"; from: ComplaintState; reason: CancelReason; note?: string }
  | { type: "complaint_merged"; from: ComplaintState; into: string }
  | {
      type: "complaint_escalated";
      fromLevel: number;
      toLevel: number;
      reason: string;
      assignee?: string;
      team?: string;
      notify?: string;
      /** Set when `tick` fired it for an SLA rule. */
      trigger?: EscalationTrigger;
    }
  | { type: "complaint_settings_changed"; settings: ComplaintSettings }
  | { type: "calendar_defined"; key: string; calendar: CalendarSpec }
  | { type: "calendar_removed"; key: string }
  | { type: "sla_policy_defined"; policy: SlaPolicy }
  | { type: "sla_policy_removed"; key: string };

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
  | ({ type: "log_interaction" } & LogInteractionInput)
  | ({ type: "configure_complaints" } & ConfigureComplaintsInput)
  | ({ type: "define_calendar" } & DefineCalendarInput)
  | ({ type: "remove_calendar" } & RemoveCalendarInput)
  | ({ type: "define_sla_policy" } & SlaPolicyInput)
  | ({ type: "remove_sla_policy" } & RemoveSlaPolicyInput)
  | ({ type: "open_complaint" } & OpenComplaintInput)
  | ({ type: "update_complaint" } & UpdateComplaintInput)
  | ({ type: "assign_complaint" } & AssignComplaintInput)
  | ({ type: "change_complaint_state" } & ChangeComplaintStateInput)
  | ({ type: "respond_to_complaint" } & RespondToComplaintInput)
  | ({ type: "add_customer_message" } & AddCustomerMessageInput)
  | ({ type: "link_interaction" } & LinkInteractionInput)
  | ({ type: "resolve_complaint" } & ResolveComplaintInput)
  | ({ type: "reopen_complaint" } & ReopenComplaintInput)
  | ({ type: "close_complaint" } & CloseComplaintInput)
  | ({ type: "cancel_complaint" } & CancelComplaintInput)
  | ({ type: "merge_complaint" } & MergeComplaintInput)
  | ({ type: "escalate_complaint" } & EscalateComplaintInput)
  | { type: "tick" };

/** The entity a command created. */
export type CreatedRef =
  | { kind: "agent"; id: string }
  | { kind: "customer"; id: string }
  | { kind: "interaction"; id: string }
  | { kind: "complaint"; id: string };

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

// ----- complaints -----

/** How urgent a complaint is. */
export type Priority = "low" | "normal" | "high" | "urgent";
/** Where a complaint is in its lifecycle. */
export type ComplaintState =
  | "new" | "open" | "in_progress" | "waiting_on_customer"
  | "resolved" | "closed" | "cancelled" | "merged";
/** The working states `changeComplaintState` moves between. */
export type WorkingState = "open" | "in_progress" | "waiting_on_customer";
/** Why a complaint was cancelled. */
export type CancelReason = "spam" | "duplicate" | "withdrawn" | "other";
/** What was given to make up for a problem. */
export type CompensationKind = "refund" | "voucher" | "replacement" | "gift" | "other";
/** Who wrote a message on a complaint. */
export type MessageAuthor = "customer" | "agent";
/** Order of `listComplaints`: oldest received first (default), newest first, or most urgent first. */
export type ComplaintSort = "oldest" | "newest" | "priority";

/** What was given with a resolution, as recorded. */
export interface Compensation {
  kind: CompensationKind;
  value: Money;
  note?: string;
}

/** A compensation as given to `resolveComplaint` (value zero or more). */
export interface CompensationInput {
  kind: CompensationKind;
  value: { amountMinor: number | bigint; currency: string };
  note?: string | null;
}

/** How a complaint was resolved (a reopened one resolved again has several). */
export interface Resolution {
  /** `repaired`, `refunded`, `explained`, ... */
  category: string;
  note: string | null;
  compensation: Compensation[];
  /** ISO 8601. */
  at: string;
  by: Actor;
}

/** A customer message or an agent response on a complaint. */
export interface Message {
  /** Sequence number of the event that recorded it. */
  seq: number;
  author: MessageAuthor;
  /** The agent, for responses written by a person. */
  agent: string | null;
  channel: Channel;
  /** Seen by the customer (`false`: an internal note). */
  public: boolean;
  /** Sent by an automation (never counts for the SLA). */
  automated: boolean;
  body: string;
  /** ISO 8601: when it was written (may be before it was recorded). */
  occurredAt: string;
}

/** Why a complaint was cancelled. */
export interface Cancellation {
  reason: CancelReason;
  note: string | null;
}

/** An SLA escalation already fired by `tick` (each fires once). */
export interface EscalationTrigger {
  metric: Metric;
  on: TriggerOn;
  /** The next-response cycle (1-based); 0 for the other metrics. */
  cycle: number;
}

/** A complaint, as folded from its events. Times are ISO 8601 strings. */
export interface Complaint {
  id: string;
  customer: string;
  channel: Channel;
  subject: string;
  description: string | null;
  category: string | null;
  priority: Priority;
  assignee: string | null;
  team: string | null;
  /** Sorted. */
  tags: string[];
  /** Linked interaction ids. */
  interactions: string[];
  /** The closed complaint this one follows up. */
  follows: string | null;
  state: ComplaintState;
  /** 0: not escalated; up to 9. */
  escalationLevel: number;
  /** When the SLA clocks started. */
  receivedAt: string;
  createdAt: string;
  updatedAt: string;
  /** The first public response by a person. */
  firstResponseAt: string | null;
  /** Oldest first; the last one is current while resolved or closed. */
  resolutions: Resolution[];
  reopenCount: number;
  /** Why it was cancelled (while cancelled). */
  cancelled: Cancellation | null;
  mergedInto: string | null;
  mergedFrom: string[];
  closedAt: string | null;
  /** In the order recorded. */
  messages: Message[];
  /** The SLA escalations `tick` already fired. */
  fired: EscalationTrigger[];
}

/** Fields a complaint update changed: absent = unchanged, `null` = cleared. */
export interface ComplaintChanges {
  subject?: string;
  description?: string | null;
  category?: string | null;
  priority?: Priority;
  tags?: string[];
}

/** Workspace-wide complaint settings. */
export interface ComplaintSettings {
  /** A resolved complaint can be reopened for this many hours (168 by default). */
  reopenWindowHours: number;
  /** `tick` closes a resolved complaint this many hours after its resolution (168 by default). */
  autoCloseAfterHours: number;
}

/** Absent fields stay as they are. */
export interface ConfigureComplaintsInput {
  reopenWindowHours?: number | null;
  autoCloseAfterHours?: number | null;
}

export interface OpenComplaintInput {
  /** Use this id instead of a new one (for sync); must be unused. */
  id?: string | null;
  /** An active customer. */
  customer: string;
  /** The channel it came in on. */
  channel: Channel;
  subject: string;
  description?: string | null;
  category?: string | null;
  /** `normal` by default. */
  priority?: Priority;
  /** An active agent. */
  assignee?: string | null;
  team?: string | null;
  tags?: string[];
  /** Interactions of the same customer to link. */
  interactions?: string[];
  /** A complaint of the same customer this one follows up. */
  follows?: string | null;
  /** When it was received (the SLA clocks start here); `opts.at` by default. */
  receivedAt?: DateInput | null;
}

/** Absent (or `null` for subject, priority, tags): unchanged; `null` clears description and category. */
export interface UpdateComplaintInput {
  complaint: string;
  subject?: string | null;
  description?: string | null;
  category?: string | null;
  priority?: Priority | null;
  /** Replaces the tags. */
  tags?: string[] | null;
}

/** Absent: unchanged; `null`: unassigned. */
export interface AssignComplaintInput {
  complaint: string;
  assignee?: string | null;
  team?: string | null;
}

export interface ChangeComplaintStateInput {
  complaint: string;
  to: WorkingState;
  reason?: string | null;
}

export interface RespondToComplaintInput {
  complaint: string;
  /** The agent who wrote it (`opts.actor` by default; may be absent only when `automated`). */
  agent?: string | null;
  /** The complaint's channel by default. */
  channel?: Channel | null;
  body: string;
  /** Seen by the customer (`true`, the default) or an internal note (`false`). */
  public?: boolean;
  /** Sent by an automation (never counts for the SLA). */
  automated?: boolean;
  /** When it was written (`opts.at` by default). */
  occurredAt?: DateInput | null;
}

export interface AddCustomerMessageInput {
  complaint: string;
  /** The complaint's channel by default. */
  channel?: Channel | null;
  body: string;
  /** When it was written (`opts.at` by default). */
  occurredAt?: DateInput | null;
  /** The interaction that carried it (linked to the complaint). */
  interaction?: string | null;
}

export interface LinkInteractionInput {
  complaint: string;
  interaction: string;
}

export interface ResolveComplaintInput {
  complaint: string;
  /** `repaired`, `refunded`, `explained`, ... */
  category: string;
  note?: string | null;
  compensation?: CompensationInput[];
}

export interface ReopenComplaintInput {
  complaint: string;
  reason?: string | null;
}

export interface CloseComplaintInput {
  complaint: string;
}

export interface CancelComplaintInput {
  complaint: string;
  reason: CancelReason;
  /** Required for `other`. */
  note?: string | null;
}

export interface MergeComplaintInput {
  /** The complaint that ends (`merged`). */
  complaint: string;
  /** The working complaint of the same customer that goes on. */
  into: string;
}

export interface EscalateComplaintInput {
  complaint: string;
  /** The new level (one above the current by default; at most 9). */
  level?: number | null;
  /** Reassign to this (active) agent. */
  reassignTo?: string | null;
  team?: string | null;
  /** Why (required). */
  reason: string;
}

/** Filters of `listComplaints`; all given ones must hold. */
export interface ComplaintFilter {
  /** In one of these states (empty or absent: the working states). */
  states?: ComplaintState[];
  assignee?: string | null;
  /** Only complaints with no assignee. */
  unassigned?: boolean;
  team?: string | null;
  priorities?: Priority[];
  category?: string | null;
  customer?: string | null;
  /** Received at or before. */
  receivedBefore?: DateInput | null;
  /** Received at or after. */
  receivedAfter?: DateInput | null;
}

// ----- business calendars and SLA -----

/** A measured SLA metric. */
export type Metric = "first_response" | "next_response" | "resolution";
/** Where a metric stands. */
export type MetricState = "running" | "paused" | "warning" | "met" | "breached" | "stopped";
/** When an escalation rule fires. */
export type TriggerOn = "warning" | "breach";
/** `first`: up to the first resolution; `total`: all working time, reopens included. */
export type ResolutionMode = "first" | "total";
/** An explained interval: working time that counted, or time paused. */
export type IntervalKind = "counted" | "paused";
/** A weekday as the calendar writes it. */
export type Weekday = "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";
/** A weekday as given: short or full name. */
export type WeekdayInput =
  | Weekday
  | "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday";
/** A wall-clock time of day, `"HH:MM"` or `"HH:MM:SS"`, 00:00 to 24:00 (24:00 only as an end). */
export type TimeOfDay = string;
/** A local date, `"YYYY-MM-DD"`. */
export type LocalDate = string;

/** Working time `[start, end)` on a local date. */
export interface WorkingWindow {
  start: TimeOfDay;
  end: TimeOfDay;
}

/** The working windows of one weekday, as defined. */
export interface DayHours {
  day: Weekday;
  windows: WorkingWindow[];
}

/** Dates whose hours replace the week's (closed when `open` is absent), as defined. */
export interface Holiday {
  date: LocalDate;
  /** Last date of a range, inclusive. */
  until?: LocalDate;
  name?: string;
  open?: WorkingWindow[];
}

/** A business calendar, as defined (normalised; empty lists and `false` left out). */
export interface CalendarSpec {
  /** IANA zone (`"Asia/Ho_Chi_Minh"`); windows are wall-clock times there. */
  timeZone: string;
  alwaysOpen?: boolean;
  /** Weekdays not listed are closed. */
  week?: DayHours[];
  holidays?: Holiday[];
}

export interface DayHoursInput {
  day: WeekdayInput;
  /** None: closed that day. */
  windows?: WorkingWindow[];
}

export interface HolidayInput {
  date: LocalDate;
  until?: LocalDate | null;
  name?: string | null;
  /** The working windows on these dates (none: closed all day). */
  open?: WorkingWindow[];
}

/** A business calendar as given to `defineCalendar`. */
export interface CalendarSpecInput {
  timeZone: string;
  /** Open 24/7 (then `week` must be empty; holidays still apply). */
  alwaysOpen?: boolean;
  week?: DayHoursInput[];
  holidays?: HolidayInput[];
}

export interface DefineCalendarInput {
  key: string;
  calendar: CalendarSpecInput;
}

export interface RemoveCalendarInput {
  key: string;
}

export interface RemoveSlaPolicyInput {
  key: string;
}

/** When a policy applies: every non-empty list must hold the complaint's value (tags: any one, of the complaint or its customer). */
export interface SlaConditions {
  priorities?: Priority[];
  categories?: string[];
  channels?: Channel[];
  /** Customer tiers. */
  tiers?: string[];
  tags?: string[];
}

/** Business-time targets in minutes (at least 1); an absent one is not measured. */
export interface SlaTargets {
  firstResponseMinutes?: number;
  nextResponseMinutes?: number;
  resolutionMinutes?: number;
}

/** An escalation `tick` fires once per complaint, metric, cycle and trigger, as defined. */
export interface EscalationRule {
  on: TriggerOn;
  /** Any metric when absent. */
  metric?: Metric;
  /** 1 to 9. */
  level: number;
  reassignTo?: string;
  team?: string;
  /** Whom to notify (recorded on the event for the host to deliver). */
  notify?: string;
}

/** An SLA policy, as defined (normalised). */
export interface SlaPolicy {
  key: string;
  name?: string;
  /** Lower goes first; ties by key. */
  precedence: number;
  /** Key of the business calendar the clocks run on. */
  calendar: string;
  conditions: SlaConditions;
  targets: SlaTargets;
  warnBeforeMinutes?: number;
  /** States that pause every clock. */
  pauseStates: ("new" | WorkingState)[];
  resolutionMode: ResolutionMode;
  escalations?: EscalationRule[];
}

export interface EscalationRuleInput {
  on: TriggerOn;
  metric?: Metric | null;
  level: number;
  reassignTo?: string | null;
  team?: string | null;
  notify?: string | null;
}

/** An SLA policy as given to `defineSlaPolicy` (a used key replaces that policy). */
export interface SlaPolicyInput {
  key: string;
  name?: string | null;
  /** 0 by default. */
  precedence?: number;
  calendar: string;
  /** Matches everything when absent. */
  conditions?: SlaConditions;
  targets: {
    firstResponseMinutes?: number | null;
    nextResponseMinutes?: number | null;
    resolutionMinutes?: number | null;
  };
  /** A running metric warns when this many business minutes or fewer remain. */
  warnBeforeMinutes?: number | null;
  /** Working states that pause every clock; `["waiting_on_customer"]` by default. */
  pauseStates?: ("new" | WorkingState)[];
  /** `total` by default. */
  resolutionMode?: ResolutionMode;
  escalations?: EscalationRuleInput[];
}

/** One interval of an SLA explanation (ISO 8601 times, `to` exclusive). */
export interface SlaInterval {
  from: string;
  to: string;
  kind: IntervalKind;
  /** The complaint's state then. */
  state: ComplaintState;
}

/** One metric of a complaint's SLA status. Times are ISO 8601; durations are business seconds. */
export interface MetricStatus {
  metric: Metric;
  targetMinutes: number;
  state: MetricState;
  /** When its clock started (next response: the first unanswered customer message). */
  startedAt: string;
  /** When the target falls due (the breach instant once breached); `null` while paused. */
  deadline: string | null;
  elapsedSeconds: number;
  /** 0 once breached. */
  remainingSeconds: number;
  warningAt: string | null;
  breachedAt: string | null;
  /** When it was fulfilled (response, resolution). */
  completedAt: string | null;
  /** Next response: this cycle (1-based); 0 for the other metrics. */
  cycle: number;
  /** Next response: how many cycles there were. */
  cycles: number;
  /** Next response: how many cycles breached. */
  breachedCycles: number;
  /** Only from `explainSla` (and left out when there are none). */
  intervals?: SlaInterval[];
}

/** The SLA status of one complaint at an instant. */
export interface SlaStatus {
  complaint: string;
  /** The instant it was computed for. */
  at: string;
  /** The policy that applies (`null`: none, and no metrics). */
  policy: string | null;
  calendar: string | null;
  /** One per metric the policy targets (next response once a customer message started a cycle). */
  metrics: MetricStatus[];
}

/** A complaint whose SLA needs attention. */
export interface SlaAlert {
  complaint: string;
  metric: Metric;
  state: "warning" | "breached";
  /** The breach instant when breached. */
  deadline: string | null;
  /** Business seconds left (0 when breached). */
  remainingSeconds: number;
  priority: Priority;
  assignee: string | null;
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
