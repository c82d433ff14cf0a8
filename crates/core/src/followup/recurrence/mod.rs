//! Recurrence rules for follow-up tasks: RFC 5545 `RRULE` (the common
//! subset) plus explicit extra and excluded dates, evaluated in an IANA time
//! zone.
//!
//! A [`RecurrenceSpec`] is what a user writes (JSON, or `RRULE` text for the
//! rule); [`Recurrence::new`] validates it into a [`Recurrence`] that answers
//! [`first`](Recurrence::first), [`next_after`](Recurrence::next_after),
//! [`iter_from`](Recurrence::iter_from) and [`between`](Recurrence::between)
//! with UTC instants.
//!
//! # Supported rule parts
//! `FREQ` (`DAILY`, `WEEKLY`, `MONTHLY`, `YEARLY`), `INTERVAL`, `BYDAY`
//! (with ordinals for monthly and yearly rules), `BYMONTHDAY` (negative:
//! from the month's end), `BYMONTH`, `COUNT`, `UNTIL`, `WKST`. Not supported:
//! sub-daily frequencies, `BYSETPOS`, `BYWEEKNO`, `BYYEARDAY`, `BYHOUR`,
//! `BYMINUTE`, `BYSECOND` (rejected with a clear error).
//!
//! # Semantics (RFC 5545, as python-dateutil's `rrule` / `rruleset`)
//! - **Expansion.** Each period (day, week, month or year; every
//!   `interval`-th one counted from the start's period) contributes the days
//!   that pass every given `BY*` part. `BYMONTH` filters months;
//!   `BYMONTHDAY` and `BYDAY` must both match when both are given (Friday
//!   the 13th). Plain `BYDAY` weekdays mean every such weekday of the period
//!   (the week, by `WKST`, for weekly rules); an ordinal (`2TU`, `-1FR`)
//!   counts within the month for monthly rules and for yearly rules with
//!   `BYMONTH`, and within the year for yearly rules without it. Dates that
//!   do not exist are skipped: "monthly on the 31st" skips 30-day months and
//!   February, and `BYMONTHDAY=30;BYMONTH=2` is rejected as never occurring.
//! - **Defaults from the start** (as dateutil): with neither `BYDAY` nor
//!   `BYMONTHDAY`, a yearly rule repeats on the start's day of month in the
//!   start's month (or in each `BYMONTH`), a monthly rule on the start's day
//!   of month, and a weekly rule on the start's weekday.
//! - **`start` (DTSTART)** is the first occurrence **only if the rule
//!   produces it**: like dateutil (and unlike a strict reading of RFC 5545,
//!   which counts DTSTART as the first instance), a start that does not match
//!   the rule is *not* added. `FREQ=MONTHLY;BYDAY=-1FR` from Tuesday
//!   2026-01-06 first occurs on Friday 2026-01-30. Nothing the rule produces
//!   is earlier than the start. To keep the start, also list it in `dates`.
//! - **Time of day.** Rule occurrences happen at the start's wall-clock time
//!   of day on each produced date.
//! - **`COUNT`** counts the occurrences the rule produces (from the start),
//!   before `dates` are added and `exdates` removed, as in dateutil's
//!   `rruleset`: `COUNT=6` with one exdate gives 5 occurrences, and extra
//!   dates come on top of the 6.
//! - **`UNTIL`** is local wall-clock time in the zone, inclusive; a plain
//!   date means the whole day. `COUNT` and `UNTIL` together are rejected (RFC
//!   5545 forbids it).
//! - **`dates` (RDATE)** are occurrences of their own, also before the start;
//!   **`exdates` (EXDATE)** remove the instant they denote from the rule's
//!   occurrences and from `dates`. An instant produced twice is given once.
//! - **Daylight saving.** Local times become UTC instants in `time_zone`: a
//!   time that falls into a gap (clocks going forward) moves forward by the
//!   gap's length (02:30 on Berlin's spring-forward day is 03:30 CEST); a
//!   time that happens twice (clocks going back) is its first instant (the
//!   one in summer time). This is Python `zoneinfo` with `fold=0`.
//! - **Range.** Local dates from year 1 to 9999; the rule stops at
//!   9999-12-31. Offsets come from `chrono-tz` (its rules run to 2099; later
//!   years keep the last offset).
//!
//! # Where this differs from python-dateutil
//! - A `BYDAY` list mixing plain and ordinal weekdays in a monthly or yearly
//!   rule (`BYDAY=MO,-1FR`) means *every Monday and the last Friday* (RFC
//!   5545: each `BYDAY` value adds days); dateutil intersects the two and
//!   produces nothing.
//! - Exdates and duplicates are matched by UTC instant, dateutil matches
//!   naive local times: they differ only in a DST gap, where an exdate of
//!   03:30 also removes a 02:30 occurrence moved to 03:30 (the same instant).
//! - dateutil accepts what this module rejects (ordinals with weekly rules,
//!   which it ignores; rules that never occur; `UNTIL` before the start), and
//!   reads a date-only `UNTIL` as midnight at its start rather than the whole day.
//!
//! # Validation and bounded search
//! [`Recurrence::new`] rejects a rule that never produces an occurrence. The
//! Gregorian calendar repeats every 400 years, so a rule's pattern repeats
//! after `lcm(P, interval)` periods (P = 146 097 days, 20 871 weeks, 4 800
//! months or 400 years per 400 years); if no date matches within one such
//! span after the start (and before 9999-12-31), none ever will. Every
//! `next_after` call is bounded the same way: it walks months (months that
//! cannot match cost a few instructions) and ends at 9999-12-31 at the latest,
//! so even "every Feb 29" or "Friday the 13th in February" answers in
//! microseconds. `COUNT` is resolved to its last date once, when the
//! recurrence is built (hence at most [`MAX_COUNT`]).
//!
//! ```
//! use chrono::{TimeZone, Utc};
//! use clientcare::followup::recurrence::{Recurrence, RecurrenceSpec};
//!
//! // A quarterly check-in call on the last Friday, 09:00 in Hồ Chí Minh City,
//! // six times, plus a Lunar New Year visit; not on 2027-05-28.
//! let spec: RecurrenceSpec = serde_json::from_str(r#"{
//!     "start": "2026-11-06T09:00:00",
//!     "time_zone": "Asia/Ho_Chi_Minh",
//!     "rule": "FREQ=MONTHLY;INTERVAL=3;BYDAY=-1FR;COUNT=6",
//!     "dates": ["2027-02-06"],
//!     "exdates": ["2027-05-28"]
//! }"#)?;
//! let r = Recurrence::new(spec)?;
//! let first = r.first().unwrap();
//! assert_eq!(first, Utc.with_ymd_and_hms(2026, 11, 27, 2, 0, 0).unwrap());
//! let next = r.next_after(first).unwrap();
//! assert_eq!(next, Utc.with_ymd_and_hms(2027, 2, 6, 2, 0, 0).unwrap()); // the extra date
//! let all: Vec<_> = r.iter_from(first).collect();
//! assert_eq!(all.len(), 6); // 6 from the rule, one excluded, one extra date
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod json;
mod rule;
mod spec;
mod text;
mod zone;

pub use spec::{Frequency, RecurrenceSpec, RuleSpec, WeekdayNum, MAX_COUNT};

/// The most occurrences [`Recurrence::occurrences`] lists.
pub const MAX_PREVIEW: usize = 10_000;

use crate::error::{Error, Result};
use chrono::{DateTime, Datelike, NaiveDateTime, NaiveTime, Timelike, Utc};
use chrono_tz::Tz;
use rule::{Cursor, Rule, LAST_YEAR};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A validated recurrence, ready to expand.
///
/// `Clone` copies the compiled rule; `PartialEq` compares the normalised spec.
/// Serde: the same JSON as [`RecurrenceSpec`], validated on the way in.
#[derive(Clone, Serialize, Deserialize)]
#[serde(try_from = "RecurrenceSpec", into = "RecurrenceSpec")]
pub struct Recurrence {
    spec: RecurrenceSpec,
    tz: Tz,
    time: NaiveTime,
    rule: Option<Rule>,
    /// Instants of `dates`, sorted, without duplicates.
    rdates: Vec<DateTime<Utc>>,
    /// Instants of `exdates`, sorted, without duplicates.
    exdates: Vec<DateTime<Utc>>,
}

impl fmt::Debug for Recurrence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Recurrence")
            .field("spec", &self.spec)
            .finish_non_exhaustive()
    }
}

impl PartialEq for Recurrence {
    fn eq(&self, other: &Self) -> bool {
        self.spec == other.spec
    }
}

impl Eq for Recurrence {}

impl TryFrom<RecurrenceSpec> for Recurrence {
    type Error = Error;

    fn try_from(spec: RecurrenceSpec) -> Result<Self> {
        Recurrence::new(spec)
    }
}

impl From<Recurrence> for RecurrenceSpec {
    fn from(r: Recurrence) -> Self {
        r.spec
    }
}

fn check_local(field: &str, t: NaiveDateTime) -> Result<()> {
    if !(1..=LAST_YEAR).contains(&t.year()) {
        return Err(Error::invalid_input(
            field,
            t.to_string(),
            "expected a local time in the years 1 to 9999",
        ));
    }
    Ok(())
}

fn sorted_unique<T: Ord>(mut items: Vec<T>) -> Vec<T> {
    items.sort_unstable();
    items.dedup();
    items
}

impl Recurrence {
    /// Validates and normalises `spec`: the zone name is made canonical,
    /// `dates` and `exdates` are sorted without duplicates, and the rule's
    /// `by_month`, `by_month_day` and `by_day` lists likewise.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming the field (`time_zone`, `start`,
    /// `rule.interval`, `rule.by_day[1]`, `rule.count`, `rule.until`,
    /// `dates[2]`, ...) for: an unknown time zone; a start with fractions of
    /// a second or outside the years 1..=9999; interval 0; count 0 or above
    /// [`MAX_COUNT`]; count and until together; a `by_month` outside 1..=12;
    /// a `by_month_day` of 0 or beyond ±31; a `by_day` ordinal of 0, beyond
    /// ±5 within a month or ±53 within a year, or any ordinal with a weekly or
    /// daily rule; until before the start; neither a rule nor any date; a
    /// rule that never occurs (`rule`, or `rule.until` when its first
    /// occurrence is after until); and a recurrence whose every occurrence
    /// is excluded (`exdates`).
    pub fn new(spec: RecurrenceSpec) -> Result<Recurrence> {
        let mut spec = spec;
        let tz: Tz = spec.time_zone.trim().parse().map_err(|_| {
            Error::invalid_input(
                "time_zone",
                &spec.time_zone,
                "not a known IANA time zone: use a name from the tz database, exactly as \
                 spelled there, e.g. \"Asia/Ho_Chi_Minh\", \"Europe/Berlin\" or \"UTC\"",
            )
        })?;
        spec.time_zone = tz.name().to_owned();
        check_local("start", spec.start)?;
        if spec.start.nanosecond() != 0 {
            return Err(Error::invalid_input(
                "start",
                spec.start.to_string(),
                "expected whole seconds (RFC 5545 times have no fractions of a second)",
            ));
        }
        for (i, &d) in spec.dates.iter().enumerate() {
            check_local(&format!("dates[{i}]"), d)?;
        }
        for (i, &d) in spec.exdates.iter().enumerate() {
            check_local(&format!("exdates[{i}]"), d)?;
        }
        if spec.rule.is_none() && spec.dates.is_empty() {
            return Err(Error::invalid_input(
                "rule",
                "none",
                "a recurrence needs a rule, or at least one date in dates",
            ));
        }
        let start = spec.start;
        let rule = match &mut spec.rule {
            Some(r) => Some(Self::compile(r, start)?),
            None => None,
        };
        spec.dates = sorted_unique(std::mem::take(&mut spec.dates));
        spec.exdates = sorted_unique(std::mem::take(&mut spec.exdates));
        let rdates = sorted_unique(spec.dates.iter().map(|&d| zone::to_utc(tz, d)).collect());
        let exdates = sorted_unique(spec.exdates.iter().map(|&d| zone::to_utc(tz, d)).collect());
        let recurrence = Recurrence {
            time: start.time(),
            spec,
            tz,
            rule,
            rdates,
            exdates,
        };
        if recurrence.first().is_none() {
            return Err(Error::invalid_input(
                "exdates",
                format!("{} dates", recurrence.spec.exdates.len()),
                "every occurrence is excluded: remove some exdates, or the recurrence \
                 itself",
            ));
        }
        Ok(recurrence)
    }

    /// Checks and normalises `rule` against the start and compiles it,
    /// resolving `COUNT` to its last date.
    fn compile(rule: &mut RuleSpec, start: NaiveDateTime) -> Result<Rule> {
        rule.check()?;
        let mut last = None;
        if let Some(until) = rule.until {
            if until < start {
                return Err(Error::invalid_input(
                    "rule.until",
                    until.to_string(),
                    format!("is before the start {start}: the series would be empty"),
                ));
            }
            check_local("rule.until", until)?;
            // The last date whose occurrence (at the start's time) is <= until.
            last = if until.time() >= start.time() {
                Some(until.date())
            } else {
                until.date().pred_opt()
            };
        }
        rule.by_month = sorted_unique(std::mem::take(&mut rule.by_month));
        rule.by_month_day = sorted_unique(std::mem::take(&mut rule.by_month_day));
        rule.by_day.sort_unstable_by_key(|w| w.sort_key());
        rule.by_day.dedup();
        let day = start.date();
        let mut compiled = Rule::compile(rule, day, last);
        if compiled.bounded_cursor(day).next(&compiled).is_none() {
            let text = rule.to_string();
            if rule.until.is_some() {
                let open = Rule::compile(rule, day, None);
                if let Some(first) = open.bounded_cursor(day).next(&open) {
                    return Err(Error::invalid_input(
                        "rule.until",
                        rule.until.map(|u| u.to_string()).unwrap_or_default(),
                        format!(
                            "the rule's first occurrence would be {first} {}, after until: \
                             move until later, or the start earlier",
                            start.time()
                        ),
                    ));
                }
            }
            return Err(Error::invalid_input(
                "rule",
                text,
                format!(
                    "never occurs: no date from {day} to {LAST_YEAR}-12-31 matches it (e.g. \
                     BYMONTHDAY=31 with BYMONTH=2, or an interval that never lands on the \
                     given weekdays); check by_month, by_month_day, by_day and interval"
                ),
            ));
        }
        if let Some(count) = rule.count {
            let mut cursor = compiled.cursor(day);
            let mut nth = None;
            for _ in 0..count {
                match cursor.next(&compiled) {
                    Some(d) => nth = Some(d),
                    None => break,
                }
            }
            compiled.set_last(nth);
        }
        Ok(compiled)
    }

    /// Parses RFC 5545 `RRULE` text, e.g. `"FREQ=MONTHLY;BYDAY=-1FR;COUNT=6"`
    /// (an `RRULE:` prefix is allowed; case-insensitive). `UNTIL` is local
    /// time: `YYYYMMDD` (the whole day) or `YYYYMMDDTHHMMSS`; the UTC form
    /// (`...Z`) is rejected, as the rule alone does not know the zone.
    /// [`RuleSpec`]'s `Display` writes the text back.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming the part (`rule.freq`,
    /// `rule.by_day[1]`, `rule.until`, ...) for malformed or unsupported
    /// parts, a part given twice, and the checks of [`Recurrence::new`] that
    /// need no start (interval 0, count 0, count with until, ranges, ordinals).
    pub fn parse_rrule(text: &str) -> Result<RuleSpec> {
        text::parse_rrule(text)
    }

    /// The normalised spec.
    #[must_use]
    pub fn spec(&self) -> &RecurrenceSpec {
        &self.spec
    }

    /// The time zone occurrences are evaluated in.
    #[must_use]
    pub fn time_zone(&self) -> Tz {
        self.tz
    }

    /// Occurrences in order (strictly increasing UTC instants), starting
    /// with the first `>= from`. Ends when the rule and the dates are
    /// exhausted (at 9999-12-31 for a rule without end).
    pub fn iter_from(&self, from: DateTime<Utc>) -> impl Iterator<Item = DateTime<Utc>> + '_ {
        Occurrences::new(self, from, false)
    }

    /// The first occurrence strictly after `t`.
    #[must_use]
    pub fn next_after(&self, t: DateTime<Utc>) -> Option<DateTime<Utc>> {
        Occurrences::new(self, t, true).next()
    }

    /// The first occurrence of all (an extra date may precede the start).
    #[must_use]
    pub fn first(&self) -> Option<DateTime<Utc>> {
        self.iter_from(DateTime::<Utc>::MIN_UTC).next()
    }

    /// A preview: at most `limit` (1 to 10 000) occurrences from `since` (the
    /// first occurrence when absent), before `before` when given.
    ///
    /// # Errors
    /// `invalid_input` on `limit` outside 1..=10000.
    pub fn occurrences(
        &self,
        since: Option<DateTime<Utc>>,
        before: Option<DateTime<Utc>>,
        limit: usize,
    ) -> Result<Vec<DateTime<Utc>>> {
        if limit == 0 || limit > MAX_PREVIEW {
            return Err(Error::invalid_input(
                "limit",
                limit.to_string(),
                format!("a preview lists 1 to {MAX_PREVIEW} occurrences"),
            ));
        }
        let since = since.unwrap_or(DateTime::<Utc>::MIN_UTC);
        Ok(match before {
            Some(b) => self.between(since, b, limit),
            None => self.iter_from(since).take(limit).collect(),
        })
    }

    /// The occurrences in `[a, b)`, in order, at most `limit` of them (the
    /// first `limit`). Empty when `b <= a`.
    #[must_use]
    pub fn between(&self, a: DateTime<Utc>, b: DateTime<Utc>, limit: usize) -> Vec<DateTime<Utc>> {
        if b <= a {
            return Vec::new();
        }
        self.iter_from(a)
            .take_while(|&t| t < b)
            .take(limit)
            .collect()
    }
}

/// The merged, increasing stream of rule occurrences and extra dates, minus
/// the excluded ones.
struct Occurrences<'a> {
    rec: &'a Recurrence,
    rule: Option<(&'a Rule, Cursor)>,
    /// The next rule occurrence, already converted and past the floor.
    peeked: Option<DateTime<Utc>>,
    floor: DateTime<Utc>,
    strict: bool,
    /// The floor's local time, minus a margin wider than any offset change:
    /// earlier local times are below the floor without converting them.
    skip_below: NaiveDateTime,
    rdate: usize,
    exdate: usize,
    last: Option<DateTime<Utc>>,
}

impl<'a> Occurrences<'a> {
    fn new(rec: &'a Recurrence, floor: DateTime<Utc>, strict: bool) -> Self {
        let local = zone::to_local(rec.tz, floor);
        let rule = rec.rule.as_ref().map(|r| {
            let cursor = r.cursor(zone::first_candidate_date(local));
            (r, cursor)
        });
        let below = |t: &DateTime<Utc>| if strict { *t <= floor } else { *t < floor };
        Occurrences {
            rec,
            rule,
            peeked: None,
            floor,
            strict,
            skip_below: local - chrono::TimeDelta::hours(27),
            rdate: rec.rdates.partition_point(below),
            exdate: rec.exdates.partition_point(|t| *t < floor),
            last: None,
        }
    }

    fn next_rule(&mut self) -> Option<DateTime<Utc>> {
        let (rule, cursor) = self.rule.as_mut()?;
        loop {
            let Some(day) = cursor.next(rule) else {
                self.rule = None;
                return None;
            };
            let local = day.and_time(self.rec.time);
            if local < self.skip_below {
                continue;
            }
            let t = zone::to_utc(self.rec.tz, local);
            if t > self.floor || (!self.strict && t == self.floor) {
                return Some(t);
            }
        }
    }
}

impl Iterator for Occurrences<'_> {
    type Item = DateTime<Utc>;

    fn next(&mut self) -> Option<DateTime<Utc>> {
        loop {
            if self.peeked.is_none() {
                self.peeked = self.next_rule();
            }
            let extra = self.rec.rdates.get(self.rdate).copied();
            let t = match (self.peeked, extra) {
                (None, None) => return None,
                (Some(r), Some(d)) if d < r => {
                    self.rdate += 1;
                    d
                }
                (Some(r), _) => {
                    self.peeked = None;
                    r
                }
                (None, Some(d)) => {
                    self.rdate += 1;
                    d
                }
            };
            if self.last.is_some_and(|l| t <= l) {
                continue;
            }
            self.last = Some(t);
            let ex = &self.rec.exdates;
            while ex.get(self.exdate).is_some_and(|&e| e < t) {
                self.exdate += 1;
            }
            if ex.get(self.exdate) == Some(&t) {
                continue;
            }
            return Some(t);
        }
    }
}

#[cfg(test)]
mod tests;
