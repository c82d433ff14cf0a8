"""Follow-ups: scheduling, the agenda, recurrence (checked against
python-dateutil), completion, skipping, snoozing (mirrors
crates/core/tests/followups.rs)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from itertools import islice
from typing import Any, Optional, Union
from zoneinfo import ZoneInfo

import pytest

import clientcare
from conftest import AT, raises

HCM = "Asia/Ho_Chi_Minh"
BERLIN = "Europe/Berlin"


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


@dataclass
class Fx:
    ws: clientcare.Workspace
    lan: str
    minh: str
    duc: str


@pytest.fixture
def fx(ws: clientcare.Workspace) -> Fx:
    lan = ws.register_agent("Lan", team="care", at=AT)
    minh = ws.register_agent("Minh", team="care", at=AT)
    duc = ws.register_customer(
        "Nguyễn Văn Đức", emails=["duc@x.vn"], phones=["0901234567"], time_zone=HCM, at=AT
    )
    return Fx(ws, lan, minh, duc)


def task(fx: Fx, subject: str, due: str, kind: clientcare.FollowUpKind = "call") -> str:
    return fx.ws.schedule_follow_up(
        subject, kind, customer=fx.duc, assignee=fx.lan, due_at=utc(due), at=AT
    )


def ids(items: list[clientcare.FollowUp]) -> list[str]:
    return [x["id"] for x in items]


def test_the_agenda_lists_overdue_then_upcoming_in_due_order(fx: Fx) -> None:
    ws = fx.ws
    a = task(fx, "Gọi lại", "2026-11-02T03:00:00Z")
    b = task(fx, "Gửi báo giá", "2026-11-04T03:00:00Z", kind="email")
    c = task(fx, "Hỏi thăm", "2026-11-20T03:00:00Z")
    # A whole-day task on the customer's local date (Asia/Ho_Chi_Minh).
    d = ws.schedule_follow_up(
        "Sinh nhật", "gift", customer=fx.duc, assignee=fx.lan, due_date=date(2026, 11, 3), at=AT
    )
    gift = ws.follow_up(d)
    assert (gift["due_at"], gift["due_end"], gift["all_day"], gift["time_zone"]) == (
        utc("2026-11-02T17:00:00Z"), utc("2026-11-03T17:00:00Z"), True, HCM,
    )
    now = utc("2026-11-03T05:00:00Z")
    ag = ws.agenda(fx.lan, now=now, within=timedelta(days=2))
    assert ids(ag["overdue"]) == [a]
    assert ids(ag["upcoming"]) == [d, b], "today's whole-day task, then b; c is beyond the window"
    assert ag["truncated"] is False
    assert c not in ids(ag["upcoming"])
    # The next day, the birthday is overdue; the default window is one day.
    ag = ws.agenda(fx.lan, now=utc("2026-11-03T17:00:00Z"))
    assert ids(ag["overdue"]) == [a, d] and ids(ag["upcoming"]) == [b]
    limited = ws.agenda(fx.lan, now=now, within=timedelta(days=30), limit=2)
    assert limited["truncated"] and len(limited["overdue"]) + len(limited["upcoming"]) == 2
    with pytest.raises(clientcare.InvalidInputError) as e:
        ws.agenda(fx.lan, now=now, within=timedelta(days=30), limit=0)
    assert e.value.details["field"] == "limit"
    # Done and reassigned tasks leave the agenda.
    ws.complete_follow_up(a, outcome="Đã gọi", at=AT)
    ws.reassign_follow_up(b, assignee=fx.minh, team="care", at=AT)
    ag = ws.agenda(fx.lan, now=now, within=timedelta(days=2))
    assert ids(ag["overdue"]) == [] and ids(ag["upcoming"]) == [d]
    assert ids(ws.agenda(fx.minh, now=now, within=timedelta(days=2))["upcoming"]) == [b]
    assert ids(ws.team_agenda("care", now=now, within=timedelta(days=2))["upcoming"]) == [b]
    assert ws.team_agenda("nobody", now=now) == {"overdue": [], "upcoming": [], "truncated": False}
    assert len(ws.follow_ups_of(fx.duc)) == 4
    done = ws.follow_up(a)
    assert (done["status"], done["outcome"], done["closed_at"]) == ("done", "Đã gọi", AT)
    # Reassign: omitted stays, None unassigns, no event without a change.
    seq = ws.seq
    ws.reassign_follow_up(b, team="care", at=AT)
    assert ws.seq == seq
    ws.reassign_follow_up(b, assignee=None, at=AT)
    assert (ws.follow_up(b)["assignee"], ws.follow_up(b)["team"]) == (None, "care")


def test_a_due_date_needs_a_zone_and_a_time_zone_argument_overrides(fx: Fx) -> None:
    ws = fx.ws
    f = ws.schedule_follow_up("Họp", "visit", due_date="2026-11-03", time_zone=BERLIN, at=AT)
    assert ws.follow_up(f)["due_at"] == utc("2026-11-02T23:00:00Z")
    e = raises(clientcare.InvalidInputError, ws.schedule_follow_up, "x", "call", due_date=date(2026, 11, 3), at=AT)
    assert e.details["field"] == "time_zone"
    e = raises(clientcare.InvalidInputError, ws.schedule_follow_up, "x", "call", due_date=date(2026, 11, 3),
               time_zone="Mars/Olympus", at=AT)
    assert e.details["field"] == "time_zone"


def test_completing_a_recurring_follow_up_schedules_the_next_occurrence(fx: Fx) -> None:
    ws = fx.ws
    # A visit on the last Friday of every month at 10:00 in Hồ Chí Minh City, plus Tết.
    spec: clientcare.RecurrenceSpec = {
        "start": datetime(2026, 11, 1, 10, 0),
        "time_zone": HCM,
        "rule": {"freq": "monthly", "by_day": ["-1FR"]},
        "dates": [datetime(2027, 2, 6, 10, 0)],
    }
    first = ws.schedule_follow_up(
        "Thăm khách VIP", "visit", customer=fx.duc, assignee=fx.lan, recurrence=spec, at=AT
    )
    f = ws.follow_up(first)
    assert f["recurrence"] == {
        "start": "2026-11-01T10:00:00",
        "time_zone": HCM,
        "rule": {"freq": "monthly", "by_day": ["-1fr"]},
        "dates": ["2027-02-06T10:00:00"],
    }
    due = [f["due_at"]]
    cur = first
    for i in range(4):
        before = ws.seq
        if i == 1:
            ws.cancel_follow_up(cur, "Khách đi vắng", skip_only=True, at=AT + timedelta(minutes=10 + i))
        else:
            ws.complete_follow_up(cur, at=AT + timedelta(minutes=10 + i))
        events = ws.events(since=before)
        assert len(events) == 2
        nxt = events[-1]["entity"]["id"]
        n = ws.follow_up(nxt)
        assert (n["series"], n["occurrence"]) == (first, i + 2)
        due.append(n["due_at"])
        cur = nxt
    local = [d.astimezone(ZoneInfo(HCM)).strftime("%Y-%m-%d %H:%M") for d in due]
    assert local == [
        "2026-11-27 10:00",
        "2026-12-25 10:00",
        "2027-01-29 10:00",
        "2027-02-06 10:00",
        "2027-02-26 10:00",
    ]
    # Cancelling the series (not just the occurrence) ends it.
    before = ws.seq
    ws.cancel_follow_up(cur, "Ngừng", at=AT + timedelta(minutes=20))
    assert ws.seq == before + 1
    assert [x["status"] for x in ws.follow_ups_of(fx.duc)] == ["done", "cancelled", "done", "done", "cancelled"]
    assert clientcare.Workspace.import_log(ws.export_log(), seed=4) == ws


def test_snooze_and_bad_input(fx: Fx) -> None:
    ws = fx.ws
    a = task(fx, "Gọi lại", "2026-11-02T03:00:00Z")
    before = ws.export_log()
    due = utc("2026-11-02T03:00:00Z")
    never: clientcare.RecurrenceSpec = {
        "start": datetime(2026, 1, 1, 9, 0), "time_zone": HCM,
        "rule": {"freq": "yearly", "by_month": [2], "by_month_day": [31]},
    }
    cases: list[tuple[dict[str, Any], str]] = [
        ({}, "due_at"),
        ({"due_at": due, "due_date": date(2026, 11, 3)}, "due_at"),
        ({"due_date": date(2026, 11, 3), "customer": None}, "time_zone"),
        ({"recurrence": never}, "recurrence.rule"),
        ({"recurrence": {**never, "rule": "FREQ=HOURLY"}}, "recurrence.rule"),
        ({"recurrence": {**never, "time_zone": "Mars/Olympus", "rule": "FREQ=DAILY"}}, "recurrence.time_zone"),
        ({"recurrence": {"start": "2026-01-01", "time_zone": HCM, "rule": "FREQ=DAILY"}}, "recurrence.start"),
        ({"recurrence": {"start": datetime(2026, 1, 1, 9, tzinfo=timezone.utc), "rule": "FREQ=DAILY"}},
         "recurrence.start"),
        ({"recurrence": {"start": datetime(2026, 1, 1, 9), "time_zone": HCM, "rule": "FREQ=DAILY",
                         "dates": [datetime(2026, 2, 1, 9, tzinfo=ZoneInfo(BERLIN))]}}, "recurrence.dates[0]"),
        ({"recurrence": {"start": datetime(2026, 1, 1, 9, tzinfo=ZoneInfo(BERLIN)), "time_zone": HCM,
                         "rule": "FREQ=DAILY"}}, "recurrence.start"),
        ({"recurrence": "FREQ=DAILY"}, "recurrence"),
        ({"due_at": datetime(2026, 11, 2, 9, 0)}, "due_at"),
    ]
    for kwargs, field in cases:
        e = raises(clientcare.InvalidInputError, ws.schedule_follow_up, "x", "call", at=AT,
                   **{"customer": fx.duc, **kwargs})
        assert e.details["field"].startswith(field), (kwargs, e.details)
    raises(clientcare.InvalidInputError, ws.schedule_follow_up, "x", "fax", due_at=due, at=AT)
    raises(clientcare.InvalidInputError, ws.schedule_follow_up, "x", "call", due_at=due, priority="asap", at=AT)
    raises(clientcare.NotFoundError, ws.schedule_follow_up, "x", "call", due_at=due, assignee=fx.duc, at=AT)
    raises(clientcare.NotFoundError, ws.schedule_follow_up, "x", "call", due_at=due,
           links={"opportunity": fx.duc}, at=AT)
    # Snoozing moves later only: after now and after the due time.
    e = raises(clientcare.InvalidInputError, ws.snooze_follow_up, a, utc("2026-11-02T02:30:00Z"), at=utc("2026-11-02T02:00:00Z"))
    assert e.details["field"] == "until"
    raises(clientcare.InvalidInputError, ws.snooze_follow_up, a, utc("2026-11-02T08:00:00Z"), at=AT)
    raises(clientcare.InvalidInputError, ws.snooze_follow_up, a, datetime(2026, 11, 3), at=AT)
    assert ws.export_log() == before
    ws.snooze_follow_up(a, utc("2026-11-02T10:00:00Z"), at=AT)
    t = ws.follow_up(a)
    assert (t["due_at"], t["snoozed"], t["slot"]) == (utc("2026-11-02T10:00:00Z"), 1, due)
    ws.complete_follow_up(a, at=AT)
    e = raises(clientcare.InvalidTransitionError, ws.complete_follow_up, a, at=AT)
    assert e.details["current"] == "done"
    raises(clientcare.InvalidTransitionError, ws.snooze_follow_up, a, utc("2026-11-09T10:00:00Z"), at=AT)
    raises(clientcare.InvalidTransitionError, ws.cancel_follow_up, a, "x", at=AT)
    raises(clientcare.InvalidTransitionError, ws.reassign_follow_up, a, team=None, at=AT)
    # Skipping needs a recurring follow-up; cancelling needs a reason.
    b = task(fx, "Gọi", "2026-11-05T03:00:00Z")
    e = raises(clientcare.InvalidInputError, ws.cancel_follow_up, b, "x", skip_only=True, at=AT)
    assert e.details["field"] == "skip_only"
    raises(clientcare.InvalidInputError, ws.cancel_follow_up, b, " ", at=AT)
    # Agenda arguments.
    e = raises(clientcare.InvalidInputError, ws.agenda, fx.lan, now=AT, within=timedelta(days=-1))
    assert e.details["field"] == "within"
    raises(clientcare.InvalidInputError, ws.agenda, fx.lan, now=AT, within=3600)
    raises(clientcare.InvalidInputError, ws.agenda, fx.lan, now=datetime(2026, 11, 2))
    raises(clientcare.InvalidInputError, ws.agenda, fx.lan, now=AT, limit=-1)
    raises(clientcare.NotFoundError, ws.agenda, fx.duc, now=AT)
    raises(clientcare.NotFoundError, ws.follow_up, fx.duc)


def test_a_zoneinfo_start_gives_the_time_zone(fx: Fx) -> None:
    ws = fx.ws
    spec: clientcare.RecurrenceSpec = {
        "start": datetime(2026, 11, 2, 9, 0, tzinfo=ZoneInfo(BERLIN)),
        "rule": {"freq": "weekly", "until": date(2026, 11, 16)},
        "exdates": [date(2026, 11, 9)],
    }
    f = ws.schedule_follow_up("Báo cáo", "email", recurrence=spec, at=AT)
    rec = ws.follow_up(f)["recurrence"]
    assert rec == {
        "start": "2026-11-02T09:00:00",
        "time_zone": BERLIN,
        "rule": {"freq": "weekly", "until": "2026-11-16T23:59:59"},
        "exdates": ["2026-11-09T09:00:00"],
    }
    assert ws.follow_up(f)["time_zone"] == BERLIN
    assert clientcare.occurrences(spec) == [utc("2026-11-02T08:00:00Z"), utc("2026-11-16T08:00:00Z")]
    # The follow-up's recurrence reads back into the same occurrences.
    assert rec is not None and clientcare.occurrences(rec) == clientcare.occurrences(spec)


def test_occurrences_and_parse_rrule() -> None:
    spec: clientcare.RecurrenceSpec = {"start": "2026-11-06T09:00:00", "time_zone": HCM,
                                       "rule": "FREQ=MONTHLY;INTERVAL=3;BYDAY=-1FR;COUNT=6",
                                       "dates": ["2027-02-06"], "exdates": ["2027-05-28"]}
    every = clientcare.occurrences(spec)
    assert len(every) == 6 and every[1] == utc("2027-02-06T02:00:00Z")
    assert clientcare.occurrences(spec, since=every[2], before=every[4]) == every[2:4]
    assert clientcare.occurrences(spec, limit=2) == every[:2]
    raises(clientcare.InvalidInputError, clientcare.occurrences, spec, limit=0)
    assert clientcare.occurrences(spec, since=every[-1] + timedelta(seconds=1)) == []
    raises(clientcare.InvalidInputError, clientcare.occurrences, spec, since=datetime(2026, 1, 1))
    e = raises(clientcare.InvalidInputError, clientcare.occurrences, {**spec, "rule": "FREQ=WEEKLY;BYDAY=2TU"})
    assert e.details["field"].startswith("recurrence.rule")
    assert clientcare.parse_rrule("RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;UNTIL=20400101") == {
        "freq": "yearly", "by_month_day": [29], "by_month": [2], "until": "2040-01-01T23:59:59",
    }
    for bad, field in [("FREQ=HOURLY", "rule.freq"), ("FREQ=DAILY;BYSETPOS=1", "rule"),
                       ("FREQ=DAILY;COUNT=2;UNTIL=20270101", "rule.count"), ("FREQ=MONTHLY;BYDAY=9FR", "rule.by_day[0]"),
                       ("FREQ=DAILY;UNTIL=20270101T000000Z", "rule.until")]:
        e = raises(clientcare.InvalidInputError, clientcare.parse_rrule, bad)
        assert e.details["field"] == field, (bad, e.details)
    raises(clientcare.InvalidInputError, clientcare.parse_rrule, 42)


# ----- recurrence against python-dateutil


def to_utc(local: datetime, tz: str) -> datetime:
    """The core's rule, which is zoneinfo's ``fold=0``: a local time in a gap
    moves forward by the gap; a repeated local time is its first instant."""
    return local.replace(tzinfo=ZoneInfo(tz), fold=0).astimezone(timezone.utc)


def test_the_conversion_rule_is_the_documented_one() -> None:
    # Berlin, spring forward on 2027-03-28: 02:30 does not exist -> 03:30 CEST.
    gap = to_utc(datetime(2027, 3, 28, 2, 30), BERLIN)
    assert gap == utc("2027-03-28T01:30:00Z")
    assert gap.astimezone(ZoneInfo(BERLIN)).replace(tzinfo=None) == datetime(2027, 3, 28, 3, 30)
    # Berlin, fall back on 2026-10-25: 02:30 happens twice -> the first (CEST).
    assert to_utc(datetime(2026, 10, 25, 2, 30), BERLIN) == utc("2026-10-25T00:30:00Z")


Rule = Union[str, clientcare.RuleSpec, None]


@dataclass
class Case:
    name: str
    start: datetime
    time_zone: str
    rrule: Optional[str]  # what dateutil expands
    rule: Rule = None  # what clientcare is given (default: the same RRULE text)
    dates: tuple[Union[date, datetime], ...] = ()
    exdates: tuple[Union[date, datetime], ...] = ()
    take: int = 12


CASES = [
    Case("daily interval 2 count", datetime(2026, 11, 6, 9, 0), HCM, "FREQ=DAILY;INTERVAL=2;COUNT=10"),
    Case("daily across the Berlin spring-forward gap", datetime(2027, 3, 25, 2, 30), BERLIN,
         "FREQ=DAILY;COUNT=6"),
    Case("daily across the Berlin fall-back overlap", datetime(2026, 10, 23, 2, 30), BERLIN,
         "FREQ=DAILY;COUNT=5"),
    Case("daily weekdays", datetime(2026, 11, 6, 8, 0), HCM, "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR",
         rule={"freq": "daily", "by_day": ["mo", "tu", "we", "th", "fr"]}, take=15),
    Case("weekly Mon Wed Fri from a Wednesday", datetime(2026, 11, 4, 17, 0), HCM,
         "FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=12"),
    Case("weekly interval 2 Tue Sun WKST=MO", datetime(2026, 11, 3, 9, 0), BERLIN,
         "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SU;WKST=MO",
         rule={"freq": "weekly", "interval": 2, "by_day": ["tu", "su"], "week_start": "mo"}, take=10),
    Case("weekly interval 2 Tue Sun WKST=SU", datetime(2026, 11, 3, 9, 0), BERLIN,
         "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SU;WKST=SU", take=10),
    Case("weekly Sundays 02:30 across the Berlin gap", datetime(2027, 3, 14, 2, 30), BERLIN,
         "FREQ=WEEKLY;BYDAY=SU;COUNT=4"),
    Case("monthly last Friday", datetime(2026, 11, 1, 10, 0), HCM, "FREQ=MONTHLY;BYDAY=-1FR"),
    Case("monthly second Tuesday", datetime(2026, 11, 6, 9, 0), BERLIN, "FREQ=MONTHLY;BYDAY=2TU;COUNT=12",
         rule={"freq": "monthly", "by_day": ["2tu"], "count": 12}),
    Case("monthly last day", datetime(2026, 11, 6, 9, 0), HCM, "FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=14"),
    Case("monthly on the 31st skips short months", datetime(2026, 10, 31, 18, 0), BERLIN,
         "FREQ=MONTHLY;BYMONTHDAY=31", take=8),
    Case("monthly from the 31st by default", datetime(2027, 1, 31, 9, 0), HCM, "FREQ=MONTHLY;COUNT=7"),
    Case("monthly last Sunday 02:30 in Berlin", datetime(2027, 1, 1, 2, 30), BERLIN,
         "FREQ=MONTHLY;BYDAY=-1SU;COUNT=12"),
    Case("yearly on Feb 29", datetime(2026, 11, 6, 9, 0), HCM, "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", take=4),
    Case("yearly from a leap day", datetime(2028, 2, 29, 9, 0), BERLIN, "FREQ=YEARLY;COUNT=3"),
    Case("yearly last Sunday of March 02:30 (gap)", datetime(2027, 1, 1, 2, 30), BERLIN,
         "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU;COUNT=5"),
    Case("yearly last Sunday of October 02:30 (overlap)", datetime(2027, 1, 1, 2, 30), BERLIN,
         "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU;COUNT=5"),
    Case("weekly until a local time, inclusive", datetime(2026, 12, 1, 9, 0), BERLIN,
         "FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20261217T090000",
         rule={"freq": "weekly", "by_day": ["tu", "th"], "until": datetime(2026, 12, 17, 9, 0)}),
    Case("daily until a date (the whole day)", datetime(2026, 12, 20, 9, 0), HCM,
         "FREQ=DAILY;UNTIL=20261225T235959", rule={"freq": "daily", "until": date(2026, 12, 25)}),
    Case("monthly visits plus Lunar New Year, minus two", datetime(2026, 11, 1, 9, 0), HCM,
         "FREQ=MONTHLY;BYMONTHDAY=1;COUNT=18",
         dates=(date(2027, 2, 6), datetime(2028, 1, 26, 10, 0)),
         exdates=(date(2027, 2, 1), datetime(2028, 1, 1, 9, 0)), take=30),
    Case("extra date before the start, excluded extra date", datetime(2026, 11, 6, 9, 0), BERLIN,
         "FREQ=WEEKLY;COUNT=4",
         dates=(datetime(2026, 10, 1, 15, 0), datetime(2026, 11, 10, 10, 0), date(2026, 11, 13)),
         exdates=(datetime(2026, 11, 10, 10, 0),)),
    Case("exdate at a gap time", datetime(2027, 3, 25, 2, 30), BERLIN, "FREQ=DAILY;COUNT=8",
         exdates=(datetime(2027, 3, 28, 2, 30),)),
    Case("only explicit dates", datetime(2027, 2, 6, 9, 0), HCM, None,
         dates=(date(2027, 2, 6), date(2028, 1, 26), datetime(2029, 2, 13, 10, 30), datetime(2026, 12, 31, 23, 0))),
]


def dateutil_expansion(c: Case) -> list[datetime]:
    from dateutil.rrule import rruleset, rrulestr

    def local(d: Union[date, datetime]) -> datetime:
        return d if isinstance(d, datetime) else datetime.combine(d, c.start.time())

    rset = rruleset()
    if c.rrule is not None:
        rset.rrule(rrulestr(c.rrule, dtstart=c.start))
    for d in c.dates:
        rset.rdate(local(d))
    for d in c.exdates:
        rset.exdate(local(d))
    return [to_utc(o, c.time_zone) for o in islice(rset, c.take)]


def spec_of(c: Case) -> clientcare.RecurrenceSpec:
    spec: clientcare.RecurrenceSpec = {"start": c.start, "time_zone": c.time_zone}
    rule = c.rule if c.rule is not None else c.rrule
    if rule is not None:
        spec["rule"] = rule
    if c.dates:
        spec["dates"] = list(c.dates)
    if c.exdates:
        spec["exdates"] = list(c.exdates)
    return spec


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_recurring_follow_ups_match_dateutil(case: Case, ws: clientcare.Workspace) -> None:
    pytest.importorskip("dateutil")
    expected = dateutil_expansion(case)
    assert expected, case.name
    spec = spec_of(case)
    assert clientcare.occurrences(spec, limit=case.take) == expected
    lan = ws.register_agent("Lan", at=AT)
    first = ws.schedule_follow_up(case.name[:300], "call", recurrence=spec, assignee=lan, at=AT)
    due: list[datetime] = []
    cur: Optional[str] = first
    n = 0
    while cur is not None and n < case.take:
        f = ws.follow_up(cur)
        assert (f["series"], f["occurrence"], f["status"]) == (first, n + 1, "open")
        due.append(f["slot"])
        assert f["due_at"] == f["slot"]
        if n % 3 == 1:
            # Snooze, then skip: the series keeps its rhythm.
            ws.snooze_follow_up(cur, max(f["due_at"], AT) + timedelta(hours=1), at=AT)
            assert ws.follow_up(cur)["slot"] == due[-1]
            before = ws.seq
            ws.cancel_follow_up(cur, "vắng nhà", skip_only=True, at=AT)
        else:
            before = ws.seq
            ws.complete_follow_up(cur, outcome=f"lần {n + 1}", at=AT)
        new = ws.events(since=before)
        cur = new[-1]["entity"]["id"] if new[-1]["payload"]["type"] == "follow_up_scheduled" else None
        n += 1
    assert due == expected, case.name
    if len(expected) < case.take:
        assert cur is None, f"{case.name}: the series ended with its last occurrence"
    assert clientcare.Workspace.import_log(ws.export_log(), seed=9) == ws
