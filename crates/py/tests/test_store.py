"""clientcare.open: a workspace kept in a SQLite file (the clientcare-store crate)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from datetime import datetime, timedelta
from pathlib import Path
from typing import Callable

import pytest

import clientcare
from conftest import AT, raises


def rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    con = sqlite3.connect(path)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def fill(ws: clientcare.Workspace) -> dict[str, str]:
    mai = ws.register_agent("Phạm Thị Mai", team="care", at=AT)
    duc = ws.register_customer(
        "Nguyễn Văn Đức", emails=["duc@example.vn"], phones=["0903 123 456"], at=AT
    )
    lan = ws.register_customer("Trần Thị Lan", emails=["lan@example.vn"], at=AT)
    ws.log_interaction(duc, "phone", subject="Hỏi bảo hành", at=AT)
    complaint = ws.open_complaint(duc, "phone", "Máy lạnh không chạy", priority="high", at=AT)
    ws.assign_complaint(complaint, assignee=mai, at=AT + timedelta(minutes=5))
    ws.register_customers([{"full_name": "An"}, {"full_name": ""}, {"full_name": "Bình"}], at=AT)
    ws.execute({"type": "tag_customer", "customer": lan, "tags": ["vip"]}, at=AT)
    ws.tick(at=AT + timedelta(days=3))
    return {"mai": mai, "duc": duc, "lan": lan, "complaint": complaint}


def test_open_write_close_reopen(tmp_path: Path) -> None:
    path = tmp_path / "care.db"
    with clientcare.open(path, default_region="VN", seed=1, at=AT) as ws:
        assert ws.path == str(path)
        assert ws.default_region == "VN"
        ids = fill(ws)
        log = ws.export_log()
        seq = ws.seq
    # Closed: readable, but changes raise and store nothing.
    assert ws.customer(ids["duc"])["names"]["full"] == "Nguyễn Văn Đức"
    err = raises(clientcare.StorageError, ws.register_customer, "Hoa", at=AT)
    assert err.code == "storage" and "closed" in str(err)
    assert ws.seq == seq
    ws.close()  # twice is fine

    assert rows(path, "SELECT count(*), max(seq) FROM events") == [(seq, seq)]
    again = clientcare.open(path)
    assert again.export_log() == log
    assert again == ws
    assert again.seq == seq and again.default_region == "VN"
    assert not again.opened_from_snapshot
    # The same region again records nothing new.
    assert clientcare.open(path, default_region="VN").seq == seq
    # In memory, the new methods are harmless.
    mem = clientcare.Workspace(seed=1)
    assert mem.path is None and mem.refresh() == 0 and not mem.opened_from_snapshot
    raises(clientcare.StorageError, mem.save_snapshot)


def test_every_mutating_method_is_stored(tmp_path: Path) -> None:
    """Each method stores what it changed: after every call, a fresh open of
    the file equals the workspace."""
    path = tmp_path / "each.db"
    ws = clientcare.open(path, default_region="VN", seed=2, at=AT)
    duc = ws.register_customer("Đức", emails=["d@example.vn"], at=AT)
    calls: list[Callable[[], object]] = [
        lambda: ws.register_agent("Mai", at=AT),
        lambda: ws.log_interaction(duc, "email", at=AT),
        lambda: ws.open_complaint(duc, "email", "Giao hàng trễ", at=AT),
        lambda: ws.schedule_follow_up("Gọi lại", "call", customer=duc, due_at=AT + timedelta(days=1), at=AT),
        lambda: ws.open_opportunity(duc, "Máy lạnh", {"amount_minor": 12_000_000, "currency": "VND"}, at=AT),
        lambda: ws.record_purchase(duc, "in_person", description="Máy lạnh", amount={"amount_minor": 9_000_000, "currency": "VND"}, at=AT),
        lambda: ws.register_customers([{"full_name": "Bình"}], at=AT),
        lambda: ws.tick(at=AT + timedelta(days=2)),
        lambda: ws.configure("US", at=AT),
        lambda: ws.apply_log(""),
    ]
    for i, call in enumerate(calls):
        try:
            call()
        except clientcare.InvalidInputError as e:  # signature drift must not hide a store bug
            pytest.fail(f"call {i}: {e}")
        assert clientcare.open(path) == ws, f"call {i}"


def test_a_refused_command_stores_nothing(tmp_path: Path) -> None:
    path = tmp_path / "refused.db"
    ws = clientcare.open(path, seed=3, at=AT)
    ws.register_customer("Đức", emails=["duc@example.vn"], at=AT)
    before = rows(path, "SELECT count(*) FROM events")
    # A naive datetime is still InvalidInputError, and nothing is stored.
    err = raises(clientcare.InvalidInputError, ws.register_customer, "Lan", at=datetime(2026, 11, 2, 9))
    assert err.details["field"] == "at"
    raises(clientcare.ConflictError, ws.register_customer, "Đức 2", emails=["duc@example.vn"], at=AT)
    raises(clientcare.NotFoundError, ws.archive_customer, "0190f5c2-7b1e-7c3a-9d2e-1a2b3c4d5e6f", at=AT)
    assert rows(path, "SELECT count(*) FROM events") == before
    assert clientcare.open(path) == ws


def test_bad_paths_and_files_raise_storage_error(tmp_path: Path) -> None:
    err = raises(clientcare.StorageError, clientcare.open, tmp_path / "no" / "such" / "dir" / "care.db")
    assert err.code == "storage"
    assert "care.db" in str(err)
    text = tmp_path / "notes.txt"
    text.write_text("not a database " * 100)
    raises(clientcare.StorageError, clientcare.open, text)
    raises(clientcare.InvalidInputError, clientcare.open, 42)
    raises(clientcare.InvalidInputError, clientcare.open, tmp_path / "x.db", workspace="")
    raises(clientcare.InvalidInputError, clientcare.open, tmp_path / "y.db", default_region="XX")
    # A stored event that does not parse.
    path = tmp_path / "damaged.db"
    with clientcare.open(path, seed=1) as ws:
        ws.register_customer("Đức", at=AT)
    con = sqlite3.connect(path)
    con.execute("UPDATE events SET body = '{oops' WHERE seq = 1")
    con.commit()
    con.close()
    err = raises(clientcare.CorruptStoreError, clientcare.open, path)
    assert isinstance(err, clientcare.StorageError)
    assert err.code == "corrupt_store" and "seq 1" in str(err)


def test_erasure_rewrites_the_stored_rows(tmp_path: Path) -> None:
    path = tmp_path / "erase.db"
    ws = clientcare.open(path, default_region="VN", seed=4, at=AT)
    ids = fill(ws)
    assert ws.save_snapshot() == ws.seq
    assert rows(path, "SELECT count(*) FROM snapshots") == [(1,)]
    like = "SELECT count(*) FROM events WHERE body LIKE '%duc@example.vn%' OR body LIKE '%Đức%'"
    assert rows(path, like) != [(0,)]
    ws.erase_customer(ids["duc"], at=AT + timedelta(days=4))
    assert rows(path, like) == [(0,)]
    assert rows(path, "SELECT count(*) FROM snapshots") == [(0,)]
    again = clientcare.open(path)
    assert again == ws
    assert "duc@example.vn" not in again.export_log()


def test_snapshots_make_opening_start_from_them(tmp_path: Path) -> None:
    path = tmp_path / "snap.db"
    ws = clientcare.open(path, default_region="VN", seed=5, at=AT, snapshot_every=5)
    fill(ws)
    assert rows(path, "SELECT count(*) FROM snapshots") == [(1,)]
    again = clientcare.open(path)
    assert again.opened_from_snapshot
    assert again == ws
    again.reload()
    assert again == ws


def test_two_handles_see_each_other(tmp_path: Path) -> None:
    path = tmp_path / "two.db"
    a = clientcare.open(path, default_region="VN", seed=6, at=AT)
    b = clientcare.open(path, seed=7)
    duc = a.register_customer("Đức", emails=["duc@example.vn"], at=AT)
    # b decides on a stale view: it catches up by itself.
    b.open_complaint(duc, "phone", "Máy lạnh", at=AT)
    raises(clientcare.ConflictError, b.register_customer, "Đức 2", emails=["duc@example.vn"], at=AT)
    assert a.refresh() == 1
    assert a == b
    assert a.refresh() == 0


def test_many_workspaces_in_one_file(tmp_path: Path) -> None:
    path = tmp_path / "tenants.db"
    shop = clientcare.open(path, workspace="hcmc-shop", default_region="VN", seed=1, at=AT)
    hanoi = clientcare.open(path, workspace="hà-nội", default_region="VN", seed=2, at=AT)
    shop.register_customer("Đức", at=AT)
    assert len(shop) == 1 and len(hanoi) == 0
    assert sorted(str(r[0]) for r in rows(path, "SELECT name FROM workspaces")) == ["hcmc-shop", "hà-nội"]
    assert len(clientcare.open(path, workspace="hcmc-shop")) == 1


CHILD = textwrap.dedent(
    """
    import sys
    from datetime import datetime, timedelta, timezone
    import clientcare

    at = datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc)
    ws = clientcare.open(sys.argv[1], seed=11)
    i = 0
    while True:
        if i % 2:
            before = ws.seq
            ws.register_customers([{"full_name": f"bulk {i} row {j}"} for j in range(3)], at=at)
            print(f"ack {before + 1} {ws.seq} bulk-{i}", flush=True)
        else:
            ws.register_customer(f"single {i}", at=at + timedelta(seconds=i))
            print(f"ack {ws.seq} {ws.seq} single-{i}", flush=True)
        i += 1
    """
)


def test_a_killed_python_writer_loses_nothing_it_acknowledged(tmp_path: Path) -> None:
    path = tmp_path / "killed.db"
    clientcare.open(path, default_region="VN", seed=10, at=AT).close()
    script = tmp_path / "writer.py"
    script.write_text(CHILD, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, str(script), str(path)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    acks: list[tuple[int, int, str]] = []
    for line in proc.stdout:
        _, first_seq, last_seq, label = line.split()
        acks.append((int(first_seq), int(last_seq), label))
        if len(acks) == 200:
            os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert len(acks) >= 200

    ws = clientcare.open(path)
    events = ws.events()
    for first, last, tag in acks:
        assert last <= ws.seq, f"{tag} acknowledged but missing"
        for seq in range(first, last + 1):
            name = events[seq - 1]["payload"]["names"]["full"]
            assert name.startswith(tag.replace("-", " ")), (seq, name, tag)
    names = [
        e["payload"]["names"]["full"]
        for e in events
        if e["payload"]["type"] == "customer_registered"
    ]
    for i in range(1, len(acks) + 2, 2):
        n = sum(1 for x in names if x.startswith(f"bulk {i} row "))
        assert n in (0, 3), f"bulk write {i} is partial: {n} rows"
    assert ws.seq <= acks[-1][1] + 3
    assert clientcare.Workspace.import_log(ws.export_log()) == ws
