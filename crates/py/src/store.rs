//! `clientcare.open(path)`: a `Workspace` kept in a SQLite file
//! (`clientcare-store`). The workspace is the same class as an in-memory one;
//! it holds a [`Journal`] next to its `Workspace`, and every mutating method
//! goes through [`PyWorkspace::run`] or [`PyWorkspace::mutate`], which append
//! the events to the file (one transaction per call) before returning.

use crate::convert::{str_arg, uint_arg};
use crate::errors::{store_error, to_py, OrRaise, StoreKind};
use crate::workspace::{meta, random_seed, PyWorkspace};
use clientcare::{Command, Error, Meta, Outcome, SeededIds, Workspace};
use clientcare_store::{Journal, Options, SqliteStore, StoreError};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use std::path::PathBuf;

/// The database side of a stored workspace.
#[derive(Debug)]
pub(crate) enum Backing {
    /// An in-memory workspace (`clientcare.Workspace(...)`).
    None,
    /// Kept in the SQLite file at `path`.
    Open {
        journal: Box<Journal<SqliteStore>>,
        path: String,
    },
    /// Was kept in `path` until `close()`: reads work, changes raise.
    Closed { path: String },
}

/// A store error as the matching `clientcare` exception.
pub(crate) fn raise(py: Python<'_>, err: &StoreError) -> PyErr {
    let d = PyDict::new(py);
    let message = err.to_string();
    let details = |kind| -> PyResult<StoreKind> {
        d.set_item("reason", &message)?;
        Ok(kind)
    };
    let kind = match err {
        StoreError::Core(e) => return to_py(py, e),
        StoreError::Conflict {
            workspace,
            expected,
            actual,
        } => (|| -> PyResult<StoreKind> {
            d.set_item("field", "seq")?;
            d.set_item("value", expected.to_string())?;
            d.set_item("holder_entity", "workspace")?;
            d.set_item("holder", format!("{workspace} at seq {actual}"))?;
            d.set_item(
                "remedy",
                "other writers kept winning the race; call refresh() and try again",
            )?;
            Ok(StoreKind::Conflict)
        })(),
        StoreError::Invalid(_) => details(StoreKind::InvalidInput),
        StoreError::Corrupt(_) => details(StoreKind::CorruptStore),
        _ => details(StoreKind::Storage),
    };
    match kind {
        Ok(kind) => store_error(py, kind, err.code(), message, &d),
        Err(e) => e,
    }
}

trait OrRaiseStore<T> {
    fn or_raise_store(self, py: Python<'_>) -> PyResult<T>;
}

impl<T> OrRaiseStore<T> for Result<T, StoreError> {
    fn or_raise_store(self, py: Python<'_>) -> PyResult<T> {
        self.map_err(|e| raise(py, &e))
    }
}

fn closed(py: Python<'_>, path: &str) -> PyErr {
    let err = StoreError::Backend(format!(
        "{path}: this workspace was closed; open it again with clientcare.open()"
    ));
    raise(py, &err)
}

impl PyWorkspace {
    /// Runs a command: in memory, or decided, stored, then applied (see
    /// `Journal::execute`) for a stored workspace.
    pub(crate) fn execute_meta(
        &mut self,
        py: Python<'_>,
        meta: Meta,
        command: Command,
    ) -> PyResult<Outcome> {
        match &mut self.store {
            Backing::None => self.inner.execute(meta, command).or_raise(py),
            Backing::Closed { path } => Err(closed(py, path)),
            Backing::Open { journal, .. } => {
                let inner = &mut self.inner;
                py.allow_threads(|| journal.execute(inner, meta, command))
                    .or_raise_store(py)
            }
        }
    }

    /// Runs any mutation `f`: directly in memory (without the GIL when
    /// `release`), or for a stored workspace through `Journal::write`
    /// (catch up, `f`, store what it changed; `f` runs again after losing a
    /// race with another writer), without the GIL.
    pub(crate) fn mutate<T: Send>(
        &mut self,
        py: Python<'_>,
        release: bool,
        mut f: impl FnMut(&mut Workspace) -> Result<T, Error> + Send,
    ) -> PyResult<T> {
        match &mut self.store {
            Backing::None if release => {
                let inner = &mut self.inner;
                py.allow_threads(move || f(inner)).or_raise(py)
            }
            Backing::None => f(&mut self.inner).or_raise(py),
            Backing::Closed { path } => Err(closed(py, path)),
            Backing::Open { journal, .. } => {
                let inner = &mut self.inner;
                py.allow_threads(move || journal.write(inner, f))
                    .or_raise_store(py)
            }
        }
    }
}

/// Opens (or creates) a workspace kept in the SQLite file at ``path``.
///
/// The result is an ordinary ``clientcare.Workspace``: every method works,
/// and every method that changes it appends its events to the file in one
/// transaction before it returns (synced to disk: an acknowledged change
/// survives a crash). A change that raises stores nothing. Several processes
/// may open the same file; each catches up with the others' events before it
/// decides a command, and ``refresh()`` catches up on demand.
///
/// Opening reads the newest snapshot and the events after it (see
/// ``save_snapshot``), or replays the whole log when there is no usable
/// snapshot. One file holds many workspaces, named by ``workspace``.
///
/// Args:
///     path: the database file (``str`` or ``os.PathLike``), created when missing.
///     workspace: the workspace's name in the file.
///     default_region: when given and not already the workspace's region, a
///         ``configure`` event records it (at ``at``).
///     seed: seed of the id generator (``None``: from the OS). Processes that
///         write the same workspace must not share a seed.
///     snapshot_every: take a snapshot automatically each time this many
///         events were appended since the last one (``None``: never).
///     at: time of the ``configure`` event (aware datetime; ``None``: now).
///
/// Returns:
///     The workspace, as stored.
///
/// Raises:
///     StorageError: when the file cannot be opened or created, is not a
///         clientcare database, or was written by a newer version.
///     CorruptStoreError: for a stored event that does not parse or a gap.
///     CorruptLogError: for a stored log that the core refuses.
///     InvalidInputError: for a bad name, seed, region or a naive ``at``.
///
/// Example:
///     >>> import os, tempfile
///     >>> path = os.path.join(tempfile.mkdtemp(), "care.db")
///     >>> with clientcare.open(path, default_region="VN", seed=1, at=at) as ws:
///     ...     duc = ws.register_customer("Nguyễn Văn Đức", at=at)
///     >>> again = clientcare.open(path)
///     >>> again.customer(duc)["names"]["full"], again.seq
///     ('Nguyễn Văn Đức', 2)
#[pyfunction]
#[pyo3(signature = (path, *, workspace="default", default_region=None, seed=None, snapshot_every=None, at=None))]
pub(crate) fn open(
    py: Python<'_>,
    path: &Bound<'_, PyAny>,
    workspace: &str,
    default_region: Option<Bound<'_, PyAny>>,
    seed: Option<Bound<'_, PyAny>>,
    snapshot_every: Option<Bound<'_, PyAny>>,
    at: Option<Bound<'_, PyAny>>,
) -> PyResult<PyWorkspace> {
    let path: PathBuf = path.extract().map_err(|_| {
        to_py(
            py,
            &crate::convert::bad(
                crate::convert::Path::Root("path"),
                path,
                "expected a file path (str or os.PathLike)",
            ),
        )
    })?;
    let seed = match seed {
        Some(s) => uint_arg(&s, "seed").or_raise(py)?,
        None => random_seed(py)?,
    };
    let snapshot_every = match snapshot_every {
        Some(n) => Some(uint_arg(&n, "snapshot_every").or_raise(py)?),
        None => None,
    };
    let region = match &default_region {
        Some(r) => Some(str_arg(r, "default_region").or_raise(py)?),
        None => None,
    };
    let configure_meta = if region.is_some() {
        Some(meta(py, at.as_ref(), None)?)
    } else {
        None
    };
    let label = path.display().to_string();
    let options = Options {
        snapshot_every,
        ..Options::default()
    };
    let name = workspace.to_owned();
    let (journal, inner) = py
        .allow_threads(|| {
            let store = SqliteStore::open(&path)?;
            Journal::open(store, &name, Box::new(SeededIds::new(seed)), options)
        })
        .or_raise_store(py)?;
    let mut ws = PyWorkspace {
        inner,
        store: Backing::Open {
            journal: Box::new(journal),
            path: label,
        },
    };
    if let (Some(region), Some(meta)) = (region, configure_meta) {
        if ws.inner.default_region() != Some(region.as_str()) {
            let command = crate::convert::Fields::new()
                .put("default_region", default_region.as_ref())
                .parse()
                .map(Command::ConfigureWorkspace)
                .or_raise(py)?;
            ws.execute_meta(py, meta, command)?;
        }
    }
    Ok(ws)
}

#[pymethods]
impl PyWorkspace {
    /// The database file of a workspace opened with ``clientcare.open``
    /// (also after ``close()``), or ``None`` for an in-memory workspace.
    ///
    /// Example:
    ///     >>> ws.path is None
    ///     True
    #[getter]
    fn path(&self) -> Option<String> {
        match &self.store {
            Backing::None => None,
            Backing::Open { path, .. } | Backing::Closed { path } => Some(path.clone()),
        }
    }

    /// Whether the last open or ``reload`` of a stored workspace started from
    /// a snapshot (``False``: it replayed the whole log, because there was no
    /// snapshot or the stored one could not be used; always ``False`` in memory).
    #[getter]
    fn opened_from_snapshot(&self) -> bool {
        match &self.store {
            Backing::Open { journal, .. } => journal.opened_from_snapshot(),
            _ => false,
        }
    }

    /// Catches up with the events other processes appended to the file since
    /// this workspace last read it. Commands catch up by themselves; call
    /// this before queries that must see the others' latest changes.
    ///
    /// Returns:
    ///     How many events were applied (always 0 in memory).
    ///
    /// Raises:
    ///     StorageError: when the file cannot be read or the workspace was closed.
    ///     CorruptStoreError, CorruptLogError: for stored events that cannot
    ///         be read or applied.
    ///
    /// Example:
    ///     >>> ws.refresh()
    ///     0
    fn refresh(&mut self, py: Python<'_>) -> PyResult<usize> {
        match &mut self.store {
            Backing::None => Ok(0),
            Backing::Closed { path } => Err(closed(py, path)),
            Backing::Open { journal, .. } => {
                let inner = &mut self.inner;
                py.allow_threads(|| journal.refresh(inner))
                    .or_raise_store(py)
            }
        }
    }

    /// Reads the workspace again from the file (its newest snapshot and the
    /// events after it), dropping nothing that was stored.
    ///
    /// Raises:
    ///     StorageError: when the file cannot be read, the workspace was
    ///         closed or is in memory.
    ///     CorruptStoreError, CorruptLogError: as ``clientcare.open``.
    fn reload(&mut self, py: Python<'_>) -> PyResult<()> {
        match &mut self.store {
            Backing::None => Err(raise(
                py,
                &StoreError::Backend("an in-memory workspace has no file to reload from".into()),
            )),
            Backing::Closed { path } => Err(closed(py, path)),
            Backing::Open { journal, .. } => {
                let inner = &mut self.inner;
                py.allow_threads(|| journal.reload(inner))
                    .or_raise_store(py)
            }
        }
    }

    /// Stores a snapshot of the workspace at its current ``seq`` next to the
    /// events, so that the next ``clientcare.open`` starts from it instead of
    /// replaying the whole log (older snapshots are dropped; an erasure drops
    /// them all).
    ///
    /// Returns:
    ///     The ``seq`` of the snapshot.
    ///
    /// Raises:
    ///     StorageError: when the file cannot be written, the workspace was
    ///         closed or is in memory.
    ///     InvalidInputError: when another process erased a customer since
    ///         this workspace last caught up (``refresh()`` first).
    fn save_snapshot(&mut self, py: Python<'_>) -> PyResult<u64> {
        match &mut self.store {
            Backing::None => Err(raise(
                py,
                &StoreError::Backend(
                    "an in-memory workspace has no file to keep a snapshot in; use \
                     clientcare.open()"
                        .into(),
                ),
            )),
            Backing::Closed { path } => Err(closed(py, path)),
            Backing::Open { journal, .. } => {
                let inner = &self.inner;
                py.allow_threads(|| journal.snapshot(inner))
                    .or_raise_store(py)
            }
        }
    }

    /// Closes the database file. The workspace stays readable; a change
    /// raises ``StorageError`` afterwards. Closing twice, or an in-memory
    /// workspace, does nothing. ``with clientcare.open(...) as ws:`` closes
    /// at the end of the block.
    ///
    /// Raises:
    ///     Nothing.
    ///
    /// Example:
    ///     >>> ws.close()
    fn close(&mut self) {
        if let Backing::Open { path, .. } = &self.store {
            let path = path.clone();
            self.store = Backing::Closed { path };
        }
    }

    fn __enter__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    /// Closes the file at the end of a ``with`` block (exceptions propagate).
    fn __exit__(
        &mut self,
        exc_type: &Bound<'_, PyAny>,
        exc_value: &Bound<'_, PyAny>,
        traceback: &Bound<'_, PyAny>,
    ) {
        let _ = (exc_type, exc_value, traceback);
        self.close();
    }
}
