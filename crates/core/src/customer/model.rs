//! The customer record and its parts.

use crate::id::{AgentId, CustomerId};
use crate::model::{AttrValue, Channel, Network};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A person or an organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CustomerKind {
    /// A natural person.
    #[default]
    Person,
    /// A company, association or other organisation.
    Organization,
}

/// Where a customer stands in its relationship with the business.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Lifecycle {
    /// Known, not yet qualified.
    #[default]
    Lead,
    /// Qualified, in talks.
    Prospect,
    /// Has bought.
    Customer,
    /// Buys again and again.
    Loyal,
    /// Gone.
    Churned,
}

impl Lifecycle {
    /// All stages in order.
    pub const ALL: [Lifecycle; 5] = [
        Lifecycle::Lead,
        Lifecycle::Prospect,
        Lifecycle::Customer,
        Lifecycle::Loyal,
        Lifecycle::Churned,
    ];
    /// The snake_case name.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Lifecycle::Lead => "lead",
            Lifecycle::Prospect => "prospect",
            Lifecycle::Customer => "customer",
            Lifecycle::Loyal => "loyal",
            Lifecycle::Churned => "churned",
        }
    }
}

/// What a customer consents (or not) to be contacted for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    /// Service messages about their own purchases, tickets and accounts.
    Service,
    /// Marketing and promotions.
    Marketing,
    /// Surveys and feedback requests.
    Feedback,
    /// Profiling and personalisation.
    Profiling,
}

impl Purpose {
    /// The snake_case name used in JSON and in the bindings.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::Service => "service",
            Purpose::Marketing => "marketing",
            Purpose::Feedback => "feedback",
            Purpose::Profiling => "profiling",
        }
    }
}

/// A customer's names. `full` is required; `display` falls back to `full`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Names {
    /// Full name as the customer writes it ("Nguyễn Văn Đức", "Công ty TNHH An Phát").
    pub full: String,
    /// Given name ("Đức").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub given: Option<String>,
    /// Family name ("Nguyễn").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    /// How to show the customer ("anh Đức").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
}

impl Names {
    /// The display name, or the full name when none is set.
    #[must_use]
    pub fn shown(&self) -> &str {
        self.display.as_deref().unwrap_or(&self.full)
    }
}

/// A postal address.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PostalAddress {
    /// Street lines ("12 Nguyễn Huệ", "Phường Bến Nghé").
    pub lines: Vec<String>,
    /// City ("Thành phố Hồ Chí Minh").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// Province, state or region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Postal code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    /// ISO 3166 alpha-2 country code (`VN`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
}

/// One way to reach a customer. Values are normalised when recorded: emails
/// lower case, phones E.164, text NFC.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum ContactPoint {
    /// An email address.
    Email {
        /// The address.
        address: String,
        /// "work", "home", ...
        #[serde(default, skip_serializing_if = "Option::is_none")]
        label: Option<String>,
    },
    /// A phone number.
    Phone {
        /// The number (E.164 once recorded).
        number: String,
        /// "mobile", "work", ...
        #[serde(default, skip_serializing_if = "Option::is_none")]
        label: Option<String>,
    },
    /// A postal address.
    Address {
        /// The address (boxed: it is much larger than the other kinds).
        address: Box<PostalAddress>,
        /// "billing", "shipping", ...
        #[serde(default, skip_serializing_if = "Option::is_none")]
        label: Option<String>,
    },
    /// A handle on a social network or chat app.
    Social {
        /// The network.
        network: Network,
        /// The handle, user name or profile id on it.
        handle: String,
        /// Free label (names the network when it is `other`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        label: Option<String>,
    },
}

impl ContactPoint {
    /// The contact's kind as a string (`email`, `phone`, `address`, `social`).
    #[must_use]
    pub fn kind(&self) -> &'static str {
        match self {
            ContactPoint::Email { .. } => "email",
            ContactPoint::Phone { .. } => "phone",
            ContactPoint::Address { .. } => "address",
            ContactPoint::Social { .. } => "social",
        }
    }

    /// Whether two normalised contact points are the same point (labels ignored).
    #[must_use]
    pub fn same_point(&self, other: &ContactPoint) -> bool {
        match (self, other) {
            (ContactPoint::Email { address: a, .. }, ContactPoint::Email { address: b, .. }) => {
                a == b
            }
            (ContactPoint::Phone { number: a, .. }, ContactPoint::Phone { number: b, .. }) => {
                a == b
            }
            (
                ContactPoint::Address { address: a, .. },
                ContactPoint::Address { address: b, .. },
            ) => a == b,
            (
                ContactPoint::Social {
                    network: na,
                    handle: ha,
                    ..
                },
                ContactPoint::Social {
                    network: nb,
                    handle: hb,
                    ..
                },
            ) => na == nb && ha.eq_ignore_ascii_case(hb),
            _ => false,
        }
    }
}

/// The latest consent decision for one channel and purpose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consent {
    /// The channel.
    pub channel: Channel,
    /// The purpose.
    pub purpose: Purpose,
    /// Granted (true) or withdrawn (false).
    pub granted: bool,
    /// When it was given or withdrawn.
    pub at: DateTime<Utc>,
    /// Where it came from ("web form", "paper form #12", "call").
    pub source: String,
}

/// A person's membership of an organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Membership {
    /// The organisation.
    pub organization: CustomerId,
    /// The person's role there ("purchasing manager").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

/// A customer, as folded from its events.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Customer {
    /// Its id.
    pub id: CustomerId,
    /// Person or organisation.
    pub kind: CustomerKind,
    /// Names.
    pub names: Names,
    /// Contact points, in the order they were added.
    pub contacts: Vec<ContactPoint>,
    /// The channel the customer prefers.
    pub preferred_channel: Option<Channel>,
    /// BCP 47 language tag.
    pub language: Option<String>,
    /// IANA time zone.
    pub time_zone: Option<String>,
    /// Tags, sorted.
    pub tags: Vec<String>,
    /// Typed custom attributes.
    pub attributes: BTreeMap<String, AttrValue>,
    /// Owning agent.
    pub owner: Option<AgentId>,
    /// Lifecycle stage.
    pub lifecycle: Lifecycle,
    /// Manual tier ("gold", "vip", ...).
    pub tier: Option<String>,
    /// Latest consent per channel and purpose.
    pub consents: Vec<Consent>,
    /// Organisations a person belongs to.
    pub memberships: Vec<Membership>,
    /// Archived customers are kept but hidden from default lists and release
    /// their emails and phones for others.
    pub archived: bool,
    /// Set when this customer was merged into another: its id resolves to
    /// that survivor, and its records moved there (see `merge_customers`).
    #[serde(default)]
    pub merged_into: Option<CustomerId>,
    /// When its personal data was erased (see `erase_customer`).
    #[serde(default)]
    pub erased_at: Option<DateTime<Utc>>,
    /// When it was registered.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

impl Customer {
    /// Its emails.
    pub fn emails(&self) -> impl Iterator<Item = &str> {
        self.contacts.iter().filter_map(|c| match c {
            ContactPoint::Email { address, .. } => Some(address.as_str()),
            _ => None,
        })
    }
    /// Its phone numbers (E.164).
    pub fn phones(&self) -> impl Iterator<Item = &str> {
        self.contacts.iter().filter_map(|c| match c {
            ContactPoint::Phone { number, .. } => Some(number.as_str()),
            _ => None,
        })
    }
    /// The latest consent for `channel` and `purpose`, if any was recorded.
    #[must_use]
    pub fn consent(&self, channel: Channel, purpose: Purpose) -> Option<&Consent> {
        self.consents
            .iter()
            .find(|c| c.channel == channel && c.purpose == purpose)
    }
    /// Whether consent for `channel` and `purpose` is currently granted.
    #[must_use]
    pub fn has_consent(&self, channel: Channel, purpose: Purpose) -> bool {
        self.consent(channel, purpose).is_some_and(|c| c.granted)
    }
}
