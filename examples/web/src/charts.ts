// Small hand-drawn SVG charts: lines, grouped bars and horizontal bars.
// Values come ready from the package's KPI rows; this only draws them.

import { h, s } from "./dom";

export interface Series {
  name: string;
  values: (number | null)[];
  /** CSS class of the series colour (`c1` ... `c4`). */
  cls: string;
}

interface Frame {
  labels: string[];
  series: Series[];
  format: (v: number) => string;
  min?: number;
  max?: number;
  title: string;
}

const W = 520;
const H = 220;
const M = { top: 12, right: 12, bottom: 28, left: 52 };

function niceTicks(min: number, max: number, count = 4): number[] {
  if (max <= min) max = min + 1;
  const raw = (max - min) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((st) => st >= raw) ?? raw;
  const ticks: number[] = [];
  for (let t = Math.floor(min / step) * step; t <= max + step * 1e-9; t += step) ticks.push(Number(t.toFixed(10)));
  return ticks;
}

function frame(f: Frame, body: (x: (i: number) => number, y: (v: number) => number, band: number) => SVGElement[]): HTMLElement {
  const all = f.series.flatMap((se) => se.values.filter((v): v is number => v !== null));
  const lo = f.min ?? Math.min(0, ...all);
  const hi = f.max ?? Math.max(lo + 1, ...all);
  const ticks = niceTicks(lo, hi);
  const top = Math.max(hi, ticks[ticks.length - 1] ?? hi);
  const bottom = Math.min(lo, ticks[0] ?? lo);
  const iw = W - M.left - M.right;
  const ih = H - M.top - M.bottom;
  const band = iw / Math.max(1, f.labels.length);
  const x = (i: number) => M.left + band * i + band / 2;
  const y = (v: number) => M.top + ih - ((v - bottom) / (top - bottom || 1)) * ih;
  const every = Math.ceil(f.labels.length / 8);
  const svg = s(
    "svg",
    { viewBox: `0 0 ${W} ${H}`, class: "chart", role: "img", "aria-label": f.title },
    ticks.map((t) => [
      s("line", { x1: M.left, x2: W - M.right, y1: y(t), y2: y(t), class: "grid" }),
      s("text", { x: M.left - 6, y: y(t) + 4, class: "axis", "text-anchor": "end" }, f.format(t)),
    ]),
    f.labels.map((l, i) => (i % every === 0 ? s("text", { x: x(i), y: H - 8, class: "axis", "text-anchor": "middle" }, l) : null)),
    body(x, y, band),
  );
  return h(
    "figure",
    { class: "chart-box" },
    h("figcaption", null, f.title),
    svg,
    h(
      "div",
      { class: "legend" },
      f.series.map((se) => h("span", null, h("i", { class: `swatch ${se.cls}` }), se.name)),
    ),
  );
}

export function lineChart(f: Frame): HTMLElement {
  return frame(f, (x, y) =>
    f.series.flatMap((se) => {
      const pts = se.values.map((v, i) => (v === null ? null : ([x(i), y(v), v] as const)));
      const segments: string[] = [];
      let current = "";
      for (const p of pts) {
        if (!p) {
          if (current) segments.push(current);
          current = "";
          continue;
        }
        current += `${current ? "L" : "M"}${p[0].toFixed(1)},${p[1].toFixed(1)}`;
      }
      if (current) segments.push(current);
      return [
        ...segments.map((d) => s("path", { d, class: `line ${se.cls}` })),
        ...pts.filter((p): p is readonly [number, number, number] => p !== null).map((p) => s("circle", { cx: p[0], cy: p[1], r: 3, class: `dot ${se.cls}` }, s("title", {}, `${se.name}: ${f.format(p[2])}`))),
      ];
    }),
  );
}

export function barChart(f: Frame): HTMLElement {
  return frame(f, (x, y, band) => {
    const n = f.series.length;
    const bw = Math.min(22, (band * 0.7) / n);
    return f.series.flatMap((se, k) =>
      se.values.map((v, i) => {
        if (v === null) return s("g");
        const x0 = x(i) - (bw * n) / 2 + k * bw;
        const y0 = y(Math.max(0, f.min ?? 0));
        const y1 = y(v);
        return s("rect", { x: x0, y: Math.min(y0, y1), width: bw - 2, height: Math.max(1, Math.abs(y0 - y1)), class: `bar ${se.cls}`, rx: 2 }, s("title", {}, `${f.labels[i]} · ${se.name}: ${f.format(v)}`));
      }),
    );
  });
}

export interface HBar {
  label: string;
  value: number;
  text: string;
  cls?: string;
}

/** Horizontal bars, longest = full width (a funnel or a breakdown). */
export function hbars(title: string, items: HBar[], testid?: string): HTMLElement {
  const max = Math.max(1, ...items.map((i) => i.value));
  return h(
    "figure",
    { class: "chart-box", "data-testid": testid ?? null },
    h("figcaption", null, title),
    items.length === 0
      ? h("p", { class: "muted" }, "No data in this range.")
      : h(
          "div",
          { class: "hbars" },
          items.map((i) =>
            h(
              "div",
              { class: "hbar" },
              h("span", { class: "hbar-label" }, i.label),
              h("span", { class: "hbar-track" }, h("span", { class: `hbar-fill ${i.cls ?? "c1"}`, style: `width:${((i.value / max) * 100).toFixed(1)}%` })),
              h("span", { class: "hbar-value" }, i.text),
            ),
          ),
        ),
  );
}
