// A customer picker: type a name, phone or email, pick one of the hits.

import type { App } from "./app";
import { h } from "./dom";

export interface Picker {
  el: HTMLElement;
  /** The picked customer's id (null until one is picked from the list). */
  value(): string | null;
  /** What is typed. */
  text(): string;
}

export function customerPicker(app: App, initial: string | null = null): Picker {
  let chosen = initial;
  const input = h("input", {
    type: "search",
    name: "customer-search",
    autocomplete: "off",
    placeholder: "Search a customer by name, phone or email",
    value: initial ? app.customer(initial) : "",
    "data-testid": "customer-picker",
  });
  const list = h("ul", { class: "picker-list", hidden: true });
  const el = h("div", { class: "picker" }, input, list);
  const render = () => {
    const text = input.value.trim();
    list.replaceChildren();
    if (!text) {
      list.hidden = true;
      return;
    }
    const hits = app.ws.searchCustomers(text, { limit: 8 }).hits;
    for (const hit of hits) {
      const c = hit.customer;
      const contact = c.contacts.find((p) => p.kind === "phone" || p.kind === "email");
      const li = h(
        "li",
        { tabindex: 0, "data-id": c.id },
        h("strong", null, c.names.full),
        contact ? h("span", { class: "muted" }, contact.kind === "phone" ? contact.number : contact.kind === "email" ? contact.address : "") : null,
      );
      const pickIt = () => {
        chosen = c.id;
        input.value = c.names.full;
        list.hidden = true;
      };
      li.addEventListener("mousedown", (e) => {
        e.preventDefault();
        pickIt();
      });
      li.addEventListener("keydown", (e) => {
        if (e.key === "Enter") {
          e.preventDefault();
          pickIt();
        }
      });
      list.append(li);
    }
    if (hits.length === 0) list.append(h("li", { class: "muted" }, "No customer found"));
    list.hidden = false;
  };
  input.addEventListener("input", () => {
    chosen = null;
    render();
  });
  input.addEventListener("blur", () => window.setTimeout(() => (list.hidden = true), 150));
  return { el, value: () => chosen, text: () => input.value.trim() };
}
