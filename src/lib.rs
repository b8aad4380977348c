//! promolint: a linter for promotion packets.
//!
//! The pipeline, one module per arrow: files ([`input`]) → [`packet::Packet`]
//! (parsed once) → [`rules::Level`] (rule files resolved) → [`analysis::Analysis`]
//! (claim ↔ expectation mapping, evidence, coverage, red flags) →
//! [`diagnostic::Diagnostic`]s → a reporter ([`report`]). The library never
//! prints: commands write through the writers they are given.

pub mod analysis;
pub mod check;
pub mod cli;
pub mod commands;
pub mod config;
pub mod diagnostic;
pub mod fsutil;
pub mod input;
pub mod lint;
pub mod lsp;
pub mod packet;
pub mod report;
pub mod rules;
pub mod source;
pub mod summary;
