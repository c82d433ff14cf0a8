//! Follow-up commands: schedule (once or recurring), complete, cancel,
//! snooze, reassign.

use super::model::{FollowUp, FollowUpKind, FollowUpLinks, FollowUpStatus};
use super::recurrence::{Recurrence, RecurrenceSpec};
use crate::complaint::Priority;
use crate::error::{Error, Result};
use crate::event::{EntityRef, EventPayload, FollowUpScheduled};
use crate::id::{AgentId, CustomerId, FollowUpId, IdSource};
use crate::model::{iso, Meta};
use crate::text::{normalize_label, normalize_text, normalize_time_zone};
use crate::workspace::State;
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

type Pending = Vec<(EntityRef, EventPayload)>;

/// Schedules a follow-up: due at an instant, on a local date (a whole-day
/// task), or at the first occurrence of a recurrence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScheduleFollowUp {
    /// Use this id instead of a new one (for sync); must be unused.
    #[serde(default)]
    pub id: Option<FollowUpId>,
    /// Subject.
    pub subject: String,
    /// Kind.
    pub kind: FollowUpKind,
    /// The customer (active).
    #[serde(default)]
    pub customer: Option<CustomerId>,
    /// Due at this instant.
    #[serde(default)]
    pub due_at: Option<DateTime<Utc>>,
    /// Or due on this local date (a whole-day task).
    #[serde(default)]
    pub due_date: Option<NaiveDate>,
    /// The zone of `due_date` (the customer's when absent).
    #[serde(default)]
    pub time_zone: Option<String>,
    /// Or recurring: due at each occurrence of this rule, one task at a time.
    #[serde(default)]
    pub recurrence: Option<RecurrenceSpec>,
    /// Assigned agent (active).
    #[serde(default)]
    pub assignee: Option<AgentId>,
    /// Assigned team.
    #[serde(default)]
    pub team: Option<String>,
    /// Priority (normal when absent).
    #[serde(default)]
    pub priority: Priority,
    /// What it is about.
    #[serde(default)]
    pub links: FollowUpLinks,
}

impl ScheduleFollowUp {
    /// A follow-up of `kind` about `subject`, due at `due_at`.
    #[must_use]
    pub fn new(subject: &str, kind: FollowUpKind, due_at: DateTime<Utc>) -> Self {
        Self {
            id: None,
            subject: subject.to_owned(),
            kind,
            customer: None,
            due_at: Some(due_at),
            due_date: None,
            time_zone: None,
            recurrence: None,
            assignee: None,
            team: None,
            priority: Priority::Normal,
            links: FollowUpLinks::default(),
        }
    }
}

/// Completes an open follow-up; a recurring one schedules its next occurrence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompleteFollowUp {
    /// The follow-up.
    pub follow_up: FollowUpId,
    /// What came of it.
    #[serde(default)]
    pub outcome: Option<String>,
}

/// Cancels an open follow-up. A recurring series ends, unless `skip_only`
/// asks to skip just this occurrence (the next one is scheduled).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CancelFollowUp {
    /// The follow-up.
    pub follow_up: FollowUpId,
    /// Why (required).
    pub reason: String,
    /// Skip only this occurrence of a recurring series.
    #[serde(default)]
    pub skip_only: bool,
}

/// Moves an open follow-up to a later time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SnoozeFollowUp {
    /// The follow-up.
    pub follow_up: FollowUpId,
    /// The new due time (after the command's `at`).
    pub until: DateTime<Utc>,
}

/// Reassigns an open follow-up. Absent: unchanged; `null`: unassigned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReassignFollowUp {
    /// The follow-up.
    pub follow_up: FollowUpId,
    /// The agent (active).
    #[serde(default, with = "crate::serde_util::double_option")]
    pub assignee: Option<Option<AgentId>>,
    /// The team.
    #[serde(default, with = "crate::serde_util::double_option")]
    pub team: Option<Option<String>>,
}

fn open_follow_up<'a>(state: &'a State, id: FollowUpId, action: &str) -> Result<&'a FollowUp> {
    let f = state.follow_up(id)?;
    if f.status != FollowUpStatus::Open {
        return Err(Error::InvalidTransition {
            entity: "follow_up",
            id: id.to_string(),
            action: action.to_owned(),
            current: f.status.as_str().to_owned(),
            allowed: Vec::new(),
        });
    }
    Ok(f)
}

/// The end of local date `day` in `tz` (the next local midnight).
fn day_bounds(tz: Tz, day: NaiveDate) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    let start = |d: NaiveDate| {
        d.and_hms_opt(0, 0, 0)
            .and_then(|t| tz.from_local_datetime(&t).earliest())
            .map(|t| t.with_timezone(&Utc))
    };
    Some((start(day)?, start(day.succ_opt()?)?))
}

pub(crate) fn decide_schedule(
    state: &State,
    meta: &Meta,
    cmd: ScheduleFollowUp,
    ids: &mut dyn IdSource,
) -> Result<(FollowUpId, Pending)> {
    let subject = normalize_label("subject", &cmd.subject, 300)?;
    let customer_tz = match cmd.customer {
        Some(c) => state
            .active_customer(c, "schedule a follow-up with")?
            .time_zone
            .clone(),
        None => None,
    };
    if let Some(a) = cmd.assignee {
        state.active_agent("assignee", a)?;
    }
    let team = cmd
        .team
        .as_deref()
        .map(|t| normalize_label("team", t, 64))
        .transpose()?;
    check_links(state, &cmd.links)?;
    let (due_at, all_day, due_end, time_zone, recurrence) = match (
        cmd.due_at,
        cmd.due_date,
        cmd.recurrence,
    ) {
        (Some(t), None, None) => {
            let t = crate::model::check_time("due_at", t)?;
            let tz = cmd
                .time_zone
                .as_deref()
                .map(normalize_time_zone)
                .transpose()?;
            (t, false, t, tz, None)
        }
        (None, Some(day), None) => {
            let tz_name = match cmd.time_zone.as_deref().or(customer_tz.as_deref()) {
                    Some(z) => normalize_time_zone(z)?,
                    None => {
                        return Err(Error::invalid_input(
                            "time_zone",
                            "",
                            "a due date is read in a time zone: give time_zone (the agent's), or set the customer's",
                        ))
                    }
                };
            let tz: Tz = tz_name.parse().map_err(|_| {
                Error::invalid_input("time_zone", tz_name.clone(), "not an IANA time zone")
            })?;
            let (a, b) = day_bounds(tz, day)
                .ok_or_else(|| Error::invalid_input("due_date", day.to_string(), "out of range"))?;
            (a, true, b, Some(tz_name), None)
        }
        (None, None, Some(spec)) => {
            let r = Recurrence::new(spec).map_err(|e| match e {
                Error::InvalidInput {
                    field,
                    value,
                    reason,
                } => Error::invalid_input(format!("recurrence.{field}"), value, reason),
                other => other,
            })?;
            let first = r.first().ok_or_else(|| {
                Error::invalid_input("recurrence", "", "the recurrence yields no occurrence")
            })?;
            let tz = r.spec().time_zone.clone();
            (first, false, first, Some(tz), Some(r.spec().clone()))
        }
        _ => {
            return Err(Error::invalid_input(
                "due_at",
                "",
                "give exactly one of due_at, due_date or recurrence",
            ))
        }
    };
    let id = match cmd.id {
        Some(id) if state.follow_up_ix.contains_key(&id) => {
            return Err(Error::id_in_use("follow_up", id))
        }
        Some(id) => id,
        None => {
            FollowUpId::generate_unused(ids, meta.at, |id| state.follow_up_ix.contains_key(id))?
        }
    };
    let payload = FollowUpScheduled {
        series: id,
        occurrence: 1,
        subject,
        kind: cmd.kind,
        customer: cmd.customer,
        due_at,
        all_day,
        due_end,
        time_zone,
        assignee: cmd.assignee,
        team,
        priority: cmd.priority,
        links: cmd.links,
        recurrence,
    };
    Ok((
        id,
        vec![(
            EntityRef::FollowUp(id),
            EventPayload::FollowUpScheduled(Box::new(payload)),
        )],
    ))
}

fn check_links(state: &State, l: &FollowUpLinks) -> Result<()> {
    if let Some(o) = l.opportunity {
        state.opportunity(o)?;
    }
    if let Some(c) = l.complaint {
        state.complaint(c)?;
    }
    Ok(())
}

/// The next occurrence of `f`'s series as a new follow-up, if any.
fn next_occurrence(
    state: &State,
    meta: &Meta,
    f: &FollowUp,
    ids: &mut dyn IdSource,
) -> Result<Option<(EntityRef, EventPayload)>> {
    let Some(spec) = &f.recurrence else {
        return Ok(None);
    };
    let Ok(r) = Recurrence::new(spec.clone()) else {
        return Ok(None);
    };
    // The occurrence after the one this task stood for (snoozing moves the
    // task, not the series).
    let Some(next) = r.next_after(f.slot) else {
        return Ok(None);
    };
    let id = FollowUpId::generate_unused(ids, meta.at, |id| state.follow_up_ix.contains_key(id))?;
    Ok(Some((
        EntityRef::FollowUp(id),
        EventPayload::FollowUpScheduled(Box::new(FollowUpScheduled {
            series: f.series,
            occurrence: f.occurrence + 1,
            subject: f.subject.clone(),
            kind: f.kind,
            customer: f.customer,
            due_at: next,
            all_day: false,
            due_end: next,
            time_zone: f.time_zone.clone(),
            assignee: f.assignee,
            team: f.team.clone(),
            priority: f.priority,
            links: f.links.clone(),
            recurrence: f.recurrence.clone(),
        })),
    )))
}

pub(crate) fn decide_complete(
    state: &State,
    meta: &Meta,
    cmd: CompleteFollowUp,
    ids: &mut dyn IdSource,
) -> Result<Pending> {
    let f = open_follow_up(state, cmd.follow_up, "complete")?;
    let outcome = cmd
        .outcome
        .as_deref()
        .map(|o| normalize_text("outcome", o, 2000))
        .transpose()?;
    let mut out = vec![(
        EntityRef::FollowUp(f.id),
        EventPayload::FollowUpCompleted { outcome },
    )];
    out.extend(next_occurrence(state, meta, f, ids)?);
    Ok(out)
}

pub(crate) fn decide_cancel(
    state: &State,
    meta: &Meta,
    cmd: CancelFollowUp,
    ids: &mut dyn IdSource,
) -> Result<Pending> {
    let f = open_follow_up(state, cmd.follow_up, "cancel")?;
    let reason = normalize_text("reason", &cmd.reason, 1000)?;
    if reason.trim().is_empty() {
        return Err(Error::invalid_input(
            "reason",
            cmd.reason,
            "say why it is cancelled",
        ));
    }
    if cmd.skip_only && f.recurrence.is_none() {
        return Err(Error::invalid_input(
            "skip_only",
            "true",
            "only an occurrence of a recurring follow-up can be skipped",
        ));
    }
    let mut out = vec![(
        EntityRef::FollowUp(f.id),
        EventPayload::FollowUpCancelled { reason },
    )];
    if cmd.skip_only {
        out.extend(next_occurrence(state, meta, f, ids)?);
    }
    Ok(out)
}

pub(crate) fn decide_snooze(state: &State, meta: &Meta, cmd: SnoozeFollowUp) -> Result<Pending> {
    let f = open_follow_up(state, cmd.follow_up, "snooze")?;
    crate::model::check_time("until", cmd.until)?;
    if cmd.until <= meta.at || cmd.until <= f.due_at {
        return Err(Error::invalid_input(
            "until",
            iso(cmd.until),
            format!(
                "snoozing moves a follow-up later: after now ({}) and after its due time ({})",
                iso(meta.at),
                iso(f.due_at)
            ),
        ));
    }
    let shift = cmd.until - f.due_at;
    Ok(vec![(
        EntityRef::FollowUp(f.id),
        EventPayload::FollowUpSnoozed {
            from: f.due_at,
            until: cmd.until,
            due_end: f
                .due_end
                .checked_add_signed(shift.max(Duration::zero()))
                .unwrap_or(cmd.until),
        },
    )])
}

pub(crate) fn decide_reassign(state: &State, cmd: ReassignFollowUp) -> Result<Pending> {
    let f = open_follow_up(state, cmd.follow_up, "reassign")?;
    let assignee = match cmd.assignee {
        Some(Some(a)) => {
            state.active_agent("assignee", a)?;
            Some(a)
        }
        Some(None) => None,
        None => f.assignee,
    };
    let team = match &cmd.team {
        Some(t) => t
            .as_deref()
            .map(|x| normalize_label("team", x, 64))
            .transpose()?,
        None => f.team.clone(),
    };
    if assignee == f.assignee && team == f.team {
        return Ok(Vec::new());
    }
    Ok(vec![(
        EntityRef::FollowUp(f.id),
        EventPayload::FollowUpReassigned { assignee, team },
    )])
}
