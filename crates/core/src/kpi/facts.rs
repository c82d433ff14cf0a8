//! What the care KPIs read about each complaint, kept dense and current so a
//! KPI pass does not walk every complaint's history, plus a lazily filled memo
//! of what stays fixed once a complaint is settled (its SLA outcome and
//! business-time durations).
//!
//! Both are derived data: rebuilt by replay, ignored by equality, never
//! observable except through speed.

use crate::complaint::{Complaint, ComplaintState, Mark};
use crate::sla::escalation::policy_for;
use crate::sla::status::{compute_with, Scratch};
use crate::sla::{Metric, MetricState};
use crate::workspace::State;
use chrono::{DateTime, Utc};
use std::sync::OnceLock;

/// A complaint's care facts as its marks say before an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CareFacts {
    pub received_at: DateTime<Utc>,
    /// The latest mark (state entered, response, customer message).
    pub last_mark: DateTime<Utc>,
    pub first_response: Option<DateTime<Utc>>,
    /// The current resolution, when resolved or closed.
    pub resolved_at: Option<DateTime<Utc>>,
    /// Responses up to the current resolution (all while not resolved).
    pub responses: u32,
    pub ever_resolved: bool,
    /// Entered a working state after a resolution.
    pub reopened: bool,
    pub state: ComplaintState,
    /// The first escalation (not a mark: kept across refreshes).
    pub escalated_at: Option<DateTime<Utc>>,
}

/// The facts of `c` from its marks before `to` (all of them for `None`).
pub(crate) fn facts_before(c: &Complaint, to: Option<DateTime<Utc>>) -> CareFacts {
    let mut f = CareFacts {
        received_at: c.received_at,
        last_mark: c.received_at,
        first_response: None,
        resolved_at: None,
        responses: 0,
        ever_resolved: false,
        reopened: false,
        state: ComplaintState::New,
        escalated_at: None,
    };
    let mut last_resolved = None;
    let mut responses_at_resolution = 0;
    for m in &c.marks {
        if to.is_some_and(|t| m.at() >= t) {
            break;
        }
        f.last_mark = f.last_mark.max(m.at());
        match *m {
            Mark::Response { at } => {
                f.responses += 1;
                f.first_response.get_or_insert(at);
            }
            Mark::State { at, state } => {
                if state == ComplaintState::Resolved {
                    f.ever_resolved = true;
                    last_resolved = Some(at);
                    responses_at_resolution = f.responses;
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
        f.responses = responses_at_resolution;
    }
    f
}

/// What stays fixed once a complaint is settled (resolved, closed,
/// cancelled or merged) and no mark follows: its SLA outcome and
/// business-time durations under the current policies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Settled {
    pub frt_business: Option<i64>,
    pub res_business: Option<i64>,
    /// Per metric (first response, next response, resolution): met, breached, pending.
    pub sla: [[u32; 3]; 3],
}

/// A complaint's durations and SLA outcome at `now` (for a settled one, any
/// instant after its last mark gives the same).
pub(crate) fn settle(
    st: &State,
    c: &Complaint,
    f: &CareFacts,
    now: DateTime<Utc>,
    scratch: &mut Scratch,
) -> Settled {
    let mut out = Settled {
        frt_business: None,
        res_business: None,
        sla: [[0; 3]; 3],
    };
    let Some((pol, cal)) = policy_for(st, c) else {
        return out;
    };
    let business = |t: DateTime<Utc>| cal.between(f.received_at.min(t), t).num_seconds();
    out.frt_business = f.first_response.map(business);
    out.res_business = f.resolved_at.map(business);
    let s = compute_with(c, pol, cal, now, false, scratch);
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
            let decided = m.cycles.saturating_sub(u32::from(pending));
            out.sla[i][0] += decided.saturating_sub(m.breached_cycles);
            out.sla[i][1] += m.breached_cycles;
            out.sla[i][2] += u32::from(pending);
        } else {
            match m.state {
                MetricState::Met => out.sla[i][0] += 1,
                MetricState::Breached => out.sla[i][1] += 1,
                MetricState::Stopped => {}
                _ => out.sla[i][2] += 1,
            }
        }
    }
    out
}

/// Per complaint position, the settled outcome once computed. Cleared when
/// what it depends on changes: the complaint, its customer (tier, tags),
/// calendars or policies.
#[derive(Default, Clone)]
pub(crate) struct Memo(Vec<OnceLock<Settled>>);

impl PartialEq for Memo {
    /// Derived data: never part of a workspace's identity.
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl std::fmt::Debug for Memo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Memo({} slots)", self.0.len())
    }
}

impl Memo {
    pub fn forget(&mut self, pos: usize) {
        if self.0.len() <= pos {
            self.0.resize_with(pos + 1, OnceLock::new);
        }
        self.0[pos] = OnceLock::new();
    }

    pub fn forget_all(&mut self) {
        for slot in &mut self.0 {
            slot.take();
        }
    }

    pub fn get(&self, pos: usize, init: impl FnOnce() -> Settled) -> Settled {
        match self.0.get(pos) {
            Some(slot) => *slot.get_or_init(init),
            None => init(),
        }
    }
}

impl State {
    /// Recomputes complaint `pos`'s facts after one of its events and forgets
    /// its settled outcome.
    pub(crate) fn refresh_care_facts(&mut self, pos: usize, escalated_at: Option<DateTime<Utc>>) {
        let Some(c) = self.complaints.get(pos) else {
            return;
        };
        let mut f = facts_before(c, None);
        if self.care_facts.len() <= pos {
            self.care_facts.resize(pos + 1, f);
        }
        f.escalated_at = self.care_facts[pos].escalated_at.or(escalated_at);
        self.care_facts[pos] = f;
        self.care_memo.forget(pos);
    }

    /// Forgets the settled outcomes of a customer's complaints (its tier or
    /// tags may choose another policy).
    pub(crate) fn forget_customer_outcomes(&mut self, customer: crate::id::CustomerId) {
        if let Some(list) = self.complaints_by_customer.get(&customer) {
            for &p in list {
                self.care_memo.forget(p as usize);
            }
        }
    }
}
