//! Journey commands: pipelines, opportunities, purchases, loyalty, referrals.

use super::model::{LoyaltySettings, PurchaseItem, ReferralStatus, Source, TierRule};
use super::pipeline::{Pipeline, StageKind, DEFAULT_PIPELINE};
use crate::complaint::Compensation;
use crate::customer::Lifecycle;
use crate::error::{Error, Result};
use crate::event::{
    EntityRef, EventPayload, FollowUpScheduled, OpportunityChanges, OpportunityOpened,
    PurchaseRecorded,
};
use crate::followup::recurrence::{Recurrence, RecurrenceSpec};
use crate::followup::FollowUpLinks;
use crate::id::{AgentId, CustomerId, FollowUpId, IdSource, OpportunityId, PurchaseId, ReferralId};
use crate::model::{iso, Channel, Meta, Money};
use crate::text::{normalize_label, normalize_text};
use crate::workspace::State;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

type Pending = Vec<(EntityRef, EventPayload)>;

/// Opens a sales opportunity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpenOpportunity {
    /// Use this id instead of a new one (for sync); must be unused.
    #[serde(default)]
    pub id: Option<OpportunityId>,
    /// The customer (active).
    pub customer: CustomerId,
    /// The pipeline (`sales`, the built-in default, when absent).
    #[serde(default)]
    pub pipeline: Option<String>,
    /// Title.
    pub title: String,
    /// Expected value (zero or more).
    pub value: Money,
    /// Expected close date.
    #[serde(default)]
    pub expected_close: Option<NaiveDate>,
    /// Where it came from.
    #[serde(default)]
    pub source: Source,
    /// The owning agent (active).
    #[serde(default)]
    pub owner: Option<AgentId>,
    /// The open stage it starts in (the first open stage when absent).
    #[serde(default)]
    pub stage: Option<String>,
}

impl OpenOpportunity {
    /// An opportunity of `customer` in the default pipeline.
    #[must_use]
    pub fn new(customer: CustomerId, title: &str, value: Money) -> Self {
        Self {
            id: None,
            customer,
            pipeline: None,
            title: title.to_owned(),
            value,
            expected_close: None,
            source: Source::default(),
            owner: None,
            stage: None,
        }
    }
}

/// Changes an opportunity's title, value, expected close or owner. Absent: unchanged; `null`: cleared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateOpportunity {
    /// The opportunity.
    pub opportunity: OpportunityId,
    /// New title.
    #[serde(default)]
    pub title: Option<String>,
    /// New value.
    #[serde(default)]
    pub value: Option<Money>,
    /// New expected close date.
    #[serde(default, with = "crate::serde_util::double_option")]
    pub expected_close: Option<Option<NaiveDate>>,
    /// New owner.
    #[serde(default, with = "crate::serde_util::double_option")]
    pub owner: Option<Option<AgentId>>,
}

/// What was bought when an opportunity is won (its value and no lines when absent).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct WonPurchase {
    /// The lines.
    pub items: Vec<PurchaseItem>,
    /// A description (the opportunity's title when absent and there are no lines).
    pub description: Option<String>,
    /// The amount (the lines' total, or the opportunity's value).
    pub amount: Option<Money>,
    /// The channel (in person when absent).
    pub channel: Option<Channel>,
}

/// Moves an opportunity to another stage of its pipeline. Into a lost stage
/// it needs a lost reason from the pipeline's list; into a won stage it
/// records the purchase; out of a won or lost stage it reopens the deal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MoveOpportunity {
    /// The opportunity.
    pub opportunity: OpportunityId,
    /// The stage key.
    pub stage: String,
    /// Why it was lost (required for a lost stage).
    #[serde(default)]
    pub lost_reason: Option<String>,
    /// A note.
    #[serde(default)]
    pub note: Option<String>,
    /// What was bought (won stages).
    #[serde(default)]
    pub purchase: Option<WonPurchase>,
}

/// Records a purchase. It moves the customer's lifecycle (lead, prospect or
/// churned to customer; to loyal by the loyalty rule), recomputes the tier
/// when tier rules exist, and qualifies a pending referral of the customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordPurchase {
    /// Use this id instead of a new one (for sync); must be unused.
    #[serde(default)]
    pub id: Option<PurchaseId>,
    /// The customer (active).
    pub customer: CustomerId,
    /// The lines (all in one currency).
    #[serde(default)]
    pub items: Vec<PurchaseItem>,
    /// A description (required without lines).
    #[serde(default)]
    pub description: Option<String>,
    /// The total (the lines' total when absent; must equal it when both are given).
    #[serde(default)]
    pub amount: Option<Money>,
    /// The channel it was made on.
    pub channel: Channel,
    /// When it was made (the command's `at` when absent; not in the future).
    #[serde(default)]
    pub occurred_at: Option<DateTime<Utc>>,
}

impl RecordPurchase {
    /// A purchase of `amount` on `channel`, described by `description`.
    #[must_use]
    pub fn new(customer: CustomerId, channel: Channel, description: &str, amount: Money) -> Self {
        Self {
            id: None,
            customer,
            items: Vec::new(),
            description: Some(description.to_owned()),
            amount: Some(amount),
            channel,
            occurred_at: None,
        }
    }
}

/// Records that one customer referred another (each customer is referred once).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordReferral {
    /// Use this id instead of a new one (for sync); must be unused.
    #[serde(default)]
    pub id: Option<ReferralId>,
    /// The customer who referred.
    pub referrer: CustomerId,
    /// The customer referred.
    pub referred: CustomerId,
    /// A note.
    #[serde(default)]
    pub note: Option<String>,
}

/// Rewards the referrer of a qualified referral (once).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RewardReferral {
    /// The referral.
    pub referral: ReferralId,
    /// What was given.
    pub reward: Compensation,
}

/// Sets the loyalty rules (lifecycle `loyal` and tiers from purchases).
pub type ConfigureLoyalty = LoyaltySettings;

const MAX_SKEW: Duration = Duration::minutes(5);

pub(crate) fn money(field: &str, m: &Money) -> Result<Money> {
    m.non_negative(field)
}

/// Sums amounts of one currency; `invalid_input` naming `field` when they mix currencies.
pub(crate) fn sum(field: &str, items: &[Money]) -> Result<Option<Money>> {
    let Some(first) = items.first() else {
        return Ok(None);
    };
    let mut total: i64 = 0;
    for (i, m) in items.iter().enumerate() {
        if m.currency != first.currency {
            return Err(Error::invalid_input(
                format!("{field}[{i}]"),
                m.currency.clone(),
                format!(
                    "mixed currencies in one sum ({} and {}); record one purchase per currency",
                    first.currency, m.currency
                ),
            ));
        }
        total = total.checked_add(m.amount_minor).ok_or_else(|| {
            Error::invalid_input(field, total.to_string(), "the total is too large")
        })?;
    }
    Ok(Some(Money {
        amount_minor: total,
        currency: first.currency.clone(),
    }))
}

pub(crate) fn decide_define_pipeline(state: &State, p: Pipeline) -> Result<Pending> {
    let p = p.normalized()?;
    if state.pipelines.get(&p.key) == Some(&p) {
        return Ok(Vec::new());
    }
    if let Some(old) = state.pipelines.get(&p.key) {
        // Stages in use must survive a redefinition.
        if let Some(o) = state
            .opportunities
            .iter()
            .find(|o| o.pipeline == p.key && p.stage(&o.stage).is_none())
        {
            return Err(Error::Conflict {
                field: "stages".into(),
                value: o.stage.clone(),
                holder_entity: "opportunity",
                holder: o.id.to_string(),
                remedy: format!(
                    "keep stage {:?} (of {} stages before) or move its opportunities first",
                    o.stage,
                    old.stages.len()
                ),
            });
        }
    }
    Ok(vec![(
        EntityRef::Workspace,
        EventPayload::PipelineDefined {
            pipeline: Box::new(p),
        },
    )])
}

fn normalize_source(state: &State, s: &Source) -> Result<Source> {
    if let Some(r) = s.referred_by {
        state.customer(r)?;
    }
    Ok(Source {
        channel: s.channel,
        campaign: s
            .campaign
            .as_deref()
            .map(|c| normalize_label("source.campaign", c, 100))
            .transpose()?,
        referred_by: s.referred_by,
    })
}

pub(crate) fn decide_open_opportunity(
    state: &State,
    meta: &Meta,
    cmd: OpenOpportunity,
    ids: &mut dyn IdSource,
) -> Result<(OpportunityId, Pending)> {
    state.active_customer(cmd.customer, "open an opportunity for")?;
    let key = cmd.pipeline.as_deref().unwrap_or(DEFAULT_PIPELINE);
    let pipeline = state
        .pipeline(key)
        .ok_or_else(|| Error::not_found("pipeline", key))?;
    let title = normalize_label("title", &cmd.title, 300)?;
    let value = money("value", &cmd.value)?;
    let stage = match cmd.stage.as_deref() {
        Some(s) => {
            let st = pipeline
                .stage(s)
                .ok_or_else(|| unknown_stage(pipeline, s))?;
            if st.kind != StageKind::Open {
                return Err(Error::invalid_input(
                    "stage",
                    s,
                    "an opportunity starts in an open stage",
                ));
            }
            st.key.clone()
        }
        None => pipeline
            .first_open()
            .map(|s| s.key.clone())
            .unwrap_or_default(),
    };
    if let Some(o) = cmd.owner {
        state.active_agent("owner", o)?;
    }
    let source = normalize_source(state, &cmd.source)?;
    let id = match cmd.id {
        Some(id) if state.opportunity_ix.contains_key(&id) => {
            return Err(Error::id_in_use("opportunity", id))
        }
        Some(id) => id,
        None => OpportunityId::generate_unused(ids, meta.at, |id| {
            state.opportunity_ix.contains_key(id)
        })?,
    };
    Ok((
        id,
        vec![(
            EntityRef::Opportunity(id),
            EventPayload::OpportunityOpened(Box::new(OpportunityOpened {
                customer: cmd.customer,
                pipeline: pipeline.key.clone(),
                title,
                value,
                expected_close: cmd.expected_close,
                source,
                owner: cmd.owner,
                stage,
            })),
        )],
    ))
}

fn unknown_stage(p: &Pipeline, s: &str) -> Error {
    Error::invalid_input(
        "stage",
        s,
        format!(
            "not a stage of pipeline {}; its stages are: {}",
            p.key,
            p.stages
                .iter()
                .map(|x| x.key.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    )
}

pub(crate) fn decide_update_opportunity(state: &State, cmd: UpdateOpportunity) -> Result<Pending> {
    let o = state.opportunity(cmd.opportunity)?;
    let mut ch = OpportunityChanges::default();
    if let Some(t) = &cmd.title {
        let t = normalize_label("title", t, 300)?;
        if t != o.title {
            ch.title = Some(t);
        }
    }
    if let Some(v) = &cmd.value {
        let v = money("value", v)?;
        if v != o.value {
            ch.value = Some(v);
        }
    }
    if let Some(d) = cmd.expected_close {
        if d != o.expected_close {
            ch.expected_close = Some(d);
        }
    }
    if let Some(w) = cmd.owner {
        if let Some(a) = w {
            state.active_agent("owner", a)?;
        }
        if w != o.owner {
            ch.owner = Some(w);
        }
    }
    if ch == OpportunityChanges::default() {
        return Ok(Vec::new());
    }
    Ok(vec![(
        EntityRef::Opportunity(o.id),
        EventPayload::OpportunityUpdated {
            changes: Box::new(ch),
        },
    )])
}

pub(crate) fn decide_move_opportunity(
    state: &State,
    meta: &Meta,
    cmd: MoveOpportunity,
    ids: &mut dyn IdSource,
) -> Result<Pending> {
    let o = state.opportunity(cmd.opportunity)?;
    let pipeline = state
        .pipeline(&o.pipeline)
        .ok_or_else(|| Error::not_found("pipeline", &o.pipeline))?;
    let to = pipeline
        .stage(&cmd.stage)
        .ok_or_else(|| unknown_stage(pipeline, &cmd.stage))?;
    if to.key == o.stage {
        return Err(Error::InvalidTransition {
            entity: "opportunity",
            id: o.id.to_string(),
            action: format!("move to stage {}", to.key),
            current: o.stage.clone(),
            allowed: pipeline
                .stages
                .iter()
                .filter(|s| {
                    s.key != o.stage && (o.status == StageKind::Open || s.kind == StageKind::Open)
                })
                .map(|s| s.key.clone())
                .collect(),
        });
    }
    if o.status != StageKind::Open && to.kind != StageKind::Open {
        return Err(Error::InvalidTransition {
            entity: "opportunity",
            id: o.id.to_string(),
            action: format!("move to stage {}", to.key),
            current: format!("{} ({})", o.stage, o.status.as_str()),
            allowed: pipeline
                .stages
                .iter()
                .filter(|s| s.kind == StageKind::Open)
                .map(|s| format!("{} (reopen)", s.key))
                .collect(),
        });
    }
    state.active_customer(o.customer, "move an opportunity of")?;
    let lost_reason = match (to.kind, cmd.lost_reason.as_deref()) {
        (StageKind::Lost, Some(r)) => {
            let r = normalize_label("lost_reason", r, 64)?;
            if !pipeline.lost_reasons.contains(&r) {
                return Err(Error::invalid_input(
                    "lost_reason",
                    r,
                    format!("one of: {}", pipeline.lost_reasons.join(", ")),
                ));
            }
            Some(r)
        }
        (StageKind::Lost, None) => {
            return Err(Error::invalid_input(
                "lost_reason",
                "",
                format!(
                    "a lost deal needs a reason, one of: {}",
                    pipeline.lost_reasons.join(", ")
                ),
            ))
        }
        (_, Some(r)) => {
            return Err(Error::invalid_input(
                "lost_reason",
                r,
                "only a move into a lost stage takes a lost reason",
            ))
        }
        (_, None) => None,
    };
    if to.kind != StageKind::Won && cmd.purchase.is_some() {
        return Err(Error::invalid_input(
            "purchase",
            "{...}",
            "only a move into a won stage records a purchase",
        ));
    }
    let note = cmd
        .note
        .as_deref()
        .map(|n| normalize_text("note", n, 2000))
        .transpose()?;
    let mut out = vec![(
        EntityRef::Opportunity(o.id),
        EventPayload::OpportunityMoved {
            from: o.stage.clone(),
            to: to.key.clone(),
            lost_reason,
            note,
        },
    )];
    if to.kind == StageKind::Won {
        let won = cmd.purchase.unwrap_or_default();
        let rec = RecordPurchase {
            id: None,
            customer: o.customer,
            description: won
                .description
                .or_else(|| won.items.is_empty().then(|| o.title.clone())),
            amount: won
                .amount
                .or_else(|| won.items.is_empty().then(|| o.value.clone())),
            items: won.items,
            channel: won.channel.unwrap_or(Channel::InPerson),
            occurred_at: None,
        };
        let (_, p) = purchase(state, meta, rec, Some(o.id), ids)?;
        out.extend(p);
    }
    Ok(out)
}

pub(crate) fn decide_record_purchase(
    state: &State,
    meta: &Meta,
    cmd: RecordPurchase,
    ids: &mut dyn IdSource,
) -> Result<(PurchaseId, Pending)> {
    purchase(state, meta, cmd, None, ids)
}

fn purchase(
    state: &State,
    meta: &Meta,
    cmd: RecordPurchase,
    opportunity: Option<OpportunityId>,
    ids: &mut dyn IdSource,
) -> Result<(PurchaseId, Pending)> {
    let lifecycle = state
        .active_customer(cmd.customer, "record a purchase of")?
        .lifecycle;
    let items = cmd
        .items
        .iter()
        .enumerate()
        .map(|(i, it)| {
            if it.quantity == 0 {
                return Err(Error::invalid_input(
                    format!("items[{i}].quantity"),
                    "0",
                    "a quantity is at least 1",
                ));
            }
            Ok(PurchaseItem {
                name: normalize_label(&format!("items[{i}].name"), &it.name, 200)?,
                category: it
                    .category
                    .as_deref()
                    .map(|c| normalize_label(&format!("items[{i}].category"), c, 64))
                    .transpose()?,
                quantity: it.quantity,
                unit_price: money(&format!("items[{i}].unit_price"), &it.unit_price)?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let lines: Vec<Money> = items
        .iter()
        .map(|it| {
            it.unit_price
                .amount_minor
                .checked_mul(i64::from(it.quantity))
                .map(|amount_minor| Money {
                    amount_minor,
                    currency: it.unit_price.currency.clone(),
                })
                .ok_or_else(|| {
                    Error::invalid_input("items", it.name.clone(), "the line total is too large")
                })
        })
        .collect::<Result<_>>()?;
    let total = sum("items", &lines)?;
    let amount = match (
        cmd.amount
            .as_ref()
            .map(|a| money("amount", a))
            .transpose()?,
        total,
    ) {
        (Some(a), Some(t)) if a != t => {
            return Err(Error::invalid_input(
                "amount",
                format!("{} {}", a.amount_minor, a.currency),
                format!(
                    "the lines add up to {} {}; give the same amount or leave it out",
                    t.amount_minor, t.currency
                ),
            ))
        }
        (Some(a), _) => a,
        (None, Some(t)) => t,
        (None, None) => {
            return Err(Error::invalid_input(
                "amount",
                "",
                "a purchase has lines or an amount",
            ))
        }
    };
    let description = cmd
        .description
        .as_deref()
        .map(|d| normalize_text("description", d, 2000))
        .transpose()?;
    if items.is_empty() && description.as_deref().is_none_or(|d| d.trim().is_empty()) {
        return Err(Error::invalid_input(
            "description",
            "",
            "a purchase without lines needs a description",
        ));
    }
    let occurred_at = crate::model::check_time("occurred_at", cmd.occurred_at.unwrap_or(meta.at))?;
    if occurred_at > meta.at.checked_add_signed(MAX_SKEW).unwrap_or(meta.at) {
        return Err(Error::invalid_input(
            "occurred_at",
            iso(occurred_at),
            "a purchase cannot be recorded before it is made (occurred_at is after the command's at)",
        ));
    }
    let id = match cmd.id {
        Some(id) if state.purchase_ix.contains_key(&id) => {
            return Err(Error::id_in_use("purchase", id))
        }
        Some(id) => id,
        None => PurchaseId::generate_unused(ids, meta.at, |id| state.purchase_ix.contains_key(id))?,
    };
    let mut out = vec![(
        EntityRef::Purchase(id),
        EventPayload::PurchaseRecorded(Box::new(PurchaseRecorded {
            customer: cmd.customer,
            items,
            description,
            amount: amount.clone(),
            channel: cmd.channel,
            occurred_at,
            opportunity,
        })),
    )];
    let categories: Vec<String> = cmd
        .items
        .iter()
        .filter_map(|i| i.category.as_deref())
        .map(|c| crate::text::nfc(c.trim()))
        .collect();
    let categories: Vec<&str> = categories.iter().map(String::as_str).collect();
    let runs = super::playbook::start_runs(
        state,
        meta,
        cmd.customer,
        id,
        &categories,
        &amount,
        occurred_at,
        ids,
    )?;
    out.extend(effects(
        state,
        meta,
        cmd.customer,
        lifecycle,
        id,
        &amount,
        occurred_at,
        ids,
    )?);
    out.extend(runs);
    Ok((id, out))
}

/// What a new purchase does to its customer: lifecycle, tier, referral.
#[allow(clippy::too_many_arguments)]
fn effects(
    state: &State,
    meta: &Meta,
    customer: CustomerId,
    lifecycle: Lifecycle,
    purchase: PurchaseId,
    amount: &Money,
    occurred_at: DateTime<Utc>,
    ids: &mut dyn IdSource,
) -> Result<Pending> {
    let mut out = Vec::new();
    let settings = &state.loyalty;
    let window_start = occurred_at - Duration::days(i64::from(settings.window_days));
    let mut count: u32 = 1;
    let mut spend: Vec<Money> = vec![amount.clone()];
    for &p in state
        .purchases_by_customer
        .get(&customer)
        .map(Vec::as_slice)
        .unwrap_or(&[])
    {
        let x = &state.purchases[p as usize];
        if x.occurred_at > window_start && x.occurred_at <= occurred_at {
            count += 1;
            spend.push(x.amount.clone());
        }
    }
    let mut now = lifecycle;
    if matches!(
        lifecycle,
        Lifecycle::Lead | Lifecycle::Prospect | Lifecycle::Churned
    ) {
        out.push((
            EntityRef::Customer(customer),
            EventPayload::LifecycleChanged {
                from: lifecycle,
                to: Lifecycle::Customer,
                reason: Some("purchase".into()),
            },
        ));
        now = Lifecycle::Customer;
    }
    if let Some(n) = settings.loyal_after_purchases {
        if now == Lifecycle::Customer && count >= n {
            out.push((
                EntityRef::Customer(customer),
                EventPayload::LifecycleChanged {
                    from: now,
                    to: Lifecycle::Loyal,
                    reason: Some(format!(
                        "{count} purchases in {} days",
                        settings.window_days
                    )),
                },
            ));
        }
    }
    if !settings.tier_rules.is_empty() {
        let tier = tier_for(&settings.tier_rules, count, &spend);
        let current = state.customer(customer).ok().and_then(|c| c.tier.clone());
        if tier != current {
            out.extend(tier_move(state, meta, customer, current, tier, ids)?);
        }
    }
    if let Some(&r) = state.referral_of.get(&customer) {
        let referral = &state.referrals[r as usize];
        if referral.status == ReferralStatus::Pending {
            out.push((
                EntityRef::Referral(referral.id),
                EventPayload::ReferralQualified { purchase },
            ));
        }
    }
    Ok(out)
}

/// Cancels `customer`'s open follow-ups scheduled by the plan of `tier`.
fn cancel_plan(state: &State, customer: CustomerId, tier: &str, why: &str) -> Pending {
    state
        .follow_ups_by_customer
        .get(&customer)
        .map(Vec::as_slice)
        .unwrap_or(&[])
        .iter()
        .map(|&p| &state.follow_ups[p as usize])
        .filter(|f| {
            f.status == crate::followup::FollowUpStatus::Open
                && f.links.tier.as_deref() == Some(tier)
        })
        .map(|f| {
            (
                EntityRef::FollowUp(f.id),
                EventPayload::FollowUpCancelled {
                    reason: why.to_owned(),
                },
            )
        })
        .collect()
}

/// Schedules `plan` (of `tier`) for `customer` from `meta.at`: the first
/// occurrence at or after the next `plan.time` in the customer's zone.
fn schedule_plan(
    state: &State,
    meta: &Meta,
    customer: CustomerId,
    tier: &str,
    plan: &super::model::TierPlan,
    ids: &mut dyn IdSource,
) -> Result<Option<(EntityRef, EventPayload)>> {
    let zone = state
        .customer(customer)
        .ok()
        .and_then(|c| c.time_zone.clone())
        .unwrap_or_else(|| "UTC".to_owned());
    let tz: chrono_tz::Tz = zone.parse().unwrap_or(chrono_tz::UTC);
    let local = meta.at.with_timezone(&tz).naive_local();
    let mut day = local.date();
    if local.time() > plan.time {
        day = day.succ_opt().unwrap_or(day);
    }
    let spec = RecurrenceSpec::new(day.and_time(plan.time), &zone, Some(plan.rule.clone()));
    let r = Recurrence::new(spec)?;
    let Some(first) = r.first() else {
        return Ok(None);
    };
    let id = FollowUpId::generate_unused(ids, meta.at, |id| state.follow_up_ix.contains_key(id))?;
    let owner = state.customer(customer).ok().and_then(|c| c.owner);
    Ok(Some((
        EntityRef::FollowUp(id),
        EventPayload::FollowUpScheduled(Box::new(FollowUpScheduled {
            series: id,
            occurrence: 1,
            subject: plan.subject.clone(),
            kind: plan.kind,
            customer: Some(customer),
            due_at: first,
            all_day: false,
            due_end: first,
            time_zone: Some(r.spec().time_zone.clone()),
            assignee: owner,
            team: None,
            priority: crate::complaint::Priority::Normal,
            links: FollowUpLinks {
                tier: Some(tier.to_owned()),
                ..FollowUpLinks::default()
            },
            recurrence: Some(r.spec().clone()),
        })),
    )))
}

/// A tier change and its contact plans: the old tier's open plan follow-ups
/// are cancelled, the new tier's plan is scheduled.
fn tier_move(
    state: &State,
    meta: &Meta,
    customer: CustomerId,
    from: Option<String>,
    to: Option<String>,
    ids: &mut dyn IdSource,
) -> Result<Pending> {
    let mut out = vec![(
        EntityRef::Customer(customer),
        EventPayload::TierChanged {
            from: from.clone(),
            to: to.clone(),
        },
    )];
    if let Some(old) = &from {
        out.extend(cancel_plan(
            state,
            customer,
            old,
            &format!("the customer left tier {old}"),
        ));
    }
    if let Some(t) = &to {
        if let Some(plan) = state
            .loyalty
            .tier_rules
            .iter()
            .find(|r| &r.tier == t)
            .and_then(|r| r.plan.as_ref())
        {
            out.extend(schedule_plan(state, meta, customer, t, plan, ids)?);
        }
    }
    Ok(out)
}

/// Tier changes due at `now` as purchases age out of the rule window (run by
/// `tick`): customers with purchases whose rule-given tier is no longer the
/// one they have. Archived customers are left alone.
pub(crate) fn tier_changes(state: &State, meta: &Meta, ids: &mut dyn IdSource) -> Result<Pending> {
    let now = meta.at;
    let settings = &state.loyalty;
    if settings.tier_rules.is_empty() {
        return Ok(Vec::new());
    }
    let mut customers: Vec<(&CustomerId, &Vec<u32>)> = state.purchases_by_customer.iter().collect();
    customers.sort_by_key(|(id, _)| state.customer_ix.get(*id).copied());
    let mut out = Vec::new();
    for (id, list) in customers {
        let Ok(c) = state.customer(*id) else { continue };
        if c.archived {
            continue;
        }
        // The window ends now, or at the customer's latest purchase when a
        // tick runs at an earlier instant: a tick never undoes a purchase.
        let end = list
            .iter()
            .map(|&p| state.purchases[p as usize].occurred_at)
            .max()
            .map_or(now, |latest| latest.max(now));
        let since = end - Duration::days(i64::from(settings.window_days));
        let spend: Vec<Money> = list
            .iter()
            .map(|&p| &state.purchases[p as usize])
            .filter(|p| p.occurred_at > since && p.occurred_at <= end)
            .map(|p| p.amount.clone())
            .collect();
        let count = u32::try_from(spend.len()).unwrap_or(u32::MAX);
        let tier = tier_for(&settings.tier_rules, count, &spend);
        if tier != c.tier {
            out.extend(tier_move(state, meta, *id, c.tier.clone(), tier, ids)?);
        }
    }
    Ok(out)
}

/// The first tier rule met by `count` purchases spending `spend`.
pub(crate) fn tier_for(rules: &[TierRule], count: u32, spend: &[Money]) -> Option<String> {
    rules
        .iter()
        .find(|r| {
            r.min_purchases.is_none_or(|n| count >= n)
                && r.min_spend.as_ref().is_none_or(|min| {
                    spend
                        .iter()
                        .filter(|m| m.currency == min.currency)
                        .map(|m| m.amount_minor)
                        .sum::<i64>()
                        >= min.amount_minor
                })
        })
        .map(|r| r.tier.clone())
}

pub(crate) fn decide_configure_loyalty(
    state: &State,
    meta: &Meta,
    s: LoyaltySettings,
    ids: &mut dyn IdSource,
) -> Result<Pending> {
    if s.window_days == 0 {
        return Err(Error::invalid_input(
            "window_days",
            "0",
            "the window is at least one day",
        ));
    }
    if s.loyal_after_purchases == Some(0) {
        return Err(Error::invalid_input(
            "loyal_after_purchases",
            "0",
            "at least one purchase",
        ));
    }
    let mut rules = Vec::with_capacity(s.tier_rules.len());
    for (i, r) in s.tier_rules.iter().enumerate() {
        if r.min_spend.is_none() && r.min_purchases.is_none() {
            return Err(Error::invalid_input(
                format!("tier_rules[{i}]"),
                r.tier.clone(),
                "a tier rule needs min_spend or min_purchases",
            ));
        }
        rules.push(TierRule {
            tier: normalize_label(&format!("tier_rules[{i}].tier"), &r.tier, 64)?,
            min_spend: r
                .min_spend
                .as_ref()
                .map(|m| money(&format!("tier_rules[{i}].min_spend"), m))
                .transpose()?,
            min_purchases: r.min_purchases,
            plan: match &r.plan {
                Some(plan) => {
                    let field = format!("tier_rules[{i}].plan");
                    let check = RecurrenceSpec::new(
                        chrono::NaiveDate::from_ymd_opt(2000, 1, 1)
                            .unwrap_or_default()
                            .and_time(plan.time),
                        "UTC",
                        Some(plan.rule.clone()),
                    );
                    Recurrence::new(check).map_err(|e| match e {
                        Error::InvalidInput {
                            field: f,
                            value,
                            reason,
                        } => Error::invalid_input(format!("{field}.{f}"), value, reason),
                        other => other,
                    })?;
                    Some(super::model::TierPlan {
                        subject: normalize_label(&format!("{field}.subject"), &plan.subject, 300)?,
                        ..plan.clone()
                    })
                }
                None => None,
            },
        });
    }
    let s = LoyaltySettings {
        tier_rules: rules,
        ..s
    };
    if s == state.loyalty {
        return Ok(Vec::new());
    }
    // Customers already in a tier: a plan that changed or went away is
    // cancelled, a new or changed plan is scheduled.
    let plan_of = |rules: &[TierRule], t: &str| {
        rules
            .iter()
            .find(|r| r.tier == t)
            .and_then(|r| r.plan.clone())
    };
    let mut plans = Vec::new();
    for c in state.customers.iter().filter(|c| !c.archived) {
        let Some(t) = c.tier.as_deref() else { continue };
        let (old, new) = (
            plan_of(&state.loyalty.tier_rules, t),
            plan_of(&s.tier_rules, t),
        );
        if old == new {
            continue;
        }
        if old.is_some() {
            plans.extend(cancel_plan(
                state,
                c.id,
                t,
                &format!("the plan of tier {t} changed"),
            ));
        }
        if let Some(plan) = &new {
            plans.extend(schedule_plan(state, meta, c.id, t, plan, ids)?);
        }
    }
    let mut out = vec![(
        EntityRef::Workspace,
        EventPayload::LoyaltyConfigured {
            settings: Box::new(s),
        },
    )];
    out.extend(plans);
    Ok(out)
}

pub(crate) fn decide_record_referral(
    state: &State,
    meta: &Meta,
    cmd: RecordReferral,
    ids: &mut dyn IdSource,
) -> Result<(ReferralId, Pending)> {
    if cmd.referrer == cmd.referred {
        return Err(Error::invalid_input(
            "referred",
            cmd.referred.to_string(),
            "a customer cannot refer themselves",
        ));
    }
    state.active_customer(cmd.referrer, "record a referral by")?;
    state.customer(cmd.referred)?;
    if let Some(&r) = state.referral_of.get(&cmd.referred) {
        let existing = &state.referrals[r as usize];
        return Err(Error::Conflict {
            field: "referred".into(),
            value: cmd.referred.to_string(),
            holder_entity: "referral",
            holder: existing.id.to_string(),
            remedy: format!(
                "customer {} was already referred by {}",
                cmd.referred, existing.referrer
            ),
        });
    }
    let note = cmd
        .note
        .as_deref()
        .map(|n| normalize_text("note", n, 2000))
        .transpose()?;
    let id = match cmd.id {
        Some(id) if state.referral_ix.contains_key(&id) => {
            return Err(Error::id_in_use("referral", id))
        }
        Some(id) => id,
        None => ReferralId::generate_unused(ids, meta.at, |id| state.referral_ix.contains_key(id))?,
    };
    Ok((
        id,
        vec![(
            EntityRef::Referral(id),
            EventPayload::ReferralRecorded {
                referrer: cmd.referrer,
                referred: cmd.referred,
                note,
            },
        )],
    ))
}

pub(crate) fn decide_reward_referral(state: &State, cmd: RewardReferral) -> Result<Pending> {
    let r = state.referral(cmd.referral)?;
    if r.status != ReferralStatus::Qualified {
        let current = match r.status {
            ReferralStatus::Pending => "pending (the referred customer has not bought yet)",
            ReferralStatus::Rewarded => "rewarded",
            ReferralStatus::Qualified => "qualified",
        };
        return Err(Error::InvalidTransition {
            entity: "referral",
            id: r.id.to_string(),
            action: "reward".into(),
            current: current.into(),
            allowed: Vec::new(),
        });
    }
    let reward = Compensation {
        kind: cmd.reward.kind,
        value: money("reward.value", &cmd.reward.value)?,
        note: cmd
            .reward
            .note
            .as_deref()
            .map(|n| normalize_text("reward.note", n, 1000))
            .transpose()?,
    };
    Ok(vec![(
        EntityRef::Referral(r.id),
        EventPayload::ReferralRewarded { reward },
    )])
}
