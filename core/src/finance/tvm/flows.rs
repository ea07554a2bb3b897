//! Periodic cash flows: net present value, internal and modified internal rates of return.

use super::elementary::{exp_m1, ln_1p};
use super::{check_rate, finite_result, solver};
use crate::error::{Error, Result};

/// Every value finite and at least `min` of them.
fn check_values(values: &[f64], min: usize) -> Result<()> {
    if values.len() < min {
        return Err(Error::EmptyInput {
            name: "values",
            min,
            len: values.len(),
        });
    }
    values
        .iter()
        .try_for_each(|&v| crate::check::finite("values", v).map(|_| ()))
}

/// At least one positive and one negative flow (`name` is the argument's name).
pub(super) fn check_both_signs(name: &'static str, values: &[f64]) -> Result<()> {
    let positive = values.iter().any(|&v| v > 0.0);
    let negative = values.iter().any(|&v| v < 0.0);
    if positive && negative {
        Ok(())
    } else {
        Err(Error::InvalidParameter {
            name,
            value: format!(
                "{} flows, {}",
                values.len(),
                if positive {
                    "none negative"
                } else {
                    "none positive"
                }
            ),
            reason: "needs at least one positive and one negative cash flow",
        })
    }
}

/// `sum values[t] x^t` and its derivative in `x`, by Horner's rule.
#[inline]
fn horner_with_slope(values: &[f64], x: f64) -> (f64, f64) {
    values
        .iter()
        .rev()
        .fold((0.0, 0.0), |(p, dp), &v| (p * x + v, dp * x + p))
}

/// The present value `sum v_t / (1 + r)^t` in a sign-preserving form, with its derivative
/// in `r`: itself for `r >= 0`, multiplied by `(1 + r)^N` (the value at the last flow) for
/// `r < 0`, so neither overflows.
fn npv_equation(values: &[f64], r: f64) -> (f64, f64) {
    if r >= 0.0 {
        let x = 1.0 / (1.0 + r);
        let (p, dp) = horner_with_slope(values, x);
        (p, -dp * x * x)
    } else {
        // sum v_t y^(N - t), y = 1 + r: Horner over the flows in order.
        let y = 1.0 + r;
        values
            .iter()
            .fold((0.0, 0.0), |(q, dq), &v| (q * y + v, dq * y + q))
    }
}

/// Net present value of flows one period apart, the first at t = 0 (numpy-financial):
/// `sum_{t=0}^{N-1} values[t] / (1 + rate)^t`. `rate` is a fraction per period.
///
/// Errors: `EmptyInput` for no value; `InvalidParameter` for a non-finite value,
/// `rate <= -1`, or a result that overflows.
///
/// ```
/// use edgecore::finance::tvm::npv;
/// let v = npv(0.08, &[-40_000.0, 5_000.0, 8_000.0, 12_000.0, 30_000.0]).unwrap();
/// assert!((v - 3065.2226681795255).abs() < 1e-8);
/// ```
pub fn npv(rate: f64, values: &[f64]) -> Result<f64> {
    check_rate("rate", rate)?;
    check_values(values, 1)?;
    let (value, _) = horner_with_slope(values, 1.0 / (1.0 + rate));
    finite_result("npv", value)
}

/// Net present value with the first flow one period from now (the spreadsheet `NPV`):
/// `sum_{t=1}^{N} values[t-1] / (1 + rate)^t = npv(rate, values) / (1 + rate)`.
///
/// Errors: as [`npv`].
///
/// ```
/// use edgecore::finance::tvm::npv_excel;
/// let v = npv_excel(0.08, &[-40_000.0, 5_000.0, 8_000.0, 12_000.0, 30_000.0]).unwrap();
/// assert!((v - 2838.1691372032656).abs() < 1e-8);
/// ```
pub fn npv_excel(rate: f64, values: &[f64]) -> Result<f64> {
    let value = npv(rate, values)?;
    finite_result("npv_excel", value / (1.0 + rate))
}

/// Internal rate of return of flows one period apart: the rate `r > -1` with
/// `sum_t values[t] / (1 + r)^t = 0`.
///
/// When several rates solve it, the one closest to zero is returned, as numpy-financial
/// does. Leading and trailing zeros are ignored. With exactly one sign change in the flows
/// the root is unique (Descartes' rule) and Newton's method from 0.1 finds it; otherwise the
/// shared solver scans a grid of rates outward from 0 and refines the nearest bracket (two
/// roots closer together than the grid step, 0.005 near zero, can hide each other; numpy's
/// companion-matrix eigenvalues have no such blind spot but lose real double roots).
///
/// Errors: `EmptyInput` for fewer than two values; `InvalidParameter` naming `values` for a
/// non-finite value or flows without both a positive and a negative value (no rate can zero
/// their NPV; numpy-financial returns NaN); `NoConvergence { method: "irr" }` when the flows
/// change sign but no rate in (-1, inf) zeroes the NPV (e.g. `[1, -3, 3]`).
///
/// ```
/// use edgecore::finance::tvm::irr;
/// let r = irr(&[-100.0, 39.0, 59.0, 55.0, 20.0]).unwrap();
/// assert!((r - 0.28094842115).abs() < 1e-8);
/// ```
pub fn irr(values: &[f64]) -> Result<f64> {
    check_values(values, 2)?;
    check_both_signs("values", values)?;
    let first = values.iter().position(|&v| v != 0.0).unwrap_or(0);
    let last = values.iter().rposition(|&v| v != 0.0).unwrap_or(0);
    let flows = values.get(first..=last).unwrap_or(values);
    let mut signs = flows.iter().filter(|&&v| v != 0.0).map(|&v| v > 0.0);
    let first_sign = signs.next();
    let changes = signs
        .scan(first_sign, |prev, s| {
            let changed = *prev != Some(s);
            *prev = Some(s);
            Some(changed)
        })
        .filter(|&c| c)
        .count();
    let f = |r| npv_equation(flows, r).into();
    if changes == 1 {
        solver::solve("irr", f, 0.1)
    } else {
        solver::solve_nearest("irr", f, 0.0)
    }
}

/// Modified internal rate of return (numpy-financial and the spreadsheet `MIRR`):
/// negative flows are financed at `finance_rate`, positive ones reinvested at
/// `reinvest_rate`, over `n = values.len()` flows one period apart:
///
/// `mirr = (|npv(reinvest_rate, positives)| / |npv(finance_rate, negatives)|)^(1/(n-1))
/// (1 + reinvest_rate) - 1`, computed as an `exp_m1` of logarithms.
///
/// Errors: `EmptyInput` for fewer than two values; `InvalidParameter` for a non-finite
/// value, a rate `<= -1`, flows without both signs (numpy-financial returns NaN), or a
/// result that overflows.
///
/// ```
/// use edgecore::finance::tvm::mirr;
/// let flows = [-120_000.0, 39_000.0, 30_000.0, 21_000.0, 37_000.0, 46_000.0];
/// assert!((mirr(&flows, 0.10, 0.12).unwrap() - 0.126094130365905).abs() < 1e-12);
/// ```
pub fn mirr(values: &[f64], finance_rate: f64, reinvest_rate: f64) -> Result<f64> {
    // Signature order: the values (both signs among them), then the rates.
    check_values(values, 2)?;
    check_both_signs("values", values)?;
    check_rate("finance_rate", finance_rate)?;
    check_rate("reinvest_rate", reinvest_rate)?;
    let present_value = |rate: f64, keep: fn(f64) -> bool| {
        let x = 1.0 / (1.0 + rate);
        values
            .iter()
            .rev()
            .fold(0.0, |acc, &v| acc * x + if keep(v) { v } else { 0.0 })
    };
    let gains = present_value(reinvest_rate, |v| v > 0.0).abs();
    let costs = present_value(finance_rate, |v| v < 0.0).abs();
    let periods = (values.len() - 1) as f64;
    let log_growth = (gains.ln() - costs.ln()) / periods + ln_1p(reinvest_rate);
    finite_result("mirr", exp_m1(log_growth))
}
