//! The compiled rule: `BY*` parts as bit masks, expanded one month at a time.
//!
//! Every frequency is evaluated the same way: a month's candidate days are a
//! 32-bit mask (bit `d` = day `d`), narrowed by `BYMONTH`, `BYMONTHDAY`,
//! `BYDAY` and by the rule's period phase (which days, weeks, months or years
//! are the `interval`-th ones counted from the start's period). This is
//! exactly python-dateutil's period-by-period filter, only computed per month,
//! so months without candidates cost a few instructions and a `next` call
//! that has to skip years (Feb 29) stays cheap.

use super::spec::{Frequency, RuleSpec};
use chrono::{Datelike, NaiveDate, Weekday};

/// The last year a rule is expanded in: occurrences stop at 9999-12-31.
pub(super) const LAST_YEAR: i32 = 9999;

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = if month > 2 { month - 3 } else { month + 9 };
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// 0 = Monday .. 6 = Sunday, of day number `dn` (1970-01-01 was a Thursday).
fn weekday_of(dn: i64) -> u32 {
    // In 0..7, so the cast is exact.
    (dn + 3).rem_euclid(7) as u32
}

fn is_leap(year: i32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Bits 1..=len set.
fn full(len: u32) -> u32 {
    // len <= 31, so the shift cannot overflow a u64.
    ((1u64 << (len + 1)) - 2) as u32
}

/// `(year, month)` as a month index (months since year 0).
fn month_index(year: i32, month: u32) -> i64 {
    i64::from(year) * 12 + i64::from(month) - 1
}

fn from_month_index(mi: i64) -> (i32, u32) {
    // Month indices stay within years 0..=10_000 here.
    (mi.div_euclid(12) as i32, mi.rem_euclid(12) as u32 + 1)
}

/// The rule's effective `BY*` parts (dateutil's defaults from the start
/// applied) in a form that makes a month's candidates a few mask operations.
#[derive(Debug, Clone)]
pub(super) struct Rule {
    freq: Frequency,
    interval: i64,
    /// Bit m (1..=12): month allowed.
    months: u16,
    /// Whether `BYMONTHDAY` filters.
    has_mday: bool,
    /// Bit d: day d of the month (1..=31).
    mday_pos: u32,
    /// Bit k: day -k of the month (k in 1..=31).
    mday_neg: u32,
    /// Whether `BYDAY` filters.
    has_wday: bool,
    /// By the weekday of the 1st (0 = Monday): the days of a month whose
    /// weekday is among the plain `BYDAY` weekdays.
    plain_by_first: [u32; 7],
    /// Ordinal weekdays: (weekday 0 = Monday, n).
    nth: Vec<(u32, i64)>,
    /// Ordinals count within the year (yearly without `BYMONTH`).
    nth_in_year: bool,
    /// The start's date, day number, month index and year.
    start: NaiveDate,
    start_dn: i64,
    start_mi: i64,
    start_year: i32,
    /// Day number of the first day of the start's week (by `WKST`).
    week0_dn: i64,
    /// The last date an occurrence may fall on (from `UNTIL` or `COUNT`).
    last: Option<NaiveDate>,
    /// The rule's pattern repeats after this many years (see [`Rule::period_years`]).
    period_years: i64,
}

impl Rule {
    /// Compiles a checked rule; `last` is the last allowed date (from `UNTIL`).
    pub(super) fn compile(spec: &RuleSpec, start: NaiveDate, last: Option<NaiveDate>) -> Rule {
        let mut by_month: Vec<u8> = spec.by_month.clone();
        let mut by_month_day: Vec<i8> = spec.by_month_day.clone();
        let mut plain: Vec<Weekday> = Vec::new();
        let mut nth = Vec::new();
        for wd in &spec.by_day {
            match wd.nth {
                Some(n) if matches!(spec.freq, Frequency::Monthly | Frequency::Yearly) => {
                    nth.push((wd.weekday.num_days_from_monday(), i64::from(n)));
                }
                _ => plain.push(wd.weekday),
            }
        }
        // dateutil (and RFC 5545 by implication): the start fills in what the
        // rule leaves open.
        if spec.by_day.is_empty() && spec.by_month_day.is_empty() {
            match spec.freq {
                Frequency::Yearly => {
                    if by_month.is_empty() {
                        by_month.push(start.month() as u8);
                    }
                    by_month_day.push(start.day() as i8);
                }
                Frequency::Monthly => by_month_day.push(start.day() as i8),
                Frequency::Weekly => plain.push(start.weekday()),
                Frequency::Daily => {}
            }
        }
        let months = if by_month.is_empty() {
            0x1ffe
        } else {
            by_month.iter().fold(0u16, |m, &b| m | (1 << b))
        };
        let (mut mday_pos, mut mday_neg) = (0u32, 0u32);
        for &d in &by_month_day {
            if d > 0 {
                mday_pos |= 1 << d;
            } else {
                mday_neg |= 1 << d.unsigned_abs();
            }
        }
        let plain_mask: u32 = plain
            .iter()
            .fold(0, |m, w| m | (1 << w.num_days_from_monday()));
        let mut plain_by_first = [0u32; 7];
        for (first, slot) in plain_by_first.iter_mut().enumerate() {
            for day in 1..=31u32 {
                let w = (first as u32 + day - 1) % 7;
                if plain_mask & (1 << w) != 0 {
                    *slot |= 1 << day;
                }
            }
        }
        let start_dn = days_from_civil(
            i64::from(start.year()),
            i64::from(start.month()),
            i64::from(start.day()),
        );
        let wkst = spec
            .week_start
            .unwrap_or(Weekday::Mon)
            .num_days_from_monday();
        let back = i64::from((weekday_of(start_dn) + 7 - wkst) % 7);
        let interval = i64::from(spec.interval);
        Rule {
            freq: spec.freq,
            interval,
            months,
            has_mday: !by_month_day.is_empty(),
            mday_pos,
            mday_neg,
            has_wday: !plain.is_empty() || !nth.is_empty(),
            plain_by_first,
            nth,
            nth_in_year: spec.freq == Frequency::Yearly && by_month.is_empty(),
            start,
            start_dn,
            start_mi: month_index(start.year(), start.month()),
            start_year: start.year(),
            week0_dn: start_dn - back,
            last,
            period_years: Self::period_years(spec.freq, interval),
        }
    }

    /// The Gregorian calendar repeats every 400 years (146 097 days, 20 871
    /// weeks, 4 800 months); with the interval's phase the rule's pattern
    /// repeats after `lcm(P, interval)` periods. So if no date matches within
    /// that many years from any point, none ever will.
    fn period_years(freq: Frequency, interval: i64) -> i64 {
        fn gcd(a: i64, b: i64) -> i64 {
            if b == 0 {
                a
            } else {
                gcd(b, a % b)
            }
        }
        let per_400 = match freq {
            Frequency::Daily => 146_097,
            Frequency::Weekly => 20_871,
            Frequency::Monthly => 4_800,
            Frequency::Yearly => 400,
        };
        400i64.saturating_mul(interval / gcd(per_400, interval))
    }

    /// The last allowed date, if the rule ends.
    #[cfg(test)]
    pub(super) fn last(&self) -> Option<NaiveDate> {
        self.last
    }

    /// Sets the last allowed date (`COUNT` resolved to a date).
    pub(super) fn set_last(&mut self, last: Option<NaiveDate>) {
        self.last = last;
    }

    /// Whether month `(year, month)` is a candidate at all (`BYMONTH`, and the
    /// phase of monthly and yearly rules).
    fn month_in_phase(&self, year: i32, month: u32) -> bool {
        if self.months & (1 << month) == 0 {
            return false;
        }
        match self.freq {
            Frequency::Monthly => {
                (month_index(year, month) - self.start_mi).rem_euclid(self.interval) == 0
            }
            Frequency::Yearly => {
                (i64::from(year) - i64::from(self.start_year)).rem_euclid(self.interval) == 0
            }
            Frequency::Daily | Frequency::Weekly => true,
        }
    }

    /// The days of `(year, month)` the rule produces, before the start and
    /// end are applied.
    pub(super) fn month_mask(&self, year: i32, month: u32) -> u32 {
        if !self.month_in_phase(year, month) {
            return 0;
        }
        let len = days_in_month(year, month);
        let all = full(len);
        let mut mask = all;
        if self.has_mday {
            let mut days = self.mday_pos & all;
            let mut neg = self.mday_neg;
            while neg != 0 {
                let k = neg.trailing_zeros();
                neg &= neg - 1;
                if k <= len {
                    days |= 1 << (len + 1 - k);
                }
            }
            mask &= days;
        }
        if mask == 0 {
            return 0;
        }
        let dn1 = days_from_civil(i64::from(year), i64::from(month), 1);
        let w1 = weekday_of(dn1);
        if self.has_wday {
            let mut days = self.plain_by_first[w1 as usize] & all;
            for &(w, n) in &self.nth {
                days |= self.nth_day(year, len, dn1, w1, w, n);
            }
            mask &= days;
        }
        if mask == 0 {
            return 0;
        }
        match self.freq {
            Frequency::Daily if self.interval > 1 => {
                let mut phase = 0u32;
                let mut d = 1 + (self.start_dn - dn1).rem_euclid(self.interval);
                while d <= i64::from(len) {
                    phase |= 1 << d;
                    d += self.interval;
                }
                mask &= phase;
            }
            Frequency::Weekly if self.interval > 1 => {
                let mut phase = 0u32;
                let mut d = 1i64;
                while d <= i64::from(len) {
                    let since = dn1 + d - 1 - self.week0_dn;
                    let week_end = d + 6 - since.rem_euclid(7);
                    if since.div_euclid(7).rem_euclid(self.interval) == 0 {
                        // Days d..=week_end (clipped to the month).
                        let hi = week_end.min(i64::from(len));
                        phase |= full(hi as u32) & !full(d as u32 - 1);
                    }
                    d = week_end + 1;
                }
                mask &= phase;
            }
            _ => {}
        }
        mask
    }

    /// The bit of the `n`-th weekday `w` (within the month, or the year for
    /// yearly rules without `BYMONTH`) if it falls in this month.
    fn nth_day(&self, year: i32, len: u32, dn1: i64, w1: u32, w: u32, n: i64) -> u32 {
        let len = i64::from(len);
        let day = if self.nth_in_year {
            let jan1 = days_from_civil(i64::from(year), 1, 1);
            let year_len: i64 = if is_leap(year) { 366 } else { 365 };
            let wj = i64::from(weekday_of(jan1));
            let doy = if n > 0 {
                (i64::from(w) - wj).rem_euclid(7) + 7 * (n - 1)
            } else {
                let wd = (wj + year_len - 1) % 7;
                year_len - 1 - (wd - i64::from(w)).rem_euclid(7) - 7 * (-n - 1)
            };
            if !(0..year_len).contains(&doy) {
                return 0;
            }
            jan1 + doy - dn1 + 1
        } else if n > 0 {
            1 + (i64::from(w) - i64::from(w1)).rem_euclid(7) + 7 * (n - 1)
        } else {
            let wl = (i64::from(w1) + len - 1) % 7;
            len - (wl - i64::from(w)).rem_euclid(7) - 7 * (-n - 1)
        };
        if (1..=len).contains(&day) {
            1 << day
        } else {
            0
        }
    }

    /// A cursor at the first candidate on or after `from` (and the start).
    pub(super) fn cursor(&self, from: NaiveDate) -> Cursor {
        let from = from.max(self.start);
        let stop = match self.last {
            Some(last) => month_index(last.year(), last.month()),
            None => month_index(LAST_YEAR, 12),
        };
        let mi = month_index(from.year(), from.month());
        let mut cursor = Cursor {
            mi,
            mask: 0,
            stop,
            done: false,
        };
        if mi > stop {
            cursor.done = true;
        } else {
            cursor.mask = self.clipped_mask(mi) & !full(from.day() - 1);
        }
        cursor
    }

    /// Like [`cursor`](Self::cursor), but gives up after one full period of
    /// the rule's pattern (used to prove that a rule never occurs).
    pub(super) fn bounded_cursor(&self, from: NaiveDate) -> Cursor {
        let mut cursor = self.cursor(from);
        let horizon = i64::from(from.year()).saturating_add(self.period_years) + 1;
        let horizon = horizon.min(i64::from(LAST_YEAR));
        cursor.stop = cursor.stop.min(horizon * 12 + 11);
        cursor
    }

    /// The month's mask with days before the start and after the end removed.
    fn clipped_mask(&self, mi: i64) -> u32 {
        let (year, month) = from_month_index(mi);
        let mut mask = self.month_mask(year, month);
        if mi == self.start_mi {
            mask &= !full(self.start.day() - 1);
        }
        if let Some(last) = self.last {
            if mi == month_index(last.year(), last.month()) {
                mask &= full(last.day());
            }
        }
        mask
    }

    /// The next month index after `mi` that can hold candidates.
    fn next_month(&self, mi: i64) -> i64 {
        match self.freq {
            Frequency::Monthly if self.interval > 1 => {
                let behind = (mi - self.start_mi).rem_euclid(self.interval);
                mi + self.interval - behind
            }
            Frequency::Yearly if self.interval > 1 => {
                let (year, month) = from_month_index(mi);
                let behind =
                    (i64::from(year) - i64::from(self.start_year)).rem_euclid(self.interval);
                if behind == 0 && month < 12 {
                    mi + 1
                } else {
                    // January of the next year in phase.
                    (i64::from(year) + self.interval - behind) * 12
                }
            }
            _ => mi + 1,
        }
    }
}

/// A position in a rule's expansion: the month and its days not yet taken.
#[derive(Debug, Clone)]
pub(super) struct Cursor {
    mi: i64,
    mask: u32,
    stop: i64,
    done: bool,
}

impl Cursor {
    /// The next date the rule produces, in order; `None` at the end.
    pub(super) fn next(&mut self, rule: &Rule) -> Option<NaiveDate> {
        if self.done {
            return None;
        }
        while self.mask == 0 {
            self.mi = rule.next_month(self.mi);
            if self.mi > self.stop {
                self.done = true;
                return None;
            }
            self.mask = rule.clipped_mask(self.mi);
        }
        let day = self.mask.trailing_zeros();
        self.mask &= self.mask - 1;
        let (year, month) = from_month_index(self.mi);
        NaiveDate::from_ymd_opt(year, month, day)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn civil_helpers_agree_with_chrono() {
        let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
        let mut d = NaiveDate::from_ymd_opt(1, 1, 1).unwrap();
        let end = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap();
        while d < end {
            let dn = days_from_civil(
                i64::from(d.year()),
                i64::from(d.month()),
                i64::from(d.day()),
            );
            assert_eq!(dn, (d - epoch).num_days(), "{d}");
            assert_eq!(weekday_of(dn), d.weekday().num_days_from_monday(), "{d}");
            assert_eq!(
                days_in_month(d.year(), d.month()),
                d.with_day(1)
                    .unwrap()
                    .checked_add_months(chrono::Months::new(1))
                    .unwrap()
                    .signed_duration_since(d.with_day(1).unwrap())
                    .num_days() as u32
            );
            d += chrono::Duration::days(17);
        }
        assert_eq!(full(31), 0xffff_fffe);
        assert_eq!(full(0), 0);
        assert_eq!(from_month_index(month_index(2026, 12)), (2026, 12));
    }

    #[test]
    fn periods_repeat_within_the_gregorian_cycle() {
        assert_eq!(Rule::period_years(Frequency::Yearly, 1), 400);
        assert_eq!(Rule::period_years(Frequency::Yearly, 3), 1200);
        assert_eq!(Rule::period_years(Frequency::Yearly, 100), 400);
        assert_eq!(Rule::period_years(Frequency::Monthly, 12), 400);
        assert_eq!(Rule::period_years(Frequency::Weekly, 3), 400);
        assert_eq!(Rule::period_years(Frequency::Weekly, 2), 800);
        assert_eq!(Rule::period_years(Frequency::Daily, 7), 400);
        assert!(Rule::period_years(Frequency::Daily, i64::from(u32::MAX)) > 10_000);
    }
}
