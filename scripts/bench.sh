#!/usr/bin/env bash
# Builds the benchmarks in release mode and runs them all, printing what each
# measured (with units and data sizes) and whether the targets are met.
#   CLIENTCARE_BENCH_SCALE=small bash scripts/bench.sh   # quick run (about a tenth)
#   bash scripts/bench.sh register lookup                # only some benchmarks
# The Python bulk-registration benchmark runs too when .venv has clientcare installed.
set -euo pipefail
cd "$(dirname "$0")/.."
benches=("$@")
[ ${#benches[@]} -gt 0 ] || benches=(register replay lookup memory calendar sla recurrence journey kpi search duplicates store store_pg)
# store_pg needs a PostgreSQL server: the throwaway one of scripts/pg.sh unless CLIENTCARE_PG_URL is set.
if [[ " ${benches[*]} " == *" store_pg "* ]] && [ -z "${CLIENTCARE_PG_URL:-}" ]; then
  if CLIENTCARE_PG_URL=$(bash scripts/pg.sh); then export CLIENTCARE_PG_URL; else echo "(no PostgreSQL server: store_pg prints SKIPPED)"; fi
fi

args=()
for b in "${benches[@]}"; do args+=(--bench "$b"); done
cargo bench -p clientcare-bench --no-run "${args[@]}"
for b in "${benches[@]}"; do
  echo
  echo "################ $b ################"
  cargo bench -q -p clientcare-bench --bench "$b"
done

py=.venv/bin/python
if [ -x "$py" ] && "$py" -c 'import clientcare' >/dev/null 2>&1; then
  rows=100000
  [ "${CLIENTCARE_BENCH_SCALE:-full}" = small ] && rows=10000
  echo
  echo "################ python bulk register ################"
  "$py" benches/python/bench_bulk_register.py --rows "$rows"
else
  echo
  echo "(python benchmark skipped: .venv has no clientcare; build it with maturin first, e.g. bash scripts/test.sh)"
fi

# The care KPIs rebuilt with pandas from the exported event log, checked
# against the core's values, both timed (full scale: about 5 minutes, most of
# it pandas reading a 2 GB log; CLIENTCARE_BENCH_SCALE=small: under a minute).
if [ -x "$py" ] && "$py" -c 'import pandas' >/dev/null 2>&1; then
  echo
  echo "################ KPIs: core vs pandas ################"
  rm -rf target/kpi-compare  # a fresh export from this build
  "$py" benches/python/compare_kpi_pandas.py
else
  echo
  echo "(pandas comparison skipped: .venv has no pandas; run bash scripts/setup.sh)"
fi

# Duplicate detection: the core's scan against rapidfuzz on the same labelled
# data (100k customers; precision, recall and time of both).
if [ -x "$py" ] && "$py" -c 'import rapidfuzz' >/dev/null 2>&1; then
  echo
  echo "################ duplicates: core vs rapidfuzz ################"
  "$py" benches/python/compare_dedupe_rapidfuzz.py
else
  echo
  echo "(duplicates vs rapidfuzz skipped: .venv has no rapidfuzz; run scripts/setup.sh)"
fi
