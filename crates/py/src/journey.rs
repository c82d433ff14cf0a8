//! The sales and after-sales journey: pipelines and opportunities,
//! purchases, loyalty rules, referrals and after-sales playbooks. Follow-ups
//! (what playbook steps become) are in `followup.rs`.

use crate::convert::{
    id_arg, list_to_py, opportunity_to_py, playbook_run_to_py, purchase_to_py, referral_to_py,
    run_progress_to_py, str_arg, time_or_now, to_py, Fields, Opt,
};
use crate::errors::OrRaise;
use crate::workspace::{meta, PyWorkspace};
use clientcare::{
    AgentId, Command, CustomerId, OpenOpportunity, OpportunityId, PlaybookRunId, PurchaseId,
    RecordPurchase, RecordReferral, ReferralId, DEFAULT_PIPELINE,
};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

#[pymethods]
impl PyWorkspace {
    // ----- pipelines and opportunities -----

    /// Defines (or replaces, by ``key``) a sales pipeline. Until a pipeline
    /// named ``"sales"`` is defined, ``"sales"`` is the built-in default
    /// (need_identified 10 %, contacted 20 %, qualified 40 %, proposal 60 %,
    /// negotiation 80 %, won, lost).
    ///
    /// Args:
    ///     key: the pipeline's key (``"b2b"``).
    ///     stages: the stages in order: ``{"key": str, "probability": 0..100,
    ///         "kind": "open" | "won" | "lost", "rot_days": int, "name": str}``
    ///         (``kind`` defaults to ``"open"``; ``rot_days`` and ``name`` are
    ///         optional). It needs at least one stage of each kind; won stages
    ///         are 100 %, lost ones 0 %, and only open stages rot.
    ///     lost_reasons: the reasons a deal can be lost for (``"price"``, ...).
    ///     name: a display name.
    ///
    /// Raises:
    ///     InvalidInputError: naming the field (``stages[0].probability``) for a
    ///         probability out of range, duplicate stage keys, a missing open,
    ///         won or lost stage, or no lost reasons.
    ///     ConflictError: when a redefinition drops a stage that opportunities
    ///         are in (``details["holder"]`` is one of them).
    ///
    /// Example:
    ///     >>> stages = [{"key": "lead", "probability": 10},
    ///     ...           {"key": "demo", "probability": 50, "rot_days": 7},
    ///     ...           {"key": "won", "probability": 100, "kind": "won"},
    ///     ...           {"key": "lost", "probability": 0, "kind": "lost"}]
    ///     >>> ws.define_pipeline("b2b", stages, ["price", "competitor"], name="B2B", at=at)
    ///     >>> [(s["key"], s["kind"]) for s in ws.pipeline("b2b")["stages"]]
    ///     [('lead', 'open'), ('demo', 'open'), ('won', 'won'), ('lost', 'lost')]
    #[pyo3(signature = (key, stages, lost_reasons, *, name=None, at=None, actor=None))]
    #[allow(clippy::too_many_arguments)]
    fn define_pipeline(
        &mut self,
        py: Python<'_>,
        key: &Bound<'_, PyAny>,
        stages: &Bound<'_, PyAny>,
        lost_reasons: &Bound<'_, PyAny>,
        name: Option<Bound<'_, PyAny>>,
        at: Option<Bound<'_, PyAny>>,
        actor: Option<Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let command = Fields::new()
            .put("key", Some(key))
            .put("name", name.as_ref())
            .put("stages", Some(stages))
            .put_strs("lost_reasons", Some(lost_reasons))
            .parse()
            .map(Command::DefinePipeline);
        self.run(py, command, at.as_ref(), actor.as_ref())
            .map(|_| ())
    }

    /// A pipeline in its definition form: ``{"key", "name", "stages",
    /// "lost_reasons"}`` (``name`` only when set).
    ///
    /// Raises:
    ///     NotFoundError: for an unknown key.
    ///     InvalidInputError: when ``key`` is not a str.
    ///
    /// Example:
    ///     >>> ws.pipeline("sales")["stages"][0]
    ///     {'key': 'need_identified', 'probability': 10, 'kind': 'open', 'rot_days': 14}
    ///     >>> ws.pipeline("sales")["lost_reasons"][:2]
    ///     ['price', 'competitor']
    fn pipeline<'py>(
        &self,
        py: Python<'py>,
        key: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let key = str_arg(key, "key").or_raise(py)?;
        to_py(py, self.inner.pipeline(&key).or_raise(py)?)
    }

    /// Opens a sales opportunity (a deal) for a customer, in the first open
    /// stage of its pipeline unless ``stage`` says otherwise.
    ///
    /// Args:
    ///     customer: the (active) customer's id.
    ///     title: what the deal is about.
    ///     value: the expected value, ``{"amount_minor": int, "currency":
    ///         "VND"}`` (zero or more).
    ///     pipeline: the pipeline's key (default ``"sales"``).
    ///     expected_close: the expected close date (a ``datetime.date`` or an
    ///         ISO string).
    ///     source: where it came from: ``{"channel": ..., "campaign": str,
    ///         "referred_by": customer id}`` (all optional).
    ///     owner: the (active) owning agent.
    ///     stage: an open stage to start in.
    ///     id: use this id instead of a new one (for sync); must be unused.
    ///
    /// Returns:
    ///     The new opportunity's id.
    ///
    /// Raises:
    ///     InvalidInputError: naming the field for a bad title, a negative
    ///         value, or a stage that is unknown or not open.
    ///     NotFoundError: for an unknown customer, pipeline or owner.
    ///     InvalidTransitionError: for an archived customer.
    ///     ConflictError: when ``id`` is already used.
    ///
    /// Example:
    ///     >>> duc = ws.register_customer("Nguyễn Văn Đức", at=at)
    ///     >>> o = ws.open_opportunity(duc, "Bàn ghế văn phòng",
    ///     ...                         {"amount_minor": 50_000_000, "currency": "VND"},
    ///     ...                         expected_close=date(2026, 12, 15),
    ///     ...                         source={"channel": "web", "campaign": "tet-2027"}, at=at)
    ///     >>> op = ws.opportunity(o)
    ///     >>> op["stage"], op["status"], op["expected_close"], op["created_at"] == at
    ///     ('need_identified', 'open', datetime.date(2026, 12, 15), True)
    #[pyo3(signature = (
        customer, title, value, *, pipeline=None, expected_close=None, source=None, owner=None,
        stage=None, id=None, at=None, actor=None
    ), text_signature = "($self, customer, title, value, *, pipeline='sales', \
        expected_close=None, source=None, owner=None, stage=None, id=None, at=None, actor=None)")]
    #[allow(clippy::too_many_arguments)]
    fn open_opportunity(
        &mut self,
        py: Python<'_>,
        customer: &Bound<'_, PyAny>,
        title: &Bound<'_, PyAny>,
        value: &Bound<'_, PyAny>,
        pipeline: Option<Bound<'_, PyAny>>,
        expected_close: Option<Bound<'_, PyAny>>,
        source: Option<Bound<'_, PyAny>>,
        owner: Option<Bound<'_, PyAny>>,
        stage: Option<Bound<'_, PyAny>>,
        id: Option<Bound<'_, PyAny>>,
        at: Option<Bound<'_, PyAny>>,
        actor: Option<Bound<'_, PyAny>>,
    ) -> PyResult<String> {
        let command: OpenOpportunity = Fields::new()
            .put("customer", Some(customer))
            .put("title", Some(title))
            .put("value", Some(value))
            .put("pipeline", pipeline.as_ref())
            .put("expected_close", expected_close.as_ref())
            .put("source", source.as_ref())
            .put("owner", owner.as_ref())
            .put("stage", stage.as_ref())
            .put("id", id.as_ref())
            .parse()
            .or_raise(py)?;
        let meta = meta(py, at.as_ref(), actor.as_ref())?;
        self.mutate(py, false, |ws| ws.open_opportunity(meta, command.clone()))
            .map(|id| id.to_string())
    }

    /// Changes an opportunity's title, value, expected close date or owner.
    /// Omitted fields stay as they are; ``expected_close=None`` and
    /// ``owner=None`` clear. Only real changes are recorded (no event when
    /// nothing changes).
    ///
    /// Raises:
    ///     NotFoundError: for an unknown opportunity or owner.
    ///     InvalidInputError: naming the field for a bad value (a negative
    ///         value, an empty title, an inactive owner).
    ///
    /// Example:
    ///     >>> c = ws.register_customer("Lan", at=at)
    ///     >>> o = ws.open_opportunity(c, "Sofa", {"amount_minor": 20_000_000, "currency": "VND"},
    ///     ...                         expected_close=date(2026, 12, 1), at=at)
    ///     >>> ws.update_opportunity(o, value={"amount_minor": 18_000_000, "currency": "VND"},
    ///     ...                       expected_close=None, at=at)
    ///     >>> ws.opportunity(o)["value"]["amount_minor"], ws.opportunity(o)["expected_close"]
    ///     (18000000, None)
    #[pyo3(signature = (
        opportunity, *, title=Opt::Omitted, value=Opt::Omitted, expected_close=Opt::Omitted,
        owner=Opt::Omitted, at=None, actor=None
    ))]
    #[allow(clippy::too_many_arguments)]
    fn update_opportunity(
        &mut self,
        py: Python<'_>,
        opportunity: &Bound<'_, PyAny>,
        title: Opt<'_>,
        value: Opt<'_>,
        expected_close: Opt<'_>,
        owner: Opt<'_>,
        at: Option<Bound<'_, PyAny>>,
        actor: Option<Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let command = Fields::new()
            .put("opportunity", Some(opportunity))
            .put_opt("title", &title)
            .put_opt("value", &value)
            .put_opt("expected_close", &expected_close)
            .put_opt("owner", &owner)
            .parse()
            .map(Command::UpdateOpportunity);
        self.run(py, command, at.as_ref(), actor.as_ref())
            .map(|_| ())
    }

    /// Moves an opportunity to another stage of its pipeline. From an open
    /// stage it can go anywhere; from a won or lost stage only back to an
    /// open one (a reopen). Into a lost stage it needs a ``lost_reason`` from
    /// the pipeline's list; into a won stage it records the purchase (which
    /// makes a lead a customer, counts for loyalty and may start playbooks).
    ///
    /// Args:
    ///     opportunity: the opportunity's id.
    ///     stage: the stage's key.
    ///     lost_reason: why it was lost (only for a lost stage; required there).
    ///     note: a note on the move.
    ///     purchase: what was bought, for a won stage: ``{"items": [...],
    ///         "description": str, "amount": money, "channel": str}`` (all
    ///         optional; by default the opportunity's value and title, in person).
    ///
    /// Raises:
    ///     InvalidInputError: for an unknown stage, a missing or unlisted lost
    ///         reason, a lost reason or purchase on the wrong kind of stage,
    ///         or a bad purchase (mixed currencies, negative money).
    ///     InvalidTransitionError: for a move to the current stage, or from a
    ///         won or lost stage to another closed one (``details["allowed"]``
    ///         lists the stages it can go to); or for an archived customer.
    ///     NotFoundError: for an unknown opportunity.
    ///
    /// Example:
    ///     >>> c = ws.register_customer("Lan", at=at)
    ///     >>> o = ws.open_opportunity(c, "Sofa", {"amount_minor": 20_000_000, "currency": "VND"}, at=at)
    ///     >>> ws.move_opportunity(o, "proposal", note="đã gửi báo giá", at=at)
    ///     >>> try:
    ///     ...     ws.move_opportunity(o, "lost", at=at)
    ///     ... except clientcare.InvalidInputError as e:
    ///     ...     print(e.details["field"])
    ///     lost_reason
    ///     >>> ws.move_opportunity(o, "won", purchase={"channel": "web"}, at=at)
    ///     >>> op = ws.opportunity(o)
    ///     >>> op["status"], ws.purchase(op["purchase"])["amount"], ws.customer(c)["lifecycle"]
    ///     ('won', {'amount_minor': 20000000, 'currency': 'VND'}, 'customer')
    #[pyo3(signature = (
        opportunity, stage, *, lost_reason=None, note=None, purchase=None, at=None, actor=None
    ))]
    #[allow(clippy::too_many_arguments)]
    fn move_opportunity(
        &mut self,
        py: Python<'_>,
        opportunity: &Bound<'_, PyAny>,
        stage: &Bound<'_, PyAny>,
        lost_reason: Option<Bound<'_, PyAny>>,
        note: Option<Bound<'_, PyAny>>,
        purchase: Option<Bound<'_, PyAny>>,
        at: Option<Bound<'_, PyAny>>,
        actor: Option<Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let command = Fields::new()
            .put("opportunity", Some(opportunity))
            .put("stage", Some(stage))
            .put("lost_reason", lost_reason.as_ref())
            .put("note", note.as_ref())
            .put("purchase", purchase.as_ref())
            .parse()
            .map(Command::MoveOpportunity);
        self.run(py, command, at.as_ref(), actor.as_ref())
            .map(|_| ())
    }

    /// An opportunity as a dict (``id``, ``customer``, ``pipeline``,
    /// ``title``, ``value``, ``stage``, ``status``, ``lost_reason``,
    /// ``purchase``, ...): times as aware ``datetime``s in UTC,
    /// ``expected_close`` as a ``date``.
    ///
    /// Raises:
    ///     NotFoundError: for an unknown id.
    ///     InvalidInputError: when ``id`` is not a UUID string.
    fn opportunity<'py>(
        &self,
        py: Python<'py>,
        id: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let id: OpportunityId = id_arg(id, "opportunity").or_raise(py)?;
        opportunity_to_py(py, self.inner.opportunity(id).or_raise(py)?)
    }

    /// Every event about an opportunity, in log order (its stage history;
    /// the same event dicts as ``events()``).
    ///
    /// Raises:
    ///     NotFoundError: for an unknown opportunity.
    ///     InvalidInputError: when ``id`` is not a UUID string.
    ///
    /// Example:
    ///     >>> c = ws.register_customer("Hùng", at=at)
    ///     >>> o = ws.open_opportunity(c, "Tủ", {"amount_minor": 9_000_000, "currency": "VND"}, at=at)
    ///     >>> ws.move_opportunity(o, "lost", lost_reason="price", at=at)
    ///     >>> [(e["payload"]["type"], e["payload"].get("to")) for e in ws.opportunity_history(o)]
    ///     [('opportunity_opened', None), ('opportunity_moved', 'lost')]
    fn opportunity_history<'py>(
        &self,
        py: Python<'py>,
        id: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyList>> {
        let id: OpportunityId = id_arg(id, "opportunity").or_raise(py)?;
        let list = PyList::empty(py);
        for ev in self.inner.opportunity_history(id).or_raise(py)? {
            list.append(to_py(py, ev)?)?;
        }
        Ok(list)
    }

    /// A customer's opportunities, in the order opened (all statuses).
    ///
    /// Raises:
    ///     NotFoundError: for an unknown customer.
    ///     InvalidInputError: when ``customer`` is not a UUID string.
    fn opportunities_of<'py>(
        &self,
        py: Python<'py>,
        customer: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyList>> {
        let id: CustomerId = id_arg(customer, "customer").or_raise(py)?;
        let items = self.inner.opportunities_of(id).or_raise(py)?;
        list_to_py(py, items, opportunity_to_py)
    }

    /// An agent's open opportunities, soonest expected close first (undated
    /// ones last). Empty for an agent without deals.
    ///
    /// Raises:
    ///     InvalidInputError: when ``owner`` is not a UUID string.
    ///     NotFoundError: for an unknown agent.
    ///
    /// Example:
    ///     >>> bao = ws.register_agent("Bảo", team="sales", at=at)
    ///     >>> c = ws.register_customer("Vy", at=at)
    ///     >>> vnd = {"amount_minor": 1_000_000, "currency": "VND"}
    ///     >>> late = ws.open_opportunity(c, "Rèm", vnd, owner=bao, expected_close=date(2027, 1, 5), at=at)
    ///     >>> soon = ws.open_opportunity(c, "Đèn", vnd, owner=bao, expected_close="2026-11-20", at=at)
    ///     >>> [o["title"] for o in ws.open_deals(bao)]
    ///     ['Đèn', 'Rèm']
    fn open_deals<'py>(
        &self,
        py: Python<'py>,
        owner: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyList>> {
        let id: AgentId = id_arg(owner, "owner").or_raise(py)?;
        list_to_py(
            py,
            self.inner.open_deals(id).or_raise(py)?,
            opportunity_to_py,
        )
    }

    /// The board of a pipeline: per stage (in order) its ``count`` of
    /// opportunities, their total ``value`` and ``weighted`` value (value x
    /// probability, minor units rounded down), and the ``forecast``: the
    /// weighted total of the open stages. Totals are lists of money, one per
    /// currency (sums never mix currencies).
    ///
    /// Returns:
    ///     ``{"pipeline": key, "columns": [{"stage", "kind", "probability",
    ///     "count", "value", "weighted"}, ...], "forecast": [money, ...]}``.
    ///
    /// Raises:
    ///     NotFoundError: for an unknown pipeline.
    ///     InvalidInputError: when ``key`` is not a str.
    ///
    /// Example:
    ///     >>> c = ws.register_customer("Mai", at=at)
    ///     >>> a = ws.open_opportunity(c, "Bàn", {"amount_minor": 50_000_000, "currency": "VND"}, at=at)
    ///     >>> b = ws.open_opportunity(c, "Sofa", {"amount_minor": 20_000_000, "currency": "VND"}, at=at)
    ///     >>> ws.move_opportunity(a, "proposal", at=at)     # 60 %
    ///     >>> ws.move_opportunity(b, "negotiation", at=at)  # 80 %
    ///     >>> board = ws.pipeline_board()
    ///     >>> board["forecast"]
    ///     [{'amount_minor': 46000000, 'currency': 'VND'}]
    ///     >>> [(col["stage"], col["count"]) for col in board["columns"] if col["count"]]
    ///     [('proposal', 1), ('negotiation', 1)]
    #[pyo3(signature = (key=None), text_signature = "($self, key='sales')")]
    fn pipeline_board<'py>(
        &self,
        py: Python<'py>,
        key: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let key = match key {
            Some(k) => str_arg(&k, "key").or_raise(py)?,
            None => DEFAULT_PIPELINE.to_owned(),
        };
        to_py(py, &self.inner.pipeline_board(&key).or_raise(py)?)
    }

    /// Open opportunities with no activity (their own events, or an
    /// interaction with the customer) for longer than their stage's
    /// ``rot_days`` at ``now`` (default: the current time), longest idle first.
    ///
    /// Raises:
    ///     InvalidInputError: for a naive ``now``.
    ///
    /// Example:
    ///     >>> from datetime import timedelta
    ///     >>> c = ws.register_customer("Khoa", at=at)
    ///     >>> o = ws.open_opportunity(c, "Rèm", {"amount_minor": 3_000_000, "currency": "VND"}, at=at)
    ///     >>> ws.rotting_opportunities(now=at + timedelta(days=14))
    ///     []
    ///     >>> [x["id"] == o for x in ws.rotting_opportunities(now=at + timedelta(days=15))]
    ///     [True]
    #[pyo3(signature = (*, now=None))]
    fn rotting_opportunities<'py>(
        &self,
        py: Python<'py>,
        now: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyList>> {
        let now = time_or_now(py, now.as_ref(), "now")?;
        list_to_py(py, self.inner.rotting_opportunities(now), opportunity_to_py)
    }

    // ----- purchases and loyalty -----

    /// Records a purchase. In the same step it makes a lead, prospect or
    /// churned customer a ``customer``, a customer ``loyal`` by the loyalty
    /// rule, recomputes the tier when tier rules exist, qualifies a pending
    /// referral of the customer and starts the matching after-sales
    /// playbooks (see ``configure_loyalty`` and ``define_playbook``).
    ///
    /// Args:
    ///     customer: the (active) customer's id.
    ///     channel: the channel it was made on (in_person, web, ...).
    ///     items: the lines: ``{"name": str, "unit_price": money,
    ///         "quantity": int (default 1), "category": str}``, all in one
    ///         currency.
    ///     description: what was bought (required without items).
    ///     amount: the total, ``{"amount_minor": int, "currency": str}``
    ///         (default: the lines' total; must equal it when both are given).
    ///     occurred_at: when it was made (an aware datetime; default ``at``);
    ///         not after ``at``.
    ///     id: use this id instead of a new one (for sync); must be unused.
    ///
    /// Returns:
    ///     The new purchase's id.
    ///
    /// Raises:
    ///     InvalidInputError: naming the field for mixed currencies
    ///         (``items[1]``), negative money, a quantity of 0, an amount
    ///         that differs from the lines' total, neither lines nor amount,
    ///         or an ``occurred_at`` in the future.
    ///     NotFoundError: for an unknown customer.
    ///     InvalidTransitionError: for an archived customer.
    ///     ConflictError: when ``id`` is already used.
    ///
    /// Example:
    ///     >>> c = ws.register_customer("Hoa", at=at)
    ///     >>> chair = {"name": "Ghế", "category": "furniture", "quantity": 2,
    ///     ...          "unit_price": {"amount_minor": 1_500_000, "currency": "VND"}}
    ///     >>> p = ws.record_purchase(c, "in_person", items=[chair], at=at)
    ///     >>> ws.purchase(p)["amount"], ws.customer(c)["lifecycle"]
    ///     ({'amount_minor': 3000000, 'currency': 'VND'}, 'customer')
    ///     >>> usd_lamp = {"name": "Đèn", "unit_price": {"amount_minor": 500, "currency": "USD"}}
    ///     >>> try:
    ///     ...     ws.record_purchase(c, "web", items=[chair, usd_lamp], at=at)
    ///     ... except clientcare.InvalidInputError as e:
    ///     ...     print(e.details["field"])
    ///     items[1]
    #[pyo3(signature = (
        customer, channel, *, items=None, description=None, amount=None, occurred_at=None,
        id=None, at=None, actor=None
    ), text_signature = "($self, customer, channel, *, items=(), description=None, \
        amount=None, occurred_at=None, id=None, at=None, actor=None)")]
    #[allow(clippy::too_many_arguments)]
    fn record_purchase(
        &mut self,
        py: Python<'_>,
        customer: &Bound<'_, PyAny>,
        channel: &Bound<'_, PyAny>,
        items: Option<Bound<'_, PyAny>>,
        description: Option<Bound<'_, PyAny>>,
        amount: Option<Bound<'_, PyAny>>,
        occurred_at: Option<Bound<'_, PyAny>>,
        id: Option<Bound<'_, PyAny>>,
        at: Option<Bound<'_, PyAny>>,
        actor: Option<Bound<'_, PyAny>>,
    ) -> PyResult<String> {
        let command: RecordPurchase = Fields::new()
            .put("customer", Some(customer))
            .put("channel", Some(channel))
            .put("items", items.as_ref())
            .put("description", description.as_ref())
            .put("amount", amount.as_ref())
            .put("occurred_at", occurred_at.as_ref())
            .put("id", id.as_ref())
            .parse()
            .or_raise(py)?;
        let meta = meta(py, at.as_ref(), actor.as_ref())?;
        self.mutate(py, false, |ws| ws.record_purchase(meta, command.clone()))
            .map(|id| id.to_string())
    }

    /// A purchase as a dict (``id``, ``customer``, ``items``,
    /// ``description``, ``amount``, ``channel``, ``occurred_at`` as an aware
    /// datetime, ``opportunity`` it won or ``None``).
    ///
    /// Raises:
    ///     NotFoundError: for an unknown id.
    ///     InvalidInputError: when ``id`` is not a UUID string.
    fn purchase<'py>(
        &self,
        py: Python<'py>,
        id: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let id: PurchaseId = id_arg(id, "purchase").or_raise(py)?;
        purchase_to_py(py, self.inner.purchase(id).or_raise(py)?)
    }

    /// A customer's purchases, oldest first.
    ///
    /// Raises:
    ///     NotFoundError: for an unknown customer.
    ///     InvalidInputError: when ``customer`` is not a UUID string.
    ///
    /// Example:
    ///     >>> from datetime import timedelta
    ///     >>> c = ws.register_customer("Quân", at=at)
    ///     >>> vnd = {"amount_minor": 300_000, "currency": "VND"}
    ///     >>> _ = ws.record_purchase(c, "web", description="Gối", amount=vnd, at=at)
    ///     >>> _ = ws.record_purchase(c, "sms", description="Chăn", amount=vnd,
    ///     ...                        occurred_at=at - timedelta(days=1), at=at)
    ///     >>> [p["description"] for p in ws.purchases_of(c)]
    ///     ['Chăn', 'Gối']
    fn purchases_of<'py>(
        &self,
        py: Python<'py>,
        customer: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyList>> {
        let id: CustomerId = id_arg(customer, "customer").or_raise(py)?;
        let items = self.inner.purchases_of(id).or_raise(py)?;
        list_to_py(py, items, purchase_to_py)
    }

    /// Sets the loyalty rules: how purchases within the window move a
    /// customer to ``loyal`` and give tiers. It replaces the rules as a
    /// whole: omitted arguments take their defaults. ``tick`` lowers tiers
    /// as purchases age out of the window.
    ///
    /// Args:
    ///     loyal_after_purchases: a customer with this many purchases in the
    ///         window becomes ``loyal`` (``None``: never).
    ///     tier_rules: best tier first: ``{"tier": str, "min_spend": money,
    ///         "min_purchases": int}`` (at least one condition; spend counts
    ///         purchases in the same currency). The first rule met gives the
    ///         tier; empty: tiers are only set by hand.
    ///     window_days: the window of both rules, in days (1 or more).
    ///
    /// Raises:
    ///     InvalidInputError: naming the field for a zero window, zero
    ///         purchases, a rule without conditions or negative money.
    ///
    /// Example:
    ///     >>> gold = {"tier": "vàng", "min_spend": {"amount_minor": 10_000_000, "currency": "VND"}}
    ///     >>> ws.configure_loyalty(loyal_after_purchases=3, tier_rules=[gold], at=at)
    ///     >>> ws.loyalty()["window_days"], ws.loyalty()["tier_rules"][0]["tier"]
    ///     (365, 'vàng')
    ///     >>> c = ws.register_customer("Đức", at=at)
    ///     >>> _ = ws.record_purchase(c, "web", description="Tủ", amount={"amount_minor": 12_000_000, "currency": "VND"}, at=at)
    ///     >>> ws.customer(c)["tier"]
    ///     'vàng'
    #[pyo3(signature = (
        *, loyal_after_purchases=None, tier_rules=None, window_days=None, at=None, actor=None
    ), text_signature = "($self, *, loyal_after_purchases=None, tier_rules=(), \
        window_days=365, at=None, actor=None)")]
    fn configure_loyalty(
        &mut self,
        py: Python<'_>,
        loyal_after_purchases: Option<Bound<'_, PyAny>>,
        tier_rules: Option<Bound<'_, PyAny>>,
        window_days: Option<Bound<'_, PyAny>>,
        at: Option<Bound<'_, PyAny>>,
        actor: Option<Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let command = Fields::new()
            .put("loyal_after_purchases", loyal_after_purchases.as_ref())
            .put("tier_rules", tier_rules.as_ref())
            .put("window_days", window_days.as_ref())
            .parse()
            .map(Command::ConfigureLoyalty);
        self.run(py, command, at.as_ref(), actor.as_ref())
            .map(|_| ())
    }

    /// The loyalty rules: ``{"loyal_after_purchases": int, "tier_rules":
    /// [...], "window_days": int}`` (the first two only when set).
    ///
    /// Example:
    ///     >>> ws.loyalty()
    ///     {'window_days': 365}
    fn loyalty<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.inner.loyalty())
    }

    // ----- referrals -----

    /// Records that one customer referred another (each customer is
    /// referred once). The referral is ``pending`` until the referred
    /// customer's first purchase makes it ``qualified``.
    ///
    /// Args:
    ///     referrer: the (active) customer who referred.
    ///     referred: the customer referred.
    ///     note: a note.
    ///     id: use this id instead of a new one (for sync); must be unused.
    ///
    /// Returns:
    ///     The new referral's id.
    ///
    /// Raises:
    ///     InvalidInputError: for a customer referring themselves.
    ///     ConflictError: when the referred customer was already referred
    ///         (``details["holder"]`` is that referral), or ``id`` is used.
    ///     NotFoundError: for an unknown customer.
    ///     InvalidTransitionError: for an archived referrer.
    ///
    /// Example:
    ///     >>> duc = ws.register_customer("Đức", at=at)
    ///     >>> mai = ws.register_customer("Mai", at=at)
    ///     >>> r = ws.record_referral(duc, mai, note="em gái", at=at)
    ///     >>> ws.referral(r)["status"], ws.referral_of(mai)["id"] == r
    ///     ('pending', True)
    #[pyo3(signature = (referrer, referred, *, note=None, id=None, at=None, actor=None))]
    #[allow(clippy::too_many_arguments)]
    fn record_referral(
        &mut self,
        py: Python<'_>,
        referrer: &Bound<'_, PyAny>,
        referred: &Bound<'_, PyAny>,
        note: Option<Bound<'_, PyAny>>,
        id: Option<Bound<'_, PyAny>>,
        at: Option<Bound<'_, PyAny>>,
        actor: Option<Bound<'_, PyAny>>,
    ) -> PyResult<String> {
        let command: RecordReferral = Fields::new()
            .put("referrer", Some(referrer))
            .put("referred", Some(referred))
            .put("note", note.as_ref())
            .put("id", id.as_ref())
            .parse()
            .or_raise(py)?;
        let meta = meta(py, at.as_ref(), actor.as_ref())?;
        self.mutate(py, false, |ws| ws.record_referral(meta, command.clone()))
            .map(|id| id.to_string())
    }

    /// Rewards the referrer of a qualified referral (once).
    ///
    /// Args:
    ///     referral: the referral's id.
    ///     reward: what was given: ``{"kind": "refund" | "voucher" |
    ///         "replacement" | "gift" | "other", "value": money, "note": str}``.
    ///
    /// Raises:
    ///     InvalidTransitionError: when the referral is still pending or was
    ///         already rewarded (``details["current"]``).
    ///     InvalidInputError: for a bad reward (negative money, unknown kind).
    ///     NotFoundError: for an unknown referral.
    ///
    /// Example:
    ///     >>> duc = ws.register_customer("Đức", at=at)
    ///     >>> mai = ws.register_customer("Mai", at=at)
    ///     >>> r = ws.record_referral(duc, mai, at=at)
    ///     >>> p = ws.record_purchase(mai, "sms", description="Gối",
    ///     ...                        amount={"amount_minor": 300_000, "currency": "VND"}, at=at)
    ///     >>> ws.referral(r)["status"], ws.referral(r)["qualifying_purchase"] == p
    ///     ('qualified', True)
    ///     >>> voucher = {"kind": "voucher", "value": {"amount_minor": 200_000, "currency": "VND"}}
    ///     >>> ws.reward_referral(r, voucher, at=at)
    ///     >>> [x["status"] for x in ws.referrals_by(duc)]
    ///     ['rewarded']
    #[pyo3(signature = (referral, reward, *, at=None, actor=None))]
    fn reward_referral(
        &mut self,
        py: Python<'_>,
        referral: &Bound<'_, PyAny>,
        reward: &Bound<'_, PyAny>,
        at: Option<Bound<'_, PyAny>>,
        actor: Option<Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let command = Fields::new()
            .put("referral", Some(referral))
            .put("reward", Some(reward))
            .parse()
            .map(Command::RewardReferral);
        self.run(py, command, at.as_ref(), actor.as_ref())
            .map(|_| ())
    }

    /// A referral as a dict (``id``, ``referrer``, ``referred``,
    /// ``referred_at`` as an aware datetime, ``note``, ``status``,
    /// ``qualifying_purchase``, ``reward``).
    ///
    /// Raises:
    ///     NotFoundError: for an unknown id.
    ///     InvalidInputError: when ``id`` is not a UUID string.
    fn referral<'py>(
        &self,
        py: Python<'py>,
        id: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let id: ReferralId = id_arg(id, "referral").or_raise(py)?;
        referral_to_py(py, self.inner.referral(id).or_raise(py)?)
    }

    /// The referrals a customer made, in the order recorded.
    ///
    /// Raises:
    ///     NotFoundError: for an unknown customer.
    ///     InvalidInputError: when ``referrer`` is not a UUID string.
    fn referrals_by<'py>(
        &self,
        py: Python<'py>,
        referrer: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyList>> {
        let id: CustomerId = id_arg(referrer, "referrer").or_raise(py)?;
        let items = self.inner.referrals_by(id).or_raise(py)?;
        list_to_py(py, items, referral_to_py)
    }

    /// The referral that brought a customer, or ``None``.
    ///
    /// Raises:
    ///     NotFoundError: for an unknown customer.
    ///     InvalidInputError: when ``customer`` is not a UUID string.
    fn referral_of<'py>(
        &self,
        py: Python<'py>,
        customer: &Bound<'py, PyAny>,
    ) -> PyResult<Option<Bound<'py, PyDict>>> {
        let id: CustomerId = id_arg(customer, "customer").or_raise(py)?;
        match self.inner.referral_of(id).or_raise(py)? {
            Some(r) => referral_to_py(py, r).map(Some),
            None => Ok(None),
        }
    }

    // ----- after-sales playbooks -----

    /// Defines (or replaces, by ``key``) an after-sales playbook: each
    /// matching purchase starts a run for its customer, and each step becomes
    /// a follow-up (assigned to the customer's owner and ``team``), or is
    /// skipped when the customer has not consented to the step's channel and
    /// purpose.
    ///
    /// Args:
    ///     key: the playbook's key (``"after-sale"``).
    ///     steps: ``{"kind": "thank_you" | "advice" | "survey" | "check_in" |
    ///         "promotion" | "gift" | "visit", "subject": str, "offset_days":
    ///         int, "channel": str, "business_days": bool (default False),
    ///         "purpose": str (default "service")}``. Calendar days keep the
    ///         purchase's time of day; business days (on ``calendar``) land
    ///         at the opening of that working day.
    ///     name: a display name.
    ///     conditions: which purchases start it: ``{"tiers": [...],
    ///         "categories": [...], "min_value": money}`` (each optional;
    ///         empty matches everything).
    ///     calendar: the business calendar of business-day offsets.
    ///     team: the team the follow-ups go to.
    ///
    /// Raises:
    ///     InvalidInputError: naming the field for no steps, an unknown kind,
    ///         channel or purpose, an offset over ten years, or business-day
    ///         steps without a calendar.
    ///     NotFoundError: for an unknown calendar.
    ///
    /// Example:
    ///     >>> steps = [{"kind": "thank_you", "subject": "Thư cảm ơn", "offset_days": 0, "channel": "email"},
    ///     ...          {"kind": "survey", "subject": "Khảo sát", "offset_days": 7, "channel": "sms",
    ///     ...           "purpose": "feedback"}]
    ///     >>> ws.define_playbook("after-sale", steps, name="Sau bán",
    ///     ...                    conditions={"categories": ["furniture"]}, team="care", at=at)
    ///     >>> [(p["key"], len(p["steps"]), p["conditions"]) for p in ws.playbooks()]
    ///     [('after-sale', 2, {'categories': ['furniture']})]
    #[pyo3(signature = (
        key, steps, *, name=None, conditions=None, calendar=None, team=None, at=None, actor=None
    ))]
    #[allow(clippy::too_many_arguments)]
    fn define_playbook(
        &mut self,
        py: Python<'_>,
        key: &Bound<'_, PyAny>,
        steps: &Bound<'_, PyAny>,
        name: Option<Bound<'_, PyAny>>,
        conditions: Option<Bound<'_, PyAny>>,
        calendar: Option<Bound<'_, PyAny>>,
        team: Option<Bound<'_, PyAny>>,
        at: Option<Bound<'_, PyAny>>,
        actor: Option<Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let command = Fields::new()
            .put("key", Some(key))
            .put("name", name.as_ref())
            .put("conditions", conditions.as_ref())
            .put("steps", Some(steps))
            .put("calendar", calendar.as_ref())
            .put("team", team.as_ref())
            .parse()
            .map(Command::DefinePlaybook);
        self.run(py, command, at.as_ref(), actor.as_ref())
            .map(|_| ())
    }

    /// Removes a playbook; its runs go on.
    ///
    /// Raises:
    ///     NotFoundError: for an unknown key.
    ///
    /// Example:
    ///     >>> steps = [{"kind": "check_in", "subject": "Hỏi thăm", "offset_days": 3, "channel": "phone"}]
    ///     >>> ws.define_playbook("check", steps, at=at)
    ///     >>> ws.remove_playbook("check", at=at)
    ///     >>> ws.playbooks()
    ///     []
    #[pyo3(signature = (key, *, at=None, actor=None))]
    fn remove_playbook(
        &mut self,
        py: Python<'_>,
        key: &Bound<'_, PyAny>,
        at: Option<Bound<'_, PyAny>>,
        actor: Option<Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let command = Fields::new()
            .put("key", Some(key))
            .parse()
            .map(Command::RemovePlaybook);
        self.run(py, command, at.as_ref(), actor.as_ref())
            .map(|_| ())
    }

    /// Cancels an active playbook run and its open follow-ups.
    ///
    /// Args:
    ///     run: the run's id.
    ///     reason: why (required).
    ///
    /// Raises:
    ///     InvalidInputError: for an empty reason.
    ///     InvalidTransitionError: when the run was already cancelled or
    ///         stopped (``details["current"]``).
    ///     NotFoundError: for an unknown run.
    ///
    /// Example:
    ///     >>> steps = [{"kind": "check_in", "subject": "Hỏi thăm", "offset_days": 3, "channel": "phone"}]
    ///     >>> ws.define_playbook("check", steps, at=at)
    ///     >>> c = ws.register_customer("Lan", at=at)
    ///     >>> ws.record_consent(c, channel="phone", purpose="service", granted=True, source="form", at=at)
    ///     >>> _ = ws.record_purchase(c, "web", description="Tủ", amount={"amount_minor": 1, "currency": "VND"}, at=at)
    ///     >>> run = ws.playbook_runs_of(c)[0]["id"]
    ///     >>> ws.cancel_playbook_run(run, "khách từ chối", at=at)
    ///     >>> p = ws.playbook_progress(run)
    ///     >>> p["status"], [s["status"] for s in p["steps"]]
    ///     ('cancelled', ['cancelled'])
    #[pyo3(signature = (run, reason, *, at=None, actor=None))]
    fn cancel_playbook_run(
        &mut self,
        py: Python<'_>,
        run: &Bound<'_, PyAny>,
        reason: &Bound<'_, PyAny>,
        at: Option<Bound<'_, PyAny>>,
        actor: Option<Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let command = Fields::new()
            .put("run", Some(run))
            .put("reason", Some(reason))
            .parse()
            .map(Command::CancelPlaybookRun);
        self.run(py, command, at.as_ref(), actor.as_ref())
            .map(|_| ())
    }

    /// The playbooks, in the order defined (dicts in the form
    /// ``define_playbook`` takes, with ``key``).
    fn playbooks<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let list = PyList::empty(py);
        for p in self.inner.playbooks() {
            list.append(to_py(py, p)?)?;
        }
        Ok(list)
    }

    /// A playbook run as a dict: ``id``, ``playbook``, ``customer``,
    /// ``purchase``, ``started_at`` (an aware datetime), ``steps`` as planned
    /// (``{"index", "kind", "follow_up"}`` or ``{"index", "kind",
    /// "skipped": why}``) and ``ended`` (``None`` while it runs or once it
    /// completed, else ``{"status", "reason", "at"}``: cancelled by an agent,
    /// or stopped because the customer was archived or churned).
    ///
    /// Raises:
    ///     NotFoundError: for an unknown id.
    ///     InvalidInputError: when ``id`` is not a UUID string.
    fn playbook_run<'py>(
        &self,
        py: Python<'py>,
        id: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let id: PlaybookRunId = id_arg(id, "run").or_raise(py)?;
        playbook_run_to_py(py, self.inner.playbook_run(id).or_raise(py)?)
    }

    /// The progress of a run: its ``status`` (active, completed, cancelled,
    /// stopped) and per step its ``status`` (scheduled, done, cancelled,
    /// skipped), ``follow_up``, ``due_at`` (an aware datetime or ``None``)
    /// and ``note`` (why skipped or cancelled, or the outcome).
    ///
    /// Raises:
    ///     NotFoundError: for an unknown id.
    ///     InvalidInputError: when ``id`` is not a UUID string.
    ///
    /// Example:
    ///     >>> steps = [{"kind": "thank_you", "subject": "Cảm ơn", "offset_days": 0, "channel": "email"},
    ///     ...          {"kind": "promotion", "subject": "Ưu đãi", "offset_days": 30, "channel": "email",
    ///     ...           "purpose": "marketing"}]
    ///     >>> ws.define_playbook("after-sale", steps, at=at)
    ///     >>> c = ws.register_customer("Vy", emails=["vy@example.vn"], at=at)
    ///     >>> ws.record_consent(c, channel="email", purpose="service", granted=True, source="form", at=at)
    ///     >>> _ = ws.record_purchase(c, "web", description="Bàn", amount={"amount_minor": 1, "currency": "VND"}, at=at)
    ///     >>> p = ws.playbook_progress(ws.playbook_runs_of(c)[0]["id"])
    ///     >>> p["status"], [(s["status"], s["note"]) for s in p["steps"]]
    ///     ('active', [('scheduled', None), ('skipped', 'no marketing consent on email')])
    ///     >>> p["steps"][0]["due_at"] == at
    ///     True
    fn playbook_progress<'py>(
        &self,
        py: Python<'py>,
        id: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let id: PlaybookRunId = id_arg(id, "run").or_raise(py)?;
        run_progress_to_py(py, &self.inner.playbook_progress(id).or_raise(py)?)
    }

    /// A customer's playbook runs, oldest first.
    ///
    /// Raises:
    ///     NotFoundError: for an unknown customer.
    ///     InvalidInputError: when ``customer`` is not a UUID string.
    fn playbook_runs_of<'py>(
        &self,
        py: Python<'py>,
        customer: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyList>> {
        let id: CustomerId = id_arg(customer, "customer").or_raise(py)?;
        let items = self.inner.playbook_runs_of(id).or_raise(py)?;
        list_to_py(py, items, playbook_run_to_py)
    }
}
