#!/usr/bin/env bash
# Builds the JavaScript package into crates/wasm/pkg/:
#   web/   ES module for browsers and bundlers (wasm-bindgen --target web) with
#          its .d.ts and the one clientcare_bg.wasm of the package
#   node/  CommonJS for Node (--target nodejs) with its .d.ts; it loads
#          ../web/clientcare_bg.wasm (both targets get the same bytes)
#   package.json (from crates/wasm/package.template.json), README.md
# Uses Debian's rustc-web with a rebuilt std (see DESIGN.md, Toolchains) and
# its own target dir so that it does not fight the host toolchain.
# Assumes scripts/setup.sh ran. Prints the .wasm and package sizes at the end.
#
# Size settings (each measured: see the sizes this script prints):
# - Cargo profile `wasm-release` (root Cargo.toml): opt-level "s", fat LTO,
#   one codegen unit. WASM_OPT_LEVEL=z: 10 % smaller gzip, 25-55 % slower.
# - The core with `phone-lite` (crates/wasm/Cargo.toml): phone patterns on
#   regex-lite, not regex (its engines and Unicode tables): 220 KB less gzip;
#   registering customers with phones is ~45 % slower, the same results.
# - std rebuilt with `optimize_for_size` and panics as an immediate trap
#   (`-Cpanic=immediate-abort`: no panic message formatting; the wasm build
#   never had a panic hook, a panic was already an opaque trap).
# - wasm-opt (Debian's binaryen) runs size passes on rustc's output, before
#   wasm-bindgen: binaryen 108 cannot read the table.fill that wasm-bindgen
#   emits. Its -Oz/-Os presets make the gzip larger here (inlining and
#   data-segment splitting), so the pass list below leaves those two out.
#   Skipped with a note when wasm-opt is missing; WASM_OPT=0 skips it.
# WASM_PROFILE=dev-fast builds the plain release profile (no LTO, no size
# flags, no wasm-opt) while iterating.
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

build_std=(-Zbuild-std=std,panic_abort)
if [ "${WASM_PROFILE:-size}" = size ]; then
  profile=wasm-release
  if [ -n "${WASM_OPT_LEVEL:-}" ]; then export CARGO_PROFILE_WASM_RELEASE_OPT_LEVEL="$WASM_OPT_LEVEL"; fi
  build_std+=(-Zbuild-std-features=optimize_for_size)
  export RUSTFLAGS="${RUSTFLAGS:+$RUSTFLAGS }-Zunstable-options -Cpanic=immediate-abort"
  use_wasm_opt=${WASM_OPT:-1}
else
  profile=release
  use_wasm_opt=0
fi

log() { printf '[build-wasm] %s\n' "$*"; }
die() { printf '[build-wasm] error: %s\n' "$*" >&2; exit 1; }
# gzip -9 size of a file.
gz() { gzip -9 -c "$1" | wc -c; }

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
log "cargo build --profile $profile --target wasm32-unknown-unknown ${build_std[*]} -p clientcare-wasm"
"$cargo" build --profile "$profile" --target wasm32-unknown-unknown "${build_std[@]}" -p clientcare-wasm
wasm="$CARGO_TARGET_DIR/wasm32-unknown-unknown/$profile/clientcare_wasm.wasm"
[ -f "$wasm" ] || die "the build produced no $wasm"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bindgen=(wasm-bindgen --remove-name-section --remove-producers-section --out-name clientcare)

# Size passes of binaryen's -Oz pipeline without inlining and memory packing
# (both make the gzip larger on this module); -g keeps the names wasm-bindgen
# reads. The features are the ones rustc enables for wasm32-unknown-unknown.
wasm_opt_passes=(
  -g --optimize-level=2 --shrink-level=2
  --enable-reference-types --enable-bulk-memory --enable-multivalue --enable-mutable-globals
  --enable-nontrapping-float-to-int --enable-sign-ext
  --duplicate-function-elimination
  --dce --remove-unused-names --remove-unused-brs --remove-unused-names --optimize-instructions
  --pick-load-signs --precompute-propagate --code-pushing --simplify-locals-nostructure --vacuum
  --reorder-locals --remove-unused-brs --merge-locals --coalesce-locals --simplify-locals --vacuum
  --reorder-locals --coalesce-locals --reorder-locals --vacuum --code-folding --merge-blocks
  --remove-unused-brs --remove-unused-names --merge-blocks --optimize-instructions --rse --vacuum
  --dae-optimizing --duplicate-function-elimination --remove-unused-module-elements
)
opt_note=""
if [ "$use_wasm_opt" = 1 ] && command -v wasm-opt >/dev/null; then
  # The size without wasm-opt, for the report (wasm-bindgen takes a second).
  "${bindgen[@]}" --target web --out-dir "$tmp/plain" "$wasm"
  plain_raw=$(wc -c <"$tmp/plain/clientcare_bg.wasm")
  plain_gz=$(gz "$tmp/plain/clientcare_bg.wasm")
  log "wasm-opt (size passes, $(wasm-opt --version | awk '{print $3}'))"
  t0=$(date +%s)
  wasm-opt "${wasm_opt_passes[@]}" "$wasm" -o "$tmp/opt.wasm"
  opt_note="wasm-opt: $(($(date +%s) - t0)) s"
  wasm="$tmp/opt.wasm"
elif [ "$use_wasm_opt" = 1 ]; then
  log "note: wasm-opt not found (Debian's binaryen; scripts/setup.sh installs it): the .wasm is not post-optimised"
fi

log "wasm-bindgen --target nodejs / --target web"
rm -rf "$pkg/node" "$pkg/web"
mkdir -p "$pkg"
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
# One .wasm in the package: the Node glue reads the web build's bytes (the
# same module; only the JS glue differs between the targets).
if cmp -s "$pkg/node/clientcare_bg.wasm" "$pkg/web/clientcare_bg.wasm"; then
  node_js="$pkg/node/clientcare.js"
  from='const wasmPath = `${__dirname}/clientcare_bg.wasm`;'
  to='const wasmPath = `${__dirname}/../web/clientcare_bg.wasm`;'
  grep -qF "$from" "$node_js" || die "node/clientcare.js no longer reads \${__dirname}/clientcare_bg.wasm: update the sharing step of $0"
  sed -i "s|$from|$to|" "$node_js"
  rm "$pkg/node/clientcare_bg.wasm"
else
  log "note: the nodejs and web .wasm differ: the package ships both"
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
gzb=$(gz "$bg")
log "package: $pkg (clientcare $version, profile $profile)"
log "build time: $((end - start)) s${opt_note:+ ($opt_note)}"
kib() { printf '%s KiB' "$(($1 / 1024))"; }
if [ -n "${plain_raw:-}" ]; then
  printf '[build-wasm] wasm size before wasm-opt: %s bytes raw, %s bytes gzip (%s / %s)\n' \
    "$plain_raw" "$plain_gz" "$(kib "$plain_raw")" "$(kib "$plain_gz")"
fi
printf '[build-wasm] wasm size: %s bytes raw, %s bytes gzip (%s / %s)\n' \
  "$raw" "$gzb" "$(kib "$raw")" "$(kib "$gzb")"
# The whole package as npm would publish it: the files, unpacked, and the
# tarball (gzip). `npm pack --dry-run` writes nothing.
if command -v npm >/dev/null; then
  (cd "$pkg" && npm pack --dry-run --json --silent 2>/dev/null) >"$tmp/pack.json" || true
  if node -e 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))' "$tmp/pack.json" 2>/dev/null; then
    node -e '
      const [p] = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
      const k = (n) => `${Math.round(n / 1024)} KiB`;
      console.log(`[build-wasm] npm package: ${p.entryCount} files, ${p.unpackedSize} bytes unpacked (${k(p.unpackedSize)}), ` +
        `${p.size} bytes as a tarball (gzip, ${k(p.size)})`);
      for (const f of [...p.files].sort((a, b) => b.size - a.size).slice(0, 4)) console.log(`[build-wasm]   ${String(f.size).padStart(9)}  ${f.path}`);
    ' "$tmp/pack.json"
  else
    log "note: npm pack --dry-run failed: no package size"
  fi
fi
