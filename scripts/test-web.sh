#!/usr/bin/env bash
# End-to-end tests of the browser console (examples/web): builds the page with
# Vite against the JavaScript package in crates/wasm/pkg (scripts/test-js.sh
# builds it), then drives it in headless Chromium (Debian's /usr/bin/chromium,
# through playwright-core) with node --test. Screenshots of each scenario land
# in examples/web/screenshots/ (git-ignored).
# Assumes scripts/setup.sh ran (chromium, npm ci in examples/web).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
web="$root/examples/web"

log() { printf '[test-web] %s\n' "$*"; }
die() { printf '[test-web] error: %s\n' "$*" >&2; exit 1; }

[ -f "$root/crates/wasm/pkg/web/clientcare_bg.wasm" ] || die "crates/wasm/pkg is not built: run scripts/build-wasm.sh (scripts/test-js.sh does)"
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || die "no ${CHROMIUM:-/usr/bin/chromium}: run scripts/setup.sh (Debian's chromium)"

cd "$web"
if [ ! -x node_modules/.bin/vite ] || [ ! -d node_modules/playwright-core ] || [ ! -e node_modules/clientcare/package.json ]; then
  log "npm ci (examples/web)"
  npm ci --silent --no-audit --no-fund
fi

log "tsc --noEmit (examples/web)"
node_modules/.bin/tsc --noEmit -p tsconfig.json
log "vite build"
node_modules/.bin/vite build --logLevel warn
[ -n "$(find dist/assets -name '*.wasm' -print -quit)" ] || die "the build holds no .wasm asset"

rm -rf screenshots
log "node --test tests/ (headless Chromium)"
node --test --test-concurrency=1 tests/
log "screenshots: examples/web/screenshots/"
