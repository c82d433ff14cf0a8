//! Two instances of `clientcare-http` (child processes on two ports, no proxy)
//! write to one workspace in PostgreSQL at the same time, then answer alike,
//! and the stored log replays to what they serve.
//!
//! Needs `CLIENTCARE_PG_URL` (scripts/pg.sh); without it the test prints
//! `SKIPPED: <reason>` (or fails when `CLIENTCARE_PG_REQUIRED=1`).
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use clientcare::{SearchQuery, SeededIds, Workspace};
use clientcare_store::{EventStore, PgStore};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

fn url() -> Option<String> {
    let required = std::env::var("CLIENTCARE_PG_REQUIRED").is_ok_and(|v| v == "1");
    let skip = |why: String| -> Option<String> {
        assert!(!required, "CLIENTCARE_PG_REQUIRED=1 but {why}");
        let _ = writeln!(std::io::stderr(), "SKIPPED: {why}");
        None
    };
    match std::env::var("CLIENTCARE_PG_URL") {
        Ok(u) if !u.trim().is_empty() => match postgres::Client::connect(&u, postgres::NoTls) {
            Ok(_) => Some(u),
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

/// A running instance, killed when dropped.
struct Instance {
    child: Child,
    addr: String,
}

impl Drop for Instance {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(url: &str) -> Instance {
    let mut child = Command::new(env!("CARGO_BIN_EXE_clientcare-http"))
        .args(["--addr", "127.0.0.1:0", "--pg", url])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut lines = BufReader::new(stdout).lines();
        if let Some(Ok(line)) = lines.next() {
            let _ = tx.send(line);
        }
        // Keep draining so the child never blocks on a full pipe.
        for _ in lines {}
    });
    let line = rx
        .recv_timeout(Duration::from_secs(60))
        .expect("the instance did not say where it listens");
    let addr = line
        .strip_prefix("listening on http://")
        .unwrap_or_else(|| panic!("unexpected first line: {line}"))
        .to_owned();
    Instance { child, addr }
}

/// One HTTP/1.1 request (`Connection: close`): the status and the JSON body.
fn http(addr: &str, method: &str, path: &str, body: Option<&Value>) -> (u16, Value) {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let body = body.map(Value::to_string).unwrap_or_default();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8(raw).unwrap();
    let (head, rest) = text.split_once("\r\n\r\n").unwrap();
    let status: u16 = head.split(' ').nth(1).unwrap().parse().unwrap();
    assert!(
        !head
            .to_ascii_lowercase()
            .contains("transfer-encoding: chunked"),
        "chunked answers are not read by this client: {head}"
    );
    let json = serde_json::from_str(rest)
        .unwrap_or_else(|e| panic!("{method} {path}: not JSON ({e}): {rest}"));
    (status, json)
}

fn unique(test: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    format!("http-{test}-{}-{nanos}", std::process::id())
}

fn register(name: &str, email: &str) -> Value {
    json!({"type": "register_customer", "full_name": name, "emails": [email],
           "at": "2026-11-02T09:00:00+07:00"})
}

#[test]
fn two_instances_write_one_workspace_and_agree() {
    let Some(url) = url() else { return };
    let ws = unique("two");
    let a = start(&url);
    let b = start(&url);
    let addrs = [a.addr.clone(), b.addr.clone()];
    let cmd_path = format!("/workspaces/{ws}/commands");

    let (status, body) = http(
        &addrs[0],
        "POST",
        &cmd_path,
        Some(&json!({"type": "configure_workspace", "default_region": "VN"})),
    );
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["seq"], json!(1));

    // 200 registrations from 8 clients, alternating between the instances.
    let t = Instant::now();
    let clients: Vec<_> = (0..8)
        .map(|c| {
            let (addrs, path) = (addrs.clone(), cmd_path.clone());
            std::thread::spawn(move || {
                let mut made = Vec::new();
                for i in 0..25 {
                    let n = c * 25 + i;
                    let email = format!("khach{n}@example.vn");
                    let (status, body) = http(
                        &addrs[n % 2],
                        "POST",
                        &path,
                        Some(&register(&format!("Khách Hàng {n}"), &email)),
                    );
                    assert_eq!(status, 200, "{body}");
                    made.push((
                        body["outcome"]["created"]["id"]
                            .as_str()
                            .unwrap()
                            .to_owned(),
                        email,
                    ));
                }
                made
            })
        })
        .collect();
    let made: Vec<(String, String)> = clients
        .into_iter()
        .flat_map(|c| c.join().unwrap())
        .collect();
    let elapsed = t.elapsed();
    assert_eq!(made.len(), 200);

    // The same email on both instances at once: exactly one wins, through the
    // core's validation on whichever instance decides second.
    for j in 0..10 {
        let barrier = Arc::new(Barrier::new(2));
        let racers: Vec<_> = addrs
            .iter()
            .enumerate()
            .map(|(k, addr)| {
                let (addr, path, barrier) = (addr.clone(), cmd_path.clone(), barrier.clone());
                std::thread::spawn(move || {
                    barrier.wait();
                    http(
                        &addr,
                        "POST",
                        &path,
                        Some(&register(
                            &format!("Trùng {j} {k}"),
                            &format!("dup{j}@example.vn"),
                        )),
                    )
                })
            })
            .collect();
        let answers: Vec<(u16, Value)> = racers.into_iter().map(|r| r.join().unwrap()).collect();
        let mut statuses: Vec<u16> = answers.iter().map(|a| a.0).collect();
        statuses.sort_unstable();
        assert_eq!(statuses, [200, 409], "{answers:?}");
        let lost = answers.iter().find(|a| a.0 == 409).unwrap();
        assert_eq!(lost.1["code"], json!("conflict"), "{answers:?}");
        assert!(
            lost.1["message"].as_str().unwrap().contains("email"),
            "{answers:?}"
        );
    }

    // Errors carry their code and status.
    let (status, body) = http(
        &addrs[1],
        "POST",
        &cmd_path,
        Some(&json!({"type": "no_such"})),
    );
    assert_eq!(
        (status, body["code"].as_str()),
        (422, Some("invalid_input")),
        "{body}"
    );
    let (status, body) = http(
        &addrs[1],
        "POST",
        &cmd_path,
        Some(&json!({"type": "register_customer", "full_name": "X", "at": "2026-11-02T09:00:00"})),
    );
    assert_eq!(status, 422, "a time without an offset is refused: {body}");
    let (status, body) = http(
        &addrs[0],
        "GET",
        &format!("/workspaces/{ws}/customers/0190f5c2-7b1e-7c3a-9d2e-1a2b3c4d5e6f"),
        None,
    );
    assert_eq!(
        (status, body["code"].as_str()),
        (404, Some("not_found")),
        "{body}"
    );
    let (status, body) = http(
        &addrs[0],
        "POST",
        &cmd_path,
        Some(&json!({
            "type": "change_complaint_state",
            "complaint": "0190f5c2-7b1e-7c3a-9d2e-1a2b3c4d5e6f", "to": "resolved"
        })),
    );
    assert!(status == 404 || status == 422, "{status} {body}");

    // Both instances answer alike: seq, customers, search, the log.
    let get = |k: usize, path: &str| {
        let (status, body) = http(&addrs[k], "GET", path, None);
        assert_eq!(status, 200, "{path}: {body}");
        body
    };
    let seq = get(0, &format!("/workspaces/{ws}/seq"));
    assert_eq!(seq, get(1, &format!("/workspaces/{ws}/seq")));
    let seq = seq["seq"].as_u64().unwrap();
    assert_eq!(seq, 1 + 200 + 10);
    let log_path = format!("/workspaces/{ws}/events?after=0&limit=10000");
    let served = get(0, &log_path);
    assert_eq!(served, get(1, &log_path));
    for (id, _) in made.iter().step_by(17) {
        let path = format!("/workspaces/{ws}/customers/{id}");
        assert_eq!(get(0, &path), get(1, &path));
    }
    let search_path = format!("/workspaces/{ws}/search?q=khach+hang+17&limit=5");
    let found = get(0, &search_path);
    assert_eq!(found, get(1, &search_path));
    assert!(found["total"].as_u64().unwrap() >= 1, "{found}");

    // The stored log replays to what the instances serve.
    let mut store = PgStore::connect(&url).unwrap();
    let log = store.read(&ws, 0, None).unwrap();
    assert_eq!(serde_json::to_value(&log).unwrap(), served);
    let replayed = Workspace::replay(log, Box::new(SeededIds::new(1))).unwrap();
    assert_eq!(replayed.customer_count(), 210);
    for (id, email) in &made {
        let c = replayed.customer(id.parse().unwrap()).unwrap();
        assert_eq!(
            serde_json::to_value(c).unwrap(),
            get(1, &format!("/workspaces/{ws}/customers/{id}"))
        );
        assert_eq!(replayed.find_by_email(email).unwrap().len(), 1);
    }
    let mut q = SearchQuery::new("khach hang 17");
    q.limit = 5;
    assert_eq!(
        serde_json::to_value(replayed.search_customers(&q).unwrap()).unwrap(),
        found
    );
    let _ = writeln!(
        std::io::stderr(),
        "2 instances, 8 clients: 200 registrations in {:.2} s ({:.0} commands/s)",
        elapsed.as_secs_f64(),
        200.0 / elapsed.as_secs_f64()
    );
}
