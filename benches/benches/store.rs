//! The SQLite event store: append throughput (one command per transaction
//! with `synchronous=FULL` and `NORMAL`, several writers on one workspace,
//! batched appends and bulk writes through `Stored::write`), the time to
//! open a workspace of ~1M events with and without a snapshot, what a
//! snapshot costs, and the file size. The PostgreSQL rows are in `store_pg`.
#![allow(missing_docs)]

use clientcare::{Event, RegisterCustomer, SeededIds, Workspace};
use clientcare_bench::harness::{self, line, per_sec, si, thousands, time, Scale};
use clientcare_bench::{build_workspace, WorkspaceSpec};
use clientcare_store::{Durability, EventStore, Options, SqliteOptions, SqliteStore, Stored};
use std::path::{Path, PathBuf};

#[path = "store_common/mod.rs"]
mod store_common;
use store_common::{append_each, at, execute_each, register, Res};

fn main() -> Res<()> {
    harness::banner("store (SQLite)");
    let scale = Scale::from_env();
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("target")
        .join("bench-store");
    std::fs::create_dir_all(&dir)?;
    println!("files in {}", dir.display());

    for durability in [Durability::Full, Durability::Normal] {
        one_per_transaction(&dir, durability, scale.pick(300, 2_000))?;
    }
    concurrent_writers(&dir, 4, scale.pick(100, 500))?;
    bulk_writes(&dir, scale.pick(20_000, 100_000))?;

    let target_events = scale.pick(100_000, 1_000_000);
    harness::header(&format!(
        "building a workspace of ~{} events in memory (the data to store)",
        thousands(target_events)
    ));
    let (built, d) = time(|| build_workspace(&WorkspaceSpec::new(target_events, 7)));
    let ws = built?.workspace;
    line(
        &format!("{} events built", thousands(ws.events().len())),
        format!("{:.2} s", d.as_secs_f64()),
    );
    let path = batched(&dir, ws.events())?;
    open_times(&path, &ws)?;
    remove(&path);
    Ok(())
}

fn fresh(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    remove(&path);
    path
}

fn remove(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}

fn file_mb(path: &Path) -> f64 {
    ["", "-wal"]
        .iter()
        .filter_map(|s| std::fs::metadata(format!("{}{s}", path.display())).ok())
        .map(|m| m.len() as f64)
        .sum::<f64>()
        / 1e6
}

fn store(path: &Path, durability: Durability) -> Res<SqliteStore> {
    Ok(SqliteStore::open_with(
        path,
        &SqliteOptions {
            durability,
            ..SqliteOptions::default()
        },
    )?)
}

/// Stored::execute, one registration per transaction (each committed before
/// it returns), then the store alone with prebuilt events.
fn one_per_transaction(dir: &Path, durability: Durability, n: usize) -> Res<()> {
    let label = match durability {
        Durability::Full => "synchronous=FULL (the default: durable across power loss)",
        Durability::Normal => "synchronous=NORMAL (durable across a killed process only)",
    };
    harness::header(&format!(
        "one command per transaction, {label}: {} registrations",
        thousands(n)
    ));
    let path = fresh(dir, "one.db");
    let mut s = Stored::open(
        store(&path, durability)?,
        "default",
        Box::new(SeededIds::new(1)),
    )?;
    let d = execute_each(&mut s, n)?;
    line(
        "Stored::execute (decide, append 1 event, apply)",
        format!(
            "{}commands/s  ({:.3} ms each)",
            si(per_sec(n, d)),
            d.as_secs_f64() * 1e3 / n as f64
        ),
    );
    let events = s.workspace().events().to_vec();
    drop(s);
    let raw_path = fresh(dir, "raw.db");
    let mut raw = store(&raw_path, durability)?;
    let d = append_each(&mut raw, "default", &events)?;
    line(
        "SqliteStore::append of 1 event (no core)",
        format!("{}events/s", si(per_sec(events.len(), d))),
    );
    remove(&path);
    remove(&raw_path);
    Ok(())
}

/// Several threads, each with its own connection to the file, on one
/// workspace (what several processes do).
fn concurrent_writers(dir: &Path, writers: usize, each: usize) -> Res<()> {
    harness::header(&format!(
        "{writers} writers (own connections) on one workspace, {} registrations each, FULL",
        thousands(each)
    ));
    let path = fresh(dir, "writers.db");
    let mut s = Stored::open(
        SqliteStore::open(&path)?,
        "default",
        Box::new(SeededIds::new(1)),
    )?;
    s.write(|w| w.configure(at(0), Some("VN")))?;
    drop(s);
    let (results, d) = time(|| {
        let handles: Vec<_> = (0..writers)
            .map(|k| {
                let path = path.clone();
                std::thread::spawn(move || -> Result<usize, String> {
                    let store = SqliteStore::open(&path).map_err(|e| e.to_string())?;
                    let mut s = Stored::open(store, "default", clientcare_store::random_ids())
                        .map_err(|e| e.to_string())?;
                    for i in 0..each {
                        let c = register(1_000_000 * (k + 1) + i).map_err(|e| e.to_string())?;
                        s.execute(at(i + 1), c).map_err(|e| e.to_string())?;
                    }
                    Ok(each)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().map_err(|_| "a writer panicked".to_string()))
            .collect::<Vec<_>>()
    });
    let mut total = 0;
    for r in results {
        total += r??;
    }
    let head = SqliteStore::open(&path)?.head("default")?;
    line(
        &format!("{} commands acknowledged, head {head}", thousands(total)),
        format!("{}commands/s in all", si(per_sec(total, d))),
    );
    remove(&path);
    Ok(())
}

/// `Stored::write` with `register_customers`: many events per transaction.
fn bulk_writes(dir: &Path, n: usize) -> Res<()> {
    harness::header(&format!(
        "bulk writes: {} customers through Stored::write(register_customers), FULL",
        thousands(n)
    ));
    for per in [100usize, 1_000, 10_000] {
        let path = fresh(dir, "bulk.db");
        let mut s = Stored::open(
            SqliteStore::open(&path)?,
            "default",
            Box::new(SeededIds::new(1)),
        )?;
        s.write(|w| w.configure(at(0), Some("VN")))?;
        let rows: Vec<RegisterCustomer> = (0..n)
            .map(|i| RegisterCustomer {
                full_name: format!("Trần Thị Khách {i}"),
                emails: vec![format!("khach{i}@example.vn")],
                phones: vec![format!("+8490{:07}", i)],
                ..Default::default()
            })
            .collect();
        let (r, d) = time(|| -> Res<()> {
            for (k, chunk) in rows.chunks(per).enumerate() {
                s.write(|w| Ok(w.register_customers(at(k + 1), chunk.iter().cloned())))?;
            }
            Ok(())
        });
        r?;
        line(
            &format!("{per} customers per transaction"),
            format!("{:.2} s  {}events/s", d.as_secs_f64(), si(per_sec(n, d))),
        );
        // The same in memory, for the cost of storing.
        if per == 1_000 {
            let mut mem = Workspace::with_seed(1);
            mem.configure(at(0), Some("VN"))?;
            let (_, d) = time(|| {
                for (k, chunk) in rows.chunks(per).enumerate() {
                    mem.register_customers(at(k + 1), chunk.iter().cloned());
                }
            });
            line(
                "  the same in memory only (no store)",
                format!("{:.2} s  {}events/s", d.as_secs_f64(), si(per_sec(n, d))),
            );
        }
        drop(s);
        remove(&path);
    }
    Ok(())
}

/// `append` of the whole log in batches of 10,000.
fn batched(dir: &Path, events: &[Event]) -> Res<PathBuf> {
    harness::header(&format!(
        "batched appends of {} events (SqliteStore::append, batches of 10,000)",
        thousands(events.len())
    ));
    let path = fresh(dir, "log.db");
    let mut store = SqliteStore::open(&path)?;
    let (r, d) = time(|| -> Res<()> {
        let mut head = 0u64;
        for chunk in events.chunks(10_000) {
            head = store.append("default", head, chunk, &[])?;
        }
        Ok(())
    });
    r?;
    line(
        &format!("{} events", thousands(events.len())),
        format!(
            "{:.2} s  {}events/s",
            d.as_secs_f64(),
            si(per_sec(events.len(), d))
        ),
    );
    drop(store);
    line(
        "file size (database + WAL)",
        format!(
            "{:.1} MB  ({:.0} bytes/event)",
            file_mb(&path),
            file_mb(&path) * 1e6 / events.len() as f64
        ),
    );
    Ok(path)
}

/// Opening the stored workspace: full replay, then from a snapshot.
fn open_times(path: &Path, ws: &Workspace) -> Res<()> {
    let n = ws.events().len();
    harness::header(&format!(
        "opening a stored workspace of {} events",
        thousands(n)
    ));
    let mut store = SqliteStore::open(path)?;
    let (events, d) = time(|| store.read("default", 0, None));
    let events = events?;
    line(
        "SqliteStore::read of the whole log (SELECT + JSON parse)",
        format!("{:.2} s  {}events/s", d.as_secs_f64(), si(per_sec(n, d))),
    );
    {
        // Where the read's time goes: the rows alone, then the parse alone.
        let conn = rusqlite::Connection::open(path)?;
        let (bodies, d) = time(|| -> rusqlite::Result<Vec<String>> {
            let mut stmt = conn.prepare("SELECT body FROM events ORDER BY workspace, seq")?;
            let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
            rows.collect()
        });
        let bodies = bodies?;
        line(
            "  of which SELECT of the rows (no parse)",
            format!("{:.2} s", d.as_secs_f64()),
        );
        let (parsed, d) = time(|| {
            bodies
                .iter()
                .map(|b| serde_json::from_str::<Event>(b))
                .collect::<Result<Vec<_>, _>>()
        });
        parsed?;
        line(
            "  of which serde_json parse of the rows",
            format!("{:.2} s", d.as_secs_f64()),
        );
    }
    let (replayed, d) = time(|| Workspace::replay(events, Box::new(SeededIds::new(1))));
    let replayed = replayed?;
    line(
        "  Workspace::replay of it (check + apply)",
        format!("{:.2} s", d.as_secs_f64()),
    );
    if &replayed != ws {
        return Err("the stored log does not replay to the built workspace".into());
    }
    drop(replayed);

    let (opened, d) = time(|| {
        Stored::open(
            SqliteStore::open(path)?,
            "default",
            Box::new(SeededIds::new(2)),
        )
    });
    let mut opened = opened?;
    line(
        "Stored::open without a snapshot (read + full replay)",
        format!("{:.2} s", d.as_secs_f64()),
    );
    let (bytes, d) = time(|| opened.workspace().snapshot());
    line(
        "Workspace::snapshot (take only)",
        format!(
            "{:.2} s  {:.1} MB",
            d.as_secs_f64(),
            bytes.len() as f64 / 1e6
        ),
    );
    drop(bytes);
    let (seq, d) = time(|| opened.snapshot());
    seq?;
    line(
        "Stored::snapshot (take + store, FULL)",
        format!("{:.2} s", d.as_secs_f64()),
    );
    drop(opened);
    let mut store = SqliteStore::open(path)?;
    let (loaded, d) = time(|| store.load("default"));
    let (snapshot, events) = loaded?;
    line(
        "  SqliteStore::load (newest snapshot + whole log, one read)",
        format!("{:.2} s", d.as_secs_f64()),
    );
    let snapshot = snapshot.ok_or("no snapshot stored")?;
    let (restored, d) =
        time(|| Workspace::from_snapshot(&snapshot.bytes, events, Box::new(SeededIds::new(3))));
    drop(restored?);
    line(
        "  Workspace::from_snapshot of it",
        format!("{:.2} s", d.as_secs_f64()),
    );
    drop(snapshot);
    let (opened, d) = time(|| {
        Stored::open(
            SqliteStore::open(path)?,
            "default",
            Box::new(SeededIds::new(3)),
        )
    });
    let opened = opened?;
    line(
        "Stored::open with a snapshot at the head (read + restore)",
        format!("{:.2} s", d.as_secs_f64()),
    );
    if !opened.opened_from_snapshot() {
        return Err("the open did not use the snapshot".into());
    }
    if opened.workspace() != ws {
        return Err("the workspace opened from the snapshot differs".into());
    }
    line(
        "file size with the snapshot (database + WAL)",
        format!("{:.1} MB", file_mb(path)),
    );
    drop(opened);

    // What automatic snapshots cost a writer of this workspace.
    let options = Options {
        snapshot_every: Some(1),
        ..Options::default()
    };
    let mut s = Stored::open_with_options(
        SqliteStore::open(path)?,
        "default",
        Box::new(SeededIds::new(4)),
        options,
    )?;
    let c = register(9_999_999)?;
    let (r, d) = time(|| s.execute(at(10_000_000), c));
    r?;
    line(
        "one command that crosses a snapshot_every mark (append + snapshot)",
        format!("{:.2} s", d.as_secs_f64()),
    );
    Ok(())
}
