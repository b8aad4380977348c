//! Helpers shared by the golden-file tests: the case folders of a fixture
//! directory, running the built binary from a case folder, running cases in
//! parallel, comparing against a golden file that `SNAPSHOTS=overwrite`
//! rewrites, and the SARIF 2.1.0 schema validator.
//!
//! Each test file that needs them says `mod support;`; every test crate
//! compiles its own copy and may use only part of it.
#![allow(dead_code)]

pub(crate) mod workspace;

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The repository root (where `Cargo.toml` is).
pub(crate) fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The sub-folders of `fixtures/<dir>`, one per case, sorted so that results
/// are reported in a stable order. Fails when there are fewer than `min`: a
/// harness that quietly finds no cases would pass.
pub(crate) fn case_dirs(dir: &str, min: usize) -> Vec<PathBuf> {
    let root = repo_root().join("fixtures").join(dir);
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", root.display()))
        .map(|entry| entry.expect("readable fixture entry").path())
        .filter(|path| path.is_dir())
        .collect();
    cases.sort();
    assert!(cases.len() >= min, "expected at least {min} cases in {}, found {}", root.display(), cases.len());
    cases
}

/// A case's name: its folder name.
pub(crate) fn case_name(case: &Path) -> String {
    case.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

/// How long any one run may take before the test fails: a hang is a
/// failure, not a wait forever. Generous, because the debug binary on a
/// loaded machine takes a while over the hostile inputs.
pub(crate) const TIMEOUT: std::time::Duration = std::time::Duration::from_secs(600);

/// The built `promolint` binary, run from `dir`, with the variables of the
/// developer's environment that change its output removed (colour, so that
/// only `--color` decides; `COLUMNS`, the width of `summary`'s table).
pub(crate) fn promolint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("promolint").expect("the promolint binary is built");
    cmd.current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("CLICOLOR")
        .env_remove("COLUMNS");
    cmd
}

/// The built-in rules, loaded once per test binary.
pub(crate) fn builtin_rules() -> &'static promolint::rules::RuleSet {
    static RULES: std::sync::OnceLock<promolint::rules::RuleSet> = std::sync::OnceLock::new();
    RULES.get_or_init(|| {
        promolint::rules::load(&[] as &[&str], true, &mut promolint::source::Sources::new())
            .expect("built-in rules")
            .0
    })
}

/// The five built-in levels, as (ladder, level).
pub(crate) const BUILTIN_LEVELS: [(&str, &str); 5] = [
    ("generic", "senior"),
    ("joe-and-the-juice", "IC4"),
    ("meetup", "principal-platform-architect"),
    ("socialbakers", "L4"),
    ("socialbakers", "value-stream-architect"),
];

/// What a finished run of the binary gave: its exit code and its standard
/// output and error as text.
#[derive(Debug)]
pub(crate) struct Run {
    pub(crate) code: i32,
    pub(crate) out: String,
    pub(crate) err: String,
}

/// The one way the tests run the binary to completion: `promolint ARGS` in
/// `dir` (stdout is a pipe, so `--color auto` means no colour), with
/// [`TIMEOUT`]. Fails the test when the run panicked, was killed (the
/// timeout) or printed text that is not UTF-8.
pub(crate) fn run(dir: &Path, args: &[&str]) -> Run {
    let out = promolint(dir).args(args).timeout(TIMEOUT).output().expect("run promolint");
    let err = String::from_utf8(out.stderr).expect("UTF-8 stderr");
    assert!(!err.contains("panicked"), "promolint panicked: {args:?}\n{err}");
    let code = out.status.code();
    assert!(code.is_some(), "promolint was killed (timeout {TIMEOUT:?}?): {args:?}\n{err}");
    Run { code: code.unwrap_or(-1), out: String::from_utf8(out.stdout).expect("UTF-8 stdout"), err }
}

/// The exit code of a finished run, or `signal` when it was killed.
pub(crate) fn exit_code(status: std::process::ExitStatus) -> String {
    status.code().map_or_else(|| "signal".to_owned(), |c| c.to_string())
}

/// Runs `f` on every case in parallel (each run of the debug binary takes a
/// while) and returns the results in case order.
pub(crate) fn on_each_case<T: Send>(cases: &[PathBuf], f: impl Fn(&Path) -> T + Sync) -> Vec<T> {
    std::thread::scope(|scope| {
        let handles: Vec<_> = cases.iter().map(|case| scope.spawn(|| f(case))).collect();
        handles.into_iter().map(|h| h.join().expect("case thread panicked")).collect()
    })
}

/// Compares `actual` with the golden file `expected`, byte for byte (no
/// wildcards, no path or newline munging beyond snapbox's `raw()`), and
/// returns snapbox's diff on a mismatch instead of panicking, so that a
/// harness can report every mismatching case. With `SNAPSHOTS=overwrite` the
/// file is rewritten instead (a missing file is created).
pub(crate) fn check_golden(actual: String, expected: &Path) -> Result<(), String> {
    // Text, not JSON: snapbox must neither re-format a JSON golden nor treat
    // `[..]` in a message as a wildcard, and `raw()` keeps `\` as it is.
    let expected = snapbox::Data::read_from(expected, Some(snapbox::data::DataFormat::Text)).raw();
    snapbox::Assert::new()
        .action_env(snapbox::assert::DEFAULT_ACTION_ENV)
        .try_eq(Some(&"actual"), snapbox::IntoData::into_data(actual), expected)
        .map_err(|e| e.to_string())
}

/// A validator for the official SARIF 2.1.0 schema, vendored in
/// `fixtures/schemas/` so that nothing is fetched over the network.
pub(crate) fn sarif_validator() -> jsonschema::Validator {
    let path = repo_root().join("fixtures/schemas/sarif-schema-2.1.0.json");
    let text =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let schema: serde_json::Value = serde_json::from_str(&text).expect("the SARIF schema is JSON");
    jsonschema::options().should_validate_formats(true).build(&schema).expect("the SARIF schema compiles")
}

/// Every way `log` breaks the SARIF schema, one line each (empty when valid).
pub(crate) fn sarif_errors(validator: &jsonschema::Validator, log: &serde_json::Value) -> Vec<String> {
    validator.iter_errors(log).map(|e| format!("{e} at {}", e.instance_path())).collect()
}
