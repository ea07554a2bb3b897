//! An interned, time-ordered history of price snapshots, built once.
//!
//! Events, bookmakers, markets and price series become indices into sorted tables, so the
//! agents and the backtest never hash a `String` in their inner loops, and every table's
//! order depends only on the names, never on the order in which snapshots were given.

use crate::check;
use crate::error::Result;
use crate::market::{Market, PriceSnapshot, Selection};
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

/// One market of one event: the unit every agent evaluates. For spreads the line is the home
/// side's handicap (the away side's line is its negation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct MarketKey {
    pub event: u32,
    pub market: Market,
    pub line: Option<Decimal>,
}

/// One price series: a bookmaker's prices for one selection of one market.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct SeriesKey {
    pub market: u32,
    pub book: u32,
    pub selection: Selection,
}

/// One snapshot, interned: capture instant in microseconds since the Unix epoch.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Tick {
    pub at: i64,
    pub series: u32,
    pub price: f64,
}

#[derive(Debug, Default)]
pub(crate) struct Tables {
    pub events: Vec<String>,
    pub bookmakers: Vec<String>,
    pub markets: Vec<MarketKey>,
    /// Series sorted by (market, bookmaker, selection).
    pub series: Vec<SeriesKey>,
    /// `market_series[m]..market_series[m + 1]`: the series of market `m`.
    pub market_series: Vec<u32>,
    /// Ticks in capture order (ties keep the input order).
    pub ticks: Vec<Tick>,
    /// The quoted price of each tick.
    pub prices: Vec<Decimal>,
    /// Tick indices grouped by series, in capture order within each series.
    pub series_ticks: Vec<u32>,
    /// `series_first[s]..series_first[s + 1]`: positions of series `s` in `series_ticks`.
    pub series_first: Vec<u32>,
}

impl Tables {
    /// The event id numbered `id`.
    pub fn event(&self, id: u32) -> &str {
        interned(&self.events, id).as_str()
    }

    /// The bookmaker numbered `id`.
    pub fn bookmaker(&self, id: u32) -> &str {
        interned(&self.bookmakers, id).as_str()
    }

    /// The market numbered `id`.
    pub fn market(&self, id: u32) -> MarketKey {
        *interned(&self.markets, id)
    }

    /// The series numbered `id`.
    pub fn series_key(&self, id: u32) -> SeriesKey {
        *interned(&self.series, id)
    }

    /// The tick numbered `id`.
    pub fn tick(&self, id: u32) -> Tick {
        *interned(&self.ticks, id)
    }

    /// The quoted price of the tick numbered `id`.
    pub fn price(&self, id: u32) -> Decimal {
        *interned(&self.prices, id)
    }

    /// The tick at position `pos` of `series_ticks`.
    pub fn series_tick(&self, pos: u32) -> u32 {
        *interned(&self.series_ticks, pos)
    }

    /// The positions in `series_ticks` of series `s`'s ticks (`None` for no such series).
    pub fn series_positions(&self, s: u32) -> Option<Range<usize>> {
        span(&self.series_first, s)
    }

    /// The numbers of market `m`'s series (`None` for no such market).
    pub fn market_series_range(&self, m: u32) -> Option<Range<usize>> {
        span(&self.market_series, m)
    }
}

/// `bounds[i]..bounds[i + 1]`, `None` past the end of `bounds`.
fn span(bounds: &[u32], i: u32) -> Option<Range<usize>> {
    let i = i as usize;
    Some(*bounds.get(i)? as usize..*bounds.get(i + 1)? as usize)
}

/// The indices `0..at.len()` ordered by capture instant (a stable sort: equal instants keep
/// their input order).
fn by_capture(at: &[i64]) -> Vec<u32> {
    let mut order: Vec<u32> = (0..at.len() as u32).collect();
    order.sort_by_key(|&i| at.get(i as usize).copied().unwrap_or(i64::MAX));
    order
}

/// The entry numbered `id` of one of the tables, or of an old-id -> new-id remap.
#[inline]
fn interned<T>(table: &[T], id: u32) -> &T {
    // The index is below the table's length because every number held in the tables (and
    // in the boards and candidates made from them) is a position in that table, given when
    // the history was built, and the tables never change after (shared through an `Arc`,
    // never mutated); while building, the ids given to a remap are the interned positions
    // of the keys it was built from, one entry per key.
    #[allow(clippy::indexing_slicing)]
    &table[id as usize]
}

/// A validated, interned, time-ordered history of price snapshots. Cheap to clone (shared).
#[derive(Debug, Clone, Default)]
pub struct History {
    pub(crate) t: Arc<Tables>,
}

/// The line under which a snapshot's market is filed: spreads quote each side's own handicap,
/// so the away side's line is negated to meet the home side's.
pub(crate) fn market_line(
    market: Market,
    selection: Selection,
    line: Option<Decimal>,
) -> Option<Decimal> {
    match (market, selection, line) {
        (Market::Spreads, Selection::Away, Some(l)) => Some((-l).normalize()),
        _ => line.map(|l| l.normalize()),
    }
}

/// The inverse of [`market_line`]: the line a selection is quoted at.
pub(crate) fn selection_line(
    market: Market,
    selection: Selection,
    line: Option<Decimal>,
) -> Option<Decimal> {
    match (market, selection, line) {
        (Market::Spreads, Selection::Away, Some(l)) => Some((-l).normalize()),
        _ => line,
    }
}

pub(crate) fn micros(at: DateTime<Utc>) -> i64 {
    at.timestamp_micros()
}

pub(crate) fn instant(micros: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_micros(micros).unwrap_or_default()
}

/// Checks `snapshots` (added to `held` others) and reads their capture instants
/// (microseconds) and prices: each price valid decimal odds (`InvalidOdds`), each
/// selection and line fitting its market (`InvalidSelection`, `InvalidLine`), fewer than
/// `u32::MAX` snapshots in all (`InvalidParameter`).
fn read(snapshots: &[PriceSnapshot], held: usize) -> Result<(Vec<i64>, Vec<f64>)> {
    if held + snapshots.len() >= u32::MAX as usize {
        return Err(crate::Error::InvalidParameter {
            name: "snapshots",
            value: (held + snapshots.len()).to_string(),
            reason: "at most 4294967294 snapshots per history",
        });
    }
    let mut at = Vec::with_capacity(snapshots.len());
    let mut price = Vec::with_capacity(snapshots.len());
    for s in snapshots {
        s.market.check_line(s.line)?;
        s.market.check_selection(s.selection)?;
        price.push(check::price(s.price)?);
        at.push(micros(s.captured_at));
    }
    Ok((at, price))
}

/// The union of the sorted, distinct `held` keys and `new` keys, sorted, and the new id of
/// each held key (its position in the union; increasing, so orders built on held ids keep).
fn merge_keys<K: Ord + Clone>(held: &[K], mut new: Vec<K>) -> (Vec<K>, Vec<u32>) {
    new.retain(|k| held.binary_search(k).is_err());
    new.sort_unstable();
    new.dedup();
    let mut out = Vec::with_capacity(held.len() + new.len());
    let mut remap = Vec::with_capacity(held.len());
    let mut fresh = new.into_iter().peekable();
    for k in held {
        while let Some(n) = fresh.next_if(|n| n < k) {
            out.push(n);
        }
        remap.push(out.len() as u32);
        out.push(k.clone());
    }
    out.extend(fresh);
    (out, remap)
}

/// The tables of a history from its sorted names, markets and series and its ticks in
/// capture order (with their quoted prices): series bounds per market and tick positions
/// per series.
fn assemble(
    events: Vec<String>,
    bookmakers: Vec<String>,
    markets: Vec<MarketKey>,
    series: Vec<SeriesKey>,
    ticks: Vec<Tick>,
    prices: Vec<Decimal>,
) -> History {
    let market_series = bounds(markets.len(), series.iter().map(|sk| sk.market));
    let series_first = bounds(series.len(), ticks.iter().map(|t| t.series));
    // Each tick goes to the next free position of its series (counting sort).
    let mut fill = series_first.clone();
    let mut series_ticks = vec![0u32; ticks.len()];
    for (k, t) in ticks.iter().enumerate() {
        if let Some(slot) = fill.get_mut(t.series as usize) {
            if let Some(position) = series_ticks.get_mut(*slot as usize) {
                *position = k as u32;
            }
            *slot += 1;
        }
    }
    History {
        t: Arc::new(Tables {
            events,
            bookmakers,
            markets,
            series,
            market_series,
            ticks,
            prices,
            series_ticks,
            series_first,
        }),
    }
}

/// The bounds of `n` groups numbered `0..n` from the group of each item: `n + 1` offsets,
/// group `g` spanning `bounds[g]..bounds[g + 1]` (a number out of range is not counted).
fn bounds(n: usize, groups: impl Iterator<Item = u32>) -> Vec<u32> {
    let mut counts = vec![0u32; n];
    for g in groups {
        if let Some(count) = counts.get_mut(g as usize) {
            *count += 1;
        }
    }
    std::iter::once(0)
        .chain(counts.iter().scan(0, |total, &count| {
            *total += count;
            Some(*total)
        }))
        .collect()
}

/// Interns names into ids ordered by name: returns the sorted names and old-id -> new-id.
fn sorted_ids<K: Ord + Clone>(keys: Vec<K>) -> (Vec<K>, Vec<u32>) {
    let mut order: Vec<(&K, u32)> = keys.iter().zip(0..).collect();
    order.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let mut remap = vec![0u32; keys.len()];
    for (new, &(_, old)) in order.iter().enumerate() {
        if let Some(slot) = remap.get_mut(old as usize) {
            *slot = new as u32;
        }
    }
    let sorted = order.into_iter().map(|(key, _)| key.clone()).collect();
    (sorted, remap)
}

fn intern<'a>(map: &mut HashMap<&'a str, u32>, names: &mut Vec<&'a str>, name: &'a str) -> u32 {
    *map.entry(name).or_insert_with(|| {
        names.push(name);
        names.len() as u32 - 1
    })
}

impl History {
    /// Validates and interns `snapshots`.
    ///
    /// Each snapshot must have a price that is valid decimal odds (finite, > 1, else
    /// `InvalidOdds`), a selection that belongs to its market (`InvalidSelection`) and a line
    /// exactly when the market has one, a multiple of 0.25 (`InvalidLine`). Snapshots are
    /// ordered by capture instant; snapshots captured at the same instant keep their input
    /// order (the later one is the newer quote). Tables are sorted by name, so the result
    /// does not depend on the input order of snapshots with distinct capture instants.
    ///
    /// ```
    /// use edgecore::agents::History;
    /// let h = History::new(&[]).unwrap();
    /// assert_eq!(h.len(), 0);
    /// ```
    pub fn new(snapshots: &[PriceSnapshot]) -> Result<History> {
        let (at, price) = read(snapshots, 0)?;
        let order = by_capture(&at);

        let (mut event_ids, mut event_names) = (HashMap::new(), Vec::new());
        let (mut book_ids, mut book_names) = (HashMap::new(), Vec::new());
        let mut raw: Vec<(u32, u32)> = Vec::with_capacity(snapshots.len());
        for s in snapshots {
            raw.push((
                intern(&mut event_ids, &mut event_names, &s.event_id),
                intern(&mut book_ids, &mut book_names, &s.bookmaker),
            ));
        }
        let (events, event_remap) = sorted_ids(event_names);
        let (bookmakers, book_remap) = sorted_ids(book_names);

        let mut market_ids: HashMap<MarketKey, u32> = HashMap::new();
        let mut market_keys = Vec::new();
        let mut series_ids: HashMap<SeriesKey, u32> = HashMap::new();
        let mut series_keys = Vec::new();
        let mut series_of = Vec::with_capacity(snapshots.len());
        for (s, &(e, b)) in snapshots.iter().zip(&raw) {
            let key = MarketKey {
                event: *interned(&event_remap, e),
                market: s.market,
                line: market_line(s.market, s.selection, s.line),
            };
            let m = *market_ids.entry(key).or_insert_with(|| {
                market_keys.push(key);
                market_keys.len() as u32 - 1
            });
            let sk = SeriesKey {
                market: m,
                book: *interned(&book_remap, b),
                selection: s.selection,
            };
            series_of.push(*series_ids.entry(sk).or_insert_with(|| {
                series_keys.push(sk);
                series_keys.len() as u32 - 1
            }));
        }
        let (markets, market_remap) = sorted_ids(market_keys);
        for sk in &mut series_keys {
            sk.market = *interned(&market_remap, sk.market);
        }
        let (series, series_remap) = sorted_ids(series_keys);

        let mut ticks = Vec::with_capacity(snapshots.len());
        let mut prices = Vec::with_capacity(snapshots.len());
        for &i in &order {
            // `order` is a permutation of the snapshots' indices.
            let i = i as usize;
            let (Some(&captured), Some(&quoted), Some(&series), Some(s)) =
                (at.get(i), price.get(i), series_of.get(i), snapshots.get(i))
            else {
                continue;
            };
            ticks.push(Tick {
                at: captured,
                series: *interned(&series_remap, series),
                price: quoted,
            });
            prices.push(s.price);
        }
        Ok(assemble(
            events.into_iter().map(String::from).collect(),
            bookmakers.into_iter().map(String::from).collect(),
            markets,
            series,
            ticks,
            prices,
        ))
    }

    /// The history of the snapshots held followed by `snapshots`: the same as
    /// [`History::new`] over both (snapshots captured at the same instant keep that order,
    /// the held ones first), built without interning the held snapshots again, so a
    /// history kept up to date by each collection costs the new snapshots plus a copy of
    /// the tables. Errors as [`History::new`], on the new snapshots.
    ///
    /// ```
    /// use edgecore::agents::History;
    /// let h = History::new(&[]).unwrap().extend(&[]).unwrap();
    /// assert!(h.is_empty());
    /// ```
    pub fn extend(&self, snapshots: &[PriceSnapshot]) -> Result<History> {
        if snapshots.is_empty() {
            return Ok(self.clone());
        }
        let old = &self.t;
        let (at, price) = read(snapshots, old.ticks.len())?;
        let id = |names: &[String], name: &str| {
            names
                .binary_search_by(|n| n.as_str().cmp(name))
                .map(|i| i as u32)
        };
        let unknown = |names: &[String], of: fn(&PriceSnapshot) -> &String| -> Vec<String> {
            snapshots
                .iter()
                .map(of)
                .filter(|n| id(names, n).is_err())
                .cloned()
                .collect()
        };
        let (events, event_remap) = merge_keys(&old.events, unknown(&old.events, |s| &s.event_id));
        let (bookmakers, book_remap) =
            merge_keys(&old.bookmakers, unknown(&old.bookmakers, |s| &s.bookmaker));
        let id = |names: &[String], name: &str| id(names, name).unwrap_or(0);
        let held_markets: Vec<MarketKey> = old
            .markets
            .iter()
            .map(|m| MarketKey {
                event: *interned(&event_remap, m.event),
                ..*m
            })
            .collect();
        let market_keys: Vec<MarketKey> = snapshots
            .iter()
            .map(|s| MarketKey {
                event: id(&events, &s.event_id),
                market: s.market,
                line: market_line(s.market, s.selection, s.line),
            })
            .collect();
        let (markets, market_remap) = merge_keys(&held_markets, market_keys.clone());
        let held_series: Vec<SeriesKey> = old
            .series
            .iter()
            .map(|k| SeriesKey {
                market: *interned(&market_remap, k.market),
                book: *interned(&book_remap, k.book),
                selection: k.selection,
            })
            .collect();
        let series_keys: Vec<SeriesKey> = snapshots
            .iter()
            .zip(&market_keys)
            .map(|(s, m)| SeriesKey {
                market: markets.binary_search(m).unwrap_or(0) as u32,
                book: id(&bookmakers, &s.bookmaker),
                selection: s.selection,
            })
            .collect();
        let (series, series_remap) = merge_keys(&held_series, series_keys.clone());
        let order = by_capture(&at);
        // Merge by capture instant, the held ticks first on ties.
        let total = old.ticks.len() + snapshots.len();
        let mut ticks = Vec::with_capacity(total);
        let mut prices = Vec::with_capacity(total);
        let mut held = old.ticks.iter().zip(&old.prices).peekable();
        for &i in &order {
            // `order` is a permutation of the new snapshots' indices.
            let i = i as usize;
            let (Some(&captured), Some(&quoted), Some(key), Some(s)) = (
                at.get(i),
                price.get(i),
                series_keys.get(i),
                snapshots.get(i),
            ) else {
                continue;
            };
            while let Some((t, p)) = held.next_if(|(t, _)| t.at <= captured) {
                ticks.push(Tick {
                    series: *interned(&series_remap, t.series),
                    ..*t
                });
                prices.push(*p);
            }
            ticks.push(Tick {
                at: captured,
                series: series.binary_search(key).unwrap_or(0) as u32,
                price: quoted,
            });
            prices.push(s.price);
        }
        for (t, p) in held {
            ticks.push(Tick {
                series: *interned(&series_remap, t.series),
                ..*t
            });
            prices.push(*p);
        }
        Ok(assemble(events, bookmakers, markets, series, ticks, prices))
    }

    /// Number of snapshots held.
    pub fn len(&self) -> usize {
        self.t.ticks.len()
    }

    /// Whether the history holds no snapshot.
    pub fn is_empty(&self) -> bool {
        self.t.ticks.is_empty()
    }

    /// The event identifiers, sorted.
    pub fn events(&self) -> &[String] {
        &self.t.events
    }

    /// The bookmaker keys, sorted.
    pub fn bookmakers(&self) -> &[String] {
        &self.t.bookmakers
    }

    /// Number of (event, market, line) markets.
    pub fn markets(&self) -> usize {
        self.t.markets.len()
    }

    /// The first capture instant, `None` when empty.
    pub fn first_capture(&self) -> Option<DateTime<Utc>> {
        self.t.ticks.first().map(|t| instant(t.at))
    }

    /// The last capture instant, `None` when empty.
    pub fn last_capture(&self) -> Option<DateTime<Utc>> {
        self.t.ticks.last().map(|t| instant(t.at))
    }

    /// The snapshots held, in capture order (snapshots captured at the same instant in their
    /// input order), with capture instants to the microsecond and lines normalised (trailing
    /// zeros dropped). `History::new` of them gives this history again, which is how a
    /// history is saved and restored (e.g. pickled).
    pub fn snapshots(&self) -> Vec<PriceSnapshot> {
        let t = &self.t;
        t.ticks
            .iter()
            .zip(&t.prices)
            .map(|(tick, &price)| {
                let series = t.series_key(tick.series);
                let market = t.market(series.market);
                PriceSnapshot {
                    captured_at: instant(tick.at),
                    event_id: t.event(market.event).to_owned(),
                    bookmaker: t.bookmaker(series.book).to_owned(),
                    market: market.market,
                    line: selection_line(market.market, series.selection, market.line),
                    selection: series.selection,
                    price,
                }
            })
            .collect()
    }

    pub(crate) fn book_id(&self, name: &str) -> Option<u32> {
        self.t
            .bookmakers
            .binary_search_by(|b| b.as_str().cmp(name))
            .ok()
            .map(|i| i as u32)
    }

    pub(crate) fn event_id(&self, name: &str) -> Option<u32> {
        self.t
            .events
            .binary_search_by(|b| b.as_str().cmp(name))
            .ok()
            .map(|i| i as u32)
    }

    /// The series of (market, book, selection), if any.
    pub(crate) fn find_series(&self, market: u32, book: u32, selection: Selection) -> Option<u32> {
        let t = &self.t;
        let range = t.market_series_range(market)?;
        let lo = range.start;
        let key = SeriesKey {
            market,
            book,
            selection,
        };
        t.series
            .get(range)?
            .binary_search(&key)
            .ok()
            .map(|i| (lo + i) as u32)
    }

    /// The last tick of `series` captured strictly before `before`.
    pub(crate) fn last_before(&self, series: u32, before: i64) -> Option<u32> {
        let t = &self.t;
        let ticks = t.series_ticks.get(t.series_positions(series)?)?;
        let n = ticks.partition_point(|&k| t.tick(k).at < before);
        ticks.get(n.checked_sub(1)?).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use rust_decimal_macros::dec;

    fn snap(min: i64, event: &str, book: &str, sel: Selection, price: Decimal) -> PriceSnapshot {
        PriceSnapshot {
            captured_at: Utc.timestamp_opt(1_700_000_000 + min * 60, 0).unwrap(),
            event_id: event.into(),
            bookmaker: book.into(),
            market: Market::H2h,
            line: None,
            selection: sel,
            price,
        }
    }

    #[test]
    fn interns_in_name_order() {
        let h = History::new(&[
            snap(2, "b", "unibet", Selection::Home, dec!(2.0)),
            snap(1, "a", "bet365", Selection::Away, dec!(3.0)),
        ])
        .unwrap();
        assert_eq!(h.events(), ["a", "b"]);
        assert_eq!(h.bookmakers(), ["bet365", "unibet"]);
        assert_eq!(h.len(), 2);
        assert_eq!(h.t.ticks[0].price, 3.0);
        assert_eq!(h.markets(), 2);
    }

    #[test]
    fn spreads_sides_share_a_market() {
        let mut a = snap(1, "e", "x", Selection::Home, dec!(1.9));
        a.market = Market::Spreads;
        a.line = Some(dec!(-0.5));
        let mut b = a.clone();
        b.selection = Selection::Away;
        b.line = Some(dec!(0.5));
        let h = History::new(&[a, b]).unwrap();
        assert_eq!(h.markets(), 1);
        assert_eq!(h.t.markets[0].line, Some(dec!(-0.5)));
    }

    fn same_tables(a: &History, b: &History) {
        let (a, b) = (&a.t, &b.t);
        assert_eq!(a.events, b.events);
        assert_eq!(a.bookmakers, b.bookmakers);
        assert_eq!(a.markets, b.markets);
        assert_eq!(a.series, b.series);
        assert_eq!(a.market_series, b.market_series);
        assert_eq!(a.ticks, b.ticks);
        assert_eq!(a.prices, b.prices);
        assert_eq!(a.series_ticks, b.series_ticks);
        assert_eq!(a.series_first, b.series_first);
    }

    #[test]
    fn extend_equals_new_over_both() {
        let g = crate::agents::generate(&crate::agents::GeneratorConfig {
            events: 30,
            bookmakers: 6,
            ..crate::agents::GeneratorConfig::default()
        })
        .unwrap();
        let all = g.snapshots;
        // Cut points: nothing held, a middle, everything held; also a batch reaching back in
        // time (the new part starts before the held part ends).
        for cut in [0, all.len() / 3, all.len() / 2, all.len()] {
            let held = History::new(&all[..cut]).unwrap();
            same_tables(
                &held.extend(&all[cut..]).unwrap(),
                &History::new(&all).unwrap(),
            );
        }
        let (early, late) = all.split_at(all.len() / 2);
        let mut reordered = late.to_vec();
        reordered.extend_from_slice(early);
        let held = History::new(late).unwrap();
        same_tables(
            &held.extend(early).unwrap(),
            &History::new(&reordered).unwrap(),
        );
        // Errors name the new snapshot's problem and leave the held history as it was.
        let bad = snap(1, "e", "x", Selection::Home, dec!(1));
        assert_eq!(held.extend(&[bad]).unwrap_err().kind(), "InvalidOdds");
        assert_eq!(held.len(), late.len());
    }

    #[test]
    fn snapshots_rebuild_the_same_history() {
        let mut spread = snap(3, "b", "x", Selection::Away, dec!(1.95));
        spread.market = Market::Spreads;
        spread.line = Some(dec!(0.50));
        let h = History::new(&[
            snap(2, "b", "unibet", Selection::Home, dec!(2.0)),
            snap(1, "a", "bet365", Selection::Away, dec!(3.10)),
            snap(1, "a", "bet365", Selection::Away, dec!(3.05)),
            spread,
        ])
        .unwrap();
        let snapshots = h.snapshots();
        assert_eq!(snapshots[0].price, dec!(3.10));
        assert_eq!(snapshots[1].price, dec!(3.05));
        assert_eq!(snapshots[3].line, Some(dec!(0.5)));
        assert_eq!(snapshots[3].selection, Selection::Away);
        let again = History::new(&snapshots).unwrap();
        assert_eq!(again.snapshots(), snapshots);
        assert_eq!(again.t.markets, h.t.markets);
        assert_eq!(again.t.series, h.t.series);
        assert_eq!(again.t.ticks, h.t.ticks);
        assert_eq!(again.t.prices, h.t.prices);
        assert_eq!(again.t.series_ticks, h.t.series_ticks);
    }

    #[test]
    fn errors() {
        let bad = snap(1, "e", "x", Selection::Home, dec!(1));
        assert_eq!(History::new(&[bad]).unwrap_err().kind(), "InvalidOdds");
        let mut bad = snap(1, "e", "x", Selection::Over, dec!(2));
        assert_eq!(
            History::new(&[bad.clone()]).unwrap_err().kind(),
            "InvalidSelection"
        );
        bad.selection = Selection::Home;
        bad.line = Some(dec!(2.5));
        assert_eq!(History::new(&[bad]).unwrap_err().kind(), "InvalidLine");
    }
}
