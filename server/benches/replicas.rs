//! Replicas on one PostgreSQL database, over loopback, with bounded loops.
//!
//! 1. Two `edgecore-server serve` processes on one database and the replayed recordings;
//!    the leader collects, the follower follows the shared board version. `GET
//!    /opportunities` by one client whose connections are spread over both (as behind a
//!    load balancer), a fixed number of requests.
//! 2. Takeover: the leader is killed (SIGKILL) and the time until the other replica says it
//!    leads is measured (`/health` polled every 10 ms), several rounds, the killed replica
//!    restarted each time. Leader checks every second (`schedule.leader_check_seconds`).
//!
//! Needs PostgreSQL: `make bench-server` runs it through `tests/with-postgres.sh`.

#[path = "../tests/common/mod.rs"]
mod fixtures;

mod common;

use edgecore_server::replay::FakeFeed;
use serde_json::Value;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

const ROUNDS: usize = 5;

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        tokio::time::timeout(Duration::from_secs(600), run())
            .await
            .expect("the replica benchmark ends within 10 minutes");
    });
}

async fn health(base: &str) -> Option<Value> {
    reqwest::Client::new()
        .get(format!("{base}/health"))
        .timeout(Duration::from_secs(5))
        .send()
        .await
        .ok()?
        .json()
        .await
        .ok()
}

async fn leads(base: &str) -> bool {
    health(base)
        .await
        .is_some_and(|h| h["replica"]["role"] == "leader")
}

async fn wait(what: &str, limit: Duration, mut check: impl AsyncFnMut() -> bool) {
    let start = Instant::now();
    while !check().await {
        assert!(start.elapsed() < limit, "{what}: not within {limit:?}");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

fn addr(base: &str) -> SocketAddr {
    base.trim_start_matches("http://")
        .parse()
        .expect("a loopback address")
}

async fn run() {
    if std::env::var("EDGECORE_TEST_DATABASE_URL").is_err() {
        println!("replicas: skipped (needs PostgreSQL: run through tests/with-postgres.sh)");
        return;
    }
    let dir = tempfile::tempdir().expect("temporary directory");
    let db = fixtures::database_url(dir.path()).await;
    let (_feed, url) = fixtures::feed_of(
        FakeFeed::recorded(
            fixtures::KEY,
            1_000_000,
            FakeFeed::live_shift(chrono::Utc::now()),
        )
        .cycling(),
    )
    .await;
    let (viewer, viewer_sha) = edgecore_server::auth::new_token();
    let (admin, admin_sha) = edgecore_server::auth::new_token();
    let tokens = format!("viewer:bench:{viewer_sha},admin:ops:{admin_sha}");
    let env = [
        ("EDGECORE_TOKENS", tokens.as_str()),
        ("EDGECORE_LEADER_CHECK_SECONDS", "1"),
        ("EDGECORE_RATE_LIMIT_PER_MINUTE", "4000000000"),
    ];
    let mut replicas = vec![fixtures::serve(&db, &url, dir.path(), &env).await];
    replicas.push(fixtures::serve(&db, &url, dir.path(), &env).await);
    let bases: Vec<String> = replicas.iter().map(|r| r.base.clone()).collect();
    wait("a leader", Duration::from_secs(30), async || {
        let mut n = 0;
        for b in &bases {
            n += usize::from(leads(b).await);
        }
        n == 1
    })
    .await;
    let mut leader = 0;
    for (i, b) in bases.iter().enumerate() {
        if leads(b).await {
            leader = i;
        }
    }
    let collected = reqwest::Client::new()
        .post(format!("{}/admin/collect", bases[leader]))
        .bearer_auth(&admin)
        .send()
        .await
        .expect("collect");
    assert!(collected.status().is_success(), "{}", collected.status());
    // Both replicas list the opportunities of that collection.
    for b in &bases {
        wait(
            "the board on both replicas",
            Duration::from_secs(30),
            async || {
                let r = reqwest::Client::new()
                    .get(format!("{b}/opportunities"))
                    .bearer_auth(&viewer)
                    .send()
                    .await;
                match r {
                    Ok(r) => r
                        .json::<Value>()
                        .await
                        .is_ok_and(|v| v["total"].as_u64().unwrap_or(0) > 0),
                    Err(_) => false,
                }
            },
        )
        .await;
    }
    let addrs: Vec<SocketAddr> = bases.iter().map(|b| addr(b)).collect();
    common::load(
        &addrs,
        "GET /opportunities",
        &common::get("/opportunities", &viewer),
        16,
        40_000,
    )
    .await;

    let mut takeovers = Vec::with_capacity(ROUNDS);
    for _ in 0..ROUNDS {
        let mut leader = None;
        for (i, r) in replicas.iter().enumerate() {
            if leads(&r.base).await {
                leader = Some(i);
            }
        }
        let leader = leader.expect("a leader");
        let mut killed = replicas.remove(leader);
        killed.child.start_kill().expect("SIGKILL sent");
        let t = Instant::now();
        let _ = killed.child.wait().await;
        let other = replicas[0].base.clone();
        wait("a takeover", Duration::from_secs(30), async || {
            leads(&other).await
        })
        .await;
        takeovers.push(t.elapsed());
        replicas.push(fixtures::serve(&db, &url, dir.path(), &env).await);
    }
    takeovers.sort();
    println!(
        "takeover after SIGKILL of the leader ({ROUNDS} rounds, leader check every 1 s): \
         median {:.2} s, max {:.2} s",
        takeovers[ROUNDS / 2].as_secs_f64(),
        takeovers[ROUNDS - 1].as_secs_f64()
    );
}
