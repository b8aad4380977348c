//! Text similarity between a claim and an expectation's own wording: the
//! fallback that lets a ladder without patterns map sensibly.
//!
//! Words are lowercased, stop words dropped, and stemmed (Snowball English).
//! Each expectation's terms are weighted by inverse document frequency over
//! the level's expectations, so words every expectation uses ("team",
//! "engineer") count little and rare ones ("playbook", "interview") count
//! much. The score is the share of the expectation's weight that the claim's
//! terms cover, in 0..=1.

use std::collections::{HashMap, HashSet};

use rust_stemmers::{Algorithm, Stemmer};

/// Words that carry no meaning for mapping: English function words and the
/// ladder boilerplate that every expectation shares.
const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "across",
    "after",
    "again",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "done",
    "each",
    "etc",
    "even",
    "ever",
    "every",
    "few",
    "for",
    "from",
    "further",
    "get",
    "got",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "him",
    "his",
    "how",
    "i",
    "ie",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "let",
    "like",
    "made",
    "make",
    "many",
    "may",
    "me",
    "might",
    "more",
    "most",
    "much",
    "must",
    "my",
    "myself",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "often",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "others",
    "our",
    "ours",
    "out",
    "over",
    "own",
    "per",
    "same",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "use",
    "used",
    "using",
    "very",
    "via",
    "was",
    "way",
    "we",
    "well",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "you",
    "your",
    "yours",
    "able",
    "ability",
    "ensure",
    "ensuring",
    "expected",
    "possible",
    "appropriate",
    "including",
    "e",
    "g",
    "eg",
    "s",
    "t",
    "ll",
    "ve",
    "re",
    "d",
    "m",
];

/// Turns text into stemmed content terms.
pub struct Terms {
    stemmer: Stemmer,
    stop: HashSet<&'static str>,
}

impl Default for Terms {
    fn default() -> Self {
        Terms { stemmer: Stemmer::create(Algorithm::English), stop: STOP_WORDS.iter().copied().collect() }
    }
}

impl std::fmt::Debug for Terms {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Terms")
    }
}

impl Terms {
    /// The distinct stemmed content terms of `text`, in order of first use.
    pub fn of(&self, text: &str) -> Vec<String> {
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for word in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
            let lower = word.to_lowercase();
            if self.stop.contains(lower.as_str()) || lower.chars().all(|c| c.is_ascii_digit()) {
                continue;
            }
            let stem = self.stemmer.stem(&lower).into_owned();
            if stem.len() >= 2 && seen.insert(stem.clone()) {
                out.push(stem);
            }
        }
        out
    }
}

/// The expectations of one level as weighted term sets.
#[derive(Debug)]
pub struct TextModel {
    terms: Terms,
    /// Per expectation: (term, weight) pairs and the total weight.
    expectations: Vec<(Vec<(String, f32)>, f32)>,
}

impl TextModel {
    /// Builds the model from each expectation's text.
    pub fn new<'a>(texts: impl IntoIterator<Item = &'a str>) -> Self {
        let terms = Terms::default();
        let docs: Vec<Vec<String>> = texts.into_iter().map(|t| terms.of(t)).collect();
        let n = docs.len().max(1) as f32;
        let mut df: HashMap<&str, f32> = HashMap::new();
        for doc in &docs {
            for t in doc {
                *df.entry(t.as_str()).or_default() += 1.0;
            }
        }
        let expectations = docs
            .iter()
            .map(|doc| {
                let weighted: Vec<(String, f32)> =
                    doc.iter().map(|t| (t.clone(), (1.0 + n / df[t.as_str()]).ln())).collect();
                let total = weighted.iter().map(|(_, w)| w).sum();
                (weighted, total)
            })
            .collect();
        TextModel { terms, expectations }
    }

    /// The stemmed content terms of a claim's text.
    pub fn terms(&self, text: &str) -> HashSet<String> {
        self.terms.of(text).into_iter().collect()
    }

    /// The share of expectation `index`'s term weight that `claim` covers, in
    /// 0..=1, and how many of its terms it shares.
    pub fn score(&self, index: usize, claim: &HashSet<String>) -> (f32, usize) {
        let (terms, total) = &self.expectations[index];
        if *total <= 0.0 {
            return (0.0, 0);
        }
        let mut shared = 0;
        let mut weight = 0.0;
        for (t, w) in terms {
            if claim.contains(t) {
                shared += 1;
                weight += w;
            }
        }
        (weight / total, shared)
    }

    /// How many expectations the model holds.
    pub fn len(&self) -> usize {
        self.expectations.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.expectations.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rare_shared_words_score_higher_than_common_ones() {
        let model = TextModel::new([
            "Teach and mentor engineers in technical growth",
            "Create and update playbooks for components the team owns",
            "Communicate technical decisions to the team",
        ]);
        let claim = model.terms("I mentored three engineers through their first on-call rotation");
        let (mentor, _) = model.score(0, &claim);
        let (playbook, _) = model.score(1, &claim);
        assert!(mentor > 0.3, "{mentor}");
        assert_eq!(playbook, 0.0);
        let stemmed = model.terms("Updated the playbooks");
        assert!(model.score(1, &stemmed).0 > model.score(2, &stemmed).0);
    }
}
