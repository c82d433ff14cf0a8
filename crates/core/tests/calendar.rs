//! Business calendars: hand-computed cases (split shifts, half days, Tết,
//! partial holidays, 24/7, midnight shifts, DST in Berlin and New York, year
//! boundaries), every validation error, serde, range limits, and property
//! tests against a minute-stepping reference built on chrono-tz directly.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, Datelike, NaiveDate, TimeDelta, TimeZone, Timelike, Utc, Weekday};
use chrono_tz::Tz;
use clientcare::sla::calendar::{Calendar, CalendarSpec, DayHours, Holiday, TimeOfDay, Window};
use clientcare::Error;
use proptest::prelude::*;

// ---------------------------------------------------------------- helpers

const VN: Tz = chrono_tz::Asia::Ho_Chi_Minh;
const BERLIN: Tz = chrono_tz::Europe::Berlin;
const NY: Tz = chrono_tz::America::New_York;

/// A local wall-clock time in `tz` as UTC (the earlier reading when repeated).
fn lt(tz: Tz, y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    tz.with_ymd_and_hms(y, mo, d, h, mi, 0)
        .earliest()
        .unwrap_or_else(|| panic!("{y}-{mo}-{d} {h}:{mi} does not exist in {tz}"))
        .with_timezone(&Utc)
}

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn h(n: i64) -> TimeDelta {
    TimeDelta::hours(n)
}

fn m(n: i64) -> TimeDelta {
    TimeDelta::minutes(n)
}

fn split_shift(tz: &str) -> CalendarSpec {
    CalendarSpec::weekdays(tz, &[("08:00", "12:00"), ("13:30", "17:30")]).unwrap()
}

fn cal(spec: CalendarSpec) -> Calendar {
    Calendar::new(spec).unwrap()
}

fn every_day(tz: &str, windows: &[(&str, &str)]) -> CalendarSpec {
    let mut spec = CalendarSpec::weekdays(tz, windows).unwrap();
    spec = spec.with_day(Weekday::Sat, windows).unwrap();
    spec.with_day(Weekday::Sun, windows).unwrap()
}

/// Checks `add(from, d) == want` and that `between` gives `d` back.
#[track_caller]
fn check_add(c: &Calendar, from: DateTime<Utc>, d: TimeDelta, want: DateTime<Utc>) {
    assert_eq!(c.add(from, d), Some(want), "add({from}, {d})");
    assert_eq!(c.between(from, want), d, "between({from}, {want})");
}

#[track_caller]
fn invalid(spec: CalendarSpec, field: &str) -> String {
    match Calendar::new(spec) {
        Err(e @ Error::InvalidInput { .. }) => {
            assert_eq!(e.code(), "invalid_input");
            let Error::InvalidInput { field: f, .. } = &e else {
                unreachable!()
            };
            assert_eq!(f, field, "{e}");
            e.to_string()
        }
        other => panic!("expected invalid_input on {field}, got {other:?}"),
    }
}

// ---------------------------------------------------------------- split shifts

#[test]
fn split_shift_office_counts_only_the_windows() {
    let c = cal(split_shift("Asia/Ho_Chi_Minh"));
    let fri = |hh, mm| lt(VN, 2026, 10, 2, hh, mm);
    let mon = |hh, mm| lt(VN, 2026, 10, 5, hh, mm);
    // A full day is 8 h, a full week 40 h.
    assert_eq!(c.between(fri(0, 0), fri(23, 59)), h(8));
    assert_eq!(c.between(mon(0, 0), lt(VN, 2026, 10, 12, 0, 0)), h(40));
    // 11:00 to 14:00 is 1 h before lunch and 30 min after it.
    assert_eq!(c.between(fri(11, 0), fri(14, 0)), h(1) + m(30));
    assert_eq!(c.between(fri(12, 0), fri(13, 30)), TimeDelta::zero());
    assert_eq!(c.between(fri(14, 0), fri(11, 0)), TimeDelta::zero());
    // Across the lunch gap.
    check_add(&c, fri(11, 0), h(2), fri(14, 30));
    // Ending exactly at a window's end gives that end, not 13:30.
    check_add(&c, fri(11, 0), h(1), fri(12, 0));
    check_add(&c, fri(12, 30), m(1), fri(13, 31));
    // Overnight: Thursday 17:00 + 1 h is Friday 08:30.
    check_add(&c, lt(VN, 2026, 10, 1, 17, 0), h(1), fri(8, 30));
    // Over the weekend: 1 h on Friday, 1 h on Monday.
    check_add(&c, fri(16, 30), h(2), mon(9, 0));
    check_add(&c, lt(VN, 2026, 10, 3, 10, 0), m(5), mon(8, 5));
    // A whole week of budget from Friday noon.
    check_add(&c, fri(12, 0), h(40), lt(VN, 2026, 10, 9, 12, 0));
    assert_eq!(c.add(fri(9, 0), TimeDelta::zero()), Some(fri(9, 0)));

    assert!(c.is_open(fri(8, 0)));
    assert!(c.is_open(fri(11, 59)));
    assert!(!c.is_open(fri(12, 0)));
    assert!(!c.is_open(fri(12, 30)));
    assert!(!c.is_open(lt(VN, 2026, 10, 3, 10, 0)));
    assert_eq!(c.next_open(fri(9, 0)), Some(fri(9, 0)));
    assert_eq!(c.next_open(fri(12, 15)), Some(fri(13, 30)));
    assert_eq!(c.next_open(fri(18, 0)), Some(mon(8, 0)));
    assert_eq!(
        c.open_intervals(fri(10, 0), mon(9, 0)),
        vec![
            (fri(10, 0), fri(12, 0)),
            (fri(13, 30), fri(17, 30)),
            (mon(8, 0), mon(9, 0)),
        ]
    );
    // UTC check of one value: 14:30 in Hồ Chí Minh City is 07:30Z.
    assert_eq!(fri(14, 30), utc(2026, 10, 2, 7, 30));
}

#[test]
fn saturday_half_day() {
    let spec = CalendarSpec::weekdays("Asia/Ho_Chi_Minh", &[("08:00", "17:00")])
        .unwrap()
        .with_day(Weekday::Sat, &[("08:00", "12:00")])
        .unwrap();
    let c = cal(spec);
    let monday = lt(VN, 2026, 10, 5, 0, 0);
    assert_eq!(c.between(monday, monday + TimeDelta::days(7)), h(5 * 9 + 4));
    check_add(
        &c,
        lt(VN, 2026, 10, 2, 16, 0),
        h(3),
        lt(VN, 2026, 10, 3, 10, 0),
    );
    check_add(
        &c,
        lt(VN, 2026, 10, 3, 11, 0),
        h(2),
        lt(VN, 2026, 10, 5, 9, 0),
    );
    assert!(c.is_open(lt(VN, 2026, 10, 3, 11, 59)));
    assert!(!c.is_open(lt(VN, 2026, 10, 3, 12, 0)));
}

// ---------------------------------------------------------------- holidays

#[test]
fn tet_closure_as_one_holiday_range() {
    let spec = split_shift("Asia/Ho_Chi_Minh").with_holiday(Holiday::closed_range(
        date(2027, 2, 5),
        date(2027, 2, 11),
        "Tết Nguyên Đán",
    ));
    let c = cal(spec);
    // Thursday 4 Feb 16:30 + 2 h: 1 h on Thursday, then closed until Friday 12 Feb.
    check_add(
        &c,
        lt(VN, 2027, 2, 4, 16, 30),
        h(2),
        lt(VN, 2027, 2, 12, 9, 0),
    );
    assert_eq!(
        c.between(lt(VN, 2027, 2, 4, 0, 0), lt(VN, 2027, 2, 13, 0, 0)),
        h(16)
    );
    assert!(!c.is_open(lt(VN, 2027, 2, 8, 9, 0)));
    assert_eq!(
        c.next_open(lt(VN, 2027, 2, 5, 7, 0)),
        Some(lt(VN, 2027, 2, 12, 8, 0))
    );
    // The same calendar from JSON.
    let json = r#"{
        "time_zone": "Asia/Ho_Chi_Minh",
        "week": [
            {"day": "mon", "windows": [{"start": "08:00", "end": "12:00"}, {"start": "13:30", "end": "17:30"}]},
            {"day": "tue", "windows": [{"start": "08:00", "end": "12:00"}, {"start": "13:30", "end": "17:30"}]},
            {"day": "wednesday", "windows": [{"start": "08:00", "end": "12:00"}, {"start": "13:30", "end": "17:30"}]},
            {"day": "thu", "windows": [{"start": "13:30", "end": "17:30"}, {"start": "08:00", "end": "12:00"}]},
            {"day": "Fri", "windows": [{"start": "08:00", "end": "12:00"}, {"start": "13:30", "end": "17:30"}]}
        ],
        "holidays": [{"date": "2027-02-05", "until": "2027-02-11", "name": " Tết Nguyên Đán "}]
    }"#;
    let from_json: Calendar = serde_json::from_str(json).unwrap();
    assert_eq!(from_json, c);
}

#[test]
fn partial_holiday_and_extra_working_day() {
    let spec = split_shift("Asia/Ho_Chi_Minh")
        .with_holiday(
            Holiday::partial(date(2026, 12, 31), "New Year's Eve", &[("08:00", "12:00")]).unwrap(),
        )
        .with_holiday(Holiday::closed(date(2027, 1, 1), "Tết Dương lịch"))
        // A make-up working Saturday.
        .with_holiday(
            Holiday::partial(date(2026, 12, 26), "make-up day", &[("08:00", "12:00")]).unwrap(),
        );
    let c = cal(spec);
    assert_eq!(
        c.between(lt(VN, 2026, 12, 31, 0, 0), lt(VN, 2027, 1, 1, 0, 0)),
        h(4)
    );
    // Thursday 31 Dec 11:00 + 2 h: 1 h until noon, Friday is closed, Monday 09:00.
    check_add(
        &c,
        lt(VN, 2026, 12, 31, 11, 0),
        h(2),
        lt(VN, 2027, 1, 4, 9, 0),
    );
    assert!(!c.is_open(lt(VN, 2026, 12, 31, 14, 0)));
    assert_eq!(
        c.between(lt(VN, 2026, 12, 26, 0, 0), lt(VN, 2026, 12, 28, 0, 0)),
        h(4)
    );
    check_add(
        &c,
        lt(VN, 2026, 12, 25, 17, 0),
        h(1),
        lt(VN, 2026, 12, 26, 8, 30),
    );
}

// ---------------------------------------------------------------- 24/7 and midnight shifts

#[test]
fn always_open_is_elapsed_time() {
    let c = cal(CalendarSpec::always_open("Asia/Ho_Chi_Minh"));
    let a = utc(2026, 5, 1, 3, 17);
    assert_eq!(c.between(a, a + h(100)), h(100));
    check_add(&c, a, h(100), a + h(100));
    assert!(c.is_open(a));
    assert_eq!(c.next_open(a), Some(a));
    assert_eq!(c.open_intervals(a, a + h(3)), vec![(a, a + h(3))]);
    // With a holiday it is still 24/7 on other days.
    let with_tet = cal(CalendarSpec::always_open("Asia/Ho_Chi_Minh").with_holiday(
        Holiday::closed_range(date(2027, 2, 5), date(2027, 2, 11), "Tết"),
    ));
    assert_eq!(
        with_tet.between(lt(VN, 2027, 2, 1, 0, 0), lt(VN, 2027, 2, 15, 0, 0)),
        h(24 * 7)
    );
    check_add(
        &with_tet,
        lt(VN, 2027, 2, 4, 23, 0),
        h(2),
        lt(VN, 2027, 2, 12, 1, 0),
    );
}

#[test]
fn shift_across_midnight_is_continuous() {
    let c = cal(every_day(
        "Asia/Ho_Chi_Minh",
        &[("00:00", "06:00"), ("22:00", "24:00")],
    ));
    let (a, b) = (lt(VN, 2026, 6, 10, 21, 0), lt(VN, 2026, 6, 11, 7, 0));
    assert_eq!(
        c.open_intervals(a, b),
        vec![(lt(VN, 2026, 6, 10, 22, 0), lt(VN, 2026, 6, 11, 6, 0))]
    );
    check_add(
        &c,
        lt(VN, 2026, 6, 10, 23, 0),
        h(2),
        lt(VN, 2026, 6, 11, 1, 0),
    );
    // Across the new year: one 8 h interval.
    let (a, b) = (lt(VN, 2026, 12, 31, 20, 0), lt(VN, 2027, 1, 1, 8, 0));
    assert_eq!(
        c.open_intervals(a, b),
        vec![(lt(VN, 2026, 12, 31, 22, 0), lt(VN, 2027, 1, 1, 6, 0))]
    );
    check_add(
        &c,
        lt(VN, 2026, 12, 31, 23, 0),
        h(3),
        lt(VN, 2027, 1, 1, 2, 0),
    );
    // Ending at 24:00 gives 24:00 (= next day's 00:00, inside the shift).
    check_add(
        &c,
        lt(VN, 2026, 6, 10, 22, 0),
        h(2),
        lt(VN, 2026, 6, 11, 0, 0),
    );
}

#[test]
fn interval_across_the_utc_new_year_is_merged() {
    // New York 08:00-24:00 and 00:00-02:00: Dec 31 18:00 EST is 23:00Z, so the
    // evening stretch crosses into the next UTC year.
    let c = cal(every_day(
        "America/New_York",
        &[("00:00", "02:00"), ("08:00", "24:00")],
    ));
    let (a, b) = (lt(NY, 2026, 12, 31, 12, 0), lt(NY, 2027, 1, 1, 12, 0));
    assert_eq!(
        c.open_intervals(a, b),
        vec![(a, lt(NY, 2027, 1, 1, 2, 0)), (lt(NY, 2027, 1, 1, 8, 0), b),]
    );
    assert_eq!(c.between(a, b), h(18));
    check_add(&c, lt(NY, 2026, 12, 31, 18, 0), h(3), utc(2027, 1, 1, 2, 0));
    check_add(&c, lt(NY, 2027, 1, 1, 1, 0), h(2), lt(NY, 2027, 1, 1, 9, 0));
}

#[test]
fn year_boundary_and_long_spans() {
    let c = cal(split_shift("Asia/Ho_Chi_Minh"));
    check_add(
        &c,
        lt(VN, 2026, 12, 31, 17, 0),
        h(1),
        lt(VN, 2027, 1, 1, 8, 30),
    );
    // Five years summed by year totals equal the sum of one-year spans.
    let years: Vec<DateTime<Utc>> = (2026..=2031).map(|y| utc(y, 1, 1, 0, 0)).collect();
    let whole = c.between(years[0], years[5]);
    let parts: TimeDelta = years.windows(2).map(|w| c.between(w[0], w[1])).sum();
    assert_eq!(whole, parts);
    // 2026..2030 has 1304 weekdays of 8 h.
    assert_eq!(whole, h(1304 * 8));
    check_add(&c, years[0], whole, lt(VN, 2030, 12, 31, 17, 30));
}

// ---------------------------------------------------------------- DST

#[test]
fn berlin_24_7_days_are_23_and_25_hours() {
    // Plain arithmetic and the table path (a far holiday forces tables) agree.
    let plain = cal(CalendarSpec::always_open("Europe/Berlin"));
    let tables = cal(CalendarSpec::always_open("Europe/Berlin")
        .with_holiday(Holiday::closed(date(2026, 12, 25), "Weihnachten")));
    for c in [&plain, &tables] {
        assert_eq!(
            c.between(lt(BERLIN, 2026, 3, 29, 0, 0), lt(BERLIN, 2026, 3, 30, 0, 0)),
            h(23)
        );
        assert_eq!(
            c.between(
                lt(BERLIN, 2026, 10, 25, 0, 0),
                lt(BERLIN, 2026, 10, 26, 0, 0)
            ),
            h(25)
        );
        check_add(
            c,
            lt(BERLIN, 2026, 3, 29, 1, 0),
            h(2),
            lt(BERLIN, 2026, 3, 29, 4, 0),
        );
    }
    // The closed Christmas day is 24 h of UTC time in winter.
    assert_eq!(
        tables.between(
            lt(BERLIN, 2026, 12, 24, 0, 0),
            lt(BERLIN, 2026, 12, 27, 0, 0)
        ),
        h(48)
    );
}

#[test]
fn berlin_windows_on_change_days() {
    let spec = CalendarSpec::weekdays("Europe/Berlin", &[("08:00", "17:00")])
        .unwrap()
        .with_day(Weekday::Sun, &[("01:00", "04:00")])
        .unwrap();
    let c = cal(spec);
    // Spring forward, 2026-03-29: 02:00-03:00 does not exist.
    let spring = (lt(BERLIN, 2026, 3, 29, 0, 0), lt(BERLIN, 2026, 3, 30, 0, 0));
    assert_eq!(c.between(spring.0, spring.1), h(2));
    assert_eq!(
        c.open_intervals(spring.0, spring.1),
        vec![(utc(2026, 3, 29, 0, 0), utc(2026, 3, 29, 2, 0))]
    );
    // Fall back, 2026-10-25: 01:00 CEST (23:00Z) to 04:00 CET (03:00Z) is 4 h.
    let autumn = (
        lt(BERLIN, 2026, 10, 25, 0, 0),
        lt(BERLIN, 2026, 10, 26, 0, 0),
    );
    assert_eq!(c.between(autumn.0, autumn.1), h(4));
    assert_eq!(
        c.open_intervals(autumn.0, autumn.1),
        vec![(utc(2026, 10, 24, 23, 0), utc(2026, 10, 25, 3, 0))]
    );
    // Office hours around the changes: Friday 16:00 + 2 h is Monday 09:00.
    check_add(
        &c,
        lt(BERLIN, 2026, 3, 27, 16, 0),
        h(2 + 2),
        lt(BERLIN, 2026, 3, 30, 9, 0),
    );
    assert_eq!(lt(BERLIN, 2026, 3, 27, 16, 0), utc(2026, 3, 27, 15, 0));
    assert_eq!(lt(BERLIN, 2026, 3, 30, 9, 0), utc(2026, 3, 30, 7, 0));
    check_add(
        &c,
        lt(BERLIN, 2026, 10, 23, 16, 0),
        h(1 + 4 + 1),
        lt(BERLIN, 2026, 10, 26, 9, 0),
    );
}

#[test]
fn berlin_repeated_hour_is_worked_twice_and_missing_hour_not_at_all() {
    let only = |windows: &[(&str, &str)]| {
        cal(
            CalendarSpec::weekdays("Europe/Berlin", &[("09:00", "10:00")])
                .unwrap()
                .with_day(Weekday::Sun, windows)
                .unwrap(),
        )
    };
    let autumn = (utc(2026, 10, 24, 20, 0), utc(2026, 10, 25, 20, 0));
    let c = only(&[("02:00", "03:00")]);
    assert_eq!(c.between(autumn.0, autumn.1), h(2));
    assert!(c.is_open(utc(2026, 10, 25, 0, 30))); // 02:30 CEST
    assert!(c.is_open(utc(2026, 10, 25, 1, 30))); // 02:30 CET
    assert!(!c.is_open(utc(2026, 10, 25, 2, 0))); // 03:00 CET
    let spring = (utc(2026, 3, 28, 20, 0), utc(2026, 3, 29, 20, 0));
    assert_eq!(
        only(&[("02:00", "02:30")]).between(spring.0, spring.1),
        h(0)
    );
    assert_eq!(
        only(&[("02:30", "03:30")]).between(spring.0, spring.1),
        m(30)
    );
    // A 24/7 week containing the spring change is 167 h.
    let c = cal(every_day("Europe/Berlin", &[("00:00", "24:00")]));
    assert_eq!(
        c.between(lt(BERLIN, 2026, 3, 23, 0, 0), lt(BERLIN, 2026, 3, 30, 0, 0)),
        h(167)
    );
}

#[test]
fn new_york_changes() {
    let plain = cal(CalendarSpec::always_open("America/New_York"));
    let tables = cal(every_day("America/New_York", &[("00:00", "24:00")]));
    for c in [&plain, &tables] {
        assert_eq!(
            c.between(lt(NY, 2026, 3, 8, 0, 0), lt(NY, 2026, 3, 9, 0, 0)),
            h(23)
        );
        assert_eq!(
            c.between(lt(NY, 2026, 11, 1, 0, 0), lt(NY, 2026, 11, 2, 0, 0)),
            h(25)
        );
    }
    let office = cal(
        CalendarSpec::weekdays("America/New_York", &[("09:00", "17:00")])
            .unwrap()
            .with_day(Weekday::Sun, &[("01:00", "02:00")])
            .unwrap(),
    );
    // 01:00-02:00 on 1 Nov: 01:00 EDT (05:00Z) to 02:00 EST (07:00Z).
    assert_eq!(
        office.open_intervals(utc(2026, 11, 1, 0, 0), utc(2026, 11, 2, 0, 0)),
        vec![(utc(2026, 11, 1, 5, 0), utc(2026, 11, 1, 7, 0))]
    );
    // Friday 6 Mar 16:00 EST (21:00Z) + 2 h: 1 h Fri, Sunday 8 Mar 01:00-02:00 EST, Monday 09:00 EDT.
    check_add(
        &office,
        lt(NY, 2026, 3, 6, 16, 0),
        h(2),
        utc(2026, 3, 8, 7, 0),
    );
    check_add(
        &office,
        lt(NY, 2026, 3, 6, 16, 0),
        h(3),
        utc(2026, 3, 9, 14, 0),
    );
    assert_eq!(
        office.between(lt(NY, 2026, 10, 30, 16, 0), lt(NY, 2026, 11, 2, 10, 0)),
        h(1 + 2 + 1)
    );
}

// ---------------------------------------------------------------- validation

#[test]
fn every_bad_input_names_its_field() {
    let vn = || split_shift("Asia/Ho_Chi_Minh");
    let msg = invalid(CalendarSpec::always_open("Mars/Olympus_Mons"), "time_zone");
    assert!(msg.contains("Asia/Ho_Chi_Minh"), "{msg}");
    let msg = invalid(
        CalendarSpec::weekdays("UTC", &[("08:00", "12:00"), ("17:00", "13:00")]).unwrap(),
        "week[0].windows[1]",
    );
    assert!(
        msg.contains("17:00-13:00") && msg.contains("two windows"),
        "{msg}"
    );
    invalid(
        CalendarSpec::weekdays("UTC", &[("12:00", "12:00")]).unwrap(),
        "week[0].windows[0]",
    );
    let msg = invalid(
        CalendarSpec::weekdays("UTC", &[("08:00", "12:00"), ("11:00", "13:00")]).unwrap(),
        "week[0].windows[1]",
    );
    assert!(msg.contains("overlaps 08:00-12:00"), "{msg}");
    // Blame the later entry even when it sorts first.
    invalid(
        CalendarSpec::weekdays("UTC", &[("11:00", "13:00"), ("08:00", "12:00")]).unwrap(),
        "week[0].windows[1]",
    );
    // Touching is fine.
    cal(CalendarSpec::weekdays("UTC", &[("08:00", "12:00"), ("12:00", "13:00")]).unwrap());
    let mut twice = vn();
    twice.week[3].day = Weekday::Mon;
    let msg = invalid(twice, "week[3].day");
    assert!(msg.contains("week[0]"), "{msg}");
    invalid(
        CalendarSpec::weekdays("UTC", &[("24:00", "24:00")]).unwrap(),
        "week[0].windows[0].start",
    );
    let mut spec = vn();
    spec.holidays.push(Holiday::closed(date(2027, 1, 1), "ok"));
    spec.holidays.push(Holiday::closed_range(
        date(2027, 2, 11),
        date(2027, 2, 5),
        "Tết",
    ));
    invalid(spec, "holidays[1].until");
    let spec = vn()
        .with_holiday(Holiday::closed_range(
            date(2027, 2, 5),
            date(2027, 2, 11),
            "Tết",
        ))
        .with_holiday(Holiday::closed(date(2027, 1, 1), "ok"))
        .with_holiday(Holiday::closed(date(2027, 2, 10), "again"));
    let msg = invalid(spec, "holidays[2]");
    assert!(
        msg.contains("2027-02-10") && msg.contains("holidays[0]"),
        "{msg}"
    );
    let spec = vn()
        .with_holiday(Holiday::partial(date(2026, 12, 31), "eve", &[("12:00", "08:00")]).unwrap());
    invalid(spec, "holidays[0].open[0]");
    let mut closed = vn();
    closed.week.clear();
    let msg = invalid(closed.clone(), "week");
    assert!(msg.contains("always_open"), "{msg}");
    closed.week.push(DayHours {
        day: Weekday::Mon,
        windows: vec![],
    });
    invalid(closed, "week");
    let mut both = vn();
    both.always_open = true;
    invalid(both, "week");
    // Only holiday hours: valid, but no working time after them.
    let mut special = vn();
    special.week.clear();
    special
        .holidays
        .push(Holiday::partial(date(2026, 12, 26), "fair", &[("08:00", "12:00")]).unwrap());
    let c = cal(special);
    check_add(&c, utc(2026, 1, 1, 0, 0), h(4), lt(VN, 2026, 12, 26, 12, 0));
    assert_eq!(c.add(utc(2026, 1, 1, 0, 0), h(5)), None);
    assert_eq!(c.next_open(utc(2027, 1, 1, 0, 0)), None);
}

#[test]
fn times_of_day_parse_strictly() {
    for ok in ["00:00", "8:30", "08:30:15", "23:59:59", "24:00", "24:00:00"] {
        let t: TimeOfDay = ok.parse().unwrap();
        assert_eq!(t.to_string().parse::<TimeOfDay>().unwrap(), t);
    }
    assert_eq!("08:30:15".parse::<TimeOfDay>().unwrap().seconds(), 30_615);
    for bad in [
        "",
        "8",
        "25:00",
        "24:01",
        "24:00:01",
        "12:60",
        "12:5",
        "ab:cd",
        "12:00:00:00",
        "-1:00",
        "7am",
    ] {
        let e = bad.parse::<TimeOfDay>().unwrap_err();
        assert_eq!(e.code(), "invalid_input", "{bad}");
        assert!(e.to_string().contains("HH:MM"), "{e}");
    }
    let e = Window::parse("08:00", "5pm").unwrap_err();
    assert!(
        matches!(e, Error::InvalidInput { ref field, .. } if field == "end"),
        "{e}"
    );
    let e = CalendarSpec::weekdays("UTC", &[("08:00", "12:00"), ("1300", "17:00")]).unwrap_err();
    assert!(
        matches!(e, Error::InvalidInput { ref field, .. } if field == "windows[1].start"),
        "{e}"
    );
    // Serde: a clear message for a bad time or day, unknown keys rejected.
    let e = serde_json::from_str::<Window>(r#"{"start": "7am", "end": "12:00"}"#).unwrap_err();
    assert!(e.to_string().contains("invalid time of day \"7am\""), "{e}");
    let e = serde_json::from_str::<DayHours>(r#"{"day": "someday", "windows": []}"#).unwrap_err();
    assert!(e.to_string().contains("expected one of mon"), "{e}");
    let e =
        serde_json::from_str::<CalendarSpec>(r#"{"time_zone": "UTC", "weeks": []}"#).unwrap_err();
    assert!(e.to_string().contains("unknown field"), "{e}");
    let e = serde_json::from_str::<Calendar>(r#"{"time_zone": "Nowhere"}"#).unwrap_err();
    assert!(e.to_string().contains("time_zone"), "{e}");
}

#[test]
fn spec_is_normalised_and_round_trips() {
    let mut spec =
        CalendarSpec::weekdays(" Europe/Berlin ", &[("13:00", "17:00"), ("08:00", "12:00")])
            .unwrap()
            .with_holiday(Holiday::closed(date(2026, 12, 26), "  "))
            .with_holiday(Holiday::closed_range(
                date(2026, 12, 25),
                date(2026, 12, 25),
                " Weihnachten ",
            ));
    spec.week.reverse();
    let c = cal(spec);
    let n = c.spec();
    assert_eq!(n.time_zone, "Europe/Berlin");
    assert_eq!(c.time_zone(), BERLIN);
    assert_eq!(n.week[0].day, Weekday::Mon);
    assert_eq!(n.week[0].windows[0].to_string(), "08:00-12:00");
    assert_eq!(n.holidays[0].date, date(2026, 12, 25));
    assert_eq!(n.holidays[0].until, None);
    assert_eq!(n.holidays[0].name.as_deref(), Some("Weihnachten"));
    assert_eq!(n.holidays[1].name, None);
    let json = serde_json::to_string(&c).unwrap();
    assert!(
        json.contains(r#"{"day":"mon","windows":[{"start":"08:00","end":"12:00"}"#),
        "{json}"
    );
    assert!(!json.contains("always_open"), "{json}");
    let back: Calendar = serde_json::from_str(&json).unwrap();
    assert_eq!(back, c);
    let spec_back: CalendarSpec = serde_json::from_str(&json).unwrap();
    assert_eq!(&spec_back, n);
    assert_eq!(
        serde_json::to_string(&TimeOfDay::from_hms(7, 5, 9).unwrap()).unwrap(),
        r#""07:05:09""#
    );
}

// ---------------------------------------------------------------- range and precision

#[test]
fn out_of_range_instants_do_not_panic() {
    let plain = cal(CalendarSpec::always_open("UTC"));
    let office = cal(split_shift("Asia/Ho_Chi_Minh"));
    let (min, max) = (DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC);
    let end = utc(9999, 12, 31, 0, 0) + TimeDelta::days(1);
    for c in [&plain, &office] {
        assert!(!c.is_open(min));
        assert!(!c.is_open(max));
        assert_eq!(c.between(max, min), TimeDelta::zero());
        assert_eq!(c.add(max, h(1)), None);
        assert_eq!(c.add(end, h(1)), None);
        assert_eq!(c.add(utc(2026, 1, 1, 0, 0), -h(1)), None);
        assert_eq!(c.add(utc(2026, 1, 1, 0, 0), TimeDelta::MAX), None);
        assert_eq!(c.add(max, TimeDelta::zero()), Some(max));
        assert_eq!(c.next_open(max), None);
        assert_eq!(c.open_intervals(max, min), vec![]);
        // Closed before 1970: clamped.
        assert_eq!(
            c.between(utc(1960, 1, 1, 0, 0), utc(1971, 1, 1, 0, 0)),
            c.between(utc(1970, 1, 1, 0, 0), utc(1971, 1, 1, 0, 0))
        );
        assert_eq!(
            c.add(utc(1960, 1, 1, 0, 0), h(1)),
            c.add(utc(1970, 1, 1, 0, 0), h(1))
        );
        let late = c.next_open(utc(9999, 12, 20, 0, 0)).unwrap();
        assert!(c.add(late, h(1)).is_some());
        assert_eq!(c.add(late, TimeDelta::days(365)), None);
    }
    assert_eq!(plain.between(min, max), end - utc(1970, 1, 1, 0, 0));
    assert_eq!(plain.add(utc(9999, 12, 31, 23, 0), h(1)), Some(end));
    assert_eq!(plain.next_open(min), Some(utc(1970, 1, 1, 0, 0)));
    assert_eq!(
        office.next_open(min),
        Some(lt(VN, 1970, 1, 1, 8, 0)),
        "1970-01-01 was a Thursday"
    );
}

#[test]
fn sub_microsecond_parts_are_truncated() {
    let c = cal(CalendarSpec::always_open("UTC"));
    let a = utc(2026, 1, 1, 0, 0);
    let ns = |n| TimeDelta::nanoseconds(n);
    assert_eq!(c.between(a + ns(1_500), a + h(1)), h(1) - ns(1_000));
    assert_eq!(c.between(a, a + ns(999)), TimeDelta::zero());
    assert_eq!(c.add(a, ns(999)), Some(a));
    assert_eq!(c.add(a + ns(1), ns(2_500)), Some(a + ns(2_000)));
}

#[test]
fn open_intervals_merge_touching_windows() {
    let c = cal(CalendarSpec::weekdays("UTC", &[("08:00", "12:00"), ("12:00", "13:00")]).unwrap());
    let day = utc(2026, 10, 5, 0, 0);
    assert_eq!(
        c.open_intervals(day, day + h(24)),
        vec![(day + h(8), day + h(13))]
    );
    check_add(&c, day + h(11), h(2), day + h(13));
}

// ---------------------------------------------------------------- properties

const ZONES: &[&str] = &[
    "UTC",
    "Asia/Ho_Chi_Minh",
    "Europe/Berlin",
    "America/New_York",
    "Australia/Lord_Howe",
    "America/Santiago",
    "Pacific/Chatham",
    "America/St_Johns",
    "Asia/Kolkata",
    "Europe/London",
];

/// Up to three disjoint windows on minute boundaries (touching allowed).
fn windows() -> impl Strategy<Value = Vec<(u32, u32)>> {
    prop::collection::vec(0u32..=1440, 0..=6).prop_map(|mut marks| {
        marks.sort_unstable();
        marks
            .chunks_exact(2)
            .filter(|p| p[0] < p[1])
            .map(|p| (p[0], p[1]))
            .collect()
    })
}

fn to_windows(w: &[(u32, u32)]) -> Vec<Window> {
    w.iter()
        .map(|&(s, e)| {
            Window::new(
                TimeOfDay::from_seconds(s * 60).unwrap(),
                TimeOfDay::from_seconds(e * 60).unwrap(),
            )
        })
        .collect()
}

fn calendar_spec() -> impl Strategy<Value = CalendarSpec> {
    (
        prop::sample::select(ZONES),
        prop::bool::weighted(0.1),
        prop::collection::vec(windows(), 7),
        prop::collection::vec((0i64..2600, 0i64..12, windows()), 0..6),
    )
        .prop_map(|(zone, always_open, week, holidays)| {
            let days = [
                Weekday::Mon,
                Weekday::Tue,
                Weekday::Wed,
                Weekday::Thu,
                Weekday::Fri,
                Weekday::Sat,
                Weekday::Sun,
            ];
            let mut spec = CalendarSpec {
                time_zone: zone.to_owned(),
                always_open,
                week: if always_open {
                    vec![]
                } else {
                    days.iter()
                        .zip(&week)
                        .filter(|(_, w)| !w.is_empty())
                        .map(|(&day, w)| DayHours {
                            day,
                            windows: to_windows(w),
                        })
                        .collect()
                },
                holidays: vec![],
            };
            if !always_open && spec.week.is_empty() {
                spec.week.push(DayHours {
                    day: Weekday::Wed,
                    windows: to_windows(&[(540, 1020)]),
                });
            }
            // Holidays from 2024 on, without overlaps.
            let base = date(2024, 1, 1);
            let mut taken: Vec<(NaiveDate, NaiveDate)> = vec![];
            for (start, len, open) in holidays {
                let first = base + TimeDelta::days(start);
                let last = first + TimeDelta::days(len);
                if taken.iter().any(|&(a, b)| first <= b && a <= last) {
                    continue;
                }
                taken.push((first, last));
                spec.holidays.push(Holiday {
                    date: first,
                    until: (len > 0).then_some(last),
                    name: None,
                    open: to_windows(&open),
                });
            }
            spec
        })
}

/// Instants 2024-01-01 .. 2031-01-01, µs precision.
fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    let lo = utc(2024, 1, 1, 0, 0).timestamp_micros();
    let hi = utc(2031, 1, 1, 0, 0).timestamp_micros();
    (lo..hi).prop_map(|us| DateTime::from_timestamp_micros(us).unwrap())
}

/// Business durations up to 40 days, µs precision.
fn budget() -> impl Strategy<Value = TimeDelta> {
    (0i64..40 * 86_400_000_000).prop_map(TimeDelta::microseconds)
}

/// Whether `t` is working time by the spec, read with chrono-tz directly.
fn reference_open(spec: &CalendarSpec, tz: Tz, t: DateTime<Utc>) -> bool {
    let local = t.with_timezone(&tz);
    let day = local.date_naive();
    let secs = local.time().num_seconds_from_midnight();
    let windows: Vec<Window> = if let Some(hol) = spec.holidays.iter().find(|x| x.covers(day)) {
        hol.open.clone()
    } else if spec.always_open {
        vec![Window::new(TimeOfDay::MIDNIGHT, TimeOfDay::END_OF_DAY)]
    } else {
        spec.week
            .iter()
            .find(|d| d.day == day.weekday())
            .map(|d| d.windows.clone())
            .unwrap_or_default()
    };
    windows
        .iter()
        .any(|w| w.start.seconds() <= secs && secs < w.end.seconds())
}

/// Days near offset changes of the zones above (and a new year).
fn interesting_start() -> impl Strategy<Value = DateTime<Utc>> {
    let anchors = [
        utc(2026, 3, 6, 0, 0),
        utc(2026, 3, 27, 0, 0),
        utc(2026, 4, 3, 0, 0),
        utc(2026, 9, 4, 0, 0),
        utc(2026, 9, 25, 0, 0),
        utc(2026, 10, 2, 0, 0),
        utc(2026, 10, 23, 0, 0),
        utc(2026, 10, 30, 0, 0),
        utc(2026, 12, 30, 0, 0),
    ];
    prop_oneof![
        (prop::sample::select(anchors.to_vec()), 0i64..3 * 1440)
            .prop_map(|(a, mins)| a + TimeDelta::minutes(mins)),
        (0i64..7 * 365 * 1440).prop_map(|mins| utc(2024, 1, 1, 0, 0) + TimeDelta::minutes(mins)),
    ]
}

/// Instants near both ends of the supported range, or anywhere in it.
fn far_instant() -> impl Strategy<Value = DateTime<Utc>> {
    let first = utc(1970, 1, 1, 0, 0).timestamp_micros();
    let last = (utc(9999, 12, 31, 0, 0) + TimeDelta::days(1)).timestamp_micros();
    let month = 31 * 86_400_000_000i64;
    prop_oneof![
        (first - month..first + month),
        (last - month..last + month),
        (first..last),
    ]
    .prop_map(|us| DateTime::from_timestamp_micros(us).unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn far_years_stay_consistent(spec in calendar_spec(), a in far_instant(), d in 0i64..3 * 86_400) {
        let c = cal(spec);
        let d = TimeDelta::seconds(d);
        match c.add(a, d) {
            Some(t) => {
                prop_assert!(t >= a);
                prop_assert_eq!(c.between(a, t), d);
            }
            // Only when the budget does not fit before the end of 9999.
            None => prop_assert!(c.between(a, utc(9999, 12, 31, 0, 0) + TimeDelta::days(1)) < d),
        }
        if let Some(n) = c.next_open(a) {
            prop_assert!(n >= a && c.is_open(n));
        }
        let b = a + TimeDelta::days(2);
        let sum: TimeDelta = c.open_intervals(a, b).iter().map(|(s, e)| *e - *s).sum();
        prop_assert_eq!(sum, c.between(a, b));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn add_inverts_between_and_is_earliest(spec in calendar_spec(), a in instant(), d in budget()) {
        let c = cal(spec);
        let t = c.add(a, d).unwrap();
        prop_assert!(t >= a);
        prop_assert_eq!(c.between(a, t), d);
        if d > TimeDelta::zero() {
            let before = t - TimeDelta::microseconds(1);
            prop_assert!(c.between(a, before) < d);
            // The budget runs out inside working time (or at its end).
            prop_assert!(c.is_open(before));
        }
    }

    #[test]
    fn between_is_additive_and_bounded(spec in calendar_spec(), mut xs in prop::collection::vec(instant(), 3)) {
        let c = cal(spec);
        xs.sort();
        let (a, b, z) = (xs[0], xs[1], xs[2]);
        prop_assert_eq!(c.between(a, b) + c.between(b, z), c.between(a, z));
        prop_assert!(c.between(a, b) <= b - a);
        prop_assert!(c.between(a, b) >= TimeDelta::zero());
        prop_assert_eq!(c.between(b, a), TimeDelta::zero());
    }

    #[test]
    fn add_is_monotonic(spec in calendar_spec(), a in instant(), d1 in budget(), d2 in budget()) {
        let c = cal(spec);
        let (lo, hi) = if d1 <= d2 { (d1, d2) } else { (d2, d1) };
        prop_assert!(c.add(a, lo).unwrap() <= c.add(a, hi).unwrap());
    }

    #[test]
    fn intervals_sum_to_between_and_agree_with_is_open(
        spec in calendar_spec(),
        a in instant(),
        span in 0i64..20 * 86_400,
        probes in prop::collection::vec(0.0f64..1.0, 8),
    ) {
        let c = cal(spec);
        let b = a + TimeDelta::seconds(span);
        let iv = c.open_intervals(a, b);
        let sum: TimeDelta = iv.iter().map(|(s, e)| *e - *s).sum();
        prop_assert_eq!(sum, c.between(a, b));
        for w in iv.windows(2) {
            prop_assert!(w[0].1 < w[1].0, "ordered, disjoint, merged: {:?}", w);
        }
        for (s, e) in &iv {
            prop_assert!(s < e && *s >= a && *e <= b);
            prop_assert!(c.is_open(*s));
            prop_assert!(c.is_open(*e - TimeDelta::microseconds(1)));
            if *e < b {
                prop_assert!(!c.is_open(*e));
            }
            prop_assert_eq!(c.next_open(*s), Some(*s));
        }
        for p in probes {
            let t = a + TimeDelta::microseconds(((b - a).num_microseconds().unwrap() as f64 * p) as i64);
            let inside = iv.iter().any(|(s, e)| *s <= t && t < *e);
            prop_assert_eq!(c.is_open(t), inside || (t >= b && c.is_open(t)));
            if let Some(n) = c.next_open(t) {
                prop_assert!(n >= t && c.is_open(n));
                prop_assert_eq!(c.between(t, n), TimeDelta::zero());
            }
        }
    }

    #[test]
    fn warm_and_cold_calendars_agree(spec in calendar_spec(), a in instant(), b in instant(), d in budget()) {
        let warm = cal(spec.clone());
        // Warm up over the whole test range, in scattered order.
        for y in [2030, 2024, 2027, 2025, 2029, 2026, 2028] {
            let _ = warm.between(utc(y, 1, 1, 0, 0), utc(y, 12, 31, 0, 0));
        }
        let cold = || cal(spec.clone());
        prop_assert_eq!(warm.between(a, b), cold().between(a, b));
        prop_assert_eq!(warm.add(a, d), cold().add(a, d));
        prop_assert_eq!(warm.is_open(a), cold().is_open(a));
        prop_assert_eq!(warm.next_open(a), cold().next_open(a));
        prop_assert_eq!(warm.open_intervals(a, a + TimeDelta::days(3)), cold().open_intervals(a, a + TimeDelta::days(3)));
        prop_assert_eq!(warm.clone().between(a, b), warm.between(a, b));
    }

    #[test]
    fn matches_a_minute_stepping_reference(spec in calendar_spec(), a in interesting_start(), minutes in 1i64..3 * 1440) {
        // Every zone above changes offsets on whole minutes and every window
        // is on whole minutes, so openness is constant within a UTC minute.
        let c = cal(spec.clone());
        let tz: Tz = spec.time_zone.parse().unwrap();
        let mut open_minutes = 0i64;
        for i in 0..minutes {
            let t = a + TimeDelta::minutes(i);
            let want = reference_open(&spec, tz, t);
            prop_assert_eq!(c.is_open(t), want, "at {} ({})", t, t.with_timezone(&tz));
            open_minutes += i64::from(want);
        }
        let b = a + TimeDelta::minutes(minutes);
        prop_assert_eq!(c.between(a, b), TimeDelta::minutes(open_minutes));
        if open_minutes > 0 {
            let due = c.add(a, TimeDelta::minutes(open_minutes)).unwrap();
            prop_assert!(due <= b);
            prop_assert_eq!(c.between(a, due), TimeDelta::minutes(open_minutes));
        }
    }
}
