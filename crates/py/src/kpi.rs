//! KPIs: one KPI over a range (optionally grouped) and the dashboard of the
//! headline KPIs, as lists of flat dicts (`pandas.DataFrame(rows)` takes them
//! as they are); and `clientcare.KPI_NAMES`. Every value is computed by the
//! core (`docs/kpi.md`).

use crate::convert::{str_arg, to_py, Fields};
use crate::errors::OrRaise;
use crate::workspace::PyWorkspace;
use clientcare::{Error, KpiQuery, KpiRow};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple};

/// The query of `kpi` and `dashboard` from their keyword arguments.
#[allow(clippy::too_many_arguments)]
fn query(
    from: &Bound<'_, PyAny>,
    to: &Bound<'_, PyAny>,
    group_by: Option<&Bound<'_, PyAny>>,
    time_zone: Option<&Bound<'_, PyAny>>,
    active_days: Option<&Bound<'_, PyAny>>,
    backlog_at: Option<&Bound<'_, PyAny>>,
    cohort_months: Option<&Bound<'_, PyAny>>,
) -> Result<KpiQuery, Error> {
    Fields::new()
        .put("from", Some(from))
        .put("to", Some(to))
        .put("group_by", group_by)
        .put("time_zone", time_zone)
        .put("active_days", active_days)
        .put("backlog_at", backlog_at)
        .put("cohort_months", cohort_months)
        .parse()
}

/// KPI rows as a list of flat dicts.
fn rows_to_py<'py>(py: Python<'py>, rows: &[KpiRow]) -> PyResult<Bound<'py, PyList>> {
    let list = PyList::empty(py);
    for r in rows {
        list.append(to_py(py, r)?)?;
    }
    Ok(list)
}

/// The names of every KPI, in dashboard order, as a tuple.
pub(crate) fn kpi_names(py: Python<'_>) -> PyResult<Bound<'_, PyTuple>> {
    PyTuple::new(py, clientcare::KPI_NAMES)
}

#[pymethods]
impl PyWorkspace {
    /// One KPI over ``[from_, to)`` as rows, one per measure (and group):
    /// flat dicts ``{"kpi", "group", "measure", "value", "numerator",
    /// "denominator", "sample_size", "unit"}`` that ``pandas.DataFrame(rows)``
    /// takes as they are. ``value`` is ``None`` when there is nothing to
    /// measure; a rate's ``numerator`` and ``denominator`` are the counts
    /// behind it. Definitions: ``docs/kpi.md``.
    ///
    /// Args:
    ///     name: one of ``clientcare.KPI_NAMES`` (``"first_response_time"``,
    ///         ``"csat"``, ``"win_rate"``, ...).
    ///     from_: start of the range (included), an aware datetime.
    ///     to: end of the range (excluded), an aware datetime; records are
    ///         taken as of this instant.
    ///     group_by: ``"agent"``, ``"team"``, ``"channel"``, ``"category"``,
    ///         ``"priority"``, ``"tier"``, ``"day"``, ``"week"`` or
    ///         ``"month"`` (``group`` is then the key, ``"(none)"`` for
    ///         records without one; ``"all"`` without grouping).
    ///     time_zone: IANA zone of day, week and month groups and of cohorts
    ///         (default UTC).
    ///     active_days: retention's look-back window in days (default 90).
    ///     backlog_at: the backlog's instant (default ``to``).
    ///     cohort_months: months cohort retention follows (default 12).
    ///
    /// Raises:
    ///     InvalidInputError: for an unknown KPI (``details["field"] ==
    ///         "name"``; the reason lists them), a range that does not end
    ///         after it starts, a naive datetime, an unknown time zone, or a
    ///         grouping the KPI does not support.
    ///
    /// Example:
    ///     >>> from datetime import timedelta
    ///     >>> c = ws.register_customer("Lan", at=at)
    ///     >>> _ = ws.open_complaint(c, "email", "Giao trễ", at=at)
    ///     >>> _ = ws.open_complaint(c, "phone", "Hỏng", at=at)
    ///     >>> rows = ws.kpi("complaint_volume", from_=at, to=at + timedelta(days=1), group_by="channel")
    ///     >>> [(r["group"], r["measure"], r["value"]) for r in rows]
    ///     [('email', 'count', 1.0), ('phone', 'count', 1.0)]
    #[pyo3(signature = (
        name, *, from_, to, group_by=None, time_zone=None, active_days=None, backlog_at=None,
        cohort_months=None
    ))]
    #[allow(clippy::too_many_arguments)]
    fn kpi<'py>(
        &self,
        py: Python<'py>,
        name: &Bound<'py, PyAny>,
        from_: &Bound<'py, PyAny>,
        to: &Bound<'py, PyAny>,
        group_by: Option<Bound<'py, PyAny>>,
        time_zone: Option<Bound<'py, PyAny>>,
        active_days: Option<Bound<'py, PyAny>>,
        backlog_at: Option<Bound<'py, PyAny>>,
        cohort_months: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyList>> {
        let name = str_arg(name, "name").or_raise(py)?;
        let q = query(
            from_,
            to,
            group_by.as_ref(),
            time_zone.as_ref(),
            active_days.as_ref(),
            backlog_at.as_ref(),
            cohort_months.as_ref(),
        )
        .or_raise(py)?;
        let rows = py
            .allow_threads(|| self.inner.kpi(&name, &q))
            .or_raise(py)?;
        rows_to_py(py, &rows)
    }

    /// The headline KPIs over ``[from_, to)`` in one call: every KPI of
    /// ``clientcare.KPI_NAMES`` except ``cohort_retention``, ungrouped, in
    /// that order. The arguments are those of ``kpi``.
    ///
    /// Returns:
    ///     ``{"from": datetime, "to": datetime, "rows": [row, ...]}`` with
    ///     the rows of ``kpi`` (``pandas.DataFrame(d["rows"])``).
    ///
    /// Raises:
    ///     InvalidInputError: for a range that does not end after it starts,
    ///         a naive datetime or an unknown time zone.
    ///
    /// Example:
    ///     >>> from datetime import timedelta
    ///     >>> d = ws.dashboard(from_=at, to=at + timedelta(days=7))
    ///     >>> d["to"] - d["from"], d["rows"][0]["kpi"], "cohort_retention" in {r["kpi"] for r in d["rows"]}
    ///     (datetime.timedelta(days=7), 'first_response_time', False)
    #[pyo3(signature = (
        *, from_, to, time_zone=None, active_days=None, backlog_at=None, cohort_months=None
    ))]
    #[allow(clippy::too_many_arguments)]
    fn dashboard<'py>(
        &self,
        py: Python<'py>,
        from_: &Bound<'py, PyAny>,
        to: &Bound<'py, PyAny>,
        time_zone: Option<Bound<'py, PyAny>>,
        active_days: Option<Bound<'py, PyAny>>,
        backlog_at: Option<Bound<'py, PyAny>>,
        cohort_months: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let q = query(
            from_,
            to,
            None,
            time_zone.as_ref(),
            active_days.as_ref(),
            backlog_at.as_ref(),
            cohort_months.as_ref(),
        )
        .or_raise(py)?;
        let d = py.allow_threads(|| self.inner.dashboard(&q)).or_raise(py)?;
        let out = PyDict::new(py);
        out.set_item("from", d.from)?;
        out.set_item("to", d.to)?;
        out.set_item("rows", rows_to_py(py, &d.rows)?)?;
        Ok(out)
    }
}
