//! What a user defines: times of day, windows, weekly hours, holidays and the
//! calendar spec itself, with their JSON forms.

use crate::error::{Error, Result};
use chrono::{NaiveDate, Weekday};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

const DAY_SECONDS: u32 = 86_400;

const TIME_FORMAT: &str = "expected \"HH:MM\" or \"HH:MM:SS\" from 00:00 to 24:00 \
     (24:00 only as the end of a window), e.g. \"08:30\"";

/// A time of day, `"HH:MM"` or `"HH:MM:SS"`, from 00:00 to 24:00 inclusive
/// (24:00 is accepted only as the end of a window).
///
/// Stored as seconds since midnight. Serde: a string; it serialises as
/// `"HH:MM"`, or `"HH:MM:SS"` when the seconds are not zero.
///
/// ```
/// use clientcare::sla::calendar::TimeOfDay;
/// let t: TimeOfDay = "08:30".parse()?;
/// assert_eq!(t.seconds(), 8 * 3600 + 30 * 60);
/// assert_eq!(t.to_string(), "08:30");
/// assert_eq!("24:00".parse::<TimeOfDay>()?, TimeOfDay::END_OF_DAY);
/// assert!("24:01".parse::<TimeOfDay>().is_err());
/// # Ok::<(), clientcare::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeOfDay(u32);

impl TimeOfDay {
    /// 00:00, the start of a day.
    pub const MIDNIGHT: TimeOfDay = TimeOfDay(0);
    /// 24:00, the end of a day (only valid as the end of a window).
    pub const END_OF_DAY: TimeOfDay = TimeOfDay(DAY_SECONDS);

    /// `hour:minute:second`, or `None` outside 00:00:00..=24:00:00.
    #[must_use]
    pub fn from_hms(hour: u32, minute: u32, second: u32) -> Option<Self> {
        if minute >= 60 || second >= 60 || hour > 24 {
            return None;
        }
        Self::from_seconds(hour * 3600 + minute * 60 + second)
    }

    /// Seconds since midnight, or `None` above 86 400 (24:00).
    #[must_use]
    pub fn from_seconds(seconds: u32) -> Option<Self> {
        (seconds <= DAY_SECONDS).then_some(TimeOfDay(seconds))
    }

    /// Seconds since midnight (0 to 86 400).
    #[must_use]
    pub fn seconds(self) -> u32 {
        self.0
    }

    /// Parses `text`, naming `field` in the error.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] for anything but `"HH:MM"` / `"HH:MM:SS"` in range.
    pub fn parse_field(text: &str, field: &str) -> Result<Self> {
        parse_time(text).ok_or_else(|| Error::invalid_input(field, text, TIME_FORMAT))
    }
}

fn parse_time(text: &str) -> Option<TimeOfDay> {
    let mut parts = text.trim().split(':');
    let hour = parts.next()?;
    let minute = parts.next()?;
    let second = parts.next();
    if parts.next().is_some() {
        return None;
    }
    let number = |s: &str, widths: std::ops::RangeInclusive<usize>| -> Option<u32> {
        if widths.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()) {
            s.parse().ok()
        } else {
            None
        }
    };
    let hour = number(hour, 1..=2)?;
    let minute = number(minute, 2..=2)?;
    let second = match second {
        Some(s) => number(s, 2..=2)?,
        None => 0,
    };
    TimeOfDay::from_hms(hour, minute, second)
}

impl FromStr for TimeOfDay {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        TimeOfDay::parse_field(s, "time_of_day")
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (h, m, s) = (self.0 / 3600, self.0 / 60 % 60, self.0 % 60);
        if s == 0 {
            write!(f, "{h:02}:{m:02}")
        } else {
            write!(f, "{h:02}:{m:02}:{s:02}")
        }
    }
}

impl fmt::Debug for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "TimeOfDay({self})")
    }
}

impl Serialize for TimeOfDay {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for TimeOfDay {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = TimeOfDay;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a time of day as a string, \"HH:MM\" or \"HH:MM:SS\"")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<TimeOfDay, E> {
                parse_time(v).ok_or_else(|| {
                    E::custom(format_args!("invalid time of day {v:?}: {TIME_FORMAT}"))
                })
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

/// A working window `[start, end)` on a local date: `start < end` is required
/// (checked by [`Calendar::new`](super::Calendar::new)).
///
/// A shift across midnight is written as two windows, `22:00-24:00` on one
/// day and `00:00-06:00` on the next; the arithmetic treats adjacent windows
/// as one continuous stretch of working time.
///
/// JSON: `{"start": "08:00", "end": "12:00"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Window {
    /// First working instant of the window (inclusive).
    pub start: TimeOfDay,
    /// End of the window (exclusive); may be 24:00.
    pub end: TimeOfDay,
}

impl Window {
    /// The window `[start, end)` (not validated here).
    #[must_use]
    pub fn new(start: TimeOfDay, end: TimeOfDay) -> Self {
        Window { start, end }
    }

    /// Parses `"08:00"`, `"12:00"` into a window (not checked for order here).
    ///
    /// # Errors
    /// [`Error::InvalidInput`] on `start` or `end` for a malformed time.
    pub fn parse(start: &str, end: &str) -> Result<Self> {
        Self::parse_at(start, end, "")
    }

    pub(super) fn parse_at(start: &str, end: &str, prefix: &str) -> Result<Self> {
        Ok(Window {
            start: TimeOfDay::parse_field(start, &format!("{prefix}start"))?,
            end: TimeOfDay::parse_field(end, &format!("{prefix}end"))?,
        })
    }

    pub(super) fn parse_list(windows: &[(&str, &str)], field: &str) -> Result<Vec<Self>> {
        windows
            .iter()
            .enumerate()
            .map(|(j, (s, e))| Window::parse_at(s, e, &format!("{field}[{j}].")))
            .collect()
    }
}

impl fmt::Display for Window {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.start, self.end)
    }
}

/// The working windows of one weekday.
///
/// JSON: `{"day": "mon", "windows": [{"start": "08:00", "end": "12:00"}]}`.
/// Days are `mon` .. `sun`; full names (`monday`) are accepted too, in any case.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DayHours {
    /// The weekday.
    #[serde(with = "weekday_serde")]
    pub day: Weekday,
    /// Its working windows (none: closed that day).
    #[serde(default)]
    pub windows: Vec<Window>,
}

impl DayHours {
    /// `day` with `windows` given as `("HH:MM", "HH:MM")` pairs.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] on `windows[j].start` / `.end` for a malformed time.
    pub fn parse(day: Weekday, windows: &[(&str, &str)]) -> Result<Self> {
        Ok(DayHours {
            day,
            windows: Window::parse_list(windows, "windows")?,
        })
    }
}

/// A date, or an inclusive date range, whose hours replace the week's: closed
/// all day when `open` is empty, a partial day otherwise (Dec 24 open
/// 08:00-12:00). Also usable for an extra working day (a working Saturday).
///
/// JSON: `{"date": "2027-02-05", "until": "2027-02-11", "name": "Tết"}`;
/// `until`, `name` and `open` are optional.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Holiday {
    /// The (first) date, local to the calendar's zone.
    pub date: NaiveDate,
    /// The last date of a range, inclusive (`None`: just `date`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<NaiveDate>,
    /// A label for explanations ("Tết", "Christmas Eve").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The working windows on these dates (none: closed all day).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub open: Vec<Window>,
}

impl Holiday {
    /// Closed all day on `date`.
    #[must_use]
    pub fn closed(date: NaiveDate, name: &str) -> Self {
        Holiday {
            date,
            until: None,
            name: Some(name.to_owned()),
            open: Vec::new(),
        }
    }

    /// Closed all day from `date` to `until`, both inclusive.
    #[must_use]
    pub fn closed_range(date: NaiveDate, until: NaiveDate, name: &str) -> Self {
        Holiday {
            until: Some(until),
            ..Holiday::closed(date, name)
        }
    }

    /// Open only in `windows` on `date` (a partial day, or an extra working day).
    ///
    /// # Errors
    /// [`Error::InvalidInput`] on `open[j].start` / `.end` for a malformed time.
    pub fn partial(date: NaiveDate, name: &str, windows: &[(&str, &str)]) -> Result<Self> {
        Ok(Holiday {
            open: Window::parse_list(windows, "open")?,
            ..Holiday::closed(date, name)
        })
    }

    /// The last date covered (`until`, or `date`).
    #[must_use]
    pub fn last_date(&self) -> NaiveDate {
        self.until.unwrap_or(self.date)
    }

    /// Whether `day` is covered.
    #[must_use]
    pub fn covers(&self, day: NaiveDate) -> bool {
        self.date <= day && day <= self.last_date()
    }
}

/// A business calendar as a user defines it; [`Calendar::new`](super::Calendar::new)
/// validates it.
///
/// JSON (unknown keys rejected):
/// ```json
/// {"time_zone": "Asia/Ho_Chi_Minh",
///  "week": [{"day": "mon", "windows": [{"start": "08:00", "end": "12:00"}]}],
///  "holidays": [{"date": "2027-02-05", "until": "2027-02-11", "name": "Tết"}]}
/// ```
/// Weekdays not listed in `week` are closed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarSpec {
    /// IANA time zone, e.g. `"Asia/Ho_Chi_Minh"`; windows are wall-clock times there.
    pub time_zone: String,
    /// Open 24/7 (then `week` must be empty; holidays still apply).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub always_open: bool,
    /// The working windows of each weekday (a weekday not listed is closed).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub week: Vec<DayHours>,
    /// Dates whose hours replace the week's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub holidays: Vec<Holiday>,
}

impl CalendarSpec {
    /// A 24/7 calendar in `time_zone`.
    #[must_use]
    pub fn always_open(time_zone: &str) -> Self {
        CalendarSpec {
            time_zone: time_zone.to_owned(),
            always_open: true,
            week: Vec::new(),
            holidays: Vec::new(),
        }
    }

    /// The same windows Monday to Friday, closed at the weekend (a common
    /// office week), e.g. `&[("08:00", "12:00"), ("13:30", "17:30")]`.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] on `windows[j].start` / `.end` for a malformed time.
    pub fn weekdays(time_zone: &str, windows: &[(&str, &str)]) -> Result<Self> {
        let windows = Window::parse_list(windows, "windows")?;
        let week = [
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
        ]
        .into_iter()
        .map(|day| DayHours {
            day,
            windows: windows.clone(),
        })
        .collect();
        Ok(CalendarSpec {
            time_zone: time_zone.to_owned(),
            always_open: false,
            week,
            holidays: Vec::new(),
        })
    }

    /// Sets the windows of `day` (replacing any it had), e.g. a Saturday half day.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] on `windows[j].start` / `.end` for a malformed time.
    pub fn with_day(mut self, day: Weekday, windows: &[(&str, &str)]) -> Result<Self> {
        let hours = DayHours::parse(day, windows)?;
        self.week.retain(|d| d.day != day);
        self.week.push(hours);
        Ok(self)
    }

    /// Adds a holiday.
    #[must_use]
    pub fn with_holiday(mut self, holiday: Holiday) -> Self {
        self.holidays.push(holiday);
        self
    }
}

/// Serde for [`Weekday`] as `"mon"` .. `"sun"` (full names accepted on input).
pub mod weekday_serde {
    use chrono::Weekday;
    use serde::{Deserialize, Deserializer, Serializer};

    /// The short lowercase name: `mon`, `tue`, ...
    #[must_use]
    pub fn short_name(day: Weekday) -> &'static str {
        match day {
            Weekday::Mon => "mon",
            Weekday::Tue => "tue",
            Weekday::Wed => "wed",
            Weekday::Thu => "thu",
            Weekday::Fri => "fri",
            Weekday::Sat => "sat",
            Weekday::Sun => "sun",
        }
    }

    /// `mon`/`monday` .. `sun`/`sunday`, any case.
    #[must_use]
    pub fn parse(name: &str) -> Option<Weekday> {
        let lower = name.trim().to_ascii_lowercase();
        Some(match lower.as_str() {
            "mon" | "monday" => Weekday::Mon,
            "tue" | "tuesday" => Weekday::Tue,
            "wed" | "wednesday" => Weekday::Wed,
            "thu" | "thursday" => Weekday::Thu,
            "fri" | "friday" => Weekday::Fri,
            "sat" | "saturday" => Weekday::Sat,
            "sun" | "sunday" => Weekday::Sun,
            _ => return None,
        })
    }

    /// Serialises as the short name.
    ///
    /// # Errors
    /// Those of the serializer.
    pub fn serialize<S: Serializer>(day: &Weekday, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(short_name(*day))
    }

    /// Reads a short or full day name.
    ///
    /// # Errors
    /// Anything but a day name.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Weekday, D::Error> {
        let name = String::deserialize(d)?;
        parse(&name).ok_or_else(|| {
            serde::de::Error::custom(format_args!(
                "unknown day {name:?}: expected one of mon, tue, wed, thu, fri, sat, sun \
                 (or the full name, e.g. \"monday\")"
            ))
        })
    }
}
