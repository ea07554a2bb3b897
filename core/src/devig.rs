//! De-vig: the fair probabilities hidden in a bookmaker's prices.
//!
//! A market's decimal prices `o_i` imply probabilities `q_i = 1/o_i` whose sum, the booksum
//! `B = sum(q_i)`, exceeds the `target` (1 for a one-winner market, `k` for a market with `k`
//! winners) by the bookmaker's margin `M = B - target`. Each method removes the margin under
//! its own assumption about how the bookmaker spread it over the outcomes, and returns
//! probabilities `p_i` that sum to the target.
//!
//! | method | model | parameter |
//! |---|---|---|
//! | `multiplicative` | `p_i = q_i T / B` (basic normalisation) | the factor `T / B` |
//! | `additive` (`wpo`, `differential_margin_weighting`) | `p_i = q_i - M / n` | the shift `M / n` |
//! | `power` | `p_i = q_i^k` | the exponent `k` |
//! | `shin` | Shin (1992, 1993) insider-trading model | the insider share `z` |
//! | `odds_ratio` | `q_i = c p_i / (1 - p_i + c p_i)`, Cheung (2015) | the odds ratio `c` |
//! | `balanced_book` | Fingleton & Waldron (1999) | the insider share `z` |
//! | `jensen_shannon` | every `p_i` at one Jensen–Shannon distance from `q_i` | the distance `d` |
//!
//! The definitions follow the R package `implied` (methods `basic`, `additive`, `wpo`,
//! `power`, `shin`, `or`, `bb`, `jsd`) and the Python packages `shin` and `penaltyblog`.
//!
//! `wpo` ("margin weights proportional to the odds", Buchdahl, *The Wisdom of the Crowd*)
//! and `differential_margin_weighting` (penaltyblog) are accepted names for the additive
//! formula because they are the same formula: both compute the fair odds
//! `n o_i / (n - M o_i)`, whose inverse is `(n - M o_i) / (n o_i) = q_i - M / n`. The name
//! refers to the margin each outcome carries relative to its fair price, `M f_i / n` with
//! `f_i = 1 / p_i` the fair odds, which is proportional to the odds; the probability removed
//! is the same `M / n` for every outcome.
//!
//! Two-way Shin has an exact closed form: for `n = 2` its probabilities are the additive
//! ones and `z` follows without iteration (see [`DevigMethod::Shin`]).
//!
//! Numerics: closed forms are exact to rounding; `power`, `odds_ratio`, `shin` (`n >= 3`)
//! and `jensen_shannon` solve one equation in their parameter with Newton's method
//! safeguarded by a bracket and bisection, until `|sum(p_i) - target|` is at most
//! `max(1e-13, 4 n ε) max(1, target)` (ε the machine epsilon: `1e-13` for every realistic
//! market). A solver that cannot reach that tolerance in 100 iterations returns
//! `NoConvergence`, never an approximate answer.
//!
//! Negative margins (best prices taken across bookmakers): `multiplicative`, `additive`,
//! `power` and `odds_ratio` are defined for them and scale, shift or bend the probabilities
//! up. `shin` and `balanced_book` give `NegativeMargin`, because their parameter `z` is a
//! share of insider money and would be negative; `jensen_shannon` gives `NegativeMargin`
//! because it moves each probability down from `q_i` (as its reference definition does).
//! A fair book (`B` equal to the target, to within the rounding of the sum:
//! `|M| <= 4 n ε max(1, target)`) comes back unchanged (`p_i = q_i`) by every method, with
//! the method's neutral parameter (1 for `multiplicative`, `power` and `odds_ratio`, 0 for
//! the others) and 0 iterations.

use crate::check;
use crate::error::{Error, Result};
use crate::names::named_enum;
use crate::par::*;
pub use crate::progress::PROGRESS_CHUNK;
use crate::progress::{Progress, ProgressFn, Ticker};
use serde::{Deserialize, Serialize};

named_enum! {
    /// How the margin is removed; see the [module documentation](self) for the formulas.
    pub enum DevigMethod ("devig method") {
        /// Basic normalisation: `p_i = T q_i / B`. Closed form; parameter `T / B`. Defined
        /// for any margin.
        Multiplicative = "multiplicative",
        /// The same margin removed from every outcome: `p_i = q_i - (B - T) / n`. Closed
        /// form; parameter the shift `(B - T) / n`. Also accepted as `wpo` and
        /// `differential_margin_weighting`, which are the same formula (see the module
        /// documentation). Defined for any margin; a long shot whose `q_i` is not above
        /// the shift gives `NegativeProbability`.
        Additive = "additive" | "wpo" | "differential_margin_weighting",
        /// `p_i = q_i^k` with `k` solved so that the probabilities sum to the target
        /// (`k > 1` for a positive margin, `0 < k < 1` for a negative one). Parameter `k`.
        /// R `implied` reports the inverse exponent `1/k`.
        Power = "power",
        /// Shin's model of a bookmaker facing a share `z` of insiders:
        /// `p_i = (sqrt(z^2 + 4 (1 - z) q_i^2 / B) - z) / (2 (1 - z))` with `z` in [0, 1)
        /// solved so that the probabilities sum to 1. For `n = 2` the exact closed form
        /// `p_i = (1 + q_i - q_j) / 2`, `z = (B - 1)(B - D^2) / (B (1 - D^2))` with
        /// `D = q_1 - q_2`, is used (no iteration, no division by `n - 2`); for `n >= 3` a
        /// safeguarded Newton solver on `z` (the root of the Jullien–Salanié fixed point,
        /// to full precision). For a target `T` other than 1 the model is applied to
        /// `q_i / T` and the result multiplied by `T` (two-way: `p_i = (T + q_i - q_j) / 2`),
        /// so a fair book stays unchanged; R `implied` instead solves the unscaled formula
        /// for a sum of `T`, which agrees at `T = 1`. Parameter `z`. A negative margin
        /// gives `NegativeMargin`.
        Shin = "shin",
        /// `p_i = q_i / (c + q_i - c q_i)`: the bookmaker's odds are the fair odds times a
        /// common odds ratio `c`, solved so that the probabilities sum to the target
        /// (`c > 1` for a positive margin, `0 < c < 1` for a negative one). Parameter `c`.
        OddsRatio = "odds_ratio",
        /// Fingleton & Waldron's balanced book (R `implied` method `bb`, gross margin 0):
        /// `z = (B - T) / (n - T)`, `p_i = (q_i - z) / (1 - z)`. Closed form; parameter
        /// `z`. A negative margin gives `NegativeMargin`; a long shot with `q_i <= z`
        /// gives `NegativeProbability`.
        BalancedBook = "balanced_book",
        /// Every `p_i` lies below `q_i` at the same Jensen–Shannon distance `d` between the
        /// two-outcome distributions `(p_i, 1 - p_i)` and `(q_i, 1 - q_i)` (natural
        /// logarithms), with `d` solved so that the probabilities sum to the target (R
        /// `implied` method `jsd`, after C. D. Long). Parameter `d`. A negative margin
        /// gives `NegativeMargin`; a book so long that some `p_i` would reach 0 gives
        /// `NegativeProbability`.
        JensenShannon = "jensen_shannon",
    }
}

impl DevigMethod {
    /// The parameter of a fair book, where the method changes nothing.
    const fn neutral(self) -> f64 {
        match self {
            DevigMethod::Multiplicative | DevigMethod::Power | DevigMethod::OddsRatio => 1.0,
            DevigMethod::Additive
            | DevigMethod::Shin
            | DevigMethod::BalancedBook
            | DevigMethod::JensenShannon => 0.0,
        }
    }
}

/// A de-vigged market.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Devig {
    /// The method used.
    pub method: DevigMethod,
    /// Fair probabilities (fractions), in the order of the prices, summing to the target.
    pub probabilities: Vec<f64>,
    /// Fair decimal odds, `1 / p_i`.
    pub fair_odds: Vec<f64>,
    /// The margin relative to the target, `sum(1/o_i) - target` (the overround when the
    /// target is 1); negative for a book built from best prices.
    pub margin: f64,
    /// The method's parameter: `T / B` (multiplicative), the shift `(B - T) / n`
    /// (additive), `k` (power), `z` (shin, balanced book), `c` (odds ratio), the
    /// Jensen–Shannon distance `d` (jensen_shannon).
    pub parameter: f64,
    /// Solver iterations (function evaluations); 0 for closed forms and fair books.
    pub iterations: u32,
}

/// What the kernel reports besides the probabilities it writes.
#[derive(Debug, Clone, Copy)]
struct Solved {
    margin: f64,
    parameter: f64,
    iterations: u32,
}

/// Maximum iterations of every solver.
const MAX_ITERATIONS: u32 = 100;

/// Markets up to this many outcomes need no allocation for the scratch row of [`devig`].
const STACK_OUTCOMES: usize = 32;

/// Markets from which `devig_batch` runs in parallel, and markets per parallel block.
const PARALLEL_MIN_MARKETS: usize = 4096;
const BLOCK_MARKETS: usize = 1024;

/// The last point a solver evaluated, the function's value there and the evaluations made.
#[derive(Debug, Clone, Copy)]
struct Root {
    x: f64,
    residual: f64,
    iterations: u32,
}

/// Safeguarded Newton for a decreasing function on `[lo, hi]` with `f(lo) >= 0 >= f(hi)`
/// (the bounds themselves need not be evaluable). `f` returns the value and the derivative.
/// Stops when `|f(x)| <= ftol`, when the Newton step from `x` is at most `xtol`, when the
/// bracket can no longer be split, or after `MAX_ITERATIONS`; returns the last evaluated
/// point (not the final tiny step), so a caller
/// that writes into a buffer inside `f` finds the buffer matching `x`.
fn solve(
    mut f: impl FnMut(f64) -> (f64, f64),
    mut lo: f64,
    mut hi: f64,
    mut x: f64,
    ftol: f64,
    xtol: f64,
) -> Root {
    let mut root = Root {
        x,
        residual: f64::NAN,
        iterations: 0,
    };
    while root.iterations < MAX_ITERATIONS {
        let (fx, slope) = f(x);
        root = Root {
            x,
            residual: fx,
            iterations: root.iterations + 1,
        };
        // Also stops on NaN, which the caller then reports as no convergence.
        if fx.is_nan() || fx.abs() <= ftol {
            break;
        }
        if fx > 0.0 {
            lo = x;
        } else {
            hi = x;
        }
        let newton = x - fx / slope;
        if slope.is_finite() && (newton - x).abs() <= xtol {
            break;
        }
        let next = if newton > lo && newton < hi {
            newton
        } else {
            lo + 0.5 * (hi - lo)
        };
        if next <= lo || next >= hi {
            break;
        }
        x = next;
    }
    root
}

/// The solver's answer, or `NoConvergence` when the constraint is not met to `ftol`.
fn converged(root: Root, ftol: f64, method: DevigMethod) -> Result<(f64, u32)> {
    if root.residual.abs() <= ftol {
        Ok((root.x, root.iterations))
    } else {
        Err(Error::NoConvergence {
            method: method.as_str(),
            iterations: root.iterations,
        })
    }
}

/// Checks what does not depend on the prices: at least 2 outcomes, a target in (0, n).
fn check_shape(what: &'static str, width: usize, target: f64) -> Result<()> {
    if width < 2 {
        return Err(Error::EmptyMarket {
            what,
            min: 2,
            len: width,
        });
    }
    check::parameter(
        "target",
        target,
        |t| t > 0.0 && t < width as f64,
        "must be finite, > 0 and < the number of outcomes",
    )?;
    Ok(())
}

/// De-vigs one market whose shape (`odds.len() >= 2`, valid target) is already checked:
/// validates the prices, writes the probabilities into `out` and uses `scratch` (both of
/// the market's length) for the implied probabilities. Shared by [`devig`] and the batch.
#[inline(always)]
fn kernel(
    odds: &[f64],
    method: DevigMethod,
    target: f64,
    out: &mut [f64],
    scratch: &mut [f64],
) -> Result<Solved> {
    // Branch-free over the prices; the first invalid one is looked up only on failure.
    let mut booksum = 0.0;
    let mut valid = true;
    for (q, &o) in scratch.iter_mut().zip(odds) {
        valid &= check::odds(o).is_ok();
        *q = 1.0 / o;
        booksum += *q;
    }
    if !valid {
        check::market("devig", odds, 0)?;
    }
    let margin = booksum - target;
    let n = odds.len() as f64;
    // Rounding noise of a sum of n terms near the target.
    let noise = 4.0 * n * f64::EPSILON * target.max(1.0);
    let ftol = noise.max(1e-13 * target.max(1.0));
    let (parameter, iterations) = if margin.abs() <= noise {
        out.copy_from_slice(scratch);
        (method.neutral(), 0)
    } else {
        if margin < 0.0
            && matches!(
                method,
                DevigMethod::Shin | DevigMethod::BalancedBook | DevigMethod::JensenShannon
            )
        {
            return Err(Error::NegativeMargin {
                method: method.as_str(),
                margin,
            });
        }
        let q: &[f64] = scratch;
        match method {
            DevigMethod::Multiplicative => {
                let factor = target / booksum;
                out.iter_mut().zip(q).for_each(|(p, &q)| *p = q * factor);
                (factor, 0)
            }
            DevigMethod::Additive => {
                let shift = margin / n;
                out.iter_mut().zip(q).for_each(|(p, &q)| *p = q - shift);
                (shift, 0)
            }
            DevigMethod::BalancedBook => {
                let z = margin / (n - target);
                let scale = 1.0 / (1.0 - z);
                out.iter_mut()
                    .zip(q)
                    .for_each(|(p, &q)| *p = (q - z) * scale);
                (z, 0)
            }
            DevigMethod::Power => power(scratch, target, margin, ftol, out)?,
            DevigMethod::OddsRatio => odds_ratio(q, target, margin, ftol, out)?,
            DevigMethod::Shin => shin(q, target, booksum, ftol, out)?,
            DevigMethod::JensenShannon => jensen_shannon(q, target, margin, ftol, out)?,
        }
    };
    // One branch-free test over the market (false for NaN); the failing outcome is looked
    // up only when it fails.
    let in_range = out
        .iter()
        .fold(true, |ok, p| ok & (f64::MIN_POSITIVE..=1.0).contains(p));
    if !in_range {
        check_probabilities(method, out)?;
    }
    Ok(Solved {
        margin,
        parameter,
        iterations,
    })
}

/// The error of the first probability that is not positive (below the smallest normal float,
/// whose fair odds 1/p would overflow, or NaN) or above 1.
#[cold]
fn check_probabilities(method: DevigMethod, out: &[f64]) -> Result<()> {
    for (outcome, &p) in out.iter().enumerate() {
        if p.is_nan() || p < f64::MIN_POSITIVE {
            return Err(Error::NegativeProbability {
                method: method.as_str(),
                outcome,
                value: p,
            });
        }
        if p > 1.0 {
            return Err(Error::InvalidProbability { value: p });
        }
    }
    Ok(())
}

/// Power: `p_i = q_i^k = exp(k ln q_i)`, `F(k) = sum(q_i^k) - T` is convex and decreasing
/// in `k`. Turns the implied probabilities in `q` into their logarithms.
fn power(
    q: &mut [f64],
    target: f64,
    margin: f64,
    ftol: f64,
    out: &mut [f64],
) -> Result<(f64, u32)> {
    let n = q.len() as f64;
    let mut max_log = f64::NEG_INFINITY;
    for q in q.iter_mut() {
        *q = q.ln();
        max_log = max_log.max(*q);
    }
    let logs: &[f64] = q;
    let (lo, hi) = if margin > 0.0 {
        // sum(q^k) <= n max(q)^k, which is the target at k = ln(T/n) / ln(max q).
        (1.0, (target / n).ln() / max_log)
    } else {
        // F(0) = n - T > 0.
        (0.0, 1.0)
    };
    let root = solve(
        |k| {
            let (mut sum, mut slope) = (0.0, 0.0);
            for (p, &log) in out.iter_mut().zip(logs) {
                *p = (k * log).exp();
                sum += *p;
                slope += log * *p;
            }
            (sum - target, slope)
        },
        lo,
        hi,
        1.0,
        ftol,
        0.0,
    );
    converged(root, ftol, DevigMethod::Power)
}

/// Odds ratio: `p_i = q_i / (q_i + c (1 - q_i))`, convex and decreasing in `c`.
fn odds_ratio(
    q: &[f64],
    target: f64,
    margin: f64,
    ftol: f64,
    out: &mut [f64],
) -> Result<(f64, u32)> {
    let (lo, hi) = if margin > 0.0 {
        // p_i < q_i / (c (1 - q_i)), so the sum is below the target from c = S / T.
        let s: f64 = q.iter().map(|&q| q / (1.0 - q)).sum();
        (1.0, s / target)
    } else {
        // At c = 0 every p_i is 1 and the sum n exceeds the target.
        (0.0, 1.0)
    };
    let root = solve(
        |c| {
            let (mut sum, mut slope) = (0.0, 0.0);
            for (p, &q) in out.iter_mut().zip(q) {
                let rest = 1.0 - q;
                let den = 1.0 / (q + c * rest);
                *p = q * den;
                sum += *p;
                slope -= *p * rest * den;
            }
            (sum - target, slope)
        },
        lo,
        hi,
        1.0,
        ftol,
        0.0,
    );
    converged(root, ftol, DevigMethod::OddsRatio)
}

/// Shin on the implied probabilities scaled to the target (`q_i / T`, booksum `B / T`),
/// probabilities scaled back by `T`. The margin is known to be positive here.
fn shin(q: &[f64], target: f64, booksum: f64, ftol: f64, out: &mut [f64]) -> Result<(f64, u32)> {
    let b = booksum / target;
    if let ([q1, q2], [p1, p2]) = (q, &mut *out) {
        // Closed form: the two-way Shin probabilities are the additive ones.
        let d = (q1 - q2) / target;
        *p1 = 0.5 * (target + q1 - q2);
        *p2 = 0.5 * (target - q1 + q2);
        let z = (b - 1.0) * (b - d * d) / (b * (1.0 - d * d));
        return Ok((z, 0));
    }
    // a_i = 4 (q_i / T)^2 / (B / T) = k q_i^2.
    let k = 4.0 / (target * booksum);
    // Start from the first Newton step from z = 0, in closed form: there every p_i / T is
    // q_i / sqrt(T B), so sum(p_i) / T = sqrt(b) with slope (sqrt(b) - n) / 2, and the step
    // lands on 2 (sqrt(b) - 1) / (n - sqrt(b)). This saves the solver one evaluation.
    let root_b = b.sqrt();
    let step = 2.0 * (root_b - 1.0) / (q.len() as f64 - root_b);
    let start = if step > 0.0 && step < 1.0 { step } else { 0.0 };
    let root = solve(
        |z| {
            let u = 1.0 - z;
            let half_u = 0.5 / u;
            let (mut sum, mut slope) = (0.0, 0.0);
            for (p, &q) in out.iter_mut().zip(q) {
                let a = k * q * q;
                let s = (z * z + u * a).sqrt();
                let scaled = (s - z) * half_u;
                let ds = (z - 0.5 * a) / s;
                *p = target * scaled;
                sum += *p;
                slope += ((ds - 1.0) + scaled * 2.0) * half_u;
            }
            (sum - target, target * slope)
        },
        0.0,
        1.0,
        start,
        ftol,
        0.0,
    );
    converged(root, ftol, DevigMethod::Shin)
}

/// `(1 + r) ln(1 + r) + (1 - r) ln(1 - r)` for `r` in [-1, 1], written as
/// `ln(1 - r^2) + 2 r atanh(r)` so that it keeps its relative accuracy for small `r` (it
/// behaves as `r^2`); `2 ln 2` at `|r| = 1`.
fn phi(r: f64) -> f64 {
    if r.abs() >= 1.0 {
        2.0 * std::f64::consts::LN_2
    } else {
        (-r * r).ln_1p() + 2.0 * r * r.atanh()
    }
}

/// Jensen–Shannon divergence (natural logarithms) between the two-outcome distributions
/// `(p, 1-p)` and `(q, 1-q)`. With `m = (p + q)/2` and `h = (p - q)/2` it is
/// `(m phi(h/m) + (1 - m) phi(h/(1 - m))) / 2`, accurate to a few ulps even when `p` is
/// close to `q`.
fn js_divergence(p: f64, q: f64) -> f64 {
    let (half_gap, m) = (0.5 * (p - q), 0.5 * (p + q));
    0.5 * (m * phi(half_gap / m) + (1.0 - m) * phi(half_gap / (1.0 - m)))
}

/// Derivative of [`js_divergence`] in `p`: `ln(p (1 - m) / ((1 - p) m)) / 2`.
fn js_slope(p: f64, q: f64) -> f64 {
    let (half_gap, m) = (0.5 * (p - q), 0.5 * (p + q));
    0.5 * ((half_gap / m).ln_1p() - (-half_gap / (1.0 - m)).ln_1p())
}

/// The probability `p <= q` at Jensen–Shannon divergence `divergence` below `q`; 0 when the
/// divergence reaches that of `p = 0`.
fn js_probability(q: f64, divergence: f64) -> f64 {
    if divergence <= 0.0 {
        return q;
    }
    if divergence >= js_divergence(0.0, q) {
        return 0.0;
    }
    // Near q the divergence is (p - q)^2 / (8 q (1 - q)).
    let start = (q - (8.0 * divergence * q * (1.0 - q)).sqrt()).clamp(0.0, q);
    let root = solve(
        |p| (js_divergence(p, q) - divergence, js_slope(p, q)),
        0.0,
        q,
        start,
        4.0 * f64::EPSILON * divergence,
        2.0 * f64::EPSILON * q,
    );
    root.x
}

/// Jensen–Shannon: one distance `d` for every outcome, solved on `sum(p_i(d)) = T`.
fn jensen_shannon(
    q: &[f64],
    target: f64,
    margin: f64,
    ftol: f64,
    out: &mut [f64],
) -> Result<(f64, u32)> {
    // The largest distance keeps every p_i >= 0; beyond it the longest shot would need a
    // negative probability.
    let (longest, floor) = q
        .iter()
        .enumerate()
        .map(|(i, &q)| (i, js_divergence(0.0, q)))
        .fold((0, f64::INFINITY), |a, b| if b.1 < a.1 { b } else { a });
    let at_floor: f64 = q.iter().map(|&q| js_probability(q, floor)).sum::<f64>();
    if at_floor >= target {
        return Err(Error::NegativeProbability {
            method: DevigMethod::JensenShannon.as_str(),
            outcome: longest,
            value: 0.0,
        });
    }
    let hi = floor.sqrt();
    let spread: f64 = q.iter().map(|&q| (8.0 * q * (1.0 - q)).sqrt()).sum();
    let guess = margin / spread;
    let start = if guess < hi { guess } else { 0.5 * hi };
    let root = solve(
        |d| {
            let (mut sum, mut slope) = (0.0, 0.0);
            for (p, &q) in out.iter_mut().zip(q) {
                *p = js_probability(q, d * d);
                sum += *p;
                let ds = js_slope(*p, q);
                slope += if ds == 0.0 {
                    // d -> 0: p = q - d sqrt(8 q (1 - q)).
                    -(8.0 * q * (1.0 - q)).sqrt()
                } else if ds.is_finite() {
                    2.0 * d / ds
                } else {
                    0.0
                };
            }
            (sum - target, slope)
        },
        0.0,
        hi,
        start,
        ftol,
        0.0,
    );
    converged(root, ftol, DevigMethod::JensenShannon)
}

/// De-vigs one market: fair probabilities summing to `target` (1 for a one-winner market,
/// `k` for `k` winners), fair odds, margin and the method's parameter.
///
/// Errors: `EmptyMarket` for fewer than 2 prices; `InvalidOdds` for a price that is not
/// finite and > 1; `InvalidParameter` for a target that is not finite, > 0 and below the
/// number of prices; `NegativeMargin` for a book with a negative margin under `shin`,
/// `balanced_book` or `jensen_shannon`; `NegativeProbability` (naming the outcome's index)
/// when the method would give an outcome a probability that is not positive (below the
/// smallest normal float, whose fair odds would overflow); `InvalidProbability` when it would
/// give one above 1 (a negative margin with a target above 1); `NoConvergence` when a solver
/// fails (see the module documentation).
///
/// ```
/// use edgecore::devig::{devig, DevigMethod};
/// // R package `implied`, documentation example.
/// let d = devig(&[4.2, 3.7, 1.95], DevigMethod::Shin, 1.0).unwrap();
/// assert!((d.probabilities[0] - 0.231572).abs() < 1e-6);
/// assert!((d.parameter - 0.01060805).abs() < 1e-6);
/// assert!((d.probabilities.iter().sum::<f64>() - 1.0).abs() < 1e-12);
/// let m: DevigMethod = "wpo".parse().unwrap();
/// assert_eq!(m, DevigMethod::Additive);
/// ```
pub fn devig(odds: &[f64], method: DevigMethod, target: f64) -> Result<Devig> {
    check_shape("devig", odds.len(), target)?;
    let mut probabilities = vec![0.0; odds.len()];
    // Scratch on the stack for common market sizes; one allocation beyond.
    let mut stack = [0.0; STACK_OUTCOMES];
    let mut heap = Vec::new();
    let scratch = match stack.get_mut(..odds.len()) {
        Some(s) => s,
        None => {
            heap.resize(odds.len(), 0.0);
            heap.as_mut_slice()
        }
    };
    let solved = kernel(odds, method, target, &mut probabilities, scratch)?;
    let fair_odds = probabilities.iter().map(|p| 1.0 / p).collect();
    Ok(Devig {
        method,
        probabilities,
        fair_odds,
        margin: solved.margin,
        parameter: solved.parameter,
        iterations: solved.iterations,
    })
}

/// De-vigs many markets of `width` prices each, stored row-major in `odds` (market `m` is
/// `odds[m * width..(m + 1) * width]`), and returns their probabilities in the same shape.
/// Each market gives exactly what [`devig`] gives for it. See [`devig_batch_into`] for the
/// errors; an empty `odds` gives an empty result.
///
/// ```
/// use edgecore::devig::{devig_batch, DevigMethod};
/// let p = devig_batch(&[2.0, 2.0, 1.5, 2.74], 2, DevigMethod::Multiplicative, 1.0).unwrap();
/// assert_eq!(p.len(), 4);
/// assert_eq!(p[0], 0.5);
/// ```
pub fn devig_batch(
    odds: &[f64],
    width: usize,
    method: DevigMethod,
    target: f64,
) -> Result<Vec<f64>> {
    let mut out = vec![0.0; odds.len()];
    devig_batch_into(odds, width, method, target, &mut out)?;
    Ok(out)
}

/// [`devig_batch`] writing into a caller's buffer of the same length as `odds`. Runs in
/// parallel (rayon) from 4096 markets; allocates one scratch row per block of markets,
/// never per market.
///
/// Errors: `EmptyMarket` for `width < 2`; `InvalidParameter` for a target that is not
/// finite, > 0 and below `width`, or a `width` that does not divide `odds.len()`;
/// `LengthMismatch` when `out` and `odds` differ in length; then the first failing market's
/// error as [`devig`] reports it, except that the `outcome` of `NegativeProbability` is the
/// flat index into `odds` (`market * width + outcome`). On error `out` holds unspecified
/// values.
///
/// ```
/// use edgecore::devig::{devig_batch_into, DevigMethod};
/// let mut out = [0.0; 3];
/// devig_batch_into(&[4.2, 3.7, 1.95], 3, DevigMethod::Power, 1.0, &mut out).unwrap();
/// assert!((out[2] - 0.50579492).abs() < 1e-8);
/// ```
pub fn devig_batch_into(
    odds: &[f64],
    width: usize,
    method: DevigMethod,
    target: f64,
    out: &mut [f64],
) -> Result<()> {
    batch_into(odds, width, method, target, out, None)
}

/// [`devig_batch`] that reports its progress in markets: `progress(done, total)` is called
/// after about every [`PROGRESS_CHUNK`] markets and once more when the last one is de-vigged,
/// with `done` strictly increasing and the last call being `(total, total)` (`total` is
/// `odds.len() / width`). Calls may come from several threads but never at the same time.
/// The shape of every long batch's progress form (see
/// [`crate::risk::risk_score_batch_with_progress`]). Results and errors are
/// [`devig_batch`]'s, the flat index of a `NegativeProbability` included; a batch whose shape
/// is refused, or an empty one, makes no call. A panic in `progress` propagates to the
/// caller.
///
/// ```
/// use edgecore::devig::{devig_batch_with_progress, DevigMethod};
/// use std::sync::Mutex;
/// let odds = vec![2.0; 2 * 10_000];
/// let seen = Mutex::new(Vec::new());
/// let report = |done: usize, total: usize| seen.lock().unwrap().push((done, total));
/// let p = devig_batch_with_progress(&odds, 2, DevigMethod::Shin, 1.0, &report).unwrap();
/// assert_eq!(p[0], 0.5);
/// assert_eq!(seen.lock().unwrap().last(), Some(&(10_000, 10_000)));
/// ```
pub fn devig_batch_with_progress(
    odds: &[f64],
    width: usize,
    method: DevigMethod,
    target: f64,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Vec<f64>> {
    let mut out = vec![0.0; odds.len()];
    batch_into(odds, width, method, target, &mut out, Some(progress))?;
    Ok(out)
}

/// The one kernel of the batch forms: checks the shape, then de-vigs block after block of
/// [`BLOCK_MARKETS`] markets (in parallel from [`PARALLEL_MIN_MARKETS`]), reporting each
/// block done to `progress`.
fn batch_into(
    odds: &[f64],
    width: usize,
    method: DevigMethod,
    target: f64,
    out: &mut [f64],
    progress: Option<ProgressFn<'_>>,
) -> Result<()> {
    check_shape("devig_batch", width, target)?;
    if odds.len() % width != 0 {
        return Err(Error::InvalidParameter {
            name: "width",
            value: width.to_string(),
            reason: "must divide the number of prices",
        });
    }
    check::same_len("out", out.len(), "odds", odds.len())?;
    if odds.is_empty() {
        // No market: nothing to do, and no scratch of a (possibly huge) width to reserve.
        return Ok(());
    }
    let run = |first_market: usize, odds: &[f64], out: &mut [f64]| -> Result<()> {
        if width == 3 {
            // The common three-way market: the kernel compiled for a known width, so that its
            // loops unroll and the scratch row lives on the stack.
            markets(odds, 3, method, target, out, &mut [0.0; 3], first_market)
        } else {
            markets(
                odds,
                width,
                method,
                target,
                out,
                &mut vec![0.0; width],
                first_market,
            )
        }
    };
    let total = odds.len() / width;
    let shared = progress.map(|report| Progress::new(report, total));
    let block = BLOCK_MARKETS.saturating_mul(width);
    let one_block = |ticker: &mut Ticker<'_, '_>, (b, (o, p)): (usize, (&[f64], &mut [f64]))| {
        let result = run(b * BLOCK_MARKETS, o, p);
        ticker.advance(o.len() / width);
        result
    };
    if total >= PARALLEL_MIN_MARKETS {
        let results: Vec<Result<()>> = odds
            .par_chunks(block)
            .zip(out.par_chunks_mut(block))
            .enumerate()
            .map_init(|| Ticker::new(shared.as_ref()), one_block)
            .collect();
        // The first failing block in order, so the error does not depend on scheduling.
        results.into_iter().collect()
    } else if shared.is_some() {
        let mut ticker = Ticker::new(shared.as_ref());
        odds.chunks(block)
            .zip(out.chunks_mut(block))
            .enumerate()
            .try_for_each(|item| one_block(&mut ticker, item))
    } else {
        run(0, odds, out)
    }
}

/// De-vigs consecutive markets of `width` prices (the first being market `first_market` of
/// the batch) with [`kernel`], using `scratch` (of length `width`). Inlined into each caller so
/// that a constant width specialises the kernel.
#[inline(always)]
fn markets(
    odds: &[f64],
    width: usize,
    method: DevigMethod,
    target: f64,
    out: &mut [f64],
    scratch: &mut [f64],
    first_market: usize,
) -> Result<()> {
    for (m, (o, p)) in odds
        .chunks_exact(width)
        .zip(out.chunks_exact_mut(width))
        .enumerate()
    {
        kernel(o, method, target, p, scratch).map_err(|e| match e {
            Error::NegativeProbability {
                method,
                outcome,
                value,
            } => Error::NegativeProbability {
                method,
                outcome: (first_market + m) * width + outcome,
                value,
            },
            other => other,
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
