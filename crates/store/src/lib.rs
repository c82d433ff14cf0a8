//! Durable event stores for clientcare workspaces.
//!
//! The core ([`clientcare`]) is pure: it folds events in memory and never does
//! I/O. This crate keeps a workspace's event log in a database so that it
//! survives restarts and can be shared by several service instances:
//!
//! - [`EventStore`]: the interface every backend implements: append a batch
//!   with an expected sequence (optimistic concurrency), read from a sequence
//!   on, snapshots, and the rewrite of stored events that an erasure redacts.
//! - `sqlite::SqliteStore` (feature `sqlite`, the default): embedded, one file.
//! - `postgres::PgStore` (feature `postgres`): many writers, many tenants.
//! - [`Stored`]: a [`clientcare::Workspace`] bound to a store: open = latest
//!   snapshot plus the events after it; every successful command is appended
//!   durably before it is acknowledged.

mod error;
mod memory;
#[cfg(feature = "postgres")]
pub mod postgres;
#[cfg(feature = "sqlite")]
mod sqlite;
mod stored;

pub use error::{Result, StoreError};
pub use memory::MemoryStore;
#[cfg(feature = "postgres")]
pub use postgres::{PgListener, PgStore};
#[cfg(feature = "sqlite")]
pub use sqlite::{open, open_with, Durability, SqliteOptions, SqliteStore};
pub use stored::{random_ids, Journal, Options, Stored};

use clientcare::Event;

/// A workspace's snapshot as stored: the sequence it was taken at and the
/// bytes of [`clientcare::Workspace::snapshot`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    /// The sequence number of the last event the snapshot includes.
    pub seq: u64,
    /// The snapshot, as the core wrote it.
    pub bytes: Vec<u8>,
}

/// Where the events of workspaces are kept. One store holds many workspaces,
/// each named by a key (the tenant).
///
/// Every method is one transaction: it happens whole or not at all.
pub trait EventStore {
    /// The sequence number of the workspace's last stored event (0 when it has
    /// none or does not exist yet).
    ///
    /// # Errors
    /// [`StoreError::Backend`] when the database cannot be read.
    fn head(&mut self, workspace: &str) -> Result<u64>;

    /// Appends `events` after sequence `expected` and replaces the stored
    /// copies of `rewrites` (earlier events an erasure redacted), in one
    /// transaction. `events` must be numbered `expected + 1, expected + 2, ...`.
    /// When `rewrites` is not empty, every snapshot of the workspace is
    /// deleted in the same transaction (they hold what was erased).
    /// Returns the new head.
    ///
    /// # Errors
    /// [`StoreError::Conflict`] when the stored head is not `expected`
    /// (another writer was first): nothing is written; catch up and retry.
    /// [`StoreError::Invalid`] for events that are not numbered from
    /// `expected + 1` or a rewrite of an event that is not stored.
    fn append(
        &mut self,
        workspace: &str,
        expected: u64,
        events: &[Event],
        rewrites: &[Event],
    ) -> Result<u64>;

    /// The stored events with a sequence number above `after`, in order, at
    /// most `limit` of them (all with `None`).
    ///
    /// # Errors
    /// [`StoreError::Backend`], or [`StoreError::Corrupt`] for a stored event
    /// that does not parse.
    fn read(&mut self, workspace: &str, after: u64, limit: Option<usize>) -> Result<Vec<Event>>;

    /// Stores a snapshot of the workspace at `seq` (replacing one at the same
    /// seq).
    ///
    /// # Errors
    /// [`StoreError::Invalid`] when `seq` is above the stored head.
    fn save_snapshot(&mut self, workspace: &str, snapshot: &Snapshot) -> Result<()>;

    /// The snapshot with the highest seq, if any.
    ///
    /// # Errors
    /// [`StoreError::Backend`].
    fn latest_snapshot(&mut self, workspace: &str) -> Result<Option<Snapshot>>;

    /// The names of the workspaces this store holds, sorted.
    ///
    /// # Errors
    /// [`StoreError::Backend`].
    fn workspaces(&mut self) -> Result<Vec<String>>;

    /// What opening a workspace needs: the latest snapshot and the whole log,
    /// read consistently (a store that can, reads both in one transaction;
    /// the default reads the snapshot, then the events).
    ///
    /// # Errors
    /// As [`read`](Self::read) and [`latest_snapshot`](Self::latest_snapshot).
    fn load(&mut self, workspace: &str) -> Result<(Option<Snapshot>, Vec<Event>)> {
        let snapshot = self.latest_snapshot(workspace)?;
        let events = self.read(workspace, 0, None)?;
        Ok((snapshot, events))
    }
}

/// The README's example (crates/store/README.md, the same as the
/// repository README's "Durable storage" example) runs as a doc test.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
