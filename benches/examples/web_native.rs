//! The native side of the browser-vs-native benchmark (`scripts/bench-web.sh`).
//!
//! ```text
//! cargo run --release -p clientcare-bench --example web_native -- [EVENTS] [DIR]
//! ```
//!
//! 1. Builds the seeded workspace of the replay benchmark
//!    (`WorkspaceSpec::new(EVENTS, 7)`, default 1,000,000 events) and writes
//!    its log to `DIR/events-EVENTS.jsonl` (default DIR `target/bench-web`);
//!    an existing file is reused (the generator is deterministic).
//! 2. Times loading that log from memory (after a warm-up import of its first
//!    lines, which builds the lazy phone metadata): `Workspace::import_jsonl` of the whole
//!    text, then the browser's way, `apply_jsonl` in chunks of
//!    [`CHUNK_LINES`] lines, and `Workspace::replay` of the parsed events.
//! 3. Picks search queries from the loaded customers (full names folded, a
//!    3-letter prefix of a name word, a whole email, a phone as typed
//!    locally; and emails nobody has, the cost of a call), writes them to
//!    `DIR/queries-EVENTS.json` for the browser, and times `search_customers`
//!    on each: median and p99 per kind.
//! 4. Writes every number to `DIR/native-EVENTS.json`, which the browser
//!    runner (`benches/web/run.mjs`) reads to print the ratios.
#![allow(missing_docs)]

use clientcare::text::fold;
use clientcare::{Customer, SearchQuery, SeededIds, Workspace};
use clientcare_bench::harness::{self, line, per_sec, si, thousands, time};
use clientcare_bench::{build_workspace, Rng, WorkspaceSpec};
use serde_json::json;
use std::hint::black_box;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Lines per `apply_jsonl` chunk (the browser loads with the same size).
const CHUNK_LINES: usize = 50_000;
/// Lines of the warm-up import (not timed with the load).
const WARM_LINES: usize = 2_000;
/// Queries per kind.
const QUERIES: usize = 200;
/// Each query's time is the mean of this many back-to-back runs (the
/// browser's clock ticks in 5 µs steps, so both sides measure alike).
const REPEAT: usize = 10;
/// The kind of query that finds nothing: the cost of a call itself (not in
/// the "all queries" figures).
const NO_MATCH: &str = "no match (cost of a call)";
/// Page size of every search (the default of the JS face).
const LIMIT: usize = 20;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    harness::banner("web_native");
    let mut args = std::env::args().skip(1);
    let events: usize = match args.next() {
        Some(a) => a.replace(['_', ','], "").parse()?,
        None => 1_000_000,
    };
    let dir = args.next().map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/bench-web"),
        PathBuf::from,
    );
    std::fs::create_dir_all(&dir)?;
    let log_path = dir.join(format!("events-{events}.jsonl"));

    harness::header(&format!(
        "event log of the seeded workspace, ~{} events",
        thousands(events)
    ));
    if log_path.exists() {
        line("reusing", log_path.display());
    } else {
        write_log(events, &log_path)?;
    }
    let (text, d) = time(|| std::fs::read_to_string(&log_path));
    let text = text?;
    let lines = text.lines().filter(|l| !l.trim().is_empty()).count();
    line(
        &format!(
            "read {} lines, {:.1} MB into memory (not timed below)",
            thousands(lines),
            text.len() as f64 / 1e6
        ),
        format!("{:.2} s", d.as_secs_f64()),
    );

    harness::header("native load from memory (parse + check + apply every event)");
    // First use builds lazy statics (phone metadata and its regexes): paid
    // once per process, timed apart on both sides.
    let warm = chunk_lines(&text, WARM_LINES)
        .into_iter()
        .next()
        .unwrap_or("");
    let (w, d_warm) = time(|| Workspace::import_jsonl(warm, Box::new(SeededIds::new(1))));
    drop(w?);
    line(
        &format!("warm-up: import_jsonl of the first {WARM_LINES} lines"),
        format!("{:.3} s", d_warm.as_secs_f64()),
    );
    let (ws, d_import) = time(|| Workspace::import_jsonl(&text, Box::new(SeededIds::new(1))));
    let ws = ws?;
    let n = ws.events().len();
    line(
        &format!(
            "import_jsonl: {} events, {} customers",
            thousands(n),
            thousands(ws.customer_count())
        ),
        format!(
            "{:.3} s  {}events/s",
            d_import.as_secs_f64(),
            si(per_sec(n, d_import))
        ),
    );
    let chunks = chunk_lines(&text, CHUNK_LINES);
    let (chunked, d_chunked) = time(|| -> clientcare::Result<Workspace> {
        let mut w = Workspace::with_seed(1);
        for c in &chunks {
            w.apply_jsonl(c)?;
        }
        Ok(w)
    });
    let chunked = chunked?;
    line(
        &format!(
            "apply_jsonl in {} chunks of {} lines (as the page does)",
            chunks.len(),
            thousands(CHUNK_LINES)
        ),
        format!(
            "{:.3} s  {}events/s",
            d_chunked.as_secs_f64(),
            si(per_sec(n, d_chunked))
        ),
    );
    let same = chunked == ws;
    line(
        "chunked load equals the whole import",
        if same { "yes" } else { "NO" },
    );
    if !same {
        return Err("the chunked load differs from import_jsonl".into());
    }
    drop(chunked);
    drop(chunks);
    let copy = ws.events().to_vec();
    let (replayed, d_replay) = time(|| Workspace::replay(copy, Box::new(SeededIds::new(1))));
    drop(replayed?);
    line(
        "replay of the parsed events (no JSON)",
        format!(
            "{:.3} s  {}events/s",
            d_replay.as_secs_f64(),
            si(per_sec(n, d_replay))
        ),
    );
    drop(text);

    let customers: Vec<&Customer> = ws.customers().collect();
    let kinds = pick_queries(&customers, &mut Rng::new(11));
    drop(customers);
    let queries_json = json!({
        "limit": LIMIT,
        "repeat": REPEAT,
        "kinds": kinds
            .iter()
            .map(|(k, qs)| json!({"kind": k, "queries": qs, "diagnostic": *k == NO_MATCH}))
            .collect::<Vec<_>>(),
    });
    std::fs::write(
        dir.join(format!("queries-{events}.json")),
        serde_json::to_string_pretty(&queries_json)?,
    )?;
    harness::header(&format!(
        "search_customers on {} customers (limit {LIMIT}, each query timed as the mean of {REPEAT} runs)",
        thousands(ws.customer_count())
    ));
    let mut search = Vec::new();
    let (mut all, mut all_json) = (Vec::new(), Vec::new());
    for (kind, qs) in &kinds {
        let m = measure(&ws, qs)?;
        if *kind != NO_MATCH {
            all.extend_from_slice(&m.search);
            all_json.extend_from_slice(&m.with_json);
        }
        let (med, p99) = (quantile(&m.search, 0.5), quantile(&m.search, 0.99));
        let (jmed, jp99) = (quantile(&m.with_json, 0.5), quantile(&m.with_json, 0.99));
        line(
            &format!("{kind}: e.g. {:?} ({} queries)", qs[0], qs.len()),
            format!("median {med:.1} µs, p99 {p99:.1} µs"),
        );
        line(
            "  the same + the page of hits as JSON",
            format!("median {jmed:.1} µs, p99 {jp99:.1} µs"),
        );
        search.push(json!({
            "kind": kind, "median_us": med, "p99_us": p99,
            "json_median_us": jmed, "json_p99_us": jp99, "totals": m.totals,
        }));
    }
    let (med, p99) = (quantile(&all, 0.5), quantile(&all, 0.99));
    let (jmed, jp99) = (quantile(&all_json, 0.5), quantile(&all_json, 0.99));
    line(
        &format!("all {} queries (the no-match ones aside)", all.len()),
        format!("median {med:.1} µs, p99 {p99:.1} µs"),
    );
    line(
        "  the same + the page of hits as JSON",
        format!("median {jmed:.1} µs, p99 {jp99:.1} µs"),
    );

    let out = json!({
        "events": n,
        "customers": ws.customer_count(),
        "bytes": std::fs::metadata(&log_path)?.len(),
        "chunk_lines": CHUNK_LINES,
        "warm_lines": WARM_LINES,
        "warm_s": d_warm.as_secs_f64(),
        "import_s": d_import.as_secs_f64(),
        "chunked_s": d_chunked.as_secs_f64(),
        "replay_s": d_replay.as_secs_f64(),
        "search": search,
        "search_all": {"median_us": med, "p99_us": p99, "json_median_us": jmed, "json_p99_us": jp99},
    });
    let path = dir.join(format!("native-{events}.json"));
    std::fs::write(&path, serde_json::to_string_pretty(&out)?)?;
    line("numbers written to", path.display());
    Ok(())
}

/// Builds the workspace and writes its log (through a temp file, so that a
/// stopped run leaves no half file behind).
fn write_log(events: usize, path: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let (built, d) = time(|| build_workspace(&WorkspaceSpec::new(events, 7)));
    let ws = built?.workspace;
    line(
        &format!("generated {} events", thousands(ws.events().len())),
        format!("{:.2} s", d.as_secs_f64()),
    );
    let tmp = path.with_extension("jsonl.tmp");
    let (r, d) = time(|| -> std::io::Result<()> {
        let mut w = BufWriter::new(std::fs::File::create(&tmp)?);
        w.write_all(ws.export_jsonl().as_bytes())?;
        w.flush()
    });
    r?;
    std::fs::rename(&tmp, path)?;
    line(
        &format!("wrote {}", path.display()),
        format!("{:.2} s", d.as_secs_f64()),
    );
    Ok(())
}

/// `text` cut after every `n` lines (slices, no copies).
fn chunk_lines(text: &str, n: usize) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut start, mut count) = (0, 0);
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            count += 1;
            if count == n {
                out.push(&text[start..=i]);
                start = i + 1;
                count = 0;
            }
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// The query texts per kind, from customers picked at random.
fn pick_queries(customers: &[&Customer], rng: &mut Rng) -> Vec<(&'static str, Vec<String>)> {
    let (mut full, mut prefix, mut email, mut phone) = (vec![], vec![], vec![], vec![]);
    let mut guard = 0;
    while (full.len() < QUERIES || email.len() < QUERIES || phone.len() < QUERIES)
        && !customers.is_empty()
        && guard < 1000 * QUERIES
    {
        guard += 1;
        let c = customers[rng.index(customers.len())];
        let folded = fold(&c.names.full);
        let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
        if words.len() >= 2 && full.len() < QUERIES {
            let w = words[rng.index(words.len())];
            prefix.push(w.chars().take(3).collect::<String>());
            full.push(folded.clone());
        }
        if let Some(e) = c.emails().next() {
            if email.len() < QUERIES {
                email.push(e.to_owned());
            }
        }
        if let Some(p) = c.phones().next() {
            // As typed in Vietnam (0903 123 456); other numbers in E.164.
            let typed = match p.strip_prefix("+84") {
                Some(rest) if rest.len() == 9 => {
                    let local = format!("0{rest}");
                    format!("{} {} {}", &local[0..4], &local[4..7], &local[7..10])
                }
                _ => p.to_owned(),
            };
            if phone.len() < QUERIES {
                phone.push(typed);
            }
        }
    }
    vec![
        ("full name, folded", full),
        ("3-letter prefix of a name word", prefix),
        ("whole email", email),
        ("phone as typed locally", phone),
        // The fixed cost of a call: an email nobody has (an index miss).
        (
            NO_MATCH,
            (0..QUERIES)
                .map(|i| format!("nobody{i}@nowhere.invalid"))
                .collect(),
        ),
    ]
}

/// Per query (each the mean of [`REPEAT`] runs, in µs): the search alone,
/// the search and its page written as JSON (what a binding also pays to hand
/// the hits over), and the total match count.
struct Measured {
    search: Vec<f64>,
    with_json: Vec<f64>,
    totals: Vec<usize>,
}

fn measure(ws: &Workspace, texts: &[String]) -> Result<Measured, Box<dyn std::error::Error>> {
    let queries: Vec<SearchQuery> = texts
        .iter()
        .map(|t| SearchQuery {
            limit: LIMIT,
            ..SearchQuery::new(t.clone())
        })
        .collect();
    for q in queries.iter().take(20) {
        black_box(ws.search_customers(q)?.total);
    }
    let mut m = Measured {
        search: Vec::with_capacity(queries.len()),
        with_json: Vec::with_capacity(queries.len()),
        totals: Vec::with_capacity(queries.len()),
    };
    for q in &queries {
        let t0 = Instant::now();
        let mut total = 0;
        for _ in 0..REPEAT {
            total = black_box(ws.search_customers(black_box(q))?).total;
        }
        m.search
            .push(t0.elapsed().as_secs_f64() * 1e6 / REPEAT as f64);
        m.totals.push(total);
        let t0 = Instant::now();
        for _ in 0..REPEAT {
            let r = ws.search_customers(black_box(q))?;
            black_box(serde_json::to_vec(&r)?);
        }
        m.with_json
            .push(t0.elapsed().as_secs_f64() * 1e6 / REPEAT as f64);
    }
    Ok(m)
}

/// The `p` quantile (nearest rank) of unsorted values.
fn quantile(values: &[f64], p: f64) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    if v.is_empty() {
        return f64::NAN;
    }
    v[((v.len() - 1) as f64 * p).round() as usize]
}
