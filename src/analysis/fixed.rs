//! The red-flag readers' constant patterns (in [`super::shapes`],
//! [`super::blame`], [`super::smells`], [`super::cues`]), compiled once for
//! every thread and run only where they can match.
//!
//! Each pattern is compiled the first time it runs, through the regex
//! crate's engines with one lazy DFA cache (`LAZY_DFA_CACHE`) that the
//! threads share (each pattern its own, not [`super::shared`]'s scratch
//! space), and in two forms: the narrow one ([`boundary`]: ASCII word
//! boundaries and classes) for texts whose word characters are all ASCII,
//! and the one as written for the others, without a lazy DFA when it has a
//! Unicode word boundary (that DFA gives up at the first non-ASCII byte).
//! The patterns read together over one text are a [`Family`]: one
//! Aho-Corasick pass over the literals each of them requires ([`Literals`])
//! says which may match anywhere in it, and the others are never run on it
//! or on any part of it. Matches are exactly those of `regex::Regex` built
//! from the same pattern.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

use regex_automata::meta::{self, Regex};
use regex_automata::nfa::thompson::WhichCaptures;
use regex_automata::util::iter::Searcher;
use regex_automata::util::syntax;
use regex_automata::{Input, Match, MatchKind};
use regex_syntax::hir::Hir;

use super::boundary;
use super::literals::Literals;

/// The regex crate's default limit on a compiled pattern, in bytes.
const SIZE_LIMIT: usize = 10 << 20;

/// Each pattern's lazy DFA scratch space per direction, in bytes: the regex
/// crate's default, but one for every thread rather than one per thread. The caches fill only as far as the texts take them; with
/// the rule patterns' 32 KiB (`matcher::LAZY_DFA_CACHE`) the larger of these
/// patterns (a word class joined to another within 60 characters) no longer
/// fit and run on the slower engines. Measured over 1,000 packets, one run
/// each: 8.8 s of CPU and 129 MiB peak with 32 KiB, 5.0 s with 512 KiB,
/// 4.3 s and 133 MiB with 2 MiB, no faster with 8 MiB.
const LAZY_DFA_CACHE: usize = 2 << 20;

/// How many [`Fixed`] patterns were made: the next one's id.
static NEXT_ID: AtomicUsize = AtomicUsize::new(0);

/// One constant pattern.
#[derive(Debug)]
pub struct Fixed {
    /// Unique among the patterns made (its place in a [`Family`]'s table).
    id: usize,
    /// As written.
    pattern: String,
    case_insensitive: bool,
    /// As written.
    unicode: OnceLock<Compiled>,
    /// The narrow form; `None` when that is the pattern as written.
    ascii: OnceLock<Option<Compiled>>,
}

impl Fixed {
    /// A pattern in the regex crate's syntax, case-sensitive unless it says
    /// otherwise (`(?i)`), as `regex::Regex::new` reads it. Panics if it does
    /// not parse: the patterns are constants of this crate, and a test
    /// compiles each one.
    pub fn new(pattern: impl Into<String>) -> Self {
        Self::with_case(pattern.into(), false)
    }

    /// A pattern matched case-insensitively, as `RegexBuilder::case_insensitive(true)` reads it.
    pub fn case_insensitive(pattern: impl Into<String>) -> Self {
        Self::with_case(pattern.into(), true)
    }

    fn with_case(pattern: String, case_insensitive: bool) -> Self {
        let fixed = Fixed {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            pattern,
            case_insensitive,
            unicode: OnceLock::new(),
            ascii: OnceLock::new(),
        };
        // Parsed when needed and dropped after: a parsed pattern with
        // Unicode classes is kilobytes, and there are about eighty.
        let _ = (fixed.hir(), fixed.literal_hir());
        fixed
    }

    /// The pattern parsed as it matches.
    fn hir(&self) -> Hir {
        regex_syntax::ParserBuilder::new()
            .case_insensitive(self.case_insensitive)
            .build()
            .parse(&self.pattern)
            .unwrap_or_else(|e| unreachable!("constant regex {}: {e}", self.pattern))
    }

    /// The pattern as written but case-sensitive (without a leading `(?i)`):
    /// what the prefilter reads.
    fn literal_hir(&self) -> Hir {
        let case_sensitive = self.pattern.strip_prefix("(?i)").unwrap_or(&self.pattern);
        regex_syntax::parse(case_sensitive)
            .unwrap_or_else(|e| unreachable!("constant regex {}: {e}", self.pattern))
    }

    /// The compiled form for a text; `ascii` is [`boundary::ascii_words`] of it.
    fn regex(&self, ascii: bool) -> &Compiled {
        if ascii
            && let Some(narrow) =
                self.ascii.get_or_init(|| boundary::narrow(&self.hir()).map(|h| compile(&h, true)))
        {
            return narrow;
        }
        self.unicode.get_or_init(|| {
            let hir = self.hir();
            let lazy_dfa = !hir.properties().look_set().contains_word_unicode();
            compile(&hir, lazy_dfa)
        })
    }

    /// Whether the pattern matches anywhere in `text`.
    pub fn is_match(&self, text: &str) -> bool {
        self.regex(boundary::ascii_words(text)).is_match(text)
    }

    /// The leftmost-first match in `text`.
    pub fn find(&self, text: &str) -> Option<Match> {
        self.regex(boundary::ascii_words(text)).find(text)
    }

    /// Every successive non-overlapping match in `text`, as `regex::Regex::find_iter` gives them.
    pub fn find_iter(&self, text: &str) -> Vec<Match> {
        self.regex(boundary::ascii_words(text)).find_all(text)
    }
}

/// A compiled form with one scratch space for every thread (made on first
/// use), taken in turn under a lock: two threads seldom run the same
/// pattern at the same instant, and a lazy DFA cache kept for one pattern
/// stays warm (one shared by several patterns would be cleared at each).
#[derive(Debug)]
struct Compiled {
    regex: Regex,
    cache: Mutex<Option<meta::Cache>>,
    /// Whether the form has a lazy DFA: only then is an "earliest" search
    /// the fast one (without it the regex crate runs such a search over more
    /// than 128 bytes on the PikeVM, not the backtracker; see `shared`).
    lazy_dfa: bool,
}

impl Compiled {
    fn with<T>(&self, f: impl FnOnce(&Regex, &mut meta::Cache) -> T) -> T {
        let mut guard = self.cache.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let cache = guard.get_or_insert_with(|| self.regex.create_cache());
        f(&self.regex, cache)
    }

    fn is_match(&self, text: &str) -> bool {
        let input = Input::new(text).earliest(self.lazy_dfa);
        self.with(|regex, cache| regex.search_half_with(cache, &input).is_some())
    }

    fn find(&self, text: &str) -> Option<Match> {
        self.with(|regex, cache| regex.search_with(cache, &Input::new(text)))
    }

    /// As `regex::Regex::find_iter` gives them.
    fn find_all(&self, text: &str) -> Vec<Match> {
        self.with(|regex, cache| {
            let mut searcher = Searcher::new(Input::new(text));
            std::iter::from_fn(|| searcher.advance(|input| Ok(regex.search_with(cache, input)))).collect()
        })
    }
}

/// `hir` compiled as `regex::Regex` would (leftmost-first, empty matches on
/// character boundaries), with only the whole-match group, no literal
/// prefilter of its own (a [`Family`] has one) and the lazy DFA with a
/// [`LAZY_DFA_CACHE`] cache or, without `lazy_dfa`, none.
fn compile(hir: &Hir, lazy_dfa: bool) -> Compiled {
    let config = meta::Config::new()
        .match_kind(MatchKind::LeftmostFirst)
        .utf8_empty(true)
        .nfa_size_limit(Some(SIZE_LIMIT))
        .which_captures(WhichCaptures::Implicit)
        .onepass(false)
        .auto_prefilter(false)
        .hybrid(lazy_dfa)
        .dfa(false)
        .hybrid_cache_capacity(LAZY_DFA_CACHE);
    let regex: Regex = meta::Builder::new()
        .configure(config)
        .syntax(syntax::Config::new())
        .build_from_hir(hir)
        .unwrap_or_else(|e| unreachable!("constant regex: {e}"));
    Compiled { regex, cache: Mutex::new(None), lazy_dfa }
}

/// Constant patterns read together over one text.
#[derive(Debug)]
pub struct Family {
    /// For each pattern id, its place among the members.
    place: Vec<Option<u32>>,
    literals: Literals,
}

impl Family {
    /// A family of `members` (each once).
    pub fn new(members: impl IntoIterator<Item = &'static Fixed>) -> Self {
        let members: Vec<&'static Fixed> = members.into_iter().collect();
        let mut place = vec![None; members.iter().map(|m| m.id + 1).max().unwrap_or(0)];
        for (i, m) in members.iter().enumerate() {
            place[m.id] = Some(i as u32);
        }
        let parsed: Vec<Hir> = members.iter().map(|m| m.literal_hir()).collect();
        let hirs: Vec<&Hir> = parsed.iter().collect();
        Family { literals: Literals::new(&hirs), place }
    }

    /// Which members may match in `text`, for searches in it or in any
    /// contiguous part of it.
    pub fn scan(&self, text: &str) -> Scan<'_> {
        Scan { family: self, candidates: self.literals.candidates(text), ascii: boundary::ascii_words(text) }
    }
}

/// What a [`Family`] found in one text: the searches of its members in that
/// text or in a contiguous part of it (a sentence, the words after a match).
#[derive(Debug)]
pub struct Scan<'a> {
    family: &'a Family,
    /// By place in the family: whether the member may match.
    candidates: Vec<bool>,
    /// [`boundary::ascii_words`] of the text (and so of every part of it).
    ascii: bool,
}

impl Scan<'_> {
    /// Whether `fixed` may match in the scanned text (a pattern of another
    /// family always may).
    fn may_match(&self, fixed: &Fixed) -> bool {
        match self.family.place.get(fixed.id).copied().flatten() {
            Some(i) => self.candidates[i as usize],
            None => true,
        }
    }

    /// [`Fixed::is_match`] on `text`, a part of the scanned text.
    pub fn is_match(&self, fixed: &Fixed, text: &str) -> bool {
        self.may_match(fixed) && fixed.regex(self.ascii).is_match(text)
    }

    /// [`Fixed::find`] on `text`, a part of the scanned text.
    pub fn find(&self, fixed: &Fixed, text: &str) -> Option<Match> {
        if self.may_match(fixed) { fixed.regex(self.ascii).find(text) } else { None }
    }

    /// [`Fixed::find_iter`] on `text`, a part of the scanned text.
    pub fn find_iter(&self, fixed: &Fixed, text: &str) -> Vec<Match> {
        if self.may_match(fixed) { fixed.regex(self.ascii).find_all(text) } else { Vec::new() }
    }
}

/// Compiles every form of `fixed` (for tests: that each constant pattern compiles).
#[cfg(test)]
pub fn compile_all(fixed: &Fixed) {
    fixed.regex(true);
    fixed.regex(false);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::LazyLock;

    static WORD: LazyLock<Fixed> = LazyLock::new(|| Fixed::new(r"(?i)\bweekends?\b"));
    static NAMED: LazyLock<Fixed> = LazyLock::new(|| Fixed::new(r"(?-i:\b[A-Z][a-z]+)['’]s\b"));
    static CLAUSE: LazyLock<Fixed> = LazyLock::new(|| Fixed::case_insensitive(r"\bi (?:think|guess)\b"));
    static FAMILY: LazyLock<Family> = LazyLock::new(|| Family::new([&*WORD, &*NAMED, &*CLAUSE]));

    /// What `regex::Regex` finds, and what a pattern and its family find.
    fn agree(fixed: &Fixed, regex: &regex::Regex, text: &str) {
        let want: Vec<_> = regex.find_iter(text).map(|m| m.range()).collect();
        let got: Vec<_> = fixed.find_iter(text).into_iter().map(|m| m.range()).collect();
        let scan = FAMILY.scan(text);
        let scanned: Vec<_> = scan.find_iter(fixed, text).into_iter().map(|m| m.range()).collect();
        assert_eq!((&got, &scanned), (&want, &want), "{text}");
        assert_eq!(scan.is_match(fixed, text), regex.is_match(text), "{text}");
        assert_eq!(scan.find(fixed, text).map(|m| m.range()), regex.find(text).map(|m| m.range()), "{text}");
    }

    #[test]
    fn matches_are_the_regex_crates_in_every_script() {
        let texts = [
            "Worked every WEEKEND — and Tom’s weekend; I think so",
            "Weekendé weekend Tom's",
            "Провёл weekend миграцию, I guess; Åsa's",
            "主导了 weekends 搜索 I THINK",
            "\u{212a}elvin's weekend i think",
            "nothing here",
        ];
        let regexes = [
            (&*WORD, regex::Regex::new(r"(?i)\bweekends?\b").unwrap()),
            (&*NAMED, regex::Regex::new(r"(?-i:\b[A-Z][a-z]+)['’]s\b").unwrap()),
            (
                &*CLAUSE,
                regex::RegexBuilder::new(r"\bi (?:think|guess)\b").case_insensitive(true).build().unwrap(),
            ),
        ];
        for text in texts {
            for (fixed, regex) in &regexes {
                agree(fixed, regex, text);
            }
        }
    }

    #[test]
    fn a_member_whose_literals_are_absent_is_not_run() {
        let scan = FAMILY.scan("Shipped the cache on Monday");
        assert_eq!(scan.candidates, [false, false, false]);
        // A part of the text holds no more than the text.
        assert!(!scan.is_match(&WORD, "the weekend"));
        // A pattern of no family is always run.
        let other = Fixed::new("(?i)monday");
        assert!(scan.is_match(&other, "on Monday"));
    }
}
