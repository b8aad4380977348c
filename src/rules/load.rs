//! Reading rule files: from the embedded built-in rules and from `--rules`
//! folders, into [`Sources`], then deserializing each into the [`model`](crate::rules::model) types.
//!
//! A file that is not valid YAML or does not follow the format becomes one
//! `invalid-rule-file` diagnostic at the exact position serde-saphyr reports;
//! the other files are still loaded. Checks across values (ids, patterns,
//! `extends`) are [`crate::rules::validate`]'s.

use std::ops::Range;
use std::path::Path;

use serde_saphyr::Spanned;

use crate::diagnostic::{Diagnostic, Label};
use crate::lint;
use crate::rules::builtin::{self, BUILTIN_PREFIX};
use crate::rules::model::{CommonRedFlagsFile, EvidenceFile, LevelFile};
use crate::rules::vocabulary::{MappingFile, VocabularyFile};
use crate::source::{FileId, Sources};

/// What a rule file holds, decided by its file name: `evidence.yaml`,
/// `red-flags.yaml`, `vocabulary.yaml`, `mapping.yaml`, `mapping-imported.yaml`,
/// `scope.yaml`, or anything else (a level).
#[derive(Debug)]
pub enum RuleFile {
    /// A ladder level.
    Level(Box<LevelFile>),
    /// The evidence kinds.
    Evidence(EvidenceFile),
    /// The common red flags.
    CommonRedFlags(CommonRedFlagsFile),
    /// The vocabulary of the lexical mapping signal.
    Vocabulary(VocabularyFile),
    /// The weights of the mapping score.
    Mapping(MappingFile),
    /// The weights for levels without patterns (an imported ladder).
    MappingImported(MappingFile),
    /// The words that place a claim on the scope scale.
    Scope(crate::rules::scope::ScopeFile),
}

/// A deserialized rule file and where it came from.
#[derive(Debug)]
pub struct LoadedFile {
    /// Its text in the run's sources.
    pub file: FileId,
    /// Whether it is one of the embedded built-in files.
    pub builtin: bool,
    /// Its contents.
    pub contents: RuleFile,
}

/// Reads the built-in rules (unless `builtin` is false) and every `.yaml` /
/// `.yml` file under each folder of `dirs` into `sources`, and deserializes
/// them. Returns the files that deserialized and a diagnostic for each that
/// did not, or could not be read (each file is opened by
/// [`crate::input::read_bytes`]: regular files only, at most
/// [`crate::input::RULE_FILE_LIMIT`] bytes, decoded as packets are); one
/// unreadable file does not stop the others from being checked. A folder
/// named twice (by canonical path) is read once.
///
/// # Errors
/// A folder of `dirs` that does not exist or is not a folder.
pub fn load_files(
    dirs: &[impl AsRef<Path>],
    builtin: bool,
    sources: &mut Sources,
) -> anyhow::Result<(Vec<LoadedFile>, Vec<Diagnostic>)> {
    let mut loaded = Vec::new();
    let mut diagnostics = Vec::new();
    if builtin {
        add_builtin(sources, &mut loaded, &mut diagnostics);
    }
    // The same folder named twice (in promolint.yaml and with --rules) is read once.
    let mut seen = std::collections::HashSet::new();
    let mut unreadable = Vec::new();
    for dir in dirs {
        let dir = dir.as_ref();
        if !dir.is_dir() {
            anyhow::bail!("rule folder {} does not exist or is not a folder", dir.display());
        }
        let canonical = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        if !seen.insert(canonical) {
            continue;
        }
        for entry in walkdir::WalkDir::new(dir).follow_links(true).sort_by_file_name() {
            // A folder entry that cannot be walked (a link loop, no permission) is
            // one diagnostic; the other files are still read.
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    let at = e.path().unwrap_or(dir);
                    let denied =
                        e.io_error().is_some_and(|io| io.kind() == std::io::ErrorKind::PermissionDenied);
                    if !(is_yaml(at) || denied || e.loop_ancestor().is_some()) {
                        continue; // e.g. a dangling link named README: not a rule file
                    }
                    let path = at.display().to_string();
                    let reason = if e.loop_ancestor().is_some() {
                        "a symbolic link loop".to_owned()
                    } else if let Err(problem) = crate::input::read_bytes(at, 0) {
                        problem.reason // the words every other file gets (a dangling link, ...)
                    } else {
                        e.io_error().map_or_else(|| e.to_string(), |io| io.to_string())
                    };
                    let file = sources.add(path, String::new());
                    unreadable.push(lint::rules::unreadable(file, 0, &reason));
                    continue;
                }
            };
            // Anything but a folder is read: a FIFO or a link to a device named
            // `*.yaml` is a diagnostic, not silently skipped.
            if entry.file_type().is_dir() || !is_yaml(entry.path()) {
                continue;
            }
            let path = entry.into_path();
            match crate::input::read_bytes(&path, crate::input::RULE_FILE_LIMIT) {
                Ok(bytes) => add_file(
                    path.display().to_string(),
                    &bytes,
                    false,
                    sources,
                    &mut loaded,
                    &mut diagnostics,
                ),
                Err(problem) => {
                    let file = sources.add(path.display().to_string(), String::new());
                    unreadable.push(lint::rules::unreadable(file, 0, &problem.reason));
                }
            }
        }
    }
    diagnostics.extend(unreadable);
    Ok((loaded, diagnostics))
}

/// Reads the built-in rules (unless `builtin` is false) and rule files given
/// as (name, text) pairs, as [`load_files`] does for folders: what `rules
/// import` checks before it writes anything.
pub fn load_texts(
    texts: &[(String, String)],
    builtin: bool,
    sources: &mut Sources,
) -> (Vec<LoadedFile>, Vec<Diagnostic>) {
    let mut loaded = Vec::new();
    let mut diagnostics = Vec::new();
    if builtin {
        add_builtin(sources, &mut loaded, &mut diagnostics);
    }
    for (name, text) in texts {
        add_file(name.clone(), text.as_bytes(), false, sources, &mut loaded, &mut diagnostics);
    }
    (loaded, diagnostics)
}

/// Adds one rule file to `sources` and deserializes it into `loaded`, or
/// Adds every embedded rule file, named under [`BUILTIN_PREFIX`].
fn add_builtin(sources: &mut Sources, loaded: &mut Vec<LoadedFile>, diagnostics: &mut Vec<Diagnostic>) {
    for (path, bytes) in builtin::files() {
        add_file(format!("{BUILTIN_PREFIX}/{path}"), bytes, true, sources, loaded, diagnostics);
    }
}

/// pushes the diagnostic saying why it does not deserialize.
fn add_file(
    name: String,
    bytes: &[u8],
    is_builtin: bool,
    sources: &mut Sources,
    loaded: &mut Vec<LoadedFile>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let text = match crate::input::decode(bytes) {
        Ok(text) => text,
        Err((reason, offset)) => {
            let file = sources.add(name, String::from_utf8_lossy(bytes).into_owned());
            let at = offset.unwrap_or(0);
            let at = crate::source::floor_char_boundary(&sources.get(file).text, at);
            diagnostics.push(lint::rules::unreadable(file, at, &reason));
            return;
        }
    };
    let file = sources.add(name.clone(), text);
    match parse(file, &name, &sources.get(file).text) {
        Ok(contents) => loaded.push(LoadedFile { file, builtin: is_builtin, contents }),
        Err(d) => diagnostics.push(*d),
    }
}

fn is_yaml(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "yaml" || e == "yml")
}

/// Deserializes one rule file; `name` decides its kind.
fn parse(file: FileId, name: &str, text: &str) -> Result<RuleFile, Box<Diagnostic>> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let result = match base {
        "evidence.yaml" | "evidence.yml" => serde_saphyr::from_str(text).map(RuleFile::Evidence),
        "red-flags.yaml" | "red-flags.yml" => serde_saphyr::from_str(text).map(RuleFile::CommonRedFlags),
        "vocabulary.yaml" | "vocabulary.yml" => serde_saphyr::from_str(text).map(RuleFile::Vocabulary),
        "mapping.yaml" | "mapping.yml" => serde_saphyr::from_str(text).map(RuleFile::Mapping),
        "mapping-imported.yaml" | "mapping-imported.yml" => {
            serde_saphyr::from_str(text).map(RuleFile::MappingImported)
        }
        "scope.yaml" | "scope.yml" => serde_saphyr::from_str(text).map(RuleFile::Scope),
        _ => serde_saphyr::from_str_with_options(text, level_options()).map(|l| RuleFile::Level(Box::new(l))),
    };
    result.map_err(|e| Box::new(yaml_error(file, text, &e)))
}

/// The YAML budget for level files: the default's alias and anchor limits
/// (against alias bombs), with room for the nodes of an imported ladder of
/// tens of thousands of expectations (about five nodes each; the default
/// allows 250,000 nodes in all).
fn level_options() -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_nodes = 2_000_000;
    budget.max_events = 4_000_000;
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    options
}

/// Turns a serde-saphyr error into a diagnostic at the position it reports.
///
/// A missing field is reported by serde-saphyr at the last key of the mapping
/// that lacks it; the diagnostic points at the mapping's first entry instead,
/// so it does not blame an unrelated key.
pub fn yaml_error(file: FileId, text: &str, error: &serde_saphyr::Error) -> Diagnostic {
    let range = error.location().and_then(|l| error_range(&l, text)).unwrap_or(0..0);
    let message = yaml_message(error);
    let range = match error.without_snippet() {
        serde_saphyr::Error::SerdeMissingField { .. } => {
            let start = mapping_start(text, range.start);
            let line_end = text[start..].find(['\n', '\r']).map_or(text.len(), |i| start + i);
            let entry = text[start..line_end].split(" #").next().unwrap_or_default().trim_end();
            start..start + entry.len()
        }
        _ => range,
    };
    lint::rules::invalid_yaml(file, range, &message)
}

/// The byte range of an error's location in `text`. Values carry byte
/// offsets; syntax errors from the parser carry only a line and a character
/// column (and a length in characters), which are converted here.
pub fn error_range(location: &serde_saphyr::Location, text: &str) -> Option<Range<usize>> {
    let span = location.span();
    if let (Some(start), Some(len)) = (span.byte_offset(), span.byte_len()) {
        return Some(clamp(start as usize..(start + len) as usize, text));
    }
    let line = usize::try_from(location.line()).ok()?.checked_sub(1)?;
    let column = usize::try_from(location.column()).ok()?.checked_sub(1)?;
    let line_start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    let rest = text.get(line_start..)?;
    let line_text = rest.split(['\n', '\r']).next().unwrap_or("");
    let start = line_start + line_text.char_indices().nth(column).map_or(line_text.len(), |(i, _)| i);
    let chars = if span == serde_saphyr::Span::UNKNOWN { 1 } else { span.len().max(1) as usize };
    let len: usize = text[start..].chars().take_while(|c| *c != '\n').take(chars).map(char::len_utf8).sum();
    Some(start..start + len)
}

/// For a key at byte `at` of a block mapping, the byte offset of the mapping's
/// first key (or of the `{` of a flow mapping). Lines holding nested values,
/// blank lines and comments are skipped; a line indented less ends the search.
fn mapping_start(text: &str, at: usize) -> usize {
    let at = crate::source::floor_char_boundary(text, at.min(text.len()));
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let prefix = &text[line_start..at];
    if !prefix.bytes().all(|b| b == b' ' || b == b'-') {
        // A flow mapping, `{id: a, area: b}`: it starts at its brace.
        return prefix.rfind('{').map_or(at, |i| line_start + i);
    }
    if prefix.contains('-') {
        // `- key:`: the key is the first of a sequence item's mapping.
        return at;
    }
    let column = prefix.len();
    let mut first = at;
    let mut cursor = line_start;
    while cursor > 0 {
        let end = cursor - 1;
        let start = text[..end].rfind('\n').map_or(0, |i| i + 1);
        let line = text[start..end].trim_end_matches('\r');
        let content = line.trim_start_matches(' ');
        let indent = line.len() - content.len();
        cursor = start;
        if content.is_empty() || content.starts_with('#') || indent > column {
            continue;
        }
        if indent == column {
            if content.starts_with("- ") || content == "-" {
                continue; // an item of a sequence that is the value of a sibling key
            }
            first = start + indent;
            continue;
        }
        // Less indented: the mapping begins here only as `- key:` with the key at our column.
        if line.get(..column).is_some_and(|head| head.bytes().all(|b| b == b' ' || b == b'-')) {
            first = start + column;
        }
        break;
    }
    first
}

/// The error's message without the snippet and the trailing position, which
/// our own rendering shows; the parser's wording for a value of the wrong
/// shape is put in the rule file's terms.
pub fn yaml_message(error: &serde_saphyr::Error) -> String {
    match error.without_snippet() {
        serde_saphyr::Error::Unexpected { expected, .. } => match *expected {
            "sequence start" => return "expected a list here".to_owned(),
            "mapping start" => return "expected a mapping (`key: value` lines) here".to_owned(),
            "string scalar" | "scalar" => return "expected a single value (a string) here".to_owned(),
            _ => {}
        },
        serde_saphyr::Error::SerdeUnknownField { field, expected, .. } => {
            if let Some(s) = crate::suggest::did_you_mean(field, expected.iter().copied()) {
                return format!("unknown field `{field}`; did you mean `{s}`?");
            }
        }
        // serde-saphyr's own wording advises a library option, which means nothing to a user.
        serde_saphyr::Error::DuplicateMappingKey { key: Some(key), .. } => {
            return format!("duplicate key `{key}`");
        }
        // The wording below would name library types and functions
        // (`Depth { depth: 65 }`, `from_str_multiple`): said in the file's terms.
        serde_saphyr::Error::Budget { breach, .. } => return budget_message(breach),
        serde_saphyr::Error::MultipleDocuments { .. } => {
            return "a second YAML document (after a `---` line); a file holds one document".to_owned();
        }
        serde_saphyr::Error::AliasReplayCounterOverflow { .. }
        | serde_saphyr::Error::AliasReplayLimitExceeded { .. }
        | serde_saphyr::Error::AliasExpansionLimitExceeded { .. }
        | serde_saphyr::Error::AliasReplayStackDepthExceeded { .. } => {
            return "aliases (`*name`) expand to more than promolint reads; write the values out".to_owned();
        }
        serde_saphyr::Error::UnknownAnchor { .. } => {
            return "an alias (`*name`) names no anchor (`&name`) defined before it".to_owned();
        }
        serde_saphyr::Error::Eof { .. } => return "the file ends in the middle of a value".to_owned(),
        serde_saphyr::Error::InvalidUtf8Input => return "the file is not UTF-8 text".to_owned(),
        _ => {}
    }
    let message = error.without_snippet().to_string();
    let message = match message.rfind(" at line ") {
        Some(i) if message[i..].contains(", column ") => message[..i].to_owned(),
        _ => message,
    };
    message.trim().to_owned()
}

/// A YAML size limit that was reached, in the file's terms.
fn budget_message(breach: &serde_saphyr::budget::BudgetBreach) -> String {
    use serde_saphyr::budget::BudgetBreach as B;
    match breach {
        B::Depth { depth } => {
            format!("lists and mappings nested {depth} deep; promolint reads less deeply nested YAML")
        }
        B::Aliases { .. } | B::Anchors { .. } | B::AliasAnchorRatio { .. } | B::MergeKeys { .. } => {
            "too many anchors or aliases (`&name`, `*name`); write the values out".to_owned()
        }
        B::Documents { .. } => {
            "a second YAML document (after a `---` line); a file holds one document".to_owned()
        }
        _ => "the YAML is larger than promolint reads (too many values or too much text)".to_owned(),
    }
}

/// The byte range of a spanned YAML value, clamped to `text`.
pub fn range_of<T>(value: &Spanned<T>, text: &str) -> Range<usize> {
    let span = value.referenced.span();
    match (span.byte_offset(), span.byte_len()) {
        (Some(start), Some(len)) => clamp(start as usize..(start + len) as usize, text),
        _ => 0..0,
    }
}

fn clamp(range: Range<usize>, text: &str) -> Range<usize> {
    let start = crate::source::floor_char_boundary(text, range.start);
    let end = crate::source::floor_char_boundary(text, range.end.max(start));
    start..end
}

/// A label over a spanned value.
pub fn label<T>(file: FileId, value: &Spanned<T>, text: &str, message: impl Into<String>) -> Label {
    Label::new(file, range_of(value, text), message)
}
