//! Property tests: any sequence of commands, valid or not, keeps the two
//! invariants of the event-sourced workspace: a failed command changes
//! nothing, and replaying (or re-importing) the log rebuilds an equal workspace.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use clientcare::*;
use common::*;
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Op {
    Register {
        name: usize,
        email: usize,
        phone: usize,
        shared: bool,
        kind_org: bool,
    },
    Update {
        who: usize,
        display: Option<usize>,
        lang: bool,
    },
    AddEmail {
        who: usize,
        email: usize,
    },
    RemovePhone {
        who: usize,
        phone: usize,
    },
    Consent {
        who: usize,
        granted: bool,
        channel: usize,
    },
    Tag {
        who: usize,
        tag: usize,
        add: bool,
    },
    Lifecycle {
        who: usize,
        to: usize,
    },
    Tier {
        who: usize,
        tier: Option<usize>,
    },
    Archive {
        who: usize,
    },
    Restore {
        who: usize,
        shared: bool,
    },
    Member {
        who: usize,
        org: usize,
    },
    Interact {
        who: usize,
        channel: usize,
        social: bool,
        minutes_ago: i64,
    },
    AgentActive {
        active: bool,
    },
}

const NAMES: [&str; 6] = [
    "Nguyễn Văn Đức",
    "Trần Thị Mai",
    "Lê Minh",
    "Zoë Dubois",
    "Công ty An Phát",
    "Phạm Thu Hà",
];
const EMAILS: [&str; 5] = ["a@x.vn", "B@x.vn", "c@y.com", "not-an-email", "d@x.vn"];
const PHONES: [&str; 5] = [
    "0901234567",
    "+84 90 123 4567",
    "0912345678",
    "123",
    "+33 6 12 34 56 78",
];
const TAGS: [&str; 4] = ["vip", "zalo", "  ", "sỉ"];

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (
            0..6usize,
            0..5usize,
            0..5usize,
            any::<bool>(),
            any::<bool>()
        )
            .prop_map(|(name, email, phone, shared, kind_org)| Op::Register {
                name,
                email,
                phone,
                shared,
                kind_org
            }),
        (0..8usize, proptest::option::of(0..6usize), any::<bool>())
            .prop_map(|(who, display, lang)| Op::Update { who, display, lang }),
        (0..8usize, 0..5usize).prop_map(|(who, email)| Op::AddEmail { who, email }),
        (0..8usize, 0..5usize).prop_map(|(who, phone)| Op::RemovePhone { who, phone }),
        (0..8usize, any::<bool>(), 0..9usize).prop_map(|(who, granted, channel)| Op::Consent {
            who,
            granted,
            channel
        }),
        (0..8usize, 0..4usize, any::<bool>()).prop_map(|(who, tag, add)| Op::Tag { who, tag, add }),
        (0..8usize, 0..5usize).prop_map(|(who, to)| Op::Lifecycle { who, to }),
        (0..8usize, proptest::option::of(0..3usize)).prop_map(|(who, tier)| Op::Tier { who, tier }),
        (0..8usize).prop_map(|who| Op::Archive { who }),
        (0..8usize, any::<bool>()).prop_map(|(who, shared)| Op::Restore { who, shared }),
        (0..8usize, 0..8usize).prop_map(|(who, org)| Op::Member { who, org }),
        (0..8usize, 0..9usize, any::<bool>(), -30..120i64).prop_map(
            |(who, channel, social, minutes_ago)| Op::Interact {
                who,
                channel,
                social,
                minutes_ago
            }
        ),
        any::<bool>().prop_map(|active| Op::AgentActive { active }),
    ]
}

fn pick(ids: &[CustomerId], i: usize) -> CustomerId {
    ids.get(i)
        .copied()
        .unwrap_or_else(|| CustomerId::from_uuid(uuid::Uuid::from_u128(i as u128 + 1)))
}

fn to_command(op: &Op, ids: &[CustomerId], agent: AgentId) -> Command {
    match op.clone() {
        Op::Register {
            name,
            email,
            phone,
            shared,
            kind_org,
        } => Command::RegisterCustomer(RegisterCustomer {
            kind: if kind_org {
                CustomerKind::Organization
            } else {
                CustomerKind::Person
            },
            full_name: NAMES[name].into(),
            emails: vec![EMAILS[email].into()],
            phones: vec![PHONES[phone].into()],
            allow_shared_contacts: shared,
            ..Default::default()
        }),
        Op::Update { who, display, lang } => {
            let mut u = UpdateCustomer::new(pick(ids, who));
            u.display_name = display.map(|d| (d < 6).then(|| NAMES[d].to_owned()));
            u.language = lang.then(|| Some("vi".into()));
            Command::UpdateCustomer(u)
        }
        Op::AddEmail { who, email } => Command::AddContactPoint(AddContactPoint {
            customer: pick(ids, who),
            contact: ContactPoint::Email {
                address: EMAILS[email].into(),
                label: None,
            },
            allow_shared_contacts: false,
        }),
        Op::RemovePhone { who, phone } => Command::RemoveContactPoint(RemoveContactPoint {
            customer: pick(ids, who),
            contact: ContactPoint::Phone {
                number: PHONES[phone].into(),
                label: None,
            },
        }),
        Op::Consent {
            who,
            granted,
            channel,
        } => Command::RecordConsent(RecordConsent {
            customer: pick(ids, who),
            channel: Channel::ALL[channel],
            purpose: Purpose::Marketing,
            granted,
            source: "test".into(),
        }),
        Op::Tag { who, tag, add } => {
            let t = TagCustomer {
                customer: pick(ids, who),
                tags: vec![TAGS[tag].into()],
            };
            if add {
                Command::TagCustomer(t)
            } else {
                Command::UntagCustomer(t)
            }
        }
        Op::Lifecycle { who, to } => Command::ChangeLifecycle(ChangeLifecycle {
            customer: pick(ids, who),
            to: Lifecycle::ALL[to],
            reason: None,
        }),
        Op::Tier { who, tier } => Command::SetTier(SetTier {
            customer: pick(ids, who),
            tier: tier.map(|t| ["gold", "silver", ""][t].to_owned()),
        }),
        Op::Archive { who } => Command::ArchiveCustomer(ArchiveCustomer {
            customer: pick(ids, who),
            reason: None,
        }),
        Op::Restore { who, shared } => Command::RestoreCustomer(RestoreCustomer {
            customer: pick(ids, who),
            allow_shared_contacts: shared,
        }),
        Op::Member { who, org } => Command::AddMembership(AddMembership {
            person: pick(ids, who),
            organization: pick(ids, org),
            role: None,
        }),
        Op::Interact {
            who,
            channel,
            social,
            minutes_ago,
        } => {
            let mut i = LogInteraction::new(pick(ids, who), Channel::ALL[channel]);
            i.network = social.then_some(Network::Tiktok);
            i.agent = Some(agent);
            i.occurred_at = Some(at(1000 - minutes_ago).at);
            Command::LogInteraction(i)
        }
        Op::AgentActive { active } => Command::UpdateAgent(UpdateAgent {
            agent,
            name: None,
            team: None,
            active: Some(active),
        }),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn failed_commands_change_nothing_and_replay_rebuilds(ops in proptest::collection::vec(op(), 1..40)) {
        let mut ws = vn_workspace();
        let agent = ws.register_agent(at(0), RegisterAgent { name: "Agent".into(), ..Default::default() }).unwrap();
        let mut ids: Vec<CustomerId> = Vec::new();
        for (i, op) in ops.iter().enumerate() {
            let cmd = to_command(op, &ids, agent);
            let before = ws.clone();
            match ws.execute(at(1000 + i as i64), cmd) {
                Ok(out) => {
                    if let Some(EntityRef::Customer(id)) = out.created { ids.push(id); }
                    prop_assert_eq!(ws.seq(), before.seq() + out.events as u64);
                }
                Err(e) => {
                    prop_assert!(["invalid_input", "not_found", "conflict", "invalid_transition"].contains(&e.code()), "{}", e);
                    prop_assert!(ws == before, "failed command {:?} changed the workspace", op);
                }
            }
        }
        // No two active customers share an email or phone unless someone allowed it.
        let replayed = Workspace::replay(ws.events().to_vec(), Box::new(SeededIds::new(99))).unwrap();
        prop_assert!(replayed == ws);
        let imported = Workspace::import_jsonl(&ws.export_jsonl(), Box::new(SeededIds::new(98))).unwrap();
        prop_assert!(imported == ws);
    }

    #[test]
    fn fold_is_idempotent_and_ascii(s in "\\PC{0,40}") {
        let f = clientcare::text::fold(&s);
        prop_assert!(f.is_ascii());
        prop_assert_eq!(clientcare::text::fold(&f), f.clone());
        prop_assert!(!f.starts_with(' ') && !f.ends_with(' ') && !f.contains("  "));
    }

    #[test]
    fn import_never_panics_on_garbage(lines in proptest::collection::vec("\\PC{0,80}", 0..5)) {
        let _ = Workspace::import_jsonl(&lines.join("\n"), Box::new(SeededIds::new(1)));
    }
}
