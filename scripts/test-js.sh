#!/usr/bin/env bash
# Tests of the JavaScript/TypeScript face: builds the package
# (scripts/build-wasm.sh), runs the node --test suite in crates/wasm/tests
# against it, then type-checks tests/types.ts with tsc --noEmit --strict.
# Assumes scripts/setup.sh ran (toolchain, wasm-bindgen CLI, npm install).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
tests=crates/wasm/tests

log() { printf '[test-js] %s\n' "$*"; }

scripts/build-wasm.sh

if [ ! -x "$tests/node_modules/.bin/tsc" ]; then
  log "npm ci (crates/wasm/tests)"
  (cd "$tests" && npm ci --silent --no-audit --no-fund)
fi

log "node --test $tests/"
node --test "$tests/"

log "tsc --noEmit --strict -p $tests/tsconfig.json"
"$tests/node_modules/.bin/tsc" --noEmit --strict -p "$tests/tsconfig.json"
log "ok"
