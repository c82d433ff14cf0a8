//! Merge and unmerge: several records of one real customer become one.
//!
//! A merge picks each field of the survivor by a survivorship rule, unions
//! contact points, tags and memberships, keeps the most restrictive consent,
//! and moves every linked record (interactions, complaints, opportunities,
//! purchases, follow-ups, playbook runs, surveys, referrals, memberships of an
//! organisation) to the survivor. The merged customers stay in the state,
//! hidden, with `merged_into` set, so their ids keep resolving to the survivor.
//!
//! An unmerge undoes the latest merge into a survivor: the merged customers
//! come back as they were, their records move back, and each survivor field
//! the merge set returns to its value before the merge unless it was changed
//! since (a later edit wins over the restore).

use crate::customer::{Consent, ContactPoint, Customer, CustomerKind, Lifecycle, Membership};
use crate::error::{Error, Result};
use crate::event::{CustomersMerged, EntityRef, EventPayload};
use crate::id::CustomerId;
use crate::model::Channel;
use crate::text::normalize_text;
use crate::workspace::State;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

type Pending = Vec<(EntityRef, EventPayload)>;

/// How one field of the survivor is chosen among the merged records.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Survive {
    /// The survivor's value; when it has none, the first merged customer's
    /// (in the order given) that has one.
    #[default]
    Survivor,
    /// The value of the most recently updated customer that has one.
    MostRecent,
    /// The fullest value: names with the most parts (then the longest full
    /// name), the longest text, any value over none; for the lifecycle, the
    /// furthest stage (churned only when every record is churned).
    MostComplete,
}

/// Survivorship rules per field. Contact points, tags and memberships are
/// always unioned; consents always keep the most restrictive decision.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Survivorship {
    /// The rule of every field not named below.
    pub default: Survive,
    /// Names (full, given, family and display, kept together).
    pub names: Option<Survive>,
    /// Preferred channel.
    pub preferred_channel: Option<Survive>,
    /// Language.
    pub language: Option<Survive>,
    /// Time zone.
    pub time_zone: Option<Survive>,
    /// Owning agent.
    pub owner: Option<Survive>,
    /// Lifecycle stage.
    pub lifecycle: Option<Survive>,
    /// Tier.
    pub tier: Option<Survive>,
    /// Custom attributes: the union, and per key the value this rule picks.
    pub attributes: Option<Survive>,
}

/// Merges customers into a survivor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MergeCustomers {
    /// The customer that stays (an id merged earlier resolves to its survivor).
    pub survivor: CustomerId,
    /// The customers merged into it (at least one, none twice, not the survivor).
    pub merged: Vec<CustomerId>,
    /// Survivorship rules (the survivor's values, gaps filled, by default).
    #[serde(default)]
    pub rules: Survivorship,
    /// Why (recorded in the audit trail).
    #[serde(default)]
    pub reason: Option<String>,
}

/// Undoes the merge that absorbed `customer`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnmergeCustomers {
    /// A customer that was merged away.
    pub customer: CustomerId,
}

/// A record that a merge moved, by kind and position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Link {
    Interaction(u32),
    Complaint(u32),
    Opportunity(u32),
    Purchase(u32),
    FollowUp(u32),
    Run(u32),
    Survey(u32),
    Referrer(u32),
    Referred(u32),
    /// A person (position) whose membership of the merged organisation moved.
    Member(u32),
}

/// What a merge did, kept to undo it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct MergeRecord {
    pub survivor: u32,
    pub merged: Vec<u32>,
    pub log_pos: u32,
    pub before: Customer,
    pub after: Customer,
    /// Each moved record and the customer position it came from.
    pub moved: Vec<(Link, u32)>,
    /// Timeline positions the survivor gained from each merged customer.
    pub timeline: Vec<u32>,
    pub undone: bool,
    /// Log position of the unmerge, once undone.
    pub undone_at: Option<u32>,
}

fn refuse(c: &Customer, action: &str, current: &str, allowed: &[&str]) -> Error {
    Error::InvalidTransition {
        entity: "customer",
        id: c.id.to_string(),
        action: action.into(),
        current: current.into(),
        allowed: allowed.iter().map(|s| (*s).to_owned()).collect(),
    }
}

/// Refuses a customer that is erased, merged away or (for the survivor) archived.
fn check_live(state: &State, c: &Customer, survivor: bool) -> Result<()> {
    if c.erased_at.is_some() {
        return Err(refuse(c, "merge", "erased", &[]));
    }
    if let Some(into) = c.merged_into {
        return Err(Error::InvalidTransition {
            entity: "customer",
            id: c.id.to_string(),
            action: "merge".into(),
            current: format!("merged into {}", state.resolve(into)),
            allowed: vec!["unmerge".into()],
        });
    }
    if survivor && c.archived {
        return Err(refuse(c, "merge into", "archived", &["restore"]));
    }
    Ok(())
}

fn pick<'a, T>(
    rule: Survive,
    all: &[&'a Customer],
    get: impl Fn(&'a Customer) -> Option<T>,
    fuller: impl Fn(&T, &T) -> bool,
) -> Option<T> {
    let mut out: Option<(T, DateTime<Utc>)> = None;
    for c in all {
        let Some(v) = get(c) else { continue };
        out = match out {
            None => Some((v, c.updated_at)),
            Some(cur) => match rule {
                Survive::Survivor => Some(cur),
                Survive::MostRecent if c.updated_at > cur.1 => Some((v, c.updated_at)),
                Survive::MostComplete if fuller(&v, &cur.0) => Some((v, c.updated_at)),
                _ => Some(cur),
            },
        };
    }
    out.map(|(v, _)| v)
}

#[allow(clippy::ptr_arg)] // used as `fuller` for `String` values
fn longer(a: &String, b: &String) -> bool {
    a.chars().count() > b.chars().count()
}

fn never<T>(_: &T, _: &T) -> bool {
    false
}

fn stage_rank(l: Lifecycle) -> u8 {
    match l {
        Lifecycle::Churned => 0,
        Lifecycle::Lead => 1,
        Lifecycle::Prospect => 2,
        Lifecycle::Customer => 3,
        Lifecycle::Loyal => 4,
    }
}

/// The consent that wins: any withdrawal over grants; the latest among equals.
fn stricter(a: &Consent, b: &Consent) -> bool {
    match (a.granted, b.granted) {
        (false, true) => true,
        (true, false) => false,
        _ => a.at > b.at,
    }
}

/// The survivor's fields after survivorship over `all` (survivor first).
fn survive(all: &[&Customer], rules: &Survivorship) -> CustomersMerged {
    let r = |f: Option<Survive>| f.unwrap_or(rules.default);
    let names = pick(
        r(rules.names),
        all,
        |c| Some(c.names.clone()),
        |a, b| {
            let parts = |n: &crate::customer::Names| {
                usize::from(n.given.is_some())
                    + usize::from(n.family.is_some())
                    + usize::from(n.display.is_some())
            };
            (parts(a), a.full.chars().count()) > (parts(b), b.full.chars().count())
        },
    )
    .unwrap_or_default();
    let mut contacts: Vec<ContactPoint> = Vec::new();
    let mut tags: Vec<String> = Vec::new();
    let mut memberships: Vec<Membership> = Vec::new();
    let mut consents: BTreeMap<(Channel, crate::customer::Purpose), Consent> = BTreeMap::new();
    let mut keys: Vec<&String> = Vec::new();
    for c in all {
        for x in &c.contacts {
            if !contacts.iter().any(|y| y.same_point(x)) {
                contacts.push(x.clone());
            }
        }
        tags.extend(c.tags.iter().cloned());
        for m in &c.memberships {
            if !memberships.iter().any(|y| y.organization == m.organization) {
                memberships.push(m.clone());
            }
        }
        for k in &c.consents {
            let slot = consents
                .entry((k.channel, k.purpose))
                .or_insert_with(|| k.clone());
            if stricter(k, slot) {
                *slot = k.clone();
            }
        }
        keys.extend(c.attributes.keys());
    }
    tags.sort();
    tags.dedup();
    keys.sort();
    keys.dedup();
    let attr_rule = r(rules.attributes);
    let attributes = keys
        .into_iter()
        .filter_map(|k| {
            pick(attr_rule, all, |c| c.attributes.get(k).cloned(), never).map(|v| (k.clone(), v))
        })
        .collect();
    let lifecycle = pick(
        r(rules.lifecycle),
        all,
        |c| Some(c.lifecycle),
        |a, b| stage_rank(*a) > stage_rank(*b),
    )
    .unwrap_or_default();
    CustomersMerged {
        merged: all.iter().skip(1).map(|c| c.id).collect(),
        names,
        contacts,
        preferred_channel: pick(
            r(rules.preferred_channel),
            all,
            |c| c.preferred_channel,
            never,
        ),
        language: pick(r(rules.language), all, |c| c.language.clone(), longer),
        time_zone: pick(r(rules.time_zone), all, |c| c.time_zone.clone(), longer),
        tags,
        attributes,
        owner: pick(r(rules.owner), all, |c| c.owner, never),
        lifecycle,
        tier: pick(r(rules.tier), all, |c| c.tier.clone(), longer),
        consents: consents.into_values().collect(),
        memberships,
        reason: None,
    }
}

pub(crate) fn decide_merge(state: &State, cmd: MergeCustomers) -> Result<Pending> {
    let survivor = state.customer(cmd.survivor)?;
    check_live(state, survivor, true)?;
    if cmd.merged.is_empty() {
        return Err(Error::invalid_input(
            "merged",
            "[]",
            "name at least one customer to merge into the survivor",
        ));
    }
    let mut all: Vec<&Customer> = vec![survivor];
    for &id in &cmd.merged {
        let c = state.customer_raw(id)?;
        if c.id == survivor.id || state.resolve(id) == survivor.id {
            return Err(Error::invalid_input(
                "merged",
                id.to_string(),
                if c.id == survivor.id {
                    "a customer cannot be merged into itself"
                } else {
                    "this customer is already merged into the survivor"
                },
            ));
        }
        if all.iter().any(|x| x.id == id) {
            return Err(Error::invalid_input(
                "merged",
                id.to_string(),
                "this customer is named twice",
            ));
        }
        check_live(state, c, false)?;
        if c.kind != survivor.kind {
            return Err(Error::invalid_input(
                "merged",
                id.to_string(),
                "a person and an organisation cannot be merged",
            ));
        }
        if survivor.kind == CustomerKind::Person
            && (c.memberships.iter().any(|m| m.organization == survivor.id)
                || survivor.memberships.iter().any(|m| m.organization == c.id))
        {
            return Err(Error::invalid_input(
                "merged",
                id.to_string(),
                "a member and its organisation cannot be merged",
            ));
        }
        all.push(c);
    }
    let mut result = survive(&all, &cmd.rules);
    result.reason = cmd
        .reason
        .as_deref()
        .map(|r| normalize_text("reason", r, 1000))
        .transpose()?;
    Ok(vec![(
        EntityRef::Customer(survivor.id),
        EventPayload::CustomersMerged(Box::new(result)),
    )])
}

pub(crate) fn decide_unmerge(state: &State, cmd: UnmergeCustomers) -> Result<Pending> {
    let c = state.customer_raw(cmd.customer)?;
    let Some(&pos) = state.customer_ix.get(&c.id) else {
        return Err(Error::not_found(CustomerId::ENTITY, cmd.customer));
    };
    let Some(m) = state
        .merges
        .iter()
        .rev()
        .find(|m| !m.undone && m.merged.contains(&pos))
    else {
        return Err(refuse(
            c,
            "unmerge",
            if c.erased_at.is_some() {
                "erased"
            } else {
                "not merged"
            },
            &["merge"],
        ));
    };
    let survivor = &state.customers[m.survivor as usize];
    if survivor.erased_at.is_some() {
        return Err(refuse(survivor, "unmerge", "erased", &[]));
    }
    if survivor.merged_into.is_some() {
        return Err(Error::InvalidTransition {
            entity: "customer",
            id: survivor.id.to_string(),
            action: format!("unmerge {}", c.id),
            current: format!(
                "merged into {}; undo that merge first",
                state.resolve(survivor.id)
            ),
            allowed: vec!["unmerge".into()],
        });
    }
    if let Some(later) = state
        .merges
        .iter()
        .rev()
        .find(|x| !x.undone && x.survivor == m.survivor)
    {
        if later.log_pos != m.log_pos {
            let ids: Vec<String> = later
                .merged
                .iter()
                .map(|&p| state.customers[p as usize].id.to_string())
                .collect();
            return Err(Error::InvalidTransition {
                entity: "customer",
                id: survivor.id.to_string(),
                action: format!("unmerge {}", c.id),
                current: format!(
                    "merged later with {}; undo that merge first",
                    ids.join(", ")
                ),
                allowed: vec!["unmerge".into()],
            });
        }
    }
    Ok(vec![(
        EntityRef::Customer(survivor.id),
        EventPayload::CustomersUnmerged {
            merged: m
                .merged
                .iter()
                .map(|&p| state.customers[p as usize].id)
                .collect(),
        },
    )])
}

/// Moves the ids in `from`'s list under `key` to `to`'s, sorted.
fn move_list<K: std::hash::Hash + Eq + Copy>(
    map: &mut crate::workspace::state::Map<K, Vec<u32>>,
    from: K,
    to: K,
    only: impl Fn(u32) -> bool,
) -> Vec<u32> {
    let Some(list) = map.get_mut(&from) else {
        return Vec::new();
    };
    let (moving, staying): (Vec<u32>, Vec<u32>) = list.iter().partition(|&&p| only(p));
    if staying.is_empty() {
        map.remove(&from);
    } else {
        *list = staying;
    }
    if !moving.is_empty() {
        let dst = map.entry(to).or_default();
        dst.extend(&moving);
        dst.sort_unstable();
        dst.dedup();
    }
    moving
}

impl State {
    /// The id `id` resolves to: itself, or the survivor it was merged into.
    pub(crate) fn resolve(&self, mut id: CustomerId) -> CustomerId {
        for _ in 0..64 {
            match self
                .customer_ix
                .get(&id)
                .and_then(|&p| self.customers[p as usize].merged_into)
            {
                Some(next) => id = next,
                None => break,
            }
        }
        id
    }

    /// The customer record under exactly this id (no resolution).
    pub(crate) fn customer_raw(&self, id: CustomerId) -> Result<&Customer> {
        self.customer_ix
            .get(&id)
            .map(|&p| &self.customers[p as usize])
            .ok_or_else(|| Error::not_found(CustomerId::ENTITY, id))
    }

    /// Moves every record linked to customer `from` to `to` (positions),
    /// returning what moved; `only` restricts to the given links (unmerge).
    fn move_links(&mut self, from: u32, to: u32, only: Option<&[Link]>) -> Vec<(Link, u32)> {
        let fid = self.customers[from as usize].id;
        let tid = self.customers[to as usize].id;
        let keep = |l: Link| only.is_none_or(|o| o.contains(&l));
        let mut moved: Vec<(Link, u32)> = Vec::new();
        for p in move_list(&mut self.interactions_by_customer, fid, tid, |p| {
            keep(Link::Interaction(p))
        }) {
            self.interactions[p as usize].customer = tid;
            moved.push((Link::Interaction(p), from));
        }
        for p in move_list(&mut self.complaints_by_customer, fid, tid, |p| {
            keep(Link::Complaint(p))
        }) {
            self.complaints[p as usize].customer = tid;
            self.care_memo.forget(p as usize);
            moved.push((Link::Complaint(p), from));
        }
        for p in move_list(&mut self.opportunities_by_customer, fid, tid, |p| {
            keep(Link::Opportunity(p))
        }) {
            self.opportunities[p as usize].customer = tid;
            moved.push((Link::Opportunity(p), from));
        }
        for p in move_list(&mut self.purchases_by_customer, fid, tid, |p| {
            keep(Link::Purchase(p))
        }) {
            self.purchases[p as usize].customer = tid;
            moved.push((Link::Purchase(p), from));
        }
        for p in move_list(&mut self.follow_ups_by_customer, fid, tid, |p| {
            keep(Link::FollowUp(p))
        }) {
            self.follow_ups[p as usize].customer = Some(tid);
            moved.push((Link::FollowUp(p), from));
        }
        for p in move_list(&mut self.runs_by_customer, fid, tid, |p| keep(Link::Run(p))) {
            self.playbook_runs[p as usize].customer = tid;
            moved.push((Link::Run(p), from));
        }
        for p in move_list(&mut self.surveys_by_customer, fid, tid, |p| {
            keep(Link::Survey(p))
        }) {
            self.surveys[p as usize].customer = tid;
            moved.push((Link::Survey(p), from));
        }
        for p in move_list(&mut self.referrals_by_referrer, fid, tid, |p| {
            keep(Link::Referrer(p))
        }) {
            self.referrals[p as usize].referrer = tid;
            moved.push((Link::Referrer(p), from));
        }
        if let Some(&p) = self.referral_of.get(&fid) {
            if keep(Link::Referred(p)) && !self.referral_of.contains_key(&tid) {
                self.referral_of.remove(&fid);
                self.referral_of.insert(tid, p);
                self.referrals[p as usize].referred = tid;
                moved.push((Link::Referred(p), from));
            }
        }
        if self.customers[from as usize].kind == CustomerKind::Organization {
            let members: Vec<u32> = self
                .customers
                .iter()
                .enumerate()
                .filter(|(_, c)| c.memberships.iter().any(|m| m.organization == fid))
                .filter_map(|(i, _)| u32::try_from(i).ok())
                .filter(|&p| keep(Link::Member(p)))
                .collect();
            for p in members {
                let list = &mut self.customers[p as usize].memberships;
                if list.iter().any(|m| m.organization == tid) {
                    continue;
                }
                for m in list.iter_mut().filter(|m| m.organization == fid) {
                    m.organization = tid;
                }
                moved.push((Link::Member(p), from));
            }
        }
        self.forget_customer_outcomes(tid);
        moved
    }

    /// Sets the survivor's record fields to `v`, keeping the indexes current.
    fn set_fields(&mut self, pos: u32, v: &Customer) {
        let p = pos as usize;
        let old = std::mem::replace(&mut self.customers[p], v.clone());
        for c in &old.contacts {
            self.unindex_contact(pos, c);
        }
        for t in &old.tags {
            if let Some(set) = self.by_tag.get_mut(t) {
                set.remove(&pos);
                if set.is_empty() {
                    self.by_tag.remove(t);
                }
            }
        }
        for c in &v.contacts {
            self.reindex_contact(pos, c);
        }
        for t in &v.tags {
            self.by_tag.entry(t.clone()).or_default().insert(pos);
        }
        let tier = self.tier_id(v.tier.as_deref());
        if let Some(t) = self.customer_tier.get_mut(p) {
            *t = tier;
        }
        self.search.update(pos, &self.customers[p]);
    }

    /// Hides a merged (or brings back an unmerged) customer from the indexes.
    fn set_hidden(&mut self, pos: u32, into: Option<CustomerId>) {
        let p = pos as usize;
        self.customers[p].merged_into = into;
        let contacts = self.customers[p].contacts.clone();
        let tags = self.customers[p].tags.clone();
        for c in &contacts {
            if into.is_some() {
                self.unindex_contact(pos, c);
            } else {
                self.reindex_contact(pos, c);
            }
        }
        for t in &tags {
            if into.is_some() {
                if let Some(set) = self.by_tag.get_mut(t) {
                    set.remove(&pos);
                    if set.is_empty() {
                        self.by_tag.remove(t);
                    }
                }
            } else {
                self.by_tag.entry(t.clone()).or_default().insert(pos);
            }
        }
        self.search.update(pos, &self.customers[p]);
    }

    pub(crate) fn apply_merge(
        &mut self,
        survivor: CustomerId,
        ev: &CustomersMerged,
        at: DateTime<Utc>,
        log_pos: u32,
    ) {
        let Some(&spos) = self.customer_ix.get(&survivor) else {
            return;
        };
        let before = self.customers[spos as usize].clone();
        let mut after = before.clone();
        after.names = ev.names.clone();
        after.contacts = ev.contacts.clone();
        after.preferred_channel = ev.preferred_channel;
        after.language = ev.language.clone();
        after.time_zone = ev.time_zone.clone();
        after.tags = ev.tags.clone();
        after.attributes = ev.attributes.clone();
        after.owner = ev.owner;
        after.lifecycle = ev.lifecycle;
        after.tier = ev.tier.clone();
        after.consents = ev.consents.clone();
        after.memberships = ev.memberships.clone();
        after.updated_at = at;
        let mut merged = Vec::with_capacity(ev.merged.len());
        let mut moved = Vec::new();
        let mut gained = Vec::new();
        for id in &ev.merged {
            let Some(&mpos) = self.customer_ix.get(id) else {
                continue;
            };
            self.set_hidden(mpos, Some(survivor));
            moved.extend(self.move_links(mpos, spos, None));
            gained.extend(self.timeline[mpos as usize].iter().copied());
            merged.push(mpos);
        }
        self.set_fields(spos, &after);
        let t = &mut self.timeline[spos as usize];
        gained.retain(|p| t.binary_search(p).is_err());
        gained.sort_unstable();
        gained.dedup();
        t.extend(&gained);
        t.sort_unstable();
        t.push(log_pos);
        for &m in &merged {
            self.timeline[m as usize].push(log_pos);
        }
        self.merges.push(MergeRecord {
            survivor: spos,
            merged,
            log_pos,
            before,
            after,
            moved,
            timeline: gained,
            undone: false,
            undone_at: None,
        });
    }

    pub(crate) fn apply_unmerge(&mut self, survivor: CustomerId, at: DateTime<Utc>, log_pos: u32) {
        let Some(&spos) = self.customer_ix.get(&survivor) else {
            return;
        };
        let Some(ix) = self
            .merges
            .iter()
            .rposition(|m| !m.undone && m.survivor == spos)
        else {
            return;
        };
        self.merges[ix].undone = true;
        self.merges[ix].undone_at = Some(log_pos);
        let rec = self.merges[ix].clone();
        // An undone merge is never read again: keep no copy of personal data.
        forget(&mut self.merges[ix].before);
        forget(&mut self.merges[ix].after);
        // Records move back to where they came from, if still on the survivor.
        for &mpos in &rec.merged {
            let links: Vec<Link> = rec
                .moved
                .iter()
                .filter(|(_, from)| *from == mpos)
                .map(|(l, _)| *l)
                .collect();
            self.move_links(spos, mpos, Some(&links));
            self.set_hidden(mpos, None);
        }
        let restored = restore(&self.customers[spos as usize], &rec.before, &rec.after, at);
        self.set_fields(spos, &restored);
        // Timeline: what came with the merged customers goes; so do later
        // events of the records that moved back.
        let t = &mut self.timeline[spos as usize];
        t.retain(|p| rec.timeline.binary_search(p).is_err());
        for (l, from) in &rec.moved {
            let history = match l {
                Link::Complaint(p) => self.complaint_history.get(*p as usize),
                Link::Opportunity(p) => self.opportunity_history.get(*p as usize),
                _ => None,
            };
            let Some(h) = history else { continue };
            let later: Vec<u32> = h.iter().copied().filter(|&x| x > rec.log_pos).collect();
            if later.is_empty() {
                continue;
            }
            self.timeline[spos as usize].retain(|x| !later.contains(x));
            let mt = &mut self.timeline[*from as usize];
            mt.extend(later);
            mt.sort_unstable();
            mt.dedup();
        }
        self.timeline[spos as usize].push(log_pos);
        for &m in &rec.merged {
            self.timeline[m as usize].push(log_pos);
        }
    }
}

/// A list after an unmerge: what the survivor had before the merge, less
/// what was removed since the merge, plus what was added or changed since
/// (`same` tells two entries for the same thing).
fn restore_list<T: Clone + PartialEq>(
    now: &[T],
    before: &[T],
    after: &[T],
    same: impl Fn(&T, &T) -> bool,
) -> Vec<T> {
    let removed: Vec<&T> = after
        .iter()
        .filter(|a| !now.iter().any(|n| same(a, n)))
        .collect();
    let changed: Vec<&T> = now.iter().filter(|n| !after.contains(n)).collect();
    let mut out: Vec<T> = before
        .iter()
        .filter(|b| !removed.iter().any(|r| same(b, r)) && !changed.iter().any(|c| same(b, c)))
        .cloned()
        .collect();
    for c in changed {
        if !out.iter().any(|o| same(o, c)) {
            out.push(c.clone());
        }
    }
    out
}

/// Drops the personal data of a copy kept for an unmerge that happened.
fn forget(c: &mut Customer) {
    c.names = crate::customer::Names::default();
    c.contacts = Vec::new();
    c.attributes = BTreeMap::new();
    c.tags = Vec::new();
    c.language = None;
    c.time_zone = None;
    c.consents = Vec::new();
    c.memberships = Vec::new();
}

/// The survivor after an unmerge: each field the merge set goes back to its
/// value before, unless it changed since the merge.
fn restore(now: &Customer, before: &Customer, after: &Customer, at: DateTime<Utc>) -> Customer {
    fn back<T: Clone + PartialEq>(now: &T, before: &T, after: &T) -> T {
        if now == after {
            before.clone()
        } else {
            now.clone()
        }
    }
    if now == after {
        return before.clone();
    }
    let mut out = now.clone();
    out.names = back(&now.names, &before.names, &after.names);
    out.preferred_channel = back(
        &now.preferred_channel,
        &before.preferred_channel,
        &after.preferred_channel,
    );
    out.language = back(&now.language, &before.language, &after.language);
    out.time_zone = back(&now.time_zone, &before.time_zone, &after.time_zone);
    out.owner = back(&now.owner, &before.owner, &after.owner);
    out.lifecycle = back(&now.lifecycle, &before.lifecycle, &after.lifecycle);
    out.tier = back(&now.tier, &before.tier, &after.tier);
    // Contacts, tags and memberships: drop what the merge brought, keep later additions.
    out.contacts = restore_list(
        &now.contacts,
        &before.contacts,
        &after.contacts,
        ContactPoint::same_point,
    );
    out.tags = restore_list(&now.tags, &before.tags, &after.tags, |a, b| a == b);
    out.memberships = restore_list(
        &now.memberships,
        &before.memberships,
        &after.memberships,
        |a, b| a.organization == b.organization,
    );
    // Consents and attributes, per key.
    let mut consents: Vec<Consent> = Vec::new();
    for c in &now.consents {
        let same_key = |x: &&Consent| x.channel == c.channel && x.purpose == c.purpose;
        let a = after.consents.iter().find(same_key);
        if a == Some(c) {
            if let Some(b) = before.consents.iter().find(same_key) {
                consents.push(b.clone());
            }
        } else {
            consents.push(c.clone());
        }
    }
    out.consents = consents;
    let mut attributes = now.attributes.clone();
    for (k, v) in &after.attributes {
        if now.attributes.get(k) == Some(v) {
            match before.attributes.get(k) {
                Some(b) => attributes.insert(k.clone(), b.clone()),
                None => attributes.remove(k),
            };
        }
    }
    out.attributes = attributes;
    // Untouched since the merge: exactly as before (order included).
    if now.tags == after.tags {
        out.tags.clone_from(&before.tags);
    }
    if now.memberships == after.memberships {
        out.memberships.clone_from(&before.memberships);
    }
    if now.consents == after.consents {
        out.consents.clone_from(&before.consents);
    }
    if now.attributes == after.attributes {
        out.attributes.clone_from(&before.attributes);
    }
    out.updated_at = if now.updated_at == after.updated_at {
        before.updated_at
    } else {
        at
    };
    out
}

impl State {
    /// Validates a merge event read from outside.
    pub(crate) fn check_merge(
        &self,
        survivor: &Customer,
        m: &CustomersMerged,
    ) -> Result<(), String> {
        if survivor.erased_at.is_some() {
            return Err(format!(
                "customer {} is erased and cannot absorb others",
                survivor.id
            ));
        }
        if m.names.full.trim().is_empty() {
            return Err("the merged full name is empty".into());
        }
        if m.merged.is_empty() {
            return Err("a merge names no merged customer".into());
        }
        for (i, id) in m.merged.iter().enumerate() {
            let c = self
                .customer_raw(*id)
                .map_err(|_| format!("merged customer {id} is not registered"))?;
            if c.id == survivor.id || m.merged[..i].contains(id) {
                return Err(format!("customer {id} is merged twice or into itself"));
            }
            if c.merged_into.is_some() || c.erased_at.is_some() {
                return Err(format!("customer {id} is already merged or erased"));
            }
            if c.kind != survivor.kind {
                return Err("a person and an organisation cannot be merged".into());
            }
        }
        for c in &m.contacts {
            match c {
                ContactPoint::Phone { number, .. } if !crate::text::is_e164(number) => {
                    return Err(format!("phone {number:?} is not in E.164 form"));
                }
                ContactPoint::Email { address, .. }
                    if crate::text::normalize_email("email", address)
                        .ok()
                        .as_deref()
                        != Some(address.as_str()) =>
                {
                    return Err(format!("email {address:?} is not a normalised address"));
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// Validates an unmerge event read from outside.
    pub(crate) fn check_unmerge(
        &self,
        survivor: &Customer,
        merged: &[CustomerId],
    ) -> Result<(), String> {
        let Some(&spos) = self.customer_ix.get(&survivor.id) else {
            return Err(format!("customer {} is not registered", survivor.id));
        };
        let latest = self
            .merges
            .iter()
            .rev()
            .find(|m| !m.undone && m.survivor == spos)
            .ok_or_else(|| format!("customer {} has no merge to undo", survivor.id))?;
        let ids: Vec<CustomerId> = latest
            .merged
            .iter()
            .map(|&p| self.customers[p as usize].id)
            .collect();
        if ids != merged {
            return Err("an unmerge must undo the latest merge into the survivor".into());
        }
        if survivor.erased_at.is_some() {
            return Err(format!("customer {} is erased", survivor.id));
        }
        Ok(())
    }
}
