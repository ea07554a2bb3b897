//! Bets: checking what a caller sends, closing line value and settlement.
//!
//! Input is read field by field so that a refusal names the field and the reason (422).
//! Every figure comes from the core: closing lines from `clv::closing_line` and
//! `clv::closing_market` over the stored history, the fair closing probability from
//! de-vig, settlement from `settle::settle`. Writes of many bets (settlement, CLV) are one
//! transaction.

use crate::storage::{BetQuery, BetStatus, Storage, StorageError, StoredBet};
use chrono::{DateTime, Utc};
use edgecore::bet::Outcome;
use edgecore::clv::{closing_line, closing_market};
use edgecore::devig::{DevigMethod, devig};
use edgecore::stats::BetFilter as CoreFilter;
use edgecore::{Bet, Event, EventResult, Market, Selection};
use rand::RngCore;
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::{Map, Value};
use std::str::FromStr;

/// A refused input: the field and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{field}: {reason}")]
pub struct Invalid {
    /// The field (JSON key or query parameter).
    pub field: String,
    /// Why it is refused.
    pub reason: String,
}

/// Builds an [`Invalid`].
pub fn invalid(field: &str, reason: impl Into<String>) -> Invalid {
    Invalid {
        field: field.into(),
        reason: reason.into(),
    }
}

/// Why an operation on bets failed.
#[derive(Debug, thiserror::Error)]
pub enum BettingError {
    /// Bad input (422).
    #[error(transparent)]
    Invalid(#[from] Invalid),
    /// Unknown bet (404).
    #[error("no bet with id {0:?}")]
    NotFound(String),
    /// The database failed (500/503).
    #[error(transparent)]
    Storage(#[from] StorageError),
}

/// Largest stake accepted (a guard against typos and overflow).
const MAX_STAKE: Decimal = Decimal::from_parts(1_000_000_000, 0, 0, false, 0);
/// Largest decimal odds accepted.
const MAX_ODDS: Decimal = Decimal::from_parts(10_000, 0, 0, false, 0);

fn text<'a>(body: &'a Map<String, Value>, field: &str) -> Result<Option<&'a str>, Invalid> {
    match body.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.as_str())),
        Some(_) => Err(invalid(field, "must be a string")),
    }
}

fn key(body: &Map<String, Value>, field: &str, max: usize) -> Result<Option<String>, Invalid> {
    let Some(s) = text(body, field)? else {
        return Ok(None);
    };
    let s = s.trim();
    if s.is_empty() || s.len() > max {
        return Err(invalid(field, format!("must hold 1 to {max} characters")));
    }
    if !s
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | ':'))
    {
        return Err(invalid(
            field,
            "may only hold letters, digits, '_', '-', '.' and ':'",
        ));
    }
    Ok(Some(s.to_string()))
}

/// Reads a decimal given as a JSON string ("2.05") or number (2.05), exactly: a number is
/// read from its text (see [`exact_numbers`]), and a value with more digits than an exact
/// decimal holds (28) is refused instead of rounded.
fn decimal(body: &Map<String, Value>, field: &str) -> Result<Option<Decimal>, Invalid> {
    let raw = match body.get(field) {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::String(s)) => s.trim().to_string(),
        Some(Value::Number(n)) => n.to_string(),
        Some(_) => return Err(invalid(field, "must be a decimal string such as \"2.05\"")),
    };
    let shown: String = raw.chars().take(40).collect();
    Decimal::from_str_exact(&raw)
        .or_else(|_| Decimal::from_scientific(&raw).map(|d| d.normalize()))
        .map(Some)
        .map_err(|_| {
            invalid(
                field,
                format!("{shown:?} is not a decimal number of at most 28 digits"),
            )
        })
}

/// The fields of a bet read as exact decimals.
const DECIMAL_FIELDS: [&str; 4] = ["odds", "stake", "line", "closing_odds"];

/// Parses a JSON object body keeping the numbers of the decimal fields (odds, stake, line,
/// closing odds) as their exact text (a JSON string), so that `2.05` or a 5000-digit number
/// reach `decimal` as written instead of through a float. A body that is not a JSON
/// object is parsed as it is.
pub fn exact_numbers(bytes: &[u8]) -> Result<Value, Invalid> {
    use serde_json::value::RawValue;
    let parsed: Result<std::collections::BTreeMap<String, Box<RawValue>>, _> =
        serde_json::from_slice(bytes);
    let Ok(fields) = parsed else {
        return serde_json::from_slice(bytes)
            .map_err(|e| invalid("body", format!("invalid JSON: {e}")));
    };
    fields
        .into_iter()
        .map(|(k, raw)| {
            let text = raw.get().trim();
            let number = text.starts_with(|c: char| c == '-' || c.is_ascii_digit());
            let value = if number && DECIMAL_FIELDS.contains(&k.as_str()) {
                Value::String(text.to_string())
            } else {
                serde_json::from_str(text)
                    .map_err(|e| invalid("body", format!("invalid JSON: {e}")))?
            };
            Ok((k, value))
        })
        .collect::<Result<Map<String, Value>, Invalid>>()
        .map(Value::Object)
}

fn named<T: FromStr>(body: &Map<String, Value>, field: &str) -> Result<Option<T>, Invalid>
where
    T::Err: std::fmt::Display,
{
    text(body, field)?
        .map(|s| s.parse::<T>().map_err(|e| invalid(field, e.to_string())))
        .transpose()
}

/// Earliest and latest years of an instant a caller or the feed may send (placed_at,
/// kickoff).
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

/// An instant at the millisecond, the precision it is stored with, so that an answer shows
/// what a later read returns.
pub fn to_millis(t: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(t.timestamp_millis()).unwrap_or(t)
}

fn instant(body: &Map<String, Value>, field: &str) -> Result<Option<DateTime<Utc>>, Invalid> {
    text(body, field)?
        .map(|s| {
            let t = DateTime::parse_from_rfc3339(s.trim())
                .map(|t| t.with_timezone(&Utc))
                .map_err(|_| invalid(field, format!("{s:?} is not an RFC 3339 instant")))?;
            if !YEARS.contains(&chrono::Datelike::year(&t)) {
                return Err(invalid(
                    field,
                    format!("{s:?} is outside the years 1900 to 2200"),
                ));
            }
            Ok(to_millis(t))
        })
        .transpose()
}

fn flag(body: &Map<String, Value>, field: &str) -> Result<Option<bool>, Invalid> {
    match body.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(*b)),
        Some(_) => Err(invalid(field, "must be true or false")),
    }
}

/// Refuses a bet placed at or after kickoff unless it is a live bet (whose price the caller
/// then checks against the board, see [`on_the_board`]); a live bet must be placed after
/// kickoff.
fn check_timing(
    placed_at: DateTime<Utc>,
    kickoff: Option<DateTime<Utc>>,
    live: bool,
) -> Result<(), Invalid> {
    let started = kickoff.is_some_and(|k| placed_at >= k);
    match (started, live) {
        (true, false) => Err(invalid(
            "placed_at",
            format!(
                "is at or after the kickoff ({}): only a live bet (\"live\": true) at a price \
                 that was on the board may be placed then",
                kickoff.map(|k| k.to_rfc3339()).unwrap_or_default()
            ),
        )),
        (false, true) => Err(invalid(
            "live",
            "a bet placed before kickoff is not a live bet",
        )),
        _ => Ok(()),
    }
}

/// Whether a live `bet`'s price was on the board in play. `history` holds its bookmaker's
/// price changes for the market and `latest` the bookmaker's latest prices of the event
/// (with when each was last seen). The price in force when the bet was placed is the last
/// change captured at or before then; it must equal the odds taken and have been seen in
/// play: captured at or after `kickoff`, or still the latest price, unchanged since before
/// the bet and seen at or after kickoff.
pub fn on_the_board(
    bet: &Bet,
    kickoff: DateTime<Utc>,
    history: &[edgecore::PriceSnapshot],
    latest: &[crate::storage::LatestPrice],
) -> Result<(), Invalid> {
    let same = |event: &str, bookmaker: &str, market, line, selection| {
        event == bet.event_id
            && bookmaker == bet.bookmaker
            && market == bet.market
            && line == bet.line
            && selection == bet.selection
    };
    let in_force = history
        .iter()
        .filter(|s| {
            same(&s.event_id, &s.bookmaker, s.market, s.line, s.selection)
                && s.captured_at <= bet.placed_at
        })
        .max_by_key(|s| s.captured_at);
    let Some(price) = in_force else {
        return Err(invalid(
            "odds",
            format!(
                "no price of {} for this selection was on the board",
                bet.bookmaker
            ),
        ));
    };
    if price.price != bet.odds {
        return Err(invalid(
            "odds",
            format!(
                "{} was not on the board: {} quoted {} since {}",
                bet.odds,
                bet.bookmaker,
                price.price,
                price.captured_at.to_rfc3339()
            ),
        ));
    }
    let seen_in_play = price.captured_at >= kickoff
        || latest.iter().any(|l| {
            same(&l.event_id, &l.bookmaker, l.market, l.line, l.selection)
                && l.price == bet.odds
                && l.changed_at <= bet.placed_at
                && l.seen_at >= kickoff
        });
    if seen_in_play {
        Ok(())
    } else {
        Err(invalid(
            "odds",
            format!(
                "{} was a price before kickoff; no in-play sighting of it at {}",
                bet.odds, bet.bookmaker
            ),
        ))
    }
}

fn required<T>(value: Option<T>, field: &str) -> Result<T, Invalid> {
    value.ok_or_else(|| invalid(field, "is required"))
}

/// A price the core can compute with to the end (`edgecore::odds::decimal_price`: above 1
/// as a float too, so `1.00000000000000001` is refused) and at most 10000: the one check of
/// a price for bets and for the odds feed alike. The error is the reason.
pub fn usable_price(price: Decimal) -> Result<Decimal, String> {
    if let Err(e) = edgecore::odds::decimal_price(price) {
        return Err(format!("{price} is not a usable decimal price ({e})"));
    }
    if price > MAX_ODDS {
        return Err(format!("{price} is above the largest price, {MAX_ODDS}"));
    }
    Ok(price)
}

fn check_odds(field: &str, odds: Decimal) -> Result<Decimal, Invalid> {
    usable_price(odds).map_err(|reason| invalid(field, reason))
}

fn check_stake(stake: Decimal) -> Result<Decimal, Invalid> {
    if stake <= Decimal::ZERO || stake > MAX_STAKE {
        return Err(invalid(
            "stake",
            format!("{stake} must be in (0, 1000000000]"),
        ));
    }
    let mut stake = stake.normalize();
    if stake.scale() > 2 {
        return Err(invalid(
            "stake",
            format!("{stake} has more than 2 decimals"),
        ));
    }
    // Stored and shown with two decimals: "2.50000" and "2.5" are both "2.50".
    stake.rescale(2);
    Ok(stake)
}

fn check_fields(body: &Map<String, Value>, allowed: &[&str]) -> Result<(), Invalid> {
    match body.keys().find(|k| !allowed.contains(&k.as_str())) {
        Some(k) => Err(invalid(
            k,
            format!("unknown field (allowed: {})", allowed.join(", ")),
        )),
        None => Ok(()),
    }
}

fn market_check(
    market: Market,
    selection: Selection,
    line: Option<Decimal>,
) -> Result<(), Invalid> {
    market.check(selection, line).map_err(|e| {
        let field = if e.kind() == "InvalidSelection" {
            "selection"
        } else {
            "line"
        };
        invalid(field, e.to_string())
    })
}

/// A new bet identifier: "b" + 16 hex digits.
pub fn new_id() -> String {
    let mut bytes = [0u8; 8];
    rand::rng().fill_bytes(&mut bytes);
    format!("b{}", hex::encode(bytes))
}

/// Fields accepted by `POST /bets`.
pub const CREATE_FIELDS: [&str; 12] = [
    "event_id",
    "league",
    "kickoff",
    "market",
    "line",
    "selection",
    "bookmaker",
    "odds",
    "stake",
    "placed_at",
    "source",
    "live",
];

/// Fields accepted by `PUT /bets/{id}`.
pub const UPDATE_FIELDS: [&str; 7] = [
    "odds",
    "stake",
    "bookmaker",
    "placed_at",
    "source",
    "outcome",
    "closing_odds",
];

/// Checks a `POST /bets` body. `event` is the stored event named by `event_id`, if any (its
/// league and kickoff are used; without it `league` and `kickoff` are required). A bet
/// placed at or after kickoff is refused unless marked `"live": true`; the caller then
/// checks its price with [`on_the_board`]. Instants are kept to the millisecond and stakes
/// with two decimals, as stored.
pub fn new_bet(
    body: &Value,
    event: Option<&Event>,
    now: DateTime<Utc>,
) -> Result<StoredBet, Invalid> {
    let now = to_millis(now);
    let body = body
        .as_object()
        .ok_or_else(|| invalid("body", "must be a JSON object"))?;
    check_fields(body, &CREATE_FIELDS)?;
    let event_id = required(key(body, "event_id", 200)?, "event_id")?;
    let market: Market = required(named(body, "market")?, "market")?;
    let selection: Selection = required(named(body, "selection")?, "selection")?;
    let line = decimal(body, "line")?;
    market_check(market, selection, line)?;
    let bookmaker = required(key(body, "bookmaker", 64)?, "bookmaker")?;
    let odds = check_odds("odds", required(decimal(body, "odds")?, "odds")?)?;
    let stake = check_stake(required(decimal(body, "stake")?, "stake")?)?;
    let placed_at = instant(body, "placed_at")?.unwrap_or(now);
    if placed_at > now + chrono::Duration::minutes(5) {
        return Err(invalid("placed_at", "is in the future"));
    }
    let source = key(body, "source", 64)?.unwrap_or_else(|| "manual".into());
    let (league, kickoff) = match event {
        Some(e) => (e.league.clone(), Some(e.kickoff)),
        None => (
            required(key(body, "league", 100)?, "league").map_err(|_| {
                invalid(
                    "event_id",
                    "unknown event: give league and kickoff, or collect its odds first",
                )
            })?,
            Some(required(instant(body, "kickoff")?, "kickoff")?),
        ),
    };
    let live = flag(body, "live")?.unwrap_or(false);
    check_timing(placed_at, kickoff, live)?;
    Ok(StoredBet {
        bet: Bet {
            id: new_id(),
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
            outcome: None,
            closing_odds: None,
            closing_probability: None,
        },
        kickoff,
        settled_at: None,
        created_at: now,
        updated_at: now,
        live,
        demo: false,
    })
}

/// Applies a `PUT /bets/{id}` body to `bet` (a partial update; `outcome: null` reopens a
/// settled bet, `closing_odds: null` clears the closing line). The odds and placement time
/// of a live bet were checked against the board and do not change; another bet cannot be
/// moved to or after its kickoff.
pub fn apply_update(bet: &mut StoredBet, body: &Value, now: DateTime<Utc>) -> Result<(), Invalid> {
    let now = to_millis(now);
    let body = body
        .as_object()
        .ok_or_else(|| invalid("body", "must be a JSON object"))?;
    check_fields(body, &UPDATE_FIELDS)?;
    if body.is_empty() {
        return Err(invalid("body", "nothing to update"));
    }
    if bet.live
        && let Some(field) = ["odds", "placed_at"]
            .iter()
            .find(|f| body.contains_key(**f))
    {
        return Err(invalid(
            field,
            "a live bet's odds and placement time were checked against the board and are fixed",
        ));
    }
    let kickoff = bet.kickoff;
    let b = &mut bet.bet;
    if let Some(odds) = decimal(body, "odds")? {
        b.odds = check_odds("odds", odds)?;
    }
    if let Some(stake) = decimal(body, "stake")? {
        b.stake = check_stake(stake)?;
    }
    if let Some(bookmaker) = key(body, "bookmaker", 64)? {
        b.bookmaker = bookmaker;
    }
    if let Some(source) = key(body, "source", 64)? {
        b.source = source;
    }
    if let Some(at) = instant(body, "placed_at")? {
        if at > now + chrono::Duration::minutes(5) {
            return Err(invalid("placed_at", "is in the future"));
        }
        check_timing(at, kickoff, false)?;
        b.placed_at = at;
    }
    if body.contains_key("outcome") {
        b.outcome = named::<Outcome>(body, "outcome")?;
        bet.settled_at = b.outcome.map(|_| now);
    }
    if body.contains_key("closing_odds") {
        b.closing_odds = decimal(body, "closing_odds")?
            .map(|c| check_odds("closing_odds", c))
            .transpose()?;
        b.closing_probability = None;
    }
    bet.updated_at = now;
    Ok(())
}

/// Filters of `GET /bets` read from the query string.
#[derive(Debug, Clone)]
pub struct BetFilter {
    /// Database part (status and date window).
    pub query: BetQuery,
    /// The core's filter, applied to what the database returns.
    pub filter: CoreFilter,
}

impl Default for BetFilter {
    fn default() -> BetFilter {
        BetFilter {
            query: BetQuery::default(),
            filter: CoreFilter::All,
        }
    }
}

/// Reads `status` (all, pending, settled, positive_clv), `from` and `to`.
pub fn bet_filter(
    params: &std::collections::HashMap<String, String>,
) -> Result<BetFilter, Invalid> {
    let mut f = BetFilter::default();
    for (k, v) in params {
        match k.as_str() {
            "status" | "filter" => {
                f.filter = v
                    .parse()
                    .map_err(|e: edgecore::Error| invalid(k, e.to_string()))?;
                f.query.status = match f.filter {
                    CoreFilter::Pending => BetStatus::Pending,
                    CoreFilter::Settled => BetStatus::Settled,
                    CoreFilter::All | CoreFilter::PositiveClv => BetStatus::All,
                };
            }
            "from" | "to" => {
                let t = parse_instant_or_date(v).ok_or_else(|| {
                    invalid(
                        k,
                        format!("{v:?} is not a date (YYYY-MM-DD) or RFC 3339 instant"),
                    )
                })?;
                if k == "from" {
                    f.query.from = Some(t);
                } else {
                    f.query.to = Some(t);
                }
            }
            other => {
                return Err(invalid(
                    other,
                    "unknown parameter (allowed: status, from, to, limit, cursor)",
                ));
            }
        }
    }
    if let (Some(a), Some(b)) = (f.query.from, f.query.to)
        && a > b
    {
        return Err(invalid("from", "is after to"));
    }
    Ok(f)
}

/// Parses "YYYY-MM-DD" (midnight UTC) or an RFC 3339 instant.
pub fn parse_instant_or_date(v: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(v.trim())
        .map(|t| t.with_timezone(&Utc))
        .ok()
        .or_else(|| {
            chrono::NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d")
                .ok()
                .and_then(|d| d.and_hms_opt(0, 0, 0))
                .map(|t| t.and_utc())
        })
}

/// A bet as the API shows it: the record plus derived figures (profit, CLV).
#[derive(Debug, Clone, Serialize)]
pub struct BetView {
    /// The record (decimals as strings).
    #[serde(flatten)]
    pub bet: Bet,
    /// "pending" or the outcome.
    pub status: &'static str,
    /// Kickoff of the event.
    pub kickoff: Option<DateTime<Utc>>,
    /// Profit once settled (decimal string).
    #[serde(with = "rust_decimal::serde::str_option")]
    pub profit: Option<Decimal>,
    /// CLV against the closing price, a fraction (0.0567 = +5.67%).
    pub clv: Option<f64>,
    /// CLV against the de-vigged closing price: odds x fair probability - 1.
    pub clv_fair: Option<f64>,
    /// When it was settled.
    pub settled_at: Option<DateTime<Utc>>,
    /// When it was recorded.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
    /// Placed in play (at or after kickoff) at a price that was on the board.
    pub live: bool,
    /// A demo bet (the replay demonstration's season), not a real one.
    pub demo: bool,
}

/// The view of a stored bet (figures from the core; a figure that cannot be computed is
/// `null`).
pub fn view(b: &StoredBet) -> BetView {
    let bet = &b.bet;
    let clv = bet.closing_odds.and_then(|c| {
        edgecore::clv::clv(
            edgecore::money::to_f64(bet.odds),
            edgecore::money::to_f64(c),
        )
        .ok()
    });
    let clv_fair = bet
        .closing_probability
        .and_then(|p| edgecore::clv::clv_fair_at(edgecore::money::to_f64(bet.odds), p).ok());
    BetView {
        status: bet.outcome.map_or("pending", |o| o.as_str()),
        kickoff: b.kickoff,
        // The core writes money with its cents ("28.00").
        profit: bet.profit().ok().flatten(),
        clv,
        clv_fair,
        settled_at: b.settled_at,
        created_at: b.created_at,
        updated_at: b.updated_at,
        live: b.live,
        demo: b.demo,
        bet: bet.clone(),
    }
}

/// What a settlement pass did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SettleReport {
    /// Bets settled now.
    pub settled: usize,
    /// Pending bets without a result yet.
    pub waiting: usize,
    /// Bets the core could not settle (with the reason).
    pub errors: Vec<Invalid>,
}

/// Settles one bet with the core's default rules: the h2h format follows the sport of the
/// bet's league, which is the odds feed's sport key of its event ("basketball_nba",
/// "icehockey_nhl": a moneyline tie is a push; "soccer_epl": three-way, a home or away bet
/// loses on a draw).
fn settle_one(bet: &Bet, result: &EventResult) -> edgecore::Result<edgecore::settle::Settlement> {
    edgecore::settle::settle(bet, result)
}

/// Settles every pending bet whose event has a stored result, in one transaction.
pub async fn settle_pending(
    store: &dyn Storage,
    now: DateTime<Utc>,
) -> Result<SettleReport, StorageError> {
    let pending = store
        .bets(&BetQuery {
            status: BetStatus::Pending,
            ..BetQuery::default()
        })
        .await?;
    let ids: Vec<String> = pending.iter().map(|b| b.bet.event_id.clone()).collect();
    let results = store.results(&ids).await?;
    let mut report = SettleReport::default();
    let mut settled = Vec::new();
    for mut b in pending {
        let Some(result) = results.get(&b.bet.event_id) else {
            report.waiting += 1;
            continue;
        };
        match settle_one(&b.bet, result) {
            Ok(s) => {
                b.bet.outcome = Some(s.outcome);
                b.settled_at = Some(now);
                b.updated_at = now;
                settled.push(b);
            }
            Err(e) => report.errors.push(invalid(&b.bet.id, e.to_string())),
        }
    }
    report.settled = usize::try_from(store.update_bets(&settled).await?).unwrap_or(0);
    Ok(report)
}

/// What a CLV pass did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ClvReport {
    /// Bets given a closing price now.
    pub computed: usize,
    /// Bets whose event has not kicked off yet.
    pub waiting: usize,
    /// Bets past kickoff without a reference closing price (with the reason).
    pub unavailable: Vec<Invalid>,
}

/// The closing line of a selection: the reference bookmaker's last price captured before
/// `kickoff` (same market, line and selection) and the de-vigged (Shin) probability of the
/// selection in that closing market (`None` when the market is incomplete). The inner error
/// says why there is no closing price.
pub async fn closing_of(
    store: &dyn Storage,
    reference: &str,
    event_id: &str,
    market: Market,
    line: Option<Decimal>,
    selection: Selection,
    kickoff: DateTime<Utc>,
) -> Result<Result<(Decimal, Option<f64>), String>, StorageError> {
    let history = store
        .market_history(event_id, reference, market, kickoff)
        .await?;
    let close = match closing_line(
        &history, event_id, kickoff, reference, market, line, selection,
    ) {
        Ok(snap) => snap.price,
        Err(e) => return Ok(Err(e.to_string())),
    };
    let probability = closing_market(
        &history,
        event_id,
        kickoff,
        reference,
        market,
        line,
        market.selections(),
    )
    .ok()
    .and_then(|m| {
        let i = m.selections.iter().position(|s| *s == selection)?;
        let fair = devig(&m.odds, DevigMethod::Shin, 1.0).ok()?;
        fair.probabilities.get(i).copied()
    });
    Ok(Ok((close, probability)))
}

/// Gives every bet past kickoff without a closing price the reference bookmaker's last
/// price before kickoff (same market, line and selection) and the de-vigged (Shin)
/// probability of the selection in that closing market, in one transaction.
pub async fn compute_clv(
    store: &dyn Storage,
    reference: &str,
    now: DateTime<Utc>,
) -> Result<ClvReport, StorageError> {
    let bets = store.bets(&BetQuery::default()).await?;
    let mut report = ClvReport::default();
    let mut updated = Vec::new();
    for mut b in bets.into_iter().filter(|b| b.bet.closing_odds.is_none()) {
        let kickoff = match b.kickoff {
            Some(k) => k,
            None => match store.event(&b.bet.event_id).await? {
                Some(e) => e.kickoff,
                None => {
                    report
                        .unavailable
                        .push(invalid(&b.bet.id, "the event is unknown"));
                    continue;
                }
            },
        };
        if kickoff > now {
            report.waiting += 1;
            continue;
        }
        let bet = &b.bet;
        let (close, probability) = match closing_of(
            store,
            reference,
            &bet.event_id,
            bet.market,
            bet.line,
            bet.selection,
            kickoff,
        )
        .await?
        {
            Ok(found) => found,
            Err(reason) => {
                report.unavailable.push(invalid(&bet.id, reason));
                continue;
            }
        };
        b.bet.closing_odds = Some(close);
        b.bet.closing_probability = probability;
        b.kickoff = Some(kickoff);
        b.updated_at = now;
        updated.push(b);
    }
    report.computed = usize::try_from(store.update_bets(&updated).await?).unwrap_or(0);
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn event() -> Event {
        Event {
            id: "e1".into(),
            league: "soccer_epl".into(),
            home: "Arsenal".into(),
            away: "Chelsea".into(),
            kickoff: Utc::now() + chrono::Duration::hours(3),
        }
    }

    #[test]
    fn a_good_bet() {
        let now = Utc::now();
        let body = json!({"event_id": "e1", "market": "totals", "line": "3.0",
            "selection": "over", "bookmaker": "bet365", "odds": "2.05", "stake": "10"});
        let b = new_bet(&body, Some(&event()), now).unwrap();
        assert_eq!(b.bet.league, "soccer_epl");
        assert_eq!(b.bet.odds, Decimal::new(205, 2));
        assert_eq!(b.bet.source, "manual");
        assert!(b.bet.id.starts_with('b') && b.bet.id.len() == 17);
    }

    #[test]
    fn each_bad_field_is_named() {
        let now = Utc::now();
        let base = json!({"event_id": "e1", "market": "h2h", "selection": "home",
            "bookmaker": "bet365", "odds": "2.05", "stake": "10"});
        let field = |patch: Value| {
            let mut b = base.clone();
            for (k, v) in patch.as_object().unwrap() {
                b[k] = v.clone();
            }
            new_bet(&b, Some(&event()), now).unwrap_err().field
        };
        assert_eq!(field(json!({"odds": "1.0"})), "odds");
        assert_eq!(field(json!({"odds": "abc"})), "odds");
        assert_eq!(field(json!({"stake": "-1"})), "stake");
        assert_eq!(field(json!({"stake": "1.001"})), "stake");
        assert_eq!(field(json!({"stake": true})), "stake");
        assert_eq!(field(json!({"market": "corners"})), "market");
        assert_eq!(field(json!({"selection": "over"})), "selection");
        assert_eq!(field(json!({"line": "2.5"})), "line");
        assert_eq!(field(json!({"bookmaker": "a b"})), "bookmaker");
        assert_eq!(field(json!({"placed_at": "yesterday"})), "placed_at");
        assert_eq!(
            field(json!({"placed_at": "2999-01-01T00:00:00Z"})),
            "placed_at"
        );
        assert_eq!(field(json!({"color": "red"})), "color");
        let mut no_stake = base.clone();
        no_stake.as_object_mut().unwrap().remove("stake");
        assert_eq!(
            new_bet(&no_stake, Some(&event()), now).unwrap_err().field,
            "stake"
        );
        assert_eq!(new_bet(&base, None, now).unwrap_err().field, "event_id");
        assert_eq!(new_bet(&json!([1]), None, now).unwrap_err().field, "body");
    }

    #[test]
    fn sports_without_a_draw_settle_two_way() {
        // The league of a recorded bet is its event's sport key: the settlement pass reads
        // the h2h format from it.
        let now = Utc::now();
        let body = json!({"event_id": "e1", "market": "h2h", "selection": "home",
            "bookmaker": "bet365", "odds": "2.17", "stake": "10"});
        let tie = EventResult::Final { home: 3, away: 3 };
        for (league, outcome, profit) in [
            ("soccer_epl", Outcome::Lost, "-10.00"),
            ("basketball_nba", Outcome::Push, "0.00"),
            ("americanfootball_nfl", Outcome::Push, "0.00"),
            ("baseball_mlb", Outcome::Push, "0.00"),
            ("tennis_atp_wimbledon", Outcome::Push, "0.00"),
            ("icehockey_nhl", Outcome::Push, "0.00"),
        ] {
            let ev = Event {
                league: league.into(),
                ..event()
            };
            let mut b = new_bet(&body, Some(&ev), now).unwrap();
            assert_eq!(b.bet.league, league);
            let s = settle_one(&b.bet, &tie).unwrap();
            assert_eq!(s.outcome, outcome, "{league}");
            b.bet.outcome = Some(s.outcome);
            // money keeps its cents in the JSON view
            let v = serde_json::to_value(view(&b)).unwrap();
            assert_eq!(v["profit"], profit, "{league}");
        }
    }

    #[test]
    fn updates() {
        let now = Utc::now();
        let body = json!({"event_id": "e1", "market": "h2h", "selection": "home",
            "bookmaker": "bet365", "odds": 2.05, "stake": "10"});
        let mut b = new_bet(&body, Some(&event()), now).unwrap();
        apply_update(
            &mut b,
            &json!({"outcome": "won", "closing_odds": "1.94"}),
            now,
        )
        .unwrap();
        assert_eq!(b.bet.outcome, Some(Outcome::Won));
        let v = view(&b);
        assert_eq!(v.profit, Some(Decimal::new(1050, 2)));
        assert!((v.clv.unwrap() - 0.056_701_030_927_835).abs() < 1e-12);
        apply_update(&mut b, &json!({"outcome": null}), now).unwrap();
        assert_eq!(view(&b).status, "pending");
        assert_eq!(
            apply_update(&mut b, &json!({}), now).unwrap_err().field,
            "body"
        );
        assert_eq!(
            apply_update(&mut b, &json!({"outcome": "maybe"}), now)
                .unwrap_err()
                .field,
            "outcome"
        );
        assert_eq!(
            apply_update(&mut b, &json!({"market": "totals"}), now)
                .unwrap_err()
                .field,
            "market"
        );
    }

    #[test]
    fn filters() {
        let p = |pairs: &[(&str, &str)]| {
            bet_filter(
                &pairs
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect(),
            )
        };
        assert_eq!(
            p(&[("status", "positive_clv")]).unwrap().filter,
            CoreFilter::PositiveClv
        );
        assert_eq!(
            p(&[("status", "pending")]).unwrap().query.status,
            BetStatus::Pending
        );
        assert!(p(&[("from", "2025-01-01"), ("to", "2025-02-01")]).is_ok());
        assert_eq!(
            p(&[("from", "2025-03-01"), ("to", "2025-02-01")])
                .unwrap_err()
                .field,
            "from"
        );
        assert_eq!(p(&[("status", "won")]).unwrap_err().field, "status");
        assert_eq!(p(&[("page", "2")]).unwrap_err().field, "page");
    }
}
