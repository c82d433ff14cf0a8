//! Customer commands: validation against current state, yielding events.

use super::model::{
    Consent, ContactPoint, CustomerKind, Lifecycle, Membership, Names, PostalAddress, Purpose,
};
use crate::error::{Error, Result};
use crate::event::{CustomerChanges, CustomerRegistered, EntityRef, EventPayload};
use crate::id::{AgentId, CustomerId, IdSource};
use crate::model::{AttrValue, Channel, Meta};
use crate::text::{
    normalize_email, normalize_label, normalize_language, normalize_phone, normalize_text,
    normalize_time_zone,
};
use crate::workspace::State;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

type Pending = Vec<(EntityRef, EventPayload)>;

/// Registers a person or an organisation.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegisterCustomer {
    /// Use this id instead of a new one (for sync); must be unused.
    #[serde(default)]
    pub id: Option<CustomerId>,
    /// Person (default) or organisation.
    #[serde(default)]
    pub kind: CustomerKind,
    /// Full name (required).
    pub full_name: String,
    /// Given name.
    #[serde(default)]
    pub given_name: Option<String>,
    /// Family name.
    #[serde(default)]
    pub family_name: Option<String>,
    /// Display name.
    #[serde(default)]
    pub display_name: Option<String>,
    /// Emails (shorthand for email contact points).
    #[serde(default)]
    pub emails: Vec<String>,
    /// Phones (shorthand for phone contact points), read in the workspace's default region.
    #[serde(default)]
    pub phones: Vec<String>,
    /// Other contact points (any kind).
    #[serde(default)]
    pub contacts: Vec<ContactPoint>,
    /// Preferred channel.
    #[serde(default)]
    pub preferred_channel: Option<Channel>,
    /// BCP 47 language tag.
    #[serde(default)]
    pub language: Option<String>,
    /// IANA time zone.
    #[serde(default)]
    pub time_zone: Option<String>,
    /// Tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Typed custom attributes.
    #[serde(default)]
    pub attributes: BTreeMap<String, AttrValue>,
    /// Owning agent (must be active).
    #[serde(default)]
    pub owner: Option<AgentId>,
    /// Lifecycle stage (lead when absent).
    #[serde(default)]
    pub lifecycle: Option<Lifecycle>,
    /// Manual tier.
    #[serde(default)]
    pub tier: Option<String>,
    /// Accept emails or phones that another active customer already uses.
    #[serde(default)]
    pub allow_shared_contacts: bool,
}

/// Changes some fields of a customer. Absent fields stay; `null` clears.
/// Only fields whose value really changes are recorded in the event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct UpdateCustomer {
    /// The customer.
    pub customer: CustomerId,
    #[serde(default)]
    pub full_name: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::serde_util::double_option"
    )]
    pub given_name: Option<Option<String>>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::serde_util::double_option"
    )]
    pub family_name: Option<Option<String>>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::serde_util::double_option"
    )]
    pub display_name: Option<Option<String>>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::serde_util::double_option"
    )]
    pub preferred_channel: Option<Option<Channel>>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::serde_util::double_option"
    )]
    pub language: Option<Option<String>>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::serde_util::double_option"
    )]
    pub time_zone: Option<Option<String>>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::serde_util::double_option"
    )]
    pub owner: Option<Option<AgentId>>,
    /// Attributes to set (value) or remove (`null`).
    #[serde(default)]
    pub attributes: BTreeMap<String, Option<AttrValue>>,
}

impl UpdateCustomer {
    /// An update of `customer` that changes nothing yet.
    #[must_use]
    pub fn new(customer: CustomerId) -> Self {
        Self {
            customer,
            full_name: None,
            given_name: None,
            family_name: None,
            display_name: None,
            preferred_channel: None,
            language: None,
            time_zone: None,
            owner: None,
            attributes: BTreeMap::new(),
        }
    }
}

/// Adds a contact point.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddContactPoint {
    /// The customer.
    pub customer: CustomerId,
    /// The contact point (normalised on the way in).
    pub contact: ContactPoint,
    /// Accept an email or phone that another active customer already uses.
    #[serde(default)]
    pub allow_shared_contacts: bool,
}

/// Removes a contact point (matched after normalisation, labels ignored).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RemoveContactPoint {
    /// The customer.
    pub customer: CustomerId,
    /// The contact point to remove.
    pub contact: ContactPoint,
}

/// Records a consent decision (allowed on archived customers too).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordConsent {
    /// The customer.
    pub customer: CustomerId,
    /// Channel.
    pub channel: Channel,
    /// Purpose.
    pub purpose: Purpose,
    /// Granted or withdrawn.
    pub granted: bool,
    /// Where the decision came from (required).
    pub source: String,
}

/// Adds or removes tags.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TagCustomer {
    /// The customer.
    pub customer: CustomerId,
    /// The tags.
    pub tags: Vec<String>,
}

/// Moves a customer to another lifecycle stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangeLifecycle {
    /// The customer.
    pub customer: CustomerId,
    /// The new stage.
    pub to: Lifecycle,
    /// Why (recorded in the audit trail).
    #[serde(default)]
    pub reason: Option<String>,
}

/// Sets or clears the manual tier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetTier {
    /// The customer.
    pub customer: CustomerId,
    /// The tier, or `None` to clear.
    #[serde(default)]
    pub tier: Option<String>,
}

/// Archives a customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArchiveCustomer {
    /// The customer.
    pub customer: CustomerId,
    /// Why.
    #[serde(default)]
    pub reason: Option<String>,
}

/// Restores an archived customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RestoreCustomer {
    /// The customer.
    pub customer: CustomerId,
    /// Restore even if another active customer now uses one of its emails or phones.
    #[serde(default)]
    pub allow_shared_contacts: bool,
}

/// Makes a person a member of an organisation (or changes the role).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddMembership {
    /// The person.
    pub person: CustomerId,
    /// The organisation.
    pub organization: CustomerId,
    /// The role.
    #[serde(default)]
    pub role: Option<String>,
}

/// Ends a person's membership of an organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RemoveMembership {
    /// The person.
    pub person: CustomerId,
    /// The organisation.
    pub organization: CustomerId,
}

fn opt_label(field: &str, v: Option<&str>, max: usize) -> Result<Option<String>> {
    v.map(|s| normalize_label(field, s, max)).transpose()
}

pub(crate) fn normalize_contact(state: &State, c: ContactPoint) -> Result<ContactPoint> {
    Ok(match c {
        ContactPoint::Email { address, label } => ContactPoint::Email {
            address: normalize_email("email", &address)?,
            label: opt_label("label", label.as_deref(), 40)?,
        },
        ContactPoint::Phone { number, label } => ContactPoint::Phone {
            number: normalize_phone("phone", &number, state.region)?,
            label: opt_label("label", label.as_deref(), 40)?,
        },
        ContactPoint::Address { address, label } => {
            let lines = address
                .lines
                .iter()
                .map(|l| normalize_label("address.lines", l, 200))
                .collect::<Result<Vec<_>>>()?;
            if lines.is_empty() {
                return Err(Error::invalid_input(
                    "address.lines",
                    "[]",
                    "an address needs at least one line",
                ));
            }
            let country = address
                .country
                .as_deref()
                .map(|c| {
                    let c = c.trim().to_ascii_uppercase();
                    if c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase()) {
                        Ok(c)
                    } else {
                        Err(Error::invalid_input(
                            "address.country",
                            c,
                            "expected an ISO 3166 alpha-2 code such as VN",
                        ))
                    }
                })
                .transpose()?;
            ContactPoint::Address {
                address: Box::new(PostalAddress {
                    lines,
                    city: opt_label("address.city", address.city.as_deref(), 100)?,
                    region: opt_label("address.region", address.region.as_deref(), 100)?,
                    postal_code: opt_label(
                        "address.postal_code",
                        address.postal_code.as_deref(),
                        20,
                    )?,
                    country,
                }),
                label: opt_label("label", label.as_deref(), 40)?,
            }
        }
        ContactPoint::Social {
            network,
            handle,
            label,
        } => ContactPoint::Social {
            network,
            handle: normalize_label("handle", &handle, 200)?,
            label: opt_label("label", label.as_deref(), 40)?,
        },
    })
}

/// Refuses an email or phone that an active customer other than `me` holds.
fn check_shared(state: &State, me: Option<CustomerId>, c: &ContactPoint) -> Result<()> {
    let (field, value, holders) = match c {
        ContactPoint::Email { address, .. } => ("email", address, state.email_holders(address)),
        ContactPoint::Phone { number, .. } => ("phone", number, state.phone_holders(number)),
        _ => return Ok(()),
    };
    if let Some(holder) = holders
        .iter()
        .map(|&p| &state.customers[p as usize])
        .find(|h| !h.archived && Some(h.id) != me)
    {
        return Err(Error::Conflict {
            field: field.into(),
            value: value.clone(),
            holder_entity: "customer",
            holder: holder.id.to_string(),
            remedy: "use that customer, or pass allow_shared_contacts to keep both".into(),
        });
    }
    Ok(())
}

pub(crate) fn normalize_tags(tags: &[String]) -> Result<Vec<String>> {
    let mut out = tags
        .iter()
        .map(|t| normalize_label("tag", t, 64))
        .collect::<Result<Vec<_>>>()?;
    out.sort();
    out.dedup();
    Ok(out)
}

fn normalize_attrs(attrs: BTreeMap<String, AttrValue>) -> Result<BTreeMap<String, AttrValue>> {
    attrs
        .into_iter()
        .map(|(k, v)| {
            let key = attr_key(&k)?;
            let v = v.normalized(&key)?;
            Ok((key, v))
        })
        .collect()
}

fn attr_key(k: &str) -> Result<String> {
    let key = normalize_label("attribute", k, 64)?;
    if key.contains(['.', '"']) {
        return Err(Error::invalid_input(
            "attribute",
            k,
            "attribute names may not contain '.' or '\"'",
        ));
    }
    Ok(key)
}

fn check_owner(state: &State, owner: Option<AgentId>) -> Result<()> {
    if let Some(o) = owner {
        let agent = state.agent(o)?;
        if !agent.active {
            return Err(Error::invalid_input(
                "owner",
                o.to_string(),
                "the agent is inactive; reactivate it or choose another owner",
            ));
        }
    }
    Ok(())
}

pub(crate) fn decide_register(
    state: &State,
    meta: &Meta,
    cmd: RegisterCustomer,
    ids: &mut dyn IdSource,
) -> Result<(CustomerId, Pending)> {
    let names = Names {
        full: normalize_label("full_name", &cmd.full_name, 200)?,
        given: opt_label("given_name", cmd.given_name.as_deref(), 100)?,
        family: opt_label("family_name", cmd.family_name.as_deref(), 100)?,
        display: opt_label("display_name", cmd.display_name.as_deref(), 200)?,
    };
    let mut contacts: Vec<ContactPoint> =
        Vec::with_capacity(cmd.emails.len() + cmd.phones.len() + cmd.contacts.len());
    let raw = cmd
        .emails
        .into_iter()
        .map(|address| ContactPoint::Email {
            address,
            label: None,
        })
        .chain(cmd.phones.into_iter().map(|number| ContactPoint::Phone {
            number,
            label: None,
        }))
        .chain(cmd.contacts);
    for c in raw {
        let c = normalize_contact(state, c)?;
        if !contacts.iter().any(|x| x.same_point(&c)) {
            if !cmd.allow_shared_contacts {
                check_shared(state, cmd.id, &c)?;
            }
            contacts.push(c);
        }
    }
    let language = cmd
        .language
        .as_deref()
        .map(normalize_language)
        .transpose()?;
    let time_zone = cmd
        .time_zone
        .as_deref()
        .map(normalize_time_zone)
        .transpose()?;
    let tags = normalize_tags(&cmd.tags)?;
    let attributes = normalize_attrs(cmd.attributes)?;
    check_owner(state, cmd.owner)?;
    let tier = opt_label("tier", cmd.tier.as_deref(), 40)?;
    let id = match cmd.id {
        Some(id) if state.customer_ix.contains_key(&id) => {
            return Err(Error::id_in_use("customer", id))
        }
        Some(id) => id,
        None => CustomerId::generate_unused(ids, meta.at, |id| state.customer_ix.contains_key(id))?,
    };
    Ok((
        id,
        vec![(
            EntityRef::Customer(id),
            EventPayload::CustomerRegistered(Box::new(CustomerRegistered {
                kind: cmd.kind,
                names,
                contacts,
                preferred_channel: cmd.preferred_channel,
                language,
                time_zone,
                tags,
                attributes,
                owner: cmd.owner,
                lifecycle: cmd.lifecycle.unwrap_or_default(),
                tier,
            })),
        )],
    ))
}

/// `Some(new)` when `new` differs from `old`.
fn changed<T: PartialEq>(new: Option<T>, old: &T) -> Option<T> {
    new.filter(|n| n != old)
}

pub(crate) fn decide_update(state: &State, cmd: UpdateCustomer) -> Result<Pending> {
    let c = state.active_customer(cmd.customer, "update")?;
    let opt =
        |field: &str, v: Option<Option<String>>, max: usize| -> Result<Option<Option<String>>> {
            v.map(|inner| opt_label(field, inner.as_deref(), max))
                .transpose()
        };
    let mut ch = CustomerChanges {
        full_name: cmd
            .full_name
            .as_deref()
            .map(|n| normalize_label("full_name", n, 200))
            .transpose()?,
        given_name: opt("given_name", cmd.given_name, 100)?,
        family_name: opt("family_name", cmd.family_name, 100)?,
        display_name: opt("display_name", cmd.display_name, 200)?,
        preferred_channel: cmd.preferred_channel,
        language: cmd
            .language
            .map(|l| l.as_deref().map(normalize_language).transpose())
            .transpose()?,
        time_zone: cmd
            .time_zone
            .map(|z| z.as_deref().map(normalize_time_zone).transpose())
            .transpose()?,
        owner: cmd.owner,
        attributes: BTreeMap::new(),
    };
    if let Some(Some(o)) = ch.owner {
        check_owner(state, Some(o))?;
    }
    for (k, v) in cmd.attributes {
        let key = attr_key(&k)?;
        let v = v.map(|v| v.normalized(&key)).transpose()?;
        if c.attributes.get(&key) != v.as_ref() {
            ch.attributes.insert(key, v);
        }
    }
    ch.full_name = changed(ch.full_name, &c.names.full);
    ch.given_name = changed(ch.given_name, &c.names.given);
    ch.family_name = changed(ch.family_name, &c.names.family);
    ch.display_name = changed(ch.display_name, &c.names.display);
    ch.preferred_channel = changed(ch.preferred_channel, &c.preferred_channel);
    ch.language = changed(ch.language, &c.language);
    ch.time_zone = changed(ch.time_zone, &c.time_zone);
    ch.owner = changed(ch.owner, &c.owner);
    if ch.is_empty() {
        return Ok(Vec::new());
    }
    Ok(vec![(
        EntityRef::Customer(cmd.customer),
        EventPayload::CustomerUpdated {
            changes: Box::new(ch),
        },
    )])
}

pub(crate) fn decide_add_contact(state: &State, cmd: AddContactPoint) -> Result<Pending> {
    let c = state.active_customer(cmd.customer, "add a contact point to")?;
    let contact = normalize_contact(state, cmd.contact)?;
    if c.contacts.iter().any(|x| x.same_point(&contact)) {
        return Ok(Vec::new());
    }
    if !cmd.allow_shared_contacts {
        check_shared(state, Some(c.id), &contact)?;
    }
    Ok(vec![(
        EntityRef::Customer(cmd.customer),
        EventPayload::ContactPointAdded { contact },
    )])
}

pub(crate) fn decide_remove_contact(state: &State, cmd: RemoveContactPoint) -> Result<Pending> {
    let c = state.active_customer(cmd.customer, "remove a contact point from")?;
    let wanted = normalize_contact(state, cmd.contact)?;
    let Some(found) = c.contacts.iter().find(|x| x.same_point(&wanted)) else {
        return Err(Error::NotFound {
            entity: "contact point",
            id: format!("{} of customer {}", describe(&wanted), c.id),
        });
    };
    Ok(vec![(
        EntityRef::Customer(cmd.customer),
        EventPayload::ContactPointRemoved {
            contact: found.clone(),
        },
    )])
}

fn describe(c: &ContactPoint) -> String {
    match c {
        ContactPoint::Email { address, .. } => format!("email {address}"),
        ContactPoint::Phone { number, .. } => format!("phone {number}"),
        ContactPoint::Address { address, .. } => format!("address {}", address.lines.join(", ")),
        ContactPoint::Social {
            network, handle, ..
        } => format!("{} handle {handle}", network.as_str()),
    }
}

pub(crate) fn decide_consent(state: &State, meta: &Meta, cmd: RecordConsent) -> Result<Pending> {
    state.customer(cmd.customer)?;
    let source = normalize_label("source", &cmd.source, 200)?;
    Ok(vec![(
        EntityRef::Customer(cmd.customer),
        EventPayload::ConsentRecorded {
            consent: Consent {
                channel: cmd.channel,
                purpose: cmd.purpose,
                granted: cmd.granted,
                at: meta.at,
                source,
            },
        },
    )])
}

pub(crate) fn decide_tag(state: &State, cmd: TagCustomer, add: bool) -> Result<Pending> {
    let c = state.active_customer(cmd.customer, if add { "tag" } else { "untag" })?;
    let tags: Vec<String> = normalize_tags(&cmd.tags)?
        .into_iter()
        .filter(|t| c.tags.binary_search(t).is_ok() != add)
        .collect();
    if tags.is_empty() {
        return Ok(Vec::new());
    }
    let payload = if add {
        EventPayload::CustomerTagged { tags }
    } else {
        EventPayload::CustomerUntagged { tags }
    };
    Ok(vec![(EntityRef::Customer(cmd.customer), payload)])
}

pub(crate) fn decide_lifecycle(state: &State, cmd: ChangeLifecycle) -> Result<Pending> {
    let c = state.active_customer(cmd.customer, "change the lifecycle of")?;
    if c.lifecycle == cmd.to {
        return Err(Error::InvalidTransition {
            entity: "customer",
            id: c.id.to_string(),
            action: format!("change lifecycle to {}", cmd.to.as_str()),
            current: c.lifecycle.as_str().into(),
            allowed: Lifecycle::ALL
                .iter()
                .filter(|l| **l != c.lifecycle)
                .map(|l| l.as_str().to_owned())
                .collect(),
        });
    }
    let reason = cmd
        .reason
        .as_deref()
        .map(|r| normalize_text("reason", r, 1000))
        .transpose()?;
    Ok(vec![(
        EntityRef::Customer(cmd.customer),
        EventPayload::LifecycleChanged {
            from: c.lifecycle,
            to: cmd.to,
            reason,
        },
    )])
}

pub(crate) fn decide_tier(state: &State, cmd: SetTier) -> Result<Pending> {
    let c = state.active_customer(cmd.customer, "set the tier of")?;
    let tier = opt_label("tier", cmd.tier.as_deref(), 40)?;
    if tier == c.tier {
        return Ok(Vec::new());
    }
    Ok(vec![(
        EntityRef::Customer(cmd.customer),
        EventPayload::TierChanged {
            from: c.tier.clone(),
            to: tier,
        },
    )])
}

pub(crate) fn decide_archive(state: &State, cmd: ArchiveCustomer) -> Result<Pending> {
    let c = state.active_customer(cmd.customer, "archive")?;
    let reason = cmd
        .reason
        .as_deref()
        .map(|r| normalize_text("reason", r, 1000))
        .transpose()?;
    Ok(vec![(
        EntityRef::Customer(c.id),
        EventPayload::CustomerArchived { reason },
    )])
}

pub(crate) fn decide_restore(state: &State, cmd: RestoreCustomer) -> Result<Pending> {
    let c = state.customer(cmd.customer)?;
    if !c.archived {
        return Err(Error::InvalidTransition {
            entity: "customer",
            id: c.id.to_string(),
            action: "restore".into(),
            current: "active".into(),
            allowed: vec!["archive".into()],
        });
    }
    if !cmd.allow_shared_contacts {
        for contact in &c.contacts {
            check_shared(state, Some(c.id), contact)?;
        }
    }
    Ok(vec![(
        EntityRef::Customer(c.id),
        EventPayload::CustomerRestored {},
    )])
}

fn person_and_org(
    state: &State,
    person: CustomerId,
    org: CustomerId,
) -> Result<(&super::Customer, &super::Customer)> {
    let p = state.active_customer(person, "change memberships of")?;
    let o = state.customer(org)?;
    if p.kind != CustomerKind::Person {
        return Err(Error::invalid_input(
            "person",
            person.to_string(),
            "only a person can be a member of an organisation",
        ));
    }
    if o.kind != CustomerKind::Organization {
        return Err(Error::invalid_input(
            "organization",
            org.to_string(),
            "this customer is a person, not an organisation",
        ));
    }
    Ok((p, o))
}

pub(crate) fn decide_add_membership(state: &State, cmd: AddMembership) -> Result<Pending> {
    let (p, _) = person_and_org(state, cmd.person, cmd.organization)?;
    let role = opt_label("role", cmd.role.as_deref(), 100)?;
    let membership = Membership {
        organization: cmd.organization,
        role,
    };
    if p.memberships.contains(&membership) {
        return Ok(Vec::new());
    }
    Ok(vec![(
        EntityRef::Customer(cmd.person),
        EventPayload::MembershipAdded { membership },
    )])
}

pub(crate) fn decide_remove_membership(state: &State, cmd: RemoveMembership) -> Result<Pending> {
    let (p, _) = person_and_org(state, cmd.person, cmd.organization)?;
    if !p
        .memberships
        .iter()
        .any(|m| m.organization == cmd.organization)
    {
        return Err(Error::NotFound {
            entity: "membership",
            id: format!("of {} in {}", cmd.person, cmd.organization),
        });
    }
    Ok(vec![(
        EntityRef::Customer(cmd.person),
        EventPayload::MembershipRemoved {
            organization: cmd.organization,
        },
    )])
}
