"""Identity: merge and unmerge, erasure, the contact check and the per-customer export."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any, Callable

import pytest

import clientcare
from conftest import AT, raises

H = timedelta(hours=1)
VND: clientcare.Money = {"amount_minor": 250_000, "currency": "VND"}


def two_records(ws: clientcare.Workspace) -> tuple[str, str, dict[str, str]]:
    """Two records of one person; the second has a complaint, an interaction and a purchase."""
    mai = ws.register_customer(
        "Trần Thị Mai", emails=["mai@example.vn"], tags=["vip"], language="vi", at=AT
    )
    dup = ws.register_customer(
        "Mai Tran",
        given_name="Mai",
        family_name="Trần",
        phones=["0901234567"],
        tags=["zalo"],
        attributes={"orders": 2},
        at=AT,
    )
    records = {
        "complaint": ws.open_complaint(dup, "phone", "TV is broken", at=AT),
        "interaction": ws.log_interaction(dup, "phone", subject="call about the TV", at=AT),
        "purchase": ws.record_purchase(dup, "web", description="TV", amount=VND, at=AT),
    }
    return mai, dup, records


def state(ws: clientcare.Workspace) -> tuple[int, str]:
    return ws.seq, ws.export_log()


# ----- merge and unmerge


def test_merge_moves_records_to_the_survivor_and_old_ids_resolve(ws: clientcare.Workspace) -> None:
    mai, dup, rec = two_records(ws)
    ws.merge_customers(mai, [dup], reason="same person", at=AT + H)

    assert ws.resolve_customer(dup) == mai and ws.resolve_customer(mai) == mai
    survivor = ws.customer(dup)  # a merged id reads the survivor
    assert survivor["id"] == mai and survivor["merged_into"] is None
    assert survivor["names"]["full"] == "Trần Thị Mai"  # default rule: the survivor's value
    assert survivor["contacts"] == [
        {"kind": "email", "address": "mai@example.vn"},
        {"kind": "phone", "number": "+84901234567"},
    ]
    assert survivor["tags"] == ["vip", "zalo"] and survivor["attributes"] == {"orders": 2}
    assert survivor["updated_at"] == AT + H and survivor["erased_at"] is None

    assert ws.complaint(rec["complaint"])["customer"] == mai
    assert ws.interaction(rec["interaction"])["customer"] == mai
    assert ws.purchase(rec["purchase"])["customer"] == mai
    assert [c["id"] for c in ws.complaints_of(dup)] == [rec["complaint"]]
    assert [p["id"] for p in ws.purchases_of(mai)] == [rec["purchase"]]
    assert [c["id"] for c in ws.find_by_phone("0901234567")] == [mai]
    assert [c["id"] for c in ws.list_customers()["items"]] == [mai]

    ev = ws.events()[-1]
    assert ev["entity"] == {"kind": "customer", "id": mai}
    assert ev["payload"]["type"] == "customers_merged"
    assert ev["payload"]["merged"] == [dup] and ev["payload"]["reason"] == "same person"

    copy = clientcare.Workspace.import_log(ws.export_log(), seed=1)
    assert copy == ws and copy.resolve_customer(dup) == mai


def test_survivorship_rules_pick_fields(ws: clientcare.Workspace) -> None:
    mai, dup, _ = two_records(ws)
    ws.merge_customers(
        mai, dup, rules={"names": "most_complete", "language": "survivor"}, at=AT + H
    )
    c = ws.customer(mai)
    assert c["names"] == {"full": "Mai Tran", "given": "Mai", "family": "Trần"}
    assert c["language"] == "vi"


def test_unmerge_restores_both_customers_and_their_records(ws: clientcare.Workspace) -> None:
    mai, dup, rec = two_records(ws)
    before = (ws.customer(mai), ws.customer(dup))
    ws.merge_customers(mai, [dup], rules={"default": "most_recent"}, at=AT + H)
    assert ws.customer(dup)["id"] == mai

    ws.unmerge_customers(dup, at=AT + 2 * H)
    assert (ws.customer(mai), ws.customer(dup)) == before
    assert ws.resolve_customer(dup) == dup
    assert ws.complaint(rec["complaint"])["customer"] == dup
    assert ws.interaction(rec["interaction"])["customer"] == dup
    assert ws.purchase(rec["purchase"])["customer"] == dup
    ev = ws.events()[-1]
    assert ev["payload"] == {"type": "customers_unmerged", "merged": [dup]}
    assert ev["entity"] == {"kind": "customer", "id": mai}
    assert clientcare.Workspace.import_log(ws.export_log(), seed=1) == ws


def test_merge_and_unmerge_through_execute(ws: clientcare.Workspace) -> None:
    mai, dup, _ = two_records(ws)
    out = ws.execute(
        {"type": "merge_customers", "survivor": mai, "merged": [dup], "rules": {"tier": "most_recent"}},
        at=AT + H,
    )
    assert out["created"] is None and out["events"] == 1
    assert ws.resolve_customer(dup) == mai
    out = ws.execute({"type": "unmerge_customers", "customer": dup}, at=AT + 2 * H)
    assert out["events"] == 1 and ws.resolve_customer(dup) == dup
    e = raises(
        clientcare.InvalidInputError,
        ws.execute,
        {"type": "merge_customers", "survivor": mai, "merged": [dup], "rules": {"tier": "latest"}},
    )
    assert e.details["field"] == "rules.tier"


def test_a_single_id_counts_as_one_merged_customer(ws: clientcare.Workspace) -> None:
    a = ws.register_customer("An", at=AT)
    b = ws.register_customer("An N.", at=AT)
    ws.merge_customers(a, b, at=AT)
    assert ws.customer(b)["id"] == a


Case = Callable[[clientcare.Workspace, str, str], Any]


@pytest.mark.parametrize(
    ("exc", "code", "call", "field"),
    [
        (clientcare.InvalidInputError, "invalid_input", lambda ws, a, b: ws.merge_customers(a, [a]), "merged"),
        (clientcare.InvalidInputError, "invalid_input", lambda ws, a, b: ws.merge_customers(a, []), "merged"),
        (clientcare.InvalidInputError, "invalid_input", lambda ws, a, b: ws.merge_customers(a, [b, b]), "merged"),
        (
            clientcare.InvalidInputError,
            "invalid_input",
            lambda ws, a, b: ws.merge_customers(a, [b], rules={"names": "newest"}),
            "rules.names",
        ),
        (
            clientcare.InvalidInputError,
            "invalid_input",
            lambda ws, a, b: ws.merge_customers(a, [b], rules={"nickname": "survivor"}),
            "rules.nickname",
        ),
        (clientcare.InvalidInputError, "invalid_input", lambda ws, a, b: ws.merge_customers(a, [b], rules="x"), "rules"),
        (clientcare.InvalidInputError, "invalid_input", lambda ws, a, b: ws.merge_customers(a, [7]), "merged[0]"),
        (clientcare.InvalidInputError, "invalid_input", lambda ws, a, b: ws.merge_customers("nope", [b]), "survivor"),
        (
            clientcare.NotFoundError,
            "not_found",
            lambda ws, a, b: ws.merge_customers(a, ["0190f5c2-7b1e-7c3a-9d2e-1a2b3c4d5e6f"]),
            None,
        ),
        (clientcare.InvalidTransitionError, "invalid_transition", lambda ws, a, b: ws.unmerge_customers(b), None),
        (clientcare.InvalidInputError, "invalid_input", lambda ws, a, b: ws.unmerge_customers(3), "customer"),
        (clientcare.InvalidInputError, "invalid_input", lambda ws, a, b: ws.erase_customer(None), "customer"),
    ],
    ids=[
        "into-itself", "empty", "twice", "bad-rule", "unknown-field", "rules-not-a-dict", "id-not-str",
        "bad-survivor", "unknown", "unmerge-never-merged", "unmerge-bad-id", "erase-none",
    ],
)
def test_refused_identity_commands_change_nothing(
    ws: clientcare.Workspace,
    exc: type[clientcare.Error],
    code: str,
    call: Case,
    field: str | None,
) -> None:
    mai, dup, _ = two_records(ws)
    before = state(ws)
    e = raises(exc, call, ws, mai, dup)
    assert e.code == code
    if field is not None:
        assert e.details["field"] == field
    assert state(ws) == before


def test_merge_into_an_erased_customer_is_refused_and_changes_nothing(ws: clientcare.Workspace) -> None:
    mai, dup, _ = two_records(ws)
    ws.erase_customer(mai, at=AT + H)
    before = state(ws)
    e = raises(clientcare.InvalidTransitionError, ws.merge_customers, mai, [dup], at=AT + 2 * H)
    assert e.code == "invalid_transition" and e.details["current"] == "erased"
    assert e.details["id"] == mai
    e = raises(clientcare.InvalidTransitionError, ws.merge_customers, dup, [mai], at=AT + 2 * H)
    assert e.details["current"] == "erased"
    assert state(ws) == before


def test_merge_state_errors(ws: clientcare.Workspace) -> None:
    mai, dup, _ = two_records(ws)
    org = ws.register_customer("Công ty An Phát", kind="organization", at=AT)
    other = ws.register_customer("Mai T.", at=AT)
    before = state(ws)
    e = raises(clientcare.InvalidInputError, ws.merge_customers, mai, [org], at=AT)
    assert e.code == "invalid_input"
    assert state(ws) == before

    ws.archive_customer(other, at=AT + H)
    before = state(ws)
    e = raises(clientcare.InvalidTransitionError, ws.merge_customers, other, [dup], at=AT + 2 * H)
    assert e.details["current"] == "archived" and e.details["allowed"] == ["restore"]
    assert state(ws) == before

    ws.restore_customer(other, at=AT + 2 * H)
    ws.merge_customers(mai, [dup], at=AT + 3 * H)
    before = state(ws)
    e = raises(clientcare.InvalidTransitionError, ws.merge_customers, other, [dup], at=AT + 4 * H)
    assert e.code == "invalid_transition" and "unmerge" in e.details["allowed"]
    assert state(ws) == before

    # a later merge into the same survivor must be undone first
    ws.merge_customers(mai, [other], at=AT + 4 * H)
    before = state(ws)
    e = raises(clientcare.InvalidTransitionError, ws.unmerge_customers, dup, at=AT + 5 * H)
    assert e.code == "invalid_transition"
    assert state(ws) == before
    ws.unmerge_customers(other, at=AT + 5 * H)
    ws.unmerge_customers(dup, at=AT + 5 * H)
    assert ws.resolve_customer(dup) == dup and ws.resolve_customer(other) == other


def test_resolve_customer_errors(ws: clientcare.Workspace) -> None:
    e = raises(clientcare.NotFoundError, ws.resolve_customer, "0190f5c2-7b1e-7c3a-9d2e-1a2b3c4d5e6f")
    assert e.code == "not_found" and e.details["entity"] == "customer"
    e = raises(clientcare.InvalidInputError, ws.resolve_customer, "not-an-id")
    assert e.code == "invalid_input"


# ----- erasure


def test_erasure_leaves_no_personal_data_in_the_log(ws: clientcare.Workspace) -> None:
    mai, dup, rec = two_records(ws)
    agent = ws.register_agent("Hùng", at=AT)
    ws.respond_to_complaint(rec["complaint"], "Chào chị Mai, bên em sẽ đổi TV", agent=agent, at=AT + H)
    ws.record_consent(mai, channel="email", purpose="marketing", granted=True, source="web form", at=AT)
    keep = ws.register_customer("Lê Văn Nam", emails=["nam@example.vn"], at=AT)
    ws.merge_customers(mai, [dup], at=AT + H)

    ws.erase_customer(dup, at=AT + 2 * H)  # a merged id erases its survivor, and the merged one with it
    log = ws.export_log()
    for secret in [
        "Trần", "Mai", "mai@example.vn", "+84901234567", "0901234567",
        "TV is broken", "call about the TV", "đổi TV", "web form", "vip", "zalo",
    ]:
        assert secret not in log, secret
    assert "Lê Văn Nam" in log and "nam@example.vn" in log

    c = ws.customer(mai)
    assert c["names"] == {"full": clientcare.ERASED} and clientcare.ERASED == "[erased]"
    assert c["contacts"] == [] and c["tags"] == [] and c["attributes"] == {}
    assert c["erased_at"] == AT + 2 * H and isinstance(c["erased_at"], datetime)
    assert [k["granted"] for k in c["consents"]] == [True]  # the decision itself stays
    assert ws.complaint(rec["complaint"])["subject"] == clientcare.ERASED
    assert ws.events()[-1]["payload"]["type"] == "customer_erased"
    assert ws.customer(keep)["names"]["full"] == "Lê Văn Nam"

    copy = clientcare.Workspace.import_log(log, seed=1)
    assert copy == ws and copy.export_log() == log
    assert copy.customer(mai) == c


def test_erasing_twice_is_refused_and_changes_nothing(ws: clientcare.Workspace) -> None:
    ws.take_rewritten()
    c = ws.register_customer("Phạm Thu Hà", emails=["ha@example.vn"], at=AT)
    registered = ws.seq
    assert ws.take_rewritten() == []
    ws.execute({"type": "erase_customer", "customer": c}, at=AT + H)
    # The erasure rewrote her registration in the log: a copy of the log
    # must replace it.
    assert ws.take_rewritten() == [registered]
    assert ws.take_rewritten() == []
    assert "ha@example.vn" not in ws.export_log()
    before = state(ws)
    e = raises(clientcare.InvalidTransitionError, ws.erase_customer, c, at=AT + 2 * H)
    assert e.code == "invalid_transition" and e.details["current"] == "erased"
    e = raises(clientcare.InvalidTransitionError, ws.update_customer, c, language="vi", at=AT + 2 * H)
    assert e.code == "invalid_transition"
    e = raises(clientcare.NotFoundError, ws.erase_customer, "0190f5c2-7b1e-7c3a-9d2e-1a2b3c4d5e6f")
    assert e.code == "not_found"
    assert state(ws) == before


# ----- may we contact?


def test_may_contact_follows_consent_over_time(ws: clientcare.Workspace) -> None:
    c = ws.register_customer("Võ Minh", emails=["minh@example.vn"], at=AT)
    ws.record_consent(c, channel="email", purpose="marketing", granted=True, source="form", at=AT + H)
    ws.record_consent(c, channel="email", purpose="marketing", granted=False, source="unsubscribe", at=AT + 3 * H)

    before = ws.may_contact(c, "email", "marketing", AT)
    assert before == {"customer": c, "allowed": False, "reason": "no_consent", "reachable": True, "consent": None}

    granted = ws.may_contact(c, "email", "marketing", AT + 2 * H)
    assert granted["allowed"] is True and granted["reason"] == "granted"
    assert granted["consent"] == {
        "channel": "email", "purpose": "marketing", "granted": True, "at": AT + H, "source": "form",
    }
    assert ws.may_contact(c, "email", "marketing", at=AT + H)["reason"] == "granted"  # at or before

    withdrawn = ws.may_contact(c, "email", "marketing", AT + 3 * H)
    assert withdrawn["allowed"] is False and withdrawn["reason"] == "withdrawn"
    assert withdrawn["consent"] is not None and withdrawn["consent"]["source"] == "unsubscribe"
    assert ws.may_contact(c, "email", "marketing") == withdrawn  # default: now

    other = ws.may_contact(c, "sms", "marketing", AT + 2 * H)
    assert other["reason"] == "no_consent" and other["reachable"] is False
    assert ws.may_contact(c, "email", "service", AT + 2 * H)["reason"] == "no_consent"


def test_may_contact_archived_erased_and_merged(ws: clientcare.Workspace) -> None:
    a = ws.register_customer("An", phones=["0901234567"], at=AT)
    b = ws.register_customer("An N.", at=AT)
    ws.record_consent(a, channel="sms", purpose="feedback", granted=True, source="shop", at=AT)
    ws.merge_customers(a, [b], at=AT + H)
    d = ws.may_contact(b, "sms", "feedback", AT + H)
    assert d["customer"] == a and d["allowed"] is True and d["reachable"] is True
    ws.archive_customer(a, at=AT + 2 * H)
    assert ws.may_contact(a, "sms", "feedback", AT + 2 * H)["reason"] == "archived"
    ws.restore_customer(a, at=AT + 3 * H)
    ws.erase_customer(a, at=AT + 4 * H)
    d = ws.may_contact(a, "sms", "feedback", AT + 4 * H)
    assert d["allowed"] is False and d["reason"] == "erased" and d["reachable"] is False


def test_may_contact_errors(ws: clientcare.Workspace) -> None:
    c = ws.register_customer("An", at=AT)
    e = raises(clientcare.InvalidInputError, ws.may_contact, c, "pigeon", "marketing", AT)
    assert e.details["field"] == "channel"
    e = raises(clientcare.InvalidInputError, ws.may_contact, c, "email", "spam", AT)
    assert e.details["field"] == "purpose"
    e = raises(clientcare.InvalidInputError, ws.may_contact, c, "email", "marketing", datetime(2026, 11, 2))
    assert e.details["field"] == "at"
    e = raises(clientcare.NotFoundError, ws.may_contact, "0190f5c2-7b1e-7c3a-9d2e-1a2b3c4d5e6f", "email", "service")
    assert e.code == "not_found"


# ----- export of one customer


def test_export_customer_holds_everything_about_the_customer(ws: clientcare.Workspace) -> None:
    mai, dup, rec = two_records(ws)
    opp = ws.open_opportunity(mai, "Sound bar", VND, at=AT)
    fu = ws.schedule_follow_up("Call back", "call", customer=dup, due_at=AT + 24 * H, at=AT)
    friend = ws.register_customer("Bạn của Mai", at=AT)
    ref = ws.record_referral(mai, friend, at=AT)
    ws.record_consent(dup, channel="email", purpose="feedback", granted=True, source="shop", at=AT)
    sv = ws.send_survey(dup, "csat", "email", at=AT)
    ws.merge_customers(mai, [dup], at=AT + H)

    doc = ws.export_customer(dup)
    assert doc == json.loads(json.dumps(doc))  # JSON-compatible as it is
    assert doc["format"] == "clientcare.customer_export" and doc["version"] == 1
    assert doc["customer"]["id"] == mai and doc["customer"]["created_at"] == "2026-11-02T09:00:00Z"
    assert [c["id"] for c in doc["merged_customers"]] == [dup]
    assert doc["merged_customers"][0]["merged_into"] == mai
    assert [x["id"] for x in doc["interactions"]] == [rec["interaction"]]
    assert [x["id"] for x in doc["complaints"]] == [rec["complaint"]]
    assert [x["id"] for x in doc["purchases"]] == [rec["purchase"]]
    assert [x["id"] for x in doc["opportunities"]] == [opp]
    assert [x["id"] for x in doc["follow_ups"]] == [fu]
    assert [x["id"] for x in doc["referrals"]] == [ref]
    assert [x["id"] for x in doc["surveys"]] == [sv]
    assert doc["playbook_runs"] == []
    types = [e["payload"]["type"] for e in doc["events"]]
    assert types[0] == "customer_registered" and types[-1] == "customers_merged"
    assert "consent_recorded" in types
    assert [e["seq"] for e in doc["events"]] == sorted(e["seq"] for e in doc["events"])
    assert set(doc) == {
        "format", "version", "customer", "merged_customers", "interactions", "complaints",
        "opportunities", "purchases", "referrals", "follow_ups", "playbook_runs", "surveys", "events",
    }

    friend_doc = ws.export_customer(friend)
    assert [x["id"] for x in friend_doc["referrals"]] == [ref]
    assert friend_doc["interactions"] == [] and friend_doc["merged_customers"] == []


def test_export_customer_errors(ws: clientcare.Workspace) -> None:
    e = raises(clientcare.NotFoundError, ws.export_customer, "0190f5c2-7b1e-7c3a-9d2e-1a2b3c4d5e6f")
    assert e.code == "not_found"
    e = raises(clientcare.InvalidInputError, ws.export_customer, 42)
    assert e.code == "invalid_input"


def test_customer_dict_has_identity_fields(ws: clientcare.Workspace) -> None:
    c = ws.customer(ws.register_customer("An", at=AT))
    assert c["merged_into"] is None and c["erased_at"] is None


# ----- search


def people(ws: clientcare.Workspace) -> dict[str, str]:
    return {
        "duc": ws.register_customer(
            "Nguyễn Văn Đức",
            phones=["0903 123 456"],
            emails=["duc.nguyen@example.vn"],
            tags=["khach quen"],
            at=AT,
        ),
        "lan": ws.register_customer("Nguyễn Thị Lan", emails=["lan@example.vn"], at=AT),
        "org": ws.register_customer("Công ty Nguyên Phát", kind="organization", at=AT),
        "anh": ws.register_customer("Trần Đức Anh", at=AT),
    }


def ids(found: clientcare.SearchResults) -> list[str]:
    return [h["customer"]["id"] for h in found["hits"]]


@pytest.mark.parametrize(
    ("text", "matched"),
    [
        ("nguyen van duc", ["name"]),
        ("NGUYỄN VĂN ĐỨC", ["name"]),
        ("duc nguyen", ["name"]),
        ("nguyne van", ["name", "name_typo"]),
        ("duc.nguyen@", ["email"]),
        ("duc.nguyen@example.vn", ["email"]),
        ("+84 903-123-456", ["phone"]),
        ("0903123456", ["phone"]),
        ("84903123456", ["phone"]),
        ("khach quen", ["tag"]),
    ],
)
def test_search_finds_by_folded_name_typo_email_phone_and_tag(
    ws: clientcare.Workspace, text: str, matched: list[str]
) -> None:
    p = people(ws)
    found = ws.search_customers(text)
    assert found["hits"][0]["customer"]["id"] == p["duc"], text
    assert found["hits"][0]["matched"] == matched
    assert isinstance(found["hits"][0]["score"], int)
    assert found["hits"][0]["customer"]["created_at"] == AT  # a full customer dict


def test_search_options(ws: clientcare.Workspace) -> None:
    p = people(ws)
    assert ws.search_customers("nguyne")["total"] >= 1
    assert ws.search_customers("nguyne", typos=False)["total"] == 0
    assert ids(ws.search_customers("nguyen", kind="organization")) == [p["org"]]
    assert p["org"] not in ids(ws.search_customers("nguyen", kind="person"))
    ws.archive_customer(p["lan"], at=AT + H)
    assert p["lan"] not in ids(ws.search_customers("lan"))
    assert ids(ws.search_customers("lan", include_archived=True)) == [p["lan"]]
    assert ws.search_customers("   ") == {"hits": [], "total": 0, "next_offset": None}
    assert ws.search_customers("zzzz") == {"hits": [], "total": 0, "next_offset": None}


def test_search_pages_concatenate(ws: clientcare.Workspace) -> None:
    out = ws.register_customers([{"full_name": f"Phạm Văn {i:02d}"} for i in range(25)], at=AT)
    assert not out["errors"]
    everything = ws.search_customers("pham", limit=1000)
    assert everything["total"] == 25 and everything["next_offset"] is None
    pages: list[str] = []
    offset: int | None = 0
    while offset is not None:
        page = ws.search_customers("pham", offset=offset, limit=10)
        assert page["total"] == 25 and len(page["hits"]) <= 10
        pages += ids(page)
        offset = page["next_offset"]
    assert pages == ids(everything) and len(set(pages)) == 25
    assert ws.search_customers("pham", offset=30)["hits"] == []


def test_search_after_merge_and_erasure(ws: clientcare.Workspace) -> None:
    p = people(ws)
    ws.merge_customers(p["duc"], [p["anh"]], at=AT + H)
    assert p["anh"] not in ids(ws.search_customers("tran duc anh"))
    assert p["anh"] not in ids(ws.search_customers("anh"))
    ws.erase_customer(p["lan"], at=AT + H)
    assert ws.search_customers("lan@example.vn")["total"] == 0
    assert p["lan"] not in ids(ws.search_customers("nguyen thi lan"))


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"limit": 0}, "limit"),
        ({"limit": 1001}, "limit"),
        ({"offset": -1}, "offset"),
        ({"kind": "robot"}, "kind"),
        ({"typos": "yes"}, "typos"),
        ({"text": "x" * 257}, "text"),
        ({"text": 5}, "text"),
    ],
)
def test_search_errors_name_the_argument(ws: clientcare.Workspace, kwargs: dict[str, Any], field: str) -> None:
    people(ws)
    args = {"text": "nguyen", **kwargs}
    text = args.pop("text")
    e = raises(clientcare.InvalidInputError, ws.search_customers, text, **args)
    assert e.code == "invalid_input" and e.details["field"] == field


# ----- duplicates


def twins(ws: clientcare.Workspace) -> tuple[str, str, str]:
    """Two records of one person sharing a phone, and someone else."""
    a = ws.register_customer("Nguyễn Văn Đức", phones=["0903 123 456"], at=AT)
    b = ws.register_customer(
        "Nguyen Van Duc", phones=["+84 903 123 456"], allow_shared_contacts=True, at=AT
    )
    c = ws.register_customer("Trần Thị Mai", phones=["0912345678"], at=AT)
    return a, b, c


def rules_of(m: clientcare.DuplicateMatch | clientcare.DuplicatePair) -> list[str]:
    return [r["rule"] for r in m["reasons"]]


def test_duplicates_are_found_with_reasons(ws: clientcare.Workspace) -> None:
    a, b, c = twins(ws)
    before = state(ws)
    reasons = [
        {"rule": "phone", "value": "+84903123456"},
        {"rule": "name", "metric": "jaro_winkler", "similarity": 1.0},
    ]

    found = ws.check_duplicates({"full_name": "Đức Nguyễn Văn", "phones": "090 3123 456", "given_name": None})
    assert [m["customer"] for m in found] == [a, b]
    assert all(rules_of(m)[0] == "phone" and m["score"] >= 0.8 for m in found)

    of = ws.duplicates_of(a)
    assert of == [{"customer": b, "score": 1.0, "reasons": reasons}]
    assert [m["customer"] for m in ws.duplicates_of(b)] == [a]
    assert ws.duplicates_of(c) == []

    assert ws.compare_customers(a, b) == {"customer": b, "score": 1.0, "reasons": reasons}
    far = ws.compare_customers(a, c)
    assert far == {"customer": c, "score": 0.0, "reasons": []}

    report = ws.scan_duplicates()
    assert report["pairs"] == [{"a": a, "b": b, "score": 1.0, "reasons": reasons}]
    assert report["customers"] == 3 and report["cancelled"] is False
    assert report["comparisons"] >= 1 and report["skipped_blocks"] == 0
    assert state(ws) == before  # queries change nothing


def test_duplicate_rules_change_the_outcome(ws: clientcare.Workspace) -> None:
    a, b, _ = twins(ws)
    strict: clientcare.DuplicateRules = {"phone": 0.1, "name": 0.5}
    assert ws.duplicates_of(a, strict) == []
    assert ws.scan_duplicates(strict)["pairs"] == []
    assert ws.compare_customers(a, b, rules=strict)["score"] == pytest.approx(0.6)
    exact = ws.compare_customers(a, b, rules={"name_metric": "exact"})
    assert {"rule": "name", "metric": "exact", "similarity": 1.0} in exact["reasons"]
    ws.archive_customer(b, at=AT + H)
    assert ws.duplicates_of(a) == []
    assert [m["customer"] for m in ws.duplicates_of(a, {"include_archived": True})] == [b]
    assert len(ws.scan_duplicates({"include_archived": True})["pairs"]) == 1


def test_scan_reports_progress_and_can_be_cancelled(ws: clientcare.Workspace) -> None:
    twins(ws)
    seen: list[clientcare.ScanProgress] = []
    report = ws.scan_duplicates(progress=seen.append)  # returns None: go on
    assert not report["cancelled"] and len(report["pairs"]) == 1
    phases = [p["phase"] for p in seen]
    assert phases == sorted(phases, key=["profiles", "blocking", "comparing"].index)
    assert set(phases) == {"profiles", "blocking", "comparing"}
    for phase in set(phases):
        mine = [p for p in seen if p["phase"] == phase]
        assert mine[-1]["done"] == mine[-1]["total"]
        assert all(0 <= p["done"] <= p["total"] for p in mine)

    calls: list[clientcare.ScanProgress] = []

    def stop_when_comparing(p: clientcare.ScanProgress) -> bool:
        calls.append(p)
        return p["phase"] != "comparing"

    report = ws.scan_duplicates(progress=stop_when_comparing)
    assert report["cancelled"] is True and calls[-1]["phase"] == "comparing"
    assert ws.scan_duplicates(progress=lambda p: False)["cancelled"] is True
    assert ws.scan_duplicates(progress=lambda p: True)["cancelled"] is False


def test_a_raising_progress_callback_stops_the_scan_and_propagates(ws: clientcare.Workspace) -> None:
    twins(ws)
    calls: list[clientcare.ScanProgress] = []

    def boom(p: clientcare.ScanProgress) -> None:
        calls.append(p)
        raise KeyError("stop here")

    with pytest.raises(KeyError, match="stop here"):
        ws.scan_duplicates(progress=boom)
    assert len(calls) == 1
    e = raises(clientcare.InvalidInputError, ws.scan_duplicates, progress=5)
    assert e.details["field"] == "progress"


@pytest.mark.parametrize(
    ("rules", "field"),
    [
        ({"threshold": 0}, "threshold"),
        ({"threshold": 1.5}, "threshold"),
        ({"threshold": "high"}, "threshold"),
        ({"email": -0.1}, "email"),
        ({"email": float("nan")}, "email"),
        ({"min_name_similarity": 2}, "min_name_similarity"),
        ({"name_metric": "soundex"}, "name_metric"),
        ({"max_block": 1}, "max_block"),
        ({"limit": 0}, "limit"),
        ({"limit": 1001}, "limit"),
        ({"nickname": 1}, "nickname"),
        ("strict", "rules"),
    ],
)
def test_bad_duplicate_rules_name_the_field(ws: clientcare.Workspace, rules: Any, field: str) -> None:
    a, b, _ = twins(ws)
    before = state(ws)
    calls: list[Callable[[], Any]] = [
        lambda: ws.check_duplicates({"full_name": "An"}, rules),
        lambda: ws.duplicates_of(a, rules),
        lambda: ws.compare_customers(a, b, rules),
        lambda: ws.scan_duplicates(rules),
    ]
    for call in calls:
        e = raises(clientcare.InvalidInputError, call)
        assert e.code == "invalid_input" and e.details["field"] == field
    assert state(ws) == before


def test_check_duplicates_reads_the_draft_as_registration_does(ws: clientcare.Workspace) -> None:
    twins(ws)
    drafts: list[dict[str, Any]] = [
        {"full_name": "X", "emails": ["nope"]},
        {"full_name": "X", "phones": ["12"]},
        {"full_name": ""},
    ]
    for draft in drafts:
        want = raises(clientcare.InvalidInputError, ws.register_customer, **draft)
        got = raises(clientcare.InvalidInputError, ws.check_duplicates, draft)
        assert (got.code, got.details) == (want.code, want.details)
    e = raises(clientcare.InvalidInputError, ws.check_duplicates, {"phones": ["0903123456"]})
    assert e.details["field"] == "full_name"
    e = raises(clientcare.InvalidInputError, ws.check_duplicates, {"full_name": "X", "colour": "red"})
    assert e.details["field"] == "colour"
    e = raises(clientcare.InvalidInputError, ws.check_duplicates, "Nguyễn Văn Đức")
    assert e.details["field"] == "draft"


def test_duplicate_lookups_of_unknown_customers(ws: clientcare.Workspace) -> None:
    a, _, _ = twins(ws)
    nobody = "0190f5c2-7b1e-7c3a-9d2e-1a2b3c4d5e6f"
    assert raises(clientcare.NotFoundError, ws.duplicates_of, nobody).code == "not_found"
    assert raises(clientcare.NotFoundError, ws.compare_customers, a, nobody).code == "not_found"
    assert raises(clientcare.InvalidInputError, ws.compare_customers, a, 3).details["field"] == "b"


def test_merging_found_duplicates_clears_them(ws: clientcare.Workspace) -> None:
    a, b, _ = twins(ws)
    pair = ws.scan_duplicates()["pairs"][0]
    ws.merge_customers(pair["a"], [pair["b"]], reason="duplicate scan", at=AT + H)
    assert ws.scan_duplicates()["pairs"] == [] and ws.duplicates_of(a) == []
    assert ws.resolve_customer(b) == a
