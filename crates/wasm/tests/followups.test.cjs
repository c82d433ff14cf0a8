// Follow-ups through the JavaScript API, mirroring
// crates/core/tests/followups.rs: the agenda (overdue, upcoming, whole-day
// tasks, limit, team), recurring follow-ups (completion and skipping create
// the next occurrence at the expected local dates; RRULE text or an object),
// snooze, reassignment, bad input that changes nothing, the generic execute
// for every follow-up command, and export/import equality.
"use strict";
const { test } = require("node:test");
const assert = require("node:assert/strict");
const { cc, UNKNOWN_ID, throwsCode, unchanged } = require("./helpers.cjs");
const { Workspace } = cc;

// The Rust tests' clock: T0 = 2026-11-02T02:00:00Z, `at(minutes)`.
const T0 = new Date("2026-11-02T02:00:00Z");
const at = (minutes = 0) => new Date(T0.getTime() + minutes * 60_000);
const DAY_SECONDS = 86_400;
const HCMC = "Asia/Ho_Chi_Minh";

/** "YYYY-MM-DD HH:MM" in Hồ Chí Minh City. */
const local = (iso) => {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", { timeZone: HCMC, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
};

/** The Rust fixture: two agents of team care, a customer in Hồ Chí Minh City. */
function fx() {
  const ws = new Workspace({ defaultRegion: "VN", seed: 7, at: at(0) });
  const lan = ws.registerAgent({ name: "Lan", team: "care" }, { at: at(0) });
  const minh = ws.registerAgent({ name: "Minh", team: "care" }, { at: at(0) });
  const duc = ws.registerCustomer({ fullName: "Nguyễn Văn Đức", emails: ["duc@x.vn"], phones: ["0901234567"], timeZone: HCMC }, { at: at(1) });
  return { ws, lan, minh, duc };
}

const task = (f, subject, dueAt, extra = {}) => ({ subject, kind: "call", customer: f.duc, assignee: f.lan, dueAt, ...extra });

/** Asserts the call throws `code` and leaves the workspace equal to before; returns the error. */
function refused(ws, fn, code) {
  const before = Workspace.importLog(ws.exportLog());
  const e = unchanged(ws, fn, code);
  assert.ok(ws.equals(before), `${code}: the workspace changed`);
  before.free();
  return e;
}

function assertReplays(ws) {
  const copy = Workspace.importLog(ws.exportLog(), 4);
  assert.ok(copy.equals(ws), "export/import gives an equal workspace");
  copy.free();
}

const ids = (list) => list.map((x) => x.id);

test("the agenda lists overdue then upcoming in due order; whole-day tasks; limit; team", () => {
  const f = fx();
  const { ws, lan, minh, duc } = f;
  const a = ws.scheduleFollowUp(task(f, "Gọi lại", "2026-11-02T03:00:00Z"), { at: at(2), actor: lan });
  const b = ws.scheduleFollowUp(task(f, "Gửi báo giá", new Date("2026-11-04T03:00:00Z")), { at: at(2) });
  const c = ws.scheduleFollowUp(task(f, "Hỏi thăm", "2026-11-20T10:00:00+07:00"), { at: at(2) });
  assert.deepEqual(ws.followUp(a), {
    id: a,
    series: a,
    occurrence: 1,
    subject: "Gọi lại",
    kind: "call",
    customer: duc,
    dueAt: "2026-11-02T03:00:00Z",
    slot: "2026-11-02T03:00:00Z",
    allDay: false,
    dueEnd: "2026-11-02T03:00:00Z",
    timeZone: null,
    assignee: lan,
    team: null,
    priority: "normal",
    links: {},
    status: "open",
    outcome: null,
    snoozed: 0,
    recurrence: null,
    createdAt: "2026-11-02T02:02:00Z",
    updatedAt: "2026-11-02T02:02:00Z",
    closedAt: null,
  });
  const scheduled = ws.events(ws.seq - 3)[0];
  assert.deepEqual(scheduled.entity, { kind: "follow_up", id: a });
  assert.deepEqual(scheduled.actor, { kind: "agent", id: lan });
  assert.deepEqual(scheduled.payload, {
    type: "follow_up_scheduled",
    series: a,
    occurrence: 1,
    subject: "Gọi lại",
    kind: "call",
    customer: duc,
    dueAt: "2026-11-02T03:00:00Z",
    allDay: false,
    dueEnd: "2026-11-02T03:00:00Z",
    assignee: lan,
    priority: "normal",
    links: {},
  });
  assert.equal(ws.followUp(c).dueAt, "2026-11-20T03:00:00Z");
  // A whole-day task on the customer's local date (Asia/Ho_Chi_Minh).
  const d = ws.scheduleFollowUp({ ...task(f, "Sinh nhật", undefined), kind: "gift", dueDate: "2026-11-03" }, { at: at(2) });
  const bday = ws.followUp(d);
  assert.deepEqual([bday.dueAt, bday.dueEnd, bday.allDay, bday.timeZone], ["2026-11-02T17:00:00Z", "2026-11-03T17:00:00Z", true, HCMC]);

  const now = "2026-11-03T05:00:00Z";
  let ag = ws.agenda(lan, { now, withinSeconds: 2 * DAY_SECONDS, limit: 100 });
  assert.deepEqual(ids(ag.overdue), [a]);
  assert.deepEqual(ids(ag.upcoming), [d, b], "today's whole-day task, then b; c is beyond the window");
  assert.equal(ag.truncated, false);
  assert.deepEqual(ag.upcoming[0], bday);
  // Defaults: a week ahead, 100 at most.
  assert.deepEqual(ids(ws.agenda(lan, { now }).upcoming), [d, b]);
  assert.deepEqual(ids(ws.agenda(lan, { now: new Date(now), withinSeconds: 30 * DAY_SECONDS }).upcoming), [d, b, c]);
  // The next day, the birthday is overdue.
  ag = ws.agenda(lan, { now: "2026-11-03T17:00:00Z", withinSeconds: DAY_SECONDS });
  assert.deepEqual(ids(ag.overdue), [a, d]);
  const limited = ws.agenda(lan, { now, withinSeconds: 30 * DAY_SECONDS, limit: 2 });
  assert.equal(limited.truncated, true);
  assert.equal(limited.overdue.length + limited.upcoming.length, 2);
  assert.deepEqual(ws.agenda(minh, { now }), { overdue: [], upcoming: [], truncated: false });
  // Done and reassigned tasks leave the agenda.
  ws.completeFollowUp({ followUp: a, outcome: "Đã gọi" }, { at: at(3) });
  assert.deepEqual(ws.events(ws.seq - 1)[0].payload, { type: "follow_up_completed", outcome: "Đã gọi" });
  const done = ws.followUp(a);
  assert.deepEqual([done.status, done.outcome, done.closedAt], ["done", "Đã gọi", "2026-11-02T02:03:00Z"]);
  ws.reassignFollowUp({ followUp: b, assignee: minh, team: "care" }, { at: at(3) });
  assert.deepEqual(ws.events(ws.seq - 1)[0].payload, { type: "follow_up_reassigned", assignee: minh, team: "care" });
  ag = ws.agenda(lan, { now, withinSeconds: 2 * DAY_SECONDS });
  assert.deepEqual(ids(ag.overdue), []);
  assert.deepEqual(ids(ag.upcoming), [d]);
  assert.deepEqual(ids(ws.agenda(minh, { now, withinSeconds: 2 * DAY_SECONDS }).upcoming), [b]);
  assert.deepEqual(ids(ws.teamAgenda("care", { now, withinSeconds: 2 * DAY_SECONDS }).upcoming), [b]);
  assert.deepEqual(ws.teamAgenda("nobody", { now }), { overdue: [], upcoming: [], truncated: false });
  assert.equal(ws.followUpsOf(duc).length, 4);
  assert.deepEqual(ids(ws.followUpsOf(duc)), [a, b, c, d]);
  // Reassign: absent stays, null clears; no change, no event.
  let seq = ws.seq;
  ws.reassignFollowUp({ followUp: b, assignee: minh }, { at: at(4) });
  assert.equal(ws.seq, seq);
  ws.reassignFollowUp({ followUp: b, assignee: null }, { at: at(4) });
  assert.deepEqual([ws.followUp(b).assignee, ws.followUp(b).team], [null, "care"]);
  ws.reassignFollowUp({ followUp: b, team: null, assignee: lan }, { at: at(4) });
  assert.deepEqual([ws.followUp(b).assignee, ws.followUp(b).team], [lan, null]);
  seq = ws.seq;
  ws.updateAgent({ agent: minh, active: false }, { at: at(5) });
  const inactive = refused(ws, () => ws.reassignFollowUp({ followUp: b, assignee: minh }, { at: at(6) }), "invalid_input");
  assert.equal(inactive.details.field, "assignee");
  refused(ws, () => ws.reassignFollowUp({ followUp: b, assignee: UNKNOWN_ID }, { at: at(6) }), "not_found");
  throwsCode(() => ws.agenda(UNKNOWN_ID), "not_found", { entity: "agent" });
  throwsCode(() => ws.followUp(UNKNOWN_ID), "not_found", { entity: "follow_up" });
  throwsCode(() => ws.followUpsOf(UNKNOWN_ID), "not_found", { entity: "customer" });
  assertReplays(ws);
});

/** The Rust test's series: the last Friday of every month at 10:00 in Hồ Chí Minh City, plus Tết. */
const vipVisits = (rule) => ({ start: "2026-11-01T10:00:00", timeZone: HCMC, rule, dates: ["2027-02-06T10:00:00"] });

test("completing or skipping a recurring follow-up schedules the next occurrence at the expected local dates", () => {
  for (const rule of [{ freq: "monthly", byDay: ["-1fr"] }, "FREQ=MONTHLY;BYDAY=-1FR", "RRULE:freq=monthly;byday=-1fr", { freq: "MONTHLY", byDay: ["-1FR"], interval: 1 }]) {
    const f = fx();
    const { ws } = f;
    const first = ws.scheduleFollowUp({ ...task(f, "Thăm khách VIP", undefined), kind: "visit", recurrence: vipVisits(rule) }, { at: at(2) });
    const fu = ws.followUp(first);
    assert.deepEqual(fu.recurrence, { start: "2026-11-01T10:00:00", timeZone: HCMC, rule: { freq: "monthly", byDay: ["-1fr"] }, dates: ["2027-02-06T10:00:00"] }, JSON.stringify(rule));
    assert.equal(fu.timeZone, HCMC);
    const due = [fu.dueAt];
    let id = first;
    for (let i = 0; i < 4; i++) {
      const before = ws.seq;
      if (i === 1) ws.cancelFollowUp({ followUp: id, reason: "Khách đi vắng", skipOnly: true }, { at: at(10 + i) });
      else ws.completeFollowUp({ followUp: id }, { at: at(10 + i) });
      const events = ws.events(before);
      assert.equal(events.length, 2);
      assert.equal(events[0].payload.type, i === 1 ? "follow_up_cancelled" : "follow_up_completed");
      const last = events[1];
      assert.equal(last.entity.kind, "follow_up");
      const n = ws.followUp(last.entity.id);
      assert.deepEqual([n.series, n.occurrence, n.status], [first, i + 2, "open"]);
      assert.deepEqual(n.recurrence, fu.recurrence);
      due.push(n.dueAt);
      id = n.id;
    }
    assert.deepEqual(due.map(local), ["2026-11-27 10:00", "2026-12-25 10:00", "2027-01-29 10:00", "2027-02-06 10:00", "2027-02-26 10:00"]);
    assert.equal(due[0], "2026-11-27T03:00:00Z");
    assert.equal(ws.followUp(first).status, "done");
    // Cancelling the series (not just the occurrence) ends it.
    const before = ws.seq;
    ws.cancelFollowUp({ followUp: id, reason: "Ngừng" }, { at: at(20) });
    assert.equal(ws.seq, before + 1);
    assert.deepEqual(ws.events(before)[0].payload, { type: "follow_up_cancelled", reason: "Ngừng" });
    assert.deepEqual([ws.followUp(id).status, ws.followUp(id).outcome], ["cancelled", "Ngừng"]);
    assertReplays(ws);
  }
});

test("recurrence forms: count ends a series, exdates, until as a date, weekly with weekStart", () => {
  const f = fx();
  const { ws } = f;
  const schedule = (recurrence) => ws.scheduleFollowUp({ ...task(f, "Chuỗi", undefined), recurrence }, { at: at(2) });
  const walk = (id) => {
    const out = [ws.followUp(id).dueAt];
    for (;;) {
      const before = ws.seq;
      ws.completeFollowUp({ followUp: id }, { at: at(3) });
      if (ws.seq === before + 1) return out;
      id = ws.events(before)[1].entity.id;
      out.push(ws.followUp(id).dueAt);
    }
  };
  const daily = schedule({ start: "2026-11-02T09:00", timeZone: HCMC, rule: { freq: "daily", count: 3 }, exdates: ["2026-11-03"] });
  assert.deepEqual(walk(daily).map(local), ["2026-11-02 09:00", "2026-11-04 09:00"], "3 generated, one excluded");
  const weekly = schedule({ start: "2026-11-02T08:30:00", timeZone: HCMC, rule: { freq: "weekly", interval: 2, byDay: ["mo", "th"], until: "2026-11-30", weekStart: "monday" } });
  assert.deepEqual(ws.followUp(weekly).recurrence.rule, { freq: "weekly", interval: 2, byDay: ["mo", "th"], until: "2026-11-30T23:59:59", weekStart: "mo" });
  assert.deepEqual(walk(weekly).map(local), ["2026-11-02 08:30", "2026-11-05 08:30", "2026-11-16 08:30", "2026-11-19 08:30", "2026-11-30 08:30"]);
  const text = schedule({ start: "2026-11-02T09:00:00", timeZone: HCMC, rule: "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=14;COUNT=2" });
  assert.deepEqual(walk(text).map(local), ["2027-02-14 09:00", "2028-02-14 09:00"]);
});

test("snooze, and bad input that changes nothing", () => {
  const f = fx();
  const { ws, duc, lan } = f;
  const a = ws.scheduleFollowUp(task(f, "Gọi lại", "2026-11-02T03:00:00Z"), { at: at(2) });
  const never = { start: "2026-01-01T09:00:00", timeZone: HCMC, rule: { freq: "yearly", byMonth: [2], byMonthDay: [31] } };
  for (const [input, field] of [
    [task(f, "x", undefined), "dueAt"],
    [task(f, "x", "2026-11-02T03:00:00Z", { dueDate: "2026-11-03" }), "dueAt"],
    [task(f, "x", undefined, { customer: undefined, dueDate: "2026-11-03" }), "timeZone"],
    [task(f, "x", undefined, { dueDate: "2026-11-03", timeZone: "Mars/Olympus" }), "timeZone"],
    [task(f, "x", undefined, { dueDate: "3/11/2026" }), "dueDate"],
    [task(f, "x", "2026-11-02 03:00"), "dueAt"],
    [task(f, "x", new Date(NaN)), "dueAt"],
    [task(f, "  ", "2026-11-02T03:00:00Z"), "subject"],
    [task(f, "x", "2026-11-02T03:00:00Z", { kind: "fax" }), "kind"],
    [task(f, "x", "2026-11-02T03:00:00Z", { priority: "asap" }), "priority"],
    [task(f, "x", "2026-11-02T03:00:00Z", { links: { ticket: UNKNOWN_ID } }), "links.ticket"],
    [task(f, "x", "2026-11-02T03:00:00Z", { assigne: lan }), "assigne"],
    [task(f, "x", undefined, { recurrence: never }), null],
    [task(f, "x", undefined, { recurrence: { ...never, start: new Date("2026-11-02T02:00:00Z") } }), "recurrence.start"],
    [task(f, "x", undefined, { recurrence: { ...never, start: "2026-11-02" } }), "recurrence.start"],
    [task(f, "x", undefined, { recurrence: { ...never, timeZone: "Nowhere" } }), "recurrence.timeZone"],
    [task(f, "x", undefined, { recurrence: { ...never, rule: "FREQ=HOURLY" } }), "recurrence.rule"],
    [task(f, "x", undefined, { recurrence: { ...never, rule: { freq: "weekly", byDay: ["2tu"] } } }), "recurrence.rule.byDay[0]"],
    [task(f, "x", undefined, { recurrence: { ...never, rule: { freq: "daily", count: 0 } } }), "recurrence.rule.count"],
    [task(f, "x", undefined, { recurrence: { ...never, rule: { freq: "daily", interval: 0 } } }), "recurrence.rule.interval"],
    [task(f, "x", undefined, { recurrence: { ...never, rule: { freq: "monthly", byMonthDay: [32] } } }), "recurrence.rule.byMonthDay[0]"],
    [task(f, "x", undefined, { recurrence: { ...never, rule: { freq: "daily", count: 2, until: "2027-01-01" } } }), "recurrence.rule.count"],
    [task(f, "x", undefined, { recurrence: { ...never, rule: { freq: "daily", every: 2 } } }), "recurrence.rule.every"],
  ]) {
    const e = refused(ws, () => ws.scheduleFollowUp(input, { at: at(3) }), "invalid_input");
    if (field !== null) assert.equal(e.details.field, field, e.message);
  }
  refused(ws, () => ws.scheduleFollowUp(task(f, "x", "2026-11-02T03:00:00Z", { customer: UNKNOWN_ID }), { at: at(3) }), "not_found");
  refused(ws, () => ws.scheduleFollowUp(task(f, "x", "2026-11-02T03:00:00Z", { assignee: UNKNOWN_ID }), { at: at(3) }), "not_found");
  refused(ws, () => ws.scheduleFollowUp(task(f, "x", "2026-11-02T03:00:00Z", { links: { opportunity: UNKNOWN_ID } }), { at: at(3) }), "not_found");
  refused(ws, () => ws.scheduleFollowUp(task(f, "x", "2026-11-02T03:00:00Z", { links: { complaint: UNKNOWN_ID } }), { at: at(3) }), "not_found");

  let e = refused(ws, () => ws.snoozeFollowUp({ followUp: a, until: "2026-11-02T02:30:00Z" }, { at: at(3) }), "invalid_input");
  assert.equal(e.details.field, "until");
  refused(ws, () => ws.snoozeFollowUp({ followUp: a }, { at: at(3) }), "invalid_input");
  ws.snoozeFollowUp({ followUp: a, until: new Date("2026-11-02T09:00:00Z") }, { at: at(3) });
  assert.deepEqual(ws.events(ws.seq - 1)[0].payload, { type: "follow_up_snoozed", from: "2026-11-02T03:00:00Z", until: "2026-11-02T09:00:00Z", dueEnd: "2026-11-02T09:00:00Z" });
  const t = ws.followUp(a);
  assert.deepEqual([t.dueAt, t.snoozed, t.slot], ["2026-11-02T09:00:00Z", 1, "2026-11-02T03:00:00Z"]);
  // A recurring-only skip on a one-off task is refused.
  e = refused(ws, () => ws.cancelFollowUp({ followUp: a, reason: "x", skipOnly: true }, { at: at(4) }), "invalid_input");
  assert.equal(e.details.field, "skipOnly");
  e = refused(ws, () => ws.cancelFollowUp({ followUp: a, reason: " " }, { at: at(4) }), "invalid_input");
  assert.equal(e.details.field, "reason");
  ws.completeFollowUp({ followUp: a }, { at: at(4) });
  e = refused(ws, () => ws.completeFollowUp({ followUp: a }, { at: at(5) }), "invalid_transition");
  assert.deepEqual([e.details.entity, e.details.id, e.details.action, e.details.current], ["follow_up", a, "complete", "done"]);
  refused(ws, () => ws.snoozeFollowUp({ followUp: a, until: "2026-11-03T09:00:00Z" }, { at: at(5) }), "invalid_transition");
  refused(ws, () => ws.reassignFollowUp({ followUp: a, team: "x" }, { at: at(5) }), "invalid_transition");
  refused(ws, () => ws.cancelFollowUp({ followUp: a, reason: "x" }, { at: at(5) }), "invalid_transition");
  refused(ws, () => ws.completeFollowUp({ followUp: UNKNOWN_ID }, { at: at(5) }), "not_found");

  // Agenda options are checked, named as written.
  for (const [opts, field] of [
    [{ now: at(5), withinSeconds: -DAY_SECONDS }, "withinSeconds"],
    [{ withinSeconds: NaN }, "withinSeconds"],
    [{ withinSeconds: "1d" }, "withinSeconds"],
    [{ limit: 0 }, "limit"],
    [{ limit: 10_001 }, "limit"],
    [{ limit: 1.5 }, "limit"],
    [{ now: "today" }, "now"],
    [{ within: 60 }, "within"],
    ["soon", "options"],
  ]) {
    throwsCode(() => ws.agenda(lan, opts), "invalid_input", { field });
    throwsCode(() => ws.teamAgenda("care", opts), "invalid_input", { field });
  }
  throwsCode(() => ws.agenda("lan"), "invalid_input", { field: "agentId" });
  throwsCode(() => ws.teamAgenda(7), "invalid_input", { field: "team" });
  assert.deepEqual(ws.agenda(lan, { now: at(5), withinSeconds: 1e300 }).upcoming, [], "a huge window is fine");
  assert.deepEqual(ws.agenda(lan, { limit: 10_000, withinSeconds: 0 }).truncated, false);

  // An archived customer takes no new follow-ups.
  ws.archiveCustomer({ customer: duc }, { at: at(6) });
  e = refused(ws, () => ws.scheduleFollowUp(task(f, "x", "2026-11-02T03:00:00Z"), { at: at(7) }), "invalid_transition");
  assert.deepEqual(e.details.allowed, ["restore", "record consent"]);
});

test("execute accepts every follow-up command, camelCase keys", () => {
  const f = fx();
  const { ws, lan, minh, duc } = f;
  const run = (command, minute) => ws.execute(command, { at: at(minute) });
  const k = ws.openComplaint({ customer: duc, channel: "phone", subject: "Hỏng" }, { at: at(2) });
  const o = ws.openOpportunity({ customer: duc, title: "Sofa", value: { amountMinor: 1, currency: "VND" } }, { at: at(2) });
  let out = run({ type: "schedule_follow_up", subject: "Gọi lại", kind: "call", customer: duc, assignee: lan, dueAt: at(60), links: { complaint: k, opportunity: o }, priority: "high" }, 3);
  assert.deepEqual([out.created.kind, out.events], ["follow_up", 1]);
  const a = out.created.id;
  assert.deepEqual(ws.followUp(a).links, { complaint: k, opportunity: o });
  out = run({ type: "schedule_follow_up", subject: "Hỏi thăm", kind: "message", team: "care", recurrence: { start: "2026-11-03T09:00:00", timeZone: HCMC, rule: "FREQ=WEEKLY;COUNT=2" } }, 3);
  const b = out.created.id;
  out = run({ type: "schedule_follow_up", subject: "Quà", kind: "gift", dueDate: "2026-11-10", timeZone: "UTC" }, 3);
  const c = out.created.id;
  run({ type: "snooze_follow_up", followUp: a, until: at(120) }, 4);
  run({ type: "reassign_follow_up", followUp: a, assignee: minh }, 5);
  run({ type: "complete_follow_up", followUp: a, outcome: "ok" }, 6);
  out = run({ type: "cancel_follow_up", followUp: b, reason: "nghỉ lễ", skipOnly: true }, 7);
  assert.equal(out.events, 2);
  run({ type: "cancel_follow_up", followUp: c, reason: "thôi" }, 8);
  const types = new Set(ws.events().map((e) => e.payload.type));
  for (const t of ["follow_up_scheduled", "follow_up_snoozed", "follow_up_reassigned", "follow_up_completed", "follow_up_cancelled"]) {
    assert.ok(types.has(t), t);
  }
  assert.deepEqual(ws.followUpsOf(duc).map((x) => [x.status, x.priority]), [["done", "high"]]);
  const next = ws.teamAgenda("care", { now: at(8), withinSeconds: 30 * DAY_SECONDS });
  assert.deepEqual(next.upcoming.map((x) => [x.occurrence, local(x.dueAt)]), [[2, "2026-11-10 09:00"]]);
  const gift = ws.followUp(c);
  assert.deepEqual([gift.allDay, gift.dueAt, gift.dueEnd, gift.status], [true, "2026-11-10T00:00:00Z", "2026-11-11T00:00:00Z", "cancelled"]);
  throwsCode(() => ws.execute({ type: "snooze_follow_up", followUp: a, untill: at(200) }), "invalid_input", { field: "untill" });
  throwsCode(() => ws.execute({ type: "schedule_follow_up", subject: "x", kind: "call", dueAt: at(60), links: { playbookRun: "x" } }), "invalid_input", { field: "links.playbookRun" });
  throwsCode(() => ws.execute({ type: "postpone_follow_up", followUp: a }), "invalid_input", { field: "type" });
  assertReplays(ws);
  const copy = Workspace.importLog(ws.exportLog(), 5);
  assert.deepEqual(copy.followUpsOf(duc), ws.followUpsOf(duc));
  assert.deepEqual(copy.teamAgenda("care", { now: at(8) }), ws.teamAgenda("care", { now: at(8) }));
});

test("occurrences previews a recurrence; parseRrule reads RRULE text", () => {
  const recurrence = {
    start: "2026-11-01T10:00:00",
    timeZone: "Asia/Ho_Chi_Minh",
    rule: "FREQ=MONTHLY;BYDAY=-1FR",
    dates: ["2027-02-06"],
  };
  // The same dates as the recurring follow-up test (last Fridays plus Tết).
  assert.deepEqual(cc.occurrences(recurrence, { limit: 5 }), [
    "2026-11-27T03:00:00Z",
    "2026-12-25T03:00:00Z",
    "2027-01-29T03:00:00Z",
    "2027-02-06T03:00:00Z",
    "2027-02-26T03:00:00Z",
  ]);
  assert.deepEqual(
    cc.occurrences(recurrence, { since: "2027-01-01T00:00:00Z", before: new Date("2027-02-20T00:00:00Z") }),
    ["2027-01-29T03:00:00Z", "2027-02-06T03:00:00Z"],
  );
  assert.deepEqual(cc.parseRrule("FREQ=MONTHLY;BYDAY=-1FR;COUNT=6"), { freq: "monthly", byDay: ["-1fr"], count: 6 });
  throwsCode(() => cc.parseRrule("FREQ=HOURLY"), "invalid_input");
  throwsCode(() => cc.occurrences({ ...recurrence, rule: "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", dates: [] }), "invalid_input");
  throwsCode(() => cc.occurrences(recurrence, { limit: 0 }), "invalid_input", { field: "limit" });
});
