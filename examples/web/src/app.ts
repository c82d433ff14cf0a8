// The page shell: header (clock, acting agent, data buttons, save state),
// navigation between the views, notices, and the shared name lookups.

import { isClientcareError, Workspace } from "clientcare";
import type { Clock } from "./clock";
import { buildDemo } from "./demo";
import type { Names } from "./describe";
import { clear, dateLong, h, select } from "./dom";
import type { Store } from "./store";
import { AgendaView } from "./views/agenda";
import { ComplaintsView } from "./views/complaints";
import { CustomersView } from "./views/customers";
import { DashboardView } from "./views/dashboard";
import { PipelineView } from "./views/pipeline";

export interface View {
  readonly el: HTMLElement;
  /** Shows the route's item (`#/customers/<id>`: the id), or none. */
  show(param: string | null): void;
  /** The workspace changed. */
  refresh(): void;
  /** A second passed (live clock only). */
  tick?(): void;
}

type ViewName = "customers" | "complaints" | "agenda" | "pipeline" | "dashboard";

const NAV: [ViewName, string][] = [
  ["customers", "Customers"],
  ["complaints", "Complaints"],
  ["agenda", "Agenda"],
  ["pipeline", "Pipeline"],
  ["dashboard", "Dashboard"],
];

export class App implements Names {
  readonly main = h("main", { id: "view" });
  private readonly notices = h("div", { class: "notices", "aria-live": "polite" });
  private readonly nav = h("nav", { class: "tabs" });
  private readonly clockEl = h("span", { class: "clock", "data-testid": "clock" });
  private readonly saveEl = h("span", { class: "save-state", "data-testid": "save-state" });
  private readonly actorSlot = h("span", { class: "actor" });
  private readonly demoButton = h("button", { type: "button", class: "btn", "data-testid": "load-demo" }, "Load demo data");
  private readonly fileInput = h("input", { type: "file", accept: ".jsonl,.ndjson,.txt,application/x-ndjson", hidden: true, "data-testid": "import-file" });
  private views = new Map<ViewName, View>();
  private current: { name: ViewName; view: View } | null = null;
  private agentNames = new Map<string, string>();
  private customerNames = new Map<string, string>();
  private namesOf: { ws: Workspace; seq: number } | null = null;

  constructor(
    readonly store: Store,
    readonly clock: Clock,
  ) {}

  get ws(): Workspace {
    return this.store.ws;
  }

  mount(root: HTMLElement): void {
    const header = h(
      "header",
      { class: "topbar" },
      h("a", { class: "brand", href: "#/customers" }, h("span", { class: "logo" }, "cc"), h("span", null, "clientcare", h("small", null, "care console"))),
      this.nav,
      h("div", { class: "topbar-right" }, this.clockEl, this.actorSlot),
    );
    const toolbar = h(
      "div",
      { class: "databar" },
      this.saveEl,
      h("span", { class: "spacer" }),
      this.demoButton,
      h("button", { type: "button", class: "btn", "data-testid": "export-log", onclick: () => this.exportLog() }, "Export log"),
      h("button", { type: "button", class: "btn", "data-testid": "import-log", onclick: () => this.fileInput.click() }, "Import log…"),
      this.fileInput,
    );
    root.append(header, toolbar, this.notices, this.main);
    this.demoButton.addEventListener("click", () => this.loadDemo());
    this.fileInput.addEventListener("change", () => void this.importLog());
    this.store.onChange(() => this.changed());
    this.store.onSave(() => this.renderSave());
    window.addEventListener("hashchange", () => this.route());
    if (!this.clock.frozen) {
      window.setInterval(() => {
        this.renderClock();
        this.current?.view.tick?.();
      }, 1000);
    }
    if (this.clock.invalid) this.notify("error", `Ignored ?now=${this.clock.invalid}: give an ISO 8601 time with an offset, like 2026-11-20T03:00:00Z.`);
    this.renderChrome();
    this.route();
  }

  // ---- names ----

  /** The name caches follow the workspace (replaced by a demo or an import) and its changes. */
  private names(): void {
    if (this.namesOf?.ws === this.ws && this.namesOf.seq === this.ws.seq) return;
    this.namesOf = { ws: this.ws, seq: this.ws.seq };
    this.agentNames = new Map(this.ws.agents().map((a) => [a.id, a.name]));
    this.customerNames.clear();
  }

  agent(id: string | null | undefined): string {
    if (!id) return "—";
    this.names();
    return this.agentNames.get(id) ?? "unknown agent";
  }

  customer(id: string | null | undefined): string {
    if (!id) return "—";
    this.names();
    let name = this.customerNames.get(id);
    if (name === undefined) {
      try {
        const c = this.ws.customer(id);
        name = c.names.display ?? c.names.full;
      } catch {
        name = "unknown customer";
      }
      this.customerNames.set(id, name);
    }
    return name;
  }

  agentOptions(none = "—"): [string, string][] {
    return [["", none], ...this.ws.agents().filter((a) => a.active).map((a): [string, string] => [a.id, `${a.name}${a.team ? ` · ${a.team}` : ""}`])];
  }

  now(): Date {
    return this.clock.now();
  }

  // ---- navigation ----

  navigate(hash: string): void {
    if (location.hash === hash) this.route();
    else location.hash = hash;
  }

  private route(): void {
    const [, rawName, ...rest] = location.hash.replace(/^#/, "").split("/");
    const name = (NAV.find(([n]) => n === rawName)?.[0] ?? "customers") as ViewName;
    const param = rest.length > 0 ? decodeURIComponent(rest.join("/")) : null;
    if (this.current?.name !== name) {
      let view = this.views.get(name);
      if (!view) {
        view = this.create(name);
        this.views.set(name, view);
      } else {
        view.refresh();
      }
      clear(this.main, view.el);
      this.current = { name, view };
      for (const a of this.nav.querySelectorAll("a")) a.classList.toggle("active", a.dataset["view"] === name);
    }
    this.current.view.show(param);
  }

  private create(name: ViewName): View {
    switch (name) {
      case "customers":
        return new CustomersView(this);
      case "complaints":
        return new ComplaintsView(this);
      case "agenda":
        return new AgendaView(this);
      case "pipeline":
        return new PipelineView(this);
      case "dashboard":
        return new DashboardView(this);
    }
  }

  private changed(): void {
    this.renderChrome();
    this.current?.view.refresh();
    // Views not on screen refresh when shown again.
  }

  // ---- chrome ----

  private renderChrome(): void {
    const breached = this.ws.complaintsBreached(this.now()).length;
    clear(
      this.nav,
      NAV.map(([name, text]) =>
        h(
          "a",
          { href: `#/${name}`, "data-view": name, class: this.current?.name === name ? "active" : null },
          text,
          name === "complaints" && breached > 0 ? h("span", { class: "nav-badge", title: `${breached} breached` }, String(breached)) : null,
        ),
      ),
    );
    const agents = this.ws.agents().filter((a) => a.active);
    if (this.store.actor === null && agents.length > 0) {
      const saved = localStorage.getItem("clientcare.actor");
      this.store.actor = agents.find((a) => a.id === saved)?.id ?? agents[0]?.id ?? null;
    }
    const actor = select("actor", [["", "System"], ...agents.map((a): [string, string] => [a.id, a.name])], this.store.actor ?? "", {
      "data-testid": "actor",
      title: "Commands are recorded as done by this agent",
      onchange: (e: Event) => {
        this.store.actor = (e.target as HTMLSelectElement).value || null;
        localStorage.setItem("clientcare.actor", this.store.actor ?? "");
        this.current?.view.refresh();
      },
    });
    clear(this.actorSlot, h("span", { class: "muted" }, "Acting as"), actor);
    this.renderClock();
    this.renderSave();
  }

  private renderClock(): void {
    clear(this.clockEl, dateLong(this.now()), this.clock.frozen ? h("span", { class: "chip chip-muted", title: "Set by ?now= in the address" }, "fixed clock") : null);
  }

  private renderSave(): void {
    const s = this.store;
    const events = s.ws.seq;
    const text =
      s.saveState === "error"
        ? `Not saved: ${s.saveError ?? "IndexedDB error"}`
        : s.saveState === "saving"
          ? "Saving…"
          : s.persistedSeq === 0
            ? "Nothing stored yet"
            : "Saved in this browser";
    this.saveEl.className = `save-state save-${s.saveState === "saved" && s.persistedSeq === 0 ? "none" : s.saveState}`;
    this.saveEl.dataset["seq"] = String(events);
    this.saveEl.dataset["savedSeq"] = String(s.persistedSeq);
    this.saveEl.dataset["customers"] = String(s.ws.customerCount);
    this.saveEl.dataset["complaints"] = String(s.ws.complaintCount);
    clear(
      this.saveEl,
      h("strong", null, events.toLocaleString("en-US")),
      " events · ",
      h("strong", null, s.ws.customerCount.toLocaleString("en-US")),
      " customers · ",
      h("strong", null, s.ws.complaintCount.toLocaleString("en-US")),
      " complaints · ",
      h("span", { class: "save-text" }, text),
    );
  }

  notify(kind: "info" | "ok" | "error", text: string, code?: string | null, ttl = kind === "error" ? 0 : 6000): void {
    const close = h("button", { type: "button", class: "notice-close", "aria-label": "Dismiss" }, "×");
    const el = h("div", { class: `notice notice-${kind}`, role: kind === "error" ? "alert" : "status", "data-testid": `notice-${kind}` }, h("span", null, text), code ? h("code", { class: "error-code" }, code) : null, close);
    close.addEventListener("click", () => el.remove());
    this.notices.append(el);
    if (ttl > 0) window.setTimeout(() => el.remove(), ttl);
  }

  // ---- data: demo, export, import ----

  private demoArmed = false;

  private loadDemo(): void {
    if (this.ws.customerCount > 0 && !this.demoArmed) {
      this.demoArmed = true;
      this.demoButton.textContent = "Replace everything with the demo?";
      this.demoButton.classList.add("btn-danger");
      window.setTimeout(() => this.disarmDemo(), 5000);
      return;
    }
    this.disarmDemo();
    this.demoButton.disabled = true;
    this.demoButton.textContent = "Loading demo…";
    document.body.classList.add("busy");
    // Let the button state paint before the (about a second) of work.
    window.setTimeout(() => {
      void (async () => {
        try {
          const { ws, stats } = buildDemo(Workspace, this.now());
          await this.store.replace(ws);
          if (stats.refused > 0) {
            this.notify("error", `Demo: ${stats.refused} step(s) refused, first: ${stats.firstRefusals.join(" | ")}`);
          }
          this.notify("ok", `Demo data loaded: ${stats.customers} customers, ${stats.complaints} complaints, ${stats.events.toLocaleString("en-US")} events in ${stats.millis} ms.`);
          document.body.dataset["demoRefused"] = String(stats.refused);
          this.navigate("#/complaints");
        } catch (e) {
          this.notify("error", `Demo failed: ${(e as Error).message}`, isClientcareError(e) ? e.code : null);
        } finally {
          this.demoButton.disabled = false;
          this.demoButton.textContent = "Load demo data";
          document.body.classList.remove("busy");
        }
      })();
    }, 30);
  }

  private disarmDemo(): void {
    this.demoArmed = false;
    this.demoButton.textContent = "Load demo data";
    this.demoButton.classList.remove("btn-danger");
  }

  private exportLog(): void {
    const text = this.ws.exportLog();
    const blob = new Blob([text], { type: "application/x-ndjson" });
    const stamp = this.now().toISOString().slice(0, 16).replace(/[-:]/g, "").replace("T", "-");
    const a = h("a", { href: URL.createObjectURL(blob), download: `clientcare-${stamp}.jsonl` });
    document.body.append(a);
    a.click();
    a.remove();
    window.setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
    this.notify("ok", `Exported ${this.ws.seq.toLocaleString("en-US")} events.`);
  }

  private async importLog(): Promise<void> {
    const file = this.fileInput.files?.[0];
    this.fileInput.value = "";
    if (!file) return;
    const text = await file.text();
    let ws: Workspace;
    try {
      ws = Workspace.importLog(text);
    } catch (e) {
      const where = isClientcareError(e) && e.code === "corrupt_log" ? ` (line ${e.details.line})` : "";
      this.notify("error", `Import of ${file.name} refused${where}: ${(e as Error).message}. Nothing was changed.`, isClientcareError(e) ? e.code : null);
      return;
    }
    await this.store.replace(ws);
    this.notify("ok", `Imported ${file.name}: ${ws.seq.toLocaleString("en-US")} events, ${ws.customerCount} customers.`);
  }
}
