#!/usr/bin/env bash
# Builds the Python wheel (release, abi3), installs it into .venv and runs the
# pytest suite of crates/py. Assumes scripts/setup.sh has created .venv.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

py=.venv/bin/python
if [ ! -x "$py" ]; then
  echo "test-python: $root/.venv is missing; run scripts/setup.sh first" >&2
  exit 1
fi

wheels=target/wheels
rm -f "$wheels"/clientcare-*.whl
.venv/bin/maturin build --release -m crates/py/Cargo.toml -o "$wheels"
wheel=$(ls "$wheels"/clientcare-*.whl)
"$py" -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps "$wheel"
"$py" -m pytest crates/py/tests -q "$@"
