//! Everything held about one customer, as one JSON document (data portability).

use crate::complaint::Complaint;
use crate::customer::Customer;
use crate::error::Result;
use crate::event::Event;
use crate::feedback::Survey;
use crate::followup::FollowUp;
use crate::id::CustomerId;
use crate::interaction::Interaction;
use crate::journey::{Opportunity, PlaybookRun, Purchase, Referral};
use crate::workspace::Workspace;
use serde::Serialize;

/// The `format` of a customer export.
pub const EXPORT_FORMAT: &str = "clientcare.customer_export";

/// Everything the workspace holds about one customer. Serialise it (serde)
/// for the JSON document; every part is a list, empty when there is nothing.
#[derive(Debug, Clone, Serialize)]
pub struct CustomerExport<'a> {
    /// Always [`EXPORT_FORMAT`].
    pub format: &'static str,
    /// Version of this document's shape (1).
    pub version: u32,
    /// The customer (a merged id resolves to its survivor).
    pub customer: &'a Customer,
    /// Records merged into it (kept, hidden, for unmerge).
    pub merged_customers: Vec<&'a Customer>,
    /// Its interactions, oldest first.
    pub interactions: Vec<&'a Interaction>,
    /// Its complaints, in the order they were opened.
    pub complaints: Vec<&'a Complaint>,
    /// Its opportunities.
    pub opportunities: Vec<&'a Opportunity>,
    /// Its purchases.
    pub purchases: Vec<&'a Purchase>,
    /// Referrals it made and the one that brought it.
    pub referrals: Vec<&'a Referral>,
    /// Its follow-ups.
    pub follow_ups: Vec<&'a FollowUp>,
    /// Its playbook runs.
    pub playbook_runs: Vec<&'a PlaybookRun>,
    /// Surveys sent to it and its answers.
    pub surveys: Vec<&'a Survey>,
    /// Every event on its timeline (the audit trail: consents, changes,
    /// merges), in log order.
    pub events: Vec<&'a Event>,
}

fn pick<'a, T>(all: &'a [T], positions: Option<&Vec<u32>>) -> Vec<&'a T> {
    positions
        .into_iter()
        .flatten()
        .filter_map(|&p| all.get(p as usize))
        .collect()
}

impl Workspace {
    /// Everything held about `customer`, for a data-portability request.
    ///
    /// # Errors
    /// `not_found` for an unknown customer.
    pub fn export_customer(&self, customer: CustomerId) -> Result<CustomerExport<'_>> {
        let c = self.customer(customer)?;
        let st = &self.state;
        let group = st.merge_group(c.id);
        let id = c.id;
        let mut interactions = pick(&st.interactions, st.interactions_by_customer.get(&id));
        interactions.sort_by_key(|i| i.occurred_at);
        let mut referrals = pick(&st.referrals, st.referrals_by_referrer.get(&id));
        if let Some(&r) = st.referral_of.get(&id) {
            if let Some(x) = st.referrals.get(r as usize) {
                referrals.push(x);
            }
        }
        let pos = group.first().copied().unwrap_or(0) as usize;
        Ok(CustomerExport {
            format: EXPORT_FORMAT,
            version: 1,
            customer: c,
            merged_customers: group
                .iter()
                .skip(1)
                .map(|&p| &st.customers[p as usize])
                .collect(),
            interactions,
            complaints: pick(&st.complaints, st.complaints_by_customer.get(&id)),
            opportunities: pick(&st.opportunities, st.opportunities_by_customer.get(&id)),
            purchases: pick(&st.purchases, st.purchases_by_customer.get(&id)),
            referrals,
            follow_ups: pick(&st.follow_ups, st.follow_ups_by_customer.get(&id)),
            playbook_runs: pick(&st.playbook_runs, st.runs_by_customer.get(&id)),
            surveys: pick(&st.surveys, st.surveys_by_customer.get(&id)),
            events: st
                .timeline
                .get(pos)
                .into_iter()
                .flatten()
                .filter_map(|&i| self.log.get(i as usize))
                .collect(),
        })
    }
}
