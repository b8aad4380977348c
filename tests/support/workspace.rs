//! A scratch folder to run `promolint` in, and the tiny custom ladder most
//! command-line tests lint against.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

/// The start of `acme/senior`: two expectations, each with one pattern.
macro_rules! acme_expectations {
    () => {
        r#"ladder: acme
ladder-name: Acme
level: senior
title: Senior Engineer
expectations:
  - id: mentoring
    area: People
    text: Mentor other engineers
    patterns:
      - '\bmentor(ed|ing|s)?\b'
  - id: incidents
    area: Operations
    text: Lead the response to incidents
    patterns:
      - '\bincidents?\b'
"#
    };
}

/// A tiny custom ladder, `acme/senior`: two expectations, each with one
/// pattern, and one red flag, so that the results of a small packet are exact.
pub(crate) const ACME_SENIOR: &str = concat!(
    acme_expectations!(),
    r#"red-flags:
  - id: lone-wolf
    text: Works alone
    patterns:
      - '\blone wolf\b'
"#
);

/// `acme/senior` for the editor tests: three expectations, one with an
/// example, one with no pattern (so only text similarity can cover it).
pub(crate) const ACME_EDITOR: &str = concat!(
    acme_expectations!(),
    r#"    examples:
      - Incident commander for INC-42, postmortem linked
  - id: roadmap
    area: Planning
    text: Plan the team's roadmap with product
"#
);

/// A packet of [`ACME_EDITOR`]: one claim with an explicit `covers`, one
/// that only its pattern maps, and `roadmap` uncovered.
pub(crate) const ACME_EDITOR_PACKET: &str = "---
ladder: acme
target: senior
---
# Promotion to senior

## People
- Mentored two new hires ([guide](https://wiki.example.com/g)). <!-- covers: mentoring -->
- Helped with the incident reviews.
";

/// A temporary folder, removed when dropped. With [`Workspace::acme`] it holds
/// `rules/acme/senior.yaml` and `check` is run with `--rules rules`.
pub(crate) struct Workspace {
    dir: TempDir,
    rules: bool,
}

impl Workspace {
    /// An empty folder; `check` uses the built-in rules only.
    pub(crate) fn empty() -> Self {
        Workspace { dir: TempDir::new().expect("temp dir"), rules: false }
    }

    /// A folder holding [`ACME_SENIOR`] as `rules/acme/senior.yaml`.
    pub(crate) fn acme() -> Self {
        let ws = Workspace { rules: true, ..Self::empty() };
        ws.write("rules/acme/senior.yaml", ACME_SENIOR);
        ws
    }

    /// The folder.
    pub(crate) fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes `contents` to `rel` (a path inside the folder), creating folders.
    pub(crate) fn write(&self, rel: &str, contents: impl AsRef<[u8]>) {
        let path = self.path().join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("create folder");
        std::fs::write(path, contents).expect("write file");
    }

    /// The text of `rel`.
    pub(crate) fn read(&self, rel: &str) -> String {
        let path = self.path().join(rel);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
    }

    /// `promolint` run in the folder, colour left to `--color` alone.
    pub(crate) fn cmd(&self) -> Command {
        super::promolint(self.path())
    }

    /// `promolint check [--rules rules] ARGS...`.
    pub(crate) fn check(&self, args: &[&str]) -> Command {
        let mut cmd = self.cmd();
        cmd.arg("check");
        if self.rules {
            cmd.args(["--rules", "rules"]);
        }
        cmd.args(args);
        cmd
    }

    /// Runs `check --format json ARGS...`: the parsed output and the exit
    /// code. Fails the test when the output is not JSON or the run panicked.
    pub(crate) fn json(&self, args: &[&str]) -> (Value, i32) {
        let out = self.check(&["--format", "json"]).args(args).output().expect("run promolint");
        assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"), "{out:?}");
        let json = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!("stdout is not JSON ({e}):\n{}", String::from_utf8_lossy(&out.stdout))
        });
        (json, out.status.code().expect("exit code"))
    }
}
