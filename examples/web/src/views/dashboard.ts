// KPI dashboard: headline tiles from `dashboard()`, weekly trends from
// `kpi(name, { groupBy: "week" })`, and breakdowns (funnel, lost reasons,
// categories, backlog age). Every number is the package's.

import type { KpiName, KpiRow } from "clientcare";
import type { App, View } from "../app";
import { barChart, hbars, lineChart } from "../charts";
import { clear, dateOnly, displayZone, duration, fromLocalInput, h, label, localDate, moneyShort, percent, select } from "../dom";

export class DashboardView implements View {
  readonly el: HTMLElement;
  private weeks = 8;
  private readonly controls = h("div", { class: "filters" });
  private readonly tiles = h("div", { class: "tiles", "data-testid": "kpi-tiles" });
  private readonly charts = h("div", { class: "charts", "data-testid": "charts" });

  constructor(private readonly app: App) {
    this.el = h("div", { class: "page" }, this.controls, this.tiles, this.charts);
  }

  show(): void {
    this.refresh();
  }

  /** From the Monday (local) `weeks - 1` weeks before this one, to now. */
  private range(): { from: Date; to: Date } {
    const to = this.app.now();
    const today = localDate(to);
    const [y, m, d] = today.split("-").map(Number) as [number, number, number];
    const weekday = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7; // Monday = 0
    const monday = new Date(Date.UTC(y, m - 1, d - weekday - 7 * (this.weeks - 1)));
    const from = fromLocalInput(`${monday.toISOString().slice(0, 10)}T00:00`) ?? new Date(to.getTime() - this.weeks * 7 * 86400_000);
    return { from, to };
  }

  refresh(): void {
    const ws = this.app.ws;
    const { from, to } = this.range();
    clear(
      this.controls,
      h("h2", null, "Dashboard"),
      select("weeks", [["4", "Last 4 weeks"], ["8", "Last 8 weeks"], ["12", "Last 12 weeks"], ["26", "Last 26 weeks"]], String(this.weeks), {
        "aria-label": "Range",
        onchange: (e: Event) => {
          this.weeks = Number((e.target as HTMLSelectElement).value);
          this.refresh();
        },
      }),
      h("span", { class: "muted" }, `${dateOnly(from)} – ${dateOnly(to)} · weeks in ${displayZone}`),
    );
    const rows = ws.dashboard({ from, to, timeZone: displayZone }).rows;
    const get = (kpi: KpiName, measure: string) => rows.find((r) => r.kpi === kpi && r.measure === measure) ?? null;
    const v = (kpi: KpiName, measure: string) => get(kpi, measure)?.value ?? null;
    const tile = (title: string, value: string, sub: string, cls = "", testid?: string) =>
      h("div", { class: `tile ${cls}`, "data-testid": testid ?? null }, h("span", { class: "tile-title" }, title), h("strong", { class: "tile-value" }, value), h("span", { class: "tile-sub" }, sub));
    const secs = (x: number | null) => (x === null ? "—" : duration(x));
    const frt = v("first_response_time", "business_median");
    const res = v("resolution_time", "business_median");
    const slaFr = v("sla_compliance", "first_response");
    const slaRes = v("sla_compliance", "resolution");
    const csat = v("csat", "rate");
    const csatMean = v("csat", "mean");
    const nps = v("nps", "nps");
    const weighted = rows.filter((r) => r.kpi === "weighted_pipeline" && r.measure === "weighted");
    clear(
      this.tiles,
      tile("First response", secs(frt), `median business time · p90 ${secs(v("first_response_time", "business_p90"))}`, "", "tile-frt"),
      tile("Resolution", secs(res), `median business time · wall ${secs(v("resolution_time", "wall_median"))}`),
      tile("SLA compliance", percent(slaFr), `first response · resolution ${percent(slaRes)}`, slaFr !== null && slaFr < 0.85 ? "tile-warn" : "tile-good", "tile-sla"),
      tile("First-contact resolution", percent(v("first_contact_resolution", "rate")), `reopened ${percent(v("reopen_rate", "rate"), 1)} · escalated ${percent(v("escalation_rate", "rate"), 1)}`),
      tile("CSAT", percent(csat), `satisfied (4–5) · mean ${csatMean === null ? "—" : csatMean.toFixed(2)} of 5`, "", "tile-csat"),
      tile("NPS", nps === null ? "—" : nps.toFixed(0), `${get("nps", "nps")?.sampleSize ?? 0} answers · response rate ${percent(v("survey_response_rate", "all"))}`, "", "tile-nps"),
      tile("Backlog", String(v("backlog", "open") ?? 0), `working complaints now · ${v("complaint_volume", "count") ?? 0} received in range`),
      tile("Win rate", percent(v("win_rate", "rate")), `sales cycle ${v("sales_cycle", "median")?.toFixed(0) ?? "—"} days (median)`),
      tile("Weighted pipeline", weighted.map((r) => moneyShort({ amountMinor: r.value ?? 0, currency: r.unit })).join(" + ") || "—", "open deals closing in range"),
      tile("Follow-ups on time", percent(v("follow_up_on_time", "rate")), `${v("follow_up_on_time", "overdue_open") ?? 0} overdue now`),
    );

    // Weekly trends.
    const q = { from, to, groupBy: "week" as const, timeZone: displayZone };
    const weekly = new Map<KpiName, KpiRow[]>();
    for (const k of ["first_response_time", "resolution_time", "sla_compliance", "csat", "nps", "complaint_volume"] as KpiName[]) weekly.set(k, ws.kpi(k, q));
    const weeks = [...new Set([...weekly.values()].flat().map((r) => r.group))].filter((g) => g !== "all" && g !== "(none)").sort();
    const series = (kpi: KpiName, measure: string, scale = 1) =>
      weeks.map((w) => {
        const r = weekly.get(kpi)?.find((x) => x.group === w && x.measure === measure);
        return r && r.value !== null ? r.value * scale : null;
      });
    const weekLabels = weeks.map((w) => w.replace(/^\d{4}-/, ""));
    const hours = (x: number) => `${Number(x.toFixed(1))} h`;
    const pct = (x: number) => `${Math.round(x)} %`;

    const board = ws.pipelineBoard("sales");
    const stages = new Map(ws.pipeline("sales").stages.map((s) => [s.key, s.name ?? label(s.key)]));
    const lost = rows.filter((r) => r.kpi === "lost_reasons");
    const byCategory = ws.kpi("complaint_volume", { from, to, groupBy: "category" });
    const backlog = rows.filter((r) => r.kpi === "backlog" && r.measure.startsWith("age_"));
    const ageLabel: Record<string, string> = { age_lt_1d: "under 1 day", age_1d_3d: "1–3 days", age_3d_7d: "3–7 days", age_7d_30d: "7–30 days", age_ge_30d: "30 days +" };

    clear(
      this.charts,
      h(
        "div",
        { class: "chart-card", "data-testid": "chart-frt" },
        lineChart({
          title: "Time to first response by week (business hours)",
          labels: weekLabels,
          series: [
            { name: "Median", values: series("first_response_time", "business_median", 1 / 3600), cls: "c1" },
            { name: "90th percentile", values: series("first_response_time", "business_p90", 1 / 3600), cls: "c4" },
          ],
          format: hours,
          min: 0,
        }),
      ),
      h(
        "div",
        { class: "chart-card", "data-testid": "chart-resolution" },
        lineChart({
          title: "Time to resolution by week (business hours)",
          labels: weekLabels,
          series: [
            { name: "Median", values: series("resolution_time", "business_median", 1 / 3600), cls: "c2" },
            { name: "90th percentile", values: series("resolution_time", "business_p90", 1 / 3600), cls: "c3" },
          ],
          format: hours,
          min: 0,
        }),
      ),
      h(
        "div",
        { class: "chart-card", "data-testid": "chart-sla" },
        barChart({
          title: "SLA compliance by week (met ÷ met + breached)",
          labels: weekLabels,
          series: [
            { name: "First response", values: series("sla_compliance", "first_response", 100), cls: "c1" },
            { name: "Next response", values: series("sla_compliance", "next_response", 100), cls: "c3" },
            { name: "Resolution", values: series("sla_compliance", "resolution", 100), cls: "c2" },
          ],
          format: pct,
          min: 0,
          max: 100,
        }),
      ),
      h(
        "div",
        { class: "chart-card", "data-testid": "chart-volume" },
        barChart({ title: "Complaints received by week", labels: weekLabels, series: [{ name: "Complaints", values: series("complaint_volume", "count"), cls: "c1" }], format: (x) => x.toFixed(0), min: 0 }),
      ),
      h(
        "div",
        { class: "chart-card", "data-testid": "chart-csat" },
        barChart({ title: "CSAT by week (mean score, 1–5)", labels: weekLabels, series: [{ name: "CSAT mean", values: series("csat", "mean"), cls: "c4" }], format: (x) => x.toFixed(1), min: 0, max: 5 }),
      ),
      h(
        "div",
        { class: "chart-card", "data-testid": "chart-nps" },
        lineChart({ title: "NPS by week (−100 to 100)", labels: weekLabels, series: [{ name: "NPS", values: series("nps", "nps"), cls: "c3" }], format: (x) => x.toFixed(0), min: -100, max: 100 }),
      ),
      h(
        "div",
        { class: "chart-card" },
        hbars(
          "Sales funnel: deals per stage now",
          board.columns.map((c) => ({ label: stages.get(c.stage) ?? c.stage, value: c.count, text: `${c.count} · ${c.value.map(moneyShort).join(" + ") || "—"}`, cls: c.kind === "won" ? "c2" : c.kind === "lost" ? "c5" : "c1" })),
          "chart-funnel",
        ),
      ),
      h("div", { class: "chart-card" }, hbars("Lost reasons (deals lost in range)", lost.map((r) => ({ label: label(r.measure), value: r.value ?? 0, text: percent(r.value), cls: "c5" })))),
      h(
        "div",
        { class: "chart-card" },
        hbars(
          "Complaints by category (received in range)",
          byCategory
            .filter((r) => r.measure === "count")
            .sort((a, b) => (b.value ?? 0) - (a.value ?? 0))
            .map((r) => ({ label: r.group === "(none)" ? "no category" : label(r.group), value: r.value ?? 0, text: String(r.value ?? 0), cls: "c1" })),
        ),
      ),
      h("div", { class: "chart-card" }, hbars("Backlog by age (working complaints now)", backlog.map((r) => ({ label: ageLabel[r.measure] ?? r.measure, value: r.value ?? 0, text: String(r.value ?? 0), cls: r.measure === "age_lt_1d" ? "c1" : "c4" })))),
    );
  }
}
