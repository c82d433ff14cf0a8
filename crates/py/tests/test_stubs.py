"""The stubs match the runtime module, type-check real usage, and the
docstring examples run."""

from __future__ import annotations

import ast
import doctest
import inspect
import subprocess
import sys
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

import clientcare
from clientcare import _native
from conftest import AT, REPO

PKG = Path(clientcare.__file__).parent
FUNCTIONS = ("occurrences", "parse_rrule", "open")
HERE = Path(__file__).parent


def stub_tree(name: str) -> ast.Module:
    return ast.parse((PKG / name).read_text(encoding="utf-8"))


def top_level_names(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef)):
            names.add(node.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return names


def public(names: set[str]) -> set[str]:
    return {n for n in names if not n.startswith("_") or n == "__version__"}


def test_native_stub_names_match_the_module() -> None:
    assert public(top_level_names(stub_tree("_native.pyi"))) == public(set(dir(_native)))


def test_package_all_matches_its_stub() -> None:
    tree = stub_tree("__init__.pyi")
    stub_all = next(
        ast.literal_eval(n.value)
        for n in tree.body
        if isinstance(n, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in n.targets)
    )
    assert sorted(stub_all) == sorted(clientcare.__all__)
    for name in clientcare.__all__:
        assert hasattr(clientcare, name), name


def stub_class(name: str) -> ast.ClassDef:
    return next(
        n for n in stub_tree("_native.pyi").body if isinstance(n, ast.ClassDef) and n.name == name
    )


def stub_params(fn: ast.FunctionDef) -> list[tuple[str, str]]:
    a = fn.args
    out = [(p.arg, "positional") for p in a.posonlyargs + a.args]
    out += [(p.arg, "keyword") for p in a.kwonlyargs]
    if out and out[0][0] in ("self", "cls"):
        out = out[1:]
    return out


def runtime_params(obj: object) -> list[tuple[str, str]]:
    sig = inspect.signature(obj)  # type: ignore[arg-type]
    kinds = {
        inspect.Parameter.POSITIONAL_ONLY: "positional",
        inspect.Parameter.POSITIONAL_OR_KEYWORD: "positional",
        inspect.Parameter.KEYWORD_ONLY: "keyword",
    }
    return [(p.name, kinds[p.kind]) for p in sig.parameters.values() if p.name != "self"]


def test_workspace_stub_matches_runtime_members_and_signatures() -> None:
    cls = stub_class("Workspace")
    stub_members = {
        n.name: n for n in cls.body if isinstance(n, ast.FunctionDef)
    }
    runtime = {n for n in vars(clientcare.Workspace) if not n.startswith("_")}
    assert {n for n in stub_members if not n.startswith("_")} == runtime
    for name, fn in stub_members.items():
        if any(isinstance(d, ast.Name) and d.id == "property" for d in fn.decorator_list):
            assert not callable(inspect.getattr_static(clientcare.Workspace, name)), name
            continue
        if name == "__new__":
            if sys.version_info < (3, 10):
                continue  # class text signatures need Python 3.10 with abi3
            assert stub_params(fn) == runtime_params(clientcare.Workspace), name
        elif name in ("__eq__", "__len__"):
            assert name in vars(clientcare.Workspace)
        else:
            assert stub_params(fn) == runtime_params(getattr(clientcare.Workspace, name)), name


def test_exception_hierarchy_matches_stub() -> None:
    for node in stub_tree("_native.pyi").body:
        if isinstance(node, ast.ClassDef) and node.name != "Workspace":
            cls = getattr(_native, node.name)
            base = node.bases[0]
            assert isinstance(base, ast.Name)
            parent = Exception if base.id == "Exception" else getattr(_native, base.id)
            assert cls.__bases__ == (parent,), node.name
            assert cls.__module__ == "clientcare"
    codes = {
        clientcare.Error: "error",
        clientcare.NotFoundError: "not_found",
        clientcare.InvalidInputError: "invalid_input",
        clientcare.InvalidTransitionError: "invalid_transition",
        clientcare.ConflictError: "conflict",
        clientcare.CorruptLogError: "corrupt_log",
        clientcare.StorageError: "storage",
        clientcare.CorruptStoreError: "corrupt_store",
        clientcare.CorruptSnapshotError: "corrupt_snapshot",
    }
    for cls, code in codes.items():
        assert cls.code == code


def test_typed_usage_passes_mypy_strict() -> None:
    pytest.importorskip("mypy")
    proc = subprocess.run(
        [
            sys.executable, "-m", "mypy", "--strict", "--warn-unused-ignores",
            "--no-error-summary", "--show-error-codes",
            "--cache-dir", str(REPO / "target" / "mypy-cache"),
            str(HERE / "typing_usage.py"),
        ],
        capture_output=True,
        text=True,
        cwd=str(REPO / "target"),
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def docstrings() -> list[tuple[str, str]]:
    out = [("clientcare", clientcare.__doc__ or ""), ("Workspace", clientcare.Workspace.__doc__ or "")]
    for name in vars(clientcare.Workspace):
        doc = getattr(getattr(clientcare.Workspace, name), "__doc__", None)
        if doc and ">>>" in doc:
            out.append((f"Workspace.{name}", doc))
    for name in FUNCTIONS:
        out.append((name, getattr(clientcare, name).__doc__ or ""))
    return out


@pytest.mark.parametrize(("name", "doc"), docstrings(), ids=[n for n, _ in docstrings()])
def test_docstring_examples_run(name: str, doc: str) -> None:
    globs = {
        "clientcare": clientcare,
        "datetime": datetime,
        "date": date,
        "timezone": timezone,
        "at": AT,
        "ws": clientcare.Workspace(default_region="VN", seed=7, at=AT),
    }
    test = doctest.DocTestParser().get_doctest(doc, globs, name, None, 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    assert runner.failures == 0, name


def test_every_command_documents_what_it_raises() -> None:
    for name in vars(clientcare.Workspace):
        member = getattr(clientcare.Workspace, name)
        infallible = (
            "agents", "export_log", "complaint_settings", "calendar_keys", "sla_policies",
            "loyalty", "playbooks", "feedback_settings", "survey_templates", "snapshot", "take_rewritten",
        )
        if name.startswith("_") or not callable(member) or name in infallible:
            continue
        assert "Raises:" in (member.__doc__ or ""), name
    for name in FUNCTIONS:
        assert "Raises:" in (getattr(clientcare, name).__doc__ or ""), name


def test_module_functions_match_their_stubs() -> None:
    stubs = {n.name: n for n in stub_tree("_native.pyi").body if isinstance(n, ast.FunctionDef)}
    assert set(stubs) == set(FUNCTIONS)
    for name in FUNCTIONS:
        assert stub_params(stubs[name]) == runtime_params(getattr(clientcare, name)), name


def test_stubtest_finds_no_drift() -> None:
    """mypy's stubtest compares every stub signature and default with the runtime."""
    pytest.importorskip("mypy.stubtest")
    proc = subprocess.run(
        [
            sys.executable, "-m", "mypy.stubtest", "clientcare",
            "--allowlist", str(HERE / "stubtest-allowlist.txt"),
        ],
        capture_output=True,
        text=True,
        cwd=str(REPO / "target"),
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout[-6000:] + proc.stderr[-2000:]


def test_documented_defaults_are_accepted_and_mean_the_default() -> None:
    """Passing the defaults shown by ``inspect.signature`` (and the stubs)
    explicitly behaves like leaving them out."""
    ws = clientcare.Workspace(default_region="VN", seed=1, at=AT)

    def defaults(fn: object) -> dict[str, object]:
        return {
            p.name: p.default
            for p in inspect.signature(fn).parameters.values()  # type: ignore[arg-type]
            if p.default is not p.empty and p.default is not Ellipsis and p.name not in ("at", "actor")
        }

    c = ws.register_customer("A", at=AT, **{**defaults(ws.register_customer), "emails": ["a@example.vn"]})
    assert ws.customer(c)["kind"] == "person" and ws.customer(c)["contacts"][0]["address"] == "a@example.vn"
    ws.add_contact_point(c, {"kind": "phone", "number": "0901234567"}, at=AT, **defaults(ws.add_contact_point))
    i = ws.log_interaction(c, "phone", at=AT, **defaults(ws.log_interaction))
    assert ws.interaction(i)["direction"] == "inbound"
    assert ws.events(**defaults(ws.events)) == ws.events()
    assert ws.list_customers(**defaults(ws.list_customers)) == ws.list_customers()
    assert ws.search_customers("a", **defaults(ws.search_customers)) == ws.search_customers("a")
    assert ws.timeline(c, **defaults(ws.timeline)) == ws.timeline(c)
    ws.archive_customer(c, at=AT, **defaults(ws.archive_customer))
    ws.restore_customer(c, at=AT, **defaults(ws.restore_customer))
    assert ws.customer(c)["archived"] is False


def test_documented_defaults_of_complaints_and_slas_mean_the_default() -> None:
    """The same for the complaint and SLA methods: explicit defaults write the
    same log as omitted ones."""

    def defaults(fn: object) -> dict[str, object]:
        return {
            p.name: p.default
            for p in inspect.signature(fn).parameters.values()  # type: ignore[arg-type]
            if p.default is not p.empty and p.default is not Ellipsis and p.name not in ("at", "actor", "now")
        }

    def build(explicit: bool) -> clientcare.Workspace:
        ws = clientcare.Workspace(default_region="VN", seed=1, at=AT)
        d = defaults if explicit else (lambda fn: {})
        mai = ws.register_agent("Mai", at=AT)
        c = ws.register_customer("A", at=AT)
        ws.define_calendar("24x7", {"time_zone": "UTC", "always_open": True}, at=AT)
        ws.define_sla_policy("p", "24x7", targets={"resolution_minutes": 60}, at=AT, **d(ws.define_sla_policy))
        ws.configure_complaints(at=AT, **d(ws.configure_complaints))
        k = ws.open_complaint(c, "phone", "x", at=AT, **d(ws.open_complaint))
        ws.respond_to_complaint(k, "Dạ", at=AT, **{**d(ws.respond_to_complaint), "agent": mai})
        ws.add_customer_message(k, "Vâng", at=AT, **d(ws.add_customer_message))
        ws.escalate_complaint(k, "gấp", at=AT, **d(ws.escalate_complaint))
        ws.change_complaint_state(k, "in_progress", at=AT, **d(ws.change_complaint_state))
        ws.resolve_complaint(k, "fixed", at=AT, **d(ws.resolve_complaint))
        ws.reopen_complaint(k, at=AT, **d(ws.reopen_complaint))
        ws.cancel_complaint(k, "spam", at=AT, **d(ws.cancel_complaint))
        assert ws.list_complaints(**d(ws.list_complaints)) == ws.list_complaints()
        return ws

    assert build(explicit=True).export_log() == build(explicit=False).export_log()
    policy = build(explicit=True).sla_policies()[0]
    assert policy["pause_states"] == ["waiting_on_customer"] and policy["resolution_mode"] == "total"


def test_documented_defaults_of_the_journey_and_follow_ups_mean_the_default() -> None:
    """The same for pipelines, purchases, loyalty, follow-ups and playbooks."""
    from datetime import timedelta

    def defaults(fn: object) -> dict[str, object]:
        return {
            p.name: p.default
            for p in inspect.signature(fn).parameters.values()  # type: ignore[arg-type]
            if p.default is not p.empty and p.default is not Ellipsis and p.name not in ("at", "actor", "now")
        }

    def build(explicit: bool) -> clientcare.Workspace:
        ws = clientcare.Workspace(default_region="VN", seed=1, at=AT)
        d = defaults if explicit else (lambda fn: {})
        vnd = {"amount_minor": 1_000, "currency": "VND"}
        mai = ws.register_agent("Mai", at=AT)
        c = ws.register_customer("A", time_zone="Asia/Ho_Chi_Minh", at=AT)
        ws.define_pipeline("p", [{"key": "a", "probability": 5}, {"key": "w", "probability": 100, "kind": "won"},
                                 {"key": "l", "probability": 0, "kind": "lost"}], ["price"], at=AT,
                           **d(ws.define_pipeline))
        ws.configure_loyalty(at=AT, **d(ws.configure_loyalty))
        o = ws.open_opportunity(c, "x", vnd, at=AT, **d(ws.open_opportunity))
        ws.move_opportunity(o, "won", at=AT, **d(ws.move_opportunity))
        ws.record_purchase(c, "web", at=AT, **{**d(ws.record_purchase), "description": "x", "amount": vnd})
        ws.define_playbook("pb", [{"kind": "check_in", "subject": "x", "offset_days": 1, "channel": "phone"}],
                           at=AT, **d(ws.define_playbook))
        f = ws.schedule_follow_up("x", "call", at=AT, **{**d(ws.schedule_follow_up), "due_at": AT})
        ws.complete_follow_up(f, at=AT, **d(ws.complete_follow_up))
        g = ws.schedule_follow_up("y", "call", due_date=date(2026, 11, 3), customer=c, assignee=mai, at=AT)
        ws.cancel_follow_up(g, "z", at=AT, **d(ws.cancel_follow_up))
        r = ws.register_customer("B", at=AT)
        ws.record_referral(c, r, at=AT, **d(ws.record_referral))
        assert ws.pipeline_board(**d(ws.pipeline_board)) == ws.pipeline_board()
        assert ws.agenda(mai, now=AT, **d(ws.agenda)) == ws.agenda(mai, now=AT, within=timedelta(days=1))
        assert ws.team_agenda("t", now=AT, **d(ws.team_agenda)) == ws.team_agenda("t", now=AT)
        spec = {"start": "2026-11-02T09:00:00", "time_zone": "UTC", "rule": "FREQ=DAILY"}
        assert clientcare.occurrences(spec, **d(clientcare.occurrences)) == clientcare.occurrences(spec)
        assert len(clientcare.occurrences(spec)) == 100
        return ws

    assert build(explicit=True).export_log() == build(explicit=False).export_log()
