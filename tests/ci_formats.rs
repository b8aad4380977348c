//! The CI formats: SARIF validated against the official SARIF 2.1.0 schema,
//! GitHub workflow commands with GitHub's escaping, GitLab Code Quality.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

fn promolint(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::cargo_bin("promolint").unwrap().current_dir(dir).args(args).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap())
}

fn repo_with_packets() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    let packets = dir.path().join("packets/team a");
    std::fs::create_dir_all(&packets).unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for name in ["socialbakers-l4-weak.md", "generic-senior-strong.md"] {
        std::fs::copy(root.join("fixtures/packets").join(name), packets.join(name)).unwrap();
    }
    std::fs::write(
        packets.join("odd: 50%, done.md"),
        "---\nladder: generic\ntarget: senior\n---\n- Helped with the 100% migration, TODO: add numbers\n",
    )
    .unwrap();
    dir
}

#[test]
fn sarif_output_is_valid_against_the_official_schema() {
    let repo = repo_with_packets();
    let (code, out) = promolint(repo.path(), &["check", "packets", "--format", "sarif"]);
    assert_eq!(code, 1);
    let log: Value = serde_json::from_str(&out).unwrap();
    let schema_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/schemas/sarif-schema-2.1.0.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(schema_path).unwrap()).unwrap();
    let validator = jsonschema::options().should_validate_formats(true).build(&schema).unwrap();
    let errors: Vec<String> =
        validator.iter_errors(&log).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "SARIF schema violations:\n{}", errors.join("\n"));
    // The validator is live: a result with a level SARIF does not have fails.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = Value::from("fatal");
    assert!(!validator.is_valid(&broken));

    let run = &log["runs"][0];
    let results = run["results"].as_array().unwrap();
    assert!(!results.is_empty());
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    for r in results {
        let loc = &r["locations"][0]["physicalLocation"];
        let uri = loc["artifactLocation"]["uri"].as_str().unwrap();
        assert!(uri.starts_with("packets/team%20a/"), "repository-relative, percent-encoded: {uri}");
        assert_eq!(loc["artifactLocation"]["uriBaseId"], "SRCROOT");
        assert!(loc["region"]["startLine"].as_u64().unwrap() >= 1);
        assert!(r["partialFingerprints"]["promolint/v1"].as_str().unwrap().len() == 64);
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], r["ruleId"]);
    }
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let uncovered = results.iter().find(|r| r["ruleId"] == "uncovered-expectation").unwrap();
    assert!(uncovered["properties"]["expectation"].is_string());
}

#[test]
fn sarif_fingerprints_survive_lines_moving() {
    let repo = repo_with_packets();
    let fingerprints = |repo: &Path| -> Vec<String> {
        let (_, out) = promolint(repo, &["check", "packets", "--format", "sarif"]);
        let log: Value = serde_json::from_str(&out).unwrap();
        let mut f: Vec<String> = log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["partialFingerprints"]["promolint/v1"].as_str().unwrap().to_owned())
            .collect();
        f.sort();
        f
    };
    let before = fingerprints(repo.path());
    let packet = repo.path().join("packets/team a/socialbakers-l4-weak.md");
    let text = std::fs::read_to_string(&packet).unwrap();
    let (front, body) = text.split_at(text[3..].find("---").unwrap() + 6);
    std::fs::write(&packet, format!("{front}\n\nAn added paragraph about nothing in particular.\n\n{body}"))
        .unwrap();
    let after = fingerprints(repo.path());
    let kept = before.iter().filter(|f| after.contains(f)).count();
    assert!(
        kept == before.len(),
        "{} of {} fingerprints changed when lines moved",
        before.len() - kept,
        before.len()
    );
}

#[test]
fn github_annotations_escape_messages_and_properties() {
    let repo = repo_with_packets();
    let (code, out) = promolint(repo.path(), &["check", "packets", "--format", "github"]);
    assert_eq!(code, 1);
    let line_re = regex::Regex::new(
        r"^::(error|warning|notice) file=[^,:]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=promolint [a-z-]+::[^\r\n]+$",
    )
    .unwrap();
    for line in out.lines() {
        assert!(line_re.is_match(line), "not a workflow command: {line}");
    }
    let odd = out.lines().find(|l| l.contains("odd")).expect("annotation for the odd file name");
    assert!(odd.contains("file=packets/team a/odd%3A 50%25%2C done.md,"), "{odd}");
    assert!(out.contains("%0Ahelp: "), "multi-line messages are escaped");
}

#[test]
fn gitlab_code_quality_report_has_the_required_fields() {
    let repo = repo_with_packets();
    let (code, out) = promolint(repo.path(), &["check", "packets", "--format", "gitlab"]);
    assert_eq!(code, 1);
    let issues: Vec<Value> = serde_json::from_str(&out).unwrap();
    assert!(!issues.is_empty());
    for issue in &issues {
        assert!(issue["description"].is_string());
        assert!(issue["check_name"].is_string());
        assert_eq!(issue["fingerprint"].as_str().unwrap().len(), 64);
        assert!(
            ["info", "minor", "major", "critical", "blocker"].contains(&issue["severity"].as_str().unwrap())
        );
        assert!(issue["location"]["path"].as_str().unwrap().starts_with("packets/team a/"));
        assert!(issue["location"]["lines"]["begin"].as_u64().unwrap() >= 1);
    }
    let mut fingerprints: Vec<&str> = issues.iter().map(|i| i["fingerprint"].as_str().unwrap()).collect();
    let n = fingerprints.len();
    fingerprints.sort();
    fingerprints.dedup();
    assert!(fingerprints.len() * 10 >= n * 9, "fingerprints should mostly be distinct");
}
