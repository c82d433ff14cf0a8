//! Events: the only way state changes, and the stable JSON interchange format.
//!
//! One event in JSON (format version 1, one object per line in a log file):
//!
//! ```json
//! {"v":1,"seq":2,"id":"019c…","at":"2026-11-02T03:04:05Z",
//!  "actor":{"kind":"agent","id":"019c…"},"entity":{"kind":"customer","id":"019c…"},
//!  "payload":{"type":"customer_tagged","tags":["vip"]}}
//! ```
//!
//! `docs/event-log.md` documents every payload type.

use crate::complaint::{
    Author, CancelReason, Compensation, ComplaintSettings, ComplaintState, EscalationTrigger,
    Priority,
};
use crate::customer::{Consent, ContactPoint, CustomerKind, Lifecycle, Membership, Names};
use crate::feedback::{FeedbackSettings, SurveyAnswered, SurveySent, SurveyTemplate};
use crate::followup::recurrence::RecurrenceSpec;
use crate::followup::{FollowUpKind, FollowUpLinks};
use crate::id::{
    AgentId, ComplaintId, CustomerId, EventId, FollowUpId, InteractionId, OpportunityId,
    PlaybookRunId, PurchaseId, ReferralId, SurveyId,
};
use crate::interaction::Direction;
use crate::journey::{
    LoyaltySettings, Pipeline, PlannedStep, Playbook, PurchaseItem, RunStatus, Source,
};
use crate::model::Money;
use crate::model::{Actor, AttrValue, Channel, Network};
use crate::sla::{CalendarSpec, SlaPolicy};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The version of the event JSON format this build writes and reads.
pub const FORMAT_VERSION: u32 = 1;

/// The entity an event concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum EntityRef {
    /// The workspace itself (configuration).
    Workspace,
    /// An agent.
    Agent(AgentId),
    /// A customer.
    Customer(CustomerId),
    /// An interaction.
    Interaction(InteractionId),
    /// A complaint.
    Complaint(ComplaintId),
    /// A sales opportunity.
    Opportunity(OpportunityId),
    /// A purchase.
    Purchase(PurchaseId),
    /// A follow-up task.
    FollowUp(FollowUpId),
    /// A playbook run.
    PlaybookRun(PlaybookRunId),
    /// A referral.
    Referral(ReferralId),
    /// A feedback survey.
    Survey(SurveyId),
}

/// One event with its envelope.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// Format version ([`FORMAT_VERSION`]).
    pub v: u32,
    /// Position in the workspace log, from 1, without gaps.
    pub seq: u64,
    /// Unique id of the event.
    pub id: EventId,
    /// When it occurred (the command's `at`).
    pub at: DateTime<Utc>,
    /// Who caused it.
    pub actor: Actor,
    /// What it concerns.
    pub entity: EntityRef,
    /// What happened.
    pub payload: EventPayload,
}

/// Fields of a customer that a partial update changed. Absent means unchanged;
/// `null` means cleared.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomerChanges {
    /// New full name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub full_name: Option<String>,
    /// New given name.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::serde_util::double_option"
    )]
    pub given_name: Option<Option<String>>,
    /// New family name.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::serde_util::double_option"
    )]
    pub family_name: Option<Option<String>>,
    /// New display name.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::serde_util::double_option"
    )]
    pub display_name: Option<Option<String>>,
    /// New preferred channel.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::serde_util::double_option"
    )]
    pub preferred_channel: Option<Option<Channel>>,
    /// New language.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::serde_util::double_option"
    )]
    pub language: Option<Option<String>>,
    /// New time zone.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::serde_util::double_option"
    )]
    pub time_zone: Option<Option<String>>,
    /// New owner.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::serde_util::double_option"
    )]
    pub owner: Option<Option<AgentId>>,
    /// Attributes set (value) or removed (`null`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, Option<AttrValue>>,
}

impl CustomerChanges {
    /// Names of the fields this change touches (`attributes.<key>` for attributes).
    #[must_use]
    pub fn fields(&self) -> Vec<String> {
        let mut out = Vec::new();
        let flags = [
            ("full_name", self.full_name.is_some()),
            ("given_name", self.given_name.is_some()),
            ("family_name", self.family_name.is_some()),
            ("display_name", self.display_name.is_some()),
            ("preferred_channel", self.preferred_channel.is_some()),
            ("language", self.language.is_some()),
            ("time_zone", self.time_zone.is_some()),
            ("owner", self.owner.is_some()),
        ];
        out.extend(
            flags
                .iter()
                .filter(|(_, on)| *on)
                .map(|(n, _)| (*n).to_owned()),
        );
        out.extend(self.attributes.keys().map(|k| format!("attributes.{k}")));
        out
    }

    /// Whether nothing changes.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.fields().is_empty()
    }
}

/// The payload of `customer_registered`: the customer as first recorded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomerRegistered {
    /// Person or organisation.
    pub kind: CustomerKind,
    /// Names.
    pub names: Names,
    /// Contact points (normalised).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<ContactPoint>,
    /// Preferred channel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preferred_channel: Option<Channel>,
    /// Language tag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Time zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    /// Tags, sorted and unique.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Custom attributes.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, AttrValue>,
    /// Owner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<AgentId>,
    /// Lifecycle stage.
    pub lifecycle: Lifecycle,
    /// Tier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier: Option<String>,
}

/// What a merge made of the survivor: its fields after survivorship.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct CustomersMerged {
    /// The customers merged away, in the order given.
    pub merged: Vec<CustomerId>,
    pub names: Names,
    pub contacts: Vec<ContactPoint>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preferred_channel: Option<Channel>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, AttrValue>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<AgentId>,
    pub lifecycle: Lifecycle,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub consents: Vec<Consent>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub memberships: Vec<Membership>,
    /// Why (recorded in the audit trail).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// The payload of `complaint_opened`: the complaint as first recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ComplaintOpened {
    /// The customer.
    pub customer: CustomerId,
    /// The channel it came in on.
    pub channel: Channel,
    /// Subject line.
    pub subject: String,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Category.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// Priority.
    pub priority: Priority,
    /// Assigned agent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignee: Option<AgentId>,
    /// Assigned team.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    /// Tags, sorted and unique.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Linked interactions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub interactions: Vec<InteractionId>,
    /// The closed complaint it follows up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follows: Option<ComplaintId>,
    /// When it was received (may be before the event's `at`).
    pub received_at: DateTime<Utc>,
}

/// Fields of a complaint that an update changed. Absent: unchanged; `null`: cleared.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ComplaintChanges {
    /// New subject.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// New description.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::serde_util::double_option"
    )]
    pub description: Option<Option<String>>,
    /// New category.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::serde_util::double_option"
    )]
    pub category: Option<Option<String>>,
    /// New priority.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<Priority>,
    /// New tags.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
}

impl ComplaintChanges {
    /// Whether nothing changes.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self == &Self::default()
    }
}

/// The payload of `complaint_message_added`: a customer message or an agent response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MessageAdded {
    /// Customer or agent.
    pub author: Author,
    /// The agent (absent for customer messages and unattended automations).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent: Option<AgentId>,
    /// Channel.
    pub channel: Channel,
    /// Seen by the customer.
    pub public: bool,
    /// Sent by an automation.
    #[serde(default)]
    pub automated: bool,
    /// The text.
    pub body: String,
    /// When it was written.
    pub occurred_at: DateTime<Utc>,
    /// The interaction that carried it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interaction: Option<InteractionId>,
}

/// The payload of `opportunity_opened`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpportunityOpened {
    /// The customer.
    pub customer: CustomerId,
    /// The pipeline key.
    pub pipeline: String,
    /// Title.
    pub title: String,
    /// Expected value.
    pub value: Money,
    /// Expected close date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_close: Option<NaiveDate>,
    /// Where it came from.
    #[serde(default)]
    pub source: Source,
    /// The owner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<AgentId>,
    /// The open stage it starts in.
    pub stage: String,
}

/// Fields of an opportunity that an update changed. Absent: unchanged; `null`: cleared.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpportunityChanges {
    /// New title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// New value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Money>,
    /// New expected close date.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::serde_util::double_option"
    )]
    pub expected_close: Option<Option<NaiveDate>>,
    /// New owner.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::serde_util::double_option"
    )]
    pub owner: Option<Option<AgentId>>,
}

/// The payload of `purchase_recorded`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PurchaseRecorded {
    /// The customer.
    pub customer: CustomerId,
    /// The lines.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<PurchaseItem>,
    /// A description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The total.
    pub amount: Money,
    /// The channel.
    pub channel: Channel,
    /// When it was made.
    pub occurred_at: DateTime<Utc>,
    /// The opportunity it won.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opportunity: Option<OpportunityId>,
}

/// The payload of `follow_up_scheduled`: a follow-up (or the next occurrence of a series).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowUpScheduled {
    /// The first occurrence's id (this one's for a new series).
    pub series: FollowUpId,
    /// 1-based occurrence number.
    pub occurrence: u32,
    /// Subject.
    pub subject: String,
    /// Kind.
    pub kind: FollowUpKind,
    /// The customer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer: Option<CustomerId>,
    /// Due at.
    pub due_at: DateTime<Utc>,
    /// A whole-day task.
    #[serde(default)]
    pub all_day: bool,
    /// When it becomes overdue.
    pub due_end: DateTime<Utc>,
    /// Its time zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    /// Assigned agent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignee: Option<AgentId>,
    /// Assigned team.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    /// Priority.
    pub priority: Priority,
    /// What it is about.
    #[serde(default)]
    pub links: FollowUpLinks,
    /// The series' recurrence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recurrence: Option<RecurrenceSpec>,
}

/// What happened. JSON: an object with `"type"` and the fields of the variant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum EventPayload {
    /// Workspace settings were set.
    WorkspaceConfigured {
        /// ISO 3166 region used to read phone numbers without a country code.
        default_region: Option<String>,
    },
    /// An agent joined.
    AgentRegistered {
        /// Name.
        name: String,
        /// Team.
        team: Option<String>,
        /// Email.
        email: Option<String>,
    },
    /// An agent changed (only changed fields are present).
    AgentUpdated {
        /// New name.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        /// New team (`null` clears).
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            with = "crate::serde_util::double_option"
        )]
        team: Option<Option<String>>,
        /// New active flag.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        active: Option<bool>,
    },
    /// A customer was registered (boxed: the largest payload).
    CustomerRegistered(Box<CustomerRegistered>),
    /// Some fields of a customer changed.
    CustomerUpdated {
        /// The changed fields and their new values.
        changes: Box<CustomerChanges>,
    },
    /// A contact point was added.
    ContactPointAdded {
        /// The contact point (normalised).
        contact: ContactPoint,
    },
    /// A contact point was removed.
    ContactPointRemoved {
        /// The contact point as it was.
        contact: ContactPoint,
    },
    /// Consent was granted or withdrawn.
    ConsentRecorded {
        /// The decision.
        consent: Consent,
    },
    /// Tags were added.
    CustomerTagged {
        /// The new tags.
        tags: Vec<String>,
    },
    /// Tags were removed.
    CustomerUntagged {
        /// The removed tags.
        tags: Vec<String>,
    },
    /// The lifecycle stage changed.
    LifecycleChanged {
        /// Previous stage.
        from: Lifecycle,
        /// New stage.
        to: Lifecycle,
        /// Why.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
    /// The manual tier changed.
    TierChanged {
        /// Previous tier.
        from: Option<String>,
        /// New tier.
        to: Option<String>,
    },
    /// The customer was archived.
    CustomerArchived {
        /// Why.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
    /// The customer was restored from the archive.
    CustomerRestored {},
    /// A person joined an organisation (entity: the person).
    MembershipAdded {
        /// The membership.
        membership: Membership,
    },
    /// A person left an organisation (entity: the person).
    MembershipRemoved {
        /// The organisation.
        organization: CustomerId,
    },
    /// An interaction was logged (entity: the interaction).
    InteractionLogged {
        /// The customer.
        customer: CustomerId,
        /// The channel.
        channel: Channel,
        /// The network, for social channels.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        network: Option<Network>,
        /// Inbound, outbound or internal.
        direction: Direction,
        /// Subject line.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        subject: Option<String>,
        /// Summary or notes.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        summary: Option<String>,
        /// The agent who handled it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        agent: Option<AgentId>,
        /// When it happened (may be before the event's `at`).
        occurred_at: DateTime<Utc>,
        /// How long it lasted, in seconds.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        duration_seconds: Option<u32>,
    },
    /// A complaint was recorded (entity: the complaint).
    ComplaintOpened(Box<ComplaintOpened>),
    /// Some fields of a complaint changed.
    ComplaintUpdated {
        /// The changed fields.
        changes: Box<ComplaintChanges>,
    },
    /// A complaint's assignee or team changed (both given as they now are).
    ComplaintAssigned {
        /// The agent.
        assignee: Option<AgentId>,
        /// The team.
        team: Option<String>,
    },
    /// A complaint moved between working states.
    ComplaintStateChanged {
        /// Previous state.
        from: ComplaintState,
        /// New state.
        to: ComplaintState,
        /// Why.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
    /// A customer message or an agent response on a complaint.
    ComplaintMessageAdded(Box<MessageAdded>),
    /// An interaction was linked to a complaint.
    ComplaintInteractionLinked {
        /// The interaction.
        interaction: InteractionId,
    },
    /// A complaint was resolved.
    ComplaintResolved {
        /// The state it was in.
        from: ComplaintState,
        /// Resolution category.
        category: String,
        /// What was done.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
        /// What was given.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        compensation: Vec<Compensation>,
    },
    /// A resolved complaint was reopened (it is `open` again).
    ComplaintReopened {
        /// Why.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
    /// A resolved complaint was closed.
    ComplaintClosed {
        /// Closed by `tick` after the auto-close delay.
        automatic: bool,
    },
    /// A complaint was cancelled.
    ComplaintCancelled {
        /// The state it was in.
        from: ComplaintState,
        /// Why.
        reason: CancelReason,
        /// A note.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    /// A complaint was merged into another (entity: the merged one).
    ComplaintMerged {
        /// The state it was in.
        from: ComplaintState,
        /// The complaint that goes on.
        into: ComplaintId,
    },
    /// A complaint was escalated (by an agent, or by `tick` when `trigger` is set).
    ComplaintEscalated {
        /// Previous level.
        from_level: u8,
        /// New level (equal to the previous one when a rule fires at a level already reached).
        to_level: u8,
        /// Why.
        reason: String,
        /// Reassigned to this agent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        assignee: Option<AgentId>,
        /// Moved to this team.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        team: Option<String>,
        /// Whom to notify.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        notify: Option<String>,
        /// The SLA trigger that fired it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        trigger: Option<EscalationTrigger>,
    },
    /// Complaint settings changed (entity: the workspace).
    ComplaintSettingsChanged {
        /// The settings as they now are.
        settings: ComplaintSettings,
    },
    /// A business calendar was defined or replaced (entity: the workspace).
    CalendarDefined {
        /// Its key.
        key: String,
        /// The calendar (normalised).
        calendar: CalendarSpec,
    },
    /// A business calendar was removed.
    CalendarRemoved {
        /// Its key.
        key: String,
    },
    /// An SLA policy was defined or replaced (entity: the workspace).
    SlaPolicyDefined {
        /// The policy (normalised).
        policy: Box<SlaPolicy>,
    },
    /// An SLA policy was removed.
    SlaPolicyRemoved {
        /// Its key.
        key: String,
    },
    /// A sales pipeline was defined or replaced (entity: the workspace).
    PipelineDefined {
        /// The pipeline (normalised).
        pipeline: Box<Pipeline>,
    },
    /// The loyalty rules were set (entity: the workspace).
    LoyaltyConfigured {
        /// The settings as they now are.
        settings: Box<LoyaltySettings>,
    },
    /// An opportunity was opened (entity: the opportunity).
    OpportunityOpened(Box<OpportunityOpened>),
    /// Some fields of an opportunity changed.
    OpportunityUpdated {
        /// The changed fields.
        changes: Box<OpportunityChanges>,
    },
    /// An opportunity moved to another stage (won, lost or reopened included).
    OpportunityMoved {
        /// Previous stage.
        from: String,
        /// New stage.
        to: String,
        /// Why it was lost (into a lost stage).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        lost_reason: Option<String>,
        /// A note.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    /// A purchase was recorded (entity: the purchase).
    PurchaseRecorded(Box<PurchaseRecorded>),
    /// A referral was recorded (entity: the referral).
    ReferralRecorded {
        /// The customer who referred.
        referrer: CustomerId,
        /// The customer referred.
        referred: CustomerId,
        /// A note.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    /// The referred customer's first purchase qualified the referral.
    ReferralQualified {
        /// The purchase.
        purchase: PurchaseId,
    },
    /// The referrer was rewarded.
    ReferralRewarded {
        /// What was given.
        reward: Compensation,
    },
    /// A follow-up was scheduled (entity: the follow-up).
    FollowUpScheduled(Box<FollowUpScheduled>),
    /// A follow-up was done.
    FollowUpCompleted {
        /// What came of it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        outcome: Option<String>,
    },
    /// A follow-up was cancelled.
    FollowUpCancelled {
        /// Why.
        reason: String,
    },
    /// A follow-up was moved later.
    FollowUpSnoozed {
        /// The due time before.
        from: DateTime<Utc>,
        /// The new due time.
        until: DateTime<Utc>,
        /// The new overdue time.
        due_end: DateTime<Utc>,
    },
    /// A follow-up was reassigned (both as they now are).
    FollowUpReassigned {
        /// The agent.
        assignee: Option<AgentId>,
        /// The team.
        team: Option<String>,
    },
    /// A playbook was defined or replaced (entity: the workspace).
    PlaybookDefined {
        /// The playbook (normalised).
        playbook: Box<Playbook>,
    },
    /// A playbook was removed (its runs go on).
    PlaybookRemoved {
        /// Its key.
        key: String,
    },
    /// A purchase started a playbook run (entity: the run); the follow-ups of
    /// its scheduled steps follow as `follow_up_scheduled` events.
    PlaybookRunStarted {
        /// The playbook key.
        playbook: String,
        /// The customer.
        customer: CustomerId,
        /// The purchase.
        purchase: PurchaseId,
        /// The steps as planned (with their follow-up, or why they were skipped).
        steps: Vec<PlannedStep>,
    },
    /// A playbook run was cancelled or stopped.
    PlaybookRunEnded {
        /// `cancelled` or `stopped`.
        status: RunStatus,
        /// Why.
        reason: String,
    },
    /// A custom survey was defined or replaced (entity: the workspace).
    SurveyDefined {
        /// The survey template (normalised).
        template: Box<SurveyTemplate>,
    },
    /// A custom survey was removed (surveys already sent keep their questions).
    SurveyRemoved {
        /// Its key.
        key: String,
    },
    /// Feedback settings changed (entity: the workspace).
    FeedbackConfigured {
        /// The new settings.
        settings: FeedbackSettings,
    },
    /// A survey was sent to a customer (entity: the survey).
    SurveySent(Box<SurveySent>),
    /// A customer answered a survey (entity: the survey).
    SurveyAnswered(Box<SurveyAnswered>),
    /// Customers were merged into the survivor (entity: the survivor). Their
    /// linked records moved there and their ids resolve to it.
    CustomersMerged(Box<CustomersMerged>),
    /// A merge was undone (entity: the survivor): the merged customers and
    /// their records are back, and the survivor's fields the merge set are
    /// restored.
    CustomersUnmerged {
        /// The customers that were merged away and are back.
        merged: Vec<CustomerId>,
    },
    /// A customer's personal data was erased (entity: the customer). Earlier
    /// events about it are redacted in every later export.
    CustomerErased {
        /// Customers merged into it, erased with it.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        merged: Vec<CustomerId>,
    },
}

impl EventPayload {
    /// The `type` tag of this payload.
    #[must_use]
    pub fn type_name(&self) -> &'static str {
        match self {
            EventPayload::WorkspaceConfigured { .. } => "workspace_configured",
            EventPayload::AgentRegistered { .. } => "agent_registered",
            EventPayload::AgentUpdated { .. } => "agent_updated",
            EventPayload::CustomerRegistered(_) => "customer_registered",
            EventPayload::CustomerUpdated { .. } => "customer_updated",
            EventPayload::ContactPointAdded { .. } => "contact_point_added",
            EventPayload::ContactPointRemoved { .. } => "contact_point_removed",
            EventPayload::ConsentRecorded { .. } => "consent_recorded",
            EventPayload::CustomerTagged { .. } => "customer_tagged",
            EventPayload::CustomerUntagged { .. } => "customer_untagged",
            EventPayload::LifecycleChanged { .. } => "lifecycle_changed",
            EventPayload::TierChanged { .. } => "tier_changed",
            EventPayload::CustomerArchived { .. } => "customer_archived",
            EventPayload::CustomerRestored {} => "customer_restored",
            EventPayload::MembershipAdded { .. } => "membership_added",
            EventPayload::MembershipRemoved { .. } => "membership_removed",
            EventPayload::InteractionLogged { .. } => "interaction_logged",
            EventPayload::ComplaintOpened(_) => "complaint_opened",
            EventPayload::ComplaintUpdated { .. } => "complaint_updated",
            EventPayload::ComplaintAssigned { .. } => "complaint_assigned",
            EventPayload::ComplaintStateChanged { .. } => "complaint_state_changed",
            EventPayload::ComplaintMessageAdded(_) => "complaint_message_added",
            EventPayload::ComplaintInteractionLinked { .. } => "complaint_interaction_linked",
            EventPayload::ComplaintResolved { .. } => "complaint_resolved",
            EventPayload::ComplaintReopened { .. } => "complaint_reopened",
            EventPayload::ComplaintClosed { .. } => "complaint_closed",
            EventPayload::ComplaintCancelled { .. } => "complaint_cancelled",
            EventPayload::ComplaintMerged { .. } => "complaint_merged",
            EventPayload::ComplaintEscalated { .. } => "complaint_escalated",
            EventPayload::ComplaintSettingsChanged { .. } => "complaint_settings_changed",
            EventPayload::CalendarDefined { .. } => "calendar_defined",
            EventPayload::CalendarRemoved { .. } => "calendar_removed",
            EventPayload::SlaPolicyDefined { .. } => "sla_policy_defined",
            EventPayload::SlaPolicyRemoved { .. } => "sla_policy_removed",
            EventPayload::PipelineDefined { .. } => "pipeline_defined",
            EventPayload::LoyaltyConfigured { .. } => "loyalty_configured",
            EventPayload::OpportunityOpened(_) => "opportunity_opened",
            EventPayload::OpportunityUpdated { .. } => "opportunity_updated",
            EventPayload::OpportunityMoved { .. } => "opportunity_moved",
            EventPayload::PurchaseRecorded(_) => "purchase_recorded",
            EventPayload::ReferralRecorded { .. } => "referral_recorded",
            EventPayload::ReferralQualified { .. } => "referral_qualified",
            EventPayload::ReferralRewarded { .. } => "referral_rewarded",
            EventPayload::FollowUpScheduled(_) => "follow_up_scheduled",
            EventPayload::FollowUpCompleted { .. } => "follow_up_completed",
            EventPayload::FollowUpCancelled { .. } => "follow_up_cancelled",
            EventPayload::FollowUpSnoozed { .. } => "follow_up_snoozed",
            EventPayload::FollowUpReassigned { .. } => "follow_up_reassigned",
            EventPayload::PlaybookDefined { .. } => "playbook_defined",
            EventPayload::PlaybookRemoved { .. } => "playbook_removed",
            EventPayload::PlaybookRunStarted { .. } => "playbook_run_started",
            EventPayload::PlaybookRunEnded { .. } => "playbook_run_ended",
            EventPayload::SurveyDefined { .. } => "survey_defined",
            EventPayload::SurveyRemoved { .. } => "survey_removed",
            EventPayload::FeedbackConfigured { .. } => "feedback_configured",
            EventPayload::SurveySent(_) => "survey_sent",
            EventPayload::SurveyAnswered(_) => "survey_answered",
            EventPayload::CustomersMerged(_) => "customers_merged",
            EventPayload::CustomersUnmerged { .. } => "customers_unmerged",
            EventPayload::CustomerErased { .. } => "customer_erased",
        }
    }
}
