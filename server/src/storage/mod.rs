//! Storage: one schema behind the small [`Storage`] trait, with two back ends.
//!
//! [`open`] picks the back end from the database URL: SQLite (WAL journal, the default,
//! embedded under `./data/`) or PostgreSQL (`postgres://`). Both run the same queries through
//! [`sql::SqlStore`]; the differences (numeric casts, migrations, backup) live in
//! [`sqlite`] and [`postgres`]. Money and prices are exact: TEXT holding a normalised decimal
//! in SQLite, NUMERIC in PostgreSQL, never a float. Instants are Unix milliseconds (BIGINT)
//! in both, so they compare and sort the same way everywhere.

pub mod postgres;
pub mod sql;
pub mod sqlite;

use chrono::{DateTime, Utc};
use edgecore::{Bet, Event, EventResult, Market, PriceSnapshot, Selection};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

/// A storage failure. The message never holds the database URL or a credential.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    /// The database answered with an error or could not be reached.
    #[error("database error: {0}")]
    Database(String),
    /// A stored value could not be read back (corrupt or foreign row).
    #[error("stored data could not be read: {0}")]
    Corrupt(String),
    /// The operation is not offered by this back end.
    #[error("{0}")]
    Unsupported(String),
}

impl From<sqlx::Error> for StorageError {
    fn from(e: sqlx::Error) -> StorageError {
        match e {
            sqlx::Error::Configuration(_) => {
                StorageError::Database("invalid database configuration".into())
            }
            other => StorageError::Database(other.to_string()),
        }
    }
}

impl From<sqlx::migrate::MigrateError> for StorageError {
    fn from(e: sqlx::migrate::MigrateError) -> StorageError {
        StorageError::Database(format!("migration failed: {e}"))
    }
}

/// Result of a storage operation.
pub type StorageResult<T> = Result<T, StorageError>;

/// What one collection writes, atomically.
#[derive(Debug, Clone, Default)]
pub struct IngestBatch {
    /// Events seen (inserted or updated).
    pub events: Vec<Event>,
    /// Prices captured.
    pub prices: Vec<PriceSnapshot>,
    /// Final results seen on the scores feed.
    pub results: Vec<StoredResult>,
}

/// What an ingest changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct IngestReport {
    /// Events written.
    pub events: u64,
    /// Price rows received (after removing duplicates within the batch).
    pub prices: u64,
    /// Rows appended to the history (new or changed prices).
    pub history_appended: u64,
    /// Results written.
    pub results: u64,
}

/// A final result as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoredResult {
    /// The event's identifier.
    pub event_id: String,
    /// The result.
    pub result: EventResult,
    /// When the feed reported it complete.
    pub completed_at: DateTime<Utc>,
}

/// A latest price with its event, as listed by `GET /odds`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LatestPrice {
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
    /// Bookmaker key.
    pub bookmaker: String,
    /// Market.
    pub market: Market,
    /// Line for totals.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub line: Option<Decimal>,
    /// Selection.
    pub selection: Selection,
    /// Decimal odds.
    #[serde(with = "rust_decimal::serde::str")]
    pub price: Decimal,
    /// When this price was last seen on the feed.
    pub seen_at: DateTime<Utc>,
    /// When the price last changed.
    pub changed_at: DateTime<Utc>,
}

/// Filters of `GET /odds`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct OddsFilter {
    /// Sport key.
    pub sport: Option<String>,
    /// Event identifier.
    pub event: Option<String>,
    /// Market.
    pub market: Option<Market>,
    /// Bookmaker key.
    pub bookmaker: Option<String>,
    /// Only prices that changed at or after this instant.
    pub since: Option<DateTime<Utc>>,
    /// Only events kicking off at or after this instant.
    pub kickoff_from: Option<DateTime<Utc>>,
    /// Most rows returned.
    pub limit: u32,
}

/// An event with its result, if known, as listed by `GET /odds/matches`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Match {
    /// The event.
    #[serde(flatten)]
    pub event: Event,
    /// Bookmakers with a latest price on it.
    pub bookmakers: u64,
    /// The result once the feed reported it.
    pub result: Option<EventResult>,
}

/// A bet as stored: the core record plus bookkeeping instants.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredBet {
    /// The core record.
    pub bet: Bet,
    /// The event's kickoff when the bet was recorded (closing lines are taken before it).
    pub kickoff: Option<DateTime<Utc>>,
    /// When the bet was settled.
    pub settled_at: Option<DateTime<Utc>>,
    /// When the record was created.
    pub created_at: DateTime<Utc>,
    /// When the record last changed.
    pub updated_at: DateTime<Utc>,
    /// Placed at or after kickoff, at a price that was on the board then.
    pub live: bool,
    /// A demo bet (the replay demonstration's season), not a real one.
    pub demo: bool,
}

/// A `POST /bets` request carrying an `Idempotency-Key`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BetRequest {
    /// The caller's name and the key ("alice:7f3e...").
    pub key: String,
    /// SHA-256 (hex) of the request body.
    pub hash: String,
    /// The bet the first request created.
    pub bet_id: String,
}

/// Status filter of `GET /bets`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BetStatus {
    /// Every bet.
    #[default]
    All,
    /// Not settled yet.
    Pending,
    /// Settled.
    Settled,
}

/// Filters of `GET /bets` applied by the database.
#[derive(Debug, Clone, Default)]
pub struct BetQuery {
    /// Status.
    pub status: BetStatus,
    /// Placed at or after.
    pub from: Option<DateTime<Utc>>,
    /// Placed before.
    pub to: Option<DateTime<Utc>>,
    /// One page: rows after this key, at most this many (`None`: every row).
    pub page: Option<Page>,
}

/// A page of a list in its order: the rows strictly after `after` (the sort key of the last
/// row of the previous page), at most `limit`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Page {
    /// Sort key of the last row already seen: an instant in Unix milliseconds (placement
    /// for bets, kickoff for events) and the id.
    pub after: Option<(i64, String)>,
    /// Most rows returned.
    pub limit: u32,
}

impl Page {
    /// The first `limit` rows.
    pub fn first(limit: u32) -> Page {
        Page { after: None, limit }
    }
}

/// One collection run, for `/health` and the "dead collector" check.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CollectionRun {
    /// "odds" or "scores".
    pub kind: String,
    /// When it finished.
    pub finished_at: DateTime<Utc>,
    /// "ok", "partial" or "failed".
    pub status: String,
    /// Quota left after it, if the feed said.
    pub requests_remaining: Option<i64>,
    /// Price rows received.
    pub prices: i64,
    /// History rows appended.
    pub history_appended: i64,
    /// A short message (error kinds), never a secret.
    pub message: String,
}

/// An upstream response refused whole, kept for diagnosis.
#[derive(Debug, Clone, PartialEq)]
pub struct Rejected {
    /// When it was received.
    pub received_at: DateTime<Utc>,
    /// The endpoint path (no query string, so no key).
    pub endpoint: String,
    /// HTTP status.
    pub status: i64,
    /// Why it was refused.
    pub reason: String,
    /// The raw body (truncated to 1 MiB).
    pub body: String,
}

/// Everything the server stores. Each method is one transaction.
#[async_trait::async_trait]
pub trait Storage: Send + Sync {
    /// The back end's name ("sqlite" or "postgres").
    fn backend(&self) -> &'static str;
    /// Applies the migrations in the repository.
    async fn migrate(&self) -> StorageResult<()>;
    /// Checks the database answers.
    async fn ping(&self) -> StorageResult<()>;
    /// Checks the database accepts a write (rewrites one probe row).
    async fn ping_write(&self, now: DateTime<Utc>) -> StorageResult<()>;
    /// Writes a collection: events, latest prices (one per event, bookmaker, market, line,
    /// selection), history rows for new or changed prices, results and the run record, in
    /// one transaction.
    async fn ingest(&self, batch: &IngestBatch, run: &CollectionRun)
    -> StorageResult<IngestReport>;
    /// Records a failed or skipped run (no data).
    async fn record_run(&self, run: &CollectionRun) -> StorageResult<()>;
    /// The last run of `kind` with status "ok" or "partial".
    async fn last_success(&self, kind: &str) -> StorageResult<Option<CollectionRun>>;
    /// Keeps a refused response.
    async fn reject(&self, rejected: &Rejected) -> StorageResult<()>;
    /// Number of refused responses kept.
    async fn rejected_count(&self) -> StorageResult<u64>;
    /// Latest prices matching the filter, newest events first.
    async fn latest(&self, filter: &OddsFilter) -> StorageResult<Vec<LatestPrice>>;
    /// Every latest price of events kicking off after `after` (the board), as snapshots
    /// captured when last seen.
    async fn board(&self, after: DateTime<Utc>) -> StorageResult<Vec<PriceSnapshot>>;
    /// History rows captured in `[from, to)` for events kicking off after `kickoff_after`.
    async fn history(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        kickoff_after: DateTime<Utc>,
    ) -> StorageResult<Vec<PriceSnapshot>>;
    /// History rows of one event at one bookmaker for one market, captured before `before`.
    async fn market_history(
        &self,
        event_id: &str,
        bookmaker: &str,
        market: Market,
        before: DateTime<Utc>,
    ) -> StorageResult<Vec<PriceSnapshot>>;
    /// Events, with results, kicking off in `[from, to)`, optionally of one sport, in
    /// kickoff and id order, one page.
    async fn matches(
        &self,
        sport: Option<&str>,
        from: Option<DateTime<Utc>>,
        to: Option<DateTime<Utc>>,
        page: &Page,
    ) -> StorageResult<Vec<Match>>;
    /// One event.
    async fn event(&self, id: &str) -> StorageResult<Option<Event>>;
    /// Results of the given events.
    async fn results(&self, event_ids: &[String]) -> StorageResult<HashMap<String, EventResult>>;
    /// Inserts a bet.
    async fn insert_bet(&self, bet: &StoredBet) -> StorageResult<()>;
    /// Inserts a bet and records `request` (its `bet_id` is the bet's), in one transaction,
    /// unless a request with the same key was recorded before: then nothing is written and
    /// that earlier request is returned.
    async fn insert_bet_once(
        &self,
        bet: &StoredBet,
        request: &BetRequest,
    ) -> StorageResult<Option<BetRequest>>;
    /// The request recorded under `key`, if any.
    async fn bet_request(&self, key: &str) -> StorageResult<Option<BetRequest>>;
    /// Replaces a bet; false when the id is unknown.
    async fn update_bet(&self, bet: &StoredBet) -> StorageResult<bool>;
    /// Replaces several bets in one transaction (settlement, CLV); returns how many existed.
    async fn update_bets(&self, bets: &[StoredBet]) -> StorageResult<u64>;
    /// Deletes a bet; false when the id is unknown.
    async fn delete_bet(&self, id: &str) -> StorageResult<bool>;
    /// One bet.
    async fn bet(&self, id: &str) -> StorageResult<Option<StoredBet>>;
    /// Bets matching the query, in placement and id order (one page when the query has
    /// one).
    async fn bets(&self, query: &BetQuery) -> StorageResult<Vec<StoredBet>>;
    /// Deletes history rows captured before `before`; returns how many.
    async fn prune(&self, before: DateTime<Utc>) -> StorageResult<u64>;
    /// Writes a consistent copy of the database to `path`.
    async fn backup(&self, path: &Path) -> StorageResult<()>;
}

/// How long the first connection may take before the database is reported unreachable.
const FIRST_CONNECT: std::time::Duration = std::time::Duration::from_secs(10);

/// Opens one connection and runs `query` (one that reads the schema), so that an
/// unreachable server, a refused login or a file that is not a database is reported at
/// once with its cause, naming `what` (the file, or the host and port), instead of a pool
/// timing out after 30 s of retries.
async fn first_check(url: &str, query: &str, what: &str) -> StorageResult<()> {
    use sqlx::Connection;
    let check = async {
        let mut conn = sqlx::AnyConnection::connect(url).await?;
        sqlx::query(query).fetch_all(&mut conn).await?;
        conn.close().await
    };
    match tokio::time::timeout(FIRST_CONNECT, check).await {
        Ok(Ok(())) => Ok(()),
        Ok(Err(e)) => Err(StorageError::Database(format!(
            "cannot use {what}: {}",
            StorageError::from(e)
        ))),
        Err(_) => Err(StorageError::Database(format!(
            "cannot use {what}: no answer within {} s",
            FIRST_CONNECT.as_secs()
        ))),
    }
}

/// Opens (and migrates) the store named by `url`.
pub async fn open(url: &str) -> StorageResult<Arc<dyn Storage>> {
    let store = if url.starts_with("sqlite:") {
        sqlite::connect(url).await?
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        postgres::connect(url).await?
    } else {
        return Err(StorageError::Unsupported(
            "the database URL must start with sqlite: or postgres://".into(),
        ));
    };
    store.migrate().await?;
    Ok(Arc::new(store))
}
