//! Small value types shared by several domain areas: channels, networks,
//! money, typed attribute values, actors.

use crate::error::{Error, Result};
use crate::id::AgentId;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// A channel a customer can be reached on or an interaction happened on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// Face to face, in a shop or on a visit.
    InPerson,
    /// A voice call.
    Phone,
    /// Email.
    Email,
    /// SMS text message.
    Sms,
    /// A social network or chat app (the network is named separately).
    Social,
    /// Live chat on a web site or in an app.
    LiveChat,
    /// A public forum or community.
    Forum,
    /// A web form or self-service portal.
    Web,
    /// Anything else.
    Other,
}

impl Channel {
    /// All channels, in declaration order.
    pub const ALL: [Channel; 9] = [
        Channel::InPerson,
        Channel::Phone,
        Channel::Email,
        Channel::Sms,
        Channel::Social,
        Channel::LiveChat,
        Channel::Forum,
        Channel::Web,
        Channel::Other,
    ];

    /// The snake_case name used in JSON and in the bindings.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::InPerson => "in_person",
            Channel::Phone => "phone",
            Channel::Email => "email",
            Channel::Sms => "sms",
            Channel::Social => "social",
            Channel::LiveChat => "live_chat",
            Channel::Forum => "forum",
            Channel::Web => "web",
            Channel::Other => "other",
        }
    }
}

/// A social network or chat app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum Network {
    Facebook,
    Zalo,
    Messenger,
    Instagram,
    Tiktok,
    Whatsapp,
    Telegram,
    Viber,
    Line,
    Wechat,
    Linkedin,
    X,
    Youtube,
    /// Any other network; name it in the handle's label.
    Other,
}

impl Network {
    /// The snake_case name used in JSON and in the bindings.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Network::Facebook => "facebook",
            Network::Zalo => "zalo",
            Network::Messenger => "messenger",
            Network::Instagram => "instagram",
            Network::Tiktok => "tiktok",
            Network::Whatsapp => "whatsapp",
            Network::Telegram => "telegram",
            Network::Viber => "viber",
            Network::Line => "line",
            Network::Wechat => "wechat",
            Network::Linkedin => "linkedin",
            Network::X => "x",
            Network::Youtube => "youtube",
            Network::Other => "other",
        }
    }
}

/// Money as integer minor units and an ISO 4217 currency code. No floats.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Money {
    /// Amount in minor units (cents; for VND, which has no minor unit, dong).
    pub amount_minor: i64,
    /// ISO 4217 code, upper case (`VND`, `USD`).
    pub currency: String,
}

impl Money {
    /// Validates the currency code's form and upper-cases it.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] when the code is not three ASCII letters.
    pub fn new(amount_minor: i64, currency: &str) -> Result<Self> {
        let c = currency.trim();
        if c.len() != 3 || !c.bytes().all(|b| b.is_ascii_alphabetic()) {
            return Err(Error::invalid_input(
                "currency",
                currency,
                "expected an ISO 4217 code such as VND, USD or EUR",
            ));
        }
        Ok(Self {
            amount_minor,
            currency: c.to_ascii_uppercase(),
        })
    }
}

impl Money {
    /// Validates an amount that must not be negative (prices, compensation,
    /// purchases); errors name `field.amount_minor` or `field.currency`.
    pub(crate) fn non_negative(&self, field: &str) -> Result<Money> {
        if self.amount_minor < 0 {
            return Err(Error::invalid_input(
                format!("{field}.amount_minor"),
                self.amount_minor.to_string(),
                "money amounts here are zero or more",
            ));
        }
        Money::new(self.amount_minor, &self.currency).map_err(|e| match e {
            Error::InvalidInput { value, reason, .. } => {
                Error::invalid_input(format!("{field}.currency"), value, reason)
            }
            other => other,
        })
    }
}

/// A typed custom attribute value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum AttrValue {
    /// Text (NFC).
    Text(String),
    /// A whole number.
    Integer(i64),
    /// A finite floating-point number (never money: use `Money`).
    Number(f64),
    /// Yes or no.
    Bool(bool),
    /// A calendar date.
    Date(NaiveDate),
    /// An instant.
    DateTime(DateTime<Utc>),
    /// An amount of money.
    Money(Money),
}

impl AttrValue {
    /// Validates the value of attribute `key`; errors name the field
    /// `attributes.<key>`.
    pub(crate) fn normalized(self, key: &str) -> Result<Self> {
        let field = format!("attributes.{key}");
        Ok(match self {
            AttrValue::Text(s) => AttrValue::Text(crate::text::normalize_text(&field, &s, 4000)?),
            AttrValue::Number(n) if !n.is_finite() => {
                return Err(Error::invalid_input(
                    field,
                    n.to_string(),
                    "numbers must be finite",
                ))
            }
            AttrValue::Money(m) => AttrValue::Money(
                Money::new(m.amount_minor, &m.currency).map_err(|e| match e {
                    Error::InvalidInput { value, reason, .. } => {
                        Error::invalid_input(format!("{field}.currency"), value, reason)
                    }
                    other => other,
                })?,
            ),
            other => other,
        })
    }
}

/// Who did something: an agent, or the system itself (imports, automations).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum Actor {
    /// The system (an import, a rule, an integration).
    #[default]
    System,
    /// A registered agent.
    Agent(AgentId),
}

/// The time and author of a command. Every command carries one: the core never
/// reads a clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Meta {
    /// When the command happens (business time, UTC).
    pub at: DateTime<Utc>,
    /// Who issues it.
    pub actor: Actor,
}

impl Meta {
    /// A command issued by the system at `at`.
    #[must_use]
    pub fn system(at: DateTime<Utc>) -> Self {
        Self {
            at,
            actor: Actor::System,
        }
    }
    /// A command issued by `agent` at `at`.
    #[must_use]
    pub fn agent(at: DateTime<Utc>, agent: AgentId) -> Self {
        Self {
            at,
            actor: Actor::Agent(agent),
        }
    }
}

/// An instant as RFC 3339 in UTC with `Z` and only the fractional digits it
/// needs (`2026-11-02T07:30:00Z`): the form used in error values and messages,
/// the same as the JSON form.
#[must_use]
pub fn iso(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
}

/// 9999-12-31T23:59:59Z: the latest accepted time (UUID v7 and every
/// binding's date type can hold it).
pub(crate) const LATEST_TIMESTAMP: i64 = 253_402_300_799;

/// Refuses a time outside 1970-01-01 to 9999-12-31 (`invalid_input` on `field`),
/// so that date arithmetic on it can never overflow.
pub(crate) fn check_time(field: &str, t: DateTime<Utc>) -> Result<DateTime<Utc>> {
    if (0..=LATEST_TIMESTAMP).contains(&t.timestamp()) {
        Ok(t)
    } else {
        Err(Error::invalid_input(
            field,
            iso(t),
            "times before 1970-01-01 or after 9999-12-31 are not accepted",
        ))
    }
}
