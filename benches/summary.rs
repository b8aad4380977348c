//! Speed of `promolint summary` over a generated corpus of 1,000 packets.
//!
//! The corpus (`support/corpus.rs`, shared with the check benchmark) is
//! generated once into a temporary folder and the built-in rules loaded once.
//! `summarize` times what `promolint summary DIR` does before printing: walk,
//! read, lint and boil each batch of packets down to summary rows; the
//! `render-*` cases time each format over the finished summary. Peak memory is
//! measured on the release binary instead, with `scripts/summary-memory.sh`.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use promolint::check::CheckOptions;
use promolint::source::Sources;
use promolint::summary::{self, Detail, Format, SortKey, View};

#[allow(dead_code)]
#[path = "support/corpus.rs"]
mod corpus;

/// Packets in the corpus.
const PACKETS: usize = 1_000;

fn bench_summary(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("cannot create a temporary folder");
    let generated = corpus::generate(dir.path(), PACKETS).expect("cannot generate the corpus");
    let mut sources = Sources::new();
    let (rules, problems) =
        promolint::rules::load(&[] as &[&str], true, &mut sources).expect("cannot load the built-in rules");
    assert!(problems.is_empty(), "the built-in rules have problems");
    let paths: Vec<PathBuf> = vec![dir.path().to_path_buf()];
    let options = CheckOptions::default();

    let mut finished = summary::collect::summarize(&paths, &rules, &options, &mut sources, Detail::Quotes);
    assert_eq!(finished.packets.len(), generated.packets, "every generated packet is summarised");
    assert!(finished.packets.iter().all(|p| p.coverage.is_some()), "every packet finds its level");
    finished.sort(SortKey::Name);

    let mut group = c.benchmark_group("summary");
    group
        .throughput(Throughput::Elements(PACKETS as u64))
        .sample_size(10)
        .warm_up_time(Duration::from_secs(3))
        .measurement_time(Duration::from_secs(20));
    group.bench_function(format!("summarize-{PACKETS}-packets"), |b| {
        b.iter(|| {
            let s = summary::collect::summarize(
                black_box(&paths),
                &rules,
                &options,
                &mut sources,
                Detail::Quotes,
            );
            black_box(s.packets.len())
        });
    });
    for (name, format) in [
        ("table", Format::Table),
        ("markdown", Format::Markdown),
        ("csv", Format::Csv),
        ("json", Format::Json),
        ("html", Format::Html),
    ] {
        group.bench_function(format!("render-{name}-{PACKETS}-packets"), |b| {
            b.iter(|| {
                let mut out = Vec::new();
                summary::render(black_box(&finished), format, View::Packet, &mut out, false, None)
                    .expect("rendering into memory");
                black_box(out.len())
            });
        });
    }
    group.finish();
}

criterion_group!(benches, bench_summary);
criterion_main!(benches);
