//! Is the edge real? One-sided z-tests of realised results against a null hypothesis, and the
//! normal distribution they need.

use crate::check;
use crate::error::Result;
use serde::{Deserialize, Serialize};

/// A one-sided z-test: how far an observed figure lies above what a null hypothesis expects,
/// in standard errors.
///
/// `z_score = (observed - expected) / standard_error` and `p_value = P(Z >= z_score)` for a
/// standard normal `Z`: the probability, under the null, of a result at least this good. A
/// small p-value (below 0.05, say) means luck alone explains the result poorly. The normal
/// approximation is rough below about 30 bets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Significance {
    /// Number of bets the test uses.
    pub bets: usize,
    /// The observed figure (a profit in the bankroll's currency, or a mean CLV as a fraction).
    pub observed: f64,
    /// Its expected value under the null, in the same unit.
    pub expected: f64,
    /// Its standard deviation under the null, in the same unit (> 0).
    pub standard_error: f64,
    /// (observed - expected) / standard_error.
    pub z_score: f64,
    /// One-sided upper-tail p-value, P(Z >= z_score), in [0, 1].
    pub p_value: f64,
}

impl Significance {
    /// The test of `observed` against a null with mean `expected` and variance `variance`;
    /// `None` when there is no bet, the variance is not positive, or any figure (the z-score
    /// included) would not be finite.
    pub(super) fn test(
        bets: usize,
        observed: f64,
        expected: f64,
        variance: f64,
    ) -> Option<Significance> {
        let standard_error = variance.sqrt();
        let z_score = (observed - expected) / standard_error;
        let usable = bets > 0
            && variance > 0.0
            && observed.is_finite()
            && expected.is_finite()
            && standard_error.is_finite()
            && z_score.is_finite();
        usable.then(|| Significance {
            bets,
            observed,
            expected,
            standard_error,
            z_score,
            p_value: upper_tail(z_score),
        })
    }
}

/// Standard normal cumulative distribution function, Φ(x) = erfc(-x / √2) / 2, accurate to
/// about 1e-15 relative (W. J. Cody's rational approximations of erfc). A non-finite `x` is an
/// `InvalidParameter` error.
///
/// ```
/// use edgecore::stats::normal_cdf;
/// assert!((normal_cdf(1.959_963_984_540_054).unwrap() - 0.975).abs() < 1e-15);
/// assert_eq!(normal_cdf(0.0).unwrap(), 0.5);
/// ```
pub fn normal_cdf(x: f64) -> Result<f64> {
    let x = check::finite("x", x)?;
    Ok(upper_tail(-x))
}

/// P(Z >= z) = erfc(z / √2) / 2 for finite `z`.
fn upper_tail(z: f64) -> f64 {
    0.5 * erfc(z * std::f64::consts::FRAC_1_SQRT_2)
}

/// Coefficients of W. J. Cody, "Rational Chebyshev approximations for the error function",
/// Math. Comp. 23 (1969) 631-638, as published in his SPECFUN routine CALERF.
/// erf on |x| <= 0.46875: x P(x^2) / Q(x^2).
const A: [f64; 5] = [
    3.1611237438705655,
    113.86415415105016,
    377.485237685302,
    3209.3775891384694,
    0.18577770618460315,
];
const B: [f64; 4] = [
    23.601290952344122,
    244.02463793444417,
    1282.6165260773723,
    2844.236833439171,
];
/// erfc on 0.46875 < |x| <= 4: exp(-x^2) P(x) / Q(x).
const C: [f64; 9] = [
    0.5641884969886701,
    8.883149794388377,
    66.11919063714163,
    298.6351381974001,
    881.952221241769,
    1712.0476126340707,
    2051.0783778260716,
    1230.3393547979972,
    2.1531153547440383e-08,
];
const D: [f64; 8] = [
    15.744926110709835,
    117.6939508913125,
    537.1811018620099,
    1621.3895745666903,
    3290.7992357334597,
    4362.619090143247,
    3439.3676741437216,
    1230.3393548037495,
];
/// erfc on |x| > 4: exp(-x^2) / x (1/√π + P(1/x^2) / (x^2 Q(1/x^2))).
const P: [f64; 6] = [
    0.30532663496123236,
    0.36034489994980445,
    0.12578172611122926,
    0.016083785148742275,
    0.0006587491615298378,
    0.016315387137302097,
];
const Q: [f64; 5] = [
    2.568520192289822,
    1.8729528499234604,
    0.5279051029514285,
    0.06051834131244132,
    0.0023352049762686918,
];
/// 1 / √π.
const FRAC_1_SQRT_PI: f64 = 0.564_189_583_547_756_3;
/// erfc(x) underflows to 0 for x at or above this.
const ERFC_ZERO: f64 = 26.543;

/// exp(-x^2) for x >= 0 without the rounding error of squaring x: x is split into a multiple
/// of 1/16 (exact square) and a small remainder, as Cody does.
fn exp_minus_square(x: f64) -> f64 {
    let head = (x * 16.0).trunc() / 16.0;
    let tail = (x - head) * (x + head);
    (-head * head).exp() * (-tail).exp()
}

/// Complementary error function erfc(x) = 1 - erf(x) for finite `x`, in [0, 2].
fn erfc(x: f64) -> f64 {
    let y = x.abs();
    let tail = if y <= 0.468_75 {
        // erfc = 1 - erf, no cancellation here since erf(y) <= 0.49.
        let ysq = y * y;
        let (mut num, mut den) = (A[4] * ysq, ysq);
        for (&a, &b) in A.iter().zip(&B).take(3) {
            num = (num + a) * ysq;
            den = (den + b) * ysq;
        }
        return 1.0 - x * (num + A[3]) / (den + B[3]);
    } else if y <= 4.0 {
        let (mut num, mut den) = (C[8] * y, y);
        for (&c, &d) in C.iter().zip(&D).take(7) {
            num = (num + c) * y;
            den = (den + d) * y;
        }
        exp_minus_square(y) * (num + C[7]) / (den + D[7])
    } else if y < ERFC_ZERO {
        let ysq = 1.0 / (y * y);
        let (mut num, mut den) = (P[5] * ysq, ysq);
        for (&p, &q) in P.iter().zip(&Q).take(4) {
            num = (num + p) * ysq;
            den = (den + q) * ysq;
        }
        let r = ysq * (num + P[4]) / (den + Q[4]);
        exp_minus_square(y) * (FRAC_1_SQRT_PI - r) / y
    } else {
        0.0
    };
    if x < 0.0 { 2.0 - tail } else { tail }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reference values: 30-digit evaluations with mpmath's `erfc`, written to 17 digits.
    #[test]
    #[allow(clippy::excessive_precision)]
    fn erfc_matches_reference_values() {
        let cases = [
            (0.0, 1.0),
            (0.1, 0.887_537_083_981_715_1),
            (0.4, 0.571_607_644_953_331_5),
            (0.5, 0.479_500_122_186_953_5),
            (1.0, 0.15729920705028513),
            (2.0, 4.677_734_981_047_265_8e-3),
            (3.5, 7.430_983_723_414_127e-7),
            (4.0, 1.541_725_790_028_001_9e-8),
            (5.0, 1.537_459_794_428_034_8e-12),
            (10.0, 2.088_487_583_762_544_8e-45),
            (-1.0, 1.842_700_792_949_714_9),
            (30.0, 0.0),
        ];
        for (x, want) in cases {
            let got = erfc(x);
            let rel = if want == 0.0 {
                got
            } else {
                (got - want).abs() / want
            };
            assert!(rel < 2e-15, "erfc({x}) = {got}, want {want}");
        }
    }

    #[test]
    fn normal_cdf_known_quantiles() {
        assert_eq!(normal_cdf(0.0).unwrap(), 0.5);
        assert!((normal_cdf(1.644_853_626_951_472_7).unwrap() - 0.95).abs() < 1e-15);
        assert!((normal_cdf(-2.326_347_874_040_841).unwrap() - 0.01).abs() < 1e-16);
        assert!((normal_cdf(-8.0).unwrap() - 6.220_960_574_271_785e-16).abs() < 1e-29);
        assert_eq!(normal_cdf(40.0).unwrap(), 1.0);
        assert_eq!(normal_cdf(-40.0).unwrap(), 0.0);
    }

    #[test]
    fn non_finite_input_is_invalid_parameter() {
        assert_eq!(normal_cdf(f64::NAN).unwrap_err().kind(), "InvalidParameter");
        assert_eq!(
            normal_cdf(f64::INFINITY).unwrap_err().kind(),
            "InvalidParameter"
        );
    }

    #[test]
    fn tests_without_variance_are_none() {
        assert_eq!(Significance::test(0, 1.0, 0.0, 1.0), None);
        assert_eq!(Significance::test(3, 1.0, 0.0, 0.0), None);
        assert_eq!(Significance::test(3, 1e300, 0.0, 1e-320), None);
        let t = Significance::test(4, 3.0, 1.0, 4.0).unwrap();
        assert_eq!((t.standard_error, t.z_score), (2.0, 1.0));
        assert!((t.p_value - 0.15865525393145705).abs() < 1e-15);
    }
}
