//! `GET /opportunities/history`: the agents' published opportunities with their closing
//! line, CLV and paper outcome, and the paper record of the selection (the core's
//! [`edgecore::agents::track_record`]).

use super::{ApiError, ApiResult};
use crate::betting::invalid;
use crate::state::AppState;
use crate::storage::picks::{PickQuery, StoredPick};
use crate::track_record::{RecordError, staking};
use axum::Json;
use axum::extract::{Query, State};
use chrono::{DateTime, Utc};
use edgecore::agents::{AgentName, Label, TrackRecord};
use edgecore::stats::Window;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Arc;

const DEFAULT_LIMIT: u32 = 100;
const MAX_LIMIT: u32 = 1_000;
/// Largest offset accepted (a bound on the rows a query may skip).
const MAX_OFFSET: u32 = 1_000_000;

/// One pick as listed, with the figures the core derives from it.
#[derive(Serialize)]
pub struct PickView {
    #[serde(flatten)]
    stored: StoredPick,
    fair_odds: Option<f64>,
    /// Raw CLV (fraction), once the close is known.
    clv: Option<f64>,
    /// Fair CLV (fraction), once the de-vigged close is known.
    clv_fair: Option<f64>,
    /// Flat paper stake and its profit once settled.
    #[serde(with = "rust_decimal::serde::str")]
    flat_stake: Decimal,
    #[serde(with = "rust_decimal::serde::str_option")]
    flat_profit: Option<Decimal>,
    /// Kelly paper stake (0: not staked) and its profit once settled.
    #[serde(with = "rust_decimal::serde::str")]
    kelly_stake: Decimal,
    #[serde(with = "rust_decimal::serde::str_option")]
    kelly_profit: Option<Decimal>,
}

/// The answer of `/opportunities/history`.
#[derive(Serialize)]
pub struct History {
    window: Window,
    limit: u32,
    offset: u32,
    picks: Vec<PickView>,
    /// The paper record of every pick matching the filters (not only this page).
    record: TrackRecord,
}

impl From<RecordError> for ApiError {
    fn from(e: RecordError) -> ApiError {
        match e {
            RecordError::Storage(s) => s.into(),
            RecordError::Core(c) => ApiError::Invalid(invalid("picks", c.to_string())),
        }
    }
}

fn parse<T: std::str::FromStr>(k: &str, v: &str, what: &str) -> ApiResult<T> {
    v.parse()
        .map_err(|_| ApiError::from(invalid(k, format!("must be {what}"))))
}

/// The filters shared with `/agents/compare`: the query and its window.
pub(super) fn query(
    params: &HashMap<String, String>,
    allowed: &[&str],
) -> ApiResult<(PickQuery, Window)> {
    let mut q = PickQuery::default();
    let mut window = Window::All;
    for (k, v) in params {
        if !allowed.contains(&k.as_str()) {
            return Err(invalid(
                k,
                format!("unknown parameter (allowed: {})", allowed.join(", ")),
            )
            .into());
        }
        let named = |e: edgecore::Error| ApiError::from(invalid(k, e.to_string()));
        match k.as_str() {
            "agent" => q.agent = Some(v.parse::<AgentName>().map_err(named)?),
            "label" => q.label = Some(v.parse::<Label>().map_err(named)?),
            "sport" => q.sport = Some(v.clone()),
            "window" => window = v.parse::<Window>().map_err(named)?,
            "limit" => {
                let l: u32 = parse(k, v, &format!("an integer in 1..={MAX_LIMIT}"))?;
                if !(1..=MAX_LIMIT).contains(&l) {
                    return Err(invalid(k, format!("must be an integer in 1..={MAX_LIMIT}")).into());
                }
                q.limit = Some(l);
            }
            "offset" => {
                let o: u32 = parse(k, v, &format!("an integer in 0..={MAX_OFFSET}"))?;
                if o > MAX_OFFSET {
                    return Err(
                        invalid(k, format!("must be an integer in 0..={MAX_OFFSET}")).into(),
                    );
                }
                q.offset = o;
            }
            _ => {}
        }
    }
    q.from = window
        .start(Utc::now().date_naive())
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| DateTime::<Utc>::from_naive_utc_and_offset(t, Utc));
    Ok((q, window))
}

/// `GET /opportunities/history?agent=&label=&sport=&window=&limit=&offset=`: newest first.
pub async fn history(
    State(state): State<Arc<AppState>>,
    Query(params): Query<HashMap<String, String>>,
) -> ApiResult<Json<History>> {
    let (mut q, window) = query(
        &params,
        &["agent", "label", "sport", "window", "limit", "offset"],
    )?;
    let limit = q.limit.unwrap_or(DEFAULT_LIMIT);
    let offset = q.offset;
    q.limit = None;
    q.offset = 0;
    let record = crate::track_record::record(&state, &q).await?;
    q.limit = Some(limit);
    q.offset = offset;
    let staking = staking(&state.config);
    let core = |e: edgecore::Error| ApiError::from(invalid("picks", e.to_string()));
    let picks = state
        .store
        .picks(&q)
        .await?
        .into_iter()
        .map(|stored| {
            let p = &stored.pick;
            let kelly_stake = p.kelly_stake(&staking).map_err(core)?;
            let profit = |stake: Decimal| -> ApiResult<Option<Decimal>> {
                if stake <= Decimal::ZERO {
                    return Ok(None);
                }
                p.paper_bet("paper", stake)
                    .and_then(|b| b.profit())
                    .map_err(core)
            };
            Ok(PickView {
                fair_odds: (p.fair_probability > 0.0).then(|| 1.0 / p.fair_probability),
                clv: p.clv().map_err(core)?,
                clv_fair: p.clv_fair().map_err(core)?,
                flat_stake: staking.flat_stake,
                flat_profit: profit(staking.flat_stake)?,
                kelly_stake,
                kelly_profit: profit(kelly_stake)?,
                stored,
            })
        })
        .collect::<ApiResult<Vec<_>>>()?;
    Ok(Json(History {
        window,
        limit,
        offset,
        picks,
        record,
    }))
}
