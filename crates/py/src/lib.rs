//! Python face of clientcare: the `clientcare._native` extension module.
//!
//! Thin by design: [`convert`] turns Python values into the core's serde
//! forms and back, [`errors`] maps core errors to the Python exception
//! hierarchy in one place, and each domain area adds its `Workspace` methods
//! in its own file. All behaviour lives in the `clientcare` crate.

mod agent;
mod complaint;
mod convert;
mod customer;
mod errors;
mod feedback;
mod followup;
mod identity;
mod interaction;
mod journey;
mod kpi;
mod sla;
mod store;
mod workspace;

use pyo3::prelude::*;

/// Customer care (CRM) domain core: event-sourced customers, agents,
/// interactions, complaints and SLAs, sales pipelines, purchases, loyalty,
/// referrals, follow-ups, after-sales playbooks, feedback surveys, KPIs, and
/// identity (merge, erasure, contact checks, per-customer export).
/// Import `clientcare`, not this module.
#[pymodule]
#[pyo3(name = "_native")]
fn native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<workspace::PyWorkspace>()?;
    errors::register(m)?;
    m.add_function(wrap_pyfunction!(followup::occurrences, m)?)?;
    m.add_function(wrap_pyfunction!(followup::parse_rrule, m)?)?;
    m.add_function(wrap_pyfunction!(store::open, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("FORMAT_VERSION", clientcare::FORMAT_VERSION)?;
    m.add("KPI_NAMES", kpi::kpi_names(m.py())?)?;
    m.add("ERASED", clientcare::ERASED)?;
    Ok(())
}
