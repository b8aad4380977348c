//! Patterns on the fast engine, made small: each rule pattern also compiled
//! in a narrow form, used on texts where it matches exactly what the pattern
//! as written matches.
//!
//! The narrow form has ASCII word boundaries (`\b`, `\B`, `\b{start}`, ...)
//! where the pattern has Unicode ones, and each character class without the
//! non-ASCII word characters (letters, digits and marks of every script:
//! `\w` becomes `[0-9A-Za-z_]`, a case-folded `s` loses `ſ`) when that makes
//! the class smaller. On a text whose characters are each ASCII or not a word
//! character (curly quotes, dashes, ellipses, arrows, currency signs), Unicode
//! and ASCII boundaries agree at every position and no class can meet a
//! character it lost, so the narrow form matches exactly where the pattern
//! does. It is faster (the regex crate's lazy DFA gives up at the first
//! non-ASCII byte of a text when the pattern has a Unicode word boundary, and
//! keeps going with an ASCII one) and much smaller: a Unicode `\w` is
//! hundreds of automaton states, and each thread keeps scratch space in
//! proportion. A text with a non-ASCII word character (accented Latin,
//! Cyrillic, CJK) keeps the pattern as written.

use std::sync::LazyLock;

use super::shared::Shared;
use regex_syntax::hir::{Capture, Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Look, Repetition};

/// The word characters (Unicode `\w`) outside ASCII.
static NON_ASCII_WORD: LazyLock<ClassUnicode> = LazyLock::new(|| {
    let mut word = match regex_syntax::parse(r"\w").map(|h| h.into_kind()) {
        Ok(HirKind::Class(Class::Unicode(class))) => class,
        _ => ClassUnicode::empty(),
    };
    word.difference(&ClassUnicode::new([ClassUnicodeRange::new('\0', '\x7f')]));
    word
});

/// Whether Unicode and ASCII word boundaries agree everywhere in `text`:
/// each of its characters is ASCII or not a word character.
pub fn ascii_words(text: &str) -> bool {
    text.is_ascii()
        || text.chars().all(|c| c.is_ascii() || !regex_syntax::try_is_word_character(c).unwrap_or(true))
}

/// The narrow form of `pattern` (matched case-insensitively), for texts where
/// [`ascii_words`] holds; `None` when it would be the pattern as written (no
/// Unicode boundary, no class that narrows) or does not compile.
pub fn narrowed(pattern: &str) -> Option<Shared> {
    let hir = regex_syntax::ParserBuilder::new().case_insensitive(true).build().parse(pattern).ok()?;
    Shared::from_hir(&narrow(&hir)?)
}

/// The narrow form of a parsed pattern, as [`narrowed`] compiles it; `None`
/// when it would be `hir` itself.
pub fn narrow(hir: &Hir) -> Option<Hir> {
    let mut changed = false;
    let ascii = rewrite(hir, &mut changed);
    changed.then_some(ascii)
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
        HirKind::Class(Class::Unicode(class)) => {
            let mut narrow = class.clone();
            narrow.difference(&NON_ASCII_WORD);
            if narrow.ranges().len() <= class.ranges().len() && narrow != *class {
                *changed = true;
                Hir::class(Class::Unicode(narrow))
            } else {
                hir.clone()
            }
        }
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
            let (unicode, ascii) = (compile_pattern(p).unwrap(), narrowed(p).unwrap());
            for t in texts {
                assert!(ascii_words(t));
                let a: Vec<_> = unicode.find_iter(t).map(|m| m.range()).collect();
                let b: Vec<_> = ascii.find_all(t).iter().map(|m| m.range()).collect();
                assert_eq!(a, b, "{p} on {t}");
            }
        }
        // Where they differ, the text is not one for the fast form.
        let (unicode, ascii) = (compile_pattern(r"\bteam\b").unwrap(), narrowed(r"\bteam\b").unwrap());
        assert!(!unicode.is_match("teamé") && ascii.is_match("teamé") && !ascii_words("teamé"));
        assert!(narrowed("(?-i)mentor").is_none());
        // Classes lose the non-ASCII word characters; the rest stays.
        let narrow = narrowed(r"\w+ing\s[^a-z]").unwrap();
        assert_eq!(narrow.find("—shipping\u{a0}”").map(|m| m.range()), Some(3..16));
    }
}
