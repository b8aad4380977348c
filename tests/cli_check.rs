//! `promolint check` where a test needs logic: the JSON contract checked on
//! every fixture packet, the short format agreeing with JSON, colour (ANSI
//! escapes, a real terminal) and the same output on repeated runs. The cases
//! (these arguments in this folder give this output and exit code) are data in
//! `tests/cmd/check/`, run by `tests/cli_cases.rs`.
//!
//! The tests lint the packets of those cases (`tests/cmd/acme.in/`) in a
//! scratch folder with its two-expectation ladder (`acme/senior`), passed
//! with `--rules rules`.

use std::path::Path;

use serde_json::Value;
use tempfile::TempDir;

mod support;
use support::workspace::Workspace;

/// Covers both expectations of `acme/senior`, with evidence: no diagnostic at all.
const GOOD: &str = include_str!("cmd/acme.in/good.md");

/// Covers `mentoring` only: `incidents` is uncovered (an error).
const UNCOVERED: &str = include_str!("cmd/acme.in/uncovered.md");

/// Has warnings of several codes and one uncovered expectation.
const NOISY: &str = include_str!("cmd/acme.in/noisy.md");

fn stdout_of(mut cmd: impl std::borrow::BorrowMut<assert_cmd::Command>) -> String {
    String::from_utf8(cmd.borrow_mut().output().expect("run promolint").stdout).expect("UTF-8 stdout")
}

fn packets(json: &Value) -> &Vec<Value> {
    json["packets"].as_array().expect("packets is an array")
}

fn codes(packet: &Value) -> Vec<(String, String)> {
    packet["diagnostics"]
        .as_array()
        .expect("diagnostics is an array")
        .iter()
        .map(|d| (d["code"].as_str().unwrap().to_owned(), d["severity"].as_str().unwrap().to_owned()))
        .collect()
}

fn has_code(packet: &Value, code: &str) -> bool {
    codes(packet).iter().any(|(c, _)| c == code)
}

fn is_ansi_free(s: &str) -> bool {
    !s.contains('\u{1b}')
}

// ---------------------------------------------------------------- formats

#[test]
fn short_format_lines_agree_with_json_diagnostics() {
    let ws = Workspace::acme();
    ws.write("p.md", NOISY);
    let out = stdout_of(ws.check(&["--format", "short", "p.md"]));
    let (json, _) = ws.json(&["p.md"]);
    let expected: Vec<String> = packets(&json)[0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            format!(
                "p.md:{}:{}: {}[{}]: {}",
                d["line"],
                d["column"],
                d["severity"].as_str().unwrap(),
                d["code"].as_str().unwrap(),
                d["message"].as_str().unwrap()
            )
        })
        .collect();
    let actual: Vec<&str> = out.lines().filter(|l| !l.contains(": coverage of ")).collect();
    assert_eq!(actual, expected);
}

/// Checks one `check --format json` output against the DESIGN.md contract.
fn assert_json_contract(json: &Value) {
    assert_eq!(json["version"], 1, "version");
    assert!(json["errors"].is_array(), "errors is an array");
    for p in packets(json) {
        let path = p["path"].as_str().expect("path is a string");
        for key in ["candidate", "ladder", "level"] {
            assert!(p[key].is_string() || p[key].is_null(), "{path}: {key}");
        }
        let expectations = p["expectations"].as_array().expect("expectations");
        let claims = p["claims"].as_array().expect("claims");
        let diagnostics = p["diagnostics"].as_array().expect("diagnostics");
        if !p["coverage"].is_null() {
            let c = &p["coverage"];
            let count = |status: &str| expectations.iter().filter(|e| e["status"] == status).count() as u64;
            assert_eq!(c["total"].as_u64(), Some(expectations.len() as u64), "{path}: total");
            for status in ["covered", "weak", "uncovered"] {
                assert_eq!(c[status].as_u64(), Some(count(status)), "{path}: {status}");
            }
        }
        for e in expectations {
            for key in ["id", "area", "text"] {
                assert!(e[key].is_string(), "{path}: expectation {key}");
            }
            let status = e["status"].as_str().expect("status");
            assert!(["covered", "weak", "uncovered", "waived"].contains(&status), "{path}: {status}");
            let refs = e["claims"].as_array().expect("expectation claims");
            for r in refs {
                assert!(r["line"].as_u64().unwrap() <= r["end_line"].as_u64().unwrap(), "{path}: {r}");
                assert!(r["evidence"].is_array(), "{path}: {r}");
            }
            let with_evidence = refs.iter().any(|r| !r["evidence"].as_array().unwrap().is_empty());
            match status {
                "covered" => assert!(with_evidence, "{path}: covered without evidence: {e}"),
                "weak" => assert!(!refs.is_empty() && !with_evidence, "{path}: weak: {e}"),
                _ => assert!(refs.is_empty(), "{path}: {status} with claims: {e}"),
            }
        }
        let mut previous = 0;
        for c in claims {
            let line = c["line"].as_u64().expect("claim line");
            assert!(line >= previous, "{path}: claims out of document order");
            previous = line;
            assert!(line <= c["end_line"].as_u64().unwrap(), "{path}: {c}");
            assert!(c["text"].is_string() && c["evidence"].is_array(), "{path}: {c}");
            for m in c["expectations"].as_array().expect("claim expectations") {
                assert!(m["id"].is_string(), "{path}: {m}");
                let score = m["score"].as_f64().expect("score");
                assert!((0.0..=1.0).contains(&score), "{path}: score {score}");
                let via = m["via"].as_str().expect("via");
                assert!(["explicit", "pattern", "text"].contains(&via), "{path}: via {via}");
            }
        }
        let mut previous = (0, 0);
        for d in diagnostics {
            let at = (d["line"].as_u64().expect("line"), d["column"].as_u64().expect("column"));
            assert!(at >= previous, "{path}: diagnostics out of document order at {d}");
            previous = at;
            assert!(d["end_line"].as_u64().is_some() && d["end_column"].as_u64().is_some(), "{d}");
            assert!(d["code"].is_string() && d["message"].is_string(), "{d}");
            assert!(d["help"].is_string() || d["help"].is_null(), "{d}");
            let severity = d["severity"].as_str().expect("severity");
            assert!(["error", "warning", "note"].contains(&severity), "{d}");
        }
    }
    for e in json["errors"].as_array().unwrap() {
        assert!(e["path"].is_string() && e["message"].is_string(), "{e}");
    }
}

#[test]
fn json_format_follows_the_contract() {
    let ws = Workspace::acme();
    ws.write("good.md", GOOD);
    ws.write("noisy.md", NOISY);
    let (json, code) = ws.json(&["good.md", "noisy.md"]);
    assert_eq!(code, 1);
    assert_json_contract(&json);
    let p = packets(&json);
    assert_eq!(p.len(), 2);
    assert_eq!(p[0]["path"], "good.md");
    assert_eq!(p[0]["candidate"], "Ada Lovelace");
    assert_eq!((p[0]["ladder"].as_str(), p[0]["level"].as_str()), (Some("acme"), Some("senior")));
    assert_eq!(p[0]["coverage"]["total"], 2);
    assert_eq!(p[0]["coverage"]["covered"], 2);
    assert_eq!(p[0]["claims"].as_array().unwrap().len(), 2);
    assert_eq!(p[0]["claims"][0]["line"], 8);
    assert_eq!(p[0]["claims"][0]["expectations"][0]["id"], "mentoring");
    assert_eq!(p[0]["expectations"][1]["claims"][0]["line"], 9);
    assert!(p[0]["diagnostics"].as_array().unwrap().is_empty());
    assert_eq!(p[1]["path"], "noisy.md");
    assert!(p[1]["candidate"].is_null());
    assert!(has_code(&p[1], "vague-claim"));
}

#[test]
fn json_format_follows_the_contract_on_every_fixture_packet() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/packets");
    let elsewhere = TempDir::new().unwrap();
    let out = support::promolint(elsewhere.path())
        .args(["check", "--format", "json"])
        .arg(&fixtures)
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_json_contract(&json);
    assert_eq!(packets(&json).len(), 10);
    // The exit code is 1 exactly when some packet has an error.
    let errors = packets(&json).iter().flat_map(codes).filter(|(_, s)| s == "error").count();
    assert_eq!(out.status.code(), Some(i32::from(errors > 0)), "{errors} errors");
}

// ---------------------------------------------------------------- colour

#[test]
fn color_always_emits_ansi_escapes_in_human_output() {
    let ws = Workspace::acme();
    ws.write("p.md", UNCOVERED);
    let out = stdout_of(ws.check(&["--color", "always", "p.md"]));
    assert!(out.contains("\u{1b}["), "{out}");
    // Colour adds escapes and changes nothing else.
    let sgr = regex::Regex::new("\u{1b}\\[[0-9;]*m").unwrap();
    let plain = stdout_of(ws.check(&["--color", "never", "p.md"]));
    assert_eq!(sgr.replace_all(&out, ""), plain);
}

/// Runs `promolint ARGS` under a pseudo-terminal with `script` (util-linux;
/// Debian's essential bsdutils package) and returns what the terminal showed.
/// Fails the test when `script` is missing.
#[cfg(target_os = "linux")]
fn on_terminal(ws: &Workspace, args: &str, no_color: Option<&str>) -> String {
    let bin = env!("CARGO_BIN_EXE_promolint");
    let mut cmd = std::process::Command::new("script");
    cmd.args(["-qec", &format!("'{bin}' {args}"), "/dev/null"]).current_dir(ws.path()).env_remove("NO_COLOR");
    if let Some(v) = no_color {
        cmd.env("NO_COLOR", v);
    }
    let out = cmd.output().expect("`script` (util-linux, Debian package bsdutils) runs");
    // `script -e` exits with the command's code: 1, for the uncovered expectation.
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[cfg(target_os = "linux")]
#[test]
fn color_auto_colours_a_terminal_unless_no_color_is_set() {
    let ws = Workspace::acme();
    ws.write("p.md", UNCOVERED);
    let args = "check --rules rules --color auto p.md";
    let coloured = on_terminal(&ws, args, None);
    assert!(coloured.contains("\u{1b}["), "no colour on a terminal: {coloured}");
    let plain = on_terminal(&ws, args, Some("1"));
    assert!(plain.contains("error[uncovered-expectation]"), "{plain}");
    assert!(is_ansi_free(&plain), "NO_COLOR=1 still coloured: {plain}");
}

// ---------------------------------------------------------------- files and folders

#[test]
fn output_is_the_same_on_every_run_and_sorted_by_path_within_folders() {
    let ws = Workspace::acme();
    for name in ["m.md", "b.md", "k/x.md", "a.md", "z.md", "k/a.md"] {
        ws.write(&format!("packets/{name}"), UNCOVERED);
    }
    let first = stdout_of(ws.check(&["--format", "short", "packets"]));
    for _ in 0..3 {
        assert_eq!(stdout_of(ws.check(&["--format", "short", "packets"])), first);
    }
    let order: Vec<&str> = first
        .lines()
        .filter(|l| l.contains(": coverage of "))
        .map(|l| l.split(": ").next().unwrap())
        .collect();
    let sep = std::path::MAIN_SEPARATOR;
    let expected: Vec<String> = ["a.md", "b.md", "k/a.md", "k/x.md", "m.md", "z.md"]
        .iter()
        .map(|n| format!("packets{sep}{}", n.replace('/', &sep.to_string())))
        .collect();
    assert_eq!(order, expected);
}
