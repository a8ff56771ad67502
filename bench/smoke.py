#!/usr/bin/env python3
"""Smoke run of the benchmark for `meson test`: smoke.py BENCH GEN_CORPUS.

Generates small and large corpora of a few documents, runs every mode once, and checks the output
protocol (one JSON line per variant) and that the fast path's verdicts equal the reference's; then
each realistic variant against its stripped twin (--stripped), which must list fewer findings.
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
                expected = {"parse": ["parse-floor", "parse"], "schema": ["parse-floor", "reference", "fast"],
                            "full": ["parse-floor", "reference", "fast", "fast+json"]}[mode]
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
        # A realistic variant against its stripped twin: the reports list more, and both are timed.
        for variant in ("names", "unknown", "ids", "dates"):
            corpus, stripped = (os.path.join(tmp, f"{variant}{suffix}.ndjson") for suffix in ("", "-stripped"))
            for path, extra in ((corpus, []), (stripped, ["--stripped"])):
                subprocess.run([sys.executable, gen, "large", path, "--count", "4", "--realistic", variant] + extra,
                               check=True)
            out = subprocess.run([bench, "--corpus", corpus, "--stripped", stripped, "--mode", "full", "--runs", "1",
                                  "--warmup", "0"], check=True, capture_output=True, text=True).stdout
            fast = [json.loads(line) for line in out.splitlines() if '"fast+json"' in line]
            if len(fast) != 1 or fast[0]["listed"] <= fast[0]["stripped_listed"] or not fast[0]["stripped_runs_s"]:
                print(f"FAIL realistic {variant}: {out}")
                failures += 1
                continue
            print(f"ok realistic {variant}: {fast[0]['listed']} listed, {fast[0]['stripped_listed']} stripped")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
