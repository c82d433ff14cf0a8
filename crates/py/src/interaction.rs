//! Interactions (touchpoints on any channel) and the customer timeline.

use crate::convert::{id_arg, interaction_to_py, to_py, uint_arg, usize_arg, Fields};
use crate::errors::OrRaise;
use crate::workspace::{meta, PyWorkspace};
use clientcare::{CustomerId, InteractionId, LogInteraction, PageRequest};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

#[pymethods]
impl PyWorkspace {
    /// Logs an interaction with a customer.
    ///
    /// Args:
    ///     customer: the customer's id.
    ///     channel: in_person, phone, email, sms, social, live_chat, forum,
    ///         web or other.
    ///     network: required for ``"social"`` (zalo, facebook, ...), refused
    ///         for other channels.
    ///     direction: inbound (default), outbound or internal.
    ///     agent: the handling agent's id.
    ///     occurred_at: when it happened (an aware datetime; default ``at``);
    ///         not after ``at``.
    ///
    /// Returns:
    ///     The new interaction's id.
    ///
    /// Raises:
    ///     InvalidInputError: for a missing or misplaced network, an unknown
    ///         channel, or an ``occurred_at`` in the future.
    ///     NotFoundError: for an unknown customer or agent.
    ///     InvalidTransitionError: for an archived customer.
    ///
    /// Example:
    ///     >>> c = ws.register_customer("Bảo", at=at)
    ///     >>> i = ws.log_interaction(c, "social", network="zalo", subject="Hỏi giá", at=at)
    ///     >>> ws.interaction(i)["network"], ws.interaction(i)["occurred_at"] == at
    ///     ('zalo', True)
    #[pyo3(signature = (
        customer, channel, *, network=None, direction=None, subject=None, summary=None,
        agent=None, occurred_at=None, duration_seconds=None, id=None, at=None, actor=None
    ), text_signature = "($self, customer, channel, *, network=None, direction='inbound', \
        subject=None, summary=None, agent=None, occurred_at=None, duration_seconds=None, \
        id=None, at=None, actor=None)")]
    #[allow(clippy::too_many_arguments)]
    fn log_interaction(
        &mut self,
        py: Python<'_>,
        customer: &Bound<'_, PyAny>,
        channel: &Bound<'_, PyAny>,
        network: Option<Bound<'_, PyAny>>,
        direction: Option<Bound<'_, PyAny>>,
        subject: Option<Bound<'_, PyAny>>,
        summary: Option<Bound<'_, PyAny>>,
        agent: Option<Bound<'_, PyAny>>,
        occurred_at: Option<Bound<'_, PyAny>>,
        duration_seconds: Option<Bound<'_, PyAny>>,
        id: Option<Bound<'_, PyAny>>,
        at: Option<Bound<'_, PyAny>>,
        actor: Option<Bound<'_, PyAny>>,
    ) -> PyResult<String> {
        let command: LogInteraction = Fields::new()
            .put("customer", Some(customer))
            .put("channel", Some(channel))
            .put("network", network.as_ref())
            .put("direction", direction.as_ref())
            .put("subject", subject.as_ref())
            .put("summary", summary.as_ref())
            .put("agent", agent.as_ref())
            .put("occurred_at", occurred_at.as_ref())
            .put("duration_seconds", duration_seconds.as_ref())
            .put("id", id.as_ref())
            .parse()
            .or_raise(py)?;
        let meta = meta(py, at.as_ref(), actor.as_ref())?;
        self.mutate(py, false, |ws| ws.log_interaction(meta, command.clone()))
            .map(|id| id.to_string())
    }

    /// An interaction as a dict, ``occurred_at`` as an aware datetime.
    ///
    /// Raises:
    ///     NotFoundError: for an unknown id.
    ///     InvalidInputError: when ``id`` is not a UUID string.
    fn interaction<'py>(
        &self,
        py: Python<'py>,
        id: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let id: InteractionId = id_arg(id, "interaction").or_raise(py)?;
        let i = self.inner.interaction(id).or_raise(py)?;
        interaction_to_py(py, i)
    }

    /// A customer's interactions, oldest first.
    ///
    /// Raises:
    ///     NotFoundError: for an unknown customer.
    fn interactions_of<'py>(
        &self,
        py: Python<'py>,
        customer: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyList>> {
        let id: CustomerId = id_arg(customer, "customer").or_raise(py)?;
        let list = PyList::empty(py);
        for i in self.inner.interactions_of(id).or_raise(py)? {
            list.append(interaction_to_py(py, i)?)?;
        }
        Ok(list)
    }

    /// A customer's timeline, newest first: its interactions (at the time
    /// they occurred) merged with every other event about it. Pass the
    /// returned ``next`` (an event ``seq``) as ``after`` for the next page.
    ///
    /// Returns:
    ///     ``{"items": [{"at": datetime, "event": dict}, ...], "next": int or
    ///     None}``; ``event`` is in the JSON interchange form.
    ///
    /// Raises:
    ///     NotFoundError: for an unknown customer or a cursor not on its timeline.
    ///     InvalidInputError: for a limit outside 1..1000.
    ///
    /// Example:
    ///     >>> c = ws.register_customer("Khoa", at=at)
    ///     >>> _ = ws.log_interaction(c, "phone", at=at)
    ///     >>> page = ws.timeline(c, limit=1)
    ///     >>> page["items"][0]["event"]["payload"]["type"], page["next"] is not None
    ///     ('interaction_logged', True)
    #[pyo3(
        signature = (customer, *, after=None, limit=None),
        text_signature = "($self, customer, *, after=None, limit=50)"
    )]
    fn timeline<'py>(
        &self,
        py: Python<'py>,
        customer: &Bound<'py, PyAny>,
        after: Option<Bound<'py, PyAny>>,
        limit: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let id: CustomerId = id_arg(customer, "customer").or_raise(py)?;
        let after = after
            .map(|a| uint_arg(&a, "after"))
            .transpose()
            .or_raise(py)?;
        let limit = match limit {
            Some(l) => usize_arg(&l, "limit").or_raise(py)?,
            None => 50,
        };
        let page = self
            .inner
            .timeline(id, PageRequest { after, limit })
            .or_raise(py)?;
        let items = PyList::empty(py);
        for entry in &page.items {
            let d = PyDict::new(py);
            d.set_item("at", entry.at)?;
            d.set_item("event", to_py(py, entry.event)?)?;
            items.append(d)?;
        }
        let out = PyDict::new(py);
        out.set_item("items", items)?;
        out.set_item("next", page.next)?;
        Ok(out)
    }
}
