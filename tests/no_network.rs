//! promolint never opens a network connection: packets are confidential.
//! Runs the binary under `strace -f -e trace=network` (Debian's strace,
//! installed by .ci/run) over a packet, a folder, every check format and the
//! HTML summary, and asserts that no socket is ever opened.

use std::path::Path;
use std::process::Command;

fn strace_available() -> bool {
    Command::new("strace").arg("-V").output().is_ok_and(|o| o.status.success())
}

#[test]
fn no_socket_is_opened() {
    if !strace_available() {
        assert!(std::env::var_os("CI").is_none(), "strace is required in CI (.ci/run installs it)");
        #[allow(clippy::disallowed_macros, clippy::print_stderr)]
        {
            eprintln!("skipped: strace is not installed (apt-get install strace)");
        }
        return;
    }
    let bin = assert_cmd::cargo::cargo_bin("promolint");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let runs: Vec<Vec<String>> = vec![
        vec!["check".into(), root.join("examples/packet.md").display().to_string()],
        vec![
            "check".into(),
            root.join("fixtures/packets").display().to_string(),
            "--format".into(),
            "json".into(),
        ],
        vec![
            "check".into(),
            root.join("fixtures/packets").display().to_string(),
            "--format".into(),
            "sarif".into(),
        ],
        vec![
            "check".into(),
            root.join("fixtures/packets").display().to_string(),
            "--format".into(),
            "github".into(),
        ],
        vec![
            "check".into(),
            root.join("fixtures/packets").display().to_string(),
            "--format".into(),
            "gitlab".into(),
        ],
        vec![
            "summary".into(),
            root.join("fixtures/packets").display().to_string(),
            "--format".into(),
            "html".into(),
            "--output".into(),
            dir.path().join("report.html").display().to_string(),
        ],
        vec!["ladders".into()],
        vec!["explain".into(), "socialbakers/L4".into()],
    ];
    for (i, args) in runs.iter().enumerate() {
        let log = dir.path().join(format!("trace-{i}.log"));
        let status = Command::new("strace")
            .args(["-f", "-e", "trace=network", "-o"])
            .arg(&log)
            .arg(&bin)
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(
            matches!(status.status.code(), Some(0 | 1)),
            "{args:?}: {}",
            String::from_utf8_lossy(&status.stderr)
        );
        let trace = std::fs::read_to_string(&log).unwrap();
        let calls: Vec<&str> = trace
            .lines()
            .filter(|l| {
                ["socket(", "connect(", "sendto(", "bind(", "socketpair("].iter().any(|c| l.contains(c))
            })
            .collect();
        assert!(calls.is_empty(), "{args:?} made network calls:\n{}", calls.join("\n"));
    }
}
