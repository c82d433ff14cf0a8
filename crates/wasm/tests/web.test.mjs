// The browser build (--target web, an ES module) also loads in Node, given
// the wasm bytes: initSync({ module }) or the async default init.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

const WEB = new URL("../pkg/web/", import.meta.url);

test("ESM web build: initSync with the wasm bytes, then the same API", async () => {
  const web = await import(new URL("clientcare.js", WEB).href);
  const bytes = await readFile(fileURLToPath(new URL("clientcare_bg.wasm", WEB)));
  const exports = web.initSync({ module: bytes });
  assert.ok(exports.memory instanceof WebAssembly.Memory);
  const ws = new web.Workspace({ defaultRegion: "VN", seed: 42, at: "2026-11-02T09:00:00Z" });
  const id = ws.registerCustomer({ fullName: "Nguyễn Văn Đức", phones: ["090 123 4567"] }, { at: new Date("2026-11-02T09:00:00Z") });
  assert.equal(ws.findByPhone("+84901234567")[0].id, id);
  assert.equal(ws.searchCustomers("nguyen van duc").hits[0].customer.id, id);
  assert.throws(
    () => ws.registerCustomer({ fullName: "X", phones: ["0901234567"] }),
    (e) => e instanceof Error && e.name === "ClientcareError" && e.code === "conflict" && e.details.holder === id,
  );
  assert.ok(web.isClientcareError(new Error("x")) === false);
  assert.ok(web.Workspace.importLog(ws.exportLog()).equals(ws));
  ws.free();
});

test("ESM web build: the async default init accepts a compiled module", async () => {
  // A fresh module instance (query string) so that this init is its first.
  const web = await import(new URL("clientcare.js?async", WEB).href);
  const bytes = await readFile(fileURLToPath(new URL("clientcare_bg.wasm", WEB)));
  await web.default({ module_or_path: await WebAssembly.compile(bytes) });
  const ws = new web.Workspace({ seed: 1 });
  assert.equal(ws.seq, 0);
  assert.equal(ws.registerCustomers([{ fullName: "A" }, { fullName: "" }]).errors[0].row, 1);
});

test("the CommonJS and web builds write the same log for the same commands", async () => {
  const { createRequire } = await import("node:module");
  const cjs = createRequire(import.meta.url)("../pkg");
  const web = await import(new URL("clientcare.js", WEB).href);
  const bytes = await readFile(fileURLToPath(new URL("clientcare_bg.wasm", WEB)));
  web.initSync({ module: bytes });
  const run = (W) => {
    const ws = new W({ defaultRegion: "VN", seed: 9, at: "2026-11-02T09:00:00Z" });
    const c = ws.registerCustomer({ fullName: "Lê Thị Hoa", emails: ["hoa@example.vn"] }, { at: "2026-11-02T09:01:00Z" });
    ws.tagCustomer(c, ["vip"], { at: "2026-11-02T09:02:00Z" });
    return ws.exportLog();
  };
  assert.equal(run(web.Workspace), run(cjs.Workspace));
});
