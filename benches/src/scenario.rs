//! Builds a whole workspace: agents in teams, customers (an initial bulk
//! import, then sign-ups over time), interactions on every channel, tags,
//! consents, lifecycle and tier changes, extra contact points, memberships of
//! people in companies, archives and restores, with roughly a target number of
//! events. Commands run in time order, with explicit `at` values.

use crate::activity;
use crate::calendar::{self, business_time};
use crate::customers::{CustomerGen, TAGS, TIERS};
use crate::names;
use crate::rng::Rng;
use chrono::{DateTime, Duration, Utc};
use clientcare::{
    AddContactPoint, AddMembership, AgentId, ArchiveCustomer, AttrValue, ChangeLifecycle, Channel,
    Command, ContactPoint, CustomerId, CustomerKind, LogInteraction, Meta, Money, Network,
    RecordConsent, RegisterAgent, RegisterCustomer, RestoreCustomer, SetTier, TagCustomer,
    UpdateAgent, UpdateCustomer, Workspace,
};
use std::fmt;

/// Teams of the shop's staff.
pub const TEAMS: &[&str] = &[
    "Bán hàng",
    "Chăm sóc khách hàng",
    "Hỗ trợ kỹ thuật",
    "Khách hàng doanh nghiệp",
];

/// Average number of events one customer brings (registration included);
/// used to size the customer base for a target number of events.
pub const EVENTS_PER_CUSTOMER: f64 = 9.4;

/// What to build.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkspaceSpec {
    /// Seed of all generated data and of the workspace's id source.
    pub seed: u64,
    /// Roughly how many events the log should hold.
    pub target_events: usize,
    /// First instant of activity.
    pub start: DateTime<Utc>,
    /// Length of the activity period in days.
    pub days: u32,
    /// Number of agents (0: one per 2,500 customers, at least 4, at most 200).
    pub agents: usize,
    /// Mean number of interactions per customer.
    pub interactions_per_customer: f64,
}

impl WorkspaceSpec {
    /// A year of activity from 2026-01-01 (Hồ Chí Minh City time) with about
    /// `target_events` events.
    #[must_use]
    pub fn new(target_events: usize, seed: u64) -> Self {
        Self {
            seed,
            target_events,
            start: calendar::local(2026, 1, 1, 8, 0).unwrap_or_default(),
            days: 365,
            agents: 0,
            interactions_per_customer: 6.0,
        }
    }

    /// How many customers the spec asks for.
    #[must_use]
    pub fn customers(&self) -> usize {
        let per = EVENTS_PER_CUSTOMER + (self.interactions_per_customer - 6.0);
        ((self.target_events as f64 / per.max(1.0)) as usize).max(10)
    }
}

/// A built workspace and the handles a benchmark or example needs.
#[derive(Debug)]
pub struct BuiltWorkspace {
    /// The workspace.
    pub workspace: Workspace,
    /// Agents, in registration order.
    pub agents: Vec<AgentId>,
    /// Customers, in registration order.
    pub customers: Vec<CustomerId>,
    /// Planned actions left out because the customer was archived by then.
    pub skipped: usize,
}

/// A command of the generated history that the workspace refused: a bug of
/// the generator (or of the core), never expected.
#[derive(Debug, Clone, PartialEq)]
pub struct BuildError {
    /// What was being done.
    pub step: &'static str,
    /// Why it failed.
    pub error: Box<clientcare::Error>,
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "generated command refused ({}): {}",
            self.step, self.error
        )
    }
}

impl std::error::Error for BuildError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(self.error.as_ref())
    }
}

fn ctx<T>(step: &'static str, r: clientcare::Result<T>) -> Result<T, BuildError> {
    r.map_err(|error| BuildError {
        step,
        error: Box::new(error),
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Act {
    Register,
    Interact,
    Tag,
    Consent,
    Lifecycle,
    Tier,
    AddContact,
    Update,
    Membership(u32),
    Archive,
    Restore,
    MoveAgent(u32),
}

#[derive(Debug, Clone, Copy)]
struct Planned {
    at: DateTime<Utc>,
    order: u32,
    customer: u32,
    act: Act,
}

/// Builds the workspace described by `spec`.
///
/// # Errors
/// [`BuildError`] if the workspace refuses a generated command (a bug).
pub fn build_workspace(spec: &WorkspaceSpec) -> Result<BuiltWorkspace, BuildError> {
    let mut rng = Rng::new(spec.seed ^ 0xB0B);
    let mut gen = CustomerGen::new(spec.seed);
    let start = spec.start;
    let end = start + Duration::days(i64::from(spec.days.max(1)));
    let n = spec.customers();
    let n_agents = if spec.agents > 0 {
        spec.agents
    } else {
        (n / 2500).clamp(4, 200)
    };

    let mut ws = Workspace::with_seed(spec.seed);
    ctx("configure", ws.configure(Meta::system(start), Some("VN")))?;
    let mut agents = Vec::with_capacity(n_agents);
    for i in 0..n_agents {
        let p = names::vietnamese_person(&mut rng);
        let email = crate::contacts::work_email(&p, "cskh.example.vn", i as u64);
        let id = ctx(
            "register agent",
            ws.register_agent(
                Meta::system(start),
                RegisterAgent {
                    name: p.full,
                    team: Some(TEAMS[i % TEAMS.len()].to_owned()),
                    email: Some(email),
                    ..RegisterAgent::default()
                },
            ),
        )?;
        agents.push(id);
    }

    // Plan: who registers when, and what happens to them afterwards.
    let mut rows: Vec<Option<RegisterCustomer>> = Vec::with_capacity(n);
    let mut kinds: Vec<CustomerKind> = Vec::with_capacity(n);
    let mut reg_at: Vec<DateTime<Utc>> = Vec::with_capacity(n);
    let mut plan: Vec<Planned> = Vec::with_capacity(spec.target_events + 16);
    let mut orgs: Vec<u32> = Vec::new();
    let mut order = 0u32;
    let mut push = |plan: &mut Vec<Planned>, at, customer, act| {
        plan.push(Planned {
            at,
            order,
            customer,
            act,
        });
        order += 1;
    };
    let late = start + Duration::days(i64::from(spec.days.max(1)) * 9 / 10);
    for i in 0..n {
        let c = gen.next_customer();
        let mut row = c.row;
        if rng.chance(0.6) {
            row.owner = Some(agents[rng.index(agents.len())]);
        }
        let mut imported = rng.chance(0.3);
        let mut at = if imported {
            start
        } else {
            business_time(&mut rng, start + Duration::hours(1), late)
        };
        // A relative sharing a phone signs up after the holder (who would
        // otherwise meet the shared number and be refused).
        if let Some(holder) = c.shares_with {
            let after = reg_at[holder] + Duration::minutes(1);
            if at < after {
                at = after.max(start + Duration::hours(1));
                imported = false;
            }
        }
        let idx = i as u32;
        kinds.push(row.kind);
        rows.push(Some(row));
        reg_at.push(at);
        if !imported {
            push(&mut plan, at, idx, Act::Register);
        }
        let after = at + Duration::minutes(15);
        let later = |rng: &mut Rng| business_time(rng, after, end);
        for _ in 0..rng.geometric(spec.interactions_per_customer) {
            let t = later(&mut rng);
            push(&mut plan, t, idx, Act::Interact);
        }
        if rng.chance(0.4) {
            let t = later(&mut rng);
            push(&mut plan, t, idx, Act::Tag);
        }
        for _ in 0..rng.geometric(0.8) {
            let t = later(&mut rng);
            push(&mut plan, t, idx, Act::Consent);
        }
        for _ in 0..rng.geometric(0.6) {
            let t = later(&mut rng);
            push(&mut plan, t, idx, Act::Lifecycle);
        }
        if rng.chance(0.1) {
            let t = later(&mut rng);
            push(&mut plan, t, idx, Act::Tier);
        }
        if rng.chance(0.15) {
            let t = later(&mut rng);
            push(&mut plan, t, idx, Act::AddContact);
        }
        if rng.chance(0.2) {
            let t = later(&mut rng);
            push(&mut plan, t, idx, Act::Update);
        }
        if kinds[i] == CustomerKind::Organization {
            orgs.push(idx);
        } else if !orgs.is_empty() && rng.chance(0.25) {
            let org = orgs[rng.index(orgs.len())];
            let t = (reg_at[org as usize].max(at) + Duration::hours(1)).min(end);
            push(&mut plan, t, idx, Act::Membership(org));
        }
        if rng.chance(0.006) {
            let t = later(&mut rng);
            push(&mut plan, t, idx, Act::Archive);
            if rng.chance(0.25) {
                let r = business_time(&mut rng, t + Duration::days(1), end + Duration::days(2));
                push(&mut plan, r, idx, Act::Restore);
            }
        }
    }
    if n_agents > 1 {
        let t = business_time(&mut rng, start, end);
        push(&mut plan, t, 0, Act::MoveAgent(1));
    }
    plan.sort_by(|a, b| a.at.cmp(&b.at).then(a.order.cmp(&b.order)));

    // The initial import: one bulk registration at the start.
    let mut ids: Vec<Option<CustomerId>> = vec![None; n];
    let imported: Vec<usize> = (0..n).filter(|&i| reg_at[i] == start).collect();
    let batch: Vec<RegisterCustomer> = imported.iter().filter_map(|&i| rows[i].take()).collect();
    let outcome = ws.register_customers(Meta::system(start), batch);
    for (&i, r) in imported.iter().zip(outcome.rows) {
        ids[i] = Some(ctx("bulk import", r)?);
    }

    let mut skipped = 0;
    let pick_agent = |rng: &mut Rng| agents[rng.index(agents.len())];
    for p in plan {
        let i = p.customer as usize;
        if let Act::MoveAgent(a) = p.act {
            let cmd = UpdateAgent {
                agent: agents[a as usize],
                name: None,
                team: Some(Some(TEAMS[(a as usize + 1) % TEAMS.len()].to_owned())),
                active: None,
            };
            ctx(
                "move agent",
                ws.execute(Meta::system(p.at), Command::UpdateAgent(cmd)),
            )?;
            continue;
        }
        if p.act == Act::Register {
            if let Some(row) = rows[i].take() {
                let meta = match row.owner {
                    Some(o) => Meta::agent(p.at, o),
                    None => Meta::system(p.at),
                };
                ids[i] = Some(ctx("register customer", ws.register_customer(meta, row))?);
            }
            continue;
        }
        let Some(id) = ids[i] else {
            skipped += 1;
            continue;
        };
        let customer = ctx("customer", ws.customer(id))?;
        let archived = customer.archived;
        let owner = customer.owner;
        let lifecycle = customer.lifecycle;
        let tier = customer.tier.clone();
        let tags = customer.tags.clone();
        if archived && p.act != Act::Restore {
            skipped += 1;
            continue;
        }
        let agent = owner.unwrap_or_else(|| pick_agent(&mut rng));
        let meta = Meta::agent(p.at, agent);
        let (step, cmd) = match p.act {
            Act::Interact => {
                let d = activity::interaction(&mut rng);
                let handler = d.with_agent.then_some(agent);
                let delay = Duration::seconds(rng.below(600) as i64);
                let cmd = LogInteraction {
                    network: d.network,
                    direction: d.direction,
                    subject: d.subject,
                    summary: d.summary,
                    agent: handler,
                    occurred_at: Some(p.at - delay),
                    duration_seconds: d.duration_seconds,
                    ..LogInteraction::new(id, d.channel)
                };
                let meta = if handler.is_some() {
                    meta
                } else {
                    Meta::system(p.at)
                };
                ctx("log interaction", ws.log_interaction(meta, cmd))?;
                continue;
            }
            Act::Tag => {
                let untag = !tags.is_empty() && rng.chance(0.2);
                if untag {
                    let t = tags[rng.index(tags.len())].clone();
                    let cmd = TagCustomer {
                        customer: id,
                        tags: vec![t],
                    };
                    ("untag", Command::UntagCustomer(cmd))
                } else {
                    let cmd = TagCustomer {
                        customer: id,
                        tags: vec![(*rng.pick(TAGS)).to_owned()],
                    };
                    ("tag", Command::TagCustomer(cmd))
                }
            }
            Act::Consent => {
                let (channel, purpose, granted) = activity::consent(&mut rng);
                let source = (*rng.pick(activity::CONSENT_SOURCES)).to_owned();
                let cmd = RecordConsent {
                    customer: id,
                    channel,
                    purpose,
                    granted,
                    source,
                };
                ("consent", Command::RecordConsent(cmd))
            }
            Act::Lifecycle => {
                let to = activity::next_lifecycle(&mut rng, lifecycle);
                let reason = rng.chance(0.3).then(|| "cập nhật sau cuộc gọi".to_owned());
                let cmd = ChangeLifecycle {
                    customer: id,
                    to,
                    reason,
                };
                ("lifecycle", Command::ChangeLifecycle(cmd))
            }
            Act::Tier => {
                let mut t = (*rng.pick(TIERS)).to_owned();
                if tier.as_deref() == Some(t.as_str()) {
                    t = TIERS[(TIERS.iter().position(|x| *x == t).unwrap_or(0) + 1) % TIERS.len()]
                        .to_owned();
                }
                let cmd = SetTier {
                    customer: id,
                    tier: Some(t),
                };
                ("tier", Command::SetTier(cmd))
            }
            Act::AddContact => {
                let contact = if rng.chance(0.5) {
                    ContactPoint::Phone {
                        number: gen.mobile(),
                        label: Some("di động 2".into()),
                    }
                } else {
                    let network =
                        *rng.pick(&[Network::Zalo, Network::Facebook, Network::Instagram]);
                    ContactPoint::Social {
                        network,
                        handle: format!("kh{}", id.uuid().simple()),
                        label: None,
                    }
                };
                let cmd = AddContactPoint {
                    customer: id,
                    contact,
                    allow_shared_contacts: false,
                };
                ("add contact", Command::AddContactPoint(cmd))
            }
            Act::Update => {
                let mut cmd = UpdateCustomer::new(id);
                match rng.below(3) {
                    0 => {
                        cmd.preferred_channel = Some(Some(*rng.pick(&[
                            Channel::Phone,
                            Channel::Social,
                            Channel::Email,
                        ])));
                    }
                    1 => {
                        let amount = 100_000 * (1 + rng.below(500) as i64);
                        cmd.attributes.insert(
                            "lifetime_value".into(),
                            Some(AttrValue::Money(Money {
                                amount_minor: amount,
                                currency: "VND".into(),
                            })),
                        );
                    }
                    _ => {
                        cmd.attributes.insert(
                            "note".into(),
                            Some(AttrValue::Text("thích liên hệ qua Zalo buổi tối".into())),
                        );
                    }
                }
                ("update", Command::UpdateCustomer(cmd))
            }
            Act::Membership(org) => {
                let Some(org_id) = ids[org as usize] else {
                    skipped += 1;
                    continue;
                };
                let role =
                    (*rng.pick(&["giám đốc", "kế toán", "trưởng phòng mua hàng", "nhân viên"]))
                        .to_owned();
                let cmd = AddMembership {
                    person: id,
                    organization: org_id,
                    role: Some(role),
                };
                ("membership", Command::AddMembership(cmd))
            }
            Act::Archive => {
                let cmd = ArchiveCustomer {
                    customer: id,
                    reason: Some("khách yêu cầu ngừng liên hệ".into()),
                };
                ("archive", Command::ArchiveCustomer(cmd))
            }
            Act::Restore => {
                if !archived {
                    skipped += 1;
                    continue;
                }
                let cmd = RestoreCustomer {
                    customer: id,
                    allow_shared_contacts: true,
                };
                ("restore", Command::RestoreCustomer(cmd))
            }
            Act::Register | Act::MoveAgent(_) => continue,
        };
        ctx(step, ws.execute(meta, cmd))?;
    }
    Ok(BuiltWorkspace {
        workspace: ws,
        agents,
        customers: ids.into_iter().flatten().collect(),
        skipped,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clientcare::{EventPayload, SeededIds};
    use std::collections::HashSet;

    #[test]
    fn builds_about_the_target_and_replays_equal() {
        let spec = WorkspaceSpec::new(8_000, 5);
        let built = build_workspace(&spec).unwrap();
        let ws = &built.workspace;
        let n = ws.events().len();
        assert!((6_400..9_600).contains(&n), "{n} events");
        assert_eq!(built.customers.len(), spec.customers());
        let types: HashSet<&str> = ws.events().iter().map(|e| e.payload.type_name()).collect();
        for t in [
            "customer_registered",
            "interaction_logged",
            "consent_recorded",
            "customer_tagged",
            "customer_untagged",
            "lifecycle_changed",
            "tier_changed",
            "contact_point_added",
            "customer_updated",
            "membership_added",
            "customer_archived",
            "agent_updated",
        ] {
            assert!(types.contains(t), "no {t} event");
        }
        let networks: HashSet<_> = ws
            .events()
            .iter()
            .filter_map(|e| match &e.payload {
                EventPayload::InteractionLogged { network, .. } => *network,
                _ => None,
            })
            .collect();
        assert_eq!(networks.len(), activity::NETWORKS.len());
        let copy = Workspace::replay(ws.events().to_vec(), Box::new(SeededIds::new(1))).unwrap();
        assert!(copy == *ws);
    }

    #[test]
    fn same_seed_same_log() {
        let a = build_workspace(&WorkspaceSpec::new(3000, 9)).unwrap();
        let b = build_workspace(&WorkspaceSpec::new(3000, 9)).unwrap();
        assert!(a.workspace == b.workspace);
        assert_eq!(a.workspace.export_jsonl(), b.workspace.export_jsonl());
    }
}
