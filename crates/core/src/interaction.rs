//! Interactions: touchpoints with a customer on any channel.

use crate::error::{Error, Result};
use crate::event::{EntityRef, EventPayload};
use crate::id::{AgentId, CustomerId, IdSource, InteractionId};
use crate::model::{Channel, Meta, Network};
use crate::text::{normalize_label, normalize_text};
use crate::workspace::State;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// Who started the interaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// The customer reached out.
    #[default]
    Inbound,
    /// The business reached out.
    Outbound,
    /// A note kept inside the team.
    Internal,
}

impl Direction {
    /// The snake_case name used in JSON and in the bindings.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Inbound => "inbound",
            Direction::Outbound => "outbound",
            Direction::Internal => "internal",
        }
    }
}

/// One touchpoint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interaction {
    /// Its id.
    pub id: InteractionId,
    /// The customer.
    pub customer: CustomerId,
    /// The channel.
    pub channel: Channel,
    /// The network, for `social`.
    pub network: Option<Network>,
    /// Direction.
    pub direction: Direction,
    /// Subject line.
    pub subject: Option<String>,
    /// Summary or notes.
    pub summary: Option<String>,
    /// The agent who handled it.
    pub agent: Option<AgentId>,
    /// When it happened.
    pub occurred_at: DateTime<Utc>,
    /// Duration in seconds.
    pub duration_seconds: Option<u32>,
}

/// Logs an interaction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogInteraction {
    /// Use this id instead of a new one (for sync); must be unused.
    #[serde(default)]
    pub id: Option<InteractionId>,
    /// The customer.
    pub customer: CustomerId,
    /// The channel.
    pub channel: Channel,
    /// The network (required for `social`, refused otherwise).
    #[serde(default)]
    pub network: Option<Network>,
    /// Direction (inbound when absent).
    #[serde(default)]
    pub direction: Direction,
    /// Subject line.
    #[serde(default)]
    pub subject: Option<String>,
    /// Summary or notes.
    #[serde(default)]
    pub summary: Option<String>,
    /// The agent who handled it.
    #[serde(default)]
    pub agent: Option<AgentId>,
    /// When it happened; the command's `at` when absent. Not in the future.
    #[serde(default)]
    pub occurred_at: Option<DateTime<Utc>>,
    /// Duration in seconds.
    #[serde(default)]
    pub duration_seconds: Option<u32>,
}

impl LogInteraction {
    /// A minimal interaction on `channel` with `customer`.
    #[must_use]
    pub fn new(customer: CustomerId, channel: Channel) -> Self {
        Self {
            id: None,
            customer,
            channel,
            network: None,
            direction: Direction::Inbound,
            subject: None,
            summary: None,
            agent: None,
            occurred_at: None,
            duration_seconds: None,
        }
    }
}

/// Tolerated clock skew for `occurred_at` after the command's `at`.
const MAX_SKEW_MINUTES: i64 = 5;

pub(crate) fn check_network(channel: Channel, network: Option<Network>) -> Result<(), String> {
    match (channel, network) {
        (Channel::Social, None) => {
            Err("a social interaction needs its network (zalo, facebook, ...)".into())
        }
        (c, Some(_)) if c != Channel::Social => Err(format!(
            "a network is only given for the social channel, not {}",
            c.as_str()
        )),
        _ => Ok(()),
    }
}

pub(crate) fn decide_log(
    state: &State,
    meta: &Meta,
    cmd: LogInteraction,
    ids: &mut dyn IdSource,
) -> Result<(InteractionId, Vec<(EntityRef, EventPayload)>)> {
    let c = state.customer(cmd.customer)?;
    if c.archived {
        return Err(Error::InvalidTransition {
            entity: "customer",
            id: c.id.to_string(),
            action: "log an interaction with".into(),
            current: "archived".into(),
            allowed: vec!["restore".into()],
        });
    }
    check_network(cmd.channel, cmd.network).map_err(|reason| {
        Error::invalid_input(
            "network",
            cmd.network
                .map(|n| n.as_str().to_owned())
                .unwrap_or_default(),
            reason,
        )
    })?;
    if let Some(a) = cmd.agent {
        state.agent(a)?;
    }
    let occurred_at = crate::model::check_time("occurred_at", cmd.occurred_at.unwrap_or(meta.at))?;
    let latest = meta
        .at
        .checked_add_signed(Duration::minutes(MAX_SKEW_MINUTES))
        .unwrap_or(DateTime::<Utc>::MAX_UTC);
    if occurred_at > latest {
        return Err(Error::invalid_input(
            "occurred_at",
            crate::model::iso(occurred_at),
            "an interaction cannot be logged before it happens (occurred_at is after the command's at)",
        ));
    }
    let subject = cmd
        .subject
        .as_deref()
        .map(|s| normalize_label("subject", s, 300))
        .transpose()?;
    let summary = cmd
        .summary
        .as_deref()
        .map(|s| normalize_text("summary", s, 10_000))
        .transpose()?;
    let id = match cmd.id {
        Some(id) if state.interaction_ix.contains_key(&id) => {
            return Err(Error::id_in_use("interaction", id))
        }
        Some(id) => id,
        None => InteractionId::generate_unused(ids, meta.at, |id| {
            state.interaction_ix.contains_key(id)
        })?,
    };
    Ok((
        id,
        vec![(
            EntityRef::Interaction(id),
            EventPayload::InteractionLogged {
                customer: cmd.customer,
                channel: cmd.channel,
                network: cmd.network,
                direction: cmd.direction,
                subject,
                summary,
                agent: cmd.agent,
                occurred_at,
                duration_seconds: cmd.duration_seconds,
            },
        )],
    ))
}
