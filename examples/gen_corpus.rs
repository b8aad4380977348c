//! Writes the benchmark corpus: `cargo run --release --example gen_corpus -- DIR N`.
//!
//! DIR gets N packets (`packet-00000.md`, ...) and `patterns.txt`, the same
//! corpus `cargo bench --bench check` measures (`benches/support/corpus.rs`).
//! Prints the number of files and their total size.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};

#[allow(dead_code)] // shared with other benchmarks; each uses a part
#[path = "../benches/support/corpus.rs"]
mod corpus;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "gen_corpus: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<()> {
    let mut args = std::env::args_os().skip(1);
    let (Some(dir), Some(n), None) = (args.next(), args.next(), args.next()) else {
        bail!("usage: gen_corpus DIR N");
    };
    let dir = PathBuf::from(dir);
    let n: usize = n.to_str().and_then(|n| n.parse().ok()).context("N must be a whole number")?;
    let summary = corpus::generate(&dir, n)?;
    let patterns_path = dir.join(corpus::PATTERNS_FILE);
    let patterns_bytes = std::fs::metadata(&patterns_path)
        .with_context(|| format!("cannot stat {}", patterns_path.display()))?
        .len();
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{} packets, {} bytes ({:.1} KiB per packet on average) in {}",
        summary.packets,
        summary.packet_bytes,
        summary.packet_bytes as f64 / 1024.0 / summary.packets.max(1) as f64,
        dir.display()
    )?;
    writeln!(
        out,
        "{}: {} patterns, {} bytes; {} pattern(s) skipped (empty or multi-line)",
        patterns_path.display(),
        summary.patterns,
        patterns_bytes,
        summary.patterns_skipped
    )?;
    writeln!(out, "{} files, {} bytes in total", summary.packets + 1, summary.packet_bytes + patterns_bytes)?;
    Ok(())
}
