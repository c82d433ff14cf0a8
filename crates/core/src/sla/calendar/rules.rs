//! Validation and normalisation of a [`CalendarSpec`] into the compact rules
//! the arithmetic reads: windows in seconds per weekday and per holiday date.

use super::spec::{CalendarSpec, Holiday, Window};
use super::time::day_number;
use crate::error::{Error, Result};
use chrono_tz::Tz;

/// Windows of one local date as `(start, end)` seconds since local midnight,
/// sorted and disjoint.
pub(super) type Spans = Vec<(i64, i64)>;

/// One holiday as day numbers (days since 1970-01-01), inclusive.
#[derive(Debug, Clone)]
pub(super) struct HolidayRule {
    pub first: i64,
    pub last: i64,
    pub spans: Spans,
}

/// The validated calendar in the form the arithmetic reads.
#[derive(Debug, Clone)]
pub(super) struct Rules {
    pub tz: Tz,
    /// Monday = 0.
    pub week: [Spans; 7],
    /// Sorted by `first`, disjoint.
    pub holidays: Vec<HolidayRule>,
    /// 24/7 without holidays: business time is plain elapsed time.
    pub plain: bool,
    /// The last UTC year that can contain working time.
    pub last_working_year: i32,
}

impl Rules {
    /// The working windows on local day `day` (days since 1970-01-01).
    pub fn spans_on(&self, day: i64) -> &[(i64, i64)] {
        let i = self.holidays.partition_point(|h| h.first <= day);
        if let Some(h) = i.checked_sub(1).and_then(|i| self.holidays.get(i)) {
            if day <= h.last {
                return &h.spans;
            }
        }
        // 1970-01-01 was a Thursday (Monday = 0 -> Thursday = 3).
        let weekday = (day + 3).rem_euclid(7) as usize;
        self.week.get(weekday).map_or(&[], Vec::as_slice)
    }
}

/// Validates `spec`, returning it normalised together with its rules.
pub(super) fn normalise(mut spec: CalendarSpec) -> Result<(CalendarSpec, Rules)> {
    let tz = parse_zone(&spec.time_zone)?;
    spec.time_zone = tz.name().to_owned();

    if spec.always_open && !spec.week.is_empty() {
        return Err(Error::invalid_input(
            "week",
            format!("{} day(s)", spec.week.len()),
            "an always_open calendar is open every day around the clock: \
             leave week empty, or set always_open to false to use these hours",
        ));
    }

    let mut week: [Spans; 7] = Default::default();
    let mut seen: [Option<usize>; 7] = [None; 7];
    for (i, hours) in spec.week.iter_mut().enumerate() {
        let slot = hours.day.num_days_from_monday() as usize;
        if let Some(first) = seen.get(slot).copied().flatten() {
            return Err(Error::invalid_input(
                format!("week[{i}].day"),
                super::spec::weekday_serde::short_name(hours.day),
                format!(
                    "this weekday is already defined by week[{first}]: list each weekday once \
                     and put all its windows in that entry"
                ),
            ));
        }
        if let Some(s) = seen.get_mut(slot) {
            *s = Some(i);
        }
        hours.windows = check_windows(&format!("week[{i}].windows"), &hours.windows)?;
        if let Some(w) = week.get_mut(slot) {
            *w = spans(&hours.windows);
        }
    }
    spec.week.sort_by_key(|d| d.day.num_days_from_monday());
    if spec.always_open {
        week = std::array::from_fn(|_| vec![(0, 86_400)]);
    }

    for (i, h) in spec.holidays.iter_mut().enumerate() {
        if let Some(until) = h.until {
            if until < h.date {
                return Err(Error::invalid_input(
                    format!("holidays[{i}].until"),
                    until.to_string(),
                    format!(
                        "the range ends before it starts ({}): until is the last date \
                         (inclusive) and must be on or after date; omit it for a single day",
                        h.date
                    ),
                ));
            }
            if until == h.date {
                h.until = None;
            }
        }
        h.name = h
            .name
            .take()
            .map(|n| n.trim().to_owned())
            .filter(|n| !n.is_empty());
        h.open = check_windows(&format!("holidays[{i}].open"), &h.open)?;
    }
    let mut order: Vec<usize> = (0..spec.holidays.len()).collect();
    order.sort_by_key(|&i| spec.holidays.get(i).map(|h| h.date));
    for pair in order.windows(2) {
        let (&[a, b], Some(ha), Some(hb)) = (
            pair,
            pair.first().and_then(|&i| spec.holidays.get(i)),
            pair.get(1).and_then(|&i| spec.holidays.get(i)),
        ) else {
            continue;
        };
        if hb.date <= ha.last_date() {
            let (late, early, hl, he) = if a < b {
                (b, a, hb, ha)
            } else {
                (a, b, ha, hb)
            };
            let shared = hl.date.max(he.date);
            return Err(Error::invalid_input(
                format!("holidays[{late}]"),
                describe(hl),
                format!(
                    "it covers {shared}, which holidays[{early}] ({}) already covers: \
                     give each date at most one holiday entry",
                    describe(he)
                ),
            ));
        }
    }
    let mut holidays = Vec::with_capacity(order.len());
    let mut sorted = Vec::with_capacity(order.len());
    for i in order {
        if let Some(h) = spec.holidays.get(i) {
            holidays.push(HolidayRule {
                first: day_number(h.date),
                last: day_number(h.last_date()),
                spans: spans(&h.open),
            });
            sorted.push(h.clone());
        }
    }
    spec.holidays = sorted;

    let week_has_time = week.iter().any(|w| !w.is_empty());
    if !week_has_time && holidays.iter().all(|h| h.spans.is_empty()) {
        return Err(Error::invalid_input(
            "week",
            "no windows",
            "the calendar has no working time at all: give at least one weekday some \
             windows, e.g. {\"day\": \"mon\", \"windows\": [{\"start\": \"08:00\", \"end\": \"17:00\"}]}, \
             or set always_open to true",
        ));
    }
    // Without weekly hours, working time ends with the last holiday that opens.
    let last_working_year = if week_has_time {
        super::time::LAST_YEAR
    } else {
        spec.holidays
            .iter()
            .filter(|h| !h.open.is_empty())
            .map(|h| chrono::Datelike::year(&h.last_date()).saturating_add(1))
            .max()
            .unwrap_or(super::time::LAST_YEAR)
            .min(super::time::LAST_YEAR)
    };
    let plain = spec.always_open && holidays.is_empty();
    Ok((
        spec,
        Rules {
            tz,
            week,
            holidays,
            plain,
            last_working_year,
        },
    ))
}

fn parse_zone(name: &str) -> Result<Tz> {
    name.trim().parse::<Tz>().map_err(|_| {
        Error::invalid_input(
            "time_zone",
            name,
            "not a known IANA time zone: use a name from the tz database, exactly as spelled \
             there, e.g. \"Asia/Ho_Chi_Minh\", \"Europe/Berlin\" or \"UTC\"",
        )
    })
}

fn describe(h: &Holiday) -> String {
    let dates = match h.until {
        Some(u) if u != h.date => format!("{}..{}", h.date, u),
        _ => h.date.to_string(),
    };
    match &h.name {
        Some(n) => format!("{n} {dates}"),
        None => dates,
    }
}

fn spans(windows: &[Window]) -> Spans {
    windows
        .iter()
        .map(|w| (i64::from(w.start.seconds()), i64::from(w.end.seconds())))
        .collect()
}

/// Checks the windows of one day and returns them sorted by start.
fn check_windows(field: &str, windows: &[Window]) -> Result<Vec<Window>> {
    for (j, w) in windows.iter().enumerate() {
        if w.start == super::spec::TimeOfDay::END_OF_DAY {
            return Err(Error::invalid_input(
                format!("{field}[{j}].start"),
                w.start.to_string(),
                "24:00 can only end a window: a window that starts at midnight starts at \
                 00:00 (put it on the next day)",
            ));
        }
        if w.end <= w.start {
            return Err(Error::invalid_input(
                format!("{field}[{j}]"),
                w.to_string(),
                "the window is inverted or empty: end must be after start; write a shift \
                 across midnight as two windows, 22:00-24:00 on one day and 00:00-06:00 \
                 on the next",
            ));
        }
    }
    let mut order: Vec<(Window, usize)> = windows.iter().copied().zip(0..).collect();
    order.sort_by_key(|&(w, j)| (w.start, w.end, j));
    for pair in order.windows(2) {
        if let [(a, ja), (b, jb)] = pair {
            if b.start < a.end {
                let (late, early, wl, we) = if ja < jb {
                    (jb, ja, b, a)
                } else {
                    (ja, jb, a, b)
                };
                return Err(Error::invalid_input(
                    format!("{field}[{late}]"),
                    wl.to_string(),
                    format!(
                        "it overlaps {we} ({field}[{early}]): the windows of one day must not \
                         overlap (touching, like 08:00-12:00 and 12:00-17:00, is fine)"
                    ),
                ));
            }
        }
    }
    Ok(order.into_iter().map(|(w, _)| w).collect())
}
