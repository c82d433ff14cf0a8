//! KPIs: care, feedback, sales and retention measures with exact, documented
//! definitions (`docs/kpi.md`). Every value comes with the counts behind it.
//!
//! A KPI is a read-only pass over the state: no KPI changes anything, and
//! the same workspace (live or replayed) gives the same rows.

mod care;
pub(crate) mod facts;
mod group;
mod retention;
mod sales;
mod stats;
mod surveys;

pub use group::{ALL, NONE};

use crate::complaint::str_enum;
use crate::error::{Error, Result};
use crate::model::iso;
use crate::workspace::Workspace;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use stats::{Rate, Samples};

str_enum! {
    /// What to group KPI records by.
    GroupBy {
        /// The agent (complaint assignee, survey agent, deal owner, follow-up assignee).
        Agent => "agent",
        /// The team (the record's team, else its agent's team).
        Team => "team",
        /// The channel.
        Channel => "channel",
        /// The complaint category.
        Category => "category",
        /// The priority.
        Priority => "priority",
        /// The customer's current tier.
        Tier => "tier",
        /// The local day of the record's instant (`2026-11-02`).
        Day => "day",
        /// The ISO week (`2026-W45`).
        Week => "week",
        /// The month (`2026-11`).
        Month => "month",
    }
}

/// The range and grouping of a KPI query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KpiQuery {
    /// Start of the range (included).
    pub from: DateTime<Utc>,
    /// End of the range (excluded); also the instant the records are taken as of.
    pub to: DateTime<Utc>,
    /// Group the records by this dimension (one row set per group).
    #[serde(default)]
    pub group_by: Option<GroupBy>,
    /// IANA time zone of day, week and month groups and of cohorts (UTC by default).
    #[serde(default)]
    pub time_zone: Option<String>,
    /// Retention: the look-back window in days that makes a customer active (default 90).
    #[serde(default)]
    pub active_days: Option<u32>,
    /// Backlog: the instant (default `to`).
    #[serde(default)]
    pub backlog_at: Option<DateTime<Utc>>,
    /// Cohort retention: months followed after the first purchase (default 12).
    #[serde(default)]
    pub cohort_months: Option<u32>,
}

impl KpiQuery {
    /// A query over [`from`, `to`) without grouping.
    #[must_use]
    pub fn new(from: DateTime<Utc>, to: DateTime<Utc>) -> Self {
        Self {
            from,
            to,
            group_by: None,
            time_zone: None,
            active_days: None,
            backlog_at: None,
            cohort_months: None,
        }
    }

    /// The same query grouped by `by`.
    #[must_use]
    pub fn grouped(mut self, by: GroupBy) -> Self {
        self.group_by = Some(by);
        self
    }
}

/// One value of a KPI, with the counts behind it. A list of rows is a table
/// (a pandas or polars DataFrame takes it as is).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KpiRow {
    /// The KPI (`first_response_time`, `csat`, ...).
    pub kpi: &'static str,
    /// The group ([`ALL`] without grouping, [`NONE`] for records without the dimension).
    pub group: String,
    /// What the value is (`wall_median`, `rate`, `first_response`, a lost reason, ...).
    pub measure: String,
    /// The value; absent when there is nothing to measure (an empty sample).
    pub value: Option<f64>,
    /// The numerator (a rate's hits, a mean's sum), when the value is a ratio.
    pub numerator: Option<f64>,
    /// The denominator (a rate's base, a mean's count), when the value is a ratio.
    pub denominator: Option<f64>,
    /// How many records the value is computed from.
    pub sample_size: u64,
    /// `seconds`, `days`, `ratio` (0 to 1), `score`, `count`, or a currency code
    /// (money in minor units).
    pub unit: String,
}

/// The headline KPIs at once.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dashboard {
    /// Start of the range.
    pub from: DateTime<Utc>,
    /// End of the range.
    pub to: DateTime<Utc>,
    /// Every KPI's rows, in [`KPI_NAMES`] order (cohort retention excluded).
    pub rows: Vec<KpiRow>,
}

/// Every KPI, in dashboard order.
pub const KPI_NAMES: &[&str] = &[
    "first_response_time",
    "resolution_time",
    "sla_compliance",
    "first_contact_resolution",
    "reopen_rate",
    "escalation_rate",
    "backlog",
    "complaint_volume",
    "csat",
    "nps",
    "ces",
    "survey_response_rate",
    "lead_conversion",
    "win_rate",
    "sales_cycle",
    "weighted_pipeline",
    "pipeline_velocity",
    "lost_reasons",
    "repeat_purchase_rate",
    "retention",
    "cohort_retention",
    "follow_up_on_time",
    "referral_conversion",
];

/// A checked query: the zone parsed, defaults applied.
pub(crate) struct Q {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    pub by: Option<GroupBy>,
    pub tz: Tz,
    pub active_days: u32,
    pub backlog_at: DateTime<Utc>,
    pub cohort_months: u32,
}

impl Q {
    fn new(q: &KpiQuery) -> Result<Self> {
        crate::model::check_time("from", q.from)?;
        crate::model::check_time("to", q.to)?;
        if q.to <= q.from {
            return Err(Error::invalid_input(
                "to",
                iso(q.to),
                format!("the range must end after it starts ({})", iso(q.from)),
            ));
        }
        let tz = match q.time_zone.as_deref() {
            None => Tz::UTC,
            Some(z) => crate::text::normalize_time_zone(z)?
                .parse::<Tz>()
                .map_err(|_| Error::invalid_input("time_zone", z, "not an IANA time zone"))?,
        };
        let active_days = q.active_days.unwrap_or(90);
        if !(1..=3660).contains(&active_days) {
            return Err(Error::invalid_input(
                "active_days",
                active_days.to_string(),
                "must be 1 to 3660 days",
            ));
        }
        let cohort_months = q.cohort_months.unwrap_or(12);
        if cohort_months > 120 {
            return Err(Error::invalid_input(
                "cohort_months",
                cohort_months.to_string(),
                "must be at most 120",
            ));
        }
        let backlog_at = crate::model::check_time("backlog_at", q.backlog_at.unwrap_or(q.to))?;
        Ok(Self {
            from: q.from,
            to: q.to,
            by: q.group_by,
            tz,
            active_days,
            backlog_at,
            cohort_months,
        })
    }

    pub fn contains(&self, t: DateTime<Utc>) -> bool {
        self.from <= t && t < self.to
    }
}

/// The groupings each KPI supports.
fn supports(kpi: &str, by: GroupBy) -> bool {
    use GroupBy::*;
    let all = [
        Agent, Team, Channel, Category, Priority, Tier, Day, Week, Month,
    ];
    let allowed: &[GroupBy] = match kpi {
        "backlog" => &[Agent, Team, Channel, Category, Priority, Tier],
        "csat" | "nps" | "ces" | "survey_response_rate" => &all,
        "lead_conversion" => &[Agent, Channel, Tier, Day, Week, Month],
        "win_rate" | "sales_cycle" | "lost_reasons" => {
            &[Agent, Team, Channel, Tier, Day, Week, Month]
        }
        "weighted_pipeline" | "pipeline_velocity" => &[Agent, Team, Channel, Tier],
        "repeat_purchase_rate" | "retention" => &[Agent, Tier],
        "cohort_retention" => &[],
        "follow_up_on_time" => &[Agent, Team, Priority, Tier, Day, Week, Month],
        "referral_conversion" => &[Tier, Day, Week, Month],
        _ => &all,
    };
    allowed.contains(&by)
}

/// Appends rows.
pub(crate) struct Out<'a> {
    pub kpi: &'static str,
    pub group: &'a str,
    pub rows: &'a mut Vec<KpiRow>,
}

impl<'a> Out<'a> {
    pub fn new(kpi: &'static str, group: &'a str, rows: &'a mut Vec<KpiRow>) -> Self {
        Self { kpi, group, rows }
    }

    pub fn row(
        &mut self,
        measure: &str,
        value: Option<f64>,
        ratio: Option<(f64, f64)>,
        n: u64,
        unit: &str,
    ) {
        self.rows.push(KpiRow {
            kpi: self.kpi,
            group: self.group.to_owned(),
            measure: measure.to_owned(),
            value,
            numerator: ratio.map(|r| r.0),
            denominator: ratio.map(|r| r.1),
            sample_size: n,
            unit: unit.to_owned(),
        });
    }

    pub fn rate(&mut self, measure: &str, r: Rate) {
        let value = (r.den > 0).then(|| r.num as f64 / r.den as f64);
        self.row(
            measure,
            value,
            Some((r.num as f64, r.den as f64)),
            r.den,
            "ratio",
        );
    }

    pub fn count(&mut self, measure: &str, n: u64) {
        self.row(measure, Some(n as f64), None, n, "count");
    }

    /// Mean, median and p90 of `s` (scaled by `scale`: 1 for seconds, 86 400 for days).
    pub fn spread(&mut self, prefix: &str, s: &mut Samples, unit: &str, scale: f64) {
        let n = s.len();
        let sum = s.sum() as f64 / scale;
        let name = |m: &str| {
            if prefix.is_empty() {
                m.to_owned()
            } else {
                format!("{prefix}_{m}")
            }
        };
        self.row(
            &name("mean"),
            s.mean().map(|m| m / scale),
            Some((sum, n as f64)),
            n,
            unit,
        );
        self.row(
            &name("median"),
            s.quantile(0.5).map(|m| m / scale),
            None,
            n,
            unit,
        );
        self.row(
            &name("p90"),
            s.quantile(0.9).map(|m| m / scale),
            None,
            n,
            unit,
        );
    }
}

impl Workspace {
    /// One KPI over `query`'s range, grouped if asked. Definitions: `docs/kpi.md`.
    ///
    /// # Errors
    /// `invalid_input` for an unknown KPI name (the message lists them), a
    /// range that does not end after it starts, an unknown time zone, or a
    /// grouping the KPI does not support.
    pub fn kpi(&self, name: &str, query: &KpiQuery) -> Result<Vec<KpiRow>> {
        let Some(&kpi) = KPI_NAMES.iter().find(|k| **k == name) else {
            return Err(Error::invalid_input(
                "name",
                name,
                format!("unknown KPI; expected one of: {}", KPI_NAMES.join(", ")),
            ));
        };
        let q = Q::new(query)?;
        if let Some(by) = q.by {
            if !supports(kpi, by) {
                return Err(Error::invalid_input(
                    "group_by",
                    by.as_str(),
                    format!(
                        "{kpi} cannot be grouped by {by}; it supports: {}",
                        GroupBy::ALL
                            .iter()
                            .filter(|b| supports(kpi, **b))
                            .map(|b| b.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ));
            }
        }
        let mut rows = Vec::new();
        self.run(&[kpi], &q, &mut rows);
        Ok(rows)
    }

    /// The headline KPIs over `query`'s range in one call: every KPI of
    /// [`KPI_NAMES`] except cohort retention, ungrouped (a grouping in the
    /// query is refused: group single KPIs with [`kpi`](Self::kpi)).
    ///
    /// # Errors
    /// `invalid_input` for a bad range, time zone or a grouping.
    pub fn dashboard(&self, query: &KpiQuery) -> Result<Dashboard> {
        if let Some(by) = query.group_by {
            return Err(Error::invalid_input(
                "group_by",
                by.as_str(),
                "the dashboard is ungrouped; group single KPIs with kpi()",
            ));
        }
        let q = Q::new(query)?;
        let names: Vec<&'static str> = KPI_NAMES
            .iter()
            .copied()
            .filter(|k| *k != "cohort_retention")
            .collect();
        let mut rows = Vec::with_capacity(96);
        self.run(&names, &q, &mut rows);
        Ok(Dashboard {
            from: q.from,
            to: q.to,
            rows,
        })
    }

    /// Computes `kpis` (each area in one pass over its records) and appends
    /// their rows in `KPI_NAMES` order.
    fn run(&self, kpis: &[&'static str], q: &Q, rows: &mut Vec<KpiRow>) {
        let st = &self.state;
        let want = |k: &str| kpis.contains(&k);
        let mut parts: Vec<KpiRow> = Vec::new();
        care::run(st, q, &want, &mut parts);
        surveys::run(st, q, &want, &mut parts);
        sales::run(st, q, &want, &mut parts);
        retention::run(st, q, &want, &mut parts);
        // Stable order: by KPI as listed, then as produced (groups in key order).
        let rank = |k: &str| KPI_NAMES.iter().position(|x| *x == k).unwrap_or(usize::MAX);
        parts.sort_by_key(|r| rank(r.kpi));
        rows.extend(parts);
    }
}
