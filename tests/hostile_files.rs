//! Hostile input, round two: every file promolint opens (packets, config,
//! rule files, `rules import` input) is opened the same way, never blocks,
//! never reads past its cap, and is never skipped without a diagnostic.
//! Every run here has a timeout; fixtures are generated in a scratch folder.

mod support;

use support::Run;
use support::workspace::{L4_PACKET as GOOD, Workspace};

#[cfg(unix)]
fn mkfifo(path: &std::path::Path) {
    let ok = std::process::Command::new("mkfifo").arg(path).status().is_ok_and(|s| s.success());
    assert!(ok, "mkfifo {} failed (coreutils is required)", path.display());
}

#[cfg(unix)]
#[test]
fn a_config_that_is_a_device_or_fifo_is_an_error_naming_it() {
    let dir = Workspace::empty();
    dir.write("p.md", GOOD);
    mkfifo(&dir.path().join("fifo.yaml"));
    for (config, kind) in [("/dev/zero", "a device"), ("fifo.yaml", "a named pipe (FIFO)")] {
        let Run { code, err, .. } = dir.run(&["check", "p.md", "--config", config, "--color", "never"]);
        assert_eq!(code, 2, "{config}: {err}");
        assert!(
            err.contains(&format!("{config}: cannot read the config file: not a regular file: {kind}")),
            "{err}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_broken_promolint_yaml_never_falls_back_to_the_parents_config() {
    use std::os::unix::fs::symlink;
    let dir = Workspace::empty();
    dir.write(".git/HEAD", "ref: refs/heads/main\n");
    dir.write("promolint.yaml", "lints:\n  vague-claim: allow\n");
    for (case, make) in [
        ("link", &(|p: &std::path::Path| symlink("missing.yaml", p).unwrap()) as &dyn Fn(&std::path::Path)),
        ("folder", &|p: &std::path::Path| std::fs::create_dir(p).unwrap()),
        ("fifo", &|p: &std::path::Path| mkfifo(p)),
    ] {
        let sub = dir.path().join(case);
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(sub.join("p.md"), GOOD).unwrap();
        make(&sub.join("promolint.yaml"));
        let Run { code, err, .. } = dir.run_in(&sub, &["check", "p.md", "--color", "never"]);
        assert_eq!(code, 2, "{case}: {err}");
        // Found in the folder the run is in: named as the user would type it.
        assert!(
            err.contains("error[invalid-config]: promolint.yaml: cannot read the config file"),
            "{case}: {err}"
        );
    }
    let Run { code, err, .. } = dir.run(&["config"]);
    assert_eq!(code, 0, "the parent's own config still works: {err}");
}

#[cfg(unix)]
#[test]
fn unreadable_rule_files_are_diagnostics_and_the_others_are_still_checked() {
    use std::os::unix::fs::symlink;
    let dir = Workspace::empty();
    mkfifo(&dir.path().join("rules/acme/fifo.yaml").tap_parent());
    symlink("/dev/zero", dir.path().join("rules/acme/zero.yaml")).unwrap();
    symlink("gone.yaml", dir.path().join("rules/acme/dangling.yaml")).unwrap();
    dir.write("rules/acme/binary.yaml", b"ladder: acme\n\0\0\0");
    dir.write(
        "rules/acme/typo.yaml",
        "ladder: acme\nladder-name: Acme\nlevel: l1\ntitle: L1\nexpectation: []\n",
    );
    let Run { code, out, err } = dir.run(&["rules", "check", "rules", "--format", "short"]);
    assert_eq!(code, 2, "{out}{err}");
    for (file, reason) in [
        ("fifo.yaml", "not a regular file: a named pipe (FIFO)"),
        ("zero.yaml", "not a regular file: a device"),
        ("dangling.yaml", "a symbolic link to a file that does not exist"),
        ("binary.yaml", "binary file (NUL byte at offset 13)"),
    ] {
        assert!(
            out.lines().any(|l| l.contains(file) && l.contains(&format!("cannot read rule file: {reason}"))),
            "{file}: {out}"
        );
    }
    assert!(
        out.contains("typo.yaml:5:1: error[invalid-rule-file]"),
        "the valid-but-wrong file is checked too: {out}"
    );
    assert!(err.contains("5 problem(s)"), "{err}");
}

#[cfg(unix)]
#[test]
fn rules_import_refuses_devices_and_fifos_at_once() {
    let dir = Workspace::empty();
    mkfifo(&dir.path().join("ladder.md"));
    for (input, kind) in [("/dev/zero", "a device"), ("ladder.md", "a named pipe (FIFO)")] {
        let Run { code, out, err } =
            dir.run(&["rules", "import", input, "--ladder", "acme", "--level", "l1"]);
        assert_eq!(code, 2, "{input}: {err}");
        assert!(out.is_empty());
        assert!(err.contains(&format!("cannot import {input}: not a regular file: {kind}")), "{err}");
    }
}

#[test]
fn a_huge_file_is_refused_by_its_size_before_it_is_read() {
    let dir = Workspace::empty();
    // 1 GiB of NULs, sparse: it costs no disk, and reading it would take seconds and a GiB.
    let big = std::fs::File::create(dir.path().join("nul.md")).unwrap();
    big.set_len(1 << 30).unwrap();
    dir.write("good.md", GOOD);
    let started = std::time::Instant::now();
    let (report, code) = dir.json(&["nul.md", "good.md"]);
    assert!(started.elapsed() < std::time::Duration::from_secs(20), "took {:?}", started.elapsed());
    assert_eq!(code, 1);
    let errors = report["errors"].as_array().unwrap();
    let nul = errors.iter().find(|e| e["path"].as_str().unwrap().ends_with("nul.md")).unwrap();
    assert!(nul["message"].as_str().unwrap().contains("larger than the limit of 64 MiB (1 GiB)"), "{nul}");
    assert_eq!(report["packets"].as_array().unwrap().len(), 1, "good.md is still linted");

    big.set_len(2 << 20).unwrap();
    let Run { code, err, .. } = dir.run(&["check", "good.md", "--config", "nul.md", "--color", "never"]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot read the config file: larger than the limit of 1 MiB (2 MiB)"), "{err}");
}

trait TapParent {
    /// Creates the parent folder of a path and returns the path.
    fn tap_parent(self) -> std::path::PathBuf;
}

impl TapParent for std::path::PathBuf {
    fn tap_parent(self) -> std::path::PathBuf {
        std::fs::create_dir_all(self.parent().unwrap()).unwrap();
        self
    }
}

#[cfg(unix)]
#[test]
fn check_output_onto_a_dangling_link_needs_force_and_never_writes_through_it() {
    let dir = Workspace::empty();
    dir.write("p.md", GOOD);
    std::os::unix::fs::symlink(dir.path().join("victim.json"), dir.path().join("out.json")).unwrap();
    let Run { code, err, .. } = dir.run(&["check", "p.md", "--format", "json", "-o", "out.json"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("out.json exists; pass --force to replace it"), "{err}");
    assert!(!dir.path().join("victim.json").exists(), "the dangling link's target was created");
    let Run { code, err, .. } = dir.run(&["check", "p.md", "--format", "json", "-o", "out.json", "--force"]);
    assert!(code == 0 || code == 1, "{err}");
    assert!(!dir.path().join("victim.json").exists(), "--force replaces the link, never writes through it");
    assert!(!std::fs::symlink_metadata(dir.path().join("out.json")).unwrap().is_symlink());
}

#[cfg(unix)]
#[test]
fn summary_output_never_replaces_or_follows_without_force() {
    use std::os::unix::fs::symlink;
    let dir = Workspace::empty();
    dir.write("p.md", GOOD);
    symlink(dir.path().join("victim.md"), dir.path().join("out.csv")).unwrap();
    let Run { code, err, .. } = dir.run(&["summary", "p.md", "--format", "csv", "-o", "out.csv"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("out.csv exists; pass --force to replace it"), "{err}");
    assert!(!dir.path().join("victim.md").exists(), "the dangling link's target was created");
    let Run { code, err, .. } = dir.run(&["summary", "p.md", "--format", "csv", "-o", "out.csv", "--force"]);
    assert_eq!(code, 0, "{err}");
    assert!(!dir.path().join("victim.md").exists(), "--force replaces the link, never writes through it");
    let csv = std::fs::read_to_string(dir.path().join("out.csv")).unwrap();
    assert!(csv.contains("p.md"), "{csv}");
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.contains(".tmp")), "temporary file left behind: {names:?}");
}

#[test]
fn ids_must_be_kebab_case() {
    let dir = Workspace::empty();
    dir.write(
        "rules/acme/l1.yaml",
        "ladder: ac/me\nladder-name: Acme\nlevel: l1\ntitle: L1\nexpectations:\n  - id: 'a b'\n    area: A\n    text: T\n  - id: \"x\\e[2J\"\n    area: A\n    text: T\n",
    );
    let Run { code, out, err } = dir.run(&["rules", "check", "rules", "--format", "short"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        out.contains("l1.yaml:1:9: error[invalid-rule-file]: ladder id `ac/me` is not kebab-case"),
        "{out}"
    );
    assert!(out.contains("expectation id `a b` is not kebab-case"), "{out}");
    assert!(out.contains("expectation id `x\\u{1b}[2J` is not kebab-case"), "{out}");
}

#[test]
fn the_same_file_named_twice_is_linted_once() {
    let dir = Workspace::empty();
    dir.write("p.md", GOOD);
    let (report, _) = dir.json(&["p.md", "./p.md", "p.md", "."]);
    assert_eq!(report["packets"].as_array().unwrap().len(), 1, "{report}");
}

#[cfg(unix)]
#[test]
fn a_broken_pipe_keeps_the_exit_code_of_the_diagnostics() {
    let dir = Workspace::empty();
    for i in 0..50 {
        dir.write(&format!("p{i}.md"), "---\nladder: socialbakers\ntarget: L4\n---\n- did things\n");
    }
    let bin = assert_cmd::cargo::cargo_bin("promolint");
    let script = format!("set -o pipefail; '{}' check . --color never | head -c 1 >/dev/null", bin.display());
    let status =
        std::process::Command::new("bash").arg("-c").arg(script).current_dir(dir.path()).status().unwrap();
    assert_eq!(status.code(), Some(1), "errors in the packet must fail a pipefail job");
}
