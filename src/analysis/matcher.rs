//! Compiled matchers: every pattern of a level (and the common red flags)
//! compiled once per run into `RegexSet`s, so that matching a claim is one
//! linear pass whatever the number of patterns.

use regex::{Regex, RegexSet, RegexSetBuilder};

use super::similarity::TextModel;
use crate::rules::validate::compile_pattern;
use crate::rules::{CommonRedFlag, Level, RedFlag};

/// Total compiled size allowed for one level's set of patterns, in bytes.
const SET_SIZE_LIMIT: usize = 256 << 20;

/// Patterns that each belong to one item (an expectation or a red flag).
#[derive(Debug, Clone)]
pub struct PatternSet {
    set: RegexSet,
    /// The item each pattern belongs to, by pattern index.
    owner: Vec<usize>,
    /// Each pattern on its own, to find where a match is.
    each: Vec<Regex>,
}

impl PatternSet {
    /// Compiles the patterns of items `0..n`; `patterns(i)` gives item i's.
    /// Patterns that do not compile were reported when the rules loaded and
    /// are left out here.
    pub fn new<'a>(items: impl IntoIterator<Item = &'a [String]>) -> Self {
        let mut sources = Vec::new();
        let mut owner = Vec::new();
        let mut each = Vec::new();
        for (i, patterns) in items.into_iter().enumerate() {
            for p in patterns {
                if let Ok(re) = compile_pattern(p) {
                    sources.push(p.as_str());
                    owner.push(i);
                    each.push(re);
                }
            }
        }
        let set = RegexSetBuilder::new(&sources)
            .case_insensitive(true)
            .size_limit(SET_SIZE_LIMIT)
            .build()
            .unwrap_or_else(|_| RegexSet::empty());
        let owner = if set.is_empty() { Vec::new() } else { owner };
        PatternSet { set, owner, each }
    }

    /// For each item, how many of its patterns match `text` (items with no
    /// match left out), as (item, count) in item order.
    pub fn counts(&self, text: &str) -> Vec<(usize, usize)> {
        let mut out: Vec<(usize, usize)> = Vec::new();
        for p in self.set.matches(text).iter() {
            let item = self.owner[p];
            match out.last_mut() {
                Some((last, n)) if *last == item => *n += 1,
                _ => out.push((item, 1)),
            }
        }
        out
    }

    /// For each item matching `text`, the byte range of its first match.
    pub fn first_matches(&self, text: &str) -> Vec<(usize, std::ops::Range<usize>)> {
        let mut out: Vec<(usize, std::ops::Range<usize>)> = Vec::new();
        for p in self.set.matches(text).iter() {
            let item = self.owner[p];
            if let Some(m) = self.each[p].find(text) {
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

/// Everything compiled for one level.
#[derive(Debug)]
pub struct LevelMatcher {
    /// Expectation patterns, owned by expectation index.
    pub expectations: PatternSet,
    /// The ladder's red flags, owned by red-flag index.
    pub red_flags: PatternSet,
    /// The expectations' own wording, for the similarity fallback.
    pub text: TextModel,
}

impl LevelMatcher {
    /// Compiles a level's patterns and text model.
    pub fn new(level: &Level) -> Self {
        LevelMatcher {
            expectations: PatternSet::new(level.expectations.iter().map(|e| e.patterns.as_slice())),
            red_flags: PatternSet::new(level.red_flags.iter().map(|r| r.patterns.as_slice())),
            text: TextModel::new(level.expectations.iter().map(|e| e.text.as_str())),
        }
    }
}

/// The common red flags, compiled once per run.
#[derive(Debug)]
pub struct CommonMatcher {
    /// Patterns owned by common red-flag index.
    pub patterns: PatternSet,
}

impl CommonMatcher {
    /// Compiles the common red flags.
    pub fn new(flags: &[CommonRedFlag]) -> Self {
        CommonMatcher { patterns: PatternSet::new(flags.iter().map(|f| f.flag.patterns.as_slice())) }
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
