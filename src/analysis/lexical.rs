//! The lexical signals: how much of an expectation's vocabulary a claim uses.
//!
//! Each expectation has a *profile*: the terms of its text (counted twice: the
//! ladder's own words), of its examples, and the literal words of its
//! patterns. Terms are weighted by inverse document frequency over the level's
//! profiles, so words every expectation uses count little. The model gives,
//! for a claim's terms and each expectation: the TF-IDF cosine with the
//! profile, the share of the expectation's own text weight that the claim
//! covers, and the number of text terms they share. One rule for every
//! expectation, with or without patterns.

use std::collections::{BTreeMap, HashMap};

use super::terms::Terms;
use crate::rules::Expectation;

/// Term id → (expectation, count of the term in its profile).
type Postings = Vec<Vec<(usize, f32)>>;

/// A claim's terms, resolved against a [`LexicalModel`].
#[derive(Debug, Clone, Default)]
pub struct ClaimTerms {
    /// Ids of the terms the level knows, distinct and sorted.
    known: Vec<u32>,
    /// Euclidean norm of the claim's IDF vector (unknown terms included, at
    /// the largest IDF: they make the claim less like every expectation).
    norm: f32,
    /// Number of distinct terms.
    pub count: usize,
}

/// The lexical signals of one (claim, expectation) pair, each in 0..=1.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Lexical {
    /// TF-IDF cosine of the claim and the expectation's profile.
    pub cosine: f32,
    /// Share of the expectation's own text weight that the claim's terms cover.
    pub text_share: f32,
    /// Number of the expectation's own text terms the claim shares.
    pub text_shared: usize,
    /// Number of the claim's terms that are in the expectation's profile.
    pub profile_shared: usize,
}

/// The expectations of one level as weighted profiles.
#[derive(Debug)]
pub struct LexicalModel {
    terms: Terms,
    ids: HashMap<String, u32>,
    idf: Vec<f32>,
    unknown_idf: f32,
    postings: Postings,
    /// Per expectation: profile term counts and the profile's norm. Ordered
    /// by term, so that sums over a profile add in the same order every run
    /// (a hash map's order would change the last digit of a score).
    profiles: Vec<(BTreeMap<u32, f32>, f32)>,
    /// Per expectation: its own text's terms and their total IDF.
    texts: Vec<(Vec<u32>, f32)>,
}

/// Letter runs of a regex source that are words of the pattern (`\bmentor(ed|ing)?`
/// gives `mentor`), escapes and suffix fragments left out.
fn pattern_words(pattern: &str) -> String {
    const FRAGMENTS: &[&str] = &["ing", "ies", "ers", "ion", "ions", "ment", "ness", "est", "ful"];
    let mut out = String::new();
    let mut chars = pattern.chars().peekable();
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if word.len() >= 3 && !FRAGMENTS.contains(&word.as_str()) {
            out.push_str(word);
            out.push(' ');
        }
        word.clear();
    };
    while let Some(c) = chars.next() {
        if c == '\\' {
            flush(&mut word, &mut out);
            chars.next();
        } else if c.is_alphabetic() {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
        }
    }
    flush(&mut word, &mut out);
    out
}

impl LexicalModel {
    /// Builds the profiles of `expectations` with the tokenizer `terms`.
    pub fn new(expectations: &[Expectation], terms: Terms) -> Self {
        let mut ids: HashMap<String, u32> = HashMap::new();
        let intern = |t: String, ids: &mut HashMap<String, u32>| -> u32 {
            let next = ids.len() as u32;
            *ids.entry(t).or_insert(next)
        };
        let mut counts: Vec<BTreeMap<u32, f32>> = Vec::with_capacity(expectations.len());
        let mut text_terms = Vec::with_capacity(expectations.len());
        for e in expectations {
            let mut c: BTreeMap<u32, f32> = BTreeMap::new();
            let own: Vec<u32> = terms.of(&e.text).into_iter().map(|t| intern(t, &mut ids)).collect();
            for t in terms.all(&e.text) {
                *c.entry(intern(t, &mut ids)).or_default() += 2.0;
            }
            let extra = e.examples.iter().cloned().chain(e.patterns.iter().map(|p| pattern_words(p)));
            for text in extra {
                for t in terms.all(&text) {
                    *c.entry(intern(t, &mut ids)).or_default() += 1.0;
                }
            }
            counts.push(c);
            text_terms.push(own);
        }
        let n = expectations.len().max(1) as f32;
        let mut df = vec![0.0f32; ids.len()];
        for c in &counts {
            for &t in c.keys() {
                df[t as usize] += 1.0;
            }
        }
        let idf: Vec<f32> = df.iter().map(|d| (1.0 + n / d.max(1.0)).ln()).collect();
        let mut postings: Postings = vec![Vec::new(); ids.len()];
        let profiles = counts
            .into_iter()
            .enumerate()
            .map(|(e, c)| {
                let norm = c.iter().map(|(t, n)| (n * idf[*t as usize]).powi(2)).sum::<f32>().sqrt();
                for (&t, &n) in &c {
                    postings[t as usize].push((e, n));
                }
                (c, norm)
            })
            .collect();
        let texts = text_terms
            .into_iter()
            .map(|own| {
                let total = own.iter().map(|t| idf[*t as usize]).sum();
                (own, total)
            })
            .collect();
        LexicalModel { terms, ids, idf, unknown_idf: (1.0 + n).ln(), postings, profiles, texts }
    }

    /// The tokenizer.
    pub fn tokenizer(&self) -> &Terms {
        &self.terms
    }

    /// Resolves a text's terms against the level.
    pub fn claim_terms(&self, text: &str) -> ClaimTerms {
        let all = self.terms.of(text);
        let mut known = Vec::new();
        let mut norm = 0.0;
        for t in &all {
            match self.ids.get(t) {
                Some(&id) => {
                    known.push(id);
                    norm += self.idf[id as usize].powi(2);
                }
                None => norm += self.unknown_idf.powi(2),
            }
        }
        known.sort_unstable();
        ClaimTerms { known, norm: f32::sqrt(norm), count: all.len() }
    }

    /// The lexical signals of `claim` against every expectation, in
    /// expectation order.
    pub fn score_all(&self, claim: &ClaimTerms) -> Vec<Lexical> {
        let mut dot = vec![0.0f32; self.profiles.len()];
        let mut shared = vec![0usize; self.profiles.len()];
        for &t in &claim.known {
            let idf = self.idf[t as usize];
            for &(e, n) in &self.postings[t as usize] {
                dot[e] += n * idf * idf;
                shared[e] += 1;
            }
        }
        dot.iter()
            .enumerate()
            .map(|(e, &d)| Lexical {
                profile_shared: shared[e],
                ..self.signals(e, claim, d, self.profiles[e].1)
            })
            .collect()
    }

    /// The lexical signals of `claim` against expectation `e` with `left_out`
    /// (terms with repeats, as [`Terms::all`] gives them, each counted once)
    /// taken out of its profile: how an example scores when it did not help
    /// build the profile it is scored against.
    pub fn score_without(&self, e: usize, claim: &ClaimTerms, left_out: &[String]) -> Lexical {
        let (profile, _) = &self.profiles[e];
        let mut removed: HashMap<u32, f32> = HashMap::new();
        for t in left_out {
            if let Some(&id) = self.ids.get(t) {
                *removed.entry(id).or_default() += 1.0;
            }
        }
        let count = |t: u32| {
            (profile.get(&t).copied().unwrap_or(0.0) - removed.get(&t).copied().unwrap_or(0.0)).max(0.0)
        };
        let norm = profile.keys().map(|&t| (count(t) * self.idf[t as usize]).powi(2)).sum::<f32>().sqrt();
        let dot: f32 = claim.known.iter().map(|&t| count(t) * self.idf[t as usize].powi(2)).sum();
        let profile_shared = claim.known.iter().filter(|&&t| count(t) > 0.0).count();
        Lexical { profile_shared, ..self.signals(e, claim, dot, norm) }
    }

    fn signals(&self, e: usize, claim: &ClaimTerms, dot: f32, profile_norm: f32) -> Lexical {
        let cosine =
            if profile_norm > 0.0 && claim.norm > 0.0 { dot / (profile_norm * claim.norm) } else { 0.0 };
        let (own, total) = &self.texts[e];
        let mut shared = 0;
        let mut weight = 0.0;
        for t in own {
            if claim.known.binary_search(t).is_ok() {
                shared += 1;
                weight += self.idf[*t as usize];
            }
        }
        let text_share = if *total > 0.0 { weight / total } else { 0.0 };
        Lexical {
            cosine: cosine.clamp(0.0, 1.0),
            text_share: text_share.clamp(0.0, 1.0),
            text_shared: shared,
            profile_shared: 0,
        }
    }

    /// How many expectations the model holds.
    pub fn len(&self) -> usize {
        self.profiles.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.profiles.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pattern_words_keep_words_and_drop_escapes_and_fragments() {
        assert_eq!(pattern_words(r"\bmentor(ed|ing)?\b"), "mentor ");
        assert_eq!(pattern_words(r"\bcross[- ](team|discipline)\b"), "cross team discipline ");
    }
}
