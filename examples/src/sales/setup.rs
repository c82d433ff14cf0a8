//! The shop's sales set-up: loyalty rules and tiers (with a monthly call
//! plan for the top tier), the `b2b` pipeline next to the built-in `sales`
//! one, the 12-month spend carried over from the old till software, and the
//! two after-sales playbooks.

use super::catalog::{vnd, FURNITURE};
use crate::care::{CALENDAR, CARE_TEAM};
use chrono::{DateTime, Duration, NaiveTime, Utc};
use clientcare::{
    Channel, Command, CustomerId, FollowUpKind, LoyaltySettings, Meta, Pipeline, Playbook,
    PlaybookConditions, PlaybookStep, Purpose, RecordPurchase, Recurrence, Stage, StageKind,
    StepKind, TierPlan, TierRule, Workspace,
};
use clientcare_bench::calendar::{local_to_utc, TZ};
use clientcare_bench::Rng;

/// The pipeline of company deals.
pub const B2B_PIPELINE: &str = "b2b";
/// The playbook every purchase starts.
pub const GENERAL_PLAYBOOK: &str = "sau-ban-hang";
/// The playbook of big furniture purchases.
pub const FURNITURE_PLAYBOOK: &str = "noi-that-lon";
/// The sales floor team.
pub const SALES_TEAM: &str = "Bán hàng";
/// The top tier, with its monthly call plan.
pub const TOP_TIER: &str = "kim cương";
/// A purchase worth this much (VND) with furniture starts the big-ticket playbook.
pub const BIG_TICKET: i64 = 15_000_000;
/// What the old till software's import says on each carried-over purchase.
pub const CARRIED_OVER: &str = "Doanh số chuyển từ phần mềm bán hàng cũ";

/// Tiers by 12-month spend in VND, best first (the generator's tier names):
/// kim cương from 50 million (with a call on the first Monday of every
/// month), vàng from 20 million, bạc from 5 million, thành viên from the
/// first purchase.
fn tier_rules() -> clientcare::Result<Vec<TierRule>> {
    let spend = |tier: &str, min: i64| TierRule {
        tier: tier.into(),
        min_spend: Some(vnd(min)),
        min_purchases: None,
        plan: None,
    };
    let monthly = TierPlan {
        subject: "Gọi chăm sóc khách kim cương hằng tháng".into(),
        kind: FollowUpKind::Call,
        rule: Recurrence::parse_rrule("FREQ=MONTHLY;BYDAY=1MO")?,
        time: NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default(),
    };
    Ok(vec![
        TierRule {
            plan: Some(monthly),
            ..spend(TOP_TIER, 50_000_000)
        },
        spend("vàng", 20_000_000),
        spend("bạc", 5_000_000),
        TierRule {
            tier: "thành viên".into(),
            min_spend: None,
            min_purchases: Some(1),
            plan: None,
        },
    ])
}

fn stage(key: &str, name: &str, probability: u8, kind: StageKind, rot: Option<u32>) -> Stage {
    Stage {
        key: key.into(),
        name: Some(name.into()),
        probability,
        kind,
        rot_days: rot,
    }
}

/// Company deals: a site survey, a quote, a contract; quotes go stale in five days.
fn b2b_pipeline() -> Pipeline {
    Pipeline {
        key: B2B_PIPELINE.into(),
        name: Some("Khách hàng doanh nghiệp".into()),
        stages: vec![
            stage("new", "Tiếp nhận yêu cầu", 10, StageKind::Open, Some(7)),
            stage(
                "site_survey",
                "Khảo sát văn phòng",
                25,
                StageKind::Open,
                Some(7),
            ),
            stage("quotation", "Báo giá", 50, StageKind::Open, Some(5)),
            stage(
                "contract",
                "Thương thảo hợp đồng",
                75,
                StageKind::Open,
                Some(5),
            ),
            stage("won", "Ký hợp đồng", 100, StageKind::Won, None),
            stage("lost", "Không thành", 0, StageKind::Lost, None),
        ],
        lost_reasons: [
            "price",
            "competitor",
            "no_budget",
            "project_cancelled",
            "no_response",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect(),
    }
}

/// Loyalty (loyal after three purchases in 365 days; tiers by spend) and the
/// `b2b` pipeline. The `sales` pipeline is the built-in one.
///
/// # Errors
/// What the core reports (nothing for these constants).
pub fn configure(ws: &mut Workspace, at: DateTime<Utc>) -> clientcare::Result<()> {
    ws.execute(
        Meta::system(at),
        Command::ConfigureLoyalty(LoyaltySettings {
            loyal_after_purchases: Some(3),
            tier_rules: tier_rules()?,
            window_days: 365,
        }),
    )?;
    ws.execute(Meta::system(at), Command::DefinePipeline(b2b_pipeline()))?;
    Ok(())
}

/// The spend of the last 365 days that gives `tier` (VND), drawn.
fn spend_for(rng: &mut Rng, tier: &str) -> i64 {
    let (lo, hi) = match tier {
        TOP_TIER => (52_000_000, 85_000_000),
        "vàng" => (21_000_000, 45_000_000),
        "bạc" => (5_500_000, 18_000_000),
        _ => (300_000, 4_000_000),
    };
    (rng.range(lo / 10_000, hi / 10_000) * 10_000) as i64
}

/// The old till software's history of the imported customers who had a
/// tier: one to four purchases each over the last 365 days, adding up to the
/// spend of their tier. Recorded in time order before any playbook exists
/// (no after-sales steps for old purchases); the tier rules give each
/// customer their tier back, and `tick` lowers it when the oldest purchases
/// leave the window during the month.
///
/// # Errors
/// What the core reports (nothing expected).
pub fn carry_over(
    ws: &mut Workspace,
    rng: &mut Rng,
    at: DateTime<Utc>,
    tiered: &[(CustomerId, String)],
) -> clientcare::Result<()> {
    let today = at.with_timezone(&TZ).date_naive();
    for (customer, tier) in tiered {
        let total = spend_for(rng, tier);
        let n = if tier == "thành viên" {
            1 + rng.below(2)
        } else {
            1 + rng.below(4)
        };
        let mut days: Vec<i64> = (0..n).map(|_| rng.range(1, 365) as i64).collect();
        days.sort_unstable_by(|a, b| b.cmp(a));
        let mut left = total;
        for (i, back) in days.iter().enumerate() {
            let amount = if i + 1 == days.len() {
                left
            } else {
                let share = left * rng.range(20, 60) as i64 / 100;
                share / 10_000 * 10_000
            };
            left -= amount;
            let hour = rng.range(9, 20) as u32;
            let Some(when) = (today - Duration::days(*back)).and_hms_opt(hour, 0, 0) else {
                continue;
            };
            let mut cmd =
                RecordPurchase::new(*customer, Channel::InPerson, CARRIED_OVER, vnd(amount));
            cmd.occurred_at = Some(local_to_utc(when));
            ws.record_purchase(Meta::system(at), cmd)?;
        }
    }
    Ok(())
}

fn step(
    kind: StepKind,
    subject: &str,
    offset_days: u32,
    business_days: bool,
    channel: Channel,
    purpose: Purpose,
) -> PlaybookStep {
    PlaybookStep {
        kind,
        subject: subject.into(),
        offset_days,
        business_days,
        channel,
        purpose,
        survey: (kind == StepKind::Survey).then(|| "csat".to_owned()),
    }
}

/// The after-sales playbooks: every purchase (thank-you the same day on Zalo
/// or by email, care advice two business days later, a CSAT survey by SMS
/// after a week, a promotion by email after 30 days), and big furniture
/// purchases (a check-in call after two weeks, a maintenance visit with a
/// gift after three).
///
/// # Errors
/// `not_found` when the `hcmc` calendar is missing.
pub fn define_playbooks(ws: &mut Workspace, at: DateTime<Utc>) -> clientcare::Result<()> {
    use Channel::{Email, InPerson, Phone, Sms, Social};
    use Purpose::{Feedback, Marketing, Service};
    let general = Playbook {
        key: GENERAL_PLAYBOOK.into(),
        name: Some("Chăm sóc sau bán hàng".into()),
        conditions: PlaybookConditions::default(),
        steps: vec![
            step(
                StepKind::ThankYou,
                "Cảm ơn khách qua Zalo OA",
                0,
                false,
                Social,
                Service,
            ),
            step(
                StepKind::ThankYou,
                "Email cảm ơn kèm hoá đơn",
                0,
                false,
                Email,
                Service,
            ),
            step(
                StepKind::Advice,
                "Hướng dẫn sử dụng và bảo quản",
                2,
                true,
                Social,
                Service,
            ),
            step(
                StepKind::Survey,
                "Khảo sát hài lòng (CSAT) qua SMS",
                7,
                false,
                Sms,
                Feedback,
            ),
            step(
                StepKind::Promotion,
                "Ưu đãi cho khách quen",
                30,
                false,
                Email,
                Marketing,
            ),
        ],
        calendar: Some(CALENDAR.into()),
        team: Some(CARE_TEAM.into()),
    };
    let furniture = Playbook {
        key: FURNITURE_PLAYBOOK.into(),
        name: Some("Chăm sóc nội thất giá trị lớn".into()),
        conditions: PlaybookConditions {
            tiers: Vec::new(),
            categories: vec![FURNITURE.into()],
            min_value: Some(vnd(BIG_TICKET)),
        },
        steps: vec![
            step(
                StepKind::CheckIn,
                "Gọi hỏi thăm sau lắp đặt",
                14,
                false,
                Phone,
                Service,
            ),
            step(
                StepKind::Gift,
                "Ghé bảo dưỡng, tặng bộ dầu dưỡng gỗ",
                21,
                false,
                InPerson,
                Service,
            ),
        ],
        calendar: Some(CALENDAR.into()),
        team: Some(SALES_TEAM.into()),
    };
    for p in [general, furniture] {
        ws.execute(Meta::system(at), Command::DefinePlaybook(p))?;
    }
    Ok(())
}
