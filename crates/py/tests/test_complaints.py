"""Complaints: the lifecycle, messages, resolutions, reopen window, cancel,
merge, escalation, queue views and history."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any, Callable

import pytest

import clientcare
from conftest import AT, raises

GHOST = "0190f5c2-7b1e-7c3a-9d2e-1a2b3c4d5e6f"


@pytest.fixture
def people(ws: clientcare.Workspace) -> tuple[str, str, str]:
    """An agent, a supervisor and a customer."""
    mai = ws.register_agent("Trần Thị Mai", team="care", at=AT)
    lead = ws.register_agent("Lê Văn Hùng", team="supervisors", at=AT)
    duc = ws.register_customer("Nguyễn Văn Đức", phones=["0901234567"], at=AT)
    return mai, lead, duc


def test_open_and_read_back(ws: clientcare.Workspace, people: tuple[str, str, str]) -> None:
    mai, _, duc = people
    call = ws.log_interaction(duc, "phone", subject="Gọi khiếu nại", at=AT)
    k = ws.open_complaint(
        duc,
        "phone",
        "  Giao hàng trễ 3 ngày ",
        description="Đơn #123 chưa tới",
        category="delivery",
        priority="high",
        assignee=mai,
        team="care",
        tags="giao-hang",
        interactions=[call],
        received_at=AT - timedelta(hours=1),
        at=AT,
        actor=mai,
    )
    assert isinstance(k, str) and len(k) == 36
    c = ws.complaint(k)
    assert c == {
        "id": k,
        "customer": duc,
        "channel": "phone",
        "subject": "Giao hàng trễ 3 ngày",
        "description": "Đơn #123 chưa tới",
        "category": "delivery",
        "priority": "high",
        "assignee": mai,
        "team": "care",
        "tags": ["giao-hang"],
        "interactions": [call],
        "follows": None,
        "state": "new",
        "escalation_level": 0,
        "received_at": AT - timedelta(hours=1),
        "created_at": AT,
        "updated_at": AT,
        "first_response_at": None,
        "resolutions": [],
        "reopen_count": 0,
        "cancelled": None,
        "merged_into": None,
        "merged_from": [],
        "closed_at": None,
        "messages": [],
        "fired": [],
    }
    assert c["received_at"].tzinfo is not None
    assert [x["id"] for x in ws.complaints_of(duc)] == [k]
    ev = ws.events()[-1]
    assert ev["entity"] == {"kind": "complaint", "id": k} and ev["actor"] == {"kind": "agent", "id": mai}
    assert ev["payload"]["type"] == "complaint_opened"
    # Defaults: normal priority, received when recorded.
    k2 = ws.open_complaint(duc, "email", "Hỏi lại", at=AT)
    assert ws.complaint(k2)["priority"] == "normal" and ws.complaint(k2)["received_at"] == AT


def test_the_first_human_public_response_opens_a_new_complaint(
    ws: clientcare.Workspace, people: tuple[str, str, str]
) -> None:
    mai, _, duc = people
    k = ws.open_complaint(duc, "email", "Sai hàng", at=AT)
    ws.respond_to_complaint(k, "Chúng tôi đã nhận yêu cầu của bạn.", automated=True, at=AT + timedelta(minutes=1))
    ws.respond_to_complaint(k, "Khách VIP, xử lý gấp", agent=mai, public=False, at=AT + timedelta(minutes=2))
    c = ws.complaint(k)
    assert c["state"] == "new" and c["first_response_at"] is None
    assert [(m["author"], m["public"], m["automated"], m["agent"]) for m in c["messages"]] == [
        ("agent", True, True, None),
        ("agent", False, False, mai),
    ]
    # A person's response needs an agent: the argument or the actor.
    e = raises(clientcare.InvalidInputError, ws.respond_to_complaint, k, "Dạ", at=AT + timedelta(minutes=3))
    assert e.details["field"] == "agent"
    ws.respond_to_complaint(k, "Dạ em xin lỗi anh", channel="phone", at=AT + timedelta(minutes=5), actor=mai)
    c = ws.complaint(k)
    assert c["state"] == "open" and c["first_response_at"] == AT + timedelta(minutes=5)
    last = c["messages"][-1]
    assert last["agent"] == mai and last["channel"] == "phone" and last["occurred_at"] == AT + timedelta(minutes=5)
    assert [e["payload"]["type"] for e in ws.events()[-2:]] == ["complaint_message_added", "complaint_state_changed"]
    assert ws.events()[-1]["payload"] == {
        "type": "complaint_state_changed",
        "from": "new",
        "to": "open",
        "reason": "first response",
    }


def test_invalid_transitions_name_the_current_and_allowed_states(
    ws: clientcare.Workspace, people: tuple[str, str, str]
) -> None:
    _, _, duc = people
    k = ws.open_complaint(duc, "phone", "Máy lạnh hỏng", at=AT)
    ws.change_complaint_state(k, "in_progress", reason="kỹ thuật đang kiểm tra", at=AT)
    e = raises(clientcare.InvalidTransitionError, ws.change_complaint_state, k, "in_progress", at=AT)
    assert e.code == "invalid_transition"
    assert e.details["entity"] == "complaint" and e.details["id"] == k
    assert e.details["current"] == "in_progress"
    assert e.details["allowed"] == ["open", "waiting_on_customer", "resolve", "cancel", "merge"]
    e = raises(clientcare.InvalidTransitionError, ws.close_complaint, k, at=AT)
    assert e.details["current"] == "in_progress"
    e = raises(clientcare.InvalidTransitionError, ws.reopen_complaint, k, at=AT)
    assert e.details["action"].startswith("reopen")
    e = raises(clientcare.InvalidInputError, ws.change_complaint_state, k, "resolved", at=AT)
    assert e.details["field"] == "to" and "resolve_complaint" in e.details["reason"]
    e = raises(clientcare.InvalidInputError, ws.change_complaint_state, k, "done", at=AT)
    assert e.details["field"] == "to"
    ws.resolve_complaint(k, "repaired", at=AT)
    e = raises(clientcare.InvalidTransitionError, ws.change_complaint_state, k, "open", at=AT)
    assert e.details["current"] == "resolved" and e.details["allowed"] == ["reopen", "close"]
    ws.close_complaint(k, at=AT)
    for fail in [
        lambda: ws.reopen_complaint(k, at=AT),
        lambda: ws.update_complaint(k, subject="x", at=AT),
        lambda: ws.respond_to_complaint(k, "x", automated=True, at=AT),
        lambda: ws.add_customer_message(k, "x", at=AT),
        lambda: ws.cancel_complaint(k, "spam", at=AT),
    ]:
        e = raises(clientcare.InvalidTransitionError, fail)
        assert e.details["current"] == "closed" and e.details["allowed"] == []


def test_waiting_on_the_customer_resumes_when_the_customer_writes(
    ws: clientcare.Workspace, people: tuple[str, str, str]
) -> None:
    mai, _, duc = people
    i = ws.log_interaction(duc, "social", network="zalo", at=AT + timedelta(minutes=30))
    k = ws.open_complaint(duc, "social", "Lỗi thanh toán", at=AT)
    ws.respond_to_complaint(k, "Anh gửi giúp em ảnh chụp màn hình", agent=mai, at=AT)
    ws.change_complaint_state(k, "in_progress", at=AT)
    ws.change_complaint_state(k, "waiting_on_customer", at=AT + timedelta(minutes=1))
    ws.add_customer_message(k, "Đây ạ", interaction=i, at=AT + timedelta(minutes=30))
    c = ws.complaint(k)
    assert c["state"] == "in_progress"
    assert c["messages"][-1]["author"] == "customer" and c["messages"][-1]["channel"] == "social"
    assert i in c["interactions"]
    other = ws.register_customer("Khác", at=AT)
    j = ws.log_interaction(other, "phone", at=AT)
    e = raises(clientcare.InvalidInputError, ws.add_customer_message, k, "x", interaction=j, at=AT)
    assert e.details["field"] == "interaction"
    e = raises(clientcare.InvalidInputError, ws.link_interaction, k, j, at=AT)
    assert e.details["field"] == "interaction"
    e = raises(clientcare.InvalidInputError, ws.add_customer_message, k, "   ", at=AT)
    assert e.details["field"] == "body"
    e = raises(
        clientcare.InvalidInputError, ws.add_customer_message, k, "x", occurred_at=AT + timedelta(hours=1), at=AT
    )
    assert e.details["field"] == "occurred_at"
    seq = ws.seq
    ws.link_interaction(k, i, at=AT)  # already linked: nothing to record
    assert ws.seq == seq


def test_resolution_with_compensation(ws: clientcare.Workspace, people: tuple[str, str, str]) -> None:
    mai, _, duc = people
    k = ws.open_complaint(duc, "web", "Hàng vỡ", at=AT)
    ws.resolve_complaint(
        k,
        "refunded",
        note="Hoàn tiền và tặng voucher",
        compensation=[
            {"kind": "refund", "value": {"amount_minor": 150_000, "currency": "vnd"}},
            {"kind": "voucher", "value": {"amount_minor": 50_000, "currency": "VND"}, "note": "GIAM50K"},
        ],
        at=AT + timedelta(hours=1),
        actor=mai,
    )
    c = ws.complaint(k)
    assert c["state"] == "resolved"
    assert c["resolutions"] == [
        {
            "category": "refunded",
            "note": "Hoàn tiền và tặng voucher",
            "compensation": [
                {"kind": "refund", "value": {"amount_minor": 150_000, "currency": "VND"}},
                {"kind": "voucher", "value": {"amount_minor": 50_000, "currency": "VND"}, "note": "GIAM50K"},
            ],
            "at": AT + timedelta(hours=1),
            "by": {"kind": "agent", "id": mai},
        }
    ]


def test_the_reopen_window_and_follow_ups(ws: clientcare.Workspace, people: tuple[str, str, str]) -> None:
    _, _, duc = people
    ws.configure_complaints(reopen_window_hours=24, at=AT)
    k = ws.open_complaint(duc, "phone", "Mất kết nối", at=AT)
    ws.resolve_complaint(k, "fixed", at=AT)
    ws.reopen_complaint(k, reason="lại mất", at=AT + timedelta(hours=24))
    c = ws.complaint(k)
    assert c["state"] == "open" and c["reopen_count"] == 1
    assert ws.events()[-1]["payload"] == {"type": "complaint_reopened", "reason": "lại mất"}
    ws.resolve_complaint(k, "fixed again", at=AT + timedelta(hours=25))
    assert [r["category"] for r in ws.complaint(k)["resolutions"]] == ["fixed", "fixed again"]
    e = raises(clientcare.InvalidTransitionError, ws.reopen_complaint, k, at=AT + timedelta(hours=49, minutes=1))
    assert e.details["current"] == "resolved" and e.details["allowed"] == ["close"]
    assert "window" in e.details["action"]
    ws.close_complaint(k, at=AT + timedelta(hours=50))
    follow = ws.open_complaint(duc, "phone", "Vẫn mất kết nối", follows=k, at=AT + timedelta(hours=51))
    assert ws.complaint(follow)["follows"] == k
    other = ws.register_customer("Khác", at=AT)
    e = raises(clientcare.InvalidInputError, ws.open_complaint, other, "phone", "x", follows=k, at=AT)
    assert e.details["field"] == "follows"


def test_cancel(ws: clientcare.Workspace, people: tuple[str, str, str]) -> None:
    _, _, duc = people
    k = ws.open_complaint(duc, "web", "asdf", at=AT)
    e = raises(clientcare.InvalidInputError, ws.cancel_complaint, k, "other", at=AT)
    assert e.details["field"] == "note"
    e = raises(clientcare.InvalidInputError, ws.cancel_complaint, k, "bored", at=AT)
    assert e.details["field"] == "reason"
    ws.cancel_complaint(k, "other", note="khách gửi nhầm", at=AT)
    c = ws.complaint(k)
    assert c["state"] == "cancelled" and c["cancelled"] == {"reason": "other", "note": "khách gửi nhầm"}
    e = raises(clientcare.InvalidTransitionError, ws.assign_complaint, k, team="care", at=AT)
    assert e.details["current"] == "cancelled"
    # Cancelled complaints leave the default queue.
    assert ws.list_complaints()["items"] == []
    assert [x["id"] for x in ws.list_complaints(states="cancelled")["items"]] == [k]


def test_merge(ws: clientcare.Workspace, people: tuple[str, str, str]) -> None:
    _, _, duc = people
    a = ws.open_complaint(duc, "email", "Giao trễ", at=AT)
    b = ws.open_complaint(duc, "phone", "Giao trễ (gọi lại)", at=AT + timedelta(minutes=5))
    e = raises(clientcare.InvalidInputError, ws.merge_complaint, a, a, at=AT)
    assert e.details["field"] == "into"
    other = ws.register_customer("Khác", at=AT)
    x = ws.open_complaint(other, "phone", "x", at=AT)
    e = raises(clientcare.InvalidInputError, ws.merge_complaint, b, x, at=AT)
    assert e.details["field"] == "into"
    ws.merge_complaint(b, a, at=AT + timedelta(minutes=10))
    assert ws.complaint(b)["state"] == "merged" and ws.complaint(b)["merged_into"] == a
    assert ws.complaint(a)["merged_from"] == [b] and ws.complaint(a)["state"] == "new"
    # The merge is in the history of both.
    assert ws.complaint_history(b)[-1]["payload"] == {"type": "complaint_merged", "from": "new", "into": a}
    assert ws.complaint_history(a)[-1] == ws.complaint_history(b)[-1]
    e = raises(clientcare.InvalidTransitionError, ws.merge_complaint, x, b, at=AT)
    assert e.details["current"] == "merged"


def test_escalate(ws: clientcare.Workspace, people: tuple[str, str, str]) -> None:
    mai, lead, duc = people
    k = ws.open_complaint(duc, "phone", "Gọi 3 lần chưa ai nghe", assignee=mai, at=AT)
    ws.escalate_complaint(k, "khách rất bức xúc", at=AT)
    assert ws.complaint(k)["escalation_level"] == 1 and ws.complaint(k)["assignee"] == mai
    ws.escalate_complaint(k, "quá 24h", level=3, reassign_to=lead, team="supervisors", at=AT)
    c = ws.complaint(k)
    assert (c["escalation_level"], c["assignee"], c["team"]) == (3, lead, "supervisors")
    assert ws.events()[-1]["payload"] == {
        "type": "complaint_escalated",
        "from_level": 1,
        "to_level": 3,
        "reason": "quá 24h",
        "assignee": lead,
        "team": "supervisors",
    }
    e = raises(clientcare.InvalidInputError, ws.escalate_complaint, k, "x", level=2, at=AT)
    assert e.details["field"] == "level"
    e = raises(clientcare.InvalidInputError, ws.escalate_complaint, k, "x", level=10, at=AT)
    assert e.details["field"] == "level"
    e = raises(clientcare.InvalidInputError, ws.escalate_complaint, k, " ", at=AT)
    assert e.details["field"] == "reason"
    ws.update_agent(mai, active=False, at=AT)
    e = raises(clientcare.InvalidInputError, ws.escalate_complaint, k, "x", reassign_to=mai, at=AT)
    assert e.details["field"] == "reassign_to"
    ws.resolve_complaint(k, "explained", at=AT)
    e = raises(clientcare.InvalidTransitionError, ws.escalate_complaint, k, "x", at=AT)
    assert e.details["current"] == "resolved"


def test_update_tells_omitted_from_none(ws: clientcare.Workspace, people: tuple[str, str, str]) -> None:
    _, _, duc = people
    k = ws.open_complaint(duc, "email", "Hóa đơn sai", description="Sai VAT", category="billing", tags=["vat"], at=AT)
    seq = ws.seq
    ws.update_complaint(k, subject="Hóa đơn sai", category="billing", at=AT)
    assert ws.seq == seq  # nothing changed, no event
    ws.update_complaint(k, description=None, at=AT)
    assert ws.events()[-1]["payload"] == {"type": "complaint_updated", "changes": {"description": None}}
    c = ws.complaint(k)
    assert c["description"] is None and c["category"] == "billing" and c["tags"] == ["vat"]
    ws.update_complaint(k, subject="Hóa đơn sai VAT", priority="urgent", tags="thue", at=AT)
    c = ws.complaint(k)
    assert (c["subject"], c["priority"], c["tags"]) == ("Hóa đơn sai VAT", "urgent", ["thue"])
    ws.update_complaint(k, tags=[], category=None, at=AT)
    assert ws.complaint(k)["tags"] == [] and ws.complaint(k)["category"] is None
    e = raises(clientcare.InvalidInputError, ws.update_complaint, k, subject="", at=AT)
    assert e.details["field"] == "subject"
    e = raises(clientcare.InvalidInputError, ws.update_complaint, k, priority="asap", at=AT)
    assert e.details["field"] == "priority"


def test_assign_tells_omitted_from_none(ws: clientcare.Workspace, people: tuple[str, str, str]) -> None:
    mai, lead, duc = people
    k = ws.open_complaint(duc, "email", "x", at=AT)
    ws.assign_complaint(k, assignee=mai, team="care", at=AT)
    assert ws.events()[-1]["payload"] == {"type": "complaint_assigned", "assignee": mai, "team": "care"}
    ws.assign_complaint(k, assignee=lead, at=AT)
    assert (ws.complaint(k)["assignee"], ws.complaint(k)["team"]) == (lead, "care")
    ws.assign_complaint(k, team=None, at=AT)
    assert (ws.complaint(k)["assignee"], ws.complaint(k)["team"]) == (lead, None)
    seq = ws.seq
    ws.assign_complaint(k, at=AT)
    ws.assign_complaint(k, assignee=lead, at=AT)
    assert ws.seq == seq
    ws.assign_complaint(k, assignee=None, at=AT)
    assert ws.complaint(k)["assignee"] is None
    raises(clientcare.NotFoundError, ws.assign_complaint, k, assignee=GHOST, at=AT)
    e = raises(clientcare.InvalidInputError, ws.assign_complaint, k, assignee="mai", at=AT)
    assert e.details["field"] == "assignee"


def test_queue_views_filter_sort_and_page(ws: clientcare.Workspace, people: tuple[str, str, str]) -> None:
    mai, lead, duc = people
    lan = ws.register_customer("Lan", at=AT)
    made: list[str] = []
    specs: list[dict[str, Any]] = [
        {"priority": "low", "category": "delivery"},
        {"priority": "urgent", "assignee": mai, "team": "care"},
        {"priority": "normal", "category": "billing", "assignee": lead},
        {"priority": "high", "team": "care"},
        {"priority": "urgent", "category": "delivery"},
        {"priority": "normal"},
    ]
    for n, kw in enumerate(specs):
        customer = lan if n == 5 else duc
        made.append(ws.open_complaint(customer, "phone", f"#{n}", received_at=AT - timedelta(hours=10 - n), at=AT, **kw))
    ws.resolve_complaint(made[5], "explained", at=AT)

    def ids(page: clientcare.ComplaintPage) -> list[str]:
        return [c["id"] for c in page["items"]]

    assert ids(ws.list_complaints()) == made[:5]  # working ones, oldest first
    assert ids(ws.list_complaints(sort="newest")) == made[4::-1]
    assert ids(ws.list_complaints(sort="priority")) == [made[1], made[4], made[3], made[2], made[0]]
    assert ids(ws.list_complaints(states=["resolved", "new"])) == made
    assert ids(ws.list_complaints(states="resolved")) == [made[5]]
    assert ids(ws.list_complaints(assignee=mai)) == [made[1]]
    assert ids(ws.list_complaints(unassigned=True)) == [made[0], made[3], made[4]]
    assert ids(ws.list_complaints(team="care")) == [made[1], made[3]]
    assert ids(ws.list_complaints(priorities=["urgent", "high"])) == [made[1], made[3], made[4]]
    assert ids(ws.list_complaints(priorities="low")) == [made[0]]
    assert ids(ws.list_complaints(category="delivery")) == [made[0], made[4]]
    assert ids(ws.list_complaints(customer=lan, states=["resolved"])) == [made[5]]
    assert ids(ws.list_complaints(received_before=AT - timedelta(hours=8))) == made[:3]
    assert ids(ws.list_complaints(received_after=AT - timedelta(hours=8))) == made[2:5]
    assert ids(ws.list_complaints(category="delivery", priorities=["urgent"], unassigned=True)) == [made[4]]
    # Paging: every item once, in order, with a stable cursor.
    seen: list[str] = []
    page = ws.list_complaints(sort="priority", limit=2)
    pages = 1
    while True:
        seen += ids(page)
        if page["next"] is None:
            break
        assert page["next"] == seen[-1]
        page = ws.list_complaints(sort="priority", limit=2, after=page["next"])
        pages += 1
    assert seen == ids(ws.list_complaints(sort="priority")) and pages == 3
    e = raises(clientcare.InvalidInputError, ws.list_complaints, after=made[5])
    assert e.details["field"] == "after"
    for kw, field in [
        ({"limit": 0}, "limit"),
        ({"limit": 1001}, "limit"),
        ({"limit": "10"}, "limit"),
        ({"sort": "random"}, "sort"),
        ({"states": ["done"]}, "states[0]"),
        ({"priorities": ["asap"]}, "priorities[0]"),
        ({"assignee": "mai"}, "assignee"),
        ({"received_before": datetime(2026, 1, 1)}, "received_before"),
        ({"unassigned": "yes"}, "unassigned"),
    ]:
        e = raises(clientcare.InvalidInputError, ws.list_complaints, **kw)
        assert e.details["field"] == field, kw


def test_history_is_every_event_about_the_complaint(ws: clientcare.Workspace, people: tuple[str, str, str]) -> None:
    mai, _, duc = people
    k = ws.open_complaint(duc, "email", "x", at=AT)
    other = ws.open_complaint(duc, "email", "y", at=AT)
    ws.respond_to_complaint(k, "Dạ", agent=mai, at=AT)
    ws.respond_to_complaint(other, "Dạ", agent=mai, at=AT)
    ws.resolve_complaint(k, "explained", at=AT)
    history = ws.complaint_history(k)
    assert history == [e for e in ws.events() if e["entity"] == {"kind": "complaint", "id": k}]
    assert [e["payload"]["type"] for e in history] == [
        "complaint_opened",
        "complaint_message_added",
        "complaint_state_changed",
        "complaint_resolved",
    ]
    assert isinstance(history[0]["at"], str)  # the same JSON form as events()


def test_execute_accepts_every_complaint_and_sla_command(
    ws: clientcare.Workspace, people: tuple[str, str, str]
) -> None:
    mai, lead, duc = people
    i = ws.log_interaction(duc, "phone", at=AT)
    out = ws.execute({"type": "open_complaint", "customer": duc, "channel": "phone", "subject": "x"}, at=AT)
    assert out["created"] is not None and out["created"]["kind"] == "complaint"
    k = out["created"]["id"]
    b = ws.open_complaint(duc, "phone", "y", at=AT)
    commands: list[dict[str, Any]] = [
        {"type": "configure_complaints", "reopen_window_hours": 48},
        {"type": "define_calendar", "key": "24x7", "calendar": {"time_zone": "UTC", "always_open": True}},
        {"type": "define_sla_policy", "key": "p", "calendar": "24x7", "targets": {"resolution_minutes": 60}},
        {"type": "update_complaint", "complaint": k, "priority": "high"},
        {"type": "assign_complaint", "complaint": k, "assignee": mai},
        {"type": "change_complaint_state", "complaint": k, "to": "in_progress"},
        {"type": "respond_to_complaint", "complaint": k, "agent": mai, "body": "Dạ"},
        {"type": "add_customer_message", "complaint": k, "body": "Vâng"},
        {"type": "link_interaction", "complaint": k, "interaction": i},
        {"type": "escalate_complaint", "complaint": k, "reason": "gấp", "reassign_to": lead},
        {"type": "merge_complaint", "complaint": b, "into": k},
        {"type": "resolve_complaint", "complaint": k, "category": "fixed",
         "compensation": [{"kind": "gift", "value": {"amount_minor": 0, "currency": "VND"}}]},
        {"type": "reopen_complaint", "complaint": k},
        {"type": "resolve_complaint", "complaint": k, "category": "fixed"},
        {"type": "close_complaint", "complaint": k},
        {"type": "tick"},
        {"type": "remove_sla_policy", "key": "p"},
        {"type": "remove_calendar", "key": "24x7"},
    ]
    for cmd in commands:
        seq = ws.seq
        out = ws.execute(cmd, at=AT)
        assert out["events"] >= (0 if cmd["type"] == "tick" else 1), cmd
        assert ws.seq == seq + out["events"]
    c = ws.open_complaint(duc, "web", "z", at=AT)
    ws.execute({"type": "cancel_complaint", "complaint": c, "reason": "duplicate"}, at=AT)
    assert ws.complaint(c)["state"] == "cancelled" and ws.complaint(k)["state"] == "closed"
    e = raises(clientcare.InvalidInputError, ws.execute, {"type": "open_complaint", "customer": duc, "channel": "phone"}, at=AT)
    assert e.details["field"] == "subject"
    e = raises(clientcare.InvalidInputError, ws.execute, {"type": "tick", "now": "x"}, at=AT)
    assert e.details["field"] == "now"


def failures(ws: clientcare.Workspace, k: str, duc: str, mai: str) -> list[Callable[[], object]]:
    other = ws.register_customer("Khác", at=AT)
    j = ws.log_interaction(other, "phone", at=AT)
    naive = datetime(2026, 11, 2, 9, 0)
    return [
        lambda: ws.resolve_complaint(
            k, "refunded", compensation=[{"kind": "refund", "value": {"amount_minor": -1, "currency": "VND"}}], at=AT
        ),
        lambda: ws.resolve_complaint(
            k, "refunded", compensation=[{"kind": "refund", "value": {"amount_minor": 1, "currency": "đồng"}}], at=AT
        ),
        lambda: ws.resolve_complaint(k, "", at=AT),
        lambda: ws.open_complaint(duc, "phone", "", at=AT),
        lambda: ws.open_complaint(duc, "fax", "x", at=AT),
        lambda: ws.open_complaint(duc, "phone", "x", priority="asap", at=AT),
        lambda: ws.open_complaint(duc, "phone", "x", interactions=[j], at=AT),
        lambda: ws.open_complaint(duc, "phone", "x", received_at=AT + timedelta(hours=1), at=AT),
        lambda: ws.open_complaint(duc, "phone", "x", received_at=naive, at=AT),
        lambda: ws.open_complaint(duc, "phone", "x", at=naive),
        lambda: ws.open_complaint(duc, "phone", "x", id=k, at=AT),
        lambda: ws.open_complaint(GHOST, "phone", "x", at=AT),
        lambda: ws.respond_to_complaint(k, "x", agent=mai, occurred_at=naive, at=AT),
        lambda: ws.respond_to_complaint(k, "x", agent=mai, occurred_at=AT - timedelta(days=1), at=AT),
        lambda: ws.respond_to_complaint(k, "x", agent=mai, public="yes", at=AT),
        lambda: ws.change_complaint_state(k, "new", at=AT),
        lambda: ws.cancel_complaint(k, "other", note="  ", at=AT),
        lambda: ws.escalate_complaint(k, "x", level=0, at=AT),
        lambda: ws.update_complaint(k, tags=[""], at=AT),
        lambda: ws.execute({"type": "resolve_complaint", "complaint": k, "category": "x", "compensation": [{"kind": "refund"}]}, at=AT),
        lambda: ws.define_calendar("c", {"time_zone": "Mars/Olympus", "always_open": True}, at=AT),
        lambda: ws.define_sla_policy("p", "24x7", targets={"resolution_minutes": 0}, at=AT),
    ]


def test_bad_input_changes_nothing(ws: clientcare.Workspace, people: tuple[str, str, str]) -> None:
    mai, _, duc = people
    ws.define_calendar("24x7", {"time_zone": "UTC", "always_open": True}, at=AT)
    k = ws.open_complaint(duc, "phone", "x", at=AT)
    fails = failures(ws, k, duc, mai)
    before = clientcare.Workspace.import_log(ws.export_log())
    log = ws.export_log()
    for fail in fails:
        with pytest.raises(clientcare.Error) as info:
            fail()
        assert info.value.code in ("invalid_input", "invalid_transition", "not_found", "conflict")
        assert ws == before
        assert ws.export_log() == log
    assert ws.complaint(k) == before.complaint(k)


def test_unknown_ids_raise_not_found(ws: clientcare.Workspace, people: tuple[str, str, str]) -> None:
    for fn, args in [
        (ws.complaint, (GHOST,)),
        (ws.complaint_history, (GHOST,)),
        (ws.complaints_of, (GHOST,)),
        (ws.sla_status, (GHOST,)),
        (ws.explain_sla, (GHOST,)),
        (ws.sla_policy_for, (GHOST,)),
        (ws.respond_to_complaint, (GHOST, "x")),
        (ws.resolve_complaint, (GHOST, "x")),
        (ws.close_complaint, (GHOST,)),
    ]:
        e = raises(clientcare.NotFoundError, fn, *args)
        assert e.details["id"] == GHOST, fn
    e = raises(clientcare.InvalidInputError, ws.complaint, "not-an-id")
    assert e.details["field"] == "complaint"
    e = raises(clientcare.InvalidInputError, ws.complaint, 42)
    assert e.details["field"] == "complaint"


def test_naive_datetimes_are_rejected(ws: clientcare.Workspace, people: tuple[str, str, str]) -> None:
    mai, _, duc = people
    naive = datetime(2026, 11, 2, 9, 0)
    k = ws.open_complaint(duc, "phone", "x", at=AT)
    for fn, kwargs, field in [
        (ws.open_complaint, {"customer": duc, "channel": "phone", "subject": "x", "at": naive}, "at"),
        (ws.open_complaint, {"customer": duc, "channel": "phone", "subject": "x", "received_at": naive}, "received_at"),
        (ws.respond_to_complaint, {"complaint": k, "body": "x", "agent": mai, "occurred_at": naive}, "occurred_at"),
        (ws.add_customer_message, {"complaint": k, "body": "x", "occurred_at": naive}, "occurred_at"),
        (ws.list_complaints, {"received_after": naive}, "received_after"),
    ]:
        e = raises(clientcare.InvalidInputError, fn, **kwargs)
        assert e.details["field"] == field and "naive" in e.details["reason"]


def test_export_import_keeps_complaints(ws: clientcare.Workspace, people: tuple[str, str, str]) -> None:
    mai, lead, duc = people
    ws.define_calendar("24x7", {"time_zone": "UTC", "always_open": True}, at=AT)
    ws.define_sla_policy(
        "p", "24x7", targets={"first_response_minutes": 30}, escalations=[{"on": "breach", "level": 1, "reassign_to": lead}], at=AT
    )
    k = ws.open_complaint(duc, "phone", "x", assignee=mai, at=AT)
    ws.tick(at=AT + timedelta(hours=1))
    ws.respond_to_complaint(k, "Dạ", agent=lead, at=AT + timedelta(hours=1))
    ws.resolve_complaint(k, "fixed", at=AT + timedelta(hours=2))
    copy = clientcare.Workspace.import_log(ws.export_log())
    assert copy == ws
    assert copy.complaint(k) == ws.complaint(k)
    assert copy.complaint(k)["fired"] == [{"metric": "first_response", "on": "breach", "cycle": 0}]
    assert copy.complaint(k)["assignee"] == lead
    now = AT + timedelta(hours=3)
    assert copy.explain_sla(k, now=now) == ws.explain_sla(k, now=now)


def test_non_utc_datetimes_are_converted(ws: clientcare.Workspace, people: tuple[str, str, str]) -> None:
    _, _, duc = people
    ict = timezone(timedelta(hours=7))
    k = ws.open_complaint(duc, "phone", "x", received_at=datetime(2026, 11, 2, 15, 0, tzinfo=ict), at=AT)
    got = ws.complaint(k)["received_at"]
    assert got == AT - timedelta(hours=1) and got.utcoffset() == timedelta(0)
