//! The real binary killed (SIGKILL) at random points of collections: after restarting,
//! nothing already stored is lost, no collection is half written, nothing is duplicated.

mod common;

use edgecore_server::replay::FakeFeed;
use sqlx::Row;
use std::collections::{BTreeMap, HashMap};
use std::process::Stdio;
use std::time::{Duration, Instant};

async fn collect(url: &str, db: &str, dir: &std::path::Path, kill_after: Option<Duration>) -> bool {
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_edgecore-server"))
        .arg("collect")
        .env("EDGECORE_DATABASE_URL", db)
        .env("EDGECORE_ODDS_API_KEY", common::KEY)
        .env("EDGECORE_ODDS_API_BASE_URL", url)
        .env("EDGECORE_DATA_DIR", dir)
        .env("EDGECORE_QUOTA_RESERVE", "0")
        .env("EDGECORE_LOG", "error")
        .env_remove("EDGECORE_CONFIG")
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the server binary starts");
    if let Some(after) = kill_after {
        tokio::select! {
            status = child.wait() => return status.map(|s| s.success()).unwrap_or(false),
            () = tokio::time::sleep(after) => {}
        }
        child.start_kill().expect("SIGKILL sent");
    }
    child.wait().await.map(|s| s.success()).unwrap_or(false)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_collections_lose_nothing_and_duplicate_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::database_url(dir.path()).await;
    let (_feed, url) = common::feed_of(
        FakeFeed::recorded(common::KEY, 1_000_000, chrono::Duration::zero()).cycling(),
    )
    .await;
    // One clean run to learn how long a collection takes here.
    let t = Instant::now();
    assert!(collect(&url, &db, dir.path(), None).await);
    let full = t.elapsed();
    let mut killed = 0;
    for i in 0..14u32 {
        // Kill points spread from the start of the process to past its write.
        let after = full.mul_f64(0.2 + 0.07 * f64::from(i));
        if !collect(&url, &db, dir.path(), Some(after)).await {
            killed += 1;
        }
    }
    assert!(killed > 0, "no run was killed");
    assert!(
        collect(&url, &db, dir.path(), None).await,
        "a restart collects again"
    );

    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(&db).await.unwrap();
    let runs: HashMap<i64, i64> = sqlx::query(
        "SELECT finished_ms, history_appended FROM collection_runs WHERE kind = 'odds'",
    )
    .fetch_all(&pool)
    .await
    .unwrap()
    .iter()
    .map(|r| (r.get::<i64, _>(0), r.get::<i64, _>(1)))
    .collect();
    let price = if db.starts_with("postgres") {
        "price::text"
    } else {
        "price"
    };
    let rows = sqlx::query(&format!(
        "SELECT event_id, bookmaker, market, line, selection, {price}, captured_ms \
         FROM price_history ORDER BY captured_ms, id"
    ))
    .fetch_all(&pool)
    .await
    .unwrap();
    let mut per_capture: BTreeMap<i64, i64> = BTreeMap::new();
    let mut last_price: HashMap<(String, String, String, String, String), String> = HashMap::new();
    for r in &rows {
        let captured: i64 = r.get(6);
        *per_capture.entry(captured).or_default() += 1;
        let key = (r.get(0), r.get(1), r.get(2), r.get(3), r.get(4));
        let p: String = r.get(5);
        let p = p
            .parse::<rust_decimal::Decimal>()
            .unwrap()
            .normalize()
            .to_string();
        assert_ne!(
            last_price.insert(key.clone(), p.clone()).as_ref(),
            Some(&p),
            "a price was appended twice without changing: {key:?}"
        );
    }
    // Every stored capture belongs to a committed run and holds all of that run's rows.
    for (captured, n) in &per_capture {
        assert_eq!(
            runs.get(captured),
            Some(n),
            "capture {captured} is not exactly one committed collection"
        );
    }
    // Every committed run's rows are there (nothing lost).
    for (finished, appended) in &runs {
        assert_eq!(per_capture.get(finished).copied().unwrap_or(0), *appended);
    }
    let latest: i64 = sqlx::query("SELECT COUNT(*) FROM latest_prices")
        .fetch_one(&pool)
        .await
        .unwrap()
        .get(0);
    assert_eq!(
        latest, 1488,
        "every price of the three recordings is held once"
    );
    assert!(runs.len() >= 2);
}
