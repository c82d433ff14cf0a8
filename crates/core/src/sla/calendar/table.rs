//! Per-UTC-year tables of working intervals with cumulative business time,
//! and the memo that keeps them.

use super::rules::Rules;
use super::time::{
    days_from_civil, offset_pieces, year_start_us, DAY, FIRST_YEAR, LAST_YEAR, MAX_US, MIN_US, US,
};
use std::sync::{Arc, OnceLock};

/// The working intervals of one UTC year (clipped to it), in µs since the
/// epoch: sorted, disjoint, non-adjacent (merged), with the business time
/// accumulated since the start of the year at the end of each interval, and
/// an index from each UTC day to its first interval.
#[derive(Debug)]
pub(super) struct YearTable {
    /// 1 January 00:00Z of the year, µs.
    origin: i64,
    starts: Vec<i64>,
    ends: Vec<i64>,
    cum_end: Vec<i64>,
    /// For UTC day `k` of the year: the first interval ending after the
    /// day's start. One extra entry at the end (the number of intervals).
    day_first: Vec<u32>,
}

const DAY_US: i64 = DAY * US;

/// The table of a year without working time (or outside the range).
pub(super) static EMPTY: YearTable = YearTable::empty(0);

impl YearTable {
    const fn empty(origin: i64) -> YearTable {
        YearTable {
            origin,
            starts: Vec::new(),
            ends: Vec::new(),
            cum_end: Vec::new(),
            day_first: Vec::new(),
        }
    }

    /// Business µs of the whole year.
    pub fn total(&self) -> i64 {
        self.cum_end.last().copied().unwrap_or(0)
    }

    /// How many intervals start at or before `t`.
    fn count_starting_by(&self, t: i64) -> usize {
        let len = self.starts.len();
        if t < self.origin || len == 0 {
            return 0;
        }
        let k = ((t - self.origin) / DAY_US) as usize;
        let (lo, hi) = match (self.day_first.get(k), self.day_first.get(k + 1)) {
            (Some(&lo), Some(&next)) => (lo as usize, (next as usize + 1).min(len)),
            _ => (0, len),
        };
        lo + self
            .starts
            .get(lo..hi)
            .map_or(0, |s| s.partition_point(|&s| s <= t))
    }

    /// Index of the last interval starting at or before `t`, if any.
    fn last_starting_by(&self, t: i64) -> Option<usize> {
        self.count_starting_by(t).checked_sub(1)
    }

    /// Business µs from the start of the year to `t`, and the index of the
    /// interval where `t` lies or that precedes it (a hint for [`Self::instant_at`]).
    pub fn cum_at(&self, t: i64) -> (i64, usize) {
        match self.last_starting_by(t) {
            Some(j) => match (self.cum_end.get(j), self.ends.get(j)) {
                (Some(&c), Some(&e)) => (c - (e - t).max(0), j),
                _ => (0, 0),
            },
            None => (0, 0),
        }
    }

    /// The earliest instant whose [`cum_at`](Self::cum_at) reaches `target`
    /// (`0 < target <= total`), searching forward from interval `hint`
    /// (galloping, so nearby answers are found in a few steps).
    pub fn instant_at(&self, target: i64, hint: usize) -> Option<i64> {
        let cum = &self.cum_end;
        let below = |i: usize| cum.get(i).is_some_and(|&c| c < target);
        let mut lo = hint.min(cum.len());
        if lo > 0 && !below(lo - 1) {
            lo = 0;
        }
        // Invariant: every interval before `lo` ends below the target.
        let mut step = 1;
        let mut hi = lo;
        while below(hi) {
            lo = hi + 1;
            hi = hi.saturating_add(step);
            step *= 2;
        }
        let hi = hi.min(cum.len());
        let i = lo
            + cum
                .get(lo..hi)
                .map_or(0, |c| c.partition_point(|&c| c < target));
        Some(self.ends.get(i)? - (cum.get(i)? - target))
    }

    /// Whether `t` is inside an interval.
    pub fn is_open(&self, t: i64) -> bool {
        self.last_starting_by(t)
            .and_then(|j| self.ends.get(j))
            .is_some_and(|&e| t < e)
    }

    /// `t` when open, else the next interval start in this year.
    pub fn next_open(&self, t: i64) -> Option<i64> {
        let i = self.count_starting_by(t);
        if let Some(&e) = i.checked_sub(1).and_then(|j| self.ends.get(j)) {
            if t < e {
                return Some(t);
            }
        }
        self.starts.get(i).copied()
    }

    /// The first interval start of the year.
    pub fn first_start(&self) -> Option<i64> {
        self.starts.first().copied()
    }

    /// The intervals clipped to `[a, b)`, in order.
    pub fn clipped(&self, a: i64, b: i64) -> impl Iterator<Item = (i64, i64)> + '_ {
        let from = self.last_starting_by(a).unwrap_or(0);
        self.starts
            .iter()
            .zip(&self.ends)
            .skip(from)
            .take_while(move |(&s, _)| s < b)
            .filter_map(move |(&s, &e)| {
                let (s, e) = (s.max(a), e.min(b));
                (s < e).then_some((s, e))
            })
    }

    /// Number of intervals.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    /// Builds the table of UTC year `year` (empty outside the supported range).
    ///
    /// Exact across offset changes: a window `[s, e)` on local date `D` is the
    /// set of instants whose wall-clock reading in the zone, on date `D`, lies
    /// in `[s, e)`. The year is cut into pieces of constant offset `o`; on a
    /// piece `[p, q)` the window is `[D+s-o, D+e-o) ∩ [p, q)` (in seconds).
    pub fn build(rules: &Rules, year: i32) -> YearTable {
        let lo = year_start_us(year).max(MIN_US);
        let hi = year_start_us(year.saturating_add(1)).min(MAX_US);
        if !(FIRST_YEAR..=LAST_YEAR).contains(&year) || lo >= hi {
            return YearTable::empty(lo);
        }
        let pieces = offset_pieces(rules.tz, lo / US, hi / US);
        // Offsets are under a day, so only local dates from the day before the
        // year to the day after it can reach into it.
        let first_day = days_from_civil(i64::from(year), 1, 1) - 1;
        let last_day = days_from_civil(i64::from(year) + 1, 1, 1);
        let mut spans: Vec<(i64, i64)> = Vec::with_capacity(800);
        for day in first_day..=last_day {
            let midnight = day * DAY;
            for &(s, e) in rules.spans_on(day) {
                for &(p, q, o) in &pieces {
                    let a = (midnight + s - o).max(p);
                    let b = (midnight + e - o).min(q);
                    if a < b {
                        spans.push((a, b));
                    }
                }
            }
        }
        spans.sort_unstable();
        let mut table = YearTable {
            origin: lo,
            starts: Vec::with_capacity(spans.len()),
            ends: Vec::with_capacity(spans.len()),
            cum_end: Vec::with_capacity(spans.len()),
            day_first: Vec::new(),
        };
        let mut merged: Option<(i64, i64)> = None;
        let mut total = 0;
        let mut push = |(s, e): (i64, i64), table: &mut YearTable| {
            total += (e - s) * US;
            table.starts.push(s * US);
            table.ends.push(e * US);
            table.cum_end.push(total);
        };
        for (s, e) in spans {
            merged = match merged {
                Some((ms, me)) if s <= me => Some((ms, me.max(e))),
                Some(m) => {
                    push(m, &mut table);
                    Some((s, e))
                }
                None => Some((s, e)),
            };
        }
        if let Some(m) = merged {
            push(m, &mut table);
        }
        let days = (hi - lo) / DAY_US;
        let mut i = 0usize;
        table.day_first = (0..=days)
            .map(|k| {
                let day_start = lo + k * DAY_US;
                while table.ends.get(i).is_some_and(|&e| e <= day_start) {
                    i += 1;
                }
                u32::try_from(i).unwrap_or(u32::MAX)
            })
            .collect();
        table
    }
}

/// Years per memo chunk.
const CHUNK: usize = 64;
/// Chunks covering 1970..=9999.
const CHUNKS: usize = (LAST_YEAR - FIRST_YEAR + 1) as usize / CHUNK + 1;

/// The memo of one year: its table when kept, or just its total (long
/// `between` spans sum totals without keeping tables).
#[derive(Debug, Default, Clone)]
struct Slot {
    table: OnceLock<Arc<YearTable>>,
    total: OnceLock<i64>,
}

/// Memoised year tables, built on first use. Interior mutability only (the
/// results never depend on what is cached), lock-free once built: a read is
/// an atomic load, and a table is borrowed, not reference-counted.
#[derive(Clone)]
pub(super) struct Cache {
    chunks: Box<[OnceLock<Box<[Slot]>>]>,
}

impl Default for Cache {
    fn default() -> Self {
        Cache {
            chunks: (0..CHUNKS).map(|_| OnceLock::new()).collect(),
        }
    }
}

impl std::fmt::Debug for Cache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Cache({} years)", self.tables_kept())
    }
}

impl Cache {
    fn slot(&self, year: i32) -> Option<&Slot> {
        let i = usize::try_from(year.checked_sub(FIRST_YEAR)?).ok()?;
        if year > LAST_YEAR {
            return None;
        }
        let chunk = self
            .chunks
            .get(i / CHUNK)?
            .get_or_init(|| (0..CHUNK).map(|_| Slot::default()).collect());
        chunk.get(i % CHUNK)
    }

    /// The table of `year`, built and kept on first use.
    pub fn table(&self, rules: &Rules, year: i32) -> &YearTable {
        match self.slot(year) {
            Some(slot) => slot
                .table
                .get_or_init(|| Arc::new(YearTable::build(rules, year))),
            None => &EMPTY,
        }
    }

    /// The business µs of `year`, without keeping its table when it was not
    /// built already (so that a span of centuries stays small in memory).
    pub fn total(&self, rules: &Rules, year: i32) -> i64 {
        match self.slot(year) {
            Some(slot) => match slot.table.get() {
                Some(t) => t.total(),
                None => *slot
                    .total
                    .get_or_init(|| YearTable::build(rules, year).total()),
            },
            None => 0,
        }
    }

    /// How many year tables are kept.
    pub fn tables_kept(&self) -> usize {
        self.chunks
            .iter()
            .filter_map(OnceLock::get)
            .flat_map(|c| c.iter())
            .filter(|s| s.table.get().is_some())
            .count()
    }
}
