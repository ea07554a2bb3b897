//! Administration (role `admin`): `GET /admin/config` (secrets and token hashes removed),
//! `POST /admin/collect` (collect now, clearing a halt) and `POST /admin/backup`.

use super::{ApiError, ApiResult, no_input};
use crate::collector::{CollectError, Collected};
use crate::state::AppState;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use chrono::Utc;
use serde_json::{Value, json};
use std::sync::Arc;

/// `GET /admin/config`: the configuration in force; the API key shows as `***` and tokens
/// by name and role only.
pub async fn config(
    State(state): State<Arc<AppState>>,
    RawQuery(query): RawQuery,
    body: Bytes,
) -> ApiResult<Json<Value>> {
    no_input(query.as_deref(), &body)?;
    let mut v = serde_json::to_value(state.config.as_ref())
        .map_err(|e| ApiError::Unavailable(format!("configuration not readable: {e}")))?;
    if let Some(tokens) = v.pointer_mut("/auth/tokens").and_then(Value::as_array_mut) {
        for t in tokens.iter_mut().filter_map(Value::as_object_mut) {
            t.remove("sha256");
        }
    }
    if let Some(url) = v.get_mut("database_url") {
        *url = Value::String(crate::cli::redact_url(&state.config.database_url));
    }
    Ok(Json(v))
}

/// `POST /admin/collect`: an odds collection now (a halted collector is resumed first). At
/// most one per `odds_api.manual_collect_cooldown_seconds` (429 with `Retry-After`), so the
/// quota cannot be spent by repeated calls.
pub async fn collect(
    State(state): State<Arc<AppState>>,
    RawQuery(query): RawQuery,
    body: Bytes,
) -> ApiResult<Json<Collected>> {
    no_input(query.as_deref(), &body)?;
    state.take_manual_collect().map_err(ApiError::RateLimited)?;
    state.collector.resume();
    match state.collector.collect_odds(&[], Utc::now()).await {
        Ok(c) => Ok(Json(c)),
        Err(CollectError::Storage(e)) => Err(e.into()),
        Err(e) => Err(ApiError::Unavailable(e.to_string())),
    }
}

/// `POST /admin/backup`: a consistent copy under `<data_dir>/backups/`.
pub async fn backup(
    State(state): State<Arc<AppState>>,
    RawQuery(query): RawQuery,
    body: Bytes,
) -> ApiResult<Json<Value>> {
    no_input(query.as_deref(), &body)?;
    let path = crate::cli::backup_path(&state.config.data_dir, Utc::now());
    match state.store.backup(&path).await {
        Ok(()) => Ok(Json(json!({"path": path.display().to_string()}))),
        Err(crate::storage::StorageError::Unsupported(m)) => Err(ApiError::Conflict(m)),
        Err(e) => Err(e.into()),
    }
}
