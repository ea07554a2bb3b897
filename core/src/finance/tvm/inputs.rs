//! The one validation of the periodic functions' inputs.
//!
//! Each function lists its inputs once ([`pmt_inputs`] ...), in signature order, each with
//! the rule it must pass. The checked form ([`pmt`](super::pmt)) reports the first input
//! that fails, as an `InvalidParameter` naming it; the row function of a batch form
//! (`pmt_or_nan`) only asks whether every input passes ([`valid`], without a branch per
//! input) before it runs the kernel. Both read the same list, so they cannot disagree on
//! what a valid row is.

use crate::check;
use crate::error::Result;

/// The reason given for a rate per period that is not accepted.
const RATE_REASON: &str = "must be a finite fraction per period greater than -1 (0.05 for 5 %)";

/// One input, whether it passes its rule, and what the rule says when it does not.
#[derive(Clone, Copy)]
pub(super) struct Input {
    name: &'static str,
    value: f64,
    ok: bool,
    reason: &'static str,
}

impl Input {
    /// A rate per period: finite and greater than -1.
    #[inline(always)]
    pub(super) fn rate(name: &'static str, value: f64) -> Input {
        Input {
            name,
            value,
            ok: value.is_finite() && value > -1.0,
            reason: RATE_REASON,
        }
    }

    /// A number of periods: finite and greater than zero.
    #[inline(always)]
    pub(super) fn nper(value: f64) -> Input {
        Input {
            name: "nper",
            value,
            ok: value.is_finite() && value > 0.0,
            reason: "must be finite and greater than 0",
        }
    }

    /// Any finite number.
    #[inline(always)]
    pub(super) fn finite(name: &'static str, value: f64) -> Input {
        Input {
            name,
            value,
            ok: value.is_finite(),
            reason: "must be finite",
        }
    }

    /// A period `per` of `nper`: `1 <= per <= nper`.
    #[inline(always)]
    pub(super) fn per(per: f64, nper: f64) -> Input {
        Input {
            name: "per",
            value: per,
            ok: per.is_finite() && per >= 1.0 && per <= nper,
            reason: "must be a period between 1 and nper",
        }
    }
}

/// The first input that fails its rule, as an `InvalidParameter` naming it.
#[inline(always)]
pub(super) fn check<const K: usize>(inputs: [Input; K]) -> Result<()> {
    for input in inputs {
        check::parameter(input.name, input.value, |_| input.ok, input.reason)?;
    }
    Ok(())
}

/// Whether every input passes its rule (every rule evaluated, no early exit: a batch row
/// takes no branch per input).
#[inline(always)]
pub(super) fn valid<const K: usize>(inputs: [Input; K]) -> bool {
    inputs.iter().fold(true, |all, input| all & input.ok)
}

/// The inputs of `pmt(rate, nper, pv, fv)`.
#[inline(always)]
pub(super) fn pmt_inputs(rate: f64, nper: f64, pv: f64, fv: f64) -> [Input; 4] {
    [
        Input::rate("rate", rate),
        Input::nper(nper),
        Input::finite("pv", pv),
        Input::finite("fv", fv),
    ]
}

/// The inputs of `fv(rate, nper, pmt, pv)` and, with `fv` in the last place, of
/// `pv(rate, nper, pmt, fv)`.
#[inline(always)]
pub(super) fn value_inputs(
    rate: f64,
    nper: f64,
    pmt: f64,
    (other, value): (&'static str, f64),
) -> [Input; 4] {
    [
        Input::rate("rate", rate),
        Input::nper(nper),
        Input::finite("pmt", pmt),
        Input::finite(other, value),
    ]
}

/// The inputs of `ipmt` and `ppmt(rate, per, nper, pv, fv)`: `per` itself before `nper`
/// (signature order), then `per` against `nper`.
#[inline(always)]
pub(super) fn period_inputs(rate: f64, per: f64, nper: f64, pv: f64, fv: f64) -> [Input; 6] {
    [
        Input::rate("rate", rate),
        Input::finite("per", per),
        Input::nper(nper),
        Input::per(per, nper),
        Input::finite("pv", pv),
        Input::finite("fv", fv),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_failing_input_is_reported_and_valid_agrees() {
        let e = check(period_inputs(0.1, 5.0, 3.0, f64::NAN, 0.0)).unwrap_err();
        assert_eq!(
            e.to_string(),
            check::parameter("per", 5.0, |_| false, "must be a period between 1 and nper")
                .unwrap_err()
                .to_string()
        );
        for inputs in [
            period_inputs(0.1, 1.0, 3.0, 1.0, 0.0),
            period_inputs(-1.0, 1.0, 3.0, 1.0, 0.0),
            period_inputs(0.1, f64::NAN, 3.0, 1.0, 0.0),
            period_inputs(0.1, 1.0, 3.0, 1.0, f64::INFINITY),
        ] {
            assert_eq!(valid(inputs), check(inputs).is_ok());
        }
        assert!(!valid(pmt_inputs(0.1, 0.0, 1.0, 1.0)));
        assert!(valid(value_inputs(0.0, 1.0, 1.0, ("pv", 1.0))));
    }
}
