//! The shipped alert rules pass `promtool check rules` and name only metrics the server
//! exposes.

use std::process::Command;

const RULES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/deploy/prometheus/alerts.yml");

#[test]
fn promtool_accepts_the_rules() {
    let out = Command::new("promtool")
        .args(["check", "rules", RULES])
        .output()
        .expect("promtool is installed (Debian package prometheus; `make server-deps`)");
    assert!(
        out.status.success(),
        "promtool check rules failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("SUCCESS: 6 rules found"));
}

#[test]
fn rules_read_exposed_metrics() {
    let rules = std::fs::read_to_string(RULES).unwrap();
    let exposed = edgecore_server::metrics::Metrics::new().render(true);
    for name in [
        "edgecore_bankroll",
        "edgecore_roi",
        "edgecore_win_rate",
        "edgecore_settled_bets",
        "edgecore_opportunities_detected_total",
        "edgecore_last_collection_timestamp_seconds",
        "edgecore_collector_up",
    ] {
        assert!(rules.contains(name), "{name} unused");
        assert!(
            exposed.contains(&format!("\n{name} ")),
            "{name} not exposed"
        );
    }
    for alert in [
        "BankrollBelow900",
        "NegativeRoi",
        "LowWinRate",
        "ApiDown",
        "OpportunitySpike",
        "NoCollection",
    ] {
        assert!(rules.contains(&format!("alert: {alert}")));
    }
}
