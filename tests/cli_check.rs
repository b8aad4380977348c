//! `promolint check` as a user sees it: exit codes, every `--format`, colour,
//! which stream gets what, `--ladder`/`--target`, how files and folders are
//! found, and clippy-style lint levels.
//!
//! Most tests run in a scratch folder with a two-expectation ladder (`acme/senior`)
//! passed with `--rules rules`, so their packets are small and their results exact.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

mod support;
use support::workspace::{ACME_SENIOR, Workspace};

/// Covers both expectations of `acme/senior`, with evidence: no diagnostic at all.
const GOOD: &str = "---
candidate: Ada Lovelace
ladder: acme
target: senior
---
# Promotion to senior

- Mentored two new hires through onboarding ([guide](https://wiki.example.com/onboarding)).
- Led the incident response for INC-42 in Q3 2024.
";

/// Covers `mentoring` only: `incidents` is uncovered (an error).
const UNCOVERED: &str = "---
candidate: Grace Hopper
ladder: acme
target: senior
---
# Promotion to senior

- Mentored two new hires through onboarding ([guide](https://wiki.example.com/onboarding)).
";

/// Has warnings of several codes and one uncovered expectation.
const NOISY: &str = "---
ladder: acme
target: senior
---
# Promotion to senior

- Mentored people on the team.
- Helped with the migration project in 2024.
- TODO add the onboarding story
";

/// No front matter at all.
const NO_FRONT_MATTER: &str = "# Notes\n\n- Mentored two new hires in 2024.\n";

const DIAGNOSTIC_LINE: &str = r"^[^:]+:\d+:\d+: (error|warning|note)\[[a-z-]+\]: .+$";
const COVERAGE_LINE: &str = r"coverage of [a-z0-9-]+/[A-Za-z0-9-]+: \d+ covered, \d+ weak, \d+ uncovered(, \d+ waived)? of \d+ \(\d+%\)";

fn stdout_of(mut cmd: impl std::borrow::BorrowMut<Command>) -> String {
    String::from_utf8(cmd.borrow_mut().output().expect("run promolint").stdout).expect("UTF-8 stdout")
}

fn packets(json: &Value) -> &Vec<Value> {
    json["packets"].as_array().expect("packets is an array")
}

fn codes(packet: &Value) -> Vec<(String, String)> {
    packet["diagnostics"]
        .as_array()
        .expect("diagnostics is an array")
        .iter()
        .map(|d| (d["code"].as_str().unwrap().to_owned(), d["severity"].as_str().unwrap().to_owned()))
        .collect()
}

fn has_code(packet: &Value, code: &str) -> bool {
    codes(packet).iter().any(|(c, _)| c == code)
}

fn severities_of(packet: &Value, code: &str) -> Vec<String> {
    codes(packet).into_iter().filter(|(c, _)| c == code).map(|(_, s)| s).collect()
}

fn is_ansi_free(s: &str) -> bool {
    !s.contains('\u{1b}')
}

// ---------------------------------------------------------------- exit codes

#[test]
fn exit_code_is_0_when_every_expectation_is_covered() {
    let ws = Workspace::acme();
    ws.write("good.md", GOOD);
    ws.check(&["good.md"]).assert().code(0);
}

#[test]
fn exit_code_is_0_for_a_good_fixture_packet_with_uncovered_expectations_allowed() {
    let packet = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/packets/generic-senior-strong.md");
    let elsewhere = TempDir::new().unwrap();
    support::promolint(elsewhere.path())
        .args(["check", "-A", "uncovered-expectation"])
        .arg(&packet)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("error[").not());
}

#[test]
fn exit_code_is_1_for_an_uncovered_expectation() {
    let ws = Workspace::acme();
    ws.write("p.md", UNCOVERED);
    ws.check(&["p.md"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("error[uncovered-expectation]"))
        .stdout(predicate::str::contains("`incidents`"));
}

#[test]
fn exit_code_is_2_for_an_unknown_format() {
    let ws = Workspace::acme();
    ws.write("good.md", GOOD);
    ws.check(&["--format", "xml", "good.md"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("xml"));
}

#[test]
fn exit_code_is_2_for_an_unknown_lint_code_with_a_suggestion() {
    let ws = Workspace::acme();
    ws.write("good.md", GOOD);
    ws.check(&["-D", "vage-claim", "good.md"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("unknown lint code `vage-claim`"))
        .stderr(predicate::str::contains("did you mean `vague-claim`?"));
}

#[test]
fn exit_code_is_2_for_a_lint_code_that_cannot_be_configured() {
    let ws = Workspace::acme();
    ws.write("good.md", GOOD);
    ws.check(&["-A", "invalid-rule-file", "good.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid-rule-file"));
}

#[test]
fn exit_code_is_2_for_a_rule_folder_with_an_unknown_key() {
    let ws = Workspace::acme();
    ws.write("good.md", GOOD);
    ws.write("broken/acme/senior.yaml", format!("{ACME_SENIOR}bogus: 1\n"));
    ws.cmd()
        .args(["check", "--rules", "broken", "good.md"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("invalid-rule-file"))
        .stderr(predicate::str::contains("senior.yaml:"))
        .stderr(predicate::str::contains("bogus"));
}

#[test]
fn exit_code_is_2_for_a_rule_folder_with_a_bad_regex() {
    let ws = Workspace::acme();
    ws.write("good.md", GOOD);
    ws.write("broken/acme/senior.yaml", ACME_SENIOR.replace(r"'\bincidents?\b'", r"'\bincident(s?\b'"));
    ws.cmd()
        .args(["check", "--rules", "broken", "good.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid-pattern"));
}

#[test]
fn exit_code_is_2_for_a_rule_folder_that_is_not_yaml() {
    let ws = Workspace::acme();
    ws.write("good.md", GOOD);
    ws.write("broken/acme/senior.yaml", "ladder: acme\n  level: : x\n");
    ws.cmd().args(["check", "--rules", "broken", "good.md"]).assert().code(2).stdout("");
}

#[test]
fn exit_code_is_2_for_a_rule_folder_that_does_not_exist() {
    let ws = Workspace::acme();
    ws.write("good.md", GOOD);
    ws.cmd()
        .args(["check", "--rules", "no-such-folder", "good.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no-such-folder"));
}

// ---------------------------------------------------------------- formats

#[test]
fn human_format_renders_codespan_diagnostics_and_the_coverage_line() {
    let ws = Workspace::acme();
    ws.write("p.md", UNCOVERED);
    let out = stdout_of(ws.check(&["p.md"]));
    // Uncovered expectations come as one checklist per area (`--verbose`: one block each).
    assert!(
        out.contains("error[uncovered-expectation]: no claim covers this expectation (Operations)"),
        "{out}"
    );
    assert!(out.contains("[ ] `incidents`: Lead the response to incidents"), "{out}");
    // The diagnostic points at the front matter's `target` (line 4, column 9).
    assert!(out.lines().any(|l| l.trim_start() == "┌─ p.md:4:9"), "{out}");
    assert!(
        out.contains("p.md: coverage of acme/senior: 1 covered, 0 weak, 1 uncovered of 2 (50%)"),
        "{out}"
    );
    assert!(out.contains("= help:"), "{out}");
}

#[test]
fn human_format_prints_the_coverage_line_for_a_clean_packet() {
    let ws = Workspace::acme();
    ws.write("good.md", GOOD);
    ws.check(&["good.md"]).assert().stdout(predicate::str::contains(
        "good.md: coverage of acme/senior: 2 covered, 0 weak, 0 uncovered of 2 (100%)",
    ));
}

#[test]
fn short_format_prints_one_line_per_diagnostic_and_the_coverage_line() {
    let ws = Workspace::acme();
    ws.write("p.md", NOISY);
    let out = stdout_of(ws.check(&["--format", "short", "p.md"]));
    let diagnostic = predicate::str::is_match(DIAGNOSTIC_LINE).unwrap();
    let coverage = predicate::str::is_match(format!("^p.md: {COVERAGE_LINE}$")).unwrap();
    let mut diagnostics = 0;
    let mut coverage_lines = 0;
    for line in out.lines() {
        if coverage.eval(line) {
            coverage_lines += 1;
        } else {
            assert!(diagnostic.eval(line), "not a short diagnostic line: {line:?}\n{out}");
            diagnostics += 1;
        }
    }
    assert_eq!(coverage_lines, 1, "{out}");
    assert!(diagnostics >= 3, "{out}");
    assert!(out.contains("p.md:8:3: warning[vague-claim]: "), "{out}");
    assert!(out.contains("p.md:3:9: error[uncovered-expectation]: "), "{out}");
}

#[test]
fn short_format_lines_agree_with_json_diagnostics() {
    let ws = Workspace::acme();
    ws.write("p.md", NOISY);
    let out = stdout_of(ws.check(&["--format", "short", "p.md"]));
    let (json, _) = ws.json(&["p.md"]);
    let expected: Vec<String> = packets(&json)[0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            format!(
                "p.md:{}:{}: {}[{}]: {}",
                d["line"],
                d["column"],
                d["severity"].as_str().unwrap(),
                d["code"].as_str().unwrap(),
                d["message"].as_str().unwrap()
            )
        })
        .collect();
    let actual: Vec<&str> = out.lines().filter(|l| !l.contains(": coverage of ")).collect();
    assert_eq!(actual, expected);
}

/// Checks one `check --format json` output against the DESIGN.md contract.
fn assert_json_contract(json: &Value) {
    assert_eq!(json["version"], 1, "version");
    assert!(json["errors"].is_array(), "errors is an array");
    for p in packets(json) {
        let path = p["path"].as_str().expect("path is a string");
        for key in ["candidate", "ladder", "level"] {
            assert!(p[key].is_string() || p[key].is_null(), "{path}: {key}");
        }
        let expectations = p["expectations"].as_array().expect("expectations");
        let claims = p["claims"].as_array().expect("claims");
        let diagnostics = p["diagnostics"].as_array().expect("diagnostics");
        if !p["coverage"].is_null() {
            let c = &p["coverage"];
            let count = |status: &str| expectations.iter().filter(|e| e["status"] == status).count() as u64;
            assert_eq!(c["total"].as_u64(), Some(expectations.len() as u64), "{path}: total");
            for status in ["covered", "weak", "uncovered"] {
                assert_eq!(c[status].as_u64(), Some(count(status)), "{path}: {status}");
            }
        }
        for e in expectations {
            for key in ["id", "area", "text"] {
                assert!(e[key].is_string(), "{path}: expectation {key}");
            }
            let status = e["status"].as_str().expect("status");
            assert!(["covered", "weak", "uncovered", "waived"].contains(&status), "{path}: {status}");
            let refs = e["claims"].as_array().expect("expectation claims");
            for r in refs {
                assert!(r["line"].as_u64().unwrap() <= r["end_line"].as_u64().unwrap(), "{path}: {r}");
                assert!(r["evidence"].is_array(), "{path}: {r}");
            }
            let with_evidence = refs.iter().any(|r| !r["evidence"].as_array().unwrap().is_empty());
            match status {
                "covered" => assert!(with_evidence, "{path}: covered without evidence: {e}"),
                "weak" => assert!(!refs.is_empty() && !with_evidence, "{path}: weak: {e}"),
                _ => assert!(refs.is_empty(), "{path}: {status} with claims: {e}"),
            }
        }
        let mut previous = 0;
        for c in claims {
            let line = c["line"].as_u64().expect("claim line");
            assert!(line >= previous, "{path}: claims out of document order");
            previous = line;
            assert!(line <= c["end_line"].as_u64().unwrap(), "{path}: {c}");
            assert!(c["text"].is_string() && c["evidence"].is_array(), "{path}: {c}");
            for m in c["expectations"].as_array().expect("claim expectations") {
                assert!(m["id"].is_string(), "{path}: {m}");
                let score = m["score"].as_f64().expect("score");
                assert!((0.0..=1.0).contains(&score), "{path}: score {score}");
                let via = m["via"].as_str().expect("via");
                assert!(["explicit", "pattern", "text"].contains(&via), "{path}: via {via}");
            }
        }
        let mut previous = (0, 0);
        for d in diagnostics {
            let at = (d["line"].as_u64().expect("line"), d["column"].as_u64().expect("column"));
            assert!(at >= previous, "{path}: diagnostics out of document order at {d}");
            previous = at;
            assert!(d["end_line"].as_u64().is_some() && d["end_column"].as_u64().is_some(), "{d}");
            assert!(d["code"].is_string() && d["message"].is_string(), "{d}");
            assert!(d["help"].is_string() || d["help"].is_null(), "{d}");
            let severity = d["severity"].as_str().expect("severity");
            assert!(["error", "warning", "note"].contains(&severity), "{d}");
        }
    }
    for e in json["errors"].as_array().unwrap() {
        assert!(e["path"].is_string() && e["message"].is_string(), "{e}");
    }
}

#[test]
fn json_format_follows_the_contract() {
    let ws = Workspace::acme();
    ws.write("good.md", GOOD);
    ws.write("noisy.md", NOISY);
    let (json, code) = ws.json(&["good.md", "noisy.md"]);
    assert_eq!(code, 1);
    assert_json_contract(&json);
    let p = packets(&json);
    assert_eq!(p.len(), 2);
    assert_eq!(p[0]["path"], "good.md");
    assert_eq!(p[0]["candidate"], "Ada Lovelace");
    assert_eq!((p[0]["ladder"].as_str(), p[0]["level"].as_str()), (Some("acme"), Some("senior")));
    assert_eq!(p[0]["coverage"]["total"], 2);
    assert_eq!(p[0]["coverage"]["covered"], 2);
    assert_eq!(p[0]["claims"].as_array().unwrap().len(), 2);
    assert_eq!(p[0]["claims"][0]["line"], 8);
    assert_eq!(p[0]["claims"][0]["expectations"][0]["id"], "mentoring");
    assert_eq!(p[0]["expectations"][1]["claims"][0]["line"], 9);
    assert!(p[0]["diagnostics"].as_array().unwrap().is_empty());
    assert_eq!(p[1]["path"], "noisy.md");
    assert!(p[1]["candidate"].is_null());
    assert!(has_code(&p[1], "vague-claim"));
}

#[test]
fn json_format_follows_the_contract_on_every_fixture_packet() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/packets");
    let elsewhere = TempDir::new().unwrap();
    let out = support::promolint(elsewhere.path())
        .args(["check", "--format", "json"])
        .arg(&fixtures)
        .output()
        .unwrap();
    assert!(matches!(out.status.code(), Some(0 | 1)), "{out:?}");
    let json: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_json_contract(&json);
    assert_eq!(packets(&json).len(), 10);
}

// ---------------------------------------------------------------- colour

#[test]
fn color_always_emits_ansi_escapes_in_human_output() {
    let ws = Workspace::acme();
    ws.write("p.md", UNCOVERED);
    let out = stdout_of(ws.check(&["--color", "always", "p.md"]));
    assert!(out.contains("\u{1b}["), "{out}");
}

#[test]
fn color_never_emits_no_ansi_escapes() {
    let ws = Workspace::acme();
    ws.write("p.md", UNCOVERED);
    let out = stdout_of(ws.check(&["--color", "never", "p.md"]));
    assert!(is_ansi_free(&out), "{out}");
    assert!(out.contains("error[uncovered-expectation]"));
}

#[test]
fn color_defaults_to_none_when_stdout_is_not_a_terminal() {
    let ws = Workspace::acme();
    ws.write("p.md", UNCOVERED);
    let out = stdout_of(ws.check(&["p.md"]));
    assert!(is_ansi_free(&out), "{out}");
}

#[test]
fn no_color_with_color_auto_emits_no_ansi_escapes() {
    let ws = Workspace::acme();
    ws.write("p.md", UNCOVERED);
    let out = stdout_of(ws.check(&["--color", "auto", "p.md"]).env("NO_COLOR", "1"));
    assert!(is_ansi_free(&out), "{out}");
}

#[test]
fn color_always_leaves_short_and_json_output_plain() {
    let ws = Workspace::acme();
    ws.write("p.md", UNCOVERED);
    let short = stdout_of(ws.check(&["--color", "always", "--format", "short", "p.md"]));
    assert!(is_ansi_free(&short), "{short}");
    let json = stdout_of(ws.check(&["--color", "always", "--format", "json", "p.md"]));
    serde_json::from_str::<Value>(&json).expect("JSON with --color always");
}

/// Runs `promolint ARGS` under a pseudo-terminal with util-linux `script`, when
/// it is installed, and returns what the terminal showed.
#[cfg(target_os = "linux")]
fn on_terminal(ws: &Workspace, args: &str, no_color: Option<&str>) -> Option<String> {
    let available =
        std::process::Command::new("script").arg("--version").output().is_ok_and(|o| o.status.success());
    if !available {
        return None;
    }
    let bin = env!("CARGO_BIN_EXE_promolint");
    let mut cmd = std::process::Command::new("script");
    cmd.args(["-qec", &format!("'{bin}' {args}"), "/dev/null"]).current_dir(ws.path()).env_remove("NO_COLOR");
    if let Some(v) = no_color {
        cmd.env("NO_COLOR", v);
    }
    let out = cmd.output().ok()?;
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[cfg(target_os = "linux")]
#[test]
fn color_auto_colours_a_terminal_unless_no_color_is_set() {
    let ws = Workspace::acme();
    ws.write("p.md", UNCOVERED);
    let args = "check --rules rules --color auto p.md";
    let Some(coloured) = on_terminal(&ws, args, None) else { return };
    assert!(coloured.contains("\u{1b}["), "no colour on a terminal: {coloured}");
    let plain = on_terminal(&ws, args, Some("1")).expect("script ran before");
    assert!(plain.contains("error[uncovered-expectation]"), "{plain}");
    assert!(is_ansi_free(&plain), "NO_COLOR=1 still coloured: {plain}");
}

// ---------------------------------------------------------------- streams

#[test]
fn diagnostics_go_to_stdout_and_the_closing_line_to_stderr() {
    let ws = Workspace::acme();
    ws.write("p.md", UNCOVERED);
    for format in ["human", "short", "json"] {
        ws.check(&["--format", format, "p.md"])
            .assert()
            .code(1)
            .stdout(predicate::str::contains("uncovered-expectation"))
            .stdout(predicate::str::contains("checked 1 file").not())
            .stderr(predicate::str::contains("uncovered-expectation").not())
            .stderr("checked 1 file: 1 error, 0 warnings\n");
    }
}

#[test]
fn closing_line_counts_errors_and_warnings_with_plurals() {
    let ws = Workspace::acme();
    ws.write("a.md", NOISY);
    ws.write("b.md", GOOD);
    let out = ws.check(&["--format", "short", "a.md", "b.md"]).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let errors = stdout.matches(": error[").count();
    let warnings = stdout.matches(": warning[").count();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    assert_eq!(
        stderr,
        format!(
            "checked 2 files: {errors} error{}, {warnings} warning{}\n",
            plural(errors),
            plural(warnings)
        )
    );
}

// ---------------------------------------------------------------- --ladder / --target

#[test]
fn ladder_and_target_options_supply_the_level_of_a_packet_without_front_matter() {
    let ws = Workspace::acme();
    ws.write("notes.md", NO_FRONT_MATTER);
    let (json, _) = ws.json(&["--ladder", "acme", "--target", "senior", "notes.md"]);
    let p = &packets(&json)[0];
    assert_eq!((p["ladder"].as_str(), p["level"].as_str()), (Some("acme"), Some("senior")));
    assert!(!has_code(p, "missing-front-matter"), "{p}");
    assert_eq!(p["coverage"]["total"], 2);
    assert_eq!(p["expectations"][0]["status"], "covered");
}

#[test]
fn ladder_and_target_options_override_the_front_matter() {
    let ws = Workspace::acme();
    ws.write("sb.md", "---\nladder: socialbakers\ntarget: L4\n---\n- Mentored two new hires in 2024.\n");
    let (json, _) = ws.json(&["--ladder", "acme", "--target", "senior", "sb.md"]);
    let p = &packets(&json)[0];
    assert_eq!((p["ladder"].as_str(), p["level"].as_str()), (Some("acme"), Some("senior")));
    assert_eq!(p["coverage"]["total"], 2);
}

#[test]
fn target_option_alone_overrides_the_front_matter_target() {
    let ws = Workspace::acme();
    ws.write("sb.md", "---\nladder: socialbakers\ntarget: L4\n---\n- Mentored two new hires in 2024.\n");
    let (json, _) = ws.json(&["--target", "value-stream-architect", "sb.md"]);
    let p = &packets(&json)[0];
    assert_eq!(p["ladder"], "socialbakers");
    assert_eq!(p["level"], "value-stream-architect");
}

#[test]
fn ladder_option_without_a_target_still_needs_one() {
    let ws = Workspace::acme();
    ws.write("notes.md", NO_FRONT_MATTER);
    let (json, code) = ws.json(&["--ladder", "acme", "notes.md"]);
    assert_eq!(code, 1);
    let p = &packets(&json)[0];
    assert!(has_code(p, "missing-front-matter"), "{p}");
    assert!(p["coverage"].is_null());
}

// ---------------------------------------------------------------- files and folders

/// packets/ with a packet, a `.markdown` packet, a README without front
/// matter, a text file and a nested folder.
fn mixed_folder(ws: &Workspace) {
    ws.write("packets/b.md", GOOD);
    ws.write("packets/a.markdown", GOOD);
    ws.write("packets/README.md", "# Packets\n\nOne packet per candidate.\n");
    ws.write("packets/notes.txt", "not Markdown");
    ws.write("packets/nested/c.md", GOOD);
    ws.write("packets/z.md", GOOD);
}

#[test]
fn walking_a_folder_lints_packets_and_skips_markdown_without_front_matter() {
    let ws = Workspace::acme();
    mixed_folder(&ws);
    let out = ws.check(&["--format", "json", "packets"]).assert().code(0).get_output().clone();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let paths: Vec<&str> = packets(&json).iter().map(|p| p["path"].as_str().unwrap()).collect();
    let sep = std::path::MAIN_SEPARATOR;
    assert_eq!(
        paths,
        [
            format!("packets{sep}a.markdown"),
            format!("packets{sep}b.md"),
            format!("packets{sep}nested{sep}c.md"),
            format!("packets{sep}z.md"),
        ]
    );
    assert!(json["errors"].as_array().unwrap().is_empty(), "{json}");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr, "checked 4 files: 0 errors, 0 warnings; skipped 1 (1 no promolint front matter)\n");
}

#[test]
fn walking_a_folder_says_nothing_about_the_skipped_readme_on_stdout() {
    let ws = Workspace::acme();
    mixed_folder(&ws);
    ws.check(&["packets"]).assert().code(0).stdout(predicate::str::contains("README").not());
}

#[test]
fn an_explicitly_named_file_without_front_matter_is_missing_front_matter() {
    let ws = Workspace::acme();
    mixed_folder(&ws);
    let (json, code) = ws.json(&["packets/README.md"]);
    assert_eq!(code, 1);
    let p = &packets(&json)[0];
    assert_eq!(severities_of(p, "missing-front-matter"), ["error"]);
    assert_eq!(p["diagnostics"][0]["line"], 1);
}

#[test]
fn a_non_utf8_file_is_unreadable_at_its_byte_offset_and_the_others_are_still_linted() {
    let ws = Workspace::acme();
    ws.write("packets/a.md", GOOD);
    let mut bad = b"---\nladder: acme\ntarget: senior\n---\n- caf".to_vec();
    let offset = bad.len();
    bad.extend_from_slice(b"\xe9 au lait\n");
    ws.write("packets/bad.md", &bad);
    ws.write("packets/c.md", GOOD);

    let sep = std::path::MAIN_SEPARATOR;
    ws.check(&["--format", "short", "packets"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(format!("packets{sep}bad.md:1:1: error[unreadable-file]: ")))
        .stdout(predicate::str::contains(format!("offset {offset}")))
        .stdout(predicate::str::contains(format!("packets{sep}a.md: coverage of acme/senior")))
        .stdout(predicate::str::contains(format!("packets{sep}c.md: coverage of acme/senior")));

    let (json, code) = ws.json(&["packets"]);
    assert_eq!(code, 1);
    assert_eq!(packets(&json).len(), 2);
    let errors = json["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{json}");
    assert_eq!(errors[0]["path"], format!("packets{sep}bad.md"));
    assert!(errors[0]["message"].as_str().unwrap().contains(&format!("offset {offset}")), "{json}");
}

#[test]
fn a_missing_path_gets_a_diagnostic_and_the_other_paths_still_run() {
    let ws = Workspace::acme();
    ws.write("good.md", GOOD);
    ws.check(&["--format", "short", "good.md", "missing.md"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("missing.md:1:1: error[unreadable-file]: "))
        .stdout(predicate::str::contains("good.md: coverage of acme/senior: 2 covered"));
    let (json, _) = ws.json(&["missing.md", "good.md"]);
    assert_eq!(packets(&json).len(), 1);
    assert_eq!(json["errors"][0]["path"], "missing.md");
}

#[test]
fn output_is_the_same_on_every_run_and_sorted_by_path_within_folders() {
    let ws = Workspace::acme();
    for name in ["m.md", "b.md", "k/x.md", "a.md", "z.md", "k/a.md"] {
        ws.write(&format!("packets/{name}"), UNCOVERED);
    }
    let first = stdout_of(ws.check(&["--format", "short", "packets"]));
    for _ in 0..3 {
        assert_eq!(stdout_of(ws.check(&["--format", "short", "packets"])), first);
    }
    let order: Vec<&str> = first
        .lines()
        .filter(|l| l.contains(": coverage of "))
        .map(|l| l.split(": ").next().unwrap())
        .collect();
    let sep = std::path::MAIN_SEPARATOR;
    let expected: Vec<String> = ["a.md", "b.md", "k/a.md", "k/x.md", "m.md", "z.md"]
        .iter()
        .map(|n| format!("packets{sep}{}", n.replace('/', &sep.to_string())))
        .collect();
    assert_eq!(order, expected);
}

#[test]
fn an_unreadable_file_keeps_its_place_in_path_order() {
    let ws = Workspace::acme();
    ws.write("packets/a.md", UNCOVERED);
    ws.write("packets/m.md", b"---\nladder: acme\n\xff\n");
    ws.write("packets/z.md", UNCOVERED);
    let out = stdout_of(ws.check(&["--format", "short", "packets"]));
    let files: Vec<&str> = out.lines().map(|l| l.split(':').next().unwrap()).collect();
    let mut deduped = files.clone();
    deduped.dedup();
    let sep = std::path::MAIN_SEPARATOR;
    assert_eq!(
        deduped,
        [format!("packets{sep}a.md"), format!("packets{sep}m.md"), format!("packets{sep}z.md")]
    );
}

// ---------------------------------------------------------------- lint levels

#[test]
fn allow_removes_a_lint_from_the_report() {
    let ws = Workspace::acme();
    ws.write("p.md", NOISY);
    let (json, _) = ws.json(&["p.md"]);
    assert!(has_code(&packets(&json)[0], "vague-claim"));
    let (json, _) = ws.json(&["-A", "vague-claim", "p.md"]);
    assert!(!has_code(&packets(&json)[0], "vague-claim"));
    assert!(has_code(&packets(&json)[0], "placeholder-text"), "other lints stay");
}

#[test]
fn allowing_the_only_error_lint_makes_the_exit_code_0() {
    let ws = Workspace::acme();
    ws.write("p.md", UNCOVERED);
    let (json, code) = ws.json(&["--allow", "uncovered-expectation", "p.md"]);
    assert_eq!(code, 0);
    assert!(!has_code(&packets(&json)[0], "uncovered-expectation"));
}

#[test]
fn warn_turns_an_error_lint_into_a_warning_and_exit_code_0() {
    let ws = Workspace::acme();
    ws.write("p.md", UNCOVERED);
    let (json, code) = ws.json(&["-W", "uncovered-expectation", "p.md"]);
    assert_eq!(code, 0);
    assert_eq!(severities_of(&packets(&json)[0], "uncovered-expectation"), ["warning"]);
}

#[test]
fn warn_reports_a_lint_that_is_allowed_by_default() {
    let ws = Workspace::acme();
    ws.write("good.md", format!("{GOOD}\nWe moved offices last spring.\n"));
    let (json, _) = ws.json(&["good.md"]);
    assert!(!has_code(&packets(&json)[0], "unmapped-claim"));
    let (json, code) = ws.json(&["-W", "unmapped-claim", "good.md"]);
    assert_eq!(code, 0);
    assert_eq!(severities_of(&packets(&json)[0], "unmapped-claim"), ["warning"]);
}

#[test]
fn deny_turns_a_warning_lint_into_an_error_and_exit_code_1() {
    let ws = Workspace::acme();
    ws.write("p.md", NOISY);
    let (json, code) = ws.json(&["-A", "uncovered-expectation", "p.md"]);
    assert_eq!(code, 0);
    assert_eq!(severities_of(&packets(&json)[0], "vague-claim"), ["warning"]);
    let (json, code) = ws.json(&["-A", "uncovered-expectation", "-D", "vague-claim", "p.md"]);
    assert_eq!(code, 1);
    let p = &packets(&json)[0];
    assert_eq!(severities_of(p, "vague-claim"), ["error"]);
    assert!(severities_of(p, "placeholder-text").iter().all(|s| s == "warning"));
}

#[test]
fn deny_warnings_makes_every_warning_an_error() {
    let ws = Workspace::acme();
    ws.write("p.md", NOISY);
    let (before, code) = ws.json(&["-A", "uncovered-expectation", "p.md"]);
    assert_eq!(code, 0);
    let (after, code) = ws.json(&["-A", "uncovered-expectation", "-D", "warnings", "p.md"]);
    assert_eq!(code, 1);
    let before = codes(&packets(&before)[0]);
    let after = codes(&packets(&after)[0]);
    assert!(!before.is_empty());
    assert_eq!(after.len(), before.len(), "-D warnings adds or drops nothing");
    assert!(after.iter().all(|(_, s)| s == "error"), "{after:?}");
}

#[test]
fn deny_warnings_leaves_allowed_lints_allowed() {
    let ws = Workspace::acme();
    ws.write("p.md", NOISY);
    let (json, _) = ws.json(&["-D", "warnings", "-A", "vague-claim", "p.md"]);
    let p = &packets(&json)[0];
    assert!(!has_code(p, "vague-claim"));
    assert!(!has_code(p, "unmapped-claim"));
}

#[test]
fn the_later_flag_wins_when_two_name_the_same_code() {
    let ws = Workspace::acme();
    ws.write("p.md", NOISY);
    let severity = |args: &[&str]| {
        let mut all = vec!["-A", "uncovered-expectation"];
        all.extend_from_slice(args);
        all.push("p.md");
        let (json, code) = ws.json(&all);
        (severities_of(&packets(&json)[0], "vague-claim").first().cloned(), code)
    };
    assert_eq!(severity(&["-A", "vague-claim", "-D", "vague-claim"]), (Some("error".into()), 1));
    assert_eq!(severity(&["-D", "vague-claim", "-A", "vague-claim"]), (None, 0));
    assert_eq!(severity(&["-D", "vague-claim", "-W", "vague-claim"]), (Some("warning".into()), 0));
    assert_eq!(severity(&["-W", "vague-claim", "-D", "vague-claim"]), (Some("error".into()), 1));
    assert_eq!(severity(&["--deny", "vague-claim", "--allow", "vague-claim"]), (None, 0));
    assert_eq!(severity(&["--allow=vague-claim", "--warn=vague-claim"]), (Some("warning".into()), 0));
}
