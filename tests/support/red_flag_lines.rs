//! The labelled lines of `fixtures/red-flags/` and the red flags promolint
//! finds on them: a set's lines, the lines two readers agree on, and each
//! line's findings as a list item of a packet. Included by path by
//! `tests/red_flag_accuracy.rs`.

use std::collections::BTreeSet;
use std::path::Path;

use assert_cmd::Command;
use serde::Deserialize;
use serde_json::Value;

/// A labelled file: its lines.
#[derive(Debug, Deserialize)]
struct Set {
    lines: Vec<Line>,
}

/// One labelled line: its text, where it comes from, the flags its reader
/// gives it, and whether it is a near miss (a flag's words but not the flag).
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Line {
    pub(crate) text: String,
    #[allow(dead_code)]
    pub(crate) origin: String,
    pub(crate) flags: Vec<String>,
    /// The collector's mark (reader 1); a second reader's file may leave it
    /// out, as held-out-14's does, and is read as `false` then (only reader
    /// 1's lines are scored).
    #[allow(dead_code)]
    #[serde(default)]
    pub(crate) near_miss: bool,
}

/// The lines of `fixtures/red-flags/NAME`.
pub(crate) fn read_set(name: &str) -> Vec<Line> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/red-flags").join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    let set: Set = serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    set.lines
}

/// The lines of a held-out batch in `fixtures/red-flags/DIR/` on which its
/// two readers (`reader-1.yaml`, `reader-2.yaml`, same lines in the same
/// order) give the same flags.
pub(crate) fn agreed(dir: &str, min: usize) -> Vec<Line> {
    let first = read_set(&format!("{dir}/reader-1.yaml"));
    let second = read_set(&format!("{dir}/reader-2.yaml"));
    assert_eq!(first.len(), second.len(), "both readers label every line");
    let flags = |l: &Line| l.flags.iter().cloned().collect::<BTreeSet<String>>();
    let lines: Vec<Line> = first
        .iter()
        .zip(&second)
        .inspect(|(a, b)| assert_eq!(a.text, b.text, "the readers' files list the same lines"))
        .filter(|(a, b)| flags(a) == flags(b))
        .map(|(a, _)| a.clone())
        .collect();
    assert!(lines.len() >= min, "the readers agree on {} of {} lines", lines.len(), first.len());
    println!("{dir}: {} of {} lines where the two readers agree", lines.len(), first.len());
    lines
}

/// The first line of the packet body: line N of the set is on `BODY + N`.
const BODY: usize = 6;

/// For each line of the set, the red-flag findings promolint reports on it
/// in a packet for `ladder/target`: "code" or "red-flag:ID".
#[allow(dead_code)]
pub(crate) fn findings(lines: &[Line], ladder: &str, target: &str) -> Vec<BTreeSet<String>> {
    findings_of(lines, ladder, target, false)
}

/// The text of `line` as the claim of its list item reads.
#[allow(dead_code)]
pub(crate) fn item_text(line: &Line) -> String {
    line.text.trim().trim_start_matches("- ").replace('\n', " ")
}

/// As [`findings`]; with `by_meaning`, run with `--red-flags-by-meaning`.
pub(crate) fn findings_of(
    lines: &[Line],
    ladder: &str,
    target: &str,
    by_meaning: bool,
) -> Vec<BTreeSet<String>> {
    let mut packet = format!("---\nladder: {ladder}\ntarget: {target}\n---\n## Lines\n");
    for line in lines {
        // One line per item; a leading bullet in the text is the item's own.
        packet.push_str(&format!("- {}\n", item_text(line)));
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("lines.md"), packet).unwrap();
    let out = Command::cargo_bin("promolint")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", "lines.md", "--format", "json"])
        .args(by_meaning.then_some("--red-flags-by-meaning"))
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut found = vec![BTreeSet::new(); lines.len()];
    for d in v["packets"][0]["diagnostics"].as_array().unwrap() {
        if d["kind"] != "behaviour" && d["kind"] != "writing" {
            continue;
        }
        let line = d["line"].as_u64().unwrap() as usize;
        let Some(slot) = line.checked_sub(BODY).and_then(|i| found.get_mut(i)) else { continue };
        let code = d["code"].as_str().unwrap();
        slot.insert(match code {
            "red-flag" => format!("red-flag:{}", d["expectation"].as_str().unwrap_or("")),
            other => other.to_owned(),
        });
    }
    found
}
