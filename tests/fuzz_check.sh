#!/usr/bin/env bash
# Runs each fuzz target (fuzz/fuzz_targets: the reader on arbitrary bytes, the annotator on
# arbitrary UTF-8 as Chinese and English reports) for a fixed time, starting from the seed
# and the test fixtures, and fails on any crash: a panic, or a span that does not read back
# its text. The fuzz build has no RocksDB (the crate without its `store` feature).
#
#   bash tests/fuzz_check.sh [SECONDS_PER_TARGET]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-45}
cargo +nightly fuzz build --release 2>&1 | tail -1
for t in read annotate; do
  mkdir -p "fuzz/corpus/$t"
  log=$(mktemp)
  if ! cargo +nightly fuzz run --release "$t" "fuzz/corpus/$t" seeds tests/fixtures tests/regressions \
      -- -max_total_time="$secs" -rss_limit_mb=4096 >"$log" 2>&1; then
    tail -40 "$log"
    echo "fuzz: $t crashed (input in fuzz/artifacts/$t)" >&2
    exit 1
  fi
  runs=$(grep -o 'Done [0-9]* runs in [0-9]* second' "$log" | tail -1)
  echo "fuzz: $t: $runs(s), no crash"
  rm -f "$log"
done
