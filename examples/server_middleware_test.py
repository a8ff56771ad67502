#!/usr/bin/env python3
"""Drives examples/server_middleware with a bounded number of requests on 127.0.0.1 and checks the
answers: 201 Maintenance for a valid body, the API's 400 {"errors": [...]} for bad ones (RFC 9457
problem details when Accept asks for them), 404 elsewhere.
Usage: server_middleware_test.py SERVER_BINARY EXAMPLES_DIR"""
import json
import pathlib
import subprocess
import sys
import urllib.error
import urllib.request

PATH = "/api/v2/statuspages/1234abcd-0000-0000-0000-000000000000/maintenances/backfill"


def post(port, path, body, accept="application/json"):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=body, method="POST",
                                     headers={"Content-Type": "application/json", "Accept": accept})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, answer.headers.get("Content-Type", ""), answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read()


def main():
    server, examples = sys.argv[1], pathlib.Path(sys.argv[2])
    valid = (examples / "request.json").read_bytes()
    invalid = (examples / "invalid-request.json").read_bytes()
    cases = [  # (path, body, Accept, expected status)
        (PATH, valid, "application/json", 201),
        (PATH, invalid, "application/json", 400),
        (PATH, invalid, "application/problem+json", 400),
        (PATH, b'{"data": ', "application/json", 400),
        ("/api/v2/other", valid, "application/json", 404),
    ]
    failures = []
    with subprocess.Popen([server, "--max-requests", str(len(cases)), "--seconds", "30"],
                          stdout=subprocess.PIPE, text=True) as process:
        try:
            first = process.stdout.readline().strip()
            if not first.startswith("listening on 127.0.0.1:"):
                sys.exit(f"FAIL: unexpected first line {first!r}")
            port = int(first.rsplit(":", 1)[1])
            for path, body, accept, expected in cases:
                status, content_type, payload = post(port, path, body, accept)
                if status != expected:
                    failures.append(f"{path}: status {status}, expected {expected}: {payload[:200]!r}")
                    continue
                answer = json.loads(payload)
                if status == 201 and answer["data"]["type"] != "maintenances":
                    failures.append(f"201 without a Maintenance: {answer!r}")
                elif content_type == "application/problem+json":
                    if answer.get("status") != status or not all({"detail", "pointer"} <= e.keys() for e in answer["errors"]):
                        failures.append(f"status {status}: problem document {answer!r}")
                elif status != 201 and not all(isinstance(e, str) for e in answer.get("errors", [None])):
                    failures.append(f"status {status}: not the API's error shape: {answer!r}")
                if (accept == "application/problem+json") != (content_type == "application/problem+json") and status == 400:
                    failures.append(f"Accept {accept}: content type {content_type!r}")
                print(f"ok: POST {path} ({accept}) -> {status}")
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
