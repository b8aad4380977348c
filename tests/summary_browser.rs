//! The HTML summary in a real browser: headless Chromium renders the report of
//! `fixtures/summary/packets/`, and the DOM it builds must have one row per
//! packet, show the hostile packet's `<script>` and `<img onerror>` as
//! literal text, not elements, and for each covered expectation the claims
//! that cover it in a `<details>` section. Printed to PDF, the report takes
//! at most one page per packet plus one for the overview. The screenshot and
//! the PDF are kept as test artifacts in `target/test-artifacts/`.
//!
//! Needs Debian's `chromium` (`.ci/run` installs it). Without it the tests
//! fail, saying how to install it: they never skip.

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

/// Chromium's path; panics, saying how to install it, when it is missing.
fn browser() -> PathBuf {
    chromium().unwrap_or_else(|| {
        panic!(
            "chromium is not installed: the HTML summary must be checked in a real browser; \
             install it with `apt-get install -y chromium` (.ci/run does)"
        )
    })
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
        "--no-pdf-header-footer",
    ])
    .arg(format!("--user-data-dir={}", profile.display()));
    cmd
}

#[test]
fn html_summary_renders_in_headless_chromium() {
    let browser = browser();
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

    // Each covered expectation shows the claims that cover it, with line and evidence.
    let ada = &dom[dom.find("id=\"packet-1\"").expect("the first packet's article")..];
    let ada = &ada[..ada.find("</article>").expect("the article ends")];
    let row = &ada[ada.find("design-direction").expect("design-direction's row")..];
    let row = &row[..row.find("</tr>").unwrap()];
    assert!(row.contains("Be accountable for design and architecture direction"), "its text is shown: {row}");
    assert!(row.contains("✓ covered") && row.contains("<details>"), "{row}");
    assert!(
        row.contains("line 11") && row.contains("link (own)"),
        "covering claim with line and evidence: {row}"
    );
    assert!(row.contains("Led design and architecture reviews"), "the covering claim's text: {row}");

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

/// Printed, the report of the fixture folder (six packets) takes at most one
/// A4 page per packet plus one for the overview (totals, table, heat maps).
#[test]
fn html_summary_prints_about_one_page_per_packet() {
    let browser = browser();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/summary");
    let work = tempfile::tempdir().unwrap();
    let report = work.path().join("summary.html");
    let generated = assert_cmd::Command::cargo_bin("promolint")
        .unwrap()
        .current_dir(&fixtures)
        .args(["summary", "packets", "--format", "html", "--output"])
        .arg(&report)
        .output()
        .unwrap();
    assert!(generated.status.success(), "summary failed: {}", String::from_utf8_lossy(&generated.stderr));
    let packets = String::from_utf8_lossy(&generated.stderr)
        .split_whitespace()
        .skip_while(|w| *w != "of")
        .nth(1)
        .and_then(|n| n.parse::<usize>().ok())
        .expect("the closing line counts the packets");
    assert_eq!(packets, 6);

    let artifacts = target_dir().join("test-artifacts");
    std::fs::create_dir_all(&artifacts).unwrap();
    let pdf = artifacts.join("summary.pdf");
    let _ = std::fs::remove_file(&pdf);
    let mut print = headless(&browser, &work.path().join("profile-pdf"));
    print.arg(format!("--print-to-pdf={}", pdf.display())).arg(format!("file://{}", report.display()));
    let output = run(print);
    assert!(
        output.status.success(),
        "chromium --print-to-pdf failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let document =
        lopdf::Document::load(&pdf).unwrap_or_else(|e| panic!("{} is not a PDF: {e}", pdf.display()));
    let pages = document.get_pages().len();
    println!("{pages} pages for {packets} packets: {}", pdf.display());
    assert!(pages >= 2, "the overview and the packets cannot share one page ({pages})");
    assert!(
        pages <= packets + 1,
        "{pages} pages for {packets} packets: more than one page per packet plus one"
    );
    // No page is empty: each holds text (a content stream with a text operator).
    for (number, id) in document.get_pages() {
        let content = document.get_page_content(id);
        let text = lopdf::content::Content::decode(&content).map(|c| c.operations).unwrap_or_default();
        assert!(text.iter().any(|op| op.operator == "Tj" || op.operator == "TJ"), "page {number} is empty");
    }
}
