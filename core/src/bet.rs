//! A bet and what each settlement outcome pays.
//!
//! Profit is never stored: it is derived from the outcome, the stake and the odds, so a record
//! can never disagree with itself.

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
    pub fn payout(self, stake: Decimal, odds: Decimal) -> Decimal {
        let half = stake / Decimal::TWO;
        round_cents(match self {
            Outcome::Won => stake * odds,
            Outcome::Lost => Decimal::ZERO,
            Outcome::Push | Outcome::Void => stake,
            Outcome::HalfWon => half * odds + half,
            Outcome::HalfLost => half,
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
    pub fn payout(&self) -> Option<Decimal> {
        self.outcome.map(|o| o.payout(self.stake, self.odds))
    }

    /// Profit of a settled bet: payout - stake; `None` while pending.
    pub fn profit(&self) -> Option<Decimal> {
        self.payout().map(|p| p - self.stake)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn payouts() {
        let (s, o) = (dec!(10), dec!(1.95));
        assert_eq!(Outcome::Won.payout(s, o), dec!(19.50));
        assert_eq!(Outcome::Lost.payout(s, o), dec!(0));
        assert_eq!(Outcome::Push.payout(s, o), dec!(10));
        assert_eq!(Outcome::Void.payout(s, o), dec!(10));
        assert_eq!(Outcome::HalfWon.payout(s, o), dec!(14.75));
        assert_eq!(Outcome::HalfLost.payout(s, o), dec!(5));
        // 10.01 x 1.005 = 10.06005 -> 10.06; 0.05 x 2.5 = 0.125 -> 0.13 (half away from zero)
        assert_eq!(Outcome::Won.payout(dec!(0.05), dec!(2.5)), dec!(0.13));
    }
}
