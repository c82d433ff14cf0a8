#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::table::YearTable;
use super::time::{year_start_us, US};
use super::*;
use chrono::TimeZone;

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
}

#[test]
fn calendar_is_send_sync_and_eq_ignores_the_cache() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Calendar>();
    let spec = CalendarSpec::weekdays("Europe/Berlin", &[("09:00", "17:00")]).unwrap();
    let warm = Calendar::new(spec.clone()).unwrap();
    let _ = warm.between(utc(2026, 1, 1, 0, 0), utc(2028, 1, 1, 0, 0));
    assert_eq!(
        warm.cache.tables_kept(),
        2,
        "first and last year kept, middle only totalled"
    );
    let cold = Calendar::new(spec).unwrap();
    assert_eq!(warm, cold);
    let copy = warm.clone();
    assert_eq!(copy.cache.tables_kept(), 2);
    assert!(format!("{warm:?}").contains("cached_years: 2"));
}

#[test]
fn year_table_merges_midnight_shifts_and_accumulates() {
    let spec = CalendarSpec::always_open("Asia/Ho_Chi_Minh")
        .with_holiday(Holiday::closed(NaiveDateExt::ymd(2026, 6, 1), "x"));
    let cal = Calendar::new(spec).unwrap();
    let t = YearTable::build(&cal.rules, 2026);
    // One gap (June 1 local) splits the year into two intervals.
    assert_eq!(t.len(), 2);
    assert_eq!(t.total(), (365 - 1) * 86_400 * US);
    let start = year_start_us(2026);
    assert_eq!(t.cum_at(start).0, 0);
    assert_eq!(t.cum_at(start + 3600 * US).0, 3600 * US);
    for hint in [0, 1, 2, 99] {
        assert_eq!(t.instant_at(3600 * US, hint), Some(start + 3600 * US));
        assert_eq!(t.instant_at(t.total(), hint), Some(year_start_us(2027)));
    }
    assert!(YearTable::build(&cal.rules, 10_000).total() == 0);
    assert!(YearTable::build(&cal.rules, 1969).total() == 0);
}

#[test]
fn plain_calendar_short_circuits() {
    let cal = Calendar::new(CalendarSpec::always_open("UTC")).unwrap();
    assert!(cal.rules.plain);
    let a = utc(2026, 1, 1, 0, 0);
    assert_eq!(cal.between(a, a + TimeDelta::days(3)), TimeDelta::days(3));
    assert_eq!(cal.cache.tables_kept(), 0);
}

struct NaiveDateExt;
impl NaiveDateExt {
    fn ymd(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }
}
