//! Speed of `promolint check` over a generated corpus of 2,000 packets.
//!
//! The corpus (`support/corpus.rs`) is generated once into a temporary folder;
//! the built-in rules are loaded once; each iteration runs the whole check
//! pipeline (walk, read, parse, analyse, diagnose) over every packet, as
//! `promolint check DIR` does, minus the reporter. Compare with `rg` using
//! `scripts/bench-vs-rg.sh`.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use criterion::{BatchSize, Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use promolint::check::{CheckOptions, check};
use promolint::source::Sources;

#[allow(dead_code)] // shared with other benchmarks; each uses a part
#[path = "support/corpus.rs"]
mod corpus;

/// Packets in the corpus.
const PACKETS: usize = 2_000;

fn bench_check(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("cannot create a temporary folder");
    let summary = corpus::generate(dir.path(), PACKETS).expect("cannot generate the corpus");
    let mut rule_sources = Sources::new();
    let (rules, problems) = promolint::rules::load(&[] as &[&str], true, &mut rule_sources)
        .expect("cannot load the built-in rules");
    assert!(problems.is_empty(), "the built-in rules have problems");
    let paths: Vec<PathBuf> = vec![dir.path().to_path_buf()];
    let options = CheckOptions::default();

    // Every packet is linted (none skipped, none unreadable).
    let run = check(&paths, &rules, &options, &mut rule_sources.clone());
    assert_eq!(run.reports.len(), summary.packets, "every generated packet should be checked");
    assert!(run.skipped.is_empty(), "no generated packet should be skipped");
    assert!(run.reports.iter().all(|r| r.analysis.is_some()), "every packet should find its level");
    drop(run);

    // One iteration takes seconds: flat sampling (the same iteration count in
    // every sample) and criterion's minimum of 10 samples keep the run short.
    let mut group = c.benchmark_group("check");
    group
        .throughput(Throughput::Elements(PACKETS as u64))
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_secs(3))
        .measurement_time(Duration::from_secs(20));
    group.bench_function(format!("{PACKETS}-packets"), |b| {
        // Packet texts are added to a copy of the rule sources, as in the CLI,
        // so diagnostics' file ids stay meaningful; copying is not timed.
        b.iter_batched(
            || rule_sources.clone(),
            |mut sources| {
                let run = check(black_box(&paths), &rules, &options, &mut sources);
                black_box(run.reports.len())
            },
            BatchSize::PerIteration,
        );
    });
    group.finish();
}

criterion_group!(benches, bench_check);
criterion_main!(benches);
