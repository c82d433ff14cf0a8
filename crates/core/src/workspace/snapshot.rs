//! Workspace snapshots: the folded state at a sequence number, so that a
//! store opens a workspace from its latest snapshot plus the events after
//! it instead of replaying the whole log.
//!
//! A snapshot holds the state, not the log (the store keeps the events; the
//! workspace still holds the whole log in memory, since timelines and
//! histories point into it). Layout (all integers little-endian):
//!
//! ```text
//! magic         8 bytes   89 'C' 'C' 'S' 'N' 'A' 'P' 0A
//! format        u16       SNAPSHOT_FORMAT
//! core version  u8 length + UTF-8 (the `clientcare` crate version)
//! layout        u64       fingerprint of the body layout of this build
//! seq           u64       the sequence number the state is at
//! event id      u8 (0/1) + 16 bytes: the id of the event at `seq` (none at 0)
//! body          the state (see `codec`)
//! checksum      u32       CRC-32 of every byte before it
//! ```
//!
//! Compatibility rule: a snapshot is read only by a build with the same
//! format, core version and body layout; any other is refused with
//! [`Error::CorruptSnapshot`] and the workspace is then opened by replaying
//! its events.

pub(crate) mod codec;

use super::{State, Workspace};
use crate::error::{Error, Result};
use crate::event::{Event, FORMAT_VERSION};
use crate::id::{EventId, IdSource};
use codec::{shape_of, Bad, Reader, Res, Snap, Writer};

/// The version of the snapshot layout (header and body encoding rules).
const SNAPSHOT_FORMAT: u16 = 1;

const MAGIC: [u8; 8] = [0x89, b'C', b'C', b'S', b'N', b'A', b'P', b'\n'];

/// The crate version written into and required of every snapshot.
const CORE_VERSION: &str = env!("CARGO_PKG_VERSION");

fn corrupt(reason: impl Into<String>) -> Error {
    Error::CorruptSnapshot {
        reason: reason.into(),
    }
}

/// The state, field by field. `written` fields are in the body in this
/// order; `rebuilt` ones are derived from them on load ([`rebuild`]). A
/// field of `State` missing from both lists is a compile error.
macro_rules! state_snap {
    (written { $($f:ident),* $(,)? } rebuilt { $($g:ident),* $(,)? }) => {
        impl Snap for State {
            fn put(&self, w: &mut Writer) {
                let State { $($f,)* $($g: _,)* } = self;
                $(Snap::put($f, w);)*
            }
            fn get(r: &mut Reader<'_>) -> Res<Self> {
                Ok(State {
                    $($f: Snap::get(r)?,)*
                    $($g: Default::default(),)*
                })
            }
            fn shape(out: &mut String) {
                out.push_str("State{");
                $(
                    out.push_str(concat!(stringify!($f), ":"));
                    shape_of(|s: &State| &s.$f, out);
                    out.push(',');
                )*
                out.push_str(concat!("rebuilt:", $(stringify!($g), ",",)* "}"));
            }
        }
    };
}

state_snap! {
    written {
        default_region, agents, customers, interactions, interactions_by_customer, by_email,
        by_phone, by_tag, search, timeline, complaints, complaint_history, active_complaints,
        resolved_complaints, complaints_by_customer, complaints_by_assignee, complaint_settings,
        calendars, policies, tier_names, customer_tier, policy_tiers, pipelines,
        default_pipeline, opportunities, opportunity_history, opportunities_by_customer,
        opportunities_by_owner, purchases, purchases_by_customer, referrals, referral_of,
        referrals_by_referrer, loyalty, follow_ups, follow_ups_by_customer, agenda_by_agent,
        agenda_by_team, playbooks, playbook_runs, runs_by_customer, feedback, survey_templates,
        surveys, surveys_by_customer, customer_facts, care_facts, merges,
    }
    rebuilt {
        region, customer_ix, interaction_ix, complaint_ix, opportunity_ix, purchase_ix,
        referral_ix, follow_up_ix, playbook_run_ix, survey_ix, care_memo,
    }
}

/// Fills the derived fields: the phone region, id -> position maps (records
/// are never removed, so a record's position is its index), and an empty
/// KPI memo slot per complaint.
fn rebuild(st: &mut State) -> std::result::Result<(), String> {
    fn index<I: Copy + Eq + std::hash::Hash, T>(
        what: &str,
        items: &[T],
        id: impl Fn(&T) -> I,
    ) -> std::result::Result<super::state::Map<I, u32>, String> {
        let mut m = super::state::Map::default();
        m.reserve(items.len());
        for (p, item) in items.iter().enumerate() {
            let p = u32::try_from(p).map_err(|_| format!("too many {what}s"))?;
            if m.insert(id(item), p).is_some() {
                return Err(format!("two {what}s with one id"));
            }
        }
        Ok(m)
    }
    st.region = st
        .default_region
        .as_deref()
        .and_then(|r| crate::text::parse_region(r).ok());
    st.customer_ix = index("customer", &st.customers, |c| c.id)?;
    st.interaction_ix = index("interaction", &st.interactions, |c| c.id)?;
    st.complaint_ix = index("complaint", &st.complaints, |c| c.id)?;
    st.opportunity_ix = index("opportunity", &st.opportunities, |c| c.id)?;
    st.purchase_ix = index("purchase", &st.purchases, |c| c.id)?;
    st.referral_ix = index("referral", &st.referrals, |c| c.id)?;
    st.follow_up_ix = index("follow-up", &st.follow_ups, |c| c.id)?;
    st.playbook_run_ix = index("playbook run", &st.playbook_runs, |c| c.id)?;
    st.survey_ix = index("survey", &st.surveys, |c| c.id)?;
    if let Some(last) = st.complaints.len().checked_sub(1) {
        st.care_memo.forget(last);
    }
    Ok(())
}

/// Checks that every position the state holds is in range, so that a
/// snapshot that passed its checksum but does not fit itself (written by a
/// faulty or foreign writer) is refused instead of failing later.
fn check_positions(st: &State, seq: u64) -> std::result::Result<(), String> {
    fn below<'a>(it: impl IntoIterator<Item = &'a u32>, n: usize) -> bool {
        it.into_iter().all(|&p| (p as usize) < n)
    }
    fn lists<'a, K: 'a, L: 'a>(
        m: impl IntoIterator<Item = (&'a K, &'a L)>,
        n: usize,
        each: impl Fn(&L, usize) -> bool,
    ) -> bool {
        m.into_iter().all(|(_, l)| each(l, n))
    }
    let vec_below = |l: &Vec<u32>, n: usize| below(l, n);
    let set_below = |l: &std::collections::BTreeSet<u32>, n: usize| below(l, n);
    let log = usize::try_from(seq).unwrap_or(usize::MAX);
    let customers = st.customers.len();
    let complaints = st.complaints.len();
    let follow_ups = st.follow_ups.len();
    let checks = [
        (
            "per-customer lists",
            st.customer_tier.len() == customers
                && st.timeline.len() == customers
                && st.customer_facts.len() == customers,
        ),
        (
            "tiers",
            below(&st.customer_tier, st.tier_names.len() + 1)
                && st.policy_tiers.len() == st.policies.len(),
        ),
        ("timelines", st.timeline.iter().all(|t| below(t, log))),
        (
            "interactions",
            lists(
                &st.interactions_by_customer,
                st.interactions.len(),
                vec_below,
            ),
        ),
        (
            "contact holders",
            st.by_email
                .values()
                .chain(st.by_phone.values())
                .all(|h| match h {
                    super::state::Holders::One(p) => (*p as usize) < customers,
                    super::state::Holders::Many(v) => below(v, customers),
                }),
        ),
        ("tags", lists(&st.by_tag, customers, set_below)),
        ("search index", st.search.positions_within(customers)),
        (
            "complaint histories",
            st.complaint_history.len() == complaints
                && st.complaint_history.iter().all(|h| below(h, log))
                && st.care_facts.len() == complaints,
        ),
        (
            "complaint sets",
            below(&st.active_complaints, complaints) && below(&st.resolved_complaints, complaints),
        ),
        (
            "complaints by customer",
            lists(&st.complaints_by_customer, complaints, vec_below),
        ),
        (
            "complaints by assignee",
            lists(&st.complaints_by_assignee, complaints, set_below),
        ),
        (
            "complaint customers",
            st.complaints
                .iter()
                .all(|c| (c.customer_pos as usize) < customers),
        ),
        (
            "opportunity histories",
            st.opportunity_history.len() == st.opportunities.len()
                && st.opportunity_history.iter().all(|h| below(h, log)),
        ),
        (
            "opportunities by customer",
            lists(
                &st.opportunities_by_customer,
                st.opportunities.len(),
                vec_below,
            ),
        ),
        (
            "opportunities by owner",
            lists(
                &st.opportunities_by_owner,
                st.opportunities.len(),
                set_below,
            ),
        ),
        (
            "purchases by customer",
            lists(&st.purchases_by_customer, st.purchases.len(), vec_below),
        ),
        (
            "referrals",
            st.referral_of
                .values()
                .all(|&p| (p as usize) < st.referrals.len())
                && lists(&st.referrals_by_referrer, st.referrals.len(), vec_below),
        ),
        (
            "follow-ups by customer",
            lists(&st.follow_ups_by_customer, follow_ups, vec_below),
        ),
        (
            "agendas",
            st.agenda_by_agent
                .values()
                .chain(st.agenda_by_team.values())
                .all(|s| s.iter().all(|(_, p)| (*p as usize) < follow_ups)),
        ),
        (
            "playbook runs by customer",
            lists(&st.runs_by_customer, st.playbook_runs.len(), vec_below),
        ),
        (
            "surveys by customer",
            lists(&st.surveys_by_customer, st.surveys.len(), vec_below),
        ),
        (
            "merges",
            st.merges.iter().all(|m| {
                (m.survivor as usize) < customers
                    && below(&m.merged, customers)
                    && (m.log_pos as usize) < log
                    && m.undone_at.is_none_or(|p| (p as usize) < log)
                    && below(&m.timeline, log)
                    && m.moved.iter().all(|(_, from)| (*from as usize) < customers)
            }),
        ),
        (
            "merged links",
            st.merges.iter().all(|m| {
                m.moved.iter().all(|(link, _)| {
                    use crate::identity::merge::Link;
                    let (p, n) = match *link {
                        Link::Interaction(p) => (p, st.interactions.len()),
                        Link::Complaint(p) => (p, complaints),
                        Link::Opportunity(p) => (p, st.opportunities.len()),
                        Link::Purchase(p) => (p, st.purchases.len()),
                        Link::FollowUp(p) => (p, follow_ups),
                        Link::Run(p) => (p, st.playbook_runs.len()),
                        Link::Survey(p) => (p, st.surveys.len()),
                        Link::Referrer(p) | Link::Referred(p) => (p, st.referrals.len()),
                        Link::Member(p) => (p, customers),
                    };
                    (p as usize) < n
                })
            }),
        ),
        ("log", log <= u32::MAX as usize),
    ];
    match checks.iter().find(|(_, ok)| !ok) {
        Some((what, _)) => Err(format!("{what} point outside the snapshot's records")),
        None => Ok(()),
    }
}

/// What the header says.
struct Header<'a> {
    seq: u64,
    event: Option<EventId>,
    body: &'a [u8],
}

fn read_header(snapshot: &[u8]) -> Result<Header<'_>> {
    if snapshot.get(..MAGIC.len()) != Some(&MAGIC[..]) {
        return Err(corrupt("not a clientcare snapshot (bad magic bytes)"));
    }
    if snapshot.len() < MAGIC.len() + 2 + 4 {
        return Err(corrupt("truncated"));
    }
    let format = u16::from_le_bytes([snapshot[8], snapshot[9]]);
    if format != SNAPSHOT_FORMAT {
        return Err(corrupt(format!(
            "snapshot format {format} is not supported (this build reads format {SNAPSHOT_FORMAT})"
        )));
    }
    let Some(split) = snapshot.len().checked_sub(4) else {
        return Err(corrupt("truncated"));
    };
    let (data, sum) = snapshot.split_at(split);
    let stored = u32::from_le_bytes([sum[0], sum[1], sum[2], sum[3]]);
    if crc32fast::hash(data) != stored {
        return Err(corrupt(
            "checksum mismatch: the snapshot is damaged or truncated",
        ));
    }
    let head = |e: Bad| corrupt(format!("bad header: {}", e.0));
    let mut r = Reader::new(&data[10..]);
    let n = usize::from(r.byte().map_err(head)?);
    let version = std::str::from_utf8(r.take(n).map_err(head)?).unwrap_or("?");
    let fixed = |r: &mut Reader<'_>| -> Res<u64> {
        let mut b = [0u8; 8];
        b.copy_from_slice(r.take(8)?);
        Ok(u64::from_le_bytes(b))
    };
    let layout = fixed(&mut r).map_err(head)?;
    let seq = fixed(&mut r).map_err(head)?;
    let event = Option::<EventId>::get(&mut r).map_err(head)?;
    if version != CORE_VERSION {
        return Err(corrupt(format!(
            "written by clientcare {version}, this is {CORE_VERSION}"
        )));
    }
    if layout != codec::layout::<State>() {
        return Err(corrupt(
            "written by a build with another state layout (same version, other code)",
        ));
    }
    if (seq == 0) != event.is_none() {
        return Err(corrupt("bad header: event id and sequence disagree"));
    }
    let used = data.len() - 10 - r.remaining();
    Ok(Header {
        seq,
        event,
        body: &data[10 + used..],
    })
}

impl Workspace {
    /// The folded state at [`seq`](Self::seq) as bytes, for a store to keep
    /// next to the event log (see [`from_snapshot`](Self::from_snapshot)).
    /// The log itself is not in it. Deterministic: hash maps are written in
    /// key order, and a workspace opened from a snapshot writes the same bytes.
    #[must_use]
    pub fn snapshot(&self) -> Vec<u8> {
        let mut w = Writer {
            // About 105 bytes per event on the benchmark's workspaces.
            buf: Vec::with_capacity(4096 + self.log.len() * 112),
        };
        w.bytes(&MAGIC);
        w.bytes(&SNAPSHOT_FORMAT.to_le_bytes());
        let version = CORE_VERSION.as_bytes();
        w.byte(u8::try_from(version.len()).unwrap_or(0));
        w.bytes(&version[..version.len().min(255)]);
        w.bytes(&codec::layout::<State>().to_le_bytes());
        w.bytes(&self.seq().to_le_bytes());
        self.log.last().map(|e| e.id).put(&mut w);
        self.state.put(&mut w);
        let sum = crc32fast::hash(&w.buf);
        w.bytes(&sum.to_le_bytes());
        w.buf
    }

    /// The sequence number a snapshot was taken at (its header only; the
    /// body is checked when it is opened).
    ///
    /// # Errors
    /// [`Error::CorruptSnapshot`] for bytes that are not a snapshot this
    /// build reads.
    pub fn snapshot_seq(snapshot: &[u8]) -> Result<u64> {
        read_header(snapshot).map(|h| h.seq)
    }

    /// Opens a workspace from a snapshot and the whole event log: the state
    /// comes from the snapshot, the events after its sequence number are
    /// checked and applied as [`replay`](Self::replay) does (an erasure among
    /// them redacts the log). The result equals the replay of `events`.
    ///
    /// `events` is the log from sequence 1 (not only the tail: the workspace
    /// keeps it); the events up to the snapshot are checked cheaply (sequence
    /// numbers, format version, and the id of the event at the snapshot's
    /// sequence), not re-validated, and must be the log as the workspace held
    /// it (with the redactions of earlier erasures).
    ///
    /// ```
    /// use clientcare::{Meta, RegisterCustomer, SeededIds, Workspace};
    /// use chrono::{TimeZone, Utc};
    ///
    /// # fn main() -> Result<(), clientcare::Error> {
    /// let at = Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap();
    /// let mut ws = Workspace::with_seed(42);
    /// ws.configure(Meta::system(at), Some("VN"))?;
    /// let snap = ws.snapshot(); // a store keeps it with the log
    /// ws.register_customer(Meta::system(at), RegisterCustomer {
    ///     full_name: "Nguyễn Văn Đức".into(),
    ///     ..Default::default()
    /// })?;
    /// // Later: the snapshot plus the whole log; only the tail is replayed.
    /// let back = Workspace::from_snapshot(&snap, ws.events().to_vec(), Box::new(SeededIds::new(1)))?;
    /// assert_eq!(back, ws);
    /// // A damaged snapshot is refused: open by replaying the log instead.
    /// let err = Workspace::from_snapshot(&snap[1..], ws.events().to_vec(), Box::new(SeededIds::new(1)));
    /// assert_eq!(err.unwrap_err().code(), "corrupt_snapshot");
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    /// [`Error::CorruptSnapshot`] when the snapshot is damaged, from another
    /// core version or layout, or does not belong to this log (then open the
    /// workspace with [`replay`](Self::replay)); [`Error::CorruptLog`] naming
    /// the first bad event of the log.
    pub fn from_snapshot(
        snapshot: &[u8],
        mut events: Vec<Event>,
        ids: Box<dyn IdSource>,
    ) -> Result<Self> {
        let head = read_header(snapshot)?;
        let k = usize::try_from(head.seq).unwrap_or(usize::MAX);
        if k > events.len() {
            return Err(corrupt(format!(
                "taken at seq {} but the log has {} events",
                head.seq,
                events.len()
            )));
        }
        for (i, ev) in events[..k].iter().enumerate() {
            let expected = i as u64 + 1;
            let reason = if ev.seq != expected {
                format!(
                    "sequence {} where {expected} was expected (a gap, a duplicate or a reordering)",
                    ev.seq
                )
            } else if ev.v != FORMAT_VERSION {
                format!(
                    "format version {} is not supported (this build reads version {FORMAT_VERSION})",
                    ev.v
                )
            } else {
                continue;
            };
            return Err(Error::CorruptLog {
                line: i + 1,
                seq: expected,
                reason,
            });
        }
        let at = k.checked_sub(1).and_then(|i| events.get(i)).map(|e| e.id);
        if at != head.event {
            return Err(corrupt(format!(
                "taken after event {} at seq {}, but the log has {} there: it belongs to another log",
                head.event.map(|e| e.to_string()).unwrap_or_default(),
                head.seq,
                at.map(|e| e.to_string()).unwrap_or_default(),
            )));
        }
        let mut r = Reader::new(head.body);
        let mut state = State::get(&mut r).map_err(|e| corrupt(format!("bad body: {}", e.0)))?;
        if r.remaining() != 0 {
            return Err(corrupt("bad body: bytes after the state"));
        }
        rebuild(&mut state).map_err(|e| corrupt(format!("bad body: {e}")))?;
        check_positions(&state, head.seq).map_err(|e| corrupt(format!("bad body: {e}")))?;
        let tail = events.split_off(k);
        let mut ws = Self::new(ids);
        ws.state = state;
        ws.log = events;
        ws.log.reserve(tail.len());
        for (i, ev) in tail.into_iter().enumerate() {
            ws.push_checked(ev, k + i + 1)?;
        }
        Ok(ws)
    }
}

impl Workspace {
    /// [`from_snapshot`](Self::from_snapshot) with the log as JSON Lines
    /// (what the Python and JavaScript faces take). The snapshot's header is
    /// checked before the log is parsed. Blank lines are ignored.
    ///
    /// # Errors
    /// [`Error::CorruptSnapshot`] as `from_snapshot`; [`Error::CorruptLog`]
    /// naming the 1-based line of the first event that does not parse or
    /// does not fit.
    pub fn from_snapshot_jsonl(
        snapshot: &[u8],
        text: &str,
        ids: Box<dyn IdSource>,
    ) -> Result<Self> {
        read_header(snapshot)?;
        let mut events = Vec::with_capacity(text.bytes().filter(|b| *b == b'\n').count() + 1);
        let mut lines = Vec::new();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let expected = events.len() as u64 + 1;
            events.push(super::log::parse_event_line(line, i + 1, expected)?);
            lines.push(i + 1);
        }
        Self::from_snapshot(snapshot, events, ids).map_err(|e| match e {
            // Name the line of the text, not the position among the events.
            Error::CorruptLog { line, seq, reason } => Error::CorruptLog {
                line: lines.get(line.wrapping_sub(1)).copied().unwrap_or(line),
                seq,
                reason,
            },
            other => other,
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn the_layout_fingerprint_is_stable_within_a_build() {
        assert_eq!(codec::layout::<State>(), codec::layout::<State>());
        let mut s = String::new();
        State::shape(&mut s);
        assert!(s.contains("customers:[Customer{id:CustomerId"), "{s}");
        assert!(s.contains("rebuilt:region,customer_ix"), "{s}");
    }

    /// Serialised or rebuilt on load? Times reading the search index, the
    /// contact holders and an id map from bytes against rebuilding them from
    /// the customer records, on 50k customers (run with `cargo test --release
    /// -p clientcare --lib -- --ignored --nocapture read_or_rebuild`).
    #[test]
    #[ignore]
    fn read_or_rebuild() {
        use crate::customer::RegisterCustomer;
        use crate::identity::search::SearchIndex;
        use crate::model::Meta;
        let at = chrono::DateTime::from_timestamp(1_790_000_000, 0).unwrap();
        let mut ws = Workspace::with_seed(5);
        ws.configure(Meta::system(at), Some("VN")).unwrap();
        let given = [
            "Đức", "Lan", "Minh", "Hùng", "Thu", "An", "Bình", "Mai", "Tâm", "Hà",
        ];
        let family = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"];
        let middle = ["Văn", "Thị", "Minh", "Ngọc", "Quang", "Thanh"];
        let n = 50_000;
        for i in 0..n {
            let name = format!(
                "{} {} {} {}",
                family[i % 8],
                middle[(i / 8) % 6],
                given[(i / 48) % 10],
                ["", "Anh", "Em"][i % 3]
            );
            ws.register_customer(
                Meta::system(at),
                RegisterCustomer {
                    full_name: name.trim().into(),
                    emails: vec![format!("kh{i}@example.vn")],
                    phones: vec![format!("090{:07}", i * 7919 % 10_000_000)],
                    tags: vec![format!("t{}", i % 20)],
                    ..Default::default()
                },
            )
            .unwrap();
        }
        let st = &ws.state;
        let time = |f: &mut dyn FnMut()| {
            let t = std::time::Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1e3
        };
        let mut w = Writer::default();
        st.search.put(&mut w);
        let bytes = w.buf;
        let read = time(&mut || {
            let _ = SearchIndex::get(&mut Reader::new(&bytes)).unwrap();
        });
        let rebuild = time(&mut || {
            let mut s = SearchIndex::default();
            for (p, c) in st.customers.iter().enumerate() {
                s.update(p as u32, c);
            }
            assert!(s == st.search);
        });
        println!(
            "search index of {n} customers: read {read:.1} ms ({} bytes), rebuild {rebuild:.1} ms",
            bytes.len()
        );
        let mut w = Writer::default();
        st.by_email.put(&mut w);
        st.by_phone.put(&mut w);
        let bytes = w.buf;
        let read = time(&mut || {
            let mut r = Reader::new(&bytes);
            let a = <super::super::state::Map<Box<str>, super::super::state::Holders> as Snap>::get(
                &mut r,
            );
            let b = <super::super::state::Map<Box<str>, super::super::state::Holders> as Snap>::get(
                &mut r,
            );
            assert!(a.is_ok() && b.is_ok());
        });
        let rebuild = time(&mut || {
            let mut s = State::default();
            for (p, c) in st.customers.iter().enumerate() {
                for cp in &c.contacts {
                    s.reindex_contact(p as u32, cp);
                }
            }
            assert!(s.by_email == st.by_email && s.by_phone == st.by_phone);
        });
        println!("email and phone holders: read {read:.1} ms, rebuild {rebuild:.1} ms");
        let mut w = Writer::default();
        st.customer_ix.put(&mut w);
        let bytes = w.buf;
        let read = time(&mut || {
            let m = <super::super::state::Map<crate::id::CustomerId, u32> as Snap>::get(
                &mut Reader::new(&bytes),
            );
            assert!(m.is_ok());
        });
        let rebuild = time(&mut || {
            let mut s = State {
                customers: st.customers.clone(),
                ..State::default()
            };
            let t = std::time::Instant::now();
            super::rebuild(&mut s).unwrap();
            println!(
                "  (customer id map rebuild alone: {:.1} ms)",
                t.elapsed().as_secs_f64() * 1e3
            );
        });
        println!("customer id map: read {read:.1} ms, rebuild {rebuild:.1} ms (with a clone)");
    }

    #[test]
    fn an_empty_workspace_round_trips() {
        let ws = Workspace::with_seed(1);
        let snap = ws.snapshot();
        assert_eq!(Workspace::snapshot_seq(&snap).unwrap(), 0);
        let back = Workspace::from_snapshot(&snap, Vec::new(), Box::new(crate::SeededIds::new(1)))
            .unwrap();
        assert!(back == ws);
    }
}
