//! `promolint init` (a packet skeleton per level), `promolint completions`
//! and `promolint man`, as a user meets them: the skeleton of every
//! built-in level lints with `uncovered-expectation` only, FILE is never
//! replaced without `--force`, the bash completions load in bash and the man
//! page renders with `man`.

use std::fs;
use std::process::Command as Process;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

mod support;
use support::BUILTIN_LEVELS;
use tempfile::TempDir;

fn promolint(dir: &std::path::Path) -> Command {
    let mut cmd = Command::cargo_bin("promolint").unwrap();
    cmd.current_dir(dir);
    cmd
}

#[test]
fn init_skeleton_of_every_builtin_level_lints_with_uncovered_expectations_only() {
    let dir = TempDir::new().unwrap();
    for (ladder, target) in BUILTIN_LEVELS {
        let out =
            promolint(dir.path()).args(["init", "--ladder", ladder, "--target", target]).output().unwrap();
        assert!(out.status.success(), "{ladder}/{target}: {}", String::from_utf8_lossy(&out.stderr));
        let skeleton = String::from_utf8(out.stdout).unwrap();
        let checked = promolint(dir.path())
            .args(["check", "-", "--stdin-filename", "packet.md", "--format", "json"])
            .write_stdin(skeleton.clone())
            .output()
            .unwrap();
        let json: Value = serde_json::from_slice(&checked.stdout).unwrap();
        let p = &json["packets"][0];
        assert_eq!(
            p["level"].as_str().map(str::to_lowercase),
            Some(target.to_lowercase()),
            "{ladder}/{target}"
        );
        let total = p["coverage"]["total"].as_u64().unwrap();
        let codes: Vec<&str> =
            p["diagnostics"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap()).collect();
        assert!(
            codes.iter().all(|c| *c == "uncovered-expectation"),
            "{ladder}/{target}: {codes:?}\n{skeleton}"
        );
        assert_eq!(codes.len() as u64, total, "{ladder}/{target}: one per expectation");
        assert!(p["claims"].as_array().unwrap().is_empty(), "{ladder}/{target}: the skeleton has no claims");
        // Every expectation id is in the skeleton, under its area's heading.
        for e in p["expectations"].as_array().unwrap() {
            let id = e["id"].as_str().unwrap();
            assert!(skeleton.contains(&format!("<!-- {id}: ")), "{ladder}/{target}: {id} missing");
            assert!(skeleton.contains(&format!("## {}", e["area"].as_str().unwrap())), "{ladder}/{target}");
        }
    }
}

#[test]
fn init_writes_file_and_never_replaces_one_without_force() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("packet.md");
    let init = |extra: &[&str]| {
        let mut cmd = promolint(dir.path());
        cmd.args([
            "init",
            "--ladder",
            "generic",
            "--target",
            "senior",
            "--candidate",
            "Ada Lovelace",
            "packet.md",
        ]);
        cmd.args(extra);
        cmd
    };
    init(&[]).assert().code(0).stdout("").stderr(predicate::str::contains("wrote packet.md"));
    let text = fs::read_to_string(&path).unwrap();
    assert!(
        text.starts_with("---\ncandidate: Ada Lovelace\nladder: generic\ntarget: senior\n---\n"),
        "{text}"
    );

    fs::write(&path, "my draft\n").unwrap();
    init(&[]).assert().code(2).stderr(predicate::str::contains("packet.md exists; pass --force"));
    assert_eq!(fs::read_to_string(&path).unwrap(), "my draft\n");
    init(&["--force"]).assert().code(0);
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn init_with_an_unknown_level_suggests_one() {
    let dir = TempDir::new().unwrap();
    promolint(dir.path())
        .args(["init", "--ladder", "socialbakers", "--target", "L44"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("did you mean `L4`?"));
}

#[test]
fn bash_completions_load_in_bash() {
    let dir = TempDir::new().unwrap();
    let script = dir.path().join("promolint.bash");
    let out = promolint(dir.path()).args(["completions", "bash"]).output().unwrap();
    assert!(out.status.success());
    fs::write(&script, &out.stdout).unwrap();
    // Load the script, then ask bash what completes `promolint ch`.
    let probe = format!(
        "source {}; COMP_WORDS=(promolint ch); COMP_CWORD=1; COMP_LINE='promolint ch'; COMP_POINT=12; \
         _promolint promolint ch promolint; complete -p promolint; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        script.display()
    );
    let bash = Process::new("bash").args(["--norc", "-c", &probe]).output().expect("bash runs");
    let stdout = String::from_utf8_lossy(&bash.stdout);
    assert!(bash.status.success(), "{stdout}{}", String::from_utf8_lossy(&bash.stderr));
    assert!(stdout.contains("-F _promolint promolint"), "{stdout}");
    assert!(stdout.lines().any(|l| l == "check"), "`promolint ch<TAB>` offers check:\n{stdout}");
}

/// The man page at `page` as `man -l` renders it at 80 columns, with runs of
/// spaces collapsed (man justifies lines). Fails the test when man fails.
fn render_man(page: &std::path::Path) -> String {
    let man = Process::new("man")
        .arg("-l")
        .arg(page)
        .env("MANPAGER", "cat")
        .env("MANWIDTH", "80")
        .output()
        .expect("man is installed (man-db; .ci/run installs it)");
    assert!(man.status.success(), "{}", String::from_utf8_lossy(&man.stderr));
    String::from_utf8_lossy(&man.stdout).split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

#[test]
fn the_man_page_renders_with_man() {
    let dir = TempDir::new().unwrap();
    let page = dir.path().join("promolint.1");
    let out = promolint(dir.path()).arg("man").output().unwrap();
    assert!(out.status.success());
    fs::write(&page, &out.stdout).unwrap();
    let text = render_man(&page);
    assert!(text.contains("NAME") && text.contains("promolint - "), "{text}");
    assert!(text.contains("SUBCOMMANDS") && text.contains("promolint-check(1)"), "{text}");
    assert!(text.contains("--rules"), "{text}");

    // The page promolint(1) refers to.
    let out = promolint(dir.path()).args(["man", "check"]).output().unwrap();
    fs::write(&page, &out.stdout).unwrap();
    let text = render_man(&page);
    assert!(text.contains("promolint-check - ") && text.contains("--stdin-filename"), "{text}");
}
