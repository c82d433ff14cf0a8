//! Journey queries: pipeline board, weighted forecast, an owner's deals,
//! rotting deals, purchases and referrals.

use super::model::{Opportunity, Purchase, Referral};
use super::pipeline::{Pipeline, StageKind};
use crate::error::{Error, Result};
use crate::event::Event;
use crate::id::{AgentId, CustomerId, OpportunityId, PurchaseId, ReferralId};
use crate::model::Money;
use crate::workspace::Workspace;
use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use std::collections::BTreeMap;

/// Money totals, one per currency (sums never mix currencies).
pub type Totals = Vec<Money>;

fn add(totals: &mut BTreeMap<String, i64>, m: &Money) {
    let t = totals.entry(m.currency.clone()).or_insert(0);
    *t = t.saturating_add(m.amount_minor);
}

fn totals(map: BTreeMap<String, i64>) -> Totals {
    map.into_iter()
        .map(|(currency, amount_minor)| Money {
            amount_minor,
            currency,
        })
        .collect()
}

/// One column of a pipeline board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BoardColumn {
    /// Stage key.
    pub stage: String,
    /// Open, won or lost.
    pub kind: StageKind,
    /// Win probability, percent.
    pub probability: u8,
    /// How many opportunities are in it.
    pub count: usize,
    /// Their total value, per currency.
    pub value: Totals,
    /// Their total value times the stage probability, per currency (minor
    /// units rounded down).
    pub weighted: Totals,
}

/// A pipeline board: one column per stage, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Board {
    /// The pipeline key.
    pub pipeline: String,
    /// The columns.
    pub columns: Vec<BoardColumn>,
    /// Weighted forecast: the sum of `weighted` over open stages only (won
    /// and lost deals are closed; lost ones count zero).
    pub forecast: Totals,
}

impl Workspace {
    /// A pipeline by key (the built-in `sales` pipeline until one is defined
    /// under that key).
    ///
    /// # Errors
    /// `not_found` for an unknown key.
    pub fn pipeline(&self, key: &str) -> Result<&Pipeline> {
        self.state
            .pipeline(key)
            .ok_or_else(|| Error::not_found("pipeline", key))
    }

    /// An opportunity by id.
    ///
    /// # Errors
    /// `not_found` for an unknown id.
    pub fn opportunity(&self, id: OpportunityId) -> Result<&Opportunity> {
        self.state.opportunity(id)
    }

    /// Every event about an opportunity, in log order (its stage history).
    ///
    /// # Errors
    /// `not_found` for an unknown id.
    pub fn opportunity_history(&self, id: OpportunityId) -> Result<Vec<&Event>> {
        let pos = self
            .state
            .opportunity_ix
            .get(&id)
            .ok_or_else(|| Error::not_found(OpportunityId::ENTITY, id))?;
        Ok(self.state.opportunity_history[*pos as usize]
            .iter()
            .map(|&i| &self.log[i as usize])
            .collect())
    }

    /// A customer's opportunities, in the order opened.
    ///
    /// # Errors
    /// `not_found` for an unknown customer.
    pub fn opportunities_of(&self, customer: CustomerId) -> Result<Vec<&Opportunity>> {
        let customer = self.state.resolve(customer);
        self.state.customer(customer)?;
        Ok(self
            .state
            .opportunities_by_customer
            .get(&customer)
            .map(|v| {
                v.iter()
                    .map(|&p| &self.state.opportunities[p as usize])
                    .collect()
            })
            .unwrap_or_default())
    }

    /// An agent's open opportunities, soonest expected close first (undated last).
    ///
    /// # Errors
    /// `not_found` for an unknown agent.
    pub fn open_deals(&self, owner: AgentId) -> Result<Vec<&Opportunity>> {
        self.state.agent(owner)?;
        let mut out: Vec<&Opportunity> = self
            .state
            .opportunities_by_owner
            .get(&owner)
            .map(|s| {
                s.iter()
                    .map(|&p| &self.state.opportunities[p as usize])
                    .filter(|o| o.status == StageKind::Open)
                    .collect()
            })
            .unwrap_or_default();
        out.sort_by_key(|o| {
            (
                o.expected_close.is_none(),
                o.expected_close,
                o.created_at,
                o.id,
            )
        });
        Ok(out)
    }

    /// The board of a pipeline: per stage, the count and value of its
    /// opportunities, and the weighted forecast of the open ones.
    ///
    /// # Errors
    /// `not_found` for an unknown pipeline.
    pub fn pipeline_board(&self, key: &str) -> Result<Board> {
        let p = self.pipeline(key)?;
        // Per stage: count, value per currency, weighted value per currency.
        type Column = (usize, BTreeMap<String, i64>, BTreeMap<String, i64>);
        let mut cols: Vec<Column> = vec![(0, BTreeMap::new(), BTreeMap::new()); p.stages.len()];
        let mut forecast = BTreeMap::new();
        for o in self
            .state
            .opportunities
            .iter()
            .filter(|o| o.pipeline == p.key)
        {
            let Some(i) = p.stages.iter().position(|s| s.key == o.stage) else {
                continue;
            };
            let st = &p.stages[i];
            let weighted = Money {
                amount_minor: o
                    .value
                    .amount_minor
                    .saturating_mul(i64::from(st.probability))
                    / 100,
                currency: o.value.currency.clone(),
            };
            cols[i].0 += 1;
            add(&mut cols[i].1, &o.value);
            add(&mut cols[i].2, &weighted);
            if st.kind == StageKind::Open {
                add(&mut forecast, &weighted);
            }
        }
        Ok(Board {
            pipeline: p.key.clone(),
            columns: p
                .stages
                .iter()
                .zip(cols)
                .map(|(s, (count, value, weighted))| BoardColumn {
                    stage: s.key.clone(),
                    kind: s.kind,
                    probability: s.probability,
                    count,
                    value: totals(value),
                    weighted: totals(weighted),
                })
                .collect(),
            forecast: totals(forecast),
        })
    }

    /// Open opportunities with no activity for longer than their stage's
    /// `rot_days` at `now`, longest idle first.
    #[must_use]
    pub fn rotting_opportunities(&self, now: DateTime<Utc>) -> Vec<&Opportunity> {
        let mut out: Vec<&Opportunity> = self
            .state
            .opportunities
            .iter()
            .filter(|o| {
                o.status == StageKind::Open
                    && self
                        .state
                        .pipeline(&o.pipeline)
                        .and_then(|p| p.stage(&o.stage))
                        .and_then(|s| s.rot_days)
                        .is_some_and(|d| now - o.last_activity_at > Duration::days(i64::from(d)))
            })
            .collect();
        out.sort_by_key(|o| (o.last_activity_at, o.id));
        out
    }

    /// A purchase by id.
    ///
    /// # Errors
    /// `not_found` for an unknown id.
    pub fn purchase(&self, id: PurchaseId) -> Result<&Purchase> {
        self.state.purchase(id)
    }

    /// A customer's purchases, oldest first.
    ///
    /// # Errors
    /// `not_found` for an unknown customer.
    pub fn purchases_of(&self, customer: CustomerId) -> Result<Vec<&Purchase>> {
        let customer = self.state.resolve(customer);
        self.state.customer(customer)?;
        let mut out: Vec<&Purchase> = self
            .state
            .purchases_by_customer
            .get(&customer)
            .map(|v| {
                v.iter()
                    .map(|&p| &self.state.purchases[p as usize])
                    .collect()
            })
            .unwrap_or_default();
        out.sort_by_key(|p| (p.occurred_at, p.id));
        Ok(out)
    }

    /// A referral by id.
    ///
    /// # Errors
    /// `not_found` for an unknown id.
    pub fn referral(&self, id: ReferralId) -> Result<&Referral> {
        self.state.referral(id)
    }

    /// The referrals a customer made, in the order recorded, with their status.
    ///
    /// # Errors
    /// `not_found` for an unknown customer.
    pub fn referrals_by(&self, referrer: CustomerId) -> Result<Vec<&Referral>> {
        self.state.customer(referrer)?;
        Ok(self
            .state
            .referrals_by_referrer
            .get(&referrer)
            .map(|v| {
                v.iter()
                    .map(|&p| &self.state.referrals[p as usize])
                    .collect()
            })
            .unwrap_or_default())
    }

    /// The referral that brought `customer`, if any.
    ///
    /// # Errors
    /// `not_found` for an unknown customer.
    pub fn referral_of(&self, customer: CustomerId) -> Result<Option<&Referral>> {
        let customer = self.state.resolve(customer);
        self.state.customer(customer)?;
        Ok(self
            .state
            .referral_of
            .get(&customer)
            .map(|&p| &self.state.referrals[p as usize]))
    }

    /// The loyalty rules.
    #[must_use]
    pub fn loyalty(&self) -> &super::LoyaltySettings {
        &self.state.loyalty
    }
}
