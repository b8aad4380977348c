//! `promolint config`: the configuration in effect and where each value
//! comes from (the config file, or promolint's defaults).

use crate::cli::{GlobalArgs, Io, Outcome};
use crate::lint::Code;

/// Runs `config`.
///
/// # Errors
/// Failed writes.
pub(crate) fn run(global: &GlobalArgs, io: &mut Io<'_>) -> anyhow::Result<Outcome> {
    let config = match super::load_config(global, io)? {
        Ok(config) => config,
        Err(outcome) => return Ok(outcome),
    };
    let out = &mut *io.out;
    let from_file = match &config.path {
        Some(path) => path.display().to_string(),
        None => "no promolint.yaml found".to_owned(),
    };
    writeln!(out, "config file:  {from_file}")?;
    let origin = |set: bool| if set { "(config file)" } else { "(default)" };
    let mut folders: Vec<String> = vec!["built-in rules".to_owned()];
    folders.extend(config.rules.iter().map(|p| format!("{} (config file)", p.display())));
    folders.extend(global.rules.iter().map(|p| format!("{} (--rules)", p.display())));
    writeln!(out, "rules:        {}", folders.join(", "))?;
    writeln!(
        out,
        "ladder:       {} {}",
        config.ladder.as_deref().unwrap_or("none"),
        origin(config.ladder.is_some())
    )?;
    writeln!(
        out,
        "target:       {} {}",
        config.target.as_deref().unwrap_or("none"),
        origin(config.target.is_some())
    )?;
    match config.min_coverage {
        Some(min) => writeln!(out, "min-coverage: {min}% (config file)")?,
        None => writeln!(out, "min-coverage: none (default)")?,
    }
    match config.scope_gap {
        Some(gap) => writeln!(out, "scope-gap:    {gap} (config file)")?,
        None => writeln!(out, "scope-gap:    {} (default)", crate::check::SCOPE_GAP)?,
    }
    if config.exclude.is_empty() {
        writeln!(out, "exclude:      none (default)")?;
    } else {
        writeln!(out, "exclude:      {} (config file)", config.exclude.join(", "))?;
    }
    writeln!(out, "lints:")?;
    let levels = config.lint_levels();
    for code in Code::ALL.iter().filter(|c| c.is_configurable()) {
        let set = config.lints.iter().rev().find(|(c, _)| c == code).map(|(_, l)| *l);
        let effective = levels.severity(*code, None).map_or("allow", |s| match s {
            crate::diagnostic::Severity::Error => "deny",
            crate::diagnostic::Severity::Warning => "warn",
            crate::diagnostic::Severity::Note => "note",
        });
        let why = match set {
            Some(_) => "(config file)",
            None if config.deny_warnings && code.default_level() == crate::lint::LintLevel::Warn => {
                "(warnings: deny)"
            }
            None => "(default)",
        };
        writeln!(out, "  {:<26} {effective:<5} {why}", code.name())?;
    }
    writeln!(out, "(-A/-W/-D on the command line override these for one run.)")?;
    Ok(Outcome::Clean)
}
