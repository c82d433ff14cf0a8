//! A labelled data set for duplicate detection: a seeded workspace in which
//! some customers are registered twice (or three times) with the mistakes
//! real imports make, and the list of the true duplicate pairs.
//!
//! - Base records: people (Vietnamese and international, most with a postal
//!   address) and organisations from [`CustomerGen`], some people members of
//!   an organisation (a few organisations with hundreds of members).
//! - Duplicates (`duplicate_share` of all records): a base record again with
//!   perturbations, each recorded as a label: names with a typo
//!   (`name_typo`, `name_typo2`), swapped order (`name_swapped`), missing
//!   diacritics (`name_no_diacritics`), upper case (`name_upper`), a dropped
//!   middle name (`name_dropped_middle`), another given/family split;
//!   organisation names with another legal form (`org_form`); the same email
//!   retyped (`email_same`), the same local part at another provider
//!   (`email_domain`), another email (`email_new`) or none (`email_missing`);
//!   the same phone in another format (`phone_same`), another phone
//!   (`phone_new`) or none (`phone_missing`); the same address written
//!   differently (`address_same`) or none (`address_missing`); the same
//!   organisation (`org_same`).
//! - Hard negatives: relatives (same family name, another given name) who
//!   share an address and often a phone; strangers with the same common name
//!   (Vietnamese names collide a lot); residents of large apartment buildings
//!   who share an address.
//!
//! Every row is registered with `allow_shared_contacts` (imports that keep
//! both records), in a shuffled order.
//!
//! ```
//! let set = clientcare_bench::dupes::build(&clientcare_bench::dupes::DupeSpec::new(2_000, 1))?;
//! assert_eq!(set.customers.len(), set.workspace.customer_count());
//! assert!(set.truth.len() > 150);
//! # Ok::<(), clientcare_bench::BuildError>(())
//! ```

use crate::calendar;
use crate::contacts::format_vn_mobile;
use crate::customers::CustomerGen;
use crate::names::{self, Origin, PersonName};
use crate::rng::Rng;
use crate::scenario::BuildError;
use clientcare::text::fold;
use clientcare::{
    AddMembership, Command, ContactPoint, CustomerId, Meta, PostalAddress, RegisterCustomer,
    Workspace,
};
use std::collections::{HashMap, HashSet};

/// What to generate.
#[derive(Debug, Clone, PartialEq)]
pub struct DupeSpec {
    /// Number of customer records in all (duplicates included).
    pub customers: usize,
    /// Share of records that duplicate another (0.10).
    pub duplicate_share: f64,
    /// Share of base people who get a relative as another record (0.06).
    pub relative_share: f64,
    /// Share of people who are members of an organisation (0.15).
    pub member_share: f64,
    /// Share of people with a postal address (0.6).
    pub address_share: f64,
    /// Share of people living in one of a few large apartment buildings (0.02).
    pub building_share: f64,
    /// Seed of everything.
    pub seed: u64,
}

impl DupeSpec {
    /// `customers` records with the default shares.
    #[must_use]
    pub fn new(customers: usize, seed: u64) -> Self {
        Self {
            customers,
            duplicate_share: 0.10,
            relative_share: 0.06,
            member_share: 0.15,
            address_share: 0.6,
            building_share: 0.02,
            seed,
        }
    }
}

/// A true duplicate pair, `a` registered before `b`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TruePair {
    /// The earlier record.
    pub a: CustomerId,
    /// The later record.
    pub b: CustomerId,
    /// The perturbations between them (those of the duplicate records).
    pub labels: Vec<&'static str>,
}

/// What a pair of records really is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PairTruth {
    /// The same person or organisation.
    Duplicate,
    /// Relatives (same family, shared address or phone).
    Relatives,
    /// Different people who happen to share something.
    Strangers,
}

/// Precision and recall of a set of found pairs against the truth.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quality {
    /// Found pairs that are true duplicates.
    pub true_positives: usize,
    /// Found pairs that are not.
    pub false_positives: usize,
    /// True duplicate pairs not found.
    pub false_negatives: usize,
    /// `tp / (tp + fp)` (1 when nothing was found).
    pub precision: f64,
    /// `tp / (tp + fn)` (1 when there is nothing to find).
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
}

/// The generated workspace and its truth.
#[derive(Debug)]
pub struct LabelledDupes {
    /// The workspace (default region VN).
    pub workspace: Workspace,
    /// Every customer in registration order.
    pub customers: Vec<CustomerId>,
    /// Per registration position: the entity (real person or organisation) it stands for.
    pub entity_of: Vec<usize>,
    /// Every true duplicate pair.
    pub truth: Vec<TruePair>,
    /// Per entity: its family (relatives share one; others have their own).
    pub family_of: Vec<usize>,
    /// Number of duplicate records.
    pub duplicates: usize,
    /// Number of memberships added.
    pub memberships: usize,
    position: HashMap<CustomerId, usize>,
}

impl LabelledDupes {
    /// What the pair `(a, b)` really is (`None` for an unknown id).
    #[must_use]
    pub fn truth_of(&self, a: CustomerId, b: CustomerId) -> Option<PairTruth> {
        let ea = self.entity_of[*self.position.get(&a)?];
        let eb = self.entity_of[*self.position.get(&b)?];
        Some(if ea == eb {
            PairTruth::Duplicate
        } else if self.family_of.get(ea) == self.family_of.get(eb) {
            PairTruth::Relatives
        } else {
            PairTruth::Strangers
        })
    }

    /// Precision, recall and F1 of `found` pairs (either order).
    #[must_use]
    pub fn evaluate(&self, found: &[(CustomerId, CustomerId)]) -> Quality {
        let mut seen = HashSet::new();
        let mut tp = 0;
        let mut fp = 0;
        for &(a, b) in found {
            let key = if a < b { (a, b) } else { (b, a) };
            if !seen.insert(key) {
                continue;
            }
            if self.truth_of(a, b) == Some(PairTruth::Duplicate) {
                tp += 1;
            } else {
                fp += 1;
            }
        }
        let fn_ = self.truth.len().saturating_sub(tp);
        let precision = if tp + fp == 0 {
            1.0
        } else {
            tp as f64 / (tp + fp) as f64
        };
        let recall = if self.truth.is_empty() {
            1.0
        } else {
            tp as f64 / self.truth.len() as f64
        };
        let f1 = if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        Quality {
            true_positives: tp,
            false_positives: fp,
            false_negatives: fn_,
            precision,
            recall,
            f1,
        }
    }
}

const STREETS: &[&str] = &[
    "Nguyễn Huệ",
    "Lê Lợi",
    "Đồng Khởi",
    "Hai Bà Trưng",
    "Pasteur",
    "Nam Kỳ Khởi Nghĩa",
    "Điện Biên Phủ",
    "Võ Văn Tần",
    "Cách Mạng Tháng Tám",
    "Nguyễn Thị Minh Khai",
    "Lý Tự Trọng",
    "Trần Hưng Đạo",
    "Lê Văn Sỹ",
    "Hoàng Văn Thụ",
    "Phan Xích Long",
    "Nguyễn Văn Trỗi",
    "Xô Viết Nghệ Tĩnh",
    "Bạch Đằng",
    "Phan Đăng Lưu",
    "Lê Quang Định",
    "Nguyễn Oanh",
    "Quang Trung",
    "Phạm Văn Đồng",
    "Võ Văn Ngân",
    "Kha Vạn Cân",
    "Lê Văn Việt",
    "Nguyễn Duy Trinh",
    "Huỳnh Tấn Phát",
    "Nguyễn Thị Thập",
    "Nguyễn Hữu Thọ",
    "Tôn Đức Thắng",
    "Trường Chinh",
    "Cộng Hòa",
    "Lạc Long Quân",
    "Âu Cơ",
    "Lũy Bán Bích",
    "Kim Mã",
    "Láng Hạ",
    "Tây Sơn",
    "Giải Phóng",
    "Bạch Mai",
    "Xã Đàn",
    "Hoàng Quốc Việt",
    "Cầu Giấy",
    "Nguyễn Trãi",
    "Bạch Đằng Đông",
    "Ngũ Hành Sơn",
    "Nguyễn Văn Linh",
    "Hùng Vương",
    "Lê Duẩn",
];

const WARDS: &[&str] = &[
    "Phường Bến Nghé",
    "Phường Bến Thành",
    "Phường Võ Thị Sáu",
    "Phường Tân Định",
    "Phường Thảo Điền",
    "Phường Tân Phong",
    "Phường 12",
    "Phường 7",
    "Phường Dịch Vọng",
    "Phường Láng Thượng",
];

/// (canonical spelling, other spellings, weight).
const CITIES: &[(&str, &[&str], u32)] = &[
    (
        "Thành phố Hồ Chí Minh",
        &[
            "TP.HCM",
            "Hồ Chí Minh",
            "TP. Hồ Chí Minh",
            "Ho Chi Minh City",
        ],
        65,
    ),
    ("Hà Nội", &["Ha Noi", "TP Hà Nội", "Hanoi"], 25),
    ("Đà Nẵng", &["Da Nang", "TP. Đà Nẵng"], 10),
];

/// Large apartment buildings: (street line, city index).
const BUILDINGS: &[(&str, usize)] = &[
    ("208 Nguyễn Hữu Cảnh", 0),
    ("720A Điện Biên Phủ", 0),
    ("28 Mai Chí Thọ", 0),
    ("161 Xa lộ Hà Nội", 0),
    ("458 Minh Khai", 1),
    ("72 Nguyễn Trãi", 1),
    ("29 Liễu Giai", 1),
    ("15 Trần Bạch Đằng", 0),
    ("1 Bình Minh", 2),
    ("99 Nguyễn Văn Linh", 0),
];

const OTHER_PROVIDERS: &[&str] = &[
    "gmail.com",
    "yahoo.com",
    "outlook.com",
    "icloud.com",
    "hotmail.com",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Addr {
    number: u32,
    alley: Option<u32>,
    street: usize,
    ward: usize,
    city: usize,
    building: Option<usize>,
}

impl Addr {
    fn random(rng: &mut Rng, building_share: f64) -> Self {
        let city = *rng.weighted(&[(0usize, 65), (1, 25), (2, 10)]);
        let building = rng
            .chance(building_share)
            .then(|| rng.index(BUILDINGS.len()));
        Self {
            number: 1 + rng.below(999) as u32,
            alley: rng.chance(0.45).then(|| 1 + rng.below(200) as u32),
            street: rng.index(STREETS.len()),
            ward: rng.index(WARDS.len()),
            city: building.map_or(city, |b| BUILDINGS[b].1),
            building,
        }
    }

    /// The address as written; `variant` rewrites it the way another form would.
    fn render(&self, rng: &mut Rng, variant: bool) -> PostalAddress {
        let (mut line, mut second) = match self.building {
            Some(b) => (
                BUILDINGS[b].0.to_owned(),
                format!("Căn hộ {}.{:02}", 1 + self.number % 40, self.number % 20),
            ),
            None => {
                let number = match self.alley {
                    Some(a) => format!("{}/{a}", self.number),
                    None => self.number.to_string(),
                };
                (
                    format!("{number} {}", STREETS[self.street]),
                    WARDS[self.ward].to_owned(),
                )
            }
        };
        let (city_name, spellings, _) = CITIES[self.city];
        let mut city = city_name.to_owned();
        if variant {
            match rng.below(4) {
                0 => line = strip_diacritics(&line),
                1 => {
                    if let Some((n, street)) = line.split_once(' ') {
                        line = format!("{n} Đường {street}");
                    }
                }
                2 => {
                    line = strip_diacritics(&line);
                    second = strip_diacritics(&second);
                }
                _ => {}
            }
            if rng.chance(0.6) {
                city = (*rng.pick(spellings)).to_owned();
            }
        }
        PostalAddress {
            lines: vec![line, second],
            city: Some(city),
            region: None,
            postal_code: None,
            country: Some("VN".into()),
        }
    }
}

/// A base record: what the duplicates are made from.
#[derive(Debug, Clone)]
struct Entity {
    row: RegisterCustomer,
    person: Option<PersonName>,
    company: Option<names::CompanyName>,
    addr: Option<Addr>,
    /// Entity index of the organisation it is a member of.
    org: Option<usize>,
}

/// One record to register.
#[derive(Debug, Clone)]
struct Record {
    row: RegisterCustomer,
    entity: usize,
    labels: Vec<&'static str>,
    /// Organisation entity to join after registration.
    org: Option<usize>,
}

/// Builds the labelled workspace.
///
/// # Errors
/// A generated command the core refused (a generator bug).
pub fn build(spec: &DupeSpec) -> Result<LabelledDupes, BuildError> {
    let mut rng = Rng::new(spec.seed ^ 0xD0_D0);
    let mut gen = CustomerGen::new(spec.seed).shared_share(0.0);
    let n_dups = (spec.customers as f64 * spec.duplicate_share).round() as usize;
    let n_base = spec.customers.saturating_sub(n_dups);
    let mut entities: Vec<Entity> = Vec::with_capacity(n_base);
    let mut family_of: Vec<usize> = Vec::with_capacity(n_base);
    let mut orgs: Vec<usize> = Vec::new();
    while entities.len() < n_base {
        let relative_of = (!entities.is_empty() && rng.chance(spec.relative_share))
            .then(|| rng.index(entities.len()))
            .filter(|&i| entities[i].person.is_some());
        let me = entities.len();
        if let Some(of) = relative_of {
            let e = relative(&mut rng, &mut gen, &entities[of]);
            family_of.push(family_of[of]);
            entities.push(e);
            continue;
        }
        let g = gen.next_customer();
        let mut e = Entity {
            row: g.row,
            person: g.person,
            company: g.company,
            addr: None,
            org: None,
        };
        if e.person.is_some() {
            if rng.chance(spec.address_share) {
                e.addr = Some(Addr::random(
                    &mut rng,
                    spec.building_share / spec.address_share,
                ));
            }
        } else {
            orgs.push(me);
            // A name and an address from larger spaces than the shared
            // generator's (whose 1,152 company names and 3,000 addresses
            // repeat too often at a million customers).
            let c = company_name(&mut rng);
            e.row.full_name.clone_from(&c.full);
            e.row.display_name = Some(c.short.clone());
            e.company = Some(c);
            e.row
                .contacts
                .retain(|c| !matches!(c, ContactPoint::Address { .. }));
            if rng.chance(0.6) {
                e.addr = Some(Addr::random(&mut rng, 0.0));
            }
        }
        if let Some(a) = e.addr {
            e.row.contacts.push(ContactPoint::Address {
                address: Box::new(a.render(&mut rng, false)),
                label: Some("nhà".into()),
            });
        }
        family_of.push(me);
        entities.push(e);
    }
    // Memberships, skewed so that a few organisations have many members.
    if !orgs.is_empty() {
        for e in entities.iter_mut().filter(|e| e.person.is_some()) {
            if rng.chance(spec.member_share) {
                let u = rng.unit();
                let i = ((u * u) * orgs.len() as f64) as usize;
                e.org = Some(orgs[i.min(orgs.len() - 1)]);
            }
        }
    }
    let mut records: Vec<Record> = entities
        .iter()
        .enumerate()
        .map(|(i, e)| Record {
            row: e.row.clone(),
            entity: i,
            labels: Vec::new(),
            org: e.org,
        })
        .collect();
    for _ in 0..n_dups {
        if entities.is_empty() {
            break;
        }
        let i = rng.index(entities.len());
        let (row, labels, org) = duplicate(&mut rng, &mut gen, &entities[i]);
        records.push(Record {
            row,
            entity: i,
            labels,
            org,
        });
    }
    // Shuffle (Fisher-Yates): a duplicate may come before its original.
    for i in (1..records.len()).rev() {
        let j = rng.index(i + 1);
        records.swap(i, j);
    }
    for r in &mut records {
        r.row.allow_shared_contacts = true;
    }

    let at = calendar::local(2026, 10, 1, 9, 0).unwrap_or_default();
    let meta = Meta::system(at);
    let mut ws = Workspace::with_seed(spec.seed);
    ctx("configure", ws.configure(meta, Some("VN")))?;
    let rows: Vec<RegisterCustomer> = records.iter().map(|r| r.row.clone()).collect();
    let out = ws.register_customers(meta, rows);
    let mut customers = Vec::with_capacity(records.len());
    for r in out.rows {
        customers.push(ctx("register customer", r)?);
    }
    let entity_of: Vec<usize> = records.iter().map(|r| r.entity).collect();
    // The first record of each organisation entity is the one people join.
    let mut first_of: HashMap<usize, CustomerId> = HashMap::new();
    for (pos, r) in records.iter().enumerate() {
        first_of.entry(r.entity).or_insert(customers[pos]);
    }
    let mut memberships = 0;
    for (pos, r) in records.iter().enumerate() {
        let Some(org) = r.org.and_then(|o| first_of.get(&o)) else {
            continue;
        };
        ctx(
            "add membership",
            ws.execute(
                meta,
                Command::AddMembership(AddMembership {
                    person: customers[pos],
                    organization: *org,
                    role: None,
                }),
            ),
        )?;
        memberships += 1;
    }
    // Truth: every pair of records of one entity.
    let mut by_entity: HashMap<usize, Vec<usize>> = HashMap::new();
    for (pos, r) in records.iter().enumerate() {
        by_entity.entry(r.entity).or_default().push(pos);
    }
    let mut clusters: Vec<Vec<usize>> = by_entity.into_values().filter(|v| v.len() > 1).collect();
    clusters.sort_unstable();
    let mut truth = Vec::new();
    for c in &clusters {
        for (x, &p) in c.iter().enumerate() {
            for &q in &c[x + 1..] {
                let mut labels: Vec<&'static str> = records[p]
                    .labels
                    .iter()
                    .chain(&records[q].labels)
                    .copied()
                    .collect();
                labels.sort_unstable();
                labels.dedup();
                truth.push(TruePair {
                    a: customers[p],
                    b: customers[q],
                    labels,
                });
            }
        }
    }
    let position = customers
        .iter()
        .enumerate()
        .map(|(i, id)| (*id, i))
        .collect();
    Ok(LabelledDupes {
        workspace: ws,
        customers,
        entity_of,
        truth,
        family_of,
        duplicates: n_dups,
        memberships,
        position,
    })
}

fn ctx<T>(step: &'static str, r: clientcare::Result<T>) -> Result<T, BuildError> {
    r.map_err(|error| BuildError {
        step,
        error: Box::new(error),
    })
}

const SYLLABLES: &[&str] = &[
    "An",
    "Bình",
    "Phát",
    "Minh",
    "Long",
    "Hưng",
    "Thịnh",
    "Tân",
    "Cảng",
    "Việt",
    "Tiến",
    "Đại",
    "Dương",
    "Hoàng",
    "Gia",
    "Phú",
    "Mỹ",
    "Thành",
    "Công",
    "Nam",
    "Sơn",
    "Hà",
    "Kim",
    "Ngọc",
    "Quang",
    "Trường",
    "Thiên",
    "Lạc",
    "Hồng",
    "Đông",
    "Á",
    "Bảo",
    "Khang",
    "Thái",
    "Vĩnh",
    "Hòa",
    "Lợi",
    "Đức",
    "Tài",
    "Nguyên",
];
const INTL_STEMS: &[&str] = &[
    "Mekong",
    "Saigon",
    "Pacific",
    "Lumière",
    "Nordic",
    "Lotus",
    "Tanaka",
    "Hanbit",
    "Dragon",
    "Evergreen",
    "Riverside",
    "Orchid",
    "Kōyō",
    "Indochine",
    "Crescent",
    "Harbor",
    "Summit",
    "Jade",
    "Bamboo",
    "Coral",
];
const INTL_TRADES: &[&str] = &[
    "Logistics",
    "Trading",
    "Coffee",
    "Furniture",
    "Electronics",
    "Textiles",
    "Consulting",
    "Imports",
    "Foods",
    "Hospitality",
];
const INTL_FORMS: &[&str] = &["Ltd.", "Co., Ltd.", "Pte. Ltd.", "Inc.", "JSC", "GmbH"];

/// A company name: a Vietnamese brand of two syllables (1,560 brands) with
/// a legal form and a trade, or an international one.
fn company_name(rng: &mut Rng) -> names::CompanyName {
    if rng.chance(0.75) {
        let a = rng.index(SYLLABLES.len());
        let mut b = rng.index(SYLLABLES.len());
        if b == a {
            b = (b + 1) % SYLLABLES.len();
        }
        let brand = format!("{} {}", SYLLABLES[a], SYLLABLES[b]);
        let form = *rng.weighted(crate::names::VN_COMPANY_FORMS);
        let trade = *rng.pick(crate::names::VN_COMPANY_TRADES);
        let full = if trade.is_empty() {
            format!("{form} {brand}")
        } else {
            format!("{form} {trade} {brand}")
        };
        names::CompanyName {
            full,
            short: brand,
            vietnamese: true,
        }
    } else {
        let short = format!(
            "{} {} {}",
            rng.pick(INTL_STEMS),
            rng.pick(INTL_STEMS),
            rng.pick(INTL_TRADES)
        );
        names::CompanyName {
            full: format!("{short} {}", rng.pick(INTL_FORMS)),
            short,
            vietnamese: false,
        }
    }
}

/// A relative of a person: same family name (often the same middle name),
/// another given name; shares the address and often a phone.
fn relative(rng: &mut Rng, gen: &mut CustomerGen, of: &Entity) -> Entity {
    let base = of
        .person
        .clone()
        .unwrap_or_else(|| names::person(rng, 0.85));
    let mut name = if base.origin == Origin::Vietnamese {
        names::vietnamese_person(rng)
    } else {
        names::foreign_person(rng)
    };
    // A different given name than the relative's.
    for _ in 0..8 {
        if fold(&name.given) != fold(&base.given) {
            break;
        }
        name = if base.origin == Origin::Vietnamese {
            names::vietnamese_person(rng)
        } else {
            names::foreign_person(rng)
        };
    }
    name.family.clone_from(&base.family);
    if base.origin == Origin::Vietnamese {
        if rng.chance(0.5) && name.female == base.female {
            name.middle.clone_from(&base.middle);
        }
        name.full = format!("{} {} {}", name.family, name.middle.join(" "), name.given);
    } else if !name.native_script {
        name.full = format!("{} {}", name.given, name.family);
    }
    let mut g = gen.person(0.85);
    g.row.full_name.clone_from(&name.full);
    g.row.given_name = Some(name.given.clone());
    g.row.family_name = Some(name.family.clone());
    g.row.display_name = None;
    g.row.emails.retain(|_| rng.chance(0.7));
    if rng.chance(0.45) {
        if let Some(p) = of.row.phones.first() {
            g.row.phones.insert(0, p.clone());
        }
    }
    let addr = if rng.chance(0.75) { of.addr } else { None };
    if let Some(a) = addr {
        g.row.contacts.push(ContactPoint::Address {
            address: Box::new({
                let variant = rng.chance(0.3);
                a.render(rng, variant)
            }),
            label: Some("nhà".into()),
        });
    }
    Entity {
        row: g.row,
        person: Some(name),
        company: None,
        addr,
        org: None,
    }
}

/// A duplicate record of `e` and its perturbation labels.
fn duplicate(
    rng: &mut Rng,
    gen: &mut CustomerGen,
    e: &Entity,
) -> (RegisterCustomer, Vec<&'static str>, Option<usize>) {
    let mut labels = Vec::new();
    let mut row = RegisterCustomer {
        kind: e.row.kind,
        lifecycle: e.row.lifecycle,
        tags: e.row.tags.clone(),
        language: e.row.language.clone(),
        ..RegisterCustomer::default()
    };
    // Name.
    match (&e.person, &e.company) {
        (Some(p), _) => {
            let (full, given, family) = person_name_variant(rng, p, &mut labels);
            row.full_name = full;
            row.given_name = given;
            row.family_name = family;
        }
        (None, Some(c)) => {
            row.full_name = org_name_variant(rng, &c.full, &c.short, &mut labels);
            row.display_name = rng.chance(0.5).then(|| c.short.clone());
        }
        (None, None) => row.full_name.clone_from(&e.row.full_name),
    }
    // Email.
    if let Some(email) = e.row.emails.first() {
        let x = rng.unit();
        if x < 0.55 {
            labels.push("email_same");
            row.emails.push(if rng.chance(0.2) {
                format!(" {} ", email.trim().to_uppercase())
            } else {
                email.clone()
            });
        } else if x < 0.67 && e.person.is_some() {
            labels.push("email_domain");
            let local = email.trim().split('@').next().unwrap_or("khach");
            let domain = email.trim().rsplit('@').next().unwrap_or_default();
            let mut other = *rng.pick(OTHER_PROVIDERS);
            if other.eq_ignore_ascii_case(domain) {
                other = "yahoo.com.vn";
            }
            row.emails.push(format!("{local}@{other}"));
        } else if x < 0.85 {
            labels.push("email_missing");
        } else {
            labels.push("email_new");
            let g = gen.person(0.0);
            row.emails.extend(g.row.emails.into_iter().take(1));
        }
    }
    // Phone.
    if let Some(phone) = e.row.phones.first() {
        let x = rng.unit();
        if x < 0.6 {
            labels.push("phone_same");
            row.phones.push(reformat_phone(rng, phone));
        } else if x < 0.85 {
            labels.push("phone_missing");
        } else {
            labels.push("phone_new");
            row.phones.push(gen.mobile());
        }
    }
    // Address.
    if let Some(a) = e.addr {
        if rng.chance(0.6) {
            labels.push("address_same");
            row.contacts.push(ContactPoint::Address {
                address: Box::new(a.render(rng, true)),
                label: None,
            });
        } else {
            labels.push("address_missing");
        }
    } else if let Some(c @ ContactPoint::Address { .. }) = e
        .row
        .contacts
        .iter()
        .find(|c| matches!(c, ContactPoint::Address { .. }))
    {
        if rng.chance(0.6) {
            labels.push("address_same");
            row.contacts.push(c.clone());
        } else {
            labels.push("address_missing");
        }
    }
    let org = e.org.filter(|_| rng.chance(0.5));
    if org.is_some() {
        labels.push("org_same");
    }
    if !labels.iter().any(|l| {
        matches!(
            *l,
            "email_same" | "email_domain" | "phone_same" | "address_same" | "org_same"
        )
    }) {
        labels.push("shares_nothing_but_the_name");
    }
    (row, labels, org)
}

fn person_name_variant(
    rng: &mut Rng,
    p: &PersonName,
    labels: &mut Vec<&'static str>,
) -> (String, Option<String>, Option<String>) {
    let mut words: Vec<String> = p.full.split(' ').map(str::to_owned).collect();
    let vietnamese = p.origin == Origin::Vietnamese;
    if vietnamese && p.middle.len() == 1 && words.len() == 3 && rng.chance(0.08) {
        labels.push("name_dropped_middle");
        words.remove(1);
    }
    if !p.native_script && rng.chance(0.15) {
        labels.push("name_swapped");
        if vietnamese {
            // Given name first, as on Western forms: "Đức Nguyễn Văn".
            if let Some(last) = words.pop() {
                words.insert(0, last);
            }
        } else {
            words.reverse();
        }
    }
    if !p.native_script && rng.chance(0.3) {
        labels.push("name_no_diacritics");
        words = words.iter().map(|w| strip_diacritics(w)).collect();
    } else if rng.chance(0.05) {
        labels.push("name_upper");
        words = words.iter().map(|w| w.to_uppercase()).collect();
    }
    if rng.chance(0.25) {
        let typos = if rng.chance(0.2) { 2 } else { 1 };
        let mut done = 0;
        let mut tried = 0;
        while done < typos && tried < 10 {
            tried += 1;
            let i = rng.index(words.len());
            if words[i].chars().count() >= 4 {
                words[i] = typo(rng, &words[i]);
                done += 1;
            }
        }
        if done == 1 {
            labels.push("name_typo");
        } else if done >= 2 {
            labels.push("name_typo2");
        }
    }
    let full = words.join(" ");
    // Another given/family split: "Văn Đức" as the given name.
    let (given, family) = if vietnamese && rng.chance(0.2) {
        (
            Some(format!("{} {}", p.middle.join(" "), p.given)),
            Some(p.family.clone()),
        )
    } else if rng.chance(0.5) {
        (Some(p.given.clone()), Some(p.family.clone()))
    } else {
        (None, None)
    };
    (full, given, family)
}

fn org_name_variant(
    rng: &mut Rng,
    full: &str,
    short: &str,
    labels: &mut Vec<&'static str>,
) -> String {
    let mut name = match rng.below(5) {
        0 => full.to_owned(),
        1 => {
            labels.push("org_form");
            full.replacen("Công ty", "Cty", 1)
        }
        2 => {
            labels.push("org_form");
            short.to_owned()
        }
        3 => {
            labels.push("org_form");
            format!("{short} Co., Ltd.")
        }
        _ => {
            labels.push("name_no_diacritics");
            strip_diacritics(full)
        }
    };
    if rng.chance(0.15) {
        let words: Vec<&str> = name.split(' ').collect();
        let long: Vec<usize> = (0..words.len())
            .filter(|&i| words[i].chars().count() >= 5)
            .collect();
        if !long.is_empty() {
            let i = long[rng.index(long.len())];
            let mut owned: Vec<String> = words.iter().map(|w| (*w).to_owned()).collect();
            owned[i] = typo(rng, &owned[i]);
            name = owned.join(" ");
            labels.push("name_typo");
        }
    }
    name
}

/// The text without diacritics (`đ` too), keeping case and punctuation.
fn strip_diacritics(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii() {
                return c.to_string();
            }
            let f = fold(&c.to_string());
            if c.is_uppercase() {
                f.to_uppercase()
            } else {
                f
            }
        })
        .collect()
}

/// One typing error in a word: a wrong, missing, doubled or swapped letter.
fn typo(rng: &mut Rng, w: &str) -> String {
    let mut c: Vec<char> = w.chars().collect();
    if c.len() < 2 {
        return w.to_owned();
    }
    // Never the first letter: people rarely get it wrong.
    let i = 1 + rng.index(c.len() - 1);
    match rng.below(4) {
        0 => c[i] = (b'a' + rng.below(26) as u8) as char,
        1 => {
            c.remove(i);
        }
        2 => c.insert(i, c[i]),
        _ => {
            if i + 1 < c.len() {
                c.swap(i, i + 1);
            } else {
                c.swap(i - 1, i);
            }
        }
    }
    c.into_iter().collect()
}

/// The same number typed another way.
fn reformat_phone(rng: &mut Rng, raw: &str) -> String {
    let t = raw.trim();
    let digits: String = t.chars().filter(char::is_ascii_digit).collect();
    let plus = t.starts_with('+') || t.starts_with("(+");
    let national = if plus {
        digits.strip_prefix("84").map(|rest| format!("0{rest}"))
    } else {
        Some(digits.clone())
    };
    match national {
        Some(n) if n.len() == 10 && !n.starts_with("02") => format_vn_mobile(rng, &n),
        Some(n) => {
            if rng.chance(0.5) {
                n
            } else {
                format!("+84{}", n.trim_start_matches('0'))
            }
        }
        None => format!("+{digits}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clientcare::text::{normalize_phone, parse_region};

    #[test]
    fn deterministic_and_labelled() {
        let a = build(&DupeSpec::new(600, 3)).unwrap();
        let b = build(&DupeSpec::new(600, 3)).unwrap();
        assert_eq!(a.customers, b.customers);
        assert_eq!(a.truth, b.truth);
        assert_eq!(a.workspace.customer_count(), 600);
        assert!(a.truth.len() >= 55, "{}", a.truth.len());
        assert!(a.family_of.iter().enumerate().any(|(i, f)| *f != i));
        for t in &a.truth {
            assert_eq!(a.truth_of(t.a, t.b), Some(PairTruth::Duplicate));
        }
        let q = a.evaluate(&a.truth.iter().map(|t| (t.b, t.a)).collect::<Vec<_>>());
        assert_eq!((q.precision, q.recall), (1.0, 1.0));
    }

    #[test]
    fn perturbations_keep_values_valid() {
        let vn = parse_region("VN").ok();
        let mut rng = Rng::new(5);
        for raw in [
            "0901234567",
            "+84 90 123 4567",
            "(028) 3822 1234",
            "+33 6 12 34 56 78",
        ] {
            for _ in 0..20 {
                let r = reformat_phone(&mut rng, raw);
                assert_eq!(
                    normalize_phone("phone", &r, vn).ok(),
                    normalize_phone("phone", raw, vn).ok(),
                    "{raw} -> {r}"
                );
            }
        }
        assert_eq!(strip_diacritics("Nguyễn Văn Đức"), "Nguyen Van Duc");
        assert_eq!(strip_diacritics("12/3 Đường Láng"), "12/3 Duong Lang");
        for _ in 0..100 {
            let t = typo(&mut rng, "Nguyễn");
            assert!(t.starts_with('N'), "{t}");
        }
    }
}
