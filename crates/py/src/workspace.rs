//! `clientcare.Workspace`: construction, the event log, generic `execute`
//! and workspace settings. The domain areas add their methods in their own
//! files (`agent.rs`, `customer.rs`, `interaction.rs`, `complaint.rs`,
//! `sla.rs`, `journey.rs`, `followup.rs`, `feedback.rs`, `kpi.rs`,
//! `identity.rs`).

use crate::convert::{attrs_to_json, id_arg, now, str_arg, to_json, to_py, to_utc, uint_arg, Path};
use crate::errors::OrRaise;
use clientcare::{AgentId, Command, Error, Meta, Outcome, SeededIds, Workspace};
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyDict, PyList};
use serde_json::{Map, Value};

/// One tenant's customer-care data: an event-sourced workspace.
///
/// Every change is a command that is validated first; a command that fails
/// raises a ``clientcare.Error`` subclass and changes nothing. Every command
/// method takes ``at`` (an aware ``datetime``; ``None`` means now) and
/// ``actor`` (an agent id; ``None`` means the system).
///
/// Args:
///     default_region: ISO 3166 region used to read phone numbers written
///         without ``+country`` (``"VN"``).
///     seed: seed of the id generator; the same seed and the same commands give
///         the same ids and the same event log. ``None`` draws one from the OS.
///     at: time of the ``configure`` event that records ``default_region``
///         (an aware datetime; ``None`` means now). Pass it for a reproducible log.
///
/// Raises:
///     InvalidInputError: for an unknown region, a bad seed or a naive ``at``.
///
/// Example:
///     >>> ws = clientcare.Workspace(default_region="VN", seed=42)
///     >>> len(ws), ws.seq
///     (0, 1)
#[pyclass(module = "clientcare", name = "Workspace")]
#[derive(Debug)]
pub(crate) struct PyWorkspace {
    pub(crate) inner: Workspace,
    /// The SQLite file of a workspace from `clientcare.open` (see `store.rs`).
    pub(crate) store: crate::store::Backing,
}

pub(crate) fn random_seed(py: Python<'_>) -> PyResult<u64> {
    py.import("secrets")?
        .call_method1("randbits", (64,))?
        .extract()
}

fn seed_arg(py: Python<'_>, seed: Option<&Bound<'_, PyAny>>) -> PyResult<u64> {
    match seed {
        Some(s) => uint_arg(s, "seed").or_raise(py),
        None => random_seed(py),
    }
}

/// The `Meta` of a command: `at` (aware datetime, default now) and `actor`.
pub(crate) fn meta(
    py: Python<'_>,
    at: Option<&Bound<'_, PyAny>>,
    actor: Option<&Bound<'_, PyAny>>,
) -> PyResult<Meta> {
    let at = match at {
        Some(a) => to_utc(a, Path::Root("at")).or_raise(py)?,
        None => now(py)?,
    };
    Ok(match actor {
        Some(a) => Meta::agent(at, id_arg::<AgentId>(a, "actor").or_raise(py)?),
        None => Meta::system(at),
    })
}

fn command_from_py(command: &Bound<'_, PyAny>) -> Result<Command, Error> {
    let root = Path::Root("");
    let d = command.downcast::<PyDict>().map_err(|_| {
        crate::convert::bad(
            Path::Root("command"),
            command,
            "expected a dict such as {\"type\": \"register_customer\", \"full_name\": \"...\"}",
        )
    })?;
    let mut m = Map::new();
    for (k, v) in crate::convert::snapshot(d, root)?.iter() {
        let key = str_arg(&k, "command")?;
        let value = if key == "attributes" {
            attrs_to_json(&v, Path::Key(&root, &key), true)?
        } else if key == "recurrence" && !v.is_none() {
            crate::followup::recurrence_to_json(&v, Path::Key(&root, &key))?
        } else {
            to_json(&v, Path::Key(&root, &key))?
        };
        m.insert(key, value);
    }
    Command::from_json(&Value::Object(m))
}

impl PyWorkspace {
    /// Runs a core command with the `Meta` read from `at` and `actor`.
    pub(crate) fn run(
        &mut self,
        py: Python<'_>,
        command: Result<Command, Error>,
        at: Option<&Bound<'_, PyAny>>,
        actor: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Outcome> {
        let command = command.or_raise(py)?;
        let meta = meta(py, at, actor)?;
        self.execute_meta(py, meta, command)
    }
}

#[pymethods]
impl PyWorkspace {
    #[new]
    #[pyo3(signature = (default_region=None, seed=None, *, at=None))]
    fn new(
        py: Python<'_>,
        default_region: Option<Bound<'_, PyAny>>,
        seed: Option<Bound<'_, PyAny>>,
        at: Option<Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let mut inner = Workspace::with_seed(seed_arg(py, seed.as_ref())?);
        if let Some(r) = default_region {
            let region = str_arg(&r, "default_region").or_raise(py)?;
            inner
                .configure(meta(py, at.as_ref(), None)?, Some(&region))
                .or_raise(py)?;
        }
        Ok(Self {
            inner,
            store: crate::store::Backing::None,
        })
    }

    /// Rebuilds a workspace from an event log in JSON Lines (see ``export_log``).
    ///
    /// The log is untrusted input: every line is parsed and checked against
    /// the events before it. Blank lines are ignored.
    ///
    /// Args:
    ///     text: the log, one JSON event per line.
    ///     seed: seed for the ids of new entities created after the import
    ///         (``None``: from the OS).
    ///
    /// Returns:
    ///     A workspace equal to the one that wrote the log.
    ///
    /// Raises:
    ///     CorruptLogError: naming the 1-based line of the first bad event
    ///         (``details["line"]``) and why; nothing is imported then.
    ///     InvalidInputError: when ``text`` is not a str.
    ///
    /// Example:
    ///     >>> copy = clientcare.Workspace.import_log(ws.export_log())
    ///     >>> copy == ws
    ///     True
    #[staticmethod]
    #[pyo3(signature = (text, seed=None))]
    fn import_log(
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        seed: Option<Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let text = str_arg(text, "text").or_raise(py)?;
        let seed = seed_arg(py, seed.as_ref())?;
        let inner = py
            .allow_threads(|| Workspace::import_jsonl(&text, Box::new(SeededIds::new(seed))))
            .or_raise(py)?;
        Ok(Self {
            inner,
            store: crate::store::Backing::None,
        })
    }

    /// Appends a chunk of JSON Lines events that continue this workspace's log
    /// (the next part of a large log, or events another process wrote).
    ///
    /// Every line is parsed before any is applied, then each event is checked
    /// against the events before it, as ``import_log`` does.
    ///
    /// Args:
    ///     text: events numbered from ``seq + 1`` on, one JSON event per line.
    ///
    /// Returns:
    ///     How many events were appended.
    ///
    /// Raises:
    ///     CorruptLogError: naming the 1-based line of the chunk
    ///         (``details["line"]``). A line that does not parse changes
    ///         nothing; an event that does not fit leaves the ones before it.
    ///     InvalidInputError: when ``text`` is not a str.
    ///
    /// Example:
    ///     >>> log = ws.export_log().splitlines(keepends=True)
    ///     >>> copy = clientcare.Workspace.import_log("".join(log[:1]))
    ///     >>> copy.apply_log("".join(log[1:])) == len(log) - 1, copy == ws
    ///     (True, True)
    fn apply_log(&mut self, py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<usize> {
        let text = str_arg(text, "text").or_raise(py)?;
        self.mutate(py, true, |ws| ws.apply_jsonl(&text))
    }

    /// The sequence numbers of earlier events rewritten in the log since the
    /// last call (an erasure redacts the events about the customer), in
    /// order, each once: a script that keeps its own copy of the log replaces
    /// those events. A workspace from ``clientcare.open`` stores them itself,
    /// so this is empty there.
    ///
    /// Example:
    ///     >>> ws.take_rewritten()
    ///     []
    fn take_rewritten(&mut self) -> Vec<u64> {
        self.inner.take_rewritten()
    }

    /// The event log as JSON Lines: one event per line, ``\n`` after each;
    /// with ``since``, only the events after that sequence number (what to
    /// append to a copy of the log).
    ///
    /// Raises:
    ///     InvalidInputError: when ``since`` is not a non-negative int.
    ///
    /// Example:
    ///     >>> ws.export_log().count("\n") == ws.seq
    ///     True
    #[pyo3(signature = (since=None), text_signature = "($self, since=0)")]
    fn export_log(&self, py: Python<'_>, since: Option<Bound<'_, PyAny>>) -> PyResult<String> {
        let since = match since {
            Some(s) => uint_arg(&s, "since").or_raise(py)?,
            None => 0,
        };
        Ok(py.allow_threads(|| self.inner.export_jsonl_since(since)))
    }

    /// The folded state at ``seq`` as bytes, for a store to keep next to the
    /// event log: ``Workspace.from_snapshot(snapshot, log)`` opens the
    /// workspace without replaying the events up to it. The log is not in it.
    /// The same state gives the same bytes.
    ///
    /// Example:
    ///     >>> snap = ws.snapshot()
    ///     >>> clientcare.Workspace.from_snapshot(snap, ws.export_log()) == ws
    ///     True
    fn snapshot<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        let bytes = py.allow_threads(|| self.inner.snapshot());
        PyBytes::new(py, &bytes)
    }

    /// Opens a workspace from a snapshot and the whole event log: the state
    /// comes from the snapshot, the events after its ``seq`` are checked and
    /// applied as ``import_log`` does.
    ///
    /// Args:
    ///     snapshot: bytes from ``Workspace.snapshot()`` (``bytes`` or
    ///         ``bytearray``).
    ///     log: the whole log from seq 1 as JSON Lines (``export_log()``).
    ///     seed: seed for the ids of new entities (``None``: from the OS).
    ///
    /// Returns:
    ///     A workspace equal to ``Workspace.import_log(log)``.
    ///
    /// Raises:
    ///     CorruptSnapshotError: when the snapshot is damaged, from another
    ///         clientcare version, or taken from another log (then open the
    ///         workspace with ``import_log``; ``details["reason"]`` says why).
    ///     CorruptLogError: naming the line of the first bad event.
    ///     InvalidInputError: when the arguments have the wrong types.
    ///
    /// Example:
    ///     >>> snap = ws.snapshot()
    ///     >>> clientcare.Workspace.from_snapshot(snap, ws.export_log()).seq == ws.seq
    ///     True
    #[staticmethod]
    #[pyo3(signature = (snapshot, log, seed=None))]
    fn from_snapshot(
        py: Python<'_>,
        snapshot: &Bound<'_, PyAny>,
        log: &Bound<'_, PyAny>,
        seed: Option<Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let bytes: Vec<u8> = if let Ok(b) = snapshot.downcast::<PyBytes>() {
            b.as_bytes().to_vec()
        } else if let Ok(b) = snapshot.downcast::<PyByteArray>() {
            b.to_vec()
        } else {
            let e = crate::convert::bad(
                Path::Root("snapshot"),
                snapshot,
                "expected bytes from Workspace.snapshot()",
            );
            return Err(crate::errors::to_py(py, &e));
        };
        let text = str_arg(log, "log").or_raise(py)?;
        let seed = seed_arg(py, seed.as_ref())?;
        let inner = py
            .allow_threads(|| {
                Workspace::from_snapshot_jsonl(&bytes, &text, Box::new(SeededIds::new(seed)))
            })
            .or_raise(py)?;
        Ok(Self {
            inner,
            store: crate::store::Backing::None,
        })
    }

    /// The events after sequence number ``since`` (all for 0), in their JSON
    /// interchange form: plain dicts, times as ISO 8601 strings.
    ///
    /// Raises:
    ///     InvalidInputError: when ``since`` is not a non-negative int.
    ///
    /// Example:
    ///     >>> ws.events()[0]["payload"]
    ///     {'type': 'workspace_configured', 'default_region': 'VN'}
    #[pyo3(signature = (since=None), text_signature = "($self, since=0)")]
    fn events<'py>(
        &self,
        py: Python<'py>,
        since: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyList>> {
        let since = match since {
            Some(s) => uint_arg(&s, "since").or_raise(py)?,
            None => 0,
        };
        let list = PyList::empty(py);
        for ev in self.inner.events_since(since) {
            list.append(to_py(py, ev)?)?;
        }
        Ok(list)
    }

    /// The sequence number of the last event (0 when empty).
    #[getter]
    fn seq(&self) -> u64 {
        self.inner.seq()
    }

    /// The default phone region (``"VN"``), or ``None``.
    #[getter]
    fn default_region(&self) -> Option<String> {
        self.inner.default_region().map(str::to_owned)
    }

    /// Equal when the event logs and the folded states are equal.
    fn __eq__(&self, other: &Bound<'_, Self>) -> bool {
        self.inner == other.borrow().inner
    }

    /// The number of customers (archived ones included).
    fn __len__(&self) -> usize {
        self.inner.customer_count()
    }

    fn __repr__(&self) -> String {
        format!(
            "Workspace(seq={}, customers={}, default_region={})",
            self.inner.seq(),
            self.inner.customer_count(),
            self.inner
                .default_region()
                .map_or_else(|| "None".to_owned(), |r| format!("'{r}'"))
        )
    }

    /// Runs any command given as a dict in its JSON form, the same form a
    /// browser or a service would send: ``{"type": "register_customer",
    /// "full_name": "..."}``. ``attributes`` may hold natural Python values,
    /// and so may a follow-up's ``recurrence`` (naive local datetimes, dates).
    ///
    /// Returns:
    ///     ``{"created": {"kind": ..., "id": ...} or None, "first_seq": int,
    ///     "events": int}``; ``events`` is 0 when nothing changed.
    ///
    /// Raises:
    ///     InvalidInputError: for an unknown ``type`` or a bad field (named in
    ///         ``details["field"]``).
    ///     NotFoundError, ConflictError, InvalidTransitionError: as the
    ///         command's own method.
    ///
    /// Example:
    ///     >>> out = ws.execute({"type": "register_customer", "full_name": "Lê Thị Hoa"}, at=at)
    ///     >>> out["created"]["kind"], out["events"]
    ///     ('customer', 1)
    #[pyo3(signature = (command, *, at=None, actor=None))]
    fn execute<'py>(
        &mut self,
        py: Python<'py>,
        command: &Bound<'py, PyAny>,
        at: Option<Bound<'py, PyAny>>,
        actor: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let outcome = self.run(py, command_from_py(command), at.as_ref(), actor.as_ref())?;
        to_py(py, &outcome)
    }

    /// Sets the default phone region (``"VN"``), or clears it with ``None``.
    ///
    /// Raises:
    ///     InvalidInputError: for a code that is not an ISO 3166 region.
    ///
    /// Example:
    ///     >>> ws.configure("US", at=at)
    ///     >>> ws.default_region
    ///     'US'
    #[pyo3(signature = (default_region, *, at=None, actor=None))]
    fn configure(
        &mut self,
        py: Python<'_>,
        default_region: &Bound<'_, PyAny>,
        at: Option<Bound<'_, PyAny>>,
        actor: Option<Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let command = crate::convert::Fields::new()
            .put("default_region", Some(default_region))
            .parse()
            .map(Command::ConfigureWorkspace);
        self.run(py, command, at.as_ref(), actor.as_ref())
            .map(|_| ())
    }
}
