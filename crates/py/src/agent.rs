//! Agents: the people of the care and sales teams.

use crate::convert::{id_arg, to_py, Fields, Opt};
use crate::errors::OrRaise;
use crate::workspace::{meta, PyWorkspace};
use clientcare::{AgentId, Command};
use pyo3::prelude::*;
use pyo3::types::PyList;

#[pymethods]
impl PyWorkspace {
    /// Registers an agent (a member of the care or sales team).
    ///
    /// Args:
    ///     name: display name.
    ///     team: team name.
    ///     email: work email (validated and normalised).
    ///     id: use this id instead of a new one (for sync); must be unused.
    ///
    /// Returns:
    ///     The new agent's id.
    ///
    /// Raises:
    ///     InvalidInputError: for an empty name or a bad email.
    ///     ConflictError: when ``id`` is already used.
    ///
    /// Example:
    ///     >>> mai = ws.register_agent("Trần Thị Mai", team="care", at=at)
    ///     >>> ws.agent(mai)["team"]
    ///     'care'
    #[pyo3(signature = (name, team=None, email=None, id=None, *, at=None, actor=None))]
    #[allow(clippy::too_many_arguments)]
    fn register_agent(
        &mut self,
        py: Python<'_>,
        name: &Bound<'_, PyAny>,
        team: Option<Bound<'_, PyAny>>,
        email: Option<Bound<'_, PyAny>>,
        id: Option<Bound<'_, PyAny>>,
        at: Option<Bound<'_, PyAny>>,
        actor: Option<Bound<'_, PyAny>>,
    ) -> PyResult<String> {
        let command: clientcare::RegisterAgent = Fields::new()
            .put("name", Some(name))
            .put("team", team.as_ref())
            .put("email", email.as_ref())
            .put("id", id.as_ref())
            .parse()
            .or_raise(py)?;
        let meta = meta(py, at.as_ref(), actor.as_ref())?;
        self.mutate(py, false, |ws| ws.register_agent(meta, command.clone()))
            .map(|id| id.to_string())
    }

    /// Changes an agent. Omitted fields stay as they are; ``team=None``
    /// clears the team; ``active=False`` deactivates the agent (it can then
    /// neither act nor own customers).
    ///
    /// Raises:
    ///     NotFoundError: for an unknown agent.
    ///     InvalidInputError: for an empty name or a non-bool ``active``.
    ///
    /// Example:
    ///     >>> mai = ws.register_agent("Mai", team="care", at=at)
    ///     >>> ws.update_agent(mai, team=None, at=at)
    ///     >>> ws.agent(mai)["team"] is None
    ///     True
    #[pyo3(signature = (agent, *, name=Opt::Omitted, team=Opt::Omitted, active=Opt::Omitted, at=None, actor=None))]
    #[allow(clippy::too_many_arguments)]
    fn update_agent(
        &mut self,
        py: Python<'_>,
        agent: &Bound<'_, PyAny>,
        name: Opt<'_>,
        team: Opt<'_>,
        active: Opt<'_>,
        at: Option<Bound<'_, PyAny>>,
        actor: Option<Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let command = Fields::new()
            .put("agent", Some(agent))
            .put_opt("name", &name)
            .put_opt("team", &team)
            .put_opt("active", &active)
            .parse()
            .map(Command::UpdateAgent);
        self.run(py, command, at.as_ref(), actor.as_ref())
            .map(|_| ())
    }

    /// An agent as a dict: ``id``, ``name``, ``team``, ``email``, ``active``.
    ///
    /// Raises:
    ///     NotFoundError: for an unknown id.
    ///     InvalidInputError: when ``id`` is not a UUID string.
    fn agent<'py>(&self, py: Python<'py>, id: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let id: AgentId = id_arg(id, "agent").or_raise(py)?;
        let agent = self.inner.agent(id).or_raise(py)?;
        to_py(py, agent)
    }

    /// All agents, by id.
    fn agents<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let list = PyList::empty(py);
        for a in self.inner.agents() {
            list.append(to_py(py, a)?)?;
        }
        Ok(list)
    }
}
