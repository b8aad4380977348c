//! How well promolint reads claim scope, against two readers.
//!
//! Data: `fixtures/scope-labels/reader-a/` and `reader-b/`, one file per
//! document of `fixtures/corpus/A-filled/` (34 real documents by outside
//! authors: 12 of the design set, 7 held out in session 4, 7 in session 5,
//! 8 in session 6), `labels: {line: scope}` for every claim listed in
//! `fixtures/scope-labels/claims.md`, each value one of `own`, `team`,
//! `cross-team`, `organisation`, `company` or `unknown`. The two readers were
//! briefed separately with `fixtures/scope-labels/GUIDE.md` and did not see
//! each other's labels or promolint's output. The scope words
//! (`rules/scope.yaml`) and the levels' `scope:` were written and committed
//! before any label was read; nothing is fitted on the labels (no weight,
//! ranked cue or cutoff), so there is nothing to leave out per document.
//!
//! ALL 26 DOCUMENTS ARE DEVELOPMENT DATA NOW. The words and the reading
//! rules were revised by hand after reading promolint's errors: on the 12
//! design documents (issue 15), on those and the session-4 batch (session
//! 5), and on all 26 (session 6: claims that tell no work, a question, an
//! opinion, advice to the reader, thanks, are `unknown` whatever their words;
//! `scope-below-level` fires only on scopes read from words; `community` and
//! industry bodies as company; learning words as own-work). Every figure
//! below is contaminated by those revisions; each is printed beside the
//! figure of main before session 6 (f0584ac) on the same rows, and a fresh
//! held-out set (new documents, new readers) scores the method blind.
//!
//! Each document is read as a packet by prepending promolint front matter (4
//! lines) to it unchanged, so a label's line is the claim's first line minus 4.
//!
//! Printed (`cargo test --release --test scope_accuracy -- --nocapture`;
//! `SCOPE_ERRORS=1` lists the disagreements, `=all` every agreed line, `=tsv`
//! every claim and every possible lint as tab-separated rows for study):
//!
//! - **κ**: Cohen's kappa between the readers over every line both labelled,
//!   six classes (the five scale values and `unknown`).
//! - **claim-scope accuracy**: on the lines where the readers agree, the share
//!   where promolint's scope equals theirs (`unknown` is a class like the
//!   others). Also: the same on agreed lines whose label is not `unknown`.
//! - **`scope-below-level` precision and recall**: every document is checked
//!   against each of the five built-in levels. A fired lint is *scored* when
//!   every claim that covers its expectation has an agreed label; it is
//!   *correct* when each of those labels is a scale value (not `unknown`)
//!   below the scope the expectation asks. Precision = correct / scored.
//!   Recall: of the covered or weak expectations whose covering claims all
//!   have agreed labels that are scale values below the scope asked, the share
//!   on which the lint fired. The same precision with each reader's own labels
//!   as the truth (lints whose covering claims that reader labelled) is
//!   printed beside it.

#![allow(clippy::disallowed_macros, clippy::print_stdout)] // this test reports figures

#[path = "support/held_out.rs"]
mod held_out;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use promolint::check::{CheckOptions, Linter};
use promolint::lint::Code;
use promolint::rules::RuleSet;
use promolint::rules::scope::ScopeValue;
use promolint::source::Sources;

#[derive(Debug, serde::Deserialize)]
struct LabelFile {
    document: String,
    #[allow(dead_code)]
    reader: String,
    labels: BTreeMap<usize, String>,
}

/// A label: a scale value, or `None` for `unknown`.
type Scope = Option<ScopeValue>;

const FRONT_MATTER_LINES: usize = 4;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

fn parse_label(s: &str) -> Scope {
    if s.trim().eq_ignore_ascii_case("unknown") {
        return None;
    }
    Some(ScopeValue::from_name(s).unwrap_or_else(|| panic!("not a scope label: {s}")))
}

fn read_labels(reader: &str) -> BTreeMap<String, BTreeMap<usize, Scope>> {
    let dir = fixtures().join("scope-labels").join(reader);
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.expect("entry").path();
        if !path.to_string_lossy().ends_with(".scope.yaml") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("readable labels");
        let file: LabelFile =
            serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        out.insert(file.document, file.labels.iter().map(|(l, v)| (*l, parse_label(v))).collect());
    }
    out
}

fn kappa(pairs: &[(Scope, Scope)]) -> f64 {
    let class = |s: Scope| s.map_or(5, ScopeValue::rank);
    let n = pairs.len() as f64;
    let (mut a, mut b, mut agree) = ([0.0; 6], [0.0; 6], 0.0);
    for &(x, y) in pairs {
        a[class(x)] += 1.0;
        b[class(y)] += 1.0;
        agree += f64::from(u8::from(x == y));
    }
    let pe: f64 = a.iter().zip(&b).map(|(x, y)| x * y / (n * n)).sum();
    (agree / n - pe) / (1.0 - pe)
}

fn name(s: Scope) -> &'static str {
    s.map_or("unknown", ScopeValue::as_str)
}

/// One document checked against one level: per claim (document line,
/// promolint's scope), and per fired or possible lint (scope asked, covering
/// claims' lines, fired).
struct Checked {
    claims: Vec<(usize, Scope)>,
    /// Each claim's text and the words that decided its scope, for `SCOPE_ERRORS=1`.
    texts: Vec<(String, String)>,
    /// Per claim, for `SCOPE_ERRORS=tsv`: where its scope came from, its
    /// heading path, its parent's line and its kind.
    context: Vec<(String, String, Option<usize>, String)>,
    expectations: Vec<(ScopeValue, Vec<usize>, bool)>,
}

fn check(rules: &promolint::rules::RuleSet, document: &str, ladder: &str, level: &str) -> Checked {
    let path = fixtures().join("corpus/A-filled").join(format!("{document}.md"));
    let body = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let text = format!("---\nladder: {ladder}\ntarget: {level}\n---\n{body}");
    let mut sources = Sources::new();
    let file = sources.add(document.to_owned(), text);
    let options = CheckOptions::default();
    let linter = Linter::new(rules, &options);
    let report = linter.lint(file, &sources, true).expect("a packet");
    let (packet, lvl, analysis) = (
        report.packet.as_ref().expect("parsed"),
        report.level.expect("level"),
        report.analysis.as_ref().expect("analysed"),
    );
    let src = sources.get(file);
    let line = |c: usize| src.position(packet.claims[c].range.start).line - FRONT_MATTER_LINES;
    let claims = analysis.claims.iter().enumerate().map(|(i, a)| (line(i), a.scope.value)).collect();
    let texts = packet
        .claims
        .iter()
        .zip(&analysis.claims)
        .map(|(c, a)| (c.text.clone(), a.scope.words.clone()))
        .collect();
    let context = packet
        .claims
        .iter()
        .zip(&analysis.claims)
        .map(|(c, a)| {
            (
                a.scope.from.map_or("-".to_owned(), |f| format!("{f:?}")),
                packet.sections[c.section].path.join(" > "),
                c.parent.map(line),
                format!("{:?}", c.kind),
            )
        })
        .collect();
    let fired: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::ScopeBelowLevel)
        .filter_map(|d| d.subject.clone())
        .collect();
    let expectations = lvl
        .expectations
        .iter()
        .zip(&analysis.expectations)
        .filter(|(_, cov)| !cov.claims.is_empty())
        .filter_map(|(e, cov)| {
            let asked = lvl.scope_of(e)?;
            let lines = cov.claims.iter().map(|&c| line(c)).collect();
            Some((asked, lines, fired.iter().any(|f| f.eq_ignore_ascii_case(&e.id))))
        })
        .collect();
    Checked { claims, texts, context, expectations }
}

/// What one set of documents shows: (kappa, accuracy, lint precision,
/// agreed lines), printed with the confusion table and the lint figures
/// per level; `before_*` are the figures of the previous method on the same
/// documents.
fn figures(
    set: &str,
    (a, b): (&Labels, &Labels),
    rules: &RuleSet,
    keep: &dyn Fn(&str) -> bool,
    (before_accuracy, before_lint): (&str, &str),
) -> (f64, f64, f64, f64, usize) {
    let levels: Vec<(String, String)> = rules.levels().map(|l| (l.ladder.clone(), l.id.clone())).collect();
    let mut pairs = Vec::new();
    let (mut agreed, mut right, mut agreed_known, mut right_known, mut unmatched) = (0, 0, 0, 0, 0);
    let mut confusion: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    // Lint figures: (scored, correct) by consensus, reader a, reader b; recall.
    let (mut scored, mut correct, mut truly_below, mut found) = (0, 0, 0, 0);
    let mut unscored = 0;
    let mut per_reader = [(0, 0); 2];
    let mut per_level: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    for (doc, la) in a.iter().filter(|(d, _)| keep(d)) {
        let lb = &b[doc];
        let consensus: BTreeMap<usize, Scope> =
            la.iter().filter(|(l, v)| lb.get(l) == Some(v)).map(|(l, v)| (*l, *v)).collect();
        for (l, x) in la {
            if let Some(y) = lb.get(l) {
                pairs.push((*x, *y));
            }
        }
        for (ladder, level) in &levels {
            let checked = check(rules, doc, ladder, level);
            if (ladder, level) == (&levels[0].0, &levels[0].1) {
                let predicted: BTreeMap<usize, Scope> = checked.claims.iter().copied().collect();
                // SCOPE_ERRORS=1 lists the disagreements; =all every agreed line.
                let listing = std::env::var("SCOPE_ERRORS").unwrap_or_default();
                if listing == "tsv" {
                    for (((l, p), (text, words)), (from, heading, parent, kind)) in
                        checked.claims.iter().zip(&checked.texts).zip(&checked.context)
                    {
                        let label = |m: &BTreeMap<usize, Scope>| m.get(l).map_or("-", |s| name(*s));
                        let clean = |s: &str| s.replace(['\t', '\n'], " ");
                        println!(
                            "TSV\t{set}\t{doc}\t{l}\t{}\t{}\t{}\t{from}\t{}\t{}\t{kind}\t{}\t{}",
                            label(la),
                            label(lb),
                            name(*p),
                            clean(words),
                            parent.map_or("-".to_owned(), |p| p.to_string()),
                            clean(heading),
                            clean(text)
                        );
                    }
                }
                if listing == "1" || listing == "all" {
                    for ((l, p), (text, words)) in checked.claims.iter().zip(&checked.texts) {
                        match consensus.get(l) {
                            Some(truth) if truth != p || listing == "all" => {
                                let text: String = text.chars().take(160).collect();
                                let mark = if truth == p { "ok" } else { "  " };
                                println!(
                                    "{mark} {doc}:{l}: readers {} promolint {} ({words:?}): {text}",
                                    name(*truth),
                                    name(*p)
                                );
                            }
                            _ => {}
                        }
                    }
                }
                for (l, truth) in &consensus {
                    let Some(p) = predicted.get(l) else {
                        unmatched += 1;
                        continue;
                    };
                    agreed += 1;
                    right += usize::from(p == truth);
                    if truth.is_some() {
                        agreed_known += 1;
                        right_known += usize::from(p == truth);
                    }
                    *confusion.entry((name(*truth), name(*p))).or_default() += 1;
                }
            }
            let below =
                |labels: &BTreeMap<usize, Scope>, asked: ScopeValue, lines: &[usize]| -> Option<bool> {
                    let mut all = true;
                    for l in lines {
                        let s = labels.get(l)?;
                        all &= s.is_some_and(|s| s < asked);
                    }
                    Some(all)
                };
            let entry = per_level.entry(format!("{ladder}/{level}")).or_default();
            for (asked, lines, fired) in &checked.expectations {
                let truth = below(&consensus, *asked, lines);
                if std::env::var("SCOPE_ERRORS").is_ok_and(|v| v == "tsv") {
                    let predicted: BTreeMap<usize, Scope> = checked.claims.iter().copied().collect();
                    let claims: Vec<String> = lines
                        .iter()
                        .map(|l| {
                            let label = consensus.get(l).map_or("-", |s| name(*s));
                            format!("{l}:{label}/{}", predicted.get(l).map_or("-", |s| name(*s)))
                        })
                        .collect();
                    println!(
                        "LINT\t{set}\t{doc}\t{ladder}/{level}\t{asked}\t{fired}\t{truth:?}\t{}",
                        claims.join(" ")
                    );
                }
                if *fired {
                    match truth {
                        Some(t) => {
                            scored += 1;
                            correct += usize::from(t);
                            entry.0 += 1;
                            entry.1 += usize::from(t);
                        }
                        None => unscored += 1,
                    }
                    for (i, labels) in [la, lb].into_iter().enumerate() {
                        if let Some(t) = below(labels, *asked, lines) {
                            per_reader[i].0 += 1;
                            per_reader[i].1 += usize::from(t);
                        }
                    }
                }
                if truth == Some(true) {
                    truly_below += 1;
                    found += usize::from(*fired);
                    entry.2 += 1;
                }
            }
        }
    }
    let ratio = |x: usize, n: usize| if n == 0 { 0.0 } else { x as f64 / n as f64 };
    let k = kappa(&pairs);
    let accuracy = ratio(right, agreed);
    let precision = ratio(correct, scored);
    let recall = ratio(found, truly_below);
    let documents = a.keys().filter(|d| keep(d)).count();
    println!("\n{set}: {documents} documents, {} lines labelled by both readers", pairs.len());
    println!(
        "Cohen's kappa (6 classes): {k:.2}; readers agree on {agreed} lines ({unmatched} agreed lines are not a claim's first line)"
    );
    println!("claim-scope accuracy on agreed lines: {accuracy:.2} ({right}/{agreed}); {before_accuracy}");
    println!(
        "  on agreed lines not labelled unknown: {:.2} ({right_known}/{agreed_known})",
        ratio(right_known, agreed_known)
    );
    println!("  confusion (readers -> promolint): ");
    for ((t, p), n) in &confusion {
        println!("    {t:>12} -> {p:<12} {n}");
    }
    println!(
        "scope-below-level over {} levels: precision {precision:.2} ({correct}/{scored} scored; {unscored} fired lints not scored: a covering claim without agreed label), recall {recall:.2} ({found}/{truly_below})",
        levels.len()
    );
    println!("  {before_lint}");
    for (i, r) in ["reader-a", "reader-b"].iter().enumerate() {
        println!(
            "  precision with {r}'s labels: {:.2} ({}/{})",
            ratio(per_reader[i].1, per_reader[i].0),
            per_reader[i].1,
            per_reader[i].0
        );
    }
    for (level, (s, c, t)) in &per_level {
        println!("  {level}: precision {:.2} ({c}/{s}), expectations truly below {t}", ratio(*c, *s));
    }
    (k, accuracy, precision, recall, agreed)
}

/// One reader's labels: document → line → scope.
type Labels = BTreeMap<String, BTreeMap<usize, Scope>>;

#[test]
fn scope_accuracy() {
    let a = read_labels("reader-a");
    let b = read_labels("reader-b");
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "both readers label the same documents"
    );
    assert!(a.len() >= 34, "expected the 34 labelled documents");
    let mut sources = Sources::new();
    let (rules, problems) =
        promolint::rules::load(&[] as &[PathBuf], true, &mut sources).expect("built-in rules");
    assert!(problems.is_empty(), "built-in rules load cleanly");
    let held_out = |d: &str| held_out::SESSION_4.contains(&d);
    let held_out_5 = |d: &str| held_out::SESSION_5.contains(&d);
    let held_out_6 = |d: &str| held_out::SESSION_6.contains(&d);
    // Each set's figures on main before session 6 (f0584ac), on the same rows.
    let (k, accuracy, precision, _, agreed) = figures(
        "design set (12 documents)",
        (&a, &b),
        &rules,
        &|d| !held_out(d) && !held_out_5(d) && !held_out_6(d),
        (
            "before session 6 (f0584ac): 0.62 (309/496)",
            "before session 6 (f0584ac): precision 0.72 (142/197), recall 0.73 (142/195)",
        ),
    );
    let (held_k, held_accuracy, held_precision, _, _) = figures(
        "session-4 batch (7 documents, two other readers)",
        (&a, &b),
        &rules,
        &held_out,
        (
            "before session 6 (f0584ac): 0.46 (107/234)",
            "before session 6 (f0584ac): precision 0.48 (47/98), recall 0.48 (47/97)",
        ),
    );
    let (held5_k, held5_accuracy, held5_precision, _, _) = figures(
        "session-5 batch (7 documents, two more readers)",
        (&a, &b),
        &rules,
        &held_out_5,
        (
            "before session 6 (f0584ac): 0.46 (106/231)",
            "before session 6 (f0584ac): precision 0.69 (72/104), recall 0.61 (72/119)",
        ),
    );
    let (all_k, all_accuracy, all_precision, all_recall, _) = figures(
        "all 26 documents before session 6",
        (&a, &b),
        &rules,
        &|d| !held_out_6(d),
        (
            "before session 6 (f0584ac): 0.54 (522/961)",
            "before session 6 (f0584ac): precision 0.65 (261/399), recall 0.64 (261/411)",
        ),
    );
    // Session 6: a fresh batch, scored once on main before that session's
    // scope changes and once after them (accuracy 0.53 -> 0.55, lint
    // precision 0.68 -> 0.83, recall 0.54 -> 0.33); development data from then on.
    let (held6_k, held6_accuracy, held6_precision, _, _) = figures(
        "held out in session 6 (8 documents, two more readers; scored once before that session's scope changes)",
        (&a, &b),
        &rules,
        &held_out_6,
        (
            "main at the start of session 6 (f0584ac): 0.53 (154/291)",
            "main at the start of session 6 (f0584ac): precision 0.68 (63/93), recall 0.54 (63/116)",
        ),
    );
    assert!(agreed >= 200, "too few agreed lines matched claims: {agreed}");
    // The readers' agreement meets the bar it is held to (0.8) on every set.
    for (set, kappa) in
        [("design", k), ("session-4", held_k), ("session-5", held5_k), ("all", all_k), ("session-6", held6_k)]
    {
        assert!(kappa >= 0.8, "{set} readers' kappa {kappa:.2} below 0.8");
    }
    // Floors just under the figures measured after session 6 (contaminated,
    // see the top). The bar (accuracy and precision 0.8) is NOT met on
    // accuracy anywhere, nor on precision on the session-4 batch: these guard
    // against regressions and do not claim the bar. Measured: design accuracy
    // 0.63, precision 0.85; session-4 0.52, 0.52; session-5 0.54, 0.79; all 26
    // 0.58, 0.77, recall 0.43 (before: 0.54, 0.65, 0.64).
    let floors = [
        ("design accuracy", accuracy, 0.61),
        ("design precision", precision, 0.83),
        ("session-4 accuracy", held_accuracy, 0.49),
        ("session-4 precision", held_precision, 0.50),
        ("session-5 accuracy", held5_accuracy, 0.52),
        ("session-5 precision", held5_precision, 0.77),
        ("all-26 accuracy", all_accuracy, 0.56),
        ("all-26 precision", all_precision, 0.75),
        ("all-26 recall", all_recall, 0.40),
        ("session-6 accuracy", held6_accuracy, 0.53),
        ("session-6 precision", held6_precision, 0.80),
    ];
    for (what, measured, floor) in floors {
        assert!(measured >= floor, "{what} {measured:.2} fell below its floor {floor:.2}");
    }
}
