//! The replay demonstration's track record: the recorded games that have results are
//! replayed before the live collections, so the agents' paper record is there at once.

mod common;

use chrono::{DateTime, Utc};
use common::{App, KEY};
use edgecore_server::demo::{self, replay_closed};
use edgecore_server::replay::{FakeFeed, closed_captures};
use reqwest::StatusCode;
use serde_json::Value;
use std::time::Duration;

/// The completed games of the scores recordings, as (sport, event id).
fn completed() -> Vec<String> {
    let mut ids = Vec::new();
    for sport in [
        "soccer_epl",
        "soccer_spain_la_liga",
        "soccer_france_ligue_one",
    ] {
        let path = format!(
            "{}/tests/fixtures/scores_{sport}.json",
            env!("CARGO_MANIFEST_DIR")
        );
        let games: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        for g in games.as_array().unwrap() {
            if g["completed"] == true {
                ids.push(g["id"].as_str().unwrap().to_string());
            }
        }
    }
    ids
}

/// Checks a paper record and a history page: picks on completed games only, closed with a
/// CLV and settled.
fn check_record(compare: &Value, history: &Value) {
    let ids = completed();
    let paper = &compare["paper"];
    assert!(paper["picks"].as_u64().unwrap() > 0, "{paper}");
    let agents = paper["agents"].as_array().unwrap();
    assert!(!agents.is_empty(), "{paper}");
    assert!(
        agents
            .iter()
            .all(|a| a["flat"]["bets"].as_u64().unwrap() > 0 && a["flat"]["roi"].is_number())
    );
    assert!(
        agents.iter().any(|a| a["flat"]["average_clv"].is_number()),
        "a CLV is measured: {paper}"
    );
    assert!(!paper["labels"].as_array().unwrap().is_empty());
    let picks = history["picks"].as_array().unwrap();
    assert!(!picks.is_empty());
    let settled: Vec<&Value> = picks.iter().filter(|p| !p["outcome"].is_null()).collect();
    assert!(!settled.is_empty(), "settled picks: {history}");
    for p in &settled {
        assert!(ids.contains(&p["event_id"].as_str().unwrap().to_string()));
        assert!(p["closing_odds"].is_string(), "closed: {p}");
        assert!(p["clv"].is_number(), "CLV: {p}");
        assert!(p["flat_profit"].is_string(), "paper profit: {p}");
        let first: DateTime<Utc> = p["first_seen"].as_str().unwrap().parse().unwrap();
        let kickoff: DateTime<Utc> = p["kickoff"].as_str().unwrap().parse().unwrap();
        assert!(first < kickoff, "published before kickoff: {p}");
    }
    assert!(history["record"]["picks"].as_u64().unwrap() > 0);
}

#[tokio::test]
async fn the_games_with_results_are_published_closed_and_settled() {
    let now = Utc::now();
    let shift = FakeFeed::live_shift(now);
    let app = App::start_with(
        FakeFeed::recorded(KEY, 500, shift).with_closed_games(),
        |_| {},
    )
    .await;
    let state = &app.running.state;
    assert!(demo::no_picks(state.store.as_ref()).await.unwrap());
    let captures: Vec<DateTime<Utc>> = closed_captures().into_iter().map(|t| t + shift).collect();
    let report = replay_closed(state, &captures, now).await.unwrap();
    assert_eq!(report.collections, 6);
    assert!(report.published > 0, "{report:?}");
    assert_eq!(report.closed, report.published, "every pick closed");
    assert_eq!(report.settled, report.published, "every pick settled");
    assert!(!demo::no_picks(state.store.as_ref()).await.unwrap());
    // /health judges the collector by live collections: none yet
    assert!(state.collector.status().last_success.is_none());
    let (s, compare) = app.get("/agents/compare", Some(&app.viewer)).await;
    assert_eq!(s, StatusCode::OK, "{compare}");
    let (s, history) = app
        .get("/opportunities/history?limit=1000", Some(&app.viewer))
        .await;
    assert_eq!(s, StatusCode::OK, "{history}");
    check_record(&compare, &history);
    assert_eq!(
        history["picks"].as_array().unwrap().len() as u64,
        report.published
    );
    // then the live recordings: the first live collection sees the games not played yet
    let live = state.collector.collect_odds(&[], now).await.unwrap();
    assert!(live.report.prices > 0);
    let (_, board) = app.get("/opportunities", Some(&app.viewer)).await;
    let ids = completed();
    assert!(
        board["opportunities"]
            .as_array()
            .unwrap()
            .iter()
            .all(|o| !ids.contains(&o["event_id"].as_str().unwrap().to_string()))
    );
}

#[tokio::test]
async fn a_server_started_on_the_replay_shows_the_record_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::database_url(dir.path()).await;
    // no API key: the bundled recordings are replayed
    let server = common::serve(
        &db,
        "http://127.0.0.1:9",
        dir.path(),
        &[
            ("EDGECORE_ODDS_API_KEY", ""),
            ("EDGECORE_PUBLIC_READS", "true"),
        ],
    )
    .await;
    let http = reqwest::Client::new();
    let get = |path: &str| {
        let req = http.get(format!("{}{path}", server.base));
        async move {
            let r = req.send().await.unwrap();
            assert_eq!(r.status(), StatusCode::OK);
            r.json::<Value>().await.unwrap()
        }
    };
    let (compare, history) = tokio::time::timeout(Duration::from_secs(60), async {
        loop {
            let compare = get("/agents/compare").await;
            let history = get("/opportunities/history?limit=1000").await;
            let settled = history["picks"]
                .as_array()
                .is_some_and(|p| p.iter().any(|p| !p["outcome"].is_null()));
            if compare["paper"]["picks"].as_u64().unwrap_or(0) > 0 && settled {
                return (compare, history);
            }
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
    })
    .await
    .expect("the paper record is there within 60 s");
    check_record(&compare, &history);
}
