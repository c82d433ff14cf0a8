// Junk never crashes: every method, given junk in any argument, returns or
// throws a ClientcareError (never a bare value, never a WebAssembly trap), and
// the workspace keeps working afterwards. Includes hostile objects (throwing
// getters and Proxy traps, revoked proxies, cycles, re-entrant calls) and a
// seeded fuzz of strings through the parsers.
"use strict";
const { test } = require("node:test");
const assert = require("node:assert/strict");
const { cc, at, fresh } = require("./helpers.cjs");
const { Workspace } = cc;

function junkValues(ws) {
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  const cyclic = { fullName: "x" };
  cyclic.self = cyclic;
  const cyclicArray = [];
  cyclicArray.push(cyclicArray);
  let deep = { fullName: "deep" };
  for (let i = 0; i < 200; i++) deep = { a: deep, fullName: "x" };
  const hostile = new Proxy(
    {},
    {
      ownKeys() { throw new Error("ownKeys trap"); },
      get() { throw new Error("get trap"); },
      getPrototypeOf() { throw new Error("getPrototypeOf trap"); },
      has() { throw new Error("has trap"); },
    },
  );
  const arrayProxy = new Proxy([1, 2], {
    get(target, key) {
      if (key === "length") return 3;
      throw new Error("item trap");
    },
  });
  const hugeArray = [];
  hugeArray.length = 2 ** 31;
  return [
    undefined, null, true, false, 0, -0, 1, -1, 1.5, NaN, Infinity, -Infinity, 2 ** 53, 2 ** 60, 1e300,
    10n, -10n, 2n ** 70n, "", " ", "x", "\u0000", "\ud800", "💥".repeat(1000), "a".repeat(200_000),
    "00000000-0000-7000-8000-000000000000", "2026-11-02T09:00:00Z",
    [], [1, 2], [[]], [undefined], new Array(3), {}, { a: 1 }, { fullName: undefined }, Object.create(null),
    () => 1, Symbol("s"), new Date(NaN), new Date(0), new Date(-1e15), new Map([["fullName", "x"]]), new Set([1]),
    /re/, new Uint8Array(3), Promise.resolve(1), new Error("e"), new String("s"), new Number(1),
    revoked.proxy, cyclic, cyclicArray, deep, hostile, arrayProxy, hugeArray,
    { get fullName() { throw new Error("getter"); } },
    { get fullName() { ws.customerCount; return "re-entrant"; } },
    { get fullName() { ws.registerCustomer({ fullName: "nested" }); return "re-entrant mut"; } },
    { fullName: "Junk", phones: [{}], emails: [[]], attributes: { k: { type: "integer", value: 2n ** 70n } } },
    { fullName: "Junk", attributes: { k: { type: "number", value: Infinity } } },
    { fullName: "Junk", contacts: [{ kind: "address", address: { lines: [] } }] },
    { customer: "x", contact: null, tags: [null], to: {}, channel: 1, purpose: [], occurredAt: new Date(NaN) },
  ];
}

/** Each method with valid arguments; junk replaces one at a time. */
function calls(ws, ids) {
  const { c, c2, a, i, k, o, p, r, f, run } = ids;
  const money = { amountMinor: 1000, currency: "VND" };
  const stages = [
    { key: "new", probability: 10, rotDays: 5 },
    { key: "won", probability: 100, kind: "won" },
    { key: "lost", probability: 0, kind: "lost" },
  ];
  const recurrence = { start: "2026-11-02T09:00:00", timeZone: "Asia/Ho_Chi_Minh", rule: "FREQ=WEEKLY;BYDAY=MO,TH;COUNT=5", exdates: ["2026-11-05"] };
  return [
    ["configure", ["VN", { at: at() }]],
    ["registerAgent", [{ name: "A" }, { at: at() }]],
    ["updateAgent", [{ agent: a, name: "B" }, { at: at() }]],
    ["agent", [a]],
    ["agents", []],
    ["registerCustomer", [{ fullName: "C" }, { at: at() }]],
    ["registerCustomers", [[{ fullName: "D" }], { at: at() }]],
    ["updateCustomer", [{ customer: c, fullName: "E" }, { at: at() }]],
    ["addContactPoint", [{ customer: c, contact: { kind: "social", network: "zalo", handle: "h" } }, { at: at() }]],
    ["removeContactPoint", [{ customer: c, contact: { kind: "social", network: "zalo", handle: "h" } }, { at: at() }]],
    ["recordConsent", [{ customer: c, channel: "sms", purpose: "service", granted: true, source: "s" }, { at: at() }]],
    ["hasConsent", [c, "sms", "service"]],
    ["tagCustomer", [c, ["t"], { at: at() }]],
    ["untagCustomer", [c, ["t"], { at: at() }]],
    ["changeLifecycle", [{ customer: c, to: "loyal" }, { at: at() }]],
    ["setTier", [c, "gold", { at: at() }]],
    ["archiveCustomer", [{ customer: c }, { at: at() }]],
    ["restoreCustomer", [{ customer: c }, { at: at() }]],
    ["addMembership", [{ person: c, organization: c }, { at: at() }]],
    ["removeMembership", [{ person: c, organization: c }, { at: at() }]],
    ["logInteraction", [{ customer: c, channel: "web" }, { at: at() }]],
    ["customer", [c]],
    ["findByEmail", ["a@example.vn"]],
    ["findByPhone", ["0901234567"]],
    ["listCustomers", [{}, { limit: 5 }]],
    ["searchCustomers", ["nguyen", { kind: "person", includeArchived: true, offset: 1, limit: 5, typos: false }]],
    ["interaction", [i]],
    ["interactionsOf", [c]],
    ["timeline", [c, { limit: 5 }]],
    ["events", [0]],
    ["execute", [{ type: "tag_customer", customer: c, tags: ["u"] }, { at: at() }]],
    ["execute", [{ type: "escalate_complaint", complaint: k, reason: "r" }, { at: at() }]],
    ["openComplaint", [{ customer: c, channel: "phone", subject: "s" }, { at: at() }]],
    ["updateComplaint", [{ complaint: k, subject: "t" }, { at: at() }]],
    ["assignComplaint", [{ complaint: k, assignee: a }, { at: at() }]],
    ["changeComplaintState", [{ complaint: k, to: "in_progress" }, { at: at() }]],
    ["respondToComplaint", [{ complaint: k, agent: a, body: "b" }, { at: at() }]],
    ["addCustomerMessage", [{ complaint: k, body: "b" }, { at: at() }]],
    ["linkInteraction", [{ complaint: k, interaction: i }, { at: at() }]],
    ["resolveComplaint", [{ complaint: k, category: "x" }, { at: at() }]],
    ["reopenComplaint", [{ complaint: k }, { at: at() }]],
    ["closeComplaint", [{ complaint: k }, { at: at() }]],
    ["cancelComplaint", [{ complaint: k, reason: "spam" }, { at: at() }]],
    ["mergeComplaint", [{ complaint: k, into: k }, { at: at() }]],
    ["escalateComplaint", [{ complaint: k, reason: "r" }, { at: at() }]],
    ["configureComplaints", [{ reopenWindowHours: 5 }, { at: at() }]],
    ["complaintSettings", []],
    ["defineCalendar", ["cal", { timeZone: "Asia/Ho_Chi_Minh", week: [{ day: "mon", windows: [{ start: "08:00", end: "17:00" }] }] }, { at: at() }]],
    ["removeCalendar", ["other", { at: at() }]],
    ["calendar", ["cal"]],
    ["calendarKeys", []],
    ["defineSlaPolicy", [{ key: "p", calendar: "cal", targets: { resolutionMinutes: 60 } }, { at: at() }]],
    ["removeSlaPolicy", ["other", { at: at() }]],
    ["slaPolicies", []],
    ["slaPolicyFor", [k]],
    ["tick", [{ at: at() }]],
    ["complaint", [k]],
    ["complaintsOf", [c]],
    ["complaintHistory", [k]],
    ["listComplaints", [{}, "priority", { limit: 5 }]],
    ["slaStatus", [k, at()]],
    ["explainSla", [k, at()]],
    ["slaStatuses", [at()]],
    ["complaintsAtRisk", [at()]],
    ["complaintsBreached", [at()]],
    ["businessTimeBetween", ["cal", at(), at(10)]],
    ["addBusinessTime", ["cal", at(), 60]],
    ["definePipeline", [{ key: "b2b", stages, lostReasons: ["price"] }, { at: at() }]],
    ["pipeline", ["sales"]],
    ["openOpportunity", [{ customer: c, title: "T", value: money, owner: a, expectedClose: "2026-12-01" }, { at: at() }]],
    ["updateOpportunity", [{ opportunity: o, title: "U", expectedClose: null }, { at: at() }]],
    ["moveOpportunity", [{ opportunity: o, stage: "lost", lostReason: "price" }, { at: at() }]],
    ["moveOpportunity", [{ opportunity: o, stage: "won", purchase: { items: [{ name: "x", unitPrice: money }] } }, { at: at() }]],
    ["opportunity", [o]],
    ["opportunityHistory", [o]],
    ["opportunitiesOf", [c]],
    ["openDeals", [a]],
    ["pipelineBoard", ["sales"]],
    ["rottingOpportunities", [at()]],
    ["recordPurchase", [{ customer: c, channel: "web", items: [{ name: "Ghế", category: "furniture", quantity: 2, unitPrice: money }] }, { at: at() }]],
    ["purchase", [p]],
    ["purchasesOf", [c]],
    ["configureLoyalty", [{ loyalAfterPurchases: 2, tierRules: [{ tier: "gold", minSpend: money }] }, { at: at() }]],
    ["loyalty", []],
    ["recordReferral", [{ referrer: c2, referred: c }, { at: at() }]],
    ["rewardReferral", [{ referral: r, reward: { kind: "voucher", value: money } }, { at: at() }]],
    ["referral", [r]],
    ["referralsBy", [c]],
    ["referralOf", [c2]],
    ["scheduleFollowUp", [{ subject: "s", kind: "call", customer: c, assignee: a, recurrence }, { at: at() }]],
    ["scheduleFollowUp", [{ subject: "s", kind: "gift", customer: c, dueDate: "2026-11-03", timeZone: "Asia/Ho_Chi_Minh" }, { at: at() }]],
    ["completeFollowUp", [{ followUp: f, outcome: "o" }, { at: at() }]],
    ["cancelFollowUp", [{ followUp: f, reason: "r", skipOnly: true }, { at: at() }]],
    ["snoozeFollowUp", [{ followUp: f, until: at(60 * 24 * 400) }, { at: at() }]],
    ["reassignFollowUp", [{ followUp: f, assignee: null, team: "care" }, { at: at() }]],
    ["followUp", [f]],
    ["followUpsOf", [c]],
    ["agenda", [a, { now: at(), withinSeconds: 86_400, limit: 5 }]],
    ["teamAgenda", ["care", { now: at(), withinSeconds: 86_400, limit: 5 }]],
    ["definePlaybook", [{ key: "pb", conditions: { minValue: money }, steps: [{ kind: "thank_you", subject: "s", offsetDays: 2, businessDays: true, channel: "email" }], calendar: "cal" }, { at: at() }]],
    ["removePlaybook", ["other", { at: at() }]],
    ["cancelPlaybookRun", [{ run, reason: "r" }, { at: at() }]],
    ["playbooks", []],
    ["playbookRun", [run]],
    ["playbookProgress", [run]],
    ["playbookRunsOf", [c]],
    ["execute", [{ type: "schedule_follow_up", subject: "s", kind: "visit", recurrence }, { at: at() }]],
    ["execute", [{ type: "record_purchase", customer: c, channel: "web", description: "d", amount: money }, { at: at() }]],
    ["mayContact", [c, "email", "service", at()]],
    ["exportCustomer", [c]],
    ["resolveCustomer", [c2]],
    ["checkDuplicates", [{ fullName: "Nguyen Van Duc", phones: ["0901234567"] }, { threshold: 0.5, nameMetric: "levenshtein", maxBlock: 10, limit: 5 }]],
    ["duplicatesOf", [c, { includeArchived: true }]],
    ["compareCustomers", [c, c2, { emailLocalPart: 0.1 }]],
    ["scanDuplicates", [{ minNameSimilarity: 0.5 }, () => true]],
    ["mergeCustomers", [{ survivor: c, merged: [c2], rules: { default: "most_recent", names: "most_complete" }, reason: "r" }, { at: at() }]],
    ["unmergeCustomers", [c2, { at: at() }]],
    ["execute", [{ type: "merge_customers", survivor: c, merged: [c2] }, { at: at() }]],
    ["execute", [{ type: "unmerge_customers", customer: c2 }, { at: at() }]],
    ["eraseCustomer", [c2, { at: at() }]],
    ["exportLog", []],
  ];
}

function expectSafe(fn, label) {
  try {
    fn();
  } catch (e) {
    assert.ok(!(e instanceof WebAssembly.RuntimeError), `${label}: WebAssembly trap: ${e && e.stack}`);
    assert.ok(cc.isClientcareError(e), `${label}: threw a non-ClientcareError: ${e && e.stack ? e.stack : String(e)}`);
    assert.equal(typeof e.code, "string");
    assert.equal(typeof e.message, "string");
  }
}

function setup() {
  const ws = fresh();
  const a = ws.registerAgent({ name: "Mai" }, { at: at() });
  const c = ws.registerCustomer({ fullName: "Nguyễn Văn Đức", phones: ["0901234567"] }, { at: at() });
  const i = ws.logInteraction({ customer: c, channel: "phone" }, { at: at() });
  ws.defineCalendar("cal", { timeZone: "Asia/Ho_Chi_Minh", week: [{ day: "mon", windows: [{ start: "08:00", end: "17:00" }] }] }, { at: at() });
  ws.defineSlaPolicy({ key: "p", calendar: "cal", targets: { resolutionMinutes: 60 } }, { at: at() });
  const k = ws.openComplaint({ customer: c, channel: "phone", subject: "Hỏng hàng" }, { at: at() });
  const c2 = ws.registerCustomer({ fullName: "Trần Thị Mai" }, { at: at() });
  const o = ws.openOpportunity({ customer: c, title: "Sofa", value: { amountMinor: 5, currency: "VND" } }, { at: at() });
  const r = ws.recordReferral({ referrer: c2, referred: c }, { at: at() });
  ws.recordConsent({ customer: c, channel: "email", purpose: "service", granted: true, source: "s" }, { at: at() });
  ws.definePlaybook({ key: "pb", steps: [{ kind: "thank_you", subject: "s", offsetDays: 0, channel: "email" }] }, { at: at() });
  const p = ws.recordPurchase({ customer: c, channel: "web", description: "d", amount: { amountMinor: 5, currency: "VND" } }, { at: at() });
  const run = ws.playbookRunsOf(c)[0].id;
  const f = ws.scheduleFollowUp(
    { subject: "s", kind: "call", customer: c, assignee: a, team: "care", recurrence: { start: "2026-11-02T09:00:00", timeZone: "Asia/Ho_Chi_Minh", rule: { freq: "daily" } } },
    { at: at() },
  );
  return { ws, ids: { a, c, c2, i, k, o, p, r, f, run } };
}

function stillWorks(ws) {
  const id = ws.registerCustomer({ fullName: "Still Working", emails: ["still@example.vn"] }, { at: at(100) });
  assert.equal(ws.findByEmail("still@example.vn")[0].id, id);
  assert.ok(Workspace.importLog(ws.exportLog()).equals(ws));
}

test("every method with junk in every argument returns or throws a ClientcareError", () => {
  const { ws, ids } = setup();
  const junk = junkValues(ws);
  let n = 0;
  for (const [name, valid] of calls(ws, ids)) {
    const arity = Math.max(valid.length, 1) + 1;
    for (let pos = 0; pos < arity; pos++) {
      for (const [j, value] of junk.entries()) {
        const args = [...valid];
        args[pos] = value;
        expectSafe(() => ws[name](...args), `${name} arg ${pos} junk #${j}`);
        n++;
      }
    }
  }
  for (const [j, value] of junk.entries()) {
    expectSafe(() => new Workspace(value), `new Workspace junk #${j}`);
    expectSafe(() => new Workspace({ seed: value, defaultRegion: value, at: value }), `options junk #${j}`);
    expectSafe(() => Workspace.importLog(value), `importLog junk #${j}`);
    expectSafe(() => Workspace.importLog("", value), `importLog seed junk #${j}`);
    expectSafe(() => cc.isClientcareError(value), `isClientcareError junk #${j}`);
  }
  assert.ok(n > 3000);
  stillWorks(ws);
});

test("equals with a non-Workspace throws an Error and leaves both usable", () => {
  const { ws } = setup();
  for (const value of [null, undefined, {}, 1, "ws"]) {
    assert.throws(() => ws.equals(value), Error);
  }
  stillWorks(ws);
});

test("seeded fuzz of strings through the parsers", () => {
  const { ws, ids } = setup();
  let state = 0x2545f491;
  const rand = (n) => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) % n;
  };
  const alphabet = [..."0123456789+-() .#*xX@abcz_\"{}[]:,\n\t", "đ", "Đ", "ễ", "\u0301", "٣", "０", "😀", "\u0000", "\ud800"];
  const word = () => Array.from({ length: rand(24) }, () => alphabet[rand(alphabet.length)]).join("");
  for (let k = 0; k < 1500; k++) {
    const s = k % 3 === 0 ? `+${rand(999)} ${word()}` : k % 3 === 1 ? `0${rand(1e9)}${word()}` : word();
    expectSafe(() => ws.findByPhone(s), `findByPhone ${JSON.stringify(s)}`);
    expectSafe(() => ws.findByEmail(`${s}@${word()}.vn`), `findByEmail ${JSON.stringify(s)}`);
    expectSafe(() => ws.searchCustomers(s), `searchCustomers ${JSON.stringify(s)}`);
    expectSafe(
      () => ws.registerCustomer({ fullName: s || "x", phones: [s], language: word(), timeZone: word() }, { at: at(k) }),
      `registerCustomer ${JSON.stringify(s)}`,
    );
    expectSafe(() => ws.registerCustomer({ fullName: s || "x", tags: [s], attributes: { [s]: { type: "text", value: s } } }, { at: at(k) }), `attrs ${JSON.stringify(s)}`);
    expectSafe(() => ws.registerCustomer({ fullName: "x" }, { at: s }), `at ${JSON.stringify(s)}`);
    expectSafe(() => Workspace.importLog(s), `importLog ${JSON.stringify(s)}`);
  }
  // Recurrence rules, local times and dates through their parsers.
  const rruleParts = {
    FREQ: ["DAILY", "WEEKLY", "MONTHLY", "YEARLY", "HOURLY", "daily", "x"],
    BYDAY: ["MO", "-1FR", "2TU", "MO,TH", "53MO", "-5SU", "0MO", "+1WE", "FR,"],
    COUNT: ["1", "3", "0", "100000", "100001", "-1"],
    UNTIL: ["20261231", "20261231T235959", "20261231T235959Z", "2026", "20260230"],
    INTERVAL: ["1", "2", "0", "4294967296"],
    BYMONTH: ["2", "13", "1,12", ""],
    BYMONTHDAY: ["-1", "31", "32", "0", "29,30,31"],
    WKST: ["SU", "XX"],
    BYHOUR: ["9"],
  };
  const keys = Object.keys(rruleParts);
  const rruleText = () => {
    const parts = [`FREQ=${rruleParts.FREQ[rand(rruleParts.FREQ.length)]}`];
    for (let n = rand(4); n > 0; n--) {
      const key = keys[1 + rand(keys.length - 1)];
      parts.push(`${key}=${rruleParts[key][rand(rruleParts[key].length)]}`);
    }
    let text = parts.join(";");
    if (rand(4) === 0) {
      const p = rand(text.length + 1);
      text = text.slice(0, p) + alphabet[rand(alphabet.length)] + text.slice(p + rand(2));
    }
    return rand(8) === 0 ? `RRULE:${text}` : text;
  };
  const locals = ["2026-11-02", "T09:00", ":00", ".5", " ", "Z", "+07:00", "2026-02-30", "24:00", "9999-12-31", "-0001", "x"];
  let accepted = 0;
  for (let k = 0; k < 1500; k++) {
    const s = word();
    const start = Array.from({ length: 1 + rand(3) }, () => locals[rand(locals.length)]).join("");
    const recurrence = { start: k % 4 ? "2026-11-02T09:00:00" : start, timeZone: k % 5 ? "Asia/Ho_Chi_Minh" : word(), rule: k % 7 ? rruleText() : word() };
    if (k % 6 === 0) recurrence.exdates = [start];
    expectSafe(() => {
      const id = ws.scheduleFollowUp({ subject: "s", kind: "call", recurrence }, { at: at(k) });
      ws.completeFollowUp({ followUp: id }, { at: at(k) });
      accepted++;
    }, `recurrence ${JSON.stringify(recurrence)}`);
    expectSafe(() => ws.scheduleFollowUp({ subject: s || "x", kind: "gift", dueDate: start, timeZone: word() }, { at: at(k) }), `dueDate ${JSON.stringify(start)}`);
    expectSafe(() => ws.openOpportunity({ customer: ids.c, title: s || "x", value: { amountMinor: rand(1e9), currency: word() }, expectedClose: start }, { at: at(k) }), `opportunity ${JSON.stringify(s)}`);
  }
  assert.ok(accepted > 100 && accepted < 1400, `accepted ${accepted} of 1500 recurrences`);
  // Mutated real logs are rejected or accepted, never a crash.
  const log = ws.exportLog();
  for (let k = 0; k < 300; k++) {
    const p = rand(log.length);
    const mutated = log.slice(0, p) + alphabet[rand(alphabet.length)] + log.slice(p + 1 + rand(3));
    expectSafe(() => Workspace.importLog(mutated), `mutated log #${k}`);
  }
  stillWorks(ws);
});
