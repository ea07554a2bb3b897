//! Every route, role and kind of bad input, over HTTP on 127.0.0.1.

mod common;

use chrono::Utc;
use common::App;
use edgecore_server::replay::FakeFeed;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

fn at(s: &str) -> chrono::DateTime<Utc> {
    s.parse().unwrap()
}

const ARSENAL_CHELSEA: &str = "d1e45612bdd1974b0dae4e0e527e63f9";

/// The recordings as they were: odds collected at 10:00 and 14:00 on the day of the first
/// kickoff, scores afterwards.
async fn past() -> App {
    let app = App::start(chrono::Duration::zero(), |_| {}).await;
    let c = &app.running.state.collector;
    c.collect_odds(&[], at("2025-03-14T10:00:00Z"))
        .await
        .unwrap();
    c.collect_odds(&[], at("2025-03-14T14:00:00Z"))
        .await
        .unwrap();
    c.collect_scores(at("2025-03-14T14:05:00Z")).await.unwrap();
    app
}

#[tokio::test]
async fn open_routes_and_no_secrets() {
    let app = past().await;
    let (s, h) = app.get("/health", None).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(h["database"], "ok");
    assert_eq!(h["collector"]["source"], "the-odds-api");
    assert_eq!(h["quota"]["remaining"], 482);
    assert!(h["collector"]["last_success"].is_string());
    let (s, m) = app.get("/metrics", None).await;
    assert_eq!(s, StatusCode::OK);
    let open = m.as_str().unwrap();
    for private in ["edgecore_bankroll", "edgecore_roi", "edgecore_win_rate"] {
        assert!(!open.contains(private), "{private} shown without a token");
    }
    assert!(open.contains("edgecore_collector_up 1"));
    let (s, m) = app.get("/metrics", Some(&app.viewer)).await;
    assert_eq!(s, StatusCode::OK);
    let text = m.as_str().unwrap();
    for name in [
        "edgecore_bankroll 1000",
        "edgecore_roi ",
        "edgecore_win_rate ",
        "edgecore_opportunities_detected_total ",
        "edgecore_last_collection_timestamp_seconds 1741960800",
        "edgecore_odds_api_requests_remaining 482",
        "edgecore_collection_errors_total{kind=\"invalid_key\"} 0",
        "edgecore_http_requests_total{method=\"GET\",route=\"/health\",status=\"200\"} 1",
        "edgecore_http_request_duration_seconds_bucket{route=\"/health\"",
    ] {
        assert!(text.contains(name), "missing {name}");
    }
    let (s, doc) = app.get("/openapi.json", None).await;
    assert_eq!(s, StatusCode::OK);
    let paths = doc["paths"].as_object().unwrap();
    for p in edgecore_server::api::ROUTES {
        assert!(paths.contains_key(p), "{p} undocumented");
    }
    let (s, e) = app.get("/nowhere", None).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert_eq!(e["error"], "not_found");
}

#[tokio::test]
async fn roles_are_enforced() {
    let app = past().await;
    let bet = json!({"event_id": ARSENAL_CHELSEA, "market": "h2h", "selection": "home",
        "bookmaker": "bet365", "odds": "1.80", "stake": "10", "placed_at": "2025-03-14T11:00:00Z"});
    let (s, e) = app.get("/odds", None).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    assert_eq!(e["error"], "unauthorized");
    let (s, _) = app.get("/odds", Some("ec_wrong")).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    for path in [
        "/odds",
        "/odds/matches",
        "/bets",
        "/stats",
        "/agents/compare",
        "/opportunities",
    ] {
        let (s, _) = app.get(path, Some(&app.viewer)).await;
        assert_eq!(s, StatusCode::OK, "viewer reads {path}");
    }
    let (s, e) = app
        .call(Method::POST, "/bets", Some(&app.viewer), Some(bet.clone()))
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    assert_eq!(e["error"], "forbidden");
    let (s, _) = app
        .call(Method::POST, "/bets", None, Some(bet.clone()))
        .await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    for token in [&app.user, &app.admin] {
        let (s, _) = app
            .call(Method::POST, "/bets", Some(token), Some(bet.clone()))
            .await;
        assert_eq!(s, StatusCode::CREATED);
    }
    for path in ["/bets/settle", "/clv/calculate"] {
        let (s, _) = app.call(Method::POST, path, Some(&app.viewer), None).await;
        assert_eq!(s, StatusCode::FORBIDDEN);
    }
    let (s, _) = app.get("/admin/config", Some(&app.user)).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, cfg) = app.get("/admin/config", Some(&app.admin)).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(cfg["odds_api"]["api_key"], "***");
    assert!(cfg["auth"]["tokens"][0].get("sha256").is_none());
    let (s, _) = app
        .call(Method::POST, "/admin/backup", Some(&app.user), None)
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, b) = app
        .call(Method::POST, "/admin/backup", Some(&app.admin), None)
        .await;
    match app.running.state.store.backend() {
        "sqlite" => {
            assert_eq!(s, StatusCode::OK);
            assert!(std::path::Path::new(b["path"].as_str().unwrap()).exists());
        }
        _ => assert_eq!(s, StatusCode::CONFLICT),
    }
    let (s, c) = app
        .call(Method::POST, "/admin/collect", Some(&app.admin), None)
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(c["status"], "ok");
}

#[tokio::test]
async fn public_reads_and_rate_limits() {
    let app = App::start(chrono::Duration::zero(), |c| {
        c.auth.public_reads = true;
        c.auth.rate_limit_per_minute = 3;
    })
    .await;
    for _ in 0..3 {
        assert_eq!(app.get("/odds", None).await.0, StatusCode::OK);
    }
    let (s, e) = app.get("/odds", None).await;
    assert_eq!(s, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(e["error"], "rate_limited");
    // Each token has its own bucket; writes still need one.
    assert_eq!(app.get("/bets", Some(&app.viewer)).await.0, StatusCode::OK);
    assert_eq!(
        app.call(Method::POST, "/bets/settle", None, None).await.0,
        StatusCode::UNAUTHORIZED
    );
    // Health and metrics are never limited.
    for _ in 0..5 {
        assert_eq!(app.get("/health", None).await.0, StatusCode::OK);
    }
}

#[tokio::test]
async fn bad_input_names_the_field() {
    let app = past().await;
    let good = json!({"event_id": ARSENAL_CHELSEA, "market": "totals", "line": "2.5",
        "selection": "over", "bookmaker": "bet365", "odds": "1.95", "stake": "10"});
    let cases = [
        ("odds", json!("0.9")),
        ("odds", json!("abc")),
        ("stake", json!("0")),
        ("stake", json!("10.001")),
        ("stake", json!([1])),
        ("market", json!("corners")),
        ("selection", json!("home")),
        ("line", json!("2.3")),
        ("bookmaker", json!("")),
        ("placed_at", json!("tomorrow")),
        ("source", json!("a b")),
        ("extra", json!(1)),
    ];
    for (field, value) in cases {
        let mut body = good.clone();
        body[field] = value;
        let (s, e) = app
            .call(Method::POST, "/bets", Some(&app.user), Some(body))
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{field}");
        assert_eq!(e["error"], "invalid_input");
        assert_eq!(e["field"], field);
        assert!(e["reason"].as_str().unwrap().len() > 3);
    }
    let mut unknown = good.clone();
    unknown["event_id"] = json!("no-such-event");
    let (s, e) = app
        .call(Method::POST, "/bets", Some(&app.user), Some(unknown))
        .await;
    assert_eq!(
        (s, e["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("event_id"))
    );
    let resp = app
        .http
        .post(format!("{}/bets", app.base))
        .bearer_auth(&app.user)
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(resp.json::<Value>().await.unwrap()["field"], "body");
    for (path, field) in [
        ("/odds?market=corners", "market"),
        ("/odds?limit=0", "limit"),
        ("/odds?since=yesterday", "since"),
        ("/odds?colour=red", "colour"),
        ("/odds/matches?from=2025-03-20&to=2025-03-10", "from"),
        ("/bets?status=won", "status"),
        ("/bets?from=x", "from"),
        ("/stats?window=1y", "window"),
        ("/stats?as_of=soon", "as_of"),
        ("/agents/compare?window=forever", "window"),
        ("/opportunities?min_score=200", "min_score"),
        ("/opportunities?label=maybe", "label"),
    ] {
        let (s, e) = app.get(path, Some(&app.viewer)).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{path}");
        assert_eq!(e["field"], field, "{path}");
    }
    // Nothing was written by any refused request.
    let (_, bets) = app.get("/bets", Some(&app.viewer)).await;
    assert_eq!(bets.as_array().unwrap().len(), 0);
}

#[tokio::test]
async fn bets_clv_settlement_and_statistics() {
    let app = past().await;
    let u = Some(app.user.as_str());
    let v = Some(app.viewer.as_str());
    // Over 2.5 in Arsenal - Chelsea, taken before kickoff (20:00) at a long price.
    let (s, over) = app
        .call(
            Method::POST,
            "/bets",
            u,
            Some(json!({"event_id": ARSENAL_CHELSEA,
            "market": "totals", "line": "2.5", "selection": "over", "bookmaker": "bet365",
            "odds": "2.05", "stake": "10.50", "placed_at": "2025-03-14T11:00:00Z",
            "source": "anomaly"})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    assert_eq!(over["stake"], "10.50");
    assert_eq!(over["status"], "pending");
    assert_eq!(over["league"], "soccer_epl");
    let id = over["id"].as_str().unwrap().to_string();
    // Fulham 2-0 Tottenham (a completed game of the scores feed).
    let (_, matches) = app.get("/odds/matches?sport=soccer_epl", v).await;
    let fulham = matches
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["home"] == "Fulham")
        .unwrap()
        .clone();
    assert_eq!(fulham["result"]["home"], 2);
    let (s, home) = app
        .call(
            Method::POST,
            "/bets",
            u,
            Some(json!({"event_id": fulham["id"],
            "market": "h2h", "selection": "home", "bookmaker": "pinnacle", "odds": 2.4,
            "stake": "20", "placed_at": "2025-03-11T10:00:00Z"})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let (s, clv) = app.call(Method::POST, "/clv/calculate", u, None).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(clv["computed"], 1);
    assert_eq!(
        clv["unavailable"].as_array().unwrap().len(),
        1,
        "no odds for the Fulham game"
    );
    let (_, over) = app.get(&format!("/bets/{id}"), v).await;
    let close: f64 = over["closing_odds"].as_str().unwrap().parse().unwrap();
    let (_, pin) = app
        .get(
            &format!("/odds?event={ARSENAL_CHELSEA}&bookmaker=pinnacle&market=totals"),
            v,
        )
        .await;
    let pin_over: f64 = pin
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["selection"] == "over" && p["line"] == "2.5")
        .unwrap()["price"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(
        close, pin_over,
        "the closing line is Pinnacle's last price before kickoff"
    );
    let expected = (2.05 - close) / close;
    assert!((over["clv"].as_f64().unwrap() - expected).abs() < 1e-12);
    assert!(over["clv_fair"].is_number());
    let (s, settled) = app.call(Method::POST, "/bets/settle", u, None).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(settled["settled"], 1);
    assert_eq!(settled["waiting"], 1);
    let (_, home) = app
        .get(&format!("/bets/{}", home["id"].as_str().unwrap()), v)
        .await;
    assert_eq!(home["status"], "won");
    assert_eq!(home["profit"], "28.00");
    let count = |v: &Value| v.as_array().unwrap().len();
    assert_eq!(count(&app.get("/bets?status=pending", v).await.1), 1);
    assert_eq!(count(&app.get("/bets?status=settled", v).await.1), 1);
    assert_eq!(
        count(&app.get("/bets?status=positive_clv", v).await.1),
        usize::from(expected > 0.0)
    );
    assert_eq!(count(&app.get("/bets?from=2025-03-12", v).await.1), 1);
    assert_eq!(count(&app.get("/bets?to=2025-03-12", v).await.1), 1);
    let (s, st) = app.get("/stats?window=all", v).await;
    assert_eq!(s, StatusCode::OK);
    let money = |v: &Value| {
        v.as_str()
            .unwrap()
            .parse::<rust_decimal::Decimal>()
            .unwrap()
    };
    assert_eq!(
        money(&st["performance"]["profit"]),
        rust_decimal::Decimal::from(28)
    );
    assert_eq!(
        money(&st["performance"]["final_bankroll"]),
        rust_decimal::Decimal::from(1028)
    );
    assert!(st["by_bookmaker"].as_array().unwrap().len() == 2);
    let (_, st7) = app.get("/stats?window=7d&as_of=2025-03-14", v).await;
    assert_eq!(st7["performance"]["bets"], 2);
    let (_, cmp) = app.get("/agents/compare", v).await;
    let agents: Vec<&str> = cmp["agents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["agent"].as_str().unwrap())
        .collect();
    assert_eq!(agents, ["anomaly", "manual"]);
    let (_, metrics) = app.get("/metrics", v).await;
    assert!(metrics.as_str().unwrap().contains("edgecore_bankroll 1028"));
    // Update, not found, delete.
    let (s, upd) = app
        .call(
            Method::PUT,
            &format!("/bets/{id}"),
            u,
            Some(json!({"stake": "5", "outcome": "lost"})),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(
        (upd["stake"].as_str(), upd["profit"].as_str()),
        (Some("5.00"), Some("-5.00"))
    );
    let (s, e) = app
        .call(
            Method::PUT,
            &format!("/bets/{id}"),
            u,
            Some(json!({"outcome": "maybe"})),
        )
        .await;
    assert_eq!(
        (s, e["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("outcome"))
    );
    for method in [Method::GET, Method::PUT, Method::DELETE] {
        let body = (method == Method::PUT).then(|| json!({"stake": "1"}));
        let (s, e) = app.call(method, "/bets/nope", u, body).await;
        assert_eq!(s, StatusCode::NOT_FOUND);
        assert_eq!(e["error"], "not_found");
    }
    let (s, _) = app
        .call(Method::DELETE, &format!("/bets/{id}"), u, None)
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (s, _) = app.get(&format!("/bets/{id}"), v).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn opportunities_on_a_live_board() {
    let app = App::start(FakeFeed::live_shift(Utc::now()), |_| {}).await;
    let v = Some(app.viewer.as_str());
    app.running
        .state
        .collector
        .collect_odds(&[], Utc::now())
        .await
        .unwrap();
    let (s, first) = app.get("/opportunities", v).await;
    assert_eq!(s, StatusCode::OK);
    let list = first["opportunities"].as_array().unwrap();
    assert!(!list.is_empty(), "the recordings hold injected anomalies");
    let top = &list[0];
    for field in [
        "event_id",
        "home",
        "market",
        "selection",
        "bookmaker",
        "price",
        "edge",
        "score",
        "label",
        "stake",
    ] {
        assert!(!top[field].is_null(), "{field}");
    }
    assert!(
        list.windows(2)
            .all(|w| w[0]["score"].as_f64() >= w[1]["score"].as_f64())
    );
    // The Arsenal price injected at Winamax is found.
    assert!(
        list.iter()
            .any(|o| o["bookmaker"] == "winamax_fr" && o["home"] == "Arsenal")
    );
    let (_, again) = app.get("/opportunities", v).await;
    assert_eq!(again["board_version"], first["board_version"]);
    let (_, one) = app.get("/opportunities?limit=1&label=analyser", v).await;
    assert!(one["opportunities"].as_array().unwrap().len() <= 1);
    let (_, none) = app.get("/opportunities?sport=soccer_nope", v).await;
    assert_eq!(none["total"], 0);
    let (_, metrics) = app.get("/metrics", None).await;
    assert!(
        !metrics
            .as_str()
            .unwrap()
            .contains("edgecore_opportunities_detected_total 0\n")
    );
    // A new collection makes a new board.
    app.running
        .state
        .collector
        .collect_odds(&[], Utc::now())
        .await
        .unwrap();
    let (_, next) = app.get("/opportunities", v).await;
    assert_ne!(next["board_version"], first["board_version"]);
    let (_, upcoming) = app.get("/odds?upcoming=true&limit=5", v).await;
    assert_eq!(upcoming.as_array().unwrap().len(), 5);
}

#[tokio::test]
async fn a_halted_collector_shows_in_health() {
    let (metrics_token, sha256) = edgecore_server::auth::new_token();
    let app = App::start(chrono::Duration::zero(), |c| {
        c.odds_api.api_key = edgecore_server::config::Secret::new("expired");
        c.auth.tokens.push(edgecore_server::config::TokenEntry {
            name: "prometheus".into(),
            role: edgecore_server::config::Role::Metrics,
            sha256,
        });
    })
    .await;
    let c = &app.running.state.collector;
    assert!(c.collect_odds(&[], Utc::now()).await.is_err());
    let (_, h) = app.get("/health", None).await;
    assert_eq!(h["status"], "degraded");
    assert_eq!(h["collector"]["state"], "halted");
    assert!(h["collector"].get("halted_reason").is_none(), "{h}");
    assert!(h["collector"].get("last_error").is_none(), "{h}");
    let (s, _) = app.get("/health/details", None).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    // The metrics role reads the details and the money gauges, nothing else.
    let (s, d) = app.get("/health/details", Some(&metrics_token)).await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        d["collector"]["halted_reason"]
            .as_str()
            .unwrap()
            .contains("INVALID_KEY")
    );
    assert_eq!(
        app.get("/bets", Some(&metrics_token)).await.0,
        StatusCode::FORBIDDEN
    );
    let (_, m) = app.get("/metrics", Some(&metrics_token)).await;
    let m = m.as_str().unwrap().to_string();
    assert!(m.contains("edgecore_bankroll 1000"));
    assert!(m.contains("edgecore_collector_up 0"));
    assert!(m.contains("edgecore_collection_errors_total{kind=\"invalid_key\"} 1"));
    assert!(!m.contains("expired"));
}
