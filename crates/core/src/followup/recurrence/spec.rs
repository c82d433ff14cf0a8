//! What a user writes: weekdays with ordinals, frequencies, the rule and the
//! whole recurrence spec, and the checks that need no start or time zone.
//! The `RRULE` text form lives in `text`, the JSON forms in `json`.

use super::json::SpecFields;
use crate::error::{Error, Result};
use chrono::{NaiveDateTime, Weekday};
use serde::{de, Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// The largest accepted `COUNT`: the count is resolved once when the
/// recurrence is built (linear in `COUNT`), so it is bounded.
pub const MAX_COUNT: u32 = 100_000;

/// A weekday with an optional ordinal: `"mo"` (every Monday), `"2tu"` (the
/// second Tuesday), `"-1fr"` (the last Friday). The ordinal counts within the
/// month for [`Frequency::Monthly`], within the year for
/// [`Frequency::Yearly`] (within each month when `by_month` is given).
///
/// Serde and [`FromStr`]: a string, case-insensitive, with the RFC 5545
/// two-letter codes (`mo tu we th fr sa su`; `mon`/`monday` are accepted
/// too) and an optional signed ordinal (`+2tu` = `2tu`). It is written in
/// lower case (`"-1fr"`); [`RuleSpec`]'s `RRULE` text uses upper case.
///
/// ```
/// use chrono::Weekday;
/// use clientcare::followup::recurrence::WeekdayNum;
/// let last_friday: WeekdayNum = "-1FR".parse()?;
/// assert_eq!(last_friday, WeekdayNum::nth(-1, Weekday::Fri));
/// assert_eq!(last_friday.to_string(), "-1fr");
/// assert_eq!("monday".parse::<WeekdayNum>()?, WeekdayNum::every(Weekday::Mon));
/// # Ok::<(), clientcare::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct WeekdayNum {
    /// The weekday.
    pub weekday: Weekday,
    /// `None`: every such weekday of the period; `Some(n)`: the n-th
    /// (negative: counted from the end, -1 = the last).
    pub nth: Option<i8>,
}

impl WeekdayNum {
    /// Every `weekday` of the period (no ordinal).
    #[must_use]
    pub fn every(weekday: Weekday) -> Self {
        WeekdayNum { weekday, nth: None }
    }

    /// The `n`-th `weekday` of the period (negative: from the end).
    #[must_use]
    pub fn nth(n: i8, weekday: Weekday) -> Self {
        WeekdayNum {
            weekday,
            nth: Some(n),
        }
    }

    /// The sort key used when a spec is normalised (weekday, then ordinal).
    pub(super) fn sort_key(self) -> (u32, i16) {
        (
            self.weekday.num_days_from_monday(),
            self.nth.map_or(i16::MIN, i16::from),
        )
    }
}

pub(super) const WEEKDAY_FORMAT: &str = "expected a weekday code mo, tu, we, th, fr, sa or su, \
     optionally after an ordinal: \"mo\", \"2tu\" (second Tuesday), \"-1fr\" (last Friday)";

/// The RFC 5545 two-letter code in lower case.
pub(super) fn weekday_code(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "mo",
        Weekday::Tue => "tu",
        Weekday::Wed => "we",
        Weekday::Thu => "th",
        Weekday::Fri => "fr",
        Weekday::Sat => "sa",
        Weekday::Sun => "su",
    }
}

/// `mo`/`mon`/`monday` .. `su`/`sun`/`sunday`, any case.
pub(super) fn parse_weekday(name: &str) -> Option<Weekday> {
    let lower = name.trim().to_ascii_lowercase();
    Some(match lower.as_str() {
        "mo" | "mon" | "monday" => Weekday::Mon,
        "tu" | "tue" | "tuesday" => Weekday::Tue,
        "we" | "wed" | "wednesday" => Weekday::Wed,
        "th" | "thu" | "thursday" => Weekday::Thu,
        "fr" | "fri" | "friday" => Weekday::Fri,
        "sa" | "sat" | "saturday" => Weekday::Sat,
        "su" | "sun" | "sunday" => Weekday::Sun,
        _ => return None,
    })
}

pub(super) fn parse_weekday_num(text: &str) -> Option<WeekdayNum> {
    let t = text.trim();
    let split = t.find(|c: char| c.is_ascii_alphabetic())?;
    let (number, name) = t.split_at(split);
    let weekday = parse_weekday(name)?;
    if number.is_empty() {
        return Some(WeekdayNum::every(weekday));
    }
    let digits = number.strip_prefix(['+', '-']).unwrap_or(number);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: i8 = number.strip_prefix('+').unwrap_or(number).parse().ok()?;
    Some(WeekdayNum::nth(n, weekday))
}

impl FromStr for WeekdayNum {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        parse_weekday_num(s).ok_or_else(|| Error::invalid_input("by_day", s, WEEKDAY_FORMAT))
    }
}

impl fmt::Display for WeekdayNum {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(n) = self.nth {
            write!(f, "{n}")?;
        }
        f.write_str(weekday_code(self.weekday))
    }
}

impl Serialize for WeekdayNum {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for WeekdayNum {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        parse_weekday_num(&text).ok_or_else(|| {
            de::Error::custom(format_args!("invalid by_day {text:?}: {WEEKDAY_FORMAT}"))
        })
    }
}

/// `FREQ`: the period a rule repeats over. Serde: `"daily"`, `"weekly"`,
/// `"monthly"`, `"yearly"` (upper case accepted on input).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    /// Every `interval` days.
    #[serde(alias = "DAILY")]
    Daily,
    /// Every `interval` weeks (weeks start on `week_start`).
    #[serde(alias = "WEEKLY")]
    Weekly,
    /// Every `interval` months.
    #[serde(alias = "MONTHLY")]
    Monthly,
    /// Every `interval` years.
    #[serde(alias = "YEARLY")]
    Yearly,
}

impl Frequency {
    /// The RFC 5545 name: `DAILY`, `WEEKLY`, `MONTHLY`, `YEARLY`.
    #[must_use]
    pub fn rrule_name(self) -> &'static str {
        match self {
            Frequency::Daily => "DAILY",
            Frequency::Weekly => "WEEKLY",
            Frequency::Monthly => "MONTHLY",
            Frequency::Yearly => "YEARLY",
        }
    }
}

pub(super) fn one() -> u32 {
    1
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if signature
fn is_one(n: &u32) -> bool {
    *n == 1
}

/// A recurrence rule (RFC 5545 `RRULE`, the common subset), as a user writes it.
///
/// JSON (unknown keys rejected), or the `RRULE` text as a JSON string:
/// ```json
/// {"freq": "monthly", "by_day": ["-1fr"], "count": 6}
/// "FREQ=MONTHLY;BYDAY=-1FR;COUNT=6"
/// ```
/// [`Display`](fmt::Display) writes the `RRULE` text back (parts in the order
/// `FREQ INTERVAL BYMONTH BYMONTHDAY BYDAY COUNT UNTIL WKST`, `INTERVAL` and
/// empty parts left out); [`FromStr`] and
/// [`Recurrence::parse_rrule`](super::Recurrence::parse_rrule) read it.
///
/// ```
/// use clientcare::followup::recurrence::{Frequency, RuleSpec};
/// let rule: RuleSpec = "FREQ=MONTHLY;BYDAY=-1FR;COUNT=6".parse()?;
/// assert_eq!(rule.freq, Frequency::Monthly);
/// assert_eq!(rule.count, Some(6));
/// assert_eq!(rule.to_string(), "FREQ=MONTHLY;BYDAY=-1FR;COUNT=6");
/// # Ok::<(), clientcare::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct RuleSpec {
    /// `FREQ`.
    pub freq: Frequency,
    /// `INTERVAL`: every n-th period (default 1).
    #[serde(skip_serializing_if = "is_one")]
    pub interval: u32,
    /// `BYDAY`: weekdays, with ordinals for monthly and yearly rules.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub by_day: Vec<WeekdayNum>,
    /// `BYMONTHDAY`: 1 to 31, or -1 (the last day) to -31.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub by_month_day: Vec<i8>,
    /// `BYMONTH`: 1 (January) to 12.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub by_month: Vec<u8>,
    /// `COUNT`: how many occurrences the rule generates (1 to [`MAX_COUNT`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    /// `UNTIL`: the last allowed local wall-clock time, inclusive. JSON also
    /// accepts a plain date (`"2026-12-31"`), meaning the whole day
    /// (stored as 23:59:59).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<NaiveDateTime>,
    /// `WKST`: the first day of the week (default Monday); it decides which
    /// weeks a weekly rule with `interval > 1` skips. Serde: `"mo"` .. `"su"`.
    #[serde(
        skip_serializing_if = "Option::is_none",
        with = "super::json::opt_weekday"
    )]
    pub week_start: Option<Weekday>,
}

impl RuleSpec {
    /// A rule with `freq`, interval 1, no `BY*` parts and no end.
    #[must_use]
    pub fn new(freq: Frequency) -> Self {
        RuleSpec {
            freq,
            interval: 1,
            by_day: Vec::new(),
            by_month_day: Vec::new(),
            by_month: Vec::new(),
            count: None,
            until: None,
            week_start: None,
        }
    }

    /// Checks what needs no start or time zone; errors name `rule.<field>`.
    pub(super) fn check(&self) -> Result<()> {
        if self.interval == 0 {
            return Err(Error::invalid_input(
                "rule.interval",
                "0",
                "must be at least 1 (1 = every period, 2 = every other period, ...)",
            ));
        }
        for (i, &m) in self.by_month.iter().enumerate() {
            if !(1..=12).contains(&m) {
                return Err(Error::invalid_input(
                    format!("rule.by_month[{i}]"),
                    m.to_string(),
                    "expected a month number from 1 (January) to 12 (December)",
                ));
            }
        }
        for (i, &d) in self.by_month_day.iter().enumerate() {
            if d == 0 || d.unsigned_abs() > 31 {
                return Err(Error::invalid_input(
                    format!("rule.by_month_day[{i}]"),
                    d.to_string(),
                    "expected a day of the month from 1 to 31, or from -1 (the last day) \
                     to -31 (counted from the end of the month)",
                ));
            }
        }
        for (i, wd) in self.by_day.iter().enumerate() {
            self.check_ordinal(i, *wd)?;
        }
        if let Some(count) = self.count {
            if count == 0 {
                return Err(Error::invalid_input(
                    "rule.count",
                    "0",
                    "must be at least 1; leave count out for a series without end",
                ));
            }
            if count > MAX_COUNT {
                return Err(Error::invalid_input(
                    "rule.count",
                    count.to_string(),
                    format!(
                        "at most {MAX_COUNT}; leave count out for a series without end, \
                         or end it with until"
                    ),
                ));
            }
            if self.until.is_some() {
                return Err(Error::invalid_input(
                    "rule.count",
                    count.to_string(),
                    "count and until cannot be used together (RFC 5545): keep one of them",
                ));
            }
        }
        Ok(())
    }

    fn check_ordinal(&self, i: usize, wd: WeekdayNum) -> Result<()> {
        let Some(n) = wd.nth else {
            return Ok(());
        };
        let field = || format!("rule.by_day[{i}]");
        let (limit, within) = match self.freq {
            Frequency::Daily | Frequency::Weekly => {
                return Err(Error::invalid_input(
                    field(),
                    wd.to_string(),
                    format!(
                        "an ordinal weekday like \"2tu\" needs freq monthly or yearly; \
                         with freq {} use a plain weekday (\"{}\")",
                        self.freq.rrule_name().to_ascii_lowercase(),
                        weekday_code(wd.weekday)
                    ),
                ))
            }
            Frequency::Monthly => (5, "a month"),
            Frequency::Yearly if !self.by_month.is_empty() => (
                5,
                "a month (a yearly rule with by_month counts within each month)",
            ),
            Frequency::Yearly => (53, "a year"),
        };
        if n == 0 || n.unsigned_abs() > limit {
            return Err(Error::invalid_input(
                field(),
                wd.to_string(),
                format!(
                    "{within} has at most {limit} of each weekday: use an ordinal from 1 to \
                     {limit} or from -1 (the last) to -{limit}, or none for every such weekday"
                ),
            ));
        }
        Ok(())
    }
}

/// A recurrence as a user writes it; [`Recurrence::new`](super::Recurrence::new)
/// validates it.
///
/// JSON (unknown keys rejected):
/// ```json
/// {"start": "2026-11-06T09:00:00", "time_zone": "Asia/Ho_Chi_Minh",
///  "rule": {"freq": "monthly", "by_day": ["-1fr"], "count": 6},
///  "dates": ["2027-02-06", "2028-01-26T10:00:00"],
///  "exdates": ["2026-12-25T09:00:00"]}
/// ```
/// `rule` may also be `RRULE` text (`"FREQ=MONTHLY;BYDAY=-1FR;COUNT=6"`).
/// `dates` and `exdates` accept plain dates, meaning `start`'s time of day
/// on that date; they are always written back as date-times.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(from = "SpecFields")]
pub struct RecurrenceSpec {
    /// `DTSTART`: local wall-clock time in `time_zone` (whole seconds). Rule
    /// occurrences take its time of day, and none is earlier than it.
    pub start: NaiveDateTime,
    /// IANA time zone, e.g. `"Asia/Ho_Chi_Minh"`.
    pub time_zone: String,
    /// The rule (`None`: only the explicit `dates`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<RuleSpec>,
    /// `RDATE`: extra local date-times (e.g. Lunar New Year visits).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dates: Vec<NaiveDateTime>,
    /// `EXDATE`: local date-times removed from the occurrences.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exdates: Vec<NaiveDateTime>,
}

impl RecurrenceSpec {
    /// A spec starting at `start` (local time in `time_zone`) with `rule`, no
    /// extra or excluded dates.
    #[must_use]
    pub fn new(start: NaiveDateTime, time_zone: &str, rule: Option<RuleSpec>) -> Self {
        RecurrenceSpec {
            start,
            time_zone: time_zone.to_owned(),
            rule,
            dates: Vec::new(),
            exdates: Vec::new(),
        }
    }
}
