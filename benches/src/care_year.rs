//! A year of customer care for the KPI benchmarks: complaints (responses,
//! some recorded late; automated acknowledgements and internal notes that do
//! not count; waits on the customer, reassignments, escalations,
//! resolutions, reopens, closes, cancellations) across channels, categories,
//! priorities, agents and teams; CSAT sent on resolution to customers who
//! consent to feedback on the complaint's channel, NPS, CES and a custom
//! post-visit survey (some answered late, some answers recorded late); sales
//! opportunities won and lost, purchases (with 90 days of history before the
//! year), follow-ups and referrals, so that every KPI has data.
//!
//! Customers come in bulk: one import at the start of the year, then daily
//! batches of sign-ups. Everything else runs as commands in time order with
//! explicit `at` values. Activity started in the year may end after it
//! (answers, resolutions and closes of the last weeks), as in a live system.
//!
//! About 5.1 events per complaint in all (4.2 of them on the complaint
//! itself): 1,000,000 complaints give about 5.1 million events.

use crate::calendar::{self, business_time, TZ};
use crate::complaints::configure_sla;
use crate::customers::CustomerGen;
use crate::rng::Rng;
use crate::scenario::{BuildError, TEAMS};
use chrono::{DateTime, Duration, Utc};
use clientcare::{
    AddCustomerMessage, AgentId, AnswerSurvey, AnswerValue, AssignComplaint, CancelComplaint,
    CancelFollowUp, CancelReason, ChangeComplaintState, Channel, CloseComplaint, Command,
    Compensation, CompensationKind, ComplaintId, ComplaintState, CompleteFollowUp,
    ConfigureFeedback, CustomerId, EntityRef, EscalateComplaint, FollowUpId, FollowUpKind, Meta,
    Money, MoveOpportunity, OpenComplaint, OpenOpportunity, OpportunityId, Priority, Purpose,
    Question, RecordConsent, RecordPurchase, RecordReferral, RegisterAgent, RegisterCustomer,
    ReopenComplaint, ResolveComplaint, RespondToComplaint, ScheduleFollowUp, SendSurvey, Source,
    SurveyId, SurveyKind, SurveyLink, SurveyTemplate, WonPurchase, Workspace,
};
use std::collections::BTreeMap;

/// What to build.
#[derive(Debug, Clone, PartialEq)]
pub struct CareYearSpec {
    /// Seed of all generated data and of the workspace's id source.
    pub seed: u64,
    /// Complaints received over the year.
    pub complaints: usize,
    /// Start of the year (local midnight in Hồ Chí Minh City).
    pub start: DateTime<Utc>,
    /// Length of the year in days.
    pub days: u32,
}

impl CareYearSpec {
    /// `complaints` complaints over the year from 2026-03-01 (Hồ Chí Minh
    /// City time), so that Tết 2027 falls inside it.
    #[must_use]
    pub fn new(complaints: usize, seed: u64) -> Self {
        Self {
            seed,
            complaints,
            start: calendar::local(2026, 3, 1, 0, 0).unwrap_or_default(),
            days: 365,
        }
    }

    /// The end of the year (excluded).
    #[must_use]
    pub fn end(&self) -> DateTime<Utc> {
        self.start + Duration::days(i64::from(self.days.max(1)))
    }

    /// How many customers: one per five complaints.
    #[must_use]
    pub fn customers(&self) -> usize {
        (self.complaints / 5).max(50)
    }

    /// How many agents: one per 5,000 complaints, 8 to 200.
    #[must_use]
    pub fn agents(&self) -> usize {
        (self.complaints / 5000).clamp(8, 200)
    }
}

/// A built year and the handles a benchmark needs.
#[derive(Debug)]
pub struct CareYear {
    /// The workspace.
    pub workspace: Workspace,
    /// Agents, in registration order.
    pub agents: Vec<AgentId>,
    /// Customers, in registration order.
    pub customers: Vec<CustomerId>,
    /// Complaints opened.
    pub complaints: usize,
    /// Start of the year.
    pub start: DateTime<Utc>,
    /// End of the year (excluded).
    pub end: DateTime<Utc>,
    /// Planned surveys not sent because the customer had withdrawn consent
    /// on the channel by then, and answers to surveys that were not sent.
    pub skipped: usize,
}

/// Complaint channels and their shares.
const COMPLAINT_CHANNELS: &[(Channel, u32)] = &[
    (Channel::Phone, 25),
    (Channel::Email, 20),
    (Channel::LiveChat, 18),
    (Channel::Social, 22),
    (Channel::InPerson, 8),
    (Channel::Web, 7),
];

/// Channels customers grant feedback consent on.
const FEEDBACK_CHANNELS: &[(Channel, u32)] = &[
    (Channel::Email, 30),
    (Channel::Phone, 20),
    (Channel::LiveChat, 15),
    (Channel::Social, 25),
    (Channel::Sms, 10),
];

const CATEGORIES: &[(&str, u32)] = &[
    ("delivery", 30),
    ("billing", 15),
    ("product_quality", 20),
    ("service", 15),
    ("returns", 10),
    ("warranty", 5),
    ("", 5),
];

const PRIORITIES: &[(Priority, u32)] = &[
    (Priority::Low, 15),
    (Priority::Normal, 62),
    (Priority::High, 17),
    (Priority::Urgent, 6),
];

const SUBJECTS: &[&str] = &[
    "Đơn hàng giao trễ",
    "Sản phẩm bị lỗi",
    "Bị trừ tiền hai lần",
    "Nhân viên thái độ chưa tốt",
    "Muốn đổi size",
    "Bảo hành chưa được xử lý",
    "Giao thiếu hàng",
    "Late delivery of order",
];

const RESOLUTIONS: &[&str] = &["refund", "replacement", "explained", "voucher", "repaired"];

const LOST_REASONS: &[&str] = &[
    "price",
    "competitor",
    "no_budget",
    "no_need",
    "timing",
    "no_response",
];

/// Open stages of the built-in pipeline after the first one.
const STAGES: &[&str] = &["contacted", "qualified", "proposal", "negotiation"];

const PURCHASE_CHANNELS: &[(Channel, u32)] = &[
    (Channel::InPerson, 40),
    (Channel::Web, 25),
    (Channel::Social, 20),
    (Channel::Phone, 15),
];

const CSAT_SCORES: &[(i64, u32)] = &[(1, 5), (2, 7), (3, 15), (4, 35), (5, 38)];
const NPS_SCORES: &[(i64, u32)] = &[
    (0, 2),
    (1, 1),
    (2, 1),
    (3, 2),
    (4, 2),
    (5, 4),
    (6, 6),
    (7, 12),
    (8, 18),
    (9, 24),
    (10, 28),
];
const CES_SCORES: &[(i64, u32)] = &[(1, 3), (2, 5), (3, 8), (4, 14), (5, 25), (6, 27), (7, 18)];

/// The custom survey sent after in-store purchases (its scale feeds CSAT).
pub const POST_VISIT: &str = "post-visit";

const MIN: i64 = 60;
const HOUR: i64 = 3600;
const DAY: i64 = 86_400;

/// One planned command. Times are Unix seconds.
#[derive(Debug, Clone, Copy)]
struct Step {
    at: i64,
    order: u32,
    act: Act,
}

#[derive(Debug, Clone, Copy)]
enum Act {
    Signups(u32),
    Consent {
        customer: u32,
        channel: u8,
        granted: bool,
    },
    Open(u32),
    Ack(u32),
    /// A public agent response written `back` seconds before it is recorded.
    Respond {
        c: u32,
        back: u32,
    },
    Note(u32),
    CustomerMessage(u32),
    InProgress(u32),
    Wait(u32),
    Reassign(u32),
    Escalate {
        c: u32,
        level: u8,
    },
    Resolve(u32),
    Reopen(u32),
    Close(u32),
    Cancel(u32),
    /// Answers the complaint's pending CSAT survey (if one was sent).
    AnswerCsat {
        c: u32,
        back: u32,
    },
    /// Sends survey `slot` (kind and target in `surveys`).
    SendSurvey(u32),
    AnswerSurvey {
        slot: u32,
        back: u32,
    },
    OpenOpportunity(u32),
    MoveOpportunity {
        opp: u32,
        stage: u8,
    },
    WinOpportunity(u32),
    LoseOpportunity(u32),
    Purchase {
        customer: u32,
        back: u32,
    },
    Schedule(u32),
    Complete(u32),
    CancelFollowUp(u32),
    Referral {
        referrer: u32,
        referred: u32,
    },
}

#[derive(Debug, Clone, Copy)]
struct ComplaintPlan {
    received: i64,
    customer: u32,
    agent: u32,
    channel: u8,
    priority: u8,
    category: u8,
}

#[derive(Debug, Clone, Copy)]
enum SurveyTarget {
    /// A relational NPS survey.
    Nps,
    /// CES about a complaint.
    Ces(u32),
    /// The custom post-visit survey.
    PostVisit,
}

#[derive(Debug, Clone, Copy)]
struct SurveyPlan {
    customer: u32,
    channel: u8,
    target: SurveyTarget,
}

#[derive(Debug, Clone, Copy)]
struct OppPlan {
    customer: u32,
    owner: u32,
    channel: u8,
    amount: i64,
    expected_close_days: u16,
    stage: u8,
}

#[derive(Debug, Clone, Copy)]
struct FollowUpPlan {
    customer: u32,
    agent: u32,
    due: i64,
    priority: u8,
    kind: u8,
}

fn ts(s: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(s, 0).unwrap_or_default()
}

/// A duration in `[lo, hi]` seconds, uniform in log scale (long tails).
fn log_uniform(rng: &mut Rng, lo: i64, hi: i64) -> i64 {
    let (a, b) = ((lo.max(1)) as f64, (hi.max(lo + 1)) as f64);
    (a.ln() + rng.unit() * (b.ln() - a.ln())).exp().round() as i64
}

fn uniform(rng: &mut Rng, lo: i64, hi: i64) -> i64 {
    lo + rng.below((hi - lo).max(0) as u64 + 1) as i64
}

fn err(step: &'static str, error: clientcare::Error) -> BuildError {
    BuildError {
        step,
        error: Box::new(error),
    }
}

fn ctx<T>(step: &'static str, r: clientcare::Result<T>) -> Result<T, BuildError> {
    r.map_err(|e| err(step, e))
}

struct Planner {
    steps: Vec<Step>,
    order: u32,
}

impl Planner {
    fn push(&mut self, at: i64, act: Act) {
        self.steps.push(Step {
            at,
            order: self.order,
            act,
        });
        self.order = self.order.wrapping_add(1);
    }
}

/// Builds the year described by `spec`.
///
/// # Errors
/// [`BuildError`] if the workspace refuses a generated command (a bug of the
/// generator or of the core).
// Indices run over several parallel tables (rows, times, consents).
#[allow(clippy::too_many_lines, clippy::needless_range_loop)]
pub fn build_care_year(spec: &CareYearSpec) -> Result<CareYear, BuildError> {
    let mut rng = Rng::new(spec.seed ^ 0xCA4E);
    let start = spec.start.timestamp();
    let end = spec.end().timestamp();
    let days = i64::from(spec.days.max(1));
    let n_customers = spec.customers();
    let n_import = n_customers * 85 / 100;
    let n_agents = spec.agents();
    let mut p = Planner {
        steps: Vec::with_capacity(spec.complaints * 9 / 2 + n_customers * 2),
        order: 0,
    };

    // ---- customers: rows, registration times, feedback consents ----
    let mut gen = CustomerGen::new(spec.seed).shared_share(0.0);
    let mut rows: Vec<Option<RegisterCustomer>> = Vec::with_capacity(n_customers);
    let mut reg_at: Vec<i64> = Vec::with_capacity(n_customers);
    let mut batches: BTreeMap<i64, Vec<u32>> = BTreeMap::new();
    // Feedback channels each customer grants (bit per FEEDBACK_CHANNELS index).
    let mut consents: Vec<u8> = vec![0; n_customers];
    let mut history_ok: Vec<bool> = Vec::with_capacity(n_customers);
    for i in 0..n_customers {
        let row = gen.next_customer().row;
        history_ok.push(matches!(
            row.lifecycle,
            Some(clientcare::Lifecycle::Customer | clientcare::Lifecycle::Loyal)
        ));
        rows.push(Some(row));
        let at = if i < n_import {
            start
        } else {
            let day = rng.below((days * 9 / 10) as u64) as i64;
            let at = start + day * DAY + 9 * HOUR;
            batches.entry(day).or_default().push(i as u32);
            at
        };
        reg_at.push(at);
        if rng.chance(0.45) {
            let k = if rng.chance(0.35) { 2 } else { 1 };
            for _ in 0..k {
                let ch = FEEDBACK_CHANNELS
                    .iter()
                    .position(|c| c.0 == *rng.weighted(FEEDBACK_CHANNELS))
                    .unwrap_or(0);
                if consents[i] & (1 << ch) == 0 {
                    consents[i] |= 1 << ch;
                    let t = at + uniform(&mut rng, MIN, 2 * HOUR);
                    p.push(
                        t,
                        Act::Consent {
                            customer: i as u32,
                            channel: ch as u8,
                            granted: true,
                        },
                    );
                    if rng.chance(0.03) {
                        let w = business_time(&mut rng, ts(t + DAY), ts(end)).timestamp();
                        p.push(
                            w,
                            Act::Consent {
                                customer: i as u32,
                                channel: ch as u8,
                                granted: false,
                            },
                        );
                    }
                }
            }
        }
    }
    let batch_days: Vec<(i64, Vec<u32>)> = batches.into_iter().collect();
    for (b, (day, _)) in batch_days.iter().enumerate() {
        p.push(start + day * DAY + 9 * HOUR, Act::Signups(b as u32));
    }
    let n_signup = n_customers - n_import;
    let top = (n_import / 20).max(1);
    // A customer registered an hour before `at`: some regulars complain and
    // buy far more than others.
    let pick_customer = |rng: &mut Rng, at: i64| -> u32 {
        if n_signup > 0 && rng.chance(0.15) {
            let i = n_import + rng.index(n_signup);
            if reg_at[i] + HOUR <= at {
                return i as u32;
            }
        }
        if rng.chance(0.3) {
            rng.index(top) as u32
        } else {
            rng.index(n_import.max(1)) as u32
        }
    };
    let care_agents: Vec<u32> = (0..n_agents as u32)
        .filter(|i| i % 4 == 1 || i % 4 == 2)
        .collect();
    let sales_agents: Vec<u32> = (0..n_agents as u32)
        .filter(|i| i % 4 == 0 || i % 4 == 3)
        .collect();

    // ---- complaints ----
    let mut complaints: Vec<ComplaintPlan> = Vec::with_capacity(spec.complaints);
    let mut surveys: Vec<SurveyPlan> = Vec::new();
    let consent_on = |customer: u32, channel: Channel| -> Option<u8> {
        FEEDBACK_CHANNELS
            .iter()
            .position(|c| c.0 == channel)
            .filter(|&k| consents[customer as usize] & (1 << k) != 0)
            .map(|k| k as u8)
    };
    for ci in 0..spec.complaints {
        let c = ci as u32;
        let received = business_time(&mut rng, ts(start), ts(end - HOUR)).timestamp();
        let customer = pick_customer(&mut rng, received);
        let channel = *rng.weighted(COMPLAINT_CHANNELS);
        let priority = *rng.weighted(PRIORITIES);
        let category = rng
            .weighted(
                &CATEGORIES
                    .iter()
                    .enumerate()
                    .map(|(i, (_, w))| (i as u8, *w))
                    .collect::<Vec<_>>(),
            )
            .to_owned();
        let agent = care_agents[rng.index(care_agents.len())];
        complaints.push(ComplaintPlan {
            received,
            customer,
            agent,
            channel: Channel::ALL.iter().position(|x| *x == channel).unwrap_or(0) as u8,
            priority: PRIORITIES.iter().position(|x| x.0 == priority).unwrap_or(1) as u8,
            category,
        });
        let factor = match priority {
            Priority::Urgent => 0.15,
            Priority::High => 0.4,
            Priority::Normal => 1.0,
            _ => 1.6,
        };
        // Recorded when received, or later (an email read the next morning).
        let opened = if rng.chance(0.08) {
            received + log_uniform(&mut rng, 5 * MIN, 16 * HOUR)
        } else {
            received
        };
        p.push(opened, Act::Open(c));
        if matches!(channel, Channel::Email | Channel::Web) && rng.chance(0.1) {
            p.push(opened + 30, Act::Ack(c));
        }
        let mut last = opened;
        if rng.chance(0.03) {
            // Spam, a duplicate or withdrawn: maybe one reply, then cancelled.
            if rng.chance(0.4) {
                last += log_uniform(&mut rng, MIN, 4 * HOUR);
                p.push(last, Act::Respond { c, back: 0 });
            }
            p.push(last + log_uniform(&mut rng, 10 * MIN, DAY), Act::Cancel(c));
            continue;
        }
        let responded = rng.chance(0.9);
        // The latest instant a response is recorded at (closes come after it).
        let mut recorded_until = opened;
        if responded {
            let base = if rng.chance(0.12) {
                log_uniform(&mut rng, 8 * HOUR, 4 * DAY)
            } else {
                log_uniform(&mut rng, MIN, 8 * HOUR)
            };
            let written = received + ((base as f64) * factor).max(30.0) as i64;
            // Some responses (a call, a chat on another tool) are logged later.
            let mut record = if rng.chance(0.15) {
                written + log_uniform(&mut rng, 10 * MIN, 36 * HOUR)
            } else {
                written
            };
            if record <= opened {
                record = opened + MIN;
            }
            p.push(
                record,
                Act::Respond {
                    c,
                    back: (record - written) as u32,
                },
            );
            recorded_until = record;
            last = written.max(opened);
            if rng.chance(0.05) {
                last += uniform(&mut rng, MIN, HOUR);
                p.push(last, Act::InProgress(c));
            }
            if rng.chance(0.03) {
                last += uniform(&mut rng, MIN, 2 * HOUR);
                p.push(last, Act::Note(c));
            }
            if rng.chance(0.03) {
                last += uniform(&mut rng, MIN, 10 * MIN);
                p.push(last, Act::Wait(c));
                last += log_uniform(&mut rng, 30 * MIN, 2 * DAY);
                p.push(last, Act::CustomerMessage(c));
            } else if rng.chance(0.05) {
                last += log_uniform(&mut rng, 10 * MIN, DAY);
                p.push(last, Act::CustomerMessage(c));
            }
            if rng.chance(0.05) {
                last += log_uniform(&mut rng, 30 * MIN, 2 * DAY);
                p.push(last, Act::Respond { c, back: 0 });
            }
        }
        if rng.chance(0.03) {
            last += uniform(&mut rng, MIN, 30 * MIN);
            p.push(last, Act::Reassign(c));
        }
        if rng.chance(0.08) {
            let e = opened + log_uniform(&mut rng, 30 * MIN, 3 * DAY);
            p.push(e, Act::Escalate { c, level: 1 });
            last = last.max(e);
            if rng.chance(0.25) {
                last += log_uniform(&mut rng, HOUR, 2 * DAY);
                p.push(last, Act::Escalate { c, level: 2 });
            }
        }
        let resolves = if responded {
            rng.chance(0.99)
        } else {
            rng.chance(0.8)
        };
        if !resolves {
            continue;
        }
        let mut resolved = if responded {
            last + ((log_uniform(&mut rng, 20 * MIN, 3 * DAY) as f64) * factor.max(0.3)) as i64
        } else {
            // Settled at the counter or on the phone, without a written reply.
            last + log_uniform(&mut rng, 5 * MIN, 2 * HOUR)
        };
        p.push(resolved, Act::Resolve(c));
        let csat_consent = consent_on(customer, channel).is_some();
        let answer_csat = |p: &mut Planner, rng: &mut Rng, resolved: i64| {
            if !csat_consent || !rng.chance(0.5) {
                return;
            }
            let delay = if rng.chance(0.06) {
                uniform(rng, 15 * DAY, 40 * DAY)
            } else {
                log_uniform(rng, 5 * MIN, 7 * DAY)
            };
            let back = if rng.chance(0.2) {
                log_uniform(rng, HOUR, 2 * DAY).min(delay - 1)
            } else {
                0
            };
            p.push(
                resolved + delay,
                Act::AnswerCsat {
                    c,
                    back: back.max(0) as u32,
                },
            );
        };
        answer_csat(&mut p, &mut rng, resolved);
        if rng.chance(0.05) {
            let reopened = resolved + log_uniform(&mut rng, HOUR, 100 * HOUR);
            p.push(reopened, Act::Reopen(c));
            let mut l = reopened;
            if rng.chance(0.6) {
                l += log_uniform(&mut rng, 10 * MIN, 8 * HOUR);
                p.push(l, Act::Respond { c, back: 0 });
            }
            resolved = l + log_uniform(&mut rng, HOUR, 3 * DAY);
            p.push(resolved, Act::Resolve(c));
            answer_csat(&mut p, &mut rng, resolved);
        }
        if csat_consent && rng.chance(0.04) {
            if let Some(ch) = consent_on(customer, channel) {
                let slot = surveys.len() as u32;
                surveys.push(SurveyPlan {
                    customer,
                    channel: ch,
                    target: SurveyTarget::Ces(c),
                });
                p.push(resolved + HOUR, Act::SendSurvey(slot));
                if rng.chance(0.45) {
                    let d = log_uniform(&mut rng, 10 * MIN, 10 * DAY);
                    p.push(resolved + HOUR + d, Act::AnswerSurvey { slot, back: 0 });
                }
            }
        }
        if rng.chance(0.05) {
            let close = resolved.max(recorded_until) + uniform(&mut rng, 3 * DAY, 6 * DAY);
            p.push(close, Act::Close(c));
        }
    }

    // ---- relational NPS: some consenting customers, once in the year ----
    for i in 0..n_customers {
        if consents[i] == 0 || !rng.chance(0.2) {
            continue;
        }
        let ch = (0..FEEDBACK_CHANNELS.len())
            .find(|k| consents[i] & (1 << k) != 0)
            .unwrap_or(0);
        let slot = surveys.len() as u32;
        surveys.push(SurveyPlan {
            customer: i as u32,
            channel: ch as u8,
            target: SurveyTarget::Nps,
        });
        let sent = business_time(&mut rng, ts(reg_at[i] + 3 * HOUR), ts(end - DAY)).timestamp();
        p.push(sent, Act::SendSurvey(slot));
        if rng.chance(0.35) {
            let delay = if rng.chance(0.05) {
                uniform(&mut rng, 15 * DAY, 30 * DAY)
            } else {
                log_uniform(&mut rng, 5 * MIN, 10 * DAY)
            };
            let back = if rng.chance(0.1) { delay / 2 } else { 0 };
            p.push(
                sent + delay,
                Act::AnswerSurvey {
                    slot,
                    back: back as u32,
                },
            );
        }
    }

    // ---- purchases: 90 days of history, the year, the custom survey ----
    let sms = FEEDBACK_CHANNELS
        .iter()
        .position(|c| c.0 == Channel::Sms)
        .unwrap_or(0);
    let mean_purchases = (spec.complaints as f64 / 7.0) / n_customers as f64;
    for i in 0..n_customers {
        if i < n_import && history_ok[i] && rng.chance(0.3) {
            for _ in 0..=rng.below(2) {
                let back = uniform(&mut rng, HOUR, 90 * DAY - HOUR);
                p.push(
                    start + HOUR,
                    Act::Purchase {
                        customer: i as u32,
                        back: (HOUR + back) as u32,
                    },
                );
            }
        }
        for _ in 0..rng.geometric(mean_purchases) {
            let t = business_time(&mut rng, ts(reg_at[i] + HOUR), ts(end)).timestamp();
            let back = if rng.chance(0.1) {
                log_uniform(&mut rng, MIN, DAY)
            } else {
                0
            };
            p.push(
                t + back,
                Act::Purchase {
                    customer: i as u32,
                    back: back as u32,
                },
            );
            if consents[i] & (1 << sms) != 0 && rng.chance(0.15) {
                let slot = surveys.len() as u32;
                surveys.push(SurveyPlan {
                    customer: i as u32,
                    channel: sms as u8,
                    target: SurveyTarget::PostVisit,
                });
                p.push(t + back + 2 * HOUR, Act::SendSurvey(slot));
                if rng.chance(0.4) {
                    let d = log_uniform(&mut rng, 10 * MIN, 5 * DAY);
                    p.push(t + back + 2 * HOUR + d, Act::AnswerSurvey { slot, back: 0 });
                }
            }
        }
    }

    // ---- referrals: a quarter of sign-ups came through a customer ----
    for i in n_import..n_customers {
        if !rng.chance(0.25) || n_import == 0 {
            continue;
        }
        let referrer = rng.index(n_import) as u32;
        p.push(
            reg_at[i] + 10 * MIN,
            Act::Referral {
                referrer,
                referred: i as u32,
            },
        );
        if rng.chance(0.5) {
            let t = reg_at[i] + log_uniform(&mut rng, HOUR, 60 * DAY);
            p.push(
                t,
                Act::Purchase {
                    customer: i as u32,
                    back: 0,
                },
            );
        }
    }

    // ---- opportunities ----
    let n_opps = spec.complaints / 30;
    let mut opps: Vec<OppPlan> = Vec::with_capacity(n_opps);
    for oi in 0..n_opps {
        let o = oi as u32;
        let created = business_time(&mut rng, ts(start), ts(end - 20 * DAY)).timestamp();
        let customer = pick_customer(&mut rng, created);
        let amount = log_uniform(&mut rng, 2_000_000, 200_000_000) / 10_000 * 10_000;
        opps.push(OppPlan {
            customer,
            owner: sales_agents[rng.index(sales_agents.len())],
            channel: Channel::ALL
                .iter()
                .position(|c| c == rng.weighted(crate::activity::CHANNELS))
                .unwrap_or(0) as u8,
            amount,
            expected_close_days: uniform(&mut rng, 14, 90) as u16,
            stage: 0,
        });
        p.push(created, Act::OpenOpportunity(o));
        let mut t = created;
        let mut stage = 0usize;
        while stage < STAGES.len() && rng.chance(if stage == 0 { 0.6 } else { 0.5 }) {
            t += log_uniform(&mut rng, DAY, 14 * DAY);
            p.push(
                t,
                Act::MoveOpportunity {
                    opp: o,
                    stage: stage as u8,
                },
            );
            stage += 1;
        }
        let close = t + log_uniform(&mut rng, DAY, 30 * DAY);
        let r = rng.unit();
        if r < 0.35 + 0.1 * stage as f64 {
            p.push(close, Act::WinOpportunity(o));
        } else if r < 0.8 {
            p.push(close, Act::LoseOpportunity(o));
        }
    }

    // ---- follow-ups ----
    let n_fu = spec.complaints / 30;
    let mut fus: Vec<FollowUpPlan> = Vec::with_capacity(n_fu);
    for fi in 0..n_fu {
        let f = fi as u32;
        let sched = business_time(&mut rng, ts(start), ts(end - 5 * DAY)).timestamp();
        let due = sched + log_uniform(&mut rng, 2 * HOUR, 10 * DAY);
        let agent = rng.index(n_agents) as u32;
        fus.push(FollowUpPlan {
            customer: pick_customer(&mut rng, sched),
            agent,
            due,
            priority: rng.below(4) as u8,
            kind: rng.below(4) as u8,
        });
        p.push(sched, Act::Schedule(f));
        let r = rng.unit();
        if r < 0.75 {
            let span = (due - sched) as f64;
            let done = sched + (span * (0.3 + 1.3 * rng.unit())) as i64 + 1;
            p.push(done, Act::Complete(f));
        } else if r < 0.8 {
            p.push(sched + (due - sched) / 2 + 1, Act::CancelFollowUp(f));
        }
    }

    p.steps
        .sort_by(|a, b| a.at.cmp(&b.at).then(a.order.cmp(&b.order)));

    // ---- run ----
    let mut ws = Workspace::with_seed(spec.seed);
    let t0 = Meta::system(ts(start - DAY));
    ctx("configure", ws.configure(t0, Some("VN")))?;
    ctx("configure sla", configure_sla(&mut ws, t0.at))?;
    ctx(
        "configure feedback",
        ws.execute(
            t0,
            Command::ConfigureFeedback(ConfigureFeedback {
                csat_on_resolve: Some(true),
                response_days: Some(14),
            }),
        ),
    )?;
    ctx(
        "define survey",
        ws.execute(t0, Command::DefineSurvey(post_visit_template())),
    )?;
    let mut agents = Vec::with_capacity(n_agents);
    for i in 0..n_agents {
        let id = ctx(
            "register agent",
            ws.register_agent(
                t0,
                RegisterAgent {
                    name: format!("Nhân viên {:03}", i + 1),
                    team: Some(TEAMS[i % TEAMS.len()].to_owned()),
                    email: Some(format!("nv{:03}@cskh.example.vn", i + 1)),
                    ..RegisterAgent::default()
                },
            ),
        )?;
        agents.push(id);
    }
    let mut ids: Vec<Option<CustomerId>> = vec![None; n_customers];
    let import: Vec<RegisterCustomer> = rows[..n_import]
        .iter_mut()
        .filter_map(Option::take)
        .collect();
    let outcome = ws.register_customers(Meta::system(ts(start)), import);
    for (i, r) in outcome.rows.into_iter().enumerate() {
        ids[i] = Some(ctx("bulk import", r)?);
    }

    let mut complaint_ids: Vec<Option<ComplaintId>> = vec![None; complaints.len()];
    // The complaint's latest CSAT survey not answered yet, and when it was sent.
    let mut csat: Vec<Option<(SurveyId, i64)>> = vec![None; complaints.len()];
    let mut survey_ids: Vec<Option<SurveyId>> = vec![None; surveys.len()];
    let mut opp_ids: Vec<Option<OpportunityId>> = vec![None; opps.len()];
    let mut fu_ids: Vec<Option<FollowUpId>> = vec![None; fus.len()];
    let mut skipped = 0usize;
    let mut opened = 0usize;
    let vnd = |amount: i64| Money {
        amount_minor: amount,
        currency: "VND".into(),
    };
    let cust = |ids: &[Option<CustomerId>], i: u32| -> Result<CustomerId, BuildError> {
        ids[i as usize].ok_or_else(|| {
            err(
                "customer",
                clientcare::Error::invalid_input("customer", i.to_string(), "not registered yet"),
            )
        })
    };
    let comp = |cids: &[Option<ComplaintId>], c: u32| -> Result<ComplaintId, BuildError> {
        cids[c as usize].ok_or_else(|| {
            err(
                "complaint",
                clientcare::Error::invalid_input("complaint", c.to_string(), "not opened yet"),
            )
        })
    };
    for step in std::mem::take(&mut p.steps) {
        let at = ts(step.at);
        let sys = Meta::system(at);
        match step.act {
            Act::Signups(b) => {
                let (_, members) = &batch_days[b as usize];
                let batch: Vec<RegisterCustomer> = members
                    .iter()
                    .filter_map(|&i| rows[i as usize].take())
                    .collect();
                let outcome = ws.register_customers(sys, batch);
                for (&i, r) in members.iter().zip(outcome.rows) {
                    ids[i as usize] = Some(ctx("sign-ups", r)?);
                }
            }
            Act::Consent {
                customer,
                channel,
                granted,
            } => {
                let cmd = RecordConsent {
                    customer: cust(&ids, customer)?,
                    channel: FEEDBACK_CHANNELS[channel as usize].0,
                    purpose: Purpose::Feedback,
                    granted,
                    source: if granted {
                        "phiếu đăng ký".into()
                    } else {
                        "khách yêu cầu ngừng khảo sát".into()
                    },
                };
                ctx("consent", ws.execute(sys, Command::RecordConsent(cmd)))?;
            }
            Act::Open(c) => {
                let plan = complaints[c as usize];
                let mut cmd = OpenComplaint::new(
                    cust(&ids, plan.customer)?,
                    Channel::ALL[plan.channel as usize],
                    SUBJECTS[c as usize % SUBJECTS.len()],
                );
                cmd.priority = PRIORITIES[plan.priority as usize].0;
                let category = CATEGORIES[plan.category as usize].0;
                cmd.category = (!category.is_empty()).then(|| category.to_owned());
                cmd.assignee = (c % 33 != 0).then(|| agents[plan.agent as usize]);
                cmd.received_at = Some(ts(plan.received));
                complaint_ids[c as usize] =
                    Some(ctx("open complaint", ws.open_complaint(sys, cmd))?);
                opened += 1;
            }
            Act::Ack(c) => {
                let cmd = RespondToComplaint::automated(
                    comp(&complaint_ids, c)?,
                    "Cảm ơn anh/chị, chúng tôi đã nhận được phản ánh.",
                );
                ctx(
                    "acknowledge",
                    ws.execute(sys, Command::RespondToComplaint(cmd)),
                )?;
            }
            Act::Respond { c, back } => {
                let agent = agents[complaints[c as usize].agent as usize];
                let mut cmd = RespondToComplaint::new(
                    comp(&complaint_ids, c)?,
                    agent,
                    "Dạ em kiểm tra ngay ạ",
                );
                if back > 0 {
                    cmd.occurred_at = Some(ts(step.at - i64::from(back)));
                }
                ctx(
                    "respond",
                    ws.execute(Meta::agent(at, agent), Command::RespondToComplaint(cmd)),
                )?;
            }
            Act::Note(c) => {
                let agent = agents[complaints[c as usize].agent as usize];
                let mut cmd = RespondToComplaint::new(
                    comp(&complaint_ids, c)?,
                    agent,
                    "Ghi chú nội bộ: đã báo kho kiểm tra",
                );
                cmd.public = false;
                ctx(
                    "internal note",
                    ws.execute(Meta::agent(at, agent), Command::RespondToComplaint(cmd)),
                )?;
            }
            Act::CustomerMessage(c) => {
                let cmd = AddCustomerMessage {
                    complaint: comp(&complaint_ids, c)?,
                    channel: None,
                    body: "Em gửi thêm ảnh sản phẩm ạ".into(),
                    occurred_at: None,
                    interaction: None,
                };
                ctx(
                    "customer message",
                    ws.execute(sys, Command::AddCustomerMessage(cmd)),
                )?;
            }
            Act::InProgress(c) | Act::Wait(c) => {
                let to = if matches!(step.act, Act::Wait(_)) {
                    ComplaintState::WaitingOnCustomer
                } else {
                    ComplaintState::InProgress
                };
                let cmd = ChangeComplaintState {
                    complaint: comp(&complaint_ids, c)?,
                    to,
                    reason: None,
                };
                ctx(
                    "change state",
                    ws.execute(sys, Command::ChangeComplaintState(cmd)),
                )?;
            }
            Act::Reassign(c) => {
                let plan = &mut complaints[c as usize];
                let k = care_agents
                    .iter()
                    .position(|a| *a == plan.agent)
                    .unwrap_or(0);
                plan.agent = care_agents[(k + 1) % care_agents.len()];
                let cmd = AssignComplaint {
                    complaint: comp(&complaint_ids, c)?,
                    assignee: Some(Some(agents[plan.agent as usize])),
                    team: None,
                };
                ctx("reassign", ws.execute(sys, Command::AssignComplaint(cmd)))?;
            }
            Act::Escalate { c, level } => {
                let cmd = EscalateComplaint {
                    complaint: comp(&complaint_ids, c)?,
                    level: Some(level),
                    reassign_to: None,
                    team: (level >= 2).then(|| "Giám sát".to_owned()),
                    reason: if level >= 2 {
                        "khách đòi gặp quản lý".into()
                    } else {
                        "khách phàn nàn lần hai".into()
                    },
                };
                ctx("escalate", ws.execute(sys, Command::EscalateComplaint(cmd)))?;
            }
            Act::Resolve(c) => {
                let id = comp(&complaint_ids, c)?;
                let kind = RESOLUTIONS[(c as usize + step.order as usize) % RESOLUTIONS.len()];
                let compensation = if kind == "voucher" {
                    vec![Compensation {
                        kind: CompensationKind::Voucher,
                        value: vnd(100_000),
                        note: None,
                    }]
                } else {
                    Vec::new()
                };
                let cmd = ResolveComplaint {
                    complaint: id,
                    category: kind.into(),
                    note: None,
                    compensation,
                };
                let agent = agents[complaints[c as usize].agent as usize];
                let out = ctx(
                    "resolve",
                    ws.execute(Meta::agent(at, agent), Command::ResolveComplaint(cmd)),
                )?;
                let first = (out.first_seq - 1) as usize;
                csat[c as usize] =
                    ws.events()[first..first + out.events]
                        .iter()
                        .find_map(|e| match e.entity {
                            EntityRef::Survey(s) => Some((s, step.at)),
                            _ => None,
                        });
            }
            Act::Reopen(c) => {
                let cmd = ReopenComplaint {
                    complaint: comp(&complaint_ids, c)?,
                    reason: Some("khách báo lỗi vẫn còn".into()),
                };
                ctx("reopen", ws.execute(sys, Command::ReopenComplaint(cmd)))?;
            }
            Act::Close(c) => {
                let cmd = CloseComplaint {
                    complaint: comp(&complaint_ids, c)?,
                };
                ctx("close", ws.execute(sys, Command::CloseComplaint(cmd)))?;
            }
            Act::Cancel(c) => {
                let reason = [
                    CancelReason::Spam,
                    CancelReason::Duplicate,
                    CancelReason::Withdrawn,
                ][c as usize % 3];
                let cmd = CancelComplaint {
                    complaint: comp(&complaint_ids, c)?,
                    reason,
                    note: None,
                };
                ctx("cancel", ws.execute(sys, Command::CancelComplaint(cmd)))?;
            }
            Act::AnswerCsat { c, back } => {
                let Some((survey, sent)) = csat[c as usize].take() else {
                    skipped += 1;
                    continue;
                };
                // After a reopen the pending survey may be the later one.
                let answered = (step.at - i64::from(back)).max(sent);
                let cmd = AnswerSurvey {
                    survey,
                    score: Some(*rng.weighted(CSAT_SCORES)),
                    answers: BTreeMap::new(),
                    comment: rng
                        .chance(0.2)
                        .then(|| "Nhân viên hỗ trợ nhiệt tình".into()),
                    answered_at: Some(ts(answered)),
                };
                ctx("answer csat", ws.execute(sys, Command::AnswerSurvey(cmd)))?;
            }
            Act::SendSurvey(slot) => {
                let s = surveys[slot as usize];
                let customer = cust(&ids, s.customer)?;
                let channel = FEEDBACK_CHANNELS[s.channel as usize].0;
                let consents_now = ws
                    .customer(customer)
                    .is_ok_and(|c| c.has_consent(channel, Purpose::Feedback));
                if !consents_now {
                    skipped += 1;
                    continue;
                }
                let (kind, template, link) = match s.target {
                    SurveyTarget::Nps => (SurveyKind::Nps, None, None),
                    SurveyTarget::Ces(c) => (
                        SurveyKind::Ces,
                        None,
                        Some(SurveyLink::Complaint {
                            id: comp(&complaint_ids, c)?,
                        }),
                    ),
                    SurveyTarget::PostVisit => {
                        (SurveyKind::Custom, Some(POST_VISIT.to_owned()), None)
                    }
                };
                let cmd = SendSurvey {
                    id: None,
                    customer,
                    kind,
                    template,
                    channel,
                    link,
                    agent: None,
                    response_days: None,
                };
                let out = ctx("send survey", ws.execute(sys, Command::SendSurvey(cmd)))?;
                if let Some(EntityRef::Survey(id)) = out.created {
                    survey_ids[slot as usize] = Some(id);
                }
            }
            Act::AnswerSurvey { slot, back } => {
                let Some(survey) = survey_ids[slot as usize].take() else {
                    skipped += 1;
                    continue;
                };
                let mut cmd = AnswerSurvey {
                    survey,
                    score: None,
                    answers: BTreeMap::new(),
                    comment: None,
                    answered_at: Some(ts(step.at - i64::from(back))),
                };
                match surveys[slot as usize].target {
                    SurveyTarget::Nps => cmd.score = Some(*rng.weighted(NPS_SCORES)),
                    SurveyTarget::Ces(_) => cmd.score = Some(*rng.weighted(CES_SCORES)),
                    SurveyTarget::PostVisit => {
                        cmd.answers.insert(
                            "overall".into(),
                            AnswerValue::Score(*rng.weighted(CSAT_SCORES)),
                        );
                        let reason = *rng.pick(&["giá", "nhân viên", "sản phẩm", "không gian"]);
                        cmd.answers
                            .insert("reason".into(), AnswerValue::Text(reason.into()));
                    }
                }
                ctx("answer survey", ws.execute(sys, Command::AnswerSurvey(cmd)))?;
            }
            Act::OpenOpportunity(o) => {
                let plan = opps[o as usize];
                let mut cmd = OpenOpportunity::new(
                    cust(&ids, plan.customer)?,
                    "Đơn hàng sỉ đồng phục",
                    vnd(plan.amount),
                );
                cmd.owner = Some(agents[plan.owner as usize]);
                cmd.source = Source {
                    channel: Some(Channel::ALL[plan.channel as usize]),
                    ..Source::default()
                };
                cmd.expected_close = Some(
                    (at + Duration::days(i64::from(plan.expected_close_days)))
                        .with_timezone(&TZ)
                        .date_naive(),
                );
                let id = ctx("open opportunity", ws.open_opportunity(sys, cmd))?;
                opp_ids[o as usize] = Some(id);
            }
            Act::MoveOpportunity { opp, stage } => {
                opps[opp as usize].stage = stage + 1;
                move_opp(
                    &mut ws,
                    &opps,
                    &opp_ids,
                    &agents,
                    opp,
                    at,
                    STAGES[stage as usize],
                    None,
                )?;
            }
            Act::WinOpportunity(o) => {
                move_opp(&mut ws, &opps, &opp_ids, &agents, o, at, "won", None)?;
            }
            Act::LoseOpportunity(o) => {
                let reason = *rng.pick(LOST_REASONS);
                move_opp(
                    &mut ws,
                    &opps,
                    &opp_ids,
                    &agents,
                    o,
                    at,
                    "lost",
                    Some(reason),
                )?;
            }
            Act::Purchase { customer, back } => {
                let amount = log_uniform(&mut rng, 50_000, 5_000_000) / 1000 * 1000;
                let mut cmd = RecordPurchase::new(
                    cust(&ids, customer)?,
                    *rng.weighted(PURCHASE_CHANNELS),
                    "Áo thun, quần jean",
                    vnd(amount),
                );
                cmd.occurred_at = Some(ts(step.at - i64::from(back)));
                ctx("purchase", ws.record_purchase(sys, cmd))?;
            }
            Act::Referral { referrer, referred } => {
                let cmd = RecordReferral {
                    id: None,
                    referrer: cust(&ids, referrer)?,
                    referred: cust(&ids, referred)?,
                    note: None,
                };
                ctx("referral", ws.record_referral(sys, cmd))?;
            }
            Act::Schedule(f) => {
                let plan = fus[f as usize];
                let kind = [
                    FollowUpKind::Call,
                    FollowUpKind::Email,
                    FollowUpKind::Message,
                    FollowUpKind::Visit,
                ][plan.kind as usize % 4];
                let mut cmd = ScheduleFollowUp::new("Gọi lại hỏi thăm khách", kind, ts(plan.due));
                cmd.customer = Some(cust(&ids, plan.customer)?);
                cmd.assignee = Some(agents[plan.agent as usize]);
                cmd.priority = PRIORITIES[plan.priority as usize % 4].0;
                let agent = agents[plan.agent as usize];
                fu_ids[f as usize] = Some(ctx(
                    "schedule follow-up",
                    ws.schedule_follow_up(Meta::agent(at, agent), cmd),
                )?);
            }
            Act::Complete(f) | Act::CancelFollowUp(f) => {
                let Some(id) = fu_ids[f as usize] else {
                    skipped += 1;
                    continue;
                };
                let agent = agents[fus[f as usize].agent as usize];
                let cmd = if matches!(step.act, Act::Complete(_)) {
                    Command::CompleteFollowUp(CompleteFollowUp {
                        follow_up: id,
                        outcome: Some("khách hài lòng".into()),
                    })
                } else {
                    Command::CancelFollowUp(CancelFollowUp {
                        follow_up: id,
                        reason: "khách đã liên hệ lại trước".into(),
                        skip_only: false,
                    })
                };
                ctx("follow-up", ws.execute(Meta::agent(at, agent), cmd))?;
            }
        }
    }
    Ok(CareYear {
        workspace: ws,
        agents,
        customers: ids.into_iter().flatten().collect(),
        complaints: opened,
        start: spec.start,
        end: spec.end(),
        skipped,
    })
}

#[allow(clippy::too_many_arguments)]
fn move_opp(
    ws: &mut Workspace,
    opps: &[OppPlan],
    opp_ids: &[Option<OpportunityId>],
    agents: &[AgentId],
    o: u32,
    at: DateTime<Utc>,
    stage: &str,
    lost_reason: Option<&str>,
) -> Result<(), BuildError> {
    let Some(id) = opp_ids[o as usize] else {
        return Err(err(
            "move opportunity",
            clientcare::Error::invalid_input("opportunity", o.to_string(), "not opened"),
        ));
    };
    let plan = opps[o as usize];
    let cmd = MoveOpportunity {
        opportunity: id,
        stage: stage.to_owned(),
        lost_reason: lost_reason.map(str::to_owned),
        note: None,
        purchase: (stage == "won").then(|| WonPurchase {
            channel: Some(Channel::ALL[plan.channel as usize]),
            ..WonPurchase::default()
        }),
    };
    ctx(
        "move opportunity",
        ws.execute(
            Meta::agent(at, agents[plan.owner as usize]),
            Command::MoveOpportunity(cmd),
        ),
    )
    .map(|_| ())
}

/// The custom survey after an in-store visit: an overall score that feeds
/// CSAT, a reason, a comment.
#[must_use]
pub fn post_visit_template() -> SurveyTemplate {
    SurveyTemplate {
        key: POST_VISIT.into(),
        title: Some("Khảo sát sau khi mua hàng".into()),
        questions: vec![
            Question::scale("overall", "Anh/chị hài lòng thế nào?", 1, 5)
                .measures(SurveyKind::Csat)
                .required(),
            Question::choice(
                "reason",
                "Điều gì quan trọng nhất?",
                &["giá", "nhân viên", "sản phẩm", "không gian"],
            ),
            Question::text("comment", "Góp ý thêm"),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clientcare::{KpiQuery, KPI_NAMES};

    #[test]
    fn every_kpi_has_data_and_the_log_replays() {
        let spec = CareYearSpec::new(4_000, 3);
        let year = build_care_year(&spec).unwrap();
        let ws = &year.workspace;
        assert_eq!(year.complaints, 4_000);
        let n = ws.events().len();
        assert!((14_000..26_000).contains(&n), "{n} events");
        let q = KpiQuery::new(year.start, year.end);
        for name in KPI_NAMES {
            let rows = ws.kpi(name, &q).unwrap();
            assert!(
                rows.iter().any(|r| r.value.is_some() && r.sample_size > 0),
                "{name} has no data: {rows:?}"
            );
        }
        let copy = Workspace::replay(
            ws.events().to_vec(),
            Box::new(clientcare::SeededIds::new(1)),
        )
        .unwrap();
        assert!(copy == *ws);
    }
}
