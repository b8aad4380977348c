#!/usr/bin/env bash
# Peak memory (max resident set size) and wall time of `promolint summary` over
# generated corpora of different sizes, to show memory does not grow with the
# packets' total text: summary keeps per packet only what the report shows.
#
#   bash scripts/summary-memory.sh [N...]      # default: 1000 4000
#
# The corpora come from `examples/gen_corpus.rs` (the generator of the
# benchmarks). Each size is summarised by the release binary in the table
# (default), json and html formats, under GNU time (`apt-get install time`).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
sizes=("$@")
((${#sizes[@]})) || sizes=(1000 4000)
if [[ ! -x /usr/bin/time ]]; then
    echo "summary-memory: needs GNU time at /usr/bin/time (apt-get install time)" >&2
    exit 1
fi

cargo build --release --quiet --bin promolint --example gen_corpus
bin="$root/target/release/promolint"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

printf '%8s  %10s  %-8s  %12s  %8s  %12s\n' packets "text (KB)" format "max RSS (KB)" "wall (s)" "output (KB)"
for n in "${sizes[@]}"; do
    dir="$work/corpus-$n"
    "$root/target/release/examples/gen_corpus" "$dir" "$n" > /dev/null
    text_kb=$(( $(cat "$dir"/*.md | wc -c) / 1024 ))
    for format in table json html; do
        out="$work/out.$format"
        /usr/bin/time -v -o "$work/time.txt" "$bin" summary "$dir" --format "$format" --color never > "$out" 2> /dev/null
        rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
        wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time.txt")
        printf '%8s  %10s  %-8s  %12s  %8s  %12s\n' "$n" "$text_kb" "$format" "$rss" "$wall" $(( $(wc -c < "$out") / 1024 ))
    done
done
