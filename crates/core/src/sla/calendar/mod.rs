//! Business calendars: working hours in an IANA time zone, holidays, and exact
//! business-time arithmetic across daylight-saving changes.
//!
//! A [`CalendarSpec`] is what a user writes (JSON-friendly); [`Calendar::new`]
//! validates and normalises it into a [`Calendar`] that answers:
//!
//! - [`between`](Calendar::between): business time in `[a, b)`;
//! - [`add`](Calendar::add): the instant when a business-time budget runs out;
//! - [`is_open`](Calendar::is_open), [`next_open`](Calendar::next_open),
//!   [`open_intervals`](Calendar::open_intervals).
//!
//! # Semantics
//! - A window `[s, e)` on local date `D` is the **set of instants** whose
//!   wall-clock reading in the calendar's zone, on date `D`, lies in `[s, e)`.
//!   On a spring-forward day a Berlin window 01:00-04:00 is 2 real hours (02:00
//!   to 03:00 does not exist); on a fall-back day a 24/7 day is 25 hours and a
//!   window 02:00-03:00 is 2 real hours (the repeated hour is worked twice).
//!   Business time is always real elapsed time inside working intervals.
//! - Adjacent windows are continuous: 22:00-24:00 followed by 00:00-06:00 the
//!   next day is one shift, also across a year boundary.
//! - A [`Holiday`] replaces the week's windows on its dates: closed all day,
//!   or open only in its own windows (a half day, or an extra working day).
//! - Precision is the microsecond; sub-microsecond parts of arguments are
//!   truncated. Leap seconds are not counted.
//! - Supported instants: 1970-01-01T00:00Z up to 10000-01-01T00:00Z (the end
//!   of 9999-12-31 UTC). The calendar counts as **closed outside that range**:
//!   arguments are clamped into it, so nothing panics and results stay
//!   consistent (`between` counts no time outside it, `add` and `next_open`
//!   return `None` when the answer would lie beyond it).
//! - Offsets come from the tz database in `chrono-tz` (its rules run to 2099;
//!   later years keep the last offset).
//!
//! # Speed
//! Working intervals are computed per UTC year on first use and memoised
//! inside the `Calendar` (sorted intervals with cumulative business time), so
//! `between`, `add`, `is_open` and `next_open` are a few binary searches in
//! years already seen. A 24/7 calendar without holidays is plain arithmetic.
//!
//! ```
//! use chrono::{TimeDelta, TimeZone, Utc};
//! use clientcare::sla::calendar::{Calendar, CalendarSpec};
//!
//! // Hồ Chí Minh City office, Mon-Fri 08:00-12:00 and 13:30-17:30 (UTC+7).
//! let cal = Calendar::new(CalendarSpec::weekdays(
//!     "Asia/Ho_Chi_Minh",
//!     &[("08:00", "12:00"), ("13:30", "17:30")],
//! )?)?;
//! // Friday 2026-10-02 at 11:00 local (04:00Z), plus 4 business hours:
//! let from = Utc.with_ymd_and_hms(2026, 10, 2, 4, 0, 0).unwrap();
//! let due = cal.add(from, TimeDelta::hours(4)).unwrap();
//! // 1 h before lunch, 3 h after it: 16:30 local.
//! assert_eq!(due, Utc.with_ymd_and_hms(2026, 10, 2, 9, 30, 0).unwrap());
//! assert_eq!(cal.between(from, due), TimeDelta::hours(4));
//! # Ok::<(), clientcare::Error>(())
//! ```

mod rules;
mod spec;
mod table;
mod time;

pub use spec::{weekday_serde, CalendarSpec, DayHours, Holiday, TimeOfDay, Window};

use crate::error::{Error, Result};
use chrono::{DateTime, TimeDelta, Utc};
use chrono_tz::Tz;
use rules::Rules;
use serde::{Deserialize, Serialize};
use std::fmt;
use table::Cache;
use time::{from_us, to_us, year_of_us, MAX_US, MIN_US};

/// A validated business calendar, ready for arithmetic.
///
/// Cheap to share (`Send + Sync`); year tables are memoised inside on first
/// use. `Clone` copies the memo (the tables themselves are shared);
/// `PartialEq` compares the normalised spec only.
///
/// Serde: the same JSON as [`CalendarSpec`], validated on the way in.
#[derive(Clone, Serialize, Deserialize)]
#[serde(try_from = "CalendarSpec", into = "CalendarSpec")]
pub struct Calendar {
    spec: CalendarSpec,
    rules: Rules,
    cache: Cache,
}

impl fmt::Debug for Calendar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Calendar")
            .field("spec", &self.spec)
            .field("cached_years", &self.cache.tables_kept())
            .finish()
    }
}

impl PartialEq for Calendar {
    fn eq(&self, other: &Self) -> bool {
        self.spec == other.spec
    }
}

impl Eq for Calendar {}

impl TryFrom<CalendarSpec> for Calendar {
    type Error = Error;

    fn try_from(spec: CalendarSpec) -> Result<Self> {
        Calendar::new(spec)
    }
}

impl From<Calendar> for CalendarSpec {
    fn from(c: Calendar) -> Self {
        c.spec
    }
}

impl Calendar {
    /// Validates and normalises `spec`: the zone name is made canonical, each
    /// day's windows and the week are sorted, holidays are sorted by date,
    /// names are trimmed (blank: none) and an `until` equal to `date` dropped.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming the field (`time_zone`,
    /// `week[1].windows[0]`, `holidays[2].until`, ...) for: an unknown time
    /// zone; an inverted or empty window (end <= start); windows that overlap
    /// on one day (touching, 08:00-12:00 and 12:00-17:00, is fine); 24:00 as a
    /// start; the same weekday twice; a holiday whose `until` is before its
    /// `date`; two holidays covering the same date; `week` given with
    /// `always_open`; and a calendar with no working time at all.
    pub fn new(spec: CalendarSpec) -> Result<Calendar> {
        let (spec, rules) = rules::normalise(spec)?;
        Ok(Calendar {
            spec,
            rules,
            cache: Cache::default(),
        })
    }

    /// The normalised spec.
    #[must_use]
    pub fn spec(&self) -> &CalendarSpec {
        &self.spec
    }

    /// The calendar's time zone.
    #[must_use]
    pub fn time_zone(&self) -> Tz {
        self.rules.tz
    }

    /// Whether `at` falls inside working time (`false` outside the supported range).
    #[must_use]
    pub fn is_open(&self, at: DateTime<Utc>) -> bool {
        let t = to_us(at);
        if !(MIN_US..MAX_US).contains(&t) {
            return false;
        }
        self.rules.plain || self.cache.table(&self.rules, year_of_us(t)).is_open(t)
    }

    /// Business time in `[a, b)`: the real time elapsed inside working
    /// intervals between them; zero when `b <= a`.
    #[must_use]
    pub fn between(&self, a: DateTime<Utc>, b: DateTime<Utc>) -> TimeDelta {
        TimeDelta::microseconds(self.between_us(to_us(a), to_us(b)))
    }

    fn between_us(&self, a: i64, b: i64) -> i64 {
        let (a, b) = (a.clamp(MIN_US, MAX_US), b.clamp(MIN_US, MAX_US));
        if b <= a {
            return 0;
        }
        if self.rules.plain {
            return b - a;
        }
        let (ya, yb) = (year_of_us(a), year_of_us(b - 1));
        let first = self.cache.table(&self.rules, ya);
        if ya == yb {
            return first.cum_at(b).0 - first.cum_at(a).0;
        }
        let mut sum = first.total() - first.cum_at(a).0;
        for y in ya + 1..yb {
            sum += self.cache.total(&self.rules, y);
        }
        sum + self.cache.table(&self.rules, yb).cum_at(b).0
    }

    /// The earliest instant `t >= from` with `between(from, t) == business`.
    ///
    /// `business == 0` gives `from` itself. A budget that runs out exactly at
    /// the end of a window gives that end, not the next window's start (use
    /// [`next_open`](Self::next_open) on the result for the latter).
    ///
    /// `None` when `business` is negative, or when the budget does not run out
    /// before 10000-01-01T00:00Z (the end of the supported range).
    #[must_use]
    pub fn add(&self, from: DateTime<Utc>, business: TimeDelta) -> Option<DateTime<Utc>> {
        let d = business.num_microseconds()?;
        if d < 0 {
            return None;
        }
        if d == 0 {
            return Some(from);
        }
        self.add_us(to_us(from), d).map(from_us)
    }

    fn add_us(&self, from: i64, d: i64) -> Option<i64> {
        let from = from.max(MIN_US);
        if from >= MAX_US {
            return None;
        }
        if self.rules.plain {
            return from.checked_add(d).filter(|&t| t <= MAX_US);
        }
        let mut year = year_of_us(from);
        let table = self.cache.table(&self.rules, year);
        let (done, hint) = table.cum_at(from);
        let left = table.total() - done;
        if d <= left {
            return table.instant_at(done + d, hint);
        }
        let mut rest = d - left;
        while year < self.rules.last_working_year {
            year += 1;
            let table = self.cache.table(&self.rules, year);
            let total = table.total();
            if rest <= total {
                return table.instant_at(rest, 0);
            }
            rest -= total;
        }
        None
    }

    /// The working intervals clipped to `[a, b)`, in order, adjacent ones
    /// merged (for explanations). Their lengths sum to
    /// [`between(a, b)`](Self::between).
    #[must_use]
    pub fn open_intervals(
        &self,
        a: DateTime<Utc>,
        b: DateTime<Utc>,
    ) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
        let (a, b) = (
            to_us(a).clamp(MIN_US, MAX_US),
            to_us(b).clamp(MIN_US, MAX_US),
        );
        let mut out: Vec<(i64, i64)> = Vec::new();
        if b <= a {
            return Vec::new();
        }
        if self.rules.plain {
            out.push((a, b));
        } else {
            for year in year_of_us(a)..=year_of_us(b - 1) {
                let table = self.cache.table(&self.rules, year);
                for (s, e) in table.clipped(a, b) {
                    match out.last_mut() {
                        Some(last) if last.1 == s => last.1 = e,
                        _ => out.push((s, e)),
                    }
                }
            }
        }
        out.into_iter()
            .map(|(s, e)| (from_us(s), from_us(e)))
            .collect()
    }

    /// The first instant `>= at` that is working time: `at` itself when open.
    /// `None` when there is no working time from `at` to the end of the
    /// supported range.
    #[must_use]
    pub fn next_open(&self, at: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let t = to_us(at);
        if t >= MAX_US {
            return None;
        }
        if t >= MIN_US && self.is_open(at) {
            return Some(at);
        }
        let t = t.max(MIN_US);
        if self.rules.plain {
            return Some(from_us(t));
        }
        let mut year = year_of_us(t);
        if let Some(s) = self.cache.table(&self.rules, year).next_open(t) {
            return Some(from_us(s));
        }
        while year < self.rules.last_working_year {
            year += 1;
            if let Some(s) = self.cache.table(&self.rules, year).first_start() {
                return Some(from_us(s));
            }
        }
        None
    }
}

#[cfg(test)]
mod tests;
