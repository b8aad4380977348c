//! `promolint completions SHELL` and `promolint man`: generated from the
//! clap definitions of [`crate::cli`], so they cannot drift from the
//! command line.

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs, Io, ManArgs, Outcome};

/// Prints the completion script for a shell.
///
/// # Errors
/// Failed writes.
pub(crate) fn completions(args: &CompletionsArgs, io: &mut Io<'_>) -> anyhow::Result<Outcome> {
    let mut command = Cli::command();
    clap_complete::generate(args.shell, &mut command, "promolint", &mut *io.out);
    io.out.flush()?;
    Ok(Outcome::Clean)
}

/// Prints the man page, `promolint(1)`, or a command's, `promolint-check(1)`, as roff.
///
/// # Errors
/// Failed writes.
pub(crate) fn man(args: &ManArgs, io: &mut Io<'_>) -> anyhow::Result<Outcome> {
    let mut command = Cli::command();
    command.build();
    let page = match &args.command {
        None => command,
        Some(name) => match command.find_subcommand(name) {
            Some(sub) => sub.clone().name(format!("promolint-{name}")),
            None => {
                let names: Vec<&str> = command.get_subcommands().map(|c| c.get_name()).collect();
                writeln!(io.err, "error: no command `{name}`; the commands: {}", names.join(", "))?;
                return Ok(Outcome::Failed);
            }
        },
    };
    clap_mangen::Man::new(page).render(&mut *io.out)?;
    io.out.flush()?;
    Ok(Outcome::Clean)
}
