"""Typed usage of the public API, checked by mypy --strict against the stubs.

Lines marked ``# type: ignore[...]`` must be errors: with
``--warn-unused-ignores`` mypy fails if the stubs ever become too loose.
"""

from __future__ import annotations

from datetime import date, datetime, timezone

import clientcare
from clientcare import Customer, CustomerPage, Interaction, SearchHit, TimelinePage

at = datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc)
ws: clientcare.Workspace = clientcare.Workspace(default_region="VN", seed=42, at=at)
mai: str = ws.register_agent("Mai", team="care", at=at)
ws.update_agent(mai, team=None, at=at)
duc: str = ws.register_customer(
    "Nguyễn Văn Đức",
    kind="person",
    emails=["duc@example.vn"],
    phones=("0901234567",),
    contacts=[{"kind": "social", "network": "zalo", "handle": "duc"}],
    preferred_channel="social",
    tags=["vip"],
    attributes={"orders": 3, "since": date(2020, 1, 1), "credit": {"amount_minor": 10, "currency": "VND"}},
    owner=mai,
    lifecycle="lead",
    at=at,
    actor=mai,
)
ws.update_customer(duc, display_name=None, attributes={"orders": None, "vip": True}, at=at)
ws.record_consent(duc, channel="email", purpose="marketing", granted=True, source="web", at=at)
granted: bool = ws.has_consent(duc, "email", "marketing")
ws.change_lifecycle(duc, "customer", reason="bought", at=at)
iid: str = ws.log_interaction(duc, "social", network="zalo", direction="outbound", at=at)

c: Customer = ws.customer(duc)
full: str = c["names"]["full"]
created: datetime = c["created_at"]
stage: clientcare.Lifecycle = c["lifecycle"]
page: CustomerPage = ws.list_customers(tag="vip", archived=None, limit=10)
nxt: str | None = page["next"]
hits: list[SearchHit] = ws.search_customers("nguyen van duc", limit=5)
score: int = hits[0]["score"]
inter: Interaction = ws.interaction(iid)
when: datetime = inter["occurred_at"]
tl: TimelinePage = ws.timeline(duc, limit=5)
cursor: int | None = tl["next"]
bulk = ws.register_customers([{"full_name": "A"}], at=at)
first: str | None = bulk["ids"][0]
out = ws.execute({"type": "tag_customer", "customer": duc, "tags": ["x"]}, at=at)
n_events: int = out["events"]
log: str = ws.export_log()
copy: clientcare.Workspace = clientcare.Workspace.import_log(log, seed=1)
same: bool = copy == ws
size: int = len(ws)
seq: int = ws.seq
seq_events: list[clientcare.Event] = ws.events(since=seq - 1)

try:
    ws.register_customer("X", at=at)
except clientcare.ConflictError as e:
    code: str = e.code
    holder: object = e.details["holder"]
except clientcare.Error as e:
    print(e.code)

# Each of these must be a type error.
ws.log_interaction(duc, "fax", at=at)  # type: ignore[arg-type]
ws.change_lifecycle(duc, "vip")  # type: ignore[arg-type]
ws.register_customer("X", kind="robot")  # type: ignore[arg-type]
ws.register_customer(42)  # type: ignore[arg-type]
ws.register_customer("X", at="2026-11-02")  # type: ignore[arg-type]
ws.record_consent(duc, channel="email", purpose="spam", granted=True, source="x")  # type: ignore[arg-type]
ws.list_customers(limit="10")  # type: ignore[arg-type]
ws.customer(duc)["no_such_key"]  # type: ignore[typeddict-item]
ws.register_customer("X", colour="red")  # type: ignore[call-arg]
