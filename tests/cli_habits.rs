//! The command-line habits of ruff and clippy in `promolint check`: `-`
//! (standard input) with `--stdin-filename`, `--quiet`, `--statistics`,
//! `--exit-zero`, `--output FILE [--force]`, `--force-exclude` (and the
//! pre-commit hook that uses it), `--output-format`, and
//! `<!-- promolint-disable-line CODE -->`.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

mod support;
use support::workspace::Workspace;

/// Covers `mentoring` only: one uncovered expectation (an error).
const UNCOVERED: &str = "---
ladder: acme
target: senior
---
- Mentored two new hires through onboarding ([guide](https://wiki.example.com/onboarding)).
";

/// Covers both, with evidence: clean.
const GOOD: &str = "---
ladder: acme
target: senior
---
- Mentored two new hires through onboarding ([guide](https://wiki.example.com/onboarding)).
- Led the incident response for INC-42 in Q3 2024.
";

fn stdout(mut cmd: Command) -> String {
    String::from_utf8(cmd.output().unwrap().stdout).unwrap()
}

// ---------------------------------------------------------------- standard input

#[test]
fn dash_reads_the_packet_from_standard_input() {
    let ws = Workspace::acme();
    ws.check(&["-", "--format", "short"])
        .write_stdin(UNCOVERED)
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with("<stdin>:3:9: error[uncovered-expectation]"))
        .stderr("checked 1 file: 1 error, 0 warnings\n");
}

#[test]
fn stdin_filename_names_the_packet_and_finds_its_config() {
    let ws = Workspace::acme();
    // The config next to the named file supplies the level of a packet without front matter.
    ws.write("team/promolint.yaml", "ladder: acme\ntarget: senior\n");
    let out = ws
        .check(&["-", "--stdin-filename", "team/ada.md", "--format", "short"])
        .write_stdin("- Mentored two new hires in 2024 ([guide](https://wiki.example.com/g)).\n")
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.contains("team/ada.md:1:1: error[uncovered-expectation]: no claim covers `incidents`"),
        "{out}"
    );
    assert!(out.contains("team/ada.md: coverage of acme/senior: 1 covered"), "{out}");
}

#[test]
fn dash_cannot_be_mixed_with_paths() {
    let ws = Workspace::acme();
    ws.write("p.md", GOOD);
    ws.check(&["-", "p.md"])
        .write_stdin(GOOD)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("standard input"));
}

// ---------------------------------------------------------------- output control

#[test]
fn quiet_prints_diagnostics_only() {
    let ws = Workspace::acme();
    ws.write("p.md", UNCOVERED);
    let out =
        ws.check(&["--quiet", "--format", "short", "p.md"]).assert().code(1).stderr("").get_output().clone();
    let out = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.contains("error[uncovered-expectation]") && !out.contains("coverage of"), "{out}");
    let human = stdout(ws.check(&["-q", "--color", "never", "p.md"]));
    assert!(human.contains("error[uncovered-expectation]") && !human.contains("coverage of"), "{human}");
}

#[test]
fn statistics_counts_diagnostics_per_code() {
    let ws = Workspace::acme();
    ws.write("a.md", UNCOVERED);
    ws.write(
        "b.md",
        "---\nladder: acme\ntarget: senior\n---\n- Helped with the mentoring program.\n- TODO\n",
    );
    let out = ws.check(&["--statistics", "a.md", "b.md"]).assert().code(1).get_output().clone();
    let out = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "2  error    uncovered-expectation", "{out}");
    assert!(lines.contains(&"1  warning  vague-claim"), "{out}");
    assert!(lines.contains(&"1  warning  placeholder-text"), "{out}");
    assert!(!out.contains("-->") && !out.contains("a.md"), "statistics only:\n{out}");
}

#[test]
fn exit_zero_exits_0_with_errors_but_2_on_a_failed_run() {
    let ws = Workspace::acme();
    ws.write("p.md", UNCOVERED);
    ws.check(&["--exit-zero", "p.md"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("error[uncovered-expectation]"));
    ws.check(&["--exit-zero", "-A", "no-such-code", "p.md"]).assert().code(2);
}

#[test]
fn output_format_is_an_alias_of_format() {
    let ws = Workspace::acme();
    ws.write("p.md", UNCOVERED);
    let out = stdout(ws.check(&["--output-format", "json", "p.md"]));
    let json: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(json["version"], 1);
}

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
        ws.read("report.txt").starts_with("p.md:3:9: error[uncovered-expectation]"),
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

// ---------------------------------------------------------------- --force-exclude and pre-commit

#[test]
fn force_exclude_applies_exclude_to_named_files() {
    let ws = Workspace::acme();
    ws.write("promolint.yaml", "exclude: [\"drafts/**\"]\n");
    ws.write("drafts/p.md", UNCOVERED);
    ws.check(&["drafts/p.md"]).assert().code(1);
    ws.check(&["--force-exclude", "drafts/p.md"]).assert().code(0).stdout("");
}

#[test]
fn force_exclude_skips_named_markdown_without_front_matter() {
    let ws = Workspace::acme();
    ws.write("README.md", "# Our promotions repository\n\nOne packet per candidate.\n");
    ws.check(&["README.md"]).assert().code(1).stdout(predicate::str::contains("missing-front-matter"));
    ws.check(&["--force-exclude", "README.md"])
        .assert()
        .code(0)
        .stderr("checked 0 files: 0 errors, 0 warnings; skipped 1 (1 no promolint front matter)\n");
}

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
        .stdout(predicate::str::contains("packets/bad.md:3:9: error[uncovered-expectation]"));
}

// ---------------------------------------------------------------- promolint-disable-line

#[test]
fn disable_line_suppresses_on_its_own_line_only() {
    let ws = Workspace::acme();
    ws.write(
        "p.md",
        "---\nladder: acme\ntarget: senior\n---\n\
         - Helped with the mentoring of new hires in 2024. <!-- promolint-disable-line vague-claim -->\n\
         - Helped with the incident reviews in 2024.\n",
    );
    let out = stdout(ws.check(&["--format", "short", "p.md"]));
    let vague: Vec<&str> = out.lines().filter(|l| l.contains("[vague-claim]")).collect();
    assert_eq!(vague.len(), 1, "{out}");
    assert!(vague[0].starts_with("p.md:6:"), "{out}");
    assert!(!out.contains("unknown lint code"), "{out}");
    assert!(!out.contains("unused-suppression"), "{out}");
}

#[test]
fn an_unused_disable_line_is_reported() {
    let ws = Workspace::acme();
    ws.write(
        "p.md",
        "---\nladder: acme\ntarget: senior\n---\n\
         - Mentored new hires ([guide](https://wiki.example.com/g)). <!-- promolint-disable-line hedging -->\n",
    );
    let out = stdout(ws.check(&["--format", "short", "p.md"]));
    assert!(out.contains("p.md:5:") && out.contains("unused-suppression"), "{out}");
}

// ---------------------------------------------------------------- grouped uncovered expectations

#[test]
fn human_output_groups_uncovered_expectations_per_area_and_verbose_shows_each() {
    let ws = Workspace::acme();
    ws.write("p.md", "---\nladder: acme\ntarget: senior\n---\n- Wrote the release notes in 2024.\n");
    let out = stdout(ws.check(&["--color", "never", "p.md"]));
    // One diagnostic per area (People, Operations), each with a checklist.
    assert_eq!(out.matches("error[uncovered-expectation]").count(), 2, "{out}");
    assert!(out.contains("error[uncovered-expectation]: no claim covers this expectation (People)"), "{out}");
    assert!(out.contains("[ ] `mentoring`: Mentor other engineers"), "{out}");
    assert!(out.contains("[ ] `incidents`: Lead the response to incidents"), "{out}");
    assert!(out.contains("`promolint summary p.md --by expectation`"), "{out}");

    let verbose = stdout(ws.check(&["--color", "never", "--verbose", "p.md"]));
    assert!(
        verbose.contains("error[uncovered-expectation]: no claim covers `mentoring` (People)"),
        "{verbose}"
    );
    assert!(
        verbose.contains("if you leave it out on purpose: <!-- promolint-waive mentoring: reason -->"),
        "{verbose}"
    );
    assert!(!verbose.contains("[ ]"), "{verbose}");

    // Machine formats keep one diagnostic per expectation.
    let short = stdout(ws.check(&["--format", "short", "p.md"]));
    assert_eq!(short.matches("[uncovered-expectation]").count(), 2, "{short}");
    assert!(short.contains("no claim covers `mentoring`"), "{short}");
}
