//! What the odds feed sends is checked event by event over a real collection
//! (`POST /admin/collect`): an ambiguous or oversized event is refused alone and kept in
//! `rejected_responses`, a field the API added later is ignored, and an answer larger than
//! `odds_api.max_body_bytes` is refused without being read whole.

mod common;

use common::App;
use edgecore_server::replay::FakeFeed;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

const EPL: &[u8] = include_bytes!("fixtures/odds_soccer_epl_1.json");

fn recorded_events() -> Vec<Value> {
    serde_json::from_slice::<Value>(EPL)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

/// One of the recorded events under a new id, changed by `edit`.
fn variant(id: &str, edit: impl FnOnce(&mut Value)) -> Value {
    let mut e = recorded_events()[1].clone();
    e["id"] = json!(id);
    edit(&mut e);
    e
}

fn rename_team(e: &mut Value, side: &str, name: &str) {
    let old = e[side].as_str().unwrap().to_string();
    e[side] = json!(name);
    for b in e["bookmakers"].as_array_mut().unwrap() {
        for m in b["markets"].as_array_mut().unwrap() {
            for o in m["outcomes"].as_array_mut().unwrap() {
                if o["name"] == old.as_str() {
                    o["name"] = json!(name);
                }
            }
        }
    }
}

async fn stored_event_ids(app: &App) -> Vec<String> {
    let (s, matches) = app
        .get("/odds/matches?sport=soccer_epl", Some(&app.viewer))
        .await;
    assert_eq!(s, StatusCode::OK);
    matches
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn ambiguous_events_are_refused_alone_and_new_fields_ignored() {
    let mut events = recorded_events();
    let good = events.len();
    // A field the API might add later, at every level, in a good event.
    events[0]["venue"] = json!("Emirates");
    events[0]["bookmakers"][0]["region"] = json!("eu");
    events[0]["bookmakers"][0]["markets"][0]["outcomes"][0]["link"] = json!("https://x");
    let bad = vec![
        variant("dup-outcome", |e| {
            let outcomes = e["bookmakers"][0]["markets"][0]["outcomes"]
                .as_array_mut()
                .unwrap();
            let first = outcomes[0].clone();
            outcomes.push(json!({"name": first["name"], "price": 9.5}));
        }),
        variant("dup-id", |_| {}),
        variant("dup-id", |_| {}),
        variant("same-teams", |e| {
            let home = e["home_team"].as_str().unwrap().to_string();
            rename_team(e, "away_team", &home);
        }),
        variant("team-draw", |e| rename_team(e, "away_team", "Draw")),
        variant(&"x".repeat(1_000_000), |_| {}),
        variant("huge-name", |e| {
            rename_team(e, "home_team", &"N".repeat(1_000_000))
        }),
        variant("year-1", |e| {
            e["commence_time"] = json!("0001-01-01T00:00:00Z")
        }),
        variant("year-9999", |e| {
            e["commence_time"] = json!("9999-12-31T00:00:00Z")
        }),
    ];
    let refused = bad.len();
    events.extend(bad);
    let body = serde_json::to_vec(&events).unwrap();
    let mut feed = FakeFeed::recorded(common::KEY, 500, chrono::Duration::zero());
    feed.set_odds("soccer_epl", vec![body]);
    let app = App::start_with(feed, |c| c.odds_api.max_body_bytes = 16 << 20).await;
    let (s, c) = app
        .call(Method::POST, "/admin/collect", Some(&app.admin), None)
        .await;
    assert_eq!(s, StatusCode::OK, "{c}");
    assert_eq!(c["status"], "ok", "{c}");
    let ids = stored_event_ids(&app).await;
    assert_eq!(ids.len(), good, "{ids:?}");
    assert!(ids.iter().all(|id| id.len() < 100));
    let store = &app.running.state.store;
    assert_eq!(store.rejected_count().await.unwrap(), refused as u64);
    // Every price stored is one a bet and the statistics can use.
    let (_, odds) = app
        .get("/odds?sport=soccer_epl&limit=20000", Some(&app.viewer))
        .await;
    for p in odds.as_array().unwrap() {
        let price: rust_decimal::Decimal = p["price"].as_str().unwrap().parse().unwrap();
        assert!(edgecore_server::betting::usable_price(price).is_ok());
    }
}

#[tokio::test]
async fn an_oversized_answer_is_refused_without_stopping_other_sports() {
    let mut events = recorded_events();
    let filler = "z".repeat(1 << 20);
    events[0]["padding"] = json!(filler);
    let mut feed = FakeFeed::recorded(common::KEY, 500, chrono::Duration::zero());
    feed.set_odds("soccer_epl", vec![serde_json::to_vec(&events).unwrap()]);
    let app = App::start_with(feed, |c| c.odds_api.max_body_bytes = 256 * 1024).await;
    let (s, c) = app
        .call(Method::POST, "/admin/collect", Some(&app.admin), None)
        .await;
    assert_eq!(s, StatusCode::OK, "{c}");
    assert_eq!(c["status"], "partial", "{c}");
    assert!(stored_event_ids(&app).await.is_empty());
    let (_, la_liga) = app
        .get(
            "/odds/matches?sport=soccer_spain_la_liga",
            Some(&app.viewer),
        )
        .await;
    assert!(!la_liga.as_array().unwrap().is_empty());
    assert_eq!(app.running.state.store.rejected_count().await.unwrap(), 1);
    assert_eq!(app.running.state.metrics.collection_errors("malformed"), 1);
}
