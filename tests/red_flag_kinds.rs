//! Behaviour red flags and writing smells are two kinds, kept apart in every
//! output, and one span is reported once, under the most specific code.
//!
//! A small socialbakers/L4 packet (whose ladder lists "Crunch time in the
//! team" as a red flag) is checked and summarised in every format.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

const PACKET: &str = "---
candidate: Ada Lovelace
ladder: socialbakers
target: L4
---
## Delivery
- The team worked through the weekend to ship the billing migration (PR #12).
- Helped with the interview process.
- Wrote the `TODO` checker for the packet linter (PR #13).
- Because the other team failed to deliver, the launch slipped.
";

fn promolint(dir: &Path, args: &[&str]) -> String {
    let out = Command::cargo_bin("promolint").unwrap().current_dir(dir).args(args).output().unwrap();
    String::from_utf8(out.stdout).unwrap()
}

fn scratch() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("ada.md"), PACKET).unwrap();
    dir
}

/// Red-flag diagnostics of the JSON output as (code, kind, line).
fn flags(json: &str) -> Vec<(String, String, u64)> {
    let v: Value = serde_json::from_str(json).unwrap();
    v["packets"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["kind"] == "behaviour" || d["kind"] == "writing")
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_owned(),
                d["kind"].as_str().unwrap().to_owned(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn one_span_is_one_finding_under_the_most_specific_code() {
    let dir = scratch();
    let found = flags(&promolint(dir.path(), &["check", "ada.md", "--format", "json"]));
    let on = |line: u64| found.iter().filter(|f| f.2 == line).map(|f| f.0.as_str()).collect::<Vec<_>>();
    // "The team worked through the weekend" is the ladder's crunch-time, not also `overwork`.
    assert_eq!(on(7), ["red-flag"], "{found:?}");
    assert_eq!(on(8), ["vague-claim"], "{found:?}");
    // `TODO` in backticks names a marker; it is not placeholder text.
    assert!(on(9).is_empty(), "{found:?}");
    assert_eq!(on(10), ["blaming-others"], "{found:?}");
    let kinds: Vec<(&str, &str)> = found.iter().map(|f| (f.0.as_str(), f.1.as_str())).collect();
    assert!(kinds.contains(&("red-flag", "behaviour")) && kinds.contains(&("vague-claim", "writing")));
}

#[test]
fn human_short_sarif_and_explain_name_the_kind() {
    let dir = scratch();
    let short = promolint(dir.path(), &["check", "ada.md", "--format", "short"]);
    assert!(short.contains("warning[red-flag]: behaviour red flag `crunch-time`"), "{short}");
    assert!(short.contains("warning[vague-claim]: writing: vague claim"), "{short}");
    assert!(short.contains("warning[blaming-others]: behaviour red flag: claim blames others"), "{short}");

    let sarif: Value =
        serde_json::from_str(&promolint(dir.path(), &["check", "ada.md", "--format", "sarif"])).unwrap();
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    let kind = |id: &str| rules.iter().find(|r| r["id"] == id).unwrap()["properties"]["kind"].clone();
    assert_eq!(kind("overwork"), "behaviour");
    assert_eq!(kind("red-flag"), "behaviour");
    assert_eq!(kind("hedging"), "writing");
    assert_eq!(kind("uncovered-expectation"), "packet");

    let explain = promolint(dir.path(), &["explain", "vague-claim"]);
    assert!(explain.contains("kind: writing"), "{explain}");
    let explain = promolint(dir.path(), &["explain", "blaming-others"]);
    assert!(explain.contains("kind: behaviour"), "{explain}");
}

#[test]
fn every_summary_format_counts_the_kinds_apart() {
    let dir = scratch();
    let summary = |format: &str| promolint(dir.path(), &["summary", "ada.md", "--format", format]);
    // Two behaviour red flags (crunch-time, blame), one writing smell (vague).
    let json: Value = serde_json::from_str(&summary("json")).unwrap();
    let p = &json["packets"][0];
    assert_eq!((p["behaviour_red_flags"].as_u64(), p["writing_smells"].as_u64()), (Some(2), Some(1)), "{p}");
    assert_eq!(p["red_flags"], 3);
    let kinds: Vec<&str> =
        p["red_flag_findings"].as_array().unwrap().iter().map(|f| f["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["behaviour", "writing", "behaviour"]);
    assert_eq!(json["totals"]["behaviour_red_flags"], 2);

    let csv = summary("csv");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().unwrap().clone();
    let record = reader.records().next().unwrap().unwrap();
    let cell = |name: &str| record[header.iter().position(|h| h == name).unwrap()].to_owned();
    assert_eq!((cell("behaviour_red_flags"), cell("writing_smells")), ("2".into(), "1".into()));

    let markdown = summary("markdown");
    assert!(markdown.contains("| Behaviour red flags | Writing |"), "{markdown}");
    let table = summary("table");
    assert!(table.contains("Behaviour flags") && table.contains("Writing"), "{table}");
    let html = summary("html");
    assert!(
        html.contains("<th class=\"num\">Behaviour red flags</th><th class=\"num\">Writing</th>"),
        "{html}"
    );
    assert!(html.contains("Behaviour red flags (2)") && html.contains("Writing (1)"));
}
