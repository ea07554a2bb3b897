//! The fixed-point module against `rust_decimal`: every operation gives the very `Decimal`
//! (value, scale and sign, compared as its 16-byte representation) that `Decimal` arithmetic
//! gives, rounding follows the named mode, and overflow is `None`, never a panic.

use super::*;
use proptest::prelude::*;
use rust_decimal_macros::dec;

/// Every mode a caller may name.
const MODES: [RoundingStrategy; 7] = [
    RoundingStrategy::MidpointAwayFromZero,
    RoundingStrategy::MidpointTowardZero,
    RoundingStrategy::MidpointNearestEven,
    RoundingStrategy::ToZero,
    RoundingStrategy::AwayFromZero,
    RoundingStrategy::ToNegativeInfinity,
    RoundingStrategy::ToPositiveInfinity,
];

fn bits(d: Decimal) -> [u8; 16] {
    d.serialize()
}

/// A `Decimal` from a mantissa (cut to 96 bits) and a scale (cut to 28).
fn decimal(mantissa: i128, scale: u32) -> Decimal {
    let mantissa = mantissa % (MAX_MANTISSA as i128 + 1);
    Decimal::from_i128_with_scale(mantissa, scale % 29)
}

/// Amounts of every size: realistic stakes and prices most of the time, any 64-bit or
/// 96-bit mantissa otherwise, with any scale.
fn amount() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        (-100_000_000i128..100_000_000, 0u32..5).prop_map(|(m, s)| decimal(m, s)),
        (any::<i64>(), 0u32..=28).prop_map(|(m, s)| decimal(m.into(), s)),
        (any::<i128>(), 0u32..=28).prop_map(|(m, s)| decimal(m, s)),
        Just(Decimal::ZERO),
        Just(Decimal::MAX),
        Just(Decimal::MIN),
    ]
}

/// Checks a fixed-point result against `Decimal`'s: when the fixed-point one exists it is
/// the same `Decimal`; when it does not, `Decimal` had to round, overflowed, or the integer
/// type overflowed.
fn same<I: Int>(what: &str, fixed: Option<Fixed<I>>, exact: Option<Decimal>) {
    if let Some(f) = fixed {
        let got = f
            .decimal()
            .expect("a fixed-point result is a valid Decimal");
        let want = exact.unwrap_or_else(|| panic!("{what}: Decimal overflows, fixed gives {got}"));
        assert_eq!(bits(got), bits(want), "{what}: {got} against {want}");
    }
}

proptest! {
    #[test]
    fn conversions_round_trip(a in amount()) {
        let wide = Fixed::<i128>::of(a);
        prop_assert_eq!(wide.decimal().map(bits), Some(bits(a)));
        prop_assert_eq!(Fixed::<i128>::try_of(a), Some(wide));
        let narrow = Fixed::<i64>::try_of(a);
        prop_assert_eq!(narrow.is_some(), i64::try_from(a.mantissa()).is_ok());
        if let Some(n) = narrow {
            prop_assert_eq!(n.decimal(), Some(a));
        }
        prop_assert_eq!(wide.to_f64(), crate::money::to_f64(a));
    }

    #[test]
    fn sums_products_and_differences_are_decimal_arithmetic(a in amount(), b in amount()) {
        let (wa, wb) = (Fixed::<i128>::of(a), Fixed::<i128>::of(b));
        same("add", wa.checked_add(wb), a.checked_add(b));
        same("sub", wa.checked_sub(wb), a.checked_sub(b));
        same("mul", wa.checked_mul(wb), a.checked_mul(b));
        if let (Some(na), Some(nb)) = (Fixed::<i64>::try_of(a), Fixed::<i64>::try_of(b)) {
            same("add64", na.checked_add(nb), a.checked_add(b));
            same("sub64", na.checked_sub(nb), a.checked_sub(b));
            same("mul64", na.checked_mul(nb), a.checked_mul(b));
        }
        // In 128 bits, a result `Decimal` writes exactly at the operands' scale is never
        // refused.
        if let Some(sum) = a.checked_add(b) {
            if sum.scale() == a.scale().max(b.scale()) && !sum.is_zero() {
                prop_assert!(wa.checked_add(wb).is_some(), "{} + {}", a, b);
            }
        }
        if let Some(product) = a.checked_mul(b) {
            if product.scale() == a.scale() + b.scale() {
                prop_assert!(wa.checked_mul(wb).is_some(), "{} x {}", a, b);
            }
        }
        // Exact comparison, as cross-multiplication of ratios over 1.
        prop_assert_eq!(cmp_ratios(parts(a), (1, 0), parts(b), (1, 0)), a.cmp(&b));
    }

    #[test]
    fn halves_are_decimal_division_by_two(a in amount()) {
        same("half", Fixed::<i128>::of(a).half(), a.checked_div(Decimal::TWO));
        if let Some(n) = Fixed::<i64>::try_of(a) {
            same("half64", n.half(), a.checked_div(Decimal::TWO));
        }
    }

    #[test]
    fn rounding_is_decimal_rounding(a in amount(), dp in 0u32..=28) {
        for mode in MODES {
            let want = a.round_dp_with_strategy(dp, mode);
            for got in [
                Fixed::<i128>::of(a).round(dp, mode),
                Fixed::<i64>::try_of(a).and_then(|n| n.round(dp, mode)).map(|n| Fixed {
                    units: i128::from(n.units),
                    scale: n.scale,
                }),
            ]
            .into_iter()
            .flatten()
            {
                let got = got.decimal().unwrap();
                // The value and the scale; a zero is positive here, where `Decimal` may keep
                // the sign of a negative amount.
                prop_assert_eq!(got, want, "{} {:?} {}", a, mode, dp);
                prop_assert_eq!(got.scale(), want.scale());
                if !want.is_zero() {
                    prop_assert_eq!(bits(got), bits(want));
                }
            }
            prop_assert!(Fixed::<i128>::of(a).round(dp, mode).is_some());
        }
    }

    #[test]
    fn padding_keeps_the_value(a in amount(), dp in 0u32..=28) {
        let wide = Fixed::<i128>::of(a);
        if let Some(p) = wide.pad(dp) {
            let d = p.decimal().unwrap();
            prop_assert_eq!(d, a);
            prop_assert_eq!(d.scale(), a.scale().max(dp));
        } else {
            // Only an amount too large for that many places is refused.
            let mut padded = a;
            padded.rescale(dp);
            prop_assert!(padded != a || padded.scale() < dp);
        }
    }

    #[test]
    fn rounded_division_matches_decimal(
        n in -1_000_000_000_000i128..1_000_000_000_000,
        d in 1i128..1_000_000,
    ) {
        // Few enough digits that `Decimal`'s 28-digit quotient is never rounded across a
        // midpoint or onto a whole number: `Decimal` is then the exact reference.
        let q = Decimal::from_i128_with_scale(n, 0) / Decimal::from_i128_with_scale(d, 0);
        for mode in MODES {
            let want = q.round_dp_with_strategy(0, mode);
            prop_assert_eq!(
                div_rounded(n, d, mode).map(|x| Decimal::from_i128_with_scale(x, 0)),
                Some(want),
                "{} / {} {:?}", n, d, mode
            );
        }
    }

    #[test]
    fn rounded_division_of_any_size(n in any::<i128>(), d in 1i128..=i128::MAX) {
        for mode in MODES {
            let Some(q) = div_rounded(n, d, mode) else {
                // Only a quotient past i128 (i128::MIN / 1 rounded away) is refused.
                prop_assert!(n == i128::MIN);
                continue;
            };
            // Within one divisor of the numerator, on the side the mode says.
            let truncated = n / d;
            prop_assert!((q - truncated).abs() <= 1);
            match mode {
                RoundingStrategy::ToZero => prop_assert_eq!(q, truncated),
                RoundingStrategy::ToNegativeInfinity => prop_assert_eq!(q, n.div_euclid(d)),
                RoundingStrategy::ToPositiveInfinity => {
                    prop_assert_eq!(q, n.div_euclid(d) + i128::from(n.rem_euclid(d) != 0))
                }
                RoundingStrategy::AwayFromZero => {
                    prop_assert_eq!(q, truncated + i128::from(n % d != 0) * n.signum())
                }
                _ => {
                    // Nearest: 2 |r| against d decides, the mode only settles a tie.
                    let r = (n % d).unsigned_abs();
                    let twice = Big::from_u128(r).add(&Big::from_u128(r));
                    let up = match twice.cmp(&Big::from_u128(d.unsigned_abs())) {
                        Ordering::Greater => true,
                        Ordering::Less => false,
                        Ordering::Equal => match mode {
                            RoundingStrategy::MidpointAwayFromZero => true,
                            RoundingStrategy::MidpointTowardZero => false,
                            _ => truncated % 2 != 0,
                        },
                    };
                    prop_assert_eq!(q, truncated + i128::from(up) * n.signum());
                }
            }
        }
    }

    #[test]
    fn big_division_is_u128_division(n in any::<u128>(), d in 1u128..) {
        let (q, r) = Big::from_u128(n).div_rem(&Big::from_u128(d));
        prop_assert_eq!((q.to_u128(), r.to_u128()), (Some(n / d), Some(n % d)));
    }
}

#[test]
fn overflow_is_none_never_a_panic() {
    let max = Fixed::<i64>::try_of(Decimal::from(i64::MAX)).unwrap();
    assert_eq!(max.checked_add(max), None);
    assert_eq!(max.checked_mul(max), None);
    assert_eq!(max.rescale(1), None);
    assert_eq!(Fixed::<i64>::try_of(Decimal::MAX), None);
    let top = Fixed::<i128>::of(Decimal::MAX);
    // Past 96 bits `Decimal` would round: refused.
    assert_eq!(top.checked_add(top), None);
    assert_eq!(top.checked_mul(top), None);
    assert_eq!(top.pad(1), None);
    // Past 28 places.
    let tiny = Fixed::<i128>::of(dec!(0.0000000000000000000000000001));
    assert_eq!(tiny.checked_mul(tiny), None);
    assert_eq!(tiny.rescale(29), None);
    assert_eq!(Fixed::<i128>::new(1, 29), None);
    // A scale going down is rounding, never a rescale.
    assert_eq!(Fixed::<i128>::cents(5).rescale(1), None);
    assert_eq!(div_rounded(1, 0, RoundingStrategy::ToZero), None);
    assert_eq!(div_rounded(1, -2, RoundingStrategy::ToZero), None);
    assert_eq!(
        div_rounded(i128::MIN, 1, RoundingStrategy::ToZero),
        Some(i128::MIN)
    );
    assert_eq!(pow10::<i64>(19), None);
    assert_eq!(pow10::<i64>(18), Some(10i64.pow(18)));
    assert_eq!(pow10::<i128>(39), None);
    assert_eq!(
        Fixed::<i128>::new(-1, 0).unwrap().saturating_decimal(),
        Decimal::NEGATIVE_ONE
    );
    assert_eq!(
        Fixed::<i128>::cents(i128::MIN).saturating_decimal(),
        Decimal::MIN
    );
}

#[test]
fn money_rounding_examples() {
    let cents = |d: Decimal| {
        Fixed::<i128>::of(d)
            .round(2, RoundingStrategy::MidpointAwayFromZero)
            .and_then(|f| f.pad(2))
            .and_then(Fixed::decimal)
            .map(|d| d.to_string())
    };
    assert_eq!(cents(dec!(2.345)).as_deref(), Some("2.35"));
    assert_eq!(cents(dec!(-2.345)).as_deref(), Some("-2.35"));
    assert_eq!(cents(dec!(0.125)).as_deref(), Some("0.13"));
    assert_eq!(cents(dec!(21.7)).as_deref(), Some("21.70"));
    assert_eq!(cents(dec!(5)).as_deref(), Some("5.00"));
    // Banker's rounding, named: 2.345 -> 2.34.
    let even = Fixed::<i128>::of(dec!(2.345))
        .round(2, RoundingStrategy::MidpointNearestEven)
        .and_then(Fixed::decimal);
    assert_eq!(even, Some(dec!(2.34)));
    // Half away from zero, on the 64-bit path and on the 128-bit one.
    let half_up = |n, d| div_rounded(n, d, RoundingStrategy::MidpointAwayFromZero);
    assert_eq!(half_up(5, 10), Some(1));
    assert_eq!(half_up(4, 10), Some(0));
    assert_eq!(half_up(15, 10), Some(2));
    assert_eq!(half_up(-15, 10), Some(-2));
    let big = i128::from(u64::MAX);
    assert_eq!(half_up(big, 2), Some(big / 2 + 1));
    assert_eq!(half_up(big + 1, 2), Some((big + 1) / 2));
    assert_eq!(half_up(big * 10 + 5, 10), Some(big + 1));
    assert_eq!(half_up(big * 10 + 4, 10), Some(big));
}

#[test]
fn halves_take_the_scale_of_decimal_division() {
    for scale in 0..=28 {
        for mantissa in (1..200).chain([i64::MAX / 50, i64::MAX / 50 + 1, i64::MAX]) {
            let stake = Decimal::new(mantissa, scale);
            let half = Fixed::<i64>::try_of(stake).and_then(Fixed::half);
            if let Some(half) = half {
                assert_eq!(
                    half.decimal().map(bits),
                    Some(bits(stake / Decimal::TWO)),
                    "{stake} / 2"
                );
            }
            // Every even mantissa and every odd one up to 19 places take the integer path.
            if mantissa < 200 {
                assert_eq!(half.is_some(), mantissa % 2 == 0 || scale <= 19);
            }
        }
    }
}

#[test]
fn fixed_fractions_round_exactly() {
    let mut state = 0x9e37_79b9_7f4a_7c15_u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut fractions = vec![(0, 1200), (1, 2), (35, 12_000), (5, 1200), (1, 3), (2, 3)];
    fractions.extend([(1 << 62, 1 << 63), ((1 << 63) - 1, 1 << 63), (1, 1 << 63)]);
    for _ in 0..1000 {
        let den = (next() >> (next() % 63 + 1)).max(1);
        fractions.push((next() % den, den));
    }
    for (num, den) in fractions {
        let fixed = FixedFraction::new(num, den).unwrap();
        let mut amounts = vec![0, 1, 2, den, den / 2, den.saturating_mul(3) / 2, u64::MAX];
        for _ in 0..200 {
            amounts.push(next() >> (next() % 64));
        }
        for a in amounts {
            // Half up on a num / den: floor((2 a num + den) / (2 den)), in 256 bits' worth.
            let (a, n, d) = (u128::from(a), u128::from(num), u128::from(den));
            let product = a * n; // < 2^127
            let expected = (product / d) + u128::from(2 * (product % d) >= d);
            assert_eq!(
                u128::from(fixed.round(a as u64)),
                expected,
                "{a} x {num} / {den}"
            );
        }
    }
    assert!(FixedFraction::new(1, 1).is_none() && FixedFraction::new(1, 0).is_none());
    assert!(FixedFraction::new(1, (1 << 63) + 1).is_none());
}

fn cmp(a: Decimal, b: Decimal, c: Decimal, d: Decimal) -> Ordering {
    cmp_ratios(parts(a), parts(b), parts(c), parts(d))
}

#[test]
fn ratios_compare_exactly() {
    // 0.01 / 0.1 and 0.03 / 0.3 are both 0.1 (their floats differ by one ulp)
    assert_eq!(
        cmp(dec!(0.01), dec!(0.1), dec!(0.03), dec!(0.3)),
        Ordering::Equal
    );
    assert_eq!(
        cmp(dec!(2.02), dec!(2.00), dec!(1.01), dec!(1)),
        Ordering::Equal
    );
    assert_eq!(
        cmp(dec!(2.06), dec!(2), dec!(1.03), dec!(1)),
        Ordering::Equal
    );
    assert_eq!(cmp(dec!(-1), dec!(3), dec!(-2), dec!(6)), Ordering::Equal);
    assert_eq!(cmp(dec!(-1), dec!(3), dec!(1), dec!(3)), Ordering::Less);
    assert_eq!(
        cmp(dec!(1), dec!(3), dec!(0.333), dec!(1)),
        Ordering::Greater
    );
    // products beyond i128 take the unbounded path
    let big = Decimal::MAX;
    let tiny = dec!(0.0000000000000000000000000001);
    assert_eq!(cmp(big, big, tiny, tiny), Ordering::Equal);
    assert_eq!(cmp(big, tiny, big, dec!(1)), Ordering::Greater);
    assert_eq!(cmp(-big, tiny, -big, dec!(1)), Ordering::Less);
    assert_eq!(cmp(big, dec!(1), -big, dec!(1)), Ordering::Greater);
}

#[test]
fn big_arithmetic() {
    let x = Big::from_u128(u128::MAX);
    assert_eq!(x.add(&Big::from_u128(1)), Big(vec![0, 0, 1]));
    assert_eq!(x.mul(&Big::default()), Big::default());
    assert!(x.mul(&x) > x);
    assert_eq!(Big::from_u128(7).mul_pow10(2), Big::from_u128(700));
    assert_eq!(
        Big::from_u128(1).mul_pow10(40),
        Big::from_u128(10u128.pow(38)).mul_pow10(2)
    );
    let (q, r) = x.mul(&x).div_rem(&x);
    assert_eq!((q, r), (x.clone(), Big::default()));
    assert_eq!(x.sub(&x.add(&x)), Big::default());
    assert_eq!(x.add(&x).sub(&x), x);
    assert_eq!(x.mul(&x).to_u128(), None);
    assert_eq!(x.div_rem(&Big::default()), (Big::default(), x.clone()));
}

/// An odd amount beyond a 64-bit mantissa: `Decimal` halves it with one extra place, not two,
/// so the fixed-point half declines it (found by `halves_are_decimal_division_by_two`).
#[test]
fn halves_beyond_64_bits_take_decimal_arithmetic() {
    let odd = dec!(107656483077795240622189860.9);
    assert_eq!(
        (odd / Decimal::TWO).to_string(),
        "53828241538897620311094930.45"
    );
    assert!(Fixed::<i128>::of(odd).half().is_none());
    let small = dec!(1.5);
    same(
        "half",
        Fixed::<i128>::of(small).half(),
        small.checked_div(Decimal::TWO),
    );
}
