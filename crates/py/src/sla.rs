//! Service levels: complaint settings, business calendars, SLA policies,
//! `tick`, the SLA status of complaints and alerts, and business-time
//! arithmetic.

use crate::convert::{
    alerts_to_py, delta_arg, id_arg, sla_status_to_py, sla_statuses_to_py, str_arg, time_or_now,
    to_py, to_utc, Fields, Path,
};
use crate::errors::OrRaise;
use crate::workspace::{meta, PyWorkspace};
use chrono::{DateTime, TimeDelta, Utc};
use clientcare::{Command, ComplaintId};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

#[pymethods]
impl PyWorkspace {
    /// Changes the complaint settings; omitted ones stay as they are.
    ///
    /// Args:
    ///     reopen_window_hours: a resolved complaint can be reopened for this
    ///         many hours after its resolution (default 168).
    ///     auto_close_after_hours: ``tick`` closes a resolved complaint this
    ///         many hours after its resolution (default 168).
    ///
    /// Raises:
    ///     InvalidInputError: for a negative value or more than ten years.
    ///
    /// Example:
    ///     >>> ws.configure_complaints(reopen_window_hours=72, at=at)
    ///     >>> ws.complaint_settings()
    ///     {'reopen_window_hours': 72, 'auto_close_after_hours': 168}
    #[pyo3(signature = (*, reopen_window_hours=None, auto_close_after_hours=None, at=None, actor=None))]
    fn configure_complaints(
        &mut self,
        py: Python<'_>,
        reopen_window_hours: Option<Bound<'_, PyAny>>,
        auto_close_after_hours: Option<Bound<'_, PyAny>>,
        at: Option<Bound<'_, PyAny>>,
        actor: Option<Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let command = Fields::new()
            .put("reopen_window_hours", reopen_window_hours.as_ref())
            .put("auto_close_after_hours", auto_close_after_hours.as_ref())
            .parse()
            .map(Command::ConfigureComplaints);
        self.run(py, command, at.as_ref(), actor.as_ref())
            .map(|_| ())
    }

    /// The complaint settings: ``{"reopen_window_hours": int,
    /// "auto_close_after_hours": int}``.
    fn complaint_settings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.complaint_settings())
    }

    /// Defines (or replaces) a business calendar under ``key``. SLA clocks
    /// run only in its working time.
    ///
    /// Args:
    ///     key: the key policies refer to (``"hcmc-office"``, no spaces).
    ///     calendar: ``{"time_zone": IANA zone, "week": [{"day": "mon",
    ///         "windows": [{"start": "08:00", "end": "12:00"}, ...]}, ...],
    ///         "holidays": [{"date": "2027-02-05", "until": "2027-02-11",
    ///         "name": "Tết", "open": [windows]}], "always_open": bool}``.
    ///         Weekdays not listed are closed; a holiday without ``open`` is
    ///         closed all day. Dates may be ``datetime.date``s.
    ///
    /// Raises:
    ///     InvalidInputError: naming the field for an unknown time zone,
    ///         overlapping or inverted windows, overlapping holidays, a bad
    ///         time or day, or a calendar with no working time.
    ///
    /// Example:
    ///     >>> office = {"time_zone": "Asia/Ho_Chi_Minh",
    ///     ...           "week": [{"day": d, "windows": [{"start": "08:00", "end": "12:00"},
    ///     ...                                           {"start": "13:30", "end": "17:30"}]}
    ///     ...                    for d in ["mon", "tue", "wed", "thu", "fri"]],
    ///     ...           "holidays": [{"date": date(2027, 2, 5), "until": date(2027, 2, 11), "name": "Tết"}]}
    ///     >>> ws.define_calendar("hcmc", office, at=at)
    ///     >>> ws.calendar_keys(), ws.calendar("hcmc")["holidays"][0]["until"]
    ///     (['hcmc'], '2027-02-11')
    #[pyo3(signature = (key, calendar, *, at=None, actor=None))]
    fn define_calendar(
        &mut self,
        py: Python<'_>,
        key: &Bound<'_, PyAny>,
        calendar: &Bound<'_, PyAny>,
        at: Option<Bound<'_, PyAny>>,
        actor: Option<Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let command = Fields::new()
            .put("key", Some(key))
            .put("calendar", Some(calendar))
            .parse()
            .map(Command::DefineCalendar);
        self.run(py, command, at.as_ref(), actor.as_ref())
            .map(|_| ())
    }

    /// Removes a calendar that no SLA policy uses.
    ///
    /// Raises:
    ///     NotFoundError: for an unknown key.
    ///     ConflictError: when a policy uses it (``details["holder"]`` is its key).
    #[pyo3(signature = (key, *, at=None, actor=None))]
    fn remove_calendar(
        &mut self,
        py: Python<'_>,
        key: &Bound<'_, PyAny>,
        at: Option<Bound<'_, PyAny>>,
        actor: Option<Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let command = Fields::new()
            .put("key", Some(key))
            .parse()
            .map(Command::RemoveCalendar);
        self.run(py, command, at.as_ref(), actor.as_ref())
            .map(|_| ())
    }

    /// A calendar in its normalised definition form (the dict
    /// ``define_calendar`` takes; dates and times of day as strings).
    ///
    /// Raises:
    ///     NotFoundError: for an unknown key.
    ///     InvalidInputError: when ``key`` is not a str.
    ///
    /// Example:
    ///     >>> ws.define_calendar("24x7", {"time_zone": "Asia/Ho_Chi_Minh", "always_open": True}, at=at)
    ///     >>> ws.calendar("24x7")
    ///     {'time_zone': 'Asia/Ho_Chi_Minh', 'always_open': True}
    fn calendar<'py>(
        &self,
        py: Python<'py>,
        key: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let key = str_arg(key, "key").or_raise(py)?;
        let cal = self.inner.calendar(&key).or_raise(py)?;
        to_py(py, cal.spec())
    }

    /// The calendar keys, sorted.
    fn calendar_keys(&self) -> Vec<String> {
        self.inner.calendar_keys().map(str::to_owned).collect()
    }

    /// Defines (or replaces, by ``key``) an SLA policy. For each complaint
    /// the first policy whose conditions match applies (lower
    /// ``precedence`` first, then by key); its targets are business minutes
    /// on ``calendar``.
    ///
    /// Args:
    ///     key: unique key (``"vip-urgent"``, no spaces).
    ///     calendar: key of the business calendar the clocks run on.
    ///     targets: ``{"first_response_minutes": int,
    ///         "next_response_minutes": int, "resolution_minutes": int}``;
    ///         at least one, each 1 or more; an absent one is not measured.
    ///     conditions: ``{"priorities": [...], "categories": [...],
    ///         "channels": [...], "tiers": [...], "tags": [...]}``; each
    ///         non-empty list must contain the complaint's value (tags: of
    ///         the complaint or the customer). ``None`` matches everything.
    ///     precedence: lower goes first.
    ///     warn_before_minutes: a running metric is in ``warning`` when this
    ///         many business minutes or fewer remain.
    ///     pause_states: working states that pause every clock (``None``:
    ///         ``["waiting_on_customer"]``; ``[]``: never paused).
    ///     resolution_mode: ``"total"`` (all working time until the final
    ///         resolution) or ``"first"`` (up to the first resolution).
    ///     escalations: rules ``tick`` fires once per complaint, metric and
    ///         trigger: ``{"on": "warning" | "breach", "metric": ...,
    ///         "level": 1..9, "reassign_to": agent id, "team": str,
    ///         "notify": str}`` (all but ``on`` and ``level`` optional).
    ///     name: a display name.
    ///
    /// Raises:
    ///     InvalidInputError: naming the field for a zero, negative or
    ///         missing target, a bad warning threshold, a non-working pause
    ///         state, or a bad escalation rule.
    ///     NotFoundError: for an unknown calendar or agent.
    ///
    /// Example:
    ///     >>> ws.define_calendar("24x7", {"time_zone": "Asia/Ho_Chi_Minh", "always_open": True}, at=at)
    ///     >>> ws.define_sla_policy("urgent", "24x7", targets={"first_response_minutes": 15},
    ///     ...                      conditions={"priorities": ["urgent"]}, precedence=1, at=at)
    ///     >>> [(p["key"], p["targets"], p["pause_states"]) for p in ws.sla_policies()]
    ///     [('urgent', {'first_response_minutes': 15}, ['waiting_on_customer'])]
    #[pyo3(signature = (
        key, calendar, *, targets, conditions=None, precedence=None, warn_before_minutes=None,
        pause_states=None, resolution_mode=None, escalations=None, name=None, at=None,
        actor=None
    ), text_signature = "($self, key, calendar, *, targets, conditions=None, precedence=0, \
        warn_before_minutes=None, pause_states=None, resolution_mode='total', escalations=(), \
        name=None, at=None, actor=None)")]
    #[allow(clippy::too_many_arguments)]
    fn define_sla_policy(
        &mut self,
        py: Python<'_>,
        key: &Bound<'_, PyAny>,
        calendar: &Bound<'_, PyAny>,
        targets: &Bound<'_, PyAny>,
        conditions: Option<Bound<'_, PyAny>>,
        precedence: Option<Bound<'_, PyAny>>,
        warn_before_minutes: Option<Bound<'_, PyAny>>,
        pause_states: Option<Bound<'_, PyAny>>,
        resolution_mode: Option<Bound<'_, PyAny>>,
        escalations: Option<Bound<'_, PyAny>>,
        name: Option<Bound<'_, PyAny>>,
        at: Option<Bound<'_, PyAny>>,
        actor: Option<Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let command = Fields::new()
            .put("key", Some(key))
            .put("calendar", Some(calendar))
            .put("targets", Some(targets))
            .put("conditions", conditions.as_ref())
            .put("precedence", precedence.as_ref())
            .put("warn_before_minutes", warn_before_minutes.as_ref())
            .put_strs("pause_states", pause_states.as_ref())
            .put("resolution_mode", resolution_mode.as_ref())
            .put("escalations", escalations.as_ref())
            .put("name", name.as_ref())
            .parse()
            .map(Command::DefineSlaPolicy);
        self.run(py, command, at.as_ref(), actor.as_ref())
            .map(|_| ())
    }

    /// Removes an SLA policy.
    ///
    /// Raises:
    ///     NotFoundError: for an unknown key.
    #[pyo3(signature = (key, *, at=None, actor=None))]
    fn remove_sla_policy(
        &mut self,
        py: Python<'_>,
        key: &Bound<'_, PyAny>,
        at: Option<Bound<'_, PyAny>>,
        actor: Option<Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let command = Fields::new()
            .put("key", Some(key))
            .parse()
            .map(Command::RemoveSlaPolicy);
        self.run(py, command, at.as_ref(), actor.as_ref())
            .map(|_| ())
    }

    /// The SLA policies in the order they are tried (normalised dicts in the
    /// form ``define_sla_policy`` takes, with ``key`` and ``calendar``).
    fn sla_policies<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let list = PyList::empty(py);
        for p in self.inner.sla_policies() {
            list.append(to_py(py, p)?)?;
        }
        Ok(list)
    }

    /// The SLA policy that applies to a complaint now, or ``None``.
    ///
    /// Raises:
    ///     NotFoundError: for an unknown complaint.
    ///     InvalidInputError: when ``complaint`` is not a UUID string.
    fn sla_policy_for<'py>(
        &self,
        py: Python<'py>,
        complaint: &Bound<'py, PyAny>,
    ) -> PyResult<Option<Bound<'py, PyAny>>> {
        let id: ComplaintId = id_arg(complaint, "complaint").or_raise(py)?;
        match self.inner.sla_policy_for(id).or_raise(py)? {
            Some(p) => to_py(py, p).map(Some),
            None => Ok(None),
        }
    }

    /// Runs the time-based rules at ``at``: the SLA escalation rules (each
    /// fires once per complaint, metric and trigger) and the auto-close of
    /// resolved complaints. Deterministic: a second tick at the same instant
    /// does nothing. Call it from a scheduler (every minute, say).
    ///
    /// Returns:
    ///     The number of events it recorded.
    ///
    /// Raises:
    ///     InvalidInputError: for a naive or out-of-range ``at``.
    ///     NotFoundError: for an unknown ``actor``.
    ///
    /// Example:
    ///     >>> from datetime import timedelta
    ///     >>> c = ws.register_customer("Hà", at=at)
    ///     >>> k = ws.open_complaint(c, "phone", "Trả hàng", at=at)
    ///     >>> ws.resolve_complaint(k, "refunded", at=at)
    ///     >>> ws.tick(at=at + timedelta(days=8)), ws.complaint(k)["state"]
    ///     (1, 'closed')
    ///     >>> ws.tick(at=at + timedelta(days=8))
    ///     0
    #[pyo3(signature = (*, at=None, actor=None))]
    fn tick(
        &mut self,
        py: Python<'_>,
        at: Option<Bound<'_, PyAny>>,
        actor: Option<Bound<'_, PyAny>>,
    ) -> PyResult<usize> {
        let meta = meta(py, at.as_ref(), actor.as_ref())?;
        self.mutate(py, false, |ws| ws.tick(meta))
    }

    /// The SLA status of a complaint at ``now`` (default: the current time):
    /// the policy and calendar that apply, and per measured metric its
    /// ``target_minutes``, ``state`` (running, paused, warning, met,
    /// breached, stopped), ``deadline``, ``elapsed_seconds`` and
    /// ``remaining_seconds`` of business time, ``warning_at``,
    /// ``breached_at``, ``completed_at`` (aware datetimes or ``None``) and,
    /// for next response, its ``cycle`` counts. Without a matching policy,
    /// ``policy`` is ``None`` and ``metrics`` empty.
    ///
    /// Raises:
    ///     NotFoundError: for an unknown complaint.
    ///     InvalidInputError: for a bad id or a naive ``now``.
    ///
    /// Example:
    ///     >>> from datetime import timedelta
    ///     >>> ws.define_calendar("24x7", {"time_zone": "Asia/Ho_Chi_Minh", "always_open": True}, at=at)
    ///     >>> ws.define_sla_policy("std", "24x7", targets={"first_response_minutes": 60}, at=at)
    ///     >>> c = ws.register_customer("Đức", at=at)
    ///     >>> k = ws.open_complaint(c, "phone", "Chưa giao", at=at)
    ///     >>> m = ws.sla_status(k, now=at + timedelta(minutes=20))["metrics"][0]
    ///     >>> m["metric"], m["state"], m["remaining_seconds"], m["deadline"] == at + timedelta(hours=1)
    ///     ('first_response', 'running', 2400, True)
    #[pyo3(signature = (complaint, *, now=None))]
    fn sla_status<'py>(
        &self,
        py: Python<'py>,
        complaint: &Bound<'py, PyAny>,
        now: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let id: ComplaintId = id_arg(complaint, "complaint").or_raise(py)?;
        let now = time_or_now(py, now.as_ref(), "now")?;
        let st = self.inner.sla_status(id, now).or_raise(py)?;
        sla_status_to_py(py, &st)
    }

    /// Like ``sla_status``, with each metric's ``intervals``: the spans of
    /// business time that counted (``"counted"``) and the spans in a pause
    /// state (``"paused"``), ``{"from", "to", "kind", "state"}``.
    ///
    /// Raises:
    ///     NotFoundError: for an unknown complaint.
    ///     InvalidInputError: for a bad id or a naive ``now``.
    ///
    /// Example:
    ///     >>> from datetime import timedelta
    ///     >>> ws.define_calendar("24x7", {"time_zone": "Asia/Ho_Chi_Minh", "always_open": True}, at=at)
    ///     >>> ws.define_sla_policy("std", "24x7", targets={"resolution_minutes": 240}, at=at)
    ///     >>> c = ws.register_customer("Lan", at=at)
    ///     >>> k = ws.open_complaint(c, "email", "Sai hóa đơn", at=at)
    ///     >>> ws.change_complaint_state(k, "waiting_on_customer", at=at + timedelta(minutes=30))
    ///     >>> m = ws.explain_sla(k, now=at + timedelta(hours=1))["metrics"][0]
    ///     >>> [(i["kind"], i["state"], (i["to"] - i["from"]).seconds // 60) for i in m["intervals"]]
    ///     [('counted', 'new', 30), ('paused', 'waiting_on_customer', 30)]
    #[pyo3(signature = (complaint, *, now=None))]
    fn explain_sla<'py>(
        &self,
        py: Python<'py>,
        complaint: &Bound<'py, PyAny>,
        now: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let id: ComplaintId = id_arg(complaint, "complaint").or_raise(py)?;
        let now = time_or_now(py, now.as_ref(), "now")?;
        let st = self.inner.explain_sla(id, now).or_raise(py)?;
        sla_status_to_py(py, &st)
    }

    /// The SLA status of every working complaint that a policy covers, at
    /// ``now`` (default: the current time), in the order recorded.
    ///
    /// Raises:
    ///     InvalidInputError: for a naive ``now``.
    #[pyo3(signature = (*, now=None))]
    fn sla_statuses<'py>(
        &self,
        py: Python<'py>,
        now: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyList>> {
        let now = time_or_now(py, now.as_ref(), "now")?;
        let all = py.allow_threads(|| self.inner.sla_statuses(now));
        sla_statuses_to_py(py, &all)
    }

    /// Working complaints with a metric in ``warning`` at ``now`` (default:
    /// the current time), soonest deadline first: ``[{"complaint",
    /// "metric", "state", "deadline", "remaining_seconds", "priority",
    /// "assignee"}, ...]``.
    ///
    /// Raises:
    ///     InvalidInputError: for a naive ``now``.
    ///
    /// Example:
    ///     >>> from datetime import timedelta
    ///     >>> ws.define_calendar("24x7", {"time_zone": "Asia/Ho_Chi_Minh", "always_open": True}, at=at)
    ///     >>> ws.define_sla_policy("std", "24x7", targets={"first_response_minutes": 60},
    ///     ...                      warn_before_minutes=15, at=at)
    ///     >>> c = ws.register_customer("Bảo", at=at)
    ///     >>> k = ws.open_complaint(c, "phone", "Lỗi", at=at)
    ///     >>> [(a["complaint"] == k, a["remaining_seconds"]) for a in ws.complaints_at_risk(now=at + timedelta(minutes=50))]
    ///     [(True, 600)]
    ///     >>> [a["metric"] for a in ws.complaints_breached(now=at + timedelta(minutes=61))]
    ///     ['first_response']
    #[pyo3(signature = (*, now=None))]
    fn complaints_at_risk<'py>(
        &self,
        py: Python<'py>,
        now: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyList>> {
        let now = time_or_now(py, now.as_ref(), "now")?;
        let alerts = py.allow_threads(|| self.inner.complaints_at_risk(now));
        alerts_to_py(py, &alerts)
    }

    /// Working complaints with a metric breached and still unfulfilled at
    /// ``now`` (default: the current time), earliest breach first; the same
    /// dicts as ``complaints_at_risk``.
    ///
    /// Raises:
    ///     InvalidInputError: for a naive ``now``.
    #[pyo3(signature = (*, now=None))]
    fn complaints_breached<'py>(
        &self,
        py: Python<'py>,
        now: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyList>> {
        let now = time_or_now(py, now.as_ref(), "now")?;
        let alerts = py.allow_threads(|| self.inner.complaints_breached(now));
        alerts_to_py(py, &alerts)
    }

    /// The working time between ``start`` and ``end`` on a business calendar
    /// (zero when ``end`` is not after ``start``).
    ///
    /// Returns:
    ///     A ``datetime.timedelta``.
    ///
    /// Raises:
    ///     NotFoundError: for an unknown calendar.
    ///     InvalidInputError: for a naive datetime.
    ///
    /// Example:
    ///     >>> office = {"time_zone": "Asia/Ho_Chi_Minh", "week": [
    ///     ...     {"day": "mon", "windows": [{"start": "08:00", "end": "12:00"}, {"start": "13:30", "end": "17:30"}]}]}
    ///     >>> ws.define_calendar("office", office, at=at)
    ///     >>> monday_11_local = datetime(2026, 11, 2, 4, 0, tzinfo=timezone.utc)
    ///     >>> monday_15_local = datetime(2026, 11, 2, 8, 0, tzinfo=timezone.utc)
    ///     >>> ws.business_time_between("office", monday_11_local, monday_15_local)
    ///     datetime.timedelta(seconds=9000)
    fn business_time_between<'py>(
        &self,
        py: Python<'py>,
        calendar: &Bound<'py, PyAny>,
        start: &Bound<'py, PyAny>,
        end: &Bound<'py, PyAny>,
    ) -> PyResult<TimeDelta> {
        let key = str_arg(calendar, "calendar").or_raise(py)?;
        let a: DateTime<Utc> = to_utc(start, Path::Root("start")).or_raise(py)?;
        let b: DateTime<Utc> = to_utc(end, Path::Root("end")).or_raise(py)?;
        self.inner.business_time_between(&key, a, b).or_raise(py)
    }

    /// The instant ``business`` working time after ``start`` on a business
    /// calendar (a deadline).
    ///
    /// Args:
    ///     calendar: the calendar's key.
    ///     start: an aware datetime.
    ///     business: a ``datetime.timedelta`` of working time, zero or more.
    ///
    /// Returns:
    ///     An aware ``datetime`` in UTC.
    ///
    /// Raises:
    ///     NotFoundError: for an unknown calendar.
    ///     InvalidInputError: for a naive datetime, a negative duration or a
    ///         result after 9999.
    ///
    /// Example:
    ///     >>> from datetime import timedelta
    ///     >>> office = {"time_zone": "Asia/Ho_Chi_Minh", "week": [
    ///     ...     {"day": "mon", "windows": [{"start": "08:00", "end": "12:00"}, {"start": "13:30", "end": "17:30"}]}]}
    ///     >>> ws.define_calendar("office", office, at=at)
    ///     >>> monday_11_local = datetime(2026, 11, 2, 4, 0, tzinfo=timezone.utc)
    ///     >>> ws.add_business_time("office", monday_11_local, timedelta(hours=2)).isoformat()
    ///     '2026-11-02T07:30:00+00:00'
    fn add_business_time<'py>(
        &self,
        py: Python<'py>,
        calendar: &Bound<'py, PyAny>,
        start: &Bound<'py, PyAny>,
        business: &Bound<'py, PyAny>,
    ) -> PyResult<DateTime<Utc>> {
        let key = str_arg(calendar, "calendar").or_raise(py)?;
        let from: DateTime<Utc> = to_utc(start, Path::Root("start")).or_raise(py)?;
        let d = delta_arg(business, "business").or_raise(py)?;
        self.inner.add_business_time(&key, from, d).or_raise(py)
    }
}
