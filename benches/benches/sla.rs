//! SLA status at scale: every working complaint's clocks at one instant,
//! the at-risk and breached queues, `tick`, and single-complaint latency.
#![allow(missing_docs)]

use clientcare::{Meta, MetricState};
use clientcare_bench::complaints::open_complaints;
use clientcare_bench::harness::{self, line, ns_per, si, target, thousands, time, Scale};
use clientcare_bench::Rng;
use std::hint::black_box;

fn main() -> Result<(), clientcare::Error> {
    harness::banner("sla");
    let scale = Scale::from_env();
    let n = scale.pick(100_000, 1_000_000);
    let customers = n / 5;
    harness::header(&format!(
        "building {} open complaints of {} customers (calendar hcmc: split shifts, Saturday morning, Tết; 3 policies)",
        thousands(n),
        thousands(customers)
    ));
    let (load, d) = time(|| open_complaints(n, customers, 2026));
    let load = load?;
    line(
        "build (register + open + respond + wait + messages)",
        format!("{:.2} s", d.as_secs_f64()),
    );
    line("events in the log", thousands(load.events));
    let ws = &load.ws;
    let now = load.now;

    harness::header("SLA status of every working complaint at one instant (sla_statuses)");
    // Warm the calendar's year tables once, as a running service would be.
    let _ = ws.sla_status(load.complaints[0], now)?;
    let mut best = f64::INFINITY;
    let mut counts = [0usize; 6];
    for round in 0..3 {
        let (all, d) = time(|| ws.sla_statuses(now));
        best = best.min(d.as_secs_f64());
        if round == 0 {
            for s in &all {
                for m in &s.metrics {
                    let i = match m.state {
                        MetricState::Running => 0,
                        MetricState::Paused => 1,
                        MetricState::Warning => 2,
                        MetricState::Met => 3,
                        MetricState::Breached => 4,
                        _ => 5,
                    };
                    counts[i] += 1;
                }
            }
            line("complaints measured", thousands(all.len()));
        }
        black_box(all);
    }
    line(
        "best of 3",
        format!(
            "{:.3} s ({:.0} ns per complaint)",
            best,
            best * 1e9 / n as f64
        ),
    );
    line(
        "metric states: running / paused / warning / met / breached",
        format!(
            "{} / {} / {} / {} / {}",
            thousands(counts[0]),
            thousands(counts[1]),
            thousands(counts[2]),
            thousands(counts[3]),
            thousands(counts[4])
        ),
    );
    target(
        &format!("status of {} open complaints < 1 s", thousands(n)),
        best < 1.0,
        &format!("{best:.3} s, one core"),
    );

    harness::header("queues at the same instant");
    let (risk, d) = time(|| ws.complaints_at_risk(now));
    line(
        &format!("complaints_at_risk: {} alerts", thousands(risk.len())),
        format!("{:.3} s", d.as_secs_f64()),
    );
    let (breached, d) = time(|| ws.complaints_breached(now));
    line(
        &format!("complaints_breached: {} alerts", thousands(breached.len())),
        format!("{:.3} s", d.as_secs_f64()),
    );

    harness::header("one complaint (random ids)");
    let mut rng = Rng::new(7);
    let sample: Vec<_> = (0..100_000)
        .map(|_| load.complaints[rng.index(load.complaints.len())])
        .collect();
    let (_, d) = time(|| {
        for id in &sample {
            black_box(ws.sla_status(*id, now).ok());
        }
    });
    line(
        "sla_status",
        format!(
            "{:.0} ns ({}/s)",
            ns_per(sample.len(), d),
            si(harness::per_sec(sample.len(), d))
        ),
    );
    let (_, d) = time(|| {
        for id in &sample[..10_000] {
            black_box(ws.explain_sla(*id, now).ok());
        }
    });
    line(
        "explain_sla (with intervals)",
        format!("{:.0} ns", ns_per(10_000, d)),
    );

    harness::header("tick at the same instant (escalations as events)");
    let mut ws = load.ws;
    let (first, d) = time(|| ws.tick(Meta::system(now)));
    line(
        &format!("first tick: {} events", thousands(first?)),
        format!("{:.3} s", d.as_secs_f64()),
    );
    let (second, d) = time(|| ws.tick(Meta::system(now)));
    line(
        &format!("second tick at the same now: {} events", second?),
        format!("{:.3} s", d.as_secs_f64()),
    );
    Ok(())
}
