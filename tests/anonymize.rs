//! `summary --anonymize` hides the person in every format: no part of a
//! candidate's name, in any spelling (case, NFC/NFD/NFKC, doubled spaces),
//! no alias, e-mail address or handle survives; pseudonyms come from a keyed
//! hash, so adding a packet leaves the others' pseudonyms as they were; the
//! key file is written on request and never replaced without `--force`.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use assert_cmd::Command;
use promolint::summary::anonymize::fold;
use serde_json::Value;

/// Tereza's packet: her names come back in claims, red flags and a waiver,
/// spelled every way a real packet spells them.
const TEREZA: &str = "---
candidate: Tereza Anna Nováková
aliases: [Terka, tnovak]
ladder: socialbakers
target: L4
---
## Reviews
- Tereza was on most interview panels in Q3 2024 and helped with the hiring loop.
- TEREZA  NOVAKOVA led the design reviews; Anna kept the notes (PR #7).
- Worked every weekend, said Terka, to ship the Nova\u{301}kova\u{301} migration.
- Questions to tereza.novakova@example.com or @tnovak; ＴＥＲＥＺＡ helped with the rota.

<!-- promolint-waive education-plan: Nováková starts her plan in 2025 -->
";

const JAN: &str = "---
candidate: Jan Dvořák
ladder: socialbakers
target: L4
---
## Delivery
- Jan Dvorak shipped the payments migration in Q3 2024 (PAY-1); mail jan@example.org.
- Helped with the Dvořák exports.
";

const ZOE: &str = "---
candidate: Zoë Chen-Müller
ladder: generic
target: senior
---
## Scope
- Zoe Chen led the platform migration for three teams in 2024 (RFC-9); Müller wrote the plan.
";

/// The name parts no output may show, folded.
const PARTS: &[&str] = &[
    "tereza",
    "anna",
    "novakova",
    "terka",
    "tnovak",
    "jan",
    "dvorak",
    "zoe",
    "chen",
    "muller",
    "example.com",
];

fn summary(dir: &Path, args: &[&str]) -> (String, String, bool) {
    let out =
        Command::cargo_bin("promolint").unwrap().current_dir(dir).arg("summary").args(args).output().unwrap();
    (String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap(), out.status.success())
}

/// Whole words of folded `text` equal to `part` (so "jan" does not match "January").
fn shows(text: &str, part: &str) -> bool {
    fold(text)
        .split(|c: char| !c.is_alphanumeric() && c != '.')
        .any(|w| w == part || w.trim_matches('.') == part)
}

fn pseudonyms(json: &str) -> BTreeMap<String, String> {
    let v: Value = serde_json::from_str(json).unwrap();
    let mut out = BTreeMap::new();
    for p in v["packets"].as_array().unwrap() {
        // Which packet it is, told by its level and coverage, not its name.
        let id = format!("{}/{}", p["ladder"], p["coverage"]["total"]);
        out.insert(p["candidate"].as_str().unwrap().to_owned(), id);
    }
    out
}

#[test]
fn no_name_part_spelling_alias_or_address_survives_in_any_format() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("tereza.md"), TEREZA).unwrap();
    fs::write(dir.path().join("jan.md"), JAN).unwrap();
    fs::write(dir.path().join("zoe.md"), ZOE).unwrap();
    // Without --anonymize the names are there (so the test can fail).
    let (plain, _, _) = summary(dir.path(), &[".", "--format", "json"]);
    assert!(shows(&plain, "novakova") && shows(&plain, "tereza") && plain.contains("@tnovak"), "{plain}");
    for format in ["table", "markdown", "csv", "json", "html"] {
        for by in ["packet", "expectation"] {
            let (out, _, ok) = summary(dir.path(), &[".", "--anonymize", "--format", format, "--by", by]);
            assert!(ok);
            for part in PARTS {
                assert!(!shows(&out, part), "--format {format} --by {by} shows {part:?}:\n{out}");
            }
            assert!(!out.contains('@') || format == "html", "an @ survives in {format}: {out}");
            assert!(out.contains("Candidate ") || out.contains("candidate-"), "{format} --by {by}");
        }
    }
    // The quoted texts keep their sense around the pseudonym.
    let (json, _, _) = summary(dir.path(), &[".", "--anonymize", "--format", "json"]);
    assert!(json.contains("[email]") && json.contains("[handle]"), "{json}");
    let v: Value = serde_json::from_str(&json).unwrap();
    let tereza = v["packets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["level"] == "L4" && p["coverage"]["waived"] == 1)
        .unwrap();
    let name = tereza["candidate"].as_str().unwrap();
    let waiver = tereza["expectations"].as_array().unwrap().iter().find(|e| e["status"] == "waived").unwrap();
    assert_eq!(waiver["waiver"], format!("{name} starts her plan in 2025"));
}

#[test]
fn adding_a_packet_leaves_the_other_pseudonyms_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("tereza.md"), TEREZA).unwrap();
    fs::write(dir.path().join("zoe.md"), ZOE).unwrap();
    let key = dir.path().join("chair.key");
    let (before, stderr, ok) =
        summary(dir.path(), &["tereza.md", "zoe.md", "--anonymize-key", "chair.key", "--format", "json"]);
    assert!(ok && stderr.contains("wrote the pseudonym key"), "{stderr}");
    let written = fs::read_to_string(&key).unwrap();
    let file: Value = serde_json::from_str(&written).unwrap();
    assert_eq!(file["key"].as_str().unwrap().len(), 64);
    assert_eq!(file["pseudonyms"].as_array().unwrap().len(), 2);
    assert!(written.contains("Tereza Anna Nováková"), "the chair's file says who is who");

    // A packet whose name sorts first is added: nobody else is renamed.
    fs::write(dir.path().join("jan.md"), JAN).unwrap();
    let (after, stderr, ok) = summary(
        dir.path(),
        &["tereza.md", "zoe.md", "jan.md", "--anonymize-key", "chair.key", "--format", "json"],
    );
    assert!(ok, "{stderr}");
    let (before, after) = (pseudonyms(&before), pseudonyms(&after));
    assert_eq!(after.len(), 3);
    for (pseudonym, packet) in &before {
        assert_eq!(after.get(pseudonym), Some(packet), "{pseudonym} stands for the same packet");
    }
    // The key file exists: it is read, not replaced, without --force.
    assert_eq!(fs::read_to_string(&key).unwrap(), written);
    let (_, _, ok) =
        summary(dir.path(), &[".", "--anonymize-key", "chair.key", "--force", "--format", "csv"]);
    assert!(ok);
    let rewritten: Value = serde_json::from_str(&fs::read_to_string(&key).unwrap()).unwrap();
    assert_eq!(rewritten["key"], file["key"], "--force keeps the key");
    assert_eq!(rewritten["pseudonyms"].as_array().unwrap().len(), 3);

    // Without a key file each run draws its own key.
    let (one, _, _) = summary(dir.path(), &[".", "--anonymize", "--format", "json"]);
    let (two, _, _) = summary(dir.path(), &[".", "--anonymize", "--format", "json"]);
    assert_ne!(pseudonyms(&one).keys().collect::<Vec<_>>(), pseudonyms(&two).keys().collect::<Vec<_>>());

    // A damaged key file stops the run.
    fs::write(&key, "{\"version\": 1, \"key\": \"abc\"}").unwrap();
    let (_, stderr, ok) = summary(dir.path(), &[".", "--anonymize-key", "chair.key"]);
    assert!(!ok && stderr.contains("cannot use chair.key"), "{stderr}");
}
