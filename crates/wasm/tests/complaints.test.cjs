// Complaints through the JavaScript API: the lifecycle (first response,
// transitions, resolve/reopen/close, waiting on the customer, cancel, merge,
// escalate), updates and assignment, queue views with paging, history, the
// generic execute for every new command, and bad input that changes nothing.
"use strict";
const { test } = require("node:test");
const assert = require("node:assert/strict");
const { cc, at, UNKNOWN_ID, fresh, throwsCode, unchanged } = require("./helpers.cjs");
const { Workspace } = cc;

/** A workspace with two agents and a customer. */
function setup() {
  const ws = fresh();
  const lan = ws.registerAgent({ name: "Lan", team: "care" }, { at: at() });
  const minh = ws.registerAgent({ name: "Minh", team: "supervisors" }, { at: at() });
  const duc = ws.registerCustomer({ fullName: "Nguyễn Văn Đức", phones: ["0901234567"] }, { at: at(1) });
  return { ws, lan, minh, duc };
}

/** A snapshot to compare with `equals` after a failed call. */
const snapshot = (ws) => Workspace.importLog(ws.exportLog());

/** Asserts the call throws `code` and leaves the workspace equal to before; returns the error. */
function refused(ws, fn, code) {
  const before = snapshot(ws);
  const e = unchanged(ws, fn, code);
  assert.ok(ws.equals(before), `${code}: the workspace changed`);
  before.free();
  return e;
}

const open = (ws, duc, minute, extra = {}) =>
  ws.openComplaint({ customer: duc, channel: "phone", subject: "Giao hàng trễ", ...extra }, { at: at(minute) });

test("open: state new, defaults, receivedAt, the created event and the id", () => {
  const { ws, lan, duc } = setup();
  const id = ws.openComplaint(
    {
      customer: duc,
      channel: "email",
      subject: "  Giao hàng trễ ",
      description: "Đơn #123 trễ 5 ngày",
      category: "delivery",
      priority: "high",
      assignee: lan,
      team: "care",
      tags: ["vip", "late", "vip"],
      receivedAt: "2026-11-02T15:50:00+07:00",
    },
    { at: at(10), actor: lan },
  );
  assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  const c = ws.complaint(id);
  assert.deepEqual(c, {
    id,
    customer: duc,
    channel: "email",
    subject: "Giao hàng trễ",
    description: "Đơn #123 trễ 5 ngày",
    category: "delivery",
    priority: "high",
    assignee: lan,
    team: "care",
    tags: ["late", "vip"],
    interactions: [],
    follows: null,
    state: "new",
    escalationLevel: 0,
    receivedAt: "2026-11-02T08:50:00Z",
    createdAt: "2026-11-02T09:10:00Z",
    updatedAt: "2026-11-02T09:10:00Z",
    firstResponseAt: null,
    resolutions: [],
    reopenCount: 0,
    cancelled: null,
    mergedInto: null,
    mergedFrom: [],
    closedAt: null,
    messages: [],
    fired: [],
  });
  const ev = ws.events(ws.seq - 1)[0];
  assert.equal(ev.payload.type, "complaint_opened");
  assert.deepEqual(ev.entity, { kind: "complaint", id });
  assert.deepEqual(ev.actor, { kind: "agent", id: lan });
  assert.equal(ev.payload.receivedAt, "2026-11-02T08:50:00Z");
  // Defaults: normal priority, received at opts.at.
  const d = ws.complaint(open(ws, duc, 11));
  assert.equal(d.priority, "normal");
  assert.equal(d.receivedAt, at(11).toISOString().replace(".000Z", "Z"));
  assert.equal(ws.complaintCount, 2);
  assert.deepEqual(ws.complaintsOf(duc).map((x) => x.id), [id, d.id]);
  // A given id is used, and must be unused.
  const mine = "00000000-0000-7000-8000-000000000d01";
  assert.equal(open(ws, duc, 12, { id: mine }), mine);
  throwsCode(() => open(ws, duc, 13, { id: mine }), "conflict", { field: "id", holderEntity: "complaint", holder: mine });
});

test("the first human public response opens a new complaint; automated acks and internal notes do not count", () => {
  const { ws, lan, duc } = setup();
  const id = open(ws, duc, 10);
  ws.respondToComplaint({ complaint: id, body: "Chúng tôi đã nhận được phản ánh", automated: true }, { at: at(11) });
  ws.respondToComplaint({ complaint: id, agent: lan, body: "check the courier", public: false }, { at: at(12) });
  let c = ws.complaint(id);
  assert.equal(c.state, "new");
  assert.equal(c.firstResponseAt, null);
  assert.equal(c.messages.length, 2);
  assert.deepEqual(
    c.messages.map((m) => [m.author, m.agent, m.public, m.automated]),
    [
      ["agent", null, true, true],
      ["agent", lan, false, false],
    ],
  );

  // A person's response without its agent is refused; the actor is its agent.
  const e = refused(ws, () => ws.respondToComplaint({ complaint: id, body: "hi" }, { at: at(13) }), "invalid_input");
  assert.equal(e.details.field, "agent");

  const seq = ws.seq;
  ws.respondToComplaint({ complaint: id, body: "Dạ em xin lỗi anh", occurredAt: at(19) }, { at: at(20), actor: lan });
  assert.equal(ws.seq, seq + 2, "the message and the move to open");
  c = ws.complaint(id);
  assert.equal(c.state, "open");
  assert.equal(c.firstResponseAt, "2026-11-02T09:19:00Z");
  assert.deepEqual(c.messages[2], {
    seq: seq + 1,
    author: "agent",
    agent: lan,
    channel: "phone",
    public: true,
    automated: false,
    body: "Dạ em xin lỗi anh",
    occurredAt: "2026-11-02T09:19:00Z",
  });
  assert.deepEqual(ws.events(seq).map((ev) => ev.payload.type), ["complaint_message_added", "complaint_state_changed"]);
  assert.deepEqual(ws.events(seq)[1].payload, { type: "complaint_state_changed", from: "new", to: "open", reason: "first response" });

  // History: every event about the complaint, shaped like events().
  const history = ws.complaintHistory(id);
  assert.deepEqual(history.map((ev) => ev.payload.type), [
    "complaint_opened",
    "complaint_message_added",
    "complaint_message_added",
    "complaint_message_added",
    "complaint_state_changed",
  ]);
  const all = ws.events();
  for (const ev of history) assert.deepEqual(ev, all[ev.seq - 1]);
  throwsCode(() => ws.complaintHistory(UNKNOWN_ID), "not_found", { entity: "complaint" });
});

test("an invalid transition is invalid_transition naming the current state and the allowed actions", () => {
  const { ws, duc } = setup();
  const id = open(ws, duc, 10);
  const e = refused(ws, () => ws.reopenComplaint({ complaint: id }, { at: at(11) }), "invalid_transition");
  assert.equal(e.details.entity, "complaint");
  assert.equal(e.details.id, id);
  assert.equal(e.details.current, "new");
  assert.deepEqual(e.details.allowed, ["open", "in_progress", "waiting_on_customer", "resolve", "cancel", "merge"]);
  assert.match(e.message, /new/);

  ws.changeComplaintState({ complaint: id, to: "in_progress", reason: "looking" }, { at: at(12) });
  const same = refused(ws, () => ws.changeComplaintState({ complaint: id, to: "in_progress" }, { at: at(13) }), "invalid_transition");
  assert.equal(same.details.current, "in_progress");
  assert.deepEqual(same.details.allowed, ["open", "waiting_on_customer", "resolve", "cancel", "merge"]);
  // Final and non-working targets have their own methods.
  for (const to of ["resolved", "closed", "cancelled", "merged", "new"]) {
    const bad = refused(ws, () => ws.changeComplaintState({ complaint: id, to }, { at: at(13) }), "invalid_input");
    assert.equal(bad.details.field, "to", to);
  }
  refused(ws, () => ws.changeComplaintState({ complaint: id, to: "done" }, { at: at(13) }), "invalid_input");
  refused(ws, () => ws.closeComplaint({ complaint: id }, { at: at(13) }), "invalid_transition");
  throwsCode(() => ws.closeComplaint({ complaint: UNKNOWN_ID }, { at: at(13) }), "not_found", { entity: "complaint", id: UNKNOWN_ID });
});

test("resolve with compensation, reopen within the window, resolve again, close for good, follow up", () => {
  const { ws, duc, lan } = setup();
  const id = open(ws, duc, 10);
  ws.resolveComplaint(
    {
      complaint: id,
      category: "refunded",
      note: "Hoàn tiền phí giao hàng",
      compensation: [
        { kind: "refund", value: { amountMinor: 30_000, currency: "vnd" } },
        { kind: "voucher", value: { amountMinor: 50_000n, currency: "VND" }, note: "GIAM50K" },
      ],
    },
    { at: at(60), actor: lan },
  );
  let c = ws.complaint(id);
  assert.equal(c.state, "resolved");
  assert.deepEqual(c.resolutions, [
    {
      category: "refunded",
      note: "Hoàn tiền phí giao hàng",
      compensation: [
        { kind: "refund", value: { amountMinor: 30_000, currency: "VND" } },
        { kind: "voucher", value: { amountMinor: 50_000, currency: "VND" }, note: "GIAM50K" },
      ],
      at: "2026-11-02T10:00:00Z",
      by: { kind: "agent", id: lan },
    },
  ]);

  ws.reopenComplaint({ complaint: id, reason: "still late" }, { at: at(120) });
  c = ws.complaint(id);
  assert.equal(c.state, "open");
  assert.equal(c.reopenCount, 1);
  ws.resolveComplaint({ complaint: id, category: "explained" }, { at: at(180) });
  assert.equal(ws.complaint(id).resolutions.length, 2);
  assert.deepEqual(ws.complaint(id).resolutions[1].compensation, []);

  // After the window (168 h by default) it can only be closed.
  const late = 180 + 169 * 60;
  const e = refused(ws, () => ws.reopenComplaint({ complaint: id }, { at: at(late) }), "invalid_transition");
  assert.equal(e.details.current, "resolved");
  assert.deepEqual(e.details.allowed, ["close"]);
  assert.match(e.details.action, /reopen window ended/);

  ws.closeComplaint({ complaint: id }, { at: at(late) });
  c = ws.complaint(id);
  assert.equal(c.state, "closed");
  assert.equal(c.closedAt, at(late).toISOString().replace(".000Z", "Z"));
  const closed = refused(ws, () => ws.reopenComplaint({ complaint: id }, { at: at(late + 1) }), "invalid_transition");
  assert.equal(closed.details.current, "closed");
  assert.deepEqual(closed.details.allowed, []);
  refused(ws, () => ws.respondToComplaint({ complaint: id, agent: lan, body: "x" }, { at: at(late + 1) }), "invalid_transition");

  const next = open(ws, duc, late + 2, { follows: id, channel: "email" });
  assert.equal(ws.complaint(next).follows, id);
  assert.ok(Workspace.importLog(ws.exportLog()).equals(ws));
});

test("the reopen window and auto-close are configurable", () => {
  const { ws, duc } = setup();
  assert.deepEqual(ws.complaintSettings(), { reopenWindowHours: 168, autoCloseAfterHours: 168 });
  ws.configureComplaints({ reopenWindowHours: 1 }, { at: at() });
  assert.deepEqual(ws.complaintSettings(), { reopenWindowHours: 1, autoCloseAfterHours: 168 });
  assert.deepEqual(ws.events(ws.seq - 1)[0].payload, {
    type: "complaint_settings_changed",
    settings: { reopenWindowHours: 1, autoCloseAfterHours: 168 },
  });
  const seq = ws.seq;
  ws.configureComplaints({ reopenWindowHours: 1, autoCloseAfterHours: null }, { at: at() });
  assert.equal(ws.seq, seq, "unchanged settings: no event");
  const id = open(ws, duc, 10);
  ws.resolveComplaint({ complaint: id, category: "fixed" }, { at: at(20) });
  refused(ws, () => ws.reopenComplaint({ complaint: id }, { at: at(81) }), "invalid_transition");
  ws.reopenComplaint({ complaint: id }, { at: at(80) });
  for (const [input, field] of [
    [{ reopenWindowHours: -1 }, "reopenWindowHours"],
    [{ autoCloseAfterHours: 1e9 }, "autoCloseAfterHours"],
    [{ reopenWindowHours: 2.5 }, "reopenWindowHours"],
    [{ reopenWindow: 2 }, "reopenWindow"],
  ]) {
    const e = refused(ws, () => ws.configureComplaints(input, { at: at(90) }), "invalid_input");
    assert.equal(e.details.field, field, JSON.stringify(input));
  }
});

test("waiting on the customer resumes the working state when they answer", () => {
  const { ws, duc } = setup();
  const id = open(ws, duc, 10);
  const call = ws.logInteraction({ customer: duc, channel: "sms" }, { at: at(29) });
  ws.changeComplaintState({ complaint: id, to: "in_progress" }, { at: at(11) });
  ws.changeComplaintState({ complaint: id, to: "waiting_on_customer", reason: "serial number?" }, { at: at(12) });
  assert.equal(ws.complaint(id).state, "waiting_on_customer");
  const seq = ws.seq;
  ws.addCustomerMessage({ complaint: id, channel: "sms", body: "Số serial là 123", interaction: call }, { at: at(30) });
  assert.equal(ws.seq, seq + 2);
  const c = ws.complaint(id);
  assert.equal(c.state, "in_progress");
  assert.deepEqual(c.interactions, [call]);
  assert.deepEqual(c.messages.at(-1), {
    seq: seq + 1,
    author: "customer",
    agent: null,
    channel: "sms",
    public: true,
    automated: false,
    body: "Số serial là 123",
    occurredAt: "2026-11-02T09:30:00Z",
  });
  assert.deepEqual(ws.events(seq)[1].payload, { type: "complaint_state_changed", from: "waiting_on_customer", to: "in_progress", reason: "customer replied" });
});

test("links interactions of the same customer only", () => {
  const { ws, duc } = setup();
  const id = open(ws, duc, 10);
  const chat = ws.logInteraction({ customer: duc, channel: "live_chat" }, { at: at(11) });
  ws.linkInteraction({ complaint: id, interaction: chat }, { at: at(12) });
  const seq = ws.seq;
  ws.linkInteraction({ complaint: id, interaction: chat }, { at: at(13) });
  assert.equal(ws.seq, seq, "already linked: no event");
  assert.deepEqual(ws.complaint(id).interactions, [chat]);
  const other = ws.registerCustomer({ fullName: "Trần Thị B" }, { at: at(14) });
  const theirs = ws.logInteraction({ customer: other, channel: "phone" }, { at: at(14) });
  const e = refused(ws, () => ws.linkInteraction({ complaint: id, interaction: theirs }, { at: at(15) }), "invalid_input");
  assert.equal(e.details.field, "interaction");
  refused(ws, () => ws.linkInteraction({ complaint: id, interaction: UNKNOWN_ID }, { at: at(15) }), "not_found");
  refused(ws, () => open(ws, duc, 16, { interactions: [theirs] }), "invalid_input");
});

test("update records only real changes; null clears; assign and unassign", () => {
  const { ws, lan, minh, duc } = setup();
  const id = open(ws, duc, 10, { description: "x", category: "delivery", tags: ["a"] });
  let seq = ws.seq;
  ws.updateComplaint({ complaint: id, subject: "Giao hàng trễ", category: "delivery" }, { at: at(11) });
  assert.equal(ws.seq, seq, "nothing changed");
  ws.updateComplaint({ complaint: id, description: null, priority: "urgent", tags: ["b", "a"], subject: null }, { at: at(12) });
  assert.deepEqual(ws.events(seq)[0].payload, {
    type: "complaint_updated",
    changes: { description: null, priority: "urgent", tags: ["a", "b"] },
  });
  let c = ws.complaint(id);
  assert.equal(c.description, null);
  assert.equal(c.priority, "urgent");
  assert.equal(c.subject, "Giao hàng trễ");

  ws.assignComplaint({ complaint: id, assignee: lan, team: "care" }, { at: at(13) });
  c = ws.complaint(id);
  assert.deepEqual([c.assignee, c.team], [lan, "care"]);
  seq = ws.seq;
  ws.assignComplaint({ complaint: id }, { at: at(14) });
  assert.equal(ws.seq, seq, "absent: unchanged");
  ws.assignComplaint({ complaint: id, assignee: null }, { at: at(15) });
  c = ws.complaint(id);
  assert.deepEqual([c.assignee, c.team], [null, "care"]);
  assert.deepEqual(ws.events(seq)[0].payload, { type: "complaint_assigned", assignee: null, team: "care" });
  ws.updateAgent({ agent: minh, active: false }, { at: at(16) });
  const e = refused(ws, () => ws.assignComplaint({ complaint: id, assignee: minh }, { at: at(17) }), "invalid_input");
  assert.equal(e.details.field, "assignee");
  refused(ws, () => ws.assignComplaint({ complaint: id, assignee: UNKNOWN_ID }, { at: at(17) }), "not_found");
  refused(ws, () => ws.updateComplaint({ complaint: id, subject: "  " }, { at: at(17) }), "invalid_input");
  refused(ws, () => ws.updateComplaint({ complaint: id, priority: "asap" }, { at: at(17) }), "invalid_input");
});

test("cancel and merge", () => {
  const { ws, duc } = setup();
  const a = open(ws, duc, 10, { subject: "A" });
  const b = open(ws, duc, 11, { subject: "B" });
  const spam = open(ws, duc, 12, { subject: "S" });
  const e = refused(ws, () => ws.cancelComplaint({ complaint: spam, reason: "other" }, { at: at(13) }), "invalid_input");
  assert.equal(e.details.field, "note");
  refused(ws, () => ws.cancelComplaint({ complaint: spam, reason: "bored" }, { at: at(13) }), "invalid_input");
  ws.cancelComplaint({ complaint: spam, reason: "spam" }, { at: at(13) });
  assert.equal(ws.complaint(spam).state, "cancelled");
  assert.deepEqual(ws.complaint(spam).cancelled, { reason: "spam", note: null });
  const done = refused(ws, () => ws.cancelComplaint({ complaint: spam, reason: "spam" }, { at: at(14) }), "invalid_transition");
  assert.equal(done.details.current, "cancelled");
  assert.deepEqual(done.details.allowed, []);

  const self = refused(ws, () => ws.mergeComplaint({ complaint: a, into: a }, { at: at(14) }), "invalid_input");
  assert.equal(self.details.field, "into");
  const final = refused(ws, () => ws.mergeComplaint({ complaint: a, into: spam }, { at: at(14) }), "invalid_transition");
  assert.equal(final.details.id, spam);
  ws.mergeComplaint({ complaint: b, into: a }, { at: at(14) });
  assert.equal(ws.complaint(b).state, "merged");
  assert.equal(ws.complaint(b).mergedInto, a);
  assert.deepEqual(ws.complaint(a).mergedFrom, [b]);
  // The merge shows in both histories.
  assert.equal(ws.complaintHistory(a).at(-1).payload.type, "complaint_merged");
  assert.deepEqual(ws.complaintHistory(b).at(-1).payload, { type: "complaint_merged", from: "new", into: a });

  const other = ws.registerCustomer({ fullName: "Trần Thị B" }, { at: at(15) });
  const o = ws.openComplaint({ customer: other, channel: "web", subject: "C" }, { at: at(16) });
  const cross = refused(ws, () => ws.mergeComplaint({ complaint: o, into: a }, { at: at(17) }), "invalid_input");
  assert.equal(cross.details.field, "into");
});

test("escalate raises the level, may reassign, and says why", () => {
  const { ws, minh, duc } = setup();
  const id = open(ws, duc, 10);
  ws.escalateComplaint({ complaint: id, reason: "angry customer" }, { at: at(11) });
  assert.equal(ws.complaint(id).escalationLevel, 1);
  assert.deepEqual(ws.events(ws.seq - 1)[0].payload, { type: "complaint_escalated", fromLevel: 0, toLevel: 1, reason: "angry customer" });
  for (const [input, field] of [
    [{ complaint: id, level: 1, reason: "again" }, "level"],
    [{ complaint: id, level: 10, reason: "too far" }, "level"],
    [{ complaint: id, level: 2, reason: " " }, "reason"],
    [{ complaint: id, level: 2 }, "reason"],
    [{ complaint: id, level: -1, reason: "x" }, "level"],
    [{ complaint: id, reason: "x", reassign: minh }, "reassign"],
  ]) {
    const e = refused(ws, () => ws.escalateComplaint(input, { at: at(12) }), "invalid_input");
    assert.equal(e.details.field, field, JSON.stringify(input));
  }
  ws.escalateComplaint({ complaint: id, level: 3, reassignTo: minh, team: "supervisors", reason: "needs a supervisor" }, { at: at(13) });
  const c = ws.complaint(id);
  assert.equal(c.escalationLevel, 3);
  assert.equal(c.assignee, minh);
  assert.equal(c.team, "supervisors");
});

test("bad input changes nothing", () => {
  const { ws, duc } = setup();
  const id = open(ws, duc, 10);
  const cases = [
    [() => ws.resolveComplaint({ complaint: id, category: "refunded", compensation: [{ kind: "voucher", value: { amountMinor: -1, currency: "VND" } }] }, { at: at(20) }), "invalid_input", "compensation[0].value.amountMinor"],
    [() => ws.resolveComplaint({ complaint: id, category: "refunded", compensation: [{ kind: "refund", value: { amountMinor: 1, currency: "dong" } }] }, { at: at(20) }), "invalid_input", "compensation[0].value.currency"],
    [() => ws.resolveComplaint({ complaint: id, category: "refunded", compensation: [{ kind: "cash", value: { amountMinor: 1, currency: "VND" } }] }, { at: at(20) }), "invalid_input", "compensation[0].kind"],
    [() => ws.resolveComplaint({ complaint: id }, { at: at(20) }), "invalid_input", "category"],
    [() => open(ws, duc, 20, { subject: "  " }), "invalid_input", "subject"],
    [() => open(ws, duc, 20, { channel: "fax" }), "invalid_input", "channel"],
    [() => open(ws, duc, 20, { receivedAt: at(60) }), "invalid_input", "receivedAt"],
    [() => open(ws, duc, 20, { receivedAt: "yesterday" }), "invalid_input", "receivedAt"],
    [() => open(ws, duc, 20, { priority: "critical" }), "invalid_input", "priority"],
    [() => open(ws, duc, 20, { subjct: "x" }), "invalid_input", "subjct"],
    [() => open(ws, duc, 20, { customer: UNKNOWN_ID }), "not_found", null],
    [() => open(ws, duc, 20, { follows: UNKNOWN_ID }), "not_found", null],
    [() => ws.addCustomerMessage({ complaint: id, body: "early", occurredAt: at(5) }, { at: at(20) }), "invalid_input", "occurredAt"],
    [() => ws.addCustomerMessage({ complaint: id, body: "future", occurredAt: at(60) }, { at: at(20) }), "invalid_input", "occurredAt"],
    [() => ws.addCustomerMessage({ complaint: id, body: "   " }, { at: at(20) }), "invalid_input", "body"],
    [() => ws.addCustomerMessage({ complaint: "nope", body: "x" }, { at: at(20) }), "invalid_input", "complaint"],
    [() => ws.closeComplaint({ complaint: UNKNOWN_ID }, { at: at(20) }), "not_found", null],
    [() => ws.closeComplaint(null, { at: at(20) }), "invalid_input", "input"],
    [() => ws.closeComplaint({ complaint: id }, { at: "2026-11-02" }), "invalid_input", "at"],
  ];
  for (const [fn, code, field] of cases) {
    const e = refused(ws, fn, code);
    if (field !== null) assert.equal(e.details.field, field, e.message);
  }
  ws.archiveCustomer({ customer: duc }, { at: at(30) });
  const archived = refused(ws, () => open(ws, duc, 31), "invalid_transition");
  assert.deepEqual(archived.details.allowed, ["restore", "record consent"]);
});

test("queue views: filter, sort, page with next", () => {
  const { ws, lan, duc } = setup();
  const priorities = ["low", "urgent", "normal", "high", "urgent"];
  const ids = priorities.map((priority, i) =>
    ws.openComplaint(
      {
        customer: duc,
        channel: "email",
        subject: `c${i}`,
        priority,
        assignee: i % 2 === 0 ? lan : null,
        team: i < 3 ? "care" : "billing",
        receivedAt: at(i * 10),
      },
      { at: at(100) },
    ),
  );
  ws.resolveComplaint({ complaint: ids[4], category: "fixed" }, { at: at(110) });
  const list = (filter, sort, page) => ws.listComplaints(filter, sort, page).items.map((c) => c.id);
  assert.deepEqual(list(), ids.slice(0, 4));
  assert.deepEqual(list({}, "oldest"), ids.slice(0, 4));
  assert.deepEqual(list(null, "priority"), [ids[1], ids[3], ids[2], ids[0]]);
  assert.deepEqual(list(undefined, "newest"), [ids[3], ids[2], ids[1], ids[0]]);
  assert.deepEqual(list({ team: "billing", states: ["resolved", "new"] }), [ids[3], ids[4]]);
  assert.deepEqual(list({ unassigned: true }), [ids[1], ids[3]]);
  assert.deepEqual(list({ priorities: ["urgent", "high"] }, "priority"), [ids[1], ids[3]]);
  assert.deepEqual(list({ receivedBefore: at(15) }), [ids[0], ids[1]]);
  assert.deepEqual(list({ receivedAfter: "2026-11-02T09:20:00Z", customer: duc }), [ids[2], ids[3]]);
  assert.deepEqual(list({ states: ["closed"] }), []);

  // Paging through the agent's queue one at a time.
  const mine = { assignee: lan };
  const p1 = ws.listComplaints(mine, undefined, { limit: 1 });
  assert.deepEqual(p1.items.map((c) => c.id), [ids[0]]);
  assert.equal(p1.next, ids[0]);
  const p2 = ws.listComplaints(mine, "oldest", { after: p1.next, limit: 1 });
  assert.deepEqual(p2.items.map((c) => c.id), [ids[2]]);
  assert.equal(p2.next, null);
  // Every page of the whole queue, by priority, two at a time.
  const seen = [];
  let after = null;
  do {
    const page = ws.listComplaints({ states: [] }, "priority", { after, limit: 2 });
    seen.push(...page.items.map((c) => c.id));
    after = page.next;
  } while (after !== null);
  assert.deepEqual(seen, [ids[1], ids[3], ids[2], ids[0]]);

  throwsCode(() => ws.listComplaints({}, "urgent-first"), "invalid_input", { field: "sort" });
  throwsCode(() => ws.listComplaints({}, undefined, { limit: 0 }), "invalid_input", { field: "limit" });
  throwsCode(() => ws.listComplaints({}, undefined, { limit: 1001 }), "invalid_input", { field: "limit" });
  throwsCode(() => ws.listComplaints({}, undefined, { after: ids[4] }), "invalid_input", { field: "after" });
  throwsCode(() => ws.listComplaints({ states: ["lost"] }), "invalid_input", { field: "states[0]" });
  throwsCode(() => ws.listComplaints({ assigne: lan }), "invalid_input", { field: "assigne" });
  throwsCode(() => ws.listComplaints("open"), "invalid_input", { field: "filter" });
  throwsCode(() => ws.complaintsOf(UNKNOWN_ID), "not_found", { entity: "customer" });
});

test("execute accepts every complaint and SLA command, camelCase keys", () => {
  const { ws, lan, minh, duc } = setup();
  const run = (command, minute) => ws.execute(command, { at: at(minute) });
  run({ type: "configure_complaints", reopenWindowHours: 48, autoCloseAfterHours: 24 }, 0);
  run({ type: "define_calendar", key: "office", calendar: { timeZone: "Asia/Ho_Chi_Minh", alwaysOpen: true } }, 0);
  run({ type: "define_calendar", key: "spare", calendar: { timeZone: "UTC", alwaysOpen: true } }, 0);
  run({ type: "remove_calendar", key: "spare" }, 0);
  run({ type: "define_sla_policy", key: "std", calendar: "office", targets: { firstResponseMinutes: 60, resolutionMinutes: 600 }, warnBeforeMinutes: 10 }, 0);
  run({ type: "define_sla_policy", key: "tmp", calendar: "office", targets: { resolutionMinutes: 5 } }, 0);
  run({ type: "remove_sla_policy", key: "tmp" }, 0);
  const out = run({ type: "open_complaint", customer: duc, channel: "live_chat", subject: "Hỏng hàng", receivedAt: at(1) }, 1);
  assert.equal(out.created.kind, "complaint");
  assert.equal(out.events, 1);
  const id = out.created.id;
  const b = run({ type: "open_complaint", customer: duc, channel: "web", subject: "dup" }, 1).created.id;
  const chat = ws.logInteraction({ customer: duc, channel: "live_chat" }, { at: at(2) });
  run({ type: "update_complaint", complaint: id, category: "product" }, 2);
  run({ type: "assign_complaint", complaint: id, assignee: lan, team: "care" }, 3);
  run({ type: "respond_to_complaint", complaint: id, agent: lan, body: "Xin lỗi anh", occurredAt: at(3) }, 4);
  run({ type: "change_complaint_state", complaint: id, to: "waiting_on_customer" }, 5);
  run({ type: "add_customer_message", complaint: id, body: "Đây ạ", interaction: chat }, 6);
  run({ type: "link_interaction", complaint: b, interaction: chat }, 6);
  run({ type: "escalate_complaint", complaint: id, reassignTo: minh, reason: "VIP" }, 7);
  run({ type: "merge_complaint", complaint: b, into: id }, 8);
  run({ type: "resolve_complaint", complaint: id, category: "replaced", compensation: [{ kind: "replacement", value: { amountMinor: 0, currency: "VND" } }] }, 9);
  run({ type: "reopen_complaint", complaint: id, reason: "still broken" }, 10);
  run({ type: "resolve_complaint", complaint: id, category: "refunded" }, 11);
  run({ type: "close_complaint", complaint: id }, 12);
  const c3 = run({ type: "open_complaint", customer: duc, channel: "phone", subject: "spam" }, 13).created.id;
  run({ type: "cancel_complaint", complaint: c3, reason: "other", note: "test call" }, 14);
  const c4 = run({ type: "open_complaint", customer: duc, channel: "phone", subject: "late", priority: "urgent" }, 15).created.id;
  assert.equal(run({ type: "tick" }, 60 * 24).events, 0, "no escalation rules and nothing resolved");
  assert.equal(ws.tick({ at: at(15 + 50) }), 0);

  const c = ws.complaint(id);
  assert.deepEqual([c.state, c.escalationLevel, c.assignee, c.reopenCount, c.mergedFrom], ["closed", 1, minh, 1, [b]]);
  assert.deepEqual(ws.complaint(c3).cancelled, { reason: "other", note: "test call" });
  assert.equal(ws.slaStatus(c4, at(15 + 55)).metrics[0].state, "warning");
  assert.deepEqual(ws.complaintsAtRisk(at(15 + 55)).map((x) => [x.complaint, x.metric, x.state, x.priority]), [[c4, "first_response", "warning", "urgent"]]);
  assert.deepEqual(ws.complaintSettings(), { reopenWindowHours: 48, autoCloseAfterHours: 24 });
  assert.deepEqual(ws.calendarKeys(), ["office"]);
  assert.deepEqual(ws.slaPolicies().map((p) => p.key), ["std"]);
  // Every event type of the area went through.
  const types = new Set(ws.events().map((e) => e.payload.type));
  for (const t of [
    "complaint_settings_changed", "calendar_defined", "calendar_removed", "sla_policy_defined", "sla_policy_removed",
    "complaint_opened", "complaint_updated", "complaint_assigned", "complaint_state_changed", "complaint_message_added",
    "complaint_interaction_linked", "complaint_escalated", "complaint_merged", "complaint_resolved", "complaint_reopened",
    "complaint_closed", "complaint_cancelled",
  ]) {
    assert.ok(types.has(t), t);
  }
  // Unknown keys are refused, named as written.
  refused(ws, () => ws.execute({ type: "open_complaint", customer: duc, channel: "web", subject: "x", recievedAt: at(1) }), "invalid_input");
  throwsCode(() => ws.execute({ type: "open_complaint", customer: duc, channel: "web", subject: "x", recievedAt: at(1) }), "invalid_input", { field: "recievedAt" });
  throwsCode(() => ws.execute({ type: "define_sla_policy", key: "k", calendar: "office", targets: { resolutionMinutes: 0 } }), "invalid_input", { field: "targets.resolutionMinutes" });
  throwsCode(() => ws.execute({ type: "close_ticket", complaint: id }), "invalid_input", { field: "type" });
  throwsCode(() => ws.execute({ type: "tick", now: at() }), "invalid_input");
  const e = throwsCode(() => ws.execute({ type: "reopen_complaint", complaint: id }, { at: at(20) }), "invalid_transition");
  assert.equal(e.details.current, "closed");

  const copy = Workspace.importLog(ws.exportLog(), 3);
  assert.ok(copy.equals(ws));
  assert.deepEqual(copy.complaint(id), c);
  assert.deepEqual(copy.slaStatus(c4, at(70)), ws.slaStatus(c4, at(70)));
});
