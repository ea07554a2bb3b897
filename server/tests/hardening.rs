//! What an attacker or a careless client can do to the HTTP layer, over real connections:
//! grow the metric series, hold connections, share a rate-limit bucket, get a non-JSON
//! error, skip the security headers.

mod common;

use common::App;
use rand::{Rng, SeedableRng};
use reqwest::{Client, Method, StatusCode};
use serde_json::Value;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// The number of series (sample lines) in a `/metrics` text.
async fn series(app: &App) -> usize {
    let (_, m) = app.get("/metrics", None).await;
    m.as_str()
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .count()
}

fn made_up_method(rng: &mut impl Rng) -> Method {
    let len = rng.random_range(3..12);
    let name: String = (0..len)
        .map(|_| char::from(b'A' + rng.random_range(0..26u8)))
        .collect();
    Method::from_bytes(name.as_bytes()).unwrap()
}

fn made_up_path(rng: &mut impl Rng, kind: usize) -> String {
    let word = |rng: &mut dyn rand::RngCore| format!("{:x}", rng.next_u64());
    match kind {
        0 => "/health".into(),
        1 => format!("/bets/{}", word(rng)),
        2 => format!("/{}", word(rng)),
        _ => format!("/odds/{}/{}?{}=1", word(rng), word(rng), word(rng)),
    }
}

#[tokio::test]
async fn made_up_methods_and_paths_add_no_series() {
    let app = App::start(chrono::Duration::zero(), |_| {}).await;
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(14);
    let send = async |method: Method, path: String| {
        let r = app
            .http
            .request(method, format!("{}{path}", app.base))
            .send()
            .await
            .unwrap();
        assert!(r.status().is_client_error(), "{path}: {}", r.status());
        let body: Value = r.json().await.expect("every error is JSON");
        assert!(body["error"].is_string());
    };
    // Every kind of request once (its series may appear), then 1,000 more.
    for kind in 0..4 {
        send(made_up_method(&mut rng), made_up_path(&mut rng, kind)).await;
        if kind > 0 {
            send(Method::GET, made_up_path(&mut rng, kind)).await;
        }
    }
    series(&app).await;
    let before = series(&app).await;
    for i in 0..1_000 {
        let kind = i % 4;
        let method = if i % 2 == 0 || kind == 0 {
            made_up_method(&mut rng)
        } else {
            Method::GET
        };
        send(method, made_up_path(&mut rng, kind)).await;
    }
    assert_eq!(series(&app).await, before);
    let (_, m) = app.get("/metrics", None).await;
    let text = m.as_str().unwrap();
    assert!(text.contains("method=\"other\",route=\"/health\",status=\"405\""));
    assert!(text.contains("route=\"unmatched\",status=\"404\""));
}

/// Opens a connection and sends `head` one byte every `pause`, until the server closes it
/// or `limit` passes; returns whether the server closed it.
async fn trickle(addr: String, head: &'static [u8], pause: Duration, limit: Duration) -> bool {
    let Ok(mut s) = TcpStream::connect(addr).await else {
        return true;
    };
    let closed = async {
        let mut buf = [0u8; 1024];
        for b in head.iter().cycle() {
            if s.write_all(&[*b]).await.is_err() {
                return;
            }
            // Closed (read 0 or an error) ends it; an answer (408) is followed by the close.
            if let Ok(Ok(0) | Err(_)) = tokio::time::timeout(pause, s.read(&mut buf)).await {
                return;
            }
        }
    };
    tokio::time::timeout(limit, closed).await.is_ok()
}

#[tokio::test]
async fn slow_clients_are_closed_and_health_still_answers() {
    let app = App::start(chrono::Duration::zero(), |c| {
        c.http.header_timeout_seconds = 1;
        c.http.body_timeout_seconds = 1;
        c.http.max_connections = 32;
    })
    .await;
    let addr = app.base.trim_start_matches("http://").to_string();
    let pause = Duration::from_millis(200);
    let limit = Duration::from_secs(8);
    let mut slow = Vec::new();
    for i in 0..48 {
        let head: &'static [u8] = if i % 3 == 0 {
            // a body promised and sent a byte at a time
            b"POST /bets HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 4000\r\n\r\n{\"odds\": \"2.0\"          "
        } else {
            b"GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
        };
        slow.push(tokio::spawn(trickle(addr.clone(), head, pause, limit)));
    }
    // An idle connection that never sends anything is closed too.
    let mut idle = TcpStream::connect(&addr).await.unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let health = tokio::time::timeout(Duration::from_secs(8), app.get("/health", None))
        .await
        .expect("/health answers while slow clients hold connections");
    assert_eq!(health.0, StatusCode::OK);
    for s in slow {
        assert!(
            s.await.unwrap(),
            "a slow connection was held past the timeouts"
        );
    }
    let mut buf = [0u8; 64];
    let n = tokio::time::timeout(Duration::from_secs(5), idle.read(&mut buf))
        .await
        .expect("the idle connection is closed")
        .unwrap_or(0);
    assert_eq!(n, 0);
}

#[tokio::test]
async fn a_slow_body_gets_a_json_408() {
    let app = App::start(chrono::Duration::zero(), |c| {
        c.http.body_timeout_seconds = 1;
    })
    .await;
    let addr = app.base.trim_start_matches("http://").to_string();
    let mut s = TcpStream::connect(addr).await.unwrap();
    s.write_all(b"POST /bets HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{")
        .await
        .unwrap();
    let mut answer = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(5), async {
        let mut buf = [0u8; 4096];
        loop {
            match s.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => answer.extend_from_slice(&buf[..n]),
            }
            if answer.windows(4).any(|w| w == b"\r\n\r\n") && answer.ends_with(b"}") {
                break;
            }
        }
    })
    .await;
    assert!(read.is_ok(), "no answer to a slow body");
    let text = String::from_utf8_lossy(&answer);
    assert!(text.starts_with("HTTP/1.1 408"), "{text}");
    assert!(text.contains("\"request_timeout\""), "{text}");
}

#[tokio::test]
async fn anonymous_callers_have_a_bucket_per_address() {
    let app = App::start(chrono::Duration::zero(), |c| {
        c.auth.public_reads = true;
        c.auth.rate_limit_per_minute = 3;
    })
    .await;
    let from = |ip: [u8; 4]| {
        Client::builder()
            .local_address(std::net::IpAddr::from(ip))
            .build()
            .unwrap()
    };
    let (a, b) = (from([127, 0, 0, 1]), from([127, 0, 0, 2]));
    let status = async |c: &Client| {
        c.get(format!("{}/odds", app.base))
            .send()
            .await
            .unwrap()
            .status()
    };
    for _ in 0..3 {
        assert_eq!(status(&a).await, StatusCode::OK);
    }
    assert_eq!(status(&a).await, StatusCode::TOO_MANY_REQUESTS);
    // Another address is not locked out by the first one.
    assert_eq!(status(&b).await, StatusCode::OK);
}

#[tokio::test]
async fn every_error_is_json_and_answers_carry_security_headers() {
    let app = App::start(chrono::Duration::zero(), |c| {
        c.http.max_body_bytes = 1024;
    })
    .await;
    let url = |p: &str| format!("{}{p}", app.base);
    let long = format!("/odds?sport={}", "a".repeat(9_000));
    let cases = [
        (
            app.http.delete(url("/health")),
            StatusCode::METHOD_NOT_ALLOWED,
            "method_not_allowed",
        ),
        (
            app.http.get(url("/bets/%FF%FE")).bearer_auth(&app.viewer),
            StatusCode::BAD_REQUEST,
            "bad_request",
        ),
        (
            app.http
                .post(url("/bets"))
                .bearer_auth(&app.user)
                .body(vec![b' '; 4096]),
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
        ),
        (
            app.http.get(url(&long)).bearer_auth(&app.viewer),
            StatusCode::URI_TOO_LONG,
            "uri_too_long",
        ),
        (
            app.http.get(url("/nowhere")),
            StatusCode::NOT_FOUND,
            "not_found",
        ),
        (
            app.http.get(url("/bets")),
            StatusCode::UNAUTHORIZED,
            "unauthorized",
        ),
    ];
    for (request, status, kind) in cases {
        let r = request.send().await.unwrap();
        assert_eq!(r.status(), status, "{kind}");
        let headers = r.headers().clone();
        assert_eq!(headers["x-content-type-options"], "nosniff");
        assert_eq!(headers["cache-control"], "no-store");
        if status == StatusCode::METHOD_NOT_ALLOWED {
            assert!(headers.contains_key("allow"));
        }
        assert!(
            headers["content-type"]
                .to_str()
                .unwrap()
                .starts_with("application/json")
        );
        let body: Value = r.json().await.unwrap();
        assert_eq!(body["error"], kind);
        assert!(body["message"].as_str().unwrap().len() > 5);
    }
    let r = app.http.get(url("/health")).send().await.unwrap();
    assert_eq!(r.headers()["x-content-type-options"], "nosniff");
    assert_eq!(r.headers()["cache-control"], "no-store");
}

#[tokio::test]
async fn bearer_is_matched_in_any_case() {
    let app = App::start(chrono::Duration::zero(), |_| {}).await;
    for scheme in ["Bearer", "bearer", "BEARER", "bEaReR"] {
        let r = app
            .http
            .get(format!("{}/bets", app.base))
            .header("authorization", format!("{scheme} {}", app.viewer))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{scheme}");
    }
    let r = app
        .http
        .get(format!("{}/bets", app.base))
        .header("authorization", format!("Basic {}", app.viewer))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
}
