//! Heap bytes per customer, measured with a counting global allocator.
#![allow(missing_docs)]

use clientcare::{Customer, EntityRef, Event, EventPayload, Meta, RegisterCustomer, Workspace};
use clientcare_bench::harness::{self, line, target, thousands, Scale};
use clientcare_bench::{build_workspace, calendar, customer_rows, two_contact_rows, WorkspaceSpec};
use stats_alloc::{StatsAlloc, INSTRUMENTED_SYSTEM};
use std::alloc::System;
use std::hint::black_box;
use std::mem::size_of;

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

/// Live heap bytes right now. (`stats_alloc` already adds a realloc's growth
/// to `bytes_allocated` and its shrinkage to `bytes_deallocated`;
/// `bytes_reallocated` is the same net change again, so it is not added.)
fn live() -> i64 {
    let s = GLOBAL.stats();
    s.bytes_allocated as i64 - s.bytes_deallocated as i64
}

const TARGET_BYTES: f64 = 1024.0;

fn all_customers(ws: &Workspace) -> Result<Vec<&Customer>, clientcare::Error> {
    Ok(ws.customers().collect())
}

/// Bytes of the log and of the customer records, measured by deep clones
/// (exact capacities, so the live workspace may hold a little more: Vec growth slack).
fn parts(ws: &Workspace) -> Result<(i64, i64), clientcare::Error> {
    let log_bytes = {
        let before = live();
        let copy: Vec<Event> = black_box(ws.events().to_vec());
        let b = live() - before;
        drop(copy);
        b
    };
    let customers = all_customers(ws)?;
    let customer_bytes = {
        let before = live();
        let copy: Vec<Customer> = black_box(customers.iter().map(|c| (*c).clone()).collect());
        let b = live() - before;
        drop(copy);
        b
    };
    Ok((log_bytes, customer_bytes))
}

/// Inline size plus heap bytes of one value, measured by cloning it.
fn clone_bytes<T: Clone>(value: &T) -> i64 {
    let before = live();
    let copy = Box::new(black_box(value.clone()));
    let bytes = live() - before;
    drop(copy);
    bytes
}

/// Heap bytes a workspace owns: what dropping it frees. (The phone library's
/// global metadata and regex caches stay alive and are not counted.)
fn owned_bytes(ws: Workspace) -> i64 {
    let before = live();
    drop(black_box(ws));
    before - live()
}

fn report(label: &str, n: usize, total: i64, log: i64, customers: i64) {
    let per = |b: i64| b as f64 / n as f64;
    line(
        &format!("  {label}: workspace total"),
        format!(
            "{:.0} B/customer  ({:.1} MiB)",
            per(total),
            total as f64 / 1048576.0
        ),
    );
    line(
        "    event log (Vec<Event> + payload heap, exact capacity)",
        format!("{:.0} B/customer", per(log)),
    );
    line(
        "    customer records (Vec<Customer> + heap, exact capacity)",
        format!("{:.0} B/customer", per(customers)),
    );
    line(
        "    the rest: indexes (id, email, phone, tag, name, timeline) + Vec slack",
        format!("{:.0} B/customer", per(total - log - customers)),
    );
}

fn measure(label: &str, rows: Vec<RegisterCustomer>) -> Result<f64, Box<dyn std::error::Error>> {
    let at = calendar::local(2026, 10, 1, 9, 0).unwrap_or_default();
    let n = rows.len();
    let contacts: usize = rows
        .iter()
        .map(|r| r.emails.len() + r.phones.len() + r.contacts.len())
        .sum();
    let mut ws = Workspace::with_seed(1);
    ws.configure(Meta::system(at), Some("VN"))?;
    let out = ws.register_customers(Meta::system(at), rows);
    let applied = out.applied();
    drop(out);
    let (log, customers) = parts(&ws)?;
    // One customer in detail: its registration event and its record.
    let sample_event = ws.events().get(1).map_or(0, clone_bytes);
    let sample_record = ws
        .events()
        .get(1)
        .and_then(|e| match e.entity {
            EntityRef::Customer(id) => ws.customer(id).ok(),
            _ => None,
        })
        .map_or(0, clone_bytes);
    let total = owned_bytes(ws);
    line(
        &format!(
            "{label}: {} customers, {:.2} contact points each",
            thousands(applied),
            contacts as f64 / n as f64
        ),
        "",
    );
    report(label, n, total, log, customers);
    line(
        "    first customer: its event / its record, deep (inline + heap)",
        format!("{sample_event} B / {sample_record} B"),
    );
    Ok(total as f64 / n as f64)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    harness::banner("memory");
    let scale = Scale::from_env();
    let sizes = scale.pick(vec![10_000, 100_000], vec![100_000, 1_000_000]);
    harness::header("type sizes (stack part of each element)");
    line("size_of::<Event>()", format!("{} B", size_of::<Event>()));
    line(
        "size_of::<EventPayload>()",
        format!("{} B", size_of::<EventPayload>()),
    );
    line(
        "size_of::<Customer>()",
        format!("{} B", size_of::<Customer>()),
    );
    line(
        "size_of::<clientcare::ContactPoint>()",
        format!("{} B", size_of::<clientcare::ContactPoint>()),
    );

    harness::header("process-wide memory kept by the phone-number library (not per workspace)");
    let region = clientcare::text::parse_region("VN").ok();
    let rows = customer_rows(20_000, 77);
    let phones: Vec<&str> = rows
        .iter()
        .flat_map(|r| r.phones.iter().map(String::as_str))
        .collect();
    let mobile_rows = two_contact_rows(20_000, 78);
    let mobiles: Vec<&str> = mobile_rows
        .iter()
        .flat_map(|r| r.phones.iter().map(String::as_str))
        .collect();
    let base = live();
    black_box(clientcare::text::normalize_phone("phone", "090 123 4567", region).ok());
    let after_one = live();
    for p in &mobiles {
        black_box(clientcare::text::normalize_phone("phone", p, region).ok());
    }
    let after_vn = live();
    for p in &phones {
        black_box(clientcare::text::normalize_phone("phone", p, region).ok());
    }
    let after_mix = live();
    line(
        "after normalising one number (metadata loaded)",
        format!("{:.1} MiB retained", (after_one - base) as f64 / 1048576.0),
    );
    line(
        &format!("after {} Vietnamese mobiles", thousands(mobiles.len())),
        format!("{:.1} MiB retained", (after_vn - base) as f64 / 1048576.0),
    );
    line(
        &format!(
            "after {} more numbers of the realistic mix (VN + 10 countries)",
            thousands(phones.len())
        ),
        format!(
            "{:.1} MiB retained in total",
            (after_mix - base) as f64 / 1048576.0
        ),
    );
    drop(phones);
    drop(mobiles);
    drop(rows);
    drop(mobile_rows);

    harness::header("live heap bytes per customer after bulk registration (counting allocator)");
    let mut two = Vec::new();
    for &n in &sizes {
        two.push(measure(
            "two contacts (email + phone)",
            two_contact_rows(n, 5),
        )?);
    }
    measure(
        "realistic rows (tags, attributes, ...)",
        customer_rows(sizes[0], 5),
    )?;

    harness::header("a whole workspace with interactions");
    let events = scale.pick(100_000, 1_000_000);
    let built = build_workspace(&WorkspaceSpec::new(events, 3))?;
    let ws = built.workspace;
    let (log, customers) = parts(&ws)?;
    let n = ws.events().len();
    let nc = ws.customer_count();
    let total = owned_bytes(ws);
    line(
        &format!("{} events, {} customers", thousands(n), thousands(nc)),
        format!("{:.1} MiB total", total as f64 / 1048576.0),
    );
    line(
        "  per event: workspace total / event log",
        format!(
            "{:.0} B / {:.0} B",
            total as f64 / n as f64,
            log as f64 / n as f64
        ),
    );
    line(
        "  per customer: workspace total / customer record",
        format!(
            "{:.0} B / {:.0} B",
            total as f64 / nc as f64,
            customers as f64 / nc as f64
        ),
    );

    harness::header("targets");
    let worst = two.iter().copied().fold(0.0f64, f64::max);
    target(
        "<= 1 KiB per customer with two contact points",
        worst <= TARGET_BYTES,
        &sizes
            .iter()
            .zip(&two)
            .map(|(n, b)| format!("{b:.0} B at {}", thousands(*n)))
            .collect::<Vec<_>>()
            .join(", "),
    );
    Ok(())
}
