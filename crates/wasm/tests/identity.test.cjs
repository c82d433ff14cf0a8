// Identity through the JavaScript API: merge and unmerge of duplicate
// customers, erasure of personal data, the per-customer export, the contact
// check (mayContact) and id resolution.
"use strict";
const { test } = require("node:test");
const assert = require("node:assert/strict");
const { cc, at, UNKNOWN_ID, fresh, throwsCode, unchanged } = require("./helpers.cjs");

/** Asserts the call throws `code` and leaves log and state as they were; returns the error. */
function refused(ws, fn, code) {
  const before = cc.Workspace.importLog(ws.exportLog());
  const e = unchanged(ws, fn, code);
  assert.ok(ws.equals(before), `${code}: the workspace changed`);
  return e;
}

/** Two records of one person, each with a complaint, an interaction and a purchase. */
function duplicates() {
  const ws = fresh();
  const a = ws.registerCustomer(
    { fullName: "Nguyễn Văn Đức", emails: ["duc@example.vn"], tags: ["vip"], language: "vi" },
    { at: at(0) },
  );
  const b = ws.registerCustomer(
    { fullName: "Nguyen Van Duc", givenName: "Đức", familyName: "Nguyễn", phones: ["0901234567"], tags: ["zalo"], timeZone: "Asia/Ho_Chi_Minh" },
    { at: at(1) },
  );
  const complaint = ws.openComplaint({ customer: b, channel: "phone", subject: "Giao hàng trễ", description: "Đơn 123 trễ 3 ngày" }, { at: at(2) });
  const call = ws.logInteraction({ customer: b, channel: "phone", subject: "Gọi lại", summary: "Khách hỏi đơn 123" }, { at: at(3) });
  const purchase = ws.recordPurchase(
    { customer: b, channel: "web", description: "Ghế gỗ", amount: { amountMinor: 1_500_000, currency: "VND" } },
    { at: at(4) },
  );
  const own = ws.logInteraction({ customer: a, channel: "email", subject: "Chào" }, { at: at(5) });
  return { ws, a, b, complaint, call, purchase, own };
}

test("a merge moves the records to the survivor; the merged id resolves to it", () => {
  const { ws, a, b, complaint, call, purchase, own } = duplicates();
  const seq = ws.seq;
  ws.mergeCustomers({ survivor: a, merged: [b], reason: "same phone" }, { at: at(10) });
  assert.equal(ws.seq, seq + 1);

  const survivor = ws.customer(a);
  assert.equal(survivor.id, a);
  assert.equal(survivor.mergedInto, null);
  assert.equal(survivor.erasedAt, null);
  assert.equal(survivor.names.full, "Nguyễn Văn Đức");
  assert.deepEqual(survivor.contacts, [
    { kind: "email", address: "duc@example.vn" },
    { kind: "phone", number: "+84901234567" },
  ]);
  assert.deepEqual([...survivor.tags].sort(), ["vip", "zalo"]);
  assert.equal(survivor.language, "vi");
  // The survivor had no time zone: the merged record's fills the gap.
  assert.equal(survivor.timeZone, "Asia/Ho_Chi_Minh");

  // The old id resolves to the survivor everywhere.
  assert.equal(ws.resolveCustomer(b), a);
  assert.equal(ws.resolveCustomer(a), a);
  assert.equal(ws.customer(b).id, a);
  assert.deepEqual(ws.findByPhone("0901234567").map((c) => c.id), [a]);

  assert.equal(ws.complaint(complaint).customer, a);
  assert.equal(ws.interaction(call).customer, a);
  assert.equal(ws.purchase(purchase).customer, a);
  assert.deepEqual(ws.complaintsOf(a).map((c) => c.id), [complaint]);
  assert.deepEqual(ws.interactionsOf(a).map((i) => i.id).sort(), [call, own].sort());
  assert.deepEqual(ws.purchasesOf(a).map((p) => p.id), [purchase]);
  assert.deepEqual(ws.complaintsOf(b).map((c) => c.id), [complaint], "a merged id reads the survivor's records");

  const [ev] = ws.events(seq);
  assert.equal(ev.payload.type, "customers_merged");
  assert.deepEqual(ev.entity, { kind: "customer", id: a });
  assert.deepEqual(ev.payload.merged, [b]);
  assert.equal(ev.payload.reason, "same phone");
  assert.equal(ev.payload.timeZone, "Asia/Ho_Chi_Minh", "payload keys are camelCase");

  // The merged record stays, hidden, in the export of the survivor.
  const exp = ws.exportCustomer(b);
  assert.equal(exp.customer.id, a);
  assert.deepEqual(exp.mergedCustomers.map((c) => [c.id, c.mergedInto]), [[b, a]]);
  assert.equal(ws.customerCount, 2);
  assert.deepEqual(ws.listCustomers().items.map((c) => c.id), [a]);
});

test("survivorship rules pick each field; keys are camelCase", () => {
  const { ws, a, b } = duplicates();
  ws.updateCustomer({ customer: b, preferredChannel: "sms" }, { at: at(6) });
  ws.mergeCustomers(
    { survivor: a, merged: [b], rules: { names: "most_complete", preferredChannel: "most_recent", language: "survivor" } },
    { at: at(10) },
  );
  const c = ws.customer(a);
  assert.deepEqual(c.names, { full: "Nguyen Van Duc", given: "Đức", family: "Nguyễn" });
  assert.equal(c.preferredChannel, "sms");
  assert.equal(c.language, "vi");
});

test("unmerge restores both customers and their records as they were", () => {
  const { ws, a, b, complaint, call, purchase, own } = duplicates();
  const before = [ws.customer(a), ws.customer(b)];
  const exportsBefore = [ws.exportCustomer(a), ws.exportCustomer(b)];
  ws.mergeCustomers({ survivor: a, merged: [b], rules: { default: "most_recent" } }, { at: at(10) });
  assert.notDeepEqual(ws.customer(a), before[0]);

  const seq = ws.seq;
  ws.unmergeCustomers(b, { at: at(11) });
  assert.equal(ws.seq, seq + 1);
  const [ev] = ws.events(seq);
  assert.deepEqual(ev.payload, { type: "customers_unmerged", merged: [b] });

  const after = [ws.customer(a), ws.customer(b)];
  assert.deepEqual(after, before);
  assert.equal(after[1].mergedInto, null);
  assert.equal(ws.resolveCustomer(b), b);
  assert.equal(ws.complaint(complaint).customer, b);
  assert.equal(ws.interaction(call).customer, b);
  assert.equal(ws.purchase(purchase).customer, b);
  assert.equal(ws.interaction(own).customer, a);
  for (const [i, id] of [a, b].entries()) {
    const exp = ws.exportCustomer(id);
    for (const part of ["interactions", "complaints", "purchases", "mergedCustomers"]) {
      assert.deepEqual(exp[part].map((r) => r.id), exportsBefore[i][part].map((r) => r.id), part);
    }
  }
  assert.deepEqual(ws.findByPhone("0901234567").map((c) => c.id), [b]);
});

test("refused merges and unmerges throw their code and change nothing", () => {
  const { ws, a, b } = duplicates();
  const org = ws.registerCustomer({ fullName: "Công ty An Phát", kind: "organization" }, { at: at(6) });
  ws.takeRewritten();
  const gone = ws.registerCustomer({ fullName: "Lê Thị Hoa", emails: ["hoa@example.vn"] }, { at: at(7) });
  const registered = ws.seq;
  assert.deepEqual(ws.takeRewritten(), []);
  ws.eraseCustomer(gone, { at: at(8) });
  // The erasure rewrote her registration: a stored copy must replace it.
  assert.deepEqual(ws.takeRewritten(), [registered]);
  assert.deepEqual(ws.takeRewritten(), []);

  const itself = refused(ws, () => ws.mergeCustomers({ survivor: a, merged: [a] }, { at: at(10) }), "invalid_input");
  assert.equal(typeof itself.details.reason, "string");
  refused(ws, () => ws.mergeCustomers({ survivor: a, merged: [] }, { at: at(10) }), "invalid_input");
  refused(ws, () => ws.mergeCustomers({ survivor: a, merged: [b, b] }, { at: at(10) }), "invalid_input");
  refused(ws, () => ws.mergeCustomers({ survivor: a, merged: [org] }, { at: at(10) }), "invalid_input");
  const erased = refused(ws, () => ws.mergeCustomers({ survivor: gone, merged: [b] }, { at: at(10) }), "invalid_transition");
  assert.equal(erased.details.entity, "customer");
  assert.equal(erased.details.current, "erased");
  refused(ws, () => ws.mergeCustomers({ survivor: a, merged: [gone] }, { at: at(10) }), "invalid_transition");
  const missing = refused(ws, () => ws.mergeCustomers({ survivor: a, merged: [UNKNOWN_ID] }, { at: at(10) }), "not_found");
  assert.deepEqual(missing.details, { entity: "customer", id: UNKNOWN_ID });

  const rule = refused(ws, () => ws.mergeCustomers({ survivor: a, merged: [b], rules: { names: "longest" } }), "invalid_input");
  assert.equal(rule.details.field, "rules.names");
  assert.equal(rule.details.value, "longest");
  const key = refused(ws, () => ws.mergeCustomers({ survivor: a, merged: [b], rules: { timezone: "survivor" } }), "invalid_input");
  assert.equal(key.details.field, "rules.timezone");
  assert.match(key.message, /timeZone/);
  refused(ws, () => ws.mergeCustomers({ survivor: a, merged: [b], rules: { default: null } }), "invalid_input");
  throwsCode(() => ws.mergeCustomers({ survivor: a, merged: b }), "invalid_input", { field: "merged" });
  throwsCode(() => ws.mergeCustomers({ survivor: "nope", merged: [b] }), "invalid_input", { field: "survivor" });
  throwsCode(() => ws.mergeCustomers({ merged: [b] }), "invalid_input", { field: "survivor" });
  throwsCode(() => ws.mergeCustomers("a"), "invalid_input", { field: "input" });
  throwsCode(() => ws.mergeCustomers({ survivor: a, merged: [b] }, { at: "2026-11-02T09:00:00" }), "invalid_input", { field: "at" });

  const never = refused(ws, () => ws.unmergeCustomers(b, { at: at(10) }), "invalid_transition");
  assert.equal(never.details.id, b);
  refused(ws, () => ws.unmergeCustomers(UNKNOWN_ID), "not_found");
  throwsCode(() => ws.unmergeCustomers(5), "invalid_input", { field: "customer" });

  // A merged customer cannot be merged again; only unmerged.
  ws.mergeCustomers({ survivor: a, merged: [b] }, { at: at(10) });
  const twice = refused(ws, () => ws.mergeCustomers({ survivor: org, merged: [b] }, { at: at(11) }), "invalid_transition");
  assert.deepEqual(twice.details.allowed, ["unmerge"]);
  refused(ws, () => ws.unmergeCustomers(a, { at: at(11) }), "invalid_transition");
  refused(ws, () => ws.eraseCustomer(gone, { at: at(11) }), "invalid_transition");
});

test("merge, unmerge and erase run as commands through execute", () => {
  const { ws, a, b } = duplicates();
  const merged = ws.execute(
    { type: "merge_customers", survivor: a, merged: [b], rules: { default: "most_complete", timeZone: "survivor" }, reason: "dup" },
    { at: at(10) },
  );
  assert.deepEqual(merged, { created: null, firstSeq: ws.seq, events: 1 });
  assert.equal(ws.resolveCustomer(b), a);
  assert.equal(ws.execute({ type: "unmerge_customers", customer: b }, { at: at(11) }).events, 1);
  assert.equal(ws.resolveCustomer(b), b);
  assert.equal(ws.execute({ type: "erase_customer", customer: b }, { at: at(12) }).events, 1);
  assert.notEqual(ws.customer(b).erasedAt, null);
  const e = refused(ws, () => ws.execute({ type: "merge_customers", survivor: a, merged: [b], rules: { tier: "best" } }), "invalid_input");
  assert.equal(e.details.field, "rules.tier");
  refused(ws, () => ws.execute({ type: "erase_customer", customer: b, why: "x" }), "invalid_input");
  refused(ws, () => ws.execute({ type: "unmerge_customers" }), "invalid_input");
});

test("erasure leaves no name, email or phone in the log; the log replays to the same workspace", () => {
  const { ws, a, b, complaint, call } = duplicates();
  ws.recordConsent({ customer: b, channel: "sms", purpose: "marketing", granted: true, source: "cửa hàng" }, { at: at(6) });
  ws.updateCustomer({ customer: b, displayName: "Anh Đức", attributes: { "Mã KH": { type: "text", value: "KH-001" } } }, { at: at(7) });
  ws.respondToComplaint({ complaint, body: "Chào anh Đức, 0901234567", automated: true }, { at: at(8) });
  ws.mergeCustomers({ survivor: a, merged: [b] }, { at: at(9) });
  const before = ws.exportLog();
  for (const s of ["Nguyễn Văn Đức", "Nguyen Van Duc", "duc@example.vn", "+84901234567", "Anh Đức", "KH-001"]) {
    assert.ok(before.includes(s), s);
  }

  ws.eraseCustomer(b, { at: at(20) });
  const [ev] = ws.events(ws.seq - 1);
  assert.deepEqual(ev.payload, { type: "customer_erased", merged: [b] });
  assert.deepEqual(ev.entity, { kind: "customer", id: a });

  const log = ws.exportLog();
  for (const s of ["Nguyễn Văn Đức", "Nguyen Van Duc", "Nguyễn", "Đức", "duc@example.vn", "+84901234567", "0901234567", "KH-001", "Giao hàng trễ", "Đơn 123", "cửa hàng"]) {
    assert.ok(!log.includes(s), `the log still holds ${s}`);
  }
  assert.equal(cc.Workspace.ERASED, "[erased]");
  const c = ws.customer(a);
  assert.deepEqual(c.names, { full: cc.Workspace.ERASED });
  assert.deepEqual(c.contacts, []);
  assert.deepEqual(c.tags, []);
  assert.deepEqual(c.attributes, {});
  assert.equal(c.erasedAt, "2026-11-02T09:20:00Z");
  assert.equal(ws.customer(b).id, a);
  assert.notEqual(ws.exportCustomer(a).mergedCustomers[0].erasedAt, null);
  // The consent decision stays (anonymous), the source does not.
  assert.deepEqual(c.consents.map((k) => [k.channel, k.purpose, k.granted]), [["sms", "marketing", true]]);
  assert.equal(ws.complaint(complaint).customer, a);
  assert.equal(ws.interaction(call).subject, null);
  assert.deepEqual(ws.findByEmail("duc@example.vn"), []);
  assert.deepEqual(ws.searchCustomers("nguyen van duc"), { hits: [], total: 0, nextOffset: null });

  const again = cc.Workspace.importLog(log, 7);
  assert.ok(again.equals(ws));
  assert.equal(again.exportLog(), log);
  assert.deepEqual(again.customer(a), ws.customer(a));
  assert.deepEqual(again.exportCustomer(b), ws.exportCustomer(b));

  const twice = refused(ws, () => ws.eraseCustomer(a, { at: at(21) }), "invalid_transition");
  assert.equal(twice.details.current, "erased");
  refused(ws, () => ws.eraseCustomer(UNKNOWN_ID), "not_found");
  throwsCode(() => ws.eraseCustomer(undefined), "invalid_input", { field: "customer" });
  refused(ws, () => ws.unmergeCustomers(b, { at: at(21) }), "invalid_transition");
});

test("mayContact follows the consent history over time", () => {
  const ws = fresh();
  const id = ws.registerCustomer({ fullName: "Trần Bình", emails: ["binh@example.vn"] }, { at: at(0) });
  const none = ws.mayContact(id, "email", "marketing", at(5));
  assert.deepEqual(none, { customer: id, allowed: false, reason: "no_consent", reachable: true, consent: null });

  ws.recordConsent({ customer: id, channel: "email", purpose: "marketing", granted: true, source: "web form" }, { at: at(10) });
  ws.recordConsent({ customer: id, channel: "email", purpose: "marketing", granted: false, source: "unsubscribe link" }, { at: at(20) });

  assert.equal(ws.mayContact(id, "email", "marketing", at(5)).reason, "no_consent", "before the grant");
  const granted = ws.mayContact(id, "email", "marketing", at(15));
  assert.deepEqual(granted, {
    customer: id,
    allowed: true,
    reason: "granted",
    reachable: true,
    consent: { channel: "email", purpose: "marketing", granted: true, at: "2026-11-02T09:10:00Z", source: "web form" },
  });
  assert.equal(ws.mayContact(id, "email", "marketing", "2026-11-02T16:10:00+07:00").allowed, true, "the instant of the grant");
  const withdrawn = ws.mayContact(id, "email", "marketing", at(25));
  assert.equal(withdrawn.allowed, false);
  assert.equal(withdrawn.reason, "withdrawn");
  assert.equal(withdrawn.consent.source, "unsubscribe link");
  assert.equal(ws.mayContact(id, "email", "marketing").reason, "withdrawn", "now by default");

  // Another purpose or channel has its own decisions; reachability is reported, not required.
  assert.equal(ws.mayContact(id, "email", "service", at(25)).reason, "no_consent");
  ws.recordConsent({ customer: id, channel: "sms", purpose: "service", granted: true, source: "call" }, { at: at(30) });
  const sms = ws.mayContact(id, "sms", "service", at(31));
  assert.equal(sms.allowed, true);
  assert.equal(sms.reachable, false);
  assert.equal(ws.mayContact(id, "live_chat", "service", at(31)).reachable, true);

  ws.archiveCustomer({ customer: id }, { at: at(40) });
  assert.deepEqual(
    [ws.mayContact(id, "sms", "service", at(41)).reason, ws.mayContact(id, "sms", "service", at(41)).allowed],
    ["archived", false],
  );
  ws.restoreCustomer({ customer: id }, { at: at(42) });
  ws.eraseCustomer(id, { at: at(50) });
  assert.equal(ws.mayContact(id, "sms", "service", at(51)).reason, "erased");

  throwsCode(() => ws.mayContact(id, "fax", "service"), "invalid_input", { field: "channel" });
  throwsCode(() => ws.mayContact(id, "sms", "spam"), "invalid_input", { field: "purpose" });
  throwsCode(() => ws.mayContact(id, "sms", "service", "tomorrow"), "invalid_input", { field: "at" });
  throwsCode(() => ws.mayContact(id, "sms", "service", new Date(Number.NaN)), "invalid_input", { field: "at" });
  throwsCode(() => ws.mayContact(UNKNOWN_ID, "sms", "service"), "not_found");
  throwsCode(() => ws.mayContact("x", "sms", "service"), "invalid_input", { field: "customer" });
});

test("after a merge mayContact answers for the survivor with the most restrictive decision", () => {
  const { ws, a, b } = duplicates();
  ws.recordConsent({ customer: a, channel: "email", purpose: "marketing", granted: true, source: "web" }, { at: at(6) });
  ws.recordConsent({ customer: b, channel: "email", purpose: "marketing", granted: false, source: "call" }, { at: at(7) });
  assert.equal(ws.mayContact(a, "email", "marketing", at(8)).allowed, true);
  assert.equal(ws.mayContact(b, "email", "marketing", at(8)).allowed, false);
  ws.mergeCustomers({ survivor: a, merged: [b] }, { at: at(10) });
  const d = ws.mayContact(b, "email", "marketing", at(11));
  assert.equal(d.customer, a);
  assert.equal(d.allowed, false);
  assert.equal(d.reason, "withdrawn");
  // Past instants read the merged history: every merged record's decisions count.
  assert.equal(ws.mayContact(a, "email", "marketing", at(6)).reason, "granted");
  assert.equal(ws.mayContact(a, "email", "marketing", at(8)).reason, "withdrawn");
  ws.unmergeCustomers(b, { at: at(12) });
  assert.equal(ws.mayContact(a, "email", "marketing", at(13)).reason, "granted");
  assert.equal(ws.mayContact(b, "email", "marketing", at(13)).reason, "withdrawn");
});

test("exportCustomer holds everything about the customer as plain JSON data", () => {
  const { ws, a, b, complaint, call, purchase } = duplicates();
  ws.scheduleFollowUp({ customer: b, kind: "call", subject: "Gọi lại", dueAt: at(60) }, { at: at(6) });
  const exp = ws.exportCustomer(b);
  assert.equal(exp.format, "clientcare.customer_export");
  assert.equal(exp.version, 1);
  assert.deepEqual(exp.customer, ws.customer(b));
  assert.deepEqual(exp.mergedCustomers, []);
  assert.deepEqual(exp.interactions.map((i) => i.id), [call]);
  assert.deepEqual(exp.complaints, [ws.complaint(complaint)]);
  assert.deepEqual(exp.purchases, [ws.purchase(purchase)]);
  assert.deepEqual(exp.opportunities, []);
  assert.deepEqual(exp.referrals, []);
  assert.equal(exp.followUps.length, 1);
  assert.equal(exp.followUps[0].subject, "Gọi lại");
  assert.deepEqual(exp.playbookRuns, []);
  assert.deepEqual(exp.surveys, []);
  assert.deepEqual(
    Object.keys(exp),
    ["format", "version", "customer", "mergedCustomers", "interactions", "complaints", "opportunities", "purchases", "referrals", "followUps", "playbookRuns", "surveys", "events"],
  );
  const types = exp.events.map((e) => e.payload.type);
  assert.equal(types[0], "customer_registered");
  assert.ok(types.includes("complaint_opened") || types.includes("interaction_logged"), types.join());
  assert.ok(exp.events.every((e, i) => i === 0 || e.seq > exp.events[i - 1].seq), "log order");
  assert.deepEqual(JSON.parse(JSON.stringify(exp)), exp, "plain data");
  assert.equal(Object.getPrototypeOf(exp), Object.prototype);

  ws.mergeCustomers({ survivor: a, merged: [b] }, { at: at(10) });
  const merged = ws.exportCustomer(a);
  assert.equal(merged.customer.id, a);
  assert.deepEqual(merged.mergedCustomers.map((c) => c.id), [b]);
  assert.deepEqual(merged.complaints.map((c) => c.id), [complaint]);
  assert.equal(merged.interactions.length, 2);
  assert.ok(merged.events.some((e) => e.payload.type === "customers_merged"));

  throwsCode(() => ws.exportCustomer(UNKNOWN_ID), "not_found");
  throwsCode(() => ws.exportCustomer(null), "invalid_input", { field: "customer" });
  throwsCode(() => ws.resolveCustomer(UNKNOWN_ID), "not_found", { entity: "customer", id: UNKNOWN_ID });
  throwsCode(() => ws.resolveCustomer("nope"), "invalid_input", { field: "id" });
});

// ----- search -----

/** Customers to search: Vietnamese names, emails, phones, tags, an organisation, an archived one. */
function people() {
  const ws = fresh();
  const duc = ws.registerCustomer(
    { fullName: "Nguyễn Văn Đức", emails: ["duc.nguyen@example.vn"], phones: ["0901234567"], tags: ["khách quen"] },
    { at: at(0) },
  );
  const anh = ws.registerCustomer({ fullName: "Nguyễn Thị Ánh", phones: ["0912345678"], tags: ["vip"] }, { at: at(1) });
  const org = ws.registerCustomer({ fullName: "Công ty Nguyễn Phát", kind: "organization", emails: ["info@nguyenphat.vn"] }, { at: at(2) });
  const old = ws.registerCustomer({ fullName: "Nguyễn Cũ" }, { at: at(3) });
  ws.archiveCustomer({ customer: old }, { at: at(4) });
  return { ws, duc, anh, org, old };
}

const ids = (res) => res.hits.map((h) => h.customer.id);

test("search folds case and diacritics, tolerates typos, and finds emails, phones and tags", () => {
  const { ws, duc, anh, org, old } = people();
  const seq = ws.seq;
  const log = ws.exportLog();

  const folded = ws.searchCustomers("nguyen van duc");
  assert.deepEqual(ids(folded), [duc]);
  assert.deepEqual(folded.hits[0].matched, ["name"]);
  assert.equal(folded.hits[0].customer.names.full, "Nguyễn Văn Đức");
  assert.equal(typeof folded.hits[0].score, "number");
  assert.deepEqual([folded.total, folded.nextOffset], [1, null]);
  assert.deepEqual(ids(ws.searchCustomers("NGUYỄN VĂN ĐỨC")), [duc]);
  assert.deepEqual(ids(ws.searchCustomers("duc nguyen")), [duc], "word order does not matter");

  const typo = ws.searchCustomers("nguyne van duc");
  assert.deepEqual(ids(typo), [duc]);
  assert.ok(typo.hits[0].matched.includes("name_typo"), typo.hits[0].matched.join());
  assert.deepEqual(ids(ws.searchCustomers("nguyne van duc", { typos: false })), []);

  const email = ws.searchCustomers("duc.ng");
  assert.deepEqual(ids(email), [duc]);
  assert.ok(email.hits[0].matched.includes("email"), email.hits[0].matched.join());
  assert.deepEqual(ids(ws.searchCustomers("DUC.NGUYEN@EXAMPLE.VN")), [duc]);

  for (const phone of ["+84 90 123 4567", "090-123-4567", "(090) 1234567", "+84901234567"]) {
    const found = ws.searchCustomers(phone);
    assert.deepEqual(ids(found), [duc], phone);
    assert.deepEqual(found.hits[0].matched, ["phone"], phone);
  }

  const tag = ws.searchCustomers("vip");
  assert.deepEqual(ids(tag), [anh]);
  assert.deepEqual(tag.hits[0].matched, ["tag"]);
  assert.deepEqual(ids(ws.searchCustomers("khach quen")), [duc]);

  // Kind and archived filters.
  assert.deepEqual(ids(ws.searchCustomers("nguyen")).sort(), [duc, anh, org].sort());
  assert.deepEqual(ids(ws.searchCustomers("nguyen", { kind: "organization" })), [org]);
  assert.deepEqual(ids(ws.searchCustomers("nguyen", { kind: "person" })).sort(), [duc, anh].sort());
  assert.deepEqual(ids(ws.searchCustomers("nguyen cu")), []);
  assert.deepEqual(ids(ws.searchCustomers("nguyen cu", { includeArchived: true })), [old]);
  assert.deepEqual(ws.searchCustomers("   "), { hits: [], total: 0, nextOffset: null });
  assert.deepEqual(ws.searchCustomers("tran"), { hits: [], total: 0, nextOffset: null });

  // Searching changes nothing.
  assert.equal(ws.seq, seq);
  assert.equal(ws.exportLog(), log);
});

test("search pages concatenate to the whole ranking; total counts every match", () => {
  const ws = fresh();
  const rows = Array.from({ length: 25 }, (_, i) => ({ fullName: `Nguyễn Khách ${String.fromCharCode(65 + i)}` }));
  const { ids: registered } = ws.registerCustomers(rows, { at: at(0) });
  const all = ws.searchCustomers("nguyen", { limit: 100 });
  assert.equal(all.total, 25);
  assert.equal(all.nextOffset, null);
  assert.deepEqual(ids(all).sort(), [...registered].sort());

  const paged = [];
  const offsets = [];
  let offset = 0;
  for (;;) {
    const page = ws.searchCustomers("nguyen", { offset, limit: 10 });
    assert.equal(page.total, 25);
    assert.ok(page.hits.length <= 10);
    paged.push(...ids(page));
    offsets.push(page.nextOffset);
    if (page.nextOffset === null) break;
    offset = page.nextOffset;
  }
  assert.deepEqual(offsets, [10, 20, null]);
  assert.deepEqual(paged, ids(all));
  assert.deepEqual(ws.searchCustomers("nguyen", { offset: 100 }), { hits: [], total: 25, nextOffset: null });
  assert.equal(ws.searchCustomers("nguyen").hits.length, 20, "20 hits by default");
});

test("bad search arguments throw invalid_input naming the field", () => {
  const { ws } = people();
  const seq = ws.seq;
  for (const limit of [0, 1001, -1, 1.5, "10"]) {
    throwsCode(() => ws.searchCustomers("nguyen", { limit }), "invalid_input", { field: "limit" });
  }
  throwsCode(() => ws.searchCustomers("nguyen", { offset: -1 }), "invalid_input", { field: "offset" });
  throwsCode(() => ws.searchCustomers("nguyen", { kind: "robot" }), "invalid_input", { field: "kind" });
  throwsCode(() => ws.searchCustomers("nguyen", { includeArchived: "yes" }), "invalid_input", { field: "includeArchived" });
  throwsCode(() => ws.searchCustomers("nguyen", { include_archived: true }), "invalid_input", { field: "include_archived" });
  throwsCode(() => ws.searchCustomers("nguyen", { text: "x" }), "invalid_input", { field: "text" });
  throwsCode(() => ws.searchCustomers("nguyen", 5), "invalid_input", { field: "options" });
  throwsCode(() => ws.searchCustomers("x".repeat(257)), "invalid_input", { field: "text" });
  throwsCode(() => ws.searchCustomers(undefined), "invalid_input", { field: "text" });
  assert.equal(ws.searchCustomers("x".repeat(256)).total, 0);
  assert.equal(ws.seq, seq);
});

// ----- duplicates -----

/** Two records of one person sharing a phone, a family member sharing it too, and someone else. */
function lookalikes() {
  const ws = fresh();
  const a = ws.registerCustomer({ fullName: "Nguyễn Văn Đức", phones: ["0901234567"], emails: ["duc@example.vn"] }, { at: at(0) });
  const b = ws.registerCustomer({ fullName: "Nguyen Van Duc", phones: ["+84 90 123 4567"], allowSharedContacts: true }, { at: at(1) });
  const mother = ws.registerCustomer({ fullName: "Lê Thị Hoa", phones: ["0901234567"], allowSharedContacts: true }, { at: at(2) });
  const other = ws.registerCustomer({ fullName: "Trần Bình", emails: ["binh@example.vn"] }, { at: at(3) });
  return { ws, a, b, mother, other };
}

test("two similar customers sharing a phone are found by check, duplicatesOf and scan, with reasons", () => {
  const { ws, a, b, mother, other } = lookalikes();
  const seq = ws.seq;
  const log = ws.exportLog();
  const reasons = [
    { rule: "phone", value: "+84901234567" },
    { rule: "name", metric: "jaro_winkler", similarity: 1 },
  ];

  const draft = ws.checkDuplicates({ fullName: "NGUYEN VAN DUC", phones: ["090.123.4567"] });
  assert.deepEqual(draft.map((m) => m.customer).sort(), [a, b].sort());
  for (const m of draft) {
    assert.equal(m.score, 1);
    assert.deepEqual(m.reasons, reasons);
  }
  assert.deepEqual(ws.checkDuplicates({ fullName: "Someone Else", phones: ["0909999999"] }), []);

  assert.deepEqual(ws.duplicatesOf(a), [{ customer: b, score: 1, reasons }]);
  assert.deepEqual(ws.duplicatesOf(b).map((m) => m.customer), [a]);
  assert.deepEqual(ws.duplicatesOf(mother), [], "a shared phone alone is not a duplicate");
  assert.deepEqual(ws.duplicatesOf(other), []);

  const report = ws.scanDuplicates();
  assert.deepEqual(report.pairs, [{ a, b, score: 1, reasons }]);
  assert.equal(report.customers, 4);
  assert.equal(typeof report.comparisons, "number");
  assert.ok(report.comparisons >= 1);
  assert.equal(report.skippedBlocks, 0);
  assert.equal(report.cancelled, false);

  // Scores whatever the threshold; a shared phone alone weighs 0.5.
  const family = ws.compareCustomers(a, mother);
  assert.deepEqual(family, { customer: mother, score: 0.5, reasons: [{ rule: "phone", value: "+84901234567" }] });
  assert.deepEqual(ws.compareCustomers(a, other), { customer: other, score: 0, reasons: [] });
  // ... and is a duplicate under a lower threshold.
  assert.deepEqual(ws.duplicatesOf(mother, { threshold: 0.5 }).map((m) => m.customer).sort(), [a, b].sort());
  assert.equal(ws.scanDuplicates({ threshold: 0.5 }).pairs.length, 3);
  assert.equal(ws.duplicatesOf(a, { threshold: 0.5, limit: 1 }).length, 1);
  assert.deepEqual(ws.duplicatesOf(a, { nameMetric: "exact", phone: 0 }), []);

  // Merged customers are no candidates any more.
  ws.mergeCustomers({ survivor: a, merged: [b] }, { at: at(10) });
  assert.deepEqual(ws.scanDuplicates().pairs, []);
  assert.deepEqual(ws.duplicatesOf(b), []);

  assert.equal(ws.seq, seq + 1, "only the merge wrote an event");
  assert.ok(ws.exportLog().startsWith(log));
});

test("scan progress is reported per phase; false cancels; a thrown error stops the scan and propagates", () => {
  const { ws } = lookalikes();
  for (let i = 0; i < 30; i++) {
    ws.registerCustomer({ fullName: `Phạm Minh ${i}`, phones: [`09123400${String(i).padStart(2, "0")}`] }, { at: at(10 + i) });
  }
  const seq = ws.seq;
  const log = ws.exportLog();

  const seen = [];
  const full = ws.scanDuplicates(undefined, (p) => {
    seen.push(p);
  });
  assert.equal(full.cancelled, false);
  assert.equal(full.pairs.length, 1);
  assert.ok(seen.length >= 3, `${seen.length} calls`);
  const order = ["profiles", "blocking", "comparing"];
  let phase = 0;
  for (const p of seen) {
    assert.deepEqual(Object.keys(p).sort(), ["done", "phase", "total"]);
    assert.ok(order.indexOf(p.phase) >= phase, `phases in order: ${p.phase}`);
    phase = order.indexOf(p.phase);
    assert.ok(Number.isInteger(p.done) && Number.isInteger(p.total) && p.done <= p.total, JSON.stringify(p));
  }
  assert.deepEqual([...new Set(seen.map((p) => p.phase))], order);
  assert.ok(seen.some((p) => p.phase === "profiles" && p.done === p.total && p.total === full.customers));
  assert.deepEqual(ws.scanDuplicates(undefined, () => true), full, "true continues");

  // Returning false stops at once.
  let calls = 0;
  const cancelled = ws.scanDuplicates({}, () => {
    calls += 1;
    return false;
  });
  assert.equal(calls, 1);
  assert.equal(cancelled.cancelled, true);
  assert.deepEqual(cancelled.pairs, []);
  // Stopping while comparing keeps what was found so far.
  const late = ws.scanDuplicates({}, (p) => p.phase !== "comparing" || p.done === 0);
  assert.equal(typeof late.cancelled, "boolean");
  assert.ok(late.pairs.length <= full.pairs.length);

  // A thrown error stops the scan and comes out as it is.
  calls = 0;
  const boom = new RangeError("stop the scan");
  assert.throws(
    () =>
      ws.scanDuplicates({}, () => {
        calls += 1;
        throw boom;
      }),
    (e) => e === boom,
  );
  assert.equal(calls, 1);
  // Reading the workspace from the callback works; changing it is refused.
  assert.equal(ws.scanDuplicates({}, () => ws.customerCount > 0).pairs.length, 1);
  assert.throws(() => ws.scanDuplicates({}, () => ws.registerCustomer({ fullName: "Re-entrant" })), Error);
  throwsCode(() => ws.scanDuplicates({}, "not a function"), "invalid_input", { field: "progress" });
  throwsCode(() => ws.scanDuplicates({}, {}), "invalid_input", { field: "progress" });
  assert.equal(ws.scanDuplicates({}, null).pairs.length, 1);

  assert.equal(ws.seq, seq);
  assert.equal(ws.exportLog(), log);
  assert.ok(cc.Workspace.importLog(log).equals(ws));
  ws.registerCustomer({ fullName: "Still Working" }, { at: at(100) });
});

test("bad duplicate rules and drafts throw invalid_input naming the field, changing nothing", () => {
  const { ws, a, b } = lookalikes();
  const cases = [
    [{ threshold: 0 }, "threshold"],
    [{ threshold: 1.5 }, "threshold"],
    [{ email: 1.5 }, "email"],
    [{ phone: -0.1 }, "phone"],
    [{ name: 2 }, "name"],
    [{ address: -1 }, "address"],
    [{ organization: 7 }, "organization"],
    [{ emailLocalPart: 1.01 }, "emailLocalPart"],
    [{ minNameSimilarity: 2 }, "minNameSimilarity"],
    [{ maxBlock: 1 }, "maxBlock"],
    [{ limit: 0 }, "limit"],
    [{ limit: 1001 }, "limit"],
    [{ nameMetric: "soundex" }, "nameMetric"],
    [{ distinctKnownWords: "yes" }, "distinctKnownWords"],
    [{ threshold: "high" }, "threshold"],
    [{ maxblock: 10 }, "maxblock"],
  ];
  for (const [rules, field] of cases) {
    for (const [name, call] of [
      ["checkDuplicates", () => ws.checkDuplicates({ fullName: "Nguyen Van Duc" }, rules)],
      ["duplicatesOf", () => ws.duplicatesOf(a, rules)],
      ["compareCustomers", () => ws.compareCustomers(a, b, rules)],
      ["scanDuplicates", () => ws.scanDuplicates(rules)],
    ]) {
      const e = refused(ws, call, "invalid_input");
      assert.equal(e.details.field, field, `${name} ${JSON.stringify(rules)}: ${e.message}`);
    }
  }
  throwsCode(() => ws.scanDuplicates("strict"), "invalid_input", { field: "rules" });
  throwsCode(() => ws.duplicatesOf(a, 5), "invalid_input", { field: "rules" });

  // A draft is read as registration reads it.
  throwsCode(() => ws.checkDuplicates({ fullName: "X", emails: ["nope"] }), "invalid_input", { field: "email" });
  throwsCode(() => ws.checkDuplicates({ fullName: "X", phones: ["12"] }), "invalid_input", { field: "phone" });
  throwsCode(() => ws.checkDuplicates({ fullName: "   " }), "invalid_input", { field: "fullName" });
  throwsCode(() => ws.checkDuplicates({ phones: ["0901234567"] }), "invalid_input", { field: "fullName" });
  throwsCode(() => ws.checkDuplicates("Nguyen Van Duc"), "invalid_input", { field: "draft" });

  throwsCode(() => ws.duplicatesOf(UNKNOWN_ID), "not_found", { entity: "customer", id: UNKNOWN_ID });
  throwsCode(() => ws.compareCustomers(a, UNKNOWN_ID), "not_found", { id: UNKNOWN_ID });
  throwsCode(() => ws.compareCustomers("x", b), "invalid_input", { field: "a" });
  throwsCode(() => ws.compareCustomers(a, 1), "invalid_input", { field: "b" });
  throwsCode(() => ws.duplicatesOf(null), "invalid_input", { field: "customer" });
});
