//! The RFC 5545 `RRULE` text form of a rule: parsing and writing.

use super::spec::{
    parse_weekday, parse_weekday_num, weekday_code, Frequency, RuleSpec, WEEKDAY_FORMAT,
};
use crate::error::{Error, Result};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use std::fmt;
use std::str::FromStr;

impl fmt::Display for RuleSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fn list<T: fmt::Display>(
            f: &mut fmt::Formatter<'_>,
            key: &str,
            items: &[T],
            upper: bool,
        ) -> fmt::Result {
            if items.is_empty() {
                return Ok(());
            }
            write!(f, ";{key}=")?;
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    f.write_str(",")?;
                }
                if upper {
                    f.write_str(&item.to_string().to_ascii_uppercase())?;
                } else {
                    write!(f, "{item}")?;
                }
            }
            Ok(())
        }
        write!(f, "FREQ={}", self.freq.rrule_name())?;
        if self.interval != 1 {
            write!(f, ";INTERVAL={}", self.interval)?;
        }
        list(f, "BYMONTH", &self.by_month, false)?;
        list(f, "BYMONTHDAY", &self.by_month_day, false)?;
        list(f, "BYDAY", &self.by_day, true)?;
        if let Some(c) = self.count {
            write!(f, ";COUNT={c}")?;
        }
        if let Some(u) = self.until {
            write!(f, ";UNTIL={}", u.format("%Y%m%dT%H%M%S"))?;
        }
        if let Some(w) = self.week_start {
            write!(f, ";WKST={}", weekday_code(w).to_ascii_uppercase())?;
        }
        Ok(())
    }
}

impl FromStr for RuleSpec {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        parse_rrule(s)
    }
}

const RRULE_PARTS: &str = "supported parts: FREQ (DAILY, WEEKLY, MONTHLY, YEARLY), INTERVAL, \
     BYDAY, BYMONTHDAY, BYMONTH, COUNT, UNTIL, WKST";

/// Reads `RRULE` text (an `RRULE:` prefix is allowed; keys and values are
/// case-insensitive). See [`Recurrence::parse_rrule`](super::Recurrence::parse_rrule).
pub(super) fn parse_rrule(text: &str) -> Result<RuleSpec> {
    let trimmed = text.trim();
    let body = match trimmed.get(..6) {
        Some(p) if p.eq_ignore_ascii_case("RRULE:") => &trimmed[6..],
        _ => trimmed,
    };
    let mut freq = None;
    let mut rule = RuleSpec::new(Frequency::Daily);
    let mut seen: Vec<String> = Vec::new();
    for part in body.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let Some((key, value)) = part.split_once('=') else {
            return Err(Error::invalid_input(
                "rule",
                part,
                format!("expected KEY=VALUE parts separated by \";\"; {RRULE_PARTS}"),
            ));
        };
        let key = key.trim().to_ascii_uppercase();
        let value = value.trim();
        if seen.contains(&key) {
            return Err(Error::invalid_input(
                "rule",
                part,
                format!("{key} is given twice: give each part once"),
            ));
        }
        seen.push(key.clone());
        match key.as_str() {
            "FREQ" => freq = Some(parse_freq(value)?),
            "INTERVAL" => rule.interval = parse_number(value, "rule.interval")?,
            "COUNT" => rule.count = Some(parse_number(value, "rule.count")?),
            "UNTIL" => rule.until = Some(parse_rrule_until(value)?),
            "WKST" => {
                rule.week_start = Some(parse_weekday(value).ok_or_else(|| {
                    Error::invalid_input(
                        "rule.week_start",
                        value,
                        "expected a weekday code MO, TU, WE, TH, FR, SA or SU",
                    )
                })?);
            }
            "BYDAY" => {
                rule.by_day = split_list(value)
                    .enumerate()
                    .map(|(i, v)| {
                        parse_weekday_num(v).ok_or_else(|| {
                            Error::invalid_input(format!("rule.by_day[{i}]"), v, WEEKDAY_FORMAT)
                        })
                    })
                    .collect::<Result<_>>()?;
            }
            "BYMONTHDAY" => {
                rule.by_month_day = split_list(value)
                    .enumerate()
                    .map(|(i, v)| parse_signed(v, &format!("rule.by_month_day[{i}]")))
                    .collect::<Result<_>>()?;
            }
            "BYMONTH" => {
                rule.by_month = split_list(value)
                    .enumerate()
                    .map(|(i, v)| parse_number(v, &format!("rule.by_month[{i}]")))
                    .collect::<Result<_>>()?;
            }
            _ => {
                return Err(Error::invalid_input(
                    "rule",
                    part,
                    format!("{key} is not supported; {RRULE_PARTS}"),
                ))
            }
        }
    }
    rule.freq = freq.ok_or_else(|| {
        Error::invalid_input(
            "rule.freq",
            text,
            "FREQ is missing: start with FREQ=DAILY, WEEKLY, MONTHLY or YEARLY",
        )
    })?;
    rule.check()?;
    Ok(rule)
}

fn split_list(value: &str) -> impl Iterator<Item = &str> {
    value.split(',').map(str::trim)
}

fn parse_freq(value: &str) -> Result<Frequency> {
    Ok(match value.to_ascii_uppercase().as_str() {
        "DAILY" => Frequency::Daily,
        "WEEKLY" => Frequency::Weekly,
        "MONTHLY" => Frequency::Monthly,
        "YEARLY" => Frequency::Yearly,
        "HOURLY" | "MINUTELY" | "SECONDLY" => {
            return Err(Error::invalid_input(
                "rule.freq",
                value,
                "sub-daily rules are not supported: use DAILY, WEEKLY, MONTHLY or YEARLY \
                 (several times a day: one recurrence per time of day)",
            ))
        }
        _ => {
            return Err(Error::invalid_input(
                "rule.freq",
                value,
                "expected DAILY, WEEKLY, MONTHLY or YEARLY",
            ))
        }
    })
}

fn parse_number<T: FromStr>(value: &str, field: &str) -> Result<T> {
    let ok = !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit());
    ok.then(|| value.parse().ok())
        .flatten()
        .ok_or_else(|| Error::invalid_input(field, value, "expected a whole number in range"))
}

fn parse_signed(value: &str, field: &str) -> Result<i8> {
    let digits = value.strip_prefix(['+', '-']).unwrap_or(value);
    let ok = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
    ok.then(|| value.strip_prefix('+').unwrap_or(value).parse().ok())
        .flatten()
        .ok_or_else(|| {
            Error::invalid_input(
                field,
                value,
                "expected a day of the month from 1 to 31, or from -1 to -31",
            )
        })
}

const UNTIL_FORMAT: &str = "expected a local date YYYYMMDD (the whole day) or a local \
     date-time YYYYMMDDTHHMMSS in the recurrence's time zone";

/// `YYYYMMDD` (end of that day) or `YYYYMMDDTHHMMSS`; a UTC form (`...Z`) is
/// rejected because the rule alone does not know the time zone.
fn parse_rrule_until(value: &str) -> Result<NaiveDateTime> {
    let err = |reason: &str| Error::invalid_input("rule.until", value, reason);
    if value.ends_with(['Z', 'z']) {
        return Err(err(
            "UNTIL in UTC (ending in Z) is not supported here: write it as local wall-clock \
             time in the recurrence's time zone, e.g. 20261231T235959",
        ));
    }
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let (date, time) = match value.split_once(['T', 't']) {
        Some((d, t)) => (d, Some(t)),
        None => (value, None),
    };
    if date.len() != 8 || !digits(date) {
        return Err(err(UNTIL_FORMAT));
    }
    let num = |s: &str| s.parse::<u32>().ok();
    let day = match (num(&date[..4]), num(&date[4..6]), num(&date[6..])) {
        (Some(y), Some(m), Some(d)) => i32::try_from(y)
            .ok()
            .and_then(|y| NaiveDate::from_ymd_opt(y, m, d)),
        _ => None,
    }
    .ok_or_else(|| err(UNTIL_FORMAT))?;
    let time = match time {
        None => end_of_day(),
        Some(t) if t.len() == 6 && digits(t) => match (num(&t[..2]), num(&t[2..4]), num(&t[4..])) {
            (Some(h), Some(m), Some(s)) => NaiveTime::from_hms_opt(h, m, s),
            _ => None,
        }
        .ok_or_else(|| err(UNTIL_FORMAT))?,
        Some(_) => return Err(err(UNTIL_FORMAT)),
    };
    Ok(day.and_time(time))
}

pub(super) fn end_of_day() -> NaiveTime {
    NaiveTime::from_hms_opt(23, 59, 59).unwrap_or(NaiveTime::MIN)
}
