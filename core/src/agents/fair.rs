//! Fair probabilities of a market on the board, shared by every agent.
//!
//! When the reference bookmaker has a usable quote, its prices de-vigged with the chosen
//! method are the fair probabilities. Otherwise each usable bookmaker's market is de-vigged,
//! the median probability of each selection is taken, and the medians are rescaled to sum
//! to one. A bookmaker whose market the method cannot de-vig (e.g. a zero margin for Shin) is left
//! out of the median; with no bookmaker left there is no fair price.

use super::board::View;
use super::robust::{median_in, robust_z_in};
use crate::devig::{DevigMethod, devig};

/// Reusable buffers for market evaluations.
#[derive(Debug, Default, Clone)]
pub(crate) struct Scratch {
    pub probs: Vec<f64>,
    pub column: Vec<f64>,
    pub shortening: Vec<f64>,
}

/// The fair probabilities of the view's selections (`view.width` of them), or `None`.
pub(crate) fn fair(view: &View, method: DevigMethod, scratch: &mut Scratch) -> Option<[f64; 3]> {
    let w = view.width;
    let valid = |p: &[f64]| p.iter().all(|&x| x.is_finite() && x > 0.0 && x < 1.0);
    let usable = |r: usize| {
        devig(view.row(r), method, 1.0)
            .ok()
            .filter(|d| d.probabilities.len() == w && valid(&d.probabilities))
    };
    if let Some(d) = view.reference.and_then(usable) {
        let mut out = [0.0; 3];
        out.iter_mut()
            .zip(&d.probabilities)
            .for_each(|(o, &p)| *o = p);
        return Some(out);
    }
    scratch.probs.clear();
    let mut rows = 0;
    for r in 0..view.books.len() {
        if let Some(d) = usable(r) {
            scratch.probs.extend_from_slice(&d.probabilities);
            rows += 1;
        }
    }
    if rows == 0 {
        return None;
    }
    let mut out = [0.0; 3];
    for (c, o) in out.iter_mut().enumerate().take(w) {
        scratch.column.clear();
        // Column `c` of the `rows` rows of `w` probabilities each.
        scratch
            .column
            .extend(scratch.probs.iter().skip(c).step_by(w.max(1)).take(rows));
        *o = median_in(&mut scratch.column);
    }
    let sum: f64 = out.iter().take(w).sum();
    if !(sum.is_finite() && sum > 0.0) {
        return None;
    }
    out.iter_mut().take(w).for_each(|p| *p /= sum);
    valid(out.get(..w)?).then_some(out)
}

/// Robust z-score of row `r`'s price in column `c` against the other rows: computed on
/// implied probabilities and negated, so a price longer than the others' scores positive.
pub(crate) fn price_z(view: &View, r: usize, c: usize, floor: f64, scratch: &mut Scratch) -> f64 {
    scratch.column.clear();
    scratch.column.extend(
        (0..view.books.len())
            .filter(|&o| o != r)
            .map(|o| 1.0 / view.price(o, c)),
    );
    -robust_z_in(1.0 / view.price(r, c), &mut scratch.column, floor)
}
