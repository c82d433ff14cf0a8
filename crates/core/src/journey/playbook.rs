//! After-sales playbooks: templates of steps that a purchase starts for its
//! customer, each step becoming a follow-up (or skipped for lack of consent).

use crate::complaint::{str_enum, Priority};
use crate::customer::{Customer, Lifecycle, Purpose};
use crate::error::{Error, Result};
use crate::event::{EntityRef, Event, EventPayload, FollowUpScheduled};
use crate::followup::{FollowUpKind, FollowUpLinks, FollowUpStatus};
use crate::id::{CustomerId, FollowUpId, IdSource, PlaybookRunId, PurchaseId};
use crate::model::{Channel, Meta, Money};
use crate::text::normalize_label;
use crate::workspace::{State, Workspace};
use chrono::{DateTime, Duration, TimeZone, Utc};
use serde::{Deserialize, Serialize};

str_enum! {
    /// What an after-sales step is for.
    StepKind {
        /// A thank-you letter or message.
        ThankYou => "thank_you",
        /// Advice or onboarding (how to use, care for, get the most of it).
        Advice => "advice",
        /// A feedback survey.
        Survey => "survey",
        /// A check-in ("is everything all right?").
        CheckIn => "check_in",
        /// Cross-sell or a promotion of new products.
        Promotion => "promotion",
        /// A gift.
        Gift => "gift",
        /// A visit.
        Visit => "visit",
    }
}

/// One step of a playbook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlaybookStep {
    /// What it is for.
    pub kind: StepKind,
    /// The follow-up's subject.
    pub subject: String,
    /// Days after the purchase (calendar days at the purchase's time of day,
    /// or business days of the playbook's calendar: the start of that working day).
    pub offset_days: u32,
    /// Count `offset_days` in business days of the playbook's calendar.
    #[serde(default)]
    pub business_days: bool,
    /// The preferred channel.
    pub channel: Channel,
    /// The purpose consent is checked for (service when absent).
    #[serde(default = "service")]
    pub purpose: Purpose,
    /// For a survey step: the survey completing its follow-up sends (`csat`,
    /// `nps`, `ces` or the key of a custom survey), if the customer consents
    /// to feedback on the step's channel then.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub survey: Option<String>,
}

fn service() -> Purpose {
    Purpose::Service
}

/// Which purchases start a playbook. Empty lists match everything.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PlaybookConditions {
    /// The customer's tier is one of these.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tiers: Vec<String>,
    /// An item of the purchase is in one of these categories.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
    /// The purchase is worth at least this much (same currency).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_value: Option<Money>,
}

/// An after-sales playbook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Playbook {
    /// Key (`after-sale`); defining one with a used key replaces it.
    pub key: String,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Which purchases start it.
    #[serde(default)]
    pub conditions: PlaybookConditions,
    /// The steps.
    pub steps: Vec<PlaybookStep>,
    /// The business calendar of business-day offsets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar: Option<String>,
    /// The team the follow-ups go to (they go to the customer's owner too).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
}

/// Cancels a running playbook run and its open follow-ups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CancelPlaybookRun {
    /// The run.
    pub run: PlaybookRunId,
    /// Why (required).
    pub reason: String,
}

/// Removes a playbook (its runs go on).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RemovePlaybook {
    /// Its key.
    pub key: String,
}

str_enum! {
    /// Where a playbook run stands.
    RunStatus {
        /// Steps are still to do.
        Active => "active",
        /// Every step is done, skipped or cancelled.
        Completed => "completed",
        /// Cancelled by an agent.
        Cancelled => "cancelled",
        /// Stopped because the customer was archived or churned.
        Stopped => "stopped",
    }
}

/// One step of a run as planned when it started.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlannedStep {
    /// The step's position in the playbook (0-based).
    pub index: u32,
    /// What it is for.
    pub kind: StepKind,
    /// The follow-up it became.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follow_up: Option<FollowUpId>,
    /// Why it was skipped (no follow-up then).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skipped: Option<String>,
    /// The survey its completion sends (survey steps).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub survey: Option<String>,
    /// The channel the survey goes out on (survey steps: the step's channel
    /// when the run started, so redefining the playbook changes nothing).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<Channel>,
}

/// A run of a playbook for one customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlaybookRun {
    /// Its id.
    pub id: PlaybookRunId,
    /// The playbook key.
    pub playbook: String,
    /// The customer.
    pub customer: CustomerId,
    /// The purchase that started it.
    pub purchase: PurchaseId,
    /// When it started.
    pub started_at: DateTime<Utc>,
    /// The steps as planned.
    pub steps: Vec<PlannedStep>,
    /// How it ended early (cancelled or stopped); `None` while it runs or
    /// once it completed.
    pub ended: Option<RunEnd>,
}

/// How a playbook run ended early.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RunEnd {
    /// `cancelled` or `stopped`.
    pub status: RunStatus,
    /// Why.
    pub reason: String,
    /// When.
    pub at: DateTime<Utc>,
}

str_enum! {
    /// Where a step of a run stands.
    StepStatus {
        /// Its follow-up is open.
        Scheduled => "scheduled",
        /// Its follow-up is done.
        Done => "done",
        /// Its follow-up was cancelled.
        Cancelled => "cancelled",
        /// It was skipped when the run started (no consent, no working day).
        Skipped => "skipped",
    }
}

/// Progress of one step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StepProgress {
    /// The step's position in the playbook.
    pub index: u32,
    /// What it is for.
    pub kind: StepKind,
    /// Scheduled, done, cancelled or skipped.
    pub status: StepStatus,
    /// The follow-up.
    pub follow_up: Option<FollowUpId>,
    /// When it is (or was) due.
    pub due_at: Option<DateTime<Utc>>,
    /// Why it was skipped or cancelled, or its outcome.
    pub note: Option<String>,
}

/// Progress of a run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RunProgress {
    /// The run.
    pub run: PlaybookRunId,
    /// The playbook.
    pub playbook: String,
    /// Where it stands.
    pub status: RunStatus,
    /// The steps.
    pub steps: Vec<StepProgress>,
}

pub(crate) fn normalized(state: &State, p: Playbook) -> Result<Playbook> {
    let key = normalize_label("key", &p.key, 64)?;
    if p.steps.is_empty() {
        return Err(Error::invalid_input("steps", "[]", "a playbook has steps"));
    }
    if p.steps.iter().any(|s| s.business_days) {
        match &p.calendar {
            Some(c) if state.calendars.contains_key(c) => {}
            Some(c) => return Err(Error::not_found("calendar", c)),
            None => {
                return Err(Error::invalid_input(
                    "calendar",
                    "",
                    "business-day offsets need the playbook's business calendar",
                ))
            }
        }
    }
    let steps = p
        .steps
        .iter()
        .enumerate()
        .map(|(i, s)| {
            if s.offset_days > 3660 {
                return Err(Error::invalid_input(
                    format!("steps[{i}].offset_days"),
                    s.offset_days.to_string(),
                    "at most ten years",
                ));
            }
            let survey = s
                .survey
                .as_deref()
                .map(|k| crate::feedback::commands::check_step_survey(state, i, s.kind, k))
                .transpose()?;
            Ok(PlaybookStep {
                subject: normalize_label(&format!("steps[{i}].subject"), &s.subject, 300)?,
                survey,
                ..s.clone()
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let mut conditions = p.conditions.clone();
    for (field, list) in [
        ("conditions.tiers", &mut conditions.tiers),
        ("conditions.categories", &mut conditions.categories),
    ] {
        *list = list
            .iter()
            .map(|x| normalize_label(field, x, 64))
            .collect::<Result<Vec<_>>>()?;
    }
    if let Some(m) = &conditions.min_value {
        conditions.min_value = Some(super::commands::money("conditions.min_value", m)?);
    }
    Ok(Playbook {
        key,
        name: p
            .name
            .as_deref()
            .map(|n| normalize_label("name", n, 200))
            .transpose()?,
        conditions,
        steps,
        calendar: p.calendar,
        team: p
            .team
            .as_deref()
            .map(|t| normalize_label("team", t, 64))
            .transpose()?,
    })
}

pub(crate) fn decide_define(state: &State, p: Playbook) -> Result<Vec<(EntityRef, EventPayload)>> {
    let p = normalized(state, p)?;
    if state.playbooks.iter().any(|x| x == &p) {
        return Ok(Vec::new());
    }
    Ok(vec![(
        EntityRef::Workspace,
        EventPayload::PlaybookDefined {
            playbook: Box::new(p),
        },
    )])
}

pub(crate) fn decide_remove(
    state: &State,
    cmd: RemovePlaybook,
) -> Result<Vec<(EntityRef, EventPayload)>> {
    if !state.playbooks.iter().any(|p| p.key == cmd.key) {
        return Err(Error::not_found("playbook", &cmd.key));
    }
    Ok(vec![(
        EntityRef::Workspace,
        EventPayload::PlaybookRemoved { key: cmd.key },
    )])
}

fn follow_up_kind(step: &PlaybookStep) -> FollowUpKind {
    match (step.kind, step.channel) {
        (StepKind::Gift, _) => FollowUpKind::Gift,
        (StepKind::Survey, _) => FollowUpKind::Survey,
        (StepKind::Visit, _) | (_, Channel::InPerson) => FollowUpKind::Visit,
        (_, Channel::Phone) => FollowUpKind::Call,
        (_, Channel::Email) => FollowUpKind::Email,
        (_, Channel::Other) => FollowUpKind::Other,
        _ => FollowUpKind::Message,
    }
}

/// The due time of a step `offset` days after `at`.
fn due(
    state: &State,
    p: &Playbook,
    step: &PlaybookStep,
    at: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    if !step.business_days {
        return at.checked_add_signed(Duration::days(i64::from(step.offset_days)));
    }
    let cal = state.calendars.get(p.calendar.as_deref()?)?;
    let tz = cal.time_zone();
    let mut day = at.with_timezone(&tz).date_naive();
    let mut left = step.offset_days;
    let start_of = |d: chrono::NaiveDate| {
        d.and_hms_opt(0, 0, 0)
            .and_then(|t| tz.from_local_datetime(&t).earliest())
            .map(|t| t.with_timezone(&Utc))
    };
    // Walk forward day by day (bounded) until `offset` working days have passed.
    for _ in 0..4000 {
        if left == 0 {
            break;
        }
        day = day.succ_opt()?;
        let (a, b) = (start_of(day)?, start_of(day.succ_opt()?)?);
        if cal.next_open(a).is_some_and(|t| t < b) {
            left -= 1;
        }
    }
    let from = if step.offset_days == 0 {
        at
    } else {
        start_of(day)?
    };
    cal.next_open(from)
}

fn matches(p: &Playbook, customer: &Customer, items_categories: &[&str], amount: &Money) -> bool {
    let c = &p.conditions;
    (c.tiers.is_empty()
        || customer
            .tier
            .as_deref()
            .is_some_and(|t| c.tiers.iter().any(|x| x == t)))
        && (c.categories.is_empty()
            || items_categories
                .iter()
                .any(|k| c.categories.iter().any(|x| x == k)))
        && c.min_value
            .as_ref()
            .is_none_or(|m| m.currency == amount.currency && amount.amount_minor >= m.amount_minor)
}

/// The runs a purchase starts: for each matching playbook, a run and a
/// follow-up per step (or a skip when consent is missing).
#[allow(clippy::too_many_arguments)]
pub(crate) fn start_runs(
    state: &State,
    meta: &Meta,
    customer: CustomerId,
    purchase: PurchaseId,
    categories: &[&str],
    amount: &Money,
    at: DateTime<Utc>,
    ids: &mut dyn IdSource,
) -> Result<Vec<(EntityRef, EventPayload)>> {
    let Ok(c) = state.customer(customer) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    let mut taken_runs: Vec<PlaybookRunId> = Vec::new();
    let mut taken_fus: Vec<FollowUpId> = Vec::new();
    for p in state
        .playbooks
        .iter()
        .filter(|p| matches(p, c, categories, amount))
    {
        let run = PlaybookRunId::generate_unused(ids, meta.at, |id| {
            state.playbook_run_ix.contains_key(id) || taken_runs.contains(id)
        })?;
        taken_runs.push(run);
        let mut planned = Vec::with_capacity(p.steps.len());
        let mut scheduled = Vec::new();
        for (i, step) in p.steps.iter().enumerate() {
            let index = u32::try_from(i).unwrap_or(u32::MAX);
            let may = crate::identity::consent::decide_now(c, step.channel, step.purpose, at);
            if !may.allowed {
                planned.push(PlannedStep {
                    index,
                    kind: step.kind,
                    follow_up: None,
                    survey: step.survey.clone(),
                    channel: step.survey.as_ref().map(|_| step.channel),
                    skipped: Some(format!(
                        "no {} consent on {}",
                        step.purpose.as_str(),
                        step.channel.as_str()
                    )),
                });
                continue;
            }
            let Some(due_at) = due(state, p, step, at) else {
                planned.push(PlannedStep {
                    index,
                    kind: step.kind,
                    follow_up: None,
                    survey: step.survey.clone(),
                    channel: step.survey.as_ref().map(|_| step.channel),
                    skipped: Some("no working day found for the offset".into()),
                });
                continue;
            };
            let fu = FollowUpId::generate_unused(ids, meta.at, |id| {
                state.follow_up_ix.contains_key(id) || taken_fus.contains(id)
            })?;
            taken_fus.push(fu);
            planned.push(PlannedStep {
                index,
                kind: step.kind,
                follow_up: Some(fu),
                skipped: None,
                survey: step.survey.clone(),
                channel: step.survey.as_ref().map(|_| step.channel),
            });
            scheduled.push((
                EntityRef::FollowUp(fu),
                EventPayload::FollowUpScheduled(Box::new(FollowUpScheduled {
                    series: fu,
                    occurrence: 1,
                    subject: step.subject.clone(),
                    kind: follow_up_kind(step),
                    customer: Some(customer),
                    due_at,
                    all_day: false,
                    due_end: due_at,
                    time_zone: c.time_zone.clone(),
                    assignee: c.owner,
                    team: p.team.clone(),
                    priority: Priority::Normal,
                    links: FollowUpLinks {
                        playbook_run: Some(run),
                        playbook_step: Some(index),
                        ..FollowUpLinks::default()
                    },
                    recurrence: None,
                })),
            ));
        }
        out.push((
            EntityRef::PlaybookRun(run),
            EventPayload::PlaybookRunStarted {
                playbook: p.key.clone(),
                customer,
                purchase,
                steps: planned,
            },
        ));
        out.extend(scheduled);
    }
    Ok(out)
}

/// Ends the runs of `customer` (cancelled or stopped) and their open follow-ups.
pub(crate) fn end_runs(
    state: &State,
    runs: impl IntoIterator<Item = PlaybookRunId>,
    status: RunStatus,
    reason: &str,
) -> Vec<(EntityRef, EventPayload)> {
    let mut out = Vec::new();
    for id in runs {
        let Ok(r) = state.playbook_run(id) else {
            continue;
        };
        if r.ended.is_some() {
            continue;
        }
        out.push((
            EntityRef::PlaybookRun(id),
            EventPayload::PlaybookRunEnded {
                status,
                reason: reason.to_owned(),
            },
        ));
        for s in &r.steps {
            if let Some(f) = s.follow_up {
                if state
                    .follow_up(f)
                    .is_ok_and(|x| x.status == FollowUpStatus::Open)
                {
                    out.push((
                        EntityRef::FollowUp(f),
                        EventPayload::FollowUpCancelled {
                            reason: format!("playbook run {}: {reason}", status.as_str()),
                        },
                    ));
                }
            }
        }
    }
    out
}

/// The stop events when `customer` is archived or churns: their playbook
/// runs end and their open tier-plan follow-ups are cancelled (tasks agents
/// scheduled by hand stay for the agents to decide).
pub(crate) fn stop_for(
    state: &State,
    customer: CustomerId,
    why: &str,
) -> Vec<(EntityRef, EventPayload)> {
    let runs: Vec<PlaybookRunId> = state
        .runs_by_customer
        .get(&customer)
        .map(|v| {
            v.iter()
                .map(|&p| state.playbook_runs[p as usize].id)
                .collect()
        })
        .unwrap_or_default();
    let mut out = end_runs(state, runs, RunStatus::Stopped, why);
    for &p in state
        .follow_ups_by_customer
        .get(&customer)
        .map(Vec::as_slice)
        .unwrap_or(&[])
    {
        let f = &state.follow_ups[p as usize];
        if f.status == FollowUpStatus::Open && f.links.tier.is_some() {
            out.push((
                EntityRef::FollowUp(f.id),
                EventPayload::FollowUpCancelled {
                    reason: format!("tier plan ended: {why}"),
                },
            ));
        }
    }
    out
}

pub(crate) fn decide_cancel_run(
    state: &State,
    cmd: CancelPlaybookRun,
) -> Result<Vec<(EntityRef, EventPayload)>> {
    let r = state.playbook_run(cmd.run)?;
    let reason = crate::text::normalize_text("reason", &cmd.reason, 1000)?;
    if reason.trim().is_empty() {
        return Err(Error::invalid_input(
            "reason",
            cmd.reason,
            "say why it is cancelled",
        ));
    }
    if let Some(end) = &r.ended {
        return Err(Error::InvalidTransition {
            entity: "playbook_run",
            id: r.id.to_string(),
            action: "cancel".into(),
            current: end.status.as_str().into(),
            allowed: Vec::new(),
        });
    }
    Ok(end_runs(state, [r.id], RunStatus::Cancelled, &reason))
}

/// Whether `lifecycle` (the new stage) stops a customer's playbooks.
pub(crate) fn stops(lifecycle: Lifecycle) -> bool {
    lifecycle == Lifecycle::Churned
}

impl State {
    pub(crate) fn playbook_run(&self, id: PlaybookRunId) -> Result<&PlaybookRun> {
        self.playbook_run_ix
            .get(&id)
            .map(|&p| &self.playbook_runs[p as usize])
            .ok_or_else(|| Error::not_found(PlaybookRunId::ENTITY, id))
    }

    pub(crate) fn check_playbook(&self, ev: &Event) -> Result<(), String> {
        match (&ev.entity, &ev.payload) {
            (EntityRef::Workspace, EventPayload::PlaybookDefined { playbook }) => {
                normalized(self, (**playbook).clone())
                    .map(|_| ())
                    .map_err(|e| e.to_string())
            }
            (EntityRef::Workspace, EventPayload::PlaybookRemoved { key }) => {
                if self.playbooks.iter().any(|p| &p.key == key) {
                    Ok(())
                } else {
                    Err(format!("playbook {key:?} is not defined"))
                }
            }
            (
                EntityRef::PlaybookRun(id),
                EventPayload::PlaybookRunStarted {
                    customer, purchase, ..
                },
            ) => {
                if self.playbook_run_ix.contains_key(id) {
                    return Err(format!("playbook run {id} is started twice"));
                }
                if !self.customer_ix.contains_key(customer)
                    || !self.purchase_ix.contains_key(purchase)
                {
                    return Err("a playbook run names an unknown customer or purchase".into());
                }
                Ok(())
            }
            (EntityRef::PlaybookRun(id), EventPayload::PlaybookRunEnded { .. }) => {
                match self.playbook_run(*id) {
                    Ok(r) if r.ended.is_none() => Ok(()),
                    _ => Err(format!("playbook run {id} is not running")),
                }
            }
            (e, p) => Err(format!("a {} event cannot concern {e:?}", p.type_name())),
        }
    }

    pub(crate) fn apply_playbook(&mut self, ev: &Event, log_pos: u32) {
        match (&ev.entity, &ev.payload) {
            (EntityRef::Workspace, EventPayload::PlaybookDefined { playbook }) => {
                match self.playbooks.iter_mut().find(|p| p.key == playbook.key) {
                    Some(p) => *p = (**playbook).clone(),
                    None => self.playbooks.push((**playbook).clone()),
                }
            }
            (EntityRef::Workspace, EventPayload::PlaybookRemoved { key }) => {
                self.playbooks.retain(|p| &p.key != key);
            }
            (
                EntityRef::PlaybookRun(id),
                EventPayload::PlaybookRunStarted {
                    playbook,
                    customer,
                    purchase,
                    steps,
                },
            ) => {
                let pos = u32::try_from(self.playbook_runs.len()).unwrap_or(u32::MAX);
                self.playbook_run_ix.insert(*id, pos);
                self.playbook_runs.push(PlaybookRun {
                    id: *id,
                    playbook: playbook.clone(),
                    customer: *customer,
                    purchase: *purchase,
                    started_at: ev.at,
                    steps: steps.clone(),
                    ended: None,
                });
                self.runs_by_customer
                    .entry(*customer)
                    .or_default()
                    .push(pos);
                self.on_customer_timeline(*customer, log_pos);
            }
            (EntityRef::PlaybookRun(id), EventPayload::PlaybookRunEnded { status, reason }) => {
                if let Some(&pos) = self.playbook_run_ix.get(id) {
                    let r = &mut self.playbook_runs[pos as usize];
                    r.ended = Some(RunEnd {
                        status: *status,
                        reason: reason.clone(),
                        at: ev.at,
                    });
                    let c = r.customer;
                    self.on_customer_timeline(c, log_pos);
                }
            }
            _ => {}
        }
    }
}

impl Workspace {
    /// The playbooks, in the order defined.
    #[must_use]
    pub fn playbooks(&self) -> &[Playbook] {
        &self.state.playbooks
    }

    /// A playbook run by id.
    ///
    /// # Errors
    /// `not_found` for an unknown id.
    pub fn playbook_run(&self, id: PlaybookRunId) -> Result<&PlaybookRun> {
        self.state.playbook_run(id)
    }

    /// The progress of a run: each step's status from its follow-up.
    ///
    /// # Errors
    /// `not_found` for an unknown id.
    pub fn playbook_progress(&self, id: PlaybookRunId) -> Result<RunProgress> {
        let r = self.state.playbook_run(id)?;
        let steps: Vec<StepProgress> = r
            .steps
            .iter()
            .map(|s| {
                let f = s.follow_up.and_then(|f| self.state.follow_up(f).ok());
                let (status, note) = match (f, &s.skipped) {
                    (_, Some(why)) => (StepStatus::Skipped, Some(why.clone())),
                    (Some(f), None) => match f.status {
                        FollowUpStatus::Open => (StepStatus::Scheduled, None),
                        FollowUpStatus::Done => (StepStatus::Done, f.outcome.clone()),
                        FollowUpStatus::Cancelled => (StepStatus::Cancelled, f.outcome.clone()),
                    },
                    (None, None) => (StepStatus::Skipped, None),
                };
                StepProgress {
                    index: s.index,
                    kind: s.kind,
                    status,
                    follow_up: s.follow_up,
                    due_at: f.map(|f| f.due_at),
                    note,
                }
            })
            .collect();
        let status = match &r.ended {
            Some(end) => end.status,
            None if steps.iter().all(|s| s.status != StepStatus::Scheduled) => RunStatus::Completed,
            None => RunStatus::Active,
        };
        Ok(RunProgress {
            run: r.id,
            playbook: r.playbook.clone(),
            status,
            steps,
        })
    }

    /// A customer's playbook runs, oldest first.
    ///
    /// # Errors
    /// `not_found` for an unknown customer.
    pub fn playbook_runs_of(&self, customer: CustomerId) -> Result<Vec<&PlaybookRun>> {
        let customer = self.state.resolve(customer);
        self.state.customer(customer)?;
        Ok(self
            .state
            .runs_by_customer
            .get(&customer)
            .map(|v| {
                v.iter()
                    .map(|&p| &self.state.playbook_runs[p as usize])
                    .collect()
            })
            .unwrap_or_default())
    }
}
