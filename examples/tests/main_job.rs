//! The main job on a small shop: round trip through a file, and the summary's numbers.

use clientcare::{Channel, ComplaintState, Lifecycle, Meta, Metric, MetricState, TriggerOn};
use clientcare_examples::{build_shop, run_main_job, summarize, ShopConfig, SEARCH_QUERIES};
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

    // The SQLite store got every day's events, one transaction per day plus
    // the last evening, and reopened from its snapshot plus the rest.
    assert_eq!(job.db_path, path.with_extension("db"));
    assert_eq!(job.db_saves, cfg.days as usize + 1);
    assert!(job.snapshot_seq > 0 && (job.snapshot_seq as usize) < s.events);
    // The erasure on the last evening dropped it; a new one was taken.
    assert!(job.snapshot_dropped);
    assert_eq!(job.final_snapshot_seq as usize, s.events);
    assert!(job.reopened_from_snapshot);
    let store = clientcare_store::open_with(
        &job.db_path,
        "hcmc-shop",
        Box::new(clientcare::SeededIds::new(1)),
    )
    .unwrap();
    assert_eq!(store.workspace().seq() as usize, s.events);
    assert_eq!(
        store.workspace().export_jsonl(),
        std::fs::read_to_string(&path).unwrap()
    );
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

    // Complaints: every state, channel and category adds up.
    let k = &s.complaints;
    assert!(k.total >= 10, "{} complaints", k.total);
    assert_eq!(k.by_state.iter().map(|(_, n)| n).sum::<usize>(), k.total);
    assert_eq!(k.by_state.len(), ComplaintState::ALL.len());
    assert_eq!(k.by_channel.iter().map(|(_, n)| n).sum::<usize>(), k.total);
    assert_eq!(k.by_category.values().sum::<usize>(), k.total);
    assert_eq!(k.by_priority.iter().map(|(_, n)| n).sum::<usize>(), k.total);
    let in_state = |st: ComplaintState| {
        k.by_state
            .iter()
            .find(|(x, _)| *x == st)
            .map_or(0, |(_, n)| *n)
    };
    assert!(in_state(ComplaintState::Closed) > 0, "{:?}", k.by_state);
    assert!(
        in_state(ComplaintState::Cancelled) + in_state(ComplaintState::Merged) > 0,
        "{:?}",
        k.by_state
    );
    assert!(k.by_channel.len() >= 4, "{:?}", k.by_channel);
    let opened = s
        .by_event_type
        .iter()
        .find(|(t, _)| *t == "complaint_opened")
        .map(|(_, n)| *n);
    assert_eq!(opened, Some(k.total));

    // SLA at the end: every complaint has a first-response and a resolution
    // clock (the standard policy matches everything); some met, some breached.
    for metric in [Metric::FirstResponse, Metric::Resolution] {
        let t = k.tally(metric);
        assert_eq!(t.total(), k.total, "{metric}: {t:?}");
        assert!(t.met > 0 && t.breached > 0, "{metric}: {t:?}");
    }
    assert!(k.tally(Metric::NextResponse).total() > 0);
    assert!(k.next_response_cycles.0 >= k.tally(Metric::NextResponse).total() as u32);
    assert!(k.breached_top.len() <= 5 && k.breached_top.len() <= k.breached);
    assert!(k.at_risk_top.len() <= 5 && k.at_risk_top.len() <= k.at_risk);

    // The queues at the end: An Phát's short delivery (last Friday, nobody
    // answered) has breached its first response; Đức's missing voucher (last
    // Saturday morning) is at risk, due on Monday.
    let an_phat = k
        .breached_top
        .iter()
        .find(|a| a.customer == "An Phát")
        .unwrap_or_else(|| panic!("{:?}", k.breached_top));
    assert_eq!(an_phat.metric, Metric::FirstResponse);
    assert_eq!(an_phat.assignee, "Phạm Quốc Bảo");
    let duc = k
        .at_risk_top
        .iter()
        .find(|a| a.customer == "anh Đức")
        .unwrap_or_else(|| panic!("{:?}", k.at_risk_top));
    assert_eq!(duc.metric, Metric::FirstResponse);
    assert_eq!(duc.deadline, "2026-10-12 08:20");
    assert_eq!(duc.assignee, "Lê Hoàng Nam");

    // Ticks escalated and auto-closed; agents escalated by hand; money in
    // VND was given back.
    assert!(k.escalated_by_tick() > 0, "{:?}", k.tick_escalations);
    assert!(k
        .tick_escalations
        .keys()
        .any(|(on, _)| *on == TriggerOn::Breach));
    assert!(k.hand_escalations > 0);
    assert!(k.auto_closed > 0 && k.closed_by_hand > 0);
    assert_eq!(job.ticks, 9);
    assert!(job.tick_events >= k.escalated_by_tick() + k.auto_closed);
    let vnd = k.compensation.get("VND").map_or(0, |t| t.amount_minor);
    assert!(vnd > 0, "{:?}", k.compensation);

    // Đức's complaint is on his card: replaced, every clock met.
    let line = card
        .complaints
        .iter()
        .find(|l| l.contains("Mặt bàn gỗ bị trầy"))
        .unwrap_or_else(|| panic!("{:?}", card.complaints));
    assert!(line.contains("-> closed (replaced"), "{line}");
    assert!(line.contains("SLA urgent"), "{line}");
    assert!(
        card.complaints
            .iter()
            .any(|l| l.contains("Chưa nhận được phiếu mua hàng")
                && l.contains("first_response warning")),
        "{:?}",
        card.complaints
    );
    assert!(line.contains("resolution met"), "{line}");
    // Đức accepted surveys on Zalo and answered the CSAT of his complaint.
    assert!(line.contains("CSAT 5/5"), "{line}");

    // The sales journey: deals won and lost (with listed reasons), one
    // reopened and won, purchases with lines by channel and category.
    let j = &s.journey;
    assert!(j.won >= 3 && j.lost >= 2, "won {} lost {}", j.won, j.lost);
    assert_eq!(j.lost_reasons.values().sum::<usize>(), j.lost);
    assert!(j.reopens >= 1, "{:?}", j.reopened_now);
    let boards: usize = j
        .boards
        .iter()
        .flat_map(|b| &b.stages)
        .map(|st| st.count)
        .sum();
    assert_eq!(boards, j.open + j.won + j.lost);
    assert!(j.boards.iter().any(|b| b.pipeline == "b2b"));
    assert!(j.boards.iter().any(|b| b.pipeline == "sales"));
    assert!(
        j.forecast.get("VND").is_some_and(|v| *v > 0),
        "{:?}",
        j.forecast
    );
    assert!(j.purchases >= 20, "{} purchases", j.purchases);
    assert!(j.from_deals >= j.won, "{} from deals", j.from_deals);
    assert_eq!(
        j.by_channel.iter().map(|(_, n, _)| n).sum::<usize>(),
        j.purchases
    );
    assert!(j.by_category.contains_key("nội thất"));
    // Élodie's order from Paris is in euros, never added to the dong.
    assert_eq!(j.revenue.get("EUR"), Some(&18_850));
    assert!(j.carried_over.0 > 0);
    // Purchases moved lifecycles and tiers; the carried-over history gave
    // the imported customers their tiers back.
    assert!(
        j.lifecycle_by_purchase
            .keys()
            .any(|k| k == "lead -> customer"),
        "{:?}",
        j.lifecycle_by_purchase
    );
    assert!(!j.tier_by_purchase.is_empty());
    assert!(j.tier_carried_over > 0);
    // Referrals: Đức's friend bought and he got his voucher.
    assert!(j.referrals[2] >= 1, "{:?}", j.referrals);
    assert!(j.rewards.get("VND").is_some_and(|v| *v >= 500_000));
    // Playbooks: steps done and steps skipped for lack of consent.
    assert!(j.steps("done") > 0 && j.steps("skipped") > 0);
    assert!(j.steps("cancelled") > 0);
    let general = &j.playbooks[0];
    assert_eq!(general.key, "sau-ban-hang");
    assert_eq!(general.runs, j.purchases);
    assert!(general
        .skipped
        .keys()
        .any(|k| k == "no feedback consent on sms"));
    // Follow-ups of every origin; agendas at the end are not empty.
    assert!(
        j.follow_ups_by_origin.iter().all(|n| *n > 0),
        "{:?}",
        j.follow_ups_by_origin
    );
    assert_eq!(j.agendas.len(), 2);
    assert!(j.agendas.iter().all(|a| a.overdue + a.upcoming > 0
        && a.overdue_top.len() <= 5
        && a.upcoming_top.len() <= 5));

    // The printed report mentions the essentials.
    let text = job.to_string();
    assert!(text.contains("Customer card: Nguyễn Văn Đức"));
    assert!(text.contains("Complaints: "));
    assert!(text.contains("escalations: "));
    assert!(text.contains("pipeline b2b"));
    assert!(text.contains("playbook noi-that-lon"));
    assert!(text.contains("Feedback and KPIs"));
    assert!(text.contains("CSAT by ISO week"));
    let kpis = &s.kpis;
    assert!(kpis.answered > 0 && kpis.late > 0, "{kpis}");
    assert!(kpis.resolved.1 > 0 && kpis.resolved.2 > 0, "{kpis}");
    assert_eq!(
        kpis.dashboard.rows.len(),
        job.summary.kpis.dashboard.rows.len()
    );
    assert!(kpis.row("csat", "rate").is_some_and(|r| r.sample_size > 0));
    assert!(text.contains("equal to the original"));
    assert!(text.contains("Identity (a second system's customer list"));
    assert!(text.contains("may_contact at "));
}

#[test]
fn the_identity_desk_dedupes_merges_and_forgets() {
    use clientcare::{ContactReason, SeededIds, Workspace, ERASED};
    use clientcare_examples::identity::{volume_count, MERGE_REASON, MIN_DUPLICATES};

    let cfg = ShopConfig::small();
    let path = out_path("main-job/identity.jsonl");
    let job = run_main_job(&cfg, &path).unwrap();
    let s = &job.summary;
    let id = s
        .identity
        .as_ref()
        .expect("the main job adds the identity section");
    let d = &id.desk;
    let saved = std::fs::read_to_string(&path).unwrap();
    let ws = Workspace::import_jsonl(&saved, Box::new(SeededIds::new(1))).unwrap();

    // The import: at least MIN_DUPLICATES people again, each a new record
    // of an existing person (never a showcase customer).
    assert!(d.planted.len() >= MIN_DUPLICATES, "{}", d.planted.len());
    assert!(d.planted.len() * 100 >= d.people * 2, "{d:?}");
    let card_id = ws
        .customers()
        .find(|c| c.names.full == "Nguyễn Văn Đức")
        .map(|c| c.id)
        .unwrap();
    let raw = |id| ws.customers().find(|c| c.id == id).unwrap();
    for p in &d.planted {
        assert_ne!(p.original, card_id);
        assert!(raw(p.original).created_at < d.at, "{p:?}");
        assert!(raw(p.duplicate).created_at >= d.at, "{p:?}");
    }
    // Several kinds of variation, and one in ten shares nothing but the name.
    for v in [
        "no diacritics",
        "given name first",
        "same phone typed another way",
    ] {
        assert!(
            d.planted.iter().any(|p| p.variation.contains(v)),
            "no {v:?} in {:?}",
            d.planted
        );
    }

    // The scan against the planted pairs: recall and precision, and every
    // planted pair it found had been flagged by check_duplicates before the
    // row was registered.
    assert!(d.recall() >= 0.7, "recall {} ({d:?})", d.recall());
    assert!(
        d.precision() >= 0.9,
        "precision {} ({:?})",
        d.precision(),
        d.others
    );
    assert_eq!(d.found + d.others.len(), d.reported);
    assert!(d.flagged >= d.found);
    assert!(d.scanned >= s.customers, "{} < {}", d.scanned, s.customers);
    assert!(d.comparisons >= d.reported as u64);
    let phases: Vec<_> = d.phases.iter().map(|p| p.phase).collect();
    assert_eq!(
        phases,
        [
            clientcare::ScanPhase::Profiles,
            clientcare::ScanPhase::Blocking,
            clientcare::ScanPhase::Comparing
        ]
    );
    assert!(d.phases.iter().all(|p| p.calls > 0 && p.done == p.total));

    // Every planted pair found was merged into the older record, one merge
    // was undone; in the reloaded workspace the old ids still resolve.
    assert_eq!(d.merged.len(), d.found);
    for p in &d.planted {
        let merged = d.merged.contains(&(p.original, p.duplicate));
        assert!(!merged || p.flagged, "{p:?}");
    }
    let undone = d.unmerged.expect("one merge undone");
    assert!(d.merged.iter().any(|(_, dup)| *dup == undone));
    assert_eq!(d.resolving, d.merged.len());
    assert_eq!(id.resolving, d.merged.len());
    for &(survivor, dup) in &d.merged {
        let c = ws.customer(dup).unwrap();
        if dup == undone {
            assert_eq!(c.id, dup);
            assert!(c.merged_into.is_none());
        } else {
            assert_eq!(c.id, survivor);
            assert_eq!(ws.resolve_customer(dup).unwrap(), survivor);
        }
    }
    assert_eq!(id.merged_away, d.merged.len() - 1);
    assert_eq!(s.merged_away, d.merged.len() - 1);
    assert_eq!(id.events, (d.merged.len(), 1, 1));
    assert!(saved.contains(MERGE_REASON));

    // The erasure: the export came first, the log no longer holds the
    // person, the complaint volume did not move.
    let e = &d.erasure;
    assert!(
        e.count("complaints") >= 1 && e.count("purchases") >= 1,
        "{e:?}"
    );
    assert!(e.count("events") > e.count("complaints"));
    assert!(e.forgotten.len() >= 2, "{:?}", e.forgotten.len());
    assert_eq!(e.present_before, e.forgotten.len());
    assert_eq!(e.present_after, 0);
    for v in &e.forgotten {
        assert!(
            !saved.contains(v.as_str()),
            "the saved log still holds a forgotten value"
        );
    }
    assert_eq!(id.left_in_file, 0);
    assert!(id.erased);
    let gone = ws.customer(e.customer).unwrap();
    assert_eq!(gone.names.full, ERASED);
    assert!(gone.contacts.is_empty() && gone.erased_at.is_some());
    assert_eq!(s.erased, 1);
    assert_eq!(e.volume.0, e.volume.1);
    // (Complaints arriving later in the night are not in it yet.)
    let before = ws
        .complaints()
        .filter(|c| c.received_at < d.contacts_at)
        .count();
    assert_eq!(volume_count(&e.volume.0), Some(before as f64));

    // May the shop contact them? Đức on Zalo yes; someone never asked, or
    // who unsubscribed, no; the forgotten customer no, and unreachable. The
    // reloaded workspace answers the same.
    let first = &d.contacts[0];
    assert_eq!((first.customer, first.allowed), (card_id, true));
    assert_eq!(first.reason, ContactReason::Granted);
    assert!(d
        .contacts
        .iter()
        .any(|c| !c.allowed && c.reason == ContactReason::NoConsent));
    let last = d.contacts.last().unwrap();
    assert_eq!(
        (last.customer, last.reason),
        (e.customer, ContactReason::Erased)
    );
    assert!(!last.allowed && !last.reachable);
    for c in &d.contacts {
        let again = ws
            .may_contact(c.customer, c.channel, c.purpose, d.contacts_at)
            .unwrap();
        assert_eq!(
            (again.allowed, again.reason),
            (c.allowed, c.reason),
            "{c:?}"
        );
    }

    // The printed section.
    let text = job.to_string();
    assert!(text.contains(&format!(
        "precision {:.3}, recall {:.3}",
        d.precision(),
        d.recall()
    )));
    assert!(text.contains("in the saved file: 0; erased in the reloaded log"));
    assert!(text.contains("complaint_volume over the month"));
    assert!(text.contains("unchanged, row for row"));
}

#[test]
fn ticks_ran_every_business_day_and_a_second_tick_adds_nothing() {
    let cfg = ShopConfig::small();
    let mut shop = build_shop(&cfg).unwrap();
    // Ten days from Thursday 1 October: 7 weekdays and 2 Saturdays.
    assert_eq!(shop.ticks.len(), 9, "{:?}", shop.ticks);
    assert!(shop.ticks.windows(2).all(|w| w[0].0 < w[1].0));
    let fired: usize = shop.ticks.iter().map(|(_, n)| n).sum();
    assert!(fired > 0);

    // At the end instant: whatever is due fires once, then nothing more.
    // (Not at the last tick's instant: purchases were recorded after it,
    // and `tick` recomputes tiers from the purchases made up to its `now`.)
    let ws = &mut shop.workspace;
    let before = ws.events().len();
    ws.tick(Meta::system(shop.end)).unwrap();
    let after_first = ws.events().len();
    assert_eq!(ws.tick(Meta::system(shop.end)).unwrap(), 0);
    assert_eq!(ws.events().len(), after_first);
    assert!(after_first >= before);

    // The statuses at the end are the ones the summary counts, and
    // breached clocks stay breached later.
    let s = summarize(ws, shop.showcase, SEARCH_QUERIES, shop.end).unwrap();
    let later = shop.end + chrono::Duration::days(30);
    for c in ws.complaints() {
        let now = ws.sla_status(c.id, shop.end).unwrap();
        let then = ws.sla_status(c.id, later).unwrap();
        for m in &now.metrics {
            if m.state == MetricState::Breached {
                assert_eq!(
                    then.metric(m.metric).map(|x| x.state),
                    Some(MetricState::Breached)
                );
            }
        }
    }
    assert_eq!(s.complaints.total, ws.complaint_count());
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

#[test]
fn the_story_is_valid_for_other_seeds() {
    // Every command of the story is accepted, whatever the draws.
    for seed in 100..116 {
        let cfg = ShopConfig {
            seed,
            ..ShopConfig::small()
        };
        let shop = build_shop(&cfg).unwrap_or_else(|e| panic!("seed {seed}: {e}"));
        assert!(shop.workspace.complaint_count() > 0, "seed {seed}");
        let s = summarize(&shop.workspace, shop.showcase, &[], shop.end)
            .unwrap_or_else(|e| panic!("seed {seed}: {e}"));
        let j = &s.journey;
        assert!(j.purchases > 0 && j.won > 0, "seed {seed}: {j}");
        assert!(j.steps("done") > 0 && j.steps("skipped") > 0, "seed {seed}");
        assert!(
            s.kpis.answered > 0 && s.kpis.late > 0,
            "seed {seed}: {}",
            s.kpis
        );
        let d = &shop.identity;
        assert!(
            d.recall() >= 0.7 && d.precision() >= 0.9,
            "seed {seed}: {d:?}"
        );
        assert_eq!(d.erasure.present_after, 0, "seed {seed}");
        assert_eq!(d.erasure.volume.0, d.erasure.volume.1, "seed {seed}");
    }
}

#[test]
fn the_month_has_surveys_and_consistent_kpis() {
    use clientcare::{
        KpiQuery, Purpose, SurveyFilter, SurveyKind, SurveyLink, SurveyStatus, Workspace,
    };
    use clientcare_examples::summary::kpis::{period, summarize_kpis};

    let cfg = ShopConfig::small();
    let shop = build_shop(&cfg).unwrap();
    let ws = &shop.workspace;
    let all = ws.surveys(&SurveyFilter::default()).unwrap();
    let with = |st: SurveyStatus| all.iter().filter(|s| s.status == st).count();

    // Surveys went out (on resolve, by playbook steps, by the desk) and
    // were answered, one of them after it expired (kept, not counted).
    assert!(with(SurveyStatus::Answered) >= 5, "{all:?}");
    assert!(with(SurveyStatus::AnsweredLate) >= 1, "no late answer");
    assert!(with(SurveyStatus::Sent) >= 1);
    for s in &all {
        if s.status == SurveyStatus::AnsweredLate {
            assert!(s.answered_at.is_some_and(|t| t > s.expires_at), "{s:?}");
        }
        // Only to customers who accept surveys on that channel.
        let c = ws.customer(s.customer).unwrap();
        assert!(c.has_consent(s.channel, Purpose::Feedback), "{s:?}");
    }
    for kind in [
        SurveyKind::Csat,
        SurveyKind::Nps,
        SurveyKind::Ces,
        SurveyKind::Custom,
    ] {
        assert!(all.iter().any(|s| s.kind == kind), "no {kind} survey");
    }

    // A resolution sends a CSAT survey when the customer consents on the
    // complaint's channel, none otherwise; both happen.
    let (mut asked, mut not_asked) = (0, 0);
    for c in ws.complaints() {
        if c.resolutions.is_empty() {
            continue;
        }
        // Feedback consents never change once given in the story.
        let consented_at = ws
            .customer(c.customer)
            .unwrap()
            .consent(c.channel, Purpose::Feedback)
            .filter(|k| k.granted)
            .map(|k| k.at);
        let filter = SurveyFilter {
            customer: Some(c.customer),
            ..SurveyFilter::default()
        };
        let linked = ws
            .surveys(&filter)
            .unwrap()
            .into_iter()
            .filter(|s| s.link == Some(SurveyLink::Complaint { id: c.id }))
            .count();
        match consented_at {
            None => {
                not_asked += 1;
                assert_eq!(linked, 0, "{}", c.subject);
            }
            Some(t) if c.resolutions.iter().any(|r| r.at > t) => {
                asked += 1;
                assert_eq!(linked, 1, "{}", c.subject);
            }
            Some(_) => {}
        }
    }
    assert!(asked > 0 && not_asked > 0, "{asked} asked, {not_asked} not");

    // The dashboard's counts are the ones recomputed from the records.
    let q = period(shop.start, shop.end);
    let d = ws.dashboard(&q).unwrap();
    let row = |kpi: &str, measure: &str| {
        d.rows
            .iter()
            .find(|r| r.kpi == kpi && r.measure == measure && r.group == "all")
            .unwrap_or_else(|| panic!("{kpi}/{measure}"))
    };
    let in_range = |t: Option<chrono::DateTime<chrono::Utc>>| {
        t.is_some_and(|t| shop.start <= t && t < shop.end)
    };
    let csat: Vec<i64> = all
        .iter()
        .filter(|s| s.counted() && s.measure() == Some(SurveyKind::Csat) && in_range(s.answered_at))
        .filter_map(|s| s.score)
        .collect();
    let satisfied = csat.iter().filter(|x| **x >= 4).count();
    let r = row("csat", "rate");
    assert_eq!(r.numerator, Some(satisfied as f64));
    assert_eq!(r.denominator, Some(csat.len() as f64));
    assert!(!csat.is_empty());
    let r = row("csat", "mean");
    assert_eq!(r.numerator, Some(csat.iter().sum::<i64>() as f64));
    // Custom in-store answers count in CSAT through their measured scale.
    assert!(all
        .iter()
        .any(|s| s.kind == SurveyKind::Custom && s.counted() && s.score.is_some()));
    let nps: Vec<i64> = all
        .iter()
        .filter(|s| s.counted() && s.measure() == Some(SurveyKind::Nps) && in_range(s.answered_at))
        .filter_map(|s| s.score)
        .collect();
    let promoters = nps.iter().filter(|x| **x >= 9).count() as f64;
    let detractors = nps.iter().filter(|x| **x <= 6).count() as f64;
    let r = row("nps", "nps");
    assert_eq!(r.numerator, Some(promoters - detractors));
    assert_eq!(r.denominator, Some(nps.len() as f64));
    let sent = all.iter().filter(|s| in_range(Some(s.sent_at))).count();
    let answered = all
        .iter()
        .filter(|s| in_range(Some(s.sent_at)) && s.counted())
        .count();
    let r = row("survey_response_rate", "all");
    assert_eq!(r.numerator, Some(answered as f64));
    assert_eq!(r.denominator, Some(sent as f64));
    let received = ws
        .complaints()
        .filter(|c| in_range(Some(c.received_at)))
        .count();
    assert_eq!(
        row("complaint_volume", "count").sample_size,
        received as u64
    );
    let fr = row("sla_compliance", "first_response");
    assert!(fr.denominator.unwrap_or_default() > 0.0);
    assert!(row("first_response_time", "wall_median").value.is_some());

    // The reloaded workspace gives the same dashboard and grouped views.
    let reloaded =
        Workspace::import_jsonl(&ws.export_jsonl(), Box::new(clientcare::SeededIds::new(1)))
            .unwrap();
    assert_eq!(reloaded.dashboard(&q).unwrap(), d);
    let a = summarize_kpis(ws, shop.start, shop.end).unwrap();
    let b = summarize_kpis(&reloaded, shop.start, shop.end).unwrap();
    assert_eq!(a, b);
    assert!(!a.frt_by_agent.is_empty() && !a.csat_by_week.is_empty());
    assert_eq!(
        a.csat_by_week.iter().map(|w| w.scores).sum::<u64>(),
        csat.len() as u64
    );
    assert_eq!(a.late, with(SurveyStatus::AnsweredLate));
    // A grouping the dashboard refuses.
    assert!(ws
        .dashboard(&KpiQuery::new(shop.start, shop.end).grouped(clientcare::GroupBy::Week))
        .is_err());
}
