//! Customer rows ([`RegisterCustomer`]) for bulk registration: people and
//! companies, Vietnamese and international, with mixed contact formats.

use crate::contacts::{
    company_domain, company_email, format_vn_mobile, international_phone, person_email,
    vn_landline, vn_mobile_digits, work_email,
};
use crate::names::{self, CompanyName, Origin, PersonName};
use crate::rng::Rng;
use chrono::NaiveDate;
use clientcare::{
    AttrValue, Channel, ContactPoint, CustomerKind, Lifecycle, Network, PostalAddress,
    RegisterCustomer,
};

/// Tags a Hồ Chí Minh City shop puts on customers.
pub const TAGS: &[&str] = &[
    "vip",
    "khách sỉ",
    "khách lẻ",
    "khách quen",
    "quận 1",
    "quận 3",
    "quận 7",
    "bình thạnh",
    "thủ đức",
    "phú nhuận",
    "newsletter",
    "zalo-oa",
    "b2b",
    "giao hàng nhanh",
    "hay đổi trả",
    "sinh nhật tháng 10",
    "tết 2027",
    "online",
    "hội viên",
];

/// Manual tiers of the loyalty programme.
pub const TIERS: &[&str] = &["thành viên", "bạc", "vàng", "kim cương"];

const LIFECYCLES: &[(Option<Lifecycle>, u32)] = &[
    (None, 30),
    (Some(Lifecycle::Prospect), 20),
    (Some(Lifecycle::Customer), 35),
    (Some(Lifecycle::Loyal), 10),
    (Some(Lifecycle::Churned), 5),
];

const PREFERRED: &[(Channel, u32)] = &[
    (Channel::Phone, 30),
    (Channel::Social, 35),
    (Channel::Email, 15),
    (Channel::Sms, 10),
    (Channel::InPerson, 10),
];

const DISTRICTS: &[&str] = &[
    "Quận 1",
    "Quận 3",
    "Quận 5",
    "Quận 7",
    "Quận 10",
    "Bình Thạnh",
    "Thủ Đức",
    "Gò Vấp",
    "Phú Nhuận",
    "Tân Bình",
];

const SOURCES: &[&str] = &[
    "facebook ads",
    "khách vãng lai",
    "giới thiệu",
    "shopee",
    "tiktok shop",
    "website",
];

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
];

const WARDS: &[&str] = &[
    "Phường Bến Nghé",
    "Phường Bến Thành",
    "Phường Võ Thị Sáu",
    "Phường Tân Định",
    "Phường Thảo Điền",
    "Phường Tân Phong",
];

/// One generated customer: the row to register and what it was made from.
#[derive(Debug, Clone, PartialEq)]
pub struct GeneratedCustomer {
    /// The command row.
    pub row: RegisterCustomer,
    /// The person's name parts (people only).
    pub person: Option<PersonName>,
    /// The company's name (organisations only).
    pub company: Option<CompanyName>,
    /// The company's web domain (organisations only).
    pub domain: Option<String>,
    /// When the row deliberately reuses another customer's phone (a
    /// relative's number, with `allow_shared_contacts`): that customer's
    /// position in this generator's output (0-based). Register it first.
    pub shares_with: Option<usize>,
}

/// A seeded stream of customers. Emails and phones are unique by construction
/// (derived from serials), except the deliberate shared share.
#[derive(Debug, Clone)]
pub struct CustomerGen {
    rng: Rng,
    salt: u64,
    serial: u64,
    mobiles: u64,
    landlines: u64,
    intl: u64,
    shared_share: f64,
    vietnamese_share: f64,
    organization_share: f64,
    last_phone: Option<(String, usize)>,
    generated: usize,
}

impl CustomerGen {
    /// A generator for `seed`, with 0.3 % of people sharing a relative's phone,
    /// 85 % Vietnamese names and 10 % organisations.
    #[must_use]
    pub fn new(seed: u64) -> Self {
        let mut rng = Rng::new(seed);
        let salt = rng.next_u64();
        Self {
            rng,
            salt,
            serial: 0,
            mobiles: 0,
            landlines: 0,
            intl: 0,
            shared_share: 0.003,
            vietnamese_share: 0.85,
            organization_share: 0.10,
            last_phone: None,
            generated: 0,
        }
    }

    /// Sets the share of people who reuse a relative's phone (0 for none).
    #[must_use]
    pub fn shared_share(mut self, share: f64) -> Self {
        self.shared_share = share;
        self
    }

    /// Sets the share of organisations among customers.
    #[must_use]
    pub fn organization_share(mut self, share: f64) -> Self {
        self.organization_share = share;
        self
    }

    /// The generator's random stream (for callers who add their own details).
    pub fn rng(&mut self) -> &mut Rng {
        &mut self.rng
    }

    fn next_serial(&mut self) -> u64 {
        self.serial += 1;
        self.serial
    }

    /// How many customers this generator has made so far.
    #[must_use]
    pub fn generated(&self) -> usize {
        self.generated
    }

    /// A fresh Vietnamese mobile as typed by a person.
    pub fn mobile(&mut self) -> String {
        let k = self.mobiles;
        self.mobiles += 1;
        let digits = vn_mobile_digits(&mut self.rng, k, self.salt);
        format_vn_mobile(&mut self.rng, &digits)
    }

    fn landline(&mut self) -> String {
        let k = self.landlines;
        self.landlines += 1;
        vn_landline(&mut self.rng, k, self.salt ^ 0x55)
    }

    fn international(&mut self) -> String {
        let k = self.intl;
        self.intl += 1;
        international_phone(&mut self.rng, k, self.salt ^ 0xAA)
    }

    /// The next customer: a person or (by the organisation share) a company.
    pub fn next_customer(&mut self) -> GeneratedCustomer {
        if self.rng.chance(self.organization_share) {
            self.company()
        } else {
            let vn = self.vietnamese_share;
            self.person(vn)
        }
    }

    /// A person, Vietnamese with probability `vietnamese_share`.
    pub fn person(&mut self, vietnamese_share: f64) -> GeneratedCustomer {
        let k = self.next_serial();
        let name = names::person(&mut self.rng, vietnamese_share);
        let vietnamese = name.origin == Origin::Vietnamese;
        let mut row = RegisterCustomer {
            kind: CustomerKind::Person,
            full_name: name.full.clone(),
            given_name: Some(name.given.clone()),
            family_name: Some(name.family.clone()),
            ..RegisterCustomer::default()
        };
        if vietnamese && self.rng.chance(0.15) {
            row.display_name = Some(name.address_form());
        }
        let r = &mut self.rng;
        let want_email = r.chance(0.8);
        let want_phone = r.chance(0.9) || !want_email;
        if want_email {
            row.emails.push(person_email(r, &name, k));
            if r.chance(0.05) {
                row.emails.push(person_email(r, &name, k));
            }
        }
        let mut shares_with = None;
        let me = self.generated;
        self.generated += 1;
        if want_phone {
            let share = self.shared_share > 0.0 && self.rng.chance(self.shared_share);
            match self.last_phone.clone() {
                Some((p, holder)) if share => {
                    row.phones.push(p);
                    row.allow_shared_contacts = true;
                    shares_with = Some(holder);
                }
                _ => {
                    let p = if vietnamese || self.rng.chance(0.4) {
                        self.mobile()
                    } else {
                        self.international()
                    };
                    self.last_phone = Some((p.clone(), me));
                    row.phones.push(p);
                }
            }
            if self.rng.chance(0.06) {
                let p = self.mobile();
                row.phones.push(p);
            }
        }
        let r = &mut self.rng;
        if r.chance(0.1) {
            let contact = if vietnamese && r.chance(0.7) {
                // Zalo accounts are found by phone number.
                let handle = row
                    .phones
                    .first()
                    .cloned()
                    .unwrap_or_else(|| format!("zalo{k}"));
                ContactPoint::Social {
                    network: Network::Zalo,
                    handle,
                    label: None,
                }
            } else {
                ContactPoint::Social {
                    network: Network::Facebook,
                    handle: format!(
                        "{}.{k}",
                        clientcare::text::fold(&name.full).replace(' ', ".")
                    ),
                    label: None,
                }
            };
            row.contacts.push(contact);
        }
        if vietnamese {
            if r.chance(0.5) {
                row.language = Some("vi".into());
            }
        } else {
            if r.chance(0.8) {
                row.language = Some(name.origin.language().into());
            }
            if r.chance(0.3) {
                row.time_zone = Some(name.origin.time_zone().into());
            }
        }
        common_details(r, &mut row);
        if r.chance(0.25) {
            let y = 1960 + r.below(45) as i32;
            let m = 1 + r.below(12) as u32;
            let d = 1 + r.below(28) as u32;
            if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
                row.attributes
                    .insert("birthday".into(), AttrValue::Date(date));
            }
        }
        GeneratedCustomer {
            row,
            person: Some(name),
            company: None,
            domain: None,
            shares_with,
        }
    }

    /// A company (Vietnamese 75 %).
    pub fn company(&mut self) -> GeneratedCustomer {
        let k = self.next_serial();
        self.generated += 1;
        let company = names::company(&mut self.rng, 0.75);
        let domain = company_domain(&company, k);
        let mut row = RegisterCustomer {
            kind: CustomerKind::Organization,
            full_name: company.full.clone(),
            display_name: Some(company.short.clone()),
            ..RegisterCustomer::default()
        };
        if self.rng.chance(0.9) {
            row.emails.push(company_email(&mut self.rng, &domain));
        }
        if self.rng.chance(0.85) || row.emails.is_empty() {
            let l = self.landline();
            row.phones.push(l);
        }
        if self.rng.chance(0.3) {
            let m = self.mobile();
            row.phones.push(m);
        }
        let r = &mut self.rng;
        if r.chance(0.5) {
            row.contacts.push(ContactPoint::Address {
                address: PostalAddress {
                    lines: vec![
                        format!("{} {}", 1 + r.below(250), r.pick(STREETS)),
                        (*r.pick(WARDS)).to_owned(),
                    ],
                    city: Some("Thành phố Hồ Chí Minh".into()),
                    region: None,
                    postal_code: Some("700000".into()),
                    country: Some("VN".into()),
                }
                .into(),
                label: Some("trụ sở".into()),
            });
        }
        if company.vietnamese {
            row.language = Some("vi".into());
            if r.chance(0.6) {
                row.attributes.insert(
                    "tax_code".into(),
                    AttrValue::Text(format!("03{:08}", k % 100_000_000)),
                );
            }
        } else if r.chance(0.7) {
            row.language = Some("en".into());
        }
        if r.chance(0.5) {
            row.attributes.insert(
                "employees".into(),
                AttrValue::Integer(5 + r.below(500) as i64),
            );
        }
        common_details(r, &mut row);
        if !row.tags.iter().any(|t| t == "b2b") {
            row.tags.push("b2b".into());
        }
        GeneratedCustomer {
            row,
            person: None,
            company: Some(company),
            domain: Some(domain),
            shares_with: None,
        }
    }

    /// A person with exactly two contact points (one email, one mobile) and no
    /// other details: the unit of the memory target.
    pub fn two_contact_person(&mut self) -> RegisterCustomer {
        let k = self.next_serial();
        self.generated += 1;
        let name = names::person(&mut self.rng, self.vietnamese_share);
        let email = person_email(&mut self.rng, &name, k);
        let phone = self.mobile();
        RegisterCustomer {
            full_name: name.full,
            emails: vec![email],
            phones: vec![phone],
            ..RegisterCustomer::default()
        }
    }

    /// A work email for `person` at a company `domain`, unique like every
    /// generated email.
    pub fn work_email(&mut self, person: &PersonName, domain: &str) -> String {
        let k = self.next_serial();
        work_email(person, domain, k)
    }
}

fn common_details(r: &mut Rng, row: &mut RegisterCustomer) {
    let ntags = r.weighted(&[(0usize, 35), (1, 35), (2, 20), (3, 10)]);
    for _ in 0..*ntags {
        row.tags.push((*r.pick(TAGS)).to_owned());
    }
    row.lifecycle = *r.weighted(LIFECYCLES);
    if r.chance(0.2) {
        row.tier = Some((*r.pick(TIERS)).to_owned());
    }
    if r.chance(0.4) {
        row.preferred_channel = Some(*r.weighted(PREFERRED));
    }
    if r.chance(0.3) {
        row.attributes.insert(
            "district".into(),
            AttrValue::Text((*r.pick(DISTRICTS)).to_owned()),
        );
    }
    if r.chance(0.2) {
        row.attributes.insert(
            "source".into(),
            AttrValue::Text((*r.pick(SOURCES)).to_owned()),
        );
    }
}

/// `n` realistic customer rows for `seed` (people and companies, 0.3 % sharing
/// a relative's phone with `allow_shared_contacts`). No owner is set.
#[must_use]
pub fn customer_rows(n: usize, seed: u64) -> Vec<RegisterCustomer> {
    let mut g = CustomerGen::new(seed);
    (0..n).map(|_| g.next_customer().row).collect()
}

/// `n` people with exactly one email and one phone each, all unique.
#[must_use]
pub fn two_contact_rows(n: usize, seed: u64) -> Vec<RegisterCustomer> {
    let mut g = CustomerGen::new(seed);
    (0..n).map(|_| g.two_contact_person()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use clientcare::text::{normalize_email, normalize_phone, parse_region};
    use clientcare::{Meta, Workspace};
    use std::collections::HashSet;

    #[test]
    fn rows_are_deterministic_for_a_seed() {
        assert_eq!(customer_rows(500, 42), customer_rows(500, 42));
        assert_ne!(customer_rows(50, 42), customer_rows(50, 43));
        assert_eq!(two_contact_rows(100, 1), two_contact_rows(100, 1));
    }

    /// Digits of a generated phone in international form (`84901234567`).
    fn canonical(raw: &str) -> String {
        let digits: String = raw.chars().filter(char::is_ascii_digit).collect();
        let t = raw.trim_start();
        if t.starts_with('+') || t.starts_with("(+") {
            digits
        } else {
            format!("84{}", digits.trim_start_matches('0'))
        }
    }

    #[test]
    fn phones_are_valid_and_contacts_unique_except_deliberate_shares() {
        let vn = parse_region("VN").ok();
        let rows = customer_rows(20_000, 7);
        let mut emails = HashSet::new();
        let mut phones = HashSet::new();
        let mut shared = 0;
        let mut orgs = 0;
        for (i, r) in rows.iter().enumerate() {
            assert!(!r.emails.is_empty() || !r.phones.is_empty(), "{r:?}");
            if r.kind == CustomerKind::Organization {
                orgs += 1;
            }
            let mut mine = HashSet::new();
            for e in &r.emails {
                let e = e.trim().to_lowercase();
                if mine.insert(e.clone()) {
                    assert!(emails.insert(e.clone()), "duplicate email {e}");
                }
            }
            for p in &r.phones {
                // Full libphonenumber validation on a sample (slow in debug builds).
                if i < 400 {
                    normalize_phone("phone", p, vn)
                        .unwrap_or_else(|e| panic!("invalid phone {p}: {e}"));
                }
                if !phones.insert(canonical(p)) {
                    assert!(r.allow_shared_contacts, "unintended duplicate phone {p}");
                    shared += 1;
                }
            }
            if i < 400 {
                for e in &r.emails {
                    normalize_email("email", e).unwrap();
                }
            }
        }
        assert!(shared > 20 && shared < 120, "{shared}");
        assert!((1500..2500).contains(&orgs), "{orgs}");
    }

    #[test]
    fn bulk_registration_has_no_conflicts() {
        let at = crate::calendar::local(2026, 10, 1, 9, 0).unwrap();
        let mut ws = Workspace::with_seed(1);
        ws.configure(Meta::system(at), Some("VN")).unwrap();
        let out = ws.register_customers(Meta::system(at), customer_rows(1500, 3));
        let errors: Vec<_> = out.errors().take(3).collect();
        assert!(errors.is_empty(), "{errors:?}");
        // Uniqueness holds within one generator (one seed).
        let mut ws = Workspace::with_seed(2);
        ws.configure(Meta::system(at), Some("VN")).unwrap();
        let out = ws.register_customers(Meta::system(at), two_contact_rows(1000, 9));
        assert_eq!(out.applied(), 1000);
    }
}
