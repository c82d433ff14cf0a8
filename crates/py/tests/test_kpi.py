"""KPIs: the shared hand-computed cases (crates/core/tests/fixtures/
kpi_cases.json), grouping, the dashboard as a table, and input checks. No KPI
is computed here: the expected values come from the fixture."""

from __future__ import annotations

import json
import math
from datetime import datetime, timedelta, timezone
from typing import Any, get_args

import pytest

import clientcare
from conftest import REPO, raises

CASES = json.loads((REPO / "crates/core/tests/fixtures/kpi_cases.json").read_text(encoding="utf-8"))
KEYS = {"kpi", "group", "measure", "value", "numerator", "denominator", "sample_size", "unit"}


def instant(s: str) -> datetime:
    return datetime.fromisoformat(s.replace("Z", "+00:00"))


def kwargs(query: dict[str, Any]) -> dict[str, Any]:
    """A fixture query (the core's JSON form) as keyword arguments."""
    out: dict[str, Any] = {}
    for k, v in query.items():
        if k in ("from", "to", "backlog_at"):
            v = instant(v)
        out["from_" if k == "from" else k] = v
    return out


@pytest.fixture(scope="module")
def world() -> clientcare.Workspace:
    ws = clientcare.Workspace(seed=1)
    first_survey: str | None = None
    for step in CASES["steps"]:
        cmd = dict(step["command"])
        if cmd.get("survey") == "$S1":
            assert first_survey is not None
            cmd["survey"] = first_survey
        ws.execute(cmd, at=instant(step["at"]))
        if first_survey is None and ws.surveys():
            first_survey = ws.surveys()[0]["id"]
    return ws


def same_rows(got: list[clientcare.KpiRow], expect: list[dict[str, Any]]) -> None:
    assert len(got) == len(expect), (got, expect)
    for g, e in zip(got, expect):
        assert set(g) == KEYS
        for k in KEYS:
            if isinstance(e[k], float) and isinstance(g[k], float):
                assert math.isclose(g[k], e[k], rel_tol=1e-9, abs_tol=1e-9), (k, g, e)
            else:
                assert g[k] == e[k], (k, g, e)


def test_kpi_names_are_a_tuple_of_the_typed_names() -> None:
    assert isinstance(clientcare.KPI_NAMES, tuple)
    assert clientcare.KPI_NAMES == get_args(clientcare.KpiName)
    assert "csat" in clientcare.KPI_NAMES and "first_response_time" in clientcare.KPI_NAMES
    assert len(set(clientcare.KPI_NAMES)) == len(clientcare.KPI_NAMES)
    assert {q["kpi"] for q in CASES["queries"]} == set(clientcare.KPI_NAMES)


@pytest.mark.parametrize("case", CASES["queries"],
                         ids=[f"{i}-{q['kpi']}" for i, q in enumerate(CASES["queries"])])
def test_the_shared_cases(world: clientcare.Workspace, case: dict[str, Any]) -> None:
    same_rows(world.kpi(case["kpi"], **kwargs(case["query"])), case["expect"])


@pytest.mark.parametrize("case", CASES["errors"], ids=[e["kpi"] for e in CASES["errors"]])
def test_the_shared_error_cases(world: clientcare.Workspace, case: dict[str, Any]) -> None:
    e = raises(clientcare.Error, world.kpi, case["kpi"], **kwargs(case["query"]))
    assert e.code == case["code"]


def test_a_grouped_query_gives_one_row_set_per_group() -> None:
    ws = clientcare.Workspace(seed=1)
    t0 = datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc)
    c = ws.register_customer("Lan", at=t0)
    for channel, n in [("email", 2), ("phone", 1)]:
        for _ in range(n):
            ws.open_complaint(c, channel, "x", at=t0)
    rows = ws.kpi("complaint_volume", from_=t0, to=t0 + timedelta(days=1), group_by="channel")
    assert [(r["group"], r["measure"], r["value"], r["sample_size"], r["unit"]) for r in rows] == [
        ("email", "count", 2.0, 2, "count"),
        ("phone", "count", 1.0, 1, "count"),
    ]
    [total] = ws.kpi("complaint_volume", from_=t0, to=t0 + timedelta(days=1))
    assert total["group"] == "all" and total["value"] == 3.0
    by_day = ws.kpi("complaint_volume", from_=t0, to=t0 + timedelta(days=1), group_by="day",
                    time_zone="Asia/Ho_Chi_Minh")
    assert [r["group"] for r in by_day] == ["2026-11-02"]


def test_a_bad_name_or_query_is_invalid_input(world: clientcare.Workspace) -> None:
    t0 = instant("2026-03-02T00:00:00Z")
    t1 = t0 + timedelta(days=7)
    e = raises(clientcare.InvalidInputError, world.kpi, "happiness", from_=t0, to=t1)
    assert e.code == "invalid_input" and e.details["field"] == "name"
    assert "first_response_time" in e.details["reason"]
    e = raises(clientcare.InvalidInputError, world.kpi, 42, from_=t0, to=t1)
    assert e.details["field"] == "name"
    e = raises(clientcare.InvalidInputError, world.kpi, "backlog", from_=t0, to=t1, group_by="week")
    assert e.details["field"] == "group_by" and "agent" in e.details["reason"]
    e = raises(clientcare.InvalidInputError, world.kpi, "csat", from_=t0, to=t1, group_by="planet")
    assert e.details["field"] == "group_by"
    e = raises(clientcare.InvalidInputError, world.kpi, "csat", from_=t1, to=t0)
    assert e.details["field"] == "to"
    e = raises(clientcare.InvalidInputError, world.kpi, "csat", from_=t0, to=t1, time_zone="Mars/Olympus")
    assert e.details["field"] == "time_zone"
    e = raises(clientcare.InvalidInputError, world.kpi, "retention", from_=t0, to=t1, active_days=-1)
    assert e.details["field"] == "active_days"
    e = raises(clientcare.InvalidInputError, world.kpi, "csat", from_="2026-03-02", to=t1)
    assert e.details["field"] == "from"


def test_datetimes_without_a_time_zone_are_rejected(world: clientcare.Workspace) -> None:
    naive = datetime(2026, 3, 2)
    aware = instant("2026-03-09T00:00:00Z")
    e = raises(clientcare.InvalidInputError, world.kpi, "csat", from_=naive, to=aware)
    assert e.details["field"] == "from" and "naive" in e.details["reason"]
    e = raises(clientcare.InvalidInputError, world.kpi, "csat", from_=aware - timedelta(days=7), to=naive)
    assert e.details["field"] == "to"
    e = raises(clientcare.InvalidInputError, world.kpi, "backlog", from_=naive.replace(tzinfo=timezone.utc),
               to=aware, backlog_at=naive)
    assert e.details["field"] == "backlog_at"
    e = raises(clientcare.InvalidInputError, world.dashboard, from_=naive, to=aware)
    assert e.details["field"] == "from"
    # Any aware zone names the same instant.
    ict = timezone(timedelta(hours=7))
    assert world.kpi("csat", from_=datetime(2026, 3, 2, 7, 0, tzinfo=ict), to=aware) == world.kpi(
        "csat", from_=instant("2026-03-02T00:00:00Z"), to=aware
    )


def test_the_dashboard_is_a_table_of_every_kpi_but_cohorts(world: clientcare.Workspace) -> None:
    t0, t1 = instant("2026-03-02T00:00:00Z"), instant("2026-03-09T00:00:00Z")
    d = world.dashboard(from_=t0, to=t1)
    assert set(d) == {"from", "to", "rows"} and d["from"] == t0 and d["to"] == t1
    rows = d["rows"]
    assert rows and all(set(r) == KEYS for r in rows)
    # Flat rows: every value is a scalar a DataFrame column can hold.
    assert all(isinstance(v, (str, int, float, type(None))) for r in rows for v in r.values())
    columns = {k: [r[k] for r in rows] for k in KEYS}  # what pandas.DataFrame(rows) builds
    assert all(len(v) == len(rows) for v in columns.values())
    names = [n for n in clientcare.KPI_NAMES if n != "cohort_retention"]
    assert list(dict.fromkeys(r["kpi"] for r in rows)) == names
    for name in names:
        assert [r for r in rows if r["kpi"] == name] == world.kpi(name, from_=t0, to=t1), name
    with pytest.raises(TypeError):
        world.dashboard(from_=t0, to=t1, group_by="agent")  # type: ignore[call-arg]


def test_kpis_read_and_never_change_the_workspace(world: clientcare.Workspace) -> None:
    before = world.seq
    t0, t1 = instant("2026-01-01T00:00:00Z"), instant("2026-04-01T00:00:00Z")
    for name in clientcare.KPI_NAMES:
        world.kpi(name, from_=t0, to=t1)
    world.dashboard(from_=t0, to=t1, time_zone="Asia/Ho_Chi_Minh", active_days=30, backlog_at=t1, cohort_months=3)
    assert world.seq == before
    copy = clientcare.Workspace.import_log(world.export_log(), seed=2)
    assert copy.dashboard(from_=t0, to=t1) == world.dashboard(from_=t0, to=t1)


def test_rows_build_a_pandas_data_frame(world: clientcare.Workspace) -> None:
    pd = pytest.importorskip("pandas")
    t0, t1 = instant("2026-03-02T00:00:00Z"), instant("2026-03-09T00:00:00Z")
    frame = pd.DataFrame(world.dashboard(from_=t0, to=t1)["rows"])
    assert set(frame.columns) == KEYS
    csat = frame[(frame.kpi == "csat") & (frame.measure == "mean")]
    assert float(csat.value.iloc[0]) == pytest.approx(4.0)
