"""Service levels: the shared SLA scenarios, calendars, policies, status,
alerts, tick and business-time arithmetic."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest

import clientcare
from conftest import AT, REPO, raises

FIXTURE = json.loads(
    (REPO / "crates" / "core" / "tests" / "fixtures" / "sla_scenarios.json").read_text(encoding="utf-8")
)
SCENARIOS: list[dict[str, Any]] = FIXTURE["scenarios"]

ERRORS: dict[str, type[clientcare.Error]] = {
    "not_found": clientcare.NotFoundError,
    "invalid_input": clientcare.InvalidInputError,
    "invalid_transition": clientcare.InvalidTransitionError,
    "conflict": clientcare.ConflictError,
    "corrupt_log": clientcare.CorruptLogError,
}


def utc(text: str) -> datetime:
    """An RFC 3339 UTC time of the fixture as an aware datetime."""
    t = datetime.fromisoformat(text.replace("Z", "+00:00"))
    assert t.tzinfo is not None, text
    return t


def check(got: object, want: object, ctx: str) -> None:
    """Compares a value of the Python API with its serialised expectation:
    ``None`` means absent or None, times compare as instants, anything else
    must be equal and of the same JSON type."""
    if want is None:
        assert got is None, f"{ctx}: expected nothing, got {got!r}"
    elif isinstance(got, datetime):
        assert isinstance(want, str), f"{ctx}: got a datetime {got!r}, expected {want!r}"
        assert got.tzinfo is not None, f"{ctx}: naive {got!r}"
        assert got == utc(want), f"{ctx}: {got.isoformat()} != {want}"
    else:
        assert type(got) is type(want) and got == want, f"{ctx}: {got!r} != {want!r}"


def run_step(ws: clientcare.Workspace, step: dict[str, Any], scenario: str) -> None:
    """Mirrors ``run_step`` of crates/core/tests/sla.rs through the Python API."""
    ctx = f"{scenario}: {json.dumps(step, ensure_ascii=False)}"
    if "command" in step:
        at = utc(step["at"])
        code = step.get("error")
        if code is not None:
            before = clientcare.Workspace.import_log(ws.export_log(), seed=0)
            log = ws.export_log()
            with pytest.raises(ERRORS[code]) as info:
                ws.execute(step["command"], at=at)
            assert info.value.code == code, f"{ctx}: {info.value}"
            assert ws == before, f"{ctx}: a failed command changed nothing"
            assert ws.export_log() == log, ctx
        else:
            ws.execute(step["command"], at=at)
    elif "status" in step:
        st = ws.sla_status(step["status"], now=utc(step["now"]))
        check(st["policy"], step.get("policy"), f"{ctx}: policy")
        for metric, want in step["metrics"].items():
            found = [m for m in st["metrics"] if m["metric"] == metric]
            assert found, f"{ctx}: no {metric} in {st}"
            m: dict[str, Any] = dict(found[0])
            for field, v in want.items():
                check(m.get(field), v, f"{ctx}: {metric}.{field} in {m}")
    elif "tick" in step:
        n = ws.tick(at=utc(step["tick"]))
        assert n == step["events"], f"{ctx}: {n} events"
    elif "alerts" in step:
        now = utc(step["now"])
        alerts = ws.complaints_at_risk(now=now) if step["alerts"] == "at_risk" else ws.complaints_breached(now=now)
        want_list = step["expect"]
        assert len(alerts) == len(want_list), f"{ctx}: {alerts}"
        for a, w in zip(alerts, want_list):
            got: dict[str, Any] = dict(a)
            for field, v in w.items():
                check(got.get(field), v, f"{ctx}: {field} in {a}")
    elif "complaint" in step:
        c: dict[str, Any] = dict(ws.complaint(step["complaint"]))
        for field in ("state", "escalation_level", "assignee"):
            if field in step:
                check(c[field], step[field], f"{ctx}: {field}")
    elif "calendars" in step:
        assert ws.calendar_keys() == step["calendars"], ctx
        assert [p["key"] for p in ws.sla_policies()] == step["policies"], ctx
    else:
        pytest.fail(f"unknown step {ctx}")


def run_scenario(scenario: dict[str, Any]) -> clientcare.Workspace:
    ws = clientcare.Workspace(seed=1)
    for step in FIXTURE["prelude"]:
        run_step(ws, step, scenario["name"])
    for step in scenario["steps"]:
        run_step(ws, step, scenario["name"])
    return ws


def scenario(name_part: str) -> clientcare.Workspace:
    return run_scenario(next(s for s in SCENARIOS if name_part in s["name"]))


def cid(n: int) -> str:
    return f"00000000-0000-7000-8000-{0xD00 + n:012x}"


DUC = "00000000-0000-7000-8000-0000000000c1"
LAN = "00000000-0000-7000-8000-0000000000a1"
T0 = datetime(2026, 1, 1, tzinfo=timezone.utc)


def test_the_fixture_has_the_shared_scenarios() -> None:
    assert len(SCENARIOS) >= 10
    assert FIXTURE["prelude"]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s["name"] for s in SCENARIOS])
def test_shared_scenario(scenario: dict[str, Any]) -> None:
    ws = run_scenario(scenario)
    # The log alone rebuilds the same workspace, SLA state included.
    copy = clientcare.Workspace.import_log(ws.export_log(), seed=9)
    assert copy == ws, scenario["name"]
    now = utc("2027-03-01T00:00:00Z")
    assert copy.sla_statuses(now=now) == ws.sla_statuses(now=now)


def test_the_typed_methods_write_the_same_log_as_execute() -> None:
    """The keyword API and the generic ``execute`` of the fixture's commands
    are the same commands: same seed, same log, byte for byte."""
    via_execute = scenario("split shift")
    ws = clientcare.Workspace(seed=1)
    ws.configure("VN", at=T0)
    ws.register_agent("Lan", team="care", id=LAN, at=T0)
    ws.register_agent("Minh", team="supervisors", id="00000000-0000-7000-8000-0000000000a2", at=T0)
    ws.register_customer("Nguyễn Văn Đức", phones=["0901234567"], id=DUC, at=T0)
    two_shifts = [{"start": "08:00", "end": "12:00"}, {"start": "13:30", "end": "17:30"}]
    ws.define_calendar(
        "hcmc",
        {
            "time_zone": "Asia/Ho_Chi_Minh",
            "week": [{"day": d, "windows": two_shifts} for d in ["mon", "tue", "wed", "thu", "fri"]]
            + [{"day": "sat", "windows": [{"start": "08:00", "end": "12:00"}]}],
            "holidays": [{"date": date(2027, 2, 5), "until": date(2027, 2, 11), "name": "Tết Nguyên Đán"}],
        },
        at=T0,
    )
    ws.define_calendar("24x7", {"time_zone": "Asia/Ho_Chi_Minh", "always_open": True}, at=T0)
    ws.define_sla_policy(
        "standard",
        "hcmc",
        targets={"first_response_minutes": 120, "resolution_minutes": 960},
        warn_before_minutes=30,
        at=T0,
    )
    k = ws.open_complaint(DUC, "phone", "Complaint 1", id=cid(1), at=utc("2026-11-02T04:00:00Z"))
    assert k == cid(1)
    ws.respond_to_complaint(k, "Dạ em xin lỗi anh", agent=LAN, at=utc("2026-11-02T07:20:00Z"))
    assert ws.export_log() == via_execute.export_log()
    assert ws == via_execute


def test_the_explanation_lists_counted_and_paused_intervals() -> None:
    ws = scenario("pauses")
    now = utc("2026-11-02T07:00:00Z")
    st = ws.explain_sla(cid(4), now=now)
    res = next(m for m in st["metrics"] if m["metric"] == "resolution")
    got = [(i["from"], i["to"], i["kind"], i["state"]) for i in res["intervals"]]
    assert got == [
        (utc("2026-11-02T02:00:00Z"), utc("2026-11-02T02:10:00Z"), "counted", "new"),
        (utc("2026-11-02T02:10:00Z"), utc("2026-11-02T02:30:00Z"), "counted", "open"),
        (utc("2026-11-02T02:30:00Z"), utc("2026-11-02T06:45:00Z"), "paused", "waiting_on_customer"),
        (utc("2026-11-02T06:45:00Z"), utc("2026-11-02T07:00:00Z"), "counted", "open"),
    ]
    counted = sum((i["to"] - i["from"]).total_seconds() for i in res["intervals"] if i["kind"] == "counted")
    assert counted == res["elapsed_seconds"]
    # Without explain, no intervals key at all.
    plain = ws.sla_status(cid(4), now=now)
    assert all("intervals" not in m for m in plain["metrics"])
    assert st["at"] == now and st["policy"] == "standard" and st["calendar"] == "hcmc"


def test_statuses_in_bulk_policies_and_business_time() -> None:
    ws = scenario("priority change")
    policy = ws.sla_policy_for(cid(8))
    assert policy is not None and policy["key"] == "urgent"
    assert policy["conditions"] == {"priorities": ["urgent"]} and policy["precedence"] == 1
    now = utc("2026-11-02T02:21:00Z")
    everything = ws.sla_statuses(now=now)
    assert everything == [ws.sla_status(cid(8), now=now)]
    start, end = utc("2026-11-02T04:00:00Z"), utc("2026-11-02T08:00:00Z")
    assert ws.business_time_between("hcmc", start, end) == timedelta(minutes=150)
    assert ws.business_time_between("hcmc", end, start) == timedelta(0)
    deadline = ws.add_business_time("hcmc", start, timedelta(minutes=120))
    assert deadline == utc("2026-11-02T07:30:00Z") and deadline.utcoffset() == timedelta(0)
    ict = timezone(timedelta(hours=7))
    assert ws.add_business_time("hcmc", datetime(2026, 11, 2, 11, 0, tzinfo=ict), timedelta(hours=2)) == deadline
    e = raises(clientcare.InvalidInputError, ws.add_business_time, "hcmc", start, timedelta(minutes=-1))
    assert e.details["field"] == "business"
    e = raises(clientcare.InvalidInputError, ws.add_business_time, "hcmc", start, 7200)
    assert e.details["field"] == "business" and "timedelta" in e.details["reason"]
    e = raises(clientcare.NotFoundError, ws.business_time_between, "nope", start, end)
    assert e.details == {"entity": "calendar", "id": "nope"}
    e = raises(clientcare.InvalidInputError, ws.business_time_between, "hcmc", start.replace(tzinfo=None), end)
    assert e.details["field"] == "start"
    e = raises(clientcare.InvalidInputError, ws.add_business_time, "hcmc", start, timedelta(days=3_000_000))
    assert e.details["field"] == "business"


def test_without_a_matching_policy_there_are_no_metrics() -> None:
    ws = scenario("Berlin")
    k = ws.open_complaint(DUC, "phone", "no policy for phone", id=cid(99), at=utc("2026-11-02T02:00:00Z"))
    st = ws.sla_status(k, now=utc("2026-11-03T02:00:00Z"))
    assert st["policy"] is None and st["calendar"] is None and st["metrics"] == []
    assert ws.sla_policy_for(k) is None
    assert all(s["complaint"] != k for s in ws.sla_statuses(now=utc("2026-11-03T02:00:00Z")))


def test_a_calendar_in_use_cannot_be_removed_and_policies_can_be() -> None:
    ws = scenario("Berlin")
    at = utc("2026-11-02T02:00:00Z")
    before = ws.export_log()
    e = raises(clientcare.ConflictError, ws.remove_calendar, "berlin", at=at)
    assert e.details["holder"] == "de" and e.details["holder_entity"] == "sla_policy"
    assert ws.export_log() == before
    ws.remove_sla_policy("de", at=at)
    ws.remove_calendar("berlin", at=at)
    assert "berlin" not in ws.calendar_keys()
    raises(clientcare.NotFoundError, ws.calendar, "berlin")
    e = raises(clientcare.NotFoundError, ws.remove_sla_policy, "de", at=at)
    assert e.details["entity"] == "sla_policy"
    raises(clientcare.NotFoundError, ws.remove_calendar, "berlin", at=at)


def test_tick_escalates_once_and_records_why() -> None:
    ws = scenario("tick")
    c = ws.complaint(cid(12))
    assert [(t["metric"], t["on"]) for t in c["fired"]] == [
        ("first_response", "warning"),
        ("first_response", "breach"),
    ]
    escalations = [e["payload"] for e in ws.complaint_history(cid(12)) if e["payload"]["type"] == "complaint_escalated"]
    assert [(p.get("notify"), p["trigger"]["on"]) for p in escalations] == [
        ("lead@shop.vn", "warning"),
        (None, "breach"),
    ]
    assert c["state"] == "closed" and c["closed_at"] == utc("2026-11-02T04:10:00Z")


def test_calendars_read_back_in_their_normalised_definition_form(ws: clientcare.Workspace) -> None:
    spec: dict[str, Any] = {
        "time_zone": "Asia/Ho_Chi_Minh",
        "week": [
            {"day": "Tuesday", "windows": [{"start": "13:30", "end": "17:30"}, {"start": "8:00", "end": "12:00"}]},
            {"day": "mon", "windows": [{"start": "08:00", "end": "17:00"}]},
        ],
        "holidays": [
            {"date": "2026-12-24", "name": "Christmas Eve", "open": [{"start": "08:00", "end": "12:00"}]},
            {"date": date(2026, 9, 2), "until": date(2026, 9, 2), "name": "Quốc khánh"},
        ],
    }
    ws.define_calendar("office", spec, at=AT)
    got = ws.calendar("office")
    assert got == {
        "time_zone": "Asia/Ho_Chi_Minh",
        "week": [
            {"day": "mon", "windows": [{"start": "08:00", "end": "17:00"}]},
            {"day": "tue", "windows": [{"start": "08:00", "end": "12:00"}, {"start": "13:30", "end": "17:30"}]},
        ],
        "holidays": [
            {"date": "2026-09-02", "name": "Quốc khánh"},
            {"date": "2026-12-24", "name": "Christmas Eve", "open": [{"start": "08:00", "end": "12:00"}]},
        ],
    }
    # Defining it again from what was read back changes nothing.
    seq = ws.seq
    ws.define_calendar("office", got, at=AT)
    assert ws.seq == seq
    assert ws.events()[-1]["payload"]["type"] == "calendar_defined"
    assert ws.calendar_keys() == ["office"]
    # Same command through execute, with dates as date objects: no change either.
    ws.execute({"type": "define_calendar", "key": "office", "calendar": {**got, "holidays": [
        {"date": date(2026, 9, 2), "name": "Quốc khánh"},
        {"date": date(2026, 12, 24), "name": "Christmas Eve", "open": [{"start": "08:00", "end": "12:00"}]},
    ]}}, at=AT)
    assert ws.seq == seq


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda ws: ws.define_calendar("bad", {"time_zone": "Asia/Saigon_Typo", "always_open": True}, at=AT), "calendar.time_zone"),
        (
            lambda ws: ws.define_calendar(
                "bad",
                {"time_zone": "UTC", "week": [{"day": "mon", "windows": [{"start": "08:00", "end": "12:00"}, {"start": "11:00", "end": "13:00"}]}]},
                at=AT,
            ),
            "calendar.week[0].windows[1]",
        ),
        (
            lambda ws: ws.define_calendar(
                "bad", {"time_zone": "UTC", "week": [{"day": "mon", "windows": [{"start": "17:00", "end": "08:00"}]}]}, at=AT
            ),
            "calendar.week[0].windows[0]",
        ),
        (
            lambda ws: ws.define_calendar("bad", {"time_zone": "UTC", "week": [{"day": "funday", "windows": []}]}, at=AT),
            "calendar.week[0].day",
        ),
        (lambda ws: ws.define_calendar("bad key", {"time_zone": "UTC", "always_open": True}, at=AT), "key"),
        (lambda ws: ws.define_calendar("bad", "UTC", at=AT), "calendar"),
        (lambda ws: ws.define_sla_policy("neg", "24x7", targets={"first_response_minutes": -5}, at=AT), "targets.first_response_minutes"),
        (lambda ws: ws.define_sla_policy("zero", "24x7", targets={"resolution_minutes": 0}, at=AT), "targets.resolution_minutes"),
        (lambda ws: ws.define_sla_policy("none", "24x7", targets={}, at=AT), "targets"),
        (lambda ws: ws.define_sla_policy("typo", "24x7", targets={"resolution_minute": 5}, at=AT), "targets.resolution_minute"),
        (
            lambda ws: ws.define_sla_policy("warn", "24x7", targets={"resolution_minutes": 60}, warn_before_minutes=60, at=AT),
            "warn_before_minutes",
        ),
        (
            lambda ws: ws.define_sla_policy("pause", "24x7", targets={"resolution_minutes": 60}, pause_states="resolved", at=AT),
            "pause_states",
        ),
        (
            lambda ws: ws.define_sla_policy(
                "esc", "24x7", targets={"resolution_minutes": 60}, escalations=[{"on": "breach", "level": 10}], at=AT
            ),
            "escalations[0].level",
        ),
        (
            lambda ws: ws.define_sla_policy(
                "esc", "24x7", targets={"resolution_minutes": 60}, escalations=[{"on": "breach", "level": 1, "metric": "first_response"}], at=AT
            ),
            "escalations[0].metric",
        ),
        (lambda ws: ws.define_sla_policy("mode", "24x7", targets={"resolution_minutes": 60}, resolution_mode="last", at=AT), "resolution_mode"),
        (lambda ws: ws.configure_complaints(reopen_window_hours=-1, at=AT), "reopen_window_hours"),
        (lambda ws: ws.configure_complaints(auto_close_after_hours=100_000, at=AT), "auto_close_after_hours"),
        (lambda ws: ws.tick(at=datetime(2026, 11, 2, 9, 0)), "at"),
    ],
)
def test_bad_calendars_policies_and_settings_change_nothing(call: Any, field: str) -> None:
    ws = clientcare.Workspace(default_region="VN", seed=7, at=AT)
    ws.define_calendar("24x7", {"time_zone": "Asia/Ho_Chi_Minh", "always_open": True}, at=AT)
    before = clientcare.Workspace.import_log(ws.export_log())
    e = raises(clientcare.InvalidInputError, call, ws)
    assert e.details["field"] == field, e
    assert e.details["reason"]
    assert ws == before
    assert ws.calendar_keys() == ["24x7"] and ws.sla_policies() == []
    assert ws.complaint_settings() == {"reopen_window_hours": 168, "auto_close_after_hours": 168}


def test_a_policy_on_an_unknown_calendar_or_agent_is_not_found(ws: clientcare.Workspace) -> None:
    e = raises(clientcare.NotFoundError, ws.define_sla_policy, "p", "nowhere", targets={"resolution_minutes": 10}, at=AT)
    assert e.details == {"entity": "calendar", "id": "nowhere"}
    ws.define_calendar("24x7", {"time_zone": "UTC", "always_open": True}, at=AT)
    ghost = "0190f5c2-7b1e-7c3a-9d2e-1a2b3c4d5e6f"
    rule: clientcare.EscalationRule = {"on": "breach", "level": 1, "reassign_to": ghost}
    e = raises(clientcare.NotFoundError, ws.define_sla_policy, "p", "24x7", targets={"resolution_minutes": 10}, escalations=[rule], at=AT)
    assert e.details["entity"] == "agent"
    assert ws.sla_policies() == []


def test_policies_are_normalised_ordered_and_replaced_by_key(ws: clientcare.Workspace) -> None:
    ws.define_calendar("24x7", {"time_zone": "UTC", "always_open": True}, at=AT)
    lead = ws.register_agent("Lead", at=AT)
    ws.define_sla_policy("default", "24x7", targets={"resolution_minutes": 600}, precedence=10, at=AT)
    ws.define_sla_policy(
        "vip",
        "24x7",
        name="VIP customers",
        targets={"first_response_minutes": 15, "resolution_minutes": 240},
        conditions={"tags": ["vip", " vip ", "b2b"], "channels": ["phone", "email", "phone"]},
        precedence=1,
        warn_before_minutes=10,
        pause_states=[],
        resolution_mode="first",
        escalations=[{"on": "breach", "level": 2, "reassign_to": lead, "team": "supervisors", "notify": "lead@shop.vn"}],
        at=AT,
    )
    policies = ws.sla_policies()
    assert [p["key"] for p in policies] == ["vip", "default"]
    vip = policies[0]
    assert vip == {
        "key": "vip",
        "name": "VIP customers",
        "precedence": 1,
        "calendar": "24x7",
        "conditions": {"channels": ["phone", "email"], "tags": ["b2b", "vip"]},
        "targets": {"first_response_minutes": 15, "resolution_minutes": 240},
        "warn_before_minutes": 10,
        "pause_states": [],
        "resolution_mode": "first",
        "escalations": [{"on": "breach", "level": 2, "reassign_to": lead, "team": "supervisors", "notify": "lead@shop.vn"}],
    }
    c = ws.register_customer("Khách VIP", tags=["vip"], at=AT)
    k = ws.open_complaint(c, "phone", "x", at=AT)
    assert (ws.sla_policy_for(k) or {}).get("key") == "vip"
    # Redefining the same policy changes nothing; a new precedence reorders.
    seq = ws.seq
    ws.define_sla_policy(
        "vip",
        "24x7",
        name="VIP customers",
        targets={"first_response_minutes": 15, "resolution_minutes": 240},
        conditions={"tags": ["vip", "b2b"], "channels": ["email", "phone"]},
        precedence=1,
        warn_before_minutes=10,
        pause_states=[],
        resolution_mode="first",
        escalations=[{"on": "breach", "level": 2, "reassign_to": lead, "team": "supervisors", "notify": "lead@shop.vn"}],
        at=AT,
    )
    assert ws.seq == seq
    ws.define_sla_policy("vip", "24x7", targets={"first_response_minutes": 15}, conditions={"tags": ["vip"]}, precedence=20, at=AT)
    assert [p["key"] for p in ws.sla_policies()] == ["default", "vip"]
    assert (ws.sla_policy_for(k) or {}).get("key") == "default"


def test_settings_and_tick(ws: clientcare.Workspace) -> None:
    assert ws.complaint_settings() == {"reopen_window_hours": 168, "auto_close_after_hours": 168}
    ws.configure_complaints(auto_close_after_hours=24, at=AT)
    assert ws.complaint_settings() == {"reopen_window_hours": 168, "auto_close_after_hours": 24}
    seq = ws.seq
    ws.configure_complaints(at=AT)
    ws.configure_complaints(reopen_window_hours=168, at=AT)
    assert ws.seq == seq  # nothing changed, no event
    c = ws.register_customer("Hà", at=AT)
    k = ws.open_complaint(c, "phone", "Trả hàng", at=AT)
    ws.resolve_complaint(k, "refunded", at=AT)
    assert ws.tick(at=AT + timedelta(hours=23)) == 0
    assert ws.tick(at=AT + timedelta(hours=24)) == 1
    assert ws.complaint(k)["state"] == "closed"
    assert ws.events()[-1]["payload"] == {"type": "complaint_closed", "automatic": True}
    assert ws.tick(at=AT + timedelta(hours=24)) == 0
    assert ws.tick() == 0  # at defaults to now
    mai = ws.register_agent("Mai", at=AT)
    assert ws.tick(at=AT + timedelta(days=2), actor=mai) == 0
    raises(clientcare.NotFoundError, ws.tick, at=AT, actor="0190f5c2-7b1e-7c3a-9d2e-1a2b3c4d5e6f")


def test_now_defaults_to_the_current_time_and_must_be_aware(ws: clientcare.Workspace) -> None:
    ws.define_calendar("24x7", {"time_zone": "UTC", "always_open": True}, at=AT)
    ws.define_sla_policy("p", "24x7", targets={"resolution_minutes": 60}, at=AT)
    c = ws.register_customer("X", at=AT)
    k = ws.open_complaint(c, "phone", "x", at=AT)
    before = datetime.now(timezone.utc)
    st = ws.sla_status(k)
    after = datetime.now(timezone.utc)
    assert before <= st["at"] <= after
    assert st["metrics"][0]["state"] == "breached"
    assert ws.sla_status(k, now=None)["metrics"][0]["state"] == "breached"
    assert [a["complaint"] for a in ws.complaints_breached()] == [k]
    assert ws.complaints_at_risk() == []
    assert len(ws.sla_statuses()) == 1 and before <= ws.explain_sla(k)["at"]
    naive = datetime(2026, 11, 2, 9, 0)
    for fn, args in [
        (ws.sla_status, (k,)),
        (ws.explain_sla, (k,)),
        (ws.sla_statuses, ()),
        (ws.complaints_at_risk, ()),
        (ws.complaints_breached, ()),
    ]:
        e = raises(clientcare.InvalidInputError, fn, *args, now=naive)
        assert e.details["field"] == "now" and "naive" in e.details["reason"]
    e = raises(clientcare.InvalidInputError, ws.sla_status, k, now="2026-11-02")
    assert e.details["field"] == "now"


def test_alerts_are_dicts_with_aware_deadlines(ws: clientcare.Workspace) -> None:
    ws.define_calendar("24x7", {"time_zone": "UTC", "always_open": True}, at=AT)
    ws.define_sla_policy(
        "p", "24x7", targets={"first_response_minutes": 60, "resolution_minutes": 120}, warn_before_minutes=30, at=AT
    )
    mai = ws.register_agent("Mai", at=AT)
    c = ws.register_customer("X", at=AT)
    a = ws.open_complaint(c, "phone", "a", priority="high", assignee=mai, at=AT)
    b = ws.open_complaint(c, "phone", "b", at=AT + timedelta(minutes=10))
    risk = ws.complaints_at_risk(now=AT + timedelta(minutes=45))
    assert risk == [
        {
            "complaint": a,
            "metric": "first_response",
            "state": "warning",
            "deadline": AT + timedelta(hours=1),
            "remaining_seconds": 900,
            "priority": "high",
            "assignee": mai,
        },
        {
            "complaint": b,
            "metric": "first_response",
            "state": "warning",
            "deadline": AT + timedelta(minutes=70),
            "remaining_seconds": 1500,
            "priority": "normal",
            "assignee": None,
        },
    ]
    breached = ws.complaints_breached(now=AT + timedelta(minutes=200))
    assert [(x["complaint"], x["metric"]) for x in breached] == [
        (a, "first_response"),
        (b, "first_response"),
        (a, "resolution"),
        (b, "resolution"),
    ]
    assert all(x["deadline"] is not None and x["deadline"].tzinfo is not None for x in breached)
