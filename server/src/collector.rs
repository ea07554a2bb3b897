//! Odds and scores collection: fetch every configured sport, validate, store in one
//! transaction.
//!
//! A collection fetches first and writes once: everything it stores goes through one
//! [`Storage::ingest`] transaction, so a crash or a kill at any point leaves either the whole
//! collection or none of it, and the history's unique key makes a repeated collection a
//! no-op. A dead key (401) halts the collector: it stops polling, says so once in the log,
//! sets `edgecore_collector_up` to 0 and shows the reason in `/health`, instead of failing
//! silently for hours.

use crate::config::Config;
use crate::metrics::Metrics;
use crate::odds_api::{FetchError, OddsApi, OddsPage};
use crate::recent::Recent;
use crate::storage::{
    CollectionRun, IngestBatch, IngestReport, Rejected, Storage, StorageError, StoredResult,
};
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::collections::BTreeSet;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};

/// What the collector is doing, for `/health`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CollectorStatus {
    /// Set once a 401 stopped polling: the reason (never the key).
    pub halted: Option<String>,
    /// Last successful odds collection.
    pub last_success: Option<DateTime<Utc>>,
    /// Last attempt, successful or not.
    pub last_attempt: Option<DateTime<Utc>>,
    /// Last error message, if the last attempt failed in part or whole.
    pub last_error: Option<String>,
}

/// Why a collection stored nothing.
#[derive(Debug, thiserror::Error)]
pub enum CollectError {
    /// The collector was halted by a 401.
    #[error("collector halted: {0}")]
    Halted(String),
    /// Every sport failed.
    #[error("no sport could be collected: {0}")]
    Upstream(String),
    /// The database refused the write (nothing was stored).
    #[error(transparent)]
    Storage(#[from] crate::storage::StorageError),
}

/// Summary of one collection.
#[derive(Debug, Clone, Serialize)]
pub struct Collected {
    /// "ok" (every sport) or "partial".
    pub status: String,
    /// Sports collected.
    pub sports: Vec<String>,
    /// What the write changed.
    pub report: IngestReport,
    /// Errors of the sports that failed.
    pub errors: Vec<String>,
}

/// The collector: an odds API client, the store and the metrics.
pub struct Collector {
    api: OddsApi,
    store: Arc<dyn Storage>,
    config: Arc<Config>,
    metrics: Arc<Metrics>,
    status: RwLock<CollectorStatus>,
    /// Unknown fields of the feed already logged (each is logged once).
    unknown_fields: Mutex<BTreeSet<String>>,
    /// Bumped after every write of prices, so cached boards know they are stale.
    pub board_version: AtomicU64,
    /// The recent prices and events in memory, updated by every collection written.
    pub recent: Recent,
}

impl Collector {
    /// A collector over `api`.
    pub fn new(
        api: OddsApi,
        store: Arc<dyn Storage>,
        config: Arc<Config>,
        metrics: Arc<Metrics>,
    ) -> Collector {
        Collector {
            api,
            store,
            metrics,
            status: RwLock::new(CollectorStatus::default()),
            unknown_fields: Mutex::new(BTreeSet::new()),
            board_version: AtomicU64::new(1),
            recent: Recent::of(&config),
            config,
        }
    }

    /// The current status.
    pub fn status(&self) -> CollectorStatus {
        self.status
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Puts back a status saved before (after collections replayed at past instants, so
    /// `/health` judges the collector by its live collections only).
    pub fn set_status(&self, status: CollectorStatus) {
        *self.status.write().unwrap_or_else(|p| p.into_inner()) = status;
    }

    /// The quota as last reported.
    pub fn quota(&self) -> crate::odds_api::QuotaState {
        self.api.quota.state()
    }

    /// Clears a halt (after the key was fixed), so the next collection polls again.
    pub fn resume(&self) {
        let mut s = self.status.write().unwrap_or_else(|p| p.into_inner());
        s.halted = None;
        self.metrics.collector_up.set(1.0);
    }

    /// Restores the last success time from the database after a restart.
    pub async fn restore(&self) -> Result<(), CollectError> {
        if let Some(run) = self.store.last_success("odds").await? {
            let mut s = self.status.write().unwrap_or_else(|p| p.into_inner());
            s.last_success = Some(run.finished_at);
            self.metrics
                .last_collection
                .set(run.finished_at.timestamp() as f64);
            if let Some(r) = run.requests_remaining {
                self.metrics.requests_remaining.set(r as f64);
            }
        }
        Ok(())
    }

    fn halt(&self, e: &FetchError) {
        let reason = e.to_string();
        tracing::error!(
            kind = e.kind(),
            "odds collection STOPPED: {reason}. Set a valid EDGECORE_ODDS_API_KEY (or wait for \
             the quota to renew) and restart, or POST /admin/collect to try again"
        );
        self.metrics.collector_up.set(0.0);
        let mut s = self.status.write().unwrap_or_else(|p| p.into_inner());
        s.halted = Some(reason);
    }

    async fn failed(&self, e: &FetchError, endpoint: &str, now: DateTime<Utc>) {
        self.metrics.collection_error(e.kind());
        tracing::warn!(kind = e.kind(), endpoint, "odds API request failed: {e}");
        if let FetchError::Malformed {
            reason,
            status,
            body,
        } = e
        {
            let rejected = Rejected {
                received_at: now,
                endpoint: endpoint.into(),
                status: i64::from(*status),
                reason: reason.clone(),
                body: body.clone(),
            };
            if let Err(err) = self.store.reject(&rejected).await {
                self.metrics.collection_error("storage");
                tracing::error!("could not keep the refused response: {err}");
            }
        }
        if e.stops_polling() {
            self.halt(e);
        }
    }

    /// Keeps the events of an answer refused alone (in `rejected_responses`, counted as
    /// `malformed`) and logs each field the server does not know the first time it is seen.
    async fn note(&self, page: &OddsPage, endpoint: &str, now: DateTime<Utc>) {
        for refused in &page.refused {
            self.metrics.collection_error("malformed");
            tracing::warn!(endpoint, "odds API event refused: {}", refused.reason);
            let rejected = Rejected {
                received_at: now,
                endpoint: endpoint.into(),
                status: 200,
                reason: refused.reason.clone(),
                body: refused.body.clone(),
            };
            if let Err(err) = self.store.reject(&rejected).await {
                self.metrics.collection_error("storage");
                tracing::error!("could not keep the refused event: {err}");
            }
        }
        let mut seen = self
            .unknown_fields
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        for field in &page.unknown_fields {
            if seen.len() < 1_000 && seen.insert(field.clone()) {
                tracing::warn!(
                    endpoint,
                    "the odds API sent a field this server does not read: {field} (ignored)"
                );
            }
        }
    }

    fn publish_quota(&self) -> Option<i64> {
        let q = self.api.quota.state();
        if let Some(r) = q.remaining {
            self.metrics.requests_remaining.set(r as f64);
        }
        if let Some(u) = q.used {
            self.metrics.requests_used.set(u as f64);
        }
        q.remaining.and_then(|r| i64::try_from(r).ok())
    }

    fn check_halted(&self) -> Result<(), CollectError> {
        match self.status().halted {
            Some(reason) => Err(CollectError::Halted(reason)),
            None => Ok(()),
        }
    }

    /// Collects the odds of `sports` (all configured sports when empty) at `now`.
    pub async fn collect_odds(
        &self,
        sports: &[String],
        now: DateTime<Utc>,
    ) -> Result<Collected, CollectError> {
        self.check_halted()?;
        let sports = if sports.is_empty() {
            &self.config.odds_api.sports
        } else {
            sports
        };
        let mut batch = IngestBatch::default();
        let mut done = Vec::new();
        let mut errors = Vec::new();
        for sport in sports {
            match self.api.odds(sport, now).await {
                Ok(page) => {
                    self.note(&page, &OddsApi::odds_path(sport), now).await;
                    batch.events.extend(page.events);
                    batch.prices.extend(page.prices);
                    done.push(sport.clone());
                }
                Err(e) => {
                    self.failed(&e, &OddsApi::odds_path(sport), now).await;
                    errors.push(format!("{sport}: {e}"));
                    if e.stops_polling() {
                        break;
                    }
                }
            }
        }
        self.finish("odds", batch, done, errors, now).await
    }

    /// Collects the scores of every configured sport and stores completed results.
    pub async fn collect_scores(&self, now: DateTime<Utc>) -> Result<Collected, CollectError> {
        self.check_halted()?;
        let mut batch = IngestBatch::default();
        let mut done = Vec::new();
        let mut errors = Vec::new();
        for sport in &self.config.odds_api.sports {
            match self.api.scores(sport).await {
                Ok(lines) => {
                    for line in lines {
                        if let Some(result) = line.result {
                            batch.results.push(StoredResult {
                                event_id: line.event.id.clone(),
                                result,
                                completed_at: line.updated_at.unwrap_or(now),
                            });
                        }
                        batch.events.push(line.event);
                    }
                    done.push(sport.clone());
                }
                Err(e) => {
                    self.failed(&e, &OddsApi::scores_path(sport), now).await;
                    errors.push(format!("{sport}: {e}"));
                    if e.stops_polling() {
                        break;
                    }
                }
            }
        }
        self.finish("scores", batch, done, errors, now).await
    }

    /// Writes a collection in one transaction, then applies it to the recent prices in
    /// memory and bumps the board version.
    pub async fn write(
        &self,
        batch: &IngestBatch,
        run: &CollectionRun,
    ) -> Result<IngestReport, StorageError> {
        let report = self.store.ingest(batch, run).await?;
        self.recent.apply(batch, run.finished_at);
        self.board_version.fetch_add(1, Ordering::Relaxed);
        Ok(report)
    }

    async fn finish(
        &self,
        kind: &str,
        batch: IngestBatch,
        done: Vec<String>,
        errors: Vec<String>,
        now: DateTime<Utc>,
    ) -> Result<Collected, CollectError> {
        let remaining = self.publish_quota();
        let status = if errors.is_empty() { "ok" } else { "partial" };
        let mut run = CollectionRun {
            kind: kind.into(),
            finished_at: now,
            status: status.into(),
            requests_remaining: remaining,
            prices: 0,
            history_appended: 0,
            message: errors.join("; "),
        };
        {
            let mut s = self.status.write().unwrap_or_else(|p| p.into_inner());
            if kind == "odds" {
                s.last_attempt = Some(now);
                s.last_error = (!errors.is_empty()).then(|| errors.join("; "));
            }
        }
        if done.is_empty() {
            run.status = "failed".into();
            if let Err(e) = self.store.record_run(&run).await {
                self.metrics.collection_error("storage");
                tracing::error!("could not record the failed run: {e}");
            }
            return Err(CollectError::Upstream(errors.join("; ")));
        }
        let report = match self.write(&batch, &run).await {
            Ok(r) => r,
            Err(e) => {
                self.metrics.collection_error("storage");
                tracing::error!("collection not stored (nothing was written): {e}");
                return Err(e.into());
            }
        };
        self.metrics
            .history_rows
            .fetch_add(report.history_appended, Ordering::Relaxed);
        if kind == "odds" {
            self.metrics.last_collection.set(now.timestamp() as f64);
            let mut s = self.status.write().unwrap_or_else(|p| p.into_inner());
            s.last_success = Some(now);
        }
        tracing::info!(
            kind,
            sports = done.len(),
            prices = report.prices,
            history = report.history_appended,
            results = report.results,
            remaining = remaining.unwrap_or(-1),
            "collection stored"
        );
        Ok(Collected {
            status: status.into(),
            sports: done,
            report,
            errors,
        })
    }
}
