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
  const { c, a, i, k } = ids;
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
    ["searchCustomers", ["nguyen", 5]],
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
  return { ws, ids: { a, c, i, k } };
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
  // Mutated real logs are rejected or accepted, never a crash.
  const log = ws.exportLog();
  for (let k = 0; k < 300; k++) {
    const p = rand(log.length);
    const mutated = log.slice(0, p) + alphabet[rand(alphabet.length)] + log.slice(p + 1 + rand(3));
    expectSafe(() => Workspace.importLog(mutated), `mutated log #${k}`);
  }
  stillWorks(ws);
  void ids;
});
