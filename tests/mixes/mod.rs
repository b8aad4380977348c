//! The candidate mixes of the imported-ladder score that the design test
//! (`import_design.rs`) chooses among, shared with the import benchmark's
//! cross-task check.

use promolint::analysis::imported::ImportedWeights;

/// The candidate mixes, fewer signals first (the design rule prefers the
/// simpler of two equal mixes), each with its printed name.
pub(crate) fn candidates() -> Vec<(String, ImportedWeights)> {
    let mut out = Vec::new();
    for bigrams in [false, true] {
        for area_lexical in [0.0, 0.5, 1.0] {
            for own_semantic in [0.0, 0.5, 1.0] {
                for area_semantic in [0.0, 0.5, 1.0] {
                    // The areas' own IDF only changes area-lexical.
                    let idfs: &[bool] = if area_lexical > 0.0 { &[false, true] } else { &[false] };
                    for &area_idf in idfs {
                        // The area's name (since session 16).
                        for name_lexical in [0.0, 0.5, 1.0] {
                            for name_semantic in [0.0, 0.5, 1.0] {
                                let w = ImportedWeights {
                                    own_lexical: 1.0,
                                    area_lexical,
                                    own_semantic,
                                    area_semantic,
                                    name_lexical,
                                    name_semantic,
                                    bigrams,
                                    area_idf,
                                };
                                out.push((name(&w), w));
                            }
                        }
                    }
                }
            }
        }
    }
    out.sort_by_key(|(_, w)| {
        [w.area_lexical, w.own_semantic, w.area_semantic, w.name_lexical, w.name_semantic]
            .iter()
            .filter(|x| **x > 0.0)
            .count()
            + usize::from(w.bigrams)
            + usize::from(w.area_idf)
    });
    out
}

/// A mix's printed name: each weight, the areas' IDF and bigrams when on;
/// the name parts only when they count (so that the mixes of before
/// session 16 keep their names).
pub(crate) fn name(w: &ImportedWeights) -> String {
    let mut out = format!(
        "own-lex {}, area-lex {}{}, own-sem {}, area-sem {}",
        w.own_lexical,
        w.area_lexical,
        if w.area_idf { " (area IDF)" } else { "" },
        w.own_semantic,
        w.area_semantic
    );
    if w.name_lexical > 0.0 || w.name_semantic > 0.0 {
        out += &format!(", name-lex {}, name-sem {}", w.name_lexical, w.name_semantic);
    }
    if w.bigrams {
        out += ", bigrams";
    }
    out
}
