//! The folded state and its indexes. `apply` is infallible; `check` validates an
//! event from outside before it is applied.

use crate::agent::Agent;
use crate::complaint::{Complaint, ComplaintSettings};
use crate::customer::{ContactPoint, Customer, CustomerKind};
use crate::error::{Error, Result};
use crate::event::{CustomerRegistered, EntityRef, Event, EventPayload, FORMAT_VERSION};
use crate::feedback::{FeedbackSettings, Survey, SurveyTemplate};
use crate::followup::FollowUp;
use crate::id::{
    AgentId, ComplaintId, CustomerId, FollowUpId, InteractionId, OpportunityId, PlaybookRunId,
    PurchaseId, ReferralId, SurveyId,
};
use crate::identity::search::SearchIndex;
use crate::interaction::{check_network, Interaction};
use crate::journey::{
    LoyaltySettings, Opportunity, Pipeline, Playbook, PlaybookRun, Purchase, Referral,
    DEFAULT_PIPELINE,
};
use crate::model::Actor;
use crate::sla::{Calendar, SlaPolicy};
use crate::text::is_e164;
use chrono::{DateTime, Utc};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Hash maps of the state: foldhash with a fixed seed is several times faster
/// than SipHash on ids and short keys, and deterministic (no process-wide seed).
pub(crate) type Map<K, V> = HashMap<K, V, foldhash::fast::FixedState>;

/// Customers holding one email or phone: almost always one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Holders {
    One(u32),
    Many(Vec<u32>),
}

impl Holders {
    fn as_slice(&self) -> &[u32] {
        match self {
            Holders::One(p) => std::slice::from_ref(p),
            Holders::Many(v) => v,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct State {
    pub default_region: Option<String>,
    pub region: Option<rlibphonenumber::Region>,
    pub agents: BTreeMap<AgentId, Agent>,
    pub customers: Vec<Customer>,
    pub customer_ix: Map<CustomerId, u32>,
    pub interactions: Vec<Interaction>,
    pub interaction_ix: Map<InteractionId, u32>,
    pub interactions_by_customer: Map<CustomerId, Vec<u32>>,
    pub by_email: Map<Box<str>, Holders>,
    pub by_phone: Map<Box<str>, Holders>,
    pub by_tag: Map<String, BTreeSet<u32>>,
    /// Customer search (names, emails, phones, tags), kept current by apply.
    pub search: SearchIndex,
    /// Per customer position: positions in the log of the events on its timeline.
    pub timeline: Vec<Vec<u32>>,
    pub complaints: Vec<Complaint>,
    pub complaint_ix: Map<ComplaintId, u32>,
    /// Per complaint position: positions in the log of its events.
    pub complaint_history: Vec<Vec<u32>>,
    /// Positions of complaints in a working state.
    pub active_complaints: BTreeSet<u32>,
    /// Positions of resolved complaints (what `tick` may auto-close).
    pub resolved_complaints: BTreeSet<u32>,
    pub complaints_by_customer: Map<CustomerId, Vec<u32>>,
    pub complaints_by_assignee: Map<AgentId, BTreeSet<u32>>,
    pub complaint_settings: ComplaintSettings,
    pub calendars: BTreeMap<String, Calendar>,
    /// SLA policies in precedence order.
    pub policies: Vec<SlaPolicy>,
    /// Interned tier names (tier id = index + 1; 0 = no tier).
    pub tier_names: Vec<String>,
    /// Per customer position: its tier id (a dense array, so SLA policy
    /// matching by tier never touches the customer record).
    pub customer_tier: Vec<u32>,
    /// Per policy (same order as `policies`): the ids of its tier conditions.
    pub policy_tiers: Vec<Vec<u32>>,
    /// Defined pipelines by key.
    pub pipelines: BTreeMap<String, Pipeline>,
    /// The built-in `sales` pipeline, used while none is defined under that key.
    pub default_pipeline: Pipeline,
    pub opportunities: Vec<Opportunity>,
    pub opportunity_ix: Map<OpportunityId, u32>,
    pub opportunity_history: Vec<Vec<u32>>,
    pub opportunities_by_customer: Map<CustomerId, Vec<u32>>,
    pub opportunities_by_owner: Map<AgentId, BTreeSet<u32>>,
    pub purchases: Vec<Purchase>,
    pub purchase_ix: Map<PurchaseId, u32>,
    pub purchases_by_customer: Map<CustomerId, Vec<u32>>,
    pub referrals: Vec<Referral>,
    pub referral_ix: Map<ReferralId, u32>,
    /// Referred customer -> their referral.
    pub referral_of: Map<CustomerId, u32>,
    pub referrals_by_referrer: Map<CustomerId, Vec<u32>>,
    pub loyalty: LoyaltySettings,
    pub follow_ups: Vec<FollowUp>,
    pub follow_up_ix: Map<FollowUpId, u32>,
    pub follow_ups_by_customer: Map<CustomerId, Vec<u32>>,
    /// Open follow-ups per agent, by (due time, position).
    pub agenda_by_agent: Map<AgentId, BTreeSet<(DateTime<Utc>, u32)>>,
    /// Open follow-ups per team, by (due time, position).
    pub agenda_by_team: Map<String, BTreeSet<(DateTime<Utc>, u32)>>,
    pub playbooks: Vec<Playbook>,
    pub playbook_runs: Vec<PlaybookRun>,
    pub playbook_run_ix: Map<PlaybookRunId, u32>,
    pub runs_by_customer: Map<CustomerId, Vec<u32>>,
    pub feedback: FeedbackSettings,
    pub survey_templates: BTreeMap<String, SurveyTemplate>,
    pub surveys: Vec<Survey>,
    pub survey_ix: Map<SurveyId, u32>,
    pub surveys_by_customer: Map<CustomerId, Vec<u32>>,
    /// Per customer position: the stage it was registered in and when it
    /// first became a customer (KPI facts the record does not keep).
    pub customer_facts: Vec<CustomerFacts>,
    /// Per complaint position: what the care KPIs read, kept current.
    pub care_facts: Vec<crate::kpi::facts::CareFacts>,
    /// Per complaint position: settled SLA outcomes, filled by KPI queries.
    pub care_memo: crate::kpi::facts::Memo,
    /// Every merge, in log order, with what it takes to undo it.
    pub merges: Vec<crate::identity::merge::MergeRecord>,
}

/// What KPIs need to know about a customer's past.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CustomerFacts {
    pub registered_as: crate::customer::Lifecycle,
    pub converted_at: Option<DateTime<Utc>>,
}

fn add_holder(map: &mut Map<Box<str>, Holders>, key: &str, pos: u32) {
    match map.get_mut(key) {
        None => {
            map.insert(Box::from(key), Holders::One(pos));
        }
        Some(Holders::One(p)) if *p == pos => {}
        Some(h @ Holders::One(_)) => {
            let first = h.as_slice()[0];
            *h = Holders::Many(vec![first, pos]);
        }
        Some(Holders::Many(v)) => {
            if !v.contains(&pos) {
                v.push(pos);
            }
        }
    }
}

fn remove_holder(map: &mut Map<Box<str>, Holders>, key: &str, pos: u32) {
    let empty = match map.get_mut(key) {
        Some(Holders::One(p)) => *p == pos,
        Some(Holders::Many(v)) => {
            v.retain(|p| *p != pos);
            if v.len() == 1 {
                let only = v[0];
                map.insert(Box::from(key), Holders::One(only));
            }
            false
        }
        None => false,
    };
    if empty {
        map.remove(key);
    }
}

impl State {
    pub fn customer(&self, id: CustomerId) -> Result<&Customer> {
        self.customer_ix
            .get(&id)
            .map(|&p| &self.customers[p as usize])
            .ok_or_else(|| Error::not_found(CustomerId::ENTITY, id))
    }

    pub fn agent(&self, id: AgentId) -> Result<&Agent> {
        self.agents
            .get(&id)
            .ok_or_else(|| Error::not_found(AgentId::ENTITY, id))
    }

    pub fn complaint(&self, id: ComplaintId) -> Result<&Complaint> {
        self.complaint_ix
            .get(&id)
            .map(|&p| &self.complaints[p as usize])
            .ok_or_else(|| Error::not_found(ComplaintId::ENTITY, id))
    }

    /// The customer, unless archived (`invalid_transition` naming `action`;
    /// what an archived customer still allows: restore, record consent).
    pub fn active_customer(&self, id: CustomerId, action: &str) -> Result<&Customer> {
        let c = self.customer(id)?;
        if c.erased_at.is_some() || c.merged_into.is_some() {
            return Err(Error::InvalidTransition {
                entity: "customer",
                id: id.to_string(),
                action: action.into(),
                current: if c.erased_at.is_some() {
                    "erased".into()
                } else {
                    format!("merged into {}", self.resolve(id))
                },
                allowed: Vec::new(),
            });
        }
        if c.archived {
            return Err(Error::InvalidTransition {
                entity: "customer",
                id: id.to_string(),
                action: action.into(),
                current: "archived".into(),
                allowed: vec!["restore".into(), "record consent".into()],
            });
        }
        Ok(c)
    }

    /// The agent, if registered and active (`invalid_input` on `field` when inactive).
    pub fn active_agent(&self, field: &str, id: AgentId) -> Result<&Agent> {
        let a = self.agent(id)?;
        if !a.active {
            return Err(Error::invalid_input(
                field,
                id.to_string(),
                "the agent is inactive; choose an active agent",
            ));
        }
        Ok(a)
    }

    /// A pipeline by key (the built-in one for `sales` until it is defined).
    pub fn pipeline(&self, key: &str) -> Option<&Pipeline> {
        self.pipelines
            .get(key)
            .or_else(|| (key == DEFAULT_PIPELINE).then_some(&self.default_pipeline))
    }

    pub fn opportunity(&self, id: OpportunityId) -> Result<&Opportunity> {
        self.opportunity_ix
            .get(&id)
            .map(|&p| &self.opportunities[p as usize])
            .ok_or_else(|| Error::not_found(OpportunityId::ENTITY, id))
    }

    pub fn follow_up(&self, id: FollowUpId) -> Result<&FollowUp> {
        self.follow_up_ix
            .get(&id)
            .map(|&p| &self.follow_ups[p as usize])
            .ok_or_else(|| Error::not_found(FollowUpId::ENTITY, id))
    }

    pub fn purchase(&self, id: PurchaseId) -> Result<&Purchase> {
        self.purchase_ix
            .get(&id)
            .map(|&p| &self.purchases[p as usize])
            .ok_or_else(|| Error::not_found(PurchaseId::ENTITY, id))
    }

    pub fn referral(&self, id: ReferralId) -> Result<&Referral> {
        self.referral_ix
            .get(&id)
            .map(|&p| &self.referrals[p as usize])
            .ok_or_else(|| Error::not_found(ReferralId::ENTITY, id))
    }

    pub fn interaction(&self, id: InteractionId) -> Result<&Interaction> {
        self.interaction_ix
            .get(&id)
            .map(|&p| &self.interactions[p as usize])
            .ok_or_else(|| Error::not_found(InteractionId::ENTITY, id))
    }

    /// The id of tier `name` (0 for none), interning it on first sight.
    fn intern_tier(&mut self, name: Option<&str>) -> u32 {
        let Some(name) = name else { return 0 };
        if let Some(i) = self.tier_names.iter().position(|t| t == name) {
            return u32::try_from(i + 1).unwrap_or(u32::MAX);
        }
        self.tier_names.push(name.to_owned());
        self.refresh_policy_tiers();
        u32::try_from(self.tier_names.len()).unwrap_or(u32::MAX)
    }

    /// Recomputes the tier ids of every policy's conditions.
    pub(crate) fn refresh_policy_tiers(&mut self) {
        let names = &self.tier_names;
        self.policy_tiers = self
            .policies
            .iter()
            .map(|p| {
                p.conditions
                    .tiers
                    .iter()
                    .filter_map(|t| names.iter().position(|n| n == t))
                    .map(|i| u32::try_from(i + 1).unwrap_or(u32::MAX))
                    .collect()
            })
            .collect();
    }

    /// Makes room for `n` more customers in the record list and its indexes.
    pub fn reserve_customers(&mut self, n: usize) {
        self.customers.reserve(n);
        self.customer_tier.reserve(n);
        self.customer_ix.reserve(n);
        self.timeline.reserve(n);
    }

    pub fn email_holders(&self, email: &str) -> &[u32] {
        self.by_email.get(email).map_or(&[], Holders::as_slice)
    }

    pub fn phone_holders(&self, phone: &str) -> &[u32] {
        self.by_phone.get(phone).map_or(&[], Holders::as_slice)
    }

    pub(crate) fn unindex_contact(&mut self, pos: u32, c: &ContactPoint) {
        self.index_contact(pos, c, false);
    }

    pub(crate) fn reindex_contact(&mut self, pos: u32, c: &ContactPoint) {
        self.index_contact(pos, c, true);
    }

    pub(crate) fn tier_id(&mut self, name: Option<&str>) -> u32 {
        self.intern_tier(name)
    }

    fn index_contact(&mut self, pos: u32, c: &ContactPoint, add: bool) {
        let (map, key) = match c {
            ContactPoint::Email { address, .. } => (&mut self.by_email, address.as_str()),
            ContactPoint::Phone { number, .. } => (&mut self.by_phone, number.as_str()),
            _ => return,
        };
        if add {
            add_holder(map, key, pos);
        } else {
            remove_holder(map, key, pos);
        }
    }

    /// Validates an event read from outside against the state before it.
    pub fn check(&self, ev: &Event, expected_seq: u64) -> Result<(), String> {
        if ev.v != FORMAT_VERSION {
            return Err(format!(
                "format version {} is not supported (this build reads version {FORMAT_VERSION})",
                ev.v
            ));
        }
        if ev.seq != expected_seq {
            return Err(format!(
                "sequence {} where {expected_seq} was expected (a gap, a duplicate or a reordering)",
                ev.seq
            ));
        }
        if !(0..=253_402_300_799).contains(&ev.at.timestamp()) {
            return Err("time before 1970 or after 9999".into());
        }
        if let Actor::Agent(a) = ev.actor {
            if !self.agents.contains_key(&a) {
                return Err(format!("actor agent {a} is not registered"));
            }
        }
        let known_customer = |id: &CustomerId| -> Result<&Customer, String> {
            let c = self
                .customer(*id)
                .map_err(|_| format!("customer {id} is not registered"))?;
            match c.merged_into {
                Some(s) => Err(format!(
                    "customer {id} was merged into {s}; later events name the survivor"
                )),
                None => Ok(c),
            }
        };
        let known_agent = |id: &AgentId| -> Result<(), String> {
            if self.agents.contains_key(id) {
                Ok(())
            } else {
                Err(format!("agent {id} is not registered"))
            }
        };
        let contact_ok = |c: &ContactPoint| -> Result<(), String> {
            match c {
                ContactPoint::Email { address, .. }
                    if crate::text::normalize_email("email", address)
                        .ok()
                        .as_deref()
                        != Some(address.as_str()) =>
                {
                    Err(format!("email {address:?} is not a normalised address"))
                }
                ContactPoint::Phone { number, .. } if !is_e164(number) => {
                    Err(format!("phone {number:?} is not in E.164 form"))
                }
                _ => Ok(()),
            }
        };
        match (&ev.entity, &ev.payload) {
            (EntityRef::Workspace, EventPayload::WorkspaceConfigured { default_region }) => {
                if let Some(r) = default_region {
                    crate::text::parse_region(r).map_err(|e| e.to_string())?;
                }
                Ok(())
            }
            (EntityRef::Agent(id), EventPayload::AgentRegistered { name, .. }) => {
                if self.agents.contains_key(id) {
                    return Err(format!("agent {id} is registered twice"));
                }
                if name.trim().is_empty() {
                    return Err("agent name is empty".into());
                }
                Ok(())
            }
            (EntityRef::Agent(id), EventPayload::AgentUpdated { .. }) => known_agent(id),
            (EntityRef::Customer(id), EventPayload::CustomerRegistered(reg)) => {
                let CustomerRegistered {
                    names,
                    contacts,
                    owner,
                    ..
                } = reg.as_ref();
                if self.customer_ix.contains_key(id) {
                    return Err(format!("customer {id} is registered twice"));
                }
                if names.full.trim().is_empty() {
                    return Err("customer full name is empty".into());
                }
                if let Some(o) = owner {
                    known_agent(o)?;
                }
                contacts.iter().try_for_each(contact_ok)
            }
            (EntityRef::Customer(id), p) => {
                let c = known_customer(id)?;
                match p {
                    EventPayload::CustomerUpdated { changes } => match changes.owner {
                        Some(Some(o)) => known_agent(&o),
                        _ => Ok(()),
                    },
                    EventPayload::ContactPointAdded { contact } => contact_ok(contact),
                    EventPayload::ContactPointRemoved { contact } => {
                        if c.contacts.iter().any(|x| x.same_point(contact)) {
                            Ok(())
                        } else {
                            Err("removes a contact point the customer does not have".into())
                        }
                    }
                    EventPayload::MembershipAdded { membership } => {
                        let o = known_customer(&membership.organization)?;
                        if c.kind == CustomerKind::Person && o.kind == CustomerKind::Organization {
                            Ok(())
                        } else {
                            Err("a membership links a person to an organisation".into())
                        }
                    }
                    EventPayload::MembershipRemoved { organization } => {
                        known_customer(organization).map(|_| ())
                    }
                    EventPayload::CustomersMerged(m) => self.check_merge(c, m),
                    EventPayload::CustomersUnmerged { merged } => self.check_unmerge(c, merged),
                    EventPayload::CustomerErased { merged } => {
                        if c.erased_at.is_some() {
                            return Err(format!("customer {id} is erased twice"));
                        }
                        let group: Vec<CustomerId> = self
                            .merge_group(c.id)
                            .into_iter()
                            .skip(1)
                            .map(|p| self.customers[p as usize].id)
                            .collect();
                        if &group == merged {
                            Ok(())
                        } else {
                            Err("the customers erased with it are not those merged into it".into())
                        }
                    }
                    EventPayload::ConsentRecorded { .. }
                    | EventPayload::CustomerTagged { .. }
                    | EventPayload::CustomerUntagged { .. }
                    | EventPayload::LifecycleChanged { .. }
                    | EventPayload::TierChanged { .. }
                    | EventPayload::CustomerArchived { .. }
                    | EventPayload::CustomerRestored {} => Ok(()),
                    other => Err(format!(
                        "a {} event cannot concern a customer",
                        other.type_name()
                    )),
                }
            }
            (
                EntityRef::Interaction(id),
                EventPayload::InteractionLogged {
                    customer,
                    agent,
                    channel,
                    network,
                    ..
                },
            ) => {
                if self.interaction_ix.contains_key(id) {
                    return Err(format!("interaction {id} is logged twice"));
                }
                known_customer(customer)?;
                if let Some(a) = agent {
                    known_agent(a)?;
                }
                check_network(*channel, *network)
            }
            (EntityRef::Complaint(id), _) => self.check_complaint(*id, ev),
            (EntityRef::FollowUp(id), _) => self.check_follow_up(*id, ev),
            (
                EntityRef::Workspace,
                EventPayload::PlaybookDefined { .. } | EventPayload::PlaybookRemoved { .. },
            )
            | (EntityRef::PlaybookRun(_), _) => self.check_playbook(ev),
            (
                EntityRef::Workspace,
                EventPayload::PipelineDefined { .. } | EventPayload::LoyaltyConfigured { .. },
            )
            | (EntityRef::Opportunity(_) | EntityRef::Purchase(_) | EntityRef::Referral(_), _) => {
                self.check_journey(ev)
            }
            (
                EntityRef::Workspace,
                EventPayload::SurveyDefined { .. }
                | EventPayload::SurveyRemoved { .. }
                | EventPayload::FeedbackConfigured { .. },
            )
            | (EntityRef::Survey(_), _) => self.check_feedback(ev),
            (EntityRef::Workspace, p) => self.check_sla_config(p),
            (entity, p) => Err(format!(
                "a {} event cannot concern {entity:?}",
                p.type_name()
            )),
        }
    }

    /// Applies an event that passed validation. `log_pos` is its position in the log.
    pub fn apply(&mut self, ev: &Event, log_pos: u32) {
        match (&ev.entity, &ev.payload) {
            (EntityRef::Workspace, EventPayload::WorkspaceConfigured { default_region }) => {
                self.default_region.clone_from(default_region);
                self.region = default_region
                    .as_deref()
                    .and_then(|r| crate::text::parse_region(r).ok());
            }
            (EntityRef::Agent(id), EventPayload::AgentRegistered { name, team, email }) => {
                self.agents.insert(
                    *id,
                    Agent {
                        id: *id,
                        name: name.clone(),
                        team: team.clone(),
                        email: email.clone(),
                        active: true,
                    },
                );
            }
            (EntityRef::Agent(id), EventPayload::AgentUpdated { name, team, active }) => {
                if let Some(a) = self.agents.get_mut(id) {
                    if let Some(n) = name {
                        a.name.clone_from(n);
                    }
                    if let Some(t) = team {
                        a.team.clone_from(t);
                    }
                    if let Some(x) = active {
                        a.active = *x;
                    }
                }
            }
            (EntityRef::Customer(id), EventPayload::CustomerRegistered(reg)) => {
                let CustomerRegistered {
                    kind,
                    names,
                    contacts,
                    preferred_channel,
                    language,
                    time_zone,
                    tags,
                    attributes,
                    owner,
                    lifecycle,
                    tier,
                } = reg.as_ref();
                let pos = u32::try_from(self.customers.len()).unwrap_or(u32::MAX);
                self.customer_ix.insert(*id, pos);
                for c in contacts {
                    self.index_contact(pos, c, true);
                }
                for t in tags {
                    self.by_tag.entry(t.clone()).or_default().insert(pos);
                }
                let tier_id = self.intern_tier(tier.as_deref());
                self.customer_tier.push(tier_id);
                self.customer_facts.push(CustomerFacts {
                    registered_as: *lifecycle,
                    converted_at: None,
                });
                self.customers.push(Customer {
                    id: *id,
                    kind: *kind,
                    names: names.clone(),
                    contacts: contacts.clone(),
                    preferred_channel: *preferred_channel,
                    language: language.clone(),
                    time_zone: time_zone.clone(),
                    tags: tags.clone(),
                    attributes: attributes.clone(),
                    owner: *owner,
                    lifecycle: *lifecycle,
                    tier: tier.clone(),
                    consents: Vec::new(),
                    memberships: Vec::new(),
                    archived: false,
                    merged_into: None,
                    erased_at: None,
                    created_at: ev.at,
                    updated_at: ev.at,
                });
                self.timeline.push(vec![log_pos]);
                self.search.update(pos, &self.customers[pos as usize]);
            }
            (EntityRef::Customer(id), EventPayload::CustomersMerged(m)) => {
                self.apply_merge(*id, m, ev.at, log_pos);
            }
            (EntityRef::Customer(id), EventPayload::CustomersUnmerged { .. }) => {
                self.apply_unmerge(*id, ev.at, log_pos);
            }
            (EntityRef::Customer(id), EventPayload::CustomerErased { .. }) => {
                self.apply_erase(*id, ev.at, log_pos);
            }
            (EntityRef::Customer(id), payload) => {
                let Some(&pos) = self.customer_ix.get(id) else {
                    return;
                };
                self.apply_to_customer(pos, payload, ev.at);
                self.forget_customer_outcomes(*id);
                if let Some(t) = self.timeline.get_mut(pos as usize) {
                    t.push(log_pos);
                }
                if let EventPayload::MembershipAdded { membership } = payload {
                    if let Some(&org) = self.customer_ix.get(&membership.organization) {
                        if let Some(t) = self.timeline.get_mut(org as usize) {
                            t.push(log_pos);
                        }
                    }
                }
            }
            (
                EntityRef::Interaction(id),
                EventPayload::InteractionLogged {
                    customer,
                    channel,
                    network,
                    direction,
                    subject,
                    summary,
                    agent,
                    occurred_at,
                    duration_seconds,
                },
            ) => {
                let ipos = u32::try_from(self.interactions.len()).unwrap_or(u32::MAX);
                self.interaction_ix.insert(*id, ipos);
                self.interactions_by_customer
                    .entry(*customer)
                    .or_default()
                    .push(ipos);
                self.interactions.push(Interaction {
                    id: *id,
                    customer: *customer,
                    channel: *channel,
                    network: *network,
                    direction: *direction,
                    subject: subject.clone(),
                    summary: summary.clone(),
                    agent: *agent,
                    occurred_at: *occurred_at,
                    duration_seconds: *duration_seconds,
                });
                if let Some(&pos) = self.customer_ix.get(customer) {
                    if let Some(t) = self.timeline.get_mut(pos as usize) {
                        t.push(log_pos);
                    }
                }
                self.touch_opportunities(*customer, *occurred_at);
            }
            (EntityRef::Complaint(id), _) => self.apply_complaint(*id, ev, log_pos),
            (EntityRef::FollowUp(id), _) => self.apply_follow_up(*id, ev, log_pos),
            (
                EntityRef::Workspace,
                EventPayload::PlaybookDefined { .. } | EventPayload::PlaybookRemoved { .. },
            )
            | (EntityRef::PlaybookRun(_), _) => self.apply_playbook(ev, log_pos),
            (
                EntityRef::Workspace,
                EventPayload::PipelineDefined { .. } | EventPayload::LoyaltyConfigured { .. },
            )
            | (EntityRef::Opportunity(_) | EntityRef::Purchase(_) | EntityRef::Referral(_), _) => {
                self.apply_journey(ev, log_pos);
            }
            (
                EntityRef::Workspace,
                EventPayload::SurveyDefined { .. }
                | EventPayload::SurveyRemoved { .. }
                | EventPayload::FeedbackConfigured { .. },
            )
            | (EntityRef::Survey(_), _) => self.apply_feedback(ev, log_pos),
            (EntityRef::Workspace, p) => self.apply_sla_config(p),
            _ => {}
        }
    }

    fn apply_to_customer(
        &mut self,
        pos: u32,
        payload: &EventPayload,
        at: chrono::DateTime<chrono::Utc>,
    ) {
        let p = pos as usize;
        match payload {
            EventPayload::CustomerUpdated { changes } => {
                let c = &mut self.customers[p];
                if let Some(v) = &changes.full_name {
                    c.names.full.clone_from(v);
                }
                if let Some(v) = &changes.given_name {
                    c.names.given.clone_from(v);
                }
                if let Some(v) = &changes.family_name {
                    c.names.family.clone_from(v);
                }
                if let Some(v) = &changes.display_name {
                    c.names.display.clone_from(v);
                }
                if let Some(v) = changes.preferred_channel {
                    c.preferred_channel = v;
                }
                if let Some(v) = &changes.language {
                    c.language.clone_from(v);
                }
                if let Some(v) = &changes.time_zone {
                    c.time_zone.clone_from(v);
                }
                if let Some(v) = changes.owner {
                    c.owner = v;
                }
                for (k, v) in &changes.attributes {
                    match v {
                        Some(v) => {
                            c.attributes.insert(k.clone(), v.clone());
                        }
                        None => {
                            c.attributes.remove(k);
                        }
                    }
                }
            }
            EventPayload::ContactPointAdded { contact } => {
                self.customers[p].contacts.push(contact.clone());
                self.index_contact(pos, contact, true);
            }
            EventPayload::ContactPointRemoved { contact } => {
                self.customers[p]
                    .contacts
                    .retain(|c| !c.same_point(contact));
                self.index_contact(pos, contact, false);
            }
            EventPayload::ConsentRecorded { consent } => {
                let list = &mut self.customers[p].consents;
                match list
                    .iter_mut()
                    .find(|c| c.channel == consent.channel && c.purpose == consent.purpose)
                {
                    Some(existing) => *existing = consent.clone(),
                    None => list.push(consent.clone()),
                }
            }
            EventPayload::CustomerTagged { tags } => {
                for t in tags {
                    let list = &mut self.customers[p].tags;
                    if let Err(i) = list.binary_search(t) {
                        list.insert(i, t.clone());
                    }
                    self.by_tag.entry(t.clone()).or_default().insert(pos);
                }
            }
            EventPayload::CustomerUntagged { tags } => {
                for t in tags {
                    self.customers[p].tags.retain(|x| x != t);
                    if let Some(set) = self.by_tag.get_mut(t) {
                        set.remove(&pos);
                        if set.is_empty() {
                            self.by_tag.remove(t);
                        }
                    }
                }
            }
            EventPayload::LifecycleChanged { to, .. } => {
                self.customers[p].lifecycle = *to;
                if matches!(
                    to,
                    crate::customer::Lifecycle::Customer | crate::customer::Lifecycle::Loyal
                ) {
                    if let Some(f) = self.customer_facts.get_mut(p) {
                        f.converted_at.get_or_insert(at);
                    }
                }
            }
            EventPayload::TierChanged { to, .. } => {
                self.customers[p].tier.clone_from(to);
                let id = self.intern_tier(to.as_deref());
                if let Some(t) = self.customer_tier.get_mut(p) {
                    *t = id;
                }
            }
            EventPayload::CustomerArchived { .. } => self.customers[p].archived = true,
            EventPayload::CustomerRestored {} => self.customers[p].archived = false,
            EventPayload::MembershipAdded { membership } => {
                let list = &mut self.customers[p].memberships;
                match list
                    .iter_mut()
                    .find(|m| m.organization == membership.organization)
                {
                    Some(m) => *m = membership.clone(),
                    None => list.push(membership.clone()),
                }
            }
            EventPayload::MembershipRemoved { organization } => {
                self.customers[p]
                    .memberships
                    .retain(|m| m.organization != *organization);
            }
            _ => {}
        }
        self.customers[p].updated_at = at;
        self.search.update(pos, &self.customers[p]);
    }
}
