#!/usr/bin/env python3
"""Care and survey KPIs rebuilt with pandas from the exported event log, checked
against the core's values, with both timings (same data, one run).

Run at small scale (100,000 complaints, about 0.52 M events, a 0.2 GB log: about
25 s once the example is compiled, pandas peaking near 1 GB):

    CLIENTCARE_BENCH_SCALE=small cargo run --release -q -p clientcare-bench --example kpi_export
    .venv/bin/python benches/python/compare_kpi_pandas.py

or in one go: the script runs the example itself when target/kpi-compare holds no
export of the scale asked for (CLIENTCARE_BENCH_SCALE, default full: 1 M complaints,
about 5.2 M events, a 2.1 GB log; about 5.5 minutes, 3.5 of them for pandas to load
the log, which it reads in chunks):

    CLIENTCARE_BENCH_SCALE=small .venv/bin/python benches/python/compare_kpi_pandas.py

Needs pandas 2 or later (and numpy) in the interpreter that runs it; scripts/setup.sh
does not install it: `.venv/bin/pip install pandas`. Exits 1 when a value differs.

What the example writes (target/kpi-compare/): events.jsonl, the workspace's log as
exported (`Workspace::export_jsonl` format), and core.json, the core's rows of
complaint_volume, first_response_time, resolution_time, first_contact_resolution,
reopen_rate, escalation_rate, csat and nps for two ranges (the year and November
2026), each KPI timed alone (best of 5) in-process.

The definitions followed (crates/core/src/kpi/care.rs, surveys.rs, stats.rs):
- a complaint counts when received in [from, to), as it stood at `to`: only its
  clock marks before `to` count. Marks are the opening (state `new` at
  received_at), each state entered (at the event's `at`) and each response: a
  public, non-automated agent message, at its `occurred_at` (so a response recorded
  after `to` but written before it counts). Marks are ordered by time, ties in log
  order.
- first response time (wall): first response minus received_at, whole seconds;
  resolution time (wall): the last resolution before `to`, when the complaint is
  resolved or closed at `to`, minus received_at. Mean; median and p90 with linear
  interpolation (h = (n - 1) q).
- first-contact resolution: of complaints resolved at `to`, those with at most one
  response up to the current resolution and not reopened; reopen rate: of complaints ever resolved by `to`, those
  that entered a working state after a resolution; escalation rate: of complaints not
  cancelled or merged at `to`, those first escalated before `to`.
- CSAT and NPS: surveys answered in time (not late) with the answer in [from, to);
  the measure is the kind, or for a custom survey the kind its first `measures`
  scale names. CSAT rate: share of scores >= 4; NPS: 100 (promoters 9-10 minus
  detractors 0-6) / answers.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

try:
    import numpy as np
    import pandas as pd
except ImportError:  # pragma: no cover - depends on the interpreter
    print(
        "compare_kpi_pandas.py needs pandas (and numpy), which this interpreter lacks:\n"
        f"  {sys.executable} -m pip install pandas\n"
        "(scripts/setup.sh does not install it into .venv.)",
        file=sys.stderr,
    )
    sys.exit(2)

ROOT = Path(__file__).resolve().parents[2]
EPOCH = pd.Timestamp(0, tz="UTC")
ACTIVE = ["new", "open", "in_progress", "waiting_on_customer"]
STATE_OF = {
    "complaint_resolved": "resolved",
    "complaint_reopened": "open",
    "complaint_closed": "closed",
    "complaint_cancelled": "cancelled",
    "complaint_merged": "merged",
}


def line(label: str, value: object) -> None:
    print(f"  {label:<58} {value}")


def to_ns(values: pd.Series) -> np.ndarray:
    """RFC 3339 instants to int64 nanoseconds since the epoch."""
    if len(values) == 0:
        return np.array([], dtype="int64")
    t = pd.to_datetime(pd.Series(values), utc=True, format="ISO8601").dt.as_unit("ns")
    return ((t - EPOCH) // pd.Timedelta(1, "ns")).to_numpy(dtype="int64")


def parse_instant(s: str) -> int:
    return int(pd.Timestamp(s).as_unit("ns").value)


def run_export(out: Path, scale: str) -> None:
    cmd = ["cargo", "run", "--release", "-q", "-p", "clientcare-bench", "--example", "kpi_export", "--", str(out)]
    env = dict(os.environ, CLIENTCARE_BENCH_SCALE=scale)
    print(f"(running CLIENTCARE_BENCH_SCALE={scale} {' '.join(cmd)})", flush=True)
    subprocess.run(cmd, cwd=ROOT, env=env, check=True)


def measure_of(kind: str, template: object) -> object:
    """The standard measure a survey's score counts in (custom: its first `measures` scale)."""
    if kind != "custom":
        return kind
    if isinstance(template, dict):
        for q in template.get("questions", []):
            if q.get("measures"):
                return q["measures"]
    return None


class Log:
    """The tables pandas works from, built once from the JSON Lines log (read in
    chunks, so that memory stays bounded by the tables rather than the log)."""

    def __init__(self, path: Path, chunk: int = 100_000) -> None:
        self.events = 0
        opened, marks, escalations, sent, answered = [], [], [], [], []
        for ev in pd.read_json(path, lines=True, dtype=False, chunksize=chunk):
            self.events += len(ev)
            kind = ev["entity"].str.get("kind")
            eid = ev["entity"].str.get("id")
            cm = ev[kind == "complaint"]
            if len(cm):
                self._complaints(cm, eid[cm.index], opened, marks, escalations)
            sv = ev[kind == "survey"]
            if len(sv):
                self._surveys(sv, eid[sv.index], sent, answered)
        opened_df = pd.concat(opened, ignore_index=True)
        marks_df = pd.concat(marks, ignore_index=True)
        esc_df = pd.concat(escalations, ignore_index=True)
        # One integer code per complaint id, shared by the three tables.
        codes, uniques = pd.factorize(opened_df["c"])
        opened_df["c"] = codes
        marks_df["c"] = uniques.get_indexer(marks_df["c"])
        esc_df["c"] = uniques.get_indexer(esc_df["c"])
        self.opened = opened_df
        marks_df["response"] = marks_df["state"].isna()
        self.marks = marks_df.sort_values(["c", "at", "seq"], kind="stable").reset_index(drop=True)
        self.escalations = esc_df
        self.surveys = pd.concat(sent, ignore_index=True).merge(
            pd.concat(answered, ignore_index=True), on="survey", how="inner"
        )

    @staticmethod
    def _complaints(cm: pd.DataFrame, ids: pd.Series, opened: list, marks: list, escalations: list) -> None:
        pay = pd.json_normalize(cm["payload"].tolist(), max_level=0)
        code = ids.to_numpy()
        typ = pay["type"].to_numpy()
        seq = cm["seq"].to_numpy()
        at = to_ns(cm["at"])

        def col(name: str, mask: np.ndarray) -> np.ndarray:
            return pay.loc[mask, name].to_numpy() if name in pay else np.full(int(mask.sum()), None)

        is_open = typ == "complaint_opened"
        received = to_ns(pd.Series(col("received_at", is_open)))
        opened.append(pd.DataFrame({"c": code[is_open], "received": received, "recorded": at[is_open]}))
        marks.append(
            pd.DataFrame(
                {"c": code[is_open], "at": received, "seq": seq[is_open], "state": "new", "recorded": at[is_open]}
            )
        )
        is_change = typ == "complaint_state_changed"
        marks.append(
            pd.DataFrame(
                {
                    "c": code[is_change],
                    "at": at[is_change],
                    "seq": seq[is_change],
                    "state": col("to", is_change),
                    "recorded": at[is_change],
                }
            )
        )
        for t, state in STATE_OF.items():
            m = typ == t
            marks.append(pd.DataFrame({"c": code[m], "at": at[m], "seq": seq[m], "state": state, "recorded": at[m]}))
        msg = typ == "complaint_message_added"
        author = pay["author"].to_numpy() if "author" in pay else np.full(len(pay), None)
        public = pay["public"].to_numpy() if "public" in pay else np.full(len(pay), None)
        automated = pay["automated"].to_numpy() if "automated" in pay else np.full(len(pay), None)
        resp = msg & (author == "agent") & (public == True) & (automated == False)  # noqa: E712
        marks.append(
            pd.DataFrame(
                {
                    "c": code[resp],
                    "at": to_ns(pd.Series(col("occurred_at", resp))),
                    "seq": seq[resp],
                    "state": None,
                    "recorded": at[resp],
                }
            )
        )
        esc = typ == "complaint_escalated"
        escalations.append(
            pd.DataFrame({"c": code[esc], "at": at[esc], "level": col("to_level", esc).astype("int64")})
        )

    @staticmethod
    def _surveys(sv: pd.DataFrame, ids: pd.Series, sent: list, answered: list) -> None:
        pay = pd.json_normalize(sv["payload"].tolist(), max_level=0)
        sid = ids.to_numpy()
        typ = pay["type"].to_numpy()
        s = typ == "survey_sent"
        templates = pay.loc[s, "template"] if "template" in pay else [None] * int(s.sum())
        sent.append(
            pd.DataFrame(
                {
                    "survey": sid[s],
                    "measure": [measure_of(k, t) for k, t in zip(pay.loc[s, "kind"], templates)],
                    "sent_at": to_ns(sv.loc[s, "at"]),
                }
            )
        )
        a = typ == "survey_answered"
        answered.append(
            pd.DataFrame(
                {
                    "survey": sid[a],
                    "score": pd.to_numeric(pay.loc[a, "score"]).to_numpy() if "score" in pay else np.nan,
                    "answered_at": to_ns(pay.loc[a, "answered_at"]) if a.any() else np.array([], "int64"),
                    "late": pay.loc[a, "late"].to_numpy().astype(bool) if a.any() else np.array([], bool),
                    "recorded": to_ns(sv.loc[a, "at"]),
                }
            )
        )


def spread(secs: pd.Series) -> dict[str, float | None]:
    n = len(secs)
    if n == 0:
        return {"mean": None, "median": None, "p90": None}
    return {
        "mean": int(secs.sum()) / n,
        "median": float(secs.quantile(0.5)),
        "p90": float(secs.quantile(0.9)),
    }


def rate(hits: pd.Series) -> float | None:
    return float(hits.sum()) / len(hits) if len(hits) else None


def care_kpis(log: Log, f: int, t: int) -> tuple[dict[tuple[str, str], float | None], dict[str, object]]:
    """The KPIs over [f, t), and facts for the notes."""
    rec = log.opened[(log.opened["received"] >= f) & (log.opened["received"] < t)]
    ids = rec["c"].to_numpy()
    m = log.marks[log.marks["c"].isin(ids) & (log.marks["at"] < t)]
    resp = m[m["response"]]
    first_resp = resp.groupby("c")["at"].min()
    first_resp_recorded = resp.loc[resp.groupby("c")["at"].idxmin(), ["c", "recorded"]].set_index("c")["recorded"]
    n_resp = resp.groupby("c").size()
    st = m[~m["response"]].copy()
    st["res"] = st["state"] == "resolved"
    st["before"] = st.groupby("c")["res"].cumsum() - st["res"]
    st["reopen"] = st["state"].isin(ACTIVE) & (st["before"] > 0)
    g = st.groupby("c")
    final = g["state"].last()
    ever = g["res"].any()
    reopened = g["reopen"].any()
    last_res = st[st["res"]].groupby("c")["at"].max()

    facts = pd.DataFrame(index=pd.Index(ids, name="c"))
    facts["received"] = rec["received"].to_numpy()
    facts["final"] = final
    facts["ever"] = ever
    facts["reopened"] = reopened
    facts["responses"] = n_resp.reindex(facts.index, fill_value=0)
    facts["first_resp"] = first_resp
    facts["resolved_at"] = last_res.where(final.reindex(last_res.index).isin(["resolved", "closed"]))

    fr = facts["first_resp"].dropna().astype("int64")
    frt = (fr - np.minimum(facts.loc[fr.index, "received"], fr)) // 1_000_000_000
    ra = facts["resolved_at"].dropna().astype("int64")
    rt = (ra - np.minimum(facts.loc[ra.index, "received"], ra)) // 1_000_000_000
    resolved = facts.loc[ra.index]
    # Responses up to the current resolution (later thank-yous do not count).
    upto = resp.join(facts["resolved_at"].dropna().rename("until"), on="c", how="inner")
    n_before = upto[upto["at"] <= upto["until"]].groupby("c").size()
    fcr = (n_before.reindex(resolved.index, fill_value=0) <= 1) & ~resolved["reopened"].astype(bool)
    reopen = facts.loc[facts["ever"].astype(bool), "reopened"].astype(bool)
    live = facts[~facts["final"].isin(["cancelled", "merged"])]
    # Escalated before `to`: the first escalation's time.
    first_esc = log.escalations.groupby("c")["at"].min()
    escalated = first_esc.reindex(live.index).lt(t).fillna(False).astype(bool)

    out: dict[tuple[str, str], float | None] = {("complaint_volume", "count"): float(len(rec))}
    for k, v in spread(frt).items():
        out[("first_response_time", f"wall_{k}")] = v
    for k, v in spread(rt).items():
        out[("resolution_time", f"wall_{k}")] = v
    out[("first_contact_resolution", "rate")] = rate(fcr)
    out[("reopen_rate", "rate")] = rate(reopen)
    out[("escalation_rate", "rate")] = rate(escalated)

    s = log.surveys
    counted = s[~s["late"] & s["score"].notna() & (s["answered_at"] >= f) & (s["answered_at"] < t)]
    csat = counted.loc[counted["measure"] == "csat", "score"]
    out[("csat", "rate")] = rate(csat >= 4)
    out[("csat", "mean")] = int(csat.sum()) / len(csat) if len(csat) else None
    nps = counted.loc[counted["measure"] == "nps", "score"]
    out[("nps", "nps")] = 100.0 * (int((nps >= 9).sum()) - int((nps <= 6).sum())) / len(nps) if len(nps) else None

    notes = {
        "frame": facts,
        "live": live,
        "first_resp_recorded": first_resp_recorded,
        "counted": counted,
    }
    return out, notes


def explain(log: Log, f: int, t: int, notes: dict[str, object]) -> list[str]:
    """Where "as it stood at `to`" is read one way by the core and could be read another."""
    said = []
    fr = notes["first_resp_recorded"]
    late = int((fr > t).sum())
    if late:
        said.append(f"{late} first responses written before `to` were recorded after it and count (occurred_at time)")
    facts = notes["frame"]
    rec_after = int((log.opened.set_index("c").loc[facts.index, "recorded"] > t).sum())
    if rec_after:
        said.append(f"{rec_after} complaints received in range were recorded after `to` and count")
    counted = notes["counted"]
    late_ans = int((counted["recorded"] > t).sum())
    if late_ans:
        said.append(f"{late_ans} survey answers given before `to` were recorded after it and count")
    return said


def close(a: float | None, b: float | None, rtol: float) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= rtol * max(abs(a), abs(b)) or a == b


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dir", type=Path, default=ROOT / "target" / "kpi-compare")
    ap.add_argument("--rebuild", action="store_true", help="run the kpi_export example even if an export exists")
    ap.add_argument("--rtol", type=float, default=1e-9)
    args = ap.parse_args()
    scale = os.environ.get("CLIENTCARE_BENCH_SCALE", "full")
    scale = "small" if scale in ("small", "quick", "SMALL") else "full"
    events_path, core_path = args.dir / "events.jsonl", args.dir / "core.json"
    have = events_path.exists() and core_path.exists()
    if have and not args.rebuild:
        have = json.loads(core_path.read_text()).get("scale") == scale
    if not have or args.rebuild:
        run_export(args.dir, scale)
    core = json.loads(core_path.read_text())

    print(f"compare_kpi_pandas: pandas {pd.__version__}, numpy {np.__version__}, Python {sys.version.split()[0]}")
    print(f"\n== loading {events_path} ({events_path.stat().st_size / 1e6:.0f} MB) with pandas ==")
    t0 = time.perf_counter()
    log = Log(events_path)
    load = time.perf_counter() - t0
    line("events", f"{log.events:,}")
    line("read_json + json_normalize + tables (marks, surveys)", f"{load:.2f} s")
    line(
        "core: read + import_jsonl (parse, check and apply every event)",
        f"{core['core_read_seconds'] + core['core_import_seconds']:.2f} s",
    )
    if log.events != core["events"]:
        print(f"the log has {log.events} events, core.json says {core['events']}", file=sys.stderr)
        return 1

    failures = 0
    for r in core["ranges"]:
        f, t = parse_instant(r["from"]), parse_instant(r["to"])
        print(f"\n== {r['name']}: complaints received in [{r['from']} .. {r['to']}) ==")
        took = float("inf")
        for _ in range(3):  # best of 3, as the core's times are best of 5
            t0 = time.perf_counter()
            ours, notes = care_kpis(log, f, t)
            took = min(took, time.perf_counter() - t0)
        theirs = {(row["kpi"], row["measure"]): row["value"] for row in r["rows"] if row["group"] == "all"}
        print(f"  {'kpi measure':<40} {'core':>20} {'pandas':>20}")
        for key, v in ours.items():
            c = theirs.get(key, "missing")
            ok = c != "missing" and close(c, v, args.rtol)
            failures += not ok
            fmt = lambda x: "-" if x is None else (x if isinstance(x, str) else f"{x:.6f}")  # noqa: E731
            print(f"  {key[0] + ' ' + key[1]:<40} {fmt(c):>20} {fmt(v):>20}  {'ok' if ok else 'DIFFERENT'}")
        core_s = r["core_seconds"]
        line("pandas: these KPIs from the loaded tables, best of 3", f"{took * 1e3:.1f} ms")
        line(
            f"core: {len(r['core_seconds_per_kpi'])} kpi() calls, best of 5 (care ones also compute business time)",
            f"{core_s * 1e3:.1f} ms",
        )
        if "core_dashboard_seconds" in r:
            line("core: the whole dashboard (22 KPIs) for comparison", f"{r['core_dashboard_seconds'] * 1e3:.1f} ms")
        line("ratio pandas / core (compute only)", f"{took / core_s:.1f}x")
        line(
            "ratio pandas / core (load + compute)",
            f"{(load + took) / (core['core_read_seconds'] + core['core_import_seconds'] + core_s):.1f}x",
        )
        for note in explain(log, f, t, notes):
            print(f"  NOTE {note}")
    print()
    if failures:
        print(f"{failures} values differ beyond a relative {args.rtol:g}", file=sys.stderr)
        return 1
    print(f"all values agree to a relative {args.rtol:g}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
