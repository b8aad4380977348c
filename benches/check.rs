//! Benchmarks of `promolint check` (filled in below).
fn main() {}
