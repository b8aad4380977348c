//! `promolint lsp` spoken to over JSON-RPC, as an editor does: the binary
//! is spawned, frames go over its standard input and output. Its
//! diagnostics are `check`'s; hover, completion, code actions and code
//! lenses answer from the same analysis; a change is re-published after the
//! debounce; shutdown and exit end the process with 0.

use std::io::{BufReader, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use lsp_server::{Message, Notification, Request, RequestId};
use serde_json::{Value, json};
use tempfile::TempDir;

mod support;
use support::workspace::{ACME_EDITOR, ACME_EDITOR_PACKET};

struct Server {
    child: Child,
    stdin: ChildStdin,
    messages: mpsc::Receiver<Message>,
    next_id: i32,
    dir: TempDir,
}

impl Server {
    fn start() -> Server {
        let dir = TempDir::new().unwrap();
        std::fs::create_dir_all(dir.path().join("rules/acme")).unwrap();
        std::fs::write(dir.path().join("rules/acme/senior.yaml"), ACME_EDITOR).unwrap();
        std::fs::write(dir.path().join("packet.md"), ACME_EDITOR_PACKET).unwrap();
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("promolint"))
            .args(["--rules", "rules", "lsp"])
            .current_dir(dir.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("promolint lsp starts");
        let stdin = child.stdin.take().unwrap();
        let stdout: ChildStdout = child.stdout.take().unwrap();
        let (tx, messages) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Ok(Some(m)) = Message::read(&mut reader) {
                if tx.send(m).is_err() {
                    break;
                }
            }
        });
        let mut server = Server { child, stdin, messages, next_id: 0, dir };
        let root = format!("file://{}", server.dir.path().display());
        let init =
            server.request("initialize", json!({"processId": null, "rootUri": root, "capabilities": {}}));
        assert_eq!(init["serverInfo"]["name"], "promolint");
        assert_eq!(init["capabilities"]["hoverProvider"], true);
        server.notify("initialized", json!({}));
        server
    }

    fn uri(&self) -> String {
        format!("file://{}", self.dir.path().join("packet.md").display())
    }

    fn send(&mut self, m: Message) {
        m.write(&mut self.stdin).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(Message::Notification(Notification::new(method.into(), params)));
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        self.send(Message::Request(Request::new(id.clone(), method.into(), params)));
        loop {
            match self.messages.recv_timeout(Duration::from_secs(30)).expect("an answer") {
                Message::Response(r) if r.id == id => {
                    return r.response_result.unwrap_or_else(|e| panic!("{method}: {e:?}"));
                }
                _ => {}
            }
        }
    }

    fn diagnostics(&mut self) -> Value {
        loop {
            match self.messages.recv_timeout(Duration::from_secs(30)).expect("diagnostics") {
                Message::Notification(n) if n.method == "textDocument/publishDiagnostics" => return n.params,
                _ => {}
            }
        }
    }

    fn at(&self, line: u32, character: u32) -> Value {
        json!({"textDocument": {"uri": self.uri()}, "position": {"line": line, "character": character}})
    }
}

impl Drop for Server {
    /// A failed assertion must not leave the server running.
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn check_json(dir: &std::path::Path) -> Value {
    let out = Command::new(assert_cmd::cargo::cargo_bin("promolint"))
        .args(["check", "--rules", "rules", "--format", "json", "packet.md"])
        .current_dir(dir)
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn the_language_server_answers_as_check_does() {
    let mut s = Server::start();
    let uri = s.uri();
    s.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": ACME_EDITOR_PACKET}}),
    );
    let published = s.diagnostics();
    assert_eq!(published["uri"], uri);
    assert_eq!(published["version"], 1);

    // The same diagnostics as `check`: code, severity, span, message.
    let check = check_json(s.dir.path());
    let expected: Vec<(String, String, u64, u64, u64, u64, String)> = check["packets"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let n = |k: &str| d[k].as_u64().unwrap();
            let s = |k: &str| d[k].as_str().unwrap().to_owned();
            (s("code"), s("severity"), n("line"), n("column"), n("end_line"), n("end_column"), s("message"))
        })
        .collect();
    let severity = |n: &Value| match n.as_u64() {
        Some(1) => "error",
        Some(2) => "warning",
        _ => "note",
    };
    let got: Vec<(String, String, u64, u64, u64, u64, String)> = published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let p = |k: &str, f: &str| d["range"][k][f].as_u64().unwrap() + 1;
            let message = d["message"].as_str().unwrap().lines().next().unwrap().to_owned();
            let code = d["code"].as_str().unwrap().to_owned();
            (
                code,
                severity(&d["severity"]).to_owned(),
                p("start", "line"),
                p("start", "character"),
                p("end", "line"),
                p("end", "character"),
                message,
            )
        })
        .collect();
    assert!(expected.len() >= 3, "the packet has diagnostics: {expected:?}");
    assert_eq!(got, expected);
    assert!(got.iter().any(|d| d.0 == "uncovered-expectation"));
    assert!(got.iter().any(|d| d.0 == "vague-claim"));

    // Hover on a claim: what it maps to, with score and how, and its evidence.
    let hover = s.request("textDocument/hover", s.at(8, 12));
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(text.contains("`incidents` (score") && text.contains("pattern"), "{text}");
    assert!(text.contains("Evidence: none"), "{text}");
    let hover = s.request("textDocument/hover", s.at(7, 10));
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(text.contains("Evidence: link") && text.contains("(own)"), "{text}");

    // Hover on an id in `covers`: the expectation in full.
    let line7 = ACME_EDITOR_PACKET.lines().nth(7).unwrap();
    let col = line7.find("mentoring").unwrap() as u32 + 2;
    let hover = s.request("textDocument/hover", s.at(7, col));
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(text.contains("**`mentoring`**") && text.contains("> Mentor other engineers"), "{text}");
    assert!(text.contains("covered by the claim(s) at line 8"), "{text}");

    // Completion of an expectation id inside `covers`, uncovered ones first.
    let typed = format!("{ACME_EDITOR_PACKET}- Planned the Q3 roadmap. <!-- covers: ro");
    s.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": typed}]}),
    );
    let republished = s.diagnostics();
    assert_eq!(republished["version"], 2, "re-published after the change");
    let last = typed.lines().count() as u32 - 1;
    let width = typed.lines().last().unwrap().len() as u32;
    let items = s.request("textDocument/completion", s.at(last, width));
    let labels: Vec<&str> = items.as_array().unwrap().iter().map(|i| i["label"].as_str().unwrap()).collect();
    assert!(labels.contains(&"roadmap") && labels.contains(&"mentoring"), "{labels:?}");
    let roadmap = items.as_array().unwrap().iter().find(|i| i["label"] == "roadmap").unwrap();
    assert_eq!(roadmap["textEdit"]["range"]["start"]["character"], width - 2, "replaces the typed `ro`");
    let sort = |id: &str| {
        items.as_array().unwrap().iter().find(|i| i["label"] == id).unwrap()["sortText"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert!(sort("incidents") < sort("mentoring"), "a weak expectation before a covered one: {items}");

    // Lint codes inside a suppression comment.
    let typed = format!("{ACME_EDITOR_PACKET}<!-- promolint-disable-next-line vag");
    s.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": typed}]}),
    );
    let width = typed.lines().last().unwrap().len() as u32;
    let items = s.request("textDocument/completion", s.at(last, width));
    let labels: Vec<&str> = items.as_array().unwrap().iter().map(|i| i["label"].as_str().unwrap()).collect();
    assert!(labels.contains(&"vague-claim") && !labels.contains(&"invalid-rule-file"), "{labels:?}");
    s.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 4}, "contentChanges": [{"text": ACME_EDITOR_PACKET}]}),
    );

    // Code actions on the vague claim: covers, suppress.
    let actions = s.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 8, "character": 3}, "end": {"line": 8, "character": 3}}, "context": {"diagnostics": []}}),
    );
    let titles: Vec<&str> =
        actions.as_array().unwrap().iter().map(|a| a["title"].as_str().unwrap()).collect();
    let covers = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with("this claim covers `incidents`"))
        .unwrap_or_else(|| panic!("{titles:?}"));
    let edit = &covers["edit"]["changes"][&uri][0];
    assert_eq!(edit["newText"], " <!-- covers: incidents -->");
    assert_eq!(edit["range"]["start"], json!({"line": 8, "character": 35}), "at the end of the claim");
    assert!(titles.contains(&"suppress `vague-claim` on this line"), "{titles:?}");

    // On the front matter's target: waive the uncovered expectations.
    let actions = s.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 0}}, "context": {"diagnostics": []}}),
    );
    let waive = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with("waive `roadmap`"))
        .expect("a waiver");
    let edit = &waive["edit"]["changes"][&uri][0];
    assert_eq!(edit["newText"], "<!-- promolint-waive roadmap: reason -->\n");
    assert_eq!(edit["range"]["start"], json!({"line": 4, "character": 0}), "after the front matter");

    // Code lenses: the coverage line, and what each section covers.
    let lenses = s.request("textDocument/codeLens", json!({"textDocument": {"uri": uri}}));
    let titles: Vec<&str> =
        lenses.as_array().unwrap().iter().map(|l| l["command"]["title"].as_str().unwrap()).collect();
    assert!(
        titles.contains(&"coverage of acme/senior: 1 covered, 1 weak, 1 uncovered of 3 (33%)"),
        "{titles:?}"
    );
    assert!(titles.contains(&"2 claim(s): covers mentoring; weak incidents"), "{titles:?}");

    // Shutdown, exit: the process ends cleanly and wrote no file.
    s.request("shutdown", Value::Null);
    s.notify("exit", Value::Null);
    let status = s.child.wait().unwrap();
    assert!(status.success(), "{status}");
    assert_eq!(
        std::fs::read_to_string(s.dir.path().join("packet.md")).unwrap(),
        ACME_EDITOR_PACKET,
        "the server never writes"
    );
    let mut names: Vec<String> = std::fs::read_dir(s.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["packet.md", "rules"]);
}

#[test]
fn markdown_without_front_matter_gets_no_diagnostics() {
    let mut s = Server::start();
    let uri = format!("file://{}", s.dir.path().join("README.md").display());
    s.notify("textDocument/didOpen", json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": "# Notes\n\n- Helped with things.\n"}}));
    let published = s.diagnostics();
    assert_eq!(published["diagnostics"], json!([]));
    s.request("shutdown", Value::Null);
    s.notify("exit", Value::Null);
    assert!(s.child.wait().unwrap().success());
}

/// The codes of a published diagnostics notification, sorted.
fn published_codes(published: &Value) -> Vec<String> {
    let mut codes: Vec<String> = published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap_or_default().to_owned())
        .collect();
    codes.sort();
    codes
}

/// The codes `check - --stdin-filename NAME` gives for the packet, sorted.
fn stdin_check_codes(dir: &std::path::Path, name: &str) -> Vec<String> {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("promolint"))
        .args(["--rules", "rules", "check", "--format", "json", "--stdin-filename", name, "-"])
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(ACME_EDITOR_PACKET.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut codes: Vec<String> = json["packets"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_owned())
        .collect();
    codes.sort();
    codes
}

#[test]
fn each_document_gets_the_configuration_of_its_own_folder() {
    let mut s = Server::start();
    let dir = s.dir.path().to_path_buf();
    // A draft folder whose promolint.yaml allows open expectations, and one
    // whose promolint.yaml is broken.
    std::fs::create_dir_all(dir.join("drafts")).unwrap();
    std::fs::write(dir.join("drafts/promolint.yaml"), "lints:\n  uncovered-expectation: allow\n").unwrap();
    std::fs::create_dir_all(dir.join("broken")).unwrap();
    std::fs::write(dir.join("broken/promolint.yaml"), "lints: [oops\n").unwrap();
    let open = |s: &mut Server, rel: &str| {
        let uri = format!("file://{}", dir.join(rel).display());
        s.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": ACME_EDITOR_PACKET}}),
        );
    };

    open(&mut s, "packet.md");
    let root = published_codes(&s.diagnostics());
    assert!(root.contains(&"uncovered-expectation".to_owned()), "{root:?}");
    assert_eq!(root, stdin_check_codes(&dir, "packet.md"), "as `check` says at the root");

    open(&mut s, "drafts/packet.md");
    let drafts = published_codes(&s.diagnostics());
    assert!(
        !drafts.contains(&"uncovered-expectation".to_owned()),
        "drafts/promolint.yaml allows it: {drafts:?}"
    );
    assert_eq!(drafts, stdin_check_codes(&dir, "drafts/packet.md"), "as `check - --stdin-filename` says");

    // A broken configuration is said once in the editor's log, and the
    // document is linted with the start-up configuration.
    open(&mut s, "broken/packet.md");
    let mut logged = None;
    let broken = loop {
        match s.messages.recv_timeout(Duration::from_secs(30)).expect("a message") {
            Message::Notification(n) if n.method == "window/logMessage" => logged = Some(n.params),
            Message::Notification(n) if n.method == "textDocument/publishDiagnostics" => break n.params,
            _ => {}
        }
    };
    let logged = logged.expect("a log message about the broken promolint.yaml");
    assert!(logged["message"].as_str().unwrap().contains("broken/promolint.yaml"), "{logged}");
    assert_eq!(published_codes(&broken), root);

    s.request("shutdown", Value::Null);
    s.notify("exit", Value::Null);
    assert!(s.child.wait().unwrap().success());
}

/// Saving a `promolint.yaml` (or a rule file) in the editor loads the
/// configurations again and re-publishes every open document: a new
/// configuration takes effect, and so does an edit of one already loaded.
#[test]
fn a_saved_configuration_takes_effect_without_a_restart() {
    let mut s = Server::start();
    let dir = s.dir.path().to_path_buf();
    let uri = s.uri();
    s.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": ACME_EDITOR_PACKET}}),
    );
    let before = published_codes(&s.diagnostics());
    assert!(before.contains(&"uncovered-expectation".to_owned()), "{before:?}");

    let config = dir.join("promolint.yaml");
    let saved = |s: &mut Server| {
        let config_uri = format!("file://{}", config.display());
        s.notify("textDocument/didSave", json!({"textDocument": {"uri": config_uri}}));
        let published = s.diagnostics();
        assert_eq!(published["uri"], uri);
        published_codes(&published)
    };
    std::fs::write(&config, "lints:\n  uncovered-expectation: allow\n").unwrap();
    let allowed = saved(&mut s);
    assert!(!allowed.contains(&"uncovered-expectation".to_owned()), "promolint.yaml allows it: {allowed:?}");
    assert_eq!(allowed, stdin_check_codes(&dir, "packet.md"), "as `check` now says");

    std::fs::write(&config, "lints: {}\n").unwrap();
    assert_eq!(saved(&mut s), before, "the edit back is seen too");

    s.request("shutdown", Value::Null);
    s.notify("exit", Value::Null);
    assert!(s.child.wait().unwrap().success());
}
