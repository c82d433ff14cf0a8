//! The identity desk of the shop's month: a second system's import, its
//! duplicates found and merged, a merge undone, a customer forgotten, and
//! the may-contact rule.
//!
//! Late on the last evening of the period (21:30, after the day's work of
//! the other desks; their overnight work follows), the customer list of the
//! shop's old online-order system arrives. It holds a deterministic sample
//! of about 2.5 % of the shop's people (at least [`MIN_DUPLICATES`]) again,
//! written the way another system writes them: names without diacritics, in
//! Western order ("Duc Nguyen Van"), in capitals or with a typo; the same
//! phone typed another way, the same mailbox at another provider, the same
//! email retyped, sometimes only the phone, once in a while only a new phone
//! (then nothing but the name links the two records, and no rule can tell
//! them from namesakes). Every row is checked with
//! [`Workspace::check_duplicates`] before it is registered (kept, with
//! `allow_shared_contacts`, as imports do).
//!
//! Then the desk:
//! - scans the whole workspace ([`Workspace::scan_duplicates`], progress
//!   recorded per phase) and compares the reported pairs with the planted
//!   ones (precision and recall on the planted set; pairs that were not
//!   planted are different people of the story: namesakes sharing something);
//! - merges every planted pair the scan found into the older record, then
//!   undoes one merge (an agent finds it was wrong) and checks that the old
//!   ids resolve;
//! - forgets a customer who asks for it: one with purchases and complaints
//!   (all closed if there is such a customer, else none still being worked
//!   on), no referral waiting for its reward, and a name and contacts nobody
//!   else has (another customer's or agent's copy of a value legitimately
//!   stays in the log). Their export first, then the erasure; the log must no
//!   longer hold their name, emails or phones, and the complaint volume KPI
//!   must not move. From then on the other desks leave them alone, as they
//!   do archived customers ([`crate::shop::left_alone`]: deals stop, open
//!   follow-ups are cancelled, surveys get no answer), and nobody works on
//!   their complaints any more;
//! - asks [`Workspace::may_contact`] about a few customers.
//!
//! Every instant comes from the story (`at`); nothing reads a clock.

use crate::shop::{ShopConfig, Staff};
use chrono::{DateTime, Duration, Utc};
use clientcare::text::{fold, normalize_phone, parse_region};
use clientcare::{
    AgentId, Channel, ComplaintState, ContactReason, Customer, CustomerId, CustomerKind,
    DuplicateRules, KpiQuery, KpiRow, MatchReason, MergeCustomers, Meta, Purpose, ReferralStatus,
    RegisterCustomer, ScanPhase, StageKind, Survivorship, Workspace,
};
use clientcare_bench::contacts::format_vn_mobile;
use clientcare_bench::{CustomerGen, Rng};
use std::collections::{BTreeMap, BTreeSet};

/// Share of the shop's people the second system holds again.
pub const DUPLICATE_SHARE: f64 = 0.025;
/// The fewest duplicates imported (so that a small shop shows every variation).
pub const MIN_DUPLICATES: usize = 8;
/// The reason recorded with every merge.
pub const MERGE_REASON: &str = "import dedupe";
/// The KPI that must not move when a customer is erased.
pub const VOLUME_KPI: &str = "complaint_volume";

/// Providers a mailbox moves to in the other system.
const PROVIDERS: &[&str] = &[
    "gmail.com",
    "yahoo.com",
    "outlook.com",
    "icloud.com",
    "hotmail.com",
    "yahoo.com.vn",
];

/// How the other system writes the name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NameStyle {
    /// As the shop has it.
    Same,
    /// In capitals.
    Upper,
    /// Without diacritics.
    Plain,
    /// Given name first ("Đức Nguyễn Văn").
    GivenFirst,
    /// Given name first, without diacritics ("Duc Nguyen Van").
    GivenFirstPlain,
    /// With one typing error.
    Typo,
    /// Without diacritics and with one typing error.
    PlainTypo,
}

/// What the other system has of the contacts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ContactStyle {
    /// The same phone typed another way, the mailbox at another provider.
    PhoneAndMailbox,
    /// Only the phone, typed another way.
    PhoneOnly,
    /// The same email, retyped.
    Email,
    /// Only the mailbox at another provider.
    MailboxOnly,
    /// The same email, and a phone the shop does not know.
    EmailNewPhone,
    /// Only a phone the shop does not know: nothing but the name in common.
    NewPhoneOnly,
}

/// The variations, in the order they are dealt to the sample (from a seeded
/// offset): one in ten shares nothing but the name.
const RECIPES: &[(NameStyle, ContactStyle)] = &[
    (NameStyle::Plain, ContactStyle::PhoneAndMailbox),
    (NameStyle::GivenFirstPlain, ContactStyle::PhoneOnly),
    (NameStyle::Typo, ContactStyle::Email),
    (NameStyle::GivenFirst, ContactStyle::PhoneAndMailbox),
    (NameStyle::Plain, ContactStyle::MailboxOnly),
    (NameStyle::Typo, ContactStyle::PhoneOnly),
    (NameStyle::Upper, ContactStyle::EmailNewPhone),
    (NameStyle::PlainTypo, ContactStyle::PhoneOnly),
    (NameStyle::GivenFirstPlain, ContactStyle::NewPhoneOnly),
    (NameStyle::Same, ContactStyle::PhoneOnly),
];

/// One duplicate the import planted.
#[derive(Debug, Clone, PartialEq)]
pub struct Planted {
    /// The shop's record.
    pub original: CustomerId,
    /// The imported one.
    pub duplicate: CustomerId,
    /// The shop's name for them.
    pub name: String,
    /// The import's.
    pub imported_as: String,
    /// How it differs (`no diacritics; same phone retyped, mailbox at another provider`).
    pub variation: String,
    /// `check_duplicates` named the original before the row was registered.
    pub flagged: bool,
}

/// One phase of the scan, as its progress callback saw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhaseTally {
    /// The phase.
    pub phase: ScanPhase,
    /// Calls of the callback in this phase.
    pub calls: usize,
    /// The last `done` it reported.
    pub done: usize,
    /// Its `total`.
    pub total: usize,
}

/// The snake_case name of a scan phase.
#[must_use]
pub fn phase_name(p: ScanPhase) -> &'static str {
    match p {
        ScanPhase::Profiles => "profiles",
        ScanPhase::Blocking => "blocking",
        ScanPhase::Comparing => "comparing",
    }
}

/// A reported pair that was not planted.
#[derive(Debug, Clone, PartialEq)]
pub struct OtherPair {
    /// The earlier record.
    pub a: CustomerId,
    /// The later one.
    pub b: CustomerId,
    /// Their full names.
    pub names: (String, String),
    /// The score.
    pub score: f64,
    /// Why (`phone +84…, name 0.93`).
    pub reasons: String,
    /// One of them is an imported duplicate.
    pub involves_import: bool,
}

/// The customer who asked to be forgotten.
#[derive(Debug, Clone, PartialEq)]
pub struct Erasure {
    /// Their id.
    pub customer: CustomerId,
    /// Their export before the erasure: (part, records), `events` last.
    pub export: Vec<(&'static str, usize)>,
    /// The values that must leave the log, as JSON strings (full name,
    /// emails, phones). Kept in memory for the checks only: never printed.
    pub forgotten: Vec<String>,
    /// How many of them the exported log held before the erasure.
    pub present_before: usize,
    /// How many it still holds after.
    pub present_after: usize,
    /// The complaint volume KPI over the period, before and after.
    pub volume: (Vec<KpiRow>, Vec<KpiRow>),
}

impl Erasure {
    /// Records of one part of the export.
    #[must_use]
    pub fn count(&self, part: &str) -> usize {
        self.export
            .iter()
            .find(|(p, _)| *p == part)
            .map_or(0, |(_, n)| *n)
    }
}

/// The `count` value of complaint volume rows.
#[must_use]
pub fn volume_count(rows: &[KpiRow]) -> Option<f64> {
    rows.iter()
        .find(|r| r.measure == "count" && r.group == "all")
        .and_then(|r| r.value)
}

/// One answer of `may_contact`.
#[derive(Debug, Clone, PartialEq)]
pub struct ContactCheck {
    /// Whom (the shown name, `[erased]` after an erasure).
    pub who: String,
    /// The customer.
    pub customer: CustomerId,
    /// On which channel.
    pub channel: Channel,
    /// For what.
    pub purpose: Purpose,
    /// The answer.
    pub allowed: bool,
    /// Why.
    pub reason: ContactReason,
    /// Whether something on file reaches them there.
    pub reachable: bool,
}

/// What the identity desk did.
#[derive(Debug, Clone, PartialEq)]
pub struct IdentityReport {
    /// When the import arrived.
    pub at: DateTime<Utc>,
    /// The people the sample was drawn from.
    pub people: usize,
    /// The duplicates imported, in import order.
    pub planted: Vec<Planted>,
    /// Rows for which `check_duplicates` found any likely duplicate.
    pub flagged: usize,
    /// Customers the scan considered.
    pub scanned: usize,
    /// Candidate pairs it scored.
    pub comparisons: u64,
    /// Oversized groups it split by name.
    pub skipped_blocks: usize,
    /// Its progress, phase by phase, in the order they came.
    pub phases: Vec<PhaseTally>,
    /// Pairs it reported.
    pub reported: usize,
    /// Planted pairs among them.
    pub found: usize,
    /// Reported pairs that were not planted.
    pub others: Vec<OtherPair>,
    /// Merges done: (survivor, merged duplicate).
    pub merged: Vec<(CustomerId, CustomerId)>,
    /// The duplicate whose merge was undone.
    pub unmerged: Option<CustomerId>,
    /// Old ids that resolve as they should right after (merged ones to
    /// their survivor, the unmerged one to itself), of all merged.
    pub resolving: usize,
    /// The customer forgotten.
    pub erasure: Erasure,
    /// When the shop asked `may_contact`.
    pub contacts_at: DateTime<Utc>,
    /// The may-contact answers.
    pub contacts: Vec<ContactCheck>,
}

impl IdentityReport {
    /// Planted pairs found, of all reported pairs (1 when none was reported).
    #[must_use]
    pub fn precision(&self) -> f64 {
        if self.reported == 0 {
            1.0
        } else {
            self.found as f64 / self.reported as f64
        }
    }

    /// Planted pairs found, of all planted (1 when none was planted).
    #[must_use]
    pub fn recall(&self) -> f64 {
        if self.planted.is_empty() {
            1.0
        } else {
            self.found as f64 / self.planted.len() as f64
        }
    }
}

/// The identity desk.
#[derive(Debug)]
pub struct Identity {
    rng: Rng,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    staff: Staff,
}

impl Identity {
    /// The identity desk of the shop of `cfg`, whose period starts at `start`.
    #[must_use]
    pub fn new(cfg: &ShopConfig, start: DateTime<Utc>, staff: Staff) -> Self {
        Self {
            rng: Rng::new(cfg.seed).fork(0x1D),
            start,
            end: start + Duration::days(i64::from(cfg.days)),
            staff,
        }
    }

    fn agent(&self, i: usize) -> Option<AgentId> {
        let care = &self.staff.care;
        (!care.is_empty()).then(|| care[i % care.len()])
    }

    fn meta(&self, at: DateTime<Utc>, i: usize) -> Meta {
        self.agent(i)
            .map_or_else(|| Meta::system(at), |a| Meta::agent(at, a))
    }

    /// Runs the desk at `at`: the import (from `customers`, in registration
    /// order, never one of `keep`), the scan, the merges, the erasure and the
    /// contact checks (about the first of `keep`, Đức, among others). New
    /// phones come from `gen`.
    ///
    /// # Errors
    /// Any command the workspace refuses (none is expected), or `not_found`
    /// when no customer fits the erasure.
    pub fn run(
        &mut self,
        ws: &mut Workspace,
        gen: &mut CustomerGen,
        at: DateTime<Utc>,
        customers: &[CustomerId],
        keep: &[CustomerId],
    ) -> clientcare::Result<IdentityReport> {
        let rules = DuplicateRules::default();

        // 1. The import: each row checked, then registered.
        let people: Vec<CustomerId> = customers
            .iter()
            .copied()
            .filter(|id| !keep.contains(id))
            .filter(|&id| {
                ws.customer(id).is_ok_and(|c| {
                    c.id == id
                        && c.kind == CustomerKind::Person
                        && !c.archived
                        && c.erased_at.is_none()
                        && (c.emails().next().is_some() || c.phones().next().is_some())
                })
            })
            .collect();
        let wanted = ((people.len() as f64 * DUPLICATE_SHARE).round() as usize)
            .max(MIN_DUPLICATES)
            .min(people.len());
        let mut pool = people.clone();
        let mut sample = Vec::with_capacity(wanted);
        for _ in 0..wanted {
            let i = self.rng.index(pool.len());
            sample.push(pool.swap_remove(i));
        }
        let offset = self.rng.index(RECIPES.len());
        let mut planted = Vec::with_capacity(sample.len());
        let mut flagged = 0;
        let mut t = at;
        for (i, &original) in sample.iter().enumerate() {
            let recipe = RECIPES[(offset + i) % RECIPES.len()];
            let c = ws.customer(original)?;
            let name = c.names.full.clone();
            let (draft, variation) = self.draft(c, recipe, gen);
            let imported_as = draft.full_name.clone();
            let matches = ws.check_duplicates(&draft, &rules)?;
            flagged += usize::from(!matches.is_empty());
            let duplicate = ws.register_customer(Meta::system(t), draft)?;
            planted.push(Planted {
                original,
                duplicate,
                name,
                imported_as,
                variation,
                flagged: matches.iter().any(|m| m.customer == original),
            });
            t += Duration::seconds(20);
        }

        // 2. The scan, compared with what was planted.
        let mut phases: Vec<PhaseTally> = Vec::new();
        let report = ws.scan_duplicates(&rules, &mut |p| {
            match phases.iter_mut().find(|x| x.phase == p.phase) {
                Some(x) => {
                    x.calls += 1;
                    x.done = p.done;
                    x.total = p.total;
                }
                None => phases.push(PhaseTally {
                    phase: p.phase,
                    calls: 1,
                    done: p.done,
                    total: p.total,
                }),
            }
            true
        })?;
        let planted_pairs: BTreeSet<(CustomerId, CustomerId)> = planted
            .iter()
            .flat_map(|p| [(p.original, p.duplicate), (p.duplicate, p.original)])
            .collect();
        let imported: BTreeSet<CustomerId> = planted.iter().map(|p| p.duplicate).collect();
        let mut found_pairs = BTreeSet::new();
        let mut others = Vec::new();
        for pair in &report.pairs {
            if planted_pairs.contains(&(pair.a, pair.b)) {
                found_pairs.insert((pair.a, pair.b));
                found_pairs.insert((pair.b, pair.a));
                continue;
            }
            let name = |id| ws.customer(id).map(|c| c.names.full.clone());
            others.push(OtherPair {
                a: pair.a,
                b: pair.b,
                names: (name(pair.a)?, name(pair.b)?),
                score: pair.score,
                reasons: describe_reasons(&pair.reasons),
                involves_import: imported.contains(&pair.a) || imported.contains(&pair.b),
            });
        }
        let found = report.pairs.len() - others.len();

        // 3. Every planted pair found is merged into the older record; one
        //    merge is undone; the old ids resolve.
        t = t.max(at + Duration::minutes(30));
        let mut merged = Vec::new();
        for p in &planted {
            if !found_pairs.contains(&(p.original, p.duplicate)) {
                continue;
            }
            ws.merge_customers(
                self.meta(t, 0),
                MergeCustomers {
                    survivor: p.original,
                    merged: vec![p.duplicate],
                    rules: Survivorship::default(),
                    reason: Some(MERGE_REASON.into()),
                },
            )?;
            merged.push((p.original, p.duplicate));
            t += Duration::minutes(1);
        }
        let unmerged = if merged.is_empty() {
            None
        } else {
            let (_, dup) = merged[self.rng.index(merged.len())];
            t += Duration::minutes(10);
            ws.unmerge_customers(self.meta(t, 1), dup)?;
            Some(dup)
        };
        let mut resolving = 0;
        for &(survivor, dup) in &merged {
            let expected = if Some(dup) == unmerged { dup } else { survivor };
            resolving += usize::from(ws.customer(dup)?.id == expected);
        }

        // 4. A customer asks to be forgotten.
        t += Duration::minutes(5);
        let mut taken: BTreeSet<CustomerId> = sample.iter().copied().collect();
        taken.extend(keep.iter().copied());
        taken.extend(imported.iter().copied());
        let erasure = self.forget(ws, t, &people, &taken)?;

        // 5. May the shop contact them?
        t += Duration::minutes(5);
        let contacts = Self::contact_checks(ws, t, keep, &erasure)?;

        Ok(IdentityReport {
            at,
            people: people.len(),
            planted,
            flagged,
            scanned: report.customers,
            comparisons: report.comparisons,
            skipped_blocks: report.skipped_blocks,
            phases,
            reported: report.pairs.len(),
            found,
            others,
            merged,
            unmerged,
            resolving,
            erasure,
            contacts_at: t,
            contacts,
        })
    }

    /// The other system's row for `c`, and how it differs.
    fn draft(
        &mut self,
        c: &Customer,
        (name, contacts): (NameStyle, ContactStyle),
        gen: &mut CustomerGen,
    ) -> (RegisterCustomer, String) {
        let full = &c.names.full;
        let (full_name, name_label) = match name {
            NameStyle::Same => (full.clone(), "same name"),
            NameStyle::Upper => (full.to_uppercase(), "in capitals"),
            NameStyle::Plain => (strip_diacritics(full), "no diacritics"),
            NameStyle::GivenFirst => (given_first(full), "given name first"),
            NameStyle::GivenFirstPlain => (
                strip_diacritics(&given_first(full)),
                "given name first, no diacritics",
            ),
            NameStyle::Typo => match with_typo(&mut self.rng, full) {
                Some(n) => (n, "a typo"),
                None => (full.clone(), "same name"),
            },
            NameStyle::PlainTypo => match with_typo(&mut self.rng, &strip_diacritics(full)) {
                Some(n) => (n, "no diacritics, a typo"),
                None => (strip_diacritics(full), "no diacritics"),
            },
        };
        let email = c.emails().next().map(str::to_owned);
        let phone = c.phones().next().map(str::to_owned);
        let mut row = RegisterCustomer {
            full_name,
            allow_shared_contacts: true,
            ..RegisterCustomer::default()
        };
        let mut labels: Vec<&str> = Vec::new();
        let (want_phone, want_mailbox, want_email, new_phone) = match contacts {
            ContactStyle::PhoneAndMailbox => (true, true, false, false),
            ContactStyle::PhoneOnly => (true, false, false, false),
            ContactStyle::Email => (false, false, true, false),
            ContactStyle::MailboxOnly => (false, true, false, false),
            ContactStyle::EmailNewPhone => (false, false, true, true),
            ContactStyle::NewPhoneOnly => (false, false, false, true),
        };
        if let (true, Some(p)) = (want_phone, &phone) {
            row.phones.push(retype_phone(&mut self.rng, p));
            labels.push("same phone typed another way");
        }
        if let (true, Some(e)) = (want_mailbox, &email) {
            row.emails.push(other_provider(&mut self.rng, e));
            labels.push("mailbox at another provider");
        }
        if let (true, Some(e)) = (want_email, &email) {
            row.emails.push(format!(" {} ", e.to_uppercase()));
            labels.push("same email retyped");
        }
        // A row that wanted what the shop's record lacks keeps what it has.
        if labels.is_empty() && contacts != ContactStyle::NewPhoneOnly {
            if let Some(p) = &phone {
                row.phones.push(retype_phone(&mut self.rng, p));
                labels.push("same phone typed another way");
            } else if let Some(e) = &email {
                row.emails.push(format!(" {} ", e.to_uppercase()));
                labels.push("same email retyped");
            }
        }
        if new_phone {
            row.phones.push(gen.mobile());
            labels.push(if labels.is_empty() {
                "only a new phone"
            } else {
                "a new phone"
            });
        }
        (row, format!("{name_label}; {}", labels.join(", ")))
    }

    /// Picks the customer who asks to be forgotten, exports their data and
    /// erases it; checks the log and the complaint volume.
    fn forget(
        &mut self,
        ws: &mut Workspace,
        at: DateTime<Utc>,
        people: &[CustomerId],
        taken: &BTreeSet<CustomerId>,
    ) -> clientcare::Result<Erasure> {
        // Who holds which name, email and phone (merged-away records too).
        let mut holders: BTreeMap<String, usize> = BTreeMap::new();
        for c in ws.customers() {
            let mut mine: BTreeSet<String> = c.emails().map(str::to_owned).collect();
            mine.extend(c.phones().map(str::to_owned));
            mine.insert(c.names.full.clone());
            for v in mine {
                *holders.entry(v).or_insert(0) += 1;
            }
        }
        for a in ws.agents() {
            *holders.entry(a.name.clone()).or_insert(0) += 1;
        }
        let mut fits = Vec::new();
        for &id in people.iter().filter(|id| !taken.contains(id)) {
            let c = ws.customer(id)?;
            if c.archived || c.merged_into.is_some() || c.erased_at.is_some() {
                continue;
            }
            let mut values = vec![c.names.full.clone()];
            values.extend(c.emails().map(str::to_owned));
            values.extend(c.phones().map(str::to_owned));
            if values
                .iter()
                .any(|v| holders.get(v).copied().unwrap_or(0) != 1)
            {
                continue;
            }
            let x = ws.export_customer(id)?;
            if x.complaints.is_empty()
                || x.purchases.is_empty()
                || x.referrals
                    .iter()
                    .any(|r| r.status != ReferralStatus::Rewarded)
            {
                continue;
            }
            // Best: every complaint closed (or cancelled) and no deal open;
            // then: no complaint still being worked on; then anyone.
            let settled = x.complaints.iter().all(|k| k.state.is_final())
                && x.complaints
                    .iter()
                    .any(|k| k.state == ComplaintState::Closed)
                && x.opportunities.iter().all(|o| o.status != StageKind::Open);
            let rank = if settled {
                0
            } else if x.complaints.iter().all(|k| !k.state.is_active()) {
                1
            } else {
                2
            };
            fits.push((rank, id, values));
        }
        let best = fits.iter().map(|(r, _, _)| *r).min();
        fits.retain(|(r, _, _)| Some(*r) == best);
        if fits.is_empty() {
            return Err(clientcare::Error::not_found(
                "customer",
                "a person with complaints and purchases to forget",
            ));
        }
        let (_, customer, values) = fits.swap_remove(self.rng.index(fits.len()));
        let x = ws.export_customer(customer)?;
        let export = vec![
            ("interactions", x.interactions.len()),
            ("complaints", x.complaints.len()),
            ("opportunities", x.opportunities.len()),
            ("purchases", x.purchases.len()),
            ("referrals", x.referrals.len()),
            ("follow_ups", x.follow_ups.len()),
            ("playbook_runs", x.playbook_runs.len()),
            ("surveys", x.surveys.len()),
            ("merged_customers", x.merged_customers.len()),
            ("events", x.events.len()),
        ];
        let forgotten: Vec<String> = values.iter().map(|v| json_string(v)).collect();
        let query = KpiQuery::new(self.start, self.end);
        let before = ws.kpi(VOLUME_KPI, &query)?;
        let present_before = present(&ws.export_jsonl(), &forgotten);
        ws.erase_customer(self.meta(at, 0), customer)?;
        let after = ws.kpi(VOLUME_KPI, &query)?;
        let present_after = present(&ws.export_jsonl(), &forgotten);
        Ok(Erasure {
            customer,
            export,
            forgotten,
            present_before,
            present_after,
            volume: (before, after),
        })
    }

    /// `may_contact` about marketing for Đức (the first of `keep`) on Zalo,
    /// where he said yes; for the first person nobody asked about the
    /// newsletter; for the first customer who unsubscribed from it; and for
    /// the forgotten customer.
    fn contact_checks(
        ws: &Workspace,
        at: DateTime<Utc>,
        keep: &[CustomerId],
        erasure: &Erasure,
    ) -> clientcare::Result<Vec<ContactCheck>> {
        let mut asks: Vec<(CustomerId, Channel, Purpose)> = Vec::new();
        if let Some(&duc) = keep.first() {
            asks.push((duc, Channel::Social, Purpose::Marketing));
        }
        let newsletter = |c: &&Customer| {
            c.merged_into.is_none()
                && !c.archived
                && c.erased_at.is_none()
                && c.kind == CustomerKind::Person
                && !keep.contains(&c.id)
        };
        let never_asked = ws.customers().filter(newsletter).find(|c| {
            c.emails().next().is_some() && c.consent(Channel::Email, Purpose::Marketing).is_none()
        });
        let unsubscribed = ws.customers().filter(newsletter).find(|c| {
            c.consent(Channel::Email, Purpose::Marketing)
                .is_some_and(|k| !k.granted)
        });
        for c in [never_asked, unsubscribed].into_iter().flatten() {
            asks.push((c.id, Channel::Email, Purpose::Marketing));
        }
        asks.push((erasure.customer, Channel::Email, Purpose::Marketing));
        let mut out = Vec::with_capacity(asks.len());
        for (customer, channel, purpose) in asks {
            let d = ws.may_contact(customer, channel, purpose, at)?;
            out.push(ContactCheck {
                who: ws.customer(customer)?.names.shown().to_owned(),
                customer,
                channel,
                purpose,
                allowed: d.allowed,
                reason: d.reason,
                reachable: d.reachable,
            });
        }
        Ok(out)
    }
}

/// `reasons` in a few words: `phone +84…, name 0.93`.
fn describe_reasons(reasons: &[MatchReason]) -> String {
    let parts: Vec<String> = reasons
        .iter()
        .map(|r| match r {
            MatchReason::Email { value } => format!("email {value}"),
            MatchReason::Phone { value } => format!("phone {value}"),
            MatchReason::Name { similarity, .. } => format!("name {similarity:.2}"),
            MatchReason::Address { value } => format!("address {value}"),
            MatchReason::Organization { .. } => "same organisation".into(),
            MatchReason::EmailLocalPart { value } => format!("mailbox {value}@"),
            _ => "other".into(),
        })
        .collect();
    parts.join(", ")
}

/// `v` as a JSON string (quotes and escapes), as the log writes it.
fn json_string(v: &str) -> String {
    let mut s = String::with_capacity(v.len() + 2);
    s.push('"');
    for c in v.chars() {
        match c {
            '"' => s.push_str("\\\""),
            '\\' => s.push_str("\\\\"),
            c if (c as u32) < 0x20 => s.push_str(&format!("\\u{:04x}", c as u32)),
            c => s.push(c),
        }
    }
    s.push('"');
    s
}

/// How many of `values` occur in `text`.
#[must_use]
pub fn present(text: &str, values: &[String]) -> usize {
    values.iter().filter(|v| text.contains(v.as_str())).count()
}

/// The text without diacritics (`đ` too), keeping case, punctuation and
/// other scripts ("정지우" stays as it is).
fn strip_diacritics(s: &str) -> String {
    s.chars()
        .map(|c| {
            // Latin letters with diacritics (Vietnamese ones included).
            let latin = matches!(u32::from(c), 0x00C0..=0x024F | 0x1E00..=0x1EFF);
            let f = fold(&c.to_string());
            if !latin || f.chars().count() != 1 {
                c.to_string()
            } else if c.is_uppercase() {
                f.to_uppercase()
            } else {
                f
            }
        })
        .collect()
}

/// The name with its last word (the given name of a Vietnamese name) first.
fn given_first(full: &str) -> String {
    let mut words: Vec<&str> = full.split_whitespace().collect();
    if let Some(last) = words.pop() {
        words.insert(0, last);
    }
    words.join(" ")
}

/// The name with one typing error in a word of 5 letters or more (never its
/// first letter: people rarely get it wrong); `None` without such a word.
fn with_typo(rng: &mut Rng, full: &str) -> Option<String> {
    let mut words: Vec<String> = full.split_whitespace().map(str::to_owned).collect();
    let long: Vec<usize> = (0..words.len())
        .filter(|&i| words[i].chars().count() >= 5 && words[i].chars().all(char::is_alphabetic))
        .collect();
    if long.is_empty() {
        return None;
    }
    let i = long[rng.index(long.len())];
    let word = words[i].clone();
    for _ in 0..8 {
        let mut c: Vec<char> = word.chars().collect();
        let j = 1 + rng.index(c.len() - 1);
        match rng.below(4) {
            0 => c[j] = (b'a' + rng.below(26) as u8) as char,
            1 => {
                c.remove(j);
            }
            2 => c.insert(j, c[j]),
            _ => {
                if j + 1 < c.len() {
                    c.swap(j, j + 1);
                } else {
                    c.swap(j - 1, j);
                }
            }
        }
        let typed: String = c.into_iter().collect();
        if typed != word {
            words[i] = typed;
            return Some(words.join(" "));
        }
    }
    None
}

/// The E.164 number `e164` typed another way (checked to read back the same).
fn retype_phone(rng: &mut Rng, e164: &str) -> String {
    let digits = e164.trim_start_matches('+');
    let typed = match digits.strip_prefix("84") {
        Some(rest) => {
            let national = format!("0{rest}");
            match national.len() {
                10 => format_vn_mobile(rng, &national),
                11 => format!(
                    "({}) {} {}",
                    &national[..3],
                    &national[3..7],
                    &national[7..]
                ),
                _ => national,
            }
        }
        None => {
            let (cc, rest) = digits.split_at(digits.len().min(2));
            let groups: Vec<String> = rest
                .as_bytes()
                .chunks(3)
                .map(|g| String::from_utf8_lossy(g).into_owned())
                .collect();
            format!("+{cc} {}", groups.join(" "))
        }
    };
    let vn = parse_region("VN").ok();
    if normalize_phone("phone", &typed, vn).ok().as_deref() == Some(e164) {
        typed
    } else {
        e164.to_owned()
    }
}

/// The same mailbox at another provider.
fn other_provider(rng: &mut Rng, email: &str) -> String {
    let (local, domain) = email.rsplit_once('@').unwrap_or((email, ""));
    let mut provider = *rng.pick(PROVIDERS);
    if provider == domain {
        provider = if domain == "gmail.com" {
            "yahoo.com"
        } else {
            "gmail.com"
        };
    }
    format!("{local}@{provider}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variations_read_back() {
        let mut rng = Rng::new(3);
        assert_eq!(strip_diacritics("Nguyễn Văn Đức"), "Nguyen Van Duc");
        assert_eq!(strip_diacritics("Élodie Lefèvre"), "Elodie Lefevre");
        assert_eq!(strip_diacritics("정지우"), "정지우");
        assert_eq!(given_first("Nguyễn Văn Đức"), "Đức Nguyễn Văn");
        let vn = parse_region("VN").ok();
        for e164 in ["+84901234567", "+842838221234", "+33612345678"] {
            for _ in 0..20 {
                let typed = retype_phone(&mut rng, e164);
                assert_eq!(
                    normalize_phone("phone", &typed, vn).ok().as_deref(),
                    Some(e164)
                );
            }
        }
        for _ in 0..50 {
            let t = with_typo(&mut rng, "Nguyễn Văn An").unwrap_or_default();
            assert!(t.starts_with('N') && t.ends_with("Văn An"), "{t}");
            assert_ne!(t, "Nguyễn Văn An");
        }
        assert_eq!(with_typo(&mut rng, "Lê An"), None);
        let other = other_provider(&mut rng, "duc.nguyen12@gmail.com");
        assert!(other.starts_with("duc.nguyen12@") && !other.ends_with("@gmail.com"));
        assert_eq!(json_string("a\"b"), "\"a\\\"b\"");
    }
}
