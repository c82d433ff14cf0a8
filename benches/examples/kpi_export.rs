//! Writes the event log of the KPI benchmark's year of care as JSON Lines and
//! the core's care and survey KPIs (with their timings) for two ranges, for
//! `benches/python/compare_kpi_pandas.py` to rebuild with pandas and compare.
//!
//! ```text
//! CLIENTCARE_BENCH_SCALE=small cargo run --release -p clientcare-bench --example kpi_export [-- DIR]
//! ```
//!
//! DIR (default `target/kpi-compare`) receives `events.jsonl` and `core.json`.
#![allow(missing_docs)]

use clientcare::{KpiQuery, KpiRow, SeededIds, Workspace};
use clientcare_bench::calendar::{local, TZ};
use clientcare_bench::care_year::{build_care_year, CareYearSpec};
use clientcare_bench::harness::{self, line, thousands, time, Scale};
use serde_json::json;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::time::Duration;

/// The KPIs the pandas script rebuilds, each computed by its own `kpi()` call.
const KPIS: &[&str] = &[
    "complaint_volume",
    "first_response_time",
    "resolution_time",
    "first_contact_resolution",
    "reopen_rate",
    "escalation_rate",
    "csat",
    "nps",
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    harness::banner("kpi_export");
    let scale = Scale::from_env();
    let complaints = scale.pick(100_000, 1_000_000);
    let dir = std::env::args().nth(1).map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/kpi-compare"),
        PathBuf::from,
    );
    std::fs::create_dir_all(&dir)?;
    let dir = dir.canonicalize()?;

    harness::header(&format!(
        "building the year of care of the kpi bench ({} complaints, seed 2026)",
        thousands(complaints)
    ));
    let spec = CareYearSpec::new(complaints, 2026);
    let (year, d) = time(|| build_care_year(&spec));
    let year = year?;
    let ws = &year.workspace;
    line("build", format!("{:.1} s", d.as_secs_f64()));
    line("events", thousands(ws.events().len()));

    let path = dir.join("events.jsonl");
    let (written, d) = time(|| -> std::io::Result<u64> {
        let mut w = BufWriter::with_capacity(1 << 20, std::fs::File::create(&path)?);
        for ev in ws.events() {
            serde_json::to_writer(&mut w, ev)?;
            w.write_all(b"\n")?;
        }
        w.flush()?;
        Ok(std::fs::metadata(&path)?.len())
    });
    line(
        &format!("wrote {}", path.display()),
        format!(
            "{:.0} MB in {:.1} s",
            written? as f64 / 1e6,
            d.as_secs_f64()
        ),
    );

    // The core's own load of the same file (parse + check + apply every event).
    let (text, read) = time(|| std::fs::read_to_string(&path));
    let text = text?;
    let (copy, import) = time(|| Workspace::import_jsonl(&text, Box::new(SeededIds::new(1))));
    let copy = copy?;
    drop(text);
    let same = copy == *ws;
    drop(copy);
    line(
        "core load: read the file + import_jsonl (untrusted: checks every event)",
        format!(
            "{:.2} s + {:.2} s (rebuilt workspace equals the original: {})",
            read.as_secs_f64(),
            import.as_secs_f64(),
            if same { "yes" } else { "NO" }
        ),
    );
    if !same {
        return Err("the imported log does not rebuild the same workspace".into());
    }

    let ranges = [
        ("year", year.start, year.end),
        (
            "november",
            local(2026, 11, 1, 0, 0).unwrap_or_default(),
            local(2026, 12, 1, 0, 0).unwrap_or_default(),
        ),
    ];
    let mut out_ranges = Vec::new();
    for (name, from, to) in ranges {
        let q = KpiQuery::new(from, to);
        harness::header(&format!(
            "core care KPIs, {name}: complaints received in [{} .. {}) local, as they stood at the end",
            from.with_timezone(&TZ).format("%Y-%m-%d %H:%M"),
            to.with_timezone(&TZ).format("%Y-%m-%d %H:%M")
        ));
        let mut rows: Vec<KpiRow> = Vec::new();
        let mut per_kpi = serde_json::Map::new();
        let mut total = Duration::ZERO;
        for kpi in KPIS {
            let mut best = Duration::MAX;
            let mut last = Vec::new();
            for _ in 0..5 {
                let (r, d) = time(|| ws.kpi(kpi, &q));
                last = r?;
                best = best.min(d);
            }
            total += best;
            per_kpi.insert((*kpi).to_owned(), json!(best.as_secs_f64()));
            rows.extend(last);
        }
        for r in &rows {
            let v = r.value.map_or("-".into(), |v| format!("{v:.6}"));
            line(
                &format!("  {} {}", r.kpi, r.measure),
                format!("{v} {} (n={})", r.unit, r.sample_size),
            );
        }
        line(
            &format!(
                "core time: {} kpi() calls, best of 5 each, summed",
                KPIS.len()
            ),
            format!("{:.2} ms", total.as_secs_f64() * 1e3),
        );
        let mut dashboard = Duration::MAX;
        for _ in 0..5 {
            let (r, d) = time(|| ws.dashboard(&q));
            r?;
            dashboard = dashboard.min(d);
        }
        line(
            "for scale: the whole dashboard (22 KPIs, one pass per area), best of 5",
            format!("{:.2} ms", dashboard.as_secs_f64() * 1e3),
        );
        out_ranges.push(json!({
            "name": name,
            "from": from,
            "to": to,
            "core_seconds": total.as_secs_f64(),
            "core_seconds_per_kpi": per_kpi,
            "core_dashboard_seconds": dashboard.as_secs_f64(),
            "rows": rows,
        }));
    }
    let core = json!({
        "scale": scale.name(),
        "events": ws.events().len(),
        "complaints": year.complaints,
        "core_read_seconds": read.as_secs_f64(),
        "core_import_seconds": import.as_secs_f64(),
        "ranges": out_ranges,
    });
    let core_path = dir.join("core.json");
    std::fs::write(&core_path, serde_json::to_string_pretty(&core)?)?;
    line(&format!("wrote {}", core_path.display()), "");
    Ok(())
}
