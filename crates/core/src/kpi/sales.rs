//! Sales KPIs: lead conversion, win rate, sales cycle, weighted pipeline,
//! pipeline velocity and lost reasons.

use super::group::{Dims, Groups};
use super::stats::{Rate, Samples};
use super::{Out, Q};
use crate::customer::Lifecycle;
use crate::journey::{Opportunity, StageKind};
use crate::workspace::State;
use chrono::{DateTime, NaiveTime, Utc};
use std::collections::BTreeMap;

#[derive(Default)]
struct Acc {
    win: Rate,
    /// Won deals' cycle in seconds.
    cycle: Samples,
    lost: BTreeMap<String, u64>,
    /// Per currency: won count and value (velocity's average deal).
    won_value: BTreeMap<String, (u64, i128)>,
    /// Per currency: open deals now, their value, their value times probability (percent).
    open: BTreeMap<String, (u64, i128, i128)>,
    /// Weighted pipeline: open deals expected to close in range, per currency.
    expected: BTreeMap<String, (u64, i128, i128)>,
    /// Open deals without an expected close date.
    undated: u64,
    leads: Rate,
}

fn dims<'a>(st: &'a State, o: &Opportunity, at: Option<DateTime<Utc>>) -> Dims<'a> {
    Dims {
        agent: o.owner,
        team: None,
        channel: o.source.channel,
        category: None,
        priority: None,
        customer_pos: st.customer_ix.get(&o.customer).copied(),
        at,
    }
}

pub(super) fn run(st: &State, q: &Q, want: &dyn Fn(&str) -> bool, rows: &mut Vec<super::KpiRow>) {
    let names = [
        "lead_conversion",
        "win_rate",
        "sales_cycle",
        "weighted_pipeline",
        "pipeline_velocity",
        "lost_reasons",
    ];
    if !names.iter().any(|k| want(k)) {
        return;
    }
    let mut groups: Groups<'_, Acc> = Groups::new(st, q.by, q.tz);
    let open_now = want("weighted_pipeline") || want("pipeline_velocity");
    let closed = names[1..].iter().any(|k| want(k));
    let local_start = |d: chrono::NaiveDate| {
        d.and_time(NaiveTime::MIN)
            .and_local_timezone(q.tz)
            .earliest()
            .map(|t| t.with_timezone(&Utc))
    };
    if closed {
        for o in &st.opportunities {
            match (o.status, o.closed_at) {
                (StageKind::Won | StageKind::Lost, Some(at)) if q.contains(at) => {
                    let won = o.status == StageKind::Won;
                    let acc = groups.get(|| dims(st, o, Some(at)));
                    acc.win.add(won);
                    if won {
                        acc.cycle.push((at - o.created_at).num_seconds().max(0));
                        let e = acc.won_value.entry(o.value.currency.clone()).or_default();
                        e.0 += 1;
                        e.1 += i128::from(o.value.amount_minor);
                    } else {
                        let reason = o.lost_reason.clone().unwrap_or_else(|| "(none)".into());
                        *acc.lost.entry(reason).or_default() += 1;
                    }
                }
                (StageKind::Open, _) if open_now => {
                    let p = st
                        .pipeline(&o.pipeline)
                        .and_then(|p| p.stage(&o.stage))
                        .map_or(0, |s| i128::from(s.probability));
                    let v = i128::from(o.value.amount_minor);
                    let acc = groups.get(|| dims(st, o, None));
                    let e = acc.open.entry(o.value.currency.clone()).or_default();
                    *e = (e.0 + 1, e.1 + v, e.2 + v * p);
                    match o.expected_close.and_then(local_start) {
                        Some(t) if q.contains(t) => {
                            let e = acc.expected.entry(o.value.currency.clone()).or_default();
                            *e = (e.0 + 1, e.1 + v, e.2 + v * p);
                        }
                        Some(_) => {}
                        None => acc.undated += 1,
                    }
                }
                _ => {}
            }
        }
    }
    if want("lead_conversion") {
        for (pos, (c, f)) in st.customers.iter().zip(&st.customer_facts).enumerate() {
            // A record merged into another is the same lead counted once.
            if c.merged_into.is_some()
                || !q.contains(c.created_at)
                || !matches!(f.registered_as, Lifecycle::Lead | Lifecycle::Prospect)
            {
                continue;
            }
            let converted = f.converted_at.is_some_and(|t| t < q.to);
            groups
                .get(|| Dims {
                    agent: c.owner,
                    channel: c.preferred_channel,
                    customer_pos: u32::try_from(pos).ok(),
                    at: Some(c.created_at),
                    ..Dims::default()
                })
                .leads
                .add(converted);
        }
    }
    for (g, mut a) in groups.into_groups() {
        if want("lead_conversion") {
            Out::new("lead_conversion", &g, rows).rate("rate", a.leads);
        }
        if want("win_rate") {
            Out::new("win_rate", &g, rows).rate("rate", a.win);
        }
        let cycle_days = a.cycle.mean().map(|s| s / 86_400.0);
        if want("sales_cycle") {
            Out::new("sales_cycle", &g, rows).spread("", &mut a.cycle, "days", 86_400.0);
        }
        if want("weighted_pipeline") {
            let mut o = Out::new("weighted_pipeline", &g, rows);
            for (cur, (n, total, weighted)) in &a.expected {
                o.row("weighted", Some(*weighted as f64 / 100.0), None, *n, cur);
                o.row("total", Some(*total as f64), None, *n, cur);
            }
            o.count("undated", a.undated);
        }
        if want("pipeline_velocity") {
            let o = Out::new("pipeline_velocity", &g, rows);
            let win = (a.win.den > 0).then(|| a.win.num as f64 / a.win.den as f64);
            for (cur, (n, _, _)) in &a.open {
                let avg = a
                    .won_value
                    .get(cur)
                    .filter(|(k, _)| *k > 0)
                    .map(|(k, v)| *v as f64 / *k as f64);
                let num = match (win, avg) {
                    (Some(w), Some(v)) => Some(*n as f64 * w * v),
                    _ => None,
                };
                let value = match (num, cycle_days) {
                    (Some(x), Some(d)) if d > 0.0 => Some(x / d),
                    _ => None,
                };
                o.rows.push(super::KpiRow {
                    kpi: "pipeline_velocity",
                    group: g.clone(),
                    measure: "per_day".into(),
                    value,
                    numerator: num,
                    denominator: cycle_days,
                    sample_size: *n,
                    unit: cur.clone(),
                });
            }
        }
        if want("lost_reasons") {
            let mut o = Out::new("lost_reasons", &g, rows);
            let total: u64 = a.lost.values().sum();
            for (reason, n) in &a.lost {
                o.rate(
                    reason,
                    Rate {
                        num: *n,
                        den: total,
                    },
                );
            }
        }
    }
}
