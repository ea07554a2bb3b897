//! Starting on a database that cannot be used says so at once and names it, without a
//! password; database URLs are shown with their secrets hidden.

mod common;

use common::App;
use edgecore_server::cli::build;
use std::time::{Duration, Instant};

/// A loopback port nothing listens on.
fn closed_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

async fn start_error(database_url: &str) -> (String, Duration) {
    let dir = tempfile::tempdir().unwrap();
    let mut config = common::config("http://127.0.0.1:9", database_url, dir.path());
    config.data_dir = dir.path().to_path_buf();
    let t = Instant::now();
    let e = match build(config).await {
        Ok(_) => panic!("{database_url} was accepted"),
        Err(e) => e,
    };
    (e, t.elapsed())
}

#[tokio::test]
async fn an_unreachable_postgresql_is_named_at_once_without_its_password() {
    let port = closed_port();
    let url = format!("postgres://app:p@ss@127.0.0.1:{port}/edge?password=s3cret&sslmode=disable");
    let (e, took) = start_error(&url).await;
    assert!(took < Duration::from_secs(10), "took {took:?}: {e}");
    assert!(e.contains(&format!("127.0.0.1:{port}")), "{e}");
    assert!(!e.contains("pool timed out"), "{e}");
    for secret in ["p@ss", "ss@", "s3cret"] {
        assert!(!e.contains(secret), "{secret} leaked: {e}");
    }
}

#[tokio::test]
async fn a_file_that_is_not_a_database_is_named_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("notes.db");
    std::fs::write(&file, vec![b'x'; 8192]).unwrap();
    let (e, took) = start_error(&format!("sqlite://{}", file.display())).await;
    assert!(took < Duration::from_secs(10), "took {took:?}: {e}");
    assert!(e.contains(&file.display().to_string()), "{e}");
    assert!(e.contains("not a database"), "{e}");
}

#[tokio::test]
async fn the_configuration_shows_the_database_url_without_secrets() {
    let app = App::start(chrono::Duration::zero(), |c| {
        if c.database_url.starts_with("postgres") {
            let sep = if c.database_url.contains('?') {
                '&'
            } else {
                '?'
            };
            c.database_url = format!("{}{sep}password=s3cret", c.database_url);
        }
    })
    .await;
    let (_, cfg) = app.get("/admin/config", Some(&app.admin)).await;
    let shown = cfg["database_url"].as_str().unwrap();
    assert!(!shown.contains("s3cret"), "{shown}");
    let store = app.running.state.store.backend();
    assert!(shown.starts_with(store), "{shown}");
}

#[cfg(unix)]
#[tokio::test]
async fn the_database_and_backups_are_private_files() {
    use std::os::unix::fs::PermissionsExt;
    let app = App::start(chrono::Duration::zero(), |_| {}).await;
    if app.running.state.store.backend() != "sqlite" {
        return; // PostgreSQL keeps its own files
    }
    let url = &app.running.state.config.database_url;
    let file = edgecore_server::storage::sqlite::file_of(url).unwrap();
    let mode = |p: &str| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(file), 0o600, "{file}");
    let (s, b) = app
        .call(
            reqwest::Method::POST,
            "/admin/backup",
            Some(&app.admin),
            None,
        )
        .await;
    assert_eq!(s, reqwest::StatusCode::OK);
    assert_eq!(mode(b["path"].as_str().unwrap()), 0o600);
}

#[tokio::test]
async fn health_reports_a_database_that_refuses_writes() {
    use sqlx::Connection;
    let app = App::start(chrono::Duration::zero(), |_| {}).await;
    let (_, h) = app.get("/health", None).await;
    assert_eq!(
        (h["status"].as_str(), h["database"].as_str()),
        (Some("ok"), Some("ok"))
    );
    // Every write fails from now on, as on a full disk or a read-only database.
    let url = app.running.state.config.database_url.clone();
    sqlx::any::install_default_drivers();
    let mut conn = sqlx::AnyConnection::connect(&url).await.unwrap();
    let statements: Vec<String> = if url.starts_with("sqlite") {
        ["write_probe", "bets"]
            .iter()
            .flat_map(|t| {
                ["INSERT", "UPDATE"].map(|op| {
                    format!(
                        "CREATE TRIGGER full_{t}_{op} BEFORE {op} ON {t} \
                         BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"
                    )
                })
            })
            .collect()
    } else {
        let mut s = vec![
            "CREATE FUNCTION disk_full() RETURNS trigger AS $$ BEGIN \
             RAISE EXCEPTION 'could not extend file: No space left on device'; END $$ \
             LANGUAGE plpgsql"
                .to_string(),
        ];
        for t in ["write_probe", "bets"] {
            s.push(format!(
                "CREATE TRIGGER full_{t} BEFORE INSERT OR UPDATE ON {t} \
                 FOR EACH ROW EXECUTE FUNCTION disk_full()"
            ));
        }
        s
    };
    for s in &statements {
        sqlx::query(s).execute(&mut conn).await.unwrap();
    }
    tokio::time::sleep(Duration::from_millis(1100)).await; // past the health cache
    let (s, h) = app.get("/health", None).await;
    assert_eq!(s, reqwest::StatusCode::OK);
    assert_eq!(
        (h["status"].as_str(), h["database"].as_str()),
        (Some("degraded"), Some("read_only"))
    );
    let (_, m) = app.get("/metrics", None).await;
    assert!(m.as_str().unwrap().contains("edgecore_database_writable 0"));
    let kickoff = (chrono::Utc::now() + chrono::Duration::days(1)).to_rfc3339();
    let (s, e) = app
        .call(
            reqwest::Method::POST,
            "/bets",
            Some(&app.user),
            Some(
                serde_json::json!({"event_id": "e", "league": "soccer_epl", "kickoff": kickoff,
                "market": "h2h", "selection": "home", "bookmaker": "b", "odds": "2", "stake": "1"}),
            ),
        )
        .await;
    assert_eq!(s, reqwest::StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(e["error"], "unavailable");
}

/// The real binary: a misspelt `EDGECORE_*` variable gets a warning, and a failed
/// authentication is logged with the client's address but without the token.
#[tokio::test]
async fn unknown_variables_and_failed_logins_are_logged() {
    let dir = tempfile::tempdir().unwrap();
    let port = closed_port();
    let (_, sha256) = edgecore_server::auth::new_token();
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_edgecore-server"))
        .arg("serve")
        .env("EDGECORE_LISTEN", format!("127.0.0.1:{port}"))
        .env(
            "EDGECORE_DATABASE_URL",
            format!("sqlite://{}/e.db", dir.path().display()),
        )
        .env("EDGECORE_DATA_DIR", dir.path())
        .env("EDGECORE_ODDS_API_KEY", "k")
        .env("EDGECORE_ODDS_API_BASE_URL", "http://127.0.0.1:9")
        .env("EDGECORE_TOKENS", format!("viewer:v:{sha256}"))
        .env("EDGECORE_PUBLIC_READ", "true")
        .env("EDGECORE_LOG", "warn")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let url = format!("http://127.0.0.1:{port}/bets");
    let wrong = "ec_0000000000000000000000000000000000000000000000000000000000000000";
    let answered = tokio::time::timeout(Duration::from_secs(30), async {
        loop {
            if let Ok(r) = reqwest::Client::new()
                .get(&url)
                .bearer_auth(wrong)
                .send()
                .await
            {
                return r.status();
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    })
    .await
    .expect("the server starts");
    assert_eq!(answered, reqwest::StatusCode::UNAUTHORIZED);
    child.start_kill().unwrap();
    let out = tokio::time::timeout(Duration::from_secs(10), child.wait_with_output())
        .await
        .unwrap()
        .unwrap();
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(
        log.contains("EDGECORE_PUBLIC_READ is not a setting"),
        "{log}"
    );
    assert!(
        log.contains("authentication failed from 127.0.0.1 on /bets"),
        "{log}"
    );
    assert!(!log.contains(wrong), "{log}");
}
