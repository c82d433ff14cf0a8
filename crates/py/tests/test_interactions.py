"""Interactions and the customer timeline."""

from __future__ import annotations

from datetime import timedelta

import clientcare
from conftest import AT, raises


def test_log_interaction_and_read_it_back(ws: clientcare.Workspace) -> None:
    mai = ws.register_agent("Mai", at=AT)
    c = ws.register_customer("Bảo", at=AT)
    i = ws.log_interaction(
        c,
        "social",
        network="zalo",
        direction="outbound",
        subject="Hỏi giá",
        summary="Báo giá gói B",
        agent=mai,
        occurred_at=AT - timedelta(hours=1),
        duration_seconds=300,
        at=AT,
    )
    got = ws.interaction(i)
    assert got == {
        "id": i,
        "customer": c,
        "channel": "social",
        "network": "zalo",
        "direction": "outbound",
        "subject": "Hỏi giá",
        "summary": "Báo giá gói B",
        "agent": mai,
        "occurred_at": AT - timedelta(hours=1),
        "duration_seconds": 300,
    }
    j = ws.log_interaction(c, "phone", at=AT)
    assert ws.interaction(j)["direction"] == "inbound" and ws.interaction(j)["occurred_at"] == AT
    assert [x["id"] for x in ws.interactions_of(c)] == [i, j]  # oldest first


def test_interaction_validation(ws: clientcare.Workspace) -> None:
    c = ws.register_customer("V", at=AT)
    e = raises(clientcare.InvalidInputError, ws.log_interaction, c, "social", at=AT)
    assert e.details["field"] == "network"
    e = raises(clientcare.InvalidInputError, ws.log_interaction, c, "phone", network="zalo", at=AT)
    assert e.details["field"] == "network"
    e = raises(clientcare.InvalidInputError, ws.log_interaction, c, "fax", at=AT)
    assert e.details["field"] == "channel"
    e = raises(clientcare.InvalidInputError, ws.log_interaction, c, "social", network="myspace", at=AT)
    assert e.details["field"] == "network"
    e = raises(clientcare.InvalidInputError, ws.log_interaction, c, "phone", occurred_at=AT + timedelta(hours=1), at=AT)
    assert e.details["field"] == "occurred_at"
    e = raises(clientcare.InvalidInputError, ws.log_interaction, c, "phone", duration_seconds=-5, at=AT)
    assert e.details["field"] == "duration_seconds"
    raises(clientcare.NotFoundError, ws.log_interaction, c, "phone", agent="0190f5c2-7b1e-7c3a-9d2e-1a2b3c4d5e6f", at=AT)
    ws.archive_customer(c, at=AT)
    raises(clientcare.InvalidTransitionError, ws.log_interaction, c, "phone", at=AT)


def test_timeline_newest_first_with_cursor_paging(ws: clientcare.Workspace) -> None:
    c = ws.register_customer("Khoa", at=AT)
    calls = [ws.log_interaction(c, "phone", subject=f"call {k}", at=AT + timedelta(minutes=k)) for k in range(1, 6)]
    ws.tag_customer(c, ["vip"], at=AT + timedelta(minutes=10))
    # A late entry: logged last, but occurred before the calls.
    ws.log_interaction(c, "email", subject="early", occurred_at=AT + timedelta(seconds=30), at=AT + timedelta(minutes=11))

    seen = []
    after = None
    pages = 0
    while True:
        page = ws.timeline(c, after=after, limit=3)
        pages += 1
        seen.extend(page["items"])
        after = page["next"]
        if after is None:
            break
    assert pages == 3
    types = [e["event"]["payload"]["type"] for e in seen]
    assert types == ["customer_tagged"] + ["interaction_logged"] * 6 + ["customer_registered"]
    times = [e["at"] for e in seen]
    assert times == sorted(times, reverse=True)
    subjects = [e["event"]["payload"].get("subject") for e in seen[1:7]]
    assert subjects == ["call 5", "call 4", "call 3", "call 2", "call 1", "early"]
    assert seen[1]["event"]["entity"] == {"kind": "interaction", "id": calls[-1]}
    assert isinstance(seen[0]["event"]["at"], str)  # events keep their JSON form
    raises(clientcare.InvalidInputError, ws.timeline, c, after=10_000)
    raises(clientcare.InvalidInputError, ws.timeline, c, limit=0)
