//! The feedback desk of the shop's month: consents to surveys, the surveys
//! the shop sends and the answers customers give.
//!
//! At the start the shop turns on a CSAT survey on every resolved complaint
//! (the core sends it on the complaint's channel when the customer consents
//! to feedback there) with a week to answer, and defines its own in-store
//! survey `tham-quan-cua-hang` (a 1-5 score that counts as CSAT, what the
//! customer liked most, a free remark). The imported customers' feedback
//! consents come from the old loyalty form (SMS, email, Zalo, phone; some
//! said no); later ones are given when a customer writes in or ticks the box
//! of a complaint form. Many never give one: their resolutions and purchases
//! send no survey.
//!
//! The desk reads the log like the sales desk does and plans, in time order:
//! - a CES survey after some calls and chats handled by an agent (by SMS
//!   after a call, in the chat window after a chat) and after some orders
//!   won by the sales team (by email), three days to answer;
//! - the in-store survey on Zalo or by SMS a few hours after some counter
//!   purchases, three days to answer;
//! - an NPS survey by email, mid-month, to every customer who consents;
//! - the answers, for every survey whatever sent it (a resolution, a
//!   playbook step, the desk): a share of the customers answer, minutes to
//!   days later while awake, a few after the survey expired (kept, not
//!   counted), the rest never. Scores follow the story: a complaint resolved
//!   in time with compensation mostly gets 4-5, a breached or reopened one
//!   lower, one still open after a reopen 1-2; customers of the top tiers
//!   recommend the shop more, those whose complaints went badly less.
//!
//! Đức is scripted: he agrees to surveys on Zalo when he writes on day 3,
//! gets the in-store survey after his purchase that afternoon and answers it
//! a day after it closed (late: kept, not counted), and answers the CSAT of
//! his scratched table a few hours after it is resolved.

use crate::shop::{left_alone, ShopConfig};
use chrono::{DateTime, Duration, NaiveDate, Timelike, Utc};
use clientcare::{
    Actor, AnswerSurvey, AnswerValue, Channel, Command, ComplaintId, ConfigureFeedback, CustomerId,
    CustomerKind, EntityRef, EventPayload, InteractionId, Meta, Metric, MetricState, PurchaseId,
    Purpose, Question, RecordConsent, SendSurvey, SurveyId, SurveyKind, SurveyLink, SurveyStatus,
    SurveyTemplate, Workspace,
};
use clientcare_bench::calendar::{local_to_utc, TZ};
use clientcare_bench::Rng;
use std::collections::{BTreeMap, BTreeSet};

/// Days a survey accepts answers (the workspace default).
pub const RESPONSE_DAYS: u32 = 7;
/// Days the short surveys (CES, in-store) accept answers.
pub const SHORT_RESPONSE_DAYS: u32 = 3;
/// The shop's in-store survey.
pub const VISIT_SURVEY: &str = "tham-quan-cua-hang";
/// Where the imported customers' consents come from.
pub const LOYALTY_FORM: &str = "phiếu thành viên cũ";

/// What the in-store survey asks what customers liked most.
pub const LIKED: &[&str] = &[
    "Nhân viên tư vấn nhiệt tình",
    "Giá hợp lý",
    "Sản phẩm chất lượng",
    "Không gian cửa hàng",
    "Thanh toán nhanh",
];

const VISIT_REMARKS: &[&str] = &[
    "Nên có thêm chỗ để xe máy.",
    "Cuối tuần cửa hàng hơi đông, chờ thanh toán lâu.",
    "Mong cửa hàng có thêm nhiều mẫu mới.",
    "Nhân viên tư vấn rất có tâm.",
    "Chủ nhật nên mở cửa sớm hơn.",
];
const PRAISE: &[&str] = &[
    "Nhân viên xử lý nhanh, rất hài lòng.",
    "Cảm ơn shop đã hỗ trợ nhiệt tình.",
    "Đổi hàng nhanh, thái độ phục vụ tốt.",
];
const GRIEVANCES: &[&str] = &[
    "Phải nhắc nhiều lần mới được xử lý.",
    "Xử lý quá chậm.",
    "Lỗi vẫn còn, chưa hài lòng.",
];
const NPS_PRAISE: &[&str] = &[
    "Hàng đẹp, nhân viên dễ thương.",
    "Sẽ giới thiệu cho bạn bè.",
];
const NPS_GRIEVANCES: &[&str] = &["Giao hàng hay trễ.", "Giá cao hơn chỗ khác."];

/// Scores of the standard kinds, by how the customer feels.
const CSAT_HAPPY: &[(i64, u32)] = &[(5, 60), (4, 30), (3, 8), (2, 2)];
const CSAT_USUAL: &[(i64, u32)] = &[(5, 45), (4, 35), (3, 13), (2, 5), (1, 2)];
const CSAT_SOOTHED: &[(i64, u32)] = &[(5, 25), (4, 35), (3, 25), (2, 10), (1, 5)];
const CSAT_MIXED: &[(i64, u32)] = &[(5, 12), (4, 28), (3, 32), (2, 18), (1, 10)];
const CSAT_ANGRY: &[(i64, u32)] = &[(5, 4), (4, 10), (3, 26), (2, 32), (1, 28)];
const NPS_FAN: &[(i64, u32)] = &[(10, 38), (9, 27), (8, 17), (7, 9), (6, 4), (5, 3), (4, 2)];
const NPS_USUAL: &[(i64, u32)] = &[
    (10, 24),
    (9, 22),
    (8, 20),
    (7, 12),
    (6, 8),
    (5, 5),
    (4, 3),
    (3, 2),
    (2, 1),
    (0, 3),
];
const NPS_HURT: &[(i64, u32)] = &[
    (10, 6),
    (9, 9),
    (8, 14),
    (7, 15),
    (6, 16),
    (5, 13),
    (4, 10),
    (3, 8),
    (2, 4),
    (1, 2),
    (0, 3),
];
const CES: &[(i64, u32)] = &[(7, 28), (6, 30), (5, 20), (4, 10), (3, 6), (2, 4), (1, 2)];

/// The feedback settings and the in-store survey.
///
/// # Errors
/// What the core reports (nothing for these constants).
pub fn configure(ws: &mut Workspace, at: DateTime<Utc>) -> clientcare::Result<()> {
    ws.execute(
        Meta::system(at),
        Command::ConfigureFeedback(ConfigureFeedback {
            csat_on_resolve: Some(true),
            response_days: Some(RESPONSE_DAYS),
        }),
    )?;
    ws.execute(Meta::system(at), Command::DefineSurvey(visit_survey()))?;
    Ok(())
}

fn visit_survey() -> SurveyTemplate {
    SurveyTemplate {
        key: VISIT_SURVEY.into(),
        title: Some("Khảo sát sau khi mua sắm tại cửa hàng".into()),
        questions: vec![
            Question::scale(
                "hai_long",
                "Anh/chị hài lòng thế nào với lần mua sắm hôm nay? (1: rất không hài lòng, 5: rất hài lòng)",
                1,
                5,
            )
            .measures(SurveyKind::Csat)
            .required(),
            Question::choice("thich_nhat", "Điều anh/chị thích nhất ở cửa hàng?", LIKED).multiple(),
            Question::text("gop_y", "Anh/chị có góp ý gì thêm cho cửa hàng không?"),
        ],
    }
}

/// What the desk does at some instant.
#[derive(Debug, Clone, PartialEq)]
enum Step {
    /// A customer agrees (or declines) to get surveys on a channel.
    Consent(CustomerId, Channel, bool, &'static str),
    /// A CES survey about a call or a chat.
    CesContact(CustomerId, InteractionId, Channel),
    /// A CES survey about an order won by the sales team.
    CesOrder(CustomerId, PurchaseId, Option<clientcare::AgentId>),
    /// The in-store survey after a counter purchase.
    Visit(CustomerId, PurchaseId, Option<clientcare::AgentId>),
    /// The mid-month NPS mailing.
    Nps,
    /// A customer answers a survey.
    Answer(SurveyId),
}

/// The feedback desk: its agenda and what it watches in the log.
#[derive(Debug)]
pub struct Feedback {
    rng: Rng,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    days: u32,
    agenda: BTreeMap<(DateTime<Utc>, u64), Step>,
    scheduled: u64,
    /// How much of the log the desk has read.
    seen: usize,
    /// The latest instant read in the log: nothing is planned before it.
    now: DateTime<Utc>,
    /// Consent decisions planned and not yet recorded.
    pending: BTreeSet<(CustomerId, Channel)>,
    /// Đức, whose answers are scripted.
    duc: Option<CustomerId>,
    /// Đức's in-store survey, once planned.
    duc_visit: Option<PurchaseId>,
}

impl Feedback {
    /// A feedback desk for the shop of `cfg`, opening at `start`.
    #[must_use]
    pub fn new(cfg: &ShopConfig, start: DateTime<Utc>) -> Self {
        Self {
            rng: Rng::new(cfg.seed).fork(0xFEED),
            start,
            end: start + Duration::days(i64::from(cfg.days)),
            days: cfg.days.max(1),
            agenda: BTreeMap::new(),
            scheduled: 0,
            seen: 0,
            now: start,
            pending: BTreeSet::new(),
            duc: None,
            duc_visit: None,
        }
    }

    fn schedule(&mut self, at: DateTime<Utc>, step: Step) {
        self.scheduled += 1;
        let at = at.max(self.now + Duration::minutes(1));
        self.agenda.insert((at, self.scheduled), step);
    }

    fn date(&self, day: u32) -> NaiveDate {
        (self.start + Duration::days(i64::from(day)))
            .with_timezone(&TZ)
            .date_naive()
    }

    /// Local time on day `day` of the period (from 0), if within it.
    fn local(&self, day: u32, hour: u32, minute: u32) -> Option<DateTime<Utc>> {
        (day < self.days)
            .then(|| {
                self.date(day)
                    .and_hms_opt(hour, minute, 0)
                    .map(local_to_utc)
            })
            .flatten()
    }

    /// The imported customers' answers on the old loyalty form: surveys by
    /// SMS, email, Zalo or phone, or a "no" to SMS surveys. Recorded right
    /// after the import.
    ///
    /// # Errors
    /// What the core reports (nothing expected).
    pub fn import_consents(
        &mut self,
        ws: &mut Workspace,
        at: DateTime<Utc>,
        imported: &[CustomerId],
    ) -> clientcare::Result<()> {
        for &id in imported {
            let c = ws.customer(id)?;
            let (email, phone) = (c.emails().next().is_some(), c.phones().next().is_some());
            let mut decisions = Vec::new();
            if c.kind == CustomerKind::Organization {
                if email && self.rng.chance(0.5) {
                    decisions.push((Channel::Email, true));
                }
            } else {
                if phone {
                    match *self.rng.weighted(&[(0u8, 33), (1, 6), (2, 61)]) {
                        0 => decisions.push((Channel::Sms, true)),
                        1 => decisions.push((Channel::Sms, false)),
                        _ => {}
                    }
                    if self.rng.chance(0.25) {
                        decisions.push((Channel::Social, true));
                    }
                    if self.rng.chance(0.1) {
                        decisions.push((Channel::Phone, true));
                    }
                }
                if email && self.rng.chance(0.3) {
                    decisions.push((Channel::Email, true));
                }
            }
            for (channel, granted) in decisions {
                consent(ws, Meta::system(at), id, channel, granted, LOYALTY_FORM)?;
            }
        }
        Ok(())
    }

    /// Đức agrees to surveys on Zalo when he writes on day 3 (10:00); the
    /// in-store survey of his first counter purchase, and his answers to it
    /// and to the CSAT of his complaint, are scripted.
    pub fn script_showcase(&mut self, duc: CustomerId) {
        if let Some(at) = self.local(2, 10, 1) {
            self.duc = Some(duc);
            self.pending.insert((duc, Channel::Social));
            self.schedule(
                at,
                Step::Consent(duc, Channel::Social, true, "Zalo OA: đồng ý nhận khảo sát"),
            );
        }
    }

    /// Plans day `day` (from 0): the NPS mailing in the middle of the period.
    pub fn plan_day(&mut self, day: u32) {
        if day == self.days / 2 {
            if let Some(at) = self.local(day, 10, 0) {
                self.schedule(at, Step::Nps);
            }
        }
    }

    /// When the desk next has something to do (after reading the log).
    ///
    /// # Errors
    /// What the core reports while the desk plans its work.
    pub fn next_at(&mut self, ws: &Workspace) -> clientcare::Result<Option<DateTime<Utc>>> {
        self.watch(ws)?;
        Ok(self.agenda.first_key_value().map(|((at, _), _)| *at))
    }

    /// Runs everything on the agenda up to `until` (inclusive), in time order.
    ///
    /// # Errors
    /// Any command the workspace refuses (none is expected: the desk checks
    /// consents and states before acting).
    pub fn run_until(
        &mut self,
        ws: &mut Workspace,
        until: DateTime<Utc>,
    ) -> clientcare::Result<()> {
        loop {
            self.watch(ws)?;
            let Some(entry) = self.agenda.first_entry() else {
                break;
            };
            if entry.key().0 > until {
                break;
            }
            let ((at, _), step) = entry.remove_entry();
            self.now = self.now.max(at);
            match step {
                Step::Consent(customer, channel, granted, source) => {
                    self.pending.remove(&(customer, channel));
                    let c = ws.customer(customer)?;
                    if !left_alone(c) && c.consent(channel, Purpose::Feedback).is_none() {
                        consent(ws, Meta::system(at), customer, channel, granted, source)?;
                    }
                }
                Step::CesContact(customer, interaction, channel) => {
                    let link = SurveyLink::Interaction { id: interaction };
                    let cmd = survey(customer, SurveyKind::Ces, channel, link, None);
                    send_if_consented(ws, at, cmd)?;
                }
                Step::CesOrder(customer, purchase, owner) => {
                    let link = SurveyLink::Purchase { id: purchase };
                    let cmd = survey(customer, SurveyKind::Ces, Channel::Email, link, owner);
                    send_if_consented(ws, at, cmd)?;
                }
                Step::Visit(customer, purchase, seller) => {
                    let c = ws.customer(customer)?;
                    let channel = [Channel::Social, Channel::Sms]
                        .into_iter()
                        .find(|ch| c.has_consent(*ch, Purpose::Feedback));
                    if let Some(channel) = channel {
                        let link = SurveyLink::Purchase { id: purchase };
                        let mut cmd = survey(customer, SurveyKind::Custom, channel, link, seller);
                        cmd.template = Some(VISIT_SURVEY.into());
                        send_if_consented(ws, at, cmd)?;
                    }
                }
                Step::Nps => self.nps(ws, at)?,
                Step::Answer(id) => self.answer(ws, at, id)?,
            }
        }
        Ok(())
    }

    /// Reads the log since the last call and plans what it asks for.
    fn watch(&mut self, ws: &Workspace) -> clientcare::Result<()> {
        let events = ws.events();
        let from = self.seen;
        self.seen = events.len();
        for e in events.get(from..).unwrap_or(&[]) {
            self.now = self.now.max(e.at);
            match (&e.entity, &e.payload) {
                (
                    EntityRef::Interaction(id),
                    EventPayload::InteractionLogged {
                        customer,
                        channel,
                        direction: clientcare::Direction::Inbound,
                        agent,
                        ..
                    },
                ) => {
                    let yes = "đồng ý nhận khảo sát khi liên hệ";
                    self.written_in(ws, e.at, *customer, *channel, (0.12, yes))?;
                    let survey_channel = match channel {
                        Channel::Phone => Some(Channel::Sms),
                        Channel::LiveChat => Some(Channel::LiveChat),
                        _ => None,
                    };
                    if let (Some(ch), Some(_)) = (survey_channel, agent) {
                        if self.rng.chance(0.3) {
                            let at = e.at + Duration::minutes(self.rng.range(5, 30) as i64);
                            self.schedule(at, Step::CesContact(*customer, *id, ch));
                        }
                    }
                }
                (EntityRef::Complaint(_), EventPayload::ComplaintOpened(c)) => {
                    // The form's or the agent's "may we ask how we did?".
                    let share = match c.channel {
                        Channel::Web => 0.45,
                        Channel::LiveChat => 0.3,
                        Channel::Social => 0.25,
                        _ => 0.15,
                    };
                    let yes = "đồng ý nhận khảo sát khi gửi phản ánh";
                    self.written_in(ws, e.at, c.customer, c.channel, (share, yes))?;
                }
                (EntityRef::Purchase(id), EventPayload::PurchaseRecorded(p))
                    if p.occurred_at >= self.start =>
                {
                    let seller = match e.actor {
                        Actor::Agent(a) => Some(a),
                        Actor::System => None,
                    };
                    if p.channel == Channel::InPerson {
                        // Đức's first counter purchase once he accepts surveys on Zalo.
                        let duc = self.duc == Some(p.customer)
                            && self.duc_visit.is_none()
                            && ws
                                .customer(p.customer)?
                                .has_consent(Channel::Social, Purpose::Feedback);
                        if duc {
                            self.duc_visit = Some(*id);
                        }
                        if duc || self.rng.chance(0.35) {
                            let at = self.customer_time(p.occurred_at, 90, 300);
                            self.schedule(at, Step::Visit(p.customer, *id, seller));
                        }
                    } else if self.rng.chance(0.4) {
                        let owner = p
                            .opportunity
                            .and_then(|o| ws.opportunity(o).ok())
                            .and_then(|o| o.owner)
                            .or(seller);
                        let at = self.customer_time(p.occurred_at, 60, 240);
                        self.schedule(at, Step::CesOrder(p.customer, *id, owner));
                    }
                }
                (EntityRef::Survey(id), EventPayload::SurveySent(s)) => {
                    self.plan_answer(*id, s, e.at);
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// A customer who writes in on `channel` is asked whether the shop may
    /// send surveys there (when they were never asked): `share` say yes
    /// (recorded with source `yes`), a few say no.
    fn written_in(
        &mut self,
        ws: &Workspace,
        at: DateTime<Utc>,
        customer: CustomerId,
        channel: Channel,
        (share, yes): (f64, &'static str),
    ) -> clientcare::Result<()> {
        let asked = matches!(
            channel,
            Channel::Phone
                | Channel::Email
                | Channel::Sms
                | Channel::Social
                | Channel::LiveChat
                | Channel::Web
        );
        if !asked || self.pending.contains(&(customer, channel)) {
            return Ok(());
        }
        let c = ws.customer(customer)?;
        if left_alone(c) || c.consent(channel, Purpose::Feedback).is_some() {
            return Ok(());
        }
        let x = self.rng.unit();
        let decision = if x < share {
            Some((true, yes))
        } else if x < share + 0.04 {
            Some((false, "từ chối nhận khảo sát khi liên hệ"))
        } else {
            None
        };
        if let Some((granted, source)) = decision {
            self.pending.insert((customer, channel));
            let at = at + Duration::minutes(self.rng.range(1, 4) as i64);
            self.schedule(at, Step::Consent(customer, channel, granted, source));
        }
        Ok(())
    }

    /// A calendar-time delay of `lo..=hi` minutes after `from`, moved to the
    /// next morning when it falls in the night (customers sleep).
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

    /// Whether and when the customer answers the survey sent at `sent`.
    fn plan_answer(&mut self, id: SurveyId, s: &clientcare::SurveySent, sent: DateTime<Utc>) {
        let window = (s.expires_at - sent).num_minutes().max(60) as u64;
        if self.duc == Some(s.customer) {
            match s.link {
                // A few hours after the resolution.
                Some(SurveyLink::Complaint { .. }) => {
                    let at = self.customer_time(sent, 150, 240);
                    self.schedule(at, Step::Answer(id));
                    return;
                }
                // A busy week: the next weekend, after the survey closed.
                Some(SurveyLink::Purchase { id: p }) if Some(p) == self.duc_visit => {
                    let at = sent + Duration::minutes(window as i64 + 24 * 60);
                    self.schedule(at, Step::Answer(id));
                    return;
                }
                _ => {}
            }
        }
        let share = match (s.kind, s.link) {
            (SurveyKind::Csat, Some(SurveyLink::Complaint { .. })) => 0.55,
            (SurveyKind::Csat, _) => 0.3,
            (SurveyKind::Nps, _) => 0.35,
            (SurveyKind::Ces, _) => 0.45,
            (SurveyKind::Custom, _) => 0.4,
        };
        if !self.rng.chance(share) {
            return;
        }
        let (lo, hi) = match *self.rng.weighted(&[(0u8, 50), (1, 30), (2, 12), (3, 8)]) {
            0 => (5, 240),
            1 => (240, 2 * 24 * 60),
            2 => (2 * 24 * 60, window.saturating_sub(120).max(2 * 24 * 60)),
            // Late: after the survey expired (kept, not counted).
            _ => (window + 6 * 60, window + 4 * 24 * 60),
        };
        let at = self.customer_time(sent, lo, hi);
        if at < self.end {
            self.schedule(at, Step::Answer(id));
        }
    }

    /// The mid-month NPS mailing: every active customer who consents to
    /// surveys by email.
    fn nps(&mut self, ws: &mut Workspace, at: DateTime<Utc>) -> clientcare::Result<()> {
        let to: Vec<CustomerId> = ws
            .customers()
            .filter(|c| {
                !left_alone(c)
                    && c.emails().next().is_some()
                    && c.has_consent(Channel::Email, Purpose::Feedback)
            })
            .map(|c| c.id)
            .collect();
        for customer in to {
            let cmd = SendSurvey {
                id: None,
                customer,
                kind: SurveyKind::Nps,
                template: None,
                channel: Channel::Email,
                link: None,
                agent: None,
                response_days: None,
            };
            ws.send_survey(Meta::system(at), cmd)?;
        }
        Ok(())
    }

    /// The customer answers survey `id` (if still unanswered).
    fn answer(
        &mut self,
        ws: &mut Workspace,
        at: DateTime<Utc>,
        id: SurveyId,
    ) -> clientcare::Result<()> {
        let s = ws.survey(id)?;
        if s.status != SurveyStatus::Sent || left_alone(ws.customer(s.customer)?) {
            return Ok(());
        }
        let (kind, link, customer) = (s.kind, s.link, s.customer);
        let mut cmd = AnswerSurvey {
            survey: id,
            score: None,
            answers: BTreeMap::new(),
            comment: None,
            answered_at: None,
        };
        match (kind, link) {
            (SurveyKind::Csat, Some(SurveyLink::Complaint { id: c })) => {
                let score = if self.duc == Some(customer) {
                    cmd.comment = Some("Đổi mặt bàn nhanh, anh Nam hỗ trợ rất nhiệt tình.".into());
                    5
                } else {
                    let table = complaint_mood(ws, c, at)?;
                    *self.rng.weighted(table)
                };
                if cmd.comment.is_none() {
                    cmd.comment = self.remark(score, 5, PRAISE, GRIEVANCES);
                }
                cmd.score = Some(score);
            }
            (SurveyKind::Csat, _) => cmd.score = Some(*self.rng.weighted(CSAT_USUAL)),
            (SurveyKind::Nps, _) => {
                let table = customer_mood(ws, customer, at)?;
                let score = *self.rng.weighted(table);
                cmd.comment = self.remark(score, 10, NPS_PRAISE, NPS_GRIEVANCES);
                cmd.score = Some(score);
            }
            (SurveyKind::Ces, _) => cmd.score = Some(*self.rng.weighted(CES)),
            (SurveyKind::Custom, Some(SurveyLink::Purchase { id: p }))
                if Some(p) == self.duc_visit =>
            {
                cmd.answers.insert("hai_long".into(), AnswerValue::Score(4));
                cmd.answers.insert(
                    "thich_nhat".into(),
                    AnswerValue::Choices(vec![LIKED[0].into(), LIKED[2].into()]),
                );
                cmd.answers.insert(
                    "gop_y".into(),
                    AnswerValue::Text("Trả lời hơi muộn: cửa hàng nên có chỗ đỗ ô tô.".into()),
                );
            }
            (SurveyKind::Custom, _) => {
                let score = *self.rng.weighted(CSAT_USUAL);
                cmd.answers
                    .insert("hai_long".into(), AnswerValue::Score(score));
                if self.rng.chance(0.8) {
                    let mut liked = vec![(*self.rng.pick(LIKED)).to_owned()];
                    if self.rng.chance(0.35) {
                        liked.push((*self.rng.pick(LIKED)).to_owned());
                        liked.dedup();
                    }
                    cmd.answers
                        .insert("thich_nhat".into(), AnswerValue::Choices(liked));
                }
                if self.rng.chance(0.3) {
                    let remark = (*self.rng.pick(VISIT_REMARKS)).to_owned();
                    cmd.answers
                        .insert("gop_y".into(), AnswerValue::Text(remark));
                }
            }
        }
        ws.answer_survey(Meta::system(at), cmd)
    }

    /// Sometimes a remark with the score: praise for the best, a grievance
    /// for the worst.
    fn remark(
        &mut self,
        score: i64,
        max: i64,
        praise: &[&str],
        grievances: &[&str],
    ) -> Option<String> {
        let (table, share) = if score == max {
            (praise, 0.25)
        } else if score * 5 <= max * 2 {
            (grievances, 0.6)
        } else {
            return None;
        };
        self.rng
            .chance(share)
            .then(|| (*self.rng.pick(table)).to_owned())
    }
}

/// A survey about `link` on `channel`, with the default response window for
/// CSAT and NPS and the short one for the others.
fn survey(
    customer: CustomerId,
    kind: SurveyKind,
    channel: Channel,
    link: SurveyLink,
    agent: Option<clientcare::AgentId>,
) -> SendSurvey {
    SendSurvey {
        id: None,
        customer,
        kind,
        template: None,
        channel,
        link: Some(link),
        agent,
        response_days: matches!(kind, SurveyKind::Ces | SurveyKind::Custom)
            .then_some(SHORT_RESPONSE_DAYS),
    }
}

/// Sends `cmd` when its customer is active and consents to feedback on its channel.
fn send_if_consented(
    ws: &mut Workspace,
    at: DateTime<Utc>,
    cmd: SendSurvey,
) -> clientcare::Result<()> {
    let c = ws.customer(cmd.customer)?;
    if left_alone(c) || !c.has_consent(cmd.channel, Purpose::Feedback) {
        return Ok(());
    }
    ws.send_survey(Meta::system(at), cmd).map(|_| ())
}

fn consent(
    ws: &mut Workspace,
    meta: Meta,
    customer: CustomerId,
    channel: Channel,
    granted: bool,
    source: &str,
) -> clientcare::Result<()> {
    ws.execute(
        meta,
        Command::RecordConsent(RecordConsent {
            customer,
            channel,
            purpose: Purpose::Feedback,
            granted,
            source: source.into(),
        }),
    )
    .map(|_| ())
}

/// How a customer rates the handling of complaint `id` at `at`: still open
/// after coming back, breached or reopened, compensated or not.
fn complaint_mood(
    ws: &Workspace,
    id: ComplaintId,
    at: DateTime<Utc>,
) -> clientcare::Result<&'static [(i64, u32)]> {
    let c = ws.complaint(id)?;
    if c.state.is_active() {
        return Ok(CSAT_ANGRY);
    }
    let status = ws.sla_status(id, at)?;
    let breached = [Metric::FirstResponse, Metric::Resolution]
        .into_iter()
        .filter(|m| status.metric(*m).map(|x| x.state) == Some(MetricState::Breached))
        .count();
    let strikes = breached + usize::from(c.reopen_count > 0);
    let compensated = c
        .resolutions
        .last()
        .is_some_and(|r| !r.compensation.is_empty());
    Ok(match (strikes, compensated) {
        (0, true) => CSAT_HAPPY,
        (0, false) => CSAT_USUAL,
        (1, true) => CSAT_SOOTHED,
        (1, false) => CSAT_MIXED,
        _ => CSAT_ANGRY,
    })
}

/// How likely a customer is to recommend the shop: fans in the top tiers,
/// hurt when a complaint of theirs breached or was reopened.
fn customer_mood(
    ws: &Workspace,
    customer: CustomerId,
    at: DateTime<Utc>,
) -> clientcare::Result<&'static [(i64, u32)]> {
    for c in ws.complaints_of(customer)? {
        if c.received_at > at {
            continue;
        }
        let status = ws.sla_status(c.id, at)?;
        let breached = status
            .metrics
            .iter()
            .any(|m| m.state == MetricState::Breached);
        if breached || c.reopen_count > 0 {
            return Ok(NPS_HURT);
        }
    }
    let tier = ws.customer(customer)?.tier.as_deref();
    Ok(match tier {
        Some(crate::sales::TOP_TIER | "vàng") => NPS_FAN,
        _ => NPS_USUAL,
    })
}
