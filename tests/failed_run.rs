//! A run that fails before linting (exit 2: a bad promolint.yaml, bad rule
//! files, an unknown default ladder or target, a bad `-D` flag) still gives
//! CI a valid document: SARIF validated against the official schema with
//! `executionSuccessful: false` and the problems as tool execution
//! notifications, JSON with its `errors` filled, an empty GitLab report;
//! on standard output or in `--output FILE`. The config's default ladder and
//! target are checked once, pointing into promolint.yaml.

use std::path::Path;

use serde_json::Value;

mod support;

const PACKET: &str = "---\nladder: socialbakers\ntarget: L4\n---\n- Mentored two new hires in 2024.\n";

/// A repository with one packet and the given promolint.yaml.
fn repo(config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    std::fs::write(dir.path().join("p.md"), PACKET).unwrap();
    std::fs::write(dir.path().join("promolint.yaml"), config).unwrap();
    dir
}

fn assert_valid_sarif(log: &Value) {
    let schema_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/schemas/sarif-schema-2.1.0.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(schema_path).unwrap()).unwrap();
    let validator = jsonschema::options().should_validate_formats(true).build(&schema).unwrap();
    let errors: Vec<String> =
        validator.iter_errors(log).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "SARIF schema violations:\n{}", errors.join("\n"));
    // The validator is live: a notification level SARIF does not have fails.
    let mut broken = log.clone();
    broken["runs"][0]["invocations"][0]["toolExecutionNotifications"][0]["level"] = Value::from("fatal");
    assert!(!validator.is_valid(&broken));
}

/// The invocation of a failed run's SARIF log, checked against the schema.
fn failed_invocation(log: &Value) -> &Value {
    assert_valid_sarif(log);
    let run = &log["runs"][0];
    assert_eq!(run["results"], Value::Array(vec![]), "a failed run has no results");
    let invocation = &run["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    assert_eq!(invocation["exitCode"], 2);
    invocation
}

#[test]
fn unknown_config_ladder_is_one_diagnostic_in_promolint_yaml_and_exit_2() {
    let repo = repo("ladder: socialbakerz\ntarget: L4\n");
    let run = support::run(repo.path(), &["check", "p.md"]);
    assert_eq!(run.code, 2, "{}", run.err);
    assert_eq!(run.err.matches("unknown ladder `socialbakerz`").count(), 1, "{}", run.err);
    assert!(run.err.contains("promolint.yaml:1:9"), "points at the value: {}", run.err);
    assert!(run.err.contains("^^^^^^^^^^^^ no such ladder"), "{}", run.err);
    assert!(run.err.contains("did you mean `socialbakers`?"), "{}", run.err);
    assert!(!run.err.contains("p.md"), "no diagnostic per packet: {}", run.err);
}

#[test]
fn unknown_config_target_points_at_the_target_value() {
    let repo = repo("ladder: socialbakers\ntarget: L44\n");
    let run = support::run(repo.path(), &["check", "p.md"]);
    assert_eq!(run.code, 2, "{}", run.err);
    assert!(run.err.contains("ladder `socialbakers` has no level `L44`"), "{}", run.err);
    assert!(run.err.contains("promolint.yaml:2:9"), "{}", run.err);
    assert!(run.err.contains("did you mean `L4`?"), "{}", run.err);

    // Without a ladder, a target that is a level of no ladder at all.
    let repo = self::repo("target: L44\n");
    let run = support::run(repo.path(), &["check", "p.md"]);
    assert_eq!(run.code, 2, "{}", run.err);
    assert!(run.err.contains("no ladder has a level `L44`"), "{}", run.err);
    // A target some ladder has is fine without a ladder: packets name theirs.
    // Known ids in another case are known. (The packet itself has errors: exit 1.)
    for config in ["target: L4\n", "ladder: SocialBakers\ntarget: l4\n"] {
        let repo = self::repo(config);
        let run = support::run(repo.path(), &["check", "p.md"]);
        assert_eq!(run.code, 1, "{config}: {}", run.err);
        assert!(!run.err.contains("invalid-config"), "{config}: {}", run.err);
    }
}

#[test]
fn failed_run_writes_a_valid_sarif_log_saying_so() {
    let repo = repo("ladder: socialbakerz\n");
    let run = support::run(repo.path(), &["check", "p.md", "--format", "sarif"]);
    assert_eq!(run.code, 2, "{}", run.err);
    let log: Value = serde_json::from_str(&run.out).expect("a SARIF log on standard output");
    let invocation = failed_invocation(&log);
    let notes = invocation["toolExecutionNotifications"].as_array().unwrap();
    assert_eq!(notes.len(), 1, "{notes:#?}");
    let note = &notes[0];
    assert_eq!(note["level"], "error");
    assert!(note["message"]["text"].as_str().unwrap().starts_with("unknown ladder `socialbakerz`"));
    let location = &note["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "promolint.yaml");
    assert_eq!(location["artifactLocation"]["uriBaseId"], "SRCROOT");
    assert_eq!(location["region"]["startLine"], 1);
    assert_eq!(location["region"]["startColumn"], 9);
    assert_eq!(note["associatedRule"]["id"], "invalid-config");
    let index = note["associatedRule"]["index"].as_u64().unwrap() as usize;
    assert_eq!(log["runs"][0]["tool"]["driver"]["rules"][index]["id"], "invalid-config");
}

#[test]
fn failed_run_over_bad_rule_files_lists_every_problem() {
    let repo = repo("rules: [ladders]\n");
    let rules = repo.path().join("ladders/acme");
    std::fs::create_dir_all(&rules).unwrap();
    std::fs::write(rules.join("a.yaml"), "id: a\nnot-a-key: 1\n").unwrap();
    std::fs::write(rules.join("b.yaml"), "id: [\n").unwrap();
    let run = support::run(repo.path(), &["check", "p.md", "--format", "sarif"]);
    assert_eq!(run.code, 2, "{}", run.err);
    let log: Value = serde_json::from_str(&run.out).unwrap();
    let notes = failed_invocation(&log)["toolExecutionNotifications"].as_array().unwrap();
    let uris: Vec<&str> = notes
        .iter()
        .map(|n| n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str().unwrap())
        .collect();
    assert!(uris.contains(&"ladders/acme/a.yaml") && uris.contains(&"ladders/acme/b.yaml"), "{uris:?}");

    let run = support::run(repo.path(), &["check", "p.md", "--format", "json"]);
    assert_eq!(run.code, 2);
    let doc: Value = serde_json::from_str(&run.out).unwrap();
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["packets"], Value::Array(vec![]));
    let errors = doc["errors"].as_array().unwrap();
    assert_eq!(errors.len(), notes.len(), "{errors:#?}");
    assert!(
        errors.iter().all(|e| e["severity"] == "error" && e["path"].as_str().unwrap().ends_with(".yaml"))
    );
}

#[test]
fn failed_run_json_and_gitlab_documents() {
    let repo = repo("lints: [\n");
    let run = support::run(repo.path(), &["check", "p.md", "--format", "json"]);
    assert_eq!(run.code, 2, "{}", run.err);
    let doc: Value = serde_json::from_str(&run.out).expect("a JSON document on standard output");
    assert_eq!(doc["packets"], Value::Array(vec![]));
    let error = &doc["errors"][0];
    assert_eq!(error["code"], "invalid-config");
    assert!(error["path"].as_str().unwrap().ends_with("promolint.yaml"), "{error}");
    assert!(error["message"].as_str().unwrap().starts_with("1:8: "), "{error}");

    let run = support::run(repo.path(), &["check", "p.md", "--format", "gitlab"]);
    assert_eq!(run.code, 2, "{}", run.err);
    let issues: Value = serde_json::from_str(&run.out).expect("a Code Quality report");
    assert_eq!(issues, Value::Array(vec![]));
    // The human formats print nothing on standard output: the problem is on standard error.
    let run = support::run(repo.path(), &["check", "p.md"]);
    assert_eq!((run.code, run.out.as_str()), (2, ""));
    assert!(run.err.contains("invalid config file"), "{}", run.err);
}

#[test]
fn failed_run_with_a_bad_lint_flag_has_a_notification_without_a_place() {
    let repo = repo("");
    let run = support::run(repo.path(), &["check", "p.md", "-D", "red-flagz", "--format", "sarif"]);
    assert_eq!(run.code, 2, "{}", run.err);
    let log: Value = serde_json::from_str(&run.out).unwrap();
    let note = &failed_invocation(&log)["toolExecutionNotifications"][0];
    assert!(note["message"]["text"].as_str().unwrap().contains("did you mean `red-flag`?"), "{note}");
    assert!(note.get("locations").is_none());

    let run = support::run(repo.path(), &["check", "p.md", "-D", "red-flagz", "--format", "json"]);
    let doc: Value = serde_json::from_str(&run.out).unwrap();
    assert_eq!(doc["errors"][0]["path"], "");
    assert!(doc["errors"][0]["message"].as_str().unwrap().starts_with("unknown lint code `red-flagz`"));
}

#[test]
fn failed_run_writes_its_document_to_the_output_file_and_never_replaces_one() {
    let repo = repo("ladder: socialbakerz\n");
    let run = support::run(repo.path(), &["check", "p.md", "--format", "sarif", "-o", "out.sarif"]);
    assert_eq!(run.code, 2, "{}", run.err);
    assert_eq!(run.out, "");
    let log: Value =
        serde_json::from_str(&std::fs::read_to_string(repo.path().join("out.sarif")).unwrap()).unwrap();
    failed_invocation(&log);

    // An existing file stays as it was without --force, and is replaced with it.
    std::fs::write(repo.path().join("out.json"), "keep").unwrap();
    let run = support::run(repo.path(), &["check", "p.md", "--format", "json", "-o", "out.json"]);
    assert_eq!(run.code, 2);
    assert_eq!(std::fs::read_to_string(repo.path().join("out.json")).unwrap(), "keep");
    let run = support::run(repo.path(), &["check", "p.md", "--format", "json", "-o", "out.json", "--force"]);
    assert_eq!(run.code, 2);
    let doc: Value =
        serde_json::from_str(&std::fs::read_to_string(repo.path().join("out.json")).unwrap()).unwrap();
    assert_eq!(doc["errors"][0]["code"], "invalid-config");

    // No document, no file.
    let run = support::run(repo.path(), &["check", "p.md", "-o", "out.txt"]);
    assert_eq!(run.code, 2);
    assert!(!repo.path().join("out.txt").exists());
}
