//! The plots of ordinary deals: a call back, the stages one by one (a quote
//! that grows, a closing call), then won, lost (sometimes reopened) or
//! stalled.

use super::catalog::{self, LOST, LOST_B2B};
use super::{Sales, Step, SALES_TEAM};
use crate::care::B2B_TEAM;
use crate::shop::left_alone;
use chrono::{DateTime, Duration, Utc};
use clientcare::{
    AgentId, CancelFollowUp, Channel, Command, CompleteFollowUp, CustomerId, FollowUpId,
    FollowUpKind, FollowUpLinks, FollowUpStatus, Meta, MoveOpportunity, OpportunityId,
    PurchaseItem, ScheduleFollowUp, SnoozeFollowUp, StageKind, UpdateOpportunity, WonPurchase,
    Workspace,
};
use clientcare_bench::Rng;
use std::collections::VecDeque;

/// A step of a deal's plot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Phase {
    /// The owner schedules a call (a follow-up linked to the deal).
    Call(&'static str),
    /// The call is made (or snoozed, or made pointless by a visit).
    CallDone,
    /// The deal moves to the next open stage.
    Advance,
    /// The customer adds an item to the quote: the value changes.
    AddItem,
    /// Won: the purchase is recorded with the basket's lines.
    Win,
    /// Lost, with a reason from the pipeline's list.
    Lose(&'static str),
    /// The customer comes back after a loss: the deal is reopened.
    Reopen,
}

/// A deal the desk follows.
#[derive(Debug, Clone)]
pub(super) struct Deal {
    pub id: OpportunityId,
    pub customer: CustomerId,
    pub owner: AgentId,
    /// The open stages of its pipeline, in order.
    pub stages: Vec<String>,
    /// Index of its current open stage.
    pub at_stage: usize,
    pub items: Vec<PurchaseItem>,
    pub company: bool,
    /// The call currently planned.
    pub call: Option<FollowUpId>,
    pub plan: VecDeque<Phase>,
}

/// Draws a deal's plot over `stages` open stages. The first lost deal
/// drawn (`reopen_planned` still false) comes back and is won.
pub(super) fn plot(
    rng: &mut Rng,
    stages: usize,
    company: bool,
    reopen_planned: &mut bool,
) -> Vec<Phase> {
    let last = stages.saturating_sub(1);
    let outcome = *rng.weighted(&[(0u8, 45), (1, 35), (2, 20)]);
    let reached = match outcome {
        0 => last,
        1 => 1 + rng.index(last.max(1)),
        _ => rng.index(last + 1),
    }
    .min(last);
    let mut plan = vec![Phase::Call("Gọi lại tư vấn"), Phase::CallDone];
    for s in 1..=reached {
        if s + 1 == last && !company && rng.chance(0.35) {
            plan.push(Phase::AddItem);
        }
        if s == last {
            plan.push(Phase::Call("Gọi chốt báo giá"));
            plan.push(Phase::CallDone);
        }
        plan.push(Phase::Advance);
    }
    match outcome {
        0 => plan.push(Phase::Win),
        1 => {
            let reason = *rng.weighted(if company { LOST_B2B } else { LOST });
            plan.push(Phase::Lose(reason));
            if !*reopen_planned || rng.chance(0.05) {
                *reopen_planned = true;
                plan.push(Phase::Reopen);
                plan.push(Phase::Win);
            }
        }
        _ => {}
    }
    plan
}

/// What the agent writes after a call.
const CALL_OUTCOMES: &[&str] = &[
    "Đã tư vấn, khách quan tâm và hẹn ghé xem mẫu",
    "Đã gửi báo giá qua Zalo",
    "Khách cần bàn thêm với gia đình",
    "Khách hỏi thêm về bảo hành và giao hàng",
];

impl Sales {
    fn lost_note(reason: &str) -> &'static str {
        match reason {
            "price" => "Khách thấy giá cao hơn dự kiến",
            "competitor" => "Khách đã mua ở cửa hàng khác",
            "timing" => "Khách hoãn đến sau Tết",
            "no_budget" | "project_cancelled" => "Khách chưa có ngân sách",
            "no_need" => "Khách không còn nhu cầu",
            _ => "Gọi nhiều lần không liên lạc được",
        }
    }

    /// The first stage of `kind` in the pipeline of deal `id`.
    fn closing_stage(
        ws: &Workspace,
        id: OpportunityId,
        kind: StageKind,
    ) -> clientcare::Result<String> {
        let pipeline = ws.pipeline(&ws.opportunity(id)?.pipeline)?;
        Ok(pipeline
            .stages
            .iter()
            .find(|s| s.kind == kind)
            .map_or_else(|| kind.as_str().to_owned(), |s| s.key.clone()))
    }

    /// Does `phase` of deal `ix` at `at`. Returns when it ended, or `None`
    /// when the deal or its customer is no longer in a state for it.
    pub(super) fn deal_step(
        &mut self,
        ws: &mut Workspace,
        at: DateTime<Utc>,
        ix: usize,
        phase: Phase,
    ) -> clientcare::Result<Option<DateTime<Utc>>> {
        let d = self.deals[ix].clone();
        let status = ws.opportunity(d.id)?.status;
        let wanted = match phase {
            Phase::Reopen => status == StageKind::Lost,
            _ => status == StageKind::Open,
        };
        if !wanted || left_alone(ws.customer(d.customer)?) {
            self.deals[ix].plan.clear();
            return Ok(None);
        }
        let by = Meta::agent(at, d.owner);
        let mv = |stage: &str, lost_reason: Option<&str>, note: Option<&str>| {
            Command::MoveOpportunity(MoveOpportunity {
                opportunity: d.id,
                stage: stage.to_owned(),
                lost_reason: lost_reason.map(str::to_owned),
                note: note.map(str::to_owned),
                purchase: None,
            })
        };
        match phase {
            Phase::Call(subject) => {
                let due = self.business(ws, at, 60, 300)?;
                let cmd = ScheduleFollowUp {
                    customer: Some(d.customer),
                    assignee: Some(d.owner),
                    team: Some(if d.company { B2B_TEAM } else { SALES_TEAM }.into()),
                    links: FollowUpLinks {
                        opportunity: Some(d.id),
                        ..FollowUpLinks::default()
                    },
                    ..ScheduleFollowUp::new(subject, FollowUpKind::Call, due)
                };
                self.deals[ix].call = Some(ws.schedule_follow_up(by, cmd)?);
            }
            Phase::CallDone => {
                let Some(call) = d.call else {
                    return Ok(Some(at));
                };
                let f = ws.follow_up(call)?;
                if f.status != FollowUpStatus::Open {
                    return Ok(Some(at));
                }
                match *self.rng.weighted(&[(0u8, 78), (1, 13), (2, 9)]) {
                    // The customer asks to be called another day.
                    1 if f.snoozed == 0 => {
                        let until = self.business(ws, at.max(f.due_at), 240, 600)?;
                        ws.execute(
                            by,
                            Command::SnoozeFollowUp(SnoozeFollowUp {
                                follow_up: call,
                                until,
                            }),
                        )?;
                        self.deals[ix].plan.push_front(Phase::CallDone);
                    }
                    2 => ws
                        .execute(
                            by,
                            Command::CancelFollowUp(CancelFollowUp {
                                follow_up: call,
                                reason: "Khách tự ghé cửa hàng, không cần gọi".into(),
                                skip_only: false,
                            }),
                        )
                        .map(|_| ())?,
                    _ => {
                        let outcome = *self.rng.pick(CALL_OUTCOMES);
                        ws.execute(
                            by,
                            Command::CompleteFollowUp(CompleteFollowUp {
                                follow_up: call,
                                outcome: Some(outcome.into()),
                            }),
                        )?;
                    }
                }
            }
            Phase::Advance => {
                let next = (d.at_stage + 1).min(d.stages.len().saturating_sub(1));
                if next == d.at_stage {
                    return Ok(Some(at));
                }
                ws.execute(by, mv(&d.stages[next], None, None))?;
                self.deals[ix].at_stage = next;
            }
            Phase::AddItem => {
                if let Some(item) = catalog::extra_item(&mut self.rng, &d.items) {
                    let deal = &mut self.deals[ix];
                    deal.items.push(item);
                    let value = catalog::vnd(catalog::total(&deal.items));
                    let title = catalog::title(&deal.items, deal.company);
                    ws.execute(
                        by,
                        Command::UpdateOpportunity(UpdateOpportunity {
                            opportunity: d.id,
                            title: Some(title),
                            value: Some(value),
                            expected_close: None,
                            owner: None,
                        }),
                    )?;
                }
            }
            Phase::Win => {
                let channel = if d.company {
                    Channel::Email
                } else if self.rng.chance(0.15) {
                    Channel::Web
                } else {
                    Channel::InPerson
                };
                if channel == Channel::InPerson {
                    self.till_consents(ws, by, d.customer, &d.items)?;
                }
                let won = Self::closing_stage(ws, d.id, StageKind::Won)?;
                ws.execute(
                    by,
                    Command::MoveOpportunity(MoveOpportunity {
                        opportunity: d.id,
                        stage: won,
                        lost_reason: None,
                        note: None,
                        purchase: Some(WonPurchase {
                            items: d.items.clone(),
                            description: None,
                            amount: None,
                            channel: Some(channel),
                        }),
                    }),
                )?;
                self.after_sale(ws, at, d.customer, &d.items, Some(d.id))?;
            }
            Phase::Lose(reason) => {
                let lost = Self::closing_stage(ws, d.id, StageKind::Lost)?;
                ws.execute(by, mv(&lost, Some(reason), Some(Self::lost_note(reason))))?;
            }
            Phase::Reopen => {
                let back = d.stages.last().cloned().unwrap_or_default();
                ws.execute(
                    by,
                    mv(
                        &back,
                        None,
                        Some("Khách quay lại: cửa hàng bên kia hết hàng"),
                    ),
                )?;
                self.deals[ix].at_stage = d.stages.len().saturating_sub(1);
            }
        }
        Ok(Some(at))
    }

    /// Schedules the next phase of deal `ix`, after `now`.
    pub(super) fn advance(
        &mut self,
        ws: &Workspace,
        ix: usize,
        now: DateTime<Utc>,
    ) -> clientcare::Result<()> {
        let Some(phase) = self.deals[ix].plan.pop_front() else {
            return Ok(());
        };
        let at = match phase {
            Phase::Call(_) => self.business(ws, now, 5, 60)?,
            Phase::CallDone => {
                let due = self.deals[ix]
                    .call
                    .and_then(|c| ws.follow_up(c).ok())
                    .map_or(now, |f| f.due_at);
                due.max(now) + Duration::minutes(self.rng.range(0, 40) as i64)
            }
            Phase::Advance => self.business(ws, now, 30, 540)?,
            Phase::AddItem => self.business(ws, now, 30, 300)?,
            Phase::Win => self.business(ws, now, 30, 300)?,
            Phase::Lose(_) => self.business(ws, now, 60, 900)?,
            Phase::Reopen => self.business(ws, now, 240, 1080)?,
        };
        self.schedule(at, Step::Deal(ix, phase));
        Ok(())
    }
}
