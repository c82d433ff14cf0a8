//! Instants as microseconds since the Unix epoch, civil-date arithmetic on
//! day numbers, and the offset pieces of a time zone over a UTC range.

use chrono::{DateTime, NaiveDate, Offset, TimeZone, Utc};
use chrono_tz::Tz;

/// Microseconds per second.
pub(super) const US: i64 = 1_000_000;
/// Seconds per day.
pub(super) const DAY: i64 = 86_400;
/// The first supported instant, 1970-01-01T00:00:00Z, in µs.
pub(super) const MIN_US: i64 = 0;
/// The end of the supported range (exclusive), 10000-01-01T00:00:00Z, in µs.
pub(super) const MAX_US: i64 = 253_402_300_800 * US;
/// The last UTC year of the supported range.
pub(super) const LAST_YEAR: i32 = 9999;
/// The first UTC year of the supported range.
pub(super) const FIRST_YEAR: i32 = 1970;

/// Microseconds since the epoch, sub-microsecond part truncated (never panics:
/// chrono's whole range fits in an `i64` of µs).
pub(super) fn to_us(t: DateTime<Utc>) -> i64 {
    t.timestamp_micros()
}

/// The instant `us` µs after the epoch (`us` within the supported range).
pub(super) fn from_us(us: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_micros(us.clamp(MIN_US, MAX_US)).unwrap_or_default()
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
pub(super) fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = if month > 2 { month - 3 } else { month + 9 };
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The proleptic Gregorian year of day number `days` (days since 1970-01-01).
pub(super) fn year_of_day(days: i64) -> i64 {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let year = yoe + era * 400;
    if mp >= 10 {
        year + 1
    } else {
        year
    }
}

/// Days since 1970-01-01 of `date`.
pub(super) fn day_number(date: NaiveDate) -> i64 {
    i64::from(chrono::Datelike::num_days_from_ce(&date)) - 719_163
}

/// The UTC year of the instant `us` (µs since the epoch).
pub(super) fn year_of_us(us: i64) -> i32 {
    year_of_day(us.div_euclid(DAY * US)) as i32
}

/// 1 January 00:00:00 UTC of `year`, in µs.
pub(super) fn year_start_us(year: i32) -> i64 {
    days_from_civil(i64::from(year), 1, 1) * DAY * US
}

/// The UTC offset of `tz` at the UTC second `s`, in seconds.
fn offset_at(tz: Tz, s: i64) -> i64 {
    DateTime::from_timestamp(s, 0).map_or(0, |t| {
        i64::from(
            tz.offset_from_utc_datetime(&t.naive_utc())
                .fix()
                .local_minus_utc(),
        )
    })
}

/// How far apart the offset is sampled: offset changes are found between
/// samples by bisection, so only changes that cancel out within this step
/// could be missed (the tz database has none: transitions are months apart).
const SAMPLE_STEP: i64 = 6 * 3600;

/// The UTC range `[lo, hi)` (seconds) cut into pieces of constant UTC offset:
/// `(start, end, offset)`, contiguous and in order. Transitions are located to
/// the second by bisection on the offset.
pub(super) fn offset_pieces(tz: Tz, lo: i64, hi: i64) -> Vec<(i64, i64, i64)> {
    let mut pieces = Vec::with_capacity(4);
    if hi <= lo {
        return pieces;
    }
    let mut cur = lo;
    let mut cur_off = offset_at(tz, lo);
    let mut probe = lo;
    loop {
        let sample = (probe + SAMPLE_STEP).min(hi - 1);
        let mut sample_off = offset_at(tz, sample);
        while sample_off != cur_off {
            // Invariant: offset(l) == cur_off, offset(h) != cur_off.
            let (mut l, mut h) = (probe.max(cur), sample);
            while h - l > 1 {
                let m = l + (h - l) / 2;
                if offset_at(tz, m) == cur_off {
                    l = m;
                } else {
                    h = m;
                }
            }
            pieces.push((cur, h, cur_off));
            cur = h;
            cur_off = offset_at(tz, h);
            probe = h;
            sample_off = offset_at(tz, sample);
        }
        if sample >= hi - 1 {
            break;
        }
        probe = sample;
    }
    pieces.push((cur, hi, cur_off));
    pieces
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use chrono::Datelike;

    #[test]
    fn civil_day_numbers_agree_with_chrono() {
        let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
        let mut d = NaiveDate::from_ymd_opt(1600, 1, 1).unwrap();
        let end = NaiveDate::from_ymd_opt(10001, 1, 1).unwrap();
        while d < end {
            let n = (d - epoch).num_days();
            assert_eq!(day_number(d), n, "{d}");
            assert_eq!(
                days_from_civil(
                    i64::from(d.year()),
                    i64::from(d.month()),
                    i64::from(d.day())
                ),
                n
            );
            assert_eq!(year_of_day(n), i64::from(d.year()), "{d}");
            d += chrono::Duration::days(13);
        }
        assert_eq!(year_start_us(10_000), MAX_US);
        assert_eq!(year_start_us(1970), 0);
        assert_eq!(year_of_us(MAX_US - 1), 9999);
        assert_eq!(year_of_us(0), 1970);
        assert_eq!(year_of_us(year_start_us(2027) - 1), 2026);
        assert_eq!(year_of_us(year_start_us(2028)), 2028);
    }

    #[test]
    fn conversions_never_panic() {
        assert!(to_us(DateTime::<Utc>::MIN_UTC) < MIN_US);
        assert!(to_us(DateTime::<Utc>::MAX_UTC) > MAX_US);
        assert_eq!(from_us(-5), from_us(0));
        assert_eq!(from_us(MAX_US).year(), 10_000);
    }

    #[test]
    fn pieces_find_transitions_to_the_second() {
        let start = year_start_us(2026) / US;
        let end = year_start_us(2027) / US;
        let p = offset_pieces(chrono_tz::Europe::Berlin, start, end);
        // 2026-03-29 01:00Z and 2026-10-25 01:00Z.
        assert_eq!(p.len(), 3);
        assert_eq!(p[0].2, 3600);
        assert_eq!(p[1].2, 7200);
        assert_eq!(
            from_us(p[1].0 * US).to_rfc3339(),
            "2026-03-29T01:00:00+00:00"
        );
        assert_eq!(
            from_us(p[2].0 * US).to_rfc3339(),
            "2026-10-25T01:00:00+00:00"
        );
        assert_eq!((p[0].0, p[2].1), (start, end));
        // Lord Howe shifts by 30 minutes at 02:00 local standard time.
        let p = offset_pieces(chrono_tz::Australia::Lord_Howe, start, end);
        assert_eq!(p.len(), 3);
        assert_eq!((p[0].2, p[1].2, p[2].2), (39_600, 37_800, 39_600));
        let p = offset_pieces(chrono_tz::Asia::Ho_Chi_Minh, start, end);
        assert_eq!(p, vec![(start, end, 25_200)]);
    }
}
