//! The printed form of the sales and after-sales section.

use super::{JourneySummary, PerCurrency};
use crate::summary::complaints::format_money;
use crate::summary::local;
use clientcare::Money;
use std::collections::BTreeMap;
use std::fmt;

fn money(amount_minor: i64, currency: &str) -> String {
    format_money(&Money {
        amount_minor,
        currency: currency.to_owned(),
    })
}

fn sums(s: &PerCurrency) -> String {
    if s.is_empty() {
        return "0".into();
    }
    s.iter()
        .map(|(c, a)| money(*a, c))
        .collect::<Vec<_>>()
        .join(" + ")
}

fn list(v: &[Money]) -> String {
    let s: PerCurrency = v
        .iter()
        .map(|m| (m.currency.clone(), m.amount_minor))
        .collect();
    sums(&s)
}

fn pairs<K: fmt::Display>(m: &BTreeMap<K, usize>) -> String {
    if m.is_empty() {
        return "none".into();
    }
    m.iter()
        .map(|(k, n)| format!("{k} {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl fmt::Display for JourneySummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "Sales and after-sales (boards, rotting deals and agendas at {}, Hồ Chí Minh City time)",
            local(self.at)
        )?;
        for b in &self.boards {
            writeln!(
                f,
                "  pipeline {} ({}): weighted forecast {}",
                b.pipeline,
                b.name,
                list(&b.forecast)
            )?;
            for s in &b.stages {
                writeln!(
                    f,
                    "    {:<16} {:>3} % {:>4}  {:>18}  weighted {}",
                    s.stage,
                    s.probability,
                    s.count,
                    list(&s.value),
                    list(&s.weighted)
                )?;
            }
        }
        writeln!(
            f,
            "  weighted forecast, all pipelines: {}",
            sums(&self.forecast)
        )?;
        writeln!(
            f,
            "  deals: {} open, {} won, {} lost ({}); reopens: {} (now {})",
            self.open,
            self.won,
            self.lost,
            pairs(&self.lost_reasons),
            self.reopens,
            pairs(&self.reopened_now)
        )?;
        writeln!(
            f,
            "  deals by source: {}; with a campaign: {}",
            pairs(&self.by_source),
            self.with_campaign
        )?;
        writeln!(
            f,
            "  rotting (idle past their stage's limit): {}",
            self.rotting
        )?;
        for r in &self.rotting_top {
            writeln!(
                f,
                "    {:>2} days idle  {:<14} {:?} ({}) [{}]",
                r.idle_days, r.stage, r.title, r.customer, r.owner
            )?;
        }
        writeln!(
            f,
            "  purchases in the period: {} ({} from won deals), {}",
            self.purchases,
            self.from_deals,
            sums(&self.revenue)
        )?;
        for (c, n, s) in &self.by_channel {
            writeln!(f, "    {:<10} {n:>4}  {}", c.as_str(), sums(s))?;
        }
        writeln!(f, "    by category (units, revenue):")?;
        for (k, (units, s)) in &self.by_category {
            writeln!(f, "      {k:<12} {units:>4}  {}", sums(s))?;
        }
        writeln!(
            f,
            "  carried over from the old till: {} purchases, {}",
            self.carried_over.0,
            sums(&self.carried_over.1)
        )?;
        writeln!(
            f,
            "  lifecycle changes by purchases: {}",
            pairs(&self.lifecycle_by_purchase)
        )?;
        writeln!(
            f,
            "  tier changes by purchases: {} (and {} from the carried-over history)",
            pairs(&self.tier_by_purchase),
            self.tier_carried_over
        )?;
        writeln!(
            f,
            "  tier changes by tick (purchases leaving the 365-day window): {}",
            pairs(&self.tier_by_tick)
        )?;
        writeln!(
            f,
            "  referrals: pending {}, qualified {}, rewarded {} (rewards {})",
            self.referrals[0],
            self.referrals[1],
            self.referrals[2],
            sums(&self.rewards)
        )?;
        for p in &self.playbooks {
            writeln!(
                f,
                "  playbook {}: {} runs ({})",
                p.key,
                p.runs,
                pairs(&p.by_status)
            )?;
            for (i, s) in p.steps.iter().enumerate() {
                writeln!(
                    f,
                    "    {i}. {:<34} scheduled {:>3}, done {:>3}, cancelled {:>3}, skipped {:>3}",
                    s.step, s.scheduled, s.done, s.cancelled, s.skipped
                )?;
            }
            writeln!(f, "    skipped: {}", pairs(&p.skipped))?;
        }
        let [by_playbook, by_tier, by_agents] = self.follow_ups_by_origin;
        let [done, cancelled, open] = self.follow_ups_status;
        writeln!(
            f,
            "  follow-ups: {} (playbooks {by_playbook}, tier plans {by_tier}, agents {by_agents}); done {done}, cancelled {cancelled}, open {open} ({} overdue); snoozes {}",
            by_playbook + by_tier + by_agents,
            self.overdue,
            self.snoozes
        )?;
        for a in &self.agendas {
            writeln!(
                f,
                "  agenda of {} ({}): {} overdue, {} due in the next 3 days",
                a.agent, a.team, a.overdue, a.upcoming
            )?;
            for l in &a.overdue_top {
                writeln!(f, "    overdue   {l}")?;
            }
            for l in &a.upcoming_top {
                writeln!(f, "    upcoming  {l}")?;
            }
        }
        Ok(())
    }
}
