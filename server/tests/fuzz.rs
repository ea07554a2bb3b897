//! Seeded fuzzing of the two inputs outsiders control: odds feed answers and bet bodies.
//!
//! Invariant: never a panic, never a 5xx, and never a stored record that a later read cannot
//! use (every list and the statistics keep answering 200). `PROPTEST_CASES` sets the cases
//! per target (a bounded default in `cargo test`; `make fuzz` runs many more) and
//! `FUZZ_SEED` the seed (fixed by default, so a run is reproducible).

mod common;

use chrono::Utc;
use common::App;
use edgecore::Market;
use edgecore_server::odds_api::parse_odds;
use edgecore_server::storage::{CollectionRun, IngestBatch};
use proptest::prelude::*;
use proptest::test_runner::{
    Config as ProptestConfig, RngAlgorithm, TestCaseError, TestRng, TestRunner,
};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

const EPL: &[u8] = include_bytes!("fixtures/odds_soccer_epl_1.json");

fn runner() -> TestRunner {
    let var = |name: &str| std::env::var(name).ok().and_then(|v| v.parse::<u64>().ok());
    let cases = var("PROPTEST_CASES").unwrap_or(40) as u32;
    let mut seed = [0u8; 32];
    seed[..8].copy_from_slice(&var("FUZZ_SEED").unwrap_or(14).to_le_bytes());
    TestRunner::new_with_rng(
        ProptestConfig {
            cases,
            failure_persistence: None,
            ..ProptestConfig::default()
        },
        TestRng::from_seed(RngAlgorithm::ChaCha, &seed),
    )
}

/// Any JSON scalar a careless or hostile client might send.
fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|i| json!(i)),
        any::<f64>()
            .prop_map(|x| serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number)),
        "[ -~]{0,12}".prop_map(Value::String),
        "[0-9]{1,3}(\\.[0-9]{0,30})?".prop_map(Value::String),
        Just(json!("1.00000000000000001")),
        Just(json!("Draw")),
        Just(json!([1, 2])),
        Just(json!({"a": 1})),
    ]
}

/// A team or outcome name: real ones, outcome words, empty, long.
fn team() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Arsenal".to_string()),
        Just("Chelsea".to_string()),
        Just("Draw".to_string()),
        Just("Over".to_string()),
        Just(String::new()),
        "[A-Za-z ]{1,20}",
        (1usize..400).prop_map(|n| "x".repeat(n)),
    ]
}

fn outcome() -> impl Strategy<Value = Value> {
    (
        team(),
        scalar(),
        proptest::option::of(scalar()),
        any::<bool>(),
    )
        .prop_map(|(name, price, point, extra)| {
            let mut o = json!({"name": name, "price": price});
            if let Some(p) = point {
                o["point"] = p;
            }
            if extra {
                o["new_field"] = json!(1);
            }
            o
        })
}

fn event() -> impl Strategy<Value = Value> {
    (
        prop_oneof![
            Just("e1".to_string()),
            Just("e2".to_string()),
            "[a-z0-9]{1,40}"
        ],
        team(),
        team(),
        prop_oneof![
            Just("2025-03-14T20:00:00Z".to_string()),
            Just("0001-01-01T00:00:00Z".to_string()),
            Just("9999-12-31T23:59:59Z".to_string()),
            Just("soon".to_string()),
        ],
        proptest::collection::vec(
            (
                "[a-z]{1,8}",
                prop_oneof![
                    Just("h2h"),
                    Just("totals"),
                    Just("spreads"),
                    Just("h2h_lay")
                ],
                proptest::collection::vec(outcome(), 0..5),
            ),
            0..4,
        ),
    )
        .prop_map(|(id, home, away, kickoff, books)| {
            let bookmakers: Vec<Value> = books
                .into_iter()
                .map(|(key, market, outcomes)| {
                    json!({"key": key, "title": "T", "last_update": "2025-03-14T10:00:00Z",
                        "markets": [{"key": market, "outcomes": outcomes}]})
                })
                .collect();
            json!({"id": id, "sport_key": "soccer_epl", "sport_title": "EPL",
                "commence_time": kickoff, "home_team": home, "away_team": away,
                "bookmakers": bookmakers})
        })
}

/// Feed answers: generated events, or the recording with bytes flipped or cut.
fn feed_body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(event(), 0..6)
            .prop_map(|events| serde_json::to_vec(&events).unwrap_or_default()),
        (0..EPL.len(), any::<u8>(), 0..EPL.len()).prop_map(|(at, byte, cut)| {
            let mut b = EPL.to_vec();
            b[at] = byte;
            b.truncate(cut.max(at + 1));
            b
        }),
    ]
}

/// Every read of stored data answers 200.
async fn reads_answer(app: &App) -> Result<(), TestCaseError> {
    let v = Some(app.viewer.as_str());
    for path in [
        "/odds?limit=20000",
        "/odds/matches",
        "/opportunities",
        "/bets",
        "/stats",
        "/agents/compare",
    ] {
        let (s, body) = app.get(path, v).await;
        if s != StatusCode::OK {
            return Err(TestCaseError::fail(format!("{path}: {s} {body}")));
        }
    }
    Ok(())
}

#[test]
fn feed_answers_never_break_a_read() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let app = rt.block_on(App::start(chrono::Duration::zero(), |c| {
        c.auth.rate_limit_per_minute = u32::MAX;
    }));
    let markets = [Market::H2h, Market::Totals];
    runner()
        .run(&feed_body(), |body| {
            let at = Utc::now();
            let Ok(page) = parse_odds(&body, "soccer_epl", &markets, at) else {
                return Ok(());
            };
            for p in &page.prices {
                prop_assert!(edgecore_server::betting::usable_price(p.price).is_ok());
            }
            rt.block_on(async {
                let run = CollectionRun {
                    kind: "odds".into(),
                    finished_at: at,
                    status: "ok".into(),
                    requests_remaining: None,
                    prices: 0,
                    history_appended: 0,
                    message: String::new(),
                };
                let batch = IngestBatch {
                    events: page.events,
                    prices: page.prices,
                    results: Vec::new(),
                };
                let state = &app.running.state;
                state.store.ingest(&batch, &run).await.unwrap();
                state
                    .collector
                    .board_version
                    .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                reads_answer(&app).await
            })
        })
        .unwrap();
}

/// Bet bodies: the fields of a bet with values of any type, unknown fields, or raw bytes.
fn bet_body() -> impl Strategy<Value = Vec<u8>> {
    let fields = proptest::collection::btree_map(
        prop_oneof![
            Just("event_id"),
            Just("league"),
            Just("kickoff"),
            Just("market"),
            Just("line"),
            Just("selection"),
            Just("bookmaker"),
            Just("odds"),
            Just("stake"),
            Just("placed_at"),
            Just("source"),
            Just("live"),
            Just("outcome"),
            Just("closing_odds"),
            Just("colour"),
        ],
        scalar(),
        0..8,
    );
    let base = json!({"event_id": "fz", "league": "soccer_epl",
        "kickoff": (Utc::now() + chrono::Duration::days(3)).to_rfc3339(),
        "market": "totals", "line": "2.5", "selection": "over", "bookmaker": "bet365",
        "odds": "2.05", "stake": "10"});
    prop_oneof![
        4 => fields.prop_map(move |f| {
            let mut b = base.clone();
            for (k, v) in f {
                b[k] = v;
            }
            serde_json::to_vec(&b).unwrap_or_default()
        }),
        1 => proptest::collection::vec(any::<u8>(), 0..64),
    ]
}

#[test]
fn bet_bodies_never_break_a_read() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let app = rt.block_on(App::start(chrono::Duration::zero(), |c| {
        c.auth.rate_limit_per_minute = u32::MAX;
    }));
    runner()
        .run(&(bet_body(), bet_body()), |(create, update)| {
            rt.block_on(async {
                let send = async |method: Method, path: &str, body: Vec<u8>| {
                    let r = app
                        .http
                        .request(method, format!("{}{path}", app.base))
                        .bearer_auth(&app.user)
                        .header("content-type", "application/json")
                        .body(body)
                        .send()
                        .await
                        .unwrap();
                    let status = r.status();
                    (status, r.json::<Value>().await.unwrap_or(Value::Null))
                };
                let (s, created) = send(Method::POST, "/bets", create).await;
                prop_assert!(
                    s == StatusCode::CREATED || s == StatusCode::UNPROCESSABLE_ENTITY,
                    "POST: {s} {created}"
                );
                if s == StatusCode::CREATED {
                    let path = format!("/bets/{}", created["id"].as_str().unwrap_or_default());
                    let (s, e) = send(Method::PUT, &path, update).await;
                    prop_assert!(
                        s == StatusCode::OK || s == StatusCode::UNPROCESSABLE_ENTITY,
                        "PUT: {s} {e}"
                    );
                    let (s, _) = app.get(&path, Some(&app.viewer)).await;
                    prop_assert_eq!(s, StatusCode::OK);
                }
                reads_answer(&app).await
            })
        })
        .unwrap();
}
