//! One module per command. Each takes parsed arguments and an [`Io`], writes
//! through it, and returns an [`Outcome`].

pub mod check;
pub mod explain;
pub mod ladders;
pub mod rules;

use crate::cli::{GlobalArgs, Io, Outcome};
use crate::report::Reporter;
use crate::report::human::HumanReporter;
use crate::rules::RuleSet;
use crate::source::Sources;

/// Loads the built-in rules and `--rules` folders. Problems in rule files are
/// rendered to standard error (they are about the run, not the packets) and
/// give `Err(Outcome::Failed)`.
///
/// # Errors
/// A rule folder or file that cannot be read.
pub fn load_rules(
    global: &GlobalArgs,
    io: &mut Io<'_>,
) -> anyhow::Result<Result<(RuleSet, Sources), Outcome>> {
    let mut sources = Sources::new();
    let (rules, diagnostics) = crate::rules::load(&global.rules, true, &mut sources)?;
    if diagnostics.is_empty() {
        return Ok(Ok((rules, sources)));
    }
    human_reporter(&mut *io.err, io.color).diagnostics(&sources, &diagnostics)?;
    writeln!(
        io.err,
        "error: the rule files have {} problem(s); fix them first (`promolint rules check`)",
        diagnostics.len()
    )?;
    Ok(Err(Outcome::Failed))
}

/// A human reporter over a plain writer, coloured or not.
pub fn human_reporter<'w>(out: &'w mut dyn std::io::Write, color: bool) -> Box<dyn Reporter + 'w> {
    if color {
        Box::new(HumanReporter::new(termcolor::Ansi::new(out)))
    } else {
        Box::new(HumanReporter::new(termcolor::NoColor::new(out)))
    }
}
