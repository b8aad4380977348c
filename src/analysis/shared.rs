//! A compiled regex whose scratch space the threads share.
//!
//! The regex crate keeps one cache per regex per thread. promolint compiles
//! thousands of patterns (and the scope words' long alternations, whose lazy
//! DFA caches grow to 2 MiB each), so a second thread nearly doubled the
//! memory of a run. Two threads seldom run the same regex at the same
//! instant, so here they take turns on one cache instead: a short wait on a
//! lock, no second copy.

use std::sync::Mutex;

use regex_automata::meta::{self, Regex};
use regex_automata::util::iter::Searcher;
use regex_automata::{Input, Match};

/// A regex with one cache for every thread (made on first use).
#[derive(Debug)]
pub struct Shared {
    regex: Regex,
    cache: Mutex<Option<meta::Cache>>,
}

impl Clone for Shared {
    /// The same regex with a cache of its own.
    fn clone(&self) -> Self {
        Shared::new(self.regex.clone())
    }
}

impl Shared {
    /// Wraps `regex`.
    pub fn new(regex: Regex) -> Self {
        Shared { regex, cache: Mutex::new(None) }
    }

    /// Runs `f` with the regex and the cache, holding the lock.
    fn with<T>(&self, f: impl FnOnce(&Regex, &mut meta::Cache) -> T) -> T {
        let mut guard = self.cache.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let cache = guard.get_or_insert_with(|| self.regex.create_cache());
        f(&self.regex, cache)
    }

    /// Whether the regex matches anywhere in `text`.
    pub fn is_match(&self, text: &str) -> bool {
        self.with(|regex, cache| regex.search_half_with(cache, &Input::new(text).earliest(true)).is_some())
    }

    /// The leftmost-first match in `text`.
    pub fn find(&self, text: &str) -> Option<Match> {
        self.with(|regex, cache| regex.search_with(cache, &Input::new(text)))
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
