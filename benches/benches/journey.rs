//! Journeys at scale: an agent's agenda over 1M follow-ups, starting
//! after-sales playbooks for 100k purchases, the pipeline board.
#![allow(missing_docs)]

use chrono::{Duration, TimeZone, Utc};
use clientcare::*;
use clientcare_bench::harness::{self, line, ns_per, si, target, thousands, time, Scale};
use clientcare_bench::Rng;
use std::hint::black_box;

fn vnd(x: i64) -> Money {
    Money {
        amount_minor: x,
        currency: "VND".into(),
    }
}

fn main() -> Result<(), Error> {
    harness::banner("journey");
    let scale = Scale::from_env();
    let t0 = Utc
        .with_ymd_and_hms(2026, 1, 1, 1, 0, 0)
        .single()
        .unwrap_or_default();
    let meta = Meta::system(t0);
    let mut rng = Rng::new(2026);

    // ----- agenda -----
    let n = scale.pick(100_000, 1_000_000);
    let agents_n = 50;
    harness::header(&format!(
        "agenda: {} open follow-ups over a year, {agents_n} agents in 5 teams",
        thousands(n)
    ));
    let mut ws = Workspace::with_seed(1);
    let agents: Vec<AgentId> = (0..agents_n)
        .map(|i| {
            ws.register_agent(
                meta,
                RegisterAgent {
                    name: format!("Agent {i}"),
                    team: Some(format!("team-{}", i % 5)),
                    ..RegisterAgent::default()
                },
            )
        })
        .collect::<Result<_>>()?;
    let kinds = FollowUpKind::ALL;
    let (built, d) = time(|| -> Result<()> {
        for i in 0..n {
            let due = t0 + Duration::minutes(rng.below(365 * 24 * 60) as i64);
            let mut f = ScheduleFollowUp::new("Gọi lại khách", kinds[i % kinds.len()], due);
            let a = agents[rng.index(agents.len())];
            f.assignee = Some(a);
            f.team = Some(format!("team-{}", i % 5));
            ws.schedule_follow_up(meta, f)?;
        }
        Ok(())
    });
    built?;
    line(
        "schedule_follow_up",
        format!(
            "{:.2} s ({}/s)",
            d.as_secs_f64(),
            si(harness::per_sec(n, d))
        ),
    );
    let now = t0 + Duration::days(180);
    let queries = 20_000;
    let (count, d) = time(|| {
        let mut items = 0usize;
        for q in 0..queries {
            let a = agents[q % agents.len()];
            if let Ok(ag) = ws.agenda(a, now, Duration::days(1), 200) {
                items += ag.overdue.len() + ag.upcoming.len();
                black_box(&ag);
            }
        }
        items
    });
    let per = ns_per(queries, d);
    line(
        &format!(
            "agenda(agent, now, 1 day, limit 200): {} items on average",
            count / queries
        ),
        format!("{:.1} µs per query", per / 1000.0),
    );
    let (count, d) = time(|| {
        let mut items = 0usize;
        for q in 0..queries {
            let a = agents[q % agents.len()];
            if let Ok(ag) = ws.agenda(a, now, Duration::days(1), 20) {
                items += ag.overdue.len() + ag.upcoming.len();
            }
        }
        items
    });
    line(
        &format!("agenda, first page of 20 ({} items)", count / queries),
        format!("{:.1} µs per query", ns_per(queries, d) / 1000.0),
    );
    target(
        &format!("agenda over {} follow-ups < 1 ms", thousands(n)),
        per < 1_000_000.0,
        &format!("{:.1} µs", per / 1000.0),
    );
    let (ag, d) = time(|| ws.team_agenda("team-3", now, Duration::days(7), 1000));
    let ag = ag?;
    line(
        &format!(
            "team_agenda(7 days, limit 1000): {} items",
            ag.overdue.len() + ag.upcoming.len()
        ),
        format!("{:.1} µs", d.as_secs_f64() * 1e6),
    );
    drop(ws);

    // ----- playbooks -----
    let purchases = scale.pick(10_000, 100_000);
    harness::header(&format!(
        "playbooks: {} purchases by {} customers start 2 playbooks (4 and 3 steps, consent checked)",
        thousands(purchases),
        thousands(purchases)
    ));
    let mut ws = Workspace::with_seed(2);
    ws.define_calendar(
        meta,
        "office",
        CalendarSpec::weekdays(
            "Asia/Ho_Chi_Minh",
            &[("08:00", "12:00"), ("13:30", "17:30")],
        )?,
    )?;
    let step = |kind, subject: &str, offset_days, business_days, channel, purpose| PlaybookStep {
        kind,
        subject: subject.into(),
        offset_days,
        business_days,
        channel,
        purpose,
        survey: None,
    };
    ws.execute(
        meta,
        Command::DefinePlaybook(Playbook {
            key: "after-sale".into(),
            name: None,
            conditions: PlaybookConditions::default(),
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
                    "Hướng dẫn",
                    2,
                    true,
                    Channel::Social,
                    Purpose::Service,
                ),
                step(
                    StepKind::Survey,
                    "Khảo sát",
                    7,
                    false,
                    Channel::Sms,
                    Purpose::Feedback,
                ),
                step(
                    StepKind::Promotion,
                    "Ưu đãi",
                    30,
                    false,
                    Channel::Email,
                    Purpose::Marketing,
                ),
            ],
            calendar: Some("office".into()),
            team: Some("care".into()),
        }),
    )?;
    ws.execute(
        meta,
        Command::DefinePlaybook(Playbook {
            key: "big-ticket".into(),
            name: None,
            conditions: PlaybookConditions {
                min_value: Some(vnd(5_000_000)),
                ..PlaybookConditions::default()
            },
            steps: vec![
                step(
                    StepKind::CheckIn,
                    "Hỏi thăm",
                    14,
                    false,
                    Channel::Phone,
                    Purpose::Service,
                ),
                step(
                    StepKind::Gift,
                    "Quà tặng",
                    3,
                    true,
                    Channel::InPerson,
                    Purpose::Service,
                ),
                step(
                    StepKind::Visit,
                    "Thăm",
                    90,
                    false,
                    Channel::InPerson,
                    Purpose::Service,
                ),
            ],
            calendar: Some("office".into()),
            team: Some("care".into()),
        }),
    )?;
    let ids: Vec<CustomerId> = ws
        .register_customers(
            meta,
            (0..purchases).map(|i| RegisterCustomer {
                full_name: format!("Khách {i}"),
                ..RegisterCustomer::default()
            }),
        )
        .rows
        .into_iter()
        .collect::<Result<_>>()?;
    for (i, c) in ids.iter().enumerate() {
        for (channel, purpose) in [
            (Channel::Email, Purpose::Service),
            (Channel::Social, Purpose::Service),
            (Channel::Sms, Purpose::Feedback),
            (Channel::Phone, Purpose::Service),
            (Channel::InPerson, Purpose::Service),
        ] {
            if i % 4 != 0 || channel != Channel::Sms {
                ws.execute(
                    meta,
                    Command::RecordConsent(RecordConsent {
                        customer: *c,
                        channel,
                        purpose,
                        granted: true,
                        source: "form".into(),
                    }),
                )?;
            }
        }
    }
    let before = ws.seq();
    let (done, d) = time(|| -> Result<()> {
        for (i, c) in ids.iter().enumerate() {
            let at = Meta::system(t0 + Duration::minutes(i as i64));
            let amount = vnd(500_000 + (rng.below(10_000) as i64) * 1_000);
            ws.record_purchase(
                at,
                RecordPurchase::new(*c, Channel::InPerson, "Nội thất", amount),
            )?;
        }
        Ok(())
    });
    done?;
    let events = (ws.seq() - before) as usize;
    line(
        &format!(
            "record_purchase with playbooks: {} events",
            thousands(events)
        ),
        format!(
            "{:.2} s ({} purchases/s, {:.1} µs each)",
            d.as_secs_f64(),
            si(harness::per_sec(purchases, d)),
            ns_per(purchases, d) / 1000.0
        ),
    );

    // ----- board -----
    harness::header("pipeline board");
    let mut rng = Rng::new(9);
    let opps = scale.pick(20_000, 200_000);
    let stages = [
        "need_identified",
        "contacted",
        "qualified",
        "proposal",
        "negotiation",
    ];
    for i in 0..opps {
        let c = ids[i % ids.len()];
        let mut o = OpenOpportunity::new(c, "Dự án", vnd(1_000_000 * (1 + rng.below(100) as i64)));
        o.stage = Some(stages[rng.index(stages.len())].into());
        ws.open_opportunity(meta, o)?;
    }
    let (board, d) = time(|| ws.pipeline_board("sales"));
    let board = board?;
    line(
        &format!("pipeline_board over {} opportunities", thousands(opps)),
        format!(
            "{:.2} ms (forecast {:?})",
            d.as_secs_f64() * 1e3,
            board.forecast
        ),
    );
    Ok(())
}
