//! Runs every case of `tests/vectors/*.json` through the Rust core.
//!
//! A vector file is `{"description": ..., "cases": [case, ...]}`; a case is
//! `{"name", "source", "function", "input", "expected", "tolerance"?}`. `input` holds the
//! function's arguments by name; `expected` is either a subset of the result's fields or
//! `{"error": "<kind>"}`. Floats agree within `tolerance` (default 1e-9, absolute), decimal
//! strings agree as exact numbers ("19.5" == "19.50"), everything else exactly. A case with
//! `"exact_decimals": true` wants its decimal strings written alike, scale included ("21.70"
//! is not "21.7"): money that must keep its cents. The Python and Node suites read the same
//! files with the same rules.

#[path = "vector_runners/mod.rs"]
mod vector_runners;

use rust_decimal::Decimal;
use serde_json::Value;
use std::str::FromStr;

/// Compares `actual` with `expected` under the rules above (`exact`: decimal strings written
/// alike).
fn matches(
    expected: &Value,
    actual: &Value,
    tol: f64,
    exact: bool,
    path: &str,
    errors: &mut Vec<String>,
) {
    match (expected, actual) {
        (Value::Number(e), Value::Number(a)) => {
            let (e, a) = (e.as_f64().unwrap(), a.as_f64().unwrap());
            if (e - a).abs() > tol {
                errors.push(format!("{path}: expected {e}, got {a} (tolerance {tol})"));
            }
        }
        (Value::String(e), Value::String(a)) => {
            let same = match (Decimal::from_str(e), Decimal::from_str(a)) {
                (Ok(de), Ok(da)) if !exact => de == da,
                _ => e == a,
            };
            if !same {
                errors.push(format!("{path}: expected {e:?}, got {a:?}"));
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                errors.push(format!(
                    "{path}: expected {} items, got {}",
                    e.len(),
                    a.len()
                ));
            }
            for (i, (e, a)) in e.iter().zip(a).enumerate() {
                matches(e, a, tol, exact, &format!("{path}[{i}]"), errors);
            }
        }
        (Value::Object(e), Value::Object(a)) => {
            for (k, e) in e {
                match a.get(k) {
                    Some(a) => matches(e, a, tol, exact, &format!("{path}.{k}"), errors),
                    None => errors.push(format!("{path}.{k}: missing from the result")),
                }
            }
        }
        (e, a) if e == a => {}
        (e, a) => errors.push(format!("{path}: expected {e}, got {a}")),
    }
}

#[test]
fn every_vector_case_agrees() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/vectors");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no vector file in {dir}");
    let (mut ran, mut failures) = (0, Vec::new());
    for file in files {
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let stem = file.file_stem().unwrap().to_string_lossy().to_string();
        for case in doc["cases"].as_array().expect("a `cases` array") {
            let name = format!("{stem}/{}", case["name"].as_str().expect("a case name"));
            assert!(
                case["source"].is_string(),
                "{name}: every case names its source"
            );
            let function = case["function"].as_str().expect("a function name");
            let tol = case["tolerance"].as_f64().unwrap_or(1e-9);
            let actual = match vector_runners::run(function, &case["input"]) {
                Some(Ok(v)) => v,
                Some(Err(e)) => serde_json::json!({ "error": e.kind(), "message": e.to_string() }),
                None => panic!("{name}: no Rust runner for function {function:?}"),
            };
            let mut errors = Vec::new();
            let exact = case["exact_decimals"].as_bool().unwrap_or(false);
            matches(&case["expected"], &actual, tol, exact, &name, &mut errors);
            failures.extend(errors);
            ran += 1;
        }
    }
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(ran > 0);
}
