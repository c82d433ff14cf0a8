//! Interactions on every channel and the per-customer timeline.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use chrono::Duration;
use clientcare::*;
use common::*;

#[test]
fn interactions_on_every_channel_and_validation() {
    let mut ws = vn_workspace();
    let agent = ws
        .register_agent(
            at(0),
            RegisterAgent {
                name: "Lý Hoàng Long".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let c = ws
        .register_customer(at(1), person("Ngô Thảo", "thao@x.vn", "0903000030"))
        .unwrap();
    for (i, ch) in Channel::ALL.into_iter().enumerate() {
        let mut cmd = LogInteraction::new(c, ch);
        cmd.network = (ch == Channel::Social).then_some(Network::Zalo);
        cmd.agent = Some(agent);
        cmd.duration_seconds = Some(60);
        cmd.direction = if i % 2 == 0 {
            Direction::Inbound
        } else {
            Direction::Outbound
        };
        ws.log_interaction(at(10 + i as i64), cmd).unwrap();
    }
    let list = ws.interactions_of(c).unwrap();
    assert_eq!(list.len(), Channel::ALL.len());
    assert_eq!(list[4].network, Some(Network::Zalo));

    let before = ws.export_jsonl();
    let social = LogInteraction::new(c, Channel::Social);
    let e = ws.log_interaction(at(30), social).unwrap_err();
    assert!(
        matches!(&e, Error::InvalidInput { field, .. } if field == "network"),
        "{e}"
    );
    let mut phone = LogInteraction::new(c, Channel::Phone);
    phone.network = Some(Network::Facebook);
    assert_eq!(
        ws.log_interaction(at(30), phone).unwrap_err().code(),
        "invalid_input"
    );
    let mut future = LogInteraction::new(c, Channel::Email);
    future.occurred_at = Some(at(30).at + Duration::hours(2));
    let e = ws.log_interaction(at(30), future).unwrap_err();
    assert!(matches!(&e, Error::InvalidInput { field, .. } if field == "occurred_at"));
    let far = Meta::system(chrono::DateTime::<chrono::Utc>::MAX_UTC);
    assert_eq!(
        ws.log_interaction(far, LogInteraction::new(c, Channel::Web))
            .unwrap_err()
            .code(),
        "invalid_input"
    );
    let ghost = CustomerId::from_uuid(uuid::Uuid::from_u128(9));
    assert_eq!(
        ws.log_interaction(at(30), LogInteraction::new(ghost, Channel::Web))
            .unwrap_err()
            .code(),
        "not_found"
    );
    assert_eq!(ws.export_jsonl(), before);
}

#[test]
fn timeline_merges_interactions_at_their_time_and_pages_newest_first() {
    let mut ws = vn_workspace();
    let c = ws
        .register_customer(at(0), person("Hồ Ngọc Yến", "yen@x.vn", "0903000031"))
        .unwrap();
    ws.execute(
        at(10),
        Command::TagCustomer(TagCustomer {
            customer: c,
            tags: vec!["vip".into()],
        }),
    )
    .unwrap();
    // Logged at minute 20 but it happened at minute 5: shown between registration and tagging.
    let mut late = LogInteraction::new(c, Channel::Phone);
    late.occurred_at = Some(at(5).at);
    late.subject = Some("Gọi hỏi bảo hành".into());
    let late_id = ws.log_interaction(at(20), late).unwrap();
    ws.log_interaction(at(30), LogInteraction::new(c, Channel::LiveChat))
        .unwrap();
    // Another customer's events never show up.
    let other = ws
        .register_customer(at(31), person("Khác", "khac@x.vn", "0903000032"))
        .unwrap();
    ws.log_interaction(at(32), LogInteraction::new(other, Channel::Sms))
        .unwrap();

    let all = ws
        .timeline(
            c,
            PageRequest {
                after: None,
                limit: 100,
            },
        )
        .unwrap();
    let kinds: Vec<_> = all
        .items
        .iter()
        .map(|e| e.event.payload.type_name())
        .collect();
    assert_eq!(
        kinds,
        [
            "interaction_logged",
            "customer_tagged",
            "interaction_logged",
            "customer_registered"
        ]
    );
    assert_eq!(all.items[2].event.entity, EntityRef::Interaction(late_id));
    assert_eq!(all.items[2].at, at(5).at);
    assert_eq!(all.next, None);

    let mut seqs = Vec::new();
    let mut after = None;
    loop {
        let page = ws.timeline(c, PageRequest { after, limit: 3 }).unwrap();
        assert!(page.items.len() <= 3);
        seqs.extend(page.items.iter().map(|e| e.event.seq));
        match page.next {
            Some(n) => after = Some(n),
            None => break,
        }
    }
    assert_eq!(
        seqs,
        all.items.iter().map(|e| e.event.seq).collect::<Vec<_>>()
    );
    assert_eq!(
        ws.timeline(
            c,
            PageRequest {
                after: Some(9999),
                limit: 3
            }
        )
        .unwrap_err()
        .code(),
        "invalid_input"
    );
}
