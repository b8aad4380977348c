//! The meaning models of the common red flags (`data/red-flags/meaning.json`,
//! read by `src/analysis/meaning.rs`): fitted here, and the shipped file must
//! be this fit. `FIT=write cargo test --release --test red_flag_meaning`
//! rewrites it; `-- --nocapture` prints the table that decides which flags
//! get a model, and the figures with the models in use
//! (`check --red-flags-by-meaning`; off by default) on the batch held out in
//! session 8.
//!
//! Data: the development lines of `fixtures/red-flags/` (`lines.yaml`, and
//! the lines both readers agree on in `held-out/`, `held-out-5/` and
//! `held-out-6/`); a sealed batch takes no part. Each line is embedded as
//! its list item's claim reads ([`StaticEmbedding::embed`]), and each flag's
//! model is an L2-regularised logistic regression on those embeddings,
//! class-balanced (the loss is ½‖w‖² + C·Σ wᵢ·log-loss, wᵢ = n / (2·nₖ) for a
//! line of class k), solved by Newton's method.
//!
//! Which flags get a model, by the rule written down before the sealed
//! session-8 batch was scored (session 9): fitted on every development line
//! but those of `held-out-6` (the batch the patterns were least tuned on),
//! a flag keeps its model only if "patterns, or the model's probability at
//! least [`CUTOFF`]" has a higher F1 on `held-out-6` than the patterns
//! alone. `C` = 10 and the cutoff 0.8 were chosen the same way, from C in
//! {0.3, 1, 10} and cutoff in {0.5, 0.8}. A kept model is then fitted on
//! every development line.

#![allow(clippy::disallowed_macros, clippy::print_stdout)] // this test reports figures

#[path = "support/red_flag_lines.rs"]
mod red_flag_lines;

use std::collections::BTreeSet;
use std::path::Path;

use promolint::analysis::meaning::{FlagWeights, MeaningFile, MeaningModel};
use promolint::analysis::semantic::StaticEmbedding;
use red_flag_lines::{Line, agreed, findings_of, item_text, read_set};

/// The common flags that may get a model: lint code and the labels it is right on.
const FLAGS: [(&str, &[&str]); 5] = [
    ("overwork", &["overwork", "heroics"]),
    ("blaming-others", &["blame"]),
    ("vague-claim", &["vague-claim"]),
    ("placeholder-text", &["placeholder-text"]),
    ("hedging", &["hedging"]),
];
/// The inverse regularisation strength.
const C: f64 = 10.0;
/// The probability at and above which a claim shows the flag.
const CUTOFF: f32 = 0.8;
/// How far a shipped weight may be from the fit.
const TOLERANCE: f32 = 1e-3;

/// The logistic regression's (bias, weights) for rows `x` with labels `y`.
fn fit(x: &[Vec<f64>], y: &[bool], c: f64) -> (f64, Vec<f64>) {
    let d = x[0].len() + 1; // the bias first
    let n = x.len() as f64;
    let positives = y.iter().filter(|&&v| v).count() as f64;
    let weight = |v: bool| if v { n / (2.0 * positives) } else { n / (2.0 * (n - positives)) };
    let row = |i: usize| std::iter::once(1.0).chain(x[i].iter().copied());
    let mut beta = vec![0.0; d];
    for _ in 0..50 {
        let mut grad: Vec<f64> =
            beta.iter().enumerate().map(|(j, b)| if j == 0 { 0.0 } else { *b }).collect();
        let mut hess = vec![0.0; d * d];
        for j in 1..d {
            hess[j * d + j] = 1.0;
        }
        for (i, &label) in y.iter().enumerate() {
            let z: f64 = row(i).zip(&beta).map(|(a, b)| a * b).sum();
            let p = 1.0 / (1.0 + (-z).exp());
            let s = c * weight(label);
            let r: Vec<f64> = row(i).collect();
            let g = s * (p - f64::from(u8::from(label)));
            let h = s * p * (1.0 - p);
            for j in 0..d {
                grad[j] += g * r[j];
                let hr = h * r[j];
                for k in j..d {
                    hess[j * d + k] += hr * r[k];
                }
            }
        }
        let step = solve(&mut hess, d, &grad);
        let largest = step.iter().fold(0.0f64, |m, s| m.max(s.abs()));
        for (b, s) in beta.iter_mut().zip(&step) {
            *b -= s;
        }
        if largest < 1e-9 {
            break;
        }
    }
    (beta[0], beta[1..].to_vec())
}

/// Solves `h · s = g` for a symmetric positive definite `h` (upper triangle
/// filled, `d`×`d`, row-major) by Cholesky decomposition, in place.
fn solve(h: &mut [f64], d: usize, g: &[f64]) -> Vec<f64> {
    // Lower triangle L with L·Lᵀ = h, from h's upper triangle.
    for j in 0..d {
        for k in 0..j {
            h[j * d + k] = h[k * d + j];
        }
    }
    for j in 0..d {
        let mut sum = h[j * d + j];
        for k in 0..j {
            sum -= h[j * d + k] * h[j * d + k];
        }
        let diag = sum.max(1e-12).sqrt();
        h[j * d + j] = diag;
        for i in j + 1..d {
            let mut s = h[i * d + j];
            for k in 0..j {
                s -= h[i * d + k] * h[j * d + k];
            }
            h[i * d + j] = s / diag;
        }
    }
    let mut z = vec![0.0; d];
    for i in 0..d {
        let s: f64 = (0..i).map(|k| h[i * d + k] * z[k]).sum();
        z[i] = (g[i] - s) / h[i * d + i];
    }
    let mut out = vec![0.0; d];
    for i in (0..d).rev() {
        let s: f64 = (i + 1..d).map(|k| h[k * d + i] * out[k]).sum();
        out[i] = (z[i] - s) / h[i * d + i];
    }
    out
}

/// Precision, recall and F1 of `predicted` against `truth`.
fn scores(truth: &[bool], predicted: &[bool]) -> (f64, f64, f64) {
    let tp = truth.iter().zip(predicted).filter(|(t, p)| **t && **p).count() as f64;
    let p = tp / predicted.iter().filter(|&&v| v).count().max(1) as f64;
    let r = tp / truth.iter().filter(|&&v| v).count().max(1) as f64;
    (p, r, if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 })
}

fn embed(lines: &[Line]) -> Vec<Vec<f64>> {
    let table = StaticEmbedding::builtin();
    lines.iter().map(|l| table.embed(&item_text(l)).into_iter().map(f64::from).collect()).collect()
}

fn labelled(lines: &[Line], labels: &[&str]) -> Vec<bool> {
    lines.iter().map(|l| l.flags.iter().any(|f| labels.contains(&f.as_str()))).collect()
}

/// The models this test fits, as the file ships them.
fn fitted() -> MeaningFile {
    let mut rest = read_set("lines.yaml");
    rest.extend(agreed("held-out", 150));
    rest.extend(agreed("held-out-5", 150));
    let check = agreed("held-out-6", 150);
    let (x_rest, x_check) = (embed(&rest), embed(&check));
    // Every development line, embedded once: what a kept model is fitted on.
    let all: Vec<Line> = rest.iter().chain(&check).cloned().collect();
    let x_all: Vec<Vec<f64>> = x_rest.iter().chain(&x_check).cloned().collect();
    let patterns: Vec<BTreeSet<String>> = findings_of(&check, "generic", "senior", false);
    let mut flags = Vec::new();
    println!(
        "{:<18} {:>22} {:>22}  model",
        "flag on held-out-6", "patterns P / R / F1", "+ meaning P / R / F1"
    );
    for (code, labels) in FLAGS {
        let truth = labelled(&check, labels);
        let by_patterns: Vec<bool> = patterns.iter().map(|f| f.contains(code)).collect();
        let (bias, w) = fit(&x_rest, &labelled(&rest, labels), C);
        let combined: Vec<bool> = by_patterns
            .iter()
            .zip(&x_check)
            .map(|(p, x)| {
                let z = bias + w.iter().zip(x).map(|(a, b)| a * b).sum::<f64>();
                *p || 1.0 / (1.0 + (-z).exp()) >= f64::from(CUTOFF)
            })
            .collect();
        let (before, after) = (scores(&truth, &by_patterns), scores(&truth, &combined));
        let keep = after.2 > before.2;
        println!(
            "{code:<18} {:>6.2} / {:.2} / {:.2} {:>8.2} / {:.2} / {:.2}  {}",
            before.0,
            before.1,
            before.2,
            after.0,
            after.1,
            after.2,
            if keep { "kept" } else { "none" }
        );
        if keep {
            let (bias, w) = fit(&x_all, &labelled(&all, labels), C);
            let round = |v: f64| ((v * 1e5).round() / 1e5) as f32;
            flags.push(FlagWeights {
                code: code.to_owned(),
                bias: round(bias),
                weights: w.into_iter().map(round).collect(),
            });
        }
    }
    MeaningFile {
        about: "Fitted by tests/red_flag_meaning.rs on the development lines of fixtures/red-flags/ \
                (FIT=write cargo test --release --test red_flag_meaning rewrites this file)."
            .to_owned(),
        cutoff: CUTOFF,
        c: C,
        flags,
    }
}

#[test]
fn the_shipped_meaning_models_are_the_fit_on_the_development_lines() {
    let fit = fitted();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/red-flags/meaning.json");
    if std::env::var("FIT").as_deref() == Ok("write") {
        let text = serde_json::to_string_pretty(&fit).expect("serialises") + "\n";
        std::fs::write(&path, text).expect("writes the models");
    }
    let shipped: MeaningFile =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("readable")).expect("parses");
    assert!(MeaningModel::new(&shipped, StaticEmbedding::builtin().dims()).is_ok());
    assert_eq!((shipped.cutoff, shipped.c), (fit.cutoff, fit.c));
    let codes = |f: &MeaningFile| f.flags.iter().map(|f| f.code.clone()).collect::<Vec<_>>();
    assert_eq!(codes(&shipped), codes(&fit), "the flags that have a model (FIT=write refits)");
    for (s, f) in shipped.flags.iter().zip(&fit.flags) {
        let off = std::iter::once((s.bias, f.bias))
            .chain(s.weights.iter().copied().zip(f.weights.iter().copied()))
            .fold(0.0f32, |m, (a, b)| m.max((a - b).abs()));
        assert!(off <= TOLERANCE, "`{}`: a shipped weight is {off} from the fit (FIT=write refits)", s.code);
    }
}

/// What a candidate sees with `--red-flags-by-meaning`: a claim whose words
/// no overwork pattern names is flagged by meaning, on the whole claim, with
/// a note that says how it was found; a claim the patterns flag keeps the
/// pattern's span and no note; a plain, specific claim gets no red flag.
/// Without the option (the default) only the patterns' finding is there.
#[test]
fn a_claim_the_patterns_miss_is_flagged_by_meaning_with_a_note() {
    let dir = tempfile::tempdir().expect("temp dir");
    let packet = "---\nladder: generic\ntarget: senior\n---\n## Work\n\
        - Was a strong voice in shaping the team's direction this year.\n\
        - Worked through the weekend to ship the billing migration.\n\
        - Implemented retries for the payment webhook (PR #812), cutting failed charges by 40%.\n";
    std::fs::write(dir.path().join("p.md"), packet).expect("write");
    let run = |extra: &[&str]| -> Vec<serde_json::Value> {
        let out = assert_cmd::Command::cargo_bin("promolint")
            .expect("binary")
            .current_dir(dir.path())
            .args(["check", "p.md", "--format", "json"])
            .args(extra)
            .output()
            .expect("runs");
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        let all = v["packets"][0]["diagnostics"].as_array().expect("diagnostics").clone();
        all.into_iter().filter(|d| d["kind"] == "behaviour" || d["kind"] == "writing").collect()
    };
    let default: Vec<u64> = run(&[]).iter().map(|d| d["line"].as_u64().unwrap()).collect();
    assert_eq!(default, [7], "patterns alone by default");
    let flags = run(&["--red-flags-by-meaning"]);
    let on = |line: u64| flags.iter().filter(|d| d["line"] == line).collect::<Vec<_>>();
    let noted = |d: &serde_json::Value| {
        d["notes"]
            .as_array()
            .is_some_and(|n| n.iter().any(|n| n.as_str().unwrap_or("").starts_with("found by meaning")))
    };
    let by_meaning = on(6);
    assert_eq!(by_meaning.len(), 1, "{by_meaning:?}");
    assert_eq!(by_meaning[0]["code"], "vague-claim");
    assert!(noted(by_meaning[0]), "{}", by_meaning[0]);
    // The whole claim: from its first word to its last.
    assert_eq!((by_meaning[0]["column"].as_u64(), by_meaning[0]["end_column"].as_u64()), (Some(3), Some(63)));
    let by_pattern = on(7);
    assert_eq!(by_pattern.len(), 1, "{by_pattern:?}");
    assert_eq!(by_pattern[0]["code"], "overwork");
    assert!(!noted(by_pattern[0]), "{}", by_pattern[0]);
    assert!(on(8).is_empty(), "{:?}", on(8));
}

/// A flag's code, the labels it is right on, and its precision and recall
/// measured once with meaning and with the patterns alone.
type Measured = (&'static str, &'static [&'static str], (f64, f64), (f64, f64));

/// The batch held out in session 8 (`fixtures/red-flags/held-out-8/`),
/// scored once in session 9 with the models in use, after they were written
/// down: the figures of the flags that have a model, beside the patterns
/// alone (`tests/red_flag_accuracy.rs`). Fails when one falls more than 0.02
/// below what was measured then.
#[test]
fn held_out_session_8_with_meaning() {
    let lines = agreed("held-out-8", 180);
    let found = findings_of(&lines, "generic", "senior", true);
    // (code, labels, precision and recall measured once, the patterns alone then).
    let rows: [Measured; 3] = [
        ("overwork", &["overwork", "heroics"], (0.46, 0.76), (0.48, 0.62)),
        ("blaming-others", &["blame"], (0.86, 0.50), (1.00, 0.50)),
        ("vague-claim", &["vague-claim"], (0.60, 0.94), (0.63, 0.75)),
    ];
    let mut failures = Vec::new();
    for (code, labels, measured, alone) in rows {
        let truth = labelled(&lines, labels);
        let predicted: Vec<bool> = found.iter().map(|f| f.contains(code)).collect();
        let (p, r, _) = scores(&truth, &predicted);
        println!("{code:<16} with meaning {p:.2} / {r:.2}   patterns alone {:.2} / {:.2}", alone.0, alone.1);
        if p < measured.0 - 0.02 || r < measured.1 - 0.02 {
            failures
                .push(format!("{code}: {p:.2} / {r:.2} fell below {:.2} / {:.2}", measured.0, measured.1));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
