//! A bet and what each settlement outcome pays.
//!
//! Profit is never stored: it is derived from the outcome, the stake and the odds, so a record
//! can never disagree with itself.

use crate::error::{Error, Result};
use crate::market::{Market, Selection};
use crate::money::round_cents;
use crate::names::named_enum;
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
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
    /// What the bookmaker pays back (stake included), rounded to the cent half away from zero:
    /// won `s x o`; lost 0; push and void `s`; half won `s/2 x o + s/2`; half lost `s/2`.
    /// A product beyond the range of an exact amount (about 7.9e28) is `InvalidAmount`.
    pub fn payout(self, stake: Decimal, odds: Decimal) -> Result<Decimal> {
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

    /// Profit of a settled bet: payout - stake; `None` while pending. An
    /// [`Error::InvalidAmount`] when the difference is out of the range of an exact amount
    /// (only possible with a negative stake or odds).
    pub fn profit(&self) -> Result<Option<Decimal>> {
        self.payout()?
            .map(|p| {
                p.checked_sub(self.stake).ok_or(Error::InvalidAmount {
                    name: "stake",
                    value: self.stake,
                    reason: "payout - stake is out of the range of an exact amount",
                })
            })
            .transpose()
    }
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
