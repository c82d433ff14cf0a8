//! Merge and unmerge, erasure, the consent check and the customer export.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use chrono::Duration;
use clientcare::*;
use common::*;

fn vnd(x: i64) -> Money {
    Money::new(x, "VND").unwrap()
}

fn consent(ws: &mut Workspace, m: i64, c: CustomerId, ch: Channel, p: Purpose, granted: bool) {
    ws.execute(
        at(m),
        Command::RecordConsent(RecordConsent {
            customer: c,
            channel: ch,
            purpose: p,
            granted,
            source: "web form".into(),
        }),
    )
    .unwrap();
}

struct World {
    ws: Workspace,
    agent: AgentId,
    duc: CustomerId,
    dup: CustomerId,
    lan: CustomerId,
    org: CustomerId,
}

/// Đức, a duplicate record of him with a history of its own, Lan (whom the
/// duplicate referred) and an organisation the duplicate works for.
fn world() -> World {
    let mut ws = vn_workspace();
    let agent = ws
        .register_agent(
            at(0),
            RegisterAgent {
                id: None,
                name: "Mai".into(),
                team: None,
                email: None,
            },
        )
        .unwrap();
    let duc = ws
        .register_customer(
            at(1),
            RegisterCustomer {
                given_name: Some("Đức".into()),
                tags: vec!["vip".into()],
                tier: Some("gold".into()),
                ..person("Nguyễn Văn Đức", "duc@example.vn", "0903 123 456")
            },
        )
        .unwrap();
    let org = ws
        .register_customer(
            at(2),
            RegisterCustomer {
                kind: CustomerKind::Organization,
                full_name: "Công ty TNHH An Phát".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let dup = ws
        .register_customer(
            at(3),
            RegisterCustomer {
                full_name: "Duc Nguyen".into(),
                emails: vec!["duc.nguyen@work.vn".into()],
                phones: vec!["+84 903 123 456".into()],
                language: Some("vi".into()),
                tags: vec!["wholesale".into()],
                allow_shared_contacts: true,
                ..Default::default()
            },
        )
        .unwrap();
    let lan = ws
        .register_customer(
            at(4),
            person("Trần Thị Lan", "lan@example.vn", "0912 000 111"),
        )
        .unwrap();
    ws.execute(
        at(5),
        Command::AddMembership(AddMembership {
            person: dup,
            organization: org,
            role: Some("buyer".into()),
        }),
    )
    .unwrap();
    consent(&mut ws, 6, duc, Channel::Email, Purpose::Marketing, true);
    consent(&mut ws, 6, dup, Channel::Email, Purpose::Marketing, false);
    consent(&mut ws, 6, dup, Channel::Email, Purpose::Feedback, true);
    ws.log_interaction(at(7), {
        let mut i = LogInteraction::new(dup, Channel::Phone);
        i.summary = Some("Anh Duc Nguyen gọi hỏi giá, số 0903123456".into());
        i
    })
    .unwrap();
    let c = ws
        .open_complaint(at(8), {
            let mut o = OpenComplaint::new(dup, Channel::Email, "Giao hàng trễ");
            o.description = Some("Khách Nguyễn Văn Đức (duc.nguyen@work.vn) phàn nàn".into());
            o
        })
        .unwrap();
    ws.execute(
        at(9),
        Command::RespondToComplaint(RespondToComplaint::new(c, agent, "Chào anh Đức")),
    )
    .unwrap();
    ws.open_opportunity(
        at(10),
        OpenOpportunity::new(dup, "Bàn ghế Đức", vnd(9_000_000)),
    )
    .unwrap();
    ws.record_purchase(
        at(11),
        RecordPurchase::new(dup, Channel::InPerson, "Ghế cho anh Đức", vnd(2_000_000)),
    )
    .unwrap();
    ws.record_referral(
        at(12),
        RecordReferral {
            id: None,
            referrer: dup,
            referred: lan,
            note: Some("Đức giới thiệu".into()),
        },
    )
    .unwrap();
    ws.schedule_follow_up(at(13), {
        let mut f = ScheduleFollowUp::new(
            "Gọi lại anh Đức",
            FollowUpKind::Call,
            t0() + Duration::days(2),
        );
        f.customer = Some(dup);
        f
    })
    .unwrap();
    ws.send_survey(
        at(14),
        SendSurvey {
            id: None,
            customer: dup,
            kind: SurveyKind::Csat,
            template: None,
            channel: Channel::Email,
            link: None,
            agent: None,
            response_days: None,
        },
    )
    .unwrap();
    World {
        ws,
        agent,
        duc,
        dup,
        lan,
        org,
    }
}

fn merge(w: &mut World, m: i64, rules: Survivorship) -> Result<()> {
    w.ws.merge_customers(
        at(m),
        MergeCustomers {
            survivor: w.duc,
            merged: vec![w.dup],
            rules,
            reason: Some("same person".into()),
        },
    )
}

fn replayed(ws: &Workspace) -> Workspace {
    let again = Workspace::import_jsonl(&ws.export_jsonl(), Box::new(SeededIds::new(99))).unwrap();
    assert!(
        again == *ws,
        "the replayed log differs from the live workspace"
    );
    again
}

/// Everything about a customer except its timeline (which records the merge
/// and the unmerge themselves).
fn held(ws: &Workspace, c: CustomerId) -> serde_json::Value {
    let mut v = serde_json::to_value(ws.export_customer(c).unwrap()).unwrap();
    v.as_object_mut().unwrap().remove("events");
    v
}

#[test]
fn merge_moves_every_record_and_old_ids_resolve() {
    let mut w = world();
    merge(&mut w, 20, Survivorship::default()).unwrap();
    let ws = &w.ws;
    let duc = ws.customer(w.duc).unwrap();
    // The old id resolves to the survivor.
    assert_eq!(ws.customer(w.dup).unwrap().id, w.duc);
    assert_eq!(ws.resolve_customer(w.dup).unwrap(), w.duc);
    // Survivor's values, gaps filled; contact points, tags and memberships unioned.
    assert_eq!(duc.names.full, "Nguyễn Văn Đức");
    assert_eq!(duc.language.as_deref(), Some("vi"));
    assert_eq!(duc.tier.as_deref(), Some("gold"));
    assert_eq!(duc.tags, ["vip", "wholesale"]);
    assert_eq!(
        duc.emails().collect::<Vec<_>>(),
        ["duc@example.vn", "duc.nguyen@work.vn"]
    );
    assert_eq!(duc.phones().collect::<Vec<_>>(), ["+84903123456"]);
    assert_eq!(duc.memberships[0].organization, w.org);
    // The most restrictive consent: one record withdrew marketing.
    assert!(!duc.has_consent(Channel::Email, Purpose::Marketing));
    assert!(duc.has_consent(Channel::Email, Purpose::Feedback));
    // Every linked record moved.
    assert_eq!(ws.interactions_of(w.duc).unwrap().len(), 1);
    assert_eq!(ws.interactions_of(w.duc).unwrap()[0].customer, w.duc);
    assert_eq!(ws.complaints_of(w.duc).unwrap()[0].customer, w.duc);
    assert_eq!(ws.opportunities_of(w.duc).unwrap()[0].customer, w.duc);
    assert_eq!(ws.purchases_of(w.duc).unwrap()[0].customer, w.duc);
    assert_eq!(ws.follow_ups_of(w.duc).unwrap()[0].customer, Some(w.duc));
    let s = ws
        .surveys(&SurveyFilter {
            customer: Some(w.duc),
            ..SurveyFilter::default()
        })
        .unwrap();
    assert_eq!(s.len(), 1);
    assert_eq!(ws.referral_of(w.lan).unwrap().unwrap().referrer, w.duc);
    // Queries by the old id see the survivor's records.
    assert_eq!(ws.complaints_of(w.dup).unwrap().len(), 1);
    // Lookups by the merged record's email find the survivor only.
    let found = ws.find_by_email("duc.nguyen@work.vn").unwrap();
    assert_eq!(found.iter().map(|c| c.id).collect::<Vec<_>>(), [w.duc]);
    let found = ws.find_by_phone("0903123456").unwrap();
    assert_eq!(found.iter().map(|c| c.id).collect::<Vec<_>>(), [w.duc]);
    // The merged record is hidden from lists; its history is on the survivor's timeline.
    let listed = ws
        .list_customers(&CustomerFilter::default(), PageRequest::default())
        .unwrap();
    assert!(listed.items.iter().all(|c| c.id != w.dup));
    let tl = ws
        .timeline(
            w.duc,
            PageRequest {
                after: None,
                limit: 1000,
            },
        )
        .unwrap();
    assert!(tl
        .items
        .iter()
        .any(|e| e.event.payload.type_name() == "complaint_opened"));
    assert_eq!(tl.items[0].event.payload.type_name(), "customers_merged");
    // A command naming the old id acts on the survivor.
    w.ws.execute(
        at(21),
        Command::TagCustomer(TagCustomer {
            customer: w.dup,
            tags: vec!["merged".into()],
        }),
    )
    .unwrap();
    assert!(w
        .ws
        .customer(w.duc)
        .unwrap()
        .tags
        .contains(&"merged".to_owned()));
    let c =
        w.ws.open_complaint(at(22), OpenComplaint::new(w.dup, Channel::Phone, "Lại trễ"))
            .unwrap();
    assert_eq!(w.ws.complaint(c).unwrap().customer, w.duc);
    // The log replays to the same workspace.
    assert!(replayed(&w.ws) == w.ws);
}

#[test]
fn survivorship_rules_pick_per_field() {
    let mut w = world();
    let rules = Survivorship {
        names: Some(Survive::MostRecent),
        tier: Some(Survive::MostComplete),
        lifecycle: Some(Survive::MostComplete),
        ..Survivorship::default()
    };
    w.ws.execute(
        at(15),
        Command::ChangeLifecycle(ChangeLifecycle {
            customer: w.dup,
            to: Lifecycle::Loyal,
            reason: None,
        }),
    )
    .unwrap();
    merge(&mut w, 20, rules).unwrap();
    let duc = w.ws.customer(w.duc).unwrap();
    // The duplicate changed last, so its names win; its stage is further.
    assert_eq!(duc.names.full, "Duc Nguyen");
    assert_eq!(duc.lifecycle, Lifecycle::Loyal);
    assert_eq!(duc.tier.as_deref(), Some("gold"));
    let complete = Survivorship {
        default: Survive::MostComplete,
        ..Survivorship::default()
    };
    let mut w = world();
    merge(&mut w, 20, complete).unwrap();
    // Three name parts beat one.
    assert_eq!(w.ws.customer(w.duc).unwrap().names.full, "Nguyễn Văn Đức");
}

#[test]
fn unmerge_restores_the_state_before_the_merge() {
    let w0 = world();
    let mut w = world();
    merge(&mut w, 20, Survivorship::default()).unwrap();
    w.ws.unmerge_customers(at(21), w.dup).unwrap();
    for c in [w.duc, w.dup, w.lan, w.org] {
        assert_eq!(held(&w.ws, c), held(&w0.ws, c), "customer {c}");
    }
    let before: Vec<&Customer> = w0.ws.customers().collect();
    let after: Vec<&Customer> = w.ws.customers().collect();
    assert_eq!(after, before);
    assert_eq!(
        w.ws.find_by_email("duc.nguyen@work.vn").unwrap()[0].id,
        w.dup
    );
    assert!(replayed(&w.ws) == w.ws);
    // Unmerging again: nothing is merged any more.
    let seq = w.ws.seq();
    let e = w.ws.unmerge_customers(at(22), w.dup).unwrap_err();
    assert_eq!(e.code(), "invalid_transition");
    assert!(e.to_string().contains("not merged"), "{e}");
    assert_eq!(w.ws.seq(), seq);
}

#[test]
fn unmerge_keeps_later_changes_and_later_records() {
    let mut w = world();
    merge(&mut w, 20, Survivorship::default()).unwrap();
    let later =
        w.ws.open_complaint(at(21), OpenComplaint::new(w.duc, Channel::Phone, "Mới"))
            .unwrap();
    let moved = w.ws.complaints_of(w.duc).unwrap()[0].id;
    w.ws.execute(
        at(22),
        Command::RespondToComplaint(RespondToComplaint::new(moved, w.agent, "Đã xử lý")),
    )
    .unwrap();
    w.ws.execute(
        at(23),
        Command::SetTier(SetTier {
            customer: w.duc,
            tier: Some("platinum".into()),
        }),
    )
    .unwrap();
    w.ws.unmerge_customers(at(24), w.dup).unwrap();
    let duc = w.ws.customer(w.duc).unwrap();
    assert_eq!(duc.tier.as_deref(), Some("platinum"), "a later edit wins");
    assert_eq!(duc.tags, ["vip"], "the merged tags went back");
    assert_eq!(duc.language, None);
    assert_eq!(
        w.ws.complaints_of(w.duc)
            .unwrap()
            .iter()
            .map(|c| c.id)
            .collect::<Vec<_>>(),
        [later]
    );
    assert_eq!(w.ws.complaints_of(w.dup).unwrap()[0].id, moved);
    // The moved complaint's later event follows it back to its customer's timeline.
    let tl =
        w.ws.timeline(
            w.dup,
            PageRequest {
                after: None,
                limit: 1000,
            },
        )
        .unwrap();
    assert!(tl
        .items
        .iter()
        .any(|e| e.event.payload.type_name() == "complaint_message_added"));
    assert!(replayed(&w.ws) == w.ws);
}

#[test]
fn bad_merges_and_unmerges_are_refused_and_change_nothing() {
    let mut w = world();
    let seq = w.ws.seq();
    let bad = |ws: &mut Workspace, survivor: CustomerId, merged: Vec<CustomerId>| {
        ws.merge_customers(
            at(20),
            MergeCustomers {
                survivor,
                merged,
                rules: Survivorship::default(),
                reason: None,
            },
        )
        .unwrap_err()
    };
    let e = bad(&mut w.ws, w.duc, vec![w.duc]);
    assert_eq!(e.code(), "invalid_input");
    assert!(e.to_string().contains("itself"), "{e}");
    assert_eq!(bad(&mut w.ws, w.duc, vec![]).code(), "invalid_input");
    assert_eq!(
        bad(&mut w.ws, w.duc, vec![w.dup, w.dup]).code(),
        "invalid_input"
    );
    assert_eq!(bad(&mut w.ws, w.duc, vec![w.org]).code(), "invalid_input");
    assert_eq!(
        bad(
            &mut w.ws,
            w.duc,
            vec![CustomerId::from_uuid(uuid::Uuid::from_u128(7))]
        )
        .code(),
        "not_found"
    );
    let e = w.ws.unmerge_customers(at(20), w.duc).unwrap_err();
    assert_eq!(e.code(), "invalid_transition");
    assert_eq!(w.ws.seq(), seq);
    // Into an erased customer.
    w.ws.erase_customer(at(20), w.lan).unwrap();
    let seq = w.ws.seq();
    let e = bad(&mut w.ws, w.lan, vec![w.dup]);
    assert_eq!(e.code(), "invalid_transition");
    assert!(e.to_string().contains("erased"), "{e}");
    let e = bad(&mut w.ws, w.duc, vec![w.lan]);
    assert_eq!(e.code(), "invalid_transition");
    assert_eq!(w.ws.seq(), seq);
    // Merged twice; unmerge out of order.
    merge(&mut w, 21, Survivorship::default()).unwrap();
    assert_eq!(bad(&mut w.ws, w.duc, vec![w.dup]).code(), "invalid_input");
    let third =
        w.ws.register_customer(at(22), person("Đức N.", "dn@example.vn", "0987 654 321"))
            .unwrap();
    w.ws.merge_customers(
        at(23),
        MergeCustomers {
            survivor: w.dup, // resolves to Đức
            merged: vec![third],
            rules: Survivorship::default(),
            reason: None,
        },
    )
    .unwrap();
    let seq = w.ws.seq();
    let e = w.ws.unmerge_customers(at(24), w.dup).unwrap_err();
    assert_eq!(e.code(), "invalid_transition");
    assert!(e.to_string().contains("undo that merge first"), "{e}");
    assert_eq!(w.ws.seq(), seq);
    w.ws.unmerge_customers(at(25), third).unwrap();
    w.ws.unmerge_customers(at(26), w.dup).unwrap();
    assert!(replayed(&w.ws) == w.ws);
}

#[test]
fn erasure_leaves_no_personal_data_in_any_export_and_keeps_the_facts() {
    let mut w = world();
    merge(&mut w, 20, Survivorship::default()).unwrap();
    let q = KpiQuery::new(t0(), t0() + Duration::days(30));
    let volume = w.ws.kpi("complaint_volume", &q).unwrap();
    let purchases = w.ws.purchases_of(w.duc).unwrap()[0].amount.clone();
    let before = w.ws.export_jsonl();
    assert!(before.contains("duc.nguyen@work.vn"));
    w.ws.erase_customer(at(21), w.dup).unwrap();
    let exported = w.ws.export_jsonl();
    let folded = clientcare::text::fold(&exported);
    for pii in [
        "Nguyễn Văn Đức",
        "Duc Nguyen",
        "duc@example.vn",
        "duc.nguyen@work.vn",
        "+84903123456",
        "0903123456",
        "903123456",
        "Gọi lại anh Đức",
        "buyer",
    ] {
        assert!(!exported.contains(pii), "{pii} is still in the export");
    }
    assert!(!folded.contains("nguyen van duc") && !folded.contains("duc nguyen"));
    // Lan and the organisation keep their data.
    assert!(exported.contains("lan@example.vn") && exported.contains("An Phát"));
    // The anonymous facts stay: KPIs and amounts are unchanged.
    assert_eq!(w.ws.kpi("complaint_volume", &q).unwrap(), volume);
    assert_eq!(w.ws.purchases_of(w.duc).unwrap()[0].amount, purchases);
    let duc = w.ws.customer(w.dup).unwrap();
    assert_eq!(duc.names.full, ERASED);
    assert!(duc.contacts.is_empty() && duc.erased_at.is_some());
    // The redacted log replays to the same workspace, and exports the same bytes.
    let again = replayed(&w.ws);
    assert!(again == w.ws);
    assert_eq!(again.export_jsonl(), exported);
    // The per-customer export holds nothing personal either.
    let mine = serde_json::to_string(&w.ws.export_customer(w.duc).unwrap()).unwrap();
    assert!(!mine.contains("duc@example.vn") && !mine.contains("Đức"));
    // Nothing more can be done with the erased customer.
    let seq = w.ws.seq();
    for e in [
        w.ws.erase_customer(at(22), w.duc).unwrap_err(),
        w.ws.execute(
            at(22),
            Command::TagCustomer(TagCustomer {
                customer: w.duc,
                tags: vec!["x".into()],
            }),
        )
        .unwrap_err(),
        w.ws.unmerge_customers(at(22), w.dup).unwrap_err(),
    ] {
        assert_eq!(e.code(), "invalid_transition", "{e}");
        assert!(e.to_string().contains("erased"), "{e}");
    }
    assert_eq!(w.ws.seq(), seq);
    // A host holding the old log applies the erasure by appending the event:
    // replaying the unredacted history plus the erasure gives the same state.
    let erasure = w.ws.events().last().unwrap();
    let mut old = before;
    old.push_str(&serde_json::to_string(erasure).unwrap());
    old.push('\n');
    let host = Workspace::import_jsonl(&old, Box::new(SeededIds::new(5))).unwrap();
    assert!(host == w.ws);
}

#[test]
fn may_contact_reads_consent_at_the_time() {
    let mut w = world();
    let t = |m: i64| t0() + Duration::minutes(m);
    let ws = &mut w.ws;
    let d = ws
        .may_contact(w.duc, Channel::Email, Purpose::Marketing, t(6))
        .unwrap();
    assert!(d.allowed && d.reachable);
    assert_eq!(d.reason, ContactReason::Granted);
    let d = ws
        .may_contact(w.duc, Channel::Email, Purpose::Marketing, t(5))
        .unwrap();
    assert_eq!((d.allowed, d.reason), (false, ContactReason::NoConsent));
    consent(ws, 30, w.duc, Channel::Email, Purpose::Marketing, false);
    let d = ws
        .may_contact(w.duc, Channel::Email, Purpose::Marketing, t(31))
        .unwrap();
    assert_eq!((d.allowed, d.reason), (false, ContactReason::Withdrawn));
    // Before the withdrawal, the grant applied.
    let d = ws
        .may_contact(w.duc, Channel::Email, Purpose::Marketing, t(20))
        .unwrap();
    assert!(d.allowed);
    assert_eq!(d.consent.unwrap().at, t(6));
    // A channel with nothing on file: allowed but not reachable.
    consent(ws, 32, w.org, Channel::Sms, Purpose::Service, true);
    let d = ws
        .may_contact(w.org, Channel::Sms, Purpose::Service, t(33))
        .unwrap();
    assert!(d.allowed && !d.reachable);
    // Archived and erased customers may not be contacted.
    ws.execute(
        at(34),
        Command::ArchiveCustomer(ArchiveCustomer {
            customer: w.org,
            reason: None,
        }),
    )
    .unwrap();
    let d = ws
        .may_contact(w.org, Channel::Sms, Purpose::Service, t(35))
        .unwrap();
    assert_eq!(d.reason, ContactReason::Archived);
    consent(ws, 36, w.lan, Channel::Email, Purpose::Feedback, true);
    ws.erase_customer(at(37), w.lan).unwrap();
    let d = ws
        .may_contact(w.lan, Channel::Email, Purpose::Feedback, t(38))
        .unwrap();
    assert_eq!(d.reason, ContactReason::Erased);
    assert_eq!(
        ws.may_contact(
            CustomerId::from_uuid(uuid::Uuid::from_u128(3)),
            Channel::Email,
            Purpose::Service,
            t(1)
        )
        .unwrap_err()
        .code(),
        "not_found"
    );
}

#[test]
fn merged_consent_is_the_most_restrictive_and_outbound_steps_obey_it() {
    let mut w = world();
    // The duplicate consents to feedback by email; the survivor never said.
    let t = |m: i64| t0() + Duration::minutes(m);
    consent(
        &mut w.ws,
        15,
        w.duc,
        Channel::Email,
        Purpose::Feedback,
        false,
    );
    merge(&mut w, 20, Survivorship::default()).unwrap();
    let d =
        w.ws.may_contact(w.dup, Channel::Email, Purpose::Feedback, t(21))
            .unwrap();
    assert_eq!(d.customer, w.duc);
    assert_eq!(d.reason, ContactReason::Withdrawn);
    // Before the merge, the duplicate's own grant applied to it.
    let d =
        w.ws.may_contact(w.duc, Channel::Email, Purpose::Feedback, t(14))
            .unwrap();
    assert!(d.allowed);
    // Sending a survey obeys the same rule.
    let e =
        w.ws.send_survey(
            at(22),
            SendSurvey {
                id: None,
                customer: w.duc,
                kind: SurveyKind::Nps,
                template: None,
                channel: Channel::Email,
                link: None,
                agent: None,
                response_days: None,
            },
        )
        .unwrap_err();
    assert_eq!(e.code(), "invalid_input");
    assert!(e.to_string().contains("withdrawn"), "{e}");
}

#[test]
fn the_customer_export_holds_everything_about_the_customer() {
    let mut w = world();
    merge(&mut w, 20, Survivorship::default()).unwrap();
    let x = w.ws.export_customer(w.dup).unwrap();
    assert_eq!(x.format, EXPORT_FORMAT);
    assert_eq!(x.customer.id, w.duc);
    assert_eq!(x.merged_customers.len(), 1);
    assert_eq!(x.merged_customers[0].id, w.dup);
    assert_eq!(x.interactions.len(), 1);
    assert_eq!(x.complaints.len(), 1);
    assert_eq!(x.opportunities.len(), 1);
    assert_eq!(x.purchases.len(), 1);
    assert_eq!(x.referrals.len(), 1);
    assert_eq!(x.follow_ups.len(), 1);
    assert_eq!(x.surveys.len(), 1);
    assert!(x
        .events
        .iter()
        .any(|e| e.payload.type_name() == "consent_recorded"));
    let json = serde_json::to_value(&x).unwrap();
    assert_eq!(json["customer"]["names"]["full"], "Nguyễn Văn Đức");
    assert_eq!(json["complaints"][0]["messages"][0]["body"], "Chào anh Đức");
    assert_eq!(
        w.ws.export_customer(CustomerId::from_uuid(uuid::Uuid::from_u128(9)))
            .unwrap_err()
            .code(),
        "not_found"
    );
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    #[derive(Debug, Clone)]
    enum Op {
        Tag(usize, u8),
        Email(usize, u8),
        Consent(usize, bool),
        Complaint(usize),
        Purchase(usize),
        Merge(usize, usize, u8),
        Unmerge(usize),
        Erase(usize),
        Roundtrip(usize, usize),
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            (0..5usize, 0..4u8).prop_map(|(i, t)| Op::Tag(i, t)),
            (0..5usize, 0..4u8).prop_map(|(i, t)| Op::Email(i, t)),
            (0..5usize, any::<bool>()).prop_map(|(i, g)| Op::Consent(i, g)),
            (0..5usize).prop_map(Op::Complaint),
            (0..5usize).prop_map(Op::Purchase),
            (0..5usize, 0..5usize, 0..3u8).prop_map(|(i, j, r)| Op::Merge(i, j, r)),
            (0..5usize).prop_map(Op::Unmerge),
            (0..5usize).prop_map(Op::Erase),
            (0..5usize, 0..5usize).prop_map(|(i, j)| Op::Roundtrip(i, j)),
        ]
    }

    const NAMES: [&str; 5] = [
        "Nguyễn Văn Đức",
        "Duc Nguyen",
        "Trần Lan",
        "Lê Minh",
        "Đức N.",
    ];

    fn rules(r: u8) -> Survivorship {
        Survivorship {
            default: [
                Survive::Survivor,
                Survive::MostRecent,
                Survive::MostComplete,
            ][r as usize % 3],
            ..Survivorship::default()
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Any history of merges, unmerges and erasures replays to the same
        /// workspace, and a merge undone at once changes no customer record
        /// and no record's owner.
        #[test]
        fn merges_unmerges_and_erasures_replay(ops in proptest::collection::vec(op(), 1..30)) {
            let mut ws = vn_workspace();
            let mut ids = Vec::new();
            for (i, name) in NAMES.iter().enumerate() {
                ids.push(ws.register_customer(at(1), RegisterCustomer {
                    full_name: (*name).into(),
                    emails: vec![format!("c{i}@example.vn")],
                    ..Default::default()
                }).unwrap());
            }
            for (k, o) in ops.iter().enumerate() {
                let m = at(10 + i64::try_from(k).unwrap());
                let _ = match o {
                    Op::Tag(i, t) => ws.execute(m, Command::TagCustomer(TagCustomer { customer: ids[*i], tags: vec![format!("t{t}")] })).map(|_| ()),
                    Op::Email(i, t) => ws.execute(m, Command::AddContactPoint(AddContactPoint { customer: ids[*i], contact: ContactPoint::Email { address: format!("x{t}@example.vn"), label: None }, allow_shared_contacts: true })).map(|_| ()),
                    Op::Consent(i, g) => ws.execute(m, Command::RecordConsent(RecordConsent { customer: ids[*i], channel: Channel::Email, purpose: Purpose::Marketing, granted: *g, source: "form".into() })).map(|_| ()),
                    Op::Complaint(i) => ws.open_complaint(m, OpenComplaint::new(ids[*i], Channel::Email, "Trễ")).map(|_| ()),
                    Op::Purchase(i) => ws.record_purchase(m, RecordPurchase::new(ids[*i], Channel::Web, "Ghế", vnd(100))).map(|_| ()),
                    Op::Merge(i, j, r) => ws.merge_customers(m, MergeCustomers { survivor: ids[*i], merged: vec![ids[*j]], rules: rules(*r), reason: None }),
                    Op::Unmerge(i) => ws.unmerge_customers(m, ids[*i]),
                    Op::Erase(i) => ws.erase_customer(m, ids[*i]),
                    Op::Roundtrip(i, j) => {
                        let before: Vec<Customer> = ws.customers().cloned().collect();
                        let owners: Vec<CustomerId> = ws.complaints().map(|c| c.customer).collect();
                        if ws.merge_customers(m, MergeCustomers { survivor: ids[*i], merged: vec![ids[*j]], rules: Survivorship::default(), reason: None }).is_ok() {
                            ws.unmerge_customers(m, ids[*j]).unwrap();
                            let after: Vec<Customer> = ws.customers().cloned().collect();
                            prop_assert_eq!(after, before);
                            let now: Vec<CustomerId> = ws.complaints().map(|c| c.customer).collect();
                            prop_assert_eq!(now, owners);
                        }
                        Ok(())
                    }
                };
            }
            let again = Workspace::import_jsonl(&ws.export_jsonl(), Box::new(SeededIds::new(3))).unwrap();
            prop_assert!(again == ws);
            // Every erased customer's names and emails are gone from the export.
            let text = ws.export_jsonl();
            for c in ws.customers().filter(|c| c.erased_at.is_some()) {
                let i = ids.iter().position(|x| *x == c.id).unwrap();
                let email = format!("c{i}@example.vn");
                prop_assert!(!text.contains(&email), "{} still exported", email);
                let name = NAMES[i];
                prop_assert!(!text.contains(name), "{} still exported", name);
            }
        }
    }
}
