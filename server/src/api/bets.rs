//! Bets: `POST /bets`, `GET /bets`, `GET|PUT|DELETE /bets/{id}`, `POST /bets/settle` and
//! `POST /clv/calculate`.

use super::{ApiError, ApiResult, Identified, no_input};
use crate::betting::{self, BetView, ClvReport, SettleReport, invalid};
use crate::state::AppState;
use crate::storage::{BetRequest, OddsFilter};
use axum::body::Bytes;
use axum::extract::{Path, Query, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use chrono::Utc;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::Arc;

fn not_found(id: &str) -> ApiError {
    ApiError::NotFound(format!("no bet with id {id:?}"))
}

/// The longest `Idempotency-Key` accepted.
const MAX_KEY_LEN: usize = 200;

/// The `Idempotency-Key` of a request, scoped by the caller, with the body's hash.
fn idempotency(
    headers: &HeaderMap,
    caller: Option<&Identified>,
    body: &Bytes,
) -> ApiResult<Option<BetRequest>> {
    let Some(value) = headers.get("idempotency-key") else {
        return Ok(None);
    };
    let key = value
        .to_str()
        .ok()
        .map(str::trim)
        .filter(|k| !k.is_empty() && k.len() <= MAX_KEY_LEN)
        .ok_or_else(|| {
            ApiError::from(invalid(
                "Idempotency-Key",
                format!("must be 1 to {MAX_KEY_LEN} visible ASCII characters"),
            ))
        })?;
    let who = caller.map_or("anonymous", |c| c.0.name.as_str());
    Ok(Some(BetRequest {
        key: format!("{who}:{key}"),
        hash: hex::encode(Sha256::digest(body)),
        bet_id: String::new(),
    }))
}

/// The answer to a retried request: the bet the first one created.
async fn replay(state: &AppState, earlier: &BetRequest, hash: &str) -> ApiResult<Response> {
    if earlier.hash != hash {
        return Err(invalid(
            "Idempotency-Key",
            "was already used for a different request body",
        )
        .into());
    }
    let bet = state.store.bet(&earlier.bet_id).await?.ok_or_else(|| {
        ApiError::Conflict(format!(
            "the bet {} recorded under this Idempotency-Key was deleted",
            earlier.bet_id
        ))
    })?;
    let mut r = (StatusCode::CREATED, Json(betting::view(&bet))).into_response();
    r.headers_mut()
        .insert("idempotent-replayed", HeaderValue::from_static("true"));
    Ok(r)
}

/// `POST /bets`: records a bet (201 with the bet). A bet placed at or after kickoff must be
/// a live bet whose price was on the board. With an `Idempotency-Key` header, a retried
/// request (same caller, key and body) returns the bet recorded the first time, with
/// `Idempotent-Replayed: true`, and records nothing.
pub async fn create(
    State(state): State<Arc<AppState>>,
    caller: Option<Extension<Identified>>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<Response> {
    let request = idempotency(&headers, caller.as_deref(), &body)?;
    if let Some(r) = &request
        && let Some(earlier) = state.store.bet_request(&r.key).await?
    {
        return replay(&state, &earlier, &r.hash).await;
    }
    let body = betting::exact_numbers(&body)?;
    let event = match body.get("event_id").and_then(|v| v.as_str()) {
        Some(id) if !id.is_empty() && id.len() <= 200 => state.store.event(id).await?,
        _ => None,
    };
    let bet = betting::new_bet(&body, event.as_ref(), Utc::now())?;
    if bet.live {
        let b = &bet.bet;
        let history = state
            .store
            .market_history(
                &b.event_id,
                &b.bookmaker,
                b.market,
                b.placed_at + chrono::Duration::milliseconds(1),
            )
            .await?;
        let latest = state
            .store
            .latest(&OddsFilter {
                event: Some(b.event_id.clone()),
                bookmaker: Some(b.bookmaker.clone()),
                market: Some(b.market),
                limit: 1_000,
                ..OddsFilter::default()
            })
            .await?;
        betting::on_the_board(b, bet.kickoff.unwrap_or(b.placed_at), &history, &latest)?;
    }
    match request {
        Some(mut r) => {
            r.bet_id = bet.bet.id.clone();
            if let Some(earlier) = state.store.insert_bet_once(&bet, &r).await? {
                return replay(&state, &earlier, &r.hash).await;
            }
        }
        None => state.store.insert_bet(&bet).await?,
    }
    state.bets_changed();
    Ok((StatusCode::CREATED, Json(betting::view(&bet))).into_response())
}

/// `GET /bets?status=all|pending|settled|positive_clv&from=&to=&limit=&cursor=`: one page
/// of bets in placement order (a JSON array, at most `limit`, 1,000 by default); when more
/// may follow, the `X-Next-Cursor` header holds the `cursor` of the next page.
pub async fn list(
    State(state): State<Arc<AppState>>,
    Query(mut params): Query<HashMap<String, String>>,
) -> ApiResult<Response> {
    let page = super::page_of(&mut params)?;
    let mut f = betting::bet_filter(&params)?;
    let limit = page.limit as usize;
    f.query.page = Some(page);
    let bets = state.store.bets(&f.query).await?;
    let next = (bets.len() == limit)
        .then(|| bets.last())
        .flatten()
        .map(|b| super::encode_cursor(crate::storage::sql::ms(b.bet.placed_at), &b.bet.id));
    Ok(super::paged(
        bets.iter()
            .filter(|b| f.filter.matches(&b.bet))
            .map(betting::view)
            .collect(),
        next,
    ))
}

/// `GET /bets/{id}`.
pub async fn one(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> ApiResult<Json<BetView>> {
    let bet = state.store.bet(&id).await?.ok_or_else(|| not_found(&id))?;
    Ok(Json(betting::view(&bet)))
}

/// `PUT /bets/{id}`: partial update (odds, stake, bookmaker, placed_at, source, outcome,
/// closing_odds).
pub async fn update(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    body: Bytes,
) -> ApiResult<Json<BetView>> {
    let body = betting::exact_numbers(&body)?;
    let mut bet = state.store.bet(&id).await?.ok_or_else(|| not_found(&id))?;
    betting::apply_update(&mut bet, &body, Utc::now())?;
    if !state.store.update_bet(&bet).await? {
        return Err(not_found(&id));
    }
    state.bets_changed();
    Ok(Json(betting::view(&bet)))
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
pub async fn settle(
    State(state): State<Arc<AppState>>,
    RawQuery(query): RawQuery,
    body: Bytes,
) -> ApiResult<Json<SettleReport>> {
    no_input(query.as_deref(), &body)?;
    let report = betting::settle_pending(state.store.as_ref(), Utc::now()).await?;
    state.bets_changed();
    Ok(Json(report))
}

/// `POST /clv/calculate`: closing prices of bets past kickoff.
pub async fn clv(
    State(state): State<Arc<AppState>>,
    RawQuery(query): RawQuery,
    body: Bytes,
) -> ApiResult<Json<ClvReport>> {
    no_input(query.as_deref(), &body)?;
    let report = betting::compute_clv(
        state.store.as_ref(),
        &state.config.odds_api.reference_bookmaker,
        Utc::now(),
    )
    .await?;
    state.bets_changed();
    Ok(Json(report))
}
