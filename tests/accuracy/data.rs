//! The labelled set: packets, their readers' labels, and what promolint's
//! signals say about each claim.
//!
//! Two kinds of rows live in `fixtures/labelled/`:
//! - `NAME.md` + `NAME.labels.yaml`: the first set (one reader, the session
//!   that built promolint 0.1; some packets are own text);
//! - `two-readers/reader-{a,b}/DOC--LADDER-LEVEL.labels.yaml`: documents by
//!   outside authors (`fixtures/corpus/A-filled/DOC.md`), each labelled by two
//!   readers working independently; a row counts only where they agree.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use promolint::analysis::evidence::EvidenceMatcher;
use promolint::analysis::matcher::{CommonMatcher, LevelMatcher};
use promolint::analysis::score::{HAND_SET, Signals};
use promolint::analysis::{self, RunMatchers, Status};
use promolint::packet::Packet;
use promolint::rules::{Level, RuleSet};
use promolint::source::Sources;
use serde::Deserialize;

/// A reader's judgement of one expectation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Label {
    Covered,
    Weak,
    None,
}

impl Label {
    pub(crate) fn addressed(self) -> bool {
        self != Label::None
    }
}

#[derive(Deserialize)]
struct OldLabels {
    document: String,
    #[allow(dead_code)]
    source: String,
    #[allow(dead_code)]
    split: String,
    labels: BTreeMap<String, Label>,
}

#[derive(Deserialize)]
struct ReaderLabels {
    document: String,
    ladder: String,
    target: String,
    labels: BTreeMap<String, Label>,
}

/// One expectation's labels: its id, the agreed label (`None` where the
/// readers disagree on "addressed"), and both readers' labels when there are two.
pub(crate) type Labelled = (String, Option<Label>, Option<(Label, Label)>);

/// One labelled (packet, level) pair with promolint's signals for it.
#[derive(Clone)]
pub(crate) struct Row {
    /// `NAME` or `DOC--LADDER-LEVEL`.
    pub(crate) name: String,
    /// The source document: rows of one document are held out together.
    pub(crate) document: String,
    /// Whether two independent readers labelled it (the outside-author set).
    pub(crate) two_readers: bool,
    /// `ladder/level`.
    pub(crate) level: String,
    /// Per expectation of the level (in level order): its id, the agreed
    /// label (`None` where the readers disagree on "addressed"), and both
    /// readers' labels when there are two.
    pub(crate) labels: Vec<Labelled>,
    /// Per claim: its signals against every expectation (`None`: not a
    /// claim, or explicit), and whether it has evidence in scope.
    pub(crate) claims: Vec<(Option<Vec<Signals>>, bool)>,
    /// Per claim, its plain text (for the error listing, `ACCURACY_ERRORS=1`).
    pub(crate) texts: Vec<String>,
    /// The packet's whole text, front matter included, as analysed (shared:
    /// the folds copy rows).
    pub(crate) packet: std::sync::Arc<str>,
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// A corpus document as a packet for `ladder`/`target`: its source comment
/// (line 1) and its own front matter replaced by promolint's.
pub(crate) fn packet_text(document: &str, ladder: &str, target: &str) -> String {
    let text = read(&root().join("corpus/A-filled").join(format!("{document}.md")));
    let mut lines: Vec<&str> = text.split('\n').collect();
    if lines.first().is_some_and(|l| l.starts_with("<!--")) {
        lines.remove(0);
    }
    if let Some(fence) = lines.first().map(|l| l.trim()).filter(|l| *l == "---" || *l == "+++")
        && let Some(end) = lines.iter().skip(1).position(|l| l.trim() == fence)
    {
        lines.drain(..end + 2);
    }
    format!("---\nladder: {ladder}\ntarget: {target}\n---\n{}", lines.join("\n"))
}

fn level<'r>(rules: &'r RuleSet, ladder: &str, target: &str) -> &'r Level {
    rules.ladder(ladder).and_then(|l| l.level(target)).unwrap_or_else(|| panic!("no level {ladder}/{target}"))
}

/// The hand-set model with a weight on every signal, so that the matchers
/// compute all of them (the semantic one is skipped at weight 0), and the
/// shipped base rates (the accuracy test replaces them fold by fold).
fn all_signals(rules: &RuleSet) -> promolint::rules::vocabulary::MappingFile {
    let mut model = HAND_SET;
    model.weights.semantic = 1.0;
    model.base_rates = rules.mapping.as_ref().map(|m| m.base_rates.clone()).unwrap_or_default();
    model
}

/// The compiled matchers of every level, keyed `ladder/level`.
pub(crate) fn matchers(rules: &RuleSet) -> BTreeMap<String, LevelMatcher> {
    rules
        .levels()
        .map(|l| {
            (
                format!("{}/{}", l.ladder, l.id),
                LevelMatcher::with_model(l, &rules.vocabulary, all_signals(rules)),
            )
        })
        .collect()
}

/// The compiled evidence kinds and common red flags, shared by every row.
struct Shared {
    evidence: EvidenceMatcher,
    common: CommonMatcher,
}

fn analyse(
    shared: &Shared,
    matchers: &BTreeMap<String, LevelMatcher>,
    packet: &Packet,
    text: &str,
    level: &Level,
) -> Vec<(Option<Vec<Signals>>, bool)> {
    let matcher = &matchers[&format!("{}/{}", level.ladder, level.id)];
    let run = RunMatchers { evidence: &shared.evidence, common: &shared.common, meaning: None };
    let result = analysis::analyze(packet, text, level, matcher, &run);
    let signals = analysis::claim_signals(packet, level, matcher);
    signals.into_iter().zip(&result.claims).map(|(s, c)| (s, !c.evidence_in_scope.is_empty())).collect()
}

/// A packet's text parsed, with its `ladder` and `target` from its front matter.
fn parse(name: &str, text: &str) -> (Packet, String, String) {
    let mut sources = Sources::new();
    let file = sources.add(name.to_owned(), text.to_owned());
    let (packet, _) = Packet::parse(file, text);
    let fm = packet.front_matter.as_ref().unwrap_or_else(|| panic!("{name}: no front matter"));
    let value = |v: &Option<promolint::packet::Value>| v.as_ref().map(|v| v.text.clone()).unwrap_or_default();
    let (ladder, target) = (value(&fm.ladder), value(&fm.target));
    (packet, ladder, target)
}

/// Every labelled row, old set first, each in name order.
pub(crate) fn rows(rules: &RuleSet, matchers: &BTreeMap<String, LevelMatcher>) -> Vec<Row> {
    let shared = Shared {
        evidence: EvidenceMatcher::new(&rules.evidence),
        common: CommonMatcher::new(&rules.common_red_flags),
    };
    let dir = root().join("labelled");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("fixtures/labelled")
        .filter_map(|e| e.ok()?.file_name().to_str()?.strip_suffix(".labels.yaml").map(str::to_owned))
        .collect();
    names.sort();
    let mut rows = Vec::new();
    for name in names {
        let labels: OldLabels = serde_saphyr::from_str(&read(&dir.join(format!("{name}.labels.yaml"))))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let text = read(&dir.join(format!("{name}.md")));
        let (packet, ladder, target) = parse(&name, &text);
        let level = level(rules, &ladder, &target);
        let ids = level_labels(level, &labels.labels, None, &name);
        rows.push(Row {
            claims: analyse(&shared, matchers, &packet, &text, level),
            texts: packet.claims.iter().map(|c| c.text.clone()).collect(),
            packet: text.into(),
            name,
            document: labels.document,
            two_readers: false,
            level: format!("{}/{}", level.ladder, level.id),
            labels: ids,
        });
    }
    let a_dir = dir.join("two-readers/reader-a");
    let mut names: Vec<String> = std::fs::read_dir(&a_dir)
        .expect("fixtures/labelled/two-readers/reader-a")
        .filter_map(|e| e.ok()?.file_name().to_str()?.strip_suffix(".labels.yaml").map(str::to_owned))
        .collect();
    names.sort();
    for name in names {
        let load = |reader: &str| -> ReaderLabels {
            let path = dir.join(format!("two-readers/{reader}/{name}.labels.yaml"));
            serde_saphyr::from_str(&read(&path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        };
        let (a, b) = (load("reader-a"), load("reader-b"));
        assert_eq!((&a.document, &a.ladder, &a.target), (&b.document, &b.ladder, &b.target), "{name}");
        let document = a.document.trim_end_matches(".md").to_owned();
        let level = level(rules, &a.ladder, &a.target);
        let text = packet_text(&document, &a.ladder, &a.target);
        let (packet, _, _) = parse(&name, &text);
        rows.push(Row {
            claims: analyse(&shared, matchers, &packet, &text, level),
            texts: packet.claims.iter().map(|c| c.text.clone()).collect(),
            labels: level_labels(level, &a.labels, Some(&b.labels), &name),
            packet: text.into(),
            name,
            document,
            two_readers: true,
            level: format!("{}/{}", level.ladder, level.id),
        });
    }
    rows
}

/// What `check` decides for each row when its level is an imported ladder
/// (`plain`: every pattern, guard and example removed), so that the
/// imported-ladder score and the cutoff it calibrates from the level's own
/// texts decide (`analysis::imported`): per expectation, (addressed,
/// covered). Nothing in it is fitted on labels, so no document is left out.
pub(crate) fn imported_check(plain: &RuleSet, rows: &[Row]) -> Vec<Vec<(bool, bool)>> {
    let shared = Shared {
        evidence: EvidenceMatcher::new(&plain.evidence),
        common: CommonMatcher::new(&plain.common_red_flags),
    };
    let mut matchers: BTreeMap<String, LevelMatcher> = BTreeMap::new();
    rows.iter()
        .map(|row| {
            let (packet, ladder, target) = parse(&row.name, &row.packet);
            let level = level(plain, &ladder, &target);
            let matcher =
                matchers.entry(row.level.clone()).or_insert_with(|| LevelMatcher::new(level, plain));
            assert!(matcher.imported.is_some(), "{}: no imported-ladder score", row.level);
            let run = RunMatchers { evidence: &shared.evidence, common: &shared.common, meaning: None };
            let result = analysis::analyze(&packet, &row.packet, level, matcher, &run);
            result
                .expectations
                .iter()
                .map(|e| match e.status {
                    Status::Covered => (true, true),
                    Status::Weak => (true, false),
                    Status::Uncovered | Status::Waived => (false, false),
                })
                .collect()
        })
        .collect()
}

/// Each expectation of `level` with its agreed label (addressed or not: the
/// first reader's label when both agree on that, else `None`) and the second
/// reader's label. Every expectation must be labelled, and only those.
fn level_labels(
    level: &Level,
    a: &BTreeMap<String, Label>,
    b: Option<&BTreeMap<String, Label>>,
    name: &str,
) -> Vec<Labelled> {
    for id in a.keys().chain(b.into_iter().flat_map(|b| b.keys())) {
        assert!(level.expectation(id).is_some(), "{name}: label for unknown expectation `{id}`");
    }
    level
        .expectations
        .iter()
        .map(|e| {
            let first = *a.get(&e.id).unwrap_or_else(|| panic!("{name}: no label for `{}`", e.id));
            let second =
                b.map(|b| *b.get(&e.id).unwrap_or_else(|| panic!("{name}: reader b has no `{}`", e.id)));
            let agreed = match second {
                Some(s) if s.addressed() != first.addressed() => None,
                _ => Some(first),
            };
            (e.id.clone(), agreed, second.map(|s| (first, s)))
        })
        .collect()
}

/// Cohen's kappa of two readers' labels over `pairs`, with `classes` as the
/// categories (`addressed` folds covered and weak together).
pub(crate) fn kappa(pairs: &[(Label, Label)], addressed_only: bool) -> f64 {
    let class = |l: Label| if addressed_only { usize::from(l.addressed()) } else { l as usize };
    let n = pairs.len() as f64;
    if n == 0.0 {
        return 1.0;
    }
    let mut a = [0.0; 3];
    let mut b = [0.0; 3];
    let mut agree = 0.0;
    for &(x, y) in pairs {
        a[class(x)] += 1.0;
        b[class(y)] += 1.0;
        if class(x) == class(y) {
            agree += 1.0;
        }
    }
    let po = agree / n;
    let pe: f64 = a.iter().zip(&b).map(|(x, y)| x * y / (n * n)).sum();
    if pe >= 1.0 { 1.0 } else { (po - pe) / (1.0 - pe) }
}
