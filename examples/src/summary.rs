//! A readable summary of a workspace: counts, channels, busiest agents, one
//! customer card with the latest entries of its timeline and its complaints,
//! a search example, the complaints section (see [`complaints`]), the
//! sales and after-sales section (see [`journey`]), the feedback and KPI
//! section (see [`kpis`]) and, for the main job, the identity section (see
//! [`identity`]).

use chrono::{DateTime, Utc};
use clientcare::{
    Author, Channel, Customer, CustomerId, CustomerKind, Event, EventPayload, Lifecycle,
    PageRequest, SurveyFilter, SurveyKind, SurveyLink, SurveyStatus, Workspace, MAX_PAGE,
};
use clientcare_bench::calendar::TZ;
use std::collections::BTreeMap;
use std::fmt;

pub mod complaints;
pub mod identity;
pub mod journey;
pub mod kpis;
pub use complaints::{format_money, summarize_complaints, ComplaintsSummary};
pub use identity::{summarize_identity, IdentitySummary};
pub use journey::{summarize_journey, JourneySummary};
pub use kpis::{summarize_kpis, KpiSummary};

/// What the summary shows about one customer.
#[derive(Debug, Clone, PartialEq)]
pub struct CustomerCard {
    /// Full name.
    pub name: String,
    /// How the shop addresses them.
    pub shown: String,
    /// Lifecycle stage.
    pub lifecycle: Lifecycle,
    /// Tier.
    pub tier: Option<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// Emails (normalised).
    pub emails: Vec<String>,
    /// Phones (E.164).
    pub phones: Vec<String>,
    /// Owner agent's name.
    pub owner: Option<String>,
    /// "Organisation name (role)".
    pub memberships: Vec<String>,
    /// "channel/purpose: granted|withdrawn (source)".
    pub consents: Vec<String>,
    /// The latest timeline entries, newest first: (local time, what happened).
    pub latest: Vec<(String, String)>,
    /// Their complaints, one line each: when, channel, subject, state,
    /// resolution and SLA at the summary's instant.
    pub complaints: Vec<String>,
}

/// The name-search example.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchExample {
    /// The query, without diacritics.
    pub query: String,
    /// How many active customers match (capped at 1000).
    pub matches: usize,
    /// The best matches: (full name, score).
    pub top: Vec<(String, u32)>,
}

/// Counts and examples describing a workspace.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// Events in the log.
    pub events: usize,
    /// Customers, archived and erased included (not those merged away).
    pub customers: usize,
    /// People.
    pub people: usize,
    /// Organisations.
    pub organizations: usize,
    /// Archived customers.
    pub archived: usize,
    /// Erased customers (their personal data gone).
    pub erased: usize,
    /// Customers merged into another (hidden; their ids resolve to it).
    pub merged_away: usize,
    /// Active customers per lifecycle stage.
    pub by_lifecycle: Vec<(Lifecycle, usize)>,
    /// Active customers per tier ("(none)" without one).
    pub by_tier: BTreeMap<String, usize>,
    /// Interactions.
    pub interactions: usize,
    /// Interactions per channel, every channel listed.
    pub by_channel: Vec<(Channel, usize)>,
    /// Social interactions per network.
    pub by_network: BTreeMap<String, usize>,
    /// The agents who handled the most interactions: (name, team, count).
    pub busiest_agents: Vec<(String, String, usize)>,
    /// People's memberships of organisations.
    pub memberships: usize,
    /// Current consents granted / withdrawn.
    pub consents: (usize, usize),
    /// The showcase customer's card.
    pub card: CustomerCard,
    /// The search examples.
    pub searches: Vec<SearchExample>,
    /// The complaints section.
    pub complaints: ComplaintsSummary,
    /// The sales and after-sales section.
    pub journey: JourneySummary,
    /// The feedback and KPI section, over the log's period (its first event to the summary's instant).
    pub kpis: KpiSummary,
    /// The identity section: set by the main job (it needs what the
    /// identity desk planted and the saved file), `None` from [`summarize`].
    pub identity: Option<IdentitySummary>,
    /// Events per payload type, most frequent first.
    pub by_event_type: Vec<(&'static str, usize)>,
}

/// Every customer, those merged into another left out (they are hidden and
/// their ids resolve to the survivor).
fn all_customers(ws: &Workspace) -> Result<Vec<&Customer>, clientcare::Error> {
    Ok(ws.customers().filter(|c| c.merged_into.is_none()).collect())
}

/// The lower-case name of a network (`zalo`, `tiktok`).
#[must_use]
pub fn network_name(n: clientcare::Network) -> String {
    n.as_str().to_owned()
}

fn local(at: DateTime<Utc>) -> String {
    at.with_timezone(&TZ).format("%Y-%m-%d %H:%M").to_string()
}

fn agent_name(ws: &Workspace, id: Option<clientcare::AgentId>) -> Option<String> {
    id.and_then(|a| ws.agent(a).ok()).map(|a| a.name.clone())
}

fn customer_name(ws: &Workspace, id: CustomerId) -> String {
    ws.customer(id)
        .map(|c| c.names.shown().to_owned())
        .unwrap_or_else(|_| id.to_string())
}

/// One line describing an event on a timeline.
fn describe(ws: &Workspace, event: &Event) -> String {
    match &event.payload {
        EventPayload::InteractionLogged {
            channel,
            network,
            direction,
            subject,
            agent,
            ..
        } => {
            let via = match network {
                Some(n) => format!("{} ({})", channel.as_str(), network_name(*n)),
                None => channel.as_str().to_owned(),
            };
            let mut s = format!("{via}, {}", direction.as_str());
            if let Some(subject) = subject {
                s.push_str(&format!(": {subject}"));
            }
            if let Some(name) = agent_name(ws, *agent) {
                s.push_str(&format!(" [{name}]"));
            }
            s
        }
        EventPayload::CustomerRegistered { .. } => "registered".into(),
        EventPayload::ComplaintOpened(c) => format!(
            "complaint ({}, {}): {}",
            c.channel.as_str(),
            c.priority.as_str(),
            c.subject
        ),
        EventPayload::ComplaintMessageAdded(m) => match (m.author, agent_name(ws, m.agent)) {
            (Author::Customer, _) => format!("complaint: customer wrote \"{}\"", m.body),
            (_, _) if m.automated => "complaint: automated acknowledgement".into(),
            (_, Some(name)) => format!("complaint: {name} replied"),
            _ => "complaint: reply".into(),
        },
        EventPayload::ComplaintStateChanged { from, to, .. } => {
            format!("complaint {} -> {}", from.as_str(), to.as_str())
        }
        EventPayload::ComplaintEscalated {
            to_level,
            reason,
            assignee,
            ..
        } => {
            let mut s = format!("complaint escalated to level {to_level}: {reason}");
            if let Some(name) = agent_name(ws, *assignee) {
                s.push_str(&format!(" [{name}]"));
            }
            s
        }
        EventPayload::ComplaintResolved {
            category,
            compensation,
            ..
        } => {
            let given: Vec<String> = compensation
                .iter()
                .map(|c| format!("{} {}", c.kind.as_str(), format_money(&c.value)))
                .collect();
            if given.is_empty() {
                format!("complaint resolved: {category}")
            } else {
                format!("complaint resolved: {category} ({})", given.join(", "))
            }
        }
        EventPayload::ComplaintClosed { automatic } => if *automatic {
            "complaint closed by tick"
        } else {
            "complaint closed"
        }
        .into(),
        EventPayload::LifecycleChanged { from, to, reason } => {
            let mut s = format!("lifecycle {} -> {}", from.as_str(), to.as_str());
            if let Some(r) = reason {
                s.push_str(&format!(" ({r})"));
            }
            s
        }
        EventPayload::TierChanged { from, to } => format!(
            "tier {} -> {}",
            from.as_deref().unwrap_or("(none)"),
            to.as_deref().unwrap_or("(none)")
        ),
        EventPayload::ConsentRecorded { consent } => format!(
            "consent {}/{} {} ({})",
            consent.channel.as_str(),
            consent.purpose.as_str(),
            if consent.granted {
                "granted"
            } else {
                "withdrawn"
            },
            consent.source
        ),
        EventPayload::SurveySent(s) => {
            let what = s
                .template
                .as_ref()
                .map_or_else(|| s.kind.as_str().to_owned(), |t| t.key.clone());
            format!("survey {what} sent on {}", s.channel.as_str())
        }
        EventPayload::SurveyAnswered(a) => {
            let mut s = if a.late {
                "survey answered late (not counted)".to_owned()
            } else {
                "survey answered".to_owned()
            };
            if let Some(score) = a.score {
                s.push_str(&format!(": {score}"));
            }
            if let Some(c) = &a.comment {
                s.push_str(&format!(" \"{c}\""));
            }
            s
        }
        EventPayload::CustomerTagged { tags } => format!("tagged {}", tags.join(", ")),
        EventPayload::CustomerUntagged { tags } => format!("untagged {}", tags.join(", ")),
        EventPayload::MembershipAdded { membership } => format!(
            "member of {}{}",
            customer_name(ws, membership.organization),
            membership
                .role
                .as_deref()
                .map(|r| format!(" ({r})"))
                .unwrap_or_default()
        ),
        EventPayload::CustomerArchived { reason } => {
            format!(
                "archived{}",
                reason
                    .as_deref()
                    .map(|r| format!(": {r}"))
                    .unwrap_or_default()
            )
        }
        other => {
            journey::describe(ws, event).unwrap_or_else(|| other.type_name().replace('_', " "))
        }
    }
}

/// One line about a complaint for the card.
fn complaint_line(
    ws: &Workspace,
    c: &clientcare::Complaint,
    at: DateTime<Utc>,
) -> Result<String, clientcare::Error> {
    let mut s = format!(
        "{} {}: {} [{}, {}] -> {}",
        local(c.received_at),
        c.channel.as_str(),
        c.subject,
        c.category.as_deref().unwrap_or("-"),
        c.priority.as_str(),
        c.state.as_str()
    );
    if let Some(r) = c.resolutions.last() {
        s.push_str(&format!(" ({}", r.category));
        for x in &r.compensation {
            s.push_str(&format!(", {} {}", x.kind.as_str(), format_money(&x.value)));
        }
        s.push(')');
    }
    let status = ws.sla_status(c.id, at)?;
    let metrics: Vec<String> = status
        .metrics
        .iter()
        .map(|m| format!("{} {}", m.metric.as_str(), m.state.as_str()))
        .collect();
    if let Some(p) = &status.policy {
        s.push_str(&format!("; SLA {p}: {}", metrics.join(", ")));
    }
    // The CSAT survey its resolution sent, and the answer.
    let filter = SurveyFilter {
        customer: Some(c.customer),
        kinds: vec![SurveyKind::Csat],
        link: Some(SurveyLink::Complaint { id: c.id }),
        ..SurveyFilter::default()
    };
    if let Some(survey) = ws.surveys(&filter)?.into_iter().next() {
        match (survey.status, survey.score) {
            (SurveyStatus::Answered, Some(score)) => s.push_str(&format!("; CSAT {score}/5")),
            (SurveyStatus::AnsweredLate, Some(score)) => {
                s.push_str(&format!("; CSAT {score}/5 (late, not counted)"));
            }
            _ => s.push_str("; CSAT survey unanswered"),
        }
        if let Some(comment) = &survey.comment {
            s.push_str(&format!(" {comment:?}"));
        }
    }
    Ok(s)
}

fn card(
    ws: &Workspace,
    id: CustomerId,
    latest: usize,
    at: DateTime<Utc>,
) -> Result<CustomerCard, clientcare::Error> {
    let c = ws.customer(id)?;
    let page = ws.timeline(
        id,
        PageRequest {
            after: None,
            limit: latest,
        },
    )?;
    Ok(CustomerCard {
        name: c.names.full.clone(),
        shown: c.names.shown().to_owned(),
        lifecycle: c.lifecycle,
        tier: c.tier.clone(),
        tags: c.tags.clone(),
        emails: c.emails().map(str::to_owned).collect(),
        phones: c.phones().map(str::to_owned).collect(),
        owner: agent_name(ws, c.owner),
        memberships: c
            .memberships
            .iter()
            .map(|m| {
                let role = m
                    .role
                    .as_deref()
                    .map(|r| format!(" ({r})"))
                    .unwrap_or_default();
                format!("{}{role}", customer_name(ws, m.organization))
            })
            .collect(),
        consents: c
            .consents
            .iter()
            .map(|k| {
                format!(
                    "{}/{}: {} ({})",
                    k.channel.as_str(),
                    k.purpose.as_str(),
                    if k.granted { "granted" } else { "withdrawn" },
                    k.source
                )
            })
            .collect(),
        latest: page
            .items
            .iter()
            .map(|e| (local(e.at), describe(ws, e.event)))
            .collect(),
        complaints: ws
            .complaints_of(id)?
            .into_iter()
            .map(|x| complaint_line(ws, x, at))
            .collect::<Result<_, _>>()?,
    })
}

fn search(ws: &Workspace, query: &str) -> SearchExample {
    let found = ws
        .search_customers(&clientcare::SearchQuery {
            limit: 5,
            ..clientcare::SearchQuery::new(query)
        })
        .unwrap_or_default();
    SearchExample {
        query: query.to_owned(),
        matches: found.total.min(MAX_PAGE),
        top: found
            .hits
            .iter()
            .map(|h| (h.customer.names.full.clone(), h.score))
            .collect(),
    }
}

/// Summarises `ws`, with `showcase`'s card, a search for each of `queries`,
/// the complaints with their SLA figures at `at`, and the KPIs from the
/// log's first event to `at`.
///
/// # Errors
/// `not_found` when `showcase` is not a customer of `ws`.
pub fn summarize(
    ws: &Workspace,
    showcase: CustomerId,
    queries: &[&str],
    at: DateTime<Utc>,
) -> Result<Summary, clientcare::Error> {
    let customers = all_customers(ws)?;
    let active: Vec<&Customer> = customers.iter().copied().filter(|c| !c.archived).collect();
    let by_lifecycle = Lifecycle::ALL
        .iter()
        .map(|l| (*l, active.iter().filter(|c| c.lifecycle == *l).count()))
        .collect();
    let mut by_tier = BTreeMap::new();
    for c in &active {
        *by_tier
            .entry(c.tier.clone().unwrap_or_else(|| "(none)".into()))
            .or_insert(0) += 1;
    }
    let mut by_channel: BTreeMap<Channel, usize> = Channel::ALL.iter().map(|c| (*c, 0)).collect();
    let mut by_network = BTreeMap::new();
    let mut by_agent: BTreeMap<clientcare::AgentId, usize> = BTreeMap::new();
    let mut interactions = 0;
    for e in ws.events() {
        if let EventPayload::InteractionLogged {
            channel,
            network,
            agent,
            ..
        } = &e.payload
        {
            interactions += 1;
            *by_channel.entry(*channel).or_insert(0) += 1;
            if let Some(n) = network {
                *by_network.entry(network_name(*n)).or_insert(0) += 1;
            }
            if let Some(a) = agent {
                *by_agent.entry(*a).or_insert(0) += 1;
            }
        }
    }
    let mut busiest: Vec<(String, String, usize)> = by_agent
        .into_iter()
        .filter_map(|(id, n)| {
            ws.agent(id)
                .ok()
                .map(|a| (a.name.clone(), a.team.clone().unwrap_or_default(), n))
        })
        .collect();
    busiest.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
    busiest.truncate(3);
    let consents = customers.iter().flat_map(|c| c.consents.iter());
    let granted = consents.clone().filter(|k| k.granted).count();
    let withdrawn = consents.filter(|k| !k.granted).count();
    let mut types: BTreeMap<&'static str, usize> = BTreeMap::new();
    for e in ws.events() {
        *types.entry(e.payload.type_name()).or_insert(0) += 1;
    }
    let mut by_event_type: Vec<(&'static str, usize)> = types.into_iter().collect();
    by_event_type.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    Ok(Summary {
        events: ws.events().len(),
        customers: customers.len(),
        people: customers
            .iter()
            .filter(|c| c.kind == CustomerKind::Person)
            .count(),
        organizations: customers
            .iter()
            .filter(|c| c.kind == CustomerKind::Organization)
            .count(),
        archived: customers.len() - active.len(),
        erased: customers.iter().filter(|c| c.erased_at.is_some()).count(),
        merged_away: ws.customers().filter(|c| c.merged_into.is_some()).count(),
        by_lifecycle,
        by_tier,
        interactions,
        by_channel: by_channel.into_iter().collect(),
        by_network,
        busiest_agents: busiest,
        memberships: customers.iter().map(|c| c.memberships.len()).sum(),
        consents: (granted, withdrawn),
        card: card(ws, showcase, 5, at)?,
        searches: queries.iter().map(|q| search(ws, q)).collect(),
        complaints: summarize_complaints(ws, at)?,
        journey: summarize_journey(ws, at)?,
        kpis: summarize_kpis(ws, kpis::log_start(ws, at), at)?,
        identity: None,
        by_event_type,
    })
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "Customers: {} ({} people, {} organisations, {} archived, {} erased; {} more merged away)",
            self.customers,
            self.people,
            self.organizations,
            self.archived,
            self.erased,
            self.merged_away
        )?;
        let stages: Vec<String> = self
            .by_lifecycle
            .iter()
            .map(|(l, n)| format!("{} {n}", l.as_str()))
            .collect();
        writeln!(f, "  by lifecycle (active): {}", stages.join(", "))?;
        let tiers: Vec<String> = self
            .by_tier
            .iter()
            .map(|(t, n)| format!("{t} {n}"))
            .collect();
        writeln!(f, "  by tier (active):      {}", tiers.join(", "))?;
        writeln!(
            f,
            "  memberships: {}; consents on record: {} granted, {} withdrawn",
            self.memberships, self.consents.0, self.consents.1
        )?;
        writeln!(f)?;
        writeln!(f, "Interactions: {}", self.interactions)?;
        for (c, n) in &self.by_channel {
            writeln!(f, "  {:<10} {n:>6}", c.as_str())?;
        }
        let nets: Vec<String> = self
            .by_network
            .iter()
            .map(|(k, n)| format!("{k} {n}"))
            .collect();
        writeln!(f, "  social by network: {}", nets.join(", "))?;
        writeln!(f, "  busiest agents:")?;
        for (name, team, n) in &self.busiest_agents {
            writeln!(f, "    {name} ({team}): {n}")?;
        }
        writeln!(f)?;
        let c = &self.card;
        writeln!(f, "Customer card: {} ({})", c.name, c.shown)?;
        writeln!(
            f,
            "  lifecycle {}, tier {}, owner {}",
            c.lifecycle.as_str(),
            c.tier.as_deref().unwrap_or("(none)"),
            c.owner.as_deref().unwrap_or("(none)")
        )?;
        writeln!(
            f,
            "  emails {}; phones {}",
            c.emails.join(", "),
            c.phones.join(", ")
        )?;
        writeln!(f, "  tags {}", c.tags.join(", "))?;
        writeln!(f, "  works at {}", c.memberships.join("; "))?;
        writeln!(f, "  consents {}", c.consents.join("; "))?;
        writeln!(
            f,
            "  latest {} timeline entries (Hồ Chí Minh City time):",
            c.latest.len()
        )?;
        for (at, what) in &c.latest {
            writeln!(f, "    {at}  {what}")?;
        }
        writeln!(f, "  complaints: {}", c.complaints.len())?;
        for line in &c.complaints {
            writeln!(f, "    {line}")?;
        }
        writeln!(f)?;
        writeln!(
            f,
            "Name search (case and diacritics folded, each word a prefix):"
        )?;
        for s in &self.searches {
            let top: Vec<String> = s
                .top
                .iter()
                .map(|(n, score)| format!("{n} ({score})"))
                .collect();
            writeln!(
                f,
                "  {:?}: {} match; best: {}",
                s.query,
                s.matches,
                top.join(", ")
            )?;
        }
        writeln!(f)?;
        write!(f, "{}", self.complaints)?;
        writeln!(f)?;
        write!(f, "{}", self.journey)?;
        writeln!(f)?;
        write!(f, "{}", self.kpis)?;
        writeln!(f)?;
        if let Some(identity) = &self.identity {
            write!(f, "{identity}")?;
            writeln!(f)?;
        }
        let types: Vec<String> = self
            .by_event_type
            .iter()
            .map(|(t, n)| format!("{t} {n}"))
            .collect();
        writeln!(f, "Events by type: {}", types.join(", "))?;
        Ok(())
    }
}
