//! The shipped Alertmanager configuration (`deploy/alertmanager/alertmanager.yml`) passes
//! `amtool check-config`, routes every shipped alert rule to the receiver of its severity,
//! and inhibits the other alerts while `ApiDown` fires (checked against a real Alertmanager
//! on a loopback port).

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const CONFIG: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/deploy/alertmanager/alertmanager.yml"
);
const RULES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/deploy/prometheus/alerts.yml");

/// (alert name, severity label) of every rule in the shipped rule file.
fn shipped_alerts() -> Vec<(String, String)> {
    let rules = std::fs::read_to_string(RULES).unwrap();
    let mut alerts: Vec<(String, String)> = Vec::new();
    for line in rules.lines().map(str::trim) {
        if let Some(name) = line.strip_prefix("- alert: ") {
            alerts.push((name.to_string(), String::new()));
        } else if let Some(severity) = line.strip_prefix("severity: ") {
            alerts.last_mut().expect("severity after an alert").1 = severity.to_string();
        }
    }
    alerts
}

fn amtool(args: &[&str]) -> std::process::Output {
    Command::new("amtool")
        .args(args)
        .output()
        .expect("amtool is installed (Debian package prometheus-alertmanager; `make server-deps`)")
}

#[test]
fn amtool_accepts_the_configuration() {
    let out = amtool(&["check-config", CONFIG]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "amtool check-config failed:\n{stdout}"
    );
    assert!(stdout.contains("2 receivers"), "{stdout}");
    assert!(stdout.contains("1 inhibit rules"), "{stdout}");
}

#[test]
fn every_rule_reaches_the_receiver_of_its_severity() {
    let alerts = shipped_alerts();
    assert_eq!(alerts.len(), 6, "{alerts:?}");
    for (name, severity) in &alerts {
        let receiver = match severity.as_str() {
            "critical" => "email-critical",
            "warning" | "info" => "email-warning",
            other => panic!("{name}: unexpected severity {other:?}"),
        };
        let out = amtool(&[
            "config",
            "routes",
            "test",
            &format!("--config.file={CONFIG}"),
            &format!("--verify.receivers={receiver}"),
            &format!("alertname={name}"),
            &format!("severity={severity}"),
        ]);
        assert!(
            out.status.success(),
            "{name} ({severity}) is not routed to {receiver}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
}

#[test]
fn critical_alerts_repeat_every_30_minutes_and_the_others_daily() {
    let config = std::fs::read_to_string(CONFIG).unwrap();
    let routes = config
        .split("\nroute:")
        .nth(1)
        .and_then(|s| s.split("\ninhibit_rules:").next())
        .expect("a route block");
    let critical = routes
        .split("- matchers: ['severity=\"critical\"']")
        .nth(1)
        .expect("a critical route");
    let critical_route = critical.split("- matchers:").next().unwrap();
    assert!(
        critical_route.contains("repeat_interval: 30m"),
        "{critical_route}"
    );
    let warning = critical
        .split("- matchers:")
        .nth(1)
        .expect("a warning route");
    assert!(warning.contains("warning|info"), "{warning}");
    assert!(warning.contains("repeat_interval: 24h"), "{warning}");
}

/// A real Alertmanager on a free loopback port with the shipped configuration; killed on drop.
struct Alertmanager {
    child: Child,
    url: String,
    _dir: tempfile::TempDir,
}

impl Drop for Alertmanager {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

async fn start_alertmanager(client: &reqwest::Client) -> Alertmanager {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let child = Command::new("prometheus-alertmanager")
        .arg(format!("--config.file={CONFIG}"))
        .arg(format!("--storage.path={}", dir.path().display()))
        .arg(format!("--web.listen-address=127.0.0.1:{port}"))
        .arg("--cluster.listen-address=")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("prometheus-alertmanager is installed (`make server-deps`)");
    let am = Alertmanager {
        child,
        url: format!("http://127.0.0.1:{port}"),
        _dir: dir,
    };
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Ok(r) = client.get(format!("{}/-/ready", am.url)).send().await
            && r.status().is_success()
        {
            return am;
        }
        assert!(Instant::now() < deadline, "Alertmanager not ready in 20 s");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn api_down_inhibits_the_other_alerts() {
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    let am = tokio::time::timeout(Duration::from_secs(30), start_alertmanager(&client))
        .await
        .expect("Alertmanager starts");
    let alerts: Vec<serde_json::Value> = shipped_alerts()
        .into_iter()
        .map(|(name, severity)| {
            serde_json::json!({"labels": {"alertname": name, "severity": severity, "job": "edgecore"}})
        })
        .collect();
    let posted = client
        .post(format!("{}/api/v2/alerts", am.url))
        .json(&alerts)
        .send()
        .await
        .unwrap();
    assert!(posted.status().is_success(), "{}", posted.status());

    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let states: Vec<serde_json::Value> = client
            .get(format!("{}/api/v2/alerts", am.url))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let inhibited = |name: &str| {
            states.iter().any(|a| {
                a["labels"]["alertname"] == name
                    && a["status"]["inhibitedBy"]
                        .as_array()
                        .is_some_and(|by| !by.is_empty())
            })
        };
        let others: Vec<String> = shipped_alerts()
            .into_iter()
            .map(|(name, _)| name)
            .filter(|name| name != "ApiDown")
            .collect();
        if states.len() == 6 && others.iter().all(|n| inhibited(n)) {
            assert!(!inhibited("ApiDown"), "ApiDown inhibits itself");
            return;
        }
        assert!(
            Instant::now() < deadline,
            "the other alerts are not inhibited by ApiDown: {states:#?}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}
