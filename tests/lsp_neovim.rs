//! `promolint lsp` with a real editor: Neovim, headless, with its built-in
//! LSP client, driven by `tests/nvim/lsp.lua`. The session opens a packet
//! and must receive the same diagnostics as `check`, a hover, a completion
//! of an expectation id, and a code action that inserts a `covers` comment.
//!
//! Needs `nvim` (Debian's `neovim`, installed by `.ci/run`); the test fails,
//! never skips, when it is missing.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;
use tempfile::TempDir;

mod support;
use support::workspace::{ACME_EDITOR, ACME_EDITOR_PACKET};

fn check_diagnostics(dir: &Path) -> Vec<(u64, u64, String, u64, String)> {
    let out = Command::new(assert_cmd::cargo::cargo_bin("promolint"))
        .args(["check", "--rules", "rules", "--format", "json", "packet.md"])
        .current_dir(dir)
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    json["packets"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let severity = match d["severity"].as_str().unwrap() {
                "error" => 1,
                "warning" => 2,
                _ => 3,
            };
            (
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["code"].as_str().unwrap().to_owned(),
                severity,
                d["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn neovim_gets_diagnostics_hover_completion_and_a_covers_action() {
    let dir = TempDir::new().unwrap();
    std::fs::create_dir_all(dir.path().join("rules/acme")).unwrap();
    std::fs::write(dir.path().join("rules/acme/senior.yaml"), ACME_EDITOR).unwrap();
    std::fs::write(dir.path().join("packet.md"), ACME_EDITOR_PACKET).unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/nvim/lsp.lua");
    let result = dir.path().join("result.json");
    let mut nvim = Command::new("nvim")
        .args(["--headless", "-u", "NONE", "-i", "NONE", "-n", "-c"])
        .arg(format!("luafile {}", script.display()))
        .current_dir(dir.path())
        .env("PROMOLINT", assert_cmd::cargo::cargo_bin("promolint"))
        .env("PACKET", dir.path().join("packet.md"))
        .env("RESULT", &result)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .spawn()
        .expect("nvim runs (Debian package neovim; .ci/run installs it)");
    let deadline = Instant::now() + Duration::from_secs(120);
    let status = loop {
        if let Some(status) = nvim.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = nvim.kill();
            panic!("nvim did not finish in 120 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let text =
        std::fs::read_to_string(&result).unwrap_or_else(|e| panic!("nvim wrote no result ({status}): {e}"));
    let r: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(r["ok"], true, "the Lua script failed: {}", r["error"]);
    assert!(status.success(), "{status}");

    // The same diagnostics as `check`.
    let mut got: Vec<(u64, u64, String, u64, String)> = r["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let message = d["message"].as_str().unwrap().lines().next().unwrap().to_owned();
            (
                d["line"].as_u64().unwrap(),
                d["col"].as_u64().unwrap(),
                d["code"].as_str().unwrap().to_owned(),
                d["severity"].as_u64().unwrap(),
                message,
            )
        })
        .collect();
    let mut expected = check_diagnostics(dir.path());
    got.sort();
    expected.sort();
    assert!(expected.len() >= 3, "{expected:?}");
    assert_eq!(got, expected);

    let hover = r["hover"].as_str().expect("a hover");
    assert!(hover.contains("`incidents` (score"), "{hover}");

    let labels: Vec<&str> = r["completion"].as_array().unwrap().iter().map(|l| l.as_str().unwrap()).collect();
    assert!(labels.contains(&"roadmap"), "completion of an expectation id: {labels:?}");

    let line = r["line_after_action"].as_str().unwrap();
    assert!(
        line.starts_with("- Helped with the incident reviews. <!-- covers: ") && line.ends_with(" -->"),
        "the code action inserted a covers comment: {line}"
    );
    // The editor applied it in its buffer; the server wrote nothing.
    assert_eq!(std::fs::read_to_string(dir.path().join("packet.md")).unwrap(), ACME_EDITOR_PACKET);
}
