//! The one root finder behind `rate`, `irr` and `xirr`.
//!
//! Every caller hands over `f(r) -> Eval` for a rate `r` in (-1, inf): a value, its
//! derivative and, when the caller computes it cheaply, its second derivative. The value may
//! be any function with the same sign as the caller's equation (the callers use the
//! present-value form for `r >= 0` and the future-value form for `r < 0`, so nothing
//! overflows near either end), the derivatives are that function's derivatives.
//!
//! Steps are Newton's `f / f'`, or Halley's `2 f f' / (2 f'^2 - f f'')` when the second
//! derivative is known (cubic convergence: one evaluation fewer on typical XIRR flows) and
//! the step stays within twice Newton's, in the same direction.
//!
//! Tolerances are relative to the rate's size, and to `1 + r` near -1, where f64 carries few
//! digits of `1 + r`: there an iterate moves at least one ulp, and a bracket of two
//! neighbouring doubles is final. A root closer to -1 than the first double above -1 is out
//! of reach (`NoConvergence`).
//!
//! Two stages: Newton's (or Halley's) method from the caller's guess (fast near the root),
//! which hands over to the bracketed refinement as soon as two iterates straddle a root;
//! when Newton leaves the domain, stalls or produces a non-finite number, a scan over a
//! fixed grid of rates looks for sign changes, nearest to a centre first. Brackets are
//! refined by a safeguarded Newton (a Newton step when it stays inside the bracket and
//! shrinks fast enough, bisection in `ln(1 + r)` otherwise; "rtsafe" in Numerical Recipes).

use crate::error::{Error, Result};
use std::sync::OnceLock;

/// Newton iterations before falling back to the bracketing scan.
const NEWTON_MAX: u32 = 60;
/// Safeguarded iterations inside one bracket (bisection alone needs about 60 to exhaust f64).
const BRACKET_MAX: u32 = 200;

/// The scale of a rate for its tolerances: `max(1, |r|)`, or `1 + r` when that is smaller
/// (rates near -1, where the equations change over distances as small as `1 + r`: a step
/// of 1e-13 is nothing at a rate of 5 %, and everything at 1e-15 above -1).
#[inline]
fn scale(r: f64) -> f64 {
    r.abs().max(1.0).min(1.0 + r)
}

/// Convergence on the rate: a step below `1e-13` times its [`scale`].
#[inline]
fn tol(r: f64) -> f64 {
    1e-13 * scale(r)
}

/// A Newton step below this is the last one: near a simple root the error after a step `s`
/// is of order `s^2`, far below [`tol`], so the confirming evaluation is skipped.
#[inline]
fn last_newton_step(r: f64) -> f64 {
    1e-11 * scale(r)
}

/// Rates closer than this to -1 carry few digits of `1 + r` (an ulp of the rate is at least
/// 1e-4 of it): see [`newton`].
const EDGE: f64 = 1e-12;

/// The double next to `x`, above it when `up`, for a rate in (-1, 0) (a negative normal
/// number, whose bit pattern orders its magnitude).
#[inline]
fn neighbour(x: f64, up: bool) -> f64 {
    if x >= 0.0 || !x.is_normal() {
        return x;
    }
    let bits = x.to_bits();
    f64::from_bits(if up { bits - 1 } else { bits + 1 })
}

/// Iteration counter shared by the stages, for `NoConvergence`.
struct Count(u32);

/// An equation's value at a rate, with its first derivative and, when the caller has it, its
/// second.
#[derive(Clone, Copy)]
pub(super) struct Eval {
    pub(super) value: f64,
    pub(super) slope: f64,
    pub(super) curvature: Option<f64>,
}

impl From<(f64, f64)> for Eval {
    /// A value and its first derivative.
    fn from((value, slope): (f64, f64)) -> Self {
        Eval {
            value,
            slope,
            curvature: None,
        }
    }
}

impl Eval {
    /// The step from the rate of this evaluation to the next iterate (subtracted from it):
    /// Halley's when the second derivative is known and the step lies in Newton's direction
    /// within twice Newton's length, Newton's otherwise.
    #[inline]
    fn step(self) -> f64 {
        let newton = self.value / self.slope;
        let Some(curvature) = self.curvature else {
            return newton;
        };
        // Halley = Newton / (1 - f f'' / (2 f'^2)): within (0, 2] Newton when the ratio
        // f f'' / (2 f'^2) is below 1/2.
        let ratio = self.value * curvature / (2.0 * self.slope * self.slope);
        if ratio.is_finite() && ratio <= 0.5 {
            newton / (1.0 - ratio)
        } else {
            newton
        }
    }
}

/// Newton's method from `guess`; `None` when it fails (non-finite value, a zero or
/// non-finite derivative, no convergence). A step that would leave the domain goes halfway
/// to -1 instead, and does not count as convergence. As soon as two iterates have values of
/// opposite signs the root is bracketed and [`refine`] finishes inside the bracket (Newton
/// alone can overshoot from the flat side of a convex curve and wander off).
fn newton(f: &impl Fn(f64) -> Eval, guess: f64, count: &mut Count) -> Option<f64> {
    let mut x = guess;
    let mut previous: Option<(f64, f64)> = None;
    for _ in 0..NEWTON_MAX {
        count.0 += 1;
        let at_x = f(x);
        let (fx, dfx) = (at_x.value, at_x.slope);
        if !fx.is_finite() {
            return None;
        }
        if fx == 0.0 {
            return Some(x);
        }
        if let Some((px, pf)) = previous {
            if (pf < 0.0) != (fx < 0.0) {
                let (lo, hi, f_lo) = if px < x { (px, x, pf) } else { (x, px, fx) };
                return refine(f, lo, hi, f_lo, (x, Some(at_x)), count);
            }
        }
        previous = Some((x, fx));
        if !dfx.is_finite() || dfx == 0.0 {
            return None;
        }
        let step = at_x.step();
        let next = x - step;
        if !next.is_finite() {
            return None;
        }
        if next <= -1.0 {
            // Halfway to -1; never a sign of convergence (the halvings shrink by themselves).
            x = (x - 1.0) / 2.0;
            continue;
        }
        if next == x && 1.0 + x < EDGE {
            // Within `EDGE` of -1 a step below half an ulp is no sign of convergence (an ulp
            // there is a large part of 1 + r): move one ulp the step's way instead, until two
            // neighbouring doubles bracket the root (or the domain ends).
            x = neighbour(x, step < 0.0);
            if x <= -1.0 {
                return None;
            }
            continue;
        }
        if (next - x).abs() <= last_newton_step(next) {
            return Some(next);
        }
        x = next;
    }
    None
}

/// The midpoint of `[lo, hi]` in `ln(1 + r)`, where the equations are smooth: the
/// arithmetic midpoint for narrow brackets near zero, the geometric midpoint of `1 + r` for
/// wide ones (`[1e100, 1e200]` halves in about 8 steps instead of 250).
#[inline]
fn midpoint(lo: f64, hi: f64) -> f64 {
    let mid = (0.5 * (lo.ln_1p() + hi.ln_1p())).exp_m1();
    if mid > lo && mid < hi {
        mid
    } else {
        lo + 0.5 * (hi - lo)
    }
}

/// Refines a root inside `[lo, hi]` where `f(lo)` and `f(hi)` have opposite signs,
/// starting from `start` in the bracket, with `f(start)` when the caller has it already.
/// A Newton step below [`last_newton_step`] is the last one, as in [`newton`].
fn refine(
    f: &impl Fn(f64) -> Eval,
    mut lo: f64,
    mut hi: f64,
    f_lo: f64,
    (start, mut known): (f64, Option<Eval>),
    count: &mut Count,
) -> Option<f64> {
    let lo_negative = f_lo < 0.0;
    let mut x = start;
    let mut step_before = hi - lo;
    for _ in 0..BRACKET_MAX {
        let at_x = known.take().unwrap_or_else(|| {
            count.0 += 1;
            f(x)
        });
        let (fx, dfx) = (at_x.value, at_x.slope);
        if fx == 0.0 {
            return Some(x);
        }
        if !fx.is_finite() {
            return None;
        }
        if (fx < 0.0) == lo_negative {
            lo = x;
        } else {
            hi = x;
        }
        let newton = x - at_x.step();
        let takes_newton = newton.is_finite()
            && newton > lo
            && newton < hi
            && (2.0 * fx).abs() <= (step_before * dfx).abs();
        let next = if takes_newton {
            newton
        } else {
            midpoint(lo, hi)
        };
        step_before = (next - x).abs();
        let last = if takes_newton {
            last_newton_step(next)
        } else {
            tol(next)
        };
        // Converged, or the bracket is two neighbouring doubles (near -1 that may be far
        // wider than `tol`).
        if step_before <= last || hi - lo <= tol(next) || hi <= neighbour(lo, true) {
            return Some(next);
        }
        x = next;
    }
    None
}

/// The scan grid: rates from just above -1 to 1e300, dense near zero, sorted.
fn grid() -> &'static [f64] {
    static GRID: OnceLock<Vec<f64>> = OnceLock::new();
    GRID.get_or_init(|| {
        let mut g: Vec<f64> = [1e-15, 1e-12, 1e-9, 1e-6, 1e-4, 1e-3, 0.01, 0.02, 0.05]
            .iter()
            .map(|d| d - 1.0)
            .collect();
        g.extend((-18..=-6).map(|i| f64::from(i) / 20.0)); // -0.9 ..= -0.3
        g.extend((-50..50).map(|i| f64::from(i) / 200.0)); // -0.25 ..= 0.245, with 0
        g.extend((5..=20).map(|i| f64::from(i) / 20.0)); // 0.25 ..= 1.0
        g.extend([
            1.25, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 7.5, 10.0, 15.0, 25.0, 50.0, 100.0, 1e3, 1e4, 1e5,
            1e6, 1e9, 1e12, 1e15, 1e20, 1e30, 1e50, 1e100, 1e200, 1e300,
        ]);
        g
    })
}

/// The root nearest `centre` among the sign changes of `f` over the grid (plus `centre`
/// itself), refined inside its bracket; `None` when `f` never changes sign.
fn nearest_root(f: &impl Fn(f64) -> Eval, centre: f64, count: &mut Count) -> Option<f64> {
    let mut points: Vec<f64> = grid().iter().copied().filter(|&g| g != centre).collect();
    let split = points.partition_point(|&g| g < centre);
    points.insert(split, centre);
    // Values are computed on demand: the nearest bracket is usually found early.
    let mut values: Vec<Option<f64>> = vec![None; points.len()];
    // `None` past the grid's end (never: `i + 1` stays below `points.len()`).
    let mut value = |i: usize, count: &mut Count| -> Option<f64> {
        let point = *points.get(i)?;
        Some(*values.get_mut(i)?.get_or_insert_with(|| {
            count.0 += 1;
            f(point).value
        }))
    };
    // Interval i is [points[i], points[i + 1]]; walk outward from the centre, nearest
    // inner end first, and stop once no unexplored interval can hold a nearer root.
    let (mut left, mut right) = (split, split); // next intervals: left - 1 and right
    let mut best: Option<f64> = None;
    loop {
        let left_gap = if left > 0 {
            points.get(left).map(|&p| centre - p)
        } else {
            None
        };
        let right_gap = if right + 1 < points.len() {
            points.get(right).map(|&p| p - centre)
        } else {
            None
        };
        let (i, gap) = match (left_gap, right_gap) {
            (Some(l), Some(r)) if l <= r => (left - 1, l),
            (_, Some(r)) => (right, r),
            (Some(l), None) => (left - 1, l),
            (None, None) => break,
        };
        if best.is_some_and(|b: f64| (b - centre).abs() <= gap) {
            break;
        }
        if i < split {
            left -= 1;
        } else {
            right += 1;
        }
        let (a, b) = (value(i, count)?, value(i + 1, count)?);
        let (low, high) = (*points.get(i)?, *points.get(i + 1)?);
        let root = if a == 0.0 {
            Some(low)
        } else if b == 0.0 {
            Some(high)
        } else if a.is_finite() && b.is_finite() && (a < 0.0) != (b < 0.0) {
            refine(f, low, high, a, (midpoint(low, high), None), count)
        } else {
            None
        };
        if let Some(r) = root {
            if best.is_none_or(|b| (r - centre).abs() < (b - centre).abs()) {
                best = Some(r);
            }
        }
    }
    best
}

/// A root of `f` in (-1, inf): Newton from `guess`, else the bracketed root nearest `guess`.
/// `NoConvergence { method, iterations }` when neither finds one.
pub(super) fn solve(method: &'static str, f: impl Fn(f64) -> Eval, guess: f64) -> Result<f64> {
    let mut count = Count(0);
    newton(&f, guess, &mut count)
        .or_else(|| nearest_root(&f, guess, &mut count))
        .ok_or(Error::NoConvergence {
            method,
            iterations: count.0,
        })
}

/// The root of `f` nearest `centre` (no Newton start: Newton may land on a farther root).
pub(super) fn solve_nearest(
    method: &'static str,
    f: impl Fn(f64) -> Eval,
    centre: f64,
) -> Result<f64> {
    let mut count = Count(0);
    nearest_root(&f, centre, &mut count).ok_or(Error::NoConvergence {
        method,
        iterations: count.0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grid_is_sorted_and_inside_the_domain() {
        let g = grid();
        assert!(g.windows(2).all(|w| w[0] < w[1]), "{g:?}");
        assert!(g[0] > -1.0);
        assert!(g.contains(&0.0));
    }

    #[test]
    fn newton_finds_a_simple_root() {
        let r = solve("test", |x| (x * x - 0.25, 2.0 * x).into(), 0.1).unwrap();
        assert!((r - 0.5).abs() < 1e-14);
    }

    #[test]
    fn nearest_root_prefers_the_root_closest_to_the_centre() {
        // Roots at -0.5, 0.3 and 2.0.
        let f = |x: f64| {
            let v = (x + 0.5) * (x - 0.3) * (x - 2.0);
            let d = (x - 0.3) * (x - 2.0) + (x + 0.5) * (x - 2.0) + (x + 0.5) * (x - 0.3);
            Eval::from((v, d))
        };
        assert!((solve_nearest("test", f, 0.0).unwrap() - 0.3).abs() < 1e-12);
        assert!((solve_nearest("test", f, -0.4).unwrap() + 0.5).abs() < 1e-12);
        assert!((solve_nearest("test", f, 1.5).unwrap() - 2.0).abs() < 1e-12);
    }

    #[test]
    fn no_root_is_no_convergence() {
        let e = solve("test", |x| (x * x + 1.0, 2.0 * x).into(), 0.1).unwrap_err();
        assert!(
            matches!(e, Error::NoConvergence { method: "test", .. }),
            "{e}"
        );
    }
}
