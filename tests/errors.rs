//! Every error kind of `edgecore::Error` is produced by a real call with a bad input, and its
//! message names the bad value. The Python and Node suites hold the same table.

use chrono::{TimeDelta, TimeZone, Utc};
use edgecore::finance::patrimony::{
    CryptoHolding, NetWorthOptions, Price, PriceBook, Profile, net_worth,
};
use edgecore::{Error, Market, Selection};
use rust_decimal::Decimal;
use std::collections::HashMap;

fn crypto_profile() -> Profile {
    Profile {
        crypto: vec![CryptoHolding {
            symbol: "BTC".into(),
            quantity: Decimal::ONE,
        }],
        ..Profile::default()
    }
}

fn stale_book() -> PriceBook {
    let captured = Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap();
    PriceBook {
        prices: HashMap::from([(
            "BTC".to_string(),
            Price {
                price: Decimal::from(90_000),
                as_of: captured,
            },
        )]),
    }
}

/// A call that must fail.
fn fails<T: std::fmt::Debug>(result: edgecore::Result<T>) -> Error {
    result.expect_err("a bad input must be an error")
}

/// One failing call per kind, with a fragment its message must contain.
fn failures() -> Vec<(Error, &'static str)> {
    use edgecore::devig::{DevigMethod, devig};
    use edgecore::finance::tvm;
    let as_of = Utc.with_ymd_and_hms(2026, 11, 21, 12, 0, 0).unwrap();
    let options = NetWorthOptions::new(as_of, TimeDelta::hours(1));
    let no_snapshots: &[edgecore::PriceSnapshot] = &[];
    vec![
        (fails(edgecore::odds::implied_probability(0.9)), "0.9"),
        (fails(edgecore::odds::american_to_decimal(50.0)), "50"),
        (fails(edgecore::kelly::kelly_fraction(2.0, 1.5)), "1.5"),
        (fails(devig(&[2.0], DevigMethod::Shin, 1.0)), "got 1"),
        (fails(tvm::irr(&[-1.0])), "values"),
        (
            fails(edgecore::clv::clv_batch(&[2.0], &[2.0, 2.1])),
            "has 2",
        ),
        (fails(devig(&[1.9, 2.2], DevigMethod::Shin, 1.0)), "shin"),
        (
            fails(devig(&[1.1, 4.0, 80.0], DevigMethod::Additive, 1.0)),
            "outcome 2",
        ),
        (
            fails(tvm::rate(10.0, 0.0, 100.0, 100.0, tvm::When::End, None)),
            "rate",
        ),
        (
            fails(edgecore::clv::closing_line(
                no_snapshots,
                "e1",
                as_of,
                "pinnacle",
                Market::H2h,
                None,
                Selection::Home,
            )),
            "pinnacle",
        ),
        (
            fails(Market::Totals.check(Selection::Over, Some(Decimal::new(23, 1)))),
            "2.3",
        ),
        (
            fails(Market::Totals.check(Selection::Home, Some(Decimal::new(25, 1)))),
            "home",
        ),
        (
            fails(edgecore::money::floor_to_unit(Decimal::ONE, Decimal::ZERO)),
            "unit",
        ),
        (
            fails(tvm::pmt(f64::NAN, 12.0, 100.0, 0.0, tvm::When::End)),
            "NaN",
        ),
        (fails("corners".parse::<Market>()), "corners"),
        (
            Error::invalid_record("bet", "missing field `stake`"),
            "stake",
        ),
        (
            fails(net_worth(
                &crypto_profile(),
                &PriceBook::default(),
                &options,
            )),
            "BTC",
        ),
        (
            fails(net_worth(&crypto_profile(), &stale_book(), &options)),
            "BTC",
        ),
    ]
}

#[test]
fn every_error_kind_is_raised_and_names_its_value() {
    let failures = failures();
    for kind in Error::KINDS {
        let found = failures.iter().find(|(e, _)| e.kind() == *kind);
        let (error, fragment) = found.unwrap_or_else(|| panic!("no failing call for {kind}"));
        assert!(
            error.to_string().contains(fragment),
            "{kind}: {error} should name {fragment:?}"
        );
    }
    assert_eq!(failures.len(), Error::KINDS.len());
}
