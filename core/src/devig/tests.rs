use super::*;

#[test]
fn empty_batch_with_a_huge_width_reserves_nothing() {
    // The per-block scratch of `width` prices used to be reserved before looking at the
    // prices: usize::MAX overflowed the allocation, 2^40 aborted the process.
    for width in [usize::MAX, 1 << 40] {
        assert_eq!(
            devig_batch(&[], width, DevigMethod::Shin, 1.0).unwrap(),
            Vec::<f64>::new()
        );
    }
    // A non-empty batch has width <= its length (the width divides it).
    assert_eq!(
        devig_batch(&[2.0; 3], 1 << 40, DevigMethod::Multiplicative, 1.0)
            .unwrap_err()
            .kind(),
        "InvalidParameter"
    );
}

const R_ODDS: [f64; 3] = [4.2, 3.7, 1.95];

fn probs(odds: &[f64], method: DevigMethod) -> Vec<f64> {
    devig(odds, method, 1.0).unwrap().probabilities
}

fn assert_close(actual: &[f64], expected: &[f64], tol: f64) {
    assert_eq!(actual.len(), expected.len());
    for (a, e) in actual.iter().zip(expected) {
        assert!((a - e).abs() <= tol, "{actual:?} vs {expected:?}");
    }
}

#[test]
fn r_implied_documentation_values() {
    use DevigMethod::*;
    assert_close(
        &probs(&R_ODDS, Multiplicative),
        &[0.23315559, 0.26466311, 0.50218128],
        1e-8,
    );
    assert_close(
        &probs(&R_ODDS, Additive),
        &[0.23103323, 0.26320826, 0.50575850],
        1e-8,
    );
    assert_close(
        &probs(&R_ODDS, Power),
        &[0.23114097, 0.26306409, 0.50579492],
        1e-8,
    );
    assert_close(
        &probs(&R_ODDS, OddsRatio),
        &[0.23200452, 0.26364129, 0.50435417],
        1e-8,
    );
    let shin = devig(&R_ODDS, Shin, 1.0).unwrap();
    assert_close(&shin.probabilities, &[0.231572, 0.2635745, 0.5048535], 1e-6);
    assert!((shin.parameter - 0.01060805).abs() < 1e-6);
    assert!(shin.iterations > 0);
}

#[test]
fn python_shin_readme_values() {
    let d = devig(&[2.6, 2.4, 4.3], DevigMethod::Shin, 1.0).unwrap();
    assert_close(
        &d.probabilities,
        &[0.37299406033208965, 0.4047794109200184, 0.2222265287474275],
        1e-10,
    );
    assert!((d.parameter - 0.01694251276407055).abs() < 1e-10);
    let two = devig(&[1.5, 2.74], DevigMethod::Shin, 1.0).unwrap();
    assert_close(
        &two.probabilities,
        &[0.6508515815085157, 0.3491484184914841],
        1e-15,
    );
    assert_eq!(two.iterations, 0);
}

#[test]
fn two_way_shin_closed_form_agrees_with_the_model() {
    for odds in [[1.5, 2.74], [1.1, 6.0], [1.9, 1.9], [3.0, 1.35]] {
        let d = devig(&odds, DevigMethod::Shin, 1.0).unwrap();
        let z = d.parameter;
        let q: Vec<f64> = odds.iter().map(|o| 1.0 / o).collect();
        let b: f64 = q.iter().sum();
        for (p, q) in d.probabilities.iter().zip(&q) {
            let model = ((z * z + 4.0 * (1.0 - z) * q * q / b).sqrt() - z) / (2.0 * (1.0 - z));
            assert!((p - model).abs() < 1e-14, "{odds:?}: {p} vs {model}");
        }
    }
}

#[test]
fn additive_aliases_are_one_formula() {
    // penaltyblog's differential margin weighting: fair odds n o / (n - M o).
    let n = 3.0;
    let m = R_ODDS.iter().map(|o| 1.0 / o).sum::<f64>() - 1.0;
    let dmw: Vec<f64> = R_ODDS.iter().map(|o| (n - m * o) / (n * o)).collect();
    for name in ["additive", "wpo", "differential_margin_weighting"] {
        let method: DevigMethod = name.parse().unwrap();
        assert_close(&probs(&R_ODDS, method), &dmw, 1e-15);
    }
}

#[test]
fn balanced_book_and_jensen_shannon() {
    let q: Vec<f64> = R_ODDS.iter().map(|o| 1.0 / o).collect();
    let b: f64 = q.iter().sum();
    let z = (b - 1.0) / 2.0;
    let bb = devig(&R_ODDS, DevigMethod::BalancedBook, 1.0).unwrap();
    let expected: Vec<f64> = q.iter().map(|q| (q - z) / (1.0 - z)).collect();
    assert_close(&bb.probabilities, &expected, 1e-15);
    assert_eq!(bb.parameter, z);
    let js = devig(&R_ODDS, DevigMethod::JensenShannon, 1.0).unwrap();
    let d2 = js.parameter * js.parameter;
    for (p, q) in js.probabilities.iter().zip(&q) {
        assert!(p < q);
        assert!((js_divergence(*p, *q) - d2).abs() < 1e-15);
    }
    assert!((js.probabilities.iter().sum::<f64>() - 1.0).abs() < 1e-13);
}

#[test]
fn targets_other_than_one() {
    // Two winners out of four (e.g. "to qualify" in a group).
    let odds = [1.25, 1.5, 2.6, 4.5];
    for &method in DevigMethod::ALL {
        let d = devig(&odds, method, 2.0).unwrap();
        let sum: f64 = d.probabilities.iter().sum();
        assert!((sum - 2.0).abs() < 1e-12, "{method}: {sum}");
    }
}

#[test]
fn large_markets() {
    // A 40-runner race: more outcomes than the stack scratch row holds.
    let odds: Vec<f64> = (0..40).map(|i| 6.0 + 2.5 * i as f64).collect();
    let q: f64 = odds.iter().map(|o| 1.0 / o).sum();
    let odds: Vec<f64> = odds.iter().map(|o| o * q / 1.15).collect();
    for &method in DevigMethod::ALL {
        match devig(&odds, method, 1.0) {
            Ok(d) => {
                let sum: f64 = d.probabilities.iter().sum();
                assert!((sum - 1.0).abs() < 1e-12, "{method}: {sum}");
            }
            Err(e) => assert_eq!(e.kind(), "NegativeProbability", "{method}"),
        }
    }
}

#[test]
fn fair_book_unchanged() {
    let odds = [2.0, 4.0, 4.0];
    for &method in DevigMethod::ALL {
        let d = devig(&odds, method, 1.0).unwrap();
        assert_eq!(d.probabilities, [0.5, 0.25, 0.25], "{method}");
        assert_eq!(d.iterations, 0);
        assert_eq!(d.parameter, method.neutral());
        assert_eq!(d.fair_odds, odds);
    }
}

#[test]
fn negative_margin() {
    let odds = [2.1, 3.9, 4.2];
    for method in [
        DevigMethod::Multiplicative,
        DevigMethod::Additive,
        DevigMethod::Power,
        DevigMethod::OddsRatio,
    ] {
        let d = devig(&odds, method, 1.0).unwrap();
        assert!(d.margin < 0.0);
        assert!((d.probabilities.iter().sum::<f64>() - 1.0).abs() < 1e-12);
    }
    for method in [
        DevigMethod::Shin,
        DevigMethod::BalancedBook,
        DevigMethod::JensenShannon,
    ] {
        let err = devig(&odds, method, 1.0).unwrap_err();
        assert_eq!(err.kind(), "NegativeMargin", "{method}");
        assert!(err.to_string().contains(method.as_str()));
    }
}

#[test]
fn negative_probability_names_the_outcome() {
    // R `implied` tests: odds designed to break the additive method.
    let odds: Vec<f64> = [0.870, 0.2, 0.1, 0.05, 0.02, 0.01]
        .iter()
        .map(|p| 1.0 / p)
        .collect();
    let err = devig(&odds, DevigMethod::Additive, 1.0).unwrap_err();
    assert!(matches!(err, Error::NegativeProbability { outcome: 4, .. }));
    let err = devig(&odds, DevigMethod::BalancedBook, 1.0).unwrap_err();
    assert_eq!(err.kind(), "NegativeProbability");
    let mut flat = R_ODDS.to_vec();
    flat.extend(&odds);
    let err = devig_batch(
        &[odds.clone(), odds].concat(),
        6,
        DevigMethod::Additive,
        1.0,
    )
    .unwrap_err();
    assert!(matches!(err, Error::NegativeProbability { outcome: 4, .. }));
    // Shin, power and odds ratio handle it.
    for m in [
        DevigMethod::Shin,
        DevigMethod::Power,
        DevigMethod::OddsRatio,
    ] {
        let d = devig(&flat[3..], m, 1.0).unwrap();
        assert!(d.probabilities.iter().all(|&p| p > 0.0));
    }
}

#[test]
fn jensen_shannon_beyond_zero() {
    // A huge margin on a long shot: the distance that removes it would push p below 0.
    let err = devig(&[1.05, 1.05, 50.0], DevigMethod::JensenShannon, 1.0).unwrap_err();
    assert_eq!(err.kind(), "NegativeProbability");
}

#[test]
fn probability_above_one() {
    let err = devig(&[1.02, 2.5, 2.8], DevigMethod::Multiplicative, 2.0).unwrap_err();
    assert!(matches!(err, Error::InvalidProbability { value } if value > 1.0));
}

#[test]
fn errors_on_bad_input() {
    let m = DevigMethod::Shin;
    assert_eq!(devig(&[2.0], m, 1.0).unwrap_err().kind(), "EmptyMarket");
    assert_eq!(
        devig(&[2.0, 1.0], m, 1.0).unwrap_err().kind(),
        "InvalidOdds"
    );
    assert_eq!(
        devig(&[2.0, f64::NAN], m, 1.0).unwrap_err().kind(),
        "InvalidOdds"
    );
    for t in [0.0, 2.0, f64::NAN, -1.0] {
        assert_eq!(
            devig(&[2.0, 2.0], m, t).unwrap_err().kind(),
            "InvalidParameter"
        );
    }
    assert_eq!(
        "logit".parse::<DevigMethod>().unwrap_err().kind(),
        "UnknownName"
    );
    let mut out = [0.0; 4];
    assert_eq!(
        devig_batch_into(&[2.0; 6], 3, m, 1.0, &mut out)
            .unwrap_err()
            .kind(),
        "LengthMismatch"
    );
    assert_eq!(
        devig_batch(&[2.0; 5], 2, m, 1.0).unwrap_err().kind(),
        "InvalidParameter"
    );
    assert_eq!(
        devig_batch(&[2.0; 4], 1, m, 0.5).unwrap_err().kind(),
        "EmptyMarket"
    );
    assert!(devig_batch(&[], 3, m, 1.0).unwrap().is_empty());
}

#[test]
fn no_convergence_is_reported() {
    // Shin on prices scaled to a target far below 1: q_i / T > 1, the model has no root.
    let err = devig(&[1.1, 1.2, 1.3], DevigMethod::Shin, 0.2).unwrap_err();
    assert!(
        matches!(err, Error::NoConvergence { method: "shin", .. }),
        "{err:?}"
    );
}

#[test]
fn batch_equals_single_and_runs_in_parallel() {
    let markets = PARALLEL_MIN_MARKETS + 77;
    let odds: Vec<f64> = (0..markets)
        .flat_map(|i| {
            let x = (i % 97) as f64 / 97.0;
            [1.5 + x, 3.2 + x * 0.5, 4.5 - 2.0 * x]
        })
        .collect();
    for &method in DevigMethod::ALL {
        let batch = devig_batch(&odds, 3, method, 1.0).unwrap();
        for (m, row) in odds.chunks(3).enumerate().step_by(101) {
            let single = devig(row, method, 1.0).unwrap().probabilities;
            assert_eq!(&batch[m * 3..m * 3 + 3], single.as_slice(), "{method}");
        }
    }
    // Other widths take the general path, with the same figures.
    for &method in DevigMethod::ALL {
        for row in odds.chunks(3).step_by(997) {
            let four = [row[0], row[1], row[2], 9.0];
            assert_eq!(
                devig_batch(&four, 4, method, 1.0).ok(),
                devig(&four, method, 1.0).ok().map(|d| d.probabilities),
                "{method}"
            );
        }
    }
    // The first invalid price of a market is the one reported.
    assert_eq!(
        devig_batch(&[2.0, 0.9, 0.5], 3, DevigMethod::Power, 1.0).unwrap_err(),
        Error::InvalidOdds { value: 0.9 }
    );
    let mut bad = odds.clone();
    bad[3 * 4000 + 1] = 0.5;
    bad[3 * 4100] = -1.0;
    assert_eq!(
        devig_batch(&bad, 3, DevigMethod::Power, 1.0).unwrap_err(),
        Error::InvalidOdds { value: 0.5 }
    );
}

#[test]
fn batch_progress_counts_markets_and_keeps_the_batch_results() {
    use std::sync::Mutex;
    // Below and above the parallel threshold, and a count that is not a whole chunk.
    for markets in [0, 3, PARALLEL_MIN_MARKETS - 1, 3 * PROGRESS_CHUNK + 17] {
        let odds: Vec<f64> = (0..markets)
            .flat_map(|m| {
                [
                    2.1 + (m % 7) as f64 / 10.0,
                    3.4,
                    3.9 - (m % 5) as f64 / 10.0,
                ]
            })
            .collect();
        let calls = Mutex::new(Vec::new());
        let report = |done, total| calls.lock().unwrap().push((done, total));
        let with = devig_batch_with_progress(&odds, 3, DevigMethod::Power, 1.0, &report).unwrap();
        assert_eq!(
            with,
            devig_batch(&odds, 3, DevigMethod::Power, 1.0).unwrap()
        );
        let calls = calls.into_inner().unwrap();
        if markets == 0 {
            assert!(calls.is_empty());
            continue;
        }
        assert!(calls.windows(2).all(|w| w[0].0 < w[1].0), "{calls:?}");
        assert!(calls.iter().all(|&(_, total)| total == markets));
        assert_eq!(calls.last(), Some(&(markets, markets)));
        assert!(calls.len() >= markets / PROGRESS_CHUNK);
    }
    // The errors are the batch's, the flat index of a negative probability included.
    let mut odds = vec![2.0; 2 * 10_000];
    odds.extend([1.2, 1.2, 500.0]);
    let none = |_: usize, _: usize| {};
    for width in [3, 2] {
        let odds = &odds[..odds.len() - odds.len() % width];
        assert_eq!(
            devig_batch_with_progress(odds, width, DevigMethod::Additive, 1.0, &none).err(),
            devig_batch(odds, width, DevigMethod::Additive, 1.0).err()
        );
    }
    let mut odds = vec![2.0; 3 * 9_000];
    odds.extend([1.2, 1.2, 500.0]);
    match devig_batch_with_progress(&odds, 3, DevigMethod::Additive, 1.0, &none) {
        Err(Error::NegativeProbability { outcome, .. }) => assert_eq!(outcome, 27_002),
        other => panic!("{other:?}"),
    }
}
