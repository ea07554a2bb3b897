//! The agents' track record: opportunities published once, closed at kickoff, settled on
//! the result, served by `/opportunities/history` and `/agents/compare`.

mod common;

use common::App;

use chrono::{DateTime, Utc};
use edgecore::agents::{AgentName, Label, Pick};
use edgecore::{EventResult, Market, Selection};
use edgecore_server::replay::FakeFeed;
use edgecore_server::scheduler::{Job, run_job};
use edgecore_server::storage::picks::StoredPick;
use edgecore_server::storage::{CollectionRun, IngestBatch, StoredResult};
use edgecore_server::track_record;
use reqwest::StatusCode;
use rust_decimal::Decimal;
use serde_json::Value;

const ARSENAL_CHELSEA: &str = "d1e45612bdd1974b0dae4e0e527e63f9";

fn at(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

async fn app(shift: chrono::Duration) -> App {
    App::start(shift, |_| {}).await
}

async fn get(app: &App, path: &str) -> (StatusCode, Value) {
    app.get(path, Some(app.viewer.as_str())).await
}

#[tokio::test]
async fn a_pick_is_closed_settled_and_measured() {
    let app = app(chrono::Duration::zero()).await;
    let s = &app.running.state;
    let c = &s.collector;
    c.collect_odds(&[], at("2025-03-14T10:00:00Z"))
        .await
        .unwrap();
    c.collect_odds(&[], at("2025-03-14T14:00:00Z"))
        .await
        .unwrap();
    // Over 2.5 in Arsenal - Chelsea (kickoff 20:00) published at 11:00 at bet365 2.05,
    // found by agents A and B.
    let pick = StoredPick {
        pick: Pick {
            event_id: ARSENAL_CHELSEA.into(),
            league: "soccer_epl".into(),
            market: Market::Totals,
            line: Some(Decimal::new(25, 1)),
            selection: Selection::Over,
            bookmaker: "bet365".into(),
            price: Decimal::new(205, 2),
            fair_probability: 0.52,
            first_seen: at("2025-03-14T11:00:00Z"),
            label: Label::Analyser,
            agents: vec![AgentName::Anomaly, AgentName::Spread],
            closing_odds: None,
            closing_probability: None,
            outcome: None,
        },
        kickoff: at("2025-03-14T20:00:00Z"),
        edge: 2.05 * 0.52 - 1.0,
        score: 71.0,
        closed_at: None,
        settled_at: None,
    };
    assert_eq!(
        s.store
            .record_picks(std::slice::from_ref(&pick))
            .await
            .unwrap(),
        1
    );
    // Published again later at another price: stored once, first values kept.
    let mut again = pick.clone();
    again.pick.price = Decimal::new(190, 2);
    again.pick.first_seen = at("2025-03-14T14:00:00Z");
    assert_eq!(s.store.record_picks(&[again]).await.unwrap(), 0);

    let reference = &s.config.odds_api.reference_bookmaker;
    // Before kickoff nothing closes.
    let r = track_record::close(s.store.as_ref(), reference, at("2025-03-14T19:00:00Z"))
        .await
        .unwrap();
    assert_eq!(r.updated, 0);
    let r = track_record::close(s.store.as_ref(), reference, at("2025-03-14T22:00:00Z"))
        .await
        .unwrap();
    assert_eq!((r.updated, r.unavailable), (1, 0));
    // The result: 2-1, over 2.5 wins.
    let result = IngestBatch {
        results: vec![StoredResult {
            event_id: ARSENAL_CHELSEA.into(),
            result: EventResult::Final { home: 2, away: 1 },
            completed_at: at("2025-03-14T22:00:00Z"),
        }],
        ..IngestBatch::default()
    };
    let run = CollectionRun {
        kind: "scores".into(),
        finished_at: at("2025-03-14T22:00:00Z"),
        status: "ok".into(),
        requests_remaining: None,
        prices: 0,
        history_appended: 0,
        message: String::new(),
    };
    s.store.ingest(&result, &run).await.unwrap();
    let r = track_record::settle(s.store.as_ref(), at("2025-03-14T22:30:00Z"))
        .await
        .unwrap();
    assert_eq!(r.updated, 1);

    let (status, h) = get(&app, "/opportunities/history").await;
    assert_eq!(status, StatusCode::OK, "{h}");
    let listed = &h["picks"][0];
    assert_eq!(listed["price"], "2.05");
    assert_eq!(listed["outcome"], "won");
    assert_eq!(listed["flat_stake"], "10.00");
    assert_eq!(listed["flat_profit"], "10.50");
    let close: f64 = listed["closing_odds"].as_str().unwrap().parse().unwrap();
    let clv = listed["clv"].as_f64().unwrap();
    assert!((clv - (2.05 - close) / close).abs() < 1e-12);
    assert!(listed["clv_fair"].as_f64().is_some());
    let agents = h["record"]["agents"].as_array().unwrap();
    assert_eq!(agents.len(), 2);
    assert_eq!(agents[0]["agent"], "anomaly");
    assert_eq!(agents[0]["flat"]["profit"], "10.50");
    assert_eq!(agents[0]["weeks"][0]["key"], "2025-W11");
    assert_eq!(h["record"]["labels"][0]["agent"], "analyser");

    // Filters.
    for (query, n) in [
        ("agent=spread", 1),
        ("agent=movement", 0),
        ("label=prudence", 0),
        ("sport=soccer_epl", 1),
        ("window=7d", 0),
        ("limit=1&offset=1", 0),
    ] {
        let (status, h) = get(&app, &format!("/opportunities/history?{query}")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(h["picks"].as_array().unwrap().len(), n, "{query}");
    }
    for bad in [
        "agent=nobody",
        "label=x",
        "window=2d",
        "limit=0",
        "offset=-1",
        "x=1",
    ] {
        let (status, h) = get(&app, &format!("/opportunities/history?{bad}")).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        assert!(h["field"].is_string());
    }
    let (status, cmp) = get(&app, "/agents/compare").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(cmp["paper"]["picks"], 1);
    assert_eq!(cmp["paper"]["agents"][1]["agent"], "spread");
}

#[tokio::test]
async fn the_scheduler_publishes_each_opportunity_once() {
    let app = app(FakeFeed::live_shift(Utc::now())).await;
    run_job(&app.running.state, Job::Collect).await;
    let (_, live) = get(&app, "/opportunities?limit=5000").await;
    let n = live["total"].as_u64().unwrap();
    assert!(n > 0);
    let (_, first) = get(&app, "/opportunities/history?limit=1000").await;
    assert_eq!(first["picks"].as_array().unwrap().len() as u64, n);
    // The next collection (the second recording) publishes only what is new.
    run_job(&app.running.state, Job::Collect).await;
    let (_, second) = get(&app, "/opportunities/history?limit=1000").await;
    let picks = second["picks"].as_array().unwrap();
    let mut keys: Vec<String> = picks
        .iter()
        .map(|p| {
            format!(
                "{}/{}/{}/{}/{}",
                p["event_id"], p["market"], p["line"], p["selection"], p["bookmaker"]
            )
        })
        .collect();
    let total = keys.len();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), total, "a pick is stored once");
    assert!(total as u64 >= n);
}
