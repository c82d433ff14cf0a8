#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Follow-ups: scheduling, recurrence, completion, agenda.

mod common;
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use clientcare::*;
use common::*;

fn utc(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

struct Fx {
    ws: Workspace,
    lan: AgentId,
    minh: AgentId,
    duc: CustomerId,
}

fn fx() -> Fx {
    let mut ws = vn_workspace();
    let lan = ws
        .register_agent(
            at(0),
            RegisterAgent {
                name: "Lan".into(),
                team: Some("care".into()),
                ..Default::default()
            },
        )
        .unwrap();
    let minh = ws
        .register_agent(
            at(0),
            RegisterAgent {
                name: "Minh".into(),
                team: Some("care".into()),
                ..Default::default()
            },
        )
        .unwrap();
    let mut duc = person("Nguyễn Văn Đức", "duc@x.vn", "0901234567");
    duc.time_zone = Some("Asia/Ho_Chi_Minh".into());
    let duc = ws.register_customer(at(1), duc).unwrap();
    Fx { ws, lan, minh, duc }
}

fn task(f: &Fx, subject: &str, due: &str) -> ScheduleFollowUp {
    let mut t = ScheduleFollowUp::new(subject, FollowUpKind::Call, utc(due));
    t.customer = Some(f.duc);
    t.assignee = Some(f.lan);
    t
}

#[test]
fn the_agenda_lists_overdue_then_upcoming_in_due_order() {
    let mut f = fx();
    let a =
        f.ws.schedule_follow_up(at(2), task(&f, "Gọi lại", "2026-11-02T03:00:00Z"))
            .unwrap();
    let b =
        f.ws.schedule_follow_up(at(2), task(&f, "Gửi báo giá", "2026-11-04T03:00:00Z"))
            .unwrap();
    let c =
        f.ws.schedule_follow_up(at(2), task(&f, "Hỏi thăm", "2026-11-20T03:00:00Z"))
            .unwrap();
    // A whole-day task on the customer's local date (Asia/Ho_Chi_Minh).
    let mut d = task(&f, "Sinh nhật", "2026-11-03T00:00:00Z");
    d.due_at = None;
    d.due_date = NaiveDate::from_ymd_opt(2026, 11, 3);
    d.kind = FollowUpKind::Gift;
    let d = f.ws.schedule_follow_up(at(2), d).unwrap();
    assert_eq!(
        f.ws.follow_up(d).unwrap().due_at,
        utc("2026-11-02T17:00:00Z")
    );
    let now = utc("2026-11-03T05:00:00Z");
    let ag = f.ws.agenda(f.lan, now, Duration::days(2), 100).unwrap();
    let ids = |v: &[&FollowUp]| v.iter().map(|x| x.id).collect::<Vec<_>>();
    assert_eq!(ids(&ag.overdue), vec![a]);
    assert_eq!(
        ids(&ag.upcoming),
        vec![d, b],
        "today's whole-day task, then b; c is beyond the window"
    );
    let _ = c;
    // The next day, the birthday is overdue.
    let ag =
        f.ws.agenda(f.lan, utc("2026-11-03T17:00:00Z"), Duration::days(1), 100)
            .unwrap();
    assert_eq!(ids(&ag.overdue), vec![a, d]);
    let limited = f.ws.agenda(f.lan, now, Duration::days(30), 2).unwrap();
    assert!(limited.truncated);
    assert_eq!(limited.overdue.len() + limited.upcoming.len(), 2);
    // Done and reassigned tasks leave the agenda.
    f.ws.execute(
        at(3),
        Command::CompleteFollowUp(CompleteFollowUp {
            follow_up: a,
            outcome: Some("Đã gọi".into()),
        }),
    )
    .unwrap();
    f.ws.execute(
        at(3),
        Command::ReassignFollowUp(ReassignFollowUp {
            follow_up: b,
            assignee: Some(Some(f.minh)),
            team: Some(Some("care".into())),
        }),
    )
    .unwrap();
    let ag = f.ws.agenda(f.lan, now, Duration::days(2), 100).unwrap();
    assert_eq!(ids(&ag.overdue), Vec::<FollowUpId>::new());
    assert_eq!(ids(&ag.upcoming), vec![d]);
    assert_eq!(
        ids(&f
            .ws
            .agenda(f.minh, now, Duration::days(2), 100)
            .unwrap()
            .upcoming),
        vec![b]
    );
    assert_eq!(
        ids(&f
            .ws
            .team_agenda("care", now, Duration::days(2), 100)
            .unwrap()
            .upcoming),
        vec![b]
    );
    assert_eq!(f.ws.follow_ups_of(f.duc).unwrap().len(), 4);
}

#[test]
fn completing_a_recurring_follow_up_schedules_the_next_occurrence() {
    let mut f = fx();
    // A visit on the last Friday of every month at 10:00 in Hồ Chí Minh City, plus Tết.
    let start = NaiveDate::from_ymd_opt(2026, 11, 1)
        .unwrap()
        .and_hms_opt(10, 0, 0)
        .unwrap();
    let mut rule = RuleSpec::new(Frequency::Monthly);
    rule.by_day = vec![WeekdayNum::nth(-1, chrono::Weekday::Fri)];
    let mut spec = RecurrenceSpec::new(start, "Asia/Ho_Chi_Minh", Some(rule));
    spec.dates = vec![NaiveDate::from_ymd_opt(2027, 2, 6)
        .unwrap()
        .and_hms_opt(10, 0, 0)
        .unwrap()];
    let mut t = task(&f, "Thăm khách VIP", "2026-11-01T00:00:00Z");
    t.due_at = None;
    t.kind = FollowUpKind::Visit;
    t.recurrence = Some(spec);
    let first = f.ws.schedule_follow_up(at(2), t).unwrap();
    let mut due = vec![f.ws.follow_up(first).unwrap().due_at];
    let mut id = first;
    for i in 0..4 {
        let before = f.ws.seq();
        let cmd = if i == 1 {
            Command::CancelFollowUp(CancelFollowUp {
                follow_up: id,
                reason: "Khách đi vắng".into(),
                skip_only: true,
            })
        } else {
            Command::CompleteFollowUp(CompleteFollowUp {
                follow_up: id,
                outcome: None,
            })
        };
        let out = f.ws.execute(at(10 + i), cmd).unwrap();
        assert_eq!(out.events, 2);
        let next = match f.ws.events_since(before).last().unwrap().entity {
            EntityRef::FollowUp(n) => n,
            ref e => panic!("{e:?}"),
        };
        let n = f.ws.follow_up(next).unwrap();
        assert_eq!((n.series, n.occurrence), (first, i as u32 + 2));
        due.push(n.due_at);
        id = next;
    }
    let local: Vec<String> = due
        .iter()
        .map(|d| {
            d.with_timezone(&chrono_tz::Asia::Ho_Chi_Minh)
                .format("%Y-%m-%d %H:%M")
                .to_string()
        })
        .collect();
    assert_eq!(
        local,
        [
            "2026-11-27 10:00",
            "2026-12-25 10:00",
            "2027-01-29 10:00",
            "2027-02-06 10:00",
            "2027-02-26 10:00"
        ]
    );
    // Cancelling the series (not just the occurrence) ends it.
    let out =
        f.ws.execute(
            at(20),
            Command::CancelFollowUp(CancelFollowUp {
                follow_up: id,
                reason: "Ngừng".into(),
                skip_only: false,
            }),
        )
        .unwrap();
    assert_eq!(out.events, 1);
    let copy = Workspace::replay(f.ws.events().to_vec(), Box::new(SeededIds::new(4))).unwrap();
    assert_eq!(copy, f.ws);
}

#[test]
fn snooze_and_bad_input() {
    let mut f = fx();
    let a =
        f.ws.schedule_follow_up(at(2), task(&f, "Gọi lại", "2026-11-02T03:00:00Z"))
            .unwrap();
    let before = f.ws.clone();
    let mut none = task(&f, "x", "2026-11-02T03:00:00Z");
    none.due_at = None;
    let mut both = task(&f, "x", "2026-11-02T03:00:00Z");
    both.due_date = NaiveDate::from_ymd_opt(2026, 11, 3);
    let mut no_zone = task(&f, "x", "2026-11-02T03:00:00Z");
    no_zone.customer = None;
    no_zone.due_at = None;
    no_zone.due_date = NaiveDate::from_ymd_opt(2026, 11, 3);
    let mut never = task(&f, "x", "2026-11-02T03:00:00Z");
    never.due_at = None;
    let mut rule = RuleSpec::new(Frequency::Yearly);
    rule.by_month = vec![2];
    rule.by_month_day = vec![31];
    never.recurrence = Some(RecurrenceSpec::new(
        NaiveDate::from_ymd_opt(2026, 1, 1)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap(),
        "Asia/Ho_Chi_Minh",
        Some(rule),
    ));
    for (cmd, field) in [(none, "due_at"), (both, "due_at"), (no_zone, "time_zone")] {
        let err = f.ws.schedule_follow_up(at(3), cmd).unwrap_err();
        assert!(
            matches!(&err, Error::InvalidInput { field: x, .. } if x == field),
            "{err}"
        );
    }
    let err = f.ws.schedule_follow_up(at(3), never).unwrap_err();
    assert_eq!(err.code(), "invalid_input", "{err}");
    let snooze = |until: &str| {
        Command::SnoozeFollowUp(SnoozeFollowUp {
            follow_up: a,
            until: utc(until),
        })
    };
    assert_eq!(
        f.ws.execute(at(3), snooze("2026-11-02T02:30:00Z"))
            .unwrap_err()
            .code(),
        "invalid_input"
    );
    assert_eq!(f.ws, before);
    f.ws.execute(at(3), snooze("2026-11-02T09:00:00Z")).unwrap();
    let t = f.ws.follow_up(a).unwrap();
    assert_eq!(
        (t.due_at, t.snoozed, t.slot),
        (utc("2026-11-02T09:00:00Z"), 1, utc("2026-11-02T03:00:00Z"))
    );
    f.ws.execute(
        at(4),
        Command::CompleteFollowUp(CompleteFollowUp {
            follow_up: a,
            outcome: None,
        }),
    )
    .unwrap();
    let err =
        f.ws.execute(
            at(5),
            Command::CompleteFollowUp(CompleteFollowUp {
                follow_up: a,
                outcome: None,
            }),
        )
        .unwrap_err();
    assert_eq!(err.code(), "invalid_transition");
    let err =
        f.ws.agenda(f.lan, at(5).at, Duration::days(-1), 10)
            .unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    let _ = Utc.timestamp_opt(0, 0);
}

#[test]
fn times_outside_1970_to_9999_are_refused_before_any_arithmetic() {
    let mut f = fx();
    let a =
        f.ws.schedule_follow_up(at(2), task(&f, "Gọi lại", "2026-11-02T03:00:00Z"))
            .unwrap();
    let before = f.ws.clone();
    let far = chrono::DateTime::<Utc>::MAX_UTC;
    let snooze = Command::SnoozeFollowUp(SnoozeFollowUp {
        follow_up: a,
        until: far,
    });
    assert_eq!(
        f.ws.execute(at(3), snooze).unwrap_err().code(),
        "invalid_input"
    );
    let mut t = task(&f, "x", "2026-11-02T03:00:00Z");
    t.due_at = Some(chrono::DateTime::<Utc>::MIN_UTC);
    assert_eq!(
        f.ws.schedule_follow_up(at(3), t).unwrap_err().code(),
        "invalid_input"
    );
    let old = RecordPurchase {
        occurred_at: Some(chrono::DateTime::<Utc>::MIN_UTC),
        ..RecordPurchase::new(f.duc, Channel::Web, "x", Money::new(1, "VND").unwrap())
    };
    assert_eq!(
        f.ws.record_purchase(at(3), old).unwrap_err().code(),
        "invalid_input"
    );
    let mut c = OpenComplaint::new(f.duc, Channel::Web, "x");
    c.received_at = Some(chrono::DateTime::<Utc>::MIN_UTC);
    assert_eq!(
        f.ws.open_complaint(at(3), c).unwrap_err().code(),
        "invalid_input"
    );
    assert_eq!(f.ws, before);
}

#[test]
fn a_recurrence_preview_is_bounded() {
    let start = NaiveDate::from_ymd_opt(2026, 11, 1)
        .unwrap()
        .and_hms_opt(10, 0, 0)
        .unwrap();
    let r = Recurrence::new(RecurrenceSpec::new(
        start,
        "Asia/Ho_Chi_Minh",
        Some("FREQ=WEEKLY;BYDAY=MO".parse().unwrap()),
    ))
    .unwrap();
    let all = r.occurrences(None, None, 3).unwrap();
    assert_eq!(all.len(), 3);
    assert_eq!(
        r.occurrences(Some(all[1]), Some(all[2]), 10).unwrap(),
        vec![all[1]]
    );
    assert_eq!(
        r.occurrences(None, None, 0).unwrap_err().code(),
        "invalid_input"
    );
    assert_eq!(
        r.occurrences(None, None, 10_001).unwrap_err().code(),
        "invalid_input"
    );
}

#[test]
fn an_imported_log_with_times_out_of_range_is_refused() {
    let mut f = fx();
    f.ws.schedule_follow_up(at(2), task(&f, "Gọi lại", "2026-11-02T03:00:00Z"))
        .unwrap();
    let text = f.ws.export_jsonl();
    assert!(text.contains("\"due_at\":\"2026-11-02T03:00:00Z\""));
    let forged = text.replace(
        "\"due_at\":\"2026-11-02T03:00:00Z\"",
        "\"due_at\":\"1900-01-01T00:00:00Z\"",
    );
    let err = Workspace::import_jsonl(&forged, Box::new(SeededIds::new(1))).unwrap_err();
    assert_eq!(err.code(), "corrupt_log", "{err}");
}
