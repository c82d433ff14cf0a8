//! Events: the only way state changes, and the stable JSON interchange format.
//!
//! One event in JSON (format version 1, one object per line in a log file):
//!
//! ```json
//! {"v":1,"seq":2,"id":"019c…","at":"2026-11-02T03:04:05Z",
//!  "actor":{"kind":"agent","id":"019c…"},"entity":{"kind":"customer","id":"019c…"},
//!  "payload":{"type":"customer_tagged","tags":["vip"]}}
//! ```
//!
//! `docs/event-log.md` documents every payload type.

use crate::customer::{Consent, ContactPoint, CustomerKind, Lifecycle, Membership, Names};
use crate::id::{AgentId, CustomerId, EventId, InteractionId};
use crate::interaction::Direction;
use crate::model::{Actor, AttrValue, Channel, Network};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The version of the event JSON format this build writes and reads.
pub const FORMAT_VERSION: u32 = 1;

/// The entity an event concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum EntityRef {
    /// The workspace itself (configuration).
    Workspace,
    /// An agent.
    Agent(AgentId),
    /// A customer.
    Customer(CustomerId),
    /// An interaction.
    Interaction(InteractionId),
}

/// One event with its envelope.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// Format version ([`FORMAT_VERSION`]).
    pub v: u32,
    /// Position in the workspace log, from 1, without gaps.
    pub seq: u64,
    /// Unique id of the event.
    pub id: EventId,
    /// When it occurred (the command's `at`).
    pub at: DateTime<Utc>,
    /// Who caused it.
    pub actor: Actor,
    /// What it concerns.
    pub entity: EntityRef,
    /// What happened.
    pub payload: EventPayload,
}

/// Fields of a customer that a partial update changed. Absent means unchanged;
/// `null` means cleared.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomerChanges {
    /// New full name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub full_name: Option<String>,
    /// New given name.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::serde_util::double_option"
    )]
    pub given_name: Option<Option<String>>,
    /// New family name.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::serde_util::double_option"
    )]
    pub family_name: Option<Option<String>>,
    /// New display name.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::serde_util::double_option"
    )]
    pub display_name: Option<Option<String>>,
    /// New preferred channel.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::serde_util::double_option"
    )]
    pub preferred_channel: Option<Option<Channel>>,
    /// New language.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::serde_util::double_option"
    )]
    pub language: Option<Option<String>>,
    /// New time zone.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::serde_util::double_option"
    )]
    pub time_zone: Option<Option<String>>,
    /// New owner.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::serde_util::double_option"
    )]
    pub owner: Option<Option<AgentId>>,
    /// Attributes set (value) or removed (`null`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, Option<AttrValue>>,
}

impl CustomerChanges {
    /// Names of the fields this change touches (`attributes.<key>` for attributes).
    #[must_use]
    pub fn fields(&self) -> Vec<String> {
        let mut out = Vec::new();
        let flags = [
            ("full_name", self.full_name.is_some()),
            ("given_name", self.given_name.is_some()),
            ("family_name", self.family_name.is_some()),
            ("display_name", self.display_name.is_some()),
            ("preferred_channel", self.preferred_channel.is_some()),
            ("language", self.language.is_some()),
            ("time_zone", self.time_zone.is_some()),
            ("owner", self.owner.is_some()),
        ];
        out.extend(
            flags
                .iter()
                .filter(|(_, on)| *on)
                .map(|(n, _)| (*n).to_owned()),
        );
        out.extend(self.attributes.keys().map(|k| format!("attributes.{k}")));
        out
    }

    /// Whether nothing changes.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.fields().is_empty()
    }
}

/// The payload of `customer_registered`: the customer as first recorded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomerRegistered {
    /// Person or organisation.
    pub kind: CustomerKind,
    /// Names.
    pub names: Names,
    /// Contact points (normalised).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<ContactPoint>,
    /// Preferred channel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preferred_channel: Option<Channel>,
    /// Language tag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Time zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    /// Tags, sorted and unique.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Custom attributes.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, AttrValue>,
    /// Owner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<AgentId>,
    /// Lifecycle stage.
    pub lifecycle: Lifecycle,
    /// Tier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier: Option<String>,
}

/// What happened. JSON: an object with `"type"` and the fields of the variant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum EventPayload {
    /// Workspace settings were set.
    WorkspaceConfigured {
        /// ISO 3166 region used to read phone numbers without a country code.
        default_region: Option<String>,
    },
    /// An agent joined.
    AgentRegistered {
        /// Name.
        name: String,
        /// Team.
        team: Option<String>,
        /// Email.
        email: Option<String>,
    },
    /// An agent changed (only changed fields are present).
    AgentUpdated {
        /// New name.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        /// New team (`null` clears).
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            with = "crate::serde_util::double_option"
        )]
        team: Option<Option<String>>,
        /// New active flag.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        active: Option<bool>,
    },
    /// A customer was registered (boxed: the largest payload).
    CustomerRegistered(Box<CustomerRegistered>),
    /// Some fields of a customer changed.
    CustomerUpdated {
        /// The changed fields and their new values.
        changes: Box<CustomerChanges>,
    },
    /// A contact point was added.
    ContactPointAdded {
        /// The contact point (normalised).
        contact: ContactPoint,
    },
    /// A contact point was removed.
    ContactPointRemoved {
        /// The contact point as it was.
        contact: ContactPoint,
    },
    /// Consent was granted or withdrawn.
    ConsentRecorded {
        /// The decision.
        consent: Consent,
    },
    /// Tags were added.
    CustomerTagged {
        /// The new tags.
        tags: Vec<String>,
    },
    /// Tags were removed.
    CustomerUntagged {
        /// The removed tags.
        tags: Vec<String>,
    },
    /// The lifecycle stage changed.
    LifecycleChanged {
        /// Previous stage.
        from: Lifecycle,
        /// New stage.
        to: Lifecycle,
        /// Why.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
    /// The manual tier changed.
    TierChanged {
        /// Previous tier.
        from: Option<String>,
        /// New tier.
        to: Option<String>,
    },
    /// The customer was archived.
    CustomerArchived {
        /// Why.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
    /// The customer was restored from the archive.
    CustomerRestored {},
    /// A person joined an organisation (entity: the person).
    MembershipAdded {
        /// The membership.
        membership: Membership,
    },
    /// A person left an organisation (entity: the person).
    MembershipRemoved {
        /// The organisation.
        organization: CustomerId,
    },
    /// An interaction was logged (entity: the interaction).
    InteractionLogged {
        /// The customer.
        customer: CustomerId,
        /// The channel.
        channel: Channel,
        /// The network, for social channels.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        network: Option<Network>,
        /// Inbound, outbound or internal.
        direction: Direction,
        /// Subject line.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        subject: Option<String>,
        /// Summary or notes.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        summary: Option<String>,
        /// The agent who handled it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        agent: Option<AgentId>,
        /// When it happened (may be before the event's `at`).
        occurred_at: DateTime<Utc>,
        /// How long it lasted, in seconds.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        duration_seconds: Option<u32>,
    },
}

impl EventPayload {
    /// The `type` tag of this payload.
    #[must_use]
    pub fn type_name(&self) -> &'static str {
        match self {
            EventPayload::WorkspaceConfigured { .. } => "workspace_configured",
            EventPayload::AgentRegistered { .. } => "agent_registered",
            EventPayload::AgentUpdated { .. } => "agent_updated",
            EventPayload::CustomerRegistered(_) => "customer_registered",
            EventPayload::CustomerUpdated { .. } => "customer_updated",
            EventPayload::ContactPointAdded { .. } => "contact_point_added",
            EventPayload::ContactPointRemoved { .. } => "contact_point_removed",
            EventPayload::ConsentRecorded { .. } => "consent_recorded",
            EventPayload::CustomerTagged { .. } => "customer_tagged",
            EventPayload::CustomerUntagged { .. } => "customer_untagged",
            EventPayload::LifecycleChanged { .. } => "lifecycle_changed",
            EventPayload::TierChanged { .. } => "tier_changed",
            EventPayload::CustomerArchived { .. } => "customer_archived",
            EventPayload::CustomerRestored {} => "customer_restored",
            EventPayload::MembershipAdded { .. } => "membership_added",
            EventPayload::MembershipRemoved { .. } => "membership_removed",
            EventPayload::InteractionLogged { .. } => "interaction_logged",
        }
    }
}
