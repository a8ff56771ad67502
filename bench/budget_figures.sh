#!/usr/bin/env bash
# Peak RSS, time and output size of the CLI on each hostile shape (bench/hostile_shapes.py) at three
# sizes: the figures behind the memory budget in docs/api.md. Timing lives here, never in tests.
# Usage: bench/budget_figures.sh CLI [N1 N2 N3]   (CLI: path to backfill-check)
set -uo pipefail
cli=$1; shift
sizes=("${@:-20000 40000 80000}")
[[ $# -ge 3 ]] && sizes=("$@")
here=$(dirname "$0")
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
printf '%-26s %9s %10s %9s %8s %10s\n' shape n input_kb peak_mb seconds output_kb
for shape in $(python3 "$here/hostile_shapes.py" --list); do
  for n in "${sizes[@]}"; do
    python3 "$here/hostile_shapes.py" "$shape" "$n" > "$tmp/doc.json"
    ( ulimit -v 8000000; /usr/bin/time -f '%M %e' -o "$tmp/time" timeout 120 "$cli" --format json --now 2026-01-01T00:00:00Z \
        "$tmp/doc.json" > "$tmp/out" 2>/dev/null )
    read -r rss secs < <(tail -1 "$tmp/time")
    printf '%-26s %9s %10d %9.1f %8s %10d\n' "$shape" "$n" $(( $(stat -c %s "$tmp/doc.json") / 1024 )) \
      "$(echo "$rss / 1024" | bc -l)" "$secs" $(( $(stat -c %s "$tmp/out") / 1024 ))
  done
done
