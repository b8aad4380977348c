//! Hostile input, round two: work that must stay near-linear in the input
//! (suppressions, `extends` chains, pattern sizes, long lines) and terminal
//! output that never passes control characters through. Every run has a
//! timeout; fixtures are generated in a scratch folder.

mod support;

use std::time::{Duration, Instant};

use support::Run;
use support::workspace::Workspace;

fn level(id: &str, extends: Option<&str>, expectations: &str) -> String {
    let extends = extends.map(|b| format!("extends: {b}\n")).unwrap_or_default();
    format!(
        "ladder: acme\nladder-name: Acme\nlevel: {id}\ntitle: {id}\n{extends}expectations:\n{expectations}"
    )
}

#[test]
fn ten_thousand_suppressions_take_seconds_not_minutes() {
    let dir = Workspace::empty();
    let mut packet = String::from("---\nladder: socialbakers\ntarget: L4\n---\n");
    for _ in 0..10_000 {
        packet.push_str("<!-- promolint-disable vague-claim -->\n- helped with things\n");
        packet.push_str(
            "<!-- promolint-disable-next-line placeholder-text -->\n- TODO\n<!-- promolint-enable -->\n",
        );
    }
    dir.write("p.md", &packet);
    let started = Instant::now();
    let Run { code, out, err } = dir.run(&["check", "p.md", "--format", "short"]);
    assert!(started.elapsed() < Duration::from_secs(60), "took {:?}", started.elapsed());
    assert_eq!(code, 1, "{err}");
    assert!(!out.contains("[vague-claim]") && !out.contains("[placeholder-text]"), "all suppressed");
    assert!(!out.contains("unused-suppression"), "every suppression was used");
}

#[test]
fn a_deep_extends_chain_is_one_diagnostic_and_quick() {
    let dir = Workspace::empty();
    for i in 0..3_000 {
        let base = (i > 0).then(|| format!("l{}", i - 1));
        let e = format!("  - id: e{i}\n    area: A\n    text: Expectation {i}\n");
        dir.write(&format!("rules/acme/l{i}.yaml"), level(&format!("l{i}"), base.as_deref(), &e));
    }
    let started = Instant::now();
    let Run { code, out, err } = dir.run(&["rules", "check", "rules", "--format", "short"]);
    assert!(started.elapsed() < Duration::from_secs(60), "took {:?}", started.elapsed());
    assert_eq!(code, 2, "{err}");
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(
        out.contains("l33.yaml:5:10: error[invalid-rule-file]: `extends` chain is more than 32 levels deep"),
        "{out}"
    );
}

#[test]
fn patterns_past_the_budget_are_one_diagnostic_naming_the_file() {
    let dir = Workspace::empty();
    // `\w{20}` compiles to just under the per-pattern limit (about 1 MiB each).
    let e: String = (0..1_000)
        .map(|i| format!("  - id: e{i}\n    area: A\n    text: T {i}\n    patterns: ['\\w{{20}}x{i}']\n"))
        .collect();
    dir.write("rules/acme/big.yaml", level("big", None, &e));
    let Run { code, out, err } = dir.run(&["rules", "check", "rules", "--color", "never"]);
    assert_eq!(code, 2, "{err}");
    assert_eq!(out.matches("error[invalid-pattern]").count(), 1, "{out}");
    assert!(out.contains("this rule file's patterns compile to more than 16 MiB"), "{out}");
    assert!(out.contains("rules/acme/big.yaml:"), "{out}");
}

#[test]
fn snippets_of_a_long_line_are_clipped_around_the_span() {
    let dir = Workspace::empty();
    let mut packet = String::from("---\nladder: generic\ntarget: senior\n---\n- ");
    for _ in 0..2_000 {
        packet.push_str("TODO and some more words here ");
    }
    packet.push('\n');
    dir.write("p.md", &packet);
    let Run { code, out, .. } = dir.run(&["check", "p.md", "--color", "never"]);
    assert!(code == 0 || code == 1);
    let longest = out.lines().map(str::len).max().unwrap_or(0);
    assert!(longest < 1_000, "a line of {longest} bytes was printed");
    assert!(out.len() < 200 * 2_000, "{} bytes of output", out.len());
    assert!(out.contains("p.md:5:3") && out.contains("TODO"), "{}", &out[..out.len().min(2_000)]);
}

#[test]
fn control_characters_are_escaped_in_terminal_output() {
    let dir = Workspace::empty();
    let name = if cfg!(unix) { "evil\u{1b}[2J.md" } else { "evil.md" };
    dir.write(name, "---\nladder: socialbakers\ntarget: L4\ncandidate: \"Eve\\e]0;pwned\\a\"\n---\n- TODO \u{1b}[2K\u{7} done\n");
    for format in ["human", "short"] {
        let Run { code, out, .. } = dir.run(&["check", ".", "--format", format, "--color", "never"]);
        assert_eq!(code, 1, "{format}: {out}");
        assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{format}: {out:?}");
        assert!(out.contains("\\u{1b}"), "{format}: {out}");
    }
    let Run { out, .. } = dir.run(&["summary", ".", "--format", "table", "--color", "always"]);
    assert!(!out.contains("\u{1b}]0;") && !out.contains('\u{7}'), "{out:?}");
    assert!(out.contains("Eve\\u{1b}]0;pwned\\u{7}"), "{out}");
}

/// The human format's per-area checklist of uncovered expectations is a
/// diagnostic like the others: a company ladder's area and expectation text
/// are escaped, and a long front-matter line under its label is clipped.
#[test]
fn the_uncovered_checklist_is_escaped_and_clipped() {
    let dir = Workspace::empty();
    let expectations = "  - id: own-a-service\n    area: \"Deliv\\e[2Jery\"\n    text: \"Owns a service \\e]0;pwned\\a end to end\"\n    patterns: ['\\bservice owner\\b']\n";
    dir.write("rules/acme/senior.yaml", level("senior", None, expectations));
    let comment = "x".repeat(5_000);
    dir.write("p.md", format!("---\nladder: acme\ntarget: senior # {comment}\n---\n- Wrote docs.\n"));
    let Run { code, out, err } = dir.run(&["check", "p.md", "--rules", "rules", "--color", "never"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("no claim covers this expectation (Deliv\\u{1b}[2Jery)"), "{out}");
    assert!(out.contains("[ ] `own-a-service`: Owns a service \\u{1b}]0;pwned\\u{7} end to end"), "{out}");
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
    let longest = out.lines().map(str::len).max().unwrap_or(0);
    assert!(longest < 1_000, "a line of {longest} bytes was printed: {out}");
}
