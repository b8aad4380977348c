//! The one scratch folder the tests run `promolint` in ([`Workspace`]), the
//! tiny custom ladder most command-line tests lint against, and a packet of a
//! built-in level.

use std::path::{Path, PathBuf};

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

/// A packet that lints against a built-in level (socialbakers/L4).
pub(crate) const L4_PACKET: &str = "---\nladder: socialbakers\ntarget: L4\n---\n- Planned and tracked the roadmap across the value stream in Q3 2024 (PLAT-12).\n";

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

    /// Writes `contents` to `rel` (a path inside the folder), creating
    /// folders, and returns the file's full path.
    pub(crate) fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path().join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("create folder");
        std::fs::write(&path, contents).expect("write file");
        path
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

    /// `promolint ARGS` run to completion in the folder ([`super::run`]).
    pub(crate) fn run(&self, args: &[&str]) -> super::Run {
        super::run(self.path(), args)
    }

    /// `promolint ARGS` run to completion in `cwd` (a folder inside this one).
    pub(crate) fn run_in(&self, cwd: &Path, args: &[&str]) -> super::Run {
        super::run(cwd, args)
    }

    /// Runs `check [--rules rules] --format json ARGS...`: the parsed output
    /// and the exit code. Fails the test when the output is not JSON or the
    /// run panicked, hung or was killed.
    pub(crate) fn json(&self, args: &[&str]) -> (Value, i32) {
        let mut all = vec!["check"];
        if self.rules {
            all.extend(["--rules", "rules"]);
        }
        all.extend(["--format", "json"]);
        all.extend_from_slice(args);
        let run = self.run(&all);
        let json = serde_json::from_str(&run.out)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}\n{}", run.out, run.err));
        (json, run.code)
    }
}
