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

/// Linters shared by every run, so each level's patterns compile once.
fn linter(levelled: bool) -> &'static Linter<'static, 'static> {
    static OPTIONS: OnceLock<(CheckOptions, CheckOptions)> = OnceLock::new();
    static PLAIN: OnceLock<Linter<'static, 'static>> = OnceLock::new();
    static LEVELLED: OnceLock<Linter<'static, 'static>> = OnceLock::new();
    let (plain, fixed) = OPTIONS.get_or_init(|| {
        let fixed =
            CheckOptions { ladder: Some("socialbakers".into()), target: Some("L4".into()), ..CheckOptions::default() };
        (CheckOptions::default(), fixed)
    });
    if levelled {
        LEVELLED.get_or_init(|| Linter::new(rules(), fixed))
    } else {
        PLAIN.get_or_init(|| Linter::new(rules(), plain))
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = promolint::input::decode(data) else { return };
    let levelled = data.first().is_some_and(|b| b % 2 == 1);
    let mut sources = Sources::new();
    let file = sources.add("fuzz.md", text);
    let report = linter(levelled).lint(file, &sources, true).expect("explicit files are linted");
    let len = sources.get(file).text.len();
    for d in &report.diagnostics {
        let text = &sources.get(d.primary.file).text;
        assert!(d.primary.range.start <= d.primary.range.end && d.primary.range.end <= len.max(text.len()));
        assert!(text.is_char_boundary(d.primary.range.start) && text.is_char_boundary(d.primary.range.end));
    }
});
