"""clientcare: a customer-care (CRM) domain core, event-sourced.

The native :class:`Workspace` holds one tenant's customers, agents and
interactions. Every change is a validated command that appends events; a
command that fails raises a :class:`clientcare.Error` subclass and changes
nothing.

Example:
    >>> from datetime import datetime, timezone
    >>> import clientcare
    >>> ws = clientcare.Workspace(default_region="VN", seed=42)
    >>> at = datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc)
    >>> duc = ws.register_customer("Nguyễn Văn Đức", phones=["090 123 4567"], at=at)
    >>> ws.find_by_phone("+84901234567")[0]["names"]["full"]
    'Nguyễn Văn Đức'
"""

from clientcare._native import (
    FORMAT_VERSION,
    ConflictError,
    CorruptLogError,
    Error,
    InvalidInputError,
    InvalidTransitionError,
    NotFoundError,
    Workspace,
    __version__,
)
from clientcare._types import (
    AddressContact,
    Agent,
    AttrValue,
    BulkResult,
    Channel,
    Consent,
    ContactPoint,
    Customer,
    CustomerKind,
    CustomerPage,
    Direction,
    EmailContact,
    EntityRef,
    Event,
    Interaction,
    Lifecycle,
    Membership,
    Money,
    Names,
    Network,
    Outcome,
    PhoneContact,
    PostalAddress,
    Purpose,
    RowError,
    SearchHit,
    SocialContact,
    TimelineEntry,
    TimelinePage,
)

__all__ = [
    "FORMAT_VERSION",
    "AddressContact",
    "Agent",
    "AttrValue",
    "BulkResult",
    "Channel",
    "ConflictError",
    "Consent",
    "ContactPoint",
    "CorruptLogError",
    "Customer",
    "CustomerKind",
    "CustomerPage",
    "Direction",
    "EmailContact",
    "EntityRef",
    "Error",
    "Event",
    "Interaction",
    "InvalidInputError",
    "InvalidTransitionError",
    "Lifecycle",
    "Membership",
    "Money",
    "Names",
    "Network",
    "NotFoundError",
    "Outcome",
    "PhoneContact",
    "PostalAddress",
    "Purpose",
    "RowError",
    "SearchHit",
    "SocialContact",
    "TimelineEntry",
    "TimelinePage",
    "Workspace",
    "__version__",
]
