//! After-sales care in the shop's month: complaints and their SLA.
//!
//! At the start the shop defines its business calendar `hcmc` (Mon-Fri
//! 08:00-12:00 and 13:30-17:30, Saturday 08:00-12:00) and its SLA policies
//! (urgent/high, VIP tier, standard; shared with the benchmarks through
//! [`clientcare_bench::complaints`]), and gives customers five days to come
//! back on a resolution before it is closed.
//!
//! Every day a share of the customers complain, on the channels of the story
//! (phone, Zalo and other social networks, email, live chat, web form, at the
//! counter), at any hour: in the evening, at lunch time, on Sunday. Each
//! complaint gets a plot drawn from the seed when it is planned: an automated
//! acknowledgement of written ones (calls, visits and chats are answered by
//! whoever took them), a response by someone of the care team (or of the
//! business-accounts team for companies), maybe a question and the customer's
//! answer later, a follow-up message, a priority raised, an escalation by
//! hand, a resolution (with a refund, a voucher, a replacement or a gift),
//! sometimes a complaint that comes back and is reopened, a confirmation and a
//! close. A few are spam, double submissions or the same matter on a second
//! channel (cancelled or merged).
//!
//! Agents work in business time and answer relative to the SLA target the
//! complaint has at that moment (read from [`Workspace::sla_status`]): most in
//! time, some close to the deadline, some late. Customers write in calendar
//! time, while awake. At the end of every business day the shop runs `tick`:
//! warnings and breaches escalate, and resolutions past the delay close.
//!
//! A few complaints are written by hand (see `showcase`): Đức's scratched
//! table and, at the end, his missing voucher (at risk); Élodie's evening
//! email from Paris, refunded in euros; An Phát's short delivery on the last
//! Friday, still unanswered at the end (breached).
//!
//! The care desk keeps an agenda in time order; the shop's loop runs it up to
//! each of its own happenings ([`Care::run_until`]), so the log stays in time
//! order. No clock is read: every instant comes from the story.

mod plot;
mod showcase;

use crate::shop::{left_alone, ShopConfig, Staff};
use chrono::{DateTime, Duration, NaiveDate, Timelike, Utc};
use clientcare::{
    AddCustomerMessage, AgentId, AssignComplaint, CancelComplaint, CancelReason,
    ChangeComplaintState, Channel, CloseComplaint, Command, ComplaintId, ComplaintState,
    ConfigureComplaints, CustomerId, CustomerKind, Direction, EscalateComplaint, InteractionId,
    LogInteraction, MergeComplaint, Meta, Metric, Network, OpenComplaint, Priority,
    ReopenComplaint, RespondToComplaint, UpdateComplaint, Workspace,
};
use clientcare_bench::calendar::{self, local_to_utc, TZ};
use clientcare_bench::complaints::configure_sla;
use clientcare_bench::Rng;
use plot::{wording, Arrival, Phase, Twin};
use std::collections::{BTreeMap, VecDeque};

/// The business calendar `configure_sla` defines.
pub const CALENDAR: &str = "hcmc";
/// The customer care team.
pub const CARE_TEAM: &str = "Chăm sóc khách hàng";
/// The business-accounts team (complaints of companies).
pub const B2B_TEAM: &str = "Khách hàng doanh nghiệp";
/// Technical support (escalations about products).
pub const TECH_TEAM: &str = "Hỗ trợ kỹ thuật";
/// Hours a customer has to come back on a resolution; `tick` closes it after.
pub const COME_BACK_HOURS: u32 = 120;

#[derive(Debug, Clone, PartialEq)]
enum Step {
    /// The end of a business day: `tick`.
    Tick,
    /// A complaint arrives.
    Arrive(Box<Arrival>),
    /// The next phase of a case (by index).
    Case(usize, Phase),
    /// Đức's complaint, step by step.
    Duc(u8),
    /// A complaint that nobody answers before the end.
    Unanswered(Box<OpenComplaint>),
}

/// An automated acknowledgement (public, by no agent: it never counts as a
/// response).
fn acknowledgement(complaint: ComplaintId, body: &str) -> Command {
    Command::RespondToComplaint(RespondToComplaint {
        complaint,
        agent: None,
        channel: None,
        body: body.to_owned(),
        public: true,
        automated: true,
        occurred_at: None,
    })
}

/// A complaint the care desk follows.
#[derive(Debug, Clone)]
struct Case {
    id: ComplaintId,
    customer: CustomerId,
    channel: Channel,
    category: &'static str,
    /// Who handles it now.
    agent: AgentId,
    currency: &'static str,
    plan: VecDeque<Phase>,
}

/// The care desk: its agenda and the complaints it follows.
#[derive(Debug)]
pub struct Care {
    rng: Rng,
    staff: Staff,
    start: DateTime<Utc>,
    days: u32,
    per_customer: f64,
    agenda: BTreeMap<(DateTime<Utc>, u64), Step>,
    scheduled: u64,
    /// Complaints planned so far.
    planned: u64,
    cases: Vec<Case>,
    /// Đức, and his complaint once opened.
    duc: Option<(CustomerId, Option<ComplaintId>)>,
    /// Every `tick` run: (instant, events it produced).
    pub ticks: Vec<(DateTime<Utc>, usize)>,
}

impl Care {
    /// A care desk for the shop of `cfg`, opening at `start`, with `staff`.
    #[must_use]
    pub fn new(cfg: &ShopConfig, start: DateTime<Utc>, staff: Staff) -> Self {
        Self {
            rng: Rng::new(cfg.seed).fork(0xCA4E),
            staff,
            start,
            days: cfg.days.max(1),
            per_customer: cfg.complaints_per_customer,
            agenda: BTreeMap::new(),
            scheduled: 0,
            planned: 0,
            cases: Vec::new(),
            duc: None,
            ticks: Vec::new(),
        }
    }

    /// The business calendar, the SLA policies and the come-back window.
    ///
    /// # Errors
    /// What the core reports (nothing for these constants).
    pub fn configure(ws: &mut Workspace, at: DateTime<Utc>) -> clientcare::Result<()> {
        configure_sla(ws, at)?;
        ws.execute(
            Meta::system(at),
            Command::ConfigureComplaints(ConfigureComplaints {
                reopen_window_hours: Some(COME_BACK_HOURS),
                auto_close_after_hours: Some(COME_BACK_HOURS),
            }),
        )?;
        Ok(())
    }

    /// Local time on day `day` of the period (from 0), if within it.
    fn local(&self, day: u32, hour: u32, minute: u32) -> Option<DateTime<Utc>> {
        if day >= self.days {
            return None;
        }
        let date = self.date(day);
        date.and_hms_opt(hour, minute, 0).map(local_to_utc)
    }

    fn date(&self, day: u32) -> NaiveDate {
        (self.start + Duration::days(i64::from(day)))
            .with_timezone(&TZ)
            .date_naive()
    }

    fn schedule(&mut self, at: DateTime<Utc>, step: Step) {
        self.scheduled += 1;
        self.agenda.insert((at, self.scheduled), step);
    }

    /// Plans day `day` (from 0): the `tick` at the end of the business day and
    /// the complaints that arrive that day, from `customers`.
    ///
    /// # Errors
    /// `not_found` when the calendar is missing (call [`configure`](Self::configure) first).
    pub fn plan_day(
        &mut self,
        ws: &Workspace,
        day: u32,
        customers: &[CustomerId],
    ) -> clientcare::Result<()> {
        let Some(midnight) = self.date(day).and_hms_opt(0, 0, 0).map(local_to_utc) else {
            return Ok(());
        };
        let next = midnight + Duration::days(1);
        // The end of the business day: the end of its last working window.
        let windows = ws.calendar(CALENDAR)?.open_intervals(midnight, next);
        if let Some(&(_, closing)) = windows.last() {
            self.schedule(closing, Step::Tick);
        }
        if customers.is_empty() {
            return Ok(());
        }
        let mean = self.per_customer * customers.len() as f64 / f64::from(self.days);
        let count = mean.floor() as u64 + u64::from(self.rng.chance(mean.fract()));
        let from = midnight.max(self.start + Duration::minutes(30));
        for _ in 0..count {
            let at = calendar::business_time(&mut self.rng, from, next - Duration::seconds(1));
            let customer = customers[self.rng.index(customers.len())];
            self.planned += 1;
            let arrival = plot::draw(&mut self.rng, customer, self.planned);
            self.schedule(at, Step::Arrive(Box::new(arrival)));
        }
        Ok(())
    }

    /// When the desk next has something to do.
    #[must_use]
    pub fn next_at(&self) -> Option<DateTime<Utc>> {
        self.agenda.first_key_value().map(|((at, _), _)| *at)
    }

    /// Runs everything on the agenda up to `until` (inclusive), in time order.
    ///
    /// # Errors
    /// Any command the workspace refuses (none is expected: the story checks
    /// each complaint's state before acting on it).
    pub fn run_until(
        &mut self,
        ws: &mut Workspace,
        until: DateTime<Utc>,
    ) -> clientcare::Result<()> {
        while let Some(entry) = self.agenda.first_entry() {
            if entry.key().0 > until {
                break;
            }
            let ((at, _), step) = entry.remove_entry();
            match step {
                Step::Tick => {
                    let events = ws.tick(Meta::system(at))?;
                    self.ticks.push((at, events));
                }
                Step::Arrive(a) => self.arrive(ws, at, *a)?,
                Step::Case(ix, phase) => {
                    if let Some(done) = self.act(ws, at, ix, phase)? {
                        self.advance(ws, ix, done)?;
                    }
                }
                Step::Duc(n) => self.duc_step(ws, at, n)?,
                Step::Unanswered(cmd) => Self::unanswered(ws, at, *cmd)?,
            }
        }
        Ok(())
    }

    /// A business-time delay of `lo..=hi` minutes after `from`.
    fn business(
        &mut self,
        ws: &Workspace,
        from: DateTime<Utc>,
        lo: u64,
        hi: u64,
    ) -> clientcare::Result<DateTime<Utc>> {
        let d = Duration::seconds(self.rng.range(lo * 60, hi * 60) as i64);
        ws.add_business_time(CALENDAR, from, d)
    }

    /// A calendar-time delay of `lo..=hi` minutes after `from`, moved to the
    /// next morning when it falls in the night (customers sleep too).
    fn customer_time(&mut self, from: DateTime<Utc>, lo: u64, hi: u64) -> DateTime<Utc> {
        let t = from + Duration::minutes(self.rng.range(lo, hi) as i64);
        let hour = t.with_timezone(&TZ).hour();
        if (7..23).contains(&hour) {
            return t;
        }
        let mut date = t.with_timezone(&TZ).date_naive();
        if hour >= 23 {
            date += Duration::days(1);
        }
        let minute = self.rng.range(0, 59) as u32;
        date.and_hms_opt(7, minute, 0).map_or(t, local_to_utc)
    }

    /// When the agent acts on `metric`: a share of the target the complaint
    /// has now (its policy may have changed), minus the time already counted.
    /// Mostly in time, some close to the deadline, some late; a forgotten
    /// one two to four times the target.
    fn due(
        &mut self,
        ws: &Workspace,
        id: ComplaintId,
        metric: Metric,
        now: DateTime<Utc>,
        forgotten: bool,
    ) -> clientcare::Result<DateTime<Utc>> {
        let status = ws.sla_status(id, now)?;
        let Some(m) = status.metric(metric) else {
            return self.business(ws, now, 15, 90);
        };
        let share = match *self.rng.weighted(&[(0u8, 70), (1, 22), (2, 8)]) {
            _ if forgotten => 2.0 + 2.0 * self.rng.unit(),
            0 => 0.1 + 0.5 * self.rng.unit(),
            1 => 0.6 + 0.35 * self.rng.unit(),
            _ => 1.05 + self.rng.unit(),
        };
        let wanted = (share * f64::from(m.target_minutes) * 60.0) as i64;
        let left = (wanted - m.elapsed_seconds).max(300 + self.rng.below(600) as i64);
        ws.add_business_time(CALENDAR, now, Duration::seconds(left))
    }

    /// Schedules the next phase of case `ix`, after `now`.
    fn advance(&mut self, ws: &Workspace, ix: usize, now: DateTime<Utc>) -> clientcare::Result<()> {
        let Some(phase) = self.cases[ix].plan.pop_front() else {
            return Ok(());
        };
        let id = self.cases[ix].id;
        let at = match phase {
            Phase::Ack => now + Duration::seconds(self.rng.range(30, 180) as i64),
            Phase::First { forgotten, .. } => {
                self.due(ws, id, Metric::FirstResponse, now, forgotten)?
            }
            Phase::CustomerWrites { answer: true } => self.customer_time(now, 40, 30 * 60),
            Phase::CustomerWrites { answer: false } => self.customer_time(now, 180, 48 * 60),
            Phase::Answer => self.due(ws, id, Metric::NextResponse, now, false)?,
            Phase::Raise => self.business(ws, now, 10, 60)?,
            Phase::Escalate => self.business(ws, now, 20, 120)?,
            Phase::Resolve => self.due(ws, id, Metric::Resolution, now, false)?,
            Phase::ComesBack => self.customer_time(now, 12 * 60, 60 * 60),
            Phase::Reopen | Phase::MergeInto(_) => self.business(ws, now, 5, 45)?,
            Phase::Confirm => self.customer_time(now, 60, 36 * 60),
            Phase::Cancel(_) => self.business(ws, now, 5, 60)?,
        };
        self.schedule(at, Step::Case(ix, phase));
        Ok(())
    }

    /// Who handles a complaint of `customer`.
    fn handler(&mut self, ws: &Workspace, customer: CustomerId) -> clientcare::Result<AgentId> {
        let team = match ws.customer(customer)?.kind {
            CustomerKind::Organization => &self.staff.b2b,
            CustomerKind::Person => &self.staff.care,
        };
        Ok(*self.rng.pick(team))
    }

    /// A phone call or a visit, logged by `agent`, that carried a complaint.
    fn log_contact(
        ws: &mut Workspace,
        at: DateTime<Utc>,
        agent: AgentId,
        customer: CustomerId,
        channel: Channel,
        subject: &str,
    ) -> clientcare::Result<InteractionId> {
        ws.log_interaction(
            Meta::agent(at + Duration::minutes(3), agent),
            LogInteraction {
                direction: Direction::Inbound,
                subject: Some(subject.to_owned()),
                agent: Some(agent),
                occurred_at: Some(at),
                duration_seconds: Some(240),
                ..LogInteraction::new(customer, channel)
            },
        )
    }

    fn arrive(
        &mut self,
        ws: &mut Workspace,
        at: DateTime<Utc>,
        a: Arrival,
    ) -> clientcare::Result<()> {
        if left_alone(ws.customer(a.customer)?) {
            return Ok(());
        }
        let agent = self.handler(ws, a.customer)?;
        let team = if self.staff.b2b.contains(&agent) {
            B2B_TEAM
        } else {
            CARE_TEAM
        };
        let (subject, description) = match a.wording {
            Some(w) => w,
            None => wording(&mut self.rng, a.category),
        };
        let mut cmd = OpenComplaint::new(a.customer, a.channel, subject);
        cmd.description = Some(description.into());
        cmd.category = Some(a.category.into());
        cmd.priority = a.priority;
        cmd.team = Some(team.into());
        cmd.tags = a
            .network
            .map(|n| vec![n.as_str().to_owned()])
            .unwrap_or_default();
        // Calls, visits and chats are recorded by the agent who took them,
        // who answered there and then (the first response); emails, web
        // forms and social messages arrive on their own.
        let mut taken_by = None;
        let meta = match a.channel {
            Channel::Phone | Channel::InPerson | Channel::LiveChat => {
                let taker = if a.channel == Channel::InPerson {
                    *self.rng.pick(&self.staff.sales)
                } else {
                    agent
                };
                if a.channel != Channel::LiveChat {
                    let call = Self::log_contact(ws, at, taker, a.customer, a.channel, subject)?;
                    cmd.interactions = vec![call];
                }
                cmd.assignee = Some(agent);
                cmd.received_at = Some(at);
                taken_by = Some(taker);
                Meta::agent(at + Duration::minutes(self.rng.range(2, 8) as i64), taker)
            }
            _ => Meta::system(at),
        };
        let id = ws.open_complaint(meta, cmd)?;
        if let Some(taker) = taken_by {
            let mut heard = RespondToComplaint::new(
                id,
                taker,
                "Dạ em đã ghi nhận phản ánh, bộ phận chăm sóc khách hàng sẽ liên hệ lại anh/chị ạ.",
            );
            heard.occurred_at = Some(at + Duration::minutes(1));
            ws.execute(meta, Command::RespondToComplaint(heard))?;
        }
        let ix = self.cases.len();
        self.cases.push(Case {
            id,
            customer: a.customer,
            channel: a.channel,
            category: a.category,
            agent,
            currency: a.currency,
            plan: a.plan.into(),
        });
        if let Some(twin) = a.twin {
            let (later, channel, plan) = match twin {
                Twin::DoubleSubmit => (
                    at + Duration::seconds(self.rng.range(20, 300) as i64),
                    Channel::Web,
                    vec![Phase::Cancel(CancelReason::Duplicate)],
                ),
                Twin::OtherChannel => (
                    self.customer_time(at, 60, 8 * 60),
                    if a.channel == Channel::Phone {
                        Channel::Social
                    } else {
                        Channel::Phone
                    },
                    vec![Phase::MergeInto(ix)],
                ),
            };
            let again = Arrival {
                channel,
                network: (channel == Channel::Social).then_some(Network::Zalo),
                plan,
                twin: None,
                ..a
            };
            self.schedule(later, Step::Arrive(Box::new(again)));
        }
        self.advance(ws, ix, meta.at)
    }

    fn state(ws: &Workspace, id: ComplaintId) -> clientcare::Result<ComplaintState> {
        Ok(ws.complaint(id)?.state)
    }

    /// Does `phase` of case `ix` at `at`. Returns when it ended, or `None`
    /// when the complaint was no longer in a state for it (the plot stops).
    fn act(
        &mut self,
        ws: &mut Workspace,
        at: DateTime<Utc>,
        ix: usize,
        phase: Phase,
    ) -> clientcare::Result<Option<DateTime<Utc>>> {
        let case = self.cases[ix].clone();
        let id = case.id;
        let state = Self::state(ws, id)?;
        let wanted = match phase {
            Phase::Reopen => {
                // Only within the come-back window.
                let window =
                    Duration::hours(i64::from(ws.complaint_settings().reopen_window_hours));
                let resolved = ws.complaint(id)?.resolved_at();
                state == ComplaintState::Resolved && resolved.is_some_and(|r| at <= r + window)
            }
            Phase::ComesBack | Phase::Confirm => state == ComplaintState::Resolved,
            _ => state.is_active(),
        };
        // Nobody works on the complaints of a customer who was forgotten:
        // they stay as they are, anonymous.
        let forgotten = ws.customer(ws.complaint(id)?.customer)?.erased_at.is_some();
        if !wanted || forgotten {
            self.cases[ix].plan.clear();
            return Ok(None);
        }
        let by = Meta::agent(at, case.agent);
        let mut done = at;
        let run = |ws: &mut Workspace, meta: Meta, cmd: Command| ws.execute(meta, cmd).map(|_| ());
        match phase {
            Phase::Ack => run(
                ws,
                Meta::system(at),
                acknowledgement(
                    id,
                    "Cảm ơn anh/chị đã liên hệ. Cửa hàng đã nhận phản ánh và sẽ trả lời trong giờ làm việc (T2-T6 8:00-17:30, T7 8:00-12:00).",
                ),
            )?,
            Phase::First { ask, .. } => {
                if ws.complaint(id)?.assignee != Some(case.agent) {
                    run(
                        ws,
                        by,
                        Command::AssignComplaint(AssignComplaint {
                            complaint: id,
                            assignee: Some(Some(case.agent)),
                            team: None,
                        }),
                    )?;
                }
                let body = if ask {
                    "Dạ em xin lỗi anh/chị. Anh/chị gửi giúp em ảnh chụp và mã đơn hàng để em kiểm tra ạ."
                } else {
                    "Dạ em xin lỗi anh/chị vì sự bất tiện, em đang kiểm tra và báo lại ngay ạ."
                };
                run(
                    ws,
                    by,
                    Command::RespondToComplaint(RespondToComplaint::new(id, case.agent, body)),
                )?;
                let (to, reason) = if ask {
                    (
                        ComplaintState::WaitingOnCustomer,
                        "chờ khách gửi ảnh và mã đơn",
                    )
                } else {
                    (ComplaintState::InProgress, "đang xử lý")
                };
                run(
                    ws,
                    by,
                    Command::ChangeComplaintState(ChangeComplaintState {
                        complaint: id,
                        to,
                        reason: Some(reason.into()),
                    }),
                )?;
            }
            Phase::CustomerWrites { answer } => {
                let body = if answer {
                    "Em gửi ảnh và mã đơn hàng ạ."
                } else {
                    "Sao lâu vậy shop, đã có kết quả chưa ạ?"
                };
                done = self.customer_writes(ws, at, &case, body, answer)?;
            }
            Phase::Answer => {
                run(
                    ws,
                    by,
                    Command::RespondToComplaint(RespondToComplaint::new(
                        id,
                        case.agent,
                        "Dạ em đã nhận được, em đang xử lý và sẽ báo anh/chị sớm nhất ạ.",
                    )),
                )?;
                if Self::state(ws, id)? != ComplaintState::InProgress {
                    run(
                        ws,
                        by,
                        Command::ChangeComplaintState(ChangeComplaintState {
                            complaint: id,
                            to: ComplaintState::InProgress,
                            reason: None,
                        }),
                    )?;
                }
            }
            Phase::Raise => run(
                ws,
                by,
                Command::UpdateComplaint(UpdateComplaint {
                    complaint: id,
                    subject: None,
                    description: None,
                    category: None,
                    priority: Some(Priority::High),
                    tags: None,
                }),
            )?,
            Phase::Escalate => {
                let technical = matches!(case.category, "product_quality" | "warranty");
                let tech = self.staff.tech.first().copied();
                let (reassign_to, team, reason) = match tech {
                    Some(t) if technical => (
                        Some(t),
                        Some(TECH_TEAM.to_owned()),
                        "Cần kỹ thuật kiểm tra sản phẩm",
                    ),
                    _ => (None, None, "Khách yêu cầu gặp quản lý cửa hàng"),
                };
                run(
                    ws,
                    by,
                    Command::EscalateComplaint(EscalateComplaint {
                        complaint: id,
                        level: None,
                        reassign_to,
                        team,
                        reason: reason.into(),
                    }),
                )?;
                if let Some(t) = reassign_to {
                    self.cases[ix].agent = t;
                }
            }
            Phase::Resolve => {
                let cmd = plot::resolution(&mut self.rng, &case)?;
                run(ws, by, Command::ResolveComplaint(cmd))?;
            }
            Phase::ComesBack => {
                let body = "Dùng được mấy hôm lại bị y như cũ ạ.";
                done = self.customer_writes(ws, at, &case, body, false)?;
            }
            Phase::Reopen => run(
                ws,
                by,
                Command::ReopenComplaint(ReopenComplaint {
                    complaint: id,
                    reason: Some("khách báo lỗi tái diễn".into()),
                }),
            )?,
            Phase::Confirm => {
                let body = "Đã ổn rồi, cảm ơn shop ạ.";
                done = self.customer_writes(ws, at, &case, body, false)?;
                let close = Command::CloseComplaint(CloseComplaint { complaint: id });
                run(ws, Meta::agent(done, case.agent), close)?;
            }
            Phase::Cancel(reason) => {
                let note = match reason {
                    CancelReason::Spam => "tin nhắn quảng cáo, không phải phản ánh",
                    _ => "khách gửi form hai lần",
                };
                run(
                    ws,
                    by,
                    Command::CancelComplaint(CancelComplaint {
                        complaint: id,
                        reason,
                        note: Some(note.into()),
                    }),
                )?;
            }
            Phase::MergeInto(into) => {
                let target = self.cases[into].id;
                let cmd = if Self::state(ws, target)?.is_active() {
                    Command::MergeComplaint(MergeComplaint {
                        complaint: id,
                        into: target,
                    })
                } else {
                    Command::CancelComplaint(CancelComplaint {
                        complaint: id,
                        reason: CancelReason::Duplicate,
                        note: Some("trùng với phản ánh trước, đã xử lý".into()),
                    })
                };
                run(ws, by, cmd)?;
            }
        }
        Ok(Some(done))
    }

    /// A customer message, on the complaint's channel; returns when it was
    /// recorded. Someone who complained by phone calls back (the call is
    /// logged and linked), but sends photos on Zalo.
    fn customer_writes(
        &mut self,
        ws: &mut Workspace,
        at: DateTime<Utc>,
        case: &Case,
        body: &str,
        photos: bool,
    ) -> clientcare::Result<DateTime<Utc>> {
        let channel = (photos && case.channel == Channel::Phone).then_some(Channel::Social);
        let (meta, interaction) = if case.channel == Channel::Phone && channel.is_none() {
            let call = Self::log_contact(ws, at, case.agent, case.customer, Channel::Phone, body)?;
            (
                Meta::agent(at + Duration::minutes(4), case.agent),
                Some(call),
            )
        } else {
            (Meta::system(at), None)
        };
        ws.execute(
            meta,
            Command::AddCustomerMessage(AddCustomerMessage {
                complaint: case.id,
                channel,
                body: body.into(),
                occurred_at: Some(at),
                interaction,
            }),
        )?;
        Ok(meta.at)
    }
}
