//! KPIs at scale: the whole dashboard over a year of a million complaints
//! (about 5 million events), each KPI alone (which one dominates), the
//! dashboard over one month, and grouped KPIs (by agent, by week in
//! Asia/Ho_Chi_Minh).
#![allow(missing_docs)]

use clientcare::{GroupBy, KpiQuery, KpiRow, Workspace, KPI_NAMES};
use clientcare_bench::calendar::local;
use clientcare_bench::care_year::{build_care_year, CareYearSpec};
use clientcare_bench::harness::{self, line, target, thousands, time, Scale};
use stats_alloc::{StatsAlloc, INSTRUMENTED_SYSTEM};
use std::alloc::System;
use std::collections::BTreeMap;
use std::hint::black_box;
use std::io::Write;
use std::time::Duration;

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

const TARGET_MS: f64 = 200.0;

fn live() -> i64 {
    let s = GLOBAL.stats();
    s.bytes_allocated as i64 - s.bytes_deallocated as i64
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Best and median of `rounds` runs of `f` (after one warm-up run).
fn bench<T>(rounds: usize, mut f: impl FnMut() -> T) -> (Duration, Duration, T) {
    let mut out = f();
    let mut times = Vec::with_capacity(rounds);
    for _ in 0..rounds {
        let (o, d) = time(&mut f);
        times.push(d);
        out = black_box(o);
    }
    times.sort();
    (times[0], times[times.len() / 2], out)
}

/// Bytes of the log as JSON Lines (streamed through a counter, not kept).
struct Counter(usize);

impl Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn jsonl_bytes(ws: &Workspace) -> usize {
    let mut c = Counter(0);
    for ev in ws.events() {
        if serde_json::to_writer(&mut c, ev).is_ok() {
            c.0 += 1;
        }
    }
    c.0
}

fn value(rows: &[KpiRow], kpi: &str, measure: &str) -> String {
    rows.iter()
        .find(|r| r.kpi == kpi && r.measure == measure)
        .map_or("-".into(), |r| match r.value {
            Some(v) if r.unit == "seconds" => format!("{:.1} h (n={})", v / 3600.0, r.sample_size),
            Some(v) if r.unit == "ratio" => format!("{:.1} % (n={})", v * 100.0, r.sample_size),
            Some(v) => format!("{v:.2} {} (n={})", r.unit, r.sample_size),
            None => format!("none (n={})", r.sample_size),
        })
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    harness::banner("kpi");
    let scale = Scale::from_env();
    let complaints = scale.pick(100_000, 1_000_000);
    let rounds = scale.pick(10, 5);
    let spec = CareYearSpec::new(complaints, 2026);

    harness::header(&format!(
        "building a year of care: {} complaints, {} customers, {} agents, surveys, deals, purchases, follow-ups, referrals",
        thousands(complaints),
        thousands(spec.customers()),
        spec.agents()
    ));
    let before = live();
    let (year, d) = time(|| build_care_year(&spec));
    let year = year?;
    let heap = live() - before;
    let ws = &year.workspace;
    let n = ws.events().len();
    line(
        "build (bulk customer import + daily sign-up batches + commands in time order)",
        format!("{:.1} s", d.as_secs_f64()),
    );
    line("events in the log", thousands(n));
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for e in ws.events() {
        let t = e.payload.type_name();
        let group = t.split('_').next().unwrap_or(t);
        *kinds.entry(group).or_default() += 1;
    }
    let breakdown: Vec<String> = kinds
        .iter()
        .map(|(k, v)| format!("{k} {}", thousands(*v)))
        .collect();
    line("  by entity", breakdown.join(", "));
    line(
        "complaints opened / planned actions skipped",
        format!(
            "{} / {}",
            thousands(year.complaints),
            thousands(year.skipped)
        ),
    );
    line(
        "workspace in memory (live heap: log + state + indexes)",
        format!(
            "{:.0} MiB ({:.0} B/event)",
            heap as f64 / 1048576.0,
            heap as f64 / n as f64
        ),
    );
    let (bytes, d) = time(|| jsonl_bytes(ws));
    line(
        "event log as JSON Lines (serialised, counted, not kept)",
        format!(
            "{:.0} MB ({:.0} B/event, {:.1} s to serialise)",
            bytes as f64 / 1e6,
            bytes as f64 / n as f64,
            d.as_secs_f64()
        ),
    );

    let year_q = KpiQuery::new(year.start, year.end);
    harness::header(&format!(
        "dashboard over the whole year [{} .. {}) local: {} KPIs, one call, one core",
        year.start
            .with_timezone(&clientcare_bench::calendar::TZ)
            .format("%Y-%m-%d"),
        year.end
            .with_timezone(&clientcare_bench::calendar::TZ)
            .format("%Y-%m-%d"),
        KPI_NAMES.len() - 1
    ));
    // The first call computes each settled complaint's SLA outcome and
    // business times once (the memo); later calls read them.
    let (first, cold) = time(|| ws.dashboard(&year_q));
    first?;
    line(
        "first dashboard (fills the memo of settled complaints' SLA outcomes)",
        format!("{:.1} ms", ms(cold)),
    );
    let (best, median, dash) = bench(rounds, || ws.dashboard(&year_q));
    let dash = dash?;
    line(
        &format!(
            "dashboard: {} rows, best / median of {rounds}",
            dash.rows.len()
        ),
        format!("{:.1} ms / {:.1} ms", ms(best), ms(median)),
    );
    line(
        "  per complaint received in the range",
        format!("{:.0} ns", best.as_nanos() as f64 / complaints as f64),
    );
    target(
        &format!(
            "year dashboard, {} complaints < {TARGET_MS:.0} ms",
            thousands(complaints)
        ),
        ms(best) < TARGET_MS,
        &format!("{:.1} ms, one core", ms(best)),
    );

    harness::header(
        "each KPI alone over the year (kpi(name)), best of 3: what the dashboard's time is made of",
    );
    let mut singles: Vec<(&str, Duration)> = Vec::new();
    for name in KPI_NAMES {
        let (b, _, r) = bench(3, || ws.kpi(name, &year_q));
        black_box(r?);
        singles.push((name, b));
    }
    let total: Duration = singles.iter().map(|s| s.1).sum();
    for (name, d) in &singles {
        line(
            &format!("  {name}"),
            format!(
                "{:>8.2} ms  {:>5.1} %",
                ms(*d),
                100.0 * d.as_secs_f64() / total.as_secs_f64()
            ),
        );
    }
    let mut ranked = singles.clone();
    ranked.sort_by_key(|s| std::cmp::Reverse(s.1));
    line(
        "sum of the single-KPI times (cohort_retention included)",
        format!("{:.1} ms", ms(total)),
    );
    let single = |k: &str| {
        singles
            .iter()
            .find(|s| s.0 == k)
            .map_or(Duration::ZERO, |s| s.1)
    };
    let base = single("complaint_volume");
    let per = |d: Duration| d.as_nanos() as f64 / complaints as f64;
    line(
        "  care pass alone (complaint_volume: the dense per-complaint facts)",
        format!("{:.0} ns per complaint", per(base)),
    );
    line(
        "  + SLA outcome (sla_compliance minus that: memo, live for unsettled ones)",
        format!(
            "{:.0} ns per complaint",
            per(single("sla_compliance").saturating_sub(base))
        ),
    );
    line(
        "  + business time (first_response_time minus that: memo, live for the rest)",
        format!(
            "{:.0} ns per complaint",
            per(single("first_response_time").saturating_sub(base))
        ),
    );
    line(
        "dominant",
        ranked
            .iter()
            .take(3)
            .map(|(k, d)| format!("{k} {:.1} ms", ms(*d)))
            .collect::<Vec<_>>()
            .join(", "),
    );

    let month_from = local(2026, 11, 1, 0, 0).unwrap_or_default();
    let month_to = local(2026, 12, 1, 0, 0).unwrap_or_default();
    let month_q = KpiQuery::new(month_from, month_to);
    let received = ws
        .kpi("complaint_volume", &month_q)?
        .first()
        .and_then(|r| r.value)
        .unwrap_or_default();
    harness::header(&format!(
        "dashboard over one month (November 2026, local): {} complaints received",
        thousands(received as usize)
    ));
    let (best_m, median_m, _) = bench(rounds, || ws.dashboard(&month_q));
    line(
        "dashboard, best / median",
        format!("{:.1} ms / {:.1} ms", ms(best_m), ms(median_m)),
    );

    harness::header("grouped KPIs over the year");
    let grouped = [
        ("first_response_time", GroupBy::Agent, None),
        ("csat", GroupBy::Week, Some("Asia/Ho_Chi_Minh")),
        ("complaint_volume", GroupBy::Day, Some("Asia/Ho_Chi_Minh")),
        ("resolution_time", GroupBy::Channel, None),
        ("sla_compliance", GroupBy::Priority, None),
        ("win_rate", GroupBy::Month, Some("Asia/Ho_Chi_Minh")),
    ];
    for (kpi, by, zone) in grouped {
        let mut q = year_q.clone().grouped(by);
        q.time_zone = zone.map(str::to_owned);
        let (b, _, rows) = bench(3, || ws.kpi(kpi, &q));
        let rows = rows?;
        let groups: std::collections::BTreeSet<&str> =
            rows.iter().map(|r| r.group.as_str()).collect();
        line(
            &format!(
                "{kpi} by {by}{}: {} groups, {} rows",
                zone.map(|z| format!(" ({z})")).unwrap_or_default(),
                groups.len(),
                rows.len()
            ),
            format!("{:.1} ms", ms(b)),
        );
    }

    harness::header("headline values over the year (every KPI must have data)");
    let rows = &dash.rows;
    for (kpi, measure) in [
        ("complaint_volume", "count"),
        ("first_response_time", "wall_median"),
        ("first_response_time", "business_median"),
        ("resolution_time", "wall_median"),
        ("sla_compliance", "first_response"),
        ("first_contact_resolution", "rate"),
        ("reopen_rate", "rate"),
        ("escalation_rate", "rate"),
        ("backlog", "open"),
        ("csat", "rate"),
        ("nps", "nps"),
        ("ces", "mean"),
        ("survey_response_rate", "all"),
        ("lead_conversion", "rate"),
        ("win_rate", "rate"),
        ("sales_cycle", "median"),
        ("repeat_purchase_rate", "rate"),
        ("retention", "retention"),
        ("follow_up_on_time", "rate"),
        ("referral_conversion", "rate"),
    ] {
        line(&format!("  {kpi} {measure}"), value(rows, kpi, measure));
    }
    let cohorts = ws.kpi("cohort_retention", &year_q)?;
    let mut empty: Vec<&str> = KPI_NAMES
        .iter()
        .copied()
        .filter(|k| {
            !rows
                .iter()
                .chain(cohorts.iter())
                .any(|r| r.kpi == *k && r.value.is_some() && r.sample_size > 0)
        })
        .collect();
    empty.dedup();
    line(
        "KPIs without data",
        if empty.is_empty() {
            "none".to_owned()
        } else {
            empty.join(", ")
        },
    );
    Ok(())
}
