// An agent's (or a team's) agenda of follow-ups: overdue and upcoming, done
// and snooze buttons, and the form that schedules one.

import type { FollowUp, FollowUpKind, Priority } from "clientcare";
import type { App, View } from "../app";
import { clear, dateOnly, dateTime, field, fromLocalInput, h, label, localDate, localInputValue, select, timeOnly } from "../dom";
import { attempt, showFieldHint } from "../errors";
import { customerPicker } from "../picker";

const KINDS: FollowUpKind[] = ["call", "email", "message", "visit", "gift", "survey", "other"];
const KIND_ICON: Record<FollowUpKind, string> = { call: "☎", email: "✉", message: "✎", visit: "⌂", gift: "♥", survey: "★", other: "•" };
const HOUR = 3600;

export class AgendaView implements View {
  readonly el: HTMLElement;
  private readonly controls = h("div", { class: "filters" });
  private readonly body = h("div", { class: "agenda", "data-testid": "agenda" });
  private readonly side = h("section", { class: "panel detail" });
  private who: string | null = null;
  private horizon = 7 * 24 * HOUR;
  private newFor: string | null | undefined = undefined;

  constructor(private readonly app: App) {
    this.el = h("div", { class: "split split-wide-left" }, h("section", { class: "panel list-panel" }, this.controls, this.body), this.side);
  }

  show(param: string | null): void {
    this.newFor = param === "new" ? null : param?.startsWith("new/") ? param.slice(4) : undefined;
    this.refresh();
  }

  refresh(): void {
    const agents = this.app.ws.agents().filter((a) => a.active);
    if (this.who === null || !(this.who.startsWith("team:") || agents.some((a) => a.id === this.who))) this.who = this.app.store.actor ?? agents[0]?.id ?? null;
    this.renderControls();
    this.renderAgenda();
    this.renderSide();
  }

  private renderControls(): void {
    const agents = this.app.ws.agents().filter((a) => a.active);
    const teams = [...new Set(agents.map((a) => a.team).filter((t): t is string => !!t))];
    clear(
      this.controls,
      select("who", [...agents.map((a): [string, string] => [a.id, a.name]), ...teams.map((t): [string, string] => [`team:${t}`, `Team ${t}`])], this.who ?? "", {
        "aria-label": "Whose agenda",
        "data-testid": "agenda-who",
        onchange: (e: Event) => {
          this.who = (e.target as HTMLSelectElement).value;
          this.renderAgenda();
        },
      }),
      select("horizon", [[String(24 * HOUR), "Next 24 hours"], [String(3 * 24 * HOUR), "Next 3 days"], [String(7 * 24 * HOUR), "Next 7 days"], [String(30 * 24 * HOUR), "Next 30 days"]], String(this.horizon), {
        "aria-label": "How far ahead",
        onchange: (e: Event) => {
          this.horizon = Number((e.target as HTMLSelectElement).value);
          this.renderAgenda();
        },
      }),
      h("a", { class: "btn btn-primary", href: "#/agenda/new" }, "+ Schedule follow-up"),
    );
  }

  private renderAgenda(): void {
    const ws = this.app.ws;
    if (!this.who) {
      clear(this.body, h("p", { class: "empty" }, "No agent yet: load the demo data or import a log with agents."));
      return;
    }
    const now = this.app.now();
    const options = { now, withinSeconds: this.horizon, limit: 500 };
    const agenda = this.who.startsWith("team:") ? ws.teamAgenda(this.who.slice(5), options) : ws.agenda(this.who, options);
    const byDay = new Map<string, FollowUp[]>();
    for (const f of agenda.upcoming) {
      const day = localDate(f.dueAt);
      if (!byDay.has(day)) byDay.set(day, []);
      byDay.get(day)?.push(f);
    }
    const today = localDate(now);
    clear(
      this.body,
      h(
        "section",
        { class: "agenda-group overdue", "data-testid": "agenda-overdue" },
        h("h3", null, "Overdue ", h("span", { class: "count" }, String(agenda.overdue.length))),
        agenda.overdue.length === 0 ? h("p", { class: "muted" }, "Nothing overdue.") : h("ul", { class: "tasks" }, agenda.overdue.map((f) => this.task(f, true))),
      ),
      [...byDay].map(([day, tasks]) =>
        h(
          "section",
          { class: "agenda-group" },
          h("h3", null, day === today ? "Today" : dateOnly(tasks[0]?.dueAt ?? day), " ", h("span", { class: "count" }, String(tasks.length))),
          h("ul", { class: "tasks" }, tasks.map((f) => this.task(f, false))),
        ),
      ),
      byDay.size === 0 ? h("p", { class: "muted" }, "Nothing due in this window.") : null,
      agenda.truncated ? h("p", { class: "hint" }, "Only the first 500 follow-ups are shown.") : null,
    );
  }

  private task(f: FollowUp, overdue: boolean): HTMLElement {
    const links: HTMLElement[] = [];
    if (f.links.playbookRun) links.push(h("span", { class: "chip" }, `playbook step ${(f.links.playbookStep ?? 0) + 1}`));
    if (f.links.complaint) links.push(h("a", { class: "chip", href: `#/complaints/${f.links.complaint}` }, "complaint"));
    if (f.links.opportunity) links.push(h("span", { class: "chip" }, "deal"));
    if (f.links.tier) links.push(h("span", { class: "chip tier" }, `${f.links.tier} plan`));
    if (f.recurrence) links.push(h("span", { class: "chip", title: "Recurring" }, "↻"));
    const act = (text: string, cls: string, change: Parameters<typeof this.app.store.run>[0]) =>
      h(
        "button",
        {
          type: "button",
          class: `btn btn-small ${cls}`,
          onclick: (e: Event) => {
            const li = (e.currentTarget as HTMLElement).closest("li");
            if (li) attempt(li, () => this.app.store.run(change));
          },
        },
        text,
      );
    const due = Date.parse(f.dueAt);
    return h(
      "li",
      { class: `task prio-${f.priority}${overdue ? " is-overdue" : ""}`, "data-id": f.id },
      h("span", { class: "task-icon", title: label(f.kind) }, KIND_ICON[f.kind]),
      h("span", { class: "task-time" }, overdue ? dateTime(f.dueAt) : f.allDay ? "all day" : timeOnly(f.dueAt)),
      h(
        "span",
        { class: "task-main" },
        h("span", { class: "task-title" }, f.subject),
        h("span", { class: "task-sub" }, f.customer ? h("a", { href: `#/customers/${f.customer}` }, this.app.customer(f.customer)) : "no customer", f.assignee ? ` · ${this.app.agent(f.assignee)}` : f.team ? ` · team ${f.team}` : "", f.snoozed > 0 ? ` · snoozed ${f.snoozed}×` : "", " ", links),
      ),
      h(
        "span",
        { class: "task-actions" },
        act("Done", "btn-primary", (ws, o) => ws.completeFollowUp({ followUp: f.id, outcome: "Done" }, o)),
        act("+1 h", "", (ws, o) => ws.snoozeFollowUp({ followUp: f.id, until: new Date(Math.max(due, this.app.now().getTime()) + HOUR * 1000) }, o)),
        act("+1 day", "", (ws, o) => ws.snoozeFollowUp({ followUp: f.id, until: new Date(Math.max(due, this.app.now().getTime()) + 24 * HOUR * 1000) }, o)),
      ),
    );
  }

  private renderSide(): void {
    if (this.newFor === undefined) {
      const ws = this.app.ws;
      const now = this.app.now();
      const agents = ws.agents().filter((a) => a.active);
      clear(
        this.side,
        h("h2", null, "The team today"),
        agents.length === 0
          ? h("p", { class: "muted" }, "No agents.")
          : h(
              "table",
              { class: "table" },
              h("thead", null, h("tr", null, h("th", null, "Agent"), h("th", null, "Team"), h("th", { class: "num" }, "Overdue"), h("th", { class: "num" }, "Next 24 h"))),
              h(
                "tbody",
                null,
                agents.map((a) => {
                  const ag = ws.agenda(a.id, { now, withinSeconds: 24 * HOUR, limit: 1000 });
                  return h(
                    "tr",
                    { class: a.id === this.who ? "selected" : null },
                    h(
                      "td",
                      null,
                      h(
                        "a",
                        {
                          href: "#/agenda",
                          onclick: (e: Event) => {
                            e.preventDefault();
                            this.who = a.id;
                            this.refresh();
                          },
                        },
                        a.name,
                      ),
                    ),
                    h("td", null, a.team ?? "—"),
                    h("td", { class: `num${ag.overdue.length > 0 ? " bad" : ""}` }, String(ag.overdue.length)),
                    h("td", { class: "num" }, String(ag.upcoming.length)),
                  );
                }),
              ),
            ),
      );
      return;
    }
    clear(this.side, this.scheduleForm(this.newFor));
  }

  private scheduleForm(customer: string | null): HTMLElement {
    const picker = customerPicker(this.app, customer);
    const subject = h("input", { name: "subject", placeholder: "Gọi lại xác nhận lịch lắp đặt" });
    const kind = select("kind", KINDS.map((k): [string, string] => [k, label(k)]), "call");
    const dueAt = h("input", { type: "datetime-local", name: "dueAt", value: localInputValue(new Date(this.app.now().getTime() + 2 * HOUR * 1000)) });
    const assignee = select("assignee", this.app.agentOptions("Unassigned"), this.who && !this.who.startsWith("team:") ? this.who : (this.app.store.actor ?? ""));
    const priority = select("priority", (["low", "normal", "high", "urgent"] as Priority[]).map((p): [string, string] => [p, label(p)]), "normal");
    const form: HTMLFormElement = h(
      "form",
      { class: "form", novalidate: true, "data-testid": "schedule-form" },
      h("h2", null, "Schedule a follow-up"),
      field("Customer", picker.el, "customer"),
      field("Subject *", subject, "subject"),
      h("div", { class: "grid-2" }, field("Kind", kind, "kind"), field("Due", dueAt, "dueAt"), field("Assignee", assignee, "assignee"), field("Priority", priority, "priority")),
      h("div", { class: "form-actions" }, h("button", { class: "btn btn-primary", type: "submit" }, "Schedule"), h("a", { class: "btn btn-ghost", href: "#/agenda" }, "Cancel")),
    );
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      if (picker.value() === null && picker.text() !== "") {
        showFieldHint(form, "customer", "Pick the customer in the list (or clear the field for a task without one).");
        return;
      }
      const ok = attempt(form, () =>
        this.app.store.run((ws, o) =>
          ws.scheduleFollowUp(
            {
              subject: subject.value,
              kind: kind.value as FollowUpKind,
              customer: picker.value(),
              dueAt: fromLocalInput(dueAt.value) ?? "",
              assignee: assignee.value || null,
              priority: priority.value as Priority,
            },
            o,
          ),
        ),
      );
      if (ok) {
        this.app.notify("ok", "Follow-up scheduled.");
        this.app.navigate("#/agenda");
      }
    });
    return form;
  }
}
