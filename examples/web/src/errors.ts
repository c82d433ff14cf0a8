// Shows a refused command next to the field it names (`err.details.field`),
// or at the top of the form, with the package's message and stable code.

import { isClientcareError } from "clientcare";
import { h } from "./dom";

/** Fields whose error the form shows on another input (a list input for one item). */
const ALIASES: Record<string, string> = { phone: "phones", email: "emails", tag: "tags" };

export function clearErrors(form: HTMLElement): void {
  for (const el of form.querySelectorAll<HTMLElement>("[data-error-for]")) el.replaceChildren();
  for (const el of form.querySelectorAll<HTMLElement>(".form-error")) el.remove();
  for (const el of form.querySelectorAll<HTMLElement>(".invalid")) el.classList.remove("invalid");
}

/** Where in `form` an error goes: the field it names, else the form itself. */
export function showError(form: HTMLElement, err: unknown): void {
  clearErrors(form);
  const message = err instanceof Error ? err.message : String(err);
  const code = isClientcareError(err) ? err.code : null;
  const rawField = isClientcareError(err) && "field" in err.details ? err.details.field : null;
  const key = rawField ? (rawField.split(/[.[]/)[0] ?? rawField) : null;
  const slot = key ? (form.querySelector<HTMLElement>(`[data-error-for="${CSS.escape(key)}"]`) ?? form.querySelector<HTMLElement>(`[data-error-for="${CSS.escape(ALIASES[key] ?? "")}"]`)) : null;
  const body: HTMLElement[] = [h("span", { class: "error-text" }, message)];
  if (code) body.push(h("code", { class: "error-code" }, code));
  if (slot) {
    slot.replaceChildren(...body);
    slot.closest(".field")?.classList.add("invalid");
    slot.closest(".field")?.querySelector<HTMLElement>("input,select,textarea")?.focus();
  } else {
    form.prepend(h("div", { class: "form-error", role: "alert", "data-error-code": code ?? "" }, ...body));
  }
}

/** A message of the page itself (not a refused command) under a field. */
export function showFieldHint(form: HTMLElement, key: string, message: string): void {
  clearErrors(form);
  const slot = form.querySelector<HTMLElement>(`[data-error-for="${CSS.escape(key)}"]`);
  if (!slot) return;
  slot.replaceChildren(h("span", { class: "error-text" }, message));
  slot.closest(".field")?.classList.add("invalid");
}

/** Runs `action`; on failure shows the error in `form` and returns false. */
export function attempt(form: HTMLElement, action: () => void): boolean {
  try {
    action();
    clearErrors(form);
    return true;
  } catch (e) {
    showError(form, e);
    return false;
  }
}
