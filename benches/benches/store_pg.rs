//! The PostgreSQL event store: append throughput (one command per
//! transaction, batched, several writers on one workspace) and the time to
//! open a workspace of ~1M events with and without a snapshot.
//!
//! Needs a server: `export CLIENTCARE_PG_URL=$(bash scripts/pg.sh)`; without
//! one it prints `SKIPPED: <reason>` and exits 0.
#![allow(missing_docs)]

use clientcare::{Event, SeededIds, Workspace};
use clientcare_bench::harness::{self, line, per_sec, si, thousands, time, Scale};
use clientcare_bench::{build_workspace, WorkspaceSpec};
use clientcare_store::{EventStore, PgStore, Stored};
use std::time::Duration;

#[path = "store_common/mod.rs"]
mod store_common;
use store_common::{append_each, at, execute_each, register, Res};

fn main() -> Res<()> {
    harness::banner("store_pg");
    let Some(url) = std::env::var("CLIENTCARE_PG_URL")
        .ok()
        .filter(|u| !u.trim().is_empty())
    else {
        println!("SKIPPED: CLIENTCARE_PG_URL is not set (export CLIENTCARE_PG_URL=$(bash scripts/pg.sh))");
        return Ok(());
    };
    let mut db = match postgres::Client::connect(&url, postgres::NoTls) {
        Ok(db) => db,
        Err(e) => {
            println!("SKIPPED: PostgreSQL at CLIENTCARE_PG_URL cannot be reached: {e}");
            return Ok(());
        }
    };
    let setting = |db: &mut postgres::Client, name: &str| -> String {
        db.query_one(&format!("SHOW {name}"), &[])
            .ok()
            .and_then(|r| r.try_get::<_, String>(0).ok())
            .unwrap_or_else(|| "?".into())
    };
    println!(
        "PostgreSQL {} on loopback: fsync={}, synchronous_commit={}, shared_buffers={}",
        setting(&mut db, "server_version"),
        setting(&mut db, "fsync"),
        setting(&mut db, "synchronous_commit"),
        setting(&mut db, "shared_buffers"),
    );
    let scale = Scale::from_env();
    let run = format!("bench-{}", std::process::id());

    one_per_transaction(&url, &run, scale.pick(300, 2_000))?;
    concurrent_writers(&url, &run, 4, scale.pick(100, 500))?;

    let target_events = scale.pick(100_000, 1_000_000);
    harness::header(&format!(
        "building a workspace of ~{} events in memory (the data to store)",
        thousands(target_events)
    ));
    let (built, d) = time(|| build_workspace(&WorkspaceSpec::new(target_events, 7)));
    let ws = built?.workspace;
    let events = ws.events().to_vec();
    line(
        &format!("{} events built", thousands(events.len())),
        format!("{:.2} s", d.as_secs_f64()),
    );

    batched(&url, &run, &events)?;
    open_times(&url, &run, &ws)?;

    // Leave the test server as it was: delete, then give the space back.
    let mut store = PgStore::connect(&url)?;
    for name in store.workspaces()? {
        if name.starts_with(&run) {
            store.delete_workspace(&name)?;
        }
    }
    db.batch_execute("VACUUM clientcare.events, clientcare.snapshots, clientcare.workspaces")?;
    Ok(())
}

/// Stored::execute, one registration per transaction (each durably committed).
fn one_per_transaction(url: &str, run: &str, n: usize) -> Res<()> {
    harness::header(&format!(
        "one command per transaction: {} registrations through Stored<PgStore>::execute",
        thousands(n)
    ));
    let name = format!("{run}-one");
    let mut s = Stored::open(PgStore::connect(url)?, &name, Box::new(SeededIds::new(1)))?;
    let d = execute_each(&mut s, n)?;
    line(
        "commands (1 event each), each its own transaction",
        format!(
            "{}commands/s  ({:.2} ms each)",
            si(per_sec(n, d)),
            d.as_secs_f64() * 1e3 / n as f64
        ),
    );
    // The store alone (no core): one prebuilt event per append.
    let events = s.workspace().events().to_vec();
    let raw = format!("{run}-raw");
    let mut store = PgStore::connect(url)?;
    let d = append_each(&mut store, &raw, &events)?;
    line(
        "PgStore::append of 1 event (no core), each its own transaction",
        format!("{}events/s", si(per_sec(events.len(), d))),
    );
    store.set_notify(false);
    let raw2 = format!("{run}-raw-quiet");
    let d = append_each(&mut store, &raw2, &events)?;
    line(
        "  the same without NOTIFY",
        format!("{}events/s", si(per_sec(events.len(), d))),
    );
    // What the disk flush costs: the same with synchronous_commit off for
    // this session (NOT durable: shown only to split the time).
    let sep = if url.contains('?') { '&' } else { '?' };
    let mut fast = PgStore::connect(&format!("{url}{sep}options=-c%20synchronous_commit%3Doff"))?;
    let raw3 = format!("{run}-raw-nosync");
    let d = append_each(&mut fast, &raw3, &events)?;
    line(
        "  the same with synchronous_commit=off (not durable; no flush)",
        format!("{}events/s", si(per_sec(events.len(), d))),
    );
    Ok(())
}

/// Several threads, each with its own connection, on one workspace.
fn concurrent_writers(url: &str, run: &str, writers: usize, each: usize) -> Res<()> {
    harness::header(&format!(
        "{writers} writers on one workspace, {} registrations each (conflicts retried by Stored)",
        thousands(each)
    ));
    let name = format!("{run}-writers");
    let mut s = Stored::open(PgStore::connect(url)?, &name, Box::new(SeededIds::new(1)))?;
    s.write(|w| w.configure(at(0), Some("VN")))?;
    let (results, d) = time(|| {
        let handles: Vec<_> = (0..writers)
            .map(|k| {
                let (url, name) = (url.to_owned(), name.clone());
                std::thread::spawn(move || -> Result<(usize, usize), String> {
                    let store = PgStore::connect(&url).map_err(|e| e.to_string())?;
                    let mut s = Stored::open(store, &name, clientcare_store::random_ids())
                        .map_err(|e| e.to_string())?;
                    let (mut acked, mut gave_up) = (0, 0);
                    for i in 0..each {
                        let n = 1_000_000 * (k + 1) + i;
                        let c = register(n).map_err(|e| e.to_string())?;
                        match s.execute(at(i + 1), c) {
                            Ok(_) => acked += 1,
                            Err(e) if e.code() == "conflict" => gave_up += 1,
                            Err(e) => return Err(e.to_string()),
                        }
                    }
                    Ok((acked, gave_up))
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().map_err(|_| "a writer panicked".to_string()))
            .collect::<Vec<_>>()
    });
    let (mut total, mut gave_up) = (0, 0);
    let mut per_writer = Vec::new();
    for r in results {
        let (a, g) = r??;
        total += a;
        gave_up += g;
        per_writer.push(format!("{a}/{g}"));
    }
    let head = PgStore::connect(url)?.head(&name)?;
    line(
        &format!("{} commands acknowledged, head {}", thousands(total), head),
        format!("{}commands/s in all", si(per_sec(total, d))),
    );
    line(
        "commands given up after Options::max_retries conflicts",
        format!(
            "{gave_up}  (acknowledged/given up per writer: {})",
            per_writer.join(" ")
        ),
    );
    Ok(())
}

/// `append` of the whole log in batches: COPY (10,000) and one statement (500).
fn batched(url: &str, run: &str, events: &[Event]) -> Res<()> {
    harness::header(&format!(
        "batched appends of {} events (PgStore::append)",
        thousands(events.len())
    ));
    let mut store = PgStore::connect(url)?;
    for (batch, label) in [
        (10_000usize, "batches of 10,000 (COPY ... FORMAT binary)"),
        (500, "batches of 500 (one INSERT ... unnest statement)"),
    ] {
        let name = format!("{run}-batch-{batch}");
        let slice = if batch == 500 {
            &events[..events.len().min(200_000)]
        } else {
            events
        };
        let (r, d) = time(|| -> Res<()> {
            let mut head = 0u64;
            for chunk in slice.chunks(batch) {
                head = store.append(&name, head, chunk, &[])?;
            }
            Ok(())
        });
        r?;
        line(
            &format!("{label}, {} events", thousands(slice.len())),
            format!(
                "{:.2} s  {}events/s",
                d.as_secs_f64(),
                si(per_sec(slice.len(), d))
            ),
        );
    }
    Ok(())
}

/// Opening the stored workspace: full replay, then from a snapshot.
fn open_times(url: &str, run: &str, ws: &Workspace) -> Res<()> {
    let name = format!("{run}-batch-10000");
    let n = ws.events().len();
    harness::header(&format!(
        "opening a stored workspace of {} events",
        thousands(n)
    ));
    let mut db = postgres::Client::connect(url, postgres::NoTls)?;
    let (bytes, d) = time(|| -> Res<usize> {
        let rows = db.query(
            "SELECT body FROM clientcare.events WHERE workspace = $1 ORDER BY seq",
            &[&name],
        )?;
        Ok(rows.iter().map(|r| r.get::<_, &str>(0).len()).sum())
    });
    let bytes = bytes?;
    line(
        "SELECT of the JSON bodies alone (no parse)",
        format!(
            "{:.2} s  {:.0} MB, {} B per event",
            d.as_secs_f64(),
            bytes as f64 / 1e6,
            bytes / n.max(1)
        ),
    );
    let mut store = PgStore::connect(url)?;
    let (events, d) = time(|| store.read(&name, 0, None));
    let events = events?;
    line(
        "PgStore::read of the whole log (SELECT + JSON parse)",
        format!("{:.2} s  {}events/s", d.as_secs_f64(), si(per_sec(n, d))),
    );
    let (paged, d) = time(|| -> Res<usize> {
        let (mut after, mut total) = (0u64, 0usize);
        loop {
            let page = store.read(&name, after, Some(4096))?;
            if page.is_empty() {
                return Ok(total);
            }
            total += page.len();
            after += page.len() as u64;
        }
    });
    if paged? != n {
        return Err("the paged read missed events".into());
    }
    line(
        "  the same in pages of 4,096 (each parsed on the reading thread)",
        format!("{:.2} s  {}events/s", d.as_secs_f64(), si(per_sec(n, d))),
    );
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

    let (opened, d) =
        time(|| Stored::open(PgStore::connect(url)?, &name, Box::new(SeededIds::new(2))));
    let mut opened = opened?;
    line(
        "Stored::open without a snapshot (read + full replay)",
        format!("{:.2} s", d.as_secs_f64()),
    );
    let (seq, d) = time(|| opened.snapshot());
    seq?;
    let size = PgStore::connect(url)?
        .latest_snapshot(&name)?
        .map_or(0, |s| s.bytes.len());
    line(
        "Stored::snapshot (take + store)",
        format!("{:.2} s  {:.1} MB", d.as_secs_f64(), size as f64 / 1e6),
    );
    drop(opened);
    let (opened, d) =
        time(|| Stored::open(PgStore::connect(url)?, &name, Box::new(SeededIds::new(3))));
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
    std::thread::sleep(Duration::from_millis(1));
    Ok(())
}
