//! Robust location and scale: median, median absolute deviation and the robust z-score.

use crate::check;
use crate::error::{Error, Result};

/// The consistency constant of the MAD: `1.4826 x MAD` estimates the standard deviation of
/// normally distributed data (1 / Phi^-1(3/4) = 1.482602...).
pub const MAD_SCALE: f64 = 1.4826;

/// Median of `values` (sorted in place); the mean of the two middle values for an even count.
/// `values` must not be empty and must be finite (callers check).
pub(crate) fn median_in(values: &mut [f64]) -> f64 {
    values.sort_unstable_by(f64::total_cmp);
    let n = values.len();
    // Empty (never: callers check) gives NaN, which they refuse as any non-finite value.
    match (values.get((n.max(1) - 1) / 2), values.get(n / 2)) {
        (Some(&low), Some(&high)) if n % 2 == 0 => (low + high) / 2.0,
        (_, Some(&middle)) => middle,
        _ => f64::NAN,
    }
}

/// Robust z-score of `value` against `others`, overwriting `others`: see [`robust_z`].
pub(crate) fn robust_z_in(value: f64, others: &mut [f64], floor: f64) -> f64 {
    if others.is_empty() {
        return 0.0;
    }
    let m = median_in(others);
    for x in others.iter_mut() {
        *x = (*x - m).abs();
    }
    let mad = median_in(others);
    (value - m) / (MAD_SCALE * mad).max(floor)
}

/// Robust z-score: `(value - median(others)) / max(1.4826 x MAD(others), floor)` where
/// `MAD = median(|x - median(others)|)`.
///
/// The floor (same units as the values, > 0) is the scale used when the others agree too
/// closely: with a zero MAD (all others equal, or a single other) the score is
/// `(value - median) / floor`, never infinite. With no other value the score is 0.
/// Non-finite values are an `InvalidParameter` error, a floor that is not finite and > 0
/// too.
///
/// ```
/// use edgecore::agents::robust_z;
/// // others 0.50, 0.52, 0.54: median 0.52, MAD 0.02, scale 0.029652
/// let z = robust_z(0.45, &[0.50, 0.52, 0.54], 0.005).unwrap();
/// assert!((z - (0.45 - 0.52) / (1.4826 * 0.02)).abs() < 1e-12);
/// ```
pub fn robust_z(value: f64, others: &[f64], floor: f64) -> Result<f64> {
    check::finite("value", value)?;
    check::parameter("floor", floor, |f| f > 0.0, "must be finite and > 0")?;
    if let Some(bad) = others.iter().find(|x| !x.is_finite()) {
        return Err(Error::InvalidParameter {
            name: "others",
            value: bad.to_string(),
            reason: "must be finite",
        });
    }
    let z = robust_z_in(value, &mut others.to_vec(), floor);
    check::finite("z", z)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians() {
        assert_eq!(median_in(&mut [3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median_in(&mut [4.0, 1.0, 2.0, 3.0]), 2.5);
    }

    #[test]
    fn zero_mad_uses_the_floor() {
        assert!((robust_z(0.4, &[0.5, 0.5, 0.5], 0.01).unwrap() + 10.0).abs() < 1e-12);
        assert!((robust_z(0.4, &[0.5], 0.02).unwrap() + 5.0).abs() < 1e-12);
        assert_eq!(robust_z(0.4, &[], 0.02).unwrap(), 0.0);
    }

    #[test]
    fn errors() {
        assert_eq!(
            robust_z(f64::NAN, &[1.0], 0.1).unwrap_err().kind(),
            "InvalidParameter"
        );
        assert_eq!(
            robust_z(0.1, &[f64::INFINITY], 0.1).unwrap_err().kind(),
            "InvalidParameter"
        );
        assert_eq!(
            robust_z(0.1, &[0.2], 0.0).unwrap_err().kind(),
            "InvalidParameter"
        );
    }
}
