//! Checking and folding journey events.

use super::model::{Opportunity, Purchase, Referral, ReferralStatus};
use super::pipeline::StageKind;
use crate::event::{EntityRef, Event, EventPayload};
use crate::workspace::State;

impl State {
    /// Checks a journey event from an untrusted log against the state before it.
    pub(crate) fn check_journey(&self, ev: &Event) -> Result<(), String> {
        let known_customer = |c| {
            if self.customer_ix.contains_key(c) {
                Ok(())
            } else {
                Err(format!("customer {c} is not registered"))
            }
        };
        match (&ev.entity, &ev.payload) {
            (EntityRef::Workspace, EventPayload::PipelineDefined { pipeline }) => (**pipeline)
                .clone()
                .normalized()
                .map(|_| ())
                .map_err(|e| e.to_string()),
            (EntityRef::Workspace, EventPayload::LoyaltyConfigured { .. }) => Ok(()),
            (EntityRef::Opportunity(id), EventPayload::OpportunityOpened(o)) => {
                if self.opportunity_ix.contains_key(id) {
                    return Err(format!("opportunity {id} is opened twice"));
                }
                known_customer(&o.customer)?;
                let p = self
                    .pipeline(&o.pipeline)
                    .ok_or_else(|| format!("pipeline {:?} is not defined", o.pipeline))?;
                match p.stage(&o.stage) {
                    Some(s) if s.kind == StageKind::Open => Ok(()),
                    _ => Err(format!(
                        "{:?} is not an open stage of {:?}",
                        o.stage, o.pipeline
                    )),
                }
            }
            (EntityRef::Opportunity(id), p) => {
                let o = self
                    .opportunity(*id)
                    .map_err(|_| format!("opportunity {id} is not opened"))?;
                match p {
                    EventPayload::OpportunityUpdated { .. } => Ok(()),
                    EventPayload::OpportunityMoved { from, to, .. } => {
                        let pl = self
                            .pipeline(&o.pipeline)
                            .ok_or_else(|| format!("pipeline {:?} is not defined", o.pipeline))?;
                        if from != &o.stage || pl.stage(to).is_none() || from == to {
                            return Err(format!("opportunity {id} cannot move {from} -> {to}"));
                        }
                        Ok(())
                    }
                    other => Err(format!(
                        "a {} event cannot concern an opportunity",
                        other.type_name()
                    )),
                }
            }
            (EntityRef::Purchase(id), EventPayload::PurchaseRecorded(p)) => {
                crate::model::check_time("occurred_at", p.occurred_at)
                    .map_err(|e| e.to_string())?;
                if p.amount.amount_minor < 0 {
                    return Err(format!("purchase {id} has a negative amount"));
                }
                if self.purchase_ix.contains_key(id) {
                    return Err(format!("purchase {id} is recorded twice"));
                }
                if let Some(o) = p.opportunity {
                    self.opportunity(o)
                        .map_err(|_| format!("opportunity {o} is not opened"))?;
                }
                known_customer(&p.customer)
            }
            (
                EntityRef::Referral(id),
                EventPayload::ReferralRecorded {
                    referrer, referred, ..
                },
            ) => {
                if self.referral_ix.contains_key(id) {
                    return Err(format!("referral {id} is recorded twice"));
                }
                if self.referral_of.contains_key(referred) || referrer == referred {
                    return Err(format!("customer {referred} cannot be referred again"));
                }
                known_customer(referrer)?;
                known_customer(referred)
            }
            (EntityRef::Referral(id), p) => {
                let r = self
                    .referral(*id)
                    .map_err(|_| format!("referral {id} is not recorded"))?;
                match (p, r.status) {
                    (EventPayload::ReferralQualified { purchase }, ReferralStatus::Pending) => {
                        if self.purchase_ix.contains_key(purchase) {
                            Ok(())
                        } else {
                            Err(format!("purchase {purchase} is not recorded"))
                        }
                    }
                    (EventPayload::ReferralRewarded { .. }, ReferralStatus::Qualified) => Ok(()),
                    (other, s) => Err(format!(
                        "a {} event cannot apply to a {s:?} referral",
                        other.type_name()
                    )),
                }
            }
            (entity, p) => Err(format!(
                "a {} event cannot concern {entity:?}",
                p.type_name()
            )),
        }
    }

    /// Folds a journey event (already checked).
    pub(crate) fn apply_journey(&mut self, ev: &Event, log_pos: u32) {
        let at = ev.at;
        match (&ev.entity, &ev.payload) {
            (EntityRef::Workspace, EventPayload::PipelineDefined { pipeline }) => {
                self.pipelines
                    .insert(pipeline.key.clone(), (**pipeline).clone());
            }
            (EntityRef::Workspace, EventPayload::LoyaltyConfigured { settings }) => {
                self.loyalty = (**settings).clone();
            }
            (EntityRef::Opportunity(id), EventPayload::OpportunityOpened(o)) => {
                let pos = u32::try_from(self.opportunities.len()).unwrap_or(u32::MAX);
                self.opportunity_ix.insert(*id, pos);
                self.opportunities.push(Opportunity {
                    id: *id,
                    customer: o.customer,
                    pipeline: o.pipeline.clone(),
                    title: o.title.clone(),
                    value: o.value.clone(),
                    expected_close: o.expected_close,
                    source: o.source.clone(),
                    owner: o.owner,
                    stage: o.stage.clone(),
                    status: StageKind::Open,
                    lost_reason: None,
                    purchase: None,
                    reopen_count: 0,
                    created_at: at,
                    updated_at: at,
                    stage_entered_at: at,
                    last_activity_at: at,
                    closed_at: None,
                });
                self.opportunity_history.push(vec![log_pos]);
                self.opportunities_by_customer
                    .entry(o.customer)
                    .or_default()
                    .push(pos);
                if let Some(a) = o.owner {
                    self.opportunities_by_owner
                        .entry(a)
                        .or_default()
                        .insert(pos);
                }
                self.on_customer_timeline(o.customer, log_pos);
            }
            (EntityRef::Opportunity(id), p) => {
                let Some(&pos) = self.opportunity_ix.get(id) else {
                    return;
                };
                let kind_of = |st: &State, pipeline: &str, stage: &str| {
                    st.pipeline(pipeline)
                        .and_then(|p| p.stage(stage))
                        .map_or(StageKind::Open, |s| s.kind)
                };
                let (pipeline, old_owner) = {
                    let o = &self.opportunities[pos as usize];
                    (o.pipeline.clone(), o.owner)
                };
                let new_kind = match p {
                    EventPayload::OpportunityMoved { to, .. } => Some(kind_of(self, &pipeline, to)),
                    _ => None,
                };
                let o = &mut self.opportunities[pos as usize];
                match p {
                    EventPayload::OpportunityUpdated { changes } => {
                        if let Some(t) = &changes.title {
                            o.title.clone_from(t);
                        }
                        if let Some(v) = &changes.value {
                            o.value = v.clone();
                        }
                        if let Some(d) = changes.expected_close {
                            o.expected_close = d;
                        }
                        if let Some(w) = changes.owner {
                            o.owner = w;
                        }
                    }
                    EventPayload::OpportunityMoved {
                        to, lost_reason, ..
                    } => {
                        let kind = new_kind.unwrap_or(StageKind::Open);
                        if o.status != StageKind::Open && kind == StageKind::Open {
                            o.reopen_count += 1;
                            o.closed_at = None;
                        }
                        if kind != StageKind::Open {
                            o.closed_at = Some(at);
                        }
                        o.stage.clone_from(to);
                        o.status = kind;
                        o.lost_reason.clone_from(lost_reason);
                        o.stage_entered_at = at;
                    }
                    _ => {}
                }
                o.updated_at = at;
                o.last_activity_at = o.last_activity_at.max(at);
                let (customer, new_owner) = (o.customer, o.owner);
                if old_owner != new_owner {
                    if let Some(a) = old_owner {
                        if let Some(set) = self.opportunities_by_owner.get_mut(&a) {
                            set.remove(&pos);
                        }
                    }
                    if let Some(a) = new_owner {
                        self.opportunities_by_owner
                            .entry(a)
                            .or_default()
                            .insert(pos);
                    }
                }
                self.opportunity_history[pos as usize].push(log_pos);
                self.on_customer_timeline(customer, log_pos);
            }
            (EntityRef::Purchase(id), EventPayload::PurchaseRecorded(p)) => {
                let pos = u32::try_from(self.purchases.len()).unwrap_or(u32::MAX);
                self.purchase_ix.insert(*id, pos);
                self.purchases.push(Purchase {
                    id: *id,
                    customer: p.customer,
                    items: p.items.clone(),
                    description: p.description.clone(),
                    amount: p.amount.clone(),
                    channel: p.channel,
                    occurred_at: p.occurred_at,
                    opportunity: p.opportunity,
                });
                self.purchases_by_customer
                    .entry(p.customer)
                    .or_default()
                    .push(pos);
                if let Some(o) = p.opportunity {
                    if let Some(&op) = self.opportunity_ix.get(&o) {
                        self.opportunities[op as usize].purchase = Some(*id);
                    }
                }
                self.on_customer_timeline(p.customer, log_pos);
            }
            (
                EntityRef::Referral(id),
                EventPayload::ReferralRecorded {
                    referrer,
                    referred,
                    note,
                },
            ) => {
                let pos = u32::try_from(self.referrals.len()).unwrap_or(u32::MAX);
                self.referral_ix.insert(*id, pos);
                self.referrals.push(Referral {
                    id: *id,
                    referrer: *referrer,
                    referred: *referred,
                    referred_at: at,
                    note: note.clone(),
                    status: ReferralStatus::Pending,
                    qualifying_purchase: None,
                    reward: None,
                });
                self.referral_of.insert(*referred, pos);
                self.referrals_by_referrer
                    .entry(*referrer)
                    .or_default()
                    .push(pos);
                self.on_customer_timeline(*referrer, log_pos);
            }
            (EntityRef::Referral(id), p) => {
                let Some(&pos) = self.referral_ix.get(id) else {
                    return;
                };
                let r = &mut self.referrals[pos as usize];
                match p {
                    EventPayload::ReferralQualified { purchase } => {
                        r.status = ReferralStatus::Qualified;
                        r.qualifying_purchase = Some(*purchase);
                    }
                    EventPayload::ReferralRewarded { reward } => {
                        r.status = ReferralStatus::Rewarded;
                        r.reward = Some(reward.clone());
                    }
                    _ => {}
                }
                let referrer = r.referrer;
                self.on_customer_timeline(referrer, log_pos);
            }
            _ => {}
        }
    }

    /// An interaction with a customer is activity on their open opportunities.
    pub(crate) fn touch_opportunities(
        &mut self,
        customer: crate::id::CustomerId,
        at: chrono::DateTime<chrono::Utc>,
    ) {
        if let Some(list) = self.opportunities_by_customer.get(&customer) {
            for &p in list {
                let o = &mut self.opportunities[p as usize];
                if o.status == StageKind::Open && at > o.last_activity_at {
                    o.last_activity_at = at;
                }
            }
        }
    }
}
