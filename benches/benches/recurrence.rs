//! Recurrence expansion for follow-up tasks: `Recurrence::next_after` and
//! `iter_from` on a mix of rules in Europe/Berlin (a DST zone): daily 09:00,
//! weekly Mon/Wed/Fri, monthly on the last Friday, yearly on a date, and a
//! daily 02:30 rule that falls into the spring-forward gap once a year. Also
//! Feb 29 and Friday-the-13th rules whose next occurrence can be years away,
//! building (validating) recurrences, and the next occurrence for 1M random
//! (rule, instant) pairs over 2026-2035.
#![allow(missing_docs)]

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use clientcare::followup::recurrence::{Recurrence, RecurrenceSpec};
use clientcare::Error;
use clientcare_bench::harness::{self, line, ns_per, per_sec, si, target, thousands, time, Scale};
use clientcare_bench::Rng;
use std::hint::black_box;

const ZONE: &str = "Europe/Berlin";
const FIRST_YEAR: i32 = 2026;
const YEARS: i64 = 10;

/// The rule mix: (label, start as local time, RRULE text).
const MIX: [(&str, &str, &str); 5] = [
    ("daily 09:00", "2026-01-01T09:00:00", "FREQ=DAILY"),
    (
        "weekly Mon/Wed/Fri 08:30",
        "2026-01-01T08:30:00",
        "FREQ=WEEKLY;BYDAY=MO,WE,FR",
    ),
    (
        "monthly last Friday 17:00",
        "2026-01-01T17:00:00",
        "FREQ=MONTHLY;BYDAY=-1FR",
    ),
    (
        "yearly on Mar 29 02:30 (gap in 2026)",
        "2026-03-29T02:30:00",
        "FREQ=YEARLY",
    ),
    (
        "daily 02:30 (DST gap/overlap)",
        "2026-01-01T02:30:00",
        "FREQ=DAILY",
    ),
];

/// Rules whose next occurrence may be years away.
const SPARSE: [(&str, &str, &str); 3] = [
    (
        "Feb 29 (daily rule filtered to Feb 29)",
        "2026-01-01T09:00:00",
        "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29",
    ),
    (
        "Friday the 13th",
        "2026-01-01T09:00:00",
        "FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13",
    ),
    (
        "Friday the 13th in February",
        "2026-01-01T09:00:00",
        "FREQ=YEARLY;BYMONTH=2;BYDAY=FR;BYMONTHDAY=13",
    ),
];

fn recurrence(start: &str, rule: &str) -> Result<Recurrence, Error> {
    let start = start
        .parse()
        .map_err(|_| Error::invalid_input("start", start, "not a local date-time"))?;
    Recurrence::new(RecurrenceSpec::new(
        start,
        ZONE,
        Some(Recurrence::parse_rrule(rule)?),
    ))
}

fn utc_year_start(y: i32) -> Result<DateTime<Utc>, Error> {
    NaiveDate::from_ymd_opt(y, 1, 1)
        .map(|d| d.and_time(chrono::NaiveTime::MIN).and_utc())
        .ok_or_else(|| Error::invalid_input("year", y.to_string(), "no such year"))
}

/// Chains `next_after` from `from` for `n` occurrences; returns how many.
fn chain(r: &Recurrence, from: DateTime<Utc>, n: usize) -> usize {
    let mut t = from;
    let mut k = 0;
    while k < n {
        match r.next_after(black_box(t)) {
            Some(next) => t = next,
            None => break,
        }
        k += 1;
    }
    black_box(t);
    k
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    harness::banner("recurrence");
    let scale = Scale::from_env();
    let per_rule = scale.pick(20_000, 200_000);
    let pairs = scale.pick(100_000, 1_000_000);
    let from = utc_year_start(FIRST_YEAR)?;

    harness::header(&format!("build (validate + compile), {ZONE}"));
    let reps = scale.pick(2_000, 20_000);
    for (label, start, rule) in MIX.iter().chain(SPARSE.iter()) {
        let (_, d) = time(|| {
            for _ in 0..reps {
                black_box(recurrence(black_box(start), black_box(rule)).ok());
            }
        });
        line(
            &format!("{label} ({} builds)", thousands(reps)),
            format!("{:>8.2} µs/build", ns_per(reps, d) / 1e3),
        );
    }
    let counted = "FREQ=DAILY;COUNT=100000";
    let (_, d) = time(|| black_box(recurrence("2026-01-01T09:00:00", counted).ok()));
    line(
        &format!("{counted} (COUNT resolved once, the maximum)"),
        format!("{:>8.2} ms", d.as_secs_f64() * 1e3),
    );
    let never = "FREQ=DAILY;INTERVAL=7;BYDAY=MO";
    let (res, d) = time(|| recurrence("2026-01-01T09:00:00", never));
    line(
        &format!("{never} from a Thursday (proved never, rejected)"),
        format!(
            "{:>8.2} ms ({})",
            d.as_secs_f64() * 1e3,
            res.err().map_or("accepted?!", |e| e.code())
        ),
    );

    harness::header(&format!(
        "expansion: {} occurrences per rule from {FIRST_YEAR}-01-01, {ZONE}",
        thousands(per_rule)
    ));
    let mix: Vec<(&str, Recurrence)> = MIX
        .iter()
        .map(|(label, start, rule)| Ok((*label, recurrence(start, rule)?)))
        .collect::<Result<_, Error>>()?;
    let mut worst_chain: f64 = 0.0;
    for (label, r) in &mix {
        let (n, d) = time(|| chain(r, from, per_rule));
        let chained = ns_per(n, d);
        worst_chain = worst_chain.max(chained);
        let (m, d) = time(|| {
            let mut k = 0usize;
            for t in r.iter_from(from).take(per_rule) {
                black_box(t);
                k += 1;
            }
            k
        });
        line(
            label,
            format!(
                "next_after chain {chained:>6.1} ns/occ   iter_from {:>6.1} ns/occ  ({} / {} occ)",
                ns_per(m, d),
                thousands(n),
                thousands(m)
            ),
        );
    }

    harness::header("sparse rules: next_after from random instants (answer often years away)");
    let probes = scale.pick(10_000, 100_000);
    let mut rng = Rng::new(13);
    let span_s = (utc_year_start(FIRST_YEAR + YEARS as i32)? - from).num_seconds() as u64;
    let instants: Vec<DateTime<Utc>> = (0..probes)
        .map(|_| from + TimeDelta::seconds(rng.below(span_s) as i64))
        .collect();
    let mut worst_sparse: f64 = 0.0;
    for (label, start, rule) in SPARSE {
        let r = recurrence(start, rule)?;
        let (found, d) = time(|| {
            instants
                .iter()
                .filter(|&&t| r.next_after(black_box(t)).is_some())
                .count()
        });
        let ns = ns_per(probes, d);
        worst_sparse = worst_sparse.max(ns);
        line(
            &format!("{label} ({} queries)", thousands(probes)),
            format!("{ns:>7.1} ns/query  ({} answered)", thousands(found)),
        );
    }

    harness::header(&format!(
        "next occurrence for {} random (rule, instant) pairs, {FIRST_YEAR}-{}",
        thousands(pairs),
        FIRST_YEAR + YEARS as i32 - 1
    ));
    let mut rng = Rng::new(2026);
    let work: Vec<(usize, DateTime<Utc>)> = (0..pairs)
        .map(|_| {
            let rule = rng.index(mix.len());
            let t = from + TimeDelta::microseconds(rng.below(span_s * 1_000_000) as i64);
            (rule, t)
        })
        .collect();
    let (sum, d) = time(|| {
        let mut sum = 0i64;
        for &(rule, t) in &work {
            if let Some(next) = mix[rule].1.next_after(black_box(t)) {
                sum = sum.wrapping_add(next.timestamp());
            }
        }
        sum
    });
    black_box(sum);
    let pair_ns = ns_per(pairs, d);
    line(
        &format!("next_after, mixed rules ({} pairs)", thousands(pairs)),
        format!(
            "{:>7.3} s total  {pair_ns:>6.1} ns/op  {:>9}ops/s",
            d.as_secs_f64(),
            si(per_sec(pairs, d))
        ),
    );
    let (_, d) = time(|| {
        let mut n = 0usize;
        for &(rule, t) in &work {
            n += mix[rule].1.between(t, t + TimeDelta::days(7), 16).len();
        }
        black_box(n)
    });
    line(
        &format!(
            "between(t, t + 7 days), mixed rules ({} pairs)",
            thousands(pairs)
        ),
        format!("{:>7.1} ns/op", ns_per(pairs, d)),
    );

    harness::header("targets");
    target(
        "next_after < 1 µs per occurrence (rule mix, DST zone)",
        worst_chain < 1000.0,
        &format!("worst {worst_chain:.0} ns/occurrence"),
    );
    target(
        "next occurrence of 1M (rule, instant) pairs < 1 s",
        pair_ns * 1e6 / 1e9 < 1.0,
        &format!("{:.3} s at {pair_ns:.0} ns/op", pair_ns * 1e6 / 1e9),
    );
    target(
        "sparse next_after (years away) < 10 µs",
        worst_sparse < 10_000.0,
        &format!("worst {worst_sparse:.0} ns/query"),
    );
    Ok(())
}
