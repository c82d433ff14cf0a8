"""Literal types and dict shapes of the clientcare API, for annotations.

Everything the API returns is a plain ``dict`` / ``list``; these
``TypedDict`` classes describe their keys so that type checkers can follow
them. Enum-like values are ``Literal`` strings.
"""

import datetime as _dt
from typing import Any, Dict, List, Literal, Optional, TypedDict, Union

Channel = Literal[
    "in_person", "phone", "email", "sms", "social", "live_chat", "forum", "web", "other"
]
"""A channel a customer is reached on or an interaction happened on."""

Network = Literal[
    "facebook",
    "zalo",
    "messenger",
    "instagram",
    "tiktok",
    "whatsapp",
    "telegram",
    "viber",
    "line",
    "wechat",
    "linkedin",
    "x",
    "youtube",
    "other",
]
"""A social network or chat app (for the ``social`` channel)."""

Lifecycle = Literal["lead", "prospect", "customer", "loyal", "churned"]
"""Where a customer stands in its relationship with the business."""

Purpose = Literal["service", "marketing", "feedback", "profiling"]
"""What a customer consents (or not) to be contacted for."""

Direction = Literal["inbound", "outbound", "internal"]
"""Who started an interaction."""

CustomerKind = Literal["person", "organization"]
"""A person or an organisation."""

Priority = Literal["low", "normal", "high", "urgent"]
"""How urgent a complaint is."""

ComplaintState = Literal[
    "new",
    "open",
    "in_progress",
    "waiting_on_customer",
    "resolved",
    "closed",
    "cancelled",
    "merged",
]
"""Where a complaint is in its lifecycle (new, open, in_progress and
waiting_on_customer are the working states; closed, cancelled and merged are final)."""

CancelReason = Literal["spam", "duplicate", "withdrawn", "other"]
"""Why a complaint was cancelled."""

CompensationKind = Literal["refund", "voucher", "replacement", "gift", "other"]
"""What the business gave a customer with a resolution."""

Author = Literal["customer", "agent"]
"""Who wrote a message on a complaint."""

ComplaintSort = Literal["oldest", "newest", "priority"]
"""Order of a complaint queue view."""

Metric = Literal["first_response", "next_response", "resolution"]
"""A measured SLA metric."""

MetricState = Literal["running", "paused", "warning", "met", "breached", "stopped"]
"""Where an SLA metric stands."""

TriggerOn = Literal["warning", "breach"]
"""When an SLA escalation rule fires."""

ResolutionMode = Literal["first", "total"]
"""What the resolution clock measures: up to the first resolution, or all working time."""

IntervalKind = Literal["counted", "paused"]
"""What an explained SLA interval was."""

Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
"""A day of a calendar's week."""


class Money(TypedDict):
    """An amount in integer minor units and an ISO 4217 currency code."""

    amount_minor: int
    currency: str


AttrValue = Union[str, bool, int, float, _dt.datetime, _dt.date, Money]
"""A typed custom attribute: text, bool, integer, number, date_time, date or money."""


class _EmailContact(TypedDict):
    kind: Literal["email"]
    address: str


class EmailContact(_EmailContact, total=False):
    """An email contact point."""

    label: str


class _PhoneContact(TypedDict):
    kind: Literal["phone"]
    number: str


class PhoneContact(_PhoneContact, total=False):
    """A phone contact point (E.164 once recorded)."""

    label: str


class _PostalAddress(TypedDict):
    lines: List[str]


class PostalAddress(_PostalAddress, total=False):
    """A postal address; ``country`` is ISO 3166 alpha-2."""

    city: str
    region: str
    postal_code: str
    country: str


class _AddressContact(TypedDict):
    kind: Literal["address"]
    address: PostalAddress


class AddressContact(_AddressContact, total=False):
    """A postal address contact point."""

    label: str


class _SocialContact(TypedDict):
    kind: Literal["social"]
    network: Network
    handle: str


class SocialContact(_SocialContact, total=False):
    """A handle on a social network or chat app."""

    label: str


ContactPoint = Union[EmailContact, PhoneContact, AddressContact, SocialContact]
"""One way to reach a customer."""


class _Names(TypedDict):
    full: str


class Names(_Names, total=False):
    """A customer's names; optional ones are absent when unset."""

    given: str
    family: str
    display: str


class Consent(TypedDict):
    """The latest consent decision for one channel and purpose."""

    channel: Channel
    purpose: Purpose
    granted: bool
    at: _dt.datetime
    source: str


class _Membership(TypedDict):
    organization: str


class Membership(_Membership, total=False):
    """A person's membership of an organisation."""

    role: str


class Customer(TypedDict):
    """A customer as returned by the queries."""

    id: str
    kind: CustomerKind
    names: Names
    contacts: List[ContactPoint]
    preferred_channel: Optional[Channel]
    language: Optional[str]
    time_zone: Optional[str]
    tags: List[str]
    attributes: Dict[str, AttrValue]
    owner: Optional[str]
    lifecycle: Lifecycle
    tier: Optional[str]
    consents: List[Consent]
    memberships: List[Membership]
    archived: bool
    created_at: _dt.datetime
    updated_at: _dt.datetime


class Agent(TypedDict):
    """An agent (a member of the care or sales team)."""

    id: str
    name: str
    team: Optional[str]
    email: Optional[str]
    active: bool


class Interaction(TypedDict):
    """One touchpoint with a customer."""

    id: str
    customer: str
    channel: Channel
    network: Optional[Network]
    direction: Direction
    subject: Optional[str]
    summary: Optional[str]
    agent: Optional[str]
    occurred_at: _dt.datetime
    duration_seconds: Optional[int]


class Event(TypedDict):
    """One event in its JSON interchange form (times as ISO 8601 strings)."""

    v: int
    seq: int
    id: str
    at: str
    actor: Dict[str, Any]
    entity: Dict[str, Any]
    payload: Dict[str, Any]


class CustomerPage(TypedDict):
    """A page of ``list_customers``; pass ``next`` as ``after``."""

    items: List[Customer]
    next: Optional[str]


class SearchHit(TypedDict):
    """A ``search_customers`` result."""

    customer: Customer
    score: int


class TimelineEntry(TypedDict):
    """An event on a customer's timeline and the time it is shown at."""

    at: _dt.datetime
    event: Event


class TimelinePage(TypedDict):
    """A page of ``timeline``; pass ``next`` as ``after``."""

    items: List[TimelineEntry]
    next: Optional[int]


class RowError(TypedDict):
    """Why a row of a bulk call was rejected (``row`` is 0-based)."""

    row: int
    code: str
    message: str
    details: Dict[str, Any]


class BulkResult(TypedDict):
    """The result of ``register_customers``: one id (or ``None``) per row."""

    ids: List[Optional[str]]
    errors: List[RowError]


class _EntityRef(TypedDict):
    kind: Literal["workspace", "agent", "customer", "interaction", "complaint"]


class EntityRef(_EntityRef, total=False):
    """The entity a command created or an event concerns."""

    id: str


class Outcome(TypedDict):
    """What ``execute`` did."""

    created: Optional[EntityRef]
    first_seq: int
    events: int


class _Actor(TypedDict):
    kind: Literal["system", "agent"]


class Actor(_Actor, total=False):
    """Who did something: ``{"kind": "system"}`` or ``{"kind": "agent", "id": ...}``."""

    id: str


class _Compensation(TypedDict):
    kind: CompensationKind
    value: Money


class Compensation(_Compensation, total=False):
    """One compensation given with a resolution (the value is zero or more)."""

    note: str


class Resolution(TypedDict):
    """How a complaint was resolved (one per resolution)."""

    category: str
    note: Optional[str]
    compensation: List[Compensation]
    at: _dt.datetime
    by: Actor


class Message(TypedDict):
    """A customer message or an agent response on a complaint."""

    seq: int
    author: Author
    agent: Optional[str]
    channel: Channel
    public: bool
    automated: bool
    body: str
    occurred_at: _dt.datetime


class Cancellation(TypedDict):
    """Why a complaint was cancelled."""

    reason: CancelReason
    note: Optional[str]


class EscalationTrigger(TypedDict):
    """An SLA escalation already fired by ``tick``."""

    metric: Metric
    on: TriggerOn
    cycle: int


class Complaint(TypedDict):
    """A complaint as returned by the queries."""

    id: str
    customer: str
    channel: Channel
    subject: str
    description: Optional[str]
    category: Optional[str]
    priority: Priority
    assignee: Optional[str]
    team: Optional[str]
    tags: List[str]
    interactions: List[str]
    follows: Optional[str]
    state: ComplaintState
    escalation_level: int
    received_at: _dt.datetime
    created_at: _dt.datetime
    updated_at: _dt.datetime
    first_response_at: Optional[_dt.datetime]
    resolutions: List[Resolution]
    reopen_count: int
    cancelled: Optional[Cancellation]
    merged_into: Optional[str]
    merged_from: List[str]
    closed_at: Optional[_dt.datetime]
    messages: List[Message]
    fired: List[EscalationTrigger]


class ComplaintPage(TypedDict):
    """A page of ``list_complaints``; pass ``next`` as ``after``."""

    items: List[Complaint]
    next: Optional[str]


class ComplaintSettings(TypedDict):
    """Workspace-wide complaint settings."""

    reopen_window_hours: int
    auto_close_after_hours: int


class Window(TypedDict):
    """A working window ``[start, end)``, times of day ``"HH:MM"`` (end may be ``"24:00"``)."""

    start: str
    end: str


class _DayHours(TypedDict):
    day: Weekday


class DayHours(_DayHours, total=False):
    """The working windows of one weekday (none: closed)."""

    windows: List[Window]


class _Holiday(TypedDict):
    date: Union[str, _dt.date]


class Holiday(_Holiday, total=False):
    """Dates whose hours replace the week's (closed all day without ``open``).

    Dates are ISO strings when read back; ``datetime.date`` is accepted too.
    """

    until: Union[str, _dt.date]
    name: str
    open: List[Window]


class _CalendarSpec(TypedDict):
    time_zone: str


class CalendarSpec(_CalendarSpec, total=False):
    """A business calendar: an IANA zone, the week's windows and holidays."""

    always_open: bool
    week: List[DayHours]
    holidays: List[Holiday]


class Conditions(TypedDict, total=False):
    """When an SLA policy applies; every non-empty list must contain the complaint's value."""

    priorities: List[Priority]
    categories: List[str]
    channels: List[Channel]
    tiers: List[str]
    tags: List[str]


class Targets(TypedDict, total=False):
    """SLA targets in business minutes; an absent one is not measured."""

    first_response_minutes: int
    next_response_minutes: int
    resolution_minutes: int


class _EscalationRule(TypedDict):
    on: TriggerOn
    level: int


class EscalationRule(_EscalationRule, total=False):
    """Escalate when a metric warns or breaches (fired once by ``tick``)."""

    metric: Metric
    reassign_to: str
    team: str
    notify: str


class _SlaPolicy(TypedDict):
    key: str
    precedence: int
    calendar: str
    conditions: Conditions
    targets: Targets
    pause_states: List[ComplaintState]
    resolution_mode: ResolutionMode


class SlaPolicy(_SlaPolicy, total=False):
    """An SLA policy as returned by ``sla_policies``."""

    name: str
    warn_before_minutes: int
    escalations: List[EscalationRule]


SlaInterval = TypedDict(
    "SlaInterval",
    {"from": _dt.datetime, "to": _dt.datetime, "kind": IntervalKind, "state": ComplaintState},
)
"""One interval of an SLA explanation: ``[from, to)``, counted or paused."""


class _MetricStatus(TypedDict):
    metric: Metric
    target_minutes: int
    state: MetricState
    started_at: _dt.datetime
    deadline: Optional[_dt.datetime]
    elapsed_seconds: int
    remaining_seconds: int
    warning_at: Optional[_dt.datetime]
    breached_at: Optional[_dt.datetime]
    completed_at: Optional[_dt.datetime]
    cycle: int
    cycles: int
    breached_cycles: int


class MetricStatus(_MetricStatus, total=False):
    """One metric of an SLA status; ``intervals`` only from ``explain_sla``."""

    intervals: List[SlaInterval]


class SlaStatus(TypedDict):
    """The SLA status of one complaint at an instant."""

    complaint: str
    at: _dt.datetime
    policy: Optional[str]
    calendar: Optional[str]
    metrics: List[MetricStatus]


class SlaAlert(TypedDict):
    """A complaint whose SLA needs attention (``complaints_at_risk`` / ``complaints_breached``)."""

    complaint: str
    metric: Metric
    state: MetricState
    deadline: Optional[_dt.datetime]
    remaining_seconds: int
    priority: Priority
    assignee: Optional[str]
