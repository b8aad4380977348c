//! Fuzz target: any bytes as a level rule file in a rules folder, loaded and
//! validated; every diagnostic's span lies inside the file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use promolint::source::Sources;

fuzz_target!(|data: &[u8]| {
    let dir = std::env::temp_dir().join(format!("promolint-fuzz-{}", std::process::id()));
    let level_dir = dir.join("acme");
    let _ = std::fs::create_dir_all(&level_dir);
    if std::fs::write(level_dir.join("l1.yaml"), data).is_err() {
        return;
    }
    let mut sources = Sources::new();
    let Ok((_rules, diagnostics)) = promolint::rules::load(&[&dir], false, &mut sources) else { return };
    for d in &diagnostics {
        let text = &sources.get(d.primary.file).text;
        assert!(d.primary.range.end <= text.len());
        assert!(text.is_char_boundary(d.primary.range.start) && text.is_char_boundary(d.primary.range.end));
    }
});
