//! The mapping score of a level whose expectations have no patterns (a
//! company's ladder brought in by `rules import`): what the expectation texts
//! alone say, read as one ladder text against another.
//!
//! For a claim and an expectation the score is a fixed mix, in 0..=1, of four
//! similarities ([`ImportedWeights`] says how much each counts):
//!
//! - `own-lexical`: cosine of sublinear TF-IDF vectors (`1 + ln tf` times
//!   `ln(1 + n / df)` over the level's expectations) of stemmed terms, stop
//!   words out, concept groups joined ([`Terms`]), plus the bigrams of
//!   adjacent terms, between the claim and the expectation's text;
//! - `area-lexical`: the same cosine against the expectation's area: every
//!   expectation text of that area read as one profile (what the area is
//!   about, not only this one sentence);
//! - `own-semantic`, `area-semantic`: cosine of the static MiniLM embedding
//!   ([`StaticEmbedding`]) of the claim and of the expectation's text, and of
//!   its area's mean embedding (negative cosines count as 0).
//!
//! The weights were fixed on ladder-only data before the public import
//! benchmark was run with them (see `docs/mapping.md`, "Imported ladders").
//! The decision cutoff comes from the level's own texts ([`ImportedModel::cutoff`]).

use std::collections::HashMap;

use super::semantic::{StaticEmbedding, cosine};
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
    /// Whether bigrams of adjacent terms count as terms too.
    pub bigrams: bool,
}

/// The shipped weights, chosen on the built-in ladders' own texts and
/// examples (patterns and examples removed from the ladder), never on the
/// import benchmark's data.
pub const SHIPPED: ImportedWeights = ImportedWeights {
    own_lexical: 1.0,
    area_lexical: 1.0,
    own_semantic: 0.5,
    area_semantic: 0.0,
    bigrams: true,
};

/// Sparse, L2-normalised term weights, sorted by term id.
type Sparse = Vec<(u32, f32)>;

/// An imported level's expectations, ready to score claims against.
#[derive(Debug)]
pub struct ImportedModel {
    terms: Terms,
    weights: ImportedWeights,
    ids: HashMap<String, u32>,
    idf: Vec<f32>,
    /// IDF of a term no expectation uses (the largest): it makes a claim
    /// less like every expectation.
    unknown_idf: f32,
    /// Area index of each expectation.
    area_of: Vec<usize>,
    own: Vec<Sparse>,
    areas: Vec<Sparse>,
    /// Normalised embeddings (empty when both semantic weights are 0).
    own_embedding: Vec<Vec<f32>>,
    area_embedding: Vec<Vec<f32>>,
}

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
fn counts(list: &[String]) -> HashMap<&str, f32> {
    let mut c: HashMap<&str, f32> = HashMap::new();
    for t in list {
        *c.entry(t.as_str()).or_default() += 1.0;
    }
    c
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

fn normalise(v: &mut [f32]) {
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        v.iter_mut().for_each(|x| *x /= norm);
    }
}

impl ImportedModel {
    /// Builds the model of `expectations` (their texts and areas only) with
    /// the tokenizer `terms` and the mix `weights`.
    pub fn new(expectations: &[Expectation], terms: Terms, weights: ImportedWeights) -> Self {
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
        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut df: Vec<f32> = Vec::new();
        for list in &lists {
            for t in counts(list).keys() {
                let next = ids.len() as u32;
                let id = *ids.entry((*t).to_owned()).or_insert(next);
                if id as usize == df.len() {
                    df.push(0.0);
                }
                df[id as usize] += 1.0;
            }
        }
        let n = expectations.len().max(1) as f32;
        let idf: Vec<f32> = df.iter().map(|d| (1.0 + n / d.max(1.0)).ln()).collect();
        let vector = |c: &HashMap<&str, f32>| -> Sparse {
            let mut v: Sparse =
                c.iter().map(|(t, n)| (ids[*t], (1.0 + n.ln()) * idf[ids[*t] as usize])).collect();
            v.sort_unstable_by_key(|p| p.0);
            let norm = v.iter().map(|p| p.1 * p.1).sum::<f32>().sqrt();
            v.iter_mut().for_each(|p| p.1 /= norm.max(f32::MIN_POSITIVE));
            v
        };
        let own: Vec<Sparse> = lists.iter().map(|l| vector(&counts(l))).collect();
        let areas: Vec<Sparse> = (0..area_names.len())
            .map(|a| {
                let all: Vec<String> = lists
                    .iter()
                    .zip(&area_of)
                    .filter(|(_, x)| **x == a)
                    .flat_map(|(l, _)| l.clone())
                    .collect();
                vector(&counts(&all))
            })
            .collect();
        let (mut own_embedding, mut area_embedding) = (Vec::new(), Vec::new());
        if weights.own_semantic > 0.0 || weights.area_semantic > 0.0 {
            let table = StaticEmbedding::builtin();
            own_embedding = expectations.iter().map(|e| table.embed(&e.text)).collect();
            area_embedding = (0..area_names.len())
                .map(|a| {
                    let mut sum = vec![0.0f32; table.dims()];
                    for (v, _) in own_embedding.iter().zip(&area_of).filter(|(_, x)| **x == a) {
                        sum.iter_mut().zip(v).for_each(|(s, x)| *s += x);
                    }
                    normalise(&mut sum);
                    sum
                })
                .collect();
        }
        ImportedModel {
            terms,
            weights,
            ids,
            idf,
            unknown_idf: (1.0 + n).ln(),
            area_of,
            own,
            areas,
            own_embedding,
            area_embedding,
        }
    }

    /// How many expectations the model holds.
    pub fn len(&self) -> usize {
        self.own.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.own.is_empty()
    }

    /// `text`'s normalised TF-IDF vector over the level's terms (terms the
    /// level never uses count in the norm only).
    fn query(&self, text: &str) -> Sparse {
        let list = term_list(&self.terms, text, self.weights.bigrams);
        let mut norm = 0.0f32;
        let mut v: Sparse = Vec::new();
        for (t, n) in counts(&list) {
            let tf = 1.0 + n.ln();
            match self.ids.get(t) {
                Some(&id) => {
                    let w = tf * self.idf[id as usize];
                    norm += w * w;
                    v.push((id, w));
                }
                None => norm += (tf * self.unknown_idf).powi(2),
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
        let w = self.weights;
        let total = w.own_lexical + w.area_lexical + w.own_semantic + w.area_semantic;
        if total <= 0.0 {
            return vec![0.0; self.len()];
        }
        let q = self.query(text);
        let area_lexical: Vec<f32> = self.areas.iter().map(|a| dot(&q, a)).collect();
        let (own_semantic, area_semantic): (Vec<f32>, Vec<f32>) = if self.own_embedding.is_empty() {
            (vec![0.0; self.len()], vec![0.0; self.areas.len()])
        } else {
            let v = StaticEmbedding::builtin().embed(text);
            (
                self.own_embedding.iter().map(|e| cosine(&v, e).max(0.0)).collect(),
                self.area_embedding.iter().map(|e| cosine(&v, e).max(0.0)).collect(),
            )
        };
        (0..self.len())
            .map(|e| {
                let a = self.area_of[e];
                let s = w.own_lexical * dot(&q, &self.own[e])
                    + w.area_lexical * area_lexical[a]
                    + w.own_semantic * own_semantic[e]
                    + w.area_semantic * area_semantic[a];
                (s / total).clamp(0.0, 1.0)
            })
            .collect()
    }
}
