//! The GitHub composite action (action.yml at the repository root): read
//! with the YAML parser promolint uses, and its lint step's script run with
//! bash against the built binary, so that the quoting is tested by what the
//! shell does: a folder with a space in its name is one path.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

fn action() -> Value {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("action.yml")).unwrap();
    serde_saphyr::from_str(&text).expect("action.yml is valid YAML")
}

fn step<'a>(action: &'a Value, id: &str) -> &'a Value {
    action["runs"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == id)
        .unwrap_or_else(|| panic!("no step {id}"))
}

fn script(step: &Value) -> &str {
    step["run"].as_str().expect("a run step")
}

#[test]
fn the_action_has_its_inputs_and_never_pastes_an_input_into_a_script() {
    let action = action();
    assert_eq!(action["runs"]["using"], "composite");
    for input in ["paths", "args", "version"] {
        assert!(action["inputs"][input]["description"].is_string(), "input {input}");
    }
    for s in action["runs"]["steps"].as_array().unwrap() {
        if let Some(run) = s["run"].as_str() {
            // An expression in a script is pasted in before the shell reads it.
            assert!(!run.contains("${{"), "expression in a script: {run}");
        }
    }
    // The built binary is cached, keyed on the version.
    let cache = action["runs"]["steps"].as_array().unwrap().iter().find(|s| s["id"] == "cache").unwrap();
    assert!(cache["uses"].as_str().unwrap().starts_with("actions/cache@"));
    assert_eq!(cache["with"]["key"], "${{ steps.key.outputs.key }}");
    let build =
        action["runs"]["steps"].as_array().unwrap().iter().find(|s| s["name"] == "Build promolint").unwrap();
    assert_eq!(build["if"], "${{ steps.cache.outputs.cache-hit != 'true' }}");
}

/// Runs the action's `key` step with `version` as its input, as a runner on
/// Linux would, and returns what it wrote to `$GITHUB_OUTPUT` (`output`).
fn run_key_step(action: &Value, version: &str, output: &Path) -> String {
    let status = Command::new("bash")
        .arg("-c")
        .arg(script(step(action, "key")))
        .env("VERSION", version)
        .env("ACTION_PATH", env!("CARGO_MANIFEST_DIR"))
        .env("RUNNER_OS_NAME", "Linux")
        .env("RUNNER_TOOL_CACHE", "/opt/cache")
        .env("GITHUB_OUTPUT", output)
        .status()
        .unwrap();
    assert!(status.success());
    std::fs::read_to_string(output).unwrap()
}

#[test]
fn the_cache_key_names_the_version() {
    let action = action();
    let out = tempfile::NamedTempFile::new().unwrap();
    let written = run_key_step(&action, "0.1.0", out.path());
    assert!(written.contains("key=promolint-Linux-0.1.0\n"), "{written}");
    assert!(written.contains("root=/opt/cache/promolint/promolint-Linux-0.1.0\n"), "{written}");

    // Without a version, the key follows the action's own source.
    let written = run_key_step(&action, "", out.path());
    let key = written.lines().rfind(|l| l.starts_with("key=")).unwrap();
    assert!(
        key.starts_with("key=promolint-Linux-src-") && key.len() == "key=promolint-Linux-src-".len() + 16,
        "{key}"
    );
}

#[test]
fn the_lint_step_passes_a_folder_with_a_space_as_one_path() {
    let action = action();
    let repo = tempfile::tempdir().unwrap();
    std::fs::create_dir(repo.path().join(".git")).unwrap();
    for folder in ["team a", "team b"] {
        std::fs::create_dir(repo.path().join(folder)).unwrap();
        std::fs::write(
            repo.path().join(folder).join("p.md"),
            "---\nladder: socialbakers\ntarget: L4\n---\n- Mentored two new hires in 2024.\n",
        )
        .unwrap();
    }
    // A folder that a split path would name, which must not be linted.
    std::fs::create_dir(repo.path().join("team")).unwrap();
    std::fs::write(repo.path().join("team/x.md"), "---\nladder: nope\ntarget: x\n---\n- x\n").unwrap();
    let output = repo.path().join("github-output");
    let run = Command::new("bash")
        .arg("-c")
        .arg(script(step(&action, "lint")))
        .current_dir(repo.path())
        .env("PROMOLINT", env!("CARGO_BIN_EXE_promolint"))
        .env("INPUT_PATHS", "team a\n\nteam b\n")
        .env("INPUT_ARGS", "-D warnings  --color never")
        .env("SARIF_FILE", "out dir.sarif")
        .env("ANNOTATE", "true")
        .env("GITHUB_OUTPUT", &output)
        .output()
        .unwrap();
    assert!(run.status.success(), "the step itself succeeds: {}", String::from_utf8_lossy(&run.stderr));
    let outputs = std::fs::read_to_string(&output).unwrap();
    assert!(outputs.contains("exit-code=1\n"), "error-level diagnostics: {outputs}");

    let log: Value =
        serde_json::from_str(&std::fs::read_to_string(repo.path().join("out dir.sarif")).unwrap()).unwrap();
    let mut uris: Vec<&str> = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str().unwrap())
        .collect();
    uris.sort();
    uris.dedup();
    assert_eq!(uris, ["team%20a/p.md", "team%20b/p.md"]);
    // The annotations, on standard output, name the same two files.
    let annotations = String::from_utf8(run.stdout).unwrap();
    assert!(
        annotations.contains("file=team a/p.md,") && annotations.contains("file=team b/p.md,"),
        "{annotations}"
    );
    assert!(!annotations.contains("team/x.md"), "{annotations}");
}
