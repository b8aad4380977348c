//! The command-line habits of ruff and clippy in `promolint check` that need
//! logic: `--output FILE [--force]` (the file written, kept, replaced, no
//! temporary file left) and the pre-commit hook run as pre-commit runs it.
//! The cases (`-` with `--stdin-filename`, `--quiet`, `--statistics`,
//! `--exit-zero`, `--force-exclude`, `--output-format`,
//! `<!-- promolint-disable-line CODE -->`, grouped uncovered expectations) are
//! data in `tests/cmd/check/`, run by `tests/cli_cases.rs`.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

mod support;
use support::workspace::Workspace;

/// Covers `mentoring` only: one uncovered expectation (an error).
const UNCOVERED: &str = include_str!("cmd/acme.in/uncovered.md");

/// Covers both, with evidence: clean.
const GOOD: &str = include_str!("cmd/acme.in/good.md");

// ---------------------------------------------------------------- --output

#[test]
fn output_writes_the_report_to_a_file_and_never_replaces_one_without_force() {
    let ws = Workspace::acme();
    ws.write("p.md", UNCOVERED);
    ws.check(&["--format", "short", "--output", "report.txt", "p.md"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("wrote report.txt"));
    assert!(
        ws.read("report.txt").starts_with("p.md:4:9: error[uncovered-expectation]"),
        "{}",
        ws.read("report.txt")
    );

    ws.write("p.md", GOOD);
    ws.check(&["--format", "short", "--output", "report.txt", "p.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("report.txt exists; pass --force"));
    assert!(ws.read("report.txt").contains("uncovered-expectation"), "the old report is kept");

    ws.check(&["--format", "short", "--output", "report.txt", "--force", "p.md"]).assert().code(0);
    assert!(!ws.read("report.txt").contains("uncovered-expectation"), "{}", ws.read("report.txt"));
    let leftovers: Vec<_> = fs::read_dir(ws.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

// ---------------------------------------------------------------- pre-commit

/// The hook's `entry`, run as pre-commit runs it: with every staged Markdown file named.
fn pre_commit_entry() -> Vec<String> {
    let hooks =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml")).unwrap();
    let hooks: Vec<serde_json::Value> = serde_saphyr::from_str(&hooks).expect("hooks YAML");
    let entry = hooks[0]["entry"].as_str().expect("entry");
    entry.split_whitespace().map(str::to_owned).collect()
}

#[test]
fn the_pre_commit_hook_passes_a_readme_and_fails_a_bad_packet() {
    let ws = Workspace::acme();
    ws.write("README.md", "# Our promotions repository\n\nOne packet per candidate.\n");
    ws.write("packets/good.md", GOOD);
    ws.write("packets/bad.md", UNCOVERED);
    let entry = pre_commit_entry();
    assert_eq!(entry[0], "promolint");
    let run = |files: &[&str]| {
        let mut cmd = Command::cargo_bin("promolint").unwrap();
        cmd.current_dir(ws.path()).args(&entry[1..]).args(["--rules", "rules"]).args(files);
        cmd
    };
    run(&["README.md", "packets/good.md"]).assert().code(0);
    run(&["README.md", "packets/bad.md"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("packets/bad.md:4:9: error[uncovered-expectation]"));
}
