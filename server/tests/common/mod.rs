//! Shared helpers of the server's integration tests: a fake odds feed on 127.0.0.1 serving
//! the recordings in `tests/fixtures/`, a throwaway database (SQLite in a temporary
//! directory, or a fresh PostgreSQL database when `EDGECORE_TEST_DATABASE_URL` names a
//! server, as `tests/with-postgres.sh` does), and a configuration pointing at both.

#![allow(dead_code)]

use edgecore_server::config::{Config, Role, Secret, TokenEntry};
use edgecore_server::replay::FakeFeed;
use rand::RngCore;
use sqlx::Connection;
use std::sync::Arc;
use tokio::io::{AsyncBufReadExt, BufReader};

/// The API key the fake feed accepts.
pub const KEY: &str = "test-key-7f3a";

/// A fake feed of the recordings (no time shift) with `quota` requests.
pub async fn feed(quota: u64) -> (Arc<FakeFeed>, String) {
    feed_of(FakeFeed::recorded(KEY, quota, chrono::Duration::zero())).await
}

/// Serves a prepared fake feed.
pub async fn feed_of(feed: FakeFeed) -> (Arc<FakeFeed>, String) {
    let feed = Arc::new(feed);
    let (url, _task) = feed.clone().serve().await.expect("fake feed starts");
    (feed, url)
}

/// A fresh database URL: a new PostgreSQL database when `EDGECORE_TEST_DATABASE_URL` is
/// set, else a SQLite file in `dir`.
pub async fn database_url(dir: &std::path::Path) -> String {
    match std::env::var("EDGECORE_TEST_DATABASE_URL") {
        Ok(admin) if !admin.is_empty() => {
            let mut bytes = [0u8; 6];
            rand::rng().fill_bytes(&mut bytes);
            let name = format!("edgecore_t_{}", hex::encode(bytes));
            let mut conn = sqlx::postgres::PgConnection::connect(&admin)
                .await
                .expect("test PostgreSQL answers");
            sqlx::query(&format!("CREATE DATABASE {name}"))
                .execute(&mut conn)
                .await
                .expect("database created");
            let (base, query) = match admin.split_once('?') {
                Some((b, q)) => (b.to_string(), format!("?{q}")),
                None => (admin.clone(), String::new()),
            };
            let base = base
                .rsplit_once('/')
                .map_or(base.clone(), |(b, _)| b.to_string());
            format!("{base}/{name}{query}")
        }
        _ => format!("sqlite://{}/edgecore.db", dir.display()),
    }
}

/// Tokens of the three roles: (viewer, user, admin) tokens, and their entries.
pub fn tokens() -> ([String; 3], Vec<TokenEntry>) {
    let mut tokens = Vec::new();
    let mut entries = Vec::new();
    for (role, name) in [(Role::Viewer, "v"), (Role::User, "u"), (Role::Admin, "a")] {
        let (token, sha256) = edgecore_server::auth::new_token();
        tokens.push(token);
        entries.push(TokenEntry {
            name: name.into(),
            role,
            sha256,
        });
    }
    (
        [tokens[0].clone(), tokens[1].clone(), tokens[2].clone()],
        entries,
    )
}

/// A configuration on the fake feed and the database.
pub fn config(feed_url: &str, database_url: &str, data_dir: &std::path::Path) -> Config {
    let mut c = Config {
        database_url: database_url.into(),
        data_dir: data_dir.to_path_buf(),
        ..Config::default()
    };
    c.odds_api.api_key = Secret::new(KEY);
    c.odds_api.base_url = feed_url.into();
    c.odds_api.backoff_ms = 5;
    c.odds_api.timeout_seconds = 2;
    c.odds_api.max_retries = 2;
    c.odds_api.quota_reserve = 5;
    c.agents.max_age_seconds = 10 * 365 * 24 * 3600;
    c
}

/// A running `edgecore-server serve` process and its API address.
pub struct Replica {
    /// The process (killed when dropped).
    pub child: tokio::process::Child,
    /// "http://127.0.0.1:port".
    pub base: String,
}

/// Starts `edgecore-server serve` on the database and the fake feed, listening on a free
/// loopback port, with extra `EDGECORE_*` variables; reads the address it prints (60 s at
/// most).
pub async fn serve(db: &str, feed: &str, dir: &std::path::Path, env: &[(&str, &str)]) -> Replica {
    let mut command = tokio::process::Command::new(env!("CARGO_BIN_EXE_edgecore-server"));
    command
        .arg("serve")
        .env("EDGECORE_LISTEN", "127.0.0.1:0")
        .env("EDGECORE_DATABASE_URL", db)
        .env("EDGECORE_ODDS_API_KEY", KEY)
        .env("EDGECORE_ODDS_API_BASE_URL", feed)
        .env("EDGECORE_DATA_DIR", dir)
        .env("EDGECORE_QUOTA_RESERVE", "0")
        .env("EDGECORE_LOG", "warn")
        .env_remove("EDGECORE_CONFIG")
        .current_dir(dir)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .kill_on_drop(true);
    for (k, v) in env {
        command.env(k, v);
    }
    let mut child = command.spawn().expect("the server binary starts");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let base = tokio::time::timeout(std::time::Duration::from_secs(60), async {
        while let Ok(Some(line)) = lines.next_line().await {
            if let Some(rest) = line.trim().strip_prefix("API:") {
                let url = rest.split_whitespace().next().unwrap_or_default();
                return url.trim_end_matches('/').to_string();
            }
        }
        panic!("the server stopped before listening");
    })
    .await
    .expect("the server listens within 60 s");
    // Keep reading stdout so the child never blocks on a full pipe.
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    Replica { child, base }
}
