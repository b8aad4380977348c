//! Turning text into the stemmed content terms the lexical signal compares.
//!
//! Words are lowercased; a hyphenated compound gives its parts and the joined
//! word (`cross-team` → `cross`, `team`, `crossteam`); stop words and bare
//! numbers are dropped; the rest are stemmed (Snowball English). A word of a
//! concept group of the vocabulary becomes the group's concept term
//! (`~mentor`) instead of its stem, so that "coached two juniors" meets "teach
//! and mentor engineers" and the word is counted once, not twice.

use std::collections::{HashMap, HashSet};

use rust_stemmers::{Algorithm, Stemmer};

use crate::rules::vocabulary::Vocabulary;

/// A tokenizer built from a [`Vocabulary`].
pub struct Terms {
    stemmer: Stemmer,
    stop: HashSet<String>,
    /// Stem → the concept terms (`~mentor`) it stands for.
    concepts: HashMap<String, Vec<String>>,
}

impl std::fmt::Debug for Terms {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Terms")
            .field("stop", &self.stop.len())
            .field("concepts", &self.concepts.len())
            .finish()
    }
}

impl Terms {
    /// A tokenizer with `vocabulary`'s stop words and concept groups.
    pub fn new(vocabulary: &Vocabulary) -> Self {
        let stemmer = Stemmer::create(Algorithm::English);
        let mut concepts: HashMap<String, Vec<String>> = HashMap::new();
        for (concept, words) in &vocabulary.concepts {
            let term = format!("~{concept}");
            for w in words {
                let entry = concepts.entry(stemmer.stem(w).into_owned()).or_default();
                if !entry.contains(&term) {
                    entry.push(term.clone());
                }
            }
        }
        Terms { stemmer, stop: vocabulary.stop_words.iter().cloned().collect(), concepts }
    }

    /// The distinct terms of `text`, in order of first use.
    pub fn of(&self, text: &str) -> Vec<String> {
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        self.each(text, |t| {
            if seen.insert(t.to_owned()) {
                out.push(t.to_owned());
            }
        });
        out
    }

    /// Every term of `text` with repeats, in order: what term frequencies count.
    pub fn all(&self, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        self.each(text, |t| out.push(t.to_owned()));
        out
    }

    fn each(&self, text: &str, mut emit: impl FnMut(&str)) {
        for chunk in text.split(|c: char| !(c.is_alphanumeric() || c == '-')) {
            let parts: Vec<&str> = chunk.split('-').filter(|p| !p.is_empty()).collect();
            let joined = (parts.len() > 1).then(|| parts.concat());
            for word in parts.iter().copied().chain(joined.as_deref()) {
                self.word(word, &mut emit);
            }
        }
    }

    fn word(&self, word: &str, emit: &mut impl FnMut(&str)) {
        let lower = word.to_lowercase();
        if self.stop.contains(&lower) || lower.chars().all(|c| c.is_ascii_digit()) {
            return;
        }
        let stem = self.stemmer.stem(&lower);
        match self.concepts.get(stem.as_ref()) {
            Some(concepts) => concepts.iter().for_each(|c| emit(c)),
            None if stem.len() >= 2 => emit(&stem),
            None => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocabulary() -> Vocabulary {
        Vocabulary {
            stop_words: vec!["the".into(), "and".into(), "i".into()],
            concepts: vec![("mentor".into(), vec!["mentor".into(), "coached".into()])],
        }
    }

    #[test]
    fn a_concept_word_counts_once_as_its_concept() {
        let terms = Terms::new(&vocabulary());
        assert_eq!(terms.of("I coached the juniors"), ["~mentor", "junior"]);
        assert_eq!(terms.of("Mentor and mentored"), ["~mentor", "mentor"].map(str::to_owned)[..1].to_vec());
    }

    #[test]
    fn hyphenated_compounds_give_parts_and_joined_word() {
        let terms = Terms::new(&vocabulary());
        assert_eq!(terms.of("cross-team work"), ["cross", "team", "crossteam", "work"]);
    }
}
