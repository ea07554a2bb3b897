//! Investment plans: a monthly savings capacity split across envelopes by percentages, and
//! what each line would be worth after some years of monthly contributions.
//!
//! Lines are keyed by a free `name` (an envelope such as "pea", "cto", "assurance_vie",
//! "per", "savings_book", or any label the investor chooses), so a plan never depends on a
//! fixed list of envelopes.
//!
//! Money stays exact: the split is a largest remainder allocation to the cent, and
//! projections compound in `Decimal` (28 significant digits) and are rounded to the cent,
//! half away from zero, only in the figures returned.

use crate::check;
use crate::error::{Error, Result};
use crate::money::{CENT_DP, allocate_largest_remainder, from_f64, round_cents, with_cents};

/// 0.00.
const ZERO_CENTS: Decimal = Decimal::from_parts(0, 0, 0, false, CENT_DP);
use crate::names::named_enum;
use rust_decimal::{Decimal, MathematicalOps};
use serde::{Deserialize, Serialize};

/// Longest projection horizon accepted, in years.
pub const MAX_YEARS: u32 = 100;

/// One line of a plan as the investor writes it: where the money goes and its share of the
/// monthly capacity, in percent (33.33 for 33.33%).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanLine {
    /// The envelope ("pea", "cto", "assurance_vie", "per", "savings_book", "other") or any
    /// label; names need not be distinct.
    pub name: String,
    /// Share of the capacity in percent, between 0 and 100.
    pub percent: Decimal,
}

/// One line of a computed plan: its share and the monthly amount it receives.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanAllocation {
    /// The line's name, as given.
    pub name: String,
    /// Share of the capacity in percent, as given.
    pub percent: Decimal,
    /// Monthly amount to the cent.
    pub amount: Decimal,
}

/// A monthly savings capacity split across lines; the amounts add up exactly to the
/// capacity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// Monthly savings capacity, to the cent.
    pub capacity: Decimal,
    /// The lines, in the order given.
    pub lines: Vec<PlanAllocation>,
}

/// Splits a monthly savings `capacity` across `lines` by their percentages.
///
/// Each line's exact share is `capacity x percent / 100`; amounts are those shares to the
/// cent by the largest remainder method (see
/// [`allocate_largest_remainder`]): rounded down, then the
/// cents still missing go one at a time to the largest remainders, ties to the earliest
/// line. The amounts add up exactly to the capacity and each is within one cent of its exact
/// share; a 0% line gets 0.
///
/// Errors: a negative capacity, one with fractions of a cent or one beyond the range of an
/// exact amount is `InvalidAmount` ("capacity"); a percent outside [0, 100] is
/// `InvalidParameter` ("percent"); percentages that do not add up to exactly 100 (an empty
/// plan adds up to 0) are `InvalidParameter` ("percentages", with their sum).
///
/// ```
/// use edgecore::finance::plan::{investment_plan, PlanLine};
/// use rust_decimal_macros::dec;
/// let line = |name: &str, percent| PlanLine { name: name.into(), percent };
/// let plan = investment_plan(
///     dec!(1000),
///     &[line("pea", dec!(33.33)), line("cto", dec!(33.33)), line("assurance_vie", dec!(33.34))],
/// )
/// .unwrap();
/// let amounts: Vec<_> = plan.lines.iter().map(|l| l.amount).collect();
/// assert_eq!(amounts, vec![dec!(333.30), dec!(333.30), dec!(333.40)]);
/// ```
pub fn investment_plan(capacity: Decimal, lines: &[PlanLine]) -> Result<Plan> {
    let capacity = check::non_negative_amount("capacity", capacity)?;
    if capacity.normalize().scale() > CENT_DP {
        return Err(Error::InvalidAmount {
            name: "capacity",
            value: capacity,
            reason: "must be a whole number of cents",
        });
    }
    let hundred = Decimal::ONE_HUNDRED;
    let mut sum = Decimal::ZERO;
    for line in lines {
        if line.percent.is_sign_negative() && !line.percent.is_zero() || line.percent > hundred {
            return Err(Error::InvalidParameter {
                name: "percent",
                value: line.percent.to_string(),
                reason: "must be between 0 and 100",
            });
        }
        // At most 100 per line: the sum cannot overflow for any slice that fits in memory.
        sum += line.percent;
    }
    if sum != hundred {
        return Err(Error::InvalidParameter {
            name: "percentages",
            value: sum.normalize().to_string(),
            reason: "must add up to exactly 100",
        });
    }
    let percents: Vec<Decimal> = lines.iter().map(|l| l.percent).collect();
    let amounts =
        allocate_largest_remainder(capacity, &percents, CENT_DP).map_err(|e| match e {
            Error::InvalidAmount { value, reason, .. } => Error::InvalidAmount {
                name: "capacity",
                value,
                reason,
            },
            other => other,
        })?;
    Ok(Plan {
        capacity: with_cents(capacity),
        lines: lines
            .iter()
            .zip(amounts)
            .map(|(l, amount)| PlanAllocation {
                name: l.name.clone(),
                percent: l.percent,
                amount,
            })
            .collect(),
    })
}

named_enum! {
    /// How an expected annual return becomes the monthly rate used for compounding.
    pub enum MonthlyRate ("monthly rate") {
        /// Equivalent (actuarial) rate `(1 + a)^(1/12) - 1`: twelve months compound to
        /// exactly the annual return `a`. The usual convention for a French "rendement
        /// annuel" projection.
        Equivalent = "equivalent" | "actuarial",
        /// Proportional rate `a / 12` (the convention of French loans): twelve months
        /// compound to slightly more than `a`.
        Proportional = "proportional",
    }
}

named_enum! {
    /// When in the month the contribution is paid in.
    pub enum ContributionTiming ("contribution timing") {
        /// At the start of each month: every contribution earns the month's return.
        Start = "start",
        /// At the end of each month: a contribution starts earning the next month.
        End = "end",
    }
}

/// The figures of one year-end of a projection, to the cent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProjectionYear {
    /// Years since the first contribution (1 for the end of the first year).
    pub year: u32,
    /// Total paid in by then: monthly amount x 12 x year.
    pub contributed: Decimal,
    /// Projected value by then, rounded to the cent half away from zero.
    pub value: Decimal,
    /// `value - contributed` (negative when the return is negative).
    pub gains: Decimal,
}

/// What regular monthly contributions grow to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Projection {
    /// Total paid in over the horizon.
    pub contributed: Decimal,
    /// Value at the horizon, to the cent.
    pub value: Decimal,
    /// `value - contributed`.
    pub gains: Decimal,
    /// One row per year-end, years 1 to the horizon (empty for a zero horizon): what a
    /// chart of the projection needs. The last row repeats the totals above.
    pub by_year: Vec<ProjectionYear>,
}

/// Projects `monthly` contributions for `years` years at an expected annual return of
/// `annual_return_percent` (percent: 5.0 for 5% a year).
///
/// The monthly growth factor is `g = 1 + i` with `i = (1 + a)^(1/12) - 1` (equivalent
/// rate) or `i = a / 12` (proportional), `a = annual_return_percent / 100`. Month by month,
/// contributions at the start give `B <- (B + C) g`, at the end `B <- B g + C`; so after
/// `n = 12 x years` months the value is `C x sum(g^k, k = 1..n)` (start) or
/// `C x sum(g^k, k = 0..n-1)` (end). The computation is exact `Decimal` arithmetic with 28
/// significant digits throughout: the twelfth root is refined by Newton's method from a
/// float estimate to full `Decimal` precision, each year applies `g^12` and the year's
/// contributions `C x sum of g^k` over its twelve months, and only the reported figures
/// are rounded (half away from zero), so they are exact to the cent for any realistic
/// amount. A zero return gives `value = contributed`.
///
/// Errors: a negative `monthly` is `InvalidAmount` ("monthly"); an annual return that is not
/// finite or not above -100 is `InvalidParameter` ("annual_return_percent"), as is one
/// whose projection exceeds the range of an exact amount; `years` above [`MAX_YEARS`] is
/// `InvalidParameter` ("years").
///
/// ```
/// use edgecore::finance::plan::{project_contributions, ContributionTiming, MonthlyRate};
/// use rust_decimal_macros::dec;
/// // 100 a month for a year at 12% a year proportional (1% a month), paid at month end:
/// // 100 x (1.01^12 - 1) / 0.01 = 1268.25
/// let p = project_contributions(dec!(100), 12.0, 1, MonthlyRate::Proportional,
///                               ContributionTiming::End).unwrap();
/// assert_eq!((p.contributed, p.value, p.gains), (dec!(1200), dec!(1268.25), dec!(68.25)));
/// ```
pub fn project_contributions(
    monthly: Decimal,
    annual_return_percent: f64,
    years: u32,
    rate: MonthlyRate,
    timing: ContributionTiming,
) -> Result<Projection> {
    let monthly = check::non_negative_amount("monthly", monthly)?;
    check_years(years)?;
    let g = monthly_factor(annual_return_percent, rate)?;
    let too_large = || Error::InvalidParameter {
        name: "annual_return_percent",
        value: annual_return_percent.to_string(),
        reason: "the projected value exceeds the range of an exact amount",
    };
    // One year: the balance grows by g^12 and the twelve contributions add C x sum(g^k).
    let mut power = Decimal::ONE;
    let mut year_sum = Decimal::ZERO;
    for _ in 0..12 {
        if timing == ContributionTiming::End {
            year_sum = year_sum.checked_add(power).ok_or_else(too_large)?;
        }
        power = power.checked_mul(g).ok_or_else(too_large)?;
        if timing == ContributionTiming::Start {
            year_sum = year_sum.checked_add(power).ok_or_else(too_large)?;
        }
    }
    let year_growth = power;
    let year_contribution = monthly.checked_mul(year_sum).ok_or_else(too_large)?;
    let paid_per_year = monthly
        .checked_mul(Decimal::from(12))
        .ok_or_else(too_large)?;
    let mut balance = Decimal::ZERO;
    let mut by_year = Vec::with_capacity(years as usize);
    for year in 1..=years {
        balance = balance
            .checked_mul(year_growth)
            .and_then(|b| b.checked_add(year_contribution))
            .ok_or_else(too_large)?;
        let contributed = paid_per_year
            .checked_mul(Decimal::from(year))
            .ok_or_else(too_large)?;
        by_year.push(year_row(year, contributed, round_cents(balance)));
    }
    Ok(projection(by_year))
}

/// A year-end row; gains are what the rounded value adds to the contributions.
fn year_row(year: u32, contributed: Decimal, value: Decimal) -> ProjectionYear {
    ProjectionYear {
        year,
        contributed: with_cents(contributed),
        value: with_cents(value),
        gains: with_cents(value - contributed),
    }
}

/// A projection whose totals are its last row (zero for an empty table).
fn projection(by_year: Vec<ProjectionYear>) -> Projection {
    let (contributed, value, gains) = by_year
        .last()
        .map_or((ZERO_CENTS, ZERO_CENTS, ZERO_CENTS), |y| {
            (y.contributed, y.value, y.gains)
        });
    Projection {
        contributed,
        value,
        gains,
        by_year,
    }
}

/// Checks a projection's horizon: at most [`MAX_YEARS`] years.
fn check_years(years: u32) -> Result<()> {
    if years > MAX_YEARS {
        return Err(Error::InvalidParameter {
            name: "years",
            value: years.to_string(),
            reason: "must be at most 100",
        });
    }
    Ok(())
}

/// The monthly growth factor `1 + i` of an annual return in percent.
fn monthly_factor(annual_return_percent: f64, rate: MonthlyRate) -> Result<Decimal> {
    let percent = check::parameter(
        "annual_return_percent",
        annual_return_percent,
        |a| a > -100.0,
        "must be finite and greater than -100",
    )?;
    let percent = from_f64("annual_return_percent", percent)?;
    let annual = Decimal::ONE + percent / Decimal::ONE_HUNDRED;
    match rate {
        MonthlyRate::Proportional => Ok(Decimal::ONE + percent / Decimal::from(1200)),
        MonthlyRate::Equivalent => {
            Ok(twelfth_root(annual).ok_or_else(|| Error::InvalidParameter {
                name: "annual_return_percent",
                value: annual_return_percent.to_string(),
                reason: "its monthly equivalent rate cannot be computed exactly",
            })?)
        }
    }
}

/// `b^(1/12)` for `b > 0` to full `Decimal` precision: a float estimate refined by Newton's
/// method `x <- (11 x + b / x^11) / 12`, which doubles the correct digits at each step.
fn twelfth_root(b: Decimal) -> Option<Decimal> {
    let estimate = crate::money::to_f64(b).powf(1.0 / 12.0);
    let mut x = from_f64("annual_return_percent", estimate).ok()?;
    let (eleven, twelve) = (Decimal::from(11), Decimal::from(12));
    for _ in 0..6 {
        let next = x
            .checked_mul(eleven)?
            .checked_add(b.checked_div(x.checked_powu(11)?)?)?
            .checked_div(twelve)?;
        if next == x {
            break;
        }
        x = next;
    }
    (x > Decimal::ZERO).then_some(x)
}

/// One line of a projected plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LineProjection {
    /// The line's name.
    pub name: String,
    /// Its monthly amount.
    pub monthly: Decimal,
    /// The expected annual return used, in percent.
    pub annual_return_percent: f64,
    /// What the line's contributions grow to.
    pub projection: Projection,
}

/// A whole plan projected line by line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanProjection {
    /// One projection per plan line, in the plan's order.
    pub lines: Vec<LineProjection>,
    /// The sum of the lines' rounded figures, year by year, so the total is what the
    /// displayed lines add up to.
    pub total: Projection,
}

/// Projects every line of `plan` for `years` years, line `k` at the expected annual return
/// `annual_returns_percent[k]` (percent), with the conventions of
/// [`project_contributions`]; the total is the sum of the lines' rounded figures.
///
/// Errors: `LengthMismatch` when there is not one return per line; `years` above
/// [`MAX_YEARS`] is `InvalidParameter` ("years"), even for a plan without lines; otherwise
/// those of [`project_contributions`] (a negative line amount is `InvalidAmount`
/// ("monthly")).
///
/// ```
/// use edgecore::finance::plan::*;
/// use rust_decimal_macros::dec;
/// let lines = [
///     PlanLine { name: "pea".into(), percent: dec!(60) },
///     PlanLine { name: "savings_book".into(), percent: dec!(40) },
/// ];
/// let plan = investment_plan(dec!(500), &lines).unwrap();
/// let p = project_plan(&plan, &[7.0, 3.0], 10, MonthlyRate::Equivalent,
///                      ContributionTiming::Start).unwrap();
/// assert_eq!(p.total.contributed, dec!(60000));
/// assert_eq!(p.total.value, p.lines[0].projection.value + p.lines[1].projection.value);
/// ```
pub fn project_plan(
    plan: &Plan,
    annual_returns_percent: &[f64],
    years: u32,
    rate: MonthlyRate,
    timing: ContributionTiming,
) -> Result<PlanProjection> {
    check::same_len(
        "plan lines",
        plan.lines.len(),
        "annual_returns_percent",
        annual_returns_percent.len(),
    )?;
    // Checked here too: a plan without lines never reaches project_contributions.
    check_years(years)?;
    let lines = plan
        .lines
        .iter()
        .zip(annual_returns_percent)
        .map(|(line, &r)| {
            Ok(LineProjection {
                name: line.name.clone(),
                monthly: line.amount,
                annual_return_percent: r,
                projection: project_contributions(line.amount, r, years, rate, timing)?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let overflow = || Error::InvalidAmount {
        name: "capacity",
        value: plan.capacity,
        reason: "the projected total exceeds the range of an exact amount",
    };
    let mut by_year = Vec::with_capacity(years as usize);
    for (k, year) in (1..=years).enumerate() {
        let (mut contributed, mut value) = (Decimal::ZERO, Decimal::ZERO);
        for row in lines.iter().filter_map(|l| l.projection.by_year.get(k)) {
            contributed = contributed
                .checked_add(row.contributed)
                .ok_or_else(overflow)?;
            value = value.checked_add(row.value).ok_or_else(overflow)?;
        }
        by_year.push(year_row(year, contributed, value));
    }
    Ok(PlanProjection {
        lines,
        total: projection(by_year),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn plan_without_lines_still_checks_the_horizon() {
        // Used to reserve and fill u32::MAX yearly rows (hundreds of GB) before failing.
        let empty = Plan {
            capacity: dec!(0),
            lines: Vec::new(),
        };
        let err = project_plan(
            &empty,
            &[],
            u32::MAX,
            MonthlyRate::Equivalent,
            ContributionTiming::End,
        )
        .unwrap_err();
        assert_eq!(err.kind(), "InvalidParameter");
        assert!(err.to_string().contains("years"));
        let ok = project_plan(
            &empty,
            &[],
            3,
            MonthlyRate::Equivalent,
            ContributionTiming::End,
        );
        assert_eq!(ok.unwrap().total.by_year.len(), 3);
    }

    fn line(name: &str, percent: Decimal) -> PlanLine {
        PlanLine {
            name: name.into(),
            percent,
        }
    }

    fn amounts(plan: &Plan) -> Vec<Decimal> {
        plan.lines.iter().map(|l| l.amount).collect()
    }

    #[test]
    fn split_adds_up_to_the_capacity() {
        // 1000.01 x 33.333 / 100 = 333.3333333, 1000.01 x 33.334 / 100 = 333.3433334:
        // floors 333.33 + 333.33 + 333.34 = 1000.00; remainders .0033333 (twice) and
        // .0033334: the missing cent goes to the third line.
        let plan = investment_plan(
            dec!(1000.01),
            &[
                line("pea", dec!(33.333)),
                line("cto", dec!(33.333)),
                line("per", dec!(33.334)),
            ],
        )
        .unwrap();
        assert_eq!(
            amounts(&plan),
            vec![dec!(333.33), dec!(333.33), dec!(333.35)]
        );
        assert_eq!(amounts(&plan).iter().sum::<Decimal>(), dec!(1000.01));
        // 1000.02 over the same lines: remainders .0066666 (twice) and .0066668, floors add
        // up to 1000.00: the third line and then the first (tie, lowest index) get a cent.
        let plan = investment_plan(
            dec!(1000.02),
            &[
                line("pea", dec!(33.333)),
                line("cto", dec!(33.333)),
                line("per", dec!(33.334)),
            ],
        )
        .unwrap();
        assert_eq!(
            amounts(&plan),
            vec![dec!(333.34), dec!(333.33), dec!(333.35)]
        );
        assert_eq!(plan.lines[2].name, "per");
    }

    #[test]
    fn zero_percent_and_zero_capacity() {
        let plan = investment_plan(dec!(0), &[line("a", dec!(100)), line("b", dec!(0))]).unwrap();
        assert_eq!(amounts(&plan), vec![dec!(0), dec!(0)]);
        let plan = investment_plan(dec!(250), &[line("a", dec!(0)), line("b", dec!(100))]).unwrap();
        assert_eq!(amounts(&plan), vec![dec!(0), dec!(250)]);
    }

    #[test]
    fn twelfth_root_is_exact_to_decimal_precision() {
        let g = monthly_factor(7.0, MonthlyRate::Equivalent).unwrap();
        assert!((g.powu(12) - dec!(1.07)).abs() < dec!(1e-25));
        let g = monthly_factor(-50.0, MonthlyRate::Equivalent).unwrap();
        assert!((g.powu(12) - dec!(0.5)).abs() < dec!(1e-25));
        assert_eq!(
            monthly_factor(6.0, MonthlyRate::Proportional).unwrap(),
            dec!(1.005)
        );
    }

    #[test]
    fn projection_matches_the_closed_form() {
        // 200 a month for 20 years at 6% proportional (0.5% a month), paid at the start:
        // 200 x 1.005 x (1.005^240 - 1) / 0.005.
        let p = project_contributions(
            dec!(200),
            6.0,
            20,
            MonthlyRate::Proportional,
            ContributionTiming::Start,
        )
        .unwrap();
        let g = dec!(1.005);
        let closed = dec!(200) * g * (g.powu(240) - Decimal::ONE) / dec!(0.005);
        assert_eq!(p.value, round_cents(closed));
        assert_eq!(p.value, dec!(92870.22));
        assert_eq!(p.contributed, dec!(48000));
        assert_eq!(p.gains, p.value - p.contributed);
        assert_eq!(p.by_year.len(), 20);
        assert_eq!(p.by_year[19].value, p.value);
    }

    #[test]
    fn zero_return_and_zero_horizon() {
        let p = project_contributions(
            dec!(150.25),
            0.0,
            3,
            MonthlyRate::Equivalent,
            ContributionTiming::End,
        )
        .unwrap();
        assert_eq!((p.value, p.gains), (dec!(5409), dec!(0)));
        let p = project_contributions(
            dec!(100),
            5.0,
            0,
            MonthlyRate::Equivalent,
            ContributionTiming::End,
        )
        .unwrap();
        assert_eq!(
            (p.value, p.contributed, p.by_year.len()),
            (dec!(0), dec!(0), 0)
        );
    }

    #[test]
    fn plan_total_is_the_sum_of_its_lines() {
        let plan = investment_plan(
            dec!(500),
            &[line("pea", dec!(60)), line("livret", dec!(40))],
        )
        .unwrap();
        let p = project_plan(
            &plan,
            &[7.0, 3.0],
            5,
            MonthlyRate::Equivalent,
            ContributionTiming::End,
        )
        .unwrap();
        for (k, row) in p.total.by_year.iter().enumerate() {
            let sum: Decimal = p.lines.iter().map(|l| l.projection.by_year[k].value).sum();
            assert_eq!(row.value, sum);
        }
        assert_eq!(p.total.contributed, dec!(30000));
    }

    #[test]
    fn names_parse() {
        assert_eq!(
            "actuarial".parse::<MonthlyRate>().unwrap(),
            MonthlyRate::Equivalent
        );
        assert_eq!(
            "end".parse::<ContributionTiming>().unwrap(),
            ContributionTiming::End
        );
    }

    #[test]
    fn error_unknown_name() {
        assert_eq!(
            "weekly".parse::<MonthlyRate>().unwrap_err().kind(),
            "UnknownName"
        );
    }

    #[test]
    fn error_invalid_parameter() {
        let err =
            investment_plan(dec!(100), &[line("a", dec!(50)), line("b", dec!(49.99))]).unwrap_err();
        assert_eq!(
            err,
            Error::InvalidParameter {
                name: "percentages",
                value: "99.99".into(),
                reason: "must add up to exactly 100",
            }
        );
        assert!(investment_plan(dec!(100), &[]).is_err());
        assert!(investment_plan(dec!(100), &[line("a", dec!(-1)), line("b", dec!(101))]).is_err());
        let project = |r: f64, years| {
            project_contributions(
                dec!(1),
                r,
                years,
                MonthlyRate::Equivalent,
                ContributionTiming::End,
            )
        };
        for err in [
            project(-100.0, 1),
            project(f64::NAN, 1),
            project(1e300, 1),
            project(1e6, 100),
            project(5.0, 101),
        ] {
            assert_eq!(err.unwrap_err().kind(), "InvalidParameter");
        }
    }

    #[test]
    fn error_invalid_amount() {
        let lines = [line("a", dec!(100))];
        for capacity in [dec!(-1), dec!(10.001), Decimal::MAX] {
            assert_eq!(
                investment_plan(capacity, &lines).unwrap_err().kind(),
                "InvalidAmount"
            );
        }
        assert_eq!(
            project_contributions(
                dec!(-5),
                3.0,
                1,
                MonthlyRate::Equivalent,
                ContributionTiming::End
            )
            .unwrap_err()
            .kind(),
            "InvalidAmount"
        );
    }

    #[test]
    fn error_length_mismatch() {
        let plan = investment_plan(dec!(100), &[line("a", dec!(100))]).unwrap();
        assert_eq!(
            project_plan(
                &plan,
                &[1.0, 2.0],
                1,
                MonthlyRate::Equivalent,
                ContributionTiming::End
            )
            .unwrap_err()
            .kind(),
            "LengthMismatch"
        );
    }
}
