//! The desk's after-sales work: it reads the log for the follow-ups the core
//! schedules (playbook steps, the kim cương calls of the tier plan) and the
//! referrals that qualify, and plans what the agents do with them: most
//! follow-ups are done after their due time (in business hours), some are
//! snoozed, cancelled or (for a recurring call) skipped this month, a few are
//! forgotten; a qualified referral earns the referrer a voucher.

use super::catalog::vnd;
use super::{Sales, Step};
use crate::shop::left_alone;
use chrono::{DateTime, Utc};
use clientcare::{
    CancelFollowUp, Channel, Command, CompensationKind, CompleteFollowUp, EntityRef, EventPayload,
    FollowUpId, FollowUpStatus, Meta, PlaybookRunId, ReferralId, ReferralStatus, RewardReferral,
    SnoozeFollowUp, StepKind, Workspace,
};

/// The outcome of a delivery.
pub(super) const DELIVERED: &str = "Đã giao và lắp đặt, khách ký nhận";

/// What an agent does with a follow-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Work {
    /// Done, with this outcome.
    Complete(String),
    /// Cancelled, for this reason.
    Cancel(String),
    /// This occurrence of a recurring follow-up is skipped (the next is scheduled).
    Skip(String),
    /// Snoozed to later, then done with this outcome.
    Snooze(String),
}

/// A follow-up the desk found in the log.
struct Found {
    id: FollowUpId,
    due: DateTime<Utc>,
    run: Option<(PlaybookRunId, u32)>,
}

fn done_outcome(kind: StepKind) -> String {
    match kind {
        StepKind::ThankYou => "Đã gửi lời cảm ơn".into(),
        StepKind::Advice => "Đã gửi hướng dẫn bảo quản".into(),
        // Completing the step sends the CSAT survey (the feedback desk
        // follows the answers).
        StepKind::Survey => "Đã gửi khảo sát CSAT qua SMS".into(),
        StepKind::CheckIn => "Khách hài lòng, sản phẩm dùng tốt".into(),
        StepKind::Promotion => "Đã gửi mã ưu đãi 10%".into(),
        StepKind::Gift | StepKind::Visit => "Đã ghé bảo dưỡng và tặng quà".into(),
    }
}

fn cancel_reason(channel: Channel) -> &'static str {
    match channel {
        Channel::Phone | Channel::InPerson => "Gọi ba lần không liên lạc được",
        Channel::Sms => "Khách đã phản hồi qua Zalo, không gửi khảo sát",
        _ => "Khách đã được chăm sóc qua kênh khác",
    }
}

impl Sales {
    /// Reads the log since the last call and plans the work it asks for.
    pub(super) fn watch(&mut self, ws: &Workspace) -> clientcare::Result<()> {
        let events = ws.events();
        let mut found = Vec::new();
        let mut qualified = Vec::new();
        for e in events.get(self.seen..).unwrap_or(&[]) {
            self.now = self.now.max(e.at);
            match (&e.entity, &e.payload) {
                (EntityRef::FollowUp(id), EventPayload::FollowUpScheduled(f)) => {
                    let run = f.links.playbook_run.zip(f.links.playbook_step);
                    if run.is_some() || f.links.tier.is_some() {
                        found.push(Found {
                            id: *id,
                            due: f.due_at,
                            run,
                        });
                    }
                }
                (EntityRef::Referral(id), EventPayload::ReferralQualified { .. }) => {
                    qualified.push(*id);
                }
                _ => {}
            }
        }
        self.seen = events.len();
        for f in found {
            self.plan_work(ws, &f)?;
        }
        for id in qualified {
            let at = self.business(ws, self.now, 60, 540)?;
            self.schedule(at, Step::Reward(id));
        }
        Ok(())
    }

    /// Plans what happens to a playbook step's or a tier plan's follow-up.
    fn plan_work(&mut self, ws: &Workspace, f: &Found) -> clientcare::Result<()> {
        if f.due >= self.end {
            return Ok(());
        }
        let at = self.business(ws, f.due.max(self.now), 10, 180)?;
        if at >= self.end {
            return Ok(());
        }
        let Some((run, index)) = f.run else {
            // A kim cương call: done, skipped this month, or snoozed.
            let w = match *self.rng.weighted(&[(0u8, 75), (1, 15), (2, 10)]) {
                0 => Work::Complete("Khách hài lòng; giới thiệu bộ sưu tập mới".into()),
                1 => Work::Skip("Khách đi công tác, gọi lại kỳ sau".into()),
                _ => Work::Snooze("Đã gọi lại theo hẹn, khách hài lòng".into()),
            };
            self.schedule(at, Step::Work(f.id, w));
            return Ok(());
        };
        let r = ws.playbook_run(run)?;
        let step = ws
            .playbooks()
            .iter()
            .find(|p| p.key == r.playbook)
            .and_then(|p| p.steps.get(index as usize));
        let Some((kind, channel)) = step.map(|s| (s.kind, s.channel)) else {
            return Ok(());
        };
        // An email thank-you after a Zalo one would say it twice.
        let thanked_on_zalo = r
            .steps
            .iter()
            .any(|s| s.index != index && s.kind == StepKind::ThankYou && s.follow_up.is_some());
        let w = if kind == StepKind::ThankYou && channel == Channel::Email && thanked_on_zalo {
            Work::Cancel("Đã cảm ơn qua Zalo, không gửi email trùng".into())
        } else {
            match *self.rng.weighted(&[(0u8, 80), (1, 7), (2, 7), (3, 6)]) {
                0 => Work::Complete(done_outcome(kind)),
                1 => Work::Snooze(done_outcome(kind)),
                2 => Work::Cancel(cancel_reason(channel).into()),
                // Forgotten: still open at the end, overdue on the agenda.
                _ => return Ok(()),
            }
        };
        self.schedule(at, Step::Work(f.id, w));
        Ok(())
    }

    /// Does `w` on follow-up `id` at `at`, when it is still open.
    pub(super) fn work(
        &mut self,
        ws: &mut Workspace,
        at: DateTime<Utc>,
        id: FollowUpId,
        w: Work,
    ) -> clientcare::Result<()> {
        let f = ws.follow_up(id)?;
        if f.status != FollowUpStatus::Open {
            return Ok(());
        }
        let by = match f.assignee.or_else(|| self.staff.care.first().copied()) {
            Some(a) => Meta::agent(at, a),
            None => Meta::system(at),
        };
        let archived = match f.customer {
            Some(c) => left_alone(ws.customer(c)?),
            None => false,
        };
        let due = f.due_at;
        let cmd = match w {
            _ if archived => Command::CancelFollowUp(CancelFollowUp {
                follow_up: id,
                reason: "Khách yêu cầu ngừng liên hệ".into(),
                skip_only: false,
            }),
            Work::Complete(outcome) => Command::CompleteFollowUp(CompleteFollowUp {
                follow_up: id,
                outcome: Some(outcome),
            }),
            Work::Cancel(reason) => Command::CancelFollowUp(CancelFollowUp {
                follow_up: id,
                reason,
                skip_only: false,
            }),
            Work::Skip(reason) => Command::CancelFollowUp(CancelFollowUp {
                follow_up: id,
                reason,
                skip_only: true,
            }),
            Work::Snooze(outcome) => {
                let until = self.business(ws, at.max(due), 240, 900)?;
                if until < self.end {
                    let later = self.business(ws, until, 5, 120)?;
                    self.schedule(later, Step::Work(id, Work::Complete(outcome)));
                }
                Command::SnoozeFollowUp(SnoozeFollowUp {
                    follow_up: id,
                    until,
                })
            }
        };
        ws.execute(by, cmd)?;
        Ok(())
    }

    /// The referrer of a qualified referral gets a voucher.
    pub(super) fn reward(
        &mut self,
        ws: &mut Workspace,
        at: DateTime<Utc>,
        id: ReferralId,
    ) -> clientcare::Result<()> {
        let r = ws.referral(id)?;
        if r.status != ReferralStatus::Qualified {
            return Ok(());
        }
        let owner = ws.customer(r.referrer)?.owner;
        let by = match owner.or_else(|| self.staff.sales.first().copied()) {
            Some(a) => Meta::agent(at, a),
            None => Meta::system(at),
        };
        ws.execute(
            by,
            Command::RewardReferral(RewardReferral {
                referral: id,
                reward: clientcare::Compensation {
                    kind: CompensationKind::Voucher,
                    value: vnd(500_000),
                    note: Some("Voucher cảm ơn đã giới thiệu bạn bè".into()),
                },
            }),
        )?;
        Ok(())
    }
}
