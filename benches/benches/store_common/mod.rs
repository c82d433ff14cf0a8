//! What the store benchmarks share: `store` (SQLite) and `store_pg`
//! (PostgreSQL) run the same workloads through the same `EventStore` code.

use clientcare::{Command, Event, Meta};
use clientcare_store::{EventStore, Stored};
use std::time::{Duration, Instant};

pub type Res<T> = Result<T, Box<dyn std::error::Error>>;

/// The `i`-th registration: a customer with a unique email and phone.
pub fn register(i: usize) -> Res<Command> {
    Ok(Command::from_json(&serde_json::json!({
        "type": "register_customer",
        "full_name": format!("Nguyễn Văn Khách {i}"),
        "emails": [format!("khach{i}@example.vn")],
        "phones": [format!("+8490{:07}", i)],
    }))?)
}

/// A command time: `i` seconds after Monday 2 November 2026, 09:00 in HCMC.
pub fn at(i: usize) -> Meta {
    let t0 = chrono::DateTime::parse_from_rfc3339("2026-11-02T09:00:00+07:00")
        .map(|t| t.with_timezone(&chrono::Utc))
        .unwrap_or_default();
    Meta::system(t0 + chrono::Duration::seconds(i64::try_from(i).unwrap_or(0)))
}

/// Configures the workspace, then runs `n` registrations through
/// `Stored::execute`, each its own transaction; returns the time they took.
pub fn execute_each<S: EventStore>(s: &mut Stored<S>, n: usize) -> Res<Duration> {
    s.write(|w| w.configure(at(0), Some("VN")))?;
    let commands = (0..n).map(register).collect::<Res<Vec<_>>>()?;
    let start = Instant::now();
    for (i, c) in commands.into_iter().enumerate() {
        s.execute(at(i + 1), c)?;
    }
    Ok(start.elapsed())
}

/// Appends `events` to workspace `name` of `store` one per transaction (the
/// store alone, no core); returns the time it took.
pub fn append_each<S: EventStore>(store: &mut S, name: &str, events: &[Event]) -> Res<Duration> {
    let start = Instant::now();
    for (i, ev) in events.iter().enumerate() {
        store.append(name, i as u64, std::slice::from_ref(ev), &[])?;
    }
    Ok(start.elapsed())
}
