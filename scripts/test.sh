#!/usr/bin/env bash
# The one test command (README, .ci/run): installs what is missing, then runs every test.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export PATH="$HOME/.cargo/bin:$PATH"

bash scripts/setup.sh

echo "== Rust: format and lints"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --quiet -- -D warnings

echo "== PostgreSQL: a throwaway server on 127.0.0.1 for the PostgreSQL store's tests"
if CLIENTCARE_PG_URL=$(bash scripts/pg.sh); then
  export CLIENTCARE_PG_URL CLIENTCARE_PG_REQUIRED=1
else
  echo "PostgreSQL could not be started: the PostgreSQL store's tests print SKIPPED with the reason"
fi

echo "== Rust: tests (unit, integration, property, doc incl. the README quick start)"
cargo test --quiet

echo "== Python"
bash scripts/test-python.sh

echo "== JavaScript"
bash scripts/test-js.sh

echo "== Browser: the console page (examples/web) in headless Chromium"
bash scripts/test-web.sh
