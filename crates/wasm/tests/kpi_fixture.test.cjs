// The shared, hand-computed KPI cases of
// crates/core/tests/fixtures/kpi_cases.json, run exactly as the Rust
// (crates/core/tests/kpi.rs) and Python (crates/py/tests/test_kpi.py) tests
// run them: the same world, every query, every row, the same numbers.
"use strict";
const { test } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { cc, throwsCode } = require("./helpers.cjs");
const { Workspace, kpiNames } = cc;

const FIXTURE = path.join(__dirname, "..", "..", "core", "tests", "fixtures", "kpi_cases.json");
const fx = JSON.parse(fs.readFileSync(FIXTURE, "utf8"));

/** `sample_size` -> `sampleSize` (the binding's rule). */
const camel = (key) => key.replace(/(?!^)_([^_])/g, (_, c) => c.toUpperCase()).replace(/(?!^)_/g, "");

/** The fixture's snake_case keys in camelCase, except the keys of `answers` maps (question keys). */
function camelKeys(value, verbatim = false) {
  if (Array.isArray(value)) return value.map((v) => camelKeys(v));
  if (value === null || typeof value !== "object") return value;
  const out = {};
  for (const [k, v] of Object.entries(value)) {
    out[verbatim ? k : camel(k)] = camelKeys(v, !verbatim && k === "answers");
  }
  return out;
}

/** The fixture's world: its steps on a fresh workspace (seed 1); "$S1" is the first survey sent. */
function world() {
  const ws = new Workspace({ seed: 1 });
  for (const step of fx.steps) {
    const command = camelKeys(step.command);
    if (command.survey === "$S1") command.survey = ws.surveys()[0].id;
    ws.execute(command, { at: new Date(step.at) });
  }
  return ws;
}

const close = (got, want) =>
  typeof got === "number" && typeof want === "number"
    ? Math.abs(got - want) <= 1e-9 * Math.max(Math.abs(got), 1)
    : got === want;

test("every KPI gives the hand-computed rows of the shared cases", () => {
  const ws = world();
  const seen = new Set();
  for (const c of fx.queries) {
    seen.add(c.kpi);
    const rows = ws.kpi(c.kpi, camelKeys(c.query));
    const ctx = `${c.kpi} ${JSON.stringify(c.query)}`;
    assert.equal(rows.length, c.expect.length, `${ctx}: ${JSON.stringify(rows)}`);
    rows.forEach((got, i) => {
      const want = c.expect[i];
      for (const f of ["kpi", "group", "measure", "unit"]) assert.equal(got[f], want[f], `${ctx}: ${f}`);
      assert.equal(got.sampleSize, want.sample_size, `${ctx}: sampleSize of ${JSON.stringify(got)}`);
      for (const f of ["value", "numerator", "denominator"]) {
        assert.ok(close(got[f], want[f]), `${ctx}: ${f} of ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
      }
    });
  }
  assert.deepEqual([...seen].sort(), [...kpiNames()].sort());
});

test("the shared error cases fail with their codes and change nothing", () => {
  const ws = world();
  const seq = ws.seq;
  for (const c of fx.errors) throwsCode(() => ws.kpi(c.kpi, camelKeys(c.query)), c.code);
  assert.equal(ws.seq, seq);
});

test("a reloaded log gives the same dashboard", () => {
  const ws = world();
  const copy = Workspace.importLog(ws.exportLog());
  const q = { from: "2026-01-01T00:00:00Z", to: "2026-04-01T00:00:00Z" };
  assert.deepEqual(copy.dashboard(q), ws.dashboard(q));
});
