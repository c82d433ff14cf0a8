// Shared by the *.test.* files: the built package and small helpers.
"use strict";
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const PKG = path.join(__dirname, "..", "pkg");
if (!fs.existsSync(path.join(PKG, "package.json"))) {
  throw new Error(`the package is not built (${PKG}): run scripts/build-wasm.sh first`);
}
// `main` of pkg/package.json: the CommonJS build for Node.
const cc = require(PKG);

const T0 = new Date("2026-11-02T09:00:00Z");
/** T0 plus `minutes`. */
const at = (minutes = 0) => new Date(T0.getTime() + minutes * 60_000);
const UNKNOWN_ID = "00000000-0000-7000-8000-000000000000";

/** A workspace with the VN region and a fixed seed; its config event at T0. */
function fresh(seed = 7) {
  return new cc.Workspace({ defaultRegion: "VN", seed, at: T0 });
}

/** Asserts that `fn` throws a ClientcareError with `code`; returns the error. */
function throwsCode(fn, code, details = {}) {
  let caught;
  assert.throws(fn, (e) => {
    caught = e;
    return true;
  });
  assert.ok(caught instanceof Error, `expected an Error, got ${String(caught)}`);
  assert.equal(caught.name, "ClientcareError", caught.stack);
  assert.equal(caught.code, code, `${caught.code}: ${caught.message}`);
  assert.equal(typeof caught.details, "object");
  for (const [k, v] of Object.entries(details)) {
    assert.deepEqual(caught.details[k], v, `details.${k} of: ${caught.message}`);
  }
  assert.ok(cc.isClientcareError(caught));
  return caught;
}

/** Asserts that a failing call changes nothing. */
function unchanged(ws, fn, code) {
  const before = ws.exportLog();
  const seq = ws.seq;
  const err = throwsCode(fn, code);
  assert.equal(ws.seq, seq);
  assert.equal(ws.exportLog(), before);
  return err;
}

module.exports = { cc, PKG, T0, at, UNKNOWN_ID, fresh, throwsCode, unchanged };
