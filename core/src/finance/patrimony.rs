//! Net worth of an investor's profile at an as-of instant, exact in `Decimal`.
//!
//! Pure: the same profile, prices and options always give the same result; nothing reads the
//! clock or a price source behind the caller's back. Amounts are summed exactly as given;
//! crypto holdings are valued `round_cents(quantity x price)`; real estate counts net of the
//! capital still owed on its loan at the as-of date
//! ([`remaining_capital`](crate::finance::amortization::remaining_capital())).

use crate::check;
use crate::error::{Error, Result};
use crate::finance::amortization::{Loan, remaining_capital};
use crate::money::{allocate_largest_remainder, round_cents, with_cents};
use crate::names::named_enum;
use crate::progress::{ProgressFn, map_chunks};
use chrono::{DateTime, TimeDelta, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

named_enum! {
    /// The tax wrapper an investment is held in (French envelopes first).
    pub enum Envelope ("envelope") {
        /// Plan d'epargne en actions (equity savings plan).
        Pea = "pea",
        /// Compte-titres ordinaire (ordinary securities account).
        Cto = "cto",
        /// Assurance vie (life-insurance savings contract).
        AssuranceVie = "assurance_vie",
        /// Plan d'epargne retraite (retirement savings plan).
        Per = "per",
        /// Regulated savings books (Livret A, LDDS...).
        SavingsBook = "savings_book",
        /// Any other envelope.
        Other = "other",
    }
}

named_enum! {
    /// The categories net worth is reported by.
    pub enum AssetCategory ("asset category") {
        /// Cash accounts (liquidites).
        Cash = "cash",
        /// Investments in every envelope (placements).
        Investments = "investments",
        /// Real estate, net of the loans on it.
        RealEstate = "real_estate",
        /// Crypto-currency holdings.
        Crypto = "crypto",
        /// Other assets, net of the other debts.
        Other = "other",
    }
}

named_enum! {
    /// Why a crypto holding could not be valued.
    pub enum PriceIssue ("price issue") {
        /// Its symbol is not in the price book.
        Missing = "missing",
        /// Its price is older than allowed, or captured after the as-of instant.
        Stale = "stale",
    }
}

/// A cash account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CashAccount {
    /// Display name.
    pub name: String,
    /// Balance, 0 or more.
    pub amount: Decimal,
}

/// An investment held in an envelope.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Investment {
    /// Display name.
    pub name: String,
    /// The envelope it is held in.
    pub envelope: Envelope,
    /// Current value, 0 or more.
    pub value: Decimal,
}

/// A property, with the loan that financed it if any.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RealEstate {
    /// Display name.
    pub name: String,
    /// Estimated value, 0 or more.
    pub value: Decimal,
    /// The loan on it; its capital still owed at the as-of date is a real-estate debt.
    #[serde(default)]
    pub loan: Option<Loan>,
}

/// A crypto-currency holding, valued with the price book.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CryptoHolding {
    /// Symbol looked up in the price book, matched exactly ("BTC" is not "btc").
    pub symbol: String,
    /// Quantity held, 0 or more.
    pub quantity: Decimal,
}

/// Any other asset.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OtherAsset {
    /// Display name.
    pub name: String,
    /// Value, 0 or more.
    pub value: Decimal,
}

/// A debt other than a property loan (consumer credit, family loan...).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Debt {
    /// Display name.
    pub name: String,
    /// Amount still owed, 0 or more.
    pub amount: Decimal,
}

/// An investor's full financial profile. Every list may be empty or missing in JSON.
///
/// An unknown field is refused (`InvalidRecord`): a misspelt key never falls back to its
/// default silently.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Profile {
    /// Cash accounts.
    pub cash: Vec<CashAccount>,
    /// Investments by envelope.
    pub investments: Vec<Investment>,
    /// Properties and their loans.
    pub real_estate: Vec<RealEstate>,
    /// Crypto-currency holdings.
    pub crypto: Vec<CryptoHolding>,
    /// Other assets.
    pub other_assets: Vec<OtherAsset>,
    /// Other debts (counted in the `other` category).
    pub other_debts: Vec<Debt>,
}

/// A quoted price and when it was captured.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Price {
    /// Price of one unit, 0 or more.
    pub price: Decimal,
    /// Capture instant.
    pub as_of: DateTime<Utc>,
}

/// Prices by symbol (e.g. cached exchange quotes).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PriceBook {
    /// Symbol -> price.
    pub prices: HashMap<String, Price>,
}

/// When and how strictly net worth is computed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NetWorthOptions {
    /// The as-of instant: prices are aged against it, and loans count the payments dated on or
    /// before its UTC date.
    pub as_of: DateTime<Utc>,
    /// Oldest price accepted (age = `as_of` - capture instant, from 0 to this inclusive); must
    /// not be negative. In JSON: `max_price_age_seconds`, whole seconds.
    #[serde(rename = "max_price_age_seconds", with = "whole_seconds")]
    pub max_price_age: TimeDelta,
    /// When set, a holding without a usable price is left out of the totals and listed in
    /// [`NetWorth::flagged`] instead of failing the whole calculation.
    #[serde(default)]
    pub best_effort: bool,
}

impl NetWorthOptions {
    /// Strict options (`best_effort` off).
    pub fn new(as_of: DateTime<Utc>, max_price_age: TimeDelta) -> NetWorthOptions {
        NetWorthOptions {
            as_of,
            max_price_age,
            best_effort: false,
        }
    }
}

/// One category's totals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CategoryTotal {
    /// The category.
    pub category: AssetCategory,
    /// Sum of its assets.
    pub gross: Decimal,
    /// Sum of its debts (property loans for real estate, other debts for `other`, else 0).
    pub debts: Decimal,
    /// `gross - debts` (may be negative).
    pub net: Decimal,
    /// Allocation share in PERCENT with 2 decimals, for a pie chart: the category's positive
    /// net over the sum of the positive nets, split by [`allocate_largest_remainder`] so the
    /// shares add up to exactly 100.00. A category whose net is 0 or negative has share 0;
    /// when no category has a positive net, every share is 0.
    pub share_pct: Decimal,
}

/// An investment envelope's total.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnvelopeTotal {
    /// The envelope.
    pub envelope: Envelope,
    /// Sum of the investments held in it.
    pub value: Decimal,
}

/// A holding left out of the totals because it has no usable price (best-effort mode).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FlaggedHolding {
    /// Its symbol.
    pub symbol: String,
    /// Its quantity.
    pub quantity: Decimal,
    /// What is wrong with its price.
    pub issue: PriceIssue,
    /// Capture instant of the rejected price (`None` when missing).
    pub price_as_of: Option<DateTime<Utc>>,
}

/// Net worth at an instant, by category and overall. Every amount is written with at least
/// two decimal places (`9000.00`), whatever the places of the amounts it adds up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NetWorth {
    /// The as-of instant used.
    pub as_of: DateTime<Utc>,
    /// Every category, in [`AssetCategory::ALL`] order.
    pub categories: Vec<CategoryTotal>,
    /// Sum of every asset.
    pub gross_assets: Decimal,
    /// Sum of every debt.
    pub debts: Decimal,
    /// `gross_assets - debts`.
    pub net_worth: Decimal,
    /// Investments by envelope, every envelope in [`Envelope::ALL`] order (0 when empty).
    pub envelopes: Vec<EnvelopeTotal>,
    /// Holdings left out of the totals (best-effort mode only; empty otherwise).
    pub flagged: Vec<FlaggedHolding>,
}

/// Net worth of `profile` at `options.as_of`.
///
/// Each category's gross is the sum of its assets; real estate's debts are the capital still
/// owed on each property's loan at the as-of UTC date, `other`'s debts are the other debts;
/// `net = gross - debts`. Crypto: `round_cents(quantity x price)` with the price book's price,
/// which must be captured at most `max_price_age` before the as-of instant (and not after it).
///
/// Errors: a negative amount, value, quantity or price is `InvalidAmount`; a negative
/// `max_price_age` is `InvalidParameter`; a loan's errors are those of
/// [`remaining_capital`]; totals beyond `Decimal`'s range are `InvalidAmount`. A holding whose
/// symbol has no price is `MissingPrice`, one whose price is too old or captured after the
/// as-of instant `StalePrice` — unless `best_effort` is set, in which case the holding is
/// left out of every total and listed in `flagged`.
///
/// ```
/// use edgecore::finance::patrimony::*;
/// use chrono::{TimeDelta, TimeZone, Utc};
/// use rust_decimal::Decimal;
///
/// let now = Utc.with_ymd_and_hms(2025, 6, 1, 12, 0, 0).unwrap();
/// let profile = Profile {
///     cash: vec![CashAccount { name: "current".into(), amount: Decimal::new(3_000, 0) }],
///     crypto: vec![CryptoHolding { symbol: "BTC".into(), quantity: Decimal::new(1, 1) }],
///     ..Profile::default()
/// };
/// let mut prices = PriceBook::default();
/// prices.prices.insert("BTC".into(), Price { price: Decimal::new(60_000, 0), as_of: now });
/// let options = NetWorthOptions::new(now, TimeDelta::hours(1));
/// let worth = net_worth(&profile, &prices, &options).unwrap();
/// assert_eq!(worth.net_worth, Decimal::new(9_000, 0));
/// assert_eq!(worth.categories[0].share_pct, Decimal::new(3_333, 2)); // cash
/// assert_eq!(worth.categories[3].share_pct, Decimal::new(6_667, 2)); // crypto
/// ```
pub fn net_worth(
    profile: &Profile,
    prices: &PriceBook,
    options: &NetWorthOptions,
) -> Result<NetWorth> {
    if options.max_price_age < TimeDelta::zero() {
        return Err(Error::InvalidParameter {
            name: "max_price_age",
            value: format!("{} s", options.max_price_age.num_seconds()),
            reason: "must not be negative",
        });
    }
    let mut gross = [Decimal::ZERO; 5];
    let mut debts = [Decimal::ZERO; 5];
    let mut envelopes = [Decimal::ZERO; 6];
    let mut flagged = Vec::new();

    for account in &profile.cash {
        let amount = check::non_negative_amount("cash.amount", account.amount)?;
        accumulate(category(&mut gross, AssetCategory::Cash), amount)?;
    }
    for investment in &profile.investments {
        let value = check::non_negative_amount("investments.value", investment.value)?;
        accumulate(category(&mut gross, AssetCategory::Investments), value)?;
        accumulate(envelope(&mut envelopes, investment.envelope), value)?;
    }
    let as_of_date = options.as_of.date_naive();
    for property in &profile.real_estate {
        let value = check::non_negative_amount("real_estate.value", property.value)?;
        accumulate(category(&mut gross, AssetCategory::RealEstate), value)?;
        if let Some(loan) = &property.loan {
            let owed = remaining_capital(loan, as_of_date)?;
            accumulate(category(&mut debts, AssetCategory::RealEstate), owed)?;
        }
    }
    for holding in &profile.crypto {
        match crypto_value(holding, prices, options) {
            Ok(value) => accumulate(category(&mut gross, AssetCategory::Crypto), value)?,
            Err(error) if options.best_effort => {
                let issue = match error {
                    Error::MissingPrice { .. } => PriceIssue::Missing,
                    Error::StalePrice { .. } => PriceIssue::Stale,
                    other => return Err(other),
                };
                flagged.push(FlaggedHolding {
                    symbol: holding.symbol.clone(),
                    quantity: holding.quantity,
                    issue,
                    price_as_of: prices.prices.get(&holding.symbol).map(|p| p.as_of),
                });
            }
            Err(error) => return Err(error),
        }
    }
    for asset in &profile.other_assets {
        let value = check::non_negative_amount("other_assets.value", asset.value)?;
        accumulate(category(&mut gross, AssetCategory::Other), value)?;
    }
    for debt in &profile.other_debts {
        let amount = check::non_negative_amount("other_debts.amount", debt.amount)?;
        accumulate(category(&mut debts, AssetCategory::Other), amount)?;
    }

    let mut net = [Decimal::ZERO; 5];
    for ((n, g), d) in net.iter_mut().zip(&gross).zip(&debts) {
        *n = g.checked_sub(*d).ok_or(out_of_range(*g))?;
    }
    let (mut gross_assets, mut total_debts) = (Decimal::ZERO, Decimal::ZERO);
    for (g, d) in gross.iter().zip(&debts) {
        accumulate(&mut gross_assets, *g)?;
        accumulate(&mut total_debts, *d)?;
    }
    let net_worth = gross_assets
        .checked_sub(total_debts)
        .ok_or(out_of_range(gross_assets))?;

    let shares = allocation_shares(&net)?;
    let categories = AssetCategory::ALL
        .iter()
        .zip(gross)
        .zip(debts)
        .zip(net)
        .zip(shares)
        .map(
            |((((&category, gross), debts), net), share)| CategoryTotal {
                category,
                gross: with_cents(gross),
                debts: with_cents(debts),
                net: with_cents(net),
                share_pct: with_cents(share),
            },
        )
        .collect();
    let envelopes = Envelope::ALL
        .iter()
        .zip(envelopes)
        .map(|(&envelope, value)| EnvelopeTotal {
            envelope,
            value: with_cents(value),
        })
        .collect();
    Ok(NetWorth {
        as_of: options.as_of,
        categories,
        gross_assets: with_cents(gross_assets),
        debts: with_cents(total_debts),
        net_worth: with_cents(net_worth),
        envelopes,
        flagged,
    })
}

/// `round_cents(quantity x price)` with a fresh enough price.
fn crypto_value(
    holding: &CryptoHolding,
    prices: &PriceBook,
    options: &NetWorthOptions,
) -> Result<Decimal> {
    let quantity = check::non_negative_amount("crypto.quantity", holding.quantity)?;
    let price = prices
        .prices
        .get(&holding.symbol)
        .ok_or_else(|| Error::MissingPrice {
            symbol: holding.symbol.clone(),
        })?;
    let unit_price = check::non_negative_amount("price", price.price)?;
    let age = options.as_of.signed_duration_since(price.as_of);
    if age < TimeDelta::zero() || age > options.max_price_age {
        return Err(Error::StalePrice {
            symbol: holding.symbol.clone(),
            age_seconds: age.num_seconds(),
            max_seconds: options.max_price_age.num_seconds(),
        });
    }
    let value = quantity
        .checked_mul(unit_price)
        .ok_or(out_of_range(quantity))?;
    Ok(round_cents(value))
}

/// Percent shares of the positive category nets, exactly 100.00 in total (all 0 when no net
/// is positive).
fn allocation_shares(net: &[Decimal; 5]) -> Result<Vec<Decimal>> {
    let weights: Vec<Decimal> = net.iter().map(|n| (*n).max(Decimal::ZERO)).collect();
    if weights.iter().all(|w| w.is_zero()) {
        return Ok(weights);
    }
    allocate_largest_remainder(Decimal::ONE_HUNDRED, &weights, 2)
}

/// The total of `category` among totals kept in [`AssetCategory::ALL`] order (the array
/// pattern and the exhaustive match make a missing or extra slot a compile error).
fn category(totals: &mut [Decimal; 5], category: AssetCategory) -> &mut Decimal {
    let [cash, investments, real_estate, crypto, other] = totals;
    match category {
        AssetCategory::Cash => cash,
        AssetCategory::Investments => investments,
        AssetCategory::RealEstate => real_estate,
        AssetCategory::Crypto => crypto,
        AssetCategory::Other => other,
    }
}

/// The total of `envelope` among totals kept in [`Envelope::ALL`] order.
fn envelope(totals: &mut [Decimal; 6], envelope: Envelope) -> &mut Decimal {
    let [pea, cto, assurance_vie, per, savings_book, other] = totals;
    match envelope {
        Envelope::Pea => pea,
        Envelope::Cto => cto,
        Envelope::AssuranceVie => assurance_vie,
        Envelope::Per => per,
        Envelope::SavingsBook => savings_book,
        Envelope::Other => other,
    }
}

/// `*total += value`, or `InvalidAmount` past `Decimal`'s range.
fn accumulate(total: &mut Decimal, value: Decimal) -> Result<()> {
    *total = total.checked_add(value).ok_or(out_of_range(value))?;
    Ok(())
}

fn out_of_range(value: Decimal) -> Error {
    Error::InvalidAmount {
        name: "net worth",
        value,
        reason: "totals exceed the range of exact amounts",
    }
}

/// (De)serialises a `TimeDelta` as whole seconds.
mod whole_seconds {
    use chrono::TimeDelta;
    use serde::{Deserialize, Deserializer, Serializer, de::Error as _};

    pub fn serialize<S: Serializer>(value: &TimeDelta, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i64(value.num_seconds())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<TimeDelta, D::Error> {
        let seconds = i64::deserialize(d)?;
        TimeDelta::try_seconds(seconds)
            .ok_or_else(|| D::Error::custom(format!("{seconds} seconds is out of range")))
    }
}

/// Profiles from this many on are valued on the rayon pool.
pub const NET_WORTH_PARALLEL_MIN: usize = 64;

/// [`net_worth`] of every profile at once, with the same prices and options (the admin's
/// "recalculate everyone"): the results in input order, each exactly what [`net_worth`]
/// gives for its profile; from [`NET_WORTH_PARALLEL_MIN`] profiles on, computed in
/// parallel. Errors: those of [`net_worth`], for the first profile (in input order) that
/// has one.
///
/// ```
/// use edgecore::finance::patrimony::*;
/// use chrono::{TimeDelta, TimeZone, Utc};
/// use rust_decimal::Decimal;
///
/// let now = Utc.with_ymd_and_hms(2025, 6, 1, 12, 0, 0).unwrap();
/// let cash = |amount| Profile {
///     cash: vec![CashAccount { name: "current".into(), amount: Decimal::new(amount, 0) }],
///     ..Profile::default()
/// };
/// let options = NetWorthOptions::new(now, TimeDelta::hours(1));
/// let all = net_worth_batch(&[cash(100), cash(250)], &PriceBook::default(), &options).unwrap();
/// assert_eq!(all[1].net_worth, Decimal::new(250, 0));
/// ```
pub fn net_worth_batch(
    profiles: &[Profile],
    prices: &PriceBook,
    options: &NetWorthOptions,
) -> Result<Vec<NetWorth>> {
    net_worth_all(profiles, prices, options, None)
}

/// [`net_worth_batch`] that reports its progress in profiles: `progress(done, total)` is
/// called after about every [`PROGRESS_CHUNK`](crate::progress::PROGRESS_CHUNK) profiles
/// valued and once more when the last one is, with `done` strictly increasing and the last
/// call being `(total, total)`. Calls may come from several threads but never at the same
/// time. Results and errors are [`net_worth_batch`]'s; an empty batch makes no call, and a
/// failed batch never reports `(total, total)`. A panic in `progress` propagates to the
/// caller.
///
/// ```
/// use edgecore::finance::patrimony::*;
/// use chrono::{TimeDelta, TimeZone, Utc};
/// use std::sync::Mutex;
///
/// let now = Utc.with_ymd_and_hms(2025, 6, 1, 12, 0, 0).unwrap();
/// let options = NetWorthOptions::new(now, TimeDelta::hours(1));
/// let seen = Mutex::new(Vec::new());
/// let report = |done: usize, total: usize| seen.lock().unwrap().push((done, total));
/// let profiles = vec![Profile::default(); 5000];
/// let all = net_worth_batch_with_progress(&profiles, &PriceBook::default(), &options, &report)
///     .unwrap();
/// assert_eq!(all.len(), 5000);
/// assert_eq!(seen.lock().unwrap().last(), Some(&(5000, 5000)));
/// ```
pub fn net_worth_batch_with_progress(
    profiles: &[Profile],
    prices: &PriceBook,
    options: &NetWorthOptions,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Vec<NetWorth>> {
    net_worth_all(profiles, prices, options, Some(progress))
}

/// The one kernel of the batch forms: one profile per parallel task (a profile is a
/// whole valuation).
fn net_worth_all(
    profiles: &[Profile],
    prices: &PriceBook,
    options: &NetWorthOptions,
    progress: Option<ProgressFn<'_>>,
) -> Result<Vec<NetWorth>> {
    let parallel = profiles.len() >= NET_WORTH_PARALLEL_MIN;
    map_chunks(profiles, 1, parallel, progress, |_, profile| {
        net_worth(profile, prices, options)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finance::amortization::LoanKind;
    use chrono::{NaiveDate, TimeZone};
    use rust_decimal_macros::dec;

    fn at(y: i32, m: u32, d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, 12, 0, 0).unwrap()
    }

    fn named(name: &str) -> String {
        name.to_string()
    }

    /// Hand-checked profile used by the tests and the vector file.
    fn profile() -> Profile {
        Profile {
            cash: vec![
                CashAccount {
                    name: named("current"),
                    amount: dec!(2500.00),
                },
                CashAccount {
                    name: named("livret"),
                    amount: dec!(1000.50),
                },
            ],
            investments: vec![
                Investment {
                    name: named("pea"),
                    envelope: Envelope::Pea,
                    value: dec!(15000),
                },
                Investment {
                    name: named("av"),
                    envelope: Envelope::AssuranceVie,
                    value: dec!(20000),
                },
                Investment {
                    name: named("pea2"),
                    envelope: Envelope::Pea,
                    value: dec!(500),
                },
            ],
            real_estate: vec![RealEstate {
                name: named("flat"),
                value: dec!(250000),
                loan: Some(Loan::new(
                    dec!(200000),
                    dec!(6),
                    360,
                    NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
                    LoanKind::Annuity,
                )),
            }],
            crypto: vec![CryptoHolding {
                symbol: named("BTC"),
                quantity: dec!(0.12345),
            }],
            other_assets: vec![OtherAsset {
                name: named("car"),
                value: dec!(8000),
            }],
            other_debts: vec![Debt {
                name: named("consumer"),
                amount: dec!(3000),
            }],
        }
    }

    fn prices(as_of: DateTime<Utc>) -> PriceBook {
        let mut book = PriceBook::default();
        book.prices.insert(
            named("BTC"),
            Price {
                price: dec!(60000.10),
                as_of,
            },
        );
        book
    }

    #[test]
    fn batch_equals_one_by_one_in_order() {
        let now = Utc.with_ymd_and_hms(2025, 6, 1, 12, 0, 0).unwrap();
        let options = NetWorthOptions::new(now, TimeDelta::hours(1));
        let prices = PriceBook::default();
        let profiles: Vec<Profile> = (0..200)
            .map(|i| Profile {
                cash: vec![CashAccount {
                    name: "c".into(),
                    amount: Decimal::new(i * 137 + 1, 2),
                }],
                ..Profile::default()
            })
            .collect();
        let all = net_worth_batch(&profiles, &prices, &options).unwrap();
        for (p, w) in profiles.iter().zip(&all) {
            assert_eq!(*w, net_worth(p, &prices, &options).unwrap());
        }
        let mut bad = profiles.clone();
        bad[150].crypto.push(CryptoHolding {
            symbol: "BTC".into(),
            quantity: Decimal::ONE,
        });
        bad[170].cash[0].amount = Decimal::MAX;
        bad[170].other_assets.push(OtherAsset {
            name: "x".into(),
            value: Decimal::MAX,
        });
        let e = net_worth_batch(&bad, &prices, &options).unwrap_err();
        assert_eq!(e.kind(), "MissingPrice");
    }

    #[test]
    fn hand_calculated_profile() {
        // Loan: 5 payments made by 2024-05-15, capital still owed 198,994.49.
        // Crypto: 0.12345 x 60,000.10 = 7,407.012345 -> 7,407.01.
        // Gross: 3,500.50 + 35,500 + 250,000 + 7,407.01 + 8,000 = 304,407.51.
        // Debts: 198,994.49 + 3,000 = 201,994.49. Net worth: 102,413.02.
        let now = at(2024, 5, 15);
        let options = NetWorthOptions::new(now, TimeDelta::hours(1));
        let w = net_worth(&profile(), &prices(now), &options).unwrap();
        assert_eq!(w.gross_assets, dec!(304407.51));
        assert_eq!(w.debts, dec!(201994.49));
        assert_eq!(w.net_worth, dec!(102413.02));
        let nets: Vec<_> = w.categories.iter().map(|c| c.net).collect();
        assert_eq!(
            nets,
            [
                dec!(3500.50),
                dec!(35500),
                dec!(51005.51),
                dec!(7407.01),
                dec!(5000)
            ]
        );
        // Shares of 102,413.02: 3.4180, 34.6636, 49.8037, 7.2325, 4.8822 -> floors 3.41,
        // 34.66, 49.80, 7.23, 4.88 sum to 99.98; the two missing cents go to the largest
        // remainders, cash (0.0080) and real estate (0.0037).
        let shares: Vec<_> = w.categories.iter().map(|c| c.share_pct).collect();
        assert_eq!(
            shares,
            [dec!(3.42), dec!(34.66), dec!(49.81), dec!(7.23), dec!(4.88)]
        );
        assert_eq!(shares.iter().sum::<Decimal>(), dec!(100));
        assert_eq!(w.envelopes[0].value, dec!(15500));
        assert_eq!(w.envelopes[2].value, dec!(20000));
        assert!(w.flagged.is_empty());
    }

    #[test]
    fn negative_and_zero_nets_get_no_share() {
        let mut p = Profile::default();
        p.cash.push(CashAccount {
            name: named("c"),
            amount: dec!(100),
        });
        p.other_debts.push(Debt {
            name: named("d"),
            amount: dec!(500),
        });
        let options = NetWorthOptions::new(at(2024, 1, 1), TimeDelta::zero());
        let w = net_worth(&p, &PriceBook::default(), &options).unwrap();
        assert_eq!(w.net_worth, dec!(-400));
        assert_eq!(w.categories[0].share_pct, dec!(100));
        assert_eq!(w.categories[4].share_pct, dec!(0));
        let w = net_worth(&Profile::default(), &PriceBook::default(), &options).unwrap();
        assert!(w.categories.iter().all(|c| c.share_pct.is_zero()));
        assert_eq!(w.net_worth, Decimal::ZERO);
    }

    #[test]
    fn missing_price_error_or_flag() {
        let now = at(2024, 5, 15);
        let mut options = NetWorthOptions::new(now, TimeDelta::hours(1));
        let e = net_worth(&profile(), &PriceBook::default(), &options).unwrap_err();
        assert_eq!(
            e,
            Error::MissingPrice {
                symbol: named("BTC")
            }
        );
        options.best_effort = true;
        let w = net_worth(&profile(), &PriceBook::default(), &options).unwrap();
        assert_eq!(w.categories[3].gross, Decimal::ZERO);
        assert_eq!(w.flagged[0].issue, PriceIssue::Missing);
        assert_eq!(w.net_worth, dec!(95006.01));
    }

    #[test]
    fn stale_price_error_or_flag() {
        let now = at(2024, 5, 15);
        let mut options = NetWorthOptions::new(now, TimeDelta::hours(1));
        let old = prices(now - TimeDelta::seconds(3601));
        let e = net_worth(&profile(), &old, &options).unwrap_err();
        assert_eq!(
            e,
            Error::StalePrice {
                symbol: named("BTC"),
                age_seconds: 3601,
                max_seconds: 3600
            }
        );
        // Exactly the maximum age is accepted; a price from the future is not.
        assert!(net_worth(&profile(), &prices(now - TimeDelta::hours(1)), &options).is_ok());
        let future = prices(now + TimeDelta::seconds(1));
        assert_eq!(
            net_worth(&profile(), &future, &options).unwrap_err().kind(),
            "StalePrice"
        );
        options.best_effort = true;
        let w = net_worth(&profile(), &old, &options).unwrap();
        assert_eq!(w.flagged[0].issue, PriceIssue::Stale);
        assert_eq!(
            w.flagged[0].price_as_of,
            Some(now - TimeDelta::seconds(3601))
        );
    }

    #[test]
    fn invalid_amounts_and_parameters() {
        let now = at(2024, 5, 15);
        let options = NetWorthOptions::new(now, TimeDelta::hours(1));
        let mut p = profile();
        p.cash[0].amount = dec!(-1);
        assert_eq!(
            net_worth(&p, &prices(now), &options).unwrap_err().kind(),
            "InvalidAmount"
        );
        let mut p = profile();
        p.crypto[0].quantity = dec!(-1);
        let mut lenient = options.clone();
        lenient.best_effort = true;
        // A bad quantity is an error even in best-effort mode.
        assert_eq!(
            net_worth(&p, &prices(now), &lenient).unwrap_err().kind(),
            "InvalidAmount"
        );
        let huge = |name| OtherAsset {
            name: named(name),
            value: Decimal::MAX,
        };
        let p = Profile {
            other_assets: vec![huge("a"), huge("b")],
            ..Profile::default()
        };
        assert_eq!(
            net_worth(&p, &prices(now), &options).unwrap_err().kind(),
            "InvalidAmount"
        );
        let mut p = profile();
        if let Some(loan) = p.real_estate[0].loan.as_mut() {
            loan.months = 0;
        }
        assert_eq!(
            net_worth(&p, &prices(now), &options).unwrap_err().kind(),
            "InvalidParameter"
        );
        let negative = NetWorthOptions::new(now, TimeDelta::seconds(-1));
        assert_eq!(
            net_worth(&profile(), &prices(now), &negative)
                .unwrap_err()
                .kind(),
            "InvalidParameter"
        );
    }

    #[test]
    fn unknown_envelope_name() {
        assert_eq!(
            "livret".parse::<Envelope>().unwrap_err().kind(),
            "UnknownName"
        );
        assert_eq!(
            "assurance_vie".parse::<Envelope>().unwrap(),
            Envelope::AssuranceVie
        );
    }

    #[test]
    fn options_from_json() {
        let o: NetWorthOptions = serde_json::from_str(
            r#"{"as_of": "2024-05-15T12:00:00Z", "max_price_age_seconds": 3600}"#,
        )
        .unwrap();
        assert_eq!(o.max_price_age, TimeDelta::hours(1));
        assert!(!o.best_effort);
    }
}
