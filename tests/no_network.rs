//! promolint never opens a network connection: packets are confidential.
//! Runs the binary under `strace -f -e trace=network` (Debian's strace,
//! installed by .ci/run) over a packet, a folder, every check format, the
//! HTML summary and a language-server session, and asserts that no socket is
//! ever opened.

use std::path::Path;
use std::process::Command;

/// Fails the test, never skips it, when strace is missing.
fn require_strace() {
    let available = Command::new("strace").arg("-V").output().is_ok_and(|o| o.status.success());
    assert!(available, "strace is required (apt-get install strace; .ci/run installs it)");
}

#[test]
fn no_socket_is_opened() {
    require_strace();
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
    language_server_opens_no_socket(&bin, &root.join("examples/packet.md"), dir.path());
}

/// `promolint lsp` through a whole session (initialize, open, hover, code
/// action, shutdown, exit) under strace: no socket, and no file written.
fn language_server_opens_no_socket(bin: &Path, packet: &Path, dir: &Path) {
    use lsp_server::{Message, Notification, Request, RequestId};
    use serde_json::json;
    let uri = format!("file://{}", packet.display());
    let text = std::fs::read_to_string(packet).unwrap();
    let at = json!({"textDocument": {"uri": uri}, "position": {"line": 17, "character": 4}});
    let range = json!({"start": {"line": 17, "character": 4}, "end": {"line": 17, "character": 4}});
    let messages = [
        Message::Request(Request::new(RequestId::from(1), "initialize".into(), json!({"capabilities": {}}))),
        Message::Notification(Notification::new("initialized".into(), json!({}))),
        Message::Notification(Notification::new(
            "textDocument/didOpen".into(),
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
        )),
        Message::Request(Request::new(RequestId::from(2), "textDocument/hover".into(), at)),
        Message::Request(Request::new(
            RequestId::from(3),
            "textDocument/codeAction".into(),
            json!({"textDocument": {"uri": uri}, "range": range, "context": {"diagnostics": []}}),
        )),
        Message::Request(Request::new(RequestId::from(4), "shutdown".into(), serde_json::Value::Null)),
        Message::Notification(Notification::new("exit".into(), serde_json::Value::Null)),
    ];
    let mut input = Vec::new();
    for m in messages {
        m.write(&mut input).unwrap();
    }
    let session = dir.join("lsp");
    std::fs::create_dir_all(&session).unwrap();
    let log = dir.join("trace-lsp.log");
    let mut child = Command::new("strace")
        .args(["-f", "-e", "trace=network", "-o"])
        .arg(&log)
        .arg(bin)
        .arg("lsp")
        .current_dir(&session)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), &input).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "promolint lsp: {}", out.status);
    let answers = String::from_utf8_lossy(&out.stdout);
    assert!(answers.contains("textDocument/publishDiagnostics") && answers.contains("\"id\":4"), "{answers}");
    let trace = std::fs::read_to_string(&log).unwrap();
    let calls: Vec<&str> = trace
        .lines()
        .filter(|l| ["socket(", "connect(", "sendto(", "bind(", "socketpair("].iter().any(|c| l.contains(c)))
        .collect();
    assert!(calls.is_empty(), "promolint lsp made network calls:\n{}", calls.join("\n"));
    assert_eq!(std::fs::read_dir(&session).unwrap().count(), 0, "promolint lsp wrote a file");
}
