//! Point lookups (email, phone, id) and name search on a large workspace.
#![allow(missing_docs)]

use clientcare::text::fold;
use clientcare::{Customer, CustomerId, Meta, Workspace};
use clientcare_bench::harness::{self, line, ns_per, si, target, thousands, time, Scale};
use clientcare_bench::{calendar, two_contact_rows, Rng};
use std::collections::HashMap;
use std::hint::black_box;
use std::time::{Duration, Instant};

const LOOKUPS: usize = 200_000;

struct Keys {
    ids: Vec<CustomerId>,
    emails: Vec<String>,
    emails_typed: Vec<String>,
    e164: Vec<String>,
    local: Vec<String>,
    local_spaced: Vec<String>,
    names: Vec<String>,
}

fn all_customers(ws: &Workspace) -> Result<Vec<&Customer>, clientcare::Error> {
    Ok(ws.customers().collect())
}

fn keys(ws: &Workspace, rng: &mut Rng) -> Result<Keys, clientcare::Error> {
    let all: Vec<CustomerId> = all_customers(ws)?.iter().map(|c| c.id).collect();
    let mut k = Keys {
        ids: Vec::new(),
        emails: Vec::new(),
        emails_typed: Vec::new(),
        e164: Vec::new(),
        local: Vec::new(),
        local_spaced: Vec::new(),
        names: Vec::new(),
    };
    for _ in 0..LOOKUPS {
        let id = all[rng.index(all.len())];
        let c = ws.customer(id)?;
        k.ids.push(id);
        if let Some(e) = c.emails().next() {
            k.emails.push(e.to_owned());
            let mut chars = e.chars();
            let first = chars.next().map(|f| f.to_ascii_uppercase()).unwrap_or('x');
            k.emails_typed.push(format!("{first}{}", chars.as_str()));
        }
        if let Some(p) = c.phones().next() {
            k.e164.push(p.to_owned());
            if let Some(rest) = p.strip_prefix("+84") {
                let local = format!("0{rest}");
                if local.len() == 10 {
                    k.local_spaced.push(format!(
                        "{} {} {}",
                        &local[0..3],
                        &local[3..6],
                        &local[6..10]
                    ));
                }
                k.local.push(local);
            }
        }
        if k.names.len() < 2000 && !c.names.full.is_ascii() && c.names.full.split(' ').count() >= 3
        {
            k.names.push(fold(&c.names.full));
        }
    }
    Ok(k)
}

fn bench_lookup(label: &str, keys: &[String], f: impl Fn(&str) -> usize) -> f64 {
    if keys.is_empty() {
        line(label, "no keys");
        return f64::NAN;
    }
    // Warm-up pass, then the measured pass.
    for k in keys.iter().take(1000) {
        black_box(f(k));
    }
    let mut found = 0usize;
    let (_, d) = time(|| {
        for k in keys {
            found += f(black_box(k));
        }
    });
    let ns = ns_per(keys.len(), d);
    line(
        &format!(
            "{label} ({} random lookups, {} found)",
            thousands(keys.len()),
            thousands(found)
        ),
        format!("{ns:.0} ns/lookup"),
    );
    ns
}

fn bench_search(ws: &Workspace, label: &str, queries: &[String]) -> f64 {
    let budget = Duration::from_millis(700);
    let t0 = Instant::now();
    let mut runs = 0usize;
    let mut hits = 0usize;
    while runs < queries.len() || (t0.elapsed() < budget && runs < 100 * queries.len()) {
        let q = &queries[runs % queries.len()];
        let query = clientcare::SearchQuery {
            limit: 10,
            ..clientcare::SearchQuery::new(black_box(q.as_str()))
        };
        hits += ws.search_customers(&query).map_or(0, |r| r.hits.len());
        runs += 1;
    }
    let us = t0.elapsed().as_secs_f64() * 1e6 / runs as f64;
    let example = &queries[0];
    line(
        &format!(
            "{label}: e.g. {example:?} ({} queries, avg {:.1} hits of max 10)",
            thousands(runs),
            hits as f64 / runs as f64
        ),
        format!("{us:.1} µs/query"),
    );
    us
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    harness::banner("lookup");
    let scale = Scale::from_env();
    let n = scale.pick(100_000, 1_000_000);
    harness::header(&format!(
        "workspace of {} customers (name + 1 email + 1 phone each)",
        thousands(n)
    ));
    let at = calendar::local(2026, 10, 1, 9, 0).unwrap_or_default();
    let mut ws = Workspace::with_seed(1);
    ws.configure(Meta::system(at), Some("VN"))?;
    let (out, d) = time(|| ws.register_customers(Meta::system(at), two_contact_rows(n, 11)));
    line(
        &format!("registered {} customers", thousands(out.applied())),
        format!("{:.2} s", d.as_secs_f64()),
    );
    drop(out);
    let mut rng = Rng::new(99);
    let k = keys(&ws, &mut rng)?;

    harness::header("point lookups (O(1) index; key normalised first unless already E.164)");
    for id in k.ids.iter().take(1000) {
        black_box(ws.customer(*id).is_ok());
    }
    let (_, d) = time(|| {
        for id in &k.ids {
            black_box(ws.customer(black_box(*id)).is_ok());
        }
    });
    line(
        &format!("customer(id) ({} random lookups)", thousands(k.ids.len())),
        format!("{:.0} ns/lookup", ns_per(k.ids.len(), d)),
    );
    let by_email = |key: &str| ws.find_by_email(key).map_or(0, |v| v.len());
    let by_phone = |key: &str| ws.find_by_phone(key).map_or(0, |v| v.len());
    let email = bench_lookup("find_by_email, normalised key", &k.emails, by_email);
    let email_typed = bench_lookup(
        "find_by_email, as typed (capitalised)",
        &k.emails_typed,
        by_email,
    );
    let e164 = bench_lookup("find_by_phone, E.164 key (+84901234567)", &k.e164, by_phone);
    let local = bench_lookup("find_by_phone, local key (0901234567)", &k.local, by_phone);
    let spaced = bench_lookup(
        "find_by_phone, local spaced (090 123 4567)",
        &k.local_spaced,
        by_phone,
    );
    // Floor: a bare std HashMap<String, u32> holding every stored E.164 number
    // (SipHash, same keys, same random order): what memory latency alone costs.
    let mut bare: HashMap<String, u32> = HashMap::with_capacity(n);
    for (i, c) in all_customers(&ws)?.into_iter().enumerate() {
        if let Some(p) = c.phones().next() {
            bare.insert(p.to_owned(), i as u32);
        }
    }
    bench_lookup(
        "reference: bare HashMap<String, u32>.get, E.164 key",
        &k.e164,
        |key| {
            bare.get(key)
                .map_or(0, |&v| usize::from(black_box(v) != u32::MAX))
        },
    );
    drop(bare);
    let misses: Vec<String> = (0..LOOKUPS / 4)
        .map(|i| format!("nobody{i}@example.vn"))
        .collect();
    bench_lookup("find_by_email, unknown address", &misses, by_email);

    harness::header("name search (folded, prefix per word, limit 10, active customers)");
    let full = bench_search(&ws, "full Vietnamese name without diacritics", &k.names);
    let prefixes: Vec<String> = ["ngu", "tra", "lin", "hoa", "tha"]
        .map(String::from)
        .to_vec();
    let prefix = bench_search(&ws, "3-letter prefix", &prefixes);
    let families: Vec<String> = ["nguyen", "tran", "le"].map(String::from).to_vec();
    let family = bench_search(&ws, "common family name", &families);
    let two: Vec<String> = ["nguyen van", "tran thi"].map(String::from).to_vec();
    bench_search(&ws, "family + middle name", &two);
    let given: Vec<String> = ["linh", "duc", "hoa"].map(String::from).to_vec();
    bench_search(&ws, "given name", &given);
    let rare: Vec<String> = ["quach", "kieu", "muller", "tanaka"]
        .map(String::from)
        .to_vec();
    bench_search(&ws, "rare family name", &rare);

    harness::header("targets");
    let worst = [email, email_typed, e164, local, spaced]
        .into_iter()
        .fold(0.0f64, f64::max);
    target(
        "lookups < 1 µs",
        worst < 1000.0,
        &format!(
            "on {} customers: email {:.0} ns, email as typed {:.0} ns, E.164 {:.0} ns, local {:.0} ns, local spaced {:.0} ns",
            thousands(n), email, email_typed, e164, local, spaced
        ),
    );
    line(
        "name search summary",
        format!("full name {full:.1} µs, prefix {prefix:.1} µs, family {family:.1} µs per query ({}queries/s for full names)", si(1e6 / full)),
    );
    Ok(())
}
