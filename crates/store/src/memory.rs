//! [`MemoryStore`]: an [`EventStore`] in memory, for tests and for hosts
//! that want the store semantics without a database.

use crate::stored::{check_append, check_name};
use crate::{EventStore, Result, Snapshot, StoreError};
use clientcare::Event;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

#[derive(Debug, Default)]
struct Log {
    events: Vec<Event>,
    /// Newest snapshot only (as the SQLite store keeps).
    snapshot: Option<Snapshot>,
    /// Head right after the last append that rewrote events (an erasure):
    /// snapshots before it are refused.
    rewritten_at: u64,
}

#[derive(Debug, Default)]
struct Inner {
    logs: BTreeMap<String, Log>,
    fail_appends: usize,
    appends: u64,
}

/// An [`EventStore`] held in memory. Clones are handles on the same store,
/// so two [`Stored`](crate::Stored) workspaces opened on clones behave as two
/// writers of one database (the tests of conflicts use that).
///
/// ```
/// use clientcare_store::{EventStore, MemoryStore};
/// let mut store = MemoryStore::new();
/// assert_eq!(store.head("default")?, 0);
/// # Ok::<(), clientcare_store::StoreError>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct MemoryStore {
    inner: Arc<Mutex<Inner>>,
}

impl MemoryStore {
    /// An empty store.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// For tests: the next `n` appends fail with [`StoreError::Backend`]
    /// (as a full disk or a lost connection would), writing nothing.
    pub fn fail_next_appends(&self, n: usize) {
        self.lock().fail_appends = n;
    }

    /// How many appends succeeded (transactions, not events).
    #[must_use]
    pub fn append_count(&self) -> u64 {
        self.lock().appends
    }
}

impl EventStore for MemoryStore {
    fn head(&mut self, workspace: &str) -> Result<u64> {
        Ok(self
            .lock()
            .logs
            .get(workspace)
            .map_or(0, |l| l.events.len() as u64))
    }

    fn append(
        &mut self,
        workspace: &str,
        expected: u64,
        events: &[Event],
        rewrites: &[Event],
    ) -> Result<u64> {
        let mut inner = self.lock();
        if inner.fail_appends > 0 {
            inner.fail_appends -= 1;
            return Err(StoreError::Backend(
                "the memory store was told to fail this append".into(),
            ));
        }
        let head = inner
            .logs
            .get(workspace)
            .map_or(0, |l| l.events.len() as u64);
        if head != expected {
            return Err(StoreError::Conflict {
                workspace: workspace.to_owned(),
                expected,
                actual: head,
            });
        }
        check_append(workspace, expected, events, rewrites)?;
        let log = inner.logs.entry(workspace.to_owned()).or_default();
        for ev in rewrites {
            let Some(slot) = usize::try_from(ev.seq - 1)
                .ok()
                .and_then(|i| log.events.get_mut(i))
            else {
                return Err(StoreError::Invalid(format!(
                    "a rewrite of seq {} in workspace {workspace:?}: no such stored event",
                    ev.seq
                )));
            };
            *slot = ev.clone();
        }
        log.events.extend_from_slice(events);
        let new_head = log.events.len() as u64;
        if !rewrites.is_empty() {
            log.snapshot = None;
            log.rewritten_at = new_head;
        }
        inner.appends += 1;
        Ok(new_head)
    }

    fn read(&mut self, workspace: &str, after: u64, limit: Option<usize>) -> Result<Vec<Event>> {
        let inner = self.lock();
        let Some(log) = inner.logs.get(workspace) else {
            return Ok(Vec::new());
        };
        let from = usize::try_from(after)
            .unwrap_or(usize::MAX)
            .min(log.events.len());
        let rest = &log.events[from..];
        let n = limit.unwrap_or(rest.len()).min(rest.len());
        Ok(rest[..n].to_vec())
    }

    fn save_snapshot(&mut self, workspace: &str, snapshot: &Snapshot) -> Result<()> {
        check_name(workspace)?;
        let mut inner = self.lock();
        let log = inner.logs.entry(workspace.to_owned()).or_default();
        let head = log.events.len() as u64;
        if snapshot.seq > head {
            return Err(StoreError::Invalid(format!(
                "a snapshot at seq {} of workspace {workspace:?}, whose log ends at {head}",
                snapshot.seq
            )));
        }
        if snapshot.seq < log.rewritten_at {
            return Err(StoreError::Invalid(format!(
                "a snapshot at seq {} of workspace {workspace:?}: an erasure rewrote the log at \
                 seq {} since; refresh and take a new one",
                snapshot.seq, log.rewritten_at
            )));
        }
        if log.snapshot.as_ref().is_none_or(|s| s.seq <= snapshot.seq) {
            log.snapshot = Some(snapshot.clone());
        }
        Ok(())
    }

    fn latest_snapshot(&mut self, workspace: &str) -> Result<Option<Snapshot>> {
        Ok(self
            .lock()
            .logs
            .get(workspace)
            .and_then(|l| l.snapshot.clone()))
    }

    fn workspaces(&mut self) -> Result<Vec<String>> {
        Ok(self.lock().logs.keys().cloned().collect())
    }
}
