// How SLA figures from the package are shown: a badge with a live countdown
// and the explanation of a complaint's clocks.

import type { MetricStatus, SlaStatus } from "clientcare";
import { countdown, dateTime, duration, h, label, s } from "./dom";

export const METRIC_SHORT: Record<string, string> = { first_response: "First response", next_response: "Next response", resolution: "Resolution" };

const RANK: Record<string, number> = { breached: 0, warning: 1, running: 2, paused: 3, met: 4, stopped: 5 };

/** The metric that needs attention first: an unmet breach, a warning, the closest deadline. */
export function focusMetric(status: SlaStatus): MetricStatus | null {
  let best: MetricStatus | null = null;
  const rank = (m: MetricStatus) => (m.state === "breached" && m.completedAt ? 4.5 : RANK[m.state] ?? 9);
  for (const m of status.metrics) {
    if (!best || rank(m) < rank(best) || (rank(m) === rank(best) && m.remainingSeconds < best.remainingSeconds)) best = m;
  }
  return best;
}

/** `sla-<state>` class and a short text; `null` status: no policy applies. */
export function slaBadge(status: SlaStatus | null, now: Date): HTMLElement {
  const m = status ? focusMetric(status) : null;
  if (!m) return h("span", { class: "sla sla-none", "data-sla": "none" }, "No SLA");
  const name = METRIC_SHORT[m.metric] ?? m.metric;
  let text: string;
  switch (m.state) {
    case "breached":
      text = m.completedAt ? `${name} breached` : `${name} overdue ${duration((now.getTime() - Date.parse(m.breachedAt ?? m.deadline ?? now.toISOString())) / 1000)}`;
      break;
    case "warning":
    case "running":
      text = `${name} ${countdown(m.remainingSeconds)} left`;
      break;
    case "paused":
      text = `${name} paused`;
      break;
    case "met":
      text = "SLA met";
      break;
    default:
      text = label(m.state);
  }
  return h("span", { class: `sla sla-${m.state}`, "data-sla": m.state, title: `${name}: ${m.state}, target ${m.targetMinutes} business minutes` }, text);
}

/** One card per metric, with its counted and paused intervals drawn on a strip. */
export function explainView(status: SlaStatus, now: Date): HTMLElement {
  if (!status.policy) return h("p", { class: "muted" }, "No SLA policy applies to this complaint.");
  return h(
    "div",
    { class: "sla-explain", "data-testid": "sla-explain" },
    h("p", { class: "muted" }, `Policy “${status.policy}” on calendar “${status.calendar ?? "—"}”, computed for ${dateTime(status.at)}. Clocks count business time only.`),
    status.metrics.map((m) => metricCard(m, now)),
  );
}

function metricCard(m: MetricStatus, now: Date): HTMLElement {
  const end = m.completedAt ? Date.parse(m.completedAt) : now.getTime();
  const rows: [string, string][] = [
    ["Target", `${duration(m.targetMinutes * 60)} business time`],
    ["Elapsed", `${duration(m.elapsedSeconds)}`],
    ["Remaining", m.state === "breached" ? "none" : duration(m.remainingSeconds)],
    ["Started", dateTime(m.startedAt)],
    ["Deadline", m.deadline ? dateTime(m.deadline) : m.state === "paused" ? "paused" : "—"],
  ];
  if (m.warningAt) rows.push(["Warning from", dateTime(m.warningAt)]);
  if (m.breachedAt) rows.push(["Breached at", dateTime(m.breachedAt)]);
  if (m.completedAt) rows.push(["Fulfilled", dateTime(m.completedAt)]);
  if (m.metric === "next_response") rows.push(["Cycles", `${m.cycle} of ${m.cycles}, ${m.breachedCycles} breached`]);
  const counted = (m.intervals ?? []).filter((i) => i.kind === "counted");
  const paused = (m.intervals ?? []).filter((i) => i.kind === "paused");
  return h(
    "div",
    { class: `metric metric-${m.state}`, "data-metric": m.metric },
    h("div", { class: "metric-head" }, h("strong", null, METRIC_SHORT[m.metric] ?? m.metric), h("span", { class: `sla sla-${m.state}` }, label(m.state))),
    strip(m, Date.parse(m.startedAt), Math.max(end, Date.parse(m.startedAt) + 60_000)),
    h("dl", { class: "kv" }, rows.map(([k, v]) => [h("dt", null, k), h("dd", null, v)])),
    m.intervals && m.intervals.length > 0
      ? h(
          "details",
          null,
          h("summary", null, `${counted.length} counted and ${paused.length} paused interval(s)`),
          h(
            "table",
            { class: "table compact" },
            h("thead", null, h("tr", null, h("th", null, "From"), h("th", null, "To"), h("th", null, "Kind"), h("th", null, "State"), h("th", null, "Length"))),
            h(
              "tbody",
              null,
              m.intervals.map((i) =>
                h(
                  "tr",
                  { class: `iv-${i.kind}` },
                  h("td", null, dateTime(i.from)),
                  h("td", null, dateTime(i.to)),
                  h("td", null, i.kind),
                  h("td", null, label(i.state)),
                  h("td", null, duration((Date.parse(i.to) - Date.parse(i.from)) / 1000)),
                ),
              ),
            ),
          ),
        )
      : null,
  );
}

/** The metric's span in wall time: counted time, paused time, and the deadline. */
function strip(m: MetricStatus, from: number, to: number): SVGElement {
  const W = 560;
  const H = 26;
  const deadline = m.deadline ? Date.parse(m.deadline) : null;
  const span = Math.max(to, deadline ?? to) - from;
  const x = (t: number) => ((t - from) / span) * W;
  return s(
    "svg",
    { class: "strip", viewBox: `0 0 ${W} ${H + 14}`, role: "img", "aria-label": "Counted and paused time" },
    s("rect", { x: 0, y: 4, width: W, height: H - 8, class: "strip-closed" }),
    (m.intervals ?? []).map((i) => {
      const a = x(Date.parse(i.from));
      return s("rect", { x: a, y: 4, width: Math.max(1, x(Date.parse(i.to)) - a), height: H - 8, class: i.kind === "counted" ? "strip-counted" : "strip-paused" });
    }),
    deadline !== null ? s("line", { x1: x(deadline), x2: x(deadline), y1: 0, y2: H, class: "strip-deadline" }) : null,
    s("text", { x: 0, y: H + 12, class: "strip-label" }, dateTime(new Date(from))),
    s("text", { x: W, y: H + 12, class: "strip-label", "text-anchor": "end" }, dateTime(new Date(Math.max(to, deadline ?? to)))),
  );
}
