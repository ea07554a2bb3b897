//! The agents' published opportunities (the track record), on both back ends.
//!
//! A pick is stored once per (event, market, line, selection, bookmaker): a later board
//! that lists it again changes nothing (`ON CONFLICT DO NOTHING`), so its price, score and
//! label stay those of the first publication. The closing line and the outcome are written
//! later, by the CLV and settlement runs. The agents that found it are kept as
//! `,anomaly,spread,` so one agent is found with `LIKE '%,anomaly,%'`.

use super::StorageResult;
use super::sql::{Params, SqlStore, decimal, instant, line_text, ms, named, parse_line};
use chrono::{DateTime, Utc};
use edgecore::agents::{AgentName, Label, Pick};
use serde::Serialize;
use sqlx::Row;
use sqlx::any::AnyRow;

/// A pick as stored: the core record plus what the API shows beside it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredPick {
    /// The core record.
    #[serde(flatten)]
    pub pick: Pick,
    /// The event's kickoff.
    pub kickoff: DateTime<Utc>,
    /// `price x fair_probability - 1` when first seen (fraction).
    pub edge: f64,
    /// The consensus score when first seen, 0-100.
    pub score: f64,
    /// When the closing line was looked up (after kickoff); `None` before.
    pub closed_at: Option<DateTime<Utc>>,
    /// When the pick was settled.
    pub settled_at: Option<DateTime<Utc>>,
}

/// Which picks a query wants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PickState {
    /// Every pick.
    #[default]
    All,
    /// Picks of events that kicked off by this instant whose closing line was not looked up.
    ToClose(DateTime<Utc>),
    /// Picks not settled yet.
    ToSettle,
}

/// Filters of a pick query.
#[derive(Debug, Clone, Default)]
pub struct PickQuery {
    /// Found by this agent.
    pub agent: Option<AgentName>,
    /// With this label.
    pub label: Option<Label>,
    /// Of this sport.
    pub sport: Option<String>,
    /// First seen at or after.
    pub from: Option<DateTime<Utc>>,
    /// What state.
    pub state: PickState,
    /// Most rows (all when `None`).
    pub limit: Option<u32>,
    /// Rows skipped (newest first).
    pub offset: u32,
}

/// Picks per multi-row insert (15 parameters each).
const CHUNK: usize = 200;

fn agents_text(agents: &[AgentName]) -> String {
    let names: Vec<&str> = agents.iter().map(|a| a.as_str()).collect();
    format!(",{},", names.join(","))
}

fn agents_of(text: &str) -> StorageResult<Vec<AgentName>> {
    text.split(',')
        .filter(|s| !s.is_empty())
        .map(named::<AgentName>)
        .collect()
}

/// The picks of the agents.
#[async_trait::async_trait]
pub trait PickStore {
    /// Stores the picks not stored yet (a stored pick keeps its first values); returns how
    /// many were new.
    async fn record_picks(&self, picks: &[StoredPick]) -> StorageResult<u64>;
    /// Picks matching the query, newest first.
    async fn picks(&self, query: &PickQuery) -> StorageResult<Vec<StoredPick>>;
    /// Writes the closing line and the outcome of picks, in one transaction; returns how
    /// many existed.
    async fn update_picks(&self, picks: &[StoredPick]) -> StorageResult<u64>;
}

impl SqlStore {
    fn pick_row(row: &AnyRow) -> StorageResult<StoredPick> {
        let closing: Option<String> = row.try_get(14)?;
        let outcome: Option<String> = row.try_get(17)?;
        let closed: Option<i64> = row.try_get(16)?;
        let settled: Option<i64> = row.try_get(18)?;
        Ok(StoredPick {
            pick: Pick {
                event_id: row.try_get(0)?,
                market: named(&row.try_get::<String, _>(1)?)?,
                line: parse_line(&row.try_get::<String, _>(2)?)?,
                selection: named(&row.try_get::<String, _>(3)?)?,
                bookmaker: row.try_get(4)?,
                league: row.try_get(5)?,
                first_seen: instant(row.try_get(7)?)?,
                price: decimal(&row.try_get::<String, _>(8)?)?,
                fair_probability: row.try_get(9)?,
                label: named(&row.try_get::<String, _>(12)?)?,
                agents: agents_of(&row.try_get::<String, _>(13)?)?,
                closing_odds: closing.as_deref().map(decimal).transpose()?,
                closing_probability: row.try_get(15)?,
                outcome: outcome.as_deref().map(named).transpose()?,
            },
            kickoff: instant(row.try_get(6)?)?,
            edge: row.try_get(10)?,
            score: row.try_get(11)?,
            closed_at: closed.map(instant).transpose()?,
            settled_at: settled.map(instant).transpose()?,
        })
    }
}

#[async_trait::async_trait]
impl PickStore for SqlStore {
    async fn record_picks(&self, picks: &[StoredPick]) -> StorageResult<u64> {
        let d = self.dialect;
        let mut tx = self.pool.begin().await?;
        let mut new = 0;
        for chunk in picks.chunks(CHUNK) {
            let rows: Vec<String> = (0..chunk.len())
                .map(|i| {
                    let b = i * 14;
                    format!(
                        "({}, {}, {})",
                        d.params(b + 1, 8),
                        d.num(b + 9),
                        d.params(b + 10, 5)
                    )
                })
                .collect();
            let sql = format!(
                "INSERT INTO agent_picks (event_id, market, line, selection, bookmaker, sport, \
                 kickoff_ms, first_seen_ms, price, fair_probability, edge, score, label, agents) \
                 VALUES {} ON CONFLICT (event_id, market, line, selection, bookmaker) DO NOTHING",
                rows.join(", ")
            );
            let texts: Vec<(String, String, String)> = chunk
                .iter()
                .map(|p| {
                    (
                        line_text(p.pick.line),
                        p.pick.price.normalize().to_string(),
                        agents_text(&p.pick.agents),
                    )
                })
                .collect();
            let q = chunk
                .iter()
                .zip(&texts)
                .fold(sqlx::query(&sql), |q, (p, t)| {
                    q.bind(p.pick.event_id.as_str())
                        .bind(p.pick.market.as_str())
                        .bind(t.0.as_str())
                        .bind(p.pick.selection.as_str())
                        .bind(p.pick.bookmaker.as_str())
                        .bind(p.pick.league.as_str())
                        .bind(ms(p.kickoff))
                        .bind(ms(p.pick.first_seen))
                        .bind(t.1.as_str())
                        .bind(p.pick.fair_probability)
                        .bind(p.edge)
                        .bind(p.score)
                        .bind(p.pick.label.as_str())
                        .bind(t.2.as_str())
                });
            new += q.execute(&mut *tx).await?.rows_affected();
        }
        tx.commit().await?;
        Ok(new)
    }

    async fn picks(&self, query: &PickQuery) -> StorageResult<Vec<StoredPick>> {
        let d = self.dialect;
        let mut p = Params::default();
        let mut conditions = vec!["1 = 1".to_string()];
        if let Some(a) = query.agent {
            conditions.push(format!(
                "agents LIKE {}",
                p.str(format!("%,{},%", a.as_str()))
            ));
        }
        if let Some(l) = query.label {
            conditions.push(format!("label = {}", p.str(l.as_str())));
        }
        if let Some(s) = &query.sport {
            conditions.push(format!("sport = {}", p.str(s.as_str())));
        }
        if let Some(t) = query.from {
            conditions.push(format!("first_seen_ms >= {}", p.int(ms(t))));
        }
        match query.state {
            PickState::All => {}
            PickState::ToClose(now) => conditions.push(format!(
                "closed_ms IS NULL AND kickoff_ms <= {}",
                p.int(ms(now))
            )),
            PickState::ToSettle => conditions.push("outcome IS NULL".into()),
        }
        let limit = match query.limit {
            Some(l) => format!(
                " LIMIT {} OFFSET {}",
                p.int(i64::from(l)),
                p.int(i64::from(query.offset))
            ),
            None => String::new(),
        };
        let sql = format!(
            "SELECT event_id, market, line, selection, bookmaker, sport, kickoff_ms, \
             first_seen_ms, {}, fair_probability, edge, score, label, agents, {}, \
             closing_probability, closed_ms, outcome, settled_ms FROM agent_picks WHERE {} \
             ORDER BY first_seen_ms DESC, event_id, market, line, selection, bookmaker{limit}",
            d.text("price"),
            d.text("closing_odds"),
            conditions.join(" AND ")
        );
        let rows = p.bind(&sql).fetch_all(&self.pool).await?;
        rows.iter().map(Self::pick_row).collect()
    }

    async fn update_picks(&self, picks: &[StoredPick]) -> StorageResult<u64> {
        let d = self.dialect;
        let sql = format!(
            "UPDATE agent_picks SET closing_odds = {}, closing_probability = {}, closed_ms = $3, \
             outcome = $4, settled_ms = $5 WHERE event_id = $6 AND market = $7 AND line = $8 \
             AND selection = $9 AND bookmaker = $10",
            d.num_at(1),
            d.float_at(2)
        );
        let mut tx = self.pool.begin().await?;
        let mut n = 0;
        for p in picks {
            let closing = p.pick.closing_odds.map(|c| c.normalize().to_string());
            let probability = p.pick.closing_probability.map(|v| v.to_string());
            let line = line_text(p.pick.line);
            n += sqlx::query(&sql)
                .bind(closing.as_deref())
                .bind(probability.as_deref())
                .bind(p.closed_at.map(ms))
                .bind(p.pick.outcome.map(|o| o.as_str()))
                .bind(p.settled_at.map(ms))
                .bind(p.pick.event_id.as_str())
                .bind(p.pick.market.as_str())
                .bind(line.as_str())
                .bind(p.pick.selection.as_str())
                .bind(p.pick.bookmaker.as_str())
                .execute(&mut *tx)
                .await?
                .rows_affected();
        }
        tx.commit().await?;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agents_round_trip() {
        let a = vec![AgentName::Anomaly, AgentName::Movement];
        assert_eq!(agents_text(&a), ",anomaly,movement,");
        assert_eq!(agents_of(&agents_text(&a)).unwrap(), a);
        assert!(agents_of(",nobody,").is_err());
    }
}
