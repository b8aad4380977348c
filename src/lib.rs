//! promolint: a linter for promotion packets.
//!
//! The pipeline, one module per arrow: files ([`input`]) → [`packet::Packet`]
//! (parsed once) → [`rules::Level`] (rule files resolved) → [`analysis::Analysis`]
//! (claim ↔ expectation mapping, evidence, coverage, red flags) →
//! [`diagnostic::Diagnostic`]s → a reporter ([`report`]). The library never
//! prints: commands write through the writers they are given.
//!
//! The public modules are the library's API: what the binary ([`cli`]), the
//! tests, the benchmarks and the fuzz targets use. The commands, the language
//! server and the file-writing helpers are private to the crate (the binary
//! reaches them through [`run`]), so `unreachable_pub` flags a `pub`
//! item nothing outside can name.

pub mod analysis;
pub mod check;
pub mod cli;
mod commands;
pub mod config;
pub mod diagnostic;
mod fsutil;
pub mod input;
pub mod lint;
mod lsp;
pub mod packet;
pub mod report;
pub mod rules;
pub mod source;
pub mod suggest;
pub mod summary;
pub mod yaml;

pub use commands::run;
