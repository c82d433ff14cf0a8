//! Complaint commands: validation against the current state, yielding events.

use super::model::{Author, CancelReason, Compensation, Complaint, ComplaintState, Priority};
use crate::customer::normalize_tags;
use crate::error::{Error, Result};
use crate::event::{ComplaintChanges, ComplaintOpened, EntityRef, EventPayload, MessageAdded};
use crate::id::{AgentId, ComplaintId, CustomerId, IdSource, InteractionId};
use crate::model::{Actor, Channel, Meta};
use crate::text::{normalize_label, normalize_text};
use crate::workspace::State;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

pub(crate) type Pending = Vec<(EntityRef, EventPayload)>;

/// Records a complaint from a customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpenComplaint {
    /// Use this id instead of a new one (for sync); must be unused.
    #[serde(default)]
    pub id: Option<ComplaintId>,
    /// The customer (active).
    pub customer: CustomerId,
    /// The channel it came in on.
    pub channel: Channel,
    /// Subject line (required).
    pub subject: String,
    /// What the customer reported.
    #[serde(default)]
    pub description: Option<String>,
    /// Category.
    #[serde(default)]
    pub category: Option<String>,
    /// Priority (normal when absent).
    #[serde(default)]
    pub priority: Priority,
    /// Assign to this agent (active).
    #[serde(default)]
    pub assignee: Option<AgentId>,
    /// Assign to this team.
    #[serde(default)]
    pub team: Option<String>,
    /// Tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Interactions of the same customer to link.
    #[serde(default)]
    pub interactions: Vec<InteractionId>,
    /// A closed complaint of the same customer that this one follows up.
    #[serde(default)]
    pub follows: Option<ComplaintId>,
    /// When it was received (SLA clocks start here); the command's `at` when absent.
    #[serde(default)]
    pub received_at: Option<DateTime<Utc>>,
}

impl OpenComplaint {
    /// A complaint of `customer` on `channel` about `subject`.
    #[must_use]
    pub fn new(customer: CustomerId, channel: Channel, subject: &str) -> Self {
        Self {
            id: None,
            customer,
            channel,
            subject: subject.to_owned(),
            description: None,
            category: None,
            priority: Priority::Normal,
            assignee: None,
            team: None,
            tags: Vec::new(),
            interactions: Vec::new(),
            follows: None,
            received_at: None,
        }
    }
}

/// Changes the subject, description, category, priority or tags. Absent
/// fields stay; `null` clears an optional one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateComplaint {
    /// The complaint.
    pub complaint: ComplaintId,
    /// New subject.
    #[serde(default)]
    pub subject: Option<String>,
    /// New description.
    #[serde(default, with = "crate::serde_util::double_option")]
    pub description: Option<Option<String>>,
    /// New category.
    #[serde(default, with = "crate::serde_util::double_option")]
    pub category: Option<Option<String>>,
    /// New priority.
    #[serde(default)]
    pub priority: Option<Priority>,
    /// New tags (replace the old ones).
    #[serde(default)]
    pub tags: Option<Vec<String>>,
}

impl UpdateComplaint {
    /// An update of `complaint` that changes nothing yet; set the fields to change.
    #[must_use]
    pub fn new(complaint: ComplaintId) -> Self {
        Self {
            complaint,
            subject: None,
            description: None,
            category: None,
            priority: None,
            tags: None,
        }
    }
}

/// Assigns a complaint to an agent and/or a team. Absent: unchanged; `null`: unassigned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssignComplaint {
    /// The complaint.
    pub complaint: ComplaintId,
    /// The agent (active).
    #[serde(default, with = "crate::serde_util::double_option")]
    pub assignee: Option<Option<AgentId>>,
    /// The team.
    #[serde(default, with = "crate::serde_util::double_option")]
    pub team: Option<Option<String>>,
}

/// Moves a working complaint to another working state (open, in_progress,
/// waiting_on_customer). Resolve, reopen, close, cancel and merge have their own commands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangeComplaintState {
    /// The complaint.
    pub complaint: ComplaintId,
    /// The new state.
    pub to: ComplaintState,
    /// Why.
    #[serde(default)]
    pub reason: Option<String>,
}

/// An agent's response or internal note. A public response by a human agent
/// counts for the SLA; the first one moves a `new` complaint to `open`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RespondToComplaint {
    /// The complaint.
    pub complaint: ComplaintId,
    /// The agent who wrote it (the command's actor when absent; may be absent
    /// only for automated messages).
    #[serde(default)]
    pub agent: Option<AgentId>,
    /// Channel (the complaint's when absent).
    #[serde(default)]
    pub channel: Option<Channel>,
    /// The text.
    pub body: String,
    /// Seen by the customer (`true`) or an internal note (`false`).
    #[serde(default = "yes")]
    pub public: bool,
    /// Sent by an automation (never counts for the SLA).
    #[serde(default)]
    pub automated: bool,
    /// When it was written (the command's `at` when absent).
    #[serde(default)]
    pub occurred_at: Option<DateTime<Utc>>,
}

fn yes() -> bool {
    true
}

impl RespondToComplaint {
    /// A public response to `complaint` by `agent`.
    #[must_use]
    pub fn new(complaint: ComplaintId, agent: AgentId, body: &str) -> Self {
        Self {
            complaint,
            agent: Some(agent),
            channel: None,
            body: body.to_owned(),
            public: true,
            automated: false,
            occurred_at: None,
        }
    }

    /// A public message sent by an automation (an acknowledgement); it never
    /// counts as a response for the SLA.
    #[must_use]
    pub fn automated(complaint: ComplaintId, body: &str) -> Self {
        Self {
            complaint,
            agent: None,
            channel: None,
            body: body.to_owned(),
            public: true,
            automated: true,
            occurred_at: None,
        }
    }
}

/// A message from the customer. On a complaint waiting on the customer it
/// resumes the working state it had.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddCustomerMessage {
    /// The complaint.
    pub complaint: ComplaintId,
    /// Channel (the complaint's when absent).
    #[serde(default)]
    pub channel: Option<Channel>,
    /// The text.
    pub body: String,
    /// When it was written (the command's `at` when absent).
    #[serde(default)]
    pub occurred_at: Option<DateTime<Utc>>,
    /// The interaction that carried it (linked to the complaint).
    #[serde(default)]
    pub interaction: Option<InteractionId>,
}

impl AddCustomerMessage {
    /// A message from the customer on `complaint`, written now, on the complaint's channel.
    #[must_use]
    pub fn new(complaint: ComplaintId, body: &str) -> Self {
        Self {
            complaint,
            channel: None,
            body: body.to_owned(),
            occurred_at: None,
            interaction: None,
        }
    }
}

/// Links an interaction of the same customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkInteraction {
    /// The complaint.
    pub complaint: ComplaintId,
    /// The interaction.
    pub interaction: InteractionId,
}

/// Resolves a working complaint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResolveComplaint {
    /// The complaint.
    pub complaint: ComplaintId,
    /// Resolution category (`repaired`, `refunded`, `explained`, ...).
    pub category: String,
    /// What was done.
    #[serde(default)]
    pub note: Option<String>,
    /// What was given to the customer.
    #[serde(default)]
    pub compensation: Vec<Compensation>,
}

/// Reopens a resolved complaint within the reopen window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReopenComplaint {
    /// The complaint.
    pub complaint: ComplaintId,
    /// Why.
    #[serde(default)]
    pub reason: Option<String>,
}

/// Closes a resolved complaint (final).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CloseComplaint {
    /// The complaint.
    pub complaint: ComplaintId,
}

/// Cancels a working complaint (spam, duplicate, withdrawn).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CancelComplaint {
    /// The complaint.
    pub complaint: ComplaintId,
    /// Why.
    pub reason: CancelReason,
    /// A note (required for `other`).
    #[serde(default)]
    pub note: Option<String>,
}

/// Merges a working complaint into another working one of the same customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MergeComplaint {
    /// The complaint that ends (`merged`).
    pub complaint: ComplaintId,
    /// The complaint that goes on.
    pub into: ComplaintId,
}

/// Raises the escalation level of a working complaint, optionally reassigning it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EscalateComplaint {
    /// The complaint.
    pub complaint: ComplaintId,
    /// The new level (one above the current when absent; at most 9).
    #[serde(default)]
    pub level: Option<u8>,
    /// Reassign to this agent.
    #[serde(default)]
    pub reassign_to: Option<AgentId>,
    /// Move to this team.
    #[serde(default)]
    pub team: Option<String>,
    /// Why (required).
    pub reason: String,
}

/// Workspace-wide complaint settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ComplaintSettings {
    /// A resolved complaint can be reopened for this many hours after its resolution.
    pub reopen_window_hours: u32,
    /// `tick` closes a resolved complaint this many hours after its resolution.
    pub auto_close_after_hours: u32,
}

impl Default for ComplaintSettings {
    fn default() -> Self {
        Self {
            reopen_window_hours: 168,
            auto_close_after_hours: 168,
        }
    }
}

/// Tolerated clock skew for `occurred_at` after the command's `at`.
const MAX_SKEW: Duration = Duration::minutes(5);
/// Longest subject, in characters.
const SUBJECT_MAX: usize = 300;
/// Longest description or message body, in characters.
const BODY_MAX: usize = 20_000;

fn label(field: &str, v: Option<&str>) -> Result<Option<String>> {
    v.map(|x| normalize_label(field, x, 64)).transpose()
}

fn transition(c: &Complaint, action: &str) -> Error {
    Error::InvalidTransition {
        entity: "complaint",
        id: c.id.to_string(),
        action: action.to_owned(),
        current: c.state.as_str().to_owned(),
        allowed: c.state.allowed_actions(),
    }
}

/// The complaint, if it is working (new, open, in progress, waiting).
fn working<'a>(state: &'a State, id: ComplaintId, action: &str) -> Result<&'a Complaint> {
    let c = state.complaint(id)?;
    if c.state.is_active() {
        Ok(c)
    } else {
        Err(transition(c, action))
    }
}

/// The complaint, unless it is closed, cancelled or merged.
fn not_final<'a>(state: &'a State, id: ComplaintId, action: &str) -> Result<&'a Complaint> {
    let c = state.complaint(id)?;
    if c.state.is_final() {
        Err(transition(c, action))
    } else {
        Ok(c)
    }
}

fn occurred(meta: &Meta, c: &Complaint, v: Option<DateTime<Utc>>) -> Result<DateTime<Utc>> {
    let t = crate::model::check_time("occurred_at", v.unwrap_or(meta.at))?;
    if t > meta.at.checked_add_signed(MAX_SKEW).unwrap_or(meta.at) {
        return Err(Error::invalid_input(
            "occurred_at",
            crate::model::iso(t),
            "a message cannot be recorded before it is written (occurred_at is after the command's at)",
        ));
    }
    if t < c.received_at {
        return Err(Error::invalid_input(
            "occurred_at",
            crate::model::iso(t),
            format!(
                "before the complaint was received ({})",
                crate::model::iso(c.received_at)
            ),
        ));
    }
    Ok(t)
}

fn same_customer_interaction(state: &State, customer: CustomerId, id: InteractionId) -> Result<()> {
    let i = state.interaction(id)?;
    if i.customer != customer {
        return Err(Error::invalid_input(
            "interaction",
            id.to_string(),
            "the interaction belongs to another customer",
        ));
    }
    Ok(())
}

pub(crate) fn decide_open(
    state: &State,
    meta: &Meta,
    cmd: OpenComplaint,
    ids: &mut dyn IdSource,
) -> Result<(ComplaintId, Pending)> {
    state.active_customer(cmd.customer, "open a complaint for")?;
    let subject = normalize_label("subject", &cmd.subject, SUBJECT_MAX)?;
    let description = cmd
        .description
        .as_deref()
        .map(|d| normalize_text("description", d, BODY_MAX))
        .transpose()?;
    let category = label("category", cmd.category.as_deref())?;
    let team = label("team", cmd.team.as_deref())?;
    let tags = normalize_tags(&cmd.tags)?;
    if let Some(a) = cmd.assignee {
        state.active_agent("assignee", a)?;
    }
    let mut interactions = cmd.interactions.clone();
    interactions.sort();
    interactions.dedup();
    for i in &interactions {
        same_customer_interaction(state, cmd.customer, *i)?;
    }
    if let Some(f) = cmd.follows {
        let prev = state.complaint(f)?;
        if prev.customer != cmd.customer {
            return Err(Error::invalid_input(
                "follows",
                f.to_string(),
                "the earlier complaint belongs to another customer",
            ));
        }
    }
    let received_at = crate::model::check_time("received_at", cmd.received_at.unwrap_or(meta.at))?;
    if received_at > meta.at.checked_add_signed(MAX_SKEW).unwrap_or(meta.at) {
        return Err(Error::invalid_input(
            "received_at",
            crate::model::iso(received_at),
            "a complaint cannot be recorded before it is received (received_at is after the command's at)",
        ));
    }
    let id = match cmd.id {
        Some(id) if state.complaint_ix.contains_key(&id) => {
            return Err(Error::id_in_use("complaint", id))
        }
        Some(id) => id,
        None => {
            ComplaintId::generate_unused(ids, meta.at, |id| state.complaint_ix.contains_key(id))?
        }
    };
    let payload = ComplaintOpened {
        customer: cmd.customer,
        channel: cmd.channel,
        subject,
        description,
        category,
        priority: cmd.priority,
        assignee: cmd.assignee,
        team,
        tags,
        interactions,
        follows: cmd.follows,
        received_at,
    };
    Ok((
        id,
        vec![(
            EntityRef::Complaint(id),
            EventPayload::ComplaintOpened(Box::new(payload)),
        )],
    ))
}

pub(crate) fn decide_update(state: &State, cmd: UpdateComplaint) -> Result<Pending> {
    let c = not_final(state, cmd.complaint, "update")?;
    let mut ch = ComplaintChanges::default();
    if let Some(s) = &cmd.subject {
        let s = normalize_label("subject", s, SUBJECT_MAX)?;
        if s != c.subject {
            ch.subject = Some(s);
        }
    }
    if let Some(d) = &cmd.description {
        let d = d
            .as_deref()
            .map(|x| normalize_text("description", x, BODY_MAX))
            .transpose()?;
        if d != c.description {
            ch.description = Some(d);
        }
    }
    if let Some(k) = &cmd.category {
        let k = label("category", k.as_deref())?;
        if k != c.category {
            ch.category = Some(k);
        }
    }
    if let Some(p) = cmd.priority {
        if p != c.priority {
            ch.priority = Some(p);
        }
    }
    if let Some(t) = &cmd.tags {
        let t = normalize_tags(t)?;
        if t != c.tags {
            ch.tags = Some(t);
        }
    }
    if ch.is_empty() {
        return Ok(Vec::new());
    }
    Ok(vec![(
        EntityRef::Complaint(c.id),
        EventPayload::ComplaintUpdated {
            changes: Box::new(ch),
        },
    )])
}

pub(crate) fn decide_assign(state: &State, cmd: AssignComplaint) -> Result<Pending> {
    let c = working(state, cmd.complaint, "assign")?;
    let assignee = match cmd.assignee {
        Some(Some(a)) => {
            state.active_agent("assignee", a)?;
            Some(a)
        }
        Some(None) => None,
        None => c.assignee,
    };
    let team = match &cmd.team {
        Some(t) => label("team", t.as_deref())?,
        None => c.team.clone(),
    };
    if assignee == c.assignee && team == c.team {
        return Ok(Vec::new());
    }
    Ok(vec![(
        EntityRef::Complaint(c.id),
        EventPayload::ComplaintAssigned { assignee, team },
    )])
}

pub(crate) fn decide_change_state(state: &State, cmd: ChangeComplaintState) -> Result<Pending> {
    let c = state.complaint(cmd.complaint)?;
    let action = format!("move to {}", cmd.to.as_str());
    let working_target = matches!(
        cmd.to,
        ComplaintState::Open | ComplaintState::InProgress | ComplaintState::WaitingOnCustomer
    );
    if !working_target {
        let command = match cmd.to {
            ComplaintState::Resolved => "resolve_complaint",
            ComplaintState::Closed => "close_complaint",
            ComplaintState::Cancelled => "cancel_complaint",
            ComplaintState::Merged => "merge_complaint",
            _ => "open_complaint",
        };
        return Err(Error::invalid_input(
            "to",
            cmd.to.as_str(),
            format!("use {command} for this state; change_complaint_state moves between open, in_progress and waiting_on_customer"),
        ));
    }
    if !c.state.is_active() || c.state == cmd.to {
        return Err(transition(c, &action));
    }
    let reason = cmd
        .reason
        .as_deref()
        .map(|r| normalize_text("reason", r, 1000))
        .transpose()?;
    Ok(vec![(
        EntityRef::Complaint(c.id),
        EventPayload::ComplaintStateChanged {
            from: c.state,
            to: cmd.to,
            reason,
        },
    )])
}

pub(crate) fn decide_respond(
    state: &State,
    meta: &Meta,
    cmd: RespondToComplaint,
) -> Result<Pending> {
    let c = not_final(state, cmd.complaint, "respond to")?;
    let agent = cmd.agent.or(match meta.actor {
        Actor::Agent(a) => Some(a),
        Actor::System => None,
    });
    match agent {
        Some(a) => {
            state.agent(a)?;
        }
        None if !cmd.automated => {
            return Err(Error::invalid_input(
                "agent",
                "",
                "a response by a person names its agent (or is issued by that agent); mark bot messages automated",
            ))
        }
        None => {}
    }
    let body = normalize_text("body", &cmd.body, BODY_MAX)?;
    if body.trim().is_empty() {
        return Err(Error::invalid_input("body", cmd.body, "must not be empty"));
    }
    let occurred_at = occurred(meta, c, cmd.occurred_at)?;
    let msg = MessageAdded {
        author: Author::Agent,
        agent,
        channel: cmd.channel.unwrap_or(c.channel),
        public: cmd.public,
        automated: cmd.automated,
        body,
        occurred_at,
        interaction: None,
    };
    let counts = cmd.public && !cmd.automated;
    let mut out = vec![(
        EntityRef::Complaint(c.id),
        EventPayload::ComplaintMessageAdded(Box::new(msg)),
    )];
    if counts && c.state == ComplaintState::New {
        out.push((
            EntityRef::Complaint(c.id),
            EventPayload::ComplaintStateChanged {
                from: ComplaintState::New,
                to: ComplaintState::Open,
                reason: Some("first response".into()),
            },
        ));
    }
    Ok(out)
}

pub(crate) fn decide_customer_message(
    state: &State,
    meta: &Meta,
    cmd: AddCustomerMessage,
) -> Result<Pending> {
    let c = not_final(state, cmd.complaint, "add a customer message to")?;
    let body = normalize_text("body", &cmd.body, BODY_MAX)?;
    if body.trim().is_empty() {
        return Err(Error::invalid_input("body", cmd.body, "must not be empty"));
    }
    if let Some(i) = cmd.interaction {
        same_customer_interaction(state, c.customer, i)?;
    }
    let occurred_at = occurred(meta, c, cmd.occurred_at)?;
    let msg = MessageAdded {
        author: Author::Customer,
        agent: None,
        channel: cmd.channel.unwrap_or(c.channel),
        public: true,
        automated: false,
        body,
        occurred_at,
        interaction: cmd.interaction,
    };
    let mut out = vec![(
        EntityRef::Complaint(c.id),
        EventPayload::ComplaintMessageAdded(Box::new(msg)),
    )];
    if c.state == ComplaintState::WaitingOnCustomer {
        out.push((
            EntityRef::Complaint(c.id),
            EventPayload::ComplaintStateChanged {
                from: c.state,
                to: c.resume_state,
                reason: Some("customer replied".into()),
            },
        ));
    }
    Ok(out)
}

pub(crate) fn decide_link(state: &State, cmd: LinkInteraction) -> Result<Pending> {
    let c = not_final(state, cmd.complaint, "link an interaction to")?;
    same_customer_interaction(state, c.customer, cmd.interaction)?;
    if c.interactions.contains(&cmd.interaction) {
        return Ok(Vec::new());
    }
    Ok(vec![(
        EntityRef::Complaint(c.id),
        EventPayload::ComplaintInteractionLinked {
            interaction: cmd.interaction,
        },
    )])
}

pub(crate) fn decide_resolve(state: &State, cmd: ResolveComplaint) -> Result<Pending> {
    let c = working(state, cmd.complaint, "resolve")?;
    let category = normalize_label("category", &cmd.category, 64)?;
    let note = cmd
        .note
        .as_deref()
        .map(|n| normalize_text("note", n, BODY_MAX))
        .transpose()?;
    let compensation = cmd
        .compensation
        .iter()
        .enumerate()
        .map(|(i, x)| {
            Ok(Compensation {
                kind: x.kind,
                value: x.value.non_negative(&format!("compensation[{i}].value"))?,
                note: x
                    .note
                    .as_deref()
                    .map(|n| normalize_text(&format!("compensation[{i}].note"), n, 1000))
                    .transpose()?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(vec![(
        EntityRef::Complaint(c.id),
        EventPayload::ComplaintResolved {
            from: c.state,
            category,
            note,
            compensation,
        },
    )])
}

pub(crate) fn decide_reopen(state: &State, meta: &Meta, cmd: ReopenComplaint) -> Result<Pending> {
    let c = state.complaint(cmd.complaint)?;
    if c.state != ComplaintState::Resolved {
        let mut e = transition(c, "reopen");
        if c.state == ComplaintState::Closed {
            if let Error::InvalidTransition { action, .. } = &mut e {
                action.push_str(
                    " (a closed complaint stays closed: open a new complaint that follows it)",
                );
            }
        }
        return Err(e);
    }
    let window = Duration::hours(i64::from(state.complaint_settings.reopen_window_hours));
    if let Some(at) = c.resolved_at() {
        let until = at.checked_add_signed(window).unwrap_or(at);
        if meta.at > until {
            return Err(Error::InvalidTransition {
                entity: "complaint",
                id: c.id.to_string(),
                action: format!(
                    "reopen (the reopen window ended at {}; open a new complaint that follows it)",
                    crate::model::iso(until)
                ),
                current: c.state.as_str().to_owned(),
                allowed: vec!["close".into()],
            });
        }
    }
    let reason = cmd
        .reason
        .as_deref()
        .map(|r| normalize_text("reason", r, 1000))
        .transpose()?;
    Ok(vec![(
        EntityRef::Complaint(c.id),
        EventPayload::ComplaintReopened { reason },
    )])
}

pub(crate) fn decide_close(state: &State, cmd: CloseComplaint) -> Result<Pending> {
    let c = state.complaint(cmd.complaint)?;
    if c.state != ComplaintState::Resolved {
        return Err(transition(c, "close"));
    }
    Ok(vec![(
        EntityRef::Complaint(c.id),
        EventPayload::ComplaintClosed { automatic: false },
    )])
}

pub(crate) fn decide_cancel(state: &State, cmd: CancelComplaint) -> Result<Pending> {
    let c = working(state, cmd.complaint, "cancel")?;
    let note = cmd
        .note
        .as_deref()
        .map(|n| normalize_text("note", n, 1000))
        .transpose()?
        .filter(|n| !n.trim().is_empty());
    if cmd.reason == CancelReason::Other && note.is_none() {
        return Err(Error::invalid_input(
            "note",
            "",
            "cancelling for reason `other` needs a note saying why",
        ));
    }
    Ok(vec![(
        EntityRef::Complaint(c.id),
        EventPayload::ComplaintCancelled {
            from: c.state,
            reason: cmd.reason,
            note,
        },
    )])
}

pub(crate) fn decide_merge(state: &State, cmd: MergeComplaint) -> Result<Pending> {
    if cmd.complaint == cmd.into {
        return Err(Error::invalid_input(
            "into",
            cmd.into.to_string(),
            "a complaint cannot be merged into itself",
        ));
    }
    let c = working(state, cmd.complaint, "merge")?;
    let target = state.complaint(cmd.into)?;
    if !target.state.is_active() {
        return Err(Error::InvalidTransition {
            entity: "complaint",
            id: target.id.to_string(),
            action: format!("merge complaint {} into", c.id),
            current: target.state.as_str().to_owned(),
            allowed: target.state.allowed_actions(),
        });
    }
    if target.customer != c.customer {
        return Err(Error::invalid_input(
            "into",
            cmd.into.to_string(),
            "complaints of different customers cannot be merged",
        ));
    }
    Ok(vec![(
        EntityRef::Complaint(c.id),
        EventPayload::ComplaintMerged {
            from: c.state,
            into: cmd.into,
        },
    )])
}

pub(crate) fn decide_escalate(state: &State, cmd: EscalateComplaint) -> Result<Pending> {
    let c = working(state, cmd.complaint, "escalate")?;
    let level = cmd.level.unwrap_or(c.escalation_level.saturating_add(1));
    if level <= c.escalation_level || level > 9 {
        return Err(Error::invalid_input(
            "level",
            level.to_string(),
            format!(
                "the level rises above the current {} and is at most 9",
                c.escalation_level
            ),
        ));
    }
    if let Some(a) = cmd.reassign_to {
        state.active_agent("reassign_to", a)?;
    }
    let team = label("team", cmd.team.as_deref())?;
    let reason = normalize_text("reason", &cmd.reason, 1000)?;
    if reason.trim().is_empty() {
        return Err(Error::invalid_input(
            "reason",
            cmd.reason,
            "an escalation says why",
        ));
    }
    Ok(vec![(
        EntityRef::Complaint(c.id),
        EventPayload::ComplaintEscalated {
            from_level: c.escalation_level,
            to_level: level,
            reason,
            assignee: cmd.reassign_to,
            team,
            notify: None,
            trigger: None,
        },
    )])
}
