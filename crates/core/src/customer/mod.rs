//! Customers: people and organisations, their contact points, consent, tags,
//! lifecycle and tier. Commands in [`commands`], the record in [`model`],
//! listing in [`query`]. Search, duplicates, merge and erasure live in
//! [`identity`](crate::identity).

pub mod commands;
pub mod model;
pub mod query;

pub use commands::*;
pub use model::*;
pub use query::*;
