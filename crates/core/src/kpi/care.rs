//! Care KPIs over complaints, in one pass: response and resolution times,
//! SLA compliance, first-contact resolution, reopen and escalation rates,
//! volume, and the backlog at an instant.
//!
//! A complaint counts when it was received in [from, to), as it stood at
//! `to` (marks at or after `to` are ignored). The dense facts in
//! `State::care_facts` serve complaints with no mark since `to`; settled ones
//! read their SLA outcome from the memo.

use super::facts::{facts_before, settle};
use super::group::{Dims, Groups};
use super::stats::{Rate, Samples};
use super::{Out, Q};
use crate::complaint::{Complaint, ComplaintState};
use crate::sla::status::Scratch;
use crate::sla::Metric;
use crate::workspace::State;

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

fn settled(state: ComplaintState) -> bool {
    matches!(
        state,
        ComplaintState::Resolved
            | ComplaintState::Closed
            | ComplaintState::Cancelled
            | ComplaintState::Merged
    )
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
        for (i, (c, cur)) in st.complaints.iter().zip(&st.care_facts).enumerate() {
            if !q.contains(cur.received_at) {
                continue;
            }
            let acc = groups.get(|| dims(c));
            acc.volume += 1;
            // The current facts hold at `to` unless a mark comes at or after it.
            let live = cur.last_mark >= q.to;
            let f = if live {
                facts_before(c, Some(q.to))
            } else {
                *cur
            };
            let outcome = if !(need_calendar || need_sla) {
                None
            } else if !live && settled(f.state) {
                // Any instant after the last mark gives the same outcome.
                let after = f.last_mark + chrono::Duration::seconds(1);
                Some(
                    st.care_memo
                        .get(i, || settle(st, c, &f, after, &mut scratch)),
                )
            } else {
                Some(settle(st, c, &f, q.to, &mut scratch))
            };
            if let Some(r) = f.first_response {
                acc.frt_wall.push((r - c.received_at.min(r)).num_seconds());
                if let Some(b) = outcome.and_then(|o| o.frt_business) {
                    acc.frt_business.push(b);
                }
            }
            if let Some(r) = f.resolved_at {
                acc.res_wall.push((r - c.received_at.min(r)).num_seconds());
                if let Some(b) = outcome.and_then(|o| o.res_business) {
                    acc.res_business.push(b);
                }
                acc.fcr.add(f.responses <= 1 && !f.reopened);
            }
            if f.ever_resolved {
                acc.reopen.add(f.reopened);
            }
            if !matches!(f.state, ComplaintState::Cancelled | ComplaintState::Merged) {
                acc.escalation
                    .add(cur.escalated_at.is_some_and(|t| t < q.to));
            }
            if let Some(o) = outcome.filter(|_| need_sla) {
                for (a, b) in acc.sla.iter_mut().zip(o.sla) {
                    for (x, y) in a.iter_mut().zip(b) {
                        *x += u64::from(y);
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

/// Complaints received before `backlog_at` and in a working state then, with
/// their wall-clock age in buckets.
fn backlog(st: &State, q: &Q, rows: &mut Vec<super::KpiRow>) {
    let at = q.backlog_at;
    let mut groups: Groups<'_, Backlog> = Groups::new(st, q.by, q.tz);
    for (c, f) in st.complaints.iter().zip(&st.care_facts) {
        if f.received_at >= at {
            continue;
        }
        // Received before `at`, so its opening mark is before it too.
        let state = if f.last_mark < at {
            f.state
        } else {
            facts_before(c, Some(at)).state
        };
        if !state.is_active() {
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
