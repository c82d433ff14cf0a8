//! Customer search at 100k and 1M customers: index size, and latency
//! (median / p99) of name, prefix, typo, tag, email and phone queries; the
//! cost of keeping the index current (renames, tags) on the big workspace.
//! `SEARCH_SLOWEST=1` also prints the slowest queries of each kind.
#![allow(missing_docs)]

use clientcare::text::fold;
use clientcare::{
    Command, Customer, CustomerId, Meta, SearchQuery, TagCustomer, UpdateCustomer, Workspace,
};
use clientcare_bench::harness::{self, line, target, thousands, time, Scale};
use clientcare_bench::{calendar, customer_rows, Rng};
use std::hint::black_box;
use std::time::Instant;

/// Queries per kind (each timed on its own).
const QUERIES: usize = 300;

struct Latency {
    median_us: f64,
    p99_us: f64,
    mean_total: f64,
    found_share: f64,
}

fn measure(ws: &Workspace, label: &str, queries: &[SearchQuery]) -> Latency {
    if queries.is_empty() {
        line(label, "no queries");
        return Latency {
            median_us: f64::NAN,
            p99_us: f64::NAN,
            mean_total: 0.0,
            found_share: 0.0,
        };
    }
    // Warm-up pass.
    for q in queries.iter().take(50) {
        black_box(ws.search_customers(q).map(|r| r.total).ok());
    }
    let mut times = Vec::with_capacity(queries.len());
    let mut totals = 0usize;
    let mut found = 0usize;
    for q in queries {
        let t0 = Instant::now();
        let r = ws.search_customers(black_box(q));
        let d = t0.elapsed();
        let total = r.map_or(0, |r| black_box(r).total);
        times.push(d.as_secs_f64() * 1e6);
        totals += total;
        found += usize::from(total > 0);
    }
    if std::env::var("SEARCH_SLOWEST").is_ok() {
        let mut idx: Vec<usize> = (0..times.len()).collect();
        idx.sort_by(|&a, &b| times[b].total_cmp(&times[a]));
        for &i in idx.iter().take(4) {
            println!("      slow: {:?} {:.0} µs", queries[i].text, times[i]);
        }
    }
    times.sort_by(f64::total_cmp);
    let at = |p: f64| times[((times.len() - 1) as f64 * p).round() as usize];
    let l = Latency {
        median_us: at(0.5),
        p99_us: at(0.99),
        mean_total: totals as f64 / queries.len() as f64,
        found_share: found as f64 / queries.len() as f64,
    };
    line(
        &format!(
            "{label}: e.g. {:?} ({} queries, {:.0} % found, avg {:.0} matches)",
            queries[0].text,
            queries.len(),
            l.found_share * 100.0,
            l.mean_total
        ),
        format!("median {:.1} µs, p99 {:.1} µs", l.median_us, l.p99_us),
    );
    l
}

/// One random edit (transposition, substitution, deletion or insertion)
/// inside a word of 4+ letters, never at its first letter.
fn typo(rng: &mut Rng, word: &str) -> String {
    let mut b: Vec<u8> = word.bytes().collect();
    let i = 1 + rng.index(b.len() - 1);
    match rng.below(4) {
        0 if i + 1 < b.len() && b[i] != b[i + 1] => b.swap(i, i + 1),
        1 => b[i] = if b[i] == b'x' { b'q' } else { b'x' },
        2 => {
            b.remove(i);
        }
        _ => b.insert(i, b'e'),
    }
    String::from_utf8(b).unwrap_or_else(|_| word.to_owned())
}

fn q(text: impl Into<String>) -> SearchQuery {
    SearchQuery {
        limit: 20,
        ..SearchQuery::new(text)
    }
}

struct Sets {
    full: Vec<SearchQuery>,
    family: Vec<SearchQuery>,
    prefix: Vec<SearchQuery>,
    two_word_prefix: Vec<SearchQuery>,
    typo_full: Vec<SearchQuery>,
    typo_word: Vec<SearchQuery>,
    tag: Vec<SearchQuery>,
    email: Vec<SearchQuery>,
    email_prefix: Vec<SearchQuery>,
    phone_local: Vec<SearchQuery>,
    phone_e164: Vec<SearchQuery>,
    phone_end: Vec<SearchQuery>,
}

fn sets(customers: &[&Customer], rng: &mut Rng) -> Sets {
    let mut s = Sets {
        full: Vec::new(),
        family: Vec::new(),
        prefix: Vec::new(),
        two_word_prefix: Vec::new(),
        typo_full: Vec::new(),
        typo_word: Vec::new(),
        tag: Vec::new(),
        email: Vec::new(),
        email_prefix: Vec::new(),
        phone_local: Vec::new(),
        phone_e164: Vec::new(),
        phone_end: Vec::new(),
    };
    let mut guard = 0;
    while s.full.len() < QUERIES && guard < 100 * QUERIES {
        guard += 1;
        let c = customers[rng.index(customers.len())];
        let folded = fold(&c.names.full);
        let words: Vec<&str> = folded.split(' ').collect();
        if words.len() >= 2 {
            s.full.push(q(folded.clone()));
            s.family.push(q(words[0]));
            let w = words[rng.index(words.len())];
            s.prefix.push(q(&w[..w.len().min(3)]));
            let last = words[words.len() - 1];
            s.two_word_prefix
                .push(q(format!("{} {}", words[0], &last[..last.len().min(2)])));
            if let Some(i) = (0..words.len()).find(|&i| words[(i + 1) % words.len()].len() >= 5) {
                let i = (i + 1) % words.len();
                let mut t: Vec<String> = words.iter().map(|w| (*w).to_owned()).collect();
                t[i] = typo(rng, words[i]);
                s.typo_word.push(q(t[i].clone()));
                s.typo_full.push(q(t.join(" ")));
            }
        }
        if let Some(tag) = c.tags.first() {
            s.tag.push(q(tag.clone()));
        }
        if let Some(e) = c.emails().next() {
            s.email.push(q(e));
            if let Some((local, _)) = e.split_once('@') {
                s.email_prefix.push(q(format!("{local}@")));
            }
        }
        if let Some(p) = c.phones().next() {
            s.phone_e164.push(q(p));
            if let Some(rest) = p.strip_prefix("+84") {
                let local = format!("0{rest}");
                if local.len() == 10 {
                    s.phone_local.push(q(format!(
                        "{} {} {}",
                        &local[0..4],
                        &local[4..7],
                        &local[7..10]
                    )));
                }
            }
            s.phone_end.push(q(&p[p.len() - 7..]));
        }
    }
    s
}

fn run(n: usize, big: bool) -> Result<(), Box<dyn std::error::Error>> {
    harness::header(&format!(
        "{} customers (people and companies, Vietnamese and international, tags, emails, phones)",
        thousands(n)
    ));
    let at = calendar::local(2026, 10, 1, 9, 0).unwrap_or_default();
    let mut ws = Workspace::with_seed(1);
    ws.configure(Meta::system(at), Some("VN"))?;
    let rows = customer_rows(n, 42);
    let (out, d) = time(|| ws.register_customers(Meta::system(at), rows));
    line(
        &format!(
            "registered {} customers (index kept current)",
            thousands(out.applied())
        ),
        format!(
            "{:.2} s ({:.2} µs/customer)",
            d.as_secs_f64(),
            d.as_secs_f64() * 1e6 / n as f64
        ),
    );
    drop(out);
    let st = ws.search_stats();
    line(
        "index: distinct name words / tag words / typo keys",
        format!(
            "{} / {} / {}",
            thousands(st.name_words),
            thousands(st.tag_words),
            thousands(st.typo_keys)
        ),
    );
    line(
        "index: emails / phones",
        format!("{} / {}", thousands(st.emails), thousands(st.phones)),
    );
    line(
        "index: estimated heap",
        format!(
            "{:.1} MiB ({:.0} B/customer)",
            st.approx_heap_bytes as f64 / 1048576.0,
            st.approx_heap_bytes as f64 / n as f64
        ),
    );

    let customers: Vec<&Customer> = ws.customers().collect();
    let mut rng = Rng::new(7);
    let s = sets(&customers, &mut rng);
    drop(customers);
    harness::header(&format!(
        "search latency on {} customers (limit 20, typos on, one query at a time)",
        thousands(n)
    ));
    let full = measure(&ws, "full name, folded", &s.full);
    let family = measure(
        &ws,
        "first word only (family name, often Nguyễn)",
        &s.family,
    );
    let prefix = measure(&ws, "3-letter prefix of a name word", &s.prefix);
    measure(&ws, "family name + 2-letter prefix", &s.two_word_prefix);
    let typo_full = measure(&ws, "full name with one typo", &s.typo_full);
    let typo_word = measure(&ws, "one word with a typo", &s.typo_word);
    measure(&ws, "a tag", &s.tag);
    let email = measure(&ws, "whole email", &s.email);
    let email_prefix = measure(&ws, "email local part + @", &s.email_prefix);
    let phone = measure(&ws, "phone as typed locally (0903 123 456)", &s.phone_local);
    measure(&ws, "phone in E.164", &s.phone_e164);
    let phone_end = measure(&ws, "last 7 digits of a phone", &s.phone_end);
    let no_typos: Vec<SearchQuery> = s
        .typo_word
        .iter()
        .map(|q| SearchQuery {
            typos: false,
            ..q.clone()
        })
        .collect();
    measure(&ws, "one word with a typo, typos off", &no_typos);
    let deep: Vec<SearchQuery> = s
        .family
        .iter()
        .map(|q| SearchQuery {
            offset: 500,
            ..q.clone()
        })
        .collect();
    measure(&ws, "first word only, page at offset 500", &deep);

    if big {
        harness::header(&format!(
            "keeping the index current on {} customers",
            thousands(n)
        ));
        let ids: Vec<CustomerId> = ws.customers().map(|c| c.id).collect();
        let renames = 20_000;
        let mut rng = Rng::new(11);
        let picks: Vec<(CustomerId, String)> = (0..renames)
            .map(|_| {
                let a = ids[rng.index(ids.len())];
                let b = ids[rng.index(ids.len())];
                let name = ws
                    .customer(b)
                    .map(|c| c.names.full.clone())
                    .unwrap_or_default();
                (a, name)
            })
            .collect();
        let mut t = at;
        let (_, d) = time(|| {
            for (id, name) in &picks {
                t += chrono::Duration::seconds(1);
                let mut u = UpdateCustomer::new(*id);
                u.full_name = Some(name.clone());
                black_box(ws.execute(Meta::system(t), Command::UpdateCustomer(u)).ok());
            }
        });
        line(
            &format!("rename to another customer's name ({renames} commands)"),
            format!("{:.2} µs/command", d.as_secs_f64() * 1e6 / renames as f64),
        );
        let (_, d) = time(|| {
            for (id, _) in &picks {
                t += chrono::Duration::seconds(1);
                let tag = TagCustomer {
                    customer: *id,
                    tags: vec!["vip".into()],
                };
                black_box(ws.execute(Meta::system(t), Command::TagCustomer(tag)).ok());
            }
        });
        line(
            &format!("tag with a common tag ({renames} commands)"),
            format!("{:.2} µs/command", d.as_secs_f64() * 1e6 / renames as f64),
        );
        harness::header("targets");
        let worst_name = [full.p99_us, family.p99_us, prefix.p99_us]
            .into_iter()
            .fold(0.0f64, f64::max);
        target(
            &format!("name and prefix search p99 < 10 ms at {}", thousands(n)),
            worst_name < 10_000.0,
            &format!(
                "full {:.0} µs, first word {:.0} µs, prefix {:.0} µs",
                full.p99_us, family.p99_us, prefix.p99_us
            ),
        );
        target(
            &format!("typo search p99 < 10 ms at {}", thousands(n)),
            typo_full.p99_us.max(typo_word.p99_us) < 10_000.0,
            &format!(
                "full name {:.0} µs, one word {:.0} µs",
                typo_full.p99_us, typo_word.p99_us
            ),
        );
        target(
            &format!("whole email and phone p99 < 1 ms at {}", thousands(n)),
            [email.p99_us, phone.p99_us, phone_end.p99_us]
                .into_iter()
                .all(|x| x < 1000.0),
            &format!(
                "email {:.0} µs, phone {:.0} µs, phone end {:.0} µs (email start: {:.0} µs, \"contact@\" matches thousands)",
                email.p99_us, phone.p99_us, phone_end.p99_us, email_prefix.p99_us
            ),
        );
    }
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    harness::banner("search");
    let scale = Scale::from_env();
    let sizes = scale.pick([10_000, 100_000], [100_000, 1_000_000]);
    run(sizes[0], false)?;
    run(sizes[1], true)?;
    Ok(())
}
