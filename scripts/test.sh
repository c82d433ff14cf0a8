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

echo "== Rust: tests (unit, integration, property, doc incl. the README quick start)"
cargo test --quiet

echo "== Python"
bash scripts/test-python.sh

echo "== JavaScript"
bash scripts/test-js.sh
