// Browser side of the browser-vs-native benchmark, and the comparison.
//
//   node benches/web/run.mjs EVENTS DIR [PKG]
//
// Serves this folder, PKG (default crates/wasm/pkg/web) at /pkg/ and DIR
// (event log, queries and native numbers written by
// `cargo run --release -p clientcare-bench --example web_native -- EVENTS DIR`)
// at /data/ on 127.0.0.1, opens the page in headless Chromium (Debian's
// /usr/bin/chromium through playwright-core; never a downloaded browser), runs
// window.runBench() and prints browser vs native with the ratios.
// scripts/bench-web.sh runs both sides.
import { createServer } from "node:http";
import { createReadStream, existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..", "..");
const [eventsArg, dirArg, pkgArg] = process.argv.slice(2);
if (!eventsArg || !dirArg) {
  console.error("usage: node benches/web/run.mjs EVENTS DIR [PKG]");
  process.exit(2);
}
const events = Number(eventsArg.replace(/[_,]/g, ""));
const dir = path.resolve(dirArg);
const pkg = path.resolve(pkgArg ?? path.join(root, "crates", "wasm", "pkg", "web"));
const chromiumPath = process.env.CHROMIUM ?? "/usr/bin/chromium";
// importLog of the whole log as one JS string (V8 caps a string near 512 M
// UTF-16 units): tried up to this size, the chunked applyLog always.
const wholeLimit = Number(process.env.BENCH_WEB_WHOLE_MAX_MB ?? 600) * 1e6;

const native = JSON.parse(readFileSync(path.join(dir, `native-${events}.json`), "utf8"));

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".jsonl": "application/jsonl",
};
const mounts = [
  ["/pkg/", pkg],
  ["/data/", dir],
  ["/", here],
];

const server = createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  let file = null;
  for (const [prefix, base] of mounts) {
    if (url.pathname.startsWith(prefix)) {
      const rel = decodeURIComponent(url.pathname.slice(prefix.length)) || "index.html";
      const full = path.resolve(base, rel);
      if (full.startsWith(base + path.sep) && existsSync(full) && statSync(full).isFile()) file = full;
      break;
    }
  }
  if (!file) {
    res.writeHead(404).end("not found");
    return;
  }
  res.writeHead(200, {
    "content-type": TYPES[path.extname(file)] ?? "application/octet-stream",
    "content-length": statSync(file).size,
    // Cross-origin isolation: performance.now() ticks in 5 µs, not 100 µs.
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-embedder-policy": "require-corp",
    "cache-control": "no-store",
  });
  createReadStream(file).pipe(res);
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const port = server.address().port;

const browser = await chromium.launch({
  executablePath: chromiumPath,
  headless: true,
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
});
let result;
try {
  const page = await browser.newPage();
  page.on("console", (m) => console.log(`  [page] ${m.text()}`));
  page.on("pageerror", (e) => console.error(`  [page error] ${e.message}`));
  await page.goto(`http://127.0.0.1:${port}/index.html`);
  await page.waitForFunction(() => window.benchReady === true);
  result = await page.evaluate(
    (o) => window.runBench(o),
    { events, chunkLines: native.chunk_lines, warmLines: native.warm_lines, wholeImport: native.bytes <= wholeLimit },
  );
  result.browser = browser.version();
} finally {
  await browser.close();
  server.close();
}

// ----- the comparison -----
const f = (x, d = 3) => (Number.isFinite(x) ? x.toFixed(d) : "-");
const rate = (n, s) => (Number.isFinite(s) && s > 0 ? `${(n / s / 1e3).toFixed(0)} k/s` : "-");
const ratio = (b, n) => (Number.isFinite(b) && Number.isFinite(n) && n > 0 ? `${(b / n).toFixed(2)}x` : "-");
const row = (label, b, n, unit, digits) =>
  console.log(`  ${label.padEnd(44)} ${f(b, digits).padStart(10)} ${f(n, digits).padStart(10)} ${unit.padEnd(3)} ${ratio(b, n).padStart(7)}`);

console.log();
console.log(
  `== browser (Chromium ${result.browser}, wasm) vs native: ${native.events.toLocaleString("en")} events, ` +
    `${native.customers.toLocaleString("en")} customers, ${(native.bytes / 1e6).toFixed(1)} MB of JSONL ==`,
);
if (result.events !== native.events || result.customers !== native.customers) {
  throw new Error(`the page loaded ${result.events} events / ${result.customers} customers, native ${native.events} / ${native.customers}`);
}
console.log(`  ${"".padEnd(44)} ${"browser".padStart(10)} ${"native".padStart(10)}     ${"ratio".padStart(7)}`);
row(`warm-up: import of the first ${native.warm_lines} lines`, result.warm_s, native.warm_s, "s", 3);
if (result.import_s !== undefined) {
  row("importLog / import_jsonl, whole text", result.import_s, native.import_s, "s", 3);
} else {
  console.log(`  importLog of the whole text: ${result.import_error ?? "not tried (over BENCH_WEB_WHOLE_MAX_MB)"}`);
  row("import_jsonl, whole text (native only)", NaN, native.import_s, "s", 3);
}
if (result.chunk_method === "applyLog") {
  row(`applyLog / apply_jsonl, ${result.chunks} chunks of ${native.chunk_lines}`, result.chunked_apply_s, native.chunked_s, "s", 3);
  row("  + TextDecoder of each chunk (browser only)", result.chunked_total_s, native.chunked_s, "s", 3);
}
const bLoad = result.chunk_method === "applyLog" ? result.chunked_apply_s : result.import_s;
const nLoad = result.chunk_method === "applyLog" ? native.chunked_s : native.import_s;
console.log(`  ${"load rate (events/s)".padEnd(44)} ${rate(native.events, bLoad).padStart(10)} ${rate(native.events, nLoad).padStart(10)}`);
console.log(`  ${"native replay of parsed events (no JSON)".padEnd(44)} ${"".padStart(10)} ${f(native.replay_s).padStart(10)} s`);
console.log(`  ${"wasm memory after the chunked load".padEnd(44)} ${`${(result.wasm_memory_bytes / 1048576).toFixed(0)} MiB`.padStart(10)}`);
console.log(`  ${"wasm memory at the end (peak)".padEnd(44)} ${`${(result.wasm_memory_peak_bytes / 1048576).toFixed(0)} MiB`.padStart(10)}`);
console.log(`  ${"fetch of the log into memory (not in the load)".padEnd(44)} ${f(result.fetch_s, 2).padStart(10)} s`);
console.log(`  ${"wasm init (compile + instantiate)".padEnd(44)} ${f(result.init_ms / 1000).padStart(10)} s`);
console.log();
console.log(`  search (limit 20; each query the mean of ${JSON.parse(readFileSync(path.join(dir, `queries-${events}.json`), "utf8")).repeat} runs; µs; timer ${result.crossOriginIsolated ? "5 µs" : "100 µs"} steps)`);
let same = true;
for (const b of result.search) {
  const n = native.search.find((s) => s.kind === b.kind);
  if (!n) continue;
  if (JSON.stringify(n.totals) !== JSON.stringify(b.totals)) same = false;
  row(`${b.kind}: median`, b.median_us, n.median_us, "µs", 1);
  row(`${b.kind}: p99`, b.p99_us, n.p99_us, "µs", 1);
  row("  vs native search + its page as JSON: median", b.median_us, n.json_median_us, "µs", 1);
}
row("all queries: median", result.search_all.median_us, native.search_all.median_us, "µs", 1);
row("all queries: p99", result.search_all.p99_us, native.search_all.p99_us, "µs", 1);
row("  vs native search + its page as JSON: median", result.search_all.median_us, native.search_all.json_median_us, "µs", 1);
row("  vs native search + its page as JSON: p99", result.search_all.p99_us, native.search_all.json_p99_us, "µs", 1);
console.log("  (the browser time includes handing the page of hits to JS as objects; native search returns references)");
console.log(`  same match counts for every query in both: ${same ? "yes" : "NO"}`);
if (!same) process.exitCode = 1;
