//! The mapping score of a level whose expectations have no patterns (a
//! company's ladder brought in by `rules import`): what the expectation texts
//! alone say, read as one ladder text against another.
//!
//! For a claim and an expectation the score is a fixed mix, in 0..=1, of six
//! similarities ([`ImportedWeights`] says how much each counts):
//!
//! - `own-lexical`: cosine of sublinear TF-IDF vectors (`1 + ln tf` times
//!   `ln(1 + n / df)` over the level's expectations) of stemmed terms, stop
//!   words out, concept groups joined ([`Terms`]), with the bigrams of
//!   adjacent terms when [`ImportedWeights::bigrams`] (off in [`SHIPPED`]
//!   since session 16), between the claim and the expectation's text;
//! - `area-lexical`: the same cosine against the expectation's area: every
//!   expectation text of that area read as one profile (what the area is
//!   about, not only this one sentence);
//! - `own-semantic`, `area-semantic`: cosine of the static MiniLM embedding
//!   ([`StaticEmbedding`]) of the claim and of the expectation's text, and of
//!   its area's mean embedding (negative cosines count as 0);
//! - `name-lexical`, `name-semantic` (since session 16): the same two
//!   cosines against the area's name ("Debugging & Monitoring", "Craft /
//!   Code Fluency"), the ladder owner's own word for what the area is about.
//!
//! With [`ImportedWeights::area_idf`], `area-lexical` weighs terms by their
//! IDF over the areas instead (a candidate of the design grid, off in
//! [`SHIPPED`]).
//!
//! The weights were fixed on ladder-only data before the public import
//! benchmark was run with them (see `docs/mapping.md`, "Imported ladders").
//! The decision cutoff comes from the level's own texts ([`ImportedModel::cutoff`]).

use std::collections::{BTreeMap, HashMap};

use super::semantic::{StaticEmbedding, cosine, normalise};
use super::terms::Terms;
use crate::rules::Expectation;

/// How much each similarity counts in an imported level's score; each
/// non-negative, the score divides by their sum (all 0 gives score 0).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ImportedWeights {
    /// Lexical cosine with the expectation's own text.
    pub own_lexical: f32,
    /// Lexical cosine with the expectation's area (all its texts).
    pub area_lexical: f32,
    /// Embedding cosine with the expectation's text.
    pub own_semantic: f32,
    /// Embedding cosine with the area's mean embedding.
    pub area_semantic: f32,
    /// Lexical cosine with the area's name.
    pub name_lexical: f32,
    /// Embedding cosine with the area's name.
    pub name_semantic: f32,
    /// Whether bigrams of adjacent terms count as terms too.
    pub bigrams: bool,
    /// Whether `area-lexical` weighs terms by their IDF over the areas (each
    /// area's texts one document: a word every text of one area uses, and no
    /// other area does, weighs the most) rather than over the expectations.
    pub area_idf: bool,
}

impl ImportedWeights {
    /// The weights in the order of [`ImportedModel::components`]' parts.
    fn parts(&self) -> Parts6 {
        [
            self.own_lexical,
            self.area_lexical,
            self.own_semantic,
            self.area_semantic,
            self.name_lexical,
            self.name_semantic,
        ]
    }

    /// Whether any embedding cosine counts.
    fn semantic(&self) -> bool {
        self.own_semantic > 0.0 || self.area_semantic > 0.0 || self.name_semantic > 0.0
    }

    /// The score from the six parts of [`ImportedModel::components`]: their
    /// weighted mean, in 0..=1 (0 when every weight is 0).
    pub fn combine(&self, c: &Parts6) -> f32 {
        let w = self.parts();
        let total: f32 = w.iter().sum();
        if total <= 0.0 {
            return 0.0;
        }
        let s: f32 = w.iter().zip(c).map(|(w, c)| w * c).sum();
        (s / total).clamp(0.0, 1.0)
    }
}

/// The shipped weights, chosen on the built-in ladders' own texts and
/// examples (patterns and examples removed from the ladder), never on the
/// import benchmark's data.
pub const SHIPPED: ImportedWeights = ImportedWeights {
    own_lexical: 1.0,
    area_lexical: 1.0,
    own_semantic: 1.0,
    area_semantic: 1.0,
    name_lexical: 1.0,
    name_semantic: 0.0,
    bigrams: false,
    area_idf: false,
};

/// The six parts of an imported level's score of one claim against one
/// expectation, each in 0..=1: own lexical, area lexical, own semantic,
/// area semantic, name lexical, name semantic cosines.
pub type Parts6 = [f32; 6];

/// Sparse, L2-normalised term weights, sorted by term id.
type Sparse = Vec<(u32, f32)>;

/// An imported level's expectations, ready to score claims against.
#[derive(Debug)]
pub struct ImportedModel {
    /// The tokenizer (`None` in the leave-one-out models of calibration,
    /// which score term lists already made).
    terms: Option<Terms>,
    weights: ImportedWeights,
    ids: HashMap<String, u32>,
    idf: Vec<f32>,
    /// IDF of a term no expectation uses (the largest): it makes a claim
    /// less like every expectation.
    unknown_idf: f32,
    /// Per term, its IDF over the areas when [`ImportedWeights::area_idf`]
    /// (empty otherwise: the area profiles use `idf`), and that of a term no
    /// area uses.
    area_idf: Vec<f32>,
    unknown_area_idf: f32,
    /// Area index of each expectation.
    area_of: Vec<usize>,
    own: Vec<Sparse>,
    areas: Vec<Sparse>,
    /// Normalised embeddings (empty when both semantic weights are 0).
    own_embedding: Vec<Vec<f32>>,
    area_embedding: Vec<Vec<f32>>,
    /// Per area, its name's TF-IDF vector and normalised embedding (the
    /// embeddings empty when the semantic signal is off).
    names: Vec<Sparse>,
    name_embedding: Vec<Vec<f32>>,
    /// The score at or above which a claim maps, in 0..=1, calibrated from
    /// the level's own texts (see [`ImportedModel::new`]).
    pub cutoff: f32,
}

/// What a model is built from: per expectation, its terms, area index and
/// embedding; per area, its name's terms and embedding (the embeddings
/// empty when the semantic signal is off).
struct Parts<'a> {
    lists: &'a [Vec<String>],
    area_of: &'a [usize],
    embeddings: &'a [Vec<f32>],
    names: &'a [Vec<String>],
    name_embeddings: &'a [Vec<f32>],
}

/// [`Parts`], owned.
struct OwnedParts {
    lists: Vec<Vec<String>>,
    area_of: Vec<usize>,
    embeddings: Vec<Vec<f32>>,
    names: Vec<Vec<String>>,
    name_embeddings: Vec<Vec<f32>>,
}

impl OwnedParts {
    fn borrow(&self) -> Parts<'_> {
        Parts {
            lists: &self.lists,
            area_of: &self.area_of,
            embeddings: &self.embeddings,
            names: &self.names,
            name_embeddings: &self.name_embeddings,
        }
    }
}

/// The cutoff of a level too small to calibrate.
pub const DEFAULT_CUTOFF: f32 = 0.2;
/// At most this many texts are scored to calibrate a level's cutoff (each
/// rebuilds the model without itself).
pub const CALIBRATION_QUERIES: usize = 60;

/// `text`'s terms with repeats, and the bigrams of adjacent terms when `bigrams`.
fn term_list(terms: &Terms, text: &str, bigrams: bool) -> Vec<String> {
    let mut out = terms.all(text);
    if bigrams {
        let pairs: Vec<String> = out.windows(2).map(|w| format!("{} {}", w[0], w[1])).collect();
        out.extend(pairs);
    }
    out
}

/// Term → count.
/// Each term's count, ordered by term: term ids and every sum over a profile
/// then come in the same order each run (a hash map's order would change the
/// last digit of a score from run to run).
fn counts(list: &[String]) -> BTreeMap<&str, f32> {
    let mut c: BTreeMap<&str, f32> = BTreeMap::new();
    for t in list {
        *c.entry(t.as_str()).or_default() += 1.0;
    }
    c
}

/// The normalised vector of `c` (sublinear tf) under `idf`, by term id.
fn weighted(c: &BTreeMap<&str, f32>, ids: &HashMap<String, u32>, idf: &[f32]) -> Sparse {
    let mut v: Sparse = c.iter().map(|(t, n)| (ids[*t], (1.0 + n.ln()) * idf[ids[*t] as usize])).collect();
    v.sort_unstable_by_key(|p| p.0);
    let norm = v.iter().map(|p| p.1 * p.1).sum::<f32>().sqrt();
    v.iter_mut().for_each(|p| p.1 /= norm.max(f32::MIN_POSITIVE));
    v
}

fn dot(a: &Sparse, b: &Sparse) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0f32);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum.clamp(0.0, 1.0)
}

impl ImportedModel {
    /// Builds the model of `expectations` (their texts and areas only) with
    /// the tokenizer `terms` and the mix `weights`, and calibrates its
    /// cutoff ([`ImportedModel::cutoff`]).
    pub fn new(expectations: &[Expectation], terms: Terms, weights: ImportedWeights) -> Self {
        let (mut model, parts) = Self::prepare(expectations, terms, weights);
        model.cutoff = model.calibrate(expectations, &parts.borrow());
        model
    }

    /// [`ImportedModel::new`] without the calibration (the cutoff is
    /// [`DEFAULT_CUTOFF`]): for ranking only, as the design tasks and the
    /// import benchmark use it, at a fraction of the cost.
    pub fn uncalibrated(expectations: &[Expectation], terms: Terms, weights: ImportedWeights) -> Self {
        Self::prepare(expectations, terms, weights).0
    }

    fn prepare(expectations: &[Expectation], terms: Terms, weights: ImportedWeights) -> (Self, OwnedParts) {
        let lists: Vec<Vec<String>> =
            expectations.iter().map(|e| term_list(&terms, &e.text, weights.bigrams)).collect();
        let mut area_names: Vec<&str> = Vec::new();
        let area_of: Vec<usize> = expectations
            .iter()
            .map(|e| {
                area_names.iter().position(|a| *a == e.area).unwrap_or_else(|| {
                    area_names.push(&e.area);
                    area_names.len() - 1
                })
            })
            .collect();
        let (embeddings, name_embeddings): (Vec<Vec<f32>>, Vec<Vec<f32>>) = if weights.semantic() {
            let table = StaticEmbedding::builtin();
            (
                expectations.iter().map(|e| table.embed(&e.text)).collect(),
                area_names.iter().map(|a| table.embed(a)).collect(),
            )
        } else {
            (Vec::new(), Vec::new())
        };
        let names = area_names.iter().map(|a| term_list(&terms, a, weights.bigrams)).collect();
        let parts = OwnedParts { lists, area_of, embeddings, names, name_embeddings };
        (Self::build(Some(terms), weights, &parts.borrow(), None), parts)
    }

    /// The model of the expectations in `parts`, but `left_out`.
    fn build(
        terms: Option<Terms>,
        weights: ImportedWeights,
        parts: &Parts<'_>,
        left_out: Option<usize>,
    ) -> Self {
        let keep: Vec<usize> = (0..parts.lists.len()).filter(|&i| Some(i) != left_out).collect();
        let areas_n = parts.area_of.iter().max().map_or(0, |a| a + 1);
        let area_of: Vec<usize> = keep.iter().map(|&i| parts.area_of[i]).collect();
        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut df: Vec<f32> = Vec::new();
        let kept_counts: Vec<BTreeMap<&str, f32>> = keep.iter().map(|&i| counts(&parts.lists[i])).collect();
        for c in &kept_counts {
            for t in c.keys() {
                let next = ids.len() as u32;
                let id = *ids.entry((*t).to_owned()).or_insert(next);
                if id as usize == df.len() {
                    df.push(0.0);
                }
                df[id as usize] += 1.0;
            }
        }
        // Terms only the areas' names use get an id too, with no document
        // frequency: their IDF is that of a term no expectation uses, as
        // it is in a claim's norm, so the other parts do not change.
        let name_counts: Vec<BTreeMap<&str, f32>> = parts.names.iter().map(|l| counts(l)).collect();
        for t in name_counts.iter().flat_map(|c| c.keys()) {
            if !ids.contains_key(*t) {
                ids.insert((*t).to_owned(), ids.len() as u32);
                df.push(0.0);
            }
        }
        let n = keep.len().max(1) as f32;
        let idf: Vec<f32> = df.iter().map(|d| (1.0 + n / d.max(1.0)).ln()).collect();
        let vector = |c: &BTreeMap<&str, f32>| weighted(c, &ids, &idf);
        let own: Vec<Sparse> = kept_counts.iter().map(&vector).collect();
        let names: Vec<Sparse> = name_counts.iter().map(&vector).collect();
        // An area's profile: its expectations' counts added up (whole
        // numbers, so the sum is exact).
        let mut area_counts: Vec<BTreeMap<&str, f32>> = vec![BTreeMap::new(); areas_n];
        for (c, &a) in kept_counts.iter().zip(&area_of) {
            for (t, n) in c {
                *area_counts[a].entry(*t).or_default() += n;
            }
        }
        // Over the areas, a term's IDF counts the areas whose texts use it.
        let areas_kept = area_counts.iter().filter(|c| !c.is_empty()).count().max(1) as f32;
        let area_idf: Vec<f32> = if weights.area_idf {
            let mut area_df = vec![0.0f32; df.len()];
            for c in &area_counts {
                for t in c.keys() {
                    area_df[ids[*t] as usize] += 1.0;
                }
            }
            area_df.iter().map(|d| (1.0 + areas_kept / d.max(1.0)).ln()).collect()
        } else {
            Vec::new()
        };
        let areas: Vec<Sparse> = if weights.area_idf {
            area_counts.iter().map(|c| weighted(c, &ids, &area_idf)).collect()
        } else {
            area_counts.iter().map(&vector).collect()
        };
        let (mut own_embedding, mut area_embedding) = (Vec::new(), Vec::new());
        if !parts.embeddings.is_empty() {
            own_embedding = keep.iter().map(|&i| parts.embeddings[i].clone()).collect();
            let dims = parts.embeddings.first().map_or(0, Vec::len);
            area_embedding = (0..areas_n)
                .map(|a| {
                    let mut sum = vec![0.0f32; dims];
                    for v in keep.iter().filter(|&&i| parts.area_of[i] == a).map(|&i| &parts.embeddings[i]) {
                        sum.iter_mut().zip(v).for_each(|(s, x)| *s += x);
                    }
                    normalise(&mut sum);
                    sum
                })
                .collect();
        }
        let name_embedding = parts.name_embeddings.to_vec();
        ImportedModel {
            terms,
            weights,
            ids,
            idf,
            unknown_idf: (1.0 + n).ln(),
            area_idf,
            unknown_area_idf: (1.0 + areas_kept).ln(),
            area_of,
            own,
            areas,
            own_embedding,
            area_embedding,
            names,
            name_embedding,
            cutoff: DEFAULT_CUTOFF,
        }
    }

    /// The level's cutoff from its own texts, leave-one-out: each
    /// expectation's text (at most [`CALIBRATION_QUERIES`] of them, evenly
    /// spread) is scored by the model of the others; its best score among
    /// the expectations of its own area is a positive, its best among the
    /// other areas a negative, and the cutoff is the F1-best separation
    /// (halfway between the last score kept and the next), clamped to
    /// 0.05..=0.5. [`DEFAULT_CUTOFF`] when fewer than five texts have an area
    /// of two or more.
    fn calibrate(&self, expectations: &[Expectation], parts: &Parts<'_>) -> f32 {
        let n = expectations.len();
        let step = n.div_ceil(CALIBRATION_QUERIES).max(1);
        let mut points: Vec<(f32, bool)> = Vec::new();
        for i in (0..n).step_by(step) {
            let (mine, others): (Vec<usize>, Vec<usize>) =
                (0..n).filter(|&j| j != i).partition(|&j| parts.area_of[j] == parts.area_of[i]);
            if mine.is_empty() || others.is_empty() {
                continue;
            }
            let model = Self::build(None, self.weights, parts, Some(i));
            let scores = model.scores_of(&parts.lists[i], parts.embeddings.get(i).map(Vec::as_slice));
            // Indexes into the left-out model skip `i`.
            let at = |j: usize| scores[if j > i { j - 1 } else { j }];
            points.push((mine.iter().map(|&j| at(j)).fold(0.0, f32::max), true));
            points.push((others.iter().map(|&j| at(j)).fold(0.0, f32::max), false));
        }
        if points.len() < 10 {
            return DEFAULT_CUTOFF;
        }
        super::score::f1_best_cutoff(&mut points, DEFAULT_CUTOFF).clamp(0.05, 0.5)
    }

    /// How many expectations the model holds.
    pub fn len(&self) -> usize {
        self.own.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.own.is_empty()
    }

    /// `text`'s normalised TF-IDF vector over the level's terms, weighed by
    /// `idf` (terms the level never uses count in the norm only, at `unknown`).
    fn query(&self, list: &[String], idf: &[f32], unknown: f32) -> Sparse {
        let mut norm = 0.0f32;
        let mut v: Sparse = Vec::new();
        for (t, n) in counts(list) {
            let tf = 1.0 + n.ln();
            match self.ids.get(t) {
                Some(&id) => {
                    let w = tf * idf[id as usize];
                    norm += w * w;
                    v.push((id, w));
                }
                None => norm += (tf * unknown).powi(2),
            }
        }
        v.sort_unstable_by_key(|p| p.0);
        let norm = norm.sqrt();
        if norm > 0.0 {
            v.iter_mut().for_each(|p| p.1 /= norm);
        }
        v
    }

    /// The score of `text` against every expectation, in expectation order,
    /// each in 0..=1.
    pub fn scores(&self, text: &str) -> Vec<f32> {
        let list = self.terms.as_ref().map(|t| term_list(t, text, self.weights.bigrams)).unwrap_or_default();
        let embedding = (!self.own_embedding.is_empty()).then(|| StaticEmbedding::builtin().embed(text));
        self.scores_of(&list, embedding.as_deref())
    }

    /// The scores of a text whose terms are `list` and whose embedding is
    /// `embedding` (`None` when the semantic signal is off).
    fn scores_of(&self, list: &[String], embedding: Option<&[f32]>) -> Vec<f32> {
        let w = self.weights;
        self.components_of(list, embedding).iter().map(|c| w.combine(c)).collect()
    }

    /// Per expectation, the six parts of the score before they are mixed
    /// ([`Parts6`]; the semantic ones 0 when the model was built with no
    /// semantic weight). For weighing many mixes on one model.
    pub fn components(&self, text: &str) -> Vec<Parts6> {
        let list = self.terms.as_ref().map(|t| term_list(t, text, self.weights.bigrams)).unwrap_or_default();
        let embedding = (!self.own_embedding.is_empty()).then(|| StaticEmbedding::builtin().embed(text));
        self.components_of(&list, embedding.as_deref())
    }

    fn components_of(&self, list: &[String], embedding: Option<&[f32]>) -> Vec<Parts6> {
        let q = self.query(list, &self.idf, self.unknown_idf);
        let area_q = if self.area_idf.is_empty() {
            None
        } else {
            Some(self.query(list, &self.area_idf, self.unknown_area_idf))
        };
        let area_lexical: Vec<f32> =
            self.areas.iter().map(|a| dot(area_q.as_ref().unwrap_or(&q), a)).collect();
        let name_lexical: Vec<f32> = self.names.iter().map(|a| dot(&q, a)).collect();
        let semantic = |of: &[Vec<f32>], n: usize| match embedding {
            Some(v) if !of.is_empty() => of.iter().map(|e| cosine(v, e).max(0.0)).collect(),
            _ => vec![0.0; n],
        };
        let own_semantic = semantic(&self.own_embedding, self.len());
        let area_semantic = semantic(&self.area_embedding, self.areas.len());
        let name_semantic = semantic(&self.name_embedding, self.areas.len());
        (0..self.len())
            .map(|e| {
                let a = self.area_of[e];
                [
                    dot(&q, &self.own[e]),
                    area_lexical[a],
                    own_semantic[e],
                    area_semantic[a],
                    name_lexical[a],
                    name_semantic[a],
                ]
            })
            .collect()
    }

    /// The expectations `text` maps to: every score at or above
    /// [`ImportedModel::cutoff`], best first, at most `max_per_claim`; ties
    /// go to ladder order. The rest, best first, are its ranked expectations
    /// below the cutoff. Indexes are into the level's expectations, scores in 0..=1.
    pub fn decide(&self, text: &str, max_per_claim: usize) -> (super::score::Scored, super::score::Scored) {
        let mut scored: Vec<(usize, f32)> = self.scores(text).into_iter().enumerate().collect();
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let split = scored.iter().take(max_per_claim).take_while(|(_, s)| *s >= self.cutoff).count();
        let below = scored.split_off(split);
        (scored, below)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::vocabulary::Vocabulary;
    use crate::rules::{Expectation, Origin};
    use crate::source::FileId;

    fn expectation(area: &str, text: &str) -> Expectation {
        let id = text.split(' ').next().unwrap_or("e").to_lowercase();
        Expectation::plain(id, area.to_owned(), text.to_owned(), Origin { file: FileId(0), range: 0..0 })
    }

    fn ladder() -> Vec<Expectation> {
        let mut out = Vec::new();
        for (area, texts) in [
            (
                "People",
                [
                    "Mentors junior engineers and grows their skills",
                    "Coaches peers through code review feedback",
                    "Supports the hiring and onboarding of new engineers",
                ],
            ),
            (
                "Delivery",
                [
                    "Ships projects on schedule with clear milestones",
                    "Breaks large projects into incremental releases",
                    "Keeps production services reliable and monitored",
                ],
            ),
            (
                "Design",
                [
                    "Designs systems that scale with traffic growth",
                    "Writes technical design documents for review",
                    "Chooses databases and storage for each workload",
                ],
            ),
        ] {
            out.extend(texts.iter().map(|t| expectation(area, t)));
        }
        out
    }

    fn model() -> ImportedModel {
        let vocabulary = Vocabulary {
            stop_words: vec!["the".into(), "and".into(), "for".into(), "with".into()],
            concepts: Vec::new(),
        };
        ImportedModel::new(&ladder(), Terms::new(&vocabulary), SHIPPED)
    }

    #[test]
    fn a_claim_maps_to_the_expectation_it_is_about_and_nowhere_else() {
        let model = model();
        assert!((0.05..=0.5).contains(&model.cutoff), "{}", model.cutoff);
        let (maps, _) = model.decide("Mentored two junior engineers on the payments team", 5);
        assert_eq!(maps.first().map(|m| m.0), Some(0), "{maps:?}");
        // Every expectation of its area ranks above every other area's.
        let scores = model.scores("Mentored two junior engineers on the payments team");
        let people = scores[..3].iter().copied().fold(1.0f32, f32::min);
        assert!(scores[3..].iter().all(|s| *s < people), "{scores:?}");
        let (maps, below) = model.decide("Went to the company ski trip in January", 5);
        assert!(maps.is_empty(), "{maps:?}");
        assert!(below.iter().all(|(_, s)| (0.0..=1.0).contains(s)));
    }

    #[test]
    fn the_areas_own_idf_weighs_a_word_of_one_area_above_a_word_of_every_area() {
        // "review" is in a People text and a Design text, "projects" in two
        // Delivery texts: over the expectations both are in two texts, over
        // the areas "projects" is one area's word and "review" two areas'.
        let vocabulary = Vocabulary { stop_words: vec!["the".into(), "and".into()], concepts: Vec::new() };
        let by = |area_idf| {
            let w = ImportedWeights { area_idf, ..SHIPPED };
            ImportedModel::uncalibrated(&ladder(), Terms::new(&vocabulary), w).components("review projects")
        };
        let (plain, own_area) = (by(false), by(true));
        // Area-lexical (part 1) of Delivery (index 3) against People (index 0).
        let lead = |c: &[Parts6]| c[3][1] - c[0][1];
        assert!(lead(&own_area) > lead(&plain), "{plain:?} {own_area:?}");
        // The other parts are the same either way.
        for (a, b) in plain.iter().zip(&own_area) {
            assert_eq!((a[0], a[2], a[3]), (b[0], b[2], b[3]));
        }
    }

    #[test]
    fn the_areas_names_count_only_in_their_own_parts() {
        // The same ladder under other area names: "Delivery" becomes
        // "Reliability", a word no expectation uses.
        let vocabulary = Vocabulary { stop_words: vec!["the".into(), "and".into()], concepts: Vec::new() };
        let renamed: Vec<Expectation> = ladder()
            .into_iter()
            .map(|e| Expectation {
                area: if e.area == "Delivery" { "Reliability".into() } else { e.area.clone() },
                ..e
            })
            .collect();
        let w = ImportedWeights { name_lexical: 1.0, name_semantic: 1.0, ..SHIPPED };
        let by = |ladder: &[Expectation]| {
            ImportedModel::uncalibrated(ladder, Terms::new(&vocabulary), w).components("Improved reliability")
        };
        let (plain, named) = (by(&ladder()), by(&renamed));
        // Name-lexical: only the renamed area's expectations (3..6) meet the claim's word.
        assert!(named[3..6].iter().all(|p| p[4] > 0.0), "{named:?}");
        assert!(named[..3].iter().chain(&named[6..]).all(|p| p[4] == 0.0), "{named:?}");
        assert!(plain.iter().all(|p| p[4] == 0.0), "{plain:?}");
        // The other lexical and semantic parts do not move with the names.
        for (a, b) in plain.iter().zip(&named) {
            assert_eq!(a[..4], b[..4]);
        }
        // And the mix puts the named area first.
        let model = ImportedModel::uncalibrated(&renamed, Terms::new(&vocabulary), w);
        let scores = model.scores("Improved reliability");
        let best = (0..scores.len()).max_by(|&a, &b| scores[a].total_cmp(&scores[b]));
        assert!(matches!(best, Some(3..=5)), "{scores:?}");
    }

    #[test]
    fn an_empty_ladder_or_text_scores_nothing() {
        let vocabulary = Vocabulary { stop_words: Vec::new(), concepts: Vec::new() };
        let empty = ImportedModel::new(&[], Terms::new(&vocabulary), SHIPPED);
        assert!(empty.scores("Mentored two juniors").is_empty());
        assert!(model().scores("").iter().all(|s| *s == 0.0));
    }
}
