//! A compiled rule pattern, searched with its thread's one scratch space.
//!
//! The regex crate keeps one cache (scratch space) per regex per thread, and
//! its `meta::Regex` a pool of them and several engines' worth of state.
//! promolint compiles over a thousand patterns and searches only short texts
//! with them (claims, a few hundred bytes, and only the candidates of a
//! required-literal prefilter), so each is compiled here to what such a
//! search needs: its Thompson NFA, run by the bounded backtracker, or by the
//! PikeVM for a text too long for the backtracker, both leftmost-first with
//! empty matches kept on character boundaries, as `regex::Regex` matches.
//! Neither keeps state worth keeping between searches, so each thread keeps
//! a single scratch space for all patterns and points it at the pattern it
//! searches with next (`reset`, which keeps the allocations): memory follows
//! the number of threads, not the number of patterns. Measured over 1,000
//! packets in `docs/performance.md` (session 7).

use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};

use regex_automata::nfa::thompson::{self, WhichCaptures, backtrack::BoundedBacktracker, pikevm::PikeVM};
use regex_automata::util::iter::Searcher;
use regex_automata::{Input, Match};
use regex_syntax::hir::Hir;

use crate::rules::validate::PATTERN_SIZE_LIMIT;

/// A compiled pattern whose searches use the calling thread's scratch space.
#[derive(Debug, Clone)]
pub struct Shared {
    backtrack: BoundedBacktracker,
    pikevm: PikeVM,
    /// Which pattern the thread's scratch space was last reset for: unique
    /// per compiled pattern, never reused (an address could be).
    id: u64,
}

static NEXT_ID: AtomicU64 = AtomicU64::new(0);

/// A thread's scratch space, each half with the id of the pattern it serves.
struct Scratch {
    backtrack: Option<(u64, thompson::backtrack::Cache)>,
    pikevm: Option<(u64, thompson::pikevm::Cache)>,
}

/// The cache in `slot`, made with `create` if there is none, and `reset` if
/// it last served another pattern than `id`.
fn serving<C>(
    slot: &mut Option<(u64, C)>,
    id: u64,
    create: impl FnOnce() -> C,
    reset: impl FnOnce(&mut C),
) -> &mut C {
    match slot {
        Some((last, cache)) => {
            if *last != id {
                reset(cache);
                *last = id;
            }
            cache
        }
        None => &mut slot.insert((id, create())).1,
    }
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = const { RefCell::new(Scratch { backtrack: None, pikevm: None }) };
}

impl Shared {
    /// `hir` (parsed with the flags it is to match with, e.g. case-insensitive)
    /// compiled with only the whole-match group, within the rule patterns' size
    /// limit; `None` when it is over it.
    pub fn from_hir(hir: &Hir) -> Option<Self> {
        let config = thompson::Config::new()
            .which_captures(WhichCaptures::Implicit)
            .nfa_size_limit(Some(PATTERN_SIZE_LIMIT));
        let nfa = thompson::Compiler::new().configure(config).build_from_hir(hir).ok()?;
        let backtrack = BoundedBacktracker::builder().build_from_nfa(nfa.clone()).ok()?;
        let pikevm = PikeVM::builder().build_from_nfa(nfa).ok()?;
        Some(Shared { backtrack, pikevm, id: NEXT_ID.fetch_add(1, Ordering::Relaxed) })
    }

    /// The leftmost-first match in `input`, on the backtracker when the
    /// text is short enough for it, else on the PikeVM.
    fn search(&self, scratch: &mut Scratch, input: &Input<'_>) -> Option<Match> {
        if input.haystack().len() <= self.backtrack.max_haystack_len() {
            let cache = serving(
                &mut scratch.backtrack,
                self.id,
                || self.backtrack.create_cache(),
                |c| c.reset(&self.backtrack),
            );
            // Within the length just checked, the backtracker cannot fail.
            if let Ok(found) = self.backtrack.try_find(cache, input.clone()) {
                return found;
            }
        }
        let cache =
            serving(&mut scratch.pikevm, self.id, || self.pikevm.create_cache(), |c| c.reset(&self.pikevm));
        self.pikevm.find(cache, input.clone())
    }

    /// Runs `f` with the thread's scratch space.
    fn with<T>(&self, f: impl FnOnce(&mut Scratch) -> T) -> T {
        SCRATCH.with(|cell| match cell.try_borrow_mut() {
            Ok(mut scratch) => f(&mut scratch),
            // A search inside a search (none does this now): scratch of its own.
            Err(_) => f(&mut Scratch { backtrack: None, pikevm: None }),
        })
    }

    /// Whether the pattern matches anywhere in `text`.
    pub fn is_match(&self, text: &str) -> bool {
        self.find(text).is_some()
    }

    /// The leftmost-first match in `text`.
    pub fn find(&self, text: &str) -> Option<Match> {
        self.with(|scratch| self.search(scratch, &Input::new(text)))
    }

    /// The leftmost-first match in `text` that starts at byte `at` or later
    /// (`at` a char boundary, at most `text.len()`); look-arounds such as
    /// `\b` and `^` still see the text before `at`.
    pub fn find_at(&self, text: &str, at: usize) -> Option<Match> {
        self.with(|scratch| self.search(scratch, &Input::new(text).span(at..text.len())))
    }

    /// Every successive non-overlapping match in `text`, as the regex
    /// crate's `find_iter` gives them.
    pub fn find_all(&self, text: &str) -> Vec<Match> {
        self.with(|scratch| {
            let mut searcher = Searcher::new(Input::new(text));
            std::iter::from_fn(|| searcher.advance(|input| Ok(self.search(scratch, input)))).collect()
        })
    }

    /// Bytes of heap the compiled pattern holds (its NFA, once: the two
    /// engines share it).
    pub fn memory_usage(&self) -> usize {
        self.pikevm.get_nfa().memory_usage()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compile(pattern: &str) -> Shared {
        let hir = regex_syntax::ParserBuilder::new().case_insensitive(true).build().parse(pattern).unwrap();
        Shared::from_hir(&hir).unwrap()
    }

    /// One scratch space serving two patterns in turn gives each its own
    /// matches, on the backtracker and on the PikeVM (a text too long for
    /// the backtracker) alike, as the regex crate gives them.
    #[test]
    fn the_scratch_space_follows_the_pattern_in_use() {
        let (a, b) = (compile(r"\bteam\b"), compile(r"\d+ engineers"));
        let short = "my Team of 12 engineers, the team".to_owned();
        let long = format!("{} and then {short}", "filler words ".repeat(40_000));
        for text in [&short, &long] {
            for (pattern, compiled) in [(r"(?i)\bteam\b", &a), (r"(?i)\d+ engineers", &b)] {
                let regex = regex::Regex::new(pattern).unwrap();
                let expected: Vec<_> = regex.find_iter(text).map(|m| m.range()).collect();
                assert_eq!(compiled.find_all(text).iter().map(Match::range).collect::<Vec<_>>(), expected);
                assert_eq!(compiled.find(text).map(|m| m.range()), expected.first().cloned());
                let from = text.len() - 10;
                let after: Vec<_> = expected.iter().filter(|r| r.start >= from).cloned().collect();
                assert_eq!(compiled.find_at(text, from).map(|m| m.range()), after.first().cloned());
            }
            assert!(!b.is_match("no number here"));
        }
        assert!(long.len() > a.backtrack.max_haystack_len(), "the long text must need the PikeVM");
    }
}
