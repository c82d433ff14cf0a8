//! The follow-up record.

use super::recurrence::RecurrenceSpec;
use crate::complaint::{str_enum, Priority};
use crate::id::{AgentId, ComplaintId, CustomerId, FollowUpId, OpportunityId, PlaybookRunId};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

str_enum! {
    /// What kind of task.
    FollowUpKind {
        /// A phone call.
        Call => "call",
        /// An email.
        Email => "email",
        /// A message (SMS, Zalo, chat).
        Message => "message",
        /// A visit.
        Visit => "visit",
        /// A gift to send.
        Gift => "gift",
        /// A survey to send.
        Survey => "survey",
        /// Anything else.
        Other => "other",
    }
}

str_enum! {
    /// Where a follow-up stands.
    FollowUpStatus {
        /// To do.
        Open => "open",
        /// Done, with an outcome.
        Done => "done",
        /// Cancelled, with a reason.
        Cancelled => "cancelled",
    }
}

/// What a follow-up is about.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FollowUpLinks {
    /// A sales opportunity.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub opportunity: Option<OpportunityId>,
    /// A complaint.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub complaint: Option<ComplaintId>,
    /// A playbook run (and its step, 0-based).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub playbook_run: Option<PlaybookRunId>,
    /// The step of the playbook run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub playbook_step: Option<u32>,
    /// The tier whose contact plan scheduled it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tier: Option<String>,
}

/// A follow-up task (one occurrence of a series when it recurs).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FollowUp {
    /// Its id.
    pub id: FollowUpId,
    /// The id of the first occurrence of its series (its own id when it does not recur).
    pub series: FollowUpId,
    /// 1-based occurrence number in the series.
    pub occurrence: u32,
    /// Subject.
    pub subject: String,
    /// Kind.
    pub kind: FollowUpKind,
    /// The customer.
    pub customer: Option<CustomerId>,
    /// When it is due.
    pub due_at: DateTime<Utc>,
    /// The occurrence it stands for (its first due time; snoozing does not move it).
    pub slot: DateTime<Utc>,
    /// A whole-day task: due on the local date of `due_at` in `time_zone`,
    /// overdue once that day is over (`due_end`).
    pub all_day: bool,
    /// When it becomes overdue (`due_at`, or the end of the day for whole-day tasks).
    pub due_end: DateTime<Utc>,
    /// The time zone its local date and recurrence are read in.
    pub time_zone: Option<String>,
    /// Assigned agent.
    pub assignee: Option<AgentId>,
    /// Assigned team.
    pub team: Option<String>,
    /// Priority.
    pub priority: Priority,
    /// What it is about.
    pub links: FollowUpLinks,
    /// Open, done or cancelled.
    pub status: FollowUpStatus,
    /// The outcome (done) or the reason (cancelled).
    pub outcome: Option<String>,
    /// How many times it was snoozed.
    pub snoozed: u32,
    /// The recurrence of its series.
    pub recurrence: Option<RecurrenceSpec>,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last change.
    pub updated_at: DateTime<Utc>,
    /// Completed or cancelled at.
    pub closed_at: Option<DateTime<Utc>>,
}
