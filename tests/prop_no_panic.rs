//! Robustness of the whole public API: every public function is called with arbitrary and
//! extreme inputs (Decimal::MAX and MIN, 28-digit scales, NaN, infinities, subnormals, -0.0,
//! dates at the ends of the calendar, empty and long slices, duplicate ids...) and must
//! neither panic (a panic would cross the bindings' FFI boundary) nor return a NaN or an
//! infinity anywhere in an `Ok` result, nested fields included.

use chrono::{DateTime, Duration, NaiveDate, TimeDelta, Utc};
use edgecore::agents::{
    AgentName, AgentRecord, AnomalyConfig, BacktestConfig, Board, BoardConfig, ConsensusConfig,
    GeneratorConfig, History, MovementConfig, Opportunity, Position, ResultRecord, SpreadConfig,
    Staking, agent_records, arbitrage, backtest, compare_agents, consensus, find_anomalies,
    find_movements, generate, hedge, price_series, robust_z, scan_spreads,
};
use edgecore::clv::{ClvTier, closing_line, closing_market, clv, clv_batch, clv_fair};
use edgecore::devig::{DevigMethod, devig, devig_batch};
use edgecore::finance::amortization::{
    Deferral, DeferralKind, Insurance, InsuranceBase, Loan, LoanKind, amortization_schedule,
    payments_made, remaining_capital, remaining_capital_batch,
};
use edgecore::finance::mrr::{BillingPeriod, Subscription as Sale, mrr, mrr_movement};
use edgecore::finance::patrimony::{
    CashAccount, CryptoHolding, Debt, Envelope, Investment, NetWorthOptions, OtherAsset, Price,
    PriceBook, Profile, RealEstate, net_worth,
};
use edgecore::finance::plan::{
    ContributionTiming, MonthlyRate, PlanLine, investment_plan, project_contributions, project_plan,
};
use edgecore::finance::savings::savings_progress;
use edgecore::finance::tvm::{
    DayCount, When, cumipmt, cumprinc, effective_rate, fv, fv_batch, ipmt, ipmt_batch, irr, mirr,
    nominal_rate, nper, nper_batch, npv, npv_excel, pmt, pmt_batch, ppmt, ppmt_batch, pv, pv_batch,
    rate, rate_batch, xirr, xnpv, year_fraction,
};
use edgecore::kelly::{
    KellyPolicy, edge, expected_log_growth, expected_log_growth_exclusive, kelly_exclusive,
    kelly_exclusive_detail, kelly_fraction, kelly_fraction_batch, kelly_stake_detail,
};
use edgecore::money::{allocate_largest_remainder, floor_to_unit, from_f64, round_cents, to_f64};
use edgecore::odds::{
    Fractional, american_to_decimal, decimal_to_american, decimal_to_fractional,
    decimal_to_hong_kong, decimal_to_indonesian, decimal_to_malay, fractional_to_decimal, hold,
    hong_kong_to_decimal, implied_probability, indonesian_to_decimal, malay_to_decimal, overround,
};
use edgecore::risk::{
    Payment, RiskConfig, RiskWeights, Subscriber, Subscription, risk_score, risk_score_batch,
    risk_score_batch_with_progress, risk_summary,
};
use edgecore::settle::{H2hFormat, SettleRules, settle, settle_batch, settle_by_event};
use edgecore::stats::{
    BetFilter, BreakdownKey, Weekday, Window, breakdown, filter_bets, filter_indices, heatmap,
    normal_cdf, performance, window, window_indices,
};
use edgecore::{Bet, Error, Event, EventResult, Market, Outcome, PriceSnapshot, Selection};
use proptest::prelude::*;
use proptest::sample::select;
use rust_decimal::Decimal;
use serde::Serialize;
use serde::ser::{self, Serializer};
use std::collections::HashMap;
use std::fmt;

// ---------------------------------------------------------------------------------------
// A serializer that only checks that every f32/f64 it meets is finite.

#[derive(Debug)]
struct NonFinite(String);

impl fmt::Display for NonFinite {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "non-finite number in a result: {}", self.0)
    }
}

impl std::error::Error for NonFinite {}

impl ser::Error for NonFinite {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        NonFinite(msg.to_string())
    }
}

struct Finite;

type Done = Result<(), NonFinite>;

fn float(v: f64) -> Done {
    if v.is_finite() {
        Ok(())
    } else {
        Err(NonFinite(v.to_string()))
    }
}

impl Serializer for &mut Finite {
    type Ok = ();
    type Error = NonFinite;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    fn serialize_bool(self, _: bool) -> Done {
        Ok(())
    }
    fn serialize_i8(self, _: i8) -> Done {
        Ok(())
    }
    fn serialize_i16(self, _: i16) -> Done {
        Ok(())
    }
    fn serialize_i32(self, _: i32) -> Done {
        Ok(())
    }
    fn serialize_i64(self, _: i64) -> Done {
        Ok(())
    }
    fn serialize_u8(self, _: u8) -> Done {
        Ok(())
    }
    fn serialize_u16(self, _: u16) -> Done {
        Ok(())
    }
    fn serialize_u32(self, _: u32) -> Done {
        Ok(())
    }
    fn serialize_u64(self, _: u64) -> Done {
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Done {
        float(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Done {
        float(v)
    }
    fn serialize_char(self, _: char) -> Done {
        Ok(())
    }
    fn serialize_str(self, _: &str) -> Done {
        Ok(())
    }
    fn serialize_bytes(self, _: &[u8]) -> Done {
        Ok(())
    }
    fn serialize_none(self) -> Done {
        Ok(())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Done {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Done {
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Done {
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, _: &'static str) -> Done {
        Ok(())
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, v: &T) -> Done {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        v: &T,
    ) -> Done {
        v.serialize(self)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self, NonFinite> {
        Ok(self)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self, NonFinite> {
        Ok(self)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self, NonFinite> {
        Ok(self)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self, NonFinite> {
        Ok(self)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self, NonFinite> {
        Ok(self)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, NonFinite> {
        Ok(self)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self, NonFinite> {
        Ok(self)
    }
}

macro_rules! compound {
    ($($trait:ident :: $method:ident),*) => {$(
        impl ser::$trait for &mut Finite {
            type Ok = ();
            type Error = NonFinite;
            fn $method<T: ?Sized + Serialize>(&mut self, v: &T) -> Done {
                v.serialize(&mut **self)
            }
            fn end(self) -> Done {
                Ok(())
            }
        }
    )*};
}

compound!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for &mut Finite {
    type Ok = ();
    type Error = NonFinite;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, k: &T) -> Done {
        k.serialize(&mut **self)
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, v: &T) -> Done {
        v.serialize(&mut **self)
    }
    fn end(self) -> Done {
        Ok(())
    }
}

impl ser::SerializeStruct for &mut Finite {
    type Ok = ();
    type Error = NonFinite;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, _: &'static str, v: &T) -> Done {
        v.serialize(&mut **self)
    }
    fn end(self) -> Done {
        Ok(())
    }
}

impl ser::SerializeStructVariant for &mut Finite {
    type Ok = ();
    type Error = NonFinite;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, _: &'static str, v: &T) -> Done {
        v.serialize(&mut **self)
    }
    fn end(self) -> Done {
        Ok(())
    }
}

/// Fails the case when an `Ok` result holds a NaN or an infinity anywhere.
fn finite<T: Serialize + fmt::Debug>(result: &Result<T, Error>) -> Result<(), TestCaseError> {
    if let Ok(value) = result {
        value
            .serialize(&mut Finite)
            .map_err(|e| TestCaseError::fail(format!("{e} in {value:?}")))?;
    }
    Ok(())
}

/// Same for a plain value.
fn finite_value<T: Serialize + fmt::Debug>(value: &T) -> Result<(), TestCaseError> {
    value
        .serialize(&mut Finite)
        .map_err(|e| TestCaseError::fail(format!("{e} in {value:?}")))
}

// ---------------------------------------------------------------------------------------
// Input strategies: mostly ordinary values, often the extremes.

fn special_f64() -> impl Strategy<Value = f64> {
    select(vec![
        0.0,
        -0.0,
        1.0,
        -1.0,
        0.5,
        2.0,
        100.0,
        -100.0,
        1e15,
        -1e15,
        1e300,
        -1e300,
        1e-300,
        1e-12,
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::MAX,
        f64::MIN,
        f64::MIN_POSITIVE,
        5e-324,
        -5e-324,
        f64::EPSILON,
        1.0 + f64::EPSILON,
        1.0 - f64::EPSILON / 2.0,
        -1.0 + f64::EPSILON,
        -1.0 - f64::EPSILON,
    ])
}

fn num() -> impl Strategy<Value = f64> {
    prop_oneof![
        3 => special_f64(),
        2 => -10.0..10.0f64,
        1 => any::<f64>(),
        1 => -1e9..1e9f64,
    ]
}

fn odds() -> impl Strategy<Value = f64> {
    prop_oneof![3 => 1.0001..20.0f64, 1 => num()]
}

fn prob() -> impl Strategy<Value = f64> {
    prop_oneof![3 => 0.0..=1.0f64, 1 => num()]
}

fn special_dec() -> impl Strategy<Value = Decimal> {
    select(vec![
        Decimal::ZERO,
        Decimal::ONE,
        Decimal::NEGATIVE_ONE,
        Decimal::TWO,
        Decimal::TEN,
        Decimal::ONE_HUNDRED,
        Decimal::MAX,
        Decimal::MIN,
        Decimal::new(1, 28),
        Decimal::new(-1, 28),
        Decimal::from_parts(u32::MAX, u32::MAX, u32::MAX, false, 28),
        Decimal::from_parts(u32::MAX, u32::MAX, u32::MAX, false, 1),
        Decimal::from_parts(u32::MAX, u32::MAX, u32::MAX, true, 0),
        Decimal::new(5, 1),
        Decimal::new(25, 2),
        Decimal::new(101, 2),
        Decimal::new(1_000_000_000_000, 0),
        Decimal::new(1_000_000_000_001, 0),
        Decimal::new(1, 10),
    ])
}

fn dec() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        2 => special_dec(),
        3 => (-1_000_000i64..1_000_000, 0u32..=4).prop_map(|(m, s)| Decimal::new(m, s)),
        1 => (any::<i64>(), 0u32..=28).prop_map(|(m, s)| Decimal::new(m, s)),
        1 => (any::<u32>(), any::<u32>(), any::<u32>(), any::<bool>(), 0u32..=28)
            .prop_map(|(a, b, c, neg, s)| Decimal::from_parts(a, b, c, neg, s)),
    ]
}

fn price_dec() -> impl Strategy<Value = Decimal> {
    prop_oneof![3 => (101i64..5000).prop_map(|c| Decimal::new(c, 2)), 1 => dec()]
}

fn money() -> impl Strategy<Value = Decimal> {
    prop_oneof![3 => (0i64..10_000_000).prop_map(|c| Decimal::new(c, 2)), 1 => dec()]
}

fn date() -> impl Strategy<Value = NaiveDate> {
    prop_oneof![
        1 => select(vec![
            NaiveDate::MIN,
            NaiveDate::MAX,
            NaiveDate::from_ymd_opt(2024, 2, 29).unwrap_or_default(),
            NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default(),
            NaiveDate::from_ymd_opt(2023, 12, 31).unwrap_or_default(),
        ]),
        4 => (2020i32..2027, 1u32..=12, 1u32..=28)
            .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()),
    ]
}

fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    prop_oneof![
        1 => select(vec![DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC, DateTime::UNIX_EPOCH]),
        4 => (1_700_000_000i64..1_700_400_000)
            .prop_map(|s| DateTime::from_timestamp(s, 0).unwrap_or_default()),
    ]
}

fn market() -> impl Strategy<Value = Market> {
    select(Market::ALL.to_vec())
}

fn selection() -> impl Strategy<Value = Selection> {
    select(Selection::ALL.to_vec())
}

fn outcome() -> impl Strategy<Value = Outcome> {
    select(Outcome::ALL.to_vec())
}

fn line() -> impl Strategy<Value = Option<Decimal>> {
    prop_oneof![
        2 => Just(None),
        3 => (-20i64..=20).prop_map(|q| Some(Decimal::new(q * 25, 2))),
        1 => dec().prop_map(Some),
    ]
}

fn name() -> impl Strategy<Value = String> {
    select(vec![
        "a", "b", "c", "", "pinnacle", "anomaly", "spread", "movement",
    ])
    .prop_map(String::from)
}

fn bet() -> impl Strategy<Value = Bet> {
    (
        (name(), name(), market(), line(), selection(), name()),
        (price_dec(), money(), instant(), name()),
        (
            proptest::option::of(outcome()),
            proptest::option::of(price_dec()),
            proptest::option::of(prob()),
        ),
    )
        .prop_map(
            |(
                (event_id, league, market, line, selection, bookmaker),
                (odds, stake, placed_at, source),
                (outcome, closing_odds, closing_probability),
            )| Bet {
                id: event_id.clone(),
                event_id,
                league,
                market,
                line,
                selection,
                bookmaker,
                odds,
                stake,
                placed_at,
                source,
                outcome,
                closing_odds,
                closing_probability,
            },
        )
}

fn event_result() -> impl Strategy<Value = EventResult> {
    prop_oneof![
        1 => Just(EventResult::Cancelled),
        4 => (0u32..6, 0u32..6).prop_map(|(home, away)| EventResult::Final { home, away }),
        1 => (any::<u32>(), any::<u32>()).prop_map(|(home, away)| EventResult::Final { home, away }),
    ]
}

fn snapshot() -> impl Strategy<Value = PriceSnapshot> {
    (
        (
            0i64..40,
            select(vec!["e1", "e2"]),
            select(vec!["pinnacle", "b1", "b2", "b3"]),
        ),
        (market(), line(), selection(), price_dec()),
    )
        .prop_map(|((hour, event, book), (market, line, selection, price))| {
            let base = DateTime::from_timestamp(1_700_000_000, 0).unwrap_or_default();
            PriceSnapshot {
                captured_at: base + Duration::hours(hour),
                event_id: event.into(),
                bookmaker: book.into(),
                market,
                line,
                selection,
                price,
            }
        })
}

fn method() -> impl Strategy<Value = DevigMethod> {
    select(DevigMethod::ALL.to_vec())
}

fn when() -> impl Strategy<Value = When> {
    select(When::ALL.to_vec())
}

fn count() -> impl Strategy<Value = u32> {
    prop_oneof![3 => 0u32..400, 1 => select(vec![0, 1, 1200, 1201, u32::MAX])]
}

fn flows() -> impl Strategy<Value = Vec<f64>> {
    prop_oneof![
        3 => prop::collection::vec(-1000.0..1000.0f64, 0..8),
        1 => prop::collection::vec(num(), 0..8),
    ]
}

// ---------------------------------------------------------------------------------------

proptest! {
    #[test]
    fn odds_conversions(d in odds(), x in num(), n in any::<u64>(), m in any::<u64>()) {
        finite(&decimal_to_american(d))?;
        finite(&american_to_decimal(x))?;
        finite(&decimal_to_fractional(d))?;
        finite(&fractional_to_decimal(Fractional { numerator: n, denominator: m }))?;
        finite(&fractional_to_decimal(Fractional { numerator: n % 50, denominator: m % 7 }))?;
        finite(&decimal_to_hong_kong(d))?;
        finite(&hong_kong_to_decimal(x))?;
        finite(&decimal_to_malay(d))?;
        finite(&malay_to_decimal(x))?;
        finite(&decimal_to_indonesian(d))?;
        finite(&indonesian_to_decimal(x))?;
        finite(&implied_probability(d))?;
    }

    #[test]
    fn book_margins(prices in prop::collection::vec(odds(), 0..6)) {
        finite(&overround(&prices))?;
        finite(&hold(&prices))?;
    }

    #[test]
    fn devig_any_market(
        prices in prop::collection::vec(odds(), 0..6),
        method in method(),
        target in prop_oneof![3 => Just(1.0), 1 => num(), 1 => 0.0..3.0f64],
        width in prop_oneof![4 => 0usize..4, 1 => select(vec![usize::MAX, 1 << 40])],
    ) {
        finite(&devig(&prices, method, target))?;
        finite(&devig_batch(&prices, width, method, target))?;
    }

    #[test]
    fn clv_functions(
        taken in odds(),
        close in odds(),
        closing in prop::collection::vec(odds(), 0..4),
        outcome in 0usize..5,
        method in method(),
        x in num(),
    ) {
        finite(&clv(taken, close))?;
        finite(&clv_batch(&[taken, close], &[close, taken]))?;
        finite(&clv_batch(&[taken], &[]))?;
        finite(&clv_fair(taken, &closing, outcome, method))?;
        let _ = ClvTier::from_clv(x);
    }

    #[test]
    fn closing_lines(
        snaps in prop::collection::vec(snapshot(), 0..12),
        kickoff in instant(),
        market in market(),
        line in line(),
        sel in selection(),
        sels in prop::collection::vec(selection(), 0..4),
    ) {
        let _ = closing_line(&snaps, "e1", kickoff, "b1", market, line, sel);
        finite(&closing_market(&snaps, "e1", kickoff, "pinnacle", market, line, &sels))?;
    }

    #[test]
    fn kelly_functions(
        o in odds(),
        p in prob(),
        f in prop_oneof![0.0..=1.0f64, num()],
        os in prop::collection::vec(odds(), 0..5),
        ps in prop::collection::vec(prob(), 0..5),
        fs in prop::collection::vec(prop_oneof![0.0..0.3f64, num()], 0..5),
        bankroll in money(),
        policy in (prop_oneof![0.0..=1.0f64, num()], prop_oneof![0.0..=1.0f64, num()],
                   prop_oneof![Just(0.0), num()], money(), prop_oneof![Just(Decimal::new(1, 2)), dec()]),
    ) {
        finite(&edge(o, p))?;
        finite(&kelly_fraction(o, p))?;
        finite(&kelly_fraction_batch(&os, &ps))?;
        finite(&expected_log_growth(o, p, f))?;
        finite(&expected_log_growth_exclusive(&os, &ps, &fs))?;
        finite(&kelly_exclusive(&os, &ps))?;
        finite(&kelly_exclusive_detail(&os, &ps))?;
        let policy = KellyPolicy {
            fraction: policy.0,
            max_stake_share: policy.1,
            min_edge: policy.2,
            min_stake: policy.3,
            unit: policy.4,
        };
        finite(&kelly_stake_detail(bankroll, o, p, &policy))?;
        finite(&kelly_stake_detail(bankroll, o, p, &KellyPolicy::default()))?;
    }

    #[test]
    fn bets_and_settlement(
        bets in prop::collection::vec(bet(), 0..6),
        results in prop::collection::vec(event_result(), 0..6),
        stake in dec(),
        price in dec(),
        o in outcome(),
        market in market(),
        sel in selection(),
        line in line(),
        two_way in any::<bool>(),
    ) {
        let _ = o.payout(stake, price);
        let _ = market.check(sel, line);
        for b in &bets {
            let _ = b.payout();
            let _ = b.profit();
        }
        let rules = SettleRules { h2h: two_way.then_some(H2hFormat::TwoWay) };
        if let (Some(b), Some(r)) = (bets.first(), results.first()) {
            let _ = settle(b, r);
            let _ = rules.settle(b, r);
        }
        let _ = settle_batch(&bets, &results);
        let n = bets.len().min(results.len());
        let _ = rules.settle_batch(&bets[..n], &results[..n]);
        let by_event: HashMap<String, EventResult> = bets
            .iter()
            .zip(&results)
            .map(|(b, r)| (b.event_id.clone(), *r))
            .collect();
        let _ = settle_by_event(&bets, &by_event);
        let _ = rules.settle_by_event(&bets, &by_event);
    }

    #[test]
    fn statistics(
        bets in prop::collection::vec(bet(), 0..10),
        start in money(),
        as_of in date(),
        x in num(),
        at in instant(),
    ) {
        finite(&performance(&bets, start))?;
        for key in BreakdownKey::ALL {
            finite(&breakdown(&bets, *key))?;
        }
        finite(&heatmap(&bets))?;
        for w in Window::ALL {
            let _ = window(&bets, *w, as_of);
            let _ = window_indices(&bets, *w, as_of);
            let _ = w.start(as_of);
            let _ = w.contains(at, as_of);
        }
        for f in BetFilter::ALL {
            let _ = filter_bets(&bets, *f);
            let _ = filter_indices(&bets, *f);
        }
        let _ = Weekday::of(at);
        finite(&normal_cdf(x))?;
    }

    #[test]
    fn money_helpers(
        v in dec(),
        unit in dec(),
        x in num(),
        weights in prop::collection::vec(dec(), 0..5),
        dp in 0u32..31,
    ) {
        let _ = round_cents(v);
        let _ = floor_to_unit(v, unit);
        prop_assert!(to_f64(v).is_finite());
        let _ = from_f64("x", x);
        let _ = allocate_largest_remainder(v, &weights, dp);
    }

    #[test]
    fn time_value_of_money(
        (r, n, a, b, per) in (num(), num(), num(), num(), num()),
        w in when(),
        guess in proptest::option::of(num()),
        (np, start, end) in (count(), count(), count()),
        values in flows(),
        (fr, rr) in (num(), num()),
    ) {
        finite(&pmt(r, n, a, b, w))?;
        finite(&fv(r, n, a, b, w))?;
        finite(&pv(r, n, a, b, w))?;
        finite(&ipmt(r, per, n, a, b, w))?;
        finite(&ppmt(r, per, n, a, b, w))?;
        finite(&nper(r, a, b, per, w))?;
        finite(&rate(n, a, b, per, w, guess))?;
        finite(&cumprinc(r, np, a, start, end, w))?;
        finite(&cumipmt(r, np, a, start, end, w))?;
        finite(&effective_rate(r, np))?;
        finite(&nominal_rate(r, np))?;
        finite(&npv(r, &values))?;
        finite(&npv_excel(r, &values))?;
        finite(&irr(&values))?;
        finite(&mirr(&values, fr, rr))?;
        let col = vec![r, n, a];
        let mut out = vec![0.0; 3];
        let mut short = vec![0.0; 2];
        let _ = pmt_batch(&col, &col, &col, &col, w, &mut out);
        let _ = fv_batch(&col, &col, &col, &col, w, &mut out);
        let _ = pv_batch(&col, &col, &col, &col, w, &mut short);
        let _ = ipmt_batch(&col, &col, &col, &col, &col, w, &mut out);
        let _ = ppmt_batch(&col, &col, &col, &col, &col, w, &mut out);
        let _ = nper_batch(&col, &col, &col, &col, w, &mut out);
        let _ = rate_batch(&col, &col, &col, &col, w, guess, &mut out);
        for v in out {
            prop_assert!(v.is_finite());
        }
    }

    #[test]
    fn dated_flows(
        dates in prop::collection::vec(date(), 0..6),
        amounts in flows(),
        r in num(),
        guess in proptest::option::of(num()),
        (d1, d2) in (date(), date()),
    ) {
        for dc in DayCount::ALL {
            prop_assert!(year_fraction(d1, d2, *dc).is_finite());
            finite(&xnpv(r, &dates, &amounts, *dc))?;
            let n = dates.len().min(amounts.len());
            finite(&xnpv(r, &dates[..n], &amounts[..n], *dc))?;
            finite(&xirr(&dates[..n], &amounts[..n], guess, *dc))?;
        }
    }
}

fn loan() -> impl Strategy<Value = Loan> {
    (
        (
            prop_oneof![3 => (1i64..100_000_000).prop_map(|c| Decimal::new(c, 2)), 1 => dec()],
            prop_oneof![3 => (0i64..2000).prop_map(|c| Decimal::new(c, 2)), 1 => dec()],
            count(),
            date(),
            select(LoanKind::ALL.to_vec()),
        ),
        proptest::option::of((dec(), select(InsuranceBase::ALL.to_vec()))),
        proptest::option::of((count(), select(DeferralKind::ALL.to_vec()))),
    )
        .prop_map(
            |((principal, rate, months, first, kind), insurance, deferral)| Loan {
                insurance: insurance.map(|(annual_rate_pct, base)| Insurance {
                    annual_rate_pct,
                    base,
                }),
                deferral: deferral.map(|(months, kind)| Deferral { months, kind }),
                ..Loan::new(principal, rate, months, first, kind)
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn loans(loans in prop::collection::vec(loan(), 0..3), as_of in date()) {
        for l in &loans {
            let _ = l.validate();
            finite(&amortization_schedule(l))?;
            let _ = payments_made(l, as_of);
            let _ = remaining_capital(l, as_of);
        }
        let _ = remaining_capital_batch(&loans, as_of);
    }

    #[test]
    fn wealth(
        goal in money(),
        saved in money(),
        as_of in date(),
        capacity in money(),
        lines in prop::collection::vec((name(), prop_oneof![3 => Just(Decimal::new(50, 0)), 1 => dec()]), 0..4),
        returns in prop::collection::vec(num(), 0..4),
        monthly in money(),
        years in prop_oneof![3 => 0u32..30, 1 => select(vec![100, 101, u32::MAX])],
        equivalent in any::<bool>(),
        at_start in any::<bool>(),
    ) {
        finite(&savings_progress(goal, saved, as_of))?;
        let rate = if equivalent { MonthlyRate::Equivalent } else { MonthlyRate::Proportional };
        let timing = if at_start { ContributionTiming::Start } else { ContributionTiming::End };
        let r = returns.first().copied().unwrap_or(5.0);
        finite(&project_contributions(monthly, r, years, rate, timing))?;
        let lines: Vec<PlanLine> = lines
            .into_iter()
            .map(|(name, percent)| PlanLine { name, percent })
            .collect();
        let plan = investment_plan(capacity, &lines);
        finite(&plan)?;
        let empty = edgecore::finance::plan::Plan { capacity, lines: Vec::new() };
        finite(&project_plan(&empty, &[], years, rate, timing))?;
        if let Ok(plan) = plan {
            finite(&project_plan(&plan, &returns, years, rate, timing))?;
        }
    }

    #[test]
    fn net_worths(
        amounts in prop::collection::vec(money(), 6),
        loan in proptest::option::of(loan()),
        quantity in money(),
        unit_price in money(),
        (as_of, priced_at) in (instant(), instant()),
        age in prop_oneof![Just(3600i64), any::<i64>()],
        best_effort in any::<bool>(),
    ) {
        let profile = Profile {
            cash: vec![CashAccount { name: "c".into(), amount: amounts[0] }],
            investments: vec![Investment { name: "i".into(), envelope: Envelope::Pea, value: amounts[1] }],
            real_estate: vec![RealEstate { name: "r".into(), value: amounts[2], loan }],
            crypto: vec![
                CryptoHolding { symbol: "BTC".into(), quantity },
                CryptoHolding { symbol: "ETH".into(), quantity: amounts[3] },
            ],
            other_assets: vec![OtherAsset { name: "o".into(), value: amounts[4] }],
            other_debts: vec![Debt { name: "d".into(), amount: amounts[5] }],
        };
        let mut prices = PriceBook::default();
        prices.prices.insert("BTC".into(), Price { price: unit_price, as_of: priced_at });
        let max_price_age = TimeDelta::try_seconds(age).unwrap_or(TimeDelta::MAX);
        let options = NetWorthOptions { best_effort, ..NetWorthOptions::new(as_of, max_price_age) };
        finite(&net_worth(&profile, &prices, &options))?;
    }

    #[test]
    fn recurring_revenue(
        subs in prop::collection::vec(
            (name(), name(), money(), any::<bool>(), date(), proptest::option::of(date())),
            0..8,
        ),
        as_of in date(),
        year in prop_oneof![2020i32..2027, any::<i32>()],
        month in prop_oneof![1u32..=12, any::<u32>()],
    ) {
        let subs: Vec<Sale> = subs
            .into_iter()
            .map(|(customer, plan, price, yearly, start, end)| Sale {
                customer,
                plan,
                price,
                period: if yearly { BillingPeriod::Yearly } else { BillingPeriod::Monthly },
                start,
                end,
            })
            .collect();
        for s in &subs {
            let _ = s.check();
            let _ = s.is_active(as_of);
        }
        finite(&mrr(&subs, as_of))?;
        finite(&mrr_movement(&subs, year, month))?;
    }

    #[test]
    fn risk_scores(
        subs in prop::collection::vec(
            (date(), prop::collection::vec((date(), money(), any::<bool>()), 0..6),
             prop::collection::vec((money(), date(), proptest::option::of(date())), 0..3)),
            0..4,
        ),
        as_of in date(),
        weights in prop::collection::vec(prop_oneof![3 => Just(0.2), 1 => num()], 5),
        thresholds in (prop_oneof![Just(0.2), num()], prop_oneof![Just(0.4), num()], prop_oneof![Just(0.7), num()]),
        low_cost in money(),
        recent_window in prop_oneof![1usize..5, any::<usize>()],
        horizon in count(),
        new_days in count(),
    ) {
        let subscribers: Vec<Subscriber> = subs
            .into_iter()
            .enumerate()
            .map(|(i, (signup, payments, plans))| Subscriber {
                id: i.to_string(),
                signup,
                payments: payments
                    .into_iter()
                    .map(|(date, amount, succeeded)| Payment { date, amount, succeeded })
                    .collect(),
                subscriptions: plans
                    .into_iter()
                    .map(|(monthly_amount, start, end)| Subscription {
                        plan: "p".into(),
                        monthly_amount,
                        start,
                        end,
                    })
                    .collect(),
            })
            .collect();
        let config = RiskConfig {
            weights: RiskWeights {
                recent_failures: weights[0],
                amount: weights[1],
                failure_rate: weights[2],
                pays_once: weights[3],
                account_age: weights[4],
            },
            medium: thresholds.0,
            high: thresholds.1,
            critical: thresholds.2,
            low_cost_amount: low_cost,
            recent_window,
            age_horizon_days: horizon,
            new_account_days: new_days,
        };
        for config in [&config, &RiskConfig::default()] {
            let _ = config.validate();
            for s in &subscribers {
                finite(&risk_score(s, as_of, config))?;
            }
            let scores = risk_score_batch(&subscribers, as_of, config);
            finite(&scores)?;
            finite(&risk_score_batch_with_progress(&subscribers, as_of, config, &|_, _| {}))?;
            if let Ok(scores) = scores {
                finite(&risk_summary(&scores))?;
            }
        }
    }

    #[test]
    fn hedges_and_arbitrage(
        positions in prop::collection::vec((0usize..4, dec(), price_dec()), 0..4),
        prices in prop::collection::vec(price_dec(), 0..4),
        max_outlay in proptest::option::of(money()),
        outlay in money(),
        value in num(),
        others in prop::collection::vec(num(), 0..5),
        floor in num(),
    ) {
        let positions: Vec<Position> = positions
            .into_iter()
            .map(|(outcome, stake, odds)| Position { outcome, stake, odds })
            .collect();
        finite(&hedge(&positions, &prices, max_outlay))?;
        finite(&arbitrage(&prices, outlay))?;
        finite(&robust_z(value, &others, floor))?;
    }

    #[test]
    fn consensus_scores(
        opps in prop::collection::vec((select(AgentName::ALL.to_vec()), selection(), num(), num()), 0..6),
        records in prop::collection::vec((select(AgentName::ALL.to_vec()), any::<usize>(), num()), 0..4),
        config in (num(), num(), num(), num(), num(), prop_oneof![0.0..=100.0f64, num()], num()),
        bets in prop::collection::vec(bet(), 0..6),
        bankroll in money(),
    ) {
        let at = DateTime::from_timestamp(1_700_000_000, 0).unwrap_or_default();
        let opportunities: Vec<Opportunity> = opps
            .into_iter()
            .map(|(agent, selection, edge, z)| Opportunity {
                agent,
                event_id: "e1".into(),
                market: Market::H2h,
                line: None,
                selection,
                bookmaker: "b1".into(),
                price: Decimal::TWO,
                captured_at: at,
                fair_probability: 0.5,
                fair_odds: 2.0,
                edge,
                z,
                books: 3,
                detected_at: at,
            })
            .collect();
        let records: Vec<AgentRecord> = records
            .into_iter()
            .map(|(agent, bets, average_clv)| AgentRecord { agent, bets, average_clv })
            .collect();
        let config = ConsensusConfig {
            edge_scale: config.0,
            z_scale: config.1,
            shrinkage: config.2,
            clv_sensitivity: config.3,
            max_weight: config.4,
            min_score: config.5,
            min_edge: config.6,
        };
        for r in &records {
            prop_assert!(r.weight(&ConsensusConfig::default()).is_finite());
        }
        finite(&consensus(&opportunities, &[], &records, &config))?;
        finite(&consensus(&opportunities, &[], &records, &ConsensusConfig::default()))?;
        finite(&compare_agents(&bets, bankroll))?;
        finite(&agent_records(&bets))?;
    }

    #[test]
    fn market_agents(
        snaps in prop::collection::vec(snapshot(), 0..40),
        as_of_hours in 0i64..48,
        board in (prop_oneof![Just(43_200i64), any::<i64>()], prop_oneof![Just(1.02), num()],
                  prop_oneof![Just(1000.0), num()], prop_oneof![Just(-0.05), num()],
                  prop_oneof![Just(0.3), num()]),
        thresholds in (prop_oneof![Just(0.0), num()], 0usize..4, prop_oneof![Just(0.005), num()]),
        method in method(),
        window in prop_oneof![Just(21_600i64), any::<i64>()],
        shortening in prop_oneof![Just(0.03), num()],
        outlay in prop_oneof![Just(Decimal::ONE_HUNDRED), dec()],
    ) {
        let base = DateTime::from_timestamp(1_700_000_000, 0).unwrap_or_default();
        let config = BoardConfig {
            reference: "pinnacle".into(),
            max_age_seconds: board.0,
            min_price: board.1,
            max_price: board.2,
            min_overround: board.3,
            max_overround: board.4,
        };
        let Ok(history) = History::new(&snaps) else { return Ok(()) };
        let _ = (history.len(), history.is_empty(), history.events(), history.bookmakers());
        let _ = (history.markets(), history.first_capture(), history.last_capture());
        for config in [&config, &BoardConfig::default()] {
            let Ok(mut b) = Board::at(&history, base + Duration::hours(as_of_hours), config) else {
                continue;
            };
            finite_value(&b.quotes())?;
            let anomaly = AnomalyConfig {
                method,
                min_edge: thresholds.0,
                min_books: thresholds.1,
                z_floor: thresholds.2,
            };
            let spread = SpreadConfig {
                method,
                min_edge: thresholds.0,
                min_books: thresholds.1,
                z_floor: thresholds.2,
                outlay,
            };
            let movement = MovementConfig {
                method,
                window_seconds: window,
                min_shortening: shortening,
                min_books: thresholds.1,
                min_edge: thresholds.0,
                z_floor: thresholds.2,
            };
            finite(&find_anomalies(&b, &anomaly))?;
            finite(&find_anomalies(&b, &AnomalyConfig { min_books: 1, ..AnomalyConfig::default() }))?;
            finite(&scan_spreads(&b, &spread))?;
            finite(&scan_spreads(&b, &SpreadConfig { min_books: 1, ..SpreadConfig::default() }))?;
            finite(&find_movements(&b, &movement))?;
            finite_value(&price_series(&b))?;
            let _ = b.advance(base + Duration::hours(as_of_hours + 1));
            let _ = b.advance(base);
            let _ = b.advance(DateTime::<Utc>::MAX_UTC);
            finite_value(&b.quotes())?;
            let _ = (b.as_of(), b.config(), b.history());
        }
        let _ = Board::new(&snaps, DateTime::<Utc>::MIN_UTC, &config);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn backtests(
        snaps in prop::collection::vec(snapshot(), 0..30),
        kickoff_hours in (0i64..50, 0i64..50),
        results in (event_result(), event_result()),
        staking in any::<bool>(),
        amounts in (prop_oneof![Just(Decimal::TEN), dec()], prop_oneof![Just(Decimal::ONE_THOUSAND), dec()]),
        max_bets in prop_oneof![Just(1u32), any::<u32>()],
        settle_after in prop_oneof![Just(10_800i64), any::<i64>()],
        strategies in prop::collection::vec(select(AgentName::ALL.to_vec()), 0..4),
    ) {
        let Ok(history) = History::new(&snaps) else { return Ok(()) };
        let base = DateTime::from_timestamp(1_700_000_000, 0).unwrap_or_default();
        let events: Vec<Event> = [("e1", kickoff_hours.0), ("e2", kickoff_hours.1)]
            .iter()
            .map(|&(id, h)| Event {
                id: id.into(),
                league: "l".into(),
                home: "h".into(),
                away: "a".into(),
                kickoff: base + Duration::hours(h),
            })
            .collect();
        let results = vec![
            ResultRecord { event_id: "e1".into(), result: results.0 },
            ResultRecord { event_id: "e2".into(), result: results.1 },
        ];
        let config = BacktestConfig {
            strategies,
            staking: if staking { Staking::Kelly } else { Staking::Flat },
            flat_stake: amounts.0,
            starting_bankroll: amounts.1,
            max_bets_per_selection: max_bets,
            settle_after_seconds: settle_after,
            board: BoardConfig { max_price: 1e30, min_overround: -0.9, max_overround: 1e6, ..BoardConfig::default() },
            anomaly: AnomalyConfig { min_books: 1, min_edge: -1.0, ..AnomalyConfig::default() },
            spread: SpreadConfig { min_books: 1, min_edge: -1.0, ..SpreadConfig::default() },
            movement: MovementConfig { min_books: 1, min_edge: -1.0, ..MovementConfig::default() },
            ..BacktestConfig::default()
        };
        finite(&backtest(&history, &events, &results, &config, None))?;
        let mut calls = 0;
        let mut progress = |_: usize, _: usize| calls += 1;
        finite(&backtest(&history, &events, &[], &BacktestConfig::default(), Some(&mut progress)))?;
    }

    #[test]
    fn generated_streams(
        seed in any::<u64>(),
        events in prop_oneof![1usize..4, any::<usize>()],
        per_week in prop_oneof![1usize..4, any::<usize>()],
        books in prop_oneof![1usize..4, any::<usize>()],
        start in instant(),
        days in prop_oneof![1u32..3, any::<u32>()],
        hours in prop::collection::vec(prop_oneof![0u32..24, any::<u32>()], 0..3),
        lines in prop::collection::vec(prop_oneof![Just(Decimal::new(25, 1)), dec()], 0..2),
        margins in prop::collection::vec(prop_oneof![0.0..0.5f64, num()], 5),
        injected in (0usize..2, 0usize..2, 0usize..2),
        shapes in prop::collection::vec(prop_oneof![0.01..0.5f64, num()], 3),
    ) {
        let config = GeneratorConfig {
            seed,
            league: "l".into(),
            events,
            events_per_week: per_week,
            bookmakers: books,
            start,
            days_open: days,
            poll_hours: hours,
            totals_lines: lines,
            reference_margin: margins[0],
            min_margin: margins[1],
            max_margin: margins[2],
            reference_noise: margins[3] / 3.0,
            noise: margins[4] / 3.0,
            anomalies: injected.0,
            anomaly_edge: shapes[0],
            arbitrages: injected.1,
            arbitrage_margin: shapes[1],
            steam_moves: injected.2,
            steam_shift: shapes[2],
        };
        // Keep the stream small: the property is about edge values, not volume.
        if config.events.saturating_mul(config.bookmakers).saturating_mul(config.days_open as usize) > 64 {
            return Ok(());
        }
        finite(&generate(&config))?;
    }
}

/// Inputs that random search rarely builds: each once made a public function panic or
/// return a non-finite number.
#[test]
fn known_extremes() {
    // hedge: a budget spread over prices whose inverses vanish (division by ~zero).
    let long = Decimal::from(10_000_000_000_000_000_000_000_000i128);
    for prices in [[Decimal::MAX, Decimal::MAX], [long, long]] {
        let h = hedge(&[], &prices, Some(Decimal::from(1_000_000)));
        assert_eq!(h.unwrap_err().kind(), "InvalidAmount");
    }
    // Bet::profit: payout - stake out of range with a negative stake and negative odds.
    let at = DateTime::UNIX_EPOCH;
    let bet = Bet {
        id: "b".into(),
        event_id: "e".into(),
        league: "l".into(),
        market: Market::H2h,
        line: None,
        selection: Selection::Home,
        bookmaker: "k".into(),
        odds: Decimal::new(-79, 1),
        stake: Decimal::from(-10_000_000_000_000_000_000_000_000_000i128),
        placed_at: at,
        source: "s".into(),
        outcome: Some(Outcome::Won),
        closing_odds: None,
        closing_probability: None,
    };
    assert_eq!(bet.profit().unwrap_err().kind(), "InvalidAmount");
    // project_plan: a plan without lines and an absurd horizon.
    let empty = edgecore::finance::plan::Plan {
        capacity: Decimal::ZERO,
        lines: Vec::new(),
    };
    let p = project_plan(
        &empty,
        &[],
        u32::MAX,
        MonthlyRate::Proportional,
        ContributionTiming::End,
    );
    assert_eq!(p.unwrap_err().kind(), "InvalidParameter");
    // Agents: a subnormal z floor (infinite z), a third of Decimal::MAX staked (cash
    // overflow on settlement), huge consensus weights (inf / inf).
    let mut snaps = Vec::new();
    for (book, home, away) in [("a", 200, 190), ("b", 200, 190), ("c", 260, 160)] {
        for (selection, price) in [(Selection::Home, home), (Selection::Away, away)] {
            snaps.push(PriceSnapshot {
                captured_at: at,
                event_id: "e".into(),
                bookmaker: book.into(),
                market: Market::DrawNoBet,
                line: None,
                selection,
                price: Decimal::new(price, 2),
            });
        }
    }
    let history = History::new(&snaps).unwrap_or_default();
    let board = Board::at(&history, at, &BoardConfig::default());
    let board = board.unwrap_or_else(|e| panic!("{e}"));
    let tiny = AnomalyConfig {
        min_edge: -1.0,
        z_floor: 5e-324,
        ..AnomalyConfig::default()
    };
    assert!(find_anomalies(&board, &tiny).is_err());
    let events = [Event {
        id: "e".into(),
        league: "l".into(),
        home: "h".into(),
        away: "a".into(),
        kickoff: at + Duration::hours(2),
    }];
    let results = [ResultRecord {
        event_id: "e".into(),
        result: EventResult::Final { home: 2, away: 0 },
    }];
    let config = BacktestConfig {
        strategies: vec![AgentName::Anomaly, AgentName::Consensus],
        flat_stake: Decimal::MAX / Decimal::from(3),
        starting_bankroll: Decimal::MAX,
        ..BacktestConfig::default()
    };
    let bt = backtest(&history, &events, &results, &config, None);
    assert_eq!(bt.unwrap_err().kind(), "InvalidAmount");
    let huge = ConsensusConfig {
        max_weight: f64::MAX,
        clv_sensitivity: f64::MAX,
        ..ConsensusConfig::default()
    };
    let records: Vec<AgentRecord> = [AgentName::Anomaly, AgentName::Spread, AgentName::Movement]
        .into_iter()
        .map(|agent| AgentRecord {
            agent,
            bets: 100,
            average_clv: 1.0,
        })
        .collect();
    let found = find_anomalies(&board, &AnomalyConfig::default()).unwrap_or_default();
    let scored = consensus(&found, &[], &records, &huge);
    finite(&scored).unwrap_or_else(|e| panic!("{e}"));
}
