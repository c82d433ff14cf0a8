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
    kind: Literal["workspace", "agent", "customer", "interaction"]


class EntityRef(_EntityRef, total=False):
    """The entity a command created or an event concerns."""

    id: str


class Outcome(TypedDict):
    """What ``execute`` did."""

    created: Optional[EntityRef]
    first_seq: int
    events: int
