//! Agents: the people of the care and sales teams. Actors and owners refer to them.

use crate::error::{Error, Result};
use crate::event::{EntityRef, EventPayload};
use crate::id::{AgentId, IdSource};
use crate::model::Meta;
use crate::text::{normalize_email, normalize_label};
use crate::workspace::State;
use serde::{Deserialize, Serialize};

/// An agent as the workspace knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agent {
    /// Its id.
    pub id: AgentId,
    /// Display name.
    pub name: String,
    /// Team, if any.
    pub team: Option<String>,
    /// Work email, if any (normalised).
    pub email: Option<String>,
    /// Inactive agents cannot act or own customers.
    pub active: bool,
}

/// Registers a new agent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegisterAgent {
    /// Use this id instead of a new one (for sync); must be unused.
    #[serde(default)]
    pub id: Option<AgentId>,
    /// Display name (required).
    pub name: String,
    /// Team name.
    #[serde(default)]
    pub team: Option<String>,
    /// Work email.
    #[serde(default)]
    pub email: Option<String>,
}

/// Changes an agent's name or team, or (de)activates it. Absent fields stay.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateAgent {
    /// The agent.
    pub agent: AgentId,
    /// New name.
    #[serde(default)]
    pub name: Option<String>,
    /// New team (`Some(None)` clears it).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::serde_util::double_option"
    )]
    pub team: Option<Option<String>>,
    /// Activate or deactivate.
    #[serde(default)]
    pub active: Option<bool>,
}

pub(crate) fn decide_register(
    state: &State,
    meta: &Meta,
    cmd: RegisterAgent,
    ids: &mut dyn IdSource,
) -> Result<(AgentId, Vec<(EntityRef, EventPayload)>)> {
    let name = normalize_label("name", &cmd.name, 200)?;
    let team = cmd
        .team
        .as_deref()
        .map(|t| normalize_label("team", t, 100))
        .transpose()?;
    let email = cmd
        .email
        .as_deref()
        .map(|e| normalize_email("email", e))
        .transpose()?;
    let id = match cmd.id {
        Some(id) if state.agents.contains_key(&id) => return Err(Error::id_in_use("agent", id)),
        Some(id) => id,
        None => AgentId::generate_unused(ids, meta.at, |id| state.agents.contains_key(id))?,
    };
    Ok((
        id,
        vec![(
            EntityRef::Agent(id),
            EventPayload::AgentRegistered { name, team, email },
        )],
    ))
}

pub(crate) fn decide_update(
    state: &State,
    cmd: UpdateAgent,
) -> Result<Vec<(EntityRef, EventPayload)>> {
    let agent = state.agent(cmd.agent)?;
    let name = cmd
        .name
        .as_deref()
        .map(|n| normalize_label("name", n, 200))
        .transpose()?
        .filter(|n| *n != agent.name);
    let team = match cmd.team {
        Some(t) => {
            let t = t
                .as_deref()
                .map(|t| normalize_label("team", t, 100))
                .transpose()?;
            (t != agent.team).then_some(t)
        }
        None => None,
    };
    let active = cmd.active.filter(|a| *a != agent.active);
    if name.is_none() && team.is_none() && active.is_none() {
        return Ok(Vec::new());
    }
    Ok(vec![(
        EntityRef::Agent(cmd.agent),
        EventPayload::AgentUpdated { name, team, active },
    )])
}
