//! Time value of money in `f64`, with the names, argument order and sign conventions of
//! numpy-financial (and the spreadsheet functions it follows).
//!
//! Sign convention: money paid out is negative, money received is positive. A loan of
//! 200,000 received today (`pv = 200000`) is repaid by negative payments (`pmt < 0`).
//! Rates are fractions per period (0.05 for 5 %), never percent, and must be greater than
//! -1. Every function validates its inputs and its result: non-finite or out-of-domain input
//! and a result that would overflow `f64` are an [`Error`], never NaN or
//! infinity.
//!
//! All periodic functions solve the one annuity equation
//!
//! ```text
//! fv + pv (1 + rate)^nper + pmt (1 + rate * when) ((1 + rate)^nper - 1) / rate = 0
//! ```
//!
//! (`fv + pv + pmt * nper = 0` when `rate == 0`, an exact special case that the formulas
//! approach continuously), with `when` 0 for payments at the end of each period and 1 at the
//! beginning. Powers are computed as `exp(n ln_1p(rate))` and differences of powers with
//! `exp_m1`, and the interest/principal split of a payment is computed directly from the
//! outstanding balance rather than as a difference of large numbers, so long schedules at
//! high rates keep their precision (`ppmt(0.1479, 297, 300, -270.51) = 23.042801`, the
//! spreadsheet answer, where the naive closed form loses every digit).
//!
//! Groups: periodic annuities ([`pmt`], [`ipmt`], [`ppmt`], [`pv`], [`fv`], [`nper`],
//! [`rate`], [`cumipmt`], [`cumprinc`], [`effective_rate`], [`nominal_rate`]), their batch
//! forms over equal-length columns ([`pmt_batch`] ..., each with a `_with_progress` form), periodic cash flows ([`npv`],
//! [`npv_excel`], [`irr`], [`mirr`]) and dated cash flows ([`xnpv`], [`xirr`],
//! [`year_fraction`] with a [`DayCount`]).

mod batch;
mod dated;
mod elementary;
mod flows;
mod inputs;
mod solver;

pub use batch::{
    fv_batch, fv_batch_with_progress, ipmt_batch, ipmt_batch_with_progress, nper_batch,
    nper_batch_with_progress, pmt_batch, pmt_batch_with_progress, ppmt_batch,
    ppmt_batch_with_progress, pv_batch, pv_batch_with_progress, rate_batch,
    rate_batch_with_progress,
};
pub use dated::{DayCount, xirr, xnpv, year_fraction};
pub use flows::{irr, mirr, npv, npv_excel};

use crate::check;
use crate::error::{Error, Result};
use crate::names::named_enum;
use elementary::{exp, exp_m1, ln_1p};
use inputs::{Input, period_inputs, pmt_inputs, valid, value_inputs};

named_enum! {
    /// When payments fall due within each period: at its end (ordinary annuity, the
    /// default) or at its beginning (annuity due). numpy-financial also accepts 0 and 1.
    #[derive(Default)]
    pub enum When ("when") {
        /// At the end of each period (`when = 0`).
        #[default]
        End = "end" | "0",
        /// At the beginning of each period (`when = 1`).
        Begin = "begin" | "1",
    }
}

impl When {
    /// 0.0 for [`When::End`], 1.0 for [`When::Begin`]: the `when` of the annuity equation.
    pub const fn factor(self) -> f64 {
        match self {
            When::End => 0.0,
            When::Begin => 1.0,
        }
    }
}

/// A rate per period: finite and greater than -1.
#[inline]
pub(crate) fn check_rate(name: &'static str, rate: f64) -> Result<f64> {
    inputs::check([Input::rate(name, rate)]).map(|()| rate)
}

/// A result must be a finite number; overflow (or an undefined 0/0) is an error naming the
/// function whose result it is.
#[inline]
pub(crate) fn finite_result(name: &'static str, value: f64) -> Result<f64> {
    if value.is_finite() {
        Ok(value)
    } else {
        Err(Error::InvalidParameter {
            name,
            value: value.to_string(),
            reason: "the result is not a finite f64: the inputs are too large for this rate and number of periods",
        })
    }
}

/// Growth `(1 + rate)^t = exp(t l)` at a non-zero rate, `l = ln_1p(rate)`, over `n`
/// periods. One `exp_m1` of `|n l|` gives every power of the horizon without cancellation:
/// with `e = exp_m1(|n l|) >= 0` and `g = 1 + e` (exact), `(1 + r)^n` is `g` or `1 / g`
/// and `(1 + r)^(+-n) - 1` is `e` or `-e / g`, by the sign of the rate.
#[derive(Clone, Copy)]
struct Growth {
    rate: f64,
    l: f64,
    n: f64,
    e: f64,
    g: f64,
}

impl Growth {
    /// `None` when the rate is zero (or so small that `ln_1p` rounds it to zero): the
    /// callers' exact zero-rate formulas apply.
    #[inline]
    fn new(rate: f64, n: f64) -> Option<Self> {
        let l = ln_1p(rate);
        if l == 0.0 {
            return None;
        }
        Growth::from_parts(rate, n, l, exp_m1((n * l).abs()))
    }

    /// [`Growth::new`] from `l = ln_1p(rate)` and `e = exp_m1(|n l|)` computed by the
    /// caller (the batch forms compute them for a block of rows at a time).
    #[inline]
    fn from_parts(rate: f64, n: f64, l: f64, e: f64) -> Option<Self> {
        (l != 0.0).then_some(Growth {
            rate,
            l,
            n,
            e,
            g: 1.0 + e,
        })
    }

    /// `1 - exp(-|n l|) = e / g`, 1 once `e` overflows.
    #[inline]
    fn lost(self) -> f64 {
        if self.e.is_finite() {
            self.e / self.g
        } else {
            1.0
        }
    }

    /// `(1 + r)^n`.
    #[inline]
    fn growth(self) -> f64 {
        if self.l > 0.0 { self.g } else { 1.0 / self.g }
    }

    /// `(1 + r)^n - 1`.
    #[inline]
    fn growth_m1(self) -> f64 {
        if self.l > 0.0 { self.e } else { -self.lost() }
    }

    /// `(1 + r)^-n`.
    #[inline]
    fn discount(self) -> f64 {
        if self.l > 0.0 { 1.0 / self.g } else { self.g }
    }

    /// `(1 + r)^-n - 1`.
    #[inline]
    fn discount_m1(self) -> f64 {
        if self.l > 0.0 { -self.lost() } else { self.e }
    }

    /// `(1 + r)^s ((1 + r)^a - 1) / ((1 + r)^n - 1)` without cancellation or overflow
    /// (for `0 <= s`, `0 <= a`, `s + a <= n + 1`). It tends to `a / n` as the rate tends to 0.
    #[inline]
    fn ratio(self, s: f64, a: f64) -> f64 {
        let Growth { l, n, .. } = self;
        if l > 0.0 {
            // s + a = n for the balance of pv (`ipmt`): the power is exactly 1.
            let lead = s + a - n;
            let power = if lead == 0.0 { 1.0 } else { exp(lead * l) };
            power * exp_m1(-a * l) / self.discount_m1()
        } else {
            exp(s * l) * exp_m1(a * l) / self.growth_m1()
        }
    }

    /// `r (1 + r)^s / ((1 + r)^n - 1)` (`ratio(s, 1)` with `r` itself in place of
    /// `exp_m1(l)`), for `0 <= s <= n`: the share of `pv + fv` repaid in period `s + 1`.
    #[inline]
    fn share(self, s: f64) -> f64 {
        let Growth { rate, l, n, .. } = self;
        if l > 0.0 {
            rate * exp((s - n) * l) / -self.discount_m1()
        } else {
            rate * exp(s * l) / self.growth_m1()
        }
    }

    /// `((1 + r)^n - 1) / r`: the future value of `n` unit payments at period ends.
    #[inline]
    fn annuity_fv(self) -> f64 {
        self.growth_m1() / self.rate
    }

    /// `(1 - (1 + r)^-n) / r`: the present value of `n` unit payments at period ends.
    #[inline]
    fn annuity_pv(self) -> f64 {
        -self.discount_m1() / self.rate
    }
}

/// The periodic payment that takes `pv` to `fv` in `nper` periods.
///
/// `pmt = -(fv + pv (1 + rate)^nper) rate / ((1 + rate when) ((1 + rate)^nper - 1))`, and
/// `-(pv + fv) / nper` at a zero rate. `rate` is a fraction per period (> -1), `nper` > 0
/// (need not be an integer).
///
/// Errors: `InvalidParameter` for a non-finite input, `rate <= -1`, `nper <= 0`, or a
/// result that overflows.
///
/// ```
/// use edgecore::finance::tvm::{pmt, When};
/// // Monthly payment of a 200,000 loan over 15 years at 7.5 % a year.
/// let p = pmt(0.075 / 12.0, 180.0, 200_000.0, 0.0, When::End).unwrap();
/// assert!((p + 1854.0247200054619).abs() < 1e-8);
/// ```
#[inline]
pub fn pmt(rate: f64, nper: f64, pv: f64, fv: f64, when: When) -> Result<f64> {
    inputs::check(pmt_inputs(rate, nper, pv, fv))?;
    finite_result(
        "pmt",
        pmt_kernel(Growth::new(rate, nper), rate, nper, pv, fv, when),
    )
}

/// [`pmt`] where it succeeds, NaN where it fails, `g` being `Growth::new(rate, nper)`: the
/// row function of [`pmt_batch`].
#[inline]
fn pmt_or_nan(g: Option<Growth>, rate: f64, nper: f64, pv: f64, fv: f64, when: When) -> f64 {
    if valid(pmt_inputs(rate, nper, pv, fv)) {
        pmt_kernel(g, rate, nper, pv, fv, when)
    } else {
        f64::NAN
    }
}

/// [`pmt`] on validated inputs.
#[inline]
fn pmt_kernel(g: Option<Growth>, rate: f64, nper: f64, pv: f64, fv: f64, when: When) -> f64 {
    match g {
        None => -(pv + fv) / nper,
        Some(g) => {
            // -(pv T + fv) r / (T - 1) with T = (1 + r)^n, in one division. For r > 0,
            // T = 1 + e: -r (pv + (pv + fv) / e); for r < 0, T = 1 / (1 + e):
            // r (fv + (pv + fv) / e). No difference of nearly equal numbers; when e
            // overflows, (pv + fv) / e is 0, the limit of both forms.
            let spread = (pv + fv) / g.e;
            let end = if g.l > 0.0 {
                -rate * (pv + spread)
            } else {
                rate * (fv + spread)
            };
            match when {
                When::End => end,
                When::Begin => end / (1.0 + rate),
            }
        }
    }
}

/// The future value after `nper` periods of `pv` now and a payment `pmt` each period.
///
/// `fv = -(pv (1 + rate)^nper + pmt (1 + rate when) ((1 + rate)^nper - 1) / rate)`, and
/// `-(pv + pmt nper)` at a zero rate.
///
/// Errors: `InvalidParameter` for a non-finite input, `rate <= -1`, `nper <= 0`, or a
/// result that overflows.
///
/// ```
/// use edgecore::finance::tvm::{fv, When};
/// // Saving 100 now and 100 a month for 10 years at 5 % a year.
/// let v = fv(0.05 / 12.0, 120.0, -100.0, -100.0, When::End).unwrap();
/// assert!((v - 15692.92889433575).abs() < 1e-8);
/// ```
#[inline]
pub fn fv(rate: f64, nper: f64, pmt: f64, pv: f64, when: When) -> Result<f64> {
    inputs::check(value_inputs(rate, nper, pmt, ("pv", pv)))?;
    finite_result(
        "fv",
        fv_kernel(Growth::new(rate, nper), rate, nper, pmt, pv, when),
    )
}

/// [`fv`] where it succeeds, NaN where it fails, `g` being `Growth::new(rate, nper)`: the
/// row function of [`fv_batch`].
#[inline]
fn fv_or_nan(g: Option<Growth>, rate: f64, nper: f64, pmt: f64, pv: f64, when: When) -> f64 {
    if valid(value_inputs(rate, nper, pmt, ("pv", pv))) {
        fv_kernel(g, rate, nper, pmt, pv, when)
    } else {
        f64::NAN
    }
}

/// [`fv`] on validated inputs.
#[inline]
fn fv_kernel(g: Option<Growth>, rate: f64, nper: f64, pmt: f64, pv: f64, when: When) -> f64 {
    let Some(g) = g else {
        return -(pv + pmt * nper);
    };
    let pay = match when {
        When::End => pmt,
        When::Begin => pmt * (1.0 + rate),
    };
    if g.l > 0.0 {
        // T = 1 + e and (T - 1) / r = e / r: one division.
        -(pv * g.g + pay * (g.e / rate))
    } else {
        -(pv * g.growth() + pay * g.annuity_fv())
    }
}

/// The present value of `fv` after `nper` periods and a payment `pmt` each period.
///
/// `pv = -(fv + pmt (1 + rate when) ((1 + rate)^nper - 1) / rate) / (1 + rate)^nper`, and
/// `-(fv + pmt nper)` at a zero rate.
///
/// Errors: `InvalidParameter` for a non-finite input, `rate <= -1`, `nper <= 0`, or a
/// result that overflows.
///
/// ```
/// use edgecore::finance::tvm::{pv, When};
/// let v = pv(0.05 / 12.0, 120.0, -100.0, 15692.93, When::End).unwrap();
/// assert!((v + 100.00067131625819).abs() < 1e-8);
/// ```
#[inline]
pub fn pv(rate: f64, nper: f64, pmt: f64, fv: f64, when: When) -> Result<f64> {
    inputs::check(value_inputs(rate, nper, pmt, ("fv", fv)))?;
    finite_result(
        "pv",
        pv_kernel(Growth::new(rate, nper), rate, nper, pmt, fv, when),
    )
}

/// [`pv`] where it succeeds, NaN where it fails, `g` being `Growth::new(rate, nper)`: the
/// row function of [`pv_batch`].
#[inline]
fn pv_or_nan(g: Option<Growth>, rate: f64, nper: f64, pmt: f64, fv: f64, when: When) -> f64 {
    if valid(value_inputs(rate, nper, pmt, ("fv", fv))) {
        pv_kernel(g, rate, nper, pmt, fv, when)
    } else {
        f64::NAN
    }
}

/// [`pv`] on validated inputs.
#[inline]
fn pv_kernel(g: Option<Growth>, rate: f64, nper: f64, pmt: f64, fv: f64, when: When) -> f64 {
    match g {
        None => -(fv + pmt * nper),
        Some(g) => -fv * g.discount() - pmt * (1.0 + rate * when.factor()) * g.annuity_pv(),
    }
}

/// The interest part of the payment of period `per` (1-based) of the schedule of [`pmt`].
///
/// Computed from the balance outstanding after period `per - 1`,
/// `B = (pv ((1 + r)^n - (1 + r)^k) - fv ((1 + r)^k - 1)) / ((1 + r)^n - 1)` with
/// `k = per - 1`: `ipmt = -rate B` for payments at the end; for payments at the beginning
/// the first period has no interest (0) and later ones are `-rate B / (1 + rate)`, as in
/// numpy-financial and spreadsheets. Zero at a zero rate.
///
/// Errors: `InvalidParameter` for a non-finite input, `rate <= -1`, `nper <= 0`, `per`
/// outside `[1, nper]` (numpy-financial returns NaN there), or a result that overflows.
///
/// ```
/// use edgecore::finance::tvm::{ipmt, When};
/// // First month's interest on 2,000 over 24 months at 10 % a year.
/// let i = ipmt(0.1 / 12.0, 1.0, 24.0, 2000.0, 0.0, When::End).unwrap();
/// assert!((i + 16.666666666666668).abs() < 1e-9);
/// ```
#[inline]
pub fn ipmt(rate: f64, per: f64, nper: f64, pv: f64, fv: f64, when: When) -> Result<f64> {
    inputs::check(period_inputs(rate, per, nper, pv, fv))?;
    finite_result(
        "ipmt",
        ipmt_kernel(Growth::new(rate, nper), rate, per, nper, pv, fv, when),
    )
}

/// [`ipmt`] where it succeeds, NaN where it fails, `g` being `Growth::new(rate, nper)`: the
/// row function of [`ipmt_batch`].
#[inline]
fn ipmt_or_nan(
    g: Option<Growth>,
    rate: f64,
    per: f64,
    nper: f64,
    pv: f64,
    fv: f64,
    when: When,
) -> f64 {
    if valid(period_inputs(rate, per, nper, pv, fv)) {
        ipmt_kernel(g, rate, per, nper, pv, fv, when)
    } else {
        f64::NAN
    }
}

/// [`ipmt`] on validated inputs.
#[inline]
fn ipmt_kernel(
    g: Option<Growth>,
    rate: f64,
    per: f64,
    nper: f64,
    pv: f64,
    fv: f64,
    when: When,
) -> f64 {
    let Some(g) = g else {
        return 0.0;
    };
    let k = per - 1.0;
    let mut balance = pv * g.ratio(k, nper - k);
    if fv != 0.0 {
        balance -= fv * g.ratio(0.0, k);
    }
    match when {
        When::End => -rate * balance,
        When::Begin if per == 1.0 => 0.0,
        When::Begin => -rate * balance / (1.0 + rate),
    }
}

/// The principal part of the payment of period `per` (1-based) of the schedule of [`pmt`].
///
/// Computed directly, not as `pmt - ipmt` (which cancels): for payments at the end,
/// `ppmt = -(pv + fv) rate (1 + rate)^(per - 1) / ((1 + rate)^nper - 1)`; for payments at
/// the beginning the first period's payment is all principal (`pmt`) and later ones are the
/// end value divided by `1 + rate`. `-(pv + fv) / nper` at a zero rate. Always
/// `ipmt + ppmt = pmt`.
///
/// Errors: as [`ipmt`].
///
/// ```
/// use edgecore::finance::tvm::{ppmt, When};
/// // The spreadsheet value, where the textbook closed form loses all its digits.
/// let p = ppmt(0.1479, 297.0, 300.0, -270.51, 0.0, When::End).unwrap();
/// assert!((p - 23.042801).abs() < 1e-6);
/// ```
#[inline]
pub fn ppmt(rate: f64, per: f64, nper: f64, pv: f64, fv: f64, when: When) -> Result<f64> {
    inputs::check(period_inputs(rate, per, nper, pv, fv))?;
    finite_result(
        "ppmt",
        ppmt_kernel(Growth::new(rate, nper), rate, per, nper, pv, fv, when),
    )
}

/// [`ppmt`] where it succeeds, NaN where it fails, `g` being `Growth::new(rate, nper)`: the
/// row function of [`ppmt_batch`].
#[inline]
fn ppmt_or_nan(
    g: Option<Growth>,
    rate: f64,
    per: f64,
    nper: f64,
    pv: f64,
    fv: f64,
    when: When,
) -> f64 {
    if valid(period_inputs(rate, per, nper, pv, fv)) {
        ppmt_kernel(g, rate, per, nper, pv, fv, when)
    } else {
        f64::NAN
    }
}

/// [`ppmt`] on validated inputs.
#[inline]
fn ppmt_kernel(
    g: Option<Growth>,
    rate: f64,
    per: f64,
    nper: f64,
    pv: f64,
    fv: f64,
    when: When,
) -> f64 {
    let Some(g) = g else {
        return -(pv + fv) / nper;
    };
    let end = -(pv + fv) * g.share(per - 1.0);
    match when {
        When::End => end,
        When::Begin if per == 1.0 => pmt_kernel(Some(g), rate, nper, pv, fv, when),
        When::Begin => end / (1.0 + rate),
    }
}

/// The number of periods for payments `pmt` to take `pv` to `fv`.
///
/// `nper = ln((pmt (1 + rate when) / rate - fv) / (pmt (1 + rate when) / rate + pv)) /
/// ln(1 + rate)` (computed with `ln_1p`), and `-(fv + pv) / pmt` at a zero rate. The result
/// need not be an integer; it is negative when `fv` lies in the past of `pv` (the
/// spreadsheet convention, e.g. `nper(0.01, -100, -1000, 0) = -9.5786`).
///
/// Errors: `InvalidParameter` for a non-finite input or `rate <= -1`; `InvalidParameter`
/// naming `pmt` when no number of periods solves the equation (a zero payment at a zero
/// rate, or payments that never close the gap, where numpy-financial returns inf or NaN).
///
/// ```
/// use edgecore::finance::tvm::{nper, When};
/// // Months to repay 8,000 at 7 % a year with 150 a month.
/// let n = nper(0.07 / 12.0, -150.0, 8000.0, 0.0, When::End).unwrap();
/// assert!((n - 64.07334877).abs() < 1e-7);
/// ```
#[inline]
pub fn nper(rate: f64, pmt: f64, pv: f64, fv: f64, when: When) -> Result<f64> {
    inputs::check([
        Input::rate("rate", rate),
        Input::finite("pmt", pmt),
        Input::finite("pv", pv),
        Input::finite("fv", fv),
    ])?;
    let unsolvable = || Error::InvalidParameter {
        name: "pmt",
        value: pmt.to_string(),
        reason: "no number of periods takes pv to fv with this payment and rate",
    };
    let l = ln_1p(rate);
    let n = if l == 0.0 {
        -(fv + pv) / pmt
    } else {
        // ln((z - fv) / (z + pv)) = ln_1p(-(fv + pv) / (z + pv)), z = pmt (1 + r w) / r.
        let z = pmt * (1.0 + rate * when.factor()) / rate;
        let x = -(fv + pv) / (z + pv);
        if x.is_nan() || x <= -1.0 {
            return Err(unsolvable());
        }
        ln_1p(x) / l
    };
    if n.is_finite() {
        Ok(n)
    } else {
        Err(unsolvable())
    }
}

/// The annuity equation in a sign-preserving form, with its derivative in the rate: the
/// present-value form (the equation divided by `(1 + r)^n`) for `r >= 0`, the future-value
/// form for `r < 0`, so neither overflows.
fn annuity_equation(r: f64, n: f64, pmt: f64, pv: f64, fv: f64, w: f64) -> (f64, f64) {
    let l = ln_1p(r);
    let nl = n * l;
    let pay = pmt * (1.0 + r * w);
    // The factors are exact closed forms (n at r = 0); their derivatives cancel near r = 0,
    // where a two-term Taylor series takes over (the derivative only steers Newton).
    let small = nl.abs() < 1e-4;
    if r >= 0.0 {
        // g = pv + fv (1+r)^-n + pmt (1 + r w) a(r), a = (1 - (1+r)^-n) / r.
        let disc = exp(-nl);
        let a = if l == 0.0 { n } else { -exp_m1(-nl) / r };
        let da = if small {
            let c1 = n * (n + 1.0) / 2.0;
            -c1 + 2.0 * c1 * (n + 2.0) / 3.0 * r
        } else {
            (n * disc / (1.0 + r) - a) / r
        };
        let value = pv + fv * disc + pay * a;
        let slope = -n * fv * disc / (1.0 + r) + pmt * (w * a + (1.0 + r * w) * da);
        (value, slope)
    } else {
        // h = fv + pv (1+r)^n + pmt (1 + r w) s(r), s = ((1+r)^n - 1) / r.
        let growth = exp(nl);
        let s = if l == 0.0 { n } else { exp_m1(nl) / r };
        let ds = if small {
            let c1 = n * (n - 1.0) / 2.0;
            c1 + 2.0 * c1 * (n - 2.0) / 3.0 * r
        } else {
            (n * exp((n - 1.0) * l) - s) / r
        };
        let value = fv + pv * growth + pay * s;
        let slope = n * pv * exp((n - 1.0) * l) + pmt * (w * s + (1.0 + r * w) * ds);
        (value, slope)
    }
}

/// The rate per period at which payments `pmt` take `pv` to `fv` in `nper` periods.
///
/// Solves the annuity equation for `rate` with the shared solver: Newton's method from
/// `guess` (0.1 when `None`, as numpy-financial), then, if Newton fails, the bracketed root
/// nearest the guess. Converges to about 1e-13 (numpy-financial stops at 1e-6).
///
/// Errors: `InvalidParameter` for a non-finite input, `nper <= 0`, `guess <= -1`, or
/// `pmt`, `pv` and `fv` all zero (every rate solves it); `NoConvergence { method: "rate" }`
/// when no rate in (-1, inf) solves the equation (e.g. `pmt`, `pv` and `fv` of one sign,
/// where numpy-financial returns NaN).
///
/// ```
/// use edgecore::finance::tvm::{rate, When};
/// // 3,500 grows to 10,000 in 10 periods: (10000 / 3500)^(1/10) - 1.
/// let r = rate(10.0, 0.0, -3500.0, 10000.0, When::End, None).unwrap();
/// assert!((r - ((10000.0f64 / 3500.0).powf(0.1) - 1.0)).abs() < 1e-14);
/// ```
pub fn rate(nper: f64, pmt: f64, pv: f64, fv: f64, when: When, guess: Option<f64>) -> Result<f64> {
    let guess = guess.unwrap_or(0.1);
    inputs::check([
        Input::nper(nper),
        Input::finite("pmt", pmt),
        Input::finite("pv", pv),
        Input::finite("fv", fv),
        Input::rate("guess", guess),
    ])?;
    if pmt == 0.0 && pv == 0.0 && fv == 0.0 {
        return Err(Error::InvalidParameter {
            name: "pv",
            value: pv.to_string(),
            reason: "pmt, pv and fv are all zero: every rate solves the equation",
        });
    }
    let w = when.factor();
    solver::solve(
        "rate",
        |r| annuity_equation(r, nper, pmt, pv, fv, w).into(),
        guess,
    )
}

/// The inputs of [`cumipmt`] and [`cumprinc`], in signature order (rate, nper, pv, then the
/// span of periods): a rate per period, a whole number of periods of at least 1, a finite
/// `pv`, and `start..=end` within `1..=nper`.
fn check_cumulative(rate: f64, nper: u32, pv: f64, start: u32, end: u32) -> Result<()> {
    let bad = |name, value: u32, reason| Error::InvalidParameter {
        name,
        value: value.to_string(),
        reason,
    };
    inputs::check([Input::rate("rate", rate)])?;
    if nper == 0 {
        return Err(bad("nper", nper, "must be at least 1"));
    }
    inputs::check([Input::finite("pv", pv)])?;
    if start == 0 || start > end {
        return Err(bad("start", start, "must be between 1 and end"));
    }
    if end > nper {
        return Err(bad("end", end, "must be between start and nper"));
    }
    Ok(())
}

/// Principal repaid over periods `start..=end` of a loan `pv` over `nper` periods (`fv` 0):
/// the spreadsheet `CUMPRINC`.
///
/// Closed form for payments at the end: `-pv ((1 + r)^end - (1 + r)^(start - 1)) /
/// ((1 + r)^nper - 1)`; at the beginning, period 1 repays the whole payment and later periods
/// the end value divided by `1 + r`. It equals the sum of [`ppmt`] over the periods. Sign
/// convention as [`pmt`]: negative for a loan received (`pv > 0`). Spreadsheets reject
/// `rate <= 0` and `pv <= 0`; here a zero rate gives the exact `-pv (end - start + 1) /
/// nper` and a negative `pv` the mirrored amounts.
///
/// Errors: `InvalidParameter` for a non-finite input, `rate <= -1`, `nper == 0`,
/// `start == 0`, `start > end`, `end > nper`, or a result that overflows.
///
/// ```
/// use edgecore::finance::tvm::{cumprinc, When};
/// // Principal repaid in the second year of a 30-year 125,000 mortgage at 9 %.
/// let p = cumprinc(0.09 / 12.0, 360, 125_000.0, 13, 24, When::End).unwrap();
/// assert!((p + 934.1071234).abs() < 1e-6);
/// ```
pub fn cumprinc(rate: f64, nper: u32, pv: f64, start: u32, end: u32, when: When) -> Result<f64> {
    check_cumulative(rate, nper, pv, start, end)?;
    finite_result(
        "cumprinc",
        cumprinc_kernel(rate, nper, pv, start, end, when),
    )
}

/// [`cumprinc`] on validated inputs.
fn cumprinc_kernel(rate: f64, nper: u32, pv: f64, start: u32, end: u32, when: When) -> f64 {
    let n = f64::from(nper);
    let growth = Growth::new(rate, n);
    let Some(g) = growth else {
        return -pv * f64::from(end - start + 1) / n;
    };
    // Sum of end-of-period principal over periods first..=end.
    let end_sum = |first: u32| -pv * g.ratio(f64::from(first - 1), f64::from(end - first + 1));
    match when {
        When::End => end_sum(start),
        When::Begin => {
            let later = if end >= 2 {
                end_sum(start.max(2)) / (1.0 + rate)
            } else {
                0.0
            };
            let first = if start == 1 {
                pmt_kernel(growth, rate, n, pv, 0.0, when)
            } else {
                0.0
            };
            first + later
        }
    }
}

/// Interest paid over periods `start..=end` of a loan `pv` over `nper` periods (`fv` 0):
/// the spreadsheet `CUMIPMT`.
///
/// `cumipmt = (end - start + 1) pmt - cumprinc`, the sum of [`ipmt`] over the periods. Sign
/// convention, domain and errors as [`cumprinc`] (zero at a zero rate).
///
/// ```
/// use edgecore::finance::tvm::{cumipmt, When};
/// // Interest paid in the second year of a 30-year 125,000 mortgage at 9 %.
/// let i = cumipmt(0.09 / 12.0, 360, 125_000.0, 13, 24, When::End).unwrap();
/// assert!((i + 11135.23213).abs() < 1e-5);
/// ```
pub fn cumipmt(rate: f64, nper: u32, pv: f64, start: u32, end: u32, when: When) -> Result<f64> {
    check_cumulative(rate, nper, pv, start, end)?;
    if ln_1p(rate) == 0.0 {
        return Ok(0.0);
    }
    let n = f64::from(nper);
    let payments =
        f64::from(end - start + 1) * pmt_kernel(Growth::new(rate, n), rate, n, pv, 0.0, when);
    let principal = cumprinc_kernel(rate, nper, pv, start, end, when);
    finite_result("cumipmt", payments - principal)
}

/// Checks a compounding frequency: at least one period a year.
fn check_periods_per_year(periods: u32) -> Result<f64> {
    if periods == 0 {
        Err(Error::InvalidParameter {
            name: "periods",
            value: periods.to_string(),
            reason: "must be at least 1 compounding period per year",
        })
    } else {
        Ok(f64::from(periods))
    }
}

/// The effective annual rate of a nominal annual rate compounded `periods` times a year:
/// `(1 + nominal / periods)^periods - 1` (the spreadsheet `EFFECT`), computed as
/// `exp_m1(periods ln_1p(nominal / periods))`. Rates are fractions.
///
/// Errors: `InvalidParameter` for `periods == 0`, a non-finite `nominal`,
/// `nominal / periods <= -1`, or a result that overflows. (Spreadsheets also reject
/// `nominal <= 0`; negative rates are accepted here.)
///
/// ```
/// use edgecore::finance::tvm::effective_rate;
/// assert!((effective_rate(0.0525, 4).unwrap() - 0.053542667).abs() < 1e-9);
/// ```
pub fn effective_rate(nominal: f64, periods: u32) -> Result<f64> {
    check::finite("nominal", nominal)?;
    let p = check_periods_per_year(periods)?;
    let per_period = check_rate("nominal", nominal / p).map_err(|_| Error::InvalidParameter {
        name: "nominal",
        value: nominal.to_string(),
        reason: "must be finite and greater than -periods",
    })?;
    finite_result("effective_rate", exp_m1(p * ln_1p(per_period)))
}

/// The nominal annual rate compounded `periods` times a year whose effective annual rate is
/// `effective`: `periods ((1 + effective)^(1 / periods) - 1)` (the spreadsheet `NOMINAL`).
/// Rates are fractions.
///
/// Errors: `InvalidParameter` for `periods == 0` or `effective` non-finite or `<= -1`.
///
/// ```
/// use edgecore::finance::tvm::nominal_rate;
/// assert!((nominal_rate(0.053543, 4).unwrap() - 0.05250032).abs() < 1e-8);
/// ```
pub fn nominal_rate(effective: f64, periods: u32) -> Result<f64> {
    check_rate("effective", effective)?;
    let p = check_periods_per_year(periods)?;
    finite_result("nominal_rate", p * exp_m1(ln_1p(effective) / p))
}

#[cfg(test)]
mod tests;
