#!/usr/bin/env python3
"""Load on `backfill-check serve`: many keep-alive connections for a bounded time against the mock, the
proxy (in front of the mock) and, with --prism, Stoplight Prism mocking the same endpoint from the
reference OpenAPI document, one after the other in the same run. Prints requests/s, p50, p99 and the
server's resident memory (after the first second, at the end, peak); fails when a request failed or,
with --check, when memory grew by more than 8 MiB between the first second and the end.
Usage: serve_load.py CLI LOAD REQUEST.json [--seconds S] [--connections C] [--prism SPEC.yaml] [--check]"""
import argparse
import os
import json
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

PATH = "/api/v2/statuspages/bbf96c2c-48cf-4951-96d2-f5b503c93c49/maintenances/backfill"
PRISM_VERSION = "5.16.0"


def rss_kib(pid, field="VmRSS"):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def serve(args, log):
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=log, text=True)
    line = process.stdout.readline()
    if not line.startswith("listening on"):
        process.kill()
        sys.exit(f"serve did not start: {line!r}")
    return process, int(line.split()[2].rsplit(":", 1)[1])


def measure(name, pid, port, options, server_pids=None):
    """Runs the load client against PORT; samples the RSS of `server_pids` (default: pid)."""
    pids = server_pids or [pid]
    load = subprocess.Popen([options.load, f"http://127.0.0.1:{port}{PATH}", options.request, "--connections",
                             str(options.connections), "--seconds", str(options.seconds)], stdout=subprocess.PIPE, text=True)
    time.sleep(min(1.0, options.seconds / 3))
    early = sum(rss_kib(p) for p in pids)
    output = load.communicate(timeout=options.seconds + 120)[0]
    late = sum(rss_kib(p) for p in pids)
    peak = sum(rss_kib(p, "VmHWM") for p in pids)
    result = json.loads(output.strip().splitlines()[-1])
    result.update(name=name, rss_early_mib=round(early / 1024, 1), rss_end_mib=round(late / 1024, 1),
                  peak_rss_mib=round(peak / 1024, 1))
    print(f"{name:<8} {result['requests']:>8} req  {result['failed']:>3} failed  {result['rps']:>8.0f} req/s  "
          f"p50 {result['p50_ms']:.3f} ms  p99 {result['p99_ms']:.3f} ms  RSS {result['rss_early_mib']} -> "
          f"{result['rss_end_mib']} MiB (peak {result['peak_rss_mib']})", flush=True)
    return result


def prism(options, log):
    """Stoplight Prism in mock mode (it validates requests), installed with npm into a cache folder."""
    cache = pathlib.Path(os.environ.get("BACKFILL_NPM_CACHE", pathlib.Path.home() / ".cache/backfill-check/npm")) / f"prism-{PRISM_VERSION}"
    binary = cache / "node_modules/.bin/prism"
    if not binary.exists():
        cache.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--silent", f"@stoplight/prism-cli@{PRISM_VERSION}"],
                       cwd=cache, check=True, timeout=900)
    port = 4010 + os.getpid() % 1000
    process = subprocess.Popen([str(binary), "mock", "-h", "127.0.0.1", "-p", str(port), options.prism], stdout=log, stderr=log)
    for _ in range(300):
        try:
            import urllib.request
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
        except urllib.error.HTTPError:
            break  # it answers
        except OSError:
            time.sleep(0.1)
    return process, port


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("cli")
    parser.add_argument("load")
    parser.add_argument("request")
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--prism")
    parser.add_argument("--check", action="store_true")
    options = parser.parse_args()
    results = []
    with tempfile.TemporaryFile() as log:
        mock, mock_port = serve([options.cli, "serve", "--mock", "--listen", "127.0.0.1:0"], log)
        proxy = None
        try:
            results.append(measure("mock", mock.pid, mock_port, options))
            proxy, proxy_port = serve([options.cli, "serve", "--proxy", f"http://127.0.0.1:{mock_port}", "--listen", "127.0.0.1:0"], log)
            results.append(measure("proxy", proxy.pid, proxy_port, options, [proxy.pid, mock.pid]))
        finally:
            for process in (proxy, mock):
                if process:
                    process.terminate()
                    process.wait(timeout=30)
        if options.prism:
            process, port = prism(options, log)
            try:
                results.append(measure("prism", process.pid, port, options))
            finally:
                process.terminate()
                process.wait(timeout=30)
    failed = [r["name"] for r in results if r["failed"] or not r["requests"]]
    grew = [r["name"] for r in results if r["name"] != "prism" and r["rss_end_mib"] - r["rss_early_mib"] > 8]
    if failed:
        print("FAIL: failed requests:", ", ".join(failed))
    if options.check and grew:
        print("FAIL: memory grew by more than 8 MiB under steady load:", ", ".join(grew))
    sys.exit(1 if failed or (options.check and grew) else 0)


if __name__ == "__main__":
    main()
