// The package as users get it: `require("clientcare")` through the exports
// map, the README quick start, the ESM entry in Node, and the .d.ts files.
"use strict";
const { test, after } = require("node:test");
const assert = require("node:assert/strict");
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { PKG } = require("./helpers.cjs");

const README = path.join(__dirname, "..", "..", "..", "README.md");

const dirs = [];
after(() => {
  // Removes the temp dirs; the node_modules/clientcare links, not the package.
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** A temp dir whose node_modules/clientcare is the built package. */
function project() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clientcare-js-"));
  dirs.push(dir);
  fs.mkdirSync(path.join(dir, "node_modules"));
  fs.symlinkSync(PKG, path.join(dir, "node_modules", "clientcare"), "dir");
  return dir;
}

function run(dir, file, source) {
  fs.writeFileSync(path.join(dir, file), source);
  return execFileSync(process.execPath, [file], { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

test("README quick start runs against the package", (t) => {
  const text = fs.existsSync(README) ? fs.readFileSync(README, "utf8") : "";
  const m = /^```(?:js|javascript|cjs)[^\n]*\n([\s\S]*?)^```/m.exec(text);
  if (!m) {
    t.skip("README.md has no ```js block yet (the quick start fixture below covers the same code)");
    return;
  }
  const out = run(project(), "readme.cjs", m[1]);
  assert.match(out, /\d+ events/);
});

test("README complaints and SLA example runs against the package", () => {
  const text = fs.readFileSync(README, "utf8");
  const section = text.split(/^## Complaints[^\n]*$/m)[1];
  assert.ok(section, "README.md has a '## Complaints' section");
  const m = /^```(?:js|javascript|cjs)[^\n]*\n([\s\S]*?)^```/m.exec(section.split(/^## /m)[0]);
  assert.ok(m, "the complaints section has a ```js block");
  const out = run(project(), "complaints.cjs", m[1]);
  assert.equal(out.trim(), "invalid_transition open in_progress,waiting_on_customer,resolve,cancel,merge");
});

test("README surveys and KPIs example runs against the package", () => {
  const text = fs.readFileSync(README, "utf8");
  const section = text.split(/^## Surveys and KPIs[^\n]*$/m)[1];
  assert.ok(section, "README.md has a '## Surveys and KPIs' section");
  const m = /^```(?:js|javascript|cjs)[^\n]*\n([\s\S]*?)^```/m.exec(section.split(/^## /m)[0]);
  assert.ok(m, "the surveys section has a ```js block");
  const out = run(project(), "surveys.cjs", m[1]);
  assert.equal(out.trim(), "invalid_transition answered\n1 1 1");
});

test("README identity example runs against the package", () => {
  const text = fs.readFileSync(README, "utf8");
  const section = text.split(/^## Identity[^\n]*$/m)[1];
  assert.ok(section, "README.md has a '## Identity' section");
  const m = /^```(?:js|javascript|cjs)[^\n]*\n([\s\S]*?)^```/m.exec(section.split(/^## /m)[0]);
  assert.ok(m, "the identity section has a ```js block");
  const out = run(project(), "identity.cjs", m[1]);
  assert.equal(out.trim(), "1 [ 'phone', 'name' ]\nblocking comparing profiles\ninvalid_input merged");
});

test("quick start fixture (the README's code) runs against the package", () => {
  const source = fs.readFileSync(path.join(__dirname, "fixtures", "quickstart.cjs"), "utf8");
  assert.equal(run(project(), "quickstart.cjs", source).trim(), "4 events");
});

test("exports map: require and import in Node use the CommonJS build; ./web is the ES module", () => {
  const dir = project();
  const out = run(
    dir,
    "main.mjs",
    `import { Workspace } from "clientcare";
     import { createRequire } from "node:module";
     const require = createRequire(import.meta.url);
     const cjs = require("clientcare");
     const web = await import("clientcare/web");
     console.log(JSON.stringify({
       same: cjs.Workspace === Workspace,
       node: require.resolve("clientcare"),
       web: import.meta.resolve("clientcare/web"),
       webInit: typeof web.default, webSync: typeof web.initSync,
       seq: new Workspace({ seed: 1 }).seq,
     }));`,
  );
  const r = JSON.parse(out);
  assert.equal(r.same, true);
  assert.match(r.node, /pkg[\\/]node[\\/]clientcare\.js$/);
  assert.match(r.web, /pkg\/web\/clientcare\.js$/);
  assert.equal(r.webInit, "function");
  assert.equal(r.webSync, "function");
  assert.equal(r.seq, 0);
});

test("package.json: name, version, exports, types", () => {
  const p = JSON.parse(fs.readFileSync(path.join(PKG, "package.json"), "utf8"));
  assert.equal(p.name, "clientcare");
  assert.equal(p.version, "0.1.0");
  assert.equal(p.types, "./node/clientcare.d.ts");
  const dot = p.exports["."];
  assert.deepEqual(Object.keys(dot), ["node", "browser", "import", "default"]);
  for (const entry of [dot.node, dot.browser, dot.import, dot.default, p.exports["./web"], p.exports["./node"]]) {
    for (const f of [entry.types, entry.default]) assert.ok(fs.existsSync(path.join(PKG, f)), f);
  }
});

test("the public TypeScript has no `any`", () => {
  for (const sub of ["node", "web"]) {
    for (const f of fs.readdirSync(path.join(PKG, sub)).filter((f) => f.endsWith(".d.ts"))) {
      const code = fs
        .readFileSync(path.join(PKG, sub, f), "utf8")
        .replace(/\/\*[\s\S]*?\*\//g, "")
        .replace(/\/\/.*$/gm, "");
      assert.doesNotMatch(code, /\bany\b/, `${sub}/${f}`);
    }
  }
});
