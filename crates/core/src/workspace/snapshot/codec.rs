//! The compact binary codec of snapshot bodies.
//!
//! Not self-describing: a body is only read by the build that wrote it (the
//! header carries the core version and a fingerprint of this layout, see
//! [`layout`]). Integers are LEB128 varints (signed ones zigzagged), strings
//! are a length and UTF-8 bytes, options a 0/1 byte, sequences a length and
//! their items, enums a tag byte, ids their 16 bytes, times seconds and
//! nanoseconds. Hash maps are written in key order, so the same state gives
//! the same bytes whatever the maps' insertion history.
//!
//! Records with many instances (customers, interactions, complaints, ...)
//! are written field by field through [`structs!`] and [`enums!`], whose
//! destructuring makes a forgotten field or variant a compile error. Settings
//! that exist a few times per workspace (pipelines, policies, playbooks,
//! survey templates, recurrence rules) are written as their JSON (they are
//! event payloads, so their JSON round trip is already guaranteed).
//!
//! Reading never panics: every length is checked against the bytes left
//! (every value takes at least one byte), every tag and every string.

use crate::agent::Agent;
use crate::complaint::{
    Author, CancelReason, Cancellation, Compensation, CompensationKind, Complaint,
    ComplaintSettings, ComplaintState, EscalationTrigger, Mark, Message, Priority, Resolution,
};
use crate::customer::{
    Consent, ContactPoint, Customer, CustomerKind, Lifecycle, Membership, Names, PostalAddress,
    Purpose,
};
use crate::feedback::{
    AnswerValue, FeedbackSettings, Survey, SurveyKind, SurveyLink, SurveyStatus, SurveyTemplate,
};
use crate::followup::recurrence::RecurrenceSpec;
use crate::followup::{FollowUp, FollowUpKind, FollowUpLinks, FollowUpStatus};
use crate::id::{
    AgentId, ComplaintId, CustomerId, EventId, FollowUpId, InteractionId, OpportunityId,
    PlaybookRunId, PurchaseId, ReferralId, SurveyId,
};
use crate::identity::merge::{Link, MergeRecord};
use crate::interaction::{Direction, Interaction};
use crate::journey::{
    LoyaltySettings, Opportunity, Pipeline, PlannedStep, Playbook, PlaybookRun, Purchase,
    PurchaseItem, Referral, ReferralStatus, RunEnd, RunStatus, Source, StageKind, StepKind,
};
use crate::kpi::facts::CareFacts;
use crate::model::{Actor, AttrValue, Channel, Money, Network};
use crate::sla::{Calendar, CalendarSpec, Metric, SlaPolicy, TriggerOn};
use crate::workspace::state::{CustomerFacts, Holders};
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::Hash;

/// Why a body could not be read (becomes `Error::CorruptSnapshot`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Bad(pub String);

/// The result of reading.
pub(crate) type Res<T> = std::result::Result<T, Bad>;

/// Appends encoded values.
#[derive(Debug, Default)]
pub(crate) struct Writer {
    pub buf: Vec<u8>,
}

impl Writer {
    pub fn byte(&mut self, b: u8) {
        self.buf.push(b);
    }

    pub fn varint(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.buf.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.buf.push(v as u8);
    }

    pub fn len(&mut self, n: usize) {
        self.varint(n as u64);
    }

    pub fn bytes(&mut self, b: &[u8]) {
        self.buf.extend_from_slice(b);
    }
}

/// Reads encoded values from a byte slice.
#[derive(Debug)]
pub(crate) struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub fn new(buf: &'a [u8]) -> Self {
        Self { buf, pos: 0 }
    }

    /// An error naming the current position.
    pub fn bad(&self, what: impl std::fmt::Display) -> Bad {
        Bad(format!("{what} (body byte {})", self.pos))
    }

    pub fn remaining(&self) -> usize {
        self.buf.len() - self.pos
    }

    pub fn byte(&mut self) -> Res<u8> {
        let b = *self
            .buf
            .get(self.pos)
            .ok_or_else(|| self.bad("unexpected end of data"))?;
        self.pos += 1;
        Ok(b)
    }

    pub fn varint(&mut self) -> Res<u64> {
        let mut out = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            if shift == 63 && b > 1 {
                return Err(self.bad("integer overflow"));
            }
            out |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(out);
            }
        }
        Err(self.bad("integer too long"))
    }

    /// A length of a sequence whose items take at least one byte each.
    pub fn len(&mut self) -> Res<usize> {
        let n = self.varint()?;
        match usize::try_from(n) {
            Ok(n) if n <= self.remaining() => Ok(n),
            _ => Err(self.bad(format!("length {n} beyond the data"))),
        }
    }

    /// The capacity to reserve for `n` items of `T`: at most 64 MB up front
    /// (a damaged length then fails at the end of the data, not in the
    /// allocator; honest larger sequences grow as they are read).
    pub fn capacity<T>(n: usize) -> usize {
        n.min((64 << 20) / std::mem::size_of::<T>().max(1))
    }

    pub fn take(&mut self, n: usize) -> Res<&'a [u8]> {
        if n > self.remaining() {
            return Err(self.bad("unexpected end of data"));
        }
        let out = &self.buf[self.pos..self.pos + n];
        self.pos += n;
        Ok(out)
    }

    pub fn tag(&self, what: &str, tag: u8) -> Bad {
        self.bad(format!("unknown {what} tag {tag}"))
    }
}

/// A value of the snapshot body.
pub(crate) trait Snap: Sized {
    fn put(&self, w: &mut Writer);
    fn get(r: &mut Reader<'_>) -> Res<Self>;
    /// Appends a description of the layout (for the layout fingerprint).
    fn shape(out: &mut String);
}

/// The shape of a field, from an accessor (its type is inferred).
pub(crate) fn shape_of<S, T: Snap, F: Fn(&S) -> &T>(_: F, out: &mut String) {
    T::shape(out);
}

/// A fingerprint of the whole body layout: FNV-1a of `T`'s shape.
pub(crate) fn layout<T: Snap>() -> u64 {
    let mut s = String::new();
    T::shape(&mut s);
    s.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

// ----- primitives -----

impl Snap for bool {
    fn put(&self, w: &mut Writer) {
        w.byte(u8::from(*self));
    }
    fn get(r: &mut Reader<'_>) -> Res<Self> {
        match r.byte()? {
            0 => Ok(false),
            1 => Ok(true),
            t => Err(r.tag("bool", t)),
        }
    }
    fn shape(out: &mut String) {
        out.push_str("bool");
    }
}

impl Snap for u8 {
    fn put(&self, w: &mut Writer) {
        w.byte(*self);
    }
    fn get(r: &mut Reader<'_>) -> Res<Self> {
        r.byte()
    }
    fn shape(out: &mut String) {
        out.push_str("u8");
    }
}

macro_rules! unsigned {
    ($($t:ty),*) => {$(
        impl Snap for $t {
            fn put(&self, w: &mut Writer) {
                w.varint(u64::from(*self));
            }
            fn get(r: &mut Reader<'_>) -> Res<Self> {
                let v = r.varint()?;
                <$t>::try_from(v).map_err(|_| r.bad(format!("{v} out of range")))
            }
            fn shape(out: &mut String) {
                out.push_str(stringify!($t));
            }
        }
    )*};
}
unsigned!(u16, u32, u64);

impl Snap for i64 {
    fn put(&self, w: &mut Writer) {
        w.varint(((*self << 1) ^ (*self >> 63)) as u64);
    }
    fn get(r: &mut Reader<'_>) -> Res<Self> {
        let v = r.varint()?;
        Ok(((v >> 1) as i64) ^ -((v & 1) as i64))
    }
    fn shape(out: &mut String) {
        out.push_str("i64");
    }
}

impl Snap for f64 {
    fn put(&self, w: &mut Writer) {
        w.bytes(&self.to_bits().to_le_bytes());
    }
    fn get(r: &mut Reader<'_>) -> Res<Self> {
        let b = r.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(f64::from_bits(u64::from_le_bytes(a)))
    }
    fn shape(out: &mut String) {
        out.push_str("f64");
    }
}

fn read_str<'a>(r: &mut Reader<'a>) -> Res<&'a str> {
    let n = r.len()?;
    let b = r.take(n)?;
    std::str::from_utf8(b).map_err(|_| r.bad("text is not UTF-8"))
}

impl Snap for String {
    fn put(&self, w: &mut Writer) {
        w.len(self.len());
        w.bytes(self.as_bytes());
    }
    fn get(r: &mut Reader<'_>) -> Res<Self> {
        read_str(r).map(str::to_owned)
    }
    fn shape(out: &mut String) {
        out.push_str("str");
    }
}

impl Snap for Box<str> {
    fn put(&self, w: &mut Writer) {
        w.len(self.len());
        w.bytes(self.as_bytes());
    }
    fn get(r: &mut Reader<'_>) -> Res<Self> {
        read_str(r).map(Box::from)
    }
    fn shape(out: &mut String) {
        out.push_str("str");
    }
}

impl<T: Snap> Snap for Box<T> {
    fn put(&self, w: &mut Writer) {
        (**self).put(w);
    }
    fn get(r: &mut Reader<'_>) -> Res<Self> {
        T::get(r).map(Box::new)
    }
    fn shape(out: &mut String) {
        T::shape(out);
    }
}

impl<T: Snap> Snap for Option<T> {
    fn put(&self, w: &mut Writer) {
        match self {
            None => w.byte(0),
            Some(v) => {
                w.byte(1);
                v.put(w);
            }
        }
    }
    fn get(r: &mut Reader<'_>) -> Res<Self> {
        match r.byte()? {
            0 => Ok(None),
            1 => T::get(r).map(Some),
            t => Err(r.tag("option", t)),
        }
    }
    fn shape(out: &mut String) {
        out.push('?');
        T::shape(out);
    }
}

impl<T: Snap> Snap for Vec<T> {
    fn put(&self, w: &mut Writer) {
        w.len(self.len());
        for v in self {
            v.put(w);
        }
    }
    fn get(r: &mut Reader<'_>) -> Res<Self> {
        let n = r.len()?;
        let mut out = Vec::with_capacity(Reader::capacity::<T>(n));
        for _ in 0..n {
            out.push(T::get(r)?);
        }
        Ok(out)
    }
    fn shape(out: &mut String) {
        out.push('[');
        T::shape(out);
        out.push(']');
    }
}

impl Snap for Box<[u32]> {
    fn put(&self, w: &mut Writer) {
        w.len(self.len());
        for v in self.iter() {
            v.put(w);
        }
    }
    fn get(r: &mut Reader<'_>) -> Res<Self> {
        Vec::<u32>::get(r).map(Vec::into_boxed_slice)
    }
    fn shape(out: &mut String) {
        out.push_str("[u32]");
    }
}

impl Snap for [u8; 16] {
    fn put(&self, w: &mut Writer) {
        w.bytes(self);
    }
    fn get(r: &mut Reader<'_>) -> Res<Self> {
        let mut a = [0u8; 16];
        a.copy_from_slice(r.take(16)?);
        Ok(a)
    }
    fn shape(out: &mut String) {
        out.push_str("b16");
    }
}

impl<A: Snap, B: Snap> Snap for (A, B) {
    fn put(&self, w: &mut Writer) {
        self.0.put(w);
        self.1.put(w);
    }
    fn get(r: &mut Reader<'_>) -> Res<Self> {
        Ok((A::get(r)?, B::get(r)?))
    }
    fn shape(out: &mut String) {
        out.push('(');
        A::shape(out);
        out.push(',');
        B::shape(out);
        out.push(')');
    }
}

impl<K: Snap + Ord, V: Snap> Snap for BTreeMap<K, V> {
    fn put(&self, w: &mut Writer) {
        w.len(self.len());
        for (k, v) in self {
            k.put(w);
            v.put(w);
        }
    }
    fn get(r: &mut Reader<'_>) -> Res<Self> {
        let n = r.len()?;
        let mut items = Vec::with_capacity(Reader::capacity::<(K, V)>(n));
        for _ in 0..n {
            items.push((K::get(r)?, V::get(r)?));
        }
        Ok(items.into_iter().collect())
    }
    fn shape(out: &mut String) {
        out.push_str("btree{");
        K::shape(out);
        out.push(':');
        V::shape(out);
        out.push('}');
    }
}

impl<T: Snap + Ord> Snap for BTreeSet<T> {
    fn put(&self, w: &mut Writer) {
        w.len(self.len());
        for v in self {
            v.put(w);
        }
    }
    fn get(r: &mut Reader<'_>) -> Res<Self> {
        Vec::<T>::get(r).map(|v| v.into_iter().collect())
    }
    fn shape(out: &mut String) {
        out.push_str("btreeset[");
        T::shape(out);
        out.push(']');
    }
}

/// Hash maps in key order (deterministic bytes), read back with the
/// workspace's fixed hasher.
impl<K: Snap + Ord + Hash, V: Snap> Snap for HashMap<K, V, foldhash::fast::FixedState> {
    fn put(&self, w: &mut Writer) {
        let mut items: Vec<(&K, &V)> = self.iter().collect();
        items.sort_unstable_by(|a, b| a.0.cmp(b.0));
        w.len(items.len());
        for (k, v) in items {
            k.put(w);
            v.put(w);
        }
    }
    fn get(r: &mut Reader<'_>) -> Res<Self> {
        let n = r.len()?;
        let mut out = HashMap::with_capacity_and_hasher(
            Reader::capacity::<(K, V)>(n),
            foldhash::fast::FixedState::default(),
        );
        for _ in 0..n {
            let k = K::get(r)?;
            let v = V::get(r)?;
            out.insert(k, v);
        }
        Ok(out)
    }
    fn shape(out: &mut String) {
        out.push_str("hash{");
        K::shape(out);
        out.push(':');
        V::shape(out);
        out.push('}');
    }
}

impl Snap for DateTime<Utc> {
    fn put(&self, w: &mut Writer) {
        self.timestamp().put(w);
        w.varint(u64::from(self.timestamp_subsec_nanos()));
    }
    fn get(r: &mut Reader<'_>) -> Res<Self> {
        let secs = i64::get(r)?;
        let nanos = u32::get(r)?;
        DateTime::from_timestamp(secs, nanos).ok_or_else(|| r.bad("time out of range"))
    }
    fn shape(out: &mut String) {
        out.push_str("time");
    }
}

impl Snap for NaiveDate {
    fn put(&self, w: &mut Writer) {
        i64::from(chrono::Datelike::num_days_from_ce(self)).put(w);
    }
    fn get(r: &mut Reader<'_>) -> Res<Self> {
        let d = i64::get(r)?;
        i32::try_from(d)
            .ok()
            .and_then(NaiveDate::from_num_days_from_ce_opt)
            .ok_or_else(|| r.bad("date out of range"))
    }
    fn shape(out: &mut String) {
        out.push_str("date");
    }
}

macro_rules! ids {
    ($($t:ident),*) => {$(
        impl Snap for $t {
            fn put(&self, w: &mut Writer) {
                w.bytes(self.uuid().as_bytes());
            }
            fn get(r: &mut Reader<'_>) -> Res<Self> {
                <[u8; 16]>::get(r).map(|b| $t::from_uuid(uuid::Uuid::from_bytes(b)))
            }
            fn shape(out: &mut String) {
                out.push_str(stringify!($t));
            }
        }
    )*};
}
ids!(
    AgentId,
    ComplaintId,
    CustomerId,
    EventId,
    FollowUpId,
    InteractionId,
    OpportunityId,
    PlaybookRunId,
    PurchaseId,
    ReferralId,
    SurveyId
);

/// Types written as their JSON (settings: a few per workspace).
macro_rules! json {
    ($($t:ident),*) => {$(
        impl Snap for $t {
            fn put(&self, w: &mut Writer) {
                // These settings are event payloads: serialising cannot fail.
                let bytes = serde_json::to_vec(self).unwrap_or_default();
                w.len(bytes.len());
                w.bytes(&bytes);
            }
            fn get(r: &mut Reader<'_>) -> Res<Self> {
                let n = r.len()?;
                let b = r.take(n)?;
                serde_json::from_slice(b)
                    .map_err(|e| r.bad(format!(concat!(stringify!($t), ": {}"), e)))
            }
            fn shape(out: &mut String) {
                out.push_str(concat!("json:", stringify!($t)));
            }
        }
    )*};
}
json!(
    SlaPolicy,
    Pipeline,
    LoyaltySettings,
    Playbook,
    FeedbackSettings,
    SurveyTemplate,
    RecurrenceSpec,
    CalendarSpec
);

/// A calendar is its (normalised) spec; its tables are rebuilt on use.
impl Snap for Calendar {
    fn put(&self, w: &mut Writer) {
        self.spec().put(w);
    }
    fn get(r: &mut Reader<'_>) -> Res<Self> {
        let spec = CalendarSpec::get(r)?;
        Calendar::try_from(spec).map_err(|e| r.bad(format!("calendar: {e}")))
    }
    fn shape(out: &mut String) {
        out.push_str("calendar:");
        CalendarSpec::shape(out);
    }
}

/// Fieldless enums, by their position in the list (a variant missing from
/// the list is a compile error).
macro_rules! units {
    ($($t:ident { $($v:ident),* $(,)? })*) => {$(
        impl Snap for $t {
            fn put(&self, w: &mut Writer) {
                const ALL: &[$t] = &[$($t::$v),*];
                match self {
                    $($t::$v)|* => {}
                }
                let i = ALL.iter().position(|x| x == self).unwrap_or(0);
                w.byte(i as u8);
            }
            fn get(r: &mut Reader<'_>) -> Res<Self> {
                const ALL: &[$t] = &[$($t::$v),*];
                let t = r.byte()?;
                ALL.get(usize::from(t))
                    .copied()
                    .ok_or_else(|| r.tag(stringify!($t), t))
            }
            fn shape(out: &mut String) {
                out.push_str(stringify!($t{$($v),*}));
            }
        }
    )*};
}

units! {
    Channel { InPerson, Phone, Email, Sms, Social, LiveChat, Forum, Web, Other }
    Network {
        Facebook, Zalo, Messenger, Instagram, Tiktok, Whatsapp, Telegram, Viber, Line, Wechat,
        Linkedin, X, Youtube, Other,
    }
    CustomerKind { Person, Organization }
    Lifecycle { Lead, Prospect, Customer, Loyal, Churned }
    Purpose { Service, Marketing, Feedback, Profiling }
    Direction { Inbound, Outbound, Internal }
    Priority { Low, Normal, High, Urgent }
    ComplaintState {
        New, Open, InProgress, WaitingOnCustomer, Resolved, Closed, Cancelled, Merged,
    }
    CancelReason { Spam, Duplicate, Withdrawn, Other }
    CompensationKind { Refund, Voucher, Replacement, Gift, Other }
    Author { Customer, Agent }
    Metric { FirstResponse, NextResponse, Resolution }
    TriggerOn { Warning, Breach }
    StageKind { Open, Won, Lost }
    ReferralStatus { Pending, Qualified, Rewarded }
    FollowUpKind { Call, Email, Message, Visit, Gift, Survey, Other }
    FollowUpStatus { Open, Done, Cancelled }
    StepKind { ThankYou, Advice, Survey, CheckIn, Promotion, Gift, Visit }
    RunStatus { Active, Completed, Cancelled, Stopped }
    SurveyKind { Csat, Nps, Ces, Custom }
    SurveyStatus { Sent, Answered, AnsweredLate }
}

/// Structs, field by field in the order listed; the destructuring makes a
/// field missing from the list a compile error.
macro_rules! structs {
    ($($t:ident { $($f:ident),* $(,)? })*) => {$(
        impl Snap for $t {
            fn put(&self, w: &mut Writer) {
                let $t { $($f),* } = self;
                $(Snap::put($f, w);)*
            }
            fn get(r: &mut Reader<'_>) -> Res<Self> {
                Ok($t { $($f: Snap::get(r)?),* })
            }
            fn shape(out: &mut String) {
                out.push_str(concat!(stringify!($t), "{"));
                $(
                    out.push_str(concat!(stringify!($f), ":"));
                    shape_of(|s: &$t| &s.$f, out);
                    out.push(',');
                )*
                out.push('}');
            }
        }
    )*};
}

structs! {
    Agent { id, name, team, email, active }
    Names { full, given, family, display }
    PostalAddress { lines, city, region, postal_code, country }
    Consent { channel, purpose, granted, at, source }
    Membership { organization, role }
    Money { amount_minor, currency }
    Customer {
        id, kind, names, contacts, preferred_channel, language, time_zone, tags, attributes,
        owner, lifecycle, tier, consents, memberships, archived, merged_into, erased_at,
        created_at, updated_at,
    }
    Interaction {
        id, customer, channel, network, direction, subject, summary, agent, occurred_at,
        duration_seconds,
    }
    ComplaintSettings { reopen_window_hours, auto_close_after_hours }
    Cancellation { reason, note }
    Compensation { kind, value, note }
    Resolution { category, note, compensation, at, by }
    Message { seq, author, agent, channel, public, automated, body, occurred_at }
    EscalationTrigger { metric, on, cycle }
    Complaint {
        id, customer, channel, subject, description, category, priority, assignee, team, tags,
        interactions, follows, state, resume_state, escalation_level, received_at, created_at,
        updated_at, first_response_at, resolutions, reopen_count, cancelled, merged_into,
        merged_from, closed_at, messages, marks, fired, customer_pos,
    }
    Source { channel, campaign, referred_by }
    Opportunity {
        id, customer, pipeline, title, value, expected_close, source, owner, stage, status,
        lost_reason, purchase, reopen_count, created_at, updated_at, stage_entered_at,
        last_activity_at, closed_at,
    }
    PurchaseItem { name, category, quantity, unit_price }
    Purchase { id, customer, items, description, amount, channel, occurred_at, opportunity }
    Referral {
        id, referrer, referred, referred_at, note, status, qualifying_purchase, reward,
    }
    FollowUpLinks { opportunity, complaint, playbook_run, playbook_step, tier }
    FollowUp {
        id, series, occurrence, subject, kind, customer, due_at, slot, all_day, due_end,
        time_zone, assignee, team, priority, links, status, outcome, snoozed, recurrence,
        created_at, updated_at, closed_at,
    }
    PlannedStep { index, kind, follow_up, skipped, survey, channel }
    RunEnd { status, reason, at }
    PlaybookRun { id, playbook, customer, purchase, started_at, steps, ended }
    Survey {
        id, customer, kind, template, channel, link, agent, sent_at, expires_at, status, score,
        answers, comment, answered_at,
    }
    MergeRecord { survivor, merged, log_pos, before, after, moved, timeline, undone, undone_at }
    CustomerFacts { registered_as, converted_at }
    CareFacts {
        received_at, last_mark, first_response, resolved_at, responses, ever_resolved,
        reopened, state, escalated_at,
    }
}

/// Enums with data: each variant with an explicit tag byte; struct variants
/// list their fields, tuple variants name their parts. A variant or field
/// missing from the list is a compile error.
macro_rules! enums {
    ($($t:ident {
        $($i:literal => $v:ident $(( $($p:ident),* ))? $({ $($f:ident),* })?),* $(,)?
    })*) => {$(
        impl Snap for $t {
            fn put(&self, w: &mut Writer) {
                match self {
                    $($t::$v $(( $($p),* ))? $({ $($f),* })? => {
                        w.byte($i);
                        $($(Snap::put($p, w);)*)?
                        $($(Snap::put($f, w);)*)?
                    })*
                }
            }
            fn get(r: &mut Reader<'_>) -> Res<Self> {
                let t = r.byte()?;
                Ok(match t {
                    $($i => $t::$v
                        $(( $({ let _ = stringify!($p); Snap::get(r)? }),* ))?
                        $({ $($f: Snap::get(r)?),* })?,)*
                    t => return Err(r.tag(stringify!($t), t)),
                })
            }
            fn shape(out: &mut String) {
                out.push_str(stringify!($t{$($i $v $(($($p),*))? $({$($f),*})?),*}));
            }
        }
    )*};
}

enums! {
    ContactPoint {
        0 => Email { address, label },
        1 => Phone { number, label },
        2 => Address { address, label },
        3 => Social { network, handle, label },
    }
    AttrValue {
        0 => Text(v),
        1 => Integer(v),
        2 => Number(v),
        3 => Bool(v),
        4 => Date(v),
        5 => DateTime(v),
        6 => Money(v),
    }
    Actor {
        0 => System,
        1 => Agent(v),
    }
    Mark {
        0 => State { at, state },
        1 => CustomerMessage { at },
        2 => Response { at },
    }
    SurveyLink {
        0 => Complaint { id },
        1 => Interaction { id },
        2 => Purchase { id },
        3 => PlaybookStep { run, step },
    }
    AnswerValue {
        0 => Score(v),
        1 => Text(v),
        2 => Choices(v),
    }
    Link {
        0 => Interaction(p),
        1 => Complaint(p),
        2 => Opportunity(p),
        3 => Purchase(p),
        4 => FollowUp(p),
        5 => Run(p),
        6 => Survey(p),
        7 => Referrer(p),
        8 => Referred(p),
        9 => Member(p),
    }
    Holders {
        0 => One(p),
        1 => Many(v),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn round<T: Snap + PartialEq + std::fmt::Debug>(v: T) {
        let mut w = Writer::default();
        v.put(&mut w);
        let mut r = Reader::new(&w.buf);
        assert_eq!(T::get(&mut r).unwrap(), v);
        assert_eq!(r.remaining(), 0);
    }

    #[test]
    fn primitives_round_trip() {
        for v in [0u64, 1, 127, 128, 300, u64::from(u32::MAX), u64::MAX] {
            round(v);
        }
        for v in [0i64, -1, 1, i64::MIN, i64::MAX, -1_000_000] {
            round(v);
        }
        round(f64::NAN.to_bits());
        round(-0.5f64);
        round(String::from("Nguyễn Văn Đức"));
        round(Some(vec![1u32, 2, 3]));
        round(DateTime::from_timestamp(1_800_000_000, 5).unwrap());
        round(NaiveDate::from_ymd_opt(2026, 2, 17).unwrap());
        round(Channel::LiveChat);
        round(Network::Youtube);
        round(Holders::Many(vec![1, 2]));
        round(AttrValue::Money(Money::new(5, "VND").unwrap()));
    }

    #[test]
    fn bad_input_is_an_error_not_a_panic() {
        let mut r = Reader::new(&[0xff; 11]);
        assert!(u64::get(&mut r).is_err());
        let mut r = Reader::new(&[5, b'a']);
        assert!(String::get(&mut r).is_err());
        let mut r = Reader::new(&[2, 0xff, 0xfe]);
        assert!(String::get(&mut r).is_err());
        let mut r = Reader::new(&[200]);
        assert!(Channel::get(&mut r).is_err());
        let mut r = Reader::new(&[0x80, 0x80, 0x80, 0x80, 0x10]);
        assert!(u32::get(&mut r).is_err());
    }
}
