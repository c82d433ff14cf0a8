//! SLA configuration commands and the deterministic `tick`.

use super::calendar::{Calendar, CalendarSpec};
use super::policy::{Metric, SlaPolicy, TriggerOn};
use super::status::{compute_with, MetricState, Scratch};
use crate::complaint::{Complaint, ComplaintSettings, EscalationTrigger};
use crate::error::{Error, Result};
use crate::event::{EntityRef, EventPayload};
use crate::model::Meta;
use crate::text::normalize_label;
use crate::workspace::State;
use chrono::Duration;
use serde::{Deserialize, Serialize};

type Pending = Vec<(EntityRef, EventPayload)>;

/// Defines (or replaces) a business calendar under a key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DefineCalendar {
    /// The key policies refer to (`hcmc-office`).
    pub key: String,
    /// The calendar.
    pub calendar: CalendarSpec,
}

/// Removes a calendar no policy uses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RemoveCalendar {
    /// Its key.
    pub key: String,
}

/// Removes an SLA policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RemoveSlaPolicy {
    /// Its key.
    pub key: String,
}

/// Changes complaint settings; absent fields stay.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigureComplaints {
    /// Hours after a resolution during which it can be reopened (default 168).
    #[serde(default)]
    pub reopen_window_hours: Option<u32>,
    /// Hours after a resolution when `tick` closes it (default 168).
    #[serde(default)]
    pub auto_close_after_hours: Option<u32>,
}

/// Runs the time-based rules at the command's `at`: SLA escalations and
/// auto-close. Running it twice at the same instant adds nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tick {}

fn key(field: &str, k: &str) -> Result<String> {
    let k = normalize_label(field, k, 64)?;
    if k.chars().any(char::is_whitespace) {
        return Err(Error::invalid_input(
            field,
            k,
            "a key has no spaces (use `hcmc-office`)",
        ));
    }
    Ok(k)
}

pub(crate) fn decide_define_calendar(state: &State, cmd: DefineCalendar) -> Result<Pending> {
    let k = key("key", &cmd.key)?;
    // Errors name the field inside the command (`calendar.week[0].windows[1]`).
    let cal = Calendar::new(cmd.calendar).map_err(|e| match e {
        Error::InvalidInput {
            field,
            value,
            reason,
        } => Error::invalid_input(format!("calendar.{field}"), value, reason),
        other => other,
    })?;
    if state.calendars.get(&k) == Some(&cal) {
        return Ok(Vec::new());
    }
    Ok(vec![(
        EntityRef::Workspace,
        EventPayload::CalendarDefined {
            key: k,
            calendar: cal.spec().clone(),
        },
    )])
}

pub(crate) fn decide_remove_calendar(state: &State, cmd: RemoveCalendar) -> Result<Pending> {
    if !state.calendars.contains_key(&cmd.key) {
        return Err(Error::not_found("calendar", &cmd.key));
    }
    if let Some(p) = state.policies.iter().find(|p| p.calendar == cmd.key) {
        return Err(Error::Conflict {
            field: "calendar".into(),
            value: cmd.key.clone(),
            holder_entity: "sla_policy",
            holder: p.key.clone(),
            remedy: "remove or change the policies that use it first".into(),
        });
    }
    Ok(vec![(
        EntityRef::Workspace,
        EventPayload::CalendarRemoved { key: cmd.key },
    )])
}

pub(crate) fn decide_define_policy(state: &State, policy: SlaPolicy) -> Result<Pending> {
    let mut p = policy.normalized(|c| state.calendars.contains_key(c))?;
    p.key = key("key", &p.key)?;
    for (i, r) in p.escalations.iter().enumerate() {
        if let Some(a) = r.reassign_to {
            if !state.agent(a)?.active {
                return Err(Error::invalid_input(
                    format!("escalations[{i}].reassign_to"),
                    a.to_string(),
                    "the agent is inactive",
                ));
            }
        }
    }
    if state.policies.iter().any(|x| x == &p) {
        return Ok(Vec::new());
    }
    Ok(vec![(
        EntityRef::Workspace,
        EventPayload::SlaPolicyDefined {
            policy: Box::new(p),
        },
    )])
}

pub(crate) fn decide_remove_policy(state: &State, cmd: RemoveSlaPolicy) -> Result<Pending> {
    if !state.policies.iter().any(|p| p.key == cmd.key) {
        return Err(Error::not_found("sla_policy", &cmd.key));
    }
    Ok(vec![(
        EntityRef::Workspace,
        EventPayload::SlaPolicyRemoved { key: cmd.key },
    )])
}

pub(crate) fn decide_configure(state: &State, cmd: ConfigureComplaints) -> Result<Pending> {
    let cur = state.complaint_settings;
    let settings = ComplaintSettings {
        reopen_window_hours: cmd.reopen_window_hours.unwrap_or(cur.reopen_window_hours),
        auto_close_after_hours: cmd
            .auto_close_after_hours
            .unwrap_or(cur.auto_close_after_hours),
    };
    for (f, v) in [
        ("reopen_window_hours", settings.reopen_window_hours),
        ("auto_close_after_hours", settings.auto_close_after_hours),
    ] {
        if v > 24 * 366 * 10 {
            return Err(Error::invalid_input(
                f,
                v.to_string(),
                "at most ten years (87840 hours)",
            ));
        }
    }
    if settings == cur {
        return Ok(Vec::new());
    }
    Ok(vec![(
        EntityRef::Workspace,
        EventPayload::ComplaintSettingsChanged { settings },
    )])
}

/// The policy that applies to `c` now, with its calendar.
pub(crate) fn policy_for<'a>(
    state: &'a State,
    c: &Complaint,
) -> Option<(&'a SlaPolicy, &'a Calendar)> {
    let pos = c.customer_pos as usize;
    let tier = state.customer_tier.get(pos).copied().unwrap_or(0);
    let customer = || state.customers.get(pos).filter(|x| x.id == c.customer);
    state
        .policies
        .iter()
        .zip(&state.policy_tiers)
        .find(|(p, tiers)| p.matches_lazily(c, || tier != 0 && tiers.contains(&tier), customer))
        .map(|(p, _)| p)
        .and_then(|p| state.calendars.get(&p.calendar).map(|cal| (p, cal)))
}

pub(crate) fn decide_tick(
    state: &State,
    meta: &Meta,
    ids: &mut dyn crate::id::IdSource,
) -> Result<Pending> {
    let now = meta.at;
    let mut out = Vec::new();
    let mut scratch = Scratch::default();
    for &pos in &state.active_complaints {
        let c = &state.complaints[pos as usize];
        let Some((policy, cal)) = policy_for(state, c) else {
            continue;
        };
        if policy.escalations.is_empty() {
            continue;
        }
        let status = compute_with(c, policy, cal, now, false, &mut scratch);
        let mut level = c.escalation_level;
        for m in &status.metrics {
            let on = match m.state {
                MetricState::Warning => TriggerOn::Warning,
                MetricState::Breached if m.completed_at.is_none() => TriggerOn::Breach,
                _ => continue,
            };
            let trigger = EscalationTrigger {
                metric: m.metric,
                on,
                cycle: if m.metric == Metric::NextResponse {
                    m.cycle
                } else {
                    0
                },
            };
            if c.fired.binary_search(&trigger).is_ok() {
                continue;
            }
            let Some(rule) = policy
                .escalations
                .iter()
                .find(|r| r.on == on && r.metric.is_none_or(|x| x == m.metric))
            else {
                continue;
            };
            let to_level = level.max(rule.level);
            let deadline = m
                .deadline
                .map(crate::model::iso)
                .unwrap_or_else(|| "-".into());
            out.push((
                EntityRef::Complaint(c.id),
                EventPayload::ComplaintEscalated {
                    from_level: level,
                    to_level,
                    reason: format!(
                        "SLA {} {} under policy {} (deadline {deadline})",
                        m.metric.as_str(),
                        on.as_str(),
                        policy.key
                    ),
                    assignee: rule
                        .reassign_to
                        .filter(|a| state.agent(*a).is_ok_and(|x| x.active)),
                    team: rule.team.clone(),
                    notify: rule.notify.clone(),
                    trigger: Some(trigger),
                },
            ));
            level = to_level;
        }
    }
    out.extend(crate::journey::commands::tier_changes(state, meta, ids)?);
    let after = Duration::hours(i64::from(state.complaint_settings.auto_close_after_hours));
    for &pos in &state.resolved_complaints {
        let c = &state.complaints[pos as usize];
        if let Some(r) = c.resolved_at() {
            if r.checked_add_signed(after).is_some_and(|due| due <= now) {
                out.push((
                    EntityRef::Complaint(c.id),
                    EventPayload::ComplaintClosed { automatic: true },
                ));
            }
        }
    }
    Ok(out)
}
