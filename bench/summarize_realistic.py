#!/usr/bin/env python3
"""Markdown table of bench/realistic.sh's run: summarize_realistic.py OURS.jsonl AJV.jsonl

Per realistic variant (best of the runs): our docs/s with and without the additions (the stripped
twin, timed in the same runs), the ratio, nanoseconds per listed finding ((time - stripped time) /
(listed - stripped listed), validation plus JSON rendering), and the ajv peer with the same rules."""
import json
import os
import sys

ours = [json.loads(line) for line in open(sys.argv[1]) if line.startswith("{")]
ajv = {}
for line in open(sys.argv[2]):
    if line.startswith("{"):
        r = json.loads(line)
        ajv[(os.path.basename(r["corpus"]).rsplit(".", 1)[0], r["peer"])] = r["docs_per_s"]
print("| corpus | variant | findings listed/doc | docs/s | stripped docs/s | x stripped time | ns per listed finding "
      "| ajv+rules docs/s | ajv+rules stripped | x ajv+rules |")
print("|---|---|---|---|---|---|---|---|---|---|")
for r in ours:
    if r["variant"] == "parse-floor":
        continue
    best, stripped = min(r["runs_s"]), min(r["stripped_runs_s"])
    extra = r["listed"] - r["stripped_listed"]
    ns = (best - stripped) / extra * 1e9 if extra else float("nan")
    peer = ajv.get((r["corpus"], "ajv+rules"))
    peer_stripped = ajv.get((r["corpus"] + "-stripped", "ajv+rules"))
    docs_s = r["docs"] / best
    print(f"| {r['corpus']} | {r['variant']} | {r['listed'] / r['docs']:.0f} | {docs_s:,.0f} | "
          f"{r['stripped_docs'] / stripped:,.0f} | {best / stripped:.2f} | {ns:.0f} | "
          f"{peer if peer else '-':,} | {peer_stripped if peer_stripped else '-':,} | "
          f"{docs_s / peer if peer else float('nan'):.2f} |")
