//! `promolint rules import` and `promolint rules check` from the command line
//! where a test looks at files: where the rule file goes, that an existing
//! file is never replaced without `--force`, that a refused import writes
//! nothing, devices and generated inputs. The cases (the imported YAML, the
//! `rules check` diagnostics) are data in `tests/cmd/rules/`, run by
//! `tests/cli_cases.rs`.

use std::path::Path;

use predicates::prelude::*;

/// The ladder document of the `rules import` cases.
const LADDER: &str = include_str!("cmd/rules/ladder.in/ladder.md");

mod support;
use support::promolint;

/// A scratch folder holding `ladder.md`.
fn scratch() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ladder.md"), LADDER).unwrap();
    dir
}

fn import_args() -> [&'static str; 7] {
    ["rules", "import", "ladder.md", "--ladder", "acme", "--level", "L2"]
}

/// The folder's entries, sorted, to show that nothing else was written.
fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The YAML it prints is the case `tests/cmd/rules/import-to-stdout`.
#[test]
fn import_without_output_writes_no_file() {
    let dir = scratch();
    let output = promolint(dir.path()).args(import_args()).assert().success().get_output().clone();
    assert!(
        String::from_utf8(output.stdout).unwrap().contains("\nladder: acme\n"),
        "the rule file is on stdout"
    );
    assert_eq!(entries(dir.path()), ["ladder.md"], "import without -o must write no file");
}

#[test]
fn import_output_file_is_a_valid_rule_file() {
    let dir = scratch();
    std::fs::create_dir(dir.path().join("acme")).unwrap();
    promolint(dir.path())
        .args(import_args())
        .args(["-o", "acme/l2.yaml"])
        .assert()
        .success()
        .stdout("")
        .stderr(
            predicate::str::contains("acme/l2.yaml")
                .and(predicate::str::contains("2 expectations, 1 red flags")),
        );
    let written = std::fs::read_to_string(dir.path().join("acme/l2.yaml")).unwrap();
    assert!(written.contains("text: Ships small features end to end"), "{written}");
    // It works at once: the rule check passes and the level is listed.
    promolint(dir.path()).args(["rules", "check", "."]).assert().code(0);
    promolint(dir.path())
        .args(["--rules", ".", "ladders"])
        .assert()
        .success()
        .stdout(predicate::str::is_match(r"(?m)^acme\s+L2\s+Engineer L2\s+2\s+1\s").unwrap());
}

#[test]
fn import_refuses_to_overwrite_without_force() {
    let dir = scratch();
    let out = dir.path().join("l2.yaml");
    std::fs::write(&out, "# my hand-edited rules\n").unwrap();
    promolint(dir.path())
        .args(import_args())
        .args(["-o", "l2.yaml"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("l2.yaml exists").and(predicate::str::contains("--force")));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "# my hand-edited rules\n", "the file was changed");
    assert_eq!(entries(dir.path()), ["l2.yaml", "ladder.md"], "no stray temporary file is left behind");
}

#[test]
fn import_with_force_replaces_the_file() {
    let dir = scratch();
    let out = dir.path().join("l2.yaml");
    std::fs::write(&out, "# my hand-edited rules\n").unwrap();
    promolint(dir.path()).args(import_args()).args(["--output", "l2.yaml", "--force"]).assert().success();
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(!written.contains("hand-edited"), "{written}");
    assert!(written.contains("ladder: acme") && written.contains("Skips code review"), "{written}");
    assert_eq!(entries(dir.path()), ["l2.yaml", "ladder.md"]);
}

#[test]
fn import_of_a_missing_ladder_document_fails_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    promolint(dir.path())
        .args(["rules", "import", "nope.md", "--ladder", "acme", "--level", "L2", "-o", "l2.yaml"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("nope.md"));
    assert!(entries(dir.path()).is_empty());
}

/// Runs `rules import NAME` on `contents` in a scratch folder with `-o out.yaml`;
/// asserts exit 2, the diagnostic `expected` on standard error and that no file was written.
fn refused(name: &str, contents: &[u8], extra: &[&str], expected: &str) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), contents).unwrap();
    promolint(dir.path())
        .args(["--color", "never", "rules", "import", name, "--ladder", "acme", "-o", "out.yaml"])
        .args(extra)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(expected).and(predicate::str::contains("nothing written")));
    assert_eq!(entries(dir.path()), [name], "{name}: a file was written");
}

#[test]
fn import_refuses_empty_and_unusable_documents_and_writes_nothing() {
    let no_expectations = "cannot import: the document has no expectations";
    refused("empty.md", b"", &["--level", "l1"], no_expectations);
    refused("headings.md", b"# Ladder\n\n## Delivery\n\n## Craft\n", &["--level", "l1"], no_expectations);
    refused(
        "div.html",
        b"<html><body><div><span>Hi</span></div></body></html>",
        &["--level", "l1"],
        no_expectations,
    );
    refused("empty.csv", b"", &["--level", "l1"], "the CSV file has no header row");
    refused("header.csv", b"Level,Competency,Behaviour\n", &["--level", "l1"], no_expectations);
}

#[test]
fn import_never_reads_other_formats_as_markdown() {
    // YAML of another shape is refused, not read as Markdown bullets.
    refused("other.yaml", b"name: x\nitems:\n  - a\n", &["--level", "l1"], "not an FT-style ladder");
    refused("ladder.pdf", b"%PDF-1.4 ...", &["--level", "l1"], "`.pdf` is not a ladder format");
    refused("notes", b"plain words", &["--level", "l1"], "pass --from");
    // YAML without a telling extension, opening like Markdown, is still read as YAML.
    let ft = b"# source: a comment\nlevels:\n  - id: l1\ncompetencies:\n  - level: l9\n    summary: Ships\n";
    refused("ladder.txt", ft, &["--level", "l1"], "level `l1` has no expectations");
    refused("ladder.csv", b"Level,Behaviour\nL1,\n", &["--level", "l1"], "no expectations");
}

#[test]
fn import_of_several_levels_needs_a_choice_and_refuses_an_unknown_one() {
    let md = b"# Ladder\n\n## L1\n- Ships tasks\n\n## L2\n- Ships features\n";
    refused("ladder.md", md, &[], "the document holds several levels");
    refused("ladder.md", md, &["--level", "L9"], "the document has no level `L9`");
}

#[test]
fn import_lists_the_levels_and_where_they_are() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("ladder.md"),
        "# Ladder\n\n## L1\n- Ships tasks\n\n## L2\n- Ships features\n- Reviews code\n",
    )
    .unwrap();
    promolint(dir.path())
        .args(["rules", "import", "ladder.md", "--list-levels"])
        .assert()
        .success()
        .stdout("l1  L1  (heading at line 3, 1 expectations)\nl2  L2  (heading at line 6, 2 expectations)\n");
    assert_eq!(entries(dir.path()), ["ladder.md"]);
}

#[test]
fn import_all_levels_refuses_to_replace_any_file_and_writes_none() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("ladder.md"),
        "# Ladder\n\n## L1\n- Ships tasks\n\n## L2\n- Ships features\n",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("out")).unwrap();
    std::fs::write(dir.path().join("out/l2.yaml"), "# mine\n").unwrap();
    promolint(dir.path())
        .args(["rules", "import", "ladder.md", "--ladder", "acme", "--all-levels", "-o", "out"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("l2.yaml exists"));
    assert_eq!(entries(&dir.path().join("out")), ["l2.yaml"]);
}

#[cfg(unix)]
#[test]
fn import_refuses_devices_and_fifos_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("ladder.md");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().expect("mkfifo runs");
    assert!(made.success());
    for input in [fifo.to_str().unwrap(), "/dev/zero"] {
        let started = std::time::Instant::now();
        promolint(dir.path())
            .args(["rules", "import", input, "--ladder", "acme", "--level", "l1"])
            .timeout(std::time::Duration::from_secs(20))
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains("not a regular file"));
        assert!(started.elapsed() < std::time::Duration::from_secs(10), "{input} was read");
    }
}

/// 50,000 identical bullets: numbered ids, all distinct, and the file loads.
#[test]
fn import_numbers_many_identical_bullets() {
    let dir = tempfile::tempdir().unwrap();
    let md = format!("# L1\n\n## Delivery\n{}", "- Ships features end to end\n".repeat(50_000));
    std::fs::write(dir.path().join("ladder.md"), md).unwrap();
    promolint(dir.path())
        .args(["rules", "import", "ladder.md", "--ladder", "acme", "--level", "l1", "-o", "l1.yaml"])
        .assert()
        .success();
    let yaml = std::fs::read_to_string(dir.path().join("l1.yaml")).unwrap();
    assert!(yaml.contains("id: ships-features-end-end-50000\n"), "the last copy's id");
}
