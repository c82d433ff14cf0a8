//! The JSON forms: local date-times that may be plain dates, a rule given as
//! an object or as `RRULE` text, and the recurrence spec.

use super::spec::{one, Frequency, RecurrenceSpec, RuleSpec, WeekdayNum};
use super::text::{end_of_day, parse_rrule};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Weekday};
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use std::fmt;

/// Serde for `Option<Weekday>` as `"mo"` .. `"su"` (`mon`, `monday` accepted).
pub(super) mod opt_weekday {
    use super::super::spec::{parse_weekday, weekday_code};
    use chrono::Weekday;
    use serde::{de, Deserialize, Deserializer, Serializer};

    #[allow(clippy::ref_option)] // serde's `with` signature
    pub fn serialize<S: Serializer>(day: &Option<Weekday>, s: S) -> Result<S::Ok, S::Error> {
        match day {
            Some(d) => s.serialize_str(weekday_code(*d)),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Weekday>, D::Error> {
        match Option::<String>::deserialize(d)? {
            None => Ok(None),
            Some(name) => parse_weekday(&name).map(Some).ok_or_else(|| {
                de::Error::custom(format_args!(
                    "invalid week_start {name:?}: expected mo, tu, we, th, fr, sa or su"
                ))
            }),
        }
    }
}

/// A local date-time as written in JSON, or a plain date.
#[derive(Debug, Clone, Copy)]
enum LocalInput {
    Date(NaiveDate),
    DateTime(NaiveDateTime),
}

const LOCAL_FORMAT: &str = "expected a local wall-clock time \"YYYY-MM-DDTHH:MM:SS\" \
     (or \"YYYY-MM-DDTHH:MM\") without offset, or a date \"YYYY-MM-DD\"";

fn parse_local(text: &str) -> std::result::Result<LocalInput, String> {
    let t = text.trim();
    if DateTime::parse_from_rfc3339(t).is_ok() || t.ends_with(['Z', 'z']) {
        return Err(format!(
            "{t:?} carries a UTC offset: write local wall-clock time without offset or Z \
             (the recurrence's time_zone gives the offset)"
        ));
    }
    for format in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(t, format) {
            return Ok(LocalInput::DateTime(dt));
        }
    }
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .map(LocalInput::Date)
        .map_err(|_| format!("{t:?}: {LOCAL_FORMAT}"))
}

impl<'de> Deserialize<'de> for LocalInput {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        parse_local(&text).map_err(de::Error::custom)
    }
}

/// The fields of [`RuleSpec`] as a JSON object.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFields {
    freq: Frequency,
    #[serde(default = "one")]
    interval: u32,
    #[serde(default)]
    by_day: Vec<WeekdayNum>,
    #[serde(default)]
    by_month_day: Vec<i8>,
    #[serde(default)]
    by_month: Vec<u8>,
    #[serde(default)]
    count: Option<u32>,
    #[serde(default)]
    until: Option<LocalInput>,
    #[serde(default, with = "opt_weekday")]
    week_start: Option<Weekday>,
}

impl From<RuleFields> for RuleSpec {
    fn from(r: RuleFields) -> Self {
        RuleSpec {
            freq: r.freq,
            interval: r.interval,
            by_day: r.by_day,
            by_month_day: r.by_month_day,
            by_month: r.by_month,
            count: r.count,
            until: r.until.map(|u| match u {
                LocalInput::Date(d) => d.and_time(end_of_day()),
                LocalInput::DateTime(dt) => dt,
            }),
            week_start: r.week_start,
        }
    }
}

impl<'de> Deserialize<'de> for RuleSpec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct RuleVisitor;
        impl<'de> Visitor<'de> for RuleVisitor {
            type Value = RuleSpec;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    "a rule object ({\"freq\": \"monthly\", ...}) or RRULE text \
                     (\"FREQ=MONTHLY;BYDAY=-1FR\")",
                )
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<RuleSpec, E> {
                parse_rrule(v).map_err(E::custom)
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RuleSpec, A::Error> {
                RuleFields::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(RuleSpec::from)
            }
        }
        d.deserialize_any(RuleVisitor)
    }
}

/// `start` as read from JSON: a date-time (a plain date is refused with a hint).
struct StartInput(NaiveDateTime);

impl<'de> Deserialize<'de> for StartInput {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match LocalInput::deserialize(d)? {
            LocalInput::DateTime(dt) => Ok(StartInput(dt)),
            LocalInput::Date(day) => Err(de::Error::custom(format_args!(
                "start {day} needs a time of day, e.g. \"{day}T09:00:00\""
            ))),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct SpecFields {
    start: StartInput,
    time_zone: String,
    #[serde(default)]
    rule: Option<RuleSpec>,
    #[serde(default)]
    dates: Vec<LocalInput>,
    #[serde(default)]
    exdates: Vec<LocalInput>,
}

impl From<SpecFields> for RecurrenceSpec {
    fn from(s: SpecFields) -> Self {
        let start = s.start.0;
        let local = |v: LocalInput| match v {
            LocalInput::Date(d) => d.and_time(start.time()),
            LocalInput::DateTime(dt) => dt,
        };
        RecurrenceSpec {
            start,
            time_zone: s.time_zone,
            rule: s.rule,
            dates: s.dates.into_iter().map(local).collect(),
            exdates: s.exdates.into_iter().map(local).collect(),
        }
    }
}
