//! The hand-written complaints: Đức's scratched table (on his customer card)
//! and, on the last Saturday, the voucher he never got; Élodie's evening
//! email from Paris, refunded in euros; An Phát's short delivery on the last
//! Friday, left unanswered while the business-accounts manager is out.
//!
//! The last two are still open when the period ends: one has breached its
//! first response (and `tick` escalated it), the other is at risk.

use super::plot::{Arrival, Phase};
use super::{acknowledgement, Care, Step, B2B_TEAM, CARE_TEAM, TECH_TEAM};
use chrono::{DateTime, Datelike, Duration, Utc, Weekday};
use clientcare::{
    AddCustomerMessage, ChangeComplaintState, Channel, CloseComplaint, Command, Compensation,
    CompensationKind, ComplaintState, CustomerId, EscalateComplaint, Meta, Money, OpenComplaint,
    Priority, ResolveComplaint, RespondToComplaint, Workspace,
};

/// Opens `cmd` as received by the system at `at`, with an automated
/// acknowledgement a minute later.
fn open_with_ack(
    ws: &mut Workspace,
    at: DateTime<Utc>,
    cmd: OpenComplaint,
    ack: &str,
) -> clientcare::Result<clientcare::ComplaintId> {
    let id = ws.open_complaint(Meta::system(at), cmd)?;
    ws.execute(
        Meta::system(at + Duration::minutes(1)),
        acknowledgement(id, ack),
    )?;
    Ok(id)
}

impl Care {
    /// The last day of the period that falls on `weekday` (from 0).
    fn last(&self, weekday: Weekday) -> Option<u32> {
        (0..self.days)
            .rev()
            .find(|d| self.date(*d).weekday() == weekday)
    }

    /// Puts the hand-written complaints on the agenda: Đức's (day 4, and the
    /// last Saturday), Élodie's (day 9) and An Phát's (the last Friday),
    /// when the period is long enough.
    pub fn script_showcase(&mut self, duc: CustomerId, an_phat: CustomerId, elodie: CustomerId) {
        if let Some(at) = self.local(3, 20, 15) {
            self.duc = Some((duc, None));
            self.schedule(at, Step::Duc(0));
        }
        if let Some(at) = self.local(8, 21, 40) {
            let arrival = Arrival {
                customer: elodie,
                channel: Channel::Email,
                network: None,
                category: "billing",
                priority: Priority::Normal,
                plan: vec![
                    Phase::Ack,
                    Phase::First {
                        ask: false,
                        forgotten: false,
                    },
                    Phase::Resolve,
                    Phase::Confirm,
                ],
                twin: None,
                currency: "EUR",
                wording: Some((
                    "Frais de port facturés deux fois",
                    "Bonjour, les frais d'envoi vers Paris ont été débités deux fois sur ma carte.",
                )),
            };
            self.schedule(at, Step::Arrive(Box::new(arrival)));
        }
        let friday = self.last(Weekday::Fri).and_then(|d| self.local(d, 15, 40));
        if let (Some(at), Some(bao)) = (friday, self.staff.b2b.first().copied()) {
            let mut cmd =
                OpenComplaint::new(an_phat, Channel::Email, "Giao thiếu 12 ghế trong đơn sỉ");
            cmd.description =
                Some("Đơn 40 ghế văn phòng chỉ nhận được 28 ghế, cần gấp cho thứ Hai.".into());
            cmd.category = Some("delivery".into());
            cmd.priority = Priority::High;
            cmd.assignee = Some(bao);
            cmd.team = Some(B2B_TEAM.into());
            self.schedule(at, Step::Unanswered(Box::new(cmd)));
        }
    }

    /// A complaint nobody answers before the end of the period.
    pub(super) fn unanswered(
        ws: &mut Workspace,
        at: DateTime<Utc>,
        cmd: OpenComplaint,
    ) -> clientcare::Result<()> {
        open_with_ack(ws, at, cmd, "Cửa hàng đã nhận email và sẽ phản hồi sớm.")?;
        Ok(())
    }

    /// Đức's complaint: the table he bought on Saturday arrives scratched.
    /// He writes on Zalo on Sunday evening (outside business hours: the
    /// clocks start on Monday 08:00); Nam asks for photos, Đức sends them at
    /// lunch time, Nam answers and escalates to technical support; Tâm
    /// replaces the table top the next morning with a voucher; Đức thanks
    /// the shop in the evening and Nam closes the complaint. On the last
    /// Saturday morning he writes again: the voucher never came (a new
    /// complaint that follows the closed one, not answered before the end).
    pub(super) fn duc_step(
        &mut self,
        ws: &mut Workspace,
        at: DateTime<Utc>,
        n: u8,
    ) -> clientcare::Result<()> {
        let Some((duc, opened)) = self.duc else {
            return Ok(());
        };
        let nam = ws.customer(duc)?.owner.or(self.staff.care.first().copied());
        let tam = self.staff.tech.first().copied();
        let (Some(nam), Some(tam)) = (nam, tam) else {
            return Ok(());
        };
        let next: Option<(u32, u32, u32)> = match (n, opened) {
            (0, _) => {
                let mut cmd =
                    OpenComplaint::new(duc, Channel::Social, "Mặt bàn gỗ bị trầy khi giao");
                cmd.description = Some(
                    "Bộ bàn ghế mua hôm thứ Bảy giao tới bị trầy một vệt dài trên mặt bàn.".into(),
                );
                cmd.category = Some("product_quality".into());
                cmd.priority = Priority::High;
                cmd.assignee = Some(nam);
                cmd.team = Some(CARE_TEAM.into());
                cmd.tags = vec!["zalo".into()];
                let ack = "Cảm ơn anh đã nhắn Zalo OA. Cửa hàng sẽ trả lời trong giờ làm việc.";
                let id = open_with_ack(ws, at, cmd, ack)?;
                self.duc = Some((duc, Some(id)));
                Some((4, 8, 20))
            }
            (_, None) => None,
            (1, Some(id)) => {
                let by = Meta::agent(at, nam);
                ws.execute(
                    by,
                    Command::RespondToComplaint(RespondToComplaint::new(
                        id,
                        nam,
                        "Dạ em chào anh Đức, em rất xin lỗi. Anh chụp giúp em vết trầy để kỹ thuật xem ạ.",
                    )),
                )?;
                ws.execute(
                    by,
                    Command::ChangeComplaintState(ChangeComplaintState {
                        complaint: id,
                        to: ComplaintState::WaitingOnCustomer,
                        reason: Some("chờ ảnh vết trầy".into()),
                    }),
                )?;
                Some((4, 12, 40))
            }
            (2, Some(id)) => {
                ws.execute(
                    Meta::system(at),
                    Command::AddCustomerMessage(AddCustomerMessage {
                        complaint: id,
                        channel: None,
                        body: "Anh gửi 3 ảnh vết trầy nhé.".into(),
                        occurred_at: None,
                        interaction: None,
                    }),
                )?;
                Some((4, 13, 50))
            }
            (3, Some(id)) => {
                let by = Meta::agent(at, nam);
                ws.execute(
                    by,
                    Command::RespondToComplaint(RespondToComplaint::new(
                        id,
                        nam,
                        "Dạ em đã chuyển kỹ thuật, sáng mai anh Tâm qua nhà anh thay mặt bàn ạ.",
                    )),
                )?;
                ws.execute(
                    by,
                    Command::EscalateComplaint(EscalateComplaint {
                        complaint: id,
                        level: Some(1),
                        reassign_to: Some(tam),
                        team: Some(TECH_TEAM.into()),
                        reason: "Thay mặt bàn tại nhà khách".into(),
                    }),
                )?;
                Some((5, 10, 30))
            }
            (4, Some(id)) => {
                ws.execute(
                    Meta::agent(at, tam),
                    Command::ResolveComplaint(ResolveComplaint {
                        complaint: id,
                        category: "replaced".into(),
                        note: Some("Thay mặt bàn mới tại nhà khách.".into()),
                        compensation: vec![
                            Compensation {
                                kind: CompensationKind::Replacement,
                                value: Money::new(4_500_000, "VND")?,
                                note: Some("mặt bàn gỗ mới".into()),
                            },
                            Compensation {
                                kind: CompensationKind::Voucher,
                                value: Money::new(500_000, "VND")?,
                                note: Some("phiếu mua hàng xin lỗi".into()),
                            },
                        ],
                    }),
                )?;
                Some((5, 19, 5))
            }
            (5, Some(id)) => {
                ws.execute(
                    Meta::system(at),
                    Command::AddCustomerMessage(AddCustomerMessage {
                        complaint: id,
                        channel: None,
                        body: "Mặt bàn mới đẹp lắm, cảm ơn shop!".into(),
                        occurred_at: None,
                        interaction: None,
                    }),
                )?;
                Some((6, 8, 10))
            }
            (6, Some(id)) => {
                ws.execute(
                    Meta::agent(at, nam),
                    Command::CloseComplaint(CloseComplaint { complaint: id }),
                )?;
                self.last(Weekday::Sat)
                    .filter(|d| *d > 6)
                    .map(|d| (d, 8, 20))
            }
            (_, Some(first)) => {
                let mut cmd =
                    OpenComplaint::new(duc, Channel::Social, "Chưa nhận được phiếu mua hàng");
                cmd.description =
                    Some("Phiếu mua hàng 500.000đ hứa tặng vẫn chưa thấy gửi qua Zalo.".into());
                cmd.category = Some("service".into());
                cmd.assignee = Some(nam);
                cmd.team = Some(CARE_TEAM.into());
                cmd.tags = vec!["zalo".into()];
                cmd.follows = Some(first);
                let ack = "Cảm ơn anh đã nhắn Zalo OA. Cửa hàng sẽ trả lời trong giờ làm việc.";
                open_with_ack(ws, at, cmd, ack)?;
                None
            }
        };
        if let Some((day, hour, minute)) = next {
            if let Some(t) = self.local(day, hour, minute) {
                self.schedule(t, Step::Duc(n + 1));
            }
        }
        Ok(())
    }
}
