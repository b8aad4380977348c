//! Fuzz target: any bytes as a packet, decoded, parsed and analysed against a
//! built-in level (front matter or a fixed level), with every span checked.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use promolint::check::{CheckOptions, Linter};
use promolint::rules::RuleSet;
use promolint::source::Sources;

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| promolint::rules::load(&[] as &[&str], true, &mut Sources::new()).unwrap().0)
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = promolint::input::decode(data) else { return };
    let options = if data.first().is_some_and(|b| b % 2 == 0) {
        CheckOptions::default()
    } else {
        CheckOptions { ladder: Some("socialbakers".into()), target: Some("L4".into()), ..CheckOptions::default() }
    };
    let mut sources = Sources::new();
    let file = sources.add("fuzz.md", text);
    let linter = Linter::new(rules(), &options);
    let report = linter.lint(file, &sources, true).expect("explicit files are linted");
    let len = sources.get(file).text.len();
    for d in &report.diagnostics {
        let text = &sources.get(d.primary.file).text;
        assert!(d.primary.range.start <= d.primary.range.end && d.primary.range.end <= len.max(text.len()));
        assert!(text.is_char_boundary(d.primary.range.start) && text.is_char_boundary(d.primary.range.end));
    }
});
