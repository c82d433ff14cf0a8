//! The PostgreSQL store: one database shared by many service instances and
//! many workspaces (tenants).
//!
//! Tables live in the schema `clientcare` (created on first connect, versioned
//! in `clientcare.schema_version`):
//!
//! - `workspaces(name, head, rewritten_at, created_at, updated_at)`: one row
//!   per workspace. `head` is the last stored sequence number. Every append
//!   moves it with `UPDATE ... WHERE head = expected` in the transaction that
//!   inserts the events, so concurrent writers serialise on that row: of two
//!   writers with the same expected sequence exactly one wins, the other gets
//!   [`StoreError::Conflict`] and writes nothing. `rewritten_at` is the head
//!   after the last append that rewrote stored events (an erasure): a snapshot
//!   taken before it holds erased data and is refused.
//! - `events(workspace, seq, id, type, at, body)`, primary key
//!   `(workspace, seq)`: `body` is the event's JSON text, exactly as
//!   `serde_json` wrote it (the source of truth); `id`, `type` and `at` are
//!   copies for SQL queries.
//! - `snapshots(workspace, seq, bytes, taken_at)`, primary key `(workspace, seq)`.
//!
//! Each append also sends `NOTIFY clientcare_events` (see [`NOTIFY_CHANNEL`])
//! with the payload `"<head> <workspace>"`, delivered when it commits; a
//! [`PgListener`] waits for them, so a reader learns of new events without
//! polling.
//!
//! The client is the synchronous `postgres` crate, which runs a small runtime
//! of its own: inside an async runtime (tokio), call the store from a blocking
//! thread (`tokio::task::spawn_blocking`). Connections are made without TLS
//! (`NoTls`): a URL with `sslmode=require` is refused; reach a remote server
//! over a trusted network or a local TLS proxy.
//!
//! Costs (see `benches/benches/store_pg.rs`): an append of up to 512 events
//! without rewrites is one statement (one round trip, one commit), so one
//! command per transaction is bound by the server's commit flush; larger
//! batches use a transaction and binary `COPY`. A conflict costs the loser
//! one more query (the actual head). Reads stream; a large one parses the
//! JSON on a second thread while rows arrive.

use crate::stored::{check_append, check_name};
use crate::{EventStore, Result, Snapshot, StoreError};
use chrono::{DateTime, Utc};
use clientcare::Event;
use postgres::binary_copy::BinaryCopyInWriter;
use postgres::error::SqlState;
use postgres::fallible_iterator::FallibleIterator;
use postgres::types::{ToSql, Type};
use postgres::{Client, Config, GenericClient, NoTls, Row, Statement};
use std::collections::BTreeMap;
use std::fmt;
use std::time::{Duration, Instant};
use uuid::Uuid;

/// The schema version this build creates and reads.
pub const SCHEMA_VERSION: i32 = 1;

/// The channel every append notifies, with the payload `"<head> <workspace>"`.
pub const NOTIFY_CHANNEL: &str = "clientcare_events";

/// Batches up to this many events (without rewrites) are appended by one
/// statement, which is the whole transaction: one round trip. Larger ones use
/// a transaction and `COPY ... (FORMAT binary)`.
const COPY_THRESHOLD: usize = 512;

/// An arbitrary key for the advisory lock that serialises the creation of the
/// schema between instances that connect at the same time.
const MIGRATION_LOCK: i64 = 0x636c_6965_6e74;

const DDL_V1: &str = r#"
CREATE SCHEMA IF NOT EXISTS clientcare;
CREATE TABLE IF NOT EXISTS clientcare.schema_version (
    version integer NOT NULL
);
CREATE TABLE IF NOT EXISTS clientcare.workspaces (
    name text PRIMARY KEY,
    head bigint NOT NULL CHECK (head >= 0),
    rewritten_at bigint NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS clientcare.events (
    workspace text NOT NULL,
    seq bigint NOT NULL CHECK (seq > 0),
    id uuid NOT NULL,
    type text NOT NULL,
    at timestamptz NOT NULL,
    body text NOT NULL,
    PRIMARY KEY (workspace, seq)
);
CREATE TABLE IF NOT EXISTS clientcare.snapshots (
    workspace text NOT NULL REFERENCES clientcare.workspaces (name) ON DELETE CASCADE,
    seq bigint NOT NULL CHECK (seq >= 0),
    bytes bytea NOT NULL,
    taken_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (workspace, seq)
);
"#;

/// Events of workspaces kept in PostgreSQL. One `PgStore` is one connection
/// (opened again on the next call when it was lost); give each writer thread
/// its own.
///
/// ```no_run
/// use clientcare_store::{EventStore, PgStore};
/// # fn main() -> Result<(), clientcare_store::StoreError> {
/// let mut store = PgStore::connect("postgresql://postgres@127.0.0.1:54329/clientcare_test")?;
/// let head = store.head("acme")?;
/// let events = store.read("acme", 0, Some(100))?;
/// assert!(events.len() as u64 <= head);
/// # Ok(())
/// # }
/// ```
pub struct PgStore {
    config: Config,
    conn: Option<Conn>,
    notify: bool,
}

impl fmt::Debug for PgStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The config may hold a password: show the database's name only.
        f.debug_struct("PgStore")
            .field("dbname", &self.config.get_dbname())
            .field("connected", &self.conn.is_some())
            .field("notify", &self.notify)
            .finish()
    }
}

/// A connection with its prepared statements.
struct Conn {
    client: Client,
    st: Statements,
}

struct Statements {
    head: Statement,
    first_append: Statement,
    first_append_notify: Statement,
    next_append: Statement,
    next_append_notify: Statement,
    create_head: Statement,
    move_head: Statement,
    insert_events: Statement,
    rewrite_events: Statement,
    delete_snapshots: Statement,
    notify: Statement,
    read: Statement,
    head_for_snapshot: Statement,
    save_snapshot: Statement,
    latest_snapshot: Statement,
    workspaces: Statement,
}

/// The events' columns as arrays (the parameters of `unnest`).
#[derive(Default)]
struct Columns {
    seq: Vec<i64>,
    id: Vec<Uuid>,
    kind: Vec<&'static str>,
    at: Vec<DateTime<Utc>>,
    body: Vec<String>,
}

impl Columns {
    fn of(events: &[Event]) -> Result<Self> {
        let mut c = Columns {
            seq: Vec::with_capacity(events.len()),
            id: Vec::with_capacity(events.len()),
            kind: Vec::with_capacity(events.len()),
            at: Vec::with_capacity(events.len()),
            body: Vec::with_capacity(events.len()),
        };
        for ev in events {
            c.seq.push(to_i64(ev.seq, "seq")?);
            c.id.push(ev.id.uuid());
            c.kind.push(ev.payload.type_name());
            c.at.push(ev.at);
            c.body.push(serde_json::to_string(ev).map_err(|e| {
                StoreError::Invalid(format!("event {} cannot be written as JSON: {e}", ev.seq))
            })?);
        }
        Ok(c)
    }

    fn len(&self) -> usize {
        self.seq.len()
    }
}

const EVENT_COLUMNS: &str = "unnest($COL1::bigint[], $COL2::uuid[], $COL3::text[], $COL4::timestamptz[], $COL5::text[]) AS x(seq, id, type, at, body)";

/// `unnest(...)` over five array parameters starting at `$first`.
fn unnest_from(first: usize) -> String {
    let mut s = EVENT_COLUMNS.to_owned();
    for i in 1..=5 {
        s = s.replace(&format!("$COL{i}"), &format!("${}", first + i - 1));
    }
    s
}

impl Statements {
    fn prepare(client: &mut Client) -> std::result::Result<Self, postgres::Error> {
        // The one-statement appends: a data-modifying CTE moves the head (or
        // creates the row), another inserts the events only when the first
        // returned a row, so a stale expected writes nothing. `n` (notify) is
        // evaluated because the final SELECT reads it.
        let first = |notify: bool| {
            format!(
                "WITH w AS (
                    INSERT INTO clientcare.workspaces AS w (name, head) VALUES ($1, $2)
                    ON CONFLICT (name) DO UPDATE SET head = EXCLUDED.head, updated_at = now()
                    WHERE w.head = 0
                    RETURNING name, head),
                 e AS (
                    INSERT INTO clientcare.events (workspace, seq, id, type, at, body)
                    SELECT w.name, x.seq, x.id, x.type, x.at, x.body FROM w, {}
                    RETURNING 1){}
                 SELECT (SELECT count(*) FROM w), (SELECT count(*) FROM e){}",
                unnest_from(3),
                notify_cte(notify),
                notify_count(notify),
            )
        };
        let next = |notify: bool| {
            format!(
                "WITH w AS (
                    UPDATE clientcare.workspaces SET head = $3, updated_at = now()
                    WHERE name = $1 AND head = $2
                    RETURNING name, head),
                 e AS (
                    INSERT INTO clientcare.events (workspace, seq, id, type, at, body)
                    SELECT w.name, x.seq, x.id, x.type, x.at, x.body FROM w, {}
                    RETURNING 1){}
                 SELECT (SELECT count(*) FROM w), (SELECT count(*) FROM e){}",
                unnest_from(4),
                notify_cte(notify),
                notify_count(notify),
            )
        };
        Ok(Self {
            head: client.prepare("SELECT head FROM clientcare.workspaces WHERE name = $1")?,
            first_append: client.prepare(&first(false))?,
            first_append_notify: client.prepare(&first(true))?,
            next_append: client.prepare(&next(false))?,
            next_append_notify: client.prepare(&next(true))?,
            create_head: client.prepare(
                "INSERT INTO clientcare.workspaces AS w (name, head, rewritten_at)
                 VALUES ($1, $2::bigint, CASE WHEN $3::boolean THEN $2::bigint ELSE 0 END)
                 ON CONFLICT (name) DO UPDATE
                 SET head = EXCLUDED.head, rewritten_at = EXCLUDED.rewritten_at, updated_at = now()
                 WHERE w.head = 0
                 RETURNING head",
            )?,
            move_head: client.prepare(
                "UPDATE clientcare.workspaces
                 SET head = $3, updated_at = now(),
                     rewritten_at = CASE WHEN $4::boolean THEN $3 ELSE rewritten_at END
                 WHERE name = $1 AND head = $2
                 RETURNING head",
            )?,
            insert_events: client.prepare(&format!(
                "INSERT INTO clientcare.events (workspace, seq, id, type, at, body)
                 SELECT $1, x.seq, x.id, x.type, x.at, x.body FROM {}",
                unnest_from(2)
            ))?,
            rewrite_events: client.prepare(&format!(
                "UPDATE clientcare.events AS e SET body = x.body, type = x.type, at = x.at
                 FROM {}
                 WHERE e.workspace = $1 AND e.seq = x.seq AND e.id = x.id",
                unnest_from(2)
            ))?,
            delete_snapshots: client
                .prepare("DELETE FROM clientcare.snapshots WHERE workspace = $1")?,
            notify: client.prepare("SELECT pg_notify($1::text, $2::text)::text")?,
            read: client.prepare(
                "SELECT seq, body FROM clientcare.events
                 WHERE workspace = $1 AND seq > $2 ORDER BY seq LIMIT $3",
            )?,
            head_for_snapshot: client.prepare(
                "SELECT head, rewritten_at FROM clientcare.workspaces WHERE name = $1 FOR SHARE",
            )?,
            save_snapshot: client.prepare(
                "INSERT INTO clientcare.snapshots (workspace, seq, bytes) VALUES ($1, $2, $3)
                 ON CONFLICT (workspace, seq) DO UPDATE SET bytes = EXCLUDED.bytes, taken_at = now()",
            )?,
            latest_snapshot: client.prepare(
                "SELECT seq, bytes FROM clientcare.snapshots
                 WHERE workspace = $1 ORDER BY seq DESC LIMIT 1",
            )?,
            workspaces: client
                .prepare("SELECT name FROM clientcare.workspaces ORDER BY name COLLATE \"C\"")?,
        })
    }
}

fn notify_cte(notify: bool) -> String {
    if notify {
        format!(
            ",
                 n AS (SELECT pg_notify('{NOTIFY_CHANNEL}', w.head::text || ' ' || w.name)::text AS sent FROM w)"
        )
    } else {
        String::new()
    }
}

fn notify_count(notify: bool) -> &'static str {
    if notify {
        ", (SELECT count(*) FROM n)"
    } else {
        ""
    }
}

fn to_i64(v: u64, what: &str) -> Result<i64> {
    i64::try_from(v)
        .map_err(|_| StoreError::Invalid(format!("{what} {v} is beyond what can be stored")))
}

fn to_u64(v: i64, what: &str) -> Result<u64> {
    u64::try_from(v).map_err(|_| StoreError::Corrupt(format!("stored {what} {v} is negative")))
}

/// A database error as the store reports it: the server's message and SQLSTATE.
fn backend(e: &postgres::Error) -> StoreError {
    match e.as_db_error() {
        Some(db) => {
            let mut msg = format!(
                "PostgreSQL: {} (SQLSTATE {})",
                db.message(),
                db.code().code()
            );
            if let Some(detail) = db.detail() {
                msg.push_str(": ");
                msg.push_str(detail);
            }
            StoreError::Backend(msg)
        }
        None => StoreError::Backend(format!("PostgreSQL: {e}")),
    }
}

fn get<'a, T: postgres::types::FromSql<'a>>(row: &'a Row, idx: usize) -> Result<T> {
    row.try_get(idx)
        .map_err(|e| StoreError::Corrupt(format!("unexpected column {idx} in a result: {e}")))
}

impl PgStore {
    /// Connects to the database at `url`
    /// (`postgresql://user[:password]@host:port/dbname`, or the key=value
    /// form), creating the schema when it is missing.
    ///
    /// # Errors
    /// [`StoreError::Invalid`] for a URL that does not parse;
    /// [`StoreError::Backend`] when the server cannot be reached or the schema
    /// is of a newer version than this build.
    pub fn connect(url: &str) -> Result<Self> {
        let mut config: Config = url
            .parse()
            .map_err(|e| StoreError::Invalid(format!("PostgreSQL URL does not parse: {e}")))?;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(Duration::from_secs(10));
        }
        if config.get_application_name().is_none() {
            config.application_name("clientcare-store");
        }
        let mut store = Self {
            config,
            conn: None,
            notify: true,
        };
        store.conn()?;
        Ok(store)
    }

    /// Whether appends send `NOTIFY` (on by default). A writer whose readers
    /// do not listen can turn it off: notifying transactions serialise briefly
    /// on commit across the whole database.
    pub fn set_notify(&mut self, notify: bool) {
        self.notify = notify;
    }

    /// A listener on this store's database for the notifications of appends
    /// (its own connection).
    ///
    /// # Errors
    /// [`StoreError::Backend`] when it cannot connect or `LISTEN`.
    pub fn listener(&self) -> Result<PgListener> {
        PgListener::with_config(&self.config)
    }

    /// Deletes a workspace: its events, snapshots and head. Returns whether it
    /// existed. For tests and tenants that leave; irreversible.
    ///
    /// # Errors
    /// [`StoreError::Backend`].
    pub fn delete_workspace(&mut self, workspace: &str) -> Result<bool> {
        check_name(workspace)?;
        let conn = self.conn()?;
        let run = |client: &mut Client| -> std::result::Result<bool, postgres::Error> {
            let mut tx = client.transaction()?;
            let found = tx.execute(
                "DELETE FROM clientcare.workspaces WHERE name = $1",
                &[&workspace],
            )?;
            tx.execute(
                "DELETE FROM clientcare.events WHERE workspace = $1",
                &[&workspace],
            )?;
            tx.commit()?;
            Ok(found > 0)
        };
        run(&mut conn.client).map_err(|e| backend(&e))
    }

    /// The connection, opened again when it was lost.
    fn conn(&mut self) -> Result<&mut Conn> {
        if self.conn.as_ref().is_some_and(|c| c.client.is_closed()) {
            self.conn = None;
        }
        let conn = match self.conn.take() {
            Some(conn) => conn,
            None => Conn::open(&self.config)?,
        };
        Ok(self.conn.insert(conn))
    }

    /// Runs `f` on the connection; a database error becomes
    /// [`StoreError::Backend`] (and a lost connection is reopened next time).
    fn with<T>(
        &mut self,
        f: impl FnOnce(&mut Client, &Statements) -> std::result::Result<T, postgres::Error>,
    ) -> Result<T> {
        let conn = self.conn()?;
        f(&mut conn.client, &conn.st).map_err(|e| backend(&e))
    }

    /// A read-only call: when the connection turns out to be lost, it is
    /// opened again and the call tried once more.
    fn reading<T>(&mut self, mut f: impl FnMut(&mut Conn) -> Result<T>) -> Result<T> {
        let conn = self.conn()?;
        match f(conn) {
            Err(StoreError::Backend(_)) if conn.client.is_closed() => {
                self.conn = None;
                f(self.conn()?)
            }
            other => other,
        }
    }

    fn conflict(&mut self, workspace: &str, expected: u64) -> StoreError {
        match self.head(workspace) {
            Ok(actual) => StoreError::Conflict {
                workspace: workspace.to_owned(),
                expected,
                actual,
            },
            Err(e) => e,
        }
    }

    /// One statement, one transaction: no rewrites, a small batch.
    fn append_fast(&mut self, workspace: &str, expected: u64, cols: &Columns) -> Result<u64> {
        let new_head = to_i64(expected + cols.len() as u64, "seq")?;
        let notify = self.notify;
        let expected_i = to_i64(expected, "seq")?;
        let row = self.with(|client, st| {
            if expected == 0 {
                let stmt = if notify {
                    &st.first_append_notify
                } else {
                    &st.first_append
                };
                client.query_one(
                    stmt,
                    &[
                        &workspace, &new_head, &cols.seq, &cols.id, &cols.kind, &cols.at,
                        &cols.body,
                    ],
                )
            } else {
                let stmt = if notify {
                    &st.next_append_notify
                } else {
                    &st.next_append
                };
                client.query_one(
                    stmt,
                    &[
                        &workspace,
                        &expected_i,
                        &new_head,
                        &cols.seq,
                        &cols.id,
                        &cols.kind,
                        &cols.at,
                        &cols.body,
                    ],
                )
            }
        });
        let row = match row {
            Err(StoreError::Backend(msg)) if msg.contains(SqlState::UNIQUE_VIOLATION.code()) => {
                return Err(StoreError::Corrupt(format!(
                    "workspace {workspace:?} already holds events after its head {expected}: {msg}"
                )))
            }
            other => other?,
        };
        let moved: i64 = get(&row, 0)?;
        let inserted: i64 = get(&row, 1)?;
        if moved == 0 {
            return Err(self.conflict(workspace, expected));
        }
        if inserted != cols.len() as i64 {
            return Err(StoreError::Corrupt(format!(
                "appending {} events to workspace {workspace:?} inserted {inserted}",
                cols.len()
            )));
        }
        to_u64(new_head, "head")
    }

    /// A transaction: large batches (COPY) and appends that rewrite events.
    fn append_tx(
        &mut self,
        workspace: &str,
        expected: u64,
        events: &[Event],
        cols: &Columns,
        rewrites: &Columns,
    ) -> Result<u64> {
        let new_head_u = expected + events.len() as u64;
        let new_head = to_i64(new_head_u, "seq")?;
        let expected_i = to_i64(expected, "seq")?;
        let rewriting = rewrites.len() > 0;
        let notify = self.notify;
        enum Out {
            Done,
            Conflict,
            Unmatched(u64),
        }
        let out = self.with(|client, st| {
            let mut tx = client.transaction()?;
            let moved = if expected == 0 {
                tx.query_opt(&st.create_head, &[&workspace, &new_head, &rewriting])?
            } else {
                tx.query_opt(&st.move_head, &[&workspace, &expected_i, &new_head, &rewriting])?
            };
            if moved.is_none() {
                tx.rollback()?;
                return Ok(Out::Conflict);
            }
            if cols.len() > COPY_THRESHOLD {
                let sink = tx.copy_in(
                    "COPY clientcare.events (workspace, seq, id, type, at, body) FROM STDIN (FORMAT binary)",
                )?;
                let mut w = BinaryCopyInWriter::new(
                    sink,
                    &[Type::TEXT, Type::INT8, Type::UUID, Type::TEXT, Type::TIMESTAMPTZ, Type::TEXT],
                );
                for i in 0..cols.len() {
                    let row: [&(dyn ToSql + Sync); 6] = [
                        &workspace,
                        &cols.seq[i],
                        &cols.id[i],
                        &cols.kind[i],
                        &cols.at[i],
                        &cols.body[i],
                    ];
                    w.write(&row)?;
                }
                w.finish()?;
            } else if cols.len() > 0 {
                tx.execute(
                    &st.insert_events,
                    &[&workspace, &cols.seq, &cols.id, &cols.kind, &cols.at, &cols.body],
                )?;
            }
            if rewriting {
                let n = tx.execute(
                    &st.rewrite_events,
                    &[&workspace, &rewrites.seq, &rewrites.id, &rewrites.kind, &rewrites.at, &rewrites.body],
                )?;
                if n != rewrites.len() as u64 {
                    tx.rollback()?;
                    return Ok(Out::Unmatched(n));
                }
                tx.execute(&st.delete_snapshots, &[&workspace])?;
            }
            if notify {
                let payload = format!("{new_head} {workspace}");
                tx.execute(&st.notify, &[&NOTIFY_CHANNEL, &payload])?;
            }
            tx.commit()?;
            Ok(Out::Done)
        });
        let out = match out {
            Err(StoreError::Backend(msg)) if msg.contains(SqlState::UNIQUE_VIOLATION.code()) => {
                return Err(StoreError::Corrupt(format!(
                    "workspace {workspace:?} already holds events after its head {expected}: {msg}"
                )))
            }
            other => other?,
        };
        match out {
            Out::Done => Ok(new_head_u),
            Out::Conflict => Err(self.conflict(workspace, expected)),
            Out::Unmatched(n) => Err(StoreError::Invalid(format!(
                "{} rewrites for workspace {workspace:?}, but only {n} match a stored event (same seq and id); nothing was written",
                rewrites.len()
            ))),
        }
    }
}

impl Conn {
    fn open(config: &Config) -> Result<Self> {
        let mut client = config.connect(NoTls).map_err(|e| backend(&e))?;
        migrate(&mut client)?;
        let st = Statements::prepare(&mut client).map_err(|e| backend(&e))?;
        Ok(Self { client, st })
    }
}

/// Creates the schema when it is missing; refuses a newer one.
fn migrate(client: &mut Client) -> Result<()> {
    let version = |client: &mut Client| -> Result<Option<i32>> {
        let row = client
            .query_one(
                "SELECT to_regclass('clientcare.schema_version') IS NOT NULL",
                &[],
            )
            .map_err(|e| backend(&e))?;
        if !get::<bool>(&row, 0)? {
            return Ok(None);
        }
        let row = client
            .query_opt("SELECT max(version) FROM clientcare.schema_version", &[])
            .map_err(|e| backend(&e))?;
        Ok(row
            .map(|r| get::<Option<i32>>(&r, 0))
            .transpose()?
            .flatten())
    };
    match version(client)? {
        Some(v) if v == SCHEMA_VERSION => return Ok(()),
        Some(v) if v > SCHEMA_VERSION => {
            return Err(StoreError::Backend(format!(
                "the database's clientcare schema is version {v}, newer than this build's {SCHEMA_VERSION}: upgrade clientcare-store"
            )))
        }
        _ => {}
    }
    let run = |client: &mut Client| -> std::result::Result<(), postgres::Error> {
        let mut tx = client.transaction()?;
        tx.execute("SELECT pg_advisory_xact_lock($1)::text", &[&MIGRATION_LOCK])?;
        tx.batch_execute(DDL_V1)?;
        tx.execute(
            "INSERT INTO clientcare.schema_version (version)
             SELECT $1 WHERE NOT EXISTS (SELECT 1 FROM clientcare.schema_version)",
            &[&SCHEMA_VERSION],
        )?;
        tx.commit()
    };
    run(client).map_err(|e| backend(&e))
}

fn snapshot_of(row: &Row) -> Result<Snapshot> {
    Ok(Snapshot {
        seq: to_u64(get(row, 0)?, "snapshot seq")?,
        bytes: get(row, 1)?,
    })
}

/// Reads events after `after`, checking that the stored log has no gap.
///
/// Rows are parsed as they arrive. Past the first [`PIPELINE_AFTER`] rows
/// (a large read: opening a workspace) the JSON is parsed on a second thread
/// while this one receives the next rows, so the transfer and the parse
/// overlap.
fn read_events(
    client: &mut impl GenericClient,
    st: &Statements,
    workspace: &str,
    after: u64,
    limit: Option<usize>,
) -> Result<Vec<Event>> {
    let after_i = to_i64(after, "seq")?;
    let limit_i: Option<i64> = limit.map(|l| i64::try_from(l).unwrap_or(i64::MAX));
    let params: [&(dyn ToSql + Sync); 3] = [&workspace, &after_i, &limit_i];
    let mut rows = client
        .query_raw(&st.read, params)
        .map_err(|e| backend(&e))?;
    let mut out = Vec::with_capacity(limit.unwrap_or(0).min(1 << 16));
    let mut want = after + 1;
    while out.len() < PIPELINE_AFTER {
        let Some(row) = rows.next().map_err(|e| backend(&e))? else {
            return Ok(out);
        };
        let seq = row_seq(&row, workspace, want)?;
        out.push(parse_event(workspace, seq, get(&row, 1)?)?);
        want += 1;
    }
    // A large read: receive here, parse there.
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<(u64, String)>>(8);
        let parser = scope.spawn(move || -> Result<Vec<Event>> {
            for chunk in rx {
                for (seq, body) in chunk {
                    out.push(parse_event(workspace, seq, &body)?);
                }
            }
            Ok(out)
        });
        let fetched = (|| -> Result<()> {
            let mut chunk = Vec::with_capacity(PIPELINE_CHUNK);
            while let Some(row) = rows.next().map_err(|e| backend(&e))? {
                let seq = row_seq(&row, workspace, want)?;
                chunk.push((seq, get::<&str>(&row, 1)?.to_owned()));
                want += 1;
                if chunk.len() == PIPELINE_CHUNK {
                    let full = std::mem::replace(&mut chunk, Vec::with_capacity(PIPELINE_CHUNK));
                    if tx.send(full).is_err() {
                        // The parser stopped on an error: it says which.
                        return Ok(());
                    }
                }
            }
            if !chunk.is_empty() {
                let _ = tx.send(chunk);
            }
            Ok(())
        })();
        drop(tx);
        let parsed = parser
            .join()
            .map_err(|_| StoreError::Backend("the thread parsing stored events failed".into()))?;
        let events = parsed?;
        fetched?;
        Ok(events)
    })
}

/// Rows read before a read turns to parsing on a second thread.
const PIPELINE_AFTER: usize = 4096;

/// Rows handed to the parsing thread at a time.
const PIPELINE_CHUNK: usize = 2048;

/// The seq of a row, which must be `want` (no gap).
fn row_seq(row: &Row, workspace: &str, want: u64) -> Result<u64> {
    let seq = to_u64(get(row, 0)?, "seq")?;
    if seq != want {
        return Err(StoreError::Corrupt(format!(
            "workspace {workspace:?}: the stored log has a gap: seq {want} is missing (the next stored is {seq})"
        )));
    }
    Ok(seq)
}

fn parse_event(workspace: &str, seq: u64, body: &str) -> Result<Event> {
    crate::stored::parse_stored("PostgreSQL", workspace, seq, body)
}

impl EventStore for PgStore {
    fn head(&mut self, workspace: &str) -> Result<u64> {
        check_name(workspace)?;
        let row = self.reading(|c| {
            c.client
                .query_opt(&c.st.head, &[&workspace])
                .map_err(|e| backend(&e))
        })?;
        match row {
            Some(row) => to_u64(get(&row, 0)?, "head"),
            None => Ok(0),
        }
    }

    fn append(
        &mut self,
        workspace: &str,
        expected: u64,
        events: &[Event],
        rewrites: &[Event],
    ) -> Result<u64> {
        check_append(workspace, expected, events, rewrites)?;
        // Rewrites: each once (the last copy wins).
        let mut unique: BTreeMap<u64, &Event> = BTreeMap::new();
        for ev in rewrites {
            unique.insert(ev.seq, ev);
        }
        if events.is_empty() && unique.is_empty() {
            let actual = self.head(workspace)?;
            if actual != expected {
                return Err(StoreError::Conflict {
                    workspace: workspace.to_owned(),
                    expected,
                    actual,
                });
            }
            return Ok(actual);
        }
        let cols = Columns::of(events)?;
        if unique.is_empty() && events.len() <= COPY_THRESHOLD {
            return self.append_fast(workspace, expected, &cols);
        }
        let rewrites: Vec<Event> = unique.into_values().cloned().collect();
        let rw = Columns::of(&rewrites)?;
        self.append_tx(workspace, expected, events, &cols, &rw)
    }

    fn read(&mut self, workspace: &str, after: u64, limit: Option<usize>) -> Result<Vec<Event>> {
        check_name(workspace)?;
        self.reading(|c| read_events(&mut c.client, &c.st, workspace, after, limit))
    }

    /// The latest snapshot and the whole log in one read-only repeatable-read
    /// transaction: an erasure committed in between cannot pair an old
    /// snapshot with a rewritten log.
    fn load(&mut self, workspace: &str) -> Result<(Option<Snapshot>, Vec<Event>)> {
        check_name(workspace)?;
        self.reading(|conn| {
            let mut tx = conn
                .client
                .build_transaction()
                .isolation_level(postgres::IsolationLevel::RepeatableRead)
                .read_only(true)
                .start()
                .map_err(|e| backend(&e))?;
            let snapshot = tx
                .query_opt(&conn.st.latest_snapshot, &[&workspace])
                .map_err(|e| backend(&e))?
                .map(|r| snapshot_of(&r))
                .transpose()?;
            let events = read_events(&mut tx, &conn.st, workspace, 0, None)?;
            tx.commit().map_err(|e| backend(&e))?;
            Ok((snapshot, events))
        })
    }

    fn save_snapshot(&mut self, workspace: &str, snapshot: &Snapshot) -> Result<()> {
        check_name(workspace)?;
        let seq = to_i64(snapshot.seq, "seq")?;
        enum Out {
            Saved,
            Beyond(i64),
            Erased(i64),
        }
        let out = self.with(|client, st| {
            let mut tx = client.transaction()?;
            let row = tx.query_opt(&st.head_for_snapshot, &[&workspace])?;
            let (head, rewritten_at): (i64, i64) = match &row {
                Some(r) => (r.try_get(0)?, r.try_get(1)?),
                None => (0, 0),
            };
            if seq > head || row.is_none() {
                tx.rollback()?;
                return Ok(Out::Beyond(head));
            }
            if seq < rewritten_at {
                tx.rollback()?;
                return Ok(Out::Erased(rewritten_at));
            }
            tx.execute(&st.save_snapshot, &[&workspace, &seq, &snapshot.bytes])?;
            tx.commit()?;
            Ok(Out::Saved)
        })?;
        match out {
            Out::Saved => Ok(()),
            Out::Beyond(head) => Err(StoreError::Invalid(format!(
                "a snapshot of workspace {workspace:?} at seq {} but its stored log ends at {head}",
                snapshot.seq
            ))),
            Out::Erased(at) => Err(StoreError::Invalid(format!(
                "a snapshot of workspace {workspace:?} at seq {} predates the erasure stored at seq {at} and may hold erased data; take a new one",
                snapshot.seq
            ))),
        }
    }

    fn latest_snapshot(&mut self, workspace: &str) -> Result<Option<Snapshot>> {
        check_name(workspace)?;
        let row = self.reading(|c| {
            c.client
                .query_opt(&c.st.latest_snapshot, &[&workspace])
                .map_err(|e| backend(&e))
        })?;
        row.map(|r| snapshot_of(&r)).transpose()
    }

    fn workspaces(&mut self) -> Result<Vec<String>> {
        let rows = self.reading(|c| {
            c.client
                .query(&c.st.workspaces, &[])
                .map_err(|e| backend(&e))
        })?;
        rows.iter().map(|r| get(r, 0)).collect()
    }
}

/// A notification that a workspace's log grew.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// The workspace.
    pub workspace: String,
    /// Its new head.
    pub head: u64,
}

impl Notice {
    /// Reads a notification's payload (`"<head> <workspace>"`).
    #[must_use]
    pub fn parse(payload: &str) -> Option<Notice> {
        let (head, workspace) = payload.split_once(' ')?;
        Some(Notice {
            workspace: workspace.to_owned(),
            head: head.parse().ok()?,
        })
    }
}

/// Waits for the notifications of appends ([`NOTIFY_CHANNEL`]) on a
/// connection of its own.
///
/// A notification can be missed while the connection is down, so a reader
/// treats them as hints: on each one (or on a timeout) it catches up by
/// reading after its own sequence, which is always correct.
pub struct PgListener {
    client: Client,
}

impl fmt::Debug for PgListener {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PgListener")
            .field("closed", &self.client.is_closed())
            .finish()
    }
}

impl PgListener {
    /// Connects to `url` and listens.
    ///
    /// # Errors
    /// As [`PgStore::connect`].
    pub fn connect(url: &str) -> Result<Self> {
        let config: Config = url
            .parse()
            .map_err(|e| StoreError::Invalid(format!("PostgreSQL URL does not parse: {e}")))?;
        Self::with_config(&config)
    }

    fn with_config(config: &Config) -> Result<Self> {
        let mut client = config.connect(NoTls).map_err(|e| backend(&e))?;
        client
            .batch_execute(&format!("LISTEN {NOTIFY_CHANNEL}"))
            .map_err(|e| backend(&e))?;
        Ok(Self { client })
    }

    /// Waits up to `timeout` for appends, then returns those that arrived
    /// (empty on timeout), one per workspace with its highest head.
    ///
    /// # Errors
    /// [`StoreError::Backend`] when the connection is lost: connect again
    /// (and catch up, since notifications sent meanwhile are gone).
    pub fn wait(&mut self, timeout: Duration) -> Result<Vec<Notice>> {
        let mut got: BTreeMap<String, u64> = BTreeMap::new();
        let mut add = |payload: &str| {
            if let Some(n) = Notice::parse(payload) {
                let h = got.entry(n.workspace).or_insert(0);
                *h = (*h).max(n.head);
            }
        };
        {
            let mut notes = self.client.notifications();
            let first = notes
                .timeout_iter(timeout)
                .next()
                .map_err(|e| backend(&e))?;
            if let Some(n) = first {
                add(n.payload());
                let mut more = notes.iter();
                while let Some(n) = more.next().map_err(|e| backend(&e))? {
                    add(n.payload());
                }
            }
        }
        if self.client.is_closed() {
            return Err(StoreError::Backend(
                "PostgreSQL: the listener's connection was closed".into(),
            ));
        }
        Ok(got
            .into_iter()
            .map(|(workspace, head)| Notice { workspace, head })
            .collect())
    }

    /// Waits until `workspace`'s head is announced above `beyond`, at most
    /// `timeout`. Returns the announced head, or `None` on timeout.
    ///
    /// # Errors
    /// As [`wait`](Self::wait).
    pub fn wait_for(
        &mut self,
        workspace: &str,
        beyond: u64,
        timeout: Duration,
    ) -> Result<Option<u64>> {
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Ok(None);
            }
            for n in self.wait(left)? {
                if n.workspace == workspace && n.head > beyond {
                    return Ok(Some(n.head));
                }
            }
        }
    }
}
