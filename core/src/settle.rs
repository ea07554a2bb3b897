//! Settlement: the outcome, payout and profit of a bet from the event's final score.
//!
//! Every market is decided by the selection's *margin*: the score difference seen from the
//! bettor's side after the line is applied (home - away for a home bet, total - line for an
//! over, home - away + handicap for a home Asian handicap...). For markets with a line:
//!
//! | margin        | outcome     |
//! |---------------|-------------|
//! | >= +0.5       | `won`       |
//! | +0.25         | `half_won`  |
//! | 0             | `push`      |
//! | -0.25         | `half_lost` |
//! | <= -0.5       | `lost`      |
//!
//! Whole lines (2, -1) push when the margin is exactly 0; half lines (2.5, -0.5) always win
//! or lose. A quarter line (2.25, -0.25, -0.75) is half the stake on each neighbouring
//! line (-0.25 = half on 0 and half on -0.5): a margin of +0.25 wins one half and pushes the
//! other (`half_won`), -0.25 pushes one half and loses the other (`half_lost`), anything
//! further away wins or loses both halves. Scores are integers and lines multiples of 0.25,
//! so the table covers every case.
//!
//! Match-result markets: a three-way h2h (1X2, football) bet on home or away loses on a
//! level score; the draw selection wins only on a level score. A two-way h2h (moneyline, no
//! draw selection) ending level returns the stake as a `push`, the usual rule of moneyline
//! markets; so does draw no bet on a draw. Which of the two an h2h bet follows is, unless the
//! caller says otherwise ([`SettleRules::h2h`]), decided by the sport of its league key
//! ([`H2hFormat::of_league`]): football (`soccer_*`) three-way; basketball, American
//! football, baseball, tennis and ice hockey (moneyline) two-way; any other sport three-way. A cancelled event makes every bet `void`: `push`
//! means the event was played and the stake came back, `void` that it was not played.
//!
//! Payout and profit come from [`Outcome::payout`] (rounded to the cent, half away from zero),
//! and profit = payout - stake.

use crate::bet::{Bet, Outcome};
use crate::check;
use crate::error::{Error, Result};
use crate::market::{EventResult, Market, Selection, Sport};
use crate::names::named_enum;
use crate::progress::{ProgressFn, map_chunks};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Batches at least this long are settled in parallel.
const PARALLEL_MIN: usize = 4096;
/// Bets per parallel task.
const CHUNK: usize = 1024;
/// Largest accepted line magnitude: far beyond any real total or handicap, and small enough
/// that no line arithmetic can overflow.
const MAX_LINE: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);
/// A quarter goal: the step of every line.
const QUARTER: Decimal = Decimal::from_parts(25, 0, 0, false, 2);

named_enum! {
    /// How an h2h market treats a level score. `Default` is `three_way`.
    #[derive(Default)]
    pub enum H2hFormat ("h2h format") {
        /// 1X2 (football): home, draw and away; a home or away bet loses on a level score.
 #[default]
        ThreeWay = "three_way" | "1x2",
        /// Moneyline: home and away only; a level score returns the stake (`push`), and a
        /// draw selection is an `InvalidSelection` error.
        TwoWay = "two_way" | "moneyline",
    }
}

impl H2hFormat {
    /// The h2h format of a sport family: two-way (moneyline) for the sports without a draw
    /// (basketball, American football, baseball, tennis, ice hockey), three-way for football.
    pub const fn of_sport(sport: Sport) -> H2hFormat {
        if sport.h2h_is_two_way() {
            H2hFormat::TwoWay
        } else {
            H2hFormat::ThreeWay
        }
    }

    /// The h2h format of a league key ("basketball_nba" -> two-way, "soccer_epl" ->
    /// three-way), from its sport family ([`Sport::of_league`]); three-way for a league of
    /// any other sport (the format that never refuses a draw selection).
    ///
    /// ```
    /// use edgecore::settle::H2hFormat;
    /// assert_eq!(H2hFormat::of_league("icehockey_nhl"), H2hFormat::TwoWay);
    /// assert_eq!(H2hFormat::of_league("soccer_france_ligue_one"), H2hFormat::ThreeWay);
    /// assert_eq!(H2hFormat::of_league("rugbyleague_nrl"), H2hFormat::ThreeWay);
    /// ```
    pub fn of_league(league: &str) -> H2hFormat {
        Sport::of_league(league).map_or(H2hFormat::ThreeWay, H2hFormat::of_sport)
    }
}

/// Settlement rules that the bet record alone does not tell. `Default` leaves the h2h format
/// to each bet's sport ([`H2hFormat::of_league`] of its league key).
///
/// An unknown field is refused (`InvalidRecord`): a misspelt key never falls back to its
/// default silently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SettleRules {
    /// How h2h bets treat a level score; `None` (the default): as the bet's sport does
    /// ([`H2hFormat::of_league`] of `bet.league`).
    pub h2h: Option<H2hFormat>,
}

/// A settled bet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Settlement {
    /// How the bet ended.
    pub outcome: Outcome,
    /// What is paid back, stake included, rounded to the cent and written with two decimal
    /// places (see [`Outcome::payout`]).
    pub payout: Decimal,
    /// `payout - stake` (negative for a loss), with at least two decimal places (`-10.00`).
    pub profit: Decimal,
    /// The margin that decided the bet, from the bettor's side (see the module docs): goals
    /// ahead after the line (positive wins, 0 is level). For a draw selection it is
    /// `-|home - away|`. `None` for a cancelled event.
    pub margin: Option<Decimal>,
}

/// Settles one bet against its event's result with the default rules: the h2h format of the
/// bet's sport ([`H2hFormat::of_league`]: a basketball or ice-hockey moneyline ending level is
/// a `push`, a football home or away bet on a level score is `lost`).
///
/// The bet is checked first, its fields in declaration order, and the first bad one is
/// reported: the line is present exactly when the market has one, is a multiple of 0.25, at
/// most 1,000,000 in size and not negative for totals (`InvalidLine`); the selection belongs
/// to the market (`InvalidSelection`); the odds are above 1 (`InvalidOdds`); the stake is
/// above 0 and `stake x odds` is within the range of an exact amount (`InvalidAmount`); last,
/// the rules: a draw selection under a two-way h2h is `InvalidSelection`. So a totals bet on
/// `draw` at line -0.5 is `InvalidLine` (the line comes before the selection). Then the
/// outcome follows the rules of the module docs.
///
/// ```
/// use edgecore::settle::settle;
/// use edgecore::{Bet, EventResult, Market, Outcome, Selection};
/// use rust_decimal::Decimal;
///
/// let bet = Bet {
///     id: "b1".into(), event_id: "e1".into(), league: "soccer_epl".into(),
///     market: Market::Spreads, line: Some(Decimal::new(-25, 2)), selection: Selection::Home,
///     bookmaker: "pinnacle".into(), odds: Decimal::new(195, 2), stake: Decimal::from(10),
///     placed_at: "2025-01-01T12:00:00Z".parse().unwrap(), source: "manual".into(),
///     outcome: None, closing_odds: None, closing_probability: None,
/// };
/// // Home -0.25 and a 1-1 draw: half on 0 pushes, half on -0.5 loses.
/// let s = settle(&bet, &EventResult::Final { home: 1, away: 1 }).unwrap();
/// assert_eq!(s.outcome, Outcome::HalfLost);
/// assert_eq!(s.payout, Decimal::from(5));
/// assert_eq!(s.profit, Decimal::from(-5));
/// ```
pub fn settle(bet: &Bet, result: &EventResult) -> Result<Settlement> {
    SettleRules::default().settle(bet, result)
}

/// Settles `bets[i]` against `results[i]` with the default rules (each bet's sport decides its
/// h2h format), in parallel for long
/// inputs. Errors: `LengthMismatch` when the slices differ in length, otherwise the error of
/// the first bad bet (lowest index), as [`settle`] reports it.
pub fn settle_batch(bets: &[Bet], results: &[EventResult]) -> Result<Vec<Settlement>> {
    SettleRules::default().settle_batch(bets, results)
}

/// [`settle_batch`] that reports its progress in bets: `progress(done, total)` is called
/// after about every [`PROGRESS_CHUNK`](crate::progress::PROGRESS_CHUNK) bets settled and once
/// more when the last one is, with `done` strictly increasing and the last call being
/// `(total, total)` (`total` is `bets.len()`). Calls may come from several threads but never
/// at the same time. Results and errors are [`settle_batch`]'s (the first bad bet's, by
/// position); a `LengthMismatch` or an empty batch makes no call, and a failed batch never
/// reports `(total, total)`. A panic in `progress` propagates to the caller.
///
/// ```
/// use edgecore::settle::settle_batch_with_progress;
/// use edgecore::{Bet, EventResult, Market, Outcome, Selection};
/// use rust_decimal::Decimal;
/// use std::sync::Mutex;
///
/// let bet = Bet {
///     id: "b1".into(), event_id: "e1".into(), league: "soccer_epl".into(),
///     market: Market::H2h, line: None, selection: Selection::Home,
///     bookmaker: "pinnacle".into(), odds: Decimal::new(195, 2), stake: Decimal::from(10),
///     placed_at: "2025-01-01T12:00:00Z".parse().unwrap(), source: "manual".into(),
///     outcome: None, closing_odds: None, closing_probability: None,
/// };
/// let bets = vec![bet; 10_000];
/// let results = vec![EventResult::Final { home: 2, away: 1 }; 10_000];
/// let seen = Mutex::new(Vec::new());
/// let report = |done: usize, total: usize| seen.lock().unwrap().push((done, total));
/// let settled = settle_batch_with_progress(&bets, &results, &report).unwrap();
/// assert_eq!(settled[9_999].outcome, Outcome::Won);
/// assert_eq!(seen.lock().unwrap().last(), Some(&(10_000, 10_000)));
/// ```
pub fn settle_batch_with_progress(
    bets: &[Bet],
    results: &[EventResult],
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Vec<Settlement>> {
    SettleRules::default().settle_batch_with_progress(bets, results, progress)
}

/// Settles each bet whose event has a result in `results` (keyed by event id) with the
/// default rules (each bet's sport decides its h2h format); the output is aligned with `bets`, `None` for a bet still pending (no
/// result for its event). Errors: the error of the first bad bet that has a result.
pub fn settle_by_event(
    bets: &[Bet],
    results: &HashMap<String, EventResult>,
) -> Result<Vec<Option<Settlement>>> {
    SettleRules::default().settle_by_event(bets, results)
}

/// [`settle_by_event`] that reports its progress in bets: `progress(done, total)` is called
/// after about every [`PROGRESS_CHUNK`](crate::progress::PROGRESS_CHUNK) bets looked at and
/// once more when the last one is, with `done` strictly increasing and the last call being
/// `(total, total)` (`total` is `bets.len()`; a pending bet, with no result for its event,
/// counts as done once looked at). Calls may come from several threads but never at the same
/// time. Results and errors are [`settle_by_event`]'s (the first bad bet with a result, by
/// position); an empty batch makes no call, and a failed batch never reports
/// `(total, total)`. A panic in `progress` propagates to the caller.
///
/// ```
/// use edgecore::settle::settle_by_event_with_progress;
/// use edgecore::{Bet, EventResult, Market, Outcome, Selection};
/// use rust_decimal::Decimal;
/// use std::collections::HashMap;
/// use std::sync::Mutex;
///
/// let bet = |event: &str| Bet {
///     id: "b1".into(), event_id: event.into(), league: "soccer_epl".into(),
///     market: Market::H2h, line: None, selection: Selection::Home,
///     bookmaker: "pinnacle".into(), odds: Decimal::new(195, 2), stake: Decimal::from(10),
///     placed_at: "2025-01-01T12:00:00Z".parse().unwrap(), source: "manual".into(),
///     outcome: None, closing_odds: None, closing_probability: None,
/// };
/// let bets: Vec<Bet> = (0..10_000).map(|i| bet(if i % 2 == 0 { "e1" } else { "e2" })).collect();
/// let results = HashMap::from([("e1".to_string(), EventResult::Final { home: 2, away: 1 })]);
/// let seen = Mutex::new(Vec::new());
/// let report = |done: usize, total: usize| seen.lock().unwrap().push((done, total));
/// let settled = settle_by_event_with_progress(&bets, &results, &report).unwrap();
/// assert_eq!(settled[0].as_ref().map(|s| s.outcome), Some(Outcome::Won));
/// assert!(settled[1].is_none()); // e2 has no result yet
/// assert_eq!(seen.lock().unwrap().last(), Some(&(10_000, 10_000)));
/// ```
pub fn settle_by_event_with_progress(
    bets: &[Bet],
    results: &HashMap<String, EventResult>,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Vec<Option<Settlement>>> {
    SettleRules::default().settle_by_event_with_progress(bets, results, progress)
}

impl SettleRules {
    /// [`settle`] under these rules.
    ///
    /// ```
    /// use edgecore::settle::{H2hFormat, SettleRules};
    /// use edgecore::{Bet, EventResult, Market, Outcome, Selection};
    /// use rust_decimal::Decimal;
    ///
    /// let bet = Bet {
    ///     id: "b2".into(), event_id: "e2".into(), league: "americanfootball_nfl".into(),
    ///     market: Market::H2h, line: None, selection: Selection::Away,
    ///     bookmaker: "pinnacle".into(), odds: Decimal::new(210, 2), stake: Decimal::from(20),
    ///     placed_at: "2025-01-01T12:00:00Z".parse().unwrap(), source: "manual".into(),
    ///     outcome: None, closing_odds: None, closing_probability: None,
    /// };
    /// // The NFL's moneyline is two-way: the default rules settle a tie as a push...
    /// let tie = EventResult::Final { home: 20, away: 20 };
    /// let s = SettleRules::default().settle(&bet, &tie).unwrap();
    /// assert_eq!((s.outcome, s.payout.to_string()), (Outcome::Push, "20.00".to_string()));
    /// // ...and a caller who knows better can say so.
    /// let three_way = SettleRules { h2h: Some(H2hFormat::ThreeWay) };
    /// assert_eq!(three_way.settle(&bet, &tie).unwrap().outcome, Outcome::Lost);
    /// ```
    pub fn settle(&self, bet: &Bet, result: &EventResult) -> Result<Settlement> {
        self.validate_bet(bet)?;
        let h2h = self.h2h_of(bet);
        let (outcome, margin) = match *result {
            EventResult::Cancelled => (Outcome::Void, None),
            EventResult::Final { home, away } => {
                let margin = margin(bet, Decimal::from(home), Decimal::from(away))?;
                (decide(h2h, bet.market, bet.selection, margin), Some(margin))
            }
        };
        let payout = outcome.payout(bet.stake, bet.odds)?;
        Ok(Settlement {
            outcome,
            payout,
            profit: crate::money::with_cents(payout - bet.stake),
            margin,
        })
    }

    /// [`settle_batch`] under these rules.
    pub fn settle_batch(&self, bets: &[Bet], results: &[EventResult]) -> Result<Vec<Settlement>> {
        self.settle_all(bets, results, None)
    }

    /// [`settle_batch_with_progress`] under these rules.
    pub fn settle_batch_with_progress(
        &self,
        bets: &[Bet],
        results: &[EventResult],
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<Vec<Settlement>> {
        self.settle_all(bets, results, Some(progress))
    }

    /// The one kernel of both batch forms.
    fn settle_all(
        &self,
        bets: &[Bet],
        results: &[EventResult],
        progress: Option<ProgressFn<'_>>,
    ) -> Result<Vec<Settlement>> {
        check::same_len("bets", bets.len(), "results", results.len())?;
        map_in_order(bets, progress, |i, bet| match results.get(i) {
            Some(result) => self.settle(bet, result),
            None => Err(Error::LengthMismatch {
                left: "bets",
                left_len: bets.len(),
                right: "results",
                right_len: results.len(),
            }),
        })
    }

    /// [`settle_by_event`] under these rules.
    pub fn settle_by_event(
        &self,
        bets: &[Bet],
        results: &HashMap<String, EventResult>,
    ) -> Result<Vec<Option<Settlement>>> {
        self.settle_keyed(bets, results, None)
    }

    /// [`settle_by_event_with_progress`] under these rules.
    pub fn settle_by_event_with_progress(
        &self,
        bets: &[Bet],
        results: &HashMap<String, EventResult>,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<Vec<Option<Settlement>>> {
        self.settle_keyed(bets, results, Some(progress))
    }

    /// The one kernel of both by-event forms: each bet against its event's result, `None`
    /// when there is none yet.
    fn settle_keyed(
        &self,
        bets: &[Bet],
        results: &HashMap<String, EventResult>,
        progress: Option<ProgressFn<'_>>,
    ) -> Result<Vec<Option<Settlement>>> {
        map_in_order(bets, progress, |_, bet| {
            results
                .get(&bet.event_id)
                .map(|result| self.settle(bet, result))
                .transpose()
        })
    }

    /// The h2h format a bet is settled under: the rules' own, or that of the bet's sport.
    fn h2h_of(&self, bet: &Bet) -> H2hFormat {
        self.h2h
            .unwrap_or_else(|| H2hFormat::of_league(&bet.league))
    }

    /// Validates a bet before settling it: its fields in declaration order (line, selection,
    /// odds, stake), then the rules (a draw under a two-way h2h); the first bad one is
    /// reported.
    fn validate_bet(&self, bet: &Bet) -> Result<()> {
        if let Some(line) = bet.line {
            if line.abs() > MAX_LINE {
                return Err(Error::InvalidLine {
                    value: line.to_string(),
                    reason: "a line must be at most 1000000 in size",
                });
            }
            if bet.market == Market::Totals && line.is_sign_negative() && !line.is_zero() {
                return Err(Error::InvalidLine {
                    value: line.to_string(),
                    reason: "a totals line must not be negative",
                });
            }
        }
        bet.market.check_line(bet.line)?;
        bet.market.check_selection(bet.selection)?;
        check::price(bet.odds)?;
        check::positive_amount("stake", bet.stake)?;
        let h2h = self.h2h_of(bet);
        if bet.market == Market::H2h && bet.selection == Selection::Draw && h2h == H2hFormat::TwoWay
        {
            return Err(Error::InvalidSelection {
                selection: bet.selection.to_string(),
                market: format!("{} ({h2h})", bet.market),
            });
        }
        Ok(())
    }
}

/// The outcome of a validated bet from its margin, under h2h format `h2h`.
fn decide(h2h: H2hFormat, market: Market, selection: Selection, margin: Decimal) -> Outcome {
    let level_is_push = match market {
        Market::H2h => h2h == H2hFormat::TwoWay,
        _ => true,
    };
    if market == Market::H2h && selection == Selection::Draw {
        if margin.is_zero() {
            Outcome::Won
        } else {
            Outcome::Lost
        }
    } else if margin.is_zero() && !level_is_push {
        Outcome::Lost
    } else {
        line_outcome(margin)
    }
}

/// The outcome of a margin that is a multiple of 0.25 (see the table in the module docs).
fn line_outcome(margin: Decimal) -> Outcome {
    if margin > QUARTER {
        Outcome::Won
    } else if margin == QUARTER {
        Outcome::HalfWon
    } else if margin.is_zero() {
        Outcome::Push
    } else if margin == -QUARTER {
        Outcome::HalfLost
    } else {
        Outcome::Lost
    }
}

/// The selection's margin after the line; the line is bounded by `MAX_LINE` and scores by
/// `u32`, so no sum overflows (checked all the same).
fn margin(bet: &Bet, home: Decimal, away: Decimal) -> Result<Decimal> {
    let line = bet.line.unwrap_or(Decimal::ZERO);
    let (ahead, behind) = match bet.selection {
        Selection::Home => (home, away),
        Selection::Away => (away, home),
        Selection::Over => (home + away, line),
        Selection::Under => (line, home + away),
        Selection::Draw => (Decimal::ZERO, (home - away).abs()),
    };
    let handicap = if bet.market == Market::Spreads {
        line
    } else {
        Decimal::ZERO
    };
    ahead
        .checked_sub(behind)
        .and_then(|m| m.checked_add(handicap))
        .ok_or_else(|| Error::InvalidLine {
            value: line.to_string(),
            reason: "out of range",
        })
}

/// `f(i, &bets[i])` for every bet, in parallel for long inputs, keeping the order and
/// reporting to `progress`; the error returned is that of the lowest index whatever the
/// scheduling.
fn map_in_order<T: Send>(
    bets: &[Bet],
    progress: Option<ProgressFn<'_>>,
    f: impl Fn(usize, &Bet) -> Result<T> + Sync,
) -> Result<Vec<T>> {
    map_chunks(bets, CHUNK, bets.len() >= PARALLEL_MIN, progress, f)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn bet(market: Market, selection: Selection, line: Option<Decimal>) -> Bet {
        Bet {
            id: "b".into(),
            event_id: "e".into(),
            league: "soccer_epl".into(),
            market,
            line,
            selection,
            bookmaker: "pinnacle".into(),
            odds: dec!(2.00),
            stake: dec!(10),
            placed_at: "2025-01-01T12:00:00Z".parse().unwrap(),
            source: "manual".into(),
            outcome: None,
            closing_odds: None,
            closing_probability: None,
        }
    }

    fn fin(home: u32, away: u32) -> EventResult {
        EventResult::Final { home, away }
    }

    fn outcome(b: &Bet, home: u32, away: u32) -> Outcome {
        settle(b, &fin(home, away)).unwrap().outcome
    }

    use Outcome::*;

    #[test]
    fn h2h_three_way() {
        let home = bet(Market::H2h, Selection::Home, None);
        let draw = bet(Market::H2h, Selection::Draw, None);
        let away = bet(Market::H2h, Selection::Away, None);
        assert_eq!(
            [
                outcome(&home, 2, 1),
                outcome(&home, 1, 1),
                outcome(&home, 0, 1)
            ],
            [Won, Lost, Lost]
        );
        assert_eq!([outcome(&draw, 2, 2), outcome(&draw, 2, 1)], [Won, Lost]);
        assert_eq!([outcome(&away, 0, 3), outcome(&away, 0, 0)], [Won, Lost]);
        let s = settle(&home, &fin(2, 1)).unwrap();
        assert_eq!(
            (s.payout, s.profit, s.margin),
            (dec!(20), dec!(10), Some(dec!(1)))
        );
        assert_eq!(settle(&draw, &fin(0, 3)).unwrap().margin, Some(dec!(-3)));
    }

    #[test]
    fn h2h_two_way_and_draw_no_bet() {
        let rules = SettleRules {
            h2h: Some(H2hFormat::TwoWay),
        };
        let home = bet(Market::H2h, Selection::Home, None);
        let o = |b: &Bet, h, a| rules.settle(b, &fin(h, a)).unwrap().outcome;
        assert_eq!(
            [o(&home, 3, 1), o(&home, 2, 2), o(&home, 0, 1)],
            [Won, Push, Lost]
        );
        let dnb = bet(Market::DrawNoBet, Selection::Away, None);
        assert_eq!(
            [
                outcome(&dnb, 0, 1),
                outcome(&dnb, 1, 1),
                outcome(&dnb, 1, 0)
            ],
            [Won, Push, Lost]
        );
        assert_eq!(settle(&dnb, &fin(1, 1)).unwrap().payout, dec!(10));
    }

    #[test]
    fn totals_lines() {
        let t = |sel, line| bet(Market::Totals, sel, Some(line));
        let over = |line| t(Selection::Over, line);
        let under = |line| t(Selection::Under, line);
        // whole line 3: 3 goals push
        assert_eq!(
            [outcome(&over(dec!(3)), 2, 1), outcome(&over(dec!(3)), 3, 1)],
            [Push, Won]
        );
        assert_eq!(outcome(&under(dec!(3)), 2, 1), Push);
        // half line 2.5
        assert_eq!(
            [
                outcome(&over(dec!(2.5)), 2, 1),
                outcome(&over(dec!(2.5)), 1, 1)
            ],
            [Won, Lost]
        );
        // quarter 2.25 (half on 2, half on 2.5) and 2.75 (half on 2.5, half on 3)
        assert_eq!(outcome(&over(dec!(2.25)), 1, 1), HalfLost);
        assert_eq!(outcome(&under(dec!(2.25)), 1, 1), HalfWon);
        assert_eq!(outcome(&over(dec!(2.75)), 2, 1), HalfWon);
        assert_eq!(outcome(&under(dec!(2.75)), 2, 1), HalfLost);
        assert_eq!(outcome(&over(dec!(2.75)), 4, 0), Won);
        assert_eq!(outcome(&over(dec!(0)), 0, 0), Push);
    }

    #[test]
    fn asian_handicap_lines() {
        let h = |sel, line| bet(Market::Spreads, sel, Some(line));
        let home = |line| h(Selection::Home, line);
        let away = |line| h(Selection::Away, line);
        // whole: home -1 winning by 1 pushes; away +1 losing by 1 pushes
        assert_eq!(outcome(&home(dec!(-1)), 2, 1), Push);
        assert_eq!(outcome(&away(dec!(1)), 2, 1), Push);
        assert_eq!(outcome(&home(dec!(0)), 1, 1), Push);
        // half: home -0.5 needs a win; away +0.5 wins on a draw
        assert_eq!(outcome(&home(dec!(-0.5)), 1, 1), Lost);
        assert_eq!(outcome(&away(dec!(0.5)), 1, 1), Won);
        // quarter: -0.25 = half on 0, half on -0.5
        assert_eq!(outcome(&home(dec!(-0.25)), 1, 1), HalfLost);
        assert_eq!(outcome(&home(dec!(-0.25)), 2, 1), Won);
        assert_eq!(outcome(&away(dec!(0.25)), 1, 1), HalfWon);
        // -0.75 = half on -0.5, half on -1: winning by one is half won
        assert_eq!(outcome(&home(dec!(-0.75)), 2, 1), HalfWon);
        assert_eq!(outcome(&home(dec!(-0.75)), 3, 1), Won);
        assert_eq!(outcome(&away(dec!(0.75)), 2, 1), HalfLost);
        assert_eq!(outcome(&away(dec!(-1.25)), 0, 1), HalfLost);
        let s = settle(&home(dec!(-0.75)), &fin(2, 1)).unwrap();
        // 5 x 2.00 + 5 = 15
        assert_eq!(
            (s.payout, s.profit, s.margin),
            (dec!(15), dec!(5), Some(dec!(0.25)))
        );
    }

    #[test]
    fn cancelled_is_void() {
        let b = bet(Market::Totals, Selection::Over, Some(dec!(2.5)));
        let s = settle(&b, &EventResult::Cancelled).unwrap();
        assert_eq!(
            (s.outcome, s.payout, s.profit, s.margin),
            (Void, dec!(10), dec!(0), None)
        );
    }

    #[test]
    fn batches() {
        let bets: Vec<Bet> = (0..PARALLEL_MIN + 3 * CHUNK + 7)
            .map(|i| {
                let mut b = bet(Market::Totals, Selection::Over, Some(dec!(2.5)));
                b.event_id = format!("e{}", i % 10);
                b
            })
            .collect();
        let results: Vec<EventResult> = (0..bets.len() as u32).map(|i| fin(i % 4, 0)).collect();
        let all = settle_batch(&bets, &results).unwrap();
        for (i, s) in all.iter().enumerate() {
            assert_eq!(*s, settle(&bets[i], &results[i]).unwrap());
        }
        let mut bad = bets.clone();
        bad[PARALLEL_MIN + 5].stake = dec!(0);
        bad[PARALLEL_MIN + 2 * CHUNK].odds = dec!(1);
        assert_eq!(
            settle_batch(&bad, &results).unwrap_err().kind(),
            "InvalidAmount"
        );
        let map: HashMap<String, EventResult> = [
            ("e1".to_string(), fin(3, 0)),
            ("e2".into(), EventResult::Cancelled),
        ]
        .into();
        let keyed = settle_by_event(&bets, &map).unwrap();
        assert_eq!(keyed.len(), bets.len());
        assert_eq!(keyed[1].as_ref().map(|s| s.outcome), Some(Won));
        assert_eq!(keyed[2].as_ref().map(|s| s.outcome), Some(Void));
        assert!(keyed[0].is_none());
        let with_result = bets
            .iter()
            .filter(|b| map.contains_key(&b.event_id))
            .count();
        assert_eq!(keyed.iter().flatten().count(), with_result);
    }

    #[test]
    fn names_and_serde() {
        assert_eq!("moneyline".parse::<H2hFormat>().unwrap(), H2hFormat::TwoWay);
        let r: SettleRules = serde_json::from_str("{}").unwrap();
        assert_eq!(r.h2h, None);
        let s = settle(&bet(Market::H2h, Selection::Home, None), &fin(1, 0)).unwrap();
        let v = serde_json::to_value(&s).unwrap();
        assert_eq!(v["outcome"], "won");
        assert_eq!(v["payout"], "20.00");
    }

    #[test]
    fn default_h2h_format_per_sport_family() {
        // A level score on a home h2h bet: lost where the h2h is three-way (football, and any
        // sport not listed), a push where it is a two-way moneyline.
        for (league, level) in [
            ("soccer_epl", Lost),
            ("soccer_france_ligue_one", Lost),
            ("basketball_nba", Push),
            ("basketball_euroleague", Push),
            ("americanfootball_nfl", Push),
            ("baseball_mlb", Push),
            ("tennis_atp_wimbledon", Push),
            ("icehockey_nhl", Push),
            ("rugbyleague_nrl", Lost),
            ("", Lost),
        ] {
            let mut b = bet(Market::H2h, Selection::Home, None);
            b.league = league.into();
            assert_eq!(outcome(&b, 2, 2), level, "{league}");
            assert_eq!(outcome(&b, 3, 2), Won, "{league}");
            // Explicit rules still win over the sport.
            let three = SettleRules {
                h2h: Some(H2hFormat::ThreeWay),
            };
            assert_eq!(three.settle(&b, &fin(2, 2)).unwrap().outcome, Lost);
        }
        // A draw selection has no place in a two-way sport's h2h.
        let mut draw = bet(Market::H2h, Selection::Draw, None);
        draw.league = "icehockey_nhl".into();
        assert_eq!(
            settle(&draw, &fin(1, 1)).unwrap_err().kind(),
            "InvalidSelection"
        );
        let three = SettleRules {
            h2h: Some(H2hFormat::ThreeWay),
        };
        assert_eq!(three.settle(&draw, &fin(1, 1)).unwrap().outcome, Won);
    }

    #[test]
    fn the_first_bad_field_is_reported() {
        // totals, selection draw, line -0.5: the line comes first.
        let b = bet(Market::Totals, Selection::Draw, Some(dec!(-0.5)));
        let err = settle(&b, &fin(1, 0)).unwrap_err();
        assert_eq!(err.kind(), "InvalidLine", "{err}");
        // a line not on the quarter grid also comes before a wrong selection
        let b = bet(Market::Totals, Selection::Home, Some(dec!(2.3)));
        assert_eq!(settle(&b, &fin(1, 0)).unwrap_err().kind(), "InvalidLine");
        // a wrong selection before bad odds, bad odds before a bad stake
        let mut b = bet(Market::Totals, Selection::Home, Some(dec!(2.5)));
        b.odds = dec!(1);
        b.stake = dec!(0);
        assert_eq!(
            settle(&b, &fin(1, 0)).unwrap_err().kind(),
            "InvalidSelection"
        );
        b.selection = Selection::Over;
        assert_eq!(settle(&b, &fin(1, 0)).unwrap_err().kind(), "InvalidOdds");
        // the rules come last: a draw under two-way rules with a bad stake is the stake
        let mut draw = bet(Market::H2h, Selection::Draw, None);
        draw.stake = dec!(-1);
        let two_way = SettleRules {
            h2h: Some(H2hFormat::TwoWay),
        };
        assert_eq!(
            two_way.settle(&draw, &fin(1, 1)).unwrap_err().kind(),
            "InvalidAmount"
        );
    }

    // One test per error kind this module returns.

    #[test]
    fn error_invalid_selection() {
        let b = bet(Market::Totals, Selection::Home, Some(dec!(2.5)));
        assert_eq!(
            settle(&b, &fin(1, 0)).unwrap_err().kind(),
            "InvalidSelection"
        );
        let draw = bet(Market::H2h, Selection::Draw, None);
        let two_way = SettleRules {
            h2h: Some(H2hFormat::TwoWay),
        };
        assert_eq!(
            two_way.settle(&draw, &fin(1, 1)).unwrap_err().kind(),
            "InvalidSelection"
        );
    }

    #[test]
    fn error_invalid_line() {
        for line in [None, Some(dec!(2.3)), Some(dec!(-0.5)), Some(Decimal::MAX)] {
            let b = bet(Market::Totals, Selection::Over, line);
            assert_eq!(settle(&b, &fin(1, 0)).unwrap_err().kind(), "InvalidLine");
        }
        let h = bet(Market::Spreads, Selection::Home, Some(Decimal::MIN));
        assert_eq!(settle(&h, &fin(1, 0)).unwrap_err().kind(), "InvalidLine");
        let h2h = bet(Market::H2h, Selection::Home, Some(dec!(0.5)));
        assert_eq!(settle(&h2h, &fin(1, 0)).unwrap_err().kind(), "InvalidLine");
    }

    #[test]
    fn error_invalid_odds() {
        let mut b = bet(Market::H2h, Selection::Home, None);
        b.odds = dec!(1.00);
        assert_eq!(settle(&b, &fin(1, 0)).unwrap_err().kind(), "InvalidOdds");
    }

    #[test]
    fn error_invalid_amount() {
        let mut b = bet(Market::H2h, Selection::Home, None);
        b.stake = dec!(-5);
        assert_eq!(settle(&b, &fin(1, 0)).unwrap_err().kind(), "InvalidAmount");
        b.stake = Decimal::MAX;
        assert_eq!(settle(&b, &fin(1, 0)).unwrap_err().kind(), "InvalidAmount");
    }

    #[test]
    fn error_length_mismatch() {
        let b = bet(Market::H2h, Selection::Home, None);
        assert_eq!(
            settle_batch(&[b], &[]).unwrap_err().kind(),
            "LengthMismatch"
        );
    }
}
