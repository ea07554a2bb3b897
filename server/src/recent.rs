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
//! The agents' input, the core's interned [`History`], is kept too and extended by each
//! collection ([`History::extend`]) with its new and changed prices, instead of being
//! interned again from every snapshot: a rebuild after a collection costs the collection,
//! not the whole history. The history is built from scratch (the history rows, then every
//! latest price as a snapshot captured when last seen) at start and whenever a quarter of
//! its snapshots belong to events that kicked off or left the window. Between two builds a
//! price seen again unchanged adds no snapshot, unless its last one is older than `refresh`
//! (half the agents' maximum quote age), so a quote still offered never goes stale.
//!
//! Memory is bounded: events that kicked off and history rows older than the window are
//! dropped at each update (and from the interned history at its next build), so what is
//! held is proportional to the events still open times their bookmakers, markets and price
//! changes within the window ([`Recent::bytes`] estimates it).

use crate::storage::{IngestBatch, Page, Storage, StorageResult};
use chrono::{DateTime, Duration, Utc};
use edgecore::agents::History;
use edgecore::{Event, Market, PriceSnapshot, Selection};
use rust_decimal::Decimal;
use std::collections::{HashMap, VecDeque};
use std::mem::size_of;
use std::sync::RwLock;

type Key = (String, String, Market, Option<Decimal>, Selection);

/// A latest price: the price, when it was last seen, and the capture instant of its last
/// snapshot in the interned history.
#[derive(Debug, Clone, Copy)]
struct Seen {
    price: Decimal,
    at: DateTime<Utc>,
    tick: DateTime<Utc>,
}

#[derive(Debug, Default)]
struct Held {
    events: HashMap<String, Event>,
    latest: HashMap<Key, Seen>,
    /// History rows in capture order.
    history: VecDeque<PriceSnapshot>,
    /// The interned history the agents read, when built.
    interned: Option<History>,
    /// Snapshots added to it since its build only to refresh an unchanged price.
    refreshed: usize,
}

/// The recent prices and events held in memory.
#[derive(Debug)]
pub struct Recent {
    window: Duration,
    refresh: Duration,
    held: RwLock<Held>,
}

/// What the board is computed from: the interned history (see the module documentation)
/// and the events not started yet (opportunities of other events are not listed).
#[derive(Debug, Clone, Default)]
pub struct BoardInput {
    /// History rows and latest prices, interned.
    pub history: History,
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

    /// Every history row of the window and every latest price as a snapshot captured when
    /// last seen, of events open at `now`; marks each latest price's snapshot.
    fn snapshots(&mut self, now: DateTime<Utc>) -> Vec<PriceSnapshot> {
        let mut out = Vec::with_capacity(self.history.len() + self.latest.len());
        out.extend(
            self.history
                .iter()
                .filter(|s| self.open(&s.event_id, now))
                .cloned(),
        );
        for (k, s) in self.latest.iter_mut() {
            s.tick = s.at;
            if self.events.get(&k.0).is_some_and(|e| e.kickoff > now) {
                out.push(PriceSnapshot {
                    captured_at: s.at,
                    event_id: k.0.clone(),
                    bookmaker: k.1.clone(),
                    market: k.2,
                    line: k.3,
                    selection: k.4,
                    price: s.price,
                });
            }
        }
        out
    }

    /// Snapshots the interned history would hold if built now: history rows, latest prices
    /// and refreshes.
    fn live(&self) -> usize {
        self.history.len() + self.latest.len() + self.refreshed
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
    /// An empty store of recent prices keeping `window` of history; a price seen again
    /// unchanged adds a snapshot to the interned history when its last one is `refresh` old.
    pub fn new(window: Duration, refresh: Duration) -> Recent {
        Recent {
            window,
            refresh,
            held: RwLock::new(Held::default()),
        }
    }

    /// An empty store of recent prices under the configuration: the agents' movement window
    /// of history, refreshed at half their maximum quote age.
    pub fn of(config: &crate::config::Config) -> Recent {
        Recent::new(
            Duration::hours(config.agents.movement_hours),
            Duration::seconds(config.agents.max_age_seconds / 2),
        )
    }

    /// Replaces what is held by the database's events not started at `now`, their latest
    /// prices and their history rows of the window.
    pub async fn load(&self, store: &dyn Storage, now: DateTime<Utc>) -> StorageResult<()> {
        let since = now - self.window;
        let history = store.history(since, now, now).await?;
        let board = store.board(now).await?;
        let mut events = Vec::new();
        let mut page = Page::first(5_000);
        loop {
            let got = store.matches(None, Some(now), None, &page).await?;
            let full = got.len() == page.limit as usize;
            page.after = got
                .last()
                .map(|m| (m.event.kickoff.timestamp_millis(), m.event.id.clone()));
            events.extend(got);
            if !full {
                break;
            }
        }
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
                        tick: s.captured_at,
                    };
                    (key_of(&s), seen)
                })
                .collect(),
            history: history.into(),
            interned: None,
            refreshed: 0,
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
        let mut ticks: Vec<PriceSnapshot> = Vec::new();
        for (key, p) in last {
            if !held.open(&key.0, now) {
                continue;
            }
            let price = p.price.normalize();
            let at = stored(p.captured_at);
            let previous = held.latest.get(&key).copied();
            let changed = previous.is_none_or(|s| s.price != price);
            let snapshot = PriceSnapshot {
                captured_at: at,
                price,
                line: key.3,
                ..p.clone()
            };
            let mut tick = previous.map_or(at, |s| s.tick);
            if changed || at - tick >= self.refresh {
                held.refreshed += usize::from(!changed);
                tick = at;
                ticks.push(snapshot.clone());
            }
            if changed {
                appended.push(snapshot);
            }
            held.latest.insert(key, Seen { price, at, tick });
        }
        appended.sort_by_key(|s| s.captured_at);
        ticks.sort_by_key(|s| s.captured_at);
        held.history.extend(appended);
        held.prune(now, now - self.window);
        let live = held.live();
        held.interned = held
            .interned
            .take()
            .and_then(|h| h.extend(&ticks).ok())
            .filter(|h| h.len() <= live + live / 4);
    }

    /// The board's input at `now`: the interned history (built first if needed, see the
    /// module documentation) and the events kicking off after `now`.
    pub fn input(&self, now: DateTime<Utc>) -> Result<BoardInput, edgecore::Error> {
        let mut held = self.held.write().unwrap_or_else(|p| p.into_inner());
        let history = match &held.interned {
            Some(h) => h.clone(),
            None => {
                let snapshots = held.snapshots(now);
                let h = History::new(&snapshots)?;
                held.interned = Some(h.clone());
                held.refreshed = 0;
                h
            }
        };
        let events = held
            .events
            .iter()
            .filter(|(_, e)| e.kickoff > now)
            .map(|(k, e)| (k.clone(), e.clone()))
            .collect();
        Ok(BoardInput { history, events })
    }

    /// Held counts: (events, latest prices, history rows, interned snapshots).
    pub fn counts(&self) -> (usize, usize, usize, usize) {
        let held = self.held.read().unwrap_or_else(|p| p.into_inner());
        let interned = held.interned.as_ref().map_or(0, History::len);
        (
            held.events.len(),
            held.latest.len(),
            held.history.len(),
            interned,
        )
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
        // An interned snapshot: its tick (24 bytes), quoted price (16) and position (4).
        let interned = held.interned.as_ref().map_or(0, |h| h.len() * 44);
        events + latest + history + interned
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
        let r = Recent::new(Duration::hours(1), Duration::minutes(15));
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
        assert_eq!(r.counts(), (1, 1, 2, 0));
        // Built: the two history rows and the latest price when last seen.
        let input = r.input(t0).unwrap();
        assert_eq!(input.history.len(), 3);
        assert_eq!(
            input.history.last_capture(),
            Some(t0 - Duration::minutes(30))
        );
        assert_eq!(input.events.len(), 1);
        // Seen again unchanged 10 minutes later: nothing added; 20 minutes later: a refresh.
        r.apply(&batch(220, t0 - Duration::minutes(20)), t0);
        assert_eq!(r.counts().3, 3);
        r.apply(&batch(220, t0 - Duration::minutes(10)), t0);
        assert_eq!(r.counts().3, 4);
        // A change is added at once.
        r.apply(&batch(230, t0 - Duration::minutes(5)), t0);
        assert_eq!(r.counts(), (1, 1, 3, 5));
        assert_eq!(
            r.input(t0).unwrap().history.last_capture(),
            Some(t0 - Duration::minutes(5))
        );
        assert!(r.bytes() > 0);
        // Later than the window: the history rows leave, the latest price stays, and the
        // interned history, now mostly out of the window, is built again.
        r.apply(&IngestBatch::default(), t0 + Duration::minutes(60));
        assert_eq!(r.counts(), (1, 1, 0, 0));
        assert_eq!(
            r.input(t0 + Duration::minutes(60)).unwrap().history.len(),
            1
        );
    }
}
