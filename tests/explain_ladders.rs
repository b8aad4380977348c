//! `promolint ladders` and `promolint explain`: what a candidate runs to learn
//! what the target level asks.

use std::sync::OnceLock;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

const BUILT_IN: [(&str, &str); 5] = [
    ("generic", "senior"),
    ("joe-and-the-juice", "IC4"),
    ("meetup", "principal-platform-architect"),
    ("socialbakers", "L4"),
    ("socialbakers", "value-stream-architect"),
];

/// `promolint`, run outside the repository so that its `promolint.yaml`, if
/// any, does not apply.
fn promolint() -> Command {
    let mut cmd = Command::cargo_bin("promolint").expect("the promolint binary is built");
    cmd.current_dir(std::env::temp_dir());
    cmd
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
fn ladders_lists_the_five_built_in_levels_with_expectation_counts() {
    let out = stdout(&["ladders"]);
    let rows = ladders_json();
    for (ladder, level) in BUILT_IN {
        let row = rows
            .iter()
            .find(|r| r["ladder"] == ladder && r["level"] == level)
            .unwrap_or_else(|| panic!("{ladder}/{level} missing from {rows:?}"));
        let count = row["expectations"].as_u64().expect("expectation count");
        assert!(count > 0, "{ladder}/{level} has no expectations");
        let line = out
            .lines()
            .find(|l| {
                let cells: Vec<&str> = l.split_whitespace().collect();
                cells.first() == Some(&ladder) && cells.get(1) == Some(&level)
            })
            .unwrap_or_else(|| panic!("no row for {ladder}/{level}:\n{out}"));
        assert!(line.split_whitespace().any(|cell| cell == count.to_string()), "{line}");
        assert!(line.contains("built-in"), "{line}");
    }
    assert!(out.lines().next().unwrap().contains("EXPECTATIONS"), "{out}");
}

#[test]
fn ladders_json_has_one_row_per_level_with_its_counts() {
    let rows = ladders_json();
    assert_eq!(rows.iter().filter(|r| r["builtin"] == true).count(), BUILT_IN.len());
    for row in &rows {
        for key in ["ladder", "ladder_name", "level", "title", "file"] {
            assert!(row[key].is_string(), "{key} in {row}");
        }
        assert!(row["expectations"].is_u64() && row["red_flags"].is_u64(), "{row}");
    }
}

#[test]
fn ladders_expectation_counts_agree_with_check() {
    for row in ladders_json().iter().filter(|r| r["builtin"] == true) {
        let (ladder, level) = (row["ladder"].as_str().unwrap(), row["level"].as_str().unwrap());
        let ids = expectation_ids(ladder, level);
        assert_eq!(row["expectations"].as_u64(), Some(ids.len() as u64), "{ladder}/{level}");
    }
}

#[test]
fn ladders_lists_a_level_added_with_rules() {
    let dir = tempfile::TempDir::new().unwrap();
    let rules = dir.path().join("rules/acme");
    std::fs::create_dir_all(&rules).unwrap();
    std::fs::write(
        rules.join("senior.yaml"),
        "ladder: acme\nladder-name: Acme\nlevel: senior\ntitle: Senior\nexpectations:\n  - id: mentoring\n    area: People\n    text: Mentor others\n",
    )
    .unwrap();
    let out = promolint()
        .current_dir(dir.path())
        .args(["ladders", "--rules", "rules", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let rows: Value = serde_json::from_slice(&out.stdout).unwrap();
    let acme = rows.as_array().unwrap().iter().find(|r| r["ladder"] == "acme").expect("acme listed");
    assert_eq!(acme["expectations"], 1);
    assert_eq!(acme["builtin"], false);
}

// ---------------------------------------------------------------- explain an expectation

#[test]
fn explain_an_expectation_prints_its_text_area_and_patterns() {
    promolint()
        .args(["explain", "socialbakers/L4/plan-and-track"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("socialbakers/L4/plan-and-track"))
        .stdout(predicate::str::contains("area: Is expected to"))
        .stdout(predicate::str::contains(
            "Plan, sequence, forecast, and track feature progress effectively across the value stream",
        ))
        .stdout(predicate::str::contains("patterns"))
        .stdout(predicate::str::contains(r"\bOKRs?\b"))
        .stdout(predicate::str::contains("<!-- covers: plan-and-track -->"));
}

#[test]
fn explain_matches_ladder_and_level_ids_case_insensitively() {
    let exact = stdout(&["explain", "socialbakers/L4/plan-and-track"]);
    assert_eq!(stdout(&["explain", "SocialBakers/l4/plan-and-track"]), exact);
}

#[test]
fn explain_a_unique_short_id_finds_the_expectation() {
    let full = stdout(&["explain", "socialbakers/L4/plan-and-track"]);
    assert_eq!(stdout(&["explain", "plan-and-track"]), full);
}

#[test]
fn explain_an_ambiguous_short_id_lists_the_candidates() {
    promolint()
        .args(["explain", "education-plan"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("ambiguous"))
        .stderr(predicate::str::contains("socialbakers/L4/education-plan"))
        .stderr(predicate::str::contains("socialbakers/value-stream-architect/education-plan"));
}

#[test]
fn explain_a_red_flag_prints_its_text_and_patterns() {
    promolint()
        .args(["explain", "socialbakers/L4/crunch-time"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("red flag"))
        .stdout(predicate::str::contains("Crunch time in the team"))
        .stdout(predicate::str::contains(r"\bcrunch\b"));
}

// ---------------------------------------------------------------- explain a lint code

#[test]
fn explain_a_lint_code_prints_its_explanation_and_default_level() {
    promolint()
        .args(["explain", "vague-claim"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("vague-claim"))
        .stdout(predicate::str::contains("default level: warn"))
        .stdout(predicate::str::contains("helped with"));
    promolint()
        .args(["explain", "uncovered-expectation"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("default level: deny"));
    promolint()
        .args(["explain", "unmapped-claim"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("default level: allow"));
}

#[test]
fn explain_a_rule_file_code_says_it_cannot_be_allowed() {
    promolint()
        .args(["explain", "invalid-pattern"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("default level: deny"))
        .stdout(predicate::str::contains("cannot be allowed"));
}

// ---------------------------------------------------------------- near misses

#[test]
fn explain_a_near_miss_code_exits_2_with_did_you_mean_on_stderr() {
    promolint()
        .args(["explain", "vage-claim"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("did you mean `vague-claim`?"));
}

#[test]
fn explain_a_near_miss_expectation_exits_2_with_did_you_mean_on_stderr() {
    promolint()
        .args(["explain", "socialbakers/L4/plan-and-trak"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("did you mean `socialbakers/L4/plan-and-track`?"));
}

#[test]
fn explain_an_unknown_id_exits_2_and_says_what_to_try() {
    promolint()
        .args(["explain", "zzzzzzzzzzzzzzzz"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("nothing is called `zzzzzzzzzzzzzzzz`"));
}

// ---------------------------------------------------------------- explain a level

#[test]
fn explain_a_level_lists_all_its_expectations_and_red_flags() {
    let out = stdout(&["explain", "socialbakers/L4"]);
    assert!(out.starts_with("socialbakers/L4"), "{out}");
    let ids = expectation_ids("socialbakers", "L4");
    assert!(!ids.is_empty());
    for id in &ids {
        assert!(
            out.lines().any(|l| l.split_whitespace().next() == Some(id.as_str())),
            "{id} not listed:\n{out}"
        );
    }
    assert!(out.contains("Red flags"), "{out}");
    for flag in ["roadblocks", "crunch-time", "enforcing-views"] {
        assert!(out.contains(flag), "{flag} not listed:\n{out}");
    }
}

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
