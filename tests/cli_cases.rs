//! The command line's cases as data (trycmd): each `tests/cmd/<command>/NAME.toml`
//! gives the arguments (and `NAME.stdin`, `env`, the folder to run in), and
//! `NAME.stdout`, `NAME.stderr` and `status` what the built binary must print
//! and exit with, compared whole. The tests that need logic (parsing JSON for a
//! property, comparing two commands, repeated runs, files written, terminals)
//! stay in the `cli_*` and `*_cli` test files.
//!
//! Most cases run in `tests/cmd/acme.in/` (`fs.base = "../acme.in"`), which
//! holds a two-expectation ladder in `rules/acme/senior.yaml` and small
//! packets, so their output is short and exact; a case with a `NAME.in/`
//! folder runs there. A case that writes files sets `fs.sandbox = true` so
//! that it runs in a copy.
//!
//! Rewrite the expected output after a deliberate change, then review the diff:
//!
//! ```sh
//! TRYCMD=overwrite cargo test --test cli_cases
//! git diff tests/cmd
//! ```

use std::path::{Path, PathBuf};

/// The folders of cases under `tests/cmd/`, one per command.
const FOLDERS: [&str; 4] = ["check", "explain", "ladders", "rules"];

fn cases() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cmd");
    let mut cases = Vec::new();
    for folder in FOLDERS {
        let dir = root.join(folder);
        let entries =
            std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
        for entry in entries {
            let path = entry.expect("readable entry").path();
            if path.extension().is_some_and(|e| e == "toml") {
                cases.push(path);
            }
        }
    }
    cases.sort();
    cases
}

#[test]
fn cli_cases() {
    let cases = cases();
    // A harness that quietly finds no cases would pass.
    assert!(cases.len() >= 80, "expected at least 80 cases, found {}", cases.len());
    let runner = trycmd::TestCases::new();
    runner.default_bin_name("promolint");
    for case in &cases {
        runner.case(case);
    }
    runner.run();
}

/// trycmd checks only the streams a case has a file for: a case without its
/// `.stdout` or `.stderr` file would assert less than it seems to.
#[test]
fn every_case_states_both_streams() {
    let missing: Vec<String> = cases()
        .iter()
        .flat_map(|case| ["stdout", "stderr"].map(|ext| case.with_extension(ext)))
        .filter(|expected| !expected.is_file())
        .map(|expected| expected.display().to_string())
        .collect();
    assert!(
        missing.is_empty(),
        "cases without their expected output (an empty file expects nothing):\n{}",
        missing.join("\n")
    );
}
