//! Fuzz target: any bytes as a `rules import` document, decoded as the
//! import reads files, parsed in every format and imported as Markdown;
//! every problem's span lies inside the text on character boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;
use promolint::rules::import::{self, Columns, Format};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = promolint::input::decode(data) else { return };
    let inside = |r: &std::ops::Range<usize>| {
        assert!(r.start <= r.end && r.end <= text.len());
        assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
    };
    for format in [Format::Markdown, Format::Html, Format::Yaml, Format::Csv] {
        if let Err(problem) = import::parse(&text, format, &Columns::default()) {
            inside(&problem.at);
        }
    }
    if let Err(problem) = import::import(&text, "acme", "l4", "ladder.md") {
        inside(&problem.at);
    }
});
