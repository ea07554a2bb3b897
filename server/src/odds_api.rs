//! Client of The Odds API v4: `/v4/sports/{sport}/odds` and `/v4/sports/{sport}/scores`.
//!
//! Requests ask for decimal odds and ISO dates. Every answer updates the [`Quota`] from the
//! `x-requests-remaining`, `x-requests-used` and `x-requests-last` headers, and no request is
//! sent that would leave fewer requests than the configured reserve. Faults are typed
//! ([`FetchError`]): a 401 (`INVALID_KEY`, `DEACTIVATED_KEY`, and `OUT_OF_USAGE_CREDITS`,
//! since the quota ends with a 401, not a 429) stops polling; a 429 waits (`Retry-After` or
//! backoff) and retries; 5xx answers and timeouts retry with a bounded exponential backoff.
//! Bodies are validated whole: one bad event, outcome or price and the whole body is refused
//! (and kept by the collector for diagnosis). The API key only travels in the query string
//! of the request and never appears in an error message.

use crate::config::{OddsApiConfig, Secret};
use chrono::{DateTime, Utc};
use edgecore::{Event, EventResult, Market, PriceSnapshot, Selection};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::str::FromStr;
use std::sync::Mutex;
use std::time::Duration;

/// Why a request gave no usable data.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FetchError {
    /// 401 with a key problem (`INVALID_KEY`, `DEACTIVATED_KEY`, `MISSING_KEY`).
    #[error("the odds API refused the API key ({code}); polling stops until the key is fixed")]
    InvalidKey {
        /// The API's `error_code`.
        code: String,
    },
    /// 401 `OUT_OF_USAGE_CREDITS`: the quota is used up.
    #[error("the odds API quota is used up (OUT_OF_USAGE_CREDITS); polling stops")]
    OutOfCredits,
    /// 429 on every attempt.
    #[error("the odds API rate-limited every one of {attempts} attempts")]
    RateLimited {
        /// Attempts made.
        attempts: u32,
    },
    /// 5xx on every attempt.
    #[error("the odds API answered HTTP {status} on every one of {attempts} attempts")]
    Server {
        /// Last status.
        status: u16,
        /// Attempts made.
        attempts: u32,
    },
    /// No answer in time on every attempt.
    #[error("the odds API did not answer in time on any of {attempts} attempts")]
    Timeout {
        /// Attempts made.
        attempts: u32,
    },
    /// Connection failure or an unexpected status.
    #[error("odds API request failed: {0}")]
    Transport(String),
    /// The body is not a valid, complete answer; it is refused whole.
    #[error("malformed odds API response: {reason}")]
    Malformed {
        /// What is wrong (first problem found).
        reason: String,
        /// HTTP status of the answer.
        status: u16,
        /// The raw body, kept for diagnosis.
        body: String,
    },
    /// Sending the request would leave fewer requests than the reserve.
    #[error(
        "quota reserve reached: {remaining} requests left, {cost} needed, {reserve} kept in reserve"
    )]
    QuotaReserve {
        /// Requests left.
        remaining: u64,
        /// Cost of the request.
        cost: u64,
        /// Configured reserve.
        reserve: u64,
    },
}

impl FetchError {
    /// The `kind` label of `edgecore_collection_errors_total`.
    pub fn kind(&self) -> &'static str {
        match self {
            FetchError::InvalidKey { .. } => "invalid_key",
            FetchError::OutOfCredits => "out_of_credits",
            FetchError::RateLimited { .. } => "rate_limited",
            FetchError::Server { .. } => "server_error",
            FetchError::Timeout { .. } => "timeout",
            FetchError::Transport(_) => "transport",
            FetchError::Malformed { .. } => "malformed",
            FetchError::QuotaReserve { .. } => "quota_reserve",
        }
    }

    /// Whether polling must stop (the key or the quota is dead: retrying wastes nothing
    /// but fills the logs, and the operator must act).
    pub fn stops_polling(&self) -> bool {
        matches!(
            self,
            FetchError::InvalidKey { .. } | FetchError::OutOfCredits
        )
    }
}

/// The quota as last reported by the API.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct QuotaState {
    /// `x-requests-remaining`.
    pub remaining: Option<u64>,
    /// `x-requests-used`.
    pub used: Option<u64>,
    /// `x-requests-last` (cost of the last request).
    pub last: Option<u64>,
}

/// The quota, shared by every request.
#[derive(Debug, Default)]
pub struct Quota(Mutex<QuotaState>);

impl Quota {
    /// The last reported state.
    pub fn state(&self) -> QuotaState {
        *self.0.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn update(&self, headers: &reqwest::header::HeaderMap) {
        let read = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse::<f64>().ok())
                .filter(|v| v.is_finite() && *v >= 0.0)
                .map(|v| v as u64)
        };
        let mut q = self.0.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(r) = read("x-requests-remaining") {
            q.remaining = Some(r);
        }
        if let Some(u) = read("x-requests-used") {
            q.used = Some(u);
        }
        if let Some(l) = read("x-requests-last") {
            q.last = Some(l);
        }
    }

    /// Refuses a request of `cost` that would leave fewer than `reserve` requests.
    pub fn check(&self, cost: u64, reserve: u64) -> Result<(), FetchError> {
        match self.state().remaining {
            Some(remaining) if remaining < cost.saturating_add(reserve) => {
                Err(FetchError::QuotaReserve {
                    remaining,
                    cost,
                    reserve,
                })
            }
            _ => Ok(()),
        }
    }
}

#[derive(Deserialize)]
struct ApiError {
    error_code: Option<String>,
}

/// Fields of the feed that are not read here; any other field is a field the API added
/// later, ignored and logged once.
type Others = std::collections::BTreeMap<String, serde::de::IgnoredAny>;

/// Fields the feed sends that this server does not need (never reported as unknown).
const KNOWN_UNUSED: [&str; 4] = ["sport_title", "title", "last_update", "description"];

#[derive(Deserialize)]
struct FeedOutcome {
    name: String,
    price: serde_json::Number,
    #[serde(default)]
    point: Option<serde_json::Number>,
    #[serde(flatten)]
    others: Others,
}

#[derive(Deserialize)]
struct FeedMarket {
    key: String,
    outcomes: Vec<FeedOutcome>,
    #[serde(flatten)]
    others: Others,
}

#[derive(Deserialize)]
struct FeedBookmaker {
    key: String,
    markets: Vec<FeedMarket>,
    #[serde(flatten)]
    others: Others,
}

#[derive(Deserialize)]
struct FeedEvent {
    id: String,
    sport_key: String,
    commence_time: DateTime<Utc>,
    home_team: String,
    away_team: String,
    bookmakers: Vec<FeedBookmaker>,
    #[serde(flatten)]
    others: Others,
}

#[derive(Deserialize)]
struct FeedScore {
    name: String,
    score: String,
}

#[derive(Deserialize)]
struct FeedScoreEvent {
    id: String,
    sport_key: String,
    commence_time: DateTime<Utc>,
    completed: bool,
    home_team: String,
    away_team: String,
    scores: Option<Vec<FeedScore>>,
    last_update: Option<DateTime<Utc>>,
}

/// A validated odds answer.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OddsPage {
    /// Events priced.
    pub events: Vec<Event>,
    /// Prices, captured at the collection instant.
    pub prices: Vec<PriceSnapshot>,
    /// Events refused alone (ambiguous or out of bounds), the others being kept.
    pub refused: Vec<RefusedEvent>,
    /// Fields of the answer this server does not know ("bookmaker.region"...), ignored.
    pub unknown_fields: std::collections::BTreeSet<String>,
}

/// An event of an odds answer refused alone, with the reason and its JSON.
#[derive(Debug, Clone, PartialEq)]
pub struct RefusedEvent {
    /// Why (names the event).
    pub reason: String,
    /// The event as received.
    pub body: String,
}

/// Bounds of an odds answer: what one event may hold.
const MAX_ID_BYTES: usize = 128;
const MAX_NAME_BYTES: usize = 200;
const MAX_BOOKMAKERS: usize = 100;
const MAX_MARKETS: usize = 50;
const MAX_OUTCOMES: usize = 50;

/// A completed game from the scores feed.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreLine {
    /// The event.
    pub event: Event,
    /// Its final result, once completed with both scores.
    pub result: Option<EventResult>,
    /// When the feed last updated it.
    pub updated_at: Option<DateTime<Utc>>,
}

fn exact(n: &serde_json::Number, what: &str) -> Result<Decimal, String> {
    let text = n.to_string();
    Decimal::from_str(&text)
        .or_else(|_| Decimal::from_scientific(&text))
        .map(|d| d.normalize())
        .map_err(|_| format!("{what} {text} is not an exact decimal"))
}

fn nonempty<'a>(what: &str, s: &'a str) -> Result<&'a str, String> {
    let t = s.trim();
    if t.is_empty() {
        Err(format!("{what} is empty"))
    } else {
        Ok(t)
    }
}

/// A name of the feed (team, id, key): trimmed, not empty, at most `max` bytes, without
/// control characters.
fn name<'a>(what: &str, s: &'a str, max: usize) -> Result<&'a str, String> {
    let t = nonempty(what, s)?;
    if t.len() > max {
        return Err(format!("{what} is longer than {max} bytes"));
    }
    if t.chars().any(char::is_control) {
        return Err(format!("{what} holds control characters"));
    }
    Ok(t)
}

fn note_unknown(unknown: &mut std::collections::BTreeSet<String>, level: &str, others: &Others) {
    for k in others.keys() {
        if !KNOWN_UNUSED.contains(&k.as_str()) {
            unknown.insert(format!(
                "{level}.{}",
                k.chars().take(64).collect::<String>()
            ));
        }
    }
}

/// Checks one event of an odds answer and reads its prices; an error refuses this event
/// only.
fn read_event(
    ev: &FeedEvent,
    sport: &str,
    wanted: &[Market],
    captured_at: DateTime<Utc>,
) -> Result<(Event, Vec<PriceSnapshot>), String> {
    let id = name("event id", &ev.id, MAX_ID_BYTES)?.to_string();
    let home = name("home_team", &ev.home_team, MAX_NAME_BYTES)?.to_string();
    let away = name("away_team", &ev.away_team, MAX_NAME_BYTES)?.to_string();
    if home.eq_ignore_ascii_case(&away) {
        return Err(format!("home and away are the same team ({home:?})"));
    }
    if let Some(team) = [&home, &away].into_iter().find(|t| {
        ["draw", "over", "under"]
            .iter()
            .any(|w| t.eq_ignore_ascii_case(w))
    }) {
        return Err(format!(
            "a team named {team:?} cannot be told from an outcome"
        ));
    }
    if !crate::betting::YEARS.contains(&chrono::Datelike::year(&ev.commence_time)) {
        return Err(format!(
            "kickoff {} is outside the years 1900 to 2200",
            ev.commence_time.to_rfc3339()
        ));
    }
    if ev.bookmakers.len() > MAX_BOOKMAKERS {
        return Err(format!("more than {MAX_BOOKMAKERS} bookmakers"));
    }
    let mut prices = Vec::new();
    let mut seen_books = std::collections::HashSet::new();
    for book in &ev.bookmakers {
        let bookmaker = name("bookmaker key", &book.key, 64)?;
        if !seen_books.insert(bookmaker) {
            return Err(format!("bookmaker {bookmaker} appears twice"));
        }
        if book.markets.len() > MAX_MARKETS {
            return Err(format!("{bookmaker}: more than {MAX_MARKETS} markets"));
        }
        for m in &book.markets {
            let Ok(market) = Market::from_str(&m.key) else {
                continue;
            };
            if !wanted.contains(&market) {
                continue;
            }
            let at = format!("{bookmaker}/{}", m.key);
            if m.outcomes.is_empty() || m.outcomes.len() > MAX_OUTCOMES {
                return Err(format!("{at}: 1 to {MAX_OUTCOMES} outcomes expected"));
            }
            let mut seen = std::collections::HashSet::new();
            for o in &m.outcomes {
                let selection = match (market, o.name.trim()) {
                    (Market::Totals, n) if n.eq_ignore_ascii_case("over") => Selection::Over,
                    (Market::Totals, n) if n.eq_ignore_ascii_case("under") => Selection::Under,
                    (_, n) if n == home => Selection::Home,
                    (_, n) if n == away => Selection::Away,
                    (Market::H2h, n) if n.eq_ignore_ascii_case("draw") => Selection::Draw,
                    (_, n) => {
                        let n: String = n.chars().take(64).collect();
                        return Err(format!("{at}: unknown outcome {n:?}"));
                    }
                };
                let price = crate::betting::usable_price(exact(&o.price, "price")?)
                    .map_err(|e| format!("{at}: price {e}"))?;
                let line = if market.has_line() {
                    o.point.as_ref().map(|p| exact(p, "point")).transpose()?
                } else {
                    None
                };
                market
                    .check(selection, line)
                    .map_err(|e| format!("{at}: {e}"))?;
                if !seen.insert((selection, line)) {
                    return Err(format!("{at}: outcome {:?} appears twice", o.name.trim()));
                }
                prices.push(PriceSnapshot {
                    captured_at,
                    event_id: id.clone(),
                    bookmaker: bookmaker.to_string(),
                    market,
                    line,
                    selection,
                    price,
                });
            }
        }
    }
    Ok((
        Event {
            id,
            league: sport.to_string(),
            home,
            away,
            kickoff: ev.commence_time,
        },
        prices,
    ))
}

/// Parses and validates an odds body for `sport`, keeping the `wanted` markets (others,
/// such as exchanges' `h2h_lay`, are skipped).
///
/// A body that is not a JSON array of events of the right shape and types, or an event of
/// another sport, refuses the whole body. An event that is ambiguous or out of bounds is
/// refused alone, with its reason, in [`OddsPage::refused`]: an id that appears twice
/// (every occurrence), home equal to away, a team named like an outcome (Draw, Over,
/// Under), an outcome or a bookmaker that appears twice, an unknown outcome, a price the
/// core cannot use, ids longer than 128 bytes or names longer than 200, more than 100
/// bookmakers, 50 markets or 50 outcomes, a kickoff outside the years 1900 to 2200. Fields
/// the server does not know are ignored and listed in [`OddsPage::unknown_fields`].
pub fn parse_odds(
    body: &[u8],
    sport: &str,
    wanted: &[Market],
    captured_at: DateTime<Utc>,
) -> Result<OddsPage, String> {
    let raw: Vec<&serde_json::value::RawValue> =
        serde_json::from_slice(body).map_err(|e| format!("invalid JSON: {e}"))?;
    let mut feed = Vec::with_capacity(raw.len());
    for (i, r) in raw.iter().enumerate() {
        let ev: FeedEvent = serde_json::from_str(r.get()).map_err(|e| format!("event {i}: {e}"))?;
        if ev.sport_key != sport {
            let id: String = ev.id.chars().take(64).collect();
            let other: String = ev.sport_key.chars().take(64).collect();
            return Err(format!("event {id} belongs to {other} instead of {sport}"));
        }
        feed.push(ev);
    }
    let mut ids = std::collections::HashMap::new();
    for ev in &feed {
        *ids.entry(ev.id.trim()).or_insert(0u32) += 1;
    }
    let mut page = OddsPage::default();
    for (ev, r) in feed.iter().zip(&raw) {
        note_unknown(&mut page.unknown_fields, "event", &ev.others);
        for b in &ev.bookmakers {
            note_unknown(&mut page.unknown_fields, "bookmaker", &b.others);
            for m in &b.markets {
                note_unknown(&mut page.unknown_fields, "market", &m.others);
                for o in &m.outcomes {
                    note_unknown(&mut page.unknown_fields, "outcome", &o.others);
                }
            }
        }
        let read = if ids.get(ev.id.trim()).copied().unwrap_or(0) > 1 {
            Err("the event id appears more than once in the answer".to_string())
        } else {
            read_event(ev, sport, wanted, captured_at)
        };
        match read {
            Ok((event, prices)) => {
                page.events.push(event);
                page.prices.extend(prices);
            }
            Err(reason) => {
                let id: String = ev.id.trim().chars().take(MAX_ID_BYTES).collect();
                page.refused.push(RefusedEvent {
                    reason: format!("event {id:?}: {reason}"),
                    body: r.get().to_string(),
                });
            }
        }
    }
    Ok(page)
}

/// Parses and validates a scores body for `sport`. Scores are strings in the feed; a
/// completed game must carry both teams' integer scores.
pub fn parse_scores(body: &[u8], sport: &str) -> Result<Vec<ScoreLine>, String> {
    let feed: Vec<FeedScoreEvent> =
        serde_json::from_slice(body).map_err(|e| format!("invalid JSON: {e}"))?;
    feed.into_iter()
        .map(|ev| {
            if ev.sport_key != sport {
                return Err(format!(
                    "event {} belongs to {} instead of {sport}",
                    ev.id, ev.sport_key
                ));
            }
            let event = Event {
                id: nonempty("event id", &ev.id)?.to_string(),
                league: ev.sport_key.clone(),
                home: nonempty("home_team", &ev.home_team)?.to_string(),
                away: nonempty("away_team", &ev.away_team)?.to_string(),
                kickoff: ev.commence_time,
            };
            let result = if ev.completed {
                let scores = ev
                    .scores
                    .as_ref()
                    .ok_or_else(|| format!("{}: completed without scores", event.id))?;
                let of = |team: &str| -> Result<u32, String> {
                    let s = scores
                        .iter()
                        .find(|s| s.name == team)
                        .ok_or_else(|| format!("{}: no score for {team}", event.id))?;
                    s.score.trim().parse::<u32>().map_err(|_| {
                        format!(
                            "{}: score {:?} of {team} is not an integer",
                            event.id, s.score
                        )
                    })
                };
                Some(EventResult::Final {
                    home: of(&event.home)?,
                    away: of(&event.away)?,
                })
            } else {
                None
            };
            Ok(ScoreLine {
                event,
                result,
                updated_at: ev.last_update,
            })
        })
        .collect()
}

/// Bytes of a too large answer kept for diagnosis.
const KEPT_OF_LARGE: usize = 64 * 1024;

/// Reads an answer's body up to `max` bytes; a larger one (by its `Content-Length` or as
/// it arrives) stops the reading and gives its first bytes as `Err`.
async fn read_capped(
    mut response: reqwest::Response,
    max: usize,
) -> Result<Result<Vec<u8>, Vec<u8>>, reqwest::Error> {
    if response.content_length().is_some_and(|n| n > max as u64) {
        return Ok(Err(Vec::new()));
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await? {
        if body.len() + chunk.len() > max {
            body.extend_from_slice(
                &chunk[..KEPT_OF_LARGE.saturating_sub(body.len()).min(chunk.len())],
            );
            body.truncate(KEPT_OF_LARGE);
            return Ok(Err(body));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(Ok(body))
}

/// The HTTP client of the odds API.
pub struct OddsApi {
    http: reqwest::Client,
    base_url: String,
    key: Secret,
    config: OddsApiConfig,
    /// The quota as last reported.
    pub quota: Quota,
}

/// A successful raw answer.
#[derive(Debug, Clone)]
pub struct RawAnswer {
    /// HTTP status.
    pub status: u16,
    /// Body bytes.
    pub body: Vec<u8>,
}

impl OddsApi {
    /// A client for `base_url` (the configuration's, or a local replay's) with `key`.
    pub fn new(config: &OddsApiConfig, base_url: &str, key: Secret) -> Result<OddsApi, String> {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(config.timeout_seconds))
            .connect_timeout(Duration::from_secs(config.timeout_seconds.min(10)))
            .user_agent(concat!("edgecore-server/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| format!("cannot build the HTTP client: {}", e.without_url()))?;
        Ok(OddsApi {
            http,
            base_url: base_url.trim_end_matches('/').to_string(),
            key,
            config: config.clone(),
            quota: Quota::default(),
        })
    }

    fn backoff(&self, attempt: u32) -> Duration {
        let ms = self
            .config
            .backoff_ms
            .saturating_mul(1u64 << attempt.min(16))
            .min(30_000);
        Duration::from_millis(ms)
    }

    /// GETs `path` with `query` (the key is added), costing `cost` requests of the quota.
    pub async fn get(
        &self,
        path: &str,
        query: &[(&str, String)],
        cost: u64,
    ) -> Result<RawAnswer, FetchError> {
        let url = format!("{}{}", self.base_url, path);
        let attempts = self.config.max_retries + 1;
        let mut last = FetchError::Transport("no attempt made".into());
        // The server's Retry-After of the last 429, honoured before the next attempt.
        let mut retry_after = Duration::ZERO;
        for attempt in 0..attempts {
            self.quota.check(cost, self.config.quota_reserve)?;
            if attempt > 0 {
                let wait = retry_after.max(self.backoff(attempt - 1));
                tokio::time::sleep(wait.min(Duration::from_secs(60))).await;
            }
            let sent = self
                .http
                .get(&url)
                .query(&[("apiKey", self.key.expose())])
                .query(query)
                .send()
                .await;
            let response = match sent {
                Ok(r) => r,
                Err(e) if e.is_timeout() => {
                    last = FetchError::Timeout {
                        attempts: attempt + 1,
                    };
                    continue;
                }
                Err(e) => {
                    last = FetchError::Transport(e.without_url().to_string());
                    continue;
                }
            };
            self.quota.update(response.headers());
            let status = response.status().as_u16();
            retry_after = Duration::from_secs(
                response
                    .headers()
                    .get("retry-after")
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.trim().parse::<u64>().ok())
                    .unwrap_or(0)
                    .min(60),
            );
            let body = match read_capped(response, self.config.max_body_bytes).await {
                Ok(Ok(b)) => b,
                Ok(Err(partial)) => {
                    return Err(FetchError::Malformed {
                        reason: format!(
                            "the answer is larger than {} bytes (odds_api.max_body_bytes)",
                            self.config.max_body_bytes
                        ),
                        status,
                        body: String::from_utf8_lossy(&partial).into_owned(),
                    });
                }
                Err(e) if e.is_timeout() => {
                    last = FetchError::Timeout {
                        attempts: attempt + 1,
                    };
                    continue;
                }
                Err(e) => {
                    last = FetchError::Transport(e.without_url().to_string());
                    continue;
                }
            };
            match status {
                200 => return Ok(RawAnswer { status, body }),
                401 | 403 => {
                    let code = serde_json::from_slice::<ApiError>(&body)
                        .ok()
                        .and_then(|e| e.error_code)
                        .unwrap_or_else(|| format!("HTTP {status}"));
                    return Err(if code == "OUT_OF_USAGE_CREDITS" {
                        FetchError::OutOfCredits
                    } else {
                        FetchError::InvalidKey { code }
                    });
                }
                429 => {
                    last = FetchError::RateLimited {
                        attempts: attempt + 1,
                    };
                }
                500..=599 => {
                    last = FetchError::Server {
                        status,
                        attempts: attempt + 1,
                    };
                }
                _ => {
                    return Err(FetchError::Malformed {
                        reason: format!("unexpected HTTP status {status}"),
                        status,
                        body: String::from_utf8_lossy(&body).into_owned(),
                    });
                }
            }
        }
        Err(match last {
            FetchError::RateLimited { .. } => FetchError::RateLimited { attempts },
            FetchError::Server { status, .. } => FetchError::Server { status, attempts },
            FetchError::Timeout { .. } => FetchError::Timeout { attempts },
            other => other,
        })
    }

    /// The request path of a sport's odds.
    pub fn odds_path(sport: &str) -> String {
        format!("/v4/sports/{sport}/odds")
    }

    /// The request path of a sport's scores.
    pub fn scores_path(sport: &str) -> String {
        format!("/v4/sports/{sport}/scores")
    }

    /// Fetches and validates a sport's odds.
    pub async fn odds(
        &self,
        sport: &str,
        captured_at: DateTime<Utc>,
    ) -> Result<OddsPage, FetchError> {
        let markets: Vec<&str> = self.config.markets.iter().map(|m| m.as_str()).collect();
        let mut query = vec![
            ("markets", markets.join(",")),
            ("oddsFormat", "decimal".to_string()),
            ("dateFormat", "iso".to_string()),
        ];
        if self.config.bookmakers.is_empty() {
            query.push(("regions", self.config.regions.join(",")));
        } else {
            query.push(("bookmakers", self.config.bookmakers.join(",")));
        }
        let raw = self
            .get(
                &Self::odds_path(sport),
                &query,
                self.config.odds_call_cost(),
            )
            .await?;
        parse_odds(&raw.body, sport, &self.config.markets, captured_at).map_err(|reason| {
            FetchError::Malformed {
                reason,
                status: raw.status,
                body: String::from_utf8_lossy(&raw.body).into_owned(),
            }
        })
    }

    /// Fetches and validates a sport's scores of the last `scores_days_from` days.
    pub async fn scores(&self, sport: &str) -> Result<Vec<ScoreLine>, FetchError> {
        let query = [
            ("daysFrom", self.config.scores_days_from.to_string()),
            ("dateFormat", "iso".to_string()),
        ];
        let raw = self.get(&Self::scores_path(sport), &query, 2).await?;
        parse_scores(&raw.body, sport).map_err(|reason| FetchError::Malformed {
            reason,
            status: raw.status,
            body: String::from_utf8_lossy(&raw.body).into_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EPL: &[u8] = include_bytes!("../tests/fixtures/odds_soccer_epl_1.json");

    #[test]
    fn recorded_odds_parse() {
        let at = Utc::now();
        let page = parse_odds(EPL, "soccer_epl", &[Market::H2h, Market::Totals], at).unwrap();
        assert_eq!(page.events.len(), 8);
        assert!(page.prices.iter().all(|p| p.price > Decimal::ONE));
        assert!(page.prices.iter().any(|p| p.market == Market::Totals
            && p.line == Some(Decimal::new(25, 1))
            && p.bookmaker == "pinnacle"));
        // Exchanges' lay prices are not a requested market.
        assert!(!page.prices.is_empty());
        let h2h_only = parse_odds(EPL, "soccer_epl", &[Market::H2h], at).unwrap();
        assert!(h2h_only.prices.iter().all(|p| p.market == Market::H2h));
    }

    #[test]
    fn bad_bodies_are_refused_whole() {
        let at = Utc::now();
        let m = [Market::H2h, Market::Totals];
        let truncated = include_bytes!("../tests/fixtures/odds_malformed_truncated.json");
        assert!(parse_odds(truncated, "soccer_epl", &m, at).is_err());
        let partial = include_bytes!("../tests/fixtures/odds_partial_missing_price.json");
        assert!(
            parse_odds(partial, "soccer_epl", &m, at)
                .unwrap_err()
                .contains("price")
        );
        assert!(parse_odds(EPL, "soccer_spain_la_liga", &m, at).is_err());
        let event = |home: &str, away: &str, outcomes: &str| {
            format!(
                r#"{{"id":"e","sport_key":"s","commence_time":"2025-01-01T00:00:00Z","home_team":"{home}","away_team":"{away}","bookmakers":[{{"key":"k","title":"K","last_update":"2025-01-01T00:00:00Z","markets":[{{"key":"h2h","outcomes":[{outcomes}]}}]}}]}}"#
            )
        };
        let refused = |body: String| {
            let page = parse_odds(body.as_bytes(), "s", &m, at).unwrap();
            assert!(page.events.is_empty(), "{body}");
            page.refused[0].reason.clone()
        };
        let one =
            |home: &str, away: &str, outcomes: &str| format!("[{}]", event(home, away, outcomes));
        assert!(refused(one("A", "B", r#"{"name":"A","price":0.5}"#)).contains("price"));
        assert!(
            refused(one("A", "B", r#"{"name":"A","price":1.00000000000000001}"#)).contains("price")
        );
        assert!(refused(one("A", "B", r#"{"name":"C","price":2.5}"#)).contains("unknown outcome"));
        assert!(
            refused(one(
                "A",
                "B",
                r#"{"name":"A","price":2.5},{"name":"A","price":2.6}"#
            ))
            .contains("twice")
        );
        assert!(refused(one("A", "a", r#"{"name":"A","price":2.5}"#)).contains("same team"));
        assert!(refused(one("Draw", "B", r#"{"name":"B","price":2.5}"#)).contains("Draw"));
        assert!(
            refused(one(&"A".repeat(300), "B", r#"{"name":"B","price":2.5}"#)).contains("longer")
        );
        let year_1 = one("A", "B", r#"{"name":"A","price":2.5}"#).replace(
            "2025-01-01T00:00:00Z\",\"home",
            "0001-01-01T00:00:00Z\",\"home",
        );
        assert!(refused(year_1).contains("1900"));
        let twice = format!(
            "[{},{}]",
            event("A", "B", r#"{"name":"A","price":2.5}"#),
            event("C", "D", r#"{"name":"C","price":2.5}"#)
        );
        let page = parse_odds(twice.as_bytes(), "s", &m, at).unwrap();
        assert_eq!((page.events.len(), page.refused.len()), (0, 2));
        // Unknown fields are ignored and listed; a wrong type still refuses the body.
        let extra = one("A", "B", r#"{"name":"A","price":2.5,"link":"x"}"#)
            .replace(r#""key":"k","#, r#""key":"k","region":"eu","#);
        let page = parse_odds(extra.as_bytes(), "s", &m, at).unwrap();
        assert_eq!(page.events.len(), 1);
        assert_eq!(
            page.unknown_fields.iter().collect::<Vec<_>>(),
            ["bookmaker.region", "outcome.link"]
        );
        let wrong_type = one("A", "B", r#"{"name":"A","price":"high"}"#);
        assert!(parse_odds(wrong_type.as_bytes(), "s", &m, at).is_err());
        let no_line = br#"[{"id":"e","sport_key":"s","commence_time":"2025-01-01T00:00:00Z","home_team":"A","away_team":"B","bookmakers":[{"key":"k","title":"K","last_update":"2025-01-01T00:00:00Z","markets":[{"key":"totals","outcomes":[{"name":"Over","price":2.5}]}]}]}]"#;
        assert_eq!(parse_odds(no_line, "s", &m, at).unwrap().refused.len(), 1);
    }

    #[test]
    fn recorded_scores_parse() {
        let body = include_bytes!("../tests/fixtures/scores_soccer_epl.json");
        let lines = parse_scores(body, "soccer_epl").unwrap();
        let done: Vec<_> = lines.iter().filter(|l| l.result.is_some()).collect();
        assert_eq!(done.len(), 3);
        assert_eq!(
            done[0].result,
            Some(EventResult::Final { home: 2, away: 2 })
        );
        let bad = br#"[{"id":"e","sport_key":"s","commence_time":"2025-01-01T00:00:00Z","completed":true,"home_team":"A","away_team":"B","scores":[{"name":"A","score":"two"},{"name":"B","score":"1"}],"last_update":null}]"#;
        assert!(parse_scores(bad, "s").unwrap_err().contains("integer"));
    }

    #[test]
    fn quota_reserve() {
        let q = Quota::default();
        assert!(q.check(2, 20).is_ok());
        let mut h = reqwest::header::HeaderMap::new();
        h.insert("x-requests-remaining", "21".parse().unwrap());
        h.insert("x-requests-used", "479".parse().unwrap());
        h.insert("x-requests-last", "2".parse().unwrap());
        q.update(&h);
        assert_eq!(
            q.state(),
            QuotaState {
                remaining: Some(21),
                used: Some(479),
                last: Some(2)
            }
        );
        assert!(q.check(1, 20).is_ok());
        assert_eq!(q.check(2, 20).unwrap_err().kind(), "quota_reserve");
    }
}
