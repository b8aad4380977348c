//! Red flags read in context: the example lines of issue 16, each against
//! the built-in socialbakers/L4 (whose ladder lists "Crunch time in the team")
//! and generic/senior (no ladder red flags, so the common ones show).

use assert_cmd::Command;
use serde_json::Value;

/// (line, red-flag codes expected on socialbakers/L4, on generic/senior).
const LINES: &[(&str, &[&str], &[&str])] = &[
    ("Made the CI pipeline faster and more reliable (PR #812).", &[], &[]),
    ("Automated the release so nobody has to work weekends.", &[], &[]),
    ("Reduced overtime on the support team by 30%.", &[], &[]),
    (
        "Had to stay late most nights in February because the platform team kept missing their deadlines.",
        &["overwork", "blaming-others"],
        &["overwork", "blaming-others"],
    ),
    ("The QA team dropped the ball on regression testing.", &["blaming-others"], &["blaming-others"]),
    ("I think I've probably become more of a leader on code reviews, maybe.", &["hedging"], &["hedging"]),
    ("Worked on improving the overall quality of our frontend code.", &["vague-claim"], &["vague-claim"]),
    // One person's overwork is `overwork`; the team's crunch is the ladder's
    // `crunch-time`, reported once, and not the candidate's `overwork` on a
    // ladder that lists no crunch.
    ("Worked through the weekend to ship the migration.", &["overwork"], &["overwork"]),
    ("The whole team worked through the weekend to ship the migration.", &["red-flag"], &[]),
    (
        "Nobody else could fix it, so I stayed up until 2am every night that week.",
        &["overwork"],
        &["overwork"],
    ),
    ("Ran Project Crunch, the compaction effort that cut storage costs by 22%.", &[], &[]),
    ("Mentored TBD engineers; filed the TBD items as tickets.", &["placeholder-text"], &["placeholder-text"]),
    ("Design doc: <insert link>", &["placeholder-text"], &["placeholder-text"]),
    ("<!-- TODO: add the retention numbers -->", &["placeholder-text"], &["placeholder-text"]),
    (
        "I guess I helped a bit with the on-call handbook.",
        &["hedging", "vague-claim"],
        &["hedging", "vague-claim"],
    ),
    ("Wrote the `TODO` checker for the packet linter.", &[], &[]),
    ("Our team missed the deadline, so I rebuilt the plan with the PMs.", &[], &[]),
    ("Weekend work dropped to zero after the on-call rotation changed.", &[], &[]),
    // Shapes, not phrases: a time off work where the candidate works, a
    // party and its fault, a vague amount, a template variable, written
    // for this test in wordings the rule files do not list.
    ("Logged 65-hour weeks through most of the autumn to land the SDK.", &["overwork"], &["overwork"]),
    ("Took the 2am pages myself for a month so the new hires could sleep.", &["overwork"], &["overwork"]),
    ("Covered for a colleague on holiday by reviewing her PRs, as we agreed.", &[], &[]),
    ("Moved the weekly sync off Friday evenings so nobody has to stay late.", &[], &[]),
    ("The infra team sat on our access request for six weeks.", &["blaming-others"], &["blaming-others"]),
    ("The vendor's SDK leaked memory; I reported it and they fixed it in 2.3.", &[], &[]),
    ("Played a key role in several strategic initiatives.", &["vague-claim"], &["vague-claim"]),
    ("Owned the rollout to N customers across M regions.", &["placeholder-text"], &["placeholder-text"]),
    ("Set the XX_TIMEOUT env var default to 30s across services.", &[], &[]),
    ("Got the audit pack together in a mad scramble the night before the auditors came.", &["red-flag"], &[]),
    ("Planned the launch so the final week was for polish, not crunch.", &[], &[]),
];

fn flags(ladder: &str, target: &str, line: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let packet = format!("---\nladder: {ladder}\ntarget: {target}\n---\n## Work\n- {line}\n");
    std::fs::write(dir.path().join("p.md"), packet).unwrap();
    let out = Command::cargo_bin("promolint")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", "p.md", "--format", "json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    v["packets"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["kind"] == "behaviour" || d["kind"] == "writing")
        .map(|d| d["code"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn the_issue_lines_get_the_flags_a_reader_expects() {
    let mut wrong = Vec::new();
    for (line, l4, senior) in LINES {
        for (ladder, target, expected) in [("socialbakers", "L4", l4), ("generic", "senior", senior)] {
            let got = flags(ladder, target, line);
            if got != *expected {
                wrong.push(format!("{ladder}/{target}: {line:?}: got {got:?}, expected {expected:?}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
