//! `check` over more files than one batch (`promolint::check::batch_size`): every
//! packet is reported once, in input order, and the JSON, SARIF and GitLab
//! documents written packet by packet are exactly what serde_json prints for
//! the whole document.

use std::path::Path;

use assert_cmd::Command;
use promolint::report::json::JsonRun;
use serde_json::Value;

/// A repository with more packets than one batch (short ones, against one
/// level, and every fixture packet), plus a README to skip and a file that
/// is not UTF-8.
fn many_packets() -> (tempfile::TempDir, usize) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    let packets = dir.path().join("packets");
    std::fs::create_dir(&packets).unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/packets");
    let mut names: Vec<_> = std::fs::read_dir(&fixtures).unwrap().map(|e| e.unwrap().path()).collect();
    names.sort();
    let n = promolint::check::batch_size() + 7;
    for i in 0..n {
        let path = packets.join(format!("p{i:04}.md"));
        match names.get(i) {
            Some(from) => drop(std::fs::copy(from, path).unwrap()),
            None => std::fs::write(
                path,
                format!(
                    "---\nladder: generic\ntarget: senior\n---\n# Packet {i}\n\n\
                     - Mentored two engineers through on-call (PR #{i}).\n\
                     - Led the migration — p95 latency 40% lower.\n- Helped out where needed.\n"
                ),
            )
            .unwrap(),
        }
    }
    std::fs::write(packets.join("README.md"), "# Packets\n").unwrap();
    std::fs::write(packets.join("p9999.md"), b"---\nladder: generic\n\xff\xfe\xfd garbage\n").unwrap();
    (dir, n)
}

fn check(dir: &Path, format: &str) -> String {
    let out = Command::cargo_bin("promolint")
        .unwrap()
        .current_dir(dir)
        .args(["check", "packets", "--format", format])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn streamed_documents_hold_every_packet_in_order_and_print_as_one_document() {
    let (repo, n) = many_packets();

    let json = check(repo.path(), "json");
    let run: JsonRun = serde_json::from_str(&json).unwrap();
    let mut whole = serde_json::to_string_pretty(&run).unwrap();
    whole.push('\n');
    assert_eq!(json, whole, "streamed JSON differs from the document printed whole");
    let paths: Vec<&str> = run.packets.iter().map(|p| p.path.as_str()).collect();
    let mut expected: Vec<String> = (0..n).map(|i| format!("packets/p{i:04}.md")).collect();
    // The non-UTF-8 file is decoded and linted, or reported as an error; never lost.
    let p9999 = "packets/p9999.md";
    if paths.contains(&p9999) {
        expected.push(p9999.to_owned());
    } else {
        assert!(run.errors.iter().any(|e| e.path == p9999), "{:?}", run.errors);
    }
    assert_eq!(paths, expected);

    let sarif: Value = serde_json::from_str(&check(repo.path(), "sarif")).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let diagnostics: usize =
        run.packets.iter().map(|p| p.diagnostics.len()).sum::<usize>() + run.errors.len();
    assert_eq!(results.len(), diagnostics);
    assert!(sarif["runs"][0]["tool"]["driver"]["rules"].as_array().is_some_and(|r| !r.is_empty()));

    let gitlab: Value = serde_json::from_str(&check(repo.path(), "gitlab")).unwrap();
    assert_eq!(gitlab.as_array().map(Vec::len), Some(diagnostics));
}

#[test]
fn an_empty_run_prints_empty_arrays() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    std::fs::create_dir(dir.path().join("packets")).unwrap();
    std::fs::write(dir.path().join("packets/README.md"), "# Nothing to lint\n").unwrap();
    let run = |format: &str| {
        let out = Command::cargo_bin("promolint")
            .unwrap()
            .current_dir(dir.path())
            .args(["check", "packets", "--format", format])
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    assert_eq!(run("json"), "{\n  \"version\": 1,\n  \"packets\": [],\n  \"errors\": []\n}\n");
    assert_eq!(run("gitlab"), "[]\n");
    let sarif: Value = serde_json::from_str(&run("sarif")).unwrap();
    assert_eq!(sarif["runs"][0]["results"], serde_json::json!([]));
}
