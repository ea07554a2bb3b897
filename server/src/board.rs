//! The latest board and the agents' opportunities on it, cached per board version.
//!
//! After each collection the collector bumps the board version. The first request that sees
//! a new version (or a board older than a minute, since prices age and kickoffs pass)
//! rebuilds it once (the others keep getting the previous board meanwhile, and the scheduler
//! rebuilds it right after each collection): the recent history and the latest prices of
//! events not started yet, kept in memory and interned as the collections come
//! ([`crate::recent`]), become the core's [`edgecore::agents::History`] and [`Board`]; agents A (anomaly), B (spread) and C
//! (movement) run on it; the consensus scores each selection, weighted by the agents' past
//! CLV on the stored bets, and labels it `analyser` or `prudence`; the core's Kelly policy
//! proposes a stake. Answers are serialised once per (version, query) and served as bytes,
//! so a hot `GET /opportunities` does no computation at all.

use crate::state::AppState;
use axum::body::Bytes;
use chrono::{DateTime, Utc};
use edgecore::agents::{
    AgentName, AnomalyConfig, Board, BoardConfig, ConsensusConfig, Label, MovementConfig,
    SpreadConfig, consensus, find_anomalies, find_movements, scan_spreads,
};
use edgecore::{Market, Selection};
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

/// A computed board is reused at most this long, even without a new collection.
const MAX_AGE: Duration = Duration::from_secs(60);
/// Distinct query strings whose answers are kept per board.
const MAX_ANSWERS: usize = 256;

/// One opportunity as the API lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OpportunityView {
    /// The event's identifier.
    pub event_id: String,
    /// Sport key.
    pub sport: String,
    /// Home side.
    pub home: String,
    /// Away side.
    pub away: String,
    /// Kickoff (UTC).
    pub kickoff: DateTime<Utc>,
    /// Market.
    pub market: Market,
    /// Line (totals).
    #[serde(with = "rust_decimal::serde::str_option")]
    pub line: Option<Decimal>,
    /// Selection to back.
    pub selection: Selection,
    /// Bookmaker offering the best-edge price.
    pub bookmaker: String,
    /// The price (decimal string).
    #[serde(with = "rust_decimal::serde::str")]
    pub price: Decimal,
    /// Fair probability (fraction).
    pub fair_probability: f64,
    /// Fair odds.
    pub fair_odds: f64,
    /// Expected return per unit staked (fraction).
    pub edge: f64,
    /// Robust z-score against the other bookmakers.
    pub z: f64,
    /// Bookmakers quoting the market.
    pub books: usize,
    /// Consensus score, 0-100.
    pub score: f64,
    /// `analyser` (worth analysing) or `prudence` (caution).
    pub label: Label,
    /// Agents that agree.
    pub agents: Vec<AgentName>,
    /// Stake proposed by the Kelly policy on the current bankroll (decimal string).
    #[serde(with = "rust_decimal::serde::str")]
    pub stake: Decimal,
    /// When the price was captured.
    pub captured_at: DateTime<Utc>,
}

/// A computed board.
pub struct Computed {
    /// The board version it was computed from.
    pub version: u64,
    /// The instant of the board.
    pub as_of: DateTime<Utc>,
    /// Every scored opportunity, best score first.
    pub opportunities: Vec<OpportunityView>,
    at: Instant,
    answers: Mutex<HashMap<String, Bytes>>,
}

impl Computed {
    /// The serialised answer of a query, computed once per board.
    pub fn answer(&self, key: &str, build: impl FnOnce(&[OpportunityView]) -> Bytes) -> Bytes {
        if let Some(b) = self
            .answers
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(key)
        {
            return b.clone();
        }
        let bytes = build(&self.opportunities);
        let mut answers = self.answers.lock().unwrap_or_else(|p| p.into_inner());
        if answers.len() < MAX_ANSWERS {
            answers.insert(key.to_string(), bytes.clone());
        }
        bytes
    }
}

/// The cache: the last computed board, rebuilt by one caller at a time.
#[derive(Default)]
pub struct BoardCache {
    current: RwLock<Option<Arc<Computed>>>,
    rebuild: tokio::sync::Mutex<()>,
}

/// Why the board could not be computed.
#[derive(Debug, thiserror::Error)]
pub enum BoardError {
    /// The database failed.
    #[error(transparent)]
    Storage(#[from] crate::storage::StorageError),
    /// The core refused the data or the configuration.
    #[error("agents: {0}")]
    Core(#[from] edgecore::Error),
}

impl BoardCache {
    fn fresh(&self, version: u64) -> Option<Arc<Computed>> {
        self.current
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .as_ref()
            .filter(|c| c.version == version && c.at.elapsed() < MAX_AGE)
            .cloned()
    }

    /// The board of the current version, computing it if needed.
    pub async fn get(&self, state: &AppState) -> Result<Arc<Computed>, BoardError> {
        let version = state.collector.board_version.load(Ordering::Relaxed);
        if let Some(c) = self.fresh(version) {
            return Ok(c);
        }
        // One caller rebuilds; while it does, the others get the previous board at once.
        let _one = match self.rebuild.try_lock() {
            Ok(guard) => guard,
            Err(_) => {
                let previous = self
                    .current
                    .read()
                    .unwrap_or_else(|p| p.into_inner())
                    .clone();
                match previous {
                    Some(p) => return Ok(p),
                    None => self.rebuild.lock().await,
                }
            }
        };
        if let Some(c) = self.fresh(version) {
            return Ok(c);
        }
        let computed = Arc::new(compute(state, version, Utc::now()).await?);
        let previous = self
            .current
            .write()
            .unwrap_or_else(|p| p.into_inner())
            .replace(computed.clone());
        let seen: HashSet<(&str, Market, Option<Decimal>, Selection, &str)> = previous
            .as_ref()
            .map(|p| p.opportunities.iter().map(key).collect())
            .unwrap_or_default();
        let new = computed
            .opportunities
            .iter()
            .filter(|o| !seen.contains(&key(o)))
            .count();
        state
            .metrics
            .opportunities_detected
            .fetch_add(new as u64, Ordering::Relaxed);
        Ok(computed)
    }
}

fn key(o: &OpportunityView) -> (&str, Market, Option<Decimal>, Selection, &str) {
    (
        o.event_id.as_str(),
        o.market,
        o.line,
        o.selection,
        o.bookmaker.as_str(),
    )
}

/// Builds the board as of `now` from the recent prices in memory and runs the agents and
/// the consensus on it.
pub async fn compute(
    state: &AppState,
    version: u64,
    now: DateTime<Utc>,
) -> Result<Computed, BoardError> {
    let input = state.collector.recent.input(now)?;
    compute_from(state, input, version, now).await
}

/// Runs the agents and the consensus on the board of `input` as of `now` (see
/// [`compute`]; the replay of past captures gives its own input).
pub async fn compute_from(
    state: &AppState,
    input: crate::recent::BoardInput,
    version: u64,
    now: DateTime<Utc>,
) -> Result<Computed, BoardError> {
    let cfg = &state.config.agents;
    let crate::recent::BoardInput { history, events } = input;
    let bets: Vec<edgecore::Bet> = state
        .store
        .bets(&crate::storage::BetQuery::default())
        .await?
        .into_iter()
        .map(|b| b.bet)
        .collect();
    let bankroll = edgecore::stats::performance(&bets, state.config.bankroll.starting)
        .map(|p| p.final_bankroll)
        .unwrap_or(state.config.bankroll.starting);
    let records = crate::track_record::consensus_records(state, &bets)
        .await
        .map_err(|e| match e {
            crate::track_record::RecordError::Storage(s) => BoardError::Storage(s),
            crate::track_record::RecordError::Core(c) => BoardError::Core(c),
        })?;
    let reference = state.config.odds_api.reference_bookmaker.clone();
    let policy = state.config.bankroll.kelly_policy();
    let (min_edge, min_books, max_age, min_score) = (
        cfg.min_edge,
        cfg.min_books,
        cfg.max_age_seconds,
        cfg.min_score,
    );
    // The agents are CPU work: keep them off the request threads.
    let scored = tokio::task::spawn_blocking(move || -> Result<_, edgecore::Error> {
        let board = Board::at(
            &history,
            now,
            &BoardConfig {
                reference,
                max_age_seconds: max_age,
                ..BoardConfig::default()
            },
        )?;
        let mut found = find_anomalies(
            &board,
            &AnomalyConfig {
                min_edge,
                min_books,
                ..AnomalyConfig::default()
            },
        )?;
        found.extend(
            scan_spreads(
                &board,
                &SpreadConfig {
                    min_edge,
                    min_books,
                    ..SpreadConfig::default()
                },
            )?
            .opportunities,
        );
        let moves = find_movements(
            &board,
            &MovementConfig {
                min_edge,
                min_books,
                ..MovementConfig::default()
            },
        )?;
        found.extend(moves.opportunities);
        tracing::debug!(
            snapshots = history.len(),
            quotes = board.quotes().len(),
            found = found.len(),
            steam = moves.steam.len(),
            "agents ran"
        );
        consensus(&found, &moves.steam, &records, &ConsensusConfig::default())
    })
    .await
    .map_err(|e| {
        BoardError::Core(edgecore::Error::InvalidParameter {
            name: "board",
            value: e.to_string(),
            reason: "the agents' task failed",
        })
    })??;
    let mut opportunities: Vec<OpportunityView> = scored
        .into_iter()
        .filter(|s| s.score >= min_score)
        .filter_map(|s| {
            let o = s.opportunity;
            let e = events.get(&o.event_id)?;
            let stake = edgecore::kelly::kelly_stake(
                bankroll,
                edgecore::money::to_f64(o.price),
                o.fair_probability,
                &policy,
            )
            .unwrap_or(Decimal::ZERO);
            Some(OpportunityView {
                sport: e.league.clone(),
                home: e.home.clone(),
                away: e.away.clone(),
                kickoff: e.kickoff,
                event_id: o.event_id,
                market: o.market,
                line: o.line,
                selection: o.selection,
                bookmaker: o.bookmaker,
                price: o.price,
                fair_probability: o.fair_probability,
                fair_odds: o.fair_odds,
                edge: o.edge,
                z: o.z,
                books: o.books,
                score: s.score,
                label: s.label,
                agents: s.agents,
                stake,
                captured_at: o.captured_at,
            })
        })
        .collect();
    opportunities.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(b.edge.total_cmp(&a.edge))
            .then_with(|| a.event_id.cmp(&b.event_id))
    });
    Ok(Computed {
        version,
        as_of: now,
        opportunities,
        at: Instant::now(),
        answers: Mutex::new(HashMap::new()),
    })
}
