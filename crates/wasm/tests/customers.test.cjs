// Customers through the JavaScript API: registration, lookups, conflicts,
// validation, partial updates, tags, consent, lifecycle, archive, memberships,
// lists, search, bulk registration and attributes.
"use strict";
const { test } = require("node:test");
const assert = require("node:assert/strict");
const { at, UNKNOWN_ID, fresh, throwsCode, unchanged } = require("./helpers.cjs");

test("registration and lookups by email and phone", () => {
  const ws = fresh();
  const id = ws.registerCustomer(
    { fullName: "Nguyễn Văn Đức", emails: [" Duc.Nguyen@Example.VN "], phones: ["090 123 4567"], language: "vi", timeZone: "Asia/Ho_Chi_Minh" },
    { at: at() },
  );
  assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  const c = ws.customer(id);
  assert.equal(c.id, id);
  assert.equal(c.kind, "person");
  assert.deepEqual(c.names, { full: "Nguyễn Văn Đức" });
  assert.deepEqual(c.contacts, [
    { kind: "email", address: "duc.nguyen@example.vn" },
    { kind: "phone", number: "+84901234567" },
  ]);
  assert.equal(c.lifecycle, "lead");
  assert.equal(c.timeZone, "Asia/Ho_Chi_Minh");
  assert.equal(c.preferredChannel, null);
  assert.equal(c.createdAt, "2026-11-02T09:00:00Z");
  assert.equal(c.updatedAt, "2026-11-02T09:00:00Z");
  for (const email of ["duc.nguyen@example.vn", "DUC.NGUYEN@EXAMPLE.VN"]) {
    assert.deepEqual(ws.findByEmail(email).map((x) => x.id), [id]);
  }
  for (const phone of ["0901234567", "+84901234567", "+84 90 123 4567", "090-123-4567"]) {
    assert.deepEqual(ws.findByPhone(phone).map((x) => x.id), [id], phone);
  }
  assert.deepEqual(ws.findByEmail("nobody@example.vn"), []);
  assert.deepEqual(ws.findByPhone("0909999999"), []);
  assert.equal(ws.customerCount, 1);
  throwsCode(() => ws.findByEmail("not an email"), "invalid_input", { field: "email" });
  throwsCode(() => ws.findByPhone("12"), "invalid_input", { field: "phone" });
});

test("a used phone or email is a conflict naming the holder; allowSharedContacts keeps both", () => {
  const ws = fresh();
  const duc = ws.registerCustomer({ fullName: "Nguyễn Văn Đức", phones: ["0901234567"], emails: ["duc@example.vn"] }, { at: at() });
  const e = unchanged(ws, () => ws.registerCustomer({ fullName: "Someone", phones: ["+84 90 123 4567"] }, { at: at(1) }), "conflict");
  assert.deepEqual(
    { field: e.details.field, value: e.details.value, holderEntity: e.details.holderEntity, holder: e.details.holder },
    { field: "phone", value: "+84901234567", holderEntity: "customer", holder: duc },
  );
  assert.equal(typeof e.details.remedy, "string");
  assert.match(e.message, new RegExp(duc));
  const e2 = throwsCode(() => ws.registerCustomer({ fullName: "Other", emails: ["DUC@example.vn"] }), "conflict");
  assert.equal(e2.details.field, "email");
  assert.equal(e2.details.holder, duc);

  const twin = ws.registerCustomer({ fullName: "Nguyễn Văn Đức (2)", phones: ["0901234567"], allowSharedContacts: true }, { at: at(2) });
  assert.deepEqual(ws.findByPhone("0901234567").map((c) => c.id).sort(), [duc, twin].sort());

  const third = ws.registerCustomer({ fullName: "Trần Bình" }, { at: at(3) });
  throwsCode(() => ws.addContactPoint({ customer: third, contact: { kind: "email", address: "duc@example.vn" } }), "conflict", { holder: duc });
  ws.addContactPoint({ customer: third, contact: { kind: "email", address: "duc@example.vn", label: "shared" }, allowSharedContacts: true }, { at: at(4) });
  assert.equal(ws.findByEmail("duc@example.vn").length, 2);
});

test("invalid emails, phones and names throw invalid_input naming the field", () => {
  const ws = fresh();
  const cases = [
    [{ fullName: "A", emails: ["nope"] }, "email"],
    [{ fullName: "A", emails: ["a@b"] }, "email"],
    [{ fullName: "A", phones: ["12"] }, "phone"],
    [{ fullName: "A", phones: ["not a phone"] }, "phone"],
    [{ fullName: "   " }, "fullName"],
    [{ fullName: "A", language: "??" }, "language"],
    [{ fullName: "A", timeZone: "Mars/Olympus" }, "timeZone"],
    [{ fullName: "A", owner: "nope" }, "owner"],
    [{ fullName: "A", preferredChannel: "fax" }, "preferredChannel"],
    [{ fullName: "A", kind: "robot" }, "kind"],
    [{ fullName: 5 }, "fullName"],
    [{ fullName: "A", tags: "vip" }, "tags"],
    [{ fullName: "A", tags: ["ok", 3] }, "tags[1]"],
    [{ fullName: "A", contacts: [{ kind: "fax", number: "1" }] }, "contacts[0].kind"],
    [{ fullName: "A", contacts: [{ kind: "email" }] }, "contacts[0].address"],
    // Inside a contact point (an internally tagged enum) serde loses the path: the contact is named.
    [{ fullName: "A", contacts: [{ kind: "address", address: { lines: ["x"], postalCode: 5 } }] }, "contacts[0]"],
    [{ fullName: "A", fullNme: "B" }, "fullNme"],
    [{}, "fullName"],
  ];
  for (const [input, field] of cases) {
    const e = unchanged(ws, () => ws.registerCustomer(input, { at: at() }), "invalid_input");
    assert.equal(e.details.field, field, `${JSON.stringify(input)}: ${e.message}`);
    assert.equal(typeof e.details.reason, "string");
    assert.equal(typeof e.details.value, "string");
  }
  const e = throwsCode(() => ws.registerCustomer({ fullName: "A", phones: ["12"] }), "invalid_input");
  assert.equal(e.details.value, "12");
  assert.match(e.message, /^invalid phone "12": /);
  const n = throwsCode(() => ws.registerCustomer({ fullName: "  " }), "invalid_input");
  assert.match(n.message, /^invalid fullName /, "the message names the JS field");
  throwsCode(() => ws.registerCustomer({ fullName: "A", owner: UNKNOWN_ID }), "not_found", { entity: "agent", id: UNKNOWN_ID });
});

test("partial update records only the fields that change; null clears", () => {
  const ws = fresh();
  const id = ws.registerCustomer({ fullName: "Nguyễn Văn Đức", givenName: "Đức", language: "vi" }, { at: at() });
  const seq = ws.seq;
  ws.updateCustomer({ customer: id, fullName: "Nguyễn Văn Đức", givenName: "Đức" }, { at: at(1) });
  assert.equal(ws.seq, seq, "nothing changed, no event");
  ws.updateCustomer({ customer: id, fullName: "Nguyễn Văn Đức", familyName: "Nguyễn", language: null, displayName: "anh Đức" }, { at: at(2) });
  const ev = ws.events(seq);
  assert.equal(ev.length, 1);
  assert.deepEqual(ev[0].payload, {
    type: "customer_updated",
    changes: { familyName: "Nguyễn", displayName: "anh Đức", language: null },
  });
  const c = ws.customer(id);
  assert.deepEqual(c.names, { full: "Nguyễn Văn Đức", given: "Đức", family: "Nguyễn", display: "anh Đức" });
  assert.equal(c.language, null);
  assert.equal(c.updatedAt, at(2).toISOString().replace(".000Z", "Z"));
  ws.updateCustomer({ customer: id, givenName: null }, { at: at(3) });
  assert.equal(ws.customer(id).names.given, undefined);
  assert.deepEqual(ws.events(ws.seq - 1)[0].payload.changes, { givenName: null });
  throwsCode(() => ws.updateCustomer({ customer: UNKNOWN_ID, fullName: "X" }), "not_found", { entity: "customer", id: UNKNOWN_ID });
  throwsCode(() => ws.updateCustomer({ fullName: "X" }), "invalid_input", { field: "customer" });
  throwsCode(() => ws.updateCustomer({ customer: id, preferredChannel: "pigeon" }), "invalid_input", { field: "preferredChannel" });
});

test("tags: add, ignore duplicates, remove, filter", () => {
  const ws = fresh();
  const a = ws.registerCustomer({ fullName: "A", tags: ["vip", "vip", "hà nội"] }, { at: at() });
  const b = ws.registerCustomer({ fullName: "B" }, { at: at() });
  assert.deepEqual(ws.customer(a).tags, ["hà nội", "vip"]);
  ws.tagCustomer(b, ["vip", "new"], { at: at(1) });
  const seq = ws.seq;
  ws.tagCustomer(b, ["vip"], { at: at(2) });
  assert.equal(ws.seq, seq, "already tagged: no event");
  assert.deepEqual(ws.listCustomers({ tag: "vip" }).items.map((c) => c.id), [a, b]);
  ws.untagCustomer(a, ["vip", "absent"], { at: at(3) });
  assert.deepEqual(ws.events(ws.seq - 1)[0].payload, { type: "customer_untagged", tags: ["vip"] });
  assert.deepEqual(ws.listCustomers({ tag: "vip" }).items.map((c) => c.id), [b]);
  throwsCode(() => ws.tagCustomer(b, "vip"), "invalid_input", { field: "tags" });
  throwsCode(() => ws.tagCustomer(b, [""]), "invalid_input", { field: "tag" });
  throwsCode(() => ws.tagCustomer(UNKNOWN_ID, ["x"]), "not_found");
  throwsCode(() => ws.tagCustomer(42, ["x"]), "invalid_input", { field: "customer" });
});

test("consent: grant, withdraw, per channel and purpose", () => {
  const ws = fresh();
  const id = ws.registerCustomer({ fullName: "A" }, { at: at() });
  assert.equal(ws.hasConsent(id, "email", "marketing"), false);
  ws.recordConsent({ customer: id, channel: "email", purpose: "marketing", granted: true, source: "web form" }, { at: at(1) });
  assert.equal(ws.hasConsent(id, "email", "marketing"), true);
  assert.equal(ws.hasConsent(id, "sms", "marketing"), false);
  assert.equal(ws.hasConsent(id, "email", "service"), false);
  ws.recordConsent({ customer: id, channel: "email", purpose: "marketing", granted: false, source: "unsubscribe link" }, { at: at(2) });
  assert.equal(ws.hasConsent(id, "email", "marketing"), false);
  assert.deepEqual(ws.customer(id).consents, [
    { channel: "email", purpose: "marketing", granted: false, at: "2026-11-02T09:02:00Z", source: "unsubscribe link" },
  ]);
  throwsCode(() => ws.hasConsent(id, "fax", "marketing"), "invalid_input", { field: "channel" });
  throwsCode(() => ws.hasConsent(id, "email", "spam"), "invalid_input", { field: "purpose" });
  throwsCode(() => ws.recordConsent({ customer: id, channel: "email", purpose: "marketing", granted: "yes", source: "x" }), "invalid_input", { field: "granted" });
  throwsCode(() => ws.recordConsent({ customer: id, channel: "email", purpose: "marketing", granted: true }), "invalid_input", { field: "source" });
});

test("lifecycle: a transition to the current stage is invalid_transition listing the allowed ones", () => {
  const ws = fresh();
  const id = ws.registerCustomer({ fullName: "A" }, { at: at() });
  ws.changeLifecycle({ customer: id, to: "prospect", reason: "qualified" }, { at: at(1) });
  assert.deepEqual(ws.events(ws.seq - 1)[0].payload, { type: "lifecycle_changed", from: "lead", to: "prospect", reason: "qualified" });
  const e = unchanged(ws, () => ws.changeLifecycle({ customer: id, to: "prospect" }, { at: at(2) }), "invalid_transition");
  assert.equal(e.details.current, "prospect");
  assert.deepEqual(e.details.allowed, ["lead", "customer", "loyal", "churned"]);
  assert.equal(e.details.entity, "customer");
  assert.equal(e.details.id, id);
  throwsCode(() => ws.changeLifecycle({ customer: id, to: "vip" }), "invalid_input", { field: "to" });
  assert.equal(ws.listCustomers({ lifecycle: "prospect" }).items.length, 1);
});

test("tier: set and clear", () => {
  const ws = fresh();
  const id = ws.registerCustomer({ fullName: "A" }, { at: at() });
  ws.setTier(id, "gold", { at: at(1) });
  assert.equal(ws.customer(id).tier, "gold");
  assert.equal(ws.listCustomers({ tier: "gold" }).items.length, 1);
  ws.setTier(id, null, { at: at(2) });
  assert.equal(ws.customer(id).tier, null);
  assert.deepEqual(ws.events(ws.seq - 1)[0].payload, { type: "tier_changed", from: "gold", to: null });
  throwsCode(() => ws.setTier(id), "invalid_input", { field: "tier" });
});

test("archive and restore", () => {
  const ws = fresh();
  const a = ws.registerCustomer({ fullName: "Nguyễn An", phones: ["0901111111"] }, { at: at() });
  ws.archiveCustomer({ customer: a, reason: "duplicate" }, { at: at(1) });
  assert.equal(ws.customer(a).archived, true);
  assert.deepEqual(ws.listCustomers().items, []);
  assert.deepEqual(ws.listCustomers({ archived: true }).items.map((c) => c.id), [a]);
  assert.deepEqual(ws.listCustomers({ archived: null }).items.map((c) => c.id), [a]);
  assert.deepEqual(ws.searchCustomers("nguyen an").hits, []);
  assert.deepEqual(ws.searchCustomers("nguyen an", { includeArchived: true }).hits.map((h) => h.customer.id), [a]);
  const e = unchanged(ws, () => ws.tagCustomer(a, ["x"], { at: at(2) }), "invalid_transition");
  assert.deepEqual(e.details.allowed, ["restore", "record consent"]);
  throwsCode(() => ws.archiveCustomer({ customer: a }), "invalid_transition", { current: "archived" });
  // Its phone is free for others while it is archived...
  const b = ws.registerCustomer({ fullName: "Trần Bình", phones: ["0901111111"] }, { at: at(3) });
  assert.deepEqual(ws.findByPhone("0901111111").map((c) => c.id), [b, a], "active holders first");
  // ...so restoring it is a conflict unless shared contacts are allowed.
  throwsCode(() => ws.restoreCustomer({ customer: a }, { at: at(4) }), "conflict", { holder: b });
  ws.restoreCustomer({ customer: a, allowSharedContacts: true }, { at: at(5) });
  assert.equal(ws.customer(a).archived, false);
  throwsCode(() => ws.restoreCustomer({ customer: a }), "invalid_transition", { current: "active", allowed: ["archive"] });
});

test("memberships of people in organisations", () => {
  const ws = fresh();
  const org = ws.registerCustomer({ fullName: "Công ty TNHH An Phát", kind: "organization" }, { at: at() });
  const person = ws.registerCustomer({ fullName: "Lê Thị Hoa" }, { at: at() });
  ws.addMembership({ person, organization: org, role: "purchasing manager" }, { at: at(1) });
  assert.deepEqual(ws.customer(person).memberships, [{ organization: org, role: "purchasing manager" }]);
  assert.ok(ws.timeline(org).items.some((e) => e.event.payload.type === "membership_added"), "on the org's timeline too");
  throwsCode(() => ws.addMembership({ person: org, organization: person }), "invalid_input", { field: "person" });
  throwsCode(() => ws.addMembership({ person, organization: person }), "invalid_input", { field: "organization" });
  ws.removeMembership({ person, organization: org }, { at: at(2) });
  assert.deepEqual(ws.customer(person).memberships, []);
  throwsCode(() => ws.removeMembership({ person, organization: org }), "not_found", { entity: "membership" });
  assert.deepEqual(ws.listCustomers({ kind: "organization" }).items.map((c) => c.id), [org]);
});

test("listCustomers: filters and stable paging", () => {
  const ws = fresh();
  const mai = ws.registerAgent({ name: "Mai" }, { at: at() });
  const ids = [];
  for (let i = 0; i < 7; i++) {
    ids.push(ws.registerCustomer({ fullName: `Khách ${i}`, owner: i % 2 ? mai : null, tier: i < 3 ? "gold" : null }, { at: at(i) }));
  }
  const seen = [];
  let page = ws.listCustomers({}, { limit: 3 });
  for (;;) {
    seen.push(...page.items.map((c) => c.id));
    assert.ok(page.items.length <= 3);
    if (page.next === null) break;
    assert.equal(page.next, page.items[page.items.length - 1].id);
    page = ws.listCustomers({}, { after: page.next, limit: 3 });
  }
  assert.deepEqual(seen, ids);
  assert.deepEqual(ws.listCustomers({ owner: mai }).items.map((c) => c.id), [ids[1], ids[3], ids[5]]);
  assert.deepEqual(ws.listCustomers({ tier: "gold", owner: mai }).items.map((c) => c.id), [ids[1]]);
  assert.equal(ws.listCustomers().items.length, 7);
  assert.equal(ws.listCustomers(null, null).next, null);
  throwsCode(() => ws.listCustomers({}, { limit: 0 }), "invalid_input", { field: "limit" });
  throwsCode(() => ws.listCustomers({}, { limit: 1001 }), "invalid_input", { field: "limit" });
  throwsCode(() => ws.listCustomers({}, { limit: 2.5 }), "invalid_input", { field: "limit" });
  throwsCode(() => ws.listCustomers({}, { after: "nope" }), "invalid_input", { field: "after" });
  throwsCode(() => ws.listCustomers({}, { after: UNKNOWN_ID }), "not_found");
  throwsCode(() => ws.listCustomers({ colour: "red" }), "invalid_input", { field: "colour" });
  throwsCode(() => ws.listCustomers({ lifecycle: "vip" }), "invalid_input", { field: "lifecycle" });
  throwsCode(() => ws.listCustomers("vip"), "invalid_input", { field: "filter" });
});

test("Vietnamese name search without diacritics", () => {
  const ws = fresh();
  const duc = ws.registerCustomer({ fullName: "Nguyễn Văn Đức" }, { at: at() });
  const anh = ws.registerCustomer({ fullName: "Nguyễn Thị Ánh" }, { at: at() });
  const phuc = ws.registerCustomer({ fullName: "Đức Phúc" }, { at: at() });
  const ids = (q, limit) => ws.searchCustomers(q, { limit }).hits.map((h) => h.customer.id);
  assert.deepEqual(ids("nguyen van duc"), [duc]);
  assert.deepEqual(ids("NGUYEN"), [duc, anh]);
  assert.deepEqual(ids("ngu anh"), [anh]);
  assert.deepEqual(ids("duc"), [phuc, duc]);
  assert.deepEqual(ids("duc", 1), [phuc]);
  assert.deepEqual(ids("Đức Phúc"), [phuc]);
  assert.deepEqual(ids("tran"), []);
  assert.deepEqual(ids(""), []);
  const hit = ws.searchCustomers("nguyen van duc").hits[0];
  assert.equal(typeof hit.score, "number");
  assert.deepEqual(hit.matched, ["name"]);
  assert.equal(hit.customer.names.full, "Nguyễn Văn Đức");
  throwsCode(() => ws.searchCustomers(5), "invalid_input", { field: "text" });
  throwsCode(() => ws.searchCustomers("duc", { limit: -1 }), "invalid_input", { field: "limit" });
});

test("bulk registration: good rows applied, bad rows reported per row", () => {
  const ws = fresh();
  const r = ws.registerCustomers(
    [
      { fullName: "An", phones: ["0901000001"] },
      { fullName: "Bình", emails: ["not-an-email"] },
      { fullName: "Chi", emails: ["chi@example.vn"] },
      { fullName: 42 },
      { fullName: "Dũng", phones: ["+84 90 100 0001"] },
      "junk",
    ],
    { at: at() },
  );
  assert.equal(r.ids.length, 6);
  assert.equal(typeof r.ids[0], "string");
  assert.equal(typeof r.ids[2], "string");
  assert.deepEqual([r.ids[1], r.ids[3], r.ids[4], r.ids[5]], [null, null, null, null]);
  assert.deepEqual(r.errors.map((e) => [e.row, e.code]), [
    [1, "invalid_input"],
    [3, "invalid_input"],
    [4, "conflict"],
    [5, "invalid_input"],
  ]);
  assert.equal(r.errors[0].details.field, "email");
  assert.equal(r.errors[1].details.field, "fullName");
  assert.equal(r.errors[2].details.holder, r.ids[0], "checked against the rows before it");
  assert.equal(typeof r.errors[0].message, "string");
  assert.equal(ws.customerCount, 2);
  assert.deepEqual(ws.registerCustomers([]), { ids: [], errors: [] });
  throwsCode(() => ws.registerCustomers({ fullName: "A" }), "invalid_input", { field: "rows" });
  throwsCode(() => ws.registerCustomers([{ fullName: "A" }], { at: "yesterday" }), "invalid_input", { field: "at" });
  assert.equal(ws.customerCount, 2, "bad opts apply nothing");
});

test("attribute names are kept as given; other keys are camelCase", () => {
  const ws = fresh();
  const attributes = {
    loyalty_points: { type: "integer", value: 120 },
    "Mã khách hàng": { type: "text", value: "KH-001" },
    camelCaseName: { type: "bool", value: true },
    credit_limit: { type: "money", value: { amountMinor: 5_000_000, currency: "vnd" } },
    birthday: { type: "date", value: "1990-05-17" },
    first_order: { type: "date_time", value: new Date("2026-01-02T03:04:05Z") },
    ratio: { type: "number", value: 0.25 },
  };
  const id = ws.registerCustomer({ fullName: "A", attributes }, { at: at() });
  const c = ws.customer(id);
  assert.deepEqual(Object.keys(c.attributes).sort(), Object.keys(attributes).sort());
  assert.deepEqual(c.attributes.loyalty_points, { type: "integer", value: 120 });
  assert.deepEqual(c.attributes.credit_limit, { type: "money", value: { amountMinor: 5_000_000, currency: "VND" } });
  assert.deepEqual(c.attributes.first_order, { type: "date_time", value: "2026-01-02T03:04:05Z" });
  assert.deepEqual(c.attributes.ratio, { type: "number", value: 0.25 });
  const registered = ws.events(ws.seq - 1)[0].payload;
  assert.deepEqual(Object.keys(registered.attributes).sort(), Object.keys(attributes).sort());

  ws.updateCustomer({ customer: id, attributes: { loyalty_points: null, new_key: { type: "text", value: "x" } } }, { at: at(1) });
  const changes = ws.events(ws.seq - 1)[0].payload.changes;
  assert.deepEqual(changes, { attributes: { loyalty_points: null, new_key: { type: "text", value: "x" } } });
  assert.equal("loyalty_points" in ws.customer(id).attributes, false);
  assert.ok("new_key" in ws.customer(id).attributes);

  throwsCode(() => ws.registerCustomer({ fullName: "B", attributes: { x: { type: "integer", value: 1.5 } } }), "invalid_input", { field: "attributes.x.value" });
  throwsCode(() => ws.registerCustomer({ fullName: "B", attributes: { my_key: { type: "colour", value: 1 } } }), "invalid_input", { field: "attributes.my_key.type" });
  throwsCode(() => ws.registerCustomer({ fullName: "B", attributes: { "a.b": { type: "text", value: "x" } } }), "invalid_input", { field: "attribute" });
  throwsCode(() => ws.registerCustomer({ fullName: "B", attributes: { m: { type: "money", value: { amountMinor: 1, currency: "dollars" } } } }), "invalid_input", { field: "attributes.m.currency" });
});
