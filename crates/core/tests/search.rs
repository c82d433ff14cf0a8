//! Customer search: folding, prefixes, typos, word order, emails, phones in
//! any formatting, tags, kinds, archived customers, ranking, paging, and an
//! index that follows every event.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use clientcare::*;
use common::*;
use proptest::prelude::*;

fn query(text: &str) -> SearchQuery {
    SearchQuery {
        limit: MAX_PAGE,
        ..SearchQuery::new(text)
    }
}

fn ids_of(found: &SearchResults<'_>) -> Vec<CustomerId> {
    found.hits.iter().map(|h| h.customer.id).collect()
}

fn find(ws: &Workspace, text: &str) -> Vec<CustomerId> {
    ids_of(&ws.search_customers(&query(text)).unwrap())
}

fn top(ws: &Workspace, text: &str) -> Option<CustomerId> {
    find(ws, text).first().copied()
}

fn register(ws: &mut Workspace, cmd: RegisterCustomer) -> CustomerId {
    ws.register_customer(at(1), cmd).unwrap()
}

fn named(name: &str) -> RegisterCustomer {
    RegisterCustomer {
        full_name: name.into(),
        ..Default::default()
    }
}

fn invalid_field(e: &Error) -> Option<&str> {
    match e {
        Error::InvalidInput { field, .. } => Some(field),
        _ => None,
    }
}

#[test]
fn names_fold_case_and_diacritics() {
    let mut ws = vn_workspace();
    let duc = register(&mut ws, named("Nguyễn Văn Đức"));
    let anh = register(&mut ws, named("Nguyễn Thị Ánh"));
    assert_eq!(find(&ws, "nguyen van duc"), [duc]);
    assert_eq!(find(&ws, "NGUYỄN VĂN ĐỨC"), [duc]);
    assert_eq!(find(&ws, "Nguyen  van   DUC"), [duc]);
    assert_eq!(find(&ws, "nguyen"), [duc, anh]);
    assert_eq!(find(&ws, "ánh"), [anh]);
    assert!(find(&ws, "tran").is_empty());
    let hit = &ws.search_customers(&query("nguyen van duc")).unwrap().hits[0];
    assert_eq!(hit.score, 300);
    assert_eq!(hit.matched, [MatchedField::Name]);
}

#[test]
fn every_word_is_a_prefix_and_order_does_not_matter() {
    let mut ws = vn_workspace();
    let duc = register(&mut ws, named("Nguyễn Văn Đức"));
    let anh = register(&mut ws, named("Nguyễn Thị Ánh"));
    assert_eq!(find(&ws, "ngu"), [duc, anh]);
    assert_eq!(find(&ws, "ngu d"), [duc]);
    assert_eq!(find(&ws, "ngu an"), [anh]);
    assert_eq!(find(&ws, "duc nguyen"), [duc]);
    assert_eq!(find(&ws, "van nguyen duc"), [duc]);
    // A word that matches nothing empties the result.
    assert!(find(&ws, "nguyen zzz").is_empty());
    // Exact words rank above prefixes.
    let ducanh = register(&mut ws, named("Đức Anh"));
    assert_eq!(find(&ws, "duc"), [ducanh, duc]);
    assert_eq!(find(&ws, "anh"), [ducanh, anh]);
    let found = ws.search_customers(&query("an")).unwrap();
    assert!(found.hits.iter().all(|h| h.score == 60));
}

#[test]
fn given_family_and_display_names_are_searched() {
    let mut ws = vn_workspace();
    let id = register(
        &mut ws,
        RegisterCustomer {
            full_name: "Nguyễn Văn Đức".into(),
            given_name: Some("Đức".into()),
            family_name: Some("Nguyễn".into()),
            display_name: Some("anh Ba".into()),
            ..Default::default()
        },
    );
    assert_eq!(find(&ws, "ba"), [id]);
    assert_eq!(find(&ws, "anh ba duc"), [id]);
}

#[test]
fn typos_match_below_exact_and_prefix() {
    let mut ws = vn_workspace();
    let duc = register(&mut ws, named("Nguyễn Văn Đức"));
    let johnson = register(&mut ws, named("Mary Johnson"));
    let chris = register(&mut ws, named("Christopher Lee"));
    // One transposition, one deletion, one substitution.
    assert_eq!(top(&ws, "nguyne"), Some(duc));
    assert_eq!(top(&ws, "ngyen van duc"), Some(duc));
    assert_eq!(top(&ws, "Jonhson"), Some(johnson));
    assert_eq!(top(&ws, "johnsen"), Some(johnson));
    // Eight letters and more: two typos.
    assert_eq!(top(&ws, "kristofer"), None);
    assert_eq!(top(&ws, "christofer"), Some(chris));
    assert_eq!(top(&ws, "kristopher"), Some(chris));
    // Short words get none: "duc" does not find "dung".
    let dung = register(&mut ws, named("Trần Dung"));
    assert_eq!(find(&ws, "duc"), [duc]);
    assert_eq!(find(&ws, "dunh"), [dung]);
    let hit = &ws.search_customers(&query("Jonhson")).unwrap().hits[0];
    assert_eq!(hit.score, 30);
    assert_eq!(hit.matched, [MatchedField::NameTypo]);
    let hit = &ws.search_customers(&query("christofer")).unwrap().hits[0];
    assert_eq!(hit.score, 20);
    // The exact name ranks above its typo neighbour.
    let jonhson = register(&mut ws, named("Jonhson Paul"));
    assert_eq!(find(&ws, "johnson"), [johnson, jonhson]);
    assert_eq!(find(&ws, "jonhson"), [jonhson, johnson]);
    // Typos can be turned off.
    let strict = SearchQuery {
        typos: false,
        ..query("nguyne")
    };
    assert_eq!(ws.search_customers(&strict).unwrap().total, 0);
}

#[test]
fn emails_whole_or_their_start() {
    let mut ws = vn_workspace();
    let an = register(
        &mut ws,
        RegisterCustomer {
            full_name: "An Nguyễn".into(),
            emails: vec!["An.Nguyen@Example.vn".into()],
            ..Default::default()
        },
    );
    let long = register(
        &mut ws,
        RegisterCustomer {
            full_name: "Someone Else".into(),
            emails: vec!["an.nguyen.thi.thanh.huong@example.vn".into()],
            ..Default::default()
        },
    );
    assert_eq!(find(&ws, "an.nguyen@example.vn"), [an]);
    assert_eq!(find(&ws, " AN.NGUYEN@EXAMPLE.VN "), [an]);
    assert_eq!(find(&ws, "an.nguyen@"), [an]);
    assert_eq!(find(&ws, "an.nguyen.thi.thanh@"), Vec::<CustomerId>::new());
    assert_eq!(find(&ws, "an.nguyen.thi.thanh.huong@example.vn"), [long]);
    assert_eq!(find(&ws, "an.nguyen.thi.th"), [long]);
    // A dotted word is tried as the start of an address too; the whole
    // address ranks first.
    let found = ws.search_customers(&query("an.nguyen")).unwrap();
    assert_eq!(ids_of(&found), [an, long]);
    assert_eq!(
        found.hits[0].matched,
        [MatchedField::Name, MatchedField::Email]
    );
    let exact = &ws
        .search_customers(&query("an.nguyen@example.vn"))
        .unwrap()
        .hits[0];
    assert_eq!(exact.score, 100_000);
    assert_eq!(exact.matched, [MatchedField::Email]);
    let start = &ws.search_customers(&query("an.nguyen@")).unwrap().hits[0];
    assert_eq!(start.score, 50_000);
    assert!(find(&ws, "nobody@example.vn").is_empty());
    assert!(find(&ws, "@example.vn").is_empty());
}

#[test]
fn phones_in_any_formatting() {
    let mut ws = vn_workspace();
    let duc = register(
        &mut ws,
        person("Nguyễn Văn Đức", "duc@x.vn", "0903 123 456"),
    );
    let other = register(
        &mut ws,
        person("Lê Thị Hương", "huong@x.vn", "0912 999 456"),
    );
    let intl = register(
        &mut ws,
        person("Zoë Dubois", "zoe@x.fr", "+33 6 12 34 56 78"),
    );
    for text in [
        "0903 123 456",
        "0903123456",
        "+84 903-123-456",
        "+84903123456",
        "84903123456",
        "(+84) 903.123.456",
        "903 123 456",
    ] {
        let found = ws.search_customers(&query(text)).unwrap();
        assert_eq!(ids_of(&found), [duc], "{text}");
        assert_eq!(found.hits[0].matched, [MatchedField::Phone]);
    }
    assert_eq!(
        ws.search_customers(&query("0903 123 456")).unwrap().hits[0].score,
        100_000
    );
    // The end of a number (6 digits or more).
    assert_eq!(find(&ws, "123456"), [duc]);
    assert_eq!(find(&ws, "123 456"), [duc]);
    assert_eq!(find(&ws, "999456"), [other]);
    assert_eq!(find(&ws, "12 34 56 78"), [intl]);
    assert_eq!(find(&ws, "+33 6 12 34 56 78"), [intl]);
    assert_eq!(find(&ws, "06 12 34 56 78"), Vec::<CustomerId>::new());
    assert!(find(&ws, "0903 123 457").is_empty());
    // Fewer than 6 digits is not a phone search.
    assert!(find(&ws, "23456").is_empty());
}

#[test]
fn tags_are_folded_words_too() {
    let mut ws = vn_workspace();
    let vip = register(
        &mut ws,
        RegisterCustomer {
            full_name: "Nguyễn Văn Đức".into(),
            tags: vec!["VIP".into(), "khách sỉ".into()],
            ..Default::default()
        },
    );
    let plain = register(&mut ws, named("Nguyễn Thị Vi"));
    assert_eq!(find(&ws, "vip"), [vip]);
    assert_eq!(find(&ws, "khach si"), [vip]);
    assert_eq!(find(&ws, "khach"), [vip]);
    // Names rank above tags: "vi" is a whole name word of one, a tag prefix of the other.
    assert_eq!(find(&ws, "vi"), [plain, vip]);
    // Name and tag words combine.
    let found = ws.search_customers(&query("nguyen vip")).unwrap();
    assert_eq!(ids_of(&found), [vip]);
    assert_eq!(
        found.hits[0].matched,
        [MatchedField::Name, MatchedField::Tag]
    );
    assert_eq!(found.hits[0].score, 115);
}

#[test]
fn organisations_and_the_kind_filter() {
    let mut ws = vn_workspace();
    let org = register(
        &mut ws,
        RegisterCustomer {
            kind: CustomerKind::Organization,
            full_name: "Công ty TNHH An Phát".into(),
            ..Default::default()
        },
    );
    let person = register(&mut ws, named("Phát Nguyễn"));
    assert_eq!(find(&ws, "cong ty an phat"), [org]);
    assert_eq!(find(&ws, "phat"), [person, org]);
    let orgs = SearchQuery {
        kind: Some(CustomerKind::Organization),
        ..query("phat")
    };
    assert_eq!(ids_of(&ws.search_customers(&orgs).unwrap()), [org]);
    let people = SearchQuery {
        kind: Some(CustomerKind::Person),
        ..query("phat")
    };
    assert_eq!(ids_of(&ws.search_customers(&people).unwrap()), [person]);
}

#[test]
fn archived_only_on_request() {
    let mut ws = vn_workspace();
    let duc = register(&mut ws, person("Nguyễn Văn Đức", "duc@x.vn", "0903000010"));
    ws.execute(
        at(2),
        Command::ArchiveCustomer(ArchiveCustomer {
            customer: duc,
            reason: None,
        }),
    )
    .unwrap();
    for text in ["nguyen", "duc@x.vn", "0903000010"] {
        assert!(find(&ws, text).is_empty(), "{text}");
        let all = SearchQuery {
            include_archived: true,
            ..query(text)
        };
        assert_eq!(ids_of(&ws.search_customers(&all).unwrap()), [duc], "{text}");
    }
    ws.execute(
        at(3),
        Command::RestoreCustomer(RestoreCustomer {
            customer: duc,
            allow_shared_contacts: false,
        }),
    )
    .unwrap();
    assert_eq!(find(&ws, "nguyen"), [duc]);
}

#[test]
fn ties_go_to_shorter_names_then_older_customers() {
    let mut ws = vn_workspace();
    let long = register(&mut ws, named("Nguyễn Văn Đức Anh"));
    let first = register(&mut ws, named("Nguyễn Văn Đức"));
    let swapped = register(&mut ws, named("Đức Văn Nguyễn"));
    assert_eq!(find(&ws, "nguyen van duc"), [first, swapped, long]);
}

#[test]
fn pages_concatenate_to_the_ranked_list() {
    let mut ws = vn_workspace();
    let given = ["Đức", "Anh", "Dung", "Hương", "Hùng", "Lan", "Minh"];
    let middle = ["Văn", "Thị", "Hữu", ""];
    let mut n = 0;
    for g in given {
        for m in middle {
            for family in ["Nguyễn", "Nguyên", "Nguyen Ngoc"] {
                register(&mut ws, named(&format!("{family} {m} {g}")));
                n += 1;
            }
        }
    }
    let all = ws.search_customers(&query("nguyen")).unwrap();
    assert_eq!(all.total, n);
    assert_eq!(all.hits.len(), n);
    assert_eq!(all.next_offset, None);
    for limit in [1, 7, 20] {
        let mut pages = Vec::new();
        let mut offset = Some(0);
        while let Some(o) = offset {
            let page = ws
                .search_customers(&SearchQuery {
                    offset: o,
                    limit,
                    ..SearchQuery::new("nguyen")
                })
                .unwrap();
            assert_eq!(page.total, n);
            assert!(page.hits.len() <= limit);
            pages.extend(ids_of(&page));
            offset = page.next_offset;
        }
        assert_eq!(pages, ids_of(&all), "limit {limit}");
    }
    let past = SearchQuery {
        offset: n + 5,
        ..SearchQuery::new("nguyen")
    };
    let past = ws.search_customers(&past).unwrap();
    assert!(past.hits.is_empty());
    assert_eq!((past.total, past.next_offset), (n, None));
    // Scores never increase down the list.
    assert!(all.hits.windows(2).all(|w| w[0].score >= w[1].score));
}

#[test]
fn limits_and_blank_text() {
    let mut ws = vn_workspace();
    register(&mut ws, named("Nguyễn Văn Đức"));
    for limit in [0, MAX_PAGE + 1] {
        let e = ws
            .search_customers(&SearchQuery {
                limit,
                ..SearchQuery::new("nguyen")
            })
            .unwrap_err();
        assert_eq!(e.code(), "invalid_input");
        assert_eq!(invalid_field(&e), Some("limit"));
    }
    for blank in ["", "   ", "\t\n", "!!! ..."] {
        let found = ws.search_customers(&SearchQuery::new(blank)).unwrap();
        assert_eq!(found, SearchResults::default(), "{blank:?}");
    }
    let e = ws
        .search_customers(&SearchQuery::new("x".repeat(1000)))
        .unwrap_err();
    assert_eq!(invalid_field(&e), Some("text"));
}

#[test]
fn the_index_follows_every_event() {
    let mut ws = vn_workspace();
    let duc = register(
        &mut ws,
        RegisterCustomer {
            full_name: "Nguyễn Văn Đức".into(),
            emails: vec!["duc@x.vn".into()],
            phones: vec!["0903 123 456".into()],
            tags: vec!["vip".into()],
            ..Default::default()
        },
    );
    // Rename.
    let mut u = UpdateCustomer::new(duc);
    u.full_name = Some("Trần Minh Đức".into());
    ws.execute(at(2), Command::UpdateCustomer(u)).unwrap();
    assert!(find(&ws, "nguyen").is_empty());
    assert_eq!(find(&ws, "tran minh"), [duc]);
    let mut u = UpdateCustomer::new(duc);
    u.display_name = Some(Some("anh Ba".into()));
    ws.execute(at(3), Command::UpdateCustomer(u)).unwrap();
    assert_eq!(find(&ws, "ba"), [duc]);
    let mut u = UpdateCustomer::new(duc);
    u.display_name = Some(None);
    ws.execute(at(4), Command::UpdateCustomer(u)).unwrap();
    assert!(find(&ws, "ba").is_empty());
    // Contacts.
    for (minutes, contact) in [
        (
            5,
            ContactPoint::Phone {
                number: "0903 123 456".into(),
                label: None,
            },
        ),
        (
            6,
            ContactPoint::Email {
                address: "duc@x.vn".into(),
                label: None,
            },
        ),
    ] {
        ws.execute(
            at(minutes),
            Command::RemoveContactPoint(RemoveContactPoint {
                customer: duc,
                contact,
            }),
        )
        .unwrap();
    }
    assert!(find(&ws, "0903123456").is_empty());
    assert!(find(&ws, "123456").is_empty());
    assert!(find(&ws, "duc@x.vn").is_empty());
    ws.execute(
        at(7),
        Command::AddContactPoint(AddContactPoint {
            customer: duc,
            contact: ContactPoint::Phone {
                number: "+84 912 000 111".into(),
                label: None,
            },
            allow_shared_contacts: false,
        }),
    )
    .unwrap();
    assert_eq!(find(&ws, "0912000111"), [duc]);
    // Tags.
    assert_eq!(find(&ws, "vip"), [duc]);
    ws.execute(
        at(8),
        Command::UntagCustomer(TagCustomer {
            customer: duc,
            tags: vec!["vip".into()],
        }),
    )
    .unwrap();
    assert!(find(&ws, "vip").is_empty());
    ws.execute(
        at(9),
        Command::TagCustomer(TagCustomer {
            customer: duc,
            tags: vec!["Khách quen".into()],
        }),
    )
    .unwrap();
    assert_eq!(find(&ws, "khach quen"), [duc]);
    // A replay answers the same.
    let copy = Workspace::replay(ws.events().iter().cloned(), Box::new(SeededIds::new(1))).unwrap();
    for text in ["tran", "0912000111", "khach", "duc"] {
        assert_eq!(find(&copy, text), find(&ws, text), "{text}");
    }
}

#[test]
fn merged_and_erased_customers_are_never_found() {
    let mut ws = vn_workspace();
    let a = register(&mut ws, person("Nguyễn Văn Đức", "duc@x.vn", "0903000010"));
    let b = register(&mut ws, person("Nguyen Van Duc", "duc2@x.vn", "0903000011"));
    let c = register(&mut ws, person("Lê Thị Hương", "huong@x.vn", "0903000012"));
    ws.execute(
        at(2),
        Command::MergeCustomers(MergeCustomers {
            survivor: a,
            merged: vec![b],
            rules: Survivorship::default(),
            reason: None,
        }),
    )
    .unwrap();
    fn all(ws: &Workspace, text: &str) -> Vec<CustomerId> {
        let q = SearchQuery {
            include_archived: true,
            ..query(text)
        };
        ids_of(&ws.search_customers(&q).unwrap())
    }
    assert_eq!(all(&ws, "nguyen van duc"), [a]);
    assert!(!all(&ws, "duc2@x.vn").contains(&b));
    ws.execute(at(3), Command::EraseCustomer(EraseCustomer { customer: c }))
        .unwrap();
    assert!(all(&ws, "huong").is_empty());
    assert!(all(&ws, "huong@x.vn").is_empty());
    assert!(all(&ws, "0903000012").is_empty());
}

#[test]
fn query_and_results_in_json() {
    let q: SearchQuery = serde_json::from_str(r#"{"text": "nguyen"}"#).unwrap();
    assert_eq!(q, SearchQuery::new("nguyen"));
    assert_eq!((q.limit, q.typos, q.offset), (20, true, 0));
    let q: SearchQuery = serde_json::from_str(
        r#"{"text": "x", "kind": "organization", "include_archived": true, "offset": 20, "limit": 5, "typos": false}"#,
    )
    .unwrap();
    assert_eq!(q.kind, Some(CustomerKind::Organization));
    assert!(serde_json::from_str::<SearchQuery>(r#"{"text": "x", "limt": 5}"#).is_err());
    assert!(serde_json::from_str::<SearchQuery>(r#"{"limit": 5}"#).is_err());

    let mut ws = vn_workspace();
    let id = register(&mut ws, named("Mary Johnson"));
    let found = ws.search_customers(&SearchQuery::new("jonhson")).unwrap();
    let v = serde_json::to_value(&found).unwrap();
    assert_eq!(v["total"], 1);
    assert_eq!(v["next_offset"], serde_json::Value::Null);
    assert_eq!(v["hits"][0]["customer"]["id"], id.to_string());
    assert_eq!(v["hits"][0]["matched"], serde_json::json!(["name_typo"]));
    assert_eq!(v["hits"][0]["score"], 30);
}

fn name_pool() -> impl Strategy<Value = String> {
    let family = prop::sample::select(vec!["Nguyễn", "Trần", "Lê", "Nguyên", "Ngô"]);
    let middle = prop::sample::select(vec!["Văn", "Thị", "", "Hữu"]);
    let given = prop::sample::select(vec!["Đức", "Anh", "Dũng", "Dung", "Hương", "Hưng"]);
    (family, middle, given).prop_map(|(f, m, g)| format!("{f} {m} {g}"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Any page size walks the same ranked list; every hit holds every query
    /// word; the list is ranked by score.
    #[test]
    fn paging_is_consistent(
        names in prop::collection::vec(name_pool(), 1..60),
        text in prop::sample::select(vec!["nguyen", "ngu", "duc", "dung", "nguyen van", "hung", "le thi", "nguyne"]),
        limit in 1usize..9,
    ) {
        let mut ws = vn_workspace();
        for n in &names {
            register(&mut ws, named(n));
        }
        let all = ws.search_customers(&query(text)).unwrap();
        prop_assert_eq!(all.total, all.hits.len());
        prop_assert!(all.hits.windows(2).all(|w| w[0].score >= w[1].score));
        let mut walked = Vec::new();
        let mut offset = Some(0);
        while let Some(o) = offset {
            let page = ws.search_customers(&SearchQuery { offset: o, limit, ..SearchQuery::new(text) }).unwrap();
            prop_assert_eq!(page.total, all.total);
            walked.extend(ids_of(&page));
            offset = page.next_offset;
        }
        prop_assert_eq!(walked, ids_of(&all));
        let copy = Workspace::replay(ws.events().iter().cloned(), Box::new(SeededIds::new(1))).unwrap();
        prop_assert_eq!(ids_of(&copy.search_customers(&query(text)).unwrap()), ids_of(&all));
    }
}
