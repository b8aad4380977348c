//! Fuzz target: any bytes as promolint.yaml, loaded and validated, its
//! default ladder and target checked against the built-in rules; every
//! diagnostic's span lies inside the file on character boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;
use promolint::source::Sources;

fuzz_target!(|data: &[u8]| {
    static RULES: std::sync::OnceLock<promolint::rules::RuleSet> = std::sync::OnceLock::new();
    let rules = RULES.get_or_init(|| promolint::rules::load(&[] as &[&str], true, &mut Sources::new()).unwrap().0);
    let dir = std::env::temp_dir().join(format!("promolint-fuzz-config-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join("promolint.yaml");
    if std::fs::write(&path, data).is_err() {
        return;
    }
    let mut sources = Sources::new();
    let diagnostics = match promolint::config::load(&path, &mut sources) {
        Ok(config) => promolint::config::check_defaults(&config, rules),
        Err(diagnostics) => diagnostics,
    };
    for d in &diagnostics {
        let text = &sources.get(d.primary.file).text;
        assert!(d.primary.range.start <= d.primary.range.end && d.primary.range.end <= text.len());
        assert!(text.is_char_boundary(d.primary.range.start) && text.is_char_boundary(d.primary.range.end));
    }
});
