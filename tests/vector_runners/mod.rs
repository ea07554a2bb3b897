//! One runner per core area: each maps a vector's `function` name and JSON arguments to the
//! core call and returns the result as JSON, or `None` when the function is not its own.

use edgecore::Result;
use serde::de::DeserializeOwned;
use serde_json::Value;

mod agents;
mod amortization;
mod bet;
mod clv;
mod devig;
mod kelly;
mod mrr;
mod odds;
mod patrimony;
mod plan;
mod risk;
mod savings;
mod settle;
mod stats;
mod tvm;

/// Runs `function` on `input`; `None` when no area knows the function.
pub fn run(function: &str, input: &Value) -> Option<Result<Value>> {
    [
        agents::run,
        amortization::run,
        bet::run,
        clv::run,
        devig::run,
        kelly::run,
        mrr::run,
        odds::run,
        patrimony::run,
        plan::run,
        risk::run,
        savings::run,
        settle::run,
        stats::run,
        tvm::run,
    ]
    .iter()
    .find_map(|area| area(function, input))
}

/// Reads argument `name` of a vector's input.
pub fn arg<T: DeserializeOwned>(input: &Value, name: &str) -> T {
    serde_json::from_value(input[name].clone())
        .unwrap_or_else(|e| panic!("argument {name:?} of {input}: {e}"))
}

/// Reads the list or record argument `name` holding `record`s as the bindings read it,
/// through the core's serde form (`edgecore::input::read`): a bad field is an
/// `InvalidRecord` naming its path (`bets[3].odds: ...`), as vector cases expect.
pub fn records<T: DeserializeOwned>(input: &Value, name: &str, record: &'static str) -> Result<T> {
    edgecore::input::read(record, name, &input[name])
}

/// Reads the list argument `name` of amounts as the bindings read one given directly to a
/// function, each item from its text by `edgecore::input::amount` (a number by its JSON
/// text): a bad one is an `InvalidRecord` naming its path (`weights[1]: ...`).
pub fn amounts(input: &Value, name: &str) -> Result<Vec<rust_decimal::Decimal>> {
    let items = input[name]
        .as_array()
        .unwrap_or_else(|| panic!("argument {name:?} of {input} is not a list"));
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let text = item
                .as_str()
                .map_or_else(|| item.to_string(), str::to_owned);
            edgecore::input::amount(&format!("{name}[{i}]"), &text)
        })
        .collect()
}

/// Serialises a result for comparison.
pub fn json<T: serde::Serialize>(value: T) -> Value {
    serde_json::to_value(value).expect("results serialise")
}
