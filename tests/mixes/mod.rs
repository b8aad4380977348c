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
                        let w = ImportedWeights {
                            own_lexical: 1.0,
                            area_lexical,
                            own_semantic,
                            area_semantic,
                            bigrams,
                            area_idf,
                        };
                        let name = format!(
                            "own-lex 1, area-lex {area_lexical}{}, own-sem {own_semantic}, area-sem {area_semantic}{}",
                            if area_idf { " (area IDF)" } else { "" },
                            if bigrams { ", bigrams" } else { "" }
                        );
                        out.push((name, w));
                    }
                }
            }
        }
    }
    out.sort_by_key(|(_, w)| {
        [w.area_lexical, w.own_semantic, w.area_semantic].iter().filter(|x| **x > 0.0).count()
            + usize::from(w.bigrams)
            + usize::from(w.area_idf)
    });
    out
}
