//! Care KPIs over complaints, in one pass: response and resolution times,
//! SLA compliance, first-contact resolution, reopen and escalation rates,
//! volume, and the backlog at an instant.
//!
//! A complaint counts when it was received in [from, to), as it stood at
//! `to` (marks after `to` are ignored).

use super::group::{Dims, Groups};
use super::stats::{Rate, Samples};
use super::{Out, Q};
use crate::complaint::{Complaint, ComplaintState, Mark};
use crate::sla::escalation::policy_for;
use crate::sla::status::{compute_with, Scratch};
use crate::sla::{Metric, MetricState};
use crate::workspace::State;
use chrono::{DateTime, Utc};

#[derive(Default)]
struct Acc {
    frt_wall: Samples,
    frt_business: Samples,
    res_wall: Samples,
    res_business: Samples,
    /// Per metric (first response, next response, resolution): met, breached, pending.
    sla: [[u64; 3]; 3],
    fcr: Rate,
    reopen: Rate,
    escalation: Rate,
    volume: u64,
}

#[derive(Default)]
struct Backlog {
    open: u64,
    /// Age buckets: < 1 day, 1-3, 3-7, 7-30, >= 30 days.
    ages: [u64; 5],
}

const AGE_BUCKETS: [&str; 5] = [
    "age_lt_1d",
    "age_1d_3d",
    "age_3d_7d",
    "age_7d_30d",
    "age_ge_30d",
];

fn dims(c: &Complaint) -> Dims<'_> {
    Dims {
        agent: c.assignee,
        team: c.team.as_deref(),
        channel: Some(c.channel),
        category: c.category.as_deref(),
        priority: Some(c.priority),
        customer_pos: Some(c.customer_pos),
        at: Some(c.received_at),
    }
}

/// The state of `c` at `t` (from its marks).
fn state_at(c: &Complaint, t: DateTime<Utc>) -> Option<ComplaintState> {
    let mut s = None;
    for m in &c.marks {
        if m.at() > t {
            break;
        }
        if let Mark::State { state, .. } = *m {
            s = Some(state);
        }
    }
    s
}

/// What the marks up to `to` say: the first response, the current resolution
/// (when resolved or closed at `to`), how many responses, whether it was
/// ever resolved and whether it was reopened after a resolution.
struct Facts {
    first_response: Option<DateTime<Utc>>,
    resolved_at: Option<DateTime<Utc>>,
    responses: u32,
    ever_resolved: bool,
    reopened: bool,
    state: ComplaintState,
}

fn facts(c: &Complaint, to: DateTime<Utc>) -> Facts {
    let mut f = Facts {
        first_response: None,
        resolved_at: None,
        responses: 0,
        ever_resolved: false,
        reopened: false,
        state: ComplaintState::New,
    };
    let mut last_resolved = None;
    for m in &c.marks {
        if m.at() > to {
            break;
        }
        match *m {
            Mark::Response { at } => {
                f.responses += 1;
                f.first_response.get_or_insert(at);
            }
            Mark::State { at, state } => {
                if state == ComplaintState::Resolved {
                    f.ever_resolved = true;
                    last_resolved = Some(at);
                } else if state.is_active() && f.ever_resolved {
                    f.reopened = true;
                }
                f.state = state;
            }
            Mark::CustomerMessage { .. } => {}
        }
    }
    if matches!(f.state, ComplaintState::Resolved | ComplaintState::Closed) {
        f.resolved_at = last_resolved;
    }
    f
}

pub(super) fn run(st: &State, q: &Q, want: &dyn Fn(&str) -> bool, rows: &mut Vec<super::KpiRow>) {
    let names = [
        "first_response_time",
        "resolution_time",
        "sla_compliance",
        "first_contact_resolution",
        "reopen_rate",
        "escalation_rate",
        "complaint_volume",
    ];
    let any = names.iter().any(|k| want(k));
    let need_calendar = want("first_response_time") || want("resolution_time");
    let need_sla = want("sla_compliance");
    if any {
        let mut groups: Groups<'_, Acc> = Groups::new(st, q.by, q.tz);
        let mut scratch = Scratch::default();
        for c in &st.complaints {
            if !q.contains(c.received_at) {
                continue;
            }
            let acc = groups.get(|| dims(c));
            acc.volume += 1;
            let f = facts(c, q.to);
            let pc = if need_calendar || need_sla {
                policy_for(st, c)
            } else {
                None
            };
            if let Some(r) = f.first_response {
                let start = c.received_at.min(r);
                acc.frt_wall.push((r - start).num_seconds());
                if let Some((_, cal)) = pc {
                    acc.frt_business.push(cal.between(start, r).num_seconds());
                }
            }
            if let Some(r) = f.resolved_at {
                let start = c.received_at.min(r);
                acc.res_wall.push((r - start).num_seconds());
                if let Some((_, cal)) = pc {
                    acc.res_business.push(cal.between(start, r).num_seconds());
                }
                acc.fcr.add(f.responses <= 1 && !f.reopened);
            }
            if f.ever_resolved {
                acc.reopen.add(f.reopened);
            }
            if !matches!(f.state, ComplaintState::Cancelled | ComplaintState::Merged) {
                acc.escalation.add(c.escalation_level > 0);
            }
            if need_sla {
                if let Some((pol, cal)) = pc {
                    let s = compute_with(c, pol, cal, q.to, false, &mut scratch);
                    for m in &s.metrics {
                        let i = match m.metric {
                            Metric::FirstResponse => 0,
                            Metric::NextResponse => 1,
                            Metric::Resolution => 2,
                        };
                        let pending = !matches!(
                            m.state,
                            MetricState::Met | MetricState::Breached | MetricState::Stopped
                        );
                        if m.metric == Metric::NextResponse {
                            let decided = u64::from(m.cycles).saturating_sub(u64::from(pending));
                            let breached = u64::from(m.breached_cycles);
                            acc.sla[i][0] += decided.saturating_sub(breached);
                            acc.sla[i][1] += breached;
                            acc.sla[i][2] += u64::from(pending);
                        } else {
                            match m.state {
                                MetricState::Met => acc.sla[i][0] += 1,
                                MetricState::Breached => acc.sla[i][1] += 1,
                                MetricState::Stopped => {}
                                _ => acc.sla[i][2] += 1,
                            }
                        }
                    }
                }
            }
        }
        for (g, mut a) in groups.into_groups() {
            if want("first_response_time") {
                let mut o = Out::new("first_response_time", &g, rows);
                o.spread("wall", &mut a.frt_wall, "seconds", 1.0);
                o.spread("business", &mut a.frt_business, "seconds", 1.0);
            }
            if want("resolution_time") {
                let mut o = Out::new("resolution_time", &g, rows);
                o.spread("wall", &mut a.res_wall, "seconds", 1.0);
                o.spread("business", &mut a.res_business, "seconds", 1.0);
            }
            if want("sla_compliance") {
                let mut o = Out::new("sla_compliance", &g, rows);
                for (i, m) in [
                    Metric::FirstResponse,
                    Metric::NextResponse,
                    Metric::Resolution,
                ]
                .iter()
                .enumerate()
                {
                    let [met, breached, pending] = a.sla[i];
                    o.rate(
                        m.as_str(),
                        Rate {
                            num: met,
                            den: met + breached,
                        },
                    );
                    o.count(&format!("{}_pending", m.as_str()), pending);
                }
            }
            if want("first_contact_resolution") {
                Out::new("first_contact_resolution", &g, rows).rate("rate", a.fcr);
            }
            if want("reopen_rate") {
                Out::new("reopen_rate", &g, rows).rate("rate", a.reopen);
            }
            if want("escalation_rate") {
                Out::new("escalation_rate", &g, rows).rate("rate", a.escalation);
            }
            if want("complaint_volume") {
                Out::new("complaint_volume", &g, rows).count("count", a.volume);
            }
        }
    }
    if want("backlog") {
        backlog(st, q, rows);
    }
}

/// Complaints received by `backlog_at` and in a working state then, with
/// their wall-clock age in buckets.
fn backlog(st: &State, q: &Q, rows: &mut Vec<super::KpiRow>) {
    let at = q.backlog_at;
    let mut groups: Groups<'_, Backlog> = Groups::new(st, q.by, q.tz);
    for c in &st.complaints {
        if c.received_at > at {
            continue;
        }
        if !state_at(c, at).is_some_and(ComplaintState::is_active) {
            continue;
        }
        let days = (at - c.received_at).num_seconds() as f64 / 86_400.0;
        let bucket = match days {
            d if d < 1.0 => 0,
            d if d < 3.0 => 1,
            d if d < 7.0 => 2,
            d if d < 30.0 => 3,
            _ => 4,
        };
        let b = groups.get(|| dims(c));
        b.open += 1;
        b.ages[bucket] += 1;
    }
    for (g, b) in groups.into_groups() {
        let mut o = Out {
            kpi: "backlog",
            group: &g,
            rows,
        };
        o.count("open", b.open);
        for (name, n) in AGE_BUCKETS.iter().zip(b.ages) {
            o.count(name, n);
        }
    }
}
