//! Erasure of a customer's personal data ("right to be forgotten").
//!
//! `erase_customer` writes one `customer_erased` event. Applying it removes
//! the customer's personal data from the state (names, contact points,
//! attributes, tags, language, time zone, membership roles, consent sources)
//! and the free text of its records (interaction subjects and summaries,
//! complaint subjects, descriptions, messages and notes, opportunity titles,
//! purchase descriptions, referral notes, follow-up subjects and outcomes,
//! survey comments and text answers). It also redacts every earlier event
//! about the customer and its records in the workspace's log, so every later
//! export and snapshot holds no trace of them, and replaying the redacted log
//! rebuilds the same state.
//!
//! What stays: ids, times, states, channels, categories, priorities, agents,
//! scores, amounts and the consent decisions themselves, so the KPIs keep
//! their anonymous facts. Customers merged into the erased one are erased
//! with it (they are the same person).

use crate::customer::{ContactPoint, Customer, Names, PostalAddress};
use crate::error::{Error, Result};
use crate::event::{EntityRef, Event, EventPayload};
use crate::feedback::{AnswerValue, QuestionKind};
use crate::id::CustomerId;
use crate::workspace::State;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

type Pending = Vec<(EntityRef, EventPayload)>;

/// What erased text reads as.
pub const ERASED: &str = "[erased]";

/// Erases a customer's personal data (and that of the customers merged into it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EraseCustomer {
    /// The customer (an id merged earlier resolves to its survivor).
    pub customer: CustomerId,
}

pub(crate) fn decide_erase(state: &State, cmd: EraseCustomer) -> Result<Pending> {
    let c = state.customer(cmd.customer)?;
    if c.erased_at.is_some() {
        return Err(Error::InvalidTransition {
            entity: "customer",
            id: c.id.to_string(),
            action: "erase".into(),
            current: "erased".into(),
            allowed: Vec::new(),
        });
    }
    let merged = state
        .merge_group(c.id)
        .into_iter()
        .skip(1)
        .map(|p| state.customers[p as usize].id)
        .collect();
    Ok(vec![(
        EntityRef::Customer(c.id),
        EventPayload::CustomerErased { merged },
    )])
}

fn erase_opt(v: &mut Option<String>) {
    if v.is_some() {
        *v = None;
    }
}

fn erase_names(n: &mut Names) {
    *n = Names {
        full: ERASED.into(),
        ..Names::default()
    };
}

fn erase_customer_record(c: &mut Customer, at: DateTime<Utc>) {
    erase_names(&mut c.names);
    c.contacts.clear();
    c.attributes.clear();
    c.tags.clear();
    c.language = None;
    c.time_zone = None;
    for m in &mut c.memberships {
        m.role = None;
    }
    for k in &mut c.consents {
        k.source = ERASED.into();
    }
    c.erased_at = Some(at);
    c.updated_at = at;
}

/// Stable stand-ins for erased contact points in redacted events: the n-th
/// distinct point of the customer in the erasure with sequence `s` becomes
/// `erased-s-n@erased.invalid`, `+999` with `s` and `n` in 11 digits, and so
/// on, so a later removal still names what an earlier addition added.
/// Stand-ins are left as they are, so redacting twice changes nothing (a log
/// replayed after an erasure redacts itself again).
#[derive(Default)]
pub(crate) struct Pseudonyms {
    seq: u64,
    seen: Vec<ContactPoint>,
    /// Names the erased customers were known by (in their own events).
    names: Vec<String>,
    /// Contact points and names other customers hold too: theirs as well,
    /// so left in events about those customers.
    shared: Vec<ContactPoint>,
    shared_names: Vec<String>,
}

/// Whether a contact point is already an erasure stand-in.
fn is_stand_in(c: &ContactPoint) -> bool {
    match c {
        ContactPoint::Email { address, .. } => address.ends_with("@erased.invalid"),
        ContactPoint::Phone { number, .. } => number.starts_with("+999"),
        ContactPoint::Address { address, .. } => {
            address.lines.first().is_some_and(|l| l.starts_with(ERASED))
        }
        ContactPoint::Social { handle, .. } => handle.starts_with("erased-"),
    }
}

impl Pseudonyms {
    pub(crate) fn new(seq: u64) -> Self {
        Self {
            seq,
            seen: Vec::new(),
            names: Vec::new(),
            shared: Vec::new(),
            shared_names: Vec::new(),
        }
    }

    /// Contact points and names held by customers outside the erased group.
    pub(crate) fn shared_with_others(&mut self, points: Vec<ContactPoint>, names: Vec<String>) {
        self.shared = points;
        self.shared_names = names;
    }

    fn lent_name(&self, n: &str) -> bool {
        self.names.iter().any(|x| x == n) && !self.shared_names.iter().any(|x| x == n)
    }

    /// The stand-in of `c` if it is one of the erased customers' points
    /// that no other customer holds.
    fn known(&mut self, c: &ContactPoint) -> Option<ContactPoint> {
        (is_stand_in(c)
            || (self.seen.iter().any(|x| x.same_point(c))
                && !self.shared.iter().any(|x| x.same_point(c))))
        .then(|| self.contact(c))
    }

    fn saw_names(&mut self, n: &Names) {
        let parts = [
            Some(&n.full),
            n.given.as_ref(),
            n.family.as_ref(),
            n.display.as_ref(),
        ];
        for p in parts.into_iter().flatten() {
            if p != ERASED && !self.names.contains(p) {
                self.names.push(p.clone());
            }
        }
    }

    fn contact(&mut self, c: &ContactPoint) -> ContactPoint {
        if is_stand_in(c) {
            return c.clone();
        }
        let n = match self.seen.iter().position(|x| x.same_point(c)) {
            Some(i) => i + 1,
            None => {
                self.seen.push(c.clone());
                self.seen.len()
            }
        };
        let s = self.seq;
        match c {
            ContactPoint::Email { .. } => ContactPoint::Email {
                address: format!("erased-{s}-{n}@erased.invalid"),
                label: None,
            },
            ContactPoint::Phone { .. } => ContactPoint::Phone {
                number: format!("+999{:05}{:06}", s % 100_000, n % 1_000_000),
                label: None,
            },
            ContactPoint::Address { .. } => ContactPoint::Address {
                address: Box::new(PostalAddress {
                    lines: vec![format!("{ERASED} {s}-{n}")],
                    ..PostalAddress::default()
                }),
                label: None,
            },
            ContactPoint::Social { network, .. } => ContactPoint::Social {
                network: *network,
                handle: format!("erased-{s}-{n}"),
                label: None,
            },
        }
    }
}

fn erase_text_answers(answers: &mut BTreeMap<String, AnswerValue>, text_keys: &[String]) {
    for (k, v) in answers.iter_mut() {
        if text_keys.contains(k) {
            *v = AnswerValue::Text(ERASED.into());
        }
    }
}

/// Redacts one event about an erased customer or one of its records.
/// `erased` tells whether a customer id belongs to the erased group. A merge
/// event naming customers outside the group (a merge later undone) keeps
/// their data and loses only the erased customers' names and contact points.
pub(crate) fn redact(
    ev: &mut Event,
    pseudo: &mut Pseudonyms,
    text_keys: &[String],
    erased: impl Fn(CustomerId) -> bool,
) {
    if let EntityRef::Customer(c) = ev.entity {
        if !erased(c) {
            redact_borrowed(ev, pseudo);
            return;
        }
    }
    match &mut ev.payload {
        EventPayload::CustomerRegistered(r) => {
            pseudo.saw_names(&r.names);
            erase_names(&mut r.names);
            r.contacts = r.contacts.iter().map(|c| pseudo.contact(c)).collect();
            r.attributes.clear();
            r.tags.clear();
            r.language = None;
            r.time_zone = None;
        }
        EventPayload::CustomerUpdated { changes } => {
            for n in [
                &changes.full_name,
                &changes.given_name.clone().flatten(),
                &changes.family_name.clone().flatten(),
                &changes.display_name.clone().flatten(),
            ]
            .into_iter()
            .flatten()
            {
                if n != ERASED && !pseudo.names.contains(n) {
                    pseudo.names.push(n.clone());
                }
            }
            if changes.full_name.is_some() {
                changes.full_name = Some(ERASED.into());
            }
            for f in [
                &mut changes.given_name,
                &mut changes.family_name,
                &mut changes.display_name,
                &mut changes.language,
                &mut changes.time_zone,
            ] {
                if f.is_some() {
                    *f = Some(None);
                }
            }
            changes.attributes.clear();
        }
        EventPayload::ContactPointAdded { contact }
        | EventPayload::ContactPointRemoved { contact } => {
            *contact = pseudo.contact(contact);
        }
        EventPayload::ConsentRecorded { consent } => consent.source = ERASED.into(),
        EventPayload::CustomerTagged { tags } | EventPayload::CustomerUntagged { tags } => {
            *tags = vec![ERASED.into()];
        }
        EventPayload::LifecycleChanged { reason, .. }
        | EventPayload::CustomerArchived { reason }
        | EventPayload::ComplaintStateChanged { reason, .. }
        | EventPayload::ComplaintReopened { reason } => erase_opt(reason),
        EventPayload::MembershipAdded { membership } => membership.role = None,
        EventPayload::InteractionLogged {
            subject, summary, ..
        } => {
            erase_opt(subject);
            erase_opt(summary);
        }
        EventPayload::ComplaintOpened(o) => {
            o.subject = ERASED.into();
            erase_opt(&mut o.description);
        }
        EventPayload::ComplaintUpdated { changes } => {
            if changes.subject.is_some() {
                changes.subject = Some(ERASED.into());
            }
            if changes.description.is_some() {
                changes.description = Some(None);
            }
        }
        EventPayload::ComplaintMessageAdded(m) => m.body = ERASED.into(),
        EventPayload::ComplaintResolved {
            note, compensation, ..
        } => {
            erase_opt(note);
            for c in compensation {
                erase_opt(&mut c.note);
            }
        }
        EventPayload::ComplaintCancelled { note, .. } => erase_opt(note),
        EventPayload::OpportunityOpened(o) => o.title = ERASED.into(),
        EventPayload::OpportunityUpdated { changes } if changes.title.is_some() => {
            changes.title = Some(ERASED.into());
        }
        EventPayload::PurchaseRecorded(p) => erase_opt(&mut p.description),
        EventPayload::ReferralRecorded { note, .. } => erase_opt(note),
        EventPayload::ReferralRewarded { reward } => erase_opt(&mut reward.note),
        EventPayload::FollowUpScheduled(f) => f.subject = ERASED.into(),
        EventPayload::FollowUpCompleted { outcome } => erase_opt(outcome),
        EventPayload::FollowUpCancelled { reason } => *reason = ERASED.into(),
        EventPayload::SurveyAnswered(a) => {
            erase_opt(&mut a.comment);
            erase_text_answers(&mut a.answers, text_keys);
        }
        EventPayload::CustomersMerged(m) => {
            let whole = matches!(ev.entity, EntityRef::Customer(s) if erased(s))
                && m.merged.iter().all(|&x| erased(x));
            if whole {
                erase_names(&mut m.names);
                m.contacts = m.contacts.iter().map(|c| pseudo.contact(c)).collect();
                m.attributes.clear();
                m.tags.clear();
                m.language = None;
                m.time_zone = None;
                for k in &mut m.consents {
                    k.source = ERASED.into();
                }
                for x in &mut m.memberships {
                    x.role = None;
                }
                erase_opt(&mut m.reason);
            } else {
                let n = &m.names;
                let theirs = [
                    Some(&n.full),
                    n.given.as_ref(),
                    n.family.as_ref(),
                    n.display.as_ref(),
                ]
                .into_iter()
                .flatten()
                .any(|p| pseudo.names.contains(p));
                if theirs {
                    erase_names(&mut m.names);
                }
                for c in &mut m.contacts {
                    if let Some(x) = pseudo.known(c) {
                        *c = x;
                    }
                }
            }
        }
        _ => {}
    }
}

/// Redacts, in an event about a customer outside the erased group, only the
/// names and contact points that were the erased customers' (lent while they
/// were merged into it).
fn redact_borrowed(ev: &mut Event, pseudo: &mut Pseudonyms) {
    let theirs = |pseudo: &Pseudonyms, n: &Names| {
        [
            Some(&n.full),
            n.given.as_ref(),
            n.family.as_ref(),
            n.display.as_ref(),
        ]
        .into_iter()
        .flatten()
        .any(|p| pseudo.lent_name(p))
    };
    match &mut ev.payload {
        EventPayload::ContactPointAdded { contact }
        | EventPayload::ContactPointRemoved { contact } => {
            if let Some(x) = pseudo.known(contact) {
                *contact = x;
            }
        }
        EventPayload::CustomerUpdated { changes } => {
            let lent = |v: &Option<String>| v.as_ref().is_some_and(|n| pseudo.lent_name(n));
            if lent(&changes.full_name) {
                changes.full_name = Some(ERASED.into());
            }
            for f in [
                &mut changes.given_name,
                &mut changes.family_name,
                &mut changes.display_name,
            ] {
                if f.as_ref().is_some_and(lent) {
                    *f = Some(None);
                }
            }
        }
        EventPayload::CustomersMerged(m) => {
            if theirs(pseudo, &m.names) {
                erase_names(&mut m.names);
            }
            for c in &mut m.contacts {
                if let Some(x) = pseudo.known(c) {
                    *c = x;
                }
            }
        }
        _ => {}
    }
}

impl State {
    /// The positions of `id` and of every customer merged into it (not undone),
    /// `id` first.
    pub(crate) fn merge_group(&self, id: CustomerId) -> Vec<u32> {
        let Some(&root) = self.customer_ix.get(&id) else {
            return Vec::new();
        };
        let mut out = vec![root];
        let mut i = 0;
        while i < out.len() {
            let s = out[i];
            for m in self.merges.iter().filter(|m| !m.undone && m.survivor == s) {
                for &p in &m.merged {
                    if !out.contains(&p) {
                        out.push(p);
                    }
                }
            }
            i += 1;
        }
        out
    }

    /// The contact points and names that customers outside `group` hold.
    pub(crate) fn held_by_others(&self, group: &[u32]) -> (Vec<ContactPoint>, Vec<String>) {
        let mut points = Vec::new();
        let mut names = Vec::new();
        for (i, c) in self.customers.iter().enumerate() {
            if u32::try_from(i).is_ok_and(|p| group.contains(&p)) || c.erased_at.is_some() {
                continue;
            }
            points.extend(c.contacts.iter().cloned());
            let n = &c.names;
            names.extend(
                [
                    Some(&n.full),
                    n.given.as_ref(),
                    n.family.as_ref(),
                    n.display.as_ref(),
                ]
                .into_iter()
                .flatten()
                .cloned(),
            );
        }
        (points, names)
    }

    /// The keys of text questions of a survey (their answers are free text).
    pub(crate) fn text_question_keys(&self, survey: u32) -> Vec<String> {
        self.surveys
            .get(survey as usize)
            .and_then(|s| s.template.as_ref())
            .map(|t| {
                t.questions
                    .iter()
                    .filter(|q| q.kind == QuestionKind::Text)
                    .map(|q| q.key.clone())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Log positions to redact for an erasure of `group` (customer positions):
    /// their timelines and the histories of their complaints and opportunities;
    /// then, apart, the positions on the timelines of survivors they were
    /// merged into for a while (only their customer events are redacted).
    pub(crate) fn erasure_log_positions(&self, group: &[u32]) -> (Vec<u32>, Vec<u32>) {
        let mut out: Vec<u32> = Vec::new();
        let mut lent: Vec<u32> = Vec::new();
        for &p in group {
            out.extend(self.timeline.get(p as usize).into_iter().flatten());
            let id = self.customers[p as usize].id;
            for &c in self.complaints_by_customer.get(&id).into_iter().flatten() {
                out.extend(self.complaint_history.get(c as usize).into_iter().flatten());
            }
            for &o in self
                .opportunities_by_customer
                .get(&id)
                .into_iter()
                .flatten()
            {
                out.extend(
                    self.opportunity_history
                        .get(o as usize)
                        .into_iter()
                        .flatten(),
                );
            }
        }
        // A customer merged away for a while lent its names and contact
        // points to the survivor, which may have lent them on in turn: the
        // survivors' own events in those windows may repeat them (redacted
        // selectively: only what was the erased customers').
        // (customer, from, to): who held the erased customers' data when.
        let mut lenders: Vec<(u32, u32, u32)> = group.iter().map(|&p| (p, 0, u32::MAX)).collect();
        let mut done = vec![false; self.merges.len()];
        loop {
            let mut grew = false;
            for (i, m) in self.merges.iter().enumerate() {
                if done[i] || group.contains(&m.survivor) {
                    continue;
                }
                let Some(&(_, _, held_to)) = lenders.iter().find(|(c, from, to)| {
                    m.merged.contains(c) && (*from..=*to).contains(&m.log_pos)
                }) else {
                    continue;
                };
                done[i] = true;
                grew = true;
                let end = m.undone_at.unwrap_or(u32::MAX).min(held_to);
                lent.extend(
                    self.timeline
                        .get(m.survivor as usize)
                        .into_iter()
                        .flatten()
                        .copied()
                        .filter(|&p| p >= m.log_pos && p <= end),
                );
                lenders.push((m.survivor, m.log_pos, end));
            }
            if !grew {
                break;
            }
        }
        out.sort_unstable();
        out.dedup();
        lent.sort_unstable();
        lent.dedup();
        lent.retain(|p| out.binary_search(p).is_err());
        (out, lent)
    }

    /// Erases the personal data of `id` and the customers merged into it.
    pub(crate) fn apply_erase(&mut self, id: CustomerId, at: DateTime<Utc>, log_pos: u32) {
        let group = self.merge_group(id);
        for &pos in &group {
            let p = pos as usize;
            let contacts = std::mem::take(&mut self.customers[p].contacts);
            for c in &contacts {
                self.unindex_contact(pos, c);
            }
            for t in std::mem::take(&mut self.customers[p].tags) {
                if let Some(set) = self.by_tag.get_mut(&t) {
                    set.remove(&pos);
                    if set.is_empty() {
                        self.by_tag.remove(&t);
                    }
                }
            }
            erase_customer_record(&mut self.customers[p], at);
            self.search.update(pos, &self.customers[p]);
            for m in &mut self.merges {
                if m.survivor == pos || m.merged.contains(&pos) {
                    erase_customer_record(&mut m.before, at);
                    erase_customer_record(&mut m.after, at);
                    m.before.updated_at = at;
                }
            }
            self.erase_records(self.customers[p].id);
            if let Some(t) = self.timeline.get_mut(p) {
                t.push(log_pos);
            }
        }
    }

    fn erase_records(&mut self, id: CustomerId) {
        for &i in self.interactions_by_customer.get(&id).into_iter().flatten() {
            let x = &mut self.interactions[i as usize];
            erase_opt(&mut x.subject);
            erase_opt(&mut x.summary);
        }
        for &i in self.complaints_by_customer.get(&id).into_iter().flatten() {
            let x = &mut self.complaints[i as usize];
            x.subject = ERASED.into();
            erase_opt(&mut x.description);
            for m in &mut x.messages {
                m.body = ERASED.into();
            }
            for r in &mut x.resolutions {
                erase_opt(&mut r.note);
                for c in &mut r.compensation {
                    erase_opt(&mut c.note);
                }
            }
            if let Some(c) = &mut x.cancelled {
                erase_opt(&mut c.note);
            }
        }
        for &i in self
            .opportunities_by_customer
            .get(&id)
            .into_iter()
            .flatten()
        {
            self.opportunities[i as usize].title = ERASED.into();
        }
        for &i in self.purchases_by_customer.get(&id).into_iter().flatten() {
            erase_opt(&mut self.purchases[i as usize].description);
        }
        for &i in self.referrals_by_referrer.get(&id).into_iter().flatten() {
            erase_opt(&mut self.referrals[i as usize].note);
        }
        if let Some(&i) = self.referral_of.get(&id) {
            erase_opt(&mut self.referrals[i as usize].note);
        }
        for &i in self.follow_ups_by_customer.get(&id).into_iter().flatten() {
            let f = &mut self.follow_ups[i as usize];
            f.subject = ERASED.into();
            erase_opt(&mut f.outcome);
        }
        let surveys: Vec<u32> = self
            .surveys_by_customer
            .get(&id)
            .cloned()
            .unwrap_or_default();
        for i in surveys {
            let keys = self.text_question_keys(i);
            let s = &mut self.surveys[i as usize];
            erase_opt(&mut s.comment);
            erase_text_answers(&mut s.answers, &keys);
        }
    }
}
