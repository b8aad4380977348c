//! A budget on the compiled size of the patterns of `--rules` files: each
//! pattern may compile to at most [`PATTERN_SIZE_LIMIT`] bytes, each rule
//! file's patterns together to [`FILE_PATTERN_BUDGET`], and every rule file's
//! of a run together to [`RUN_PATTERN_BUDGET`]. Past a budget, the file gets
//! one `invalid-pattern` diagnostic naming it and its remaining patterns are
//! left out, so hostile rule files cost a bounded amount of memory.

use regex_automata::nfa::thompson;

use crate::diagnostic::{Diagnostic, Label};
use crate::rules::messages as msg;
use crate::rules::model::Located;
use crate::rules::validate::{PATTERN_SIZE_LIMIT, compile_pattern};
use crate::source::FileId;
use crate::yaml::label;

/// Compiled size allowed for all patterns of one rule file (one level), in bytes.
pub const FILE_PATTERN_BUDGET: usize = 16 << 20;
/// Compiled size allowed for the patterns of all rule files of a run, in bytes.
pub const RUN_PATTERN_BUDGET: usize = 64 << 20;

/// What has been spent so far in a run, and in the rule file being checked.
#[derive(Debug, Default)]
pub struct Budget {
    run: usize,
    file: Option<FileId>,
    in_file: usize,
    /// The current file went over a budget (its diagnostic is already given).
    over: bool,
}

impl Budget {
    /// A fresh budget for one run.
    pub fn new() -> Self {
        Budget::default()
    }

    /// Compiles `pattern` (of rule file `file`, whose text is `text`) and
    /// charges its compiled size.
    ///
    /// # Errors
    /// `Err(Some(diagnostic))`: the pattern does not compile, or it is the
    /// first of its file to go over a budget; `Err(None)`: a later pattern of
    /// a file already over budget (left out without another diagnostic).
    pub fn check(
        &mut self,
        pattern: &Located<String>,
        file: FileId,
        text: &str,
    ) -> Result<(), Option<Box<Diagnostic>>> {
        if self.file != Some(file) {
            *self = Budget { run: self.run, file: Some(file), in_file: 0, over: false };
        }
        if self.over {
            return Err(None);
        }
        let at = || label(file, pattern, text, "this pattern");
        let size = match measure(&pattern.value) {
            Some(size) => size,
            None => {
                return match compile_pattern(&pattern.value) {
                    Err(e) => Err(Some(Box::new(msg::invalid_pattern(at(), &e)))),
                    Ok(_) => Ok(()), // accepted by the engine itself: nothing to charge
                };
            }
        };
        if self.in_file + size > FILE_PATTERN_BUDGET {
            self.over = true;
            return Err(Some(Box::new(over(at(), "this rule file's", FILE_PATTERN_BUDGET))));
        }
        if self.run + size > RUN_PATTERN_BUDGET {
            self.over = true;
            return Err(Some(Box::new(over(at(), "all rule files'", RUN_PATTERN_BUDGET))));
        }
        self.in_file += size;
        self.run += size;
        Ok(())
    }
}

fn over(at: Label, whose: &str, budget: usize) -> Diagnostic {
    msg::pattern_budget(at, whose, budget >> 20)
}

/// The heap size of `pattern`'s compiled automaton (the Thompson NFA that
/// every engine of `regex` starts from, case-insensitive as
/// [`compile_pattern`] compiles it), in bytes; `None` when it does not
/// compile within [`PATTERN_SIZE_LIMIT`].
fn measure(pattern: &str) -> Option<usize> {
    let syntax = regex_automata::util::syntax::Config::new().case_insensitive(true);
    let config = thompson::Config::new().nfa_size_limit(Some(PATTERN_SIZE_LIMIT));
    let nfa = thompson::Compiler::new().syntax(syntax).configure(config).build(pattern).ok()?;
    Some(nfa.memory_usage())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_follow_the_pattern() {
        let small = measure(r"\bmentor42\b").unwrap();
        let big = measure(r"\w{20}x").unwrap();
        assert!(small < 4 << 10, "{small}");
        assert!(big > 256 << 10, "{big}");
        assert_eq!(measure(r"\w{500}{500}"), None);
        assert_eq!(measure("(unclosed"), None);
    }
}
