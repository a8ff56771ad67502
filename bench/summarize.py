#!/usr/bin/env python3
"""Turns bench's JSON lines (stdin) into a Markdown table: best run per variant, docs/s, MB/s, and
time relative to the parse-only floor of the same run."""
import json
import sys

rows = [json.loads(line) for line in sys.stdin if line.startswith("{")]
floor = None  # the parse-floor line that opens each run
print("| variant | mode | docs | valid | best s | docs/s | MB/s | x parse floor |")
print("|---|---|---|---|---|---|---|---|")
for r in rows:
    best = min(r["runs_s"])
    if r["variant"] == "parse-floor":
        floor = best
    ratio = best / floor if floor else float("nan")
    print(f"| {r['variant']} | {r['mode']} | {r['docs']} | {r['valid']} | {best:.4f} | {r['docs'] / best:,.0f} | "
          f"{r['bytes'] / best / 1e6:,.1f} | {ratio:.2f} |")
