//! Customer capabilities: registration, normalisation, conflicts, updates,
//! contact points, consent, tags, lifecycle, tier, archive, memberships, queries.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use clientcare::*;
use common::*;

#[test]
fn register_normalises_contacts_and_finds_them_in_o1() {
    let mut ws = vn_workspace();
    let id = ws
        .register_customer(
            at(1),
            person("Nguyễn Văn Đức", " Duc.Nguyen@Example.VN ", "090 123 4567"),
        )
        .unwrap();
    let c = ws.customer(id).unwrap();
    assert_eq!(c.emails().collect::<Vec<_>>(), ["duc.nguyen@example.vn"]);
    assert_eq!(c.phones().collect::<Vec<_>>(), ["+84901234567"]);
    assert_eq!(c.lifecycle, Lifecycle::Lead);
    assert_eq!(ws.find_by_email("DUC.NGUYEN@example.vn").unwrap()[0].id, id);
    assert_eq!(ws.find_by_phone("+84 90 123 4567").unwrap()[0].id, id);
    assert_eq!(ws.find_by_phone("0901234567").unwrap()[0].id, id);
    assert!(ws.find_by_phone("+84912345678").unwrap().is_empty());
}

#[test]
fn invalid_contacts_name_field_and_value() {
    let mut ws = vn_workspace();
    let before = ws.export_jsonl();
    let e = ws
        .register_customer(at(1), person("A", "not-an-email", "0901234567"))
        .unwrap_err();
    assert!(
        matches!(&e, Error::InvalidInput { field, value, .. } if field == "email" && value == "not-an-email"),
        "{e}"
    );
    let e = ws
        .register_customer(at(1), person("A", "a@b.vn", "12345"))
        .unwrap_err();
    assert!(
        matches!(&e, Error::InvalidInput { field, .. } if field == "phone"),
        "{e}"
    );
    assert_eq!(
        ws.export_jsonl(),
        before,
        "a failed command changes nothing"
    );
}

#[test]
fn shared_email_or_phone_is_a_conflict_naming_the_holder_unless_allowed() {
    let mut ws = vn_workspace();
    let first = ws
        .register_customer(
            at(1),
            person("Trần Thị Mai", "mai@example.vn", "0912345678"),
        )
        .unwrap();
    let e = ws
        .register_customer(at(2), person("Mai Trần", "MAI@example.vn", "0987654321"))
        .unwrap_err();
    assert_eq!(e.code(), "conflict");
    assert!(
        matches!(&e, Error::Conflict { holder, field, .. } if *holder == first.to_string() && field == "email")
    );
    let e = ws
        .register_customer(
            at(2),
            person("Mai Trần", "other@example.vn", "+84 91 234 5678"),
        )
        .unwrap_err();
    assert!(matches!(&e, Error::Conflict { field, .. } if field == "phone"));
    let mut shared = person("Mai Trần", "mai@example.vn", "0912345678");
    shared.allow_shared_contacts = true;
    let second = ws.register_customer(at(3), shared).unwrap();
    let holders: Vec<_> = ws
        .find_by_email("mai@example.vn")
        .unwrap()
        .iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(holders, vec![first, second]);
    // Archived holders release their contacts.
    let mut ws = vn_workspace();
    let a = ws
        .register_customer(at(1), person("A", "a@x.vn", "0912345678"))
        .unwrap();
    ws.execute(
        at(2),
        Command::ArchiveCustomer(ArchiveCustomer {
            customer: a,
            reason: Some("moved".into()),
        }),
    )
    .unwrap();
    let b = ws
        .register_customer(at(3), person("B", "a@x.vn", "0912345678"))
        .unwrap();
    // Restoring `a` now conflicts with `b`.
    let e = ws
        .execute(
            at(4),
            Command::RestoreCustomer(RestoreCustomer {
                customer: a,
                allow_shared_contacts: false,
            }),
        )
        .unwrap_err();
    assert!(matches!(&e, Error::Conflict { holder, .. } if *holder == b.to_string()));
    let found = ws.find_by_email("a@x.vn").unwrap();
    assert_eq!(found[0].id, b, "active holders come first");
}

#[test]
fn partial_update_records_only_changed_fields() {
    let mut ws = vn_workspace();
    let id = ws
        .register_customer(at(1), person("Lê Văn Nam", "nam@x.vn", "0903000001"))
        .unwrap();
    let mut up = UpdateCustomer::new(id);
    up.full_name = Some("Lê Văn Nam".into()); // unchanged
    up.display_name = Some(Some("anh Nam".into()));
    up.language = Some(Some("VI".into()));
    up.attributes
        .insert("birthday_month".into(), Some(AttrValue::Integer(7)));
    let out = ws.execute(at(2), Command::UpdateCustomer(up)).unwrap();
    assert_eq!(out.events, 1);
    let last = ws.events().last().unwrap();
    let EventPayload::CustomerUpdated { changes } = &last.payload else {
        panic!("expected customer_updated, got {:?}", last.payload)
    };
    assert_eq!(
        changes.fields(),
        ["display_name", "language", "attributes.birthday_month"]
    );
    let c = ws.customer(id).unwrap();
    assert_eq!(c.names.shown(), "anh Nam");
    assert_eq!(c.language.as_deref(), Some("vi"));
    // Same values again: no event.
    let mut same = UpdateCustomer::new(id);
    same.display_name = Some(Some("anh Nam".into()));
    assert_eq!(
        ws.execute(at(3), Command::UpdateCustomer(same))
            .unwrap()
            .events,
        0
    );
    // Clear with Some(None).
    let mut clear = UpdateCustomer::new(id);
    clear.display_name = Some(None);
    clear.attributes.insert("birthday_month".into(), None);
    ws.execute(at(4), Command::UpdateCustomer(clear)).unwrap();
    let c = ws.customer(id).unwrap();
    assert_eq!(c.names.shown(), "Lê Văn Nam");
    assert!(c.attributes.is_empty());
    // Bad time zone: invalid_input and nothing changes.
    let mut bad = UpdateCustomer::new(id);
    bad.time_zone = Some(Some("Saigon/Nowhere".into()));
    bad.display_name = Some(Some("x".into()));
    assert_eq!(
        ws.execute(at(5), Command::UpdateCustomer(bad))
            .unwrap_err()
            .code(),
        "invalid_input"
    );
    assert_eq!(ws.customer(id).unwrap().names.display, None);
}

#[test]
fn contact_points_of_every_kind_add_and_remove() {
    let mut ws = vn_workspace();
    let id = ws
        .register_customer(at(1), person("Phạm Thu Hà", "ha@x.vn", "0903000002"))
        .unwrap();
    for contact in [
        ContactPoint::Social {
            network: Network::Zalo,
            handle: "0903000002".into(),
            label: None,
        },
        ContactPoint::Address {
            address: Box::new(PostalAddress {
                lines: vec!["12 Nguyễn Huệ".into(), "Phường Bến Nghé, Quận 1".into()],
                city: Some("Thành phố Hồ Chí Minh".into()),
                country: Some("vn".into()),
                ..Default::default()
            }),
            label: Some("home".into()),
        },
        ContactPoint::Email {
            address: "Ha.Pham@Work.VN".into(),
            label: Some("work".into()),
        },
    ] {
        ws.execute(
            at(2),
            Command::AddContactPoint(AddContactPoint {
                customer: id,
                contact,
                allow_shared_contacts: false,
            }),
        )
        .unwrap();
    }
    let c = ws.customer(id).unwrap();
    assert_eq!(c.contacts.len(), 5);
    assert!(
        matches!(&c.contacts[3], ContactPoint::Address { address, .. } if address.country.as_deref() == Some("VN"))
    );
    assert_eq!(ws.find_by_email("ha.pham@work.vn").unwrap()[0].id, id);
    ws.execute(
        at(3),
        Command::RemoveContactPoint(RemoveContactPoint {
            customer: id,
            contact: ContactPoint::Email {
                address: "HA.PHAM@work.vn".into(),
                label: None,
            },
        }),
    )
    .unwrap();
    assert!(ws.find_by_email("ha.pham@work.vn").unwrap().is_empty());
    let e = ws
        .execute(
            at(4),
            Command::RemoveContactPoint(RemoveContactPoint {
                customer: id,
                contact: ContactPoint::Phone {
                    number: "0909999999".into(),
                    label: None,
                },
            }),
        )
        .unwrap_err();
    assert_eq!(e.code(), "not_found");
    let e = ws
        .execute(
            at(4),
            Command::AddContactPoint(AddContactPoint {
                customer: id,
                contact: ContactPoint::Social {
                    network: Network::Zalo,
                    handle: "  ".into(),
                    label: None,
                },
                allow_shared_contacts: false,
            }),
        )
        .unwrap_err();
    assert!(matches!(&e, Error::InvalidInput { field, .. } if field == "handle"));
}

#[test]
fn consent_is_per_channel_and_purpose_and_latest_wins() {
    let mut ws = vn_workspace();
    let id = ws
        .register_customer(at(1), person("Võ Minh Quân", "quan@x.vn", "0903000003"))
        .unwrap();
    let consent = |granted, m| {
        Command::RecordConsent(RecordConsent {
            customer: id,
            channel: Channel::Email,
            purpose: Purpose::Marketing,
            granted,
            source: format!("web form {m}"),
        })
    };
    ws.execute(at(2), consent(true, 1)).unwrap();
    let c = ws.customer(id).unwrap();
    assert!(c.has_consent(Channel::Email, Purpose::Marketing));
    assert!(!c.has_consent(Channel::Sms, Purpose::Marketing));
    assert!(!c.has_consent(Channel::Email, Purpose::Feedback));
    ws.execute(at(3), consent(false, 2)).unwrap();
    let c = ws.customer(id).unwrap();
    assert!(!c.has_consent(Channel::Email, Purpose::Marketing));
    let last = c.consent(Channel::Email, Purpose::Marketing).unwrap();
    assert_eq!(last.source, "web form 2");
    assert_eq!(last.at, at(3).at);
    assert_eq!(c.consents.len(), 1);
}

#[test]
fn tags_lifecycle_tier_and_archive() {
    let mut ws = vn_workspace();
    let id = ws
        .register_customer(at(1), person("Đỗ Thị Lan", "lan@x.vn", "0903000004"))
        .unwrap();
    let tag = |tags: &[&str]| TagCustomer {
        customer: id,
        tags: tags.iter().map(|t| (*t).to_owned()).collect(),
    };
    ws.execute(at(2), Command::TagCustomer(tag(&["vip", "zalo", "vip"])))
        .unwrap();
    assert_eq!(ws.customer(id).unwrap().tags, ["vip", "zalo"]);
    assert_eq!(
        ws.execute(at(2), Command::TagCustomer(tag(&["vip"])))
            .unwrap()
            .events,
        0
    );
    ws.execute(at(3), Command::UntagCustomer(tag(&["zalo"])))
        .unwrap();
    assert_eq!(ws.customer(id).unwrap().tags, ["vip"]);

    let change = |to| {
        Command::ChangeLifecycle(ChangeLifecycle {
            customer: id,
            to,
            reason: Some("first purchase".into()),
        })
    };
    ws.execute(at(4), change(Lifecycle::Customer)).unwrap();
    let e = ws.execute(at(5), change(Lifecycle::Customer)).unwrap_err();
    match &e {
        Error::InvalidTransition {
            current, allowed, ..
        } => {
            assert_eq!(current, "customer");
            assert_eq!(allowed, &["lead", "prospect", "loyal", "churned"]);
        }
        other => panic!("expected invalid_transition, got {other}"),
    }
    assert!(e
        .to_string()
        .contains("allowed from here: lead, prospect, loyal, churned"));
    let EventPayload::LifecycleChanged { from, to, reason } = &ws.events().last().unwrap().payload
    else {
        panic!("expected lifecycle_changed")
    };
    assert_eq!(
        (*from, *to, reason.as_deref()),
        (Lifecycle::Lead, Lifecycle::Customer, Some("first purchase"))
    );

    ws.execute(
        at(6),
        Command::SetTier(SetTier {
            customer: id,
            tier: Some("gold".into()),
        }),
    )
    .unwrap();
    assert_eq!(ws.customer(id).unwrap().tier.as_deref(), Some("gold"));

    ws.execute(
        at(7),
        Command::ArchiveCustomer(ArchiveCustomer {
            customer: id,
            reason: None,
        }),
    )
    .unwrap();
    assert!(ws.customer(id).unwrap().archived);
    let e = ws
        .execute(at(8), Command::TagCustomer(tag(&["x"])))
        .unwrap_err();
    assert!(matches!(&e, Error::InvalidTransition { current, .. } if current == "archived"));
    let e = ws
        .execute(
            at(8),
            Command::ArchiveCustomer(ArchiveCustomer {
                customer: id,
                reason: None,
            }),
        )
        .unwrap_err();
    assert_eq!(e.code(), "invalid_transition");
    ws.execute(
        at(9),
        Command::RestoreCustomer(RestoreCustomer {
            customer: id,
            allow_shared_contacts: false,
        }),
    )
    .unwrap();
    assert!(!ws.customer(id).unwrap().archived);
}

#[test]
fn memberships_link_people_to_organisations() {
    let mut ws = vn_workspace();
    let org = ws
        .register_customer(
            at(1),
            RegisterCustomer {
                kind: CustomerKind::Organization,
                full_name: "Công ty TNHH Phúc An".into(),
                phones: vec!["(028) 3822 1234".into()],
                ..Default::default()
            },
        )
        .unwrap();
    let p = ws
        .register_customer(
            at(1),
            person("Bùi Văn Hùng", "hung@phucan.vn", "0903000005"),
        )
        .unwrap();
    let add = |person, organization| {
        Command::AddMembership(AddMembership {
            person,
            organization,
            role: Some("kế toán trưởng".into()),
        })
    };
    ws.execute(at(2), add(p, org)).unwrap();
    assert_eq!(ws.customer(p).unwrap().memberships[0].organization, org);
    assert_eq!(
        ws.execute(at(3), add(org, p)).unwrap_err().code(),
        "invalid_input"
    );
    assert_eq!(
        ws.execute(at(3), add(p, p)).unwrap_err().code(),
        "invalid_input"
    );
    // The organisation's timeline shows the membership.
    let tl = ws.timeline(org, PageRequest::default()).unwrap();
    assert!(tl
        .items
        .iter()
        .any(|e| e.event.payload.type_name() == "membership_added"));
    ws.execute(
        at(4),
        Command::RemoveMembership(RemoveMembership {
            person: p,
            organization: org,
        }),
    )
    .unwrap();
    assert!(ws.customer(p).unwrap().memberships.is_empty());
    let e = ws
        .execute(
            at(5),
            Command::RemoveMembership(RemoveMembership {
                person: p,
                organization: org,
            }),
        )
        .unwrap_err();
    assert_eq!(e.code(), "not_found");
}

#[test]
fn owners_and_actors_must_be_known_active_agents() {
    let mut ws = vn_workspace();
    let mai = ws
        .register_agent(
            at(0),
            RegisterAgent {
                name: "Trần Thị Mai".into(),
                team: Some("care".into()),
                ..Default::default()
            },
        )
        .unwrap();
    let mut cmd = person("Khách A", "a@x.vn", "0903000006");
    cmd.owner = Some(mai);
    let id = ws
        .register_customer(Meta::agent(at(1).at, mai), cmd)
        .unwrap();
    assert_eq!(ws.customer(id).unwrap().owner, Some(mai));
    assert_eq!(ws.events().last().unwrap().actor, Actor::Agent(mai));
    let ghost = AgentId::from_uuid(uuid_of(1));
    let e = ws
        .register_customer(
            Meta::agent(at(2).at, ghost),
            person("B", "b@x.vn", "0903000007"),
        )
        .unwrap_err();
    assert_eq!(e.code(), "not_found");
    ws.execute(
        at(3),
        Command::UpdateAgent(UpdateAgent {
            agent: mai,
            name: None,
            team: None,
            active: Some(false),
        }),
    )
    .unwrap();
    let e = ws
        .register_customer(
            Meta::agent(at(4).at, mai),
            person("B", "b@x.vn", "0903000007"),
        )
        .unwrap_err();
    assert!(matches!(&e, Error::InvalidInput { field, .. } if field == "actor"));
    let mut owned = person("B", "b@x.vn", "0903000007");
    owned.owner = Some(mai);
    let e = ws.register_customer(at(4), owned).unwrap_err();
    assert!(matches!(&e, Error::InvalidInput { field, .. } if field == "owner"));
}

fn uuid_of(n: u128) -> uuid::Uuid {
    uuid::Uuid::from_u128(n)
}

#[test]
fn list_filters_and_stable_paging() {
    let mut ws = vn_workspace();
    let mut ids = Vec::new();
    for i in 0..25 {
        let mut c = person(
            &format!("Khách {i}"),
            &format!("k{i}@x.vn"),
            &format!("09030001{i:02}"),
        );
        if i % 2 == 0 {
            c.tags = vec!["even".into()];
        }
        c.tier = (i % 5 == 0).then(|| "gold".to_owned());
        ids.push(ws.register_customer(at(i), c).unwrap());
    }
    ws.execute(
        at(30),
        Command::ArchiveCustomer(ArchiveCustomer {
            customer: ids[2],
            reason: None,
        }),
    )
    .unwrap();

    let even = CustomerFilter {
        tag: Some("even".into()),
        ..Default::default()
    };
    let mut seen = Vec::new();
    let mut after = None;
    loop {
        let page = ws
            .list_customers(&even, PageRequest { after, limit: 4 })
            .unwrap();
        seen.extend(page.items.iter().map(|c| c.id));
        let next = page.next;
        // A customer registered while paging does not disturb the pages.
        if after.is_none() {
            let mut extra = person("Mới", "moi@x.vn", "0903999999");
            extra.tags = vec!["even".into()];
            ids.push(ws.register_customer(at(40), extra).unwrap());
        }
        match next {
            Some(n) => after = Some(n),
            None => break,
        }
    }
    let mut expected: Vec<_> = (0..25)
        .step_by(2)
        .filter(|i| *i != 2)
        .map(|i| ids[i])
        .collect();
    expected.push(ids[25]);
    assert_eq!(seen, expected);

    let gold = CustomerFilter {
        tier: Some("gold".into()),
        ..Default::default()
    };
    assert_eq!(
        ws.list_customers(&gold, PageRequest::default())
            .unwrap()
            .items
            .len(),
        5
    );
    let archived = CustomerFilter {
        archived: Some(true),
        ..Default::default()
    };
    assert_eq!(
        ws.list_customers(&archived, PageRequest::default())
            .unwrap()
            .items[0]
            .id,
        ids[2]
    );
    let all = CustomerFilter {
        archived: None,
        ..Default::default()
    };
    assert_eq!(
        ws.list_customers(
            &all,
            PageRequest {
                after: None,
                limit: 1000
            }
        )
        .unwrap()
        .items
        .len(),
        26
    );
    assert_eq!(
        ws.list_customers(
            &all,
            PageRequest {
                after: None,
                limit: 0
            }
        )
        .unwrap_err()
        .code(),
        "invalid_input"
    );
}

#[test]
fn search_folds_case_and_diacritics_and_is_prefix_aware() {
    let mut ws = vn_workspace();
    let duc = ws
        .register_customer(at(1), person("Nguyễn Văn Đức", "duc@x.vn", "0903000010"))
        .unwrap();
    let anh = ws
        .register_customer(at(1), person("Nguyễn Thị Ánh", "anh@x.vn", "0903000011"))
        .unwrap();
    let zoe = ws
        .register_customer(at(1), person("Zoë Dubois", "zoe@x.fr", "+33 6 12 34 56 78"))
        .unwrap();
    fn found(ws: &Workspace, q: &str) -> Vec<CustomerId> {
        ws.search_customers(&SearchQuery {
            limit: 10,
            ..SearchQuery::new(q)
        })
        .unwrap()
        .hits
        .iter()
        .map(|h| h.customer.id)
        .collect()
    }
    let ids = |q: &str| found(&ws, q);
    assert_eq!(ids("nguyen van duc"), [duc]);
    assert_eq!(ids("NGUYỄN"), [duc, anh]);
    assert_eq!(ids("ngu anh"), [anh]);
    assert_eq!(ids("zoe"), [zoe]);
    assert_eq!(ids("dub"), [zoe]);
    assert!(ids("tran").is_empty());
    assert!(ids("   ").is_empty());
    ws.execute(
        at(2),
        Command::ArchiveCustomer(ArchiveCustomer {
            customer: anh,
            reason: None,
        }),
    )
    .unwrap();
    assert_eq!(found(&ws, "nguyen"), [duc]);
}

#[test]
fn bulk_register_reports_bad_rows_and_applies_good_ones() {
    let mut ws = vn_workspace();
    let rows = vec![
        person("Một", "mot@x.vn", "0903000020"),
        person("Hai", "bad-email", "0903000021"),
        person("Ba", "ba@x.vn", "0903000022"),
        person("Bốn", "mot@x.vn", "0903000023"), // conflicts with row 0
        RegisterCustomer {
            full_name: " ".into(),
            ..Default::default()
        },
    ];
    let out = ws.register_customers(at(1), rows);
    assert_eq!(out.applied(), 2);
    let errs: Vec<_> = out.errors().map(|(i, e)| (i, e.code())).collect();
    assert_eq!(
        errs,
        [(1, "invalid_input"), (3, "conflict"), (4, "invalid_input")]
    );
    assert_eq!(ws.customer_count(), 2);
}
