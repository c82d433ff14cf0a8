//! [`SqliteStore`]: the embedded default store, one SQLite file (bundled
//! SQLite, no server, no system library).
//!
//! See [`SqliteStore`] for the file's layout, durability and concurrency.

use crate::stored::{check_append, check_name, random_ids};
use crate::{EventStore, Options, Result, Snapshot, StoreError, Stored};
use clientcare::{Event, IdSource};
use rusqlite::{params, Connection, OptionalExtension, Transaction, TransactionBehavior};
use std::collections::HashMap;
use std::path::Path;
use std::sync::{mpsc, Mutex, PoisonError};
use std::time::Duration;

/// The schema version this build writes and reads.
pub(crate) const SCHEMA_VERSION: u32 = 1;

/// When a commit counts as durable; see [`SqliteStore`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Durability {
    /// `synchronous=FULL`: every commit is synced (survives a power loss).
    #[default]
    Full,
    /// `synchronous=NORMAL`: synced at checkpoints (survives a killed
    /// process, not a power loss). For bulk loads that can be redone.
    Normal,
}

/// How a [`SqliteStore`] opens its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SqliteOptions {
    /// When a commit is durable.
    pub durability: Durability,
    /// How long a writer waits for another process's write lock before the
    /// call fails with `storage`.
    pub busy_timeout: Duration,
}

impl Default for SqliteOptions {
    /// [`Durability::Full`], a 30 s busy timeout.
    fn default() -> Self {
        Self {
            durability: Durability::Full,
            busy_timeout: Duration::from_secs(30),
        }
    }
}

/// An [`EventStore`] in one SQLite file; many workspaces (tenants) per file.
/// Several processes may open the same file: appends serialise on SQLite's
/// write lock and the expected-seq check.
///
/// # Layout (schema version 1)
///
/// ```sql
/// meta(key TEXT PRIMARY KEY, value TEXT)            -- 'schema_version' = '1'
/// workspaces(id INTEGER PRIMARY KEY, name TEXT UNIQUE, rewritten_at INTEGER)
/// events(workspace INTEGER, seq INTEGER, id TEXT, type TEXT, at TEXT, body TEXT,
///        PRIMARY KEY (workspace, seq))
/// snapshots(workspace INTEGER, seq INTEGER, taken_at TEXT, bytes BLOB,
///           PRIMARY KEY (workspace, seq))
/// ```
///
/// `events.body` is the event's JSON (docs/event-log.md) and the source of
/// truth; `id`, `type` and `at` are copies for people and SQL queries.
/// `workspaces.rewritten_at` is the head right after the last erasure: a
/// snapshot taken before it is refused (it would hold what was erased).
/// A file whose schema version is newer than this build knows is refused.
///
/// `secure_delete` is on (SQLite zeroes deleted content) and an append that
/// rewrites events (an erasure) is followed by a WAL checkpoint that empties
/// the WAL, so the erased data does not stay in free pages or old WAL frames.
///
/// # Durability and concurrency
///
/// The file is in WAL mode with `synchronous=FULL` by default: a commit
/// returns once the WAL is synced to disk, so an acknowledged command
/// survives a killed process *and* a power loss or OS crash.
/// [`Durability::Normal`] syncs only at checkpoints: still safe against a
/// killed process (the WAL is in the OS's page cache), but the last
/// transactions can be lost with the machine; it is for bulk loads that can be
/// redone. Appends run in `BEGIN IMMEDIATE` transactions (the head check, the
/// inserts, the rewrites and the snapshot drop happen under the write lock),
/// and a `busy_timeout` makes writers of other processes wait for it instead
/// of failing at once.
///
/// Measured (benches/benches/store.rs, a 2-CPU VM): `FULL` costs one sync
/// per commit, 3 to 5 ms there (about 250 to 330 one-command transactions per
/// second, for one writer or four); `NORMAL` 0.05 to 0.08 ms. Batches amortise
/// it: 100,000 customers in transactions of 1,000 take about 2 s.
///
/// A long read parses the stored JSON on several threads (the events come
/// back in order); a short one (a catch-up) stays on the caller's thread.
///
/// # Example
///
/// ```
/// use clientcare_store::{EventStore, SqliteStore};
/// let mut store = SqliteStore::open_in_memory()?;
/// assert_eq!(store.head("default")?, 0);
/// assert!(store.workspaces()?.is_empty());
/// # Ok::<(), clientcare_store::StoreError>(())
/// ```
#[derive(Debug)]
pub struct SqliteStore {
    /// Behind a mutex only so that the store is `Sync`; every method has
    /// `&mut self` and reaches it with `get_mut`, without locking.
    conn: Mutex<Connection>,
    label: String,
    /// Workspace name -> row id, for the ones seen.
    ids: HashMap<String, i64>,
}

fn backend(label: &str, what: &str, e: rusqlite::Error) -> StoreError {
    StoreError::Backend(format!("{label}: {what}: {e}"))
}

fn to_i64(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

impl SqliteStore {
    /// Opens (or creates) the store in the file at `path`, with the default
    /// [`SqliteOptions`] (`synchronous=FULL`).
    ///
    /// # Errors
    /// [`StoreError::Backend`] when the file cannot be opened or created, is
    /// not a SQLite database, holds other tables than a clientcare store's,
    /// or was written by a newer schema version.
    pub fn open(path: impl AsRef<Path>) -> Result<Self> {
        Self::open_with(path, &SqliteOptions::default())
    }

    /// Opens (or creates) the store at `path` with `options`.
    ///
    /// # Errors
    /// As [`open`](Self::open).
    pub fn open_with(path: impl AsRef<Path>, options: &SqliteOptions) -> Result<Self> {
        let path = path.as_ref();
        let label = path.display().to_string();
        let conn = Connection::open(path)
            .map_err(|e| backend(&label, "cannot open the database file", e))?;
        Self::init(conn, label, options)
    }

    /// A store in memory (gone when dropped): tests, scratch work.
    ///
    /// # Errors
    /// [`StoreError::Backend`] when SQLite cannot start.
    pub fn open_in_memory() -> Result<Self> {
        let conn =
            Connection::open_in_memory().map_err(|e| backend(":memory:", "cannot open", e))?;
        Self::init(conn, ":memory:".into(), &SqliteOptions::default())
    }

    fn init(mut conn: Connection, label: String, options: &SqliteOptions) -> Result<Self> {
        let l = label.as_str();
        conn.busy_timeout(options.busy_timeout)
            .map_err(|e| backend(l, "busy_timeout", e))?;
        // WAL: readers do not block the writer and a commit is one append to
        // the WAL. The mode is stored in the file.
        conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0))
            .map_err(|e| backend(l, "cannot use the file as a SQLite database", e))?;
        let sync = match options.durability {
            Durability::Full => "FULL",
            Durability::Normal => "NORMAL",
        };
        conn.pragma_update(None, "synchronous", sync)
            .map_err(|e| backend(l, "synchronous", e))?;
        // Deleted and overwritten content is zeroed, so an erasure's old rows
        // and dropped snapshots do not linger in free pages.
        conn.pragma_update(None, "secure_delete", "ON")
            .map_err(|e| backend(l, "secure_delete", e))?;
        Self::migrate(&mut conn, l)?;
        Ok(Self {
            conn: Mutex::new(conn),
            label,
            ids: HashMap::new(),
        })
    }

    /// Creates the schema in a new file, checks the version of an existing one.
    fn migrate(conn: &mut Connection, l: &str) -> Result<()> {
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| backend(l, "cannot lock the database to check its schema", e))?;
        let has_meta: bool = tx
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'",
                [],
                |r| r.get::<_, i64>(0),
            )
            .map(|n| n > 0)
            .map_err(|e| backend(l, "cannot read the schema", e))?;
        if has_meta {
            let version: Option<String> = tx
                .query_row(
                    "SELECT value FROM meta WHERE key = 'schema_version'",
                    [],
                    |r| r.get(0),
                )
                .optional()
                .map_err(|e| backend(l, "cannot read the schema version", e))?;
            let version: u32 = version.and_then(|v| v.parse().ok()).ok_or_else(|| {
                StoreError::Backend(format!(
                    "{l}: has a `meta` table without a readable schema_version: not a \
                     clientcare store"
                ))
            })?;
            if version > SCHEMA_VERSION {
                return Err(StoreError::Backend(format!(
                    "{l}: written with store schema version {version}, this build reads up to \
                     version {SCHEMA_VERSION}: open it with a newer clientcare"
                )));
            }
            return Ok(());
        }
        let others: i64 = tx
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
                [],
                |r| r.get(0),
            )
            .map_err(|e| backend(l, "cannot read the schema", e))?;
        if others > 0 {
            return Err(StoreError::Backend(format!(
                "{l}: a SQLite database with other tables and no clientcare `meta` table: \
                 not a clientcare store; use a new file"
            )));
        }
        tx.execute_batch(&format!(
            "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
             INSERT INTO meta (key, value) VALUES ('schema_version', '{SCHEMA_VERSION}');
             CREATE TABLE workspaces (
                 id INTEGER PRIMARY KEY,
                 name TEXT NOT NULL UNIQUE,
                 rewritten_at INTEGER NOT NULL DEFAULT 0
             );
             CREATE TABLE events (
                 workspace INTEGER NOT NULL,
                 seq INTEGER NOT NULL,
                 id TEXT NOT NULL,
                 type TEXT NOT NULL,
                 at TEXT NOT NULL,
                 body TEXT NOT NULL,
                 PRIMARY KEY (workspace, seq)
             );
             CREATE TABLE snapshots (
                 workspace INTEGER NOT NULL,
                 seq INTEGER NOT NULL,
                 taken_at TEXT NOT NULL,
                 bytes BLOB NOT NULL,
                 PRIMARY KEY (workspace, seq)
             );"
        ))
        .map_err(|e| backend(l, "cannot create the schema", e))?;
        tx.commit()
            .map_err(|e| backend(l, "cannot create the schema", e))
    }

    fn conn(&mut self) -> &mut Connection {
        self.conn.get_mut().unwrap_or_else(PoisonError::into_inner)
    }

    /// The row id of a workspace, if it exists.
    fn find(tx: &Transaction<'_>, l: &str, name: &str) -> Result<Option<i64>> {
        tx.prepare_cached("SELECT id FROM workspaces WHERE name = ?1")
            .and_then(|mut s| s.query_row([name], |r| r.get(0)).optional())
            .map_err(|e| backend(l, "cannot read workspaces", e))
    }

    /// The row id of a workspace, created when missing (inside a write
    /// transaction).
    fn ensure(tx: &Transaction<'_>, l: &str, name: &str) -> Result<i64> {
        if let Some(id) = Self::find(tx, l, name)? {
            return Ok(id);
        }
        tx.execute("INSERT INTO workspaces (name) VALUES (?1)", [name])
            .map_err(|e| backend(l, "cannot create the workspace", e))?;
        Ok(tx.last_insert_rowid())
    }

    fn head_of(tx: &Transaction<'_>, l: &str, ws: i64) -> Result<u64> {
        tx.prepare_cached("SELECT coalesce(max(seq), 0) FROM events WHERE workspace = ?1")
            .and_then(|mut s| s.query_row([ws], |r| r.get::<_, i64>(0)))
            .map(|n| u64::try_from(n).unwrap_or(0))
            .map_err(|e| backend(l, "cannot read the head", e))
    }

    fn read_tx(
        tx: &Transaction<'_>,
        l: &str,
        name: &str,
        after: u64,
        limit: Option<usize>,
    ) -> Result<Vec<Event>> {
        let Some(ws) = Self::find(tx, l, name)? else {
            return Ok(Vec::new());
        };
        let limit = limit.map_or(-1, |n| i64::try_from(n).unwrap_or(i64::MAX));
        let mut stmt = tx
            .prepare_cached(
                "SELECT seq, body FROM events WHERE workspace = ?1 AND seq > ?2 \
                 ORDER BY seq LIMIT ?3",
            )
            .map_err(|e| backend(l, "cannot read events", e))?;
        let mut rows = stmt
            .query(params![ws, to_i64(after), limit])
            .map_err(|e| backend(l, "cannot read events", e))?;
        let workers = std::thread::available_parallelism()
            .map_or(1, std::num::NonZeroUsize::get)
            .min(8);
        let parser = Parser { label: l, name };
        // The first rows are parsed here (a catch-up reads a few); past
        // CHUNK rows, chunks go to parser threads while this one reads on.
        let (work_tx, work_rx) = mpsc::sync_channel::<(usize, Chunk)>(workers * 2);
        let work_rx = Mutex::new(work_rx);
        let (done_tx, done_rx) = mpsc::channel::<(usize, Result<Vec<Event>>)>();
        std::thread::scope(|scope| {
            let mut out = Vec::new();
            let mut chunk = Chunk::default();
            let mut sent = 0usize;
            let mut want = after + 1;
            while let Some(row) = rows
                .next()
                .map_err(|e| backend(l, "cannot read events", e))?
            {
                let seq = row
                    .get::<_, i64>(0)
                    .map_err(|e| backend(l, "cannot read events", e))?;
                if u64::try_from(seq).ok() != Some(want) {
                    return Err(StoreError::Corrupt(format!(
                        "{l}: workspace {name:?}: the log jumps from seq {} to seq {seq}",
                        want - 1
                    )));
                }
                let body = row
                    .get_ref(1)
                    .map_err(|e| backend(l, "cannot read events", e))?
                    .as_str()
                    .map_err(|e| {
                        StoreError::Corrupt(format!(
                            "{l}: workspace {name:?}, seq {seq}: the stored body is not text: {e}"
                        ))
                    })?;
                if workers < 2 || out.len() < CHUNK {
                    out.push(parser.parse(want, body)?);
                } else {
                    chunk.push(want, body);
                    if chunk.rows.len() == CHUNK {
                        if sent == 0 {
                            for _ in 0..workers {
                                let (rx, done) = (&work_rx, done_tx.clone());
                                scope.spawn(move || parser.work(rx, &done));
                            }
                        }
                        let full = std::mem::take(&mut chunk);
                        if work_tx.send((sent, full)).is_err() {
                            return Err(StoreError::Backend(format!(
                                "{l}: the event parser threads stopped"
                            )));
                        }
                        sent += 1;
                    }
                }
                want += 1;
            }
            drop(work_tx);
            drop(done_tx);
            let mut parsed: Vec<(usize, Result<Vec<Event>>)> = done_rx.iter().collect();
            if parsed.len() != sent {
                return Err(StoreError::Backend(format!(
                    "{l}: an event parser thread failed"
                )));
            }
            parsed.sort_unstable_by_key(|(i, _)| *i);
            out.reserve(sent * CHUNK + chunk.rows.len());
            for (_, events) in parsed {
                out.extend(events?);
            }
            out.extend(parser.parse_chunk(&chunk)?);
            Ok(out)
        })
    }

    fn latest_tx(tx: &Transaction<'_>, l: &str, name: &str) -> Result<Option<Snapshot>> {
        let Some(ws) = Self::find(tx, l, name)? else {
            return Ok(None);
        };
        tx.prepare_cached(
            "SELECT seq, bytes FROM snapshots WHERE workspace = ?1 ORDER BY seq DESC LIMIT 1",
        )
        .and_then(|mut s| {
            s.query_row([ws], |r| {
                Ok(Snapshot {
                    seq: u64::try_from(r.get::<_, i64>(0)?).unwrap_or(0),
                    bytes: r.get(1)?,
                })
            })
            .optional()
        })
        .map_err(|e| backend(l, "cannot read snapshots", e))
    }

    /// A read transaction (consistent view) around `f`.
    fn reading<T>(&mut self, f: impl FnOnce(&Transaction<'_>, &str) -> Result<T>) -> Result<T> {
        let label = self.label.clone();
        let tx = self
            .conn()
            .transaction()
            .map_err(|e| backend(&label, "cannot begin a read", e))?;
        let out = f(&tx, &label)?;
        tx.finish()
            .map_err(|e| backend(&label, "cannot end a read", e))?;
        Ok(out)
    }

    /// A write transaction (`BEGIN IMMEDIATE`: the write lock is taken first)
    /// around `f`, committed when `f` succeeds, rolled back otherwise.
    fn writing<T>(&mut self, f: impl FnOnce(&Transaction<'_>, &str) -> Result<T>) -> Result<T> {
        let label = self.label.clone();
        let tx = self
            .conn()
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| backend(&label, "cannot begin a write", e))?;
        let out = f(&tx, &label)?;
        tx.commit()
            .map_err(|e| backend(&label, "cannot commit", e))?;
        Ok(out)
    }
}

/// Rows per chunk of a parallel read.
const CHUNK: usize = 4096;

/// Stored bodies to parse: their text back to back, and per row its seq and
/// range (one allocation per chunk, not per row).
#[derive(Debug, Default)]
struct Chunk {
    text: String,
    rows: Vec<(u64, std::ops::Range<usize>)>,
}

impl Chunk {
    fn push(&mut self, seq: u64, body: &str) {
        let start = self.text.len();
        self.text.push_str(body);
        self.rows.push((seq, start..self.text.len()));
    }
}

/// Parses stored bodies into events, naming the file and workspace in errors.
#[derive(Debug, Clone, Copy)]
struct Parser<'a> {
    label: &'a str,
    name: &'a str,
}

impl Parser<'_> {
    fn parse(self, seq: u64, body: &str) -> Result<Event> {
        crate::stored::parse_stored(self.label, self.name, seq, body)
    }

    fn parse_chunk(self, chunk: &Chunk) -> Result<Vec<Event>> {
        chunk
            .rows
            .iter()
            .map(|(seq, range)| self.parse(*seq, chunk.text.get(range.clone()).unwrap_or("")))
            .collect()
    }

    /// A parser thread: chunks in, events out, until the reader hangs up.
    fn work(
        self,
        rx: &Mutex<mpsc::Receiver<(usize, Chunk)>>,
        done: &mpsc::Sender<(usize, Result<Vec<Event>>)>,
    ) {
        loop {
            let job = rx.lock().unwrap_or_else(PoisonError::into_inner).recv();
            let Ok((i, chunk)) = job else {
                return;
            };
            if done.send((i, self.parse_chunk(&chunk))).is_err() {
                return;
            }
        }
    }
}

fn row_fields(ev: &Event, l: &str) -> Result<(String, String, String, &'static str)> {
    let body = serde_json::to_string(ev)
        .map_err(|e| StoreError::Backend(format!("{l}: cannot write event {}: {e}", ev.seq)))?;
    let at = ev.at.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true);
    Ok((body, ev.id.to_string(), at, ev.payload.type_name()))
}

impl EventStore for SqliteStore {
    fn head(&mut self, workspace: &str) -> Result<u64> {
        self.reading(|tx, l| match Self::find(tx, l, workspace)? {
            Some(ws) => Self::head_of(tx, l, ws),
            None => Ok(0),
        })
    }

    fn append(
        &mut self,
        workspace: &str,
        expected: u64,
        events: &[Event],
        rewrites: &[Event],
    ) -> Result<u64> {
        check_append(workspace, expected, events, rewrites)?;
        let known = self.ids.get(workspace).copied();
        let ws_id = self.writing(|tx, l| {
            let ws = match known {
                Some(id) => id,
                None => Self::ensure(tx, l, workspace)?,
            };
            let head = Self::head_of(tx, l, ws)?;
            if head != expected {
                return Err(StoreError::Conflict {
                    workspace: workspace.to_owned(),
                    expected,
                    actual: head,
                });
            }
            let mut insert = tx
                .prepare_cached(
                    "INSERT INTO events (workspace, seq, id, type, at, body) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )
                .map_err(|e| backend(l, "cannot append", e))?;
            for ev in events {
                let (body, id, at, ty) = row_fields(ev, l)?;
                insert
                    .execute(params![ws, to_i64(ev.seq), id, ty, at, body])
                    .map_err(|e| backend(l, "cannot append", e))?;
            }
            if !rewrites.is_empty() {
                let mut update = tx
                    .prepare_cached(
                        "UPDATE events SET id = ?3, type = ?4, at = ?5, body = ?6 \
                         WHERE workspace = ?1 AND seq = ?2",
                    )
                    .map_err(|e| backend(l, "cannot rewrite", e))?;
                for ev in rewrites {
                    let (body, id, at, ty) = row_fields(ev, l)?;
                    let n = update
                        .execute(params![ws, to_i64(ev.seq), id, ty, at, body])
                        .map_err(|e| backend(l, "cannot rewrite", e))?;
                    if n == 0 {
                        return Err(StoreError::Invalid(format!(
                            "a rewrite of seq {} in workspace {workspace:?}: no such stored event",
                            ev.seq
                        )));
                    }
                }
                let new_head = expected + events.len() as u64;
                tx.execute("DELETE FROM snapshots WHERE workspace = ?1", [ws])
                    .map_err(|e| backend(l, "cannot drop snapshots", e))?;
                tx.execute(
                    "UPDATE workspaces SET rewritten_at = ?2 WHERE id = ?1",
                    params![ws, to_i64(new_head)],
                )
                .map_err(|e| backend(l, "cannot mark the rewrite", e))?;
            }
            Ok(ws)
        });
        // Cache the row id only once a transaction that saw it committed.
        if let Ok(ws) = ws_id {
            self.ids.insert(workspace.to_owned(), ws);
            if !rewrites.is_empty() {
                // The WAL still holds the pages as they were before the
                // erasure: copy it into the file and empty it. Best effort (a
                // long reader can hold it back; the next checkpoint will do).
                let _ = self
                    .conn()
                    .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
            }
        }
        ws_id.map(|_| expected + events.len() as u64)
    }

    fn read(&mut self, workspace: &str, after: u64, limit: Option<usize>) -> Result<Vec<Event>> {
        self.reading(|tx, l| Self::read_tx(tx, l, workspace, after, limit))
    }

    /// Stores the snapshot and drops the workspace's older ones (opening
    /// only uses the newest).
    fn save_snapshot(&mut self, workspace: &str, snapshot: &Snapshot) -> Result<()> {
        check_name(workspace)?;
        self.writing(|tx, l| {
            let ws = Self::ensure(tx, l, workspace)?;
            let head = Self::head_of(tx, l, ws)?;
            if snapshot.seq > head {
                return Err(StoreError::Invalid(format!(
                    "a snapshot at seq {} of workspace {workspace:?}, whose log ends at {head}",
                    snapshot.seq
                )));
            }
            let rewritten_at: i64 = tx
                .query_row(
                    "SELECT rewritten_at FROM workspaces WHERE id = ?1",
                    [ws],
                    |r| r.get(0),
                )
                .map_err(|e| backend(l, "cannot read the workspace", e))?;
            if to_i64(snapshot.seq) < rewritten_at {
                return Err(StoreError::Invalid(format!(
                    "a snapshot at seq {} of workspace {workspace:?}: an erasure rewrote the \
                     log at seq {rewritten_at} since; refresh and take a new one",
                    snapshot.seq
                )));
            }
            tx.execute(
                "INSERT OR REPLACE INTO snapshots (workspace, seq, taken_at, bytes) \
                 VALUES (?1, ?2, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ?3)",
                params![ws, to_i64(snapshot.seq), snapshot.bytes],
            )
            .map_err(|e| backend(l, "cannot store the snapshot", e))?;
            tx.execute(
                "DELETE FROM snapshots WHERE workspace = ?1 AND seq < ?2",
                params![ws, to_i64(snapshot.seq)],
            )
            .map_err(|e| backend(l, "cannot drop older snapshots", e))?;
            Ok(())
        })
    }

    fn latest_snapshot(&mut self, workspace: &str) -> Result<Option<Snapshot>> {
        self.reading(|tx, l| Self::latest_tx(tx, l, workspace))
    }

    fn workspaces(&mut self) -> Result<Vec<String>> {
        self.reading(|tx, l| {
            let mut stmt = tx
                .prepare_cached("SELECT name FROM workspaces ORDER BY name")
                .map_err(|e| backend(l, "cannot list workspaces", e))?;
            let names = stmt
                .query_map([], |r| r.get::<_, String>(0))
                .and_then(Iterator::collect::<rusqlite::Result<Vec<String>>>)
                .map_err(|e| backend(l, "cannot list workspaces", e))?;
            Ok(names)
        })
    }

    /// The newest snapshot and the whole log in one read transaction.
    fn load(&mut self, workspace: &str) -> Result<(Option<Snapshot>, Vec<Event>)> {
        self.reading(|tx, l| {
            let snapshot = Self::latest_tx(tx, l, workspace)?;
            let events = Self::read_tx(tx, l, workspace, 0, None)?;
            Ok((snapshot, events))
        })
    }
}

/// Opens workspace `"default"` of the SQLite file at `path` (created when
/// missing), with ids seeded from the OS ([`random_ids`]).
///
/// ```
/// use clientcare::Meta;
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let dir = std::env::temp_dir().join(format!("cc-doc-{}", std::process::id()));
/// # std::fs::create_dir_all(&dir)?;
/// let path = dir.join("care.db");
/// # let _ = std::fs::remove_file(&path);
/// let at = "2026-11-02T09:00:00Z".parse()?;
/// let mut ws = clientcare_store::open(&path)?;
/// ws.write(|w| w.configure(Meta::system(at), Some("VN")))?;
/// drop(ws);
/// let ws = clientcare_store::open(&path)?;
/// assert_eq!(ws.workspace().default_region(), Some("VN"));
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok(())
/// # }
/// ```
///
/// # Errors
/// As [`SqliteStore::open`] and [`Stored::open`].
pub fn open(path: impl AsRef<Path>) -> Result<Stored<SqliteStore>> {
    open_with(path, "default", random_ids())
}

/// Opens workspace `name` of the SQLite file at `path` with the id source
/// `ids` (a [`clientcare::SeededIds`] for reproducible ids; writers that share
/// a workspace need different seeds).
///
/// # Errors
/// As [`SqliteStore::open`] and [`Stored::open`].
pub fn open_with(
    path: impl AsRef<Path>,
    name: &str,
    ids: Box<dyn IdSource>,
) -> Result<Stored<SqliteStore>> {
    Stored::open_with_options(SqliteStore::open(path)?, name, ids, Options::default())
}
