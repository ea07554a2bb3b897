//! A local stand-in for The Odds API v4 that serves recorded responses.
//!
//! It answers `/v4/sports/{sport}/odds` and `/v4/sports/{sport}/scores` on 127.0.0.1 in the
//! API's real JSON format, with its quota headers and its error bodies. It has two uses:
//! `make run` without an API key replays the bundled recordings as if they were live (every
//! timestamp moved forward by the time elapsed since the recording, successive collections
//! see successive snapshots), and the tests script faults (401, 429, 5xx, slow or malformed
//! bodies) on top of the recordings. Nothing here ever reaches the internet.

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::{DateTime, Utc};
use serde_json::Value;
use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// When the bundled odds snapshots were recorded (the first one).
pub const RECORDED_AT: &str = "2025-03-14T09:58:00Z";

/// One sport's recording: its key, its odds snapshots in order and its scores.
type Recording = (&'static str, [&'static [u8]; 2], &'static [u8]);

/// The bundled recordings.
const RECORDINGS: [Recording; 3] = [
    (
        "soccer_epl",
        [
            include_bytes!("../tests/fixtures/odds_soccer_epl_1.json"),
            include_bytes!("../tests/fixtures/odds_soccer_epl_2.json"),
        ],
        include_bytes!("../tests/fixtures/scores_soccer_epl.json"),
    ),
    (
        "soccer_spain_la_liga",
        [
            include_bytes!("../tests/fixtures/odds_soccer_spain_la_liga_1.json"),
            include_bytes!("../tests/fixtures/odds_soccer_spain_la_liga_2.json"),
        ],
        include_bytes!("../tests/fixtures/scores_soccer_spain_la_liga.json"),
    ),
    (
        "soccer_france_ligue_one",
        [
            include_bytes!("../tests/fixtures/odds_soccer_france_ligue_one_1.json"),
            include_bytes!("../tests/fixtures/odds_soccer_france_ligue_one_2.json"),
        ],
        include_bytes!("../tests/fixtures/scores_soccer_france_ligue_one.json"),
    ),
];

/// The odds snapshots of the six captures of one sport's completed games, in order.
macro_rules! closed_snapshots {
    ($sport:literal) => {
        [
            include_bytes!(concat!("../demo/closed/odds_", $sport, "_1.json")),
            include_bytes!(concat!("../demo/closed/odds_", $sport, "_2.json")),
            include_bytes!(concat!("../demo/closed/odds_", $sport, "_3.json")),
            include_bytes!(concat!("../demo/closed/odds_", $sport, "_4.json")),
            include_bytes!(concat!("../demo/closed/odds_", $sport, "_5.json")),
            include_bytes!(concat!("../demo/closed/odds_", $sport, "_6.json")),
        ]
    };
}

/// Odds answers for the recorded games that have results (the completed games of the
/// scores recordings), as a collector would have received them before each kickoff: per
/// sport, one answer per capture of [`closed_captures`]. Derived, not recorded: made by
/// `server/demo/derive_closed.py` from the scores and the first odds recording of each
/// league, as `server/demo/closed/manifest.json` says.
const CLOSED: [(&str, [&[u8]; 6]); 3] = [
    ("soccer_epl", closed_snapshots!("soccer_epl")),
    (
        "soccer_spain_la_liga",
        closed_snapshots!("soccer_spain_la_liga"),
    ),
    (
        "soccer_france_ligue_one",
        closed_snapshots!("soccer_france_ligue_one"),
    ),
];

/// The manifest of the completed games' snapshots: their source and capture instants.
pub const CLOSED_MANIFEST: &str = include_str!("../demo/closed/manifest.json");

/// The capture instants of the completed games' snapshots, as recorded (before any shift),
/// in order: the manifest's `captured_at`. Empty if the manifest cannot be read (a test
/// checks that it can, and that it lists one answer per capture and sport).
pub fn closed_captures() -> Vec<DateTime<Utc>> {
    serde_json::from_str::<Value>(CLOSED_MANIFEST)
        .ok()
        .and_then(|m| {
            m.get("captured_at")?
                .as_array()?
                .iter()
                .map(|t| {
                    let t = DateTime::parse_from_rfc3339(t.as_str()?).ok()?;
                    Some(t.with_timezone(&Utc))
                })
                .collect::<Option<Vec<_>>>()
        })
        .unwrap_or_default()
}

/// The API's error bodies, as recorded.
pub const INVALID_KEY_BODY: &[u8] = include_bytes!("../tests/fixtures/error_invalid_key.json");
/// Body of a 401 when the quota is used up.
pub const OUT_OF_CREDITS_BODY: &[u8] =
    include_bytes!("../tests/fixtures/error_out_of_credits.json");
/// Body of a 429.
pub const RATE_LIMITED_BODY: &[u8] = include_bytes!("../tests/fixtures/error_rate_limited.json");

/// One scripted answer.
#[derive(Debug, Clone)]
pub struct Reply {
    /// HTTP status.
    pub status: u16,
    /// Body.
    pub body: Vec<u8>,
    /// Extra headers.
    pub headers: Vec<(String, String)>,
    /// Delay before answering (to provoke client timeouts).
    pub delay: Duration,
}

impl Reply {
    /// An answer with a status and a body.
    pub fn new(status: u16, body: &[u8]) -> Reply {
        Reply {
            status,
            body: body.to_vec(),
            headers: Vec::new(),
            delay: Duration::ZERO,
        }
    }

    /// Adds a header.
    pub fn header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Delays the answer.
    pub fn delayed(mut self, delay: Duration) -> Reply {
        self.delay = delay;
        self
    }
}

#[derive(Debug)]
struct Quota {
    remaining: u64,
    used: u64,
}

/// The fake feed's state.
pub struct FakeFeed {
    api_key: String,
    odds: HashMap<String, Vec<Vec<u8>>>,
    scores: HashMap<String, Vec<u8>>,
    served: Mutex<HashMap<String, usize>>,
    script: Mutex<HashMap<String, VecDeque<Reply>>>,
    quota: Mutex<Quota>,
    shift: chrono::Duration,
    cycle: bool,
    log: Mutex<Vec<String>>,
}

/// Moves every `commence_time` and `last_update` of a JSON document by `shift`.
pub fn shift_times(value: &mut Value, shift: chrono::Duration) {
    match value {
        Value::Array(items) => items.iter_mut().for_each(|v| shift_times(v, shift)),
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                if let (true, Value::String(s)) =
                    (key == "commence_time" || key == "last_update", &*v)
                    && let Ok(t) = DateTime::parse_from_rfc3339(s)
                {
                    let moved = t.with_timezone(&Utc) + shift;
                    *v = Value::String(moved.format("%Y-%m-%dT%H:%M:%SZ").to_string());
                } else {
                    shift_times(v, shift);
                }
            }
        }
        _ => {}
    }
}

impl FakeFeed {
    /// A feed of the bundled recordings accepting `api_key`, with `quota` requests, every
    /// timestamp moved by `shift`.
    pub fn recorded(api_key: &str, quota: u64, shift: chrono::Duration) -> FakeFeed {
        FakeFeed {
            api_key: api_key.into(),
            odds: RECORDINGS
                .iter()
                .map(|(s, o, _)| (s.to_string(), o.iter().map(|b| b.to_vec()).collect()))
                .collect(),
            scores: RECORDINGS
                .iter()
                .map(|(s, _, sc)| (s.to_string(), sc.to_vec()))
                .collect(),
            served: Mutex::new(HashMap::new()),
            script: Mutex::new(HashMap::new()),
            quota: Mutex::new(Quota {
                remaining: quota,
                used: 0,
            }),
            shift,
            cycle: false,
            log: Mutex::new(Vec::new()),
        }
    }

    /// Serves the odds snapshots round and round (1, 2, 1, 2...) instead of stopping at
    /// the last, so every collection changes prices.
    pub fn cycling(mut self) -> FakeFeed {
        self.cycle = true;
        self
    }

    /// Serves first, per sport, the answers of the completed games' captures (see
    /// [`closed_captures`]), then the recordings as before: a collector that polls once at
    /// each capture instant (shifted as the feed) sees those games before their kickoffs.
    pub fn with_closed_games(mut self) -> FakeFeed {
        for (sport, snapshots) in CLOSED {
            let odds = self.odds.entry(sport.to_string()).or_default();
            odds.splice(0..0, snapshots.iter().map(|b| b.to_vec()));
        }
        self
    }

    /// The shift every timestamp is moved by.
    pub fn shift(&self) -> chrono::Duration {
        self.shift
    }

    /// The shift that makes the recording look live now.
    pub fn live_shift(now: DateTime<Utc>) -> chrono::Duration {
        let recorded = DateTime::parse_from_rfc3339(RECORDED_AT)
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or(now);
        let minutes = (now - recorded).num_minutes();
        chrono::Duration::minutes(minutes)
    }

    /// Queues a scripted answer for `path` (e.g. "/v4/sports/soccer_epl/odds"), served
    /// before the recordings.
    pub fn push(&self, path: &str, reply: Reply) {
        self.script
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .entry(path.into())
            .or_default()
            .push_back(reply);
    }

    /// Replaces the odds snapshots of a sport.
    pub fn set_odds(&mut self, sport: &str, snapshots: Vec<Vec<u8>>) {
        self.odds.insert(sport.into(), snapshots);
    }

    /// Requests received, as "path?query" with the key replaced by `***`.
    pub fn requests(&self) -> Vec<String> {
        self.log.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Requests left on the fake quota.
    pub fn remaining(&self) -> u64 {
        self.quota
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remaining
    }

    /// The axum app.
    pub fn router(self: Arc<Self>) -> Router {
        Router::new()
            .route("/v4/sports/{sport}/{kind}", get(answer))
            .with_state(self)
    }

    /// Serves the feed on 127.0.0.1 (a free port); returns its base URL.
    pub async fn serve(self: Arc<Self>) -> std::io::Result<(String, tokio::task::JoinHandle<()>)> {
        let listener = tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0))).await?;
        let addr = listener.local_addr()?;
        let app = self.router();
        let handle = tokio::spawn(async move {
            if let Err(e) = axum::serve(listener, app).await {
                tracing::error!("replay feed stopped: {e}");
            }
        });
        Ok((format!("http://{addr}"), handle))
    }

    fn body(&self, sport: &str, kind: &str) -> Option<Vec<u8>> {
        let raw = if kind == "odds" {
            let snapshots = self.odds.get(sport)?;
            let mut served = self.served.lock().unwrap_or_else(|p| p.into_inner());
            let n = served.entry(sport.into()).or_insert(0);
            let i = if self.cycle {
                *n % snapshots.len().max(1)
            } else {
                (*n).min(snapshots.len().saturating_sub(1))
            };
            *n += 1;
            snapshots.get(i)?.clone()
        } else {
            self.scores.get(sport)?.clone()
        };
        if self.shift.is_zero() {
            return Some(raw);
        }
        match serde_json::from_slice::<Value>(&raw) {
            Ok(mut v) => {
                shift_times(&mut v, self.shift);
                serde_json::to_vec(&v).ok()
            }
            Err(_) => Some(raw),
        }
    }
}

fn quota_headers(headers: &mut HeaderMap, q: &Quota, last: u64) {
    for (name, v) in [
        ("x-requests-remaining", q.remaining),
        ("x-requests-used", q.used),
        ("x-requests-last", last),
    ] {
        if let Ok(value) = HeaderValue::from_str(&v.to_string()) {
            headers.insert(name, value);
        }
    }
}

fn reply(status: u16, body: Vec<u8>, headers: HeaderMap) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut r = (status, body).into_response();
    r.headers_mut().extend(headers);
    r.headers_mut().insert(
        axum::http::header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    r
}

async fn answer(
    State(feed): State<Arc<FakeFeed>>,
    Path((sport, kind)): Path<(String, String)>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let path = format!("/v4/sports/{sport}/{kind}");
    {
        let mut shown: Vec<String> = query
            .iter()
            .map(|(k, v)| {
                if k == "apiKey" {
                    format!("{k}=***")
                } else {
                    format!("{k}={v}")
                }
            })
            .collect();
        shown.sort();
        feed.log
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(format!("{path}?{}", shown.join("&")));
    }
    let scripted = feed
        .script
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .get_mut(&path)
        .and_then(VecDeque::pop_front);
    if let Some(r) = scripted {
        if !r.delay.is_zero() {
            tokio::time::sleep(r.delay).await;
        }
        let mut headers = HeaderMap::new();
        for (k, v) in &r.headers {
            if let (Ok(name), Ok(value)) = (
                axum::http::HeaderName::from_bytes(k.as_bytes()),
                HeaderValue::from_str(v),
            ) {
                headers.insert(name, value);
            }
        }
        return reply(r.status, r.body, headers);
    }
    if query.get("apiKey").map(String::as_str) != Some(feed.api_key.as_str()) {
        return reply(401, INVALID_KEY_BODY.to_vec(), HeaderMap::new());
    }
    let cost = if kind == "odds" {
        let markets = query
            .get("markets")
            .map_or(1, |m| m.split(',').filter(|s| !s.is_empty()).count().max(1));
        let regions = match (query.get("bookmakers"), query.get("regions")) {
            (Some(b), _) => b.split(',').count().div_ceil(10).max(1),
            (None, Some(r)) => r.split(',').count().max(1),
            (None, None) => 1,
        };
        (markets * regions) as u64
    } else if query.contains_key("daysFrom") {
        2
    } else {
        1
    };
    let mut headers = HeaderMap::new();
    {
        let mut q = feed.quota.lock().unwrap_or_else(|p| p.into_inner());
        if q.remaining < cost {
            quota_headers(&mut headers, &q, 0);
            return reply(401, OUT_OF_CREDITS_BODY.to_vec(), headers);
        }
        q.remaining -= cost;
        q.used += cost;
        quota_headers(&mut headers, &q, cost);
    }
    match (kind.as_str(), feed.body(&sport, &kind)) {
        ("odds" | "scores", Some(body)) => reply(200, body, headers),
        _ => reply(
            404,
            br#"{"message":"Unknown sport. Check the sport key.","error_code":"UNKNOWN_SPORT"}"#
                .to_vec(),
            headers,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn shifting_moves_only_timestamps() {
        let mut v = json!([{"id": "x", "commence_time": "2025-03-14T20:00:00Z",
            "bookmakers": [{"last_update": "2025-03-14T09:56:00Z", "title": "2025-03-14T09:56:00Z"}]}]);
        shift_times(&mut v, chrono::Duration::hours(2));
        assert_eq!(v[0]["commence_time"], "2025-03-14T22:00:00Z");
        assert_eq!(v[0]["bookmakers"][0]["last_update"], "2025-03-14T11:56:00Z");
        assert_eq!(v[0]["bookmakers"][0]["title"], "2025-03-14T09:56:00Z");
    }

    fn at(v: &Value) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(v.as_str().unwrap())
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn the_completed_games_are_captured_before_kickoff_until_their_last_hour() {
        let manifest: Value = serde_json::from_str(CLOSED_MANIFEST).unwrap();
        assert!(
            manifest["source"]
                .as_str()
                .unwrap()
                .contains("derive_closed.py")
        );
        let captures = closed_captures();
        assert_eq!(captures.len(), 6);
        assert!(captures.windows(2).all(|w| w[0] < w[1]));
        for (sport, snapshots) in CLOSED {
            let files = manifest["files"][sport].as_array().unwrap();
            assert_eq!(files.len(), captures.len(), "{sport}");
            let scores: Value =
                serde_json::from_slice(RECORDINGS.iter().find(|r| r.0 == sport).unwrap().2)
                    .unwrap();
            let completed: Vec<(&str, DateTime<Utc>)> = scores
                .as_array()
                .unwrap()
                .iter()
                .filter(|g| g["completed"] == true)
                .map(|g| (g["id"].as_str().unwrap(), at(&g["commence_time"])))
                .collect();
            assert!(!completed.is_empty());
            let mut seen: HashMap<&str, usize> = HashMap::new();
            let mut parsed = Vec::new();
            for (bytes, capture) in snapshots.iter().zip(&captures) {
                let events: Value = serde_json::from_slice(bytes).unwrap();
                // the collector's own parser takes every event
                let page = crate::odds_api::parse_odds(
                    bytes,
                    sport,
                    &[edgecore::Market::H2h, edgecore::Market::Totals],
                    *capture,
                )
                .unwrap();
                assert!(page.refused.is_empty(), "{sport}: {:?}", page.refused);
                assert_eq!(page.events.len(), events.as_array().unwrap().len());
                parsed.push(events);
            }
            for (events, capture) in parsed.iter().zip(&captures) {
                for e in events.as_array().unwrap() {
                    let id = e["id"].as_str().unwrap();
                    let kickoff = completed.iter().find(|c| c.0 == id).unwrap().1;
                    assert!(at(&e["commence_time"]) == kickoff && kickoff > *capture);
                    for b in e["bookmakers"].as_array().unwrap() {
                        assert!(at(&b["last_update"]) < *capture);
                    }
                    *seen.entry(id).or_default() += 1;
                }
            }
            for (id, kickoff) in &completed {
                // several captures per game, the last within the hour before kickoff
                assert!(seen.get(id).copied().unwrap_or(0) >= 3, "{sport} {id}");
                let last = captures.iter().filter(|c| *c < kickoff).max().unwrap();
                assert!(*kickoff - *last <= chrono::Duration::hours(1));
            }
        }
    }

    #[test]
    fn the_completed_games_are_served_first_then_the_recordings() {
        let feed = FakeFeed::recorded("k", 10, chrono::Duration::zero()).with_closed_games();
        let first = feed.body("soccer_epl", "odds").unwrap();
        assert_eq!(first, CLOSED[0].1[0]);
        for _ in 1..6 {
            feed.body("soccer_epl", "odds").unwrap();
        }
        assert_eq!(
            feed.body("soccer_epl", "odds").unwrap(),
            RECORDINGS[0].1[0],
            "the recordings come after the six captures"
        );
    }
}
