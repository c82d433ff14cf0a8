// The sales and after-sales journey through the JavaScript API, mirroring
// crates/core/tests/journey.rs: the pipeline board and weighted forecast,
// lost reasons and reopening, winning (a purchase, a lead becomes a
// customer), money checks, loyalty and tiers (and `tick` lowering a tier a
// year later), referrals, rotting deals, custom pipelines, after-sales
// playbooks (consent, business days, progress, stop on archive), the generic
// execute for every journey command, and export/import equality.
"use strict";
const { test } = require("node:test");
const assert = require("node:assert/strict");
const { cc, UNKNOWN_ID, throwsCode, unchanged } = require("./helpers.cjs");
const { Workspace } = cc;

// The Rust tests' clock: T0 = 2026-11-02T02:00:00Z, `at(minutes)`.
const T0 = new Date("2026-11-02T02:00:00Z");
const at = (minutes = 0) => new Date(T0.getTime() + minutes * 60_000);
const DAY = 24 * 60;
const iso = (d) => d.toISOString().replace(".000Z", "Z");
const vnd = (amountMinor) => ({ amountMinor, currency: "VND" });
const usd = (amountMinor) => ({ amountMinor, currency: "USD" });

/** The Rust fixture: an agent, and two customers (leads). */
function fx() {
  const ws = new Workspace({ defaultRegion: "VN", seed: 7, at: at(0) });
  const agent = ws.registerAgent({ name: "Bảo", team: "sales" }, { at: at(0) });
  const duc = ws.registerCustomer({ fullName: "Nguyễn Văn Đức", emails: ["duc@x.vn"], phones: ["0901234567"] }, { at: at(1) });
  const mai = ws.registerCustomer({ fullName: "Trần Thị Mai", emails: ["mai@x.vn"], phones: ["0912345678"] }, { at: at(1) });
  return { ws, agent, duc, mai };
}

/** Asserts the call throws `code` and leaves the workspace equal to before; returns the error. */
function refused(ws, fn, code) {
  const before = Workspace.importLog(ws.exportLog());
  const e = unchanged(ws, fn, code);
  assert.ok(ws.equals(before), `${code}: the workspace changed`);
  before.free();
  return e;
}

const mv = (ws, minute, opportunity, stage, lostReason) =>
  ws.moveOpportunity({ opportunity, stage, lostReason }, { at: at(minute) });

function assertReplays(ws) {
  const copy = Workspace.importLog(ws.exportLog(), 1);
  assert.ok(copy.equals(ws), "export/import gives an equal workspace");
  copy.free();
}

test("the default pipeline, its board and the weighted forecast", () => {
  const { ws, agent, duc, mai } = fx();
  const sales = ws.pipeline("sales");
  assert.equal(sales.name, "Sales");
  assert.deepEqual(
    sales.stages.map((s) => [s.key, s.probability, s.kind, s.rotDays ?? null]),
    [
      ["need_identified", 10, "open", 14],
      ["contacted", 20, "open", 14],
      ["qualified", 40, "open", 21],
      ["proposal", 60, "open", 14],
      ["negotiation", 80, "open", 10],
      ["won", 100, "won", null],
      ["lost", 0, "lost", null],
    ],
  );
  assert.deepEqual(sales.lostReasons, ["price", "competitor", "no_budget", "no_need", "timing", "no_response"]);

  const a = ws.openOpportunity(
    { customer: duc, title: "Bàn ghế văn phòng", value: vnd(50_000_000), owner: agent, expectedClose: "2026-12-15", source: { channel: "web", campaign: "tet-2027" } },
    { at: at(10), actor: agent },
  );
  const b = ws.openOpportunity({ customer: mai, title: "Sofa", value: vnd(20_000_000) }, { at: at(11) });
  const c = ws.openOpportunity({ customer: mai, title: "Tủ", value: vnd(10_000_000n) }, { at: at(12) });
  assert.deepEqual(ws.opportunity(a), {
    id: a,
    customer: duc,
    pipeline: "sales",
    title: "Bàn ghế văn phòng",
    value: vnd(50_000_000),
    expectedClose: "2026-12-15",
    source: { channel: "web", campaign: "tet-2027" },
    owner: agent,
    stage: "need_identified",
    status: "open",
    lostReason: null,
    purchase: null,
    reopenCount: 0,
    createdAt: "2026-11-02T02:10:00Z",
    updatedAt: "2026-11-02T02:10:00Z",
    stageEnteredAt: "2026-11-02T02:10:00Z",
    lastActivityAt: "2026-11-02T02:10:00Z",
    closedAt: null,
  });
  const opened = ws.opportunityHistory(a)[0];
  assert.deepEqual(opened.entity, { kind: "opportunity", id: a });
  assert.deepEqual(opened.payload, {
    type: "opportunity_opened",
    customer: duc,
    pipeline: "sales",
    title: "Bàn ghế văn phòng",
    value: vnd(50_000_000),
    expectedClose: "2026-12-15",
    source: { channel: "web", campaign: "tet-2027" },
    owner: agent,
    stage: "need_identified",
  });

  mv(ws, 20, a, "proposal"); // 60 %
  mv(ws, 21, b, "negotiation"); // 80 %
  mv(ws, 22, c, "lost", "price"); // lost counts zero
  const board = ws.pipelineBoard("sales");
  assert.deepEqual(ws.pipelineBoard(), board, "the default pipeline by default");
  assert.equal(board.pipeline, "sales");
  const col = (k) => board.columns.find((x) => x.stage === k);
  assert.deepEqual(col("proposal"), { stage: "proposal", kind: "open", probability: 60, count: 1, value: [vnd(50_000_000)], weighted: [vnd(30_000_000)] });
  assert.deepEqual(col("negotiation").weighted, [vnd(16_000_000)]);
  assert.deepEqual(col("lost"), { stage: "lost", kind: "lost", probability: 0, count: 1, value: [vnd(10_000_000)], weighted: [vnd(0)] });
  assert.deepEqual(col("won"), { stage: "won", kind: "won", probability: 100, count: 0, value: [], weighted: [] });
  // 50M x 60 % + 20M x 80 % = 30M + 16M
  assert.deepEqual(board.forecast, [vnd(46_000_000)]);
  assert.deepEqual(ws.openDeals(agent).map((o) => o.id), [a]);
  throwsCode(() => ws.openDeals(UNKNOWN_ID), "not_found", { entity: "agent" });
  const o = ws.opportunity(c);
  assert.deepEqual([o.status, o.lostReason, o.closedAt], ["lost", "price", "2026-11-02T02:22:00Z"]);
  assert.deepEqual(ws.opportunitiesOf(mai).map((x) => x.id), [b, c]);

  // Sums never mix currencies: one total per currency, sorted by code.
  ws.openOpportunity({ customer: duc, title: "Export", value: usd(1_000_00), stage: "qualified" }, { at: at(23) });
  assert.deepEqual(ws.pipelineBoard().forecast, [usd(40_000), vnd(46_000_000)]);
  throwsCode(() => ws.pipelineBoard("nope"), "not_found", { entity: "pipeline", id: "nope" });
  throwsCode(() => ws.pipeline("nope"), "not_found", { entity: "pipeline" });
  throwsCode(() => ws.opportunity(UNKNOWN_ID), "not_found", { entity: "opportunity" });
  throwsCode(() => ws.opportunityHistory(UNKNOWN_ID), "not_found", { entity: "opportunity" });
  throwsCode(() => ws.opportunitiesOf(UNKNOWN_ID), "not_found", { entity: "customer" });
  assertReplays(ws);
});

test("lost needs a listed reason, stage moves are checked, closed deals only reopen", () => {
  const { ws, duc } = fx();
  const o = ws.openOpportunity({ customer: duc, title: "Giường", value: vnd(9_000_000) }, { at: at(10) });
  for (const [stage, reason, code, field] of [
    ["lost", undefined, "invalid_input", "lostReason"],
    ["lost", "weather", "invalid_input", "lostReason"],
    ["nowhere", undefined, "invalid_input", "stage"],
    ["need_identified", undefined, "invalid_transition", null],
    ["qualified", "price", "invalid_input", "lostReason"],
  ]) {
    const e = refused(ws, () => mv(ws, 11, o, stage, reason), code);
    if (field !== null) assert.equal(e.details.field, field, e.message);
  }
  const same = refused(ws, () => mv(ws, 11, o, "need_identified"), "invalid_transition");
  assert.deepEqual([same.details.entity, same.details.id, same.details.current], ["opportunity", o, "need_identified"]);
  assert.ok(same.details.allowed.includes("won") && !same.details.allowed.includes("need_identified"));
  const lostWithout = refused(ws, () => mv(ws, 11, o, "lost"), "invalid_input");
  assert.match(lostWithout.details.reason, /price, competitor/);

  mv(ws, 12, o, "lost", "competitor");
  // Closed: only a reopen into an open stage.
  const e = refused(ws, () => mv(ws, 13, o, "won"), "invalid_transition");
  assert.equal(e.details.current, "lost (lost)");
  assert.ok(e.details.allowed.length > 0 && e.details.allowed.every((x) => x.endsWith("(reopen)")), e.details.allowed.join());
  mv(ws, 14, o, "negotiation");
  const op = ws.opportunity(o);
  assert.deepEqual([op.status, op.reopenCount, op.lostReason, op.stage, op.closedAt], ["open", 1, null, "negotiation", null]);
  const history = ws.opportunityHistory(o);
  assert.deepEqual(history.map((ev) => ev.payload.type), ["opportunity_opened", "opportunity_moved", "opportunity_moved"]);
  assert.deepEqual(history[1].payload, { type: "opportunity_moved", from: "need_identified", to: "lost", lostReason: "competitor" });
  const all = ws.events();
  for (const ev of history) assert.deepEqual(ev, all[ev.seq - 1]);
});

test("winning records the purchase and makes a lead a customer", () => {
  const { ws, duc, mai } = fx();
  assert.equal(ws.customer(duc).lifecycle, "lead");
  const o = ws.openOpportunity({ customer: duc, title: "Bàn ăn", value: vnd(12_000_000) }, { at: at(10) });
  const seq = ws.seq;
  mv(ws, 20, o, "won");
  assert.deepEqual(ws.events(seq).map((e) => e.payload.type), ["opportunity_moved", "purchase_recorded", "lifecycle_changed"], "moved, purchase, lifecycle");
  const op = ws.opportunity(o);
  assert.equal(op.status, "won");
  assert.equal(op.closedAt, "2026-11-02T02:20:00Z");
  const p = ws.purchase(op.purchase);
  assert.deepEqual(p, {
    id: op.purchase,
    customer: duc,
    items: [],
    description: "Bàn ăn",
    amount: vnd(12_000_000),
    channel: "in_person",
    occurredAt: "2026-11-02T02:20:00Z",
    opportunity: o,
  });
  assert.equal(ws.customer(duc).lifecycle, "customer");
  assert.deepEqual(ws.events(seq)[2].payload, { type: "lifecycle_changed", from: "lead", to: "customer", reason: "purchase" });

  // A won deal with what was bought: the lines make the amount.
  const o2 = ws.openOpportunity({ customer: mai, title: "Phòng khách", value: vnd(30_000_000) }, { at: at(30) });
  refused(ws, () => ws.moveOpportunity({ opportunity: o2, stage: "proposal", purchase: {} }, { at: at(31) }), "invalid_input");
  ws.moveOpportunity(
    { opportunity: o2, stage: "won", note: "ký hợp đồng", purchase: { items: [{ name: "Sofa", category: "furniture", quantity: 2, unitPrice: vnd(9_000_000) }], channel: "web" } },
    { at: at(32) },
  );
  const p2 = ws.purchase(ws.opportunity(o2).purchase);
  assert.deepEqual([p2.amount, p2.description, p2.channel, p2.items], [vnd(18_000_000), null, "web", [{ name: "Sofa", category: "furniture", quantity: 2, unitPrice: vnd(9_000_000) }]]);
  assert.deepEqual(ws.purchasesOf(mai).map((x) => x.id), [p2.id]);

  // Updates: absent fields stay, null clears, only real changes are recorded.
  const before = ws.seq;
  ws.updateOpportunity({ opportunity: o2, title: "Phòng khách", value: vnd(30_000_000) }, { at: at(33) });
  assert.equal(ws.seq, before, "nothing changed");
  ws.updateOpportunity({ opportunity: o2, expectedClose: "2026-12-01", title: "Phòng khách lớn" }, { at: at(34) });
  ws.updateOpportunity({ opportunity: o2, expectedClose: null }, { at: at(35) });
  assert.deepEqual(ws.events(before).map((e) => e.payload), [
    { type: "opportunity_updated", changes: { title: "Phòng khách lớn", expectedClose: "2026-12-01" } },
    { type: "opportunity_updated", changes: { expectedClose: null } },
  ]);
  assert.equal(ws.opportunity(o2).expectedClose, null);
  refused(ws, () => ws.updateOpportunity({ opportunity: o2, value: vnd(-1) }, { at: at(36) }), "invalid_input");
  refused(ws, () => ws.updateOpportunity({ opportunity: o2, owner: UNKNOWN_ID }, { at: at(36) }), "not_found");
  refused(ws, () => ws.updateOpportunity({ opportunity: UNKNOWN_ID, title: "x" }, { at: at(36) }), "not_found");
  assertReplays(ws);
});

test("purchases check money (mixed currencies, negative, wrong totals) and drive loyalty and tiers", () => {
  const { ws, duc } = fx();
  ws.configureLoyalty(
    { loyalAfterPurchases: 3, tierRules: [{ tier: "vàng", minSpend: vnd(10_000_000) }, { tier: "bạc", minPurchases: 2 }], windowDays: 365 },
    { at: at(0) },
  );
  assert.deepEqual(ws.loyalty(), {
    loyalAfterPurchases: 3,
    tierRules: [{ tier: "vàng", minSpend: vnd(10_000_000) }, { tier: "bạc", minPurchases: 2 }],
    windowDays: 365,
  });
  const item = (name, quantity, unitPrice) => ({ name, category: "furniture", quantity, unitPrice });
  const base = { customer: duc, channel: "in_person", description: "x", amount: vnd(0) };
  const before = Workspace.importLog(ws.exportLog());
  for (const [cmd, field] of [
    [{ ...base, items: [item("Ghế", 2, vnd(1_000)), item("Bàn", 1, usd(5))] }, "items[1]"],
    [{ ...base, amount: vnd(-5) }, "amount.amountMinor"],
    [{ ...base, items: [item("Ghế", 2, vnd(1_000))], amount: vnd(1_000) }, "amount"],
    [{ ...base, items: [item("Ghế", 0, vnd(1_000))], amount: undefined }, "items[0].quantity"],
    [{ ...base, items: [item("Ghế", 1, { amountMinor: 1, currency: "dong" })], amount: undefined }, "items[0].unitPrice.currency"],
    [{ ...base, amount: undefined }, "amount"],
    [{ ...base, description: "  " }, "description"],
    [{ ...base, occurredAt: at(60) }, "occurredAt"],
    [{ ...base, channel: "fax" }, "channel"],
    [{ ...base, amount: { amountMinor: 1.5, currency: "VND" } }, "amount.amountMinor"],
    [{ ...base, colour: "red" }, "colour"],
  ]) {
    const e = refused(ws, () => ws.recordPurchase(cmd, { at: at(5) }), "invalid_input");
    assert.equal(e.details.field, field, e.message);
    assert.ok(ws.equals(before));
  }
  const mixed = throwsCode(() => ws.recordPurchase({ ...base, items: [item("Ghế", 2, vnd(1_000)), item("Bàn", 1, usd(5))] }, { at: at(5) }), "invalid_input");
  assert.match(mixed.message, /mixed currencies/);
  refused(ws, () => ws.recordPurchase({ ...base, customer: UNKNOWN_ID }, { at: at(5) }), "not_found");
  before.free();

  const p = ws.recordPurchase({ customer: duc, channel: "in_person", items: [item("Ghế", 2, vnd(1_500_000))] }, { at: at(10) });
  assert.deepEqual(ws.purchase(p).amount, vnd(3_000_000));
  assert.deepEqual(ws.purchase(p).items, [{ name: "Ghế", category: "furniture", quantity: 2, unitPrice: vnd(1_500_000) }]);
  let c = ws.customer(duc);
  assert.deepEqual([c.lifecycle, c.tier], ["customer", null]);
  ws.recordPurchase({ customer: duc, channel: "web", description: "Đèn", amount: vnd(500_000) }, { at: at(20) });
  assert.equal(ws.customer(duc).tier, "bạc");
  const seq = ws.seq;
  ws.recordPurchase({ customer: duc, channel: "web", description: "Tủ", amount: vnd(7_000_000) }, { at: at(30) });
  c = ws.customer(duc);
  assert.deepEqual([c.lifecycle, c.tier], ["loyal", "vàng"]);
  assert.deepEqual(ws.events(seq).map((e) => e.payload), [
    { type: "purchase_recorded", customer: duc, description: "Tủ", amount: vnd(7_000_000), channel: "web", occurredAt: "2026-11-02T02:30:00Z" },
    { type: "lifecycle_changed", from: "customer", to: "loyal", reason: "3 purchases in 365 days" },
    { type: "tier_changed", from: "bạc", to: "vàng" },
  ]);
  assert.deepEqual(ws.purchasesOf(duc).map((x) => x.occurredAt), ["2026-11-02T02:10:00Z", "2026-11-02T02:20:00Z", "2026-11-02T02:30:00Z"]);
  throwsCode(() => ws.purchase(UNKNOWN_ID), "not_found", { entity: "purchase" });
  throwsCode(() => ws.purchasesOf(UNKNOWN_ID), "not_found", { entity: "customer" });

  // A year later the purchases have aged out: tick lowers the tier, once.
  const later = at(30 + 366 * DAY);
  assert.equal(ws.tick({ at: later }), 1);
  assert.equal(ws.customer(duc).tier, null);
  assert.deepEqual(ws.events(ws.seq - 1)[0].payload, { type: "tier_changed", from: "vàng", to: null });
  assert.equal(ws.tick({ at: later }), 0);
  assertReplays(ws);

  // Bad loyalty settings change nothing; the defaults fill absent fields.
  for (const [settings, field] of [
    [{ windowDays: 0 }, "windowDays"],
    [{ loyalAfterPurchases: 0 }, "loyalAfterPurchases"],
    [{ tierRules: [{ tier: "x" }] }, "tierRules[0]"],
    [{ tierRules: [{ tier: "x", minSpend: vnd(-1) }] }, "tierRules[0].minSpend.amountMinor"],
    [{ tierRules: [{ tier: " ", minPurchases: 1 }] }, "tierRules[0].tier"],
    [{ windowDays: -1 }, "windowDays"],
    [{ window: 30 }, "window"],
  ]) {
    const e = refused(ws, () => ws.configureLoyalty(settings, { at: later }), "invalid_input");
    assert.equal(e.details.field, field, e.message);
  }
  ws.configureLoyalty({}, { at: later });
  assert.deepEqual(ws.loyalty(), { windowDays: 365 });
  assert.deepEqual(ws.events(ws.seq - 1)[0].payload, { type: "loyalty_configured", settings: { windowDays: 365 } });
});

test("a VIP tier attaches a recurring call plan that ends with the tier", () => {
  const { ws, duc } = fx();
  const plan = { subject: "Gọi hỏi thăm khách VIP", kind: "call", rule: "FREQ=MONTHLY;BYDAY=1MO", time: "10:00" };
  const loyalty = (p) => ({ tierRules: [{ tier: "vip", minSpend: vnd(10_000_000), plan: p }], windowDays: 365 });
  const e = refused(ws, () => ws.configureLoyalty(loyalty({ ...plan, rule: "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30" }), { at: at(0) }), "invalid_input");
  assert.match(e.details.field, /^tierRules\[0\]\.plan\.rule/);
  for (const [bad, field] of [
    [{ ...plan, kind: "fax" }, "tierRules[0].plan.kind"],
    [{ ...plan, time: "25:00" }, "tierRules[0].plan.time"],
    [{ ...plan, rule: { freq: "monthly", byDay: ["9mo"] } }, "tierRules[0].plan.rule"],
    [{ ...plan, colour: "gold" }, "tierRules[0].plan.colour"],
  ]) {
    const err = refused(ws, () => ws.configureLoyalty(loyalty(bad), { at: at(0) }), "invalid_input");
    assert.ok(err.details.field.startsWith(field), `${err.details.field}: ${err.message}`);
  }
  ws.configureLoyalty(loyalty(plan), { at: at(0) });
  assert.deepEqual(ws.loyalty().tierRules[0].plan, { subject: "Gọi hỏi thăm khách VIP", kind: "call", rule: { freq: "monthly", byDay: ["1mo"] }, time: "10:00:00" });
  ws.recordPurchase({ customer: duc, channel: "in_person", description: "Sofa da", amount: vnd(12_000_000) }, { at: at(10) });
  assert.equal(ws.customer(duc).tier, "vip");
  const calls = ws.followUpsOf(duc);
  assert.equal(calls.length, 1);
  assert.deepEqual(calls[0].links, { tier: "vip" });
  // The first Monday of November 2026 at 10:00 UTC (no zone on the customer).
  assert.equal(calls[0].dueAt, "2026-11-02T10:00:00Z");
  assert.deepEqual(calls[0].recurrence, { start: calls[0].recurrence.start, timeZone: "UTC", rule: { freq: "monthly", byDay: ["1mo"] } });
  // A year later the tier lapses: tick cancels the plan's open call.
  assert.equal(ws.tick({ at: at(10 + 400 * DAY) }), 2);
  assert.equal(ws.followUp(calls[0].id).status, "cancelled");
  assertReplays(ws);
});

test("referrals qualify on the first purchase and are rewarded once", () => {
  const { ws, duc, mai } = fx();
  const r = ws.recordReferral({ referrer: duc, referred: mai, note: "em gái" }, { at: at(5) });
  assert.deepEqual(ws.referral(r), {
    id: r,
    referrer: duc,
    referred: mai,
    referredAt: "2026-11-02T02:05:00Z",
    note: "em gái",
    status: "pending",
    qualifyingPurchase: null,
    reward: null,
  });
  const again = refused(ws, () => ws.recordReferral({ referrer: duc, referred: mai }, { at: at(6) }), "conflict");
  assert.deepEqual([again.details.field, again.details.holderEntity, again.details.holder], ["referred", "referral", r]);
  const myself = refused(ws, () => ws.recordReferral({ referrer: duc, referred: duc }, { at: at(6) }), "invalid_input");
  assert.equal(myself.details.field, "referred");
  refused(ws, () => ws.recordReferral({ referrer: duc, referred: UNKNOWN_ID }, { at: at(6) }), "not_found");
  const reward = () => ws.rewardReferral({ referral: r, reward: { kind: "voucher", value: vnd(200_000) } }, { at: at(40) });
  const early = refused(ws, reward, "invalid_transition");
  assert.match(early.details.current, /^pending/);
  const seq = ws.seq;
  const p = ws.recordPurchase({ customer: mai, channel: "sms", description: "Gối", amount: vnd(300_000) }, { at: at(30) });
  assert.deepEqual(ws.events(seq).map((e) => [e.payload.type, e.entity.kind]), [
    ["purchase_recorded", "purchase"],
    ["lifecycle_changed", "customer"],
    ["referral_qualified", "referral"],
  ]);
  assert.deepEqual(ws.events(seq)[2].payload, { type: "referral_qualified", purchase: p });
  const q = ws.referral(r);
  assert.deepEqual([q.status, q.qualifyingPurchase], ["qualified", p]);
  refused(ws, () => ws.rewardReferral({ referral: r, reward: { kind: "cash", value: vnd(1) } }, { at: at(40) }), "invalid_input");
  refused(ws, () => ws.rewardReferral({ referral: r, reward: { kind: "voucher", value: vnd(-1) } }, { at: at(40) }), "invalid_input");
  reward();
  assert.deepEqual(ws.referral(r).reward, { kind: "voucher", value: vnd(200_000) });
  assert.deepEqual(ws.events(ws.seq - 1)[0].payload, { type: "referral_rewarded", reward: { kind: "voucher", value: vnd(200_000) } });
  const twice = refused(ws, reward, "invalid_transition");
  assert.equal(twice.details.current, "rewarded");
  assert.equal(ws.referralsBy(duc)[0].status, "rewarded");
  assert.deepEqual(ws.referralsBy(mai), []);
  assert.equal(ws.referralOf(mai).id, r);
  assert.equal(ws.referralOf(duc), null);
  throwsCode(() => ws.referral(UNKNOWN_ID), "not_found", { entity: "referral" });
  throwsCode(() => ws.referralOf(UNKNOWN_ID), "not_found", { entity: "customer" });
  assertReplays(ws);
});

test("rotting follows activity; custom pipelines are validated", () => {
  const { ws, duc, mai } = fx();
  const o = ws.openOpportunity({ customer: duc, title: "Rèm", value: vnd(3_000_000) }, { at: at(0) });
  assert.deepEqual(ws.rottingOpportunities(at(14 * DAY)), []);
  assert.deepEqual(ws.rottingOpportunities(at(15 * DAY)).map((x) => x.id), [o]);
  assert.deepEqual(ws.rottingOpportunities(iso(at(15 * DAY))).map((x) => x.id), [o], "an ISO string works too");
  assert.ok(Array.isArray(ws.rottingOpportunities()), "now by default");
  // A call with the customer is activity.
  ws.logInteraction({ customer: duc, channel: "phone", occurredAt: at(10 * DAY) }, { at: at(10 * DAY) });
  assert.deepEqual(ws.rottingOpportunities(at(15 * DAY)), []);
  assert.equal(ws.opportunity(o).lastActivityAt, iso(at(10 * DAY)));
  throwsCode(() => ws.rottingOpportunities("tomorrow"), "invalid_input", { field: "now" });

  const p = ws.pipeline("sales");
  const b2b = { ...p, key: "b2b", name: "Doanh nghiệp" };
  const bad = structuredClone(b2b);
  bad.stages[0].probability = 101;
  let e = refused(ws, () => ws.definePipeline(bad, { at: at(1) }), "invalid_input");
  assert.equal(e.details.field, "stages[0].probability");
  bad.stages[0].probability = 5;
  bad.stages = bad.stages.filter((s) => s.kind !== "lost");
  e = refused(ws, () => ws.definePipeline(bad, { at: at(1) }), "invalid_input");
  assert.equal(e.details.field, "stages");
  for (const [pipeline, field] of [
    [{ ...b2b, stages: [...b2b.stages, { key: "won", probability: 100, kind: "won" }] }, "stages[7].key"],
    [{ ...b2b, stages: b2b.stages.map((s) => (s.kind === "won" ? { ...s, probability: 90 } : s)) }, "stages[5].probability"],
    [{ ...b2b, stages: b2b.stages.map((s) => (s.kind === "lost" ? { ...s, rotDays: 3 } : s)) }, "stages[6].rotDays"],
    [{ ...b2b, stages: [] }, "stages"],
    [{ ...b2b, lostReasons: [] }, "lostReasons"],
    [{ ...b2b, stages: b2b.stages.map((s, i) => (i === 0 ? { ...s, kind: "maybe" } : s)) }, "stages[0].kind"],
    [{ ...b2b, stages: b2b.stages.map((s, i) => (i === 0 ? { ...s, probability: 300 } : s)) }, "stages[0].probability"],
    [{ key: "b2b", stages: b2b.stages }, "lostReasons"],
  ]) {
    e = refused(ws, () => ws.definePipeline(pipeline, { at: at(1) }), "invalid_input");
    assert.equal(e.details.field, field, e.message);
  }
  ws.definePipeline(b2b, { at: at(1) });
  assert.deepEqual(ws.pipeline("b2b"), b2b);
  assert.deepEqual(ws.events(ws.seq - 1)[0].payload, { type: "pipeline_defined", pipeline: b2b });
  const seq = ws.seq;
  ws.definePipeline(b2b, { at: at(1) });
  assert.equal(ws.seq, seq, "the same definition again records nothing");
  const office = ws.openOpportunity({ customer: mai, pipeline: "b2b", title: "Văn phòng", value: vnd(1), stage: "proposal" }, { at: at(2) });
  assert.deepEqual(ws.pipelineBoard("b2b").forecast, [vnd(0)], "1 x 60 % rounds down");
  refused(ws, () => ws.openOpportunity({ customer: mai, pipeline: "nope", title: "x", value: vnd(1) }, { at: at(2) }), "not_found");
  e = refused(ws, () => ws.openOpportunity({ customer: mai, pipeline: "b2b", title: "x", value: vnd(1), stage: "won" }, { at: at(2) }), "invalid_input");
  assert.equal(e.details.field, "stage");
  // A stage in use must survive a redefinition.
  e = refused(ws, () => ws.definePipeline({ ...b2b, stages: b2b.stages.filter((s) => s.key !== "proposal") }, { at: at(3) }), "conflict");
  assert.deepEqual([e.details.field, e.details.value, e.details.holderEntity, e.details.holder], ["stages", "proposal", "opportunity", office]);
  // Defining "sales" replaces the built-in pipeline.
  ws.definePipeline({ key: "sales", stages: [{ key: "new", probability: 10, rotDays: 1 }, { key: "need_identified", probability: 20 }, { key: "won", probability: 100, kind: "won" }, { key: "lost", probability: 0, kind: "lost" }], lostReasons: ["price"] }, { at: at(4) });
  assert.deepEqual(ws.pipeline("sales").stages.map((s) => s.key), ["new", "need_identified", "won", "lost"]);
  assertReplays(ws);
});

/** The Rust test's after-sales playbook. */
function afterSale(extra = {}) {
  const step = (kind, subject, offsetDays, businessDays, channel, purpose) => ({ kind, subject, offsetDays, businessDays, channel, purpose });
  return {
    key: "after-sale",
    name: "Chăm sóc sau bán",
    conditions: { categories: ["furniture"], minValue: vnd(1_000_000) },
    steps: [
      step("thank_you", "Thư cảm ơn", 0, false, "email", "service"),
      step("advice", "Hướng dẫn bảo quản gỗ", 2, true, "social", "service"),
      step("survey", "Khảo sát hài lòng", 7, false, "sms", "feedback"),
      step("promotion", "Bộ sưu tập mới", 30, false, "email", "marketing"),
    ],
    calendar: "office",
    team: "care",
    ...extra,
  };
}

const weekdays = (windows) => ["mon", "tue", "wed", "thu", "fri"].map((day) => ({ day, windows }));

test("a purchase starts matching playbooks: consent per step, business days, progress, archive stops the run", () => {
  const { ws, duc } = fx();
  ws.defineCalendar("office", { timeZone: "Asia/Ho_Chi_Minh", week: weekdays([{ start: "08:00", end: "12:00" }, { start: "13:30", end: "17:30" }]) }, { at: at(0) });
  let e = refused(ws, () => ws.definePlaybook(afterSale({ calendar: undefined }), { at: at(0) }), "invalid_input");
  assert.equal(e.details.field, "calendar");
  refused(ws, () => ws.definePlaybook(afterSale({ calendar: "nope" }), { at: at(0) }), "not_found");
  for (const [playbook, field] of [
    [afterSale({ steps: [] }), "steps"],
    [afterSale({ steps: [{ kind: "thank_you", subject: "x", offsetDays: 4000, channel: "email" }] }), "steps[0].offsetDays"],
    [afterSale({ steps: [{ kind: "hug", subject: "x", offsetDays: 1, channel: "email" }] }), "steps[0].kind"],
    [afterSale({ steps: [{ kind: "gift", subject: " ", offsetDays: 1, channel: "email" }] }), "steps[0].subject"],
    [afterSale({ conditions: { minValue: vnd(-1) } }), "conditions.minValue.amountMinor"],
    [afterSale({ key: "" }), "key"],
  ]) {
    e = refused(ws, () => ws.definePlaybook(playbook, { at: at(0) }), "invalid_input");
    assert.equal(e.details.field, field, e.message);
  }
  ws.definePlaybook(afterSale(), { at: at(0) });
  const defined = ws.playbooks();
  assert.equal(defined.length, 1);
  assert.deepEqual(defined[0], afterSale());
  assert.deepEqual(ws.events(ws.seq - 1)[0].payload, { type: "playbook_defined", playbook: afterSale() });
  for (const [channel, purpose] of [["email", "service"], ["social", "service"], ["sms", "feedback"]]) {
    ws.recordConsent({ customer: duc, channel, purpose, granted: true, source: "form" }, { at: at(0) });
  }
  // Not furniture: no run.
  ws.recordPurchase({ customer: duc, channel: "web", description: "Thẻ quà", amount: vnd(5_000_000) }, { at: at(10) });
  assert.deepEqual(ws.playbookRunsOf(duc), []);

  // Friday 6 November 2026, 10:00 local.
  const friday = "2026-11-06T03:00:00Z";
  const seq = ws.seq;
  const purchase = ws.recordPurchase(
    { customer: duc, channel: "in_person", items: [{ name: "Bàn gỗ sồi", category: "furniture", unitPrice: vnd(8_000_000) }] },
    { at: friday },
  );
  assert.deepEqual(ws.events(seq).map((ev) => ev.payload.type), [
    "purchase_recorded", "playbook_run_started", "follow_up_scheduled", "follow_up_scheduled", "follow_up_scheduled",
  ]);
  const runs = ws.playbookRunsOf(duc);
  assert.equal(runs.length, 1);
  const run = runs[0];
  assert.deepEqual([run.playbook, run.customer, run.purchase, run.startedAt, run.ended], ["after-sale", duc, purchase, "2026-11-06T03:00:00Z", null]);
  assert.deepEqual(run.steps.map((s) => [s.index, s.kind, typeof s.followUp, s.skipped ?? null]), [
    [0, "thank_you", "string", null],
    [1, "advice", "string", null],
    [2, "survey", "string", null],
    [3, "promotion", "undefined", "no marketing consent on email"],
  ]);
  assert.deepEqual(ws.playbookRun(run.id), run);
  const started = ws.events(seq)[1];
  assert.deepEqual(started.entity, { kind: "playbook_run", id: run.id });
  assert.deepEqual(started.payload, { type: "playbook_run_started", playbook: "after-sale", customer: duc, purchase, steps: run.steps });

  const progress = ws.playbookProgress(run.id);
  assert.deepEqual([progress.run, progress.playbook, progress.status], [run.id, "after-sale", "active"]);
  assert.deepEqual(progress.steps.map((s) => s.status), ["scheduled", "scheduled", "scheduled", "skipped"], "no marketing consent");
  assert.match(progress.steps[3].note, /marketing/);
  assert.deepEqual(progress.steps.map((s) => s.dueAt), [
    "2026-11-06T03:00:00Z",
    // Two business days after Friday: Tuesday, at opening time.
    "2026-11-10T01:00:00Z",
    "2026-11-13T03:00:00Z",
    null,
  ]);
  // The steps became follow-ups of the playbook's team, linked to the run.
  const fus = progress.steps.slice(0, 3).map((s) => ws.followUp(s.followUp));
  assert.deepEqual(fus.map((f) => [f.kind, f.subject, f.team, f.assignee, f.links]), [
    ["email", "Thư cảm ơn", "care", null, { playbookRun: run.id, playbookStep: 0 }],
    ["message", "Hướng dẫn bảo quản gỗ", "care", null, { playbookRun: run.id, playbookStep: 1 }],
    ["survey", "Khảo sát hài lòng", "care", null, { playbookRun: run.id, playbookStep: 2 }],
  ]);
  // Due now is overdue; the window's end is exclusive.
  const team = ws.teamAgenda("care", { now: friday, withinSeconds: 7 * 86_400 });
  assert.deepEqual([team.overdue.map((f) => f.id), team.upcoming.map((f) => f.id), team.truncated], [[fus[0].id], [fus[1].id], false]);
  const week = ws.teamAgenda("care", { now: friday, withinSeconds: 7 * 86_400 + 1 });
  assert.deepEqual(week.upcoming.map((f) => f.id), [fus[1].id, fus[2].id]);

  // Completing a step marks it done; archiving the customer stops the run.
  ws.completeFollowUp({ followUp: fus[0].id, outcome: "đã gửi" }, { at: "2026-11-06T04:00:00Z" });
  const done = ws.playbookProgress(run.id).steps[0];
  assert.deepEqual([done.status, done.note], ["done", "đã gửi"]);
  const archivedAt = ws.seq;
  ws.archiveCustomer({ customer: duc }, { at: "2026-11-07T04:00:00Z" });
  assert.deepEqual(ws.events(archivedAt).map((ev) => ev.payload.type), [
    "customer_archived", "playbook_run_ended", "follow_up_cancelled", "follow_up_cancelled",
  ]);
  assert.deepEqual(ws.events(archivedAt)[1].payload, { type: "playbook_run_ended", status: "stopped", reason: "customer archived" });
  const stopped = ws.playbookProgress(run.id);
  assert.equal(stopped.status, "stopped");
  assert.deepEqual(stopped.steps.map((s) => s.status), ["done", "cancelled", "cancelled", "skipped"]);
  assert.deepEqual(ws.playbookRun(run.id).ended, { status: "stopped", reason: "customer archived", at: "2026-11-07T04:00:00Z" });
  assertReplays(ws);
  e = refused(ws, () => ws.cancelPlaybookRun({ run: run.id, reason: "x" }, { at: "2026-11-07T05:00:00Z" }), "invalid_transition");
  assert.deepEqual([e.details.entity, e.details.current], ["playbook_run", "stopped"]);
  throwsCode(() => ws.playbookRun(UNKNOWN_ID), "not_found", { entity: "playbook_run" });
  throwsCode(() => ws.playbookProgress(UNKNOWN_ID), "not_found", { entity: "playbook_run" });
  throwsCode(() => ws.playbookRunsOf(UNKNOWN_ID), "not_found", { entity: "customer" });
});

test("cancelling a run cancels its open follow-ups; completing every step completes it; removing a playbook", () => {
  const { ws, mai } = fx();
  ws.definePlaybook({ key: "thanks", steps: [{ kind: "thank_you", subject: "Cảm ơn", offsetDays: 0, channel: "sms" }, { kind: "check_in", subject: "Hỏi thăm", offsetDays: 3, channel: "phone" }] }, { at: at(0) });
  ws.recordConsent({ customer: mai, channel: "sms", purpose: "service", granted: true, source: "form" }, { at: at(0) });
  ws.recordConsent({ customer: mai, channel: "phone", purpose: "service", granted: true, source: "form" }, { at: at(0) });
  ws.recordPurchase({ customer: mai, channel: "web", description: "A", amount: vnd(1) }, { at: at(10) });
  ws.recordPurchase({ customer: mai, channel: "web", description: "B", amount: vnd(1) }, { at: at(20) });
  const [first, second] = ws.playbookRunsOf(mai).map((r) => r.id);
  const due = ws.playbookProgress(first).steps.map((s) => s.dueAt);
  assert.deepEqual(due, ["2026-11-02T02:10:00Z", "2026-11-05T02:10:00Z"], "calendar days at the purchase's time of day");
  const e = refused(ws, () => ws.cancelPlaybookRun({ run: first, reason: "  " }, { at: at(30) }), "invalid_input");
  assert.equal(e.details.field, "reason");
  ws.cancelPlaybookRun({ run: first, reason: "khách yêu cầu" }, { at: at(30) });
  const cancelled = ws.playbookProgress(first);
  assert.equal(cancelled.status, "cancelled");
  assert.deepEqual(cancelled.steps.map((s) => [s.status, s.note]), [
    ["cancelled", "playbook run cancelled: khách yêu cầu"],
    ["cancelled", "playbook run cancelled: khách yêu cầu"],
  ]);
  for (const s of ws.playbookProgress(second).steps) ws.completeFollowUp({ followUp: s.followUp }, { at: at(40) });
  assert.equal(ws.playbookProgress(second).status, "completed");
  assert.equal(ws.playbookRun(second).ended, null);
  ws.removePlaybook("thanks", { at: at(50) });
  assert.deepEqual(ws.playbooks(), []);
  assert.equal(ws.playbookProgress(second).playbook, "thanks", "runs outlive their playbook");
  refused(ws, () => ws.removePlaybook("thanks", { at: at(51) }), "not_found");
  // Churning stops a run too.
  ws.definePlaybook({ key: "again", steps: [{ kind: "visit", subject: "Thăm", offsetDays: 1, channel: "in_person", purpose: "service" }] }, { at: at(60) });
  ws.recordConsent({ customer: mai, channel: "in_person", purpose: "service", granted: true, source: "form" }, { at: at(60) });
  ws.recordPurchase({ customer: mai, channel: "in_person", description: "C", amount: vnd(1) }, { at: at(61) });
  const third = ws.playbookRunsOf(mai)[2];
  assert.equal(ws.followUp(third.steps[0].followUp).kind, "visit");
  ws.changeLifecycle({ customer: mai, to: "churned" }, { at: at(62) });
  assert.deepEqual(ws.playbookRun(third.id).ended, { status: "stopped", reason: "customer churned", at: iso(at(62)) });
  assertReplays(ws);
});

test("execute accepts every journey command, camelCase keys", () => {
  const { ws, agent, duc, mai } = fx();
  const run = (command, minute) => ws.execute(command, { at: at(minute) });
  const sales = ws.pipeline("sales");
  assert.equal(run({ type: "define_pipeline", ...sales, key: "retail" }, 0).events, 1);
  run({ type: "configure_loyalty", loyalAfterPurchases: 2, tierRules: [{ tier: "gold", minSpend: vnd(1_000) }] }, 0);
  run({ type: "define_playbook", key: "pb", steps: [{ kind: "survey", subject: "Khảo sát", offsetDays: 7, channel: "email", purpose: "feedback" }] }, 0);
  run({ type: "define_playbook", key: "tmp", steps: [{ kind: "gift", subject: "Quà", offsetDays: 1, channel: "in_person" }] }, 0);
  run({ type: "remove_playbook", key: "tmp" }, 0);
  ws.recordConsent({ customer: duc, channel: "email", purpose: "feedback", granted: true, source: "form" }, { at: at(0) });
  let out = run({ type: "open_opportunity", customer: duc, pipeline: "retail", title: "Bếp", value: vnd(5_000), owner: agent, expectedClose: "2026-12-01", source: { referredBy: mai } }, 1);
  assert.deepEqual([out.created.kind, out.events], ["opportunity", 1]);
  const o = out.created.id;
  run({ type: "update_opportunity", opportunity: o, owner: null }, 2);
  run({ type: "move_opportunity", opportunity: o, stage: "won", purchase: { amount: vnd(4_500), description: "Bếp từ" } }, 3);
  const op = ws.opportunity(o);
  assert.deepEqual([op.owner, op.status, op.source], [null, "won", { referredBy: mai }]);
  assert.deepEqual(ws.purchase(op.purchase).amount, vnd(4_500));
  out = run({ type: "record_purchase", customer: duc, channel: "web", items: [{ name: "Nồi", unitPrice: vnd(300), quantity: 3 }], occurredAt: at(3) }, 4);
  assert.equal(out.created.kind, "purchase");
  assert.deepEqual(ws.customer(duc), { ...ws.customer(duc), lifecycle: "loyal", tier: "gold" });
  out = run({ type: "record_referral", referrer: duc, referred: mai, note: "bạn" }, 5);
  assert.equal(out.created.kind, "referral");
  const r = out.created.id;
  run({ type: "record_purchase", customer: mai, channel: "phone", description: "Quạt", amount: vnd(100) }, 6);
  run({ type: "reward_referral", referral: r, reward: { kind: "gift", value: vnd(0), note: "Bình hoa" } }, 7);
  const runs = ws.playbookRunsOf(duc);
  assert.equal(runs.length, 2, "both purchases of duc started pb");
  run({ type: "cancel_playbook_run", run: runs[0].id, reason: "đủ rồi" }, 8);
  assert.equal(ws.playbookProgress(runs[0].id).status, "cancelled");

  const types = new Set(ws.events().map((e) => e.payload.type));
  for (const t of [
    "pipeline_defined", "loyalty_configured", "playbook_defined", "playbook_removed", "opportunity_opened", "opportunity_updated",
    "opportunity_moved", "purchase_recorded", "tier_changed", "referral_recorded", "referral_qualified", "referral_rewarded",
    "playbook_run_started", "playbook_run_ended", "follow_up_scheduled", "follow_up_cancelled",
  ]) {
    assert.ok(types.has(t), t);
  }
  const entityKinds = new Set(ws.events().map((e) => e.entity.kind));
  for (const k of ["opportunity", "purchase", "referral", "playbook_run", "follow_up"]) assert.ok(entityKinds.has(k), k);

  // Unknown keys are refused, named as written; the type is checked.
  throwsCode(() => ws.execute({ type: "open_opportunity", customer: duc, title: "x", value: vnd(1), expectedClosing: "2026-12-01" }), "invalid_input", { field: "expectedClosing" });
  throwsCode(() => ws.execute({ type: "record_purchase", customer: duc, channel: "web", items: [{ name: "x", unitPrice: vnd(1), price: 1 }] }), "invalid_input", { field: "items[0].price" });
  throwsCode(() => ws.execute({ type: "define_pipeline", key: "x", stages: [{ key: "a", probability: 1, rot: 3 }], lostReasons: ["p"] }), "invalid_input", { field: "stages[0].rot" });
  throwsCode(() => ws.execute({ type: "win_deal", opportunity: o }), "invalid_input", { field: "type" });
  throwsCode(() => ws.execute({ type: "configure_loyalty", tierRules: [{ tier: "x", minPurchases: -1 }] }), "invalid_input", { field: "tierRules[0].minPurchases" });
  assertReplays(ws);
  const copy = Workspace.importLog(ws.exportLog(), 3);
  assert.deepEqual(copy.opportunity(o), op);
  assert.deepEqual(copy.pipelineBoard("retail"), ws.pipelineBoard("retail"));
  assert.deepEqual(copy.playbookProgress(runs[1].id), ws.playbookProgress(runs[1].id));
  assert.deepEqual(copy.loyalty(), ws.loyalty());
  assert.deepEqual(copy.referralsBy(duc), ws.referralsBy(duc));
});

test("bad ids and shapes name the JavaScript field", () => {
  const { ws, duc } = fx();
  const cases = [
    [() => ws.openOpportunity({ customer: "nope", title: "x", value: vnd(1) }), "customer"],
    [() => ws.openOpportunity({ customer: duc, title: "x", value: vnd(1), expectedClose: "15/12/2026" }), "expectedClose"],
    [() => ws.openOpportunity({ customer: duc, title: "x", value: vnd(1), source: { channel: "fax" } }), "source.channel"],
    [() => ws.openOpportunity({ customer: duc, title: "x", value: vnd(1), source: { referredBy: "me" } }), "source.referredBy"],
    [() => ws.openOpportunity({ customer: duc, title: "x" }), "value"],
    [() => ws.openOpportunity({ customer: duc, title: "  ", value: vnd(1) }), "title"],
    [() => ws.openOpportunity(null), "input"],
    [() => ws.moveOpportunity({ opportunity: UNKNOWN_ID }), "stage"],
    [() => ws.opportunity(42), "id"],
    [() => ws.openDeals("x"), "owner"],
    [() => ws.referralsBy(null), "referrer"],
    [() => ws.pipelineBoard(3), "key"],
    [() => ws.removePlaybook(undefined), "key"],
    [() => ws.cancelPlaybookRun({ run: "x", reason: "r" }), "run"],
    [() => ws.rewardReferral({ referral: UNKNOWN_ID }), "reward"],
    [() => ws.openOpportunity({ customer: duc, title: "x", value: vnd(1) }, { at: "2026-11-02" }), "at"],
    [() => ws.openOpportunity({ customer: duc, title: "x", value: vnd(1) }, { when: at() }), "when"],
  ];
  for (const [fn, field] of cases) {
    const e = refused(ws, fn, "invalid_input");
    assert.equal(e.details.field, field, e.message);
  }
  refused(ws, () => ws.openOpportunity({ customer: duc, title: "x", value: vnd(1), source: { referredBy: UNKNOWN_ID } }), "not_found");
  refused(ws, () => ws.openOpportunity({ customer: duc, title: "x", value: vnd(1), owner: UNKNOWN_ID }), "not_found");
  refused(ws, () => ws.moveOpportunity({ opportunity: UNKNOWN_ID, stage: "won" }), "not_found");
  ws.archiveCustomer({ customer: duc }, { at: at(5) });
  const archived = refused(ws, () => ws.openOpportunity({ customer: duc, title: "x", value: vnd(1) }, { at: at(6) }), "invalid_transition");
  assert.deepEqual(archived.details.allowed, ["restore", "record consent"]);
  refused(ws, () => ws.recordPurchase({ customer: duc, channel: "web", description: "x", amount: vnd(1) }, { at: at(6) }), "invalid_transition");
});
