//! Runner for `odds`: format conversions, implied probability, overround and hold.

use super::{arg, json};
use edgecore::Result;
use edgecore::odds::{self, Fractional};
use serde_json::{Value, json};

/// A conversion `f64 -> f64` reading argument `from` and returning field `to`.
fn convert(input: &Value, from: &str, to: &str, f: fn(f64) -> Result<f64>) -> Result<Value> {
    f(arg(input, from)).map(|v| json!({ to: v }))
}

pub fn run(function: &str, input: &Value) -> Option<Result<Value>> {
    Some(match function {
        "decimal_to_american" => convert(input, "decimal", "american", odds::decimal_to_american),
        "american_to_decimal" => convert(input, "american", "decimal", odds::american_to_decimal),
        "decimal_to_hong_kong" => {
            convert(input, "decimal", "hong_kong", odds::decimal_to_hong_kong)
        }
        "hong_kong_to_decimal" => {
            convert(input, "hong_kong", "decimal", odds::hong_kong_to_decimal)
        }
        "decimal_to_malay" => convert(input, "decimal", "malay", odds::decimal_to_malay),
        "malay_to_decimal" => convert(input, "malay", "decimal", odds::malay_to_decimal),
        "decimal_to_indonesian" => {
            convert(input, "decimal", "indonesian", odds::decimal_to_indonesian)
        }
        "indonesian_to_decimal" => {
            convert(input, "indonesian", "decimal", odds::indonesian_to_decimal)
        }
        "implied_probability" => {
            convert(input, "decimal", "probability", odds::implied_probability)
        }
        "decimal_to_fractional" => odds::decimal_to_fractional(arg(input, "decimal")).map(json),
        "fractional_to_decimal" => {
            let fraction: Fractional = arg(input, "fraction");
            odds::fractional_to_decimal(fraction).map(|d| json!({ "decimal": d }))
        }
        "overround" => {
            let prices: Vec<f64> = arg(input, "odds");
            odds::overround(&prices).map(|v| json!({ "overround": v }))
        }
        "hold" => {
            let prices: Vec<f64> = arg(input, "odds");
            odds::hold(&prices).map(|v| json!({ "hold": v }))
        }
        _ => return None,
    })
}
