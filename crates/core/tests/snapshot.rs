//! Workspace snapshots: a snapshot at any sequence number plus the events
//! after it opens a workspace equal to the replay of the whole log (merges,
//! unmerges and erasures before and after the snapshot included); damaged or
//! foreign snapshots are refused with `corrupt_snapshot`, never a panic.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use chrono::{DateTime, TimeZone, Utc};
use clientcare::*;
use common::*;
use serde_json::Value;

fn vnd(x: i64) -> Money {
    Money::new(x, "VND").unwrap()
}

fn ids() -> Box<dyn IdSource> {
    Box::new(SeededIds::new(99))
}

fn time(y: i32, mo: u32, d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, 0, 0).single().unwrap()
}

fn sys(t: DateTime<Utc>) -> Meta {
    Meta::system(t)
}

/// The KPI fixture's story (agents, customers, complaints on an SLA policy
/// and a business calendar, surveys with a custom template, opportunities,
/// purchases, referrals, follow-ups), then: contact points, attributes of
/// every kind, tags, memberships, a loyalty tier with a recurring call
/// plan, an after-sales playbook, a merge, an unmerge, a second merge, an
/// archive and a restore, an erasure, a tick, more activity after them.
fn rich() -> Workspace {
    let fx: Value = serde_json::from_str(include_str!("fixtures/kpi_cases.json")).unwrap();
    let mut ws = Workspace::with_seed(1);
    for step in fx["steps"].as_array().unwrap() {
        let mut cmd = step["command"].clone();
        if cmd["survey"] == "$S1" {
            let first = ws.surveys(&SurveyFilter::default()).unwrap()[0].id;
            cmd["survey"] = Value::String(first.to_string());
        }
        let at: DateTime<Utc> = step["at"].as_str().unwrap().parse().unwrap();
        ws.execute(sys(at), Command::from_json(&cmd).unwrap())
            .unwrap_or_else(|e| panic!("{step}: {e}"));
    }
    let t = |d: u32, h: u32| sys(time(2026, 3, 10 + d, h));
    ws.configure(t(0, 1), Some("VN")).unwrap();
    let agent = ws
        .register_agent(
            t(0, 1),
            RegisterAgent {
                id: None,
                name: "Hoa".into(),
                team: Some("care".into()),
                email: Some("hoa@shop.vn".into()),
            },
        )
        .unwrap();
    let mut attributes = std::collections::BTreeMap::new();
    attributes.insert("note".into(), AttrValue::Text("khách quen".into()));
    attributes.insert("visits".into(), AttrValue::Integer(-3));
    attributes.insert("score".into(), AttrValue::Number(0.1));
    attributes.insert("vip".into(), AttrValue::Bool(true));
    attributes.insert(
        "birthday".into(),
        AttrValue::Date(chrono::NaiveDate::from_ymd_opt(1990, 2, 28).unwrap()),
    );
    attributes.insert("seen".into(), AttrValue::DateTime(time(2026, 1, 2, 3)));
    attributes.insert("credit".into(), AttrValue::Money(vnd(500_000)));
    let duc = ws
        .register_customer(
            t(0, 2),
            RegisterCustomer {
                given_name: Some("Đức".into()),
                family_name: Some("Nguyễn".into()),
                display_name: Some("Anh Đức".into()),
                tags: vec!["vip".into(), "sỉ".into()],
                attributes,
                language: Some("vi".into()),
                time_zone: Some("Asia/Ho_Chi_Minh".into()),
                owner: Some(agent),
                preferred_channel: Some(Channel::Phone),
                contacts: vec![
                    ContactPoint::Address {
                        address: Box::new(PostalAddress {
                            lines: vec!["12 Lê Lợi".into()],
                            city: Some("Hồ Chí Minh".into()),
                            region: None,
                            postal_code: Some("700000".into()),
                            country: Some("VN".into()),
                        }),
                        label: Some("nhà".into()),
                    },
                    ContactPoint::Social {
                        network: Network::Zalo,
                        handle: "ducnv".into(),
                        label: None,
                    },
                ],
                ..person("Nguyễn Văn Đức", "duc@example.vn", "0903 123 456")
            },
        )
        .unwrap();
    let dup = ws
        .register_customer(
            t(0, 3),
            RegisterCustomer {
                tags: vec!["wholesale".into()],
                allow_shared_contacts: true,
                ..person("Duc Nguyen", "duc.nguyen@work.vn", "+84 903 123 456")
            },
        )
        .unwrap();
    let org = ws
        .register_customer(
            t(0, 3),
            RegisterCustomer {
                kind: CustomerKind::Organization,
                full_name: "Công ty TNHH An Phát".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let lan = ws
        .register_customer(
            t(0, 4),
            person("Trần Thị Lan", "lan@example.vn", "0912 000 111"),
        )
        .unwrap();
    let gone = ws
        .register_customer(
            t(0, 4),
            person("Lê Văn Tám", "tam@example.vn", "0913 222 333"),
        )
        .unwrap();
    for (c, ch, p, g) in [
        (duc, Channel::Email, Purpose::Marketing, true),
        (duc, Channel::Email, Purpose::Service, true),
        (dup, Channel::Sms, Purpose::Feedback, true),
        (gone, Channel::Email, Purpose::Service, true),
    ] {
        ws.execute(
            t(0, 5),
            Command::RecordConsent(RecordConsent {
                customer: c,
                channel: ch,
                purpose: p,
                granted: g,
                source: "web form".into(),
            }),
        )
        .unwrap();
    }
    ws.execute(
        t(0, 5),
        Command::AddMembership(AddMembership {
            person: dup,
            organization: org,
            role: Some("buyer".into()),
        }),
    )
    .unwrap();
    ws.execute(
        t(0, 5),
        Command::SetTier(SetTier {
            customer: lan,
            tier: Some("gold".into()),
        }),
    )
    .unwrap();
    for (c, n) in [(duc, 3), (dup, 2), (gone, 2), (lan, 1)] {
        for k in 0..n {
            ws.log_interaction(t(1, 8 + k), {
                let mut i = LogInteraction::new(c, Channel::Social);
                i.network = Some(Network::Facebook);
                i.summary = Some(format!("Hỏi giá lần {k}"));
                i.duration_seconds = Some(60 * k);
                i
            })
            .unwrap();
        }
    }
    let c1 = ws
        .open_complaint(t(1, 9), {
            let mut o = OpenComplaint::new(dup, Channel::Email, "Giao hàng trễ");
            o.description = Some("Khách Duc Nguyen (duc.nguyen@work.vn) phàn nàn".into());
            o
        })
        .unwrap();
    ws.execute(
        t(1, 10),
        Command::RespondToComplaint(RespondToComplaint::new(c1, agent, "Chào anh Đức")),
    )
    .unwrap();
    ws.open_opportunity(
        t(1, 10),
        OpenOpportunity::new(dup, "Bàn ghế", vnd(9_000_000)),
    )
    .unwrap();
    ws.execute(
        t(1, 10),
        Command::ConfigureLoyalty(LoyaltySettings {
            loyal_after_purchases: Some(2),
            tier_rules: vec![TierRule {
                tier: "vip".into(),
                min_spend: Some(vnd(10_000_000)),
                min_purchases: None,
                plan: Some(TierPlan {
                    subject: "Gọi hỏi thăm khách VIP".into(),
                    kind: FollowUpKind::Call,
                    rule: "FREQ=MONTHLY;BYDAY=1MO".parse().unwrap(),
                    time: chrono::NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
                }),
            }],
            window_days: 365,
        }),
    )
    .unwrap();
    let step = |kind, subject: &str, offset_days, channel, purpose| PlaybookStep {
        kind,
        subject: subject.into(),
        offset_days,
        business_days: false,
        channel,
        purpose,
        survey: None,
    };
    ws.execute(
        t(1, 10),
        Command::DefinePlaybook(Playbook {
            key: "after-sale".into(),
            name: Some("Chăm sóc sau bán".into()),
            conditions: PlaybookConditions::default(),
            steps: vec![
                step(
                    StepKind::ThankYou,
                    "Cảm ơn",
                    0,
                    Channel::Email,
                    Purpose::Service,
                ),
                step(
                    StepKind::Survey,
                    "Khảo sát",
                    7,
                    Channel::Sms,
                    Purpose::Feedback,
                ),
                step(
                    StepKind::Promotion,
                    "Mới",
                    30,
                    Channel::Email,
                    Purpose::Marketing,
                ),
            ],
            calendar: Some("office".into()),
            team: Some("care".into()),
        }),
    )
    .unwrap();
    ws.record_purchase(
        t(1, 11),
        RecordPurchase::new(dup, Channel::InPerson, "Sofa da", vnd(12_000_000)),
    )
    .unwrap();
    ws.schedule_follow_up(t(1, 11), {
        let mut f = ScheduleFollowUp::new("Gọi lại", FollowUpKind::Call, time(2026, 3, 15, 3));
        f.customer = Some(dup);
        f.assignee = Some(agent);
        f
    })
    .unwrap();
    ws.record_referral(
        t(1, 12),
        RecordReferral {
            id: None,
            referrer: dup,
            referred: lan,
            note: Some("giới thiệu".into()),
        },
    )
    .unwrap();
    // Merge, undo, merge again.
    let merge = |ws: &mut Workspace, m| {
        ws.merge_customers(
            m,
            MergeCustomers {
                survivor: duc,
                merged: vec![dup],
                rules: Survivorship::default(),
                reason: Some("same person".into()),
            },
        )
        .unwrap();
    };
    merge(&mut ws, t(2, 8));
    ws.unmerge_customers(t(2, 9), dup).unwrap();
    merge(&mut ws, t(2, 10));
    ws.execute(
        t(2, 11),
        Command::ArchiveCustomer(ArchiveCustomer {
            customer: lan,
            reason: Some("moved away".into()),
        }),
    )
    .unwrap();
    ws.execute(
        t(2, 12),
        Command::RestoreCustomer(RestoreCustomer {
            customer: lan,
            allow_shared_contacts: false,
        }),
    )
    .unwrap();
    ws.erase_customer(t(3, 8), gone).unwrap();
    ws.tick(t(9, 8)).unwrap();
    // Activity after the merge and the erasure.
    ws.execute(
        t(10, 8),
        Command::TagCustomer(TagCustomer {
            customer: dup,
            tags: vec!["returning".into()],
        }),
    )
    .unwrap();
    ws.log_interaction(t(10, 9), LogInteraction::new(duc, Channel::Phone))
        .unwrap();
    ws.execute(
        t(10, 9),
        Command::UpdateCustomer(UpdateCustomer {
            customer: lan,
            full_name: Some("Trần Thị Lan Anh".into()),
            ..UpdateCustomer::new(lan)
        }),
    )
    .unwrap();
    ws
}

/// The workspace opened from a snapshot of the log's first `k` events and
/// the whole log.
fn reopened_at(ws: &Workspace, k: usize) -> Workspace {
    let prefix = Workspace::replay(ws.events()[..k].to_vec(), ids()).unwrap();
    let snap = prefix.snapshot();
    assert_eq!(Workspace::snapshot_seq(&snap).unwrap(), k as u64);
    Workspace::from_snapshot(&snap, ws.events().to_vec(), ids())
        .unwrap_or_else(|e| panic!("snapshot at {k}: {e}"))
}

#[test]
fn a_rich_workspace_round_trips_through_its_snapshot() {
    let ws = rich();
    let snap = ws.snapshot();
    let back = Workspace::from_snapshot(&snap, ws.events().to_vec(), ids()).unwrap();
    assert!(back == ws, "the snapshot did not give the same workspace");
    // Same state, same bytes.
    assert_eq!(back.snapshot(), snap);
    assert_eq!(ws.snapshot(), snap);
    // Queries agree (derived data and memos are rebuilt lazily).
    let q: KpiQuery = serde_json::from_value(serde_json::json!({
        "from": "2026-01-01T00:00:00Z", "to": "2026-04-01T00:00:00Z"
    }))
    .unwrap();
    for name in KPI_NAMES {
        let a = serde_json::to_value(ws.kpi(name, &q).unwrap()).unwrap();
        let b = serde_json::to_value(back.kpi(name, &q).unwrap()).unwrap();
        assert_eq!(a, b, "{name}");
    }
    for text in ["nguyen duc", "tran lan", "an phat", "duc.nguyen", "0903"] {
        let a = serde_json::to_value(ws.search_customers(&SearchQuery::new(text)).unwrap());
        let b = serde_json::to_value(back.search_customers(&SearchQuery::new(text)).unwrap());
        assert_eq!(a.unwrap(), b.unwrap(), "{text}");
    }
}

#[test]
fn a_snapshot_at_any_sequence_plus_the_tail_equals_the_replay() {
    let ws = rich();
    let n = ws.events().len();
    let kinds: Vec<&str> = ws.events().iter().map(|e| e.payload.type_name()).collect();
    assert!(kinds.contains(&"customers_merged") && kinds.contains(&"customer_erased"));
    for k in 0..=n {
        let back = reopened_at(&ws, k);
        assert!(back == ws, "snapshot at {k} of {n} + tail differs");
    }
    // The reopened workspace goes on like the original.
    let mut a = reopened_at(&ws, n / 2);
    let mut b = ws.clone();
    a.set_id_source(ids());
    b.set_id_source(ids());
    let more = |w: &mut Workspace| {
        w.register_customer(
            sys(time(2026, 4, 2, 8)),
            person("Phạm Văn Hùng", "hung@example.vn", "0987 654 321"),
        )
        .unwrap()
    };
    assert_eq!(more(&mut a), more(&mut b));
    assert!(a == b);
}

#[test]
fn an_erasure_in_the_tail_redacts_the_log_before_the_snapshot() {
    let mut ws = vn_workspace();
    let c = ws
        .register_customer(
            at(1),
            person("Lê Văn Tám", "tam@example.vn", "0913 222 333"),
        )
        .unwrap();
    ws.log_interaction(at(2), {
        let mut i = LogInteraction::new(c, Channel::Phone);
        i.summary = Some("Anh Tám gọi, số 0913222333".into());
        i
    })
    .unwrap();
    let snap = ws.snapshot();
    let before = ws.events().to_vec();
    ws.erase_customer(at(3), c).unwrap();
    // The store kept the events as they were, then appended the erasure.
    let mut log = before;
    log.push(ws.events().last().unwrap().clone());
    let mut back = Workspace::from_snapshot(&snap, log, ids()).unwrap();
    assert!(back == ws);
    let text = back.export_jsonl();
    assert!(!text.contains("tam@example.vn") && !text.contains("Tám"));
    // The host learns which stored events to rewrite.
    assert_eq!(back.take_rewritten(), vec![2, 3]);
}

#[test]
fn damaged_or_foreign_snapshots_are_refused_with_a_clear_error() {
    let ws = rich();
    let n = ws.events().len();
    let snap = ws.snapshot();
    let events = || ws.events().to_vec();
    let refused = |bytes: &[u8], log: Vec<Event>| -> String {
        let e = Workspace::from_snapshot(bytes, log, ids()).unwrap_err();
        assert_eq!(e.code(), "corrupt_snapshot", "{e}");
        e.to_string()
    };
    let reseal = |mut s: Vec<u8>| {
        let k = s.len() - 4;
        let sum = crc32fast::hash(&s[..k]);
        s[k..].copy_from_slice(&sum.to_le_bytes());
        s
    };
    // Not a snapshot at all.
    assert!(refused(b"{\"v\":1}", events()).contains("magic"));
    assert!(refused(&[], events()).contains("magic"));
    assert!(refused(&snap[..12], events()).contains("truncated"));
    // Another format.
    let mut other = snap.clone();
    other[8] = 2;
    assert!(refused(&other, events()).contains("snapshot format 2 is not supported"));
    // Damaged: a flipped bit, or cut short.
    let mut flipped = snap.clone();
    flipped[snap.len() / 2] ^= 4;
    assert!(refused(&flipped, events()).contains("checksum"));
    assert!(refused(&snap[..snap.len() - 1], events()).contains("checksum"));
    // Another core version (same length), or another layout.
    let v = env!("CARGO_PKG_VERSION");
    assert_eq!(usize::from(snap[10]), v.len());
    let mut version = snap.clone();
    version[11..11 + v.len()].copy_from_slice("9".repeat(v.len()).as_bytes());
    assert!(refused(&reseal(version), events()).contains("written by clientcare 9"));
    let mut layout = snap.clone();
    layout[11 + v.len()] ^= 1;
    assert!(refused(&reseal(layout), events()).contains("another state layout"));
    // Beyond the log, or from another log.
    let short = events()[..n - 1].to_vec();
    assert!(refused(&snap, short).contains(&format!("taken at seq {n} but the log has")));
    let mut other_log = events();
    other_log[n - 1].id = EventId::from_uuid(uuid::Uuid::nil());
    assert!(refused(&snap, other_log).contains("belongs to another log"));
    // A body that passed its checksum but is cut short or has bytes after it.
    let body_end = snap.len() - 4;
    let mut cut = snap[..body_end - 10].to_vec();
    cut.extend_from_slice(&[0; 4]);
    assert!(refused(&reseal(cut), events()).contains("bad body"));
    let mut longer = snap[..body_end].to_vec();
    longer.extend_from_slice(&[0, 0, 0, 0, 0]);
    assert!(refused(&reseal(longer), events()).contains("bytes after the state"));
    // A bad log prefix is the log's fault.
    let mut gap = events();
    gap[3].seq = 40;
    let e = Workspace::from_snapshot(&snap, gap, ids()).unwrap_err();
    assert!(
        matches!(
            e,
            Error::CorruptLog {
                line: 4,
                seq: 4,
                ..
            }
        ),
        "{e}"
    );
    // A bad tail event too (checked as replay checks it).
    let prefix = Workspace::replay(events()[..n - 5].to_vec(), ids()).unwrap();
    let mut bad_tail = events();
    bad_tail[n - 2].seq = 7;
    let e = Workspace::from_snapshot(&prefix.snapshot(), bad_tail, ids()).unwrap_err();
    assert!(
        matches!(e, Error::CorruptLog { line, .. } if line == n - 1),
        "{e}"
    );
}

/// SplitMix64, for reproducible fuzzing without another dependency.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn random_damage_never_panics() {
    let ws = rich();
    let snap = ws.snapshot();
    let events = ws.events().to_vec();
    let mut rng = Rng(7);
    // Plain damage: always caught by the checksum (or the header checks).
    for _ in 0..3000 {
        let mut bad = snap.clone();
        for _ in 0..=rng.below(3) {
            let i = rng.below(bad.len());
            bad[i] ^= 1 << rng.below(8);
        }
        let e = Workspace::from_snapshot(&bad, events.clone(), ids()).unwrap_err();
        assert_eq!(e.code(), "corrupt_snapshot");
    }
    // Damage behind a recomputed checksum reaches the body decoder: it may
    // be refused or decode to another state, but never panics.
    let body = 11 + env!("CARGO_PKG_VERSION").len() + 8 + 8 + 17;
    let mut refused = 0;
    for round in 0..3000 {
        let mut bad = snap.clone();
        let i = body + rng.below(bad.len() - 4 - body);
        match round % 3 {
            0 => bad[i] ^= 1 << rng.below(8),
            1 => bad[i] = rng.next() as u8,
            _ => {
                bad.truncate(i);
                bad.extend_from_slice(&[0; 4]);
            }
        }
        let k = bad.len() - 4;
        let sum = crc32fast::hash(&bad[..k]);
        bad[k..].copy_from_slice(&sum.to_le_bytes());
        if let Err(e) = Workspace::from_snapshot(&bad, events.clone(), ids()) {
            assert!(
                ["corrupt_snapshot", "corrupt_log"].contains(&e.code()),
                "{e}"
            );
            refused += 1;
        }
    }
    assert!(refused > 1000, "only {refused} of 3000 refused");
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Commands over five customers (the identity properties' operations,
    /// with interactions, tiers and archives).
    #[derive(Debug, Clone)]
    enum Op {
        Tag(usize, u8),
        Email(usize, u8),
        Consent(usize, bool),
        Complaint(usize),
        Purchase(usize),
        Interact(usize),
        Tier(usize, u8),
        Archive(usize, bool),
        Merge(usize, usize),
        Unmerge(usize),
        Erase(usize),
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            (0..5usize, 0..4u8).prop_map(|(i, t)| Op::Tag(i, t)),
            (0..5usize, 0..4u8).prop_map(|(i, t)| Op::Email(i, t)),
            (0..5usize, any::<bool>()).prop_map(|(i, g)| Op::Consent(i, g)),
            (0..5usize).prop_map(Op::Complaint),
            (0..5usize).prop_map(Op::Purchase),
            (0..5usize).prop_map(Op::Interact),
            (0..5usize, 0..3u8).prop_map(|(i, t)| Op::Tier(i, t)),
            (0..5usize, any::<bool>()).prop_map(|(i, a)| Op::Archive(i, a)),
            (0..5usize, 0..5usize).prop_map(|(i, j)| Op::Merge(i, j)),
            (0..5usize).prop_map(Op::Unmerge),
            (0..5usize).prop_map(Op::Erase),
        ]
    }

    const NAMES: [&str; 5] = [
        "Nguyễn Văn Đức",
        "Duc Nguyen",
        "Trần Lan",
        "Lê Minh",
        "Đức N.",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// Any history, cut anywhere: snapshot + tail == replay == live.
        #[test]
        fn snapshot_plus_tail_equals_the_live_workspace(
            ops in proptest::collection::vec(op(), 1..40),
            cut in 0.0f64..=1.0,
        ) {
            let mut ws = vn_workspace();
            let mut who = Vec::new();
            for (i, name) in NAMES.iter().enumerate() {
                who.push(ws.register_customer(at(1), RegisterCustomer {
                    full_name: (*name).into(),
                    emails: vec![format!("c{i}@example.vn")],
                    tags: vec!["new".into()],
                    ..Default::default()
                }).unwrap());
            }
            for (k, o) in ops.iter().enumerate() {
                let m = at(10 + i64::try_from(k).unwrap());
                let c = |i: &usize| who[*i];
                let _ = match o {
                    Op::Tag(i, t) => ws.execute(m, Command::TagCustomer(TagCustomer { customer: c(i), tags: vec![format!("t{t}")] })).map(|_| ()),
                    Op::Email(i, t) => ws.execute(m, Command::AddContactPoint(AddContactPoint { customer: c(i), contact: ContactPoint::Email { address: format!("x{t}@example.vn"), label: None }, allow_shared_contacts: true })).map(|_| ()),
                    Op::Consent(i, g) => ws.execute(m, Command::RecordConsent(RecordConsent { customer: c(i), channel: Channel::Email, purpose: Purpose::Marketing, granted: *g, source: "form".into() })).map(|_| ()),
                    Op::Complaint(i) => ws.open_complaint(m, OpenComplaint::new(c(i), Channel::Email, "Trễ")).map(|_| ()),
                    Op::Purchase(i) => ws.record_purchase(m, RecordPurchase::new(c(i), Channel::Web, "Ghế", vnd(100))).map(|_| ()),
                    Op::Interact(i) => ws.log_interaction(m, LogInteraction::new(c(i), Channel::Phone)).map(|_| ()),
                    Op::Tier(i, t) => ws.execute(m, Command::SetTier(SetTier { customer: c(i), tier: (*t > 0).then(|| format!("tier{t}")) })).map(|_| ()),
                    Op::Archive(i, true) => ws.execute(m, Command::ArchiveCustomer(ArchiveCustomer { customer: c(i), reason: None })).map(|_| ()),
                    Op::Archive(i, false) => ws.execute(m, Command::RestoreCustomer(RestoreCustomer { customer: c(i), allow_shared_contacts: true })).map(|_| ()),
                    Op::Merge(i, j) => ws.merge_customers(m, MergeCustomers { survivor: c(i), merged: vec![c(j)], rules: Survivorship::default(), reason: None }),
                    Op::Unmerge(i) => ws.unmerge_customers(m, c(i)),
                    Op::Erase(i) => ws.erase_customer(m, c(i)),
                };
            }
            let n = ws.events().len();
            let k = ((n as f64) * cut) as usize;
            let back = reopened_at(&ws, k.min(n));
            prop_assert!(back == ws, "snapshot at {} of {}", k, n);
            let whole = ws.snapshot();
            let again = Workspace::from_snapshot(&whole, ws.events().to_vec(), ids()).unwrap();
            prop_assert!(again == ws);
            prop_assert_eq!(again.snapshot(), whole);
        }
    }
}

#[test]
fn the_error_says_what_to_do() {
    let e = Workspace::from_snapshot(b"nope", Vec::new(), ids()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "snapshot refused: not a clientcare snapshot (bad magic bytes); open the workspace by replaying its events instead"
    );
}
