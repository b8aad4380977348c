//! `promolint ladders` and `promolint explain` agree with `check`: the same
//! expectations, counted and listed, for every built-in level. What each
//! command prints is data in `tests/cmd/ladders/` and `tests/cmd/explain/`,
//! run by `tests/cli_cases.rs`.

use std::sync::OnceLock;

use assert_cmd::Command;
use serde_json::Value;

mod support;
use support::BUILTIN_LEVELS as BUILT_IN;

/// `promolint`, run outside the repository so that its `promolint.yaml`, if
/// any, does not apply.
fn promolint() -> Command {
    support::promolint(&std::env::temp_dir())
}

fn stdout(args: &[&str]) -> String {
    let out = promolint().args(args).output().expect("run promolint");
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8 stdout")
}

fn ladders_json() -> Vec<Value> {
    let out = stdout(&["ladders", "--format", "json"]);
    let json: Value = serde_json::from_str(&out).expect("ladders --format json parses");
    json.as_array().expect("an array of levels").clone()
}

/// The expectation ids of a built-in level, as `check --format json` lists
/// them. One check run over a packet per built-in level, shared by every test.
fn expectation_ids(ladder: &str, level: &str) -> Vec<String> {
    static IDS: OnceLock<Vec<(String, String, Vec<String>)>> = OnceLock::new();
    let all = IDS.get_or_init(|| {
        let dir = tempfile::TempDir::new().unwrap();
        for (i, (ladder, level)) in BUILT_IN.iter().enumerate() {
            let packet = format!("---\nladder: {ladder}\ntarget: {level}\n---\n# Empty\n");
            std::fs::write(dir.path().join(format!("p{i}.md")), packet).unwrap();
        }
        let out =
            promolint().current_dir(dir.path()).args(["check", "--format", "json", "."]).output().unwrap();
        let json: Value = serde_json::from_slice(&out.stdout).unwrap();
        json["packets"]
            .as_array()
            .expect("packets")
            .iter()
            .map(|p| {
                let ids = p["expectations"].as_array().expect("expectations");
                (
                    p["ladder"].as_str().unwrap().to_owned(),
                    p["level"].as_str().unwrap().to_owned(),
                    ids.iter().map(|e| e["id"].as_str().unwrap().to_owned()).collect(),
                )
            })
            .collect()
    });
    all.iter()
        .find(|(l, v, _)| l == ladder && v == level)
        .map(|(_, _, ids)| ids.clone())
        .unwrap_or_else(|| panic!("{ladder}/{level} was not checked"))
}

// ---------------------------------------------------------------- ladders

#[test]
fn ladders_expectation_counts_agree_with_check() {
    for row in ladders_json().iter().filter(|r| r["builtin"] == true) {
        let (ladder, level) = (row["ladder"].as_str().unwrap(), row["level"].as_str().unwrap());
        let ids = expectation_ids(ladder, level);
        assert_eq!(row["expectations"].as_u64(), Some(ids.len() as u64), "{ladder}/{level}");
    }
}

// ---------------------------------------------------------------- explain a level

#[test]
fn explain_every_built_in_level_lists_as_many_expectations_as_ladders_counts() {
    for row in ladders_json().iter().filter(|r| r["builtin"] == true) {
        let (ladder, level) = (row["ladder"].as_str().unwrap(), row["level"].as_str().unwrap());
        let out = stdout(&["explain", &format!("{ladder}/{level}")]);
        let ids = expectation_ids(ladder, level);
        let listed = ids
            .iter()
            .filter(|id| out.lines().any(|l| l.split_whitespace().next() == Some(id.as_str())))
            .count();
        assert_eq!(listed, ids.len(), "{ladder}/{level}:\n{out}");
    }
}
