//! The `promolint` binary: parse arguments, run, map the outcome to an exit
//! code (0 clean, 1 an error-level diagnostic, 2 the run itself failed; a
//! broken pipe is success).

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use promolint::cli::{self, Io, Outcome};

fn main() -> ExitCode {
    let cli = match cli::parse(std::env::args_os()) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let stdout = std::io::stdout();
    let color =
        cli::use_color(cli.global.color, stdout.is_terminal(), std::env::var_os("NO_COLOR").as_deref());
    // The language server's own writer thread locks stdout for each message:
    // holding the lock here for the whole run would block it.
    let mut out: Box<dyn Write> =
        if matches!(cli.command, cli::Command::Lsp) { Box::new(stdout) } else { Box::new(stdout.lock()) };
    let mut err = std::io::stderr().lock();
    let result = promolint::run(cli, &mut Io { out: &mut out, err: &mut err, color });
    let _ = out.flush();
    match result {
        Ok(outcome) => ExitCode::from(outcome as u8),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(err, "error: {e:#}");
            ExitCode::from(Outcome::Failed as u8)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
