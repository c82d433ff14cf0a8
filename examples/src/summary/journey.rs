//! The sales and after-sales section of the summary: each pipeline's board
//! and the weighted forecast; won and lost deals with the reasons; rotting
//! deals; purchases by channel and category; the lifecycle and tier changes
//! purchases (and `tick`) made; referrals; playbook runs step by step; the
//! follow-ups; and the agendas of the two busiest agents. Printed by
//! `print`; `describe` gives the customer card's lines for journey events.

use super::{agent_name, customer_name, local};
use chrono::{DateTime, Duration, Utc};
use clientcare::journey::StepStatus;
use clientcare::{
    Actor, Channel, EntityRef, EventPayload, FollowUp, FollowUpStatus, Money, Opportunity,
    ReferralStatus, StageKind, Workspace,
};
use std::collections::BTreeMap;

mod describe;
mod print;
pub use describe::describe;

/// Sums per currency (minor units), never mixed.
pub type PerCurrency = BTreeMap<String, i64>;

/// One stage of a pipeline board.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageLine {
    /// Stage key.
    pub stage: String,
    /// Open, won or lost.
    pub kind: StageKind,
    /// Win probability, percent.
    pub probability: u8,
    /// Deals in it.
    pub count: usize,
    /// Their value.
    pub value: Vec<Money>,
    /// Their value times the probability.
    pub weighted: Vec<Money>,
}

/// A pipeline's board at the end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoardSummary {
    /// Pipeline key.
    pub pipeline: String,
    /// Display name.
    pub name: String,
    /// Stages in order.
    pub stages: Vec<StageLine>,
    /// Weighted forecast of its open deals.
    pub forecast: Vec<Money>,
}

/// A rotting deal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RotLine {
    /// Title.
    pub title: String,
    /// The customer, as the shop addresses them.
    pub customer: String,
    /// `pipeline/stage`.
    pub stage: String,
    /// Whole days since its last activity.
    pub idle_days: i64,
    /// The owner's name.
    pub owner: String,
}

/// Tallies of one playbook step over all runs.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StepTally {
    /// `kind on channel/purpose`.
    pub step: String,
    /// Still to do.
    pub scheduled: usize,
    /// Done.
    pub done: usize,
    /// Cancelled (by an agent, or when a run ended).
    pub cancelled: usize,
    /// Skipped when the run started (no consent).
    pub skipped: usize,
}

/// A playbook's runs.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PlaybookSummary {
    /// Key.
    pub key: String,
    /// Runs started.
    pub runs: usize,
    /// Runs per status (active, completed, cancelled, stopped).
    pub by_status: BTreeMap<&'static str, usize>,
    /// Per step, in order.
    pub steps: Vec<StepTally>,
    /// Why steps were skipped, counted.
    pub skipped: BTreeMap<String, usize>,
}

/// An agent's agenda at the end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgendaSummary {
    /// Name.
    pub agent: String,
    /// Team.
    pub team: String,
    /// Overdue follow-ups.
    pub overdue: usize,
    /// Due within the window.
    pub upcoming: usize,
    /// The five oldest overdue ones.
    pub overdue_top: Vec<String>,
    /// The five soonest upcoming ones.
    pub upcoming_top: Vec<String>,
}

/// The sales and after-sales section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JourneySummary {
    /// The instant of the boards, rotting deals and agendas.
    pub at: DateTime<Utc>,
    /// One board per pipeline with deals.
    pub boards: Vec<BoardSummary>,
    /// The weighted forecast over all pipelines.
    pub forecast: PerCurrency,
    /// Deals: open, won, lost.
    pub open: usize,
    /// Won deals.
    pub won: usize,
    /// Lost deals.
    pub lost: usize,
    /// Lost deals per reason.
    pub lost_reasons: BTreeMap<String, usize>,
    /// Reopens (a won or lost deal moved back to an open stage).
    pub reopens: usize,
    /// Reopened deals per current status.
    pub reopened_now: BTreeMap<&'static str, usize>,
    /// Deals per source channel.
    pub by_source: BTreeMap<&'static str, usize>,
    /// Deals with a campaign.
    pub with_campaign: usize,
    /// Open deals idle longer than their stage allows.
    pub rotting: usize,
    /// The five idle longest.
    pub rotting_top: Vec<RotLine>,
    /// Purchases made in the period (the log's time span).
    pub purchases: usize,
    /// Of which won deals.
    pub from_deals: usize,
    /// Their revenue.
    pub revenue: PerCurrency,
    /// Per channel: count and revenue.
    pub by_channel: Vec<(Channel, usize, PerCurrency)>,
    /// Per item category: units and revenue.
    pub by_category: BTreeMap<String, (u32, PerCurrency)>,
    /// Purchases dated before the period (carried over from the old till): count, amount.
    pub carried_over: (usize, PerCurrency),
    /// Lifecycle changes made by purchases in the period, per `from -> to`.
    pub lifecycle_by_purchase: BTreeMap<String, usize>,
    /// Tier changes made by purchases in the period, per `from -> to`.
    pub tier_by_purchase: BTreeMap<String, usize>,
    /// Tier changes made by carried-over purchases.
    pub tier_carried_over: usize,
    /// Tier changes made by `tick` (purchases leaving the window), per `from -> to`.
    pub tier_by_tick: BTreeMap<String, usize>,
    /// Referrals per status: pending, qualified, rewarded.
    pub referrals: [usize; 3],
    /// Rewards given.
    pub rewards: PerCurrency,
    /// Playbooks, in definition order.
    pub playbooks: Vec<PlaybookSummary>,
    /// Follow-ups by origin: playbooks, tier plans, agents.
    pub follow_ups_by_origin: [usize; 3],
    /// Follow-ups done, cancelled, still open (all origins).
    pub follow_ups_status: [usize; 3],
    /// Snoozes.
    pub snoozes: usize,
    /// Open follow-ups overdue at `at`.
    pub overdue: usize,
    /// The agendas of the two agents with the most due.
    pub agendas: Vec<AgendaSummary>,
}

impl JourneySummary {
    /// Steps of every playbook in `status` (`scheduled`, `done`, `cancelled`, `skipped`).
    #[must_use]
    pub fn steps(&self, status: &str) -> usize {
        self.playbooks
            .iter()
            .flat_map(|p| &p.steps)
            .map(|s| match status {
                "scheduled" => s.scheduled,
                "done" => s.done,
                "cancelled" => s.cancelled,
                _ => s.skipped,
            })
            .sum()
    }
}

fn add(sums: &mut PerCurrency, m: &Money) {
    *sums.entry(m.currency.clone()).or_insert(0) += m.amount_minor;
}

fn change(from: Option<&str>, to: Option<&str>) -> String {
    format!("{} -> {}", from.unwrap_or("(none)"), to.unwrap_or("(none)"))
}

/// One agenda line: local due time (or date, for a whole-day task), kind,
/// subject, customer.
fn agenda_line(ws: &Workspace, f: &FollowUp) -> String {
    let when = if f.all_day {
        format!("{} (all day)", &local(f.due_at)[..10])
    } else {
        local(f.due_at)
    };
    let who = f
        .customer
        .map(|c| format!(" ({})", customer_name(ws, c)))
        .unwrap_or_default();
    format!("{when}  {:<7} {:?}{who}", f.kind.as_str(), f.subject)
}

fn agendas(ws: &Workspace, at: DateTime<Utc>) -> clientcare::Result<Vec<AgendaSummary>> {
    let mut all = Vec::new();
    for a in ws.agents() {
        let ag = ws.agenda(a.id, at, Duration::days(3), 10_000)?;
        if ag.overdue.is_empty() && ag.upcoming.is_empty() {
            continue;
        }
        all.push(AgendaSummary {
            agent: a.name.clone(),
            team: a.team.clone().unwrap_or_default(),
            overdue: ag.overdue.len(),
            upcoming: ag.upcoming.len(),
            overdue_top: ag
                .overdue
                .iter()
                .take(5)
                .map(|f| agenda_line(ws, f))
                .collect(),
            upcoming_top: ag
                .upcoming
                .iter()
                .take(5)
                .map(|f| agenda_line(ws, f))
                .collect(),
        });
    }
    all.sort_by(|a, b| {
        (b.overdue + b.upcoming)
            .cmp(&(a.overdue + a.upcoming))
            .then(a.agent.cmp(&b.agent))
    });
    all.truncate(2);
    Ok(all)
}

/// What a purchase, a tick or an agent changed, read from the log: the
/// lifecycle and tier events that follow a purchase of the same customer at
/// the same instant are its effects.
struct Changes {
    lifecycle: BTreeMap<String, usize>,
    tier: BTreeMap<String, usize>,
    tier_carried: usize,
    tier_tick: BTreeMap<String, usize>,
    snoozes: usize,
}

fn changes(ws: &Workspace, period_start: DateTime<Utc>) -> Changes {
    let mut out = Changes {
        lifecycle: BTreeMap::new(),
        tier: BTreeMap::new(),
        tier_carried: 0,
        tier_tick: BTreeMap::new(),
        snoozes: 0,
    };
    // The latest purchase: (customer, instant, carried over).
    let mut last = None;
    for e in ws.events() {
        let customer = match e.entity {
            EntityRef::Customer(c) => Some(c),
            _ => None,
        };
        let by_purchase = last.filter(|(c, at, _)| Some(*c) == customer && *at == e.at);
        match &e.payload {
            EventPayload::PurchaseRecorded(p) => {
                last = Some((p.customer, e.at, p.occurred_at < period_start));
            }
            EventPayload::LifecycleChanged { from, to, .. } => {
                if let Some((_, _, false)) = by_purchase {
                    let k = format!("{} -> {}", from.as_str(), to.as_str());
                    *out.lifecycle.entry(k).or_insert(0) += 1;
                }
            }
            EventPayload::TierChanged { from, to } => {
                let k = change(from.as_deref(), to.as_deref());
                match by_purchase {
                    Some((_, _, true)) => out.tier_carried += 1,
                    Some(_) => *out.tier.entry(k).or_insert(0) += 1,
                    None if e.actor == Actor::System => *out.tier_tick.entry(k).or_insert(0) += 1,
                    None => {}
                }
            }
            EventPayload::FollowUpSnoozed { .. } => out.snoozes += 1,
            _ => {}
        }
    }
    out
}

/// Summarises the sales journey of `ws` at `at`.
///
/// # Errors
/// `not_found` if a record of the workspace cannot be read back (never).
pub fn summarize_journey(ws: &Workspace, at: DateTime<Utc>) -> clientcare::Result<JourneySummary> {
    let period_start = ws.events().first().map_or(at, |e| e.at);
    let mut deals: Vec<&Opportunity> = Vec::new();
    let mut purchases = Vec::new();
    let mut follow_ups: Vec<&FollowUp> = Vec::new();
    let mut referrals = [0; 3];
    let mut rewards = PerCurrency::new();
    let mut playbooks: Vec<PlaybookSummary> = ws
        .playbooks()
        .iter()
        .map(|p| PlaybookSummary {
            key: p.key.clone(),
            steps: p
                .steps
                .iter()
                .map(|s| StepTally {
                    step: format!(
                        "{} on {}/{}",
                        s.kind.as_str(),
                        s.channel.as_str(),
                        s.purpose.as_str()
                    ),
                    ..StepTally::default()
                })
                .collect(),
            ..PlaybookSummary::default()
        })
        .collect();
    // Not those merged away: their ids resolve to the survivor, whose
    // records are counted with it.
    for c in ws.customers().filter(|c| c.merged_into.is_none()) {
        deals.extend(ws.opportunities_of(c.id)?);
        purchases.extend(ws.purchases_of(c.id)?);
        follow_ups.extend(ws.follow_ups_of(c.id)?);
        for r in ws.referrals_by(c.id)? {
            let i = match r.status {
                ReferralStatus::Pending => 0,
                ReferralStatus::Qualified => 1,
                ReferralStatus::Rewarded => 2,
            };
            referrals[i] += 1;
            if let Some(x) = &r.reward {
                add(&mut rewards, &x.value);
            }
        }
        for run in ws.playbook_runs_of(c.id)? {
            let progress = ws.playbook_progress(run.id)?;
            let Some(p) = playbooks.iter_mut().find(|p| p.key == run.playbook) else {
                continue;
            };
            p.runs += 1;
            *p.by_status.entry(progress.status.as_str()).or_insert(0) += 1;
            for s in &progress.steps {
                let Some(t) = p.steps.get_mut(s.index as usize) else {
                    continue;
                };
                match s.status {
                    StepStatus::Scheduled => t.scheduled += 1,
                    StepStatus::Done => t.done += 1,
                    StepStatus::Cancelled => t.cancelled += 1,
                    StepStatus::Skipped => {
                        t.skipped += 1;
                        let why = s.note.clone().unwrap_or_else(|| "(no reason)".into());
                        *p.skipped.entry(why).or_insert(0) += 1;
                    }
                }
            }
        }
    }

    let mut boards = Vec::new();
    let mut forecast = PerCurrency::new();
    let mut keys: Vec<&str> = deals.iter().map(|o| o.pipeline.as_str()).collect();
    keys.sort_unstable();
    keys.dedup();
    for key in keys {
        let board = ws.pipeline_board(key)?;
        let p = ws.pipeline(key)?;
        for m in &board.forecast {
            add(&mut forecast, m);
        }
        boards.push(BoardSummary {
            pipeline: board.pipeline.clone(),
            name: p.name.clone().unwrap_or_else(|| key.to_owned()),
            stages: board
                .columns
                .iter()
                .map(|c| StageLine {
                    stage: c.stage.clone(),
                    kind: c.kind,
                    probability: c.probability,
                    count: c.count,
                    value: c.value.clone(),
                    weighted: c.weighted.clone(),
                })
                .collect(),
            forecast: board.forecast,
        });
    }
    let count = |k: StageKind| deals.iter().filter(|o| o.status == k).count();
    let mut lost_reasons = BTreeMap::new();
    let mut reopened_now = BTreeMap::new();
    let mut by_source = BTreeMap::new();
    for o in &deals {
        if let Some(r) = &o.lost_reason {
            *lost_reasons.entry(r.clone()).or_insert(0) += 1;
        }
        if o.reopen_count > 0 {
            *reopened_now.entry(o.status.as_str()).or_insert(0) += 1;
        }
        let source = if o.source.referred_by.is_some() {
            "referral"
        } else {
            o.source.channel.map_or("(none)", Channel::as_str)
        };
        *by_source.entry(source).or_insert(0) += 1;
    }
    let rotting = ws.rotting_opportunities(at);
    let rotting_top = rotting
        .iter()
        .take(5)
        .map(|o| RotLine {
            title: o.title.clone(),
            customer: customer_name(ws, o.customer),
            stage: format!("{}/{}", o.pipeline, o.stage),
            idle_days: (at - o.last_activity_at).num_days(),
            owner: agent_name(ws, o.owner).unwrap_or_else(|| "(none)".into()),
        })
        .collect();

    let mut revenue = PerCurrency::new();
    let mut by_channel: BTreeMap<Channel, (usize, PerCurrency)> = BTreeMap::new();
    let mut by_category: BTreeMap<String, (u32, PerCurrency)> = BTreeMap::new();
    let mut carried_over = (0, PerCurrency::new());
    let mut in_period = 0;
    let mut from_deals = 0;
    for p in &purchases {
        if p.occurred_at < period_start {
            carried_over.0 += 1;
            add(&mut carried_over.1, &p.amount);
            continue;
        }
        in_period += 1;
        from_deals += usize::from(p.opportunity.is_some());
        add(&mut revenue, &p.amount);
        let ch = by_channel.entry(p.channel).or_default();
        ch.0 += 1;
        add(&mut ch.1, &p.amount);
        for i in &p.items {
            let k = i.category.clone().unwrap_or_else(|| "(none)".into());
            let cat = by_category.entry(k).or_default();
            cat.0 += i.quantity;
            add(
                &mut cat.1,
                &Money {
                    amount_minor: i.unit_price.amount_minor * i64::from(i.quantity),
                    currency: i.unit_price.currency.clone(),
                },
            );
        }
    }

    let mut origin = [0; 3];
    let mut status = [0; 3];
    for f in &follow_ups {
        let i = if f.links.playbook_run.is_some() {
            0
        } else if f.links.tier.is_some() {
            1
        } else {
            2
        };
        origin[i] += 1;
        status[match f.status {
            FollowUpStatus::Done => 0,
            FollowUpStatus::Cancelled => 1,
            FollowUpStatus::Open => 2,
        }] += 1;
    }
    let overdue = follow_ups
        .iter()
        .filter(|f| f.status == FollowUpStatus::Open && f.due_end <= at)
        .count();
    let ch = changes(ws, period_start);
    Ok(JourneySummary {
        at,
        boards,
        forecast,
        open: count(StageKind::Open),
        won: count(StageKind::Won),
        lost: count(StageKind::Lost),
        lost_reasons,
        reopens: deals.iter().map(|o| o.reopen_count as usize).sum(),
        reopened_now,
        by_source,
        with_campaign: deals.iter().filter(|o| o.source.campaign.is_some()).count(),
        rotting: rotting.len(),
        rotting_top,
        purchases: in_period,
        from_deals,
        revenue,
        by_channel: by_channel
            .into_iter()
            .map(|(c, (n, s))| (c, n, s))
            .collect(),
        by_category,
        carried_over,
        lifecycle_by_purchase: ch.lifecycle,
        tier_by_purchase: ch.tier,
        tier_carried_over: ch.tier_carried,
        tier_by_tick: ch.tier_tick,
        referrals,
        rewards,
        playbooks,
        follow_ups_by_origin: origin,
        follow_ups_status: status,
        snoozes: ch.snoozes,
        overdue,
        agendas: agendas(ws, at)?,
    })
}
