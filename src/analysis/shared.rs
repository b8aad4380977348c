//! A compiled regex searched with its thread's one scratch space.
//!
//! The regex crate keeps one cache (scratch space) per regex per thread.
//! promolint compiles over a thousand patterns, and a cache each came to a
//! fifth of a run's memory. The patterns here run on the regex crate's
//! engines that keep no state worth keeping between searches (the bounded
//! backtracker and the PikeVM: see `matcher::meta_config`), so each thread
//! keeps a single cache and points it at the regex it searches with next
//! (`meta::Cache::reset`, which keeps the allocations): memory follows the
//! number of threads, not the number of patterns.

use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};

use regex_automata::meta::{self, Regex};
use regex_automata::util::iter::Searcher;
use regex_automata::{Input, Match};

/// A regex whose searches use the calling thread's scratch space.
#[derive(Debug, Clone)]
pub struct Shared {
    regex: Regex,
    /// Which regex the thread's scratch space was last reset for: unique per
    /// `Shared::new`, never reused (an address could be).
    id: u64,
}

static NEXT_ID: AtomicU64 = AtomicU64::new(0);

thread_local! {
    /// The thread's scratch space and the id of the regex it serves.
    static SCRATCH: RefCell<Option<(u64, meta::Cache)>> = const { RefCell::new(None) };
}

impl Shared {
    /// Wraps `regex`, which must be built with `matcher::meta_config` (as
    /// `matcher::compile_hir` and `compile_unicode` do): one scratch space
    /// is reset between regexes, and the regex crate can reset it only
    /// between regexes that use the same engines (it panics otherwise).
    pub(super) fn new(regex: Regex) -> Self {
        Shared { regex, id: NEXT_ID.fetch_add(1, Ordering::Relaxed) }
    }

    /// Runs `f` with the regex and the thread's scratch space, reset for it
    /// when it last served another regex.
    fn with<T>(&self, f: impl FnOnce(&Regex, &mut meta::Cache) -> T) -> T {
        SCRATCH.with(|cell| {
            let Ok(mut slot) = cell.try_borrow_mut() else {
                // A search inside a search (none does this now): a cache of its own.
                return f(&self.regex, &mut self.regex.create_cache());
            };
            match &mut *slot {
                Some((id, cache)) => {
                    if *id != self.id {
                        cache.reset(&self.regex);
                        *id = self.id;
                    }
                    f(&self.regex, cache)
                }
                None => {
                    let (id, cache) = slot.insert((self.id, self.regex.create_cache()));
                    debug_assert_eq!(*id, self.id);
                    f(&self.regex, cache)
                }
            }
        })
    }

    /// Whether the regex matches anywhere in `text`. Not an "earliest"
    /// search: the regex crate runs those on a text of over 128 bytes with
    /// the PikeVM rather than the bounded backtracker, which is slower.
    pub fn is_match(&self, text: &str) -> bool {
        self.with(|regex, cache| regex.search_half_with(cache, &Input::new(text)).is_some())
    }

    /// The leftmost-first match in `text`.
    pub fn find(&self, text: &str) -> Option<Match> {
        self.with(|regex, cache| regex.search_with(cache, &Input::new(text)))
    }

    /// The leftmost-first match in `text` that starts at byte `at` or later
    /// (`at` a char boundary, at most `text.len()`); look-arounds such as
    /// `\b` and `^` still see the text before `at`.
    pub fn find_at(&self, text: &str, at: usize) -> Option<Match> {
        self.with(|regex, cache| regex.search_with(cache, &Input::new(text).span(at..text.len())))
    }

    /// Every successive non-overlapping match in `text`, as the regex
    /// crate's `find_iter` gives them.
    pub fn find_all(&self, text: &str) -> Vec<Match> {
        self.with(|regex, cache| {
            let mut searcher = Searcher::new(Input::new(text));
            std::iter::from_fn(|| searcher.advance(|input| Ok(regex.search_with(cache, input)))).collect()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One scratch space serving two regexes in turn gives each its own matches.
    #[test]
    fn the_scratch_space_follows_the_regex_in_use() {
        let compile = |p: &str| Shared::new(super::super::matcher::compile_unicode(p).unwrap());
        let (a, b) = (compile(r"\bteam\b"), compile(r"\d+ engineers"));
        let text = "my team of 12 engineers, the team";
        for _ in 0..3 {
            assert_eq!(a.find_all(text).iter().map(|m| m.range()).collect::<Vec<_>>(), [3..7, 29..33]);
            assert_eq!(b.find(text).map(|m| m.range()), Some(11..23));
            assert!(!b.is_match("no number here"));
            assert_eq!(a.find_at(text, 8).map(|m| m.range()), Some(29..33));
        }
    }
}
