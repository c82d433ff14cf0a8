//! Seeded complaints for an HCMC shop: its business calendar (split shifts,
//! a Saturday morning, Tết), priority-based SLA policies with escalations, and
//! open complaints at every stage (new, answered, waiting on the customer,
//! with follow-up messages) received over the weeks before `now`.

use crate::calendar::{business_time, local};
use crate::rng::Rng;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use clientcare::{
    AddCustomerMessage, AgentId, CalendarSpec, ChangeComplaintState, Channel, Command, ComplaintId,
    ComplaintState, Conditions, CustomerId, EscalationRule, Holiday, Meta, OpenComplaint, Priority,
    RegisterAgent, RegisterCustomer, RespondToComplaint, SlaPolicy, Targets, TriggerOn, Workspace,
};

/// The shop's calendar: Mon-Fri 08:00-12:00 and 13:30-17:30, Sat 08:00-12:00,
/// closed for Tết 2027 (Feb 5-11).
///
/// # Errors
/// Never for these constants; the type says what the core says.
pub fn hcmc_calendar() -> Result<CalendarSpec, clientcare::Error> {
    let tet = Holiday::closed_range(
        NaiveDate::from_ymd_opt(2027, 2, 5).unwrap_or_default(),
        NaiveDate::from_ymd_opt(2027, 2, 11).unwrap_or_default(),
        "Tết Nguyên Đán",
    );
    Ok(CalendarSpec::weekdays(
        "Asia/Ho_Chi_Minh",
        &[("08:00", "12:00"), ("13:30", "17:30")],
    )?
    .with_day(chrono::Weekday::Sat, &[("08:00", "12:00")])?
    .with_holiday(tet))
}

fn policy(key: &str, precedence: i32, priorities: &[Priority], targets: [u32; 3]) -> SlaPolicy {
    let mut p = SlaPolicy::new(
        key,
        "hcmc",
        Targets {
            first_response_minutes: Some(targets[0]),
            next_response_minutes: Some(targets[1]),
            resolution_minutes: Some(targets[2]),
        },
    );
    p.precedence = precedence;
    p.conditions = Conditions {
        priorities: priorities.to_vec(),
        ..Conditions::default()
    };
    p.warn_before_minutes = Some(targets[0] / 4);
    p.escalations = vec![
        EscalationRule {
            on: TriggerOn::Warning,
            metric: None,
            level: 1,
            reassign_to: None,
            team: None,
            notify: Some("lead@shop.vn".into()),
        },
        EscalationRule {
            on: TriggerOn::Breach,
            metric: None,
            level: 2,
            reassign_to: None,
            team: Some("supervisors".into()),
            notify: None,
        },
    ];
    p
}

/// Sets up the calendar `hcmc` and three policies: urgent/high, a VIP-tier
/// policy, and the default.
///
/// # Errors
/// What the core reports (never for these constants).
pub fn configure_sla(ws: &mut Workspace, at: DateTime<Utc>) -> Result<(), clientcare::Error> {
    let meta = Meta::system(at);
    ws.define_calendar(meta, "hcmc", hcmc_calendar()?)?;
    ws.define_sla_policy(
        meta,
        policy(
            "urgent",
            1,
            &[Priority::Urgent, Priority::High],
            [30, 60, 480],
        ),
    )?;
    let mut vip = policy("vip", 5, &[], [60, 120, 960]);
    vip.conditions.tiers = vec!["vip".into()];
    ws.define_sla_policy(meta, vip)?;
    ws.define_sla_policy(meta, policy("standard", 10, &[], [240, 480, 2400]))?;
    Ok(())
}

/// What [`open_complaints`] built.
#[derive(Debug)]
pub struct ComplaintLoad {
    /// The workspace.
    pub ws: Workspace,
    /// The complaints, in the order opened.
    pub complaints: Vec<ComplaintId>,
    /// The instant the statuses are meant to be computed at.
    pub now: DateTime<Utc>,
    /// Events in the log.
    pub events: usize,
}

/// A workspace with `customers` customers and `n` working complaints
/// received over the six weeks before `now` (2026-12-01 10:00 local). About
/// 60% are answered, 15% of those wait on the customer, 25% have a later
/// customer message; priorities are mostly normal.
///
/// # Errors
/// What the core reports.
pub fn open_complaints(
    n: usize,
    customers: usize,
    seed: u64,
) -> Result<ComplaintLoad, clientcare::Error> {
    let mut rng = Rng::new(seed);
    let now = local(2026, 12, 1, 10, 0).unwrap_or_default();
    let start = now - Duration::weeks(6);
    let mut ws = Workspace::with_seed(seed);
    let t0 = Meta::system(start - Duration::days(1));
    configure_sla(&mut ws, t0.at)?;
    let agents: Vec<AgentId> = (0..20)
        .map(|i| {
            ws.register_agent(
                t0,
                RegisterAgent {
                    name: format!("Agent {i}"),
                    team: Some(if i < 10 { "care" } else { "returns" }.into()),
                    ..RegisterAgent::default()
                },
            )
        })
        .collect::<Result<_, _>>()?;
    let rows = (0..customers).map(|i| RegisterCustomer {
        full_name: format!("Khách hàng {i}"),
        tier: (i % 20 == 0).then(|| "vip".to_owned()),
        ..RegisterCustomer::default()
    });
    let ids: Vec<CustomerId> = ws
        .register_customers(t0, rows)
        .rows
        .into_iter()
        .collect::<Result<_, _>>()?;
    let mut times: Vec<DateTime<Utc>> = (0..n)
        .map(|_| business_time(&mut rng, start, now - Duration::minutes(5)))
        .collect();
    times.sort();
    let mut complaints = Vec::with_capacity(n);
    let priorities = [
        (Priority::Low, 15),
        (Priority::Normal, 65),
        (Priority::High, 15),
        (Priority::Urgent, 5),
    ];
    let channels = [
        (Channel::Phone, 30),
        (Channel::Email, 25),
        (Channel::LiveChat, 25),
        (Channel::InPerson, 10),
        (Channel::Web, 10),
    ];
    for received in times {
        let customer = ids[rng.index(ids.len())];
        let agent = *rng.pick(&agents);
        let mut c = OpenComplaint::new(customer, *rng.weighted(&channels), "Đơn hàng giao trễ");
        c.priority = *rng.weighted(&priorities);
        c.assignee = Some(agent);
        c.category = Some(
            rng.pick(&["delivery", "billing", "product_quality", "service"])
                .to_string(),
        );
        let id = ws.open_complaint(Meta::system(received), c)?;
        complaints.push(id);
        if rng.chance(0.6) {
            let answered = received + Duration::minutes(rng.range(5, 600) as i64);
            if answered < now {
                let meta = Meta::system(answered);
                ws.execute(
                    meta,
                    Command::RespondToComplaint(RespondToComplaint::new(
                        id,
                        agent,
                        "Dạ em kiểm tra ạ",
                    )),
                )?;
                if rng.chance(0.15) {
                    ws.execute(
                        meta,
                        Command::ChangeComplaintState(ChangeComplaintState {
                            complaint: id,
                            to: ComplaintState::WaitingOnCustomer,
                            reason: None,
                        }),
                    )?;
                } else if rng.chance(0.3) {
                    let later = answered + Duration::minutes(rng.range(10, 2000) as i64);
                    if later < now {
                        ws.execute(
                            Meta::system(later),
                            Command::AddCustomerMessage(AddCustomerMessage {
                                complaint: id,
                                channel: None,
                                body: "Sao chưa thấy giao ạ?".into(),
                                occurred_at: None,
                                interaction: None,
                            }),
                        )?;
                    }
                }
            }
        }
    }
    let events = ws.events().len();
    Ok(ComplaintLoad {
        ws,
        complaints,
        now,
        events,
    })
}
