// End-to-end tests of the console in headless Chromium (Debian's chromium,
// driven by playwright-core): the built page (dist/, `vite build`) served on
// 127.0.0.1, a fresh browser profile, the clock fixed with ?now= so that SLA
// states and screenshots are reproducible. Screenshots go to screenshots/
// (git-ignored). Any console error or page error fails the test it happens in.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { serve } from "./server.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const DIST = join(here, "..", "dist");
const SHOTS = join(here, "..", "screenshots");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
// Friday 20 November 2026, 10:00 in Ho Chi Minh City: inside business hours.
const T0 = "2026-11-20T03:00:00Z";
const at = (minutes) => new Date(Date.parse(T0) + minutes * 60_000).toISOString().replace(".000Z", "Z");

let server;
const contexts = [];
const tmpDirs = [];

/** A browser with a fresh profile; every console error and page error is recorded. */
async function browser() {
  const dir = await mkdtemp(join(tmpdir(), "clientcare-e2e-"));
  tmpDirs.push(dir);
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
    timezoneId: "Asia/Ho_Chi_Minh",
    locale: "en-GB",
  });
  contexts.push(context);
  const page = context.pages()[0] ?? (await context.newPage());
  const errors = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  return { context, page, errors };
}

async function open(page, now = T0, hash = "") {
  await page.goto(`${server.url}/?now=${now}${hash}`);
  await page.waitForSelector("body[data-ready=true]", { timeout: 30_000 });
}

/** The counters the page shows (and stores as data attributes). */
async function counts(page) {
  return page.$eval("[data-testid=save-state]", (el) => ({
    seq: Number(el.dataset.seq),
    saved: Number(el.dataset.savedSeq),
    customers: Number(el.dataset.customers),
    complaints: Number(el.dataset.complaints),
  }));
}

/** Waits until every event is in IndexedDB. */
async function saved(page) {
  await page.waitForFunction(() => {
    const el = document.querySelector("[data-testid=save-state]");
    return el && el.dataset.seq === el.dataset.savedSeq && el.classList.contains("save-saved");
  });
}

async function shot(page, name, fullPage = false, hideNotices = true) {
  // Toasts would cover part of the page: dismiss them first.
  if (hideNotices) await page.$$eval(".notice", (els) => els.forEach((e) => e.remove()));
  // A full-page shot shows the whole detail panel (on screen it scrolls by itself).
  const unstick = fullPage ? await page.addStyleTag({ content: ".detail { position: static !important; max-height: none !important; }" }) : null;
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });
  if (unstick) await unstick.evaluate((el) => el.remove());
}

function noErrors(errors) {
  assert.deepEqual(errors.splice(0), [], "no console or page errors");
}

before(async () => {
  await mkdir(SHOTS, { recursive: true });
  server = await serve(DIST);
});

after(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  if (server) await server.close();
  for (const d of tmpDirs) await rm(d, { recursive: true, force: true });
});

describe("the care console", () => {
  /** One browser profile for the whole story (demo, edits, reloads). */
  let b;
  let complaintId;
  let exported;

  before(async () => {
    b = await browser();
  });

  test("loads the page and its WebAssembly package, empty", async () => {
    await open(b.page);
    assert.equal(await b.page.title(), "clientcare · care console");
    const c = await counts(b.page);
    assert.equal(c.customers, 0);
    assert.equal(c.seq, 1, "a new workspace holds its configuration event only");
    assert.match(await b.page.textContent("[data-testid=customer-detail]"), /An empty workspace/);
    assert.match(await b.page.textContent("[data-testid=clock]"), /Fri, 20 Nov 2026, 10:00/);
    await shot(b.page, "01-empty");
    noErrors(b.errors);
  });

  test("loads the demo data set", async () => {
    const started = Date.now();
    await b.page.click("[data-testid=load-demo]");
    await b.page.waitForSelector("[data-testid=notice-ok]", { timeout: 60_000 });
    assert.match(await b.page.textContent("[data-testid=notice-ok]"), /Demo data loaded: 500 customers/);
    await saved(b.page);
    const ms = Date.now() - started;
    const c = await counts(b.page);
    assert.equal(c.customers, 500);
    assert.ok(c.complaints > 250, `${c.complaints} complaints`);
    assert.ok(c.seq > 10_000, `${c.seq} events`);
    assert.equal(await b.page.getAttribute("body", "data-demo-refused"), "0", "the package accepted every demo command");
    // The queue shows complaints on each side of their SLA.
    await b.page.waitForSelector("[data-testid=complaint-queue] .sla-breached");
    assert.ok((await b.page.$$("[data-testid=complaint-queue] .sla-warning")).length >= 2);
    assert.ok((await b.page.$$("[data-testid=complaint-queue] .sla-running")).length >= 2);
    assert.ok(Number(await b.page.textContent("[data-testid=stat-breached] strong")) >= 1);
    assert.ok(Number(await b.page.textContent("[data-testid=stat-warning] strong")) >= 2);
    const states = new Set(await b.page.$$eval("[data-testid=complaint-queue] li[data-state]", (els) => els.map((e) => e.dataset.state)));
    for (const s of ["new", "open", "in_progress", "waiting_on_customer"]) assert.ok(states.has(s), `a ${s} complaint in the queue`);
    console.log(`# demo: ${c.seq} events, ${c.customers} customers, ${c.complaints} complaints, loaded and stored in ${ms} ms`);
    await shot(b.page, "02-demo-complaint-queue");
    noErrors(b.errors);
  });

  test("finds a Vietnamese name typed without diacritics", async () => {
    await b.page.click("nav a[data-view=customers]");
    await b.page.fill("[data-testid=customer-search]", "nguyen thi hanh");
    await b.page.waitForFunction(() => document.querySelector("[data-testid=customer-meta]")?.textContent?.includes("for “nguyen thi hanh”"));
    const names = await b.page.$$eval("[data-testid=customer-list] [data-testid=customer-name]", (els) => els.map((e) => e.textContent));
    assert.equal(names[0], "Nguyễn Thị Hạnh", `first hit of ${JSON.stringify(names)}`);
    await b.page.click("[data-testid=customer-list] li:first-child a");
    await b.page.waitForSelector("[data-testid=card-name]");
    assert.equal(await b.page.textContent("[data-testid=card-name]"), "Nguyễn Thị Hạnh");
    assert.match(await b.page.textContent("[data-testid=consent]"), /granted/);
    assert.ok((await b.page.$$("[data-testid=timeline] li")).length > 3, "the timeline lists her events");
    // A phone number in another format finds her too.
    const phone = await b.page.$eval("[data-testid=customer-detail] a[href^='tel:']", (a) => a.textContent);
    await b.page.fill("[data-testid=customer-search]", `0${phone.slice(3, 6)} ${phone.slice(6)}`);
    await b.page.waitForFunction(() => document.querySelector("[data-testid=customer-meta]")?.textContent?.startsWith("1 match"));
    await b.page.fill("[data-testid=customer-search]", "nguyen thi hanh");
    await shot(b.page, "03-search-without-diacritics", true);
    noErrors(b.errors);
  });

  test("registering a customer with a bad phone shows the error and adds nobody", async () => {
    const before = await counts(b.page);
    await b.page.click("[data-testid=new-customer]");
    await b.page.fill("[data-testid=reg-fullName]", "Đỗ Minh Khoa");
    await b.page.fill("[data-testid=reg-phones]", "12ab");
    await b.page.fill("[data-testid=reg-emails]", "khoa.do@example.vn");
    await b.page.click("[data-testid=reg-submit]");
    const error = b.page.locator("[data-error-for=phones]");
    await error.waitFor();
    assert.match(await error.textContent(), /invalid phone "12ab": not a phone number/);
    assert.match(await error.textContent(), /invalid_input/);
    assert.ok(await b.page.$eval("[data-field=phones]", (el) => el.classList.contains("invalid")));
    assert.deepEqual(await counts(b.page), before, "nothing changed");
    await shot(b.page, "04-register-bad-phone");
    // Corrected, it registers and opens the card.
    await b.page.fill("[data-testid=reg-phones]", "0903 111 222");
    await b.page.click("[data-testid=reg-submit]");
    await b.page.waitForSelector("[data-testid=card-name]");
    assert.equal(await b.page.textContent("[data-testid=card-name]"), "Đỗ Minh Khoa");
    assert.equal((await counts(b.page)).customers, before.customers + 1);
    await saved(b.page);
    noErrors(b.errors);
  });

  test("opens a complaint and watches its SLA: running, warning, breached, responded", async () => {
    await b.page.click("[data-testid=open-complaint]");
    await b.page.fill("[data-testid=complaint-subject-input]", "Máy giặt rung mạnh khi vắt");
    await b.page.selectOption("[data-testid=complaint-priority]", "urgent");
    // The call came in at 09:55 and is logged at 10:00: 5 minutes of the
    // hour already gone.
    await b.page.fill("[data-testid=complaint-received]", "2026-11-20T09:55");
    await b.page.click("[data-testid=complaint-submit]");
    await b.page.waitForSelector("[data-testid=complaint-subject]");
    complaintId = await b.page.$eval("[data-testid=complaint-detail] .card", (el) => el.dataset.id);
    assert.equal(await b.page.textContent("[data-testid=complaint-state]"), "New");
    const badge = () => b.page.$eval("[data-testid=detail-sla-badge] .sla", (el) => ({ state: el.dataset.sla, text: el.textContent }));
    assert.deepEqual(await badge(), { state: "running", text: "First response 0:55:00 left" });
    await saved(b.page);
    await shot(b.page, "05-complaint-sla-running", true);

    // 40 minutes later (a reload with a later clock): 15 minutes left, a warning.
    await open(b.page, at(40), `#/complaints/${complaintId}`);
    await b.page.waitForSelector("[data-testid=detail-sla-badge] .sla");
    assert.deepEqual(await badge(), { state: "warning", text: "First response 0:15:00 left" });
    assert.ok(await b.page.$(`[data-testid=complaint-queue] li[data-id="${complaintId}"] .sla-warning`), "amber in the queue too");
    await shot(b.page, "06-complaint-sla-warning", true);

    // 90 minutes after it came in: breached 30 minutes ago, and the explanation says when.
    await open(b.page, at(85), `#/complaints/${complaintId}`);
    await b.page.waitForSelector("[data-testid=detail-sla-badge] .sla");
    assert.deepEqual(await badge(), { state: "breached", text: "First response overdue 30m 00s" });
    const fr = b.page.locator("[data-testid=sla-explain] [data-metric=first_response]");
    assert.match(await fr.textContent(), /Breached at/);
    // A response now: the complaint opens, the first response stays breached (late).
    await b.page.fill("[data-testid=respond-body]", "Dạ em xin lỗi anh, kỹ thuật viên sẽ đến trong chiều nay ạ.");
    await b.page.click("[data-testid=respond-submit]");
    await b.page.waitForFunction(() => document.querySelector("[data-testid=complaint-state]")?.textContent === "Open");
    assert.match(await fr.textContent(), /Fulfilled/);
    assert.equal(await fr.getAttribute("class"), "metric metric-breached");
    assert.equal(await b.page.$eval("[data-testid=detail-sla-badge] .sla", (el) => el.dataset.sla), "running", "the resolution clock runs on");
    await saved(b.page);
    await shot(b.page, "07-complaint-sla-breached-then-answered", true);
    noErrors(b.errors);
  });

  test("a reload keeps everything (IndexedDB)", async () => {
    const before = await counts(b.page);
    assert.equal(before.saved, before.seq);
    await b.page.reload();
    await b.page.waitForSelector("body[data-ready=true]");
    const afterReload = await counts(b.page);
    assert.deepEqual(afterReload, before);
    assert.equal(await b.page.textContent("[data-testid=complaint-state]"), "Open");
    await b.page.click("nav a[data-view=customers]");
    await b.page.fill("[data-testid=customer-search]", "do minh khoa");
    await b.page.waitForFunction(() => document.querySelector("[data-testid=customer-name]")?.textContent === "Đỗ Minh Khoa");
    noErrors(b.errors);
  });

  test("the dashboard, the agenda and the board show the data", async () => {
    await b.page.click("nav a[data-view=dashboard]");
    await b.page.waitForSelector("[data-testid=kpi-tiles] .tile");
    assert.match(await b.page.textContent("[data-testid=tile-sla]"), /\d+ %/);
    assert.match(await b.page.textContent("[data-testid=tile-csat]"), /\d+ %/);
    assert.match(await b.page.textContent("[data-testid=tile-nps]"), /-?\d+/);
    for (const chart of ["chart-frt", "chart-resolution", "chart-sla", "chart-csat", "chart-nps"]) {
      const marks = await b.page.$$(`[data-testid=${chart}] svg .dot, [data-testid=${chart}] svg .bar`);
      assert.ok(marks.length >= 4, `${chart} draws its weeks (${marks.length} marks)`);
    }
    assert.ok((await b.page.$$("[data-testid=chart-funnel] .hbar")).length === 7, "a funnel row per stage");
    await shot(b.page, "08-dashboard", true);

    await b.page.click("nav a[data-view=agenda]");
    await b.page.waitForSelector("[data-testid=agenda]");
    await b.page.selectOption("[data-testid=agenda-who]", "team:care");
    const tasks = await b.page.$$("[data-testid=agenda] li.task");
    assert.ok(tasks.length > 0, "the care team has follow-ups");
    const before = await counts(b.page);
    const task = await b.page.$eval("[data-testid=agenda] li.task", (el) => el.dataset.id);
    await b.page.click(`[data-testid=agenda] li.task[data-id="${task}"] .btn-primary`);
    await b.page.waitForFunction((id) => !document.querySelector(`[data-testid=agenda] li.task[data-id="${id}"]`), task);
    assert.ok((await counts(b.page)).seq > before.seq, "completing it recorded events");
    await shot(b.page, "09-agenda");

    await b.page.click("nav a[data-view=pipeline]");
    await b.page.waitForSelector("[data-testid=board] .deal");
    assert.match(await b.page.textContent("[data-testid=forecast]"), /₫/);
    await shot(b.page, "10-pipeline");

    await b.page.click("nav a[data-view=customers]");
    await b.page.fill("[data-testid=customer-search]", "nguyen thi hanh");
    await b.page.click("[data-testid=customer-list] li:first-child a");
    await b.page.waitForSelector("[data-testid=playbooks]");
    await shot(b.page, "11-customer-card", true);
    noErrors(b.errors);
  });

  test("exports the log, which re-imports into a fresh browser as the same workspace", async () => {
    await saved(b.page);
    const before = await counts(b.page);
    const [download] = await Promise.all([b.page.waitForEvent("download"), b.page.click("[data-testid=export-log]")]);
    assert.match(download.suggestedFilename(), /^clientcare-\d{8}-\d{4}\.jsonl$/);
    exported = join(tmpDirs[0], download.suggestedFilename());
    await download.saveAs(exported);
    const text = await readFile(exported, "utf8");
    const lines = text.split("\n").filter(Boolean);
    assert.equal(lines.length, before.seq);
    assert.equal(JSON.parse(lines[lines.length - 1]).seq, before.seq);
    noErrors(b.errors);

    const fresh = await browser();
    await open(fresh.page, at(85));
    assert.equal((await counts(fresh.page)).customers, 0);
    // A corrupt log is refused with its code and changes nothing.
    const bad = join(tmpDirs[0], "corrupt.jsonl");
    await writeFile(bad, `${lines[0]}\n${lines[1].replace('"seq":2', '"seq":7')}\n`);
    await fresh.page.setInputFiles("[data-testid=import-file]", bad);
    const refusal = fresh.page.locator("[data-testid=notice-error]");
    await refusal.waitFor();
    assert.match(await refusal.textContent(), /refused \(line 2\)/);
    assert.match(await refusal.textContent(), /corrupt_log/);
    assert.equal((await counts(fresh.page)).customers, 0);
    await shot(fresh.page, "12-import-refused", false, false);
    await refusal.locator(".notice-close").click();

    await fresh.page.setInputFiles("[data-testid=import-file]", exported);
    await fresh.page.waitForSelector("[data-testid=notice-ok]");
    await saved(fresh.page);
    const imported = await counts(fresh.page);
    assert.deepEqual(imported, before, "same seq, customers and complaints");
    await open(fresh.page, at(85), `#/complaints/${complaintId}`);
    assert.equal(await fresh.page.textContent("[data-testid=complaint-subject]"), "Máy giặt rung mạnh khi vắt");
    assert.deepEqual(await counts(fresh.page), before, "and it was stored: a reload keeps it");
    await shot(fresh.page, "13-imported");
    noErrors(fresh.errors);
  });
  test("flags a likely duplicate, merges it, and erases a customer's data from the page and IndexedDB", async () => {
    const page = b.page;
    await open(page, at(90));
    const register = async (name, phone, email) => {
      await page.click("nav a[data-view=customers]");
      await page.click("[data-testid=new-customer]");
      await page.fill("[data-testid=reg-fullName]", name);
      await page.fill("[data-testid=reg-phones]", phone);
      await page.fill("[data-testid=reg-emails]", email);
      await page.click("[data-testid=reg-submit]");
      await page.waitForFunction((n) => document.querySelector("[data-testid=card-name]")?.textContent === n, name);
      return page.$eval("[data-testid=customer-detail] .card", (el) => el.dataset.id);
    };
    await register("Lương Thế Vinh", "0912 345 001", "vinh.luong@example.vn");
    const second = await register("Luong The Vinh", "0912 345 002", "vinh.luong@other.vn");
    // The second record's card lists the first: same name without accents, same email local part.
    await page.waitForSelector("[data-testid=duplicates] li");
    const listed = await page.textContent("[data-testid=duplicates]");
    assert.match(listed, /Lương Thế Vinh/);
    assert.match(listed, /email local part vinhluong/i);
    await shot(page, "14-duplicate-found", true);
    const seqBefore = (await counts(page)).seq;
    await page.click("[data-testid=merge-duplicate]");
    await page.waitForSelector("[data-testid=no-duplicates]");
    assert.equal((await counts(page)).seq, seqBefore + 1, "one customers_merged event");
    const card = await page.textContent("[data-testid=customer-detail]");
    assert.match(card, /vinh\.luong@example\.vn/, "the survivor holds both emails");
    assert.match(card, /vinh\.luong@other\.vn/);
    await saved(page);

    // Erasure on request: confirmed, then names and contacts are gone.
    page.once("dialog", (d) => d.accept());
    await page.click("[data-testid=erase-customer]");
    await page.waitForFunction(() => document.querySelector("[data-testid=card-name]")?.textContent === "[erased]");
    await saved(page);
    const stored = () =>
      page.evaluate(
        () =>
          new Promise((resolve, reject) => {
            const req = indexedDB.open("clientcare-console");
            req.onerror = () => reject(req.error);
            req.onsuccess = () => {
              const all = req.result.transaction("chunks", "readonly").objectStore("chunks").getAll();
              all.onerror = () => reject(all.error);
              all.onsuccess = () => {
                resolve(all.result.map((c) => c.text).join(""));
                req.result.close();
              };
            };
          }),
      );
    let log = await stored();
    assert.ok(log.includes('"customer_erased"'), "the erasure is stored");
    for (const pii of ["vinh.luong", "Lương Thế Vinh", "Luong The Vinh", "+84912345001"]) assert.ok(!log.includes(pii), `no ${pii} left in IndexedDB`);
    await shot(page, "15-erased", true);
    // A reload rebuilds the erased state from IndexedDB.
    await open(page, at(90), `#/customers/${second}`);
    await page.waitForSelector("[data-testid=card-name]");
    assert.equal(await page.textContent("[data-testid=card-name]"), "[erased]");
    log = await stored();
    assert.ok(!log.includes("vinh.luong"));
    noErrors(b.errors);
  });
});
