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

// ----- complaints: a random walk over the state machine -----

#[derive(Debug, Clone)]
enum COp {
    Open {
        priority: usize,
        follows: Option<usize>,
    },
    State {
        which: usize,
        to: usize,
    },
    Respond {
        which: usize,
        public: bool,
        automated: bool,
    },
    Message {
        which: usize,
        minutes_ago: i64,
    },
    Resolve {
        which: usize,
        refund: i64,
    },
    Reopen {
        which: usize,
    },
    Close {
        which: usize,
    },
    Cancel {
        which: usize,
        reason: usize,
    },
    Merge {
        which: usize,
        into: usize,
    },
    Escalate {
        which: usize,
        level: Option<u8>,
    },
    Priority {
        which: usize,
        priority: usize,
    },
    Tick,
}

fn cop() -> impl Strategy<Value = COp> {
    prop_oneof![
        (0..4usize, proptest::option::of(0..6usize))
            .prop_map(|(priority, follows)| COp::Open { priority, follows }),
        (0..6usize, 0..8usize).prop_map(|(which, to)| COp::State { which, to }),
        (0..6usize, any::<bool>(), any::<bool>()).prop_map(|(which, public, automated)| {
            COp::Respond {
                which,
                public,
                automated,
            }
        }),
        (0..6usize, -5..600i64)
            .prop_map(|(which, minutes_ago)| COp::Message { which, minutes_ago }),
        (0..6usize, -1..50_000i64).prop_map(|(which, refund)| COp::Resolve { which, refund }),
        (0..6usize).prop_map(|which| COp::Reopen { which }),
        (0..6usize).prop_map(|which| COp::Close { which }),
        (0..6usize, 0..4usize).prop_map(|(which, reason)| COp::Cancel { which, reason }),
        (0..6usize, 0..6usize).prop_map(|(which, into)| COp::Merge { which, into }),
        (0..6usize, proptest::option::of(0..11u8))
            .prop_map(|(which, level)| COp::Escalate { which, level }),
        (0..6usize, 0..4usize).prop_map(|(which, priority)| COp::Priority { which, priority }),
        Just(COp::Tick),
    ]
}

fn pick_c(ids: &[ComplaintId], i: usize) -> ComplaintId {
    ids.get(i)
        .copied()
        .unwrap_or_else(|| ComplaintId::from_uuid(uuid::Uuid::from_u128(i as u128 + 7)))
}

fn to_ccommand(
    op: &COp,
    ids: &[ComplaintId],
    customer: CustomerId,
    agent: AgentId,
    t: i64,
) -> Command {
    let p = |i: usize| Priority::ALL[i % Priority::ALL.len()];
    match op.clone() {
        COp::Open { priority, follows } => {
            let mut c = OpenComplaint::new(customer, Channel::Email, "Hàng lỗi");
            c.priority = p(priority);
            c.follows = follows.map(|f| pick_c(ids, f));
            Command::OpenComplaint(c)
        }
        COp::State { which, to } => Command::ChangeComplaintState(ChangeComplaintState {
            complaint: pick_c(ids, which),
            to: ComplaintState::ALL[to],
            reason: None,
        }),
        COp::Respond {
            which,
            public,
            automated,
        } => {
            let mut r = RespondToComplaint::new(pick_c(ids, which), agent, "ok");
            r.public = public;
            r.automated = automated;
            Command::RespondToComplaint(r)
        }
        COp::Message { which, minutes_ago } => Command::AddCustomerMessage(AddCustomerMessage {
            complaint: pick_c(ids, which),
            channel: None,
            body: "hello".into(),
            occurred_at: Some(at(t - minutes_ago).at),
            interaction: None,
        }),
        COp::Resolve { which, refund } => Command::ResolveComplaint(ResolveComplaint {
            complaint: pick_c(ids, which),
            category: "fixed".into(),
            note: None,
            compensation: vec![Compensation {
                kind: CompensationKind::Refund,
                value: Money {
                    amount_minor: refund,
                    currency: "VND".into(),
                },
                note: None,
            }],
        }),
        COp::Reopen { which } => Command::ReopenComplaint(ReopenComplaint {
            complaint: pick_c(ids, which),
            reason: None,
        }),
        COp::Close { which } => Command::CloseComplaint(CloseComplaint {
            complaint: pick_c(ids, which),
        }),
        COp::Cancel { which, reason } => Command::CancelComplaint(CancelComplaint {
            complaint: pick_c(ids, which),
            reason: CancelReason::ALL[reason],
            note: None,
        }),
        COp::Merge { which, into } => Command::MergeComplaint(MergeComplaint {
            complaint: pick_c(ids, which),
            into: pick_c(ids, into),
        }),
        COp::Escalate { which, level } => Command::EscalateComplaint(EscalateComplaint {
            complaint: pick_c(ids, which),
            level,
            reassign_to: None,
            team: None,
            reason: "SLA".into(),
        }),
        COp::Priority { which, priority } => Command::UpdateComplaint(UpdateComplaint {
            complaint: pick_c(ids, which),
            subject: None,
            description: None,
            category: None,
            priority: Some(p(priority)),
            tags: None,
        }),
        COp::Tick => Command::Tick(Tick {}),
    }
}

/// The state a complaint event moves to, if it moves one.
fn moves(p: &EventPayload) -> Option<(Option<ComplaintState>, ComplaintState)> {
    match p {
        EventPayload::ComplaintStateChanged { from, to, .. } => Some((Some(*from), *to)),
        EventPayload::ComplaintResolved { from, .. } => {
            Some((Some(*from), ComplaintState::Resolved))
        }
        EventPayload::ComplaintCancelled { from, .. } => {
            Some((Some(*from), ComplaintState::Cancelled))
        }
        EventPayload::ComplaintMerged { from, .. } => Some((Some(*from), ComplaintState::Merged)),
        EventPayload::ComplaintReopened { .. } => Some((None, ComplaintState::Open)),
        EventPayload::ComplaintClosed { .. } => Some((None, ComplaintState::Closed)),
        _ => None,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn complaints_move_only_along_allowed_transitions(ops in proptest::collection::vec(cop(), 1..50)) {
        let mut ws = vn_workspace();
        let agent = ws.register_agent(at(0), RegisterAgent { name: "Agent".into(), ..Default::default() }).unwrap();
        let customer = ws.register_customer(at(0), person("Lê Minh", "minh@x.vn", "0901234567")).unwrap();
        ws.define_calendar(at(0), "all", CalendarSpec::always_open("Asia/Ho_Chi_Minh")).unwrap();
        let mut policy = SlaPolicy::new("p", "all", Targets { first_response_minutes: Some(30), next_response_minutes: Some(20), resolution_minutes: Some(240) });
        policy.warn_before_minutes = Some(10);
        policy.escalations = vec![
            EscalationRule { on: TriggerOn::Warning, metric: None, level: 1, reassign_to: None, team: None, notify: Some("lead".into()) },
            EscalationRule { on: TriggerOn::Breach, metric: None, level: 2, reassign_to: Some(agent), team: None, notify: None },
        ];
        ws.define_sla_policy(at(0), policy).unwrap();
        let mut ids: Vec<ComplaintId> = Vec::new();
        for (i, op) in ops.iter().enumerate() {
            let t = 1000 + 7 * i as i64;
            let cmd = to_ccommand(op, &ids, customer, agent, t);
            let before = ws.clone();
            match ws.execute(at(t), cmd) {
                Ok(out) => {
                    if let Some(EntityRef::Complaint(id)) = out.created { ids.push(id); }
                    for ev in ws.events_since(before.seq()) {
                        let EntityRef::Complaint(id) = ev.entity else { continue };
                        let Some((from, to)) = moves(&ev.payload) else { continue };
                        let was = before.complaint(id).map(|c| c.state).unwrap_or(ComplaintState::New);
                        if let Some(f) = from { prop_assert_eq!(f, was); }
                        let action = match to {
                            ComplaintState::Resolved => "resolve",
                            ComplaintState::Cancelled => "cancel",
                            ComplaintState::Merged => "merge",
                            ComplaintState::Open if was == ComplaintState::Resolved => "reopen",
                            ComplaintState::Closed => "close",
                            other => other.as_str(),
                        };
                        // A tick in the same command may move several; only
                        // check the ones whose state before is the one recorded.
                        if before.complaint(id).is_ok() && ws.events_since(before.seq()).iter().filter(|e| e.entity == ev.entity && moves(&e.payload).is_some()).count() == 1 {
                            prop_assert!(was.allowed_actions().iter().any(|a| a == action), "{was} -> {action} is not allowed");
                        }
                    }
                }
                Err(e) => {
                    prop_assert!(["invalid_input", "not_found", "conflict", "invalid_transition"].contains(&e.code()), "{}", e);
                    prop_assert!(ws == before, "failed command {:?} changed the workspace", op);
                }
            }
        }
        let replayed = Workspace::replay(ws.events().to_vec(), Box::new(SeededIds::new(99))).unwrap();
        prop_assert!(replayed == ws);
        let imported = Workspace::import_jsonl(&ws.export_jsonl(), Box::new(SeededIds::new(98))).unwrap();
        prop_assert!(imported == ws);
        // A second tick at the same instant adds nothing.
        let mut again = ws.clone();
        let t = at(2000);
        again.tick(t).unwrap();
        prop_assert_eq!(again.tick(t).unwrap(), 0);
    }
}
