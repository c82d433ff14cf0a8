// Customers: instant search, the customer card (details, contact points,
// consent, tier, complaints, deals, purchases, playbook progress, follow-ups,
// timeline) and the register / edit forms with inline errors.

import type { Channel, ContactPoint, Customer, CustomerKind, Lifecycle, Purpose } from "clientcare";
import type { App, View } from "../app";
import { describe } from "../describe";
import { clear, dateOnly, dateTime, field, h, label, money, select } from "../dom";
import { attempt } from "../errors";
import { slaBadge } from "../sla";

const CHANNELS: Channel[] = ["phone", "email", "sms", "live_chat", "social", "in_person", "web", "forum", "other"];
const PURPOSES: Purpose[] = ["service", "marketing", "feedback", "profiling"];
const LIFECYCLES: Lifecycle[] = ["lead", "prospect", "customer", "loyal", "churned"];
const PAGE = 50;

type Mode = { kind: "none" } | { kind: "card"; id: string } | { kind: "new" } | { kind: "edit"; id: string };

export class CustomersView implements View {
  readonly el: HTMLElement;
  private readonly search = h("input", {
    type: "search",
    class: "search",
    placeholder: "Search by name (no accents needed), phone, email or tag",
    autocomplete: "off",
    "aria-label": "Search customers",
    "data-testid": "customer-search",
  });
  private readonly meta = h("div", { class: "list-meta", "data-testid": "customer-meta" });
  private readonly list = h("ul", { class: "rows", "data-testid": "customer-list" });
  private readonly more = h("div", { class: "more" });
  private readonly detail = h("section", { class: "panel detail", "data-testid": "customer-detail" });
  private mode: Mode = { kind: "none" };
  private shown = PAGE;
  private timelineLimit = 25;

  constructor(private readonly app: App) {
    this.el = h(
      "div",
      { class: "split" },
      h(
        "section",
        { class: "panel list-panel" },
        h("div", { class: "list-head" }, this.search, h("a", { class: "btn btn-primary", href: "#/customers/new", "data-testid": "new-customer" }, "+ New customer")),
        this.meta,
        this.list,
        this.more,
      ),
      this.detail,
    );
    this.search.addEventListener("input", () => {
      this.shown = PAGE;
      this.renderList();
    });
    this.renderList();
  }

  show(param: string | null): void {
    this.timelineLimit = 25;
    this.mode = param === null ? { kind: "none" } : param === "new" ? { kind: "new" } : param.startsWith("edit/") ? { kind: "edit", id: param.slice(5) } : { kind: "card", id: param };
    this.renderList();
    this.renderDetail();
  }

  refresh(): void {
    this.renderList();
    if (this.mode.kind === "card" || this.mode.kind === "none") this.renderDetail();
  }

  // ---- the list ----

  private renderList(): void {
    const ws = this.app.ws;
    const text = this.search.value.trim();
    let customers: Customer[];
    let total: number | null = null;
    let hasMore = false;
    if (text) {
      const res = ws.searchCustomers(text, { limit: Math.min(this.shown, 1000) });
      customers = res.hits.map((hit) => hit.customer);
      total = res.total;
      hasMore = res.nextOffset !== null;
      clear(this.meta, total === 0 ? `No customer matches “${text}”` : `${total} match${total === 1 ? "" : "es"} for “${text}”`);
    } else {
      customers = [];
      let after: string | null = null;
      while (customers.length < this.shown) {
        const page: { items: Customer[]; next: string | null } = ws.listCustomers({}, { after, limit: Math.min(PAGE, this.shown - customers.length) });
        customers.push(...page.items);
        after = page.next;
        if (after === null) break;
      }
      hasMore = after !== null;
      clear(this.meta, ws.customerCount === 0 ? "No customers yet: register one, load the demo data or import a log." : `${ws.customerCount.toLocaleString("en-US")} customers, in registration order`);
    }
    const selected = this.mode.kind === "card" || this.mode.kind === "edit" ? this.mode.id : null;
    clear(
      this.list,
      customers.map((c) => {
        const contact = firstContact(c);
        return h(
          "li",
          { class: `row${c.id === selected ? " selected" : ""}`, "data-id": c.id },
          h(
            "a",
            { href: `#/customers/${c.id}`, class: "row-link" },
            h("span", { class: "avatar" + (c.kind === "organization" ? " avatar-org" : "") }, initialsOf(c)),
            h("span", { class: "row-main" }, h("span", { class: "row-title", "data-testid": "customer-name" }, c.names.display ?? c.names.full), h("span", { class: "row-sub" }, contact ?? "no contact point")),
            h("span", { class: "row-chips" }, lifecycleChip(c.lifecycle), c.tier ? tierChip(c.tier) : null),
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

  // ---- the right-hand side ----

  private renderDetail(): void {
    switch (this.mode.kind) {
      case "none":
        clear(this.detail, this.placeholder());
        return;
      case "new":
        clear(this.detail, this.registerForm());
        return;
      case "edit":
      case "card": {
        let c: Customer;
        try {
          c = this.app.ws.customer(this.mode.id);
        } catch (e) {
          clear(this.detail, h("p", { class: "empty" }, (e as Error).message));
          return;
        }
        clear(this.detail, this.mode.kind === "edit" ? this.editForm(c) : this.card(c));
      }
    }
  }

  private placeholder(): HTMLElement {
    const ws = this.app.ws;
    return h(
      "div",
      { class: "empty" },
      h("h2", null, ws.customerCount > 0 ? "Pick a customer" : "An empty workspace"),
      h(
        "p",
        null,
        ws.customerCount > 0
          ? "Search on the left: names match without accents (“nguyen thi hanh” finds “Nguyễn Thị Hạnh”), phones in any format, emails from their start, and tags."
          : "Register a customer, load the demo data (500 customers and the last weeks of a care team) or import an event log.",
      ),
    );
  }

  private card(c: Customer): HTMLElement {
    const ws = this.app.ws;
    const now = this.app.now();
    const complaints = ws.complaintsOf(c.id);
    const deals = ws.opportunitiesOf(c.id);
    const purchases = ws.purchasesOf(c.id);
    const runs = ws.playbookRunsOf(c.id);
    const followUps = ws.followUpsOf(c.id);
    const surveys = ws.surveys({ customer: c.id });
    const playbookNames = new Map(ws.playbooks().map((p) => [p.key, p.name ?? p.key]));
    const spent = new Map<string, number>();
    for (const p of purchases) spent.set(p.amount.currency, (spent.get(p.amount.currency) ?? 0) + p.amount.amountMinor);

    const header = h(
      "div",
      { class: "card-head" },
      h("div", { class: "avatar avatar-lg" + (c.kind === "organization" ? " avatar-org" : "") }, initialsOf(c)),
      h(
        "div",
        { class: "card-title" },
        h("h2", { "data-testid": "card-name" }, c.names.display ?? c.names.full),
        h(
          "div",
          { class: "chips" },
          h("span", { class: "chip" }, c.kind === "organization" ? "Organisation" : "Person"),
          lifecycleChip(c.lifecycle),
          c.tier ? tierChip(c.tier) : h("span", { class: "chip chip-muted" }, "no tier"),
          c.archived ? h("span", { class: "chip chip-bad" }, "archived") : null,
          c.tags.map((t) => h("span", { class: "chip chip-tag" }, `#${t}`)),
        ),
      ),
      h(
        "div",
        { class: "card-actions" },
        h("a", { class: "btn", href: `#/customers/edit/${c.id}`, "data-testid": "edit-customer" }, "Edit"),
        h("a", { class: "btn btn-primary", href: `#/complaints/new/${c.id}`, "data-testid": "open-complaint" }, "Open complaint"),
        h("a", { class: "btn", href: `#/agenda/new/${c.id}` }, "Schedule follow-up"),
      ),
    );

    const details = h(
      "dl",
      { class: "kv" },
      [
        ["Full name", c.names.full],
        ["Preferred channel", c.preferredChannel ? label(c.preferredChannel) : "—"],
        ["Language", c.language ?? "—"],
        ["Time zone", c.timeZone ?? "—"],
        ["Owner", this.app.agent(c.owner)],
        ["Customer since", dateOnly(c.createdAt)],
        ["Spent", spent.size === 0 ? "nothing yet" : [...spent].map(([currency, amountMinor]) => money({ amountMinor, currency })).join(" + ")],
      ].map(([k, v]) => [h("dt", null, k), h("dd", null, v)]),
    );

    return h(
      "div",
      { class: "card", "data-id": c.id },
      header,
      h(
        "div",
        { class: "grid-2" },
        h("section", { class: "box" }, h("h3", null, "Details"), details, this.tierForm(c)),
        h("section", { class: "box" }, h("h3", null, "Contact points"), contactList(c.contacts), this.contactForm(c)),
      ),
      h("section", { class: "box" }, h("h3", null, "Consent"), this.consentTable(c), this.consentForm(c)),
      this.identityBox(c),
      h(
        "div",
        { class: "grid-2" },
        h(
          "section",
          { class: "box", "data-testid": "customer-complaints" },
          h("h3", null, `Complaints (${complaints.length})`),
          complaints.length === 0
            ? h("p", { class: "muted" }, "None.")
            : h(
                "ul",
                { class: "mini-list" },
                complaints
                  .slice()
                  .reverse()
                  .map((k) =>
                    h(
                      "li",
                      null,
                      h("a", { href: `#/complaints/${k.id}` }, k.subject),
                      h("span", { class: `chip state-${k.state}` }, label(k.state)),
                      isWorking(k.state) ? slaBadge(ws.slaStatus(k.id, now), now) : null,
                    ),
                  ),
              ),
        ),
        h(
          "section",
          { class: "box" },
          h("h3", null, `Deals and purchases`),
          deals.length === 0 && purchases.length === 0 ? h("p", { class: "muted" }, "None.") : null,
          deals.length > 0
            ? h(
                "ul",
                { class: "mini-list" },
                deals.map((d) => h("li", null, h("span", null, d.title), h("span", { class: `chip stage-${d.status}` }, label(d.stage)), h("span", { class: "muted" }, money(d.value)))),
              )
            : null,
          purchases.length > 0
            ? h(
                "ul",
                { class: "mini-list" },
                purchases
                  .slice()
                  .reverse()
                  .map((p) => h("li", null, h("span", null, p.items.map((i) => i.name).join(", ") || p.description || "Purchase"), h("span", { class: "muted" }, dateOnly(p.occurredAt)), h("strong", null, money(p.amount)))),
              )
            : null,
        ),
      ),
      h(
        "section",
        { class: "box", "data-testid": "playbooks" },
        h("h3", null, "After-sales playbooks"),
        runs.length === 0
          ? h("p", { class: "muted" }, "No playbook has run for this customer.")
          : runs
              .slice(-5)
              .reverse()
              .map((run) => {
                const progress = ws.playbookProgress(run.id);
                const done = progress.steps.filter((st) => st.status === "done").length;
                return h(
                  "div",
                  { class: "playbook" },
                  h(
                    "div",
                    { class: "playbook-head" },
                    h("strong", null, playbookNames.get(run.playbook) ?? run.playbook),
                    h("span", { class: `chip run-${progress.status}` }, label(progress.status)),
                    h("span", { class: "muted" }, `started ${dateOnly(run.startedAt)} · ${done}/${progress.steps.length} done`),
                    h("progress", { max: progress.steps.length, value: done }),
                  ),
                  h(
                    "ol",
                    { class: "steps" },
                    progress.steps.map((st) =>
                      h(
                        "li",
                        { class: `step step-${st.status}` },
                        h("span", { class: "step-dot" }),
                        h("span", { class: "step-kind" }, label(st.kind)),
                        h("span", { class: "muted" }, st.dueAt ? dateTime(st.dueAt) : ""),
                        h("span", { class: "step-status" }, label(st.status)),
                        st.note ? h("span", { class: "muted step-note" }, st.note) : null,
                      ),
                    ),
                  ),
                );
              }),
        runs.length > 5 ? h("p", { class: "muted" }, `… and ${runs.length - 5} earlier run(s).`) : null,
      ),
      h(
        "div",
        { class: "grid-2" },
        h(
          "section",
          { class: "box" },
          h("h3", null, "Open follow-ups"),
          (() => {
            const open = followUps.filter((f) => f.status === "open");
            return open.length === 0
              ? h("p", { class: "muted" }, `None open (${followUps.length} in all).`)
              : h(
                  "ul",
                  { class: "mini-list" },
                  open.map((f) =>
                    h("li", { class: Date.parse(f.dueEnd) < now.getTime() ? "overdue" : null }, h("span", null, f.subject), h("span", { class: "muted" }, dateTime(f.dueAt)), h("span", { class: "muted" }, this.app.agent(f.assignee))),
                  ),
                );
          })(),
        ),
        h(
          "section",
          { class: "box" },
          h("h3", null, "Surveys"),
          surveys.length === 0
            ? h("p", { class: "muted" }, "None sent.")
            : h(
                "ul",
                { class: "mini-list" },
                surveys
                  .slice()
                  .reverse()
                  .map((sv) => h("li", null, h("span", { class: "chip" }, sv.kind.toUpperCase()), h("span", { class: "muted" }, dateOnly(sv.sentAt)), h("strong", null, sv.score === null ? label(sv.status) : `score ${sv.score}`), sv.comment ? h("span", { class: "muted" }, `“${sv.comment}”`) : null)),
              ),
        ),
      ),
      this.timeline(c),
    );
  }

  private timeline(c: Customer): HTMLElement {
    const page = this.app.ws.timeline(c.id, { limit: this.timelineLimit });
    return h(
      "section",
      { class: "box", "data-testid": "timeline" },
      h("h3", null, "Timeline"),
      h(
        "ol",
        { class: "timeline" },
        page.items.map((entry) =>
          h(
            "li",
            { class: `tl tl-${entry.event.entity.kind}` },
            h("time", { datetime: entry.at }, dateTime(entry.at)),
            h("span", { class: "tl-dot" }),
            h("span", { class: "tl-text" }, describe(entry.event, this.app)),
            entry.event.actor.kind === "agent" ? h("span", { class: "muted tl-actor" }, this.app.agent(entry.event.actor.id)) : null,
          ),
        ),
      ),
      page.next !== null
        ? h(
            "button",
            {
              type: "button",
              class: "btn btn-ghost",
              onclick: () => {
                this.timelineLimit += 50;
                this.renderDetail();
              },
            },
            "Show older",
          )
        : null,
    );
  }

  // ---- identity: likely duplicates, merge, erasure ----

  private identityBox(c: Customer): HTMLElement {
    const ws = this.app.ws;
    const erased = c.erasedAt != null;
    let matches: ReturnType<typeof ws.duplicatesOf> = [];
    try {
      matches = erased ? [] : ws.duplicatesOf(c.id);
    } catch {
      matches = [];
    }
    const box: HTMLElement = h("section", { class: "box", "data-testid": "identity" }, h("h3", null, "Identity"));
    if (erased) {
      box.append(h("p", { class: "muted" }, `Personal data erased on ${dateOnly(c.erasedAt ?? "")}; the anonymous history stays for the KPIs.`));
      return box;
    }
    box.append(
      matches.length === 0
        ? h("p", { class: "muted", "data-testid": "no-duplicates" }, "No likely duplicate of this record.")
        : h(
            "ul",
            { class: "mini-list", "data-testid": "duplicates" },
            matches.map((m) => {
              let other: Customer | null = null;
              try {
                other = ws.customer(m.customer);
              } catch {
                other = null;
              }
              const why = m.reasons
                .map((r) => (r.rule === "name" ? `name ${Math.round(r.similarity * 100)} %` : r.rule === "organization" ? "same organisation" : `${label(r.rule)} ${r.value}`))
                .join(", ");
              const form: HTMLFormElement = h(
                "form",
                { class: "inline-form" },
                h("a", { href: `#/customers/${m.customer}` }, other ? (other.names.display ?? other.names.full) : m.customer),
                h("span", { class: "chip" }, `${Math.round(m.score * 100)} %`),
                h("span", { class: "muted" }, why),
                h("button", { class: "btn", type: "submit", "data-testid": "merge-duplicate" }, "Merge into this record"),
              );
              form.addEventListener("submit", (e) => {
                e.preventDefault();
                attempt(form, () => this.app.store.run((w, o) => w.mergeCustomers({ survivor: c.id, merged: [m.customer], reason: "duplicate found in the console" }, o)));
              });
              return h("li", null, form);
            }),
          ),
    );
    const erase: HTMLFormElement = h(
      "form",
      { class: "inline-form" },
      h("span", { class: "muted" }, "On the customer's request: names, contacts and free text leave the workspace and its stored log."),
      h("button", { class: "btn btn-danger", type: "submit", "data-testid": "erase-customer" }, "Erase personal data"),
    );
    erase.addEventListener("submit", (e) => {
      e.preventDefault();
      if (!window.confirm(`Erase the personal data of ${c.names.full}? This cannot be undone.`)) return;
      attempt(erase, () => this.app.store.run((w, o) => w.eraseCustomer(c.id, o)));
    });
    box.append(erase);
    return box;
  }

  // ---- small forms on the card ----

  private tierForm(c: Customer): HTMLElement {
    const tiers = new Set(["gold", "silver", "bronze", ...this.app.ws.loyalty().tierRules?.map((r) => r.tier) ?? []]);
    if (c.tier) tiers.add(c.tier);
    const sel = select("tier", [["", "No tier"], ...[...tiers].map((t): [string, string] => [t, label(t)])], c.tier ?? "");
    const form: HTMLFormElement = h("form", { class: "inline-form" }, field("Tier", sel, "tier"), h("button", { class: "btn", type: "submit" }, "Set tier"));
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      attempt(form, () => this.app.store.run((ws, o) => ws.setTier(c.id, sel.value || null, o)));
    });
    return form;
  }

  private contactForm(c: Customer): HTMLElement {
    const kind = select("kind", [["phone", "Phone"], ["email", "Email"]]);
    const value = h("input", { name: "value", placeholder: "0903 123 456 or name@example.vn", required: true });
    const form: HTMLFormElement = h("form", { class: "inline-form" }, field("Add", kind, "kind"), field("Value", value, "contact"), h("button", { class: "btn", type: "submit" }, "Add"));
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const contact = kind.value === "email" ? { kind: "email" as const, address: value.value } : { kind: "phone" as const, number: value.value };
      attempt(form, () => this.app.store.run((ws, o) => ws.addContactPoint({ customer: c.id, contact }, o)));
    });
    return form;
  }

  private consentTable(c: Customer): HTMLElement {
    if (c.consents.length === 0) return h("p", { class: "muted" }, "No consent recorded: the customer may not be contacted for anything.");
    const byChannel = new Map<string, Map<string, (typeof c.consents)[number]>>();
    for (const k of c.consents) {
      if (!byChannel.has(k.channel)) byChannel.set(k.channel, new Map());
      byChannel.get(k.channel)?.set(k.purpose, k);
    }
    return h(
      "table",
      { class: "table consent", "data-testid": "consent" },
      h("thead", null, h("tr", null, h("th", null, "Channel"), PURPOSES.map((p) => h("th", null, label(p))))),
      h(
        "tbody",
        null,
        [...byChannel].map(([channel, m]) =>
          h(
            "tr",
            null,
            h("th", null, label(channel)),
            PURPOSES.map((p) => {
              const k = m.get(p);
              return h(
                "td",
                { title: k ? `${k.granted ? "Granted" : "Withdrawn"} ${dateTime(k.at)} (${k.source})` : "No decision" },
                k ? h("span", { class: k.granted ? "yes" : "no" }, k.granted ? "✓ granted" : "✗ withdrawn") : h("span", { class: "muted" }, "·"),
              );
            }),
          ),
        ),
      ),
    );
  }

  private consentForm(c: Customer): HTMLElement {
    const channel = select("channel", CHANNELS.map((ch): [string, string] => [ch, label(ch)]), "email");
    const purpose = select("purpose", PURPOSES.map((p): [string, string] => [p, label(p)]), "marketing");
    const form: HTMLFormElement = h(
      "form",
      { class: "inline-form" },
      field("Channel", channel, "channel"),
      field("Purpose", purpose, "purpose"),
      h("button", { class: "btn", type: "submit", value: "grant" }, "Grant"),
      h("button", { class: "btn", type: "submit", value: "withdraw" }, "Withdraw"),
    );
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const granted = (e.submitter as HTMLButtonElement | null)?.value !== "withdraw";
      attempt(form, () =>
        this.app.store.run((ws, o) => ws.recordConsent({ customer: c.id, channel: channel.value as Channel, purpose: purpose.value as Purpose, granted, source: "care console" }, o)),
      );
    });
    return form;
  }

  // ---- register and edit ----

  private registerForm(): HTMLElement {
    const kind = select("kind", [["person", "Person"], ["organization", "Organisation"]], "person");
    const fullName = h("input", { name: "fullName", autocomplete: "off", placeholder: "Nguyễn Thị Hạnh", "data-testid": "reg-fullName" });
    const phones = h("input", { name: "phones", autocomplete: "off", placeholder: "0903 123 456, +84 28 3822 1234", "data-testid": "reg-phones" });
    const emails = h("input", { name: "emails", autocomplete: "off", placeholder: "hanh.nguyen@example.vn", "data-testid": "reg-emails" });
    const preferred = select("preferredChannel", [["", "—"], ...CHANNELS.map((ch): [string, string] => [ch, label(ch)])]);
    const language = h("input", { name: "language", value: "vi", placeholder: "vi, en, fr-FR" });
    const timeZone = h("input", { name: "timeZone", value: "Asia/Ho_Chi_Minh" });
    const tags = h("input", { name: "tags", placeholder: "vip, hcmc" });
    const lifecycle = select("lifecycle", LIFECYCLES.map((l): [string, string] => [l, label(l)]), "lead");
    const owner = select("owner", this.app.agentOptions("No owner"));
    const form: HTMLFormElement = h(
      "form",
      { class: "form", "data-testid": "register-form", novalidate: true },
      h("h2", null, "New customer"),
      h(
        "div",
        { class: "grid-2" },
        field("Kind", kind, "kind"),
        field("Full name *", fullName, "fullName"),
        field("Phones", phones, "phones", "Comma-separated; read as Vietnamese numbers unless they start with +"),
        field("Emails", emails, "emails", "Comma-separated"),
        field("Preferred channel", preferred, "preferredChannel"),
        field("Lifecycle", lifecycle, "lifecycle"),
        field("Language", language, "language", "BCP 47"),
        field("Time zone", timeZone, "timeZone", "IANA"),
        field("Tags", tags, "tags", "Comma-separated"),
        field("Owner", owner, "owner"),
      ),
      h("div", { class: "form-actions" }, h("button", { class: "btn btn-primary", type: "submit", "data-testid": "reg-submit" }, "Register"), h("a", { class: "btn btn-ghost", href: "#/customers" }, "Cancel")),
    );
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      let id = "";
      const ok = attempt(form, () => {
        id = this.app.store.run((ws, o) =>
          ws.registerCustomer(
            {
              kind: kind.value as CustomerKind,
              fullName: fullName.value,
              phones: list(phones.value),
              emails: list(emails.value),
              preferredChannel: (preferred.value || null) as Channel | null,
              language: language.value.trim() || null,
              timeZone: timeZone.value.trim() || null,
              tags: list(tags.value),
              lifecycle: lifecycle.value as Lifecycle,
              owner: owner.value || null,
            },
            o,
          ),
        );
      });
      if (ok) {
        this.app.notify("ok", `Registered ${fullName.value.trim()}.`);
        this.app.navigate(`#/customers/${id}`);
      }
    });
    queueMicrotask(() => fullName.focus());
    return form;
  }

  private editForm(c: Customer): HTMLElement {
    const fullName = h("input", { name: "fullName", value: c.names.full, "data-testid": "edit-fullName" });
    const givenName = h("input", { name: "givenName", value: c.names.given ?? "" });
    const familyName = h("input", { name: "familyName", value: c.names.family ?? "" });
    const displayName = h("input", { name: "displayName", value: c.names.display ?? "" });
    const preferred = select("preferredChannel", [["", "—"], ...CHANNELS.map((ch): [string, string] => [ch, label(ch)])], c.preferredChannel ?? "");
    const language = h("input", { name: "language", value: c.language ?? "" });
    const timeZone = h("input", { name: "timeZone", value: c.timeZone ?? "" });
    const owner = select("owner", this.app.agentOptions("No owner"), c.owner ?? "");
    const form: HTMLFormElement = h(
      "form",
      { class: "form", "data-testid": "edit-form", novalidate: true },
      h("h2", null, `Edit ${c.names.full}`),
      h(
        "div",
        { class: "grid-2" },
        field("Full name *", fullName, "fullName"),
        field("Display name", displayName, "displayName"),
        field("Given name", givenName, "givenName"),
        field("Family name", familyName, "familyName"),
        field("Preferred channel", preferred, "preferredChannel"),
        field("Owner", owner, "owner"),
        field("Language", language, "language", "BCP 47"),
        field("Time zone", timeZone, "timeZone", "IANA"),
      ),
      h("div", { class: "form-actions" }, h("button", { class: "btn btn-primary", type: "submit", "data-testid": "edit-submit" }, "Save"), h("a", { class: "btn btn-ghost", href: `#/customers/${c.id}` }, "Cancel")),
    );
    const orNull = (v: string) => v.trim() || null;
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const ok = attempt(form, () =>
        this.app.store.run((ws, o) =>
          ws.updateCustomer(
            {
              customer: c.id,
              fullName: fullName.value,
              givenName: orNull(givenName.value),
              familyName: orNull(familyName.value),
              displayName: orNull(displayName.value),
              preferredChannel: (preferred.value || null) as Channel | null,
              language: orNull(language.value),
              timeZone: orNull(timeZone.value),
              owner: owner.value || null,
            },
            o,
          ),
        ),
      );
      if (ok) this.app.navigate(`#/customers/${c.id}`);
    });
    return form;
  }
}

function list(text: string): string[] {
  return text
    .split(/[,;\n]/)
    .map((t) => t.trim())
    .filter(Boolean);
}

function isWorking(state: string): boolean {
  return state === "new" || state === "open" || state === "in_progress" || state === "waiting_on_customer";
}

function initialsOf(c: Customer): string {
  const given = c.names.given ?? c.names.full.split(/\s+/).slice(-1)[0] ?? "";
  const family = c.names.family ?? c.names.full.split(/\s+/)[0] ?? "";
  return ((family[0] ?? "") + (given[0] ?? "")).toUpperCase();
}

function firstContact(c: Customer): string | null {
  const parts: string[] = [];
  const phone = c.contacts.find((p) => p.kind === "phone");
  const email = c.contacts.find((p) => p.kind === "email");
  if (phone?.kind === "phone") parts.push(phone.number);
  if (email?.kind === "email") parts.push(email.address);
  return parts.length > 0 ? parts.join(" · ") : null;
}

function contactList(contacts: ContactPoint[]): HTMLElement {
  if (contacts.length === 0) return h("p", { class: "muted" }, "No contact point.");
  return h(
    "ul",
    { class: "contacts" },
    contacts.map((p) => {
      switch (p.kind) {
        case "phone":
          return h("li", null, h("span", { class: "ci" }, "☎"), h("a", { href: `tel:${p.number}` }, p.number), p.label ? h("span", { class: "muted" }, p.label) : null);
        case "email":
          return h("li", null, h("span", { class: "ci" }, "✉"), h("a", { href: `mailto:${p.address}` }, p.address), p.label ? h("span", { class: "muted" }, p.label) : null);
        case "social":
          return h("li", null, h("span", { class: "ci" }, "✎"), `${label(p.network)}: ${p.handle}`);
        case "address":
          return h("li", null, h("span", { class: "ci" }, "⌂"), [...p.address.lines, p.address.city, p.address.country].filter(Boolean).join(", "), p.label ? h("span", { class: "muted" }, p.label) : null);
      }
    }),
  );
}

export function lifecycleChip(l: Lifecycle): HTMLElement {
  return h("span", { class: `chip life-${l}` }, label(l));
}

export function tierChip(tier: string): HTMLElement {
  return h("span", { class: `chip tier tier-${tier}` }, `★ ${label(tier)}`);
}
