//! Business time in Hồ Chí Minh City: most contacts happen on working days in
//! shop hours (peaks late morning and mid-afternoon), fewer on Sunday and at night.

use crate::rng::Rng;
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc, Weekday};
use chrono_tz::Tz;

/// The shop's time zone.
pub const TZ: Tz = chrono_tz::Asia::Ho_Chi_Minh;

/// Relative activity per local hour of the day.
const HOUR_WEIGHTS: [(u32, u32); 24] = [
    (0, 1),
    (1, 1),
    (2, 0),
    (3, 0),
    (4, 0),
    (5, 1),
    (6, 2),
    (7, 4),
    (8, 9),
    (9, 13),
    (10, 15),
    (11, 12),
    (12, 6),
    (13, 8),
    (14, 12),
    (15, 13),
    (16, 11),
    (17, 8),
    (18, 5),
    (19, 5),
    (20, 6),
    (21, 4),
    (22, 2),
    (23, 1),
];

/// Converts a local wall-clock time in Hồ Chí Minh City to UTC.
#[must_use]
pub fn local_to_utc(local: NaiveDateTime) -> DateTime<Utc> {
    match TZ.from_local_datetime(&local).earliest() {
        Some(t) => t.with_timezone(&Utc),
        // Vietnam has had no DST since 1975; +07:00 is the fallback.
        None => local.and_utc() - Duration::hours(7),
    }
}

/// A local date and time in Hồ Chí Minh City as UTC, or `None` for an impossible date.
#[must_use]
pub fn local(year: i32, month: u32, day: u32, hour: u32, minute: u32) -> Option<DateTime<Utc>> {
    NaiveDate::from_ymd_opt(year, month, day)
        .and_then(|d| d.and_hms_opt(hour, minute, 0))
        .map(local_to_utc)
}

fn day_weight(d: Weekday) -> f64 {
    match d {
        Weekday::Sun => 0.35,
        Weekday::Sat => 0.8,
        _ => 1.0,
    }
}

/// A time in `[from, to]` with the business-hour bias of a shop in Hồ Chí
/// Minh City (returns `from` when the range is empty).
pub fn business_time(rng: &mut Rng, from: DateTime<Utc>, to: DateTime<Utc>) -> DateTime<Utc> {
    if to <= from {
        return from;
    }
    let first = from.with_timezone(&TZ).date_naive();
    let last = to.with_timezone(&TZ).date_naive();
    let days = (last - first).num_days().max(0) as u64;
    let mut day = first;
    for _ in 0..8 {
        day = first + Duration::days(rng.below(days + 1) as i64);
        if rng.chance(day_weight(day.weekday())) {
            break;
        }
    }
    let hour = *rng.weighted(&HOUR_WEIGHTS);
    let secs = hour * 3600 + rng.below(3600) as u32;
    let t = day
        .and_hms_opt(0, 0, 0)
        .map(|midnight| local_to_utc(midnight) + Duration::seconds(i64::from(secs)))
        .unwrap_or(from);
    t.clamp(from, to)
}

/// A time uniformly in `[from, to]`.
pub fn uniform_time(rng: &mut Rng, from: DateTime<Utc>, to: DateTime<Utc>) -> DateTime<Utc> {
    let span = (to - from).num_seconds();
    if span <= 0 {
        return from;
    }
    from + Duration::seconds(rng.below(span as u64 + 1) as i64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Timelike;

    #[test]
    fn business_hours_dominate_and_range_holds() {
        let mut rng = Rng::new(2);
        let from = local(2026, 10, 1, 0, 0).unwrap_or_default();
        let to = from + Duration::days(30);
        let mut in_hours = 0;
        let mut sundays = 0;
        let n = 10_000;
        for _ in 0..n {
            let t = business_time(&mut rng, from, to);
            assert!(t >= from && t <= to);
            let l = t.with_timezone(&TZ);
            if (8..18).contains(&l.hour()) {
                in_hours += 1;
            }
            if l.weekday() == Weekday::Sun {
                sundays += 1;
            }
        }
        assert!(in_hours > n * 7 / 10, "{in_hours}");
        assert!(sundays < n / 12, "{sundays}");
        assert_eq!(
            local(2026, 10, 1, 9, 0).map(|t| t.to_rfc3339()),
            Some("2026-10-01T02:00:00+00:00".into())
        );
    }
}
