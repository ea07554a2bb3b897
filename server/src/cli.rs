//! The command line: `serve | collect | settle | clv | migrate | backup | token`.
//!
//! Every command reads the configuration (`--config` or `EDGECORE_CONFIG`, else
//! `edgecore.toml` when present, then the `EDGECORE_*` variables). Without an API key the
//! odds come from the bundled recordings replayed on 127.0.0.1, so the server shows data at
//! once.

use crate::collector::Collector;
use crate::config::{Config, Role};
use crate::metrics::Metrics;
use crate::odds_api::OddsApi;
use crate::replay::FakeFeed;
use crate::state::AppState;
use crate::{api, auth, betting, demo, scheduler, storage};
use chrono::{DateTime, Utc};
use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

/// edgecore reference server.
#[derive(Debug, Parser)]
#[command(name = "edgecore-server", version, about)]
pub struct Cli {
    /// Configuration file (TOML); `EDGECORE_*` variables override it.
    #[arg(long, env = "EDGECORE_CONFIG", global = true)]
    pub config: Option<PathBuf>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the HTTP API, the scheduler and the collector.
    Serve,
    /// Collect odds once (and scores with --scores), then exit.
    Collect {
        /// Also collect scores.
        #[arg(long)]
        scores: bool,
    },
    /// Collect scores and settle pending bets, then exit.
    Settle,
    /// Compute the CLV of bets past kickoff, then exit.
    Clv,
    /// Apply the database migrations, then exit.
    Migrate,
    /// Write a consistent copy of the SQLite database (PostgreSQL: use pg_dump).
    Backup {
        /// Target file (default `<data_dir>/backups/edgecore-<time>.db`).
        #[arg(long)]
        output: Option<PathBuf>,
    },
    /// Print a new API token and the configuration line holding its hash.
    Token {
        /// Role granted: metrics, viewer, user or admin.
        #[arg(long)]
        role: Role,
        /// A name for logs.
        #[arg(long, default_value = "token")]
        name: String,
    },
}

impl clap::ValueEnum for Role {
    fn value_variants<'a>() -> &'a [Self] {
        &[Role::Metrics, Role::Viewer, Role::User, Role::Admin]
    }
    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.as_str()))
    }
}

/// Query parameters of a database URL whose values are secrets (PostgreSQL's `password`,
/// `sslpassword`, and anything naming a key, token or secret).
fn secret_parameter(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    ["pass", "secret", "token", "key"]
        .iter()
        .any(|w| name.contains(w))
}

/// A database URL safe to print: the password of the user information and the values of
/// secret query parameters (see `secret_parameter`) are replaced by `***`. The URL is
/// parsed as a URL (the user information ends at the last `@` before the host), so a
/// password holding `@` or `:` is hidden whole. A URL that cannot be parsed is shown as its
/// scheme only.
pub fn redact_url(url: &str) -> String {
    let Ok(mut parsed) = reqwest::Url::parse(url) else {
        let scheme = url.split_once(':').map_or("", |(s, _)| s);
        return format!("{scheme}:(unparsable URL hidden)");
    };
    let mut changed = false;
    if parsed.password().is_some() {
        changed = parsed.set_password(Some("***")).is_ok();
    }
    if parsed.query_pairs().any(|(k, _)| secret_parameter(&k)) {
        let pairs: Vec<(String, String)> = parsed
            .query_pairs()
            .map(|(k, v)| {
                let v = if secret_parameter(&k) {
                    "***".to_string()
                } else {
                    v.into_owned()
                };
                (k.into_owned(), v)
            })
            .collect();
        parsed.query_pairs_mut().clear().extend_pairs(pairs);
        changed = true;
    }
    if changed {
        parsed.to_string().replace("%2A%2A%2A", "***")
    } else {
        url.to_string()
    }
}

/// Default backup file for an instant.
pub fn backup_path(data_dir: &Path, now: DateTime<Utc>) -> PathBuf {
    data_dir
        .join("backups")
        .join(format!("edgecore-{}.db", now.format("%Y%m%dT%H%M%S%.3fZ")))
}

/// Everything a running server holds, plus the replay feed's task when replaying.
pub struct Running {
    /// The shared state.
    pub state: Arc<AppState>,
    /// The replay feed's task, if the odds are replayed.
    pub replay: Option<tokio::task::JoinHandle<()>>,
    /// When replaying on a database without picks: the capture instants of the recorded
    /// games that have results, moved as the feed (see [`demo::replay_closed`]); the feed
    /// serves those captures first. Empty otherwise.
    pub closed: Vec<DateTime<Utc>>,
}

/// Opens the store and builds the collector (on the replay feed without an API key).
pub async fn build(config: Config) -> Result<Running, String> {
    let config = Arc::new(config);
    let store = storage::open(&config.database_url)
        .await
        .map_err(|e| format!("database {}: {e}", redact_url(&config.database_url)))?;
    let metrics = Arc::new(Metrics::new());
    let mut closed = Vec::new();
    let (base_url, key, replay) = if config.replay() {
        let key = auth::new_token().1;
        let mut feed = FakeFeed::recorded(&key, 500, FakeFeed::live_shift(Utc::now()));
        if demo::no_picks(store.as_ref())
            .await
            .map_err(|e| format!("database: {e}"))?
        {
            feed = feed.with_closed_games();
            closed = crate::replay::closed_captures()
                .into_iter()
                .map(|t| t + feed.shift())
                .collect();
        }
        let feed = Arc::new(feed);
        let (url, handle) = feed
            .serve()
            .await
            .map_err(|e| format!("cannot start the replay feed: {e}"))?;
        (url, key, Some(handle))
    } else {
        (
            config.odds_api.base_url.clone(),
            config.odds_api.api_key.expose().to_string(),
            None,
        )
    };
    let api = OddsApi::new(&config.odds_api, &base_url, crate::config::Secret::new(key))?;
    let collector = Arc::new(Collector::new(
        api,
        store.clone(),
        config.clone(),
        metrics.clone(),
    ));
    collector.restore().await.map_err(|e| e.to_string())?;
    collector
        .recent
        .load(store.as_ref(), Utc::now())
        .await
        .map_err(|e| e.to_string())?;
    let state = Arc::new(AppState::new(
        config,
        store,
        metrics,
        collector,
        replay.is_some(),
    ));
    state.refresh_figures().await.map_err(|e| e.to_string())?;
    Ok(Running {
        state,
        replay,
        closed,
    })
}

async fn serve(config: Config) -> Result<(), String> {
    let _single = crate::leader::lock_sqlite(&config.database_url)?;
    let listener = tokio::net::TcpListener::bind(&config.listen)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", config.listen))?;
    let addr = listener
        .local_addr()
        .map_err(|e| format!("no local address: {e}"))?;
    let running = build(config).await?;
    let state = running.state.clone();
    println!("edgecore-server {}", env!("CARGO_PKG_VERSION"));
    println!("  API:      http://{addr}/  (OpenAPI at http://{addr}/openapi.json)");
    println!("  metrics:  http://{addr}/metrics");
    println!("  health:   http://{addr}/health");
    println!(
        "  database: {} ({})",
        redact_url(&state.config.database_url),
        state.store.backend()
    );
    if state.replay {
        println!("  odds:     replaying the bundled recorded responses (no API key set)");
    }
    if state.config.auth.tokens.is_empty() {
        println!(
            "  tokens:   none configured; create one with `edgecore-server token --role user`"
        );
    }
    if state.replay {
        // A season of settled demo bets, so the statistics and agents have content.
        match demo::seed(state.store.as_ref(), Utc::now()).await {
            Ok(0) => println!("  demo:     the season of demo bets is already there"),
            Ok(n) => println!("  demo:     {n} settled demo bets added (flagged demo)"),
            Err(e) => eprintln!("edgecore-server: {e}"),
        }
    }
    if !running.closed.is_empty() {
        // The agents' record on the recorded games that have results.
        match demo::replay_closed(&state, &running.closed, Utc::now()).await {
            Ok(r) => println!(
                "  record:   the games with results replayed: {} opportunities published, {} \
                 closed, {} settled",
                r.published, r.closed, r.settled
            ),
            Err(e) => eprintln!("edgecore-server: {e}"),
        }
    }
    // Replicas on PostgreSQL leave every job to the leader.
    if state.replay && state.store.backend() == "sqlite" {
        // Show data at once: the first snapshot, the scores, settlement and CLV.
        for job in [
            scheduler::Job::Collect,
            scheduler::Job::Settle,
            scheduler::Job::Clv,
        ] {
            scheduler::run_job(&state, job).await;
        }
    }
    let jobs = tokio::spawn(crate::leader::run(state.clone()));
    let app = api::router(state.clone());
    let served = crate::http::serve(listener, app, &state.config.http, shutdown())
        .await
        .map_err(|e| format!("server error: {e}"));
    jobs.abort();
    if let Some(r) = running.replay {
        r.abort();
    }
    served
}

async fn shutdown() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutting down");
}

fn print_json(value: &impl serde::Serialize) {
    match serde_json::to_string_pretty(value) {
        Ok(s) => println!("{s}"),
        Err(e) => eprintln!("cannot print the result: {e}"),
    }
}

async fn run(cli: Cli) -> Result<(), String> {
    if let Command::Token { role, name } = &cli.command {
        let (token, hash) = auth::new_token();
        println!("token (give it to the caller; it is shown only once):\n  {token}");
        println!("configuration (edgecore.toml):");
        println!(
            "  [[auth.tokens]]\n  name = {name:?}\n  role = \"{}\"\n  sha256 = \"{hash}\"",
            role.as_str()
        );
        println!(
            "or in the environment: EDGECORE_TOKENS=\"{}:{name}:{hash}\"",
            role.as_str()
        );
        return Ok(());
    }
    let path = cli.config.clone().or_else(|| {
        let default = PathBuf::from("edgecore.toml");
        default.exists().then_some(default)
    });
    let config = Config::load(path.as_deref(), std::env::vars()).map_err(|e| e.to_string())?;
    match cli.command {
        Command::Serve => serve(config).await,
        Command::Migrate => {
            let store = storage::open(&config.database_url)
                .await
                .map_err(|e| e.to_string())?;
            println!("migrations applied ({})", store.backend());
            Ok(())
        }
        Command::Backup { output } => {
            let store = storage::open(&config.database_url)
                .await
                .map_err(|e| e.to_string())?;
            let path = output.unwrap_or_else(|| backup_path(&config.data_dir, Utc::now()));
            store.backup(&path).await.map_err(|e| e.to_string())?;
            println!("backup written to {}", path.display());
            Ok(())
        }
        Command::Collect { scores } => {
            let running = build(config).await?;
            let c = &running.state.collector;
            let odds = c
                .collect_odds(&[], Utc::now())
                .await
                .map_err(|e| e.to_string())?;
            print_json(&odds);
            if scores {
                print_json(
                    &c.collect_scores(Utc::now())
                        .await
                        .map_err(|e| e.to_string())?,
                );
            }
            Ok(())
        }
        Command::Settle => {
            let running = build(config).await?;
            let state = &running.state;
            if let Err(e) = state.collector.collect_scores(Utc::now()).await {
                eprintln!("scores not collected: {e}");
            }
            let report = betting::settle_pending(state.store.as_ref(), Utc::now())
                .await
                .map_err(|e| e.to_string())?;
            print_json(&report);
            Ok(())
        }
        Command::Clv => {
            let running = build(config).await?;
            let state = &running.state;
            let report = betting::compute_clv(
                state.store.as_ref(),
                &state.config.odds_api.reference_bookmaker,
                Utc::now(),
            )
            .await
            .map_err(|e| e.to_string())?;
            print_json(&report);
            Ok(())
        }
        Command::Token { .. } => Ok(()),
    }
}

/// Entry point of the binary.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("EDGECORE_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        // colours only on a terminal, plain text in log files and pipes
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("edgecore-server: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_redacted() {
        assert_eq!(
            redact_url("postgres://app:s3cret@db:5432/edge"),
            "postgres://app:***@db:5432/edge"
        );
        assert_eq!(
            redact_url("postgres://app:p@ss@host/db"),
            "postgres://app:***@host/db"
        );
        assert_eq!(
            redact_url("postgres://app:p%40ss:w@host/db"),
            "postgres://app:***@host/db"
        );
        assert_eq!(
            redact_url("postgres://host/db?user=app&password=s3cret&sslmode=require"),
            "postgres://host/db?user=app&password=***&sslmode=require"
        );
        assert_eq!(
            redact_url("postgresql://h/db?sslpassword=x1&application_name=e"),
            "postgresql://h/db?sslpassword=***&application_name=e"
        );
        for hidden in ["postgres://a:s3cret@[::1", "postgres://a:s3cret@h:99999/db"] {
            let shown = redact_url(hidden);
            assert!(!shown.contains("s3cret"), "{shown}");
        }
        assert_eq!(
            redact_url("postgres://app@db/edge"),
            "postgres://app@db/edge"
        );
        assert_eq!(redact_url("sqlite://data/x.db"), "sqlite://data/x.db");
    }

    #[test]
    fn commands_parse() {
        let c = Cli::try_parse_from(["edgecore-server", "token", "--role", "admin"]).unwrap();
        assert!(matches!(
            c.command,
            Command::Token {
                role: Role::Admin,
                ..
            }
        ));
        assert!(Cli::try_parse_from(["edgecore-server", "token", "--role", "root"]).is_err());
        assert!(Cli::try_parse_from(["edgecore-server", "collect", "--scores"]).is_ok());
    }
}
