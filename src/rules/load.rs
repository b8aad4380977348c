//! Reading rule files: from the embedded built-in rules and from `--rules`
//! folders, into [`Sources`], then deserializing each into the [`model`] types.
//!
//! A file that is not valid YAML or does not follow the format becomes one
//! `invalid-rule-file` diagnostic at the exact position serde-saphyr reports;
//! the other files are still loaded. Checks across values (ids, patterns,
//! `extends`) are [`crate::rules::validate`]'s.

use std::ops::Range;
use std::path::Path;

use anyhow::Context;
use serde_saphyr::Spanned;

use crate::diagnostic::{Diagnostic, Label};
use crate::lint;
use crate::rules::builtin::{self, BUILTIN_PREFIX};
use crate::rules::model::{CommonRedFlagsFile, EvidenceFile, LevelFile};
use crate::source::{FileId, Sources};

/// What a rule file holds, decided by its file name: `evidence.yaml`,
/// `red-flags.yaml`, or anything else (a level).
#[derive(Debug)]
pub enum RuleFile {
    /// A ladder level.
    Level(Box<LevelFile>),
    /// The evidence kinds.
    Evidence(EvidenceFile),
    /// The common red flags.
    CommonRedFlags(CommonRedFlagsFile),
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
/// did not.
///
/// # Errors
/// A folder that cannot be walked or a file that cannot be read (an
/// environment failure, not a rule-file mistake).
pub fn load_files(
    dirs: &[impl AsRef<Path>],
    builtin: bool,
    sources: &mut Sources,
) -> anyhow::Result<(Vec<LoadedFile>, Vec<Diagnostic>)> {
    let mut loaded = Vec::new();
    let mut diagnostics = Vec::new();
    let mut add = |name: String, bytes: &[u8], is_builtin: bool, sources: &mut Sources| {
        let text = match std::str::from_utf8(bytes) {
            Ok(text) => text.strip_prefix('\u{feff}').unwrap_or(text).to_owned(),
            Err(e) => {
                let file = sources.add(name, String::from_utf8_lossy(bytes).into_owned());
                let at = e.valid_up_to();
                diagnostics.push(lint::rules::not_utf8(file, at));
                return;
            }
        };
        let file = sources.add(name.clone(), text);
        match parse(file, &name, &sources.get(file).text) {
            Ok(contents) => loaded.push(LoadedFile { file, builtin: is_builtin, contents }),
            Err(d) => diagnostics.push(*d),
        }
    };
    if builtin {
        for (path, bytes) in builtin::files() {
            add(format!("{BUILTIN_PREFIX}/{path}"), bytes, true, sources);
        }
    }
    for dir in dirs {
        let dir = dir.as_ref();
        let mut paths = Vec::new();
        for entry in walkdir::WalkDir::new(dir).follow_links(true).sort_by_file_name() {
            let entry = entry.with_context(|| format!("cannot read rule folder {}", dir.display()))?;
            let is_yaml = entry.path().extension().is_some_and(|e| e == "yaml" || e == "yml");
            if entry.file_type().is_file() && is_yaml {
                paths.push(entry.into_path());
            }
        }
        for path in paths {
            let bytes =
                std::fs::read(&path).with_context(|| format!("cannot read rule file {}", path.display()))?;
            add(path.display().to_string(), &bytes, false, sources);
        }
    }
    Ok((loaded, diagnostics))
}

/// Deserializes one rule file; `name` decides its kind.
fn parse(file: FileId, name: &str, text: &str) -> Result<RuleFile, Box<Diagnostic>> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let result = match base {
        "evidence.yaml" | "evidence.yml" => serde_saphyr::from_str(text).map(RuleFile::Evidence),
        "red-flags.yaml" | "red-flags.yml" => serde_saphyr::from_str(text).map(RuleFile::CommonRedFlags),
        _ => serde_saphyr::from_str(text).map(|l| RuleFile::Level(Box::new(l))),
    };
    result.map_err(|e| Box::new(yaml_error(file, text, &e)))
}

/// Turns a serde-saphyr error into a diagnostic at the position it reports.
pub fn yaml_error(file: FileId, text: &str, error: &serde_saphyr::Error) -> Diagnostic {
    let range = error
        .location()
        .and_then(|l| {
            let span = l.span();
            Some(span.byte_offset()? as usize..(span.byte_offset()? + span.byte_len()?) as usize)
        })
        .map(|r| clamp(r, text))
        .unwrap_or(0..0);
    lint::rules::invalid_yaml(file, range, &yaml_message(error))
}

/// The error's message without the snippet and the trailing position, which
/// our own rendering shows.
pub fn yaml_message(error: &serde_saphyr::Error) -> String {
    let message = error.without_snippet().to_string();
    let message = match message.rfind(" at line ") {
        Some(i) if message[i..].contains(", column ") => message[..i].to_owned(),
        _ => message,
    };
    message.trim().to_owned()
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
