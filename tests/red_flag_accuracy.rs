//! Precision and recall of each red flag on labelled batches of lines, one
//! row of the table at the end of this file per batch.
//!
//! The first batch, `fixtures/red-flags/lines.yaml` (249 lines, 128 of them
//! near misses such as negations, reductions and other people's behaviour;
//! real lines from two public engineering blogs and lines written for the
//! set, each labelled by a person who did not see promolint's output; sources
//! and licences in its header), is development data: the patterns were
//! written and committed before the set was read, then tuned while reading it
//! (issue 16), so its figures flatter them. Each later batch was held out
//! from one session's tuning, labelled by two readers working separately,
//! and scored once when fresh; a later session then read it while it tuned,
//! so every batch below is development data now. Session 5 studied this set
//! and session 4's held-out batch while it replaced phrase lists by sentence
//! shapes (`src/analysis/shapes.rs`: a time off work where someone works, a
//! party and its fault, a vague amount of an abstract thing); session 6
//! studied all three sets, session 5's batch included, while it added word
//! classes and sentence shapes (`src/analysis/blame.rs`,
//! `src/analysis/smells.rs`). None says any longer how well the detector
//! carries to new writers; only a batch labelled by other readers and never
//! read by whoever tunes the detector does.
//!
//! Each line is one list item of a packet, checked against the built-in
//! socialbakers/L4 (whose ladder lists "Crunch time in the team", reported as
//! `red-flag` `crunch-time`) for `crunch-time`, and against generic/senior (no
//! ladder red flags) for the common flags, so that each label is scored
//! against the code that reports it. The sets' `overwork` and `heroics` are
//! both promolint's `overwork` ("Overwork or heroics"): its precision counts
//! a line of either label as right, and the recall of each is printed. A
//! held-out batch is scored on the lines where its two readers give the same
//! flags. Each row prints, beside today's figures, main's before the tuning
//! the batch was first scored against, and fails when a flag falls below its
//! floor; misses and false alarms are printed.
//!
//! `cargo test --release --test red_flag_accuracy -- --nocapture` prints the tables.

#![allow(clippy::disallowed_macros, clippy::print_stdout)]

#[path = "support/red_flag_lines.rs"]
mod red_flag_lines;

use std::collections::BTreeSet;

use red_flag_lines::{Line, agreed, findings, read_set};

/// A labelled batch: one row of the table, one test.
struct Batch {
    /// Where its lines are.
    lines: Lines,
    /// Per flag of [`FLAGS`], in its order: (precision, recall) of main
    /// before the tuning, on the same lines, printed beside today's.
    before: [(f64, f64); 7],
    /// Per flag of [`FLAGS`], in its order: the (precision, recall) below
    /// which the test fails.
    floors: [(f64, f64); 7],
    /// The fewest lines each flag must have labelled (0: not checked).
    min_labelled: usize,
}

/// Where a batch's lines are, and how many it must have.
enum Lines {
    /// All the lines of `fixtures/red-flags/FILE`: at least `min`, about
    /// half of them near misses. Printed with the recall of each of the
    /// labels behind `overwork` and the near misses that get a flag, the
    /// misses listed after the table.
    Labelled { file: &'static str, min: usize },
    /// A held-out batch in `fixtures/red-flags/DIR/`: the lines on which its
    /// two readers (`reader-1.yaml`, `reader-2.yaml`, same lines in the same
    /// order) give the same flags, at least `min`; each flag's misses listed
    /// under its row.
    Agreed { dir: &'static str, min: usize },
}

/// One row of a batch's table: a flag, scored on the run that reports it.
struct Flag {
    /// The row's name.
    name: &'static str,
    /// The labels that count as right.
    labels: &'static [&'static str],
    /// The finding that predicts them: "code" or "red-flag:ID".
    code: &'static str,
    /// Scored on the socialbakers/L4 run, not generic/senior.
    on_l4: bool,
}

/// The rows of every batch's table, in the order of its `before` and `floors`.
const FLAGS: [Flag; 7] = [
    Flag {
        name: "overwork (overwork or heroics)",
        labels: &["overwork", "heroics"],
        code: "overwork",
        on_l4: false,
    },
    Flag {
        name: "overwork on L4 (crunch apart)",
        labels: &["overwork", "heroics"],
        code: "overwork",
        on_l4: true,
    },
    Flag { name: "blaming-others (blame)", labels: &["blame"], code: "blaming-others", on_l4: false },
    Flag {
        name: "crunch-time (L4 ladder)",
        labels: &["crunch-time"],
        code: "red-flag:crunch-time",
        on_l4: true,
    },
    Flag { name: "vague-claim", labels: &["vague-claim"], code: "vague-claim", on_l4: false },
    Flag { name: "placeholder-text", labels: &["placeholder-text"], code: "placeholder-text", on_l4: false },
    Flag { name: "hedging", labels: &["hedging"], code: "hedging", on_l4: false },
];

impl Lines {
    /// The lines to score, after checking there are enough.
    fn read(&self) -> Vec<Line> {
        match *self {
            Lines::Labelled { file, min } => {
                let lines = read_set(file);
                assert!(lines.len() >= min, "the set has {} lines", lines.len());
                let near = lines.iter().filter(|l| l.near_miss).count();
                assert!(near * 2 >= lines.len() - 2, "about half are near misses ({near})");
                lines
            }
            Lines::Agreed { dir, min } => agreed(dir, min),
        }
    }
}

#[derive(Debug, Default, Clone, Copy)]
struct Score {
    labelled: usize,
    predicted: usize,
    right: usize,
}

impl Score {
    /// The score of `flag` on `lines` given the findings of its run, and
    /// its misses ("NAME: missed: TEXT" or "NAME: false alarm: TEXT").
    fn of(lines: &[Line], run: &[BTreeSet<String>], flag: &Flag) -> (Score, Vec<String>) {
        let mut s = Score::default();
        let mut misses = Vec::new();
        for (line, found) in lines.iter().zip(run) {
            let labelled = line.flags.iter().any(|f| flag.labels.contains(&f.as_str()));
            let predicted = found.contains(flag.code);
            s.labelled += usize::from(labelled);
            s.predicted += usize::from(predicted);
            s.right += usize::from(labelled && predicted);
            if labelled != predicted {
                let what = if labelled { "missed" } else { "false alarm" };
                misses.push(format!("{}: {what}: {}", flag.name, line.text));
            }
        }
        (s, misses)
    }

    fn precision(&self) -> f64 {
        if self.predicted == 0 { 1.0 } else { self.right as f64 / self.predicted as f64 }
    }
    fn recall(&self) -> f64 {
        if self.labelled == 0 { 1.0 } else { self.right as f64 / self.labelled as f64 }
    }
}

/// Scores a batch: prints its table (today's figures beside `before`) and
/// its misses, and fails where a flag falls below its floor or has fewer
/// labelled lines than the batch asks.
fn score(batch: &Batch) {
    let lines = batch.lines.read();
    let common = findings(&lines, "generic", "senior");
    let l4 = findings(&lines, "socialbakers", "L4");
    let misses_last = matches!(batch.lines, Lines::Labelled { .. });
    println!(
        "{:<34} {:>8} {:>9} {:>6} {:>9} {:>7}   {:>11} {:>11}",
        "flag", "labelled", "predicted", "right", "precision", "recall", "main prec.", "main recall"
    );
    let (mut misses, mut failures) = (Vec::new(), Vec::new());
    for ((flag, (was_p, was_r)), (p, r)) in FLAGS.iter().zip(batch.before).zip(batch.floors) {
        let (s, flag_misses) = Score::of(&lines, if flag.on_l4 { &l4 } else { &common }, flag);
        println!(
            "{:<34} {:>8} {:>9} {:>6} {:>9.2} {:>7.2}   {was_p:>11.2} {was_r:>11.2}",
            flag.name,
            s.labelled,
            s.predicted,
            s.right,
            s.precision(),
            s.recall()
        );
        if misses_last {
            misses.extend(flag_misses);
        } else {
            flag_misses.iter().for_each(|m| println!("  {m}"));
        }
        let name = flag.name;
        if s.labelled < batch.min_labelled {
            failures.push(format!("{name}: only {} labelled lines", s.labelled));
        }
        if s.precision() < p {
            failures.push(format!("{name}: precision {:.2} below {p}", s.precision()));
        }
        if s.recall() < r {
            failures.push(format!("{name}: recall {:.2} below {r}", s.recall()));
        }
    }
    if misses_last {
        print_summary(&lines, &common, &l4);
        misses.iter().for_each(|m| println!("  {m}"));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The recall of each of the labels behind promolint's one `overwork`, and
/// the near misses (lines with a flag's words but not the flag) that get a
/// flag anyway.
fn print_summary(lines: &[Line], common: &[BTreeSet<String>], l4: &[BTreeSet<String>]) {
    for label in ["overwork", "heroics"] {
        let labelled: Vec<usize> =
            (0..lines.len()).filter(|&i| lines[i].flags.iter().any(|f| f == label)).collect();
        let found = labelled.iter().filter(|&&i| common[i].contains("overwork")).count();
        println!(
            "  recall of label `{label}`: {found}/{} = {:.2}",
            labelled.len(),
            found as f64 / labelled.len() as f64
        );
    }
    let near_alarms = lines
        .iter()
        .zip(common.iter().zip(l4))
        .filter(|(l, (c, f))| {
            l.near_miss && l.flags.is_empty() && (!c.is_empty() || f.contains("red-flag:crunch-time"))
        })
        .count();
    println!(
        "near misses without a flag that get one anyway: {near_alarms} of {}",
        lines.iter().filter(|l| l.near_miss && l.flags.is_empty()).count()
    );
}

/// One test per batch: `TEST: Batch { .. };`, the batch's doc comment on it.
macro_rules! batches {
    ($($(#[$doc:meta])* $test:ident: $batch:expr;)*) => {
        $($(#[$doc])* #[test] fn $test() { score(&$batch); })*
    };
}

// Columns of `before` and `floors`, as in FLAGS: overwork, overwork on L4,
// blaming-others, crunch-time, vague-claim, placeholder-text, hedging.
batches! {
    /// The development set, `fixtures/red-flags/lines.yaml` (see the top).
    precision_and_recall_per_flag: Batch {
        lines: Lines::Labelled { file: "lines.yaml", min: 150 },
        // Main at 576c135, before tuning on this set.
        before: [(0.77, 0.97), (0.94, 0.94), (0.94, 1.00), (0.74, 1.00), (0.85, 0.63), (1.00, 0.60), (0.93, 0.76)],
        // Just under the figures on this development set (the issue asks
        // 0.85 everywhere): a change that makes a flag worse here fails.
        floors: [(0.96, 0.99), (0.96, 0.96), (0.99, 0.99), (0.99, 0.99), (0.89, 0.95), (0.99, 0.92), (0.99, 0.99)],
        min_labelled: 0,
    };
    /// Session 4's held-out set, `fixtures/red-flags/held-out/` (204 lines: 72
    /// quoted from the Rust, Go and Homebrew blogs, 132 written; 95 near
    /// misses; sources and licences in its SOURCES.md), labelled by two readers
    /// working separately. It was held out from session 4's tuning, scored once
    /// (overwork 0.90 / 0.31, blame 0.80 / 0.31, crunch-time 0.67 / 0.14), and
    /// then read by session 5 while it tuned: it is development data now, and
    /// its figures flatter the detector like the first set's.
    held_out_precision_and_recall_per_flag: Batch {
        lines: Lines::Agreed { dir: "held-out", min: 180 },
        // Main before the session-4 tuning (commit 229a389), on the same lines.
        before: [(0.62, 0.28), (0.80, 0.28), (0.80, 0.31), (0.50, 0.14), (0.80, 0.42), (0.64, 0.58), (1.00, 0.58)],
        // Just under session 5's figures on these lines, which it studied,
        // and session 6's (overwork 1.00 / 0.97, blame 1.00 / 1.00,
        // crunch-time 1.00 / 1.00, vague-claim 0.90 / 0.95, placeholder-text
        // 0.92 / 1.00, hedging 1.00 / 1.00): a change that makes a flag worse
        // here fails.
        floors: [(0.99, 0.96), (0.99, 0.92), (0.99, 0.99), (0.99, 0.99), (0.89, 0.94), (0.91, 0.99), (0.99, 0.99)],
        min_labelled: 10,
    };
    /// The session-5 held-out batch, `fixtures/red-flags/held-out-5/` (220
    /// lines: 69 quoted from Kubeflow's release retrospectives, the Open Source
    /// Guides and the Scientific Python blog, 151 written; 94 near misses;
    /// sources and licences in its SOURCES.md). One reader wrote and labelled
    /// it, a second labelled it separately; neither saw promolint's output, and
    /// no one tuning the red flags saw it. Scored once before that session's
    /// changes and once after. Session 6 then read every miss on it while it
    /// generalised the red flags, so it is development data now and its
    /// figures flatter the detector.
    held_out_session_5_precision_and_recall_per_flag: Batch {
        lines: Lines::Agreed { dir: "held-out-5", min: 190 },
        // Main at the start of session 5 (commit 2bb1924), on the same lines.
        before: [(1.00, 0.26), (1.00, 0.22), (1.00, 0.20), (0.25, 0.08), (0.60, 0.17), (0.88, 0.47), (1.00, 0.36)],
        // Just under the figures after session 6, which studied it (overwork
        // 1.00 / 1.00, blame 1.00 / 0.87, crunch-time 1.00 / 1.00,
        // vague-claim 0.85 / 0.94, placeholder-text 1.00 / 1.00, hedging
        // 1.00 / 1.00); measured once when fresh, after session 5: overwork
        // 1.00 / 0.52, blame 1.00 / 0.40, crunch-time 0.71 / 0.38,
        // vague-claim 0.78 / 0.39, placeholder-text 1.00 / 0.67, hedging
        // 1.00 / 0.36.
        floors: [(0.99, 0.99), (0.99, 0.99), (0.99, 0.85), (0.99, 0.99), (0.84, 0.93), (0.99, 0.99), (0.99, 0.99)],
        min_labelled: 10,
    };
    /// The session-6 held-out batch, `fixtures/red-flags/held-out-6/` (209
    /// lines; the collector's 213 less four that are also in the session-5
    /// batch, which tuning has seen: 60 quoted from mybinder.org's incident
    /// reports, the Open Source Guides and Jake Worth's blog, 153 written; 103
    /// near misses by the first reader; sources and licences in its
    /// SOURCES.md). One reader wrote and labelled it, a second labelled it
    /// separately; neither saw promolint's output, and no one tuning the red
    /// flags saw it. Scored once on main before that session's changes.
    held_out_session_6_precision_and_recall_per_flag: Batch {
        lines: Lines::Agreed { dir: "held-out-6", min: 185 },
        // Main at the start of session 6 (commit f0584ac), on the same
        // lines: the batch's first scoring.
        before: [(0.69, 0.29), (0.69, 0.29), (1.00, 0.13), (0.67, 0.12), (0.60, 0.19), (0.80, 0.27), (1.00, 0.11)],
        // Just under the figures scored once after that session's red-flag
        // changes (overwork 0.75 / 0.48, blame 1.00 / 0.20, crunch-time
        // 0.83 / 0.31, vague-claim 0.75 / 0.38, placeholder-text 0.90 / 0.60,
        // hedging 0.50 / 0.22): recall on new writers roughly doubled again
        // and is still far below the 0.85 the issue asks.
        floors: [(0.70, 0.45), (0.70, 0.45), (0.95, 0.18), (0.80, 0.28), (0.70, 0.35), (0.85, 0.55), (0.45, 0.20)],
        // The readers agree on `hedging` on only 9 lines (the first
        // labelled 18, the second 11), so this batch asks 9, not 10.
        min_labelled: 9,
    };
    /// The session-8 held-out batch, `fixtures/red-flags/held-out-8/` (189
    /// lines: 61 quoted from four permissively licensed repositories, 128
    /// written; about half near misses; sources and licences in its
    /// SOURCES.md), collected by one helper and labelled by two more, each
    /// briefed separately; no one saw promolint's output on it. Sealed until
    /// session 9, which scored it once, patterns alone here and with the
    /// meaning models written down first (`docs/mapping.md`, "Session 9") in
    /// `tests/red_flag_meaning.rs`. Development data from then on.
    held_out_session_8_precision_and_recall_per_flag: Batch {
        lines: Lines::Agreed { dir: "held-out-8", min: 180 },
        // Main at f6eba69 (the patterns as they are), on the same lines: the batch's first scoring.
        before: [(0.48, 0.62), (0.52, 0.62), (1.00, 0.50), (0.60, 0.60), (0.63, 0.75), (0.80, 1.00), (0.77, 1.00)],
        // Just under those figures: precision below 0.85 on five flags.
        floors: [(0.46, 0.60), (0.50, 0.60), (0.98, 0.48), (0.58, 0.58), (0.61, 0.73), (0.78, 0.98), (0.75, 0.98)],
        min_labelled: 10,
    };
    /// The session-9 held-out batch, `fixtures/red-flags/held-out-9/` (185
    /// lines: 59 quoted from nine permissively licensed repositories, 126
    /// written; sources and licences in its SOURCES.md), collected and
    /// labelled by one helper and labelled again by a second, briefed
    /// separately (the same flags on every line); no one saw promolint's
    /// output on it. Sealed until session 10, which scored it once, after
    /// its red-flag change was written down and committed (`docs/mapping.md`,
    /// "Session 10"). Development data from then on.
    held_out_session_9_precision_and_recall_per_flag: Batch {
        lines: Lines::Agreed { dir: "held-out-9", min: 180 },
        // Main at 2cc56a6, before session 10's change, on the same lines.
        before: [(0.61, 0.70), (0.61, 0.70), (0.75, 0.20), (0.78, 0.50), (0.63, 0.80), (0.76, 1.00), (1.00, 0.69)],
        // Just under the figures of the batch's one scoring after the change
        // (overwork 0.63 / 0.70, blame 0.80 / 0.27, crunch-time 0.80 / 0.57,
        // vague-claim 0.61 / 0.73, placeholder-text 0.81 / 1.00, hedging
        // 1.00 / 0.75): the gains on the batches it was written from carried
        // over only a little, and vague-claim lost a line.
        floors: [(0.61, 0.68), (0.61, 0.68), (0.78, 0.25), (0.78, 0.55), (0.59, 0.71), (0.79, 0.98), (0.98, 0.73)],
        min_labelled: 10,
    };
    /// The session-10 held-out batch, `fixtures/red-flags/held-out-10/` (209
    /// lines: 81 quoted from seven permissively licensed repositories, 128
    /// written, 112 near misses; sources and licences in its SOURCES.md),
    /// collected and labelled by one helper and labelled again by a second,
    /// briefed separately (the same flags on 200 lines; κ 0.85-1.00 per
    /// flag); no one saw promolint's output on it. Labelled and sealed in
    /// session 10, which scored it once after its second red-flag change was
    /// written down and committed (`docs/mapping.md`, "Session 10, second
    /// change"). Development data from then on.
    held_out_session_10_precision_and_recall_per_flag: Batch {
        lines: Lines::Agreed { dir: "held-out-10", min: 190 },
        // Main at 2269726, before the second change, on the same lines.
        before: [(0.58, 0.62), (0.58, 0.62), (0.75, 0.25), (1.00, 0.36), (0.75, 0.50), (0.94, 0.80), (0.75, 0.75)],
        // Just under the batch's one scoring after the change (the same but
        // hedging 0.77 / 0.83): what the second pass learned from held-out-9
        // did not carry over to these writers at all.
        floors: [(0.56, 0.60), (0.56, 0.60), (0.73, 0.23), (0.98, 0.34), (0.73, 0.48), (0.92, 0.78), (0.75, 0.81)],
        min_labelled: 10,
    };
    /// The session-11 held-out batch, `fixtures/red-flags/held-out-11/` (203
    /// lines: 89 quoted from ten permissively licensed repositories, 114
    /// written, 104 near misses; sources and licences in its SOURCES.md),
    /// collected and labelled by one helper and labelled again by a second,
    /// briefed separately (the same flags on 190 lines; κ 0.84-1.00 per
    /// flag); no one saw promolint's output on it. Labelled in session 10,
    /// sealed until session 13, which scored it once after its red-flag
    /// change was written down and committed (`docs/mapping.md`, "Session
    /// 13, red flags"). Development data from then on.
    held_out_session_11_precision_and_recall_per_flag: Batch {
        lines: Lines::Agreed { dir: "held-out-11", min: 180 },
        // Main at fa143eb, before session 13's red-flag change, on the same lines.
        before: [(0.71, 0.65), (0.71, 0.65), (1.00, 0.33), (0.50, 0.18), (0.64, 0.50), (0.92, 0.67), (0.58, 0.64)],
        // The batch's one scoring after the change: overwork 0.75 / 0.68,
        // crunch-time 0.60 / 0.27, the rest unchanged (what session 13
        // learned from held-out-10 carried over by one line each on two
        // flags). Session 14 then wrote its change from this batch's misses;
        // the floors sit just under its in-sample figures (overwork 0.82 /
        // 1.00, on L4 0.81 / 0.97, blame 1.00 / 1.00, crunch-time 0.85 /
        // 1.00, vague-claim 0.73 / 0.79, placeholder-text 0.94 / 0.89,
        // hedging 0.64 / 0.82).
        floors: [(0.80, 0.98), (0.79, 0.95), (0.98, 0.98), (0.83, 0.98), (0.71, 0.77), (0.92, 0.87), (0.62, 0.80)],
        min_labelled: 10,
    };
    /// The session-14 batch, `fixtures/red-flags/held-out-14/` (208 lines:
    /// 90 quoted from ten permissively licensed repositories, 118 written,
    /// 100 near misses; sources and licences in its SOURCES.md), collected
    /// and labelled by one helper and labelled again by a second, briefed
    /// separately (the same flags on 198 lines; κ 0.89-1.00 per flag); no
    /// one saw promolint's output on it. Labelled and sealed in session 14,
    /// which scored it once after its red-flag change was written down and
    /// committed (`docs/mapping.md`, "Session 14, red flags"). Development
    /// data from then on.
    held_out_session_14_precision_and_recall_per_flag: Batch {
        lines: Lines::Agreed { dir: "held-out-14", min: 190 },
        // Main at 8c0499a, before session 14's red-flag change, on the same lines.
        before: [(0.68, 0.59), (0.67, 0.55), (1.00, 0.53), (0.70, 0.47), (0.65, 0.65), (0.92, 0.65), (0.70, 0.70)],
        // The batch's one scoring after the change: crunch-time 0.73 /
        // 0.53, the rest unchanged (of what session 14 learned from
        // held-out-11, one crunch-time line carried over to these writers).
        // Session 18 then wrote its change from this batch's misses; the
        // floors sit just under its in-sample figures (overwork 0.78 / 0.97,
        // on L4 0.77 / 0.93, blame 1.00 / 1.00, crunch-time 0.93 / 0.93,
        // vague-claim 0.71 / 0.88, placeholder-text 0.94 / 0.88, hedging
        // 0.77 / 1.00).
        floors: [(0.76, 0.95), (0.75, 0.91), (0.98, 0.98), (0.91, 0.91), (0.69, 0.86), (0.92, 0.86), (0.75, 0.98)],
        min_labelled: 10,
    };
    /// The session-15 batch, `fixtures/red-flags/held-out-15/` (204 lines:
    /// 89 quoted from four permissively licensed repositories, 115 written,
    /// 96 near misses; sources and licences in its SOURCES.md), collected
    /// and labelled by one helper and labelled again by a second, briefed
    /// separately (the same flags on 200 lines; κ 0.89-1.00 per flag); no
    /// one saw promolint's output on it. Labelled and sealed in session 15,
    /// scored once in session 18 after that session's red-flag change was
    /// written down and committed (`docs/mapping.md`, "Session 18, red
    /// flags"). Development data from then on.
    held_out_session_15_precision_and_recall_per_flag: Batch {
        lines: Lines::Agreed { dir: "held-out-15", min: 195 },
        // Main at 8178620, before session 18's red-flag change, on the same lines.
        before: [(0.76, 0.67), (0.76, 0.67), (0.80, 0.50), (1.00, 0.47), (0.81, 0.81), (1.00, 0.84), (0.87, 1.00)],
        // The batch's one scoring after the change: overwork 0.77 / 0.70 on
        // both runs, crunch-time 0.88 / 0.47, the rest unchanged (of what
        // session 18 learned from held-out-14, one overwork line carried
        // over to these writers, and "4 hours to spare" became a
        // crunch-time false alarm). Session 18's second change was then
        // written from this batch's misses; the floors sit just under its
        // in-sample figures (overwork 0.82 / 0.97 on both runs, blame 0.89
        // / 1.00, crunch-time 0.94 / 1.00, vague-claim 0.82 / 0.88,
        // placeholder-text 1.00 / 1.00, hedging 0.87 / 1.00).
        floors: [(0.80, 0.95), (0.80, 0.95), (0.87, 0.98), (0.92, 0.98), (0.80, 0.86), (0.98, 0.98), (0.85, 0.98)],
        min_labelled: 10,
    };
    /// The session-18 batch, `fixtures/red-flags/held-out-18/` (205 lines:
    /// 90 quoted from five MIT-licensed repositories, 115 written, 92 near
    /// misses; sources, licences and the collector's doubts in its
    /// SOURCES.md), collected and labelled by one helper and labelled again
    /// by a second, briefed separately (the same flags on 188 lines; κ
    /// 0.82-1.00 per flag); no one saw promolint's output on it. Labelled,
    /// sealed and scored once in session 18, after that session's second
    /// red-flag change was written down and committed (`docs/mapping.md`,
    /// "Session 18, second red-flag change"). Development data from then on.
    held_out_session_18_precision_and_recall_per_flag: Batch {
        lines: Lines::Agreed { dir: "held-out-18", min: 180 },
        // Main at 9d69c20, before session 18's second red-flag change, on the same lines.
        before: [(0.89, 0.52), (0.89, 0.52), (0.91, 0.67), (0.83, 0.42), (0.60, 0.18), (0.92, 0.52), (1.00, 0.78)],
        // The batch's one scoring after the change: crunch-time 0.86 /
        // 0.50, vague-claim 0.67 / 0.24, placeholder-text 0.93 / 0.57, the
        // rest unchanged (of what session 18 learned from held-out-15, one
        // line each on three flags carried over). Session 18's third change
        // was then written from this batch's misses; the floors sit just
        // under its in-sample figures (overwork 0.93 / 0.79, on L4 0.92 /
        // 0.73, blame 0.92 / 0.80, crunch-time 0.92 / 1.00, vague-claim 0.80
        // / 0.47, placeholder-text 0.96 / 1.00, hedging 1.00 / 1.00).
        floors: [(0.91, 0.77), (0.90, 0.71), (0.90, 0.78), (0.90, 0.98), (0.78, 0.45), (0.94, 0.98), (0.98, 0.98)],
        min_labelled: 8,
    };
    /// The second session-18 batch, `fixtures/red-flags/held-out-18b/` (209
    /// lines: 90 quoted from six MIT-licensed repositories, most of them one
    /// person's own blog posts and postmortems, 119 written, 91 near misses;
    /// sources, licences and the collector's doubts in its SOURCES.md),
    /// collected and labelled by one helper and labelled again by a second,
    /// briefed separately (the same flags on 191 lines; κ 0.75-1.00 per
    /// flag); no one saw promolint's output on it. Labelled, sealed and
    /// scored once in session 18, after that session's third red-flag
    /// change was written down and committed (`docs/mapping.md`, "Session
    /// 18, third red-flag change"). Development data from then on.
    held_out_session_18b_precision_and_recall_per_flag: Batch {
        lines: Lines::Agreed { dir: "held-out-18b", min: 185 },
        // Main at 28077a9, before session 18's third red-flag change, on the same lines.
        before: [(0.88, 0.58), (0.88, 0.58), (0.57, 0.36), (0.62, 0.50), (0.88, 0.70), (0.80, 0.62), (0.82, 0.64)],
        // Just under the batch's one scoring after the change, which moved
        // nothing: of what session 18 learned from held-out-18 (crunch-time
        // recall 0.50 -> 1.00 there), no line carried over.
        floors: [(0.86, 0.56), (0.86, 0.56), (0.55, 0.34), (0.60, 0.48), (0.86, 0.68), (0.78, 0.60), (0.80, 0.62)],
        min_labelled: 10,
    };
}
