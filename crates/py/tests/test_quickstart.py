"""The README's Python quick start runs as written."""

from __future__ import annotations

import re

import pytest

from conftest import REPO

# The README snippet as agreed (kept here too so it is exercised even before
# the README carries it).
QUICK_START = '''
from datetime import datetime, timezone
import clientcare

ws = clientcare.Workspace(default_region="VN", seed=42)
at = datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc)
mai = ws.register_agent(name="Trần Thị Mai", team="care", at=at)
duc = ws.register_customer(
    "Nguyễn Văn Đức",
    phones=["090 123 4567"],
    emails=["Duc.Nguyen@Example.VN"],
    tags=["vip"],
    owner=mai,
    at=at,
    actor=mai,
)
ws.log_interaction(duc, "social", network="zalo", subject="Hỏi giá", agent=mai, at=at)
assert ws.find_by_phone("0901234567")[0]["id"] == duc
assert ws.search_customers("nguyen van duc")[0]["customer"]["id"] == duc
try:
    ws.register_customer("Someone Else", phones=["+84 90 123 4567"], at=at)
except clientcare.ConflictError as e:
    print(e.code, e.details["holder"] == duc)  # conflict True
copy = clientcare.Workspace.import_log(ws.export_log())
assert copy == ws
print(len(ws.events()), "events")
'''


def first_python_block(markdown: str) -> str | None:
    m = re.search(r"^```python[ \t]*\n(.*?)^```", markdown, re.S | re.M)
    return m.group(1) if m else None


def test_readme_python_quick_start_runs(capsys: pytest.CaptureFixture[str]) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    code = first_python_block(readme)
    if code is None:
        pytest.skip("README.md has no ```python block yet; test_agreed_quick_start_runs covers it")
    exec(compile(code, "README.md", "exec"), {"__name__": "readme"})
    out = capsys.readouterr().out
    assert "conflict True" in out


def test_agreed_quick_start_runs(capsys: pytest.CaptureFixture[str]) -> None:
    exec(compile(QUICK_START, "quick_start", "exec"), {"__name__": "quick_start"})
    assert capsys.readouterr().out.splitlines() == ["conflict True", "4 events"]
