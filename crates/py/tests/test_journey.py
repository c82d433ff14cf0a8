"""Pipelines and opportunities, purchases, loyalty, referrals and after-sales
playbooks (mirrors crates/core/tests/journey.rs)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest

import clientcare
from conftest import AT, raises


def at(minutes: int) -> datetime:
    return AT + timedelta(minutes=minutes)


def vnd(x: int) -> clientcare.Money:
    return {"amount_minor": x, "currency": "VND"}


@dataclass
class Fx:
    ws: clientcare.Workspace
    agent: str
    duc: str
    mai: str


@pytest.fixture
def fx(ws: clientcare.Workspace) -> Fx:
    agent = ws.register_agent("Bảo", team="sales", at=at(0))
    duc = ws.register_customer("Nguyễn Văn Đức", emails=["duc@x.vn"], phones=["0901234567"], at=at(1))
    mai = ws.register_customer("Trần Thị Mai", emails=["mai@x.vn"], phones=["0912345678"], at=at(1))
    return Fx(ws, agent, duc, mai)


def unchanged(ws: clientcare.Workspace, before: str) -> None:
    assert ws.export_log() == before


def test_the_default_pipeline_board_and_weighted_forecast(fx: Fx) -> None:
    ws = fx.ws
    a = ws.open_opportunity(
        fx.duc, "Bàn ghế văn phòng", vnd(50_000_000), owner=fx.agent,
        expected_close=date(2026, 12, 15), at=at(10),
    )
    b = ws.open_opportunity(fx.mai, "Sofa", vnd(20_000_000), at=at(11))
    c = ws.open_opportunity(fx.mai, "Tủ", vnd(10_000_000), at=at(12))
    assert ws.opportunity(a)["stage"] == "need_identified"
    ws.move_opportunity(a, "proposal", at=at(20))  # 60 %
    ws.move_opportunity(b, "negotiation", at=at(21))  # 80 %
    ws.move_opportunity(c, "lost", lost_reason="price", at=at(22))  # counts zero
    board = ws.pipeline_board("sales")
    assert board == ws.pipeline_board()
    col = {x["stage"]: x for x in board["columns"]}
    assert [x["stage"] for x in board["columns"]] == [s["key"] for s in ws.pipeline("sales")["stages"]]
    assert col["proposal"]["count"] == 1 and col["proposal"]["value"] == [vnd(50_000_000)]
    assert col["proposal"]["weighted"] == [vnd(30_000_000)] and col["proposal"]["probability"] == 60
    assert col["lost"]["count"] == 1 and col["lost"]["kind"] == "lost"
    assert col["contacted"] == {
        "stage": "contacted", "kind": "open", "probability": 20, "count": 0, "value": [], "weighted": [],
    }
    # 50M x 60 % + 20M x 80 % = 30M + 16M
    assert board["forecast"] == [vnd(46_000_000)]
    assert [o["id"] for o in ws.open_deals(fx.agent)] == [a]
    o = ws.opportunity(c)
    assert (o["status"], o["lost_reason"], o["closed_at"]) == ("lost", "price", at(22))
    assert ws.opportunity(a)["expected_close"] == date(2026, 12, 15)
    assert [x["id"] for x in ws.opportunities_of(fx.mai)] == [b, c]


def test_totals_never_mix_currencies(fx: Fx) -> None:
    ws = fx.ws
    a = ws.open_opportunity(fx.duc, "A", vnd(1_000_000), stage="qualified", at=at(1))
    b = ws.open_opportunity(fx.duc, "B", {"amount_minor": 1_000, "currency": "usd"}, stage="qualified", at=at(1))
    assert ws.opportunity(b)["value"] == {"amount_minor": 1_000, "currency": "USD"}
    board = ws.pipeline_board()
    assert board["forecast"] == [{"amount_minor": 400, "currency": "USD"}, vnd(400_000)]
    assert a != b


def test_lost_needs_a_listed_reason_and_stage_moves_are_checked(fx: Fx) -> None:
    ws = fx.ws
    o = ws.open_opportunity(fx.duc, "Giường", vnd(9_000_000), at=at(10))
    before = ws.export_log()
    e = raises(clientcare.InvalidInputError, ws.move_opportunity, o, "lost", at=at(11))
    assert e.details["field"] == "lost_reason" and "price" in e.details["reason"]
    e = raises(clientcare.InvalidInputError, ws.move_opportunity, o, "lost", lost_reason="weather", at=at(11))
    assert e.details["field"] == "lost_reason"
    e = raises(clientcare.InvalidInputError, ws.move_opportunity, o, "nowhere", at=at(11))
    assert e.details["field"] == "stage" and "need_identified" in e.details["reason"]
    e = raises(clientcare.InvalidTransitionError, ws.move_opportunity, o, "need_identified", at=at(11))
    assert e.details["current"] == "need_identified"
    raises(clientcare.InvalidInputError, ws.move_opportunity, o, "qualified", lost_reason="price", at=at(11))
    raises(clientcare.InvalidInputError, ws.move_opportunity, o, "qualified", purchase={}, at=at(11))
    raises(clientcare.NotFoundError, ws.move_opportunity, fx.duc, "qualified", at=at(11))
    raises(clientcare.InvalidInputError, ws.move_opportunity, "nope", "qualified", at=at(11))
    unchanged(ws, before)
    ws.move_opportunity(o, "lost", lost_reason="competitor", note="chọn hãng khác", at=at(12))
    # Closed: only a reopen into an open stage.
    e = raises(clientcare.InvalidTransitionError, ws.move_opportunity, o, "won", at=at(13))
    assert e.details["allowed"] and all(a.endswith("(reopen)") for a in e.details["allowed"])
    ws.move_opportunity(o, "negotiation", at=at(14))
    op = ws.opportunity(o)
    assert (op["status"], op["reopen_count"], op["lost_reason"], op["closed_at"]) == ("open", 1, None, None)
    assert op["stage_entered_at"] == at(14)
    history = [e["payload"]["type"] for e in ws.opportunity_history(o)]
    assert history == ["opportunity_opened", "opportunity_moved", "opportunity_moved"]
    assert ws.opportunity_history(o)[1]["payload"]["note"] == "chọn hãng khác"


def test_update_leaves_omitted_fields_and_none_clears(fx: Fx) -> None:
    ws = fx.ws
    o = ws.open_opportunity(
        fx.duc, "Rèm", vnd(3_000_000), owner=fx.agent, expected_close="2026-12-01",
        source={"channel": "social", "campaign": "Tết 2027", "referred_by": fx.mai}, at=at(1),
    )
    assert ws.opportunity(o)["source"] == {"channel": "social", "campaign": "Tết 2027", "referred_by": fx.mai}
    ws.update_opportunity(o, title="Rèm cửa", at=at(2))
    op = ws.opportunity(o)
    assert (op["title"], op["owner"], op["expected_close"]) == ("Rèm cửa", fx.agent, date(2026, 12, 1))
    seq = ws.seq
    ws.update_opportunity(o, title="Rèm cửa", value=vnd(3_000_000), at=at(3))
    assert ws.seq == seq, "no event when nothing changes"
    ws.update_opportunity(o, owner=None, expected_close=None, at=at(4))
    assert ws.events()[-1]["payload"]["changes"] == {"expected_close": None, "owner": None}
    op = ws.opportunity(o)
    assert (op["owner"], op["expected_close"], op["updated_at"]) == (None, None, at(4))
    assert ws.open_deals(fx.agent) == []
    raises(clientcare.NotFoundError, ws.open_deals, "00000000-0000-7000-8000-000000000000")
    e = raises(clientcare.InvalidInputError, ws.update_opportunity, o, value=vnd(-1), at=at(5))
    assert e.details["field"] == "value.amount_minor"
    e = raises(clientcare.InvalidInputError, ws.update_opportunity, o, expected_close="soon", at=at(5))
    assert e.details["field"] == "expected_close"
    raises(clientcare.NotFoundError, ws.update_opportunity, o, owner=fx.duc, at=at(5))


def test_opening_checks_its_input(fx: Fx) -> None:
    ws = fx.ws
    before = ws.export_log()
    e = raises(clientcare.InvalidInputError, ws.open_opportunity, fx.duc, "x", vnd(-5), at=at(1))
    assert e.details["field"] == "value.amount_minor"
    e = raises(clientcare.InvalidInputError, ws.open_opportunity, fx.duc, "x", vnd(5), stage="won", at=at(1))
    assert e.details["field"] == "stage"
    e = raises(clientcare.InvalidInputError, ws.open_opportunity, fx.duc, "x", {"amount_minor": 5}, at=at(1))
    assert e.details["field"].startswith("value")
    raises(clientcare.NotFoundError, ws.open_opportunity, fx.duc, "x", vnd(5), pipeline="nope", at=at(1))
    raises(clientcare.NotFoundError, ws.open_opportunity, fx.agent, "x", vnd(5), at=at(1))
    e = raises(clientcare.InvalidInputError, ws.open_opportunity, fx.duc, "x", vnd(5), at=datetime(2026, 11, 2))
    assert e.details["field"] == "at"
    unchanged(ws, before)
    o = ws.open_opportunity(fx.duc, "x", vnd(5), id="0190f5c2-7b1e-7c3a-9d2e-1a2b3c4d5e6f", at=at(1))
    assert o == "0190f5c2-7b1e-7c3a-9d2e-1a2b3c4d5e6f"
    raises(clientcare.ConflictError, ws.open_opportunity, fx.duc, "y", vnd(5), id=o, at=at(1))
    ws.archive_customer(fx.mai, at=at(2))
    raises(clientcare.InvalidTransitionError, ws.open_opportunity, fx.mai, "x", vnd(5), at=at(3))


def test_winning_records_the_purchase_and_makes_a_lead_a_customer(fx: Fx) -> None:
    ws = fx.ws
    assert ws.customer(fx.duc)["lifecycle"] == "lead"
    o = ws.open_opportunity(fx.duc, "Bàn ăn", vnd(12_000_000), at=at(10))
    out = ws.execute({"type": "move_opportunity", "opportunity": o, "stage": "won"}, at=at(20))
    assert out["events"] == 3, "moved, purchase, lifecycle"
    op = ws.opportunity(o)
    p = ws.purchase(op["purchase"])
    assert (p["amount"], p["opportunity"], p["description"], p["channel"]) == (
        vnd(12_000_000), o, "Bàn ăn", "in_person",
    )
    assert p["occurred_at"] == at(20)
    assert ws.customer(fx.duc)["lifecycle"] == "customer"
    # With the lines of what was bought.
    o2 = ws.open_opportunity(fx.mai, "Phòng ngủ", vnd(10_000_000), at=at(21))
    items = [{"name": "Giường", "category": "furniture", "unit_price": vnd(7_000_000)},
             {"name": "Gối", "quantity": 2, "unit_price": vnd(250_000)}]
    ws.move_opportunity(o2, "won", purchase={"items": items, "channel": "web"}, at=at(22))
    p2 = ws.purchase(ws.opportunity(o2)["purchase"])
    assert p2["amount"] == vnd(7_500_000) and p2["channel"] == "web"
    assert p2["items"][1] == {"name": "Gối", "quantity": 2, "unit_price": vnd(250_000)}


def test_purchases_check_money_and_drive_loyalty_and_tiers(fx: Fx) -> None:
    ws = fx.ws
    ws.configure_loyalty(
        loyal_after_purchases=3,
        tier_rules=[{"tier": "vàng", "min_spend": vnd(10_000_000)}, {"tier": "bạc", "min_purchases": 2}],
        window_days=365,
        at=at(0),
    )
    assert ws.loyalty() == {
        "loyal_after_purchases": 3,
        "tier_rules": [{"tier": "vàng", "min_spend": vnd(10_000_000)}, {"tier": "bạc", "min_purchases": 2}],
        "window_days": 365,
    }

    def item(name: str, q: int, price: clientcare.Money) -> clientcare.PurchaseItem:
        return {"name": name, "category": "furniture", "quantity": q, "unit_price": price}

    before = ws.export_log()
    bad: list[tuple[dict[str, Any], str]] = [
        ({"items": [item("Ghế", 2, vnd(1_000)), item("Bàn", 1, {"amount_minor": 5, "currency": "USD"})]}, "items[1]"),
        ({"description": "x", "amount": vnd(-5)}, "amount.amount_minor"),
        ({"items": [item("Ghế", 2, vnd(1_000))], "amount": vnd(1_000)}, "amount"),
        ({"items": [item("Ghế", 0, vnd(1_000))]}, "items[0].quantity"),
        ({"description": "x"}, "amount"),
        ({"amount": vnd(5)}, "description"),
        ({"description": "x", "amount": vnd(5), "occurred_at": at(60)}, "occurred_at"),
        ({"description": "x", "amount": {"amount_minor": 5, "currency": "ĐỒNG"}}, "amount.currency"),
    ]
    for kwargs, field in bad:
        e = raises(clientcare.InvalidInputError, ws.record_purchase, fx.duc, "in_person", at=at(5), **kwargs)
        assert e.details["field"] == field, (kwargs, e)
        unchanged(ws, before)
    p = ws.record_purchase(fx.duc, "in_person", items=[item("Ghế", 2, vnd(1_500_000))], at=at(10))
    assert ws.purchase(p)["amount"] == vnd(3_000_000)
    c = ws.customer(fx.duc)
    assert (c["lifecycle"], c["tier"]) == ("customer", None)
    ws.record_purchase(fx.duc, "web", description="Đèn", amount=vnd(500_000), at=at(20))
    assert ws.customer(fx.duc)["tier"] == "bạc"
    ws.record_purchase(fx.duc, "web", description="Tủ", amount=vnd(7_000_000), at=at(30))
    c = ws.customer(fx.duc)
    assert (c["lifecycle"], c["tier"]) == ("loyal", "vàng")
    assert [x["amount"]["amount_minor"] for x in ws.purchases_of(fx.duc)] == [3_000_000, 500_000, 7_000_000]
    # A year later the purchases have aged out: tick lowers the tier, once.
    later = at(30) + timedelta(days=366)
    assert ws.tick(at=later) == 1
    assert ws.customer(fx.duc)["tier"] is None
    assert ws.tick(at=later) == 0
    assert clientcare.Workspace.import_log(ws.export_log(), seed=1) == ws
    # Configuring replaces the rules as a whole.
    ws.configure_loyalty(at=later)
    assert ws.loyalty() == {"window_days": 365}
    e = raises(clientcare.InvalidInputError, ws.configure_loyalty, tier_rules=[{"tier": "x"}], at=later)
    assert e.details["field"] == "tier_rules[0]"
    raises(clientcare.InvalidInputError, ws.configure_loyalty, window_days=0, at=later)
    raises(clientcare.InvalidInputError, ws.configure_loyalty, window_days=-1, at=later)


def test_referrals_qualify_on_the_first_purchase_and_are_rewarded_once(fx: Fx) -> None:
    ws = fx.ws
    r = ws.record_referral(fx.duc, fx.mai, note="em gái", at=at(5))
    e = raises(clientcare.ConflictError, ws.record_referral, fx.duc, fx.mai, at=at(6))
    assert e.details["holder"] == r
    e = raises(clientcare.InvalidInputError, ws.record_referral, fx.duc, fx.duc, at=at(6))
    assert e.details["field"] == "referred"
    voucher: clientcare.Compensation = {"kind": "voucher", "value": vnd(200_000)}
    e = raises(clientcare.InvalidTransitionError, ws.reward_referral, r, voucher, at=at(40))
    assert e.details["current"].startswith("pending")
    p = ws.record_purchase(fx.mai, "sms", description="Gối", amount=vnd(300_000), at=at(30))
    ref = ws.referral(r)
    assert (ref["status"], ref["qualifying_purchase"], ref["referred_at"], ref["note"]) == (
        "qualified", p, at(5), "em gái",
    )
    raises(clientcare.InvalidInputError, ws.reward_referral, r, {"kind": "cash", "value": vnd(1)}, at=at(40))
    ws.reward_referral(r, {**voucher, "note": "Tết"}, at=at(40))
    raises(clientcare.InvalidTransitionError, ws.reward_referral, r, voucher, at=at(41))
    by = ws.referrals_by(fx.duc)
    assert [x["status"] for x in by] == ["rewarded"]
    assert by[0]["reward"] == {"kind": "voucher", "value": vnd(200_000), "note": "Tết"}
    referral_of = ws.referral_of(fx.mai)
    assert referral_of is not None and referral_of["id"] == r
    assert ws.referral_of(fx.duc) is None
    raises(clientcare.NotFoundError, ws.referral, fx.duc)


def test_rotting_follows_activity_and_custom_pipelines_validate(fx: Fx) -> None:
    ws = fx.ws
    o = ws.open_opportunity(fx.duc, "Rèm", vnd(3_000_000), at=at(0))
    t0 = at(0)
    assert ws.rotting_opportunities(now=t0 + timedelta(days=14)) == []
    assert [x["id"] for x in ws.rotting_opportunities(now=t0 + timedelta(days=15))] == [o]
    # A call with the customer is activity.
    ten = t0 + timedelta(days=10)
    ws.log_interaction(fx.duc, "phone", occurred_at=ten, at=ten)
    assert ws.rotting_opportunities(now=t0 + timedelta(days=15)) == []
    assert ws.opportunity(o)["last_activity_at"] == ten
    raises(clientcare.InvalidInputError, ws.rotting_opportunities, now=datetime(2026, 12, 1))

    stages: list[Any] = [dict(s) for s in ws.pipeline("sales")["stages"]]
    stages[0]["probability"] = 101
    e = raises(clientcare.InvalidInputError, ws.define_pipeline, "b2b", stages, ["price"], at=at(1))
    assert e.details["field"] == "stages[0].probability"
    stages[0]["probability"] = 5
    no_lost = [s for s in stages if s.get("kind") != "lost"]
    e = raises(clientcare.InvalidInputError, ws.define_pipeline, "b2b", no_lost, ["price"], at=at(1))
    assert e.details["field"] == "stages" and "lost" in e.details["reason"]
    raises(clientcare.InvalidInputError, ws.define_pipeline, "b2b", stages, [], at=at(1))
    raises(clientcare.InvalidInputError, ws.define_pipeline, "b2b", stages + stages[:1], ["price"], at=at(1))
    ws.define_pipeline("b2b", stages, "price", name="B2B", at=at(1))
    assert ws.pipeline("b2b")["lost_reasons"] == ["price"] and ws.pipeline("b2b")["name"] == "B2B"
    b = ws.open_opportunity(fx.mai, "Văn phòng", vnd(1), pipeline="b2b", at=at(2))
    assert ws.opportunity(b)["pipeline"] == "b2b"
    raises(clientcare.NotFoundError, ws.open_opportunity, fx.mai, "x", vnd(1), pipeline="nope", at=at(2))
    raises(clientcare.NotFoundError, ws.pipeline, "nope")
    raises(clientcare.NotFoundError, ws.pipeline_board, "nope")
    # A redefinition cannot drop a stage that deals are in.
    e = raises(clientcare.ConflictError, ws.define_pipeline, "b2b", stages[1:], ["price"], at=at(3))
    assert e.details["holder"] == b
    copy = clientcare.Workspace.import_log(ws.export_log(), seed=3)
    assert copy == ws


def after_sale() -> list[clientcare.PlaybookStep]:
    return [
        {"kind": "thank_you", "subject": "Thư cảm ơn", "offset_days": 0, "channel": "email"},
        {"kind": "advice", "subject": "Hướng dẫn bảo quản gỗ", "offset_days": 2, "business_days": True,
         "channel": "social"},
        {"kind": "survey", "subject": "Khảo sát hài lòng", "offset_days": 7, "channel": "sms",
         "purpose": "feedback"},
        {"kind": "promotion", "subject": "Bộ sưu tập mới", "offset_days": 30, "channel": "email",
         "purpose": "marketing"},
    ]


OFFICE: clientcare.CalendarSpec = {
    "time_zone": "Asia/Ho_Chi_Minh",
    "week": [
        {"day": d, "windows": [{"start": "08:00", "end": "12:00"}, {"start": "13:30", "end": "17:30"}]}
        for d in ("mon", "tue", "wed", "thu", "fri")
    ],
}


def test_a_purchase_starts_matching_playbooks_with_consent_checked_per_step(fx: Fx) -> None:
    ws = fx.ws
    ws.define_calendar("office", OFFICE, at=at(0))
    conditions: clientcare.PlaybookConditions = {"categories": ["furniture"], "min_value": vnd(1_000_000)}
    e = raises(clientcare.InvalidInputError, ws.define_playbook, "after-sale", after_sale(),
               conditions=conditions, at=at(0))
    assert e.details["field"] == "calendar"
    raises(clientcare.NotFoundError, ws.define_playbook, "after-sale", after_sale(), calendar="nope", at=at(0))
    raises(clientcare.InvalidInputError, ws.define_playbook, "after-sale", [], at=at(0))
    ws.define_playbook("after-sale", after_sale(), name="Chăm sóc sau bán", conditions=conditions,
                       calendar="office", team="care", at=at(0))
    (pb,) = ws.playbooks()
    assert (pb["key"], pb["name"], pb["calendar"], pb["team"], pb["conditions"]) == (
        "after-sale", "Chăm sóc sau bán", "office", "care", conditions,
    )
    assert pb["steps"][0] == {**after_sale()[0], "business_days": False, "purpose": "service"}
    for channel, purpose in [("email", "service"), ("social", "service"), ("sms", "feedback")]:
        ws.record_consent(fx.duc, channel=channel, purpose=purpose, granted=True, source="form", at=at(0))
    # Not furniture: no run.
    ws.record_purchase(fx.duc, "web", description="Thẻ quà", amount=vnd(5_000_000), at=at(10))
    assert ws.playbook_runs_of(fx.duc) == []
    # Friday 6 November 2026, 10:00 local.
    friday = datetime(2026, 11, 6, 3, 0, tzinfo=timezone.utc)
    table = {"name": "Bàn gỗ sồi", "category": "furniture", "unit_price": vnd(8_000_000)}
    p = ws.record_purchase(fx.duc, "in_person", items=[table], at=friday)
    (run,) = ws.playbook_runs_of(fx.duc)
    assert (run["playbook"], run["purchase"], run["started_at"], run["ended"]) == ("after-sale", p, friday, None)
    assert [s.get("skipped") for s in run["steps"]] == [None, None, None, "no marketing consent on email"]
    assert ws.playbook_run(run["id"]) == run
    progress = ws.playbook_progress(run["id"])
    assert (progress["run"], progress["playbook"], progress["status"]) == (run["id"], "after-sale", "active")
    assert [s["status"] for s in progress["steps"]] == ["scheduled", "scheduled", "scheduled", "skipped"]
    assert "marketing" in (progress["steps"][3]["note"] or "")
    assert [s["due_at"] for s in progress["steps"]] == [
        friday,
        # Two business days after Friday: Tuesday, at opening time.
        datetime(2026, 11, 10, 1, 0, tzinfo=timezone.utc),
        datetime(2026, 11, 13, 3, 0, tzinfo=timezone.utc),
        None,
    ]
    # The steps became follow-ups of the team, linked to the run.
    first = progress["steps"][0]["follow_up"]
    assert first is not None
    f = ws.follow_up(first)
    assert (f["kind"], f["team"], f["links"]) == ("email", "care", {"playbook_run": run["id"], "playbook_step": 0})
    assert [x["subject"] for x in ws.team_agenda("care", now=friday - timedelta(minutes=1), within=timedelta(days=10))["upcoming"]] == [
        "Thư cảm ơn", "Hướng dẫn bảo quản gỗ", "Khảo sát hài lòng",
    ]
    # Completing a step shows in the progress; archiving stops the run.
    ws.complete_follow_up(first, outcome="đã gửi", at=friday + timedelta(hours=1))
    step = ws.playbook_progress(run["id"])["steps"][0]
    assert (step["status"], step["note"]) == ("done", "đã gửi")
    ws.archive_customer(fx.duc, at=friday + timedelta(hours=2))
    progress = ws.playbook_progress(run["id"])
    assert progress["status"] == "stopped"
    assert [s["status"] for s in progress["steps"]] == ["done", "cancelled", "cancelled", "skipped"]
    ended = ws.playbook_run(run["id"])["ended"]
    assert ended is not None and ended["status"] == "stopped" and ended["at"].tzinfo is not None
    assert clientcare.Workspace.import_log(ws.export_log(), seed=1) == ws
    e = raises(clientcare.InvalidTransitionError, ws.cancel_playbook_run, run["id"], "x", at=friday + timedelta(hours=3))
    assert e.details["current"] == "stopped"
    # Removing the playbook keeps its runs.
    ws.remove_playbook("after-sale", at=friday + timedelta(hours=3))
    assert ws.playbooks() == [] and len(ws.playbook_runs_of(fx.duc)) == 1
    raises(clientcare.NotFoundError, ws.remove_playbook, "after-sale", at=friday + timedelta(hours=3))


def test_cancelling_a_run_cancels_its_open_follow_ups(fx: Fx) -> None:
    ws = fx.ws
    steps: list[clientcare.PlaybookStep] = [
        {"kind": "check_in", "subject": "Hỏi thăm", "offset_days": 3, "channel": "phone"},
        {"kind": "gift", "subject": "Quà", "offset_days": 10, "channel": "in_person"},
    ]
    ws.define_playbook("vip", steps, conditions={"tiers": ["vàng"]}, at=at(0))
    ws.set_tier(fx.mai, "vàng", at=at(0))
    ws.record_consent(fx.mai, channel="phone", purpose="service", granted=True, source="call", at=at(0))
    ws.record_consent(fx.mai, channel="in_person", purpose="service", granted=True, source="call", at=at(0))
    ws.record_purchase(fx.duc, "web", description="x", amount=vnd(1), at=at(1))
    assert ws.playbook_runs_of(fx.duc) == [], "tier condition"
    ws.record_purchase(fx.mai, "web", description="x", amount=vnd(1), at=at(1))
    (run,) = ws.playbook_runs_of(fx.mai)
    fus = [ws.follow_up(s["follow_up"]) for s in run["steps"] if "follow_up" in s]
    assert [(f["kind"], f["due_at"]) for f in fus] == [("call", at(1) + timedelta(days=3)), ("gift", at(1) + timedelta(days=10))]
    raises(clientcare.InvalidInputError, ws.cancel_playbook_run, run["id"], "  ", at=at(2))
    raises(clientcare.NotFoundError, ws.cancel_playbook_run, fx.mai, "x", at=at(2))
    ws.cancel_playbook_run(run["id"], "khách từ chối", at=at(2))
    ended = ws.playbook_run(run["id"])["ended"]
    assert ended is not None and (ended["status"], ended["reason"]) == ("cancelled", "khách từ chối")
    assert [ws.follow_up(f["id"])["status"] for f in fus] == ["cancelled", "cancelled"]
    assert ws.playbook_progress(run["id"])["status"] == "cancelled"


NEW_COMMANDS = {
    "define_pipeline", "configure_loyalty", "open_opportunity", "update_opportunity", "move_opportunity",
    "record_purchase", "record_referral", "reward_referral", "schedule_follow_up", "complete_follow_up",
    "cancel_follow_up", "snooze_follow_up", "reassign_follow_up", "define_playbook", "remove_playbook",
    "cancel_playbook_run",
}
NEW_EVENTS = {
    "pipeline_defined", "loyalty_configured", "opportunity_opened", "opportunity_updated", "opportunity_moved",
    "purchase_recorded", "referral_recorded", "referral_qualified", "referral_rewarded", "follow_up_scheduled",
    "follow_up_completed", "follow_up_cancelled", "follow_up_snoozed", "follow_up_reassigned",
    "playbook_defined", "playbook_removed", "playbook_run_started", "playbook_run_ended",
}


def scenario(via_execute: bool) -> tuple[clientcare.Workspace, set[str]]:
    """A rich journey, run either through the methods or through ``execute``
    with the same commands as dicts."""
    ws = clientcare.Workspace(default_region="VN", seed=11, at=AT)
    used: set[str] = set()
    clock = iter(range(1, 1000))

    def step(cmd: dict[str, Any], call: Any) -> Any:
        t = at(next(clock))
        used.add(cmd["type"])
        if via_execute:
            out = ws.execute(cmd, at=t)
            return out["created"]["id"] if out["created"] else None
        return call(t)

    bao = ws.register_agent("Bảo", team="sales", at=AT)
    duc = ws.register_customer("Nguyễn Văn Đức", phones=["0901234567"], time_zone="Asia/Ho_Chi_Minh", at=AT)
    mai = ws.register_customer("Trần Thị Mai", at=AT)
    ws.record_consent(duc, channel="phone", purpose="service", granted=True, source="call", at=AT)
    stages = [{"key": "lead", "probability": 10, "rot_days": 7}, {"key": "demo", "probability": 50},
              {"key": "won", "probability": 100, "kind": "won"}, {"key": "lost", "probability": 0, "kind": "lost"}]
    step({"type": "define_pipeline", "key": "b2b", "name": "B2B", "stages": stages, "lost_reasons": ["price"]},
         lambda t: ws.define_pipeline("b2b", stages, ["price"], name="B2B", at=t))
    rules = [{"tier": "vàng", "min_spend": vnd(10_000_000)}]
    step({"type": "configure_loyalty", "loyal_after_purchases": 2, "tier_rules": rules},
         lambda t: ws.configure_loyalty(loyal_after_purchases=2, tier_rules=rules, at=t))
    source = {"channel": "web", "campaign": "tet-2027"}
    o = step({"type": "open_opportunity", "customer": duc, "title": "Văn phòng", "value": vnd(20_000_000),
              "pipeline": "b2b", "expected_close": date(2026, 12, 1), "source": source, "owner": bao},
             lambda t: ws.open_opportunity(duc, "Văn phòng", vnd(20_000_000), pipeline="b2b",
                                           expected_close=date(2026, 12, 1), source=source, owner=bao, at=t))
    step({"type": "update_opportunity", "opportunity": o, "expected_close": None, "title": "Văn phòng mới"},
         lambda t: ws.update_opportunity(o, expected_close=None, title="Văn phòng mới", at=t))
    items = [{"name": "Bàn", "category": "furniture", "quantity": 4, "unit_price": vnd(5_000_000)}]
    step({"type": "move_opportunity", "opportunity": o, "stage": "won", "note": "ký hợp đồng",
          "purchase": {"items": items, "channel": "in_person"}},
         lambda t: ws.move_opportunity(o, "won", note="ký hợp đồng", purchase={"items": items, "channel": "in_person"},
                                       at=t))
    r = step({"type": "record_referral", "referrer": duc, "referred": mai, "note": "đồng nghiệp"},
             lambda t: ws.record_referral(duc, mai, note="đồng nghiệp", at=t))
    step({"type": "record_purchase", "customer": mai, "channel": "web", "description": "Ghế",
          "amount": vnd(2_000_000)},
         lambda t: ws.record_purchase(mai, "web", description="Ghế", amount=vnd(2_000_000), at=t))
    reward = {"kind": "voucher", "value": vnd(200_000), "note": "cảm ơn"}
    step({"type": "reward_referral", "referral": r, "reward": reward},
         lambda t: ws.reward_referral(r, reward, at=t))
    recurrence = {"start": datetime(2026, 11, 1, 10, 0), "time_zone": "Asia/Ho_Chi_Minh",
                  "rule": {"freq": "monthly", "by_day": ["-1fr"], "until": date(2027, 6, 30)},
                  "dates": [date(2027, 2, 6)], "exdates": [datetime(2027, 1, 29, 10, 0)]}
    f = step({"type": "schedule_follow_up", "subject": "Thăm khách", "kind": "visit", "customer": duc,
              "recurrence": recurrence, "assignee": bao, "priority": "high", "links": {"opportunity": o}},
             lambda t: ws.schedule_follow_up("Thăm khách", "visit", customer=duc, recurrence=recurrence,
                                             assignee=bao, priority="high", links={"opportunity": o}, at=t))
    step({"type": "complete_follow_up", "follow_up": f, "outcome": "ổn"},
         lambda t: ws.complete_follow_up(f, outcome="ổn", at=t))
    f2 = ws.events()[-1]["entity"]["id"]
    step({"type": "snooze_follow_up", "follow_up": f2, "until": datetime(2026, 12, 26, 3, tzinfo=timezone.utc)},
         lambda t: ws.snooze_follow_up(f2, datetime(2026, 12, 26, 3, tzinfo=timezone.utc), at=t))
    step({"type": "reassign_follow_up", "follow_up": f2, "assignee": None, "team": "care"},
         lambda t: ws.reassign_follow_up(f2, assignee=None, team="care", at=t))
    step({"type": "cancel_follow_up", "follow_up": f2, "reason": "nghỉ lễ", "skip_only": True},
         lambda t: ws.cancel_follow_up(f2, "nghỉ lễ", skip_only=True, at=t))
    steps = [{"kind": "check_in", "subject": "Hỏi thăm", "offset_days": 3, "channel": "phone"},
             {"kind": "survey", "subject": "Khảo sát", "offset_days": 7, "channel": "sms", "purpose": "feedback"}]
    step({"type": "define_playbook", "key": "after-sale", "steps": steps, "team": "care",
          "conditions": {"categories": ["furniture"]}},
         lambda t: ws.define_playbook("after-sale", steps, team="care", conditions={"categories": ["furniture"]},
                                      at=t))
    chair = {"name": "Ghế", "category": "furniture", "unit_price": vnd(1_000_000)}
    step({"type": "record_purchase", "customer": duc, "channel": "in_person", "items": [chair]},
         lambda t: ws.record_purchase(duc, "in_person", items=[chair], at=t))
    run = ws.playbook_runs_of(duc)[0]["id"]
    step({"type": "cancel_playbook_run", "run": run, "reason": "khách từ chối"},
         lambda t: ws.cancel_playbook_run(run, "khách từ chối", at=t))
    step({"type": "remove_playbook", "key": "after-sale"}, lambda t: ws.remove_playbook("after-sale", at=t))
    return ws, used


def test_execute_runs_every_new_command_like_the_methods() -> None:
    by_methods, used = scenario(via_execute=False)
    by_execute, _ = scenario(via_execute=True)
    assert used == NEW_COMMANDS
    assert by_execute.export_log() == by_methods.export_log()
    assert by_execute == by_methods


def test_export_and_import_keep_a_rich_journey() -> None:
    ws, _ = scenario(via_execute=True)
    assert NEW_EVENTS <= {e["payload"]["type"] for e in ws.events()}
    kinds = {e["entity"]["kind"] for e in ws.events()}
    assert {"opportunity", "purchase", "follow_up", "playbook_run", "referral"} <= kinds
    copy = clientcare.Workspace.import_log(ws.export_log(), seed=5)
    assert copy == ws
    duc = ws.list_customers()["items"][0]["id"]
    for q in ("opportunities_of", "purchases_of", "follow_ups_of", "playbook_runs_of", "referrals_by"):
        assert getattr(copy, q)(duc) == getattr(ws, q)(duc), q
    assert copy.pipeline_board("b2b") == ws.pipeline_board("b2b")
    assert copy.loyalty() == ws.loyalty() and copy.playbooks() == ws.playbooks()
    assert ws.customer(duc)["tier"] == "vàng" and ws.customer(duc)["lifecycle"] == "loyal"
    # New ids after the import do not collide.
    mai = ws.list_customers()["items"][1]["id"]
    p = copy.record_purchase(mai, "web", description="x", amount=vnd(1), at=at(900))
    assert p not in {x["id"] for x in ws.purchases_of(mai)}


def test_churning_stops_the_runs_and_a_purchase_brings_the_customer_back(fx: Fx) -> None:
    ws = fx.ws
    steps: list[clientcare.PlaybookStep] = [
        {"kind": "check_in", "subject": "Hỏi thăm", "offset_days": 3, "channel": "phone"},
    ]
    ws.define_playbook("check", steps, at=at(0))
    ws.record_consent(fx.duc, channel="phone", purpose="service", granted=True, source="call", at=at(0))
    ws.record_purchase(fx.duc, "web", description="x", amount=vnd(1), at=at(1))
    (run,) = ws.playbook_runs_of(fx.duc)
    ws.change_lifecycle(fx.duc, "churned", at=at(2))
    assert ws.playbook_progress(run["id"])["status"] == "stopped"
    assert [f["status"] for f in ws.follow_ups_of(fx.duc)] == ["cancelled"]
    ws.record_purchase(fx.duc, "web", description="y", amount=vnd(1), at=at(3))
    assert ws.customer(fx.duc)["lifecycle"] == "customer"
    assert [r["ended"] is None for r in ws.playbook_runs_of(fx.duc)] == [False, True]
