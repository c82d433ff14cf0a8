//! The sales and after-sales journey of the shop's month.
//!
//! At the start (see `setup`) the shop sets its loyalty rules (a customer
//! with three purchases in 365 days is loyal; tiers by 12-month spend in VND:
//! kim cương, vàng, bạc, thành viên, with a call on the first Monday of every
//! month for kim cương), uses the built-in `sales` pipeline and defines a
//! `b2b` one for companies. The old till software's 12-month history of the
//! imported customers is carried over as purchases (which gives them their
//! tiers back) before the two after-sales playbooks are defined: one for
//! every purchase (thank-you the same day on Zalo or by email, care advice
//! two business days later on the `hcmc` calendar, a CSAT survey by SMS after
//! a week, a promotion by email after 30 days) and one for big furniture
//! purchases (a check-in call after two weeks, a maintenance visit with a
//! gift after three). Steps are skipped when the customer has not given
//! consent for their channel and purpose, which is often: consent is asked
//! for at the till and on delivery slips, and some customers say no.
//!
//! Every day leads come in (web forms, Facebook, Zalo and TikTok messages,
//! calls, chats, people browsing in the shop, friends referred by a
//! customer, regulars and companies asking for a quote). A sales agent opens
//! an opportunity (source channel and campaign, the referrer when there is
//! one), calls back (a follow-up, sometimes snoozed or made pointless by a
//! visit), moves it through the stages, and wins it (the purchase is
//! recorded with its lines, in VND, by category), loses it (with a reason
//! from the pipeline's list) or lets it stall; one lost deal comes back and
//! is reopened. Visits to the shop are counter purchases (see
//! [`Sales::visit`]). Furniture is delivered on a planned day (a whole-day
//! follow-up). Referrers get a voucher once their friend has bought.
//!
//! The desk works the follow-ups the core schedules (playbook steps, the
//! kim cương calls): most are done, some snoozed, cancelled or skipped for
//! the month, a few forgotten. A few stories are written by hand (see
//! `showcase`): Đức's living-room set, the friend he refers, Élodie's order
//! from Paris in euros, and An Phát's 40 office chairs with its monthly
//! account check-in.
//!
//! Like [`crate::care`], the desk keeps an agenda in time order and the shop
//! runs it up to each of its own happenings; no clock is read.

pub mod catalog;
mod deal;
mod setup;
mod showcase;
mod work;

pub use setup::{
    carry_over, configure, define_playbooks, B2B_PIPELINE, BIG_TICKET, CARRIED_OVER,
    FURNITURE_PLAYBOOK, GENERAL_PLAYBOOK, SALES_TEAM, TOP_TIER,
};

use crate::care::{CALENDAR, TECH_TEAM};
use crate::shop::{left_alone, ShopConfig, Staff};
use catalog::{has_furniture, total, AT_THE_TILL, ON_THE_DELIVERY_SLIP};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use clientcare::{
    AgentId, Channel, Command, CustomerId, CustomerKind, Direction, FollowUpId, FollowUpKind,
    FollowUpLinks, LogInteraction, Meta, Network, OpenOpportunity, OpportunityId, PurchaseItem,
    RecordConsent, RecordPurchase, ReferralId, ScheduleFollowUp, Source, Workspace,
};
use clientcare_bench::calendar::{self, local_to_utc, TZ};
use clientcare_bench::{CustomerGen, Rng};
use deal::{Deal, Phase};
use showcase::Scene;
use std::collections::{BTreeMap, VecDeque};
use work::Work;

/// Who a lead is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lead {
    /// Someone new, on a channel.
    New,
    /// A friend referred by a customer who bought.
    Referred,
    /// A customer of the shop (a company: the `b2b` pipeline).
    Existing(CustomerId),
}

#[derive(Debug, Clone, PartialEq)]
enum Step {
    /// A lead comes in.
    Lead(Lead),
    /// The next phase of a deal (by index).
    Deal(usize, Phase),
    /// Work on a follow-up.
    Work(FollowUpId, Work),
    /// The referrer of a qualified referral gets a voucher.
    Reward(ReferralId),
    /// A hand-written scene.
    Scene(Scene),
}

/// Where new leads come from, and on which social network.
const LEAD_CHANNELS: &[(Channel, u32)] = &[
    (Channel::Social, 35),
    (Channel::Web, 25),
    (Channel::Phone, 20),
    (Channel::LiveChat, 10),
    (Channel::InPerson, 10),
];
const LEAD_NETWORKS: &[(Network, u32)] = &[
    (Network::Facebook, 40),
    (Network::Zalo, 35),
    (Network::Tiktok, 15),
    (Network::Instagram, 10),
];

/// The sales desk: its agenda, its deals and what it watches in the log.
#[derive(Debug)]
pub struct Sales {
    rng: Rng,
    staff: Staff,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    days: u32,
    per_customer: f64,
    agenda: BTreeMap<(DateTime<Utc>, u64), Step>,
    scheduled: u64,
    deals: Vec<Deal>,
    /// How much of the log the desk has read (for follow-ups to work on).
    seen: usize,
    /// The latest instant read in the log: nothing is planned before it.
    now: DateTime<Utc>,
    /// Customers who bought (referrers are drawn from them).
    buyers: Vec<CustomerId>,
    /// Whether a lost deal is already planned to come back.
    reopen_planned: bool,
    /// Customers the desk registered, for the shop to follow.
    new_customers: Vec<CustomerId>,
    show: showcase::Cast,
}

impl Sales {
    /// A sales desk for the shop of `cfg`, opening at `start`, with `staff`.
    #[must_use]
    pub fn new(cfg: &ShopConfig, start: DateTime<Utc>, staff: Staff) -> Self {
        Self {
            rng: Rng::new(cfg.seed).fork(0x5A1E5),
            staff,
            start,
            end: start + Duration::days(i64::from(cfg.days)),
            days: cfg.days.max(1),
            per_customer: cfg.deals_per_customer,
            agenda: BTreeMap::new(),
            scheduled: 0,
            deals: Vec::new(),
            seen: 0,
            now: start,
            buyers: Vec::new(),
            reopen_planned: false,
            new_customers: Vec::new(),
            show: showcase::Cast::default(),
        }
    }

    /// The customers the desk registered since the last call (leads).
    pub fn take_new_customers(&mut self) -> Vec<CustomerId> {
        std::mem::take(&mut self.new_customers)
    }

    /// The carried-over purchases of `tiered` customers (see [`carry_over`]).
    ///
    /// # Errors
    /// What the core reports.
    pub fn carry_over(
        &mut self,
        ws: &mut Workspace,
        at: DateTime<Utc>,
        tiered: &[(CustomerId, String)],
    ) -> clientcare::Result<()> {
        carry_over(ws, &mut self.rng, at, tiered)?;
        self.buyers.extend(tiered.iter().map(|(c, _)| *c));
        Ok(())
    }

    fn schedule(&mut self, at: DateTime<Utc>, step: Step) {
        self.scheduled += 1;
        let at = at.max(self.now + Duration::minutes(1));
        self.agenda.insert((at, self.scheduled), step);
    }

    /// Local time on day `day` of the period (from 0), if within it.
    fn local(&self, day: u32, hour: u32, minute: u32) -> Option<DateTime<Utc>> {
        if day >= self.days {
            return None;
        }
        self.date(day)
            .and_hms_opt(hour, minute, 0)
            .map(local_to_utc)
    }

    fn date(&self, day: u32) -> NaiveDate {
        (self.start + Duration::days(i64::from(day)))
            .with_timezone(&TZ)
            .date_naive()
    }

    /// A business-time delay of `lo..=hi` minutes after `from` (`hcmc` calendar).
    fn business(
        &mut self,
        ws: &Workspace,
        from: DateTime<Utc>,
        lo: u64,
        hi: u64,
    ) -> clientcare::Result<DateTime<Utc>> {
        let d = Duration::minutes(self.rng.range(lo, hi) as i64);
        ws.add_business_time(CALENDAR, from, d)
    }

    fn seller(&mut self) -> AgentId {
        *self.rng.pick(&self.staff.sales)
    }

    /// When the desk next has something to do (after reading the log).
    ///
    /// # Errors
    /// What the core reports while the desk plans its work.
    pub fn next_at(&mut self, ws: &Workspace) -> clientcare::Result<Option<DateTime<Utc>>> {
        self.watch(ws)?;
        Ok(self.agenda.first_key_value().map(|((at, _), _)| *at))
    }

    /// Plans day `day` (from 0): the leads that come in, from new people,
    /// referrals and `customers`.
    pub fn plan_day(&mut self, day: u32, customers: &[CustomerId]) {
        let Some(midnight) = self.date(day).and_hms_opt(0, 0, 0).map(local_to_utc) else {
            return;
        };
        if customers.is_empty() {
            return;
        }
        let mean = self.per_customer * customers.len() as f64 / f64::from(self.days);
        let count = mean.floor() as u64 + u64::from(self.rng.chance(mean.fract()));
        let from = midnight.max(self.start + Duration::hours(1));
        let to = midnight + Duration::days(1) - Duration::seconds(1);
        for _ in 0..count {
            let at = calendar::business_time(&mut self.rng, from, to);
            let lead = match *self.rng.weighted(&[(0u8, 45), (1, 20), (2, 35)]) {
                0 => Lead::New,
                1 => Lead::Referred,
                _ => Lead::Existing(customers[self.rng.index(customers.len())]),
            };
            self.schedule(at, Step::Lead(lead));
        }
    }

    /// Runs everything on the agenda up to `until` (inclusive), in time
    /// order; new leads come from `gen`.
    ///
    /// # Errors
    /// Any command the workspace refuses (none is expected: the desk checks
    /// each record's state before acting on it).
    pub fn run_until(
        &mut self,
        ws: &mut Workspace,
        gen: &mut CustomerGen,
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
                Step::Lead(lead) => self.arrive(ws, gen, at, lead)?,
                Step::Deal(ix, phase) => {
                    if let Some(done) = self.deal_step(ws, at, ix, phase)? {
                        self.advance(ws, ix, done)?;
                    }
                }
                Step::Work(id, w) => self.work(ws, at, id, w)?,
                Step::Reward(id) => self.reward(ws, at, id)?,
                Step::Scene(s) => self.scene(ws, at, s)?,
            }
        }
        Ok(())
    }

    /// A new person, registered as a lead owned by `owner`.
    fn register_lead(
        &mut self,
        ws: &mut Workspace,
        gen: &mut CustomerGen,
        meta: Meta,
        owner: AgentId,
    ) -> clientcare::Result<CustomerId> {
        let mut row = gen.person(0.85).row;
        row.owner = Some(owner);
        row.lifecycle = None;
        row.tier = None;
        let id = ws.register_customer(meta, row)?;
        self.new_customers.push(id);
        Ok(id)
    }

    /// A lead comes in; the agent opens an opportunity right away.
    fn arrive(
        &mut self,
        ws: &mut Workspace,
        gen: &mut CustomerGen,
        at: DateTime<Utc>,
        lead: Lead,
    ) -> clientcare::Result<()> {
        let seller = self.seller();
        let mut source = Source::default();
        let customer = match lead {
            Lead::Existing(c) => {
                if left_alone(ws.customer(c)?) {
                    return Ok(());
                }
                source.channel = Some(*self.rng.weighted(&[
                    (Channel::Phone, 40),
                    (Channel::Social, 30),
                    (Channel::Email, 20),
                    (Channel::InPerson, 10),
                ]));
                c
            }
            Lead::Referred if !self.buyers.is_empty() => {
                let referrer = self.buyers[self.rng.index(self.buyers.len())];
                if left_alone(ws.customer(referrer)?) {
                    return Ok(());
                }
                let id = self.register_lead(ws, gen, Meta::agent(at, seller), seller)?;
                ws.record_referral(
                    Meta::agent(at, seller),
                    clientcare::RecordReferral {
                        id: None,
                        referrer,
                        referred: id,
                        note: Some("khách cũ giới thiệu bạn bè".into()),
                    },
                )?;
                source.referred_by = Some(referrer);
                source.channel = Some(Channel::Phone);
                id
            }
            _ => {
                let channel = *self.rng.weighted(LEAD_CHANNELS);
                let network =
                    (channel == Channel::Social).then(|| *self.rng.weighted(LEAD_NETWORKS));
                let meta = if channel == Channel::Web {
                    Meta::system(at)
                } else {
                    Meta::agent(at, seller)
                };
                let id = self.register_lead(ws, gen, meta, seller)?;
                source.channel = Some(channel);
                let what = catalog::BIG[self.rng.index(catalog::BIG.len())].name;
                ws.log_interaction(
                    meta,
                    LogInteraction {
                        network,
                        direction: Direction::Inbound,
                        subject: Some(format!("Hỏi giá {what}")),
                        agent: (channel != Channel::Web).then_some(seller),
                        occurred_at: Some(at),
                        ..LogInteraction::new(id, channel)
                    },
                )?;
                id
            }
        };
        if self.rng.chance(0.55) {
            source.campaign = Some(catalog::campaign(at.with_timezone(&TZ).date_naive()).into());
        }
        self.open_deal(ws, at + Duration::minutes(1), customer, seller, source)
    }

    /// Checks the consents a seller asks for at the till (and, for big
    /// furniture, on the delivery slip) and records those given.
    fn till_consents(
        &mut self,
        ws: &mut Workspace,
        meta: Meta,
        customer: CustomerId,
        items: &[PurchaseItem],
    ) -> clientcare::Result<()> {
        let c = ws.customer(customer)?;
        let has_email = c.emails().next().is_some();
        let has_phone = c.phones().next().is_some();
        let mut asked = Vec::new();
        for (channel, purpose, source, share) in AT_THE_TILL {
            let reachable = match channel {
                Channel::Email => has_email,
                Channel::Sms => has_phone,
                _ => true,
            };
            if reachable && c.consent(*channel, *purpose).is_none() {
                asked.push((*channel, *purpose, *source, *share));
            }
        }
        if has_furniture(items) && total(items) >= setup::BIG_TICKET {
            for (channel, purpose, share) in ON_THE_DELIVERY_SLIP {
                if c.consent(*channel, *purpose).is_none() {
                    asked.push((*channel, *purpose, "phiếu giao hàng", *share));
                }
            }
        }
        for (channel, purpose, source, share) in asked {
            if !self.rng.chance(share) {
                continue;
            }
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
        }
        Ok(())
    }

    /// A visit to the shop by `customer`, served by `seller`: a purchase at
    /// the counter (always for a `first` visit, when the walk-in signs up),
    /// or a look around that sometimes becomes a deal.
    ///
    /// # Errors
    /// What the core reports (nothing expected).
    pub fn visit(
        &mut self,
        ws: &mut Workspace,
        at: DateTime<Utc>,
        customer: CustomerId,
        seller: AgentId,
        first: bool,
    ) -> clientcare::Result<()> {
        self.now = self.now.max(at);
        let c = ws.customer(customer)?;
        if left_alone(c) {
            return Ok(());
        }
        let company = c.kind == CustomerKind::Organization;
        if !first && !self.rng.chance(0.65) {
            if self.rng.chance(0.35) {
                let source = Source {
                    channel: Some(Channel::InPerson),
                    ..Source::default()
                };
                self.open_deal(ws, at, customer, seller, source)?;
            }
            return Ok(());
        }
        let items = if company {
            catalog::office_basket(&mut self.rng, 4)
        } else {
            catalog::counter_basket(&mut self.rng)
        };
        let meta = Meta::agent(at, seller);
        self.till_consents(ws, meta, customer, &items)?;
        let cmd = RecordPurchase {
            id: None,
            customer,
            items: items.clone(),
            description: None,
            amount: None,
            channel: Channel::InPerson,
            occurred_at: None,
        };
        ws.record_purchase(meta, cmd)?;
        self.after_sale(ws, at, customer, &items, None)?;
        self.watch(ws)
    }

    /// After a purchase: the customer can refer friends now, and furniture
    /// is delivered two days later (a whole-day task of the technician).
    fn after_sale(
        &mut self,
        ws: &mut Workspace,
        at: DateTime<Utc>,
        customer: CustomerId,
        items: &[PurchaseItem],
        opportunity: Option<OpportunityId>,
    ) -> clientcare::Result<Option<FollowUpId>> {
        if !self.buyers.contains(&customer) {
            self.buyers.push(customer);
        }
        if !has_furniture(items) {
            return Ok(None);
        }
        let day = at.with_timezone(&TZ).date_naive() + Duration::days(2);
        let title = catalog::title(items, false);
        self.deliver(ws, at, customer, day, &title, opportunity, true)
            .map(Some)
    }

    /// Plans the delivery of `what` to `customer` on local date `day` (a
    /// whole-day task of the technician); with `done`, it is done that day
    /// when in the period.
    #[allow(clippy::too_many_arguments)]
    fn deliver(
        &mut self,
        ws: &mut Workspace,
        at: DateTime<Utc>,
        customer: CustomerId,
        day: NaiveDate,
        what: &str,
        opportunity: Option<OpportunityId>,
        done: bool,
    ) -> clientcare::Result<FollowUpId> {
        let tech = self.staff.tech.first().copied();
        let by = self.staff.sales.first().copied();
        let cmd = ScheduleFollowUp {
            due_at: None,
            due_date: Some(day),
            time_zone: Some(TZ.name().into()),
            customer: Some(customer),
            assignee: tech,
            team: Some(TECH_TEAM.into()),
            links: FollowUpLinks {
                opportunity,
                ..FollowUpLinks::default()
            },
            ..ScheduleFollowUp::new(&format!("Giao và lắp đặt: {what}"), FollowUpKind::Visit, at)
        };
        let meta = match by {
            Some(a) => Meta::agent(at, a),
            None => Meta::system(at),
        };
        let id = ws.schedule_follow_up(meta, cmd)?;
        let from = day.and_hms_opt(9, 0, 0).map(local_to_utc).filter(|_| done);
        if let Some(from) = from {
            let done = calendar::business_time(&mut self.rng, from, from + Duration::hours(8));
            if done < self.end {
                self.schedule(done, Step::Work(id, Work::Complete(work::DELIVERED.into())));
            }
        }
        Ok(id)
    }

    /// Opens a deal for `customer` (companies in the `b2b` pipeline, owned
    /// by the business-accounts team) and plans its plot.
    fn open_deal(
        &mut self,
        ws: &mut Workspace,
        at: DateTime<Utc>,
        customer: CustomerId,
        seller: AgentId,
        source: Source,
    ) -> clientcare::Result<()> {
        let company = ws.customer(customer)?.kind == CustomerKind::Organization;
        let (pipeline, owner, items) = if company {
            let owner = *self.rng.pick(&self.staff.b2b);
            (
                Some(B2B_PIPELINE),
                owner,
                catalog::office_basket(&mut self.rng, 40),
            )
        } else {
            (None, seller, catalog::deal_basket(&mut self.rng))
        };
        let close =
            at.with_timezone(&TZ).date_naive() + Duration::days(self.rng.range(7, 21) as i64);
        let cmd = OpenOpportunity {
            pipeline: pipeline.map(str::to_owned),
            expected_close: Some(close),
            source,
            owner: Some(owner),
            ..OpenOpportunity::new(
                customer,
                &catalog::title(&items, company),
                catalog::vnd(total(&items)),
            )
        };
        let id = ws.open_opportunity(Meta::agent(at, owner), cmd)?;
        let opp = ws.opportunity(id)?;
        let stages: Vec<String> = ws
            .pipeline(&opp.pipeline)?
            .stages
            .iter()
            .filter(|s| s.kind == clientcare::StageKind::Open)
            .map(|s| s.key.clone())
            .collect();
        let plan = deal::plot(
            &mut self.rng,
            stages.len(),
            company,
            &mut self.reopen_planned,
        );
        let ix = self.deals.len();
        self.deals.push(Deal {
            id,
            customer,
            owner,
            stages,
            at_stage: 0,
            items,
            company,
            call: None,
            plan: VecDeque::from(plan),
        });
        self.advance(ws, ix, at)
    }
}
