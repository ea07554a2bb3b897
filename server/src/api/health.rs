//! `GET /health` (database and collector status, last collection, quota) and `GET /metrics`.

use super::Identified;
use crate::state::AppState;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::sync::Arc;

/// A collector without a success for this long is reported stale (the "no collection for
/// 4 hours" alert uses the same limit).
const STALE_AFTER_HOURS: i64 = 4;

#[derive(Serialize)]
struct Collector {
    state: &'static str,
    source: &'static str,
    last_success: Option<DateTime<Utc>>,
    last_attempt: Option<DateTime<Utc>>,
    /// Upstream error details: only on `/health/details`.
    #[serde(skip_serializing_if = "Option::is_none")]
    last_error: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    halted_reason: Option<String>,
}

#[derive(Serialize)]
struct Quota {
    remaining: Option<u64>,
    used: Option<u64>,
    last: Option<u64>,
    reserve: u64,
}

#[derive(Serialize)]
struct Health {
    status: &'static str,
    database: &'static str,
    backend: &'static str,
    collector: Collector,
    quota: Quota,
    started_at: DateTime<Utc>,
    version: &'static str,
}

/// `GET /health` (open): 200 with `status` "ok" or "degraded" (collector halted or stale,
/// or a database that answers reads but refuses writes: `database` "read_only"), 503 when
/// the database does not answer. Never shows a secret nor an upstream error
/// message (those are on `/health/details`).
pub async fn health(State(state): State<Arc<AppState>>) -> Response {
    report(&state, false).await
}

/// `GET /health/details` (role `metrics` or above): `/health` plus the collector's last
/// error and the reason of a halt.
pub async fn details(State(state): State<Arc<AppState>>) -> Response {
    report(&state, true).await
}

async fn report(state: &AppState, details: bool) -> Response {
    let db = state.database_state().await;
    let status = state.collector.status();
    let now = Utc::now();
    let reference = status.last_success.unwrap_or(state.started_at);
    let collector_state = if status.halted.is_some() {
        "halted"
    } else if now - reference > chrono::Duration::hours(STALE_AFTER_HOURS) {
        "stale"
    } else if status.last_success.is_some() {
        "running"
    } else {
        "waiting"
    };
    let q = state.collector.quota();
    let body = Health {
        status: match (&db, collector_state) {
            (Err(_), _) => "down",
            (Ok(Err(_)), _) | (Ok(Ok(())), "halted" | "stale") => "degraded",
            _ => "ok",
        },
        database: match &db {
            Err(_) => "unavailable",
            Ok(Err(_)) => "read_only",
            Ok(Ok(())) => "ok",
        },
        backend: state.store.backend(),
        collector: Collector {
            state: collector_state,
            source: if state.replay {
                "replay"
            } else {
                "the-odds-api"
            },
            last_success: status.last_success,
            last_attempt: status.last_attempt,
            last_error: status.last_error.filter(|_| details),
            halted_reason: status.halted.filter(|_| details),
        },
        quota: Quota {
            remaining: q.remaining,
            used: q.used,
            last: q.last,
            reserve: state.config.odds_api.quota_reserve,
        },
        started_at: state.started_at,
        version: env!("CARGO_PKG_VERSION"),
    };
    let code = if db.is_ok() {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (code, axum::Json(body)).into_response()
}

/// `GET /metrics`: Prometheus text format. The money gauges (bankroll, ROI, win rate,
/// settled bets) are shown only to a caller with a valid token (any role; the `metrics`
/// role exists for Prometheus' `bearer_token`).
pub async fn metrics(
    State(state): State<Arc<AppState>>,
    caller: Option<axum::Extension<Identified>>,
) -> Response {
    let money = caller.is_some_and(|c| c.0.0.role.is_some());
    if money {
        state.refresh_if_changed().await;
    }
    let mut r = state.metrics.render(money).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
    );
    r
}
