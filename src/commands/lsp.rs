//! `promolint lsp`: loads the config and rules as `check` does, then hands
//! standard input and output to the language server in [`crate::lsp`].
//! Problems with the config or rule files go to standard error (editors
//! show it as the server's log) and end the run with exit code 2.

use crate::check::{CheckOptions, Linter};
use crate::cli::{GlobalArgs, Io, Outcome};

/// Runs the language server until the editor shuts it down.
///
/// # Errors
/// Unreadable rule folders; a broken connection to the editor.
pub fn run(global: &GlobalArgs, io: &mut Io<'_>) -> anyhow::Result<Outcome> {
    let config = match super::load_config(global, io)? {
        Ok(config) => config,
        Err(outcome) => return Ok(outcome),
    };
    let (rules, _sources) = match super::load_rules(global, &config, io)? {
        Ok(loaded) => loaded,
        Err(outcome) => return Ok(outcome),
    };
    let options = CheckOptions {
        default_ladder: config.ladder.clone(),
        default_target: config.target.clone(),
        levels: config.lint_levels(),
        min_coverage: config.min_coverage,
        config: Some(config),
        ..CheckOptions::default()
    };
    let linter = Linter::new(&rules, &options);
    let (connection, threads) = lsp_server::Connection::stdio();
    crate::lsp::serve(&connection, &linter)?;
    drop(connection);
    threads.join()?;
    Ok(Outcome::Clean)
}
