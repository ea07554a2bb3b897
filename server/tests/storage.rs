//! The storage suite, run on SQLite by `cargo test` and on PostgreSQL by
//! `tests/with-postgres.sh` (same tests, same assertions).

mod common;

use chrono::{DateTime, Duration, Utc};
use edgecore::{Bet, EventResult, Market, Outcome, Selection};
use edgecore_server::odds_api::parse_odds;
use edgecore_server::storage::{
    self, BetQuery, BetStatus, CollectionRun, IngestBatch, OddsFilter, Rejected, StoredBet,
    StoredResult,
};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

const EPL_1: &[u8] = include_bytes!("fixtures/odds_soccer_epl_1.json");
const EPL_2: &[u8] = include_bytes!("fixtures/odds_soccer_epl_2.json");

fn at(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

fn run(t: DateTime<Utc>) -> CollectionRun {
    CollectionRun {
        kind: "odds".into(),
        finished_at: t,
        status: "ok".into(),
        requests_remaining: Some(480),
        prices: 0,
        history_appended: 0,
        message: String::new(),
    }
}

fn batch(body: &[u8], t: DateTime<Utc>) -> IngestBatch {
    let page = parse_odds(body, "soccer_epl", &[Market::H2h, Market::Totals], t).unwrap();
    IngestBatch {
        events: page.events,
        prices: page.prices,
        results: Vec::new(),
    }
}

async fn store() -> (tempfile::TempDir, std::sync::Arc<dyn storage::Storage>) {
    let dir = tempfile::tempdir().unwrap();
    let url = common::database_url(dir.path()).await;
    let s = storage::open(&url).await.unwrap();
    (dir, s)
}

#[tokio::test]
async fn history_grows_only_on_change_and_replays_are_no_ops() {
    let (_dir, s) = store().await;
    let t1 = at("2025-03-14T10:00:00Z");
    let b1 = batch(EPL_1, t1);
    let n = b1.prices.len() as u64;
    let r1 = s.ingest(&b1, &run(t1)).await.unwrap();
    assert_eq!((r1.prices, r1.history_appended), (n, n));
    // The same collection written twice (a retried commit) changes nothing.
    let again = s.ingest(&b1, &run(t1)).await.unwrap();
    assert_eq!(again.history_appended, 0);
    // The same prices seen later: no history row, but the latest price is seen again.
    let t2 = at("2025-03-14T11:00:00Z");
    let r2 = s.ingest(&batch(EPL_1, t2), &run(t2)).await.unwrap();
    assert_eq!(r2.history_appended, 0);
    let latest = s
        .latest(&OddsFilter {
            limit: 100_000,
            ..OddsFilter::default()
        })
        .await
        .unwrap();
    assert_eq!(latest.len() as u64, n);
    assert!(latest.iter().all(|p| p.seen_at == t2 && p.changed_at == t1));
    // A second snapshot appends exactly the changed prices.
    let t3 = at("2025-03-14T14:00:00Z");
    let b3 = batch(EPL_2, t3);
    let old: std::collections::HashMap<_, _> = latest
        .iter()
        .map(|p| {
            (
                (
                    p.event_id.clone(),
                    p.bookmaker.clone(),
                    p.market,
                    p.line,
                    p.selection,
                ),
                p.price,
            )
        })
        .collect();
    let changed = b3
        .prices
        .iter()
        .filter(|p| {
            old.get(&(
                p.event_id.clone(),
                p.bookmaker.clone(),
                p.market,
                p.line,
                p.selection,
            )) != Some(&p.price)
        })
        .count() as u64;
    assert!(changed > 0 && changed < n);
    let r3 = s.ingest(&b3, &run(t3)).await.unwrap();
    assert_eq!(r3.history_appended, changed);
    let history = s
        .history(
            at("2025-01-01T00:00:00Z"),
            at("2026-01-01T00:00:00Z"),
            at("2025-01-01T00:00:00Z"),
        )
        .await
        .unwrap();
    assert_eq!(history.len() as u64, n + changed);
    // Prices are exact decimals.
    assert!(
        history
            .iter()
            .all(|p| p.price > Decimal::ONE && p.price.scale() <= 2)
    );
    let runs = s.last_success("odds").await.unwrap().unwrap();
    assert_eq!(runs.finished_at, t3);
    assert_eq!(runs.history_appended as u64, changed);
}

#[tokio::test]
async fn filters_matches_results_and_closing_history() {
    let (_dir, s) = store().await;
    let t1 = at("2025-03-14T10:00:00Z");
    let b = batch(EPL_1, t1);
    let event = b.events[0].clone();
    s.ingest(&b, &run(t1)).await.unwrap();
    let t2 = at("2025-03-14T21:00:00Z");
    s.ingest(&batch(EPL_2, t2), &run(t2)).await.unwrap();
    let f = |market, bookmaker: &str| OddsFilter {
        event: Some(event.id.clone()),
        market: Some(market),
        bookmaker: Some(bookmaker.into()),
        limit: 100,
        ..OddsFilter::default()
    };
    let h2h = s.latest(&f(Market::H2h, "pinnacle")).await.unwrap();
    assert_eq!(h2h.len(), 3);
    assert!(
        h2h.iter()
            .all(|p| p.home == "Arsenal" && p.sport == "soccer_epl")
    );
    let totals = s.latest(&f(Market::Totals, "pinnacle")).await.unwrap();
    assert!(totals.iter().any(|p| p.line == Some(dec!(2.5))));
    // Kickoff 20:00: the 21:00 capture is a live price, not part of the closing history.
    let before = s
        .market_history(&event.id, "pinnacle", Market::H2h, event.kickoff)
        .await
        .unwrap();
    assert!(before.iter().all(|p| p.captured_at < event.kickoff));
    assert_eq!(before.len(), 3);
    let since = s
        .latest(&OddsFilter {
            since: Some(t2),
            limit: 100_000,
            ..OddsFilter::default()
        })
        .await
        .unwrap();
    assert!(since.iter().all(|p| p.changed_at >= t2));
    let result = StoredResult {
        event_id: event.id.clone(),
        result: EventResult::Final { home: 2, away: 1 },
        completed_at: t2,
    };
    s.ingest(
        &IngestBatch {
            results: vec![result],
            ..IngestBatch::default()
        },
        &run(t2),
    )
    .await
    .unwrap();
    let matches = s
        .matches(Some("soccer_epl"), None, None, &storage::Page::first(5_000))
        .await
        .unwrap();
    assert_eq!(matches.len(), 8);
    let m = matches.iter().find(|m| m.event.id == event.id).unwrap();
    assert_eq!(m.result, Some(EventResult::Final { home: 2, away: 1 }));
    assert_eq!(m.bookmakers, 12);
    assert!(
        s.matches(
            Some("soccer_nope"),
            None,
            None,
            &storage::Page::first(5_000)
        )
        .await
        .unwrap()
        .is_empty()
    );
    let results = s
        .results(&[event.id.clone(), "unknown".into()])
        .await
        .unwrap();
    assert_eq!(results.len(), 1);
    assert_eq!(s.event(&event.id).await.unwrap().unwrap(), event);
    assert!(s.event("unknown").await.unwrap().is_none());
}

fn bet(id: &str, placed: DateTime<Utc>, stake: Decimal) -> StoredBet {
    StoredBet {
        bet: Bet {
            id: id.into(),
            event_id: "e1".into(),
            league: "soccer_epl".into(),
            market: Market::Totals,
            line: Some(dec!(2.25)),
            selection: Selection::Over,
            bookmaker: "bet365".into(),
            odds: dec!(2.05),
            stake,
            placed_at: placed,
            source: "manual".into(),
            outcome: None,
            closing_odds: None,
            closing_probability: None,
        },
        kickoff: Some(placed + Duration::hours(2)),
        settled_at: None,
        created_at: placed,
        updated_at: placed,
        live: false,
        demo: false,
    }
}

#[tokio::test]
async fn bets_round_trip_exactly() {
    let (_dir, s) = store().await;
    let t = at("2025-03-10T12:00:00Z");
    let a = bet("b1", t, dec!(0.10));
    let b = StoredBet {
        demo: true,
        ..bet("b2", t + Duration::days(3), dec!(12345678.91))
    };
    s.insert_bet(&a).await.unwrap();
    s.insert_bet(&b).await.unwrap();
    assert!(s.insert_bet(&a).await.is_err(), "ids are unique");
    assert_eq!(s.bet("b1").await.unwrap().unwrap(), a);
    assert_eq!(
        s.bet("b2").await.unwrap().unwrap().bet.stake,
        dec!(12345678.91)
    );
    assert!(
        s.bet("b2").await.unwrap().unwrap().demo,
        "the demo flag is kept"
    );
    assert!(!s.bet("b1").await.unwrap().unwrap().demo);
    assert!(s.bet("nope").await.unwrap().is_none());
    let mut settled = a.clone();
    settled.bet.outcome = Some(Outcome::HalfWon);
    settled.bet.closing_odds = Some(dec!(1.94));
    settled.bet.closing_probability = Some(0.5123);
    settled.settled_at = Some(t + Duration::hours(3));
    assert_eq!(s.update_bets(&[settled.clone()]).await.unwrap(), 1);
    assert_eq!(s.bet("b1").await.unwrap().unwrap(), settled);
    let q = |status, from, to| BetQuery {
        status,
        from,
        to,
        page: None,
    };
    let ids = |v: Vec<StoredBet>| v.into_iter().map(|b| b.bet.id).collect::<Vec<_>>();
    assert_eq!(
        ids(s.bets(&q(BetStatus::All, None, None)).await.unwrap()),
        ["b1", "b2"]
    );
    assert_eq!(
        ids(s.bets(&q(BetStatus::Pending, None, None)).await.unwrap()),
        ["b2"]
    );
    assert_eq!(
        ids(s.bets(&q(BetStatus::Settled, None, None)).await.unwrap()),
        ["b1"]
    );
    assert_eq!(
        ids(s
            .bets(&q(BetStatus::All, Some(t + Duration::days(1)), None))
            .await
            .unwrap()),
        ["b2"]
    );
    assert_eq!(
        ids(s
            .bets(&q(BetStatus::All, None, Some(t + Duration::days(1))))
            .await
            .unwrap()),
        ["b1"]
    );
    // A probability alternating between none and some on the same cached statements.
    let mut flip = settled.clone();
    for i in 0..24 {
        flip.bet.closing_probability = (i % 2 == 0).then_some(0.25 + f64::from(i) / 100.0);
        assert!(s.update_bet(&flip).await.unwrap());
        assert_eq!(s.bet("b1").await.unwrap().unwrap(), flip);
    }
    assert!(s.delete_bet("b2").await.unwrap());
    assert!(!s.delete_bet("b2").await.unwrap());
    assert!(
        !s.update_bet(&b).await.unwrap(),
        "updating a deleted bet finds nothing"
    );
}

#[tokio::test]
async fn pruning_rejects_and_backups() {
    let (dir, s) = store().await;
    let t1 = at("2025-03-14T10:00:00Z");
    s.ingest(&batch(EPL_1, t1), &run(t1)).await.unwrap();
    let t2 = at("2025-03-20T10:00:00Z");
    let r2 = s.ingest(&batch(EPL_2, t2), &run(t2)).await.unwrap();
    let pruned = s.prune(at("2025-03-15T00:00:00Z")).await.unwrap();
    assert!(pruned > 0);
    let left = s
        .history(
            at("2025-01-01T00:00:00Z"),
            at("2026-01-01T00:00:00Z"),
            at("2025-01-01T00:00:00Z"),
        )
        .await
        .unwrap();
    assert_eq!(left.len() as u64, r2.history_appended);
    s.reject(&Rejected {
        received_at: t2,
        endpoint: "/v4/sports/soccer_epl/odds".into(),
        status: 200,
        reason: "invalid JSON".into(),
        body: "[{\"id\":".into(),
    })
    .await
    .unwrap();
    assert_eq!(s.rejected_count().await.unwrap(), 1);
    s.ping().await.unwrap();
    let target = dir.path().join("backups").join("copy.db");
    match s.backend() {
        "sqlite" => {
            s.backup(&target).await.unwrap();
            assert!(target.exists());
            assert!(
                s.backup(&target).await.is_err(),
                "an existing file is never overwritten"
            );
            let copy = storage::open(&format!("sqlite://{}", target.display()))
                .await
                .unwrap();
            assert_eq!(copy.rejected_count().await.unwrap(), 1);
        }
        _ => {
            let e = s.backup(&target).await.unwrap_err().to_string();
            assert!(e.contains("pg_dump"));
        }
    }
}
