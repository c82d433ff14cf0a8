//! Identity: customer search, duplicate detection, merge and unmerge of
//! customers, erasure of a customer's personal data, the contact check
//! (`may_contact`), the per-customer export and the resolution of merged ids;
//! and `clientcare.ERASED`.

use crate::convert::{
    bad, customer_to_py, dict_to_json, enum_arg, from_json, id_arg, row_to_json, str_arg,
    time_or_now, to_py, Fields, Path,
};
use crate::errors::OrRaise;
use crate::workspace::PyWorkspace;
use clientcare::{
    Channel, Command, ContactDecision, CustomerId, DuplicateMatch, DuplicateRules, Error, Purpose,
    RegisterCustomer, ScanProgress, SearchQuery,
};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// A contact decision as a dict, the consent's `at` as an aware datetime.
fn decision_to_py<'py>(py: Python<'py>, d: &ContactDecision) -> PyResult<Bound<'py, PyDict>> {
    let out = to_py(py, d)?.downcast_into::<PyDict>()?;
    if let Some(k) = &d.consent {
        let consent = to_py(py, k)?.downcast_into::<PyDict>()?;
        consent.set_item("at", k.at)?;
        out.set_item("consent", consent)?;
    }
    Ok(out)
}

/// A dict argument (`None`: absent) as a core type; fields are named as in
/// the dict (`threshold`), the argument itself as `field`.
fn dict_arg<T: DeserializeOwned + Default>(
    obj: Option<&Bound<'_, PyAny>>,
    field: &str,
    expected: &str,
) -> Result<T, Error> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(T::default());
    };
    let d = obj
        .downcast::<PyDict>()
        .map_err(|_| bad(Path::Root(field), obj, expected))?;
    from_json(&Value::Object(dict_to_json(d, Path::Root(""))?), field)
}

fn rules_arg(obj: Option<&Bound<'_, PyAny>>) -> Result<DuplicateRules, Error> {
    dict_arg(
        obj,
        "rules",
        "expected a dict of duplicate rules such as {\"threshold\": 0.9}",
    )
}

/// A registration draft: a dict with `register_customer`'s keyword arguments.
fn draft_arg(obj: &Bound<'_, PyAny>) -> Result<RegisterCustomer, Error> {
    if !obj.is_instance_of::<PyDict>() {
        return Err(bad(
            Path::Root("draft"),
            obj,
            "expected a dict with register_customer's keyword arguments, such as \
             {\"full_name\": \"Nguyễn Văn Đức\", \"phones\": [\"0901234567\"]}",
        ));
    }
    from_json(&row_to_json(obj, Path::Root(""))?, "draft")
}

fn matches_to_py<'py>(py: Python<'py>, found: &[DuplicateMatch]) -> PyResult<Bound<'py, PyList>> {
    let list = PyList::empty(py);
    for m in found {
        list.append(to_py(py, m)?)?;
    }
    Ok(list)
}

/// Calls the progress callback (if any) of a scan without the GIL held
/// around it; the first Python error (from the callback, or a signal such as
/// Ctrl-C) stops the scan and is kept to be raised.
struct Progress {
    callback: Option<Py<PyAny>>,
    error: Option<PyErr>,
}

impl Progress {
    fn call(&mut self, p: ScanProgress) -> bool {
        if self.error.is_some() {
            return false;
        }
        let go = Python::with_gil(|py| -> PyResult<bool> {
            py.check_signals()?;
            let Some(cb) = &self.callback else {
                return Ok(true);
            };
            let out = cb.bind(py).call1((to_py(py, &p)?,))?;
            if out.is_none() {
                Ok(true)
            } else {
                out.is_truthy()
            }
        });
        go.unwrap_or_else(|e| {
            self.error = Some(e);
            false
        })
    }
}

#[pymethods]
impl PyWorkspace {
    /// Searches customers by name, tag, email or phone; best matches first.
    ///
    /// How ``text`` is read: with an ``@`` it is an email address or its
    /// start (``"an.nguyen@"``); digits (6 or more, any formatting) are a
    /// phone number, read in the default region (``"0903 123 456"`` finds
    /// ``+84903123456``; the end of a number matches too); otherwise words,
    /// folding case and diacritics, each matching a name or tag word exactly,
    /// as a prefix or (with ``typos``) with a typo: ``"nguyen van duc"``,
    /// ``"ngu duc"`` and ``"nguyne"`` find "Nguyễn Văn Đức". Merged and
    /// erased customers are never found. Blank text finds nothing.
    ///
    /// Args:
    ///     text: what to look for (at most 256 characters).
    ///     kind: only ``"person"`` or only ``"organization"``.
    ///     include_archived: find archived customers too.
    ///     offset: how many ranked hits to skip (pass ``next_offset``).
    ///     limit: page size, 1 to 1000.
    ///     typos: let name words match with a typo.
    ///
    /// Returns:
    ///     ``{"hits": [{"customer": customer, "score": int, "matched":
    ///     ["name" | "name_typo" | "email" | "phone" | "tag", ...]}, ...],
    ///     "total": int, "next_offset": int or None}``; pages taken with
    ///     ``offset`` concatenate to the whole ranked list.
    ///
    /// Raises:
    ///     InvalidInputError: for a ``limit`` outside 1 to 1000, a text longer
    ///         than 256 characters, or an argument of the wrong type.
    ///
    /// Example:
    ///     >>> duc = ws.register_customer("Nguyễn Văn Đức", phones=["0903 123 456"], at=at)
    ///     >>> ws.search_customers("nguyen van duc")["hits"][0]["customer"]["id"] == duc
    ///     True
    ///     >>> found = ws.search_customers("+84 903-123-456")
    ///     >>> found["total"], found["hits"][0]["matched"]
    ///     (1, ['phone'])
    #[pyo3(
        signature = (text, *, kind=None, include_archived=None, offset=None, limit=None, typos=None),
        text_signature = "($self, text, *, kind=None, include_archived=False, offset=0, limit=20, \
            typos=True)"
    )]
    #[allow(clippy::too_many_arguments)]
    fn search_customers<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
        kind: Option<Bound<'py, PyAny>>,
        include_archived: Option<Bound<'py, PyAny>>,
        offset: Option<Bound<'py, PyAny>>,
        limit: Option<Bound<'py, PyAny>>,
        typos: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let text = str_arg(text, "text").or_raise(py)?;
        let query: SearchQuery = Fields::new()
            .put_json("text", Some(Ok(Value::String(text))))
            .put("kind", kind.as_ref())
            .put("include_archived", include_archived.as_ref())
            .put("offset", offset.as_ref())
            .put("limit", limit.as_ref())
            .put("typos", typos.as_ref())
            .parse()
            .or_raise(py)?;
        let found = self.inner.search_customers(&query).or_raise(py)?;
        let hits = PyList::empty(py);
        for h in &found.hits {
            let hit = PyDict::new(py);
            hit.set_item("customer", customer_to_py(py, h.customer)?)?;
            hit.set_item("score", h.score)?;
            hit.set_item("matched", to_py(py, &h.matched)?)?;
            hits.append(hit)?;
        }
        let out = PyDict::new(py);
        out.set_item("hits", hits)?;
        out.set_item("total", found.total)?;
        out.set_item("next_offset", found.next_offset)?;
        Ok(out)
    }

    /// Likely duplicates of a customer before it is registered, best first
    /// (at most ``rules["limit"]``). The draft is read and normalised as
    /// ``register_customer`` would; nothing is changed.
    ///
    /// Args:
    ///     draft: a dict with ``register_customer``'s keyword arguments
    ///         (``{"full_name": ..., "emails": [...], "phones": [...], ...}``;
    ///         ``None`` values count as absent).
    ///     rules: what counts as a duplicate (see ``DuplicateRules``): signal
    ///         weights (``email``, ``phone`` 0.5, ``name`` 0.65, ``address``,
    ///         ``organization``, ``email_local_part`` 0.25), ``threshold``
    ///         0.8, ``name_metric``, ``min_name_similarity`` 0.88,
    ///         ``distinct_known_words``, ``include_archived``, ``max_block``
    ///         and ``limit`` 20. Omitted ones take their defaults.
    ///
    /// Returns:
    ///     ``[{"customer": id, "score": float, "reasons": [{"rule": "email",
    ///     "value": ...}, {"rule": "name", "metric": ..., "similarity": ...},
    ///     ...]}, ...]``.
    ///
    /// Raises:
    ///     InvalidInputError: for bad rules (``details["field"]`` names the
    ///         rule), or a name, email, phone or address registration would
    ///         refuse (the same error).
    ///
    /// Example:
    ///     >>> duc = ws.register_customer("Nguyễn Văn Đức", phones=["0901234567"], at=at)
    ///     >>> found = ws.check_duplicates({"full_name": "Nguyen Van Duc", "phones": ["+84 90 123 4567"]})
    ///     >>> found[0]["customer"] == duc, [r["rule"] for r in found[0]["reasons"]]
    ///     (True, ['phone', 'name'])
    #[pyo3(signature = (draft, rules=None))]
    fn check_duplicates<'py>(
        &self,
        py: Python<'py>,
        draft: &Bound<'py, PyAny>,
        rules: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyList>> {
        let rules = rules_arg(rules.as_ref()).or_raise(py)?;
        let draft = draft_arg(draft).or_raise(py)?;
        let found = self.inner.check_duplicates(&draft, &rules).or_raise(py)?;
        matches_to_py(py, &found)
    }

    /// Likely duplicates of a registered customer, best first (at most
    /// ``rules["limit"]``); the same rules as ``check_duplicates``.
    ///
    /// Returns:
    ///     ``[{"customer": id, "score": float, "reasons": [...]}, ...]``.
    ///
    /// Raises:
    ///     NotFoundError: for an unknown customer.
    ///     InvalidInputError: for bad rules (``details["field"]`` names the rule).
    ///
    /// Example:
    ///     >>> a = ws.register_customer("Trần Thị Mai", emails=["mai@example.vn"], at=at)
    ///     >>> b = ws.register_customer("Tran Thi Mai", emails=["MAI@example.vn"], allow_shared_contacts=True, at=at)
    ///     >>> [m["customer"] for m in ws.duplicates_of(a)] == [b]
    ///     True
    #[pyo3(signature = (customer, rules=None))]
    fn duplicates_of<'py>(
        &self,
        py: Python<'py>,
        customer: &Bound<'py, PyAny>,
        rules: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyList>> {
        let id: CustomerId = id_arg(customer, "customer").or_raise(py)?;
        let rules = rules_arg(rules.as_ref()).or_raise(py)?;
        let found = self.inner.duplicates_of(id, &rules).or_raise(py)?;
        matches_to_py(py, &found)
    }

    /// How much two customers look like the same one: the score and the
    /// reasons, whatever the threshold.
    ///
    /// Returns:
    ///     ``{"customer": b, "score": float, "reasons": [...]}``.
    ///
    /// Raises:
    ///     NotFoundError: for an unknown customer.
    ///     InvalidInputError: for bad rules (``details["field"]`` names the rule).
    #[pyo3(signature = (a, b, rules=None))]
    fn compare_customers<'py>(
        &self,
        py: Python<'py>,
        a: &Bound<'py, PyAny>,
        b: &Bound<'py, PyAny>,
        rules: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let a: CustomerId = id_arg(a, "a").or_raise(py)?;
        let b: CustomerId = id_arg(b, "b").or_raise(py)?;
        let rules = rules_arg(rules.as_ref()).or_raise(py)?;
        let found = self.inner.compare_customers(a, b, &rules).or_raise(py)?;
        to_py(py, &found)
    }

    /// Scans the whole workspace for likely duplicate pairs. The cost grows
    /// with the number of customers, not its square: only customers sharing
    /// an email, a phone, an address, an organisation or a similar name are
    /// compared. Other Python threads run meanwhile.
    ///
    /// Args:
    ///     rules: what counts as a duplicate (as in ``check_duplicates``).
    ///     progress: called about every 1 % of each phase with ``{"phase":
    ///         "profiles" | "blocking" | "comparing", "done": int, "total":
    ///         int}``; returning ``False`` cancels the scan (the report then
    ///         has ``cancelled`` set and the pairs found so far), ``None`` or
    ///         ``True`` goes on. An exception it raises stops the scan and
    ///         propagates (so does Ctrl-C).
    ///
    /// Returns:
    ///     ``{"pairs": [{"a": id, "b": id, "score": float, "reasons": [...]},
    ///     ...], "customers": int, "comparisons": int, "skipped_blocks": int,
    ///     "cancelled": bool}``; pairs best first, ``a`` registered before ``b``.
    ///
    /// Raises:
    ///     InvalidInputError: for bad rules (``details["field"]`` names the rule).
    ///
    /// Example:
    ///     >>> a = ws.register_customer("Lê Văn Nam", phones=["0912345678"], at=at)
    ///     >>> b = ws.register_customer("Le Van Nam", phones=["0912 345 678"], allow_shared_contacts=True, at=at)
    ///     >>> report = ws.scan_duplicates()
    ///     >>> [(p["a"], p["b"]) for p in report["pairs"]] == [(a, b)], report["cancelled"]
    ///     (True, False)
    #[pyo3(signature = (rules=None, progress=None))]
    fn scan_duplicates<'py>(
        &self,
        py: Python<'py>,
        rules: Option<Bound<'py, PyAny>>,
        progress: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let rules = rules_arg(rules.as_ref()).or_raise(py)?;
        let callback = match progress.filter(|p| !p.is_none()) {
            Some(p) if !p.is_callable() => {
                return Err(crate::errors::to_py(
                    py,
                    &bad(
                        Path::Root("progress"),
                        &p,
                        "expected a callable taking one dict, or None",
                    ),
                ));
            }
            p => p.map(Bound::unbind),
        };
        let mut watch = Progress {
            callback,
            error: None,
        };
        let inner = &self.inner;
        let report = py
            .allow_threads(|| inner.scan_duplicates(&rules, &mut |p: ScanProgress| watch.call(p)));
        if let Some(e) = watch.error {
            return Err(e);
        }
        to_py(py, &report.or_raise(py)?)
    }

    /// Merges customers into a survivor: several records of one real
    /// customer become one. Each field of the survivor is chosen by a
    /// survivorship rule; contact points, tags and memberships are unioned;
    /// each consent keeps the most restrictive decision; every linked record
    /// (interactions, complaints, opportunities, purchases, follow-ups,
    /// playbook runs, surveys, referrals) moves to the survivor. The merged
    /// ids keep resolving to the survivor (``resolve_customer``, ``customer``).
    ///
    /// Args:
    ///     survivor: the customer that stays.
    ///     merged: the customers merged into it (one id or several).
    ///     rules: survivorship rules, ``{"default": rule, "names": rule,
    ///         "preferred_channel": ..., "language": ..., "time_zone": ...,
    ///         "owner": ..., "lifecycle": ..., "tier": ..., "attributes": ...}``
    ///         where a rule is ``"survivor"`` (the default: the survivor's
    ///         value, gaps filled from the others), ``"most_recent"`` or
    ///         ``"most_complete"``.
    ///     reason: why (kept in the audit trail).
    ///
    /// Raises:
    ///     InvalidInputError: for an empty ``merged``, a customer named twice
    ///         or merged into itself, a person merged with an organisation, or
    ///         an unknown rule or rule name.
    ///     InvalidTransitionError: for an erased or already merged customer,
    ///         or an archived survivor.
    ///     NotFoundError: for an unknown customer.
    ///
    /// Example:
    ///     >>> a = ws.register_customer("Trần Thị Mai", emails=["mai@example.vn"], at=at)
    ///     >>> b = ws.register_customer("Mai Tran", phones=["0901234567"], at=at)
    ///     >>> ws.merge_customers(a, [b], reason="same person", at=at)
    ///     >>> ws.resolve_customer(b) == a, len(ws.customer(b)["contacts"])
    ///     (True, 2)
    #[pyo3(signature = (survivor, merged, *, rules=None, reason=None, at=None, actor=None))]
    #[allow(clippy::too_many_arguments)]
    fn merge_customers(
        &mut self,
        py: Python<'_>,
        survivor: &Bound<'_, PyAny>,
        merged: &Bound<'_, PyAny>,
        rules: Option<Bound<'_, PyAny>>,
        reason: Option<Bound<'_, PyAny>>,
        at: Option<Bound<'_, PyAny>>,
        actor: Option<Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let command = Fields::new()
            .put("survivor", Some(survivor))
            .put_strs("merged", Some(merged))
            .put("rules", rules.as_ref())
            .put("reason", reason.as_ref())
            .parse()
            .map(Command::MergeCustomers);
        self.run(py, command, at.as_ref(), actor.as_ref())
            .map(|_| ())
    }

    /// Undoes the merge that absorbed ``customer``: the merged customers and
    /// their records come back, and each survivor field the merge set returns
    /// to its value before the merge unless it was changed since.
    ///
    /// Args:
    ///     customer: a customer that was merged away.
    ///
    /// Raises:
    ///     InvalidTransitionError: when it was not merged, when a later merge
    ///         into the same survivor must be undone first, or when the
    ///         survivor is erased.
    ///     NotFoundError: for an unknown customer.
    ///
    /// Example:
    ///     >>> a = ws.register_customer("Lê Văn Nam", at=at)
    ///     >>> b = ws.register_customer("Nam Le", at=at)
    ///     >>> ws.merge_customers(a, b, at=at)
    ///     >>> ws.unmerge_customers(b, at=at)
    ///     >>> ws.resolve_customer(b) == b, ws.customer(b)["merged_into"]
    ///     (True, None)
    #[pyo3(signature = (customer, *, at=None, actor=None))]
    fn unmerge_customers(
        &mut self,
        py: Python<'_>,
        customer: &Bound<'_, PyAny>,
        at: Option<Bound<'_, PyAny>>,
        actor: Option<Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let command = Fields::new()
            .put("customer", Some(customer))
            .parse()
            .map(Command::UnmergeCustomers);
        self.run(py, command, at.as_ref(), actor.as_ref())
            .map(|_| ())
    }

    /// Erases a customer's personal data ("right to be forgotten"): names,
    /// contact points, attributes, tags and the free text of its records are
    /// removed (names read ``clientcare.ERASED``), and every earlier event
    /// about it is redacted, so ``export_log`` holds no trace of them.
    /// Ids, times, states, amounts and consent decisions stay. Customers
    /// merged into it are erased with it. It cannot be undone.
    ///
    /// Raises:
    ///     InvalidTransitionError: when it is already erased.
    ///     NotFoundError: for an unknown customer.
    ///
    /// Example:
    ///     >>> c = ws.register_customer("Phạm Thu Hà", emails=["ha@example.vn"], at=at)
    ///     >>> ws.erase_customer(c, at=at)
    ///     >>> ws.customer(c)["names"]["full"] == clientcare.ERASED, "ha@example.vn" in ws.export_log()
    ///     (True, False)
    #[pyo3(signature = (customer, *, at=None, actor=None))]
    fn erase_customer(
        &mut self,
        py: Python<'_>,
        customer: &Bound<'_, PyAny>,
        at: Option<Bound<'_, PyAny>>,
        actor: Option<Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let command = Fields::new()
            .put("customer", Some(customer))
            .parse()
            .map(Command::EraseCustomer);
        self.run(py, command, at.as_ref(), actor.as_ref())
            .map(|_| ())
    }

    /// The id ``id`` stands for now: itself, or the survivor of the merges
    /// that absorbed it.
    ///
    /// Raises:
    ///     NotFoundError: for an unknown id.
    ///     InvalidInputError: when ``id`` is not a UUID string.
    fn resolve_customer(&self, py: Python<'_>, id: &Bound<'_, PyAny>) -> PyResult<String> {
        let id: CustomerId = id_arg(id, "customer").or_raise(py)?;
        self.inner
            .resolve_customer(id)
            .map(|id| id.to_string())
            .or_raise(py)
    }

    /// May we contact ``customer`` on ``channel`` for ``purpose`` at ``at``?
    /// Allowed only when the latest consent decision at or before ``at`` is a
    /// grant and the customer is neither archived nor erased (no decision
    /// means no consent). ``reachable`` says whether an email address (for
    /// ``email``) or a phone number (for ``phone``, ``sms``) is on file.
    ///
    /// Args:
    ///     at: the instant asked about, an aware datetime (``None``: now).
    ///
    /// Returns:
    ///     ``{"customer": id, "allowed": bool, "reason": "granted" |
    ///     "withdrawn" | "no_consent" | "archived" | "erased", "reachable":
    ///     bool, "consent": consent or None}``; ``customer`` is the survivor
    ///     for a merged id.
    ///
    /// Raises:
    ///     NotFoundError: for an unknown customer.
    ///     InvalidInputError: for an unknown channel or purpose, or a naive ``at``.
    ///
    /// Example:
    ///     >>> c = ws.register_customer("Võ Minh", emails=["minh@example.vn"], at=at)
    ///     >>> ws.may_contact(c, "email", "marketing", at)["reason"]
    ///     'no_consent'
    ///     >>> ws.record_consent(c, channel="email", purpose="marketing", granted=True, source="form", at=at)
    ///     >>> d = ws.may_contact(c, "email", "marketing", at)
    ///     >>> d["allowed"], d["reason"], d["reachable"]
    ///     (True, 'granted', True)
    #[pyo3(signature = (customer, channel, purpose, at=None))]
    fn may_contact<'py>(
        &self,
        py: Python<'py>,
        customer: &Bound<'py, PyAny>,
        channel: &Bound<'py, PyAny>,
        purpose: &Bound<'py, PyAny>,
        at: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let id: CustomerId = id_arg(customer, "customer").or_raise(py)?;
        let channel: Channel = enum_arg(channel, "channel").or_raise(py)?;
        let purpose: Purpose = enum_arg(purpose, "purpose").or_raise(py)?;
        let at = time_or_now(py, at.as_ref(), "at")?;
        let d = self
            .inner
            .may_contact(id, channel, purpose, at)
            .or_raise(py)?;
        decision_to_py(py, &d)
    }

    /// Everything the workspace holds about one customer, for a
    /// data-portability request, as a JSON-compatible dict
    /// (``json.dumps`` takes it as it is; times are ISO 8601 strings, as in
    /// ``events()``): ``format`` (``"clientcare.customer_export"``),
    /// ``version`` (1), ``customer``, ``merged_customers``,
    /// ``interactions``, ``complaints``, ``opportunities``, ``purchases``,
    /// ``referrals``, ``follow_ups``, ``playbook_runs``, ``surveys`` and
    /// ``events`` (its timeline, the audit trail). A merged id exports its
    /// survivor.
    ///
    /// Raises:
    ///     NotFoundError: for an unknown customer.
    ///     InvalidInputError: when ``customer`` is not a UUID string.
    ///
    /// Example:
    ///     >>> c = ws.register_customer("Đỗ Lan", at=at)
    ///     >>> _ = ws.log_interaction(c, "phone", at=at)
    ///     >>> doc = ws.export_customer(c)
    ///     >>> doc["format"], doc["version"], len(doc["interactions"])
    ///     ('clientcare.customer_export', 1, 1)
    fn export_customer<'py>(
        &self,
        py: Python<'py>,
        customer: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let id: CustomerId = id_arg(customer, "customer").or_raise(py)?;
        let doc = self.inner.export_customer(id).or_raise(py)?;
        to_py(py, &doc)
    }
}
