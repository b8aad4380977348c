//! Every lint code that can fire on a packet: one test showing it fires at the
//! right place, one showing it stays silent when the packet does it right.
//!
//! Packets are small inline strings written to a scratch folder and checked
//! with `--format json` against the built-in `socialbakers/L4` level (its ids
//! and red flags: `promolint explain socialbakers/L4`) or a two-expectation
//! custom ladder passed with `--rules`.

use std::fs;
use std::path::Path;

use predicates::prelude::*;
use serde_json::Value;

mod support;
use support::workspace::{ACME_SENIOR, Workspace};

/// Front matter for socialbakers/L4; the packet body starts on line 8.
const L4: &str = "---
candidate: Ada Lovelace
ladder: socialbakers
target: L4
---
# Packet

";
/// The line of `target: L4` in [`L4`].
const L4_TARGET_LINE: u64 = 4;
/// The first line of a body appended to [`L4`].
const BODY: u64 = 8;

/// Checks `text` as `packet.md` with `args` and returns the one packet's JSON.
fn lint_with(text: &str, args: &[&str]) -> Value {
    let scratch = Workspace::empty();
    scratch.write("packet.md", text);
    let mut all = args.to_vec();
    all.push("packet.md");
    let (json, _) = scratch.json(&all);
    let packets = json["packets"].as_array().expect("packets");
    assert_eq!(packets.len(), 1, "{json}");
    packets[0].clone()
}

fn lint(text: &str) -> Value {
    lint_with(text, &[])
}

/// Checks `text` against the custom `acme/senior` ladder.
fn lint_acme(text: &str, args: &[&str]) -> (Value, i32) {
    lint_acme_with_config(text, None, args)
}

/// Checks `text` against `acme/senior`, with `config` as `promolint.yaml`.
fn lint_acme_with_config(text: &str, config: Option<&str>, args: &[&str]) -> (Value, i32) {
    let scratch = Workspace::empty();
    scratch.write("rules/acme/senior.yaml", ACME_SENIOR);
    if let Some(config) = config {
        scratch.write("promolint.yaml", config);
    }
    scratch.write("packet.md", text);
    let mut all = vec!["--rules", "rules"];
    all.extend_from_slice(args);
    all.push("packet.md");
    let (json, code) = scratch.json(&all);
    (json["packets"][0].clone(), code)
}

fn diagnostics<'a>(packet: &'a Value, code: &str) -> Vec<&'a Value> {
    packet["diagnostics"].as_array().expect("diagnostics").iter().filter(|d| d["code"] == code).collect()
}

/// The one diagnostic of `code`, which must exist.
fn only<'a>(packet: &'a Value, code: &str) -> &'a Value {
    let found = diagnostics(packet, code);
    assert_eq!(found.len(), 1, "expected one {code}: {packet:#}");
    found[0]
}

fn assert_at(d: &Value, line: u64, column: u64) {
    assert_eq!((d["line"].as_u64(), d["column"].as_u64()), (Some(line), Some(column)), "{d:#}");
}

/// The 1-based column of `needle` in the packet line that contains it (ASCII lines only).
fn column_of(text: &str, needle: &str) -> (u64, u64) {
    let (i, line) = text.lines().enumerate().find(|(_, l)| l.contains(needle)).expect("needle in text");
    ((i + 1) as u64, (line.find(needle).unwrap() + 1) as u64)
}

fn expectation<'a>(packet: &'a Value, id: &str) -> &'a Value {
    packet["expectations"].as_array().unwrap().iter().find(|e| e["id"] == id).expect("expectation listed")
}

fn uncovered_ids(packet: &Value) -> Vec<String> {
    diagnostics(packet, "uncovered-expectation")
        .iter()
        .map(|d| {
            let m = d["message"].as_str().unwrap();
            m.split('`').nth(1).expect("id in backquotes").to_owned()
        })
        .collect()
}

// ---------------------------------------------------------------- uncovered-expectation

#[test]
fn uncovered_expectation_fires_at_the_front_matter_target() {
    let p = lint(&format!("{L4}- Planned the Q3 2024 roadmap ([board](https://jira.example.com/b/7)).\n"));
    let ids = uncovered_ids(&p);
    assert!(ids.contains(&"interview-assessments".to_owned()), "{ids:?}");
    assert!(!ids.contains(&"plan-and-track".to_owned()), "{ids:?}");
    for d in diagnostics(&p, "uncovered-expectation") {
        assert_eq!(d["severity"], "error");
        assert_at(d, L4_TARGET_LINE, 9);
        assert_eq!((d["end_line"].as_u64(), d["end_column"].as_u64()), (Some(L4_TARGET_LINE), Some(11)));
    }
    let uncovered =
        p["expectations"].as_array().unwrap().iter().filter(|e| e["status"] == "uncovered").count();
    assert_eq!(ids.len(), uncovered);
}

#[test]
fn uncovered_expectation_is_silent_when_a_claim_covers_it() {
    let p = lint(&format!(
        "{L4}- Rewrote the coding exercise and interview questions in 2024 ([exercise](https://wiki.example.com/x)).\n  <!-- covers: interview-assessments -->\n"
    ));
    assert!(!uncovered_ids(&p).contains(&"interview-assessments".to_owned()));
    assert_eq!(expectation(&p, "interview-assessments")["status"], "covered");
}

#[test]
fn uncovered_expectation_is_silent_when_every_expectation_is_covered() {
    let (p, code) = lint_acme(
        "---\nladder: acme\ntarget: senior\n---\n- Mentored two new hires in 2024.\n- Led the response to incident INC-7 in May 2024.\n",
        &[],
    );
    assert!(diagnostics(&p, "uncovered-expectation").is_empty(), "{p:#}");
    assert_eq!(code, 0);
}

// ---------------------------------------------------------------- covers comments

#[test]
fn covers_comment_with_evidence_makes_the_expectation_covered() {
    let text = format!(
        "{L4}- Ran the team's retro in Q3 2024 ([notes](https://wiki.example.com/retro)).\n  <!-- covers: share-practices -->\n"
    );
    let p = lint(&text);
    let e = expectation(&p, "share-practices");
    assert_eq!(e["status"], "covered");
    assert_eq!(e["claims"][0]["line"], BODY);
    let mapping = &p["claims"][0]["expectations"][0];
    assert_eq!(mapping["id"], "share-practices");
    assert_eq!(mapping["via"], "explicit");
    assert_eq!(mapping["score"].as_f64(), Some(1.0));
}

#[test]
fn covers_comment_without_evidence_makes_the_expectation_weak() {
    let p = lint(&format!("{L4}- Ran the team's retro.\n  <!-- covers: share-practices -->\n"));
    assert_eq!(expectation(&p, "share-practices")["status"], "weak");
    assert_eq!(p["claims"][0]["expectations"][0]["via"], "explicit");
    assert_at(only(&p, "claim-without-evidence"), BODY, 3);
}

#[test]
fn covers_ids_match_case_insensitively() {
    let p = lint(&format!("{L4}- Ran the retro in Q3 2024.\n  <!-- covers: Share-Practices -->\n"));
    assert_eq!(expectation(&p, "share-practices")["status"], "covered");
    assert!(diagnostics(&p, "unknown-expectation").is_empty());
}

// ---------------------------------------------------------------- claim-without-evidence

#[test]
fn claim_without_evidence_fires_on_a_mapped_claim_with_nothing_to_check() {
    let p = lint(&format!("{L4}- Planned the roadmap for the value stream.\n"));
    let d = only(&p, "claim-without-evidence");
    assert_eq!(d["severity"], "warning");
    assert_at(d, BODY, 3);
    assert_eq!(expectation(&p, "plan-and-track")["status"], "weak");
}

#[test]
fn claim_without_evidence_is_silent_on_a_claim_with_evidence() {
    let p = lint(&format!(
        "{L4}- Planned the roadmap for the value stream in Q3 2024 ([board](https://jira.example.com/b/7)).\n"
    ));
    assert!(diagnostics(&p, "claim-without-evidence").is_empty(), "{p:#}");
    assert_eq!(expectation(&p, "plan-and-track")["status"], "covered");
    let evidence = p["claims"][0]["evidence"].as_array().unwrap();
    assert!(
        evidence.contains(&Value::from("link")) && evidence.contains(&Value::from("date")),
        "{evidence:?}"
    );
}

#[test]
fn claim_without_evidence_is_silent_when_a_nested_item_has_the_evidence() {
    let p = lint(&format!(
        "{L4}- Planned the roadmap for the value stream.\n  - Board: https://jira.example.com/b/7\n"
    ));
    assert!(diagnostics(&p, "claim-without-evidence").is_empty(), "{p:#}");
}

// ---------------------------------------------------------------- red-flag

#[test]
fn red_flag_fires_on_a_ladder_red_flag() {
    let text = format!("{L4}- Crunch time in the team was how we hit the launch date.\n");
    let p = lint(&text);
    let d = only(&p, "red-flag");
    assert_eq!(d["severity"], "warning");
    assert_at(d, BODY, 3);
    assert!(d["message"].as_str().unwrap().contains("crunch-time"), "{d}");
}

#[test]
fn red_flag_is_silent_on_a_calm_claim() {
    let p = lint(&format!("{L4}- Kept the launch on schedule by cutting scope early in Q1 2024.\n"));
    assert!(diagnostics(&p, "red-flag").is_empty(), "{p:#}");
}

// ---------------------------------------------------------------- common red flags

#[test]
fn vague_claim_fires_where_the_vague_words_are() {
    let text = format!("{L4}- In 2024 I helped with the search migration.\n");
    let p = lint(&text);
    let d = only(&p, "vague-claim");
    assert_eq!(d["severity"], "warning");
    let (line, column) = column_of(&text, "helped with");
    assert_at(d, line, column);
}

#[test]
fn vague_claim_is_silent_when_the_claim_says_what_was_done() {
    let p = lint(&format!("{L4}- Led the search migration in Q2 2024.\n"));
    assert!(diagnostics(&p, "vague-claim").is_empty(), "{p:#}");
}

#[test]
fn placeholder_text_fires_at_the_placeholder() {
    let text = format!("{L4}- Cut p99 latency by 40% (TODO: link the dashboard).\n");
    let p = lint(&text);
    let d = only(&p, "placeholder-text");
    let (line, column) = column_of(&text, "TODO");
    assert_at(d, line, column);
}

#[test]
fn placeholder_text_is_silent_on_a_finished_claim() {
    let p = lint(&format!("{L4}- Cut p99 latency by 40% ([dashboard](https://grafana.example.com/d/1)).\n"));
    assert!(diagnostics(&p, "placeholder-text").is_empty(), "{p:#}");
}

#[test]
fn blaming_others_fires_at_the_blame() {
    let text = format!("{L4}- We shipped late because the other team failed to deliver their API.\n");
    let p = lint(&text);
    let d = only(&p, "blaming-others");
    let (line, column) = column_of(&text, "because");
    assert_at(d, line, column);
}

#[test]
fn blaming_others_is_silent_when_the_claim_takes_ownership() {
    let p = lint(&format!(
        "{L4}- When the API we depended on slipped, I agreed a stub contract with its team and we shipped on time.\n"
    ));
    assert!(diagnostics(&p, "blaming-others").is_empty(), "{p:#}");
}

#[test]
fn overwork_fires_at_the_heroics() {
    // (Weekend work is the L4 ladder's own `crunch-time`, reported under that
    // more specific code; red_flag_kinds.rs checks it.)
    let text = format!("{L4}- Shipped billing single-handedly in March 2024.\n");
    let p = lint(&text);
    let d = only(&p, "overwork");
    let (line, column) = column_of(&text, "single-handedly");
    assert_at(d, line, column);
}

#[test]
fn overwork_is_silent_on_sustainable_delivery() {
    let p = lint(&format!("{L4}- Shipped billing in March 2024 by splitting the work across two teams.\n"));
    assert!(diagnostics(&p, "overwork").is_empty(), "{p:#}");
}

#[test]
fn hedging_fires_at_the_hedge() {
    let text = format!("{L4}- Build times: I think I maybe made them 40% faster.\n");
    let p = lint(&text);
    let d = only(&p, "hedging");
    let (line, column) = column_of(&text, "I think I maybe");
    assert_at(d, line, column);
}

#[test]
fn hedging_is_silent_on_a_plain_statement() {
    let p = lint(&format!("{L4}- Made build times 40% faster in Q1 2024.\n"));
    assert!(diagnostics(&p, "hedging").is_empty(), "{p:#}");
}

// ---------------------------------------------------------------- unmapped-claim

#[test]
fn unmapped_claim_is_allowed_by_default() {
    let p = lint(&format!("{L4}- Enjoyed the ski trip.\n"));
    assert!(diagnostics(&p, "unmapped-claim").is_empty(), "{p:#}");
    assert!(p["claims"][0]["expectations"].as_array().unwrap().is_empty());
}

#[test]
fn unmapped_claim_fires_with_warn_on_a_claim_that_maps_to_nothing() {
    let text = format!("{L4}- Planned the roadmap for Q3 2024.\n- Enjoyed the ski trip.\n");
    let p = lint_with(&text, &["-W", "unmapped-claim"]);
    let d = only(&p, "unmapped-claim");
    assert_eq!(d["severity"], "warning");
    assert_at(d, BODY + 1, 3);
}

#[test]
fn unmapped_claim_is_silent_with_warn_on_a_claim_that_maps() {
    let p = lint_with(&format!("{L4}- Planned the roadmap for Q3 2024.\n"), &["-W", "unmapped-claim"]);
    assert!(diagnostics(&p, "unmapped-claim").is_empty(), "{p:#}");
}

// ---------------------------------------------------------------- unknown-ladder / unknown-level

#[test]
fn unknown_ladder_fires_at_the_ladder_with_a_suggestion() {
    let p = lint("---\nladder: socialbakerz\ntarget: L4\n---\n- Planned the roadmap.\n");
    let d = only(&p, "unknown-ladder");
    assert_eq!(d["severity"], "error");
    assert_at(d, 2, 9);
    assert!(d["help"].as_str().unwrap().contains("did you mean `socialbakers`?"), "{d}");
    assert!(p["coverage"].is_null());
}

#[test]
fn unknown_ladder_is_silent_for_a_known_ladder_in_any_case() {
    let p = lint("---\nladder: SocialBakers\ntarget: L4\n---\n- Planned the roadmap.\n");
    assert!(diagnostics(&p, "unknown-ladder").is_empty(), "{p:#}");
    assert_eq!(p["ladder"], "socialbakers");
}

#[test]
fn unknown_level_fires_at_the_target_with_a_suggestion() {
    let p = lint("---\nladder: socialbakers\ntarget: L44\n---\n- Planned the roadmap.\n");
    let d = only(&p, "unknown-level");
    assert_eq!(d["severity"], "error");
    assert_at(d, 3, 9);
    assert!(d["help"].as_str().unwrap().contains("did you mean `L4`?"), "{d}");
}

#[test]
fn unknown_level_fires_for_a_target_given_on_the_command_line() {
    let p = lint_with(L4, &["--target", "value-stream"]);
    let d = only(&p, "unknown-level");
    assert!(d["help"].as_str().unwrap().contains("did you mean `value-stream-architect`?"), "{d}");
}

#[test]
fn unknown_level_is_silent_for_a_known_level_in_any_case() {
    let p = lint("---\nladder: socialbakers\ntarget: l4\n---\n- Planned the roadmap.\n");
    assert!(diagnostics(&p, "unknown-level").is_empty(), "{p:#}");
    assert_eq!(p["level"], "L4");
}

// ---------------------------------------------------------------- front matter

#[test]
fn missing_front_matter_fires_at_the_start_of_a_named_file_without_it() {
    let p = lint("# My packet\n\n- Planned the roadmap for Q3 2024.\n");
    let d = only(&p, "missing-front-matter");
    assert_eq!(d["severity"], "error");
    assert_at(d, 1, 1);
}

#[test]
fn missing_front_matter_fires_when_the_front_matter_has_no_target() {
    let p = lint("---\ncandidate: Ada\nladder: socialbakers\n---\n- Planned the roadmap.\n");
    let d = only(&p, "missing-front-matter");
    assert!(d["message"].as_str().unwrap().contains("`target`"), "{d}");
    assert!(!d["message"].as_str().unwrap().contains("`ladder`"), "{d}");
}

#[test]
fn missing_front_matter_is_silent_when_the_command_line_names_the_level() {
    let p = lint_with(
        "# My packet\n\n- Planned the roadmap for Q3 2024.\n",
        &["--ladder", "socialbakers", "--target", "L4"],
    );
    assert!(diagnostics(&p, "missing-front-matter").is_empty(), "{p:#}");
    assert_eq!(p["level"], "L4");
}

#[test]
fn invalid_front_matter_fires_at_the_bad_value() {
    let p = lint("---\nladder:\n  nested: map\ntarget: L4\n---\n- Planned the roadmap.\n");
    let d = only(&p, "invalid-front-matter");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["line"], 3);
}

#[test]
fn invalid_front_matter_fires_at_an_unclosed_fence() {
    let p = lint("---\nladder: socialbakers\ntarget: L4\n\n- Planned the roadmap.\n");
    let d = only(&p, "invalid-front-matter");
    assert_at(d, 1, 1);
    assert!(d["message"].as_str().unwrap().contains("never closed"), "{d}");
}

#[test]
fn invalid_front_matter_is_silent_on_valid_yaml_with_other_keys() {
    let p = lint(
        "---\ntitle: My packet\ntags:\n  - promotion\n  - 2024\nladder: socialbakers\ntarget: L4\n---\n- Planned the roadmap.\n",
    );
    assert!(diagnostics(&p, "invalid-front-matter").is_empty(), "{p:#}");
    assert_eq!(p["level"], "L4");
}

// ---------------------------------------------------------------- unknown-expectation

#[test]
fn unknown_expectation_fires_at_the_id_in_a_covers_comment_with_did_you_mean() {
    let text = format!("{L4}- Planned the roadmap for Q3 2024.\n  <!-- covers: plan-and-trak -->\n");
    let p = lint(&text);
    let d = only(&p, "unknown-expectation");
    assert_eq!(d["severity"], "error");
    let (line, column) = column_of(&text, "plan-and-trak");
    assert_at(d, line, column);
    assert!(d["help"].as_str().unwrap().contains("did you mean `plan-and-track`?"), "{d}");
}

#[test]
fn unknown_expectation_far_from_any_id_points_to_explain() {
    let p =
        lint(&format!("{L4}- Planned the roadmap for Q3 2024.\n  <!-- covers: quantum-teleportation -->\n"));
    let d = only(&p, "unknown-expectation");
    let help = d["help"].as_str().unwrap();
    assert!(!help.contains("did you mean"), "{d}");
    assert!(help.contains("promolint explain socialbakers/L4"), "{d}");
}

#[test]
fn unknown_expectation_fires_for_a_waiver_of_an_unknown_id() {
    let text = format!(
        "{L4}- Planned the roadmap for Q3 2024.\n\n<!-- promolint-waive interview-asessments: no hiring -->\n"
    );
    let p = lint(&text);
    let d = only(&p, "unknown-expectation");
    let (line, column) = column_of(&text, "interview-asessments");
    assert_at(d, line, column);
    assert!(d["help"].as_str().unwrap().contains("did you mean `interview-assessments`?"), "{d}");
}

#[test]
fn unknown_expectation_is_silent_for_a_known_id() {
    let p = lint(&format!("{L4}- Planned the roadmap for Q3 2024.\n  <!-- covers: plan-and-track -->\n"));
    assert!(diagnostics(&p, "unknown-expectation").is_empty(), "{p:#}");
}

// ---------------------------------------------------------------- waivers

const WAIVER: &str = "<!-- promolint-waive interview-assessments: no hiring in my team this cycle -->\n";

#[test]
fn waiver_makes_the_status_waived_and_removes_its_uncovered_expectation() {
    let without = lint(&format!("{L4}- Planned the roadmap for Q3 2024.\n"));
    assert!(uncovered_ids(&without).contains(&"interview-assessments".to_owned()));
    let with = lint(&format!("{L4}- Planned the roadmap for Q3 2024.\n\n{WAIVER}"));
    assert!(!uncovered_ids(&with).contains(&"interview-assessments".to_owned()));
    assert_eq!(uncovered_ids(&with).len() + 1, uncovered_ids(&without).len());
    let e = expectation(&with, "interview-assessments");
    assert_eq!(e["status"], "waived");
    assert_eq!(e["waiver"], "no hiring in my team this cycle");
    let c = &with["coverage"];
    assert_eq!(c["uncovered"].as_u64().unwrap() + 1, without["coverage"]["uncovered"].as_u64().unwrap());
    assert_eq!(c["waived"], 1);
}

#[test]
fn waiver_shows_in_the_human_coverage_line() {
    let scratch = Workspace::empty();
    scratch.write("packet.md", format!("{L4}- Planned the roadmap for Q3 2024.\n\n{WAIVER}"));
    scratch.cmd().args(["check", "--color", "never", "packet.md"]).assert().stdout(
        predicate::str::is_match(
            r"coverage of socialbakers/L4: \d+ covered, \d+ weak, \d+ uncovered, 1 waived of 19",
        )
        .unwrap(),
    );
}

#[test]
fn waiver_reason_travels_into_the_human_output() {
    let scratch = Workspace::empty();
    scratch.write("packet.md", format!("{L4}- Planned the roadmap for Q3 2024.\n\n{WAIVER}"));
    scratch
        .cmd()
        .args(["check", "--color", "never", "packet.md"])
        .assert()
        .stdout(predicate::str::contains("no hiring in my team this cycle"));
}

// ---------------------------------------------------------------- suppression comments

#[test]
fn disable_next_line_comment_silences_that_code_on_the_next_line() {
    let text = format!(
        "{L4}<!-- promolint-disable-next-line vague-claim -->\n- Helped with the search migration in 2024.\n- Helped with the billing migration in 2024.\n"
    );
    let p = lint(&text);
    let d = only(&p, "vague-claim");
    assert_eq!(d["line"], BODY + 2, "only the second claim is reported");
}

#[test]
fn disable_and_enable_comments_silence_the_code_between_them() {
    let text = format!(
        "{L4}<!-- promolint-disable hedging -->\n\n- I think I maybe made builds 40% faster.\n\n<!-- promolint-enable hedging -->\n\n- I think I maybe made tests 30% faster.\n"
    );
    let p = lint(&text);
    let d = only(&p, "hedging");
    let (line, _) = column_of(&text, "tests 30% faster");
    assert_eq!(d["line"], line, "only the claim after enable is reported");
}

// ---------------------------------------------------------------- waiver-without-reason

#[test]
fn waiver_without_reason_fires_at_the_waived_id_and_leaves_it_uncovered() {
    let text =
        format!("{L4}- Planned the roadmap for Q3 2024.\n\n<!-- promolint-waive interview-assessments -->\n");
    let p = lint(&text);
    let d = only(&p, "waiver-without-reason");
    assert_eq!(d["severity"], "error");
    let (line, column) = column_of(&text, "interview-assessments");
    assert_at(d, line, column);
    assert_eq!(expectation(&p, "interview-assessments")["status"], "uncovered");
}

#[test]
fn waiver_without_reason_is_silent_when_the_waiver_gives_one() {
    let p = lint(&format!("{L4}- Planned the roadmap for Q3 2024.\n\n{WAIVER}"));
    assert!(diagnostics(&p, "waiver-without-reason").is_empty(), "{p:#}");
}

// ---------------------------------------------------------------- unused-suppression

#[test]
fn unused_suppression_fires_for_a_suppression_that_matches_nothing() {
    let text =
        format!("{L4}<!-- promolint-disable-next-line vague-claim -->\n- Planned the roadmap for Q3 2024.\n");
    let p = lint(&text);
    let d = only(&p, "unused-suppression");
    assert_eq!(d["severity"], "warning");
    let (line, column) = column_of(&text, "vague-claim");
    assert_at(d, line, column);
}

#[test]
fn unused_suppression_fires_for_a_waiver_of_a_covered_expectation() {
    let text = format!(
        "{L4}- Planned the roadmap for Q3 2024.\n\n<!-- promolint-waive plan-and-track: not needed -->\n"
    );
    let p = lint(&text);
    let d = only(&p, "unused-suppression");
    let (line, column) = column_of(&text, "plan-and-track: not");
    assert_at(d, line, column);
    assert_eq!(expectation(&p, "plan-and-track")["status"], "covered");
}

#[test]
fn unused_suppression_fires_for_an_unknown_code_in_a_suppression() {
    let text = format!("{L4}- Planned the roadmap for Q3 2024.\n\n<!-- promolint-disable vage-claim -->\n");
    let p = lint(&text);
    let d = only(&p, "unused-suppression");
    let (line, column) = column_of(&text, "vage-claim");
    assert_at(d, line, column);
    assert!(d["message"].as_str().unwrap().contains("vage-claim"), "{d}");
}

#[test]
fn unused_suppression_is_silent_when_the_suppression_is_used() {
    let p = lint(&format!(
        "{L4}<!-- promolint-disable-next-line vague-claim -->\n- Helped with the search migration in 2024.\n"
    ));
    assert!(diagnostics(&p, "unused-suppression").is_empty(), "{p:#}");
    assert!(diagnostics(&p, "vague-claim").is_empty(), "{p:#}");
}

// ---------------------------------------------------------------- coverage-below-minimum

const HALF_COVERED: &str = "---\nladder: acme\ntarget: senior\n---\n- Mentored two new hires in 2024.\n";

#[test]
fn coverage_below_minimum_fires_at_the_target_when_coverage_is_under_the_configured_minimum() {
    let (p, code) = lint_acme_with_config(HALF_COVERED, Some("min-coverage: 60\n"), &[]);
    let d = only(&p, "coverage-below-minimum");
    assert_eq!(d["severity"], "error");
    assert_at(d, 3, 9);
    assert!(d["message"].as_str().unwrap().contains("50%"), "{d}");
    assert_eq!(code, 1);
}

#[test]
fn coverage_below_minimum_is_silent_at_or_above_the_minimum_and_without_one() {
    let (p, _) = lint_acme_with_config(HALF_COVERED, Some("min-coverage: 50\n"), &[]);
    assert!(diagnostics(&p, "coverage-below-minimum").is_empty(), "{p:#}");
    let (p, _) = lint_acme_with_config(HALF_COVERED, None, &[]);
    assert!(diagnostics(&p, "coverage-below-minimum").is_empty(), "{p:#}");
}

// ---------------------------------------------------------------- unreadable-file

#[test]
fn unreadable_file_fires_for_invalid_utf8_with_the_byte_offset() {
    let scratch = Workspace::empty();
    let mut bytes = format!("{L4}- Caf").into_bytes();
    let offset = bytes.len();
    bytes.extend_from_slice(b"\xe9 au lait\n");
    scratch.write("packet.md", &bytes);
    // JSON: the file is listed under `errors`, with the offset.
    let (json, code) = scratch.json(&["packet.md"]);
    assert_eq!(code, 1);
    assert!(json["packets"].as_array().unwrap().is_empty(), "{json}");
    assert_eq!(json["errors"][0]["path"], "packet.md");
    assert!(json["errors"][0]["message"].as_str().unwrap().contains(&format!("offset {offset}")), "{json}");
    // Short: the code, at the start of the file.
    scratch
        .cmd()
        .args(["check", "--format", "short", "packet.md"])
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with("packet.md:1:1: error[unreadable-file]: "))
        .stdout(predicate::str::contains(format!("offset {offset}")));
}

#[test]
fn unreadable_file_fires_for_a_binary_file() {
    let scratch = Workspace::empty();
    let head = b"---\nladder: socialbakers";
    let mut bytes = head.to_vec();
    bytes.extend_from_slice(b"\x00\x01\x02\n");
    scratch.write("packet.md", &bytes);
    let (json, code) = scratch.json(&["packet.md"]);
    assert_eq!(code, 1);
    let message = json["errors"][0]["message"].as_str().unwrap();
    assert!(message.contains(&format!("offset {}", head.len())), "{message}");
}

#[test]
fn unreadable_file_is_silent_for_utf16_and_utf8_with_a_bom() {
    let text = format!("{L4}- Planned the roadmap for Q3 2024.\n");
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(text.as_bytes());
    for bytes in [utf16, bom] {
        let scratch = Workspace::empty();
        scratch.write("packet.md", &bytes);
        let (json, _) = scratch.json(&["packet.md"]);
        assert!(json["errors"].as_array().unwrap().is_empty(), "{json}");
        let p = &json["packets"][0];
        assert!(diagnostics(p, "unreadable-file").is_empty(), "{p:#}");
        assert_eq!(p["level"], "L4");
        assert_eq!(p["claims"][0]["line"], BODY);
    }
}

/// The README's table of lint codes is generated from the registry (code,
/// kind, default level, whether `-A`/`-W`/`-D` and `promolint.yaml` can change
/// it, the first sentence of its `explain` text): a lint added, removed or
/// changed in `src/lint/mod.rs` shows up as a README diff, which
/// `SNAPSHOTS=overwrite cargo test --test lint_codes` writes after review.
#[test]
fn the_readme_lint_table_is_the_registry() {
    use promolint::lint::Code;
    const START: &str =
        "<!-- lint-table: generated from the registry in src/lint/mod.rs by tests/lint_codes.rs -->\n";
    const END: &str = "<!-- lint-table: end -->\n";
    let mut table = String::from(START);
    table.push_str("| code | kind | default | what it flags |\n| --- | --- | --- | --- |\n");
    for code in Code::ALL {
        let explain = code.explanation();
        let first = explain.find(". ").map_or(explain, |i| &explain[..=i]);
        let level = if code.is_configurable() {
            code.default_level().as_str().to_owned()
        } else {
            format!("{} (fixed)", code.default_level().as_str())
        };
        table.push_str(&format!(
            "| `{}` | {} | {level} | {} |\n",
            code.name(),
            code.kind(),
            first.replace('|', "\\|")
        ));
    }
    table.push_str(END);
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = fs::read_to_string(&path).expect("README.md");
    let (Some(start), Some(end)) = (readme.find(START), readme.find(END)) else {
        panic!("README.md has no generated lint table (between {START:?} and {END:?})");
    };
    let current = &readme[start..end + END.len()];
    if current != table && std::env::var("SNAPSHOTS").is_ok_and(|v| v == "overwrite") {
        fs::write(&path, readme.replacen(current, &table, 1)).expect("README.md is writable");
        return;
    }
    assert_eq!(
        current, table,
        "README's lint table is not the registry; rewrite it with SNAPSHOTS=overwrite"
    );
}

/// Red flags of behaviour and writing smells are told apart by the registry,
/// and only those two kinds count as red flags in a summary.
#[test]
fn registry_kinds_keep_behaviour_apart_from_writing() {
    use promolint::lint::{Code, Kind};
    assert_eq!(Code::BlamingOthers.kind(), Kind::Behaviour);
    assert_eq!(Code::Overwork.kind(), Kind::Behaviour);
    assert_eq!(Code::RedFlag.kind(), Kind::Behaviour);
    assert_eq!(Code::VagueClaim.kind(), Kind::Writing);
    assert_eq!(Code::Hedging.kind(), Kind::Writing);
    let red_flags: Vec<&str> =
        Code::ALL.iter().filter(|c| c.kind().is_red_flag()).map(|c| c.name()).collect();
    assert_eq!(
        red_flags,
        ["red-flag", "vague-claim", "placeholder-text", "blaming-others", "overwork", "hedging"]
    );
}
