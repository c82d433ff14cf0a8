//! The main job: a month of a shop in Hồ Chí Minh City, with its complaints
//! and their SLA and its sales journey, stored day by day in a SQLite file
//! (`PATH` with `.db`), reopened, saved as a JSON Lines event log, reloaded,
//! checked and summarised.
//!
//! Usage: `hcmc-shop [PATH]` (default `target/hcmc-shop-events.jsonl`).

use clientcare_examples::{run_main_job, ShopConfig};
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let path = std::env::args_os().nth(1).map_or_else(
        || PathBuf::from("target/hcmc-shop-events.jsonl"),
        PathBuf::from,
    );
    let cfg = ShopConfig::default();
    println!(
        "A month in a shop in Hồ Chí Minh City: {} people and {} companies imported on 2026-10-01, {} days of activity, about {} complaints and {} new deals per 100 customers (seed {}).\n",
        cfg.people,
        cfg.companies,
        cfg.days,
        cfg.complaints_per_customer * 100.0,
        cfg.deals_per_customer * 100.0,
        cfg.seed
    );
    match run_main_job(&cfg, &path) {
        Ok(job) => {
            print!("{job}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("hcmc-shop: {e}");
            ExitCode::FAILURE
        }
    }
}
