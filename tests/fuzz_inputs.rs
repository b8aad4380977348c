//! A fuzz harness on stable Rust (cargo-fuzz needs nightly): generated
//! promolint.yaml files and `rules import` documents, hostile pieces
//! included. Whatever they hold, promolint never panics, every problem
//! points inside the text on character boundaries, and an accepted config's
//! defaults are checked against the rules without panicking.
//!
//! Each property runs `PROMOLINT_FUZZ_CASES` cases (256 by default, so the
//! test suite stays quick); set it higher for a longer run.

use promolint::rules::import::{self, Columns, Format};
use promolint::source::Sources;
use proptest::prelude::*;

fn cases() -> u32 {
    std::env::var("PROMOLINT_FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256)
}

mod support;
use support::builtin_rules as rules;

/// Pieces of promolint.yaml files, valid and hostile.
fn config_fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("ladder: socialbakers\n".to_owned()),
        Just("ladder: socialbakerz\n".to_owned()),
        Just("target: L4\n".to_owned()),
        Just("target: 1.10\n".to_owned()),
        Just("target: [L4]\n".to_owned()),
        Just("rules: [nope, ../x]\n".to_owned()),
        Just("lints:\n  red-flag: deny\n  warnings: deny\n  nope: allow\n  vague-claim: loud\n".to_owned()),
        Just("lints: {unreadable-file: allow}\n".to_owned()),
        Just("min-coverage: 150\n".to_owned()),
        Just("min-coverage: .nan\n".to_owned()),
        Just("exclude: ['[', '**/*.md', '{a,']\n".to_owned()),
        Just("unknown-key: 1\n".to_owned()),
        Just("a: &x [*x]\n".to_owned()),
        Just("b: &y [1, 2]\nc: [*y, *y, *y, *y]\n".to_owned()),
        Just("---\n".to_owned()),
        Just("...\n".to_owned()),
        Just("ladder: \"\\u001b[2J\"\n".to_owned()),
        Just("!!binary ZZ\n".to_owned()),
        Just("? [complex, key]\n: v\n".to_owned()),
        Just("  ".to_owned()),
        Just("\t".to_owned()),
        Just("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[".to_owned()),
        Just("é🦉\u{feff}\u{200b}\r\n".to_owned()),
        "[a-z:{}\\[\\],&*!|>#'\" \n-]{0,30}",
    ]
}

fn config_text() -> impl Strategy<Value = String> {
    prop::collection::vec(config_fragment(), 0..12).prop_map(|parts| parts.concat())
}

/// Pieces of ladder documents in every format `rules import` reads.
fn ladder_fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("# Engineering ladder\n".to_owned()),
        Just("## L4\n".to_owned()),
        Just("### Delivery\n".to_owned()),
        Just("- Plans and tracks work across the team\n".to_owned()),
        Just("  - nested example\n".to_owned()),
        Just("| Area | Text | Level |\n| --- | --- | --- |\n| a | b | L4 |\n".to_owned()),
        Just("area,text,level\nDelivery,\"Ships, \"\"safely\"\"\",L4\n".to_owned()),
        Just("\"unterminated,quote\n".to_owned()),
        Just("<html><table><tr><td rowspan=9999 colspan=9999>x</td></tr></table>".to_owned()),
        Just("<ul><li>Leads <b>design</b><li>".to_owned()),
        Just("<!-- comment".to_owned()),
        Just("---\ntitle: x\nlevels: [a, b]\n---\n".to_owned()),
        Just(
            "topics:\n  - name: Delivery\n    competencies:\n      - level: L4\n        text: Ships\n"
                .to_owned()
        ),
        Just("competencies: &c [*c]\n".to_owned()),
        Just("```\ncode\n".to_owned()),
        Just("\u{1b}[2J".to_owned()),
        Just("Ã©â€™".to_owned()),
        Just("\r".to_owned()),
        Just("\n".to_owned()),
        "[a-zA-Z0-9 .,:;#|<>/=\"'*_-]{0,40}",
    ]
}

fn ladder_text() -> impl Strategy<Value = String> {
    prop::collection::vec(ladder_fragment(), 0..30).prop_map(|parts| parts.concat())
}

fn check_range(text: &str, range: &std::ops::Range<usize>) -> Result<(), TestCaseError> {
    prop_assert!(range.start <= range.end && range.end <= text.len(), "{range:?} in {} bytes", text.len());
    prop_assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end), "{range:?}");
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn any_config_file_loads_or_points_at_its_problems(text in config_text()) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("promolint.yaml");
        std::fs::write(&path, &text).unwrap();
        let mut sources = Sources::new();
        match promolint::config::load(&path, &mut sources) {
            Ok(config) => {
                for d in promolint::config::check_defaults(&config, rules()) {
                    check_range(&sources.get(d.primary.file).text, &d.primary.range)?;
                }
            }
            Err(problems) => {
                prop_assert!(!problems.is_empty());
                for d in &problems {
                    check_range(&sources.get(d.primary.file).text, &d.primary.range)?;
                    prop_assert!(!d.message.contains("Depth {") && !d.message.contains("from_str_multiple"), "{}", d.message);
                }
            }
        }
    }

    #[test]
    fn any_ladder_document_imports_or_points_at_its_problem(text in ladder_text()) {
        for format in [Format::Markdown, Format::Html, Format::Yaml, Format::Csv] {
            if let Err(problem) = import::parse(&text, format, &Columns::default()) {
                check_range(&text, &problem.at)?;
                prop_assert!(!problem.message.is_empty());
            }
        }
        match import::import(&text, "acme", "l4", "ladder.md") {
            Ok(level) => prop_assert!(serde_saphyr::to_string(&level).is_ok_and(|y| !y.is_empty())),
            Err(problem) => check_range(&text, &problem.at)?,
        }
        let _ = import::detect("ladder", &text);
    }
}
