#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Complaint lifecycle: states, messages, resolution, reopen, cancel, merge,
//! escalation, queue views and history.

mod common;
use chrono::Duration;
use clientcare::*;
use common::*;

struct Fx {
    ws: Workspace,
    agent: AgentId,
    other_agent: AgentId,
    customer: CustomerId,
}

fn fx() -> Fx {
    let mut ws = vn_workspace();
    let agent = ws
        .register_agent(
            at(0),
            RegisterAgent {
                name: "Lan".into(),
                team: Some("care".into()),
                ..Default::default()
            },
        )
        .unwrap();
    let other_agent = ws
        .register_agent(
            at(0),
            RegisterAgent {
                name: "Minh".into(),
                team: Some("care-2".into()),
                ..Default::default()
            },
        )
        .unwrap();
    let customer = ws
        .register_customer(
            at(1),
            person("Nguyễn Văn Đức", "duc@example.vn", "0901234567"),
        )
        .unwrap();
    Fx {
        ws,
        agent,
        other_agent,
        customer,
    }
}

fn open(f: &mut Fx, minute: i64, subject: &str) -> ComplaintId {
    f.ws.open_complaint(
        at(minute),
        OpenComplaint::new(f.customer, Channel::Phone, subject),
    )
    .unwrap()
}

fn run(f: &mut Fx, minute: i64, cmd: Command) -> Result<Outcome> {
    f.ws.execute(at(minute), cmd)
}

fn state(f: &Fx, id: ComplaintId) -> ComplaintState {
    f.ws.complaint(id).unwrap().state
}

#[test]
fn a_complaint_opens_new_and_the_first_human_public_response_opens_it() {
    let mut f = fx();
    let id = open(&mut f, 10, "Giao hàng trễ");
    let c = f.ws.complaint(id).unwrap();
    assert_eq!(c.state, ComplaintState::New);
    assert_eq!(c.received_at, at(10).at);
    assert_eq!(c.priority, Priority::Normal);

    // An automated acknowledgement and an internal note do not count.
    let mut ack = RespondToComplaint::new(id, f.agent, "Chúng tôi đã nhận được phản ánh");
    ack.agent = None;
    ack.automated = true;
    run(&mut f, 11, Command::RespondToComplaint(ack)).unwrap();
    let mut note = RespondToComplaint::new(id, f.agent, "check the courier");
    note.public = false;
    run(&mut f, 12, Command::RespondToComplaint(note)).unwrap();
    assert_eq!(state(&f, id), ComplaintState::New);
    assert_eq!(f.ws.complaint(id).unwrap().first_response_at, None);

    let agent = f.agent;
    let out = run(
        &mut f,
        20,
        Command::RespondToComplaint(RespondToComplaint::new(id, agent, "Xin lỗi anh")),
    )
    .unwrap();
    assert_eq!(out.events, 2, "the message and the move to open");
    let c = f.ws.complaint(id).unwrap();
    assert_eq!(c.state, ComplaintState::Open);
    assert_eq!(c.first_response_at, Some(at(20).at));
    assert_eq!(c.messages.len(), 3);
    assert!(c.messages[2].counts_as_response());
    assert!(!c.messages[0].counts_as_response());
}

#[test]
fn a_response_by_a_person_needs_its_agent() {
    let mut f = fx();
    let id = open(&mut f, 10, "Hỏng hàng");
    let mut r = RespondToComplaint::new(id, f.agent, "hi");
    r.agent = None;
    let before = f.ws.clone();
    let err = run(&mut f, 11, Command::RespondToComplaint(r.clone())).unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    assert_eq!(f.ws, before);
    // Issued by the agent itself, the agent is taken from the actor.
    f.ws.execute(
        Meta::agent(at(12).at, f.agent),
        Command::RespondToComplaint(r),
    )
    .unwrap();
    assert_eq!(f.ws.complaint(id).unwrap().messages[0].agent, Some(f.agent));
}

#[test]
fn invalid_transitions_name_the_current_state_and_the_allowed_actions() {
    let mut f = fx();
    let id = open(&mut f, 10, "Sai hóa đơn");
    let err = run(
        &mut f,
        11,
        Command::ReopenComplaint(ReopenComplaint {
            complaint: id,
            reason: None,
        }),
    )
    .unwrap_err();
    match &err {
        Error::InvalidTransition {
            current, allowed, ..
        } => {
            assert_eq!(current, "new");
            assert_eq!(
                allowed,
                &[
                    "open",
                    "in_progress",
                    "waiting_on_customer",
                    "resolve",
                    "cancel",
                    "merge"
                ]
            );
        }
        other => panic!("expected invalid_transition, got {other:?}"),
    }
    // Moving to the state it is in is refused too.
    let err = run(
        &mut f,
        11,
        Command::ChangeComplaintState(ChangeComplaintState {
            complaint: id,
            to: ComplaintState::New,
            reason: None,
        }),
    )
    .unwrap_err();
    assert_eq!(err.code(), "invalid_input", "new is not a working target");
    let err = run(
        &mut f,
        11,
        Command::ChangeComplaintState(ChangeComplaintState {
            complaint: id,
            to: ComplaintState::Resolved,
            reason: None,
        }),
    )
    .unwrap_err();
    assert!(err.to_string().contains("resolve_complaint"), "{err}");
}

fn resolve(f: &mut Fx, minute: i64, id: ComplaintId) -> Result<Outcome> {
    run(
        f,
        minute,
        Command::ResolveComplaint(ResolveComplaint {
            complaint: id,
            category: "refunded".into(),
            note: Some("Hoàn tiền phí giao hàng".into()),
            compensation: vec![Compensation {
                kind: CompensationKind::Refund,
                value: Money::new(30_000, "vnd").unwrap(),
                note: None,
            }],
        }),
    )
}

#[test]
fn resolve_reopen_within_the_window_then_close_for_good() {
    let mut f = fx();
    let id = open(&mut f, 10, "Giao hàng trễ");
    resolve(&mut f, 60, id).unwrap();
    let c = f.ws.complaint(id).unwrap();
    assert_eq!(c.state, ComplaintState::Resolved);
    assert_eq!(c.resolutions[0].compensation[0].value.currency, "VND");
    assert_eq!(c.resolved_at(), Some(at(60).at));

    run(
        &mut f,
        120,
        Command::ReopenComplaint(ReopenComplaint {
            complaint: id,
            reason: Some("still late".into()),
        }),
    )
    .unwrap();
    let c = f.ws.complaint(id).unwrap();
    assert_eq!((c.state, c.reopen_count), (ComplaintState::Open, 1));
    resolve(&mut f, 180, id).unwrap();
    assert_eq!(f.ws.complaint(id).unwrap().resolutions.len(), 2);

    // After the window (168 h by default) it cannot be reopened.
    let late = 180 + 169 * 60;
    let err = run(
        &mut f,
        late,
        Command::ReopenComplaint(ReopenComplaint {
            complaint: id,
            reason: None,
        }),
    )
    .unwrap_err();
    assert_eq!(err.code(), "invalid_transition");
    assert!(err.to_string().contains("reopen window ended"), "{err}");

    run(
        &mut f,
        late,
        Command::CloseComplaint(CloseComplaint { complaint: id }),
    )
    .unwrap();
    assert_eq!(state(&f, id), ComplaintState::Closed);
    let err = run(
        &mut f,
        late + 1,
        Command::ReopenComplaint(ReopenComplaint {
            complaint: id,
            reason: None,
        }),
    )
    .unwrap_err();
    assert!(err.to_string().contains("stays closed"), "{err}");

    // A new complaint follows the closed one.
    let mut next = OpenComplaint::new(f.customer, Channel::Email, "Lại giao trễ");
    next.follows = Some(id);
    let n = f.ws.open_complaint(at(late + 2), next).unwrap();
    assert_eq!(f.ws.complaint(n).unwrap().follows, Some(id));
}

#[test]
fn the_reopen_window_is_configurable() {
    let mut f = fx();
    run(
        &mut f,
        0,
        Command::ConfigureComplaints(ConfigureComplaints {
            reopen_window_hours: Some(1),
            auto_close_after_hours: None,
        }),
    )
    .unwrap();
    assert_eq!(f.ws.complaint_settings().reopen_window_hours, 1);
    let id = open(&mut f, 10, "x");
    resolve(&mut f, 20, id).unwrap();
    let reopen = Command::ReopenComplaint(ReopenComplaint {
        complaint: id,
        reason: None,
    });
    assert_eq!(
        run(&mut f, 81, reopen.clone()).unwrap_err().code(),
        "invalid_transition"
    );
    run(&mut f, 80, reopen).unwrap();
}

#[test]
fn waiting_on_the_customer_resumes_the_working_state_when_they_answer() {
    let mut f = fx();
    let id = open(&mut f, 10, "Bảo hành");
    for (m, to) in [
        (11, ComplaintState::InProgress),
        (12, ComplaintState::WaitingOnCustomer),
    ] {
        run(
            &mut f,
            m,
            Command::ChangeComplaintState(ChangeComplaintState {
                complaint: id,
                to,
                reason: None,
            }),
        )
        .unwrap();
    }
    let out = run(
        &mut f,
        30,
        Command::AddCustomerMessage(AddCustomerMessage {
            complaint: id,
            channel: Some(Channel::Sms),
            body: "Số serial là 123".into(),
            occurred_at: None,
            interaction: None,
        }),
    )
    .unwrap();
    assert_eq!(out.events, 2);
    assert_eq!(state(&f, id), ComplaintState::InProgress);
}

#[test]
fn cancel_and_merge() {
    let mut f = fx();
    let a = open(&mut f, 10, "A");
    let b = open(&mut f, 11, "B");
    let spam = open(&mut f, 12, "S");
    let err = run(
        &mut f,
        13,
        Command::CancelComplaint(CancelComplaint {
            complaint: spam,
            reason: CancelReason::Other,
            note: None,
        }),
    )
    .unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    run(
        &mut f,
        13,
        Command::CancelComplaint(CancelComplaint {
            complaint: spam,
            reason: CancelReason::Spam,
            note: None,
        }),
    )
    .unwrap();
    assert_eq!(state(&f, spam), ComplaintState::Cancelled);
    assert_eq!(
        f.ws.complaint(spam).unwrap().cancelled,
        Some(Cancellation {
            reason: CancelReason::Spam,
            note: None
        })
    );

    let err = run(
        &mut f,
        14,
        Command::MergeComplaint(MergeComplaint {
            complaint: a,
            into: a,
        }),
    )
    .unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    let err = run(
        &mut f,
        14,
        Command::MergeComplaint(MergeComplaint {
            complaint: a,
            into: spam,
        }),
    )
    .unwrap_err();
    assert_eq!(err.code(), "invalid_transition");
    run(
        &mut f,
        14,
        Command::MergeComplaint(MergeComplaint {
            complaint: b,
            into: a,
        }),
    )
    .unwrap();
    assert_eq!(state(&f, b), ComplaintState::Merged);
    assert_eq!(f.ws.complaint(b).unwrap().merged_into, Some(a));
    assert_eq!(f.ws.complaint(a).unwrap().merged_from, vec![b]);
    // The merge shows in both histories.
    let last = |id| {
        f.ws.complaint_history(id)
            .unwrap()
            .last()
            .unwrap()
            .payload
            .type_name()
    };
    assert_eq!(last(a), "complaint_merged");
    assert_eq!(last(b), "complaint_merged");

    // Complaints of another customer cannot be merged.
    let other =
        f.ws.register_customer(at(15), person("Trần Thị B", "b@example.vn", "0912345678"))
            .unwrap();
    let o =
        f.ws.open_complaint(at(16), OpenComplaint::new(other, Channel::Web, "C"))
            .unwrap();
    let err = run(
        &mut f,
        17,
        Command::MergeComplaint(MergeComplaint {
            complaint: o,
            into: a,
        }),
    )
    .unwrap_err();
    assert_eq!(err.code(), "invalid_input");
}

#[test]
fn escalation_raises_the_level_and_may_reassign() {
    let mut f = fx();
    let id = open(&mut f, 10, "VIP");
    let esc = |level, reason: &str| {
        Command::EscalateComplaint(EscalateComplaint {
            complaint: id,
            level,
            reassign_to: None,
            team: None,
            reason: reason.into(),
        })
    };
    run(&mut f, 11, esc(None, "angry customer")).unwrap();
    assert_eq!(f.ws.complaint(id).unwrap().escalation_level, 1);
    assert_eq!(
        run(&mut f, 12, esc(Some(1), "again")).unwrap_err().code(),
        "invalid_input"
    );
    assert_eq!(
        run(&mut f, 12, esc(Some(2), " ")).unwrap_err().code(),
        "invalid_input"
    );
    let other = f.other_agent;
    run(
        &mut f,
        13,
        Command::EscalateComplaint(EscalateComplaint {
            complaint: id,
            level: Some(3),
            reassign_to: Some(other),
            team: Some("supervisors".into()),
            reason: "needs a supervisor".into(),
        }),
    )
    .unwrap();
    let c = f.ws.complaint(id).unwrap();
    assert_eq!(c.escalation_level, 3);
    assert_eq!(c.assignee, Some(f.other_agent));
    assert_eq!(c.team.as_deref(), Some("supervisors"));
}

#[test]
fn bad_input_changes_nothing() {
    let mut f = fx();
    let id = open(&mut f, 10, "x");
    let before = f.ws.clone();
    let bad = [
        Command::ResolveComplaint(ResolveComplaint {
            complaint: id,
            category: "refunded".into(),
            note: None,
            compensation: vec![Compensation {
                kind: CompensationKind::Voucher,
                value: Money {
                    amount_minor: -1,
                    currency: "VND".into(),
                },
                note: None,
            }],
        }),
        Command::OpenComplaint(OpenComplaint::new(f.customer, Channel::Phone, "  ")),
        Command::AddCustomerMessage(AddCustomerMessage {
            complaint: id,
            channel: None,
            body: "early".into(),
            occurred_at: Some(at(5).at),
            interaction: None,
        }),
        Command::AddCustomerMessage(AddCustomerMessage {
            complaint: id,
            channel: None,
            body: "future".into(),
            occurred_at: Some(at(60).at),
            interaction: None,
        }),
    ];
    for cmd in bad {
        let err = f.ws.execute(at(20), cmd).unwrap_err();
        assert_eq!(err.code(), "invalid_input", "{err}");
        assert_eq!(f.ws, before);
    }
    let unknown = ComplaintId::from_uuid(uuid::Uuid::from_u128(1));
    let err = run(
        &mut f,
        20,
        Command::CloseComplaint(CloseComplaint { complaint: unknown }),
    )
    .unwrap_err();
    assert_eq!(err.code(), "not_found");
    assert_eq!(f.ws, before);
}

#[test]
fn queue_views_filter_sort_and_page() {
    let mut f = fx();
    let mut ids = Vec::new();
    for (i, p) in [
        Priority::Low,
        Priority::Urgent,
        Priority::Normal,
        Priority::High,
        Priority::Urgent,
    ]
    .into_iter()
    .enumerate()
    {
        let mut c = OpenComplaint::new(f.customer, Channel::Email, &format!("c{i}"));
        c.priority = p;
        c.assignee = (i % 2 == 0).then_some(f.agent);
        c.team = Some(if i < 3 { "care" } else { "billing" }.into());
        c.received_at = Some(at(i64::try_from(i).unwrap() * 10).at);
        ids.push(f.ws.open_complaint(at(100), c).unwrap());
    }
    resolve(&mut f, 110, ids[4]).unwrap();
    let all = |sort| {
        f.ws.list_complaints(&ComplaintFilter::default(), sort, PageRequest::default())
            .unwrap()
            .items
            .iter()
            .map(|c| c.id)
            .collect::<Vec<_>>()
    };
    assert_eq!(all(ComplaintSort::Oldest), ids[..4].to_vec());
    assert_eq!(
        all(ComplaintSort::Priority),
        vec![ids[1], ids[3], ids[2], ids[0]]
    );
    assert_eq!(
        all(ComplaintSort::Newest),
        vec![ids[3], ids[2], ids[1], ids[0]]
    );
    let mine = ComplaintFilter {
        assignee: Some(f.agent),
        ..Default::default()
    };
    let page =
        f.ws.list_complaints(
            &mine,
            ComplaintSort::Oldest,
            PageRequest {
                after: None,
                limit: 1,
            },
        )
        .unwrap();
    assert_eq!(page.items[0].id, ids[0]);
    let page2 =
        f.ws.list_complaints(
            &mine,
            ComplaintSort::Oldest,
            PageRequest {
                after: page.next,
                limit: 1,
            },
        )
        .unwrap();
    assert_eq!(page2.items[0].id, ids[2]);
    assert_eq!(page2.next, None);
    let billing = ComplaintFilter {
        team: Some("billing".into()),
        states: vec![ComplaintState::Resolved, ComplaintState::New],
        ..Default::default()
    };
    let got: Vec<_> =
        f.ws.list_complaints(&billing, ComplaintSort::Oldest, PageRequest::default())
            .unwrap()
            .items
            .iter()
            .map(|c| c.id)
            .collect();
    assert_eq!(got, vec![ids[3], ids[4]]);
    let old = ComplaintFilter {
        received_before: Some(at(15).at),
        unassigned: false,
        ..Default::default()
    };
    assert_eq!(
        f.ws.list_complaints(&old, ComplaintSort::Oldest, PageRequest::default())
            .unwrap()
            .items
            .len(),
        2
    );
    assert_eq!(f.ws.complaints_of(f.customer).unwrap().len(), 5);
    let err =
        f.ws.list_complaints(
            &mine,
            ComplaintSort::Oldest,
            PageRequest {
                after: Some(ids[1]),
                limit: 5,
            },
        )
        .unwrap_err();
    assert_eq!(err.code(), "invalid_input");
}

#[test]
fn history_timeline_replay_and_round_trip() {
    let mut f = fx();
    let i =
        f.ws.log_interaction(at(5), LogInteraction::new(f.customer, Channel::Phone))
            .unwrap();
    let mut oc = OpenComplaint::new(f.customer, Channel::Phone, "Máy lạnh hỏng");
    oc.interactions = vec![i];
    oc.category = Some("product_quality".into());
    let id = f.ws.open_complaint(at(10), oc).unwrap();
    let agent = f.agent;
    run(
        &mut f,
        11,
        Command::AssignComplaint(AssignComplaint {
            complaint: id,
            assignee: Some(Some(agent)),
            team: None,
        }),
    )
    .unwrap();
    run(
        &mut f,
        12,
        Command::UpdateComplaint(UpdateComplaint {
            complaint: id,
            subject: None,
            description: Some(Some("Không lạnh".into())),
            category: None,
            priority: Some(Priority::High),
            tags: Some(vec!["warranty".into()]),
        }),
    )
    .unwrap();
    resolve(&mut f, 30, id).unwrap();
    let history: Vec<_> =
        f.ws.complaint_history(id)
            .unwrap()
            .iter()
            .map(|e| e.payload.type_name())
            .collect();
    assert_eq!(
        history,
        [
            "complaint_opened",
            "complaint_assigned",
            "complaint_updated",
            "complaint_resolved"
        ]
    );
    let timeline = f.ws.timeline(f.customer, PageRequest::default()).unwrap();
    assert_eq!(
        timeline.items[0].event.payload.type_name(),
        "complaint_resolved"
    );

    let copy = Workspace::replay(f.ws.events().to_vec(), Box::new(SeededIds::new(1))).unwrap();
    assert_eq!(copy, f.ws);
    let text = f.ws.export_jsonl();
    assert_eq!(
        Workspace::import_jsonl(&text, Box::new(SeededIds::new(1))).unwrap(),
        f.ws
    );
    // A forged event that resolves the complaint again is rejected.
    let forged = text.lines().last().unwrap().replace(
        &format!("\"seq\":{}", f.ws.seq()),
        &format!("\"seq\":{}", f.ws.seq() + 1),
    );
    let err = Workspace::import_jsonl(&format!("{text}{forged}\n"), Box::new(SeededIds::new(1)))
        .unwrap_err();
    assert_eq!(err.code(), "corrupt_log", "{err}");
}

#[test]
fn an_archived_customer_cannot_complain_and_ids_are_not_reused() {
    let mut f = fx();
    let id = open(&mut f, 10, "x");
    let mut again = OpenComplaint::new(f.customer, Channel::Phone, "y");
    again.id = Some(id);
    assert_eq!(
        f.ws.open_complaint(at(11), again).unwrap_err().code(),
        "conflict"
    );
    let customer = f.customer;
    run(
        &mut f,
        12,
        Command::ArchiveCustomer(ArchiveCustomer {
            customer,
            reason: None,
        }),
    )
    .unwrap();
    let err =
        f.ws.open_complaint(at(13), OpenComplaint::new(f.customer, Channel::Phone, "z"))
            .unwrap_err();
    assert_eq!(err.code(), "invalid_transition");
    let _ = Duration::zero();
}

#[test]
fn a_reply_to_a_complaint_put_on_hold_while_new_opens_it() {
    // Found by the transitions property: new -> waiting_on_customer, then the
    // customer's reply must not move it back to `new`.
    let mut f = fx();
    let c = open(&mut f, 0, "Thiếu hàng");
    run(
        &mut f,
        1,
        Command::ChangeComplaintState(ChangeComplaintState {
            complaint: c,
            to: ComplaintState::WaitingOnCustomer,
            reason: None,
        }),
    )
    .unwrap();
    run(
        &mut f,
        2,
        Command::AddCustomerMessage(AddCustomerMessage::new(c, "Đây là ảnh")),
    )
    .unwrap();
    assert_eq!(state(&f, c), ComplaintState::Open);
}
