//! "May we contact this customer on channel X for purpose Y at time T?"
//!
//! One rule, used by the public query and by every outbound step (surveys,
//! CSAT on resolve, playbook steps):
//! 1. an erased or archived customer may not be contacted;
//! 2. the latest consent decision for the channel and purpose at or before T
//!    must be a grant (no decision means no consent: it is never assumed);
//!
//! The answer also says whether anything on file reaches the customer there
//! (`reachable`): an email address for `email`, a phone number for `phone`
//! and `sms`; social, live chat, forum, web, in person and other reach the
//! customer where the conversation already lives. Reachability is reported,
//! not required: permission and address book are separate questions.
//!
//! After a merge the survivor's decisions are the most restrictive of the
//! merged records; the history before the merge includes every merged
//! customer's decisions.

use crate::customer::{Consent, ContactPoint, Customer, Purpose};
use crate::error::Result;
use crate::event::EventPayload;
use crate::id::CustomerId;
use crate::model::Channel;
use crate::workspace::Workspace;
use chrono::{DateTime, Utc};
use serde::Serialize;

/// Why contact is or is not allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactReason {
    /// The latest decision at that time granted consent.
    Granted,
    /// The latest decision at that time withdrew consent.
    Withdrawn,
    /// No decision was recorded for this channel and purpose by that time.
    NoConsent,
    /// The customer is archived.
    Archived,
    /// The customer's personal data was erased.
    Erased,
}

impl ContactReason {
    /// The snake_case name.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            ContactReason::Granted => "granted",
            ContactReason::Withdrawn => "withdrawn",
            ContactReason::NoConsent => "no_consent",
            ContactReason::Archived => "archived",
            ContactReason::Erased => "erased",
        }
    }
}

/// The answer to a contact check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContactDecision {
    /// The customer checked (a merged id resolves to its survivor).
    pub customer: CustomerId,
    /// Whether contact is allowed.
    pub allowed: bool,
    /// Why.
    pub reason: ContactReason,
    /// Whether an email address (for `email`) or a phone number (for `phone`,
    /// `sms`) is on file; always true for the other channels.
    pub reachable: bool,
    /// The consent decision that applied, if any.
    pub consent: Option<Consent>,
}

/// Whether anything on file reaches `c` on `channel`.
fn reachable(c: &Customer, channel: Channel) -> bool {
    let has = |f: fn(&ContactPoint) -> bool| c.contacts.iter().any(f);
    match channel {
        Channel::Email => has(|x| matches!(x, ContactPoint::Email { .. })),
        Channel::Phone | Channel::Sms => has(|x| matches!(x, ContactPoint::Phone { .. })),
        _ => true,
    }
}

/// The decision for `c` given the consent that applies at the time.
pub(crate) fn decide(c: &Customer, channel: Channel, consent: Option<&Consent>) -> ContactDecision {
    let reason = if c.erased_at.is_some() {
        ContactReason::Erased
    } else if c.archived {
        ContactReason::Archived
    } else {
        match consent {
            None => ContactReason::NoConsent,
            Some(k) if !k.granted => ContactReason::Withdrawn,
            Some(_) => ContactReason::Granted,
        }
    };
    ContactDecision {
        customer: c.id,
        allowed: reason == ContactReason::Granted,
        reason,
        reachable: reachable(c, channel),
        consent: consent.cloned(),
    }
}

/// The decision at `at` from the customer's current consents; a decision
/// recorded after `at` counts as none (outbound steps act at their own time).
pub(crate) fn decide_now(
    c: &Customer,
    channel: Channel,
    purpose: Purpose,
    at: DateTime<Utc>,
) -> ContactDecision {
    decide(
        c,
        channel,
        c.consent(channel, purpose).filter(|k| k.at <= at),
    )
}

impl Workspace {
    /// May we contact `customer` on `channel` for `purpose` at `at`? See the
    /// [module documentation](crate::identity::consent) for the rule. The
    /// consent that applies is the latest decision at or before `at`, read
    /// from the customer's history, so past instants get the answer of their
    /// time.
    ///
    /// # Errors
    /// `not_found` for an unknown customer.
    pub fn may_contact(
        &self,
        customer: CustomerId,
        channel: Channel,
        purpose: Purpose,
        at: DateTime<Utc>,
    ) -> Result<ContactDecision> {
        let c = self.customer(customer)?;
        let current = c.consent(channel, purpose);
        if current.is_none_or(|k| k.at <= at) {
            return Ok(decide(c, channel, current));
        }
        // The latest decision is later than `at`: fold the history up to `at`.
        let pos = self.state.customer_ix.get(&c.id).copied().unwrap_or(0) as usize;
        let mut found: Option<&Consent> = None;
        for &i in self.state.timeline.get(pos).into_iter().flatten() {
            let ev = &self.log[i as usize];
            if ev.at > at {
                continue;
            }
            match &ev.payload {
                EventPayload::ConsentRecorded { consent }
                    if consent.channel == channel && consent.purpose == purpose =>
                {
                    found = Some(consent);
                }
                EventPayload::CustomersMerged(m) => {
                    found = m
                        .consents
                        .iter()
                        .find(|k| k.channel == channel && k.purpose == purpose);
                }
                _ => {}
            }
        }
        Ok(decide(c, channel, found))
    }
}
