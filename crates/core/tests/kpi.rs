#![allow(clippy::unwrap_used, clippy::expect_used)]
//! KPIs: the shared hand-computed cases (`fixtures/kpi_cases.json`, written by
//! `fixtures/gen_kpi_cases.py`, where each expected value is worked out in a
//! comment; also run by the Python and JavaScript tests), and properties:
//! KPIs of a replayed log equal the live workspace's, KPI queries change
//! nothing, grouped counts add up to the ungrouped ones.

use chrono::{DateTime, Duration, TimeZone, Utc};
use clientcare::*;
use proptest::prelude::*;
use serde_json::Value;

fn fixture() -> Value {
    serde_json::from_str(include_str!("fixtures/kpi_cases.json")).unwrap()
}

fn time(v: &Value) -> DateTime<Utc> {
    v.as_str().unwrap().parse().unwrap()
}

/// Runs the fixture's steps ("$S1" is the first survey sent).
fn world() -> Workspace {
    let mut ws = Workspace::with_seed(1);
    for step in fixture()["steps"].as_array().unwrap() {
        let mut cmd = step["command"].clone();
        if cmd["survey"] == "$S1" {
            let first = ws.surveys(&SurveyFilter::default()).unwrap()[0].id;
            cmd["survey"] = Value::String(first.to_string());
        }
        let meta = Meta::system(time(&step["at"]));
        ws.execute(meta, Command::from_json(&cmd).unwrap())
            .unwrap_or_else(|e| panic!("{step}: {e}"));
    }
    ws
}

fn close(a: &Value, b: &Value) -> bool {
    match (a.as_f64(), b.as_f64()) {
        (Some(x), Some(y)) => (x - y).abs() <= 1e-9 * x.abs().max(1.0),
        _ => a == b,
    }
}

#[test]
fn every_kpi_matches_the_hand_computed_cases() {
    let ws = world();
    let fx = fixture();
    let mut seen = std::collections::BTreeSet::new();
    for case in fx["queries"].as_array().unwrap() {
        let name = case["kpi"].as_str().unwrap();
        seen.insert(name.to_owned());
        let q: KpiQuery = serde_json::from_value(case["query"].clone()).unwrap();
        let rows = ws.kpi(name, &q).unwrap_or_else(|e| panic!("{name}: {e}"));
        let got = serde_json::to_value(&rows).unwrap();
        let got = got.as_array().unwrap();
        let want = case["expect"].as_array().unwrap();
        let ctx = format!("{name} {}", case["query"]);
        assert_eq!(got.len(), want.len(), "{ctx}: got {got:#?}");
        for (g, w) in got.iter().zip(want) {
            for field in ["kpi", "group", "measure", "unit", "sample_size"] {
                assert_eq!(g[field], w[field], "{ctx}: {field} of {g}");
            }
            for field in ["value", "numerator", "denominator"] {
                assert!(
                    close(&g[field], &w[field]),
                    "{ctx}: {field} of {g}, want {w}"
                );
            }
        }
    }
    for k in KPI_NAMES {
        assert!(seen.contains(*k), "no hand-computed case for {k}");
    }
    for case in fx["errors"].as_array().unwrap() {
        let q: KpiQuery = serde_json::from_value(case["query"].clone()).unwrap();
        let err = ws.kpi(case["kpi"].as_str().unwrap(), &q).unwrap_err();
        assert_eq!(err.code(), case["code"].as_str().unwrap(), "{case}: {err}");
    }
}

#[test]
fn dashboard_is_every_kpi_but_cohorts_and_refuses_grouping() {
    let ws = world();
    let fx = fixture();
    let range = &fx["queries"][0]["query"];
    let q: KpiQuery = serde_json::from_value(range.clone()).unwrap();
    let d = ws.dashboard(&q).unwrap();
    let mut names: Vec<&str> = d.rows.iter().map(|r| r.kpi).collect();
    names.dedup();
    let want: Vec<&str> = KPI_NAMES
        .iter()
        .copied()
        .filter(|k| *k != "cohort_retention")
        .collect();
    assert_eq!(names, want);
    // The dashboard's rows are the single KPIs' rows.
    for k in &want {
        let single = ws.kpi(k, &q).unwrap();
        let part: Vec<&KpiRow> = d.rows.iter().filter(|r| r.kpi == *k).collect();
        assert_eq!(part.len(), single.len(), "{k}");
        for (a, b) in part.iter().zip(&single) {
            assert_eq!(*a, b);
        }
    }
    let json = serde_json::to_value(&d).unwrap();
    assert!(json["rows"][0]["sample_size"].is_u64());
    let err = ws
        .dashboard(&q.clone().grouped(GroupBy::Agent))
        .unwrap_err();
    assert_eq!(err.code(), "invalid_input");
}

#[test]
fn kpis_of_a_replayed_log_equal_the_live_ones() {
    let ws = world();
    let copy = Workspace::import_jsonl(&ws.export_jsonl(), Box::new(SeededIds::new(9))).unwrap();
    let q = KpiQuery::new(
        Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(2026, 4, 1, 0, 0, 0).unwrap(),
    );
    assert_eq!(ws.dashboard(&q).unwrap(), copy.dashboard(&q).unwrap());
    for by in GroupBy::ALL {
        for k in KPI_NAMES {
            let q = q.clone().grouped(*by);
            assert_eq!(ws.kpi(k, &q).ok(), copy.kpi(k, &q).ok(), "{k} by {by}");
        }
    }
}

#[test]
fn week_and_month_groups_use_the_time_zone() {
    let ws = world();
    let mut q = KpiQuery::new(
        Utc.with_ymd_and_hms(2026, 3, 1, 0, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(2026, 3, 9, 0, 0, 0).unwrap(),
    )
    .grouped(GroupBy::Week);
    let groups = |ws: &Workspace, q: &KpiQuery| {
        ws.kpi("complaint_volume", q)
            .unwrap()
            .into_iter()
            .map(|r| (r.group, r.value))
            .collect::<Vec<_>>()
    };
    // K5 arrived Sun 2026-03-01 20:00Z: ISO week 9 in UTC, but Monday 03:00
    // (week 10) in Ho Chi Minh City.
    assert_eq!(
        groups(&ws, &q),
        vec![
            ("2026-W09".into(), Some(1.0)),
            ("2026-W10".into(), Some(4.0))
        ]
    );
    q.time_zone = Some("Asia/Ho_Chi_Minh".into());
    assert_eq!(groups(&ws, &q), vec![("2026-W10".into(), Some(5.0))]);
    q.group_by = Some(GroupBy::Month);
    assert_eq!(groups(&ws, &q), vec![("2026-03".into(), Some(5.0))]);
}

#[test]
fn survey_rules_late_duplicate_range_and_consent() {
    let mut ws = world();
    let at = Utc.with_ymd_and_hms(2026, 3, 10, 9, 0, 0).unwrap();
    let c1: CustomerId = "00000000-0000-7000-8000-c00000000001".parse().unwrap();
    let c2: CustomerId = "00000000-0000-7000-8000-c00000000002".parse().unwrap();
    let send = |customer, kind, channel| {
        Command::SendSurvey(SendSurvey {
            id: None,
            customer,
            kind,
            template: None,
            channel,
            link: None,
            agent: None,
            response_days: None,
        })
    };
    let before = ws.clone();
    let err = ws
        .execute(Meta::system(at), send(c2, SurveyKind::Csat, Channel::Email))
        .unwrap_err();
    assert_eq!(err.code(), "invalid_input", "{err}");
    assert!(err.to_string().contains("consent"), "{err}");
    assert_eq!(ws, before);
    let out = ws
        .execute(Meta::system(at), send(c1, SurveyKind::Nps, Channel::Email))
        .unwrap();
    let Some(EntityRef::Survey(id)) = out.created else {
        panic!("no survey created")
    };
    let answer = |score| {
        Command::AnswerSurvey(AnswerSurvey {
            survey: id,
            score: Some(score),
            answers: Default::default(),
            comment: None,
            answered_at: None,
        })
    };
    for bad in [-1, 11] {
        let before = ws.clone();
        let err = ws.execute(Meta::system(at), answer(bad)).unwrap_err();
        assert_eq!(err.code(), "invalid_input");
        assert_eq!(ws, before);
    }
    ws.execute(Meta::system(at + Duration::hours(1)), answer(8))
        .unwrap();
    let before = ws.clone();
    let err = ws
        .execute(Meta::system(at + Duration::hours(2)), answer(10))
        .unwrap_err();
    assert_eq!(err.code(), "invalid_transition", "{err}");
    assert_eq!(ws, before);
    assert_eq!(ws.survey(id).unwrap().score, Some(8));
    assert_eq!(ws.survey(id).unwrap().status, SurveyStatus::Answered);
}

#[test]
fn custom_answers_are_checked_against_the_template() {
    let mut ws = world();
    let at = Utc.with_ymd_and_hms(2026, 3, 10, 9, 0, 0).unwrap();
    let c3: CustomerId = "00000000-0000-7000-8000-c00000000003".parse().unwrap();
    let out = ws
        .execute(
            Meta::system(at),
            Command::SendSurvey(SendSurvey {
                id: None,
                customer: c3,
                kind: SurveyKind::Custom,
                template: Some("visit".into()),
                channel: Channel::Email,
                link: None,
                agent: None,
                response_days: None,
            }),
        )
        .unwrap();
    let Some(EntityRef::Survey(id)) = out.created else {
        panic!()
    };
    let try_answer = |ws: &mut Workspace, answers: Value| {
        let cmd = serde_json::json!({"type": "answer_survey", "survey": id, "answers": answers});
        let before = ws.clone();
        let r = ws.execute(Meta::system(at), Command::from_json(&cmd).unwrap());
        if r.is_err() {
            assert_eq!(*ws, before);
        }
        r.map_err(|e| e.to_string())
    };
    for (bad, field) in [
        (serde_json::json!({"liked": ["staff"]}), "answers.overall"),
        (serde_json::json!({"overall": 6}), "answers.overall"),
        (serde_json::json!({"overall": "good"}), "answers.overall"),
        (
            serde_json::json!({"overall": 4, "liked": ["cake"]}),
            "answers.liked",
        ),
        (serde_json::json!({"overall": 4, "mood": "ok"}), "answers"),
    ] {
        let err = try_answer(&mut ws, bad.clone()).unwrap_err();
        assert!(err.contains(field), "{bad}: {err}");
    }
    try_answer(&mut ws, serde_json::json!({"overall": 5, "liked": "price"})).unwrap();
    let s = ws.survey(id).unwrap();
    assert_eq!(s.score, Some(5));
    assert_eq!(
        s.answers.get("liked"),
        Some(&AnswerValue::Choices(vec!["price".into()]))
    );
}

#[test]
fn a_playbook_survey_step_sends_its_survey_when_done() {
    let mut ws = world();
    let at = Utc.with_ymd_and_hms(2026, 3, 10, 9, 0, 0).unwrap();
    let c3: CustomerId = "00000000-0000-7000-8000-c00000000003".parse().unwrap();
    let define = serde_json::json!({"type": "define_playbook", "key": "after-sale", "steps": [
        {"kind": "survey", "subject": "How is the chair?", "offset_days": 7, "channel": "email",
         "purpose": "feedback", "survey": "nps"}]});
    ws.execute(Meta::system(at), Command::from_json(&define).unwrap())
        .unwrap();
    // A survey on a non-survey step, or an unknown survey, is refused.
    for (kind, survey) in [("advice", "nps"), ("survey", "nope")] {
        let bad = serde_json::json!({"type": "define_playbook", "key": "x", "steps": [
            {"kind": kind, "subject": "s", "offset_days": 1, "channel": "email", "survey": survey}]});
        let err = ws
            .execute(Meta::system(at), Command::from_json(&bad).unwrap())
            .unwrap_err();
        assert_eq!(err.code(), "invalid_input");
    }
    let buy = serde_json::json!({"type": "record_purchase", "customer": c3, "channel": "in_person",
        "description": "Chair", "amount": {"amount_minor": 1000, "currency": "VND"}});
    ws.execute(Meta::system(at), Command::from_json(&buy).unwrap())
        .unwrap();
    let run = &ws.playbook_runs_of(c3).unwrap()[0];
    let fu = run.steps[0].follow_up.unwrap();
    let n = ws.survey_count();
    ws.execute(
        Meta::system(at + Duration::days(7)),
        Command::CompleteFollowUp(CompleteFollowUp {
            follow_up: fu,
            outcome: None,
        }),
    )
    .unwrap();
    assert_eq!(ws.survey_count(), n + 1);
    let s = ws
        .surveys(&SurveyFilter {
            customer: Some(c3),
            ..Default::default()
        })
        .unwrap()
        .into_iter()
        .last()
        .unwrap()
        .clone();
    assert_eq!(s.kind, SurveyKind::Nps);
    assert!(matches!(
        s.link,
        Some(SurveyLink::PlaybookStep { step: 0, .. })
    ));
    // A custom survey cannot be removed while a playbook step sends it.
    let uses = serde_json::json!({"type": "define_playbook", "key": "visit-check", "steps": [
        {"kind": "survey", "subject": "Visit survey", "offset_days": 1, "channel": "email", "survey": "visit"}]});
    ws.execute(Meta::system(at), Command::from_json(&uses).unwrap())
        .unwrap();
    let before = ws.clone();
    let err = ws
        .execute(
            Meta::system(at),
            Command::RemoveSurvey(RemoveSurvey {
                key: "visit".into(),
            }),
        )
        .unwrap_err();
    assert_eq!(err.code(), "conflict", "{err}");
    assert_eq!(ws, before);
}

fn arb_day() -> impl Strategy<Value = i64> {
    0i64..20
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    /// Grouped counts add up to the ungrouped ones, and a KPI query changes nothing.
    #[test]
    fn grouped_volumes_add_up(days in proptest::collection::vec(arb_day(), 1..12), by in 0usize..9) {
        let mut ws = world();
        let c1: CustomerId = "00000000-0000-7000-8000-c00000000001".parse().unwrap();
        let start = Utc.with_ymd_and_hms(2026, 3, 1, 0, 0, 0).unwrap();
        for (i, d) in days.iter().enumerate() {
            let at = start + Duration::days(*d) + Duration::minutes(i as i64);
            let cmd = serde_json::json!({"type": "open_complaint", "customer": c1, "channel": "sms",
                "subject": format!("p{i}"), "category": if i % 2 == 0 { "a" } else { "b" }});
            ws.execute(Meta::system(at), Command::from_json(&cmd).unwrap()).unwrap();
        }
        let q = KpiQuery::new(start, start + Duration::days(15));
        let before = ws.clone();
        let total = ws.kpi("complaint_volume", &q).unwrap()[0].sample_size;
        let by = GroupBy::ALL[by];
        let parts: u64 = ws.kpi("complaint_volume", &q.clone().grouped(by)).unwrap()
            .iter().map(|r| r.sample_size).sum();
        prop_assert_eq!(total, parts);
        prop_assert_eq!(&ws, &before);
    }
}

#[test]
fn csat_on_resolve_asks_once_per_complaint_and_only_with_consent() {
    let mut ws = world();
    let at = Utc.with_ymd_and_hms(2026, 3, 10, 9, 0, 0).unwrap();
    let c1: CustomerId = "00000000-0000-7000-8000-c00000000001".parse().unwrap();
    let c2: CustomerId = "00000000-0000-7000-8000-c00000000002".parse().unwrap();
    let run = |ws: &mut Workspace, min: i64, cmd: Value| {
        ws.execute(
            Meta::system(at + Duration::minutes(min)),
            Command::from_json(&cmd).unwrap(),
        )
        .unwrap()
    };
    let n = ws.survey_count();
    for (customer, expect) in [(c1, 1), (c2, 0)] {
        let before = ws.survey_count();
        let k = ws
            .open_complaint(
                Meta::system(at),
                OpenComplaint::new(customer, Channel::Email, "Again"),
            )
            .unwrap();
        run(
            &mut ws,
            1,
            serde_json::json!({"type": "resolve_complaint", "complaint": k, "category": "fixed"}),
        );
        run(
            &mut ws,
            2,
            serde_json::json!({"type": "reopen_complaint", "complaint": k}),
        );
        run(
            &mut ws,
            3,
            serde_json::json!({"type": "resolve_complaint", "complaint": k, "category": "fixed"}),
        );
        assert_eq!(ws.survey_count() - before, expect, "{customer}");
    }
    assert_eq!(ws.survey_count(), n + 1);
}

#[test]
fn surveys_show_on_the_customer_timeline_and_filter_by_link() {
    let ws = world();
    let c1: CustomerId = "00000000-0000-7000-8000-c00000000001".parse().unwrap();
    let k1: ComplaintId = "00000000-0000-7000-8000-d00000000001".parse().unwrap();
    let csat = ws
        .surveys(&SurveyFilter {
            link: Some(SurveyLink::Complaint { id: k1 }),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(csat.len(), 1);
    assert_eq!(csat[0].customer, c1);
    let types: Vec<&str> = ws
        .timeline(
            c1,
            PageRequest {
                after: None,
                limit: 1000,
            },
        )
        .unwrap()
        .items
        .iter()
        .map(|e| e.event.payload.type_name())
        .collect();
    assert!(types.contains(&"survey_sent"), "{types:?}");
    assert!(types.contains(&"survey_answered"), "{types:?}");
}

/// One step of a random complaint history.
#[derive(Debug, Clone)]
enum Step {
    Open(i64),
    Respond(usize),
    CustomerWrites(usize),
    Wait(usize),
    Resolve(usize),
    Reopen(usize),
    Close(usize),
    Cancel(usize),
    Escalate(usize),
    Retier(bool),
}

fn arb_step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (0i64..600).prop_map(Step::Open),
        (0usize..8).prop_map(Step::Respond),
        (0usize..8).prop_map(Step::CustomerWrites),
        (0usize..8).prop_map(Step::Wait),
        (0usize..8).prop_map(Step::Resolve),
        (0usize..8).prop_map(Step::Reopen),
        (0usize..8).prop_map(Step::Close),
        (0usize..8).prop_map(Step::Cancel),
        (0usize..8).prop_map(Step::Escalate),
        any::<bool>().prop_map(Step::Retier),
    ]
}

/// SLA compliance counts from the public `sla_status` at `to`, complaint by
/// complaint: the oracle of the KPI's dense facts and settled memo.
fn sla_oracle(ws: &Workspace, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<(u64, u64, u64)> {
    let mut out = vec![(0, 0, 0); 3];
    for c in ws.complaints() {
        if c.received_at < from || c.received_at >= to {
            continue;
        }
        for m in ws.sla_status(c.id, to).unwrap().metrics {
            let i = Metric::ALL.iter().position(|x| *x == m.metric).unwrap();
            let pending = !matches!(
                m.state,
                MetricState::Met | MetricState::Breached | MetricState::Stopped
            );
            if m.metric == Metric::NextResponse {
                let decided = u64::from(m.cycles) - u64::from(pending);
                out[i].0 += decided - u64::from(m.breached_cycles);
                out[i].1 += u64::from(m.breached_cycles);
                out[i].2 += u64::from(pending);
            } else {
                match m.state {
                    MetricState::Met => out[i].0 += 1,
                    MetricState::Breached => out[i].1 += 1,
                    MetricState::Stopped => {}
                    _ => out[i].2 += 1,
                }
            }
        }
    }
    out
}

fn sla_rows(ws: &Workspace, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<(u64, u64, u64)> {
    let rows = ws.kpi("sla_compliance", &KpiQuery::new(from, to)).unwrap();
    rows.chunks(2)
        .map(|r| {
            let met = r[0].numerator.unwrap() as u64;
            let den = r[0].denominator.unwrap() as u64;
            (met, den - met, r[1].sample_size)
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    /// The care KPIs' dense facts and settled-outcome memo agree with the SLA
    /// engine at any `to`, before and after a policy change and a tier
    /// change, and with a replayed workspace whose memo is cold.
    #[test]
    fn care_kpis_agree_with_the_sla_engine(steps in proptest::collection::vec(arb_step(), 1..40), cut in 0i64..3000) {
        let t0 = Utc.with_ymd_and_hms(2026, 3, 2, 0, 0, 0).unwrap();
        let mut ws = Workspace::with_seed(3);
        let m = |t: DateTime<Utc>| Meta::system(t);
        let cust = ws.register_customer(m(t0), RegisterCustomer { full_name: "Lan".into(), ..Default::default() }).unwrap();
        let cal = CalendarSpec::weekdays("Asia/Ho_Chi_Minh", &[("08:00", "12:00"), ("13:30", "17:30")]).unwrap();
        ws.define_calendar(m(t0), "office", cal).unwrap();
        let targets = Targets { first_response_minutes: Some(60), next_response_minutes: Some(120), resolution_minutes: Some(480) };
        ws.define_sla_policy(m(t0), SlaPolicy::new("standard", "office", targets)).unwrap();
        let mut vip = SlaPolicy::new("vip", "office", Targets { first_response_minutes: Some(15), ..targets });
        vip.conditions.tiers = vec!["vip".into()];
        vip.precedence = -10;
        ws.define_sla_policy(m(t0), vip).unwrap();
        let mut now = t0 + Duration::hours(1);
        let mut ids: Vec<ComplaintId> = Vec::new();
        for s in &steps {
            now += Duration::minutes(37);
            let pick = |i: &usize| ids.get(i % ids.len().max(1)).copied();
            let cmd = match s {
                Step::Open(back) => {
                    let mut o = OpenComplaint::new(cust, Channel::Email, "x");
                    o.received_at = Some(now - Duration::minutes(*back));
                    if let Ok(id) = ws.open_complaint(m(now), o) { ids.push(id); }
                    continue;
                }
                Step::Wait(i) => pick(i).map(|c| serde_json::json!({"type": "change_complaint_state", "complaint": c, "to": "waiting_on_customer"})),
                Step::Respond(i) => pick(i).map(|c| serde_json::json!({"type": "respond_to_complaint", "complaint": c, "body": "ok"})),
                Step::CustomerWrites(i) => pick(i).map(|c| serde_json::json!({"type": "add_customer_message", "complaint": c, "body": "?"})),
                Step::Resolve(i) => pick(i).map(|c| serde_json::json!({"type": "resolve_complaint", "complaint": c, "category": "fixed"})),
                Step::Reopen(i) => pick(i).map(|c| serde_json::json!({"type": "reopen_complaint", "complaint": c})),
                Step::Close(i) => pick(i).map(|c| serde_json::json!({"type": "close_complaint", "complaint": c})),
                Step::Cancel(i) => pick(i).map(|c| serde_json::json!({"type": "cancel_complaint", "complaint": c, "reason": "spam"})),
                Step::Escalate(i) => pick(i).map(|c| serde_json::json!({"type": "escalate_complaint", "complaint": c, "reason": "slow"})),
                Step::Retier(vip) => Some(serde_json::json!({"type": "set_tier", "customer": cust, "tier": if *vip { Some("vip") } else { None }})),
            };
            if let Some(cmd) = cmd {
                // Refused transitions are fine: they change nothing.
                let _ = ws.execute(m(now), Command::from_json(&cmd).unwrap());
            }
        }
        let from = t0 - Duration::days(2);
        // Odd seconds: no mark falls exactly on `to`.
        let end = now + Duration::days(3) + Duration::seconds(7);
        let mid = t0 + Duration::minutes(cut) + Duration::seconds(7);
        for to in [end, mid, end] {
            prop_assert_eq!(sla_rows(&ws, from, to), sla_oracle(&ws, from, to), "to {}", to);
        }
        // The dense facts agree with the complaints as they are now.
        let q = KpiQuery::new(from, end);
        let value = |k: &str, measure: &str| {
            ws.kpi(k, &q).unwrap().into_iter().find(|r| r.measure == measure).unwrap()
        };
        let inside: Vec<&Complaint> = ws.complaints().filter(|c| c.received_at >= from).collect();
        let answered = inside.iter().filter(|c| c.first_response_at.is_some()).count() as u64;
        prop_assert_eq!(value("first_response_time", "wall_mean").sample_size, answered);
        let resolved = inside.iter().filter(|c| c.resolved_at().is_some()).count() as u64;
        prop_assert_eq!(value("resolution_time", "wall_mean").sample_size, resolved);
        let ever = inside.iter().filter(|c| !c.resolutions.is_empty());
        let reopened = ever.clone().filter(|c| c.reopen_count > 0).count() as f64;
        let r = value("reopen_rate", "rate");
        prop_assert_eq!((r.numerator, r.denominator), (Some(reopened), Some(ever.count() as f64)));
        let escalated = inside
            .iter()
            .filter(|c| !matches!(c.state, ComplaintState::Cancelled | ComplaintState::Merged) && c.escalation_level > 0)
            .count() as f64;
        prop_assert_eq!(value("escalation_rate", "rate").numerator, Some(escalated));
        let open = ws.complaints().filter(|c| c.state.is_active()).count() as u64;
        prop_assert_eq!(value("backlog", "open").sample_size, open);
        // A policy change and a tier change reach the memo.
        let strict = Targets { first_response_minutes: Some(5), next_response_minutes: Some(5), resolution_minutes: Some(30) };
        ws.define_sla_policy(m(now), SlaPolicy::new("standard", "office", strict)).unwrap();
        prop_assert_eq!(sla_rows(&ws, from, end), sla_oracle(&ws, from, end));
        let cmd = serde_json::json!({"type": "set_tier", "customer": cust, "tier": "vip"});
        ws.execute(m(now), Command::from_json(&cmd).unwrap()).unwrap();
        prop_assert_eq!(sla_rows(&ws, from, end), sla_oracle(&ws, from, end));
        // A replayed workspace (cold memo) gives the same care rows.
        let copy = Workspace::import_jsonl(&ws.export_jsonl(), Box::new(SeededIds::new(1))).unwrap();
        for to in [end, mid] {
            let q = KpiQuery::new(from, to);
            prop_assert_eq!(ws.dashboard(&q).unwrap(), copy.dashboard(&q).unwrap());
        }
    }
}

#[test]
fn a_survey_sent_at_the_end_of_time_still_round_trips() {
    let mut ws = world();
    let at = Utc.with_ymd_and_hms(9999, 12, 31, 12, 0, 0).unwrap();
    let c1: CustomerId = "00000000-0000-7000-8000-c00000000001".parse().unwrap();
    let id = ws
        .send_survey(
            Meta::system(at),
            SendSurvey {
                id: None,
                customer: c1,
                kind: SurveyKind::Csat,
                template: None,
                channel: Channel::Email,
                link: None,
                agent: None,
                response_days: Some(30),
            },
        )
        .unwrap();
    assert_eq!(
        ws.survey(id).unwrap().expires_at,
        Utc.with_ymd_and_hms(9999, 12, 31, 23, 59, 59).unwrap()
    );
    let copy = Workspace::import_jsonl(&ws.export_jsonl(), Box::new(SeededIds::new(1))).unwrap();
    assert_eq!(copy, ws);
}
