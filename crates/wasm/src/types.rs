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
  /** The survivor this customer was merged into (its id resolves there), or `null`. */
  mergedInto: string | null;
  /** When its personal data was erased (ISO 8601), or `null`. */
  erasedAt: string | null;
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
  | { kind: "complaint"; id: string }
  | { kind: "opportunity"; id: string }
  | { kind: "purchase"; id: string }
  | { kind: "follow_up"; id: string }
  | { kind: "playbook_run"; id: string }
  | { kind: "referral"; id: string }
  | { kind: "survey"; id: string };

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
  | { type: "sla_policy_removed"; key: string }
  | { type: "pipeline_defined"; pipeline: Pipeline }
  | { type: "loyalty_configured"; settings: LoyaltySettings }
  | ({ type: "opportunity_opened" } & OpportunityOpened)
  | { type: "opportunity_updated"; changes: OpportunityChanges }
  | { type: "opportunity_moved"; from: string; to: string; lostReason?: string; note?: string }
  | ({ type: "purchase_recorded" } & PurchaseRecorded)
  | { type: "referral_recorded"; referrer: string; referred: string; note?: string }
  | { type: "referral_qualified"; /** The referred customer's first purchase. */ purchase: string }
  | { type: "referral_rewarded"; reward: Compensation }
  | ({ type: "follow_up_scheduled" } & FollowUpScheduled)
  | { type: "follow_up_completed"; outcome?: string }
  | { type: "follow_up_cancelled"; reason: string }
  | { type: "follow_up_snoozed"; from: string; until: string; dueEnd: string }
  | { type: "follow_up_reassigned"; /** As they now are. */ assignee: string | null; team: string | null }
  | { type: "playbook_defined"; playbook: Playbook }
  | { type: "playbook_removed"; key: string }
  | {
      type: "playbook_run_started";
      playbook: string;
      customer: string;
      purchase: string;
      /** With their follow-up, or why they were skipped. */
      steps: PlannedStep[];
    }
  | { type: "playbook_run_ended"; status: RunStatus; reason: string }
  | { type: "survey_defined"; template: SurveyTemplate }
  | { type: "survey_removed"; key: string }
  | { type: "feedback_configured"; settings: FeedbackSettings }
  | ({ type: "survey_sent" } & SurveySent)
  | ({ type: "survey_answered" } & SurveyAnswered)
  | ({ type: "customers_merged" } & CustomersMerged)
  | {
      type: "customers_unmerged";
      /** The customers that were merged away and are back. */
      merged: string[];
    }
  | {
      type: "customer_erased";
      /** Customers merged into it, erased with it. */
      merged?: string[];
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
  | { type: "tick" }
  | ({ type: "define_pipeline" } & PipelineInput)
  | ({ type: "configure_loyalty" } & LoyaltySettingsInput)
  | ({ type: "open_opportunity" } & OpenOpportunityInput)
  | ({ type: "update_opportunity" } & UpdateOpportunityInput)
  | ({ type: "move_opportunity" } & MoveOpportunityInput)
  | ({ type: "record_purchase" } & RecordPurchaseInput)
  | ({ type: "record_referral" } & RecordReferralInput)
  | ({ type: "reward_referral" } & RewardReferralInput)
  | ({ type: "schedule_follow_up" } & ScheduleFollowUpInput)
  | ({ type: "complete_follow_up" } & CompleteFollowUpInput)
  | ({ type: "cancel_follow_up" } & CancelFollowUpInput)
  | ({ type: "snooze_follow_up" } & SnoozeFollowUpInput)
  | ({ type: "reassign_follow_up" } & ReassignFollowUpInput)
  | ({ type: "define_playbook" } & PlaybookInput)
  | ({ type: "remove_playbook" } & RemovePlaybookInput)
  | ({ type: "cancel_playbook_run" } & CancelPlaybookRunInput)
  | ({ type: "configure_feedback" } & FeedbackSettingsInput)
  | ({ type: "define_survey" } & SurveyTemplateInput)
  | ({ type: "remove_survey" } & RemoveSurveyInput)
  | ({ type: "send_survey" } & SendSurveyInput)
  | ({ type: "answer_survey" } & AnswerSurveyInput)
  | ({ type: "merge_customers" } & MergeCustomersInput)
  | ({ type: "unmerge_customers" } & UnmergeCustomersInput)
  | ({ type: "erase_customer" } & EraseCustomerInput);

/** The entity a command created. */
export type CreatedRef =
  | { kind: "agent"; id: string }
  | { kind: "customer"; id: string }
  | { kind: "interaction"; id: string }
  | { kind: "complaint"; id: string }
  | { kind: "opportunity"; id: string }
  | { kind: "purchase"; id: string }
  | { kind: "follow_up"; id: string }
  | { kind: "referral"; id: string }
  | { kind: "survey"; id: string };

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

/** Which part of a customer a search hit matched. */
export type MatchedField = "name" | "name_typo" | "email" | "phone" | "tag";

/** Options of `searchCustomers`. */
export interface SearchOptions {
  /** Only people or only organisations. */
  kind?: CustomerKind | null;
  /** Find archived customers too (`false` by default). */
  includeArchived?: boolean;
  /** How many ranked hits to skip (a page's `nextOffset`). */
  offset?: number;
  /** Page size, 1 to 1000 (20 by default). */
  limit?: number;
  /** Let name words match with typos (`true` by default). */
  typos?: boolean;
}

/** One customer found by a search. */
export interface SearchHit {
  customer: Customer;
  /** Higher is better: whole contacts, then exact, prefix and typo name words, then tags. */
  score: number;
  /** What matched. */
  matched: MatchedField[];
}

/** A page of ranked search hits. */
export interface SearchResults {
  /** This page's hits, best first. */
  hits: SearchHit[];
  /** How many customers match in all (every page). */
  total: number;
  /** The `offset` of the next page, or `null` at the end. */
  nextOffset: number | null;
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

// ----- sales pipeline, purchases, loyalty, referrals -----

/** Money as given to a command: integer minor units (zero or more here) and an ISO 4217 code. */
export interface MoneyInput {
  amountMinor: number | bigint;
  currency: string;
}

/** Whether a stage is still in play, won or lost. */
export type StageKind = "open" | "won" | "lost";

/** One stage of a pipeline, as defined (normalised). */
export interface Stage {
  key: string;
  name?: string;
  /** Win probability in percent: 0 to 100 for open stages, 100 won, 0 lost. */
  probability: number;
  kind: StageKind;
  /** An open opportunity idle for more than this many days is rotting. */
  rotDays?: number;
}

/** A sales pipeline, as defined (normalised). */
export interface Pipeline {
  key: string;
  name?: string;
  /** In order. */
  stages: Stage[];
  /** The reasons a deal can be lost for (`price`, `competitor`, ...). */
  lostReasons: string[];
}

export interface StageInput {
  /** Unique in the pipeline. */
  key: string;
  name?: string | null;
  /** 0 to 100 for open stages, 100 for won stages, 0 for lost stages. */
  probability: number;
  /** `open` by default. */
  kind?: StageKind;
  /** Only open stages rot. */
  rotDays?: number | null;
}

/** A pipeline as given to `definePipeline` (a used key replaces that pipeline). */
export interface PipelineInput {
  key: string;
  name?: string | null;
  /** At least one open, one won and one lost stage. */
  stages: StageInput[];
  /** At least one. */
  lostReasons: string[];
}

/** Where an opportunity came from, as recorded. */
export interface Source {
  channel?: Channel;
  /** A campaign (`tet-2027`). */
  campaign?: string;
  /** The customer who referred this one. */
  referredBy?: string;
}

export interface SourceInput {
  channel?: Channel | null;
  campaign?: string | null;
  referredBy?: string | null;
}

/** A sales opportunity (a deal). Times are ISO 8601 strings. */
export interface Opportunity {
  id: string;
  customer: string;
  /** The pipeline key. */
  pipeline: string;
  title: string;
  /** Expected value. */
  value: Money;
  expectedClose: LocalDate | null;
  source: Source;
  /** The owning agent. */
  owner: string | null;
  /** The current stage key. */
  stage: string;
  /** The kind of the current stage. */
  status: StageKind;
  /** Why it was lost (while lost). */
  lostReason: string | null;
  /** The purchase recorded when it was won. */
  purchase: string | null;
  /** How many times it was reopened after being won or lost. */
  reopenCount: number;
  createdAt: string;
  updatedAt: string;
  stageEnteredAt: string;
  /** Its own events and interactions with the customer. */
  lastActivityAt: string;
  /** When it was last won or lost. */
  closedAt: string | null;
}

export interface OpenOpportunityInput {
  /** Use this id instead of a new one (for sync); must be unused. */
  id?: string | null;
  /** An active customer. */
  customer: string;
  /** `"sales"` (the built-in default) when absent. */
  pipeline?: string | null;
  title: string;
  /** Expected value (zero or more). */
  value: MoneyInput;
  expectedClose?: LocalDate | null;
  source?: SourceInput;
  /** An active agent. */
  owner?: string | null;
  /** The open stage it starts in (the first open stage when absent). */
  stage?: string | null;
}

/** Absent: unchanged; `null` clears `expectedClose` and `owner` (and leaves `title`, `value`). */
export interface UpdateOpportunityInput {
  opportunity: string;
  title?: string | null;
  value?: MoneyInput | null;
  expectedClose?: LocalDate | null;
  owner?: string | null;
}

/** What was bought when an opportunity is won (its value and no lines when absent). */
export interface WonPurchaseInput {
  items?: PurchaseItemInput[];
  /** The opportunity's title when absent and there are no lines. */
  description?: string | null;
  /** The lines' total, or the opportunity's value. */
  amount?: MoneyInput | null;
  /** `in_person` by default. */
  channel?: Channel | null;
}

export interface MoveOpportunityInput {
  opportunity: string;
  /** A stage key of its pipeline. */
  stage: string;
  /** Required into a lost stage (one of the pipeline's `lostReasons`), refused elsewhere. */
  lostReason?: string | null;
  note?: string | null;
  /** Only into a won stage. */
  purchase?: WonPurchaseInput | null;
}

/** One line of a purchase, as recorded. */
export interface PurchaseItem {
  name: string;
  category?: string;
  quantity: number;
  unitPrice: Money;
}

export interface PurchaseItemInput {
  name: string;
  /** Playbook conditions can match it. */
  category?: string | null;
  /** 1 by default. */
  quantity?: number;
  unitPrice: MoneyInput;
}

/** A purchase. */
export interface Purchase {
  id: string;
  customer: string;
  items: PurchaseItem[];
  description: string | null;
  /** The total. */
  amount: Money;
  channel: Channel;
  occurredAt: string;
  /** The opportunity it won. */
  opportunity: string | null;
}

export interface RecordPurchaseInput {
  /** Use this id instead of a new one (for sync); must be unused. */
  id?: string | null;
  /** An active customer. */
  customer: string;
  /** All in one currency. */
  items?: PurchaseItemInput[];
  /** Required without lines. */
  description?: string | null;
  /** The lines' total when absent; must equal it when both are given. */
  amount?: MoneyInput | null;
  channel: Channel;
  /** When it was made (`opts.at` by default; not in the future). */
  occurredAt?: DateInput | null;
}

/** A rule that gives a tier, as defined: the first rule met (best first) wins. */
export interface TierRule {
  tier: string;
  /** At least this much spent in the window (purchases in other currencies do not count). */
  minSpend?: Money;
  /** At least this many purchases in the window. */
  minPurchases?: number;
  /** A recurring contact plan for customers of this tier. */
  plan?: TierPlan;
}

/**
 * A recurring contact plan attached to a tier, as defined: scheduled as a
 * recurring follow-up (in the customer's time zone, UTC without one; linked
 * to the tier) when a customer enters the tier, cancelled when they leave it.
 */
export interface TierPlan {
  /** The follow-ups' subject. */
  subject: string;
  kind: FollowUpKind;
  rule: RuleSpec;
  /** Local time of day of each occurrence, `"HH:MM:SS"`. */
  time: TimeOfDay;
}

export interface TierPlanInput {
  subject: string;
  kind: FollowUpKind;
  /** An object or `RRULE` text (`"FREQ=MONTHLY;BYDAY=1MO"`). */
  rule: RuleSpecInput;
  /** `"HH:MM"` or `"HH:MM:SS"`; 09:00 by default. */
  time?: TimeOfDay;
}

/** How purchases move customers: lifecycle `loyal` and tiers. */
export interface LoyaltySettings {
  /** This many purchases in the window make a customer `loyal` (never when absent). */
  loyalAfterPurchases?: number;
  /** Best tier first; absent: tiers are set by hand only. */
  tierRules?: TierRule[];
  /** The window of both rules, in days. */
  windowDays: number;
}

export interface TierRuleInput {
  tier: string;
  /** `minSpend` and/or `minPurchases`. */
  minSpend?: MoneyInput | null;
  minPurchases?: number | null;
  plan?: TierPlanInput | null;
}

/** The loyalty rules as a whole (absent fields take their defaults). */
export interface LoyaltySettingsInput {
  loyalAfterPurchases?: number | null;
  tierRules?: TierRuleInput[];
  /** 365 by default. */
  windowDays?: number;
}

/** Where a referral stands. */
export type ReferralStatus = "pending" | "qualified" | "rewarded";

/** Who referred whom. */
export interface Referral {
  id: string;
  referrer: string;
  referred: string;
  referredAt: string;
  note: string | null;
  status: ReferralStatus;
  /** The referred customer's first purchase. */
  qualifyingPurchase: string | null;
  reward: Compensation | null;
}

export interface RecordReferralInput {
  /** Use this id instead of a new one (for sync); must be unused. */
  id?: string | null;
  referrer: string;
  /** Referred once; not the referrer. */
  referred: string;
  note?: string | null;
}

export interface RewardReferralInput {
  /** A qualified referral. */
  referral: string;
  reward: CompensationInput;
}

/** One column of a pipeline board. Money totals have one entry per currency. */
export interface BoardColumn {
  stage: string;
  kind: StageKind;
  probability: number;
  count: number;
  value: Money[];
  /** `value` times the probability (minor units rounded down). */
  weighted: Money[];
}

/** A pipeline board: one column per stage, in order. */
export interface Board {
  pipeline: string;
  columns: BoardColumn[];
  /** Weighted value of the open stages, per currency. */
  forecast: Money[];
}

/** The payload fields of `opportunity_opened`. */
export interface OpportunityOpened {
  customer: string;
  pipeline: string;
  title: string;
  value: Money;
  expectedClose?: LocalDate;
  source: Source;
  owner?: string;
  stage: string;
}

/** Fields an opportunity update changed: absent = unchanged, `null` = cleared. */
export interface OpportunityChanges {
  title?: string;
  value?: Money;
  expectedClose?: LocalDate | null;
  owner?: string | null;
}

/** The payload fields of `purchase_recorded`. */
export interface PurchaseRecorded {
  customer: string;
  items?: PurchaseItem[];
  description?: string;
  amount: Money;
  channel: Channel;
  occurredAt: string;
  opportunity?: string;
}

// ----- follow-ups and recurrence -----

/** What kind of task a follow-up is. */
export type FollowUpKind = "call" | "email" | "message" | "visit" | "gift" | "survey" | "other";
/** Where a follow-up stands. */
export type FollowUpStatus = "open" | "done" | "cancelled";
/** `FREQ` of a recurrence rule. */
export type Frequency = "daily" | "weekly" | "monthly" | "yearly";
/** An RFC 5545 weekday code. */
export type WeekdayCode = "mo" | "tu" | "we" | "th" | "fr" | "sa" | "su";
/** A weekday with an optional ordinal, as written back: `"mo"`, `"2tu"` (second Tuesday), `"-1fr"` (last Friday). */
export type WeekdayNum = WeekdayCode | `${number}${WeekdayCode}`;
/** A weekday with an optional ordinal, as given (either case). */
export type WeekdayNumInput = WeekdayNum | Uppercase<WeekdayNum>;
/** A local wall-clock time without offset, `"YYYY-MM-DDTHH:MM:SS"` (in the recurrence's time zone). */
export type LocalDateTime = string;

/** A recurrence rule (the common subset of RFC 5545 `RRULE`), as recorded. */
export interface RuleSpec {
  freq: Frequency;
  /** Every n-th period; left out when 1. */
  interval?: number;
  byDay?: WeekdayNum[];
  /** 1 to 31, or -1 (the last day) to -31. */
  byMonthDay?: number[];
  /** 1 (January) to 12. */
  byMonth?: number[];
  count?: number;
  /** The last allowed local time, inclusive. */
  until?: LocalDateTime;
  weekStart?: WeekdayCode;
}

/** A recurrence rule as given: an object, or `RRULE` text (`"FREQ=MONTHLY;BYDAY=-1FR;COUNT=6"`). */
export type RuleSpecInput =
  | string
  | {
      freq: Frequency | Uppercase<Frequency>;
      /** 1 by default. */
      interval?: number;
      /** Ordinals (`"-1fr"`) only for monthly and yearly rules. */
      byDay?: WeekdayNumInput[];
      byMonthDay?: number[];
      byMonth?: number[];
      /** Not with `until`. */
      count?: number | null;
      /** A local date (the whole day) or local date-time; not with `count`. */
      until?: LocalDate | LocalDateTime | null;
      weekStart?: WeekdayCode | WeekdayInput | null;
    };

/** A recurrence as recorded: local times in `timeZone`. */
export interface RecurrenceSpec {
  /** `DTSTART`: occurrences take its time of day; none is earlier. */
  start: LocalDateTime;
  /** IANA zone. */
  timeZone: string;
  rule?: RuleSpec;
  /** `RDATE`: extra occurrences. */
  dates?: LocalDateTime[];
  /** `EXDATE`: removed occurrences. */
  exdates?: LocalDateTime[];
}

/** A recurrence as given (local wall-clock times, no offset: a `Date` is refused). */
export interface RecurrenceSpecInput {
  start: LocalDateTime;
  timeZone: string;
  /** Only `dates` when absent. */
  rule?: RuleSpecInput | null;
  /** A plain date means `start`'s time of day on it. */
  dates?: (LocalDate | LocalDateTime)[];
  exdates?: (LocalDate | LocalDateTime)[];
}

/** Options of `occurrences`. */
export interface OccurrencesOptions {
  /** From this instant on (the first occurrence by default). */
  since?: DateInput;
  /** Only occurrences before this instant. */
  before?: DateInput;
  /** At most this many (1 to 10 000, 100 by default). */
  limit?: number;
}

/** What a follow-up is about. */
export interface FollowUpLinks {
  opportunity?: string;
  complaint?: string;
  playbookRun?: string;
  /** The step of the playbook run (0-based). */
  playbookStep?: number;
  /** The tier whose contact plan scheduled it. */
  tier?: string;
}

export interface FollowUpLinksInput {
  opportunity?: string | null;
  complaint?: string | null;
  playbookRun?: string | null;
  playbookStep?: number | null;
  tier?: string | null;
}

/** A follow-up task (one occurrence of a series when it recurs). Times are ISO 8601 strings. */
export interface FollowUp {
  id: string;
  /** The id of the series' first occurrence (its own id when it does not recur). */
  series: string;
  /** 1-based. */
  occurrence: number;
  subject: string;
  kind: FollowUpKind;
  customer: string | null;
  dueAt: string;
  /** The occurrence it stands for (its first due time; snoozing does not move it). */
  slot: string;
  /** A whole-day task: due on the local date of `dueAt` in `timeZone`. */
  allDay: boolean;
  /** When it becomes overdue (`dueAt`, or the end of the day for whole-day tasks). */
  dueEnd: string;
  timeZone: string | null;
  assignee: string | null;
  team: string | null;
  priority: Priority;
  links: FollowUpLinks;
  status: FollowUpStatus;
  /** The outcome (done) or the reason (cancelled). */
  outcome: string | null;
  /** How many times it was snoozed. */
  snoozed: number;
  /** The recurrence of its series. */
  recurrence: RecurrenceSpec | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

/** Give exactly one of `dueAt`, `dueDate` and `recurrence`. */
export interface ScheduleFollowUpInput {
  /** Use this id instead of a new one (for sync); must be unused. */
  id?: string | null;
  subject: string;
  kind: FollowUpKind;
  /** An active customer. */
  customer?: string | null;
  /** Due at this instant. */
  dueAt?: DateInput | null;
  /** Or a whole-day task on this local date. */
  dueDate?: LocalDate | null;
  /** The zone of `dueDate` (the customer's when absent). */
  timeZone?: string | null;
  /** Or due at each occurrence of this recurrence, one task at a time. */
  recurrence?: RecurrenceSpecInput | null;
  /** An active agent. */
  assignee?: string | null;
  team?: string | null;
  /** `normal` by default. */
  priority?: Priority;
  links?: FollowUpLinksInput;
}

export interface CompleteFollowUpInput {
  followUp: string;
  outcome?: string | null;
}

export interface CancelFollowUpInput {
  followUp: string;
  /** Why (required). */
  reason: string;
  /** Skip only this occurrence of a recurring series (the next one is scheduled). */
  skipOnly?: boolean;
}

export interface SnoozeFollowUpInput {
  followUp: string;
  /** The new due time: after `opts.at` and after the current due time. */
  until: DateInput;
}

/** Absent: unchanged; `null`: unassigned. */
export interface ReassignFollowUpInput {
  followUp: string;
  assignee?: string | null;
  team?: string | null;
}

/** Options of `agenda` and `teamAgenda`. */
export interface AgendaOptions {
  /** The current time by default. */
  now?: DateInput;
  /** How far ahead `upcoming` looks, in seconds (one day by default, as in Python). */
  withinSeconds?: number;
  /** At most this many follow-ups in all (1 to 10 000, 100 by default). */
  limit?: number;
}

/** An agenda at an instant. */
export interface Agenda {
  /** Open follow-ups past their due time (whole-day ones once their day is over), oldest first. */
  overdue: FollowUp[];
  /** Open follow-ups due within the window, soonest first (today's whole-day tasks included). */
  upcoming: FollowUp[];
  /** Whether `limit` cut the lists. */
  truncated: boolean;
}

/** The payload fields of `follow_up_scheduled`. */
export interface FollowUpScheduled {
  series: string;
  occurrence: number;
  subject: string;
  kind: FollowUpKind;
  customer?: string;
  dueAt: string;
  allDay: boolean;
  dueEnd: string;
  timeZone?: string;
  assignee?: string;
  team?: string;
  priority: Priority;
  links: FollowUpLinks;
  recurrence?: RecurrenceSpec;
}

// ----- after-sales playbooks -----

/** What an after-sales step is for. */
export type StepKind = "thank_you" | "advice" | "survey" | "check_in" | "promotion" | "gift" | "visit";
/** Where a playbook run stands. */
export type RunStatus = "active" | "completed" | "cancelled" | "stopped";
/** Where a step of a run stands. */
export type StepStatus = "scheduled" | "done" | "cancelled" | "skipped";

/** One step of a playbook, as defined. */
export interface PlaybookStep {
  kind: StepKind;
  /** The follow-up's subject. */
  subject: string;
  /** Days after the purchase (calendar days at its time of day, or business days: the start of that working day). */
  offsetDays: number;
  /** Count `offsetDays` in business days of the playbook's calendar. */
  businessDays: boolean;
  /** The channel; consent for it and `purpose` is checked. */
  channel: Channel;
  purpose: Purpose;
  /** A survey step: the survey completing its follow-up sends (`"csat"`, `"nps"`, `"ces"` or a custom survey's key). */
  survey?: string;
}

/** Which purchases start a playbook (empty or absent: any). */
export interface PlaybookConditions {
  /** The customer's tier is one of these. */
  tiers?: string[];
  /** An item of the purchase is in one of these categories. */
  categories?: string[];
  /** The purchase is worth at least this much (same currency). */
  minValue?: Money;
}

/** An after-sales playbook, as defined (normalised). */
export interface Playbook {
  key: string;
  name?: string;
  conditions: PlaybookConditions;
  steps: PlaybookStep[];
  /** The business calendar of business-day offsets. */
  calendar?: string;
  /** The team its follow-ups go to (they go to the customer's owner too). */
  team?: string;
}

export interface PlaybookStepInput {
  kind: StepKind;
  subject: string;
  /** 0 to 3660. */
  offsetDays: number;
  /** Needs the playbook's `calendar`. */
  businessDays?: boolean;
  channel: Channel;
  /** `service` by default. */
  purpose?: Purpose;
  /**
   * Only for `survey` steps: the survey completing its follow-up sends on the
   * step's channel, if the customer consents to feedback there then
   * (`"csat"`, `"nps"`, `"ces"` or the key of a defined custom survey).
   */
  survey?: string | null;
}

export interface PlaybookConditionsInput {
  tiers?: string[];
  categories?: string[];
  minValue?: MoneyInput | null;
}

/** A playbook as given to `definePlaybook` (a used key replaces that playbook). */
export interface PlaybookInput {
  key: string;
  name?: string | null;
  conditions?: PlaybookConditionsInput;
  steps: PlaybookStepInput[];
  /** A defined calendar; required when a step counts business days. */
  calendar?: string | null;
  team?: string | null;
}

export interface RemovePlaybookInput {
  key: string;
}

export interface CancelPlaybookRunInput {
  run: string;
  /** Why (required). */
  reason: string;
}

/** One step of a run as planned when it started. */
export interface PlannedStep {
  /** The step's position in the playbook (0-based). */
  index: number;
  kind: StepKind;
  /** The follow-up it became. */
  followUp?: string;
  /** Why it was skipped (no follow-up then). */
  skipped?: string;
  /** The survey its completion sends (survey steps). */
  survey?: string;
}

/** A run of a playbook for one customer. */
export interface PlaybookRun {
  id: string;
  /** The playbook key. */
  playbook: string;
  customer: string;
  /** The purchase that started it. */
  purchase: string;
  startedAt: string;
  steps: PlannedStep[];
  /** How it ended early; `null` while it runs or once it completed (see `playbookProgress`). */
  ended: RunEnd | null;
}

/** How a playbook run ended early. */
export interface RunEnd {
  status: "cancelled" | "stopped";
  reason: string;
  /** ISO 8601. */
  at: string;
}

/** Progress of one step of a run. */
export interface StepProgress {
  index: number;
  kind: StepKind;
  status: StepStatus;
  followUp: string | null;
  /** When it is (or was) due. */
  dueAt: string | null;
  /** Why it was skipped or cancelled, or its outcome. */
  note: string | null;
}

/** Progress of a playbook run. */
export interface RunProgress {
  run: string;
  playbook: string;
  status: RunStatus;
  steps: StepProgress[];
}

// ----- feedback: surveys -----

/** What a survey measures: a standard score, or a custom survey's questions. */
export type SurveyKind = "csat" | "nps" | "ces" | "custom";
/** A standard measure: CSAT 1-5, NPS 0-10, CES 1-7. */
export type SurveyMeasure = "csat" | "nps" | "ces";
/** Where a survey stands (`answered_late`: kept, not counted). */
export type SurveyStatus = "sent" | "answered" | "answered_late";
/** The kind of answer a question takes. */
export type QuestionKind = "scale" | "choice" | "text";

/** One question of a custom survey, as defined (normalised). */
export type Question = { key: string; text: string; required: boolean } & (
  | {
      kind: "scale";
      /** Lowest score (included). */
      min: number;
      /** Highest score (included). */
      max: number;
      /** The standard measure its answers count in (its range matches). */
      measures?: SurveyMeasure;
    }
  | {
      kind: "choice";
      options: string[];
      /** Several options may be picked (left out when not). */
      multiple?: boolean;
    }
  | { kind: "text" }
);

/** A question as given to `defineSurvey`. */
export type QuestionInput = {
  /** The answer's key, unique in the survey (kept as written). */
  key: string;
  text: string;
  /** An answer must include it (`false` by default). */
  required?: boolean;
} & (
  | {
      kind: "scale";
      /** `min < max`, at most 100 steps. */
      min: number;
      max: number;
      /** Feed a standard measure (at most one scale per survey): csat 1-5, nps 0-10, ces 1-7. */
      measures?: SurveyMeasure | null;
    }
  | {
      kind: "choice";
      /** 2 to 50 distinct options. */
      options: string[];
      /** Several options may be picked (`false` by default). */
      multiple?: boolean;
    }
  | { kind: "text" }
);

/** A custom survey, as defined (normalised). */
export interface SurveyTemplate {
  key: string;
  title?: string;
  /** In order. */
  questions: Question[];
}

/** A custom survey as given to `defineSurvey` (a used key replaces that survey). */
export interface SurveyTemplateInput {
  /** Not `csat`, `nps`, `ces` or `custom`. */
  key: string;
  title?: string | null;
  /** 1 to 50. */
  questions: QuestionInput[];
}

export interface RemoveSurveyInput {
  key: string;
}

/** Workspace-wide feedback settings. */
export interface FeedbackSettings {
  /** Resolving a complaint sends a CSAT survey on its channel (when the customer consents to feedback there). */
  csatOnResolve: boolean;
  /** Days a survey accepts answers; a later one is kept as late and not counted. */
  responseDays: number;
}

/** The feedback settings as a whole: absent fields take their defaults (not their current values). */
export interface FeedbackSettingsInput {
  /** Send a CSAT survey on resolution; absent: unchanged (initially `false`). */
  csatOnResolve?: boolean;
  /** 1 to 365; absent: unchanged (initially 14). */
  responseDays?: number;
}

/** What a survey is about: a complaint, interaction, purchase or playbook step of the same customer. */
export type SurveyLink =
  | { kind: "complaint"; id: string }
  | { kind: "interaction"; id: string }
  | { kind: "purchase"; id: string }
  | { kind: "playbook_step"; run: string; /** 0-based. */ step: number };

/** An answer to a custom question: a score (scale), a text or one option (choice), or several options. */
export type AnswerValue = number | string | string[];

/** A survey sent to a customer. Times are ISO 8601 strings. */
export interface Survey {
  id: string;
  customer: string;
  kind: SurveyKind;
  /** The custom survey's questions as sent (custom only). */
  template?: SurveyTemplate;
  channel: Channel;
  link: SurveyLink | null;
  /** The agent whose work it rates. */
  agent: string | null;
  sentAt: string;
  /** Answers after this instant are late. */
  expiresAt: string;
  status: SurveyStatus;
  /** The score: CSAT, NPS, CES, or a custom survey's `measures` scale. */
  score: number | null;
  /** By question key (custom surveys); multiple-choice answers are lists in the options' order. */
  answers: Record<string, AnswerValue>;
  comment: string | null;
  answeredAt: string | null;
}

/** A survey to send: CSAT, NPS or CES (their built-in question), or a custom survey by `template` key. */
export type SendSurveyInput = {
  /** Use this id instead of a new one (for sync); must be unused. */
  id?: string | null;
  /** An active customer. */
  customer: string;
  /** It goes out on this channel; the customer must consent to feedback there. */
  channel: Channel;
  link?: SurveyLink | null;
  /** The agent whose work it rates (by default the complaint's assignee or the interaction's agent). */
  agent?: string | null;
  /** Days it accepts answers (1 to 365; the settings' `responseDays` by default). */
  responseDays?: number | null;
} & (
  | { kind: SurveyMeasure; template?: null }
  | { kind: "custom"; /** The key of a survey defined with `defineSurvey`. */ template: string }
);

export interface AnswerSurveyInput {
  survey: string;
  /** CSAT 1-5, NPS 0-10, CES 1-7 (whole numbers); not for custom surveys. */
  score?: number | null;
  /** Custom surveys: by question key, each required question included. */
  answers?: Record<string, AnswerValue>;
  comment?: string | null;
  /** When the customer answered (`opts.at` by default; not before it was sent). */
  answeredAt?: DateInput | null;
}

/** Filters of `surveys`; all given ones must hold (an empty list: any). */
export interface SurveyFilter {
  customer?: string | null;
  kinds?: SurveyKind[];
  statuses?: SurveyStatus[];
  /** Sent at or after. */
  sentFrom?: DateInput | null;
  /** Sent before. */
  sentTo?: DateInput | null;
  /** About this record (e.g. a complaint's CSAT: `{ kind: "complaint", id }`). */
  link?: SurveyLink | null;
}

/** The payload fields of `survey_sent`. */
export interface SurveySent {
  customer: string;
  kind: SurveyKind;
  /** The custom survey's questions as sent (custom only). */
  template?: SurveyTemplate;
  channel: Channel;
  link?: SurveyLink;
  agent?: string;
  expiresAt: string;
}

/** The payload fields of `survey_answered`. */
export interface SurveyAnswered {
  score?: number;
  answers?: Record<string, AnswerValue>;
  comment?: string;
  answeredAt: string;
  /** Answered after it expired: kept, not counted. */
  late: boolean;
}

// ----- KPIs -----

/** The KPIs (definitions: docs/kpi.md), in dashboard order. */
export type KpiName =
  | "first_response_time" | "resolution_time" | "sla_compliance" | "first_contact_resolution"
  | "reopen_rate" | "escalation_rate" | "backlog" | "complaint_volume"
  | "csat" | "nps" | "ces" | "survey_response_rate"
  | "lead_conversion" | "win_rate" | "sales_cycle" | "weighted_pipeline" | "pipeline_velocity" | "lost_reasons"
  | "repeat_purchase_rate" | "retention" | "cohort_retention"
  | "follow_up_on_time" | "referral_conversion";
/** What to group KPI records by (not every KPI supports every grouping). */
export type GroupBy = "agent" | "team" | "channel" | "category" | "priority" | "tier" | "day" | "week" | "month";

/** The range of a KPI query, `[from, to)`, and its grouping. */
export interface KpiQuery {
  /** Start (included). */
  from: DateInput;
  /** End (excluded), after `from`; records are taken as of this instant. */
  to: DateInput;
  /** One set of rows per group. */
  groupBy?: GroupBy | null;
  /** IANA zone of day, week and month groups and of cohorts (UTC by default). */
  timeZone?: string | null;
  /** Retention: days of look-back that make a customer active (1 to 3660, 90 by default). */
  activeDays?: number | null;
  /** Backlog: the instant it is counted at (`to` by default). */
  backlogAt?: DateInput | null;
  /** Cohort retention: months followed after the first purchase (at most 120, 12 by default). */
  cohortMonths?: number | null;
}

/** The range of `dashboard` (ungrouped). */
export type DashboardQuery = Omit<KpiQuery, "groupBy">;

/** One value of a KPI with the counts behind it; a list of rows is a table. */
export interface KpiRow {
  kpi: KpiName;
  /** `"all"` without grouping; `"(none)"` for records without the dimension. */
  group: string;
  /** What the value is (`median`, `rate`, a lost reason, ...). */
  measure: string;
  /** `null` when there is nothing to measure. */
  value: number | null;
  /** A ratio's numerator (a rate's hits, a mean's sum). */
  numerator: number | null;
  /** A ratio's denominator (a rate's base, a mean's count). */
  denominator: number | null;
  /** How many records the value is computed from. */
  sampleSize: number;
  /** `seconds`, `days`, `ratio` (0 to 1), `score`, `count`, or a currency code (money in minor units). */
  unit: string;
}

/** The headline KPIs at once. */
export interface Dashboard {
  /** ISO 8601. */
  from: string;
  /** ISO 8601. */
  to: string;
  /** Every KPI's rows but cohort retention, in `kpiNames()` order. */
  rows: KpiRow[];
}

/** The stable error codes. */
export type ErrorCode = "not_found" | "invalid_input" | "invalid_transition" | "conflict" | "corrupt_log" | "corrupt_snapshot";

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
  | { code: "corrupt_log"; details: { line: number; seq: number; reason: string } }
  | { code: "corrupt_snapshot"; details: { reason: string } };

/** What every method throws: a real `Error` with a stable `code` and structured `details`. */
export type ClientcareError = Error & { name: "ClientcareError" } & ErrorInfo;

/** A rejected row of `registerCustomers` (0-based `row`). */
export type BulkRowError = { row: number; message: string } & ErrorInfo;

/** The result of `registerCustomers`: an id or `null` per row, and the errors. */
export interface BulkResult {
  ids: (string | null)[];
  errors: BulkRowError[];
}

// ----- identity: merge, unmerge, erasure, export, contact check -----

/**
 * How one field of the survivor is chosen among the merged records:
 * `"survivor"`: the survivor's value, or the first merged customer's (in the
 * order given) when it has none; `"most_recent"`: the value of the most
 * recently updated customer that has one; `"most_complete"`: the fullest value
 * (names with the most parts, the longest text, any value over none, the
 * furthest lifecycle stage).
 */
export type Survive = "survivor" | "most_recent" | "most_complete";

/**
 * Survivorship rules per field; a field without its own rule follows
 * `default` (`"survivor"` by default). Contact points, tags and memberships
 * are always unioned; consents always keep the most restrictive decision.
 */
export interface Survivorship {
  default?: Survive;
  /** Full, given, family and display names, kept together. */
  names?: Survive | null;
  preferredChannel?: Survive | null;
  language?: Survive | null;
  timeZone?: Survive | null;
  owner?: Survive | null;
  lifecycle?: Survive | null;
  tier?: Survive | null;
  /** Custom attributes: the union, and per name the value this rule picks. */
  attributes?: Survive | null;
}

export interface MergeCustomersInput {
  /** The customer that stays (an id merged earlier resolves to its survivor). */
  survivor: string;
  /** The customers merged into it: at least one, none twice, not the survivor. */
  merged: string[];
  rules?: Survivorship;
  /** Why (kept in the audit trail). */
  reason?: string | null;
}

export interface UnmergeCustomersInput {
  /** A customer that was merged away. */
  customer: string;
}

export interface EraseCustomerInput {
  /** The customer (an id merged earlier resolves to its survivor). */
  customer: string;
}

/** The payload fields of `customers_merged`: the survivor after survivorship. */
export interface CustomersMerged {
  /** The customers merged away, in the order given. */
  merged: string[];
  names: Names;
  contacts: ContactPoint[];
  preferredChannel?: Channel;
  language?: string;
  timeZone?: string;
  tags?: string[];
  /** User-defined names, kept as given. */
  attributes?: Record<string, AttrValue>;
  owner?: string;
  lifecycle: Lifecycle;
  tier?: string;
  consents?: Consent[];
  memberships?: Membership[];
  reason?: string;
}

/** Why contact is or is not allowed. */
export type ContactReason = "granted" | "withdrawn" | "no_consent" | "archived" | "erased";

/** The answer of `mayContact`. */
export interface ContactDecision {
  /** The customer checked (a merged id resolves to its survivor). */
  customer: string;
  allowed: boolean;
  reason: ContactReason;
  /**
   * Whether an email address (for `email`) or a phone number (for `phone`,
   * `sms`) is on file; always `true` for the other channels.
   */
  reachable: boolean;
  /** The consent decision that applied, if any. */
  consent: Consent | null;
}

/** Everything the workspace holds about one customer (`exportCustomer`). */
export interface CustomerExport {
  format: "clientcare.customer_export";
  /** Version of this document's shape. */
  version: 1;
  /** The customer (a merged id resolves to its survivor). */
  customer: Customer;
  /** Records merged into it (kept, hidden, for unmerge). */
  mergedCustomers: Customer[];
  /** Oldest first. */
  interactions: Interaction[];
  /** In the order they were opened. */
  complaints: Complaint[];
  opportunities: Opportunity[];
  purchases: Purchase[];
  /** Referrals it made and the one that brought it. */
  referrals: Referral[];
  followUps: FollowUp[];
  playbookRuns: PlaybookRun[];
  /** Surveys sent to it and its answers. */
  surveys: Survey[];
  /** Every event of its timeline (consents, changes, merges), in log order. */
  events: EventJson[];
}

// ----- identity: duplicate detection -----

/** How paired name words are scored. */
export type NameMetric = "jaro_winkler" | "levenshtein" | "exact";

/**
 * What counts as a duplicate; every field is optional (default in brackets).
 * `score = min(1, sum of the weights of the signals that hold)`; a pair is a
 * duplicate when `score >= threshold`.
 */
export interface DuplicateRules {
  /** In (0, 1] [0.8]. */
  threshold?: number;
  /** Weight of a shared email, 0 to 1 [0.5]. */
  email?: number;
  /** Weight of a shared phone, 0 to 1 [0.5]. */
  phone?: number;
  /** Weight of a similar name, multiplied by the similarity, 0 to 1 [0.65]. */
  name?: number;
  /** Weight of a shared postal address, 0 to 1 [0.25]. */
  address?: number;
  /** Weight of a shared organisation between two people, 0 to 1 [0.25]. */
  organization?: number;
  /** Weight of a shared distinctive email local part when no email is shared, 0 to 1 [0.25]. */
  emailLocalPart?: number;
  /** ["jaro_winkler"] */
  nameMetric?: NameMetric;
  /** The name signal needs at least this similarity, 0 to 1 [0.88]. */
  minNameSimilarity?: number;
  /** Two different words both in common use in the workspace are different names, never a typo [true]. */
  distinctKnownWords?: boolean;
  /** Consider archived customers too [false]. */
  includeArchived?: boolean;
  /** Groups sharing one key larger than this are split by name before comparing, at least 2 [50]. */
  maxBlock?: number;
  /** Most matches of `checkDuplicates` and `duplicatesOf`, 1 to 1000 [20]. */
  limit?: number;
}

/** Why two customers look like the same one (`rule` is the signal). */
export type MatchReason =
  | { rule: "email"; value: string }
  | { rule: "phone"; /** E.164. */ value: string }
  | { rule: "name"; metric: NameMetric; /** 0 to 1, 4 decimals. */ similarity: number }
  | { rule: "address"; /** The folded address key (`12 nguyen hue, ho chi minh`). */ value: string }
  | { rule: "organization"; /** The organisation both are members of. */ organization: string }
  | { rule: "email_local_part"; /** The local part (`duc.nguyen`). */ value: string };

/** A likely duplicate of one record. */
export interface DuplicateMatch {
  /** The customer that looks like the record. */
  customer: string;
  /** 0 to 1, 4 decimals. */
  score: number;
  reasons: MatchReason[];
}

/** Two customers that look like the same one. */
export interface DuplicatePair {
  /** The one registered first. */
  a: string;
  /** The one registered later. */
  b: string;
  /** 0 to 1, 4 decimals. */
  score: number;
  /** Values as `a` writes them. */
  reasons: MatchReason[];
}

/** A phase of `scanDuplicates`. */
export type ScanPhase = "profiles" | "blocking" | "comparing";

/** Where a scan stands: work done in this phase out of `total` (customers, keys or pairs). */
export interface ScanProgress {
  phase: ScanPhase;
  done: number;
  total: number;
}

/** The result of `scanDuplicates`. */
export interface DuplicateReport {
  /** Pairs at or above the threshold, best first. */
  pairs: DuplicatePair[];
  /** Customers considered (not merged, not erased, not archived unless asked). */
  customers: number;
  /** Distinct candidate pairs scored. */
  comparisons: number;
  /** Groups larger than `maxBlock` split by name instead of compared pairwise. */
  skippedBlocks: number;
  /** The progress callback stopped the scan: `pairs` holds what was found so far. */
  cancelled: boolean;
}
"#;
