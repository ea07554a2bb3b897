//! Replicas: real `edgecore-server serve` processes on one database.
//!
//! On PostgreSQL (`tests/with-postgres.sh`): three replicas, bets written through all of
//! them, the leader killed (SIGKILL) during a collection; another takes over, nothing is
//! lost or duplicated and the odds quota is spent once per collection slot. On SQLite: a
//! second server on the same file refuses to start. Every wait is bounded.

mod common;

use common::Replica;
use edgecore_server::replay::{FakeFeed, Reply};
use serde_json::{Value, json};
use sqlx::Row;
use std::collections::HashSet;
use std::time::{Duration, Instant};
use tokio::process::Command;

const ARSENAL_CHELSEA: &str = "d1e45612bdd1974b0dae4e0e527e63f9";
const SPORTS: usize = 3;
/// Collection interval of the test replicas, seconds.
const EVERY: u64 = 4;

async fn serve(db: &str, feed: &str, dir: &std::path::Path, tokens: &str) -> Replica {
    let every = EVERY.to_string();
    common::serve(
        db,
        feed,
        dir,
        &[
            ("EDGECORE_COLLECTION_EVERY_SECONDS", every.as_str()),
            ("EDGECORE_LEADER_CHECK_SECONDS", "1"),
            ("EDGECORE_TOKENS", tokens),
        ],
    )
    .await
}

fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap()
}

async fn get(base: &str, path: &str, token: &str) -> Value {
    http()
        .get(format!("{base}{path}"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

async fn role(base: &str) -> Option<(String, String)> {
    let h: Value = http()
        .get(format!("{base}/health"))
        .send()
        .await
        .ok()?
        .json()
        .await
        .ok()?;
    Some((
        h["replica"]["role"].as_str()?.to_string(),
        h["replica"]["name"].as_str()?.to_string(),
    ))
}

/// Polls `check` every 50 ms for at most `limit`.
async fn until<F: std::future::Future<Output = bool>>(
    limit: Duration,
    mut check: impl FnMut() -> F,
) {
    let start = Instant::now();
    while !check().await {
        assert!(start.elapsed() < limit, "not reached within {limit:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn leaders(replicas: &[&Replica]) -> Vec<usize> {
    let mut out = Vec::new();
    for (i, r) in replicas.iter().enumerate() {
        if role(&r.base)
            .await
            .is_some_and(|(role, _)| role == "leader")
        {
            out.push(i);
        }
    }
    out
}

async fn bet(base: &str, token: &str, n: usize) -> String {
    let r = http()
        .post(format!("{base}/bets"))
        .bearer_auth(token)
        .json(
            &json!({"event_id": ARSENAL_CHELSEA, "market": "h2h", "selection": "home",
            "bookmaker": "bet365", "odds": "2.10", "stake": format!("{}", 5 + n),
            "placed_at": "2025-03-14T11:00:00Z"}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), reqwest::StatusCode::CREATED);
    let v: Value = r.json().await.unwrap();
    v["id"].as_str().unwrap().to_string()
}

fn odds_requests(feed: &FakeFeed) -> usize {
    feed.requests()
        .iter()
        .filter(|r| r.contains("/odds"))
        .count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_replicas_survive_a_killed_leader() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::database_url(dir.path()).await;
    if !db.starts_with("postgres") {
        eprintln!("replicas need PostgreSQL: run through tests/with-postgres.sh");
        return;
    }
    tokio::time::timeout(Duration::from_secs(240), async {
        let (feed, url) = common::feed_of(
            FakeFeed::recorded(common::KEY, 1_000_000, chrono::Duration::zero()).cycling(),
        )
        .await;
        let (user, sha) = edgecore_server::auth::new_token();
        let tokens = format!("user:u:{sha}");
        // One replica first (it migrates and leads), then two more.
        let mut replicas = vec![serve(&db, &url, dir.path(), &tokens).await];
        for _ in 0..2 {
            replicas.push(serve(&db, &url, dir.path(), &tokens).await);
        }
        let all: Vec<&Replica> = replicas.iter().collect();
        until(Duration::from_secs(20), || async {
            leaders(&all).await.len() == 1
        })
        .await;
        // A first collection stores the events bets refer to.
        until(Duration::from_secs(3 * EVERY), || async {
            odds_requests(&feed) >= SPORTS
        })
        .await;
        tokio::time::sleep(Duration::from_millis(500)).await;
        let mut ids = Vec::new();
        for (i, r) in replicas.iter().enumerate() {
            for n in 0..3 {
                ids.push(bet(&r.base, &user, i * 10 + n).await);
            }
        }
        let leader = leaders(&all).await[0];
        let leader_name = role(&replicas[leader].base).await.unwrap().1;

        // The next collection answers slowly; the leader is killed after its first request.
        let body = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/odds_soccer_epl_1.json"
        ))
        .unwrap();
        for sport in [
            "soccer_epl",
            "soccer_spain_la_liga",
            "soccer_france_ligue_one",
        ] {
            feed.push(
                &format!("/v4/sports/{sport}/odds"),
                Reply::new(200, &body).delayed(Duration::from_millis(1500)),
            );
        }
        let before = odds_requests(&feed);
        until(Duration::from_secs(3 * EVERY), || async {
            odds_requests(&feed) > before
        })
        .await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        let mut killed = replicas.remove(leader);
        killed.child.start_kill().expect("SIGKILL sent");
        let _ = killed.child.wait().await;
        let t = Instant::now();
        let survivors: Vec<&Replica> = replicas.iter().collect();
        until(Duration::from_secs(EVERY), || async {
            leaders(&survivors).await.len() == 1
        })
        .await;
        let takeover = t.elapsed();
        eprintln!("takeover after SIGKILL: {:.2} s", takeover.as_secs_f64());
        let new_leader = leaders(&survivors).await[0];
        let new_name = role(&replicas[new_leader].base).await.unwrap().1;
        assert_ne!(new_name, leader_name);

        // Bets through the survivors, then a collection by the new leader.
        for (i, r) in replicas.iter().enumerate() {
            for n in 0..2 {
                ids.push(bet(&r.base, &user, 100 + i * 10 + n).await);
            }
        }
        let pool = {
            sqlx::any::install_default_drivers();
            sqlx::AnyPool::connect(&db).await.unwrap()
        };
        let runs = |pool: sqlx::AnyPool| async move {
            sqlx::query(
                "SELECT COUNT(*) FROM collection_runs WHERE kind = 'odds' AND status = 'ok'",
            )
            .fetch_one(&pool)
            .await
            .unwrap()
            .get::<i64, _>(0)
        };
        let committed = runs(pool.clone()).await;
        until(Duration::from_secs(3 * EVERY), || {
            let pool = pool.clone();
            async move { runs(pool).await > committed }
        })
        .await;
        // Let any collection in flight finish.
        tokio::time::sleep(Duration::from_millis(1500)).await;

        // Every bet once, seen through every survivor.
        let expected: HashSet<&String> = ids.iter().collect();
        for r in &replicas {
            let listed = get(&r.base, "/bets", &user).await;
            let seen: Vec<String> = listed
                .as_array()
                .or_else(|| listed["bets"].as_array())
                .expect("a list of bets")
                .iter()
                .map(|b| b["id"].as_str().unwrap().to_string())
                .collect();
            assert_eq!(seen.len(), ids.len(), "every bet once");
            assert_eq!(seen.iter().collect::<HashSet<_>>(), expected);
            let h = get(&r.base, "/health", &user).await;
            assert_eq!(h["replica"]["leader"]["replica"], new_name.as_str());
        }
        // Quota: each claimed slot fetched each sport at most once; the killed slot is never
        // fetched again; every committed collection is one slot.
        let slots: i64 =
            sqlx::query("SELECT COUNT(*) FROM job_slots WHERE job IN ('collect', 'closing_poll')")
                .fetch_one(&pool)
                .await
                .unwrap()
                .get(0);
        let committed = runs(pool.clone()).await;
        let requests = odds_requests(&feed) as i64;
        eprintln!("slots {slots}, committed collections {committed}, odds requests {requests}");
        assert!(
            requests <= SPORTS as i64 * slots,
            "a slot was fetched twice"
        );
        assert!(committed < slots, "the killed collection was not committed");
        assert!(committed >= 2);
        let duplicated: i64 = sqlx::query(
            "SELECT COUNT(*) FROM (SELECT event_id, bookmaker, market, line, selection, \
             captured_ms FROM price_history GROUP BY event_id, bookmaker, market, line, \
             selection, captured_ms HAVING COUNT(*) > 1) d",
        )
        .fetch_one(&pool)
        .await
        .unwrap()
        .get(0);
        assert_eq!(duplicated, 0);
        // One replica reports edgecore_leader 1.
        let mut leading = 0;
        for r in &replicas {
            let text = http()
                .get(format!("{}/metrics", r.base))
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap();
            if text.contains("\nedgecore_leader 1\n") {
                leading += 1;
            }
        }
        assert_eq!(leading, 1);
    })
    .await
    .expect("the replica test finishes within 240 s");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_refuses_a_second_server_on_the_same_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}/edgecore.db", dir.path().display());
    let (_feed, url) = common::feed(1_000).await;
    let _first = serve(&db, &url, dir.path(), "").await;
    let second = Command::new(env!("CARGO_BIN_EXE_edgecore-server"))
        .arg("serve")
        .env("EDGECORE_LISTEN", "127.0.0.1:0")
        .env("EDGECORE_DATABASE_URL", &db)
        .env("EDGECORE_ODDS_API_KEY", common::KEY)
        .env("EDGECORE_ODDS_API_BASE_URL", &url)
        .env_remove("EDGECORE_CONFIG")
        .current_dir(dir.path())
        .kill_on_drop(true)
        .output();
    let out = tokio::time::timeout(Duration::from_secs(60), second)
        .await
        .expect("the second server exits within 60 s")
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("another edgecore-server already serves the SQLite database"),
        "{err}"
    );
}

#[tokio::test]
async fn a_slot_is_claimed_once_and_pruned_with_the_history() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::database_url(dir.path()).await;
    let store = edgecore_server::storage::open(&db).await.unwrap();
    let slot: chrono::DateTime<chrono::Utc> = "2026-11-20T10:00:00Z".parse().unwrap();
    let now = slot + chrono::Duration::seconds(1);
    assert!(store.claim_slot("collect", slot, "a", now).await.unwrap());
    assert!(!store.claim_slot("collect", slot, "b", now).await.unwrap());
    assert!(store.claim_slot("clv", slot, "b", now).await.unwrap());
    store.finish_slot("collect", slot, now).await.unwrap();
    store.set_leader("a", slot, now).await.unwrap();
    store.set_leader("b", now, now).await.unwrap();
    let leader = store.leader().await.unwrap().unwrap();
    assert_eq!((leader.replica.as_str(), leader.since), ("b", now));
    assert_eq!(store.prune_slots(slot).await.unwrap(), 0);
    assert_eq!(store.prune_slots(now).await.unwrap(), 2);
    assert!(store.claim_slot("collect", slot, "c", now).await.unwrap());
}
