//! Registration throughput with contact normalisation, and its breakdown.
#![allow(missing_docs)]

use clientcare::text::{fold, normalize_email, normalize_label, normalize_phone, parse_region};
use clientcare::{Meta, RegisterCustomer, Workspace};
use clientcare_bench::harness::{self, line, ns_per, per_sec, si, target, thousands, time, Scale};
use clientcare_bench::{calendar, customer_rows, two_contact_rows};
use std::hint::black_box;

const TARGET_PER_SEC: f64 = 150_000.0;

fn register(rows: Vec<RegisterCustomer>, label: &str) -> Result<f64, clientcare::Error> {
    let n = rows.len();
    let emails: usize = rows.iter().map(|r| r.emails.len()).sum();
    let phones: usize = rows.iter().map(|r| r.phones.len()).sum();
    let at = calendar::local(2026, 10, 1, 9, 0).unwrap_or_default();
    let mut ws = Workspace::with_seed(1);
    ws.configure(Meta::system(at), Some("VN"))?;
    let (out, d) = time(|| ws.register_customers(Meta::system(at), rows));
    let rate = per_sec(n, d);
    line(
        &format!(
            "{label}: {} rows ({} emails, {} phones)",
            thousands(n),
            thousands(emails),
            thousands(phones)
        ),
        format!("{:.3} s", d.as_secs_f64()),
    );
    line(
        "  registrations/s (one core)",
        format!(
            "{}customers/s  ({:.2} µs/customer)",
            si(rate),
            ns_per(n, d) / 1000.0
        ),
    );
    line(
        "  applied / rejected",
        format!("{} / {}", thousands(out.applied()), out.errors().count()),
    );
    if let Some((i, e)) = out.errors().next() {
        line("  first rejected row", format!("#{i}: {e}"));
    }
    drop(black_box(out));
    drop(black_box(ws));
    Ok(rate)
}

/// Which kind of number a generated raw phone is.
fn phone_class(raw: &str) -> &'static str {
    let digits: String = raw.chars().filter(char::is_ascii_digit).collect();
    let plus = raw.trim_start().starts_with('+') || raw.trim_start().starts_with("(+");
    let national = if plus {
        match digits.strip_prefix("84") {
            Some(rest) => format!("0{rest}"),
            None => return "international",
        }
    } else {
        digits
    };
    if national.starts_with("02") {
        "VN landline"
    } else {
        "VN mobile"
    }
}

fn time_phones(label: &str, phones: &[&str], reps: usize) -> f64 {
    let vn = parse_region("VN").ok();
    let (_, d) = time(|| {
        for _ in 0..reps {
            for p in phones {
                black_box(normalize_phone("phone", black_box(p), vn).ok());
            }
        }
    });
    let ns = ns_per(phones.len() * reps, d);
    line(
        &format!("{label} ({} numbers)", thousands(phones.len())),
        format!("{ns:.0} ns/call"),
    );
    ns
}

fn breakdown(rows: &[RegisterCustomer]) {
    let vn = parse_region("VN").ok();
    let phones: Vec<&str> = rows
        .iter()
        .flat_map(|r| r.phones.iter().map(String::as_str))
        .collect();
    let emails: Vec<&str> = rows
        .iter()
        .flat_map(|r| r.emails.iter().map(String::as_str))
        .collect();
    let names: Vec<&str> = rows.iter().map(|r| r.full_name.as_str()).collect();
    let reps = 2;
    let by = |class: &str| -> Vec<&str> {
        phones
            .iter()
            .copied()
            .filter(|p| phone_class(p) == class)
            .collect()
    };
    let (mobiles, landlines, intl) = (by("VN mobile"), by("VN landline"), by("international"));
    line(
        "phones in the rows: VN mobile / VN landline / international",
        format!(
            "{} / {} / {}",
            thousands(mobiles.len()),
            thousands(landlines.len()),
            thousands(intl.len())
        ),
    );
    let phone_ns = time_phones("normalize_phone, the rows' mix in row order", &phones, reps);
    time_phones("normalize_phone, VN mobiles only", &mobiles, reps);
    time_phones("normalize_phone, VN landlines only", &landlines, reps);
    time_phones(
        "normalize_phone, international only (10 countries)",
        &intl,
        reps,
    );
    let one_country: Vec<&str> = intl
        .iter()
        .copied()
        .filter(|p| p.starts_with("+33"))
        .collect();
    time_phones("normalize_phone, French numbers only", &one_country, reps);
    // What the phone cost is made of, with the rlibphonenumber crate directly,
    // on VN mobiles (warm), called as the core calls it (no region for numbers
    // written with +country).
    let mobile_ns = time_phones("normalize_phone, VN mobiles again (warm)", &mobiles, reps);
    let util = &*rlibphonenumber::PHONE_NUMBER_UTIL;
    let (parsed, d) = time(|| {
        mobiles
            .iter()
            .filter_map(|p| {
                let region = if p.trim_start().starts_with('+') {
                    None
                } else {
                    vn
                };
                util.parse(p, region).ok()
            })
            .collect::<Vec<_>>()
    });
    let parse_ns = ns_per(mobiles.len(), d);
    line(
        "  of which rlibphonenumber parse",
        format!("{parse_ns:.0} ns/call"),
    );
    let (_, d) = time(|| {
        for p in &parsed {
            black_box(black_box(p).is_valid());
        }
    });
    let valid_ns = ns_per(parsed.len(), d);
    line(
        "  of which rlibphonenumber is_valid",
        format!("{valid_ns:.0} ns/call"),
    );
    line(
        "  the rest (trim, checks, writing E.164, errors)",
        format!("{:.0} ns/call", mobile_ns - parse_ns - valid_ns),
    );
    let (_, d) = time(|| {
        for _ in 0..reps {
            for e in &emails {
                black_box(normalize_email("email", black_box(e)).ok());
            }
        }
    });
    let email_ns = ns_per(emails.len() * reps, d);
    line(
        &format!("normalize_email ({} addresses)", thousands(emails.len())),
        format!("{email_ns:.0} ns/call"),
    );
    let (_, d) = time(|| {
        for _ in 0..reps {
            for n in &names {
                black_box(normalize_label("full_name", black_box(n), 200).ok());
            }
        }
    });
    line(
        "normalize_label (trim + NFC check) of full names",
        format!("{:.0} ns/call", ns_per(names.len() * reps, d)),
    );
    let (_, d) = time(|| {
        for _ in 0..reps {
            for n in &names {
                black_box(fold(black_box(n)));
            }
        }
    });
    line(
        "fold (search key) of full names",
        format!("{:.0} ns/call", ns_per(names.len() * reps, d)),
    );
    let per_customer_phone = phone_ns * phones.len() as f64 / rows.len() as f64;
    let per_customer_email = email_ns * emails.len() as f64 / rows.len() as f64;
    line(
        "=> phone normalisation per realistic customer",
        format!("{:.2} µs", per_customer_phone / 1000.0),
    );
    line(
        "=> email normalisation per realistic customer",
        format!("{:.2} µs", per_customer_email / 1000.0),
    );
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    harness::banner("register");
    let scale = Scale::from_env();
    let sizes = scale.pick(vec![10_000, 100_000], vec![100_000, 1_000_000]);
    harness::header(
        "register_customers (bulk), realistic rows: people + companies, mixed contact formats",
    );
    let mut best_small = 0.0;
    let mut at_large = 0.0;
    for &n in &sizes {
        let (rows, d) = time(|| customer_rows(n, 42));
        line(
            &format!("generate {} rows", thousands(n)),
            format!("{:.3} s (not in the timing below)", d.as_secs_f64()),
        );
        let rate = register(rows, "realistic")?;
        if n == sizes[0] {
            best_small = rate;
        }
        at_large = rate;
    }
    harness::header("register_customers (bulk), minimal rows: name + 1 email + 1 phone");
    for &n in &sizes {
        register(two_contact_rows(n, 43), "two contacts")?;
    }
    harness::header(
        "register_customers, same rows without emails and phones (all but contact normalisation)",
    );
    let mut rows = customer_rows(sizes[0], 42);
    for r in &mut rows {
        r.emails.clear();
        r.phones.clear();
    }
    register(rows, "no email/phone")?;
    harness::header("normalisation cost per call (the breakdown)");
    let rows = customer_rows(sizes[0], 42);
    breakdown(&rows);
    harness::header("targets");
    target(
        ">= 150k registrations/s/core incl. phone normalisation",
        best_small >= TARGET_PER_SEC && at_large >= TARGET_PER_SEC,
        &format!(
            "{}/s at {}, {}/s at {}",
            si(best_small),
            thousands(sizes[0]),
            si(at_large),
            thousands(sizes[sizes.len() - 1])
        ),
    );
    Ok(())
}
