//! End to end, as CI runs promolint on a promotions repository: a temporary
//! git repository with a `promolint.yaml`, a rule folder holding a small
//! custom ladder, and packets that pass, fail, suppress and waive.

use std::path::Path;
use std::process::Command as Process;

use assert_cmd::Command;
use serde_json::Value;

const LADDER: &str = r#"ladder: acme
ladder-name: Acme
level: senior
title: Senior Engineer
expectations:
  - id: mentoring
    area: People
    text: Mentors other engineers
    patterns: ['\bmentor']
  - id: design
    area: Technical
    text: Writes design documents for large changes
    patterns: ['\bdesign doc', '\bRFC\b']
  - id: hiring
    area: People
    text: Interviews candidates
    patterns: ['\binterview']
red-flags:
  - id: heroics
    text: Heroics instead of planning
    patterns: ['\bsingle-handedly\b']
"#;

const CONFIG: &str = "rules: [rules/]\nladder: acme\ntarget: senior\nlints:\n  unmapped-claim: warn\nmin-coverage: 50\nexclude: [\"drafts/**\"]\n";

const PASS: &str = "---\ncandidate: Pat\n---\n- Mentored two engineers through their first on-call (Q3 2024).\n- Wrote the design doc for the billing rewrite ([doc](https://wiki.example.com/billing)).\n- Ran 14 interviews for the platform team in 2024.\n";
const FAIL: &str =
    "---\ncandidate: Fay\n---\n- Mentored two engineers through their first on-call (Q3 2024).\n";
const SUPPRESSED: &str = "---\ncandidate: Sue\n---\n- Mentored two engineers (Q3 2024).\n- Wrote the design doc for billing (RFC-12).\n<!-- promolint-disable-next-line vague-claim, claim-without-evidence -->\n- Helped with interviews for the platform team.\n";
const WAIVED: &str = "---\ncandidate: Wes\n---\n- Mentored two engineers (Q3 2024).\n- Wrote the design doc for billing (RFC-12).\n\n<!-- promolint-waive hiring: the team had a hiring freeze all year -->\n";
const DRAFT: &str = "---\ncandidate: Dee\n---\n- TODO\n";

fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let git = Process::new("git").arg("init").arg("-q").current_dir(root).status();
    if !matches!(git, Ok(s) if s.success()) {
        // No git on this machine: a `.git` folder marks the root just the same.
        std::fs::create_dir(root.join(".git")).unwrap();
    }
    let write = |rel: &str, text: &str| {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write("promolint.yaml", CONFIG);
    write("rules/acme/senior.yaml", LADDER);
    write("packets/pass.md", PASS);
    write("packets/fail.md", FAIL);
    write("packets/suppressed.md", SUPPRESSED);
    write("packets/waived.md", WAIVED);
    write("packets/README.md", "# Packets\n\nOne file per candidate.\n");
    write("drafts/draft.md", DRAFT);
    dir
}

fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("promolint")
        .unwrap()
        .current_dir(dir)
        .args(args)
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn json(dir: &Path, args: &[&str]) -> (i32, Value) {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let (code, out, _) = run(dir, &all);
    (code, serde_json::from_str(&out).unwrap())
}

fn packet<'a>(report: &'a Value, name: &str) -> &'a Value {
    report["packets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["path"].as_str().unwrap().ends_with(name))
        .unwrap()
}

fn codes(packet: &Value) -> Vec<String> {
    packet["diagnostics"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn passing_packets_exit_zero_and_a_failing_one_exits_one() {
    let repo = repo();
    let (code, _, _) = run(repo.path(), &["check", "packets/pass.md", "packets/waived.md"]);
    assert_eq!(code, 0);
    let (code, report) = json(repo.path(), &[]);
    assert_eq!(code, 1);
    let fail = packet(&report, "fail.md");
    assert!(codes(fail).contains(&"uncovered-expectation".to_owned()));
    assert!(codes(fail).contains(&"coverage-below-minimum".to_owned()), "min-coverage from the config");
    let paths: Vec<&str> =
        report["packets"].as_array().unwrap().iter().map(|p| p["path"].as_str().unwrap()).collect();
    assert!(!paths.iter().any(|p| p.contains("drafts")), "excluded by the config: {paths:?}");
    assert!(!paths.iter().any(|p| p.ends_with("README.md")), "no front matter: skipped");
}

#[test]
fn config_is_found_from_a_subfolder_and_supplies_the_level() {
    let repo = repo();
    let (code, report) = json(&repo.path().join("packets"), &["pass.md"]);
    assert_eq!(code, 0, "{report}");
    let pass = packet(&report, "pass.md");
    assert_eq!(pass["ladder"], "acme");
    assert_eq!(pass["coverage"]["covered"], 3);
}

#[test]
fn suppressions_and_waivers_take_effect() {
    let repo = repo();
    let (_, report) = json(repo.path(), &[]);
    let suppressed = packet(&report, "suppressed.md");
    let c = codes(suppressed);
    assert!(
        !c.contains(&"vague-claim".to_owned()) && !c.contains(&"claim-without-evidence".to_owned()),
        "{c:?}"
    );
    assert!(!c.contains(&"unused-suppression".to_owned()), "{c:?}");

    let waived = packet(&report, "waived.md");
    assert!(!codes(waived).contains(&"uncovered-expectation".to_owned()));
    let hiring = waived["expectations"].as_array().unwrap().iter().find(|e| e["id"] == "hiring").unwrap();
    assert_eq!(hiring["status"], "waived");
    assert_eq!(hiring["waiver"], "the team had a hiring freeze all year");
    assert_eq!(waived["coverage"]["waived"], 1);
}

#[test]
fn lint_levels_from_config_and_command_line() {
    let repo = repo();
    // The config makes unmapped-claim a warning (it is allowed by default).
    std::fs::write(repo.path().join("packets/chatty.md"), "---\ncandidate: Cy\n---\nI like long walks.\n\n- Mentored two engineers (Q3 2024).\n- Wrote the design doc (RFC-9).\n- Ran 14 interviews in 2024.\n").unwrap();
    let (code, report) = json(repo.path(), &["packets/chatty.md"]);
    let chatty = packet(&report, "chatty.md");
    let unmapped =
        chatty["diagnostics"].as_array().unwrap().iter().find(|d| d["code"] == "unmapped-claim").unwrap();
    assert_eq!(unmapped["severity"], "warning");
    assert_eq!(code, 0);
    // The command line wins over the config.
    let (_, report) = json(repo.path(), &["packets/chatty.md", "-A", "unmapped-claim"]);
    assert!(!codes(packet(&report, "chatty.md")).contains(&"unmapped-claim".to_owned()));
    let (code, _) = json(repo.path(), &["packets/chatty.md", "-D", "warnings"]);
    assert_eq!(code, 1);
    let (code, _) = json(
        repo.path(),
        &["packets/fail.md", "-A", "uncovered-expectation", "-A", "coverage-below-minimum"],
    );
    assert_eq!(code, 0);
}

#[test]
fn sarif_and_annotations_point_at_repository_paths() {
    let repo = repo();
    let (code, out, _) = run(&repo.path().join("packets"), &["check", "--format", "sarif"]);
    assert_eq!(code, 1);
    let log: Value = serde_json::from_str(&out).unwrap();
    let schema_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/schemas/sarif-schema-2.1.0.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(schema_path).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    assert!(validator.is_valid(&log));
    let uris: Vec<&str> = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str().unwrap())
        .collect();
    assert!(uris.contains(&"packets/fail.md"), "{uris:?}");

    let (_, out, _) = run(repo.path(), &["check", "--format", "github"]);
    let fail: Vec<&str> = out.lines().filter(|l| l.contains("file=packets/fail.md,")).collect();
    assert!(
        fail.iter()
            .any(|l| l.starts_with("::error ") && l.contains("title=promolint uncovered-expectation::"))
    );
}

#[test]
fn a_broken_config_is_a_diagnostic_and_exit_two() {
    let repo = repo();
    std::fs::write(repo.path().join("promolint.yaml"), "lints:\n  vauge-claim: allow\n").unwrap();
    let (code, _, err) = run(repo.path(), &["check", "--color", "never"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown lint code `vauge-claim`"), "{err}");
    assert!(err.contains("promolint.yaml:2:3"), "{err}");
    assert!(err.contains("did you mean `vague-claim`?"), "{err}");
}
