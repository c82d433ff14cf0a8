//! The feedback and KPI section of the summary: who consents to surveys,
//! the surveys sent and answered, the in-store survey's answers, then the
//! headline KPIs of the period from one `Workspace::dashboard` call (each
//! with the counts behind it) and two grouped views: first response time by
//! agent and CSAT by ISO week in Hồ Chí Minh City.

use super::complaints::format_money;
use super::local;
use crate::feedback::VISIT_SURVEY;
use chrono::{DateTime, Duration, Utc};
use clientcare::{
    AnswerValue, Channel, Dashboard, GroupBy, KpiQuery, KpiRow, Purpose, SurveyFilter, SurveyKind,
    SurveyLink, SurveyStatus, Workspace,
};
use clientcare_bench::calendar::TZ;
use std::collections::BTreeMap;
use std::fmt;

/// First response time of one agent's complaints.
#[derive(Debug, Clone, PartialEq)]
pub struct AgentResponse {
    /// The agent's name (`(unassigned)` for complaints without an assignee).
    pub agent: String,
    /// Wall-clock median and p90, seconds.
    pub wall: (Option<f64>, Option<f64>),
    /// Business-time median, seconds.
    pub business_median: Option<f64>,
    /// Complaints answered.
    pub answered: u64,
}

/// CSAT of one ISO week.
#[derive(Debug, Clone, PartialEq)]
pub struct WeekCsat {
    /// `2026-W41`.
    pub week: String,
    /// Scores 4 and 5.
    pub satisfied: u64,
    /// Scores.
    pub scores: u64,
    /// Mean score.
    pub mean: Option<f64>,
}

/// The feedback and KPI section.
#[derive(Debug, Clone, PartialEq)]
pub struct KpiSummary {
    /// Start of the period.
    pub from: DateTime<Utc>,
    /// End of the period (records as of then).
    pub to: DateTime<Utc>,
    /// Feedback consents on record per channel: (granted now, declined).
    pub consents: BTreeMap<Channel, (usize, usize)>,
    /// Active customers who accept surveys on at least one channel, of all active.
    pub consenting: (usize, usize),
    /// Surveys sent per origin (`csat: complaint`, `nps`, `custom: tham-quan-cua-hang`, ...).
    pub sent: BTreeMap<String, usize>,
    /// Answered in time.
    pub answered: usize,
    /// Answered after they expired (kept, not counted).
    pub late: usize,
    /// Unanswered and still open at `to`.
    pub waiting: usize,
    /// Unanswered and expired.
    pub expired: usize,
    /// Complaints resolved at least once, those that sent a CSAT survey,
    /// and those whose customer does not accept surveys on its channel.
    pub resolved: (usize, usize, usize),
    /// The in-store survey: what customers liked most (picks).
    pub liked: BTreeMap<String, usize>,
    /// Its free remarks.
    pub remarks: Vec<String>,
    /// Every KPI of the period, ungrouped.
    pub dashboard: Dashboard,
    /// First response time by agent.
    pub frt_by_agent: Vec<AgentResponse>,
    /// CSAT by ISO week, Hồ Chí Minh City time.
    pub csat_by_week: Vec<WeekCsat>,
}

/// The query of the section: the period in Hồ Chí Minh City time.
#[must_use]
pub fn period(from: DateTime<Utc>, to: DateTime<Utc>) -> KpiQuery {
    KpiQuery {
        time_zone: Some(TZ.name().into()),
        ..KpiQuery::new(from, to)
    }
}

fn origin(kind: SurveyKind, link: Option<SurveyLink>, template: Option<&str>) -> String {
    let about = match link {
        Some(SurveyLink::Complaint { .. }) => "complaint",
        Some(SurveyLink::Interaction { .. }) => "call or chat",
        Some(SurveyLink::Purchase { .. }) => "purchase",
        Some(SurveyLink::PlaybookStep { .. }) => "playbook step",
        None => "mailing",
    };
    match template {
        Some(t) => format!("{t} ({about})"),
        None => format!("{} ({about})", kind.as_str()),
    }
}

/// The row of `group` and `measure` among a grouped KPI's rows.
fn find<'a>(rows: &'a [KpiRow], group: &str, measure: &str) -> Option<&'a KpiRow> {
    rows.iter()
        .find(|r| r.group == group && r.measure == measure)
}

/// Summarises feedback and KPIs over [`from`, `to`).
///
/// # Errors
/// What the core reports for the KPI queries (nothing for a range that ends
/// after it starts).
pub fn summarize_kpis(
    ws: &Workspace,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<KpiSummary, clientcare::Error> {
    let mut consents: BTreeMap<Channel, (usize, usize)> = BTreeMap::new();
    let (mut consenting, mut active) = (0, 0);
    // Customers merged into another are left out: they are part of it.
    for c in ws.customers().filter(|c| c.merged_into.is_none()) {
        let mut any = false;
        for k in c.consents.iter().filter(|k| k.purpose == Purpose::Feedback) {
            let e = consents.entry(k.channel).or_default();
            if k.granted {
                e.0 += 1;
                any = true;
            } else {
                e.1 += 1;
            }
        }
        if !c.archived {
            active += 1;
            consenting += usize::from(any);
        }
    }
    let mut sent: BTreeMap<String, usize> = BTreeMap::new();
    let (mut answered, mut late, mut waiting, mut expired) = (0, 0, 0, 0);
    let mut liked: BTreeMap<String, usize> = BTreeMap::new();
    let mut remarks = Vec::new();
    let filter = SurveyFilter {
        sent_from: Some(from),
        sent_to: Some(to),
        ..SurveyFilter::default()
    };
    for s in ws.surveys(&filter)? {
        let template = s.template.as_ref().map(|t| t.key.as_str());
        *sent.entry(origin(s.kind, s.link, template)).or_default() += 1;
        match s.status {
            SurveyStatus::Answered => answered += 1,
            SurveyStatus::AnsweredLate => late += 1,
            SurveyStatus::Sent if s.expires_at < to => expired += 1,
            SurveyStatus::Sent => waiting += 1,
        }
        if template == Some(VISIT_SURVEY) {
            if let Some(AnswerValue::Choices(picks)) = s.answers.get("thich_nhat") {
                for p in picks {
                    *liked.entry(p.clone()).or_default() += 1;
                }
            }
            if let Some(AnswerValue::Text(t)) = s.answers.get("gop_y") {
                remarks.push(t.clone());
            }
        }
    }
    let mut resolved = (0, 0, 0);
    for c in ws.complaints() {
        if c.resolutions.is_empty() {
            continue;
        }
        resolved.0 += 1;
        let asked = ws
            .surveys(&SurveyFilter {
                customer: Some(c.customer),
                kinds: vec![SurveyKind::Csat],
                ..SurveyFilter::default()
            })?
            .iter()
            .any(|s| s.link == Some(SurveyLink::Complaint { id: c.id }));
        resolved.1 += usize::from(asked);
        let consents = ws
            .customer(c.customer)?
            .has_consent(c.channel, Purpose::Feedback);
        resolved.2 += usize::from(!consents);
    }

    let q = period(from, to);
    let dashboard = ws.dashboard(&q)?;
    let names: BTreeMap<String, String> = ws
        .agents()
        .map(|a| (a.id.to_string(), a.name.clone()))
        .collect();
    let rows = ws.kpi("first_response_time", &q.clone().grouped(GroupBy::Agent))?;
    let mut frt_by_agent = Vec::new();
    let mut groups: Vec<&str> = rows.iter().map(|r| r.group.as_str()).collect();
    groups.dedup();
    for g in groups {
        let v = |m: &str| find(&rows, g, m).and_then(|r| r.value);
        frt_by_agent.push(AgentResponse {
            agent: names
                .get(g)
                .cloned()
                .unwrap_or_else(|| "(unassigned)".to_owned()),
            wall: (v("wall_median"), v("wall_p90")),
            business_median: v("business_median"),
            answered: find(&rows, g, "wall_median").map_or(0, |r| r.sample_size),
        });
    }
    // By name, the unassigned last.
    frt_by_agent.sort_by(|a, b| {
        (a.agent.starts_with('('), &a.agent).cmp(&(b.agent.starts_with('('), &b.agent))
    });
    let rows = ws.kpi("csat", &q.grouped(GroupBy::Week))?;
    let csat_by_week = rows
        .iter()
        .filter(|r| r.measure == "rate")
        .map(|r| WeekCsat {
            week: r.group.clone(),
            satisfied: r.numerator.unwrap_or_default() as u64,
            scores: r.sample_size,
            mean: find(&rows, &r.group, "mean").and_then(|m| m.value),
        })
        .collect();
    Ok(KpiSummary {
        from,
        to,
        consents,
        consenting: (consenting, active),
        sent,
        answered,
        late,
        waiting,
        expired,
        resolved,
        liked,
        remarks,
        dashboard,
        frt_by_agent,
        csat_by_week,
    })
}

impl KpiSummary {
    /// The dashboard row of `kpi` and `measure`.
    #[must_use]
    pub fn row(&self, kpi: &str, measure: &str) -> Option<&KpiRow> {
        self.dashboard
            .rows
            .iter()
            .find(|r| r.kpi == kpi && r.measure == measure)
    }

    /// The rows of `kpi`.
    pub fn rows<'a>(&'a self, kpi: &'a str) -> impl Iterator<Item = &'a KpiRow> + 'a {
        self.dashboard.rows.iter().filter(move |r| r.kpi == kpi)
    }

    /// "hits/base (rate %)" of a ratio row.
    fn ratio(&self, kpi: &str, measure: &str) -> String {
        self.row(kpi, measure).map_or_else(|| "-".into(), ratio)
    }

    fn value(&self, kpi: &str, measure: &str) -> Option<f64> {
        self.row(kpi, measure).and_then(|r| r.value)
    }

    fn count(&self, kpi: &str, measure: &str) -> u64 {
        self.row(kpi, measure).map_or(0, |r| r.sample_size)
    }

    /// "median 1h 05m, p90 5h 10m" of a time KPI's `prefix` (wall, business).
    fn spread(&self, kpi: &str, prefix: &str) -> String {
        let v = |m: &str| self.value(kpi, &format!("{prefix}_{m}"));
        format!(
            "{prefix} median {}, p90 {}",
            duration(v("median")),
            duration(v("p90"))
        )
    }
}

fn ratio(r: &KpiRow) -> String {
    let (n, d) = (
        r.numerator.unwrap_or_default(),
        r.denominator.unwrap_or_default(),
    );
    match r.value {
        Some(v) => format!("{n}/{d} ({:.1} %)", v * 100.0),
        None => format!("{n}/{d} (-)"),
    }
}

/// Seconds as "45m", "3h 05m", "2d 04h".
fn duration(secs: Option<f64>) -> String {
    let Some(s) = secs else {
        return "-".into();
    };
    let m = (s / 60.0).round() as i64;
    match m {
        m if m < 60 => format!("{m}m"),
        m if m < 24 * 60 => format!("{}h {:02}m", m / 60, m % 60),
        m => format!("{}d {:02}h", m / (24 * 60), (m % (24 * 60)) / 60),
    }
}

fn days(d: Option<f64>) -> String {
    d.map_or_else(|| "-".into(), |d| format!("{d:.1} d"))
}

fn money(v: Option<f64>, currency: &str) -> String {
    v.map_or_else(
        || "-".into(),
        |v| {
            format_money(&clientcare::Money {
                amount_minor: v.round() as i64,
                currency: currency.to_owned(),
            })
        },
    )
}

fn join<T>(items: impl IntoIterator<Item = T>, f: impl Fn(T) -> String) -> String {
    let v: Vec<String> = items.into_iter().map(f).collect();
    if v.is_empty() {
        "none".into()
    } else {
        v.join(", ")
    }
}

impl fmt::Display for KpiSummary {
    #[allow(clippy::too_many_lines)]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "Feedback and KPIs ({} to {}, Hồ Chí Minh City time; one dashboard call, each value with its counts)",
            local(self.from),
            local(self.to)
        )?;
        writeln!(
            f,
            "  survey consent: {} of {} active customers accept surveys; by channel (granted/declined): {}",
            self.consenting.0,
            self.consenting.1,
            join(&self.consents, |(c, (g, d))| format!("{} {g}/{d}", c.as_str()))
        )?;
        let total: usize = self.sent.values().sum();
        writeln!(
            f,
            "  surveys sent: {total}; answered in time {}, late {} (kept, not counted), waiting {}, expired unanswered {}",
            self.answered, self.late, self.waiting, self.expired
        )?;
        writeln!(f, "    {}", join(&self.sent, |(k, n)| format!("{k} {n}")))?;
        writeln!(
            f,
            "  resolved complaints: {}; a CSAT survey went to {}; {} customers do not accept surveys on the complaint's channel",
            self.resolved.0, self.resolved.1, self.resolved.2
        )?;
        writeln!(
            f,
            "  in-store survey {VISIT_SURVEY}: liked most {}; {} remarks{}",
            join(&self.liked, |(k, n)| format!("{k} {n}")),
            self.remarks.len(),
            self.remarks
                .first()
                .map(|r| format!(", e.g. {r:?}"))
                .unwrap_or_default()
        )?;
        let k = "first_response_time";
        writeln!(
            f,
            "  first response:   {}; {} ({} complaints answered)",
            self.spread(k, "wall"),
            self.spread(k, "business"),
            self.count(k, "wall_median")
        )?;
        let k = "resolution_time";
        writeln!(
            f,
            "  resolution:       {}; {} ({} resolved)",
            self.spread(k, "wall"),
            self.spread(k, "business"),
            self.count(k, "wall_median")
        )?;
        let k = "sla_compliance";
        writeln!(
            f,
            "  SLA compliance:   first_response {}, next_response {}, resolution {}; still running {}, {}, {}",
            self.ratio(k, "first_response"),
            self.ratio(k, "next_response"),
            self.ratio(k, "resolution"),
            self.count(k, "first_response_pending"),
            self.count(k, "next_response_pending"),
            self.count(k, "resolution_pending")
        )?;
        writeln!(
            f,
            "  first-contact resolution {}; reopened {}; escalated {}; complaints received {}",
            self.ratio("first_contact_resolution", "rate"),
            self.ratio("reopen_rate", "rate"),
            self.ratio("escalation_rate", "rate"),
            self.count("complaint_volume", "count")
        )?;
        writeln!(
            f,
            "  backlog at the end: {} open (< 1 d {}, 1-3 d {}, 3-7 d {}, 7-30 d {}, >= 30 d {})",
            self.count("backlog", "open"),
            self.count("backlog", "age_lt_1d"),
            self.count("backlog", "age_1d_3d"),
            self.count("backlog", "age_3d_7d"),
            self.count("backlog", "age_7d_30d"),
            self.count("backlog", "age_ge_30d")
        )?;
        let mean = |kpi: &str| {
            self.row(kpi, "mean").map_or_else(
                || "-".into(),
                |r| {
                    format!(
                        "{} ({}/{})",
                        r.value.map_or_else(|| "-".into(), |v| format!("{v:.2}")),
                        r.numerator.unwrap_or_default(),
                        r.denominator.unwrap_or_default()
                    )
                },
            )
        };
        writeln!(
            f,
            "  CSAT: {} satisfied (scores 4-5), mean {}",
            self.ratio("csat", "rate"),
            mean("csat")
        )?;
        let share = |m: &str| {
            self.row("nps", m)
                .map_or(0.0, |r| r.numerator.unwrap_or_default())
        };
        writeln!(
            f,
            "  NPS: {} (promoters {}, passives {}, detractors {} of {} answers)",
            self.value("nps", "nps")
                .map_or_else(|| "-".into(), |v| format!("{v:+.0}")),
            share("promoters"),
            share("passives"),
            share("detractors"),
            self.count("nps", "nps")
        )?;
        writeln!(f, "  CES: mean {} (1-7, 7 easiest)", mean("ces"))?;
        let k = "survey_response_rate";
        writeln!(
            f,
            "  survey response rate: {} (csat {}, nps {}, ces {}, custom {})",
            self.ratio(k, "all"),
            self.ratio(k, "csat"),
            self.ratio(k, "nps"),
            self.ratio(k, "ces"),
            self.ratio(k, "custom")
        )?;
        writeln!(
            f,
            "  lead conversion {}; win rate {}",
            self.ratio("lead_conversion", "rate"),
            self.ratio("win_rate", "rate")
        )?;
        writeln!(
            f,
            "  sales cycle: mean {}, median {}, p90 {} ({} won deals)",
            days(self.value("sales_cycle", "mean")),
            days(self.value("sales_cycle", "median")),
            days(self.value("sales_cycle", "p90")),
            self.count("sales_cycle", "mean")
        )?;
        let weighted: Vec<String> = self
            .rows("weighted_pipeline")
            .filter(|r| r.measure == "weighted")
            .map(|r| {
                let total = self
                    .rows("weighted_pipeline")
                    .find(|t| t.measure == "total" && t.unit == r.unit)
                    .and_then(|t| t.value);
                format!(
                    "{} of {} in {} deals",
                    money(r.value, &r.unit),
                    money(total, &r.unit),
                    r.sample_size
                )
            })
            .collect();
        writeln!(
            f,
            "  weighted pipeline (open deals expected to close in the period): {}; {} without a date",
            if weighted.is_empty() {
                "none".into()
            } else {
                weighted.join(" + ")
            },
            self.count("weighted_pipeline", "undated")
        )?;
        writeln!(
            f,
            "  pipeline velocity: {}",
            join(self.rows("pipeline_velocity"), |r| format!(
                "{} a day ({} open deals × win rate × average won deal = {}; ÷ {} days of cycle)",
                money(r.value, &r.unit),
                r.sample_size,
                money(r.numerator, &r.unit),
                r.denominator
                    .map_or_else(|| "-".into(), |d| format!("{d:.1}"))
            ))
        )?;
        writeln!(
            f,
            "  lost reasons: {}",
            join(self.rows("lost_reasons"), |r| format!(
                "{} {}",
                r.measure,
                ratio(r)
            ))
        )?;
        writeln!(
            f,
            "  retention {} of the customers active at the start (a purchase in the 90 days before); churn {}",
            self.ratio("retention", "retention"),
            self.ratio("retention", "churn")
        )?;
        writeln!(
            f,
            "  repeat purchases {} of the buyers of the period; follow-ups on time {} ({} overdue and open); referrals converted {}",
            self.ratio("repeat_purchase_rate", "rate"),
            self.ratio("follow_up_on_time", "rate"),
            self.count("follow_up_on_time", "overdue_open"),
            self.ratio("referral_conversion", "rate")
        )?;
        writeln!(
            f,
            "  first response by agent (wall median / p90; business median; answered):"
        )?;
        for a in &self.frt_by_agent {
            writeln!(
                f,
                "    {:<22} {:>8} / {:>8}; {:>8}; {:>3}",
                a.agent,
                duration(a.wall.0),
                duration(a.wall.1),
                duration(a.business_median),
                a.answered
            )?;
        }
        writeln!(f, "  CSAT by ISO week (Hồ Chí Minh City):")?;
        for w in &self.csat_by_week {
            writeln!(
                f,
                "    {}  {:>5.1} % satisfied ({}/{}), mean {}",
                w.week,
                if w.scores > 0 {
                    100.0 * w.satisfied as f64 / w.scores as f64
                } else {
                    0.0
                },
                w.satisfied,
                w.scores,
                w.mean.map_or_else(|| "-".into(), |m| format!("{m:.2}"))
            )?;
        }
        Ok(())
    }
}

/// The start of the period of `ws`: its first event (the shop configures
/// its workspace first), at least a second before `to`.
#[must_use]
pub fn log_start(ws: &Workspace, to: DateTime<Utc>) -> DateTime<Utc> {
    let last = to - Duration::seconds(1);
    ws.events().first().map_or(last, |e| e.at.min(last))
}
