//! A month in a shop in Hồ Chí Minh City, told through `clientcare` commands.
//!
//! The story, in order:
//! 1. the shop configures its workspace (phones without `+country` are Vietnamese);
//! 2. six staff members are registered in their teams;
//! 3. the existing customer base is imported in bulk on 1 October 2026, people
//!    and companies, Vietnamese and international, after showcase records
//!    written by hand (Nguyễn Văn Đức, his company An Phát, Élodie Lefèvre);
//! 4. some people are linked to the companies they work for;
//! 5. every day of October, walk-ins sign up and customers get in touch on every
//!    channel (in person, phone, email, SMS, Zalo, Facebook, Messenger,
//!    Instagram, TikTok, live chat, forum, web form, ...). The shop reacts as
//!    a CRM user would: a visit to the shop is usually a purchase (recorded
//!    with its lines: the core moves lifecycles and tiers), people who
//!    message on Zalo give consent for service messages, a few withdraw
//!    marketing consent, an enquiry about prices makes a lead a prospect;
//! 6. on 20 October one customer asks to be left alone and is archived;
//! 7. late on the last evening, the customer list of a second system arrives
//!    with some of the shop's people in it again: the identity desk (see
//!    [`crate::identity`]) checks and imports it, scans for duplicates,
//!    merges them (and undoes one merge), forgets a customer who asks for
//!    it and checks whom the shop may contact; the other desks then finish
//!    the night.
//!
//! Alongside, after-sales care (see [`crate::care`]): the business calendar and
//! SLA policies are set up after the staff, complaints arrive every day and are
//! worked through, and `tick` runs at the end of every business day. And the
//! sales journey (see [`crate::sales`]): loyalty rules and tiers, pipelines,
//! the old till's history carried over, after-sales playbooks, then leads,
//! deals, purchases, referrals and follow-ups every day. And feedback (see
//! [`crate::feedback`]): CSAT on every resolution, an in-store survey, the
//! old loyalty form's survey consents, then surveys and answers every day.
//!
//! Time only flows through explicit `at` values: the program never reads a clock.

use crate::care::Care;
use crate::feedback::{self, Feedback};
use crate::identity::{Identity, IdentityReport};
use crate::sales::{self, Sales};
use chrono::{DateTime, Duration, Utc};
use clientcare::{
    AddMembership, AgentId, ArchiveCustomer, ChangeLifecycle, Channel, Command, Customer,
    CustomerId, CustomerKind, Direction, Lifecycle, LogInteraction, Meta, Network, Purpose,
    RecordConsent, RegisterAgent, RegisterCustomer, Workspace,
};
use clientcare_bench::{activity, calendar, CustomerGen, Rng};

/// How big the simulated shop is.
#[derive(Debug, Clone, PartialEq)]
pub struct ShopConfig {
    /// People in the imported customer base.
    pub people: usize,
    /// Companies in the imported customer base.
    pub companies: usize,
    /// Days of activity from 1 October 2026.
    pub days: u32,
    /// Mean interactions per customer over the period.
    pub interactions_per_customer: f64,
    /// Mean complaints per customer over the period.
    pub complaints_per_customer: f64,
    /// Mean new sales leads (deals) per customer over the period.
    pub deals_per_customer: f64,
    /// Seed of every generated name, number and time, and of the ids.
    pub seed: u64,
}

impl Default for ShopConfig {
    /// A few hundred customers and a month (October 2026).
    fn default() -> Self {
        Self {
            people: 340,
            companies: 40,
            days: 31,
            interactions_per_customer: 6.0,
            complaints_per_customer: 0.12,
            deals_per_customer: 0.25,
            seed: 2026,
        }
    }
}

impl ShopConfig {
    /// A small shop for tests: same story, fewer customers, ten days (and
    /// more complaints per customer, so that every part of the story shows).
    #[must_use]
    pub fn small() -> Self {
        Self {
            people: 70,
            companies: 8,
            days: 10,
            interactions_per_customer: 4.0,
            complaints_per_customer: 0.4,
            deals_per_customer: 0.3,
            seed: 7,
        }
    }
}

/// The shop's staff, by team.
#[derive(Debug, Clone, Default)]
pub struct Staff {
    /// Sales floor ("Bán hàng").
    pub sales: Vec<AgentId>,
    /// Customer care ("Chăm sóc khách hàng"): phone, chat and social.
    pub care: Vec<AgentId>,
    /// Business accounts ("Khách hàng doanh nghiệp").
    pub b2b: Vec<AgentId>,
    /// Technical support ("Hỗ trợ kỹ thuật").
    pub tech: Vec<AgentId>,
}

/// The simulated shop once the period is over.
#[derive(Debug)]
pub struct Shop {
    /// The workspace with the whole history.
    pub workspace: Workspace,
    /// The staff.
    pub staff: Staff,
    /// Nguyễn Văn Đức, the showcase customer whose card the summary prints.
    pub showcase: CustomerId,
    /// The customer archived on 20 October (or on the last day of a shorter period).
    pub archived: Option<CustomerId>,
    /// First instant of the period (1 October 2026, 08:00 in Hồ Chí Minh City).
    pub start: DateTime<Utc>,
    /// End of the period.
    pub end: DateTime<Utc>,
    /// Every `tick` the shop ran (end of each business day): (instant, events).
    pub ticks: Vec<(DateTime<Utc>, usize)>,
    /// What the identity desk did on the last evening.
    pub identity: IdentityReport,
}

/// Builds the shop described by `cfg`.
///
/// # Errors
/// Any command the workspace refuses (none is expected: the story is valid).
pub fn build_shop(cfg: &ShopConfig) -> Result<Shop, clientcare::Error> {
    build_shop_with(cfg, |_| Ok(()))
}

/// Builds the shop described by `cfg`, calling `end_of_day` with the
/// workspace after each day's work and once more at the very end (the main
/// job stores the day's events there).
///
/// # Errors
/// Any command the workspace refuses (none is expected: the story is
/// valid), or what `end_of_day` returns.
pub fn build_shop_with<E: From<clientcare::Error>>(
    cfg: &ShopConfig,
    mut end_of_day: impl FnMut(&mut Workspace) -> Result<(), E>,
) -> Result<Shop, E> {
    let start = calendar::local(2026, 10, 1, 8, 0).ok_or_else(|| {
        clientcare::Error::invalid_input("start", "2026-10-01 08:00", "not a local time")
    })?;
    let mut sim = Sim {
        ws: Workspace::with_seed(cfg.seed),
        rng: Rng::new(cfg.seed),
        gen: CustomerGen::new(cfg.seed),
        staff: Staff::default(),
        customers: Vec::new(),
    };

    // 1. Settings.
    sim.ws.configure(Meta::system(start), Some("VN"))?;

    // 2. Staff, then the care desk's calendar and SLA policies.
    sim.register_staff(start)?;
    let mut care = Care::new(cfg, start, sim.staff.clone());
    Care::configure(&mut sim.ws, start)?;
    //    The sales set-up: loyalty rules and tiers, the `b2b` pipeline.
    let mut sales = Sales::new(cfg, start, sim.staff.clone());
    sales::configure(&mut sim.ws, start)?;
    //    The feedback settings (CSAT on resolve) and the in-store survey.
    let mut feedback = Feedback::new(cfg, start);
    feedback::configure(&mut sim.ws, start)?;

    // 3. Hand-written showcase records (Đức, his company An Phát, Élodie),
    //    then the customer base, imported in one bulk call.
    let (showcase, company, elodie) = sim.register_showcase(start)?;
    care.script_showcase(showcase, company, elodie);
    feedback.script_showcase(showcase);
    let before = sim.customers.len();
    let tiered = sim.import_customers(start, cfg)?;
    //    Their answers on the old loyalty form: may the shop send surveys?
    let imported = sim.customers[before..].to_vec();
    feedback.import_consents(&mut sim.ws, start, &imported)?;

    // 4. People working for client companies.
    sim.link_people_to_companies(start + Duration::minutes(30), showcase, company)?;

    //    The old till's 12-month history gives the imported customers their
    //    tiers back; then the after-sales playbooks (not for old purchases).
    sales.carry_over(&mut sim.ws, start + Duration::minutes(30), &tiered)?;
    sales::define_playbooks(&mut sim.ws, start + Duration::minutes(30))?;
    sales.script_showcase(showcase, company, elodie);

    // 5. Day by day, everything in time order.
    let mut archived = None;
    for day in 0..cfg.days {
        let open = start + Duration::days(i64::from(day));
        let close = open + Duration::hours(13); // 08:00 to 21:00
        let contacts =
            cfg.interactions_per_customer * sim.customers.len() as f64 / f64::from(cfg.days.max(1));
        let mut plan = sim.plan_day(open, close, contacts);
        if day == 2 {
            // Đức's day: a Zalo message at 10:00, a purchase at 15:00, a call at 17:00.
            for (hours, step) in [
                (2, Happening::DucWrites),
                (7, Happening::DucBuys),
                (9, Happening::DucCalled),
            ] {
                plan.push((open + Duration::hours(hours), step));
            }
        }
        plan.sort_by_key(|(at, _)| *at);
        care.plan_day(&sim.ws, day, &sim.customers)?;
        sales.plan_day(day, &sim.customers);
        feedback.plan_day(day);
        let mut desks = Desks {
            care: &mut care,
            sales: &mut sales,
            feedback: &mut feedback,
        };
        for (at, happening) in plan {
            // Complaints, deals, follow-ups and surveys happen in between,
            // in time order.
            sim.run_desks(&mut desks, at)?;
            let visit = match happening {
                Happening::WalkIn => Some(sim.walk_in(at)?),
                Happening::Contact => sim.random_contact(at)?,
                step => {
                    sim.showcase_step(at, showcase, step)?;
                    None
                }
            };
            // A visit to the shop: a purchase at the counter, or a look around.
            if let Some((customer, seller, first)) = visit {
                let at = at + Duration::minutes(1);
                desks
                    .sales
                    .visit(&mut sim.ws, at, customer, seller, first)?;
            }
        }
        // 6. A customer asks to stop all contact.
        if archived.is_none() && (day == 19 || day + 1 == cfg.days) {
            sim.run_desks(&mut desks, close)?;
            archived = Some(sim.archive_one(close)?);
        }
        end_of_day(&mut sim.ws)?;
    }
    let end = start + Duration::days(i64::from(cfg.days));
    let mut desks = Desks {
        care: &mut care,
        sales: &mut sales,
        feedback: &mut feedback,
    };
    // 7. The last evening at 21:30, after the day's work: the second
    //    system's import and the identity desk; then the desks' night.
    let evening =
        start + Duration::days(i64::from(cfg.days.max(1) - 1)) + Duration::minutes(13 * 60 + 30);
    sim.run_desks(&mut desks, evening)?;
    let mut desk = Identity::new(cfg, start, sim.staff.clone());
    let identity = desk.run(
        &mut sim.ws,
        &mut sim.gen,
        evening,
        &sim.customers,
        &[showcase, company, elodie],
    )?;
    for p in &identity.planted {
        sim.track(p.duplicate);
    }
    sim.run_desks(&mut desks, end)?;
    end_of_day(&mut sim.ws)?;
    Ok(Shop {
        workspace: sim.ws,
        staff: sim.staff,
        showcase,
        archived,
        start,
        end,
        ticks: care.ticks,
        identity,
    })
}

/// What happens at some moment of a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Happening {
    /// Someone signs up at the counter.
    WalkIn,
    /// A customer gets in touch (or is contacted).
    Contact,
    /// Đức writes on Zalo.
    DucWrites,
    /// Đức buys in the shop.
    DucBuys,
    /// The shop calls Đức about the delivery.
    DucCalled,
}

/// The desks that work alongside the shop's own happenings.
struct Desks<'a> {
    care: &'a mut Care,
    sales: &'a mut Sales,
    feedback: &'a mut Feedback,
}

/// Working state of the simulation.
struct Sim {
    ws: Workspace,
    rng: Rng,
    gen: CustomerGen,
    staff: Staff,
    /// Every customer, in registration order.
    customers: Vec<CustomerId>,
}

/// A visit to the shop: the customer, the seller, and whether it is the
/// walk-in's first (always a purchase).
type Visit = (CustomerId, AgentId, bool);

impl Sim {
    fn register_staff(&mut self, at: DateTime<Utc>) -> Result<(), clientcare::Error> {
        let people = [
            ("Nguyễn Thị Mai", "Bán hàng", "mai.nguyen"),
            ("Trần Minh Khoa", "Bán hàng", "khoa.tran"),
            ("Lê Hoàng Nam", "Chăm sóc khách hàng", "nam.le"),
            ("Huỳnh Ngọc Hân", "Chăm sóc khách hàng", "han.huynh"),
            ("Phạm Quốc Bảo", "Khách hàng doanh nghiệp", "bao.pham"),
            ("Võ Thanh Tâm", "Hỗ trợ kỹ thuật", "tam.vo"),
        ];
        for (name, team, mailbox) in people {
            let id = self.ws.register_agent(
                Meta::system(at),
                RegisterAgent {
                    name: name.into(),
                    team: Some(team.into()),
                    email: Some(format!("{mailbox}@cuahang.example.vn")),
                    ..RegisterAgent::default()
                },
            )?;
            match team {
                "Bán hàng" => self.staff.sales.push(id),
                "Chăm sóc khách hàng" => self.staff.care.push(id),
                "Khách hàng doanh nghiệp" => self.staff.b2b.push(id),
                _ => self.staff.tech.push(id),
            }
        }
        Ok(())
    }

    fn track(&mut self, id: CustomerId) {
        self.customers.push(id);
    }

    /// Runs the care, sales and feedback desks up to `until`, interleaved in
    /// time order (on a tie: care, then sales, then feedback); the leads the
    /// sales desk registers join the customers.
    fn run_desks(
        &mut self,
        desks: &mut Desks<'_>,
        until: DateTime<Utc>,
    ) -> Result<(), clientcare::Error> {
        loop {
            let c = desks.care.next_at().filter(|t| *t <= until);
            let s = desks.sales.next_at(&self.ws)?.filter(|t| *t <= until);
            let f = desks.feedback.next_at(&self.ws)?.filter(|t| *t <= until);
            let Some(first) = [c, s, f].into_iter().flatten().min() else {
                break;
            };
            if c == Some(first) {
                desks.care.run_until(&mut self.ws, first)?;
            } else if s == Some(first) {
                desks.sales.run_until(&mut self.ws, &mut self.gen, first)?;
            } else {
                desks.feedback.run_until(&mut self.ws, first)?;
            }
            for id in desks.sales.take_new_customers() {
                self.track(id);
            }
        }
        Ok(())
    }

    /// Customers written by hand (Đức, his company An Phát, Élodie), so the
    /// summary has familiar faces. Returns (Đức, An Phát, Élodie).
    fn register_showcase(
        &mut self,
        at: DateTime<Utc>,
    ) -> Result<(CustomerId, CustomerId, CustomerId), clientcare::Error> {
        let b2b = self.staff.b2b.first().copied();
        let company = self.ws.register_customer(
            Meta::system(at),
            RegisterCustomer {
                kind: CustomerKind::Organization,
                full_name: "Công ty TNHH Thương mại Dịch vụ An Phát".into(),
                display_name: Some("An Phát".into()),
                emails: vec!["lienhe@anphat.example.vn".into()],
                phones: vec!["(028) 3822 1234".into()],
                tags: vec!["b2b".into(), "khách sỉ".into()],
                owner: b2b,
                lifecycle: Some(Lifecycle::Customer),
                ..RegisterCustomer::default()
            },
        )?;
        let duc = self.ws.register_customer(
            Meta::system(at),
            RegisterCustomer {
                full_name: "Nguyễn Văn Đức".into(),
                given_name: Some("Đức".into()),
                family_name: Some("Nguyễn".into()),
                display_name: Some("anh Đức".into()),
                emails: vec!["Duc.Nguyen@Example.VN".into()],
                phones: vec!["090 123 4567".into()],
                preferred_channel: Some(Channel::Social),
                language: Some("vi".into()),
                tags: vec!["khách quen".into(), "quận 1".into()],
                owner: self.staff.care.first().copied(),
                ..RegisterCustomer::default()
            },
        )?;
        let elodie = self.ws.register_customer(
            Meta::system(at),
            RegisterCustomer {
                full_name: "Élodie Lefèvre".into(),
                emails: vec!["elodie.lefevre@example.fr".into()],
                phones: vec!["+33 6 12 34 56 78".into()],
                language: Some("fr".into()),
                time_zone: Some("Europe/Paris".into()),
                tags: vec!["quận 2".into()],
                ..RegisterCustomer::default()
            },
        )?;
        for id in [company, duc, elodie] {
            self.track(id);
        }
        Ok((duc, company, elodie))
    }

    /// The existing customer base arrives as one bulk import (actor: system).
    /// Tiers are not imported: they come back from the old till's history
    /// (see [`Sales::carry_over`]). Returns who had which tier.
    fn import_customers(
        &mut self,
        at: DateTime<Utc>,
        cfg: &ShopConfig,
    ) -> Result<Vec<(CustomerId, String)>, clientcare::Error> {
        let mut rows: Vec<RegisterCustomer> = Vec::with_capacity(cfg.people + cfg.companies);
        let mut tiers: Vec<Option<String>> = Vec::with_capacity(rows.capacity());
        for i in 0..cfg.people + cfg.companies {
            let mut c = if i < cfg.companies {
                self.gen.company()
            } else {
                self.gen.person(0.85)
            };
            c.row.owner = Some(match c.row.kind {
                CustomerKind::Organization => pick(&mut self.rng, &self.staff.b2b),
                CustomerKind::Person => pick(&mut self.rng, &self.staff.sales),
            });
            tiers.push(c.row.tier.take());
            rows.push(c.row);
        }
        let outcome = self.ws.register_customers(Meta::system(at), rows);
        if let Some((_, e)) = outcome.errors().next() {
            return Err(e.clone());
        }
        let mut tiered = Vec::new();
        for (id, tier) in outcome.rows.into_iter().zip(tiers) {
            let Ok(id) = id else { continue };
            self.track(id);
            if let Some(tier) = tier {
                tiered.push((id, tier));
            }
        }
        Ok(tiered)
    }

    fn link_people_to_companies(
        &mut self,
        at: DateTime<Utc>,
        duc: CustomerId,
        an_phat: CustomerId,
    ) -> Result<(), clientcare::Error> {
        let b2b = pick(&mut self.rng, &self.staff.b2b);
        self.ws.execute(
            Meta::agent(at, b2b),
            Command::AddMembership(AddMembership {
                person: duc,
                organization: an_phat,
                role: Some("trưởng phòng mua hàng".into()),
            }),
        )?;
        let mut companies = Vec::new();
        let mut people = Vec::new();
        for &id in &self.customers {
            match self.ws.customer(id)?.kind {
                CustomerKind::Organization => companies.push(id),
                CustomerKind::Person => people.push(id),
            }
        }
        let roles = ["giám đốc", "kế toán", "nhân viên mua hàng", "trợ lý"];
        for (i, &org) in companies.iter().enumerate() {
            for j in 0..1 + self.rng.below(2) as usize {
                let Some(&person) = people.get(3 + i * 2 + j) else {
                    break;
                };
                self.ws.execute(
                    Meta::agent(at, b2b),
                    Command::AddMembership(AddMembership {
                        person,
                        organization: org,
                        role: Some((*self.rng.pick(&roles)).to_owned()),
                    }),
                )?;
            }
        }
        Ok(())
    }

    /// The day's walk-ins and contacts at business-biased times.
    fn plan_day(
        &mut self,
        open: DateTime<Utc>,
        close: DateTime<Utc>,
        contacts: f64,
    ) -> Vec<(DateTime<Utc>, Happening)> {
        let count = contacts.floor() as u64 + u64::from(self.rng.chance(contacts.fract()));
        let walk_ins = self.rng.below(3);
        let mut plan = Vec::with_capacity((count + walk_ins) as usize);
        for _ in 0..walk_ins {
            plan.push((
                calendar::business_time(&mut self.rng, open, close),
                Happening::WalkIn,
            ));
        }
        for _ in 0..count {
            plan.push((
                calendar::business_time(&mut self.rng, open, close),
                Happening::Contact,
            ));
        }
        plan
    }

    /// Someone signs up at the counter (a lead), to buy right after.
    fn walk_in(&mut self, at: DateTime<Utc>) -> Result<Visit, clientcare::Error> {
        let seller = pick(&mut self.rng, &self.staff.sales);
        let mut row = self.gen.person(0.85).row;
        row.owner = Some(seller);
        row.lifecycle = None;
        row.tier = None;
        let id = self.ws.register_customer(Meta::agent(at, seller), row)?;
        self.track(id);
        Ok((id, seller, true))
    }

    /// A customer registered so far gets in touch; regulars (the first fifth
    /// of the customer base) more often than others.
    fn random_contact(&mut self, at: DateTime<Utc>) -> Result<Option<Visit>, clientcare::Error> {
        let n = self.customers.len();
        let i = if self.rng.chance(0.3) {
            self.rng.index(n.div_ceil(5))
        } else {
            self.rng.index(n)
        };
        let Some(&customer) = self.customers.get(i) else {
            return Ok(None);
        };
        if self.ws.customer(customer)?.archived {
            return Ok(None);
        }
        self.contact(at, customer)
    }

    /// One contact and the shop's reaction to it; a visit to the shop is
    /// returned (the sales desk serves it).
    fn contact(
        &mut self,
        at: DateTime<Utc>,
        customer: CustomerId,
    ) -> Result<Option<Visit>, clientcare::Error> {
        let d = activity::interaction(&mut self.rng);
        let c = self.ws.customer(customer)?;
        let team = match (d.channel, c.kind) {
            (_, CustomerKind::Organization) => &self.staff.b2b,
            (Channel::InPerson, _) => &self.staff.sales,
            _ if d.subject.as_deref() == Some("Tư vấn bảo hành") => &self.staff.tech,
            _ => &self.staff.care,
        };
        let agent = pick(&mut self.rng, team);
        let lifecycle = c.lifecycle;
        // Web forms arrive on their own; everything else is logged by the agent
        // a few minutes after it happened.
        let (meta, handler) = if d.with_agent {
            (Meta::agent(at, agent), Some(agent))
        } else {
            (Meta::system(at), None)
        };
        let occurred = at - Duration::minutes(self.rng.range(0, 9) as i64);
        self.ws.log_interaction(
            meta,
            LogInteraction {
                network: d.network,
                direction: d.direction,
                subject: d.subject,
                summary: d.summary,
                agent: handler,
                occurred_at: Some(occurred),
                duration_seconds: d.duration_seconds,
                ..LogInteraction::new(customer, d.channel)
            },
        )?;
        let after = Meta::agent(at + Duration::minutes(1), agent);

        // Someone who writes on Zalo agrees to get service messages there.
        if d.network == Some(Network::Zalo)
            && d.direction == Direction::Inbound
            && self.rng.chance(0.3)
        {
            self.ws.execute(
                after,
                Command::RecordConsent(RecordConsent {
                    customer,
                    channel: Channel::Social,
                    purpose: Purpose::Service,
                    granted: true,
                    source: "Zalo OA".into(),
                }),
            )?;
        }
        // Now and then someone opts in to, or out of, the newsletter.
        if d.channel == Channel::Email && self.rng.chance(0.15) {
            let granted = self.rng.chance(0.7);
            self.ws.execute(
                after,
                Command::RecordConsent(RecordConsent {
                    customer,
                    channel: Channel::Email,
                    purpose: Purpose::Marketing,
                    granted,
                    source: if granted {
                        "form đăng ký trên web"
                    } else {
                        "link hủy đăng ký"
                    }
                    .into(),
                }),
            )?;
        }
        let visit = (d.channel == Channel::InPerson && d.direction != Direction::Internal)
            .then_some((customer, agent, false));
        // An enquiry about prices turns a lead into a prospect.
        if lifecycle == Lifecycle::Lead && d.channel != Channel::InPerson && self.rng.chance(0.2) {
            self.ws.execute(
                after,
                Command::ChangeLifecycle(ChangeLifecycle {
                    customer,
                    to: Lifecycle::Prospect,
                    reason: Some("hỏi giá sản phẩm".into()),
                }),
            )?;
        }
        Ok(visit)
    }

    /// Đức's own story: a Zalo message and a consent, a visit to the shop
    /// (the sales desk records the purchase), a delivery call.
    fn showcase_step(
        &mut self,
        at: DateTime<Utc>,
        duc: CustomerId,
        step: Happening,
    ) -> Result<(), clientcare::Error> {
        let care = pick(&mut self.rng, &self.staff.care);
        let sales = pick(&mut self.rng, &self.staff.sales);
        match step {
            Happening::DucWrites => {
                self.ws.log_interaction(
                    Meta::agent(at, care),
                    LogInteraction {
                        network: Some(Network::Zalo),
                        subject: Some("Hỏi giá sản phẩm".into()),
                        summary: Some(
                            "Anh Đức hỏi giá bộ bàn ghế gỗ, hẹn chiều ghé cửa hàng.".into(),
                        ),
                        agent: Some(care),
                        ..LogInteraction::new(duc, Channel::Social)
                    },
                )?;
                self.ws.execute(
                    Meta::agent(at, care),
                    Command::RecordConsent(RecordConsent {
                        customer: duc,
                        channel: Channel::Social,
                        purpose: Purpose::Marketing,
                        granted: true,
                        source: "Zalo OA".into(),
                    }),
                )?;
            }
            Happening::DucBuys => {
                self.ws.log_interaction(
                    Meta::agent(at, sales),
                    LogInteraction {
                        subject: Some("Mua bộ bàn ghế gỗ".into()),
                        agent: Some(sales),
                        duration_seconds: Some(2400),
                        ..LogInteraction::new(duc, Channel::InPerson)
                    },
                )?;
            }
            _ => {
                self.ws.log_interaction(
                    Meta::agent(at, care),
                    LogInteraction {
                        direction: Direction::Outbound,
                        subject: Some("Xác nhận giao hàng".into()),
                        agent: Some(care),
                        duration_seconds: Some(95),
                        ..LogInteraction::new(duc, Channel::Phone)
                    },
                )?;
            }
        }
        Ok(())
    }

    /// A customer asks the shop to stop contacting them: archived, with the reason.
    fn archive_one(&mut self, at: DateTime<Utc>) -> Result<CustomerId, clientcare::Error> {
        let care = pick(&mut self.rng, &self.staff.care);
        // The last imported person: not a showcase customer.
        let Some(&id) = self.customers.iter().rev().find(|&&id| {
            self.ws
                .customer(id)
                .is_ok_and(|c| c.kind == CustomerKind::Person && !c.archived)
        }) else {
            return Err(clientcare::Error::not_found(
                "customer",
                "a person to archive",
            ));
        };
        self.ws.execute(
            Meta::agent(at, care),
            Command::ArchiveCustomer(ArchiveCustomer {
                customer: id,
                reason: Some("khách yêu cầu ngừng liên hệ".into()),
            }),
        )?;
        Ok(id)
    }
}

/// Whether the desks leave a customer alone: archived (they asked the shop
/// to stop all contact) or erased (they asked to be forgotten).
#[must_use]
pub fn left_alone(c: &Customer) -> bool {
    c.archived || c.erased_at.is_some()
}

fn pick(rng: &mut Rng, agents: &[AgentId]) -> AgentId {
    *rng.pick(agents)
}
