//! Golden tests for rule-file diagnostics, rustc-UI style.
//!
//! Each folder of `fixtures/rule-errors/` is one case: a `rules/` folder with
//! one or more broken rule files, and `expected.txt`, the exact standard output
//! of `promolint rules check rules --color never` run from the case folder (so
//! the paths in it are relative and stable), followed by a line `exit: CODE`.
//! After a reviewed change in the wording or rendering, rewrite them with
//! `SNAPSHOTS=overwrite cargo test --test rule_errors` and read the diff.

use std::path::{Path, PathBuf};

mod support;

use support::{case_name as name, on_each_case, promolint};

/// The case folders, sorted so failures are reported in a stable order.
fn cases() -> Vec<PathBuf> {
    support::case_dirs("rule-errors", 13)
}

/// The expected output of a case without its trailing `exit:` line.
fn expected_diagnostics(case: &Path) -> String {
    let path = case.join("expected.txt");
    let text =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let body = text.strip_suffix("exit: 2\n").unwrap_or_else(|| {
        panic!("{} must end with the line `exit: 2` (every rule-file mistake fails the run)", path.display())
    });
    assert!(body.contains("error["), "{}: no diagnostic in the expected output", path.display());
    body.to_owned()
}

#[test]
fn rules_check_output_matches_expected_txt() {
    let cases = cases();
    let outputs = on_each_case(&cases, |case| {
        promolint(case).args(["rules", "check", "rules", "--color", "never"]).output().unwrap()
    });
    let mut failed = Vec::new();
    for (case, output) in cases.iter().zip(outputs) {
        let code = output.status.code().map_or_else(|| "signal".to_owned(), |c| c.to_string());
        let actual = format!("{}exit: {code}\n", String::from_utf8_lossy(&output.stdout));
        let expected = case.join("expected.txt");
        // One bad case must not hide the others: collect them all, then fail.
        // `raw()`: snapbox's default filters would turn every `\` into `/` (it
        // takes them for Windows paths) and read `[..]` as a wildcard, and
        // these outputs quote regexes.
        let result = std::panic::catch_unwind(|| {
            snapbox::assert_data_eq!(actual, snapbox::Data::read_from(&expected, None).raw());
        });
        if result.is_err() {
            failed.push(name(case));
        }
    }
    assert!(failed.is_empty(), "rule-error cases whose output differs from expected.txt: {failed:?}");
}

/// Guards the golden files themselves: a blessed `expected.txt` must still
/// describe a failed run, so `SNAPSHOTS=overwrite` cannot quietly accept a
/// regression where a broken rule file is no longer reported.
#[test]
fn every_case_expects_exit_code_2() {
    for case in cases() {
        expected_diagnostics(&case);
    }
}

/// `check` loads the same rule files before it reads any packet: the same
/// mistakes make it fail with exit code 2, rendering the same diagnostics on
/// standard error (they are about the run, not the packet) and nothing on
/// standard output.
#[test]
fn check_with_broken_rules_exits_2_with_the_diagnostics_on_stderr() {
    let scratch = tempfile::tempdir().unwrap();
    let packet = scratch.path().join("packet.md");
    std::fs::write(
        &packet,
        "---\ncandidate: Ada Lovelace\nladder: generic\ntarget: senior\n---\n# Promotion\n\n\
         - Wrote the team's RFC template and ran 12 design reviews in 2024 ([RFC-7](https://example.com/rfc/7)).\n",
    )
    .unwrap();
    let cases = cases();
    let outputs = on_each_case(&cases, |case| {
        promolint(case)
            .arg("check")
            .arg(&packet)
            .args(["--rules", "rules", "--color", "never"])
            .output()
            .unwrap()
    });
    let mut failed = Vec::new();
    for (case, output) in cases.iter().zip(outputs) {
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        let expected = expected_diagnostics(case);
        let problems = expected.matches("error[").count();
        let ok = output.status.code() == Some(2)
            && stdout.is_empty()
            && stderr.contains(&expected)
            && stderr.contains(&format!("error: the rule files have {problems} problem(s)"));
        if !ok {
            failed.push(format!(
                "--- case {}: exit {:?}\n--- stdout:\n{stdout}\n--- stderr:\n{stderr}\n--- expected on stderr:\n{expected}",
                name(case),
                output.status.code()
            ));
        }
    }
    assert!(
        failed.is_empty(),
        "`check --rules` did not fail with the rule diagnostics on stderr:\n{}",
        failed.join("\n")
    );
}
