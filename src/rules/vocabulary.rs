//! The two data files behind the mapping score: `vocabulary.yaml` (stop words
//! and concept groups of the lexical signal) and `mapping.yaml` (the learned
//! weights that combine the signals into one score).
//!
//! Both are embedded with the built-in rules and may be replaced by a file of
//! the same name in a `--rules` folder. Each is validated here; every mistake
//! is a diagnostic pointing into the file and the built-in file is kept.
//! What the signals are and how they are computed is
//! [`crate::analysis::score`]'s.

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;
use crate::rules::messages as msg;
use crate::rules::model::Located;
use crate::source::FileId;
use crate::yaml::label;

/// `vocabulary.yaml` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct VocabularyFile {
    /// Words that carry no meaning for mapping.
    pub stop_words: Vec<Located<String>>,
    /// Concept name → words (unstemmed) that mean the same thing.
    pub concepts: BTreeMap<String, Vec<Located<String>>>,
}

/// `mapping.yaml` as written: the score of a (claim, expectation) pair is
/// `1 / (1 + exp(-(intercept + Σ weight × signal)))`, in 0..=1.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct MappingFile {
    /// Where the weights come from (how they were fitted); not used.
    #[serde(default)]
    pub source: Option<String>,
    /// The least score at which a claim maps to an expectation (unless
    /// `calibrate` is set and the level has examples to calibrate from); in 0..=1.
    pub cutoff: f32,
    /// Whether each level calibrates its own cutoff from its examples
    /// ([`crate::analysis::score::calibrate`]) instead of using `cutoff`.
    #[serde(default)]
    pub calibrate: bool,
    /// The most expectations one claim maps to.
    pub max_per_claim: usize,
    /// The logistic model's intercept.
    pub intercept: f32,
    /// One weight per signal.
    pub weights: Weights,
    /// Per level (`ladder/level`), per expectation id: the share of labelled
    /// packets that address it, in 0..=1 (the `base-rate` signal). A level
    /// or expectation not listed gets 0.5: nothing is known about it.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub base_rates: BTreeMap<String, BTreeMap<String, f32>>,
}

/// One number per signal of the mapping score: as [`Weights`], the weight of
/// each (a change in log-odds from none of the signal to all of it); as
/// [`crate::analysis::score::Signals`], what one (claim, expectation) pair
/// showed, each in 0..=1.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PerSignal {
    /// 1 when a pattern of the expectation matches the claim and none of its
    /// guards does.
    pub pattern: f32,
    /// 0.5 for one further distinct matching pattern, 1 for two or more.
    pub more_patterns: f32,
    /// 1 when the claim's heading path or parent item matches a pattern of the
    /// expectation, the claim itself does not, and it shares a term with the
    /// expectation's profile.
    pub context: f32,
    /// TF-IDF cosine of the claim's terms and the expectation's profile (its
    /// text, examples and the literal words of its patterns).
    pub lexical: f32,
    /// `lexical` over the claim's best `lexical` across the level.
    pub lexical_rank: f32,
    /// Share of the expectation's own text weight that the claim covers.
    pub text_share: f32,
    /// 1 when the claim shares two or more terms with the expectation's text.
    pub two_shared: f32,
    /// TF-IDF cosine of the claim's heading path and the expectation's profile.
    pub heading: f32,
    /// 1 for a paragraph or quote, 0 for a list item or table row.
    pub paragraph: f32,
    /// The claim's number of distinct terms over 40, at most 1.
    pub length: f32,
    /// TF-IDF cosine of the claim's whole section (every claim under the same
    /// heading, read together: one project's dated entries in a work log) and
    /// the expectation's profile.
    #[serde(default)]
    pub section: f32,
    /// Cosine of the claim's and the expectation text's static embeddings
    /// (MiniLM distilled to a word table, see `analysis::semantic`): meaning
    /// beyond shared words.
    #[serde(default)]
    pub semantic: f32,
    /// The expectation's base rate: the share of labelled packets (of its
    /// level, in `mapping.yaml`'s `base-rates`) that address it; 0.5 when
    /// unknown (an imported ladder). Rarely addressed expectations need more
    /// from a claim.
    #[serde(default)]
    pub base_rate: f32,
}

/// How many signals the mapping score has.
pub const N_SIGNALS: usize = 13;

/// The weights of the mapping score, one per signal.
pub type Weights = PerSignal;

impl PerSignal {
    /// The values in a fixed order: the order of [`PerSignal::NAMES`].
    pub fn to_array(self) -> [f32; N_SIGNALS] {
        [
            self.pattern,
            self.more_patterns,
            self.context,
            self.lexical,
            self.lexical_rank,
            self.text_share,
            self.two_shared,
            self.heading,
            self.paragraph,
            self.length,
            self.section,
            self.semantic,
            self.base_rate,
        ]
    }

    /// The values from an array in the order of [`PerSignal::to_array`].
    pub fn from_array(a: [f32; N_SIGNALS]) -> Self {
        PerSignal {
            pattern: a[0],
            more_patterns: a[1],
            context: a[2],
            lexical: a[3],
            lexical_rank: a[4],
            text_share: a[5],
            two_shared: a[6],
            heading: a[7],
            paragraph: a[8],
            length: a[9],
            section: a[10],
            semantic: a[11],
            base_rate: a[12],
        }
    }

    /// The signals' names, in array order, as `mapping.yaml` spells them.
    pub const NAMES: [&'static str; N_SIGNALS] = [
        "pattern",
        "more-patterns",
        "context",
        "lexical",
        "lexical-rank",
        "text-share",
        "two-shared",
        "heading",
        "paragraph",
        "length",
        "section",
        "semantic",
        "base-rate",
    ];
}

/// The vocabulary, validated.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    /// Lowercase stop words.
    pub stop_words: Vec<String>,
    /// (concept, lowercase words), in concept-name order.
    pub concepts: Vec<(String, Vec<String>)>,
}

/// Validates `vocabulary.yaml`: every word one lowercase token of letters and
/// digits (what the tokenizer can produce), no concept word a stop word (it
/// would never be seen), no word twice in one list. Bad words are reported
/// and left out.
pub fn vocabulary(
    def: VocabularyFile,
    file: FileId,
    text: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vocabulary {
    let mut check = |word: &Located<String>, seen: &mut HashSet<String>, problem: Option<&str>| -> bool {
        let w = &word.value;
        let why = if w.is_empty() || !w.chars().all(|c| c.is_alphanumeric() && !c.is_uppercase()) {
            Some("is not one lowercase word of letters and digits (write `cross-team` as `crossteam`)")
        } else if !seen.insert(w.clone()) {
            Some("is listed twice")
        } else {
            problem
        };
        match why {
            Some(why) => {
                diagnostics.push(msg::invalid_vocabulary(label(file, word, text, why), w, why));
                false
            }
            None => true,
        }
    };
    let mut seen = HashSet::new();
    let stop_words: Vec<String> =
        def.stop_words.iter().filter(|w| check(w, &mut seen, None)).map(|w| w.value.clone()).collect();
    let stop: HashSet<&str> = stop_words.iter().map(String::as_str).collect();
    let mut concepts = Vec::new();
    for (name, words) in &def.concepts {
        let mut seen = HashSet::new();
        let mut kept = Vec::new();
        for w in words {
            let problem = stop.contains(w.value.as_str()).then_some("is a stop word, so it is never seen");
            if check(w, &mut seen, problem) {
                kept.push(w.value.clone());
            }
        }
        concepts.push((name.clone(), kept));
    }
    Vocabulary { stop_words, concepts }
}

/// Validates `mapping.yaml`: every number finite, the cutoff in 0..=1, at
/// least one expectation per claim. Returns `None` (after a diagnostic) when
/// the file cannot be used.
pub fn mapping(
    def: MappingFile,
    file: FileId,
    text: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<MappingFile> {
    let finite = def.intercept.is_finite() && def.weights.to_array().iter().all(|w| w.is_finite());
    let rates_ok = def.base_rates.values().flat_map(|m| m.values()).all(|r| (0.0..=1.0).contains(r));
    let why = if !finite {
        Some("every weight and the intercept must be finite numbers")
    } else if !rates_ok {
        Some("every `base-rates` value must be in 0..=1")
    } else if !(0.0..=1.0).contains(&def.cutoff) {
        Some("`cutoff` must be in 0..=1")
    } else if def.max_per_claim == 0 {
        Some("`max-per-claim` must be at least 1")
    } else {
        None
    };
    match why {
        Some(why) => {
            let end = text.len().min(text.find('\n').unwrap_or(text.len()));
            diagnostics.push(msg::invalid_mapping(file, 0..end, why));
            None
        }
        None => Some(def),
    }
}
