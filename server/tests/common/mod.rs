//! Shared helpers of the server's integration tests: a fake odds feed on 127.0.0.1 serving
//! the recordings in `tests/fixtures/`, a throwaway database (SQLite in a temporary
//! directory, or a fresh PostgreSQL database when `EDGECORE_TEST_DATABASE_URL` names a
//! server, as `tests/with-postgres.sh` does), and a configuration pointing at both.

#![allow(dead_code)]

use edgecore_server::cli::{Running, build};
use edgecore_server::config::{Config, Role, Secret, TokenEntry};
use edgecore_server::replay::FakeFeed;
use rand::RngCore;
use reqwest::{Client, Method, StatusCode};
use serde_json::Value;
use sqlx::Connection;
use std::sync::Arc;

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

/// A server on 127.0.0.1 over the fake feed, with a token of each role.
pub struct App {
    pub _dir: tempfile::TempDir,
    pub running: Running,
    pub base: String,
    pub http: Client,
    pub viewer: String,
    pub user: String,
    pub admin: String,
}

impl App {
    /// Starts a server; `shift` moves the recordings in time, `tune` edits the configuration.
    pub async fn start(shift: chrono::Duration, tune: impl FnOnce(&mut Config)) -> App {
        App::start_with(FakeFeed::recorded(KEY, 500, shift), tune).await
    }

    /// Starts a server on a prepared fake feed.
    pub async fn start_with(feed: FakeFeed, tune: impl FnOnce(&mut Config)) -> App {
        let dir = tempfile::tempdir().unwrap();
        let (_feed, url) = feed_of(feed).await;
        let db = database_url(dir.path()).await;
        let mut config = config(&url, &db, dir.path());
        let ([viewer, user, admin], entries) = tokens();
        config.auth.tokens = entries;
        tune(&mut config);
        let running = build(config).await.unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let app = edgecore_server::api::router(running.state.clone());
        let limits = running.state.config.http.clone();
        tokio::spawn(async move {
            edgecore_server::http::serve(listener, app, &limits, std::future::pending()).await
        });
        App {
            _dir: dir,
            running,
            base,
            http: Client::new(),
            viewer,
            user,
            admin,
        }
    }

    /// A request with an optional token and JSON body: the status and the JSON (or text)
    /// answer, checking that no secret leaked.
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut req = self.http.request(method, format!("{}{path}", self.base));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        let resp = req.send().await.unwrap();
        let status = resp.status();
        let text = resp.text().await.unwrap();
        assert!(!text.contains(KEY), "the API key leaked in {path}");
        for t in [&self.viewer, &self.user, &self.admin] {
            assert!(!text.contains(t.as_str()), "a token leaked in {path}");
        }
        (
            status,
            serde_json::from_str(&text).unwrap_or(Value::String(text)),
        )
    }

    /// A GET.
    pub async fn get(&self, path: &str, token: Option<&str>) -> (StatusCode, Value) {
        self.call(Method::GET, path, token, None).await
    }
}
