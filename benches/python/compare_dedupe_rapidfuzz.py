#!/usr/bin/env python3
"""Duplicate detection: the core's `scan_duplicates` against what a Python user
would write with rapidfuzz, on the same labelled data, in one run.

The bench binary exports a labelled data set (benches/src/dupes.rs: people and
organisations, 10 % duplicates with typos, swapped names, missing diacritics,
reformatted phones, relatives and namesakes as hard negatives) together with the
core's own result and time; this script then deduplicates the same records in
Python and prints both qualities and both times:

    .venv/bin/python benches/python/compare_dedupe_rapidfuzz.py

(100,000 customers by default; DUP_EXPORT_N=1000000 for a million. The export
runs `cargo bench -p clientcare-bench --bench duplicates` with DUP_EXPORT set
when target/dedupe-compare holds no export of that size.)

The Python side does what the core does, the usual way: it blocks on shared
keys (email, E.164 phone, email local part, folded address line and city,
organisation), compares the names of each candidate pair with rapidfuzz
(`fuzz.token_sort_ratio` on names folded with unicodedata, so word order,
case and diacritics do not count) and adds the same weights as the core's
default rules (email 0.5, phone 0.5, name 0.65 x similarity when it is at
least 0.88, address 0.25, organisation 0.25, local part 0.25; threshold 0.8).

Needs rapidfuzz, which scripts/setup.sh installs into .venv; scripts/bench.sh
runs this comparison.
"""

import json
import os
import subprocess
import sys
import time
import unicodedata
from collections import defaultdict
from itertools import combinations
from pathlib import Path

try:
    from rapidfuzz import fuzz
except ImportError:  # pragma: no cover - a message is all we can do
    sys.exit("rapidfuzz is not installed: .venv/bin/pip install rapidfuzz")

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "target" / "dedupe-compare"
N = int(os.environ.get("DUP_EXPORT_N", "100000"))

GENERIC = {
    "account", "accounts", "admin", "billing", "booking", "career", "careers",
    "contact", "contacts", "cskh", "email", "hello", "hotro", "info", "jobs",
    "ketoan", "lienhe", "mail", "marketing", "noreply", "no-reply", "office",
    "order", "orders", "sales", "service", "services", "shop", "store",
    "support", "team", "test", "user", "webmaster",
}


def fold(s):
    s = s.replace("đ", "d").replace("Đ", "D")
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c if c.isalnum() and c.isascii() else " " for c in s if not unicodedata.combining(c))
    return " ".join(s.lower().split())


def local_part(email):
    local = email.rsplit("@", 1)[0].split("+", 1)[0].replace(".", "")
    return local if len(local) >= 4 and local not in GENERIC else None


def address_key(a):
    if not a["lines"]:
        return None
    line = " ".join(w for w in fold(a["lines"][0]).split() if w not in {"duong", "d", "so", "street", "st", "road", "hem"})
    if not any(ch.isdigit() for ch in line):
        return None
    city = " ".join(w for w in fold(a.get("city") or "").split() if w not in {"thanh", "pho", "tp", "city"})
    city = {"hcm": "ho chi minh", "hcmc": "ho chi minh", "sai gon": "ho chi minh", "ha noi": "ha noi", "hanoi": "ha noi"}.get(city, city)
    return f"{line}, {city}"


def export():
    if (OUT / "core.json").exists():
        core = json.loads((OUT / "core.json").read_text())
        if core.get("customers") == N:
            return core
    print(f"exporting {N:,} customers (cargo bench ... --bench duplicates with DUP_EXPORT)", flush=True)
    env = dict(os.environ, DUP_EXPORT=str(OUT), DUP_EXPORT_N=str(N))
    subprocess.run(
        ["cargo", "bench", "-q", "-p", "clientcare-bench", "--bench", "duplicates"],
        cwd=ROOT, env=env, check=True,
    )
    return json.loads((OUT / "core.json").read_text())


def main():
    core = export()
    customers = [json.loads(l) for l in open(OUT / "customers.jsonl", encoding="utf-8")]
    truth = {frozenset((t["a"], t["b"])) for t in map(json.loads, open(OUT / "truth.jsonl"))}

    t0 = time.perf_counter()
    blocks = defaultdict(list)
    prof = []
    for i, c in enumerate(customers):
        kind = c["kind"]
        keys = set()
        for e in c["emails"]:
            keys.add(("email", e))
            lp = local_part(e)
            if lp:
                keys.add(("local", lp))
        keys.update(("phone", p) for p in c["phones"])
        for a in c["addresses"]:
            k = address_key(a)
            if k:
                keys.add(("address", k))
        if kind == "person":
            keys.update(("org", o) for o in c["organizations"])
        names = [" ".join(sorted(fold(c["full_name"]).split()))]
        if kind == "organization" and c.get("display_name"):
            names.append(" ".join(sorted(fold(c["display_name"]).split())))
        prof.append((kind, keys, names))
        for k in keys:
            blocks[(kind, k)].append(i)
    candidates = set()
    for members in blocks.values():
        if len(members) > 50:
            continue  # the core splits such groups by name; a script usually skips them
        candidates.update(combinations(members, 2))
    weights = {"email": 0.5, "phone": 0.5, "address": 0.25, "org": 0.25, "local": 0.25}
    found = []
    for a, b in candidates:
        ka, kb = prof[a][1], prof[b][1]
        shared = {k[0] for k in ka & kb}
        if "email" in shared:
            shared.discard("local")
        base = sum(weights[s] for s in shared)
        if base + 0.65 < 0.8:
            continue
        sim = max(fuzz.token_sort_ratio(x, y) for x in prof[a][2] for y in prof[b][2]) / 100.0
        score = min(1.0, base + (0.65 * sim if sim >= 0.88 else 0.0))
        if score >= 0.8 - 1e-9:
            found.append((customers[a]["id"], customers[b]["id"]))
    secs = time.perf_counter() - t0

    tp = sum(1 for a, b in found if frozenset((a, b)) in truth)
    fp = len(found) - tp
    p = tp / max(1, len(found))
    r = tp / max(1, len(truth))
    f1 = 2 * p * r / max(1e-12, p + r)
    print(f"duplicate detection on {N:,} labelled customers ({len(truth):,} true pairs)")
    print(f"  core scan_duplicates (Rust, one core)   {core['scan_seconds']:8.2f} s   "
          f"P {core['precision']:.3f}  R {core['recall']:.3f}  F1 {core['f1']:.3f}  ({core['pairs']:,} pairs)")
    print(f"  Python + rapidfuzz (blocking, token_sort) {secs:8.2f} s   "
          f"P {p:.3f}  R {r:.3f}  F1 {f1:.3f}  ({len(found):,} pairs, {fp:,} false)")
    print(f"  time ratio Python / core: {secs / max(1e-9, core['scan_seconds']):.1f}x "
          f"(Python time excludes reading the export: {len(customers):,} records, {len(candidates):,} candidate pairs)")


if __name__ == "__main__":
    main()
