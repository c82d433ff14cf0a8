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
    Ok(())
}
