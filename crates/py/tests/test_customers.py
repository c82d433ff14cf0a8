"""Customers: registration, lookups, changes, consent, lifecycle, archive, lists."""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta, timezone

import pytest

import clientcare
from conftest import AT, raises


def test_register_and_find_by_email_and_phone(ws: clientcare.Workspace) -> None:
    duc = ws.register_customer(
        "Nguyễn Văn Đức", emails=["Duc.Nguyen@Example.VN"], phones=["090 123 4567"], at=AT
    )
    assert isinstance(duc, str) and len(duc) == 36
    for email in ["duc.nguyen@example.vn", "  DUC.NGUYEN@EXAMPLE.VN "]:
        assert [c["id"] for c in ws.find_by_email(email)] == [duc]
    for phone in ["0901234567", "+84 90 123 4567", "+84901234567", "090-123-4567"]:
        assert [c["id"] for c in ws.find_by_phone(phone)] == [duc]
    assert ws.find_by_email("nobody@example.vn") == []
    c = ws.customer(duc)
    assert c["names"]["full"] == "Nguyễn Văn Đức"
    assert c["contacts"] == [
        {"kind": "email", "address": "duc.nguyen@example.vn"},
        {"kind": "phone", "number": "+84901234567"},
    ]
    assert c["lifecycle"] == "lead" and c["kind"] == "person" and c["archived"] is False
    assert c["created_at"] == AT and c["created_at"].tzinfo is not None
    assert len(ws) == 1


def test_lookups_do_not_scan(ws: clientcare.Workspace) -> None:
    """Email and phone lookups are index lookups: their cost does not grow with size."""

    def per_lookup(n: int) -> float:
        w = clientcare.Workspace(default_region="VN", seed=1, at=AT)
        out = w.register_customers(
            ({"full_name": f"C {i}", "emails": [f"c{i}@example.vn"]} for i in range(n)), at=AT
        )
        assert not out["errors"]
        t = time.perf_counter()
        for i in range(300):
            assert w.find_by_email(f"c{(i * 7) % n}@example.vn")
        return (time.perf_counter() - t) / 300

    small, large = per_lookup(300), per_lookup(30_000)
    assert large < small * 10 + 20e-6, (small, large)


def test_conflict_names_the_holder(ws: clientcare.Workspace) -> None:
    duc = ws.register_customer("Đức", phones=["0901234567"], emails=["d@example.vn"], at=AT)
    e = raises(
        clientcare.ConflictError, ws.register_customer, "Other", phones=["+84 90 123 4567"], at=AT
    )
    assert e.code == "conflict"
    assert e.details["holder"] == duc
    assert e.details["field"] == "phone"
    assert e.details["value"] == "+84901234567"
    assert duc in str(e)
    assert isinstance(e, clientcare.Error)
    e = raises(clientcare.ConflictError, ws.register_customer, "Other", emails=["D@example.vn"], at=AT)
    assert e.details["field"] == "email" and e.details["holder"] == duc


def test_allow_shared_contacts(ws: clientcare.Workspace) -> None:
    a = ws.register_customer("A", emails=["family@example.vn"], at=AT)
    b = ws.register_customer("B", emails=["family@example.vn"], allow_shared_contacts=True, at=AT)
    assert sorted(c["id"] for c in ws.find_by_email("family@example.vn")) == sorted([a, b])
    c = ws.register_customer("C", at=AT)
    raises(clientcare.ConflictError, ws.add_contact_point, c, {"kind": "email", "address": "family@example.vn"}, at=AT)
    ws.add_contact_point(c, {"kind": "email", "address": "family@example.vn"}, True, at=AT)
    assert len(ws.find_by_email("family@example.vn")) == 3


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"emails": ["not-an-email"]}, "email"),
        ({"phones": ["12"]}, "phone"),
        ({"phones": ["hello"]}, "phone"),
        ({"contacts": [{"kind": "fax", "number": "1"}]}, "contacts[0].kind"),
        ({"kind": "robot"}, "kind"),
        ({"lifecycle": "vip"}, "lifecycle"),
        ({"preferred_channel": "pigeon"}, "preferred_channel"),
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        ({"owner": "not-a-uuid"}, "owner"),
        ({"tags": [1]}, "tags[0]"),
    ],
)
def test_invalid_input_names_the_field(
    ws: clientcare.Workspace, kwargs: dict[str, object], field: str
) -> None:
    e = raises(clientcare.InvalidInputError, ws.register_customer, "X", at=AT, **kwargs)
    assert e.code == "invalid_input"
    assert e.details["field"] == field
    assert e.details["reason"]
    assert len(ws) == 0


def test_wrong_argument_types_are_invalid_input(ws: clientcare.Workspace) -> None:
    e = raises(clientcare.InvalidInputError, ws.register_customer, 42, at=AT)
    assert e.details["field"] == "full_name"
    c = ws.register_customer("X", at=AT)
    e = raises(clientcare.InvalidInputError, ws.log_interaction, c, 5, at=AT)
    assert e.details["field"] == "channel"
    e = raises(clientcare.InvalidInputError, ws.customer, 12345)
    assert e.details["field"] == "customer"
    e = raises(clientcare.InvalidInputError, ws.has_consent, c, "email", "spam")
    assert e.details["field"] == "purpose"
    e = raises(clientcare.InvalidInputError, ws.list_customers, limit="10")
    assert e.details["field"] == "limit"
    e = raises(clientcare.InvalidInputError, ws.register_customer, "Y", emails=b"a@b.vn", at=AT)
    assert e.details["field"] == "emails"


def test_naive_datetimes_are_rejected(ws: clientcare.Workspace) -> None:
    naive = datetime(2026, 11, 2, 9, 0)
    e = raises(clientcare.InvalidInputError, ws.register_customer, "X", at=naive)
    assert e.details["field"] == "at"
    assert "naive" in e.details["reason"] and "tzinfo" in str(e)
    c = ws.register_customer("X", at=AT)
    e = raises(clientcare.InvalidInputError, ws.log_interaction, c, "phone", occurred_at=naive, at=AT)
    assert e.details["field"] == "occurred_at"
    e = raises(clientcare.InvalidInputError, ws.update_customer, c, attributes={"seen": naive}, at=AT)
    assert e.details["field"] == "attributes.seen"
    e = raises(clientcare.InvalidInputError, clientcare.Workspace, "VN", at=naive)
    assert e.details["field"] == "at"
    e = raises(clientcare.InvalidInputError, ws.register_customer, "X", at="2026-11-02T09:00:00Z")
    assert e.details["field"] == "at"


def test_non_utc_aware_datetimes_are_converted(ws: clientcare.Workspace) -> None:
    ict = timezone(timedelta(hours=7))
    c = ws.register_customer("X", at=datetime(2026, 11, 2, 16, 0, tzinfo=ict))
    assert ws.customer(c)["created_at"] == AT
    assert ws.customer(c)["created_at"].utcoffset() == timedelta(0)


def test_default_at_is_now(ws: clientcare.Workspace) -> None:
    before = datetime.now(timezone.utc)
    c = ws.register_customer("Now")
    after = datetime.now(timezone.utc)
    assert before <= ws.customer(c)["created_at"] <= after


def test_unknown_ids_raise_not_found(ws: clientcare.Workspace) -> None:
    ghost = "0190f5c2-7b1e-7c3a-9d2e-1a2b3c4d5e6f"
    for fn, args in [
        (ws.customer, (ghost,)),
        (ws.agent, (ghost,)),
        (ws.interaction, (ghost,)),
        (ws.interactions_of, (ghost,)),
        (ws.timeline, (ghost,)),
        (ws.tag_customer, (ghost, ["x"])),
        (ws.archive_customer, (ghost,)),
    ]:
        e = raises(clientcare.NotFoundError, fn, *args)
        assert e.code == "not_found" and e.details["id"] == ghost
    e = raises(clientcare.NotFoundError, ws.register_customer, "X", actor=ghost, at=AT)
    assert e.details["entity"] == "agent"


def test_failed_command_leaves_workspace_unchanged(ws: clientcare.Workspace) -> None:
    duc = ws.register_customer("Đức", phones=["0901234567"], at=AT)
    before, seq, size = ws.export_log(), ws.seq, len(ws)
    failures = [
        lambda: ws.register_customer("X", emails=["ok@example.vn"], phones=["0901234567"], at=AT),
        lambda: ws.register_customer("X", emails=["ok@example.vn", "broken"], at=AT),
        lambda: ws.change_lifecycle(duc, "lead", at=AT),
        lambda: ws.update_customer(duc, full_name="", at=AT),
        lambda: ws.log_interaction(duc, "social", at=AT),
        lambda: ws.execute({"type": "tag_customer", "customer": duc, "tags": [""]}, at=AT),
    ]
    for fail in failures:
        with pytest.raises(clientcare.Error):
            fail()
        assert ws.export_log() == before
        assert (ws.seq, len(ws)) == (seq, size)


def test_partial_update_records_only_changed_fields(ws: clientcare.Workspace) -> None:
    c = ws.register_customer(
        "Lan", given_name="Lan", language="vi", time_zone="Asia/Ho_Chi_Minh", at=AT
    )
    seq = ws.seq
    ws.update_customer(c, given_name="Lan", language="vi", display_name="chị Lan", at=AT)
    assert ws.seq == seq + 1
    assert ws.events()[-1]["payload"] == {
        "type": "customer_updated",
        "changes": {"display_name": "chị Lan"},
    }
    # Nothing changes: no event.
    ws.update_customer(c, display_name="chị Lan", at=AT)
    assert ws.seq == seq + 1
    # None clears; omitted stays.
    ws.update_customer(c, time_zone=None, at=AT)
    assert ws.events()[-1]["payload"]["changes"] == {"time_zone": None}
    got = ws.customer(c)
    assert got["time_zone"] is None and got["language"] == "vi"
    assert got["names"] == {"full": "Lan", "given": "Lan", "display": "chị Lan"}


def test_tag_and_untag(ws: clientcare.Workspace) -> None:
    c = ws.register_customer("Minh", tags=["vip"], at=AT)
    ws.tag_customer(c, ["b2b", "vip"], at=AT)
    assert ws.customer(c)["tags"] == ["b2b", "vip"]
    assert ws.events()[-1]["payload"] == {"type": "customer_tagged", "tags": ["b2b"]}
    ws.tag_customer(c, "hcm", at=AT)  # a single str is one tag
    ws.untag_customer(c, ["vip", "never-had"], at=AT)
    assert ws.customer(c)["tags"] == ["b2b", "hcm"]
    seq = ws.seq
    ws.untag_customer(c, ["vip"], at=AT)
    assert ws.seq == seq


def test_consent(ws: clientcare.Workspace) -> None:
    c = ws.register_customer("Thảo", at=AT)
    assert ws.has_consent(c, "email", "marketing") is False
    ws.record_consent(c, channel="email", purpose="marketing", granted=True, source="web form", at=AT)
    assert ws.has_consent(c, "email", "marketing") is True
    assert ws.has_consent(c, "sms", "marketing") is False
    later = AT + timedelta(days=3)
    ws.record_consent(c, channel="email", purpose="marketing", granted=False, source="unsubscribe link", at=later)
    assert ws.has_consent(c, "email", "marketing") is False
    (consent,) = ws.customer(c)["consents"]
    assert consent == {
        "channel": "email",
        "purpose": "marketing",
        "granted": False,
        "at": later,
        "source": "unsubscribe link",
    }
    e = raises(
        clientcare.InvalidInputError,
        ws.record_consent, c, channel="email", purpose="marketing", granted="yes", source="x", at=AT,
    )
    assert e.details["field"] == "granted"


def test_lifecycle_transition_errors_list_allowed_stages(ws: clientcare.Workspace) -> None:
    c = ws.register_customer("Quân", at=AT)
    e = raises(clientcare.InvalidTransitionError, ws.change_lifecycle, c, "lead", at=AT)
    assert e.code == "invalid_transition"
    assert e.details["current"] == "lead"
    assert e.details["allowed"] == ["prospect", "customer", "loyal", "churned"]
    ws.change_lifecycle(c, "customer", reason="first order", at=AT)
    assert ws.customer(c)["lifecycle"] == "customer"
    assert ws.events()[-1]["payload"] == {
        "type": "lifecycle_changed",
        "from": "lead",
        "to": "customer",
        "reason": "first order",
    }
    e = raises(clientcare.InvalidInputError, ws.change_lifecycle, c, "vip", at=AT)
    assert e.details["field"] == "to"


def test_tier(ws: clientcare.Workspace) -> None:
    c = ws.register_customer("T", tier="silver", at=AT)
    ws.set_tier(c, "gold", at=AT)
    assert ws.customer(c)["tier"] == "gold"
    ws.set_tier(c, None, at=AT)
    assert ws.customer(c)["tier"] is None


def test_archive_and_restore(ws: clientcare.Workspace) -> None:
    c = ws.register_customer("Old", emails=["old@example.vn"], at=AT)
    ws.archive_customer(c, reason="duplicate", at=AT)
    got = ws.customer(c)
    assert got["archived"] is True
    assert ws.list_customers()["items"] == []
    assert [x["id"] for x in ws.list_customers(archived=True)["items"]] == [c]
    assert ws.search_customers("old")["hits"] == []
    assert [h["customer"]["id"] for h in ws.search_customers("old", include_archived=True)["hits"]] == [c]
    e = raises(clientcare.InvalidTransitionError, ws.archive_customer, c, at=AT)
    assert e.details["current"] == "archived" and "restore" in e.details["allowed"]
    raises(clientcare.InvalidTransitionError, ws.tag_customer, c, ["x"], at=AT)
    # Its email is free for another customer meanwhile.
    n = ws.register_customer("New", emails=["old@example.vn"], at=AT)
    e = raises(clientcare.ConflictError, ws.restore_customer, c, at=AT)
    assert e.details["holder"] == n
    ws.restore_customer(c, allow_shared_contacts=True, at=AT)
    assert ws.customer(c)["archived"] is False
    raises(clientcare.InvalidTransitionError, ws.restore_customer, c, at=AT)


def test_memberships_person_to_organisation_only(ws: clientcare.Workspace) -> None:
    org = ws.register_customer("Công ty TNHH An Phát", kind="organization", at=AT)
    p = ws.register_customer("Vy", at=AT)
    ws.add_membership(p, org, role="purchasing manager", at=AT)
    assert ws.customer(p)["memberships"] == [{"organization": org, "role": "purchasing manager"}]
    e = raises(clientcare.InvalidInputError, ws.add_membership, org, p, at=AT)
    assert e.details["field"] == "person"
    other = ws.register_customer("Khánh", at=AT)
    e = raises(clientcare.InvalidInputError, ws.add_membership, p, other, at=AT)
    assert e.details["field"] == "organization"
    ws.remove_membership(p, org, at=AT)
    assert ws.customer(p)["memberships"] == []
    raises(clientcare.NotFoundError, ws.remove_membership, p, org, at=AT)


def test_contact_points_add_and_remove(ws: clientcare.Workspace) -> None:
    c = ws.register_customer(
        "Hà",
        contacts=[
            {"kind": "social", "network": "zalo", "handle": "ha.zalo"},
            {"kind": "address", "address": {"lines": ["12 Nguyễn Huệ"], "city": "HCM", "country": "vn"}, "label": "home"},
        ],
        at=AT,
    )
    contacts = ws.customer(c)["contacts"]
    assert contacts[0] == {"kind": "social", "network": "zalo", "handle": "ha.zalo"}
    assert contacts[1]["address"]["country"] == "VN" and contacts[1]["label"] == "home"
    ws.add_contact_point(c, {"kind": "phone", "number": "0912345678", "label": "mobile"}, at=AT)
    assert ws.find_by_phone("+84912345678")[0]["id"] == c
    ws.remove_contact_point(c, {"kind": "phone", "number": "091 234 5678"}, at=AT)
    assert ws.find_by_phone("+84912345678") == []
    raises(clientcare.NotFoundError, ws.remove_contact_point, c, {"kind": "phone", "number": "0912345678"}, at=AT)
    e = raises(clientcare.InvalidInputError, ws.add_contact_point, c, "0912345678", at=AT)
    assert e.details["field"] == "contact"


def test_list_customers_filters_and_stable_paging(ws: clientcare.Workspace) -> None:
    mai = ws.register_agent("Mai", at=AT)
    ids = []
    for i in range(7):
        ids.append(
            ws.register_customer(
                f"C{i}",
                tags=["vip"] if i % 2 == 0 else [],
                tier="gold" if i < 3 else None,
                owner=mai if i == 4 else None,
                kind="organization" if i == 6 else "person",
                lifecycle="customer" if i in (1, 2) else None,
                at=AT,
            )
        )
    names = lambda page: [c["names"]["full"] for c in page["items"]]  # noqa: E731
    assert names(ws.list_customers(tag="vip")) == ["C0", "C2", "C4", "C6"]
    assert names(ws.list_customers(tier="gold")) == ["C0", "C1", "C2"]
    assert names(ws.list_customers(owner=mai)) == ["C4"]
    assert names(ws.list_customers(kind="organization")) == ["C6"]
    assert names(ws.list_customers(lifecycle="customer", tier="gold")) == ["C1", "C2"]
    ws.archive_customer(ids[0], at=AT)
    assert names(ws.list_customers(tag="vip")) == ["C2", "C4", "C6"]
    assert names(ws.list_customers(tag="vip", archived=None)) == ["C0", "C2", "C4", "C6"]
    # Paging: stable while customers are added between pages.
    page1 = ws.list_customers(limit=3)
    assert names(page1) == ["C1", "C2", "C3"] and page1["next"] == ids[3]
    ws.register_customer("C7", at=AT)
    page2 = ws.list_customers(limit=3, after=page1["next"])
    assert names(page2) == ["C4", "C5", "C6"]
    page3 = ws.list_customers(limit=3, after=page2["next"])
    assert names(page3) == ["C7"] and page3["next"] is None
    raises(clientcare.InvalidInputError, ws.list_customers, limit=0)
    raises(clientcare.InvalidInputError, ws.list_customers, limit=1001)
    raises(clientcare.NotFoundError, ws.list_customers, after="0190f5c2-7b1e-7c3a-9d2e-1a2b3c4d5e6f")


def test_vietnamese_search_without_diacritics(ws: clientcare.Workspace) -> None:
    duc = ws.register_customer("Nguyễn Văn Đức", at=AT)
    ws.register_customer("Nguyễn Thị Lan", at=AT)
    ws.register_customer("Trần Đức Anh", at=AT)
    hits = ws.search_customers("nguyen van duc")["hits"]
    assert hits[0]["customer"]["id"] == duc and isinstance(hits[0]["score"], int)
    assert ws.search_customers("NGUYỄN VĂN ĐỨC")["hits"][0]["customer"]["id"] == duc
    assert ws.search_customers("ngu duc")["hits"][0]["customer"]["id"] == duc
    assert len(ws.search_customers("nguyen")["hits"]) == 2
    assert len(ws.search_customers("nguyen", limit=1)["hits"]) == 1
    assert ws.search_customers("zzz") == {"hits": [], "total": 0, "next_offset": None}


def test_bulk_register_reports_bad_rows_and_applies_good_ones(ws: clientcare.Workspace) -> None:
    ws.register_customer("Existing", emails=["taken@example.vn"], at=AT)
    rows = [
        {"full_name": "An", "emails": ["an@example.vn"], "phones": ["0901111111"]},
        {"full_name": "Bad email", "emails": ["nope"]},
        "not a dict",
        {"full_name": "Taken", "emails": ["taken@example.vn"]},
        {"full_name": "Dup of row 0", "phones": ["+84 90 111 1111"]},
        {"full_name": "Bình", "tags": "vip", "attributes": {"points": 10}, "tier": None},
        {"full_name": 7},
        {"full_name": "Typo", "emial": "x@example.vn"},
    ]
    before = len(ws)
    out = ws.register_customers(rows, at=AT)
    ids, errors = out["ids"], out["errors"]
    assert len(ids) == len(rows)
    assert [i for i, x in enumerate(ids) if x is not None] == [0, 5]
    assert [e["row"] for e in errors] == [1, 2, 3, 4, 6, 7]
    by_row = {e["row"]: e for e in errors}
    assert by_row[1]["code"] == "invalid_input" and by_row[1]["details"]["field"] == "email"
    assert by_row[2]["details"]["field"] == "row"
    assert by_row[3]["code"] == "conflict"
    assert by_row[4]["code"] == "conflict" and by_row[4]["details"]["holder"] == ids[0]
    assert by_row[6]["details"]["field"] == "full_name"
    assert by_row[7]["details"]["field"] == "emial"
    assert all(e["message"] for e in errors)
    assert len(ws) == before + 2
    assert ws.customer(ids[5])["tags"] == ["vip"]
    assert ws.customer(ids[5])["attributes"] == {"points": 10}
    assert ws.find_by_email("nope@example.vn") == []


def test_bulk_register_takes_any_iterable_and_refuses_non_iterables(ws: clientcare.Workspace) -> None:
    out = ws.register_customers(({"full_name": f"G{i}"} for i in range(5)), at=AT)
    assert len(out["ids"]) == 5 and not out["errors"]
    raises(clientcare.InvalidInputError, ws.register_customers, 5, at=AT)
    raises(clientcare.InvalidInputError, ws.register_customers, {"full_name": "x"}, at=AT)

    def broken():  # an iterable that fails midway: nothing is applied
        yield {"full_name": "first"}
        raise RuntimeError("source failed")

    n = len(ws)
    with pytest.raises(RuntimeError):
        ws.register_customers(broken(), at=AT)
    assert len(ws) == n


def test_attributes_round_trip_with_natural_python_types(ws: clientcare.Workspace) -> None:
    attrs = {
        "note": "khách quen",
        "newsletter": True,
        "orders": 12,
        "rating": 4.5,
        "birthday": date(1990, 5, 17),
        "last_seen": datetime(2026, 10, 1, 8, 30, tzinfo=timezone.utc),
        "credit": {"amount_minor": 1_500_000, "currency": "vnd"},
    }
    c = ws.register_customer("Attr", attributes=attrs, at=AT)
    got = ws.customer(c)["attributes"]
    assert got == {**attrs, "credit": {"amount_minor": 1_500_000, "currency": "VND"}}
    assert type(got["newsletter"]) is bool and type(got["orders"]) is int
    assert type(got["birthday"]) is date and isinstance(got["last_seen"], datetime)
    # The event log keeps the typed JSON form.
    assert ws.events()[-1]["payload"]["attributes"]["birthday"] == {"type": "date", "value": "1990-05-17"}
    ws.update_customer(c, attributes={"orders": 13, "note": None}, at=AT)
    assert ws.events()[-1]["payload"]["changes"] == {
        "attributes": {"note": None, "orders": {"type": "integer", "value": 13}}
    }
    got = ws.customer(c)["attributes"]
    assert "note" not in got and got["orders"] == 13
    for bad in [float("nan"), 2**70, object(), {"amount": 1}, [1, 2]]:
        e = raises(clientcare.InvalidInputError, ws.update_customer, c, attributes={"x": bad}, at=AT)
        assert e.details["field"].startswith("attributes.x")
    raises(clientcare.InvalidInputError, ws.register_customer, "N", attributes={"x": None}, at=AT)


def test_agents(ws: clientcare.Workspace) -> None:
    mai = ws.register_agent("Trần Thị Mai", team="care", email="Mai@Shop.VN", at=AT)
    assert ws.agent(mai) == {
        "id": mai, "name": "Trần Thị Mai", "team": "care", "email": "mai@shop.vn", "active": True
    }
    ws.update_agent(mai, name="Mai Trần", at=AT)
    assert ws.agent(mai)["team"] == "care"  # omitted: unchanged
    ws.update_agent(mai, team=None, at=AT)
    assert ws.agent(mai)["team"] is None  # None: cleared
    c = ws.register_customer("Owned", owner=mai, actor=mai, at=AT)
    assert ws.customer(c)["owner"] == mai
    assert ws.events()[-1]["actor"] == {"kind": "agent", "id": mai}
    ws.update_agent(mai, active=False, at=AT)
    e = raises(clientcare.InvalidInputError, ws.register_customer, "X", actor=mai, at=AT)
    assert e.details["field"] == "actor"
    raises(clientcare.InvalidInputError, ws.update_agent, mai, active="no", at=AT)
    assert [a["id"] for a in ws.agents()] == [mai]
