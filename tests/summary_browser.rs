//! The HTML summary in a real browser: headless Chromium renders the report of
//! `fixtures/summary/packets/`, and the DOM it builds must have one row per
//! packet and show the hostile packet's `<script>` and `<img onerror>` as
//! literal text, not elements. The screenshot is kept as a test artifact in
//! `target/test-artifacts/summary.png`.
//!
//! Needs Debian's `chromium` (`.ci/run` installs it). Without it the test
//! fails when `CI` is set, and is skipped, saying why, otherwise.

#![allow(clippy::disallowed_macros, clippy::print_stdout)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// The longest one Chromium run may take.
const TIMEOUT: Duration = Duration::from_secs(120);

fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| ["chromium", "chromium-browser"].map(|name| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

fn target_dir() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => manifest.join(dir),
        None => manifest.join("target"),
    }
}

/// Runs `cmd` to completion, killing it after [`TIMEOUT`].
fn run(mut cmd: Command) -> Output {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {cmd:?}: {e}"));
    // Read stdout on a thread so a large DOM cannot fill the pipe and stall Chromium.
    let mut stdout = child.stdout.take().expect("piped stdout");
    let reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut stdout, &mut buf).map(|_| buf)
    });
    let start = Instant::now();
    loop {
        if child.try_wait().expect("waiting for chromium").is_some() {
            break;
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            panic!("{cmd:?} took longer than {TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let mut output = child.wait_with_output().expect("chromium's output");
    output.stdout = reader.join().expect("reader thread").expect("chromium's stdout");
    output
}

fn headless(browser: &Path, profile: &Path) -> Command {
    let mut cmd = Command::new(browser);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
    ])
    .arg(format!("--user-data-dir={}", profile.display()));
    cmd
}

#[test]
fn html_summary_renders_in_headless_chromium() {
    let Some(browser) = chromium() else {
        if std::env::var_os("CI").is_some() {
            panic!(
                "chromium is not installed, and CI is set: the HTML summary must be checked in a real \
                 browser; install it with `apt-get install -y chromium` (.ci/run does)"
            );
        }
        println!("skipped: chromium is not installed (`apt-get install -y chromium`); CI fails instead");
        return;
    };
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/summary");
    let packets = std::fs::read_dir(fixtures.join("packets"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_name() != "README.md")
        .count();
    let work = tempfile::tempdir().unwrap();
    let report = work.path().join("summary.html");
    let generated = assert_cmd::Command::cargo_bin("promolint")
        .unwrap()
        .current_dir(&fixtures)
        .args(["summary", "packets", "--format", "html", "--by", "expectation", "--output"])
        .arg(&report)
        .output()
        .unwrap();
    assert!(generated.status.success(), "summary failed: {}", String::from_utf8_lossy(&generated.stderr));
    let url = format!("file://{}", report.display());

    let mut dump = headless(&browser, &work.path().join("profile-dom"));
    dump.arg("--dump-dom").arg(&url);
    let output = run(dump);
    assert!(
        output.status.success(),
        "chromium --dump-dom failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let dom = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(dom.contains("<h1>Coverage summary</h1>"), "the report did not load: {dom:.500}");

    // One row per packet in the packets table, the unsummarised one included.
    let start = dom.find("<table id=\"packets\">").expect("the packets table");
    let table = &dom[start..start + dom[start..].find("</table>").expect("the table ends")];
    let rows = table.matches("<tr class=\"packet").count();
    assert_eq!(rows, packets, "one row per packet in the packets table");

    // The hostile packet's markup is text in the DOM, never an element.
    let lower = dom.to_lowercase();
    assert!(!lower.contains("<script"), "a script element reached the DOM");
    assert!(!lower.contains("<img"), "an img element reached the DOM");
    assert!(dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the <script> text is shown literally");
    assert!(dom.contains("&lt;img src=x onerror=alert(1)&gt;"), "the <img onerror> text is shown literally");

    let artifacts = target_dir().join("test-artifacts");
    std::fs::create_dir_all(&artifacts).unwrap();
    let png = artifacts.join("summary.png");
    let _ = std::fs::remove_file(&png);
    let mut shot = headless(&browser, &work.path().join("profile-shot"));
    shot.arg(format!("--screenshot={}", png.display())).arg("--window-size=1280,2000").arg(&url);
    let output = run(shot);
    assert!(
        output.status.success(),
        "chromium --screenshot failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let image = std::fs::read(&png).unwrap_or_else(|e| panic!("no screenshot at {}: {e}", png.display()));
    assert!(image.starts_with(b"\x89PNG\r\n\x1a\n"), "the screenshot is a PNG");
    assert!(image.len() > 10_000, "the screenshot is not blank ({} bytes)", image.len());
    println!("screenshot: {}", png.display());
}
