//! Reading rule files: from the embedded built-in rules and from `--rules`
//! folders, into [`Sources`], then deserializing each into the [`model`](crate::rules::model) types.
//!
//! A file that is not valid YAML or does not follow the format becomes one
//! `invalid-rule-file` diagnostic at the exact position serde-saphyr reports;
//! the other files are still loaded. Checks across values (ids, patterns,
//! `extends`) are [`crate::rules::validate`]'s.

use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::rules::builtin::{self, BUILTIN_PREFIX};
use crate::rules::model::{CommonRedFlagsFile, EvidenceFile, LevelFile};
use crate::rules::vocabulary::{MappingFile, VocabularyFile};
use crate::source::{FileId, Sources};
use crate::yaml::yaml_error;

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
                    unreadable.push(crate::rules::messages::unreadable(file, 0, &reason));
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
                    unreadable.push(crate::rules::messages::unreadable(file, 0, &problem.reason));
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
            diagnostics.push(crate::rules::messages::unreadable(file, at, &reason));
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
