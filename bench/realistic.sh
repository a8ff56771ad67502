#!/usr/bin/env bash
# The realistic corpora of issue 17, ours and the ajv peer in one run:
#   bench/realistic.sh BUILD_DIR [WORK_DIR] [COUNT]
# For each variant of gen_corpus.py --realistic (names, unknown, ids, dates; COUNT large requests,
# default 300) and its stripped twin: bench (fast and fast+json, each run timing both corpora), then
# bench/ajv-peer on all of them; prints a Markdown table (bench/summarize_realistic.py).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "$1" && pwd)
work=${2:-/tmp/backfill-realistic}
count=${3:-300}
mkdir -p "$work"
variants=(names unknown ids dates)
corpora=()
for v in "${variants[@]}"; do
  [[ -f $work/$v.ndjson ]] || python3 "$here/gen_corpus.py" large "$work/$v.ndjson" --count "$count" --realistic "$v"
  [[ -f $work/$v-stripped.ndjson ]] ||
    python3 "$here/gen_corpus.py" large "$work/$v-stripped.ndjson" --count "$count" --realistic "$v" --stripped
  corpora+=("$work/$v.ndjson" "$work/$v-stripped.ndjson")
done
for v in "${variants[@]}"; do
  "$build/bench/bench" --corpus "$work/$v.ndjson" --stripped "$work/$v-stripped.ndjson" --mode full --runs 5 \
    --warmup 1 --only parse-floor,fast,fast+json | sed "s|^{|{\"corpus\":\"$v\",|"
done >"$work/ours.jsonl"
"$here/ajv-peer/run.sh" "${corpora[@]}" >"$work/ajv.jsonl"
python3 "$here/summarize_realistic.py" "$work/ours.jsonl" "$work/ajv.jsonl"
