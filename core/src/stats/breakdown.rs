//! Figures by group (bookmaker, market, period...) and the weekday x hour heatmap.

use super::tally::{Summary, Tally, read};
use crate::bet::Bet;
use crate::error::Result;
use crate::names::named_enum;
use crate::par::*;
use chrono::{DateTime, Datelike, Timelike, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

named_enum! {
    /// What a [`breakdown`] groups bets by. Periods use the UTC `placed_at`.
    pub enum BreakdownKey ("breakdown key") {
        /// The bookmaker key ("pinnacle").
        Bookmaker = "bookmaker",
        /// The market name ("h2h", "totals").
        Market = "market",
        /// The source ("manual" or an agent's name).
        Source = "source",
        /// The league key.
        League = "league",
        /// The calendar day, labelled "2026-11-21".
        Day = "day",
        /// The ISO 8601 week, labelled "2026-W47" (ISO week-numbering year).
        Week = "week",
        /// The calendar month, labelled "2026-11".
        Month = "month",
        /// The day of the week, labelled "monday" .. "sunday".
        Weekday = "weekday",
        /// The hour of the day, labelled "00" .. "23".
        Hour = "hour",
    }
}

named_enum! {
    /// A day of the week, Monday first (ISO 8601).
    pub enum Weekday ("weekday") {
        /// Monday.
        Monday = "monday",
        /// Tuesday.
        Tuesday = "tuesday",
        /// Wednesday.
        Wednesday = "wednesday",
        /// Thursday.
        Thursday = "thursday",
        /// Friday.
        Friday = "friday",
        /// Saturday.
        Saturday = "saturday",
        /// Sunday.
        Sunday = "sunday",
    }
}

impl Weekday {
    /// The weekday of an instant, in UTC.
    pub fn of(at: DateTime<Utc>) -> Weekday {
        match at.weekday() {
            chrono::Weekday::Mon => Weekday::Monday,
            chrono::Weekday::Tue => Weekday::Tuesday,
            chrono::Weekday::Wed => Weekday::Wednesday,
            chrono::Weekday::Thu => Weekday::Thursday,
            chrono::Weekday::Fri => Weekday::Friday,
            chrono::Weekday::Sat => Weekday::Saturday,
            chrono::Weekday::Sun => Weekday::Sunday,
        }
    }
}

/// One group of a [`breakdown`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Group {
    /// The group's label: the bookmaker, market, source or league as written, or the period
    /// ("2026-11-21", "2026-W47", "2026-11", "monday", "14").
    pub key: String,
    /// The group's figures.
    pub summary: Summary,
}

/// A group's identity: a text field, or a period as a number that sorts chronologically.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum GroupId<'a> {
    Text(&'a str),
    Period(i64),
}

impl BreakdownKey {
    fn id(self, bet: &Bet) -> GroupId<'_> {
        let at = bet.placed_at;
        let date = at.date_naive();
        match self {
            BreakdownKey::Bookmaker => GroupId::Text(&bet.bookmaker),
            BreakdownKey::Market => GroupId::Text(bet.market.as_str()),
            BreakdownKey::Source => GroupId::Text(&bet.source),
            BreakdownKey::League => GroupId::Text(&bet.league),
            BreakdownKey::Day => GroupId::Period(i64::from(date.num_days_from_ce())),
            BreakdownKey::Week => {
                let w = date.iso_week();
                GroupId::Period(i64::from(w.year()) * 100 + i64::from(w.week()))
            }
            BreakdownKey::Month => {
                GroupId::Period(i64::from(date.year()) * 100 + i64::from(date.month()))
            }
            BreakdownKey::Weekday => {
                GroupId::Period(i64::from(date.weekday().num_days_from_monday()))
            }
            BreakdownKey::Hour => GroupId::Period(i64::from(at.hour())),
        }
    }

    /// The label of the group a bet falls in.
    fn label(self, bet: &Bet) -> String {
        let at = bet.placed_at;
        let date = at.date_naive();
        match self {
            BreakdownKey::Bookmaker => bet.bookmaker.clone(),
            BreakdownKey::Market => bet.market.as_str().to_string(),
            BreakdownKey::Source => bet.source.clone(),
            BreakdownKey::League => bet.league.clone(),
            BreakdownKey::Day => {
                format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
            }
            BreakdownKey::Week => {
                let w = date.iso_week();
                format!("{:04}-W{:02}", w.year(), w.week())
            }
            BreakdownKey::Month => format!("{:04}-{:02}", date.year(), date.month()),
            BreakdownKey::Weekday => Weekday::of(at).as_str().to_string(),
            BreakdownKey::Hour => format!("{:02}", at.hour()),
        }
    }
}

/// Above this many bets, breakdowns and heatmaps are tallied in parallel.
const PARALLEL_THRESHOLD: usize = 16_384;

/// Chunk size of the parallel tallies.
const CHUNK: usize = 8_192;

/// Folds every bet into the tally of its slot (`slot` maps a bet to a key of `M`), in
/// parallel above [`PARALLEL_THRESHOLD`] bets; the result does not depend on the split except
/// for float rounding in the CLV sums.
fn tally_by<'a, K, M>(bets: &'a [Bet], slot: impl Fn(&'a Bet) -> K + Sync) -> Result<M>
where
    M: Slots<'a, K> + Send,
{
    let fold = |chunk: &'a [Bet]| -> Result<M> {
        let mut map = M::empty();
        for bet in chunk {
            map.tally(slot(bet), bet)?;
        }
        Ok(map)
    };
    if bets.len() < PARALLEL_THRESHOLD {
        return fold(bets);
    }
    bets.par_chunks(CHUNK)
        .map(fold)
        .try_reduce(M::empty, |mut a, b| {
            a.merge(b)?;
            Ok(a)
        })
}

/// A set of tallies addressed by key: a hash map of groups, or the fixed heatmap grid.
trait Slots<'a, K>: Sized {
    fn empty() -> Self;
    fn tally(&mut self, key: K, bet: &'a Bet) -> Result<()>;
    fn merge(&mut self, other: Self) -> Result<()>;
}

/// Groups: the first bet seen (for the label) and the tally.
type GroupMap<'a> = HashMap<GroupId<'a>, (&'a Bet, Tally)>;

impl<'a> Slots<'a, GroupId<'a>> for GroupMap<'a> {
    fn empty() -> Self {
        HashMap::new()
    }

    fn tally(&mut self, id: GroupId<'a>, bet: &'a Bet) -> Result<()> {
        let r = read(bet)?;
        self.entry(id)
            .or_insert_with(|| (bet, Tally::default()))
            .1
            .add(&r)
    }

    fn merge(&mut self, other: Self) -> Result<()> {
        for (id, (bet, tally)) in other {
            match self.get_mut(&id) {
                Some(mine) => mine.1.merge(&tally)?,
                None => {
                    self.insert(id, (bet, tally));
                }
            }
        }
        Ok(())
    }
}

/// The history grouped by `key`, each group with its [`Summary`] (same definitions as
/// [`super::performance`]: win rate counts half wins as wins, ROI = profit / staked of settled
/// bets, average CLV over bets with closing odds).
///
/// Groups are sorted by key: text keys (bookmaker, market, source, league) by byte order of
/// the string; periods chronologically (days, ISO weeks, months), weekdays Monday first and
/// hours 00 to 23. Only groups with at least one bet appear. Periods use the UTC `placed_at`.
/// The group profits add up exactly to the history's profit. Tallied in parallel above
/// 16,384 bets.
///
/// Errors: the same bet validation as [`super::performance`] (`InvalidOdds`, `InvalidAmount`,
/// `InvalidProbability`). An empty history gives no group.
///
/// ```
/// use edgecore::stats::{breakdown, BreakdownKey};
/// use edgecore::{Bet, Market, Outcome, Selection};
/// use rust_decimal_macros::dec;
///
/// let bet = |bookmaker: &str, outcome| Bet {
///     id: "b".into(),
///     event_id: "e".into(),
///     league: "epl".into(),
///     market: Market::H2h,
///     line: None,
///     selection: Selection::Home,
///     bookmaker: bookmaker.into(),
///     odds: dec!(2.5),
///     stake: dec!(10),
///     placed_at: "2026-11-21T14:00:00Z".parse().unwrap(),
///     source: "manual".into(),
///     outcome: Some(outcome),
///     closing_odds: None,
///     closing_probability: None,
/// };
/// let bets = [bet("unibet", Outcome::Lost), bet("bet365", Outcome::Won)];
/// let groups = breakdown(&bets, BreakdownKey::Bookmaker).unwrap();
/// assert_eq!(groups[0].key, "bet365");
/// assert_eq!(groups[0].summary.profit, dec!(15));
/// assert_eq!(groups[1].summary.roi, Some(-1.0));
/// ```
pub fn breakdown(bets: &[Bet], key: BreakdownKey) -> Result<Vec<Group>> {
    let map: GroupMap<'_> = tally_by(bets, |bet| key.id(bet))?;
    let mut groups: Vec<_> = map.into_iter().collect();
    groups.sort_unstable_by_key(|(id, _)| *id);
    groups
        .into_iter()
        .map(|(_, (bet, tally))| {
            Ok(Group {
                key: key.label(bet),
                summary: tally.summary()?,
            })
        })
        .collect()
}

/// One cell of the [`Heatmap`]: the bets placed on one weekday within one hour (UTC).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HeatmapCell {
    /// The weekday.
    pub weekday: Weekday,
    /// The hour, 0 to 23.
    pub hour: u32,
    /// The cell's figures (bets, profit, ROI, win rate...; `None` figures for empty cells).
    pub summary: Summary,
}

/// Results by weekday and hour of placing (UTC): 168 cells, Monday 00h first, then Monday
/// 01h, ... Sunday 23h, so cell `weekday_index * 24 + hour` (Monday = 0). Every cell is
/// present, empty ones with zero counts and `None` rates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Heatmap {
    /// The 168 cells, weekday-major.
    pub cells: Vec<HeatmapCell>,
}

/// Number of heatmap cells: 7 days x 24 hours.
const CELLS: usize = 7 * 24;

/// The heatmap's tallies, indexed weekday * 24 + hour.
struct Grid(Vec<Tally>);

impl Slots<'_, usize> for Grid {
    fn empty() -> Self {
        Grid(vec![Tally::default(); CELLS])
    }

    fn tally(&mut self, cell: usize, bet: &Bet) -> Result<()> {
        let r = read(bet)?;
        match self.0.get_mut(cell) {
            Some(t) => t.add(&r),
            None => Ok(()),
        }
    }

    fn merge(&mut self, other: Self) -> Result<()> {
        self.0
            .iter_mut()
            .zip(&other.0)
            .try_for_each(|(a, b)| a.merge(b))
    }
}

/// Results by weekday x hour of `placed_at` (UTC), what a dashboard heatmap shows: each cell
/// has the [`Summary`] of its bets (bets, settled, profit, ROI, win rate, average CLV, same
/// definitions as [`breakdown`]). Tallied in parallel above 16,384 bets.
///
/// Errors: the same bet validation as [`super::performance`].
///
/// ```
/// use edgecore::stats::{heatmap, Weekday};
/// let map = heatmap(&[]).unwrap();
/// assert_eq!(map.cells.len(), 168);
/// assert_eq!((map.cells[25].weekday, map.cells[25].hour), (Weekday::Tuesday, 1));
/// ```
pub fn heatmap(bets: &[Bet]) -> Result<Heatmap> {
    let grid: Grid = tally_by(bets, |bet| {
        let at = bet.placed_at;
        at.weekday().num_days_from_monday() as usize * 24 + at.hour() as usize
    })?;
    // The cells are day-major: 24 hours of each weekday in turn.
    let days = Weekday::ALL
        .iter()
        .flat_map(|&day| std::iter::repeat_n(day, 24));
    let cells = grid
        .0
        .iter()
        .enumerate()
        .zip(days)
        .map(|((i, tally), weekday)| {
            Ok(HeatmapCell {
                weekday,
                hour: (i % 24) as u32,
                summary: tally.summary()?,
            })
        })
        .collect::<Result<_>>()?;
    Ok(Heatmap { cells })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::fixtures::{bet, history};
    use rust_decimal_macros::dec;

    #[test]
    fn by_bookmaker_by_hand() {
        let groups = breakdown(&history(), BreakdownKey::Bookmaker).unwrap();
        let keys: Vec<_> = groups.iter().map(|g| g.key.as_str()).collect();
        assert_eq!(keys, ["bet365", "pinnacle", "unibet"]);
        let s = &groups[0].summary; // b1 +55, b3 -20, b6 +24
        assert_eq!((s.bets, s.settled, s.wins, s.losses), (3, 3, 2, 1));
        assert_eq!((s.staked, s.profit), (dec!(150), dec!(59)));
        assert!((s.roi.unwrap() - 59.0 / 150.0).abs() < 1e-15);
        assert!((s.win_rate.unwrap() - 2.0 / 3.0).abs() < 1e-15);
        let u = &groups[2].summary; // b4 lost, b7 pending with CLV 0.1 / 2.4
        assert_eq!((u.bets, u.settled, u.profit), (2, 1, dec!(-20)));
        assert!((u.average_clv.unwrap() - 0.1 / 2.4).abs() < 1e-15);
    }

    #[test]
    fn period_labels_and_order() {
        let labels = |key| -> Vec<String> {
            let g = breakdown(&history(), key).unwrap();
            g.into_iter().map(|g| g.key).collect()
        };
        assert_eq!(labels(BreakdownKey::Week), ["2026-W47"]);
        assert_eq!(labels(BreakdownKey::Month), ["2026-11"]);
        assert_eq!(labels(BreakdownKey::Day)[0], "2026-11-16");
        assert_eq!(labels(BreakdownKey::Day).len(), 6);
        assert_eq!(
            labels(BreakdownKey::Weekday),
            [
                "monday",
                "tuesday",
                "wednesday",
                "thursday",
                "friday",
                "saturday"
            ]
        );
        assert_eq!(labels(BreakdownKey::Hour), ["10", "14", "18", "20"]);
        assert_eq!(labels(BreakdownKey::Market), ["h2h", "spreads", "totals"]);
        assert_eq!(labels(BreakdownKey::Source), ["manual"]);
        assert_eq!(labels(BreakdownKey::League), ["epl"]);
        // ISO week-numbering year: 2027-01-01 is a Friday of 2026-W53; chronological order
        let a = bet(
            "a",
            "2027-01-01T09:00:00Z",
            "x",
            dec!(2),
            dec!(1),
            None,
            None,
            None,
        );
        let b = bet(
            "b",
            "2026-12-01T09:00:00Z",
            "x",
            dec!(2),
            dec!(1),
            None,
            None,
            None,
        );
        let weeks = breakdown(&[a, b], BreakdownKey::Week).unwrap();
        let weeks: Vec<_> = weeks.iter().map(|g| g.key.as_str()).collect();
        assert_eq!(weeks, ["2026-W49", "2026-W53"]);
    }

    #[test]
    fn parallel_tally_equals_sequential() {
        let base = history();
        let many: Vec<Bet> = base.iter().cycle().take(40_000).cloned().collect();
        let groups = breakdown(&many, BreakdownKey::Bookmaker).unwrap();
        let total: rust_decimal::Decimal = groups.iter().map(|g| g.summary.profit).sum();
        // 40,000 bets = 5714 full cycles (-61 each) + b1 and b2 (+55 - 100)
        assert_eq!(total, dec!(-61) * dec!(5714) + dec!(-45));
        assert_eq!(groups.iter().map(|g| g.summary.bets).sum::<usize>(), 40_000);
        let map = heatmap(&many).unwrap();
        assert_eq!(
            map.cells.iter().map(|c| c.summary.bets).sum::<usize>(),
            40_000
        );
    }

    #[test]
    fn heatmap_cells() {
        let map = heatmap(&history()).unwrap();
        assert_eq!(map.cells.len(), 168);
        let monday_10 = &map.cells[10];
        assert_eq!((monday_10.weekday, monday_10.hour), (Weekday::Monday, 10));
        assert_eq!(monday_10.summary.profit, dec!(55));
        assert_eq!(monday_10.summary.win_rate, Some(1.0));
        let saturday_18 = &map.cells[5 * 24 + 18];
        assert_eq!(saturday_18.summary.profit, dec!(24));
        assert_eq!(map.cells[0].summary.roi, None);
    }

    #[test]
    fn invalid_bets_are_errors() {
        let mut b = history();
        b[1].odds = dec!(0.9);
        assert_eq!(
            breakdown(&b, BreakdownKey::Day).unwrap_err().kind(),
            "InvalidOdds"
        );
        assert_eq!(heatmap(&b).unwrap_err().kind(), "InvalidOdds");
        let mut b = history();
        b[1].stake = dec!(-5);
        assert_eq!(heatmap(&b).unwrap_err().kind(), "InvalidAmount");
        let mut b = history();
        b[1].closing_probability = Some(-0.1);
        assert_eq!(
            breakdown(&b, BreakdownKey::Bookmaker).unwrap_err().kind(),
            "InvalidProbability"
        );
    }

    #[test]
    fn unknown_key_name() {
        assert_eq!("week".parse::<BreakdownKey>().unwrap(), BreakdownKey::Week);
        assert_eq!(
            "year".parse::<BreakdownKey>().unwrap_err().kind(),
            "UnknownName"
        );
    }
}
