#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use chrono::{NaiveDate, TimeZone, Weekday};

/// The last date of the rule's occurrences, if it ends before 9999.
fn rule_last(r: &Recurrence) -> Option<NaiveDate> {
    r.rule.as_ref().and_then(Rule::last)
}

fn local(s: &str) -> NaiveDateTime {
    s.parse().unwrap()
}

fn rec(start: &str, tz: &str, rule: &str) -> Result<Recurrence> {
    Recurrence::new(RecurrenceSpec::new(
        local(start),
        tz,
        Some(Recurrence::parse_rrule(rule)?),
    ))
}

/// The first `n` occurrences as local wall-clock strings.
fn locals(r: &Recurrence, n: usize) -> Vec<String> {
    r.iter_from(DateTime::<Utc>::MIN_UTC)
        .take(n)
        .map(|t| {
            t.with_timezone(&r.time_zone())
                .format("%Y-%m-%dT%H:%M")
                .to_string()
        })
        .collect()
}

fn field_of(e: &Error) -> &str {
    match e {
        Error::InvalidInput { field, .. } => field,
        _ => panic!("not invalid_input: {e}"),
    }
}

#[test]
fn start_is_first_only_when_the_rule_produces_it() {
    // 2026-01-06 is a Tuesday: the last Friday of January comes first.
    let r = rec("2026-01-06T09:00:00", "UTC", "FREQ=MONTHLY;BYDAY=-1FR").unwrap();
    assert_eq!(
        locals(&r, 3),
        ["2026-01-30T09:00", "2026-02-27T09:00", "2026-03-27T09:00"]
    );
    // Matching start: included.
    let r = rec(
        "2026-01-30T09:00:00",
        "UTC",
        "FREQ=MONTHLY;BYDAY=-1FR;COUNT=2",
    )
    .unwrap();
    assert_eq!(locals(&r, 5), ["2026-01-30T09:00", "2026-02-27T09:00"]);
    // After the last Friday of January: COUNT counts from February.
    let r = rec(
        "2026-01-31T09:00:00",
        "UTC",
        "FREQ=MONTHLY;BYDAY=-1FR;COUNT=2",
    )
    .unwrap();
    assert_eq!(locals(&r, 5), ["2026-02-27T09:00", "2026-03-27T09:00"]);
    assert_eq!(
        rule_last(&r),
        Some(NaiveDate::from_ymd_opt(2026, 3, 27).unwrap())
    );
}

#[test]
fn defaults_come_from_the_start() {
    let r = rec("2026-03-31T08:00:00", "UTC", "FREQ=MONTHLY").unwrap();
    assert_eq!(
        locals(&r, 3),
        ["2026-03-31T08:00", "2026-05-31T08:00", "2026-07-31T08:00"]
    );
    let r = rec("2028-02-29T08:00:00", "UTC", "FREQ=YEARLY").unwrap();
    assert_eq!(
        locals(&r, 3),
        ["2028-02-29T08:00", "2032-02-29T08:00", "2036-02-29T08:00"]
    );
    let r = rec("2026-01-07T08:00:00", "UTC", "FREQ=WEEKLY;INTERVAL=2").unwrap();
    assert_eq!(locals(&r, 2), ["2026-01-07T08:00", "2026-01-21T08:00"]);
    // Yearly with only BYMONTH: the start's day of month in each month.
    let r = rec("2026-01-15T08:00:00", "UTC", "FREQ=YEARLY;BYMONTH=4,10").unwrap();
    assert_eq!(
        locals(&r, 3),
        ["2026-04-15T08:00", "2026-10-15T08:00", "2027-04-15T08:00"]
    );
}

#[test]
fn mixed_plain_and_ordinal_weekdays_are_a_union() {
    let r = rec("2026-01-01T09:00:00", "UTC", "FREQ=MONTHLY;BYDAY=MO,-1FR").unwrap();
    assert_eq!(
        locals(&r, 6),
        [
            "2026-01-05T09:00",
            "2026-01-12T09:00",
            "2026-01-19T09:00",
            "2026-01-26T09:00",
            "2026-01-30T09:00",
            "2026-02-02T09:00"
        ]
    );
}

#[test]
fn yearly_ordinals_count_within_the_year_or_the_month() {
    let r = rec("2026-01-01T09:00:00", "UTC", "FREQ=YEARLY;BYDAY=20MO").unwrap();
    assert_eq!(locals(&r, 2), ["2026-05-18T09:00", "2027-05-17T09:00"]);
    let r = rec("2026-01-01T09:00:00", "UTC", "FREQ=YEARLY;BYDAY=-1MO").unwrap();
    assert_eq!(locals(&r, 2), ["2026-12-28T09:00", "2027-12-27T09:00"]);
    // Thanksgiving.
    let r = rec(
        "2026-01-01T09:00:00",
        "UTC",
        "FREQ=YEARLY;BYMONTH=11;BYDAY=4TH",
    )
    .unwrap();
    assert_eq!(locals(&r, 2), ["2026-11-26T09:00", "2027-11-25T09:00"]);
}

#[test]
fn duplicates_and_samoa_skipped_day_give_each_instant_once() {
    let r = rec("2011-12-28T09:00:00", "Pacific/Apia", "FREQ=DAILY;COUNT=4").unwrap();
    // 2011-12-30 did not exist there: its 09:00 is 12-31 09:00, given once.
    assert_eq!(
        locals(&r, 10),
        ["2011-12-28T09:00", "2011-12-29T09:00", "2011-12-31T09:00"]
    );
}

#[test]
fn rdates_and_exdates() {
    let mut spec = RecurrenceSpec::new(
        local("2026-11-06T09:00:00"),
        "Asia/Ho_Chi_Minh",
        Some(Recurrence::parse_rrule("FREQ=WEEKLY;COUNT=3").unwrap()),
    );
    spec.dates = vec![
        local("2026-11-10T15:00:00"),
        local("2026-11-13T09:00:00"), // also a rule occurrence: once
        local("2026-01-01T09:00:00"), // before the start: still an occurrence
    ];
    spec.exdates = vec![local("2026-11-20T09:00:00")];
    let r = Recurrence::new(spec).unwrap();
    assert_eq!(
        locals(&r, 10),
        [
            "2026-01-01T09:00",
            "2026-11-06T09:00",
            "2026-11-10T15:00",
            "2026-11-13T09:00"
        ]
    );
    assert_eq!(r.spec().dates[0], local("2026-01-01T09:00:00"));
}

#[test]
fn next_after_is_quick_when_the_next_is_far() {
    let r = rec(
        "2026-01-01T09:00:00",
        "Europe/Berlin",
        "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29",
    )
    .unwrap();
    let mut t = Utc.with_ymd_and_hms(2096, 3, 1, 0, 0, 0).unwrap();
    // 2100 is not a leap year: 2096 -> 2104.
    t = r.next_after(t).unwrap();
    assert_eq!(t, Utc.with_ymd_and_hms(2104, 2, 29, 8, 0, 0).unwrap());
    let rare = rec(
        "2026-01-01T09:00:00",
        "UTC",
        "FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=13;BYDAY=FR",
    )
    .unwrap();
    let mut t = DateTime::<Utc>::MIN_UTC;
    let started = std::time::Instant::now();
    let mut n = 0;
    while let Some(next) = rare.next_after(t) {
        assert!(next > t);
        t = next;
        n += 1;
    }
    assert_eq!(t.year(), 9998); // 9998-02-13 is a Friday
    assert!(n > 1000, "{n}");
    assert!(started.elapsed().as_secs() < 5);
}

#[test]
fn validation_names_the_field() {
    let cases = [
        ("FREQ=DAILY;INTERVAL=0", "rule.interval"),
        ("FREQ=DAILY;COUNT=0", "rule.count"),
        ("FREQ=DAILY;COUNT=2;UNTIL=20270101", "rule.count"),
        ("FREQ=MONTHLY;BYMONTHDAY=0", "rule.by_month_day[0]"),
        ("FREQ=MONTHLY;BYMONTHDAY=1,-32", "rule.by_month_day[1]"),
        ("FREQ=YEARLY;BYMONTH=13", "rule.by_month[0]"),
        ("FREQ=MONTHLY;BYDAY=MO,6TU", "rule.by_day[1]"),
        ("FREQ=MONTHLY;BYDAY=0TU", "rule.by_day[0]"),
        ("FREQ=YEARLY;BYDAY=54TU", "rule.by_day[0]"),
        ("FREQ=YEARLY;BYMONTH=3;BYDAY=-6TU", "rule.by_day[0]"),
        ("FREQ=WEEKLY;BYDAY=MO,2TU", "rule.by_day[1]"),
        ("FREQ=DAILY;BYDAY=1TU", "rule.by_day[0]"),
        ("FREQ=HOURLY", "rule.freq"),
        ("INTERVAL=2", "rule.freq"),
        ("FREQ=DAILY;BYSETPOS=1", "rule"),
        ("FREQ=DAILY;FREQ=DAILY", "rule"),
        ("FREQ=DAILY;UNTIL=20270101T000000Z", "rule.until"),
        ("FREQ=DAILY;BYDAY=XX", "rule.by_day[0]"),
    ];
    for (text, field) in cases {
        let err = Recurrence::parse_rrule(text).unwrap_err();
        assert_eq!(field_of(&err), field, "{text}: {err}");
        assert_eq!(err.code(), "invalid_input");
    }
    let cases = [
        (
            "2026-11-06T09:00:00",
            "Mars/Olympus",
            "FREQ=DAILY",
            "time_zone",
        ),
        (
            "2026-11-06T09:00:00",
            "UTC",
            "FREQ=DAILY;UNTIL=20261105",
            "rule.until",
        ),
        (
            "2026-11-06T09:00:00",
            "UTC",
            "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=31",
            "rule",
        ),
        (
            "2026-11-06T09:00:00",
            "UTC",
            "FREQ=DAILY;INTERVAL=7;BYDAY=MO",
            "rule",
        ),
        (
            "2026-11-06T09:00:00",
            "UTC",
            "FREQ=MONTHLY;BYMONTHDAY=31;UNTIL=20261130",
            "rule.until",
        ),
    ];
    for (start, tz, text, field) in cases {
        let err = rec(start, tz, text).unwrap_err();
        assert_eq!(field_of(&err), field, "{text}: {err}");
    }
    let err = Recurrence::new(RecurrenceSpec::new(
        local("2026-11-06T09:00:00"),
        "UTC",
        None,
    ))
    .unwrap_err();
    assert_eq!(field_of(&err), "rule");
    let mut spec = RecurrenceSpec::new(local("2026-11-06T09:00:00"), "UTC", None);
    spec.dates = vec![local("2026-11-07T09:00:00")];
    spec.exdates = vec![local("2026-11-07T09:00:00")];
    assert_eq!(field_of(&Recurrence::new(spec).unwrap_err()), "exdates");
    let spec = RecurrenceSpec::new(
        local("2026-11-06T09:00:00.5"),
        "UTC",
        Some(RuleSpec::new(Frequency::Daily)),
    );
    assert_eq!(field_of(&Recurrence::new(spec).unwrap_err()), "start");
}

#[test]
fn messages_say_what_would_be_accepted() {
    let err = rec(
        "2026-11-06T09:00:00",
        "UTC",
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
    )
    .unwrap_err();
    assert!(err.to_string().contains("never occurs"), "{err}");
    let err = Recurrence::parse_rrule("FREQ=WEEKLY;BYDAY=2TU").unwrap_err();
    assert!(err.to_string().contains("plain weekday (\"tu\")"), "{err}");
    let err = rec(
        "2026-11-06T09:00:00",
        "UTC",
        "FREQ=MONTHLY;BYMONTHDAY=31;UNTIL=20261130",
    )
    .unwrap_err();
    assert!(err.to_string().contains("2026-12-31 09:00:00"), "{err}");
}

#[test]
fn rrule_text_round_trips() {
    let texts = [
        "FREQ=MONTHLY;BYDAY=-1FR;COUNT=6",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;UNTIL=20271231T235959;WKST=SU",
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
        "FREQ=MONTHLY;BYMONTHDAY=13;BYDAY=FR",
        "FREQ=YEARLY;BYMONTH=1,6;BYDAY=2TU,-2MO",
    ];
    for text in texts {
        let rule = Recurrence::parse_rrule(text).unwrap();
        assert_eq!(rule.to_string(), text);
        assert_eq!(rule.to_string().parse::<RuleSpec>().unwrap(), rule);
    }
    let rule =
        Recurrence::parse_rrule("rrule:freq=monthly;byday=+1mo ; wkst=su;until=20261231").unwrap();
    assert_eq!(rule.freq, Frequency::Monthly);
    assert_eq!(rule.by_day, [WeekdayNum::nth(1, Weekday::Mon)]);
    assert_eq!(rule.until, Some(local("2026-12-31T23:59:59")));
    assert_eq!(rule.week_start, Some(Weekday::Sun));
}

#[test]
fn json_forms() {
    let spec: RecurrenceSpec = serde_json::from_str(
        r#"{"start": "2026-11-06T09:00", "time_zone": "Asia/Ho_Chi_Minh",
            "rule": {"freq": "monthly", "by_day": ["-1FR", "2tu"], "until": "2027-06-30",
                     "week_start": "sun"},
            "dates": ["2027-02-06", "2028-01-26T10:00:00"], "exdates": ["2026-12-25"]}"#,
    )
    .unwrap();
    assert_eq!(spec.start, local("2026-11-06T09:00:00"));
    assert_eq!(
        spec.dates,
        [local("2027-02-06T09:00:00"), local("2028-01-26T10:00:00")]
    );
    assert_eq!(spec.exdates, [local("2026-12-25T09:00:00")]);
    let rule = spec.rule.clone().unwrap();
    assert_eq!(rule.until, Some(local("2027-06-30T23:59:59")));
    assert_eq!(rule.week_start, Some(Weekday::Sun));
    let r: Recurrence = serde_json::from_value(serde_json::to_value(&spec).unwrap()).unwrap();
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "start": "2026-11-06T09:00:00", "time_zone": "Asia/Ho_Chi_Minh",
            "rule": {"freq": "monthly", "by_day": ["2tu", "-1fr"],
                     "until": "2027-06-30T23:59:59", "week_start": "su"},
            "dates": ["2027-02-06T09:00:00", "2028-01-26T10:00:00"],
            "exdates": ["2026-12-25T09:00:00"]
        })
    );
    let back: Recurrence = serde_json::from_value(json).unwrap();
    assert_eq!(back, r);
    // The rule as RRULE text.
    let r: Recurrence = serde_json::from_str(
        r#"{"start": "2026-11-06T09:00:00", "time_zone": "UTC", "rule": "FREQ=DAILY;COUNT=2"}"#,
    )
    .unwrap();
    assert_eq!(r.spec().rule.as_ref().unwrap().count, Some(2));
    for bad in [
        r#"{"start": "2026-11-06", "time_zone": "UTC", "rule": "FREQ=DAILY"}"#,
        r#"{"start": "2026-11-06T09:00:00+07:00", "time_zone": "UTC", "rule": "FREQ=DAILY"}"#,
        r#"{"start": "2026-11-06T09:00:00", "time_zone": "UTC", "rule": "FREQ=DAILY", "x": 1}"#,
        r#"{"start": "2026-11-06T09:00:00", "time_zone": "UTC", "rule": {"freq": "daily", "byday": []}}"#,
        r#"{"start": "2026-11-06T09:00:00", "time_zone": "UTC", "rule": "FREQ=DAILY;INTERVAL=0"}"#,
        r#"{"start": "2026-11-06T09:00:00", "time_zone": "UTC", "rule": {"freq": "daily", "by_day": ["xx"]}}"#,
        r#"{"start": "2026-11-06T09:00:00", "time_zone": "Nowhere", "rule": "FREQ=DAILY"}"#,
    ] {
        let err = serde_json::from_str::<Recurrence>(bad).unwrap_err();
        assert!(!err.to_string().is_empty());
    }
    let err = serde_json::from_str::<Recurrence>(
        r#"{"start": "2026-11-06T09:00:00+07:00", "time_zone": "UTC", "rule": "FREQ=DAILY"}"#,
    )
    .unwrap_err();
    assert!(err.to_string().contains("without offset"), "{err}");
}

#[test]
fn between_and_limits() {
    let r = rec("2026-11-06T09:00:00", "Europe/Berlin", "FREQ=DAILY").unwrap();
    let a = Utc.with_ymd_and_hms(2026, 11, 6, 8, 0, 0).unwrap();
    let b = Utc.with_ymd_and_hms(2026, 11, 9, 8, 0, 0).unwrap();
    assert_eq!(r.between(a, b, 10).len(), 3);
    assert_eq!(r.between(a, b, 2).len(), 2);
    assert!(r.between(b, a, 10).is_empty());
    assert_eq!(r.next_after(a), Some(a + chrono::TimeDelta::days(1)));
    assert_eq!(r.iter_from(a).next(), Some(a));
    assert_eq!(r.first(), Some(a));
    assert_eq!(r.next_after(DateTime::<Utc>::MAX_UTC), None);
    let last = r
        .iter_from(Utc.with_ymd_and_hms(9999, 12, 30, 0, 0, 0).unwrap())
        .last();
    assert_eq!(
        last,
        Some(Utc.with_ymd_and_hms(9999, 12, 31, 8, 0, 0).unwrap())
    );
}
