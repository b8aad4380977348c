//! `promolint summary`: golden files for every format over
//! `fixtures/summary/packets/`, and the properties the goldens cannot show:
//! the CSV parses back, the JSON round-trips, anonymisation is the same in
//! every format, sorting, `--output` refusing to replace a file.
//!
//! The goldens (`fixtures/summary/expected/`) are rendered by the library's
//! `summary::render`, the code the binary runs, from one summary of the
//! fixtures with paths relative to `fixtures/summary/` (linting is slow in a
//! debug build, so it is done once); two cases run the binary from that folder
//! and must give the same bytes. After a reviewed change, rewrite them with
//! `SNAPSHOTS=overwrite cargo test --test summary` and read the diff.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use assert_cmd::Command;
use promolint::check::CheckOptions;
use promolint::summary::json::JsonSummary;
use promolint::summary::{self, Detail, Format, SortKey, Summary, View};
use serde::Deserialize;

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/summary")
}

/// The fixtures summarised once, unsorted, with paths as `promolint summary
/// packets` run from `fixtures/summary/` shows them.
fn fixture() -> &'static Summary {
    static SUMMARY: OnceLock<Summary> = OnceLock::new();
    SUMMARY.get_or_init(|| {
        let mut sources = promolint::source::Sources::new();
        let (rules, problems) = promolint::rules::load(&[] as &[&str], true, &mut sources).unwrap();
        assert!(problems.is_empty(), "the built-in rules load cleanly");
        let dir = fixture_dir();
        let mut s = summary::collect::summarize(
            &[dir.join("packets")],
            &rules,
            &CheckOptions::default(),
            &mut sources,
            Detail::Quotes,
        );
        let prefix = format!("{}/", dir.display());
        for row in &mut s.packets {
            row.path = row.path.strip_prefix(&prefix).expect("paths under the fixture folder").to_owned();
        }
        s
    })
}

/// How to render, as the command line would say it.
#[derive(Clone, Copy)]
struct Args {
    format: Format,
    by: View,
    sort: SortKey,
    anonymize: bool,
    width: Option<usize>,
    color: bool,
}

const DEFAULT: Args = Args {
    format: Format::Table,
    by: View::Packet,
    sort: SortKey::Name,
    anonymize: false,
    width: None,
    color: false,
};

fn args(format: Format) -> Args {
    Args { format, ..DEFAULT }
}

/// What `promolint summary packets` with `a` prints: anonymise, sort, render.
fn render(a: Args) -> String {
    let mut s = fixture().clone();
    if a.anonymize {
        s.anonymize(&promolint::summary::anonymize::Key::from_bytes([7; 32]));
    }
    s.sort(a.sort);
    let mut out = Vec::new();
    summary::render(&s, a.format, a.by, &mut out, a.color, a.width).unwrap();
    String::from_utf8(out).expect("summary output is UTF-8")
}

fn to_json(a: Args) -> JsonSummary {
    serde_json::from_str(&render(Args { format: Format::Json, ..a })).unwrap()
}

const EXPECTATION: Args = Args { by: View::Expectation, ..DEFAULT };

/// The golden cases: file name under `expected/` and how to render it.
fn golden() -> Vec<(&'static str, Args)> {
    vec![
        ("table.txt", DEFAULT),
        ("table-width-80.txt", Args { width: Some(80), ..DEFAULT }),
        ("table-by-expectation.txt", EXPECTATION),
        ("markdown.txt", args(Format::Markdown)),
        ("markdown-by-expectation.txt", Args { format: Format::Markdown, ..EXPECTATION }),
        ("markdown-anonymized.txt", Args { anonymize: true, ..args(Format::Markdown) }),
        ("csv.csv", args(Format::Csv)),
        ("csv-by-expectation.csv", Args { format: Format::Csv, ..EXPECTATION }),
        ("json.json", args(Format::Json)),
        ("html.html", args(Format::Html)),
        ("html-by-expectation.html", Args { format: Format::Html, ..EXPECTATION }),
    ]
}

fn assert_golden(name: &str, actual: String) {
    let expected = fixture_dir().join("expected").join(name);
    // `raw()` and plain text: byte for byte, no snapbox wildcards or path filters.
    snapbox::assert_data_eq!(
        actual,
        snapbox::Data::read_from(&expected, Some(snapbox::data::DataFormat::Text)).raw()
    );
}

#[test]
fn every_format_matches_its_golden_file() {
    let mut failed = Vec::new();
    for (name, a) in golden() {
        if std::panic::catch_unwind(|| assert_golden(name, render(a))).is_err() {
            failed.push(name);
        }
    }
    assert!(failed.is_empty(), "summary outputs that differ from their golden file: {failed:?}");
}

fn promolint() -> Command {
    let mut cmd = Command::cargo_bin("promolint").expect("the promolint binary is built");
    cmd.current_dir(fixture_dir()).env_remove("NO_COLOR").env_remove("COLUMNS");
    cmd
}

/// The binary prints the same bytes as the goldens, and counts on stderr.
#[test]
fn the_binary_prints_the_golden_output() {
    let runs: Vec<(&str, std::process::Output)> = std::thread::scope(|scope| {
        let cases = [("table.txt", "table"), ("html-by-expectation.html", "html")];
        let handles: Vec<_> = cases
            .iter()
            .map(|&(name, format)| {
                scope.spawn(move || {
                    let mut cmd = promolint();
                    cmd.args(["summary", "packets", "--format", format]);
                    if format == "html" {
                        cmd.args(["--by", "expectation"]);
                    }
                    (name, cmd.output().unwrap())
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for (name, output) in runs {
        assert_eq!(output.status.code(), Some(0), "{name}: {}", String::from_utf8_lossy(&output.stderr));
        assert_eq!(
            String::from_utf8_lossy(&output.stderr),
            "summarised 5 of 6 packet(s); 1 could not be summarised; \
             skipped 1 Markdown file(s) without promolint front matter\n"
        );
        assert_golden(name, String::from_utf8(output.stdout).unwrap());
    }
}

#[test]
fn the_narrow_table_fits_80_columns_and_cuts_long_names() {
    let table = std::fs::read_to_string(fixture_dir().join("expected/table-width-80.txt")).unwrap();
    for line in table.lines() {
        assert!(line.chars().count() <= 80, "line wider than 80 columns: {line:?}");
    }
    assert!(table.contains('…'), "long names are cut with an ellipsis");
    assert!(table.contains("left out to fit"), "columns left out are mentioned");
}

#[test]
fn table_is_coloured_only_when_asked() {
    assert!(render(Args { color: true, ..DEFAULT }).contains("\x1b["));
    assert!(!render(DEFAULT).contains('\x1b'));
}

/// The packet rows of the CSV, parsed back with the csv crate, by path.
fn csv_rows(text: &str) -> (Vec<String>, Vec<BTreeMap<String, String>>) {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| {
            let r = r.expect("every CSV record parses");
            assert_eq!(r.len(), header.len(), "every record has as many fields as the header");
            header.iter().cloned().zip(r.iter().map(String::from)).collect()
        })
        .collect();
    (header, rows)
}

#[test]
fn csv_parses_back_to_the_json_numbers() {
    let text = render(args(Format::Csv));
    assert!(
        text.ends_with("\r\n") && text.matches("\r\n").count() == text.matches('\n').count(),
        "CRLF records"
    );
    let json: JsonSummary = to_json(DEFAULT);
    let (header, rows) = csv_rows(&text);
    assert_eq!(header[..4], ["path", "candidate", "ladder", "level"]);
    assert_eq!(rows.len(), json.packets.len(), "one record per packet");
    for (row, packet) in rows.iter().zip(&json.packets) {
        assert_eq!(row["path"], packet.path);
        assert_eq!(row["candidate"], packet.candidate.clone().unwrap_or_default());
        match &packet.coverage {
            Some(c) => {
                assert_eq!(row["covered"], c.covered.to_string());
                assert_eq!(row["uncovered"], c.uncovered.to_string());
                assert_eq!(row["coverage_percent"].parse::<f32>().unwrap(), c.percent);
                assert_eq!(row["error"], "");
            }
            None => assert_eq!(row["error"], packet.error.clone().unwrap()),
        }
        assert_eq!(row["behaviour_red_flags"], packet.behaviour_red_flags.to_string());
        assert_eq!(row["writing_smells"], packet.writing_smells.to_string());
    }
    // The hostile name survives quoting unchanged.
    assert!(rows.iter().any(|r| r["candidate"] == "Mallory <script>alert(1)</script>"));
    // Per-area columns hold covered counts for the packet's own level only.
    let ada = rows.iter().find(|r| r["path"] == "packets/ada-l4.md").unwrap();
    assert_eq!(ada["socialbakers/L4: Is expected to (of 10)"], "4");
    assert_eq!(ada["generic/senior: Scope (of 1)"], "");

    let (header, rows) = csv_rows(&render(Args { format: Format::Csv, ..EXPECTATION }));
    let levels: usize = json.levels.iter().map(|l| l.expectations.len()).sum();
    assert_eq!(rows.len(), levels, "one record per expectation of every level");
    assert_eq!(header.len(), 9 + json.totals.summarised, "one column per summarised packet");
    let lead = rows.iter().find(|r| r["expectation"] == "lead-reviews").unwrap();
    assert_eq!(lead["covered"], "2");
    assert_eq!(lead["packets/bob-l4.md"], "covered");
    assert_eq!(lead["packets/carol-senior.md"], "", "a packet of another level has no status");
}

#[test]
fn csv_defuses_formulas() {
    assert_eq!(promolint::summary::csv::defuse("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
    assert_eq!(promolint::summary::csv::defuse("Ada"), "Ada");
}

/// The contract as a reader outside this crate would declare it (docs/summary-json.md).
#[derive(Debug, Deserialize)]
struct Contract {
    version: u32,
    anonymized: bool,
    levels: Vec<ContractLevel>,
    packets: Vec<ContractPacket>,
    totals: BTreeMap<String, serde_json::Value>,
    skipped: usize,
}

#[derive(Debug, Deserialize)]
struct ContractLevel {
    ladder: String,
    level: String,
    expectations: Vec<BTreeMap<String, serde_json::Value>>,
    packets: usize,
}

#[derive(Debug, Deserialize)]
struct ContractPacket {
    path: String,
    candidate: Option<String>,
    coverage: Option<BTreeMap<String, f64>>,
    areas: Vec<BTreeMap<String, serde_json::Value>>,
    expectations: Vec<BTreeMap<String, serde_json::Value>>,
    weak_claims: Vec<BTreeMap<String, serde_json::Value>>,
    red_flags: usize,
    behaviour_red_flags: usize,
    writing_smells: usize,
    red_flag_findings: Vec<BTreeMap<String, serde_json::Value>>,
    error: Option<String>,
}

#[test]
fn json_round_trips_and_follows_the_documented_contract() {
    let text = render(args(Format::Json));
    // Through the library's own types: nothing is lost or added.
    let parsed: JsonSummary = serde_json::from_str(&text).unwrap();
    assert_eq!(serde_json::to_string_pretty(&parsed).unwrap() + "\n", text);
    // Through a reader's types written from the documentation.
    let c: Contract = serde_json::from_str(&text).unwrap();
    assert_eq!(c.version, 1);
    assert!(!c.anonymized);
    assert_eq!(c.skipped, 1);
    assert_eq!(c.packets.len(), 6);
    assert_eq!(c.totals["packets"], 6);
    let l4 = c.levels.iter().find(|l| l.ladder == "socialbakers" && l.level == "L4").unwrap();
    assert_eq!(l4.packets, 3);
    assert_eq!(l4.expectations.len(), 19);
    let ada = c.packets.iter().find(|p| p.path == "packets/ada-l4.md").unwrap();
    assert_eq!(ada.candidate.as_deref(), Some("Ada Lovelace"));
    let coverage = ada.coverage.as_ref().unwrap();
    assert_eq!((coverage["covered"], coverage["waived"], coverage["percent"]), (4.0, 1.0, 22.2));
    assert_eq!(ada.areas.len(), 3);
    let waived = ada.expectations.iter().find(|e| e["status"] == "waived").unwrap();
    assert_eq!(waived["id"], "education-plan");
    assert_eq!(waived["waiver"], "my education plan starts in January 2025");
    assert_eq!(ada.weak_claims[0]["line"], 23);
    assert_eq!((ada.red_flags, ada.behaviour_red_flags, ada.writing_smells), (1, 0, 1));
    assert_eq!(ada.red_flag_findings[0]["code"], "vague-claim");
    assert_eq!(ada.red_flag_findings[0]["kind"], "writing");
    assert_eq!(ada.red_flag_findings[0]["line"], 25);
    let broken = c.packets.last().unwrap();
    assert!(broken.coverage.is_none() && broken.expectations.is_empty());
    assert!(broken.error.as_deref().unwrap().contains("has no level"));
}

#[test]
fn sort_orders() {
    let order = |sort: SortKey| -> Vec<String> {
        let s = to_json(Args { sort, ..DEFAULT });
        s.packets.into_iter().map(|p| p.path.trim_start_matches("packets/").to_owned()).collect()
    };
    assert_eq!(
        order(SortKey::Name),
        ["ada-l4.md", "bob-l4.md", "carol-senior.md", "dan-senior.md", "mallory-l4.md", "unknown-level.md"]
    );
    assert_eq!(
        order(SortKey::Coverage),
        ["ada-l4.md", "carol-senior.md", "bob-l4.md", "dan-senior.md", "mallory-l4.md", "unknown-level.md"]
    );
    assert_eq!(
        order(SortKey::RedFlags),
        ["bob-l4.md", "dan-senior.md", "ada-l4.md", "mallory-l4.md", "carol-senior.md", "unknown-level.md"]
    );
}

#[test]
fn anonymisation_is_the_same_in_every_format() {
    let real = [
        "Ada",
        "Lovelace",
        "Bob Okafor",
        "Carol",
        "Dan Brooks",
        "Mallory",
        "Erin",
        "ada-l4",
        "unknown-level",
    ];
    let json: JsonSummary = to_json(Args { anonymize: true, ..DEFAULT });
    assert!(json.anonymized);
    // Each packet has its own pseudonym, the same in its path and its name.
    let pseudonyms: BTreeMap<String, String> =
        json.packets.iter().map(|p| (p.path.clone(), p.candidate.clone().unwrap())).collect();
    assert_eq!(pseudonyms.len(), 6);
    for (path, name) in &pseudonyms {
        let code = name.strip_prefix("Candidate ").unwrap();
        assert_eq!(code.len(), 5, "{name}");
        assert_eq!(*path, format!("candidate-{}.md", code.to_lowercase()));
    }
    let sorted: JsonSummary = to_json(Args { anonymize: true, sort: SortKey::Coverage, ..DEFAULT });
    let by_path =
        |s: &JsonSummary, path: &str| s.packets.iter().find(|p| p.path == path).unwrap().coverage.clone();
    for path in pseudonyms.keys() {
        assert_eq!(by_path(&json, path), by_path(&sorted, path), "{path} is the same packet in both runs");
    }
    // Dan Brooks's name is masked where his packet's text repeats it.
    let dan =
        json.packets.iter().find(|p| p.weak_claims.iter().any(|c| c.text.contains("was involved"))).unwrap();
    let dan_name = dan.candidate.clone().unwrap();
    assert!(dan.weak_claims.iter().any(|c| c.text.starts_with(&format!("{dan_name} was involved"))));

    let (_, csv) = csv_rows(&render(Args { anonymize: true, ..args(Format::Csv) }));
    let from_csv: BTreeMap<String, String> =
        csv.iter().map(|r| (r["path"].clone(), r["candidate"].clone())).collect();
    assert_eq!(from_csv, pseudonyms);
    let summarised: Vec<&String> =
        json.packets.iter().filter(|p| p.coverage.is_some()).map(|p| &p.path).collect();
    for format in [Format::Table, Format::Markdown, Format::Csv, Format::Json, Format::Html] {
        for by in [View::Packet, View::Expectation] {
            let out = render(Args { format, by, anonymize: true, ..DEFAULT });
            for name in real {
                assert!(!out.contains(name), "{format:?} --by {by:?} --anonymize still shows {name:?}");
            }
            // The CSV matrix names packets by path, and leaves out the one not summarised.
            if by == View::Expectation && format == Format::Csv {
                for path in &summarised {
                    assert!(out.contains(path.as_str()), "{format:?} --by {by:?} lacks {path}");
                }
            } else {
                for name in pseudonyms.values() {
                    assert!(out.contains(name.as_str()), "{format:?} --by {by:?} lacks {name}");
                }
            }
        }
    }
}

#[test]
fn output_writes_a_file_and_refuses_to_replace_one_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("summary.html");
    let packets = fixture_dir().join("packets");
    let run = |force: bool| {
        let mut cmd = promolint();
        cmd.arg("summary").arg(&packets).args(["--format", "html", "--output"]).arg(&file);
        if force {
            cmd.arg("--force");
        }
        cmd.output().unwrap()
    };
    let first = run(false);
    assert_eq!(first.status.code(), Some(0));
    assert!(first.stdout.is_empty(), "nothing on stdout when writing a file");
    let html = std::fs::read_to_string(&file).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));

    std::fs::write(&file, "keep me").unwrap();
    let refused = run(false);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("exists; pass --force"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "keep me");

    assert_eq!(run(true).status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), html);
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, ["summary.html"], "no temporary file left behind");
}

#[test]
fn a_folder_with_no_packets_is_not_an_error() {
    let dir = tempfile::tempdir().unwrap();
    promolint()
        .arg("summary")
        .arg(dir.path())
        .args(["--format", "json"])
        .assert()
        .success()
        .stderr(predicates::str::contains("warning: no packets found"));
}

#[test]
fn markdown_escapes_packet_text() {
    let md = render(args(Format::Markdown));
    assert!(md.contains(r"Mallory \<script\>alert(1)\</script\>"));
    assert!(!md.replace("\\<", "").contains('<'), "every < is escaped");
}

#[test]
fn html_escapes_packet_text_and_fetches_nothing() {
    let html = render(Args { format: Format::Html, ..EXPECTATION });
    assert!(!html.contains("<script"), "no script element");
    assert!(!html.contains("<img"), "no img element");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    for external in ["<link", " src=\"", "@import", "url("] {
        assert!(!html.contains(external), "the page refers to something outside it: {external}");
    }
    assert!(html.contains("@media print"), "a print stylesheet");
    assert!(html.contains("Content-Security-Policy"));
}

/// Every element of the HTML report carries each attribute once: a second
/// `class` is dropped by browsers, and with it the styling of red-flag kinds.
#[test]
fn html_elements_never_repeat_an_attribute() {
    // Attribute values are escaped (`&quot;`, `&gt;`), so a quoted value
    // never holds a quote and a tag ends at the first `>`.
    let tag = regex::Regex::new(r"<[a-zA-Z][^>]*>").unwrap();
    let attribute = regex::Regex::new(r#"\s([a-zA-Z-]+)="[^"]*""#).unwrap();
    for a in [args(Format::Html), Args { format: Format::Html, ..EXPECTATION }] {
        let html = render(a);
        let mut tags = 0;
        for t in tag.find_iter(&html) {
            let mut names: Vec<&str> =
                attribute.captures_iter(t.as_str()).filter_map(|c| c.get(1)).map(|m| m.as_str()).collect();
            let all = names.len();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), all, "an attribute is repeated in {}", t.as_str());
            tags += 1;
        }
        assert!(tags > 100, "the report has its elements ({tags})");
    }
}

#[test]
fn summary_skips_the_files_check_skips_for_the_same_reason() {
    let mut sources = promolint::source::Sources::new();
    let (rules, _) = promolint::rules::load(&[] as &[&str], true, &mut sources).unwrap();
    let run = promolint::check::check(
        &[fixture_dir().join("packets")],
        &rules,
        &CheckOptions::default(),
        &mut sources,
    );
    assert_eq!(run.skipped.len(), 1, "the fixture folder holds one README");
    assert_eq!(run.skipped[0].reason, "no promolint front matter");
    assert_eq!(fixture().skipped, run.skipped);
}
