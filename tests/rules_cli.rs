//! `promolint rules import` and `promolint rules check` from the command line:
//! where the rule file goes, that an existing file is never replaced without
//! `--force`, and that a missing rule folder fails the run.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

const LADDER: &str = "\
# Engineer L2

> Ships features with guidance.

## Delivery
- Ships small features end to end
- Writes tests for the code they change

## Red flags
- Skips code review
";

fn promolint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("promolint").expect("the promolint binary is built");
    cmd.current_dir(dir);
    cmd
}

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

#[test]
fn import_writes_the_rule_file_to_stdout_by_default() {
    let dir = scratch();
    let output = promolint(dir.path()).args(import_args()).assert().success().get_output().clone();
    let yaml = String::from_utf8(output.stdout).unwrap();
    for line in [
        "ladder: acme",
        "level: L2",
        "title: Engineer L2",
        "summary: Ships features with guidance.",
        "  area: Delivery",
        "  text: Ships small features end to end",
        "  text: Writes tests for the code they change",
        "  text: Skips code review",
    ] {
        assert!(
            yaml.lines().any(|l| l.trim_start_matches("- ") == line || l == line),
            "no `{line}` in:\n{yaml}"
        );
    }
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

#[test]
fn rules_check_on_a_missing_folder_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    promolint(dir.path())
        .args(["rules", "check", "no-such-rules"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("no-such-rules"));
}

#[test]
fn rules_check_on_a_file_instead_of_a_folder_exits_2() {
    let dir = scratch();
    promolint(dir.path())
        .args(["rules", "check", "ladder.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("ladder.md is not a folder of rule files"));
}

/// A ladder owner learns where an example of their own ladder does not map to
/// its own expectation: a warning naming the example and what it maps to,
/// and the run still passes.
#[test]
fn rules_check_warns_when_an_example_does_not_map_to_its_expectation() {
    let dir = scratch();
    std::fs::create_dir(dir.path().join("acme")).unwrap();
    std::fs::write(
        dir.path().join("acme/l3.yaml"),
        "ladder: acme\nladder-name: Acme\nlevel: L3\ntitle: Engineer L3\nexpectations:\n  \
         - id: mentor-engineers\n    area: People\n    text: Mentors engineers on the team\n    \
         patterns: ['\\bmentor(ed|ing)?\\b']\n    examples:\n      \
         - 'Mentored two new engineers through onboarding (Q3 2024)'\n      \
         - 'Shipped the billing export end to end (PR #812)'\n  \
         - id: ship-features\n    area: Delivery\n    text: Ships well-tested features end to end\n    \
         patterns: ['\\bshipped\\b']\n",
    )
    .unwrap();
    promolint(dir.path())
        .args(["rules", "check", "."])
        .assert()
        .code(0)
        .stdout(
            predicate::str::contains("warning[example-does-not-map]: example 2 of `mentor-engineers` does not map to `mentor-engineers`")
                .and(predicate::str::contains("it maps to `ship-features` instead"))
                .and(predicate::str::contains("example 1 of").not()),
        )
        .stderr(predicate::str::contains("1 warning(s)"));
}

/// The same warning for a ladder with no patterns (what `rules import` gives,
/// with the owner's own examples added): asked with the imported-ladder score
/// that maps its claims.
#[test]
fn rules_check_warns_about_an_example_of_a_ladder_with_no_patterns() {
    let dir = scratch();
    std::fs::create_dir(dir.path().join("acme")).unwrap();
    let mut yaml =
        String::from("ladder: acme\nladder-name: Acme\nlevel: L3\ntitle: Engineer L3\nexpectations:\n");
    for (id, area, text, example) in [
        (
            "mentor-engineers",
            "People",
            "Mentors junior engineers and grows their skills",
            "Shipped the billing export to production on schedule",
        ),
        (
            "review-code",
            "People",
            "Coaches peers through code review feedback",
            "Gave code review feedback that coached two peers",
        ),
        (
            "ship-features",
            "Delivery",
            "Ships projects to production on schedule",
            "Shipped the search project on schedule",
        ),
        (
            "incremental",
            "Delivery",
            "Breaks large projects into incremental releases",
            "Split the migration into four incremental releases",
        ),
        (
            "design-docs",
            "Design",
            "Writes technical design documents for review",
            "Wrote the design document for the queue, reviewed by three teams",
        ),
        (
            "scale",
            "Design",
            "Designs systems that scale with traffic growth",
            "Designed the cache so the system scales with traffic",
        ),
    ] {
        yaml.push_str(&format!(
            "  - id: {id}\n    area: {area}\n    text: {text}\n    examples:\n      - '{example}'\n"
        ));
    }
    std::fs::write(dir.path().join("acme/l3.yaml"), yaml).unwrap();
    promolint(dir.path())
        .args(["rules", "check", "."])
        .assert()
        .code(0)
        .stdout(
            predicate::str::contains(
                "warning[example-does-not-map]: example 1 of `mentor-engineers` does not map to `mentor-engineers`",
            )
            .and(predicate::str::contains("`ship-features`"))
            .and(predicate::str::contains("of `scale`").not())
            .and(predicate::str::contains("of `review-code`").not()),
        );
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
