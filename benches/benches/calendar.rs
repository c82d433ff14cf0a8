//! Business-time arithmetic of the SLA engine: `Calendar::between` and
//! `Calendar::add` on random instants over a 5-year span (2026-2030), for a
//! Hồ Chí Minh City split-shift calendar with holidays (Tết ranges, national
//! days, a half day), a Berlin office calendar (DST, holidays) and 24/7
//! (plain, and with holidays so that the table path runs). Cold = a fresh
//! calendar (year tables built on first use); warm = tables already built.
#![allow(missing_docs)]

use chrono::{DateTime, NaiveDate, TimeDelta, Utc, Weekday};
use clientcare::sla::calendar::{Calendar, CalendarSpec, Holiday};
use clientcare::Error;
use clientcare_bench::harness::{self, line, ns_per, per_sec, si, target, thousands, time, Scale};
use clientcare_bench::Rng;
use std::hint::black_box;
use std::time::Duration;

const FIRST_YEAR: i32 = 2026;

type MakeCalendar = fn() -> Result<Calendar, Error>;
const YEARS: i32 = 5;

fn date(y: i32, m: u32, d: u32) -> Result<NaiveDate, Error> {
    NaiveDate::from_ymd_opt(y, m, d)
        .ok_or_else(|| Error::invalid_input("date", format!("{y}-{m}-{d}"), "no such date"))
}

fn utc_year_start(y: i32) -> Result<DateTime<Utc>, Error> {
    Ok(date(y, 1, 1)?.and_time(chrono::NaiveTime::MIN).and_utc())
}

/// Mon-Fri 08:00-12:00 + 13:30-17:30, Sat 08:00-12:00, Vietnamese public
/// holidays (Tết as one range per year), New Year's Eve afternoon off.
fn vietnam() -> Result<Calendar, Error> {
    let mut spec = CalendarSpec::weekdays(
        "Asia/Ho_Chi_Minh",
        &[("08:00", "12:00"), ("13:30", "17:30")],
    )?
    .with_day(Weekday::Sat, &[("08:00", "12:00")])?;
    // Tết (Lunar New Year) closures, first and last day.
    let tet = [
        (2026, (2, 14), (2, 22)),
        (2027, (2, 5), (2, 11)),
        (2028, (1, 24), (1, 30)),
        (2029, (2, 11), (2, 17)),
        (2030, (2, 1), (2, 7)),
    ];
    for (y, (m1, d1), (m2, d2)) in tet {
        spec = spec
            .with_holiday(Holiday::closed(date(y, 1, 1)?, "Tết Dương lịch"))
            .with_holiday(Holiday::closed_range(
                date(y, m1, d1)?,
                date(y, m2, d2)?,
                "Tết Nguyên Đán",
            ))
            .with_holiday(Holiday::closed_range(
                date(y, 4, 30)?,
                date(y, 5, 1)?,
                "Giải phóng miền Nam, Quốc tế Lao động",
            ))
            .with_holiday(Holiday::closed(date(y, 9, 2)?, "Quốc khánh"))
            .with_holiday(Holiday::partial(
                date(y, 12, 31)?,
                "Giao thừa dương lịch",
                &[("08:00", "12:00")],
            )?);
    }
    Calendar::new(spec)
}

/// Mon-Fri 09:00-17:00 in Berlin with Christmas and New Year closed.
fn berlin() -> Result<Calendar, Error> {
    let mut spec = CalendarSpec::weekdays("Europe/Berlin", &[("09:00", "17:00")])?;
    for y in FIRST_YEAR..FIRST_YEAR + YEARS {
        spec = spec
            .with_holiday(Holiday::closed(date(y, 1, 1)?, "Neujahr"))
            .with_holiday(Holiday::closed(date(y, 5, 1)?, "Tag der Arbeit"))
            .with_holiday(Holiday::closed(
                date(y, 10, 3)?,
                "Tag der Deutschen Einheit",
            ))
            .with_holiday(Holiday::partial(
                date(y, 12, 24)?,
                "Heiligabend",
                &[("09:00", "12:00")],
            )?)
            .with_holiday(Holiday::closed_range(
                date(y, 12, 25)?,
                date(y, 12, 26)?,
                "Weihnachten",
            ));
    }
    Calendar::new(spec)
}

fn always_open() -> Result<Calendar, Error> {
    Calendar::new(CalendarSpec::always_open("Asia/Ho_Chi_Minh"))
}

fn always_open_with_holidays() -> Result<Calendar, Error> {
    let mut spec = CalendarSpec::always_open("Europe/Berlin");
    for y in FIRST_YEAR..FIRST_YEAR + YEARS {
        spec = spec.with_holiday(Holiday::closed(date(y, 12, 25)?, "Weihnachten"));
    }
    Calendar::new(spec)
}

struct Workload {
    /// `a` random in the span, `b` up to 14 days later (an SLA clock).
    short: Vec<(DateTime<Utc>, DateTime<Utc>)>,
    /// Both ends random in the 5-year span (sums whole-year totals).
    long: Vec<(DateTime<Utc>, DateTime<Utc>)>,
    /// `from` random in the span, up to 72 business hours.
    adds: Vec<(DateTime<Utc>, TimeDelta)>,
}

fn workload(n: usize, seed: u64) -> Result<Workload, Error> {
    let lo = utc_year_start(FIRST_YEAR)?;
    let span_us = (utc_year_start(FIRST_YEAR + YEARS)? - lo)
        .num_microseconds()
        .unwrap_or(0) as u64;
    let mut rng = Rng::new(seed);
    let instant = |rng: &mut Rng| lo + TimeDelta::microseconds(rng.below(span_us) as i64);
    let mut w = Workload {
        short: Vec::with_capacity(n),
        long: Vec::with_capacity(n),
        adds: Vec::with_capacity(n),
    };
    for _ in 0..n {
        let a = instant(&mut rng);
        let b = a + TimeDelta::microseconds(rng.below(14 * 86_400_000_000) as i64);
        w.short.push((a, b));
        let (x, y) = (instant(&mut rng), instant(&mut rng));
        w.long.push((x.min(y), x.max(y)));
        let from = instant(&mut rng);
        let d = TimeDelta::microseconds(rng.below(72 * 3_600_000_000) as i64);
        w.adds.push((from, d));
    }
    Ok(w)
}

fn run_between(cal: &Calendar, pairs: &[(DateTime<Utc>, DateTime<Utc>)]) -> (i64, Duration) {
    time(|| {
        let mut sum = 0i64;
        for &(a, b) in pairs {
            sum = sum.wrapping_add(cal.between(black_box(a), black_box(b)).num_seconds());
        }
        black_box(sum)
    })
}

fn run_add(cal: &Calendar, adds: &[(DateTime<Utc>, TimeDelta)]) -> (i64, Duration) {
    time(|| {
        let mut sum = 0i64;
        for &(from, d) in adds {
            if let Some(t) = cal.add(black_box(from), black_box(d)) {
                sum = sum.wrapping_add(t.timestamp());
            }
        }
        black_box(sum)
    })
}

fn report(label: &str, n: usize, d: Duration) -> f64 {
    let ns = ns_per(n, d);
    line(
        &format!("{label} ({} ops)", thousands(n)),
        format!("{ns:>7.1} ns/op  {:>9}ops/s", si(per_sec(n, d))),
    );
    ns
}

/// Measures one calendar; returns the worst warm ns/op of between and add.
fn bench(name: &str, make: MakeCalendar, w: &Workload) -> Result<(f64, f64), Error> {
    harness::header(&format!(
        "{name}: {} years {FIRST_YEAR}-{}",
        YEARS,
        FIRST_YEAR + YEARS - 1
    ));
    let n = w.short.len();

    // Table builds: the first query of each year on a fresh calendar.
    let fresh = make()?;
    let mut builds = Duration::ZERO;
    for y in FIRST_YEAR..FIRST_YEAR + YEARS {
        let mid = utc_year_start(y)? + TimeDelta::days(180);
        let (open, d) = time(|| fresh.is_open(black_box(mid)));
        black_box(open);
        builds += d;
    }
    line(
        "year table build (first query of a year, fresh calendar)",
        format!(
            "{:>7.1} µs/year (avg of {YEARS})",
            builds.as_secs_f64() * 1e6 / f64::from(YEARS)
        ),
    );

    // Cold passes: a fresh calendar per pass, tables built along the way.
    let cal = make()?;
    let (_, d) = run_between(&cal, &w.short);
    report("between, cold, span <= 14 days", n, d);
    let cal = make()?;
    let (_, d) = run_add(&cal, &w.adds);
    report("add, cold, <= 72 business hours", n, d);

    // Warm passes on a calendar whose tables are built.
    let cal = make()?;
    run_between(&cal, &w.long);
    run_add(&cal, &w.adds);
    let (_, d) = run_between(&cal, &w.short);
    let between = report("between, warm, span <= 14 days", n, d);
    let (_, d) = run_between(&cal, &w.long);
    report("between, warm, ends anywhere in 5 years", n, d);
    let (_, d) = run_add(&cal, &w.adds);
    let add = report("add, warm, <= 72 business hours", n, d);
    let (_, d) = time(|| {
        let mut open = 0usize;
        for &(a, _) in &w.short {
            open += usize::from(cal.is_open(black_box(a)));
        }
        black_box(open)
    });
    report("is_open, warm", n, d);
    Ok((between, add))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    harness::banner("calendar");
    let scale = Scale::from_env();
    let n = scale.pick(100_000, 1_000_000);
    let (w, d) = time(|| workload(n, 2026));
    let w = w?;
    println!(
        "  workload: {} random (a, b) pairs, {} long pairs and {} (from, budget) adds, generated in {:.2} s",
        thousands(n),
        thousands(n),
        thousands(n),
        d.as_secs_f64()
    );
    println!(
        "  cold: a fresh calendar per pass (year tables built on first use); warm: tables built"
    );
    let cases: [(&str, MakeCalendar); 4] = [
        (
            "Hồ Chí Minh City split shift + Sat half day + holidays",
            vietnam,
        ),
        ("Berlin office 09:00-17:00 + holidays (DST)", berlin),
        ("24/7 (plain arithmetic)", always_open),
        (
            "24/7 + Christmas (table path, DST)",
            always_open_with_holidays,
        ),
    ];
    let mut worst: f64 = 0.0;
    let mut summary = Vec::new();
    for (name, make) in cases {
        let (between, add) = bench(name, make, &w)?;
        worst = worst.max(between).max(add);
        summary.push(format!("{between:.0}/{add:.0}"));
    }

    harness::header("targets");
    target(
        "between/add < 1 µs in cached years",
        worst < 1000.0,
        &format!(
            "worst {worst:.0} ns/op; between/add ns per calendar: {}",
            summary.join(", ")
        ),
    );
    let per_complaint = 4.0 * worst;
    target(
        "SLA status of 1M complaints < 1 s (4 calls each)",
        per_complaint * 1e6 / 1e9 < 1.0,
        &format!(
            "calendar share at the worst rate: {:.2} s",
            per_complaint * 1e6 / 1e9
        ),
    );
    Ok(())
}
