//! The exception hierarchy (created once per interpreter) and the one place
//! where core errors become Python exceptions.
//!
//! ```text
//! clientcare.Error(Exception)          .code  .details
//! ├── NotFoundError                    not_found
//! ├── InvalidInputError                invalid_input
//! ├── InvalidTransitionError           invalid_transition
//! ├── ConflictError                    conflict
//! ├── CorruptLogError                  corrupt_log
//! ├── CorruptSnapshotError             corrupt_snapshot
//! └── StorageError                     storage        (a stored workspace's database)
//!     └── CorruptStoreError            corrupt_store
//! ```

use clientcare::Error;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::sync::GILOnceCell;
use pyo3::types::{PyDict, PyType};
use std::ffi::CStr;

/// The exception classes, created once.
struct Exceptions {
    base: Py<PyType>,
    not_found: Py<PyType>,
    invalid_input: Py<PyType>,
    invalid_transition: Py<PyType>,
    conflict: Py<PyType>,
    corrupt_log: Py<PyType>,
    corrupt_snapshot: Py<PyType>,
    storage: Py<PyType>,
    corrupt_store: Py<PyType>,
}

static EXCEPTIONS: GILOnceCell<Exceptions> = GILOnceCell::new();

fn new_type(
    py: Python<'_>,
    name: &CStr,
    doc: &CStr,
    base: &Bound<'_, PyType>,
    code: &str,
) -> PyResult<Py<PyType>> {
    let dict = PyDict::new(py);
    dict.set_item("code", code)?;
    // pyo3 0.25.1's `new_type` releases the reference it is given before
    // CPython reads the dict (a use-after-free); `dict` keeps it alive here
    // until the type exists.
    let ty = PyErr::new_type(
        py,
        name,
        Some(doc),
        Some(base),
        Some(dict.clone().into_any().unbind()),
    );
    drop(dict);
    ty
}

fn exceptions(py: Python<'_>) -> PyResult<&Exceptions> {
    EXCEPTIONS.get_or_try_init(py, || {
        let base = new_type(
            py,
            c"clientcare.Error",
            c"Base class of every clientcare error.\n\n\
              Attributes:\n    code: stable machine code (\"not_found\", \"invalid_input\", ...).\n    \
              details: the structured fields of the error (for example \"field\", \"value\"\n        \
              and \"reason\" for invalid input, \"holder\" for a conflict).",
            &py.get_type::<PyException>(),
            "error",
        )?;
        let b = base.bind(py);
        let storage = new_type(
            py,
            c"clientcare.StorageError",
            c"The database of a stored workspace failed (cannot open or create the file,\n\
              locked for too long, disk full, a file from a newer version); nothing was\n\
              stored and the workspace equals the database (details: reason).",
            b,
            "storage",
        )?;
        let corrupt_store = new_type(
            py,
            c"clientcare.CorruptStoreError",
            c"Stored data that cannot be read back: an event row that does not parse, a\n\
              gap in the stored log (details: reason).",
            storage.bind(py),
            "corrupt_store",
        )?;
        Ok(Exceptions {
            storage,
            corrupt_store,
            not_found: new_type(
                py,
                c"clientcare.NotFoundError",
                c"An id that names nothing in this workspace (details: entity, id).",
                b,
                "not_found",
            )?,
            invalid_input: new_type(
                py,
                c"clientcare.InvalidInputError",
                c"A value that is not acceptable (details: field, value, reason).",
                b,
                "invalid_input",
            )?,
            invalid_transition: new_type(
                py,
                c"clientcare.InvalidTransitionError",
                c"A change the entity's current state does not allow\n\
                  (details: entity, id, action, current, allowed).",
                b,
                "invalid_transition",
            )?,
            conflict: new_type(
                py,
                c"clientcare.ConflictError",
                c"A value already held by another entity\n\
                  (details: field, value, holder_entity, holder, remedy).",
                b,
                "conflict",
            )?,
            corrupt_log: new_type(
                py,
                c"clientcare.CorruptLogError",
                c"An event log that cannot be trusted; nothing of it was applied\n\
                  (details: line, seq, reason).",
                b,
                "corrupt_log",
            )?,
            corrupt_snapshot: new_type(
                py,
                c"clientcare.CorruptSnapshotError",
                c"A workspace snapshot that cannot be used: damaged, written by another\n\
                  clientcare version, or taken from another log; open the workspace by\n\
                  replaying its events instead (details: reason).",
                b,
                "corrupt_snapshot",
            )?,
            base,
        })
    })
}

/// Adds the exception classes to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let ex = exceptions(m.py())?;
    m.add("Error", ex.base.clone_ref(m.py()))?;
    m.add("NotFoundError", ex.not_found.clone_ref(m.py()))?;
    m.add("InvalidInputError", ex.invalid_input.clone_ref(m.py()))?;
    m.add(
        "InvalidTransitionError",
        ex.invalid_transition.clone_ref(m.py()),
    )?;
    m.add("ConflictError", ex.conflict.clone_ref(m.py()))?;
    m.add("CorruptLogError", ex.corrupt_log.clone_ref(m.py()))?;
    m.add(
        "CorruptSnapshotError",
        ex.corrupt_snapshot.clone_ref(m.py()),
    )?;
    m.add("StorageError", ex.storage.clone_ref(m.py()))?;
    m.add("CorruptStoreError", ex.corrupt_store.clone_ref(m.py()))?;
    Ok(())
}

/// The structured fields of an error, as a dict.
pub(crate) fn details<'py>(py: Python<'py>, err: &Error) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    match err {
        Error::NotFound { entity, id } => {
            d.set_item("entity", entity)?;
            d.set_item("id", id)?;
        }
        Error::InvalidInput {
            field,
            value,
            reason,
        } => {
            d.set_item("field", field)?;
            d.set_item("value", value)?;
            d.set_item("reason", reason)?;
        }
        Error::InvalidTransition {
            entity,
            id,
            action,
            current,
            allowed,
        } => {
            d.set_item("entity", entity)?;
            d.set_item("id", id)?;
            d.set_item("action", action)?;
            d.set_item("current", current)?;
            d.set_item("allowed", allowed)?;
        }
        Error::Conflict {
            field,
            value,
            holder_entity,
            holder,
            remedy,
        } => {
            d.set_item("field", field)?;
            d.set_item("value", value)?;
            d.set_item("holder_entity", holder_entity)?;
            d.set_item("holder", holder)?;
            d.set_item("remedy", remedy)?;
        }
        Error::CorruptLog { line, seq, reason } => {
            d.set_item("line", line)?;
            d.set_item("seq", seq)?;
            d.set_item("reason", reason)?;
        }
        Error::CorruptSnapshot { reason } => {
            d.set_item("reason", reason)?;
        }
        // `Error` is non-exhaustive: a new variant still carries its code.
        _ => {}
    }
    Ok(d)
}

fn build(py: Python<'_>, err: &Error) -> PyResult<PyErr> {
    let ex = exceptions(py)?;
    let ty = match err {
        Error::NotFound { .. } => &ex.not_found,
        Error::InvalidInput { .. } => &ex.invalid_input,
        Error::InvalidTransition { .. } => &ex.invalid_transition,
        Error::Conflict { .. } => &ex.conflict,
        Error::CorruptLog { .. } => &ex.corrupt_log,
        Error::CorruptSnapshot { .. } => &ex.corrupt_snapshot,
        _ => &ex.base,
    };
    let e = PyErr::from_type(ty.bind(py).clone(), err.to_string());
    let value = e.value(py);
    value.setattr("code", err.code())?;
    value.setattr("details", details(py, err)?)?;
    Ok(e)
}

/// The classes of the store's own errors (see `store.rs`).
#[derive(Debug, Clone, Copy)]
pub(crate) enum StoreKind {
    Storage,
    CorruptStore,
    Conflict,
    InvalidInput,
}

/// An exception of class `kind` with `message`, `.code` and `.details`.
pub(crate) fn store_error(
    py: Python<'_>,
    kind: StoreKind,
    code: &str,
    message: String,
    details: &Bound<'_, PyDict>,
) -> PyErr {
    let build = || -> PyResult<PyErr> {
        let ex = exceptions(py)?;
        let ty = match kind {
            StoreKind::Storage => &ex.storage,
            StoreKind::CorruptStore => &ex.corrupt_store,
            StoreKind::Conflict => &ex.conflict,
            StoreKind::InvalidInput => &ex.invalid_input,
        };
        let e = PyErr::from_type(ty.bind(py).clone(), message);
        let value = e.value(py);
        value.setattr("code", code)?;
        value.setattr("details", details)?;
        Ok(e)
    };
    build().unwrap_or_else(|e| e)
}

/// Turns a core error into the matching `clientcare` exception.
pub(crate) fn to_py(py: Python<'_>, err: &Error) -> PyErr {
    build(py, err).unwrap_or_else(|e| e)
}

/// `result.or_raise(py)?`: a core result as a Python result.
pub(crate) trait OrRaise<T> {
    fn or_raise(self, py: Python<'_>) -> PyResult<T>;
}

impl<T> OrRaise<T> for Result<T, Error> {
    fn or_raise(self, py: Python<'_>) -> PyResult<T> {
        self.map_err(|e| to_py(py, &e))
    }
}
