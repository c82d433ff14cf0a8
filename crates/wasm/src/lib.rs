#![doc = include_str!("../README.md")]
#![warn(missing_docs)]
#![deny(rustdoc::broken_intra_doc_links)]

// One binding file per domain area: [`workspace`] (the class, the log,
// generic commands), [`agent`], [`customer`], [`interaction`], [`complaint`],
// [`sla`], [`identity`] (merge, unmerge, erasure, export, contact check),
// [`journey`] (pipelines, opportunities, purchases, loyalty,
// referrals, playbooks), [`followup`], [`feedback`] (surveys), [`kpi`];
// [`convert`] holds the value conversions and [`errors`] the one error mapping.

pub mod agent;
pub mod complaint;
pub mod convert;
pub mod customer;
pub mod errors;
pub mod feedback;
pub mod followup;
pub mod identity;
pub mod interaction;
pub mod journey;
pub mod kpi;
pub mod sla;
mod types;
pub mod workspace;

pub use errors::{Failure, JsResult};
pub use workspace::Workspace;
