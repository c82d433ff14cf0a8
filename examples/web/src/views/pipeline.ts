// The pipeline board: one column per stage with its count, value and
// weighted value (from the package's board), the open deals as cards that
// move between stages, and a form for a new deal.

import type { Opportunity } from "clientcare";
import type { App, View } from "../app";
import { clear, dateOnly, field, h, initials, label, localDate, money, moneyShort, select } from "../dom";
import { attempt, showFieldHint } from "../errors";
import { customerPicker } from "../picker";

export class PipelineView implements View {
  readonly el: HTMLElement;
  private readonly head = h("div", { class: "board-head" });
  private readonly board = h("div", { class: "board", "data-testid": "board" });
  private readonly form = h("details", { class: "box new-deal" });

  constructor(private readonly app: App) {
    this.el = h("div", { class: "page" }, this.head, this.form, this.board);
  }

  show(): void {
    this.refresh();
  }

  refresh(): void {
    const ws = this.app.ws;
    const now = this.app.now();
    const pipeline = ws.pipeline("sales");
    const board = ws.pipelineBoard("sales");
    const rotting = new Set(ws.rottingOpportunities(now).map((o) => o.id));
    const deals = new Map<string, Opportunity[]>();
    for (const a of ws.agents()) {
      for (const d of ws.openDeals(a.id)) {
        if (d.pipeline !== "sales") continue;
        if (!deals.has(d.stage)) deals.set(d.stage, []);
        deals.get(d.stage)?.push(d);
      }
    }
    const openCount = board.columns.filter((c) => c.kind === "open").reduce((n, c) => n + c.count, 0);
    clear(
      this.head,
      h("h2", null, pipeline.name ?? "Sales pipeline"),
      h(
        "div",
        { class: "stats" },
        h("div", { class: "stat stat-plain" }, h("strong", null, String(openCount)), h("span", null, "open deals")),
        h("div", { class: "stat stat-good" }, h("strong", { "data-testid": "forecast" }, board.forecast.map(moneyShort).join(" + ") || "0"), h("span", null, "weighted forecast")),
        h("div", { class: `stat ${rotting.size > 0 ? "stat-warn" : "stat-plain"}` }, h("strong", null, String(rotting.size)), h("span", null, "rotting (idle too long)")),
      ),
    );
    this.renderForm();
    const stageNames = new Map(pipeline.stages.map((s) => [s.key, s.name ?? label(s.key)]));
    clear(
      this.board,
      board.columns.map((col) => {
        const cards = (deals.get(col.stage) ?? []).sort((a, b) => (a.expectedClose ?? "9999").localeCompare(b.expectedClose ?? "9999"));
        return h(
          "section",
          { class: `column column-${col.kind}`, "data-stage": col.stage },
          h(
            "header",
            null,
            h("div", { class: "column-title" }, h("strong", null, stageNames.get(col.stage) ?? col.stage), h("span", { class: "muted" }, `${col.probability} %`)),
            h("div", { class: "column-figures" }, h("span", { "data-testid": "column-count" }, `${col.count} deal${col.count === 1 ? "" : "s"}`), h("span", null, col.value.map(moneyShort).join(" + ") || "—")),
            col.kind === "open" ? h("div", { class: "column-weighted muted" }, `weighted ${col.weighted.map(moneyShort).join(" + ") || "—"}`) : null,
          ),
          col.kind === "open"
            ? h("div", { class: "cards" }, cards.map((d) => this.card(d, rotting.has(d.id), pipeline.stages.map((s) => s.key), pipeline.lostReasons, stageNames)))
            : h("p", { class: "muted column-note" }, col.kind === "won" ? "Won deals recorded their purchase." : "Lost deals keep their reason (see the dashboard)."),
        );
      }),
    );
  }

  private card(d: Opportunity, rotting: boolean, stages: string[], lostReasons: string[], names: Map<string, string>): HTMLElement {
    const today = localDate(this.app.now());
    const late = d.expectedClose !== null && d.expectedClose < today;
    const to = select("stage", stages.filter((s) => s !== d.stage).map((s): [string, string] => [s, `→ ${names.get(s) ?? s}`]), null, { "aria-label": "Move to" });
    const reason = select("lostReason", lostReasons.map((r): [string, string] => [r, label(r)]), null, { "aria-label": "Lost reason" });
    const reasonField = h("span", { class: "lost-reason", hidden: true }, reason);
    const form: HTMLFormElement = h("form", { class: "card-move" }, to, reasonField, h("button", { class: "btn btn-small", type: "submit" }, "Move"));
    const sync = () => (reasonField.hidden = to.value !== "lost");
    to.value = stages[stages.indexOf(d.stage) + 1] ?? stages[0] ?? "";
    sync();
    to.addEventListener("change", sync);
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      attempt(form, () => this.app.store.run((ws, o) => ws.moveOpportunity({ opportunity: d.id, stage: to.value, lostReason: to.value === "lost" ? reason.value : null }, o)));
    });
    return h(
      "article",
      { class: `deal${rotting ? " rotting" : ""}`, "data-id": d.id },
      h("div", { class: "deal-title" }, d.title),
      h("a", { class: "deal-customer", href: `#/customers/${d.customer}` }, this.app.customer(d.customer)),
      h(
        "div",
        { class: "deal-meta" },
        h("strong", null, money(d.value)),
        h("span", { class: "avatar avatar-xs", title: this.app.agent(d.owner) }, initials(this.app.agent(d.owner))),
      ),
      h(
        "div",
        { class: "deal-meta muted" },
        d.expectedClose ? h("span", { class: late ? "bad" : null }, `close ${dateOnly(`${d.expectedClose}T12:00:00Z`)}`) : h("span", null, "no close date"),
        rotting ? h("span", { class: "chip chip-warn", title: "No activity for longer than the stage allows" }, "rotting") : null,
      ),
      form,
    );
  }

  private renderForm(): void {
    if (this.form.open) return; // keep what is being typed
    const picker = customerPicker(this.app);
    const title = h("input", { name: "title", placeholder: "Nội thất văn phòng tầng 3" });
    const value = h("input", { name: "value", type: "number", min: 0, step: 100000, placeholder: "25000000" });
    const close = h("input", { name: "expectedClose", type: "date" });
    const owner = select("owner", this.app.agentOptions("No owner"), this.app.store.actor ?? "");
    const form: HTMLFormElement = h(
      "form",
      { class: "form", novalidate: true },
      h("div", { class: "grid-3" }, field("Customer *", picker.el, "customer"), field("Title *", title, "title"), field("Value (VND)", value, "value"), field("Expected close", close, "expectedClose"), field("Owner", owner, "owner")),
      h("div", { class: "form-actions" }, h("button", { class: "btn btn-primary", type: "submit" }, "Open deal")),
    );
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      if (picker.value() === null) {
        showFieldHint(form, "customer", "Pick the customer: type a name, phone or email, then choose one in the list.");
        return;
      }
      const ok = attempt(form, () =>
        this.app.store.run((ws, o) =>
          ws.openOpportunity(
            {
              customer: picker.value() ?? "",
              title: title.value,
              value: { amountMinor: Math.round(Number(value.value || "0")), currency: "VND" },
              expectedClose: close.value || null,
              owner: owner.value || null,
            },
            o,
          ),
        ),
      );
      if (ok) {
        this.form.open = false;
        this.app.notify("ok", "Deal opened.");
        this.refresh();
      }
    });
    clear(this.form, h("summary", null, "+ New deal"), form);
  }
}
