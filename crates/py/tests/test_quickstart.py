"""The README's Python quick start runs as written."""

from __future__ import annotations

import pathlib
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
assert ws.search_customers("nguyen van duc")["hits"][0]["customer"]["id"] == duc
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


# The Python form of the README's "Complaints and SLA clocks" example, ready
# for the README (the test below runs the README's own block once it has one).
COMPLAINTS_QUICK_START = '''
from datetime import datetime, timedelta, timezone
import clientcare

# Monday 2 November 2026, 11:00 in Hồ Chí Minh City (04:00 UTC).
t0 = datetime(2026, 11, 2, 0, 0, tzinfo=timezone.utc)
ws = clientcare.Workspace(seed=42, at=t0)
lan = ws.register_agent("Lan", at=t0)
duc = ws.register_customer("Nguyễn Văn Đức", at=t0)
# Office hours with a lunch break; the first response is due within 2 business hours.
shifts = [{"start": "08:00", "end": "12:00"}, {"start": "13:30", "end": "17:30"}]
office = {"time_zone": "Asia/Ho_Chi_Minh",
          "week": [{"day": d, "windows": shifts} for d in ["mon", "tue", "wed", "thu", "fri"]]}
ws.define_calendar("office", office, at=t0)
ws.define_sla_policy("standard", "office",
                     targets={"first_response_minutes": 120, "resolution_minutes": 960}, at=t0)

c = ws.open_complaint(duc, "phone", "Giao hàng trễ", at=t0 + timedelta(hours=4))
first = ws.sla_status(c, now=t0 + timedelta(hours=4, minutes=30))["metrics"][0]
assert first["state"] == "running"
assert first["deadline"] == t0 + timedelta(hours=7, minutes=30)  # 11:00-12:00, lunch, 13:30-14:30 local

ws.respond_to_complaint(c, "Dạ em xin lỗi anh", at=t0 + timedelta(hours=7, minutes=20), actor=lan)
assert ws.complaint(c)["state"] == "open"
assert ws.sla_status(c, now=t0 + timedelta(hours=8))["metrics"][0]["state"] == "met"

# Only a resolved complaint can be closed; the error names the state and what is allowed.
try:
    ws.close_complaint(c, at=t0 + timedelta(hours=8))
except clientcare.InvalidTransitionError as e:
    print(e.code, e.details["current"], e.details["allowed"])
assert ws.tick(at=t0 + timedelta(hours=9)) == 0  # nothing to escalate
'''


def complaints_python_block(markdown: str) -> str | None:
    # The first Python block of the "## Complaints ..." section, not beyond it.
    m = re.search(r"^## Complaints[^\n]*\n(?:(?!^## ).)*?^```python[ \t]*\n(.*?)^```", markdown, re.S | re.M)
    return m.group(1) if m else None


@pytest.mark.parametrize("source", ["agreed", "readme"])
def test_complaints_quick_start_runs(source: str, capsys: pytest.CaptureFixture[str]) -> None:
    code: str | None = COMPLAINTS_QUICK_START
    if source == "readme":
        code = complaints_python_block((REPO / "README.md").read_text(encoding="utf-8"))
        if code is None:
            pytest.skip("README.md has no Python complaints example yet; the agreed one runs")
    assert code is not None
    exec(compile(code, source, "exec"), {"__name__": "complaints"})
    assert capsys.readouterr().out.splitlines() == [
        "invalid_transition open ['in_progress', 'waiting_on_customer', 'resolve', 'cancel', 'merge']"
    ]


def surveys_python_block(markdown: str) -> str | None:
    # The first Python block of the "## Surveys and KPIs" section, not beyond it.
    m = re.search(r"^## Surveys and KPIs[^\n]*\n(?:(?!^## ).)*?^```python[ \t]*\n(.*?)^```", markdown, re.S | re.M)
    return m.group(1) if m else None


def test_readme_surveys_and_kpis_example_runs(capsys: pytest.CaptureFixture[str]) -> None:
    code = surveys_python_block((REPO / "README.md").read_text(encoding="utf-8"))
    assert code is not None, "README.md has a Python block in its '## Surveys and KPIs' section"
    exec(compile(code, "README.md", "exec"), {"__name__": "surveys"})
    assert capsys.readouterr().out.splitlines() == ["invalid_transition answered", "1.0 1.0 1.0"]


def identity_python_block(markdown: str) -> str | None:
    # The first Python block of the "## Identity" section, not beyond it.
    m = re.search(r"^## Identity[^\n]*\n(?:(?!^## ).)*?^```python[ \t]*\n(.*?)^```", markdown, re.S | re.M)
    return m.group(1) if m else None


def test_readme_identity_example_runs(capsys: pytest.CaptureFixture[str]) -> None:
    code = identity_python_block((REPO / "README.md").read_text(encoding="utf-8"))
    assert code is not None, "README.md has a Python block in its '## Identity' section"
    exec(compile(code, "README.md", "exec"), {"__name__": "identity"})
    assert capsys.readouterr().out.splitlines() == [
        "1.0 ['phone', 'name']",
        "['blocking', 'comparing', 'profiles']",
        "invalid_input merged",
    ]


def storage_python_block(markdown: str) -> str | None:
    # The first Python block of the "## Durable storage" section, not beyond it.
    m = re.search(r"^## Durable storage[^\n]*\n(?:(?!^## ).)*?^```python[ \t]*\n(.*?)^```", markdown, re.S | re.M)
    return m.group(1) if m else None


def test_readme_storage_example_runs(
    capsys: pytest.CaptureFixture[str], tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code = storage_python_block((REPO / "README.md").read_text(encoding="utf-8"))
    assert code is not None, "README.md has a Python block in its '## Durable storage' section"
    monkeypatch.chdir(tmp_path)
    exec(compile(code, "README.md", "exec"), {"__name__": "storage"})
    assert capsys.readouterr().out.splitlines() == ["conflict", "1 Nguyễn Văn Đức True"]
    assert (tmp_path / "care.db").exists()
