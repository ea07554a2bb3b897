//! The schedule engine: a validated loan's rows in integer cents, phase by phase, with the
//! monthly interest charged exactly (the fixed-point arithmetic is `money::fixed`'s).

use super::calendar::PaymentDates;
use super::types::{CentsRow, DeferralKind, InsuranceBase, Loan, LoanKind, MAX_PRINCIPAL};
use crate::error::{Error, Result};
use crate::money::fixed::{Fixed, FixedFraction, div_rounded, pow10};
use crate::money::{round_cents, to_f64};
use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};

/// 12 months x 100 (percent): a percent annual rate times an amount, divided by this, is the
/// month's interest.
pub(super) const MONTHS_PERCENT: Decimal = Decimal::from_parts(1200, 0, 0, false, 0);

/// An amount in cents as a `Decimal`. Every amount of a schedule is bounded by validation
/// (capital at most 10^14 cents, totals far below `Decimal`'s 7.9 x 10^28); the saturation
/// is never reached.
#[inline]
pub(super) fn cents(amount: i128) -> Decimal {
    Fixed::cents(amount).saturating_decimal()
}

/// An amount of a schedule in cents as an `i64`: every such amount is bounded by
/// validation (see [`super::ScheduleColumns`]), far inside `i64`; the saturation is never
/// reached.
#[inline]
pub(super) fn cents_i64(amount: i128) -> i64 {
    i64::try_from(amount).unwrap_or(if amount < 0 { i64::MIN } else { i64::MAX })
}

/// A whole number of cents, rounded half away from zero (validated amounts and rounded
/// payments already are whole cents).
#[inline]
pub(super) fn to_cents(amount: Decimal) -> i128 {
    // Rounding an `i128` amount to 2 places always succeeds, and 2^96 cents fit an `i128`.
    Fixed::of(amount)
        .round(2, RoundingStrategy::MidpointAwayFromZero)
        .and_then(|c| c.rescale(2))
        .map_or(0, |c| c.units)
}

/// `numerator / denominator` rounded half away from zero, for `denominator > 0` (a
/// number of months, a power of ten: never 0, so the fallback is never taken).
#[inline]
pub(super) fn div_round(numerator: i128, denominator: i128) -> i128 {
    div_rounded(
        numerator,
        denominator,
        RoundingStrategy::MidpointAwayFromZero,
    )
    .unwrap_or(0)
}

/// An annual percentage applied monthly: `round_cents(amount x pct / 1200)`, exactly.
#[derive(Clone, Copy)]
pub(super) struct MonthlyRate {
    pub(super) pct: Decimal,
    /// `pct / 1200` as an integer fraction when its decimals are few enough (at most 20, every
    /// rate quoted in practice) for `cents x numerator` to fit in an `i128`.
    pub(super) fraction: Option<(i128, i128)>,
    /// The same fraction in fixed point, when its denominator is at most `2^63` (at most 15
    /// decimals) and the fraction below 1, for the 64-bit path of [`MonthlyRate::charge`].
    pub(super) fixed: Option<FixedFraction>,
}

impl MonthlyRate {
    pub(super) fn new(pct: Decimal) -> MonthlyRate {
        let pct = pct.normalize();
        let fraction = pow10::<i128>(pct.scale())
            .filter(|_| pct.scale() <= 20)
            .map(|power| (pct.mantissa(), 1200 * power));
        let fixed = fraction.and_then(|(num, den)| {
            FixedFraction::new(u64::try_from(num).ok()?, u64::try_from(den).ok()?)
        });
        MonthlyRate {
            pct,
            fraction,
            fixed,
        }
    }

    /// `round_cents(amount x pct / 1200)` on an amount in cents (0 or more), in cents: 64-bit
    /// fixed point (every rate quoted in practice), else 128-bit integer arithmetic, else
    /// `Decimal` from the exact product.
    #[inline(always)]
    pub(super) fn charge(&self, amount: i64) -> i64 {
        if let (Some(fixed), Ok(amount)) = (self.fixed, u64::try_from(amount)) {
            // At most `amount` (f < 1), an `i64`.
            return i64::try_from(fixed.round(amount)).unwrap_or(i64::MAX);
        }
        cents_i64(self.charge_wide(amount.into()))
    }

    /// [`MonthlyRate::charge`] beyond 64 bits: 128-bit integer arithmetic when the product
    /// fits, else `Decimal` from the exact product.
    #[inline(never)]
    fn charge_wide(&self, amount: i128) -> i128 {
        match self
            .fraction
            .and_then(|(num, den)| Some((amount.checked_mul(num)?, den)))
        {
            Some((product, den)) => div_round(product, den),
            None => to_cents(cents(amount) * self.pct / MONTHS_PERCENT),
        }
    }
}

/// A validated loan ready to give its rows, with every amount in integer cents.
///
/// Rows are generated phase by phase (deferral months, amortising months but the last, the
/// last month) by one loop whose rule takes each phase's parameters (see
/// [`Amortizer::run`]): a row costs a few integer operations on top of its interest.
pub(super) struct Amortizer {
    kind: LoanKind,
    rate: MonthlyRate,
    months: u32,
    first_payment: NaiveDate,
    pub(super) deferral: Option<(u32, DeferralKind)>,
    /// Insurance rate and, for an initial base, the constant premium.
    insurance: Option<(MonthlyRate, InsuranceBase, i64)>,
    /// Annuity payment, or linear principal part, during amortisation.
    amortizing_amount: i64,
    /// The payment reported in [`super::Schedule::payment`].
    pub(super) regular_payment: i64,
    /// The capital borrowed.
    pub(super) principal: i64,
}

impl Amortizer {
    pub(super) fn new(loan: &Loan) -> Result<Amortizer> {
        loan.validate()?;
        let rate = MonthlyRate::new(loan.annual_rate_pct);
        let principal = cents_i64(to_cents(loan.principal));
        let deferral = loan
            .deferral
            .as_ref()
            .filter(|d| d.months > 0)
            .map(|d| (d.months, d.kind));
        let deferred = deferral.map_or(0, |(months, _)| months);
        let capital = match deferral {
            Some((months, DeferralKind::Total)) => capitalised(principal, rate, months)?,
            _ => principal,
        };
        let n = loan.months - deferred;
        let first_interest = rate.charge(capital);
        let amortizing_amount = match loan.kind {
            // Never below the first month's interest, so the capital cannot grow: at extreme
            // rates over long terms the annuity term is under half a cent.
            LoanKind::Annuity => {
                cents_i64(annuity_cents(capital.into(), rate, n)).max(first_interest)
            }
            LoanKind::Linear => cents_i64(div_round(capital.into(), n.into())),
            LoanKind::InFine => 0,
        };
        let regular_payment = match loan.kind {
            LoanKind::Annuity => amortizing_amount,
            LoanKind::Linear => first_interest + amortizing_amount.min(capital),
            LoanKind::InFine => first_interest,
        };
        let insurance = loan.insurance.as_ref().map(|i| {
            let rate = MonthlyRate::new(i.annual_rate_pct);
            (rate, i.base, rate.charge(principal))
        });
        Ok(Amortizer {
            kind: loan.kind,
            rate,
            months: loan.months,
            first_payment: loan.first_payment,
            deferral,
            insurance,
            amortizing_amount,
            regular_payment,
            principal,
        })
    }

    /// Gives rows 1 to `count` (at most the loan's months) to `row`, in order, and returns
    /// the capital owed after them (the principal when `count` is 0).
    ///
    /// Every row follows one rule, `principal = min(amount - interest [if less_interest],
    /// capital owed)` and `payment = interest + principal`, with the parameters of its
    /// [`Phase`], so the rows come from a single loop with no per-row decision on the loan's
    /// kind.
    #[inline(always)]
    pub(super) fn run(&self, count: u32, mut row: impl FnMut(&CentsRow)) -> i64 {
        let count = count.min(self.months);
        let (deferred, deferral) = match self.deferral {
            Some((months, kind)) => (months, Some(kind)),
            None => (0, None),
        };
        let phases = [
            // Partial deferral: `min(0, owed) = 0`, interest only. Total deferral:
            // `min(-interest, owed) = -interest`, nothing paid, the interest capitalised.
            Phase {
                end: deferred,
                amount: 0,
                less_interest: deferral == Some(DeferralKind::Total),
                deferral,
            },
            // Amortising months but the last: the annuity less the interest, the linear
            // part, or nothing (in fine), never more than the capital owed.
            Phase {
                end: self.months - 1,
                amount: self.amortizing_amount,
                less_interest: self.kind == LoanKind::Annuity,
                deferral: None,
            },
            // The last month repays whatever capital is left.
            Phase {
                end: self.months,
                amount: i64::MAX,
                less_interest: false,
                deferral: None,
            },
        ];
        let (rate, mut dates) = (&self.rate, PaymentDates::new(self.first_payment));
        let (mut number, mut remaining) = (0, self.principal);
        for phase in phases {
            let mask = if phase.less_interest { -1 } else { 0 };
            while number < phase.end.min(count) {
                number += 1;
                let before = remaining;
                let interest = rate.charge(before);
                let principal = (phase.amount - (interest & mask)).min(before);
                remaining = before - principal;
                let insurance = match self.insurance {
                    None => 0,
                    Some((_, InsuranceBase::Initial, premium)) => premium,
                    Some((ref rate, InsuranceBase::Remaining, _)) => rate.charge(before),
                };
                let (date, day) = dates.next_date();
                row(&CentsRow {
                    number,
                    date,
                    day,
                    payment: interest + principal,
                    interest,
                    principal,
                    insurance,
                    remaining,
                    deferral: phase.deferral,
                });
            }
        }
        remaining
    }
}

/// The rows of a schedule up to number `end` (from the previous phase's end), all made by
/// the rule of [`Amortizer::run`] with these parameters.
struct Phase {
    end: u32,
    amount: i64,
    less_interest: bool,
    deferral: Option<DeferralKind>,
}

/// The capital in cents after `months` of total deferral: each month's rounded interest is
/// added. `InvalidParameter` if it would pass [`MAX_PRINCIPAL`](super::MAX_PRINCIPAL).
pub(super) fn capitalised(principal: i64, rate: MonthlyRate, months: u32) -> Result<i64> {
    let max = cents_i64(to_cents(MAX_PRINCIPAL));
    let mut capital = principal;
    for _ in 0..months {
        capital += rate.charge(capital);
        if capital > max {
            return Err(Error::InvalidParameter {
                name: "deferral.months",
                value: months.to_string(),
                reason: "a total deferral this long would capitalise the capital beyond 10^12",
            });
        }
    }
    Ok(capital)
}

/// [`annuity_payment`] in cents, for a capital in cents: decided by a floating-point estimate
/// of the payment when it is clearly away from a half cent, else by [`annuity_payment`].
///
/// The estimate `C r (1 + 1 / expm1(n ln_1p(r)))` is within 10^-12 of the exact payment,
/// relatively (a few roundings, and the error of `ln_1p` amplified at most `n ln(1 + r) + 1`
/// times by `expm1`, so at most about 730 times), and so is [`annuity_payment`]'s `Decimal`
/// computation (28 significant digits, rates from 10^-6 %): when the estimate is more than
/// 10^-9 of itself away from the nearest half cent, both round to the same cent. Otherwise,
/// and outside those ranges, the `Decimal` computation decides.
pub(super) fn annuity_cents(capital: i128, rate: MonthlyRate, n: u32) -> i128 {
    const MIN_PCT: Decimal = Decimal::from_parts(1, 0, 0, false, 6);
    let estimate = || {
        if rate.pct < MIN_PCT || capital <= 0 || capital > to_cents(MAX_PRINCIPAL) {
            return None;
        }
        let r = to_f64(rate.pct) / 1200.0;
        let growth = (f64::from(n) * r.ln_1p()).exp_m1();
        // Past f64's range, 1 / growth is 0, as it is within 10^-28 past Decimal's.
        let payment = capital as f64 * r * (1.0 + 1.0 / growth);
        if !(payment.is_finite() && payment > 0.0 && payment < 4e15) {
            return None;
        }
        let whole = payment.floor();
        let fraction = payment - whole;
        let margin = (payment * 1e-9).max(1e-6);
        if (fraction - 0.5).abs() <= margin {
            return None;
        }
        Some(whole as i128 + i128::from(fraction > 0.5))
    };
    estimate().unwrap_or_else(|| to_cents(annuity_payment(cents(capital), rate.pct, n)))
}

/// Constant payment repaying `capital` in `n` months at `rate_pct` a year:
/// `round_cents(C r / (1 - (1 + r)^-n)) = round_cents(C r (1 + 1 / ((1 + r)^n - 1)))`.
///
/// `(1 + r)^n - 1` is computed directly (never as a difference of nearly equal numbers) by
/// exponentiation by squaring on `e(k) = (1 + r)^k - 1`, with
/// `e(a + b) = e(a) + e(b) + e(a) e(b)`, which keeps full relative precision for small rates.
/// When it exceeds `Decimal`'s range, `1 / e(n)` is below 10^-28 and the payment is `C r`.
pub(super) fn annuity_payment(capital: Decimal, rate_pct: Decimal, n: u32) -> Decimal {
    if rate_pct.is_zero() {
        return round_cents(capital / Decimal::from(n));
    }
    let r = rate_pct / MONTHS_PERCENT;
    // C r from the exact product, as each row's interest is computed.
    let interest_only = capital * rate_pct / MONTHS_PERCENT;
    match growth_minus_one(r, n) {
        Some(e) if !e.is_zero() => {
            round_cents(interest_only + interest_only.checked_div(e).unwrap_or(Decimal::ZERO))
        }
        // The rate is below Decimal's resolution: no interest to speak of.
        Some(_) => round_cents(capital / Decimal::from(n)),
        None => round_cents(interest_only),
    }
}

/// `(1 + r)^n - 1` by squaring on `e = (1 + r)^k - 1`; `None` past `Decimal`'s range.
pub(super) fn growth_minus_one(r: Decimal, n: u32) -> Option<Decimal> {
    let combine = |a: Decimal, b: Decimal| a.checked_add(b)?.checked_add(a.checked_mul(b)?);
    let (mut result, mut power, mut k) = (Decimal::ZERO, r, n);
    while k > 0 {
        if k & 1 == 1 {
            result = combine(result, power)?;
        }
        k >>= 1;
        if k > 0 {
            power = combine(power, power)?;
        }
    }
    Some(result)
}
