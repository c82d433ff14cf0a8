//! Local wall-clock time to UTC and back, with the gap and overlap rules of
//! the recurrence engine.

use chrono::{DateTime, LocalResult, NaiveDate, NaiveDateTime, Offset, TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;

/// Seconds from the epoch of -0001-12-01 and 10001-01-01 (UTC): instants
/// outside are clamped before conversion so nothing can overflow.
const MIN_TS: i64 = -62_198_755_200;
const MAX_TS: i64 = 253_433_923_200;

fn offset_seconds(o: <Tz as TimeZone>::Offset) -> i64 {
    i64::from(o.fix().local_minus_utc())
}

fn minus(local: NaiveDateTime, seconds: i64) -> DateTime<Utc> {
    local
        .checked_sub_signed(TimeDelta::seconds(seconds))
        .unwrap_or(local)
        .and_utc()
}

/// The instant of local wall-clock time `local` in `tz`:
/// - a time that exists once is that instant;
/// - a repeated time (clocks going back) is its **first** (earlier) instant;
/// - a time in a gap (clocks going forward) is read with the offset in force
///   before the gap, i.e. it moves forward by the gap's length (02:30 on
///   Berlin's spring-forward day is 03:30 CEST). This is what Python's
///   `zoneinfo` does with `fold=0`.
pub(super) fn to_utc(tz: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    match tz.offset_from_local_datetime(&local) {
        LocalResult::Single(o) => minus(local, offset_seconds(o)),
        LocalResult::Ambiguous(a, b) => minus(local, offset_seconds(a).max(offset_seconds(b))),
        LocalResult::None => {
            // Walk back to a wall-clock time before the gap (gaps last an
            // hour or less, a whole day at most: Samoa, 2011-12-30).
            for hours in 1..=48 {
                let before = local - TimeDelta::hours(hours);
                if let Some(o) = tz.offset_from_local_datetime(&before).latest() {
                    return minus(local, offset_seconds(o));
                }
            }
            local.and_utc()
        }
    }
}

/// The local date-time of `t` in `tz`, with `t` clamped to years 0..=10001.
pub(super) fn to_local(tz: Tz, t: DateTime<Utc>) -> NaiveDateTime {
    let clamped = if (MIN_TS..=MAX_TS).contains(&t.timestamp()) {
        t
    } else {
        DateTime::from_timestamp(t.timestamp().clamp(MIN_TS, MAX_TS), 0).unwrap_or_default()
    };
    clamped.with_timezone(&tz).naive_local()
}

/// The earliest local date whose occurrences can be at or after `t`: two days
/// before `t`'s local date (offset changes are less than a day).
pub(super) fn first_candidate_date(local: NaiveDateTime) -> NaiveDate {
    let date = local.date();
    date.checked_sub_days(chrono::Days::new(2)).unwrap_or(date)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use chrono::Datelike;

    fn local(s: &str) -> NaiveDateTime {
        s.parse().unwrap()
    }

    #[test]
    fn gaps_move_forward_and_overlaps_take_the_first_instant() {
        let berlin = chrono_tz::Europe::Berlin;
        // Spring forward 2026-03-29 02:00 CET -> 03:00 CEST.
        assert_eq!(
            to_utc(berlin, local("2026-03-29T02:30:00")).to_rfc3339(),
            "2026-03-29T01:30:00+00:00"
        );
        assert_eq!(
            to_utc(berlin, local("2026-03-29T03:30:00")).to_rfc3339(),
            "2026-03-29T01:30:00+00:00"
        );
        // Fall back 2026-10-25 03:00 CEST -> 02:00 CET: 02:30 twice.
        assert_eq!(
            to_utc(berlin, local("2026-10-25T02:30:00")).to_rfc3339(),
            "2026-10-25T00:30:00+00:00"
        );
        // Samoa skipped 2011-12-30 entirely (-10:00 -> +14:00).
        let apia = chrono_tz::Pacific::Apia;
        assert_eq!(
            to_utc(apia, local("2011-12-30T09:00:00")),
            to_utc(apia, local("2011-12-31T09:00:00"))
        );
        // Lord Howe: a 30-minute gap.
        let lh = chrono_tz::Australia::Lord_Howe;
        assert_eq!(
            to_utc(lh, local("2026-10-04T02:15:00")),
            to_utc(lh, local("2026-10-04T02:45:00"))
        );
    }

    #[test]
    fn extreme_instants_do_not_panic() {
        let tz = chrono_tz::Pacific::Kiritimati;
        assert!(to_local(tz, DateTime::<Utc>::MAX_UTC).date().year() >= 10_000);
        assert!(to_local(tz, DateTime::<Utc>::MIN_UTC).date().year() <= 0);
        let max = local("9999-12-31T23:59:59");
        assert!(to_utc(tz, max) < DateTime::<Utc>::MAX_UTC);
        let min = local("0001-01-01T00:00:00");
        assert!(to_utc(chrono_tz::America::Los_Angeles, min) > DateTime::<Utc>::MIN_UTC);
    }
}
