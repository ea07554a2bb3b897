//! Per-bet validation and the order-free tally shared by performance, breakdown and heatmap.
//!
//! A bet's figures are read once, validated once and folded into a [`Tally`]; every grouped or
//! global figure (counts, staked, profit, ROI, win rate, average CLV) is derived from a tally
//! by the same code, so a group and the whole history can never define a figure differently.

use super::ledger::{Amount, Ledger};
use crate::bet::{Bet, Outcome};
use crate::check;
use crate::clv;
use crate::error::Result;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// `a > b`, comparing the mantissas directly when the scales are equal (prices usually share
/// theirs).
#[inline]
fn above(a: Decimal, b: Decimal) -> bool {
    if a.scale() == b.scale() {
        a.mantissa() > b.mantissa()
    } else {
        a > b
    }
}

/// What statistics read from one bet, validated.
#[derive(Debug, Clone, Copy)]
pub(super) struct Reading {
    /// The settlement outcome; `None` while pending.
    pub outcome: Option<Outcome>,
    /// The stake.
    pub stake: Amount,
    /// The profit of a settled bet (from [`Bet::profit`]); zero while pending.
    pub profit: Amount,
    /// The stake as a float.
    pub stake_f64: f64,
    /// The odds taken as a float.
    pub odds_f64: f64,
    /// `clv::clv(odds, closing_odds)` when the closing odds are known.
    pub clv: Option<f64>,
    /// Whether the odds taken are strictly above the closing odds (exact comparison, the same
    /// as CLV > 0).
    pub beat_close: bool,
    /// The closing fair probability, when known.
    pub closing_probability: Option<f64>,
}

/// Validates a bet and reads what statistics need from it.
///
/// Errors: odds taken or closing odds refused by [`crate::odds::decimal_price`] give
/// `InvalidOdds`; a stake not > 0
/// gives `InvalidAmount`; a closing probability outside [0, 1] gives `InvalidProbability`; a
/// settled bet whose stake x odds leaves the range of an exact amount gives `InvalidAmount`.
#[inline(always)]
pub(super) fn read(bet: &Bet) -> Result<Reading> {
    let odds_f64 = check::price(bet.odds)?;
    let stake = check::positive_amount("stake", bet.stake)?;
    let closing_probability = bet
        .closing_probability
        .map(check::probability)
        .transpose()?;
    let (clv, beat_close) = match bet.closing_odds {
        Some(close) => (
            Some(clv::clv(odds_f64, check::price(close)?)?),
            above(bet.odds, close),
        ),
        None => (None, false),
    };
    let profit = Amount::of(bet.profit()?.unwrap_or_default());
    let stake = Amount::of(stake);
    Ok(Reading {
        outcome: bet.outcome,
        stake,
        profit,
        stake_f64: stake.to_f64(),
        odds_f64,
        clv,
        beat_close,
        closing_probability,
    })
}

/// Slots of [`Tally::money`].
const STAKED: usize = 0;
const PENDING_STAKED: usize = 1;
const PROFIT: usize = 2;

/// Order-free sums over a set of bets.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Tally {
    pub bets: usize,
    pub won: usize,
    pub lost: usize,
    pub push: usize,
    pub half_won: usize,
    pub half_lost: usize,
    pub void: usize,
    pub pending: usize,
    /// Stakes of settled bets, stakes of pending bets, profit of settled bets.
    pub money: Ledger<3>,
    /// Sum of the odds of settled bets.
    pub odds_sum: f64,
    /// Bets with closing odds.
    pub clv_bets: usize,
    /// Sum of their CLV.
    pub clv_sum: f64,
    /// Sum of stake x CLV.
    pub clv_stake_sum: f64,
    /// Sum of their stakes.
    pub clv_stakes: f64,
    /// How many beat the close.
    pub beat_close: usize,
}

impl Tally {
    /// Folds one validated bet in.
    #[inline(always)]
    pub fn add(&mut self, r: &Reading) -> Result<()> {
        self.bets += 1;
        match r.outcome {
            None => {
                self.pending += 1;
                self.money.add(PENDING_STAKED, "pending_staked", r.stake)?;
            }
            Some(outcome) => {
                *match outcome {
                    Outcome::Won => &mut self.won,
                    Outcome::Lost => &mut self.lost,
                    Outcome::Push => &mut self.push,
                    Outcome::HalfWon => &mut self.half_won,
                    Outcome::HalfLost => &mut self.half_lost,
                    Outcome::Void => &mut self.void,
                } += 1;
                self.money.add(STAKED, "staked", r.stake)?;
                self.money.add(PROFIT, "profit", r.profit)?;
                self.odds_sum += r.odds_f64;
            }
        }
        if let Some(clv) = r.clv {
            self.clv_bets += 1;
            self.clv_sum += clv;
            self.clv_stake_sum += r.stake_f64 * clv;
            self.clv_stakes += r.stake_f64;
            self.beat_close += usize::from(r.beat_close);
        }
        Ok(())
    }

    /// Adds another tally (for tallies built in parallel).
    pub fn merge(&mut self, other: &Tally) -> Result<()> {
        self.bets += other.bets;
        self.won += other.won;
        self.lost += other.lost;
        self.push += other.push;
        self.half_won += other.half_won;
        self.half_lost += other.half_lost;
        self.void += other.void;
        self.pending += other.pending;
        self.money.merge("staked", &other.money)?;
        self.odds_sum += other.odds_sum;
        self.clv_bets += other.clv_bets;
        self.clv_sum += other.clv_sum;
        self.clv_stake_sum += other.clv_stake_sum;
        self.clv_stakes += other.clv_stakes;
        self.beat_close += other.beat_close;
        Ok(())
    }

    /// Settled bets (every outcome but pending).
    pub fn settled(&self) -> usize {
        self.bets - self.pending
    }

    /// Wins as win rates count them: won + half won.
    pub fn wins(&self) -> usize {
        self.won + self.half_won
    }

    /// Losses as win rates count them: lost + half lost.
    pub fn losses(&self) -> usize {
        self.lost + self.half_lost
    }

    /// wins / (wins + losses); `None` without a decided bet.
    pub fn win_rate(&self) -> Option<f64> {
        ratio(self.wins() as f64, (self.wins() + self.losses()) as f64)
    }

    /// Stakes of settled bets.
    pub fn staked(&self) -> Result<Decimal> {
        self.money.amount(STAKED, "staked")
    }

    /// Stakes of pending bets.
    pub fn pending_staked(&self) -> Result<Decimal> {
        self.money.amount(PENDING_STAKED, "pending_staked")
    }

    /// Profit of settled bets.
    pub fn profit(&self) -> Result<Decimal> {
        self.money.amount(PROFIT, "profit")
    }

    /// profit / staked (same scale, so the ratio of the units); `None` without a settled bet.
    pub fn roi(&self) -> Option<f64> {
        ratio(self.money.get(PROFIT) as f64, self.money.get(STAKED) as f64)
    }

    /// Mean odds of settled bets.
    pub fn average_odds(&self) -> Option<f64> {
        ratio(self.odds_sum, self.settled() as f64)
    }

    /// Mean CLV of the bets with closing odds.
    pub fn average_clv(&self) -> Option<f64> {
        ratio(self.clv_sum, self.clv_bets as f64)
    }

    /// Stake-weighted mean CLV of the bets with closing odds.
    pub fn stake_weighted_clv(&self) -> Option<f64> {
        ratio(self.clv_stake_sum, self.clv_stakes)
    }

    /// Share of the bets with closing odds that beat the close.
    pub fn beat_close_share(&self) -> Option<f64> {
        ratio(self.beat_close as f64, self.clv_bets as f64)
    }

    /// The headline figures; `InvalidAmount` when a total is beyond the range of an exact
    /// amount.
    pub fn summary(&self) -> Result<Summary> {
        Ok(Summary {
            bets: self.bets,
            settled: self.settled(),
            wins: self.wins(),
            losses: self.losses(),
            staked: self.staked()?,
            profit: self.profit()?,
            roi: self.roi(),
            win_rate: self.win_rate(),
            average_clv: self.average_clv(),
        })
    }
}

/// `num / den` when the denominator is positive and the result finite, else `None`.
#[inline]
pub(super) fn ratio(num: f64, den: f64) -> Option<f64> {
    if den > 0.0 { finite(num / den) } else { None }
}

/// `Some(x)` when `x` is finite.
#[inline]
pub(super) fn finite(x: f64) -> Option<f64> {
    x.is_finite().then_some(x)
}

/// The headline figures of a set of bets (a breakdown group, a heatmap cell).
///
/// Counts: `bets` (all), `settled` (every outcome but pending), `wins` (won + half won),
/// `losses` (lost + half lost); pushes and voids are settled but neither wins nor losses.
/// Money: `staked` (stakes of settled bets) and `profit` (sum of [`Bet::profit`] over settled
/// bets). Fractions: `roi = profit / staked` (`None` without a settled bet), `win_rate = wins
/// / (wins + losses)` (`None` without a win or a loss), `average_clv` the mean of
/// `clv::clv(odds, closing_odds)` over the bets with closing odds, pending ones included
/// (`None` when no bet has closing odds).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Number of bets.
    pub bets: usize,
    /// Number of settled bets.
    pub settled: usize,
    /// Won plus half-won bets.
    pub wins: usize,
    /// Lost plus half-lost bets.
    pub losses: usize,
    /// Stakes of settled bets.
    pub staked: Decimal,
    /// Profit of settled bets.
    pub profit: Decimal,
    /// profit / staked, as a fraction.
    pub roi: Option<f64>,
    /// wins / (wins + losses), as a fraction.
    pub win_rate: Option<f64>,
    /// Mean CLV (fraction) of the bets with closing odds.
    pub average_clv: Option<f64>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn amount_f64(value: Decimal) -> f64 {
        Amount::of(value).to_f64()
    }

    #[test]
    fn amount_to_float_is_correctly_rounded() {
        assert_eq!(amount_f64(dec!(1.95)), 1.95);
        assert_eq!(amount_f64(dec!(-0.1)), -0.1);
        assert_eq!(amount_f64(dec!(123456.789)), 123_456.789);
        assert_eq!(amount_f64(Decimal::MAX), 7.922_816_251_426_434e28);
        assert_eq!(amount_f64(dec!(0.0000000000000000000001)), 1e-22);
        // beyond 22 decimal places the general conversion is used
        assert!((amount_f64(dec!(0.0000000000000000000000000001)) - 1e-28).abs() < 1e-43);
    }

    #[test]
    fn ratios_never_divide_by_zero() {
        assert_eq!(ratio(1.0, 0.0), None);
        assert_eq!(ratio(1.0, 4.0), Some(0.25));
        assert_eq!(Tally::default().roi(), None);
        assert_eq!(Tally::default().win_rate(), None);
    }
}
