//! `promolint check`: lint packets and report in the chosen format.

use std::io::{Read, Write};

use anyhow::Context;

use super::Failed;
use super::check_setup::{Ready, failed_run, setup};
use crate::check::{self, CheckOptions};
use crate::cli::{CheckArgs, CheckFormat, ColorChoice, GlobalArgs, Io, Outcome};
use crate::report::github::GithubReporter;
use crate::report::gitlab::GitlabReporter;
use crate::report::human::HumanStyle;
use crate::report::json::JsonReporter;
use crate::report::location::RepoPaths;
use crate::report::sarif::SarifReporter;
use crate::report::short::ShortReporter;
use crate::report::statistics::StatisticsReporter;
use crate::report::{Reporter, RunSummary, closing_line};

/// Runs `check`.
///
/// # Errors
/// Unreadable rule folders or standard input; failed writes.
pub(crate) fn run(global: &GlobalArgs, args: CheckArgs, io: &mut Io<'_>) -> anyhow::Result<Outcome> {
    let stdin = args.paths.iter().any(|p| p.as_os_str() == "-");
    if stdin && args.paths.len() > 1 {
        let failed = Failed::message("`-` (standard input) cannot be combined with other paths".into(), io)?;
        return failed_run(&args, &failed, io);
    }
    if args.stdin_filename.is_some() && !stdin {
        let failed = Failed::message("--stdin-filename needs `-` as the path".into(), io)?;
        return failed_run(&args, &failed, io);
    }
    if let Some(path) = &args.output
        && crate::fsutil::occupied(path)
        && !args.force
    {
        writeln!(io.err, "error: {} exists; pass --force to replace it", path.display())?;
        return Ok(Outcome::Failed);
    }
    // A run that fails here (exit 2) still writes a valid document in the
    // document formats (check_setup::failed_run).
    let start = args.stdin_filename.as_deref().map(config_start);
    let Ready { config, levels, rules, mut sources } = match setup(global, &args, start.as_deref(), io)? {
        Ok(ready) => ready,
        Err(failed) => return failed_run(&args, &failed, io),
    };
    let options = CheckOptions {
        ladder: args.ladder.clone(),
        target: args.target.clone(),
        force_exclude: args.force_exclude,
        new_only: args.new_only,
        red_flags_by_meaning: args.red_flags_by_meaning,
        ..CheckOptions::from_config(config, levels)
    };
    let stdin_text = if stdin {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes).context("cannot read standard input")?;
        match crate::input::decode(&bytes) {
            Ok(text) => Some(text),
            Err((reason, _)) => {
                writeln!(io.err, "error: standard input: {reason}")?;
                return Ok(Outcome::Failed);
            }
        }
    } else {
        None
    };
    let mut summary = RunSummary::default();
    let mut errors = false;
    let mut buffer = Vec::new();
    let to_file = args.output.is_some();
    let color = if to_file { global.color == ColorChoice::Always } else { io.color };
    {
        // Packets are written as their batch is done, one write(2) per
        // buffer, not per line. A reader that closes the pipe early (`| head`)
        // stops the writing, not the run: the exit code still counts every
        // packet's diagnostics.
        let mut out: Box<dyn Write + '_> = if to_file {
            Box::new(&mut buffer)
        } else {
            Box::new(std::io::BufWriter::with_capacity(64 << 10, ClosedPipeSink::new(&mut *io.out)))
        };
        {
            let mut reporter = reporter(&args, &mut *out, color);
            let mut each =
                |sources: &crate::source::Sources,
                 result: Result<check::PacketReport<'_>, check::Skipped>| {
                    match result {
                        Ok(report) => {
                            summary.checked += 1;
                            summary.add(&report.diagnostics);
                            errors |= report.has_errors();
                            reporter.packet(sources, &report)
                        }
                        Err(skipped) => {
                            summary.skipped.push(skipped);
                            Ok(())
                        }
                    }
                };
            if let Some(text) = stdin_text {
                let name = args
                    .stdin_filename
                    .as_ref()
                    .map_or_else(|| "<stdin>".to_owned(), |p| p.display().to_string());
                let run = check::check_text(
                    &name,
                    args.stdin_filename.as_deref(),
                    text,
                    &rules,
                    &options,
                    &mut sources,
                );
                for skipped in run.skipped {
                    each(&sources, Err(skipped))?;
                }
                for report in run.reports {
                    each(&sources, Ok(report))?;
                }
            } else {
                check::check_each(&args.paths, &rules, &options, &mut sources, each)?;
            }
            reporter.finish(&sources, &summary)?;
        }
        out.flush()?;
    }
    let outcome = if errors && !args.exit_zero { Outcome::Errors } else { Outcome::Clean };
    if let Some(path) = &args.output {
        if !super::write_output(path, &buffer, args.force, io)? {
            return Ok(Outcome::Failed);
        }
        if !args.quiet {
            writeln!(io.err, "wrote {}", path.display())?;
        }
    }
    let closing = if args.quiet {
        // Diagnostics only.
        Ok(())
    } else if summary.checked == 0 && summary.skipped.is_empty() {
        writeln!(io.err, "warning: no Markdown files found in {}", describe(&args.paths))
    } else {
        writeln!(io.err, "{}", closing_line(&summary))
    };
    match closing {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(outcome),
        other => other.map(|()| outcome).map_err(Into::into),
    }
}

/// The reporter `check` writes through: `--statistics`, else `--format`.
pub(super) fn reporter<'w>(args: &CheckArgs, out: &'w mut dyn Write, color: bool) -> Box<dyn Reporter + 'w> {
    if args.statistics {
        return Box::new(StatisticsReporter::new(out));
    }
    match args.format {
        CheckFormat::Human => {
            let style = HumanStyle { quiet: args.quiet, verbose: args.verbose };
            super::human_reporter_with(out, color, style)
        }
        CheckFormat::Short => Box::new(ShortReporter::new(out).quiet(args.quiet)),
        CheckFormat::Json => Box::new(JsonReporter::new(out)),
        CheckFormat::Sarif => Box::new(SarifReporter::new(out, RepoPaths::discover())),
        CheckFormat::Github => Box::new(GithubReporter::new(out, RepoPaths::discover())),
        CheckFormat::Gitlab => Box::new(GitlabReporter::new(out, RepoPaths::discover())),
    }
}

/// Standard output that, once its reader has closed the pipe, takes every
/// further write without error and drops it, so the run goes on to its exit
/// code. Other write errors pass through.
struct ClosedPipeSink<W> {
    inner: W,
    closed: bool,
}

impl<W: Write> ClosedPipeSink<W> {
    fn new(inner: W) -> Self {
        Self { inner, closed: false }
    }
}

impl<W: Write> Write for ClosedPipeSink<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        match self.inner.write(buf) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(buf.len())
            }
            other => other,
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.closed {
            return Ok(());
        }
        match self.inner.flush() {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            other => other,
        }
    }
}

/// Where to look for promolint.yaml for a packet read from standard input:
/// the folder `--stdin-filename` names, from the current folder.
fn config_start(stdin_filename: &std::path::Path) -> std::path::PathBuf {
    let absolute = std::env::current_dir().unwrap_or_default().join(stdin_filename);
    absolute.parent().map(std::path::Path::to_path_buf).unwrap_or(absolute)
}

fn describe(paths: &[std::path::PathBuf]) -> String {
    paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
}
