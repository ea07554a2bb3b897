//! Properties of the agents: no look-ahead in the backtest, arbitrage stakes never lose after
//! rounding, and agent output independent of the order of snapshots.

use edgecore::agents::{
    AgentName, AnomalyConfig, BacktestConfig, Board, BoardConfig, GeneratorConfig, History,
    MovementConfig, SpreadConfig, Staking, arbitrage, backtest, find_anomalies, find_movements,
    generate, scan_spreads,
};
use edgecore::{Bet, PriceSnapshot};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn stream(seed: u64) -> edgecore::agents::Generated {
    generate(&GeneratorConfig {
        seed,
        events: 6,
        events_per_week: 3,
        bookmakers: 4,
        days_open: 3,
        anomalies: 1,
        arbitrages: 1,
        steam_moves: 1,
        ..GeneratorConfig::default()
    })
    .unwrap()
}

/// What a decision is: everything known when the bet is placed.
fn decisions(bets: &[Bet]) -> Vec<(String, String, String, Decimal, Decimal, String)> {
    bets.iter()
        .map(|b| {
            (
                b.event_id.clone(),
                format!("{}/{:?}/{}", b.market, b.line, b.selection),
                b.bookmaker.clone(),
                b.odds,
                b.stake,
                b.placed_at.to_rfc3339(),
            )
        })
        .collect()
}

proptest! {
    /// Appending snapshots captured after t never changes a decision made at or before t
    /// (every strategy, flat and Kelly staking).
    #[test]
    fn no_look_ahead(seed in 0u64..1000, cut in 0.0f64..1.0, kelly in any::<bool>()) {
        let g = stream(seed);
        let n = ((g.snapshots.len() as f64) * cut) as usize;
        let t = g.snapshots[n.min(g.snapshots.len() - 1)].captured_at;
        let past: Vec<PriceSnapshot> =
            g.snapshots.iter().filter(|s| s.captured_at <= t).cloned().collect();
        let config = BacktestConfig {
            staking: if kelly { Staking::Kelly } else { Staking::Flat },
            settle_after_seconds: 0,
            ..BacktestConfig::default()
        };
        let full = backtest(&History::new(&g.snapshots).unwrap(), &g.events, &g.results, &config, None).unwrap();
        let cut = backtest(&History::new(&past).unwrap(), &g.events, &g.results, &config, None).unwrap();
        for (a, b) in full.runs.iter().zip(&cut.runs) {
            let early: Vec<Bet> = a.bets.iter().filter(|x| x.placed_at <= t).cloned().collect();
            prop_assert_eq!(decisions(&early), decisions(&b.bets));
        }
    }

    /// Agent output does not depend on the order of the snapshots.
    #[test]
    fn order_independent(seed in 0u64..1000, shuffle in any::<u64>(), at in 0.0f64..1.0) {
        let g = stream(seed);
        let mut shuffled = g.snapshots.clone();
        let mut state = shuffle | 1;
        for i in (1..shuffled.len()).rev() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            shuffled.swap(i, (state % (i as u64 + 1)) as usize);
        }
        let when = g.snapshots[((g.snapshots.len() - 1) as f64 * at) as usize].captured_at;
        let (a, b) = (History::new(&g.snapshots).unwrap(), History::new(&shuffled).unwrap());
        let cfg = BoardConfig::default();
        let (ba, bb) = (Board::at(&a, when, &cfg).unwrap(), Board::at(&b, when, &cfg).unwrap());
        prop_assert_eq!(ba.quotes(), bb.quotes());
        prop_assert_eq!(
            find_anomalies(&ba, &AnomalyConfig::default()).unwrap(),
            find_anomalies(&bb, &AnomalyConfig::default()).unwrap()
        );
        prop_assert_eq!(
            scan_spreads(&ba, &SpreadConfig::default()).unwrap(),
            scan_spreads(&bb, &SpreadConfig::default()).unwrap()
        );
        prop_assert_eq!(
            find_movements(&ba, &MovementConfig::default()).unwrap(),
            find_movements(&bb, &MovementConfig::default()).unwrap()
        );
        let config = BacktestConfig {
            strategies: vec![AgentName::Consensus, AgentName::Spread],
            ..BacktestConfig::default()
        };
        prop_assert_eq!(
            backtest(&a, &g.events, &g.results, &config, None).unwrap(),
            backtest(&b, &g.events, &g.results, &config, None).unwrap()
        );
    }
}

proptest! {
    /// Arbitrage stakes, once rounded to the cent, never lose money when an arbitrage is
    /// reported: every outcome pays back at least the outlay plus the reported profit.
    #[test]
    fn arbitrage_never_loses(
        cents in prop::collection::vec(101i64..5000, 2..5),
        outlay in 1i64..100_000_000,
    ) {
        let prices: Vec<Decimal> = cents.iter().map(|&c| Decimal::new(c, 2)).collect();
        let outlay = Decimal::new(outlay, 2);
        if let Some(s) = arbitrage(&prices, outlay).unwrap() {
            prop_assert!(s.profit > Decimal::ZERO);
            prop_assert_eq!(s.outlay, s.stakes.iter().copied().sum::<Decimal>());
            for ((&stake, &price), &payout) in s.stakes.iter().zip(&prices).zip(&s.payouts) {
                prop_assert_eq!(payout, edgecore::Outcome::Won.payout(stake, price).unwrap());
                prop_assert!(payout - s.outlay >= s.profit);
            }
            let inverse: f64 = cents.iter().map(|&c| 100.0 / c as f64).sum();
            prop_assert!(inverse < 1.0);
        }
    }
}
