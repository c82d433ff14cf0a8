//! Recurrence rules for follow-ups: every case of the python-dateutil
//! reference fixture (`scripts/gen-rrule-fixture.py`), validation errors and
//! JSON forms, and property tests: strictly increasing occurrences,
//! `next_after(t) > t`, agreement of `next_after` / `iter_from` / `between`,
//! round trips, and agreement with a day-by-day reference expansion written
//! independently here.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{
    DateTime, Datelike, LocalResult, NaiveDate, NaiveDateTime, Offset, TimeDelta, TimeZone, Utc,
    Weekday,
};
use chrono_tz::Tz;
use clientcare::followup::recurrence::{
    Frequency, Recurrence, RecurrenceSpec, RuleSpec, WeekdayNum,
};
use clientcare::Error;
use proptest::prelude::*;
use serde_json::{json, Value};

// ---------------------------------------------------------------- helpers

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn all(r: &Recurrence, n: usize) -> Vec<DateTime<Utc>> {
    r.iter_from(DateTime::<Utc>::MIN_UTC).take(n).collect()
}

fn field(e: &Error) -> String {
    match e {
        Error::InvalidInput { field, .. } => field.clone(),
        other => panic!("expected invalid_input, got {other}"),
    }
}

fn from_json(v: Value) -> Result<Recurrence, String> {
    serde_json::from_value::<RecurrenceSpec>(v)
        .map_err(|e| e.to_string())
        .and_then(|s| Recurrence::new(s).map_err(|e| e.to_string()))
}

// ---------------------------------------------------------------- fixture

const FIXTURE: &str = include_str!("fixtures/rrule_cases.json");

#[test]
fn every_dateutil_case_matches() {
    let doc: Value = serde_json::from_str(FIXTURE).unwrap();
    let cases = doc["cases"].as_array().unwrap();
    assert!(cases.len() >= 40, "{} cases", cases.len());
    let mut compared = 0;
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let mut spec = json!({
            "start": case["start"],
            "time_zone": case["time_zone"],
            "dates": case["dates"],
            "exdates": case["exdates"],
        });
        if !case["rule"].is_null() {
            spec["rule"] = case["rule"].clone();
        }
        let r = from_json(spec).unwrap_or_else(|e| panic!("{name}: {e}"));
        let expected: Vec<DateTime<Utc>> = case["occurrences"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| utc(v.as_str().unwrap()))
            .collect();
        let n = expected.len();
        let complete = case["complete"].as_bool().unwrap();

        // iter_from the beginning.
        let mut it = r.iter_from(DateTime::<Utc>::MIN_UTC);
        let got: Vec<_> = it.by_ref().take(n).collect();
        assert_eq!(got, expected, "{name}: iter_from");
        if complete {
            assert_eq!(it.next(), None, "{name}: the series should end there");
        }
        assert_eq!(r.first(), expected.first().copied(), "{name}: first");

        // next_after chains through the same instants.
        let mut t = DateTime::<Utc>::MIN_UTC;
        for (i, &e) in expected.iter().enumerate() {
            let next = r
                .next_after(t)
                .unwrap_or_else(|| panic!("{name}: next_after #{i}"));
            assert_eq!(next, e, "{name}: next_after #{i}");
            assert_eq!(r.iter_from(e).next(), Some(e), "{name}: iter_from({e})");
            t = next;
        }
        if complete {
            assert_eq!(r.next_after(t), None, "{name}: after the last");
        }

        // between over the whole span, and a window in the middle.
        let (a, b) = (expected[0], expected[n - 1] + TimeDelta::seconds(1));
        assert_eq!(r.between(a, b, usize::MAX), expected, "{name}: between");
        if n > 4 {
            assert_eq!(
                r.between(expected[1], expected[n - 2], usize::MAX),
                expected[1..n - 2],
                "{name}: between (window)"
            );
            assert_eq!(r.between(a, b, 3), expected[..3], "{name}: between (limit)");
        }

        // The rule text round-trips, and so does the JSON.
        if let Some(rule) = &r.spec().rule {
            let text = rule.to_string();
            assert_eq!(
                &Recurrence::parse_rrule(&text).unwrap(),
                rule,
                "{name}: {text}"
            );
        }
        let back: Recurrence = serde_json::from_value(serde_json::to_value(&r).unwrap()).unwrap();
        assert_eq!(back, r, "{name}: JSON round trip");
        compared += n;
    }
    assert!(compared >= 400, "{compared} occurrences compared");
}

// ---------------------------------------------------------------- scenarios

#[test]
fn a_follow_up_plan_in_ho_chi_minh_city() {
    // Monthly check-in on the 1st at 09:00 for 18 months, plus Lunar New Year
    // visits, not on New Year's Day 2028.
    let r = from_json(json!({
        "start": "2026-11-01T09:00:00",
        "time_zone": "Asia/Ho_Chi_Minh",
        "rule": {"freq": "monthly", "by_month_day": [1], "count": 18},
        "dates": ["2027-02-06", "2028-01-26"],
        "exdates": ["2028-01-01"]
    }))
    .unwrap();
    let got = all(&r, 100);
    assert_eq!(got.len(), 18 + 2 - 1);
    assert_eq!(got[0], utc("2026-11-01T02:00:00Z"));
    assert!(got.contains(&utc("2027-02-06T02:00:00Z")));
    assert!(!got.contains(&utc("2028-01-01T02:00:00Z")));
    assert_eq!(*got.last().unwrap(), utc("2028-04-01T02:00:00Z"));
}

#[test]
fn dst_rules_gap_moves_forward_overlap_takes_the_first() {
    // 02:30 daily in Berlin: on 2026-03-29 it does not exist (03:30 CEST),
    // on 2026-10-25 it happens twice (the CEST one).
    let r = from_json(json!({
        "start": "2026-03-28T02:30:00", "time_zone": "Europe/Berlin", "rule": "FREQ=DAILY"
    }))
    .unwrap();
    let got = all(&r, 3);
    assert_eq!(
        got,
        [
            utc("2026-03-28T01:30:00Z"),
            utc("2026-03-29T01:30:00Z"),
            utc("2026-03-30T00:30:00Z")
        ]
    );
    let oct = r.between(utc("2026-10-24T00:00:00Z"), utc("2026-10-27T00:00:00Z"), 10);
    assert_eq!(
        oct,
        [
            utc("2026-10-24T00:30:00Z"),
            utc("2026-10-25T00:30:00Z"),
            utc("2026-10-26T01:30:00Z")
        ]
    );
}

#[test]
fn invalid_input_names_the_field() {
    let base = |rule: Value| json!({"start": "2026-11-06T09:00:00", "time_zone": "Europe/Berlin", "rule": rule});
    let cases = [
        (
            base(json!({"freq": "daily", "interval": 0})),
            "rule.interval",
        ),
        (base(json!({"freq": "daily", "count": 0})), "rule.count"),
        (
            base(json!({"freq": "daily", "count": 3, "until": "2027-01-01"})),
            "rule.count",
        ),
        (
            base(json!({"freq": "monthly", "by_month_day": [5, 0]})),
            "rule.by_month_day[1]",
        ),
        (
            base(json!({"freq": "monthly", "by_month_day": [32]})),
            "rule.by_month_day[0]",
        ),
        (
            base(json!({"freq": "yearly", "by_month": [0]})),
            "rule.by_month[0]",
        ),
        (
            base(json!({"freq": "monthly", "by_day": ["mo", "-6fr"]})),
            "rule.by_day[1]",
        ),
        (
            base(json!({"freq": "monthly", "by_day": ["0fr"]})),
            "rule.by_day[0]",
        ),
        (
            base(json!({"freq": "yearly", "by_day": ["54fr"]})),
            "rule.by_day[0]",
        ),
        (
            base(json!({"freq": "weekly", "by_day": ["2fr"]})),
            "rule.by_day[0]",
        ),
        (
            base(json!({"freq": "daily", "by_day": ["we", "-1fr"]})),
            "rule.by_day[1]",
        ),
        (
            base(json!({"freq": "daily", "until": "2026-11-05"})),
            "rule.until",
        ),
        (base(json!("FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=31")), "rule"),
        (
            base(json!("FREQ=YEARLY;BYMONTH=4,6,9,11;BYMONTHDAY=31")),
            "rule",
        ),
        (
            base(json!("FREQ=WEEKLY;INTERVAL=2;BYMONTHDAY=31;BYMONTH=2")),
            "rule",
        ),
        (
            base(json!("FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20261126")),
            "rule.until",
        ),
        (
            json!({"start": "2026-11-06T09:00:00", "time_zone": "Europe/Berlín", "rule": "FREQ=DAILY"}),
            "time_zone",
        ),
        (
            json!({"start": "2026-11-06T09:00:00", "time_zone": "UTC", "dates": []}),
            "rule",
        ),
        (
            json!({"start": "2026-11-06T09:00:00", "time_zone": "UTC",
                   "dates": ["2026-11-07", "0000-06-01T09:00:00"]}),
            "dates[1]",
        ),
        (
            json!({"start": "2026-11-06T09:00:00", "time_zone": "UTC", "rule": "FREQ=DAILY",
                   "exdates": ["0000-06-01"]}),
            "exdates[0]",
        ),
        (
            json!({"start": "2026-11-06T09:00:00", "time_zone": "UTC",
                   "rule": "FREQ=DAILY;COUNT=2", "exdates": ["2026-11-06", "2026-11-07"]}),
            "exdates",
        ),
    ];
    for (spec, expected) in cases {
        let parsed: RecurrenceSpec = serde_json::from_value(spec.clone()).unwrap();
        let err = Recurrence::new(parsed).unwrap_err();
        assert_eq!(err.code(), "invalid_input");
        assert_eq!(field(&err), expected, "{spec}: {err}");
        assert!(err.to_string().len() > 40, "a helpful message: {err}");
    }
}

#[test]
fn json_rejects_malformed_values_with_a_reason() {
    let cases = [
        (
            json!({"start": "2026-11-06", "time_zone": "UTC", "rule": "FREQ=DAILY"}),
            "time of day",
        ),
        (
            json!({"start": "2026-11-06T09:00:00Z", "time_zone": "UTC", "rule": "FREQ=DAILY"}),
            "without offset",
        ),
        (
            json!({"start": "2026-11-06T09:00:00", "time_zone": "UTC", "rule": "FREQ=DAILY",
                   "dates": ["next tuesday"]}),
            "YYYY-MM-DD",
        ),
        (
            json!({"start": "2026-11-06T09:00:00", "time_zone": "UTC", "rule": "FREQ=SOMETIMES"}),
            "DAILY, WEEKLY, MONTHLY or YEARLY",
        ),
        (
            json!({"start": "2026-11-06T09:00:00", "time_zone": "UTC", "rule": "FREQ=DAILY;BYHOUR=9"}),
            "not supported",
        ),
        (
            json!({"start": "2026-11-06T09:00:00", "time_zone": "UTC",
                   "rule": {"freq": "weekly", "by_day": ["funday"]}}),
            "weekday code",
        ),
        (
            json!({"start": "2026-11-06T09:00:00", "time_zone": "UTC",
                   "rule": {"freq": "weekly", "week_start": "caturday"}}),
            "week_start",
        ),
        (
            json!({"start": "2026-11-06T09:00:00", "time_zone": "UTC",
                   "rule": {"freq": "weekly", "bogus": 1}}),
            "unknown field",
        ),
        (
            json!({"start": "2026-11-06T09:00:00", "time_zone": "UTC", "rule": 7}),
            "RRULE text",
        ),
    ];
    for (spec, needle) in cases {
        let err = serde_json::from_value::<RecurrenceSpec>(spec.clone()).unwrap_err();
        assert!(err.to_string().contains(needle), "{spec}: {err}");
    }
}

#[test]
fn json_forms_and_normalisation() {
    let r = from_json(json!({
        "start": "2026-11-06T09:00",
        "time_zone": " Asia/Ho_Chi_Minh ",
        "rule": {"freq": "MONTHLY", "by_day": ["-1FR", "+1mo", "-1fr"], "by_month": [12, 3, 3],
                 "interval": 1, "week_start": "sunday"},
        "dates": ["2027-02-06", "2027-02-06T09:00:00"],
        "exdates": ["2027-03-29", "2027-03-01"]
    }))
    .unwrap();
    assert_eq!(
        serde_json::to_value(&r).unwrap(),
        json!({
            "start": "2026-11-06T09:00:00",
            "time_zone": "Asia/Ho_Chi_Minh",
            "rule": {"freq": "monthly", "by_day": ["1mo", "-1fr"], "by_month": [3, 12],
                     "week_start": "su"},
            "dates": ["2027-02-06T09:00:00"],
            "exdates": ["2027-03-01T09:00:00", "2027-03-29T09:00:00"]
        })
    );
    assert_eq!(
        r.spec().rule.as_ref().unwrap().to_string(),
        "FREQ=MONTHLY;BYMONTH=3,12;BYDAY=1MO,-1FR;WKST=SU"
    );
    let rule = RuleSpec {
        by_day: vec![WeekdayNum::nth(-1, Weekday::Fri)],
        count: Some(6),
        ..RuleSpec::new(Frequency::Monthly)
    };
    assert_eq!(rule.to_string(), "FREQ=MONTHLY;BYDAY=-1FR;COUNT=6");
    assert_eq!(
        Recurrence::parse_rrule("FREQ=MONTHLY;BYDAY=-1FR;COUNT=6").unwrap(),
        rule
    );
}

#[test]
fn open_ended_rules_answer_quickly_far_ahead() {
    let r = from_json(json!({
        "start": "2026-01-01T09:00:00", "time_zone": "America/New_York",
        "rule": "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29"
    }))
    .unwrap();
    let started = std::time::Instant::now();
    let mut t = utc("2026-01-01T00:00:00Z");
    let mut n = 0;
    while let Some(next) = r.next_after(t) {
        assert!(next > t);
        t = next;
        n += 1;
    }
    // 97 leap years per 400: 2028..=9996.
    assert_eq!(t.year(), 9996);
    assert!(n > 1900, "{n}");
    assert!(started.elapsed().as_secs() < 5);
    assert_eq!(r.next_after(utc("9999-01-01T00:00:00Z")), None);
}

// ---------------------------------------------------------------- reference

/// The reference's reading of a local time: the earlier instant when
/// repeated; in a gap, the offset in force before it.
fn reference_utc(tz: Tz, t: NaiveDateTime) -> DateTime<Utc> {
    match tz.from_local_datetime(&t) {
        LocalResult::Single(x) => x.with_timezone(&Utc),
        LocalResult::Ambiguous(a, b) => a.min(b).with_timezone(&Utc),
        LocalResult::None => {
            let mut before = t;
            loop {
                before -= TimeDelta::minutes(1);
                if let LocalResult::Single(x) = tz.from_local_datetime(&before) {
                    let off = i64::from(x.offset().fix().local_minus_utc());
                    return (t - TimeDelta::seconds(off)).and_utc();
                }
            }
        }
    }
}

fn days_in_month(y: i32, m: u32) -> u32 {
    let first = NaiveDate::from_ymd_opt(y, m, 1).unwrap();
    let next = first + chrono::Months::new(1);
    (next - first).num_days() as u32
}

/// RFC 5545 expansion, one day at a time, straight from the definitions.
fn reference_rule_dates(
    rule: &RuleSpec,
    start: NaiveDateTime,
    until_day: NaiveDate,
) -> Vec<NaiveDate> {
    let s = start.date();
    let mut by_month = rule.by_month.clone();
    let mut by_month_day = rule.by_month_day.clone();
    let mut by_day = rule.by_day.clone();
    if by_day.is_empty() && by_month_day.is_empty() {
        match rule.freq {
            Frequency::Yearly => {
                if by_month.is_empty() {
                    by_month.push(s.month() as u8);
                }
                by_month_day.push(s.day() as i8);
            }
            Frequency::Monthly => by_month_day.push(s.day() as i8),
            Frequency::Weekly => by_day.push(WeekdayNum::every(s.weekday())),
            Frequency::Daily => {}
        }
    }
    let wkst = rule.week_start.unwrap_or(Weekday::Mon);
    let back = (7 + s.weekday().num_days_from_monday() - wkst.num_days_from_monday()) % 7;
    let week0 = s - TimeDelta::days(i64::from(back));
    let interval = i64::from(rule.interval);
    let mut out = Vec::new();
    let mut d = s;
    let mut produced = 0u32;
    while d <= until_day {
        let period = match rule.freq {
            Frequency::Daily => (d - s).num_days(),
            Frequency::Weekly => (d - week0).num_days().div_euclid(7),
            Frequency::Monthly => {
                i64::from(d.year() - s.year()) * 12 + i64::from(d.month()) - i64::from(s.month())
            }
            Frequency::Yearly => i64::from(d.year() - s.year()),
        };
        let len = days_in_month(d.year(), d.month());
        let year_len = if NaiveDate::from_ymd_opt(d.year(), 2, 29).is_some() {
            366
        } else {
            365
        };
        let ok_phase = period % interval == 0;
        let ok_month = by_month.is_empty() || by_month.contains(&(d.month() as u8));
        let ok_mday = by_month_day.is_empty()
            || by_month_day.iter().any(|&m| {
                let m = i64::from(m);
                m == i64::from(d.day()) || m == i64::from(d.day()) - i64::from(len) - 1
            });
        let in_year = rule.freq == Frequency::Yearly && rule.by_month.is_empty();
        let ok_wday = by_day.is_empty()
            || by_day.iter().any(|w| {
                if w.weekday != d.weekday() {
                    return false;
                }
                let Some(n) = w.nth else { return true };
                let (pos, size) = if in_year {
                    (i64::from(d.ordinal()), year_len)
                } else {
                    (i64::from(d.day()), i64::from(len))
                };
                let from_start = (pos - 1) / 7 + 1;
                let from_end = -((size - pos) / 7 + 1);
                i64::from(n) == from_start || i64::from(n) == from_end
            });
        if ok_phase && ok_month && ok_mday && ok_wday {
            let t = d.and_time(start.time());
            if rule.until.is_some_and(|u| t > u) {
                break;
            }
            out.push(d);
            produced += 1;
            if rule.count.is_some_and(|c| produced >= c) {
                break;
            }
        }
        d = d.succ_opt().unwrap();
    }
    out
}

/// The whole recurrence up to `until_day`: rule instants plus extra dates,
/// sorted, without duplicates, minus the excluded instants.
fn reference(spec: &RecurrenceSpec, until_day: NaiveDate) -> Vec<DateTime<Utc>> {
    let tz: Tz = spec.time_zone.parse().unwrap();
    let mut out: Vec<DateTime<Utc>> = spec
        .rule
        .as_ref()
        .map(|r| reference_rule_dates(r, spec.start, until_day))
        .unwrap_or_default()
        .into_iter()
        .map(|d| reference_utc(tz, d.and_time(spec.start.time())))
        .collect();
    out.extend(spec.dates.iter().map(|&d| reference_utc(tz, d)));
    out.sort();
    out.dedup();
    let ex: Vec<_> = spec.exdates.iter().map(|&d| reference_utc(tz, d)).collect();
    out.retain(|t| !ex.contains(t));
    out
}

// ---------------------------------------------------------------- properties

const ZONES: [&str; 5] = [
    "Europe/Berlin",
    "America/New_York",
    "Asia/Ho_Chi_Minh",
    "Australia/Lord_Howe",
    "UTC",
];

fn weekday(i: u32) -> Weekday {
    Weekday::try_from(i as u8).unwrap()
}

prop_compose! {
    fn arb_spec()(
        freq in 0..4usize,
        interval in prop_oneof![4 => Just(1u32), 3 => 2..4u32, 1 => 4..15u32],
        by_day in prop::collection::vec((0..7u32, prop::option::weighted(0.5, 1..=5i8), any::<bool>()), 0..3),
        by_month_day in prop::collection::vec(prop_oneof![1..=31i8, -31..=-1i8], 0..3),
        by_month in prop::collection::vec(1..=12u8, 0..3),
        end in 0..3u8,
        count in 1..30u32,
        until_days in 0..900i64,
        wkst in 0..7u32,
        start_day in 0..3650i64,
        hour in prop_oneof![Just(2u32), Just(1), 0..24u32],
        minute in prop_oneof![Just(30u32), Just(0), 0..60u32],
        zone in 0..ZONES.len(),
        dates in prop::collection::vec((0..1500i64, 0..24u32), 0..3),
        exdate_picks in prop::collection::vec(0..40usize, 0..3),
        with_rule in prop::bool::weighted(0.9),
    ) -> (RecurrenceSpec, Vec<usize>) {
        let freq = [Frequency::Daily, Frequency::Weekly, Frequency::Monthly, Frequency::Yearly][freq];
        let d0 = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
        let start = (d0 + TimeDelta::days(start_day)).and_hms_opt(hour, minute, 0).unwrap();
        let ordinals = matches!(freq, Frequency::Monthly | Frequency::Yearly);
        let by_day = by_day
            .into_iter()
            .map(|(w, n, neg)| WeekdayNum {
                weekday: weekday(w),
                nth: n.filter(|_| ordinals).map(|n| {
                    // Within the year (yearly, no by_month) ordinals go up to 53.
                    let n = if freq == Frequency::Yearly && by_month.is_empty() { n * 9 } else { n };
                    if neg { -n } else { n }
                }),
            })
            .collect();
        let mut rule = RuleSpec {
            interval,
            by_day,
            by_month_day,
            by_month,
            week_start: Some(weekday(wkst)),
            ..RuleSpec::new(freq)
        };
        match end {
            1 => rule.count = Some(count),
            2 => rule.until = Some(start + TimeDelta::days(until_days) + TimeDelta::minutes(until_days % 7 * 200 - 600)),
            _ => {}
        }
        let mut spec = RecurrenceSpec::new(start, ZONES[zone], with_rule.then_some(rule));
        spec.dates = dates
            .into_iter()
            .map(|(d, h)| (d0 + TimeDelta::days(d)).and_hms_opt(h, 30, 0).unwrap())
            .collect();
        (spec, exdate_picks)
    }
}

/// Up to this local date the reference is compared (about 8 years).
fn horizon(spec: &RecurrenceSpec) -> NaiveDate {
    spec.start.date() + TimeDelta::days(3000)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn agrees_with_the_reference_expansion((spec, picks) in arb_spec()) {
        let mut spec = spec;
        let end = horizon(&spec);
        // Exclude a few of the reference's own occurrences.
        let expected_all = reference(&spec, end);
        let tz: Tz = spec.time_zone.parse().unwrap();
        for p in picks {
            if let Some(t) = expected_all.get(p) {
                spec.exdates.push(t.with_timezone(&tz).naive_local());
            }
        }
        let expected = reference(&spec, end);
        match Recurrence::new(spec.clone()) {
            Ok(r) => {
                let limit = reference_utc(tz, end.and_hms_opt(0, 0, 0).unwrap());
                let got: Vec<_> = r.iter_from(DateTime::<Utc>::MIN_UTC)
                    .take_while(|&t| t < limit)
                    .take(200)
                    .collect();
                let want: Vec<_> = expected.iter().copied().filter(|&t| t < limit).take(200).collect();
                prop_assert_eq!(got, want, "{}", serde_json::to_string(&spec).unwrap());
            }
            Err(e) => {
                // Rejected as never occurring (or all excluded): the
                // reference finds nothing either, within its horizon.
                prop_assert_eq!(e.code(), "invalid_input");
                let f = field(&e);
                let nothing = if f == "exdates" {
                    expected.is_empty()
                } else {
                    prop_assert!(f == "rule" || f == "rule.until", "{}", e);
                    // (No rule and no dates is rejected on `rule` too.)
                    spec.rule.as_ref().is_none_or(|rule| {
                        reference_rule_dates(rule, spec.start, end).is_empty()
                    })
                };
                prop_assert!(nothing, "{}: the reference finds occurrences", e);
            }
        }
    }

    #[test]
    fn occurrences_increase_and_queries_agree(
        (spec, _) in arb_spec(),
        probes in prop::collection::vec(0..4000i64 * 24, 1..6),
    ) {
        let Ok(r) = Recurrence::new(spec.clone()) else { return Ok(()) };
        let list: Vec<_> = all(&r, 120);
        prop_assert!(!list.is_empty());
        for w in list.windows(2) {
            prop_assert!(w[0] < w[1], "not increasing: {} then {}", w[0], w[1]);
        }
        let covered = list.len() < 120;
        let base = utc("2019-12-25T00:00:00Z");
        let probes = probes
            .into_iter()
            .map(|h| base + TimeDelta::hours(h) + TimeDelta::seconds(h % 3600))
            .chain(list.iter().copied());
        for t in probes {
            let next = r.next_after(t);
            if let Some(n) = next {
                prop_assert!(n > t);
            }
            // Agreement with the materialised list where it is complete.
            let from_list = list.iter().copied().find(|&x| x > t);
            if covered || from_list.is_some() {
                prop_assert_eq!(next, from_list);
            }
            let at_or_after = r.iter_from(t).next();
            prop_assert_eq!(at_or_after, list.iter().copied().find(|&x| x >= t).or(if covered { None } else { at_or_after }));
            prop_assert_eq!(
                r.iter_from(t).find(|&x| x > t),
                next,
                "next_after vs iter_from"
            );
            // between(t, t + 400 days) = iter_from(t) cut at the end.
            let b = t + TimeDelta::days(400);
            let window = r.between(t, b, 50);
            let via_iter: Vec<_> = r.iter_from(t).take_while(|&x| x < b).take(50).collect();
            prop_assert_eq!(&window, &via_iter);
            if let (Some(&first), Some(n)) = (window.first(), at_or_after) {
                prop_assert_eq!(first, n);
            }
        }
    }

    #[test]
    fn spec_json_and_rule_text_round_trip((spec, _) in arb_spec()) {
        let Ok(r) = Recurrence::new(spec) else { return Ok(()) };
        let json = serde_json::to_string(&r).unwrap();
        let back: Recurrence = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(&back, &r);
        prop_assert_eq!(all(&back, 30), all(&r, 30));
        if let Some(rule) = &r.spec().rule {
            let text = rule.to_string();
            prop_assert_eq!(&Recurrence::parse_rrule(&text).unwrap(), rule);
            let in_json: RuleSpec = serde_json::from_value(Value::String(text)).unwrap();
            prop_assert_eq!(&in_json, rule);
        }
    }
}
