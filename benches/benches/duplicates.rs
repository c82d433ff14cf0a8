//! Duplicate detection: quality (precision, recall, F1) on a labelled data
//! set with known duplicates, blocking completeness against a brute-force
//! comparison of every pair, whole-workspace scan time at 100k (and 1M with
//! `DUP_BENCH_FULL=1`), and single-record check latency.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use clientcare::{
    CustomerId, DuplicateReport, DuplicateRules, NameMetric, RegisterCustomer, Workspace,
};
use clientcare_bench::dupes::{self, DupeSpec, LabelledDupes, PairTruth};
use clientcare_bench::harness::{self, header, line, target, thousands, time, Scale};
use std::collections::{BTreeMap, HashSet};
use std::time::{Duration, Instant};

fn found(report: &DuplicateReport) -> Vec<(CustomerId, CustomerId)> {
    report.pairs.iter().map(|p| (p.a, p.b)).collect()
}

fn scan(ws: &Workspace, rules: &DuplicateRules) -> (DuplicateReport, Duration) {
    let (r, d) = time(|| ws.scan_duplicates(rules, &mut |_| true));
    (r.expect("valid rules"), d)
}

fn build(n: usize, seed: u64) -> LabelledDupes {
    let (set, d) =
        time(|| dupes::build(&DupeSpec::new(n, seed)).expect("generated data registers"));
    line(
        &format!(
            "labelled set: {} customers ({} duplicate records, {} true pairs, {} memberships)",
            thousands(n),
            thousands(set.duplicates),
            thousands(set.truth.len()),
            thousands(set.memberships)
        ),
        format!("built in {:.1} s", d.as_secs_f64()),
    );
    set
}

fn quality_line(set: &LabelledDupes, label: &str, rules: &DuplicateRules) -> f64 {
    let (report, d) = scan(&set.workspace, rules);
    let q = set.evaluate(&found(&report));
    line(
        label,
        format!(
            "P {:.3}  R {:.3}  F1 {:.3}  (tp {}, fp {}, fn {}; {:.0} ms)",
            q.precision,
            q.recall,
            q.f1,
            q.true_positives,
            q.false_positives,
            q.false_negatives,
            d.as_secs_f64() * 1e3
        ),
    );
    q.f1
}

/// What the false positives really are.
fn false_positive_kinds(set: &LabelledDupes, pairs: &[(CustomerId, CustomerId)]) {
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for &(a, b) in pairs {
        let k = match set.truth_of(a, b) {
            Some(PairTruth::Duplicate) => continue,
            Some(PairTruth::Relatives) => "relatives (same family, shared address or phone)",
            Some(PairTruth::Strangers) => "strangers (similar name and a shared key)",
            None => "unknown",
        };
        *kinds.entry(k).or_default() += 1;
    }
    for (k, n) in &kinds {
        line(&format!("  false positives: {k}"), n);
    }
}

fn quality(set: &LabelledDupes) {
    header("quality on the labelled set (scan_duplicates)");
    let rules = DuplicateRules::default();
    let (report, _) = scan(&set.workspace, &rules);
    let pairs = found(&report);
    let q = set.evaluate(&pairs);
    line(
        "default rules (threshold 0.8, jaro_winkler, min name 0.88)",
        format!(
            "precision {:.3}  recall {:.3}  F1 {:.3}",
            q.precision, q.recall, q.f1
        ),
    );
    line(
        "  true / false positives, false negatives",
        format!(
            "{} / {} / {}",
            q.true_positives, q.false_positives, q.false_negatives
        ),
    );
    false_positive_kinds(set, &pairs);
    let detectable: Vec<&dupes::TruePair> = set
        .truth
        .iter()
        .filter(|t| !t.labels.contains(&"shares_nothing_but_the_name"))
        .collect();
    let got_pairs: HashSet<(CustomerId, CustomerId)> = pairs.iter().copied().collect();
    let hit = detectable
        .iter()
        .filter(|t| got_pairs.contains(&(t.a, t.b)) || got_pairs.contains(&(t.b, t.a)))
        .count();
    line(
        "  recall on true pairs sharing a contact or an organisation",
        format!(
            "{:.3} ({hit} of {}; the other {} share only a name)",
            hit as f64 / detectable.len().max(1) as f64,
            detectable.len(),
            set.truth.len() - detectable.len()
        ),
    );
    // Recall per perturbation.
    let got: HashSet<(CustomerId, CustomerId)> =
        pairs.iter().flat_map(|&(a, b)| [(a, b), (b, a)]).collect();
    let mut per: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for t in &set.truth {
        let hit = got.contains(&(t.a, t.b));
        let labels: Vec<&str> = if t.labels.is_empty() {
            vec!["(no perturbation)"]
        } else {
            t.labels.clone()
        };
        for l in labels {
            let e = per.entry(l).or_default();
            e.0 += 1;
            e.1 += usize::from(hit);
        }
    }
    println!("  recall by perturbation (true pairs with that label, share found):");
    for (l, (n, hit)) in &per {
        line(
            &format!("    {l}"),
            format!(
                "{:>6} pairs  recall {:.3}",
                n,
                *hit as f64 / (*n).max(1) as f64
            ),
        );
    }
    println!("  by threshold and metric:");
    for t in [0.7, 0.75, 0.8, 0.85, 0.9] {
        quality_line(
            set,
            &format!("    threshold {t}"),
            &DuplicateRules {
                threshold: t,
                ..DuplicateRules::default()
            },
        );
    }
    for (label, rules) in [
        (
            "    levenshtein, min name 0.8",
            DuplicateRules {
                name_metric: NameMetric::Levenshtein,
                min_name_similarity: 0.8,
                ..DuplicateRules::default()
            },
        ),
        (
            "    exact words only",
            DuplicateRules {
                name_metric: NameMetric::Exact,
                ..DuplicateRules::default()
            },
        ),
        (
            "    distinct_known_words off",
            DuplicateRules {
                distinct_known_words: false,
                ..DuplicateRules::default()
            },
        ),
        (
            "    min name similarity 0.92",
            DuplicateRules {
                min_name_similarity: 0.92,
                ..DuplicateRules::default()
            },
        ),
        (
            "    name alone enough (name 0.85, threshold 0.8)",
            DuplicateRules {
                name: 0.85,
                ..DuplicateRules::default()
            },
        ),
    ] {
        quality_line(set, label, &rules);
    }
}

/// Every pair compared with `compare_customers`: the pairs at or above the
/// threshold that the blocked scan did not report.
fn brute_force(n: usize) {
    header(&format!(
        "blocking completeness: scan vs every pair compared ({} customers)",
        thousands(n)
    ));
    let set = build(n, 11);
    let ws = &set.workspace;
    let rules = DuplicateRules::default();
    let (report, _) = scan(ws, &rules);
    let reported: HashSet<(CustomerId, CustomerId)> = found(&report).into_iter().collect();
    let ids: Vec<CustomerId> = ws.customers().map(|c| c.id).collect();
    let t0 = Instant::now();
    let mut above = 0usize;
    let mut missed = 0usize;
    for (i, a) in ids.iter().enumerate() {
        for b in &ids[i + 1..] {
            let m = ws.compare_customers(*a, *b, &rules).expect("known ids");
            if m.score >= rules.threshold {
                above += 1;
                if !reported.contains(&(*a, *b)) {
                    missed += 1;
                }
            }
        }
    }
    let pairs = ids.len() * (ids.len() - 1) / 2;
    line(
        &format!("all {} pairs compared", thousands(pairs)),
        format!("{:.1} s", t0.elapsed().as_secs_f64()),
    );
    line(
        "pairs at or above the threshold (brute force) / found by the scan",
        format!("{above} / {}", report.pairs.len()),
    );
    line("missed by blocking", missed);
    line(
        "scan comparisons vs all pairs",
        format!(
            "{} vs {} ({:.3} %)",
            thousands(report.comparisons as usize),
            thousands(pairs),
            report.comparisons as f64 * 100.0 / pairs as f64
        ),
    );
    target(
        "blocking loses no pair at default rules",
        missed == 0,
        &format!("{missed} missed"),
    );
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn micros(d: Duration) -> String {
    format!("{:.1} µs", d.as_secs_f64() * 1e6)
}

/// A draft registration resembling the customer: name without diacritics,
/// same first email and phone.
fn draft_like(ws: &Workspace, id: CustomerId) -> RegisterCustomer {
    let c = ws.customer(id).expect("known id");
    RegisterCustomer {
        kind: c.kind,
        full_name: clientcare::text::fold(&c.names.full),
        emails: c.emails().take(1).map(str::to_owned).collect(),
        phones: c.phones().take(1).map(str::to_owned).collect(),
        contacts: c
            .contacts
            .iter()
            .filter(|p| matches!(p, clientcare::ContactPoint::Address { .. }))
            .cloned()
            .collect(),
        ..RegisterCustomer::default()
    }
}

fn latency(set: &LabelledDupes, samples: usize) {
    let ws = &set.workspace;
    let rules = DuplicateRules::default();
    let n = set.customers.len();
    let step = (n / samples).max(1);
    let picks: Vec<CustomerId> = set.customers.iter().step_by(step).copied().collect();
    let mut times = Vec::with_capacity(picks.len());
    let mut hits = 0usize;
    for id in &picks {
        let t0 = Instant::now();
        let m = ws.duplicates_of(*id, &rules).expect("known id");
        times.push(t0.elapsed());
        hits += usize::from(!m.is_empty());
    }
    times.sort_unstable();
    line(
        &format!("duplicates_of: {} customers", thousands(picks.len())),
        format!(
            "median {}  p99 {}  max {}  ({} with matches)",
            micros(percentile(&times, 0.5)),
            micros(percentile(&times, 0.99)),
            micros(percentile(&times, 1.0)),
            hits
        ),
    );
    let drafts: Vec<RegisterCustomer> = picks.iter().map(|id| draft_like(ws, *id)).collect();
    time_checks(
        ws,
        &rules,
        &drafts,
        "check_duplicates: drafts like existing customers (name folded, address kept)",
    );
    let fresh = clientcare_bench::customer_rows(picks.len(), 0xF2E5);
    time_checks(
        ws,
        &rules,
        &fresh,
        "check_duplicates: new people and companies (generator rows)",
    );
}

/// Times `check_duplicates` on each draft and prints the latency quantiles.
fn time_checks(ws: &Workspace, rules: &DuplicateRules, drafts: &[RegisterCustomer], what: &str) {
    let mut times = Vec::with_capacity(drafts.len());
    for d in drafts {
        let t0 = Instant::now();
        let m = ws.check_duplicates(d, rules).expect("valid draft");
        times.push(t0.elapsed());
        std::hint::black_box(m);
    }
    times.sort_unstable();
    line(
        what,
        format!(
            "median {}  p99 {}  max {}",
            micros(percentile(&times, 0.5)),
            micros(percentile(&times, 0.99)),
            micros(percentile(&times, 1.0))
        ),
    );
}

fn at_scale(n: usize, seed: u64) {
    header(&format!("scan at {} customers", thousands(n)));
    let set = build(n, seed);
    let rules = DuplicateRules::default();
    let mut calls = 0usize;
    let (report, d) = time(|| {
        set.workspace
            .scan_duplicates(&rules, &mut |_| {
                calls += 1;
                true
            })
            .expect("valid rules")
    });
    let q = set.evaluate(&found(&report));
    line(
        "scan_duplicates (one core)",
        format!(
            "{:.2} s  ({:.2} µs/customer, {} progress calls)",
            d.as_secs_f64(),
            d.as_secs_f64() * 1e6 / n as f64,
            calls
        ),
    );
    line(
        "  candidate pairs scored / pairs reported",
        format!(
            "{} / {}",
            thousands(report.comparisons as usize),
            thousands(report.pairs.len())
        ),
    );
    line(
        "  groups over max_block split by name",
        report.skipped_blocks,
    );
    line(
        "  precision / recall / F1 at this size",
        format!("{:.3} / {:.3} / {:.3}", q.precision, q.recall, q.f1),
    );
    false_positive_kinds(&set, &found(&report));
    if n >= 1_000_000 {
        target(
            "scan of 1M customers under 60 s",
            d.as_secs_f64() < 60.0,
            &format!("{:.1} s", d.as_secs_f64()),
        );
    }
    header(&format!(
        "single-record checks at {} customers",
        thousands(n)
    ));
    latency(&set, 2000);
}

/// `DUP_EXPORT=dir`: writes the labelled set (`customers.jsonl`,
/// `truth.jsonl`) and the core's scan result (`core.json`) for
/// benches/python/compare_dedupe_rapidfuzz.py, then exits.
fn export(dir: &str) {
    use std::io::Write;
    let n: usize = std::env::var("DUP_EXPORT_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let set = build(n, 5);
    let rules = DuplicateRules::default();
    let (report, d) = scan(&set.workspace, &rules);
    let q = set.evaluate(&found(&report));
    std::fs::create_dir_all(dir).expect("export folder");
    let path = |f: &str| std::path::Path::new(dir).join(f);
    let mut out = std::io::BufWriter::new(
        std::fs::File::create(path("customers.jsonl")).expect("customers.jsonl"),
    );
    for c in set.workspace.customers() {
        let addresses: Vec<serde_json::Value> = c
            .contacts
            .iter()
            .filter_map(|p| match p {
                clientcare::ContactPoint::Address { address, .. } => Some(serde_json::json!({
                    "lines": address.lines, "city": address.city, "postal_code": address.postal_code
                })),
                _ => None,
            })
            .collect();
        let row = serde_json::json!({
            "id": c.id,
            "kind": c.kind,
            "full_name": c.names.full,
            "display_name": c.names.display,
            "emails": c.emails().collect::<Vec<_>>(),
            "phones": c.phones().collect::<Vec<_>>(),
            "addresses": addresses,
            "organizations": c.memberships.iter().map(|m| m.organization).collect::<Vec<_>>(),
        });
        writeln!(out, "{row}").expect("write");
    }
    out.flush().expect("flush");
    let mut out =
        std::io::BufWriter::new(std::fs::File::create(path("truth.jsonl")).expect("truth.jsonl"));
    for t in &set.truth {
        writeln!(out, "{}", serde_json::json!({"a": t.a, "b": t.b})).expect("write");
    }
    out.flush().expect("flush");
    let core = serde_json::json!({
        "customers": n,
        "scan_seconds": d.as_secs_f64(),
        "pairs": report.pairs.len(),
        "comparisons": report.comparisons,
        "precision": q.precision,
        "recall": q.recall,
        "f1": q.f1,
    });
    std::fs::write(path("core.json"), core.to_string()).expect("core.json");
    line(
        &format!("exported to {dir}"),
        format!("scan {:.2} s, F1 {:.3}", d.as_secs_f64(), q.f1),
    );
}

fn main() {
    if let Ok(dir) = std::env::var("DUP_EXPORT") {
        export(&dir);
        return;
    }
    harness::banner("duplicates");
    let scale = Scale::from_env();
    let full = std::env::var("DUP_BENCH_FULL").is_ok_and(|v| v == "1");
    let set = build(scale.pick(5_000, 20_000), 1);
    quality(&set);
    drop(set);
    brute_force(scale.pick(800, 2_000));
    at_scale(scale.pick(20_000, 100_000), 2);
    if full {
        at_scale(1_000_000, 3);
    } else {
        println!();
        println!("  (1M customers: run with DUP_BENCH_FULL=1)");
    }
}
