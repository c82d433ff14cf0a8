//! The event-sourced [`Workspace`]: commands in, events out, state as a fold.

mod log;
mod query;
pub(crate) mod snapshot;
pub(crate) mod state;

pub use query::{TimelineCursor, TimelineEntry};
pub(crate) use state::State;

use crate::agent::{self, RegisterAgent, UpdateAgent};
use crate::complaint::commands as cc;
use crate::complaint::{
    AddCustomerMessage, AssignComplaint, CancelComplaint, ChangeComplaintState, CloseComplaint,
    EscalateComplaint, LinkInteraction, MergeComplaint, OpenComplaint, ReopenComplaint,
    ResolveComplaint, RespondToComplaint, UpdateComplaint,
};
use crate::customer::{self, *};
use crate::error::{Error, Result};
use crate::event::{EntityRef, Event, EventPayload, FORMAT_VERSION};
use crate::feedback::commands as fbc;
use crate::feedback::{AnswerSurvey, ConfigureFeedback, RemoveSurvey, SendSurvey, SurveyTemplate};
use crate::followup::commands as fc;
use crate::followup::{
    CancelFollowUp, CompleteFollowUp, ReassignFollowUp, ScheduleFollowUp, SnoozeFollowUp,
};
use crate::id::{AgentId, CustomerId, EventId, IdSource, InteractionId, SeededIds};
use crate::id::{ComplaintId, FollowUpId, OpportunityId, PurchaseId, ReferralId};
use crate::identity::erasure::{self, EraseCustomer};
use crate::identity::merge::{self, MergeCustomers, UnmergeCustomers};
use crate::interaction::{self, LogInteraction};
use crate::journey::commands as jc;
use crate::journey::playbook::{self, CancelPlaybookRun, Playbook, RemovePlaybook};
use crate::journey::{
    LoyaltySettings, MoveOpportunity, OpenOpportunity, Pipeline, RecordPurchase, RecordReferral,
    RewardReferral, UpdateOpportunity,
};
use crate::model::{Actor, Meta};
use crate::sla::escalation::{
    self as esc, ConfigureComplaints, DefineCalendar, RemoveCalendar, RemoveSlaPolicy, Tick,
};
use crate::sla::{CalendarSpec, SlaPolicy};
use serde::{Deserialize, Serialize};

/// Sets workspace-wide settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigureWorkspace {
    /// ISO 3166 region for phone numbers written without `+country` (`VN`).
    #[serde(default)]
    pub default_region: Option<String>,
}

/// Every command, as plain serialisable data (`{"type": "register_customer", ...}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[non_exhaustive]
#[allow(missing_docs)]
pub enum Command {
    ConfigureWorkspace(ConfigureWorkspace),
    RegisterAgent(RegisterAgent),
    UpdateAgent(UpdateAgent),
    RegisterCustomer(RegisterCustomer),
    UpdateCustomer(UpdateCustomer),
    AddContactPoint(AddContactPoint),
    RemoveContactPoint(RemoveContactPoint),
    RecordConsent(RecordConsent),
    TagCustomer(TagCustomer),
    UntagCustomer(TagCustomer),
    ChangeLifecycle(ChangeLifecycle),
    SetTier(SetTier),
    ArchiveCustomer(ArchiveCustomer),
    RestoreCustomer(RestoreCustomer),
    AddMembership(AddMembership),
    RemoveMembership(RemoveMembership),
    LogInteraction(LogInteraction),
    ConfigureComplaints(ConfigureComplaints),
    DefineCalendar(DefineCalendar),
    RemoveCalendar(RemoveCalendar),
    DefineSlaPolicy(SlaPolicy),
    RemoveSlaPolicy(RemoveSlaPolicy),
    OpenComplaint(OpenComplaint),
    UpdateComplaint(UpdateComplaint),
    AssignComplaint(AssignComplaint),
    ChangeComplaintState(ChangeComplaintState),
    RespondToComplaint(RespondToComplaint),
    AddCustomerMessage(AddCustomerMessage),
    LinkInteraction(LinkInteraction),
    ResolveComplaint(ResolveComplaint),
    ReopenComplaint(ReopenComplaint),
    CloseComplaint(CloseComplaint),
    CancelComplaint(CancelComplaint),
    MergeComplaint(MergeComplaint),
    EscalateComplaint(EscalateComplaint),
    Tick(Tick),
    DefinePipeline(Pipeline),
    ConfigureLoyalty(LoyaltySettings),
    OpenOpportunity(OpenOpportunity),
    UpdateOpportunity(UpdateOpportunity),
    MoveOpportunity(MoveOpportunity),
    RecordPurchase(RecordPurchase),
    RecordReferral(RecordReferral),
    RewardReferral(RewardReferral),
    ScheduleFollowUp(ScheduleFollowUp),
    CompleteFollowUp(CompleteFollowUp),
    CancelFollowUp(CancelFollowUp),
    SnoozeFollowUp(SnoozeFollowUp),
    ReassignFollowUp(ReassignFollowUp),
    DefinePlaybook(Playbook),
    RemovePlaybook(RemovePlaybook),
    CancelPlaybookRun(CancelPlaybookRun),
    ConfigureFeedback(ConfigureFeedback),
    DefineSurvey(SurveyTemplate),
    RemoveSurvey(RemoveSurvey),
    SendSurvey(SendSurvey),
    AnswerSurvey(AnswerSurvey),
    MergeCustomers(MergeCustomers),
    UnmergeCustomers(UnmergeCustomers),
    EraseCustomer(EraseCustomer),
}

macro_rules! command_types {
    ($($name:literal => $t:ty => $variant:ident),* $(,)?) => {
        impl Command {
            /// The `type` tag of every command.
            pub const TYPES: &'static [&'static str] = &[$($name),*];

            /// Reads a command from its JSON form (`{"type": "tag_customer",
            /// "customer": ..., "tags": [...]}`). The type is looked up first,
            /// so a shape error names the field inside the command.
            ///
            /// # Errors
            /// `invalid_input` naming `type` for a missing or unknown type, or
            /// the field (`contacts[0].kind`) for a bad body.
            pub fn from_json(value: &serde_json::Value) -> Result<Command> {
                let Some(map) = value.as_object() else {
                    return Err(Error::invalid_input(
                        "command",
                        value.to_string(),
                        "expected an object with a \"type\", such as {\"type\": \"tag_customer\", ...}",
                    ));
                };
                let ty = match map.get("type") {
                    Some(serde_json::Value::String(t)) => t.as_str(),
                    other => {
                        return Err(Error::invalid_input(
                            "type",
                            other.map(|v| v.to_string()).unwrap_or_default(),
                            format!("a command needs its type, one of: {}", Self::TYPES.join(", ")),
                        ))
                    }
                };
                let mut body = map.clone();
                body.remove("type");
                let body = serde_json::Value::Object(body);
                match ty {
                    $($name => crate::json::decode::<$t>(&body, "command").map(Command::$variant),)*
                    other => Err(Error::invalid_input(
                        "type",
                        other,
                        format!("unknown command type; expected one of: {}", Self::TYPES.join(", ")),
                    )),
                }
            }
        }
    };
}

command_types! {
    "configure_workspace" => ConfigureWorkspace => ConfigureWorkspace,
    "register_agent" => RegisterAgent => RegisterAgent,
    "update_agent" => UpdateAgent => UpdateAgent,
    "register_customer" => RegisterCustomer => RegisterCustomer,
    "update_customer" => UpdateCustomer => UpdateCustomer,
    "add_contact_point" => AddContactPoint => AddContactPoint,
    "remove_contact_point" => RemoveContactPoint => RemoveContactPoint,
    "record_consent" => RecordConsent => RecordConsent,
    "tag_customer" => TagCustomer => TagCustomer,
    "untag_customer" => TagCustomer => UntagCustomer,
    "change_lifecycle" => ChangeLifecycle => ChangeLifecycle,
    "set_tier" => SetTier => SetTier,
    "archive_customer" => ArchiveCustomer => ArchiveCustomer,
    "restore_customer" => RestoreCustomer => RestoreCustomer,
    "add_membership" => AddMembership => AddMembership,
    "remove_membership" => RemoveMembership => RemoveMembership,
    "log_interaction" => LogInteraction => LogInteraction,
    "configure_complaints" => ConfigureComplaints => ConfigureComplaints,
    "define_calendar" => DefineCalendar => DefineCalendar,
    "remove_calendar" => RemoveCalendar => RemoveCalendar,
    "define_sla_policy" => SlaPolicy => DefineSlaPolicy,
    "remove_sla_policy" => RemoveSlaPolicy => RemoveSlaPolicy,
    "open_complaint" => OpenComplaint => OpenComplaint,
    "update_complaint" => UpdateComplaint => UpdateComplaint,
    "assign_complaint" => AssignComplaint => AssignComplaint,
    "change_complaint_state" => ChangeComplaintState => ChangeComplaintState,
    "respond_to_complaint" => RespondToComplaint => RespondToComplaint,
    "add_customer_message" => AddCustomerMessage => AddCustomerMessage,
    "link_interaction" => LinkInteraction => LinkInteraction,
    "resolve_complaint" => ResolveComplaint => ResolveComplaint,
    "reopen_complaint" => ReopenComplaint => ReopenComplaint,
    "close_complaint" => CloseComplaint => CloseComplaint,
    "cancel_complaint" => CancelComplaint => CancelComplaint,
    "merge_complaint" => MergeComplaint => MergeComplaint,
    "escalate_complaint" => EscalateComplaint => EscalateComplaint,
    "tick" => Tick => Tick,
    "define_pipeline" => Pipeline => DefinePipeline,
    "configure_loyalty" => LoyaltySettings => ConfigureLoyalty,
    "open_opportunity" => OpenOpportunity => OpenOpportunity,
    "update_opportunity" => UpdateOpportunity => UpdateOpportunity,
    "move_opportunity" => MoveOpportunity => MoveOpportunity,
    "record_purchase" => RecordPurchase => RecordPurchase,
    "record_referral" => RecordReferral => RecordReferral,
    "reward_referral" => RewardReferral => RewardReferral,
    "schedule_follow_up" => ScheduleFollowUp => ScheduleFollowUp,
    "complete_follow_up" => CompleteFollowUp => CompleteFollowUp,
    "cancel_follow_up" => CancelFollowUp => CancelFollowUp,
    "snooze_follow_up" => SnoozeFollowUp => SnoozeFollowUp,
    "reassign_follow_up" => ReassignFollowUp => ReassignFollowUp,
    "define_playbook" => Playbook => DefinePlaybook,
    "remove_playbook" => RemovePlaybook => RemovePlaybook,
    "cancel_playbook_run" => CancelPlaybookRun => CancelPlaybookRun,
    "configure_feedback" => ConfigureFeedback => ConfigureFeedback,
    "define_survey" => SurveyTemplate => DefineSurvey,
    "remove_survey" => RemoveSurvey => RemoveSurvey,
    "send_survey" => SendSurvey => SendSurvey,
    "answer_survey" => AnswerSurvey => AnswerSurvey,
    "merge_customers" => MergeCustomers => MergeCustomers,
    "unmerge_customers" => UnmergeCustomers => UnmergeCustomers,
    "erase_customer" => EraseCustomer => EraseCustomer,
}

impl Command {
    /// Rewrites the customer ids a command names to the customers they
    /// resolve to (a merged id to its survivor), and refuses erased ones.
    fn resolve_customers(&mut self, st: &State) -> Result<()> {
        let live = |id: &mut CustomerId| -> Result<()> {
            if !st.customer_ix.contains_key(id) {
                return Ok(());
            }
            let r = st.resolve(*id);
            if st.customer_raw(r).is_ok_and(|c| c.erased_at.is_some()) {
                return Err(Error::InvalidTransition {
                    entity: "customer",
                    id: id.to_string(),
                    action: "use".into(),
                    current: "erased".into(),
                    allowed: Vec::new(),
                });
            }
            *id = r;
            Ok(())
        };
        match self {
            Command::UpdateCustomer(UpdateCustomer { customer, .. })
            | Command::AddContactPoint(AddContactPoint { customer, .. })
            | Command::RemoveContactPoint(RemoveContactPoint { customer, .. })
            | Command::RecordConsent(RecordConsent { customer, .. })
            | Command::TagCustomer(TagCustomer { customer, .. })
            | Command::UntagCustomer(TagCustomer { customer, .. })
            | Command::ChangeLifecycle(ChangeLifecycle { customer, .. })
            | Command::SetTier(SetTier { customer, .. })
            | Command::ArchiveCustomer(ArchiveCustomer { customer, .. })
            | Command::RestoreCustomer(RestoreCustomer { customer, .. })
            | Command::LogInteraction(LogInteraction { customer, .. })
            | Command::OpenComplaint(OpenComplaint { customer, .. })
            | Command::RecordPurchase(RecordPurchase { customer, .. })
            | Command::SendSurvey(SendSurvey { customer, .. }) => live(customer),
            Command::OpenOpportunity(o) => {
                live(&mut o.customer)?;
                o.source.referred_by.as_mut().map_or(Ok(()), live)
            }
            Command::AddMembership(AddMembership {
                person,
                organization,
                ..
            })
            | Command::RemoveMembership(RemoveMembership {
                person,
                organization,
            }) => {
                live(person)?;
                live(organization)
            }
            Command::RecordReferral(r) => {
                live(&mut r.referrer)?;
                live(&mut r.referred)
            }
            Command::ScheduleFollowUp(f) => f.customer.as_mut().map_or(Ok(()), live),
            Command::MergeCustomers(m) => live(&mut m.survivor),
            Command::EraseCustomer(e) => {
                e.customer = st.resolve(e.customer);
                Ok(())
            }
            _ => Ok(()),
        }
    }
}

/// What a successful command did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Outcome {
    /// The entity the command created, if it created one.
    pub created: Option<EntityRef>,
    /// Sequence number of its first event (the next sequence when it had none).
    pub first_seq: u64,
    /// How many events it appended (0 when nothing changed).
    pub events: usize,
}

/// A command decided but not yet applied: see [`Workspace::prepare`].
#[derive(Debug, Clone, PartialEq)]
pub struct Prepared {
    events: Vec<Event>,
    created: Option<EntityRef>,
    base_seq: u64,
    base_event: Option<EventId>,
}

impl Prepared {
    /// The events the command appends, with their final envelopes.
    #[must_use]
    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// The sequence number of the workspace the command was decided against:
    /// its events follow it.
    #[must_use]
    pub fn base_seq(&self) -> u64 {
        self.base_seq
    }

    /// The entity the command creates, if it creates one.
    #[must_use]
    pub fn created(&self) -> Option<EntityRef> {
        self.created
    }

    /// Whether committing rewrites earlier events too (an erasure redacts the
    /// log): a store must then rewrite them as well (see [`Committed::redacted`]).
    #[must_use]
    pub fn rewrites_log(&self) -> bool {
        self.events
            .iter()
            .any(|e| matches!(e.payload, EventPayload::CustomerErased { .. }))
    }
}

/// What [`Workspace::commit`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Committed {
    /// The command's outcome, as [`Workspace::execute`] returns it.
    pub outcome: Outcome,
    /// Sequence numbers of earlier events that this commit rewrote in the log
    /// (an erasure's redaction), in order. A store replaces its copies.
    pub redacted: Vec<u64>,
}

/// The outcome of a bulk operation: one entry per input row.
#[derive(Debug, Clone, PartialEq)]
pub struct BulkOutcome<T> {
    /// Per row: the result (an id) or the error that kept the row out.
    pub rows: Vec<std::result::Result<T, Error>>,
}

impl<T> BulkOutcome<T> {
    /// How many rows were applied.
    #[must_use]
    pub fn applied(&self) -> usize {
        self.rows.iter().filter(|r| r.is_ok()).count()
    }
    /// The rejected rows: (0-based row index, error).
    pub fn errors(&self) -> impl Iterator<Item = (usize, &Error)> {
        self.rows
            .iter()
            .enumerate()
            .filter_map(|(i, r)| r.as_ref().err().map(|e| (i, e)))
    }
}

/// One tenant's data: the event log, the state folded from it and its indexes.
///
/// ```
/// use clientcare::{Workspace, Meta, RegisterCustomer};
/// use chrono::{TimeZone, Utc};
///
/// # fn main() -> Result<(), clientcare::Error> {
/// let at = Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap();
/// let mut ws = Workspace::with_seed(42);
/// ws.configure(Meta::system(at), Some("VN"))?;
/// let id = ws.register_customer(Meta::system(at), RegisterCustomer {
///     full_name: "Nguyễn Văn Đức".into(),
///     phones: vec!["090 123 4567".into()],
///     ..Default::default()
/// })?;
/// assert_eq!(ws.find_by_phone("+84901234567")?[0].id, id);
/// let found = ws.search_customers(&clientcare::SearchQuery::new("nguyen van duc"))?;
/// assert_eq!(found.hits[0].customer.id, id);
/// let copy = clientcare::Workspace::import_jsonl(&ws.export_jsonl(), Box::new(clientcare::SeededIds::new(1)))?;
/// assert_eq!(copy, ws);
/// # Ok(())
/// # }
/// ```
#[derive(Debug)]
pub struct Workspace {
    pub(crate) state: State,
    pub(crate) log: Vec<Event>,
    ids: Box<dyn IdSource>,
    /// Sequence numbers of earlier events rewritten in the log (by an
    /// erasure) since the last [`take_rewritten`](Workspace::take_rewritten).
    rewritten: Vec<u64>,
}

impl PartialEq for Workspace {
    /// Two workspaces are equal when their logs and folded states are (the id
    /// source is not compared).
    fn eq(&self, other: &Self) -> bool {
        self.log == other.log && self.state == other.state
    }
}

impl Clone for Workspace {
    fn clone(&self) -> Self {
        Self {
            state: self.state.clone(),
            log: self.log.clone(),
            ids: self.ids.clone_box(),
            rewritten: self.rewritten.clone(),
        }
    }
}

impl Workspace {
    /// An empty workspace whose new ids come from `ids`.
    #[must_use]
    pub fn new(ids: Box<dyn IdSource>) -> Self {
        Self {
            state: State::default(),
            log: Vec::new(),
            ids,
            rewritten: Vec::new(),
        }
    }

    /// An empty workspace with a deterministic [`SeededIds`] source.
    #[must_use]
    pub fn with_seed(seed: u64) -> Self {
        Self::new(Box::new(SeededIds::new(seed)))
    }

    /// Replaces the id source (for example after an import).
    pub fn set_id_source(&mut self, ids: Box<dyn IdSource>) {
        self.ids = ids;
    }

    /// The event log, in sequence order.
    #[must_use]
    pub fn events(&self) -> &[Event] {
        &self.log
    }

    /// The events after sequence number `seq` (all of them for 0).
    #[must_use]
    pub fn events_since(&self, seq: u64) -> &[Event] {
        let from = usize::try_from(seq)
            .unwrap_or(usize::MAX)
            .min(self.log.len());
        &self.log[from..]
    }

    /// The sequence numbers of earlier events that were rewritten in the log
    /// since the last call (an erasure redacts the events about the customer),
    /// in order, each once. A host that stores the log replaces its copies of
    /// these events (see docs/identity.md); the next call starts afresh.
    pub fn take_rewritten(&mut self) -> Vec<u64> {
        let mut seqs = std::mem::take(&mut self.rewritten);
        seqs.sort_unstable();
        seqs.dedup();
        seqs
    }

    /// The sequence number of the last event (0 when empty).
    #[must_use]
    pub fn seq(&self) -> u64 {
        self.log.len() as u64
    }

    /// The default phone region, if configured.
    #[must_use]
    pub fn default_region(&self) -> Option<&str> {
        self.state.default_region.as_deref()
    }

    /// Runs a command: validates it against the current state and, when it is
    /// valid, appends and applies its events.
    ///
    /// # Errors
    /// Whatever the command's validation finds (`invalid_input`, `not_found`,
    /// `conflict`, `invalid_transition`). The workspace is then unchanged.
    pub fn execute(&mut self, meta: Meta, command: Command) -> Result<Outcome> {
        let prepared = self.prepare(meta, command)?;
        Ok(self.commit(prepared)?.outcome)
    }

    /// Decides a command against the current state without changing it: the
    /// events it would append, with their envelopes (sequence numbers, ids,
    /// time, actor). A host that stores the log writes them first, then
    /// [`commit`](Self::commit)s them; when its write fails (another writer
    /// was first), it drops them and nothing has changed here.
    ///
    /// The id source does advance: ids handed out by a dropped preparation are
    /// not reused.
    ///
    /// # Errors
    /// Whatever the command's validation finds, as [`execute`](Self::execute).
    pub fn prepare(&mut self, meta: Meta, mut command: Command) -> Result<Prepared> {
        self.check_meta(&meta)?;
        command.resolve_customers(&self.state)?;
        let st = &self.state;
        let ids: &mut dyn IdSource = self.ids.as_mut();
        let (created, pending) = match command {
            Command::ConfigureWorkspace(c) => {
                let default_region = c
                    .default_region
                    .as_deref()
                    .map(|r| crate::text::parse_region(r).map(|_| r.trim().to_ascii_uppercase()))
                    .transpose()?;
                let p = if default_region == st.default_region {
                    Vec::new()
                } else {
                    vec![(
                        EntityRef::Workspace,
                        EventPayload::WorkspaceConfigured { default_region },
                    )]
                };
                (None, p)
            }
            Command::RegisterAgent(c) => {
                let (id, p) = agent::decide_register(st, &meta, c, ids)?;
                (Some(EntityRef::Agent(id)), p)
            }
            Command::UpdateAgent(c) => (None, agent::decide_update(st, c)?),
            Command::RegisterCustomer(c) => {
                let (id, p) = customer::commands::decide_register(st, &meta, c, ids)?;
                (Some(EntityRef::Customer(id)), p)
            }
            Command::UpdateCustomer(c) => (None, decide_update(st, c)?),
            Command::AddContactPoint(c) => (None, decide_add_contact(st, c)?),
            Command::RemoveContactPoint(c) => (None, decide_remove_contact(st, c)?),
            Command::RecordConsent(c) => (None, decide_consent(st, &meta, c)?),
            Command::TagCustomer(c) => (None, decide_tag(st, c, true)?),
            Command::UntagCustomer(c) => (None, decide_tag(st, c, false)?),
            Command::ChangeLifecycle(c) => {
                let (id, to) = (c.customer, c.to);
                let mut p = decide_lifecycle(st, c)?;
                if playbook::stops(to) {
                    p.extend(playbook::stop_for(st, id, "customer churned"));
                }
                (None, p)
            }
            Command::SetTier(c) => (None, decide_tier(st, c)?),
            Command::ArchiveCustomer(c) => {
                let id = c.customer;
                let mut p = decide_archive(st, c)?;
                p.extend(playbook::stop_for(st, id, "customer archived"));
                (None, p)
            }
            Command::RestoreCustomer(c) => (None, decide_restore(st, c)?),
            Command::AddMembership(c) => (None, decide_add_membership(st, c)?),
            Command::RemoveMembership(c) => (None, decide_remove_membership(st, c)?),
            Command::LogInteraction(c) => {
                let (id, p) = interaction::decide_log(st, &meta, c, ids)?;
                (Some(EntityRef::Interaction(id)), p)
            }
            Command::ConfigureComplaints(c) => (None, esc::decide_configure(st, c)?),
            Command::DefineCalendar(c) => (None, esc::decide_define_calendar(st, c)?),
            Command::RemoveCalendar(c) => (None, esc::decide_remove_calendar(st, c)?),
            Command::DefineSlaPolicy(c) => (None, esc::decide_define_policy(st, c)?),
            Command::RemoveSlaPolicy(c) => (None, esc::decide_remove_policy(st, c)?),
            Command::OpenComplaint(c) => {
                let (id, p) = cc::decide_open(st, &meta, c, ids)?;
                (Some(EntityRef::Complaint(id)), p)
            }
            Command::UpdateComplaint(c) => (None, cc::decide_update(st, c)?),
            Command::AssignComplaint(c) => (None, cc::decide_assign(st, c)?),
            Command::ChangeComplaintState(c) => (None, cc::decide_change_state(st, c)?),
            Command::RespondToComplaint(c) => (None, cc::decide_respond(st, &meta, c)?),
            Command::AddCustomerMessage(c) => (None, cc::decide_customer_message(st, &meta, c)?),
            Command::LinkInteraction(c) => (None, cc::decide_link(st, c)?),
            Command::ResolveComplaint(c) => {
                let id = c.complaint;
                let mut p = cc::decide_resolve(st, c)?;
                p.extend(fbc::csat_on_resolve(st, &meta, id, ids)?);
                (None, p)
            }
            Command::ReopenComplaint(c) => (None, cc::decide_reopen(st, &meta, c)?),
            Command::CloseComplaint(c) => (None, cc::decide_close(st, c)?),
            Command::CancelComplaint(c) => (None, cc::decide_cancel(st, c)?),
            Command::MergeComplaint(c) => (None, cc::decide_merge(st, c)?),
            Command::EscalateComplaint(c) => (None, cc::decide_escalate(st, c)?),
            Command::Tick(Tick {}) => (None, esc::decide_tick(st, &meta, ids)?),
            Command::DefinePipeline(c) => (None, jc::decide_define_pipeline(st, c)?),
            Command::ConfigureLoyalty(c) => {
                (None, jc::decide_configure_loyalty(st, &meta, c, ids)?)
            }
            Command::OpenOpportunity(c) => {
                let (id, p) = jc::decide_open_opportunity(st, &meta, c, ids)?;
                (Some(EntityRef::Opportunity(id)), p)
            }
            Command::UpdateOpportunity(c) => (None, jc::decide_update_opportunity(st, c)?),
            Command::MoveOpportunity(c) => (None, jc::decide_move_opportunity(st, &meta, c, ids)?),
            Command::RecordPurchase(c) => {
                let (id, p) = jc::decide_record_purchase(st, &meta, c, ids)?;
                (Some(EntityRef::Purchase(id)), p)
            }
            Command::RecordReferral(c) => {
                let (id, p) = jc::decide_record_referral(st, &meta, c, ids)?;
                (Some(EntityRef::Referral(id)), p)
            }
            Command::RewardReferral(c) => (None, jc::decide_reward_referral(st, c)?),
            Command::ScheduleFollowUp(c) => {
                let (id, p) = fc::decide_schedule(st, &meta, c, ids)?;
                (Some(EntityRef::FollowUp(id)), p)
            }
            Command::CompleteFollowUp(c) => {
                let fu = c.follow_up;
                let mut p = fc::decide_complete(st, &meta, c, ids)?;
                p.extend(fbc::survey_for_step(st, &meta, fu, ids)?);
                (None, p)
            }
            Command::CancelFollowUp(c) => (None, fc::decide_cancel(st, &meta, c, ids)?),
            Command::SnoozeFollowUp(c) => (None, fc::decide_snooze(st, &meta, c)?),
            Command::ReassignFollowUp(c) => (None, fc::decide_reassign(st, c)?),
            Command::DefinePlaybook(c) => (None, playbook::decide_define(st, c)?),
            Command::RemovePlaybook(c) => (None, playbook::decide_remove(st, c)?),
            Command::CancelPlaybookRun(c) => (None, playbook::decide_cancel_run(st, c)?),
            Command::ConfigureFeedback(c) => (None, fbc::decide_configure(st, c)?),
            Command::DefineSurvey(c) => (None, fbc::decide_define(c)?),
            Command::RemoveSurvey(c) => (None, fbc::decide_remove(st, c)?),
            Command::SendSurvey(c) => {
                let (id, p) = fbc::decide_send(st, &meta, c, ids)?;
                (Some(EntityRef::Survey(id)), p)
            }
            Command::AnswerSurvey(c) => (None, fbc::decide_answer(st, &meta, c)?),
            Command::MergeCustomers(c) => (None, merge::decide_merge(st, c)?),
            Command::UnmergeCustomers(c) => (None, merge::decide_unmerge(st, c)?),
            Command::EraseCustomer(c) => (None, erasure::decide_erase(st, c)?),
        };
        let base_seq = self.seq();
        let mut events = Vec::with_capacity(pending.len());
        for (entity, payload) in pending {
            events.push(Event {
                v: FORMAT_VERSION,
                seq: base_seq + events.len() as u64 + 1,
                id: EventId::generate(self.ids.as_mut(), meta.at),
                at: meta.at,
                actor: meta.actor,
                entity,
                payload,
            });
        }
        Ok(Prepared {
            events,
            created,
            base_seq,
            base_event: self.log.last().map(|e| e.id),
        })
    }

    /// Appends and applies the events of a [`prepare`](Self::prepare)d command.
    ///
    /// # Errors
    /// `conflict` (field `seq`) when the workspace is no longer where the
    /// command was decided (other events were appended since, or it was
    /// prepared on another workspace); nothing changes then: prepare again.
    pub fn commit(&mut self, prepared: Prepared) -> Result<Committed> {
        if prepared.base_seq != self.seq() || prepared.base_event != self.log.last().map(|e| e.id) {
            return Err(Error::Conflict {
                field: "seq".into(),
                value: prepared.base_seq.to_string(),
                holder_entity: "workspace",
                holder: format!("at seq {}", self.seq()),
                remedy: "the workspace moved on since the command was prepared; prepare it again"
                    .into(),
            });
        }
        let first_seq = self.seq() + 1;
        let events = prepared.events.len();
        let mut redacted = Vec::new();
        for ev in prepared.events {
            let pos = u32::try_from(self.log.len()).unwrap_or(u32::MAX);
            self.state.apply(&ev, pos);
            self.log.push(ev);
            redacted.extend(self.after_apply(pos));
        }
        redacted.sort_unstable();
        redacted.dedup();
        Ok(Committed {
            outcome: Outcome {
                created: prepared.created,
                first_seq,
                events,
            },
            redacted,
        })
    }

    /// Runs a command that creates one entity and returns the entity's id.
    fn create<T>(
        &mut self,
        meta: Meta,
        command: Command,
        name: &'static str,
        pick: impl Fn(EntityRef) -> Option<T>,
    ) -> Result<T> {
        self.execute(meta, command)?
            .created
            .and_then(pick)
            .ok_or_else(|| Error::invalid_input("command", name, "internal: nothing was created"))
    }

    fn check_meta(&self, meta: &Meta) -> Result<()> {
        crate::model::check_time("at", meta.at)?;
        if let Actor::Agent(a) = meta.actor {
            let agent = self.state.agent(a)?;
            if !agent.active {
                return Err(Error::invalid_input(
                    "actor",
                    a.to_string(),
                    "the agent is inactive and cannot act; reactivate it first",
                ));
            }
        }
        Ok(())
    }

    /// Log-level effects of an event just applied: an erasure redacts the
    /// earlier events about the customer in the log itself.
    /// Returns the sequence numbers of the earlier events it rewrote.
    fn after_apply(&mut self, pos: u32) -> Vec<u64> {
        let mut rewritten = Vec::new();
        let Some(ev) = self.log.get(pos as usize) else {
            return rewritten;
        };
        if let (EntityRef::Customer(id), EventPayload::CustomerErased { .. }) =
            (&ev.entity, &ev.payload)
        {
            let group = self.state.merge_group(*id);
            let mut pseudo = erasure::Pseudonyms::new(ev.seq);
            let (own, lent) = self.state.erasure_log_positions(&group);
            if !lent.is_empty() {
                let (points, names) = self.state.held_by_others(&group);
                pseudo.shared_with_others(points, names);
            }
            // In log order, so names and contact points are seen before they
            // are looked for in the survivors' events.
            let mut all: Vec<(u32, bool)> = own.into_iter().map(|p| (p, true)).collect();
            all.extend(lent.into_iter().map(|p| (p, false)));
            all.sort_unstable();
            for (p, mine) in all {
                let entity = self.log[p as usize].entity;
                if !mine && !matches!(entity, EntityRef::Customer(_)) {
                    continue;
                }
                let keys = match entity {
                    EntityRef::Survey(s) => self
                        .state
                        .survey_ix
                        .get(&s)
                        .map(|&i| self.state.text_question_keys(i))
                        .unwrap_or_default(),
                    _ => Vec::new(),
                };
                let st = &self.state;
                let erased =
                    |c: CustomerId| st.customer_ix.get(&c).is_some_and(|x| group.contains(x));
                let before = self.log[p as usize].clone();
                erasure::redact(&mut self.log[p as usize], &mut pseudo, &keys, erased);
                if self.log[p as usize] != before {
                    rewritten.push(self.log[p as usize].seq);
                }
            }
        }
        self.rewritten.extend_from_slice(&rewritten);
        rewritten
    }

    /// Rebuilds a workspace from events, checking each against the state
    /// before it. The result equals the workspace that produced them.
    ///
    /// # Errors
    /// [`Error::CorruptLog`] naming the first event (1-based position) that is
    /// out of sequence or inconsistent. Nothing is returned then.
    pub fn replay(events: impl IntoIterator<Item = Event>, ids: Box<dyn IdSource>) -> Result<Self> {
        let mut ws = Self::new(ids);
        let events = events.into_iter();
        ws.log.reserve(events.size_hint().0);
        for (i, ev) in events.enumerate() {
            ws.push_checked(ev, i + 1)?;
        }
        Ok(ws)
    }

    /// Appends events written elsewhere (another instance's, read back from a
    /// store) after the last one here, checking each as [`replay`](Self::replay)
    /// does. Returns the sequence numbers of earlier events that an erasure
    /// among them rewrote in this log.
    ///
    /// # Errors
    /// [`Error::CorruptLog`] naming the first bad event (1-based position in
    /// `events`). The events before it stay applied: each is a consistent
    /// step, and the workspace is as if the log ended there.
    pub fn apply_events(&mut self, events: impl IntoIterator<Item = Event>) -> Result<Vec<u64>> {
        let mut rewritten = Vec::new();
        for (i, ev) in events.into_iter().enumerate() {
            rewritten.extend(self.push_checked(ev, i + 1)?);
        }
        rewritten.sort_unstable();
        rewritten.dedup();
        Ok(rewritten)
    }

    pub(super) fn push_checked(&mut self, ev: Event, line: usize) -> Result<Vec<u64>> {
        let expected = self.seq() + 1;
        self.state
            .check(&ev, expected)
            .map_err(|reason| Error::CorruptLog {
                line,
                seq: expected,
                reason,
            })?;
        let pos = u32::try_from(self.log.len()).unwrap_or(u32::MAX);
        self.state.apply(&ev, pos);
        self.log.push(ev);
        Ok(self.after_apply(pos))
    }

    // ----- typed conveniences over `execute` -----

    /// Sets the default phone region (`"VN"`), or clears it with `None`.
    ///
    /// # Errors
    /// `invalid_input` for an unknown region.
    pub fn configure(&mut self, meta: Meta, default_region: Option<&str>) -> Result<()> {
        self.execute(
            meta,
            Command::ConfigureWorkspace(ConfigureWorkspace {
                default_region: default_region.map(str::to_owned),
            }),
        )
        .map(|_| ())
    }

    /// Registers an agent and returns its id.
    ///
    /// # Errors
    /// `invalid_input` for an empty name or a bad email; `conflict` for a used id.
    pub fn register_agent(&mut self, meta: Meta, cmd: RegisterAgent) -> Result<AgentId> {
        self.create(
            meta,
            Command::RegisterAgent(cmd),
            "register_agent",
            |e| match e {
                EntityRef::Agent(id) => Some(id),
                _ => None,
            },
        )
    }

    /// Registers a customer and returns its id.
    ///
    /// # Errors
    /// `invalid_input` naming the field for bad values; `conflict` naming the
    /// holder when an email or phone is in use by another active customer;
    /// `not_found` for an unknown owner.
    pub fn register_customer(&mut self, meta: Meta, cmd: RegisterCustomer) -> Result<CustomerId> {
        self.create(
            meta,
            Command::RegisterCustomer(cmd),
            "register_customer",
            |e| match e {
                EntityRef::Customer(id) => Some(id),
                _ => None,
            },
        )
    }

    /// Registers many customers. Each row is validated on its own (and against
    /// the rows before it); bad rows are reported and not applied, good rows are.
    pub fn register_customers(
        &mut self,
        meta: Meta,
        rows: impl IntoIterator<Item = RegisterCustomer>,
    ) -> BulkOutcome<CustomerId> {
        let rows = rows.into_iter();
        let n = rows.size_hint().0;
        self.log.reserve(n);
        self.state.reserve_customers(n);
        BulkOutcome {
            rows: rows.map(|r| self.register_customer(meta, r)).collect(),
        }
    }

    /// Logs an interaction and returns its id.
    ///
    /// # Errors
    /// `not_found` for an unknown customer or agent; `invalid_input` for a
    /// missing or misplaced network, or an `occurred_at` in the future;
    /// `invalid_transition` for an archived customer.
    pub fn log_interaction(&mut self, meta: Meta, cmd: LogInteraction) -> Result<InteractionId> {
        self.create(
            meta,
            Command::LogInteraction(cmd),
            "log_interaction",
            |e| match e {
                EntityRef::Interaction(id) => Some(id),
                _ => None,
            },
        )
    }

    /// Records a complaint and returns its id.
    ///
    /// # Errors
    /// `not_found` for an unknown customer, agent, interaction or followed
    /// complaint; `invalid_input` for bad fields; `invalid_transition` for an
    /// archived customer.
    pub fn open_complaint(&mut self, meta: Meta, cmd: OpenComplaint) -> Result<ComplaintId> {
        self.create(
            meta,
            Command::OpenComplaint(cmd),
            "open_complaint",
            |e| match e {
                EntityRef::Complaint(id) => Some(id),
                _ => None,
            },
        )
    }

    /// Changes the feedback settings (absent fields keep their value).
    ///
    /// # Errors
    /// `invalid_input` for `response_days` outside 1..=365.
    pub fn configure_feedback(&mut self, meta: Meta, cmd: ConfigureFeedback) -> Result<()> {
        self.execute(meta, Command::ConfigureFeedback(cmd))
            .map(|_| ())
    }

    /// Defines (or replaces, by key) a custom survey.
    ///
    /// # Errors
    /// `invalid_input` naming the question field that is wrong.
    pub fn define_survey(&mut self, meta: Meta, template: SurveyTemplate) -> Result<()> {
        self.execute(meta, Command::DefineSurvey(template))
            .map(|_| ())
    }

    /// Sends a survey and returns its id.
    ///
    /// # Errors
    /// `not_found` for an unknown customer, template or linked record;
    /// `invalid_input` without feedback consent on the channel, for a link to
    /// another customer's record or a bad `response_days`;
    /// `invalid_transition` for an archived customer.
    pub fn send_survey(&mut self, meta: Meta, cmd: SendSurvey) -> Result<crate::id::SurveyId> {
        self.create(meta, Command::SendSurvey(cmd), "send_survey", |e| match e {
            EntityRef::Survey(id) => Some(id),
            _ => None,
        })
    }

    /// Records a customer's answer to a survey (see docs/kpi.md for late answers).
    ///
    /// # Errors
    /// `invalid_input` for an out-of-range score or a bad answer;
    /// `invalid_transition` when the survey was already answered.
    pub fn answer_survey(&mut self, meta: Meta, cmd: AnswerSurvey) -> Result<()> {
        self.execute(meta, Command::AnswerSurvey(cmd)).map(|_| ())
    }

    /// Merges customers into a survivor (see [`crate::identity::merge`]).
    ///
    /// # Errors
    /// `invalid_input` for an empty list, a customer named twice, merged into
    /// itself, or of another kind; `invalid_transition` for an erased or
    /// already merged customer or an archived survivor; `not_found`.
    pub fn merge_customers(&mut self, meta: Meta, cmd: MergeCustomers) -> Result<()> {
        self.execute(meta, Command::MergeCustomers(cmd)).map(|_| ())
    }

    /// Undoes the merge that absorbed `customer`.
    ///
    /// # Errors
    /// `invalid_transition` when it was not merged, when a later merge into
    /// the same survivor must be undone first, or when the survivor is erased.
    pub fn unmerge_customers(&mut self, meta: Meta, customer: CustomerId) -> Result<()> {
        self.execute(
            meta,
            Command::UnmergeCustomers(UnmergeCustomers { customer }),
        )
        .map(|_| ())
    }

    /// Erases a customer's personal data (see [`crate::identity::erasure`]).
    ///
    /// # Errors
    /// `invalid_transition` when already erased; `not_found`.
    pub fn erase_customer(&mut self, meta: Meta, customer: CustomerId) -> Result<()> {
        self.execute(meta, Command::EraseCustomer(EraseCustomer { customer }))
            .map(|_| ())
    }

    /// Defines (or replaces) the business calendar `key`.
    ///
    /// # Errors
    /// `invalid_input` for an unknown time zone, overlapping or inverted
    /// windows, or a calendar without working time.
    pub fn define_calendar(&mut self, meta: Meta, key: &str, calendar: CalendarSpec) -> Result<()> {
        self.execute(
            meta,
            Command::DefineCalendar(DefineCalendar {
                key: key.to_owned(),
                calendar,
            }),
        )
        .map(|_| ())
    }

    /// Defines (or replaces) an SLA policy.
    ///
    /// # Errors
    /// `not_found` for an unknown calendar; `invalid_input` for zero targets
    /// or bad rules.
    pub fn define_sla_policy(&mut self, meta: Meta, policy: SlaPolicy) -> Result<()> {
        self.execute(meta, Command::DefineSlaPolicy(policy))
            .map(|_| ())
    }

    /// Runs the time-based rules at `meta.at` (SLA escalations, auto-close)
    /// and returns how many events they produced. Deterministic: a second
    /// tick at the same instant produces none.
    ///
    /// # Errors
    /// `invalid_input` for a time out of range or an inactive actor.
    pub fn tick(&mut self, meta: Meta) -> Result<usize> {
        self.execute(meta, Command::Tick(Tick {})).map(|o| o.events)
    }

    /// Opens a sales opportunity and returns its id.
    ///
    /// # Errors
    /// `not_found` for an unknown customer, pipeline or owner; `invalid_input`
    /// for a bad title, a negative value or a stage that is not open.
    pub fn open_opportunity(&mut self, meta: Meta, cmd: OpenOpportunity) -> Result<OpportunityId> {
        self.create(
            meta,
            Command::OpenOpportunity(cmd),
            "open_opportunity",
            |e| match e {
                EntityRef::Opportunity(id) => Some(id),
                _ => None,
            },
        )
    }

    /// Records a purchase and returns its id (with its effects on the
    /// customer's lifecycle, tier and referral).
    ///
    /// # Errors
    /// `invalid_input` for negative money, mixed currencies, a wrong total or
    /// a future time; `not_found` for an unknown customer.
    pub fn record_purchase(&mut self, meta: Meta, cmd: RecordPurchase) -> Result<PurchaseId> {
        self.create(
            meta,
            Command::RecordPurchase(cmd),
            "record_purchase",
            |e| match e {
                EntityRef::Purchase(id) => Some(id),
                _ => None,
            },
        )
    }

    /// Records that one customer referred another and returns its id.
    ///
    /// # Errors
    /// `conflict` when the customer was already referred; `invalid_input` for
    /// a self-referral; `not_found` for unknown customers.
    pub fn record_referral(&mut self, meta: Meta, cmd: RecordReferral) -> Result<ReferralId> {
        self.create(
            meta,
            Command::RecordReferral(cmd),
            "record_referral",
            |e| match e {
                EntityRef::Referral(id) => Some(id),
                _ => None,
            },
        )
    }

    /// Schedules a follow-up and returns its id.
    ///
    /// # Errors
    /// `invalid_input` for a missing or doubled due time, a due date without a
    /// time zone, or a recurrence that never occurs; `not_found` for unknown
    /// customers, agents or links.
    pub fn schedule_follow_up(&mut self, meta: Meta, cmd: ScheduleFollowUp) -> Result<FollowUpId> {
        self.create(
            meta,
            Command::ScheduleFollowUp(cmd),
            "schedule_follow_up",
            |e| match e {
                EntityRef::FollowUp(id) => Some(id),
                _ => None,
            },
        )
    }
}
