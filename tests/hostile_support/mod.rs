//! A scratch folder and the built binary run in it with a timeout, shared by
//! the `hostile_*` tests. Each test crate compiles its own copy.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;
use serde_json::Value;

/// A packet that lints against a built-in level.
pub(crate) const GOOD: &str = "---\nladder: socialbakers\ntarget: L4\n---\n- Planned and tracked the roadmap across the value stream in Q3 2024 (PLAT-12).\n";

/// How long any one run may take before the test fails (a hang is a failure).
pub(crate) const TIMEOUT: Duration = Duration::from_secs(120);

/// A scratch folder, removed when dropped.
pub(crate) struct Dir(tempfile::TempDir);

impl Dir {
    /// A new empty scratch folder.
    pub(crate) fn new() -> Self {
        Dir(tempfile::tempdir().unwrap())
    }

    /// Its path.
    pub(crate) fn path(&self) -> &Path {
        self.0.path()
    }

    /// Writes `bytes` to `name` (parents created) and returns the full path.
    pub(crate) fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path().join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, bytes).unwrap();
        p
    }

    /// Runs promolint here: (exit code, stdout, stderr). Fails on a panic or a timeout.
    pub(crate) fn run(&self, args: &[&str]) -> (i32, String, String) {
        self.run_in(self.path(), args)
    }

    /// Runs promolint in `cwd`.
    pub(crate) fn run_in(&self, cwd: &Path, args: &[&str]) -> (i32, String, String) {
        let out = Command::cargo_bin("promolint")
            .unwrap()
            .current_dir(cwd)
            .env_remove("NO_COLOR")
            .env_remove("COLUMNS")
            .args(args)
            .timeout(TIMEOUT)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(!stderr.contains("panicked"), "promolint panicked: {stderr}");
        let code = out.status.code();
        assert!(code.is_some(), "promolint was killed (timeout {TIMEOUT:?}?): {args:?}\n{stderr}");
        (code.unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned(), stderr)
    }

    /// `check --format json ARGS`: (exit code, the parsed report).
    pub(crate) fn json(&self, args: &[&str]) -> (i32, Value) {
        let mut all = vec!["check", "--format", "json"];
        all.extend_from_slice(args);
        let (code, out, err) = self.run(&all);
        (code, serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}\n{err}")))
    }
}
