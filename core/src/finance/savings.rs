//! Annual savings goal: how far the savings of a calendar year are from the goal, measured
//! against the real share of the year elapsed at an as-of date.

use crate::check;
use crate::error::{Error, Result};
use crate::money::{CENT_DP, round_cents, to_f64};
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Progress towards an annual savings goal at a date. Money is to the cent; shares are
/// fractions (0.5 for half).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavingsProgress {
    /// The goal for the calendar year, as given.
    pub goal: Decimal,
    /// Saved so far this year, as given.
    pub saved: Decimal,
    /// `saved / goal` as a fraction; above 1 once the goal is passed.
    pub share: f64,
    /// The as-of date's day of the year: 1 on 1 January, 365 (366 in a leap year) on
    /// 31 December. The as-of day counts as elapsed.
    pub day_of_year: u32,
    /// 365, or 366 in a leap year.
    pub days_in_year: u32,
    /// `day_of_year / days_in_year`, the share of the year elapsed.
    pub elapsed_share: f64,
    /// What should be saved by the as-of date: `goal x day_of_year / days_in_year`, rounded
    /// to the cent half away from zero.
    pub expected: Decimal,
    /// `saved - expected`: ahead of the schedule when positive, behind when negative.
    pub ahead: Decimal,
    /// Whether `saved >= expected`.
    pub on_track: bool,
    /// `max(goal - saved, 0)`, rounded to the cent half away from zero.
    pub remaining: Decimal,
    /// Months left in the year including the as-of month: 12 in January, 1 in December.
    pub months_left: u32,
    /// `remaining / months_left`, rounded UP to the cent, so that saving it every month
    /// left (this one included) reaches the goal.
    pub monthly_needed: Decimal,
}

/// Progress towards an annual savings `goal` for the calendar year of `as_of`, with `saved`
/// saved since 1 January.
///
/// The year elapsed is counted in real days, the as-of day included: `day_of_year /
/// days_in_year` (366 days in a leap year), so the expected amount reaches the whole goal
/// on 31 December. See [`SavingsProgress`] for each figure's formula and rounding.
///
/// Errors: a goal that is not greater than zero, or too large for `goal x 366` to be an
/// exact amount, and a negative `saved` are `InvalidAmount`.
///
/// ```
/// use chrono::NaiveDate;
/// use edgecore::finance::savings::savings_progress;
/// use rust_decimal_macros::dec;
/// // 29 February 2024 is day 60 of 366: 1200 x 60 / 366 = 196.72 expected.
/// let p = savings_progress(dec!(1200), dec!(150),
///                          NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()).unwrap();
/// assert_eq!(p.expected, dec!(196.72));
/// assert!(!p.on_track);
/// // 1050 still to save over March to December: 1050 / 11 = 95.4545.. -> 95.46 a month.
/// assert_eq!((p.months_left, p.monthly_needed), (11, dec!(95.46)));
/// ```
pub fn savings_progress(
    goal: Decimal,
    saved: Decimal,
    as_of: NaiveDate,
) -> Result<SavingsProgress> {
    let goal = check::positive_amount("goal", goal)?;
    let saved = check::non_negative_amount("saved", saved)?;
    let days_in_year: u32 = if as_of.leap_year() { 366 } else { 365 };
    let day_of_year = as_of.ordinal();
    // goal x 366 fits, so does goal x day_of_year; the quotient is exact to the cent (its
    // denominator 365 or 366 keeps it far from a half cent unless it is exactly one).
    let expected = goal
        .checked_mul(Decimal::from(366))
        .and_then(|_| goal.checked_mul(Decimal::from(day_of_year)))
        .ok_or(Error::InvalidAmount {
            name: "goal",
            value: goal,
            reason: "too large: goal x 366 must be within the range of an exact amount",
        })?
        / Decimal::from(days_in_year);
    let expected = round_cents(expected);
    let remaining = round_cents((goal - saved).max(Decimal::ZERO));
    let months_left = 13 - as_of.month();
    Ok(SavingsProgress {
        goal,
        saved,
        share: to_f64(saved) / to_f64(goal),
        day_of_year,
        days_in_year,
        elapsed_share: f64::from(day_of_year) / f64::from(days_in_year),
        expected,
        ahead: saved - expected,
        on_track: saved >= expected,
        remaining,
        months_left,
        monthly_needed: ceil_cents_div(remaining, months_left),
    })
}

/// `amount / n` rounded up to the cent, for an amount in whole cents (at most 2^96 cents)
/// and `n >= 1`, in exact integer arithmetic.
fn ceil_cents_div(amount: Decimal, n: u32) -> Decimal {
    let mut cents = amount;
    cents.rescale(CENT_DP);
    let (cents, n) = (cents.mantissa(), i128::from(n.max(1)));
    Decimal::from_i128_with_scale((cents + n - 1) / n, CENT_DP)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn normal_and_leap_years() {
        // 1 March 2023 is day 60 of 365: 1200 x 60 / 365 = 197.2602.. -> 197.26.
        let p = savings_progress(dec!(1200), dec!(200), day(2023, 3, 1)).unwrap();
        assert_eq!((p.day_of_year, p.days_in_year), (60, 365));
        assert_eq!(p.expected, dec!(197.26));
        assert!(p.on_track);
        assert_eq!(p.ahead, dec!(2.74));
        // 1000 left over March to December (10 months): 100.00 a month.
        assert_eq!((p.months_left, p.monthly_needed), (10, dec!(100)));
        // 1 March 2024 is day 61 of 366: 1200 x 61 / 366 = 200.00 exactly.
        let p = savings_progress(dec!(1200), dec!(200), day(2024, 3, 1)).unwrap();
        assert_eq!((p.day_of_year, p.days_in_year), (61, 366));
        assert_eq!(p.expected, dec!(200));
        assert!(p.on_track);
        assert!((p.share - 1.0 / 6.0).abs() < 1e-15);
    }

    #[test]
    fn year_ends() {
        let p = savings_progress(dec!(1000), dec!(999.99), day(2024, 12, 31)).unwrap();
        assert_eq!((p.expected, p.elapsed_share), (dec!(1000), 1.0));
        assert!(!p.on_track);
        assert_eq!(
            (p.months_left, p.remaining, p.monthly_needed),
            (1, dec!(0.01), dec!(0.01))
        );
        let p = savings_progress(dec!(3650), dec!(0), day(2023, 1, 1)).unwrap();
        assert_eq!(p.expected, dec!(10));
        assert_eq!((p.months_left, p.monthly_needed), (12, dec!(304.17)));
    }

    #[test]
    fn goal_passed() {
        let p = savings_progress(dec!(100), dec!(150), day(2023, 6, 30)).unwrap();
        assert_eq!((p.remaining, p.monthly_needed), (dec!(0), dec!(0)));
        assert!(p.on_track);
        assert_eq!(p.share, 1.5);
    }

    #[test]
    fn error_invalid_amount() {
        let d = day(2024, 5, 5);
        for (goal, saved) in [
            (dec!(0), dec!(0)),
            (dec!(-1), dec!(0)),
            (dec!(100), dec!(-0.01)),
            (Decimal::MAX, dec!(0)),
        ] {
            assert_eq!(
                savings_progress(goal, saved, d).unwrap_err().kind(),
                "InvalidAmount"
            );
        }
    }
}
