//! The SQLite store: round trips, conflicts, snapshots, erasure, damaged
//! files, many workspaces in one file, a writer killed mid-stream and
//! several writer processes on one workspace.
//!
//! The last two run this test binary again as child processes: the test
//! `child_process` does nothing unless `CLIENTCARE_STORE_CHILD` is set.
#![cfg(feature = "sqlite")]
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use chrono::{DateTime, Duration, Utc};
use clientcare::{
    Command, CustomerId, EntityRef, Event, Meta, Outcome, RegisterCustomer, SeededIds, Workspace,
};
use clientcare_store::{EventStore, Options, SqliteStore, StoreError, Stored};
use serde_json::json;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command as Process, Stdio};

fn at(minutes: i64) -> Meta {
    let t0: DateTime<Utc> = "2026-11-02T02:00:00Z".parse().unwrap();
    Meta::system(t0 + Duration::minutes(minutes))
}

fn cmd(v: serde_json::Value) -> Command {
    Command::from_json(&v).unwrap()
}

fn register(name: &str, email: &str) -> Command {
    cmd(json!({"type": "register_customer", "full_name": name, "emails": [email]}))
}

fn complaint(c: CustomerId) -> Command {
    cmd(
        json!({"type": "open_complaint", "customer": c.to_string(), "channel": "phone",
               "subject": "Máy lạnh không chạy", "priority": "high"}),
    )
}

fn customer(o: &Outcome) -> CustomerId {
    match o.created {
        Some(EntityRef::Customer(id)) => id,
        other => panic!("expected a customer, got {other:?}"),
    }
}

/// A fresh database path under the target's temporary directory.
fn db(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("store-sqlite");
    std::fs::create_dir_all(&dir).unwrap();
    // Files of earlier runs (other process ids) go once they are an hour old.
    for entry in std::fs::read_dir(&dir).unwrap().flatten() {
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age.as_secs() > 3600);
        if old
            && entry
                .file_name()
                .to_string_lossy()
                .starts_with(&format!("{name}-"))
        {
            let _ = std::fs::remove_file(entry.path());
        }
    }
    let path = dir.join(format!("{name}-{}.db", std::process::id()));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    path
}

fn open(path: &Path, seed: u64) -> Stored<SqliteStore> {
    clientcare_store::open_with(path, "default", Box::new(SeededIds::new(seed))).unwrap()
}

fn raw(path: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(path).unwrap()
}

fn count(path: &Path, sql: &str) -> i64 {
    raw(path).query_row(sql, [], |r| r.get(0)).unwrap()
}

/// A small but varied workspace: region, an agent, customers, complaints.
fn fill(ws: &mut Stored<SqliteStore>) -> Vec<CustomerId> {
    ws.execute(
        at(0),
        cmd(json!({"type": "configure_workspace", "default_region": "VN"})),
    )
    .unwrap();
    ws.execute(
        at(1),
        cmd(json!({"type": "register_agent", "name": "Phạm Minh", "team": "care"})),
    )
    .unwrap();
    let mut ids = Vec::new();
    for (i, (name, email)) in [
        ("Nguyễn Văn Đức", "duc@example.vn"),
        ("Trần Thị Lan", "lan@example.vn"),
        ("Lê Văn Nam", "nam@example.vn"),
    ]
    .into_iter()
    .enumerate()
    {
        let c = customer(&ws.execute(at(2 + i as i64), register(name, email)).unwrap());
        ws.execute(at(10 + i as i64), complaint(c)).unwrap();
        ids.push(c);
    }
    ids
}

#[test]
fn a_workspace_survives_closing_and_reopening() {
    let path = db("roundtrip");
    let mut ws = open(&path, 1);
    fill(&mut ws);
    let bulk = ws
        .write(|w| {
            Ok(w.register_customers(
                at(30),
                (0..20).map(|i| RegisterCustomer {
                    full_name: format!("Khách hàng {i}"),
                    ..Default::default()
                }),
            ))
        })
        .unwrap();
    assert_eq!(bulk.applied(), 20);
    let seq = ws.workspace().seq();
    let expected = ws.workspace().clone();
    drop(ws);

    assert_eq!(count(&path, "SELECT count(*) FROM events"), seq as i64);
    let again = open(&path, 2);
    assert_eq!(again.workspace(), &expected);
    // The indexed columns match the JSON.
    let (id, ty, at_col, body): (String, String, String, String) = raw(&path)
        .query_row(
            "SELECT id, type, at, body FROM events WHERE seq = 3",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    let ev: Event = serde_json::from_str(&body).unwrap();
    assert_eq!(ev, expected.events()[2]);
    assert_eq!(id, ev.id.to_string());
    assert_eq!(ty, "customer_registered");
    assert_eq!(at_col, "2026-11-02T02:02:00Z");
    // The default open uses workspace "default".
    let d = clientcare_store::open(&path).unwrap();
    assert_eq!(d.workspace(), &expected);
}

#[test]
fn a_stale_writer_gets_conflict_and_retries() {
    let path = db("conflict");
    let mut a = open(&path, 1);
    let ids = fill(&mut a);
    let mut b = open(&path, 2);
    assert_eq!(b.workspace(), a.workspace());

    // a moves on; b's next command is decided on a stale view, its append
    // conflicts, and it catches up and retries.
    a.execute(at(40), complaint(ids[0])).unwrap();
    let head = a.workspace().seq();
    let out = b.execute(at(41), complaint(ids[1])).unwrap();
    assert_eq!(out.first_seq, head + 1);
    a.refresh().unwrap();
    assert_eq!(a.workspace(), b.workspace());

    // A raw append with a stale expected seq: conflict, nothing written.
    let rows = count(&path, "SELECT count(*) FROM events");
    let mut store = SqliteStore::open(&path).unwrap();
    let stale = a.workspace().events()[..2].to_vec();
    let err = store.append("default", 0, &stale, &[]).unwrap_err();
    match &err {
        StoreError::Conflict {
            workspace,
            expected,
            actual,
        } => {
            assert_eq!((workspace.as_str(), *expected), ("default", 0));
            assert_eq!(*actual, a.workspace().seq());
        }
        e => panic!("unexpected {e}"),
    }
    assert_eq!(err.code(), "conflict");
    assert_eq!(count(&path, "SELECT count(*) FROM events"), rows);
    // Out of order: refused before anything is written.
    let tail = a.workspace().events()[3..5].to_vec();
    let err = store
        .append("default", a.workspace().seq(), &tail, &[])
        .unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    assert_eq!(count(&path, "SELECT count(*) FROM events"), rows);
}

#[test]
fn opening_from_a_snapshot_equals_a_full_replay() {
    let path = db("snapshot");
    let options = Options {
        snapshot_every: Some(5),
        ..Options::default()
    };
    let mut ws = clientcare_store::Stored::open_with_options(
        SqliteStore::open(&path).unwrap(),
        "default",
        Box::new(SeededIds::new(1)),
        options,
    )
    .unwrap();
    fill(&mut ws);
    for i in 0..7 {
        ws.execute(
            at(50 + i),
            register(&format!("K {i}"), &format!("k{i}@example.vn")),
        )
        .unwrap();
    }
    let seq = ws.workspace().seq();
    // Only the newest snapshot is kept.
    assert_eq!(count(&path, "SELECT count(*) FROM snapshots"), 1);
    let snap_seq = count(&path, "SELECT seq FROM snapshots");
    assert_eq!(snap_seq, (seq as i64 / 5) * 5);

    let from_snapshot = open(&path, 2);
    assert!(from_snapshot.opened_from_snapshot());
    let replayed = Workspace::replay(
        from_snapshot.workspace().events().to_vec(),
        Box::new(SeededIds::new(3)),
    )
    .unwrap();
    assert_eq!(from_snapshot.workspace(), &replayed);
    assert_eq!(from_snapshot.workspace(), ws.workspace());

    // An explicit snapshot at the head.
    assert_eq!(ws.snapshot().unwrap(), seq);
    assert_eq!(count(&path, "SELECT seq FROM snapshots"), seq as i64);
    let again = open(&path, 4);
    assert!(again.opened_from_snapshot());
    assert_eq!(again.workspace(), ws.workspace());

    // A snapshot the core refuses: replayed instead, and said so.
    raw(&path)
        .execute("UPDATE snapshots SET bytes = x'00010203'", [])
        .unwrap();
    let fallback = open(&path, 5);
    assert!(!fallback.opened_from_snapshot());
    assert!(fallback.journal().snapshot_refused().is_some());
    assert_eq!(fallback.workspace(), ws.workspace());
}

/// Every byte of the database and its WAL.
fn file_bytes(path: &Path) -> Vec<u8> {
    let mut all = std::fs::read(path).unwrap();
    if let Ok(wal) = std::fs::read(format!("{}-wal", path.display())) {
        all.extend(wal);
    }
    all
}

fn contains(hay: &[u8], needle: &str) -> bool {
    hay.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[test]
fn an_erasure_rewrites_the_stored_rows_and_drops_older_snapshots() {
    let path = db("erasure");
    let mut ws = open(&path, 1);
    let ids = fill(&mut ws);
    ws.snapshot().unwrap();
    let before = ws.workspace().seq();
    let q = "SELECT count(*) FROM events WHERE body LIKE '%duc@example.vn%' \
             OR body LIKE '%Nguyễn Văn Đức%'";
    assert!(count(&path, q) > 0);
    assert_eq!(count(&path, "SELECT count(*) FROM snapshots"), 1);
    let stale_snapshot = ws.workspace().snapshot();

    ws.execute(
        at(60),
        cmd(json!({"type": "erase_customer", "customer": ids[0].to_string()})),
    )
    .unwrap();
    drop(ws);
    assert_eq!(count(&path, q), 0);
    assert_eq!(count(&path, "SELECT count(*) FROM snapshots"), 0);
    // Nowhere in the files either (secure_delete, WAL checkpointed).
    let bytes = file_bytes(&path);
    assert!(!contains(&bytes, "duc@example.vn"));
    assert!(!contains(&bytes, "Nguyễn Văn Đức"));
    assert!(contains(&bytes, "lan@example.vn"));
    // The other customers' events are untouched; the log replays.
    let again = open(&path, 2);
    assert!(again.workspace().seq() > before);
    assert!(again.workspace().customer(ids[1]).is_ok());
    // A snapshot from before the erasure is refused.
    let mut store = SqliteStore::open(&path).unwrap();
    let err = store
        .save_snapshot(
            "default",
            &clientcare_store::Snapshot {
                seq: before,
                bytes: stale_snapshot,
            },
        )
        .unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    assert!(err.to_string().contains("erasure"), "{err}");
}

#[test]
fn a_damaged_row_is_a_clear_corrupt_error() {
    let path = db("corrupt");
    let mut ws = open(&path, 1);
    fill(&mut ws);
    drop(ws);
    let conn = raw(&path);
    conn.execute(
        "UPDATE events SET body = '{\"v\": 1, \"seq\":' WHERE seq = 4",
        [],
    )
    .unwrap();
    let err =
        clientcare_store::open_with(&path, "default", Box::new(SeededIds::new(1))).unwrap_err();
    assert_eq!(err.code(), "corrupt_store");
    let msg = err.to_string();
    assert!(
        msg.contains("seq 4") && msg.contains("does not parse"),
        "{msg}"
    );

    // A gap in the log.
    let path = db("gap");
    let mut ws = open(&path, 1);
    fill(&mut ws);
    drop(ws);
    raw(&path)
        .execute("DELETE FROM events WHERE seq = 5", [])
        .unwrap();
    let err =
        clientcare_store::open_with(&path, "default", Box::new(SeededIds::new(1))).unwrap_err();
    assert_eq!(err.code(), "corrupt_store");
    assert!(
        err.to_string().contains("jumps from seq 4 to seq 6"),
        "{err}"
    );

    // An event that parses but does not fit the log: the core names it.
    let path = db("misfit");
    let mut ws = open(&path, 1);
    fill(&mut ws);
    drop(ws);
    let body: String = raw(&path)
        .query_row("SELECT body FROM events WHERE seq = 3", [], |r| r.get(0))
        .unwrap();
    raw(&path)
        .execute(
            "UPDATE events SET body = ?1 WHERE seq = 6",
            [body.replace("\"seq\":3", "\"seq\":6")],
        )
        .unwrap();
    let err =
        clientcare_store::open_with(&path, "default", Box::new(SeededIds::new(1))).unwrap_err();
    assert_eq!(err.code(), "corrupt_log", "{err}");
}

#[test]
fn foreign_and_newer_files_are_refused() {
    let path = db("newer");
    drop(open(&path, 1));
    raw(&path)
        .execute(
            "UPDATE meta SET value = '99' WHERE key = 'schema_version'",
            [],
        )
        .unwrap();
    let err = SqliteStore::open(&path).unwrap_err();
    assert_eq!(err.code(), "storage");
    assert!(err.to_string().contains("schema version 99"), "{err}");

    let path = db("foreign");
    raw(&path)
        .execute("CREATE TABLE people (name TEXT)", [])
        .unwrap();
    let err = SqliteStore::open(&path).unwrap_err();
    assert!(err.to_string().contains("not a clientcare store"), "{err}");

    let path = db("text");
    std::fs::write(
        &path,
        "this is not a database, just some text that is long enough to fail",
    )
    .unwrap();
    let err = SqliteStore::open(&path).unwrap_err();
    assert_eq!(err.code(), "storage");
    assert!(err.to_string().contains("text-"), "names the file: {err}");

    let err = SqliteStore::open("/nonexistent-dir/x/care.db").unwrap_err();
    assert_eq!(err.code(), "storage");
}

#[test]
fn many_workspaces_share_one_file() {
    let path = db("tenants");
    let mut shop =
        clientcare_store::open_with(&path, "hcmc-shop", Box::new(SeededIds::new(1))).unwrap();
    let mut hanoi =
        clientcare_store::open_with(&path, "hà-nội", Box::new(SeededIds::new(2))).unwrap();
    fill(&mut shop);
    hanoi
        .execute(at(0), register("Đỗ Thu Hà", "ha@example.vn"))
        .unwrap();
    let mut store = SqliteStore::open(&path).unwrap();
    assert_eq!(
        store.workspaces().unwrap(),
        vec!["hcmc-shop".to_owned(), "hà-nội".to_owned()]
    );
    assert_eq!(store.head("hà-nội").unwrap(), 1);
    assert_eq!(store.head("hcmc-shop").unwrap(), shop.workspace().seq());
    assert_eq!(store.head("nobody").unwrap(), 0);
    assert!(store.read("nobody", 0, None).unwrap().is_empty());
    assert_eq!(store.read("hcmc-shop", 2, Some(3)).unwrap().len(), 3);
    let again = clientcare_store::open_with(&path, "hà-nội", Box::new(SeededIds::new(3))).unwrap();
    assert_eq!(again.workspace(), hanoi.workspace());
    assert_eq!(again.workspace().customer_count(), 1);
    assert!(clientcare_store::open_with(&path, "", Box::new(SeededIds::new(3))).is_err());
}

// ----- child processes -----

const CHILD: &str = "CLIENTCARE_STORE_CHILD";

/// Runs this test binary again as `child_process` with the given mode.
fn spawn(mode: &str, path: &Path, seed: u64, count: usize) -> Child {
    Process::new(std::env::current_exe().unwrap())
        .args([
            "child_process",
            "--exact",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD, format!("{mode} {} {seed} {count}", path.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap()
}

fn fnv(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The child side. `kill` writes until it is killed, alternating single
/// commands and bulk writes of three customers, printing `ack <first> <last>
/// <tag>` after each acknowledged write. `writer` runs `count` commands and
/// prints `ack <seq> <tag>` each, then `final <seq> <customers> <log hash>`.
#[test]
fn child_process() {
    let Ok(spec) = std::env::var(CHILD) else {
        return;
    };
    let parts: Vec<&str> = spec.split(' ').collect();
    let (mode, path, seed, n) = (
        parts[0],
        Path::new(parts[1]),
        parts[2].parse::<u64>().unwrap(),
        parts[3].parse::<usize>().unwrap(),
    );
    let mut ws = open(path, seed);
    // Writers start together: the parent creates `<db>.go` once all run.
    let go = PathBuf::from(format!("{}.go", path.display()));
    while mode == "writer" && !go.exists() {
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    let mut out = std::io::stdout().lock();
    for i in 0..n {
        let tag = format!("w{seed}-{i}");
        match mode {
            "kill" if i % 2 == 1 => {
                let before = ws.workspace().seq();
                ws.write(|w| {
                    let rows = (0..3).map(|j| RegisterCustomer {
                        full_name: format!("{tag} row {j}"),
                        ..Default::default()
                    });
                    let bulk = w.register_customers(at(i as i64), rows);
                    Ok(bulk.applied())
                })
                .unwrap();
                writeln!(out, "ack {} {} {tag}", before + 1, ws.workspace().seq()).unwrap();
            }
            _ => {
                let o = ws
                    .execute(at(i as i64), register(&tag, &format!("{tag}@example.vn")))
                    .unwrap();
                let mut last = o.first_seq;
                if mode == "writer" && i % 4 == 3 {
                    last = ws
                        .execute(at(i as i64), complaint(customer(&o)))
                        .unwrap()
                        .first_seq;
                }
                if mode == "kill" {
                    writeln!(out, "ack {} {last} {tag}", o.first_seq).unwrap();
                } else {
                    writeln!(out, "ack {} {tag}", o.first_seq).unwrap();
                    if last != o.first_seq {
                        writeln!(out, "ack {last} {tag}-complaint").unwrap();
                    }
                }
            }
        }
        out.flush().unwrap();
    }
    let w = ws.workspace();
    writeln!(
        out,
        "final {} {} {}",
        w.seq(),
        w.customer_count(),
        fnv(&w.export_jsonl())
    )
    .unwrap();
    out.flush().unwrap();
}

/// The `ack`/`final` lines of a child's stdout (libtest's own lines skipped).
fn lines_of(child: &mut Child) -> impl Iterator<Item = Vec<String>> {
    let stdout = child.stdout.take().unwrap();
    BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .filter_map(|l| {
            // libtest may print `test child_process ... ` before the first line.
            let start = l.find("ack ").or_else(|| l.find("final "))?;
            Some(l[start..].split(' ').map(str::to_owned).collect())
        })
}

#[test]
fn a_killed_writer_loses_nothing_it_acknowledged() {
    let path = db("killed");
    let mut setup = open(&path, 1);
    setup
        .execute(
            at(0),
            cmd(json!({"type": "configure_workspace", "default_region": "VN"})),
        )
        .unwrap();
    drop(setup);

    let mut child = spawn("kill", &path, 7, 1_000_000);
    let mut acks: Vec<(u64, u64, String)> = Vec::new();
    let lines = lines_of(&mut child);
    for parts in lines {
        acks.push((
            parts[1].parse().unwrap(),
            parts[2].parse().unwrap(),
            parts[3].clone(),
        ));
        if acks.len() == 300 {
            // SIGKILL in the middle of the stream: the child is between or
            // inside its next write.
            child.kill().unwrap();
        }
    }
    child.wait().unwrap();
    assert!(
        acks.len() >= 300,
        "the child wrote only {} times",
        acks.len()
    );

    let ws = open(&path, 2);
    let w = ws.workspace();
    let events = w.events();
    let head = w.seq();
    // Every acknowledged write is there, with all its events.
    for (first, last, tag) in &acks {
        assert!(
            *last <= head,
            "ack {first}..{last} ({tag}) missing: head {head}"
        );
        for seq in *first..=*last {
            let body = serde_json::to_string(&events[(seq - 1) as usize]).unwrap();
            assert!(
                body.contains(tag.as_str()),
                "seq {seq} is not {tag}'s: {body}"
            );
        }
    }
    // No partial write: each bulk write's three customers are all there or
    // none (the one in flight when the child died may be either).
    let names: Vec<String> = w.customers().map(|c| c.names.full.clone()).collect();
    let last_ack = acks.last().unwrap().1;
    for i in (1..acks.len() + 2).step_by(2) {
        let rows = names
            .iter()
            .filter(|n| n.starts_with(&format!("w7-{i} row ")))
            .count();
        assert!(
            rows == 0 || rows == 3,
            "bulk write {i} is partial: {rows} rows"
        );
    }
    assert!(head >= last_ack);
    assert!(
        head <= last_ack + 3,
        "at most one unacknowledged write: {head} vs {last_ack}"
    );
    // The stored log replays cleanly.
    let replayed = Workspace::replay(events.to_vec(), Box::new(SeededIds::new(3))).unwrap();
    assert_eq!(&replayed, w);
}

#[test]
fn several_writer_processes_share_one_workspace() {
    const WRITERS: u64 = 4;
    const COMMANDS: usize = 60;
    let path = db("writers");
    let mut setup = open(&path, 1);
    setup
        .execute(
            at(0),
            cmd(json!({"type": "configure_workspace", "default_region": "VN"})),
        )
        .unwrap();
    drop(setup);

    let go = PathBuf::from(format!("{}.go", path.display()));
    let _ = std::fs::remove_file(&go);
    let mut children: Vec<Child> = (0..WRITERS)
        .map(|w| spawn("writer", &path, 100 + w, COMMANDS))
        .collect();
    std::thread::sleep(std::time::Duration::from_millis(300));
    std::fs::write(&go, "go").unwrap();
    let mut acks: Vec<(u64, String)> = Vec::new();
    let mut finals: Vec<(u64, usize, u64)> = Vec::new();
    let outputs: Vec<Vec<Vec<String>>> =
        children.iter_mut().map(|c| lines_of(c).collect()).collect();
    for (c, lines) in children.iter_mut().zip(outputs) {
        assert!(c.wait().unwrap().success(), "a writer failed");
        for parts in lines {
            if parts[0] == "ack" {
                acks.push((parts[1].parse().unwrap(), parts[2].clone()));
            } else {
                finals.push((
                    parts[1].parse().unwrap(),
                    parts[2].parse().unwrap(),
                    parts[3].parse().unwrap(),
                ));
            }
        }
    }
    assert_eq!(finals.len(), WRITERS as usize);
    let per_writer = COMMANDS + COMMANDS / 4;
    assert_eq!(acks.len(), WRITERS as usize * per_writer);

    let mut store = SqliteStore::open(&path).unwrap();
    let events = store.read("default", 0, None).unwrap();
    // No gaps, no duplicates: seqs 1..=n, every event id once, every ack once.
    assert_eq!(events.len(), 1 + acks.len());
    let writer_of = |e: &Event| {
        let body = serde_json::to_string(e).unwrap();
        (100..100 + WRITERS).find(|w| body.contains(&format!("w{w}-")))
    };
    let order: Vec<u64> = events.iter().filter_map(writer_of).collect();
    let switches = order.windows(2).filter(|p| p[0] != p[1]).count();
    // Every writer's commands are in one log. (They run in bursts: SQLite's
    // busy handler hands the write lock over after short sleeps; each
    // hand-over is a stale writer's conflict, caught up and retried.)
    assert!(switches >= WRITERS as usize - 1, "{switches} hand-overs");
    for (i, ev) in events.iter().enumerate() {
        assert_eq!(ev.seq, i as u64 + 1);
    }
    let mut ids: Vec<_> = events.iter().map(|e| e.id).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), events.len(), "duplicate event ids");
    let mut seqs: Vec<u64> = acks.iter().map(|a| a.0).collect();
    seqs.sort_unstable();
    seqs.dedup();
    assert_eq!(seqs.len(), acks.len(), "two acks for one seq");
    let seq_of: std::collections::HashMap<&str, u64> =
        acks.iter().map(|(s, t)| (t.as_str(), *s)).collect();
    for (seq, tag) in &acks {
        let ev = &events[(*seq - 1) as usize];
        let body = serde_json::to_string(ev).unwrap();
        if let Some(owner) = tag.strip_suffix("-complaint") {
            // The complaint is about the customer its writer registered.
            assert_eq!(ev.payload.type_name(), "complaint_opened");
            let registered = &events[(seq_of[owner] - 1) as usize];
            let EntityRef::Customer(c) = registered.entity else {
                panic!("{owner}'s event is not a customer's")
            };
            assert!(body.contains(&c.to_string()), "{body}");
        } else {
            assert!(body.contains(tag.as_str()), "seq {seq} is not {tag}'s");
        }
    }
    // What each writer last saw is the replay of the log up to its seq.
    let full = Workspace::replay(events.clone(), Box::new(SeededIds::new(1))).unwrap();
    assert_eq!(full.customer_count(), WRITERS as usize * COMMANDS);
    for (seq, customers, hash) in finals {
        let prefix =
            Workspace::replay(events[..seq as usize].to_vec(), Box::new(SeededIds::new(1)))
                .unwrap();
        assert_eq!(prefix.customer_count(), customers);
        assert_eq!(fnv(&prefix.export_jsonl()), hash, "writer at seq {seq}");
    }
}

#[test]
fn long_logs_are_read_in_parallel_chunks_in_order() {
    let path = db("long");
    let mut ws = open(&path, 1);
    ws.execute(
        at(0),
        cmd(json!({"type": "configure_workspace", "default_region": "VN"})),
    )
    .unwrap();
    for k in 0..3 {
        ws.write(|w| {
            Ok(w.register_customers(
                at(k + 1),
                (0..4_000).map(|i| RegisterCustomer {
                    full_name: format!("Khách {k}-{i}"),
                    ..Default::default()
                }),
            ))
        })
        .unwrap();
    }
    let expected = ws.workspace().clone();
    assert_eq!(expected.seq(), 12_001);
    let mut store = SqliteStore::open(&path).unwrap();
    assert_eq!(store.read("default", 0, None).unwrap(), expected.events());
    assert_eq!(
        store.read("default", 777, Some(9_000)).unwrap(),
        expected.events()[777..9_777].to_vec()
    );
    assert_eq!(open(&path, 2).workspace(), &expected);
    // A bad row deep in the log (parsed by a parser thread) is named.
    raw(&path)
        .execute("UPDATE events SET body = 'null' WHERE seq = 10001", [])
        .unwrap();
    let err = store.read("default", 0, None).unwrap_err();
    assert_eq!(err.code(), "corrupt_store");
    assert!(err.to_string().contains("seq 10001"), "{err}");
}
