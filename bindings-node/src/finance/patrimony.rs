//! Net worth (`edgecore::finance::patrimony`): a profile of cash, investments, property
//! (with loans), crypto and other assets and debts, valued at an instant.

use super::amortization::Loan;
use crate::convert::{At, FromJs, ToJs, names, read, record};
use crate::errors::{OrThrow, Result};
use crate::js::JsString;
use crate::js::{Date, Input};
use crate::task::{Background, Progress, background};
use napi::bindgen_prelude::AsyncTask;
use napi_derive::napi;
use std::collections::HashMap;

names! {
    "An investment envelope: `pea`, `cto`, `assurance_vie`, `per`, `savings_book`, `other`."
    Envelope = edgecore::finance::patrimony::Envelope {
        Pea = "pea", Cto = "cto", AssuranceVie = "assurance_vie", Per = "per",
        SavingsBook = "savings_book", Other = "other"
    }

    "A net worth category: `cash`, `investments`, `real_estate`, `crypto`, `other`."
    AssetCategory = edgecore::finance::patrimony::AssetCategory {
        Cash = "cash", Investments = "investments", RealEstate = "real_estate", Crypto = "crypto",
        Other = "other"
    }

    "Why a holding could not be valued: `missing` (no price) or `stale` (too old, or captured after the as-of instant)."
    PriceIssue = edgecore::finance::patrimony::PriceIssue { Missing = "missing", Stale = "stale" }
}

/// A cash account.
#[napi(object)]
pub struct CashAccount {
    /// Display name.
    pub name: JsString,
    /// Balance, 0 or more (decimal string).
    pub amount: JsString,
}

record!(input CashAccount = edgecore::finance::patrimony::CashAccount { name, amount });

/// An investment held in an envelope.
#[napi(object)]
pub struct Investment {
    /// Display name.
    pub name: JsString,
    /// The envelope it is held in.
    #[napi(ts_type = "Envelope")]
    pub envelope: JsString,
    /// Current value, 0 or more (decimal string).
    pub value: JsString,
}

record!(input Investment = edgecore::finance::patrimony::Investment { name, envelope, value });

/// A property, with the loan that financed it if any.
#[napi(object)]
pub struct RealEstate {
    /// Display name.
    pub name: JsString,
    /// Estimated value, 0 or more (decimal string).
    pub value: JsString,
    /// The loan on it; its capital still owed at the as-of date is a real-estate debt.
    pub loan: Option<Option<Loan>>,
}

record!(input RealEstate = edgecore::finance::patrimony::RealEstate { name, value, loan });

/// A crypto-currency holding, valued with the price book.
#[napi(object)]
pub struct CryptoHolding {
    /// Symbol looked up in the price book, matched exactly ("BTC" is not "btc").
    pub symbol: JsString,
    /// Quantity held, 0 or more (decimal string).
    pub quantity: JsString,
}

record!(input CryptoHolding = edgecore::finance::patrimony::CryptoHolding { symbol, quantity });

/// Any other asset.
#[napi(object)]
pub struct OtherAsset {
    /// Display name.
    pub name: JsString,
    /// Value, 0 or more (decimal string).
    pub value: JsString,
}

record!(input OtherAsset = edgecore::finance::patrimony::OtherAsset { name, value });

/// A debt other than a property loan (consumer credit, family loan...).
#[napi(object)]
pub struct Debt {
    /// Display name.
    pub name: JsString,
    /// Amount still owed, 0 or more (decimal string).
    pub amount: JsString,
}

record!(input Debt = edgecore::finance::patrimony::Debt { name, amount });

/// An investor's full financial profile; every list is optional (empty when absent).
#[napi(object)]
pub struct Profile {
    /// Cash accounts.
    pub cash: Option<Option<Vec<CashAccount>>>,
    /// Investments by envelope.
    pub investments: Option<Option<Vec<Investment>>>,
    /// Properties and their loans.
    pub real_estate: Option<Option<Vec<RealEstate>>>,
    /// Crypto-currency holdings.
    pub crypto: Option<Option<Vec<CryptoHolding>>>,
    /// Other assets.
    pub other_assets: Option<Option<Vec<OtherAsset>>>,
    /// Other debts (counted in the `other` category).
    pub other_debts: Option<Option<Vec<Debt>>>,
}

record!(defaults Profile = edgecore::finance::patrimony::Profile { cash, investments, real_estate, crypto, other_assets, other_debts });

/// A quoted price and when it was captured.
#[napi(object)]
pub struct Price {
    /// Price of one unit, 0 or more (decimal string).
    pub price: JsString,
    /// Capture instant.
    pub as_of: Date,
}

record!(input Price = edgecore::finance::patrimony::Price { price, as_of });

/// Prices by symbol (e.g. cached exchange quotes).
#[napi(object)]
pub struct PriceBook {
    /// Symbol -> price.
    pub prices: HashMap<String, Price>,
}

record!(input PriceBook = edgecore::finance::patrimony::PriceBook { prices });

/// When and how strictly net worth is computed.
#[napi(object)]
pub struct NetWorthOptions {
    /// The as-of instant: prices are aged against it, and loans count the payments dated on
    /// or before its UTC date.
    pub as_of: Date,
    /// Oldest price accepted, in whole seconds (age = asOf - capture instant, from 0 to this
    /// inclusive); not negative.
    pub max_price_age_seconds: f64,
    /// When set, a holding without a usable price is left out of the totals and listed in
    /// `flagged` instead of failing the whole calculation (default false).
    pub best_effort: Option<Option<bool>>,
}

impl crate::js::Extra for NetWorthOptions {
    const CHECKED: bool = true;
    fn fields(&self) -> Option<(usize, &'static [&'static str])> {
        use crate::js::Present;
        let present = 2 + usize::from(self.best_effort.present());
        Some((present, &["as_of", "max_price_age_seconds", "best_effort"]))
    }
}

impl FromJs for edgecore::finance::patrimony::NetWorthOptions {
    type Js = NetWorthOptions;
    fn from_js(js: NetWorthOptions, at: &At<'_>) -> edgecore::Result<Self> {
        let NetWorthOptions {
            as_of,
            max_price_age_seconds,
            best_effort,
        } = js;
        Ok(edgecore::finance::patrimony::NetWorthOptions {
            as_of: FromJs::from_js(as_of, &at.field("as_of"))?,
            max_price_age: FromJs::from_js(
                max_price_age_seconds,
                &at.field("max_price_age_seconds"),
            )?,
            best_effort: best_effort.flatten().unwrap_or(false),
        })
    }
}

/// One category's totals (decimal strings).
#[napi(object)]
pub struct CategoryTotal {
    /// The category.
    #[napi(ts_type = "AssetCategory")]
    pub category: JsString,
    /// Sum of its assets.
    pub gross: JsString,
    /// Sum of its debts (property loans for real estate, other debts for `other`).
    pub debts: JsString,
    /// `gross - debts` (may be negative).
    pub net: JsString,
    /// Allocation share in PERCENT with 2 decimals, for a pie chart: the shares of the
    /// categories with a positive net add up to exactly "100.00"; 0 otherwise.
    pub share_pct: JsString,
}

record!(output CategoryTotal = edgecore::finance::patrimony::CategoryTotal { category, gross, debts, net, share_pct });

/// An investment envelope's total.
#[napi(object)]
pub struct EnvelopeTotal {
    /// The envelope.
    #[napi(ts_type = "Envelope")]
    pub envelope: JsString,
    /// Sum of the investments held in it (decimal string).
    pub value: JsString,
}

record!(output EnvelopeTotal = edgecore::finance::patrimony::EnvelopeTotal { envelope, value });

/// A holding left out of the totals in best-effort mode.
#[napi(object)]
pub struct FlaggedHolding {
    /// Its symbol.
    pub symbol: JsString,
    /// Its quantity (decimal string).
    pub quantity: JsString,
    /// What is wrong with its price.
    #[napi(ts_type = "PriceIssue")]
    pub issue: JsString,
    /// Capture instant of the rejected price (absent when missing).
    pub price_as_of: Option<Option<Date>>,
}

record!(output FlaggedHolding = edgecore::finance::patrimony::FlaggedHolding { symbol, quantity, issue, price_as_of });

/// Net worth at an instant, by category and overall (decimal strings).
#[napi(object)]
pub struct NetWorth {
    /// The as-of instant used.
    pub as_of: Date,
    /// Every category, in the order cash, investments, real_estate, crypto, other.
    pub categories: Vec<CategoryTotal>,
    /// Sum of every asset.
    pub gross_assets: JsString,
    /// Sum of every debt.
    pub debts: JsString,
    /// `grossAssets - debts`.
    pub net_worth: JsString,
    /// Investments by envelope, every envelope ("0" when empty).
    pub envelopes: Vec<EnvelopeTotal>,
    /// Holdings left out of the totals (best-effort mode only).
    pub flagged: Vec<FlaggedHolding>,
}

record!(output NetWorth = edgecore::finance::patrimony::NetWorth { as_of, categories, gross_assets, debts, net_worth, envelopes, flagged });

/// Net worth of `profile` at `options.asOf`: each category's gross, debts (capital still
/// owed on property loans at the as-of UTC date, other debts) and net; crypto valued
/// `roundCents(quantity x price)` with prices at most `maxPriceAgeSeconds` old. Throws
/// `InvalidAmount` (negative amounts), `InvalidParameter` (negative age, loans),
/// `MissingPrice`, `StalePrice` (unless `bestEffort`).
#[napi(catch_unwind)]
pub fn net_worth(
    #[napi(ts_arg_type = "Profile")] profile: Input<Profile>,
    #[napi(ts_arg_type = "PriceBook")] prices: Input<PriceBook>,
    #[napi(ts_arg_type = "NetWorthOptions")] options: Input<NetWorthOptions>,
) -> Result<NetWorth> {
    let profile: edgecore::finance::patrimony::Profile = read(profile, "profile", "profile")?;
    let prices: edgecore::finance::patrimony::PriceBook = read(prices, "price book", "prices")?;
    let options: edgecore::finance::patrimony::NetWorthOptions =
        read(options, "net worth options", "options")?;
    edgecore::finance::patrimony::net_worth(&profile, &prices, &options)
        .map(ToJs::to_js)
        .or_throw()
}

/// `netWorth` of every profile with the same prices and options (the admin's "recalculate
/// everyone"), in input order, computed in parallel. Throws the first failing profile's
/// error.
#[napi(catch_unwind)]
pub fn net_worth_batch(
    #[napi(ts_arg_type = "Profile[]")] profiles: Input<Vec<Profile>>,
    #[napi(ts_arg_type = "PriceBook")] prices: Input<PriceBook>,
    #[napi(ts_arg_type = "NetWorthOptions")] options: Input<NetWorthOptions>,
) -> Result<Vec<NetWorth>> {
    let profiles: Vec<edgecore::finance::patrimony::Profile> =
        read(profiles, "profile", "profiles")?;
    let prices: edgecore::finance::patrimony::PriceBook = read(prices, "price book", "prices")?;
    let options: edgecore::finance::patrimony::NetWorthOptions =
        read(options, "net worth options", "options")?;
    edgecore::finance::patrimony::net_worth_batch(&profiles, &prices, &options)
        .map(ToJs::to_js)
        .or_throw()
}

/// `netWorthBatch` off the main thread: resolves to the same values, or rejects with the
/// same error. `onProgress(done, total)` counts profiles, reported about every 4096 and once at the end (the
/// core's `net_worth_batch_with_progress`).
#[napi(catch_unwind, ts_return_type = "Promise<NetWorth[]>")]
pub fn net_worth_batch_async(
    #[napi(ts_arg_type = "Profile[]")] profiles: Input<Vec<Profile>>,
    #[napi(ts_arg_type = "PriceBook")] prices: Input<PriceBook>,
    #[napi(ts_arg_type = "NetWorthOptions")] options: Input<NetWorthOptions>,
    #[napi(ts_arg_type = "(done: number, total: number) => void")] on_progress: Option<Progress>,
) -> Result<AsyncTask<Background<Vec<NetWorth>>>> {
    let profiles: Vec<edgecore::finance::patrimony::Profile> =
        read(profiles, "profile", "profiles")?;
    let prices: edgecore::finance::patrimony::PriceBook = read(prices, "price book", "prices")?;
    let options: edgecore::finance::patrimony::NetWorthOptions =
        read(options, "net worth options", "options")?;
    Ok(background(on_progress, move |report| {
        edgecore::finance::patrimony::net_worth_batch_with_progress(
            &profiles, &prices, &options, report,
        )
        .map(ToJs::to_js)
    }))
}
