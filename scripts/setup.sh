#!/usr/bin/env bash
# Installs every tool the tests need that this machine does not already have.
# Idempotent: a second run only checks. Needs root (apt-get) for the WASM toolchain.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

WASM_BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen = { version = "=\([0-9.]*\)".*/\1/p; s/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' Cargo.toml | head -n1)
: "${WASM_BINDGEN_VERSION:?could not read the pinned wasm-bindgen version from Cargo.toml}"

log() { printf '[setup] %s\n' "$*"; }

# 1. Python: a virtualenv with maturin, pytest, mypy and python-dateutil (the
#    reference for recurrence rules).
if [ ! -x .venv/bin/python ]; then
  log "creating .venv"
  python3 -m venv .venv
fi
if ! .venv/bin/python -c 'import maturin, pytest, mypy, dateutil, pandas, rapidfuzz' >/dev/null 2>&1; then
  # pandas: the KPI rows must load into a DataFrame as they are (a test checks
  # it), and benches/python/compare_kpi_pandas.py compares the KPIs with it.
  # rapidfuzz: benches/python/compare_dedupe_rapidfuzz.py, the peer of duplicate detection.
  log "installing maturin, pytest, mypy, python-dateutil, pandas, rapidfuzz into .venv"
  .venv/bin/pip install --quiet --disable-pip-version-check 'maturin>=1.7,<2' 'pytest>=8' 'mypy>=1.10' 'python-dateutil>=2.9' 'pandas>=2' 'rapidfuzz>=3'
fi

# 2. WebAssembly: Debian's rustc-web with a rebuildable std, and lld for rust-lld.
need_apt=()
[ -x /usr/bin/cargo ] || need_apt+=(cargo-web)
[ -x /usr/bin/rustc ] || need_apt+=(rustc-web)
dpkg -s rust-web-src >/dev/null 2>&1 || need_apt+=(rust-web-src)
dpkg -s lld-22 >/dev/null 2>&1 || need_apt+=(lld-22)
if [ ${#need_apt[@]} -gt 0 ]; then
  log "apt-get install ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi
if ! command -v rust-lld >/dev/null 2>&1 && [ ! -x /usr/bin/rust-lld ]; then
  # Debian ships lld as ld.lld-22 / wasm-ld-22; rustc looks for rust-lld.
  for cand in /usr/lib/llvm-22/bin/lld /usr/bin/lld-22; do
    if [ -x "$cand" ]; then ln -sf "$cand" /usr/bin/rust-lld; break; fi
  done
fi

# 3. wasm-bindgen CLI, the exact version the crate pins.
if ! command -v wasm-bindgen >/dev/null 2>&1 || ! wasm-bindgen --version | grep -q " ${WASM_BINDGEN_VERSION}\$"; then
  log "cargo install wasm-bindgen-cli ${WASM_BINDGEN_VERSION} (a few minutes, once)"
  cargo install --quiet wasm-bindgen-cli --version "=${WASM_BINDGEN_VERSION}"
fi

# 4. Node packages for the JS tests (TypeScript for the type check).
if [ ! -x crates/wasm/tests/node_modules/.bin/tsc ] && [ -f crates/wasm/tests/package.json ]; then
  log "npm install (crates/wasm/tests)"
  (cd crates/wasm/tests && npm install --silent --no-audit --no-fund)
fi

# 5. Browser tests of the console (examples/web, scripts/test-web.sh): Debian's
#    Chromium (never a browser a tool downloads) with Noto fonts for Vietnamese
#    text in screenshots, and the page's npm packages (Vite, TypeScript,
#    playwright-core). The page links crates/wasm/pkg, built later by test-js.sh.
need_web=()
[ -x /usr/bin/chromium ] || need_web+=(chromium)
dpkg -s fonts-noto-core >/dev/null 2>&1 || need_web+=(fonts-noto-core)
if [ ${#need_web[@]} -gt 0 ]; then
  log "apt-get install ${need_web[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${need_web[@]}" >/dev/null
fi
if [ ! -d examples/web/node_modules ] && [ -f examples/web/package-lock.json ]; then
  log "npm ci (examples/web)"
  (cd examples/web && npm ci --silent --no-audit --no-fund)
fi

# PostgreSQL server (the PostgreSQL store's tests, the HTTP example, the
#    store_pg bench): Debian's package, installed when missing; scripts/pg.sh
#    starts a throwaway cluster in target/pg on 127.0.0.1.
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    log "installing the PostgreSQL server (apt-get postgresql)"
    bash scripts/pg.sh install
  else
    log "no PostgreSQL server and no root to install it: the PostgreSQL tests will print SKIPPED"
  fi
fi

# binaryen's wasm-opt (Debian's): size passes on the .wasm in
#    scripts/build-wasm.sh, which builds without them (with a note) when it is missing.
if ! command -v wasm-opt >/dev/null 2>&1; then
  log "apt-get install binaryen"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends binaryen >/dev/null
fi

log "ready"
