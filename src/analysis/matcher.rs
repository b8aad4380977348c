//! Compiled matchers: every pattern of a level (and the common red flags)
//! compiled once per run. Matching a claim is one Aho-Corasick pass over the
//! literals the patterns require ([`Prefilter`]), then each candidate pattern
//! run on its own: the cost follows what can match, not how many patterns
//! the level has.

use std::sync::OnceLock;

use regex_automata::Match;

use super::boundary;
use super::imported::{self, ImportedModel};
use super::lexical::LexicalModel;
use super::prefilter::Prefilter;
use super::score::{self, ClaimContext, Signals};
use super::semantic::{StaticEmbedding, cosine};
use super::shared::Shared;
use super::terms::Terms;
use crate::rules::vocabulary::{MappingFile, Vocabulary};
use crate::rules::{CommonRedFlag, Level, RedFlag, RuleSet};

/// Patterns that each belong to one item (an expectation or a red flag).
#[derive(Debug, Clone)]
pub struct PatternSet {
    /// Which patterns may match a text.
    prefilter: Prefilter,
    /// The item each pattern belongs to, by pattern index.
    owner: Vec<usize>,
    /// Each pattern, compiled the first time it is a candidate.
    each: Vec<Compiled>,
}

/// One pattern's source and its compiled forms.
#[derive(Debug, Clone)]
struct Compiled {
    source: String,
    /// As written (`None` if it does not compile: reported when the rules
    /// loaded, and never matching here).
    unicode: OnceLock<Option<Shared>>,
    /// Narrowed for texts where that matches alike ([`boundary`]); `None`
    /// when that would be the pattern as written.
    ascii: OnceLock<Option<Shared>>,
}

impl PatternSet {
    /// Prepares the patterns of items `0..n`; `patterns(i)` gives item i's.
    /// Each pattern is compiled the first time some text may match it.
    pub fn new<'a>(items: impl IntoIterator<Item = &'a [String]>) -> Self {
        let mut owner = Vec::new();
        let mut each = Vec::new();
        for (i, patterns) in items.into_iter().enumerate() {
            for p in patterns {
                owner.push(i);
                each.push(Compiled { source: p.clone(), unicode: OnceLock::new(), ascii: OnceLock::new() });
            }
        }
        let sources: Vec<&str> = each.iter().map(|c| c.source.as_str()).collect();
        PatternSet { prefilter: Prefilter::new(&sources), owner, each }
    }

    /// Pattern `p` compiled for a text; `ascii_words` is
    /// [`boundary::ascii_words`] of that text.
    fn regex(&self, p: usize, ascii_words: bool) -> Option<&Shared> {
        let c = &self.each[p];
        if ascii_words && let Some(fast) = c.ascii.get_or_init(|| boundary::narrowed(&c.source)) {
            return Some(fast);
        }
        c.unicode.get_or_init(|| compile_unicode(&c.source)).as_ref()
    }

    /// Indexes of the patterns that may match `text`, ascending.
    fn candidates(&self, text: &str) -> impl Iterator<Item = usize> {
        self.prefilter.candidates(text).into_iter().enumerate().filter(|(_, c)| *c).map(|(p, _)| p)
    }

    /// The patterns that may match `text`, as (item, pattern index) in
    /// pattern order, for [`PatternSet::alternation`].
    pub fn candidate_patterns(&self, text: &str) -> Vec<(usize, usize)> {
        self.candidates(text).map(|p| (self.owner[p], p)).collect()
    }

    /// The matches in `text` of the alternation of `patterns` (indexes into
    /// this set, in the alternation's order), as one regex `(?:p1)|(?:p2)|…`
    /// would give them: successive non-overlapping leftmost-first matches (at
    /// the leftmost start, the first pattern that matches there), as byte
    /// ranges in `text`; only the first when `first_only`. Each pattern runs
    /// on its own, so no automaton of the whole alternation is built: its
    /// lazy DFA needed megabytes of scratch space per list.
    pub fn alternation(
        &self,
        text: &str,
        patterns: &[usize],
        first_only: bool,
    ) -> Vec<std::ops::Range<usize>> {
        let ascii = boundary::ascii_words(text);
        let regexes: Vec<&Shared> = patterns.iter().filter_map(|&p| self.regex(p, ascii)).collect();
        // Each pattern's leftmost match from the last position it was asked
        // about: still its leftmost from any later position up to its start.
        let mut next: Vec<Option<Option<Match>>> = vec![None; regexes.len()];
        let mut out = Vec::new();
        let (mut at, mut last_end) = (0, None);
        while at <= text.len() {
            let mut best: Option<Match> = None;
            for (regex, next) in regexes.iter().zip(&mut next) {
                let m = match *next {
                    Some(Some(m)) if m.start() >= at => Some(m),
                    Some(None) => None,
                    _ => *next.insert(regex.find_at(text, at)),
                };
                if let Some(m) = m
                    && best.is_none_or(|b| m.start() < b.start())
                {
                    best = Some(m);
                }
            }
            let Some(m) = best else { break };
            if m.is_empty() {
                // As the regex crate's iterator: step past an empty match,
                // and skip one where the previous match ended.
                at = m.end() + text[m.end()..].chars().next().map_or(1, char::len_utf8);
                if last_end == Some(m.end()) {
                    continue;
                }
            } else {
                at = m.end();
            }
            last_end = Some(m.end());
            out.push(m.range());
            if first_only {
                break;
            }
        }
        out
    }

    /// For each item, how many of its patterns match `text` (items with no
    /// match left out), as (item, count) in item order.
    pub fn counts(&self, text: &str) -> Vec<(usize, usize)> {
        let mut out: Vec<(usize, usize)> = Vec::new();
        let ascii = boundary::ascii_words(text);
        for p in self.candidates(text) {
            if !self.regex(p, ascii).is_some_and(|r| r.is_match(text)) {
                continue;
            }
            let item = self.owner[p];
            match out.last_mut() {
                Some((last, n)) if *last == item => *n += 1,
                _ => out.push((item, 1)),
            }
        }
        out
    }

    /// For each item matching `text`, the byte ranges of all its patterns'
    /// matches (non-overlapping per pattern), as (item, range), unordered.
    pub fn all_matches(&self, text: &str) -> Vec<(usize, std::ops::Range<usize>)> {
        let mut out = Vec::new();
        let ascii = boundary::ascii_words(text);
        for p in self.candidates(text) {
            if let Some(regex) = self.regex(p, ascii) {
                out.extend(regex.find_all(text).into_iter().map(|m| (self.owner[p], m.range())));
            }
        }
        out
    }

    /// For each item matching `text`, the byte range of its first match.
    pub fn first_matches(&self, text: &str) -> Vec<(usize, std::ops::Range<usize>)> {
        let mut out: Vec<(usize, std::ops::Range<usize>)> = Vec::new();
        let ascii = boundary::ascii_words(text);
        for p in self.candidates(text) {
            let item = self.owner[p];
            if let Some(m) = self.regex(p, ascii).and_then(|r| r.find(text)) {
                match out.iter_mut().find(|(i, _)| *i == item) {
                    Some((_, r)) if m.start() < r.start => *r = m.range(),
                    Some(_) => {}
                    None => out.push((item, m.range())),
                }
            }
        }
        out
    }
}

/// A pattern as written, for texts with word characters outside ASCII, which
/// the narrow form ([`boundary`]) does not serve: parsed case-insensitively
/// and compiled by [`Shared::from_hir`]; `None` when it does not compile
/// (reported when the rules loaded).
pub(super) fn compile_unicode(pattern: &str) -> Option<Shared> {
    let hir = regex_syntax::ParserBuilder::new().case_insensitive(true).build().parse(pattern).ok()?;
    Shared::from_hir(&hir)
}

/// Everything compiled for one level.
#[derive(Debug)]
pub struct LevelMatcher {
    /// Expectation patterns, owned by expectation index.
    pub expectations: PatternSet,
    /// Expectation guards (patterns that veto the pattern signal), owned by
    /// expectation index.
    pub guards: PatternSet,
    /// The ladder's red flags, owned by red-flag index.
    pub red_flags: PatternSet,
    /// The expectations' profiles, for the lexical signals.
    pub lexical: LexicalModel,
    /// The weights that combine the signals.
    pub model: MappingFile,
    /// Each example's signals against every expectation, with the example left
    /// out of its own expectation's profile: (its expectation, signals).
    pub example_signals: Vec<(usize, Vec<Signals>)>,
    /// The level's decision cutoff, calibrated from its examples; in 0..=1.
    pub cutoff: f32,
    /// Each expectation text's static embedding, L2-normalised (empty when
    /// the model gives the semantic signal no weight: it is not computed).
    pub embeddings: Vec<Vec<f32>>,
    /// Each expectation's base rate under the model, in 0..=1 (0.5 when the
    /// model has none for it).
    pub base_rates: Vec<f32>,
    /// The ladder's scope words, compiled.
    pub scope: super::scope::ScopeMatcher,
    /// For a level none of whose expectations has patterns (an imported
    /// ladder), the score that maps its claims instead of [`LevelMatcher::model`]
    /// (see [`super::imported`]); `None` otherwise.
    pub imported: Option<ImportedModel>,
}

/// Each expectation of `level`'s base rate in `model` (0.5 when unlisted).
fn base_rates(model: &MappingFile, level: &Level) -> Vec<f32> {
    let rates = model.base_rates.get(&format!("{}/{}", level.ladder, level.id));
    level.expectations.iter().map(|e| rates.and_then(|r| r.get(&e.id)).copied().unwrap_or(0.5)).collect()
}

impl LevelMatcher {
    /// Compiles a level's patterns and lexical model with the run's
    /// vocabulary and mapping weights: those for levels without patterns when
    /// none of its expectations has any, the hand-set ones when the rules give none.
    pub fn new(level: &Level, rules: &RuleSet) -> Self {
        let imported = level.expectations.iter().all(|e| e.patterns.is_empty());
        let model = if imported {
            rules.mapping_imported.as_ref().or(rules.mapping.as_ref())
        } else {
            rules.mapping.as_ref()
        };
        let mut matcher =
            Self::with_model(level, &rules.vocabulary, model.cloned().unwrap_or(score::HAND_SET));
        matcher.scope = super::scope::ScopeMatcher::new(&rules.scope.for_ladder(&level.ladder));
        if imported && !level.expectations.is_empty() {
            let terms = Terms::new(&rules.vocabulary);
            matcher.imported = Some(ImportedModel::new(&level.expectations, terms, imported::SHIPPED));
        }
        matcher
    }

    /// Compiles a level with the given vocabulary and weights, and no scope
    /// words (every claim's scope is `unknown`; [`LevelMatcher::new`] adds the run's).
    pub fn with_model(level: &Level, vocabulary: &Vocabulary, model: MappingFile) -> Self {
        let semantic_on = model.weights.semantic != 0.0;
        let mut matcher = LevelMatcher {
            expectations: PatternSet::new(level.expectations.iter().map(|e| e.patterns.as_slice())),
            guards: PatternSet::new(level.expectations.iter().map(|e| e.guards.as_slice())),
            red_flags: PatternSet::new(level.red_flags.iter().map(|r| r.patterns.as_slice())),
            lexical: LexicalModel::new(&level.expectations, Terms::new(vocabulary)),
            model,
            example_signals: Vec::new(),
            cutoff: 0.5,
            embeddings: Vec::new(),
            base_rates: Vec::new(),
            scope: super::scope::ScopeMatcher::new(&Default::default()),
            imported: None,
        };
        matcher.base_rates = base_rates(&matcher.model, level);
        if semantic_on {
            let table = StaticEmbedding::builtin();
            matcher.embeddings = level.expectations.iter().map(|e| table.embed(&e.text)).collect();
        }
        matcher.example_signals = matcher.score_examples(level);
        matcher.cutoff = score::calibrate(&matcher.model, &matcher.example_signals);
        matcher
    }

    /// Replaces the weights and recalibrates the cutoff (the signals do not change).
    pub fn set_model(&mut self, model: MappingFile) {
        self.model = model;
        self.cutoff = score::calibrate(&self.model, &self.example_signals);
    }

    /// The cosine of `text`'s embedding with each expectation text's (empty
    /// when the semantic signal is off).
    pub fn semantic(&self, text: &str) -> Vec<f32> {
        if self.embeddings.is_empty() {
            return Vec::new();
        }
        let v = StaticEmbedding::builtin().embed(text);
        self.embeddings.iter().map(|e| cosine(&v, e)).collect()
    }

    fn score_examples(&self, level: &Level) -> Vec<(usize, Vec<Signals>)> {
        let mut out = Vec::new();
        for (own, e) in level.expectations.iter().enumerate() {
            for example in &e.examples {
                let terms = self.lexical.claim_terms(example);
                let mut lexical = self.lexical.score_all(&terms);
                let left_out = self.lexical.tokenizer().all(example);
                lexical[own] = self.lexical.score_without(own, &terms, &left_out);
                let counts = score::pattern_counts(self, example);
                let semantic = self.semantic(example);
                let context = ClaimContext {
                    semantic: &semantic,
                    base_rate: &self.base_rates,
                    ..ClaimContext::default()
                };
                let signals = score::signals(&counts, &lexical, terms.count, context);
                out.push((own, signals));
            }
        }
        out
    }
}

/// The common red flags, compiled once per run.
#[derive(Debug)]
pub struct CommonMatcher {
    /// Patterns owned by common red-flag index.
    pub patterns: PatternSet,
    /// Each common red flag's lint code, by common red-flag index.
    pub codes: Vec<crate::lint::Code>,
}

impl CommonMatcher {
    /// Compiles the common red flags.
    pub fn new(flags: &[CommonRedFlag]) -> Self {
        CommonMatcher {
            patterns: PatternSet::new(flags.iter().map(|f| f.flag.patterns.as_slice())),
            codes: flags.iter().map(|f| f.code).collect(),
        }
    }
}

/// Where a red flag comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlagSource {
    /// `level.red_flags[i]`.
    Ladder(usize),
    /// `rules.common_red_flags[i]`.
    Common(usize),
}

/// The red flag a [`FlagSource`] points at.
pub fn flag<'a>(source: FlagSource, level: &'a Level, common: &'a [CommonRedFlag]) -> &'a RedFlag {
    match source {
        FlagSource::Ladder(i) => &level.red_flags[i],
        FlagSource::Common(i) => &common[i].flag,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Sources;

    /// Every pattern of the built-in rules, through [`PatternSet`] (prefilter,
    /// ASCII boundaries where they agree) and on its own as written, on text
    /// in English with typographic punctuation, accented Latin, Cyrillic and CJK.
    #[test]
    fn pattern_sets_match_exactly_what_each_pattern_matches_on_its_own() {
        let (rules, _) = crate::rules::load(&[] as &[&str], true, &mut Sources::new()).unwrap();
        let mut patterns: Vec<String> = Vec::new();
        for level in rules.levels() {
            for e in &level.expectations {
                patterns.extend(e.patterns.iter().chain(&e.guards).cloned());
            }
            patterns.extend(level.red_flags.iter().flat_map(|r| r.patterns.iter().cloned()));
        }
        patterns.extend(rules.evidence.iter().flat_map(|e| e.patterns.iter().cloned()));
        patterns.extend(rules.common_red_flags.iter().flat_map(|c| c.flag.patterns.iter().cloned()));
        let items: Vec<Vec<String>> = patterns.iter().map(|p| vec![p.clone()]).collect();
        let set = PatternSet::new(items.iter().map(Vec::as_slice));
        let each: Vec<Option<regex::Regex>> =
            patterns.iter().map(|p| crate::rules::validate::compile_pattern(p).ok()).collect();
        let texts = [
            "Mentored two new hires through on-call; both shipped to production (PR #4821, 40% faster).",
            "Promotion — L4: “I led the migration” — the team’s lead, Q3 2024… → €5k saved",
            "Worked with Lucía and Dvořák’s team on the café’s naïve rollout; mentoréd",
            "Провёл миграцию; наставлял двух инженеров (PR #4821), задержка снизилась на 40%.",
            "主导了搜索服务的重构，P95 延迟从 800ms 降到 120ms，mentoring 三名新同事。",
            "ſhipped the \u{212a}ubernetes on-call rotation with the team",
        ];
        for text in texts {
            let expected: Vec<(usize, usize)> = each
                .iter()
                .enumerate()
                .filter(|(_, r)| r.as_ref().is_some_and(|r| r.is_match(text)))
                .map(|(i, _)| (i, 1))
                .collect();
            assert_eq!(set.counts(text), expected, "{text}");
            let located: Vec<(usize, std::ops::Range<usize>)> = each
                .iter()
                .enumerate()
                .filter_map(|(i, r)| Some((i, r.as_ref()?.find(text)?.range())))
                .collect();
            assert_eq!(set.first_matches(text), located, "{text}");
        }
    }
}
