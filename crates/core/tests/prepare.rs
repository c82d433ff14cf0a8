//! What a host that stores the log builds on: prepare and commit, appending
//! events written elsewhere, and JSON Lines in chunks.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use clientcare::*;
use common::*;

fn complaint(customer: CustomerId) -> Command {
    Command::from_json(&serde_json::json!({
        "type": "open_complaint",
        "customer": customer.to_string(),
        "channel": "phone",
        "subject": "Máy lạnh không chạy",
        "category": "warranty",
        "priority": "high"
    }))
    .unwrap()
}

fn erase(customer: CustomerId) -> Command {
    Command::from_json(
        &serde_json::json!({"type": "erase_customer", "customer": customer.to_string()}),
    )
    .unwrap()
}

/// A workspace with two customers and a complaint each.
fn world() -> (Workspace, CustomerId, CustomerId) {
    world_with(vn_workspace())
}

fn world_with(mut ws: Workspace) -> (Workspace, CustomerId, CustomerId) {
    let a = ws
        .register_customer(
            at(1),
            person("Nguyễn Văn Đức", "duc@example.vn", "0903 123 456"),
        )
        .unwrap();
    let b = ws
        .register_customer(
            at(2),
            person("Trần Thị Lan", "lan@example.vn", "0904 555 666"),
        )
        .unwrap();
    ws.execute(at(3), complaint(a)).unwrap();
    ws.execute(at(4), complaint(b)).unwrap();
    (ws, a, b)
}

#[test]
fn prepare_changes_nothing_and_commit_equals_execute() {
    let (ws, a, _) = world();
    let mut via_execute = ws.clone();
    let mut via_commit = ws.clone();
    let outcome = via_execute.execute(at(10), complaint(a)).unwrap();

    let prepared = via_commit.prepare(at(10), complaint(a)).unwrap();
    assert_eq!(via_commit, ws, "prepare must not change the workspace");
    assert_eq!(prepared.base_seq(), ws.seq());
    assert_eq!(prepared.events().len(), outcome.events);
    assert_eq!(prepared.events()[0].seq, ws.seq() + 1);
    assert!(!prepared.rewrites_log());
    let committed = via_commit.commit(prepared).unwrap();
    assert_eq!(committed.outcome, outcome);
    assert!(committed.redacted.is_empty());
    assert_eq!(via_commit, via_execute);
}

#[test]
fn a_stale_preparation_is_a_conflict_and_changes_nothing() {
    let (mut ws, a, b) = world();
    let stale = ws.prepare(at(10), complaint(a)).unwrap();
    ws.execute(at(11), complaint(b)).unwrap();
    let before = ws.clone();
    let err = ws.commit(stale).unwrap_err();
    assert_eq!(err.code(), "conflict");
    assert!(err.to_string().contains("prepare it again"), "{err}");
    assert_eq!(ws, before);

    // Same seq, another workspace (other ids): refused too.
    let mut fresh = Workspace::with_seed(77);
    fresh.configure(at(0), Some("VN")).unwrap();
    let (mut other, _, _) = world_with(fresh);
    let (mut same, a, _) = world();
    assert_eq!(other.seq(), same.seq());
    let foreign = same.prepare(at(10), complaint(a)).unwrap();
    let before = other.clone();
    assert_eq!(other.commit(foreign).unwrap_err().code(), "conflict");
    assert_eq!(other, before);
}

#[test]
fn a_follower_catches_up_with_apply_events() {
    let (mut leader, a, b) = world();
    let mut follower =
        Workspace::replay(leader.events().to_vec(), Box::new(SeededIds::new(9))).unwrap();
    let seen = leader.seq();
    leader.execute(at(20), complaint(b)).unwrap();
    leader.execute(at(21), erase(a)).unwrap();
    let rewritten = follower
        .apply_events(leader.events_since(seen).to_vec())
        .unwrap();
    assert_eq!(follower, leader);
    // The erasure rewrote Đức's registration (seq 2) and complaint (seq 4)
    // in the follower's log.
    assert_eq!(rewritten, vec![2, 4]);
    assert!(!follower.export_jsonl().contains("duc@example.vn"));

    // A gap is refused, naming the position in the batch.
    let (mut w, _, b) = world();
    let mut ahead = w.clone();
    ahead.execute(at(30), complaint(b)).unwrap();
    ahead.execute(at(31), complaint(b)).unwrap();
    let tail = ahead.events_since(w.seq() + 1).to_vec();
    let before = w.clone();
    match w.apply_events(tail).unwrap_err() {
        Error::CorruptLog { line, .. } => assert_eq!(line, 1),
        e => panic!("unexpected {e}"),
    }
    assert_eq!(w, before);
}

#[test]
fn committing_an_erasure_reports_the_rewritten_events() {
    let (mut ws, a, _) = world();
    let before: Vec<Event> = ws.events().to_vec();
    let prepared = ws.prepare(at(40), erase(a)).unwrap();
    assert!(prepared.rewrites_log());
    let committed = ws.commit(prepared).unwrap();
    let changed: Vec<u64> = before
        .iter()
        .zip(ws.events())
        .filter(|(x, y)| x != y)
        .map(|(x, _)| x.seq)
        .collect();
    assert!(!changed.is_empty());
    assert_eq!(committed.redacted, changed);
    // The same list, for hosts that mutate through the typed helpers.
    assert_eq!(ws.take_rewritten(), changed);
    assert!(ws.take_rewritten().is_empty());
}

#[test]
fn a_log_applied_in_chunks_equals_the_import() {
    let (mut ws, a, b) = world();
    ws.execute(at(50), complaint(b)).unwrap();
    ws.execute(at(51), erase(a)).unwrap();
    let text = ws.export_jsonl();
    let lines: Vec<&str> = text.lines().collect();
    for chunk in [1, 2, 3, lines.len()] {
        let mut copy = Workspace::with_seed(3);
        for part in lines.chunks(chunk) {
            copy.apply_jsonl(&(part.join("\n") + "\n")).unwrap();
        }
        assert_eq!(copy, ws, "chunks of {chunk}");
    }

    // An unreadable line in a chunk: nothing of the chunk is applied.
    let mut copy = Workspace::with_seed(3);
    copy.apply_jsonl(&(lines[..2].join("\n") + "\n")).unwrap();
    let before = copy.clone();
    let bad = format!("{}\n{{not json\n", lines[2]);
    match copy.apply_jsonl(&bad).unwrap_err() {
        Error::CorruptLog { line, seq, .. } => assert_eq!((line, seq), (2, 4)),
        e => panic!("unexpected {e}"),
    }
    assert_eq!(copy, before);
}
