//! `promolint lsp`: loads the config and rules as `check` does (the start-up
//! set; documents under another `promolint.yaml` get that one's), then hands
//! standard input and output to the language server in [`crate::lsp`].
//! Problems with the config or rule files go to standard error (editors
//! show it as the server's log) and end the run with exit code 2.

use crate::cli::{GlobalArgs, Io, Outcome};
use crate::lsp::{Loaded, Workspaces};

/// Runs the language server until the editor shuts it down.
///
/// # Errors
/// Unreadable rule folders; a broken connection to the editor.
pub(crate) fn run(global: &GlobalArgs, io: &mut Io<'_>) -> anyhow::Result<Outcome> {
    let super::Session { config, rules, .. } = match super::Session::load(global, io)? {
        Ok(session) => session,
        Err(outcome) => return Ok(outcome),
    };
    // The file the configuration came from (none when no promolint.yaml was found).
    let startup_config = config.path.clone();
    let workspaces = Workspaces::new(
        Loaded::new(rules, config),
        startup_config,
        global.config.is_some(),
        global.rules.clone(),
    );
    let (connection, threads) = lsp_server::Connection::stdio();
    crate::lsp::serve(&connection, workspaces)?;
    drop(connection);
    threads.join()?;
    Ok(Outcome::Clean)
}
