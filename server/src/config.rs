//! Configuration: a TOML file, then `EDGECORE_*` environment variables on top, then checks.
//!
//! Every field has a default so an empty file (or none) gives a working server: the embedded
//! SQLite database under `./data/`, the replay of the bundled recorded odds when no API key is
//! set, collections at 10:00, 14:00 and 18:00 UTC. Secrets (the odds API key) are wrapped in
//! [`Secret`], whose `Debug` and `Display` print `***`, so they never reach a log line.

use chrono::NaiveTime;
use edgecore::Market;
use edgecore::kelly::KellyPolicy;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// A configuration problem, naming the setting and the reason.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("cannot read the configuration file {path}: {source}")]
    Read {
        /// The file's path.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The file is not valid TOML for this schema.
    #[error("invalid configuration file {path}: {message}")]
    Parse {
        /// The file's path.
        path: PathBuf,
        /// The parser's message.
        message: String,
    },
    /// A setting has a value outside its domain.
    #[error("invalid setting {name}: {reason}")]
    Invalid {
        /// The setting (TOML path or environment variable).
        name: String,
        /// Why the value is refused (never contains a secret).
        reason: String,
    },
}

/// A secret string (API key). Printing it shows `***`; only [`Secret::expose`] reveals it.
#[derive(Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    /// The secret value, for the one place that sends it (the odds API request).
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether no secret is set (empty string).
    pub fn is_empty(&self) -> bool {
        self.0.trim().is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl Serialize for Secret {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(if self.is_empty() { "" } else { "***" })
    }
}

/// The whole configuration.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Address the HTTP API listens on, e.g. "127.0.0.1:8080".
    pub listen: String,
    /// Database URL: `sqlite://path/file.db` (default `sqlite://data/edgecore.db`) or
    /// `postgres://user@host/db`.
    pub database_url: String,
    /// Directory for backups and rejected upstream responses.
    pub data_dir: PathBuf,
    /// The odds feed.
    pub odds_api: OddsApiConfig,
    /// When jobs run.
    pub schedule: ScheduleConfig,
    /// Bankroll and staking.
    pub bankroll: BankrollConfig,
    /// Agent thresholds.
    pub agents: AgentsConfig,
    /// History rows older than this many days are pruned (0 keeps everything).
    pub retention_days: u32,
    /// Access control.
    pub auth: AuthConfig,
    /// Connection limits and timeouts of the HTTP listener.
    pub http: HttpConfig,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            listen: "127.0.0.1:8080".into(),
            database_url: "sqlite://data/edgecore.db".into(),
            data_dir: PathBuf::from("data"),
            odds_api: OddsApiConfig::default(),
            schedule: ScheduleConfig::default(),
            bankroll: BankrollConfig::default(),
            agents: AgentsConfig::default(),
            retention_days: 30,
            auth: AuthConfig::default(),
            http: HttpConfig::default(),
        }
    }
}

/// Connection limits and timeouts of the HTTP listener: what a slow or hostile client can
/// hold is bounded.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct HttpConfig {
    /// Seconds a connection has to deliver a complete request head, counted from when it
    /// opens or its previous answer was sent: bounds slow headers and idle keep-alive
    /// connections alike.
    pub header_timeout_seconds: u64,
    /// Seconds a request has to deliver its whole body (408 after that).
    pub body_timeout_seconds: u64,
    /// Largest request body in bytes (413 above).
    pub max_body_bytes: usize,
    /// Connections served at once; more wait in the listen backlog until one closes.
    pub max_connections: u32,
}

impl Default for HttpConfig {
    fn default() -> HttpConfig {
        HttpConfig {
            header_timeout_seconds: 10,
            body_timeout_seconds: 30,
            max_body_bytes: 1 << 20,
            max_connections: 1024,
        }
    }
}

/// The odds feed (The Odds API v4).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct OddsApiConfig {
    /// API key; empty means "replay the bundled recorded responses".
    pub api_key: Secret,
    /// Base URL, without the `/v4` path.
    pub base_url: String,
    /// Sport keys, e.g. "soccer_epl".
    pub sports: Vec<String>,
    /// Markets requested.
    pub markets: Vec<Market>,
    /// Regions (e.g. "eu", "uk"); ignored when `bookmakers` is set.
    pub regions: Vec<String>,
    /// Bookmaker keys; when set they replace `regions` (the API bills one region per ten).
    pub bookmakers: Vec<String>,
    /// The sharp reference bookmaker whose last price before kickoff is the closing line.
    pub reference_bookmaker: String,
    /// Requests kept in reserve: no request is sent that would leave fewer.
    pub quota_reserve: u64,
    /// Timeout of one request, in seconds.
    pub timeout_seconds: u64,
    /// Retries after a 429, a 5xx or a timeout.
    pub max_retries: u32,
    /// First backoff delay in milliseconds (doubled at each retry, capped at 30 s).
    pub backoff_ms: u64,
    /// `daysFrom` of the scores request (1 to 3).
    pub scores_days_from: u32,
    /// Seconds between two collections asked through `POST /admin/collect`.
    pub manual_collect_cooldown_seconds: u64,
    /// Largest upstream answer read, in bytes (a larger one is refused).
    pub max_body_bytes: usize,
}

impl Default for OddsApiConfig {
    fn default() -> OddsApiConfig {
        OddsApiConfig {
            api_key: Secret::default(),
            base_url: "https://api.the-odds-api.com".into(),
            sports: vec![
                "soccer_epl".into(),
                "soccer_spain_la_liga".into(),
                "soccer_france_ligue_one".into(),
            ],
            markets: vec![Market::H2h, Market::Totals],
            regions: vec!["eu".into()],
            bookmakers: Vec::new(),
            reference_bookmaker: "pinnacle".into(),
            quota_reserve: 20,
            timeout_seconds: 20,
            max_retries: 3,
            backoff_ms: 1_000,
            scores_days_from: 3,
            manual_collect_cooldown_seconds: 60,
            max_body_bytes: 32 << 20,
        }
    }
}

impl OddsApiConfig {
    /// Requests billed by one odds call: markets x regions, where a list of bookmakers
    /// counts one region per ten bookmakers (The Odds API's usage rule).
    pub fn odds_call_cost(&self) -> u64 {
        let regions = if self.bookmakers.is_empty() {
            self.regions.len().max(1)
        } else {
            self.bookmakers.len().div_ceil(10)
        };
        (self.markets.len().max(1) * regions) as u64
    }
}

/// When jobs run (times of day in UTC).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ScheduleConfig {
    /// Odds collections, "HH:MM" UTC.
    pub collection_times: Vec<NaiveTime>,
    /// CLV computation this many minutes after each collection.
    pub clv_delay_minutes: u32,
    /// Score collection and bet settlement, "HH:MM" UTC.
    pub settlement_times: Vec<NaiveTime>,
    /// Faster polling starts this many minutes before a kickoff (0 disables it).
    pub closing_window_minutes: u32,
    /// Interval of the faster polling, in minutes.
    pub closing_interval_minutes: u32,
    /// Retention pruning, "HH:MM" UTC.
    pub prune_time: NaiveTime,
}

fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap_or(NaiveTime::MIN)
}

impl Default for ScheduleConfig {
    fn default() -> ScheduleConfig {
        ScheduleConfig {
            collection_times: vec![hm(10, 0), hm(14, 0), hm(18, 0)],
            clv_delay_minutes: 30,
            settlement_times: vec![hm(9, 0), hm(23, 30)],
            closing_window_minutes: 60,
            closing_interval_minutes: 15,
            prune_time: hm(4, 0),
        }
    }
}

/// Bankroll and staking policy.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BankrollConfig {
    /// Starting bankroll (decimal string in TOML, e.g. "1000").
    #[serde(with = "rust_decimal::serde::str")]
    pub starting: Decimal,
    /// Fraction of full Kelly, in (0, 1].
    pub kelly_fraction: f64,
    /// Largest stake as a share of the bankroll, in (0, 1].
    pub max_stake_share: f64,
    /// Smallest edge worth a stake (fraction).
    pub min_edge: f64,
    /// Smallest stake worth placing.
    #[serde(with = "rust_decimal::serde::str")]
    pub min_stake: Decimal,
    /// Stake rounding unit.
    #[serde(with = "rust_decimal::serde::str")]
    pub unit: Decimal,
}

impl Default for BankrollConfig {
    fn default() -> BankrollConfig {
        BankrollConfig {
            starting: Decimal::ONE_THOUSAND,
            kelly_fraction: 0.25,
            max_stake_share: 0.05,
            min_edge: 0.02,
            min_stake: Decimal::ONE,
            unit: Decimal::new(1, 2),
        }
    }
}

impl BankrollConfig {
    /// The core's Kelly policy built from these settings.
    pub fn kelly_policy(&self) -> KellyPolicy {
        KellyPolicy {
            fraction: self.kelly_fraction,
            max_stake_share: self.max_stake_share,
            min_edge: self.min_edge,
            min_stake: self.min_stake,
            unit: self.unit,
        }
    }
}

/// Thresholds of the agents.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AgentsConfig {
    /// Smallest edge an agent reports (fraction, 0.02 = 2%).
    pub min_edge: f64,
    /// Fewest bookmakers pricing a market for it to be judged.
    pub min_books: usize,
    /// Prices older than this many seconds are left off the board.
    pub max_age_seconds: i64,
    /// Smallest consensus score (0-100) listed.
    pub min_score: f64,
    /// Hours of history read to detect line movements.
    pub movement_hours: i64,
}

impl Default for AgentsConfig {
    fn default() -> AgentsConfig {
        AgentsConfig {
            min_edge: 0.02,
            min_books: 3,
            max_age_seconds: 2 * 24 * 3600,
            min_score: 0.0,
            movement_hours: 48,
        }
    }
}

/// A role, from least to most powerful.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Monitoring only: the money gauges of `/metrics` and `/health/details` (give it to
    /// Prometheus as its bearer token).
    Metrics,
    /// Reads odds, opportunities, bets and statistics.
    Viewer,
    /// Also creates, edits, settles and deletes bets and computes CLV.
    User,
    /// Also reads the configuration, triggers collections and backups.
    Admin,
}

impl Role {
    /// The role's lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Metrics => "metrics",
            Role::Viewer => "viewer",
            Role::User => "user",
            Role::Admin => "admin",
        }
    }
}

impl FromStr for Role {
    type Err = ConfigError;
    fn from_str(s: &str) -> Result<Role, ConfigError> {
        match s.trim() {
            "metrics" => Ok(Role::Metrics),
            "viewer" => Ok(Role::Viewer),
            "user" => Ok(Role::User),
            "admin" => Ok(Role::Admin),
            other => Err(ConfigError::Invalid {
                name: "role".into(),
                reason: format!("unknown role {other:?} (expected metrics, viewer, user or admin)"),
            }),
        }
    }
}

/// One API token: its name, role and the SHA-256 of the token (hex); the token itself is
/// never stored.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TokenEntry {
    /// A label for logs and metrics (never the token).
    pub name: String,
    /// The role granted.
    pub role: Role,
    /// Lower-case hex SHA-256 of the token.
    pub sha256: String,
}

/// Access control.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AuthConfig {
    /// Known tokens (hashes only).
    pub tokens: Vec<TokenEntry>,
    /// Whether reads are open without a token (`/health`, `/metrics` and `/openapi.json`
    /// are always open). Off by default: reads need a `viewer` token.
    pub public_reads: bool,
    /// Requests per minute allowed per token (and for all anonymous callers together).
    pub rate_limit_per_minute: u32,
}

impl Default for AuthConfig {
    fn default() -> AuthConfig {
        AuthConfig {
            tokens: Vec::new(),
            public_reads: false,
            rate_limit_per_minute: 600,
        }
    }
}

/// `EDGECORE_*` variables read elsewhere than the settings (the configuration file, the log
/// filter, the test database), never reported as unknown.
const OTHER_VARIABLES: [&str; 3] = [
    "EDGECORE_CONFIG",
    "EDGECORE_LOG",
    "EDGECORE_TEST_DATABASE_URL",
];

fn invalid(name: &str, reason: impl Into<String>) -> ConfigError {
    ConfigError::Invalid {
        name: name.into(),
        reason: reason.into(),
    }
}

fn parse_env<T: FromStr>(name: &str, value: &str) -> Result<T, ConfigError>
where
    T::Err: fmt::Display,
{
    value
        .trim()
        .parse()
        .map_err(|e: T::Err| invalid(name, e.to_string()))
}

fn list(value: &str) -> Vec<String> {
    value
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

fn times(name: &str, value: &str) -> Result<Vec<NaiveTime>, ConfigError> {
    list(value)
        .iter()
        .map(|t| {
            NaiveTime::parse_from_str(t, "%H:%M")
                .map_err(|e| invalid(name, format!("{t:?} is not HH:MM ({e})")))
        })
        .collect()
}

/// Parses `role:name:sha256` entries separated by commas (the `EDGECORE_TOKENS` format).
fn token_entries(name: &str, value: &str) -> Result<Vec<TokenEntry>, ConfigError> {
    list(value)
        .iter()
        .map(|entry| {
            let parts: Vec<&str> = entry.split(':').collect();
            match parts.as_slice() {
                [role, label, hash] => Ok(TokenEntry {
                    role: role.parse()?,
                    name: (*label).to_string(),
                    sha256: (*hash).to_string(),
                }),
                _ => Err(invalid(name, "each entry must be role:name:sha256")),
            }
        })
        .collect()
}

impl Config {
    /// Reads the file (if any), applies the environment (`vars`, usually `std::env::vars()`)
    /// and checks the result.
    pub fn load(
        path: Option<&Path>,
        vars: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Config, ConfigError> {
        let mut config = match path {
            Some(p) => {
                let text = std::fs::read_to_string(p).map_err(|source| ConfigError::Read {
                    path: p.to_path_buf(),
                    source,
                })?;
                Config::from_toml(&text).map_err(|e| match e {
                    ConfigError::Parse { message, .. } => ConfigError::Parse {
                        path: p.to_path_buf(),
                        message,
                    },
                    other => other,
                })?
            }
            None => Config::default(),
        };
        for (key, value) in vars {
            if !config.apply_env(&key, &value)?
                && key.starts_with("EDGECORE_")
                && !OTHER_VARIABLES.contains(&key.as_str())
            {
                tracing::warn!(
                    "{key} is not a setting of this server and is ignored (misspelt? see \
                     the configuration table of the README)"
                );
            }
        }
        config.validate()?;
        Ok(config)
    }

    /// Parses a TOML document (no environment, no checks).
    pub fn from_toml(text: &str) -> Result<Config, ConfigError> {
        toml::from_str(text).map_err(|e| ConfigError::Parse {
            path: PathBuf::from("<toml>"),
            message: e.message().to_string(),
        })
    }

    /// Applies one `EDGECORE_*` variable; returns whether it names a setting (other
    /// variables are ignored).
    pub fn apply_env(&mut self, key: &str, value: &str) -> Result<bool, ConfigError> {
        let api = &mut self.odds_api;
        match key {
            "EDGECORE_LISTEN" => self.listen = value.trim().into(),
            "EDGECORE_DATABASE_URL" => self.database_url = value.trim().into(),
            "EDGECORE_DATA_DIR" => self.data_dir = PathBuf::from(value.trim()),
            "EDGECORE_ODDS_API_KEY" => api.api_key = Secret::new(value.trim()),
            "EDGECORE_ODDS_API_BASE_URL" => api.base_url = value.trim().into(),
            "EDGECORE_SPORTS" => api.sports = list(value),
            "EDGECORE_MARKETS" => {
                api.markets = list(value)
                    .iter()
                    .map(|m| parse_env::<Market>(key, m))
                    .collect::<Result<_, _>>()?
            }
            "EDGECORE_REGIONS" => api.regions = list(value),
            "EDGECORE_BOOKMAKERS" => api.bookmakers = list(value),
            "EDGECORE_REFERENCE_BOOKMAKER" => api.reference_bookmaker = value.trim().into(),
            "EDGECORE_QUOTA_RESERVE" => api.quota_reserve = parse_env(key, value)?,
            "EDGECORE_MANUAL_COLLECT_COOLDOWN_SECONDS" => {
                api.manual_collect_cooldown_seconds = parse_env(key, value)?
            }
            "EDGECORE_ODDS_API_MAX_BODY_BYTES" => api.max_body_bytes = parse_env(key, value)?,
            "EDGECORE_COLLECTION_TIMES" => self.schedule.collection_times = times(key, value)?,
            "EDGECORE_SETTLEMENT_TIMES" => self.schedule.settlement_times = times(key, value)?,
            "EDGECORE_CLV_DELAY_MINUTES" => {
                self.schedule.clv_delay_minutes = parse_env(key, value)?
            }
            "EDGECORE_STARTING_BANKROLL" => self.bankroll.starting = parse_env(key, value)?,
            "EDGECORE_KELLY_FRACTION" => self.bankroll.kelly_fraction = parse_env(key, value)?,
            "EDGECORE_RETENTION_DAYS" => self.retention_days = parse_env(key, value)?,
            "EDGECORE_TOKENS" => self.auth.tokens = token_entries(key, value)?,
            "EDGECORE_PUBLIC_READS" => self.auth.public_reads = parse_env(key, value)?,
            "EDGECORE_RATE_LIMIT_PER_MINUTE" => {
                self.auth.rate_limit_per_minute = parse_env(key, value)?
            }
            "EDGECORE_HTTP_HEADER_TIMEOUT_SECONDS" => {
                self.http.header_timeout_seconds = parse_env(key, value)?
            }
            "EDGECORE_HTTP_BODY_TIMEOUT_SECONDS" => {
                self.http.body_timeout_seconds = parse_env(key, value)?
            }
            "EDGECORE_HTTP_MAX_BODY_BYTES" => self.http.max_body_bytes = parse_env(key, value)?,
            "EDGECORE_HTTP_MAX_CONNECTIONS" => self.http.max_connections = parse_env(key, value)?,
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// Whether the bundled recorded responses are replayed (no API key configured).
    pub fn replay(&self) -> bool {
        self.odds_api.api_key.is_empty()
    }

    /// Checks every setting's domain.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let api = &self.odds_api;
        if api.sports.is_empty() {
            return Err(invalid("odds_api.sports", "at least one sport is needed"));
        }
        if let Some(bad) = api
            .sports
            .iter()
            .chain(&api.bookmakers)
            .chain(&api.regions)
            .find(|s| !s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
        {
            return Err(invalid(
                "odds_api.sports/bookmakers/regions",
                format!("{bad:?} may only hold letters, digits and '_'"),
            ));
        }
        if api.markets.is_empty() {
            return Err(invalid("odds_api.markets", "at least one market is needed"));
        }
        if api.bookmakers.is_empty() && api.regions.is_empty() {
            return Err(invalid(
                "odds_api.regions",
                "set regions or bookmakers (one is needed)",
            ));
        }
        if !(1..=3).contains(&api.scores_days_from) {
            return Err(invalid("odds_api.scores_days_from", "must be 1, 2 or 3"));
        }
        if api.timeout_seconds == 0 || api.timeout_seconds > 600 {
            return Err(invalid("odds_api.timeout_seconds", "must be in 1..=600"));
        }
        if api.max_body_bytes < 1024 {
            return Err(invalid("odds_api.max_body_bytes", "must be at least 1024"));
        }
        if api.max_retries > 10 {
            return Err(invalid("odds_api.max_retries", "must be at most 10"));
        }
        if !(api.base_url.starts_with("http://") || api.base_url.starts_with("https://")) {
            return Err(invalid(
                "odds_api.base_url",
                "must start with http:// or https://",
            ));
        }
        if self.schedule.collection_times.is_empty() {
            return Err(invalid(
                "schedule.collection_times",
                "at least one collection time is needed",
            ));
        }
        if self.schedule.closing_window_minutes > 0 && self.schedule.closing_interval_minutes == 0 {
            return Err(invalid(
                "schedule.closing_interval_minutes",
                "must be > 0 when the closing window is on",
            ));
        }
        if self.bankroll.starting <= Decimal::ZERO {
            return Err(invalid("bankroll.starting", "must be > 0"));
        }
        self.bankroll
            .kelly_policy()
            .validate()
            .map_err(|e| invalid("bankroll", e.to_string()))?;
        let a = &self.agents;
        if !(a.min_edge.is_finite() && a.min_edge >= 0.0) {
            return Err(invalid("agents.min_edge", "must be a finite fraction >= 0"));
        }
        if !(a.min_score.is_finite() && (0.0..=100.0).contains(&a.min_score)) {
            return Err(invalid("agents.min_score", "must be in [0, 100]"));
        }
        if a.min_books < 2 {
            return Err(invalid("agents.min_books", "must be at least 2"));
        }
        if a.max_age_seconds <= 0 || a.movement_hours <= 0 {
            return Err(invalid(
                "agents.max_age_seconds/movement_hours",
                "must be > 0",
            ));
        }
        let h = &self.http;
        if !(1..=3600).contains(&h.header_timeout_seconds)
            || !(1..=3600).contains(&h.body_timeout_seconds)
        {
            return Err(invalid(
                "http.header_timeout_seconds/body_timeout_seconds",
                "must be in 1..=3600",
            ));
        }
        if h.max_body_bytes < 1024 || h.max_body_bytes > 1 << 30 {
            return Err(invalid(
                "http.max_body_bytes",
                "must be in 1024..=1073741824",
            ));
        }
        if h.max_connections == 0 {
            return Err(invalid("http.max_connections", "must be > 0"));
        }
        if self.auth.rate_limit_per_minute == 0 {
            return Err(invalid("auth.rate_limit_per_minute", "must be > 0"));
        }
        for t in &self.auth.tokens {
            if t.sha256.len() != 64 || !t.sha256.chars().all(|c| c.is_ascii_hexdigit()) {
                return Err(invalid(
                    "auth.tokens",
                    format!("token {:?}: sha256 must be 64 hex digits", t.name),
                ));
            }
        }
        if !(self.database_url.starts_with("sqlite:")
            || self.database_url.starts_with("postgres://")
            || self.database_url.starts_with("postgresql://"))
        {
            return Err(invalid(
                "database_url",
                "must start with sqlite:, postgres:// or postgresql://",
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid_and_replay() {
        let c = Config::load(None, Vec::new()).unwrap();
        assert!(c.replay());
        assert_eq!(c.schedule.collection_times.len(), 3);
        assert_eq!(c.odds_api.odds_call_cost(), 2);
    }

    #[test]
    fn the_example_configuration_is_the_defaults() {
        let example = Config::from_toml(include_str!("../edgecore.example.toml")).unwrap();
        example.validate().unwrap();
        assert_eq!(
            serde_json::to_value(&example).unwrap(),
            serde_json::to_value(Config::default()).unwrap()
        );
    }

    #[test]
    fn toml_then_environment() {
        let c = Config::from_toml(
            r#"
            listen = "0.0.0.0:9000"
            [odds_api]
            sports = ["soccer_epl"]
            bookmakers = ["pinnacle", "bet365"]
            [bankroll]
            starting = "2500.50"
            [schedule]
            collection_times = ["09:30"]
            "#,
        )
        .unwrap();
        assert_eq!(c.bankroll.starting, Decimal::new(250_050, 2));
        let mut c = c;
        c.apply_env("EDGECORE_ODDS_API_KEY", "secret-key").unwrap();
        c.apply_env("EDGECORE_COLLECTION_TIMES", "10:00, 18:00")
            .unwrap();
        c.validate().unwrap();
        assert!(!c.replay());
        assert_eq!(c.schedule.collection_times.len(), 2);
        assert_eq!(c.odds_api.odds_call_cost(), 2);
        assert!(!format!("{c:?}").contains("secret-key"));
        assert!(!serde_json::to_string(&c).unwrap().contains("secret-key"));
    }

    #[test]
    fn bad_settings_are_named() {
        let bad = |k: &str, v: &str| {
            let mut c = Config::default();
            c.apply_env(k, v).and_then(|_| c.validate()).unwrap_err()
        };
        assert!(
            bad("EDGECORE_COLLECTION_TIMES", "25:00")
                .to_string()
                .contains("HH:MM")
        );
        assert!(
            bad("EDGECORE_STARTING_BANKROLL", "-5")
                .to_string()
                .contains("bankroll")
        );
        assert!(
            bad("EDGECORE_MARKETS", "corners")
                .to_string()
                .contains("EDGECORE_MARKETS")
        );
        assert!(
            bad("EDGECORE_TOKENS", "root:x:abc")
                .to_string()
                .contains("role")
        );
        assert!(
            bad("EDGECORE_TOKENS", "user:x:abc")
                .to_string()
                .contains("64 hex")
        );
        assert!(
            bad("EDGECORE_DATABASE_URL", "mysql://x")
                .to_string()
                .contains("database_url")
        );
        assert!(
            bad("EDGECORE_SPORTS", "a/b")
                .to_string()
                .contains("letters")
        );
        assert!(Config::from_toml("nope = 1").is_err());
        let mut c = Config::default();
        assert!(c.apply_env("EDGECORE_PUBLIC_READS", "true").unwrap());
        assert!(!c.apply_env("EDGECORE_PUBLIC_READ", "true").unwrap());
    }
}
