// SLA through the JavaScript API: every shared scenario of
// crates/core/tests/fixtures/sla_scenarios.json run exactly like the Rust
// runner (`run_step` in crates/core/tests/sla.rs), the same scenarios through
// the typed methods, explanations, business-time arithmetic, calendars and
// policies, and bad input that changes nothing.
"use strict";
const { test } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { cc, at, UNKNOWN_ID, fresh, throwsCode, unchanged } = require("./helpers.cjs");
const { Workspace } = cc;

const FIXTURE = path.join(__dirname, "..", "..", "core", "tests", "fixtures", "sla_scenarios.json");
const fx = JSON.parse(fs.readFileSync(FIXTURE, "utf8"));

/** `full_name` -> `fullName` (the binding's rule). */
const camel = (key) => key.replace(/(?!^)_([^_])/g, (_, c) => c.toUpperCase()).replace(/(?!^)_/g, "");

/** The fixture's snake_case keys in camelCase, except the keys of `attributes` maps. */
function camelKeys(value, verbatim = false) {
  if (Array.isArray(value)) return value.map((v) => camelKeys(v));
  if (value === null || typeof value !== "object") return value;
  const out = {};
  for (const [k, v] of Object.entries(value)) {
    const name = verbatim ? k : camel(k);
    out[name] = camelKeys(v, !verbatim && k === "attributes");
  }
  return out;
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Whether `got` matches the fixture's `want`: times as instants, null as absent. */
function expectValue(got, want, what) {
  if (want === null) {
    assert.ok(got === null || got === undefined, `${what}: expected absent, got ${JSON.stringify(got)}`);
  } else if (typeof want === "string" && ISO.test(want)) {
    assert.equal(typeof got, "string", `${what}: expected a time, got ${JSON.stringify(got)}`);
    assert.ok(ISO.test(got), `${what}: not an ISO 8601 time: ${got}`);
    assert.equal(Date.parse(got), Date.parse(want), `${what}: ${got} is not the instant ${want}`);
  } else {
    assert.deepEqual(got, want, what);
  }
}

const time = (s) => new Date(s);

/** One step, as `run_step` does it. `exec` runs a command (the generic `execute` by default). */
function runStep(ws, step, scenario, exec) {
  const ctx = `${scenario}: ${JSON.stringify(step)}`;
  if ("command" in step) {
    const opts = { at: time(step.at) };
    const command = camelKeys(step.command);
    if ("error" in step) {
      const before = Workspace.importLog(ws.exportLog());
      const seq = ws.seq;
      throwsCode(() => exec(ws, command, opts), step.error);
      assert.equal(ws.seq, seq, `${ctx}: a failed command adds no event`);
      assert.ok(ws.equals(before), `${ctx}: a failed command changed nothing`);
    } else {
      try {
        exec(ws, command, opts);
      } catch (e) {
        assert.fail(`${ctx}: ${e && e.message}`);
      }
    }
  } else if ("status" in step) {
    const st = ws.slaStatus(step.status, time(step.now));
    assert.equal(st.policy, typeof step.policy === "string" ? step.policy : null, ctx);
    for (const [metric, want] of Object.entries(step.metrics)) {
      const m = st.metrics.find((x) => x.metric === metric);
      assert.ok(m, `${ctx}: no ${metric} in ${JSON.stringify(st)}`);
      for (const [field, v] of Object.entries(want)) {
        expectValue(m[camel(field)], v, `${ctx}: ${metric}.${field} in ${JSON.stringify(m)}`);
      }
    }
  } else if ("tick" in step) {
    const n = ws.tick({ at: time(step.tick) });
    assert.equal(typeof n, "number");
    assert.equal(n, step.events, ctx);
  } else if ("alerts" in step) {
    const now = time(step.now);
    const alerts = step.alerts === "at_risk" ? ws.complaintsAtRisk(now) : ws.complaintsBreached(now);
    assert.equal(alerts.length, step.expect.length, `${ctx}: ${JSON.stringify(alerts)}`);
    alerts.forEach((a, i) => {
      for (const [field, v] of Object.entries(step.expect[i])) {
        expectValue(a[camel(field)], v, `${ctx}: ${field} in ${JSON.stringify(a)}`);
      }
    });
  } else if ("complaint" in step) {
    const c = ws.complaint(step.complaint);
    for (const field of ["state", "escalation_level", "assignee"]) {
      if (field in step) expectValue(c[camel(field)], step[field], `${ctx}: ${field}`);
    }
  } else if ("calendars" in step) {
    assert.deepEqual(ws.calendarKeys(), step.calendars, ctx);
    assert.deepEqual(ws.slaPolicies().map((p) => p.key), step.policies, ctx);
  } else {
    assert.fail(`unknown step ${ctx}`);
  }
}

const viaExecute = (ws, command, opts) => ws.execute(command, opts);

/** The same command through its typed method. */
function viaMethods(ws, command, opts) {
  const { type, ...body } = command;
  switch (type) {
    case "configure_workspace":
      return ws.configure(body.defaultRegion ?? null, opts);
    case "register_agent":
      return ws.registerAgent(body, opts);
    case "register_customer":
      return ws.registerCustomer(body, opts);
    case "configure_complaints":
      return ws.configureComplaints(body, opts);
    case "define_calendar":
      return ws.defineCalendar(body.key, body.calendar, opts);
    case "remove_calendar":
      return ws.removeCalendar(body.key, opts);
    case "define_sla_policy":
      return ws.defineSlaPolicy(body, opts);
    case "remove_sla_policy":
      return ws.removeSlaPolicy(body.key, opts);
    case "tick":
      return ws.tick(opts);
    default: {
      const method = camel(type); // open_complaint -> openComplaint
      assert.equal(typeof ws[method], "function", `no method ${method} for ${type}`);
      return ws[method](body, opts);
    }
  }
}

function runScenario(scenario, exec = viaExecute) {
  const ws = new Workspace({ seed: 1 });
  for (const step of fx.prelude) runStep(ws, step, scenario.name, exec);
  for (const step of scenario.steps) runStep(ws, step, scenario.name, exec);
  return ws;
}

const scenario = (part) => runScenario(fx.scenarios.find((s) => s.name.includes(part)));
const cid = (n) => `00000000-0000-7000-8000-${(0xd00 + n).toString(16).padStart(12, "0")}`;

test("the fixture holds at least ten scenarios", () => {
  assert.ok(fx.scenarios.length >= 10, String(fx.scenarios.length));
  assert.ok(fx.prelude.length > 0);
});

for (const s of fx.scenarios) {
  test(`shared scenario: ${s.name}`, () => {
    const ws = runScenario(s);
    // The log alone rebuilds the same workspace, SLA state included.
    const copy = Workspace.importLog(ws.exportLog(), 9);
    assert.ok(copy.equals(ws), s.name);
    assert.equal(copy.exportLog(), ws.exportLog());
    copy.free();
  });
}

test("every shared scenario through the typed methods gives the same log as execute", () => {
  for (const s of fx.scenarios) {
    const a = runScenario(s, viaExecute);
    const b = runScenario(s, viaMethods);
    assert.equal(b.exportLog(), a.exportLog(), s.name);
    assert.ok(b.equals(a), s.name);
  }
});

test("explainSla lists the counted and paused intervals; slaStatus has none", () => {
  const ws = scenario("pauses");
  const now = "2026-11-02T07:00:00Z";
  const res = ws.explainSla(cid(4), now).metrics.find((m) => m.metric === "resolution");
  assert.deepEqual(
    res.intervals.map((i) => [i.from, i.to, i.kind, i.state]),
    [
      ["2026-11-02T02:00:00Z", "2026-11-02T02:10:00Z", "counted", "new"],
      ["2026-11-02T02:10:00Z", "2026-11-02T02:30:00Z", "counted", "open"],
      ["2026-11-02T02:30:00Z", "2026-11-02T06:45:00Z", "paused", "waiting_on_customer"],
      ["2026-11-02T06:45:00Z", "2026-11-02T07:00:00Z", "counted", "open"],
    ],
  );
  const counted = res.intervals
    .filter((i) => i.kind === "counted")
    .reduce((sum, i) => sum + (Date.parse(i.to) - Date.parse(i.from)) / 1000, 0);
  assert.equal(counted, res.elapsedSeconds);
  const plain = ws.slaStatus(cid(4), new Date(now));
  assert.ok(plain.metrics.every((m) => m.intervals === undefined));
  assert.equal(plain.at, now);
  assert.equal(plain.calendar, "hcmc");

  const split = scenario("split shift");
  const fr = split.explainSla(cid(1), "2026-11-02T08:00:00Z").metrics.find((m) => m.metric === "first_response");
  assert.deepEqual(
    fr.intervals.map((i) => [i.from, i.to]),
    [
      ["2026-11-02T04:00:00Z", "2026-11-02T05:00:00Z"],
      ["2026-11-02T06:30:00Z", "2026-11-02T07:20:00Z"],
    ],
  );
});

test("now defaults to the current time; a bad now is invalid_input naming now", () => {
  const ws = scenario("late-arriving");
  const before = Date.now();
  const st = ws.slaStatus(cid(9));
  const t = Date.parse(st.at);
  assert.ok(t >= before - 1000 && t <= Date.now() + 1000, st.at);
  assert.equal(ws.explainSla(cid(9)).complaint, cid(9));
  assert.ok(Array.isArray(ws.slaStatuses()));
  assert.ok(Array.isArray(ws.complaintsAtRisk()));
  assert.ok(Array.isArray(ws.complaintsBreached()));
  for (const bad of ["2026-11-02T09:00:00", "soon", new Date(NaN), 5, null, {}]) {
    throwsCode(() => ws.slaStatus(cid(9), bad), "invalid_input", { field: "now" });
    throwsCode(() => ws.slaStatuses(bad), "invalid_input", { field: "now" });
    throwsCode(() => ws.complaintsAtRisk(bad), "invalid_input", { field: "now" });
  }
  throwsCode(() => ws.slaStatus(UNKNOWN_ID, at()), "not_found", { entity: "complaint", id: UNKNOWN_ID });
  throwsCode(() => ws.slaStatus("nope", at()), "invalid_input", { field: "complaint" });
});

test("slaStatuses, slaPolicyFor and business-time arithmetic", () => {
  const ws = scenario("priority change");
  assert.equal(ws.slaPolicyFor(cid(8)).key, "urgent");
  assert.deepEqual(ws.slaPolicyFor(cid(8)), ws.slaPolicies()[0]);
  const now = "2026-11-02T02:21:00Z";
  const all = ws.slaStatuses(now);
  assert.equal(all.length, 1);
  assert.deepEqual(all[0], ws.slaStatus(cid(8), now));

  // Mon 11:00-15:00 local on the split-shift calendar: 60 + 90 minutes.
  assert.equal(ws.businessTimeBetween("hcmc", new Date("2026-11-02T04:00:00Z"), new Date("2026-11-02T08:00:00Z")), 9000);
  assert.equal(ws.businessTimeBetween("hcmc", "2026-11-02T08:00:00Z", "2026-11-02T04:00:00Z"), 0);
  // Sub-second precision comes through as a fraction of a second.
  assert.equal(ws.businessTimeBetween("24x7", new Date("2026-11-02T04:00:00.000Z"), new Date("2026-11-02T04:00:01.250Z")), 1.25);
  assert.equal(ws.businessTimeBetween("24x7", "2026-11-02T04:00:00Z", "2026-11-02T04:00:00.000001Z"), 0.000001);

  assert.equal(ws.addBusinessTime("hcmc", new Date("2026-11-02T04:00:00Z"), 7200), "2026-11-02T07:30:00Z");
  assert.equal(ws.addBusinessTime("hcmc", "2026-11-02T11:00:00+07:00", 0), "2026-11-02T04:00:00Z");
  assert.equal(ws.addBusinessTime("24x7", new Date("2026-11-02T04:00:00Z"), 1.5), "2026-11-02T04:00:01.500Z");
  // Friday 17:00 local + 30 min ends with the window (17:30); + 60 min: Saturday 08:30.
  assert.equal(ws.addBusinessTime("hcmc", "2026-10-30T10:00:00Z", 1800), "2026-10-30T10:30:00Z");
  assert.equal(ws.addBusinessTime("hcmc", "2026-10-30T10:00:00Z", 3600), "2026-10-31T01:30:00Z");
  // Round trip.
  const start = new Date("2026-11-06T09:45:00Z");
  const due = ws.addBusinessTime("hcmc", start, 12345);
  assert.equal(ws.businessTimeBetween("hcmc", start, due), 12345);

  for (const bad of [-1, -0.5, NaN, Infinity, "60", null, undefined]) {
    throwsCode(() => ws.addBusinessTime("hcmc", start, bad), "invalid_input", { field: "seconds" });
  }
  throwsCode(() => ws.addBusinessTime("hcmc", start, 1e15), "invalid_input", { field: "seconds" });
  throwsCode(() => ws.businessTimeBetween("nope", start, due), "not_found", { entity: "calendar", id: "nope" });
  throwsCode(() => ws.addBusinessTime("nope", start, 60), "not_found", { entity: "calendar" });
  throwsCode(() => ws.businessTimeBetween(5, start, due), "invalid_input", { field: "calendarKey" });
  throwsCode(() => ws.businessTimeBetween("hcmc", "2026-11-02", due), "invalid_input", { field: "start" });
  throwsCode(() => ws.businessTimeBetween("hcmc", start, new Date(NaN)), "invalid_input", { field: "end" });
  throwsCode(() => ws.addBusinessTime("hcmc", undefined, 60), "invalid_input", { field: "start" });
});

test("calendars: define (normalised), read, keys, replace, remove; policies: define, list, remove", () => {
  const ws = fresh();
  ws.defineCalendar(
    "office",
    {
      timeZone: "Asia/Ho_Chi_Minh",
      week: [
        { day: "Friday", windows: [{ start: "13:30", end: "17:30" }, { start: "8:00", end: "12:00" }] },
        { day: "mon", windows: [{ start: "08:00", end: "17:00" }] },
      ],
      holidays: [
        { date: "2027-02-05", until: "2027-02-11", name: "Tết Nguyên Đán" },
        { date: "2026-12-24", name: "Christmas Eve", open: [{ start: "08:00", end: "12:00" }] },
      ],
    },
    { at: at() },
  );
  assert.deepEqual(ws.calendar("office"), {
    timeZone: "Asia/Ho_Chi_Minh",
    week: [
      { day: "mon", windows: [{ start: "08:00", end: "17:00" }] },
      { day: "fri", windows: [{ start: "08:00", end: "12:00" }, { start: "13:30", end: "17:30" }] },
    ],
    holidays: [
      { date: "2026-12-24", name: "Christmas Eve", open: [{ start: "08:00", end: "12:00" }] },
      { date: "2027-02-05", until: "2027-02-11", name: "Tết Nguyên Đán" },
    ],
  });
  const ev = ws.events(ws.seq - 1)[0];
  assert.equal(ev.payload.type, "calendar_defined");
  assert.deepEqual(ev.payload.calendar, ws.calendar("office"));
  assert.deepEqual(ev.entity, { kind: "workspace" });

  // Defining the same calendar again records nothing.
  const seq = ws.seq;
  ws.defineCalendar("office", ws.calendar("office"), { at: at(1) });
  assert.equal(ws.seq, seq);

  ws.defineCalendar("247", { timeZone: "Europe/Berlin", alwaysOpen: true }, { at: at(1) });
  assert.deepEqual(ws.calendar("247"), { timeZone: "Europe/Berlin", alwaysOpen: true });
  assert.deepEqual(ws.calendarKeys(), ["247", "office"]);

  ws.defineSlaPolicy(
    {
      key: "vip",
      name: "VIP",
      precedence: -1,
      calendar: "247",
      conditions: { tiers: ["gold"], priorities: ["urgent", "high"], channels: ["email"] },
      targets: { firstResponseMinutes: 30, resolutionMinutes: 480 },
      warnBeforeMinutes: 10,
      pauseStates: ["waiting_on_customer", "new"],
      resolutionMode: "first",
      escalations: [{ on: "breach", level: 2, team: "supervisors", notify: "lead@shop.vn" }],
    },
    { at: at(2) },
  );
  ws.defineSlaPolicy({ key: "default", calendar: "office", targets: { resolutionMinutes: 960 } }, { at: at(2) });
  assert.deepEqual(ws.slaPolicies(), [
    {
      key: "vip",
      name: "VIP",
      precedence: -1,
      calendar: "247",
      conditions: { priorities: ["high", "urgent"], channels: ["email"], tiers: ["gold"] },
      targets: { firstResponseMinutes: 30, resolutionMinutes: 480 },
      warnBeforeMinutes: 10,
      pauseStates: ["new", "waiting_on_customer"],
      resolutionMode: "first",
      escalations: [{ on: "breach", level: 2, team: "supervisors", notify: "lead@shop.vn" }],
    },
    {
      key: "default",
      precedence: 0,
      calendar: "office",
      conditions: {},
      targets: { resolutionMinutes: 960 },
      pauseStates: ["waiting_on_customer"],
      resolutionMode: "total",
    },
  ]);

  throwsCode(() => ws.removeCalendar("office", { at: at(3) }), "conflict", { holderEntity: "sla_policy", holder: "default" });
  ws.removeSlaPolicy("default", { at: at(3) });
  ws.removeCalendar("office", { at: at(3) });
  assert.deepEqual(ws.calendarKeys(), ["247"]);
  assert.deepEqual(ws.slaPolicies().map((p) => p.key), ["vip"]);
  throwsCode(() => ws.calendar("office"), "not_found", { entity: "calendar", id: "office" });
  throwsCode(() => ws.removeCalendar("office"), "not_found", { entity: "calendar" });
  throwsCode(() => ws.removeSlaPolicy("default"), "not_found", { entity: "sla_policy" });
  throwsCode(() => ws.calendar(1), "invalid_input", { field: "key" });

  const copy = Workspace.importLog(ws.exportLog());
  assert.ok(copy.equals(ws));
  assert.deepEqual(copy.slaPolicies(), ws.slaPolicies());
});

test("bad calendars and policies are invalid_input naming the field, and change nothing", () => {
  const ws = fresh();
  const mon = (windows) => ({ timeZone: "Asia/Ho_Chi_Minh", week: [{ day: "mon", windows }] });
  ws.defineCalendar("office", mon([{ start: "08:00", end: "17:00" }]), { at: at() });
  // Fields are named inside the command, the same through defineCalendar and execute.
  const calendars = [
    [{ timeZone: "Asia/Saigon_Typo", alwaysOpen: true }, "calendar.timeZone"],
    [{ timeZone: "", alwaysOpen: true }, "calendar.timeZone"],
    [mon([{ start: "08:00", end: "12:00" }, { start: "11:00", end: "13:00" }]), "calendar.week[0].windows[1]"],
    [mon([{ start: "17:00", end: "08:00" }]), "calendar.week[0].windows[0]"],
    [mon([{ start: "8h", end: "12:00" }]), "calendar.week[0].windows[0].start"],
    [mon([{ start: "08:00", end: "24:01" }]), "calendar.week[0].windows[0].end"],
    [{ timeZone: "Asia/Ho_Chi_Minh", week: [{ day: "funday", windows: [] }] }, "calendar.week[0].day"],
    [{ timeZone: "Asia/Ho_Chi_Minh", week: [] }, null],
    [{ timeZone: "Asia/Ho_Chi_Minh", alwaysOpen: true, holidays: [{ date: "2027-02-11", until: "2027-02-05" }] }, "calendar.holidays[0].until"],
    [{ timeZone: "Asia/Ho_Chi_Minh", alwaysOpen: true, holidays: [{ date: "2027-02-30" }] }, "calendar.holidays[0].date"],
    [{ timeZone: "Asia/Ho_Chi_Minh", alwaysOpen: true, weekk: [] }, "calendar.weekk"],
    [{ alwaysOpen: true }, "calendar.timeZone"],
    ["24/7", "calendar"],
    [undefined, "calendar"],
  ];
  for (const [cal, field] of calendars) {
    const before = Workspace.importLog(ws.exportLog());
    const e = unchanged(ws, () => ws.defineCalendar("bad", cal, { at: at(1) }), "invalid_input");
    if (field !== null) assert.equal(e.details.field, field, `${JSON.stringify(cal)}: ${e.message}`);
    const g = unchanged(ws, () => ws.execute({ type: "define_calendar", key: "bad", calendar: cal }, { at: at(1) }), "invalid_input");
    assert.equal(g.details.field, e.details.field, `execute ${JSON.stringify(cal)}: ${g.message}`);
    assert.ok(ws.equals(before));
  }
  for (const key of ["has space", "", 7, null]) {
    const e = unchanged(ws, () => ws.defineCalendar(key, { timeZone: "UTC", alwaysOpen: true }, { at: at(1) }), "invalid_input");
    assert.equal(e.details.field, "key", String(key));
  }

  const policies = [
    [{ key: "neg", calendar: "office", targets: { firstResponseMinutes: -5 } }, "targets.firstResponseMinutes", "invalid_input"],
    [{ key: "zero", calendar: "office", targets: { resolutionMinutes: 0 } }, "targets.resolutionMinutes", "invalid_input"],
    [{ key: "frac", calendar: "office", targets: { resolutionMinutes: 1.5 } }, "targets.resolutionMinutes", "invalid_input"],
    [{ key: "none", calendar: "office", targets: {} }, "targets", "invalid_input"],
    [{ key: "warn", calendar: "office", targets: { resolutionMinutes: 60 }, warnBeforeMinutes: 60 }, "warnBeforeMinutes", "invalid_input"],
    [{ key: "pause", calendar: "office", targets: { resolutionMinutes: 60 }, pauseStates: ["resolved"] }, "pauseStates", "invalid_input"],
    [{ key: "lvl", calendar: "office", targets: { resolutionMinutes: 60 }, escalations: [{ on: "breach", level: 10 }] }, "escalations[0].level", "invalid_input"],
    [{ key: "met", calendar: "office", targets: { resolutionMinutes: 60 }, escalations: [{ on: "breach", metric: "first_response", level: 1 }] }, "escalations[0].metric", "invalid_input"],
    [{ key: "trig", calendar: "office", targets: { resolutionMinutes: 60 }, escalations: [{ on: "later", level: 1 }] }, "escalations[0].on", "invalid_input"],
    [{ key: "who", calendar: "office", targets: { resolutionMinutes: 60 }, escalations: [{ on: "breach", level: 1, reassignTo: UNKNOWN_ID }] }, null, "not_found"],
    [{ key: "nocal", calendar: "nowhere", targets: { resolutionMinutes: 10 } }, null, "not_found"],
    [{ key: "typo", calendar: "office", target: { resolutionMinutes: 10 } }, "target", "invalid_input"],
    [{ calendar: "office", targets: { resolutionMinutes: 10 } }, "key", "invalid_input"],
  ];
  for (const [policy, field, code] of policies) {
    const before = Workspace.importLog(ws.exportLog());
    const e = unchanged(ws, () => ws.defineSlaPolicy(policy, { at: at(1) }), code);
    if (field !== null) assert.equal(e.details.field, field, `${JSON.stringify(policy)}: ${e.message}`);
    assert.ok(ws.equals(before));
  }
  assert.deepEqual(ws.calendarKeys(), ["office"]);
  assert.deepEqual(ws.slaPolicies(), []);
});

test("tick: opts.at is now, returns the number of events, escalations are recorded on the complaint", () => {
  const ws = scenario("tick");
  const c = ws.complaint(cid(12));
  assert.equal(c.state, "closed");
  assert.deepEqual(c.fired, [
    { metric: "first_response", on: "warning", cycle: 0 },
    { metric: "first_response", on: "breach", cycle: 0 },
  ]);
  const escalations = ws
    .complaintHistory(cid(12))
    .filter((e) => e.payload.type === "complaint_escalated")
    .map((e) => [e.payload.notify ?? null, e.payload.trigger.on, e.payload.fromLevel, e.payload.toLevel]);
  assert.deepEqual(escalations, [
    ["lead@shop.vn", "warning", 0, 1],
    [null, "breach", 1, 2],
  ]);
  const closed = ws.complaintHistory(cid(12)).at(-1);
  assert.deepEqual(closed.payload, { type: "complaint_closed", automatic: true });
  assert.deepEqual(closed.entity, { kind: "complaint", id: cid(12) });
  // Now by default: nothing is due any more.
  assert.equal(ws.tick(), 0);
  throwsCode(() => ws.tick({ at: "tomorrow" }), "invalid_input", { field: "at" });
  throwsCode(() => ws.tick({ now: at() }), "invalid_input", { field: "now" });
  throwsCode(() => ws.tick({ at: at(), actor: UNKNOWN_ID }), "not_found", { entity: "agent" });
});
