//! The main job on a small shop: round trip through a file, and the summary's numbers.

use clientcare::{Channel, Lifecycle};
use clientcare_examples::{build_shop, run_main_job, ShopConfig};
use std::path::PathBuf;

fn out_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name)
}

#[test]
fn small_shop_round_trips_and_summarises() {
    let cfg = ShopConfig::small();
    let path = out_path("main-job/small-shop.jsonl");
    let job = run_main_job(&cfg, &path).unwrap();
    let s = &job.summary;

    // The file holds one event per line, all of them.
    assert_eq!(job.lines, s.events);
    assert_eq!(std::fs::metadata(&path).unwrap().len(), job.file_bytes);
    assert!(s.events > 300, "{} events", s.events);

    // Customers: the imported base, three showcase records, some walk-ins, one archived.
    assert!(
        s.customers >= cfg.people + cfg.companies + 3,
        "{}",
        s.customers
    );
    assert_eq!(s.organizations, cfg.companies + 1);
    assert_eq!(s.people + s.organizations, s.customers);
    assert_eq!(s.archived, 1);
    let active: usize = s.by_lifecycle.iter().map(|(_, n)| n).sum();
    assert_eq!(active, s.customers - 1);
    assert_eq!(s.by_tier.values().sum::<usize>(), active);
    assert!(s.memberships > cfg.companies);

    // Interactions on every channel add up; social ones name their network.
    assert_eq!(s.by_channel.len(), Channel::ALL.len());
    assert_eq!(
        s.by_channel.iter().map(|(_, n)| n).sum::<usize>(),
        s.interactions
    );
    let social = s
        .by_channel
        .iter()
        .find(|(c, _)| *c == Channel::Social)
        .map_or(0, |(_, n)| *n);
    assert_eq!(s.by_network.values().sum::<usize>(), social);
    assert!(s.by_network.contains_key("zalo"));
    assert!(!s.busiest_agents.is_empty());

    // The showcase card: Đức is loyal, top tier, works at An Phát; his
    // timeline shows the latest five entries, newest first.
    let card = &s.card;
    assert_eq!(card.name, "Nguyễn Văn Đức");
    assert_eq!(card.lifecycle, Lifecycle::Loyal);
    assert_eq!(card.tier.as_deref(), Some("kim cương"));
    assert_eq!(card.phones, vec!["+84901234567".to_owned()]);
    assert_eq!(card.emails, vec!["duc.nguyen@example.vn".to_owned()]);
    assert!(
        card.memberships[0].starts_with("An Phát"),
        "{:?}",
        card.memberships
    );
    assert_eq!(card.latest.len(), 5);
    assert!(
        card.latest.windows(2).all(|w| w[0].0 >= w[1].0),
        "{:?}",
        card.latest
    );

    // Search without diacritics finds him, and Élodie.
    let found = |q: &str, name: &str| {
        s.searches
            .iter()
            .any(|x| x.query == q && x.top.iter().any(|(n, _)| n == name))
    };
    assert!(
        found("nguyen van duc", "Nguyễn Văn Đức"),
        "{:?}",
        s.searches
    );
    assert!(found("elodie", "Élodie Lefèvre"), "{:?}", s.searches);
    assert!(s.searches.iter().all(|x| x.matches >= x.top.len()));
    let logged = s
        .by_event_type
        .iter()
        .find(|(t, _)| *t == "interaction_logged");
    assert_eq!(logged.map(|(_, n)| *n), Some(s.interactions));
    assert_eq!(
        s.by_event_type.iter().map(|(_, n)| n).sum::<usize>(),
        s.events
    );

    // The printed report mentions the essentials.
    let text = job.to_string();
    assert!(text.contains("Customer card: Nguyễn Văn Đức"));
    assert!(text.contains("equal to the original"));
}

#[test]
fn the_story_is_deterministic() {
    let cfg = ShopConfig {
        people: 30,
        companies: 4,
        days: 4,
        ..ShopConfig::small()
    };
    let a = build_shop(&cfg).unwrap();
    let b = build_shop(&cfg).unwrap();
    assert_eq!(a.workspace.export_jsonl(), b.workspace.export_jsonl());
}
