// The workspace: options, command options (at, actor), the event log,
// export/import, corrupt logs, the generic execute, agents and the error shape.
"use strict";
const { test } = require("node:test");
const assert = require("node:assert/strict");
const { cc, T0, at, UNKNOWN_ID, fresh, throwsCode, unchanged } = require("./helpers.cjs");
const { Workspace } = cc;

function script(ws) {
  const mai = ws.registerAgent({ name: "Trần Thị Mai", team: "care", email: "Mai@Shop.VN" }, { at: at() });
  const duc = ws.registerCustomer({ fullName: "Nguyễn Văn Đức", phones: ["0901234567"], tags: ["vip"], owner: mai }, { at: at(1), actor: mai });
  ws.logInteraction({ customer: duc, channel: "live_chat", summary: "Hỏi về bảo hành" }, { at: at(2), actor: mai });
  ws.changeLifecycle({ customer: duc, to: "customer" }, { at: at(3) });
  return { mai, duc };
}

test("the same seed and commands give the same log; seeds may be bigint", () => {
  const a = fresh(42);
  const b = fresh(42);
  script(a);
  script(b);
  assert.equal(a.exportLog(), b.exportLog());
  assert.ok(a.equals(b));
  const c = new Workspace({ defaultRegion: "VN", seed: 42n, at: T0 });
  script(c);
  assert.equal(c.exportLog(), a.exportLog());
  const d = fresh(43);
  script(d);
  assert.notEqual(d.exportLog(), a.exportLog());
  assert.equal(d.equals(a), false);
  new Workspace({ seed: 2n ** 64n - 1n });
  throwsCode(() => new Workspace({ seed: -1 }), "invalid_input", { field: "seed" });
  throwsCode(() => new Workspace({ seed: 1.5 }), "invalid_input", { field: "seed" });
  throwsCode(() => new Workspace({ seed: 2n ** 64n }), "invalid_input", { field: "seed" });
  throwsCode(() => new Workspace({ seed: "42" }), "invalid_input", { field: "seed" });
  throwsCode(() => new Workspace({ defaultRegion: "Atlantis" }), "invalid_input", { field: "defaultRegion" });
  throwsCode(() => new Workspace({ region: "VN" }), "invalid_input", { field: "region" });
  throwsCode(() => new Workspace(7), "invalid_input", { field: "options" });
  // Without a seed, ids are random.
  const r1 = new Workspace().registerCustomer({ fullName: "A" }, { at: T0 });
  const r2 = new Workspace().registerCustomer({ fullName: "A" }, { at: T0 });
  assert.notEqual(r1, r2);
});

test("workspace options and configure", () => {
  const ws = new Workspace({ seed: 1 });
  assert.equal(ws.seq, 0);
  assert.equal(ws.defaultRegion, null);
  throwsCode(() => ws.registerCustomer({ fullName: "A", phones: ["0901234567"] }), "invalid_input", { field: "phone" });
  ws.configure("vn", { at: T0 });
  assert.equal(ws.defaultRegion, "VN");
  assert.deepEqual(ws.events()[0].payload, { type: "workspace_configured", defaultRegion: "VN" });
  assert.deepEqual(ws.events()[0].entity, { kind: "workspace" });
  assert.deepEqual(ws.events()[0].actor, { kind: "system" });
  ws.configure("VN", { at: T0 });
  assert.equal(ws.seq, 1, "unchanged setting: no event");
  ws.configure(null, { at: T0 });
  assert.equal(ws.defaultRegion, null);
  throwsCode(() => ws.configure(), "invalid_input", { field: "defaultRegion" });
  throwsCode(() => ws.configure("XX"), "invalid_input", { field: "defaultRegion" });
  const w2 = new Workspace({ defaultRegion: "VN", seed: 1, at: "2026-11-02T16:00:00+07:00" });
  assert.equal(w2.events()[0].at, "2026-11-02T09:00:00Z");
});

test("opts.at: Date or ISO string with offset; anything else is invalid_input naming at", () => {
  const ws = fresh();
  const a = ws.registerCustomer({ fullName: "A" }, { at: "2026-11-02T16:30:00+07:00" });
  assert.equal(ws.customer(a).createdAt, "2026-11-02T09:30:00Z");
  const b = ws.registerCustomer({ fullName: "B" }, { at: new Date("2026-11-02T09:45:00.250Z") });
  assert.equal(ws.customer(b).createdAt, "2026-11-02T09:45:00.250Z");
  const before = Date.now();
  const c = ws.registerCustomer({ fullName: "C" });
  const created = Date.parse(ws.customer(c).createdAt);
  assert.ok(created >= before - 1000 && created <= Date.now() + 1000, "at defaults to now");
  for (const bad of [new Date("nope"), "2026-11-02T09:00:00", "2026-11-02", "yesterday", 1767000000000, true, {}, []]) {
    const e = unchanged(ws, () => ws.registerCustomer({ fullName: "D" }, { at: bad }), "invalid_input");
    assert.equal(e.details.field, "at", String(bad));
  }
  throwsCode(() => ws.registerCustomer({ fullName: "D" }, { at: "1960-01-01T00:00:00Z" }), "invalid_input", { field: "at" });
  throwsCode(() => ws.registerCustomer({ fullName: "D" }, { when: T0 }), "invalid_input", { field: "when" });
  throwsCode(() => ws.registerCustomer({ fullName: "D" }, { at_time: T0 }), "invalid_input", { field: "at_time" });
  throwsCode(() => ws.registerCustomer({ fullName: "D" }, "now"), "invalid_input", { field: "opts" });
  ws.registerCustomer({ fullName: "E" }, null);
  ws.registerCustomer({ fullName: "F" }, { at: undefined, actor: undefined });
});

test("opts.actor: an active agent id", () => {
  const ws = fresh();
  const mai = ws.registerAgent({ name: "Mai" }, { at: T0 });
  ws.registerCustomer({ fullName: "A" }, { at: T0, actor: mai });
  assert.deepEqual(ws.events(ws.seq - 1)[0].actor, { kind: "agent", id: mai });
  throwsCode(() => ws.registerCustomer({ fullName: "B" }, { at: T0, actor: UNKNOWN_ID }), "not_found", { entity: "agent" });
  throwsCode(() => ws.registerCustomer({ fullName: "B" }, { at: T0, actor: "mai" }), "invalid_input", { field: "actor" });
  throwsCode(() => ws.registerCustomer({ fullName: "B" }, { at: T0, actor: 1 }), "invalid_input", { field: "actor" });
  ws.updateAgent({ agent: mai, active: false }, { at: T0 });
  throwsCode(() => ws.registerCustomer({ fullName: "B" }, { at: T0, actor: mai }), "invalid_input", { field: "actor" });
});

test("agents: register, update, list", () => {
  const ws = fresh();
  const mai = ws.registerAgent({ name: "Trần Thị Mai", team: "care", email: "Mai@Shop.VN" }, { at: T0 });
  const lan = ws.registerAgent({ name: "Lan" }, { at: T0 });
  assert.deepEqual(ws.agent(mai), { id: mai, name: "Trần Thị Mai", team: "care", email: "mai@shop.vn", active: true });
  ws.updateAgent({ agent: mai, team: null, name: "Mai" }, { at: at(1) });
  assert.deepEqual(ws.events(ws.seq - 1)[0].payload, { type: "agent_updated", name: "Mai", team: null });
  assert.equal(ws.agent(mai).team, null);
  assert.deepEqual(ws.agents().map((a) => a.id).sort(), [mai, lan].sort());
  throwsCode(() => ws.agent(UNKNOWN_ID), "not_found", { entity: "agent", id: UNKNOWN_ID });
  throwsCode(() => ws.agent("x"), "invalid_input", { field: "id" });
  throwsCode(() => ws.registerAgent({ name: "" }), "invalid_input", { field: "name" });
  throwsCode(() => ws.registerAgent({ name: "X", email: "bad" }), "invalid_input", { field: "email" });
  throwsCode(() => ws.registerAgent({ name: "X", id: mai }), "conflict", { field: "id", holder: mai, holderEntity: "agent" });
  throwsCode(() => ws.updateAgent({ agent: UNKNOWN_ID, name: "X" }), "not_found");
  assert.equal(ws.registerAgent({ name: "Sync", id: UNKNOWN_ID }, { at: T0 }), UNKNOWN_ID);
});

test("unknown ids are not_found; malformed ids are invalid_input", () => {
  const ws = fresh();
  throwsCode(() => ws.customer(UNKNOWN_ID), "not_found", { entity: "customer", id: UNKNOWN_ID });
  throwsCode(() => ws.interaction(UNKNOWN_ID), "not_found", { entity: "interaction" });
  throwsCode(() => ws.interactionsOf(UNKNOWN_ID), "not_found");
  throwsCode(() => ws.timeline(UNKNOWN_ID), "not_found");
  throwsCode(() => ws.hasConsent(UNKNOWN_ID, "email", "service"), "not_found");
  unchanged(ws, () => ws.archiveCustomer({ customer: UNKNOWN_ID }), "not_found");
  throwsCode(() => ws.customer("not-a-uuid"), "invalid_input", { field: "id" });
  throwsCode(() => ws.customer(), "invalid_input", { field: "id" });
  throwsCode(() => ws.archiveCustomer({ customer: "nope" }), "invalid_input", { field: "customer" });
});

test("a failed command leaves the workspace unchanged", () => {
  const ws = fresh();
  const { duc } = script(ws);
  unchanged(ws, () => ws.registerCustomer({ fullName: "X", phones: ["0901234567"] }), "conflict");
  unchanged(ws, () => ws.changeLifecycle({ customer: duc, to: "customer" }), "invalid_transition");
  unchanged(ws, () => ws.registerCustomers("x"), "invalid_input");
  unchanged(ws, () => ws.execute({ type: "tag_customer", customer: duc, tags: [""] }), "invalid_input");
  unchanged(ws, () => ws.logInteraction({ customer: duc, channel: "social" }), "invalid_input");
  unchanged(ws, () => ws.updateCustomer({ customer: duc, fullName: "Y", timeZone: "Nowhere/City" }), "invalid_input");
  assert.equal(ws.customer(duc).names.full, "Nguyễn Văn Đức");
});

test("events: camelCase JSON, since a sequence number", () => {
  const ws = fresh();
  const { mai, duc } = script(ws);
  const all = ws.events();
  assert.equal(all.length, ws.seq);
  assert.deepEqual(all.map((e) => e.seq), [1, 2, 3, 4, 5]);
  assert.deepEqual(ws.events(3).map((e) => e.seq), [4, 5]);
  assert.deepEqual(ws.events(99), []);
  const reg = all[2];
  assert.deepEqual(Object.keys(reg), ["v", "seq", "id", "at", "actor", "entity", "payload"]);
  assert.equal(reg.at, "2026-11-02T09:01:00Z");
  assert.deepEqual(reg.actor, { kind: "agent", id: mai });
  assert.deepEqual(reg.entity, { kind: "customer", id: duc });
  assert.equal(reg.payload.type, "customer_registered");
  assert.equal(reg.payload.owner, mai);
  const logged = all[3].payload;
  assert.equal(logged.type, "interaction_logged");
  assert.equal(logged.occurredAt, "2026-11-02T09:02:00Z");
  assert.equal("occurred_at" in logged, false);
  throwsCode(() => ws.events(-1), "invalid_input", { field: "since" });
  throwsCode(() => ws.events("1"), "invalid_input", { field: "since" });
});

test("export and import round trip", () => {
  const ws = fresh();
  const { duc } = script(ws);
  const log = ws.exportLog();
  assert.equal(log.split("\n").filter(Boolean).length, ws.seq);
  const copy = Workspace.importLog(log);
  assert.ok(copy.equals(ws));
  assert.ok(ws.equals(copy));
  assert.equal(copy.exportLog(), log);
  assert.deepEqual(copy.customer(duc), ws.customer(duc));
  assert.deepEqual(copy.events(), ws.events());
  // Blank lines and a missing final newline are fine.
  assert.ok(Workspace.importLog("\n" + log.trimEnd().split("\n").join("\n\n"), 5).equals(ws));
  // The copy lives on: new ids do not collide.
  copy.registerCustomer({ fullName: "New" }, { at: at(10) });
  assert.equal(copy.equals(ws), false);
  assert.equal(Workspace.importLog("").seq, 0);
  throwsCode(() => Workspace.importLog(42), "invalid_input", { field: "text" });
  throwsCode(() => Workspace.importLog(log, -5), "invalid_input", { field: "seed" });
});

test("applyLog appends JSON Lines chunks that continue the log", () => {
  const ws = fresh();
  script(ws);
  const lines = ws.exportLog().split("\n").filter(Boolean).map((l) => l + "\n");
  const copy = Workspace.importLog(lines.slice(0, 2).join(""), 5);
  assert.equal(copy.applyLog(lines.slice(2, 4).join("")), 2);
  assert.equal(copy.applyLog(""), 0);
  assert.equal(copy.applyLog(ws.exportLog(4)), lines.length - 4);
  assert.ok(copy.equals(ws));
  assert.equal(ws.exportLog(ws.seq), "");
  assert.equal(ws.exportLog(0), ws.exportLog());
  throwsCode(() => ws.exportLog(-1), "invalid_input", { field: "since" });
  // An unreadable line: nothing of the chunk is applied.
  const part = Workspace.importLog(lines.slice(0, 2).join(""), 5);
  throwsCode(() => part.applyLog(lines[2] + "{not json\n"), "corrupt_log", { line: 2 });
  assert.equal(part.seq, 2);
  // A gap is refused.
  throwsCode(() => part.applyLog(lines.slice(3).join("")), "corrupt_log", { line: 1 });
  assert.equal(part.seq, 2);
  throwsCode(() => part.applyLog(42), "invalid_input", { field: "text" });
});

test("a corrupt log is rejected naming the line", () => {
  const ws = fresh();
  script(ws);
  const lines = ws.exportLog().trimEnd().split("\n");
  const bad = (edit) => {
    const copy = [...lines];
    edit(copy);
    return copy.join("\n") + "\n";
  };
  let e = throwsCode(() => Workspace.importLog(bad((l) => (l[2] = "{not json"))), "corrupt_log", { line: 3, seq: 3 });
  assert.match(e.details.reason, /not a valid event/);
  assert.match(e.message, /line 3/);
  e = throwsCode(() => Workspace.importLog(bad((l) => l.splice(1, 1))), "corrupt_log", { line: 2 });
  assert.match(e.details.reason, /sequence/);
  e = throwsCode(() => Workspace.importLog(bad((l) => l.splice(1, 1, "", "", "[]"))), "corrupt_log", { seq: 2 });
  assert.equal(e.details.line, 4, "blank lines count in line numbers");
  throwsCode(() => Workspace.importLog(bad((l) => (l[3] = l[3].replace('"v":1', '"v":9')))), "corrupt_log", { line: 4 });
  throwsCode(() => Workspace.importLog("garbage"), "corrupt_log", { line: 1 });
});

test("execute runs any command given as data", () => {
  const ws = fresh();
  const out = ws.execute({ type: "register_customer", fullName: "Lê Văn Tám", phones: ["0907777777"] }, { at: at() });
  assert.equal(out.created.kind, "customer");
  assert.equal(out.firstSeq, 2);
  assert.equal(out.events, 1);
  const id = out.created.id;
  assert.equal(ws.customer(id).names.full, "Lê Văn Tám");
  assert.deepEqual(ws.execute({ type: "tag_customer", customer: id, tags: ["a"] }, { at: at(1) }), { created: null, firstSeq: 3, events: 1 });
  assert.deepEqual(ws.execute({ type: "tag_customer", customer: id, tags: ["a"] }, { at: at(2) }), { created: null, firstSeq: 4, events: 0 });
  assert.deepEqual(ws.execute({ type: "untag_customer", customer: id, tags: ["a"] }).events, 1);
  const agent = ws.execute({ type: "register_agent", name: "Mai" }, { at: at(3) });
  assert.equal(agent.created.kind, "agent");
  const call = ws.execute({ type: "log_interaction", customer: id, channel: "phone", occurredAt: at(2), agent: agent.created.id }, { at: at(3) });
  assert.equal(call.created.kind, "interaction");
  assert.equal(ws.interaction(call.created.id).occurredAt, "2026-11-02T09:02:00Z");
  ws.execute({ type: "set_tier", customer: id, tier: "gold" });
  ws.execute({ type: "configure_workspace", defaultRegion: null });
  assert.equal(ws.defaultRegion, null);
  throwsCode(() => ws.execute({ type: "delete_everything" }), "invalid_input", { field: "type" });
  throwsCode(() => ws.execute({ fullName: "X" }), "invalid_input", { field: "type" });
  throwsCode(() => ws.execute("register_customer"), "invalid_input", { field: "command" });
  throwsCode(() => ws.execute({ type: "register_customer" }), "invalid_input", { field: "fullName" });
  throwsCode(() => ws.execute({ type: "register_customer", fullName: "A", tags: ["ok", 1] }), "invalid_input", { field: "tags[1]" });
  throwsCode(() => ws.execute({ type: 7 }), "invalid_input", { field: "type" });
  throwsCode(() => ws.execute({ type: "tag_customer", customer: id, tags: ["x"], extra: 1 }), "invalid_input", { field: "extra" });
  throwsCode(() => ws.execute({ type: "change_lifecycle", customer: id, to: "lead" }), "invalid_transition");
});

test("errors are real Errors with name, code, details and a stack", () => {
  const ws = fresh();
  const e = throwsCode(() => ws.customer(UNKNOWN_ID), "not_found");
  assert.ok(e instanceof Error);
  assert.equal(Object.prototype.toString.call(e), "[object Error]");
  assert.equal(typeof e.stack, "string");
  assert.deepEqual({ ...e.details }, { entity: "customer", id: UNKNOWN_ID });
  assert.match(String(e), /^ClientcareError: customer .* not found/);
  assert.equal(cc.isClientcareError(new Error("x")), false);
  assert.equal(cc.isClientcareError({ name: "ClientcareError", code: "x" }), false);
  assert.equal(cc.isClientcareError(null), false);
  assert.equal(cc.isClientcareError("ClientcareError"), false);
});
