#!/usr/bin/env bash
# Builds the JavaScript package into crates/wasm/pkg/:
#   node/  CommonJS for Node (wasm-bindgen --target nodejs) with its .d.ts
#   web/   ES module for browsers and bundlers (--target web) with its .d.ts
#   package.json (from crates/wasm/package.template.json), README.md
# Uses Debian's rustc-web with a rebuilt std (see DESIGN.md, Toolchains) and
# its own target dir so that it does not fight the host toolchain.
# Assumes scripts/setup.sh ran. Prints the .wasm size (raw and gzip) at the end.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

crate=crates/wasm
pkg=$crate/pkg
export CARGO_TARGET_DIR="$root/target/wasm"
export RUSTC_BOOTSTRAP=1
# Debian's cargo and rustc first; rustc finds rust-lld on PATH.
export PATH="/usr/bin:$PATH"
cargo=/usr/bin/cargo
# Size over speed for the shipped .wasm (the root profile only sets opt-level for
# this crate): whole-program LTO, one codegen unit, no symbols. Set
# WASM_PROFILE=dev-fast to skip LTO while iterating.
if [ "${WASM_PROFILE:-size}" = size ]; then
  export CARGO_PROFILE_RELEASE_OPT_LEVEL=s
  export CARGO_PROFILE_RELEASE_LTO=fat
  export CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1
  export CARGO_PROFILE_RELEASE_STRIP=symbols
fi

log() { printf '[build-wasm] %s\n' "$*"; }
die() { printf '[build-wasm] error: %s\n' "$*" >&2; exit 1; }

[ -x "$cargo" ] || die "$cargo not found: run scripts/setup.sh (Debian's cargo-web and rustc-web)"
command -v wasm-bindgen >/dev/null || PATH="$PATH:$HOME/.cargo/bin"
command -v wasm-bindgen >/dev/null || die "wasm-bindgen CLI not found: run scripts/setup.sh"

# The CLI must be exactly the version the workspace pins.
pinned=$(sed -n 's/^wasm-bindgen = { version = "=\([0-9.]*\)".*/\1/p; s/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' Cargo.toml | head -n1)
cli=$(wasm-bindgen --version | awk '{print $2}')
[ "$cli" = "$pinned" ] || die "wasm-bindgen CLI is $cli but Cargo.toml pins =$pinned: run scripts/setup.sh"

# rustc links wasm with `rust-lld`; Debian ships lld as lld-22. When no
# rust-lld is on PATH, put a private one (a link to Debian's lld) first.
if ! command -v rust-lld >/dev/null; then
  shim="$CARGO_TARGET_DIR/linker-shim"
  mkdir -p "$shim"
  for cand in /usr/lib/llvm-22/bin/lld /usr/bin/lld-22 /usr/bin/lld; do
    if [ -x "$cand" ]; then ln -sf "$cand" "$shim/rust-lld"; break; fi
  done
  [ -e "$shim/rust-lld" ] || die "no lld found for rust-lld: run scripts/setup.sh (lld-22)"
  export PATH="$shim:$PATH"
fi

start=$(date +%s)
log "cargo build --release --target wasm32-unknown-unknown -Zbuild-std=std,panic_abort -p clientcare-wasm"
"$cargo" build --release --target wasm32-unknown-unknown -Zbuild-std=std,panic_abort -p clientcare-wasm
wasm="$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/clientcare_wasm.wasm"
[ -f "$wasm" ] || die "the build produced no $wasm"

log "wasm-bindgen --target nodejs / --target web"
rm -rf "$pkg/node" "$pkg/web"
mkdir -p "$pkg"
bindgen=(wasm-bindgen --remove-name-section --remove-producers-section --out-name clientcare)
"${bindgen[@]}" --target nodejs --out-dir "$pkg/node" "$wasm"
"${bindgen[@]}" --target web --out-dir "$pkg/web" "$wasm"
# The raw wasm exports (InitOutput, *_bg.wasm.d.ts) are typed `any` by
# wasm-bindgen; nobody calls them, and the public API has no `any`.
for f in "$pkg"/node/clientcare_bg.wasm.d.ts "$pkg"/web/clientcare_bg.wasm.d.ts; do
  sed -i -E 's/\bany\b/unknown/g' "$f"
done
sed -i -E '/^ *readonly [A-Za-z0-9_]+: \(/s/\bany\b/unknown/g' "$pkg/web/clientcare.d.ts"
if grep -nwE 'any' "$pkg"/node/*.d.ts "$pkg"/web/*.d.ts | grep -vE '^[^:]+:[0-9]+: *(\*|/\*\*)'; then
  die "the generated TypeScript uses 'any' (see above)"
fi
# Each half says what module system its .js files use, whatever the consumer's setting.
printf '{\n  "type": "commonjs"\n}\n' >"$pkg/node/package.json"
printf '{\n  "type": "module"\n}\n' >"$pkg/web/package.json"

version=$(sed -n '/^\[workspace.package\]/,/^\[/s/^version = "\([^"]*\)".*/\1/p' Cargo.toml | head -n1)
[ -n "$version" ] || die "could not read the workspace version from Cargo.toml"
sed "s/@VERSION@/$version/" "$crate/package.template.json" >"$pkg/package.json"
cp "$crate/README.md" "$pkg/README.md"
end=$(date +%s)

bg="$pkg/web/clientcare_bg.wasm"
raw=$(wc -c <"$bg")
gz=$(gzip -9 -c "$bg" | wc -c)
log "package: $pkg (clientcare $version)"
log "build time: $((end - start)) s"
printf '[build-wasm] wasm size: %s bytes raw, %s bytes gzip (%s KiB / %s KiB)\n' \
  "$raw" "$gz" "$((raw / 1024))" "$((gz / 1024))"
