"""Shared fixtures: a seeded workspace with a fixed clock, and error helpers."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable

import pytest

import clientcare

AT = datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc)
REPO = Path(__file__).resolve().parents[3]


@pytest.fixture
def at() -> datetime:
    return AT


@pytest.fixture
def ws() -> clientcare.Workspace:
    return clientcare.Workspace(default_region="VN", seed=7, at=AT)


def raises(
    exc: type[clientcare.Error], fn: Callable[..., Any], *args: Any, **kwargs: Any
) -> clientcare.Error:
    """Calls ``fn`` and returns the clientcare error it must raise."""
    with pytest.raises(exc) as info:
        fn(*args, **kwargs)
    return info.value
