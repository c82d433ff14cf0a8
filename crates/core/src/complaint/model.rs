//! The complaint record, its states and the transitions between them.

use crate::id::{AgentId, ComplaintId, CustomerId, InteractionId};
use crate::model::{Actor, Channel, Money};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

macro_rules! str_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident => $s:literal),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($(#[$vdoc])* $variant),*
        }
        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];
            /// The snake_case name used in JSON and in the bindings.
            #[must_use]
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $s),* }
            }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(crate) use str_enum;

str_enum! {
    /// How urgent a complaint is.
    Priority {
        /// Can wait.
        Low => "low",
        /// The default.
        Normal => "normal",
        /// Soon.
        High => "high",
        /// Now.
        Urgent => "urgent",
    }
}

#[allow(clippy::derivable_impls)] // the enum comes from a macro
impl Default for Priority {
    fn default() -> Self {
        Priority::Normal
    }
}

str_enum! {
    /// Where a complaint is in its lifecycle.
    ComplaintState {
        /// Received, nobody has looked at it yet.
        New => "new",
        /// Acknowledged, waiting for work.
        Open => "open",
        /// Someone is working on it.
        InProgress => "in_progress",
        /// Waiting for the customer's answer (pauses SLA clocks by default).
        WaitingOnCustomer => "waiting_on_customer",
        /// Solved; may be reopened within the reopen window.
        Resolved => "resolved",
        /// Final.
        Closed => "closed",
        /// Spam, duplicate or withdrawn (final).
        Cancelled => "cancelled",
        /// Merged into another complaint (final).
        Merged => "merged",
    }
}

impl ComplaintState {
    /// Work is still to be done (new, open, in progress, waiting on customer).
    #[must_use]
    pub fn is_active(self) -> bool {
        matches!(
            self,
            ComplaintState::New
                | ComplaintState::Open
                | ComplaintState::InProgress
                | ComplaintState::WaitingOnCustomer
        )
    }

    /// No action can follow (closed, cancelled, merged).
    #[must_use]
    pub fn is_final(self) -> bool {
        matches!(
            self,
            ComplaintState::Closed | ComplaintState::Cancelled | ComplaintState::Merged
        )
    }

    /// The actions allowed from this state, as named in
    /// [`Error::InvalidTransition`](crate::Error::InvalidTransition): the
    /// working states it can move to, then `resolve`, `cancel`, `merge`,
    /// `reopen`, `close`.
    #[must_use]
    pub fn allowed_actions(self) -> Vec<String> {
        let working = [
            ComplaintState::Open,
            ComplaintState::InProgress,
            ComplaintState::WaitingOnCustomer,
        ];
        let mut out: Vec<String> = Vec::new();
        if self.is_active() {
            out.extend(
                working
                    .iter()
                    .filter(|s| **s != self)
                    .map(|s| s.as_str().to_owned()),
            );
            out.extend(["resolve", "cancel", "merge"].map(str::to_owned));
        } else if self == ComplaintState::Resolved {
            out.extend(["reopen", "close"].map(str::to_owned));
        }
        out
    }
}

str_enum! {
    /// Why a complaint was cancelled.
    CancelReason {
        /// Not a real complaint.
        Spam => "spam",
        /// The same matter as another complaint.
        Duplicate => "duplicate",
        /// Withdrawn by the customer.
        Withdrawn => "withdrawn",
        /// Anything else (say why in the note).
        Other => "other",
    }
}

str_enum! {
    /// What the business gave the customer to make up for the problem.
    CompensationKind {
        /// Money back.
        Refund => "refund",
        /// A voucher or credit.
        Voucher => "voucher",
        /// A replacement product.
        Replacement => "replacement",
        /// A gift.
        Gift => "gift",
        /// Anything else.
        Other => "other",
    }
}

/// Why and how a complaint was cancelled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cancellation {
    /// Spam, duplicate, withdrawn or other.
    pub reason: CancelReason,
    /// A note.
    pub note: Option<String>,
}

/// One compensation given with a resolution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Compensation {
    /// What was given.
    pub kind: CompensationKind,
    /// Its value (zero or more).
    pub value: Money,
    /// A note (voucher code, product).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// How a complaint was resolved (one per resolution; a reopened complaint
/// resolved again has several).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resolution {
    /// Resolution category (`repaired`, `refunded`, `explained`, ...).
    pub category: String,
    /// What was done.
    pub note: Option<String>,
    /// What was given.
    pub compensation: Vec<Compensation>,
    /// When.
    pub at: DateTime<Utc>,
    /// Who.
    pub by: Actor,
}

/// Who wrote a message on a complaint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Author {
    /// The customer.
    Customer,
    /// An agent (or an automation acting for the team when `automated`).
    Agent,
}

/// A message on a complaint: a customer message or an agent response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    /// Sequence number of the event that recorded it.
    pub seq: u64,
    /// Customer or agent.
    pub author: Author,
    /// The agent, for agent responses written by a person.
    pub agent: Option<AgentId>,
    /// Channel it was sent on.
    pub channel: Channel,
    /// Seen by the customer (`false`: an internal note).
    pub public: bool,
    /// Sent by an automation (an acknowledgement, a bot).
    pub automated: bool,
    /// The text.
    pub body: String,
    /// When it was written (may be before it was recorded).
    pub occurred_at: DateTime<Utc>,
}

impl Message {
    /// Whether it counts as a response for SLA purposes: public, by a human agent.
    #[must_use]
    pub fn counts_as_response(&self) -> bool {
        self.author == Author::Agent && self.public && !self.automated
    }
}

/// Something that moves an SLA clock, in time order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Mark {
    /// The complaint entered a state.
    State {
        /// When.
        at: DateTime<Utc>,
        /// The state entered.
        state: ComplaintState,
    },
    /// The customer wrote.
    CustomerMessage {
        /// When it was written.
        at: DateTime<Utc>,
    },
    /// A human agent answered publicly.
    Response {
        /// When it was written.
        at: DateTime<Utc>,
    },
}

impl Mark {
    /// When it happened.
    #[must_use]
    pub fn at(&self) -> DateTime<Utc> {
        match *self {
            Mark::State { at, .. } | Mark::CustomerMessage { at } | Mark::Response { at } => at,
        }
    }
}

/// An SLA escalation already fired (so `tick` fires each once).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EscalationTrigger {
    /// The metric.
    pub metric: crate::sla::Metric,
    /// Warning or breach.
    pub on: crate::sla::TriggerOn,
    /// The next-response cycle (1-based; 0 for the other metrics).
    #[serde(default)]
    pub cycle: u32,
}

/// A complaint, as folded from its events.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Complaint {
    /// Its id.
    pub id: ComplaintId,
    /// The customer who complained.
    pub customer: CustomerId,
    /// The channel it came in on.
    pub channel: Channel,
    /// Subject line.
    pub subject: String,
    /// What the customer reported.
    pub description: Option<String>,
    /// Category (`delivery`, `billing`, `product_quality`, ...).
    pub category: Option<String>,
    /// Priority.
    pub priority: Priority,
    /// The agent it is assigned to.
    pub assignee: Option<AgentId>,
    /// The team it is assigned to.
    pub team: Option<String>,
    /// Tags, sorted.
    pub tags: Vec<String>,
    /// Linked interactions.
    pub interactions: Vec<InteractionId>,
    /// The closed complaint this one follows up.
    pub follows: Option<ComplaintId>,
    /// Current state.
    pub state: ComplaintState,
    /// The working state before `waiting_on_customer` (restored when the customer answers).
    #[serde(skip)]
    pub resume_state: ComplaintState,
    /// Escalation level (0: not escalated).
    pub escalation_level: u8,
    /// When the complaint was received (SLA clocks start here).
    pub received_at: DateTime<Utc>,
    /// When it was recorded.
    pub created_at: DateTime<Utc>,
    /// Last change.
    pub updated_at: DateTime<Utc>,
    /// First response counted for the SLA (public, by a human agent).
    pub first_response_at: Option<DateTime<Utc>>,
    /// Resolutions, oldest first (the last one is current when resolved).
    pub resolutions: Vec<Resolution>,
    /// How many times it was reopened.
    pub reopen_count: u32,
    /// Why it was cancelled.
    pub cancelled: Option<Cancellation>,
    /// The complaint it was merged into.
    pub merged_into: Option<ComplaintId>,
    /// Complaints merged into this one.
    pub merged_from: Vec<ComplaintId>,
    /// When it was closed.
    pub closed_at: Option<DateTime<Utc>>,
    /// Customer messages and agent responses, in the order recorded.
    pub messages: Vec<Message>,
    /// SLA clock marks, sorted by time (ties in log order). Derived from the
    /// events; not part of the serialised record.
    #[serde(skip)]
    pub marks: Vec<Mark>,
    /// SLA escalations already fired.
    pub fired: Vec<EscalationTrigger>,
    /// Position of the customer in the state (saves a hash lookup per SLA status).
    #[serde(skip)]
    pub(crate) customer_pos: u32,
}

impl Complaint {
    /// When it was last resolved (while resolved or closed).
    #[must_use]
    pub fn resolved_at(&self) -> Option<DateTime<Utc>> {
        match self.state {
            ComplaintState::Resolved | ComplaintState::Closed => {
                self.resolutions.last().map(|r| r.at)
            }
            _ => None,
        }
    }

    pub(crate) fn push_mark(&mut self, mark: Mark) {
        // Late-arriving marks go into time order; equal times keep log order.
        let at = mark.at();
        let i = self.marks.partition_point(|m| m.at() <= at);
        self.marks.insert(i, mark);
    }
}
