// Tiny DOM helpers: elements are built with `h()` (text is always set as
// text, never parsed as HTML) and a few formatters for what the package returns.

type Child = Node | string | number | null | undefined | false | Child[];
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs | null = null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (attrs) setAttrs(el, attrs);
  append(el, children);
  return el;
}

const SVG_NS = "http://www.w3.org/2000/svg";

export function s(tag: string, attrs: Record<string, string | number | null | undefined> = {}, ...children: Child[]): SVGElement {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) el.setAttribute(k, String(v));
  append(el, children);
  return el;
}

function setAttrs(el: HTMLElement, attrs: Attrs): void {
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") {
      el.addEventListener(k.slice(2), v);
    } else if (k === "value" && (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement)) {
      el.value = String(v);
    } else if (v === true) {
      el.setAttribute(k, "");
    } else {
      el.setAttribute(k, String(v));
    }
  }
}

function append(el: Element, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : String(c));
  }
}

export function clear(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

/** A `<select>` of `[value, label]` options. */
export function select(name: string, options: [string, string][], value?: string | null, attrs: Attrs = {}): HTMLSelectElement {
  const el = h("select", { name, ...attrs }, ...options.map(([v, label]) => h("option", { value: v }, label)));
  if (value !== undefined && value !== null) el.value = value;
  return el;
}

/** A labelled form field with a slot for its error message. */
export function field(label: string, input: HTMLElement, key: string, hint?: string): HTMLElement {
  return h(
    "label",
    { class: "field", "data-field": key },
    h("span", { class: "field-label" }, label),
    input,
    hint ? h("span", { class: "field-hint" }, hint) : null,
    h("span", { class: "field-error", "data-error-for": key, role: "alert" }),
  );
}

// ---- formatting ----

/** The zone times are shown in (the team's). */
export let displayZone = "Asia/Ho_Chi_Minh";
export function setDisplayZone(zone: string): void {
  displayZone = zone;
}

const fmtCache = new Map<string, Intl.DateTimeFormat>();
function fmt(key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const k = `${displayZone}|${key}`;
  let f = fmtCache.get(k);
  if (!f) {
    f = new Intl.DateTimeFormat("en-GB", { timeZone: displayZone, ...options });
    fmtCache.set(k, f);
  }
  return f;
}

export function dateTime(t: string | Date | null | undefined): string {
  if (!t) return "—";
  return fmt("dt", { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" }).format(new Date(t));
}

export function dateLong(t: string | Date): string {
  return fmt("dl", { weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" }).format(new Date(t));
}

export function dateOnly(t: string | Date): string {
  return fmt("d", { day: "numeric", month: "short", year: "numeric" }).format(new Date(t));
}

export function timeOnly(t: string | Date): string {
  return fmt("t", { hour: "2-digit", minute: "2-digit" }).format(new Date(t));
}

/** The local date `YYYY-MM-DD` of an instant in the display zone. */
export function localDate(t: string | Date): string {
  const parts = fmt("iso", { year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(new Date(t));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}

/** A `datetime-local` input value for an instant, in the display zone. */
export function localInputValue(t: Date): string {
  const parts = fmt("input", { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(t);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}T${get("hour")}:${get("minute")}`;
}

/** The instant a `datetime-local` value stands for in the display zone (null when empty). */
export function fromLocalInput(value: string): Date | null {
  if (!value) return null;
  const asUtc = Date.parse(`${value}:00Z`);
  if (Number.isNaN(asUtc)) return null;
  // The zone's offset at (about) that instant: format it back and compare.
  const back = Date.parse(`${localInputValue(new Date(asUtc))}:00Z`);
  return new Date(asUtc - (back - asUtc));
}

/** `1h 05m`, `3d 4h`, `45s`. */
export function duration(seconds: number): string {
  const sec = Math.max(0, Math.round(Math.abs(seconds)));
  const d = Math.floor(sec / 86400);
  const hh = Math.floor((sec % 86400) / 3600);
  const mm = Math.floor((sec % 3600) / 60);
  if (d > 0) return `${d}d ${hh}h`;
  if (hh > 0) return `${hh}h ${String(mm).padStart(2, "0")}m`;
  if (mm > 0) return `${mm}m ${String(sec % 60).padStart(2, "0")}s`;
  return `${sec}s`;
}

/** A countdown `h:mm:ss` (business seconds), `31h 05m` from ten hours on. */
export function countdown(seconds: number): string {
  const sec = Math.max(0, Math.floor(seconds));
  const hh = Math.floor(sec / 3600);
  const mm = Math.floor((sec % 3600) / 60);
  const ss = sec % 60;
  if (hh >= 10) return `${hh}h ${String(mm).padStart(2, "0")}m`;
  return `${hh}:${String(mm).padStart(2, "0")}:${String(ss).padStart(2, "0")}`;
}

export function money(m: { amountMinor: number; currency: string } | undefined | null): string {
  if (!m) return "—";
  const digits = m.currency === "VND" || m.currency === "JPY" || m.currency === "KRW" ? 0 : 2;
  const value = m.amountMinor / 10 ** digits;
  try {
    return new Intl.NumberFormat("vi-VN", { style: "currency", currency: m.currency, maximumFractionDigits: digits }).format(value);
  } catch {
    return `${value.toFixed(digits)} ${m.currency}`;
  }
}

/** A short money form for charts and boards: `1,2 tỷ ₫`, `350 tr ₫`. */
export function moneyShort(m: { amountMinor: number; currency: string }): string {
  if (m.currency !== "VND") return money(m);
  const v = m.amountMinor;
  if (v >= 1e9) return `${(v / 1e9).toFixed(v >= 1e10 ? 0 : 1)} tỷ ₫`;
  if (v >= 1e6) return `${Math.round(v / 1e6)} tr ₫`;
  return money(m);
}

export function percent(ratio: number | null | undefined, digits = 0): string {
  return ratio === null || ratio === undefined ? "—" : `${(ratio * 100).toFixed(digits)} %`;
}

/** `in_progress` -> `In progress`. */
const LABELS: Record<string, string> = { sms: "SMS", nps: "NPS", csat: "CSAT", ces: "CES", b2b: "B2B" };

export function label(code: string): string {
  const known = LABELS[code];
  if (known) return known;
  const t = code.replace(/_/g, " ");
  return t.charAt(0).toUpperCase() + t.slice(1);
}

export function initials(name: string): string {
  const words = name.split(/\s+/).filter(Boolean);
  const first = words[0]?.[0] ?? "";
  const last = words.length > 1 ? (words[words.length - 1]?.[0] ?? "") : "";
  return (first + last).toUpperCase();
}
