#!/usr/bin/env bash
# The main job: a month of a shop in Hồ Chí Minh City (a few hundred customers,
# interactions on every channel, deals, purchases, after-sales playbooks and
# follow-ups, complaints on SLA clocks with daily ticks, surveys; at the end of the month a
# second system's customer list is imported, deduplicated and merged, and one customer is
# forgotten on request), saved as a JSON Lines event log, reloaded with import_jsonl, checked
# equal to the original, and summarised.
# Usage: bash scripts/main-job.sh [PATH]   (default target/hcmc-shop-events.jsonl)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --release -p clientcare-examples --bin hcmc-shop -- "${1:-target/hcmc-shop-events.jsonl}"
