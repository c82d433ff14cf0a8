#!/usr/bin/env python3
"""Reference occurrences for clientcare's recurrence engine, from python-dateutil.

Writes crates/core/tests/fixtures/rrule_cases.json: each case is a recurrence
spec exactly as a user writes it for `clientcare::followup::recurrence`
(start as local wall-clock time, IANA zone, RRULE text, extra and excluded
dates, which may be plain dates meaning the start's time of day) plus the
occurrences computed here, as UTC instants. `crates/core/tests/recurrence.rs`
expands every case with the Rust engine and compares.

How the expected instants are computed:
  1. dateutil expands on naive local datetimes: `rrulestr(rule, dtstart=start)`
     inside an `rruleset` with the dates as `rdate` and the exdates as `exdate`
     (COUNT applies to the rule alone; exdates remove matching datetimes).
  2. Each local datetime is converted to UTC with `zoneinfo`, using the
     engine's rules, computed independently here and cross-checked against
     zoneinfo's `fold=0`: a time that occurs twice takes its earlier instant;
     a time in a gap (clocks forward) moves forward by the gap's length, i.e.
     it is read with the offset in force before the gap.

Two deliberate differences from dateutil are kept out of the cases (they are
unit-tested in Rust instead): a date-only UNTIL means the whole day in
clientcare (dateutil: midnight at its start; this script passes dateutil
`T235959` for such cases), and a BYDAY list mixing plain and ordinal weekdays
(clientcare: union, per RFC 5545; dateutil: intersection).

Regenerate (from the repository root, after `scripts/setup.sh` created .venv
with python-dateutil):

    .venv/bin/python scripts/gen-rrule-fixture.py

The output is deterministic for a given dateutil version and tz database.
Cases stay before 2099, where chrono-tz's rules end.
"""

from __future__ import annotations

import json
import re
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import dateutil
from dateutil.rrule import rruleset, rrulestr

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "crates" / "core" / "tests" / "fixtures" / "rrule_cases.json"

# Occurrences taken from a rule without end (series with COUNT or UNTIL are
# taken whole, up to MAX_TAKE).
DEFAULT_TAKE = 12
MAX_TAKE = 60

HCM = "Asia/Ho_Chi_Minh"
BERLIN = "Europe/Berlin"
NY = "America/New_York"
LORD_HOWE = "Australia/Lord_Howe"


def case(name, start, time_zone, rule, dates=(), exdates=(), take=None):
    if take is None:
        ends = rule is None or "COUNT=" in rule or "UNTIL=" in rule
        take = MAX_TAKE if ends else DEFAULT_TAKE
    return {
        "name": name,
        "start": start,
        "time_zone": time_zone,
        "rule": rule,
        "dates": list(dates),
        "exdates": list(exdates),
        "take": take,
    }


CASES = [
    # ---- daily
    case("daily count", "2026-11-06T09:00:00", HCM, "FREQ=DAILY;COUNT=10"),
    case("daily interval 3", "2026-11-06T14:30:00", HCM, "FREQ=DAILY;INTERVAL=3"),
    case("daily across Berlin spring-forward gap", "2026-03-26T02:30:00", BERLIN,
         "FREQ=DAILY;COUNT=6"),
    case("daily across Berlin fall-back overlap", "2026-10-22T02:30:00", BERLIN,
         "FREQ=DAILY;COUNT=6"),
    case("daily across New York gap", "2026-03-05T02:30:00", NY, "FREQ=DAILY;COUNT=6"),
    case("daily across New York overlap", "2026-10-29T01:30:00", NY, "FREQ=DAILY;COUNT=6"),
    case("daily Lord Howe 30-minute gap", "2026-10-01T02:15:00", LORD_HOWE,
         "FREQ=DAILY;COUNT=6"),
    case("daily weekdays only", "2026-11-06T08:00:00", HCM,
         "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR;COUNT=15"),
    case("daily only on Feb 29", "2026-01-01T09:00:00", BERLIN,
         "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29", take=5),
    case("daily until inclusive", "2026-12-20T09:00:00", HCM,
         "FREQ=DAILY;UNTIL=20261231T090000"),
    case("daily until one second early", "2026-12-20T09:00:00", HCM,
         "FREQ=DAILY;UNTIL=20261231T085959"),
    case("daily until a date (whole day)", "2026-12-20T09:00:00", BERLIN,
         "FREQ=DAILY;UNTIL=20261225"),
    case("daily interval 10 on the 1st and 15th", "2026-01-01T10:00:00", NY,
         "FREQ=DAILY;INTERVAL=10;BYMONTHDAY=1,15", take=10),
    case("daily interval 2 in December", "2026-11-28T07:00:00", BERLIN,
         "FREQ=DAILY;INTERVAL=2;BYMONTH=12", take=20),
    # ---- weekly
    case("weekly on the start's weekday", "2026-11-06T09:00:00", HCM, "FREQ=WEEKLY;COUNT=8"),
    case("weekly Mon Wed Fri from a Wednesday", "2026-11-04T17:00:00", HCM,
         "FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=12"),
    case("RFC 5545 weekly interval 2 WKST=MO", "1997-08-05T09:00:00", NY,
         "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO"),
    case("RFC 5545 weekly interval 2 WKST=SU", "1997-08-05T09:00:00", NY,
         "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU"),
    case("weekly interval 2 Tue Sun WKST=MO", "2026-11-03T09:00:00", BERLIN,
         "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SU;WKST=MO", take=10),
    case("weekly interval 2 Tue Sun WKST=SU", "2026-11-03T09:00:00", BERLIN,
         "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SU;WKST=SU", take=10),
    case("weekly interval 3 WKST=SA across the year", "2026-12-24T11:00:00", NY,
         "FREQ=WEEKLY;INTERVAL=3;BYDAY=FR,SA,MO;WKST=SA", take=12),
    case("weekly interval 2 across the year end", "2026-12-28T09:00:00", HCM,
         "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH", take=10),
    case("weekly Saturdays in January and July", "2026-01-01T10:00:00", HCM,
         "FREQ=WEEKLY;BYMONTH=1,7;BYDAY=SA;COUNT=12"),
    case("weekly Sundays across the Berlin gap", "2026-03-15T02:30:00", BERLIN,
         "FREQ=WEEKLY;BYDAY=SU;COUNT=6"),
    case("weekly on month days 1 and 15", "2026-11-06T09:00:00", HCM,
         "FREQ=WEEKLY;BYMONTHDAY=1,15;COUNT=6"),
    # ---- monthly
    case("monthly last Friday", "2026-11-06T09:00:00", HCM, "FREQ=MONTHLY;BYDAY=-1FR;COUNT=12"),
    case("monthly last Friday, start not matching", "2026-01-06T09:00:00", BERLIN,
         "FREQ=MONTHLY;BYDAY=-1FR", take=6),
    case("monthly second Tuesday", "2026-11-06T09:00:00", NY, "FREQ=MONTHLY;BYDAY=2TU;COUNT=12"),
    case("monthly second-to-last Monday", "2026-11-06T09:00:00", BERLIN,
         "FREQ=MONTHLY;BYDAY=-2MO;COUNT=8"),
    case("monthly first Monday and last Friday", "2026-11-06T09:00:00", HCM,
         "FREQ=MONTHLY;BYDAY=1MO,-1FR;COUNT=10"),
    case("monthly fifth Friday", "2026-01-01T09:00:00", HCM, "FREQ=MONTHLY;BYDAY=5FR;COUNT=8"),
    case("monthly on the 31st skips short months", "2026-01-31T09:00:00", HCM,
         "FREQ=MONTHLY;BYMONTHDAY=31;COUNT=10"),
    case("monthly from the 31st by default", "2026-01-31T18:00:00", NY,
         "FREQ=MONTHLY;COUNT=8"),
    case("monthly on the 30th skips February", "2027-01-30T09:00:00", BERLIN,
         "FREQ=MONTHLY;BYMONTHDAY=30", take=6),
    case("monthly last and third-to-last day", "2026-11-06T09:00:00", HCM,
         "FREQ=MONTHLY;BYMONTHDAY=-1,-3;COUNT=10"),
    case("Friday the 13th", "2026-01-01T09:00:00", NY, "FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13;COUNT=8"),
    case("monthly interval 3 on the 15th", "2026-11-06T09:00:00", HCM,
         "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=15;COUNT=8"),
    case("monthly interval 2 on the last day", "2026-01-31T09:00:00", BERLIN,
         "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=-1", take=8),
    case("quarterly first Monday via BYMONTH", "2026-01-01T09:00:00", NY,
         "FREQ=MONTHLY;BYMONTH=3,6,9,12;BYDAY=1MO;COUNT=8"),
    case("monthly every weekend day", "2026-11-06T09:00:00", HCM, "FREQ=MONTHLY;BYDAY=SA,SU;COUNT=10"),
    case("monthly weekdays among the 1st to 3rd", "2026-11-06T09:00:00", BERLIN,
         "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYMONTHDAY=1,2,3;COUNT=12"),
    case("monthly last Friday until end of 2027", "2026-11-06T09:00:00", HCM,
         "FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20271231T235959"),
    case("monthly last Sunday 02:30 in Berlin", "2026-01-01T02:30:00", BERLIN,
         "FREQ=MONTHLY;BYDAY=-1SU;COUNT=12"),
    # ---- yearly
    case("yearly on Feb 29 from a leap day", "2028-02-29T09:00:00", HCM, "FREQ=YEARLY;COUNT=5"),
    case("yearly Feb 29 from 2026", "2026-01-01T09:00:00", NY,
         "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", take=5),
    case("yearly Thanksgiving", "2026-01-01T12:00:00", NY,
         "FREQ=YEARLY;BYMONTH=11;BYDAY=4TH;COUNT=6"),
    case("yearly 20th Monday of the year", "2026-01-01T09:00:00", HCM,
         "FREQ=YEARLY;BYDAY=20MO;COUNT=5"),
    case("yearly last Sunday of the year", "2026-01-01T09:00:00", BERLIN,
         "FREQ=YEARLY;BYDAY=-1SU;COUNT=5"),
    case("yearly every Monday in January", "2026-11-06T09:00:00", HCM,
         "FREQ=YEARLY;BYMONTH=1;BYDAY=MO;COUNT=10"),
    case("yearly interval 2 last day of March and September", "2026-01-01T09:00:00", NY,
         "FREQ=YEARLY;INTERVAL=2;BYMONTH=3,9;BYMONTHDAY=-1;COUNT=8"),
    case("yearly on the 1st of every month", "2026-11-06T09:00:00", HCM,
         "FREQ=YEARLY;BYMONTHDAY=1;COUNT=14"),
    case("yearly by default from the start", "2026-11-06T09:00:00", HCM, "FREQ=YEARLY;COUNT=4"),
    case("yearly last Sunday of October 02:30 Berlin (overlap)", "2026-01-01T02:30:00",
         BERLIN, "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU;COUNT=5"),
    case("yearly last Sunday of March 02:30 Berlin (gap)", "2026-01-01T02:30:00", BERLIN,
         "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU;COUNT=5"),
    case("yearly second Sunday of March 02:30 New York (gap)", "2026-01-01T02:30:00", NY,
         "FREQ=YEARLY;BYMONTH=3;BYDAY=2SU;COUNT=5"),
    case("yearly first Sunday of November 01:30 New York (overlap)", "2026-01-01T01:30:00",
         NY, "FREQ=YEARLY;BYMONTH=11;BYDAY=1SU;COUNT=5"),
    case("yearly interval 3 second-to-last Friday of the year", "2026-01-01T16:00:00", HCM,
         "FREQ=YEARLY;INTERVAL=3;BYDAY=-2FR;COUNT=4"),
    # ---- extra and excluded dates
    case("monthly visits plus Lunar New Year", "2026-11-01T09:00:00", HCM,
         "FREQ=MONTHLY;BYMONTHDAY=1;COUNT=18",
         dates=["2027-02-06", "2028-01-26"], exdates=["2027-02-01", "2028-01-01T09:00:00"]),
    case("extra date before the start and an excluded extra date", "2026-11-06T09:00:00",
         BERLIN, "FREQ=WEEKLY;COUNT=4",
         dates=["2026-10-01T15:00:00", "2026-11-10T10:00:00", "2026-11-13"],
         exdates=["2026-11-10T10:00:00"]),
    case("COUNT counts the rule, before exdates", "2026-11-06T09:00:00", NY,
         "FREQ=WEEKLY;COUNT=6", exdates=["2026-11-13", "2026-11-27"]),
    case("only explicit dates", "2027-02-06T09:00:00", HCM, None,
         dates=["2027-02-06", "2028-01-26", "2029-02-13T10:30:00", "2026-12-31T23:00:00"]),
    case("until a date with extra dates after it", "2026-12-01T09:00:00", BERLIN,
         "FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20261217",
         dates=["2027-01-05", "2026-12-24T18:00:00"], exdates=["2026-12-08"]),
    case("exdate at a gap time", "2026-03-22T02:30:00", BERLIN, "FREQ=DAILY;COUNT=10",
         exdates=["2026-03-29T02:30:00", "2026-03-31"]),
]


def to_utc(naive: datetime, tz: str) -> datetime:
    """The engine's rule: repeated time -> earlier instant; gap -> forward by the gap."""
    z = ZoneInfo(tz)
    candidates = []
    for fold in (0, 1):
        u = naive.replace(tzinfo=z, fold=fold).astimezone(timezone.utc)
        if u.astimezone(z).replace(tzinfo=None) == naive:
            candidates.append(u)
    if candidates:
        result = min(candidates)
    else:
        # A gap: find the first wall-clock time after it, then read `naive`
        # with the offset in force just before the transition.
        later = naive
        while True:
            later += timedelta(minutes=1)
            u = later.replace(tzinfo=z, fold=0).astimezone(timezone.utc)
            if u.astimezone(z).replace(tzinfo=None) == later:
                break
        transition = u - (later - later.replace(second=0, microsecond=0))
        offset_before = (transition - timedelta(seconds=1)).astimezone(z).utcoffset()
        result = (naive - offset_before).replace(tzinfo=timezone.utc)
        shifted = result.astimezone(z).replace(tzinfo=None)
        assert shifted > naive, (naive, shifted)
    # Cross-check: zoneinfo's fold=0 is the same rule.
    fold0 = naive.replace(tzinfo=z, fold=0).astimezone(timezone.utc)
    assert fold0 == result, (naive, tz, fold0, result)
    return result


def local(text: str, start: datetime) -> datetime:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return datetime.combine(date.fromisoformat(text), start.time())
    return datetime.fromisoformat(text)


def for_dateutil(rule: str) -> str:
    """clientcare reads a date-only UNTIL as the whole day; dateutil as midnight."""
    return re.sub(r"UNTIL=(\d{8})(?=;|$)", r"UNTIL=\1T235959", rule)


def expand(c: dict) -> dict:
    start = datetime.fromisoformat(c["start"])
    rset = rruleset()
    if c["rule"] is not None:
        rset.rrule(rrulestr(for_dateutil(c["rule"]), dtstart=start))
    for d in c["dates"]:
        rset.rdate(local(d, start))
    for d in c["exdates"]:
        rset.exdate(local(d, start))
    take = c.pop("take")
    out = []
    complete = True
    for i, occurrence in enumerate(rset):
        if i == take:
            complete = False
            break
        out.append(occurrence)
    instants = [to_utc(o, c["time_zone"]) for o in out]
    for a, b in zip(instants, instants[1:]):
        assert a < b, f"{c['name']}: instants not increasing ({a} >= {b})"
    c["complete"] = complete
    c["occurrences"] = [u.strftime("%Y-%m-%dT%H:%M:%SZ") for u in instants]
    return c


def main() -> int:
    cases = [expand(dict(c)) for c in CASES]
    names = [c["name"] for c in cases]
    assert len(set(names)) == len(names), "case names must be unique"
    doc = {
        "generator": "scripts/gen-rrule-fixture.py",
        "reference": f"python-dateutil {dateutil.__version__} rrulestr/rruleset, "
                     f"zoneinfo (Python {sys.version.split()[0]})",
        "utc_rule": "repeated local time: earlier instant; local time in a gap: moved "
                    "forward by the gap (zoneinfo fold=0)",
        "cases": cases,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    total = sum(len(c["occurrences"]) for c in cases)
    print(f"wrote {len(cases)} cases, {total} occurrences to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
