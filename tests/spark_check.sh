#!/usr/bin/env bash
# The Spark map step gives the same graph as a single-machine ingest: 1000 synthetic
# documents are annotated by examples/spark/annotate.py (local[2], 4 partitions) and the
# part files loaded with `diplograph load`; the same JSON Lines file is ingested directly;
# the sorted N-Quads exports must be byte-identical.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=target/release
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin/examples/synth_corpus" --docs 1000 --seed 3 --out "$tmp/synth" 2>/dev/null
.venv/bin/python examples/spark/to_jsonl.py "$tmp/synth/docs" > "$tmp/corpus.jsonl"
.venv/bin/python examples/spark/annotate.py --master 'local[2]' --partitions 4 \
  --input "$tmp/corpus.jsonl" --output "$tmp/parts" --bin "$bin/diplograph" 2> "$tmp/spark.log" \
  || { tail -40 "$tmp/spark.log"; exit 1; }
parts=$(ls "$tmp"/parts/part-* | wc -l)
"$bin/diplograph" load --store "$tmp/loaded" "$tmp"/parts/part-* > /dev/null
"$bin/diplograph" ingest --quiet --store "$tmp/ingested" "$tmp/corpus.jsonl" > /dev/null
"$bin/diplograph" export --store "$tmp/loaded" --format nquads -o "$tmp/loaded.nq"
"$bin/diplograph" export --store "$tmp/ingested" --format nquads -o "$tmp/ingested.nq"
cmp "$tmp/loaded.nq" "$tmp/ingested.nq"
echo "spark: 1000 documents in $parts part files; loaded parts = single-machine ingest ($(wc -l < "$tmp/loaded.nq") quads, byte-identical)"
