//! [`Stored`]: a [`Workspace`] bound to an [`EventStore`], and [`Journal`],
//! its store side for hosts that keep the workspace themselves.
//!
//! The rule they keep: **memory == store**. A command is decided in memory
//! ([`Workspace::prepare`]), appended to the store with the sequence it was
//! decided against, and only then applied ([`Workspace::commit`]). When another
//! writer was first, the store answers `conflict` and nothing is written: the
//! workspace catches up with the new events and decides the command again.
//! When the store fails in a way that leaves memory ahead of it (a bulk write
//! or an erasure, which change memory before they are stored), the workspace
//! is reloaded from the store before the error is returned.

use crate::{EventStore, Result, Snapshot, StoreError};
use clientcare::{Command, Event, IdSource, Meta, Outcome, Workspace};
use std::sync::{Arc, Mutex, PoisonError};

/// How a [`Stored`] workspace behaves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Take a snapshot automatically once this many events were appended
    /// since the last one (`None`: only when asked, with
    /// [`Stored::snapshot`]). A snapshot makes opening faster (the events
    /// before it are not checked and folded again) but costs a pass over the
    /// whole state when it is taken, on the writer that crosses the mark.
    pub snapshot_every: Option<u64>,
    /// How many times a command is decided again after another writer was
    /// first (each time after catching up) before `conflict` is returned.
    pub max_retries: u32,
}

impl Default for Options {
    /// No automatic snapshots; 64 retries.
    fn default() -> Self {
        Self {
            snapshot_every: None,
            max_retries: 64,
        }
    }
}

/// The id source of a stored workspace, shared with its [`Journal`] so that a
/// reload (a new `Workspace` rebuilt from the store) continues the same id
/// stream instead of starting it again.
#[derive(Debug, Clone)]
struct SharedIds(Arc<Mutex<Box<dyn IdSource>>>);

impl SharedIds {
    fn new(ids: Box<dyn IdSource>) -> Self {
        Self(Arc::new(Mutex::new(ids)))
    }
}

impl IdSource for SharedIds {
    fn next_random(&mut self) -> [u8; 10] {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .next_random()
    }

    /// A copy in the current state, no longer shared (a cloned workspace gets
    /// its own stream, as with any other source).
    fn clone_box(&self) -> Box<dyn IdSource> {
        let inner = self
            .0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone_box();
        Box::new(SharedIds::new(inner))
    }
}

/// The snapshot calls of the core, in one place.
mod snap {
    use clientcare::{Event, IdSource, Workspace};

    pub(super) fn take(ws: &Workspace) -> Vec<u8> {
        ws.snapshot()
    }

    pub(super) fn restore(
        bytes: &[u8],
        events: Vec<Event>,
        ids: Box<dyn IdSource>,
    ) -> clientcare::Result<Workspace> {
        Workspace::from_snapshot(bytes, events, ids)
    }
}

/// The store side of a stored workspace: the store, the workspace's name in
/// it, the options, and what the last open found. Every method takes the
/// [`Workspace`] it keeps in step with the store; it must be the one that
/// [`Journal::open`] returned (or a later state of it).
///
/// [`Stored`] pairs a journal with its workspace and is what most hosts
/// want; a journal on its own suits a host that must own the `Workspace`
/// value itself (the Python binding keeps it in its `Workspace` class).
#[derive(Debug)]
pub struct Journal<S> {
    store: S,
    name: String,
    options: Options,
    ids: SharedIds,
    /// The seq of the newest snapshot known to be stored (0: none).
    snapshot_seq: u64,
    opened_from_snapshot: bool,
    snapshot_refused: Option<clientcare::Error>,
    snapshot_failed: Option<StoreError>,
    /// Memory may be ahead of the store (a failed write whose reload failed
    /// too): the next call reloads first.
    stale: bool,
}

impl<S: EventStore> Journal<S> {
    /// Opens workspace `name` of `store`: the latest snapshot plus the events
    /// after it, or a full replay when there is no snapshot or the core
    /// refuses it (see [`opened_from_snapshot`](Self::opened_from_snapshot)).
    /// A name the store does not hold yet opens an empty workspace; it is
    /// created by the first write. `ids` makes the ids of new entities.
    ///
    /// # Errors
    /// [`StoreError::Corrupt`] for stored events that do not parse,
    /// [`StoreError::Core`] (`corrupt_log`) for a stored log the core refuses,
    /// [`StoreError::Backend`] when the store cannot be read,
    /// [`StoreError::Invalid`] for a bad name.
    pub fn open(
        store: S,
        name: &str,
        ids: Box<dyn IdSource>,
        options: Options,
    ) -> Result<(Self, Workspace)> {
        check_name(name)?;
        let mut journal = Self {
            store,
            name: name.to_owned(),
            options,
            ids: SharedIds::new(ids),
            snapshot_seq: 0,
            opened_from_snapshot: false,
            snapshot_refused: None,
            snapshot_failed: None,
            stale: false,
        };
        let ws = journal.load()?;
        Ok((journal, ws))
    }

    /// Reads the workspace from the store.
    fn load(&mut self) -> Result<Workspace> {
        let (snapshot, events) = self.store.load(&self.name)?;
        let shared = self.ids.clone();
        let ids = || -> Box<dyn IdSource> { Box::new(shared.clone()) };
        self.opened_from_snapshot = false;
        self.snapshot_refused = None;
        self.snapshot_seq = 0;
        let mut ws = match snapshot {
            Some(s) if s.seq > 0 && s.seq <= events.len() as u64 => {
                match snap::restore(&s.bytes, events, ids()) {
                    Ok(ws) => {
                        self.opened_from_snapshot = true;
                        self.snapshot_seq = s.seq;
                        ws
                    }
                    Err(refused) => {
                        // The events were given away: read them again.
                        self.snapshot_refused = Some(refused);
                        let events = self.store.read(&self.name, 0, None)?;
                        Workspace::replay(events, ids())?
                    }
                }
            }
            Some(s) => {
                if s.seq > 0 {
                    self.snapshot_refused = Some(clientcare::Error::CorruptSnapshot {
                        reason: format!(
                            "stored at seq {} but the stored log has {} events",
                            s.seq,
                            events.len()
                        ),
                    });
                }
                Workspace::replay(events, ids())?
            }
            None => Workspace::replay(events, ids())?,
        };
        ws.take_rewritten();
        self.stale = false;
        Ok(ws)
    }

    /// Replaces `ws` with the workspace as stored (the latest snapshot plus
    /// the events after it).
    ///
    /// # Errors
    /// As [`open`](Self::open); `ws` is unchanged then.
    pub fn reload(&mut self, ws: &mut Workspace) -> Result<()> {
        match self.load() {
            Ok(fresh) => {
                *ws = fresh;
                Ok(())
            }
            Err(e) => {
                self.stale = true;
                Err(e)
            }
        }
    }

    /// After a failed write: memory may be ahead of the store; reload, and if
    /// even that fails, remember to reload before the next call.
    fn recover(&mut self, ws: &mut Workspace) {
        if self.reload(ws).is_err() {
            self.stale = true;
        }
    }

    fn ensure_fresh(&mut self, ws: &mut Workspace) -> Result<()> {
        if self.stale {
            self.reload(ws)?;
        }
        Ok(())
    }

    /// Catches up with events other writers appended since `ws` was read.
    /// Returns how many events were applied.
    ///
    /// # Errors
    /// [`StoreError::Backend`], [`StoreError::Corrupt`], or
    /// [`StoreError::Core`] when the core refuses the new events (then the
    /// workspace is reloaded whole, or marked to be).
    pub fn refresh(&mut self, ws: &mut Workspace) -> Result<usize> {
        self.ensure_fresh(ws)?;
        let events = self.store.read(&self.name, ws.seq(), None)?;
        let n = events.len();
        if n == 0 {
            return Ok(0);
        }
        if let Err(e) = ws.apply_events(events) {
            self.recover(ws);
            return Err(e.into());
        }
        // Rewrites caused by others' erasures are stored already.
        ws.take_rewritten();
        Ok(n)
    }

    /// Runs a command: decides it against the workspace, appends its events
    /// to the store (the write is the acknowledgement), then applies them.
    /// When another writer was first, catches up and decides it again, up to
    /// [`Options::max_retries`] times. A command the core refuses is decided
    /// once more after catching up when the store had news (the refusal may
    /// come from a stale view), otherwise its error is returned.
    ///
    /// An erasure is applied in memory first (the core redacts the earlier
    /// events, which tells which stored copies to rewrite), then its event
    /// and the rewritten events are stored in one transaction that also drops
    /// the workspace's snapshots; if that fails the workspace is reloaded.
    ///
    /// # Errors
    /// [`StoreError::Core`] for a command the core refuses (nothing stored,
    /// nothing changed), [`StoreError::Conflict`] when every retry lost the
    /// race, [`StoreError::Backend`] when the store failed (nothing was
    /// acknowledged; memory equals the store).
    pub fn execute(&mut self, ws: &mut Workspace, meta: Meta, command: Command) -> Result<Outcome> {
        self.ensure_fresh(ws)?;
        let mut caught_up_after_refusal = false;
        let mut last_conflict = None;
        for attempt in 0..=self.options.max_retries {
            let prepared = match ws.prepare(meta, command.clone()) {
                Ok(p) => p,
                Err(refused) => {
                    if !caught_up_after_refusal && self.refresh(ws)? > 0 {
                        caught_up_after_refusal = true;
                        continue;
                    }
                    return Err(refused.into());
                }
            };
            let base = prepared.base_seq();
            if prepared.events().is_empty() {
                return Ok(ws.commit(prepared)?.outcome);
            }
            if prepared.rewrites_log() {
                let committed = ws.commit(prepared)?;
                match self.store_since(ws, base) {
                    Ok(()) => return Ok(committed.outcome),
                    Err(e @ StoreError::Conflict { .. }) => {
                        last_conflict = Some(e);
                        backoff(attempt);
                        backoff(attempt);
                        self.reload(ws)?;
                        continue;
                    }
                    Err(e) => {
                        self.recover(ws);
                        return Err(e);
                    }
                }
            }
            match self.store.append(&self.name, base, prepared.events(), &[]) {
                Ok(_) => {}
                Err(e @ StoreError::Conflict { .. }) => {
                    last_conflict = Some(e);
                    backoff(attempt);
                    self.refresh(ws)?;
                    continue;
                }
                Err(e) => return Err(e),
            }
            let committed = match ws.commit(prepared) {
                Ok(c) => c,
                Err(e) => {
                    // Cannot happen (nothing moved between prepare and
                    // commit); keep memory == store all the same.
                    self.recover(ws);
                    return Err(e.into());
                }
            };
            // The core says which events only rewrite the log (an erasure);
            // store any rewrite it reports, even from a command that was not
            // expected to make one.
            let rewritten = ws.take_rewritten();
            if !rewritten.is_empty() {
                let rewrites = Self::copies(ws, &rewritten, base);
                if let Err(e) = self
                    .store
                    .append(&self.name, ws.seq(), &[], &rewrites)
                    .map(|_| self.snapshot_seq = 0)
                {
                    self.recover(ws);
                    return Err(e);
                }
            }
            self.after_append(ws);
            return Ok(committed.outcome);
        }
        Err(last_conflict.unwrap_or_else(|| StoreError::Conflict {
            workspace: self.name.clone(),
            expected: ws.seq(),
            actual: ws.seq(),
        }))
    }

    /// Runs `f`, any mutation of the workspace (a bulk registration, `tick`,
    /// the typed helpers, several commands), then appends every event it
    /// added and every earlier event it rewrote in one transaction. Catches
    /// up first. When another writer was first, the workspace is reloaded
    /// from the store and `f` runs again (hence `FnMut`), up to
    /// [`Options::max_retries`] times.
    ///
    /// What `f` changed is stored even when `f` returns an error (a closure
    /// that ran two commands and failed on the second keeps the first), so
    /// memory stays equal to the store; the error is returned after.
    ///
    /// # Errors
    /// `f`'s error as [`StoreError::Core`]; [`StoreError::Conflict`] when every
    /// retry lost the race; [`StoreError::Backend`] when the store failed:
    /// the workspace is then reloaded from the store, without `f`'s changes.
    pub fn write<T>(
        &mut self,
        ws: &mut Workspace,
        mut f: impl FnMut(&mut Workspace) -> clientcare::Result<T>,
    ) -> Result<T> {
        self.refresh(ws)?;
        ws.take_rewritten();
        let mut last_conflict = None;
        for attempt in 0..=self.options.max_retries {
            let before = ws.seq();
            let result = f(ws);
            match self.store_since(ws, before) {
                Ok(()) => return result.map_err(StoreError::from),
                Err(e @ StoreError::Conflict { .. }) => {
                    last_conflict = Some(e);
                    backoff(attempt);
                    self.reload(ws)?;
                }
                Err(e) => {
                    self.recover(ws);
                    return Err(e);
                }
            }
        }
        Err(last_conflict.unwrap_or_else(|| StoreError::Conflict {
            workspace: self.name.clone(),
            expected: ws.seq(),
            actual: ws.seq(),
        }))
    }

    /// Stores what `ws` holds beyond the store: the events a single writer
    /// added directly on the workspace (a batch job that runs its commands
    /// on the [`Workspace`] and saves once per step) and the earlier events
    /// they rewrote, in one transaction. Returns the stored head.
    ///
    /// Unlike [`write`](Self::write) there is nothing to retry with: when
    /// another writer appended meanwhile this is a [`StoreError::Conflict`]
    /// and the workspace is reloaded from the store (the unsaved changes are
    /// dropped). Use it only where this journal is the workspace's one writer.
    ///
    /// # Errors
    /// [`StoreError::Conflict`] as said; [`StoreError::Invalid`] when the
    /// workspace is behind the store; [`StoreError::Backend`] when the store
    /// failed (the workspace is reloaded).
    pub fn save(&mut self, ws: &mut Workspace) -> Result<u64> {
        self.ensure_fresh(ws)?;
        let head = self.store.head(&self.name)?;
        if head > ws.seq() {
            return Err(StoreError::Invalid(format!(
                "workspace {:?} is at seq {} but the store is at {head}: refresh it first",
                self.name,
                ws.seq()
            )));
        }
        // The store must end with this workspace's own event at `head`, or
        // another writer's events sit there and ours would not follow them.
        if head > 0 {
            let last = self.store.read(&self.name, head - 1, Some(1))?;
            let ours = usize::try_from(head - 1)
                .ok()
                .and_then(|i| ws.events().get(i));
            if last.first().map(|e| e.id) != ours.map(|e| e.id) {
                let actual = head;
                self.recover(ws);
                return Err(StoreError::Conflict {
                    workspace: self.name.clone(),
                    expected: actual,
                    actual,
                });
            }
        }
        match self.store_since(ws, head) {
            Ok(()) => Ok(ws.seq()),
            Err(e) => {
                self.recover(ws);
                Err(e)
            }
        }
    }

    /// Appends the events after `before` and the copies of earlier events
    /// the core rewrote since the last call, in one transaction (nothing when
    /// there is neither).
    fn store_since(&mut self, ws: &mut Workspace, before: u64) -> Result<()> {
        let rewritten = ws.take_rewritten();
        let events = ws.events_since(before);
        if events.is_empty() && rewritten.is_empty() {
            return Ok(());
        }
        let rewrites = Self::copies(ws, &rewritten, before);
        self.store.append(&self.name, before, events, &rewrites)?;
        if !rewrites.is_empty() {
            // The store dropped the snapshots that held what was erased.
            self.snapshot_seq = 0;
        }
        self.after_append(ws);
        Ok(())
    }

    /// The current copies of the rewritten events up to `upto` (the ones
    /// after it are new and stored whole).
    fn copies(ws: &Workspace, seqs: &[u64], upto: u64) -> Vec<Event> {
        seqs.iter()
            .filter(|&&s| s >= 1 && s <= upto)
            .filter_map(|&s| usize::try_from(s - 1).ok())
            .filter_map(|i| ws.events().get(i).cloned())
            .collect()
    }

    /// Takes an automatic snapshot when one is due. A failure does not undo
    /// the write that was just acknowledged: it is kept in
    /// [`last_snapshot_error`](Self::last_snapshot_error).
    fn after_append(&mut self, ws: &Workspace) {
        if let Some(every) = self.options.snapshot_every {
            if every > 0 && ws.seq() >= self.snapshot_seq.saturating_add(every) {
                self.snapshot_failed = self.snapshot(ws).err();
            }
        }
    }

    /// Stores a snapshot of `ws` at its current seq (older snapshots of the
    /// workspace may be dropped by the store). Returns the seq.
    ///
    /// # Errors
    /// [`StoreError::Backend`]; [`StoreError::Invalid`] when the store refuses
    /// it (an erasure rewrote the log after `ws` was read: refresh first).
    pub fn snapshot(&mut self, ws: &Workspace) -> Result<u64> {
        let seq = ws.seq();
        if seq == 0 {
            return Ok(0);
        }
        let bytes = snap::take(ws);
        self.store
            .save_snapshot(&self.name, &Snapshot { seq, bytes })?;
        self.snapshot_seq = seq;
        Ok(seq)
    }

    /// The workspace's name in the store.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The options.
    #[must_use]
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// Changes the options (for example the snapshot interval).
    pub fn set_options(&mut self, options: Options) {
        self.options = options;
    }

    /// The store.
    pub fn store(&mut self) -> &mut S {
        &mut self.store
    }

    /// Gives the store back.
    pub fn into_store(self) -> S {
        self.store
    }

    /// Whether the last open or reload started from a snapshot (`false`: a
    /// full replay, because there was none or the core refused it).
    #[must_use]
    pub fn opened_from_snapshot(&self) -> bool {
        self.opened_from_snapshot
    }

    /// Why the core refused the stored snapshot at the last open or reload
    /// (the workspace was then replayed from the events), if it did.
    #[must_use]
    pub fn snapshot_refused(&self) -> Option<&clientcare::Error> {
        self.snapshot_refused.as_ref()
    }

    /// Why the last automatic snapshot failed, if it did (the write it
    /// followed was stored all the same).
    #[must_use]
    pub fn last_snapshot_error(&self) -> Option<&StoreError> {
        self.snapshot_failed.as_ref()
    }
}

/// A [`Workspace`] kept in an [`EventStore`]: every successful command is
/// appended to the store before it is acknowledged, and opening it again
/// gives the same workspace.
///
/// ```
/// use clientcare::{Meta, RegisterCustomer, SeededIds};
/// use clientcare_store::{MemoryStore, Stored};
///
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let store = MemoryStore::new();
/// let at = "2026-11-02T09:00:00Z".parse()?;
/// let mut ws = Stored::open(store.clone(), "hcmc-shop", Box::new(SeededIds::new(1)))?;
/// ws.write(|w| w.configure(Meta::system(at), Some("VN")))?;
/// let duc = ws.write(|w| {
///     w.register_customer(
///         Meta::system(at),
///         RegisterCustomer { full_name: "Nguyễn Văn Đức".into(), ..Default::default() },
///     )
/// })?;
///
/// // Another handle on the same store sees the same workspace.
/// let again = Stored::open(store, "hcmc-shop", Box::new(SeededIds::new(2)))?;
/// assert_eq!(again.workspace().customer(duc)?.names.full, "Nguyễn Văn Đức");
/// assert_eq!(again.workspace(), ws.workspace());
/// # Ok(())
/// # }
/// ```
#[derive(Debug)]
pub struct Stored<S> {
    journal: Journal<S>,
    ws: Workspace,
}

impl<S: EventStore> Stored<S> {
    /// Opens workspace `name` of `store` with the default [`Options`]; see
    /// [`Journal::open`].
    ///
    /// # Errors
    /// As [`Journal::open`].
    pub fn open(store: S, name: &str, ids: Box<dyn IdSource>) -> Result<Self> {
        Self::open_with_options(store, name, ids, Options::default())
    }

    /// Opens workspace `name` of `store` with `options`.
    ///
    /// # Errors
    /// As [`Journal::open`].
    pub fn open_with_options(
        store: S,
        name: &str,
        ids: Box<dyn IdSource>,
        options: Options,
    ) -> Result<Self> {
        let (journal, ws) = Journal::open(store, name, ids, options)?;
        Ok(Self { journal, ws })
    }

    /// Runs a command and stores its events; see [`Journal::execute`].
    ///
    /// # Errors
    /// As [`Journal::execute`].
    pub fn execute(&mut self, meta: Meta, command: Command) -> Result<Outcome> {
        self.journal.execute(&mut self.ws, meta, command)
    }

    /// Runs any mutation and stores what it changed; see [`Journal::write`].
    ///
    /// # Errors
    /// As [`Journal::write`].
    pub fn write<T>(
        &mut self,
        f: impl FnMut(&mut Workspace) -> clientcare::Result<T>,
    ) -> Result<T> {
        self.journal.write(&mut self.ws, f)
    }

    /// Catches up with other writers; see [`Journal::refresh`].
    ///
    /// # Errors
    /// As [`Journal::refresh`].
    pub fn refresh(&mut self) -> Result<usize> {
        self.journal.refresh(&mut self.ws)
    }

    /// Reads the workspace again from the store; see [`Journal::reload`].
    ///
    /// # Errors
    /// As [`Journal::reload`].
    pub fn reload(&mut self) -> Result<()> {
        self.journal.reload(&mut self.ws)
    }

    /// Stores a snapshot now; see [`Journal::snapshot`].
    ///
    /// # Errors
    /// As [`Journal::snapshot`].
    pub fn snapshot(&mut self) -> Result<u64> {
        self.journal.snapshot(&self.ws)
    }

    /// The workspace, for queries. Changes go through
    /// [`execute`](Self::execute) and [`write`](Self::write).
    #[must_use]
    pub fn workspace(&self) -> &Workspace {
        &self.ws
    }

    /// The store side (name, options, what the last open found, the store).
    #[must_use]
    pub fn journal(&self) -> &Journal<S> {
        &self.journal
    }

    /// The store side, mutably (to change the options or reach the store).
    pub fn journal_mut(&mut self) -> &mut Journal<S> {
        &mut self.journal
    }

    /// Whether the last open or reload started from a snapshot.
    #[must_use]
    pub fn opened_from_snapshot(&self) -> bool {
        self.journal.opened_from_snapshot()
    }

    /// The journal and the workspace, apart.
    pub fn into_parts(self) -> (Journal<S>, Workspace) {
        (self.journal, self.ws)
    }
}

/// The checks every store makes before an append, shared by the backends: a
/// usable workspace name, events numbered from `expected + 1`, and rewrites
/// of events at or before `expected`.
///
/// # Errors
/// [`StoreError::Invalid`] naming what is wrong.
pub(crate) fn check_append(
    workspace: &str,
    expected: u64,
    events: &[Event],
    rewrites: &[Event],
) -> Result<()> {
    check_name(workspace)?;
    for (i, ev) in events.iter().enumerate() {
        let want = expected + i as u64 + 1;
        if ev.seq != want {
            return Err(StoreError::Invalid(format!(
                "event {} of the batch for workspace {workspace:?} has seq {}, expected {want}: \
                 a batch continues the log from the expected seq without gaps",
                i + 1,
                ev.seq
            )));
        }
    }
    for ev in rewrites {
        if ev.seq == 0 || ev.seq > expected {
            return Err(StoreError::Invalid(format!(
                "a rewrite of seq {} in workspace {workspace:?}: only events up to the expected \
                 seq {expected} can be rewritten",
                ev.seq
            )));
        }
    }
    Ok(())
}

/// A workspace name: 1 to 200 characters, no control characters.
///
/// # Errors
/// [`StoreError::Invalid`].
pub(crate) fn check_name(workspace: &str) -> Result<()> {
    let n = workspace.chars().count();
    if n == 0 || n > 200 || workspace.chars().any(char::is_control) {
        return Err(StoreError::Invalid(format!(
            "workspace name {workspace:?}: use 1 to 200 characters without control characters"
        )));
    }
    Ok(())
}

/// Reads back one stored event: its JSON must parse and carry the seq it is
/// stored under. `source` names where it was read (a file, "PostgreSQL").
pub(crate) fn parse_stored(source: &str, workspace: &str, seq: u64, body: &str) -> Result<Event> {
    let ev: Event = serde_json::from_str(body).map_err(|e| {
        StoreError::Corrupt(format!(
            "{source}: workspace {workspace:?}, seq {seq}: the stored event does not parse: {e}"
        ))
    })?;
    if ev.seq != seq {
        return Err(StoreError::Corrupt(format!(
            "{source}: workspace {workspace:?}: the event stored at seq {seq} says seq {}",
            ev.seq
        )));
    }
    Ok(ev)
}

/// A short random pause before retrying after a lost race, growing with the
/// attempts (up to about 16 ms): without it the writer that just won usually
/// wins again, and a busy writer can starve the others.
fn backoff(attempt: u32) {
    let cap_us = 250u64 << attempt.min(6);
    let pause = getrandom::u64().map_or(cap_us / 2, |r| r % cap_us);
    std::thread::sleep(std::time::Duration::from_micros(pause));
}

/// An id source seeded from the operating system's randomness, for hosts
/// that want unpredictable ids (several writers of one workspace must not
/// share a seed: their event ids would collide).
#[must_use]
pub fn random_ids() -> Box<dyn IdSource> {
    let seed = getrandom::u64().unwrap_or_else(|_| {
        // No OS randomness: std's per-process random hash keys, the time and
        // the process id still differ between writers.
        use std::hash::{BuildHasher, Hasher};
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u32(std::process::id());
        if let Ok(d) = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
            h.write_u128(d.as_nanos());
        }
        h.finish()
    });
    Box::new(clientcare::SeededIds::new(seed))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::MemoryStore;
    use clientcare::{CustomerId, EntityRef, SeededIds};
    use serde_json::json;

    fn at(minutes: i64) -> Meta {
        let t0: chrono::DateTime<chrono::Utc> = "2026-11-02T02:00:00Z".parse().unwrap();
        Meta::system(t0 + chrono::Duration::minutes(minutes))
    }

    fn cmd(v: serde_json::Value) -> Command {
        Command::from_json(&v).unwrap()
    }

    fn register(name: &str, email: &str) -> Command {
        cmd(json!({"type": "register_customer", "full_name": name, "emails": [email]}))
    }

    fn customer(outcome: &Outcome) -> CustomerId {
        match outcome.created {
            Some(EntityRef::Customer(id)) => id,
            other => panic!("expected a customer, got {other:?}"),
        }
    }

    #[test]
    fn save_stores_what_a_single_writer_did_directly() {
        let store = MemoryStore::new();
        let (mut journal, mut ws) = Journal::open(
            store.clone(),
            "shop",
            Box::new(SeededIds::new(1)),
            Options::default(),
        )
        .unwrap();
        ws.execute(at(1), register("An", "an@example.vn")).unwrap();
        ws.execute(at(2), register("Bình", "binh@example.vn"))
            .unwrap();
        assert_eq!(journal.save(&mut ws).unwrap(), 2);
        assert_eq!(
            journal.save(&mut ws).unwrap(),
            2,
            "nothing new: nothing stored"
        );
        let erase = ws.customers().next().unwrap().id;
        ws.execute(
            at(3),
            cmd(json!({"type": "erase_customer", "customer": erase.to_string()})),
        )
        .unwrap();
        assert_eq!(journal.save(&mut ws).unwrap(), 3);
        let copy = open(&store, 9);
        assert_eq!(copy.workspace(), &ws);
        assert!(
            !format!("{:?}", store.clone().read("shop", 0, None).unwrap())
                .contains("an@example.vn")
        );

        // Another writer got in between: the unsaved change is refused and dropped.
        let mut other = open(&store, 7);
        other
            .execute(at(4), register("Chi", "chi@example.vn"))
            .unwrap();
        ws.execute(at(5), register("Dũng", "dung@example.vn"))
            .unwrap();
        let err = journal.save(&mut ws).unwrap_err();
        assert_eq!(err.code(), "conflict");
        assert_eq!(&ws, other.workspace());
    }

    fn open(store: &MemoryStore, seed: u64) -> Stored<MemoryStore> {
        Stored::open(store.clone(), "shop", Box::new(SeededIds::new(seed))).unwrap()
    }

    fn opened(store: &MemoryStore, seed: u64, every: Option<u64>) -> Stored<MemoryStore> {
        let options = Options {
            snapshot_every: every,
            ..Options::default()
        };
        Stored::open_with_options(
            store.clone(),
            "shop",
            Box::new(SeededIds::new(seed)),
            options,
        )
        .unwrap()
    }

    fn complaint(c: CustomerId) -> Command {
        cmd(
            json!({"type": "open_complaint", "customer": c.to_string(), "channel": "phone",
                   "subject": "Máy lạnh không chạy"}),
        )
    }

    #[test]
    fn commands_are_stored_and_reopen_equal() {
        let store = MemoryStore::new();
        let mut a = open(&store, 1);
        a.execute(
            at(0),
            cmd(json!({"type": "configure_workspace", "default_region": "VN"})),
        )
        .unwrap();
        let duc = customer(
            &a.execute(at(1), register("Nguyễn Văn Đức", "duc@example.vn"))
                .unwrap(),
        );
        a.execute(at(2), complaint(duc)).unwrap();
        assert_eq!(store.clone().head("shop").unwrap(), a.workspace().seq());
        let b = open(&store, 2);
        assert_eq!(b.workspace(), a.workspace());
        assert!(!b.opened_from_snapshot());
        // A refused command stores nothing.
        let before = store.append_count();
        let err = a
            .execute(at(3), register("Đức 2", "duc@example.vn"))
            .unwrap_err();
        assert_eq!(err.code(), "conflict");
        assert_eq!(store.append_count(), before);
        assert_eq!(open(&store, 3).workspace(), a.workspace());
    }

    #[test]
    fn a_stale_writer_catches_up_and_retries() {
        let store = MemoryStore::new();
        let mut a = open(&store, 1);
        let mut b = open(&store, 2);
        let duc = customer(
            &a.execute(at(1), register("Nguyễn Văn Đức", "duc@example.vn"))
                .unwrap(),
        );
        // b has not seen Đức: its first decision is refused (not found) or its
        // append conflicts; either way it catches up and succeeds.
        b.execute(at(2), complaint(duc)).unwrap();
        b.execute(at(3), register("Trần Thị Lan", "lan@example.vn"))
            .unwrap();
        a.execute(at(4), register("Lê Văn Nam", "nam@example.vn"))
            .unwrap();
        assert_eq!(a.workspace().seq(), 4);
        b.refresh().unwrap();
        assert_eq!(a.workspace(), b.workspace());
        assert_eq!(open(&store, 9).workspace(), a.workspace());
        // The same email from both sides: the loser sees the winner's customer.
        a.execute(at(5), register("Hoa", "hoa@example.vn")).unwrap();
        let err = b
            .execute(at(6), register("Hoa B", "hoa@example.vn"))
            .unwrap_err();
        assert_eq!(err.code(), "conflict");
        assert!(matches!(err, StoreError::Core(_)), "{err:?}");
    }

    #[test]
    fn write_retries_when_another_writer_was_first() {
        let store = MemoryStore::new();
        let mut a = open(&store, 1);
        let mut b = open(&store, 2);
        let mut runs = 0;
        let id = a
            .write(|ws| {
                runs += 1;
                if runs == 1 {
                    // Another writer appends between a's catch-up and its append.
                    b.execute(at(1), register("Lan", "lan@example.vn")).unwrap();
                }
                ws.register_customer(
                    at(2),
                    clientcare::RegisterCustomer {
                        full_name: "Đức".into(),
                        ..Default::default()
                    },
                )
            })
            .unwrap();
        assert_eq!(runs, 2);
        assert_eq!(a.workspace().seq(), 2);
        assert!(a.workspace().customer(id).is_ok());
        assert_eq!(open(&store, 3).workspace(), a.workspace());
    }

    #[test]
    fn a_failed_write_leaves_memory_equal_to_the_store() {
        let store = MemoryStore::new();
        let mut a = open(&store, 1);
        a.execute(at(1), register("Lan", "lan@example.vn")).unwrap();
        let stored = a.workspace().clone();
        store.fail_next_appends(1);
        let err = a
            .write(|ws| {
                ws.register_customer(
                    at(2),
                    clientcare::RegisterCustomer {
                        full_name: "Đức".into(),
                        ..Default::default()
                    },
                )
            })
            .unwrap_err();
        assert_eq!(err.code(), "storage");
        assert_eq!(a.workspace(), &stored);
        store.fail_next_appends(1);
        assert_eq!(
            a.execute(at(3), register("Nam", "nam@example.vn"))
                .unwrap_err()
                .code(),
            "storage"
        );
        assert_eq!(a.workspace(), &stored);
        // And it works again afterwards.
        a.execute(at(4), register("Nam", "nam@example.vn")).unwrap();
        assert_eq!(open(&store, 2).workspace(), a.workspace());
    }

    #[test]
    fn an_erasure_rewrites_stored_events_and_drops_snapshots() {
        let store = MemoryStore::new();
        let mut a = opened(&store, 1, Some(2));
        let duc = customer(
            &a.execute(at(1), register("Nguyễn Văn Đức", "duc@example.vn"))
                .unwrap(),
        );
        a.execute(at(2), complaint(duc)).unwrap();
        a.execute(at(3), register("Lan", "lan@example.vn")).unwrap();
        assert!(store.clone().latest_snapshot("shop").unwrap().is_some());
        let stale = a.workspace().snapshot();

        // A failing store: the erasure is undone in memory.
        let before = a.workspace().clone();
        store.fail_next_appends(1);
        let erase = cmd(json!({"type": "erase_customer", "customer": duc.to_string()}));
        assert_eq!(
            a.execute(at(4), erase.clone()).unwrap_err().code(),
            "storage"
        );
        assert_eq!(a.workspace(), &before);

        a.execute(at(5), erase).unwrap();
        let mut s = store.clone();
        let log = serde_json::to_string(&s.read("shop", 0, None).unwrap()).unwrap();
        assert!(!log.contains("duc@example.vn"), "{log}");
        assert!(!log.contains("Đức"));
        // The auto snapshot right after the erasure is taken afresh; the
        // stale one is refused.
        let snap = s.latest_snapshot("shop").unwrap();
        assert!(snap.is_none_or(|sn| sn.seq == a.workspace().seq()));
        let err = s
            .save_snapshot(
                "shop",
                &Snapshot {
                    seq: 3,
                    bytes: stale,
                },
            )
            .unwrap_err();
        assert_eq!(err.code(), "invalid_input");
        let b = open(&store, 2);
        assert_eq!(b.workspace(), a.workspace());
    }

    #[test]
    fn open_from_a_snapshot_equals_replay_and_a_bad_one_falls_back() {
        let store = MemoryStore::new();
        let mut a = opened(&store, 1, Some(3));
        for i in 0..10 {
            a.execute(
                at(i),
                register(&format!("Khách {i}"), &format!("k{i}@example.vn")),
            )
            .unwrap();
        }
        assert_eq!(
            a.journal().last_snapshot_error().map(ToString::to_string),
            None
        );
        let snap = store.clone().latest_snapshot("shop").unwrap().unwrap();
        assert_eq!(snap.seq, 9);
        let b = open(&store, 2);
        assert!(b.opened_from_snapshot());
        assert_eq!(b.workspace(), a.workspace());

        // A damaged snapshot: replayed instead, and said so.
        let mut bytes = snap.bytes.clone();
        let mid = bytes.len() / 2;
        bytes[mid] ^= 0xff;
        store
            .clone()
            .save_snapshot("shop", &Snapshot { seq: 9, bytes })
            .unwrap();
        let c = open(&store, 3);
        assert!(!c.opened_from_snapshot());
        assert_eq!(
            c.journal().snapshot_refused().unwrap().code(),
            "corrupt_snapshot"
        );
        assert_eq!(c.workspace(), a.workspace());
    }

    #[test]
    fn bulk_writes_store_every_event_in_one_append() {
        let store = MemoryStore::new();
        let mut a = open(&store, 1);
        let rows: Vec<_> = (0..50)
            .map(|i| clientcare::RegisterCustomer {
                full_name: format!("Khách {i}"),
                emails: vec![if i == 7 {
                    "bad".into()
                } else {
                    format!("k{i}@example.vn")
                }],
                ..Default::default()
            })
            .collect();
        let out = a
            .write(|ws| Ok(ws.register_customers(at(1), rows.clone())))
            .unwrap();
        assert_eq!(out.applied(), 49);
        assert_eq!(store.append_count(), 1);
        assert_eq!(open(&store, 2).workspace(), a.workspace());
    }

    #[test]
    fn names_and_batches_are_checked() {
        let mut store = MemoryStore::new();
        assert_eq!(
            store.append("", 0, &[], &[]).unwrap_err().code(),
            "invalid_input"
        );
        let mut ws = Workspace::with_seed(1);
        ws.configure(at(0), Some("VN")).unwrap();
        ws.configure(at(1), Some("US")).unwrap();
        let evs = ws.events().to_vec();
        assert_eq!(
            store.append("x", 0, &evs[1..], &[]).unwrap_err().code(),
            "invalid_input"
        );
        assert_eq!(store.append("x", 0, &evs, &[]).unwrap(), 2);
        let err = store.append("x", 1, &evs, &[]).unwrap_err();
        assert!(
            matches!(
                err,
                StoreError::Conflict {
                    expected: 1,
                    actual: 2,
                    ..
                }
            ),
            "{err}"
        );
        assert_eq!(store.read("x", 1, Some(5)).unwrap(), evs[1..].to_vec());
        assert_eq!(store.workspaces().unwrap(), vec!["x".to_owned()]);
    }
}
