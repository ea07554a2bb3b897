//! Prometheus metrics in the text exposition format (version 0.0.4).
//!
//! Gauges and counters are atomics, so updating them never blocks a request; HTTP request
//! counts and latency histograms are kept per (method, route, status) and per route under a
//! short mutex. The names are those of the alert rules in `deploy/prometheus/alerts.yml`.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// A gauge holding an `f64` (stored as its bits).
#[derive(Debug, Default)]
pub struct Gauge(AtomicU64);

impl Gauge {
    /// Sets the value; non-finite values are ignored (a gauge never shows NaN).
    pub fn set(&self, value: f64) {
        if value.is_finite() {
            self.0.store(value.to_bits(), Ordering::Relaxed);
        }
    }

    /// The current value.
    pub fn get(&self) -> f64 {
        f64::from_bits(self.0.load(Ordering::Relaxed))
    }
}

/// The kinds of collection errors, the label values of `edgecore_collection_errors_total`.
pub const ERROR_KINDS: [&str; 9] = [
    "invalid_key",
    "out_of_credits",
    "rate_limited",
    "server_error",
    "timeout",
    "transport",
    "malformed",
    "quota_reserve",
    "storage",
];

/// The HTTP methods counted by name; any other method is counted as `other`.
pub const METHODS: [&str; 7] = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"];

/// Upper bounds of the latency histogram buckets, in seconds.
const BUCKETS: [f64; 12] = [
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5,
];

#[derive(Debug, Default, Clone)]
struct Histogram {
    counts: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

/// Every metric the server exposes.
#[derive(Debug, Default)]
pub struct Metrics {
    /// Current bankroll (starting bankroll + settled profit).
    pub bankroll: Gauge,
    /// Return on settled stakes (fraction).
    pub roi: Gauge,
    /// Share of decided bets won (fraction).
    pub win_rate: Gauge,
    /// Opportunities detected since start.
    pub opportunities_detected: AtomicU64,
    /// Unix time of the last successful collection.
    pub last_collection: Gauge,
    /// Requests left on the odds API quota (last `x-requests-remaining`).
    pub requests_remaining: Gauge,
    /// Requests used on the odds API quota (last `x-requests-used`).
    pub requests_used: Gauge,
    /// Settled bets (the win-rate alert waits for some).
    pub settled_bets: Gauge,
    /// 1 while the collector polls, 0 once it has stopped (invalid key, no credits).
    pub collector_up: Gauge,
    /// 1 while the database accepts writes, 0 when it refuses them (read-only, full disk).
    pub database_writable: Gauge,
    /// Price rows written to the history since start.
    pub history_rows: AtomicU64,
    errors: [AtomicU64; ERROR_KINDS.len()],
    requests: Mutex<BTreeMap<(&'static str, &'static str, u16), u64>>,
    latency: Mutex<BTreeMap<&'static str, Histogram>>,
}

impl Metrics {
    /// A fresh set of metrics; the collector starts as up.
    pub fn new() -> Metrics {
        let m = Metrics::default();
        m.collector_up.set(1.0);
        m.database_writable.set(1.0);
        m.requests_remaining.set(-1.0);
        m
    }

    /// Counts one collection error of `kind` (one of [`ERROR_KINDS`]; others count as
    /// "transport").
    pub fn collection_error(&self, kind: &str) {
        let i = ERROR_KINDS.iter().position(|k| *k == kind).unwrap_or(5);
        if let Some(counter) = self.errors.get(i) {
            counter.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// The count of collection errors of `kind`.
    pub fn collection_errors(&self, kind: &str) -> u64 {
        ERROR_KINDS
            .iter()
            .position(|k| *k == kind)
            .and_then(|i| self.errors.get(i))
            .map_or(0, |c| c.load(Ordering::Relaxed))
    }

    /// Records one HTTP request on a route. Label values come from closed sets, so no caller
    /// can grow the number of series: the method is one of [`METHODS`] or `other`, the route
    /// a matched route template (never the raw URL) or `unmatched`, the status a valid HTTP
    /// status (anything else counts as 500).
    pub fn http_request(&self, method: &str, route: &'static str, status: u16, elapsed: Duration) {
        let method = METHODS
            .iter()
            .find(|m| **m == method)
            .copied()
            .unwrap_or("other");
        let status = if (100..=599).contains(&status) {
            status
        } else {
            500
        };
        {
            let mut requests = self
                .requests
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            *requests.entry((method, route, status)).or_insert(0) += 1;
        }
        let seconds = elapsed.as_secs_f64();
        let mut latency = self
            .latency
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let h = latency.entry(route).or_default();
        h.count += 1;
        h.sum += seconds;
        for (count, bound) in h.counts.iter_mut().zip(BUCKETS) {
            if seconds <= bound {
                *count += 1;
            }
        }
    }

    /// The exposition text. The money gauges (bankroll, ROI, win rate, settled bets) are
    /// private figures, written only when `money` is true (a caller with a token).
    pub fn render(&self, money: bool) -> String {
        let mut out = String::with_capacity(4096);
        let money_gauges: [(&str, &str, &Gauge); 4] = [
            ("edgecore_settled_bets", "Settled bets.", &self.settled_bets),
            ("edgecore_bankroll", "Current bankroll.", &self.bankroll),
            (
                "edgecore_roi",
                "Return on settled stakes (fraction).",
                &self.roi,
            ),
            (
                "edgecore_win_rate",
                "Share of decided bets won (fraction).",
                &self.win_rate,
            ),
        ];
        let gauges: [(&str, &str, &Gauge); 5] = [
            (
                "edgecore_database_writable",
                "1 while the database accepts writes, 0 when it refuses them.",
                &self.database_writable,
            ),
            (
                "edgecore_last_collection_timestamp_seconds",
                "Unix time of the last successful odds collection.",
                &self.last_collection,
            ),
            (
                "edgecore_odds_api_requests_remaining",
                "Requests left on the odds API quota (-1 until known).",
                &self.requests_remaining,
            ),
            (
                "edgecore_odds_api_requests_used",
                "Requests used on the odds API quota.",
                &self.requests_used,
            ),
            (
                "edgecore_collector_up",
                "1 while the collector polls, 0 once it stopped (invalid key, no credits).",
                &self.collector_up,
            ),
        ];
        let shown = if money { &money_gauges[..] } else { &[] };
        for (name, help, gauge) in shown.iter().chain(&gauges) {
            let _ = writeln!(
                out,
                "# HELP {name} {help}\n# TYPE {name} gauge\n{name} {}",
                gauge.get()
            );
        }
        let counters = [
            (
                "edgecore_opportunities_detected_total",
                "Opportunities detected by the agents.",
                &self.opportunities_detected,
            ),
            (
                "edgecore_history_rows_total",
                "Price rows appended to the history.",
                &self.history_rows,
            ),
        ];
        for (name, help, counter) in counters {
            let _ = writeln!(
                out,
                "# HELP {name} {help}\n# TYPE {name} counter\n{name} {}",
                counter.load(Ordering::Relaxed)
            );
        }
        let _ = writeln!(
            out,
            "# HELP edgecore_collection_errors_total Collection errors by kind.\n# TYPE edgecore_collection_errors_total counter"
        );
        for (kind, counter) in ERROR_KINDS.iter().zip(&self.errors) {
            let _ = writeln!(
                out,
                "edgecore_collection_errors_total{{kind=\"{kind}\"}} {}",
                counter.load(Ordering::Relaxed)
            );
        }
        let _ = writeln!(
            out,
            "# HELP edgecore_http_requests_total HTTP requests by method, route and status.\n# TYPE edgecore_http_requests_total counter"
        );
        {
            let requests = self
                .requests
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            for ((method, route, status), n) in requests.iter() {
                let _ = writeln!(
                    out,
                    "edgecore_http_requests_total{{method=\"{method}\",route=\"{route}\",status=\"{status}\"}} {n}"
                );
            }
        }
        let _ = writeln!(
            out,
            "# HELP edgecore_http_request_duration_seconds HTTP request latency by route.\n# TYPE edgecore_http_request_duration_seconds histogram"
        );
        let latency = self
            .latency
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        for (route, h) in latency.iter() {
            for (bound, count) in BUCKETS.iter().zip(h.counts) {
                let _ = writeln!(
                    out,
                    "edgecore_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"{bound}\"}} {count}"
                );
            }
            let _ = writeln!(
                out,
                "edgecore_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {}\nedgecore_http_request_duration_seconds_sum{{route=\"{route}\"}} {}\nedgecore_http_request_duration_seconds_count{{route=\"{route}\"}} {}",
                h.count, h.sum, h.count
            );
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_every_metric() {
        let m = Metrics::new();
        m.bankroll.set(1012.5);
        m.bankroll.set(f64::NAN);
        m.collection_error("invalid_key");
        m.collection_error("no_such_kind");
        m.http_request("GET", "/health", 200, Duration::from_micros(300));
        m.http_request("GET", "/health", 200, Duration::from_millis(30));
        assert!(!m.render(false).contains("edgecore_bankroll"));
        let text = m.render(true);
        assert!(text.contains("edgecore_bankroll 1012.5"));
        assert!(text.contains("edgecore_collection_errors_total{kind=\"invalid_key\"} 1"));
        assert!(text.contains("edgecore_collection_errors_total{kind=\"transport\"} 1"));
        assert!(text.contains(
            "edgecore_http_requests_total{method=\"GET\",route=\"/health\",status=\"200\"} 2"
        ));
        assert!(text.contains(
            "edgecore_http_request_duration_seconds_bucket{route=\"/health\",le=\"0.0005\"} 1"
        ));
        assert!(text.contains(
            "edgecore_http_request_duration_seconds_bucket{route=\"/health\",le=\"0.05\"} 2"
        ));
        assert!(text.contains("edgecore_collector_up 1"));
        assert!(text.contains("edgecore_odds_api_requests_remaining -1"));
    }
}
