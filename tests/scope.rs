//! Claim scope, the level's scope and what is new since the current level, as
//! a user sees them: `scope-below-level`, the JSON scope fields, `current:`
//! with `check --new-only`, `explain ladder/current..target`, `rules import`
//! proposing a scope, and the summary's share of claims at the level's scope.
//! Packets are in `fixtures/scope/`.

mod support;

use serde_json::Value;

fn json(args: &[&str]) -> Value {
    let out = support::promolint(support::repo_root()).args(args).output().expect("runs");
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("JSON from {args:?}: {e}"))
}

fn check_json(packet: &str, extra: &[&str]) -> Value {
    let path = format!("fixtures/scope/{packet}");
    let mut args = vec!["check", path.as_str(), "--format", "json"];
    args.extend_from_slice(extra);
    json(&args)["packets"][0].clone()
}

/// `check FILE --format json` run in `dir` (where its promolint.yaml applies).
fn check_in(dir: &std::path::Path, file: &str) -> std::process::Output {
    support::promolint(dir).args(["check", file, "--format", "json"]).output().expect("runs")
}

fn diagnostics<'a>(packet: &'a Value, code: &str) -> Vec<&'a Value> {
    packet["diagnostics"].as_array().expect("diagnostics").iter().filter(|d| d["code"] == code).collect()
}

fn expectation<'a>(packet: &'a Value, id: &str) -> &'a Value {
    packet["expectations"]
        .as_array()
        .expect("expectations")
        .iter()
        .find(|e| e["id"] == id)
        .expect("expectation")
}

#[test]
fn one_team_work_on_an_organisation_level_is_flagged_at_the_deciding_words() {
    let p = check_json("meetup-one-team.md", &[]);
    assert_eq!(p["scope"], "organisation");
    let flagged: Vec<&str> =
        diagnostics(&p, "scope-below-level").iter().map(|d| d["expectation"].as_str().unwrap()).collect();
    assert_eq!(flagged, ["quality-iteration-speed", "teach-and-mentor"]);
    let d = diagnostics(&p, "scope-below-level")[0];
    assert_eq!(d["severity"], "warning");
    assert!(d["message"].as_str().unwrap().contains("asks for organisation scope"), "{d}");
    // The primary span is the words that decided the claim's scope: "my own".
    assert_eq!((d["line"].as_u64(), d["column"].as_u64()), (Some(9), Some(35)));
    assert_eq!(expectation(&p, "quality-iteration-speed")["best_scope"], "own");
    // Work across all Platform teams is at the level: no warning.
    assert_eq!(expectation(&p, "roll-out-initiatives")["best_scope"], "organisation");
}

#[test]
fn claims_carry_their_scope_words_and_nested_items_inherit_their_parents() {
    let p = check_json("meetup-one-team.md", &[]);
    let claims = p["claims"].as_array().expect("claims");
    let scope = |line: u64| &claims.iter().find(|c| c["line"] == line).expect("claim")["scope"];
    assert_eq!(scope(9)["value"], "own");
    assert_eq!(scope(9)["words"], "my own");
    assert_eq!(scope(11)["value"], "organisation");
    assert_eq!(scope(15)["value"], "team");
    // The nested item says nothing of who took part: it takes its parent's scope.
    assert_eq!(scope(16)["value"], "team");
    assert_eq!(scope(16)["from"], "parent");
    assert_eq!(scope(16)["line"], 15);
}

#[test]
fn cross_team_work_on_a_cross_team_level_is_not_flagged() {
    let p = check_json("senior-cross-team.md", &[]);
    assert_eq!(p["scope"], "cross-team");
    assert!(diagnostics(&p, "scope-below-level").is_empty());
    assert_eq!(expectation(&p, "cross-team-initiatives")["status"], "covered");
    assert_eq!(expectation(&p, "cross-team-initiatives")["best_scope"], "cross-team");
}

/// The lint fires only where the claim's own words place it: an action told
/// from its first word is the candidate's own work (the scope guide's
/// "wrote the parser"), a passive is only a default, and a question or an
/// opinion tells no work, whatever scope words it has.
#[test]
fn scope_below_level_fires_on_scopes_read_from_words_not_on_defaults_or_questions() {
    let p = check_json("senior-no-work.md", &[]);
    let flagged: Vec<&str> =
        diagnostics(&p, "scope-below-level").iter().map(|d| d["expectation"].as_str().unwrap()).collect();
    assert_eq!(flagged, ["reliable-estimates"]);
    let claims = p["claims"].as_array().expect("claims");
    let scope = |line: u64| &claims.iter().find(|c| c["line"] == line).expect("claim")["scope"];
    assert_eq!((scope(9)["value"].as_str(), scope(9)["words"].as_str()), (Some("own"), Some("Wrote")));
    // A passive is told as own work by default: shown, not linted.
    assert_eq!((scope(11)["value"].as_str(), scope(11)["from"].as_str()), (Some("own"), Some("own-work")));
    assert_eq!(expectation(&p, "author-planning-artifacts")["best_scope"], "own");
    // "your team" in a question, "every team" in an opinion: no work told.
    assert_eq!(scope(15)["value"], "unknown");
    assert_eq!(scope(17)["value"], "unknown");
}

#[test]
fn a_ladder_adds_its_own_scope_words() {
    // rules/socialbakers/scope.yaml: "value stream" is cross-team at Socialbakers.
    let p = check_json("vsa-from-l4.md", &[]);
    let claim = &p["claims"][0]["scope"];
    assert_eq!(claim["value"], "cross-team", "{claim}");
    assert_eq!(p["scope"], "organisation");
    // Cross-team work for an organisation-level level is one step short: not flagged.
    assert!(diagnostics(&p, "scope-below-level").is_empty());
}

/// One team's work is two steps below what an organisation-level level asks
/// and is flagged; one step below what a cross-team level asks, and is not.
#[test]
fn scope_below_level_fires_two_steps_below_the_level_not_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let claim = "- Introduced weekly design reviews for my team, cutting rework by 30% (RFC-12)\n";
    let packet = |ladder: &str, target: &str| {
        format!("---\nladder: {ladder}\ntarget: {target}\n---\n## Work\n{claim}")
    };
    let run = |name: &str, text: String| -> Value {
        std::fs::write(dir.path().join(name), text).expect("write");
        let v: Value = serde_json::from_slice(&check_in(dir.path(), name).stdout).expect("JSON");
        v["packets"][0].clone()
    };
    let org = run("org.md", packet("meetup", "principal-platform-architect"));
    assert_eq!(org["scope"], "organisation");
    assert_eq!(org["claims"][0]["scope"]["value"], "team");
    let flagged = diagnostics(&org, "scope-below-level");
    assert!(!flagged.is_empty(), "team work on an organisation-level level: {org}");
    assert!(
        flagged.iter().all(|d| d["message"].as_str().unwrap_or("").contains("one team's work")),
        "{flagged:?}"
    );
    let senior = run("senior.md", packet("generic", "senior"));
    assert_eq!(senior["scope"], "cross-team");
    assert!(
        diagnostics(&senior, "scope-below-level").is_empty(),
        "team work on a cross-team level: {senior}"
    );
}

/// `scope-gap: 1` in promolint.yaml flags one step below too; a gap the
/// scale cannot have is a config error that says what is allowed.
#[test]
fn scope_gap_in_the_config_sets_how_far_below_the_lint_fires() {
    let dir = tempfile::tempdir().expect("temp dir");
    let packet = "---\nladder: generic\ntarget: senior\n---\n## Work\n\
        - Introduced weekly design reviews for my team, cutting rework by 30% (RFC-12)\n";
    std::fs::write(dir.path().join("p.md"), packet).expect("write");
    let run = |config: &str| {
        std::fs::write(dir.path().join("promolint.yaml"), config).expect("write config");
        check_in(dir.path(), "p.md")
    };
    let flagged = |out: &std::process::Output| -> usize {
        let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
        diagnostics(&v["packets"][0], "scope-below-level").len()
    };
    assert_eq!(flagged(&run("lints: {}\n")), 0, "the default gap is two steps");
    let one = run("scope-gap: 1\n");
    assert!(flagged(&one) > 0, "one step below with scope-gap: 1");
    let bad = run("scope-gap: 0\n");
    let all = format!("{}{}", String::from_utf8_lossy(&bad.stdout), String::from_utf8_lossy(&bad.stderr));
    assert!(all.contains("`scope-gap` is a number of scope steps from 1 to 4"), "{all}");
    assert_ne!(bad.status.code(), Some(0), "{all}");
}

#[test]
fn current_level_marks_what_is_not_new_and_new_only_leaves_it_out() {
    let p = check_json("vsa-from-l4.md", &[]);
    assert_eq!(p["current"], "L4");
    let at_current: Vec<&str> = p["expectations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["at_current"] == true)
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(at_current, ["education-plan"]);
    let uncovered = |p: &Value| -> Vec<String> {
        diagnostics(p, "uncovered-expectation")
            .iter()
            .map(|d| d["expectation"].as_str().unwrap().to_owned())
            .collect()
    };
    let note = diagnostics(&p, "uncovered-expectation")
        .into_iter()
        .find(|d| d["expectation"] == "education-plan")
        .expect("education-plan is uncovered");
    assert!(note["notes"][0].as_str().unwrap().contains("current level `socialbakers/L4` already asks this"));
    let new_only = check_json("vsa-from-l4.md", &["--new-only"]);
    let (all, new) = (uncovered(&p), uncovered(&new_only));
    assert!(!new.contains(&"education-plan".to_owned()));
    assert_eq!(all.len(), new.len() + 1);
}

#[test]
fn explain_lists_the_difference_between_two_levels() {
    let out = support::promolint(support::repo_root())
        .args(["explain", "socialbakers/L4..value-stream-architect"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("scope: cross-team -> organisation"), "{text}");
    assert!(text.contains("New at value-stream-architect (26 of 27):"), "{text}");
    assert!(text.contains("  + technical-vision"), "{text}");
    assert!(text.contains("  = education-plan"), "{text}");
    let bad =
        support::promolint(support::repo_root()).args(["explain", "socialbakers/L4..L9"]).output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("has no level `L9`"));
}

#[test]
fn rules_import_proposes_the_level_scope_from_the_ladder_words() {
    let out = support::promolint(support::repo_root())
        .args([
            "rules",
            "import",
            "fixtures/ladders/unnamed-senior-engineer.md",
            "--ladder",
            "acme",
            "--level",
            "senior",
        ])
        .output()
        .expect("runs");
    let yaml = String::from_utf8_lossy(&out.stdout);
    assert!(yaml.contains("scope:\n  level: cross-team\n  words:\n  - cross-team\n"), "{yaml}");
}

#[test]
fn every_builtin_level_states_its_scope() {
    for (ladder, target, scope) in [
        ("generic", "senior", "cross-team"),
        ("joe-and-the-juice", "IC4", "team"),
        ("meetup", "principal-platform-architect", "organisation"),
        ("socialbakers", "L4", "cross-team"),
        ("socialbakers", "value-stream-architect", "organisation"),
    ] {
        let p = check_json("senior-cross-team.md", &["--ladder", ladder, "--target", target]);
        assert_eq!(p["scope"], scope, "{ladder}/{target}");
    }
}

#[test]
fn summary_gives_the_share_of_claims_at_the_level_scope() {
    let s = json(&["summary", "fixtures/scope/meetup-one-team.md", "--format", "json"]);
    let share = &s["packets"][0]["level_scope"];
    assert_eq!(share["scope"], "organisation");
    assert_eq!((share["at_or_above"].as_u64(), share["claims"].as_u64()), (Some(1), Some(3)), "{share}");
    let out = support::promolint(support::repo_root())
        .args(["summary", "fixtures/scope/meetup-one-team.md", "--format", "markdown"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("| 1/3 (33%) |"));
}

#[test]
fn every_builtin_scope_word_compiles() {
    let mut sources = promolint::source::Sources::new();
    let (rules, problems) =
        promolint::rules::load(&[] as &[std::path::PathBuf], true, &mut sources).expect("built-in rules");
    assert!(problems.is_empty());
    let words = rules.scope.for_ladder("socialbakers");
    let all: Vec<&String> =
        words.scale.iter().flatten().chain(&words.own_work).chain(&words.not_work).collect();
    assert!(!words.not_work.is_empty(), "the shared not-work words are loaded");
    assert!(all.len() > 50, "the shared and Socialbakers words are loaded");
    for p in all {
        promolint::rules::validate::compile_pattern(p).unwrap_or_else(|e| panic!("{p}: {e}"));
    }
}

/// In a report of the candidate's own work (here half its claims are told
/// from an action verb), an item that says nothing of who took part (a bare
/// package name) is their own work too, by default: shown as `from:
/// packet`, with no words, and never linted. A question stays `unknown`. In
/// a packet that tells little as own work, whether of all its claims or of
/// those that say who took part, the same items stay `unknown`; in one that
/// tells nearly everything it says of who took part as own work, they are
/// `own` however many silent items it lists.
#[test]
fn a_report_of_own_work_lends_its_silent_items_own_scope_by_default() {
    let p = check_json("own-report.md", &[]);
    let claims = p["claims"].as_array().expect("claims");
    let scope = |line: u64| &claims.iter().find(|c| c["line"] == line).expect("claim")["scope"];
    assert_eq!((scope(8)["value"].as_str(), scope(8)["from"].as_str()), (Some("own"), Some("own-work")));
    for line in [10, 11] {
        assert_eq!(
            (scope(line)["value"].as_str(), scope(line)["from"].as_str()),
            (Some("own"), Some("packet"))
        );
        assert!(scope(line).get("words").is_none(), "{}", scope(line));
    }
    assert_eq!(scope(13)["value"], "unknown");
    // Linted where own-work words decide, never at a default.
    let linted: Vec<u64> =
        diagnostics(&p, "scope-below-level").iter().map(|d| d["line"].as_u64().unwrap()).collect();
    assert!(!linted.is_empty() && linted.iter().all(|l| ![10, 11].contains(l)), "{linted:?}");

    let dir = tempfile::tempdir().expect("temp dir");
    let scopes = |name: &str, items: &str| -> Vec<String> {
        let packet = format!("---\nladder: generic\ntarget: senior\n---\n## Packages\n\n{items}");
        std::fs::write(dir.path().join(name), packet).expect("write");
        let out =
            support::promolint(dir.path()).args(["check", name, "--format", "json"]).output().expect("runs");
        let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
        let claims = v["packets"][0]["claims"].as_array().expect("claims").clone();
        claims.iter().map(|c| c["scope"]["value"].as_str().unwrap().to_owned()).collect()
    };
    let packages = "- NNlib.jl\n- Metalhead.jl\n- Flux.jl\n- Implemented the convolution layers.\n";
    // One claim in five is own work, and one of the two that say who took
    // part: the packages stay unknown.
    let few = scopes("few.md", &format!("{packages}- Planned the release with my team.\n"));
    assert_eq!(few, ["unknown", "unknown", "unknown", "own", "team"]);
    // One claim in four is own work, but it is all the packet says of who
    // took part: the packages are the candidate's too.
    let only_own = scopes("only-own.md", packages);
    assert_eq!(only_own, ["own", "own", "own", "own"]);
}
