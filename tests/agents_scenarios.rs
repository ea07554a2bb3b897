//! Scenarios on generated seasons: every injected case is found, a clean market yields
//! nothing, a no-edge strategy loses about the margin and betting anomalies beats the close.

use edgecore::Selection;
use edgecore::agents::{
    AgentName, AnomalyConfig, BacktestConfig, Board, BoardConfig, Generated, GeneratorConfig,
    History, InjectionKind, MovementConfig, SpreadConfig, backtest, find_anomalies, find_movements,
    generate, scan_spreads,
};
use rust_decimal::Decimal;

fn season(events: usize, bookmakers: usize, injected: usize, seed: u64) -> Generated {
    generate(&GeneratorConfig {
        seed,
        events,
        bookmakers,
        anomalies: injected,
        arbitrages: injected,
        steam_moves: injected,
        ..GeneratorConfig::default()
    })
    .unwrap()
}

#[test]
fn every_injected_case_is_found() {
    for seed in [1, 2, 3] {
        let g = season(40, 8, 6, seed);
        let history = History::new(&g.snapshots).unwrap();
        assert_eq!(g.injected.len(), 6 * 4);
        for inj in &g.injected {
            let board = Board::at(&history, inj.at, &BoardConfig::default()).unwrap();
            let same = |event: &str, sel: Selection| event == inj.event_id && sel == inj.selection;
            match inj.kind {
                InjectionKind::Anomaly => {
                    let found = find_anomalies(&board, &AnomalyConfig::default()).unwrap();
                    let hit = found.iter().find(|o| {
                        same(&o.event_id, o.selection)
                            && Some(&o.bookmaker) == inj.bookmaker.as_ref()
                    });
                    let hit = hit.unwrap_or_else(|| panic!("anomaly {inj:?} missed"));
                    assert!(hit.edge >= 0.09 && hit.z > 3.0, "{hit:?}");
                }
                InjectionKind::Arbitrage => {
                    let s = scan_spreads(&board, &SpreadConfig::default()).unwrap();
                    let report = s
                        .reports
                        .iter()
                        .find(|r| r.event_id == inj.event_id && r.line == inj.line)
                        .unwrap();
                    let arb = report.arbitrage.as_ref().expect("arbitrage found");
                    assert!(arb.profit > Decimal::ZERO);
                    assert!(arb.legs.iter().any(|l| l.selection == inj.selection
                        && Some(&l.bookmaker) == inj.bookmaker.as_ref()));
                    for leg in &arb.legs {
                        assert!(leg.payout - arb.outlay >= arb.profit);
                    }
                }
                InjectionKind::SharpMove => {
                    let m = find_movements(&board, &MovementConfig::default()).unwrap();
                    let stale: Vec<_> = m
                        .opportunities
                        .iter()
                        .filter(|o| same(&o.event_id, o.selection))
                        .collect();
                    assert_eq!(stale.len(), 7, "every soft book is stale: {inj:?}");
                    assert!(m.steam.iter().all(|s| s.event_id != inj.event_id));
                }
                InjectionKind::SteamMove => {
                    let m = find_movements(&board, &MovementConfig::default()).unwrap();
                    let steam = m
                        .steam
                        .iter()
                        .find(|s| same(&s.event_id, s.selection))
                        .unwrap_or_else(|| panic!("steam {inj:?} missed"));
                    assert_eq!(steam.bookmakers.len(), 8);
                    assert!(steam.reference_moved);
                }
            }
        }
    }
}

#[test]
fn a_clean_market_yields_nothing() {
    for seed in [7, 8, 9] {
        clean_market(seed);
    }
}

fn clean_market(seed: u64) {
    let g = season(60, 10, 0, seed);
    let history = History::new(&g.snapshots).unwrap();
    let mut instants: Vec<_> = g.snapshots.iter().map(|s| s.captured_at).collect();
    instants.dedup();
    let mut board = Board::at(&history, instants[0], &BoardConfig::default()).unwrap();
    let mut markets = 0;
    for at in instants {
        board.advance(at).unwrap();
        assert!(
            find_anomalies(&board, &AnomalyConfig::default())
                .unwrap()
                .is_empty()
        );
        let s = scan_spreads(&board, &SpreadConfig::default()).unwrap();
        assert!(s.opportunities.is_empty());
        assert!(s.reports.iter().all(|r| r.arbitrage.is_none()));
        markets += s.reports.len();
        let m = find_movements(&board, &MovementConfig::default()).unwrap();
        assert!(m.steam.is_empty() && m.opportunities.is_empty(), "{m:#?}");
    }
    assert!(markets > 1000);
}

#[test]
fn a_no_edge_strategy_loses_the_margin() {
    // one bookmaker with a 5% margin; the anomaly agent with no threshold bets every
    // selection once at its first price: the expected return is 1 / 1.05 - 1 = -4.76%
    let g = generate(&GeneratorConfig {
        seed: 11,
        events: 1200,
        events_per_week: 40,
        bookmakers: 1,
        reference_margin: 0.05,
        days_open: 2,
        totals_lines: ["1.5", "2.5", "3.5"].map(|l| l.parse().unwrap()).to_vec(),
        ..GeneratorConfig::default()
    })
    .unwrap();
    let history = History::new(&g.snapshots).unwrap();
    let config = BacktestConfig {
        strategies: vec![AgentName::Anomaly],
        anomaly: AnomalyConfig {
            min_edge: -1.0,
            min_books: 1,
            ..AnomalyConfig::default()
        },
        starting_bankroll: Decimal::from(1_000_000),
        ..BacktestConfig::default()
    };
    let bt = backtest(&history, &g.events, &g.results, &config, None).unwrap();
    let run = &bt.runs[0];
    assert_eq!(run.bets.len(), 1200 * 9);
    let roi = run.performance.roi.unwrap();
    assert!((roi - (1.0 / 1.05 - 1.0)).abs() < 0.02, "roi {roi}");
}

#[test]
fn betting_anomalies_beats_the_close() {
    let g = generate(&GeneratorConfig {
        seed: 5,
        events: 120,
        bookmakers: 8,
        anomalies: 30,
        ..GeneratorConfig::default()
    })
    .unwrap();
    let history = History::new(&g.snapshots).unwrap();
    let config = BacktestConfig {
        strategies: vec![AgentName::Anomaly, AgentName::Consensus],
        ..BacktestConfig::default()
    };
    let bt = backtest(&history, &g.events, &g.results, &config, None).unwrap();
    let run = &bt.runs[0];
    assert_eq!(run.bets.len(), 30);
    let clv = run.performance.average_clv.unwrap();
    assert!(clv > 0.05, "average CLV {clv}");
    // same replay, same bets
    let again = backtest(&history, &g.events, &g.results, &config, None).unwrap();
    assert_eq!(again, bt);
}

#[test]
fn large_boards_find_the_same_as_small_ones() {
    // 1,400 events x (h2h + 2 totals lines) = 4,200 markets: evaluated in parallel chunks
    let g = generate(&GeneratorConfig {
        seed: 3,
        events: 1400,
        events_per_week: 200,
        bookmakers: 3,
        days_open: 1,
        poll_hours: vec![10, 14],
        totals_lines: ["1.5", "2.5"].map(|l| l.parse().unwrap()).to_vec(),
        anomalies: 5,
        ..GeneratorConfig::default()
    })
    .unwrap();
    let history = History::new(&g.snapshots).unwrap();
    assert!(history.markets() >= 4096);
    for inj in &g.injected {
        let board = Board::at(&history, inj.at, &BoardConfig::default()).unwrap();
        let all = find_anomalies(&board, &AnomalyConfig::default()).unwrap();
        let mine: Vec<_> = all
            .into_iter()
            .filter(|o| o.event_id == inj.event_id)
            .collect();
        let alone: Vec<_> = g
            .snapshots
            .iter()
            .filter(|s| s.event_id == inj.event_id)
            .cloned()
            .collect();
        let small = Board::new(&alone, inj.at, &BoardConfig::default()).unwrap();
        assert_eq!(
            mine,
            find_anomalies(&small, &AnomalyConfig::default()).unwrap()
        );
        assert!(
            mine.iter()
                .any(|o| Some(&o.bookmaker) == inj.bookmaker.as_ref())
        );
    }
}
