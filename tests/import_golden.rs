//! Golden files for `promolint rules import`, one folder per case under
//! `fixtures/import/`: the ladder document (or, for the real ladders, a path
//! to `fixtures/corpus/B/` in `args`), an `args` file (the arguments after
//! `rules import`, one per line, run from the case folder; `{out}` stands for
//! a scratch folder), and the expected results: `stdout.yaml` (the rule file
//! written to standard output), `out/` (the files written with
//! `--all-levels -o {out}`), `stderr.txt` (warnings and the closing lines,
//! the scratch folder shown as `{out}`) and `exit`.
//!
//! Every case's rule files must also pass `rules check` as a folder.
//! `SNAPSHOTS=overwrite cargo test --test import_golden` rewrites the goldens.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn cases() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/import");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("fixtures/import")
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("args").is_file())
        .collect();
    cases.sort();
    cases
}

fn overwrite() -> bool {
    std::env::var("SNAPSHOTS").is_ok_and(|v| v == "overwrite")
}

/// Compares `actual` with the golden `path`, or rewrites it; returns a
/// description of the difference.
fn golden(path: &Path, actual: &str) -> Option<String> {
    if overwrite() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, actual).unwrap();
        return None;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_default();
    (expected != actual)
        .then(|| format!("{} differs:\n--- expected\n{expected}\n--- actual\n{actual}", path.display()))
}

fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|r| r.map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn import_goldens() {
    let mut failures = Vec::new();
    let cases = cases();
    assert!(cases.len() >= 8, "only {} cases", cases.len());
    for case in cases {
        let scratch = tempfile::tempdir().unwrap();
        let out = scratch.path().join("out");
        let args: Vec<String> = std::fs::read_to_string(case.join("args"))
            .unwrap()
            .lines()
            .filter(|l| !l.is_empty())
            .map(|l| l.replace("{out}", &out.display().to_string()))
            .collect();
        let output = Command::cargo_bin("promolint")
            .unwrap()
            .current_dir(&case)
            .args(["--color", "never", "rules", "import"])
            .args(&args)
            .output()
            .unwrap();
        let stdout = String::from_utf8(output.stdout).unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap().replace(&out.display().to_string(), "{out}");
        let code = output.status.code().unwrap_or(-1);
        failures.extend(golden(&case.join("stderr.txt"), &stderr));
        failures.extend(golden(&case.join("exit"), &format!("{code}\n")));
        // What was written, and a folder of it for `rules check`.
        let check = scratch.path().join("check");
        std::fs::create_dir_all(&check).unwrap();
        if out.is_dir() {
            if overwrite() {
                let _ = std::fs::remove_dir_all(case.join("out"));
            }
            let (got, want) = (files(&out), files(&case.join("out")));
            if !overwrite() && got != want {
                failures.push(format!("{}: wrote {got:?}, expected {want:?}", case.display()));
            }
            for name in got {
                let text = std::fs::read_to_string(out.join(&name)).unwrap();
                failures.extend(golden(&case.join("out").join(&name), &text));
                std::fs::write(check.join(&name), text).unwrap();
            }
        } else if !stdout.is_empty() {
            failures.extend(golden(&case.join("stdout.yaml"), &stdout));
            std::fs::write(check.join("level.yaml"), &stdout).unwrap();
        }
        if code == 0 {
            let checked = Command::cargo_bin("promolint")
                .unwrap()
                .args(["rules", "check"])
                .arg(&check)
                .output()
                .unwrap();
            if !checked.status.success() {
                failures.push(format!(
                    "{}: `rules check` rejects the output:\n{}",
                    case.display(),
                    String::from_utf8_lossy(&checked.stdout)
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
