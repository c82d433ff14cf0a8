// KPIs through the JavaScript API: the names, single KPIs (ungrouped,
// grouped by agent, by local day in a time zone), the errors of a bad name,
// range, zone, option or grouping, and the dashboard. The values come from
// the core; these tests check that they come through whole (camelCase keys,
// nulls for empty samples) and a few of them by hand.
"use strict";
const { test } = require("node:test");
const assert = require("node:assert/strict");
const { cc, T0, at, throwsCode } = require("./helpers.cjs");
const { Workspace, kpiNames } = cc;

const DAY = 24 * 60;
const RANGE = { from: T0, to: at(30 * DAY) };

/** Two agents; CSAT surveys: Lan's scored 5 and 3, Minh's 4, one unanswered, one late. */
function fx() {
  const ws = new Workspace({ defaultRegion: "VN", seed: 5, at: T0 });
  const lan = ws.registerAgent({ name: "Lan", team: "care" }, { at: at(0) });
  const minh = ws.registerAgent({ name: "Minh", team: "sales" }, { at: at(0) });
  const duc = ws.registerCustomer({ fullName: "Nguyễn Văn Đức", emails: ["duc@x.vn"] }, { at: at(1) });
  ws.recordConsent({ customer: duc, channel: "email", purpose: "feedback", granted: true, source: "web form" }, { at: at(2) });
  const send = (agent, minute, extra = {}) =>
    ws.sendSurvey({ customer: duc, kind: "csat", channel: "email", agent, ...extra }, { at: at(minute) });
  ws.answerSurvey({ survey: send(lan, 10), score: 5 }, { at: at(20) });
  ws.answerSurvey({ survey: send(lan, 11), score: 3 }, { at: at(21) });
  // 2026-11-02T18:00Z is already 2026-11-03 in Hồ Chí Minh City.
  ws.answerSurvey({ survey: send(minh, 12), score: 4 }, { at: new Date("2026-11-02T18:00:00Z") });
  send(minh, 13);
  ws.answerSurvey({ survey: send(minh, 14, { responseDays: 1 }), score: 1 }, { at: at(14 + 2 * DAY) });
  return { ws, lan, minh, duc };
}

const row = (kpi, group, measure, value, numerator, denominator, sampleSize, unit) =>
  ({ kpi, group, measure, value, numerator, denominator, sampleSize, unit });

test("kpiNames lists every KPI in dashboard order", () => {
  const names = kpiNames();
  assert.ok(Array.isArray(names));
  assert.equal(names.length, 23);
  assert.equal(names[0], "first_response_time");
  for (const n of ["csat", "nps", "ces", "survey_response_rate", "backlog", "win_rate", "retention", "cohort_retention", "referral_conversion"]) {
    assert.ok(names.includes(n), n);
  }
  assert.equal(new Set(names).size, names.length);
  // A fresh copy each time.
  names.pop();
  assert.equal(kpiNames().length, 23);
});

test("a KPI ungrouped and grouped: CSAT by agent and by local day, the response rate", () => {
  const { ws, lan, minh } = fx();
  // Late answers do not count; the unanswered survey has no score.
  assert.deepEqual(ws.kpi("csat", RANGE), [
    row("csat", "all", "rate", 2 / 3, 2, 3, 3, "ratio"),
    row("csat", "all", "mean", 4, 12, 3, 3, "score"),
  ]);
  const byAgent = ws.kpi("csat", { ...RANGE, groupBy: "agent" });
  const groups = {};
  for (const r of byAgent) (groups[r.group] ??= []).push(r);
  assert.deepEqual(Object.keys(groups).sort(), [lan, minh].sort());
  assert.deepEqual(groups[lan], [row("csat", lan, "rate", 0.5, 1, 2, 2, "ratio"), row("csat", lan, "mean", 4, 8, 2, 2, "score")]);
  assert.deepEqual(groups[minh], [row("csat", minh, "rate", 1, 1, 1, 1, "ratio"), row("csat", minh, "mean", 4, 4, 1, 1, "score")]);
  // Teams come from the agents.
  assert.deepEqual(
    ws.kpi("csat", { ...RANGE, groupBy: "team" }).filter((r) => r.measure === "mean").map((r) => [r.group, r.value]),
    [["care", 4], ["sales", 4]],
  );
  // Days in the query's zone (UTC by default).
  const days = (timeZone) =>
    ws.kpi("csat", { ...RANGE, groupBy: "day", timeZone }).filter((r) => r.measure === "rate").map((r) => [r.group, r.sampleSize]);
  assert.deepEqual(days(undefined), [["2026-11-02", 3]]);
  assert.deepEqual(days("Asia/Ho_Chi_Minh"), [["2026-11-02", 2], ["2026-11-03", 1]]);

  // Surveys sent in the range, answered in time by its end: 3 of 5; no NPS sent (null value).
  const rate = ws.kpi("survey_response_rate", RANGE);
  assert.deepEqual(rate.find((r) => r.measure === "all"), row("survey_response_rate", "all", "all", 0.6, 3, 5, 5, "ratio"));
  assert.deepEqual(rate.find((r) => r.measure === "nps"), row("survey_response_rate", "all", "nps", null, 0, 0, 0, "ratio"));
  // An empty range: empty samples, null values.
  const before = { from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00+07:00" };
  assert.deepEqual(ws.kpi("csat", before).map((r) => [r.value, r.sampleSize]), [[null, 0], [null, 0]]);

  // Other options reach the core: backlogAt, activeDays, cohortMonths.
  for (const name of ["backlog", "retention", "cohort_retention"]) {
    const rows = ws.kpi(name, { ...RANGE, backlogAt: at(60), activeDays: 30, cohortMonths: 3 });
    assert.ok(Array.isArray(rows), name);
    for (const r of rows) assert.equal(r.kpi, name);
  }
});

test("bad KPI queries are invalid_input naming the JavaScript field", () => {
  const { ws } = fx();
  let e = throwsCode(() => ws.kpi("happiness", RANGE), "invalid_input", { field: "name", value: "happiness" });
  assert.match(e.message, /first_response_time/);
  throwsCode(() => ws.kpi(7, RANGE), "invalid_input", { field: "name" });
  throwsCode(() => ws.kpi("csat"), "invalid_input", { field: "query" });
  throwsCode(() => ws.kpi("csat", { from: T0 }), "invalid_input", { field: "to" });
  throwsCode(() => ws.kpi("csat", { from: at(10), to: at(10) }), "invalid_input", { field: "to" });
  throwsCode(() => ws.kpi("csat", { from: "2026-11-02T09:00:00", to: at(10) }), "invalid_input", { field: "from" });
  throwsCode(() => ws.kpi("csat", { from: new Date(NaN), to: at(10) }), "invalid_input", { field: "from" });
  throwsCode(() => ws.kpi("csat", { ...RANGE, timeZone: "Mars/Olympus" }), "invalid_input", { field: "timeZone" });
  throwsCode(() => ws.kpi("csat", { ...RANGE, groupBy: "planet" }), "invalid_input", { field: "groupBy" });
  e = throwsCode(() => ws.kpi("cohort_retention", { ...RANGE, groupBy: "agent" }), "invalid_input", { field: "groupBy", value: "agent" });
  assert.match(e.message, /^invalid groupBy /);
  throwsCode(() => ws.kpi("retention", { ...RANGE, activeDays: 0 }), "invalid_input", { field: "activeDays" });
  throwsCode(() => ws.kpi("retention", { ...RANGE, activeDays: -1 }), "invalid_input", { field: "activeDays" });
  throwsCode(() => ws.kpi("cohort_retention", { ...RANGE, cohortMonths: 121 }), "invalid_input", { field: "cohortMonths" });
  throwsCode(() => ws.kpi("csat", { ...RANGE, zone: "UTC" }), "invalid_input", { field: "zone" });
});

test("the dashboard: every KPI but cohort retention, ungrouped, in order", () => {
  const { ws } = fx();
  const d = ws.dashboard({ ...RANGE, timeZone: "Asia/Ho_Chi_Minh" });
  assert.deepEqual(Object.keys(d).sort(), ["from", "rows", "to"]);
  assert.equal(d.from, "2026-11-02T09:00:00Z");
  assert.equal(d.to, "2026-12-02T09:00:00Z");
  // In kpiNames() order; KPIs with a row per currency or reason have none without data.
  const kpis = [...new Set(d.rows.map((r) => r.kpi))];
  const order = kpiNames().filter((n) => n !== "cohort_retention");
  assert.deepEqual(kpis, order.filter((n) => kpis.includes(n)));
  assert.deepEqual(order.filter((n) => !kpis.includes(n)), ["pipeline_velocity", "lost_reasons"]);
  for (const r of d.rows) {
    assert.deepEqual(Object.keys(r).sort(), ["denominator", "group", "kpi", "measure", "numerator", "sampleSize", "unit", "value"]);
    assert.equal(r.group, "all");
    assert.ok(r.value === null || typeof r.value === "number");
    assert.equal(typeof r.sampleSize, "number");
    assert.equal(typeof r.unit, "string");
  }
  assert.deepEqual(d.rows.filter((r) => r.kpi === "csat"), ws.kpi("csat", RANGE));
  // An empty workspace has a dashboard too.
  const empty = new Workspace({ seed: 1 });
  assert.equal(empty.dashboard(RANGE).rows.filter((r) => r.kpi === "csat").every((r) => r.value === null), true);
  empty.free();
  throwsCode(() => ws.dashboard({ ...RANGE, groupBy: "agent" }), "invalid_input", { field: "groupBy" });
  throwsCode(() => ws.dashboard({ from: at(10), to: at(0) }), "invalid_input", { field: "to" });
  throwsCode(() => ws.dashboard(), "invalid_input", { field: "query" });
});
