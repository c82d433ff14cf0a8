#!/usr/bin/env bash
# The main job: a month of a shop in Hồ Chí Minh City (a few hundred customers,
# interactions on every channel, deals, purchases, after-sales playbooks and
# follow-ups, complaints on SLA clocks with daily ticks, surveys; at the end of the month a
# second system's customer list is imported, deduplicated and merged, and one customer is
# forgotten on request). Every day's events are stored in a SQLite file (PATH with .db, one
# transaction per day, through crates/store); the file is reopened from its snapshot and checked
# equal to the original; the log is also saved as JSON Lines, reloaded with import_jsonl and
# checked equal; the reopened workspace is summarised.
# Usage: bash scripts/main-job.sh [PATH]   (default target/hcmc-shop-events.jsonl, and .db)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --release -p clientcare-examples --bin hcmc-shop -- "${1:-target/hcmc-shop-events.jsonl}"
