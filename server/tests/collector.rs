//! The collector against the fake odds feed: recorded answers and every fault of the API
//! (401 invalid key, 401 out of credits, 429, 5xx, timeouts, malformed and partial bodies,
//! the quota reserve).

mod common;

use chrono::Utc;
use edgecore_server::cli::{Running, build};
use edgecore_server::collector::CollectError;
use edgecore_server::replay::{
    FakeFeed, INVALID_KEY_BODY, OUT_OF_CREDITS_BODY, RATE_LIMITED_BODY, Reply,
};
use std::sync::Arc;
use std::time::Duration;

const ODDS: &str = "/v4/sports/soccer_epl/odds";

async fn running(feed: FakeFeed) -> (tempfile::TempDir, Arc<FakeFeed>, Running) {
    let dir = tempfile::tempdir().unwrap();
    let (feed, url) = common::feed_of(feed).await;
    let db = common::database_url(dir.path()).await;
    let mut config = common::config(&url, &db, dir.path());
    config.odds_api.sports = vec!["soccer_epl".into()];
    let running = build(config).await.unwrap();
    (dir, feed, running)
}

fn recorded() -> FakeFeed {
    FakeFeed::recorded(common::KEY, 500, chrono::Duration::zero())
}

#[tokio::test]
async fn collects_and_tracks_the_quota() {
    let (_d, feed, r) = running(recorded()).await;
    let c = &r.state.collector;
    let got = c.collect_odds(&[], Utc::now()).await.unwrap();
    assert_eq!(got.status, "ok");
    assert_eq!(got.report.events, 8);
    assert_eq!(got.report.history_appended, got.report.prices);
    assert_eq!(c.quota().remaining, Some(498));
    assert_eq!(c.quota().last, Some(2));
    assert_eq!(r.state.metrics.requests_remaining.get(), 498.0);
    let second = c.collect_odds(&[], Utc::now()).await.unwrap();
    assert!(second.report.history_appended < second.report.prices);
    let scores = c.collect_scores(Utc::now()).await.unwrap();
    assert_eq!(scores.report.results, 3);
    let requests = feed.requests();
    assert!(requests[0].contains("oddsFormat=decimal"));
    assert!(requests[0].contains("dateFormat=iso"));
    assert!(requests[0].contains("markets=h2h,totals"));
    assert!(requests.iter().all(|q| q.contains("apiKey=***")));
    assert!(requests[2].contains("daysFrom=3"));
}

#[tokio::test]
async fn invalid_key_stops_polling_visibly() {
    let (_d, feed, r) = running(recorded()).await;
    feed.push(ODDS, Reply::new(401, INVALID_KEY_BODY));
    let c = &r.state.collector;
    let e = c.collect_odds(&[], Utc::now()).await.unwrap_err();
    assert!(e.to_string().contains("INVALID_KEY"));
    assert_eq!(r.state.metrics.collection_errors("invalid_key"), 1);
    assert_eq!(r.state.metrics.collector_up.get(), 0.0);
    let halted = c.status().halted.unwrap();
    assert!(halted.contains("INVALID_KEY") && !halted.contains(common::KEY));
    // Halted: no further request is sent.
    let before = feed.requests().len();
    assert!(matches!(
        c.collect_odds(&[], Utc::now()).await,
        Err(CollectError::Halted(_))
    ));
    assert_eq!(feed.requests().len(), before);
    // Resumed (key fixed), it polls again.
    c.resume();
    assert!(c.collect_odds(&[], Utc::now()).await.is_ok());
    assert_eq!(r.state.metrics.collector_up.get(), 1.0);
}

#[tokio::test]
async fn a_wrong_key_is_refused_by_the_feed() {
    let dir = tempfile::tempdir().unwrap();
    let (_feed, url) = common::feed(500).await;
    let db = common::database_url(dir.path()).await;
    let mut config = common::config(&url, &db, dir.path());
    config.odds_api.api_key = edgecore_server::config::Secret::new("expired-key");
    let r = build(config).await.unwrap();
    let e = r
        .state
        .collector
        .collect_odds(&[], Utc::now())
        .await
        .unwrap_err();
    assert!(!e.to_string().contains("expired-key"));
    assert!(r.state.collector.status().halted.is_some());
}

#[tokio::test]
async fn out_of_credits_is_a_401_that_stops_polling() {
    let (_d, feed, r) = running(recorded()).await;
    feed.push(
        ODDS,
        Reply::new(401, OUT_OF_CREDITS_BODY)
            .header("x-requests-remaining", "0")
            .header("x-requests-used", "500"),
    );
    let e = r
        .state
        .collector
        .collect_odds(&[], Utc::now())
        .await
        .unwrap_err();
    assert!(e.to_string().contains("OUT_OF_USAGE_CREDITS"));
    assert_eq!(r.state.metrics.collection_errors("out_of_credits"), 1);
    assert_eq!(r.state.collector.quota().remaining, Some(0));
    assert_eq!(r.state.metrics.requests_remaining.get(), 0.0);
}

#[tokio::test]
async fn rate_limits_and_server_errors_are_retried() {
    let (_d, feed, r) = running(recorded()).await;
    feed.push(
        ODDS,
        Reply::new(429, RATE_LIMITED_BODY).header("retry-after", "0"),
    );
    feed.push(ODDS, Reply::new(502, b"<html>bad gateway</html>"));
    let got = r
        .state
        .collector
        .collect_odds(&[], Utc::now())
        .await
        .unwrap();
    assert_eq!(got.status, "ok");
    assert_eq!(feed.requests().len(), 3);
    // Every attempt fails: a bounded number of tries, then an error, nothing stored.
    for _ in 0..3 {
        feed.push(ODDS, Reply::new(503, b"unavailable"));
    }
    let e = r
        .state
        .collector
        .collect_odds(&[], Utc::now())
        .await
        .unwrap_err();
    assert!(e.to_string().contains("503"));
    assert_eq!(feed.requests().len(), 6);
    assert_eq!(r.state.metrics.collection_errors("server_error"), 1);
    assert!(r.state.collector.status().halted.is_none());
    for _ in 0..3 {
        feed.push(ODDS, Reply::new(429, RATE_LIMITED_BODY));
    }
    assert!(
        r.state
            .collector
            .collect_odds(&[], Utc::now())
            .await
            .is_err()
    );
    assert_eq!(r.state.metrics.collection_errors("rate_limited"), 1);
}

#[tokio::test]
async fn timeouts_are_retried() {
    let (_d, feed, r) = running(recorded()).await;
    feed.push(
        ODDS,
        Reply::new(200, b"[]").delayed(Duration::from_millis(2_500)),
    );
    let got = r
        .state
        .collector
        .collect_odds(&[], Utc::now())
        .await
        .unwrap();
    assert_eq!(got.report.events, 8, "the retry got the recorded answer");
    for _ in 0..3 {
        feed.push(
            ODDS,
            Reply::new(200, b"[]").delayed(Duration::from_millis(2_500)),
        );
    }
    assert!(
        r.state
            .collector
            .collect_odds(&[], Utc::now())
            .await
            .is_err()
    );
    assert_eq!(r.state.metrics.collection_errors("timeout"), 1);
}

#[tokio::test]
async fn malformed_and_partial_bodies_are_refused_whole_and_kept() {
    let (_d, feed, r) = running(recorded()).await;
    feed.push(
        ODDS,
        Reply::new(
            200,
            include_bytes!("fixtures/odds_malformed_truncated.json"),
        ),
    );
    assert!(
        r.state
            .collector
            .collect_odds(&[], Utc::now())
            .await
            .is_err()
    );
    feed.push(
        ODDS,
        Reply::new(
            200,
            include_bytes!("fixtures/odds_partial_missing_price.json"),
        ),
    );
    assert!(
        r.state
            .collector
            .collect_odds(&[], Utc::now())
            .await
            .is_err()
    );
    assert_eq!(r.state.metrics.collection_errors("malformed"), 2);
    assert_eq!(r.state.store.rejected_count().await.unwrap(), 2);
    // Nothing of either body was stored.
    let odds = r
        .state
        .store
        .latest(&edgecore_server::storage::OddsFilter {
            limit: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(odds.is_empty());
}

#[tokio::test]
async fn the_quota_reserve_is_never_spent() {
    // 8 requests: one odds call (2) leaves 6 >= reserve 5; the next would leave 4.
    let (_d, feed, r) = running(FakeFeed::recorded(common::KEY, 8, chrono::Duration::zero())).await;
    let c = &r.state.collector;
    c.collect_odds(&[], Utc::now()).await.unwrap();
    assert_eq!(c.quota().remaining, Some(6));
    let e = c.collect_odds(&[], Utc::now()).await.unwrap_err();
    assert!(e.to_string().contains("reserve"));
    assert_eq!(feed.requests().len(), 1, "no request below the reserve");
    assert_eq!(feed.remaining(), 6);
    assert_eq!(r.state.metrics.collection_errors("quota_reserve"), 1);
}

#[tokio::test]
async fn one_failing_sport_does_not_lose_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let (feed, url) = common::feed(500).await;
    let db = common::database_url(dir.path()).await;
    let config = common::config(&url, &db, dir.path());
    let r = build(config).await.unwrap();
    feed.push(
        "/v4/sports/soccer_spain_la_liga/odds",
        Reply::new(200, b"{\"not\": \"a list\"}"),
    );
    let got = r
        .state
        .collector
        .collect_odds(&[], Utc::now())
        .await
        .unwrap();
    assert_eq!(got.status, "partial");
    assert_eq!(got.sports, ["soccer_epl", "soccer_france_ligue_one"]);
    assert_eq!(got.report.events, 16);
    let run = r.state.store.last_success("odds").await.unwrap().unwrap();
    assert_eq!(run.status, "partial");
    assert!(run.message.contains("soccer_spain_la_liga"));
}
