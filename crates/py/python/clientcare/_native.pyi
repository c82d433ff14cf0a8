"""Type stubs of the native module ``clientcare._native`` (import ``clientcare``)."""

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any, ClassVar, Final, final

from clientcare._types import (
    Agent,
    AttrValue,
    BulkResult,
    Channel,
    ContactPoint,
    Customer,
    CustomerKind,
    CustomerPage,
    Direction,
    Event,
    Interaction,
    Lifecycle,
    Network,
    Outcome,
    Purpose,
    SearchHit,
    TimelinePage,
)

__all__ = [
    "ConflictError",
    "CorruptLogError",
    "Error",
    "FORMAT_VERSION",
    "InvalidInputError",
    "InvalidTransitionError",
    "NotFoundError",
    "Workspace",
    "__version__",
]

__version__: Final[str]
FORMAT_VERSION: Final[int]
"""Version of the event JSON format this build writes and reads."""

class Error(Exception):
    """Base class of every clientcare error."""

    code: str
    """Stable machine code: not_found, invalid_input, invalid_transition, conflict, corrupt_log."""
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
    def export_log(self) -> str:
        """The event log as JSON Lines."""
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
    def search_customers(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Name search folding case and diacritics; best first."""

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
