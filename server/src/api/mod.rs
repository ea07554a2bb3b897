//! The JSON API: routes per resource, one guard for tokens, roles, rate limits and metrics,
//! and one error shape.
//!
//! Every error is JSON: `{"error": kind, "message": ...}`, plus `field` and `reason` for a
//! refused input (422). Roles: `viewer` reads, `user` also writes bets, `admin` also reads
//! the configuration and triggers collections and backups. `/health`, `/metrics` and
//! `/openapi.json` are open; other reads need a token unless `auth.public_reads` is on.

mod admin;
mod agents;
mod bets;
mod health;
mod odds;
pub mod openapi;
mod picks;
mod stats;

use crate::auth::Denied;
use crate::betting::{BettingError, Invalid};
use crate::config::Role;
use crate::state::AppState;
use crate::storage::StorageError;
use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::{Value, json};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// An API error, rendered as JSON with its status.
#[derive(Debug)]
pub enum ApiError {
    /// 422 with the field and the reason.
    Invalid(Invalid),
    /// 404.
    NotFound(String),
    /// 401.
    Unauthenticated(String),
    /// 403.
    Forbidden(String),
    /// 429 with the seconds to wait.
    RateLimited(u64),
    /// 503: the database or the feed is unavailable.
    Unavailable(String),
    /// 409: the operation conflicts with the current state.
    Conflict(String),
    /// Any other refusal before a handler: the status, the error kind and the message
    /// (400 bad request, 405, 408, 413, 414).
    Refused(StatusCode, &'static str, String),
}

impl From<Invalid> for ApiError {
    fn from(e: Invalid) -> ApiError {
        ApiError::Invalid(e)
    }
}

impl From<StorageError> for ApiError {
    fn from(e: StorageError) -> ApiError {
        tracing::error!("storage error: {e}");
        ApiError::Unavailable("the database is unavailable; nothing was written".into())
    }
}

impl From<BettingError> for ApiError {
    fn from(e: BettingError) -> ApiError {
        match e {
            BettingError::Invalid(i) => ApiError::Invalid(i),
            BettingError::NotFound(id) => ApiError::NotFound(format!("no bet with id {id:?}")),
            BettingError::Storage(s) => s.into(),
        }
    }
}

impl From<Denied> for ApiError {
    fn from(d: Denied) -> ApiError {
        match d {
            Denied::Unauthenticated(m) => ApiError::Unauthenticated(m.into()),
            Denied::Forbidden { needed } => {
                ApiError::Forbidden(format!("this route needs the {} role", needed.as_str()))
            }
            Denied::RateLimited { retry_after } => ApiError::RateLimited(retry_after),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, body) = match self {
            ApiError::Invalid(i) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                json!({"error": "invalid_input", "message": i.to_string(),
                       "field": i.field, "reason": i.reason}),
            ),
            ApiError::NotFound(m) => (
                StatusCode::NOT_FOUND,
                json!({"error": "not_found", "message": m}),
            ),
            ApiError::Unauthenticated(m) => (
                StatusCode::UNAUTHORIZED,
                json!({"error": "unauthorized", "message": m}),
            ),
            ApiError::Forbidden(m) => (
                StatusCode::FORBIDDEN,
                json!({"error": "forbidden", "message": m}),
            ),
            ApiError::RateLimited(secs) => {
                let mut r = (
                    StatusCode::TOO_MANY_REQUESTS,
                    axum::Json(json!({"error": "rate_limited",
                        "message": format!("too many requests; retry in {secs} s")})),
                )
                    .into_response();
                if let Ok(v) = HeaderValue::from_str(&secs.to_string()) {
                    r.headers_mut().insert(header::RETRY_AFTER, v);
                }
                return r;
            }
            ApiError::Unavailable(m) => (
                StatusCode::SERVICE_UNAVAILABLE,
                json!({"error": "unavailable", "message": m}),
            ),
            ApiError::Conflict(m) => (
                StatusCode::CONFLICT,
                json!({"error": "conflict", "message": m}),
            ),
            ApiError::Refused(status, kind, m) => (status, json!({"error": kind, "message": m})),
        };
        let mut r = (status, axum::Json(body)).into_response();
        if status == StatusCode::UNAUTHORIZED {
            r.headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        r
    }
}

/// Result of a handler.
pub type ApiResult<T> = Result<T, ApiError>;

/// Refuses input on a route that takes none (`POST /bets/settle`, `/clv/calculate`,
/// `/admin/*`): a query parameter, or a body other than nothing or `{}`, is a 422, as on
/// the other routes.
pub fn no_input(query: Option<&str>, body: &Bytes) -> ApiResult<()> {
    if let Some(name) = query
        .filter(|q| !q.is_empty())
        .map(|q| q.split(['=', '&']).next().unwrap_or(q))
    {
        return Err(
            crate::betting::invalid(name, "unknown parameter (this route takes none)").into(),
        );
    }
    let text = String::from_utf8_lossy(body);
    let empty_object =
        serde_json::from_str::<serde_json::Map<String, Value>>(&text).is_ok_and(|m| m.is_empty());
    if !text.trim().is_empty() && !empty_object {
        return Err(crate::betting::invalid("body", "this route takes no body (or {})").into());
    }
    Ok(())
}

/// Rows of a paged list (`GET /bets`, `GET /odds/matches`) when no `limit` is given, and
/// the most a `limit` may ask.
pub const DEFAULT_PAGE: u32 = 1_000;
/// See [`DEFAULT_PAGE`].
pub const MAX_PAGE: u32 = 10_000;

/// The header carrying the cursor of the next page of a list, present only when more rows
/// may follow.
pub const NEXT_CURSOR: &str = "x-next-cursor";

/// An opaque cursor for the row with sort key (`at` Unix milliseconds, `id`).
pub fn encode_cursor(at: i64, id: &str) -> String {
    hex::encode(format!("{at}:{id}"))
}

/// Reads and removes `cursor` and `limit` from the query parameters.
pub fn page_of(
    params: &mut std::collections::HashMap<String, String>,
) -> Result<crate::storage::Page, Invalid> {
    let limit = match params.remove("limit") {
        None => DEFAULT_PAGE,
        Some(v) => v
            .parse::<u32>()
            .ok()
            .filter(|l| (1..=MAX_PAGE).contains(l))
            .ok_or_else(|| {
                crate::betting::invalid("limit", format!("must be an integer in 1..={MAX_PAGE}"))
            })?,
    };
    let after = params
        .remove("cursor")
        .map(|c| {
            hex::decode(c.trim())
                .ok()
                .and_then(|b| String::from_utf8(b).ok())
                .and_then(|t| {
                    let (at, id) = t.split_once(':')?;
                    Some((at.parse::<i64>().ok()?, id.to_string()))
                })
                .ok_or_else(|| {
                    crate::betting::invalid("cursor", "is not a cursor this server gave")
                })
        })
        .transpose()?;
    Ok(crate::storage::Page { after, limit })
}

/// A JSON array answer, with the cursor of the next page in [`NEXT_CURSOR`] when given.
pub fn paged<T: serde::Serialize>(items: Vec<T>, next: Option<String>) -> Response {
    let mut r = axum::Json(items).into_response();
    if let Some(v) = next.and_then(|c| HeaderValue::from_str(&c).ok()) {
        r.headers_mut().insert(NEXT_CURSOR, v);
    }
    r
}

/// A ready JSON response from bytes already serialised (cached answers).
pub fn raw_json(bytes: Bytes) -> Response {
    let mut r = bytes.into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    r
}

/// Every route of the API, as matched route templates: the only `route` label values of
/// the HTTP metrics besides `unmatched`.
pub const ROUTES: [&str; 17] = [
    "/health",
    "/health/details",
    "/metrics",
    "/openapi.json",
    "/odds",
    "/odds/matches",
    "/opportunities",
    "/opportunities/history",
    "/agents/compare",
    "/bets",
    "/bets/settle",
    "/bets/{id}",
    "/clv/calculate",
    "/stats",
    "/admin/config",
    "/admin/collect",
    "/admin/backup",
];

/// The role a route needs (`None`: open to everyone). `/metrics` is open, but shows the
/// money gauges only to a caller with a token (see `health::metrics`).
pub fn required_role(method: &Method, route: &str) -> Option<Role> {
    match (method.as_str(), route) {
        (_, "/health" | "/metrics" | "/openapi.json") => None,
        (_, "/health/details") => Some(Role::Metrics),
        (_, r) if r.starts_with("/admin") => Some(Role::Admin),
        ("GET" | "HEAD", _) => Some(Role::Viewer),
        _ => Some(Role::User),
    }
}

/// The route template a request matched, left in the response for the metrics.
#[derive(Debug, Clone, Copy)]
struct RouteLabel(&'static str);

/// The caller identified by `guard`, left in the request for handlers that show more to
/// a caller with a token (`/metrics`).
#[derive(Debug, Clone)]
pub struct Identified(pub crate::auth::Caller);

/// Checks the token, the role and the rate limit (anonymous callers per client address).
async fn guard(State(state): State<Arc<AppState>>, mut request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .and_then(|m| ROUTES.iter().find(|r| **r == m.as_str()))
        .copied()
        .unwrap_or("unmatched");
    let needed = required_role(request.method(), route);
    let header = request
        .headers()
        .get(header::AUTHORIZATION)
        .map(|v| v.to_str().unwrap_or("\u{fffd}"));
    let client = crate::http::client_address(&request).map(|a| a.ip());
    let identified = state.auth.identify(header, client);
    let checked = identified.clone().and_then(|caller| {
        if needed.is_some() {
            state.auth.authorize(&caller, needed)?;
            state.auth.take(&caller)?;
        }
        Ok(caller)
    });
    let mut response = match checked {
        Ok(caller) => {
            request.extensions_mut().insert(Identified(caller));
            next.run(request).await
        }
        // An open route answers an anonymous caller even with a bad token.
        Err(Denied::Unauthenticated(_)) if needed.is_none() => next.run(request).await,
        Err(e) => {
            // A token that does not authenticate is logged (never the token itself).
            if let (Denied::Unauthenticated(reason), Some(_)) = (&e, header) {
                let who = client.map_or_else(|| "an unknown address".into(), |ip| ip.to_string());
                tracing::warn!("authentication failed from {who} on {route}: {reason}");
            }
            ApiError::from(e).into_response()
        }
    };
    response.extensions_mut().insert(RouteLabel(route));
    response
}

/// Longest request target accepted (path and query), in bytes.
const MAX_URI_BYTES: usize = 8 * 1024;

/// Reads the body under the configured time and size limits.
async fn read_body(body: Body, limit: usize, timeout: Duration) -> Result<Bytes, ApiError> {
    match tokio::time::timeout(timeout, axum::body::to_bytes(body, limit)).await {
        Err(_) => Err(ApiError::Refused(
            StatusCode::REQUEST_TIMEOUT,
            "request_timeout",
            format!("the body did not arrive within {} s", timeout.as_secs()),
        )),
        Ok(Err(e)) => {
            let too_large =
                std::iter::successors(Some(&e as &(dyn std::error::Error + 'static)), |e| {
                    e.source()
                })
                .any(|e| e.is::<http_body_util::LengthLimitError>());
            Err(if too_large {
                ApiError::Refused(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "payload_too_large",
                    format!("the body is larger than {limit} bytes"),
                )
            } else {
                ApiError::Refused(
                    StatusCode::BAD_REQUEST,
                    "bad_request",
                    "the body could not be read".into(),
                )
            })
        }
        Ok(Ok(bytes)) => Ok(bytes),
    }
}

/// Turns an error answer that is not JSON (axum's own 405, a path that does not decode,
/// a rejected extractor) into the API's JSON error shape, keeping its status and headers.
async fn as_json_error(response: Response) -> Response {
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return response;
    }
    let (parts, body) = response.into_parts();
    let text = axum::body::to_bytes(body, 4096).await.unwrap_or_default();
    let text = String::from_utf8_lossy(&text).trim().to_string();
    let (kind, message) = match status {
        StatusCode::METHOD_NOT_ALLOWED => (
            "method_not_allowed",
            "this route does not answer this method; see the Allow header".to_string(),
        ),
        StatusCode::PAYLOAD_TOO_LARGE => ("payload_too_large", text),
        s if s.is_server_error() => ("internal", "the server failed; see its log".to_string()),
        _ => (
            "bad_request",
            if text.is_empty() {
                "the request could not be read".to_string()
            } else {
                text
            },
        ),
    };
    let mut out = ApiError::Refused(status, kind, message).into_response();
    for (name, value) in &parts.headers {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            out.headers_mut().insert(name.clone(), value.clone());
        }
    }
    out
}

/// Around every request, matched or not: bounds the target and the body, makes every error
/// JSON, adds the security headers, then counts and times the request with label values
/// from closed sets.
async fn edge(State(state): State<Arc<AppState>>, request: Request, next: Next) -> Response {
    let start = Instant::now();
    let method = request.method().as_str().to_string();
    let limits = &state.config.http;
    let response = if request.uri().to_string().len() > MAX_URI_BYTES {
        ApiError::Refused(
            StatusCode::URI_TOO_LONG,
            "uri_too_long",
            format!("the request target is longer than {MAX_URI_BYTES} bytes"),
        )
        .into_response()
    } else {
        let (parts, body) = request.into_parts();
        match read_body(
            body,
            limits.max_body_bytes,
            Duration::from_secs(limits.body_timeout_seconds),
        )
        .await
        {
            Ok(bytes) => {
                next.run(Request::from_parts(parts, Body::from(bytes)))
                    .await
            }
            Err(e) => e.into_response(),
        }
    };
    let route = response
        .extensions()
        .get::<RouteLabel>()
        .map_or("unmatched", |r| r.0);
    let mut response = as_json_error(response).await;
    let headers = response.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    state
        .metrics
        .http_request(&method, route, response.status().as_u16(), start.elapsed());
    response
}

async fn not_found() -> ApiError {
    ApiError::NotFound("no such route; see /openapi.json".into())
}

/// The application router.
pub fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/health", get(health::health))
        .route("/health/details", get(health::details))
        .route("/metrics", get(health::metrics))
        .route("/openapi.json", get(openapi::document))
        .route("/odds", get(odds::list))
        .route("/odds/matches", get(odds::matches))
        .route("/opportunities", get(agents::opportunities))
        .route("/opportunities/history", get(picks::history))
        .route("/agents/compare", get(agents::compare))
        .route("/bets", get(bets::list).post(bets::create))
        .route("/bets/settle", post(bets::settle))
        .route(
            "/bets/{id}",
            get(bets::one).put(bets::update).delete(bets::remove),
        )
        .route("/clv/calculate", post(bets::clv))
        .route("/stats", get(stats::stats))
        .route("/admin/config", get(admin::config))
        .route("/admin/collect", post(admin::collect))
        .route("/admin/backup", post(admin::backup))
        .route_layer(middleware::from_fn_with_state(state.clone(), guard))
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(state.clone(), edge))
        .with_state(state)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_is_documented() {
        let doc = openapi::spec();
        for r in ROUTES {
            assert!(doc["paths"].get(r).is_some(), "{r}");
        }
        assert_eq!(doc["paths"].as_object().unwrap().len(), ROUTES.len());
    }

    #[test]
    fn roles_of_routes() {
        assert_eq!(required_role(&Method::GET, "/health"), None);
        assert_eq!(required_role(&Method::GET, "/metrics"), None);
        assert_eq!(
            required_role(&Method::GET, "/health/details"),
            Some(Role::Metrics)
        );
        assert_eq!(required_role(&Method::GET, "/bets"), Some(Role::Viewer));
        assert_eq!(required_role(&Method::POST, "/bets"), Some(Role::User));
        assert_eq!(
            required_role(&Method::DELETE, "/bets/{id}"),
            Some(Role::User)
        );
        assert_eq!(
            required_role(&Method::GET, "/admin/config"),
            Some(Role::Admin)
        );
        assert_eq!(
            required_role(&Method::POST, "/admin/backup"),
            Some(Role::Admin)
        );
    }
}
