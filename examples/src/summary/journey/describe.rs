//! Timeline lines for journey events (the customer card shows them).

use crate::summary::complaints::format_money;
use crate::summary::{customer_name, local};
use clientcare::{EntityRef, Event, EventPayload, Workspace};

/// A timeline line for a journey event (deals, purchases, referrals,
/// follow-ups, playbook runs), `None` for other events.
#[must_use]
pub fn describe(ws: &Workspace, e: &Event) -> Option<String> {
    let subject = |e: &Event| match e.entity {
        EntityRef::FollowUp(id) => ws
            .follow_up(id)
            .map_or_else(|_| "?".into(), |f| f.subject.clone()),
        _ => "?".into(),
    };
    let deal = |e: &Event| match e.entity {
        EntityRef::Opportunity(id) => ws
            .opportunity(id)
            .map_or_else(|_| "?".into(), |o| o.title.clone()),
        _ => "?".into(),
    };
    Some(match &e.payload {
        EventPayload::OpportunityOpened(o) => format!(
            "deal opened: {} ({}, {}/{})",
            o.title,
            format_money(&o.value),
            o.pipeline,
            o.stage
        ),
        EventPayload::OpportunityMoved {
            from,
            to,
            lost_reason,
            ..
        } => {
            let why = lost_reason
                .as_deref()
                .map(|r| format!(" ({r})"))
                .unwrap_or_default();
            format!("deal {}: {from} -> {to}{why}", deal(e))
        }
        EventPayload::PurchaseRecorded(p) => {
            let what = if p.items.is_empty() {
                p.description.clone().unwrap_or_default()
            } else {
                p.items
                    .iter()
                    .map(|i| i.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            format!(
                "purchase {} ({}): {what}",
                format_money(&p.amount),
                p.channel.as_str()
            )
        }
        EventPayload::ReferralRecorded {
            referrer, referred, ..
        } => format!(
            "referral: {} referred {}",
            customer_name(ws, *referrer),
            customer_name(ws, *referred)
        ),
        EventPayload::ReferralQualified { .. } => "referral qualified (first purchase)".into(),
        EventPayload::ReferralRewarded { reward } => format!(
            "referral rewarded: {} {}",
            reward.kind.as_str(),
            format_money(&reward.value)
        ),
        EventPayload::FollowUpScheduled(f) => format!(
            "follow-up scheduled: {} {:?} due {}",
            f.kind.as_str(),
            f.subject,
            local(f.due_at)
        ),
        EventPayload::FollowUpCompleted { outcome } => format!(
            "follow-up done: {:?}{}",
            subject(e),
            outcome
                .as_deref()
                .map(|o| format!(" ({o})"))
                .unwrap_or_default()
        ),
        EventPayload::FollowUpCancelled { reason } => {
            format!("follow-up cancelled: {:?} ({reason})", subject(e))
        }
        EventPayload::FollowUpSnoozed { until, .. } => {
            format!("follow-up snoozed to {}: {:?}", local(*until), subject(e))
        }
        EventPayload::PlaybookRunStarted {
            playbook, steps, ..
        } => format!(
            "playbook {playbook} started ({} steps, {} skipped)",
            steps.len(),
            steps.iter().filter(|s| s.skipped.is_some()).count()
        ),
        EventPayload::PlaybookRunEnded { status, reason } => {
            format!("playbook run {}: {reason}", status.as_str())
        }
        _ => return None,
    })
}
