//! Hostile and broken input: each bad file gets a clear diagnostic naming
//! the file and the problem, the other files are still linted, and the exit
//! code says what happened. Nothing here may panic or hang.

use std::path::Path;

use serde_json::Value;

mod support;
use support::Run;
use support::workspace::{L4_PACKET as GOOD, Workspace};

fn error_for<'a>(report: &'a Value, name: &str) -> &'a Value {
    report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["path"].as_str().unwrap().ends_with(name))
        .unwrap_or_else(|| panic!("no error for {name}: {report}"))
}

fn packet<'a>(report: &'a Value, name: &str) -> &'a Value {
    report["packets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["path"].as_str().unwrap().ends_with(name))
        .unwrap_or_else(|| panic!("no packet {name}: {report}"))
}

fn codes(p: &Value) -> Vec<String> {
    p["diagnostics"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn invalid_utf8_names_the_byte_offset_and_the_rest_is_linted() {
    let dir = Workspace::empty();
    let mut bad = GOOD.as_bytes().to_vec();
    bad.splice(10..10, [0xC3, 0x28]);
    dir.write("bad.md", bad);
    dir.write("good.md", GOOD);
    let (report, code) = dir.json(&["."]);
    assert_eq!(code, 1);
    let e = error_for(&report, "bad.md");
    assert!(e["message"].as_str().unwrap().contains("not valid UTF-8"), "{e}");
    assert_eq!(e["code"], "unreadable-file");
    let Run { out, .. } = dir.run(&["check", "bad.md", "--color", "never"]);
    assert!(out.contains("first bad byte at offset 10"), "{out}");
    assert!(packet(&report, "good.md")["coverage"].is_object());
}

#[test]
fn boms_utf16_and_line_endings_keep_positions_right() {
    let dir = Workspace::empty();
    let todo = "---\nladder: socialbakers\ntarget: L4\n---\n\n- TODO finish this\n";
    dir.write("bom.md", [b"\xEF\xBB\xBF".as_slice(), todo.as_bytes()].concat());
    let utf16: Vec<u8> =
        [0xFF, 0xFE].into_iter().chain(todo.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    dir.write("utf16.md", utf16);
    dir.write("crlf.md", todo.replace('\n', "\r\n"));
    dir.write("cr.md", todo.replace('\n', "\r"));
    let (report, _) = dir.json(&["bom.md", "utf16.md", "crlf.md", "cr.md"]);
    for name in ["bom.md", "utf16.md", "crlf.md", "cr.md"] {
        let p = packet(&report, name);
        let d = p["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["code"] == "placeholder-text")
            .unwrap_or_else(|| panic!("{name}: {p}"));
        assert_eq!((d["line"].as_u64(), d["column"].as_u64()), (Some(6), Some(3)), "{name}");
    }
}

#[test]
fn binary_files_are_skipped_with_a_diagnostic() {
    let dir = Workspace::empty();
    dir.write("blob.md", b"---\nladder: x\n---\n\x00\x01\x02binary");
    dir.write("good.md", GOOD);
    let (report, _) = dir.json(&["."]);
    let e = error_for(&report, "blob.md");
    assert!(e["message"].as_str().unwrap().contains("binary file (NUL byte at offset"), "{e}");
    packet(&report, "good.md");
}

#[test]
fn empty_and_front_matter_only_files() {
    let dir = Workspace::empty();
    dir.write("empty.md", "");
    dir.write("only.md", "---\nladder: socialbakers\ntarget: L4\n---\n");
    let (report, code) = dir.json(&["empty.md", "only.md"]);
    assert_eq!(code, 1);
    assert!(codes(packet(&report, "empty.md")).contains(&"missing-front-matter".to_owned()));
    let only = packet(&report, "only.md");
    assert_eq!(only["coverage"]["uncovered"], only["coverage"]["total"]);
}

#[test]
fn broken_front_matter_is_one_clear_diagnostic() {
    let dir = Workspace::empty();
    dir.write("open.md", "---\nladder: socialbakers\ntarget: L4\n- Did things\n");
    dir.write("list.md", "---\n- a\n- b\n---\nText.\n");
    let bomb = "---\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\nladder: socialbakers\ntarget: L4\n---\nText.\n";
    dir.write("bomb.md", bomb);
    let (report, code) = dir.json(&["open.md", "list.md", "bomb.md"]);
    assert_eq!(code, 1);
    for name in ["open.md", "list.md"] {
        let c = codes(packet(&report, name));
        assert_eq!(c.iter().filter(|c| *c == "invalid-front-matter").count(), 1, "{name}: {c:?}");
        assert!(!c.contains(&"missing-front-matter".to_owned()), "{name}: {c:?}");
    }
    // The alias bomb is either bounded with a diagnostic or read without
    // expanding it; either way the run finishes and names the file.
    packet(&report, "bomb.md");
}

#[test]
fn huge_packets_and_lines_finish() {
    let dir = Workspace::empty();
    let mut big = String::from("---\nladder: generic\ntarget: senior\n---\n");
    let item = "- Led the migration of the billing service to the new platform, cutting p99 latency by 40% in Q3 2024 (PLAT-123).\n";
    while big.len() < 50 * 1024 * 1024 {
        big.push_str(item);
    }
    dir.write("big.md", &big);
    let mut line = String::from("---\nladder: generic\ntarget: senior\n---\n");
    while line.len() < 1024 * 1024 {
        line.push_str("helped with the designs and wrote RFCs for the team ");
    }
    dir.write("line.md", &line);
    let Run { code, out, .. } = dir.run(&["check", "big.md", "line.md", "--format", "short"]);
    assert!(code == 0 || code == 1);
    assert!(out.contains("line.md:5:1: warning[vague-claim]"), "{}", &out[..out.len().min(2000)]);
}

#[test]
fn deep_nesting_does_not_overflow_the_stack() {
    let dir = Workspace::empty();
    let mut lists = String::from("---\nladder: generic\ntarget: senior\n---\n");
    for depth in 0..10_000 {
        lists.push_str(&"  ".repeat(depth));
        lists.push_str("- nested claim\n");
    }
    dir.write("lists.md", &lists);
    let quotes = format!("---\nladder: generic\ntarget: senior\n---\n{} deep quote\n", ">".repeat(10_000));
    dir.write("quotes.md", &quotes);
    let Run { code, .. } = dir.run(&["check", "lists.md", "quotes.md", "--format", "short"]);
    assert!(code == 0 || code == 1);
}

#[test]
fn hostile_rule_files_are_diagnostics_not_hangs() {
    let dir = Workspace::empty();
    let mut expectations = String::new();
    for i in 0..10_000 {
        expectations.push_str(&format!("  - id: e{i}\n    area: A\n    text: Expectation number {i} about mentoring\n    patterns: ['\\bmentor{i}\\b']\n"));
    }
    dir.write(
        "rules/acme/big.yaml",
        format!("ladder: acme\nladder-name: Acme\nlevel: big\ntitle: Big\nexpectations:\n{expectations}"),
    );
    dir.write(
        "rules/acme/nasty.yaml",
        "ladder: acme\nladder-name: Acme\nlevel: nasty\ntitle: Nasty\nexpectations:\n  - id: e\n    area: A\n    text: T\n    patterns: ['(a+)+$', '(x|x?)+y']\n",
    );
    dir.write("p.md", format!("---\nladder: acme\ntarget: nasty\n---\n- {}b\n", "a".repeat(50_000)));
    dir.write("q.md", "---\nladder: acme\ntarget: big\n---\n- mentor42 and mentor9999 in 2024\n");
    let (report, code) = dir.json(&["--rules", "rules", "p.md", "q.md"]);
    assert!(code == 0 || code == 1, "{report}");
    let q = packet(&report, "q.md");
    assert_eq!(q["coverage"]["total"], 10_000);
    assert_eq!(q["coverage"]["covered"], 2);

    dir.write(
        "huge/acme/l1.yaml",
        "ladder: acme\nladder-name: Acme\nlevel: l1\ntitle: L1\nexpectations:\n  - id: e\n    area: A\n    text: T\n    patterns: ['\\w{500}{500}']\n",
    );
    let Run { code, err, .. } = dir.run(&["rules", "check", "huge", "--color", "never"]);
    assert_eq!(code, 2);
    assert!(err.contains("problem") || err.contains("size limit"), "{err}");
    let Run { out, .. } = dir.run(&["rules", "check", "huge", "--color", "never"]);
    assert!(out.contains("exceeds the size limit"), "{out}");

    let bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\nladder: acme\n";
    dir.write("bomb/acme/l1.yaml", bomb);
    let Run { code, .. } = dir.run(&["rules", "check", "bomb"]);
    assert_eq!(code, 2);
}

#[cfg(unix)]
#[test]
fn odd_files_in_folders() {
    use std::os::unix::fs::symlink;
    let dir = Workspace::empty();
    dir.write("good.md", GOOD);
    std::fs::create_dir_all(dir.path().join("loop")).unwrap();
    symlink(dir.path().join("loop"), dir.path().join("loop/again")).unwrap();
    std::fs::create_dir_all(dir.path().join("x.md")).unwrap();
    let fifo = dir.path().join("packet.md");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().is_ok_and(|s| s.success());
    let (report, code) = dir.json(&["."]);
    assert_eq!(code, 1, "{report}");
    packet(&report, "good.md");
    let errors = report["errors"].as_array().unwrap();
    assert!(errors.iter().any(|e| e["message"].as_str().unwrap().contains("symbolic link loop")), "{report}");
    if made {
        let (report, code) = dir.json(&["packet.md"]);
        assert_eq!(code, 1);
        assert!(error_for(&report, "packet.md")["message"].as_str().unwrap().contains("not a regular file"));
    }
    let (report, code) = dir.json(&["gone.md", "good.md"]);
    assert_eq!(code, 1);
    assert!(error_for(&report, "gone.md")["message"].as_str().unwrap().contains("no such file"));
}

#[test]
fn odd_paths_are_escaped_in_every_format() {
    let dir = Workspace::empty();
    let name = if cfg!(unix) { "we\u{ef}rd na\nme, 50%: x.md" } else { "weïrd name, 50%.md" };
    dir.write(name, "---\nladder: socialbakers\ntarget: L4\n---\n- TODO\n");
    for format in ["human", "short", "json", "sarif", "github", "gitlab"] {
        let Run { code, out, err } = dir.run(&["check", ".", "--format", format, "--color", "never"]);
        assert_eq!(code, 1, "{format}: {err}");
        match format {
            "json" | "gitlab" => {
                let v: Value = serde_json::from_str(&out).unwrap();
                assert!(v.to_string().contains("rd na"), "{format}");
            }
            "sarif" => {
                let v: Value = serde_json::from_str(&out).unwrap();
                let uri = v["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
                    ["uri"]
                    .as_str()
                    .unwrap();
                assert!(uri.contains("we%C3%AFrd%20na") || !cfg!(unix), "percent-encoded: {uri}");
            }
            "github" => {
                assert!(out.lines().all(|l| l.starts_with("::")), "one command per line: {out}");
                assert!(out.contains("na%0Ame%2C 50%25%3A x.md") || !cfg!(unix), "{out}");
            }
            "short" => {
                assert!(
                    out.contains("na\\nme, 50%: x.md:5:3: warning[placeholder-text]") || !cfg!(unix),
                    "{out}"
                );
            }
            _ => assert!(out.contains("placeholder-text")),
        }
    }
}

#[test]
fn inputs_are_never_modified() {
    use sha2::{Digest, Sha256};
    let dir = Workspace::empty();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for entry in std::fs::read_dir(root.join("fixtures/packets")).unwrap() {
        let p = entry.unwrap().path();
        std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
    }
    let hash = || -> Vec<(String, Vec<u8>)> {
        let mut all: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| {
                let p = e.unwrap().path();
                (p.display().to_string(), Sha256::digest(std::fs::read(&p).unwrap()).to_vec())
            })
            .collect();
        all.sort();
        all
    };
    let before = hash();
    for format in ["human", "short", "json", "sarif", "github", "gitlab"] {
        dir.run(&["check", ".", "--format", format]);
    }
    assert_eq!(hash(), before, "a check run changed or added files");
}

#[cfg(unix)]
#[test]
fn a_file_without_read_permission_gets_a_diagnostic() {
    use std::os::unix::fs::PermissionsExt;
    let dir = Workspace::empty();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let good = dir.write("good.md", GOOD);
    std::fs::set_permissions(&good, std::fs::Permissions::from_mode(0o644)).unwrap();
    let secret = dir.write("secret.md", GOOD);
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("promolint");
    // Root reads any file: run as `nobody` then (setpriv is in util-linux),
    // from a copy of the binary in a folder `nobody` may enter.
    let as_root = std::fs::read(&secret).is_ok();
    let bin_dir = Workspace::empty();
    let mut cmd = if as_root {
        std::fs::set_permissions(bin_dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        let copy = bin_dir.path().join("promolint");
        std::fs::copy(&bin, &copy).unwrap();
        std::fs::set_permissions(&copy, std::fs::Permissions::from_mode(0o755)).unwrap();
        let mut c = std::process::Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"]).arg(copy);
        c
    } else {
        std::process::Command::new(&bin)
    };
    let out = cmd
        .args(["check", ".", "--format", "short"])
        .current_dir(dir.path())
        .output()
        .expect("setpriv (util-linux) runs the binary as an unprivileged user");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stdout.contains("secret.md:1:1: error[unreadable-file]: cannot lint this file: permission denied"),
        "{stdout}"
    );
    assert!(stdout.contains("good.md"), "the readable file is still linted: {stdout}");
}
