#!/usr/bin/env python3
"""The backfill_check package against python-jsonschema + the same rules in Python (python_peer.py),
in one run, on NDJSON corpora from bench/gen_corpus.py:

    PYTHONPATH=build-perf/python python3 bench/python_bench.py [--runs N] [--peer-runs N] [--jobs N]
        [--cpp-bench build-perf/bench/bench] CORPUS...

(or with a venv's python, where the package is pip-installed). One JSON line per corpus and variant:

    backfill_check            Validator.validate() on each line (bytes), one thread
    backfill_check-many-jN    Validator.validate_many(lines, jobs=N), when --jobs N > 1 is given
    jsonschema+rules          json.loads + Draft7Validator (every error, format checks) + python_peer's
                              request rules: the fair peer (as ajv+rules in bench/ajv-peer)
    jsonschema-schema-only    json.loads + Draft7Validator.is_valid: an upper bound on the peer
    cpp-bench                 with --cpp-bench: bench/bench --mode full on the same corpus ("fast"), for
                              the cost of the binding

Timing: best of --runs (3) after one warmup run for backfill_check, best of --peer-runs (1) for the
peers (pure Python, nothing to warm up). "now" is fixed at 2026-01-01T00:00:00Z, as in bench/bench.
"""
import argparse
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import backfill_check  # noqa: E402
import python_peer  # noqa: E402

NOW = "2026-01-01T00:00:00Z"


def best_of(runs, warmup, body):
    best, result = float("inf"), None
    for run in range(warmup + runs):
        start = time.perf_counter()
        result = body()
        elapsed = time.perf_counter() - start
        if run >= warmup:
            best = min(best, elapsed)
    return best, result


def line_out(variant, corpus, docs, nbytes, valid, seconds, **extra):
    record = {"variant": variant, "corpus": corpus, "docs": docs, "valid": valid, "best_s": round(seconds, 4),
              "docs_per_s": round(docs / seconds), "mb_per_s": round(nbytes / seconds / 1e6, 1)}
    record.update(extra)
    print(json.dumps(record), flush=True)
    return record


def cpp_bench(binary, corpus):
    """docs/s of bench/bench's full validation ("fast" variant, best run) on the corpus."""
    out = subprocess.run([binary, "--corpus", corpus, "--mode", "full", "--runs", "5", "--warmup", "1"],
                         check=True, capture_output=True, text=True).stdout
    for line in out.splitlines():
        record = json.loads(line)
        if record.get("variant") == "fast":
            return round(record["docs"] / min(record["runs_s"]))
    raise SystemExit("python_bench: no 'fast' line in the output of " + binary)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="+")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--peer-runs", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=1, help="also time validate_many with this many threads")
    parser.add_argument("--cpp-bench", help="bench/bench of a release build, to report the binding's cost")
    args = parser.parse_args()

    source_root = os.path.dirname(HERE)
    peer = python_peer.Peer(python_peer.request_schema(source_root))
    now = python_peer.parse_date_time(NOW)
    validator = backfill_check.Validator("request", now=NOW)

    for corpus in args.corpora:
        with open(corpus, "rb") as file:
            lines = [line for line in file.read().split(b"\n") if line]  # as bench/bench splits the corpus
        nbytes = sum(len(line) for line in lines)
        docs = len(lines)

        seconds, valid = best_of(args.runs, 1, lambda: sum(validator.validate(line).valid for line in lines))
        ours = line_out("backfill_check", corpus, docs, nbytes, valid, seconds)
        if args.jobs > 1:
            seconds, valid = best_of(args.runs, 1, lambda: sum(r.valid for r in validator.validate_many(lines, jobs=args.jobs)))
            line_out("backfill_check-many-j%d" % args.jobs, corpus, docs, nbytes, valid, seconds)

        def run_peer(check):
            valid = 0
            for line in lines:
                try:
                    doc = json.loads(line)
                except ValueError:  # not JSON (invalid UTF-8 included): invalid
                    continue
                valid += bool(check(doc))
            return valid

        seconds, valid = best_of(args.peer_runs, 0, lambda: run_peer(lambda doc: peer.check(doc, now)))
        fair = line_out("jsonschema+rules", corpus, docs, nbytes, valid, seconds)
        seconds, valid = best_of(args.peer_runs, 0, lambda: run_peer(peer.schema_only))
        line_out("jsonschema-schema-only", corpus, docs, nbytes, valid, seconds)
        print(json.dumps({"corpus": corpus, "backfill_check_vs_jsonschema_rules":
                          round(ours["docs_per_s"] / fair["docs_per_s"], 1)}), flush=True)
        if args.cpp_bench:
            cpp = cpp_bench(args.cpp_bench, corpus)
            print(json.dumps({"variant": "cpp-bench", "corpus": corpus, "docs_per_s": cpp,
                              "python_share_of_cpp": round(ours["docs_per_s"] / cpp, 2)}), flush=True)


if __name__ == "__main__":
    main()
