//! Small helpers shared by the benchmark binaries: scale from the environment,
//! timing, and printing results with units and data sizes.

use std::time::{Duration, Instant};

/// How big the benchmark data sets are (`CLIENTCARE_BENCH_SCALE`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    /// `CLIENTCARE_BENCH_SCALE=small`: a quick run (about a tenth).
    Small,
    /// The default: the sizes of the targets (100k and 1M).
    Full,
}

impl Scale {
    /// Reads `CLIENTCARE_BENCH_SCALE` (`small` or `full`, default `full`).
    #[must_use]
    pub fn from_env() -> Self {
        match std::env::var("CLIENTCARE_BENCH_SCALE").as_deref() {
            Ok("small" | "quick" | "SMALL") => Scale::Small,
            _ => Scale::Full,
        }
    }

    /// `small` or `full` depending on the scale.
    #[must_use]
    pub fn pick<T>(self, small: T, full: T) -> T {
        match self {
            Scale::Small => small,
            Scale::Full => full,
        }
    }

    /// The name printed in headers.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Scale::Small => "small",
            Scale::Full => "full",
        }
    }
}

/// Runs `f` once and returns its result and wall time.
pub fn time<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let t0 = Instant::now();
    let out = f();
    (out, t0.elapsed())
}

/// `count` per second over `d`.
#[must_use]
pub fn per_sec(count: usize, d: Duration) -> f64 {
    count as f64 / d.as_secs_f64().max(1e-12)
}

/// Nanoseconds per item.
#[must_use]
pub fn ns_per(count: usize, d: Duration) -> f64 {
    d.as_nanos() as f64 / count.max(1) as f64
}

/// `1234567` as `1,234,567`.
#[must_use]
pub fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A rate with a k/M suffix (`152.3 k`).
#[must_use]
pub fn si(x: f64) -> String {
    if x >= 1e6 {
        format!("{:.2} M", x / 1e6)
    } else if x >= 1e3 {
        format!("{:.1} k", x / 1e3)
    } else {
        format!("{x:.1} ")
    }
}

/// Prints a section header.
pub fn header(title: &str) {
    println!();
    println!("== {title} ==");
}

/// Prints one measured line: label, value and unit.
pub fn line(label: &str, value: impl std::fmt::Display) {
    println!("  {label:<58} {value}");
}

/// Prints whether a target is met.
pub fn target(name: &str, met: bool, detail: &str) {
    let verdict = if met { "MET" } else { "MISSED" };
    println!("  TARGET {name:<46} {verdict:<6} ({detail})");
}

/// Host facts printed once per binary.
pub fn banner(bench: &str) {
    let scale = Scale::from_env();
    println!(
        "clientcare bench `{bench}`: scale={} (CLIENTCARE_BENCH_SCALE), {} CPUs, single-threaded, release build{}",
        scale.name(),
        std::thread::available_parallelism().map_or(1, std::num::NonZero::get),
        if cfg!(debug_assertions) { " (DEBUG ASSERTIONS ON: numbers are not meaningful)" } else { "" }
    );
}
