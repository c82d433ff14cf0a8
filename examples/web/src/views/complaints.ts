// Complaints: the queue with live SLA countdowns, a complaint with its
// conversation, actions (respond, change state, assign, escalate, resolve,
// reopen, close, cancel) and the explanation of its SLA clocks; and the form
// that opens one.

import type { CancelReason, Channel, Complaint, ComplaintSort, ComplaintState, Priority, WorkingState } from "clientcare";
import type { App, View } from "../app";
import { describe } from "../describe";
import { clear, dateTime, field, fromLocalInput, h, label, localInputValue, money, select } from "../dom";
import { attempt, showFieldHint } from "../errors";
import { customerPicker } from "../picker";
import { explainView, slaBadge } from "../sla";

const WORKING: ComplaintState[] = ["new", "open", "in_progress", "waiting_on_customer"];
const ALL_STATES: ComplaintState[] = [...WORKING, "resolved", "closed", "cancelled", "merged"];
const PRIORITIES: Priority[] = ["urgent", "high", "normal", "low"];
const CHANNELS: Channel[] = ["phone", "email", "live_chat", "social", "in_person", "web", "sms", "forum", "other"];
const CATEGORIES = ["delivery", "product_defect", "billing", "service", "installation", "warranty"];
const RESOLUTION_CATEGORIES = ["repaired", "replaced", "refunded", "explained", "delivered", "other"];
const PAGE = 50;

type Mode = { kind: "none" } | { kind: "complaint"; id: string } | { kind: "new"; customer: string | null };
type Action = "respond" | "message" | "state" | "assign" | "escalate" | "resolve" | "cancel" | "reopen";

export class ComplaintsView implements View {
  readonly el: HTMLElement;
  private readonly summary = h("div", { class: "stats", "data-testid": "queue-summary" });
  private readonly filters = h("div", { class: "filters" });
  private readonly list = h("ul", { class: "rows queue", "data-testid": "complaint-queue" });
  private readonly more = h("div", { class: "more" });
  private readonly detail = h("section", { class: "panel detail", "data-testid": "complaint-detail" });
  private mode: Mode = { kind: "none" };
  private filter = { states: "working", priority: "", assignee: "", sort: "priority" as ComplaintSort, sla: "" };
  private shown = PAGE;
  private action: Action = "respond";
  /** Badges to update every second: complaint id -> its slot. */
  private badges = new Map<string, HTMLElement>();

  constructor(private readonly app: App) {
    this.el = h(
      "div",
      { class: "split split-wide-left" },
      h("section", { class: "panel list-panel" }, this.summary, this.filters, this.list, this.more),
      this.detail,
    );
    this.renderFilters();
  }

  show(param: string | null): void {
    if (param === null) this.mode = { kind: "none" };
    else if (param === "new" || param.startsWith("new/")) this.mode = { kind: "new", customer: param.length > 4 ? param.slice(4) : null };
    else {
      if (this.mode.kind !== "complaint" || this.mode.id !== param) this.action = "respond";
      this.mode = { kind: "complaint", id: param };
    }
    this.renderList();
    this.renderDetail();
  }

  refresh(): void {
    this.renderFilters();
    this.renderList();
    if (this.mode.kind !== "new") this.renderDetail();
  }

  tick(): void {
    const now = this.app.now();
    for (const [id, slot] of this.badges) {
      if (!slot.isConnected) {
        this.badges.delete(id);
        continue;
      }
      clear(slot, slaBadge(this.app.ws.slaStatus(id, now), now));
    }
  }

  // ---- queue ----

  private renderFilters(): void {
    const set = (key: keyof typeof this.filter) => (e: Event) => {
      (this.filter as Record<string, string>)[key] = (e.target as HTMLSelectElement).value;
      this.shown = PAGE;
      this.renderList();
    };
    const me = this.app.store.actor;
    clear(
      this.filters,
      select("states", [["working", "Working states"], ...ALL_STATES.map((st): [string, string] => [st, label(st)]), ["all", "All states"]], this.filter.states, { onchange: set("states"), "aria-label": "State" }),
      select("priority", [["", "Any priority"], ...PRIORITIES.map((p): [string, string] => [p, label(p)])], this.filter.priority, { onchange: set("priority"), "aria-label": "Priority" }),
      select("assignee", [["", "Anyone"], ...(me ? [["me", "Assigned to me"] as [string, string]] : []), ["unassigned", "Unassigned"], ...this.app.agentOptions().slice(1)], this.filter.assignee, {
        onchange: set("assignee"),
        "aria-label": "Assignee",
      }),
      select("sla", [["", "Any SLA state"], ["breached", "Breached"], ["warning", "At risk"]], this.filter.sla, { onchange: set("sla"), "aria-label": "SLA" }),
      select("sort", [["priority", "Most urgent first"], ["oldest", "Oldest first"], ["newest", "Newest first"]], this.filter.sort, { onchange: set("sort"), "aria-label": "Sort" }),
      h("a", { class: "btn btn-primary", href: "#/complaints/new", "data-testid": "new-complaint" }, "+ New complaint"),
    );
  }

  private renderList(): void {
    const ws = this.app.ws;
    const now = this.app.now();
    const breached = ws.complaintsBreached(now);
    const atRisk = ws.complaintsAtRisk(now);
    const working = ws.listComplaints({}, "oldest", { limit: 1000 });
    const unassigned = ws.listComplaints({ unassigned: true }, "oldest", { limit: 1000 });
    const stat = (n: number | string, text: string, cls: string, onclick: () => void, testid: string) =>
      h("button", { type: "button", class: `stat ${cls}`, onclick, "data-testid": testid }, h("strong", null, String(n)), h("span", null, text));
    const setFilter = (patch: Partial<typeof this.filter>) => () => {
      Object.assign(this.filter, { states: "working", priority: "", assignee: "", sla: "" }, patch);
      this.renderFilters();
      this.renderList();
    };
    clear(
      this.summary,
      stat(`${working.items.length}${working.next ? "+" : ""}`, "working", "stat-plain", setFilter({}), "stat-working"),
      stat(new Set(breached.map((a) => a.complaint)).size, "breached", "stat-bad", setFilter({ sla: "breached" }), "stat-breached"),
      stat(new Set(atRisk.map((a) => a.complaint)).size, "at risk", "stat-warn", setFilter({ sla: "warning" }), "stat-warning"),
      stat(`${unassigned.items.length}${unassigned.next ? "+" : ""}`, "unassigned", "stat-plain", setFilter({ assignee: "unassigned" }), "stat-unassigned"),
    );

    const f = this.filter;
    let items: Complaint[];
    let hasMore = false;
    if (f.sla) {
      const alerts = f.sla === "breached" ? breached : atRisk;
      const seen = new Set<string>();
      items = [];
      for (const a of alerts) {
        if (seen.has(a.complaint)) continue;
        seen.add(a.complaint);
        items.push(ws.complaint(a.complaint));
      }
      items = items.filter((c) => (!f.priority || c.priority === f.priority) && this.assigneeMatches(c));
    } else {
      const states: ComplaintState[] = f.states === "working" ? WORKING : f.states === "all" ? ALL_STATES : [f.states as ComplaintState];
      const me = this.app.store.actor;
      const page = ws.listComplaints(
        {
          states,
          priorities: f.priority ? [f.priority as Priority] : [],
          assignee: f.assignee === "me" ? me : f.assignee && f.assignee !== "unassigned" ? f.assignee : null,
          unassigned: f.assignee === "unassigned",
        },
        f.sort,
        { limit: Math.min(this.shown, 1000) },
      );
      items = page.items;
      hasMore = page.next !== null;
    }
    const selected = this.mode.kind === "complaint" ? this.mode.id : null;
    this.badges.clear();
    clear(
      this.list,
      items.length === 0 ? h("li", { class: "empty-row" }, "No complaint here.") : null,
      items.map((c) => {
        const badgeSlot = h("span", { class: "badge-slot", "data-testid": "sla-badge" }, this.badge(c, now));
        if (WORKING.includes(c.state)) this.badges.set(c.id, badgeSlot);
        return h(
          "li",
          { class: `row prio-${c.priority}${c.id === selected ? " selected" : ""}`, "data-id": c.id, "data-state": c.state },
          h(
            "a",
            { href: `#/complaints/${c.id}`, class: "row-link" },
            h("span", { class: "prio-bar", title: label(c.priority) }),
            h(
              "span",
              { class: "row-main" },
              h("span", { class: "row-title" }, c.subject),
              h("span", { class: "row-sub" }, `${this.app.customer(c.customer)} · ${label(c.channel)} · received ${dateTime(c.receivedAt)}`),
            ),
            h(
              "span",
              { class: "row-chips" },
              h("span", { class: `chip state-${c.state}` }, label(c.state)),
              c.escalationLevel > 0 ? h("span", { class: "chip chip-bad", title: "Escalation level" }, `L${c.escalationLevel}`) : null,
              badgeSlot,
              h("span", { class: "assignee", title: this.app.agent(c.assignee) }, c.assignee ? this.app.agent(c.assignee).split(" ").slice(-1)[0] : "—"),
            ),
          ),
        );
      }),
    );
    clear(
      this.more,
      hasMore
        ? h(
            "button",
            {
              type: "button",
              class: "btn btn-ghost",
              onclick: () => {
                this.shown += PAGE;
                this.renderList();
              },
            },
            "Show more",
          )
        : null,
    );
  }

  private assigneeMatches(c: Complaint): boolean {
    const a = this.filter.assignee;
    if (!a) return true;
    if (a === "unassigned") return c.assignee === null;
    if (a === "me") return c.assignee === this.app.store.actor;
    return c.assignee === a;
  }

  private badge(c: Complaint, now: Date): HTMLElement {
    if (!WORKING.includes(c.state)) return h("span", { class: "sla sla-done", "data-sla": "done" }, label(c.state));
    return slaBadge(this.app.ws.slaStatus(c.id, now), now);
  }

  // ---- detail ----

  private renderDetail(): void {
    if (this.mode.kind === "none") {
      clear(
        this.detail,
        h(
          "div",
          { class: "empty" },
          h("h2", null, "Complaint queue"),
          h("p", null, "Pick a complaint to respond, move it along or resolve it. Countdowns show the business time left on its SLA (the calendar's working hours only); amber is a warning, red a breach."),
        ),
      );
      return;
    }
    if (this.mode.kind === "new") {
      clear(this.detail, this.openForm(this.mode.customer));
      return;
    }
    let c: Complaint;
    try {
      c = this.app.ws.complaint(this.mode.id);
    } catch (e) {
      clear(this.detail, h("p", { class: "empty" }, (e as Error).message));
      return;
    }
    clear(this.detail, this.complaintCard(c));
  }

  private complaintCard(c: Complaint): HTMLElement {
    const ws = this.app.ws;
    const now = this.app.now();
    const working = WORKING.includes(c.state);
    const badgeSlot = h("span", { class: "badge-slot", "data-testid": "detail-sla-badge" }, this.badge(c, now));
    if (working) this.badges.set(c.id, badgeSlot);
    const facts: [string, HTMLElement | string][] = [
      ["Customer", h("a", { href: `#/customers/${c.customer}` }, this.app.customer(c.customer))],
      ["Received", dateTime(c.receivedAt)],
      ["Channel", label(c.channel)],
      ["Category", c.category ? label(c.category) : "—"],
      ["Assignee", `${this.app.agent(c.assignee)}${c.team ? ` · ${c.team}` : ""}`],
      ["First response", c.firstResponseAt ? dateTime(c.firstResponseAt) : "not yet"],
    ];
    if (c.escalationLevel > 0) facts.push(["Escalation", `level ${c.escalationLevel}`]);
    if (c.reopenCount > 0) facts.push(["Reopened", `${c.reopenCount}×`]);
    const last = c.resolutions[c.resolutions.length - 1];
    if (last) facts.push(["Resolution", `${label(last.category)}${last.note ? `: ${last.note}` : ""}${last.compensation.length ? ` (+ ${last.compensation.map((k) => `${k.kind} ${money(k.value)}`).join(", ")})` : ""}`]);
    if (c.cancelled) facts.push(["Cancelled", `${c.cancelled.reason}${c.cancelled.note ? `: ${c.cancelled.note}` : ""}`]);
    if (c.mergedInto) facts.push(["Merged into", h("a", { href: `#/complaints/${c.mergedInto}` }, "the complaint it duplicates")]);

    return h(
      "div",
      { class: "card", "data-id": c.id, "data-state": c.state },
      h(
        "div",
        { class: "card-head" },
        h(
          "div",
          { class: "card-title" },
          h("h2", { "data-testid": "complaint-subject" }, c.subject),
          h(
            "div",
            { class: "chips" },
            h("span", { class: `chip state-${c.state}`, "data-testid": "complaint-state" }, label(c.state)),
            h("span", { class: `chip prio-chip prio-${c.priority}` }, label(c.priority)),
            c.tags.map((t) => h("span", { class: "chip chip-tag" }, `#${t}`)),
            badgeSlot,
          ),
        ),
      ),
      c.description ? h("p", { class: "description" }, c.description) : null,
      h("dl", { class: "kv kv-wide" }, facts.map(([k, v]) => [h("dt", null, k), h("dd", null, v)])),
      this.actions(c),
      h("section", { class: "box" }, h("h3", null, "SLA"), explainView(ws.explainSla(c.id, now), now)),
      h("section", { class: "box" }, h("h3", null, `Conversation (${c.messages.length})`), this.conversation(c)),
      h(
        "details",
        { class: "box" },
        h("summary", null, h("h3", null, "History")),
        h(
          "ol",
          { class: "timeline" },
          ws
            .complaintHistory(c.id)
            .reverse()
            .map((e) =>
              h("li", { class: "tl" }, h("time", { datetime: e.at }, dateTime(e.at)), h("span", { class: "tl-dot" }), h("span", { class: "tl-text" }, describe(e, this.app)), e.actor.kind === "agent" ? h("span", { class: "muted tl-actor" }, this.app.agent(e.actor.id)) : null),
            ),
        ),
      ),
    );
  }

  private conversation(c: Complaint): HTMLElement {
    if (c.messages.length === 0) return h("p", { class: "muted" }, "No message yet.");
    return h(
      "ol",
      { class: "thread" },
      c.messages.map((m) =>
        h(
          "li",
          { class: `msg msg-${m.author}${m.public ? "" : " msg-note"}` },
          h("div", { class: "msg-meta" }, m.author === "customer" ? this.app.customer(c.customer) : m.agent ? this.app.agent(m.agent) : "Automation", " · ", label(m.channel), !m.public ? " · internal note" : "", " · ", dateTime(m.occurredAt)),
          h("div", { class: "msg-body" }, m.body),
        ),
      ),
    );
  }

  private actions(c: Complaint): HTMLElement {
    const working = WORKING.includes(c.state);
    const available: [Action, string][] = working
      ? [
          ["respond", "Respond"],
          ["message", "Customer wrote"],
          ["state", "Change state"],
          ["assign", "Assign"],
          ["escalate", "Escalate"],
          ["resolve", "Resolve"],
          ["cancel", "Cancel"],
        ]
      : c.state === "resolved"
        ? [["reopen", "Reopen or close"]]
        : [];
    if (available.length === 0) return h("p", { class: "muted" }, `This complaint is ${label(c.state).toLowerCase()}: nothing more can happen to it.`);
    if (!available.some(([a]) => a === this.action)) this.action = available[0]![0];
    const body = h("div", { class: "action-body" }, this.actionForm(c, this.action));
    const tabs = h(
      "div",
      { class: "segmented", role: "tablist" },
      available.map(([a, text]) =>
        h(
          "button",
          {
            type: "button",
            role: "tab",
            class: a === this.action ? "active" : null,
            "data-action": a,
            onclick: (e: Event) => {
              this.action = a;
              for (const b of tabs.querySelectorAll("button")) b.classList.toggle("active", b === e.currentTarget);
              clear(body, this.actionForm(c, a));
            },
          },
          text,
        ),
      ),
    );
    return h("section", { class: "box actions" }, tabs, body);
  }

  private actionForm(c: Complaint, action: Action): HTMLElement {
    const run = (form: HTMLFormElement, fn: Parameters<typeof this.app.store.run>[0], done?: string) => {
      if (attempt(form, () => this.app.store.run(fn)) && done) this.app.notify("ok", done);
    };
    const form = h("form", { class: "form", "data-testid": `action-${action}`, novalidate: true });
    const actor = this.app.store.actor;
    switch (action) {
      case "respond": {
        const body = h("textarea", { name: "body", rows: 3, placeholder: "Dạ em chào anh/chị, …", "data-testid": "respond-body" });
        const isPublic = h("input", { type: "checkbox", name: "public", checked: true });
        form.append(
          field("Response", body, "body"),
          h("label", { class: "check" }, isPublic, " Public (seen by the customer; an internal note otherwise)"),
          h("div", { class: "form-actions" }, h("button", { class: "btn btn-primary", type: "submit", "data-testid": "respond-submit" }, "Send response")),
        );
        form.addEventListener("submit", (e) => {
          e.preventDefault();
          run(form, (ws, o) => ws.respondToComplaint({ complaint: c.id, agent: actor, body: body.value, public: isPublic.checked }, o), isPublic.checked ? "Response sent." : "Note added.");
        });
        if (!actor) form.prepend(h("p", { class: "hint" }, "Pick who you are acting as (top right): a response is written by an agent."));
        break;
      }
      case "message": {
        const body = h("textarea", { name: "body", rows: 3, placeholder: "What the customer wrote or said" });
        const channel = select("channel", CHANNELS.map((ch): [string, string] => [ch, label(ch)]), c.channel);
        form.append(field("Customer message", body, "body"), field("Channel", channel, "channel"), h("div", { class: "form-actions" }, h("button", { class: "btn btn-primary", type: "submit" }, "Record message")));
        form.addEventListener("submit", (e) => {
          e.preventDefault();
          run(form, (ws, o) => ws.addCustomerMessage({ complaint: c.id, body: body.value, channel: channel.value as Channel }, o), "Message recorded.");
        });
        break;
      }
      case "state": {
        const to = select("to", (["open", "in_progress", "waiting_on_customer"] as WorkingState[]).map((st): [string, string] => [st, label(st)]), c.state === "in_progress" ? "waiting_on_customer" : "in_progress", { "data-testid": "state-to" });
        const reason = h("input", { name: "reason", placeholder: "Optional" });
        form.append(h("div", { class: "grid-2" }, field("Move to", to, "to"), field("Reason", reason, "reason")), h("div", { class: "form-actions" }, h("button", { class: "btn btn-primary", type: "submit", "data-testid": "state-submit" }, "Change state")));
        form.addEventListener("submit", (e) => {
          e.preventDefault();
          run(form, (ws, o) => ws.changeComplaintState({ complaint: c.id, to: to.value as WorkingState, reason: reason.value.trim() || null }, o));
        });
        break;
      }
      case "assign": {
        const who = select("assignee", this.app.agentOptions("Unassigned"), c.assignee ?? "");
        const team = h("input", { name: "team", value: c.team ?? "" });
        form.append(h("div", { class: "grid-2" }, field("Agent", who, "assignee"), field("Team", team, "team")), h("div", { class: "form-actions" }, h("button", { class: "btn btn-primary", type: "submit" }, "Assign")));
        form.addEventListener("submit", (e) => {
          e.preventDefault();
          run(form, (ws, o) => ws.assignComplaint({ complaint: c.id, assignee: who.value || null, team: team.value.trim() || null }, o), "Assigned.");
        });
        break;
      }
      case "escalate": {
        const reason = h("input", { name: "reason", placeholder: "Why (required)" });
        const to = select("reassignTo", this.app.agentOptions("Keep the assignee"));
        form.append(h("div", { class: "grid-2" }, field("Reason", reason, "reason"), field("Reassign to", to, "reassignTo")), h("div", { class: "form-actions" }, h("button", { class: "btn btn-primary", type: "submit" }, `Escalate to level ${c.escalationLevel + 1}`)));
        form.addEventListener("submit", (e) => {
          e.preventDefault();
          run(form, (ws, o) => ws.escalateComplaint({ complaint: c.id, reason: reason.value, reassignTo: to.value || null }, o), "Escalated.");
        });
        break;
      }
      case "resolve": {
        const category = select("category", RESOLUTION_CATEGORIES.map((k): [string, string] => [k, label(k)]), "repaired");
        const note = h("input", { name: "note", placeholder: "What was done" });
        const voucher = h("input", { name: "compensation", type: "number", min: 0, step: 10000, placeholder: "0" });
        form.append(
          h("div", { class: "grid-2" }, field("Resolution", category, "category"), field("Note", note, "note"), field("Voucher (VND)", voucher, "compensation", "Optional compensation")),
          h("div", { class: "form-actions" }, h("button", { class: "btn btn-primary", type: "submit", "data-testid": "resolve-submit" }, "Resolve")),
        );
        form.addEventListener("submit", (e) => {
          e.preventDefault();
          const amount = Number(voucher.value || "0");
          run(
            form,
            (ws, o) =>
              ws.resolveComplaint(
                {
                  complaint: c.id,
                  category: category.value,
                  note: note.value.trim() || null,
                  compensation: amount > 0 ? [{ kind: "voucher", value: { amountMinor: Math.round(amount), currency: "VND" } }] : [],
                },
                o,
              ),
            "Resolved.",
          );
        });
        break;
      }
      case "cancel": {
        const reason = select("reason", (["spam", "duplicate", "withdrawn", "other"] as CancelReason[]).map((r): [string, string] => [r, label(r)]));
        const note = h("input", { name: "note", placeholder: "Required for “other”" });
        form.append(h("div", { class: "grid-2" }, field("Reason", reason, "reason"), field("Note", note, "note")), h("div", { class: "form-actions" }, h("button", { class: "btn btn-danger", type: "submit" }, "Cancel complaint")));
        form.addEventListener("submit", (e) => {
          e.preventDefault();
          run(form, (ws, o) => ws.cancelComplaint({ complaint: c.id, reason: reason.value as CancelReason, note: note.value.trim() || null }, o), "Cancelled.");
        });
        break;
      }
      case "reopen": {
        const reason = h("input", { name: "reason", placeholder: "Why it is reopened" });
        form.append(
          field("Reason", reason, "reason"),
          h(
            "div",
            { class: "form-actions" },
            h("button", { class: "btn btn-primary", type: "submit", value: "reopen" }, "Reopen"),
            h("button", { class: "btn", type: "submit", value: "close" }, "Close for good"),
          ),
        );
        form.addEventListener("submit", (e) => {
          e.preventDefault();
          if ((e.submitter as HTMLButtonElement | null)?.value === "close") run(form, (ws, o) => ws.closeComplaint({ complaint: c.id }, o), "Closed.");
          else run(form, (ws, o) => ws.reopenComplaint({ complaint: c.id, reason: reason.value.trim() || null }, o), "Reopened.");
        });
        break;
      }
    }
    return form;
  }

  // ---- open a complaint ----

  private openForm(customer: string | null): HTMLElement {
    const picker = customerPicker(this.app, customer);
    const subject = h("input", { name: "subject", placeholder: "Máy lạnh chảy nước sau khi lắp", "data-testid": "complaint-subject-input" });
    const channel = select("channel", CHANNELS.map((ch): [string, string] => [ch, label(ch)]), "phone");
    const priority = select("priority", PRIORITIES.map((p): [string, string] => [p, label(p)]), "normal", { "data-testid": "complaint-priority" });
    const category = select("category", [["", "—"], ...CATEGORIES.map((k): [string, string] => [k, label(k)])]);
    const assignee = select("assignee", this.app.agentOptions("Unassigned"), this.app.store.actor ?? "");
    const description = h("textarea", { name: "description", rows: 3 });
    const received = h("input", { type: "datetime-local", name: "receivedAt", value: localInputValue(this.app.now()), "data-testid": "complaint-received" });
    const form: HTMLFormElement = h(
      "form",
      { class: "form", "data-testid": "open-complaint-form", novalidate: true },
      h("h2", null, "Open a complaint"),
      field("Customer *", picker.el, "customer"),
      h(
        "div",
        { class: "grid-2" },
        field("Subject *", subject, "subject"),
        field("Channel", channel, "channel"),
        field("Priority", priority, "priority", "Picks the SLA policy"),
        field("Category", category, "category"),
        field("Assignee", assignee, "assignee"),
        field("Received at", received, "receivedAt", "SLA clocks start here (the calendar's zone)"),
      ),
      field("Description", description, "description"),
      h("div", { class: "form-actions" }, h("button", { class: "btn btn-primary", type: "submit", "data-testid": "complaint-submit" }, "Open complaint"), h("a", { class: "btn btn-ghost", href: "#/complaints" }, "Cancel")),
    );
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      if (picker.value() === null) {
        showFieldHint(form, "customer", "Pick the customer: type a name, phone or email, then choose one in the list.");
        return;
      }
      let id = "";
      const ok = attempt(form, () => {
        id = this.app.store.run((ws, o) =>
          ws.openComplaint(
            {
              customer: picker.value() ?? "",
              channel: channel.value as Channel,
              subject: subject.value,
              priority: priority.value as Priority,
              category: category.value || null,
              assignee: assignee.value || null,
              team: "care",
              description: description.value.trim() || null,
              receivedAt: fromLocalInput(received.value),
            },
            o,
          ),
        );
      });
      if (ok) {
        this.app.notify("ok", "Complaint opened.");
        this.app.navigate(`#/complaints/${id}`);
      }
    });
    return form;
  }
}
