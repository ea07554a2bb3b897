//! Bets: `POST /bets`, `GET /bets`, `GET|PUT|DELETE /bets/{id}`, `POST /bets/settle` and
//! `POST /clv/calculate`.

use super::{ApiError, ApiResult, json_body};
use crate::ledger::{self, BetView, ClvReport, SettleReport};
use crate::state::AppState;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use chrono::Utc;
use std::collections::HashMap;
use std::sync::Arc;

fn not_found(id: &str) -> ApiError {
    ApiError::NotFound(format!("no bet with id {id:?}"))
}

/// `POST /bets`: records a bet (201 with the bet).
pub async fn create(
    State(state): State<Arc<AppState>>,
    body: Bytes,
) -> ApiResult<(StatusCode, Json<BetView>)> {
    let body = json_body(&body)?;
    let event = match body.get("event_id").and_then(|v| v.as_str()) {
        Some(id) if !id.is_empty() && id.len() <= 200 => state.store.event(id).await?,
        _ => None,
    };
    let bet = ledger::new_bet(&body, event.as_ref(), Utc::now())?;
    state.store.insert_bet(&bet).await?;
    state.bets_changed();
    Ok((StatusCode::CREATED, Json(ledger::view(&bet))))
}

/// `GET /bets?status=all|pending|settled|positive_clv&from=&to=`.
pub async fn list(
    State(state): State<Arc<AppState>>,
    Query(params): Query<HashMap<String, String>>,
) -> ApiResult<Json<Vec<BetView>>> {
    let f = ledger::bet_filter(&params)?;
    let bets = state.store.bets(&f.query).await?;
    Ok(Json(
        bets.iter()
            .filter(|b| f.filter.matches(&b.bet))
            .map(ledger::view)
            .collect(),
    ))
}

/// `GET /bets/{id}`.
pub async fn one(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> ApiResult<Json<BetView>> {
    let bet = state.store.bet(&id).await?.ok_or_else(|| not_found(&id))?;
    Ok(Json(ledger::view(&bet)))
}

/// `PUT /bets/{id}`: partial update (odds, stake, bookmaker, placed_at, source, outcome,
/// closing_odds).
pub async fn update(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    body: Bytes,
) -> ApiResult<Json<BetView>> {
    let body = json_body(&body)?;
    let mut bet = state.store.bet(&id).await?.ok_or_else(|| not_found(&id))?;
    ledger::apply_update(&mut bet, &body, Utc::now())?;
    if !state.store.update_bet(&bet).await? {
        return Err(not_found(&id));
    }
    state.bets_changed();
    Ok(Json(ledger::view(&bet)))
}

/// `DELETE /bets/{id}` (204).
pub async fn remove(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    if !state.store.delete_bet(&id).await? {
        return Err(not_found(&id));
    }
    state.bets_changed();
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /bets/settle`: settles pending bets from the stored results.
pub async fn settle(State(state): State<Arc<AppState>>) -> ApiResult<Json<SettleReport>> {
    let report = ledger::settle_pending(state.store.as_ref(), Utc::now()).await?;
    state.bets_changed();
    Ok(Json(report))
}

/// `POST /clv/calculate`: closing prices of bets past kickoff.
pub async fn clv(State(state): State<Arc<AppState>>) -> ApiResult<Json<ClvReport>> {
    let report = ledger::compute_clv(
        state.store.as_ref(),
        &state.config.odds_api.reference_bookmaker,
        Utc::now(),
    )
    .await?;
    state.bets_changed();
    Ok(Json(report))
}
