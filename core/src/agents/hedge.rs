//! Hedging existing positions: stakes on a market's outcomes that make the final result as
//! good as possible whatever happens.
//!
//! Let `P_j` be the result of the existing positions if outcome `j` happens (their payouts on
//! `j` minus everything staked), `q_j` the price available for `j` and `h_j` the hedge
//! stakes, `H = sum(h)`. The final result is `R_j = P_j + h_j q_j - H`. Raising every
//! outcome below a level `L` up to it (`h_j = max(0, (L - P_j) / q_j)`) gives a guaranteed
//! result `L - H(L)` whose slope in `L` is `1 - sum(1 / q_j)` over the raised outcomes: the
//! best guarantee (maximin) raises `L` outcome by outcome, from the worst, while that inverse
//! sum stays below 1, until every outcome is level (an equal result) or the budget is spent.
//! When the remaining prices carry a margin, levelling everything would lower the guarantee,
//! so the best achievable result is reported instead.

use crate::check;
use crate::error::{Error, Result};
use crate::money::{round_cents, to_f64};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A bet already placed on outcome `outcome` (zero-based index into the market's prices).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Position {
    /// Index of the outcome backed.
    pub outcome: usize,
    /// Stake (> 0).
    pub stake: Decimal,
    /// Decimal odds taken (> 1).
    pub odds: Decimal,
}

/// The hedge: stakes per outcome and the final result of each outcome after rounding.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hedge {
    /// Hedge stake per outcome, rounded to the cent (0 where no hedge is needed).
    pub stakes: Vec<Decimal>,
    /// Sum of the hedge stakes.
    pub outlay: Decimal,
    /// Final result (profit, negative for a loss) per outcome, positions and hedge included,
    /// payouts rounded to the cent.
    pub results: Vec<Decimal>,
    /// The smallest result: what is guaranteed.
    pub guaranteed: Decimal,
    /// The largest result (equal to `guaranteed`, within rounding, when every outcome could be
    /// levelled).
    pub best: Decimal,
}

fn overflow(value: Decimal) -> Error {
    Error::InvalidAmount {
        name: "stake",
        value,
        reason: "too large to be multiplied exactly",
    }
}

fn mul(a: Decimal, b: Decimal) -> Result<Decimal> {
    a.checked_mul(b).ok_or_else(|| overflow(a))
}

fn add(a: Decimal, b: Decimal) -> Result<Decimal> {
    a.checked_add(b).ok_or_else(|| overflow(a))
}

fn sub(a: Decimal, b: Decimal) -> Result<Decimal> {
    a.checked_sub(b).ok_or_else(|| overflow(a))
}

/// The hedge of `positions` at `prices` (decimal odds now available, one per outcome), with
/// at most `max_outlay` of new stakes when given. See the module documentation for the
/// method; with a budget and prices that form an arbitrage the whole budget is used.
///
/// Fewer than 2 prices is `EmptyMarket`; invalid odds `InvalidOdds`; a position's stake not
/// positive, a negative budget, or amounts too large to multiply or divide exactly (a budget
/// spread over prices so long that their inverses vanish) `InvalidAmount`; a
/// position on an outcome without a price `InvalidParameter`.
///
/// ```
/// use edgecore::agents::{Position, hedge};
/// use rust_decimal_macros::dec;
/// // 10 on outcome 0 at 3.00; outcome 1 now priced 1.50: stake 20 on it levels both at 0
/// let h = hedge(&[Position { outcome: 0, stake: dec!(10), odds: dec!(3) }],
///     &[dec!(2.5), dec!(1.5)], None).unwrap();
/// assert_eq!(h.stakes, vec![dec!(0), dec!(20)]);
/// assert_eq!(h.results, vec![dec!(0), dec!(0)]);
/// ```
pub fn hedge(
    positions: &[Position],
    prices: &[Decimal],
    max_outlay: Option<Decimal>,
) -> Result<Hedge> {
    let n = prices.len();
    if n < 2 {
        return Err(Error::EmptyMarket {
            what: "hedge",
            min: 2,
            len: n,
        });
    }
    for &q in prices {
        check::odds(to_f64(q))?;
        if q <= Decimal::ONE {
            return Err(Error::InvalidOdds { value: to_f64(q) });
        }
    }
    if let Some(b) = max_outlay {
        check::non_negative_amount("max_outlay", b)?;
    }
    let mut payoff = vec![Decimal::ZERO; n];
    let mut staked = Decimal::ZERO;
    for pos in positions {
        check::positive_amount("stake", pos.stake)?;
        check::odds(to_f64(pos.odds))?;
        if pos.odds <= Decimal::ONE {
            return Err(Error::InvalidOdds {
                value: to_f64(pos.odds),
            });
        }
        let slot = payoff.get_mut(pos.outcome).ok_or(Error::InvalidParameter {
            name: "outcome",
            value: pos.outcome.to_string(),
            reason: "must index one of the prices",
        })?;
        *slot = add(*slot, round_cents(mul(pos.stake, pos.odds)?))?;
        staked = add(staked, pos.stake)?;
    }
    let base = payoff
        .iter()
        .map(|&p| sub(p, staked))
        .collect::<Result<Vec<Decimal>>>()?;
    let inv: Vec<Decimal> = prices.iter().map(|&q| Decimal::ONE / q).collect();
    // (base, outcome, 1 / price), lowest base first (ties by outcome).
    let mut order: Vec<(Decimal, usize, Decimal)> = base
        .iter()
        .zip(&inv)
        .enumerate()
        .map(|(j, (&b, &i))| (b, j, i))
        .collect();
    order.sort_by_key(|&(b, j, _)| (b, j));

    let mut level = order.first().map_or(Decimal::ZERO, |&(b, _, _)| b);
    let (mut cum_inv, mut cum_pinv) = (Decimal::ZERO, Decimal::ZERO);
    for (k, &(b, _, i)) in order.iter().enumerate() {
        cum_inv += i;
        cum_pinv = add(cum_pinv, mul(b, i)?)?;
        if cum_inv >= Decimal::ONE {
            break;
        }
        let next = order.get(k + 1).map(|&(b, _, _)| b);
        if let Some(b) = max_outlay {
            let needed = match next {
                Some(v) => sub(mul(v, cum_inv)?, cum_pinv)?,
                None => Decimal::MAX,
            };
            if needed > b {
                // 1/price rounds to (almost) zero for prices near the top of the range.
                level = add(b, cum_pinv)?
                    .checked_div(cum_inv)
                    .ok_or(Error::InvalidAmount {
                        name: "max_outlay",
                        value: b,
                        reason: "too large to be spread exactly at these prices",
                    })?;
                break;
            }
        }
        match next {
            Some(v) => level = v,
            None => break,
        }
    }

    let mut stakes = Vec::with_capacity(n);
    for (&b, &i) in base.iter().zip(&inv) {
        let h = if level > b {
            round_cents(mul(sub(level, b)?, i)?)
        } else {
            Decimal::ZERO
        };
        stakes.push(h);
    }
    let outlay = stakes.iter().try_fold(Decimal::ZERO, |a, &s| add(a, s))?;
    let mut results = Vec::with_capacity(n);
    for ((&b, &s), &q) in base.iter().zip(&stakes).zip(prices) {
        results.push(sub(add(b, round_cents(mul(s, q)?))?, outlay)?);
    }
    let guaranteed = results.iter().min().copied().unwrap_or_default();
    let best = results.iter().max().copied().unwrap_or_default();
    Ok(Hedge {
        stakes,
        outlay,
        results,
        guaranteed,
        best,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budget_over_vanishing_inverses_is_an_error() {
        // 1/price rounds to zero: level = budget / sum(1/price) used to divide by zero.
        let h = hedge(&[], &[Decimal::MAX, Decimal::MAX], Some(Decimal::TEN));
        assert_eq!(h.unwrap_err().kind(), "InvalidAmount");
        // Tiny but non-zero inverses: the quotient overflowed.
        let long = Decimal::from(10_000_000_000_000_000_000_000_000i128);
        let h = hedge(&[], &[long, long], Some(Decimal::from(1_000_000)));
        assert_eq!(h.unwrap_err().kind(), "InvalidAmount");
    }
    use rust_decimal_macros::dec;

    fn pos(outcome: usize, stake: Decimal, odds: Decimal) -> Position {
        Position {
            outcome,
            stake,
            odds,
        }
    }

    #[test]
    fn levels_a_two_way_position() {
        let h = hedge(&[pos(0, dec!(10), dec!(3))], &[dec!(2.5), dec!(1.5)], None).unwrap();
        assert_eq!(h.guaranteed, dec!(0));
        assert_eq!(h.outlay, dec!(20));
    }

    #[test]
    fn margin_on_two_open_outcomes_means_no_hedge() {
        // P = (20, -10, -10); hedging outcomes 1 and 2 at 1.90 each costs more than it saves:
        // 1/1.9 + 1/1.9 > 1, so the best guarantee is -10 with no new stake
        let h = hedge(
            &[pos(0, dec!(10), dec!(3))],
            &[dec!(2), dec!(1.9), dec!(1.9)],
            None,
        )
        .unwrap();
        assert_eq!(h.stakes, vec![dec!(0), dec!(0), dec!(0)]);
        assert_eq!(h.guaranteed, dec!(-10));
        assert_eq!(h.best, dec!(20));
    }

    #[test]
    fn budget_caps_the_hedge() {
        // level L with H(L) = 5: (L + 10) / 1.5 = 5 -> L = -2.5
        let h = hedge(
            &[pos(0, dec!(10), dec!(3))],
            &[dec!(2.5), dec!(1.5)],
            Some(dec!(5)),
        )
        .unwrap();
        assert_eq!(h.stakes, vec![dec!(0), dec!(5)]);
        assert_eq!(h.results, vec![dec!(15), dec!(-7.5)]);
    }

    #[test]
    fn errors() {
        let p = [dec!(2), dec!(2)];
        assert_eq!(hedge(&[], &p[..1], None).unwrap_err().kind(), "EmptyMarket");
        assert_eq!(
            hedge(&[], &[dec!(2), dec!(1)], None).unwrap_err().kind(),
            "InvalidOdds"
        );
        assert_eq!(
            hedge(&[pos(0, dec!(0), dec!(2))], &p, None)
                .unwrap_err()
                .kind(),
            "InvalidAmount"
        );
        assert_eq!(
            hedge(&[pos(2, dec!(1), dec!(2))], &p, None)
                .unwrap_err()
                .kind(),
            "InvalidParameter"
        );
        assert_eq!(
            hedge(&[pos(0, Decimal::MAX, dec!(2))], &p, None)
                .unwrap_err()
                .kind(),
            "InvalidAmount"
        );
    }
}
