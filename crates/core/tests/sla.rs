#![allow(clippy::unwrap_used, clippy::expect_used)]
//! SLA engine: the shared scenarios (`fixtures/sla_scenarios.json`, also run
//! by the Python and JavaScript tests), explanations and properties.
//!
//! Hand computations for the scenarios (calendar `hcmc`: Asia/Ho_Chi_Minh,
//! UTC+7, Mon-Fri 08:00-12:00 and 13:30-17:30, Sat 08:00-12:00, Tết closed
//! 2027-02-05..11):
//! - split shift: received Mon 11:00 local; 120 min = 11:00-12:00 + 13:30-14:30.
//!   Resolution 960 min = Mon 300 + Tue 480 + Wed 08:00-11:00.
//! - weekend: received Fri 17:00; 30 min on Friday, then Sat 08:00-09:30.
//! - Tết: received Thu 2027-02-04 16:00; 90 min that day, then Fri 02-12 08:00-08:30.
//! - pause: 30 min counted 09:00-09:30, paused until 13:45, then 240-30 = 210
//!   min from 13:45 ends at 17:15 local (10:15Z).
//! - reopen (24/7, 60 min): first = 40 min to the first resolution (met);
//!   total = 40 min + 30 min after the reopen = 70 min, breached at 03:20Z.
//! - Berlin Fri 16:00 CEST + 60 min, Mon 08:00 CET (07:00Z) + 60 = 08:00Z
//!   (the offset changed on Sunday); New York Fri 16:00 EDT + 60, Mon 09:00
//!   EST (14:00Z) + 60 = 15:00Z.

use chrono::{DateTime, Duration, TimeZone, Utc};
use clientcare::*;
use proptest::prelude::*;
use serde_json::Value;

fn fixture() -> Value {
    serde_json::from_str(include_str!("fixtures/sla_scenarios.json")).unwrap()
}

fn time(v: &Value) -> DateTime<Utc> {
    v.as_str().unwrap().parse().unwrap()
}

fn run_step(ws: &mut Workspace, step: &Value, scenario: &str) {
    let ctx = format!("{scenario}: {step}");
    if let Some(cmd) = step.get("command") {
        let meta = Meta::system(time(&step["at"]));
        let command = Command::from_json(cmd);
        match step.get("error").and_then(Value::as_str) {
            Some(code) => {
                let before = ws.clone();
                let err = command.and_then(|c| ws.execute(meta, c)).unwrap_err();
                assert_eq!(err.code(), code, "{ctx}: {err}");
                assert_eq!(*ws, before, "{ctx}: a failed command changed nothing");
            }
            None => {
                ws.execute(meta, command.unwrap())
                    .unwrap_or_else(|e| panic!("{ctx}: {e}"));
            }
        }
    } else if let Some(id) = step.get("status") {
        let id: ComplaintId = id.as_str().unwrap().parse().unwrap();
        let st = ws.sla_status(id, time(&step["now"])).unwrap();
        assert_eq!(st.policy.as_deref(), step["policy"].as_str(), "{ctx}");
        let got = serde_json::to_value(&st).unwrap();
        for (metric, want) in step["metrics"].as_object().unwrap() {
            let m = got["metrics"]
                .as_array()
                .unwrap()
                .iter()
                .find(|m| m["metric"] == metric.as_str())
                .unwrap_or_else(|| panic!("{ctx}: no {metric} in {got}"));
            for (field, v) in want.as_object().unwrap() {
                assert_eq!(&m[field], v, "{ctx}: {metric}.{field} in {m}");
            }
        }
    } else if let Some(now) = step.get("tick") {
        let n = ws.tick(Meta::system(time(now))).unwrap();
        assert_eq!(Some(n as u64), step["events"].as_u64(), "{ctx}");
    } else if let Some(kind) = step.get("alerts") {
        let now = time(&step["now"]);
        let alerts = match kind.as_str().unwrap() {
            "at_risk" => ws.complaints_at_risk(now),
            _ => ws.complaints_breached(now),
        };
        let want = step["expect"].as_array().unwrap();
        assert_eq!(alerts.len(), want.len(), "{ctx}: {alerts:?}");
        for (a, w) in alerts.iter().zip(want) {
            let a = serde_json::to_value(a).unwrap();
            for (field, v) in w.as_object().unwrap() {
                assert_eq!(&a[field], v, "{ctx}: {field} in {a}");
            }
        }
    } else if let Some(id) = step.get("complaint") {
        let id: ComplaintId = id.as_str().unwrap().parse().unwrap();
        let c = serde_json::to_value(ws.complaint(id).unwrap()).unwrap();
        for field in ["state", "escalation_level", "assignee"] {
            if let Some(v) = step.get(field) {
                assert_eq!(&c[field], v, "{ctx}: {field}");
            }
        }
    } else if let Some(cals) = step.get("calendars") {
        let keys: Vec<&str> = ws.calendar_keys().collect();
        let want: Vec<&str> = cals
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(keys, want, "{ctx}");
        let policies: Vec<&str> = ws.sla_policies().iter().map(|p| p.key.as_str()).collect();
        let want: Vec<&str> = step["policies"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(policies, want, "{ctx}");
    } else {
        panic!("unknown step {ctx}");
    }
}

fn run_scenario(fx: &Value, scenario: &Value) -> Workspace {
    let name = scenario["name"].as_str().unwrap();
    let mut ws = Workspace::with_seed(1);
    for step in fx["prelude"].as_array().unwrap() {
        run_step(&mut ws, step, name);
    }
    for step in scenario["steps"].as_array().unwrap() {
        run_step(&mut ws, step, name);
    }
    ws
}

#[test]
fn shared_scenarios() {
    let fx = fixture();
    let scenarios = fx["scenarios"].as_array().unwrap();
    assert!(scenarios.len() >= 10);
    for s in scenarios {
        let ws = run_scenario(&fx, s);
        // The log alone rebuilds the same workspace, SLA state included.
        let copy = Workspace::import_jsonl(&ws.export_jsonl(), Box::new(SeededIds::new(9)))
            .unwrap_or_else(|e| panic!("{}: {e}", s["name"]));
        assert_eq!(copy, ws, "{}", s["name"]);
    }
}

fn scenario(name_part: &str) -> Workspace {
    let fx = fixture();
    let s = fx["scenarios"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"].as_str().unwrap().contains(name_part))
        .unwrap()
        .clone();
    run_scenario(&fx, &s)
}

fn cid(n: u32) -> ComplaintId {
    format!("00000000-0000-7000-8000-{:012x}", 0xd00 + n)
        .parse()
        .unwrap()
}

fn utc(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

#[test]
fn the_explanation_lists_counted_and_paused_intervals() {
    let ws = scenario("pauses");
    let st = ws.explain_sla(cid(4), utc("2026-11-02T07:00:00Z")).unwrap();
    let res = st.metric(Metric::Resolution).unwrap();
    let got: Vec<(String, String, IntervalKind, ComplaintState)> = res
        .intervals
        .iter()
        .map(|i| (i.from.to_rfc3339(), i.to.to_rfc3339(), i.kind, i.state))
        .collect();
    let t = |s: &str| utc(s).to_rfc3339();
    assert_eq!(
        got,
        vec![
            (
                t("2026-11-02T02:00:00Z"),
                t("2026-11-02T02:10:00Z"),
                IntervalKind::Counted,
                ComplaintState::New
            ),
            (
                t("2026-11-02T02:10:00Z"),
                t("2026-11-02T02:30:00Z"),
                IntervalKind::Counted,
                ComplaintState::Open
            ),
            (
                t("2026-11-02T02:30:00Z"),
                t("2026-11-02T06:45:00Z"),
                IntervalKind::Paused,
                ComplaintState::WaitingOnCustomer
            ),
            (
                t("2026-11-02T06:45:00Z"),
                t("2026-11-02T07:00:00Z"),
                IntervalKind::Counted,
                ComplaintState::Open
            ),
        ]
    );
    let counted: i64 = res
        .intervals
        .iter()
        .filter(|i| i.kind == IntervalKind::Counted)
        .map(|i| (i.to - i.from).num_seconds())
        .sum();
    assert_eq!(counted, res.elapsed_seconds);
    // Without explain, no intervals.
    assert!(ws
        .sla_status(cid(4), utc("2026-11-02T07:00:00Z"))
        .unwrap()
        .metrics[1]
        .intervals
        .is_empty());
}

#[test]
fn explained_intervals_skip_off_hours() {
    let ws = scenario("split shift");
    let st = ws.explain_sla(cid(1), utc("2026-11-02T08:00:00Z")).unwrap();
    let fr = st.metric(Metric::FirstResponse).unwrap();
    let spans: Vec<(String, String)> = fr
        .intervals
        .iter()
        .map(|i| (i.from.to_rfc3339(), i.to.to_rfc3339()))
        .collect();
    let t = |s: &str| utc(s).to_rfc3339();
    assert_eq!(
        spans,
        vec![
            (t("2026-11-02T04:00:00Z"), t("2026-11-02T05:00:00Z")),
            (t("2026-11-02T06:30:00Z"), t("2026-11-02T07:20:00Z")),
        ]
    );
}

#[test]
fn statuses_in_bulk_and_queries_about_policies() {
    let ws = scenario("priority change");
    assert_eq!(ws.sla_policy_for(cid(8)).unwrap().unwrap().key, "urgent");
    let all = ws.sla_statuses(utc("2026-11-02T02:21:00Z"));
    assert_eq!(all.len(), 1);
    assert_eq!(
        all[0],
        ws.sla_status(cid(8), utc("2026-11-02T02:21:00Z")).unwrap()
    );
    let d = ws
        .business_time_between(
            "hcmc",
            utc("2026-11-02T04:00:00Z"),
            utc("2026-11-02T08:00:00Z"),
        )
        .unwrap();
    assert_eq!(d, Duration::minutes(150));
    assert_eq!(
        ws.add_business_time("hcmc", utc("2026-11-02T04:00:00Z"), Duration::minutes(120))
            .unwrap(),
        utc("2026-11-02T07:30:00Z")
    );
    assert_eq!(
        ws.add_business_time("hcmc", utc("2026-11-02T04:00:00Z"), Duration::minutes(-1))
            .unwrap_err()
            .code(),
        "invalid_input"
    );
    assert_eq!(
        ws.business_time_between(
            "nope",
            utc("2026-11-02T04:00:00Z"),
            utc("2026-11-02T08:00:00Z")
        )
        .unwrap_err()
        .code(),
        "not_found"
    );
}

#[test]
fn without_a_matching_policy_there_are_no_metrics() {
    let mut ws = scenario("Berlin");
    let mut c = OpenComplaint::new(
        "00000000-0000-7000-8000-0000000000c1".parse().unwrap(),
        Channel::Phone,
        "no policy for phone",
    );
    c.id = Some(cid(99));
    ws.open_complaint(Meta::system(utc("2026-11-02T02:00:00Z")), c)
        .unwrap();
    let st = ws.sla_status(cid(99), utc("2026-11-03T02:00:00Z")).unwrap();
    assert_eq!(st.policy, None);
    assert!(st.metrics.is_empty());
}

#[test]
fn a_calendar_in_use_cannot_be_removed_and_policies_can_be() {
    let mut ws = scenario("Berlin");
    let at = Meta::system(utc("2026-11-02T02:00:00Z"));
    let rm = |key: &str| Command::RemoveCalendar(RemoveCalendar { key: key.into() });
    assert_eq!(ws.execute(at, rm("berlin")).unwrap_err().code(), "conflict");
    ws.execute(
        at,
        Command::RemoveSlaPolicy(RemoveSlaPolicy { key: "de".into() }),
    )
    .unwrap();
    ws.execute(at, rm("berlin")).unwrap();
    assert_eq!(ws.calendar("berlin").unwrap_err().code(), "not_found");
    assert_eq!(
        ws.execute(
            at,
            Command::RemoveSlaPolicy(RemoveSlaPolicy { key: "de".into() })
        )
        .unwrap_err()
        .code(),
        "not_found"
    );
}

#[test]
fn tick_is_deterministic_and_replays_to_the_same_state() {
    let ws = scenario("tick");
    let c = ws.complaint(cid(12)).unwrap();
    assert_eq!(c.fired.len(), 2);
    let escalations: Vec<_> = ws
        .complaint_history(cid(12))
        .unwrap()
        .into_iter()
        .filter_map(|e| match &e.payload {
            EventPayload::ComplaintEscalated {
                notify, trigger, ..
            } => Some((notify.clone(), trigger.map(|t| t.on))),
            _ => None,
        })
        .collect();
    assert_eq!(
        escalations,
        vec![
            (Some("lead@shop.vn".to_owned()), Some(TriggerOn::Warning)),
            (None, Some(TriggerOn::Breach)),
        ]
    );
}

// ----- properties -----

fn prop_workspace(events: &[(u8, u16)], pause: bool) -> (Workspace, ComplaintId, DateTime<Utc>) {
    let t0 = Utc.with_ymd_and_hms(2026, 11, 2, 0, 0, 0).unwrap();
    let mut ws = Workspace::with_seed(3);
    let at = Meta::system(t0);
    let agent = ws
        .register_agent(
            at,
            RegisterAgent {
                name: "A".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let cu = ws
        .register_customer(
            at,
            RegisterCustomer {
                full_name: "B".into(),
                ..Default::default()
            },
        )
        .unwrap();
    ws.define_calendar(
        at,
        "office",
        CalendarSpec::weekdays("Europe/Berlin", &[("08:00", "12:00"), ("13:00", "17:00")]).unwrap(),
    )
    .unwrap();
    let mut p = SlaPolicy::new(
        "p",
        "office",
        Targets {
            first_response_minutes: Some(90),
            next_response_minutes: Some(60),
            resolution_minutes: Some(600),
        },
    );
    p.warn_before_minutes = Some(30);
    if !pause {
        p.pause_states.clear();
    }
    ws.define_sla_policy(at, p).unwrap();
    let id = ws
        .open_complaint(at, OpenComplaint::new(cu, Channel::Email, "x"))
        .unwrap();
    let mut t = t0;
    for &(kind, gap) in events {
        t += Duration::minutes(i64::from(gap));
        let m = Meta::system(t);
        let cmd = match kind % 6 {
            0 => Command::RespondToComplaint(RespondToComplaint::new(id, agent, "r")),
            1 => Command::AddCustomerMessage(AddCustomerMessage {
                complaint: id,
                channel: None,
                body: "m".into(),
                occurred_at: None,
                interaction: None,
            }),
            2 => Command::ChangeComplaintState(ChangeComplaintState {
                complaint: id,
                to: ComplaintState::WaitingOnCustomer,
                reason: None,
            }),
            3 => Command::ResolveComplaint(ResolveComplaint {
                complaint: id,
                category: "done".into(),
                note: None,
                compensation: vec![],
            }),
            4 => Command::ReopenComplaint(ReopenComplaint {
                complaint: id,
                reason: None,
            }),
            _ => Command::ChangeComplaintState(ChangeComplaintState {
                complaint: id,
                to: ComplaintState::InProgress,
                reason: None,
            }),
        };
        // Commands the state does not allow are refused; the rest apply.
        let _ = ws.execute(m, cmd);
    }
    (ws, id, t)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// As `now` moves forward, a breached metric never returns to running,
    /// paused or warning, and elapsed business time never decreases.
    #[test]
    fn breached_is_final_and_elapsed_is_monotonic(
        events in proptest::collection::vec((0u8..6, 0u16..600), 0..12),
        pause in any::<bool>(),
    ) {
        let (ws, id, last) = prop_workspace(&events, pause);
        let mut prev: Option<SlaStatus> = None;
        for h in 0..(24 * 8) {
            let now = Utc.with_ymd_and_hms(2026, 11, 2, 0, 0, 0).unwrap() + Duration::minutes(h * 60 + 7);
            let st = ws.sla_status(id, now).unwrap();
            if let Some(p) = &prev {
                for (a, b) in p.metrics.iter().zip(&st.metrics) {
                    if a.metric != b.metric || a.cycle != b.cycle {
                        continue;
                    }
                    prop_assert!(b.elapsed_seconds >= a.elapsed_seconds, "{a:?} -> {b:?}");
                    if a.state == MetricState::Breached {
                        prop_assert_eq!(b.state, MetricState::Breached, "{:?} -> {:?}", a, b);
                        prop_assert_eq!(a.breached_at, b.breached_at);
                    }
                    // A met first response stays met (a reopen may restart
                    // the total resolution clock, and a new message a new cycle).
                    if a.state == MetricState::Met && a.metric == Metric::FirstResponse {
                        prop_assert_eq!(b.state, MetricState::Met);
                    }
                }
            }
            // elapsed + remaining = target until breached
            for m in &st.metrics {
                let target = i64::from(m.target_minutes) * 60;
                if m.state != MetricState::Breached {
                    prop_assert_eq!(m.elapsed_seconds + m.remaining_seconds, target);
                } else {
                    prop_assert!(m.elapsed_seconds >= target);
                }
            }
            prev = Some(st);
        }
        let _ = last;
    }

    /// The status is a function of the history: a replayed workspace gives
    /// the same statuses, explained or not.
    #[test]
    fn status_is_the_same_after_replay(
        events in proptest::collection::vec((0u8..6, 0u16..600), 0..12),
    ) {
        let (ws, id, last) = prop_workspace(&events, true);
        let copy = Workspace::replay(ws.events().to_vec(), Box::new(SeededIds::new(5))).unwrap();
        for now in [last, last + Duration::hours(5), last + Duration::days(3)] {
            prop_assert_eq!(ws.explain_sla(id, now).unwrap(), copy.explain_sla(id, now).unwrap());
        }
    }
}

#[test]
fn a_tier_or_tag_condition_follows_the_customer() {
    let mut ws = scenario("priority change");
    let at = Meta::system(utc("2026-11-02T02:00:00Z"));
    let mut vip = SlaPolicy::new(
        "vip",
        "24x7",
        Targets {
            first_response_minutes: Some(5),
            ..Default::default()
        },
    );
    vip.precedence = 0;
    vip.conditions.tiers = vec!["gold".into()];
    ws.define_sla_policy(at, vip).unwrap();
    let mut tagged = SlaPolicy::new(
        "tagged",
        "24x7",
        Targets {
            first_response_minutes: Some(7),
            ..Default::default()
        },
    );
    tagged.precedence = 0;
    tagged.key = "a-tagged".into();
    tagged.conditions.tags = vec!["press".into()];
    ws.define_sla_policy(at, tagged).unwrap();
    let customer: CustomerId = "00000000-0000-7000-8000-0000000000c1".parse().unwrap();
    assert_eq!(ws.sla_policy_for(cid(8)).unwrap().unwrap().key, "urgent");
    ws.execute(
        at,
        Command::SetTier(SetTier {
            customer,
            tier: Some("gold".into()),
        }),
    )
    .unwrap();
    assert_eq!(ws.sla_policy_for(cid(8)).unwrap().unwrap().key, "vip");
    ws.execute(
        at,
        Command::TagCustomer(TagCustomer {
            customer,
            tags: vec!["press".into()],
        }),
    )
    .unwrap();
    assert_eq!(ws.sla_policy_for(cid(8)).unwrap().unwrap().key, "a-tagged");
    ws.execute(
        at,
        Command::SetTier(SetTier {
            customer,
            tier: None,
        }),
    )
    .unwrap();
    ws.execute(
        at,
        Command::UntagCustomer(TagCustomer {
            customer,
            tags: vec!["press".into()],
        }),
    )
    .unwrap();
    assert_eq!(ws.sla_policy_for(cid(8)).unwrap().unwrap().key, "urgent");
    let copy = Workspace::replay(ws.events().to_vec(), Box::new(SeededIds::new(2))).unwrap();
    assert_eq!(copy, ws);
}

#[test]
fn a_state_change_counts_from_its_very_instant() {
    let ws = scenario("pauses");
    let state = |now: &str, m: Metric| {
        ws.sla_status(cid(4), utc(now))
            .unwrap()
            .metric(m)
            .map(|x| (x.state, x.deadline.is_some()))
            .unwrap()
    };
    // Received at 02:00: at that very instant its clocks run, with deadlines.
    assert_eq!(
        state("2026-11-02T02:00:00Z", Metric::FirstResponse),
        (MetricState::Running, true)
    );
    assert_eq!(
        state("2026-11-02T02:00:00Z", Metric::Resolution),
        (MetricState::Running, true)
    );
    // Waiting on the customer from 02:30: paused at 02:30 already...
    assert_eq!(
        state("2026-11-02T02:30:00Z", Metric::Resolution),
        (MetricState::Paused, false)
    );
    assert_eq!(
        state("2026-11-02T04:00:00Z", Metric::Resolution),
        (MetricState::Paused, false)
    );
    // ...and running again from the instant it reopened (06:45).
    assert_eq!(
        state("2026-11-02T06:45:00Z", Metric::Resolution),
        (MetricState::Running, true)
    );
}
