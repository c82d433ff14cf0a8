//! SLA status of a complaint at an instant, computed from its history.
//!
//! Nothing here is stored: the status is a pure function of the complaint's
//! marks (state changes, customer messages, counted responses), the policy
//! that applies to it now and the policy's calendar. A policy change or a
//! late-arriving message therefore recomputes everything, and the same
//! history always gives the same answer.

use super::calendar::Calendar;
use super::policy::{Metric, ResolutionMode, SlaPolicy};
use crate::complaint::{str_enum, Complaint, ComplaintState, Mark};
use crate::id::ComplaintId;
use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

str_enum! {
    /// Where a metric stands.
    MetricState {
        /// The clock runs and the target is ahead.
        Running => "running",
        /// The clock is paused (a pause state, e.g. waiting on the customer).
        Paused => "paused",
        /// The clock runs and no more than the warn-before threshold remains.
        Warning => "warning",
        /// Fulfilled within the target.
        Met => "met",
        /// The target was missed (fulfilled late or not yet fulfilled).
        Breached => "breached",
        /// No longer measured: the complaint was cancelled or merged first.
        Stopped => "stopped",
    }
}

str_enum! {
    /// What an explained interval was.
    IntervalKind {
        /// Working time that counted towards the metric.
        Counted => "counted",
        /// Time in a pause state (not counted).
        Paused => "paused",
    }
}

/// One interval of an explanation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SlaInterval {
    /// Start.
    pub from: DateTime<Utc>,
    /// End (exclusive).
    pub to: DateTime<Utc>,
    /// Counted or paused.
    pub kind: IntervalKind,
    /// The complaint's state then.
    pub state: ComplaintState,
}

/// One metric of a complaint's SLA status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MetricStatus {
    /// The metric.
    pub metric: Metric,
    /// Its target in business minutes.
    pub target_minutes: u32,
    /// Where it stands.
    pub state: MetricState,
    /// When its clock started (for next response: the first unanswered customer message).
    pub started_at: DateTime<Utc>,
    /// When the target falls due: the breach instant once breached; while
    /// running, `now` plus the remaining business time; absent while paused.
    pub deadline: Option<DateTime<Utc>>,
    /// Business seconds counted.
    pub elapsed_seconds: i64,
    /// Business seconds left before the target (0 once breached).
    pub remaining_seconds: i64,
    /// When it entered the warning zone.
    pub warning_at: Option<DateTime<Utc>>,
    /// When it breached.
    pub breached_at: Option<DateTime<Utc>>,
    /// When it was fulfilled (response, resolution).
    pub completed_at: Option<DateTime<Utc>>,
    /// Next response: which cycle this is (1-based); 0 for the other metrics.
    pub cycle: u32,
    /// Next response: how many cycles there were.
    pub cycles: u32,
    /// Next response: how many cycles breached.
    pub breached_cycles: u32,
    /// The intervals that counted and the ones paused (only when explained).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub intervals: Vec<SlaInterval>,
}

/// The SLA status of one complaint at an instant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SlaStatus {
    /// The complaint.
    pub complaint: ComplaintId,
    /// The instant it was computed for.
    pub at: DateTime<Utc>,
    /// The policy that applies (none: no metrics).
    pub policy: Option<String>,
    /// The policy's calendar.
    pub calendar: Option<String>,
    /// One entry per metric the policy targets (next response only once a
    /// customer message has started a cycle).
    pub metrics: Vec<MetricStatus>,
}

impl SlaStatus {
    /// The metric's entry, if measured.
    #[must_use]
    pub fn metric(&self, m: Metric) -> Option<&MetricStatus> {
        self.metrics.iter().find(|x| x.metric == m)
    }
}

/// A state period of the complaint: [from, to) in `state`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Period {
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    state: ComplaintState,
}

fn periods(c: &Complaint, now: DateTime<Utc>, out: &mut Vec<Period>) {
    out.clear();
    let mut cur: Option<(DateTime<Utc>, ComplaintState)> = None;
    for m in &c.marks {
        if let Mark::State { at, state } = *m {
            if at > now {
                break;
            }
            if let Some((from, s)) = cur {
                if at > from {
                    out.push(Period {
                        from,
                        to: at,
                        state: s,
                    });
                }
            }
            cur = Some((at, state));
        }
    }
    if let Some((from, s)) = cur {
        if now > from {
            out.push(Period {
                from,
                to: now,
                state: s,
            });
        }
    }
}

/// What one clock measured between `start` and `end`.
struct Measure {
    elapsed: TimeDelta,
    warning_at: Option<DateTime<Utc>>,
    breached_at: Option<DateTime<Utc>>,
    intervals: Vec<SlaInterval>,
}

struct Clock<'a> {
    cal: &'a Calendar,
    policy: &'a SlaPolicy,
    periods: &'a [Period],
    /// Business time of each whole period (zero where the clock does not
    /// run), computed once and shared by the metrics.
    whole: &'a [TimeDelta],
    /// The complaint's state at `now`, a change made at that very instant
    /// included (the periods end at `now`, so they cannot say).
    state_now: ComplaintState,
    explain: bool,
}

impl Clock<'_> {
    fn runs(&self, s: ComplaintState) -> bool {
        s.is_active() && !self.policy.pauses_in(s)
    }

    fn measure(
        &self,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        target: TimeDelta,
        warn: Option<TimeDelta>,
    ) -> Measure {
        let mut m = Measure {
            elapsed: TimeDelta::zero(),
            warning_at: None,
            breached_at: None,
            intervals: Vec::new(),
        };
        let warn_mark = warn.map(|w| target - w);
        for (i, p) in self.periods.iter().enumerate() {
            let a = p.from.max(start);
            let b = p.to.min(end);
            if b <= a {
                if p.from >= end {
                    break;
                }
                continue;
            }
            if !self.runs(p.state) {
                if self.explain && p.state.is_active() {
                    m.intervals.push(SlaInterval {
                        from: a,
                        to: b,
                        kind: IntervalKind::Paused,
                        state: p.state,
                    });
                }
                continue;
            }
            let d = match self.whole.get(i) {
                Some(&w) if a == p.from && b == p.to => w,
                _ => self.cal.between(a, b),
            };
            if let Some(w) = warn_mark {
                if m.warning_at.is_none() && m.elapsed + d >= w {
                    m.warning_at = self.cal.add(a, w - m.elapsed);
                }
            }
            if m.breached_at.is_none() && m.elapsed + d >= target {
                m.breached_at = self.cal.add(a, target - m.elapsed);
            }
            m.elapsed += d;
            if self.explain {
                m.intervals
                    .extend(
                        self.cal
                            .open_intervals(a, b)
                            .into_iter()
                            .map(|(f, t)| SlaInterval {
                                from: f,
                                to: t,
                                kind: IntervalKind::Counted,
                                state: p.state,
                            }),
                    );
            }
        }
        m
    }

    /// The status of a clock that started at `start` and was fulfilled at
    /// `done` (or stopped, or still going at `now`).
    #[allow(clippy::too_many_arguments)]
    fn status(
        &self,
        metric: Metric,
        target_minutes: u32,
        start: DateTime<Utc>,
        done: Option<DateTime<Utc>>,
        stopped: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> MetricStatus {
        let target = TimeDelta::minutes(i64::from(target_minutes));
        let warn = self
            .policy
            .warn_before_minutes
            .map(|w| TimeDelta::minutes(i64::from(w)))
            .filter(|w| *w < target);
        let end = done.or(stopped).unwrap_or(now).min(now).max(start);
        let m = self.measure(start, end, target, warn);
        let remaining = (target - m.elapsed).max(TimeDelta::zero());
        // Breached when the target was reached before the end: a response
        // exactly at the deadline is in time.
        let breached_at = m.breached_at.filter(|b| *b < end);
        let state = if breached_at.is_some() {
            MetricState::Breached
        } else if done.is_some_and(|d| d <= now) {
            MetricState::Met
        } else if stopped.is_some_and(|s| s <= now) {
            MetricState::Stopped
        } else if !self.runs(self.state_now) {
            MetricState::Paused
        } else if m.warning_at.is_some_and(|w| w <= now) {
            MetricState::Warning
        } else {
            MetricState::Running
        };
        let deadline = match state {
            MetricState::Breached => breached_at,
            MetricState::Paused => None,
            _ => self.cal.add(end, remaining),
        };
        MetricStatus {
            metric,
            target_minutes,
            state,
            started_at: start,
            deadline,
            elapsed_seconds: m.elapsed.num_seconds(),
            remaining_seconds: remaining.num_seconds(),
            warning_at: m.warning_at.filter(|w| *w <= end),
            breached_at,
            completed_at: done.filter(|d| *d <= now),
            cycle: 0,
            cycles: 0,
            breached_cycles: 0,
            intervals: m.intervals,
        }
    }
}

/// The instant the complaint left the working states for good by
/// cancellation or merge, if it did before `now`.
fn stopped_at(c: &Complaint, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    c.marks.iter().find_map(|m| match *m {
        Mark::State { at, state }
            if at <= now && matches!(state, ComplaintState::Cancelled | ComplaintState::Merged) =>
        {
            Some(at)
        }
        _ => None,
    })
}

/// A next-response cycle: started by a customer message, ended by a response
/// (or a resolution).
#[derive(Debug)]
pub(crate) struct Cycle {
    start: DateTime<Utc>,
    done: Option<DateTime<Utc>>,
}

fn cycles(c: &Complaint, now: DateTime<Utc>, out: &mut Vec<Cycle>) {
    out.clear();
    let mut answered = false;
    let mut state = ComplaintState::New;
    let mut open: Option<DateTime<Utc>> = None;
    for m in &c.marks {
        if m.at() > now {
            break;
        }
        match *m {
            Mark::State { state: s, at } => {
                state = s;
                if s == ComplaintState::Resolved {
                    answered = true;
                    if let Some(start) = open.take() {
                        out.push(Cycle {
                            start,
                            done: Some(at),
                        });
                    }
                }
            }
            Mark::CustomerMessage { at } => {
                if answered && open.is_none() && state.is_active() {
                    open = Some(at);
                }
            }
            Mark::Response { at } => {
                answered = true;
                if let Some(start) = open.take() {
                    out.push(Cycle {
                        start,
                        done: Some(at),
                    });
                }
            }
        }
    }
    if let Some(start) = open {
        out.push(Cycle { start, done: None });
    }
}

/// Buffers reused across many statuses (a bulk query allocates them once).
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    periods: Vec<Period>,
    whole: Vec<TimeDelta>,
    cycles: Vec<Cycle>,
}

/// Computes the status of `c` under `policy` (on `cal`) at `now`.
pub(crate) fn compute(
    c: &Complaint,
    policy: &SlaPolicy,
    cal: &Calendar,
    now: DateTime<Utc>,
    explain: bool,
) -> SlaStatus {
    compute_with(c, policy, cal, now, explain, &mut Scratch::default())
}

/// [`compute`] with reusable buffers.
pub(crate) fn compute_with(
    c: &Complaint,
    policy: &SlaPolicy,
    cal: &Calendar,
    now: DateTime<Utc>,
    explain: bool,
    scratch: &mut Scratch,
) -> SlaStatus {
    periods(c, now, &mut scratch.periods);
    let ps = &scratch.periods;
    scratch.whole.clear();
    scratch.whole.extend(ps.iter().map(|p| {
        if p.state.is_active() && !policy.pauses_in(p.state) {
            cal.between(p.from, p.to)
        } else {
            TimeDelta::zero()
        }
    }));
    let state_now = c
        .marks
        .iter()
        .take_while(|m| !matches!(m, Mark::State { at, .. } if *at > now))
        .filter_map(|m| match *m {
            Mark::State { state, .. } => Some(state),
            _ => None,
        })
        .last()
        .unwrap_or(ComplaintState::New);
    let clock = Clock {
        cal,
        policy,
        periods: ps,
        whole: &scratch.whole,
        state_now,
        explain,
    };
    let stopped = stopped_at(c, now);
    let first_resolved = c.marks.iter().find_map(|m| match *m {
        Mark::State {
            at,
            state: ComplaintState::Resolved,
        } => Some(at),
        _ => None,
    });
    let mut metrics = Vec::with_capacity(3);
    if let Some(t) = policy.targets.first_response_minutes {
        let responded = c.marks.iter().find_map(|m| match *m {
            Mark::Response { at } => Some(at),
            _ => None,
        });
        let done = match (responded, first_resolved) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        metrics.push(clock.status(Metric::FirstResponse, t, c.received_at, done, stopped, now));
    }
    if let Some(t) = policy.targets.next_response_minutes {
        cycles(c, now, &mut scratch.cycles);
        let cs = &scratch.cycles;
        let n = u32::try_from(cs.len()).unwrap_or(u32::MAX);
        let mut breached = 0u32;
        let mut last = None;
        for (i, cy) in cs.iter().enumerate() {
            let is_last = i + 1 == cs.len();
            let cl = Clock {
                explain: explain && is_last,
                ..clock
            };
            let mut st = cl.status(Metric::NextResponse, t, cy.start, cy.done, stopped, now);
            if st.state == MetricState::Breached {
                breached += 1;
            }
            if is_last {
                st.cycle = n;
                st.cycles = n;
                last = Some(st);
            }
        }
        if let Some(mut st) = last {
            st.breached_cycles = breached;
            metrics.push(st);
        }
    }
    if let Some(t) = policy.targets.resolution_minutes {
        let done = match policy.resolution_mode {
            ResolutionMode::First => first_resolved,
            ResolutionMode::Total => match state_now {
                ComplaintState::Resolved | ComplaintState::Closed => {
                    c.marks.iter().rev().find_map(|m| match *m {
                        Mark::State {
                            at,
                            state: ComplaintState::Resolved,
                        } if at <= now => Some(at),
                        _ => None,
                    })
                }
                _ => None,
            },
        };
        metrics.push(clock.status(Metric::Resolution, t, c.received_at, done, stopped, now));
    }
    SlaStatus {
        complaint: c.id,
        at: now,
        policy: Some(policy.key.clone()),
        calendar: Some(policy.calendar.clone()),
        metrics,
    }
}
