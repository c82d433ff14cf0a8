//! Records of the sales journey: opportunities, purchases, referrals, and the
//! loyalty rules that turn purchases into lifecycle stages and tiers.

use super::pipeline::StageKind;
use crate::complaint::Compensation;
use crate::id::{AgentId, CustomerId, OpportunityId, PurchaseId, ReferralId};
use crate::model::{Channel, Money};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Where an opportunity came from.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Source {
    /// The channel of the first contact.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel: Option<Channel>,
    /// A campaign (`tet-2027`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub campaign: Option<String>,
    /// The customer who referred this one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub referred_by: Option<CustomerId>,
}

/// A sales opportunity (a deal) as folded from its events.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Opportunity {
    /// Its id.
    pub id: OpportunityId,
    /// The customer.
    pub customer: CustomerId,
    /// The pipeline key.
    pub pipeline: String,
    /// Title.
    pub title: String,
    /// Expected value.
    pub value: Money,
    /// Expected close date.
    pub expected_close: Option<NaiveDate>,
    /// Where it came from.
    pub source: Source,
    /// The owning agent.
    pub owner: Option<AgentId>,
    /// Current stage key.
    pub stage: String,
    /// Open, won or lost (the kind of the current stage).
    pub status: StageKind,
    /// Why it was lost (while lost).
    pub lost_reason: Option<String>,
    /// The purchase recorded when it was won.
    pub purchase: Option<PurchaseId>,
    /// How many times it was reopened after being won or lost.
    pub reopen_count: u32,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last change.
    pub updated_at: DateTime<Utc>,
    /// When it entered its current stage.
    pub stage_entered_at: DateTime<Utc>,
    /// Last activity (its own events and interactions with the customer).
    pub last_activity_at: DateTime<Utc>,
    /// When it was won or lost (cleared when it is reopened).
    pub closed_at: Option<DateTime<Utc>>,
}

/// One line of a purchase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PurchaseItem {
    /// Product or service.
    pub name: String,
    /// Product category (playbook and tier rules can use it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// Quantity (1 when absent).
    #[serde(default = "one")]
    pub quantity: u32,
    /// Price of one unit.
    pub unit_price: Money,
}

fn one() -> u32 {
    1
}

/// A purchase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Purchase {
    /// Its id.
    pub id: PurchaseId,
    /// The customer.
    pub customer: CustomerId,
    /// The lines (may be empty when a description is given).
    pub items: Vec<PurchaseItem>,
    /// A description.
    pub description: Option<String>,
    /// The total.
    pub amount: Money,
    /// The channel it was made on.
    pub channel: Channel,
    /// When it was made.
    pub occurred_at: DateTime<Utc>,
    /// The opportunity it won.
    pub opportunity: Option<OpportunityId>,
}

/// Where a referral stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReferralStatus {
    /// The referred customer has not bought yet.
    Pending,
    /// The referred customer bought: the referral qualifies for a reward.
    Qualified,
    /// The referrer was rewarded.
    Rewarded,
}

/// Who referred whom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Referral {
    /// Its id.
    pub id: ReferralId,
    /// The customer who referred.
    pub referrer: CustomerId,
    /// The customer referred.
    pub referred: CustomerId,
    /// When.
    pub referred_at: DateTime<Utc>,
    /// A note.
    pub note: Option<String>,
    /// Where it stands.
    pub status: ReferralStatus,
    /// The referred customer's first purchase.
    pub qualifying_purchase: Option<PurchaseId>,
    /// The reward given.
    pub reward: Option<Compensation>,
}

/// A rule that gives a tier: spend (in one currency) and/or a number of
/// purchases over the rule window. Rules are tried in order; the first met
/// gives the tier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TierRule {
    /// The tier (`gold`, `vàng`).
    pub tier: String,
    /// At least this much spent (purchases in other currencies do not count).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_spend: Option<Money>,
    /// At least this many purchases.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_purchases: Option<u32>,
    /// A recurring visit or call plan for customers of this tier: scheduled
    /// when a customer enters the tier, cancelled when they leave it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<TierPlan>,
}

/// A recurring contact plan attached to a tier (e.g. a monthly call for VIPs).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TierPlan {
    /// The follow-ups' subject.
    pub subject: String,
    /// Call, visit, ...
    pub kind: crate::followup::FollowUpKind,
    /// When, as an RFC 5545 rule (object or `RRULE` text), read in the
    /// customer's time zone (UTC when they have none).
    pub rule: crate::followup::recurrence::RuleSpec,
    /// Local time of day of each occurrence (09:00 when absent).
    #[serde(default = "nine")]
    pub time: chrono::NaiveTime,
}

fn nine() -> chrono::NaiveTime {
    chrono::NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default()
}

/// How purchases move customers: lifecycle and tiers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LoyaltySettings {
    /// A customer with this many purchases in the window becomes `loyal`
    /// (never when absent).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub loyal_after_purchases: Option<u32>,
    /// Tier rules, best tier first. Empty: tiers are only set by hand.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tier_rules: Vec<TierRule>,
    /// The window of both rules, in days (365 by default).
    pub window_days: u32,
}

impl Default for LoyaltySettings {
    fn default() -> Self {
        Self {
            loyal_after_purchases: None,
            tier_rules: Vec::new(),
            window_days: 365,
        }
    }
}
