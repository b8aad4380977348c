//! Fitting the mapping weights: logistic regression over the signals, as
//! multiple-instance learning (a label says whether a *packet* addresses an
//! expectation; the instance that carries it is the packet's best-scoring
//! claim for that expectation, chosen again after each fit).

use promolint::analysis::score::{self, Signals};
use promolint::rules::vocabulary::{MappingFile, Weights};

const N: usize = promolint::rules::vocabulary::N_SIGNALS;
/// L2 penalty on the weights (not the intercept).
const RIDGE: f64 = 0.05;
/// Rounds of "pick the best claim, refit".
const ROUNDS: usize = 4;

/// One training row: every claim's signals for the expectation, and whether
/// the packet addresses it.
pub(crate) struct Bag<'a> {
    pub(crate) claims: Vec<&'a Signals>,
    pub(crate) addressed: bool,
}

/// Which signals a fit may use (an ablation zeroes the rest).
pub(crate) type Mask = [bool; N];

pub(crate) const ALL: Mask = [true; N];

fn masked(s: &Signals, mask: &Mask) -> [f64; N] {
    let a = s.to_array();
    std::array::from_fn(|i| if mask[i] { f64::from(a[i]) } else { 0.0 })
}

/// Fits weights on `bags`, starting from `start`, using only the signals in `mask`.
pub(crate) fn fit(bags: &[Bag<'_>], start: &MappingFile, mask: &Mask) -> MappingFile {
    let mut model = start.clone();
    let mut w = model.weights.to_array();
    for (i, m) in mask.iter().enumerate() {
        if !m {
            w[i] = 0.0;
        }
    }
    model.weights = Weights::from_array(w);
    for _ in 0..ROUNDS {
        let instances: Vec<([f64; N], bool)> = bags
            .iter()
            .filter_map(|bag| {
                let best = bag
                    .claims
                    .iter()
                    .max_by(|a, b| score::score(&model, a).total_cmp(&score::score(&model, b)))?;
                Some((masked(best, mask), bag.addressed))
            })
            .collect();
        let (intercept, weights) = newton(&instances);
        model.intercept = intercept as f32;
        model.weights = Weights::from_array(std::array::from_fn(|i| weights[i] as f32));
    }
    model
}

/// Logistic regression by Newton's method; returns (intercept, weights).
fn newton(rows: &[([f64; N], bool)]) -> (f64, [f64; N]) {
    const M: usize = N + 1;
    let mut beta = [0.0f64; M];
    for _ in 0..25 {
        let mut grad = [0.0f64; M];
        let mut hess = [[0.0f64; M]; M];
        for (x, y) in rows {
            let xi: [f64; M] = std::array::from_fn(|i| if i == 0 { 1.0 } else { x[i - 1] });
            let z: f64 = xi.iter().zip(&beta).map(|(a, b)| a * b).sum();
            let p = 1.0 / (1.0 + (-z).exp());
            let r = p - f64::from(u8::from(*y));
            for i in 0..M {
                grad[i] += r * xi[i];
                for j in 0..M {
                    hess[i][j] += p * (1.0 - p) * xi[i] * xi[j];
                }
            }
        }
        for i in 1..M {
            grad[i] += RIDGE * beta[i];
            hess[i][i] += RIDGE;
        }
        hess[0][0] += 1e-6;
        let step = solve(hess, grad);
        let mut moved = 0.0;
        for i in 0..M {
            beta[i] -= step[i];
            moved += step[i].abs();
        }
        if moved < 1e-7 {
            break;
        }
    }
    (beta[0], std::array::from_fn(|i| beta[i + 1]))
}

/// Solves `a x = b` by Gaussian elimination with partial pivoting.
fn solve<const M: usize>(mut a: [[f64; M]; M], mut b: [f64; M]) -> [f64; M] {
    for col in 0..M {
        let pivot = (col..M).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs())).unwrap_or(col);
        a.swap(col, pivot);
        b.swap(col, pivot);
        let d = a[col][col];
        if d.abs() < 1e-12 {
            continue;
        }
        for row in col + 1..M {
            let f = a[row][col] / d;
            let pivot_row = a[col];
            for (cell, p) in a[row].iter_mut().zip(pivot_row).skip(col) {
                *cell -= f * p;
            }
            b[row] -= f * b[col];
        }
    }
    let mut x = [0.0; M];
    for col in (0..M).rev() {
        let s: f64 = (col + 1..M).map(|k| a[col][k] * x[k]).sum();
        x[col] = if a[col][col].abs() < 1e-12 { 0.0 } else { (b[col] - s) / a[col][col] };
    }
    x
}
