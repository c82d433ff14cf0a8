#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Pre-sales pipeline, purchases, loyalty and referrals.

mod common;
use chrono::{Duration, NaiveDate};
use clientcare::*;
use common::*;

fn vnd(x: i64) -> Money {
    Money::new(x, "VND").unwrap()
}

struct Fx {
    ws: Workspace,
    agent: AgentId,
    duc: CustomerId,
    mai: CustomerId,
}

fn fx() -> Fx {
    let mut ws = vn_workspace();
    let agent = ws
        .register_agent(
            at(0),
            RegisterAgent {
                name: "Bảo".into(),
                team: Some("sales".into()),
                ..Default::default()
            },
        )
        .unwrap();
    let duc = ws
        .register_customer(at(1), person("Nguyễn Văn Đức", "duc@x.vn", "0901234567"))
        .unwrap();
    let mai = ws
        .register_customer(at(1), person("Trần Thị Mai", "mai@x.vn", "0912345678"))
        .unwrap();
    Fx {
        ws,
        agent,
        duc,
        mai,
    }
}

fn mv(
    f: &mut Fx,
    minute: i64,
    o: OpportunityId,
    stage: &str,
    reason: Option<&str>,
) -> Result<Outcome> {
    f.ws.execute(
        at(minute),
        Command::MoveOpportunity(MoveOpportunity {
            opportunity: o,
            stage: stage.into(),
            lost_reason: reason.map(str::to_owned),
            note: None,
            purchase: None,
        }),
    )
}

#[test]
fn the_default_pipeline_board_and_weighted_forecast() {
    let mut f = fx();
    let mut a = OpenOpportunity::new(f.duc, "Bàn ghế văn phòng", vnd(50_000_000));
    a.owner = Some(f.agent);
    a.expected_close = NaiveDate::from_ymd_opt(2026, 12, 15);
    let a = f.ws.open_opportunity(at(10), a).unwrap();
    let b =
        f.ws.open_opportunity(at(11), OpenOpportunity::new(f.mai, "Sofa", vnd(20_000_000)))
            .unwrap();
    let c =
        f.ws.open_opportunity(at(12), OpenOpportunity::new(f.mai, "Tủ", vnd(10_000_000)))
            .unwrap();
    assert_eq!(f.ws.opportunity(a).unwrap().stage, "need_identified");
    mv(&mut f, 20, a, "proposal", None).unwrap(); // 60 %
    mv(&mut f, 21, b, "negotiation", None).unwrap(); // 80 %
    mv(&mut f, 22, c, "lost", Some("price")).unwrap(); // lost counts zero
    let board = f.ws.pipeline_board("sales").unwrap();
    let col = |k: &str| board.columns.iter().find(|x| x.stage == k).unwrap();
    assert_eq!(col("proposal").count, 1);
    assert_eq!(col("proposal").value, vec![vnd(50_000_000)]);
    assert_eq!(col("lost").count, 1);
    // 50M x 60 % + 20M x 80 % = 30M + 16M
    assert_eq!(board.forecast, vec![vnd(46_000_000)]);
    assert_eq!(
        f.ws.open_deals(f.agent)
            .unwrap()
            .iter()
            .map(|o| o.id)
            .collect::<Vec<_>>(),
        vec![a]
    );
    let o = f.ws.opportunity(c).unwrap();
    assert_eq!(
        (o.status, o.lost_reason.as_deref()),
        (StageKind::Lost, Some("price"))
    );
}

#[test]
fn lost_needs_a_listed_reason_and_stage_moves_are_checked() {
    let mut f = fx();
    let o =
        f.ws.open_opportunity(
            at(10),
            OpenOpportunity::new(f.duc, "Giường", vnd(9_000_000)),
        )
        .unwrap();
    let before = f.ws.clone();
    assert_eq!(
        mv(&mut f, 11, o, "lost", None).unwrap_err().code(),
        "invalid_input"
    );
    assert_eq!(
        mv(&mut f, 11, o, "lost", Some("weather"))
            .unwrap_err()
            .code(),
        "invalid_input"
    );
    assert_eq!(
        mv(&mut f, 11, o, "nowhere", None).unwrap_err().code(),
        "invalid_input"
    );
    assert_eq!(
        mv(&mut f, 11, o, "need_identified", None)
            .unwrap_err()
            .code(),
        "invalid_transition"
    );
    assert_eq!(
        mv(&mut f, 11, o, "qualified", Some("price"))
            .unwrap_err()
            .code(),
        "invalid_input"
    );
    assert_eq!(f.ws, before);
    mv(&mut f, 12, o, "lost", Some("competitor")).unwrap();
    // Closed: only a reopen into an open stage.
    let err = mv(&mut f, 13, o, "won", None).unwrap_err();
    match err {
        Error::InvalidTransition { allowed, .. } => {
            assert!(allowed.iter().all(|a| a.ends_with("(reopen)")))
        }
        other => panic!("{other:?}"),
    }
    mv(&mut f, 14, o, "negotiation", None).unwrap();
    let op = f.ws.opportunity(o).unwrap();
    assert_eq!(
        (op.status, op.reopen_count, op.lost_reason.clone()),
        (StageKind::Open, 1, None)
    );
    let history: Vec<_> =
        f.ws.opportunity_history(o)
            .unwrap()
            .iter()
            .map(|e| e.payload.type_name())
            .collect();
    assert_eq!(
        history,
        [
            "opportunity_opened",
            "opportunity_moved",
            "opportunity_moved"
        ]
    );
}

#[test]
fn winning_records_the_purchase_and_makes_a_lead_a_customer() {
    let mut f = fx();
    assert_eq!(f.ws.customer(f.duc).unwrap().lifecycle, Lifecycle::Lead);
    let o =
        f.ws.open_opportunity(
            at(10),
            OpenOpportunity::new(f.duc, "Bàn ăn", vnd(12_000_000)),
        )
        .unwrap();
    let out = mv(&mut f, 20, o, "won", None).unwrap();
    assert_eq!(out.events, 3, "moved, purchase, lifecycle");
    let op = f.ws.opportunity(o).unwrap();
    let p = f.ws.purchase(op.purchase.unwrap()).unwrap();
    assert_eq!(p.amount, vnd(12_000_000));
    assert_eq!(p.opportunity, Some(o));
    assert_eq!(f.ws.customer(f.duc).unwrap().lifecycle, Lifecycle::Customer);
}

#[test]
fn purchases_check_money_and_drive_loyalty_and_tiers() {
    let mut f = fx();
    f.ws.execute(
        at(0),
        Command::ConfigureLoyalty(LoyaltySettings {
            loyal_after_purchases: Some(3),
            tier_rules: vec![
                TierRule {
                    tier: "vàng".into(),
                    min_spend: Some(vnd(10_000_000)),
                    min_purchases: None,
                    plan: None,
                },
                TierRule {
                    tier: "bạc".into(),
                    min_spend: None,
                    min_purchases: Some(2),
                    plan: None,
                },
            ],
            window_days: 365,
        }),
    )
    .unwrap();
    let item = |name: &str, q: u32, price: Money| PurchaseItem {
        name: name.into(),
        category: Some("furniture".into()),
        quantity: q,
        unit_price: price,
    };
    let before = f.ws.clone();
    let bad = [
        RecordPurchase {
            items: vec![
                item("Ghế", 2, vnd(1_000)),
                item("Bàn", 1, Money::new(5, "USD").unwrap()),
            ],
            ..RecordPurchase::new(f.duc, Channel::InPerson, "x", vnd(0))
        },
        RecordPurchase {
            amount: Some(vnd(-5)),
            ..RecordPurchase::new(f.duc, Channel::InPerson, "x", vnd(0))
        },
        RecordPurchase {
            items: vec![item("Ghế", 2, vnd(1_000))],
            amount: Some(vnd(1_000)),
            ..RecordPurchase::new(f.duc, Channel::InPerson, "x", vnd(0))
        },
        RecordPurchase {
            items: vec![item("Ghế", 0, vnd(1_000))],
            amount: None,
            ..RecordPurchase::new(f.duc, Channel::InPerson, "x", vnd(0))
        },
    ];
    for cmd in bad {
        let err = f.ws.record_purchase(at(5), cmd).unwrap_err();
        assert_eq!(err.code(), "invalid_input", "{err}");
        assert_eq!(f.ws, before);
    }
    let first = RecordPurchase {
        items: vec![item("Ghế", 2, vnd(1_500_000))],
        amount: None,
        description: None,
        ..RecordPurchase::new(f.duc, Channel::InPerson, "", vnd(0))
    };
    let p = f.ws.record_purchase(at(10), first).unwrap();
    assert_eq!(f.ws.purchase(p).unwrap().amount, vnd(3_000_000));
    let c = f.ws.customer(f.duc).unwrap();
    assert_eq!((c.lifecycle, c.tier.clone()), (Lifecycle::Customer, None));
    f.ws.record_purchase(
        at(20),
        RecordPurchase::new(f.duc, Channel::Web, "Đèn", vnd(500_000)),
    )
    .unwrap();
    assert_eq!(f.ws.customer(f.duc).unwrap().tier.as_deref(), Some("bạc"));
    f.ws.record_purchase(
        at(30),
        RecordPurchase::new(f.duc, Channel::Web, "Tủ", vnd(7_000_000)),
    )
    .unwrap();
    let c = f.ws.customer(f.duc).unwrap();
    assert_eq!(
        (c.lifecycle, c.tier.as_deref()),
        (Lifecycle::Loyal, Some("vàng"))
    );
    assert_eq!(f.ws.purchases_of(f.duc).unwrap().len(), 3);
    // A year later the purchases have aged out: tick lowers the tier, once.
    let later = Meta::system(at(30).at + Duration::days(366));
    assert_eq!(f.ws.tick(later).unwrap(), 1);
    assert_eq!(f.ws.customer(f.duc).unwrap().tier, None);
    assert_eq!(f.ws.tick(later).unwrap(), 0);
    let copy = Workspace::replay(f.ws.events().to_vec(), Box::new(SeededIds::new(1))).unwrap();
    assert_eq!(copy, f.ws);
}

#[test]
fn referrals_qualify_on_the_first_purchase_and_are_rewarded_once() {
    let mut f = fx();
    let r =
        f.ws.record_referral(
            at(5),
            RecordReferral {
                id: None,
                referrer: f.duc,
                referred: f.mai,
                note: Some("em gái".into()),
            },
        )
        .unwrap();
    let again = RecordReferral {
        id: None,
        referrer: f.duc,
        referred: f.mai,
        note: None,
    };
    assert_eq!(
        f.ws.record_referral(at(6), again).unwrap_err().code(),
        "conflict"
    );
    let myself = RecordReferral {
        id: None,
        referrer: f.duc,
        referred: f.duc,
        note: None,
    };
    assert_eq!(
        f.ws.record_referral(at(6), myself).unwrap_err().code(),
        "invalid_input"
    );
    let reward = |f: &mut Fx| {
        f.ws.execute(
            at(40),
            Command::RewardReferral(RewardReferral {
                referral: r,
                reward: Compensation {
                    kind: CompensationKind::Voucher,
                    value: vnd(200_000),
                    note: None,
                },
            }),
        )
    };
    assert_eq!(reward(&mut f).unwrap_err().code(), "invalid_transition");
    let p =
        f.ws.record_purchase(
            at(30),
            RecordPurchase::new(f.mai, Channel::Sms, "Gối", vnd(300_000)),
        )
        .unwrap();
    let ref_ = f.ws.referral(r).unwrap();
    assert_eq!(
        (ref_.status, ref_.qualifying_purchase),
        (ReferralStatus::Qualified, Some(p))
    );
    reward(&mut f).unwrap();
    assert_eq!(reward(&mut f).unwrap_err().code(), "invalid_transition");
    assert_eq!(
        f.ws.referrals_by(f.duc).unwrap()[0].status,
        ReferralStatus::Rewarded
    );
    assert_eq!(f.ws.referral_of(f.mai).unwrap().map(|x| x.id), Some(r));
}

#[test]
fn rotting_follows_activity_and_custom_pipelines_validate() {
    let mut f = fx();
    let o =
        f.ws.open_opportunity(at(0), OpenOpportunity::new(f.duc, "Rèm", vnd(3_000_000)))
            .unwrap();
    let t0 = at(0).at;
    assert!(f
        .ws
        .rotting_opportunities(t0 + Duration::days(14))
        .is_empty());
    assert_eq!(f.ws.rotting_opportunities(t0 + Duration::days(15)).len(), 1);
    // A call with the customer is activity.
    let mut call = LogInteraction::new(f.duc, Channel::Phone);
    call.occurred_at = Some(t0 + Duration::days(10));
    f.ws.log_interaction(Meta::system(t0 + Duration::days(10)), call)
        .unwrap();
    assert!(f
        .ws
        .rotting_opportunities(t0 + Duration::days(15))
        .is_empty());
    let _ = o;

    let mut p = Pipeline {
        key: "b2b".into(),
        ..Default::default()
    };
    p.stages[0].probability = 101;
    let err =
        f.ws.execute(at(1), Command::DefinePipeline(p.clone()))
            .unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    p.stages[0].probability = 5;
    p.stages.retain(|s| s.kind != StageKind::Lost);
    assert_eq!(
        f.ws.execute(at(1), Command::DefinePipeline(p.clone()))
            .unwrap_err()
            .code(),
        "invalid_input"
    );
    let p = Pipeline {
        key: "b2b".into(),
        ..Default::default()
    };
    f.ws.execute(at(1), Command::DefinePipeline(p)).unwrap();
    let mut oo = OpenOpportunity::new(f.mai, "Văn phòng", vnd(1));
    oo.pipeline = Some("b2b".into());
    f.ws.open_opportunity(at(2), oo).unwrap();
    let mut oo = OpenOpportunity::new(f.mai, "x", vnd(1));
    oo.pipeline = Some("nope".into());
    assert_eq!(
        f.ws.open_opportunity(at(2), oo).unwrap_err().code(),
        "not_found"
    );
    let copy = Workspace::import_jsonl(&f.ws.export_jsonl(), Box::new(SeededIds::new(3))).unwrap();
    assert_eq!(copy, f.ws);
}

fn after_sale() -> Playbook {
    let step = |kind, subject: &str, offset_days, business_days, channel, purpose| PlaybookStep {
        kind,
        subject: subject.into(),
        offset_days,
        business_days,
        channel,
        purpose,
        survey: None,
    };
    Playbook {
        key: "after-sale".into(),
        name: Some("Chăm sóc sau bán".into()),
        conditions: PlaybookConditions {
            categories: vec!["furniture".into()],
            min_value: Some(vnd(1_000_000)),
            ..Default::default()
        },
        steps: vec![
            step(
                StepKind::ThankYou,
                "Thư cảm ơn",
                0,
                false,
                Channel::Email,
                Purpose::Service,
            ),
            step(
                StepKind::Advice,
                "Hướng dẫn bảo quản gỗ",
                2,
                true,
                Channel::Social,
                Purpose::Service,
            ),
            step(
                StepKind::Survey,
                "Khảo sát hài lòng",
                7,
                false,
                Channel::Sms,
                Purpose::Feedback,
            ),
            step(
                StepKind::Promotion,
                "Bộ sưu tập mới",
                30,
                false,
                Channel::Email,
                Purpose::Marketing,
            ),
        ],
        calendar: Some("office".into()),
        team: Some("care".into()),
    }
}

#[test]
fn a_purchase_starts_matching_playbooks_with_consent_checked_per_step() {
    let mut f = fx();
    f.ws.define_calendar(
        at(0),
        "office",
        CalendarSpec::weekdays(
            "Asia/Ho_Chi_Minh",
            &[("08:00", "12:00"), ("13:30", "17:30")],
        )
        .unwrap(),
    )
    .unwrap();
    let mut bad = after_sale();
    bad.calendar = None;
    assert_eq!(
        f.ws.execute(at(0), Command::DefinePlaybook(bad))
            .unwrap_err()
            .code(),
        "invalid_input"
    );
    f.ws.execute(at(0), Command::DefinePlaybook(after_sale()))
        .unwrap();
    for (channel, purpose) in [
        (Channel::Email, Purpose::Service),
        (Channel::Social, Purpose::Service),
        (Channel::Sms, Purpose::Feedback),
    ] {
        f.ws.execute(
            at(0),
            Command::RecordConsent(RecordConsent {
                customer: f.duc,
                channel,
                purpose,
                granted: true,
                source: "form".into(),
            }),
        )
        .unwrap();
    }
    // Not furniture: no run.
    f.ws.record_purchase(
        at(10),
        RecordPurchase::new(f.duc, Channel::Web, "Thẻ quà", vnd(5_000_000)),
    )
    .unwrap();
    assert!(f.ws.playbook_runs_of(f.duc).unwrap().is_empty());
    // Friday 6 November 2026, 10:00 local.
    let friday = chrono::DateTime::parse_from_rfc3339("2026-11-06T03:00:00Z")
        .unwrap()
        .with_timezone(&chrono::Utc);
    let p = RecordPurchase {
        items: vec![PurchaseItem {
            name: "Bàn gỗ sồi".into(),
            category: Some("furniture".into()),
            quantity: 1,
            unit_price: vnd(8_000_000),
        }],
        amount: None,
        description: None,
        ..RecordPurchase::new(f.duc, Channel::InPerson, "", vnd(0))
    };
    f.ws.record_purchase(Meta::system(friday), p).unwrap();
    let runs: Vec<PlaybookRunId> =
        f.ws.playbook_runs_of(f.duc)
            .unwrap()
            .iter()
            .map(|r| r.id)
            .collect();
    assert_eq!(runs.len(), 1);
    let progress = f.ws.playbook_progress(runs[0]).unwrap();
    let st: Vec<_> = progress.steps.iter().map(|s| s.status.as_str()).collect();
    assert_eq!(
        st,
        ["scheduled", "scheduled", "scheduled", "skipped"],
        "no marketing consent"
    );
    assert!(progress.steps[3]
        .note
        .as_deref()
        .unwrap()
        .contains("marketing"));
    let due: Vec<_> = progress
        .steps
        .iter()
        .map(|s| s.due_at.map(|d| d.to_rfc3339()))
        .collect();
    assert_eq!(
        due,
        [
            Some("2026-11-06T03:00:00+00:00".to_owned()),
            // Two business days after Friday: Tuesday, at opening time.
            Some("2026-11-10T01:00:00+00:00".to_owned()),
            Some("2026-11-13T03:00:00+00:00".to_owned()),
            None,
        ]
    );
    assert_eq!(progress.status, RunStatus::Active);
    // Completing the steps completes the run; archiving stops another run.
    let first = progress.steps[0].follow_up.unwrap();
    f.ws.execute(
        at(20),
        Command::CompleteFollowUp(CompleteFollowUp {
            follow_up: first,
            outcome: Some("đã gửi".into()),
        }),
    )
    .unwrap();
    assert_eq!(
        f.ws.playbook_progress(runs[0]).unwrap().steps[0].status,
        StepStatus::Done
    );
    let run = runs[0];
    f.ws.execute(
        at(30),
        Command::ArchiveCustomer(ArchiveCustomer {
            customer: f.duc,
            reason: None,
        }),
    )
    .unwrap();
    let progress = f.ws.playbook_progress(run).unwrap();
    assert_eq!(progress.status, RunStatus::Stopped);
    assert_eq!(
        progress
            .steps
            .iter()
            .map(|s| s.status.as_str())
            .collect::<Vec<_>>(),
        ["done", "cancelled", "cancelled", "skipped"]
    );
    let copy = Workspace::replay(f.ws.events().to_vec(), Box::new(SeededIds::new(1))).unwrap();
    assert_eq!(copy, f.ws);
    let err =
        f.ws.execute(
            at(31),
            Command::CancelPlaybookRun(CancelPlaybookRun {
                run,
                reason: "x".into(),
            }),
        )
        .unwrap_err();
    assert_eq!(err.code(), "invalid_transition");
}

mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        /// Stage moves only along allowed transitions: from an open stage
        /// anywhere else; from a won or lost stage only back to an open one.
        /// A refused move changes nothing; the log replays to the same state.
        #[test]
        fn stage_moves_follow_the_rules(moves in proptest::collection::vec((0usize..2, 0usize..8, 0usize..8), 1..40)) {
            let mut f = fx();
            let stages = ["need_identified", "contacted", "qualified", "proposal", "negotiation", "won", "lost", "nope"];
            let reasons = [None, Some("price"), Some("weather"), None, None, None, None, Some("timing")];
            let ids = [
                f.ws.open_opportunity(at(1), OpenOpportunity::new(f.duc, "A", vnd(1_000))).unwrap(),
                f.ws.open_opportunity(at(1), OpenOpportunity::new(f.mai, "B", vnd(2_000))).unwrap(),
            ];
            let pipeline = f.ws.pipeline("sales").unwrap().clone();
            for (i, (which, stage, reason)) in moves.into_iter().enumerate() {
                let id = ids[which];
                let before = f.ws.clone();
                let was = before.opportunity(id).unwrap().clone();
                match mv(&mut f, 10 + i as i64, id, stages[stage], reasons[reason]) {
                    Ok(_) => {
                        let now = f.ws.opportunity(id).unwrap();
                        let to = pipeline.stage(&now.stage).unwrap();
                        prop_assert_ne!(&now.stage, &was.stage);
                        if was.status != StageKind::Open {
                            prop_assert_eq!(to.kind, StageKind::Open);
                            prop_assert_eq!(now.reopen_count, was.reopen_count + 1);
                        }
                        prop_assert_eq!(now.lost_reason.is_some(), to.kind == StageKind::Lost);
                        prop_assert_eq!(now.purchase.is_some(), was.purchase.is_some() || to.kind == StageKind::Won);
                    }
                    Err(e) => {
                        prop_assert!(["invalid_input", "invalid_transition"].contains(&e.code()), "{}", e);
                        prop_assert!(f.ws == before);
                    }
                }
            }
            let copy = Workspace::replay(f.ws.events().to_vec(), Box::new(SeededIds::new(2))).unwrap();
            prop_assert!(copy == f.ws);
        }
    }
}

#[test]
fn a_vip_tier_attaches_a_recurring_call_plan_that_ends_with_the_tier() {
    let mut f = fx();
    let plan = TierPlan {
        subject: "Gọi hỏi thăm khách VIP".into(),
        kind: FollowUpKind::Call,
        rule: "FREQ=MONTHLY;BYDAY=1MO".parse().unwrap(),
        time: chrono::NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
    };
    let loyalty = |plan| {
        Command::ConfigureLoyalty(LoyaltySettings {
            loyal_after_purchases: None,
            tier_rules: vec![TierRule {
                tier: "vip".into(),
                min_spend: Some(vnd(10_000_000)),
                min_purchases: None,
                plan,
            }],
            window_days: 365,
        })
    };
    let mut bad = plan.clone();
    bad.rule = "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30".parse().unwrap();
    let err = f.ws.execute(at(0), loyalty(Some(bad))).unwrap_err();
    assert!(
        matches!(&err, Error::InvalidInput { field, .. } if field.starts_with("tier_rules[0].plan.rule")),
        "{err}"
    );
    f.ws.execute(at(0), loyalty(Some(plan))).unwrap();
    // at(10) is Monday 2 November 2026, 09:10 in Hồ Chí Minh City: past 10:00? No: 09:10.
    f.ws.record_purchase(
        at(10),
        RecordPurchase::new(f.duc, Channel::InPerson, "Sofa da", vnd(12_000_000)),
    )
    .unwrap();
    assert_eq!(f.ws.customer(f.duc).unwrap().tier.as_deref(), Some("vip"));
    let calls: Vec<FollowUp> =
        f.ws.follow_ups_of(f.duc)
            .unwrap()
            .into_iter()
            .cloned()
            .collect();
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].links.tier.as_deref(), Some("vip"));
    // The first Monday of November 2026 at 10:00 UTC (no zone on the customer).
    assert_eq!(calls[0].due_at.to_rfc3339(), "2026-11-02T10:00:00+00:00");
    // A tick at an earlier instant never undoes the purchase.
    assert_eq!(f.ws.tick(at(5)).unwrap(), 0);
    // Archiving ends the plan; here we check on a copy.
    let mut archived = f.ws.clone();
    archived
        .execute(
            at(20),
            Command::ArchiveCustomer(ArchiveCustomer {
                customer: f.duc,
                reason: None,
            }),
        )
        .unwrap();
    assert_eq!(
        archived.follow_up(calls[0].id).unwrap().status,
        FollowUpStatus::Cancelled
    );
    // A year later the tier lapses: tick cancels the plan's open call.
    let later = Meta::system(at(10).at + Duration::days(400));
    assert_eq!(f.ws.tick(later).unwrap(), 2);
    assert_eq!(
        f.ws.follow_up(calls[0].id).unwrap().status,
        FollowUpStatus::Cancelled
    );
    let copy = Workspace::replay(f.ws.events().to_vec(), Box::new(SeededIds::new(5))).unwrap();
    assert_eq!(copy, f.ws);
}

#[test]
fn configuring_a_plan_reaches_customers_already_in_the_tier() {
    let mut f = fx();
    f.ws.execute(
        at(1),
        Command::SetTier(SetTier {
            customer: f.mai,
            tier: Some("vip".into()),
        }),
    )
    .unwrap();
    let rules = |plan: Option<TierPlan>| {
        Command::ConfigureLoyalty(LoyaltySettings {
            loyal_after_purchases: None,
            tier_rules: vec![TierRule {
                tier: "vip".into(),
                min_spend: Some(vnd(10_000_000)),
                min_purchases: None,
                plan,
            }],
            window_days: 365,
        })
    };
    let plan = TierPlan {
        subject: "Gọi khách VIP".into(),
        kind: FollowUpKind::Call,
        rule: "FREQ=WEEKLY;BYDAY=FR".parse().unwrap(),
        time: chrono::NaiveTime::from_hms_opt(15, 0, 0).unwrap(),
    };
    let out = f.ws.execute(at(2), rules(Some(plan))).unwrap();
    assert_eq!(out.events, 2, "the rules and Mai's plan");
    let calls = f.ws.follow_ups_of(f.mai).unwrap();
    assert_eq!(calls.len(), 1);
    let call = calls[0].id;
    assert_eq!(calls[0].due_at.to_rfc3339(), "2026-11-06T15:00:00+00:00");
    // The plan removed: her open call is cancelled.
    let out = f.ws.execute(at(3), rules(None)).unwrap();
    assert_eq!(out.events, 2);
    assert_eq!(
        f.ws.follow_up(call).unwrap().status,
        FollowUpStatus::Cancelled
    );
    let copy = Workspace::replay(f.ws.events().to_vec(), Box::new(SeededIds::new(8))).unwrap();
    assert_eq!(copy, f.ws);
}
