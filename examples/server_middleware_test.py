#!/usr/bin/env python3
"""Drives examples/server_middleware with a bounded number of requests on 127.0.0.1 and checks the
answers: 201 for a valid body, RFC 9457 problem documents (400, 422) for bad ones, 404 elsewhere.
Usage: server_middleware_test.py SERVER_BINARY EXAMPLES_DIR"""
import json
import pathlib
import subprocess
import sys
import urllib.error
import urllib.request

PATH = "/api/v2/statuspages/1234abcd-0000-0000-0000-000000000000/maintenances/backfill"


def post(port, path, body):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=body, method="POST",
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, answer.headers.get("Content-Type", ""), answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read()


def main():
    server, examples = sys.argv[1], pathlib.Path(sys.argv[2])
    valid = (examples / "request.json").read_bytes()
    invalid = (examples / "invalid-request.json").read_bytes()
    cases = [  # (path, body, expected status)
        (PATH, valid, 201),
        (PATH, invalid, 422),
        (PATH, b'{"data": ', 400),
        ("/api/v2/other", valid, 404),
    ]
    failures = []
    with subprocess.Popen([server, "--max-requests", str(len(cases)), "--seconds", "30"],
                          stdout=subprocess.PIPE, text=True) as process:
        try:
            first = process.stdout.readline().strip()
            if not first.startswith("listening on 127.0.0.1:"):
                sys.exit(f"FAIL: unexpected first line {first!r}")
            port = int(first.rsplit(":", 1)[1])
            for path, body, expected in cases:
                status, content_type, payload = post(port, path, body)
                if status != expected:
                    failures.append(f"{path}: status {status}, expected {expected}: {payload[:200]!r}")
                    continue
                if expected in (400, 422):
                    problem = json.loads(payload)
                    if content_type != "application/problem+json":
                        failures.append(f"status {status}: content type {content_type!r}")
                    if problem.get("status") != status or not problem.get("errors"):
                        failures.append(f"status {status}: problem document {problem!r}")
                    for error in problem.get("errors", []):
                        if not {"detail", "pointer"} <= error.keys():
                            failures.append(f"status {status}: error entry {error!r}")
                print(f"ok: POST {path} -> {status}")
            rest = process.communicate(timeout=30)[0]  # the server stops by itself after the last request
        except BaseException:
            process.kill()
            raise
    if process.returncode != 0 or f"answered {len(cases)} requests" not in rest:
        failures.append(f"server exit {process.returncode}, output {rest!r}")
    for failure in failures:
        print("FAIL:", failure)
    print(f"{len(cases)} requests, {len(failures)} failures")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
