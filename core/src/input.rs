//! Reading a caller's input: the most records one call reads ([`MAX_RECORDS`]) and where in
//! the input a bad value sits (the path an error message names), defined once for the Rust
//! API and both bindings.
//!
//! A bad value inside an argument is an [`Error::InvalidRecord`] whose reason starts with
//! the path of the value, then a colon: `invalid bet: bets[3].odds: invalid type: ...`. A
//! path is the argument's name, then `.field` for a field of a record, `[i]` for the item at
//! index `i` of a list and `["key"]` for an entry of a map (`events[0].markets["h2h"]`).
//! Field names are spelt as the caller's language writes them (snake_case in Rust and
//! Python, camelCase in JavaScript: [`Spelling`]). A record given alone as an argument is
//! named after the argument too: `invalid bet: bet.stake: ...`.
//!
//! A record is read by the core's serde form in every language, so the same record is
//! accepted or refused alike:
//! - a field the record does not have is refused (`unknown field `closing_odd`, expected
//!   one of ...`, at the path of the key), never ignored;
//! - a number where a decimal goes (odds `2.05`, a stake `10`) reads as the shortest text
//!   that reads back as the same double, which is what the caller typed: the JSON literal
//!   in Rust (parsed exactly, `serde_json`'s `float_roundtrip`), `repr(float)` or the
//!   digits of an `int` in Python, `String(n)` in JavaScript. `2.05` is exactly 2.05 and
//!   `0.1 + 0.2` is 0.30000000000000004. Whole numbers are read exactly. A decimal string
//!   stays the exact way to pass an amount with its scale (`"10.50"`).

use crate::{Error, Result};
use rust_decimal::Decimal;
use serde::Deserializer;
use serde::de::DeserializeOwned;
use std::str::FromStr;

/// The most items one list argument of a call may hold: 10,000,000 (ten million).
///
/// Every list of records the bindings read (bets, snapshots, subscribers, amounts...) is
/// counted while it is read, and the item after this many is refused with
/// [`too_many_records`] instead of being read: an endless iterable (a generator that never
/// stops) ends with a clear error rather than a hang that fills memory. Ten million is ten
/// times the largest batch of the benchmarks (a million subscribers, a million bets) and
/// a few gigabytes of records in memory, beyond any single call the library serves.
pub const MAX_RECORDS: usize = 10_000_000;

/// How the field names of a path are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spelling {
    /// As the core names them (`placed_at`): Rust and Python.
    Snake,
    /// In camelCase (`placedAt`): JavaScript.
    Camel,
}

/// One step from a value to a value inside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step<'a> {
    /// A field of a record, or an argument (snake_case, as the core names it).
    Field(&'a str),
    /// The item at this index of a list.
    Index(usize),
    /// The entry of a map under this key.
    Key(&'a str),
}

impl Step<'_> {
    /// Appends this step to the path `out`: `.field` (no dot at the start), `[i]` or
    /// `["key"]` (the key quoted and escaped as a Rust string literal).
    pub fn push(self, out: &mut String, spelling: Spelling) {
        match self {
            Step::Field(name) => {
                if !out.is_empty() {
                    out.push('.');
                }
                match spelling {
                    Spelling::Snake => out.push_str(name),
                    Spelling::Camel => out.push_str(&camel_case(name)),
                }
            }
            Step::Index(i) => out.push_str(&format!("[{i}]")),
            Step::Key(key) => out.push_str(&format!("[{key:?}]")),
        }
    }
}

/// `placed_at` -> `placedAt` (a name without `_` is unchanged).
pub fn camel_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// `placedAt` -> `placed_at`: a JavaScript field name as the core names it (a name without
/// capitals is unchanged; the reverse of [`camel_case`] for the core's names).
pub fn snake_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for c in name.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// The path made of `steps`, in order: `bets[3].odds`.
pub fn path<'a>(steps: impl IntoIterator<Item = Step<'a>>, spelling: Spelling) -> String {
    let mut out = String::new();
    for step in steps {
        step.push(&mut out, spelling);
    }
    out
}

/// The error for a bad value of a `record` at `path`: an [`Error::InvalidRecord`] whose
/// reason is `"{path}: {reason}"` (just the reason when the path is empty).
pub fn invalid_at(record: &'static str, path: &str, reason: impl std::fmt::Display) -> Error {
    if path.is_empty() {
        Error::invalid_record(record, reason)
    } else {
        Error::invalid_record(record, format!("{path}: {reason}"))
    }
}

/// The error for a list at `path` holding more than [`MAX_RECORDS`] items.
pub fn too_many_records(record: &'static str, path: &str) -> Error {
    invalid_at(
        record,
        path,
        format_args!("holds more than {MAX_RECORDS} items, the most one call reads"),
    )
}

/// Refuses the item at `index` of the list at `path` when it is beyond [`MAX_RECORDS`];
/// the readers of the bindings call it for every item before reading it (`path` is only
/// rendered on error).
pub fn count(record: &'static str, index: usize, path: impl FnOnce() -> String) -> Result<()> {
    if index >= MAX_RECORDS {
        Err(too_many_records(record, &path()))
    } else {
        Ok(())
    }
}

/// An exact amount given to a function as an argument or an item of a list argument, at
/// `path` (`stake`, `weights[1]`), read from its text: plain (`"1854.02"`, `"-0.5"`) or
/// scientific (`"1e3"`) notation, surrounding blanks ignored. Both bindings read every such
/// amount here (Python from the `str()` of a `Decimal`, `int`, `float` or `str`,
/// JavaScript from a string), so a bad one reads alike: an [`Error::InvalidRecord`] of
/// record `amount`, `invalid amount: {path}: {reason}, got "{text}"`, the reason saying
/// why (see [`invalid_amount`]).
pub fn amount(path: &str, text: &str) -> Result<Decimal> {
    let trimmed = text.trim();
    Decimal::from_str(trimmed)
        .or_else(|_| Decimal::from_scientific(trimmed))
        .map_err(|_| invalid_amount(path, text, format_args!("{text:?}")))
}

/// The error for an amount at `path` that an exact amount cannot hold, whose text is `text`
/// and which the message shows as `got` (the text quoted, or a binding's own description
/// of a value that has no text form): the reason is `is beyond the range of an exact
/// amount (about 7.9e28)` for a number too large (written out, not an infinity), `has more decimal places than an
/// exact amount holds (28)` for a finite number too precise, and `must be a finite decimal
/// number` for anything else (words, NaN, infinities).
pub fn invalid_amount(path: &str, text: &str, got: impl std::fmt::Display) -> Error {
    let text = text.trim();
    // a number written out beyond `f64` too ("1e400") reads as an infinity, unlike "inf"
    let infinity = text.to_ascii_lowercase().contains("inf");
    let reason = match text.parse::<f64>() {
        Ok(x) if !infinity && x.abs() >= 7.9e28 => {
            "is beyond the range of an exact amount (about 7.9e28)"
        }
        Ok(x) if x.is_finite() => "has more decimal places than an exact amount holds (28)",
        _ => "must be a finite decimal number",
    };
    invalid_at("amount", path, format_args!("{reason}, got {got}"))
}

/// A core record (or list of records) of kind `record` read from its serde form by
/// `deserializer`, at `path` (the argument, `bets[3]`...). A value that does not fit is an
/// [`Error::InvalidRecord`] naming the path of the bad field inside it, then serde's reason:
/// `invalid bet: bets[3].odds: invalid type: sequence, expected a Decimal ...`.
///
/// The value is read once without tracking the path (the common, valid case costs no more
/// than plain serde); only a value that fails is read again to find where.
pub fn read<'de, T: DeserializeOwned, D: Deserializer<'de> + Copy>(
    record: &'static str,
    path: &str,
    deserializer: D,
) -> Result<T> {
    read_spelt(record, path, Spelling::Snake, deserializer)
}

/// [`read`] for a caller whose language spells field names `spelling`: the path of a bad
/// field names it as that caller wrote it (`bets[1].placedAt` in JavaScript, whose readers
/// hand the core the value with its field names in snake_case). The reason is serde's,
/// the same in every language.
pub fn read_spelt<'de, T: DeserializeOwned, D: Deserializer<'de> + Copy>(
    record: &'static str,
    path: &str,
    spelling: Spelling,
    deserializer: D,
) -> Result<T> {
    let first = match T::deserialize(deserializer) {
        Ok(value) => return Ok(value),
        Err(e) => e,
    };
    match serde_path_to_error::deserialize::<D, T>(deserializer) {
        Ok(_) => Err(invalid_at(record, path, first)),
        Err(e) => {
            let mut at = path.to_owned();
            for segment in e.path().iter() {
                match segment {
                    serde_path_to_error::Segment::Seq { index } => {
                        Step::Index(*index).push(&mut at, spelling)
                    }
                    serde_path_to_error::Segment::Map { key } => {
                        Step::Field(key).push(&mut at, spelling)
                    }
                    serde_path_to_error::Segment::Enum { variant } => {
                        Step::Field(variant).push(&mut at, spelling)
                    }
                    serde_path_to_error::Segment::Unknown => {}
                }
            }
            Err(invalid_at(record, &at, e.into_inner()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Bet;

    #[test]
    fn paths_join_fields_indices_and_keys() {
        let steps = [
            Step::Field("events"),
            Step::Index(0),
            Step::Key("h2h"),
            Step::Field("placed_at"),
        ];
        assert_eq!(path(steps, Spelling::Snake), "events[0][\"h2h\"].placed_at");
        assert_eq!(path(steps, Spelling::Camel), "events[0][\"h2h\"].placedAt");
        assert_eq!(path([], Spelling::Snake), "");
        for name in ["placed_at", "closing_odds", "h2h", "id"] {
            assert_eq!(snake_case(&camel_case(name)), name);
        }
    }

    #[test]
    fn the_item_after_max_records_is_refused() {
        assert!(
            count("bet", MAX_RECORDS - 1, || panic!(
                "the name is read only past the limit"
            ))
            .is_ok()
        );
        let err = count("bet", MAX_RECORDS, || "bets".into()).unwrap_err();
        assert_eq!(err.kind(), "InvalidRecord");
        assert_eq!(
            err.to_string(),
            "invalid bet: bets: holds more than 10000000 items, the most one call reads"
        );
    }

    #[test]
    fn amounts_read_from_text_with_one_wording() {
        assert_eq!(amount("stake", " 1e3 ").unwrap(), Decimal::from(1000));
        assert_eq!(amount("stake", "-0.50").unwrap().to_string(), "-0.50");
        let cases = [
            ("x", "must be a finite decimal number, got \"x\""),
            ("NaN", "must be a finite decimal number, got \"NaN\""),
            (
                "-Infinity",
                "must be a finite decimal number, got \"-Infinity\"",
            ),
            (
                "1e400",
                "is beyond the range of an exact amount (about 7.9e28), got \"1e400\"",
            ),
            (
                "1e-40",
                "has more decimal places than an exact amount holds (28), got \"1e-40\"",
            ),
        ];
        for (text, reason) in cases {
            let err = amount("weights[1]", text).unwrap_err();
            assert_eq!(err.kind(), "InvalidRecord");
            assert_eq!(
                err.to_string(),
                format!("invalid amount: weights[1]: {reason}")
            );
        }
    }

    #[test]
    fn a_number_where_a_decimal_goes_reads_as_its_shortest_text() {
        let text = |odds: &str, stake: &str| {
            format!(
                r#"{{"id": "b1", "event_id": "e1", "league": "soccer_epl", "market": "h2h",
                "line": null, "selection": "home", "bookmaker": "pinnacle", "odds": {odds},
                "stake": {stake}, "placed_at": "2025-03-01T12:00:00Z", "source": "manual",
                "outcome": null}}"#
            )
        };
        for (odds, stake, want) in [
            ("2.05", "10", ("2.05", "10")),
            ("0.30000000000000004", "1e2", ("0.30000000000000004", "100")),
            (
                "1.7976931348623157",
                "9007199254740993",
                ("1.7976931348623157", "9007199254740993"),
            ),
        ] {
            let json: serde_json::Value = serde_json::from_str(&text(odds, stake)).unwrap();
            let bet = read::<Bet, _>("bet", "bet", &json).unwrap();
            assert_eq!(
                (bet.odds.to_string(), bet.stake.to_string()),
                (want.0.into(), want.1.into())
            );
        }
        let json: serde_json::Value = serde_json::from_str(&text("2.05", "10")).unwrap();
        let mut extra = json.clone();
        extra["closing_odd"] = serde_json::json!("1.9");
        let err = read::<Bet, _>("bet", "bet", &extra).unwrap_err();
        assert!(
            err.to_string().starts_with(
                "invalid bet: bet.closing_odd: unknown field `closing_odd`, expected one of `id`"
            ),
            "{err}"
        );
    }

    #[test]
    fn a_bad_field_is_named_by_its_path() {
        let bets = serde_json::json!([{"id": "b1"}]);
        let err = read::<Vec<Bet>, _>("bet", "bets", &bets).unwrap_err();
        assert_eq!(err.kind(), "InvalidRecord");
        assert!(
            err.to_string()
                .starts_with("invalid bet: bets[0]: missing field"),
            "{err}"
        );
        let err = read::<Bet, _>("bet", "", &serde_json::json!({"id": 5})).unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid bet: id: invalid type: integer `5`, expected a string"
        );
        let bets = serde_json::json!([{"placed_at": "yesterday"}]);
        let err = read_spelt::<Vec<Bet>, _>("bet", "bets", Spelling::Camel, &bets).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("invalid bet: bets[0].placedAt: "),
            "{err}"
        );
    }
}
