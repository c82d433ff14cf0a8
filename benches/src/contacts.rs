//! Phone numbers and email addresses, unique by construction.
//!
//! Every number or address is derived from a serial (`k`, the k-th one issued)
//! through a bijection, so two different serials never give the same value:
//! bulk registration of generated rows never meets an unintended conflict.

use crate::names::{CompanyName, PersonName};
use crate::rng::Rng;
use clientcare::text::fold;

/// Real Vietnamese mobile prefixes (national form, with the trunk `0`) and
/// their rough weight (Viettel 03x/086/09[678], Vinaphone 08[1-5]/088/09[14],
/// MobiFone 07x/089/09[03], Gmobile 099, Vietnamobile 092/056).
pub const VN_MOBILE_PREFIXES: &[(&str, u32)] = &[
    ("032", 4),
    ("033", 4),
    ("034", 4),
    ("035", 4),
    ("036", 4),
    ("037", 4),
    ("038", 4),
    ("039", 4),
    ("070", 3),
    ("076", 2),
    ("077", 3),
    ("078", 2),
    ("079", 3),
    ("081", 2),
    ("082", 2),
    ("083", 2),
    ("084", 2),
    ("085", 2),
    ("086", 4),
    ("088", 3),
    ("089", 2),
    ("090", 6),
    ("091", 6),
    ("093", 5),
    ("094", 4),
    ("096", 5),
    ("097", 6),
    ("098", 6),
    ("099", 1),
];

/// How many distinct values each serial space holds (7 digits).
pub const SERIAL_SPACE: u64 = 10_000_000;

/// A bijection of `0..SERIAL_SPACE` (multiplier coprime with 10^7), salted.
fn scramble(k: u64, salt: u64) -> u64 {
    (k % SERIAL_SPACE)
        .wrapping_mul(7_654_321)
        .wrapping_add(salt % SERIAL_SPACE)
        % SERIAL_SPACE
}

/// Whether the subscriber digits may follow this prefix (libphonenumber:
/// `89[6-9]`, `99[013-9]`).
fn prefix_accepts(prefix: &str, first_digit: u8) -> bool {
    match prefix {
        "089" => (6..=9).contains(&first_digit),
        "099" => first_digit != 2,
        _ => true,
    }
}

/// A Vietnamese mobile number, national digits (`0901234567`), for serial `k`.
/// Unique for `k < SERIAL_SPACE`.
pub fn vn_mobile_digits(rng: &mut Rng, k: u64, salt: u64) -> String {
    let sub = scramble(k, salt);
    let digits = format!("{sub:07}");
    let first = digits.as_bytes()[0] - b'0';
    let mut prefix = *rng.weighted(VN_MOBILE_PREFIXES);
    if !prefix_accepts(prefix, first) {
        prefix = "090";
    }
    format!("{prefix}{digits}")
}

/// Writes national mobile digits (`0901234567`) the way people type them.
pub fn format_vn_mobile(rng: &mut Rng, national: &str) -> String {
    let d = national.as_bytes();
    if d.len() != 10 {
        return national.to_owned();
    }
    let s = |a: usize, b: usize| &national[a..b];
    match rng.weighted(&[
        (0u8, 30),
        (1, 22),
        (2, 14),
        (3, 10),
        (4, 8),
        (5, 6),
        (6, 6),
        (7, 4),
    ]) {
        0 => national.to_owned(),
        1 => format!("{} {} {}", s(0, 3), s(3, 6), s(6, 10)),
        2 => format!("+84 {} {} {}", s(1, 3), s(3, 6), s(6, 10)),
        3 => format!("+84{}", s(1, 10)),
        4 => format!("{}.{}.{}", s(0, 3), s(3, 6), s(6, 10)),
        5 => format!("{} {} {}", s(0, 4), s(4, 7), s(7, 10)),
        6 => format!("{}-{}-{}", s(0, 3), s(3, 6), s(6, 10)),
        _ => format!("(+84) {}-{}-{}", s(1, 3), s(3, 6), s(6, 10)),
    }
}

/// A company landline in Hồ Chí Minh City (028) or Hà Nội (024), formatted
/// like `(028) 3822 1234`. Unique per serial `k`.
pub fn vn_landline(rng: &mut Rng, k: u64, salt: u64) -> String {
    let sub = format!("{:07}", scramble(k, salt));
    let area = if rng.chance(0.8) { "028" } else { "024" };
    // 28[2-9]/24[2-8] then 7 digits; 3 is in use in both cities.
    let national = format!("{area}3{sub}");
    let s = |a: usize, b: usize| &national[a..b];
    match rng.below(3) {
        0 => format!("({}) {} {}", s(0, 3), s(3, 7), s(7, 11)),
        1 => format!("{} {} {}", s(0, 3), s(3, 7), s(7, 11)),
        _ => format!("+84 {} {} {}", s(1, 3), s(3, 7), s(7, 11)),
    }
}

/// An international number (FR, US, UK, DE, JP, KR, CN, SG, AU, TH, IN) in
/// E.164-with-spaces form. Unique per serial `k < 1_000_000` within a country,
/// and across countries since each country has its own code.
pub fn international_phone(rng: &mut Rng, k: u64, salt: u64) -> String {
    let t = format!("{:06}", scramble(k, salt) % 1_000_000);
    let (a, b) = (&t[0..3], &t[3..6]);
    match rng.below(11) {
        0 => format!("+33 6 12 {} {} {}", &t[0..2], &t[2..4], &t[4..6]),
        1 => format!("+1 (415) 2{}-{}", &t[0..2], &t[2..6]),
        2 => format!("+44 7400 {a}{b}"),
        3 => format!("+49 151 23{a} {b}"),
        4 => format!("+81 90-12{}-{}", &t[0..2], &t[2..6]),
        5 => format!("+82 10-23{}-{}", &t[0..2], &t[2..6]),
        6 => format!("+86 138 01{} {}", &t[0..2], &t[2..6]),
        7 => format!("+65 91{a} {b}"),
        8 => format!("+61 412 {a} {b}"),
        9 => format!("+66 81 2{a} {b}"),
        _ => format!("+91 98{a} {b}21"),
    }
}

const PERSONAL_DOMAINS: &[(&str, u32)] = &[
    ("gmail.com", 58),
    ("yahoo.com", 8),
    ("yahoo.com.vn", 5),
    ("outlook.com", 6),
    ("hotmail.com", 5),
    ("icloud.com", 5),
    ("fpt.vn", 2),
    ("vnn.vn", 1),
    ("proton.me", 1),
];

fn folded_words(s: &str) -> Vec<String> {
    fold(s)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

fn initials(words: &[String]) -> String {
    words.iter().filter_map(|w| w.chars().next()).collect()
}

/// A personal email derived from the folded name, unique by the serial `k`
/// (its digits end the local part, which otherwise never ends in a digit).
/// Some come with upper case or spaces, as typed in forms.
pub fn person_email(rng: &mut Rng, name: &PersonName, k: u64) -> String {
    let family = folded_words(&name.family).concat();
    let given = folded_words(&name.given).concat();
    let middle: Vec<String> = name.middle.iter().flat_map(|m| folded_words(m)).collect();
    let family = if family.is_empty() {
        "khach".to_owned()
    } else {
        family
    };
    let given = if given.is_empty() {
        "hang".to_owned()
    } else {
        given
    };
    let local = match rng.below(6) {
        0 => format!("{given}.{family}{k}"),
        1 => format!("{family}{}{given}{k}", middle.concat()),
        2 => format!(
            "{given}{}{}{k}",
            family.chars().next().map(String::from).unwrap_or_default(),
            initials(&middle)
        ),
        3 => format!("{given}_{family}{k}"),
        4 => format!("{family}.{given}{k}"),
        _ => format!("{given}{family}{k}"),
    };
    let domain = *rng.weighted(PERSONAL_DOMAINS);
    let raw = format!("{local}@{domain}");
    if rng.chance(0.05) {
        // As typed into a web form: capitalised, with stray spaces.
        let mut c = raw.chars();
        let first = c.next().map(|f| f.to_ascii_uppercase()).unwrap_or('x');
        format!(" {first}{} ", c.as_str())
    } else {
        raw
    }
}

/// The web domain of a company, unique by serial `k` (`anphat12.com.vn`).
pub fn company_domain(company: &CompanyName, k: u64) -> String {
    let stem = folded_words(&company.short).concat();
    let tld = if company.vietnamese { "com.vn" } else { "com" };
    format!("{stem}{k}.{tld}")
}

/// A company mailbox (`info@anphat12.com.vn`).
pub fn company_email(rng: &mut Rng, domain: &str) -> String {
    let mailbox = *rng.pick(&["info", "contact", "sales", "lienhe", "ketoan", "office"]);
    format!("{mailbox}@{domain}")
}

/// A person's work email at a company domain (never used for personal
/// emails), unique by the person's serial `k`.
pub fn work_email(name: &PersonName, domain: &str, k: u64) -> String {
    let given = folded_words(&name.given).concat();
    let family = folded_words(&name.family).concat();
    format!("{given}.{family}{k}@{domain}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use clientcare::text::{normalize_email, normalize_phone, parse_region};
    use std::collections::HashSet;

    #[test]
    fn every_vn_prefix_and_format_is_valid_and_unique() {
        let vn = parse_region("VN").ok();
        let mut rng = Rng::new(5);
        let mut seen = HashSet::new();
        for k in 0..1500 {
            let national = vn_mobile_digits(&mut rng, k, 99);
            let typed = format_vn_mobile(&mut rng, &national);
            let e164 = normalize_phone("phone", &typed, vn);
            assert!(e164.is_ok(), "{typed} ({national}) is not valid");
            assert!(seen.insert(e164.unwrap_or_default()), "duplicate {typed}");
        }
        // Every prefix with every first subscriber digit it accepts.
        for (p, _) in VN_MOBILE_PREFIXES {
            for d in 0..10u8 {
                if prefix_accepts(p, d) {
                    let n = format!("{p}{d}234567");
                    assert!(normalize_phone("phone", &n, vn).is_ok(), "{n}");
                }
            }
        }
        for k in 0..150 {
            let l = vn_landline(&mut rng, k, 3);
            assert!(normalize_phone("phone", &l, vn).is_ok(), "{l}");
            let i = international_phone(&mut rng, k, 3);
            assert!(normalize_phone("phone", &i, vn).is_ok(), "{i}");
        }
    }

    #[test]
    fn emails_are_valid() {
        let mut rng = Rng::new(8);
        for k in 0..5000 {
            let name = crate::names::person(&mut rng, 0.6);
            let e = person_email(&mut rng, &name, k);
            assert!(normalize_email("email", &e).is_ok(), "{e}");
            let c = crate::names::company(&mut rng, 0.7);
            let d = company_domain(&c, k);
            assert!(
                normalize_email("email", &company_email(&mut rng, &d)).is_ok(),
                "{d}"
            );
            assert!(normalize_email("email", &work_email(&name, &d, k)).is_ok());
        }
    }
}
