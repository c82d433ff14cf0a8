"""Typed usage of the public API, checked by mypy --strict against the stubs.

Lines marked ``# type: ignore[...]`` must be errors: with
``--warn-unused-ignores`` mypy fails if the stubs ever become too loose.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import clientcare
from clientcare import (
    CalendarSpec,
    Complaint,
    ComplaintPage,
    Customer,
    CustomerPage,
    Interaction,
    MetricStatus,
    SearchHit,
    SlaAlert,
    SlaPolicy,
    SlaStatus,
    TimelinePage,
)

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

# complaints
k: str = ws.open_complaint(
    duc,
    "phone",
    "Giao hàng trễ",
    description="Đơn #123",
    category="delivery",
    priority="high",
    assignee=mai,
    team="care",
    tags=["giao-hang"],
    interactions=[iid],
    received_at=at,
    at=at,
    actor=mai,
)
ws.update_complaint(k, description=None, priority="urgent", tags=("a", "b"), at=at)
ws.assign_complaint(k, assignee=None, team="care", at=at)
ws.change_complaint_state(k, "in_progress", reason="checking", at=at)
ws.respond_to_complaint(k, "Dạ", agent=mai, channel="phone", public=True, automated=False, at=at)
ws.add_customer_message(k, "Vâng", channel="sms", occurred_at=at, interaction=iid, at=at)
ws.link_interaction(k, iid, at=at)
ws.escalate_complaint(k, "gấp", level=2, reassign_to=mai, team="supervisors", at=at)
ws.resolve_complaint(
    k,
    "refunded",
    note="Hoàn tiền",
    compensation=[{"kind": "refund", "value": {"amount_minor": 150000, "currency": "VND"}, "note": "x"}],
    at=at,
)
ws.reopen_complaint(k, reason="again", at=at)
ws.cancel_complaint(k, "duplicate", note="dup", at=at)
k2 = ws.open_complaint(duc, "email", "x", at=at)
ws.merge_complaint(k2, ws.open_complaint(duc, "email", "y", at=at), at=at)
ws.close_complaint(k2, at=at)
comp: Complaint = ws.complaint(k)
state: clientcare.ComplaintState = comp["state"]
received: datetime = comp["received_at"]
first_at: datetime | None = comp["first_response_at"]
paid: int = comp["resolutions"][0]["compensation"][0]["value"]["amount_minor"]
cancelled = comp["cancelled"]
reason: clientcare.CancelReason | None = cancelled["reason"] if cancelled is not None else None
mine: list[Complaint] = ws.complaints_of(duc)
history: list[clientcare.Event] = ws.complaint_history(k)
queue: ComplaintPage = ws.list_complaints(
    states=["new", "open"],
    assignee=mai,
    unassigned=False,
    team="care",
    priorities="urgent",
    category="delivery",
    customer=duc,
    received_before=at,
    received_after=at,
    sort="priority",
    after=None,
    limit=20,
)
queue_next: str | None = queue["next"]

# service levels
ws.configure_complaints(reopen_window_hours=48, auto_close_after_hours=72, at=at)
window: int = ws.complaint_settings()["reopen_window_hours"]
office: CalendarSpec = {
    "time_zone": "Asia/Ho_Chi_Minh",
    "week": [{"day": "mon", "windows": [{"start": "08:00", "end": "12:00"}]}],
    "holidays": [{"date": date(2027, 2, 5), "until": "2027-02-11", "name": "Tết"}],
}
ws.define_calendar("hcmc", office, at=at)
ws.define_calendar("24x7", {"time_zone": "UTC", "always_open": True}, at=at)
back: CalendarSpec = ws.calendar("hcmc")
keys: list[str] = ws.calendar_keys()
ws.define_sla_policy(
    "std",
    "hcmc",
    targets={"first_response_minutes": 60, "resolution_minutes": 480},
    conditions={"priorities": ["urgent"], "channels": ["phone"], "tags": ["vip"]},
    precedence=1,
    warn_before_minutes=15,
    pause_states=["waiting_on_customer"],
    resolution_mode="first",
    escalations=[{"on": "breach", "metric": "first_response", "level": 1, "notify": "lead@shop.vn"}],
    name="Standard",
    at=at,
)
policies: list[SlaPolicy] = ws.sla_policies()
applies: SlaPolicy | None = ws.sla_policy_for(k)
n_ticked: int = ws.tick(at=at)
status: SlaStatus = ws.sla_status(k, now=at)
metric: MetricStatus = ws.explain_sla(k)["metrics"][0]
deadline: datetime | None = metric["deadline"]
left: int = metric["remaining_seconds"]
all_statuses: list[SlaStatus] = ws.sla_statuses(now=at)
risky: list[SlaAlert] = ws.complaints_at_risk(now=at)
late: list[SlaAlert] = ws.complaints_breached()
worked: timedelta = ws.business_time_between("hcmc", at, at)
due: datetime = ws.add_business_time("hcmc", at, timedelta(hours=2))
ws.remove_sla_policy("std", at=at)
ws.remove_calendar("hcmc", at=at)

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
ws.open_complaint(duc, "phone", "x", priority="asap")  # type: ignore[arg-type]
ws.change_complaint_state(k, "done")  # type: ignore[arg-type]
ws.cancel_complaint(k, "bored")  # type: ignore[arg-type]
ws.list_complaints(sort="random")  # type: ignore[arg-type]
ws.add_business_time("hcmc", at, 7200)  # type: ignore[arg-type]
ws.sla_status(k, now="2026-11-02")  # type: ignore[arg-type]
ws.define_sla_policy("p", "24x7", targets={"resolution_minute": 5})  # type: ignore[typeddict-unknown-key]
ws.define_sla_policy("p", "24x7")  # type: ignore[call-arg]
ws.resolve_complaint(k, "x", compensation=[{"kind": "cash", "value": {"amount_minor": 1, "currency": "VND"}}])  # type: ignore[typeddict-item]
ws.complaint(k)["no_such_key"]  # type: ignore[typeddict-item]
