//! Complaints: the ticket lifecycle (open, respond, resolve, reopen, close,
//! cancel, merge, escalate) and the complaint queries (records, history,
//! queue views). SLA clocks and settings are in `sla.rs`.

use crate::convert::{
    complaint_to_py, complaints_to_py, enum_arg, id_arg, to_py, usize_arg, Fields, Opt,
};
use crate::errors::OrRaise;
use crate::workspace::{meta, PyWorkspace};
use clientcare::{
    Command, ComplaintFilter, ComplaintId, ComplaintSort, CustomerId, OpenComplaint, PageRequest,
};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

/// `Some(value)` when the argument was passed (even as `None`).
fn given<'a, 'py>(o: &'a Opt<'py>) -> Option<&'a Bound<'py, PyAny>> {
    match o {
        Opt::Given(v) => Some(v),
        Opt::Omitted => None,
    }
}

#[pymethods]
impl PyWorkspace {
    /// Records a complaint from a customer. It starts ``new``; the first
    /// public response by a human agent moves it to ``open``. Its SLA clocks
    /// start at ``received_at``.
    ///
    /// Args:
    ///     customer: the (active) customer's id.
    ///     channel: the channel it came in on: in_person, phone, email, sms,
    ///         social, live_chat, forum, web or other.
    ///     subject: a subject line (required, at most 300 characters).
    ///     description: what the customer reported.
    ///     category: a category label (``"delivery"``, ``"billing"``), used
    ///         by SLA policy conditions and queue filters.
    ///     priority: low, normal (the default), high or urgent.
    ///     assignee: assign it to this (active) agent.
    ///     team: assign it to this team.
    ///     tags: tags (normalised; a single str counts as one).
    ///     interactions: ids of the customer's interactions to link.
    ///     follows: an earlier complaint of the same customer that this one
    ///         follows up (a closed complaint cannot be reopened).
    ///     received_at: when it was received (an aware datetime; default
    ///         ``at``); not after ``at``.
    ///     id: use this id instead of a new one (for sync); must be unused.
    ///
    /// Returns:
    ///     The new complaint's id.
    ///
    /// Raises:
    ///     InvalidInputError: naming the field (``details["field"]``) for a
    ///         bad value: an empty subject, an unknown channel or priority,
    ///         a ``received_at`` after ``at``, an interaction of another customer.
    ///     NotFoundError: for an unknown customer, agent, interaction or
    ///         followed complaint.
    ///     InvalidTransitionError: for an archived customer.
    ///     ConflictError: when ``id`` is already used.
    ///
    /// Example:
    ///     >>> duc = ws.register_customer("Nguyễn Văn Đức", at=at)
    ///     >>> k = ws.open_complaint(duc, "phone", "Giao hàng trễ", category="delivery", at=at)
    ///     >>> ws.complaint(k)["state"], ws.complaint(k)["priority"], ws.complaint(k)["received_at"] == at
    ///     ('new', 'normal', True)
    #[pyo3(signature = (
        customer, channel, subject, *, description=None, category=None, priority=None,
        assignee=None, team=None, tags=None, interactions=None, follows=None,
        received_at=None, id=None, at=None, actor=None
    ), text_signature = "($self, customer, channel, subject, *, description=None, \
        category=None, priority='normal', assignee=None, team=None, tags=(), interactions=(), \
        follows=None, received_at=None, id=None, at=None, actor=None)")]
    #[allow(clippy::too_many_arguments)]
    fn open_complaint(
        &mut self,
        py: Python<'_>,
        customer: &Bound<'_, PyAny>,
        channel: &Bound<'_, PyAny>,
        subject: &Bound<'_, PyAny>,
        description: Option<Bound<'_, PyAny>>,
        category: Option<Bound<'_, PyAny>>,
        priority: Option<Bound<'_, PyAny>>,
        assignee: Option<Bound<'_, PyAny>>,
        team: Option<Bound<'_, PyAny>>,
        tags: Option<Bound<'_, PyAny>>,
        interactions: Option<Bound<'_, PyAny>>,
        follows: Option<Bound<'_, PyAny>>,
        received_at: Option<Bound<'_, PyAny>>,
        id: Option<Bound<'_, PyAny>>,
        at: Option<Bound<'_, PyAny>>,
        actor: Option<Bound<'_, PyAny>>,
    ) -> PyResult<String> {
        let command: OpenComplaint = Fields::new()
            .put("customer", Some(customer))
            .put("channel", Some(channel))
            .put("subject", Some(subject))
            .put("description", description.as_ref())
            .put("category", category.as_ref())
            .put("priority", priority.as_ref())
            .put("assignee", assignee.as_ref())
            .put("team", team.as_ref())
            .put_strs("tags", tags.as_ref())
            .put_strs("interactions", interactions.as_ref())
            .put("follows", follows.as_ref())
            .put("received_at", received_at.as_ref())
            .put("id", id.as_ref())
            .parse()
            .or_raise(py)?;
        let meta = meta(py, at.as_ref(), actor.as_ref())?;
        self.mutate(py, false, |ws| ws.open_complaint(meta, command.clone()))
            .map(|id| id.to_string())
    }

    /// Changes the subject, description, category, priority or tags of a
    /// complaint that is not closed, cancelled or merged. Omitted fields stay
    /// as they are; ``description=None`` and ``category=None`` clear; ``tags``
    /// replaces the tags. Only real changes are recorded (no event when
    /// nothing changes). A new priority or category may switch the SLA policy.
    ///
    /// Raises:
    ///     NotFoundError: for an unknown complaint.
    ///     InvalidInputError: naming the field for a bad value.
    ///     InvalidTransitionError: for a closed, cancelled or merged complaint.
    ///
    /// Example:
    ///     >>> c = ws.register_customer("Lan", at=at)
    ///     >>> k = ws.open_complaint(c, "email", "Hóa đơn sai", category="billing", at=at)
    ///     >>> ws.update_complaint(k, priority="high", category=None, at=at)
    ///     >>> ws.events()[-1]["payload"]["changes"]
    ///     {'category': None, 'priority': 'high'}
    #[pyo3(signature = (
        complaint, *, subject=Opt::Omitted, description=Opt::Omitted, category=Opt::Omitted,
        priority=Opt::Omitted, tags=Opt::Omitted, at=None, actor=None
    ))]
    #[allow(clippy::too_many_arguments)]
    fn update_complaint(
        &mut self,
        py: Python<'_>,
        complaint: &Bound<'_, PyAny>,
        subject: Opt<'_>,
        description: Opt<'_>,
        category: Opt<'_>,
        priority: Opt<'_>,
        tags: Opt<'_>,
        at: Option<Bound<'_, PyAny>>,
        actor: Option<Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let command = Fields::new()
            .put("complaint", Some(complaint))
            .put_opt("subject", &subject)
            .put_opt("description", &description)
            .put_opt("category", &category)
            .put_opt("priority", &priority)
            .put_strs("tags", given(&tags))
            .parse()
            .map(Command::UpdateComplaint);
        self.run(py, command, at.as_ref(), actor.as_ref())
            .map(|_| ())
    }

    /// Assigns a working complaint to an agent and/or a team. Omitted: as it
    /// is; ``None``: unassigned. No event when nothing changes.
    ///
    /// Raises:
    ///     NotFoundError: for an unknown complaint or agent.
    ///     InvalidInputError: for an inactive agent or a bad team.
    ///     InvalidTransitionError: when the complaint is not working (resolved,
    ///         closed, cancelled, merged).
    ///
    /// Example:
    ///     >>> mai = ws.register_agent("Mai", team="care", at=at)
    ///     >>> c = ws.register_customer("Hùng", at=at)
    ///     >>> k = ws.open_complaint(c, "phone", "Máy lạnh hỏng", at=at)
    ///     >>> ws.assign_complaint(k, assignee=mai, team="care", at=at)
    ///     >>> ws.complaint(k)["assignee"] == mai, ws.complaint(k)["team"]
    ///     (True, 'care')
    ///     >>> ws.assign_complaint(k, assignee=None, at=at)
    ///     >>> ws.complaint(k)["assignee"], ws.complaint(k)["team"]
    ///     (None, 'care')
    #[pyo3(signature = (complaint, *, assignee=Opt::Omitted, team=Opt::Omitted, at=None, actor=None))]
    fn assign_complaint(
        &mut self,
        py: Python<'_>,
        complaint: &Bound<'_, PyAny>,
        assignee: Opt<'_>,
        team: Opt<'_>,
        at: Option<Bound<'_, PyAny>>,
        actor: Option<Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let command = Fields::new()
            .put("complaint", Some(complaint))
            .put_opt("assignee", &assignee)
            .put_opt("team", &team)
            .parse()
            .map(Command::AssignComplaint);
        self.run(py, command, at.as_ref(), actor.as_ref())
            .map(|_| ())
    }

    /// Moves a working complaint between ``open``, ``in_progress`` and
    /// ``waiting_on_customer`` (which pauses the SLA clocks by default; the
    /// customer's next message resumes the state it had). Resolving,
    /// closing, cancelling and merging have their own methods.
    ///
    /// Raises:
    ///     InvalidTransitionError: when the complaint cannot move there;
    ///         ``details["current"]`` is its state and ``details["allowed"]``
    ///         the states and actions it allows.
    ///     InvalidInputError: for a state that has its own method
    ///         (``"resolved"``: use ``resolve_complaint``) or an unknown one.
    ///     NotFoundError: for an unknown complaint.
    ///
    /// Example:
    ///     >>> c = ws.register_customer("Vy", at=at)
    ///     >>> k = ws.open_complaint(c, "email", "Sai màu", at=at)
    ///     >>> ws.change_complaint_state(k, "in_progress", reason="checking stock", at=at)
    ///     >>> ws.complaint(k)["state"]
    ///     'in_progress'
    ///     >>> try:
    ///     ...     ws.change_complaint_state(k, "in_progress", at=at)
    ///     ... except clientcare.InvalidTransitionError as e:
    ///     ...     print(e.details["current"], e.details["allowed"])
    ///     in_progress ['open', 'waiting_on_customer', 'resolve', 'cancel', 'merge']
    #[pyo3(signature = (complaint, to, *, reason=None, at=None, actor=None))]
    fn change_complaint_state(
        &mut self,
        py: Python<'_>,
        complaint: &Bound<'_, PyAny>,
        to: &Bound<'_, PyAny>,
        reason: Option<Bound<'_, PyAny>>,
        at: Option<Bound<'_, PyAny>>,
        actor: Option<Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let command = Fields::new()
            .put("complaint", Some(complaint))
            .put("to", Some(to))
            .put("reason", reason.as_ref())
            .parse()
            .map(Command::ChangeComplaintState);
        self.run(py, command, at.as_ref(), actor.as_ref())
            .map(|_| ())
    }

    /// Records an agent's message on a complaint. A public, non-automated
    /// response by a person counts for the SLA (first and next response) and
    /// moves a ``new`` complaint to ``open``; an automated acknowledgement or
    /// an internal note (``public=False``) does neither.
    ///
    /// Args:
    ///     complaint: the complaint's id.
    ///     body: the text (not empty).
    ///     agent: the responding agent (default: the ``actor``); required
    ///         unless ``automated``.
    ///     channel: the channel it was sent on (default: the complaint's).
    ///     public: seen by the customer (``False``: an internal note).
    ///     automated: sent by an automation (a bot, an auto-acknowledgement).
    ///     occurred_at: when it was written (an aware datetime; default
    ///         ``at``); a late-recorded response recomputes the SLA status.
    ///
    /// Raises:
    ///     InvalidInputError: for an empty body, a missing agent, or an
    ///         ``occurred_at`` after ``at`` or before the complaint was received.
    ///     NotFoundError: for an unknown complaint or agent.
    ///     InvalidTransitionError: for a closed, cancelled or merged complaint.
    ///
    /// Example:
    ///     >>> mai = ws.register_agent("Mai", at=at)
    ///     >>> c = ws.register_customer("Khoa", at=at)
    ///     >>> k = ws.open_complaint(c, "email", "Chưa nhận hàng", at=at)
    ///     >>> ws.respond_to_complaint(k, "Đã nhận yêu cầu", automated=True, at=at)
    ///     >>> ws.complaint(k)["state"], ws.complaint(k)["first_response_at"]
    ///     ('new', None)
    ///     >>> ws.respond_to_complaint(k, "Dạ em kiểm tra ngay", agent=mai, at=at)
    ///     >>> ws.complaint(k)["state"], ws.complaint(k)["first_response_at"] == at
    ///     ('open', True)
    #[pyo3(signature = (
        complaint, body, *, agent=None, channel=None, public=None, automated=None,
        occurred_at=None, at=None, actor=None
    ), text_signature = "($self, complaint, body, *, agent=None, channel=None, public=True, \
        automated=False, occurred_at=None, at=None, actor=None)")]
    #[allow(clippy::too_many_arguments)]
    fn respond_to_complaint(
        &mut self,
        py: Python<'_>,
        complaint: &Bound<'_, PyAny>,
        body: &Bound<'_, PyAny>,
        agent: Option<Bound<'_, PyAny>>,
        channel: Option<Bound<'_, PyAny>>,
        public: Option<Bound<'_, PyAny>>,
        automated: Option<Bound<'_, PyAny>>,
        occurred_at: Option<Bound<'_, PyAny>>,
        at: Option<Bound<'_, PyAny>>,
        actor: Option<Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let command = Fields::new()
            .put("complaint", Some(complaint))
            .put("body", Some(body))
            .put("agent", agent.as_ref())
            .put("channel", channel.as_ref())
            .put("public", public.as_ref())
            .put("automated", automated.as_ref())
            .put("occurred_at", occurred_at.as_ref())
            .parse()
            .map(Command::RespondToComplaint);
        self.run(py, command, at.as_ref(), actor.as_ref())
            .map(|_| ())
    }

    /// Records a message from the customer on a complaint. It starts a
    /// next-response SLA cycle once the complaint was answered, and on a
    /// complaint ``waiting_on_customer`` it resumes the state it had.
    ///
    /// Args:
    ///     complaint: the complaint's id.
    ///     body: the text (not empty).
    ///     channel: the channel (default: the complaint's).
    ///     occurred_at: when it was written (an aware datetime; default ``at``).
    ///     interaction: the customer's interaction that carried it.
    ///
    /// Raises:
    ///     InvalidInputError: for an empty body, an interaction of another
    ///         customer or a bad ``occurred_at``.
    ///     NotFoundError: for an unknown complaint or interaction.
    ///     InvalidTransitionError: for a closed, cancelled or merged complaint.
    ///
    /// Example:
    ///     >>> c = ws.register_customer("Thảo", at=at)
    ///     >>> k = ws.open_complaint(c, "live_chat", "Lỗi thanh toán", at=at)
    ///     >>> ws.change_complaint_state(k, "waiting_on_customer", at=at)
    ///     >>> ws.add_customer_message(k, "Em gửi ảnh chụp màn hình", at=at)
    ///     >>> ws.complaint(k)["state"], ws.complaint(k)["messages"][0]["author"]
    ///     ('open', 'customer')
    #[pyo3(signature = (
        complaint, body, *, channel=None, occurred_at=None, interaction=None, at=None, actor=None
    ))]
    #[allow(clippy::too_many_arguments)]
    fn add_customer_message(
        &mut self,
        py: Python<'_>,
        complaint: &Bound<'_, PyAny>,
        body: &Bound<'_, PyAny>,
        channel: Option<Bound<'_, PyAny>>,
        occurred_at: Option<Bound<'_, PyAny>>,
        interaction: Option<Bound<'_, PyAny>>,
        at: Option<Bound<'_, PyAny>>,
        actor: Option<Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let command = Fields::new()
            .put("complaint", Some(complaint))
            .put("body", Some(body))
            .put("channel", channel.as_ref())
            .put("occurred_at", occurred_at.as_ref())
            .put("interaction", interaction.as_ref())
            .parse()
            .map(Command::AddCustomerMessage);
        self.run(py, command, at.as_ref(), actor.as_ref())
            .map(|_| ())
    }

    /// Links an interaction of the same customer to a complaint (no event
    /// when it is linked already).
    ///
    /// Raises:
    ///     NotFoundError: for an unknown complaint or interaction.
    ///     InvalidInputError: for an interaction of another customer.
    ///     InvalidTransitionError: for a closed, cancelled or merged complaint.
    ///
    /// Example:
    ///     >>> c = ws.register_customer("Bảo", at=at)
    ///     >>> i = ws.log_interaction(c, "phone", subject="Gọi khiếu nại", at=at)
    ///     >>> k = ws.open_complaint(c, "phone", "Bảo hành", at=at)
    ///     >>> ws.link_interaction(k, i, at=at)
    ///     >>> ws.complaint(k)["interactions"] == [i]
    ///     True
    #[pyo3(signature = (complaint, interaction, *, at=None, actor=None))]
    fn link_interaction(
        &mut self,
        py: Python<'_>,
        complaint: &Bound<'_, PyAny>,
        interaction: &Bound<'_, PyAny>,
        at: Option<Bound<'_, PyAny>>,
        actor: Option<Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let command = Fields::new()
            .put("complaint", Some(complaint))
            .put("interaction", Some(interaction))
            .parse()
            .map(Command::LinkInteraction);
        self.run(py, command, at.as_ref(), actor.as_ref())
            .map(|_| ())
    }

    /// Resolves a working complaint. It can be reopened within the reopen
    /// window (``complaint_settings()``), and ``tick`` closes it after the
    /// auto-close delay.
    ///
    /// Args:
    ///     complaint: the complaint's id.
    ///     category: how it was resolved (``"refunded"``, ``"repaired"``, ...).
    ///     note: what was done.
    ///     compensation: what the customer was given: dicts ``{"kind":
    ///         "refund" | "voucher" | "replacement" | "gift" | "other",
    ///         "value": {"amount_minor": int, "currency": "VND"}, "note": str}``
    ///         (``note`` optional; amounts zero or more).
    ///
    /// Raises:
    ///     InvalidInputError: naming the field for a bad value, such as a
    ///         negative amount (``compensation[0].value.amount_minor``).
    ///     InvalidTransitionError: when the complaint is not working.
    ///     NotFoundError: for an unknown complaint.
    ///
    /// Example:
    ///     >>> c = ws.register_customer("Minh", at=at)
    ///     >>> k = ws.open_complaint(c, "web", "Hàng vỡ", at=at)
    ///     >>> refund = {"kind": "refund", "value": {"amount_minor": 150000, "currency": "vnd"}}
    ///     >>> ws.resolve_complaint(k, "refunded", note="Hoàn tiền", compensation=[refund], at=at)
    ///     >>> r = ws.complaint(k)["resolutions"][-1]
    ///     >>> ws.complaint(k)["state"], r["category"], r["compensation"][0]["value"]
    ///     ('resolved', 'refunded', {'amount_minor': 150000, 'currency': 'VND'})
    #[pyo3(signature = (complaint, category, *, note=None, compensation=None, at=None, actor=None),
        text_signature = "($self, complaint, category, *, note=None, compensation=(), at=None, actor=None)")]
    #[allow(clippy::too_many_arguments)]
    fn resolve_complaint(
        &mut self,
        py: Python<'_>,
        complaint: &Bound<'_, PyAny>,
        category: &Bound<'_, PyAny>,
        note: Option<Bound<'_, PyAny>>,
        compensation: Option<Bound<'_, PyAny>>,
        at: Option<Bound<'_, PyAny>>,
        actor: Option<Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let command = Fields::new()
            .put("complaint", Some(complaint))
            .put("category", Some(category))
            .put("note", note.as_ref())
            .put("compensation", compensation.as_ref())
            .parse()
            .map(Command::ResolveComplaint);
        self.run(py, command, at.as_ref(), actor.as_ref())
            .map(|_| ())
    }

    /// Reopens a resolved complaint within the reopen window (it is ``open``
    /// again). After the window, or once closed, open a new complaint that
    /// ``follows`` it instead.
    ///
    /// Raises:
    ///     InvalidTransitionError: when it is not resolved or the window has
    ///         ended (``details["action"]`` says when it ended).
    ///     NotFoundError: for an unknown complaint.
    ///
    /// Example:
    ///     >>> from datetime import timedelta
    ///     >>> c = ws.register_customer("Quân", at=at)
    ///     >>> k = ws.open_complaint(c, "phone", "Mất kết nối", at=at)
    ///     >>> ws.resolve_complaint(k, "fixed", at=at)
    ///     >>> ws.reopen_complaint(k, reason="lại mất kết nối", at=at + timedelta(hours=2))
    ///     >>> ws.complaint(k)["state"], ws.complaint(k)["reopen_count"]
    ///     ('open', 1)
    #[pyo3(signature = (complaint, *, reason=None, at=None, actor=None))]
    fn reopen_complaint(
        &mut self,
        py: Python<'_>,
        complaint: &Bound<'_, PyAny>,
        reason: Option<Bound<'_, PyAny>>,
        at: Option<Bound<'_, PyAny>>,
        actor: Option<Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let command = Fields::new()
            .put("complaint", Some(complaint))
            .put("reason", reason.as_ref())
            .parse()
            .map(Command::ReopenComplaint);
        self.run(py, command, at.as_ref(), actor.as_ref())
            .map(|_| ())
    }

    /// Closes a resolved complaint (final).
    ///
    /// Raises:
    ///     InvalidTransitionError: when it is not resolved.
    ///     NotFoundError: for an unknown complaint.
    ///
    /// Example:
    ///     >>> c = ws.register_customer("Tú", at=at)
    ///     >>> k = ws.open_complaint(c, "sms", "Sai địa chỉ", at=at)
    ///     >>> ws.resolve_complaint(k, "explained", at=at)
    ///     >>> ws.close_complaint(k, at=at)
    ///     >>> ws.complaint(k)["state"], ws.complaint(k)["closed_at"] == at
    ///     ('closed', True)
    #[pyo3(signature = (complaint, *, at=None, actor=None))]
    fn close_complaint(
        &mut self,
        py: Python<'_>,
        complaint: &Bound<'_, PyAny>,
        at: Option<Bound<'_, PyAny>>,
        actor: Option<Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let command = Fields::new()
            .put("complaint", Some(complaint))
            .parse()
            .map(Command::CloseComplaint);
        self.run(py, command, at.as_ref(), actor.as_ref())
            .map(|_| ())
    }

    /// Cancels a working complaint (final; its SLA clocks stop).
    ///
    /// Args:
    ///     complaint: the complaint's id.
    ///     reason: spam, duplicate, withdrawn or other.
    ///     note: why (required for ``"other"``).
    ///
    /// Raises:
    ///     InvalidInputError: for an unknown reason, or ``"other"`` without a note.
    ///     InvalidTransitionError: when the complaint is not working.
    ///     NotFoundError: for an unknown complaint.
    ///
    /// Example:
    ///     >>> c = ws.register_customer("Hoa", at=at)
    ///     >>> k = ws.open_complaint(c, "web", "asdf", at=at)
    ///     >>> ws.cancel_complaint(k, "spam", at=at)
    ///     >>> ws.complaint(k)["state"]
    ///     'cancelled'
    #[pyo3(signature = (complaint, reason, *, note=None, at=None, actor=None))]
    fn cancel_complaint(
        &mut self,
        py: Python<'_>,
        complaint: &Bound<'_, PyAny>,
        reason: &Bound<'_, PyAny>,
        note: Option<Bound<'_, PyAny>>,
        at: Option<Bound<'_, PyAny>>,
        actor: Option<Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let command = Fields::new()
            .put("complaint", Some(complaint))
            .put("reason", Some(reason))
            .put("note", note.as_ref())
            .parse()
            .map(Command::CancelComplaint);
        self.run(py, command, at.as_ref(), actor.as_ref())
            .map(|_| ())
    }

    /// Merges a working complaint into another working complaint of the same
    /// customer: the first ends ``merged``, the second goes on and lists it
    /// in ``merged_from``.
    ///
    /// Raises:
    ///     InvalidInputError: for a complaint merged into itself or complaints
    ///         of different customers.
    ///     InvalidTransitionError: when either complaint is not working.
    ///     NotFoundError: for an unknown complaint.
    ///
    /// Example:
    ///     >>> c = ws.register_customer("Vy", at=at)
    ///     >>> a = ws.open_complaint(c, "email", "Giao trễ", at=at)
    ///     >>> b = ws.open_complaint(c, "phone", "Giao trễ (gọi lại)", at=at)
    ///     >>> ws.merge_complaint(b, a, at=at)
    ///     >>> ws.complaint(b)["state"], ws.complaint(b)["merged_into"] == a, ws.complaint(a)["merged_from"] == [b]
    ///     ('merged', True, True)
    #[pyo3(signature = (complaint, into, *, at=None, actor=None))]
    fn merge_complaint(
        &mut self,
        py: Python<'_>,
        complaint: &Bound<'_, PyAny>,
        into: &Bound<'_, PyAny>,
        at: Option<Bound<'_, PyAny>>,
        actor: Option<Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let command = Fields::new()
            .put("complaint", Some(complaint))
            .put("into", Some(into))
            .parse()
            .map(Command::MergeComplaint);
        self.run(py, command, at.as_ref(), actor.as_ref())
            .map(|_| ())
    }

    /// Raises the escalation level of a working complaint, optionally
    /// reassigning it to an agent and/or a team.
    ///
    /// Args:
    ///     complaint: the complaint's id.
    ///     reason: why (required).
    ///     level: the new level, above the current one and at most 9
    ///         (default: one above the current).
    ///     reassign_to: reassign it to this (active) agent.
    ///     team: move it to this team.
    ///
    /// Raises:
    ///     InvalidInputError: for an empty reason, a level not above the
    ///         current one or above 9, or an inactive agent.
    ///     InvalidTransitionError: when the complaint is not working.
    ///     NotFoundError: for an unknown complaint or agent.
    ///
    /// Example:
    ///     >>> lead = ws.register_agent("Trưởng nhóm", team="supervisors", at=at)
    ///     >>> c = ws.register_customer("Đức", at=at)
    ///     >>> k = ws.open_complaint(c, "phone", "Gọi 3 lần chưa ai nghe", at=at)
    ///     >>> ws.escalate_complaint(k, "khách rất bức xúc", reassign_to=lead, team="supervisors", at=at)
    ///     >>> ws.complaint(k)["escalation_level"], ws.complaint(k)["assignee"] == lead
    ///     (1, True)
    #[pyo3(signature = (
        complaint, reason, *, level=None, reassign_to=None, team=None, at=None, actor=None
    ))]
    #[allow(clippy::too_many_arguments)]
    fn escalate_complaint(
        &mut self,
        py: Python<'_>,
        complaint: &Bound<'_, PyAny>,
        reason: &Bound<'_, PyAny>,
        level: Option<Bound<'_, PyAny>>,
        reassign_to: Option<Bound<'_, PyAny>>,
        team: Option<Bound<'_, PyAny>>,
        at: Option<Bound<'_, PyAny>>,
        actor: Option<Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let command = Fields::new()
            .put("complaint", Some(complaint))
            .put("reason", Some(reason))
            .put("level", level.as_ref())
            .put("reassign_to", reassign_to.as_ref())
            .put("team", team.as_ref())
            .parse()
            .map(Command::EscalateComplaint);
        self.run(py, command, at.as_ref(), actor.as_ref())
            .map(|_| ())
    }

    // ----- queries -----

    /// A complaint as a dict (``id``, ``customer``, ``subject``, ``state``,
    /// ``priority``, ``assignee``, ``messages``, ``resolutions``, ...). Times
    /// are aware ``datetime``s in UTC.
    ///
    /// Raises:
    ///     NotFoundError: for an unknown id.
    ///     InvalidInputError: when ``id`` is not a UUID string.
    fn complaint<'py>(
        &self,
        py: Python<'py>,
        id: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let id: ComplaintId = id_arg(id, "complaint").or_raise(py)?;
        let c = self.inner.complaint(id).or_raise(py)?;
        complaint_to_py(py, c)
    }

    /// A customer's complaints, in the order recorded (all states).
    ///
    /// Raises:
    ///     NotFoundError: for an unknown customer.
    ///     InvalidInputError: when ``customer`` is not a UUID string.
    ///
    /// Example:
    ///     >>> c = ws.register_customer("Lan", at=at)
    ///     >>> k = ws.open_complaint(c, "email", "Sai size", at=at)
    ///     >>> [x["id"] for x in ws.complaints_of(c)] == [k]
    ///     True
    fn complaints_of<'py>(
        &self,
        py: Python<'py>,
        customer: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyList>> {
        let id: CustomerId = id_arg(customer, "customer").or_raise(py)?;
        let items = self.inner.complaints_of(id).or_raise(py)?;
        complaints_to_py(py, items)
    }

    /// Every event about a complaint, in log order (the same event dicts as
    /// ``events()``), including another complaint merged into it.
    ///
    /// Raises:
    ///     NotFoundError: for an unknown complaint.
    ///     InvalidInputError: when ``id`` is not a UUID string.
    ///
    /// Example:
    ///     >>> c = ws.register_customer("Khoa", at=at)
    ///     >>> k = ws.open_complaint(c, "phone", "Trễ hẹn", at=at)
    ///     >>> ws.resolve_complaint(k, "explained", at=at)
    ///     >>> [e["payload"]["type"] for e in ws.complaint_history(k)]
    ///     ['complaint_opened', 'complaint_resolved']
    fn complaint_history<'py>(
        &self,
        py: Python<'py>,
        id: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyList>> {
        let id: ComplaintId = id_arg(id, "complaint").or_raise(py)?;
        let list = PyList::empty(py);
        for ev in self.inner.complaint_history(id).or_raise(py)? {
            list.append(to_py(py, ev)?)?;
        }
        Ok(list)
    }

    /// A queue view: complaints matching all the given filters, one page at
    /// a time. Without ``states``, the working ones (new, open, in_progress,
    /// waiting_on_customer). Pass the returned ``next`` as ``after`` for the
    /// following page (with the same filters and sort).
    ///
    /// Args:
    ///     states: states to include (a single str counts as one).
    ///     assignee: assigned to this agent.
    ///     unassigned: only complaints without an assignee.
    ///     team: assigned to this team.
    ///     priorities: priorities to include (a single str counts as one).
    ///     category: in this category.
    ///     customer: of this customer.
    ///     received_before: received at or before this aware datetime.
    ///     received_after: received at or after this aware datetime.
    ///     sort: ``"oldest"`` received first, ``"newest"`` first, or
    ///         ``"priority"`` (most urgent first, then oldest).
    ///
    /// Returns:
    ///     ``{"items": [complaint, ...], "next": id or None}``.
    ///
    /// Raises:
    ///     InvalidInputError: for a bad filter value, a limit outside
    ///         1..1000, or an ``after`` that is not in this view.
    ///
    /// Example:
    ///     >>> c = ws.register_customer("An", at=at)
    ///     >>> for p in ["low", "urgent", "normal"]:
    ///     ...     _ = ws.open_complaint(c, "phone", f"{p} issue", priority=p, at=at)
    ///     >>> page = ws.list_complaints(sort="priority", limit=2)
    ///     >>> [x["priority"] for x in page["items"]]
    ///     ['urgent', 'normal']
    ///     >>> [x["priority"] for x in ws.list_complaints(sort="priority", after=page["next"])["items"]]
    ///     ['low']
    #[pyo3(signature = (
        *, states=None, assignee=None, unassigned=None, team=None, priorities=None,
        category=None, customer=None, received_before=None, received_after=None, sort=None,
        after=None, limit=None
    ), text_signature = "($self, *, states=None, assignee=None, unassigned=False, team=None, \
        priorities=None, category=None, customer=None, received_before=None, \
        received_after=None, sort='oldest', after=None, limit=50)")]
    #[allow(clippy::too_many_arguments)]
    fn list_complaints<'py>(
        &self,
        py: Python<'py>,
        states: Option<Bound<'py, PyAny>>,
        assignee: Option<Bound<'py, PyAny>>,
        unassigned: Option<Bound<'py, PyAny>>,
        team: Option<Bound<'py, PyAny>>,
        priorities: Option<Bound<'py, PyAny>>,
        category: Option<Bound<'py, PyAny>>,
        customer: Option<Bound<'py, PyAny>>,
        received_before: Option<Bound<'py, PyAny>>,
        received_after: Option<Bound<'py, PyAny>>,
        sort: Option<Bound<'py, PyAny>>,
        after: Option<Bound<'py, PyAny>>,
        limit: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let filter: ComplaintFilter = Fields::new()
            .put_strs("states", states.as_ref())
            .put("assignee", assignee.as_ref())
            .put("unassigned", unassigned.as_ref())
            .put("team", team.as_ref())
            .put_strs("priorities", priorities.as_ref())
            .put("category", category.as_ref())
            .put("customer", customer.as_ref())
            .put("received_before", received_before.as_ref())
            .put("received_after", received_after.as_ref())
            .parse()
            .or_raise(py)?;
        let sort: ComplaintSort = match sort {
            Some(s) => enum_arg(&s, "sort").or_raise(py)?,
            None => ComplaintSort::Oldest,
        };
        let after = after
            .map(|a| id_arg::<ComplaintId>(&a, "after"))
            .transpose()
            .or_raise(py)?;
        let limit = match limit {
            Some(l) => usize_arg(&l, "limit").or_raise(py)?,
            None => 50,
        };
        let page = self
            .inner
            .list_complaints(&filter, sort, PageRequest { after, limit })
            .or_raise(py)?;
        let out = PyDict::new(py);
        out.set_item("items", complaints_to_py(py, page.items)?)?;
        out.set_item("next", page.next.map(|id| id.to_string()))?;
        Ok(out)
    }
}
