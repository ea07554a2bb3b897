//! The market board: the latest sane, fresh price per (event, market, line, bookmaker,
//! selection) as of one instant.
//!
//! A quote is on the board at instant `t` when it is the last snapshot of its series captured
//! at or before `t` (snapshots captured at the same instant: the later in input order wins)
//! and:
//! - it is fresh: `t - captured_at <= max_age_seconds`;
//! - its price is within `[min_price, max_price]` (exchange quotes at 1.01 or 1000 are left
//!   out, they would poison a consensus);
//! - its bookmaker quotes every selection of the market that way (h2h is three-way when any
//!   bookmaker has a sane fresh draw price, two-way otherwise);
//! - the bookmaker's overround on the market, `sum(1 / price) - 1`, is within
//!   `[min_overround, max_overround]` (a book quoting a negative margin of several percent
//!   holds a stale or mistaken price).
//!
//! A board can only move forward in time ([`Board::advance`]), applying the new snapshots
//! incrementally, which is how the backtest replays a history.

use super::fair::Scratch;
use super::history::{History, Tick, instant, micros, selection_line};
use super::{AgentName, Opportunity};
use crate::check;
use crate::error::{Error, Result};
use crate::market::{Market, PriceSnapshot, Selection};
use crate::par::*;
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Which quotes the board keeps. Serialises with every field optional (defaults below).
///
/// An unknown field is refused (`InvalidRecord`): a misspelt key never falls back to its
/// default silently.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BoardConfig {
    /// The sharp reference bookmaker whose de-vigged prices are the fair probabilities when it
    /// has a fresh complete quote ("pinnacle"). An empty string means none: the median of all
    /// bookmakers is used.
    pub reference: String,
    /// Quotes older than this many seconds at the board instant are ignored (default 43,200:
    /// 12 hours). Must be in [1, 3,153,600,000] (100 years).
    pub max_age_seconds: i64,
    /// Lowest sane decimal price (default 1.02). Must be >= 1.
    pub min_price: f64,
    /// Highest sane decimal price (default 1000). Must exceed `min_price`.
    pub max_price: f64,
    /// Lowest sane bookmaker overround `sum(1/price) - 1` (fraction, default -0.05). Must be
    /// greater than -1.
    pub min_overround: f64,
    /// Highest sane bookmaker overround (fraction, default 0.30). Must exceed
    /// `min_overround`.
    pub max_overround: f64,
}

impl Default for BoardConfig {
    fn default() -> Self {
        BoardConfig {
            reference: "pinnacle".into(),
            max_age_seconds: 43_200,
            min_price: 1.02,
            max_price: 1000.0,
            min_overround: -0.05,
            max_overround: 0.30,
        }
    }
}

const MAX_AGE_LIMIT: i64 = 3_153_600_000;

impl BoardConfig {
    fn validate(&self) -> Result<()> {
        if !(1..=MAX_AGE_LIMIT).contains(&self.max_age_seconds) {
            return Err(Error::InvalidParameter {
                name: "max_age_seconds",
                value: self.max_age_seconds.to_string(),
                reason: "must be between 1 and 3153600000 seconds",
            });
        }
        check::parameter("min_price", self.min_price, |v| v >= 1.0, "must be >= 1")?;
        let min = self.min_price;
        check::parameter(
            "max_price",
            self.max_price,
            |v| v > min,
            "must exceed min_price",
        )?;
        check::parameter(
            "min_overround",
            self.min_overround,
            |v| v > -1.0,
            "must be greater than -1",
        )?;
        let lo = self.min_overround;
        check::parameter(
            "max_overround",
            self.max_overround,
            |v| v > lo,
            "must exceed min_overround",
        )?;
        Ok(())
    }
}

/// One quote on the board, as the agents see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// The event's identifier.
    pub event_id: String,
    /// Bookmaker key.
    pub bookmaker: String,
    /// The market.
    pub market: Market,
    /// The selection's line (`None` for h2h and draw no bet).
    pub line: Option<Decimal>,
    /// The selection.
    pub selection: Selection,
    /// Decimal price as quoted.
    pub price: Decimal,
    /// When it was captured.
    pub captured_at: DateTime<Utc>,
}

/// A history seen at one instant. See the module documentation for what is on the board.
#[derive(Debug, Clone)]
pub struct Board {
    pub(crate) history: History,
    config: BoardConfig,
    pub(crate) reference: Option<u32>,
    pub(crate) as_of: i64,
    pub(crate) max_age: i64,
    cursor: usize,
    /// Per series: its latest applied tick, kept beside the others of its market so that
    /// evaluating a market reads contiguous memory.
    pub(crate) latest: Vec<Latest>,
}

/// A series' latest applied tick: how many are applied (0: none yet), when and at what price.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Latest {
    pub n: u32,
    pub at: i64,
    pub price: f64,
}

impl Board {
    /// The board of `snapshots` as of `as_of`: [`History::new`] then [`Board::at`].
    ///
    /// ```
    /// use edgecore::agents::{Board, BoardConfig};
    /// use edgecore::{Market, PriceSnapshot, Selection};
    /// use rust_decimal::Decimal;
    /// let at = chrono::DateTime::parse_from_rfc3339("2025-01-01T10:00:00Z").unwrap().to_utc();
    /// let snap = |sel, price: i64| PriceSnapshot {
    ///     captured_at: at, event_id: "e1".into(), bookmaker: "pinnacle".into(),
    ///     market: Market::Totals, line: Some(Decimal::new(25, 1)), selection: sel,
    ///     price: Decimal::new(price, 2),
    /// };
    /// let board = Board::new(&[snap(Selection::Over, 195), snap(Selection::Under, 195)], at,
    ///     &BoardConfig::default()).unwrap();
    /// assert_eq!(board.quotes().len(), 2);
    /// ```
    pub fn new(
        snapshots: &[PriceSnapshot],
        as_of: DateTime<Utc>,
        config: &BoardConfig,
    ) -> Result<Board> {
        Board::at(&History::new(snapshots)?, as_of, config)
    }

    /// The board of `history` as of `as_of` (snapshots captured after it are not seen).
    /// An invalid `config` is an `InvalidParameter` error.
    pub fn at(history: &History, as_of: DateTime<Utc>, config: &BoardConfig) -> Result<Board> {
        let mut board = Board::start(history, config)?;
        board.apply_until(micros(as_of), |_| {});
        board.as_of = micros(as_of);
        Ok(board)
    }

    /// An empty board before the first snapshot, for incremental replays.
    pub(crate) fn start(history: &History, config: &BoardConfig) -> Result<Board> {
        config.validate()?;
        Ok(Board {
            history: history.clone(),
            reference: history.book_id(&config.reference),
            config: config.clone(),
            as_of: i64::MIN,
            max_age: config.max_age_seconds * 1_000_000,
            cursor: 0,
            latest: vec![Latest::default(); history.t.series.len()],
        })
    }

    /// Moves the board forward to `to`, applying the snapshots captured up to it. Moving
    /// backwards is an `InvalidParameter` error (build a new board instead).
    pub fn advance(&mut self, to: DateTime<Utc>) -> Result<()> {
        let to = micros(to);
        if to < self.as_of {
            return Err(Error::InvalidParameter {
                name: "to",
                value: instant(to).to_rfc3339(),
                reason: "a board only moves forward in time",
            });
        }
        self.apply_until(to, |_| {});
        self.as_of = to;
        Ok(())
    }

    /// Applies every tick captured at or before `to`, calling `on_tick` for each.
    pub(crate) fn apply_until(&mut self, to: i64, mut on_tick: impl FnMut(&Tick)) {
        let t = &self.history.t;
        while let Some(tick) = t.ticks.get(self.cursor) {
            if tick.at > to {
                break;
            }
            // `latest` holds one entry per series, and a tick's series is one of them.
            if let Some(l) = self.latest.get_mut(tick.series as usize) {
                l.n += 1;
                l.at = tick.at;
                l.price = tick.price;
            }
            on_tick(tick);
            self.cursor += 1;
        }
    }

    /// Index of the next tick to apply.
    pub(crate) fn cursor(&self) -> usize {
        self.cursor
    }

    /// The board instant.
    pub fn as_of(&self) -> DateTime<Utc> {
        instant(self.as_of)
    }

    /// The configuration.
    pub fn config(&self) -> &BoardConfig {
        &self.config
    }

    /// The underlying history.
    pub fn history(&self) -> &History {
        &self.history
    }

    /// Every quote on the board (complete, sane and fresh), ordered by event, market, line,
    /// bookmaker and selection.
    pub fn quotes(&self) -> Vec<Quote> {
        let t = &self.history.t;
        let mut view = View::default();
        let mut out = Vec::new();
        for m in 0..t.markets.len() as u32 {
            self.view(m, &mut view);
            let key = t.market(m);
            for (r, &book) in view.books.iter().enumerate() {
                for (c, &sel) in view.sels().iter().enumerate() {
                    let tick = view.tick(t, r, c);
                    out.push(Quote {
                        event_id: t.event(key.event).to_owned(),
                        bookmaker: t.bookmaker(book).to_owned(),
                        market: key.market,
                        line: selection_line(key.market, sel, key.line),
                        selection: sel,
                        price: t.price(tick),
                        captured_at: instant(t.tick(tick).at),
                    });
                }
            }
        }
        out
    }

    /// Position in `series_ticks` of the series' latest applied tick.
    #[inline]
    pub(crate) fn latest_pos(&self, series: usize) -> Option<u32> {
        let n = self.latest.get(series)?.n;
        let first = *self.history.t.series_first.get(series)?;
        (n > 0).then(|| first + n - 1)
    }

    /// Fills `view` with the board's complete, sane, fresh quotes of market `m`.
    pub(crate) fn view(&self, m: u32, view: &mut View) {
        let t = &self.history.t;
        let key = t.market(m);
        view.clear(m, key.market);
        let Some(range) = t.market_series_range(m) else {
            return;
        };
        // The market's series, their latest applied ticks and their first positions.
        let latest = self.latest.get(range.clone()).unwrap_or_default();
        let series = t.series.get(range.clone()).unwrap_or_default();
        let firsts = t.series_first.get(range).unwrap_or_default();
        let mut draw = false;
        for ((&l, &sk), &first) in latest.iter().zip(series).zip(firsts) {
            if l.n == 0
                || self.as_of.saturating_sub(l.at) > self.max_age
                || l.price < self.config.min_price
                || l.price > self.config.max_price
            {
                continue;
            }
            let pos = first + l.n - 1;
            let col = column(key.market, sk.selection);
            draw |= col == 1 && key.market == Market::H2h;
            if view.groups.last().is_none_or(|g| g.0 != sk.book) {
                view.groups.push((sk.book, [0u32; 3], [0.0; 3]));
            }
            let Some(group) = view.groups.last_mut() else {
                continue;
            };
            // `column` gives 0, 1 or 2, a column of the group's three.
            if let (Some(cell), Some(price)) = (group.1.get_mut(col), group.2.get_mut(col)) {
                *cell = pos + 1;
                *price = l.price;
            }
        }
        let cols: &[usize] = match (key.market, draw) {
            (Market::H2h, true) => &[0, 1, 2],
            (Market::H2h, false) => &[0, 2],
            _ => &[0, 1],
        };
        view.width = cols.len();
        view.three_way = draw;
        for &(book, cells, prices) in &view.groups {
            // The cell (position + 1, 0 when the book has no quote) and price of column `c`.
            let pick = |c: usize| Some((cells.get(c)?.checked_sub(1)?, *prices.get(c)?));
            if cols.iter().any(|&c| pick(c).is_none()) {
                continue;
            }
            let inverse: f64 = cols
                .iter()
                .filter_map(|&c| pick(c))
                .map(|(_, p)| 1.0 / p)
                .sum();
            let overround = inverse - 1.0;
            if overround < self.config.min_overround || overround > self.config.max_overround {
                continue;
            }
            if Some(book) == self.reference {
                view.reference = Some(view.books.len());
            }
            view.books.push(book);
            for (cell, price) in cols.iter().filter_map(|&c| pick(c)) {
                view.cells.push(cell);
                view.prices.push(price);
            }
        }
    }

    /// Runs `f` on the view of every market with at least one usable quote, accumulating
    /// into `A`. Boards of [`PARALLEL_MARKETS`] markets or more are split into chunks
    /// evaluated on the rayon pool and merged in market order, so the result is the same.
    pub(crate) fn each_market<A: Default + Send>(
        &self,
        f: impl Fn(&View, &mut Scratch, &mut A) -> Result<()> + Sync,
        merge: impl Fn(&mut A, A),
    ) -> Result<A> {
        let n = self.history.t.markets.len() as u32;
        let run = |range: std::ops::Range<u32>| -> Result<A> {
            let (mut view, mut scratch, mut acc) =
                (View::default(), Scratch::default(), A::default());
            for m in range {
                self.view(m, &mut view);
                if !view.books.is_empty() {
                    f(&view, &mut scratch, &mut acc)?;
                }
            }
            Ok(acc)
        };
        if (n as usize) < PARALLEL_MARKETS {
            return run(0..n);
        }
        let starts: Vec<u32> = (0..n).step_by(MARKET_CHUNK).collect();
        let parts: Vec<Result<A>> = starts
            .into_par_iter()
            .map(|s| run(s..s.saturating_add(MARKET_CHUNK as u32).min(n)))
            .collect();
        let mut acc = A::default();
        for part in parts {
            merge(&mut acc, part?);
        }
        Ok(acc)
    }

    /// Turns an internal candidate into a public opportunity.
    pub(crate) fn opportunity(&self, c: &Candidate) -> Opportunity {
        let t = &self.history.t;
        let key = t.market(c.market);
        Opportunity {
            agent: c.agent,
            event_id: t.event(key.event).to_owned(),
            market: key.market,
            line: selection_line(key.market, c.selection, key.line),
            selection: c.selection,
            bookmaker: t.bookmaker(c.book).to_owned(),
            price: t.price(c.tick),
            captured_at: instant(t.tick(c.tick).at),
            fair_probability: c.probability,
            fair_odds: 1.0 / c.probability,
            edge: c.edge,
            z: c.z,
            books: c.books,
            detected_at: instant(self.as_of),
        }
    }
}

/// Boards with at least this many markets are evaluated in parallel.
pub(crate) const PARALLEL_MARKETS: usize = 4096;
/// Markets per parallel task.
const MARKET_CHUNK: usize = 512;

/// The column of a selection in its market: h2h home 0, draw 1, away 2; totals over 0,
/// under 1; spreads and draw no bet home 0, away 1.
#[inline]
pub(crate) fn column(market: Market, selection: Selection) -> usize {
    match (market, selection) {
        (Market::H2h, Selection::Draw) => 1,
        (Market::H2h, Selection::Away) => 2,
        (_, Selection::Away | Selection::Under) => 1,
        _ => 0,
    }
}

/// One market's usable quotes: `books.len()` rows of `width` prices.
#[derive(Debug, Default, Clone)]
pub(crate) struct View {
    pub market: u32,
    pub kind: Option<Market>,
    pub width: usize,
    pub three_way: bool,
    pub books: Vec<u32>,
    /// Row-major prices, `books.len() x width`.
    pub prices: Vec<f64>,
    /// Row-major positions in `series_ticks` of each price's tick.
    pub cells: Vec<u32>,
    /// Row of the reference bookmaker, when its quote is usable.
    pub reference: Option<usize>,
    groups: Vec<(u32, [u32; 3], [f64; 3])>,
}

impl View {
    fn clear(&mut self, m: u32, market: Market) {
        self.market = m;
        self.kind = Some(market);
        self.width = 0;
        self.three_way = false;
        self.books.clear();
        self.prices.clear();
        self.cells.clear();
        self.reference = None;
        self.groups.clear();
    }

    /// The selections of the columns.
    pub fn sels(&self) -> &'static [Selection] {
        let kind = self.kind.unwrap_or(Market::DrawNoBet);
        if self.three_way {
            kind.selections()
        } else {
            kind.two_way_selections()
        }
    }

    // Callers walk rows `r < books.len()` and columns `c < width`, inside the view; outside
    // it (never), a row is empty, a price NaN and a book or cell 0, which no devig, edge or
    // threshold accepts as a quote.

    /// The prices of row `r`.
    #[inline]
    pub fn row(&self, r: usize) -> &[f64] {
        self.prices
            .get(r * self.width..(r + 1) * self.width)
            .unwrap_or_default()
    }

    /// The price in cell (r, c).
    #[inline]
    pub fn price(&self, r: usize, c: usize) -> f64 {
        self.prices
            .get(r * self.width + c)
            .copied()
            .unwrap_or(f64::NAN)
    }

    /// The bookmaker of row `r`.
    #[inline]
    pub fn book(&self, r: usize) -> u32 {
        self.books.get(r).copied().unwrap_or_default()
    }

    /// The tick index of cell (r, c).
    #[inline]
    pub fn tick(&self, t: &super::history::Tables, r: usize, c: usize) -> u32 {
        let cell = self.cells.get(r * self.width + c).copied();
        t.series_tick(cell.unwrap_or_default())
    }
}

/// An opportunity before its names are looked up (the backtest never builds the strings).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Candidate {
    pub agent: AgentName,
    pub market: u32,
    pub book: u32,
    pub selection: Selection,
    pub tick: u32,
    pub price: f64,
    pub probability: f64,
    pub edge: f64,
    pub z: f64,
    pub books: usize,
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use rust_decimal::prelude::FromPrimitive;

    fn snap(hour: i64, book: &str, sel: Selection, price: f64) -> PriceSnapshot {
        PriceSnapshot {
            captured_at: Utc.timestamp_opt(1_700_000_000 + hour * 3600, 0).unwrap(),
            event_id: "e".into(),
            bookmaker: book.into(),
            market: Market::H2h,
            line: None,
            selection: sel,
            price: Decimal::from_f64(price).unwrap(),
        }
    }

    fn at(hour: i64) -> DateTime<Utc> {
        Utc.timestamp_opt(1_700_000_000 + hour * 3600, 0).unwrap()
    }

    fn book(hour: i64, name: &str, p: [f64; 3]) -> Vec<PriceSnapshot> {
        vec![
            snap(hour, name, Selection::Home, p[0]),
            snap(hour, name, Selection::Draw, p[1]),
            snap(hour, name, Selection::Away, p[2]),
        ]
    }

    #[test]
    fn keeps_latest_fresh_sane_complete_quotes() {
        let mut s = book(0, "a", [2.5, 3.4, 3.0]);
        s.extend(book(1, "a", [2.4, 3.4, 3.1]));
        s.extend(book(-1, "old", [2.5, 3.4, 3.0]));
        s.extend(book(14, "future", [2.5, 3.4, 3.0]));
        s.extend(book(1, "absurd", [1.01, 3.4, 3.0]));
        s.extend(book(1, "arb", [3.5, 4.0, 4.0]));
        s.push(snap(1, "partial", Selection::Home, 2.5));
        let cfg = BoardConfig {
            max_age_seconds: 13 * 3600,
            ..BoardConfig::default()
        };
        let board = Board::new(&s, at(13), &cfg).unwrap();
        let q = board.quotes();
        let books: Vec<&str> = q.iter().map(|q| q.bookmaker.as_str()).collect();
        assert_eq!(books, ["a", "a", "a"]);
        assert_eq!(q[0].price, Decimal::from_f64(2.4).unwrap());
        // a board a little later still sees "old" as stale, and now sees "future"
        let mut later = board.clone();
        later.advance(at(14)).unwrap();
        let names: Vec<String> = later.quotes().into_iter().map(|q| q.bookmaker).collect();
        assert_eq!(names, ["a", "a", "a", "future", "future", "future"]);
    }

    #[test]
    fn two_way_h2h_without_draw() {
        let s = vec![
            snap(0, "a", Selection::Home, 1.9),
            snap(0, "a", Selection::Away, 1.9),
        ];
        let board = Board::new(&s, at(0), &BoardConfig::default()).unwrap();
        assert_eq!(board.quotes().len(), 2);
    }

    #[test]
    fn errors() {
        let h = History::default();
        for cfg in [
            BoardConfig {
                max_age_seconds: 0,
                ..BoardConfig::default()
            },
            BoardConfig {
                max_price: 1.0,
                ..BoardConfig::default()
            },
            BoardConfig {
                min_overround: f64::NAN,
                ..BoardConfig::default()
            },
        ] {
            assert_eq!(
                Board::at(&h, at(0), &cfg).unwrap_err().kind(),
                "InvalidParameter"
            );
        }
        let mut b = Board::at(&h, at(5), &BoardConfig::default()).unwrap();
        assert_eq!(b.advance(at(4)).unwrap_err().kind(), "InvalidParameter");
    }
}
