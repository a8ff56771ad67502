#!/usr/bin/env python3
"""Runs examples/client_preflight: valid plain values give exit 0 and the request body on stdout;
an end before the start gives exit 1, the BF2003 diagnostic on stderr, and nothing on stdout.
Usage: client_preflight_test.py CLIENT_PREFLIGHT"""
import json
import subprocess
import sys


def main():
    client = sys.argv[1]
    failures = []
    run = subprocess.run([client], capture_output=True, text=True, timeout=60)
    body = json.loads(run.stdout) if run.returncode == 0 else {}
    if run.returncode != 0 or body.get("data", {}).get("type") != "maintenances":
        failures.append(f"valid values: exit {run.returncode}\n{run.stdout}{run.stderr}")
    run = subprocess.run([client, "Past Database Maintenance", "4e9d3726-bdd7-0079-613c-e9aaba89eb01",
                          "2021-11-11T11:11:11Z", "2021-11-11T10:11:11Z"], capture_output=True, text=True, timeout=60)
    if run.returncode != 1 or run.stdout or "error[BF2003] started-at-order" not in run.stderr:
        failures.append(f"end before start: exit {run.returncode}\n{run.stdout}{run.stderr}")
    for failure in failures:
        print("FAIL:", failure)
    print(f"{2 - len(failures)} passed, {len(failures)} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
