//! Load benchmark of the server, over loopback only, with bounded request loops.
//!
//! 1. Ingest: a seeded board of 1,000 events x 20 bookmakers (h2h and totals 2.5, from the
//!    core's generator), several polls, written collection by collection into SQLite.
//! 2. `GET /opportunities` on that board (the agents run once per board version; requests
//!    are served from the cache), then `GET /health`, each by a fixed number of requests
//!    over keep-alive connections. Reports requests/s and latency percentiles.
//! 3. 100,000 stored bets (a third settled, half with a closing price), then `POST /bets`
//!    (each write only bumps the bets version), `GET /stats` computed once after a write
//!    (cold), and `GET /stats` served from its cache (warm).
//!
//! Run with `make bench-server` (`cargo bench -p edgecore-server --bench load`). The client
//! shares the machine's cores with the server, so the figures are conservative.

use chrono::{Duration, Utc};
use edgecore::agents::{GeneratorConfig, generate};
use edgecore_server::cli::build;
use edgecore_server::config::{Config, Role, Secret, TokenEntry};
use edgecore_server::storage::{CollectionRun, IngestBatch};
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::time::Instant;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const EVENTS: usize = 1_000;
const BOOKMAKERS: usize = 20;

/// One keep-alive connection sending `request` `n` times one after the other; returns each
/// latency. Any answer other than 200 or 201 is an error.
async fn client(
    addr: SocketAddr,
    request: String,
    n: usize,
) -> std::io::Result<Vec<std::time::Duration>> {
    let mut s = TcpStream::connect(addr).await?;
    s.set_nodelay(true)?;
    let mut buf: Vec<u8> = Vec::with_capacity(1 << 20);
    let mut chunk = vec![0u8; 1 << 16];
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let t = Instant::now();
        s.write_all(request.as_bytes()).await?;
        buf.clear();
        let (head, len) = loop {
            let r = s.read(&mut chunk).await?;
            if r == 0 {
                return Err(std::io::Error::other("connection closed"));
            }
            buf.extend_from_slice(&chunk[..r]);
            if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                let head = String::from_utf8_lossy(&buf[..end]).to_ascii_lowercase();
                if !(head.starts_with("http/1.1 200") || head.starts_with("http/1.1 201")) {
                    return Err(std::io::Error::other(format!("status: {head}")));
                }
                let len = head
                    .lines()
                    .find_map(|l| l.strip_prefix("content-length:"))
                    .and_then(|v| v.trim().parse::<usize>().ok())
                    .ok_or_else(|| std::io::Error::other("no content-length"))?;
                break (end + 4, len);
            }
        };
        while buf.len() < head + len {
            let r = s.read(&mut chunk).await?;
            if r == 0 {
                return Err(std::io::Error::other("connection closed"));
            }
            buf.extend_from_slice(&chunk[..r]);
        }
        out.push(t.elapsed());
    }
    Ok(out)
}

/// A GET with a token.
fn get(path: &str, token: &str) -> String {
    format!("GET {path} HTTP/1.1\r\nHost: bench\r\nAuthorization: Bearer {token}\r\n\r\n")
}

/// `total` requests over `connections` keep-alive connections; prints requests/s and
/// latency percentiles under `label`.
async fn load(addr: SocketAddr, label: &str, request: &str, connections: usize, total: usize) {
    let path = label;
    let per = total / connections;
    let start = Instant::now();
    let tasks: Vec<_> = (0..connections)
        .map(|_| tokio::spawn(client(addr, request.to_string(), per)))
        .collect();
    let mut lat = Vec::with_capacity(total);
    for t in tasks {
        match t.await {
            Ok(Ok(l)) => lat.extend(l),
            Ok(Err(e)) => panic!("{path}: {e}"),
            Err(e) => panic!("{path}: {e}"),
        }
    }
    let elapsed = start.elapsed().as_secs_f64();
    lat.sort();
    let pct = |p: f64| {
        lat.get(((lat.len() as f64 * p) as usize).min(lat.len().saturating_sub(1)))
            .map_or(0.0, |d| d.as_secs_f64() * 1e3)
    };
    println!(
        "{path:<20} {:>7} requests, {connections:>3} connections: {:>9.0} req/s, \
         p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        lat.len(),
        lat.len() as f64 / elapsed,
        pct(0.50),
        pct(0.99),
        pct(1.0)
    );
}

fn main() {
    if let Ok(filter) = std::env::var("EDGECORE_LOG") {
        tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::new(filter))
            .with_writer(std::io::stderr)
            .init();
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(run());
}

async fn run() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let now = Utc::now();
    let generated = generate(&GeneratorConfig {
        events: EVENTS,
        bookmakers: BOOKMAKERS,
        events_per_week: EVENTS,
        days_open: 1,
        poll_hours: vec![10, 18],
        anomalies: 20,
        arbitrages: 10,
        steam_moves: 10,
        ..GeneratorConfig::default()
    })
    .expect("generated board");
    // Polls become the last few collections before now; kickoffs move after them.
    let captures: Vec<_> = {
        let mut c: Vec<_> = generated.snapshots.iter().map(|s| s.captured_at).collect();
        c.dedup();
        c
    };
    let polls = captures.len() as i32;
    let moved: BTreeMap<_, _> = captures
        .iter()
        .enumerate()
        .map(|(i, t)| {
            (
                *t,
                now - Duration::minutes(i64::from(5 * (polls - i as i32))),
            )
        })
        .collect();
    let first_kickoff = generated
        .events
        .iter()
        .map(|e| e.kickoff)
        .min()
        .unwrap_or(now);
    let events: Vec<_> = generated
        .events
        .iter()
        .map(|e| edgecore::Event {
            kickoff: now + Duration::hours(6) + (e.kickoff - first_kickoff),
            ..e.clone()
        })
        .collect();
    let mut by_poll: BTreeMap<_, Vec<_>> = BTreeMap::new();
    for s in &generated.snapshots {
        let at = moved[&s.captured_at];
        by_poll
            .entry(at)
            .or_default()
            .push(edgecore::PriceSnapshot {
                captured_at: at,
                ..s.clone()
            });
    }
    // The last poll of one event in ten offers a draw 12% too long at one soft bookmaker,
    // so the board holds opportunities to list.
    let mut last_poll = std::collections::HashMap::new();
    for (at, prices) in &by_poll {
        for p in prices {
            last_poll.insert(p.event_id.clone(), *at);
        }
    }
    for (i, e) in events.iter().enumerate().filter(|(i, _)| i % 10 == 0) {
        let book = &generated.bookmakers[1 + i % (BOOKMAKERS - 1)];
        if let Some(prices) = last_poll.get(&e.id).and_then(|at| by_poll.get_mut(at)) {
            for p in prices.iter_mut().filter(|p| {
                p.event_id == e.id
                    && &p.bookmaker == book
                    && p.selection == edgecore::Selection::Draw
            }) {
                p.price =
                    edgecore::money::round_cents(p.price * rust_decimal::Decimal::new(112, 2));
            }
        }
    }

    let (token, sha256) = edgecore_server::auth::new_token();
    let mut config = Config {
        database_url: format!("sqlite://{}/bench.db", dir.path().display()),
        data_dir: dir.path().to_path_buf(),
        ..Config::default()
    };
    config.odds_api.api_key = Secret::new("unused");
    config.odds_api.base_url = "http://127.0.0.1:9".into();
    let (writer, writer_sha256) = edgecore_server::auth::new_token();
    config.auth.tokens = vec![
        TokenEntry {
            name: "bench".into(),
            role: Role::Viewer,
            sha256,
        },
        TokenEntry {
            name: "writer".into(),
            role: Role::User,
            sha256: writer_sha256,
        },
    ];
    config.auth.rate_limit_per_minute = u32::MAX;
    let running = build(config).await.expect("server state");
    let state = running.state.clone();

    let rows: usize = by_poll.values().map(Vec::len).sum();
    let t = Instant::now();
    for (at, prices) in by_poll {
        let run = CollectionRun {
            kind: "odds".into(),
            finished_at: at,
            status: "ok".into(),
            requests_remaining: None,
            prices: 0,
            history_appended: 0,
            message: String::new(),
        };
        let batch = IngestBatch {
            events: events.clone(),
            prices,
            results: Vec::new(),
        };
        state.store.ingest(&batch, &run).await.expect("ingest");
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "ingest (SQLite): {rows} price rows in {polls} collections, {secs:.2} s: {:.0} rows/s",
        rows as f64 / secs
    );
    state
        .collector
        .board_version
        .fetch_add(1, std::sync::atomic::Ordering::Relaxed);

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("loopback port");
    let addr = listener.local_addr().expect("address");
    let app = edgecore_server::api::router(state.clone());
    let limits = state.config.http.clone();
    tokio::spawn(async move {
        edgecore_server::http::serve(listener, app, &limits, std::future::pending()).await
    });

    let t = Instant::now();
    let board = state.board.get(&state).await.expect("board");
    println!(
        "board: {} events x {} bookmakers, agents and consensus in {:.2} s, {} opportunities",
        EVENTS,
        BOOKMAKERS,
        t.elapsed().as_secs_f64(),
        board.opportunities.len()
    );
    load(
        addr,
        "GET /opportunities",
        &get("/opportunities", &token),
        16,
        40_000,
    )
    .await;
    load(addr, "GET /health", &get("/health", &token), 32, 200_000).await;
    bets(&state, addr, &token, &writer).await;
}

/// Stored bets for the write and statistics figures.
const BETS: usize = 100_000;

/// `BETS` bets stored, then the write path and `/stats` measured on top of them.
async fn bets(
    state: &edgecore_server::state::AppState,
    addr: SocketAddr,
    reader: &str,
    writer: &str,
) {
    let kickoff = (Utc::now() + Duration::days(2)).to_rfc3339();
    let body = |i: usize| {
        let selection = ["home", "draw", "away"][i % 3];
        let source = ["manual", "anomaly", "spread"][i % 3];
        serde_json::json!({"event_id": format!("e{}", i % 5_000), "league": "soccer_epl",
            "kickoff": kickoff, "market": "h2h", "selection": selection,
            "bookmaker": format!("book{}", i % 20), "odds": format!("{}.{:02}", 1 + i % 5, 1 + i % 99),
            "stake": format!("{}", 1 + i % 50), "source": source,
            "placed_at": (Utc::now() - Duration::minutes((i % 100_000) as i64)).to_rfc3339()})
    };
    let t = Instant::now();
    for i in 0..BETS {
        let mut bet = edgecore_server::ledger::new_bet(&body(i), None, Utc::now()).expect("bet");
        if i % 3 == 0 {
            bet.bet.outcome = Some([edgecore::Outcome::Won, edgecore::Outcome::Lost][i % 2]);
        }
        if i % 2 == 0 {
            bet.bet.closing_odds = Some(bet.bet.odds * rust_decimal::Decimal::new(102, 2));
        }
        state.store.insert_bet(&bet).await.expect("insert");
    }
    state.bets_changed();
    println!(
        "{BETS} bets stored in {:.1} s (one insert each)",
        t.elapsed().as_secs_f64()
    );
    let post = {
        let json = body(7).to_string();
        format!(
            "POST /bets HTTP/1.1\r\nHost: bench\r\nAuthorization: Bearer {writer}\r\n\
             Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{json}",
            json.len()
        )
    };
    load(addr, "POST /bets", &post, 4, 4_000).await;
    // Cold: the first /stats after a write computes over every bet.
    let mut cold = Vec::new();
    for _ in 0..5 {
        load_quiet(addr, &post).await;
        let t = Instant::now();
        load_quiet(addr, &get("/stats", reader)).await;
        cold.push(t.elapsed().as_secs_f64() * 1e3);
    }
    cold.sort_by(f64::total_cmp);
    println!(
        "GET /stats after a write ({} bets): median {:.0} ms, max {:.0} ms (5 writes)",
        BETS + 4_005,
        cold[2],
        cold[4]
    );
    load(
        addr,
        "GET /stats (cached)",
        &get("/stats", reader),
        16,
        20_000,
    )
    .await;
}

/// One request, its answer read and checked.
async fn load_quiet(addr: SocketAddr, request: &str) {
    client(addr, request.to_string(), 1).await.expect("answer");
}
