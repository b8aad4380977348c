//! The scope labels of `fixtures/scope-labels/` and what promolint reads on
//! the same documents: each reader's labels, Cohen's kappa between two
//! readers, and one document of `fixtures/corpus/A-filled/` checked against
//! one level (its claims' scopes and its `scope-below-level` lints). Included
//! by path by `tests/scope_accuracy.rs`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use promolint::check::{CheckOptions, Linter};
use promolint::lint::Code;
use promolint::rules::RuleSet;
use promolint::rules::scope::ScopeValue;
use promolint::source::Sources;

/// One reader's labels of one document, as in its `.scope.yaml` file.
#[derive(Debug, serde::Deserialize)]
struct LabelFile {
    document: String,
    #[allow(dead_code)]
    reader: String,
    labels: BTreeMap<usize, String>,
}

/// A label: a scale value, or `None` for `unknown`.
pub(crate) type Scope = Option<ScopeValue>;

/// The lines of front matter prepended to each document: a label's line is
/// the claim's first line in the packet minus these.
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

/// The labels of `fixtures/scope-labels/READER/`: document → line → scope.
pub(crate) fn read_labels(reader: &str) -> Labels {
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

/// Cohen's kappa between two readers' labels of the same lines, six classes
/// (the five scale values and `unknown`).
pub(crate) fn kappa(pairs: &[(Scope, Scope)]) -> f64 {
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

/// A label's name: the scale value's, or `unknown`.
pub(crate) fn name(s: Scope) -> &'static str {
    s.map_or("unknown", ScopeValue::as_str)
}

/// One document checked against one level: per claim (document line,
/// promolint's scope), and per fired or possible lint (scope asked, covering
/// claims' lines, fired).
pub(crate) struct Checked {
    pub(crate) claims: Vec<(usize, Scope)>,
    /// Each claim's text and the words that decided its scope, for `SCOPE_ERRORS=1`.
    pub(crate) texts: Vec<(String, String)>,
    /// Per claim, for `SCOPE_ERRORS=tsv`: where its scope came from, its
    /// heading path, its parent's line and its kind.
    pub(crate) context: Vec<(String, String, Option<usize>, String)>,
    pub(crate) expectations: Vec<(ScopeValue, Vec<usize>, bool)>,
}

/// `fixtures/corpus/A-filled/DOCUMENT.md` checked with `rules` against
/// `ladder/level`, read as a packet by prepending front matter to it.
pub(crate) fn check(rules: &RuleSet, document: &str, ladder: &str, level: &str) -> Checked {
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

/// One reader's labels: document → line → scope.
pub(crate) type Labels = BTreeMap<String, BTreeMap<usize, Scope>>;
