"""Workspace snapshots: the state as bytes, reopened with the log."""

from __future__ import annotations

import pytest

import clientcare
from conftest import AT, raises
from test_log import build


def test_snapshot_round_trip(ws: clientcare.Workspace) -> None:
    c = build(ws)
    snap = ws.snapshot()
    assert isinstance(snap, bytes) and snap[1:7] == b"CCSNAP"
    log = ws.export_log()
    back = clientcare.Workspace.from_snapshot(snap, log, seed=1)
    assert back == ws
    assert back.customer(c) == ws.customer(c)
    # The same state gives the same bytes; a bytearray works too.
    assert back.snapshot() == snap
    assert clientcare.Workspace.from_snapshot(bytearray(snap), log) == ws


def test_snapshot_plus_tail(ws: clientcare.Workspace) -> None:
    c = build(ws)
    snap = ws.snapshot()
    ws.tag_customer(c, ["later"], at=AT)
    ws.erase_customer(c, at=AT)
    back = clientcare.Workspace.from_snapshot(snap, ws.export_log())
    assert back == ws
    assert "duc@example.vn" not in back.export_log()


def test_refused_snapshots(ws: clientcare.Workspace) -> None:
    build(ws)
    snap = ws.snapshot()
    log = ws.export_log()
    damaged = bytearray(snap)
    damaged[len(damaged) // 2] ^= 1
    e = raises(clientcare.CorruptSnapshotError, clientcare.Workspace.from_snapshot, bytes(damaged), log)
    assert e.code == "corrupt_snapshot" and "checksum" in e.details["reason"]
    assert isinstance(e, clientcare.Error)
    # A snapshot of a longer log than the one given.
    short = "".join(log.splitlines(keepends=True)[:-1])
    e = raises(clientcare.CorruptSnapshotError, clientcare.Workspace.from_snapshot, snap, short)
    assert "the log has" in str(e)
    e = raises(clientcare.CorruptSnapshotError, clientcare.Workspace.from_snapshot, b"nope", log)
    assert "magic" in e.details["reason"]
    # A bad tail line is the log's fault.
    e = raises(
        clientcare.CorruptLogError,
        clientcare.Workspace.from_snapshot,
        clientcare.Workspace(default_region="VN", seed=7, at=AT).snapshot(),
        log.replace('"seq":2,', '"seq":5,', 1),
    )
    assert e.details["line"] == 2
    with pytest.raises(clientcare.InvalidInputError):
        clientcare.Workspace.from_snapshot("text", log)  # type: ignore[arg-type]
