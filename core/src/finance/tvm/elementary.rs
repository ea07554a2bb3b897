//! `exp`, `exp_m1` and `ln_1p` for the time-value functions: inline, and accurate to 1 ulp
//! (`exp`, `ln_1p`) and 2 ulps (`exp_m1`), where each call to the platform's functions goes
//! through the dynamic linker and its own special-case tests. A batch of growth factors or
//! an XIRR iteration over many flows spends most of its time here.
//!
//! Every function of the time-value module goes through these three, scalar calls and batch
//! loops alike, so a batch row and its scalar function agree bit for bit.
//!
//! `ln_1p` of a rate below 1/64 in magnitude (every monthly rate below 18.75 % a year) is its
//! Taylor series to the `x^9` term (truncation below 6e-18 relative); other arguments go to
//! the platform's `ln_1p`.
//!
//! `exp` and `exp_m1`: `x = (32 e + j) ln(2) / 32 + r` with `|r| <= ln(2) / 64` (`32 e + j` the integer
//! nearest `32 x / ln 2`; Cody and Waite's reduction with `ln(2) / 32` in two parts), so
//! `exp(x) = 2^e 2^(j/32) exp(r)`: `2^(j/32)` from a table of 32 doubles with their
//! rounding errors, `exp(r) - 1` by its Taylor series to the `r^7` term (truncation below
//! 5e-21), and `2^e` written into the exponent bits. For `exp_m1` the `- 1` is applied to
//! the exact part of the result, so small arguments keep their relative precision
//! (`exp_m1(1e-20) = 1e-20`).
//!
//! The table was computed with 60-digit decimal arithmetic: each entry is `2^(j/32)`
//! rounded to the nearest double, with `(2^(j/32) - entry) / entry` beside it.

/// `32 / ln 2`.
const INV_STEP: f64 = 46.166_241_308_446_83;
/// `ln(2) / 32` in two parts: the high part has 20 trailing zero bits, so `k * STEP_HI` is
/// exact for every `|k| < 2^20` (here `|k| <= 32,768`).
const STEP_HI: f64 = 0.021_660_849_390_173_098;
/// `ln(2) / 32 - STEP_HI`.
const STEP_LO: f64 = 2.325_192_846_878_874e-12;
/// `1.5 * 2^52`: adding it rounds a number below `2^51` in magnitude to an integer, which
/// then sits in the low bits of the sum (two's complement).
const ROUND: f64 = 6_755_399_441_055_744.0;

/// `2^(j/32)` for `j` in `0..32`: the bits of the nearest double, and the relative
/// rounding error `(2^(j/32) - entry) / entry`.
const TABLE: [(u64, f64); 32] = [
    (0x3ff0000000000000, 0.0),
    (0x3ff059b0d3158574, 4.9997448722726326e-17),
    (0x3ff0b5586cf9890f, 8.189317638195515e-17),
    (0x3ff11301d0125b51, -7.402825309426177e-17),
    (0x3ff172b83c7d517b, -2.7939114859515733e-17),
    (0x3ff1d4873168b9aa, 9.341710609905046e-17),
    (0x3ff2387a6e756238, 7.826573258636076e-17),
    (0x3ff29e9df51fdee1, 3.2904726646008416e-17),
    (0x3ff306fe0a31b715, 3.3484623336251524e-17),
    (0x3ff371a7373aa9cb, -6.346552106729483e-17),
    (0x3ff3dea64c123422, 3.750854201303127e-17),
    (0x3ff44e086061892d, 2.1023049675215714e-18),
    (0x3ff4bfdad5362a27, 1.9572585293112036e-17),
    (0x3ff5342b569d4f82, -2.1571477251208752e-17),
    (0x3ff5ab07dd485429, 5.68648095791174e-17),
    (0x3ff6247eb03a5585, -4.8923067513522756e-17),
    (0x3ff6a09e667f3bcd, -6.835808657661922e-17),
    (0x3ff71f75e8ec5f74, -2.092304381843353e-17),
    (0x3ff7a11473eb0187, -2.3591094770850053e-17),
    (0x3ff82589994cce13, -6.735219232374683e-17),
    (0x3ff8ace5422aa0db, 5.1548301170786783e-17),
    (0x3ff93737b0cdc5e5, -6.432131775424189e-18),
    (0x3ff9c49182a3f090, 1.5341410053603723e-17),
    (0x3ffa5503b23e255d, -6.152602891550265e-17),
    (0x3ffae89f995ad3ad, 4.875160526227062e-17),
    (0x3ffb7f76f2fb5e47, -1.0772487078934056e-17),
    (0x3ffc199bdd85529c, 1.685487290628973e-17),
    (0x3ffcb720dcef9069, 1.01562190116415e-17),
    (0x3ffd5818dcfba487, 1.790126907604513e-17),
    (0x3ffdfc97337b9b5f, -3.266924100901318e-17),
    (0x3ffea4afa2a490da, -5.545065618639427e-17),
    (0x3fff50765b6e4540, 4.5784915277060095e-17),
];

/// Largest `x` with a finite `exp(x)`.
const EXP_MAX: f64 = 709.782_712_893_384;
/// Below this `exp(x)` is taken as 0 (`exp(-707) < 1e-307`; the reduction keeps `2^(e-1)`
/// a normal number from `e >= -1021`).
const EXP_MIN: f64 = -707.0;
/// Below this `exp_m1(x)` rounds to -1 (`exp(-40) < 2^-57`).
const EXP_M1_MIN: f64 = -40.0;

/// Below this magnitude `ln_1p` uses its own series.
const LN_1P_SERIES: f64 = 1.0 / 64.0;

/// `ln(1 + x)`, as the platform's `ln_1p` (`-inf` at -1, NaN below -1 or for NaN), with the
/// series of the module docs for `|x| < 1/64`.
#[inline(always)]
pub(crate) fn ln_1p(x: f64) -> f64 {
    if x.abs() >= LN_1P_SERIES || x.is_nan() {
        return x.ln_1p();
    }
    // ln(1 + x) = x + x^2 (-1/2 + x/3 - x^2/4 + ... + x^7/9), in Estrin's scheme.
    let x2 = x * x;
    let x4 = x2 * x2;
    let low = (-1.0 / 2.0 + x * (1.0 / 3.0)) + x2 * (-1.0 / 4.0 + x * (1.0 / 5.0));
    let high = (-1.0 / 6.0 + x * (1.0 / 7.0)) + x2 * (-1.0 / 8.0 + x * (1.0 / 9.0));
    x + x2 * (low + x4 * high)
}

/// For `x` in `[EXP_MIN, EXP_MAX]`: `(exp(r) - 1, relative error of the table entry,
/// 2^(e-1) * entry)`, so that `exp(x) = 2 (half + half (q + rel))`. Half the scale keeps
/// `e = 1024` (just below `EXP_MAX`) within the exponent range.
#[inline(always)]
fn reduce(x: f64) -> (f64, f64, f64) {
    let shifted = x * INV_STEP + ROUND;
    let k = shifted - ROUND;
    let r = (x - k * STEP_HI) - k * STEP_LO;
    let bits = shifted.to_bits();
    // The index is below 32, the table's length, because it is masked by 31.
    #[allow(clippy::indexing_slicing)]
    let (entry, rel) = TABLE[(bits & 31) as usize];
    // bits >> 5 ends with e in two's complement; shifted into the exponent field, it adds
    // e - 1 to the entry's exponent (the high bits of `ROUND` fall off the left end).
    let half = f64::from_bits(entry.wrapping_add((bits >> 5).wrapping_sub(1) << 52));
    let r2 = r * r;
    // (exp(r) - 1 - r) / r^2 = 1/2! + r/3! + ... + r^5/7!, in Estrin's scheme.
    let p = (1.0 / 2.0 + r * (1.0 / 6.0))
        + r2 * ((1.0 / 24.0 + r * (1.0 / 120.0)) + r2 * (1.0 / 720.0 + r * (1.0 / 5040.0)));
    (r + r2 * p, rel, half)
}

/// `exp(x)`: `+inf` above 709.78..., 0 below -707 (results under 1e-307 are flushed to 0),
/// NaN for NaN.
#[inline(always)]
pub(crate) fn exp(x: f64) -> f64 {
    if !(EXP_MIN..=EXP_MAX).contains(&x) {
        return if x > EXP_MAX {
            f64::INFINITY
        } else if x < EXP_MIN {
            0.0
        } else {
            x
        };
    }
    let (q, rel, half) = reduce(x);
    2.0 * (half + half * (q + rel))
}

/// `exp(x) - 1`, accurate near 0 (`exp_m1(1e-20) = 1e-20`): `+inf` above 709.78..., -1
/// below -40 (where it rounds to -1), NaN for NaN.
#[inline(always)]
pub(crate) fn exp_m1(x: f64) -> f64 {
    if !(EXP_M1_MIN..=EXP_MAX).contains(&x) {
        return if x > EXP_MAX {
            f64::INFINITY
        } else if x < EXP_M1_MIN {
            -1.0
        } else {
            x
        };
    }
    let (q, rel, half) = reduce(x);
    // half - 1/2 is exact: 2 (half - 1/2 + half (q + rel)) = 2^e entry (1 + q + rel) - 1.
    2.0 * ((half - 0.5) + half * (q + rel))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Distance in units in the last place between two finite numbers of one sign.
    fn ulps(a: f64, b: f64) -> u64 {
        if a == b {
            return 0;
        }
        assert_eq!(a.is_sign_negative(), b.is_sign_negative(), "{a} vs {b}");
        a.to_bits().abs_diff(b.to_bits())
    }

    /// A deterministic spread of values: every binade from 2^lo to 2^hi, 2,000 mantissas
    /// each, both signs when `signed`.
    fn samples(lo: i32, hi: i32, signed: bool) -> Vec<f64> {
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        let mut out = Vec::new();
        for e in lo..hi {
            for _ in 0..2_000 {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                let m = 1.0 + (state >> 11) as f64 / (1u64 << 53) as f64;
                let x = m * 2f64.powi(e);
                out.push(x);
                if signed {
                    out.push(-x);
                }
            }
        }
        out
    }

    fn worst(f: fn(f64) -> f64, reference: fn(f64) -> f64, xs: &[f64]) -> (u64, f64) {
        xs.iter()
            .map(|&x| (ulps(f(x), reference(x)), x))
            .fold(
                (0, 0.0),
                |best, this| if this.0 > best.0 { this } else { best },
            )
    }

    #[test]
    fn exp_is_within_one_ulp_and_exp_m1_within_two() {
        let xs: Vec<f64> = samples(-60, 10, true)
            .into_iter()
            .filter(|x| x.abs() <= 700.0)
            .collect();
        let (err, at) = worst(exp, f64::exp, &xs);
        assert!(err <= 1, "exp: {err} ulps at {at}");
        let xs: Vec<f64> = xs.into_iter().filter(|&x| x >= -40.0).collect();
        let (err, at) = worst(exp_m1, f64::exp_m1, &xs);
        assert!(err <= 2, "exp_m1: {err} ulps at {at}");
    }

    #[test]
    fn ln_1p_is_within_one_ulp_and_the_platform_s_beyond_the_series() {
        let xs: Vec<f64> = samples(-70, 3, true)
            .into_iter()
            .filter(|&x| x > -1.0)
            .collect();
        let (err, at) = worst(ln_1p, f64::ln_1p, &xs);
        assert!(err <= 1, "ln_1p: {err} ulps at {at}");
        for x in [1.0 / 64.0, -1.0 / 64.0, 0.5, -0.5, 1e10] {
            assert_eq!(ln_1p(x), x.ln_1p());
        }
        assert_eq!(ln_1p(0.0), 0.0);
        assert_eq!(ln_1p(1e-300), 1e-300);
        assert_eq!(ln_1p(-1.0), f64::NEG_INFINITY);
        assert!(ln_1p(-2.0).is_nan() && ln_1p(f64::NAN).is_nan());
    }

    #[test]
    fn edges_follow_the_documented_values() {
        assert_eq!(exp(0.0), 1.0);
        assert_eq!(exp(709.78), 709.78f64.exp());
        assert_eq!(exp(709.79), f64::INFINITY);
        assert_eq!(exp(f64::INFINITY), f64::INFINITY);
        assert_eq!(exp(-707.5), 0.0);
        assert_eq!(exp(f64::NEG_INFINITY), 0.0);
        assert!(exp(f64::NAN).is_nan());

        assert_eq!(exp_m1(0.0), 0.0);
        assert_eq!(exp_m1(1e-300), 1e-300);
        assert_eq!(exp_m1(-41.0), -1.0);
        assert_eq!(exp_m1(f64::NEG_INFINITY), -1.0);
        assert_eq!(exp_m1(709.79), f64::INFINITY);
        assert!(exp_m1(f64::NAN).is_nan());
    }
}
