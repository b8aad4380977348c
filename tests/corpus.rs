//! Real documents and the fixture packets, end to end.
//!
//! Every brag document and career narrative in `fixtures/corpus/A-filled/` (vendored from the project's shared corpus)
//! (written by people outside the project, without promolint front matter) is
//! checked against each of the five built-in levels: promolint must finish
//! with exit code 0 or 1, never panic, print JSON that parses, and point every
//! diagnostic inside the file. The fixture packets come in strong/weak pairs
//! per level; the strong one must score higher.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use assert_cmd::Command;
use serde_json::Value;

mod support;
use support::BUILTIN_LEVELS;

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn markdown_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.expect("folder entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "md" || e == "markdown"))
        .collect();
    files.sort();
    files
}

fn corpus_documents() -> Vec<PathBuf> {
    let files = markdown_files(&manifest_dir().join("fixtures/corpus/A-filled"));
    assert!(!files.is_empty(), "the corpus is empty");
    files
}

/// Runs `check --format json ARGS` and checks what every run must satisfy:
/// no panic, JSON on stdout, exit code 1 exactly when some diagnostic is an
/// error. It runs in an empty folder, so
/// no `promolint.yaml` of the repository applies.
fn check_json(args: &[&std::ffi::OsStr]) -> Value {
    let elsewhere = tempfile::TempDir::new().expect("temp dir");
    let out = Command::cargo_bin("promolint")
        .expect("the promolint binary is built")
        .current_dir(elsewhere.path())
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .expect("run promolint");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "promolint panicked on {args:?}:\n{stderr}");
    let json: Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("not JSON on {args:?}: {e}"));
    // Exit 1 exactly when some diagnostic is an error, else 0.
    let errors = json["packets"]
        .as_array()
        .into_iter()
        .flatten()
        .any(|p| p["diagnostics"].as_array().into_iter().flatten().any(|d| d["severity"] == "error"));
    assert_eq!(out.status.code(), Some(i32::from(errors)), "exit code on {args:?}:\n{stderr}");
    json
}

/// Line lengths in characters, with lines ended as promolint ends them
/// (`\n`, `\r\n` or a lone `\r`).
fn line_lengths(text: &str) -> Vec<usize> {
    let mut lengths = vec![0];
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => lengths.push(0),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                lengths.push(0);
            }
            _ => *lengths.last_mut().unwrap() += 1,
        }
    }
    lengths
}

/// Whether (line, column) is a position in a file with these line lengths;
/// the column may be one past the end of the line (an exclusive end).
fn inside(lengths: &[usize], line: u64, column: u64) -> bool {
    let (line, column) = (line as usize, column as usize);
    line >= 1 && line <= lengths.len() && column >= 1 && column <= lengths[line - 1] + 1
}

/// Checks every corpus document against one level in one run (a run per
/// document would take minutes in a debug build), then each packet.
fn check_corpus_against(ladder: &str, target: &str) {
    let docs = corpus_documents();
    let mut args: Vec<&std::ffi::OsStr> =
        vec!["--ladder".as_ref(), ladder.as_ref(), "--target".as_ref(), target.as_ref()];
    args.extend(docs.iter().map(|d| d.as_os_str()));
    let json = check_json(&args);
    assert_eq!(json["version"], 1);
    assert!(json["errors"].as_array().expect("errors").is_empty(), "{}", json["errors"]);
    let packets = json["packets"].as_array().expect("packets");
    assert_eq!(packets.len(), docs.len(), "one packet per document");
    for (doc, p) in docs.iter().zip(packets) {
        let name = doc.display();
        assert_eq!(p["path"].as_str(), Some(doc.display().to_string().as_str()), "packets in input order");
        let text = fs::read_to_string(doc).expect("corpus documents are UTF-8");
        let lengths = line_lengths(&text);
        assert_eq!(p["ladder"], ladder, "{name}");
        assert_eq!(p["level"], target, "{name}");
        assert!(p["coverage"].is_object(), "{name}: no coverage");
        for d in p["diagnostics"].as_array().expect("diagnostics") {
            let start = (d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap());
            let end = (d["end_line"].as_u64().unwrap(), d["end_column"].as_u64().unwrap());
            assert!(inside(&lengths, start.0, start.1), "{name}: start outside the file: {d}");
            assert!(inside(&lengths, end.0, end.1), "{name}: end outside the file: {d}");
            assert!(start <= end, "{name}: end before start: {d}");
        }
        for c in p["claims"].as_array().expect("claims") {
            let (line, end_line) = (c["line"].as_u64().unwrap(), c["end_line"].as_u64().unwrap());
            assert!(line >= 1 && line <= end_line && end_line as usize <= lengths.len(), "{name}: {c}");
        }
    }
}

#[test]
fn corpus_checks_cleanly_against_generic_senior() {
    check_corpus_against("generic", "senior");
}

#[test]
fn corpus_checks_cleanly_against_joe_and_the_juice_ic4() {
    check_corpus_against("joe-and-the-juice", "IC4");
}

#[test]
fn corpus_checks_cleanly_against_meetup_principal_platform_architect() {
    check_corpus_against("meetup", "principal-platform-architect");
}

#[test]
fn corpus_checks_cleanly_against_socialbakers_l4() {
    check_corpus_against("socialbakers", "L4");
}

#[test]
fn corpus_checks_cleanly_against_socialbakers_value_stream_architect() {
    check_corpus_against("socialbakers", "value-stream-architect");
}

#[test]
fn corpus_levels_cover_every_built_in_level() {
    let out =
        Command::cargo_bin("promolint").unwrap().args(["ladders", "--format", "json"]).output().unwrap();
    let rows: Value = serde_json::from_slice(&out.stdout).expect("ladders JSON");
    let builtin: Vec<(String, String)> = rows
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["builtin"] == true)
        .map(|r| (r["ladder"].as_str().unwrap().to_owned(), r["level"].as_str().unwrap().to_owned()))
        .collect();
    for (ladder, level) in &builtin {
        assert!(
            BUILTIN_LEVELS.contains(&(ladder.as_str(), level.as_str())),
            "{ladder}/{level} is not checked here"
        );
    }
}

// ---------------------------------------------------------------- fixture packets

/// `fixtures/packets/*.md`, checked in one run shared by the tests below:
/// file name → packet JSON.
fn fixture_packets() -> &'static [(String, Value)] {
    static PACKETS: OnceLock<Vec<(String, Value)>> = OnceLock::new();
    PACKETS.get_or_init(check_fixture_packets)
}

fn check_fixture_packets() -> Vec<(String, Value)> {
    let dir = manifest_dir().join("fixtures/packets");
    let json = check_json(&[dir.as_os_str()]);
    assert!(json["errors"].as_array().unwrap().is_empty(), "{json}");
    let packets: Vec<(String, Value)> = json["packets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let path = Path::new(p["path"].as_str().unwrap());
            (path.file_name().unwrap().to_string_lossy().into_owned(), p.clone())
        })
        .collect();
    assert_eq!(packets.len(), markdown_files(&dir).len(), "every fixture packet is linted");
    packets
}

fn percent(p: &Value) -> f64 {
    let c = &p["coverage"];
    let total = c["total"].as_u64().unwrap() - c["waived"].as_u64().unwrap_or(0);
    c["covered"].as_u64().unwrap() as f64 * 100.0 / total as f64
}

/// The `*-strong.md` / `*-weak.md` pairs.
fn pairs(packets: &[(String, Value)]) -> Vec<(&Value, &Value, String)> {
    let mut out = Vec::new();
    for (name, strong) in packets {
        let Some(stem) = name.strip_suffix("-strong.md") else { continue };
        let weak_name = format!("{stem}-weak.md");
        let weak = packets
            .iter()
            .find(|(n, _)| *n == weak_name)
            .map(|(_, p)| p)
            .unwrap_or_else(|| panic!("{name} has no {weak_name}"));
        out.push((strong, weak, stem.to_owned()));
    }
    assert!(!out.is_empty(), "no strong/weak pairs");
    out
}

#[test]
fn fixture_pairs_are_checked_against_the_same_level() {
    let packets = fixture_packets();
    for (strong, weak, stem) in pairs(packets) {
        assert!(strong["coverage"].is_object(), "{stem}-strong has no level");
        assert_eq!((&strong["ladder"], &strong["level"]), (&weak["ladder"], &weak["level"]), "{stem}");
    }
}

#[test]
fn strong_fixture_packets_have_higher_coverage_than_weak_ones() {
    let packets = fixture_packets();
    for (strong, weak, stem) in pairs(packets) {
        let (s, w) = (percent(strong), percent(weak));
        assert!(s > w, "{stem}: strong {s:.1}% is not above weak {w:.1}%");
    }
}

#[test]
fn weak_fixture_packets_show_vague_placeholder_or_unevidenced_claims() {
    let packets = fixture_packets();
    for (_, weak, stem) in pairs(packets) {
        let codes: Vec<&str> =
            weak["diagnostics"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap()).collect();
        assert!(
            codes.iter().any(|c| ["vague-claim", "placeholder-text", "claim-without-evidence"].contains(c)),
            "{stem}-weak: {codes:?}"
        );
    }
}

#[test]
fn every_fixture_diagnostic_lies_inside_its_file() {
    let dir = manifest_dir().join("fixtures/packets");
    for (name, p) in fixture_packets() {
        let text = fs::read_to_string(dir.join(name)).unwrap();
        let lengths = line_lengths(&text);
        for d in p["diagnostics"].as_array().unwrap() {
            let (l, c) = (d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap());
            let (el, ec) = (d["end_line"].as_u64().unwrap(), d["end_column"].as_u64().unwrap());
            assert!(inside(&lengths, l, c) && inside(&lengths, el, ec), "{name}: {d}");
        }
    }
}
