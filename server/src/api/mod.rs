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
use crate::config::Role;
use crate::ledger::{Invalid, LedgerError};
use crate::state::AppState;
use crate::storage::StorageError;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::{Value, json};
use std::sync::Arc;
use std::time::Instant;

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

impl From<LedgerError> for ApiError {
    fn from(e: LedgerError) -> ApiError {
        match e {
            LedgerError::Invalid(i) => ApiError::Invalid(i),
            LedgerError::NotFound(id) => ApiError::NotFound(format!("no bet with id {id:?}")),
            LedgerError::Storage(s) => s.into(),
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

/// Parses a JSON body; an invalid document is a 422 on `body`.
pub fn json_body(bytes: &Bytes) -> ApiResult<Value> {
    serde_json::from_slice(bytes).map_err(|e| {
        ApiError::Invalid(crate::ledger::invalid("body", format!("invalid JSON: {e}")))
    })
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

/// The role a route needs (`None`: open to everyone).
pub fn required_role(method: &Method, route: &str) -> Option<Role> {
    match (method.as_str(), route) {
        (_, "/health" | "/metrics" | "/openapi.json") => None,
        (_, r) if r.starts_with("/admin") => Some(Role::Admin),
        ("GET" | "HEAD", _) => Some(Role::Viewer),
        _ => Some(Role::User),
    }
}

/// Checks the token, the role and the rate limit, then counts and times the request.
async fn guard(State(state): State<Arc<AppState>>, request: Request, next: Next) -> Response {
    let start = Instant::now();
    let method = request.method().clone();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("unmatched", |m| m.as_str())
        .to_string();
    let needed = required_role(&method, &route);
    let checked = if needed.is_none() {
        Ok(())
    } else {
        let header = request
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok());
        state
            .auth
            .identify(header)
            .and_then(|caller| {
                state.auth.authorize(&caller, needed)?;
                state.auth.take(&caller)
            })
            .map_err(ApiError::from)
    };
    let response = match checked {
        Ok(()) => next.run(request).await,
        Err(e) => e.into_response(),
    };
    state.metrics.http_request(
        method.as_str(),
        &route,
        response.status().as_u16(),
        start.elapsed(),
    );
    response
}

async fn not_found() -> ApiError {
    ApiError::NotFound("no such route; see /openapi.json".into())
}

/// The application router.
pub fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/health", get(health::health))
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
        .with_state(state)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_of_routes() {
        assert_eq!(required_role(&Method::GET, "/health"), None);
        assert_eq!(required_role(&Method::GET, "/metrics"), None);
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
