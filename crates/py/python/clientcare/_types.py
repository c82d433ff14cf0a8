"""Literal types and dict shapes of the clientcare API, for annotations.

Everything the API returns is a plain ``dict`` / ``list``; these
``TypedDict`` classes describe their keys so that type checkers can follow
them. Enum-like values are ``Literal`` strings.
"""

import datetime as _dt
from typing import Any, Dict, Iterable, List, Literal, Mapping, Optional, TypedDict, Union

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

StageKind = Literal["open", "won", "lost"]
"""Whether a pipeline stage is still in play, won or lost."""

ReferralStatus = Literal["pending", "qualified", "rewarded"]
"""Where a referral stands: the referred customer has not bought yet, has bought, or the referrer was rewarded."""

FollowUpKind = Literal["call", "email", "message", "visit", "gift", "survey", "other"]
"""What kind of task a follow-up is."""

FollowUpStatus = Literal["open", "done", "cancelled"]
"""Where a follow-up stands."""

Frequency = Literal["daily", "weekly", "monthly", "yearly"]
"""The period a recurrence rule repeats over (RFC 5545 ``FREQ``)."""

RuleWeekday = Literal["mo", "tu", "we", "th", "fr", "sa", "su"]
"""An RFC 5545 weekday code (``WKST``)."""

StepKind = Literal["thank_you", "advice", "survey", "check_in", "promotion", "gift", "visit"]
"""What an after-sales playbook step is for."""

RunStatus = Literal["active", "completed", "cancelled", "stopped"]
"""Where a playbook run stands (stopped: the customer was archived or churned)."""

StepStatus = Literal["scheduled", "done", "cancelled", "skipped"]
"""Where one step of a playbook run stands."""

SurveyKind = Literal["csat", "nps", "ces", "custom"]
"""What a survey measures: CSAT (1-5), NPS (0-10), CES (1-7), or a custom survey's questions."""

SurveyMeasure = Literal["csat", "nps", "ces"]
"""A standard measure a custom survey's scale question can feed."""

SurveyStatus = Literal["sent", "answered", "answered_late"]
"""Where a survey stands (a late answer is kept but not counted)."""

KpiName = Literal[
    "first_response_time",
    "resolution_time",
    "sla_compliance",
    "first_contact_resolution",
    "reopen_rate",
    "escalation_rate",
    "backlog",
    "complaint_volume",
    "csat",
    "nps",
    "ces",
    "survey_response_rate",
    "lead_conversion",
    "win_rate",
    "sales_cycle",
    "weighted_pipeline",
    "pipeline_velocity",
    "lost_reasons",
    "repeat_purchase_rate",
    "retention",
    "cohort_retention",
    "follow_up_on_time",
    "referral_conversion",
]
"""A KPI (``clientcare.KPI_NAMES`` lists them in dashboard order; definitions in ``docs/kpi.md``)."""

KpiGroupBy = Literal["agent", "team", "channel", "category", "priority", "tier", "day", "week", "month"]
"""What KPI records can be grouped by (not every KPI supports every grouping)."""


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
    merged_into: Optional[str]
    """The survivor it was merged into (its id resolves there), or ``None``."""
    erased_at: Optional[_dt.datetime]
    """When its personal data was erased, or ``None``."""


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


MatchedField = Literal["name", "name_typo", "email", "phone", "tag"]
"""What part of a customer a search hit matched."""


class SearchHit(TypedDict):
    """One customer found by ``search_customers`` (``matched``: what matched)."""

    customer: Customer
    score: int
    matched: List[MatchedField]


class SearchResults(TypedDict):
    """A page of ``search_customers``: best first; pass ``next_offset`` as ``offset``."""

    hits: List[SearchHit]
    total: int
    next_offset: Optional[int]


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
    kind: Literal[
        "workspace",
        "agent",
        "customer",
        "interaction",
        "complaint",
        "opportunity",
        "purchase",
        "follow_up",
        "playbook_run",
        "referral",
        "survey",
    ]


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


# ----- pipelines, opportunities, purchases, loyalty, referrals


class _Stage(TypedDict):
    key: str
    probability: int


class Stage(_Stage, total=False):
    """A pipeline stage: open stages 0-100 %, won 100 %, lost 0 %; only open stages rot."""

    name: str
    kind: StageKind
    rot_days: int


class _Pipeline(TypedDict):
    key: str
    stages: List[Stage]
    lost_reasons: List[str]


class Pipeline(_Pipeline, total=False):
    """A sales pipeline in its definition form."""

    name: str


class Source(TypedDict, total=False):
    """Where an opportunity came from (all optional)."""

    channel: Channel
    campaign: str
    referred_by: str


class Opportunity(TypedDict):
    """A sales opportunity (a deal) as returned by the queries."""

    id: str
    customer: str
    pipeline: str
    title: str
    value: Money
    expected_close: Optional[_dt.date]
    source: Source
    owner: Optional[str]
    stage: str
    status: StageKind
    lost_reason: Optional[str]
    purchase: Optional[str]
    reopen_count: int
    created_at: _dt.datetime
    updated_at: _dt.datetime
    stage_entered_at: _dt.datetime
    last_activity_at: _dt.datetime
    closed_at: Optional[_dt.datetime]


class _PurchaseItem(TypedDict):
    name: str
    unit_price: Money


class PurchaseItem(_PurchaseItem, total=False):
    """One line of a purchase (``quantity`` 1 when absent)."""

    category: str
    quantity: int


class WonPurchase(TypedDict, total=False):
    """What was bought when an opportunity is won (default: its value and title, in person)."""

    items: List[PurchaseItem]
    description: str
    amount: Money
    channel: Channel


class Purchase(TypedDict):
    """A purchase as returned by the queries."""

    id: str
    customer: str
    items: List[PurchaseItem]
    description: Optional[str]
    amount: Money
    channel: Channel
    occurred_at: _dt.datetime
    opportunity: Optional[str]


class _TierRule(TypedDict):
    tier: str


class TierRule(_TierRule, total=False):
    """A rule giving a tier: spend (one currency) and/or a number of purchases in the window."""

    min_spend: Money
    min_purchases: int


class _LoyaltySettings(TypedDict):
    window_days: int


class LoyaltySettings(_LoyaltySettings, total=False):
    """The loyalty rules (absent: never loyal by rule / no tier rules)."""

    loyal_after_purchases: int
    tier_rules: List[TierRule]


class Referral(TypedDict):
    """Who referred whom, and whether it qualified and was rewarded."""

    id: str
    referrer: str
    referred: str
    referred_at: _dt.datetime
    note: Optional[str]
    status: ReferralStatus
    qualifying_purchase: Optional[str]
    reward: Optional[Compensation]


class BoardColumn(TypedDict):
    """One stage of a pipeline board; totals are one money per currency."""

    stage: str
    kind: StageKind
    probability: int
    count: int
    value: List[Money]
    weighted: List[Money]


class Board(TypedDict):
    """A pipeline board and its weighted forecast (open stages only)."""

    pipeline: str
    columns: List[BoardColumn]
    forecast: List[Money]


# ----- follow-ups and recurrence


class FollowUpLinks(TypedDict, total=False):
    """What a follow-up is about (``playbook_step`` is 0-based)."""

    opportunity: str
    complaint: str
    playbook_run: str
    playbook_step: int


LocalTime = Union[str, _dt.datetime, _dt.date]
"""A local wall-clock time of a recurrence: an ISO string (read back as one), a naive
``datetime`` (or one with a ``zoneinfo.ZoneInfo``), or a ``date`` (the start's time of day)."""


class _RuleSpec(TypedDict):
    freq: Frequency


class RuleSpec(_RuleSpec, total=False):
    """An RFC 5545 rule as a dict (``parse_rrule`` reads the ``RRULE`` text form).

    ``by_day`` holds ``"mo"`` .. ``"su"`` with an optional ordinal (``"2tu"``,
    ``"-1fr"``); ``until`` is local wall-clock time, inclusive (a date: the whole day).
    """

    interval: int
    by_day: List[str]
    by_month_day: List[int]
    by_month: List[int]
    count: int
    until: LocalTime
    week_start: RuleWeekday


class _RecurrenceSpec(TypedDict):
    start: LocalTime


class RecurrenceSpec(_RecurrenceSpec, total=False):
    """A recurrence: ``start`` (DTSTART, local time in ``time_zone``), a rule (``RRULE``
    text or a :class:`RuleSpec`), extra ``dates`` (RDATE) and ``exdates`` (EXDATE).

    ``time_zone`` is required unless ``start`` carries a ``zoneinfo.ZoneInfo``.
    Read back, local times are ISO strings and ``rule`` is a :class:`RuleSpec`.
    """

    time_zone: str
    rule: Union[str, RuleSpec]
    dates: List[LocalTime]
    exdates: List[LocalTime]


class FollowUp(TypedDict):
    """A follow-up task (one occurrence of its series when it recurs)."""

    id: str
    series: str
    occurrence: int
    subject: str
    kind: FollowUpKind
    customer: Optional[str]
    due_at: _dt.datetime
    slot: _dt.datetime
    all_day: bool
    due_end: _dt.datetime
    time_zone: Optional[str]
    assignee: Optional[str]
    team: Optional[str]
    priority: Priority
    links: FollowUpLinks
    status: FollowUpStatus
    outcome: Optional[str]
    snoozed: int
    recurrence: Optional[RecurrenceSpec]
    created_at: _dt.datetime
    updated_at: _dt.datetime
    closed_at: Optional[_dt.datetime]


class Agenda(TypedDict):
    """An agent's or a team's agenda at an instant."""

    overdue: List[FollowUp]
    upcoming: List[FollowUp]
    truncated: bool


# ----- after-sales playbooks


class _PlaybookStep(TypedDict):
    kind: StepKind
    subject: str
    offset_days: int
    channel: Channel


class PlaybookStep(_PlaybookStep, total=False):
    """One step of a playbook: a follow-up ``offset_days`` after the purchase.

    A ``survey`` step may name the survey its completion sends: ``"csat"``,
    ``"nps"``, ``"ces"`` or the key of a custom survey.
    """

    business_days: bool
    purpose: Purpose
    survey: str


class PlaybookConditions(TypedDict, total=False):
    """Which purchases start a playbook (empty lists match everything)."""

    tiers: List[str]
    categories: List[str]
    min_value: Money


class _Playbook(TypedDict):
    key: str
    conditions: PlaybookConditions
    steps: List[PlaybookStep]


class Playbook(_Playbook, total=False):
    """An after-sales playbook as returned by ``playbooks``."""

    name: str
    calendar: str
    team: str


class _PlannedStep(TypedDict):
    index: int
    kind: StepKind


class PlannedStep(_PlannedStep, total=False):
    """A step of a run as planned: its follow-up, or why it was skipped, and
    the survey completing it sends."""

    follow_up: str
    skipped: str
    survey: str


class RunEnd(TypedDict):
    """How a playbook run ended early."""

    status: RunStatus
    reason: str
    at: _dt.datetime


class PlaybookRun(TypedDict):
    """A run of a playbook for one customer; ``ended`` says how it ended early."""

    id: str
    playbook: str
    customer: str
    purchase: str
    started_at: _dt.datetime
    steps: List[PlannedStep]
    ended: Optional[RunEnd]


class StepProgress(TypedDict):
    """Progress of one step of a run (``note``: why skipped or cancelled, or the outcome)."""

    index: int
    kind: StepKind
    status: StepStatus
    follow_up: Optional[str]
    due_at: Optional[_dt.datetime]
    note: Optional[str]


class RunProgress(TypedDict):
    """Progress of a playbook run."""

    run: str
    playbook: str
    status: RunStatus
    steps: List[StepProgress]


# ----- feedback surveys


class FeedbackSettings(TypedDict):
    """Workspace-wide feedback settings."""

    csat_on_resolve: bool
    response_days: int


class _ScaleQuestion(TypedDict):
    key: str
    text: str
    kind: Literal["scale"]
    min: int
    max: int


class ScaleQuestion(_ScaleQuestion, total=False):
    """A whole-number score from ``min`` to ``max``; ``measures`` makes it count
    in CSAT (1-5), NPS (0-10) or CES (1-7)."""

    measures: SurveyMeasure
    required: bool


class _ChoiceQuestion(TypedDict):
    key: str
    text: str
    kind: Literal["choice"]
    options: List[str]


class ChoiceQuestion(_ChoiceQuestion, total=False):
    """One of ``options`` (several when ``multiple``)."""

    multiple: bool
    required: bool


class _TextQuestion(TypedDict):
    key: str
    text: str
    kind: Literal["text"]


class TextQuestion(_TextQuestion, total=False):
    """A free-text answer."""

    required: bool


Question = Union[ScaleQuestion, ChoiceQuestion, TextQuestion]
"""One question of a custom survey (read back, ``required`` is always present and
``multiple`` only when true)."""


class _SurveyTemplate(TypedDict):
    key: str
    questions: List[Question]


class SurveyTemplate(_SurveyTemplate, total=False):
    """A custom survey as returned by ``survey_templates``."""

    title: str


class RecordLink(TypedDict):
    """A survey about a complaint, an interaction or a purchase."""

    kind: Literal["complaint", "interaction", "purchase"]
    id: str


class PlaybookStepLink(TypedDict):
    """A survey about a step of a playbook run (``step`` is 0-based)."""

    kind: Literal["playbook_step"]
    run: str
    step: int


SurveyLink = Union[RecordLink, PlaybookStepLink]
"""What a survey is about."""

AnswerValue = Union[int, str, List[str]]
"""An answer to a custom question: a score, a text or one choice, or several choices."""


class _Survey(TypedDict):
    id: str
    customer: str
    kind: SurveyKind
    channel: Channel
    link: Optional[SurveyLink]
    agent: Optional[str]
    sent_at: _dt.datetime
    expires_at: _dt.datetime
    status: SurveyStatus
    score: Optional[int]
    answers: Dict[str, AnswerValue]
    comment: Optional[str]
    answered_at: Optional[_dt.datetime]


class Survey(_Survey, total=False):
    """A survey sent to a customer; ``template`` (the questions as sent) for custom ones.

    ``score`` is what counts in CSAT, NPS or CES (for a custom survey, its
    scale that ``measures`` one).
    """

    template: SurveyTemplate


# ----- KPIs


class KpiRow(TypedDict):
    """One value of a KPI with the counts behind it; a list of rows is a table
    (``pandas.DataFrame(rows)``).

    ``group`` is ``"all"`` without grouping and ``"(none)"`` for records without
    the dimension; ``unit`` is ``"seconds"``, ``"days"``, ``"ratio"`` (0 to 1),
    ``"score"``, ``"count"`` or a currency code (money in minor units).
    """

    kpi: KpiName
    group: str
    measure: str
    value: Optional[float]
    numerator: Optional[float]
    denominator: Optional[float]
    sample_size: int
    unit: str


Dashboard = TypedDict("Dashboard", {"from": _dt.datetime, "to": _dt.datetime, "rows": List[KpiRow]})
"""The headline KPIs over ``[from, to)``: every KPI but cohort retention, ungrouped."""


# ----- identity: merge, erasure, contact checks, export

Survive = Literal["survivor", "most_recent", "most_complete"]
"""How a merge picks one field of the survivor: the survivor's value (gaps filled from
the merged customers in the order given), the most recently updated one's, or the fullest."""

ContactReason = Literal["granted", "withdrawn", "no_consent", "archived", "erased"]
"""Why contact is or is not allowed (``may_contact``)."""


class Survivorship(TypedDict, total=False):
    """Survivorship rules of ``merge_customers``: ``default`` for every field not named
    (``"survivor"`` when absent). Contact points, tags and memberships are always
    unioned; consents keep the most restrictive decision."""

    default: Survive
    names: Survive
    preferred_channel: Survive
    language: Survive
    time_zone: Survive
    owner: Survive
    lifecycle: Survive
    tier: Survive
    attributes: Survive


class ContactDecision(TypedDict):
    """The answer of ``may_contact``; ``consent`` is the decision that applied, if any."""

    customer: str
    allowed: bool
    reason: ContactReason
    reachable: bool
    consent: Optional[Consent]


class CustomerExport(TypedDict):
    """Everything held about one customer (``export_customer``), in its JSON form:
    records are dicts with times as ISO 8601 strings, ready for ``json.dumps``."""

    format: Literal["clientcare.customer_export"]
    version: int
    customer: Dict[str, Any]
    merged_customers: List[Dict[str, Any]]
    interactions: List[Dict[str, Any]]
    complaints: List[Dict[str, Any]]
    opportunities: List[Dict[str, Any]]
    purchases: List[Dict[str, Any]]
    referrals: List[Dict[str, Any]]
    follow_ups: List[Dict[str, Any]]
    playbook_runs: List[Dict[str, Any]]
    surveys: List[Dict[str, Any]]
    events: List[Event]


# ----- identity: duplicate detection

NameMetric = Literal["jaro_winkler", "levenshtein", "exact"]
"""How paired name words are scored when looking for duplicates."""

ScanPhase = Literal["profiles", "blocking", "comparing"]
"""A phase of ``scan_duplicates``."""


class DuplicateRules(TypedDict, total=False):
    """What counts as a duplicate (every key optional; defaults in parentheses).

    A pair's score is the sum of the weights of the signals that hold (at most 1):
    ``email``, ``phone`` (0.5 each), ``name`` (0.65 x similarity), ``address``,
    ``organization``, ``email_local_part`` (0.25 each); it is a duplicate at
    ``threshold`` (0.8) or more.
    """

    threshold: float
    email: float
    phone: float
    name: float
    address: float
    organization: float
    email_local_part: float
    name_metric: NameMetric
    min_name_similarity: float
    distinct_known_words: bool
    include_archived: bool
    max_block: int
    limit: int


class _CustomerDraft(TypedDict):
    full_name: str


class CustomerDraft(_CustomerDraft, total=False):
    """A customer not registered yet, for ``check_duplicates``: ``register_customer``'s
    keyword arguments as a dict (``None`` values count as absent)."""

    kind: CustomerKind
    given_name: Optional[str]
    family_name: Optional[str]
    display_name: Optional[str]
    emails: Union[str, Iterable[str]]
    phones: Union[str, Iterable[str]]
    contacts: Iterable[ContactPoint]
    preferred_channel: Optional[Channel]
    language: Optional[str]
    time_zone: Optional[str]
    tags: Union[str, Iterable[str]]
    attributes: Optional[Mapping[str, AttrValue]]
    owner: Optional[str]
    lifecycle: Optional[Lifecycle]
    tier: Optional[str]
    allow_shared_contacts: bool
    id: Optional[str]


class EmailReason(TypedDict):
    """They share this email."""

    rule: Literal["email"]
    value: str


class PhoneReason(TypedDict):
    """They share this phone number (E.164)."""

    rule: Literal["phone"]
    value: str


class NameReason(TypedDict):
    """Their names are similar (``similarity`` 0 to 1)."""

    rule: Literal["name"]
    metric: NameMetric
    similarity: float


class AddressReason(TypedDict):
    """They share a postal address (its folded key)."""

    rule: Literal["address"]
    value: str


class OrganizationReason(TypedDict):
    """Both are members of this organisation."""

    rule: Literal["organization"]
    organization: str


class EmailLocalPartReason(TypedDict):
    """Their emails differ but share this distinctive local part."""

    rule: Literal["email_local_part"]
    value: str


MatchReason = Union[
    EmailReason, PhoneReason, NameReason, AddressReason, OrganizationReason, EmailLocalPartReason
]
"""Why two customers look like the same one (``rule`` tells which)."""


class DuplicateMatch(TypedDict):
    """A likely duplicate of one record (``score`` 0 to 1)."""

    customer: str
    score: float
    reasons: List[MatchReason]


class DuplicatePair(TypedDict):
    """Two customers that look like the same one; ``a`` was registered first."""

    a: str
    b: str
    score: float
    reasons: List[MatchReason]


class ScanProgress(TypedDict):
    """Where a ``scan_duplicates`` stands (passed to its ``progress`` callback)."""

    phase: ScanPhase
    done: int
    total: int


class DuplicateReport(TypedDict):
    """The result of ``scan_duplicates``: pairs best first, and what the scan did."""

    pairs: List[DuplicatePair]
    customers: int
    comparisons: int
    skipped_blocks: int
    cancelled: bool
