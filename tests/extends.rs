//! `extends` seen from the command line: a level inherits its base's
//! expectations and red flags, replaces an inherited expectation by id, adds
//! its own, and packets targeting it are checked against all of them.
//!
//! Fixture: `fixtures/rule-extends/acme/` holds the chain L5 → L4 → L3.
//! L3 has `ship-features`, `review-code`, `write-docs` and the red flag
//! `hero-mode`; L4 `extends: L3`, replaces `review-code` and adds
//! `mentor-engineers`; L5 `extends: l4` (another case) and adds
//! `set-direction` and the red flag `ivory-tower`.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

const L3_REVIEW: &str = "Reviews code written by teammates";
const L4_REVIEW: &str = "Leads design reviews across teams";

/// Runs promolint from the crate root with the fixture ladder added.
fn promolint(args: &[&str]) -> (Option<i32>, String, String) {
    let output = Command::cargo_bin("promolint")
        .expect("the promolint binary is built")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["--rules", "fixtures/rule-extends", "--color", "never"])
        .args(args)
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).expect("UTF-8 output");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    (output.status.code(), stdout, stderr)
}

fn json(args: &[&str]) -> (Option<i32>, Value) {
    let (code, stdout, stderr) = promolint(args);
    let value = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{stdout}\n--- stderr:\n{stderr}"));
    (code, value)
}

fn ladder_row<'a>(rows: &'a Value, level: &str) -> &'a Value {
    rows.as_array()
        .expect("`ladders --format json` prints an array")
        .iter()
        .find(|r| r["ladder"] == "acme" && r["level"] == level)
        .unwrap_or_else(|| panic!("acme/{level} missing from `ladders`: {rows:#}"))
}

/// `check --format json` of one fixture packet: its packet object.
fn check_packet(packet: &str) -> (Option<i32>, Value) {
    let path = format!("fixtures/rule-extends/packets/{packet}");
    let (code, out) = json(&["check", &path, "--format", "json"]);
    assert_eq!(out["errors"], serde_json::json!([]), "{out:#}");
    let packets = out["packets"].as_array().expect("packets array");
    assert_eq!(packets.len(), 1, "{out:#}");
    (code, packets[0].clone())
}

/// (id, text, status) of each expectation of a checked packet, in output order.
fn expectations(packet: &Value) -> Vec<(String, String, String)> {
    packet["expectations"]
        .as_array()
        .expect("expectations array")
        .iter()
        .map(|e| {
            let s = |k: &str| e[k].as_str().unwrap_or_default().to_owned();
            (s("id"), s("text"), s("status"))
        })
        .collect()
}

fn ids(list: &[(String, String, String)]) -> Vec<&str> {
    list.iter().map(|(id, _, _)| id.as_str()).collect()
}

fn diagnostics_with_code<'a>(packet: &'a Value, code: &str) -> Vec<&'a Value> {
    packet["diagnostics"]
        .as_array()
        .expect("diagnostics array")
        .iter()
        .filter(|d| d["code"] == code)
        .collect()
}

#[test]
fn fixture_ladder_has_no_rule_problems() {
    let output = Command::cargo_bin("promolint")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["rules", "check", "fixtures/rule-extends"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stdout));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no problems"));
    assert!(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/rule-extends/acme/l4.yaml").is_file());
}

#[test]
fn ladders_counts_inherited_expectations_and_red_flags() {
    let (code, rows) = json(&["ladders", "--format", "json"]);
    assert_eq!(code, Some(0));
    let l3 = ladder_row(&rows, "L3");
    assert_eq!((&l3["expectations"], &l3["red_flags"], &l3["extends"]), (&3.into(), &1.into(), &Value::Null));
    // L4: L3's three (one of them replaced, not added) plus its own one.
    let l4 = ladder_row(&rows, "L4");
    assert_eq!((&l4["expectations"], &l4["red_flags"], &l4["extends"]), (&4.into(), &1.into(), &"L3".into()));
    // L5: L4's four plus its own one; L3's red flag plus its own.
    let l5 = ladder_row(&rows, "L5");
    assert_eq!((&l5["expectations"], &l5["red_flags"], &l5["extends"]), (&5.into(), &2.into(), &"l4".into()));
}

#[test]
fn explain_level_lists_inherited_overridden_and_own_expectations() {
    let (code, out, stderr) = promolint(&["explain", "acme/l4"]);
    assert_eq!(code, Some(0), "{stderr}");
    for id in ["ship-features", "review-code", "write-docs", "mentor-engineers", "hero-mode"] {
        assert!(out.contains(id), "`explain acme/l4` does not list `{id}`:\n{out}");
    }
    assert!(out.contains("Ships well-tested features end to end"), "{out}");
    assert!(out.contains(L4_REVIEW), "the override's text is missing:\n{out}");
    assert!(!out.contains(L3_REVIEW), "the replaced inherited text is still shown:\n{out}");
    assert_eq!(out.matches("review-code").count(), 1, "`review-code` listed twice:\n{out}");

    // The base level is untouched by its child's override.
    let (_, l3, _) = promolint(&["explain", "acme/l3"]);
    assert!(l3.contains(L3_REVIEW) && !l3.contains(L4_REVIEW), "{l3}");
    assert!(!l3.contains("mentor-engineers"), "L3 got L4's expectation:\n{l3}");
}

#[test]
fn explain_expectation_says_where_it_is_inherited_from() {
    let (code, out, _) = promolint(&["explain", "acme/l4/write-docs"]);
    assert_eq!(code, Some(0));
    assert!(out.contains("inherited from: acme/L3"), "{out}");
    assert!(out.contains("Documents the services they own"), "{out}");

    // An override is L4's own expectation, not an inherited one.
    let (_, out, _) = promolint(&["explain", "acme/l4/review-code"]);
    assert!(out.contains(L4_REVIEW) && !out.contains("inherited from"), "{out}");

    // Three levels: L5 gets the override from L4 and the rest from L3.
    let (_, out, _) = promolint(&["explain", "acme/l5/review-code"]);
    assert!(out.contains(L4_REVIEW) && out.contains("inherited from: acme/L4"), "{out}");
    let (_, out, _) = promolint(&["explain", "acme/l5/ship-features"]);
    assert!(out.contains("inherited from: acme/L3"), "{out}");
}

#[test]
fn packet_for_l4_is_checked_against_inherited_expectations() {
    let (code, packet) = check_packet("acme-l4.md");
    assert_eq!(packet["level"], "L4");
    let list = expectations(&packet);
    assert_eq!(ids(&list), ["ship-features", "review-code", "write-docs", "mentor-engineers"]);
    let review = list.iter().find(|(id, _, _)| id == "review-code").unwrap();
    assert_eq!(review.1, L4_REVIEW, "the override must replace the inherited text");
    // Claims about inherited expectations count towards L4's coverage...
    let status = |id: &str| list.iter().find(|e| e.0 == id).map(|e| e.2.as_str()).unwrap();
    assert_eq!(status("ship-features"), "covered");
    assert_eq!(status("write-docs"), "covered");
    assert_eq!(status("review-code"), "covered");
    // ...and L4's own expectation is still required.
    assert_eq!(status("mentor-engineers"), "uncovered");
    let uncovered = diagnostics_with_code(&packet, "uncovered-expectation");
    assert_eq!(uncovered.len(), 1, "{packet:#}");
    assert!(uncovered[0]["message"].as_str().unwrap().contains("mentor-engineers"));
    assert_eq!(packet["coverage"]["total"], 4);
    assert_eq!(code, Some(1), "an uncovered expectation is an error");
}

#[test]
fn inherited_expectations_and_red_flags_are_reported_for_l4() {
    let (code, packet) = check_packet("acme-l4-gaps.md");
    assert_eq!(code, Some(1));
    let uncovered: Vec<&str> = diagnostics_with_code(&packet, "uncovered-expectation")
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    // The packet says nothing about documentation: the inherited
    // expectation is reported like the level's own. (`ship-features` and
    // `review-code` are mapped by word overlap in this four-expectation
    // level: "launch"/"release" and "feedback"; see the README's accuracy
    // section on small levels.)
    assert!(
        uncovered.iter().any(|m| m.contains("`write-docs`")),
        "no uncovered-expectation for inherited `write-docs`: {uncovered:?}"
    );
    assert!(!uncovered.iter().any(|m| m.contains("mentor-engineers")), "{uncovered:?}");
    // L3's red flag applies to L4 too.
    let flags = diagnostics_with_code(&packet, "red-flag");
    assert!(
        flags.iter().any(|d| d["message"].as_str().unwrap().contains("hero-mode")),
        "inherited red flag `hero-mode` not reported: {packet:#}"
    );
}

#[test]
fn three_level_chain_inherits_through_the_middle_level() {
    let (code, packet) = check_packet("acme-l5.md");
    assert_eq!(code, Some(1));
    assert_eq!(packet["level"], "L5");
    let list = expectations(&packet);
    assert_eq!(
        ids(&list),
        ["ship-features", "review-code", "write-docs", "mentor-engineers", "set-direction"]
    );
    assert_eq!(list[1].1, L4_REVIEW, "L5 inherits L4's override, not L3's text");
    assert_eq!(list[4].2, "covered");
    // The inherited expectations the one claim says nothing about are
    // reported like the level's own.
    let uncovered: Vec<String> = diagnostics_with_code(&packet, "uncovered-expectation")
        .iter()
        .map(|d| d["message"].as_str().unwrap().to_owned())
        .collect();
    for id in ["ship-features", "review-code", "mentor-engineers"] {
        assert!(uncovered.iter().any(|m| m.contains(&format!("`{id}`"))), "{id} not reported: {uncovered:?}");
    }
}
