// The page's side of the browser benchmark: loads the event log written by
// benches/examples/web_native.rs into a WASM workspace and times the load and
// the search queries, the same way the native side does. run.mjs calls
// window.runBench() and prints the comparison.
import init, { Workspace } from "/pkg/clientcare.js";

const out = document.getElementById("out");
const say = (msg) => {
  console.log(msg);
  if (out) out.textContent += `\n${msg}`;
};

/** Byte ranges of `bytes`, each `lines` lines long (the last one shorter). */
function chunkBounds(bytes, lines) {
  const bounds = [];
  let start = 0;
  let pos = 0;
  let count = 0;
  for (;;) {
    const nl = bytes.indexOf(10, pos);
    if (nl < 0) break;
    pos = nl + 1;
    if (++count === lines) {
      bounds.push([start, pos]);
      start = pos;
      count = 0;
    }
  }
  if (start < bytes.length) bounds.push([start, bytes.length]);
  return bounds;
}

function quantile(values, p) {
  const v = [...values].sort((a, b) => a - b);
  return v.length ? v[Math.round((v.length - 1) * p)] : NaN;
}

/**
 * @param {{ events: number, chunkLines: number, warmLines: number, wholeImport: boolean }} opts
 */
window.runBench = async ({ events, chunkLines, warmLines, wholeImport }) => {
  const r = { crossOriginIsolated: self.crossOriginIsolated, userAgent: navigator.userAgent };
  let t = performance.now();
  const wasm = await init({ module_or_path: "/pkg/clientcare_bg.wasm" });
  r.init_ms = performance.now() - t;
  const memory = () => wasm.memory.buffer.byteLength;

  const spec = await (await fetch(`/data/queries-${events}.json`)).json();
  t = performance.now();
  const bytes = new Uint8Array(await (await fetch(`/data/events-${events}.jsonl`)).arrayBuffer());
  r.fetch_s = (performance.now() - t) / 1000;
  r.bytes = bytes.length;
  say(`fetched ${(bytes.length / 1e6).toFixed(1)} MB in ${r.fetch_s.toFixed(2)} s`);
  const decoder = new TextDecoder();

  // 0. Warm-up: the first lines once, as the native side does (lazy statics:
  // phone metadata and its regexes), timed apart from the load.
  {
    const [[a, b]] = chunkBounds(bytes, warmLines);
    const text = decoder.decode(bytes.subarray(a, b));
    t = performance.now();
    Workspace.importLog(text, 1).free();
    r.warm_s = (performance.now() - t) / 1000;
  }

  /** importLog of the whole text (one JS string), timed; null when it fails. */
  const importWhole = () => {
    try {
      const text = decoder.decode(bytes);
      t = performance.now();
      const whole = Workspace.importLog(text, 1);
      r.import_s = (performance.now() - t) / 1000;
      say(`importLog: ${whole.seq} events in ${r.import_s.toFixed(3)} s`);
      return whole;
    } catch (e) {
      r.import_error = String(e && e.message ? e.message : e);
      say(`importLog of the whole text failed: ${r.import_error}`);
      return null;
    }
  };

  // 1. applyLog in chunks of `chunkLines` lines (each decoded just before;
  // decoding timed apart), or importLog when the package has no applyLog.
  const bounds = chunkBounds(bytes, chunkLines);
  r.chunks = bounds.length;
  let loaded = new Workspace({ seed: 1 });
  if (typeof loaded.applyLog === "function") {
    r.chunk_method = "applyLog";
    let decode = 0;
    let apply = 0;
    const t0 = performance.now();
    for (const [a, b] of bounds) {
      const d0 = performance.now();
      const text = decoder.decode(bytes.subarray(a, b));
      const d1 = performance.now();
      loaded.applyLog(text);
      const d2 = performance.now();
      decode += d1 - d0;
      apply += d2 - d1;
    }
    r.chunked_total_s = (performance.now() - t0) / 1000;
    r.chunked_apply_s = apply / 1000;
    r.chunked_decode_s = decode / 1000;
    say(`applyLog: ${loaded.seq} events in ${bounds.length} chunks, ${r.chunked_apply_s.toFixed(3)} s (+ ${r.chunked_decode_s.toFixed(3)} s decoding)`);
  } else {
    r.chunk_method = "none (this package has no applyLog)";
    loaded.free();
    loaded = importWhole();
    if (!loaded) throw new Error("this package has no applyLog and importLog could not load the log");
  }
  r.events = loaded.seq;
  r.customers = loaded.customerCount;
  r.wasm_memory_bytes = memory();

  // 2. Search: each query timed as the mean of `repeat` runs, like the native side.
  r.search = [];
  const all = [];
  for (const { kind, queries, diagnostic } of spec.kinds) {
    const opts = { limit: spec.limit };
    for (const q of queries.slice(0, 20)) loaded.searchCustomers(q, opts);
    const times = [];
    const totals = [];
    for (const q of queries) {
      let total = 0;
      const s0 = performance.now();
      for (let i = 0; i < spec.repeat; i++) total = loaded.searchCustomers(q, opts).total;
      times.push(((performance.now() - s0) * 1000) / spec.repeat);
      totals.push(total);
    }
    if (!diagnostic) all.push(...times);
    r.search.push({ kind, median_us: quantile(times, 0.5), p99_us: quantile(times, 0.99), totals });
  }
  r.search_all = { median_us: quantile(all, 0.5), p99_us: quantile(all, 0.99) };
  say(`search: median ${r.search_all.median_us.toFixed(1)} µs, p99 ${r.search_all.p99_us.toFixed(1)} µs`);
  loaded.free();

  // 3. Last (a failure here cannot spoil the numbers above): importLog of the
  // whole text, when asked and not done already.
  if (wholeImport && r.chunk_method === "applyLog") {
    const whole = importWhole();
    if (whole) whole.free();
  }
  r.wasm_memory_peak_bytes = memory();
  return r;
};
window.benchReady = true;
