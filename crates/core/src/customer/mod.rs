//! Customers: people and organisations, their contact points, consent, tags,
//! lifecycle and tier. Commands in [`commands`], the record in [`model`],
//! search and listing in [`query`].

pub mod commands;
pub mod model;
pub mod query;
pub(crate) mod search;

pub use commands::*;
pub use model::*;
pub use query::*;
