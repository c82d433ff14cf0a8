#![doc = include_str!("../../../README.md")]
#![warn(missing_docs)]
#![deny(rustdoc::broken_intra_doc_links)]

pub mod agent;
pub mod customer;
pub mod error;
pub mod event;
pub mod id;
pub mod interaction;
pub mod json;
pub mod model;
pub mod serde_util;
pub mod text;
pub mod workspace;

pub use agent::{Agent, RegisterAgent, UpdateAgent};
pub use customer::{
    AddContactPoint, AddMembership, ArchiveCustomer, ChangeLifecycle, Consent, ContactPoint,
    Customer, CustomerFilter, CustomerKind, Lifecycle, Membership, Names, Page, PageRequest,
    PostalAddress, Purpose, RecordConsent, RegisterCustomer, RemoveContactPoint, RemoveMembership,
    RestoreCustomer, SetTier, TagCustomer, UpdateCustomer, MAX_PAGE,
};
pub use error::{Error, Result};
pub use event::{
    CustomerChanges, CustomerRegistered, EntityRef, Event, EventPayload, FORMAT_VERSION,
};
pub use id::{AgentId, CustomerId, EventId, IdSource, InteractionId, SeededIds};
pub use interaction::{Direction, Interaction, LogInteraction};
pub use model::{Actor, AttrValue, Channel, Meta, Money, Network};
pub use workspace::{
    BulkOutcome, Command, ConfigureWorkspace, Outcome, TimelineCursor, TimelineEntry, Workspace,
};
