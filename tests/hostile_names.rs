//! Strict validation, the user-visible half (issue 17, item 5): file names
//! that are not UTF-8 are linted and shown by their escaped bytes, each
//! under its own name and fingerprint; SARIF URIs never read as a scheme;
//! front-matter values keep their source text; YAML library wording is said
//! in the file's terms.

use serde_json::Value;

mod support;
use support::{Run, run};

fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    dir
}

const PACKET: &str = "---\nladder: socialbakers\ntarget: L4\n---\n- Mentored two new hires in 2024.\n";

/// A repository whose `packets/` holds two packets named `p\xFF.md` and
/// `p\xFE.md`: names that are not UTF-8 and differ only in that byte.
#[cfg(unix)]
fn non_utf8_packets() -> tempfile::TempDir {
    use std::os::unix::ffi::OsStrExt;
    let repo = repo();
    let dir = repo.path().join("packets");
    std::fs::create_dir(&dir).unwrap();
    for name in [&b"p\xff.md"[..], &b"p\xfe.md"[..]] {
        std::fs::write(dir.join(std::ffi::OsStr::from_bytes(name)), PACKET).unwrap();
    }
    repo
}

#[cfg(unix)]
#[test]
fn non_utf8_file_names_are_linted_under_their_escaped_bytes() {
    let repo = non_utf8_packets();
    let Run { code, out, err } = run(repo.path(), &["check", "packets", "--format", "json"]);
    assert_eq!(code, 1, "{err}");
    let doc: Value = serde_json::from_str(&out).unwrap();
    let mut paths: Vec<&str> =
        doc["packets"].as_array().unwrap().iter().map(|p| p["path"].as_str().unwrap()).collect();
    paths.sort();
    assert_eq!(paths, ["packets/p\\xFE.md", "packets/p\\xFF.md"], "both linted, each by its own name");

    let Run { out, .. } = run(repo.path(), &["check", "packets", "--format", "sarif"]);
    let log: Value = serde_json::from_str(&out).unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    let fingerprint = |uri: &str| -> Vec<String> {
        let mut f: Vec<String> = results
            .iter()
            .filter(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == uri)
            .map(|r| r["partialFingerprints"]["promolint/v1"].as_str().unwrap().to_owned())
            .collect();
        f.sort();
        f
    };
    let (ff, fe) = (fingerprint("packets/p%5CxFF.md"), fingerprint("packets/p%5CxFE.md"));
    assert!(!ff.is_empty() && !fe.is_empty(), "{results:#?}");
    assert!(ff.iter().all(|f| !fe.contains(f)), "the two files share no fingerprint");

    // The human output shows the same escaped name.
    let Run { out, .. } = run(repo.path(), &["check", "packets"]);
    assert!(out.contains("packets/p\\xFF.md"), "{out}");
}

/// `summary` names each non-UTF-8 file as `check` does: two names that
/// differ only in bytes that are not UTF-8 get two rows and two pseudonyms.
#[cfg(unix)]
#[test]
fn summary_keeps_non_utf8_file_names_apart_in_rows_and_pseudonyms() {
    let repo = non_utf8_packets();
    let paths = |args: &[&str]| -> Vec<String> {
        let Run { code, out, err } = run(repo.path(), args);
        assert_eq!(code, 0, "{err}");
        let doc: Value = serde_json::from_str(&out).unwrap();
        let mut paths: Vec<String> = doc["packets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["path"].as_str().unwrap().to_owned())
            .collect();
        paths.sort();
        paths
    };
    let named = paths(&["summary", "packets", "--format", "json"]);
    assert_eq!(named, ["packets/p\\xFE.md", "packets/p\\xFF.md"], "each row under its own name");
    let anonymized = paths(&["summary", "packets", "--format", "json", "--anonymize"]);
    assert_eq!(anonymized.len(), 2);
    assert_ne!(anonymized[0], anonymized[1], "two files, two pseudonyms: {anonymized:?}");
}

#[test]
fn sarif_uri_with_a_colon_in_its_first_segment_is_a_relative_reference() {
    let repo = repo();
    std::fs::write(repo.path().join("c:packet #1.md"), PACKET).unwrap();
    let Run { out, .. } = run(repo.path(), &["check", "c:packet #1.md", "--format", "sarif"]);
    let log: Value = serde_json::from_str(&out).unwrap();
    let uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(uri, "c%3Apacket%20%231.md");
}

#[test]
fn front_matter_numbers_keep_their_source_text_in_diagnostics() {
    let repo = repo();
    std::fs::write(repo.path().join("p.md"), "---\nladder: socialbakers\ntarget: 1.10\n---\n- Did it.\n")
        .unwrap();
    let Run { code, out, err } = run(repo.path(), &["check", "p.md", "--format", "json"]);
    assert_eq!(code, 1, "{err}");
    let doc: Value = serde_json::from_str(&out).unwrap();
    let packet = &doc["packets"][0];
    assert_eq!(packet["level"], "1.10");
    let d = packet["diagnostics"].as_array().unwrap().iter().find(|d| d["code"] == "unknown-level").unwrap();
    assert!(d["message"].as_str().unwrap().contains("no level `1.10`"), "{d}");
}

#[test]
fn yaml_library_wording_is_said_in_the_files_terms() {
    let repo = repo();
    // Front matter nested deeper than the YAML reader's budget, under a key
    // promolint does not read.
    let deep =
        format!("---\ntitle: {}{}\nladder: socialbakers\n---\n- Did it.\n", "[".repeat(200), "]".repeat(200));
    std::fs::write(repo.path().join("deep.md"), deep).unwrap();
    let Run { code, out, err } = run(repo.path(), &["check", "deep.md", "--format", "json"]);
    assert_eq!(code, 1, "{err}");
    let doc: Value = serde_json::from_str(&out).unwrap();
    let d = &doc["packets"][0]["diagnostics"][0];
    assert_eq!(d["code"], "invalid-front-matter", "{doc:#}");
    let message = d["message"].as_str().unwrap();
    assert!(!message.contains("Depth {") && !message.contains("budget"), "{message}");
    assert!(message.contains("nested"), "{message}");
    std::fs::write(repo.path().join("p.md"), PACKET).unwrap();

    // Two documents in one file.
    std::fs::write(repo.path().join("promolint.yaml"), "ladder: socialbakers\n---\ntarget: L4\n").unwrap();
    let Run { code, err, .. } = run(repo.path(), &["check", "p.md"]);
    assert_eq!(code, 2, "{err}");
    assert!(!err.contains("from_str_multiple"), "{err}");
    assert!(err.contains("a second YAML document"), "{err}");
    assert!(err.contains("promolint.yaml:"), "with a place: {err}");
}
