#!/usr/bin/env bash
# `diplograph serve` with real clients, run by scripts/test on the store it built:
# SPARQLWrapper and rdflib (tests/endpoint_check.py) and the page in headless Chromium
# (tests/browser/page.mjs, playwright-core), then a SIGTERM that must end it with exit 0.
#
#   bash tests/serve_check.sh STORE
set -euo pipefail
cd "$(dirname "$0")/.."
store=$1
bin=./target/release/diplograph
tmp=$(mktemp -d)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT

# What the command line answers, before the server takes the store.
{
  echo "{"
  first=1
  for q in ontology/queries/*.rq; do
    n=$("$bin" query --format json --store "$store" --file "$q" |
      .venv/bin/python -c 'import json,sys; print(len(json.load(sys.stdin)["results"]["bindings"]))')
    [ $first -eq 1 ] || echo ","
    first=0
    printf '"%s": %s' "$(basename "$q" .rq)" "$n"
  done
  echo "}"
} > "$tmp/expected.json"

"$bin" serve --quiet --store "$store" --bind 127.0.0.1:0 > "$tmp/out" 2> "$tmp/err" &
pid=$!
for _ in $(seq 100); do
  grep -q "http://" "$tmp/out" 2>/dev/null && break
  sleep 0.1
done
url=$(grep -o 'http://[0-9.:]*/' "$tmp/out" | head -1)
[ -n "$url" ] || { echo "serve_check: the server did not start: $(cat "$tmp/err")" >&2; exit 1; }

.venv/bin/python tests/endpoint_check.py "$url" "$tmp/expected.json"
node tests/browser/page.mjs "$url" 王毅 姆拜尼马拉马 "$tmp"

kill -TERM "$pid"
code=0
wait "$pid" || code=$?
pid=""
[ "$code" -eq 0 ] || { echo "serve_check: serve exited with $code after SIGTERM" >&2; exit 1; }
grep -q "stopped after" "$tmp/out" || { echo "serve_check: no stop line" >&2; exit 1; }
echo "serve_check: SIGTERM stopped the server with exit 0"
