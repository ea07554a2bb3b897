//! A bet and what each settlement outcome pays.
//!
//! Profit is never stored: it is derived from the outcome, the stake and the odds, so a record
//! can never disagree with itself.

use crate::error::{Error, Result};
use crate::market::{Market, Selection};
use crate::money::fixed::Fixed;
use crate::money::{CENT_DP, round_cents, with_cents};
use crate::names::named_enum;
use chrono::{DateTime, Utc};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

named_enum! {
    /// How a bet was settled. Quarter-line Asian handicaps and totals can end half won or half
    /// lost (half the stake on each neighbouring line).
    pub enum Outcome ("outcome") {
        /// The whole stake won: payout = stake x odds.
        Won = "won",
        /// The whole stake lost: payout = 0.
        Lost = "lost",
        /// The line landed exactly: the stake is returned.
        Push = "push",
        /// Half the stake won, half returned: payout = stake/2 x odds + stake/2.
        HalfWon = "half_won",
        /// Half the stake lost, half returned: payout = stake/2.
        HalfLost = "half_lost",
        /// Cancelled event or void bet: the stake is returned.
        Void = "void",
    }
}

impl Outcome {
    /// What the bookmaker pays back (stake included), rounded to the cent half away from zero
    /// and written with two decimal places (`21.70`, `5.00`, see [`round_cents`]):
    /// won `s x o`; lost 0; push and void `s`; half won `s/2 x o + s/2`; half lost `s/2`.
    /// A product beyond the range of an exact amount (about 7.9e28) is `InvalidAmount`.
    ///
    /// Amounts of up to 18 digits are computed as integers, with exactly the value and the
    /// number of decimal places `Decimal` arithmetic gives; others take `Decimal` arithmetic.
    pub fn payout(self, stake: Decimal, odds: Decimal) -> Result<Decimal> {
        match self.payout_units(stake, odds).and_then(Units::decimal) {
            Some(payout) => Ok(payout),
            None => self.payout_decimal(stake, odds),
        }
    }

    /// [`Outcome::payout`] in `Decimal` arithmetic, for any amounts.
    fn payout_decimal(self, stake: Decimal, odds: Decimal) -> Result<Decimal> {
        let half = || stake / Decimal::TWO;
        let exact = match self {
            Outcome::Won => stake.checked_mul(odds),
            Outcome::Lost => Some(Decimal::ZERO),
            Outcome::Push | Outcome::Void => Some(stake),
            Outcome::HalfWon => half().checked_mul(odds).and_then(|w| w.checked_add(half())),
            Outcome::HalfLost => Some(half()),
        };
        exact.map(round_cents).ok_or(Error::InvalidAmount {
            name: "stake",
            value: stake,
            reason: "stake x odds is out of the range of an exact amount",
        })
    }

    /// [`Outcome::payout`] in integers, for a positive stake and positive odds of up to 18
    /// digits; `None` where the integers could overflow or `Decimal` would round.
    #[inline]
    fn payout_units(self, stake: Decimal, odds: Decimal) -> Option<Units> {
        let half = || positive(stake)?.half();
        let exact = match self {
            Outcome::Won => positive(stake)?.checked_mul(positive(odds)?)?,
            Outcome::Lost => Units::ZERO,
            Outcome::Push | Outcome::Void => positive(stake)?,
            Outcome::HalfWon => {
                let half = half()?;
                half.checked_mul(positive(odds)?)?.checked_add(half)?
            }
            Outcome::HalfLost => half()?,
        };
        cents(exact)
    }

    /// Whether the outcome counts as a win (won or half won) in win rates.
    pub const fn is_win(self) -> bool {
        matches!(self, Outcome::Won | Outcome::HalfWon)
    }

    /// Whether the outcome counts as a loss (lost or half lost) in win rates.
    pub const fn is_loss(self) -> bool {
        matches!(self, Outcome::Lost | Outcome::HalfLost)
    }
}

/// A bet as the betting platform records it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bet {
    /// Identifier.
    pub id: String,
    /// The event's identifier.
    pub event_id: String,
    /// League or competition key.
    pub league: String,
    /// The market.
    pub market: Market,
    /// The line for totals and spreads; `None` for h2h and draw no bet.
    pub line: Option<Decimal>,
    /// The selection backed.
    pub selection: Selection,
    /// Bookmaker key.
    pub bookmaker: String,
    /// Decimal odds taken (> 1).
    pub odds: Decimal,
    /// Stake (> 0), in the bankroll's currency.
    pub stake: Decimal,
    /// When the bet was placed (UTC).
    pub placed_at: DateTime<Utc>,
    /// "manual" or the name of the agent that proposed it.
    pub source: String,
    /// `None` while pending; the settlement outcome once settled.
    pub outcome: Option<Outcome>,
    /// The closing price of the same selection at the reference bookmaker, once known.
    pub closing_odds: Option<Decimal>,
    /// The de-vigged closing probability of the selection, once known (fraction in [0, 1]).
    pub closing_probability: Option<f64>,
}

impl Bet {
    /// Payout of a settled bet (see [`Outcome::payout`]); `None` while pending.
    pub fn payout(&self) -> Result<Option<Decimal>> {
        self.outcome
            .map(|o| o.payout(self.stake, self.odds))
            .transpose()
    }

    /// Profit of a settled bet: payout - stake, written with at least two decimal places
    /// (`-10.00`, `11.70`; see [`with_cents`]); `None` while pending. An
    /// [`Error::InvalidAmount`] when the difference is out of the range of an exact amount
    /// (only possible with a negative stake or odds).
    #[inline]
    pub fn profit(&self) -> Result<Option<Decimal>> {
        let Some(outcome) = self.outcome else {
            return Ok(None);
        };
        let fast = outcome
            .payout_units(self.stake, self.odds)
            .and_then(|payout| payout.checked_sub(positive(self.stake)?)?.decimal());
        if let Some(profit) = fast {
            return Ok(Some(with_cents(profit)));
        }
        let payout = outcome.payout_decimal(self.stake, self.odds)?;
        payout
            .checked_sub(self.stake)
            .ok_or(Error::InvalidAmount {
                name: "stake",
                value: self.stake,
                reason: "payout - stake is out of the range of an exact amount",
            })
            .map(|profit| Some(with_cents(profit)))
    }
}

/// An amount as an `i64` count of 10^-`scale` units: the integer path of payouts and
/// profits, with exactly the value and the scale of `Decimal` arithmetic (see
/// [`Fixed`]).
type Units = Fixed<i64>;

/// A positive amount of up to 18 digits.
#[inline(always)]
fn positive(value: Decimal) -> Option<Units> {
    Units::try_of(value).filter(|u| u.units > 0)
}

/// Rounded to the cent half away from zero with exactly two decimal places, as
/// [`round_cents`]: fewer places are padded (5 -> 5.00).
#[inline(always)]
fn cents(amount: Units) -> Option<Units> {
    amount
        .round(CENT_DP, RoundingStrategy::MidpointAwayFromZero)?
        .pad(CENT_DP)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn payouts() {
        let (s, o) = (dec!(10), dec!(1.95));
        assert_eq!(Outcome::Won.payout(s, o).unwrap(), dec!(19.50));
        assert_eq!(Outcome::Lost.payout(s, o).unwrap(), dec!(0));
        assert_eq!(Outcome::Push.payout(s, o).unwrap(), dec!(10));
        assert_eq!(Outcome::Void.payout(s, o).unwrap(), dec!(10));
        assert_eq!(Outcome::HalfWon.payout(s, o).unwrap(), dec!(14.75));
        assert_eq!(Outcome::HalfLost.payout(s, o).unwrap(), dec!(5));
        // Every payout and profit keeps its cents: 21.70, not 21.7; 5.00, not 5.
        assert_eq!(
            Outcome::Won.payout(s, dec!(2.17)).unwrap().to_string(),
            "21.70"
        );
        assert_eq!(Outcome::HalfLost.payout(s, o).unwrap().to_string(), "5.00");
        assert_eq!(Outcome::Lost.payout(s, o).unwrap().to_string(), "0.00");
        assert_eq!(
            settled(Outcome::Lost, s, o)
                .profit()
                .unwrap()
                .unwrap()
                .to_string(),
            "-10.00"
        );
        assert_eq!(
            settled(Outcome::Won, s, dec!(2.17))
                .profit()
                .unwrap()
                .unwrap()
                .to_string(),
            "11.70"
        );
        // 0.05 x 2.5 = 0.125 -> 0.13 (half away from zero)
        assert_eq!(
            Outcome::Won.payout(dec!(0.05), dec!(2.5)).unwrap(),
            dec!(0.13)
        );
        assert_eq!(
            Outcome::Won
                .payout(Decimal::MAX, dec!(2))
                .unwrap_err()
                .kind(),
            "InvalidAmount"
        );
    }

    /// The profit in `Decimal` arithmetic only, as [`Bet::profit`] defines it.
    fn decimal_profit(outcome: Outcome, stake: Decimal, odds: Decimal) -> Result<Decimal> {
        outcome
            .payout_decimal(stake, odds)?
            .checked_sub(stake)
            .map(with_cents)
            .ok_or(Error::InvalidAmount {
                name: "stake",
                value: stake,
                reason: "payout - stake is out of the range of an exact amount",
            })
    }

    fn settled(outcome: Outcome, stake: Decimal, odds: Decimal) -> Bet {
        Bet {
            id: "b".into(),
            event_id: "e".into(),
            league: "l".into(),
            market: Market::H2h,
            line: None,
            selection: Selection::Home,
            bookmaker: "k".into(),
            odds,
            stake,
            placed_at: DateTime::UNIX_EPOCH,
            source: "s".into(),
            outcome: Some(outcome),
            closing_odds: None,
            closing_probability: None,
        }
    }

    /// The integer path gives the very same `Decimal` (value, scale and sign, compared as
    /// their 16-byte representation) as `Decimal` arithmetic.
    fn assert_same_as_decimal(outcome: Outcome, stake: Decimal, odds: Decimal) {
        let bits = |r: Result<Decimal>| r.map(|d| d.serialize());
        assert_eq!(
            bits(outcome.payout(stake, odds)),
            bits(outcome.payout_decimal(stake, odds)),
            "payout {outcome} {stake} x {odds}"
        );
        assert_eq!(
            bits(
                settled(outcome, stake, odds)
                    .profit()
                    .map(Option::unwrap_or_default)
            ),
            bits(decimal_profit(outcome, stake, odds)),
            "profit {outcome} {stake} x {odds}"
        );
    }

    #[test]
    fn integer_path_matches_decimal_arithmetic_at_the_edges() {
        let amounts = [
            dec!(0.01),
            dec!(0.05),
            dec!(1),
            dec!(15),
            dec!(10.00),
            dec!(2.5),
            dec!(0.001),
            dec!(0.005),
            dec!(0.0000000000000000000000000001),
            dec!(1.000000000000000000000000001),
            dec!(9223372036854775807),
            dec!(922337203685477580.7),
            dec!(9223372036854775808),
            dec!(4611686018427387904),
            dec!(-10),
            Decimal::ZERO,
            Decimal::MAX,
        ];
        // Realistic amounts take the integer path.
        for &outcome in Outcome::ALL {
            assert!(outcome.payout_units(dec!(15), dec!(1.95)).is_some());
        }
        for &outcome in Outcome::ALL {
            for stake in amounts {
                for odds in amounts {
                    assert_same_as_decimal(outcome, stake, odds);
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn integer_path_matches_decimal_arithmetic(
            stake in -10i64..i64::MAX,
            stake_scale in 0u32..=28,
            odds in 1i64..10_000_000_000,
            odds_scale in 0u32..=28,
            small in 0usize..3,
        ) {
            // Realistic amounts most of the time, any 64-bit amount otherwise.
            let stake = match small {
                0 => stake % 100_000_000,
                1 => stake % 1_000_000,
                _ => stake,
            };
            // Two to four decimal places, as prices and stakes have, half of the time.
            let (stake_scale, odds_scale) = if small == 0 {
                (stake_scale % 5, odds_scale % 5)
            } else {
                (stake_scale, odds_scale)
            };
            let stake = Decimal::new(stake, stake_scale);
            let odds = Decimal::new(odds, odds_scale);
            for &outcome in Outcome::ALL {
                assert_same_as_decimal(outcome, stake, odds);
            }
        }
    }

    #[test]
    fn profit_out_of_range_is_an_error() {
        // A negative stake times negative odds reaches the top of the range; subtracting
        // the stake again used to overflow.
        let bet = Bet {
            id: "b".into(),
            event_id: "e".into(),
            league: "l".into(),
            market: Market::H2h,
            line: None,
            selection: Selection::Home,
            bookmaker: "k".into(),
            odds: dec!(-7.9),
            stake: dec!(-10000000000000000000000000000),
            placed_at: DateTime::UNIX_EPOCH,
            source: "s".into(),
            outcome: Some(Outcome::Won),
            closing_odds: None,
            closing_probability: None,
        };
        assert_eq!(bet.profit().unwrap_err().kind(), "InvalidAmount");
    }
}
