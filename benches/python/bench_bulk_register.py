#!/usr/bin/env python3
"""Bulk registration from Python: rows/s of ``Workspace.register_customers``.

Generates N realistic customer rows in Python (deterministic for a seed:
Vietnamese names with diacritics and realistic family-name frequencies,
international names, companies, emails derived from the names, Vietnamese
mobiles in mixed local formats, company landlines, some international numbers;
emails and phones unique by construction), then times only the
``register_customers`` call, which crosses the Python/Rust boundary once.

Usage: python benches/python/bench_bulk_register.py [--rows 100000] [--seed 42]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import unicodedata
from datetime import datetime, timedelta, timezone
from typing import Any, Dict, List, Tuple

import clientcare

VN_FAMILY: List[Tuple[str, int]] = [
    ("Nguyễn", 380), ("Trần", 110), ("Lê", 95), ("Phạm", 70), ("Hoàng", 30), ("Huỳnh", 21),
    ("Phan", 45), ("Vũ", 20), ("Võ", 19), ("Đặng", 21), ("Bùi", 20), ("Đỗ", 14), ("Hồ", 13),
    ("Ngô", 13), ("Dương", 10), ("Lý", 5), ("Trương", 8), ("Đinh", 7), ("Lâm", 6), ("Mai", 5),
]
MIDDLE_MALE = ["Văn", "Văn", "Văn", "Minh", "Đức", "Hữu", "Thanh", "Quang", "Công", "Gia"]
MIDDLE_FEMALE = ["Thị", "Thị", "Thị", "Ngọc", "Thanh", "Thu", "Kim", "Phương", "Hồng", "Bảo"]
GIVEN_MALE = ["Anh", "Bình", "Cường", "Dũng", "Đạt", "Đức", "Hải", "Hiếu", "Hùng", "Huy", "Khánh",
              "Long", "Minh", "Nam", "Phúc", "Quân", "Sơn", "Thắng", "Trung", "Tuấn", "Việt"]
GIVEN_FEMALE = ["Anh", "Châu", "Hà", "Hạnh", "Hằng", "Hoa", "Hương", "Lan", "Linh", "Mai", "My",
                "Ngân", "Nhi", "Phương", "Thảo", "Thư", "Trang", "Uyên", "Vy", "Yến"]
FOREIGN: List[Tuple[List[str], List[str], str]] = [
    (["Jean", "Élodie", "François", "Hélène", "Zoë", "Loïc"], ["Dupont", "Lefèvre", "Mercier", "Bérard"], "fr"),
    (["James", "Olivia", "William", "Emma", "Grace"], ["Smith", "Johnson", "O'Brien", "Walker"], "en"),
    (["Jürgen", "Anna", "Björn"], ["Müller", "Schäfer", "Weiß"], "de"),
    (["Wei", "Fang", "Min"], ["Wang", "Li", "Zhang"], "zh-Hans"),
    (["Hiroshi", "Yūki", "Sakura"], ["Satō", "Tanaka", "Itō"], "ja"),
    (["Min-jun", "Seo-yeon", "Ji-woo"], ["Kim", "Lee", "Park"], "ko"),
]
COMPANY_FORMS = ["Công ty TNHH", "Công ty Cổ phần", "Công ty TNHH MTV"]
COMPANY_TRADES = ["Thương mại Dịch vụ", "Xuất nhập khẩu", "Công nghệ", "Thực phẩm", "Xây dựng", ""]
COMPANY_BRANDS = ["An Phát", "Thành Công", "Hưng Thịnh", "Phú Mỹ", "Minh Long", "Việt Tiến",
                  "Đại Dương", "Hoàng Gia", "Bến Thành", "Phương Nam", "Ánh Dương", "Gia Định"]
TAGS = ["vip", "khách sỉ", "khách lẻ", "khách quen", "quận 1", "quận 7", "bình thạnh",
        "thủ đức", "newsletter", "zalo-oa", "online", "hội viên"]
TIERS = ["thành viên", "bạc", "vàng", "kim cương"]
LIFECYCLES = ["lead", "prospect", "customer", "loyal", "churned"]
DOMAINS: List[Tuple[str, int]] = [("gmail.com", 60), ("yahoo.com", 8), ("yahoo.com.vn", 5),
                                  ("outlook.com", 6), ("hotmail.com", 5), ("icloud.com", 5)]
# Real Vietnamese mobile prefixes (libphonenumber: 089 needs 6-9 next, 099 not 2).
MOBILE_PREFIXES = ["032", "033", "034", "035", "036", "037", "038", "039", "070", "076", "077",
                   "078", "079", "081", "082", "083", "084", "085", "086", "088", "089", "090",
                   "091", "093", "094", "096", "097", "098", "099"]
SPACE = 10_000_000


def fold(s: str) -> str:
    """ASCII letters only, lower case: 'Nguyễn Đức' -> 'nguyenduc'."""
    s = s.replace("Đ", "D").replace("đ", "d")
    s = unicodedata.normalize("NFD", s)
    return "".join(c for c in s if c.isascii() and c.isalnum()).lower()


def weighted(rng: random.Random, table: List[Tuple[str, int]]) -> str:
    return rng.choices([t for t, _ in table], weights=[w for _, w in table])[0]


class Gen:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.salt = self.rng.randrange(SPACE)
        self.mobiles = 0
        self.landlines = 0
        self.intl = 0

    def _sub(self, k: int, salt: int) -> str:
        return f"{(k % SPACE * 7_654_321 + salt) % SPACE:07d}"

    def mobile(self) -> str:
        sub = self._sub(self.mobiles, self.salt)
        self.mobiles += 1
        prefix = self.rng.choice(MOBILE_PREFIXES)
        if (prefix == "089" and sub[0] not in "6789") or (prefix == "099" and sub[0] == "2"):
            prefix = "090"
        n = prefix + sub
        style = self.rng.randrange(6)
        if style == 0:
            return n
        if style == 1:
            return f"{n[:3]} {n[3:6]} {n[6:]}"
        if style == 2:
            return f"+84 {n[1:3]} {n[3:6]} {n[6:]}"
        if style == 3:
            return f"{n[:3]}.{n[3:6]}.{n[6:]}"
        if style == 4:
            return f"{n[:4]} {n[4:7]} {n[7:]}"
        return f"+84{n[1:]}"

    def landline(self) -> str:
        sub = self._sub(self.landlines, self.salt ^ 0x55)
        self.landlines += 1
        return f"(028) 3{sub[:3]} {sub[3:]}"

    def international(self) -> str:
        t = self._sub(self.intl, self.salt ^ 0xAA)[1:]
        self.intl += 1
        return self.rng.choice([
            f"+33 6 12 {t[:2]} {t[2:4]} {t[4:]}",
            f"+44 7400 {t}",
            f"+81 90-12{t[:2]}-{t[2:]}",
            f"+82 10-23{t[:2]}-{t[2:]}",
            f"+65 91{t[:3]} {t[3:]}",
        ])

    def person(self, k: int) -> Dict[str, Any]:
        rng = self.rng
        if rng.random() < 0.85:
            female = rng.random() < 0.52
            family = weighted(rng, VN_FAMILY)
            middle = rng.choice(MIDDLE_FEMALE if female else MIDDLE_MALE)
            given = rng.choice(GIVEN_FEMALE if female else GIVEN_MALE)
            full = f"{family} {middle} {given}"
            language, vietnamese = "vi", True
        else:
            givens, families, language = rng.choice(FOREIGN)
            given, family = rng.choice(givens), rng.choice(families)
            full, vietnamese = f"{given} {family}", False
        row: Dict[str, Any] = {"full_name": full, "given_name": given, "family_name": family}
        if rng.random() < 0.8:
            local = rng.choice([f"{fold(given)}.{fold(family)}", f"{fold(family)}{fold(given)}",
                                f"{fold(given)}_{fold(family)}"])
            row["emails"] = [f"{local}{k}@{weighted(rng, DOMAINS)}"]
        if rng.random() < 0.9 or "emails" not in row:
            row["phones"] = [self.mobile() if vietnamese or rng.random() < 0.4 else self.international()]
        if rng.random() < 0.5:
            row["language"] = language
        return row

    def company(self, k: int) -> Dict[str, Any]:
        rng = self.rng
        brand = rng.choice(COMPANY_BRANDS)
        trade = rng.choice(COMPANY_TRADES)
        name = " ".join(p for p in [rng.choice(COMPANY_FORMS), trade, brand] if p)
        return {
            "kind": "organization",
            "full_name": name,
            "display_name": brand,
            "emails": [f"info@{fold(brand)}{k}.com.vn"],
            "phones": [self.landline()],
            "language": "vi",
            "tags": ["b2b"],
        }

    def row(self, k: int) -> Dict[str, Any]:
        row = self.company(k) if self.rng.random() < 0.1 else self.person(k)
        rng = self.rng
        tags = row.setdefault("tags", [])
        tags.extend(rng.sample(TAGS, rng.choice([0, 0, 1, 1, 2, 3])))
        if not tags:
            del row["tags"]
        row["lifecycle"] = rng.choices(LIFECYCLES, weights=[30, 20, 35, 10, 5])[0]
        if rng.random() < 0.2:
            row["tier"] = rng.choice(TIERS)
        return row


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=42)
    args = ap.parse_args()

    t0 = time.perf_counter()
    gen = Gen(args.seed)
    rows = [gen.row(k) for k in range(args.rows)]
    t_gen = time.perf_counter() - t0
    phones = sum(len(r.get("phones", [])) for r in rows)
    emails = sum(len(r.get("emails", [])) for r in rows)

    # Time flows through explicit values: 2026-10-01 09:00 in Hồ Chí Minh City.
    at = datetime(2026, 10, 1, 9, 0, tzinfo=timezone(timedelta(hours=7)))
    ws = clientcare.Workspace(default_region="VN", seed=42, at=at)
    t0 = time.perf_counter()
    result = ws.register_customers(rows, at=at)
    elapsed = time.perf_counter() - t0

    ok = sum(1 for i in result["ids"] if i is not None)
    errors = result["errors"]
    print(f"python {sys.version.split()[0]}, clientcare from {clientcare.__file__}")
    print(f"  generated {len(rows):,} rows ({emails:,} emails, {phones:,} phones) in {t_gen:.2f} s (not timed below)")
    print(f"  Workspace.register_customers: {len(rows):,} rows in {elapsed:.3f} s"
          f" = {len(rows) / elapsed:,.0f} rows/s ({elapsed / len(rows) * 1e6:.2f} µs/row), "
          f"{ok:,} registered, {len(errors):,} rejected")
    if errors:
        print(f"  first rejected row: {errors[0]}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
