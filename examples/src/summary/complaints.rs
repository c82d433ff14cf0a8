//! The complaints section of the summary: counts by state, channel, category
//! and priority; each SLA metric's figures at one instant; the at-risk and
//! breached queues; compensation per currency; escalations and closes by `tick`.

use super::{agent_name, customer_name, local};
use chrono::{DateTime, Utc};
use clientcare::{
    Actor, Channel, Complaint, ComplaintState, EventPayload, Metric, MetricState, Money, Priority,
    SlaAlert, TriggerOn, Workspace,
};
use std::collections::BTreeMap;
use std::fmt;

/// How many complaints have a metric in each state at the summary's instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MetricTally {
    /// Fulfilled in time.
    pub met: usize,
    /// Missed (fulfilled late or still unfulfilled).
    pub breached: usize,
    /// Still running, warnings included.
    pub running: usize,
    /// Of the running ones, how many are in the warning zone.
    pub warning: usize,
    /// Paused (waiting on the customer).
    pub paused: usize,
    /// Stopped by a cancellation or a merge.
    pub stopped: usize,
}

impl MetricTally {
    fn add(&mut self, state: MetricState) {
        match state {
            MetricState::Met => self.met += 1,
            MetricState::Breached => self.breached += 1,
            MetricState::Warning => {
                self.running += 1;
                self.warning += 1;
            }
            MetricState::Running => self.running += 1,
            MetricState::Paused => self.paused += 1,
            MetricState::Stopped => self.stopped += 1,
        }
    }

    /// Complaints measured on this metric.
    #[must_use]
    pub fn total(&self) -> usize {
        self.met + self.breached + self.running + self.paused + self.stopped
    }
}

/// One line of an alert queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlertLine {
    /// The deadline (the breach instant once breached), local time.
    pub deadline: String,
    /// The metric.
    pub metric: Metric,
    /// The complaint's subject.
    pub subject: String,
    /// The customer, as the shop addresses them.
    pub customer: String,
    /// Priority.
    pub priority: Priority,
    /// The assignee's name ("(unassigned)" without one).
    pub assignee: String,
}

/// Compensation given in one currency.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CurrencyTotal {
    /// Sum in minor units.
    pub amount_minor: i64,
    /// How many compensations.
    pub count: usize,
    /// Per kind: (count, sum in minor units).
    pub by_kind: BTreeMap<&'static str, (usize, i64)>,
}

/// The complaints section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComplaintsSummary {
    /// The instant of the SLA figures and queues.
    pub at: DateTime<Utc>,
    /// Complaints, all states.
    pub total: usize,
    /// Per state, every state listed.
    pub by_state: Vec<(ComplaintState, usize)>,
    /// Per channel they came in on (channels with complaints).
    pub by_channel: Vec<(Channel, usize)>,
    /// Per category.
    pub by_category: BTreeMap<String, usize>,
    /// Per priority, every priority listed.
    pub by_priority: Vec<(Priority, usize)>,
    /// Resolutions per resolution category (every resolution, reopened ones included).
    pub resolutions: BTreeMap<String, usize>,
    /// Reopens.
    pub reopened: usize,
    /// Cancellations per reason.
    pub cancelled: BTreeMap<&'static str, usize>,
    /// Complaints per SLA policy that applies to them now ("(none)" without one).
    pub by_policy: BTreeMap<String, usize>,
    /// Per metric, how its clocks stand at `at` (every complaint with a policy).
    pub sla: Vec<(Metric, MetricTally)>,
    /// Next-response cycles in all (each customer message after a response
    /// starts one) and how many breached.
    pub next_response_cycles: (u32, u32),
    /// Working complaints with a metric in warning at `at` (entries: one per metric).
    pub at_risk: usize,
    /// The first five, soonest deadline first.
    pub at_risk_top: Vec<AlertLine>,
    /// Working complaints with a metric breached and unfulfilled at `at`.
    pub breached: usize,
    /// The first five, earliest breach first.
    pub breached_top: Vec<AlertLine>,
    /// Compensation per currency.
    pub compensation: BTreeMap<String, CurrencyTotal>,
    /// Escalations fired by `tick`, per (trigger, metric).
    pub tick_escalations: BTreeMap<(TriggerOn, Metric), usize>,
    /// Escalations by hand.
    pub hand_escalations: usize,
    /// Closed by `tick` after the auto-close delay.
    pub auto_closed: usize,
    /// Closed by an agent.
    pub closed_by_hand: usize,
}

impl ComplaintsSummary {
    /// Escalations fired by `tick`.
    #[must_use]
    pub fn escalated_by_tick(&self) -> usize {
        self.tick_escalations.values().sum()
    }

    /// The tally of `metric`.
    #[must_use]
    pub fn tally(&self, metric: Metric) -> MetricTally {
        self.sla
            .iter()
            .find(|(m, _)| *m == metric)
            .map(|(_, t)| *t)
            .unwrap_or_default()
    }
}

fn alert_lines(ws: &Workspace, alerts: &[SlaAlert]) -> Vec<AlertLine> {
    alerts
        .iter()
        .take(5)
        .filter_map(|a| {
            let c = ws.complaint(a.complaint).ok()?;
            Some(AlertLine {
                deadline: a.deadline.map_or_else(|| "-".into(), local),
                metric: a.metric,
                subject: c.subject.clone(),
                customer: customer_name(ws, c.customer),
                priority: a.priority,
                assignee: agent_name(ws, a.assignee).unwrap_or_else(|| "(unassigned)".into()),
            })
        })
        .collect()
}

fn count<K: Ord + Copy>(keys: &[K], items: impl Iterator<Item = K>) -> Vec<(K, usize)> {
    let mut m: BTreeMap<K, usize> = keys.iter().map(|k| (*k, 0)).collect();
    for k in items {
        *m.entry(k).or_insert(0) += 1;
    }
    // Keep the declaration order of `keys`.
    keys.iter().map(|k| (*k, m[k])).collect()
}

/// Summarises the complaints of `ws`, with SLA figures at `at`.
///
/// # Errors
/// `not_found` if a complaint of the workspace cannot be read back (never).
pub fn summarize_complaints(
    ws: &Workspace,
    at: DateTime<Utc>,
) -> Result<ComplaintsSummary, clientcare::Error> {
    let all: Vec<&Complaint> = ws.complaints().collect();
    let mut by_channel: Vec<(Channel, usize)> = count(&Channel::ALL, all.iter().map(|c| c.channel));
    by_channel.retain(|(_, n)| *n > 0);
    let mut by_category = BTreeMap::new();
    let mut resolutions = BTreeMap::new();
    let mut compensation: BTreeMap<String, CurrencyTotal> = BTreeMap::new();
    let mut cancelled = BTreeMap::new();
    let mut sla: BTreeMap<Metric, MetricTally> = BTreeMap::new();
    let mut by_policy = BTreeMap::new();
    let mut cycles = (0, 0);
    for c in &all {
        *by_category
            .entry(c.category.clone().unwrap_or_else(|| "(none)".into()))
            .or_insert(0) += 1;
        for r in &c.resolutions {
            *resolutions.entry(r.category.clone()).or_insert(0) += 1;
            for x in &r.compensation {
                let t = compensation.entry(x.value.currency.clone()).or_default();
                t.amount_minor += x.value.amount_minor;
                t.count += 1;
                let k = t.by_kind.entry(x.kind.as_str()).or_insert((0, 0));
                k.0 += 1;
                k.1 += x.value.amount_minor;
            }
        }
        if let Some(x) = &c.cancelled {
            *cancelled.entry(x.reason.as_str()).or_insert(0) += 1;
        }
        let status = ws.sla_status(c.id, at)?;
        *by_policy
            .entry(status.policy.clone().unwrap_or_else(|| "(none)".into()))
            .or_insert(0) += 1;
        for m in status.metrics {
            sla.entry(m.metric).or_default().add(m.state);
            if m.metric == Metric::NextResponse {
                cycles.0 += m.cycles;
                cycles.1 += m.breached_cycles;
            }
        }
    }
    let mut tick_escalations = BTreeMap::new();
    let mut hand_escalations = 0;
    let (mut auto_closed, mut closed_by_hand) = (0, 0);
    for e in ws.events() {
        match &e.payload {
            EventPayload::ComplaintEscalated {
                trigger: Some(t), ..
            } => *tick_escalations.entry((t.on, t.metric)).or_insert(0) += 1,
            EventPayload::ComplaintEscalated { .. } => hand_escalations += 1,
            EventPayload::ComplaintClosed { automatic: true } => auto_closed += 1,
            EventPayload::ComplaintClosed { .. } if e.actor != Actor::System => {
                closed_by_hand += 1;
            }
            _ => {}
        }
    }
    let at_risk = ws.complaints_at_risk(at);
    let breached = ws.complaints_breached(at);
    Ok(ComplaintsSummary {
        at,
        total: all.len(),
        by_state: count(ComplaintState::ALL, all.iter().map(|c| c.state)),
        by_channel,
        by_category,
        by_priority: count(Priority::ALL, all.iter().map(|c| c.priority)),
        resolutions,
        reopened: all.iter().map(|c| c.reopen_count as usize).sum(),
        cancelled,
        by_policy,
        sla: Metric::ALL
            .iter()
            .map(|m| (*m, sla.get(m).copied().unwrap_or_default()))
            .collect(),
        next_response_cycles: cycles,
        at_risk: at_risk.len(),
        at_risk_top: alert_lines(ws, &at_risk),
        breached: breached.len(),
        breached_top: alert_lines(ws, &breached),
        compensation,
        tick_escalations,
        hand_escalations,
        auto_closed,
        closed_by_hand,
    })
}

/// Minor units shown with the currency's decimals (none for VND) and
/// thousands separators: `4,500,000 VND`, `18.50 EUR`.
#[must_use]
pub fn format_money(m: &Money) -> String {
    let decimals = match m.currency.as_str() {
        "VND" | "JPY" | "KRW" | "CLP" | "ISK" => 0,
        _ => 2,
    };
    let scale = 10i64.pow(decimals);
    let (units, cents) = (m.amount_minor / scale, (m.amount_minor % scale).abs());
    let digits = units.abs().to_string();
    let mut grouped = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    let sign = if m.amount_minor < 0 { "-" } else { "" };
    if decimals == 0 {
        format!("{sign}{grouped} {}", m.currency)
    } else {
        format!(
            "{sign}{grouped}.{cents:0w$} {}",
            m.currency,
            w = decimals as usize
        )
    }
}

fn money(amount_minor: i64, currency: &str) -> String {
    format_money(&Money {
        amount_minor,
        currency: currency.to_owned(),
    })
}

fn join<T>(items: impl IntoIterator<Item = T>, f: impl Fn(T) -> String) -> String {
    items.into_iter().map(f).collect::<Vec<_>>().join(", ")
}

fn alerts(f: &mut fmt::Formatter<'_>, title: &str, n: usize, top: &[AlertLine]) -> fmt::Result {
    writeln!(f, "  {title}: {n}")?;
    for a in top {
        writeln!(
            f,
            "    {}  {:<14} {:?} ({}, {}) [{}]",
            a.deadline,
            a.metric.as_str(),
            a.subject,
            a.customer,
            a.priority.as_str(),
            a.assignee
        )?;
    }
    Ok(())
}

impl fmt::Display for ComplaintsSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "Complaints: {} (SLA figures at {}, Hồ Chí Minh City time)",
            self.total,
            local(self.at)
        )?;
        let pairs = |v: &[(String, usize)]| join(v, |(k, n)| format!("{k} {n}"));
        let states: Vec<(String, usize)> = self
            .by_state
            .iter()
            .map(|(s, n)| (s.as_str().to_owned(), *n))
            .collect();
        writeln!(f, "  by state:    {}", pairs(&states))?;
        writeln!(
            f,
            "  by channel:  {}",
            join(&self.by_channel, |(c, n)| format!("{} {n}", c.as_str()))
        )?;
        writeln!(
            f,
            "  by category: {}",
            join(&self.by_category, |(k, n)| format!("{k} {n}"))
        )?;
        writeln!(
            f,
            "  by priority: {}",
            join(&self.by_priority, |(p, n)| format!("{} {n}", p.as_str()))
        )?;
        writeln!(
            f,
            "  resolved as: {}; reopens: {}",
            join(&self.resolutions, |(k, n)| format!("{k} {n}")),
            self.reopened
        )?;
        let merged = self
            .by_state
            .iter()
            .find(|(s, _)| *s == ComplaintState::Merged)
            .map_or(0, |(_, n)| *n);
        writeln!(
            f,
            "  cancelled: {}; merged into another: {merged}",
            join(&self.cancelled, |(k, n)| format!("{k} {n}"))
        )?;
        writeln!(
            f,
            "  SLA policy applying now: {}",
            join(&self.by_policy, |(k, n)| format!("{k} {n}"))
        )?;
        writeln!(
            f,
            "  SLA per metric (met / breached / still running; paused, stopped):"
        )?;
        for (m, t) in &self.sla {
            write!(
                f,
                "    {:<15} met {}, breached {}, running {} ({} in warning); paused {}, stopped {}",
                m.as_str(),
                t.met,
                t.breached,
                t.running,
                t.warning,
                t.paused,
                t.stopped
            )?;
            if *m == Metric::NextResponse {
                write!(
                    f,
                    " (latest cycle of each; {} cycles, {} breached)",
                    self.next_response_cycles.0, self.next_response_cycles.1
                )?;
            }
            writeln!(f)?;
        }
        alerts(f, "at risk (warning)", self.at_risk, &self.at_risk_top)?;
        alerts(
            f,
            "breached, still unfulfilled",
            self.breached,
            &self.breached_top,
        )?;
        let comp = join(&self.compensation, |(cur, t)| {
            format!(
                "{} in {} ({})",
                money(t.amount_minor, cur),
                t.count,
                join(&t.by_kind, |(k, (n, sum))| format!(
                    "{k} {n}: {}",
                    money(*sum, cur)
                ))
            )
        });
        writeln!(f, "  compensation: {comp}")?;
        let by = |on: TriggerOn| {
            join(
                self.tick_escalations.iter().filter(|((o, _), _)| *o == on),
                |((_, m), n)| format!("{} {n}", m.as_str()),
            )
        };
        writeln!(
            f,
            "  escalations: {} by tick (warning: {}; breach: {}), {} by hand",
            self.escalated_by_tick(),
            by(TriggerOn::Warning),
            by(TriggerOn::Breach),
            self.hand_escalations
        )?;
        writeln!(
            f,
            "  closed: {} by tick after the auto-close delay, {} by an agent",
            self.auto_closed, self.closed_by_hand
        )?;
        Ok(())
    }
}
