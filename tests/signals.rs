//! A run stopped by SIGINT or SIGTERM while it writes a file (`-o`) removes
//! its temporary file and exits 130, leaving neither a half-written target
//! nor a `.promolint-*.tmp` behind. The write is caught in the act with
//! strace's fault injection (Debian's strace, installed by .ci/run): the
//! `fsync` of the temporary file is held for seconds, the test sees the
//! temporary file appear, then sends the signal to the promolint process.
#![cfg(target_os = "linux")]

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How long strace holds the `fsync`: longer than the cleanup may take, so
/// a temporary file that disappears was removed by the signal handler, not
/// renamed after the write finished. (strace itself exits only when the hold
/// is over, even after promolint has exited.)
const HOLD: &str = "delay_enter=10s";

fn temporary_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("readable scratch folder")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with(".promolint-") && n.ends_with(".tmp"))
        .collect()
}

/// The pid of strace's traced child that runs promolint (strace also forks
/// short-lived children of its own at start-up to probe ptrace), found by
/// its parent pid in `/proc/PID/stat`.
fn traced_promolint(strace: &Child) -> u32 {
    let parent = strace.id();
    let found = std::fs::read_dir("/proc")
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .find_map(|pid| {
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
            // "PID (COMM) STATE PPID ...": the command may hold spaces, so split after its ')'.
            let (comm, rest) = stat.split_once(" (")?.1.rsplit_once(") ")?;
            let ppid: u32 = rest.split_whitespace().nth(1)?.parse().ok()?;
            (ppid == parent && comm == "promolint").then(|| pid.parse().ok()).flatten()
        });
    found.unwrap_or_else(|| panic!("no promolint process under strace ({parent})"))
}

fn stopped_while_writing(signal: &str) {
    let dir = tempfile::tempdir().unwrap();
    let packet = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/packet.md");
    std::fs::copy(&packet, dir.path().join("packet.md")).unwrap();
    let mut strace = Command::new("strace")
        .args(["-f", "-qq", "-o", "/dev/null", "-e", "trace=fsync"])
        .arg(format!("--inject=fsync:{HOLD}"))
        .arg(assert_cmd::cargo::cargo_bin("promolint"))
        .args(["check", "packet.md", "--format", "json", "-o", "out.json"])
        .current_dir(dir.path())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("strace is required (apt-get install strace; .ci/run installs it)");
    let deadline = Instant::now() + Duration::from_secs(20);
    while temporary_files(dir.path()).is_empty() {
        if let Some(status) = strace.try_wait().unwrap() {
            panic!("the run ended ({status}) before its temporary file was seen");
        }
        assert!(Instant::now() < deadline, "no temporary file appeared");
        std::thread::sleep(Duration::from_millis(5));
    }
    let promolint = traced_promolint(&strace);
    // The shell's own `kill`: no procps needed.
    let killed = Command::new("sh").arg("-c").arg(format!("kill -{signal} {promolint}")).status().unwrap();
    assert!(killed.success(), "kill -{signal} {promolint}");
    let deadline = Instant::now() + Duration::from_secs(5);
    while !temporary_files(dir.path()).is_empty() {
        assert!(Instant::now() < deadline, "the temporary file was left behind after the signal");
        std::thread::sleep(Duration::from_millis(5));
    }
    let output = strace.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(130), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(temporary_files(dir.path()), Vec::<String>::new());
    assert!(!dir.path().join("out.json").exists(), "a target was written after the signal");
    assert!(dir.path().join("packet.md").exists());
}

#[test]
fn sigterm_during_a_write_leaves_no_temporary_file() {
    stopped_while_writing("TERM");
}

#[test]
fn sigint_during_a_write_leaves_no_temporary_file() {
    stopped_while_writing("INT");
}
