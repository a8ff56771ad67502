#!/usr/bin/env python3
"""Smoke run of the benchmark for `meson test`: smoke.py BENCH GEN_CORPUS.

Generates small and large corpora of a few documents, runs every mode once, and checks the output
protocol (one JSON line per variant) and that the fast path's verdicts equal the reference's.
"""
import json
import os
import subprocess
import sys
import tempfile


def main():
    bench, gen = sys.argv[1], sys.argv[2]
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        for size, count in (("small", 300), ("large", 12)):
            corpus = os.path.join(tmp, size + ".ndjson")
            subprocess.run([sys.executable, gen, size, corpus, "--count", str(count)], check=True)
            for mode in ("full", "schema", "parse"):
                prefix = os.path.join(tmp, f"{size}-{mode}")
                out = subprocess.run([bench, "--corpus", corpus, "--mode", mode, "--runs", "1", "--warmup", "0",
                                      "--limit", "200", "--verdicts", prefix],
                                     check=True, capture_output=True, text=True).stdout
                lines = [json.loads(line) for line in out.splitlines()]
                variants = [line["variant"] for line in lines]
                expected = ["parse-floor", "parse"] if mode == "parse" else ["parse-floor", "reference", "fast"]
                if variants != expected or any(line["errors"] for line in lines):
                    print(f"FAIL {size} {mode}: {out}")
                    failures += 1
                    continue
                if mode != "parse":
                    ref = open(prefix + ".reference.txt").read()
                    fast = open(prefix + ".fast.txt").read()
                    if ref != fast or "0" not in ref or "1" not in ref:
                        print(f"FAIL {size} {mode}: fast and reference verdicts differ (or are all alike)")
                        failures += 1
                print(f"ok {size} {mode}: " + ", ".join(f"{l['variant']} {l['valid']}/{l['docs']} valid" for l in lines))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
