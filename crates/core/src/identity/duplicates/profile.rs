//! What duplicate detection reads of a customer: its folded name words and
//! its keys (emails, phones, addresses, organisations, email local parts) as
//! tagged 64-bit hashes.

use super::names::Name;
use crate::customer::{ContactPoint, Customer, CustomerKind, Membership, PostalAddress};
use crate::id::CustomerId;
use crate::text::{fold, tokens};
use std::hash::BuildHasher;

/// Signal kinds, stored in the top 3 bits of a key.
pub(super) const EMAIL: usize = 1;
pub(super) const PHONE: usize = 2;
pub(super) const ADDRESS: usize = 3;
pub(super) const ORGANIZATION: usize = 4;
pub(super) const LOCAL: usize = 5;
/// Number of kind slots (index 0 unused).
pub(super) const KINDS: usize = 6;

/// Names keep at most this many words.
pub(super) const MAX_WORDS: usize = 8;

const HASH: foldhash::fast::FixedState =
    foldhash::fast::FixedState::with_seed(0x6475_7065_735f_6b65);
const LOW: u64 = (1 << 61) - 1;

/// A 64-bit hash of anything hashable, stable for a build.
pub(super) fn hash<T: std::hash::Hash + ?Sized>(v: &T) -> u64 {
    HASH.hash_one(v)
}

fn key(kind: usize, h: u64) -> u64 {
    ((kind as u64) << 61) | (h & LOW)
}

/// The signal kind of a key.
pub(super) fn kind_of(key: u64) -> usize {
    (key >> 61) as usize
}

/// The human-readable value behind a key (for reasons).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Value {
    Text(String),
    Org(CustomerId),
}

/// A customer (or draft) as duplicate detection sees it.
#[derive(Debug, Clone, Default)]
pub(super) struct Profile {
    pub kind: CustomerKind,
    /// Folded name words, de-duplicated and sorted, joined by single spaces;
    /// an organisation's display name follows after `|` when it differs.
    pub words: String,
    /// Middle words per alternative (see [`Name`]).
    pub middle: u16,
    /// Sorted, de-duplicated keys.
    pub keys: Vec<u64>,
    /// When built with values: the value of each key (same order as `keys`).
    pub values: Vec<Value>,
}

/// A borrowed profile (from a [`Profile`] or a scan's table).
#[derive(Debug, Clone, Copy)]
pub(super) struct ProfileRef<'a> {
    pub kind: CustomerKind,
    pub name: Name<'a>,
    pub keys: &'a [u64],
}

impl Profile {
    pub fn as_ref(&self) -> ProfileRef<'_> {
        ProfileRef {
            kind: self.kind,
            name: self.name(),
            keys: &self.keys,
        }
    }

    pub fn name(&self) -> Name<'_> {
        Name {
            words: &self.words,
            middle: self.middle,
        }
    }

    /// Rebuilds the profile of a registered customer.
    pub fn of_customer(&mut self, c: &Customer, with_values: bool) {
        self.fill(
            c.kind,
            &c.names.full,
            c.names.display.as_deref(),
            &c.contacts,
            &c.memberships,
            with_values,
        );
    }

    /// Rebuilds the profile from a record's parts (contacts normalised).
    pub fn fill(
        &mut self,
        kind: CustomerKind,
        full_name: &str,
        display_name: Option<&str>,
        contacts: &[ContactPoint],
        memberships: &[Membership],
        with_values: bool,
    ) {
        self.middle = name_words(kind, full_name, display_name, &mut self.words);
        self.fill_keys(kind, contacts, memberships, with_values);
    }

    /// Rebuilds only the name of a registered customer (after [`Self::keys_of`]).
    pub fn name_of(&mut self, c: &Customer) {
        self.middle = name_words(
            c.kind,
            &c.names.full,
            c.names.display.as_deref(),
            &mut self.words,
        );
    }

    /// Rebuilds the kind and keys of a registered customer, not its name
    /// (the name is folded only when needed; see [`Self::name_of`]).
    pub fn keys_of(&mut self, c: &Customer) {
        self.fill_keys(c.kind, &c.contacts, &c.memberships, false);
    }

    fn fill_keys(
        &mut self,
        kind: CustomerKind,
        contacts: &[ContactPoint],
        memberships: &[Membership],
        with_values: bool,
    ) {
        self.kind = kind;
        self.keys.clear();
        self.values.clear();
        let mut push = |k: u64, v: &dyn Fn() -> Value| {
            self.keys.push(k);
            if with_values {
                self.values.push(v());
            }
        };
        for c in contacts {
            match c {
                ContactPoint::Email { address, .. } => {
                    push(key(EMAIL, hash(address.as_str())), &|| {
                        Value::Text(address.clone())
                    });
                    if let Some(local) = local_key(address) {
                        push(key(LOCAL, hash(local.as_str())), &|| {
                            Value::Text(local.clone())
                        });
                    }
                }
                ContactPoint::Phone { number, .. } => {
                    push(key(PHONE, hash(number.as_str())), &|| {
                        Value::Text(number.clone())
                    });
                }
                ContactPoint::Address { address, .. } => {
                    if let Some(k) = address_key(address) {
                        push(key(ADDRESS, hash(k.as_str())), &|| Value::Text(k.clone()));
                    }
                }
                ContactPoint::Social { .. } => {}
            }
        }
        if kind == CustomerKind::Person {
            for m in memberships {
                let org = m.organization;
                push(key(ORGANIZATION, hash(&org.uuid().as_u128())), &|| {
                    Value::Org(org)
                });
            }
        }
        if with_values {
            let mut both: Vec<(u64, Value)> =
                self.keys.drain(..).zip(self.values.drain(..)).collect();
            both.sort_by_key(|(k, _)| *k);
            both.dedup_by_key(|(k, _)| *k);
            for (k, v) in both {
                self.keys.push(k);
                self.values.push(v);
            }
        } else {
            self.keys.sort_unstable();
            self.keys.dedup();
        }
    }

    /// The value of `key`, when built with values.
    pub fn value(&self, key: u64) -> Option<&Value> {
        let i = self.keys.binary_search(&key).ok()?;
        self.values.get(i)
    }
}

/// Legal forms dropped from organisation names (folded word sequences).
const LEGAL_FORMS: &[&[&str]] = &[
    &["doanh", "nghiep", "tu", "nhan"],
    &["cong", "ty"],
    &["co", "phan"],
    &["co", "ltd"],
    &["k", "k"],
    &["cty"],
    &["ctcp"],
    &["tnhh"],
    &["mtv"],
    &["cp"],
    &["dntn"],
    &["ltd"],
    &["limited"],
    &["llc"],
    &["inc"],
    &["corp"],
    &["corporation"],
    &["company"],
    &["jsc"],
    &["gmbh"],
    &["sarl"],
    &["pte"],
    &["plc"],
    &["kk"],
];

/// Folds a name into its sorted, de-duplicated words (at most
/// [`MAX_WORDS`], in name order before sorting) and returns the mask of its
/// middle words. Organisations lose their legal forms when other words
/// remain, and add their display name as a second alternative after `|`.
pub(super) fn name_words(
    kind: CustomerKind,
    full: &str,
    display: Option<&str>,
    out: &mut String,
) -> u16 {
    out.clear();
    let mut middle = u16::from(alternative(kind, full, out));
    if kind == CustomerKind::Organization {
        if let Some(d) = display {
            let mut alt = String::new();
            let m = alternative(kind, d, &mut alt);
            if !alt.is_empty() && alt != *out {
                out.push('|');
                out.push_str(&alt);
                middle |= u16::from(m) << 8;
            }
        }
    }
    middle
}

fn alternative(kind: CustomerKind, name: &str, out: &mut String) -> u8 {
    let folded = fold(name);
    let all: Vec<&str> = tokens(&folded).collect();
    let mut words: Vec<&str> = Vec::with_capacity(all.len().min(MAX_WORDS));
    if kind == CustomerKind::Organization {
        let mut i = 0;
        while i < all.len() {
            if let Some(form) = LEGAL_FORMS
                .iter()
                .find(|f| all.get(i..i + f.len()).is_some_and(|w| w == **f))
            {
                i += form.len();
            } else {
                words.push(all[i]);
                i += 1;
            }
        }
        if words.is_empty() {
            words.clone_from(&all);
        }
    } else {
        words.clone_from(&all);
    }
    words.truncate(MAX_WORDS);
    let n = words.len();
    let mut flagged: Vec<(&str, bool)> = words
        .iter()
        .enumerate()
        .map(|(i, w)| (*w, i > 0 && i + 1 < n))
        .collect();
    flagged.sort_unstable();
    flagged.dedup_by(|x, y| x.0 == y.0);
    let mut mask = 0u8;
    for (i, (w, mid)) in flagged.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(w);
        if *mid {
            mask |= 1 << i;
        }
    }
    mask
}

/// Local parts that name a role, not a person.
const GENERIC_LOCALS: &[&str] = &[
    "account",
    "accounts",
    "admin",
    "billing",
    "booking",
    "career",
    "careers",
    "contact",
    "contacts",
    "cskh",
    "email",
    "hello",
    "hotro",
    "info",
    "jobs",
    "ketoan",
    "lienhe",
    "mail",
    "marketing",
    "noreply",
    "no-reply",
    "office",
    "order",
    "orders",
    "sales",
    "service",
    "services",
    "shop",
    "store",
    "support",
    "team",
    "test",
    "user",
    "webmaster",
];

/// The key of an email's local part, when distinctive: `+tags` and dots
/// dropped, at least 4 characters left, not a role like `info` or `sales`.
pub(super) fn local_key(address: &str) -> Option<String> {
    let (local, _) = address.rsplit_once('@')?;
    let local = match local.split_once('+') {
        Some((l, _)) if !l.is_empty() => l,
        _ => local,
    };
    let key: String = local.chars().filter(|c| *c != '.').collect();
    (key.chars().count() >= 4 && !GENERIC_LOCALS.contains(&key.as_str())).then_some(key)
}

/// Words of a street line that say nothing about the place.
const ADDRESS_NOISE: &[&str] = &[
    "duong", "d", "so", "street", "st", "str", "road", "rd", "avenue", "ave", "hem",
];

/// Words that open an apartment, room or floor line ("Căn hộ 12.05", "Apt 3B").
const UNIT_WORDS: &[&str] = &[
    "can",
    "ho",
    "ch",
    "apt",
    "apartment",
    "unit",
    "phong",
    "room",
    "suite",
    "flat",
    "lau",
    "tang",
    "floor",
    "block",
    "toa",
];

/// The key of a postal address: its folded first line (without words like
/// "Đường"), which must hold a house number; the apartment or room from a
/// later line that starts with such a word ("Căn hộ 12.05 tòa L3"), if any;
/// and its city (common spellings of Hồ Chí Minh City, Hà Nội and Đà Nẵng
/// unified), else its postal code.
pub(super) fn address_key(a: &PostalAddress) -> Option<String> {
    let first = fold(a.lines.first()?);
    let line: Vec<&str> = tokens(&first)
        .filter(|w| !ADDRESS_NOISE.contains(w))
        .collect();
    if !line.iter().any(|w| w.bytes().any(|b| b.is_ascii_digit())) {
        return None;
    }
    let mut key = line.join(" ");
    for l in a.lines.iter().skip(1) {
        let folded = fold(l);
        let mut words = tokens(&folded).peekable();
        if !words.peek().is_some_and(|w| UNIT_WORDS.contains(w)) {
            continue;
        }
        let unit: Vec<&str> = words.filter(|w| !UNIT_WORDS.contains(w)).collect();
        if unit.iter().any(|w| w.bytes().any(|b| b.is_ascii_digit())) {
            key.push_str(" # ");
            key.push_str(&unit.join(" "));
            break;
        }
    }
    let place = match (&a.city, &a.postal_code) {
        (Some(city), _) => place_of(city),
        (None, Some(code)) => fold(code),
        (None, None) => String::new(),
    };
    key.push_str(", ");
    key.push_str(&place);
    Some(key)
}

fn place_of(city: &str) -> String {
    let folded = fold(city);
    let words: Vec<&str> = tokens(&folded)
        .filter(|w| !matches!(*w, "thanh" | "pho" | "tp" | "city" | "tinh" | "province"))
        .collect();
    let joined = words.join(" ");
    match joined.as_str() {
        "hcm" | "hcmc" | "sai gon" | "saigon" | "ho chi minh" => "ho chi minh".to_owned(),
        "hn" | "hanoi" | "ha noi" => "ha noi".to_owned(),
        "dn" | "danang" | "da nang" => "da nang".to_owned(),
        _ => joined,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(kind: CustomerKind, s: &str) -> String {
        let mut out = String::new();
        name_words(kind, s, None, &mut out);
        out
    }

    #[test]
    fn names_fold_sort_and_drop_legal_forms() {
        let p = CustomerKind::Person;
        let o = CustomerKind::Organization;
        assert_eq!(words(p, "Nguyễn Văn Đức"), "duc nguyen van");
        assert_eq!(words(p, "Đức NGUYEN van"), "duc nguyen van");
        assert_eq!(words(o, "Công ty TNHH An Phát"), "an phat");
        assert_eq!(words(o, "Cty CP An Phat"), "an phat");
        assert_eq!(words(o, "Mekong Logistics Co., Ltd."), "logistics mekong");
        assert_eq!(words(o, "Công ty TNHH"), "cong tnhh ty");
        assert_eq!(words(p, "Phan Cổ Phần"), "co phan");
        let mut out = String::new();
        let m = name_words(p, "Nguyễn Văn Đức", Some("anh Đức"), &mut out);
        assert_eq!((out.as_str(), m), ("duc nguyen van", 0b100));
        let m = name_words(
            o,
            "Công ty TNHH Thương mại An Phát",
            Some("An Phát"),
            &mut out,
        );
        assert_eq!((out.as_str(), m), ("an mai phat thuong|an phat", 0b0011));
    }

    #[test]
    fn emails_and_addresses_key() {
        assert_eq!(
            local_key("duc.nguyen+shop@gmail.com").as_deref(),
            Some("ducnguyen")
        );
        assert_eq!(local_key("info@anphat.vn"), None);
        assert_eq!(local_key("i.n.f.o@anphat.vn"), None);
        assert_eq!(local_key("abc@x.vn"), None);
        let a = PostalAddress {
            lines: vec!["12 Đường Nguyễn Huệ".into(), "Phường Bến Nghé".into()],
            city: Some("Thành phố Hồ Chí Minh".into()),
            ..PostalAddress::default()
        };
        let b = PostalAddress {
            lines: vec!["12 Nguyen Hue".into()],
            city: Some("TP.HCM".into()),
            ..PostalAddress::default()
        };
        assert_eq!(
            address_key(&a).as_deref(),
            Some("12 nguyen hue, ho chi minh")
        );
        assert_eq!(address_key(&a), address_key(&b));
        let no_number = PostalAddress {
            lines: vec!["Phường Bến Nghé".into()],
            ..PostalAddress::default()
        };
        assert_eq!(address_key(&no_number), None);
        let flat = |unit: &str| PostalAddress {
            lines: vec!["208 Nguyễn Hữu Cảnh".into(), unit.into()],
            city: Some("TP.HCM".into()),
            ..PostalAddress::default()
        };
        assert_eq!(
            address_key(&flat("Căn hộ 12.05 tòa L3")).as_deref(),
            Some("208 nguyen huu canh # 12 05 l3, ho chi minh")
        );
        assert_eq!(
            address_key(&flat("CH 12.05, Toa L3")),
            address_key(&flat("Căn hộ 12.05 tòa L3"))
        );
        assert_ne!(
            address_key(&flat("Căn hộ 12.06 tòa L3")),
            address_key(&flat("Căn hộ 12.05 tòa L3"))
        );
        assert_eq!(
            address_key(&flat("Phường 22")).as_deref(),
            Some("208 nguyen huu canh, ho chi minh")
        );
    }
}
