//! Complaints: a strict ticket lifecycle, messages, resolutions and
//! escalations. Commands in [`commands`], the record in [`model`], the fold in
//! `apply`, queue views in [`query`]; SLA clocks live in [`crate::sla`].

pub(crate) mod apply;
pub mod commands;
pub mod model;
pub mod query;

pub use commands::*;
pub use model::*;
pub use query::*;
