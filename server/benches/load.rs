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

mod common;

use chrono::{Duration, Utc};
use edgecore::agents::{GeneratorConfig, generate};
use edgecore_server::cli::build;
use edgecore_server::config::{Config, Role, Secret, TokenEntry};
use edgecore_server::storage::{CollectionRun, IngestBatch};
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::time::Instant;

const EVENTS: usize = 1_000;
const BOOKMAKERS: usize = 20;

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
    let run_at = |at| CollectionRun {
        kind: "odds".into(),
        finished_at: at,
        status: "ok".into(),
        requests_remaining: None,
        prices: 0,
        history_appended: 0,
        message: String::new(),
    };
    let t = Instant::now();
    let mut last_batch = IngestBatch::default();
    for (at, prices) in by_poll {
        let batch = IngestBatch {
            events: events.clone(),
            prices,
            results: Vec::new(),
        };
        state
            .store
            .ingest(&batch, &run_at(at))
            .await
            .expect("ingest");
        last_batch = batch;
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "ingest (SQLite): {rows} price rows in {polls} collections, {secs:.2} s: {:.0} rows/s",
        rows as f64 / secs
    );

    // What a start (or another process's collection) costs: the recent prices read back.
    let recent = &state.collector.recent;
    let t = Instant::now();
    recent
        .load(state.store.as_ref(), Utc::now())
        .await
        .expect("recent prices loaded");
    let (held_events, held_latest, held_history, _) = recent.counts();
    println!(
        "recent prices read from the database: {:.2} s ({held_events} events, {held_latest} \
         latest prices, {held_history} history rows); memory {:.1} MB, {:.1} MB per 1,000 events",
        t.elapsed().as_secs_f64(),
        recent.bytes() as f64 / 1e6,
        recent.bytes() as f64 / 1e6 / (held_events.max(1) as f64 / 1_000.0)
    );
    let t = Instant::now();
    state.board.get(&state).await.expect("board");
    println!(
        "board after the start (history interned from scratch), agents and consensus: {:.1} ms",
        t.elapsed().as_secs_f64() * 1e3
    );

    // Where a rebuild's time goes, step by step (the same core calls as the board).
    {
        use edgecore::agents::{
            AnomalyConfig, Board, BoardConfig, MovementConfig, SpreadConfig, find_anomalies,
            find_movements, scan_spreads,
        };
        let now = Utc::now();
        let input = recent.input(now).expect("input");
        let history = input.history.clone();
        let t = Instant::now();
        let cfg = &state.config.agents;
        let board = Board::at(
            &history,
            now,
            &BoardConfig {
                reference: state.config.odds_api.reference_bookmaker.clone(),
                max_age_seconds: cfg.max_age_seconds,
                ..BoardConfig::default()
            },
        )
        .expect("board");
        let t_board = t.elapsed();
        let t = Instant::now();
        find_anomalies(&board, &AnomalyConfig::default()).expect("anomalies");
        scan_spreads(&board, &SpreadConfig::default()).expect("spreads");
        let t_ab = t.elapsed();
        let t = Instant::now();
        find_movements(&board, &MovementConfig::default()).expect("movements");
        let t_c = t.elapsed();
        let ms = |d: std::time::Duration| d.as_secs_f64() * 1e3;
        println!(
            "  steps on the interned history ({} snapshots): board {:.1} ms, agents A+B {:.1} ms, \
             agent C {:.1} ms",
            input.history.len(),
            ms(t_board),
            ms(t_ab),
            ms(t_c)
        );
    }

    // After a collection: the last poll written again (no price changes) and then a changed
    // one, each applied to memory; the board is rebuilt from memory.
    for (label, bump) in [("unchanged", false), ("changed", true)] {
        let mut batch = last_batch.clone();
        let at = Utc::now();
        for p in &mut batch.prices {
            p.captured_at = at;
            if bump && p.selection == edgecore::Selection::Home {
                p.price += rust_decimal::Decimal::new(1, 2);
            }
        }
        let write = Instant::now();
        state
            .store
            .ingest(&batch, &run_at(at))
            .await
            .expect("collection written");
        let write = write.elapsed().as_secs_f64();
        // From the committed write to the board ready: the memory update, then the agents.
        let t = Instant::now();
        recent.apply(&batch, at);
        let apply = t.elapsed().as_secs_f64() * 1e3;
        state
            .collector
            .board_version
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let board = state.board.get(&state).await.expect("board");
        println!(
            "board after a collection ({label} prices, {} rows written in {write:.2} s): memory \
             update (history extended) {apply:.1} ms, with the agents and consensus {:.1} ms, {} \
             opportunities; memory {:.1} MB",
            batch.prices.len(),
            t.elapsed().as_secs_f64() * 1e3,
            board.opportunities.len(),
            recent.bytes() as f64 / 1e6
        );
    }

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("loopback port");
    let addr = listener.local_addr().expect("address");
    let app = edgecore_server::api::router(state.clone());
    let limits = state.config.http.clone();
    tokio::spawn(async move {
        edgecore_server::http::serve(listener, app, &limits, std::future::pending()).await
    });

    common::load(
        &[addr],
        "GET /opportunities",
        &common::get("/opportunities", &token),
        16,
        40_000,
    )
    .await;
    common::load(
        &[addr],
        "GET /health",
        &common::get("/health", &token),
        32,
        200_000,
    )
    .await;
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
        let mut bet = edgecore_server::betting::new_bet(&body(i), None, Utc::now()).expect("bet");
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
    common::load(&[addr], "POST /bets", &post, 4, 4_000).await;
    // Cold: the first /stats after a write computes over every bet.
    let mut cold = Vec::new();
    for _ in 0..5 {
        common::load_quiet(addr, &post).await;
        let t = Instant::now();
        common::load_quiet(addr, &common::get("/stats", reader)).await;
        cold.push(t.elapsed().as_secs_f64() * 1e3);
    }
    cold.sort_by(f64::total_cmp);
    println!(
        "GET /stats after a write ({} bets): median {:.0} ms, max {:.0} ms (5 writes)",
        BETS + 4_005,
        cold[2],
        cold[4]
    );
    common::load(
        &[addr],
        "GET /stats (cached)",
        &common::get("/stats", reader),
        16,
        20_000,
    )
    .await;
}
