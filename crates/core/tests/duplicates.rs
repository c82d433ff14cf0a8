//! Duplicate detection: reasons, the name test, hard negatives, rules,
//! progress and cancellation, single checks against the scan, and the scan
//! against a brute-force comparison of every pair.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use clientcare::*;
use common::{at, vn_workspace};
use std::collections::{BTreeMap, BTreeSet};

fn rules() -> DuplicateRules {
    DuplicateRules::default()
}

fn reg(ws: &mut Workspace, row: RegisterCustomer) -> CustomerId {
    ws.register_customer(
        at(1),
        RegisterCustomer {
            allow_shared_contacts: true,
            ..row
        },
    )
    .expect("register")
}

fn person(name: &str) -> RegisterCustomer {
    RegisterCustomer {
        full_name: name.into(),
        ..Default::default()
    }
}

fn with_email(mut r: RegisterCustomer, e: &str) -> RegisterCustomer {
    r.emails.push(e.into());
    r
}

fn with_phone(mut r: RegisterCustomer, p: &str) -> RegisterCustomer {
    r.phones.push(p.into());
    r
}

fn with_address(mut r: RegisterCustomer, line: &str, city: &str) -> RegisterCustomer {
    r.contacts.push(ContactPoint::Address {
        address: Box::new(PostalAddress {
            lines: vec![line.into()],
            city: Some(city.into()),
            ..Default::default()
        }),
        label: None,
    });
    r
}

fn scan(ws: &Workspace, rules: &DuplicateRules) -> DuplicateReport {
    ws.scan_duplicates(rules, &mut |_| true).expect("scan")
}

fn pair_set(r: &DuplicateReport) -> BTreeSet<(CustomerId, CustomerId)> {
    r.pairs.iter().map(|p| (p.a, p.b)).collect()
}

fn rule_names(reasons: &[MatchReason]) -> Vec<&'static str> {
    reasons
        .iter()
        .map(|r| match r {
            MatchReason::Email { .. } => "email",
            MatchReason::Phone { .. } => "phone",
            MatchReason::Name { .. } => "name",
            MatchReason::Address { .. } => "address",
            MatchReason::Organization { .. } => "organization",
            MatchReason::EmailLocalPart { .. } => "email_local_part",
            _ => "other",
        })
        .collect()
}

#[test]
fn each_reason_fires_and_the_scan_reports_it() {
    let mut ws = vn_workspace();
    // Email (and a name without diacritics).
    let e1 = reg(
        &mut ws,
        with_email(person("Nguyễn Văn Đức"), "duc.nguyen@gmail.com"),
    );
    let e2 = reg(
        &mut ws,
        with_email(person("nguyen van duc"), " Duc.Nguyen@Gmail.com "),
    );
    // Phone in two formats, names swapped.
    let p1 = reg(&mut ws, with_phone(person("Trần Thị Mai"), "0912 345 678"));
    let p2 = reg(
        &mut ws,
        with_phone(person("Mai Trần Thị"), "+84 91 234 5678"),
    );
    // Address written two ways, name with a typo.
    let a1 = reg(
        &mut ws,
        with_address(
            person("Lê Hoàng Phương"),
            "12 Đường Lý Tự Trọng",
            "Thành phố Hồ Chí Minh",
        ),
    );
    let a2 = reg(
        &mut ws,
        with_address(person("Le Hoang Phuongg"), "12 Ly Tu Trong", "TP.HCM"),
    );
    // Organisation members with the same name.
    let org = reg(
        &mut ws,
        RegisterCustomer {
            kind: CustomerKind::Organization,
            ..person("Công ty TNHH An Phát")
        },
    );
    let o1 = reg(&mut ws, person("Phạm Quang Huy"));
    let o2 = reg(&mut ws, person("Pham Quang Huy"));
    for p in [o1, o2] {
        ws.execute(
            at(2),
            Command::AddMembership(AddMembership {
                person: p,
                organization: org,
                role: None,
            }),
        )
        .unwrap();
    }
    // The same local part at two providers.
    let l1 = reg(
        &mut ws,
        with_email(person("Võ Thanh Tâm"), "tam.vo1990@gmail.com"),
    );
    let l2 = reg(
        &mut ws,
        with_email(person("Vo Thanh Tam"), "tam.vo1990@yahoo.com"),
    );

    let r = rules();
    let cases = [
        (e1, e2, vec!["email", "name"], 1.0),
        (p1, p2, vec!["phone", "name"], 1.0),
        (a1, a2, vec!["name", "address"], 0.0),
        (o1, o2, vec!["name", "organization"], 0.9),
        (l1, l2, vec!["name", "email_local_part"], 0.9),
    ];
    let report = scan(&ws, &r);
    let found = pair_set(&report);
    for (a, b, expected, score) in cases {
        let m = ws.compare_customers(a, b, &r).unwrap();
        assert_eq!(rule_names(&m.reasons), expected, "{m:?}");
        if score > 0.0 {
            assert_eq!(m.score, score, "{m:?}");
        }
        assert!(m.score >= r.threshold, "{m:?}");
        assert!(found.contains(&(a, b)), "scan missed {expected:?}");
    }
    assert_eq!(report.pairs.len(), 5, "{:#?}", report.pairs);
    let m = ws.compare_customers(a1, a2, &r).unwrap();
    assert!(m.reasons.contains(&MatchReason::Address {
        value: "12 ly tu trong, ho chi minh".into()
    }));
    let m = ws.compare_customers(o1, o2, &r).unwrap();
    assert!(m
        .reasons
        .contains(&MatchReason::Organization { organization: org }));
    let m = ws.compare_customers(p1, p2, &r).unwrap();
    assert_eq!(
        m.reasons[0],
        MatchReason::Phone {
            value: "+84912345678".into()
        }
    );
    // Best first, then registration order; a before b.
    let scores: Vec<f64> = report.pairs.iter().map(|p| p.score).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    assert_eq!((report.pairs[0].a, report.pairs[0].b), (e1, e2));
    assert_eq!(report.customers, 11);
    assert!(!report.cancelled);
}

#[test]
fn names_match_through_typos_order_case_and_missing_diacritics() {
    let mut ws = vn_workspace();
    let base = reg(
        &mut ws,
        with_phone(person("Nguyễn Thị Ngọc Ánh"), "0903 111 222"),
    );
    let r = rules();
    for variant in [
        "Nguyen Thi Ngoc Anh",
        "NGUYỄN THỊ NGỌC ÁNH",
        "Ánh Nguyễn Thị Ngọc",
        "Ngọc Ánh Nguyễn Thị",
        "Nguyễn Thị Ngọcc Ánh",
        "Nguễyn Thị Ngọc Ánh",
        "Nguyễn Ngọc Ánh",
        "nguyen thi ngoc anh",
    ] {
        let id = reg(&mut ws, with_phone(person(variant), "+84903111222"));
        let m = ws.compare_customers(base, id, &r).unwrap();
        assert!(
            m.reasons
                .iter()
                .any(|x| matches!(x, MatchReason::Name { similarity, .. } if *similarity >= 0.88)),
            "{variant}: {m:?}"
        );
        assert!(m.score >= r.threshold, "{variant}: {m:?}");
    }
    // Other names on the same phone are not the same person.
    for other in ["Nguyễn Thị Ngọc Hân", "Nguyễn Văn An", "Trần Thị Ngọc Ánh"] {
        let id = reg(&mut ws, with_phone(person(other), "+84903111222"));
        let m = ws.compare_customers(base, id, &r).unwrap();
        assert!(m.score < r.threshold, "{other}: {m:?}");
    }
    // An organisation's trading name counts as a second name.
    let org = |name: &str, display: Option<&str>, email: &str| RegisterCustomer {
        kind: CustomerKind::Organization,
        display_name: display.map(Into::into),
        ..with_email(person(name), email)
    };
    let c1 = reg(
        &mut ws,
        org(
            "Công ty TNHH Thương mại Dịch vụ Lạc Hồng",
            Some("Lạc Hồng"),
            "sales@lachong.vn",
        ),
    );
    let c2 = reg(&mut ws, org("Lạc Hồng Co., Ltd.", None, "sales@lachong.vn"));
    assert!(ws.compare_customers(c1, c2, &r).unwrap().score >= r.threshold);
}

#[test]
fn namesakes_and_relatives_are_not_duplicates() {
    let mut ws = vn_workspace();
    // Five different "Nguyễn Văn Anh" with nothing else in common.
    let mut anh = Vec::new();
    for i in 0..5 {
        anh.push(reg(
            &mut ws,
            with_phone(
                with_email(person("Nguyễn Văn Anh"), &format!("anh{i}@example.vn")),
                &format!("090{i}111222"),
            ),
        ));
    }
    // A family at one address and one landline: different given names.
    for name in [
        "Trần Văn Hùng",
        "Trần Thị Lan",
        "Trần Minh Khoa",
        "Trần Thị Hằng",
    ] {
        reg(
            &mut ws,
            with_phone(
                with_address(person(name), "45 Lê Lợi", "Hà Nội"),
                "024 3822 1234",
            ),
        );
    }
    // Sisters Hạnh and Hằng sharing an address: both names in common use.
    for i in 0..3 {
        reg(
            &mut ws,
            with_email(person("Lê Thị Hạnh"), &format!("hanh{i}@x.vn")),
        );
        reg(
            &mut ws,
            with_email(person("Lê Thị Hằng"), &format!("hang{i}@x.vn")),
        );
    }
    let h1 = reg(
        &mut ws,
        with_address(person("Lê Thị Hạnh"), "7 Pasteur", "Đà Nẵng"),
    );
    let h2 = reg(
        &mut ws,
        with_address(person("Lê Thị Hằng"), "7 Pasteur", "Đà Nẵng"),
    );
    let r = rules();
    let report = scan(&ws, &r);
    assert!(report.pairs.is_empty(), "{:#?}", report.pairs);
    assert!(ws.duplicates_of(anh[0], &r).unwrap().is_empty());
    let m = ws.compare_customers(anh[0], anh[1], &r).unwrap();
    assert_eq!(m.score, 0.65);
    // A new namesake with its own contacts is not a likely duplicate either.
    let draft = with_phone(person("Nguyen Van Anh"), "0988 777 666");
    assert!(ws.check_duplicates(&draft, &r).unwrap().is_empty());
    // Only without the known-words guard do the sisters look alike.
    let lax = DuplicateRules {
        distinct_known_words: false,
        ..rules()
    };
    assert!(ws.compare_customers(h1, h2, &r).unwrap().score < r.threshold);
    assert!(ws.compare_customers(h1, h2, &lax).unwrap().score >= r.threshold);
}

#[test]
fn rules_are_validated_and_read_from_json() {
    let ws = vn_workspace();
    let bad = [
        (
            "threshold",
            DuplicateRules {
                threshold: 0.0,
                ..rules()
            },
        ),
        (
            "threshold",
            DuplicateRules {
                threshold: 1.5,
                ..rules()
            },
        ),
        (
            "threshold",
            DuplicateRules {
                threshold: f64::NAN,
                ..rules()
            },
        ),
        (
            "email",
            DuplicateRules {
                email: -0.1,
                ..rules()
            },
        ),
        (
            "phone",
            DuplicateRules {
                phone: 2.0,
                ..rules()
            },
        ),
        (
            "name",
            DuplicateRules {
                name: f64::NAN,
                ..rules()
            },
        ),
        (
            "address",
            DuplicateRules {
                address: 1.01,
                ..rules()
            },
        ),
        (
            "organization",
            DuplicateRules {
                organization: -1.0,
                ..rules()
            },
        ),
        (
            "email_local_part",
            DuplicateRules {
                email_local_part: 3.0,
                ..rules()
            },
        ),
        (
            "min_name_similarity",
            DuplicateRules {
                min_name_similarity: 1.2,
                ..rules()
            },
        ),
        (
            "max_block",
            DuplicateRules {
                max_block: 1,
                ..rules()
            },
        ),
        (
            "limit",
            DuplicateRules {
                limit: 0,
                ..rules()
            },
        ),
        (
            "limit",
            DuplicateRules {
                limit: 1001,
                ..rules()
            },
        ),
    ];
    for (field, r) in bad {
        for e in [
            r.validate().unwrap_err(),
            ws.scan_duplicates(&r, &mut |_| true).unwrap_err(),
            ws.check_duplicates(&person("A"), &r).unwrap_err(),
        ] {
            match e {
                Error::InvalidInput { field: f, .. } => assert_eq!(f, field),
                other => panic!("{other:?}"),
            }
        }
    }
    let r: DuplicateRules = serde_json::from_str("{}").unwrap();
    assert_eq!(r, rules());
    let r: DuplicateRules =
        serde_json::from_str(r#"{"threshold": 0.9, "name_metric": "levenshtein"}"#).unwrap();
    assert_eq!(r.threshold, 0.9);
    assert_eq!(r.name_metric, NameMetric::Levenshtein);
    assert!(serde_json::from_str::<DuplicateRules>(r#"{"treshold": 0.9}"#).is_err());
    let json = serde_json::to_value(MatchReason::Name {
        metric: NameMetric::JaroWinkler,
        similarity: 0.95,
    })
    .unwrap();
    assert_eq!(
        json,
        serde_json::json!({"rule": "name", "metric": "jaro_winkler", "similarity": 0.95})
    );
    let json = serde_json::to_value(MatchReason::EmailLocalPart { value: "x".into() }).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"rule": "email_local_part", "value": "x"})
    );
}

#[test]
fn check_duplicates_normalises_like_registration_and_changes_nothing() {
    let mut ws = vn_workspace();
    let id = reg(
        &mut ws,
        with_phone(
            with_email(person("Đặng Thu Trang"), "trang.dang@example.vn"),
            "0977 123 456",
        ),
    );
    let before = ws.clone();
    let r = rules();
    let draft = with_phone(person("Dang Thu Trang"), "+84 977 123 456");
    let m = ws.check_duplicates(&draft, &r).unwrap();
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].customer, id);
    assert_eq!(rule_names(&m[0].reasons), vec!["phone", "name"]);
    // The same draft under that customer's own id finds nothing else.
    let own = RegisterCustomer {
        id: Some(id),
        ..draft.clone()
    };
    assert!(ws.check_duplicates(&own, &r).unwrap().is_empty());
    // Registration's own errors, and nothing changes.
    let bad_email = with_email(person("X"), "not-an-email");
    let e = ws.check_duplicates(&bad_email, &r).unwrap_err();
    let reg_e = ws
        .clone()
        .register_customer(at(5), bad_email.clone())
        .unwrap_err();
    assert_eq!(e, reg_e);
    assert_eq!(e.code(), "invalid_input");
    let bad_phone = with_phone(person("X"), "12");
    let e = ws.check_duplicates(&bad_phone, &r).unwrap_err();
    assert_eq!(
        e,
        ws.clone().register_customer(at(5), bad_phone).unwrap_err()
    );
    let e = ws.check_duplicates(&person("  "), &r).unwrap_err();
    assert!(matches!(e, Error::InvalidInput { ref field, .. } if field == "full_name"));
    assert_eq!(ws, before);
    // Unknown customer.
    let unknown = CustomerId::from_uuid(uuid::Uuid::from_u128(7));
    assert_eq!(
        ws.duplicates_of(unknown, &r).unwrap_err().code(),
        "not_found"
    );
    assert_eq!(
        ws.compare_customers(id, unknown, &r).unwrap_err().code(),
        "not_found"
    );
}

#[test]
fn people_never_match_organisations_and_limits_hold() {
    let mut ws = vn_workspace();
    let p = reg(&mut ws, with_email(person("An Phát"), "info@anphat.vn"));
    let o = reg(
        &mut ws,
        RegisterCustomer {
            kind: CustomerKind::Organization,
            ..with_email(person("An Phát"), "info@anphat.vn")
        },
    );
    let r = rules();
    let m = ws.compare_customers(p, o, &r).unwrap();
    assert_eq!((m.score, m.reasons.len()), (0.0, 0));
    assert!(scan(&ws, &r).pairs.is_empty());
    // Many copies: the single check keeps the best `limit`.
    let mut ws = vn_workspace();
    let first = reg(&mut ws, with_phone(person("Hồ Minh Tuấn"), "0905 000 111"));
    for _ in 0..30 {
        reg(&mut ws, with_phone(person("Ho Minh Tuan"), "0905000111"));
    }
    let few = DuplicateRules {
        limit: 5,
        ..rules()
    };
    assert_eq!(ws.duplicates_of(first, &few).unwrap().len(), 5);
    assert_eq!(ws.duplicates_of(first, &r).unwrap().len(), 20);
}

#[test]
fn merged_erased_and_archived_customers_are_skipped() {
    let mut ws = vn_workspace();
    let mk = |ws: &mut Workspace, phone: &str| {
        let a = reg(ws, with_phone(person("Bùi Thanh Hà"), phone));
        let b = reg(ws, with_phone(person("Bui Thanh Ha"), phone));
        (a, b)
    };
    let (a1, b1) = mk(&mut ws, "0911 000 001");
    let (a2, b2) = mk(&mut ws, "0911 000 002");
    let (a3, b3) = mk(&mut ws, "0911 000 003");
    let r = rules();
    assert_eq!(scan(&ws, &r).pairs.len(), 3);
    ws.execute(
        at(3),
        Command::ArchiveCustomer(ArchiveCustomer {
            customer: b1,
            reason: None,
        }),
    )
    .unwrap();
    ws.merge_customers(
        at(4),
        MergeCustomers {
            survivor: a2,
            merged: vec![b2],
            rules: Survivorship::default(),
            reason: None,
        },
    )
    .unwrap();
    ws.erase_customer(at(5), b3).unwrap();
    let report = scan(&ws, &r);
    assert!(report.pairs.is_empty(), "{:#?}", report.pairs);
    assert_eq!(report.customers, 3);
    assert!(ws.duplicates_of(a1, &r).unwrap().is_empty());
    assert!(ws.duplicates_of(b2, &r).unwrap().is_empty());
    assert!(ws.duplicates_of(b3, &r).unwrap().is_empty());
    assert!(ws.duplicates_of(a3, &r).unwrap().is_empty());
    let archived_too = DuplicateRules {
        include_archived: true,
        ..rules()
    };
    assert_eq!(
        pair_set(&scan(&ws, &archived_too)),
        BTreeSet::from([(a1, b1)])
    );
    assert_eq!(ws.duplicates_of(a1, &archived_too).unwrap()[0].customer, b1);
}

#[test]
fn progress_is_reported_and_cancellation_stops_the_scan() {
    let ws = generated(400, 3);
    let r = rules();
    let mut seen: Vec<ScanProgress> = Vec::new();
    let full = ws
        .scan_duplicates(&r, &mut |p| {
            seen.push(p);
            true
        })
        .unwrap();
    for phase in [
        ScanPhase::Profiles,
        ScanPhase::Blocking,
        ScanPhase::Comparing,
    ] {
        let mine: Vec<&ScanProgress> = seen.iter().filter(|p| p.phase == phase).collect();
        assert!(mine.len() >= 2, "{phase:?}");
        assert!(mine.windows(2).all(|w| w[0].done <= w[1].done));
        assert!(mine.iter().all(|p| p.done <= p.total));
        assert_eq!(mine.last().map(|p| p.done), mine.last().map(|p| p.total));
        assert!(mine.len() <= 103, "{phase:?}: {}", mine.len());
    }
    assert!(!full.pairs.is_empty());
    // Stop at once.
    let r0 = ws.scan_duplicates(&r, &mut |_| false).unwrap();
    assert!(r0.cancelled && r0.pairs.is_empty());
    // Stop half-way through the comparisons: some of the pairs.
    let mut calls = 0;
    let half = ws
        .scan_duplicates(&r, &mut |p| {
            if p.phase != ScanPhase::Comparing {
                return true;
            }
            calls += 1;
            p.done < p.total / 2
        })
        .unwrap();
    assert!(half.cancelled);
    assert!(half.pairs.len() < full.pairs.len());
    assert!(pair_set(&half).is_subset(&pair_set(&full)));
    assert!(calls > 1);
}

// ---------------------------------------------------------------------------
// Small seeded data sets with duplicates, namesakes and relatives.

struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const FAMILY: &[&str] = &["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ"];
const MIDDLE: &[&str] = &["Văn", "Thị", "Minh", "Ngọc", "Thanh"];
const GIVEN: &[&str] = &[
    "Anh", "Bình", "Cường", "Dũng", "Hà", "Hạnh", "Hằng", "Lan", "Linh", "Phương", "Quân", "Trang",
    "Tuấn", "Vy",
];
const STREETS: &[&str] = &["Lê Lợi", "Nguyễn Huệ", "Pasteur", "Hai Bà Trưng"];

fn strip(s: &str) -> String {
    text::fold(s)
}

fn typo(rng: &mut Lcg, s: &str) -> String {
    let mut c: Vec<char> = s.chars().collect();
    if c.len() > 3 {
        let i = 1 + rng.below(c.len() - 2);
        c.swap(i, i + 1);
    }
    c.into_iter().collect()
}

/// `n` records: people with a few shared names, a tenth duplicated with
/// perturbations, relatives sharing an address or phone, some members of
/// two organisations.
fn generated(n: usize, seed: u64) -> Workspace {
    let mut rng = Lcg(seed);
    let mut ws = vn_workspace();
    let mut orgs = Vec::new();
    for name in ["Công ty TNHH Minh Long", "Công ty CP Bến Thành"] {
        orgs.push(reg(
            &mut ws,
            RegisterCustomer {
                kind: CustomerKind::Organization,
                ..person(name)
            },
        ));
    }
    let mut made: Vec<RegisterCustomer> = Vec::new();
    for k in 0..n {
        let row = if !made.is_empty() && rng.chance(12) {
            // A duplicate of an earlier record.
            let base = made[rng.below(made.len())].clone();
            let mut name = base.full_name.clone();
            if rng.chance(40) {
                name = strip(&name);
            }
            if rng.chance(30) {
                let mut w: Vec<&str> = name.split(' ').collect();
                w.rotate_left(1);
                name = w.join(" ");
            }
            if rng.chance(30) {
                name = typo(&mut rng, &name);
            }
            let mut row = person(&name);
            if rng.chance(60) {
                row.emails.clone_from(&base.emails);
            }
            if rng.chance(60) {
                row.phones.clone_from(&base.phones);
            }
            if rng.chance(50) {
                row.contacts.clone_from(&base.contacts);
            }
            row
        } else if !made.is_empty() && rng.chance(8) {
            // A relative: same family name, shares the address or phone.
            let base = made[rng.below(made.len())].clone();
            let family = base.full_name.split(' ').next().unwrap_or("Lê").to_owned();
            let mut row = person(&format!(
                "{family} {} {}",
                rng.pick(MIDDLE),
                rng.pick(GIVEN)
            ));
            row.contacts.clone_from(&base.contacts);
            if rng.chance(50) {
                row.phones.clone_from(&base.phones);
            }
            row
        } else {
            let mut row = person(&format!(
                "{} {} {}",
                rng.pick(FAMILY),
                rng.pick(MIDDLE),
                rng.pick(GIVEN)
            ));
            if rng.chance(70) {
                row.emails.push(format!("khach{k}@example.vn"));
            }
            if rng.chance(70) {
                row.phones.push(format!("09{:08}", 10_000_000 + k));
            }
            if rng.chance(50) {
                row = with_address(
                    row,
                    &format!("{} {}", 1 + rng.below(30), rng.pick(STREETS)),
                    "TP.HCM",
                );
            }
            row
        };
        made.push(row.clone());
        let id = reg(&mut ws, row);
        if rng.chance(15) {
            ws.execute(
                at(2),
                Command::AddMembership(AddMembership {
                    person: id,
                    organization: orgs[rng.below(2)],
                    role: None,
                }),
            )
            .unwrap();
        }
    }
    ws
}

type Scored = BTreeMap<(CustomerId, CustomerId), f64>;

fn scan_scores(ws: &Workspace, r: &DuplicateRules) -> Scored {
    scan(ws, r)
        .pairs
        .iter()
        .map(|p| ((p.a, p.b), p.score))
        .collect()
}

#[test]
fn scan_equals_the_union_of_single_checks() {
    for seed in [1, 2, 3] {
        let ws = generated(300, seed);
        let r = DuplicateRules {
            limit: 1000,
            ..rules()
        };
        let from_scan = scan_scores(&ws, &r);
        assert!(from_scan.len() > 10, "seed {seed}: {}", from_scan.len());
        let order: BTreeMap<CustomerId, usize> =
            ws.customers().enumerate().map(|(i, c)| (c.id, i)).collect();
        let mut union = Scored::new();
        for c in ws.customers() {
            for m in ws.duplicates_of(c.id, &r).unwrap() {
                let key = if order[&c.id] < order[&m.customer] {
                    (c.id, m.customer)
                } else {
                    (m.customer, c.id)
                };
                if let Some(s) = union.insert(key, m.score) {
                    assert_eq!(s, m.score, "asymmetric score");
                }
            }
        }
        assert_eq!(from_scan, union, "seed {seed}");
        // A draft copied from a customer finds what duplicates_of finds (and it).
        for c in ws.customers().take(60) {
            let draft = RegisterCustomer {
                kind: c.kind,
                full_name: c.names.full.clone(),
                display_name: c.names.display.clone(),
                emails: c.emails().map(str::to_owned).collect(),
                phones: c.phones().map(str::to_owned).collect(),
                contacts: c
                    .contacts
                    .iter()
                    .filter(|x| matches!(x, ContactPoint::Address { .. }))
                    .cloned()
                    .collect(),
                ..Default::default()
            };
            if !c.memberships.is_empty() {
                continue;
            }
            let mut of: Vec<CustomerId> = ws
                .duplicates_of(c.id, &r)
                .unwrap()
                .iter()
                .map(|m| m.customer)
                .collect();
            let mut like: Vec<CustomerId> = ws
                .check_duplicates(&draft, &r)
                .unwrap()
                .iter()
                .map(|m| m.customer)
                .filter(|x| *x != c.id)
                .collect();
            of.sort();
            like.sort();
            assert_eq!(of, like, "{}", c.names.full);
        }
    }
}

#[test]
fn blocking_misses_nothing_a_brute_force_comparison_finds() {
    for seed in [4, 5] {
        let ws = generated(250, seed);
        for r in [
            rules(),
            DuplicateRules {
                name_metric: NameMetric::Levenshtein,
                min_name_similarity: 0.8,
                ..rules()
            },
            DuplicateRules {
                threshold: 0.7,
                ..rules()
            },
        ] {
            let found = scan_scores(&ws, &r);
            let ids: Vec<CustomerId> = ws.customers().map(|c| c.id).collect();
            let mut brute = Scored::new();
            for (i, a) in ids.iter().enumerate() {
                for b in &ids[i + 1..] {
                    let m = ws.compare_customers(*a, *b, &r).unwrap();
                    if m.score >= r.threshold {
                        brute.insert((*a, *b), m.score);
                    }
                }
            }
            assert!(!brute.is_empty());
            assert_eq!(found, brute, "seed {seed}, {r:?}");
        }
    }
    // Name-only rules: names equal after folding, or sharing two words, are found.
    let ws = generated(250, 6);
    let r = DuplicateRules {
        name: 0.9,
        ..rules()
    };
    let found = scan_scores(&ws, &r);
    let ids: Vec<CustomerId> = ws.customers().map(|c| c.id).collect();
    for (i, a) in ids.iter().enumerate() {
        for b in &ids[i + 1..] {
            let m = ws.compare_customers(*a, *b, &r).unwrap();
            let (na, nb) = (
                text::fold(&ws.customer(*a).unwrap().names.full),
                text::fold(&ws.customer(*b).unwrap().names.full),
            );
            let wa: BTreeSet<&str> = na.split(' ').collect();
            let wb: BTreeSet<&str> = nb.split(' ').collect();
            if m.score >= r.threshold && wa.intersection(&wb).count() >= 2 {
                assert!(found.contains_key(&(*a, *b)), "{na} / {nb}");
            }
        }
    }
}

#[test]
fn scans_are_deterministic_and_survive_replay() {
    let ws = generated(300, 9);
    let r = rules();
    let one = scan(&ws, &r);
    assert_eq!(one, scan(&ws, &r));
    let copy = Workspace::replay(ws.events().to_vec(), Box::new(SeededIds::new(1))).unwrap();
    assert_eq!(one, scan(&copy, &r));
    let json = serde_json::to_value(&one).unwrap();
    assert!(json["pairs"][0]["reasons"][0]["rule"].is_string());
}

#[test]
fn oversized_groups_are_split_by_name() {
    let mut ws = vn_workspace();
    // A switchboard number shared by 60 employees; two records of one of them.
    let names = [
        "Anh", "Bình", "Cường", "Dũng", "Giang", "Hải", "Hiếu", "Hùng", "Khoa", "Lộc",
    ];
    let mut ids = Vec::new();
    for f in ["Nguyễn", "Trần", "Lê", "Phạm", "Vũ", "Đỗ"] {
        for g in names {
            ids.push(reg(
                &mut ws,
                with_phone(person(&format!("{f} Văn {g}")), "028 3822 9999"),
            ));
        }
    }
    let dup = reg(&mut ws, with_phone(person("Tran Van Hung"), "02838229999"));
    let r = rules();
    let report = scan(&ws, &r);
    assert_eq!(report.skipped_blocks, 1);
    assert_eq!(pair_set(&report), BTreeSet::from([(ids[17], dup)]));
    assert!(report.comparisons < 61 * 60 / 2);
    // A larger limit compares the whole group.
    let big = DuplicateRules {
        max_block: 100,
        ..rules()
    };
    let report = scan(&ws, &big);
    assert_eq!(report.skipped_blocks, 0);
    assert_eq!(report.comparisons, 61 * 60 / 2);
    assert_eq!(pair_set(&report), BTreeSet::from([(ids[17], dup)]));
}
