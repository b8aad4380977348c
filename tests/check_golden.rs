//! Golden tests for `promolint check`, rustc-UI style: what a user sees, in
//! every format, for the situations a user runs into.
//!
//! Each folder of `fixtures/check/` is one case.
//!
//! Input:
//! - `packet.md`, the packet checked; or, when there is none, the folder
//!   `packets/`, checked as a folder (walked for Markdown files);
//! - `promolint.yaml` (optional), found by promolint itself: it runs from the
//!   case folder. A case without one must not pick one up from a parent folder,
//!   so keep `fixtures/`, `fixtures/check/` and the repository root free of
//!   `promolint.yaml`;
//! - `rules/` (optional), a company's rule folder, passed with `--rules rules`
//!   in `args`;
//! - `args` (optional), extra command-line arguments, one per line, added
//!   after the format and colour options; blank lines and lines starting with
//!   `#` (a note on why the case needs them) are skipped.
//!
//! Expected output, each the exact standard output of
//! `promolint check <packet.md|packets> --format F --color never <args...>`
//! run from the case folder: `human.txt`, `short.txt`, `json.json`,
//! `sarif.json`, `github.txt`, `gitlab.json`. Beside them:
//! - `stderr.txt`, the standard error of the human run (the closing
//!   `checked N files: ...` line, which says what was skipped);
//! - `exit`, the exit code, on one line. Every format must exit with that
//!   same code (checked for each format, recorded once).
//!
//! Paths: the human, short and JSON formats show paths as given, relative to
//! the case folder; SARIF, GitHub and GitLab show them relative to the
//! repository root (`fixtures/check/<case>/packet.md`), as they do in CI;
//! promolint finds that root by the `.git` above the case folder, so run the
//! tests in a git checkout (a worktree will do).
//!
//! Redaction: SARIF names two things that depend on where and what was built:
//! the absolute repository root in `originalUriBaseIds.SRCROOT.uri` (written
//! as `file:///ROOT/`) and promolint's version in `tool.driver.version`
//! (written as `[VERSION]`). Nothing else is redacted.
//!
//! After a reviewed change in wording or rendering, rewrite the goldens with
//! `SNAPSHOTS=overwrite cargo test --test check_golden` and read
//! `git diff fixtures/check` before committing (see CONTRIBUTING.md).

mod support;

use std::path::{Path, PathBuf};

use serde_json::Value;
use support::{case_dirs, case_name, check_golden, exit_code, on_each_case, promolint};

/// Fewer cases than this means the folder was not found or was emptied.
const MIN_CASES: usize = 12;

/// The formats, each with the golden file holding its standard output.
const FORMATS: [(&str, &str); 6] = [
    ("human", "human.txt"),
    ("short", "short.txt"),
    ("json", "json.json"),
    ("sarif", "sarif.json"),
    ("github", "github.txt"),
    ("gitlab", "gitlab.json"),
];

/// What stands for the absolute repository root in `sarif.json`.
const ROOT_PLACEHOLDER: &str = "file:///ROOT/";
/// What stands for promolint's version in `sarif.json`.
const VERSION_PLACEHOLDER: &str = "[VERSION]";

fn cases() -> Vec<PathBuf> {
    case_dirs("check", MIN_CASES)
}

/// What `promolint check` is given in a case: `packet.md`, else `packets`.
fn input(case: &Path) -> &'static str {
    if case.join("packet.md").is_file() {
        "packet.md"
    } else if case.join("packets").is_dir() {
        "packets"
    } else {
        panic!("case {} has neither packet.md nor packets/", case_name(case))
    }
}

/// The case's `args` file, one argument per line, without blank and `#` lines.
fn extra_args(case: &Path) -> Vec<String> {
    match std::fs::read_to_string(case.join("args")) {
        Ok(text) => text
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty() && !line.starts_with('#'))
            .map(str::to_owned)
            .collect(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => panic!("cannot read the args of case {}: {e}", case_name(case)),
    }
}

/// One run of `promolint check` in one format.
struct Run {
    format: &'static str,
    code: String,
    stdout: String,
    stderr: String,
}

fn run(case: &Path, format: &'static str) -> Run {
    let output = promolint(case)
        .arg("check")
        .arg(input(case))
        .args(["--format", format, "--color", "never"])
        .args(extra_args(case))
        .output()
        .expect("promolint runs");
    let stdout = String::from_utf8(output.stdout)
        .unwrap_or_else(|e| panic!("case {}: {format} output is not UTF-8: {e}", case_name(case)));
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let stdout = if format == "sarif" { redact_sarif(&stdout) } else { stdout };
    Run { format, code: exit_code(output.status), stdout, stderr }
}

/// Replaces the two values of a SARIF log that depend on the machine and the
/// build (see the module comment), textually, so that the rest of the output
/// stays byte for byte what promolint printed. Output that is not the SARIF
/// expected is returned unchanged, for the golden comparison to show.
fn redact_sarif(text: &str) -> String {
    let Ok(log) = serde_json::from_str::<Value>(text) else { return text.to_owned() };
    let run = &log["runs"][0];
    let mut out = text.to_owned();
    if let Some(root) = run["originalUriBaseIds"]["SRCROOT"]["uri"].as_str() {
        let from = format!("\"uri\": {}", Value::from(root));
        out = out.replacen(&from, &format!("\"uri\": {}", Value::from(ROOT_PLACEHOLDER)), 1);
    }
    if run["tool"]["driver"]["version"].as_str() == Some(env!("CARGO_PKG_VERSION")) {
        // The driver's own `version`, not the log's `"version": "2.1.0"`:
        // the first one after `"driver"`.
        let from = format!("\"version\": {}", Value::from(env!("CARGO_PKG_VERSION")));
        if let Some(driver) = out.find("\"driver\"")
            && let Some(at) = out[driver..].find(&from)
        {
            let at = driver + at;
            let to = format!("\"version\": {}", Value::from(VERSION_PLACEHOLDER));
            out.replace_range(at..at + from.len(), &to);
        }
    }
    out
}

/// Runs every format of one case and compares each output, the exit code and
/// standard error with the goldens; returns every problem found.
fn check_case(case: &Path) -> Vec<String> {
    let runs: Vec<Run> = FORMATS.iter().map(|(format, _)| run(case, format)).collect();
    let mut problems = Vec::new();
    for (run, (_, file)) in runs.iter().zip(FORMATS) {
        if let Err(diff) = check_golden(run.stdout.clone(), &case.join(file)) {
            problems.push(format!("{file}:\n{diff}"));
        }
        if run.stderr.contains("panicked") {
            problems.push(format!("--format {} panicked:\n{}", run.format, run.stderr));
        }
        // A golden that names this checkout's location passes here and fails
        // on every other machine.
        let root = support::repo_root().to_string_lossy();
        if run.stdout.contains(&*root) || run.stderr.contains(&*root) {
            problems.push(format!("--format {} names the absolute path {root}: redact it", run.format));
        }
    }
    let human = &runs[0];
    if let Err(diff) = check_golden(human.stderr.clone(), &case.join("stderr.txt")) {
        problems.push(format!("stderr.txt:\n{diff}"));
    }
    if let Err(diff) = check_golden(format!("{}\n", human.code), &case.join("exit")) {
        problems.push(format!("exit:\n{diff}"));
    }
    let codes: Vec<String> = runs.iter().map(|r| format!("{} {}", r.format, r.code)).collect();
    if runs.iter().any(|r| r.code != human.code) {
        problems.push(format!("the formats exit with different codes: {}", codes.join(", ")));
    }
    problems
}

#[test]
fn check_output_matches_the_goldens() {
    let cases = cases();
    let results = on_each_case(&cases, check_case);
    // One bad case must not hide the others: report them all, then fail.
    let failed: Vec<String> = cases
        .iter()
        .zip(results)
        .filter(|(_, problems)| !problems.is_empty())
        .map(|(case, problems)| format!("=== case {}\n{}", case_name(case), problems.join("\n")))
        .collect();
    assert!(
        failed.is_empty(),
        "{} of {} check cases differ from their goldens \
         (after review: SNAPSHOTS=overwrite cargo test --test check_golden):\n{}",
        failed.len(),
        cases.len(),
        failed.join("\n")
    );
}

fn read(case: &Path, file: &str) -> String {
    let path = case.join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Every `sarif.json` golden (redactions included) is valid against the
/// official SARIF 2.1.0 schema, so what the goldens bless is SARIF that code
/// scanning accepts; `json.json` and `gitlab.json` are JSON of the right shape.
#[test]
fn machine_readable_goldens_are_valid() {
    let validator = support::sarif_validator();
    let mut failed = Vec::new();
    let mut a_log = None;
    for case in cases() {
        let name = case_name(&case);
        let sarif: Value = match serde_json::from_str(&read(&case, "sarif.json")) {
            Ok(log) => log,
            Err(e) => {
                failed.push(format!("{name}/sarif.json is not JSON: {e}"));
                continue;
            }
        };
        let errors = support::sarif_errors(&validator, &sarif);
        if !errors.is_empty() {
            failed.push(format!("{name}/sarif.json breaks the SARIF schema:\n{}", errors.join("\n")));
        }
        if !sarif["runs"][0]["results"].as_array().is_none_or(Vec::is_empty) {
            a_log = Some(sarif);
        }
        match serde_json::from_str::<Value>(&read(&case, "json.json")) {
            Ok(json) if json["version"] == 1 && json["packets"].is_array() => {}
            Ok(_) => failed.push(format!("{name}/json.json is not promolint's JSON report (version 1)")),
            Err(e) => failed.push(format!("{name}/json.json is not JSON: {e}")),
        }
        match serde_json::from_str::<Value>(&read(&case, "gitlab.json")) {
            Ok(Value::Array(_)) => {}
            Ok(_) => failed.push(format!("{name}/gitlab.json is not an array of issues")),
            Err(e) => failed.push(format!("{name}/gitlab.json is not JSON: {e}")),
        }
    }
    assert!(failed.is_empty(), "invalid machine-readable goldens:\n{}", failed.join("\n"));

    // The validator is live: a result level SARIF does not have is rejected.
    let mut broken = a_log.expect("some case has a SARIF result");
    broken["runs"][0]["results"][0]["level"] = Value::from("fatal");
    assert!(!validator.is_valid(&broken), "the SARIF validator accepts an invalid level");
}

/// Guards the goldens themselves, so that `SNAPSHOTS=overwrite` cannot quietly
/// bless a regression in the two cases everything else leans on: the strong
/// packet is clean (exit 0, full coverage, no diagnostic) and the weak one
/// fails (exit 1, uncovered expectations and claims without evidence).
#[test]
fn the_strong_packet_passes_and_the_weak_packet_fails() {
    let root = support::repo_root().join("fixtures/check");
    let strong = root.join("strong-packet");
    assert_eq!(read(&strong, "exit"), "0\n");
    let short = read(&strong, "short.txt");
    assert!(short.lines().all(|l| l.contains(": coverage of ")), "strong packet has diagnostics:\n{short}");
    assert!(short.contains("(100%)"), "strong packet is not fully covered:\n{short}");

    let weak = root.join("weak-packet");
    assert_eq!(read(&weak, "exit"), "1\n");
    let short = read(&weak, "short.txt");
    assert!(short.contains("error[uncovered-expectation]"), "{short}");
    assert!(short.contains("warning[claim-without-evidence]"), "{short}");
}
