"""Type stubs of the native module ``clientcare._native`` (import ``clientcare``)."""

import os
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime, timedelta
from types import TracebackType
from typing import Any, ClassVar, Final, final

from clientcare._types import (
    Agenda,
    Agent,
    AnswerValue,
    AttrValue,
    Board,
    BulkResult,
    CalendarSpec,
    CancelReason,
    Channel,
    Compensation,
    Complaint,
    ComplaintPage,
    ComplaintSettings,
    ComplaintSort,
    ComplaintState,
    Conditions,
    ContactDecision,
    ContactPoint,
    Customer,
    CustomerDraft,
    CustomerExport,
    CustomerKind,
    CustomerPage,
    Dashboard,
    Direction,
    DuplicateMatch,
    DuplicateReport,
    DuplicateRules,
    EscalationRule,
    Event,
    FeedbackSettings,
    FollowUp,
    FollowUpKind,
    FollowUpLinks,
    Interaction,
    KpiGroupBy,
    KpiName,
    KpiRow,
    Lifecycle,
    LoyaltySettings,
    Money,
    Network,
    Opportunity,
    Outcome,
    Pipeline,
    Playbook,
    PlaybookConditions,
    PlaybookRun,
    PlaybookStep,
    Priority,
    Purchase,
    PurchaseItem,
    Purpose,
    Question,
    RecurrenceSpec,
    Referral,
    ResolutionMode,
    RuleSpec,
    RunProgress,
    ScanProgress,
    SearchResults,
    SlaAlert,
    SlaPolicy,
    SlaStatus,
    Source,
    Stage,
    Survey,
    SurveyKind,
    SurveyLink,
    SurveyStatus,
    SurveyTemplate,
    Survivorship,
    Targets,
    TierRule,
    TimelinePage,
    WonPurchase,
)

__all__ = [
    "ConflictError",
    "CorruptLogError",
    "CorruptSnapshotError",
    "CorruptStoreError",
    "ERASED",
    "Error",
    "FORMAT_VERSION",
    "InvalidInputError",
    "InvalidTransitionError",
    "KPI_NAMES",
    "NotFoundError",
    "StorageError",
    "Workspace",
    "__version__",
    "occurrences",
    "open",
    "parse_rrule",
]

__version__: Final[str]
FORMAT_VERSION: Final[int]
"""Version of the event JSON format this build writes and reads."""
KPI_NAMES: Final[tuple[KpiName, ...]]
"""Every KPI ``Workspace.kpi`` computes, in dashboard order."""
ERASED: Final[str]
"""What erased text reads as (``"[erased]"``), e.g. an erased customer's full name."""

def occurrences(
    recurrence: RecurrenceSpec,
    *,
    since: datetime | None = None,
    before: datetime | None = None,
    limit: int = 100,
) -> list[datetime]:
    """The occurrences of a recurrence (aware UTC datetimes) in ``[since, before)``, at most ``limit``."""

def parse_rrule(text: str) -> RuleSpec:
    """RFC 5545 ``RRULE`` text as the rule dict a recurrence takes."""

class Error(Exception):
    """Base class of every clientcare error."""

    code: str
    """Stable machine code: not_found, invalid_input, invalid_transition, conflict, corrupt_log, corrupt_snapshot, ..."""
    details: dict[str, Any]
    """The structured fields of the error (field/value/reason, holder, allowed, line, ...)."""

class NotFoundError(Error):
    """An id that names nothing in this workspace (details: entity, id)."""

class InvalidInputError(Error):
    """A value that is not acceptable (details: field, value, reason)."""

class InvalidTransitionError(Error):
    """A change the current state does not allow (details: entity, id, action, current, allowed)."""

class ConflictError(Error):
    """A value already held by another entity (details: field, value, holder_entity, holder, remedy)."""

class CorruptLogError(Error):
    """An event log that cannot be trusted; nothing was imported (details: line, seq, reason)."""

class StorageError(Error):
    """The database of a stored workspace failed; nothing was stored (details: reason)."""

class CorruptStoreError(StorageError):
    """Stored data that cannot be read back: a row that does not parse, a gap (details: reason)."""

def open(
    path: str | os.PathLike[str],
    *,
    workspace: str = "default",
    default_region: str | None = None,
    seed: int | None = None,
    snapshot_every: int | None = None,
    at: datetime | None = None,
) -> Workspace:
    """Open (or create) a workspace kept in a SQLite file; every change is stored before it returns."""

class CorruptSnapshotError(Error):
    """A snapshot that cannot be used (damaged, another version, another log); replay instead (details: reason)."""

@final
class Workspace:
    """One tenant's customer-care data: an event-sourced workspace.

    Command methods take ``at`` (an aware datetime, default now) and ``actor``
    (an agent id, default the system). A failed command raises and changes nothing.
    """

    __hash__: ClassVar[None]  # type: ignore[assignment]

    def __new__(
        cls,
        default_region: str | None = None,
        seed: int | None = None,
        *,
        at: datetime | None = None,
    ) -> Workspace:
        """Create an empty workspace; ``default_region`` is recorded at ``at`` (default now)."""
    @staticmethod
    def import_log(text: str, seed: int | None = None) -> Workspace:
        """Rebuild a workspace from a JSON Lines log. Raises CorruptLogError naming the line."""
    def apply_log(self, text: str) -> int:
        """Append a JSON Lines chunk continuing this log; returns how many events. Raises CorruptLogError."""
    def take_rewritten(self) -> list[int]:
        """Seqs of earlier events an erasure rewrote since the last call (empty for a stored workspace)."""
    def export_log(self, since: int = 0) -> str:
        """The event log as JSON Lines (only the events after seq ``since`` when given)."""
    def snapshot(self) -> bytes:
        """The folded state at ``seq`` as bytes (not the log); see ``from_snapshot``."""
    @staticmethod
    def from_snapshot(
        snapshot: bytes | bytearray, log: str, seed: int | None = None
    ) -> Workspace:
        """Open from a snapshot and the whole JSON Lines log (only the tail is replayed).

        Raises CorruptSnapshotError (then use ``import_log``) or CorruptLogError.
        """
    def events(self, since: int = 0) -> list[Event]:
        """Events after seq ``since`` in their JSON form (times as ISO strings)."""
    @property
    def seq(self) -> int:
        """Sequence number of the last event (0 when empty)."""
    @property
    def default_region(self) -> str | None:
        """The default phone region, or None."""
    def __eq__(self, other: object, /) -> bool: ...
    def __len__(self) -> int:
        """Number of customers (archived included)."""
    def execute(
        self,
        command: Mapping[str, Any],
        *,
        at: datetime | None = None,
        actor: str | None = None,
    ) -> Outcome:
        """Run a command given in its JSON form: ``{"type": "register_customer", ...}``."""
    def configure(
        self,
        default_region: str | None,
        *,
        at: datetime | None = None,
        actor: str | None = None,
    ) -> None:
        """Set (or clear with None) the default phone region."""

    # storage (workspaces from clientcare.open)
    @property
    def path(self) -> str | None:
        """The database file, or None for an in-memory workspace."""
    @property
    def opened_from_snapshot(self) -> bool:
        """Whether the last open or reload started from a stored snapshot."""
    def refresh(self) -> int:
        """Catch up with events other processes stored; returns how many were applied."""
    def reload(self) -> None:
        """Read the workspace again from its file."""
    def save_snapshot(self) -> int:
        """Store a snapshot at the current seq (faster opens); returns the seq."""
    def close(self) -> None:
        """Close the file; the workspace stays readable, changes raise StorageError."""
    def __enter__(self) -> Workspace: ...
    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None: ...

    # agents
    def register_agent(
        self,
        name: str,
        team: str | None = None,
        email: str | None = None,
        id: str | None = None,
        *,
        at: datetime | None = None,
        actor: str | None = None,
    ) -> str:
        """Register an agent; returns its id."""
    def update_agent(
        self,
        agent: str,
        *,
        name: str = ...,
        team: str | None = ...,
        active: bool = ...,
        at: datetime | None = None,
        actor: str | None = None,
    ) -> None:
        """Change an agent; omitted fields stay, ``team=None`` clears."""
    def agent(self, id: str) -> Agent: ...
    def agents(self) -> list[Agent]: ...

    # customers
    def register_customer(
        self,
        full_name: str,
        *,
        kind: CustomerKind = "person",
        given_name: str | None = None,
        family_name: str | None = None,
        display_name: str | None = None,
        emails: Iterable[str] = (),
        phones: Iterable[str] = (),
        contacts: Iterable[ContactPoint] = (),
        preferred_channel: Channel | None = None,
        language: str | None = None,
        time_zone: str | None = None,
        tags: Iterable[str] = (),
        attributes: Mapping[str, AttrValue] | None = None,
        owner: str | None = None,
        lifecycle: Lifecycle | None = None,
        tier: str | None = None,
        allow_shared_contacts: bool = False,
        id: str | None = None,
        at: datetime | None = None,
        actor: str | None = None,
    ) -> str:
        """Register a person or an organisation; returns its id.

        Raises InvalidInputError (bad value, field in ``details``), ConflictError
        (email/phone in use, ``details["holder"]``), NotFoundError (owner/actor).
        """
    def register_customers(
        self,
        rows: Iterable[Mapping[str, Any]],
        *,
        at: datetime | None = None,
        actor: str | None = None,
    ) -> BulkResult:
        """Register many customers; bad rows are reported in ``errors`` and not applied."""
    def update_customer(
        self,
        customer: str,
        *,
        full_name: str = ...,
        given_name: str | None = ...,
        family_name: str | None = ...,
        display_name: str | None = ...,
        preferred_channel: Channel | None = ...,
        language: str | None = ...,
        time_zone: str | None = ...,
        owner: str | None = ...,
        attributes: Mapping[str, AttrValue | None] = ...,
        at: datetime | None = None,
        actor: str | None = None,
    ) -> None:
        """Change some fields; omitted stay, None clears, only real changes are recorded."""
    def add_contact_point(
        self,
        customer: str,
        contact: ContactPoint,
        allow_shared_contacts: bool = False,
        *,
        at: datetime | None = None,
        actor: str | None = None,
    ) -> None: ...
    def remove_contact_point(
        self,
        customer: str,
        contact: ContactPoint,
        *,
        at: datetime | None = None,
        actor: str | None = None,
    ) -> None: ...
    def record_consent(
        self,
        customer: str,
        *,
        channel: Channel,
        purpose: Purpose,
        granted: bool,
        source: str,
        at: datetime | None = None,
        actor: str | None = None,
    ) -> None: ...
    def has_consent(self, customer: str, channel: Channel, purpose: Purpose) -> bool: ...
    def tag_customer(
        self,
        customer: str,
        tags: Iterable[str],
        *,
        at: datetime | None = None,
        actor: str | None = None,
    ) -> None: ...
    def untag_customer(
        self,
        customer: str,
        tags: Iterable[str],
        *,
        at: datetime | None = None,
        actor: str | None = None,
    ) -> None: ...
    def change_lifecycle(
        self,
        customer: str,
        to: Lifecycle,
        reason: str | None = None,
        *,
        at: datetime | None = None,
        actor: str | None = None,
    ) -> None:
        """Move to another stage; InvalidTransitionError lists the allowed ones."""
    def set_tier(
        self,
        customer: str,
        tier: str | None,
        *,
        at: datetime | None = None,
        actor: str | None = None,
    ) -> None: ...
    def archive_customer(
        self,
        customer: str,
        reason: str | None = None,
        *,
        at: datetime | None = None,
        actor: str | None = None,
    ) -> None: ...
    def restore_customer(
        self,
        customer: str,
        allow_shared_contacts: bool = False,
        *,
        at: datetime | None = None,
        actor: str | None = None,
    ) -> None: ...
    def add_membership(
        self,
        person: str,
        organization: str,
        role: str | None = None,
        *,
        at: datetime | None = None,
        actor: str | None = None,
    ) -> None: ...
    def remove_membership(
        self,
        person: str,
        organization: str,
        *,
        at: datetime | None = None,
        actor: str | None = None,
    ) -> None: ...
    def customer(self, id: str) -> Customer: ...
    def find_by_email(self, email: str) -> list[Customer]: ...
    def find_by_phone(self, phone: str) -> list[Customer]: ...
    def list_customers(
        self,
        *,
        tag: str | None = None,
        lifecycle: Lifecycle | None = None,
        tier: str | None = None,
        owner: str | None = None,
        kind: CustomerKind | None = None,
        archived: bool | None = False,
        after: str | None = None,
        limit: int = 50,
    ) -> CustomerPage:
        """A page of customers matching all filters; pass ``next`` as ``after``."""

    # identity: search, duplicates, merge, erasure, contact checks, export
    def search_customers(
        self,
        text: str,
        *,
        kind: CustomerKind | None = None,
        include_archived: bool = False,
        offset: int = 0,
        limit: int = 20,
        typos: bool = True,
    ) -> SearchResults:
        """Search names and tags (folding case and diacritics, prefixes, typos), emails and phones; best first."""
    def check_duplicates(self, draft: CustomerDraft, rules: DuplicateRules | None = None) -> list[DuplicateMatch]:
        """Likely duplicates of a customer before it is registered (``register_customer``'s arguments as a dict)."""
    def duplicates_of(self, customer: str, rules: DuplicateRules | None = None) -> list[DuplicateMatch]:
        """Likely duplicates of a registered customer, best first."""
    def compare_customers(self, a: str, b: str, rules: DuplicateRules | None = None) -> DuplicateMatch:
        """The duplicate score and reasons of two customers, whatever the threshold."""
    def scan_duplicates(
        self,
        rules: DuplicateRules | None = None,
        progress: Callable[[ScanProgress], bool | None] | None = None,
    ) -> DuplicateReport:
        """Every likely duplicate pair; ``progress`` returning False cancels, raising stops and propagates."""
    def merge_customers(
        self,
        survivor: str,
        merged: Iterable[str] | str,
        *,
        rules: Survivorship | None = None,
        reason: str | None = None,
        at: datetime | None = None,
        actor: str | None = None,
    ) -> None:
        """Merge customers into ``survivor``; their records move there and their ids resolve to it."""
    def unmerge_customers(
        self,
        customer: str,
        *,
        at: datetime | None = None,
        actor: str | None = None,
    ) -> None:
        """Undo the merge that absorbed ``customer`` (a customer that was merged away)."""
    def erase_customer(
        self,
        customer: str,
        *,
        at: datetime | None = None,
        actor: str | None = None,
    ) -> None:
        """Erase a customer's personal data, in the state and in every earlier event."""
    def resolve_customer(self, id: str) -> str:
        """The id ``id`` stands for now: itself, or the survivor of the merges that absorbed it."""
    def may_contact(
        self,
        customer: str,
        channel: Channel,
        purpose: Purpose,
        at: datetime | None = None,
    ) -> ContactDecision:
        """May we contact the customer on ``channel`` for ``purpose`` at ``at`` (default now)?"""
    def export_customer(self, customer: str) -> CustomerExport:
        """Everything held about one customer, as a JSON-compatible dict."""

    # interactions
    def log_interaction(
        self,
        customer: str,
        channel: Channel,
        *,
        network: Network | None = None,
        direction: Direction = "inbound",
        subject: str | None = None,
        summary: str | None = None,
        agent: str | None = None,
        occurred_at: datetime | None = None,
        duration_seconds: int | None = None,
        id: str | None = None,
        at: datetime | None = None,
        actor: str | None = None,
    ) -> str:
        """Log an interaction; returns its id."""
    def interaction(self, id: str) -> Interaction: ...
    def interactions_of(self, customer: str) -> list[Interaction]: ...
    def timeline(
        self,
        customer: str,
        *,
        after: int | None = None,
        limit: int = 50,
    ) -> TimelinePage:
        """The customer's events, newest first; pass ``next`` as ``after``."""

    # complaints
    def open_complaint(
        self,
        customer: str,
        channel: Channel,
        subject: str,
        *,
        description: str | None = None,
        category: str | None = None,
        priority: Priority = "normal",
        assignee: str | None = None,
        team: str | None = None,
        tags: Iterable[str] = (),
        interactions: Iterable[str] = (),
        follows: str | None = None,
        received_at: datetime | None = None,
        id: str | None = None,
        at: datetime | None = None,
        actor: str | None = None,
    ) -> str:
        """Record a complaint (state ``new``); returns its id."""
    def update_complaint(
        self,
        complaint: str,
        *,
        subject: str = ...,
        description: str | None = ...,
        category: str | None = ...,
        priority: Priority = ...,
        tags: Iterable[str] = ...,
        at: datetime | None = None,
        actor: str | None = None,
    ) -> None:
        """Change some fields; omitted stay, None clears, only real changes are recorded."""
    def assign_complaint(
        self,
        complaint: str,
        *,
        assignee: str | None = ...,
        team: str | None = ...,
        at: datetime | None = None,
        actor: str | None = None,
    ) -> None:
        """Assign to an agent and/or a team; omitted stay, None unassigns."""
    def change_complaint_state(
        self,
        complaint: str,
        to: ComplaintState,
        *,
        reason: str | None = None,
        at: datetime | None = None,
        actor: str | None = None,
    ) -> None:
        """Move between open, in_progress and waiting_on_customer; InvalidTransitionError lists the allowed ones."""
    def respond_to_complaint(
        self,
        complaint: str,
        body: str,
        *,
        agent: str | None = None,
        channel: Channel | None = None,
        public: bool = True,
        automated: bool = False,
        occurred_at: datetime | None = None,
        at: datetime | None = None,
        actor: str | None = None,
    ) -> None:
        """An agent's message; a public human response counts for the SLA and opens a new complaint."""
    def add_customer_message(
        self,
        complaint: str,
        body: str,
        *,
        channel: Channel | None = None,
        occurred_at: datetime | None = None,
        interaction: str | None = None,
        at: datetime | None = None,
        actor: str | None = None,
    ) -> None:
        """A message from the customer; resumes a complaint waiting on the customer."""
    def link_interaction(
        self,
        complaint: str,
        interaction: str,
        *,
        at: datetime | None = None,
        actor: str | None = None,
    ) -> None: ...
    def resolve_complaint(
        self,
        complaint: str,
        category: str,
        *,
        note: str | None = None,
        compensation: Iterable[Compensation] = (),
        at: datetime | None = None,
        actor: str | None = None,
    ) -> None:
        """Resolve a working complaint, with what the customer was given."""
    def reopen_complaint(
        self,
        complaint: str,
        *,
        reason: str | None = None,
        at: datetime | None = None,
        actor: str | None = None,
    ) -> None:
        """Reopen a resolved complaint within the reopen window."""
    def close_complaint(
        self,
        complaint: str,
        *,
        at: datetime | None = None,
        actor: str | None = None,
    ) -> None: ...
    def cancel_complaint(
        self,
        complaint: str,
        reason: CancelReason,
        *,
        note: str | None = None,
        at: datetime | None = None,
        actor: str | None = None,
    ) -> None: ...
    def merge_complaint(
        self,
        complaint: str,
        into: str,
        *,
        at: datetime | None = None,
        actor: str | None = None,
    ) -> None: ...
    def escalate_complaint(
        self,
        complaint: str,
        reason: str,
        *,
        level: int | None = None,
        reassign_to: str | None = None,
        team: str | None = None,
        at: datetime | None = None,
        actor: str | None = None,
    ) -> None:
        """Raise the escalation level (default: one up), optionally reassigning."""
    def complaint(self, id: str) -> Complaint: ...
    def complaints_of(self, customer: str) -> list[Complaint]: ...
    def complaint_history(self, id: str) -> list[Event]: ...
    def list_complaints(
        self,
        *,
        states: Iterable[ComplaintState] | ComplaintState | None = None,
        assignee: str | None = None,
        unassigned: bool = False,
        team: str | None = None,
        priorities: Iterable[Priority] | Priority | None = None,
        category: str | None = None,
        customer: str | None = None,
        received_before: datetime | None = None,
        received_after: datetime | None = None,
        sort: ComplaintSort = "oldest",
        after: str | None = None,
        limit: int = 50,
    ) -> ComplaintPage:
        """A queue view (working complaints unless ``states``); pass ``next`` as ``after``."""

    # service levels
    def configure_complaints(
        self,
        *,
        reopen_window_hours: int | None = None,
        auto_close_after_hours: int | None = None,
        at: datetime | None = None,
        actor: str | None = None,
    ) -> None: ...
    def complaint_settings(self) -> ComplaintSettings: ...
    def define_calendar(
        self,
        key: str,
        calendar: CalendarSpec,
        *,
        at: datetime | None = None,
        actor: str | None = None,
    ) -> None:
        """Define (or replace) a business calendar."""
    def remove_calendar(
        self,
        key: str,
        *,
        at: datetime | None = None,
        actor: str | None = None,
    ) -> None: ...
    def calendar(self, key: str) -> CalendarSpec: ...
    def calendar_keys(self) -> list[str]: ...
    def define_sla_policy(
        self,
        key: str,
        calendar: str,
        *,
        targets: Targets,
        conditions: Conditions | None = None,
        precedence: int = 0,
        warn_before_minutes: int | None = None,
        pause_states: Iterable[ComplaintState] | None = None,
        resolution_mode: ResolutionMode = "total",
        escalations: Iterable[EscalationRule] = (),
        name: str | None = None,
        at: datetime | None = None,
        actor: str | None = None,
    ) -> None:
        """Define (or replace, by key) an SLA policy."""
    def remove_sla_policy(
        self,
        key: str,
        *,
        at: datetime | None = None,
        actor: str | None = None,
    ) -> None: ...
    def sla_policies(self) -> list[SlaPolicy]: ...
    def sla_policy_for(self, complaint: str) -> SlaPolicy | None: ...
    def tick(self, *, at: datetime | None = None, actor: str | None = None) -> int:
        """Run SLA escalations and auto-close at ``at``; returns the number of events."""
    def sla_status(self, complaint: str, *, now: datetime | None = None) -> SlaStatus: ...
    def explain_sla(self, complaint: str, *, now: datetime | None = None) -> SlaStatus: ...
    def sla_statuses(self, *, now: datetime | None = None) -> list[SlaStatus]: ...
    def complaints_at_risk(self, *, now: datetime | None = None) -> list[SlaAlert]: ...
    def complaints_breached(self, *, now: datetime | None = None) -> list[SlaAlert]: ...
    def business_time_between(self, calendar: str, start: datetime, end: datetime) -> timedelta: ...
    def add_business_time(self, calendar: str, start: datetime, business: timedelta) -> datetime: ...

    # pipelines and opportunities
    def define_pipeline(
        self,
        key: str,
        stages: Iterable[Stage],
        lost_reasons: Iterable[str],
        *,
        name: str | None = None,
        at: datetime | None = None,
        actor: str | None = None,
    ) -> None:
        """Define (or replace, by key) a sales pipeline."""
    def pipeline(self, key: str) -> Pipeline: ...
    def open_opportunity(
        self,
        customer: str,
        title: str,
        value: Money,
        *,
        pipeline: str = "sales",
        expected_close: date | str | None = None,
        source: Source | None = None,
        owner: str | None = None,
        stage: str | None = None,
        id: str | None = None,
        at: datetime | None = None,
        actor: str | None = None,
    ) -> str:
        """Open a sales opportunity (first open stage by default); returns its id."""
    def update_opportunity(
        self,
        opportunity: str,
        *,
        title: str = ...,
        value: Money = ...,
        expected_close: date | str | None = ...,
        owner: str | None = ...,
        at: datetime | None = None,
        actor: str | None = None,
    ) -> None:
        """Change some fields; omitted stay, None clears, only real changes are recorded."""
    def move_opportunity(
        self,
        opportunity: str,
        stage: str,
        *,
        lost_reason: str | None = None,
        note: str | None = None,
        purchase: WonPurchase | None = None,
        at: datetime | None = None,
        actor: str | None = None,
    ) -> None:
        """Move to another stage: lost needs a reason, won records the purchase, closed -> open reopens."""
    def opportunity(self, id: str) -> Opportunity: ...
    def opportunity_history(self, id: str) -> list[Event]: ...
    def opportunities_of(self, customer: str) -> list[Opportunity]: ...
    def open_deals(self, owner: str) -> list[Opportunity]: ...
    def pipeline_board(self, key: str = "sales") -> Board: ...
    def rotting_opportunities(self, *, now: datetime | None = None) -> list[Opportunity]: ...

    # purchases, loyalty, referrals
    def record_purchase(
        self,
        customer: str,
        channel: Channel,
        *,
        items: Iterable[PurchaseItem] = (),
        description: str | None = None,
        amount: Money | None = None,
        occurred_at: datetime | None = None,
        id: str | None = None,
        at: datetime | None = None,
        actor: str | None = None,
    ) -> str:
        """Record a purchase (lifecycle, loyalty, tier, referral and playbooks follow); returns its id."""
    def purchase(self, id: str) -> Purchase: ...
    def purchases_of(self, customer: str) -> list[Purchase]: ...
    def configure_loyalty(
        self,
        *,
        loyal_after_purchases: int | None = None,
        tier_rules: Iterable[TierRule] = (),
        window_days: int = 365,
        at: datetime | None = None,
        actor: str | None = None,
    ) -> None:
        """Replace the loyalty rules (omitted ones take their defaults)."""
    def loyalty(self) -> LoyaltySettings: ...
    def record_referral(
        self,
        referrer: str,
        referred: str,
        *,
        note: str | None = None,
        id: str | None = None,
        at: datetime | None = None,
        actor: str | None = None,
    ) -> str:
        """Record who referred whom; returns the referral's id."""
    def reward_referral(
        self,
        referral: str,
        reward: Compensation,
        *,
        at: datetime | None = None,
        actor: str | None = None,
    ) -> None:
        """Reward the referrer of a qualified referral (once)."""
    def referral(self, id: str) -> Referral: ...
    def referrals_by(self, referrer: str) -> list[Referral]: ...
    def referral_of(self, customer: str) -> Referral | None: ...

    # follow-ups
    def schedule_follow_up(
        self,
        subject: str,
        kind: FollowUpKind,
        *,
        customer: str | None = None,
        due_at: datetime | None = None,
        due_date: date | str | None = None,
        time_zone: str | None = None,
        recurrence: RecurrenceSpec | None = None,
        assignee: str | None = None,
        team: str | None = None,
        priority: Priority = "normal",
        links: FollowUpLinks | None = None,
        id: str | None = None,
        at: datetime | None = None,
        actor: str | None = None,
    ) -> str:
        """Schedule a task due at an instant, on a local date, or at each occurrence of a recurrence."""
    def complete_follow_up(
        self,
        follow_up: str,
        *,
        outcome: str | None = None,
        at: datetime | None = None,
        actor: str | None = None,
    ) -> None:
        """Complete an open follow-up; a recurring one schedules its next occurrence."""
    def cancel_follow_up(
        self,
        follow_up: str,
        reason: str,
        *,
        skip_only: bool = False,
        at: datetime | None = None,
        actor: str | None = None,
    ) -> None:
        """Cancel an open follow-up (and its series, unless ``skip_only``)."""
    def snooze_follow_up(
        self,
        follow_up: str,
        until: datetime,
        *,
        at: datetime | None = None,
        actor: str | None = None,
    ) -> None: ...
    def reassign_follow_up(
        self,
        follow_up: str,
        *,
        assignee: str | None = ...,
        team: str | None = ...,
        at: datetime | None = None,
        actor: str | None = None,
    ) -> None:
        """Reassign to an agent and/or a team; omitted stay, None unassigns."""
    def follow_up(self, id: str) -> FollowUp: ...
    def follow_ups_of(self, customer: str) -> list[FollowUp]: ...
    def agenda(
        self,
        agent: str,
        *,
        now: datetime | None = None,
        within: timedelta | None = None,
        limit: int = 100,
    ) -> Agenda:
        """Overdue and upcoming (within ``within``, default one day) follow-ups of an agent."""
    def team_agenda(
        self,
        team: str,
        *,
        now: datetime | None = None,
        within: timedelta | None = None,
        limit: int = 100,
    ) -> Agenda: ...

    # after-sales playbooks
    def define_playbook(
        self,
        key: str,
        steps: Iterable[PlaybookStep],
        *,
        name: str | None = None,
        conditions: PlaybookConditions | None = None,
        calendar: str | None = None,
        team: str | None = None,
        at: datetime | None = None,
        actor: str | None = None,
    ) -> None:
        """Define (or replace, by key) an after-sales playbook."""
    def remove_playbook(
        self,
        key: str,
        *,
        at: datetime | None = None,
        actor: str | None = None,
    ) -> None: ...
    def cancel_playbook_run(
        self,
        run: str,
        reason: str,
        *,
        at: datetime | None = None,
        actor: str | None = None,
    ) -> None: ...
    def playbooks(self) -> list[Playbook]: ...
    def playbook_run(self, id: str) -> PlaybookRun: ...
    def playbook_progress(self, id: str) -> RunProgress: ...
    def playbook_runs_of(self, customer: str) -> list[PlaybookRun]: ...

    # feedback surveys
    def configure_feedback(
        self,
        *,
        csat_on_resolve: bool | None = None,
        response_days: int | None = None,
        at: datetime | None = None,
        actor: str | None = None,
    ) -> None:
        """Change the feedback settings (omitted ones keep their current value)."""
    def feedback_settings(self) -> FeedbackSettings: ...
    def define_survey(
        self,
        key: str,
        questions: Iterable[Question],
        *,
        title: str | None = None,
        at: datetime | None = None,
        actor: str | None = None,
    ) -> None:
        """Define (or replace, by key) a custom survey."""
    def remove_survey(
        self,
        key: str,
        *,
        at: datetime | None = None,
        actor: str | None = None,
    ) -> None: ...
    def survey_templates(self) -> list[SurveyTemplate]: ...
    def send_survey(
        self,
        customer: str,
        kind: SurveyKind,
        channel: Channel,
        *,
        template: str | None = None,
        link: SurveyLink | None = None,
        agent: str | None = None,
        response_days: int | None = None,
        id: str | None = None,
        at: datetime | None = None,
        actor: str | None = None,
    ) -> str:
        """Send a survey (the customer must consent to feedback on ``channel``); returns its id."""
    def answer_survey(
        self,
        survey: str,
        *,
        score: int | None = None,
        answers: Mapping[str, AnswerValue] | None = None,
        comment: str | None = None,
        answered_at: datetime | None = None,
        at: datetime | None = None,
        actor: str | None = None,
    ) -> None:
        """Record the (one) answer; after ``expires_at`` it is kept as answered_late."""
    def survey(self, id: str) -> Survey: ...
    def surveys(
        self,
        *,
        customer: str | None = None,
        kinds: Iterable[SurveyKind] | SurveyKind | None = None,
        statuses: Iterable[SurveyStatus] | SurveyStatus | None = None,
        sent_from: datetime | None = None,
        sent_to: datetime | None = None,
        link: SurveyLink | None = None,
    ) -> list[Survey]:
        """Surveys matching all filters, in the order sent."""

    # KPIs
    def kpi(
        self,
        name: KpiName,
        *,
        from_: datetime,
        to: datetime,
        group_by: KpiGroupBy | None = None,
        time_zone: str | None = None,
        active_days: int | None = None,
        backlog_at: datetime | None = None,
        cohort_months: int | None = None,
    ) -> list[KpiRow]:
        """One KPI over ``[from_, to)`` as flat rows (``pandas.DataFrame(rows)``)."""
    def dashboard(
        self,
        *,
        from_: datetime,
        to: datetime,
        time_zone: str | None = None,
        active_days: int | None = None,
        backlog_at: datetime | None = None,
        cohort_months: int | None = None,
    ) -> Dashboard:
        """Every KPI but cohort retention over ``[from_, to)``, ungrouped."""
