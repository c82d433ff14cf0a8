"""The event log: export/import round trip, corrupt logs, generic execute."""

from __future__ import annotations

import json

import pytest

import clientcare
from conftest import AT, raises


def build(ws: clientcare.Workspace) -> str:
    mai = ws.register_agent("Mai", team="care", at=AT)
    org = ws.register_customer("An Phát", kind="organization", at=AT)
    c = ws.register_customer(
        "Nguyễn Văn Đức",
        emails=["duc@example.vn"],
        phones=["0901234567"],
        tags=["vip"],
        owner=mai,
        attributes={"orders": 3, "credit": {"amount_minor": 5000, "currency": "VND"}},
        at=AT,
        actor=mai,
    )
    ws.add_membership(c, org, role="buyer", at=AT)
    ws.record_consent(c, channel="sms", purpose="service", granted=True, source="call", at=AT)
    ws.log_interaction(c, "social", network="zalo", agent=mai, at=AT)
    ws.update_customer(c, display_name="anh Đức", at=AT)
    ws.change_lifecycle(c, "customer", at=AT)
    ws.archive_customer(org, at=AT)
    return c


def test_export_import_round_trip(ws: clientcare.Workspace) -> None:
    c = build(ws)
    log = ws.export_log()
    assert log.endswith("\n") and log.count("\n") == ws.seq
    copy = clientcare.Workspace.import_log(log)
    assert copy == ws
    assert copy.export_log() == log
    assert copy.customer(c) == ws.customer(c)
    assert copy.events() == ws.events()
    assert len(copy) == len(ws) and copy.default_region == "VN"
    # Blank lines are ignored.
    assert clientcare.Workspace.import_log("\n" + log.replace("\n", "\n\n")) == ws
    # Equal workspaces diverge after a change.
    copy.tag_customer(c, ["new"], at=AT)
    assert copy != ws
    assert (ws == "not a workspace") is False


def test_same_seed_same_log() -> None:
    a = clientcare.Workspace(default_region="VN", seed=3, at=AT)
    b = clientcare.Workspace(default_region="VN", seed=3, at=AT)
    build(a)
    build(b)
    assert a.export_log() == b.export_log()
    assert a == b


def test_events_are_the_json_interchange_form(ws: clientcare.Workspace) -> None:
    build(ws)
    events = ws.events()
    assert [e["seq"] for e in events] == list(range(1, ws.seq + 1))
    assert [json.loads(line) for line in ws.export_log().splitlines()] == events
    assert events[0]["v"] == clientcare.FORMAT_VERSION
    assert ws.events(since=ws.seq - 2) == events[-2:]
    assert ws.events(since=10**6) == []
    raises(clientcare.InvalidInputError, ws.events, since=-1)


@pytest.mark.parametrize(
    ("mangle", "line"),
    [
        (lambda lines: lines[:2] + ["{not json"] + lines[3:], 3),
        (lambda lines: lines[:3] + lines[4:], 4),  # a gap in seq
        (lambda lines: lines + [lines[-1]], None),  # duplicate event
    ],
)
def test_corrupt_log_names_the_line(ws: clientcare.Workspace, mangle, line) -> None:  # type: ignore[no-untyped-def]
    build(ws)
    lines = ws.export_log().splitlines()
    bad = "\n".join(mangle(lines)) + "\n"
    e = raises(clientcare.CorruptLogError, clientcare.Workspace.import_log, bad)
    assert e.code == "corrupt_log"
    expected = line if line is not None else len(lines) + 1
    assert e.details["line"] == expected
    assert f"line {expected}" in str(e)
    assert e.details["reason"]


def test_inconsistent_log_is_rejected(ws: clientcare.Workspace) -> None:
    c = ws.register_customer("X", at=AT)
    ws.tag_customer(c, ["a"], at=AT)
    lines = ws.export_log().splitlines()
    ev = json.loads(lines[2])
    ev["entity"]["id"] = "0190f5c2-7b1e-7c3a-9d2e-1a2b3c4d5e6f"  # tags an unknown customer
    lines[2] = json.dumps(ev)
    e = raises(clientcare.CorruptLogError, clientcare.Workspace.import_log, "\n".join(lines))
    assert e.details["line"] == 3
    raises(clientcare.InvalidInputError, clientcare.Workspace.import_log, b"bytes")


def test_generic_execute(ws: clientcare.Workspace) -> None:
    out = ws.execute(
        {
            "type": "register_customer",
            "full_name": "Lê Thị Hoa",
            "emails": ["hoa@example.vn"],
            "attributes": {"vip": True},
        },
        at=AT,
    )
    assert out["created"] is not None and out["created"]["kind"] == "customer"
    assert out["first_seq"] == ws.seq and out["events"] == 1
    hoa = out["created"]["id"]
    assert ws.customer(hoa)["attributes"] == {"vip": True}
    out = ws.execute({"type": "tag_customer", "customer": hoa, "tags": ["vip"]}, at=AT)
    assert out == {"created": None, "first_seq": ws.seq, "events": 1}
    out = ws.execute({"type": "tag_customer", "customer": hoa, "tags": ["vip"]}, at=AT)
    assert out["events"] == 0
    # The typed JSON form of attributes and of times is accepted too.
    ws.execute(
        {
            "type": "update_customer",
            "customer": hoa,
            "attributes": {"since": {"type": "date", "value": "2024-01-02"}, "vip": None},
        },
        at=AT,
    )
    assert str(ws.customer(hoa)["attributes"]["since"]) == "2024-01-02"
    ws.execute({"type": "log_interaction", "customer": hoa, "channel": "email", "occurred_at": "2026-11-02T08:00:00Z"}, at=AT)
    e = raises(clientcare.InvalidInputError, ws.execute, {"type": "launch_rocket"})
    assert e.details["field"] == "type" and "register_customer" in e.details["reason"]
    e = raises(clientcare.InvalidInputError, ws.execute, {"full_name": "no type"})
    assert e.details["field"] == "type"
    e = raises(clientcare.InvalidInputError, ws.execute, {"type": "register_customer", "full_name": "X", "colour": "red"}, at=AT)
    assert e.details["field"] == "colour"
    e = raises(clientcare.InvalidInputError, ws.execute, {"type": "register_customer"}, at=AT)
    assert e.details["field"] == "full_name"
    e = raises(clientcare.InvalidInputError, ws.execute, [("type", "register_customer")])
    assert e.details["field"] == "command"
    raises(clientcare.ConflictError, ws.execute, {"type": "register_customer", "full_name": "Y", "emails": ["hoa@example.vn"]}, at=AT)


def test_configure(ws: clientcare.Workspace) -> None:
    assert ws.default_region == "VN"
    ws.configure("us", at=AT)
    assert ws.default_region == "US"
    c = ws.register_customer("Sam", phones=["(650) 253-0000"], at=AT)
    assert ws.customer(c)["contacts"] == [{"kind": "phone", "number": "+16502530000"}]
    ws.configure(None, at=AT)
    assert ws.default_region is None
    e = raises(clientcare.InvalidInputError, ws.register_customer, "X", phones=["0901234567"], at=AT)
    assert e.details["field"] == "phone"
    raises(clientcare.InvalidInputError, ws.configure, "Narnia", at=AT)
    assert repr(clientcare.Workspace(seed=1)) == "Workspace(seq=0, customers=0, default_region=None)"


def test_apply_log_appends_chunks(ws: clientcare.Workspace) -> None:
    build(ws)
    lines = ws.export_log().splitlines(keepends=True)
    copy = clientcare.Workspace.import_log("".join(lines[:2]), seed=5)
    assert copy.apply_log("".join(lines[2:5])) == 3
    assert copy.apply_log("") == 0
    assert copy.apply_log(ws.export_log(since=5)) == len(lines) - 5
    assert copy == ws
    assert ws.export_log(since=ws.seq) == "" and ws.export_log(since=10**6) == ""
    assert ws.export_log(since=0) == ws.export_log()
    raises(clientcare.InvalidInputError, ws.export_log, since=-1)
    # A chunk with an unreadable line changes nothing, naming its line.
    part = clientcare.Workspace.import_log("".join(lines[:2]), seed=5)
    err = raises(clientcare.CorruptLogError, part.apply_log, lines[2] + "{not json\n")
    assert err.details["line"] == 2
    assert part.seq == 2
    # A chunk that does not continue the log (a gap) is refused.
    err = raises(clientcare.CorruptLogError, part.apply_log, "".join(lines[3:]))
    assert err.details["line"] == 1 and part.seq == 2
    raises(clientcare.InvalidInputError, part.apply_log, 42)
