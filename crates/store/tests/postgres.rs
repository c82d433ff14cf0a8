//! The PostgreSQL store against a real server (`CLIENTCARE_PG_URL`, started
//! by `scripts/pg.sh`): the interface, `Stored` on it, erasure, tenants, the
//! notifications, and N writer processes appending to one workspace.
//!
//! Without a server each test prints `SKIPPED: <reason>` to stderr (not
//! captured by the test harness); with `CLIENTCARE_PG_REQUIRED=1` (set by
//! scripts/test.sh once the server started) a missing server fails instead.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[cfg(not(feature = "postgres"))]
#[test]
fn postgres_tests_need_the_feature() {
    use std::io::Write;
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED: the PostgreSQL store tests need `--features postgres` (cargo test -p clientcare-store --all-features)"
    );
}

#[cfg(feature = "postgres")]
mod pg {
    use chrono::{DateTime, Duration, TimeZone, Utc};
    use clientcare::{Command, Event, Meta, SeededIds, Workspace};
    use clientcare_store::{random_ids, EventStore, PgStore, Snapshot, StoreError, Stored};
    use serde_json::{json, Value};
    use std::io::Write;
    use std::sync::{Arc, Barrier};
    use std::time::Instant;

    // ----- set-up -----

    /// The server's URL, or `None` after printing why the test is skipped.
    fn url() -> Option<String> {
        let required = std::env::var("CLIENTCARE_PG_REQUIRED").is_ok_and(|v| v == "1");
        let skip = |why: String| -> Option<String> {
            assert!(!required, "CLIENTCARE_PG_REQUIRED=1 but {why}");
            let _ = writeln!(std::io::stderr(), "SKIPPED: {why}");
            None
        };
        match std::env::var("CLIENTCARE_PG_URL") {
            Ok(u) if !u.trim().is_empty() => match postgres::Client::connect(&u, postgres::NoTls) {
                Ok(_) => {
                    // Reachable: from here on, any failure is a real one.
                    PgStore::connect(&u).expect("PgStore::connect");
                    Some(u)
                }
                Err(e) => skip(format!(
                    "PostgreSQL at CLIENTCARE_PG_URL cannot be reached: {e}"
                )),
            },
            _ => skip(
                "CLIENTCARE_PG_URL is not set; start a server with \
                 `export CLIENTCARE_PG_URL=$(bash scripts/pg.sh)`"
                    .into(),
            ),
        }
    }

    /// A workspace name no other test or run uses.
    fn unique(test: &str) -> String {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        format!("t-{test}-{}-{nanos}", std::process::id())
    }

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 2, 2, 0, 0).single().unwrap()
    }

    fn at(minutes: i64) -> Meta {
        Meta::system(t0() + Duration::minutes(minutes))
    }

    fn cmd(v: Value) -> Command {
        Command::from_json(&v).unwrap()
    }

    fn register(name: &str, email: &str) -> Command {
        cmd(json!({"type": "register_customer", "full_name": name, "emails": [email]}))
    }

    fn complaint(customer: &str) -> Command {
        cmd(json!({
            "type": "open_complaint", "customer": customer, "channel": "phone",
            "subject": "Máy lạnh không chạy", "category": "warranty", "priority": "high"
        }))
    }

    fn created_id(o: &clientcare::Outcome) -> String {
        let v = serde_json::to_value(o.created.unwrap()).unwrap();
        v["id"].as_str().unwrap().to_owned()
    }

    /// A workspace built in memory: `n` registrations after the configuration.
    fn local_events(seed: u64, n: usize) -> Vec<Event> {
        let mut ws = Workspace::with_seed(seed);
        ws.configure(at(0), Some("VN")).unwrap();
        for i in 0..n {
            let m = i64::try_from(i).unwrap();
            ws.execute(
                at(m + 1),
                register(&format!("Khách {i}"), &format!("k{i}@example.vn")),
            )
            .unwrap();
        }
        ws.events().to_vec()
    }

    fn raw(url: &str) -> postgres::Client {
        postgres::Client::connect(url, postgres::NoTls).unwrap()
    }

    fn stored(url: &str, name: &str, seed: u64) -> Stored<PgStore> {
        Stored::open(
            PgStore::connect(url).unwrap(),
            name,
            Box::new(SeededIds::new(seed)),
        )
        .unwrap()
    }

    // ----- the interface -----

    #[test]
    fn round_trip_through_stored() {
        let Some(url) = url() else { return };
        let name = unique("round-trip");
        let mut s = stored(&url, &name, 1);
        assert_eq!(s.workspace().seq(), 0);
        s.execute(
            at(0),
            cmd(json!({"type": "configure_workspace", "default_region": "VN"})),
        )
        .unwrap();
        let duc = s
            .execute(at(1), register("Nguyễn Văn Đức", "duc@example.vn"))
            .unwrap();
        let duc = created_id(&duc);
        s.execute(at(2), complaint(&duc)).unwrap();
        let err = s
            .execute(at(3), register("Someone Else", "DUC@example.vn"))
            .unwrap_err();
        assert_eq!(err.code(), "conflict", "{err}");
        s.write(|w| {
            w.execute(at(4), register("Trần Thị Lan", "lan@example.vn"))?;
            w.execute(at(5), register("Lê Văn Tám", "tam@example.vn"))
        })
        .unwrap();

        let mut store = PgStore::connect(&url).unwrap();
        assert_eq!(store.head(&name).unwrap(), s.workspace().seq());
        assert_eq!(store.read(&name, 0, None).unwrap(), s.workspace().events());
        assert_eq!(
            store.read(&name, 2, Some(2)).unwrap(),
            &s.workspace().events()[2..4]
        );
        assert!(store
            .read(&name, s.workspace().seq(), None)
            .unwrap()
            .is_empty());
        let again = stored(&url, &name, 2);
        assert_eq!(again.workspace(), s.workspace());
        assert!(!again.opened_from_snapshot());
        let replayed = Workspace::replay(
            store.read(&name, 0, None).unwrap(),
            Box::new(SeededIds::new(3)),
        )
        .unwrap();
        assert_eq!(&replayed, s.workspace());

        // The indexed columns hold copies of the JSON's envelope.
        let mut db = raw(&url);
        let rows = db
            .query(
                "SELECT seq, id::text, type, at, body FROM clientcare.events WHERE workspace = $1 ORDER BY seq",
                &[&name],
            )
            .unwrap();
        assert_eq!(rows.len() as u64, s.workspace().seq());
        for (row, ev) in rows.iter().zip(s.workspace().events()) {
            assert_eq!(row.get::<_, i64>(0) as u64, ev.seq);
            assert_eq!(row.get::<_, String>(1), ev.id.to_string());
            assert_eq!(row.get::<_, String>(2), ev.payload.type_name());
            assert_eq!(row.get::<_, DateTime<Utc>>(3), ev.at);
            assert_eq!(row.get::<_, String>(4), serde_json::to_string(ev).unwrap());
        }
    }

    #[test]
    fn a_stale_expected_is_a_conflict_and_writes_nothing() {
        let Some(url) = url() else { return };
        let name = unique("stale");
        let mut store = PgStore::connect(&url).unwrap();
        let events = local_events(1, 5);
        assert_eq!(store.append(&name, 0, &events[..3], &[]).unwrap(), 3);
        let other = local_events(2, 5);

        for expected in [0, 1, 2, 4, 9] {
            let err = store.append(&name, expected, &other[..1], &[]);
            // Numbered from expected + 1 or refused as invalid before any I/O.
            let err = match err {
                Err(e) => e,
                Ok(h) => panic!("append at stale {expected} succeeded: head {h}"),
            };
            assert!(
                matches!(err, StoreError::Conflict { .. } | StoreError::Invalid(_)),
                "{err}"
            );
        }
        let renumbered: Vec<Event> = other[..2]
            .iter()
            .enumerate()
            .map(|(i, e)| Event {
                seq: 2 + i as u64,
                ..e.clone()
            })
            .collect();
        let err = store.append(&name, 1, &renumbered, &[]).unwrap_err();
        match &err {
            StoreError::Conflict {
                workspace,
                expected,
                actual,
            } => {
                assert_eq!(
                    (workspace.as_str(), *expected, *actual),
                    (name.as_str(), 1, 3)
                );
            }
            e => panic!("expected a conflict, got {e}"),
        }
        assert_eq!(err.code(), "conflict");
        // The same through the one-statement path and the transaction path (COPY).
        let big = local_events(3, 700);
        let big_renumbered: Vec<Event> = big
            .iter()
            .enumerate()
            .map(|(i, e)| Event {
                seq: 3 + i as u64,
                ..e.clone()
            })
            .collect();
        let err = store
            .append(&name, 2, &big_renumbered[..600], &[])
            .unwrap_err();
        assert_eq!(err.code(), "conflict", "{err}");
        assert_eq!(store.head(&name).unwrap(), 3);
        assert_eq!(store.read(&name, 0, None).unwrap(), &events[..3]);

        // Events that do not continue from expected are invalid.
        let err = store.append(&name, 3, &events[..1], &[]).unwrap_err();
        assert_eq!(err.code(), "invalid_input", "{err}");
        // An empty append checks the head.
        assert_eq!(store.append(&name, 3, &[], &[]).unwrap(), 3);
        assert_eq!(
            store.append(&name, 2, &[], &[]).unwrap_err().code(),
            "conflict"
        );
        // And the right expected goes through.
        assert_eq!(store.append(&name, 3, &events[3..], &[]).unwrap(), 6);
        assert_eq!(store.read(&name, 0, None).unwrap(), events);
        // A bad name is refused.
        assert_eq!(store.head("").unwrap_err().code(), "invalid_input");
        assert_eq!(
            store
                .append("a\nb", 0, &events[..1], &[])
                .unwrap_err()
                .code(),
            "invalid_input"
        );
    }

    #[test]
    fn two_writers_with_the_same_expected_have_exactly_one_winner() {
        let Some(url) = url() else { return };
        let name = unique("race");
        let rounds = 12;
        // Each round: both writers append a batch after the same head; a
        // batch of 600 takes the COPY path, one of 3 the single statement.
        let a = local_events(10, 700);
        let b = local_events(20, 700);
        let barrier = Arc::new(Barrier::new(2));
        let run = |events: Vec<Event>, barrier: Arc<Barrier>, url: String, name: String| {
            std::thread::spawn(move || {
                let mut store = PgStore::connect(&url).unwrap();
                let mut wins = Vec::new();
                for round in 0..rounds {
                    barrier.wait();
                    let head = store.head(&name).unwrap();
                    barrier.wait();
                    let n = if round % 3 == 2 { 600 } else { 3 };
                    let batch: Vec<Event> = events[..n]
                        .iter()
                        .enumerate()
                        .map(|(i, e)| Event {
                            seq: head + 1 + i as u64,
                            ..e.clone()
                        })
                        .collect();
                    match store.append(&name, head, &batch, &[]) {
                        Ok(h) => wins.push((round, h)),
                        Err(StoreError::Conflict { .. }) => {}
                        Err(e) => panic!("round {round}: {e}"),
                    }
                }
                wins
            })
        };
        let ta = run(a, barrier.clone(), url.clone(), name.clone());
        let tb = run(b, barrier, url.clone(), name.clone());
        let (wa, wb) = (ta.join().unwrap(), tb.join().unwrap());
        let mut winners: Vec<usize> = wa.iter().chain(&wb).map(|w| w.0).collect();
        winners.sort_unstable();
        assert_eq!(
            winners,
            (0..rounds).collect::<Vec<_>>(),
            "one winner per round: {wa:?} {wb:?}"
        );
        let mut store = PgStore::connect(&url).unwrap();
        let expected_head: u64 = (0..rounds).map(|r| if r % 3 == 2 { 600 } else { 3 }).sum();
        assert_eq!(store.head(&name).unwrap(), expected_head);
        assert_eq!(
            store.read(&name, 0, None).unwrap().len() as u64,
            expected_head
        );
        store.delete_workspace(&name).unwrap();
    }

    #[test]
    fn large_batches_round_trip_through_copy() {
        let Some(url) = url() else { return };
        let name = unique("copy");
        let mut store = PgStore::connect(&url).unwrap();
        let events = local_events(4, 6000);
        let t = Instant::now();
        assert_eq!(store.append(&name, 0, &events[..5500], &[]).unwrap(), 5500);
        assert_eq!(
            store.append(&name, 5500, &events[5500..], &[]).unwrap(),
            events.len() as u64
        );
        let _ = writeln!(
            std::io::stderr(),
            "appended {} events in 2 batches in {:?}",
            events.len(),
            t.elapsed()
        );
        assert_eq!(store.read(&name, 0, None).unwrap(), events);
        assert_eq!(
            store.read(&name, 1000, Some(10)).unwrap(),
            &events[1000..1010]
        );
        store.delete_workspace(&name).unwrap();
    }

    #[test]
    fn a_gap_or_a_damaged_event_is_reported_as_corrupt() {
        let Some(url) = url() else { return };
        let name = unique("corrupt");
        let mut store = PgStore::connect(&url).unwrap();
        let events = local_events(7, 6000);
        store.append(&name, 0, &events, &[]).unwrap();
        let mut db = raw(&url);
        // A damaged body early (parsed inline) and a gap late (past the
        // point where parsing moves to a second thread).
        for (what, sql, seq) in [
            (
                "bad body",
                "UPDATE clientcare.events SET body = '{\"v\":1' WHERE workspace = $1 AND seq = $2",
                10i64,
            ),
            (
                "bad body",
                "UPDATE clientcare.events SET body = '{\"v\":1' WHERE workspace = $1 AND seq = $2",
                5000,
            ),
            (
                "gap",
                "DELETE FROM clientcare.events WHERE workspace = $1 AND seq = $2",
                5500,
            ),
        ] {
            let copy = unique("corrupt-copy");
            store.append(&copy, 0, &events, &[]).unwrap();
            db.execute(sql, &[&copy, &seq]).unwrap();
            let err = store.read(&copy, 0, None).unwrap_err();
            assert_eq!(err.code(), "corrupt_store", "{what} at {seq}: {err}");
            assert!(err.to_string().contains(&seq.to_string()), "{what}: {err}");
            let err = Stored::open(
                PgStore::connect(&url).unwrap(),
                &copy,
                Box::new(SeededIds::new(1)),
            )
            .unwrap_err();
            assert_eq!(err.code(), "corrupt_store", "{err}");
            store.delete_workspace(&copy).unwrap();
        }
        assert_eq!(store.read(&name, 0, None).unwrap(), events);
        store.delete_workspace(&name).unwrap();
    }

    #[test]
    fn a_snapshot_opens_to_what_a_replay_gives() {
        let Some(url) = url() else { return };
        let name = unique("snapshot");
        let mut s = stored(&url, &name, 1);
        s.write(|w| w.configure(at(0), Some("VN"))).unwrap();
        for i in 0..30 {
            s.execute(
                at(i + 1),
                register(&format!("Phạm Thị {i}"), &format!("p{i}@example.vn")),
            )
            .unwrap();
        }
        assert_eq!(s.snapshot().unwrap(), 31);
        for i in 30..40 {
            s.execute(
                at(i + 1),
                register(&format!("Phạm Thị {i}"), &format!("p{i}@example.vn")),
            )
            .unwrap();
        }
        let mut store = PgStore::connect(&url).unwrap();
        let snap = store.latest_snapshot(&name).unwrap().unwrap();
        assert_eq!(snap.seq, 31);
        let opened = stored(&url, &name, 2);
        assert!(opened.opened_from_snapshot());
        let replayed = Workspace::replay(
            store.read(&name, 0, None).unwrap(),
            Box::new(SeededIds::new(3)),
        )
        .unwrap();
        assert_eq!(opened.workspace(), &replayed);
        assert_eq!(opened.workspace(), s.workspace());

        // Same seq replaces; beyond the head is refused; the latest wins.
        store.save_snapshot(&name, &snap).unwrap();
        let beyond = Snapshot {
            seq: 42,
            bytes: snap.bytes.clone(),
        };
        assert_eq!(
            store.save_snapshot(&name, &beyond).unwrap_err().code(),
            "invalid_input"
        );
        assert_eq!(s.snapshot().unwrap(), 41);
        assert_eq!(store.latest_snapshot(&name).unwrap().unwrap().seq, 41);
        assert!(store.latest_snapshot(&unique("none")).unwrap().is_none());
        let unknown = Snapshot {
            seq: 1,
            bytes: vec![1],
        };
        assert_eq!(
            store
                .save_snapshot(&unique("none"), &unknown)
                .unwrap_err()
                .code(),
            "invalid_input"
        );

        // A snapshot the core refuses: open falls back to a full replay.
        let mut db = raw(&url);
        db.execute(
            "UPDATE clientcare.snapshots SET bytes = '\\x00ff'::bytea WHERE workspace = $1",
            &[&name],
        )
        .unwrap();
        let fallback = stored(&url, &name, 4);
        assert!(!fallback.opened_from_snapshot());
        assert!(fallback.journal().snapshot_refused().is_some());
        assert_eq!(fallback.workspace(), s.workspace());
    }

    #[test]
    fn erasure_rewrites_the_stored_json_and_drops_snapshots() {
        let Some(url) = url() else { return };
        let name = unique("erasure");
        let mut s = stored(&url, &name, 1);
        s.write(|w| w.configure(at(0), Some("VN"))).unwrap();
        let duc = created_id(
            &s.execute(at(1), register("Nguyễn Văn Đức", "duc@example.vn"))
                .unwrap(),
        );
        let lan = created_id(
            &s.execute(at(2), register("Trần Thị Lan", "lan@example.vn"))
                .unwrap(),
        );
        s.execute(at(3), complaint(&duc)).unwrap();
        s.execute(at(4), complaint(&lan)).unwrap();
        s.snapshot().unwrap();
        let before_erasure = s.workspace().seq();
        let mut db = raw(&url);
        let mentions = |db: &mut postgres::Client, text: &str| -> i64 {
            db.query_one(
                "SELECT count(*) FROM clientcare.events WHERE workspace = $1 AND body LIKE '%' || $2 || '%'",
                &[&name, &text],
            )
            .unwrap()
            .get(0)
        };
        assert!(mentions(&mut db, "duc@example.vn") > 0);
        assert!(mentions(&mut db, "Nguyễn Văn Đức") > 0);

        // A listener sees the erasure's append.
        let mut listener = PgStore::connect(&url).unwrap().listener().unwrap();
        s.execute(
            at(5),
            cmd(json!({"type": "erase_customer", "customer": duc})),
        )
        .unwrap();
        let head = s.workspace().seq();
        assert_eq!(
            listener
                .wait_for(&name, before_erasure, std::time::Duration::from_secs(10))
                .unwrap(),
            Some(head)
        );

        assert_eq!(
            mentions(&mut db, "duc@example.vn"),
            0,
            "the email is gone from the stored JSON"
        );
        assert_eq!(
            mentions(&mut db, "Nguyễn Văn Đức"),
            0,
            "the name is gone from the stored JSON"
        );
        assert!(mentions(&mut db, "lan@example.vn") > 0, "others are kept");
        let mut store = PgStore::connect(&url).unwrap();
        assert!(
            store.latest_snapshot(&name).unwrap().is_none(),
            "snapshots holding the data are dropped"
        );
        assert_eq!(store.read(&name, 0, None).unwrap(), s.workspace().events());
        // A snapshot taken before the erasure (a slow writer) is refused.
        let old = Snapshot {
            seq: before_erasure,
            bytes: vec![0],
        };
        let err = store.save_snapshot(&name, &old).unwrap_err();
        assert_eq!(err.code(), "invalid_input");
        assert!(err.to_string().contains("erasure"), "{err}");
        // Reopening gives the erased workspace, from a full replay, then a snapshot.
        let again = stored(&url, &name, 2);
        assert_eq!(again.workspace(), s.workspace());
        assert_eq!(s.snapshot().unwrap(), head);
        let again = stored(&url, &name, 3);
        assert!(again.opened_from_snapshot());
        assert_eq!(again.workspace(), s.workspace());

        // A rewrite of an event that is not the stored one (other id) is refused whole.
        let mut wrong = s.workspace().events()[1].clone();
        wrong.id = s.workspace().events()[2].id;
        let err = store.append(&name, head, &[], &[wrong]).unwrap_err();
        assert_eq!(err.code(), "invalid_input", "{err}");
        assert_eq!(store.read(&name, 0, None).unwrap(), s.workspace().events());
        assert!(store.latest_snapshot(&name).unwrap().is_some());
    }

    #[test]
    fn workspaces_in_one_database_stay_separate() {
        let Some(url) = url() else { return };
        let (a, b) = (unique("tenant-a"), unique("tenant-b"));
        let mut sa = stored(&url, &a, 1);
        let mut sb = stored(&url, &b, 1);
        sa.write(|w| w.configure(at(0), Some("VN"))).unwrap();
        sb.write(|w| w.configure(at(0), Some("VN"))).unwrap();
        // The same email in both tenants: no conflict across workspaces.
        sa.execute(at(1), register("Võ Thị Sáu", "sau@example.vn"))
            .unwrap();
        sb.execute(at(1), register("Võ Thị Sáu", "sau@example.vn"))
            .unwrap();
        sb.execute(at(2), register("Đinh Bộ Lĩnh", "linh@example.vn"))
            .unwrap();
        let mut store = PgStore::connect(&url).unwrap();
        assert_eq!(store.head(&a).unwrap(), 2);
        assert_eq!(store.head(&b).unwrap(), 3);
        assert_eq!(store.read(&a, 0, None).unwrap(), sa.workspace().events());
        assert_eq!(store.read(&b, 0, None).unwrap(), sb.workspace().events());
        let names = store.workspaces().unwrap();
        assert!(names.contains(&a) && names.contains(&b));
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted);
        // Same seeds, same commands: the same events, yet each tenant has its own log.
        let ea = store.read(&a, 0, None).unwrap();
        let eb = store.read(&b, 0, None).unwrap();
        assert_eq!(ea[..], eb[..2]);
        assert_eq!(store.head(&unique("nobody")).unwrap(), 0);
        assert!(store.read(&unique("nobody"), 0, None).unwrap().is_empty());
        // Deleting one leaves the other.
        assert!(store.delete_workspace(&a).unwrap());
        assert_eq!(store.head(&a).unwrap(), 0);
        assert_eq!(store.read(&b, 0, None).unwrap(), sb.workspace().events());
    }

    #[test]
    fn a_lost_connection_is_reopened() {
        let Some(url) = url() else { return };
        let name = unique("reconnect");
        let app = format!("cc-reconnect-{}", std::process::id());
        let sep = if url.contains('?') { '&' } else { '?' };
        let mut store = PgStore::connect(&format!("{url}{sep}application_name={app}")).unwrap();
        let events = local_events(5, 4);
        store.append(&name, 0, &events[..2], &[]).unwrap();
        let mut db = raw(&url);
        let killed: i64 = db
            .query_one(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = $1",
                &[&app],
            )
            .unwrap()
            .get(0);
        assert_eq!(killed, 1);
        let t = Instant::now();
        while db
            .query_one(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = $1",
                &[&app],
            )
            .unwrap()
            .get::<_, i64>(0)
            > 0
        {
            assert!(
                t.elapsed() < std::time::Duration::from_secs(10),
                "the backend does not end"
            );
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        // A read reconnects by itself.
        assert_eq!(store.head(&name).unwrap(), 2);
        assert_eq!(store.read(&name, 0, None).unwrap(), &events[..2]);
        // A write on a lost connection fails (nothing acknowledged), the next one reconnects.
        db.query_one(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = $1",
            &[&app],
        )
        .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(200));
        if let Err(e) = store.append(&name, 2, &events[2..], &[]) {
            assert_eq!(e.code(), "storage", "{e}");
            store.append(&name, 2, &events[2..], &[]).unwrap();
        }
        assert_eq!(store.read(&name, 0, None).unwrap(), events);
    }

    #[test]
    fn the_listener_hears_appends() {
        let Some(url) = url() else { return };
        let name = unique("listen");
        let store = PgStore::connect(&url).unwrap();
        let mut listener = store.listener().unwrap();
        assert!(listener
            .wait(std::time::Duration::from_millis(50))
            .unwrap()
            .iter()
            .all(|n| n.workspace != name));
        let events = local_events(6, 3);
        let writer = {
            let (url, name, events) = (url.clone(), name.clone(), events.clone());
            std::thread::spawn(move || {
                let mut store = PgStore::connect(&url).unwrap();
                store.append(&name, 0, &events[..2], &[]).unwrap();
                store.append(&name, 2, &events[2..], &[]).unwrap();
                // Without NOTIFY nothing is heard.
                store.set_notify(false);
                store
                    .append(&name, 4, &local_events(6, 4)[4..], &[])
                    .unwrap();
            })
        };
        let t = Instant::now();
        let mut seen = 0;
        while seen < 4 && t.elapsed() < std::time::Duration::from_secs(10) {
            for n in listener
                .wait(std::time::Duration::from_millis(200))
                .unwrap()
            {
                if n.workspace == name {
                    seen = seen.max(n.head);
                }
            }
        }
        writer.join().unwrap();
        assert_eq!(seen, 4);
        assert_eq!(
            listener
                .wait_for(&name, 4, std::time::Duration::from_millis(300))
                .unwrap(),
            None
        );
        assert_eq!(PgStore::connect(&url).unwrap().head(&name).unwrap(), 5);
    }

    // ----- N writer processes, one workspace -----

    const WRITERS: usize = 4;
    const COMMANDS: usize = 40;
    const SHARED_EVERY: usize = 8;

    /// Run as a child process by `writer_processes_share_one_log`: the test
    /// binary invoked again with `CLIENTCARE_PG_WRITER` set. Does nothing in
    /// a normal run.
    #[test]
    fn pg_writer_child() {
        let Ok(spec) = std::env::var("CLIENTCARE_PG_WRITER") else {
            return;
        };
        let spec: Value = serde_json::from_str(&spec).unwrap();
        let url = spec["url"].as_str().unwrap();
        let name = spec["workspace"].as_str().unwrap();
        let k = spec["writer"].as_u64().unwrap();
        let start_ms = spec["start_ms"].as_u64().unwrap();
        let mut s = Stored::open(PgStore::connect(url).unwrap(), name, random_ids()).unwrap();
        let now_ms = || {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_millis() as u64)
                .unwrap_or(0)
        };
        while now_ms() < start_ms {
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        let mut acks = Vec::new();
        let mut conflicts = 0;
        // Commands that lost the race Options::max_retries times in a row
        // (the store's conflict, not the core's): not acknowledged, allowed.
        let mut gave_up = Vec::new();
        let mut mine = Vec::new();
        for i in 0..COMMANDS {
            let m = i64::try_from(i).unwrap() + 1;
            let (kind, command) = if i % SHARED_EVERY == 0 {
                // Every writer registers the same email: one may win.
                let email = format!("shared-{i}@example.vn");
                ("shared", register(&format!("Shared {i} by {k}"), &email))
            } else if i % 3 == 1 && !mine.is_empty() {
                let c: &String = &mine[i % mine.len()];
                ("complaint", complaint(c))
            } else if i % 5 == 2 {
                // Everyone tags the customer the parent registered.
                (
                    "tag",
                    cmd(
                        json!({"type": "tag_customer", "customer": spec["first"], "tags": [format!("w{k}-{i}")]}),
                    ),
                )
            } else {
                let email = format!("w{k}-c{i}@example.vn");
                ("register", register(&format!("Khách {k}-{i}"), &email))
            };
            match s.execute(at(m), command) {
                Ok(o) => {
                    let created = o.created.map(|_| created_id(&o));
                    if kind == "register" || kind == "shared" {
                        mine.push(created.clone().unwrap());
                    }
                    acks.push(json!({
                        "i": i, "kind": kind, "first_seq": o.first_seq, "events": o.events,
                        "created": created,
                        "email": if kind == "shared" { format!("shared-{i}@example.vn") } else { format!("w{k}-c{i}@example.vn") },
                    }));
                }
                Err(StoreError::Conflict { .. }) => gave_up.push(json!({"i": i, "kind": kind})),
                Err(e) if kind == "shared" && e.code() == "conflict" => conflicts += 1,
                Err(e) => panic!("writer {k}, command {i} ({kind}): {e}"),
            }
        }
        // What this writer saw at its last seq equals a replay of the store's
        // log up to that seq.
        let seen = s.workspace().seq();
        let mut store = PgStore::connect(url).unwrap();
        let log = store
            .read(name, 0, Some(usize::try_from(seen).unwrap()))
            .unwrap();
        let replayed = Workspace::replay(log, Box::new(SeededIds::new(1))).unwrap();
        let state_equal = &replayed == s.workspace();
        println!(
            "WRITER-RESULT {}",
            json!({"writer": k, "seq": seen, "acks": acks, "shared_conflicts": conflicts, "gave_up": gave_up, "state_equal": state_equal})
        );
    }

    #[test]
    fn writer_processes_share_one_log() {
        let Some(url) = url() else { return };
        let name = unique("writers");
        let mut s = stored(&url, &name, 99);
        s.write(|w| w.configure(at(0), Some("VN"))).unwrap();
        let first = created_id(
            &s.execute(at(0), register("Khách Chung", "chung@example.vn"))
                .unwrap(),
        );
        let start_ms = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_millis() as u64
            + 1500;
        let exe = std::env::current_exe().unwrap();
        let children: Vec<_> = (0..WRITERS)
            .map(|k| {
                let spec = json!({"url": url, "workspace": name, "writer": k, "start_ms": start_ms, "first": first});
                std::process::Command::new(&exe)
                    .args(["--exact", "pg::pg_writer_child", "--nocapture", "--test-threads=1"])
                    .env("CLIENTCARE_PG_WRITER", spec.to_string())
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        let mut results = Vec::new();
        for (k, child) in children.into_iter().enumerate() {
            let out = child.wait_with_output().unwrap();
            let stdout = String::from_utf8_lossy(&out.stdout);
            assert!(
                out.status.success(),
                "writer {k} failed: {stdout}\n{}",
                String::from_utf8_lossy(&out.stderr)
            );
            let line = stdout
                .lines()
                .find_map(|l| l.split_once("WRITER-RESULT ").map(|(_, r)| r))
                .unwrap_or_else(|| panic!("writer {k} printed no result: {stdout}"));
            results.push(serde_json::from_str::<Value>(line).unwrap());
        }
        // From the agreed start to the last writer's exit.
        let elapsed = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH + std::time::Duration::from_millis(start_ms))
            .unwrap_or_default();

        // The log: no gaps (read checks), no duplicates, head == count.
        let mut store = PgStore::connect(&url).unwrap();
        let head = store.head(&name).unwrap();
        let log = store.read(&name, 0, None).unwrap();
        assert_eq!(log.len() as u64, head);
        let mut db = raw(&url);
        let row = db
            .query_one(
                "SELECT count(*), count(DISTINCT seq), count(DISTINCT id), min(seq), max(seq)
                 FROM clientcare.events WHERE workspace = $1",
                &[&name],
            )
            .unwrap();
        let (n, seqs, ids, lo, hi): (i64, i64, i64, i64, i64) =
            (row.get(0), row.get(1), row.get(2), row.get(3), row.get(4));
        assert_eq!(
            (n, seqs, ids, lo, hi),
            (head as i64, head as i64, head as i64, 1, head as i64)
        );

        // Every acknowledged command is there, where its outcome said.
        let ws = Workspace::replay(log.clone(), Box::new(SeededIds::new(5))).unwrap();
        let mut acked = 0;
        let mut registered = 1;
        let mut shared_wins = std::collections::BTreeMap::<u64, usize>::new();
        for r in &results {
            assert_eq!(
                r["state_equal"],
                json!(true),
                "writer {} saw a state the log does not replay to",
                r["writer"]
            );
            assert!(r["seq"].as_u64().unwrap() <= head);
            for a in r["acks"].as_array().unwrap() {
                acked += 1;
                let first_seq = a["first_seq"].as_u64().unwrap();
                let count = a["events"].as_u64().unwrap();
                assert!(count >= 1 && first_seq + count - 1 <= head, "{a}");
                let ev = &log[usize::try_from(first_seq - 1).unwrap()];
                let kind = a["kind"].as_str().unwrap();
                if let Some(id) = a["created"].as_str() {
                    let entity = serde_json::to_value(ev.entity).unwrap();
                    assert_eq!(entity["id"], json!(id), "{a}");
                }
                if kind == "register" || kind == "shared" {
                    registered += 1;
                    let email = a["email"].as_str().unwrap();
                    let found = ws.find_by_email(email).unwrap();
                    assert_eq!(found.len(), 1, "{email}");
                    assert_eq!(found[0].id.to_string(), a["created"].as_str().unwrap());
                }
                if kind == "shared" {
                    *shared_wins.entry(a["i"].as_u64().unwrap()).or_default() += 1;
                }
            }
        }
        // Each shared email: exactly one writer won, the others got the core's
        // conflict (or gave up after losing every retry to other writers).
        let mut gave_up = std::collections::BTreeMap::<u64, usize>::new();
        let mut given_up = 0;
        for r in &results {
            for g in r["gave_up"].as_array().unwrap() {
                given_up += 1;
                if g["kind"] == json!("shared") {
                    *gave_up.entry(g["i"].as_u64().unwrap()).or_default() += 1;
                }
            }
        }
        let shared_rounds = (0..COMMANDS).filter(|i| i % SHARED_EVERY == 0).count();
        for i in (0..COMMANDS).filter(|i| i % SHARED_EVERY == 0) {
            let i = i as u64;
            let wins = shared_wins.get(&i).copied().unwrap_or(0);
            let quit = gave_up.get(&i).copied().unwrap_or(0);
            assert!(
                wins == 1 || (wins == 0 && quit == WRITERS),
                "shared-{i}: {wins} wins, {quit} gave up"
            );
        }
        let losses: u64 = results
            .iter()
            .map(|r| r["shared_conflicts"].as_u64().unwrap())
            .sum();
        let wins: usize = shared_wins.values().sum();
        let quit: usize = gave_up.values().sum();
        assert_eq!(losses as usize + wins + quit, shared_rounds * WRITERS);
        assert_eq!(acked + losses as usize + given_up, WRITERS * COMMANDS);
        assert_eq!(ws.customer_count(), registered);
        // Opening the workspace gives the replay.
        let again = stored(&url, &name, 6);
        assert_eq!(again.workspace(), &ws);
        let _ = writeln!(
            std::io::stderr(),
            "{WRITERS} writer processes x {COMMANDS} commands: {acked} acknowledged, {losses} refused by the core, {given_up} given up after max_retries conflicts, {head} events, {:.0} commands/s",
            acked as f64 / elapsed.as_secs_f64()
        );
    }
}
