//! Follow-ups: scheduled and recurring tasks, an agent's and a team's agenda.
//! Commands in [`commands`], the record in [`model`], the agenda in
//! [`query`], RFC 5545 recurrence rules in [`recurrence`].

pub(crate) mod apply;
pub mod commands;
pub mod model;
pub mod query;
pub mod recurrence;

pub use commands::*;
pub use model::*;
pub use query::*;
