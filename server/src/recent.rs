//! The recent prices in memory: what the agents' board is built from.
//!
//! Rebuilding the board used to read the whole recent history and every latest price back
//! from the database after each collection (seconds at 1,000 events x 20 bookmakers). This
//! module keeps the same data in memory instead, updated from what each collection wrote:
//! the events not started yet, the latest price per (event, bookmaker, market, line,
//! selection) with the instant it was last seen, and the history rows of the last
//! `window` (a row only when a price is new or changed, as the database's history). It is
//! loaded once from the database at start (and again when another process wrote a
//! collection, see [`Recent::load`]), then kept up to date by [`Recent::apply`].
//!
//! Memory is bounded: events that kicked off and history rows older than the window are
//! dropped at each update, so what is held is proportional to the events still open times
//! their bookmakers, markets and price changes within the window ([`Recent::bytes`]
//! estimates it).

use crate::storage::{IngestBatch, Storage, StorageResult};
use chrono::{DateTime, Duration, Utc};
use edgecore::{Event, Market, PriceSnapshot, Selection};
use rust_decimal::Decimal;
use std::collections::{HashMap, VecDeque};
use std::mem::size_of;
use std::sync::RwLock;

type Key = (String, String, Market, Option<Decimal>, Selection);

/// A latest price: the price and when it was last seen.
#[derive(Debug, Clone, Copy)]
struct Seen {
    price: Decimal,
    at: DateTime<Utc>,
}

#[derive(Debug, Default)]
struct Held {
    events: HashMap<String, Event>,
    latest: HashMap<Key, Seen>,
    /// History rows in capture order.
    history: VecDeque<PriceSnapshot>,
}

/// The recent prices and events held in memory.
#[derive(Debug)]
pub struct Recent {
    window: Duration,
    held: RwLock<Held>,
}

/// What the board is computed from: the snapshots (history rows of the window, then every
/// latest price as a snapshot captured when last seen) and the events, all of events not
/// started yet.
#[derive(Debug, Clone, Default)]
pub struct BoardInput {
    /// History rows and latest prices.
    pub snapshots: Vec<PriceSnapshot>,
    /// The events by identifier.
    pub events: HashMap<String, Event>,
}

/// An instant truncated to the millisecond, as the database stores it.
fn stored(at: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(at.timestamp_millis()).unwrap_or(at)
}

fn key_of(p: &PriceSnapshot) -> Key {
    (
        p.event_id.clone(),
        p.bookmaker.clone(),
        p.market,
        p.line.map(|l| l.normalize()),
        p.selection,
    )
}

impl Held {
    fn open(&self, event_id: &str, now: DateTime<Utc>) -> bool {
        self.events.get(event_id).is_some_and(|e| e.kickoff > now)
    }

    /// Drops what kicked off and the history older than `since`.
    fn prune(&mut self, now: DateTime<Utc>, since: DateTime<Utc>) {
        self.events.retain(|_, e| e.kickoff > now);
        let events = &self.events;
        self.latest.retain(|k, _| events.contains_key(&k.0));
        while self.history.front().is_some_and(|s| s.captured_at < since) {
            self.history.pop_front();
        }
        self.history.retain(|s| events.contains_key(&s.event_id));
    }
}

impl Recent {
    /// An empty store of recent prices keeping `window` of history.
    pub fn new(window: Duration) -> Recent {
        Recent {
            window,
            held: RwLock::new(Held::default()),
        }
    }

    /// Replaces what is held by the database's events not started at `now`, their latest
    /// prices and their history rows of the window.
    pub async fn load(&self, store: &dyn Storage, now: DateTime<Utc>) -> StorageResult<()> {
        let since = now - self.window;
        let history = store.history(since, now, now).await?;
        let board = store.board(now).await?;
        let events = store.matches(None, Some(now), None).await?;
        let mut held = Held {
            events: events
                .into_iter()
                .filter(|m| m.event.kickoff > now)
                .map(|m| (m.event.id.clone(), m.event))
                .collect(),
            latest: board
                .into_iter()
                .map(|s| {
                    let seen = Seen {
                        price: s.price,
                        at: s.captured_at,
                    };
                    (key_of(&s), seen)
                })
                .collect(),
            history: history.into(),
        };
        held.prune(now, since);
        *self.held.write().unwrap_or_else(|p| p.into_inner()) = held;
        Ok(())
    }

    /// Applies what a collection stored at `at` (already committed): its events, its prices
    /// (a history row when a price is new or changed, as the database appends them) and
    /// nothing else, then drops what kicked off or left the window.
    pub fn apply(&self, batch: &IngestBatch, at: DateTime<Utc>) {
        let now = Utc::now().max(at);
        let mut held = self.held.write().unwrap_or_else(|p| p.into_inner());
        for e in &batch.events {
            held.events.insert(e.id.clone(), e.clone());
        }
        // The last row of a key wins, as in the database's write.
        let mut last: HashMap<Key, &PriceSnapshot> = HashMap::with_capacity(batch.prices.len());
        for p in &batch.prices {
            last.insert(key_of(p), p);
        }
        let mut appended: Vec<PriceSnapshot> = Vec::new();
        for (key, p) in last {
            let price = p.price.normalize();
            let at = stored(p.captured_at);
            let changed = held.latest.get(&key).is_none_or(|s| s.price != price);
            if changed {
                appended.push(PriceSnapshot {
                    captured_at: at,
                    price,
                    line: key.3,
                    ..p.clone()
                });
            }
            held.latest.insert(key, Seen { price, at });
        }
        appended.sort_by_key(|s| s.captured_at);
        held.history.extend(appended);
        held.prune(now, now - self.window);
    }

    /// The snapshots and events of the board at `now`: history rows captured in
    /// `[now - window, now)` and the latest prices, of events kicking off after `now`.
    pub fn input(&self, now: DateTime<Utc>) -> BoardInput {
        let since = now - self.window;
        let held = self.held.read().unwrap_or_else(|p| p.into_inner());
        let mut snapshots = Vec::with_capacity(held.history.len() + held.latest.len());
        snapshots.extend(
            held.history
                .iter()
                .filter(|s| s.captured_at >= since && s.captured_at < now)
                .filter(|s| held.open(&s.event_id, now))
                .cloned(),
        );
        snapshots.extend(
            held.latest
                .iter()
                .filter(|(k, _)| held.open(&k.0, now))
                .map(|(k, s)| PriceSnapshot {
                    captured_at: s.at,
                    event_id: k.0.clone(),
                    bookmaker: k.1.clone(),
                    market: k.2,
                    line: k.3,
                    selection: k.4,
                    price: s.price,
                }),
        );
        let events = held
            .events
            .iter()
            .filter(|(_, e)| e.kickoff > now)
            .map(|(k, e)| (k.clone(), e.clone()))
            .collect();
        BoardInput { snapshots, events }
    }

    /// Held counts: (events, latest prices, history rows).
    pub fn counts(&self) -> (usize, usize, usize) {
        let held = self.held.read().unwrap_or_else(|p| p.into_inner());
        (held.events.len(), held.latest.len(), held.history.len())
    }

    /// An estimate of the heap bytes held: every table's allocated capacity (a hash map
    /// entry counted with its control byte) plus the text of every identifier.
    pub fn bytes(&self) -> usize {
        let held = self.held.read().unwrap_or_else(|p| p.into_inner());
        let text = |s: &String| s.capacity();
        let events: usize = held.events.capacity() * (size_of::<(String, Event)>() + 1)
            + held
                .events
                .iter()
                .map(|(k, e)| {
                    text(k) + text(&e.id) + text(&e.league) + text(&e.home) + text(&e.away)
                })
                .sum::<usize>();
        let latest: usize = held.latest.capacity() * (size_of::<(Key, Seen)>() + 1)
            + held
                .latest
                .keys()
                .map(|k| text(&k.0) + text(&k.1))
                .sum::<usize>();
        let history: usize = held.history.capacity() * size_of::<PriceSnapshot>()
            + held
                .history
                .iter()
                .map(|s| text(&s.event_id) + text(&s.bookmaker))
                .sum::<usize>();
        events + latest + history
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(id: &str, kickoff: DateTime<Utc>) -> Event {
        Event {
            id: id.into(),
            league: "soccer_epl".into(),
            home: "A".into(),
            away: "B".into(),
            kickoff,
        }
    }

    fn price(event: &str, book: &str, p: i64, at: DateTime<Utc>) -> PriceSnapshot {
        PriceSnapshot {
            captured_at: at,
            event_id: event.into(),
            bookmaker: book.into(),
            market: Market::H2h,
            line: None,
            selection: Selection::Home,
            price: Decimal::new(p, 2),
        }
    }

    #[test]
    fn history_only_on_change_and_bounded() {
        let t0 = DateTime::from_timestamp_millis(Utc::now().timestamp_millis()).unwrap();
        let r = Recent::new(Duration::hours(1));
        let batch = |p: i64, at| IngestBatch {
            events: vec![
                event("e1", t0 + Duration::hours(5)),
                event("gone", t0 - Duration::minutes(1)),
            ],
            prices: vec![price("e1", "b1", p, at), price("gone", "b1", 200, at)],
            results: vec![],
        };
        r.apply(&batch(210, t0 - Duration::minutes(50)), t0);
        r.apply(&batch(210, t0 - Duration::minutes(40)), t0);
        r.apply(&batch(220, t0 - Duration::minutes(30)), t0);
        // Two changes of e1; the event that kicked off is dropped.
        assert_eq!(r.counts(), (1, 1, 2));
        let input = r.input(t0);
        assert_eq!(input.snapshots.len(), 3);
        let last = input.snapshots.last().unwrap();
        assert_eq!(last.price, Decimal::new(22, 1));
        assert_eq!(last.captured_at, t0 - Duration::minutes(30));
        assert!(r.bytes() > 0);
        // Later than the window: the history rows leave, the latest price stays.
        r.apply(&IngestBatch::default(), t0 + Duration::minutes(45));
        assert_eq!(r.counts(), (1, 1, 0));
    }
}
