//! Runner for `devig`: one market, or many markets in a flat row-major array.

use super::{arg, json};
use edgecore::Result;
use edgecore::devig::{self, DevigMethod};
use serde_json::{Value, json};

/// The optional `target` argument (1 when absent).
fn target(input: &Value) -> f64 {
    input.get("target").map_or(1.0, |_| arg(input, "target"))
}

/// The `method` argument, parsed by name so that an unknown name is an `UnknownName` error.
pub fn method(input: &Value) -> Result<DevigMethod> {
    arg::<String>(input, "method").parse()
}

pub fn run(function: &str, input: &Value) -> Option<Result<Value>> {
    let odds = || -> Vec<f64> { arg(input, "odds") };
    Some(match function {
        "devig" => method(input).and_then(|m| devig::devig(&odds(), m, target(input)).map(json)),
        "devig_batch" => method(input).and_then(|m| {
            devig::devig_batch(&odds(), arg(input, "width"), m, target(input))
                .map(|p| json!({ "probabilities": p }))
        }),
        _ => return None,
    })
}
