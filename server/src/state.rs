//! What the routes and the scheduled jobs share: configuration, store, metrics, tokens,
//! collector, and the caches that keep hot reads cheap.
//!
//! The database check of `/health` is cached for one second and the computed opportunities
//! per board version (see [`crate::board`]), so neither is recomputed per request. Bets
//! carry a version too: every write bumps it (no work on the write path), and the figures
//! over all bets (the money gauges, `/stats`) are computed at most once per version, when
//! they are read.

use crate::auth::Auth;
use crate::board::BoardCache;
use crate::collector::Collector;
use crate::config::Config;
use crate::metrics::Metrics;
use crate::storage::{BetQuery, Storage, StorageError};
use chrono::{DateTime, Utc};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What the database check found: `Err` with the reason when reads fail, else whether a
/// write succeeds (`Err` with the reason when not).
pub type DatabaseState = Result<Result<(), String>, String>;

/// The shared state.
pub struct AppState {
    /// The configuration.
    pub config: Arc<Config>,
    /// The store.
    pub store: Arc<dyn Storage>,
    /// The metrics.
    pub metrics: Arc<Metrics>,
    /// Token checks and rate limits.
    pub auth: Auth,
    /// The odds collector.
    pub collector: Arc<Collector>,
    /// Opportunities computed on the latest board.
    pub board: BoardCache,
    /// When the server started.
    pub started_at: DateTime<Utc>,
    /// Whether the odds come from the bundled replay.
    pub replay: bool,
    db_check: Mutex<Option<(Instant, DatabaseState)>>,
    /// Bumped by every change to the bets.
    bets_version: AtomicU64,
    /// The bets version the money gauges were computed for (held while computing, so
    /// concurrent readers wait for one computation instead of running their own).
    figures_version: tokio::sync::Mutex<Option<u64>>,
    /// When the last collection was asked through `POST /admin/collect`.
    manual_collect: Mutex<Option<Instant>>,
    /// The last `/stats` answer: bets version, query key and the serialised answer.
    stats_cache: tokio::sync::Mutex<Option<(u64, String, axum::body::Bytes)>>,
}

/// How long a database check result is reused by `/health`.
const DB_CHECK_TTL: Duration = Duration::from_secs(1);

impl AppState {
    /// Builds the state.
    pub fn new(
        config: Arc<Config>,
        store: Arc<dyn Storage>,
        metrics: Arc<Metrics>,
        collector: Arc<Collector>,
        replay: bool,
    ) -> AppState {
        AppState {
            auth: Auth::new(&config.auth),
            board: BoardCache::default(),
            config,
            store,
            metrics,
            collector,
            started_at: Utc::now(),
            replay,
            db_check: Mutex::new(None),
            bets_version: AtomicU64::new(0),
            figures_version: tokio::sync::Mutex::new(None),
            stats_cache: tokio::sync::Mutex::new(None),
            manual_collect: Mutex::new(None),
        }
    }

    /// Takes the turn of a manual collection, or says how many seconds remain of the
    /// cooldown (`odds_api.manual_collect_cooldown_seconds`).
    pub fn take_manual_collect(&self) -> Result<(), u64> {
        let cooldown = Duration::from_secs(self.config.odds_api.manual_collect_cooldown_seconds);
        let mut last = self
            .manual_collect
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        if let Some(at) = *last
            && at.elapsed() < cooldown
        {
            return Err((cooldown - at.elapsed()).as_secs().max(1));
        }
        *last = Some(Instant::now());
        Ok(())
    }

    /// Records that the bets changed: figures computed from them are out of date. Costs
    /// one atomic increment, whatever the number of bets.
    pub fn bets_changed(&self) {
        self.bets_version.fetch_add(1, Ordering::AcqRel);
    }

    /// The current bets version.
    pub fn bets_version(&self) -> u64 {
        self.bets_version.load(Ordering::Acquire)
    }

    /// Recomputes the money gauges when the bets changed since they were last computed.
    pub async fn refresh_if_changed(&self) {
        let mut done = self.figures_version.lock().await;
        let version = self.bets_version();
        if *done == Some(version) {
            return;
        }
        match self.refresh_figures().await {
            Ok(()) => *done = Some(version),
            Err(e) => tracing::warn!("figures not refreshed: {e}"),
        }
    }

    /// The `/stats` answer for `key` at the current bets version: the cached bytes, or
    /// `compute`'s answer (cached when it succeeds).
    pub async fn stats_answer<E>(
        &self,
        key: String,
        compute: impl AsyncFnOnce() -> Result<axum::body::Bytes, E>,
    ) -> Result<axum::body::Bytes, E> {
        let mut cache = self.stats_cache.lock().await;
        let version = self.bets_version();
        if let Some((v, k, bytes)) = cache.as_ref()
            && *v == version
            && *k == key
        {
            return Ok(bytes.clone());
        }
        let bytes = compute().await?;
        *cache = Some((version, key, bytes.clone()));
        Ok(bytes)
    }

    /// The database status, checked at most once a second: `Err` with the reason when it
    /// does not answer reads, else whether it accepts a write (`Err` with the reason when
    /// not: read-only, full disk). Also sets `edgecore_database_writable`.
    pub async fn database_state(&self) -> DatabaseState {
        if let Some((at, result)) = self
            .db_check
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .as_ref()
            && at.elapsed() < DB_CHECK_TTL
        {
            return result.clone();
        }
        let result = match self.store.ping().await {
            Err(e) => Err(e.to_string()),
            Ok(()) => Ok(self
                .store
                .ping_write(Utc::now())
                .await
                .map_err(|e| e.to_string())),
        };
        let writable = matches!(result, Ok(Ok(())));
        self.metrics
            .database_writable
            .set(if writable { 1.0 } else { 0.0 });
        if let Ok(Err(e)) = &result {
            tracing::error!("the database refuses writes: {e}");
        }
        *self.db_check.lock().unwrap_or_else(|p| p.into_inner()) =
            Some((Instant::now(), result.clone()));
        result
    }

    /// Every stored bet, as the core's records, in placement order.
    pub async fn all_bets(&self) -> Result<Vec<edgecore::Bet>, StorageError> {
        Ok(self
            .store
            .bets(&BetQuery::default())
            .await?
            .into_iter()
            .map(|b| b.bet)
            .collect())
    }

    /// Recomputes the bankroll, ROI and win-rate gauges from every bet (core statistics).
    pub async fn refresh_figures(&self) -> Result<(), StorageError> {
        let bets = self.all_bets().await?;
        match edgecore::stats::performance(&bets, self.config.bankroll.starting) {
            Ok(p) => {
                self.metrics
                    .bankroll
                    .set(edgecore::money::to_f64(p.final_bankroll));
                self.metrics.roi.set(p.roi.unwrap_or(0.0));
                self.metrics.settled_bets.set(p.settled as f64);
                if let Some(w) = p.win_rate {
                    self.metrics.win_rate.set(w);
                }
            }
            Err(e) => tracing::warn!("performance figures not computed: {e}"),
        }
        Ok(())
    }
}
