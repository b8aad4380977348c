//! `promolint.yaml`: the configuration file, found in the current folder or
//! the nearest parent (stopping at the repository root or the filesystem
//! root), or named with `--config`.
//!
//! ```yaml
//! rules: [rules/]            # rule folders, relative to this file
//! ladder: socialbakers       # default ladder for packets that name none
//! target: L4                 # default target for packets that name none
//! lints:                     # lint levels: allow | warn | deny
//!   unmapped-claim: warn
//!   warnings: deny           # like -D warnings
//! min-coverage: 60           # percent; below it, `coverage-below-minimum`
//! scope-gap: 1               # scale steps below the level's scope that `scope-below-level` needs (default 2)
//! exclude: ["drafts/**"]     # globs (relative to this file) skipped when walking
//! ```
//!
//! Every mistake (bad YAML, unknown key, unknown lint code or level, a
//! percentage or scope gap out of range, a bad glob) is a diagnostic pointing into the
//! file; the command line's `-A`/`-W`/`-D` win over `lints`.

use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::diagnostic::{Diagnostic, Label};
use crate::lint::{Code, LintLevel, LintLevels};
use crate::source::{FileId, Sources};
use crate::suggest::{self, did_you_mean};
use crate::yaml::{label, yaml_error};

/// The config file's name.
pub const FILE_NAME: &str = "promolint.yaml";

/// A lint code and its level, each with its span.
type Pair = (Spanned<String>, Spanned<String>);

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Raw {
    #[serde(default)]
    rules: Vec<Spanned<String>>,
    #[serde(default)]
    ladder: Option<Spanned<String>>,
    #[serde(default)]
    target: Option<Spanned<String>>,
    #[serde(default, deserialize_with = "ordered_pairs")]
    lints: Vec<Pair>,
    #[serde(default)]
    min_coverage: Option<Spanned<f64>>,
    #[serde(default)]
    scope_gap: Option<Spanned<i64>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
}

/// A YAML mapping as (key, value) pairs in file order, so that later lint
/// settings win as later flags do.
fn ordered_pairs<'de, D>(d: D) -> Result<Vec<Pair>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    struct Pairs;
    impl<'de> serde::de::Visitor<'de> for Pairs {
        type Value = Vec<Pair>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a mapping of lint codes to allow, warn or deny")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some(pair) = map.next_entry()? {
                out.push(pair);
            }
            Ok(out)
        }
    }
    d.deserialize_map(Pairs)
}

/// The configuration in effect, with where it came from.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The file read, if any.
    pub path: Option<PathBuf>,
    /// Rule folders, resolved against the config file's folder.
    pub rules: Vec<PathBuf>,
    /// Default ladder for packets that name none.
    pub ladder: Option<String>,
    /// Default target for packets that name none.
    pub target: Option<String>,
    /// Where the file's text is: its id in the [`Sources`] given to [`load`].
    pub file: Option<FileId>,
    /// Byte range of the `ladder` value in the file.
    pub ladder_range: Option<std::ops::Range<usize>>,
    /// Byte range of the `target` value in the file.
    pub target_range: Option<std::ops::Range<usize>>,
    /// Lint levels set in the file, in file order.
    pub lints: Vec<(Code, LintLevel)>,
    /// `lints: {warnings: deny}`.
    pub deny_warnings: bool,
    /// Minimum coverage in percent, 0..=100.
    pub min_coverage: Option<f32>,
    /// `scope-gap`: how many steps of the scope scale (1..=4) the widest
    /// covering claim must be below the level's scope for
    /// `scope-below-level`; `None` is the default, [`crate::check::SCOPE_GAP`].
    pub scope_gap: Option<usize>,
    /// Exclude globs as written.
    pub exclude: Vec<String>,
    /// The compiled exclude globs.
    pub exclude_set: Option<GlobSet>,
    /// The folder globs and rule folders are relative to.
    pub base: PathBuf,
}

impl Config {
    /// The lint levels the file sets, over the defaults.
    pub fn lint_levels(&self) -> LintLevels {
        let mut levels = LintLevels::default();
        for (code, level) in &self.lints {
            levels.set(*code, *level);
        }
        if self.deny_warnings {
            levels.deny_warnings();
        }
        levels
    }

    /// Whether a walked file is excluded by the `exclude` globs.
    pub fn excludes(&self, path: &Path) -> bool {
        let Some(set) = &self.exclude_set else { return false };
        let absolute = if path.is_absolute() {
            path.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(path)
        };
        let relative = absolute.strip_prefix(&self.base).unwrap_or(path);
        let relative = relative.strip_prefix(".").unwrap_or(relative);
        set.is_match(relative)
    }
}

/// The config file for a run started in `start`: `promolint.yaml` there or in
/// the nearest parent, not looking above a folder holding `.git`.
///
/// Anything named `promolint.yaml` counts, even a folder, a FIFO or a
/// dangling symbolic link: [`load`] then reports it, rather than the search
/// going on silently to a parent's config.
pub fn discover(start: &Path) -> Option<PathBuf> {
    for dir in start.ancestors() {
        let candidate = dir.join(FILE_NAME);
        if std::fs::symlink_metadata(&candidate).is_ok() {
            return Some(candidate);
        }
        if dir.join(".git").exists() {
            break;
        }
    }
    None
}

/// Reads and validates a config file (at most [`crate::input::CONFIG_LIMIT`]
/// bytes, opened by [`crate::input::read_file`]). Its text is added to `sources`.
///
/// # Errors
/// `Err(diagnostics)` lists every problem in the file; a file that cannot be
/// read (missing, not a regular file, too large, not text) is one diagnostic
/// naming it.
pub fn load(path: &Path, sources: &mut Sources) -> Result<Config, Vec<Diagnostic>> {
    let name = path.display().to_string();
    let text = match crate::input::read_file(path, crate::input::CONFIG_LIMIT) {
        Ok(text) => text,
        Err(problem) => {
            let file = sources.add(name, String::new());
            return Err(vec![invalid(
                Label::new(file, 0..0, ""),
                &format!("cannot read the config file: {}", problem.reason),
            )]);
        }
    };
    let file = sources.add(name, text);
    let text = &sources.get(file).text;
    let raw: Raw = if text.trim().is_empty() {
        Raw::default()
    } else {
        match serde_saphyr::from_str(text) {
            Ok(raw) => raw,
            Err(e) => {
                let mut d = yaml_error(file, text, &e);
                d.code = Code::InvalidConfig;
                d.message = d.message.replacen("invalid rule file", "invalid config file", 1);
                d.help = Some(
                    "promolint.yaml keys: rules, ladder, target, lints, min-coverage, scope-gap, exclude"
                        .into(),
                );
                return Err(vec![d]);
            }
        }
    };
    let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let base = if base.as_os_str().is_empty() { PathBuf::from(".") } else { base };
    let base = std::fs::canonicalize(&base).unwrap_or(base);
    validate(raw, file, text, base, path)
}

fn invalid(at: Label, message: &str) -> Diagnostic {
    Diagnostic::new(Code::InvalidConfig, message.to_owned(), at)
}

fn validate(
    raw: Raw,
    file: FileId,
    text: &str,
    base: PathBuf,
    path: &Path,
) -> Result<Config, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let mut config = Config { path: Some(path.to_path_buf()), base: base.clone(), ..Config::default() };
    for dir in &raw.rules {
        let resolved = base.join(&dir.value);
        if !resolved.is_dir() {
            problems.push(invalid(
                label(file, dir, text, "not a folder"),
                &format!("rule folder `{}` does not exist", dir.value),
            ));
        }
        config.rules.push(resolved);
    }
    config.file = Some(file);
    config.ladder_range = raw.ladder.as_ref().map(|l| label(file, l, text, "").range);
    config.target_range = raw.target.as_ref().map(|t| label(file, t, text, "").range);
    config.ladder = raw.ladder.map(|l| l.value);
    config.target = raw.target.map(|t| t.value);
    for (name, level) in &raw.lints {
        let parsed_level = match level.value.as_str() {
            "allow" => Some(LintLevel::Allow),
            "warn" => Some(LintLevel::Warn),
            "deny" => Some(LintLevel::Deny),
            other => {
                let d = invalid(
                    label(file, level, text, "not a lint level"),
                    &format!("unknown lint level `{other}`"),
                )
                .with_help("a lint level is one of: allow, warn, deny");
                problems.push(d);
                None
            }
        };
        if name.value == "warnings" {
            match parsed_level {
                Some(LintLevel::Deny) => config.deny_warnings = true,
                Some(_) => problems
                    .push(invalid(label(file, level, text, ""), "`warnings` can only be set to `deny`")),
                None => {}
            }
            continue;
        }
        match name.value.parse::<Code>() {
            Ok(code) if code.is_configurable() => {
                if let Some(l) = parsed_level {
                    config.lints.push((code, l));
                }
            }
            Ok(code) => problems.push(invalid(
                label(file, name, text, "always an error"),
                &format!("`{code}` is always an error and cannot be configured"),
            )),
            Err(_) => {
                let names =
                    Code::ALL.iter().filter(|c| c.is_configurable()).map(|c| c.name()).chain(["warnings"]);
                let mut d = invalid(
                    label(file, name, text, "unknown lint code"),
                    &format!("unknown lint code `{}`", name.value),
                );
                if let Some(s) = did_you_mean(&name.value, names) {
                    d = d.with_help(format!("did you mean `{s}`?"));
                }
                problems.push(d);
            }
        }
    }
    if let Some(min) = &raw.min_coverage {
        if (0.0..=100.0).contains(&min.value) {
            config.min_coverage = Some(min.value as f32);
        } else {
            problems.push(
                invalid(
                    label(file, min, text, "out of range"),
                    "`min-coverage` is a percentage from 0 to 100",
                )
                .with_help("for example `min-coverage: 60`"),
            );
        }
    }
    if let Some(gap) = &raw.scope_gap {
        match usize::try_from(gap.value) {
            Ok(g @ 1..=4) => config.scope_gap = Some(g),
            _ => problems.push(
                invalid(
                    label(file, gap, text, "out of range"),
                    "`scope-gap` is a number of scope steps from 1 to 4",
                )
                .with_help(
                    "`scope-gap: 1` flags one team's work where cross-team reach is asked; the default is 2",
                ),
            ),
        }
    }
    let mut builder = GlobSetBuilder::new();
    for glob in &raw.exclude {
        match Glob::new(&glob.value) {
            Ok(g) => {
                builder.add(g);
                config.exclude.push(glob.value.clone());
            }
            Err(e) => problems
                .push(invalid(label(file, glob, text, "bad glob"), &format!("invalid glob: {}", e.kind()))),
        }
    }
    if !config.exclude.is_empty() {
        config.exclude_set = builder.build().ok();
    }
    if problems.is_empty() { Ok(config) } else { Err(problems) }
}

/// The config's default `ladder` and `target` checked once against the rule
/// set, each problem pointing at the value in promolint.yaml (a run with
/// them fails with exit 2, rather than every packet reporting it). A
/// `target` without a `ladder` must be a level of some ladder, since packets
/// name theirs.
pub fn check_defaults(config: &Config, rules: &crate::rules::RuleSet) -> Vec<Diagnostic> {
    let Some(file) = config.file else { return Vec::new() };
    let at = |range: &Option<std::ops::Range<usize>>, message: &str| {
        Label::new(file, range.clone().unwrap_or(0..0), message)
    };
    let mut problems = Vec::new();
    let ladder = match &config.ladder {
        Some(id) => match rules.find_ladder(id) {
            Ok(ladder) => Some(ladder),
            Err(unknown) => {
                let d = invalid(
                    at(&config.ladder_range, "no such ladder"),
                    &format!("unknown ladder `{id}`"),
                )
                .with_note(format!("known ladders: {}", unknown.known.join(", ")))
                .with_help(unknown.help().unwrap_or_else(|| {
                    "`promolint ladders` lists the ladders; `rules:` in promolint.yaml adds your own".into()
                }));
                problems.push(d);
                // The target cannot be checked against a ladder that is not there.
                return problems;
            }
        },
        None => None,
    };
    let Some(target) = &config.target else { return problems };
    match ladder {
        Some(ladder) => {
            if let Err(unknown) = ladder.find_level(target) {
                let mut d = invalid(
                    at(&config.target_range, "no such level"),
                    &format!("ladder `{}` has no level `{target}`", ladder.id),
                )
                .with_note(format!(
                    "levels of `{}`: {}",
                    ladder.id,
                    unknown.known.join(", ")
                ));
                d.help = unknown.help();
                problems.push(d);
            }
        }
        None => {
            let levels: Vec<_> = rules.levels().collect();
            if let Err(unknown) = suggest::lookup(target, &levels, |l| &l.id) {
                let mut d = invalid(
                    at(&config.target_range, "no such level"),
                    &format!("no ladder has a level `{target}`"),
                );
                d.help = unknown.help();
                problems.push(d);
            }
        }
    }
    problems
}
