//! Meta-tests over the built-in rule set (`rules/`, embedded in the binary):
//! it loads cleanly, its ids are unique and its patterns compile, the five
//! levels of the design exist, every statement of the ladder documents in
//! `fixtures/ladders/` is encoded, `rules import` of those documents finds
//! every curated expectation, and the rule-file JSON Schema is current and
//! accepts every built-in file.
//!
//! `SNAPSHOTS=overwrite cargo test --test builtin_rules` rewrites
//! `schemas/rule-file.schema.json` from the Rust types.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use promolint::diagnostic::Diagnostic;
use promolint::report::Reporter;
use promolint::report::short::ShortReporter;
use promolint::rules::model::LevelFile;
use promolint::rules::repair::repair;
use promolint::rules::{self, Level, RuleSet, import, validate};
use promolint::source::Sources;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// The built-in levels of DESIGN.md: (ladder id, level id, ladder document).
const LEVELS: [(&str, &str, &str); 5] = [
    ("socialbakers", "L4", "socialbakers-engineer-l4.md"),
    ("socialbakers", "value-stream-architect", "socialbakers-value-stream-architect.md"),
    ("meetup", "principal-platform-architect", "meetup-principal-platform-architect.md"),
    ("joe-and-the-juice", "IC4", "joe-and-the-juice-ic4.md"),
    ("generic", "senior", "unnamed-senior-engineer.md"),
];

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn ladder_document(name: &str) -> String {
    let path: PathBuf = manifest_dir().join("fixtures/ladders").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Diagnostics as `path:line:col: severity[code]: message` lines, for failure messages.
fn render(sources: &Sources, diagnostics: &[Diagnostic]) -> String {
    let mut out = Vec::new();
    ShortReporter::new(&mut out).diagnostics(sources, diagnostics).expect("rendering to memory");
    String::from_utf8_lossy(&out).into_owned()
}

fn builtin() -> (RuleSet, Sources) {
    let mut sources = Sources::new();
    let (rules, diagnostics) =
        rules::load(&[] as &[&str], true, &mut sources).expect("the built-in rules are readable");
    assert!(
        diagnostics.is_empty(),
        "built-in rule files have {} problem(s):\n{}",
        diagnostics.len(),
        render(&sources, &diagnostics)
    );
    (rules, sources)
}

fn level<'a>(rules: &'a RuleSet, ladder: &str, id: &str) -> &'a Level {
    rules
        .ladder(ladder)
        .and_then(|l| l.level(id))
        .unwrap_or_else(|| panic!("built-in level {ladder}/{id} is missing"))
}

/// Collapses runs of white space to one space and trims.
fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The built-in level files, parsed with the loader's own types.
fn builtin_level_files() -> Vec<(String, LevelFile)> {
    promolint::rules::builtin::files()
        .into_iter()
        .filter(|(path, _)| path.contains('/') && !path.ends_with("/scope.yaml"))
        .map(|(path, bytes)| {
            let text = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{path}: {e}"));
            let file: LevelFile = serde_saphyr::from_str(text).unwrap_or_else(|e| panic!("{path}: {e}"));
            (path, file)
        })
        .collect()
}

#[test]
fn every_builtin_file_loads_without_diagnostics() {
    let (rules, sources) = builtin();
    let yaml_files = promolint::rules::builtin::files().len();
    assert_eq!(sources.len(), yaml_files, "every embedded rule file is read");
    assert!(rules.levels().count() >= LEVELS.len());
    let mut kinds: Vec<&str> = rules.evidence.iter().map(|e| e.kind.as_str()).collect();
    kinds.sort_unstable();
    assert_eq!(
        kinds,
        ["date", "feedback", "link", "metric", "reference"],
        "evidence.yaml defines every kind"
    );
    assert_eq!(rules.common_red_flags.len(), validate::common_red_flag_codes().len());
}

#[test]
fn the_five_design_levels_exist_with_their_ids() {
    let (rules, sources) = builtin();
    for (ladder, id, _) in LEVELS {
        let level = level(&rules, ladder, id);
        assert_eq!(level.ladder, ladder);
        assert_eq!(level.id, id, "level id as DESIGN.md writes it");
        assert!(level.builtin);
        assert!(!level.expectations.is_empty(), "{ladder}/{id} has no expectations");
        // The file lives at rules/<ladder>/<level>.yaml, as docs/rule-files.md asks.
        let file = &sources.get(level.origin.file).name;
        assert_eq!(file, &format!("<built-in>/rules/{ladder}/{}.yaml", id.to_lowercase()));
    }
    // Ids match case-insensitively, as packets' front matter may write them.
    assert_eq!(rules.ladder("SocialBakers").and_then(|l| l.level("l4")).map(|l| l.id.as_str()), Some("L4"));
}

#[test]
fn ids_are_unique_per_level_and_every_pattern_compiles() {
    let is_kebab = |id: &str| {
        !id.is_empty()
            && id
                .split('-')
                .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
    };
    let mut problems = Vec::new();
    for (path, file) in builtin_level_files() {
        for (kind, ids) in [
            ("expectation", file.expectations.iter().map(|e| &e.id.value).collect::<Vec<_>>()),
            ("red flag", file.red_flags.iter().map(|r| &r.id.value).collect()),
        ] {
            let mut seen = HashSet::new();
            for id in ids {
                if !seen.insert(id.to_lowercase()) {
                    problems.push(format!("{path}: {kind} id `{id}` is not unique"));
                }
                if !is_kebab(id) {
                    problems.push(format!("{path}: {kind} id `{id}` is not kebab-case"));
                }
            }
        }
        let patterns = file
            .expectations
            .iter()
            .flat_map(|e| &e.patterns)
            .chain(file.red_flags.iter().flat_map(|r| &r.patterns));
        for pattern in patterns {
            if let Err(e) = validate::compile_pattern(&pattern.value) {
                problems.push(format!("{path}: pattern `{}` does not compile: {e}", pattern.value));
            }
        }
    }
    // The shared files and the resolved levels (bases included) too.
    let (rules, _) = builtin();
    let shared = rules
        .evidence
        .iter()
        .flat_map(|e| &e.patterns)
        .chain(rules.common_red_flags.iter().flat_map(|c| &c.flag.patterns));
    for pattern in shared {
        if let Err(e) = validate::compile_pattern(pattern) {
            problems.push(format!("shared pattern `{pattern}` does not compile: {e}"));
        }
    }
    for level in rules.levels() {
        let mut seen = HashSet::new();
        for e in &level.expectations {
            if !seen.insert(e.id.to_lowercase()) {
                problems.push(format!("{}: expectation `{}` appears twice", level.qualified_id(), e.id));
            }
        }
        let mut seen = HashSet::new();
        for r in &level.red_flags {
            if !seen.insert(r.id.to_lowercase()) {
                problems.push(format!("{}: red flag `{}` appears twice", level.qualified_id(), r.id));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// One statement of a ladder document.
#[derive(Debug)]
enum Statement {
    /// A bullet, or a paragraph that is not a label: its text, links kept
    /// in Markdown form (`[text](url)`) as the rule files write them.
    Text(String),
    /// A bold label that opens a sub-area ("**Scope** _gloss_"): the label.
    Label(String),
}

/// The statements of a ladder document, found with pulldown-cmark: every list
/// item (without its nested lists) and every paragraph outside lists, with
/// encoding damage repaired and white space normalised. A paragraph that
/// opens with a short bold run followed by nothing or by emphasis only is a
/// label ("**Scope** _Area of ownership_").
fn statements(markdown: &str) -> Vec<Statement> {
    // One buffer per open list item or top-level paragraph.
    let mut buffers: Vec<String> = Vec::new();
    // The `](url)` that closes each open link.
    let mut link_ends: Vec<String> = Vec::new();
    let mut out = Vec::new();
    let mut item_depth = 0usize;
    let mut heading = false;
    let (mut strong, mut emphasis) = (0usize, 0usize);
    // For the current top-level paragraph: its leading bold text, and
    // whether plain text (neither bold nor emphasised) came after it.
    let mut label: Option<String> = None;
    let mut plain = false;
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::Heading { .. }) => heading = true,
            Event::End(TagEnd::Heading(_)) => heading = false,
            Event::Start(Tag::Item) => {
                item_depth += 1;
                buffers.push(String::new());
            }
            Event::End(TagEnd::Item) => {
                item_depth -= 1;
                let text = buffers.pop().unwrap_or_default();
                out.push(Statement::Text(normalise(&repair(&text))));
            }
            Event::Start(Tag::Paragraph) if item_depth == 0 => {
                buffers.push(String::new());
                label = None;
                plain = false;
            }
            Event::End(TagEnd::Paragraph) if item_depth == 0 => {
                let text = normalise(&repair(&buffers.pop().unwrap_or_default()));
                match label.take().map(|l| normalise(&repair(&l))) {
                    Some(l) if !plain && !l.is_empty() && l.split_whitespace().count() <= 6 => {
                        out.push(Statement::Label(l));
                    }
                    _ => out.push(Statement::Text(text)),
                }
            }
            Event::Start(Tag::Strong) => strong += 1,
            Event::End(TagEnd::Strong) => strong -= 1,
            Event::Start(Tag::Emphasis) => emphasis += 1,
            Event::End(TagEnd::Emphasis) => emphasis -= 1,
            Event::Start(Tag::Link { dest_url, .. }) => {
                if let Some(top) = buffers.last_mut() {
                    top.push('[');
                }
                link_ends.push(format!("]({dest_url})"));
            }
            Event::End(TagEnd::Link) => {
                let end = link_ends.pop().unwrap_or_default();
                if let Some(top) = buffers.last_mut() {
                    top.push_str(&end);
                }
            }
            Event::Text(t) | Event::Code(t) if !heading => {
                if item_depth == 0 {
                    let empty = buffers.last().is_none_or(|b| b.trim().is_empty());
                    if strong > 0 && (empty || label.is_some()) && !plain {
                        label.get_or_insert_with(String::new).push_str(&t);
                    } else if strong == 0 && emphasis == 0 && !t.trim().is_empty() {
                        plain = true;
                    }
                }
                if let Some(top) = buffers.last_mut() {
                    top.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(top) = buffers.last_mut() {
                    top.push(' ');
                }
            }
            _ => {}
        }
    }
    out.retain(|s| !matches!(s, Statement::Text(t) | Statement::Label(t) if t.is_empty()));
    out
}

#[test]
fn every_statement_of_every_ladder_is_in_the_builtin_rules() {
    let (rules, _) = builtin();
    let mut missing = Vec::new();
    let mut checked = 0;
    for (ladder, id, document) in LEVELS {
        let level = level(&rules, ladder, id);
        let expectations: HashSet<String> = level.expectations.iter().map(|e| normalise(&e.text)).collect();
        let red_flags: HashSet<String> = level.red_flags.iter().map(|r| normalise(&r.text)).collect();
        let notes: Vec<String> = level.notes.iter().map(|n| normalise(n)).collect();
        let summary = level.summary.as_deref().map(normalise);
        let source = level.source_note.as_deref().map(normalise).unwrap_or_default();
        let areas: HashSet<&str> = level.expectations.iter().flat_map(|e| e.area.split(" / ")).collect();
        let statements = statements(&ladder_document(document));
        assert!(statements.len() >= 10, "{document}: only {} statements found", statements.len());
        for statement in statements {
            checked += 1;
            let found = match &statement {
                Statement::Text(text) => {
                    expectations.contains(text)
                        || red_flags.contains(text)
                        || notes.iter().any(|n| n == text || n.ends_with(&format!(": {text}")))
                        || summary.as_ref() == Some(text)
                        || source.contains(text.as_str())
                }
                Statement::Label(label) => areas.contains(label.as_str()),
            };
            if !found {
                missing.push(format!("{ladder}/{id} ({document}): {statement:?}"));
            }
        }
    }
    assert!(checked > 150, "only {checked} statements checked");
    assert!(
        missing.is_empty(),
        "{} ladder statement(s) are not in the built-in rules (as an expectation, red flag, note, \
         summary or in `source`; a label as an area):\n{}",
        missing.len(),
        missing.join("\n")
    );
}

#[test]
fn import_of_each_ladder_finds_every_builtin_expectation() {
    let (rules, _) = builtin();
    let mut missing = Vec::new();
    for (ladder, id, document) in LEVELS {
        let imported = import::import(&ladder_document(document), ladder, id, document).expect("imports");
        let texts: HashSet<String> = imported.expectations.iter().map(|e| normalise(&e.text)).collect();
        for e in &level(&rules, ladder, id).expectations {
            if !texts.contains(&normalise(&e.text)) {
                missing.push(format!("{ladder}/{id}: `{}` {:?}", e.id, e.text));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "`rules import` misses {} curated expectation(s):\n{}",
        missing.len(),
        missing.join("\n")
    );
}

#[test]
fn imported_rule_files_load_without_diagnostics() {
    let dir = tempfile::tempdir().unwrap();
    for (ladder, id, document) in LEVELS {
        let imported = import::import(&ladder_document(document), ladder, id, document).expect("imports");
        let yaml = import::to_yaml(&imported).expect("the imported level serializes");
        let path = dir.path().join(ladder).join(format!("{}.yaml", id.to_lowercase()));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, yaml).unwrap();
    }
    let mut sources = Sources::new();
    let (rules, diagnostics) = rules::load(&[dir.path()], false, &mut sources).expect("readable");
    assert!(diagnostics.is_empty(), "{}", render(&sources, &diagnostics));
    for (ladder, id, document) in LEVELS {
        let imported = import::import(&ladder_document(document), ladder, id, document).expect("imports");
        let loaded = level(&rules, ladder, id);
        assert!(!loaded.builtin);
        assert_eq!(loaded.expectations.len(), imported.expectations.len(), "{ladder}/{id}");
        assert_eq!(loaded.red_flags.len(), imported.red_flags.len(), "{ladder}/{id}");
    }
}

fn schema_path() -> PathBuf {
    manifest_dir().join("schemas/rule-file.schema.json")
}

#[test]
fn json_schema_file_is_current() {
    snapbox::assert_data_eq!(
        rules::schema::level_file_schema(),
        // Byte for byte: no JSON re-formatting, no snapbox wildcards or path filters.
        snapbox::Data::read_from(&schema_path(), Some(snapbox::data::DataFormat::Text)).raw()
    );
}

fn schema_validator() -> jsonschema::Validator {
    let schema: serde_json::Value =
        serde_json::from_str(&rules::schema::level_file_schema()).expect("the schema is JSON");
    jsonschema::validator_for(&schema).expect("the schema is a valid JSON Schema")
}

#[test]
fn every_builtin_level_file_is_valid_against_the_schema() {
    let validator = schema_validator();
    let mut problems = Vec::new();
    let mut checked = 0;
    for (path, bytes) in promolint::rules::builtin::files() {
        if !path.contains('/') || path.ends_with("/scope.yaml") {
            continue; // evidence.yaml, red-flags.yaml and scope.yaml have formats of their own
        }
        let text = std::str::from_utf8(bytes).unwrap();
        let value: serde_json::Value = serde_saphyr::from_str(text).unwrap_or_else(|e| panic!("{path}: {e}"));
        checked += 1;
        for error in validator.iter_errors(&value) {
            problems.push(format!("{path}: {error} (at {})", error.instance_path()));
        }
    }
    assert!(checked >= LEVELS.len());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The schema is strict enough to catch what the loader rejects, so an editor
/// flags it as the user types.
#[test]
fn schema_rejects_unknown_keys_missing_fields_and_bad_severities() {
    let validator = schema_validator();
    let valid = serde_json::json!({
        "ladder": "acme", "ladder-name": "Acme", "level": "L1", "title": "Engineer L1",
        "expectations": [{"id": "ship", "area": "Delivery", "text": "Ships", "patterns": ["\\bship\\b"]}]
    });
    assert!(validator.is_valid(&valid));
    let mut unknown_key = valid.clone();
    unknown_key["expectations"][0]["patern"] = serde_json::json!(["x"]);
    assert!(!validator.is_valid(&unknown_key), "unknown key `patern` accepted");
    let mut missing_text = valid.clone();
    missing_text["expectations"][0].as_object_mut().unwrap().remove("text");
    assert!(!validator.is_valid(&missing_text), "expectation without `text` accepted");
    let mut bad_severity = valid.clone();
    bad_severity["expectations"][0]["severity"] = "fatal".into();
    assert!(!validator.is_valid(&bad_severity), "severity `fatal` accepted");
    let mut no_title = valid;
    no_title.as_object_mut().unwrap().remove("title");
    assert!(!validator.is_valid(&no_title), "level without `title` accepted");
}

/// Every built-in expectation's examples, linted as claims of a packet for
/// that level, cover that expectation: following "evidence could be: ..."
/// in the help of `uncovered-expectation` must work.
#[test]
fn every_builtin_example_maps_to_its_own_expectation() {
    let (rules, _) = builtin();
    let mut problems = Vec::new();
    let mut examples = 0;
    for level in rules.levels() {
        let matcher = promolint::analysis::LevelMatcher::new(level, &rules);
        examples += level.expectations.iter().map(|e| e.examples.len()).sum::<usize>();
        for u in promolint::analysis::consistency::unmapped_examples(level, &matcher) {
            let e = &level.expectations[u.expectation];
            problems.push(format!(
                "{}/{} `{}` example {}: {:?}",
                level.ladder,
                level.id,
                e.id,
                u.example + 1,
                e.examples[u.example]
            ));
        }
    }
    assert!(examples >= 150, "only {examples} examples in the built-in rules");
    assert!(
        problems.is_empty(),
        "examples that do not map to their own expectation:\n{}",
        problems.join("\n")
    );
}
