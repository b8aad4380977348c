//! Property tests: whatever bytes a packet holds, and whatever its front
//! matter says, promolint never panics, every diagnostic's span lies inside
//! the file on character boundaries, and the JSON output parses.

use promolint::check::{CheckOptions, Linter, PacketReport};
use promolint::report::Reporter;
use promolint::report::json::JsonReporter;
use promolint::source::Sources;
use proptest::prelude::*;

mod support;
use support::builtin_rules as rules;

/// Pieces packets are made of, hostile ones included.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("---\n".to_owned()),
        Just("ladder: socialbakers\n".to_owned()),
        Just("target: L4\n".to_owned()),
        Just("ladder: [unclosed\n".to_owned()),
        Just("target: &a [*a, *a]\n".to_owned()),
        Just("+++\n".to_owned()),
        Just("- ".to_owned()),
        Just("  - ".to_owned()),
        Just("* ".to_owned()),
        Just("1. ".to_owned()),
        Just("# ".to_owned()),
        Just("> ".to_owned()),
        Just("| a | b |\n| --- | --- |\n".to_owned()),
        Just("```\n".to_owned()),
        Just("<!-- covers: plan-and-track, nope -->".to_owned()),
        Just("<!-- promolint-disable vague-claim -->".to_owned()),
        Just("<!-- promolint-enable -->".to_owned()),
        Just("<!-- promolint-disable-next-line -->\n".to_owned()),
        Just("<!-- promolint-waive education-plan: reason -->".to_owned()),
        Just("<!-- promolint-waive x".to_owned()),
        Just("Mentored two engineers, shipped 40% faster in Q3 2024 (PR #12) ".to_owned()),
        Just("helped with TODO worked every weekend ".to_owned()),
        Just("[link](https://example.com) ".to_owned()),
        Just("\r\n".to_owned()),
        Just("\r".to_owned()),
        Just("\n".to_owned()),
        Just("é🦉‚Äô\u{feff}\u{200b} ".to_owned()),
        "[a-zA-Z0-9 .,:;()#%*_`\\[\\]<>!-]{0,40}",
    ]
}

fn packet_text() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..40).prop_map(|parts| parts.concat())
}

fn check_report(sources: &Sources, report: &PacketReport<'_>) -> Result<(), TestCaseError> {
    for d in &report.diagnostics {
        for label in std::iter::once(&d.primary).chain(&d.secondary) {
            let text = &sources.get(label.file).text;
            prop_assert!(label.range.start <= label.range.end, "{:?}", label.range);
            prop_assert!(label.range.end <= text.len(), "{:?} beyond {}", label.range, text.len());
            prop_assert!(text.is_char_boundary(label.range.start) && text.is_char_boundary(label.range.end));
        }
    }
    let mut out = Vec::new();
    let mut reporter = JsonReporter::new(&mut out);
    reporter.packet(sources, report).unwrap();
    reporter.finish(sources, &Default::default()).unwrap();
    drop(reporter);
    // Every diagnostic, in order, with its message (packet text quoted in it
    // included) unaltered: not only that serde_json's output parses.
    let parsed: serde_json::Value = serde_json::from_slice(&out).expect("JSON output parses");
    // A packet that could not be read lists its diagnostics under `errors`.
    let listed =
        if report.packet.is_some() { &parsed["packets"][0]["diagnostics"] } else { &parsed["errors"] };
    let messages: Vec<&str> = listed
        .as_array()
        .expect("diagnostics is an array")
        .iter()
        .map(|d| d["message"].as_str().expect("message is a string"))
        .collect();
    let expected: Vec<&str> = report.diagnostics.iter().map(|d| d.message.as_str()).collect();
    prop_assert_eq!(messages, expected);
    Ok(())
}

/// Linters shared by all cases, so each level's patterns compile once.
fn linter(with_level: bool) -> &'static Linter<'static, 'static> {
    static PLAIN: std::sync::OnceLock<Linter<'static, 'static>> = std::sync::OnceLock::new();
    static LEVELLED: std::sync::OnceLock<Linter<'static, 'static>> = std::sync::OnceLock::new();
    static OPTIONS: std::sync::OnceLock<(CheckOptions, CheckOptions)> = std::sync::OnceLock::new();
    let (plain, levelled) = OPTIONS.get_or_init(|| {
        let levelled = CheckOptions {
            ladder: Some("joe-and-the-juice".into()),
            target: Some("ic4".into()),
            ..CheckOptions::default()
        };
        (CheckOptions::default(), levelled)
    });
    if with_level {
        LEVELLED.get_or_init(|| Linter::new(rules(), levelled))
    } else {
        PLAIN.get_or_init(|| Linter::new(rules(), plain))
    }
}

fn lint(text: String, with_level: bool) -> Result<(), TestCaseError> {
    let mut sources = Sources::new();
    let file = sources.add("p.md", text);
    let report = linter(with_level).lint(file, &sources, true).expect("explicit files are always linted");
    check_report(&sources, &report)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_markdownish_packet_lints_without_panic(text in packet_text()) {
        lint(text, false)?;
    }

    #[test]
    fn any_packet_with_a_level_from_the_command_line(text in packet_text()) {
        lint(text, true)?;
    }

    #[test]
    fn any_bytes_decode_or_give_a_reason(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        match promolint::input::decode(&bytes) {
            Ok(text) => lint(text, false)?,
            Err((reason, offset)) => {
                prop_assert!(!reason.is_empty());
                if let Some(at) = offset {
                    prop_assert!(at <= bytes.len());
                }
            }
        }
    }
}
