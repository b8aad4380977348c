//! Speed of the static word embeddings (`analysis::semantic`): reading the
//! built-in table once, and embedding 10,000 short claim-like texts (5 to 15
//! words, generated from a fixed word list) per iteration.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use promolint::analysis::semantic::StaticEmbedding;

/// Texts embedded per iteration.
const TEXTS: usize = 10_000;

const WORDS: &[&str] = &[
    "mentored",
    "two",
    "junior",
    "engineers",
    "through",
    "onboarding",
    "shipped",
    "the",
    "billing",
    "migration",
    "reduced",
    "p99",
    "latency",
    "by",
    "40%",
    "led",
    "incident",
    "review",
    "for",
    "Q3",
    "outage",
    "designed",
    "a",
    "new",
    "caching",
    "layer",
    "interviewed",
    "candidates",
    "hired",
    "three",
    "wrote",
    "RFC-123",
    "on",
    "call",
    "rotation",
    "owned",
    "roadmap",
    "cross-team",
    "alignment",
    "with",
    "product",
    "and",
    "design",
    "improved",
    "test",
    "coverage",
    "from",
    "60%",
    "to",
    "85%",
    "unaffable",
    "Kubernetes",
    "deploys",
    "dashboards",
    "résumé",
    "stakeholders",
    "budget",
    "deprecated",
    "legacy",
    "service",
];

/// `TEXTS` deterministic texts of 5 to 15 words (a linear congruential generator).
fn texts() -> Vec<String> {
    let mut state: u64 = 0x5eed;
    let mut next = move || {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (state >> 33) as usize
    };
    (0..TEXTS)
        .map(|_| {
            let n = 5 + next() % 11;
            (0..n).map(|_| WORDS[next() % WORDS.len()]).collect::<Vec<_>>().join(" ")
        })
        .collect()
}

fn bench_embed(c: &mut Criterion) {
    let texts = texts();
    let mut group = c.benchmark_group("embed");
    group.sample_size(20).measurement_time(Duration::from_secs(10));
    group.bench_function("read-builtin-table", |b| {
        b.iter(|| {
            StaticEmbedding::from_bytes(
                include_bytes!("../data/embeddings/minilm-256.bin"),
                include_str!("../data/embeddings/vocab.txt"),
            )
            .expect("the built-in table is valid")
        })
    });
    let table = StaticEmbedding::builtin();
    group.throughput(Throughput::Elements(TEXTS as u64));
    group.bench_function("10k-short-texts", |b| {
        b.iter(|| {
            for t in &texts {
                black_box(table.embed(black_box(t)));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench_embed);
criterion_main!(benches);
