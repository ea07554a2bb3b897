//! Recording bets over HTTP: past-posting, live bets at board prices, retries with an
//! `Idempotency-Key`, exact numbers, normalised stakes, bounded dates, routes that take no
//! input. Run on SQLite and on PostgreSQL.

mod common;

use chrono::{DateTime, Utc};
use common::App;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

const ARSENAL_CHELSEA: &str = "d1e45612bdd1974b0dae4e0e527e63f9";

fn at(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

/// The recordings collected at 10:00 and 14:00 on the day Arsenal - Chelsea kicks off
/// (20:00), again at 20:30 (in play), and the scores.
async fn collected() -> App {
    let app = App::start(chrono::Duration::zero(), |c| {
        c.odds_api.manual_collect_cooldown_seconds = 3600;
    })
    .await;
    let c = &app.running.state.collector;
    for t in [
        "2025-03-14T10:00:00Z",
        "2025-03-14T14:00:00Z",
        "2025-03-14T20:30:00Z",
    ] {
        c.collect_odds(&[], at(t)).await.unwrap();
    }
    c.collect_scores(at("2025-03-14T20:35:00Z")).await.unwrap();
    app
}

fn bet(placed_at: &str) -> Value {
    json!({"event_id": ARSENAL_CHELSEA, "market": "h2h", "selection": "home",
        "bookmaker": "bet365", "odds": "1.80", "stake": "10", "placed_at": placed_at})
}

async fn post(app: &App, body: Value) -> (StatusCode, Value) {
    app.call(Method::POST, "/bets", Some(&app.user), Some(body))
        .await
}

async fn bet_count(app: &App) -> usize {
    let (_, list) = app.get("/bets", Some(&app.viewer)).await;
    list.as_array().unwrap().len()
}

/// bet365's last price for Arsenal at home.
async fn board_price(app: &App) -> String {
    let (_, odds) = app
        .get(
            &format!("/odds?event={ARSENAL_CHELSEA}&bookmaker=bet365&market=h2h"),
            Some(&app.viewer),
        )
        .await;
    odds.as_array()
        .unwrap()
        .iter()
        .find(|p| p["selection"] == "home")
        .unwrap()["price"]
        .as_str()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn bets_after_kickoff_must_be_live_at_a_board_price() {
    let app = collected().await;
    // Placed now, days after the game ended (the issue's example), or just at kickoff.
    for placed in [
        None,
        Some("2025-03-14T20:00:00Z"),
        Some("2025-03-17T12:00:00Z"),
    ] {
        let mut body = bet("2025-03-14T11:00:00Z");
        match placed {
            Some(p) => body["placed_at"] = json!(p),
            None => {
                body.as_object_mut().unwrap().remove("placed_at");
            }
        }
        let (s, e) = post(&app, body).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{placed:?}: {e}");
        assert_eq!(e["field"], "placed_at");
    }
    // Before kickoff: accepted; marked live before kickoff: refused.
    assert_eq!(
        post(&app, bet("2025-03-14T19:59:59Z")).await.0,
        StatusCode::CREATED
    );
    let mut early_live = bet("2025-03-14T19:00:00Z");
    early_live["live"] = json!(true);
    assert_eq!(post(&app, early_live).await.1["field"], "live");
    // In play, at the price then on the board: accepted; at another price: refused.
    let price = board_price(&app).await;
    let mut live = bet("2025-03-14T20:40:00Z");
    live["live"] = json!(true);
    live["odds"] = json!(price);
    let (s, b) = post(&app, live.clone()).await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    assert_eq!(b["live"], true);
    live["odds"] = json!("9.50");
    let (s, e) = post(&app, live.clone()).await;
    assert_eq!(
        (s, e["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("odds"))
    );
    // A bet cannot be moved to after kickoff, and a live bet's price is fixed.
    let (_, early) = post(&app, bet("2025-03-14T12:00:00Z")).await;
    let path = format!("/bets/{}", early["id"].as_str().unwrap());
    let (s, e) = app
        .call(
            Method::PUT,
            &path,
            Some(&app.user),
            Some(json!({"placed_at": "2025-03-14T21:00:00Z"})),
        )
        .await;
    assert_eq!(
        (s, e["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("placed_at"))
    );
    let path = format!("/bets/{}", b["id"].as_str().unwrap());
    let (s, _) = app
        .call(
            Method::PUT,
            &path,
            Some(&app.user),
            Some(json!({"odds": "3.00"})),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bet_count(&app).await, 3);
}

#[tokio::test]
async fn a_retried_post_with_an_idempotency_key_records_one_bet() {
    let app = collected().await;
    let send = async |key: &str, body: &Value| {
        let r = app
            .http
            .post(format!("{}/bets", app.base))
            .bearer_auth(&app.user)
            .header("idempotency-key", key)
            .json(body)
            .send()
            .await
            .unwrap();
        let replayed = r.headers().contains_key("idempotent-replayed");
        (r.status(), replayed, r.json::<Value>().await.unwrap())
    };
    let body = bet("2025-03-14T11:00:00Z");
    let (s, replayed, first) = send("k-1", &body).await;
    assert_eq!((s, replayed), (StatusCode::CREATED, false));
    let (s, replayed, again) = send("k-1", &body).await;
    assert_eq!((s, replayed), (StatusCode::CREATED, true));
    assert_eq!(again["id"], first["id"]);
    // The same key with another body is refused; another key is another bet.
    let mut other = body.clone();
    other["stake"] = json!("11");
    let (s, _, e) = send("k-1", &other).await;
    assert_eq!(
        (s, e["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("Idempotency-Key"))
    );
    assert_eq!(send("k-2", &body).await.0, StatusCode::CREATED);
    // Eight clients retrying at once: one bet.
    let mut set = tokio::task::JoinSet::new();
    for _ in 0..8 {
        let (http, url) = (app.http.clone(), format!("{}/bets", app.base));
        let (token, body) = (app.user.clone(), body.clone());
        set.spawn(async move {
            let r = http
                .post(url)
                .bearer_auth(token)
                .header("idempotency-key", "k-3")
                .json(&body)
                .send()
                .await
                .unwrap();
            (r.status(), r.json::<Value>().await.unwrap())
        });
    }
    let ids: std::collections::BTreeSet<String> = set
        .join_all()
        .await
        .iter()
        .map(|(s, b)| {
            assert_eq!(*s, StatusCode::CREATED, "{b}");
            b["id"].as_str().unwrap().to_string()
        })
        .collect();
    assert_eq!(ids.len(), 1);
    assert_eq!(bet_count(&app).await, 3);
}

#[tokio::test]
async fn numbers_are_exact_stakes_normalised_and_instants_kept_as_stored() {
    let app = collected().await;
    // A JSON number is read from its text: exact, or refused when it has too many digits.
    let raw = format!(
        r#"{{"event_id": "{ARSENAL_CHELSEA}", "market": "h2h", "selection": "home",
        "bookmaker": "bet365", "odds": 2.1111111111111111111, "stake": "2.50000",
        "placed_at": "2025-03-14T11:00:00.123456789Z"}}"#
    );
    let r = app
        .http
        .post(format!("{}/bets", app.base))
        .bearer_auth(&app.user)
        .header("content-type", "application/json")
        .body(raw.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let created: Value = r.json().await.unwrap();
    assert_eq!(created["odds"], "2.1111111111111111111");
    assert_eq!(created["stake"], "2.50");
    assert_eq!(created["placed_at"], "2025-03-14T11:00:00.123Z");
    let (_, read) = app
        .get(
            &format!("/bets/{}", created["id"].as_str().unwrap()),
            Some(&app.viewer),
        )
        .await;
    for field in ["odds", "stake", "placed_at", "created_at", "updated_at"] {
        assert_eq!(read[field], created[field], "{field}");
    }
    let huge = raw.replace("2.1111111111111111111", &format!("2.{}", "1".repeat(5000)));
    let r = app
        .http
        .post(format!("{}/bets", app.base))
        .bearer_auth(&app.user)
        .body(huge)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json::<Value>().await.unwrap()["field"], "odds");
    // Dates outside 1900-2200 are refused.
    for (field, value) in [
        ("placed_at", "1800-01-01T00:00:00Z"),
        ("kickoff", "2300-01-01T00:00:00Z"),
    ] {
        let mut body = json!({"event_id": "unknown-event", "league": "soccer_epl",
            "kickoff": "2099-01-01T00:00:00Z", "market": "h2h", "selection": "home",
            "bookmaker": "bet365", "odds": "2.00", "stake": "1"});
        body[field] = json!(value);
        let (s, e) = post(&app, body).await;
        assert_eq!(
            (s, e["field"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some(field))
        );
    }
    assert_eq!(bet_count(&app).await, 1);
}

#[tokio::test]
async fn routes_without_input_refuse_bodies_and_parameters() {
    let app = collected().await;
    let u = Some(app.user.as_str());
    let a = Some(app.admin.as_str());
    for (path, token) in [
        ("/bets/settle", u),
        ("/clv/calculate", u),
        ("/admin/collect", a),
        ("/admin/backup", a),
    ] {
        let (s, e) = app
            .call(Method::POST, path, token, Some(json!({"all": true})))
            .await;
        assert_eq!(
            (s, e["field"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("body")),
            "{path}"
        );
        let (s, e) = app
            .call(Method::POST, &format!("{path}?dry_run=1"), token, None)
            .await;
        assert_eq!(
            (s, e["field"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("dry_run")),
            "{path}"
        );
    }
    let (s, _) = app.get("/admin/config?x=1", a).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        app.call(Method::POST, "/bets/settle", u, Some(json!({})))
            .await
            .0,
        StatusCode::OK
    );
    // A manual collection has a cooldown.
    let (s, _) = app.call(Method::POST, "/admin/collect", a, None).await;
    assert_eq!(s, StatusCode::OK);
    let r = app
        .http
        .post(format!("{}/admin/collect", app.base))
        .bearer_auth(&app.admin)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(r.headers().contains_key("retry-after"));
}

/// Follows `X-Next-Cursor` from `first` until the last page; the ids of every row.
async fn all_pages(app: &App, first: &str, id: &str) -> (Vec<String>, usize) {
    let mut ids = Vec::new();
    let mut pages = 0;
    let mut url = first.to_string();
    loop {
        let r = app
            .http
            .get(format!("{}{url}", app.base))
            .bearer_auth(&app.viewer)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        let next = r
            .headers()
            .get("x-next-cursor")
            .map(|v| v.to_str().unwrap().to_string());
        let rows: Value = r.json().await.unwrap();
        ids.extend(
            rows.as_array()
                .unwrap()
                .iter()
                .map(|b| b[id].as_str().unwrap().to_string()),
        );
        pages += 1;
        match next {
            Some(c) => {
                let sep = if first.contains('?') { '&' } else { '?' };
                url = format!("{first}{sep}cursor={c}");
            }
            None => return (ids, pages),
        }
    }
}

#[tokio::test]
async fn lists_are_paged_with_a_cursor() {
    let app = collected().await;
    // Seven bets, three of them placed at the same instant.
    for placed in [
        "2025-03-14T11:00:00Z",
        "2025-03-14T11:00:00Z",
        "2025-03-14T11:00:00Z",
        "2025-03-14T09:00:00Z",
        "2025-03-14T12:00:00Z",
        "2025-03-13T12:00:00Z",
        "2025-03-14T13:00:00Z",
    ] {
        assert_eq!(post(&app, bet(placed)).await.0, StatusCode::CREATED);
    }
    let (_, all) = app.get("/bets", Some(&app.viewer)).await;
    let all: Vec<String> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(all.len(), 7);
    let (paged, pages) = all_pages(&app, "/bets?limit=3", "id").await;
    assert_eq!(paged, all);
    assert_eq!(pages, 3);
    let (pending, _) = all_pages(&app, "/bets?status=pending&limit=2", "id").await;
    assert_eq!(pending, all);
    // Events, across the three leagues of the recordings.
    let (_, events) = app.get("/odds/matches", Some(&app.viewer)).await;
    let events: Vec<String> = events
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect();
    assert!(events.len() > 10);
    let (paged, _) = all_pages(&app, "/odds/matches?limit=4", "id").await;
    assert_eq!(paged, events);
    for path in [
        "/bets?cursor=zz",
        "/bets?limit=0",
        "/odds/matches?limit=100000",
        "/odds/matches?cursor=00",
    ] {
        let (s, e) = app.get(path, Some(&app.viewer)).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{path}: {e}");
    }
}
