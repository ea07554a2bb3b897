//! The one implementation of [`Storage`] over sqlx's `Any` pool, for both back ends.
//!
//! Queries use `$n` placeholders, which SQLite and PostgreSQL both accept, except the
//! statements of many rows, where SQLite gets anonymous `?` (it looks named parameters up by
//! a linear scan). The other dialect difference is how exact decimals cross: PostgreSQL stores NUMERIC, so a
//! decimal parameter is cast (`$n::numeric`) and a decimal column is read as text
//! (`price::text`); SQLite stores the normalised decimal text as is. Writes of many rows use
//! multi-row `VALUES` in chunks, inside one transaction.

use super::{
    BetQuery, BetRequest, BetStatus, CollectionRun, IngestBatch, IngestReport, LatestPrice, Match,
    OddsFilter, Page, Rejected, Storage, StorageError, StorageResult, StoredBet, StoredResult,
};
use chrono::{DateTime, Utc};
use edgecore::{Bet, Event, EventResult, Market, Outcome, PriceSnapshot, Selection};
use rust_decimal::Decimal;
use sqlx::any::{AnyArguments, AnyRow};
use sqlx::query::Query;
use sqlx::{Any, AnyPool, Row};
use std::collections::HashMap;
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

/// SQL dialect of a back end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// SQLite: decimals are TEXT.
    Sqlite,
    /// PostgreSQL: decimals are NUMERIC.
    Postgres,
}

impl Dialect {
    /// Placeholder of parameter `n`, for statements whose parameters are bound in order.
    /// SQLite gets an anonymous `?`: it resolves named parameters (`$n`) by a linear scan,
    /// which makes a statement of thousands of them quadratic.
    fn param(self, n: usize) -> String {
        match self {
            Dialect::Sqlite => "?".to_string(),
            Dialect::Postgres => format!("${n}"),
        }
    }

    /// Placeholders `start..start + count`, comma separated.
    fn params(self, start: usize, count: usize) -> String {
        (start..start + count)
            .map(|i| self.param(i))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Placeholder of decimal parameter `n` (bound in order, like [`Dialect::param`]).
    fn num(self, n: usize) -> String {
        match self {
            Dialect::Sqlite => "?".to_string(),
            Dialect::Postgres => format!("${n}::numeric"),
        }
    }

    /// Placeholder of decimal parameter `n` in a statement of numbered (`$n`) parameters.
    fn num_at(self, n: usize) -> String {
        match self {
            Dialect::Sqlite => format!("${n}"),
            Dialect::Postgres => format!("${n}::numeric"),
        }
    }

    /// Placeholder of a float parameter `n` bound as text (numbered statements). Floats
    /// cross as their shortest round-trip text: the `Any` driver declares a NULL float as
    /// `float4` on PostgreSQL, which a later non-NULL `float8` of the same cached statement
    /// then contradicts.
    fn float_at(self, n: usize) -> String {
        match self {
            Dialect::Sqlite => format!("${n}"),
            Dialect::Postgres => format!("${n}::double precision"),
        }
    }

    /// Expression reading decimal column `col` as text.
    fn text(self, col: &str) -> String {
        match self {
            Dialect::Sqlite => col.to_string(),
            Dialect::Postgres => format!("{col}::text"),
        }
    }
}

/// The store: a pool and its dialect.
pub struct SqlStore {
    pub(super) pool: AnyPool,
    pub(super) dialect: Dialect,
}

/// Rows per multi-row statement (8 parameters a row stays far below both back ends' limits).
const CHUNK: usize = 1000;

/// A value bound to a dynamically built query.
enum Param {
    Str(String),
    Int(i64),
}

/// A dynamically built list of parameters; `push` returns the placeholder.
#[derive(Default)]
struct Params(Vec<Param>);

impl Params {
    fn str(&mut self, v: impl Into<String>) -> String {
        self.0.push(Param::Str(v.into()));
        format!("${}", self.0.len())
    }
    fn int(&mut self, v: i64) -> String {
        self.0.push(Param::Int(v));
        format!("${}", self.0.len())
    }
    fn bind<'q>(&'q self, sql: &'q str) -> Query<'q, Any, AnyArguments<'q>> {
        self.0.iter().fold(sqlx::query(sql), |q, p| match p {
            Param::Str(s) => q.bind(s.as_str()),
            Param::Int(i) => q.bind(*i),
        })
    }
}

/// The condition "strictly after (`at`, `id`)" in the order of the columns `time`, `key`.
fn after_key(time: &str, key: &str, p: &mut Params, at: i64, id: &str) -> String {
    let (a1, a2, i) = (p.int(at), p.int(at), p.str(id));
    format!("({time} > {a1} OR ({time} = {a2} AND {key} > {i}))")
}

/// Unix milliseconds of an instant.
pub fn ms(t: DateTime<Utc>) -> i64 {
    t.timestamp_millis()
}

fn instant(v: i64) -> StorageResult<DateTime<Utc>> {
    DateTime::from_timestamp_millis(v)
        .ok_or_else(|| StorageError::Corrupt(format!("instant {v} ms is out of range")))
}

/// Text form of a line ("" when the market has none).
fn line_text(line: Option<Decimal>) -> String {
    line.map(|l| l.normalize().to_string()).unwrap_or_default()
}

fn parse_line(s: &str) -> StorageResult<Option<Decimal>> {
    if s.is_empty() {
        Ok(None)
    } else {
        decimal(s).map(Some)
    }
}

/// A stored decimal, normalised (prices and lines compare by value).
fn decimal(s: &str) -> StorageResult<Decimal> {
    amount(s).map(|d| d.normalize())
}

/// A stored amount as written, keeping its scale ("10.50" stays "10.50").
fn amount(s: &str) -> StorageResult<Decimal> {
    Decimal::from_str(s.trim())
        .or_else(|_| Decimal::from_scientific(s.trim()))
        .map_err(|_| StorageError::Corrupt(format!("{s:?} is not a decimal")))
}

fn named<T: FromStr>(s: &str) -> StorageResult<T>
where
    T::Err: std::fmt::Display,
{
    s.parse()
        .map_err(|e: T::Err| StorageError::Corrupt(e.to_string()))
}

type PriceKey<'a> = (&'a str, &'a str, Market, String, Selection);

fn snapshot(row: &AnyRow, captured: usize) -> StorageResult<PriceSnapshot> {
    Ok(PriceSnapshot {
        event_id: row.try_get(0)?,
        bookmaker: row.try_get(1)?,
        market: named(&row.try_get::<String, _>(2)?)?,
        line: parse_line(&row.try_get::<String, _>(3)?)?,
        selection: named(&row.try_get::<String, _>(4)?)?,
        price: decimal(&row.try_get::<String, _>(5)?)?,
        captured_at: instant(row.try_get(captured)?)?,
    })
}

const BET_COLUMNS: &str = "id, event_id, league, market, line, selection, bookmaker, odds, \
    stake, placed_ms, source, outcome, closing_odds, closing_probability, kickoff_ms, \
    settled_ms, created_ms, updated_ms, live, demo";

impl SqlStore {
    fn bet_select(&self) -> String {
        let d = self.dialect;
        format!(
            "SELECT id, event_id, league, market, line, selection, bookmaker, {}, {}, \
             placed_ms, source, outcome, {}, closing_probability, kickoff_ms, settled_ms, \
             created_ms, updated_ms, live, demo FROM bets",
            d.text("odds"),
            d.text("stake"),
            d.text("closing_odds")
        )
    }

    fn bet_row(row: &AnyRow) -> StorageResult<StoredBet> {
        let outcome: Option<String> = row.try_get(11)?;
        let closing: Option<String> = row.try_get(12)?;
        let kickoff: Option<i64> = row.try_get(14)?;
        let settled: Option<i64> = row.try_get(15)?;
        Ok(StoredBet {
            bet: Bet {
                id: row.try_get(0)?,
                event_id: row.try_get(1)?,
                league: row.try_get(2)?,
                market: named(&row.try_get::<String, _>(3)?)?,
                line: parse_line(&row.try_get::<String, _>(4)?)?,
                selection: named(&row.try_get::<String, _>(5)?)?,
                bookmaker: row.try_get(6)?,
                odds: amount(&row.try_get::<String, _>(7)?)?,
                stake: amount(&row.try_get::<String, _>(8)?)?,
                placed_at: instant(row.try_get(9)?)?,
                source: row.try_get(10)?,
                outcome: outcome.as_deref().map(named::<Outcome>).transpose()?,
                closing_odds: closing.as_deref().map(amount).transpose()?,
                closing_probability: row.try_get(13)?,
            },
            kickoff: kickoff.map(instant).transpose()?,
            settled_at: settled.map(instant).transpose()?,
            created_at: instant(row.try_get(16)?)?,
            updated_at: instant(row.try_get(17)?)?,
            live: row.try_get::<i64, _>(18)? != 0,
            demo: row.try_get::<i64, _>(19)? != 0,
        })
    }

    fn bet_values(&self) -> String {
        let d = self.dialect;
        format!(
            "$1, $2, $3, $4, $5, $6, $7, {}, {}, $10, $11, $12, {}, {}, $15, $16, $17, $18, $19, $20",
            d.num_at(8),
            d.num_at(9),
            d.num_at(13),
            d.float_at(14)
        )
    }

    fn bind_bet<'q>(
        q: Query<'q, Any, AnyArguments<'q>>,
        b: &'q StoredBet,
        texts: &'q BetTexts,
    ) -> Query<'q, Any, AnyArguments<'q>> {
        q.bind(b.bet.id.as_str())
            .bind(b.bet.event_id.as_str())
            .bind(b.bet.league.as_str())
            .bind(b.bet.market.as_str())
            .bind(texts.line.as_str())
            .bind(b.bet.selection.as_str())
            .bind(b.bet.bookmaker.as_str())
            .bind(texts.odds.as_str())
            .bind(texts.stake.as_str())
            .bind(ms(b.bet.placed_at))
            .bind(b.bet.source.as_str())
            .bind(b.bet.outcome.map(|o| o.as_str()))
            .bind(texts.closing.as_deref())
            .bind(texts.probability.as_deref())
            .bind(b.kickoff.map(ms))
            .bind(b.settled_at.map(ms))
            .bind(ms(b.created_at))
            .bind(ms(b.updated_at))
            .bind(i64::from(b.live))
            .bind(i64::from(b.demo))
    }

    async fn write_bet(
        &self,
        conn: &mut sqlx::AnyConnection,
        bet: &StoredBet,
    ) -> StorageResult<bool> {
        let sql = format!(
            "UPDATE bets SET (event_id, league, market, line, selection, bookmaker, odds, stake, \
             placed_ms, source, outcome, closing_odds, closing_probability, kickoff_ms, \
             settled_ms, created_ms, updated_ms, live, demo) = ({}) WHERE id = $1",
            self.bet_values()
                .split_once(", ")
                .map(|(_, rest)| rest.to_string())
                .unwrap_or_default()
        );
        let texts = BetTexts::of(bet);
        let done = Self::bind_bet(sqlx::query(&sql), bet, &texts)
            .execute(&mut *conn)
            .await?;
        Ok(done.rows_affected() > 0)
    }

    async fn write_new_bet(
        &self,
        conn: &mut sqlx::AnyConnection,
        bet: &StoredBet,
    ) -> StorageResult<()> {
        let sql = format!(
            "INSERT INTO bets ({BET_COLUMNS}) VALUES ({})",
            self.bet_values()
        );
        let texts = BetTexts::of(bet);
        Self::bind_bet(sqlx::query(&sql), bet, &texts)
            .execute(&mut *conn)
            .await?;
        Ok(())
    }

    async fn insert_run(conn: &mut sqlx::AnyConnection, run: &CollectionRun) -> StorageResult<()> {
        sqlx::query(
            "INSERT INTO collection_runs (kind, finished_ms, status, requests_remaining, prices, \
             history_appended, message) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(run.kind.as_str())
        .bind(ms(run.finished_at))
        .bind(run.status.as_str())
        .bind(run.requests_remaining)
        .bind(run.prices)
        .bind(run.history_appended)
        .bind(run.message.as_str())
        .execute(&mut *conn)
        .await?;
        Ok(())
    }

    async fn write_events(
        d: Dialect,
        conn: &mut sqlx::AnyConnection,
        events: &[Event],
        now: i64,
    ) -> StorageResult<u64> {
        let mut written = 0;
        for chunk in events.chunks(CHUNK) {
            let rows: Vec<String> = (0..chunk.len())
                .map(|i| format!("({})", d.params(i * 6 + 1, 6)))
                .collect();
            let sql = format!(
                "INSERT INTO events (id, sport, home, away, kickoff_ms, updated_ms) VALUES {} \
                 ON CONFLICT (id) DO UPDATE SET sport = excluded.sport, home = excluded.home, \
                 away = excluded.away, kickoff_ms = excluded.kickoff_ms, \
                 updated_ms = excluded.updated_ms",
                rows.join(", ")
            );
            let q = chunk.iter().fold(sqlx::query(&sql), |q, e| {
                q.bind(e.id.as_str())
                    .bind(e.league.as_str())
                    .bind(e.home.as_str())
                    .bind(e.away.as_str())
                    .bind(ms(e.kickoff))
                    .bind(now)
            });
            written += q.execute(&mut *conn).await?.rows_affected();
        }
        Ok(written)
    }

    async fn write_prices(
        &self,
        conn: &mut sqlx::AnyConnection,
        prices: &[PriceSnapshot],
    ) -> StorageResult<(u64, u64)> {
        // Keep the last row of each key (a feed may repeat a selection).
        let mut index: HashMap<PriceKey<'_>, usize> = HashMap::with_capacity(prices.len());
        for (i, p) in prices.iter().enumerate() {
            index.insert(
                (
                    p.event_id.as_str(),
                    p.bookmaker.as_str(),
                    p.market,
                    line_text(p.line),
                    p.selection,
                ),
                i,
            );
        }
        let mut rows: Vec<(&PriceSnapshot, String, String)> = index
            .into_iter()
            .filter_map(|((_, _, _, line, _), i)| {
                prices
                    .get(i)
                    .map(|p| (p, line, p.price.normalize().to_string()))
            })
            .collect();
        // Key order: each chunk walks the primary key index forwards.
        rows.sort_by(|a, b| {
            (
                a.0.event_id.as_str(),
                a.0.bookmaker.as_str(),
                a.0.market.as_str(),
                a.1.as_str(),
                a.0.selection.as_str(),
            )
                .cmp(&(
                    b.0.event_id.as_str(),
                    b.0.bookmaker.as_str(),
                    b.0.market.as_str(),
                    b.1.as_str(),
                    b.0.selection.as_str(),
                ))
        });
        let d = self.dialect;
        let started = std::time::Instant::now();
        let mut appended = 0;
        let (mut history_time, mut latest_time) = (Duration::ZERO, Duration::ZERO);
        for chunk in rows.chunks(CHUNK) {
            let values: Vec<String> = (0..chunk.len())
                .map(|i| {
                    let b = i * 7;
                    format!(
                        "({}, {}, {})",
                        d.params(b + 1, 5),
                        d.num(b + 6),
                        d.param(b + 7)
                    )
                })
                .collect();
            // History first, while the latest prices still hold the previous values: a row
            // is appended only when its key is new or its price differs.
            let t = std::time::Instant::now();
            let history = format!(
                "WITH v (event_id, bookmaker, market, line, selection, price, captured_ms) AS \
                 (VALUES {}) INSERT INTO price_history (event_id, bookmaker, market, line, \
                 selection, price, captured_ms) SELECT event_id, bookmaker, market, line, \
                 selection, price, captured_ms FROM v WHERE NOT EXISTS (SELECT 1 FROM \
                 latest_prices l WHERE l.event_id = v.event_id AND l.bookmaker = v.bookmaker \
                 AND l.market = v.market AND l.line = v.line AND l.selection = v.selection AND \
                 l.price = v.price) ON CONFLICT (event_id, bookmaker, market, line, selection, \
                 captured_ms) DO NOTHING",
                values.join(", ")
            );
            appended += bind_prices(&history, chunk)
                .execute(&mut *conn)
                .await?
                .rows_affected();
            history_time += t.elapsed();
            let t = std::time::Instant::now();
            let latest = format!(
                "WITH v (event_id, bookmaker, market, line, selection, price, captured_ms) AS \
                 (VALUES {}) INSERT INTO latest_prices (event_id, bookmaker, market, line, \
                 selection, price, seen_ms, changed_ms) SELECT event_id, bookmaker, market, \
                 line, selection, price, captured_ms, captured_ms FROM v WHERE true \
                 ON CONFLICT (event_id, bookmaker, market, line, selection) DO UPDATE SET \
                 seen_ms = excluded.seen_ms, changed_ms = CASE WHEN latest_prices.price = \
                 excluded.price THEN latest_prices.changed_ms ELSE excluded.changed_ms END, \
                 price = excluded.price",
                values.join(", ")
            );
            bind_prices(&latest, chunk).execute(&mut *conn).await?;
            latest_time += t.elapsed();
        }
        tracing::debug!(
            history_ms = history_time.as_millis() as u64,
            latest_ms = latest_time.as_millis() as u64,
            total_ms = started.elapsed().as_millis() as u64,
            "prices written"
        );
        Ok((rows.len() as u64, appended))
    }

    async fn write_results(
        conn: &mut sqlx::AnyConnection,
        results: &[StoredResult],
    ) -> StorageResult<u64> {
        let mut written = 0;
        for r in results {
            let (status, home, away) = match r.result {
                EventResult::Final { home, away } => {
                    ("final", Some(i64::from(home)), Some(i64::from(away)))
                }
                EventResult::Cancelled => ("cancelled", None, None),
            };
            written += sqlx::query(
                "INSERT INTO event_results (event_id, status, home_score, away_score, \
                 completed_ms) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (event_id) DO UPDATE SET \
                 status = excluded.status, home_score = excluded.home_score, \
                 away_score = excluded.away_score, completed_ms = excluded.completed_ms",
            )
            .bind(r.event_id.as_str())
            .bind(status)
            .bind(home)
            .bind(away)
            .bind(ms(r.completed_at))
            .execute(&mut *conn)
            .await?
            .rows_affected();
        }
        Ok(written)
    }

    fn event_row(row: &AnyRow) -> StorageResult<Event> {
        Ok(Event {
            id: row.try_get(0)?,
            league: row.try_get(1)?,
            home: row.try_get(2)?,
            away: row.try_get(3)?,
            kickoff: instant(row.try_get(4)?)?,
        })
    }

    fn result_of(
        status: Option<String>,
        home: Option<i64>,
        away: Option<i64>,
    ) -> StorageResult<Option<EventResult>> {
        let score = |v: Option<i64>| {
            v.and_then(|v| u32::try_from(v).ok())
                .ok_or_else(|| StorageError::Corrupt("a final result needs two scores".into()))
        };
        match status.as_deref() {
            None => Ok(None),
            Some("cancelled") => Ok(Some(EventResult::Cancelled)),
            Some("final") => Ok(Some(EventResult::Final {
                home: score(home)?,
                away: score(away)?,
            })),
            Some(other) => Err(StorageError::Corrupt(format!(
                "unknown result status {other:?}"
            ))),
        }
    }
}

/// Binds price rows (event, bookmaker, market, line, selection, price, captured) in order.
fn bind_prices<'q>(
    sql: &'q str,
    rows: &'q [(&'q PriceSnapshot, String, String)],
) -> Query<'q, Any, AnyArguments<'q>> {
    rows.iter().fold(sqlx::query(sql), |q, (p, line, price)| {
        q.bind(p.event_id.as_str())
            .bind(p.bookmaker.as_str())
            .bind(p.market.as_str())
            .bind(line.as_str())
            .bind(p.selection.as_str())
            .bind(price.as_str())
            .bind(ms(p.captured_at))
    })
}

/// Text forms of a bet's decimals, computed once per write.
struct BetTexts {
    line: String,
    odds: String,
    stake: String,
    closing: Option<String>,
    probability: Option<String>,
}

impl BetTexts {
    fn of(b: &StoredBet) -> BetTexts {
        BetTexts {
            line: line_text(b.bet.line),
            odds: b.bet.odds.to_string(),
            stake: b.bet.stake.to_string(),
            closing: b.bet.closing_odds.map(|c| c.to_string()),
            probability: b.bet.closing_probability.map(|p| p.to_string()),
        }
    }
}

#[async_trait::async_trait]
impl Storage for SqlStore {
    fn backend(&self) -> &'static str {
        match self.dialect {
            Dialect::Sqlite => "sqlite",
            Dialect::Postgres => "postgres",
        }
    }

    async fn migrate(&self) -> StorageResult<()> {
        match self.dialect {
            Dialect::Sqlite => super::sqlite::MIGRATOR.run(&self.pool).await?,
            Dialect::Postgres => super::postgres::MIGRATOR.run(&self.pool).await?,
        }
        Ok(())
    }

    async fn ping(&self) -> StorageResult<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    async fn ping_write(&self, now: DateTime<Utc>) -> StorageResult<()> {
        sqlx::query(
            "INSERT INTO write_probe (id, at_ms) VALUES (1, $1) \
             ON CONFLICT (id) DO UPDATE SET at_ms = excluded.at_ms",
        )
        .bind(ms(now))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn ingest(
        &self,
        batch: &IngestBatch,
        run: &CollectionRun,
    ) -> StorageResult<IngestReport> {
        let started = std::time::Instant::now();
        let mut tx = self.pool.begin().await?;
        let events =
            Self::write_events(self.dialect, &mut tx, &batch.events, ms(run.finished_at)).await?;
        let after_events = started.elapsed();
        let (prices, history_appended) = self.write_prices(&mut tx, &batch.prices).await?;
        let after_prices = started.elapsed();
        let results = Self::write_results(&mut tx, &batch.results).await?;
        let run = CollectionRun {
            prices: i64::try_from(prices).unwrap_or(i64::MAX),
            history_appended: i64::try_from(history_appended).unwrap_or(i64::MAX),
            ..run.clone()
        };
        Self::insert_run(&mut tx, &run).await?;
        tx.commit().await?;
        tracing::debug!(
            events_ms = after_events.as_millis() as u64,
            prices_ms = (after_prices - after_events).as_millis() as u64,
            total_ms = started.elapsed().as_millis() as u64,
            prices,
            "ingest"
        );
        Ok(IngestReport {
            events,
            prices,
            history_appended,
            results,
        })
    }

    async fn record_run(&self, run: &CollectionRun) -> StorageResult<()> {
        let mut conn = self.pool.acquire().await?;
        Self::insert_run(&mut conn, run).await
    }

    async fn last_success(&self, kind: &str) -> StorageResult<Option<CollectionRun>> {
        let row = sqlx::query(
            "SELECT kind, finished_ms, status, requests_remaining, prices, history_appended, \
             message FROM collection_runs WHERE kind = $1 AND status IN ('ok', 'partial') \
             ORDER BY finished_ms DESC LIMIT 1",
        )
        .bind(kind)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| {
            Ok(CollectionRun {
                kind: r.try_get(0)?,
                finished_at: instant(r.try_get(1)?)?,
                status: r.try_get(2)?,
                requests_remaining: r.try_get(3)?,
                prices: r.try_get(4)?,
                history_appended: r.try_get(5)?,
                message: r.try_get(6)?,
            })
        })
        .transpose()
    }

    async fn reject(&self, rejected: &Rejected) -> StorageResult<()> {
        let body: String = rejected.body.chars().take(1 << 20).collect();
        sqlx::query(
            "INSERT INTO rejected_responses (received_ms, endpoint, status, reason, body) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(ms(rejected.received_at))
        .bind(rejected.endpoint.as_str())
        .bind(rejected.status)
        .bind(rejected.reason.as_str())
        .bind(body.as_str())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn rejected_count(&self) -> StorageResult<u64> {
        let n: i64 = sqlx::query("SELECT COUNT(*) FROM rejected_responses")
            .fetch_one(&self.pool)
            .await?
            .try_get(0)?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    async fn latest(&self, filter: &OddsFilter) -> StorageResult<Vec<LatestPrice>> {
        let mut p = Params::default();
        let mut conditions = vec!["1 = 1".to_string()];
        if let Some(s) = &filter.sport {
            conditions.push(format!("e.sport = {}", p.str(s.as_str())));
        }
        if let Some(s) = &filter.event {
            conditions.push(format!("l.event_id = {}", p.str(s.as_str())));
        }
        if let Some(m) = filter.market {
            conditions.push(format!("l.market = {}", p.str(m.as_str())));
        }
        if let Some(b) = &filter.bookmaker {
            conditions.push(format!("l.bookmaker = {}", p.str(b.as_str())));
        }
        if let Some(t) = filter.since {
            conditions.push(format!("l.changed_ms >= {}", p.int(ms(t))));
        }
        if let Some(t) = filter.kickoff_from {
            conditions.push(format!("e.kickoff_ms >= {}", p.int(ms(t))));
        }
        let limit = p.int(i64::from(filter.limit.max(1)));
        let sql = format!(
            "SELECT l.event_id, l.bookmaker, l.market, l.line, l.selection, {}, l.seen_ms, \
             l.changed_ms, e.sport, e.home, e.away, e.kickoff_ms FROM latest_prices l \
             JOIN events e ON e.id = l.event_id WHERE {} ORDER BY e.kickoff_ms, l.event_id, \
             l.market, l.line, l.bookmaker, l.selection LIMIT {limit}",
            self.dialect.text("l.price"),
            conditions.join(" AND ")
        );
        let rows = p.bind(&sql).fetch_all(&self.pool).await?;
        rows.iter()
            .map(|r| {
                let s = snapshot(r, 6)?;
                Ok(LatestPrice {
                    event_id: s.event_id,
                    sport: r.try_get(8)?,
                    home: r.try_get(9)?,
                    away: r.try_get(10)?,
                    kickoff: instant(r.try_get(11)?)?,
                    bookmaker: s.bookmaker,
                    market: s.market,
                    line: s.line,
                    selection: s.selection,
                    price: s.price,
                    seen_at: s.captured_at,
                    changed_at: instant(r.try_get(7)?)?,
                })
            })
            .collect()
    }

    async fn board(&self, after: DateTime<Utc>) -> StorageResult<Vec<PriceSnapshot>> {
        let sql = format!(
            "SELECT l.event_id, l.bookmaker, l.market, l.line, l.selection, {}, l.seen_ms \
             FROM latest_prices l JOIN events e ON e.id = l.event_id WHERE e.kickoff_ms > $1",
            self.dialect.text("l.price")
        );
        let rows = sqlx::query(&sql)
            .bind(ms(after))
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(|r| snapshot(r, 6)).collect()
    }

    async fn history(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        kickoff_after: DateTime<Utc>,
    ) -> StorageResult<Vec<PriceSnapshot>> {
        let sql = format!(
            "SELECT h.event_id, h.bookmaker, h.market, h.line, h.selection, {}, h.captured_ms \
             FROM price_history h JOIN events e ON e.id = h.event_id WHERE h.captured_ms >= $1 \
             AND h.captured_ms < $2 AND e.kickoff_ms > $3 ORDER BY h.captured_ms, h.id",
            self.dialect.text("h.price")
        );
        let rows = sqlx::query(&sql)
            .bind(ms(from))
            .bind(ms(to))
            .bind(ms(kickoff_after))
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(|r| snapshot(r, 6)).collect()
    }

    async fn market_history(
        &self,
        event_id: &str,
        bookmaker: &str,
        market: Market,
        before: DateTime<Utc>,
    ) -> StorageResult<Vec<PriceSnapshot>> {
        let sql = format!(
            "SELECT event_id, bookmaker, market, line, selection, {}, captured_ms FROM \
             price_history WHERE event_id = $1 AND bookmaker = $2 AND market = $3 AND \
             captured_ms < $4 ORDER BY captured_ms, id",
            self.dialect.text("price")
        );
        let rows = sqlx::query(&sql)
            .bind(event_id)
            .bind(bookmaker)
            .bind(market.as_str())
            .bind(ms(before))
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(|r| snapshot(r, 6)).collect()
    }

    async fn matches(
        &self,
        sport: Option<&str>,
        from: Option<DateTime<Utc>>,
        to: Option<DateTime<Utc>>,
        page: &Page,
    ) -> StorageResult<Vec<Match>> {
        let mut p = Params::default();
        let mut conditions = vec!["1 = 1".to_string()];
        if let Some(s) = sport {
            conditions.push(format!("e.sport = {}", p.str(s)));
        }
        if let Some(t) = from {
            conditions.push(format!("e.kickoff_ms >= {}", p.int(ms(t))));
        }
        if let Some(t) = to {
            conditions.push(format!("e.kickoff_ms < {}", p.int(ms(t))));
        }
        if let Some((at, id)) = &page.after {
            conditions.push(after_key("e.kickoff_ms", "e.id", &mut p, *at, id));
        }
        let sql = format!(
            "SELECT e.id, e.sport, e.home, e.away, e.kickoff_ms, (SELECT COUNT(DISTINCT \
             l.bookmaker) FROM latest_prices l WHERE l.event_id = e.id), r.status, \
             r.home_score, r.away_score FROM events e LEFT JOIN event_results r ON \
             r.event_id = e.id WHERE {} ORDER BY e.kickoff_ms, e.id LIMIT {}",
            conditions.join(" AND "),
            page.limit
        );
        let rows = p.bind(&sql).fetch_all(&self.pool).await?;
        rows.iter()
            .map(|r| {
                let books: i64 = r.try_get(5)?;
                Ok(Match {
                    event: Self::event_row(r)?,
                    bookmakers: u64::try_from(books).unwrap_or(0),
                    result: Self::result_of(r.try_get(6)?, r.try_get(7)?, r.try_get(8)?)?,
                })
            })
            .collect()
    }

    async fn event(&self, id: &str) -> StorageResult<Option<Event>> {
        let row = sqlx::query("SELECT id, sport, home, away, kickoff_ms FROM events WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(Self::event_row).transpose()
    }

    async fn results(&self, event_ids: &[String]) -> StorageResult<HashMap<String, EventResult>> {
        let mut out = HashMap::new();
        for chunk in event_ids.chunks(CHUNK) {
            let sql = format!(
                "SELECT event_id, status, home_score, away_score FROM event_results WHERE \
                 event_id IN ({})",
                self.dialect.params(1, chunk.len())
            );
            let q = chunk
                .iter()
                .fold(sqlx::query(&sql), |q, id| q.bind(id.as_str()));
            for row in q.fetch_all(&self.pool).await? {
                if let Some(result) =
                    Self::result_of(row.try_get(1)?, row.try_get(2)?, row.try_get(3)?)?
                {
                    out.insert(row.try_get(0)?, result);
                }
            }
        }
        Ok(out)
    }

    async fn insert_bet(&self, bet: &StoredBet) -> StorageResult<()> {
        let mut conn = self.pool.acquire().await?;
        self.write_new_bet(&mut conn, bet).await
    }

    async fn insert_bet_once(
        &self,
        bet: &StoredBet,
        request: &BetRequest,
    ) -> StorageResult<Option<BetRequest>> {
        let mut tx = self.pool.begin().await?;
        let claimed = sqlx::query(
            "INSERT INTO bet_requests (request_key, request_hash, bet_id, created_ms) \
             VALUES ($1, $2, $3, $4) ON CONFLICT (request_key) DO NOTHING",
        )
        .bind(request.key.as_str())
        .bind(request.hash.as_str())
        .bind(bet.bet.id.as_str())
        .bind(ms(bet.created_at))
        .execute(&mut *tx)
        .await?
        .rows_affected()
            > 0;
        if claimed {
            self.write_new_bet(&mut tx, bet).await?;
            tx.commit().await?;
            return Ok(None);
        }
        tx.rollback().await?;
        self.bet_request(&request.key).await
    }

    async fn bet_request(&self, key: &str) -> StorageResult<Option<BetRequest>> {
        let row = sqlx::query(
            "SELECT request_key, request_hash, bet_id FROM bet_requests WHERE request_key = $1",
        )
        .bind(key)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| {
            Ok(BetRequest {
                key: row.try_get(0)?,
                hash: row.try_get(1)?,
                bet_id: row.try_get(2)?,
            })
        })
        .transpose()
    }

    async fn update_bet(&self, bet: &StoredBet) -> StorageResult<bool> {
        let mut conn = self.pool.acquire().await?;
        self.write_bet(&mut conn, bet).await
    }

    async fn update_bets(&self, bets: &[StoredBet]) -> StorageResult<u64> {
        let mut tx = self.pool.begin().await?;
        let mut n = 0;
        for bet in bets {
            if self.write_bet(&mut tx, bet).await? {
                n += 1;
            }
        }
        tx.commit().await?;
        Ok(n)
    }

    async fn delete_bet(&self, id: &str) -> StorageResult<bool> {
        let done = sqlx::query("DELETE FROM bets WHERE id = $1")
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }

    async fn bet(&self, id: &str) -> StorageResult<Option<StoredBet>> {
        let sql = format!("{} WHERE id = $1", self.bet_select());
        let row = sqlx::query(&sql)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(Self::bet_row).transpose()
    }

    async fn bets(&self, query: &BetQuery) -> StorageResult<Vec<StoredBet>> {
        let mut p = Params::default();
        let mut conditions = vec!["1 = 1".to_string()];
        match query.status {
            BetStatus::All => {}
            BetStatus::Pending => conditions.push("outcome IS NULL".into()),
            BetStatus::Settled => conditions.push("outcome IS NOT NULL".into()),
        }
        if let Some(t) = query.from {
            conditions.push(format!("placed_ms >= {}", p.int(ms(t))));
        }
        if let Some(t) = query.to {
            conditions.push(format!("placed_ms < {}", p.int(ms(t))));
        }
        let mut limit = String::new();
        if let Some(page) = &query.page {
            if let Some((at, id)) = &page.after {
                conditions.push(after_key("placed_ms", "id", &mut p, *at, id));
            }
            limit = format!(" LIMIT {}", page.limit);
        }
        let sql = format!(
            "{} WHERE {} ORDER BY placed_ms, id{limit}",
            self.bet_select(),
            conditions.join(" AND ")
        );
        let rows = p.bind(&sql).fetch_all(&self.pool).await?;
        rows.iter().map(Self::bet_row).collect()
    }

    async fn prune(&self, before: DateTime<Utc>) -> StorageResult<u64> {
        let mut tx = self.pool.begin().await?;
        let cutoff = ms(before);
        let n = sqlx::query("DELETE FROM price_history WHERE captured_ms < $1")
            .bind(cutoff)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        for sql in [
            "DELETE FROM collection_runs WHERE finished_ms < $1",
            "DELETE FROM rejected_responses WHERE received_ms < $1",
        ] {
            sqlx::query(sql).bind(cutoff).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(n)
    }

    async fn backup(&self, path: &Path) -> StorageResult<()> {
        match self.dialect {
            Dialect::Sqlite => super::sqlite::backup(&self.pool, path).await,
            Dialect::Postgres => super::postgres::backup(path),
        }
    }
}
