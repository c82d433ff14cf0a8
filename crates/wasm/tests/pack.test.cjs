// The package as npm would ship it: `npm pack` of crates/wasm/pkg, installed
// from the tarball (offline) into a fresh project, then used the ways a
// consumer would: require() and import() in Node, the ./web entry, and
// tsc --noEmit resolving the types through the exports map (node16 and
// bundler resolution). Catches files missing from "files" or a wrong path in
// "exports" that the in-tree tests (which link the folder) cannot see.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { PKG } = require("./helpers.cjs");

const TSC = path.join(__dirname, "node_modules", "typescript", "bin", "tsc");
let dir;
let packed;

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "clientcare-pack-"));
  const npm = (args, cwd) =>
    execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  const out = npm(["pack", "--json", "--silent", "--pack-destination", dir], PKG);
  [packed] = JSON.parse(out);
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true, version: "1.0.0" }));
  npm(["install", "--offline", "--no-audit", "--no-fund", "--silent", path.join(dir, packed.filename)], dir);
});

after(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

function node(file, source) {
  fs.writeFileSync(path.join(dir, file), source);
  return execFileSync(process.execPath, [file], { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

test("the tarball holds the package files and one .wasm", () => {
  const files = packed.files.map((f) => f.path).sort();
  for (const f of ["package.json", "README.md", "node/clientcare.js", "node/clientcare.d.ts", "web/clientcare.js", "web/clientcare.d.ts", "web/clientcare_bg.wasm"]) {
    assert.ok(files.includes(f), `${f} is in the tarball (${files.join(", ")})`);
  }
  assert.deepEqual(files.filter((f) => f.endsWith(".wasm")), ["web/clientcare_bg.wasm"]);
  const installed = path.join(dir, "node_modules", "clientcare");
  assert.ok(!fs.lstatSync(installed).isSymbolicLink(), "installed as files, not linked");
});

test("require('clientcare') in a CommonJS consumer", () => {
  const out = node(
    "main.cjs",
    `const cc = require("clientcare");
     const ws = new cc.Workspace({ defaultRegion: "VN", seed: 1, at: "2026-11-02T09:00:00Z" });
     const id = ws.registerCustomer({ fullName: "Nguyễn Văn Đức", phones: ["090 123 4567"] }, { at: "2026-11-02T09:01:00Z" });
     console.log(JSON.stringify({
       file: require.resolve("clientcare"),
       hit: ws.searchCustomers("nguyen van duc").hits[0].customer.id === id,
       phone: ws.customer(id).contacts.find((c) => c.kind === "phone").number,
     }));`,
  );
  const r = JSON.parse(out);
  assert.match(r.file, /node_modules[\\/]clientcare[\\/]node[\\/]clientcare\.js$/);
  assert.equal(r.hit, true);
  assert.equal(r.phone, "+84901234567");
});

test("import('clientcare') in an ES module consumer, and the ./web entry", () => {
  const out = node(
    "main.mjs",
    `import { Workspace } from "clientcare";
     import { readFile } from "node:fs/promises";
     import { createRequire } from "node:module";
     const dynamic = await import("clientcare");
     const web = await import("clientcare/web");
     const bytes = await readFile(new URL(import.meta.resolve("clientcare/clientcare_bg.wasm")));
     web.initSync({ module: bytes });
     const a = new Workspace({ seed: 5, at: "2026-11-02T09:00:00Z" });
     const b = new web.Workspace({ seed: 5, at: "2026-11-02T09:00:00Z" });
     for (const ws of [a, b]) ws.registerCustomer({ fullName: "Lê Thị Hoa" }, { at: "2026-11-02T09:01:00Z" });
     console.log(JSON.stringify({
       same: dynamic.Workspace === Workspace && createRequire(import.meta.url)("clientcare").Workspace === Workspace,
       web: import.meta.resolve("clientcare/web"),
       logs: a.exportLog() === b.exportLog(),
     }));`,
  );
  const r = JSON.parse(out);
  assert.equal(r.same, true, "import and require share one instance in Node");
  assert.match(r.web, /node_modules\/clientcare\/web\/clientcare\.js$/);
  assert.equal(r.logs, true);
});

test("tsc --noEmit resolves the types through the exports map (node16, bundler)", (t) => {
  if (!fs.existsSync(TSC)) {
    t.skip("no TypeScript in crates/wasm/tests/node_modules (npm ci there)");
    return;
  }
  for (const f of ["node16.mts", "node16.cts", "bundler.ts"]) {
    fs.copyFileSync(path.join(__dirname, "consumer", f), path.join(dir, f));
  }
  // esnext.disposable: the classes declare [Symbol.dispose]() (TypeScript 5.2+).
  const base = { strict: true, noEmit: true, target: "es2022", lib: ["es2022", "esnext.disposable", "dom"], types: [], skipLibCheck: false, noUnusedLocals: true };
  const configs = {
    "tsconfig.node16.json": { compilerOptions: { ...base, module: "node16", moduleResolution: "node16" }, files: ["node16.mts", "node16.cts"] },
    "tsconfig.bundler.json": { compilerOptions: { ...base, module: "esnext", moduleResolution: "bundler" }, files: ["bundler.ts"] },
  };
  for (const [name, config] of Object.entries(configs)) {
    fs.writeFileSync(path.join(dir, name), JSON.stringify(config));
    let trace;
    try {
      trace = execFileSync(process.execPath, [TSC, "-p", name, "--traceResolution"], { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    } catch (e) {
      const errors = String(e.stdout || "").split("\n").filter((l) => /error TS/.test(l));
      assert.fail(`tsc -p ${name} failed:\n${errors.join("\n") || e.stderr}`);
    }
    const resolved = [...trace.matchAll(/Module name 'clientcare' was successfully resolved to '([^']+)'/g)].map((m) => m[1]);
    assert.ok(resolved.length > 0, `${name}: tsc resolved 'clientcare'`);
    const want = name.includes("node16") ? /node_modules\/clientcare\/node\/clientcare\.d\.ts$/ : /node_modules\/clientcare\/web\/clientcare\.d\.ts$/;
    for (const r of resolved) assert.match(r, want, `${name} resolves to ${r}`);
  }
});
