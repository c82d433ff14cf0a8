//! Unit tests of the index: distance, typo neighbourhoods, incremental
//! updates against a rebuild, and the cost of updates against the old index.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::index::*;
use super::typos::*;
use super::*;
use crate::customer::Names;
use crate::customer::{ContactPoint, Customer, CustomerKind, MAX_PAGE};
use crate::text::{fold, tokens};
use crate::{
    AddContactPoint, ArchiveCustomer, Command, CustomerId, EraseCustomer, MergeCustomers, Meta,
    RegisterCustomer, RemoveContactPoint, RestoreCustomer, SeededIds, TagCustomer,
    UnmergeCustomers, UpdateCustomer, Workspace,
};
use chrono::{Duration, TimeZone, Utc};
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

fn customer(full: &str) -> Customer {
    let mut ws = Workspace::with_seed(1);
    let at = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    let id = ws
        .register_customer(
            Meta::system(at),
            RegisterCustomer {
                full_name: "x".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let mut c = ws.customer(id).unwrap().clone();
    c.names = Names {
        full: full.into(),
        ..Names::default()
    };
    c
}

#[test]
fn folds_prefixes_and_follows_renames() {
    let mut ix = SearchIndex::default();
    ix.update(0, &customer("Nguyễn Văn Đức"));
    ix.update(1, &customer("Nguyễn Thị Ánh"));
    ix.update(2, &customer("Đức Phúc"));
    assert_eq!(ix.name_postings("nguyen"), [0, 1]);
    assert_eq!(ix.name_postings("duc"), [0, 2]);
    ix.update(2, &customer("Trần Phúc"));
    assert_eq!(ix.name_postings("duc"), [0]);
    assert_eq!(ix.name_postings("tran"), [2]);
    assert_eq!(ix.similar_name_tokens("nguyne", 1), ["nguyen"]);
    assert_eq!(ix.similar_name_tokens("phuc", 1), ["phuc"]);
    assert_eq!(ix.similar_name_tokens("thi", 1), ["thi"]);
    assert_eq!(ix.similar_name_tokens("duc", 1), ["duc"]);
    let customers = [
        customer("Nguyễn Văn Đức"),
        customer("Nguyễn Thị Ánh"),
        customer("Trần Phúc"),
    ];
    assert_eq!(ix.canonical(), SearchIndex::rebuilt(&customers).canonical());
}

#[test]
fn deletion_variants_are_distinct() {
    let mut seen = Vec::new();
    for_each_variant(b"anna", 1, |v| seen.push(v.to_vec()));
    seen.sort();
    assert_eq!(seen, [b"ana".to_vec(), b"ann".to_vec(), b"nna".to_vec()]);
    let mut n = 0;
    for_each_variant(b"abcdefgh", 2, |_| n += 1);
    assert_eq!(n, 8 + 28);
}

/// The name index this one replaced (the HEAD version before issue 6),
/// kept here to compare update costs: `cargo test --release -p clientcare
/// --lib update_cost -- --ignored --nocapture`.
#[derive(Default)]
struct OldIndex {
    postings: BTreeMap<Box<str>, Vec<u32>>,
    keys: Vec<Box<str>>,
}

impl OldIndex {
    fn set(&mut self, pos: u32, names: &Names) {
        let mut words: Vec<String> = Vec::new();
        for part in [
            Some(names.full.as_str()),
            names.display.as_deref(),
            names.given.as_deref(),
            names.family.as_deref(),
        ]
        .into_iter()
        .flatten()
        {
            for t in tokens(&fold(part)) {
                if !words.iter().any(|w| w == t) {
                    words.push(t.to_owned());
                }
            }
        }
        let key: Box<str> = words.join(" ").into_boxed_str();
        let p = pos as usize;
        if p < self.keys.len() {
            if self.keys[p] == key {
                return;
            }
            let old = std::mem::take(&mut self.keys[p]);
            for t in tokens(&old) {
                if let Some(list) = self.postings.get_mut(t) {
                    if let Ok(i) = list.binary_search(&pos) {
                        list.remove(i);
                    }
                    if list.is_empty() {
                        self.postings.remove(t);
                    }
                }
            }
        } else {
            self.keys.resize(p + 1, Box::from(""));
        }
        for t in tokens(&key) {
            let list = self.postings.entry(Box::from(t)).or_default();
            if let Err(i) = list.binary_search(&pos) {
                list.insert(i, pos);
            }
        }
        self.keys[p] = key;
    }
}

#[test]
#[ignore = "timing; run in release with --ignored --nocapture"]
fn update_cost() {
    let families = [
        "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
        "Hồ", "Ngô", "Dương", "Lý", "Smith", "Müller", "Tanaka", "Kim",
    ];
    let middles = [
        "Văn", "Thị", "Hữu", "Minh", "Ngọc", "Thanh", "Quốc", "Đức", "", "Hoàng",
    ];
    let givens = [
        "Đức", "Anh", "Dũng", "Hương", "Linh", "Hùng", "Lan", "Minh", "Trang", "Tuấn", "Hải",
        "Phương", "Thảo", "Quân", "Vy", "Nam", "Bình", "Khánh", "John", "Mary", "Yuki", "Hana",
        "Long", "Sơn", "Tâm", "Nhung", "Hạnh", "Phúc", "Vinh", "Loan",
    ];
    let tags = [
        "vip",
        "khách sỉ",
        "khách lẻ",
        "quận 1",
        "bình thạnh",
        "online",
        "b2b",
    ];
    let n: u32 = std::env::var("UPDATE_COST_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let template = customer("x");
    let mut rng = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move |m: usize| {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        (rng % m as u64) as usize
    };
    let customers: Vec<Customer> = (0..n)
        .map(|k| {
            let mut c = template.clone();
            let (f, m, g) = (
                families[next(families.len())],
                middles[next(middles.len())],
                givens[next(givens.len())],
            );
            c.names.given = Some(g.to_owned());
            c.names.family = Some(f.to_owned());
            c.names.full = format!("{f} {m} {g}")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            c.contacts = vec![
                ContactPoint::Email {
                    address: format!("{}.{}{k}@gmail.com", fold(g), fold(f)),
                    label: None,
                },
                ContactPoint::Phone {
                    number: format!("+849{:08}", (u64::from(k) * 7_654_321) % 100_000_000),
                    label: None,
                },
            ];
            c.tags = (0..next(3))
                .map(|_| tags[next(tags.len())].to_owned())
                .collect();
            c.tags.sort();
            c.tags.dedup();
            c
        })
        .collect();
    for round in 0..3 {
        let t0 = std::time::Instant::now();
        let mut old = OldIndex::default();
        for (p, c) in customers.iter().enumerate() {
            old.set(p as u32, &c.names);
        }
        let d_old = t0.elapsed();
        let t0 = std::time::Instant::now();
        let mut new = SearchIndex::default();
        for (p, c) in customers.iter().enumerate() {
            new.update(p as u32, c);
        }
        let d_new = t0.elapsed();
        let t0 = std::time::Instant::now();
        for (p, c) in customers.iter().enumerate() {
            new.update(p as u32, c);
        }
        let d_same = t0.elapsed();
        let per = |d: std::time::Duration| d.as_secs_f64() * 1e6 / f64::from(n);
        println!(
            "round {round}: {n} customers: old name index {:.3} µs/customer, new index {:.3} µs/customer ({:+.3}), unchanged re-update {:.3} µs; new index ~{} B/customer",
            per(d_old), per(d_new), per(d_new) - per(d_old), per(d_same),
            new.stats().approx_heap_bytes / n as usize
        );
        drop(old);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn distance_is_damerau_levenshtein(a in "[abc]{0,7}", b in "[abc]{0,7}", max in 0usize..4) {
        let want = strsim::damerau_levenshtein(&a, &b);
        let got = distance_within(a.as_bytes(), b.as_bytes(), max);
        prop_assert_eq!(got, (want <= max).then_some(want));
    }

    #[test]
    fn similar_words_are_exactly_the_close_ones(
        words in proptest::collection::vec("[abcd]{1,10}", 1..40),
        removed in proptest::collection::vec(0usize..40, 0..10),
        token in "[abcd]{1,10}",
        max in 0usize..4,
    ) {
        let mut ix = SearchIndex::default();
        for (p, w) in words.iter().enumerate() {
            ix.update(p as u32, &customer(w));
        }
        for &r in &removed {
            if r < words.len() {
                ix.update(r as u32, &customer(""));
            }
        }
        let live: BTreeSet<&str> = words
            .iter()
            .enumerate()
            .filter(|(p, _)| !removed.contains(p))
            .map(|(_, w)| w.as_str())
            .collect();
        let want: Vec<&str> = live
            .into_iter()
            .filter(|w| strsim::damerau_levenshtein(w, &token) <= max)
            .collect();
        prop_assert_eq!(ix.similar_name_tokens(&token, max), want);
    }
}

/// One step of a random history of customers.
#[derive(Debug, Clone)]
enum Step {
    Register {
        name: usize,
        email: usize,
        phone: usize,
        tag: usize,
        org: bool,
    },
    Rename {
        who: usize,
        name: usize,
        part: u8,
    },
    AddEmail {
        who: usize,
        email: usize,
    },
    AddPhone {
        who: usize,
        phone: usize,
    },
    RemoveEmail {
        who: usize,
    },
    RemovePhone {
        who: usize,
    },
    Tag {
        who: usize,
        tag: usize,
    },
    Untag {
        who: usize,
        tag: usize,
    },
    Archive {
        who: usize,
    },
    Restore {
        who: usize,
    },
    Merge {
        a: usize,
        b: usize,
    },
    Unmerge {
        who: usize,
    },
    Erase {
        who: usize,
    },
}

const NAMES: &[&str] = &[
    "Nguyễn Văn Đức",
    "Nguyễn Thị Ánh",
    "Trần Đức",
    "Đức Nguyễn",
    "Lê Thị Hương",
    "John Johnson",
    "Jonhson Paul",
    "Công ty TNHH An Phát",
    "Phở Hà Nội",
    "Zoë O'Brien",
    "",
];
const TAGS: &[&str] = &["vip", "khách sỉ", "Khách lẻ", "quận 1", "VIP gold"];

fn step(identity: bool) -> impl Strategy<Value = Step> {
    let who = 0usize..12;
    prop_oneof![
        4 => (0..NAMES.len(), 0usize..20, 0usize..20, 0..TAGS.len(), any::<bool>())
            .prop_map(|(name, email, phone, tag, org)| Step::Register { name, email, phone, tag, org }),
        2 => (who.clone(), 0..NAMES.len(), 0u8..4).prop_map(|(who, name, part)| Step::Rename { who, name, part }),
        1 => (who.clone(), 0usize..20).prop_map(|(who, email)| Step::AddEmail { who, email }),
        1 => (who.clone(), 0usize..20).prop_map(|(who, phone)| Step::AddPhone { who, phone }),
        1 => who.clone().prop_map(|who| Step::RemoveEmail { who }),
        1 => who.clone().prop_map(|who| Step::RemovePhone { who }),
        1 => (who.clone(), 0..TAGS.len()).prop_map(|(who, tag)| Step::Tag { who, tag }),
        1 => (who.clone(), 0..TAGS.len()).prop_map(|(who, tag)| Step::Untag { who, tag }),
        1 => who.clone().prop_map(|who| Step::Archive { who }),
        1 => who.clone().prop_map(|who| Step::Restore { who }),
        1 => (who.clone(), who.clone()).prop_map(|(a, b)| Step::Merge { a, b }),
        1 => who.clone().prop_map(|who| Step::Unmerge { who }),
        1 => who.prop_map(|who| Step::Erase { who }),
    ]
    // Merges, unmerges and erasures only when `identity`.
    .prop_filter("identity steps", move |s| {
        identity || !matches!(s, Step::Merge { .. } | Step::Unmerge { .. } | Step::Erase { .. })
    })
}

fn email(i: usize) -> String {
    // Some share their first 16 bytes.
    format!("nguyen.van.duc.{i}@example.vn")
}

fn phone(i: usize) -> String {
    // Some share their last 6 digits.
    format!("090{}123456", i % 10)
}

fn play(steps: &[Step]) -> Workspace {
    let mut ws = Workspace::with_seed(3);
    let t0 = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    ws.configure(Meta::system(t0), Some("VN")).unwrap();
    let mut ids: Vec<CustomerId> = Vec::new();
    for (i, s) in steps.iter().enumerate() {
        let meta = Meta::system(t0 + Duration::minutes(i as i64 + 1));
        let pick = |w: usize| ids.get(w % ids.len().max(1)).copied();
        let c = |w: usize| pick(w).and_then(|id| ws.customer(id).ok().cloned());
        let cmd = match s {
            Step::Register {
                name,
                email: e,
                phone: p,
                tag,
                org,
            } => {
                let full = if NAMES[*name].is_empty() {
                    "X"
                } else {
                    NAMES[*name]
                };
                Some(Command::RegisterCustomer(RegisterCustomer {
                    kind: if *org {
                        CustomerKind::Organization
                    } else {
                        CustomerKind::Person
                    },
                    full_name: full.into(),
                    emails: vec![email(*e)],
                    phones: vec![phone(*p)],
                    tags: vec![TAGS[*tag].into()],
                    allow_shared_contacts: true,
                    ..Default::default()
                }))
            }
            Step::Rename { who, name, part } => pick(*who).map(|id| {
                let mut u = UpdateCustomer::new(id);
                let n = NAMES[*name];
                let v = (!n.is_empty()).then(|| n.to_owned());
                match part {
                    0 => u.full_name = Some(v.unwrap_or_else(|| "Y".into())),
                    1 => u.given_name = Some(v),
                    2 => u.family_name = Some(v),
                    _ => u.display_name = Some(v),
                }
                Command::UpdateCustomer(u)
            }),
            Step::AddEmail { who, email: e } => pick(*who).map(|id| {
                Command::AddContactPoint(AddContactPoint {
                    customer: id,
                    contact: ContactPoint::Email {
                        address: email(*e),
                        label: None,
                    },
                    allow_shared_contacts: true,
                })
            }),
            Step::AddPhone { who, phone: p } => pick(*who).map(|id| {
                Command::AddContactPoint(AddContactPoint {
                    customer: id,
                    contact: ContactPoint::Phone {
                        number: phone(*p),
                        label: None,
                    },
                    allow_shared_contacts: true,
                })
            }),
            Step::RemoveEmail { who } | Step::RemovePhone { who } => c(*who).and_then(|c| {
                let want = if matches!(s, Step::RemoveEmail { .. }) {
                    "email"
                } else {
                    "phone"
                };
                c.contacts.iter().find(|x| x.kind() == want).map(|x| {
                    Command::RemoveContactPoint(RemoveContactPoint {
                        customer: c.id,
                        contact: x.clone(),
                    })
                })
            }),
            Step::Tag { who, tag } => pick(*who).map(|id| {
                Command::TagCustomer(TagCustomer {
                    customer: id,
                    tags: vec![TAGS[*tag].into()],
                })
            }),
            Step::Untag { who, tag } => pick(*who).map(|id| {
                Command::UntagCustomer(TagCustomer {
                    customer: id,
                    tags: vec![TAGS[*tag].into()],
                })
            }),
            Step::Archive { who } => pick(*who).map(|id| {
                Command::ArchiveCustomer(ArchiveCustomer {
                    customer: id,
                    reason: None,
                })
            }),
            Step::Restore { who } => pick(*who).map(|id| {
                Command::RestoreCustomer(RestoreCustomer {
                    customer: id,
                    allow_shared_contacts: true,
                })
            }),
            Step::Merge { a, b } => match (pick(*a), pick(*b)) {
                (Some(a), Some(b)) => Some(Command::MergeCustomers(MergeCustomers {
                    survivor: a,
                    merged: vec![b],
                    rules: Default::default(),
                    reason: None,
                })),
                _ => None,
            },
            Step::Unmerge { who } => {
                pick(*who).map(|id| Command::UnmergeCustomers(UnmergeCustomers { customer: id }))
            }
            Step::Erase { who } => {
                pick(*who).map(|id| Command::EraseCustomer(EraseCustomer { customer: id }))
            }
        };
        if let Some(cmd) = cmd {
            if let Ok(out) = ws.execute(meta, cmd) {
                if let Some(crate::EntityRef::Customer(id)) = out.created {
                    ids.push(id);
                }
            }
        }
    }
    ws
}

fn everything(ws: &Workspace, text: &str) -> Vec<(CustomerId, u32, Vec<MatchedField>)> {
    let q = SearchQuery {
        include_archived: true,
        limit: MAX_PAGE,
        ..SearchQuery::new(text)
    };
    ws.search_customers(&q)
        .unwrap()
        .hits
        .into_iter()
        .map(|h| (h.customer.id, h.score, h.matched))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// The index that followed the events equals one built from scratch
    /// over the final customers, and a replay answers every query the same.
    #[test]
    fn incremental_index_equals_rebuilt(steps in proptest::collection::vec(step(false), 1..40)) {
        let ws = play(&steps);
        let rebuilt = SearchIndex::rebuilt(&ws.state.customers);
        prop_assert_eq!(ws.state.search.canonical(), rebuilt.canonical());
        prop_assert!(ws.state.search == rebuilt);
        let copy = Workspace::replay(ws.events().iter().cloned(), Box::new(SeededIds::new(1))).unwrap();
        prop_assert!(copy.state.search == ws.state.search);
        for text in QUERIES {
            prop_assert_eq!(everything(&ws, text), everything(&copy, text));
        }
    }

    /// The same with merges, unmerges and erasures in the history (the
    /// replay runs over the redacted log).
    #[test]
    fn incremental_index_follows_merges_and_erasures(steps in proptest::collection::vec(step(true), 1..40)) {
        let ws = play(&steps);
        let rebuilt = SearchIndex::rebuilt(&ws.state.customers);
        prop_assert_eq!(ws.state.search.canonical(), rebuilt.canonical());
        let copy = Workspace::replay(ws.events().iter().cloned(), Box::new(SeededIds::new(1))).unwrap();
        prop_assert!(copy == ws);
        for text in QUERIES {
            prop_assert_eq!(everything(&ws, text), everything(&copy, text));
            for (id, _, _) in everything(&ws, text) {
                let c = ws.state.customer(id).unwrap();
                prop_assert!(c.merged_into.is_none() && c.erased_at.is_none());
            }
        }
    }
}

const QUERIES: [&str; 10] = [
    "nguyen",
    "duc nguyen",
    "jonhson",
    "khach",
    "vip",
    "nguyen.van.duc.1",
    "nguyen.van.duc.1@example.vn",
    "0903 123 456",
    "123456",
    "an phat",
];
