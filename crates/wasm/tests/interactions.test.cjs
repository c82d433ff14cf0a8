// Interactions and the customer timeline.
"use strict";
const { test } = require("node:test");
const assert = require("node:assert/strict");
const { at, UNKNOWN_ID, fresh, throwsCode, unchanged } = require("./helpers.cjs");

test("interactions: log, read, list oldest first, validation", () => {
  const ws = fresh();
  const mai = ws.registerAgent({ name: "Mai" }, { at: at() });
  const duc = ws.registerCustomer({ fullName: "Nguyễn Văn Đức" }, { at: at() });
  const chat = ws.logInteraction(
    { customer: duc, channel: "social", network: "zalo", subject: "Hỏi giá", summary: "Khách hỏi giá\nbản 128GB", agent: mai, durationSeconds: 300 },
    { at: at(30), actor: mai },
  );
  const visit = ws.logInteraction({ customer: duc, channel: "in_person", direction: "outbound", occurredAt: at(10) }, { at: at(30) });
  const call = ws.logInteraction({ customer: duc, channel: "phone", occurredAt: "2026-11-02T16:20:00+07:00" }, { at: at(30) });
  assert.deepEqual(ws.interaction(chat), {
    id: chat,
    customer: duc,
    channel: "social",
    network: "zalo",
    direction: "inbound",
    subject: "Hỏi giá",
    summary: "Khách hỏi giá\nbản 128GB",
    agent: mai,
    occurredAt: "2026-11-02T09:30:00Z",
    durationSeconds: 300,
  });
  assert.equal(ws.interaction(visit).direction, "outbound");
  assert.equal(ws.interaction(visit).network, null);
  assert.deepEqual(ws.interactionsOf(duc).map((i) => i.id), [visit, call, chat]);
  assert.equal(ws.interactionsOf(duc)[1].occurredAt, "2026-11-02T09:20:00Z");

  const e = unchanged(ws, () => ws.logInteraction({ customer: duc, channel: "social" }, { at: at(31) }), "invalid_input");
  assert.equal(e.details.field, "network");
  throwsCode(() => ws.logInteraction({ customer: duc, channel: "phone", network: "zalo" }), "invalid_input", { field: "network" });
  throwsCode(() => ws.logInteraction({ customer: duc, channel: "pigeon" }), "invalid_input", { field: "channel" });
  throwsCode(() => ws.logInteraction({ customer: duc, channel: "phone", direction: "sideways" }), "invalid_input", { field: "direction" });
  throwsCode(() => ws.logInteraction({ customer: duc, channel: "phone", occurredAt: at(60) }, { at: at(30) }), "invalid_input", { field: "occurredAt" });
  throwsCode(() => ws.logInteraction({ customer: duc, channel: "phone", occurredAt: "tomorrow" }), "invalid_input", { field: "occurredAt" });
  throwsCode(() => ws.logInteraction({ customer: duc, channel: "phone", occurredAt: new Date(NaN) }), "invalid_input", { field: "occurredAt" });
  throwsCode(() => ws.logInteraction({ customer: duc, channel: "phone", durationSeconds: -1 }), "invalid_input", { field: "durationSeconds" });
  throwsCode(() => ws.logInteraction({ customer: duc, channel: "phone", agent: UNKNOWN_ID }), "not_found", { entity: "agent" });
  throwsCode(() => ws.logInteraction({ customer: UNKNOWN_ID, channel: "phone" }), "not_found", { entity: "customer" });
  throwsCode(() => ws.logInteraction({ customer: duc, channel: "phone", id: chat }), "conflict", { field: "id", holderEntity: "interaction" });
  ws.archiveCustomer({ customer: duc }, { at: at(40) });
  throwsCode(() => ws.logInteraction({ customer: duc, channel: "phone" }, { at: at(41) }), "invalid_transition", { allowed: ["restore"] });
});

test("timeline: newest first, interactions at their time, paged with next", () => {
  const ws = fresh();
  const duc = ws.registerCustomer({ fullName: "Nguyễn Văn Đức" }, { at: at(0) });
  ws.tagCustomer(duc, ["vip"], { at: at(5) });
  const early = ws.logInteraction({ customer: duc, channel: "email", occurredAt: at(2) }, { at: at(6) });
  ws.changeLifecycle({ customer: duc, to: "prospect" }, { at: at(7) });
  const late = ws.logInteraction({ customer: duc, channel: "phone" }, { at: at(8) });
  ws.setTier(duc, "gold", { at: at(9) });
  const other = ws.registerCustomer({ fullName: "Other" }, { at: at(9) });
  ws.tagCustomer(other, ["x"], { at: at(10) });

  const full = ws.timeline(duc, { limit: 100 });
  assert.equal(full.next, null);
  assert.deepEqual(
    full.items.map((e) => [e.at, e.event.payload.type]),
    [
      ["2026-11-02T09:09:00Z", "tier_changed"],
      ["2026-11-02T09:08:00Z", "interaction_logged"],
      ["2026-11-02T09:07:00Z", "lifecycle_changed"],
      ["2026-11-02T09:05:00Z", "customer_tagged"],
      ["2026-11-02T09:02:00Z", "interaction_logged"],
      ["2026-11-02T09:00:00Z", "customer_registered"],
    ],
  );
  assert.equal(full.items[1].event.entity.id, late);
  assert.equal(full.items[4].event.entity.id, early);
  assert.equal(full.items[4].event.at, "2026-11-02T09:06:00Z", "the event's own time stays");

  const pages = [];
  let page = ws.timeline(duc, { limit: 4 });
  pages.push(page);
  while (page.next !== null) {
    assert.equal(typeof page.next, "number");
    page = ws.timeline(duc, { after: page.next, limit: 4 });
    pages.push(page);
  }
  assert.deepEqual(pages.map((p) => p.items.length), [4, 2]);
  assert.deepEqual(pages.flatMap((p) => p.items), full.items);
  assert.equal(ws.timeline(duc).items.length, 6, "50 per page by default");

  throwsCode(() => ws.timeline(duc, { after: 9999 }), "invalid_input", { field: "after" });
  throwsCode(() => ws.timeline(duc, { limit: 0 }), "invalid_input", { field: "limit" });
  throwsCode(() => ws.timeline(duc, { after: "x" }), "invalid_input", { field: "after" });
  throwsCode(() => ws.timeline(duc, { page: 2 }), "invalid_input", { field: "page" });
});
