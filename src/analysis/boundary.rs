//! Word boundaries on the fast engine: each pattern with a Unicode word
//! boundary (`\b`, `\B`, `\b{start}`, ...) also compiled with ASCII ones,
//! used on texts where the two cannot differ.
//!
//! The regex crate's lazy DFA gives up at the first non-ASCII byte of a text
//! when the pattern has a Unicode word boundary and the slower engines take
//! over; with an ASCII boundary it keeps going. The two boundaries agree at
//! every position of a text whose characters are each ASCII or not a word
//! character (curly quotes, dashes, ellipses, arrows, currency signs): on
//! such a text the ASCII form matches exactly where the Unicode one does.
//! A text with a non-ASCII word character (accented Latin, Cyrillic, CJK)
//! keeps the Unicode form.

use regex::{Regex, RegexBuilder};
use regex_syntax::hir::{Capture, Hir, HirKind, Look, Repetition};

use crate::rules::validate::PATTERN_SIZE_LIMIT;

/// Whether Unicode and ASCII word boundaries agree everywhere in `text`:
/// each of its characters is ASCII or not a word character.
pub fn ascii_words(text: &str) -> bool {
    text.is_ascii()
        || text.chars().all(|c| c.is_ascii() || !regex_syntax::try_is_word_character(c).unwrap_or(true))
}

/// `pattern` (matched case-insensitively) with ASCII word boundaries, when
/// it has a Unicode one; `None` when it has none (the pattern as it is is
/// as fast) or the rewritten pattern does not compile.
pub fn with_ascii_boundaries(pattern: &str) -> Option<Regex> {
    let hir = regex_syntax::ParserBuilder::new().case_insensitive(true).build().parse(pattern).ok()?;
    let mut changed = false;
    let ascii = rewrite(&hir, &mut changed);
    if !changed {
        return None;
    }
    RegexBuilder::new(&ascii.to_string()).size_limit(PATTERN_SIZE_LIMIT).build().ok()
}

fn rewrite(hir: &Hir, changed: &mut bool) -> Hir {
    match hir.kind() {
        HirKind::Look(look) => {
            let ascii = match look {
                Look::WordUnicode => Look::WordAscii,
                Look::WordUnicodeNegate => Look::WordAsciiNegate,
                Look::WordStartUnicode => Look::WordStartAscii,
                Look::WordEndUnicode => Look::WordEndAscii,
                Look::WordStartHalfUnicode => Look::WordStartHalfAscii,
                Look::WordEndHalfUnicode => Look::WordEndHalfAscii,
                other => *other,
            };
            *changed |= ascii != *look;
            Hir::look(ascii)
        }
        HirKind::Repetition(r) => {
            Hir::repetition(Repetition { sub: Box::new(rewrite(&r.sub, changed)), ..r.clone() })
        }
        HirKind::Capture(c) => Hir::capture(Capture { sub: Box::new(rewrite(&c.sub, changed)), ..c.clone() }),
        HirKind::Concat(parts) => Hir::concat(parts.iter().map(|p| rewrite(p, changed)).collect()),
        HirKind::Alternation(parts) => Hir::alternation(parts.iter().map(|p| rewrite(p, changed)).collect()),
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) => hir.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::validate::compile_pattern;

    #[test]
    fn texts_with_only_non_word_non_ascii_characters_take_the_fast_form() {
        assert!(ascii_words("Promotion — L4: “shipped” the team’s API… → €5k"));
        assert!(!ascii_words("Lucía"));
        assert!(!ascii_words("Провёл миграцию"));
        assert!(!ascii_words("主导了搜索服务"));
        assert!(!ascii_words("\u{212a}elvin"));
    }

    #[test]
    fn both_forms_match_alike_where_the_fast_one_is_used() {
        let patterns = [r"\bmentor(?:ed|ing)?\b", r"\bon[- ]call\b", r"\Bship", r"\b\w+ed\b", r"\bteam\b"];
        let texts = [
            "Mentored “two” new hires — on-call… team’s",
            "the teamwork’s end; team",
            "—team—; ‘mentoring’ «on call»",
            "shipped – relationship",
        ];
        for p in patterns {
            let (unicode, ascii) = (compile_pattern(p).unwrap(), with_ascii_boundaries(p).unwrap());
            for t in texts {
                assert!(ascii_words(t));
                let a: Vec<_> = unicode.find_iter(t).map(|m| m.range()).collect();
                let b: Vec<_> = ascii.find_iter(t).map(|m| m.range()).collect();
                assert_eq!(a, b, "{p} on {t}");
            }
        }
        // Where they differ, the text is not one for the fast form.
        let (unicode, ascii) =
            (compile_pattern(r"\bteam\b").unwrap(), with_ascii_boundaries(r"\bteam\b").unwrap());
        assert!(!unicode.is_match("teamé") && ascii.is_match("teamé") && !ascii_words("teamé"));
        assert!(with_ascii_boundaries("mentor").is_none());
    }
}
