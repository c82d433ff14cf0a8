#![doc = include_str!("../../../README.md")]
#![warn(missing_docs)]
#![deny(rustdoc::broken_intra_doc_links)]

pub mod agent;
pub mod complaint;
pub mod customer;
pub mod error;
pub mod event;
pub mod id;
pub mod interaction;
pub mod json;
pub mod model;
pub mod serde_util;
pub mod sla;
pub mod text;
pub mod workspace;

pub use agent::{Agent, RegisterAgent, UpdateAgent};
pub use complaint::{
    AddCustomerMessage, AssignComplaint, Author, CancelComplaint, CancelReason, Cancellation,
    ChangeComplaintState, CloseComplaint, Compensation, CompensationKind, Complaint,
    ComplaintFilter, ComplaintSettings, ComplaintSort, ComplaintState, EscalateComplaint,
    EscalationTrigger, LinkInteraction, Mark, MergeComplaint, Message, OpenComplaint, Priority,
    ReopenComplaint, Resolution, ResolveComplaint, RespondToComplaint, SlaAlert, UpdateComplaint,
};
pub use customer::{
    AddContactPoint, AddMembership, ArchiveCustomer, ChangeLifecycle, Consent, ContactPoint,
    Customer, CustomerFilter, CustomerKind, Lifecycle, Membership, Names, Page, PageRequest,
    PostalAddress, Purpose, RecordConsent, RegisterCustomer, RemoveContactPoint, RemoveMembership,
    RestoreCustomer, SetTier, TagCustomer, UpdateCustomer, MAX_PAGE,
};
pub use error::{Error, Result};
pub use event::{
    ComplaintChanges, ComplaintOpened, CustomerChanges, CustomerRegistered, EntityRef, Event,
    EventPayload, MessageAdded, FORMAT_VERSION,
};
pub use id::{AgentId, ComplaintId, CustomerId, EventId, IdSource, InteractionId, SeededIds};
pub use interaction::{Direction, Interaction, LogInteraction};
pub use model::{Actor, AttrValue, Channel, Meta, Money, Network};
pub use sla::escalation::{
    ConfigureComplaints, DefineCalendar, RemoveCalendar, RemoveSlaPolicy, Tick,
};
pub use sla::{
    Calendar, CalendarSpec, Conditions, DayHours, EscalationRule, Holiday, IntervalKind, Metric,
    MetricState, MetricStatus, ResolutionMode, SlaInterval, SlaPolicy, SlaStatus, Targets,
    TimeOfDay, TriggerOn, Window,
};
pub use workspace::{
    BulkOutcome, Command, ConfigureWorkspace, Outcome, TimelineCursor, TimelineEntry, Workspace,
};
