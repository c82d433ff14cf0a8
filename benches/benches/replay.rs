//! Rebuilding a workspace from its event log: in-memory replay and JSONL import.
#![allow(missing_docs)]

use clientcare::{Event, SeededIds, Workspace};
use clientcare_bench::harness::{self, line, per_sec, si, target, thousands, time, Scale};
use clientcare_bench::{build_workspace, WorkspaceSpec};
use std::hint::black_box;

const TARGET_EVENTS_PER_SEC: f64 = 1_000_000.0;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    harness::banner("replay");
    let scale = Scale::from_env();
    let target_events = scale.pick(100_000, 1_000_000);

    harness::header(&format!(
        "building a workspace of ~{} events through commands",
        thousands(target_events)
    ));
    let spec = WorkspaceSpec::new(target_events, 7);
    let (built, d) = time(|| build_workspace(&spec));
    let built = built?;
    let ws = built.workspace;
    let n = ws.events().len();
    let interactions = ws
        .events()
        .iter()
        .filter(|e| e.payload.type_name() == "interaction_logged")
        .count();
    line(
        &format!(
            "{} events: {} customers, {} agents, {} interactions",
            thousands(n),
            thousands(built.customers.len()),
            built.agents.len(),
            thousands(interactions)
        ),
        format!("{:.2} s", d.as_secs_f64()),
    );
    line(
        "  command throughput (validate + normalise + apply)",
        format!("{}events/s", si(per_sec(n, d))),
    );

    harness::header(
        "Workspace::replay from in-memory events (checks every event, rebuilds all indexes)",
    );
    let mut best = 0.0f64;
    for round in 1..=3 {
        let events: Vec<Event> = ws.events().to_vec();
        let (copy, d) = time(|| Workspace::replay(events, Box::new(SeededIds::new(1))));
        let copy = copy?;
        let rate = per_sec(n, d);
        best = best.max(rate);
        line(
            &format!("round {round}: replay {} events", thousands(n)),
            format!("{:.3} s  {}events/s", d.as_secs_f64(), si(rate)),
        );
        if round == 1 && copy != ws {
            return Err("replayed workspace differs from the original".into());
        }
        let (_, d) = time(|| drop(black_box(copy)));
        if round == 1 {
            line(
                "  (dropping the rebuilt workspace, not included)",
                format!("{:.3} s", d.as_secs_f64()),
            );
        }
    }
    line("replayed workspace equals the original", "yes");

    harness::header("JSON Lines: export, parse, import (untrusted input: parse + check + apply)");
    let (jsonl, d) = time(|| ws.export_jsonl());
    let mb = jsonl.len() as f64 / 1e6;
    line(
        &format!(
            "export_jsonl: {} events, {:.1} MB ({:.0} bytes/event)",
            thousands(n),
            mb,
            jsonl.len() as f64 / n as f64
        ),
        format!(
            "{:.3} s  {}events/s  {:.0} MB/s",
            d.as_secs_f64(),
            si(per_sec(n, d)),
            mb / d.as_secs_f64()
        ),
    );
    let (parsed, d) = time(|| {
        jsonl
            .lines()
            .map(serde_json::from_str::<Event>)
            .collect::<Result<Vec<_>, _>>()
    });
    let parsed = parsed?;
    line(
        "serde_json parse only (Vec<Event>)",
        format!(
            "{:.3} s  {}events/s  {:.0} MB/s",
            d.as_secs_f64(),
            si(per_sec(n, d)),
            mb / d.as_secs_f64()
        ),
    );
    drop(parsed);
    let mut best_import = 0.0f64;
    for round in 1..=2 {
        let (copy, d) = time(|| Workspace::import_jsonl(&jsonl, Box::new(SeededIds::new(1))));
        let copy = copy?;
        let rate = per_sec(n, d);
        best_import = best_import.max(rate);
        line(
            &format!(
                "round {round}: import_jsonl {} events ({mb:.1} MB)",
                thousands(n)
            ),
            format!(
                "{:.3} s  {}events/s  {:.0} MB/s",
                d.as_secs_f64(),
                si(rate),
                mb / d.as_secs_f64()
            ),
        );
        if round == 1 && copy != ws {
            return Err("imported workspace differs from the original".into());
        }
    }
    line("imported workspace equals the original", "yes");

    let (snapshot_open, replay_open) = snapshots(&ws, &jsonl)?;

    harness::header("targets");
    target(
        ">= 1M events/s replay",
        best >= TARGET_EVENTS_PER_SEC,
        &format!(
            "replay {}events/s, import_jsonl {}events/s, on {} events",
            si(best),
            si(best_import),
            thousands(n)
        ),
    );
    target(
        "opening from a snapshot beats a full replay",
        snapshot_open < replay_open,
        &format!("parse + from_snapshot {snapshot_open:.3} s vs parse + replay {replay_open:.3} s"),
    );
    Ok(())
}

fn parse(jsonl: &str) -> Result<Vec<Event>, serde_json::Error> {
    jsonl.lines().map(serde_json::from_str::<Event>).collect()
}

/// Snapshots: size, write and read time, and the open time of a store
/// (parse the stored events + state from the snapshot + apply the tail)
/// against parse + replay. Returns the best open times (snapshot, replay).
fn snapshots(ws: &Workspace, jsonl: &str) -> Result<(f64, f64), Box<dyn std::error::Error>> {
    let n = ws.events().len();
    harness::header("snapshots (Workspace::snapshot / from_snapshot)");
    let mut write = f64::MAX;
    let mut snap = Vec::new();
    for _ in 0..3 {
        let (s, d) = time(|| ws.snapshot());
        write = write.min(d.as_secs_f64());
        snap = s;
    }
    let mb = snap.len() as f64 / 1e6;
    line(
        &format!(
            "snapshot at seq {}: {mb:.1} MB ({:.1} bytes/event; JSONL log {:.1} MB)",
            thousands(n),
            snap.len() as f64 / n as f64,
            jsonl.len() as f64 / 1e6
        ),
        format!("write {write:.3} s  {:.0} MB/s", mb / write),
    );
    let mut read = f64::MAX;
    for round in 1..=3 {
        let events = ws.events().to_vec();
        let (back, d) =
            time(|| Workspace::from_snapshot(&snap, events, Box::new(SeededIds::new(1))));
        let back = back?;
        read = read.min(d.as_secs_f64());
        if round == 1 {
            if back != *ws {
                return Err("the workspace opened from its snapshot differs".into());
            }
            if back.snapshot() != snap {
                return Err("the reopened workspace's snapshot has other bytes".into());
            }
        }
        drop(black_box(back));
    }
    line(
        "from_snapshot (events in memory, no tail): checks + state",
        format!("{read:.3} s  {:.0} MB/s", mb / read),
    );
    line("reopened workspace equals the original, same bytes", "yes");

    // A store: its events as JSON Lines, the latest snapshot 90% in.
    let k = n * 9 / 10;
    let prefix = Workspace::replay(ws.events()[..k].to_vec(), Box::new(SeededIds::new(1)))?;
    let snap90 = prefix.snapshot();
    drop(prefix);
    let mut with_tail = f64::MAX;
    for round in 1..=2 {
        let events = ws.events().to_vec();
        let (back, d) =
            time(|| Workspace::from_snapshot(&snap90, events, Box::new(SeededIds::new(1))));
        let back = back?;
        with_tail = with_tail.min(d.as_secs_f64());
        if round == 1 && back != *ws {
            return Err("snapshot at 90% + tail differs from the original".into());
        }
    }
    line(
        &format!(
            "from_snapshot at seq {} + {} tail events",
            thousands(k),
            thousands(n - k)
        ),
        format!("{with_tail:.3} s"),
    );
    let (mut open_snap, mut open_replay) = (f64::MAX, f64::MAX);
    for _ in 0..2 {
        let (ws1, d) = time(|| -> Result<Workspace, Box<dyn std::error::Error>> {
            let events = parse(jsonl)?;
            Ok(Workspace::from_snapshot(
                &snap,
                events,
                Box::new(SeededIds::new(1)),
            )?)
        });
        drop(black_box(ws1?));
        open_snap = open_snap.min(d.as_secs_f64());
        let (ws2, d) = time(|| -> Result<Workspace, Box<dyn std::error::Error>> {
            let events = parse(jsonl)?;
            Ok(Workspace::replay(events, Box::new(SeededIds::new(1)))?)
        });
        drop(black_box(ws2?));
        open_replay = open_replay.min(d.as_secs_f64());
    }
    line(
        &format!("open {} events: parse JSONL + from_snapshot", thousands(n)),
        format!("{open_snap:.3} s"),
    );
    line(
        &format!("open {} events: parse JSONL + replay", thousands(n)),
        format!(
            "{open_replay:.3} s  ({:.1}x the snapshot open)",
            open_replay / open_snap
        ),
    );
    Ok((open_snap, open_replay))
}
