//! SLA policies: targets per metric, chosen by conditions with explicit precedence.

use crate::complaint::{str_enum, Complaint, ComplaintState, Priority};
use crate::customer::Customer;
use crate::error::{Error, Result};
use crate::id::AgentId;
use crate::model::Channel;
use crate::text::{fold, normalize_label};
use serde::{Deserialize, Serialize};

str_enum! {
    /// A measured SLA metric.
    Metric {
        /// Time to the first public response by a human agent.
        FirstResponse => "first_response",
        /// Time from each unanswered customer message to the next response.
        NextResponse => "next_response",
        /// Time to resolution.
        Resolution => "resolution",
    }
}

str_enum! {
    /// When an escalation rule fires.
    TriggerOn {
        /// When the remaining time falls to the policy's warn-before threshold.
        Warning => "warning",
        /// When the target is missed.
        Breach => "breach",
    }
}

str_enum! {
    /// What the resolution clock measures.
    ResolutionMode {
        /// Up to the first resolution; time after a reopen is not counted.
        First => "first",
        /// All working time until the final resolution, reopens included.
        Total => "total",
    }
}

#[allow(clippy::derivable_impls)] // the enum comes from a macro
impl Default for ResolutionMode {
    fn default() -> Self {
        ResolutionMode::Total
    }
}

/// When a policy applies. Every non-empty list must contain the complaint's
/// value (tags: any one of them, on the complaint or the customer); an empty
/// list matches everything.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Conditions {
    /// Priorities.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub priorities: Vec<Priority>,
    /// Complaint categories.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
    /// Channels the complaint came in on.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub channels: Vec<Channel>,
    /// Customer tiers.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tiers: Vec<String>,
    /// Tags of the complaint or of the customer.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
}

/// Business-time targets, in minutes. An absent target is not measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Targets {
    /// First response.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_response_minutes: Option<u32>,
    /// Each next response.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_response_minutes: Option<u32>,
    /// Resolution.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolution_minutes: Option<u32>,
}

impl Targets {
    /// The target of `metric`, in minutes.
    #[must_use]
    pub fn of(&self, metric: Metric) -> Option<u32> {
        match metric {
            Metric::FirstResponse => self.first_response_minutes,
            Metric::NextResponse => self.next_response_minutes,
            Metric::Resolution => self.resolution_minutes,
        }
    }
}

/// Escalate a complaint when a metric warns or breaches (fired once per
/// complaint, metric, next-response cycle and trigger, by `tick`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EscalationRule {
    /// Warning or breach.
    pub on: TriggerOn,
    /// The metric (any metric when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metric: Option<Metric>,
    /// The escalation level to raise to (1 to 9).
    pub level: u8,
    /// Reassign to this agent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reassign_to: Option<AgentId>,
    /// Move to this team.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    /// Whom to notify (an address or a role, recorded for the host to deliver).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notify: Option<String>,
}

/// An SLA policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SlaPolicy {
    /// Unique key (`vip-urgent`); defining a policy with a used key replaces it.
    pub key: String,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Lower goes first; the first policy whose conditions match applies (ties: by key).
    #[serde(default)]
    pub precedence: i32,
    /// Key of the business calendar the clocks run on.
    pub calendar: String,
    /// When it applies.
    #[serde(default)]
    pub conditions: Conditions,
    /// Targets.
    pub targets: Targets,
    /// A running metric is in `warning` when this many business minutes or fewer remain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warn_before_minutes: Option<u32>,
    /// States that pause every clock (`waiting_on_customer` when absent).
    #[serde(default = "default_pause_states")]
    pub pause_states: Vec<ComplaintState>,
    /// First or total resolution time.
    #[serde(default)]
    pub resolution_mode: ResolutionMode,
    /// Escalation rules, in order (the first matching rule fires for a trigger).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub escalations: Vec<EscalationRule>,
}

fn default_pause_states() -> Vec<ComplaintState> {
    vec![ComplaintState::WaitingOnCustomer]
}

impl SlaPolicy {
    /// A policy with `key` on `calendar` and these targets, matching everything.
    #[must_use]
    pub fn new(key: &str, calendar: &str, targets: Targets) -> Self {
        Self {
            key: key.to_owned(),
            name: None,
            precedence: 0,
            calendar: calendar.to_owned(),
            conditions: Conditions::default(),
            targets,
            warn_before_minutes: None,
            pause_states: default_pause_states(),
            resolution_mode: ResolutionMode::Total,
            escalations: Vec::new(),
        }
    }

    /// Whether it applies to `complaint` of `customer`.
    #[must_use]
    pub fn matches(&self, complaint: &Complaint, customer: Option<&Customer>) -> bool {
        let tier = customer.and_then(|x| x.tier.as_deref());
        self.matches_lazily(
            complaint,
            || tier.is_some_and(|t| self.conditions.tiers.iter().any(|x| x == t)),
            || customer,
        )
    }

    /// Like [`matches`](Self::matches), asking whether the customer's tier
    /// is one of the policy's only when there is a tier condition, and
    /// fetching the customer only for a tag condition.
    pub(crate) fn matches_lazily<'c>(
        &self,
        complaint: &Complaint,
        tier_matches: impl FnOnce() -> bool,
        customer: impl FnOnce() -> Option<&'c Customer>,
    ) -> bool {
        let c = &self.conditions;
        let own = (c.priorities.is_empty() || c.priorities.contains(&complaint.priority))
            && (c.channels.is_empty() || c.channels.contains(&complaint.channel))
            && (c.categories.is_empty()
                || complaint
                    .category
                    .as_deref()
                    .is_some_and(|k| c.categories.iter().any(|x| x == k)));
        if !own {
            return false;
        }
        if !c.tiers.is_empty() && !tier_matches() {
            return false;
        }
        if c.tags.is_empty()
            || c.tags
                .iter()
                .any(|t| complaint.tags.binary_search(t).is_ok())
        {
            return true;
        }
        let customer = customer();
        c.tags
            .iter()
            .any(|t| customer.is_some_and(|x| x.tags.binary_search(t).is_ok()))
    }

    /// Whether the clocks pause in `state`.
    #[must_use]
    pub fn pauses_in(&self, state: ComplaintState) -> bool {
        self.pause_states.contains(&state)
    }

    /// Validates and normalises (labels NFC, lists sorted and unique).
    pub(crate) fn normalized(mut self, calendar_known: impl Fn(&str) -> bool) -> Result<Self> {
        self.key = normalize_label("key", &self.key, 64)?;
        self.name = self
            .name
            .as_deref()
            .map(|n| normalize_label("name", n, 200))
            .transpose()?;
        self.calendar = normalize_label("calendar", &self.calendar, 64)?;
        if !calendar_known(&self.calendar) {
            return Err(Error::not_found("calendar", &self.calendar));
        }
        let t = &self.targets;
        if t.first_response_minutes.is_none()
            && t.next_response_minutes.is_none()
            && t.resolution_minutes.is_none()
        {
            return Err(Error::invalid_input(
                "targets",
                "{}",
                "give at least one of first_response_minutes, next_response_minutes, resolution_minutes",
            ));
        }
        for (name, v) in [
            ("targets.first_response_minutes", t.first_response_minutes),
            ("targets.next_response_minutes", t.next_response_minutes),
            ("targets.resolution_minutes", t.resolution_minutes),
        ] {
            if v == Some(0) {
                return Err(Error::invalid_input(
                    name,
                    "0",
                    "a target is at least 1 business minute",
                ));
            }
        }
        if let Some(w) = self.warn_before_minutes {
            let longest = [
                t.first_response_minutes,
                t.next_response_minutes,
                t.resolution_minutes,
            ]
            .into_iter()
            .flatten()
            .max()
            .unwrap_or(0);
            if w == 0 || w >= longest {
                return Err(Error::invalid_input(
                    "warn_before_minutes",
                    w.to_string(),
                    format!(
                        "must be between 1 and the longest target minus one ({longest} minutes)"
                    ),
                ));
            }
        }
        self.pause_states.sort();
        self.pause_states.dedup();
        if let Some(s) = self.pause_states.iter().find(|s| !s.is_active()) {
            return Err(Error::invalid_input(
                "pause_states",
                s.as_str(),
                "only working states pause a clock: new, open, in_progress, waiting_on_customer",
            ));
        }
        let c = &mut self.conditions;
        c.priorities.sort();
        c.priorities.dedup();
        c.channels.sort();
        c.channels.dedup();
        for (field, list) in [
            ("conditions.categories", &mut c.categories),
            ("conditions.tiers", &mut c.tiers),
            ("conditions.tags", &mut c.tags),
        ] {
            *list = list
                .iter()
                .map(|x| normalize_label(field, x, 64))
                .collect::<Result<Vec<_>>>()?;
            list.sort();
            list.dedup();
        }
        for (i, r) in self.escalations.iter_mut().enumerate() {
            if !(1..=9).contains(&r.level) {
                return Err(Error::invalid_input(
                    format!("escalations[{i}].level"),
                    r.level.to_string(),
                    "escalation levels go from 1 to 9",
                ));
            }
            r.team = r
                .team
                .as_deref()
                .map(|x| normalize_label(&format!("escalations[{i}].team"), x, 64))
                .transpose()?;
            r.notify = r
                .notify
                .as_deref()
                .map(|x| normalize_label(&format!("escalations[{i}].notify"), x, 200))
                .transpose()?;
            if let Some(m) = r.metric {
                if self.targets.of(m).is_none() {
                    return Err(Error::invalid_input(
                        format!("escalations[{i}].metric"),
                        m.as_str(),
                        "the policy has no target for this metric",
                    ));
                }
            }
        }
        Ok(self)
    }
}

/// Orders policies: precedence, then key (case- and accent-folded, then exact).
pub(crate) fn precedence_key(p: &SlaPolicy) -> (i32, String, String) {
    (p.precedence, fold(&p.key), p.key.clone())
}
