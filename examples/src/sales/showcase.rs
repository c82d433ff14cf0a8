//! The hand-written sales stories.
//!
//! - Đức asks on Zalo about a living-room set (day 2, 10:00); a seller opens
//!   a deal, he buys it in the shop that afternoon (52 million VND: kim
//!   cương, with its monthly call), it is delivered the next day and his
//!   table turns out scratched (a complaint, see [`crate::care`]).
//! - On day 4 his colleague Lan calls: Đức recommended the shop. Her deal
//!   carries the referral; she buys the next day and Đức gets a voucher.
//! - Élodie orders two lacquer paintings from Paris on day 6, in euros.
//! - An Phát, a company: a monthly account check-in on the first Monday of
//!   each month (a recurring follow-up), and a `b2b` deal for 40 office
//!   chairs, won on the Monday before the last Friday and delivered that
//!   Friday (a whole-day task), short of 12 chairs.

use super::catalog::{line, vnd, Product, DECOR, FURNITURE, SMALL};
use super::work::Work;
use super::{Sales, Step, B2B_PIPELINE};
use crate::care::B2B_TEAM;
use chrono::{DateTime, Datelike, Duration, Utc, Weekday};
use clientcare::{
    ChangeLifecycle, Channel, Command, CustomerId, Direction, FollowUpKind, Lifecycle,
    LogInteraction, Meta, Money, MoveOpportunity, OpenOpportunity, OpportunityId, PurchaseItem,
    Purpose, RecordConsent, RecordPurchase, RecordReferral, Recurrence, RecurrenceSpec,
    RegisterCustomer, ScheduleFollowUp, Source, UpdateOpportunity, WonPurchase, Workspace,
};
use clientcare_bench::calendar::TZ;

/// A hand-written scene.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scene {
    /// A seller opens Đức's deal after his Zalo message.
    DucAsks,
    /// Đức buys in the shop.
    DucBuys,
    /// Lan calls, referred by Đức.
    LanCalls,
    /// Lan buys.
    LanBuys,
    /// Élodie orders from Paris.
    ElodieOrders,
    /// An Phát's account check-in and its deal.
    AnPhatOpens,
    /// An Phát's deal moves to its `n`-th open stage.
    AnPhatMoves(usize),
    /// An Phát signs.
    AnPhatSigns,
}

/// Who plays in the scenes, and what they have.
#[derive(Debug, Clone, Default)]
pub(crate) struct Cast {
    duc: Option<CustomerId>,
    an_phat: Option<CustomerId>,
    elodie: Option<CustomerId>,
    lan: Option<CustomerId>,
    duc_deal: Option<OpportunityId>,
    lan_deal: Option<OpportunityId>,
    an_phat_deal: Option<OpportunityId>,
    an_phat_items: Vec<PurchaseItem>,
    /// The last Friday of the period (An Phát's delivery), from 0.
    friday: Option<u32>,
}

const LIVING_ROOM: &[Product] = &[
    Product {
        name: "Bộ bàn ghế gỗ óc chó phòng khách",
        category: FURNITURE,
        price: 45_000_000,
    },
    Product {
        name: "Thảm len phòng khách",
        category: DECOR,
        price: 5_800_000,
    },
];

fn eur(cents: i64) -> Money {
    Money {
        amount_minor: cents,
        currency: "EUR".into(),
    }
}

impl Sales {
    /// Puts the hand-written stories on the agenda (those that fit in the period).
    pub fn script_showcase(&mut self, duc: CustomerId, an_phat: CustomerId, elodie: CustomerId) {
        self.show.duc = Some(duc);
        self.show.an_phat = Some(an_phat);
        self.show.elodie = Some(elodie);
        self.show.friday = (0..self.days)
            .rev()
            .find(|d| self.date(*d).weekday() == Weekday::Fri);
        for (day, hour, minute, scene) in [
            (0, 9, 0, Scene::AnPhatOpens),
            (2, 10, 30, Scene::DucAsks),
            (2, 15, 5, Scene::DucBuys),
            (4, 11, 0, Scene::LanCalls),
            (5, 16, 0, Scene::LanBuys),
            (6, 22, 10, Scene::ElodieOrders),
        ] {
            if let Some(at) = self.local(day, hour, minute) {
                self.schedule(at, Step::Scene(scene));
            }
        }
        // An Phát signs on the Monday before the delivery Friday, after a
        // survey, a quote and a negotiation spread over the days before.
        let Some(win) = self.show.friday.and_then(|f| f.checked_sub(4)) else {
            return;
        };
        if win < 4 {
            return;
        }
        for n in 1..=3u32 {
            let mut day = n * win / 4;
            if self.date(day).weekday() == Weekday::Sun {
                day += 1;
            }
            if let Some(at) = self.local(day, 10, 0) {
                self.schedule(at, Step::Scene(Scene::AnPhatMoves(n as usize)));
            }
        }
        if let Some(at) = self.local(win, 14, 0) {
            self.schedule(at, Step::Scene(Scene::AnPhatSigns));
        }
    }

    fn consent(
        ws: &mut Workspace,
        meta: Meta,
        customer: CustomerId,
        channel: Channel,
        purpose: Purpose,
        source: &str,
    ) -> clientcare::Result<()> {
        ws.execute(
            meta,
            Command::RecordConsent(RecordConsent {
                customer,
                channel,
                purpose,
                granted: true,
                source: source.into(),
            }),
        )?;
        Ok(())
    }

    fn win(
        ws: &mut Workspace,
        meta: Meta,
        deal: OpportunityId,
        items: &[PurchaseItem],
        channel: Channel,
        note: &str,
    ) -> clientcare::Result<()> {
        ws.execute(
            meta,
            Command::MoveOpportunity(MoveOpportunity {
                opportunity: deal,
                stage: "won".into(),
                lost_reason: None,
                note: Some(note.into()),
                purchase: Some(WonPurchase {
                    items: items.to_vec(),
                    description: None,
                    amount: None,
                    channel: Some(channel),
                }),
            }),
        )?;
        Ok(())
    }

    /// A whole-day delivery on day `day`, done at `hour:minute` with `outcome`.
    #[allow(clippy::too_many_arguments)]
    fn delivery(
        &mut self,
        ws: &mut Workspace,
        at: DateTime<Utc>,
        customer: CustomerId,
        day: u32,
        (hour, minute): (u32, u32),
        what: &str,
        deal: Option<OpportunityId>,
        outcome: &str,
    ) -> clientcare::Result<()> {
        let date = self.date(day);
        let id = self.deliver(ws, at, customer, date, what, deal, false)?;
        if let Some(done) = self.local(day, hour, minute) {
            self.schedule(done, Step::Work(id, Work::Complete(outcome.into())));
        }
        Ok(())
    }

    /// Plays `scene` at `at`.
    pub(super) fn scene(
        &mut self,
        ws: &mut Workspace,
        at: DateTime<Utc>,
        scene: Scene,
    ) -> clientcare::Result<()> {
        let mai = self.staff.sales.first().copied();
        let khoa = self.staff.sales.last().copied();
        let bao = self.staff.b2b.first().copied();
        let (Some(duc), Some(an_phat), Some(elodie), Some(mai), Some(khoa), Some(bao)) = (
            self.show.duc,
            self.show.an_phat,
            self.show.elodie,
            mai,
            khoa,
            bao,
        ) else {
            return Ok(());
        };
        match scene {
            Scene::DucAsks => {
                let cmd = OpenOpportunity {
                    stage: Some("qualified".into()),
                    owner: Some(mai),
                    expected_close: Some(self.date(2) + Duration::days(5)),
                    source: Source {
                        channel: Some(Channel::Social),
                        campaign: Some("sale-10-10".into()),
                        referred_by: None,
                    },
                    ..OpenOpportunity::new(duc, "Bộ bàn ghế gỗ phòng khách", vnd(48_000_000))
                };
                self.show.duc_deal = Some(ws.open_opportunity(Meta::agent(at, mai), cmd)?);
            }
            Scene::DucBuys => {
                let Some(deal) = self.show.duc_deal else {
                    return Ok(());
                };
                let by = Meta::agent(at, mai);
                Self::consent(
                    ws,
                    by,
                    duc,
                    Channel::Social,
                    Purpose::Service,
                    "Zalo OA tại quầy",
                )?;
                Self::consent(
                    ws,
                    by,
                    duc,
                    Channel::Phone,
                    Purpose::Service,
                    "phiếu giao hàng",
                )?;
                let mut items: Vec<PurchaseItem> = LIVING_ROOM.iter().map(|p| line(p, 1)).collect();
                if let Some(lamp) = SMALL.iter().find(|p| p.category == DECOR) {
                    items.push(line(lamp, 1));
                }
                Self::win(
                    ws,
                    by,
                    deal,
                    &items,
                    Channel::InPerson,
                    "Khách chốt tại cửa hàng",
                )?;
                if ws.customer(duc)?.lifecycle != Lifecycle::Loyal {
                    ws.execute(
                        Meta::agent(at + Duration::minutes(1), mai),
                        Command::ChangeLifecycle(ChangeLifecycle {
                            customer: duc,
                            to: Lifecycle::Loyal,
                            reason: Some("khách quen, mua đơn lớn".into()),
                        }),
                    )?;
                }
                self.buyers.push(duc);
                self.delivery(
                    ws,
                    at + Duration::minutes(2),
                    duc,
                    3,
                    (18, 30),
                    "bộ bàn ghế phòng khách anh Đức",
                    Some(deal),
                    "Đã giao và lắp; khách báo mặt bàn có vết trầy",
                )?;
            }
            Scene::LanCalls => {
                let lan = ws.register_customer(
                    Meta::agent(at, khoa),
                    RegisterCustomer {
                        full_name: "Trần Ngọc Lan".into(),
                        given_name: Some("Lan".into()),
                        family_name: Some("Trần".into()),
                        display_name: Some("chị Lan".into()),
                        emails: vec!["ngoclan.tran@example.vn".into()],
                        phones: vec!["0938 765 432".into()],
                        language: Some("vi".into()),
                        owner: Some(khoa),
                        ..RegisterCustomer::default()
                    },
                )?;
                self.new_customers.push(lan);
                self.show.lan = Some(lan);
                ws.log_interaction(
                    Meta::agent(at, khoa),
                    LogInteraction {
                        direction: Direction::Inbound,
                        subject: Some("Anh Đức giới thiệu, hỏi nệm cao su".into()),
                        agent: Some(khoa),
                        duration_seconds: Some(420),
                        ..LogInteraction::new(lan, Channel::Phone)
                    },
                )?;
                ws.record_referral(
                    Meta::agent(at, khoa),
                    RecordReferral {
                        id: None,
                        referrer: duc,
                        referred: lan,
                        note: Some("đồng nghiệp của anh Đức ở An Phát".into()),
                    },
                )?;
                let cmd = OpenOpportunity {
                    owner: Some(khoa),
                    source: Source {
                        channel: Some(Channel::Phone),
                        campaign: None,
                        referred_by: Some(duc),
                    },
                    ..OpenOpportunity::new(lan, "Nệm cao su và chăn ga", vnd(11_090_000))
                };
                let at = at + Duration::minutes(1);
                self.show.lan_deal = Some(ws.open_opportunity(Meta::agent(at, khoa), cmd)?);
            }
            Scene::LanBuys => {
                let (Some(lan), Some(deal)) = (self.show.lan, self.show.lan_deal) else {
                    return Ok(());
                };
                let by = Meta::agent(at, khoa);
                Self::consent(
                    ws,
                    by,
                    lan,
                    Channel::Sms,
                    Purpose::Feedback,
                    "phiếu mua hàng",
                )?;
                Self::consent(
                    ws,
                    by,
                    lan,
                    Channel::Email,
                    Purpose::Service,
                    "hoá đơn điện tử",
                )?;
                let items: Vec<PurchaseItem> = super::catalog::BIG
                    .iter()
                    .chain(SMALL)
                    .filter(|p| p.name.starts_with("Nệm") || p.name.starts_with("Bộ chăn"))
                    .map(|p| line(p, 1))
                    .collect();
                Self::win(
                    ws,
                    by,
                    deal,
                    &items,
                    Channel::InPerson,
                    "Khách ghé cửa hàng chốt đơn",
                )?;
                self.buyers.push(lan);
            }
            Scene::ElodieOrders => {
                let web = Meta::system(at);
                let form = "form đặt hàng trên web";
                Self::consent(ws, web, elodie, Channel::Email, Purpose::Service, form)?;
                Self::consent(ws, web, elodie, Channel::Email, Purpose::Marketing, form)?;
                let painting = PurchaseItem {
                    name: "Tranh sơn mài hoa sen".into(),
                    category: Some(DECOR.into()),
                    quantity: 2,
                    unit_price: eur(8_500),
                };
                let shipping = PurchaseItem {
                    name: "Phí vận chuyển quốc tế".into(),
                    category: Some("vận chuyển".into()),
                    quantity: 1,
                    unit_price: eur(1_850),
                };
                ws.record_purchase(
                    web,
                    RecordPurchase {
                        id: None,
                        customer: elodie,
                        items: vec![painting, shipping],
                        description: Some("Đơn hàng web gửi đi Paris".into()),
                        amount: None,
                        channel: Channel::Web,
                        occurred_at: None,
                    },
                )?;
                self.buyers.push(elodie);
            }
            Scene::AnPhatOpens => {
                // The account check-in: 09:30 on the first Monday of each month.
                let start = self.date(0).and_hms_opt(9, 30, 0).unwrap_or_default();
                let rule = Recurrence::parse_rrule("FREQ=MONTHLY;BYDAY=1MO")?;
                let cmd = ScheduleFollowUp {
                    due_at: None,
                    recurrence: Some(RecurrenceSpec::new(start, TZ.name(), Some(rule))),
                    customer: Some(an_phat),
                    assignee: Some(bao),
                    team: Some(B2B_TEAM.into()),
                    ..ScheduleFollowUp::new("Gọi hỏi thăm định kỳ An Phát", FollowUpKind::Call, at)
                };
                let check_in = ws.schedule_follow_up(Meta::agent(at, bao), cmd)?;
                let first = ws.follow_up(check_in)?.due_at + Duration::minutes(20);
                if first < self.end {
                    let done = Work::Complete("Anh Tuấn xác nhận lịch giao ghế cuối tháng".into());
                    self.schedule(first, Step::Work(check_in, done));
                }
                let chairs = super::catalog::OFFICE
                    .iter()
                    .find(|p| p.name == "Ghế công thái học")
                    .map(|p| line(p, 40));
                self.show.an_phat_items = chairs.into_iter().collect();
                let value = vnd(super::catalog::total(&self.show.an_phat_items));
                let cmd = OpenOpportunity {
                    pipeline: Some(B2B_PIPELINE.into()),
                    owner: Some(bao),
                    expected_close: self.show.friday.map(|d| self.date(d)),
                    source: Source {
                        channel: Some(Channel::Phone),
                        campaign: None,
                        referred_by: None,
                    },
                    ..OpenOpportunity::new(an_phat, "40 ghế văn phòng cho tầng 5", value)
                };
                let at = at + Duration::minutes(1);
                self.show.an_phat_deal = Some(ws.open_opportunity(Meta::agent(at, bao), cmd)?);
            }
            Scene::AnPhatMoves(n) => {
                let Some(deal) = self.show.an_phat_deal else {
                    return Ok(());
                };
                let stages = ["new", "site_survey", "quotation", "contract"];
                let by = Meta::agent(at, bao);
                if stages[n] == "quotation" {
                    if let Some(desk) = super::catalog::OFFICE
                        .iter()
                        .find(|p| p.name == "Bàn làm việc gỗ")
                    {
                        self.show.an_phat_items.push(line(desk, 4));
                    }
                    let value = vnd(super::catalog::total(&self.show.an_phat_items));
                    ws.execute(
                        by,
                        Command::UpdateOpportunity(UpdateOpportunity {
                            opportunity: deal,
                            title: Some("40 ghế và 4 bàn làm việc cho tầng 5".into()),
                            value: Some(value),
                            expected_close: None,
                            owner: None,
                        }),
                    )?;
                }
                ws.execute(
                    by,
                    Command::MoveOpportunity(MoveOpportunity {
                        opportunity: deal,
                        stage: stages[n].into(),
                        lost_reason: None,
                        note: None,
                        purchase: None,
                    }),
                )?;
            }
            Scene::AnPhatSigns => {
                let (Some(deal), Some(friday)) = (self.show.an_phat_deal, self.show.friday) else {
                    return Ok(());
                };
                let by = Meta::agent(at, bao);
                Self::consent(
                    ws,
                    by,
                    an_phat,
                    Channel::Email,
                    Purpose::Service,
                    "hợp đồng mua bán",
                )?;
                let items = self.show.an_phat_items.clone();
                Self::win(
                    ws,
                    by,
                    deal,
                    &items,
                    Channel::Email,
                    "Ký hợp đồng, giao thứ Sáu",
                )?;
                self.buyers.push(an_phat);
                self.delivery(
                    ws,
                    at + Duration::minutes(5),
                    an_phat,
                    friday,
                    (11, 30),
                    "40 ghế và 4 bàn làm việc cho An Phát",
                    Some(deal),
                    "Giao 28/40 ghế và 4 bàn; kho hẹn bổ sung 12 ghế",
                )?;
            }
        }
        Ok(())
    }
}
