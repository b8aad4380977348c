//! `rules import` of the ladders companies publish finds every expectation:
//! for each source, the number of expectations per level is counted here
//! with a plain scan of the source's lines (a code path that shares nothing
//! with the importer: no Markdown, HTML, YAML or CSV parser), and compared
//! with what the imported rule files hold once loaded as `--rules` would
//! load them. Then a packet is linted against one level of each, through
//! `extends` where the ladder has it, and its coverage total is the count.
//!
//! Sources: FT's engineering progression (YAML), Sourcegraph's framework
//! (Markdown, `--level ic4`), Sourcegraph's behaviours (HTML tables in
//! Markdown), a spreadsheet export (CSV) and a Monzo-style framework
//! (Markdown with YAML front matter).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use promolint::source::Sources;

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(path)
}

fn read(path: &str) -> String {
    std::fs::read_to_string(fixture(path)).unwrap()
}

type Counts = BTreeMap<String, usize>;

/// FT: one competency per `    level: ID` line under `competencies:`.
fn ft_counts() -> Counts {
    let text = read("corpus/B/ft-engineering-progression-engineering.yml");
    let competencies = &text[text.find("\ncompetencies:").unwrap()..];
    let mut counts = Counts::new();
    for line in competencies.lines() {
        if let Some(level) = line.strip_prefix("    level: ") {
            *counts.entry(level.trim().to_owned()).or_default() += 1;
        }
    }
    counts
}

/// Sourcegraph's framework, the `## IC4` section: every `- ` line but the
/// bare labels (`- Scope:`).
fn sourcegraph_ic4_count() -> usize {
    let text = read("corpus/B/sourcegraph-eng-career-framework-2024.md");
    let start = text.find("\n## IC4\n").unwrap() + 1;
    let end = start + 1 + text[start + 1..].find("\n## ").unwrap();
    text[start..end]
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("- "))
        .filter(|l| !(l.ends_with(':') && l.split_whitespace().count() <= 3))
        .count()
}

/// Sourcegraph's behaviours: per `<!-- ICn -->` block, the `<li>` of its
/// first three `behaviors` cells (the fourth holds notes).
fn behaviour_counts() -> Counts {
    let text = read("corpus/B/sourcegraph-eng-career-framework-ic1-ic5-behaviors.md");
    let mut counts = Counts::new();
    for n in 1..=5 {
        let marker = format!("<!-- IC{n} -->");
        let start = text.find(&marker).unwrap();
        let end = start + marker.len() + text[start + marker.len()..].find("<!--").unwrap();
        let cells: usize = text[start..end]
            .split("<td class=\"behaviors\">")
            .skip(1)
            .take(3)
            .map(|cell| cell[..cell.find("</td>").unwrap()].matches("<li>").count())
            .sum();
        counts.insert(format!("ic{n}"), cells);
    }
    counts
}

/// The CSV export: one row per `L<n>,` line.
fn csv_counts() -> Counts {
    let mut counts = Counts::new();
    for line in read("import/csv/ladder.csv").lines().skip(1) {
        if let Some((level, _)) = line.split_once(',')
            && level.len() == 2
            && level.starts_with('L')
        {
            *counts.entry(level.to_lowercase()).or_default() += 1;
        }
    }
    counts
}

/// Monzo-style front matter: under each `- level: N`, one expectation per
/// criterion (`- "..."` at ten spaces) and per `- criteria:` line.
fn monzo_counts() -> Counts {
    let text = read("import/monzo/backend.md");
    let mut counts = Counts::new();
    let mut level = String::new();
    for line in text.lines().skip(1).take_while(|l| *l != "---") {
        if let Some(n) = line.trim().strip_prefix("- level: ") {
            level = format!("level-{n}");
            counts.entry(level.clone()).or_default();
        } else if line.starts_with("          - \"") || line.starts_with("          - criteria:") {
            *counts.get_mut(&level).unwrap() += 1;
        }
    }
    counts
}

/// Runs `rules import` with `args` into a scratch folder (`{out}` in the
/// args), loads the folder as `--rules` would, and returns it with each
/// level's own expectations (inherited ones left out).
fn import(args: &[&str]) -> (tempfile::TempDir, Counts) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("rules");
    std::fs::create_dir(&out).unwrap();
    let out_s = out.display().to_string();
    let args: Vec<String> = args.iter().map(|a| a.replace("{out}", &out_s)).collect();
    Command::cargo_bin("promolint").unwrap().arg("rules").arg("import").args(&args).assert().success();
    let mut sources = Sources::new();
    let (rules, problems) = promolint::rules::load(&[&out], false, &mut sources).unwrap();
    assert!(problems.is_empty(), "the imported files do not load: {problems:?}");
    let counts = rules
        .levels()
        .map(|l| (l.id.clone(), l.expectations.iter().filter(|e| e.inherited_from.is_none()).count()))
        .collect();
    (dir, counts)
}

/// Lints a packet against `ladder`/`level` of the folder `rules`; returns its coverage total.
fn lint(rules: &Path, ladder: &str, level: &str) -> u64 {
    let packet = rules.parent().unwrap().join("packet.md");
    std::fs::write(
        &packet,
        format!(
            "---\ncandidate: Ada\nladder: {ladder}\ntarget: {level}\n---\n# Packet\n\n- Mentored two engineers through their first project ([notes](https://example.com/n)).\n- Led the design of the billing service, cutting latency by 40%.\n"
        ),
    )
    .unwrap();
    let output = Command::cargo_bin("promolint")
        .unwrap()
        .arg("--rules")
        .arg(rules)
        .args(["check", "--format", "json"])
        .arg(&packet)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let packet = &json["packets"][0];
    // Exit 1 exactly when some diagnostic is an error (an imported level
    // leaves most expectations uncovered by this short packet).
    let errors = packet["diagnostics"].as_array().unwrap().iter().any(|d| d["severity"] == "error");
    assert_eq!(output.status.code(), Some(i32::from(errors)), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(packet["diagnostics"].as_array().unwrap().iter().all(|d| d["code"] != "unknown-level"));
    packet["coverage"]["total"].as_u64().unwrap()
}

#[test]
fn ft_yaml_every_level() {
    let expected = ft_counts();
    assert_eq!(expected.len(), 8);
    let src = fixture("corpus/B/ft-engineering-progression-engineering.yml");
    let (dir, got) = import(&[src.to_str().unwrap(), "--ladder", "ft", "--all-levels", "-o", "{out}"]);
    assert_eq!(got, expected);
    assert_eq!(lint(&dir.path().join("rules"), "ft", "senior-1"), expected["senior-1"] as u64);
}

#[test]
fn ft_yaml_one_level() {
    let src = fixture("corpus/B/ft-engineering-progression-engineering.yml");
    let (dir, got) =
        import(&[src.to_str().unwrap(), "--ladder", "ft", "--level", "principal-ic", "-o", "{out}/p.yaml"]);
    assert_eq!(got, Counts::from([("principal-ic".to_owned(), ft_counts()["principal-ic"])]));
    assert_eq!(lint(&dir.path().join("rules"), "ft", "principal-ic"), 9);
}

#[test]
fn sourcegraph_framework_level_ic4() {
    let expected = sourcegraph_ic4_count();
    assert_eq!(expected, 8);
    let src = fixture("corpus/B/sourcegraph-eng-career-framework-2024.md");
    let (dir, got) =
        import(&[src.to_str().unwrap(), "--ladder", "sg", "--level", "ic4", "-o", "{out}/ic4.yaml"]);
    assert_eq!(got, Counts::from([("ic4".to_owned(), expected)]));
    assert_eq!(lint(&dir.path().join("rules"), "sg", "IC4"), expected as u64);
}

#[test]
fn sourcegraph_behaviours_html_tables() {
    let expected = behaviour_counts();
    let src = fixture("corpus/B/sourcegraph-eng-career-framework-ic1-ic5-behaviors.md");
    let (dir, got) = import(&[src.to_str().unwrap(), "--ladder", "sg", "--all-levels", "-o", "{out}"]);
    let ic: Counts = got.into_iter().filter(|(id, _)| id.starts_with("ic")).collect();
    assert_eq!(ic, expected);
    // The ladder says each level builds on the previous one: ic4 extends ic3, ic3 ic2, ...
    let chain: usize = (1..=4).map(|n| expected[&format!("ic{n}")]).sum();
    assert_eq!(lint(&dir.path().join("rules"), "sg", "ic4"), chain as u64);
}

#[test]
fn csv_export() {
    let expected = csv_counts();
    let src = fixture("import/csv/ladder.csv");
    let (dir, got) = import(&[src.to_str().unwrap(), "--ladder", "sheet", "--all-levels", "-o", "{out}"]);
    assert_eq!(got, expected);
    assert_eq!(lint(&dir.path().join("rules"), "sheet", "L2"), expected["l2"] as u64);
}

#[test]
fn monzo_front_matter() {
    let expected = monzo_counts();
    assert_eq!(expected.len(), 3);
    let src = fixture("import/monzo/backend.md");
    let (dir, got) = import(&[src.to_str().unwrap(), "--ladder", "monzo", "--all-levels", "-o", "{out}"]);
    assert_eq!(got, expected);
    assert_eq!(lint(&dir.path().join("rules"), "monzo", "level-3"), expected["level-3"] as u64);
}
