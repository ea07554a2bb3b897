//! The benchmark fixtures are the same for a seed in every language and on every platform:
//! the SHA-256 of each dataset's canonical JSON is committed in `tests/fixture_digests.json`,
//! and the Rust, Python and Node suites each compute it from their own records.
//!
//! Canonical JSON: the records as JSON (the season as one object with `bookmakers`,
//! `events`, `injected`, `results` and `snapshots`; every other dataset as a list) with
//! snake_case keys sorted, no whitespace, absent or null fields left out, decimals as their
//! strings ("2.10"), instants as "YYYY-MM-DDTHH:MM:SSZ", dates as "YYYY-MM-DD", integers and
//! booleans as JSON numbers and booleans.

use edgecore::fixtures;
use serde_json::Value;
use sha2::{Digest, Sha256};

/// `value` written canonically (keys sorted, nulls left out, no whitespace).
fn canonical(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().filter(|k| !map[*k].is_null()).collect();
            keys.sort();
            out.push('{');
            for (i, key) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(key.clone()).to_string());
                out.push(':');
                canonical(&map[key], out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                canonical(item, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

fn digest(dataset: &str, seed: u64, size: usize) -> String {
    let value = match dataset {
        "season" => serde_json::to_value(fixtures::season_fixture(seed, size).unwrap()),
        "bet_history" => serde_json::to_value(fixtures::bet_history_fixture(seed, size).unwrap()),
        "subscribers" => serde_json::to_value(fixtures::subscribers_fixture(seed, size).unwrap()),
        "loans" => serde_json::to_value(fixtures::loans_fixture(seed, size).unwrap()),
        other => panic!("unknown dataset {other}"),
    }
    .unwrap();
    let mut text = String::new();
    canonical(&value, &mut text);
    hex::encode(Sha256::digest(text.as_bytes()))
}

#[test]
fn every_dataset_has_its_committed_digest() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/fixture_digests.json");
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut wrong = Vec::new();
    for case in doc["cases"].as_array().unwrap() {
        let dataset = case["dataset"].as_str().unwrap();
        let seed = case["seed"].as_u64().unwrap();
        let size = case["size"].as_u64().unwrap() as usize;
        let actual = digest(dataset, seed, size);
        if actual != case["sha256"].as_str().unwrap() {
            wrong.push(format!("{dataset} seed {seed} size {size}: {actual}"));
        }
    }
    assert!(wrong.is_empty(), "digests differ:\n{}", wrong.join("\n"));
}

#[test]
fn canonical_json_sorts_keys_and_drops_nulls() {
    let value = serde_json::json!({"b": [1, {"z": null, "a": "2.10"}], "a": true});
    let mut text = String::new();
    canonical(&value, &mut text);
    assert_eq!(text, r#"{"a":true,"b":[1,{"a":"2.10"}]}"#);
}
