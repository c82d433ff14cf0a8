#!/usr/bin/env bash
# Browser vs native: loads the same event log into a workspace natively (Rust,
# release build) and in headless Chromium (the WASM package), runs the same
# search queries on both and prints the times with their ratio.
#
#   scripts/bench-web.sh [EVENTS]   EVENTS events (default 1000000: ~106k customers, ~480 MB of JSONL)
#   scripts/bench-web.sh --smoke    20000 events, a quick check that everything runs (< 20 s once built)
#
# Writes the log, the queries and the native numbers to $BENCH_WEB_DIR
# (default target/bench-web; the log is reused when present). Builds what it
# needs: the native example (cargo, release), the JS package when
# crates/wasm/pkg is missing (BENCH_WEB_BUILD=1 rebuilds it: scripts/build-wasm.sh),
# playwright-core in benches/web (npm ci). Uses Debian's /usr/bin/chromium
# (scripts/setup.sh installs it). Not part of scripts/test.sh.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

log() { printf '[bench-web] %s\n' "$*"; }
die() { printf '[bench-web] error: %s\n' "$*" >&2; exit 1; }

events=1000000
case "${1:-}" in
  --smoke) events=20000 ;;
  "") ;;
  *[!0-9_,]*) die "usage: scripts/bench-web.sh [EVENTS | --smoke]" ;;
  *) events=${1//[_,]/} ;;
esac
dir=${BENCH_WEB_DIR:-$root/target/bench-web}
mkdir -p "$dir"

[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || die "no ${CHROMIUM:-/usr/bin/chromium}: run scripts/setup.sh (Debian's chromium)"
if [ "${BENCH_WEB_BUILD:-0}" = 1 ] || [ ! -f crates/wasm/pkg/web/clientcare_bg.wasm ]; then
  scripts/build-wasm.sh
else
  log "using the built package in crates/wasm/pkg (BENCH_WEB_BUILD=1 rebuilds it)"
fi
if [ ! -d benches/web/node_modules/playwright-core ]; then
  log "npm ci (benches/web)"
  (cd benches/web && npm ci --silent --no-audit --no-fund)
fi

log "native: cargo run --release -p clientcare-bench --example web_native -- $events $dir"
cargo build --quiet --release -p clientcare-bench --example web_native
"$root/target/release/examples/web_native" "$events" "$dir"

log "browser: node benches/web/run.mjs $events $dir"
node benches/web/run.mjs "$events" "$dir"
