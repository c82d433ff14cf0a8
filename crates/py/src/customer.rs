//! Customers: registration (one and bulk), changes, consent, tags, lifecycle,
//! archive, memberships, and the customer queries (search is in `identity.rs`).

use crate::convert::{
    customer_to_py, customers_to_py, enum_arg, from_json, id_arg, row_to_json, str_arg, usize_arg,
    Fields, Opt, Path,
};
use crate::errors::{details, OrRaise};
use crate::workspace::{meta, PyWorkspace};
use clientcare::{
    Channel, Command, CustomerFilter, CustomerId, Error, PageRequest, Purpose, RegisterCustomer,
};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};

/// Registration rows converted; rejected ones keep their error.
type Rows = Vec<(usize, Result<RegisterCustomer, Error>)>;

fn convert_rows(rows: &Bound<'_, PyAny>) -> PyResult<Rows> {
    let py = rows.py();
    if rows.is_instance_of::<PyDict>() || rows.is_instance_of::<PyString>() {
        return Err(crate::errors::to_py(
            py,
            &crate::convert::bad(
                Path::Root("rows"),
                rows,
                "expected an iterable of dicts (one dict per customer)",
            ),
        ));
    }
    let iter = rows.try_iter().map_err(|_| {
        crate::errors::to_py(
            py,
            &crate::convert::bad(Path::Root("rows"), rows, "expected an iterable of dicts"),
        )
    })?;
    // `len()` is only a hint (and may lie): cap the reservation.
    let mut out = Vec::with_capacity(rows.len().unwrap_or(0).min(1 << 20));
    for (i, row) in iter.enumerate() {
        // An exception raised by the iterable itself stops the whole call
        // before anything is applied.
        let row = row?;
        let parsed = row_to_json(&row, Path::Root("")).and_then(|v| from_json(&v, "row"));
        out.push((i, parsed));
    }
    Ok(out)
}

fn row_error<'py>(py: Python<'py>, row: usize, e: &Error) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("row", row)?;
    d.set_item("code", e.code())?;
    d.set_item("message", e.to_string())?;
    d.set_item("details", details(py, e)?)?;
    Ok(d)
}

#[pymethods]
impl PyWorkspace {
    /// Registers a person or an organisation.
    ///
    /// Emails are validated and lower-cased, phones read in the default
    /// region and stored in E.164, text normalised to NFC. An email or phone
    /// that another active customer holds is refused unless
    /// ``allow_shared_contacts``. A single str for ``emails``, ``phones`` or
    /// ``tags`` counts as one item.
    ///
    /// Args:
    ///     full_name: the full name ("Nguyễn Văn Đức").
    ///     kind: ``"person"`` or ``"organization"``.
    ///     contacts: other contact points, e.g. ``{"kind": "social",
    ///         "network": "zalo", "handle": "0901234567"}``.
    ///     attributes: typed custom fields from natural values (str, bool,
    ///         int, float, date, aware datetime, or ``{"amount_minor": int,
    ///         "currency": str}`` for money).
    ///     owner: the owning agent's id.
    ///     lifecycle: the stage (``"lead"`` when omitted).
    ///
    /// Returns:
    ///     The new customer's id.
    ///
    /// Raises:
    ///     InvalidInputError: naming the field (``details["field"]``) for a
    ///         bad value, such as an invalid email or phone.
    ///     ConflictError: when an email or phone is in use;
    ///         ``details["holder"]`` is the holder's id.
    ///     NotFoundError: for an unknown owner or actor.
    ///
    /// Example:
    ///     >>> duc = ws.register_customer("Nguyễn Văn Đức", phones=["090 123 4567"], at=at)
    ///     >>> ws.customer(duc)["contacts"]
    ///     [{'kind': 'phone', 'number': '+84901234567'}]
    #[pyo3(signature = (
        full_name, *, kind=None, given_name=None, family_name=None, display_name=None,
        emails=None, phones=None, contacts=None, preferred_channel=None, language=None,
        time_zone=None, tags=None, attributes=None, owner=None, lifecycle=None, tier=None,
        allow_shared_contacts=None, id=None, at=None, actor=None
    ), text_signature = "($self, full_name, *, kind='person', given_name=None, \
        family_name=None, display_name=None, emails=(), phones=(), contacts=(), \
        preferred_channel=None, language=None, time_zone=None, tags=(), attributes=None, \
        owner=None, lifecycle=None, tier=None, allow_shared_contacts=False, id=None, at=None, \
        actor=None)")]
    #[allow(clippy::too_many_arguments)]
    fn register_customer(
        &mut self,
        py: Python<'_>,
        full_name: &Bound<'_, PyAny>,
        kind: Option<Bound<'_, PyAny>>,
        given_name: Option<Bound<'_, PyAny>>,
        family_name: Option<Bound<'_, PyAny>>,
        display_name: Option<Bound<'_, PyAny>>,
        emails: Option<Bound<'_, PyAny>>,
        phones: Option<Bound<'_, PyAny>>,
        contacts: Option<Bound<'_, PyAny>>,
        preferred_channel: Option<Bound<'_, PyAny>>,
        language: Option<Bound<'_, PyAny>>,
        time_zone: Option<Bound<'_, PyAny>>,
        tags: Option<Bound<'_, PyAny>>,
        attributes: Option<Bound<'_, PyAny>>,
        owner: Option<Bound<'_, PyAny>>,
        lifecycle: Option<Bound<'_, PyAny>>,
        tier: Option<Bound<'_, PyAny>>,
        allow_shared_contacts: Option<Bound<'_, PyAny>>,
        id: Option<Bound<'_, PyAny>>,
        at: Option<Bound<'_, PyAny>>,
        actor: Option<Bound<'_, PyAny>>,
    ) -> PyResult<String> {
        let command: RegisterCustomer = Fields::new()
            .put("full_name", Some(full_name))
            .put("kind", kind.as_ref())
            .put("given_name", given_name.as_ref())
            .put("family_name", family_name.as_ref())
            .put("display_name", display_name.as_ref())
            .put_strs("emails", emails.as_ref())
            .put_strs("phones", phones.as_ref())
            .put("contacts", contacts.as_ref())
            .put("preferred_channel", preferred_channel.as_ref())
            .put("language", language.as_ref())
            .put("time_zone", time_zone.as_ref())
            .put_strs("tags", tags.as_ref())
            .put_attrs("attributes", attributes.as_ref(), false)
            .put("owner", owner.as_ref())
            .put("lifecycle", lifecycle.as_ref())
            .put("tier", tier.as_ref())
            .put("allow_shared_contacts", allow_shared_contacts.as_ref())
            .put("id", id.as_ref())
            .parse()
            .or_raise(py)?;
        let meta = meta(py, at.as_ref(), actor.as_ref())?;
        self.mutate(py, false, |ws| ws.register_customer(meta, command.clone()))
            .map(|id| id.to_string())
    }

    /// Registers many customers in one call: each row is a dict with the
    /// keyword arguments of ``register_customer`` (``None`` values count as
    /// absent). Each row is validated on its own and against the rows before
    /// it; bad rows are reported and not applied, good rows are.
    ///
    /// Returns:
    ///     ``{"ids": [id or None per row], "errors": [{"row": int, "code": str,
    ///     "message": str, "details": dict}]}`` with 0-based row numbers.
    ///
    /// Raises:
    ///     InvalidInputError: when ``rows`` is not an iterable, or for a bad
    ///         ``at``/``actor`` (then no row is applied).
    ///
    /// Example:
    ///     >>> out = ws.register_customers([{"full_name": "An"}, {"full_name": ""}], at=at)
    ///     >>> out["ids"][1], out["errors"][0]["row"], out["errors"][0]["code"]
    ///     (None, 1, 'invalid_input')
    #[pyo3(signature = (rows, *, at=None, actor=None))]
    fn register_customers<'py>(
        &mut self,
        py: Python<'py>,
        rows: &Bound<'py, PyAny>,
        at: Option<Bound<'py, PyAny>>,
        actor: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let meta = meta(py, at.as_ref(), actor.as_ref())?;
        let rows = convert_rows(rows)?;
        let n = rows.len();
        let mut good = Vec::with_capacity(n);
        let mut good_rows = Vec::with_capacity(n);
        let mut errors: Vec<(usize, Error)> = Vec::new();
        for (i, r) in rows {
            match r {
                Ok(cmd) => {
                    good.push(cmd);
                    good_rows.push(i);
                }
                Err(e) => errors.push((i, e)),
            }
        }
        // Bulk work runs without the GIL; a stored workspace may run it again
        // after losing a race with another writer, hence the clones.
        let outcome = self.mutate(py, true, |ws| {
            Ok(ws.register_customers(meta, good.iter().cloned()))
        })?;
        let mut ids: Vec<Option<String>> = vec![None; n];
        for (i, r) in good_rows.into_iter().zip(outcome.rows) {
            match r {
                Ok(id) => {
                    if let Some(slot) = ids.get_mut(i) {
                        *slot = Some(id.to_string());
                    }
                }
                Err(e) => errors.push((i, e)),
            }
        }
        errors.sort_by_key(|(i, _)| *i);
        let errs = PyList::empty(py);
        for (i, e) in &errors {
            errs.append(row_error(py, *i, e)?)?;
        }
        let out = PyDict::new(py);
        out.set_item("ids", ids)?;
        out.set_item("errors", errs)?;
        Ok(out)
    }

    /// Changes some fields of a customer. Omitted fields stay as they are;
    /// ``None`` clears an optional field; ``attributes={"k": value}`` sets
    /// and ``{"k": None}`` removes an attribute. Only fields whose value
    /// really changes are recorded (no event at all when nothing changes).
    ///
    /// Raises:
    ///     NotFoundError: for an unknown customer or owner.
    ///     InvalidInputError: naming the field for a bad value.
    ///     InvalidTransitionError: for an archived customer.
    ///
    /// Example:
    ///     >>> c = ws.register_customer("Lan", language="vi", at=at)
    ///     >>> ws.update_customer(c, display_name="chị Lan", language="vi", at=at)
    ///     >>> ws.events()[-1]["payload"]["changes"]
    ///     {'display_name': 'chị Lan'}
    #[pyo3(signature = (
        customer, *, full_name=Opt::Omitted, given_name=Opt::Omitted,
        family_name=Opt::Omitted, display_name=Opt::Omitted, preferred_channel=Opt::Omitted,
        language=Opt::Omitted, time_zone=Opt::Omitted, owner=Opt::Omitted,
        attributes=Opt::Omitted, at=None, actor=None
    ))]
    #[allow(clippy::too_many_arguments)]
    fn update_customer(
        &mut self,
        py: Python<'_>,
        customer: &Bound<'_, PyAny>,
        full_name: Opt<'_>,
        given_name: Opt<'_>,
        family_name: Opt<'_>,
        display_name: Opt<'_>,
        preferred_channel: Opt<'_>,
        language: Opt<'_>,
        time_zone: Opt<'_>,
        owner: Opt<'_>,
        attributes: Opt<'_>,
        at: Option<Bound<'_, PyAny>>,
        actor: Option<Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let attributes = match &attributes {
            Opt::Given(a) => Some(a),
            Opt::Omitted => None,
        };
        let command = Fields::new()
            .put("customer", Some(customer))
            .put_opt("full_name", &full_name)
            .put_opt("given_name", &given_name)
            .put_opt("family_name", &family_name)
            .put_opt("display_name", &display_name)
            .put_opt("preferred_channel", &preferred_channel)
            .put_opt("language", &language)
            .put_opt("time_zone", &time_zone)
            .put_opt("owner", &owner)
            .put_attrs("attributes", attributes, true)
            .parse()
            .map(Command::UpdateCustomer);
        self.run(py, command, at.as_ref(), actor.as_ref())
            .map(|_| ())
    }

    /// Adds a contact point: ``{"kind": "email", "address": ...}``,
    /// ``{"kind": "phone", "number": ...}``, ``{"kind": "address", "address":
    /// {"lines": [...], "city": ..., "country": "VN"}}`` or ``{"kind":
    /// "social", "network": "zalo", "handle": ...}``, each with an optional
    /// ``label``. Adding a point the customer already has changes nothing.
    ///
    /// Raises:
    ///     InvalidInputError: for a malformed contact point.
    ///     ConflictError: when another active customer holds the email or phone.
    ///     NotFoundError: for an unknown customer.
    ///
    /// Example:
    ///     >>> c = ws.register_customer("Hùng", at=at)
    ///     >>> ws.add_contact_point(c, {"kind": "email", "address": "Hung@Example.com"}, at=at)
    ///     >>> ws.customer(c)["contacts"]
    ///     [{'kind': 'email', 'address': 'hung@example.com'}]
    #[pyo3(
        signature = (customer, contact, allow_shared_contacts=None, *, at=None, actor=None),
        text_signature = "($self, customer, contact, allow_shared_contacts=False, *, at=None, actor=None)"
    )]
    fn add_contact_point(
        &mut self,
        py: Python<'_>,
        customer: &Bound<'_, PyAny>,
        contact: &Bound<'_, PyAny>,
        allow_shared_contacts: Option<Bound<'_, PyAny>>,
        at: Option<Bound<'_, PyAny>>,
        actor: Option<Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let command = Fields::new()
            .put("customer", Some(customer))
            .put("contact", Some(contact))
            .put("allow_shared_contacts", allow_shared_contacts.as_ref())
            .parse()
            .map(Command::AddContactPoint);
        self.run(py, command, at.as_ref(), actor.as_ref())
            .map(|_| ())
    }

    /// Removes a contact point (matched after normalisation; labels ignored).
    ///
    /// Raises:
    ///     NotFoundError: for an unknown customer, or when the customer does
    ///         not have this contact point.
    #[pyo3(signature = (customer, contact, *, at=None, actor=None))]
    fn remove_contact_point(
        &mut self,
        py: Python<'_>,
        customer: &Bound<'_, PyAny>,
        contact: &Bound<'_, PyAny>,
        at: Option<Bound<'_, PyAny>>,
        actor: Option<Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let command = Fields::new()
            .put("customer", Some(customer))
            .put("contact", Some(contact))
            .parse()
            .map(Command::RemoveContactPoint);
        self.run(py, command, at.as_ref(), actor.as_ref())
            .map(|_| ())
    }

    /// Records a consent decision for a channel and a purpose (the latest
    /// decision wins). Allowed on archived customers too.
    ///
    /// Raises:
    ///     InvalidInputError: for an unknown channel or purpose, a non-bool
    ///         ``granted`` or an empty ``source``.
    ///     NotFoundError: for an unknown customer.
    ///
    /// Example:
    ///     >>> c = ws.register_customer("Thảo", at=at)
    ///     >>> ws.record_consent(c, channel="email", purpose="marketing", granted=True, source="web form", at=at)
    ///     >>> ws.has_consent(c, "email", "marketing")
    ///     True
    #[pyo3(signature = (customer, *, channel, purpose, granted, source, at=None, actor=None))]
    #[allow(clippy::too_many_arguments)]
    fn record_consent(
        &mut self,
        py: Python<'_>,
        customer: &Bound<'_, PyAny>,
        channel: &Bound<'_, PyAny>,
        purpose: &Bound<'_, PyAny>,
        granted: &Bound<'_, PyAny>,
        source: &Bound<'_, PyAny>,
        at: Option<Bound<'_, PyAny>>,
        actor: Option<Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let command = Fields::new()
            .put("customer", Some(customer))
            .put("channel", Some(channel))
            .put("purpose", Some(purpose))
            .put("granted", Some(granted))
            .put("source", Some(source))
            .parse()
            .map(Command::RecordConsent);
        self.run(py, command, at.as_ref(), actor.as_ref())
            .map(|_| ())
    }

    /// Whether consent for ``channel`` and ``purpose`` is currently granted.
    ///
    /// Raises:
    ///     NotFoundError: for an unknown customer.
    ///     InvalidInputError: for an unknown channel or purpose.
    fn has_consent(
        &self,
        py: Python<'_>,
        customer: &Bound<'_, PyAny>,
        channel: &Bound<'_, PyAny>,
        purpose: &Bound<'_, PyAny>,
    ) -> PyResult<bool> {
        let id: CustomerId = id_arg(customer, "customer").or_raise(py)?;
        let channel: Channel = enum_arg(channel, "channel").or_raise(py)?;
        let purpose: Purpose = enum_arg(purpose, "purpose").or_raise(py)?;
        let c = self.inner.customer(id).or_raise(py)?;
        Ok(c.has_consent(channel, purpose))
    }

    /// Adds tags (normalised, kept sorted; tags it already has are skipped).
    ///
    /// Raises:
    ///     NotFoundError: for an unknown customer.
    ///     InvalidTransitionError: for an archived customer.
    ///
    /// Example:
    ///     >>> c = ws.register_customer("Minh", at=at)
    ///     >>> ws.tag_customer(c, ["vip", "b2b"], at=at)
    ///     >>> ws.customer(c)["tags"]
    ///     ['b2b', 'vip']
    #[pyo3(signature = (customer, tags, *, at=None, actor=None))]
    fn tag_customer(
        &mut self,
        py: Python<'_>,
        customer: &Bound<'_, PyAny>,
        tags: &Bound<'_, PyAny>,
        at: Option<Bound<'_, PyAny>>,
        actor: Option<Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let command = Fields::new()
            .put("customer", Some(customer))
            .put_strs("tags", Some(tags))
            .parse()
            .map(Command::TagCustomer);
        self.run(py, command, at.as_ref(), actor.as_ref())
            .map(|_| ())
    }

    /// Removes tags (tags it does not have are skipped).
    ///
    /// Raises:
    ///     NotFoundError: for an unknown customer.
    ///     InvalidTransitionError: for an archived customer.
    #[pyo3(signature = (customer, tags, *, at=None, actor=None))]
    fn untag_customer(
        &mut self,
        py: Python<'_>,
        customer: &Bound<'_, PyAny>,
        tags: &Bound<'_, PyAny>,
        at: Option<Bound<'_, PyAny>>,
        actor: Option<Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let command = Fields::new()
            .put("customer", Some(customer))
            .put_strs("tags", Some(tags))
            .parse()
            .map(Command::UntagCustomer);
        self.run(py, command, at.as_ref(), actor.as_ref())
            .map(|_| ())
    }

    /// Moves a customer to another lifecycle stage (lead, prospect, customer,
    /// loyal, churned).
    ///
    /// Raises:
    ///     InvalidTransitionError: when it is already at that stage (or is
    ///         archived); ``details["allowed"]`` lists the stages it can move to.
    ///     InvalidInputError: for an unknown stage.
    ///     NotFoundError: for an unknown customer.
    ///
    /// Example:
    ///     >>> c = ws.register_customer("Quân", at=at)
    ///     >>> ws.change_lifecycle(c, "prospect", reason="asked for a quote", at=at)
    ///     >>> ws.customer(c)["lifecycle"]
    ///     'prospect'
    #[pyo3(signature = (customer, to, reason=None, *, at=None, actor=None))]
    fn change_lifecycle(
        &mut self,
        py: Python<'_>,
        customer: &Bound<'_, PyAny>,
        to: &Bound<'_, PyAny>,
        reason: Option<Bound<'_, PyAny>>,
        at: Option<Bound<'_, PyAny>>,
        actor: Option<Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let command = Fields::new()
            .put("customer", Some(customer))
            .put("to", Some(to))
            .put("reason", reason.as_ref())
            .parse()
            .map(Command::ChangeLifecycle);
        self.run(py, command, at.as_ref(), actor.as_ref())
            .map(|_| ())
    }

    /// Sets the manual tier (``"gold"``), or clears it with ``None``.
    ///
    /// Raises:
    ///     NotFoundError: for an unknown customer.
    ///     InvalidTransitionError: for an archived customer.
    #[pyo3(signature = (customer, tier, *, at=None, actor=None))]
    fn set_tier(
        &mut self,
        py: Python<'_>,
        customer: &Bound<'_, PyAny>,
        tier: Option<Bound<'_, PyAny>>,
        at: Option<Bound<'_, PyAny>>,
        actor: Option<Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let command = Fields::new()
            .put("customer", Some(customer))
            .put("tier", tier.as_ref())
            .parse()
            .map(Command::SetTier);
        self.run(py, command, at.as_ref(), actor.as_ref())
            .map(|_| ())
    }

    /// Archives a customer: kept, hidden from default lists and search, and
    /// its emails and phones are free for others.
    ///
    /// Raises:
    ///     InvalidTransitionError: when it is already archived.
    ///     NotFoundError: for an unknown customer.
    #[pyo3(signature = (customer, reason=None, *, at=None, actor=None))]
    fn archive_customer(
        &mut self,
        py: Python<'_>,
        customer: &Bound<'_, PyAny>,
        reason: Option<Bound<'_, PyAny>>,
        at: Option<Bound<'_, PyAny>>,
        actor: Option<Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let command = Fields::new()
            .put("customer", Some(customer))
            .put("reason", reason.as_ref())
            .parse()
            .map(Command::ArchiveCustomer);
        self.run(py, command, at.as_ref(), actor.as_ref())
            .map(|_| ())
    }

    /// Restores an archived customer.
    ///
    /// Raises:
    ///     InvalidTransitionError: when it is not archived.
    ///     ConflictError: when another active customer now holds one of its
    ///         emails or phones (pass ``allow_shared_contacts=True`` to keep both).
    ///     NotFoundError: for an unknown customer.
    #[pyo3(
        signature = (customer, allow_shared_contacts=None, *, at=None, actor=None),
        text_signature = "($self, customer, allow_shared_contacts=False, *, at=None, actor=None)"
    )]
    fn restore_customer(
        &mut self,
        py: Python<'_>,
        customer: &Bound<'_, PyAny>,
        allow_shared_contacts: Option<Bound<'_, PyAny>>,
        at: Option<Bound<'_, PyAny>>,
        actor: Option<Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let command = Fields::new()
            .put("customer", Some(customer))
            .put("allow_shared_contacts", allow_shared_contacts.as_ref())
            .parse()
            .map(Command::RestoreCustomer);
        self.run(py, command, at.as_ref(), actor.as_ref())
            .map(|_| ())
    }

    /// Makes a person a member of an organisation (or changes the role).
    ///
    /// Raises:
    ///     InvalidInputError: when ``person`` is not a person or
    ///         ``organization`` not an organisation.
    ///     NotFoundError: for an unknown customer.
    ///
    /// Example:
    ///     >>> org = ws.register_customer("Công ty An Phát", kind="organization", at=at)
    ///     >>> p = ws.register_customer("Vy", at=at)
    ///     >>> ws.add_membership(p, org, role="buyer", at=at)
    ///     >>> ws.customer(p)["memberships"] == [{"organization": org, "role": "buyer"}]
    ///     True
    #[pyo3(signature = (person, organization, role=None, *, at=None, actor=None))]
    fn add_membership(
        &mut self,
        py: Python<'_>,
        person: &Bound<'_, PyAny>,
        organization: &Bound<'_, PyAny>,
        role: Option<Bound<'_, PyAny>>,
        at: Option<Bound<'_, PyAny>>,
        actor: Option<Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let command = Fields::new()
            .put("person", Some(person))
            .put("organization", Some(organization))
            .put("role", role.as_ref())
            .parse()
            .map(Command::AddMembership);
        self.run(py, command, at.as_ref(), actor.as_ref())
            .map(|_| ())
    }

    /// Ends a person's membership of an organisation.
    ///
    /// Raises:
    ///     NotFoundError: for an unknown customer or when there is no such
    ///         membership.
    #[pyo3(signature = (person, organization, *, at=None, actor=None))]
    fn remove_membership(
        &mut self,
        py: Python<'_>,
        person: &Bound<'_, PyAny>,
        organization: &Bound<'_, PyAny>,
        at: Option<Bound<'_, PyAny>>,
        actor: Option<Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let command = Fields::new()
            .put("person", Some(person))
            .put("organization", Some(organization))
            .parse()
            .map(Command::RemoveMembership);
        self.run(py, command, at.as_ref(), actor.as_ref())
            .map(|_| ())
    }

    // ----- queries -----

    /// A customer as a dict (``id``, ``kind``, ``names``, ``contacts``,
    /// ``tags``, ``attributes``, ``lifecycle``, ``consents``, ``created_at``
    /// ...). Times are aware ``datetime``s in UTC; attributes are natural
    /// Python values.
    ///
    /// Raises:
    ///     NotFoundError: for an unknown id.
    ///     InvalidInputError: when ``id`` is not a UUID string.
    fn customer<'py>(
        &self,
        py: Python<'py>,
        id: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let id: CustomerId = id_arg(id, "customer").or_raise(py)?;
        let c = self.inner.customer(id).or_raise(py)?;
        customer_to_py(py, c)
    }

    /// Customers holding this email (normalised first), active ones first.
    ///
    /// Raises:
    ///     InvalidInputError: when it is not an email address.
    ///
    /// Example:
    ///     >>> c = ws.register_customer("Tú", emails=["Tu@Example.VN"], at=at)
    ///     >>> [x["id"] for x in ws.find_by_email("tu@example.vn")] == [c]
    ///     True
    fn find_by_email<'py>(
        &self,
        py: Python<'py>,
        email: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyList>> {
        let email = str_arg(email, "email").or_raise(py)?;
        let found = self.inner.find_by_email(&email).or_raise(py)?;
        customers_to_py(py, found)
    }

    /// Customers holding this phone (read in the default region, compared in
    /// E.164), active ones first.
    ///
    /// Raises:
    ///     InvalidInputError: when it is not a valid phone number.
    fn find_by_phone<'py>(
        &self,
        py: Python<'py>,
        phone: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyList>> {
        let phone = str_arg(phone, "phone").or_raise(py)?;
        let found = self.inner.find_by_phone(&phone).or_raise(py)?;
        customers_to_py(py, found)
    }

    /// Customers matching all the given filters, in registration order, one
    /// page at a time. ``archived=False`` (the default) lists active
    /// customers, ``True`` archived ones, ``None`` both. Pass the returned
    /// ``next`` as ``after`` to get the following page; pages stay stable
    /// while customers are added.
    ///
    /// Returns:
    ///     ``{"items": [customer, ...], "next": id or None}``.
    ///
    /// Raises:
    ///     InvalidInputError: for a bad filter value or a limit outside 1..1000.
    ///     NotFoundError: for an unknown ``after`` cursor.
    ///
    /// Example:
    ///     >>> for name in ["A", "B", "C"]:
    ///     ...     _ = ws.register_customer(name, tags=["vip"], at=at)
    ///     >>> page = ws.list_customers(tag="vip", limit=2)
    ///     >>> [c["names"]["full"] for c in page["items"]]
    ///     ['A', 'B']
    ///     >>> [c["names"]["full"] for c in ws.list_customers(tag="vip", after=page["next"])["items"]]
    ///     ['C']
    #[pyo3(signature = (
        *, tag=None, lifecycle=None, tier=None, owner=None, kind=None,
        archived=Opt::Omitted, after=None, limit=None
    ), text_signature = "($self, *, tag=None, lifecycle=None, tier=None, owner=None, kind=None, \
        archived=False, after=None, limit=50)")]
    #[allow(clippy::too_many_arguments)]
    fn list_customers<'py>(
        &self,
        py: Python<'py>,
        tag: Option<Bound<'py, PyAny>>,
        lifecycle: Option<Bound<'py, PyAny>>,
        tier: Option<Bound<'py, PyAny>>,
        owner: Option<Bound<'py, PyAny>>,
        kind: Option<Bound<'py, PyAny>>,
        archived: Opt<'py>,
        after: Option<Bound<'py, PyAny>>,
        limit: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let filter: CustomerFilter = Fields::new()
            .put("tag", tag.as_ref())
            .put("lifecycle", lifecycle.as_ref())
            .put("tier", tier.as_ref())
            .put("owner", owner.as_ref())
            .put("kind", kind.as_ref())
            .put_opt("archived", &archived)
            .parse()
            .or_raise(py)?;
        let after = after
            .map(|a| id_arg::<CustomerId>(&a, "after"))
            .transpose()
            .or_raise(py)?;
        let limit = match limit {
            Some(l) => usize_arg(&l, "limit").or_raise(py)?,
            None => 50,
        };
        let page = self
            .inner
            .list_customers(&filter, PageRequest { after, limit })
            .or_raise(py)?;
        let out = PyDict::new(py);
        out.set_item("items", customers_to_py(py, page.items)?)?;
        out.set_item("next", page.next.map(|id| id.to_string()))?;
        Ok(out)
    }
}
