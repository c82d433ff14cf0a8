//! Follow-ups: scheduled, whole-day and recurring tasks (RFC 5545 rules),
//! completing, skipping, snoozing and reassigning them, an agent's and a
//! team's agenda; and the module-level recurrence helpers
//! (`clientcare.occurrences`, `clientcare.parse_rrule`).

use crate::convert::{
    agenda_to_py, bad, delta_arg, follow_up_to_py, id_arg, list_to_py, local_to_json, snapshot,
    str_arg, time_or_now, to_json, to_py, to_utc, usize_arg, Fields, Opt, Path,
};
use crate::errors::OrRaise;
use crate::workspace::{meta, PyWorkspace};
use chrono::{DateTime, TimeDelta, Utc};
use clientcare::{
    AgentId, Command, CustomerId, Error, FollowUpId, Recurrence, RecurrenceSpec, ScheduleFollowUp,
};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use serde::Deserialize;
use serde_json::{Map, Value};

/// Default agenda window: one day.
const DAY: TimeDelta = TimeDelta::days(1);
/// Default agenda size.
const AGENDA_LIMIT: usize = 100;

/// Keeps the zone of the first zone-aware local time and refuses another.
fn agree(
    zone: &mut Option<(String, String)>,
    got: Option<String>,
    path: Path<'_>,
    obj: &Bound<'_, PyAny>,
) -> Result<(), Error> {
    let Some(got) = got else { return Ok(()) };
    match zone {
        Some((z, from)) if *z != got => Err(bad(
            path,
            obj,
            format!("its tzinfo is {got}, but {from} is in {z}: use one zone"),
        )),
        Some(_) => Ok(()),
        None => {
            *zone = Some((got, path.to_string()));
            Ok(())
        }
    }
}

/// A list of local times (`dates`, `exdates`).
fn local_list(
    obj: &Bound<'_, PyAny>,
    path: Path<'_>,
    zone: &mut Option<(String, String)>,
) -> Result<Value, Error> {
    if obj.is_instance_of::<PyString>() {
        return Err(bad(path, obj, "expected a list of dates or local times"));
    }
    let items = obj
        .try_iter()
        .map_err(|_| bad(path, obj, "expected a list of dates or local times"))?;
    let mut out = Vec::new();
    for (i, item) in items.enumerate() {
        let item = item.map_err(|e| bad(path, obj, format!("iterating failed: {e}")))?;
        let p = Path::Index(&path, i);
        let (v, z) = local_to_json(&item, p)?;
        agree(zone, z, p, &item)?;
        out.push(v);
    }
    Ok(Value::Array(out))
}

/// A recurrence from natural Python values: its local times (`start`,
/// `dates`, `exdates`, `rule.until`) may be naive `datetime`s, `date`s, ISO
/// strings or `datetime`s with a `zoneinfo.ZoneInfo` (whose key then gives
/// `time_zone` when it is absent). Everything else as [`to_json`].
pub(crate) fn recurrence_to_json(obj: &Bound<'_, PyAny>, path: Path<'_>) -> Result<Value, Error> {
    let d = obj.downcast::<PyDict>().map_err(|_| {
        bad(
            path,
            obj,
            "expected a dict such as {\"start\": datetime(2026, 11, 6, 9, 0), \
             \"time_zone\": \"Asia/Ho_Chi_Minh\", \"rule\": \"FREQ=MONTHLY;BYDAY=-1FR\"}",
        )
    })?;
    let mut zone: Option<(String, String)> = None;
    let mut m = Map::new();
    for (k, v) in snapshot(d, path)?.iter() {
        let key = str_arg(&k, &path.to_string())?;
        let p = Path::Key(&path, &key);
        let value = match key.as_str() {
            "start" => {
                let (value, z) = local_to_json(&v, p)?;
                agree(&mut zone, z, p, &v)?;
                value
            }
            "dates" | "exdates" => local_list(&v, p, &mut zone)?,
            "rule" => match v.downcast::<PyDict>() {
                Ok(rule) => {
                    let mut r = Map::new();
                    for (rk, rv) in snapshot(rule, p)?.iter() {
                        let rkey = str_arg(&rk, &p.to_string())?;
                        let rp = Path::Key(&p, &rkey);
                        let value = if rkey == "until" && !rv.is_none() {
                            let (value, z) = local_to_json(&rv, rp)?;
                            agree(&mut zone, z, rp, &rv)?;
                            value
                        } else {
                            to_json(&rv, rp)?
                        };
                        r.insert(rkey, value);
                    }
                    Value::Object(r)
                }
                Err(_) => to_json(&v, p)?,
            },
            _ => to_json(&v, p)?,
        };
        m.insert(key, value);
    }
    if let Some((z, from)) = zone {
        match m.get("time_zone") {
            None | Some(Value::Null) => {
                m.insert("time_zone".to_owned(), Value::String(z));
            }
            Some(Value::String(tz)) if *tz == z => {}
            Some(other) => {
                let tz = other
                    .as_str()
                    .map_or_else(|| other.to_string(), str::to_owned);
                return Err(Error::invalid_input(
                    from,
                    z.clone(),
                    format!(
                        "its tzinfo is {z}, but time_zone is {tz}: use one zone (time_zone may \
                         be left out when the local times carry a zoneinfo.ZoneInfo)"
                    ),
                ));
            }
        }
    }
    Ok(Value::Object(m))
}

/// The argument of [`occurrences`], so that errors name `recurrence.<field>`.
#[derive(Deserialize)]
struct Arg {
    recurrence: RecurrenceSpec,
}

/// A validated recurrence from the argument.
fn recurrence_arg(obj: &Bound<'_, PyAny>) -> Result<Recurrence, Error> {
    let mut arg = Map::new();
    arg.insert(
        "recurrence".to_owned(),
        recurrence_to_json(obj, Path::Root("recurrence"))?,
    );
    let Arg { recurrence: spec } = crate::convert::from_json(&Value::Object(arg), "recurrence")?;
    Recurrence::new(spec).map_err(|e| match e {
        Error::InvalidInput {
            field,
            value,
            reason,
        } => Error::invalid_input(format!("recurrence.{field}"), value, reason),
        other => other,
    })
}

/// The occurrences of a recurrence, as aware ``datetime``s in UTC, in
/// order: those at or after ``since`` (default: from the first) and before
/// ``before`` (default: no end), at most ``limit``. This is what a
/// recurring follow-up goes through, one occurrence at a time.
///
/// Args:
///     recurrence: ``{"start": local time, "time_zone": IANA zone, "rule":
///         RRULE text or a rule dict, "dates": [...], "exdates": [...]}``, as
///         ``Workspace.schedule_follow_up`` takes it.
///     since: an aware datetime (inclusive).
///     before: an aware datetime (exclusive).
///     limit: the most occurrences returned.
///
/// Returns:
///     A list of aware datetimes.
///
/// Raises:
///     InvalidInputError: naming the field (``recurrence.rule.by_day[0]``)
///         for a bad or never-occurring recurrence, or a naive ``since`` /
///         ``before``.
///
/// Example:
///     >>> last_friday = {"start": datetime(2026, 11, 1, 10, 0), "time_zone": "Asia/Ho_Chi_Minh",
///     ...                "rule": "FREQ=MONTHLY;BYDAY=-1FR", "dates": [date(2027, 2, 6)]}
///     >>> [t.isoformat() for t in clientcare.occurrences(last_friday, limit=4)]
///     ['2026-11-27T03:00:00+00:00', '2026-12-25T03:00:00+00:00', '2027-01-29T03:00:00+00:00', '2027-02-06T03:00:00+00:00']
#[pyfunction]
#[pyo3(signature = (recurrence, *, since=None, before=None, limit=None),
    text_signature = "(recurrence, *, since=None, before=None, limit=100)")]
pub(crate) fn occurrences(
    py: Python<'_>,
    recurrence: &Bound<'_, PyAny>,
    since: Option<Bound<'_, PyAny>>,
    before: Option<Bound<'_, PyAny>>,
    limit: Option<Bound<'_, PyAny>>,
) -> PyResult<Vec<DateTime<Utc>>> {
    let r = recurrence_arg(recurrence).or_raise(py)?;
    let since = match since {
        Some(s) if !s.is_none() => Some(to_utc(&s, Path::Root("since")).or_raise(py)?),
        _ => None,
    };
    let before = match before {
        Some(b) if !b.is_none() => Some(to_utc(&b, Path::Root("before")).or_raise(py)?),
        _ => None,
    };
    let limit = match limit {
        Some(l) => usize_arg(&l, "limit").or_raise(py)?,
        None => AGENDA_LIMIT,
    };
    py.allow_threads(|| r.occurrences(since, before, limit))
        .or_raise(py)
}

/// Reads RFC 5545 ``RRULE`` text into the rule dict a recurrence takes
/// (``FREQ`` daily to yearly, ``INTERVAL``, ``BYDAY``, ``BYMONTHDAY``,
/// ``BYMONTH``, ``COUNT``, ``UNTIL`` as local time, ``WKST``).
///
/// Raises:
///     InvalidInputError: naming the part (``rule.freq``, ``rule.by_day[1]``,
///         ``rule.until``) for a malformed or unsupported part.
///
/// Example:
///     >>> clientcare.parse_rrule("FREQ=MONTHLY;INTERVAL=3;BYDAY=-1FR;COUNT=6")
///     {'freq': 'monthly', 'interval': 3, 'by_day': ['-1fr'], 'count': 6}
#[pyfunction]
pub(crate) fn parse_rrule<'py>(
    py: Python<'py>,
    text: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let text = str_arg(text, "rule").or_raise(py)?;
    to_py(py, &Recurrence::parse_rrule(&text).or_raise(py)?)
}

#[pymethods]
impl PyWorkspace {
    /// Schedules a follow-up task: due at an instant (``due_at``), on a
    /// local date (``due_date``: a whole-day task, overdue once that day is
    /// over in ``time_zone``), or at each occurrence of a ``recurrence``
    /// (one open task at a time: completing or skipping it schedules the next).
    ///
    /// Args:
    ///     subject: what to do.
    ///     kind: call, email, message, visit, gift, survey or other.
    ///     customer: the (active) customer it is about.
    ///     due_at: an aware datetime.
    ///     due_date: a ``datetime.date`` (or ISO string) read in ``time_zone``.
    ///     time_zone: the IANA zone of ``due_date`` (default: the customer's).
    ///     recurrence: ``{"start": local time, "time_zone": IANA zone,
    ///         "rule": "FREQ=MONTHLY;BYDAY=-1FR" or {"freq": "monthly",
    ///         "by_day": ["-1fr"], "interval": int, "by_month_day": [...],
    ///         "by_month": [...], "count": int, "until": local time,
    ///         "week_start": "mo"}, "dates": [...], "exdates": [...]}``. Local
    ///         times are wall-clock times in ``time_zone``: naive
    ///         ``datetime``s, ISO strings, or ``datetime``s with a
    ///         ``zoneinfo.ZoneInfo`` (which then gives ``time_zone``); a date
    ///         in ``dates``/``exdates`` means the start's time of day. A time
    ///         in a daylight-saving gap moves forward by the gap; a repeated
    ///         time is its first instant (``zoneinfo`` with ``fold=0``).
    ///     assignee: the (active) agent it is assigned to.
    ///     team: the team it is assigned to.
    ///     priority: low, normal (default), high or urgent.
    ///     links: what it is about: ``{"opportunity": id, "complaint": id}``.
    ///     id: use this id instead of a new one (for sync); must be unused.
    ///
    /// Returns:
    ///     The new follow-up's id.
    ///
    /// Raises:
    ///     InvalidInputError: naming the field for none or several of
    ///         ``due_at``/``due_date``/``recurrence`` (``due_at``), a due date
    ///         without a zone (``time_zone``), a bad or never-occurring
    ///         recurrence (``recurrence.rule``), an unknown kind or priority,
    ///         an inactive agent.
    ///     NotFoundError: for an unknown customer, agent or linked entity.
    ///     InvalidTransitionError: for an archived customer.
    ///     ConflictError: when ``id`` is already used.
    ///
    /// Example:
    ///     >>> lan = ws.register_agent("Lan", team="care", at=at)
    ///     >>> c = ws.register_customer("Đức", time_zone="Asia/Ho_Chi_Minh", at=at)
    ///     >>> call = ws.schedule_follow_up("Gọi lại", "call", customer=c, assignee=lan,
    ///     ...                              due_at=datetime(2026, 11, 3, 3, 0, tzinfo=timezone.utc), at=at)
    ///     >>> gift = ws.schedule_follow_up("Sinh nhật", "gift", customer=c, assignee=lan,
    ///     ...                              due_date=date(2026, 11, 5), at=at)
    ///     >>> ws.follow_up(gift)["all_day"], ws.follow_up(gift)["due_at"].isoformat()
    ///     (True, '2026-11-04T17:00:00+00:00')
    ///     >>> visit = ws.schedule_follow_up(
    ///     ...     "Thăm khách", "visit", customer=c, assignee=lan,
    ///     ...     recurrence={"start": datetime(2026, 11, 1, 10, 0), "time_zone": "Asia/Ho_Chi_Minh",
    ///     ...                 "rule": "FREQ=MONTHLY;BYDAY=-1FR"}, at=at)
    ///     >>> ws.follow_up(visit)["due_at"].isoformat(), ws.follow_up(visit)["recurrence"]["rule"]
    ///     ('2026-11-27T03:00:00+00:00', {'freq': 'monthly', 'by_day': ['-1fr']})
    #[pyo3(signature = (
        subject, kind, *, customer=None, due_at=None, due_date=None, time_zone=None,
        recurrence=None, assignee=None, team=None, priority=None, links=None, id=None, at=None,
        actor=None
    ), text_signature = "($self, subject, kind, *, customer=None, due_at=None, due_date=None, \
        time_zone=None, recurrence=None, assignee=None, team=None, priority='normal', \
        links=None, id=None, at=None, actor=None)")]
    #[allow(clippy::too_many_arguments)]
    fn schedule_follow_up(
        &mut self,
        py: Python<'_>,
        subject: &Bound<'_, PyAny>,
        kind: &Bound<'_, PyAny>,
        customer: Option<Bound<'_, PyAny>>,
        due_at: Option<Bound<'_, PyAny>>,
        due_date: Option<Bound<'_, PyAny>>,
        time_zone: Option<Bound<'_, PyAny>>,
        recurrence: Option<Bound<'_, PyAny>>,
        assignee: Option<Bound<'_, PyAny>>,
        team: Option<Bound<'_, PyAny>>,
        priority: Option<Bound<'_, PyAny>>,
        links: Option<Bound<'_, PyAny>>,
        id: Option<Bound<'_, PyAny>>,
        at: Option<Bound<'_, PyAny>>,
        actor: Option<Bound<'_, PyAny>>,
    ) -> PyResult<String> {
        let recurrence = recurrence
            .as_ref()
            .filter(|r| !r.is_none())
            .map(|r| recurrence_to_json(r, Path::Root("recurrence")));
        let command: ScheduleFollowUp = Fields::new()
            .put("subject", Some(subject))
            .put("kind", Some(kind))
            .put("customer", customer.as_ref())
            .put("due_at", due_at.as_ref())
            .put("due_date", due_date.as_ref())
            .put("time_zone", time_zone.as_ref())
            .put_json("recurrence", recurrence)
            .put("assignee", assignee.as_ref())
            .put("team", team.as_ref())
            .put("priority", priority.as_ref())
            .put("links", links.as_ref())
            .put("id", id.as_ref())
            .parse()
            .or_raise(py)?;
        let meta = meta(py, at.as_ref(), actor.as_ref())?;
        self.mutate(py, false, |ws| ws.schedule_follow_up(meta, command.clone()))
            .map(|id| id.to_string())
    }

    /// Completes an open follow-up. A recurring one schedules its next
    /// occurrence (after the one it stood for, even when snoozed).
    ///
    /// Args:
    ///     follow_up: the follow-up's id.
    ///     outcome: what came of it.
    ///
    /// Raises:
    ///     InvalidTransitionError: when it is done or cancelled already.
    ///     NotFoundError: for an unknown follow-up.
    ///     InvalidInputError: for a bad id or outcome.
    ///
    /// Example:
    ///     >>> weekly = {"start": datetime(2026, 11, 2, 9, 0), "time_zone": "Europe/Berlin",
    ///     ...           "rule": {"freq": "weekly", "count": 2}}
    ///     >>> f = ws.schedule_follow_up("Báo cáo tuần", "email", recurrence=weekly, at=at)
    ///     >>> ws.complete_follow_up(f, outcome="đã gửi", at=at)
    ///     >>> nxt = ws.follow_up(ws.events()[-1]["entity"]["id"])
    ///     >>> ws.follow_up(f)["status"], nxt["occurrence"], nxt["due_at"].isoformat()
    ///     ('done', 2, '2026-11-09T08:00:00+00:00')
    #[pyo3(signature = (follow_up, *, outcome=None, at=None, actor=None))]
    fn complete_follow_up(
        &mut self,
        py: Python<'_>,
        follow_up: &Bound<'_, PyAny>,
        outcome: Option<Bound<'_, PyAny>>,
        at: Option<Bound<'_, PyAny>>,
        actor: Option<Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let command = Fields::new()
            .put("follow_up", Some(follow_up))
            .put("outcome", outcome.as_ref())
            .parse()
            .map(Command::CompleteFollowUp);
        self.run(py, command, at.as_ref(), actor.as_ref())
            .map(|_| ())
    }

    /// Cancels an open follow-up. A recurring series ends, unless
    /// ``skip_only`` skips just this occurrence (the next one is scheduled).
    ///
    /// Args:
    ///     follow_up: the follow-up's id.
    ///     reason: why (required).
    ///     skip_only: skip only this occurrence of a recurring follow-up.
    ///
    /// Raises:
    ///     InvalidInputError: for an empty reason, or ``skip_only`` on a
    ///         follow-up that does not recur.
    ///     InvalidTransitionError: when it is done or cancelled already.
    ///     NotFoundError: for an unknown follow-up.
    ///
    /// Example:
    ///     >>> daily = {"start": datetime(2026, 11, 2, 9, 0), "time_zone": "Asia/Ho_Chi_Minh",
    ///     ...          "rule": "FREQ=DAILY"}
    ///     >>> f = ws.schedule_follow_up("Nhắc uống thuốc", "message", recurrence=daily, at=at)
    ///     >>> ws.cancel_follow_up(f, "khách đi vắng", skip_only=True, at=at)
    ///     >>> nxt = ws.events()[-1]["entity"]["id"]
    ///     >>> ws.follow_up(f)["status"], ws.follow_up(nxt)["due_at"].isoformat()
    ///     ('cancelled', '2026-11-03T02:00:00+00:00')
    ///     >>> ws.cancel_follow_up(nxt, "ngừng", at=at)
    ///     >>> ws.events()[-1]["payload"]["type"]
    ///     'follow_up_cancelled'
    #[pyo3(signature = (follow_up, reason, *, skip_only=None, at=None, actor=None),
        text_signature = "($self, follow_up, reason, *, skip_only=False, at=None, actor=None)")]
    fn cancel_follow_up(
        &mut self,
        py: Python<'_>,
        follow_up: &Bound<'_, PyAny>,
        reason: &Bound<'_, PyAny>,
        skip_only: Option<Bound<'_, PyAny>>,
        at: Option<Bound<'_, PyAny>>,
        actor: Option<Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let command = Fields::new()
            .put("follow_up", Some(follow_up))
            .put("reason", Some(reason))
            .put("skip_only", skip_only.as_ref())
            .parse()
            .map(Command::CancelFollowUp);
        self.run(py, command, at.as_ref(), actor.as_ref())
            .map(|_| ())
    }

    /// Moves an open follow-up to a later time (``snoozed`` counts how often;
    /// a recurring series keeps its rhythm).
    ///
    /// Args:
    ///     follow_up: the follow-up's id.
    ///     until: the new due time, an aware datetime after ``at`` and after
    ///         the current due time.
    ///
    /// Raises:
    ///     InvalidInputError: for an ``until`` that is not later, or naive.
    ///     InvalidTransitionError: when it is done or cancelled already.
    ///     NotFoundError: for an unknown follow-up.
    ///
    /// Example:
    ///     >>> from datetime import timedelta
    ///     >>> f = ws.schedule_follow_up("Gọi lại", "call", due_at=at + timedelta(hours=1), at=at)
    ///     >>> ws.snooze_follow_up(f, at + timedelta(hours=3), at=at)
    ///     >>> t = ws.follow_up(f)
    ///     >>> t["due_at"] - at, t["slot"] - at, t["snoozed"]
    ///     (datetime.timedelta(seconds=10800), datetime.timedelta(seconds=3600), 1)
    #[pyo3(signature = (follow_up, until, *, at=None, actor=None))]
    fn snooze_follow_up(
        &mut self,
        py: Python<'_>,
        follow_up: &Bound<'_, PyAny>,
        until: &Bound<'_, PyAny>,
        at: Option<Bound<'_, PyAny>>,
        actor: Option<Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let command = Fields::new()
            .put("follow_up", Some(follow_up))
            .put("until", Some(until))
            .parse()
            .map(Command::SnoozeFollowUp);
        self.run(py, command, at.as_ref(), actor.as_ref())
            .map(|_| ())
    }

    /// Reassigns an open follow-up to an agent and/or a team. Omitted: as
    /// it is; ``None``: unassigned. No event when nothing changes.
    ///
    /// Raises:
    ///     NotFoundError: for an unknown follow-up or agent.
    ///     InvalidInputError: for an inactive agent or a bad team.
    ///     InvalidTransitionError: when it is done or cancelled already.
    ///
    /// Example:
    ///     >>> lan = ws.register_agent("Lan", at=at)
    ///     >>> minh = ws.register_agent("Minh", at=at)
    ///     >>> f = ws.schedule_follow_up("Gọi lại", "call", due_at=at, assignee=lan, at=at)
    ///     >>> ws.reassign_follow_up(f, assignee=minh, team="care", at=at)
    ///     >>> ws.follow_up(f)["assignee"] == minh, ws.follow_up(f)["team"]
    ///     (True, 'care')
    #[pyo3(signature = (follow_up, *, assignee=Opt::Omitted, team=Opt::Omitted, at=None, actor=None))]
    fn reassign_follow_up(
        &mut self,
        py: Python<'_>,
        follow_up: &Bound<'_, PyAny>,
        assignee: Opt<'_>,
        team: Opt<'_>,
        at: Option<Bound<'_, PyAny>>,
        actor: Option<Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let command = Fields::new()
            .put("follow_up", Some(follow_up))
            .put_opt("assignee", &assignee)
            .put_opt("team", &team)
            .parse()
            .map(Command::ReassignFollowUp);
        self.run(py, command, at.as_ref(), actor.as_ref())
            .map(|_| ())
    }

    /// A follow-up as a dict (``id``, ``series``, ``occurrence``,
    /// ``subject``, ``kind``, ``customer``, ``due_at``, ``slot``,
    /// ``all_day``, ``due_end``, ``status``, ``outcome``, ``recurrence``,
    /// ...): instants as aware ``datetime``s in UTC; ``recurrence`` in its
    /// JSON form (local times as ISO strings).
    ///
    /// Raises:
    ///     NotFoundError: for an unknown id.
    ///     InvalidInputError: when ``id`` is not a UUID string.
    fn follow_up<'py>(
        &self,
        py: Python<'py>,
        id: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let id: FollowUpId = id_arg(id, "follow_up").or_raise(py)?;
        follow_up_to_py(py, self.inner.follow_up(id).or_raise(py)?)
    }

    /// A customer's follow-ups (all statuses, every occurrence), in the
    /// order scheduled.
    ///
    /// Raises:
    ///     NotFoundError: for an unknown customer.
    ///     InvalidInputError: when ``customer`` is not a UUID string.
    fn follow_ups_of<'py>(
        &self,
        py: Python<'py>,
        customer: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyList>> {
        let id: CustomerId = id_arg(customer, "customer").or_raise(py)?;
        let items = self.inner.follow_ups_of(id).or_raise(py)?;
        list_to_py(py, items, follow_up_to_py)
    }

    /// An agent's agenda at ``now`` (default: the current time): open
    /// follow-ups that are ``overdue`` (oldest first; whole-day ones once
    /// their day is over) and ``upcoming`` ones due within ``within``
    /// (soonest first; today's whole-day tasks included), at most ``limit``
    /// in all (``truncated`` says whether the limit cut them).
    ///
    /// Args:
    ///     agent: the agent's id.
    ///     now: an aware datetime.
    ///     within: how far ahead, a ``datetime.timedelta`` (``None``: one day).
    ///     limit: the most follow-ups returned.
    ///
    /// Returns:
    ///     ``{"overdue": [follow-up, ...], "upcoming": [...], "truncated": bool}``.
    ///
    /// Raises:
    ///     NotFoundError: for an unknown agent.
    ///     InvalidInputError: for a negative window, a naive ``now`` or a bad id.
    ///
    /// Example:
    ///     >>> from datetime import timedelta
    ///     >>> lan = ws.register_agent("Lan", at=at)
    ///     >>> late = ws.schedule_follow_up("Gọi lại", "call", due_at=at - timedelta(hours=2), assignee=lan, at=at)
    ///     >>> soon = ws.schedule_follow_up("Báo giá", "email", due_at=at + timedelta(hours=5), assignee=lan, at=at)
    ///     >>> later = ws.schedule_follow_up("Hỏi thăm", "call", due_at=at + timedelta(days=9), assignee=lan, at=at)
    ///     >>> ag = ws.agenda(lan, now=at, within=timedelta(days=2))
    ///     >>> [f["subject"] for f in ag["overdue"]], [f["subject"] for f in ag["upcoming"]], ag["truncated"]
    ///     (['Gọi lại'], ['Báo giá'], False)
    #[pyo3(signature = (agent, *, now=None, within=None, limit=None),
        text_signature = "($self, agent, *, now=None, within=None, limit=100)")]
    fn agenda<'py>(
        &self,
        py: Python<'py>,
        agent: &Bound<'py, PyAny>,
        now: Option<Bound<'py, PyAny>>,
        within: Option<Bound<'py, PyAny>>,
        limit: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let agent: AgentId = id_arg(agent, "agent").or_raise(py)?;
        let (now, within, limit) = window(py, now, within, limit)?;
        let a = self.inner.agenda(agent, now, within, limit).or_raise(py)?;
        agenda_to_py(py, &a)
    }

    /// A team's agenda (follow-ups assigned to the team), like ``agenda``.
    ///
    /// Raises:
    ///     InvalidInputError: for a negative window, a naive ``now`` or a
    ///         team that is not a str.
    ///
    /// Example:
    ///     >>> from datetime import timedelta
    ///     >>> f = ws.schedule_follow_up("Khảo sát", "survey", due_at=at + timedelta(hours=1), team="care", at=at)
    ///     >>> [x["id"] == f for x in ws.team_agenda("care", now=at)["upcoming"]]
    ///     [True]
    #[pyo3(signature = (team, *, now=None, within=None, limit=None),
        text_signature = "($self, team, *, now=None, within=None, limit=100)")]
    fn team_agenda<'py>(
        &self,
        py: Python<'py>,
        team: &Bound<'py, PyAny>,
        now: Option<Bound<'py, PyAny>>,
        within: Option<Bound<'py, PyAny>>,
        limit: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let team = str_arg(team, "team").or_raise(py)?;
        let (now, within, limit) = window(py, now, within, limit)?;
        let a = self
            .inner
            .team_agenda(&team, now, within, limit)
            .or_raise(py)?;
        agenda_to_py(py, &a)
    }
}

/// The `now`, `within` and `limit` of an agenda, with their defaults.
fn window(
    py: Python<'_>,
    now: Option<Bound<'_, PyAny>>,
    within: Option<Bound<'_, PyAny>>,
    limit: Option<Bound<'_, PyAny>>,
) -> PyResult<(DateTime<Utc>, TimeDelta, usize)> {
    let now = time_or_now(py, now.as_ref(), "now")?;
    let within = match within {
        Some(w) if !w.is_none() => delta_arg(&w, "within").or_raise(py)?,
        _ => DAY,
    };
    let limit = match limit {
        Some(l) => usize_arg(&l, "limit").or_raise(py)?,
        None => AGENDA_LIMIT,
    };
    Ok((now, within, limit))
}
