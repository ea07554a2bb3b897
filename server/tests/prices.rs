//! One accepted bet must never break the statistics: a price is checked as the core reads
//! it, and any bet the API accepts keeps `/stats` and `/agents/compare` answering 200
//! (property test over the real HTTP API).

mod common;

use common::App;
use proptest::prelude::*;
use proptest::test_runner::{Config as ProptestConfig, TestCaseError, TestRunner};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

/// A bet on an event the server does not know yet (league and kickoff given), a day ahead.
fn bet(odds: Value, stake: Value) -> Value {
    let kickoff = (chrono::Utc::now() + chrono::Duration::days(1)).to_rfc3339();
    json!({"event_id": "e-prop", "league": "soccer_epl", "kickoff": kickoff,
        "market": "h2h", "selection": "home", "bookmaker": "bet365",
        "odds": odds, "stake": stake})
}

async fn statistics_answer(app: &App) {
    let v = Some(app.viewer.as_str());
    for path in ["/stats", "/stats?window=7d", "/agents/compare"] {
        let (s, body) = app.get(path, v).await;
        assert_eq!(s, StatusCode::OK, "{path}: {body}");
    }
}

#[tokio::test]
async fn a_price_that_is_one_as_a_float_is_refused() {
    let app = App::start(chrono::Duration::zero(), |_| {}).await;
    let u = Some(app.user.as_str());
    let (s, e) = app
        .call(
            Method::POST,
            "/bets",
            u,
            Some(bet(json!("1.00000000000000001"), json!("10"))),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
    assert_eq!(e["field"], "odds");
    let (s, created) = app
        .call(
            Method::POST,
            "/bets",
            u,
            Some(bet(json!("2.05"), json!("10"))),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let path = format!("/bets/{}", created["id"].as_str().unwrap());
    let (s, e) = app
        .call(
            Method::PUT,
            &path,
            u,
            Some(json!({"closing_odds": "1.00000000000000001"})),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
    assert_eq!(e["field"], "closing_odds");
    let (s, e) = app
        .call(
            Method::PUT,
            &path,
            u,
            Some(json!({"odds": "1.0000000000000000000000000001"})),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
    statistics_answer(&app).await;
    let (_, metrics) = app.get("/metrics", Some(&app.admin)).await;
    assert!(metrics.as_str().unwrap().contains("edgecore_bankroll 1000"));
}

/// Prices a careless or hostile client might send: near 1, long fractions, huge, negative,
/// scientific, as strings and as JSON numbers.
fn price() -> impl Strategy<Value = Value> {
    prop_oneof![
        (0usize..32, 1u8..10).prop_map(|(zeros, d)| json!(format!("1.{}{d}", "0".repeat(zeros)))),
        (0u64..20_000, 0u64..1_000_000_000, 0usize..30)
            .prop_map(|(i, f, pad)| json!(format!("{i}.{}{f}", "0".repeat(pad)))),
        (-10.0f64..20_000.0).prop_map(|x| json!(x)),
        (1u32..9, -30i32..30).prop_map(|(m, e)| json!(format!("{m}e{e}"))),
        "[0-9.eE+-]{1,40}".prop_map(|s| json!(s)),
    ]
}

fn stake() -> impl Strategy<Value = Value> {
    prop_oneof![
        (1u64..100_000_000, 0u32..3)
            .prop_map(|(m, scale)| json!(rust_decimal::Decimal::new(m as i64, scale).to_string())),
        "[0-9.]{1,20}".prop_map(|s| json!(s)),
        (0.0f64..1e10).prop_map(|x| json!(x)),
    ]
}

fn outcome() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(json!("won")),
        Just(json!("lost")),
        Just(json!("half_won")),
        Just(json!("half_lost")),
        Just(json!("push")),
        Just(json!(null)),
    ]
}

/// Cases per run: `PROPTEST_CASES` (the `make fuzz` target raises it), else 48.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(48)
}

#[test]
fn any_accepted_bet_keeps_the_statistics_answering() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let app = rt.block_on(App::start(chrono::Duration::zero(), |c| {
        c.auth.rate_limit_per_minute = 1_000_000;
    }));
    let mut runner = TestRunner::new(ProptestConfig {
        cases: cases(),
        failure_persistence: None,
        ..ProptestConfig::default()
    });
    let strategy = (price(), stake(), outcome(), price());
    runner
        .run(&strategy, |(odds, stake, outcome, closing)| {
            rt.block_on(async {
                let u = Some(app.user.as_str());
                let (s, created) = app
                    .call(Method::POST, "/bets", u, Some(bet(odds.clone(), stake)))
                    .await;
                prop_assert!(
                    s == StatusCode::CREATED || s == StatusCode::UNPROCESSABLE_ENTITY,
                    "POST {odds}: {s} {created}"
                );
                if s == StatusCode::CREATED {
                    let path = format!("/bets/{}", created["id"].as_str().unwrap_or_default());
                    let (s, e) = app
                        .call(
                            Method::PUT,
                            &path,
                            u,
                            Some(json!({"outcome": outcome, "closing_odds": closing})),
                        )
                        .await;
                    prop_assert!(
                        s == StatusCode::OK || s == StatusCode::UNPROCESSABLE_ENTITY,
                        "PUT: {s} {e}"
                    );
                    let (s, one) = app.get(&path, Some(&app.viewer)).await;
                    prop_assert_eq!(s, StatusCode::OK, "{}", one);
                }
                let v = Some(app.viewer.as_str());
                for path in ["/stats", "/agents/compare", "/bets"] {
                    let (s, body) = app.get(path, v).await;
                    if s != StatusCode::OK {
                        return Err(TestCaseError::fail(format!("{path}: {s} {body}")));
                    }
                }
                Ok(())
            })
        })
        .unwrap();
}
