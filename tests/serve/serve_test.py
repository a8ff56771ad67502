#!/usr/bin/env python3
"""`backfill-check serve` over real sockets on 127.0.0.1, bounded in requests and time: HTTP robustness
(malformed requests, header and body bounds, slow clients, connection bound, SIGTERM), the proxy over
an http and an https upstream (a self-signed certificate made here), its HAR re-checked with
`backfill-check --har`, and a tampered upstream response reported.
Usage: serve_test.py BACKFILL_CHECK EXAMPLES_DIR"""
import http.client
import http.server
import json
import os
import pathlib
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time

CLI, EXAMPLES = sys.argv[1], pathlib.Path(sys.argv[2])
PAGE = "bbf96c2c-48cf-4951-96d2-f5b503c93c49"
PATH = f"/api/v2/statuspages/{PAGE}/maintenances/backfill"
VALID = (EXAMPLES / "request.json").read_bytes()
INVALID = (EXAMPLES / "invalid-request.json").read_bytes()
failures, passed = [], 0


def check(ok, what):
    global passed
    if ok:
        passed += 1
        print("ok:", what)
    else:
        failures.append(what)
        print("FAIL:", what)


class Serve:
    """One `backfill-check serve` process; stopped with SIGTERM (and killed if it does not stop)."""

    def __init__(self, *args):
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen([CLI, "serve", "--listen", "127.0.0.1:0", *args], stdout=subprocess.PIPE,
                                        stderr=self.log, text=True)
        line = self.process.stdout.readline()
        if not line.startswith("listening on http://127.0.0.1:"):
            self.process.kill()
            sys.exit(f"FAIL: serve {args} printed {line!r}")
        self.port = int(line.split()[2].rsplit(":", 1)[1])
        self.url = f"http://127.0.0.1:{self.port}"

    def stop(self, signalled=False):
        if not signalled:
            self.process.send_signal(signal.SIGTERM)
        try:
            code = self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            code = "killed"
        self.log.seek(0)
        return code, self.log.read().decode("utf-8", "replace")


def request(port, method, path, body=None, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request(method, path, body=body, headers={"Content-Type": "application/json", **(headers or {})})
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response.status, response.getheader("Content-Type"), data, response


def raw(port, data, timeout=10):
    """Sends raw bytes and returns everything the server answers before closing."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        if data:
            s.sendall(data)
        chunks = []
        try:
            while chunk := s.recv(65536):
                chunks.append(chunk)
        except (ConnectionResetError, socket.timeout):
            pass
        return b"".join(chunks)


def robustness():
    mock = Serve("--mock", "--max-body", "65536", "--max-connections", "4", "--idle-timeout", "1",
                 "--connection-timeout", "3")
    p = mock.port
    status, _, body, _ = request(p, "POST", PATH, VALID)
    check(status == 201, f"valid call: 201 ({status})")
    for name, data, expected in [
        ("garbage", b"\x00\xff hello\r\n\r\n", b"HTTP/1.1 400"),
        ("no version", b"GET /healthz\r\n\r\n", b"HTTP/1.1 400"),
        ("bad Content-Length", b"POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n", b"HTTP/1.1 400"),
        ("two Content-Lengths", b"POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab", b"HTTP/1.1 400"),
        ("folded header", b"GET /healthz HTTP/1.1\r\nA: b\r\n c\r\n\r\n", b"HTTP/1.1 400"),
        ("chunked", b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", b"HTTP/1.1 411"),
        ("header flood", b"GET /healthz HTTP/1.1\r\n" + b"X: y\r\n" * 5000 + b"\r\n", b"HTTP/1.1 431"),
        ("endless header line", b"GET /healthz HTTP/1.1\r\nX: " + b"a" * 100000, b"HTTP/1.1 431"),
        ("body over --max-body", b"POST " + PATH.encode() + b" HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 65537\r\n\r\n",
         b"HTTP/1.1 413"),
    ]:
        answer = raw(p, data)
        check(answer.startswith(expected) and b'{"errors":[' in answer, f"{name}: {expected.decode()} in the API's shape")
    # Keep-alive and pipelining: two requests in one write, two answers.
    two = (f"POST {PATH} HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: {len(VALID)}\r\n\r\n").encode() + VALID
    answer = raw(p, two + two.replace(b"HTTP/1.1\r\n", b"HTTP/1.1\r\nConnection: close\r\n", 1))
    check(answer.count(b"HTTP/1.1 201") == 2, "two pipelined calls on one connection: two 201s")
    # A slow client (a byte a second never ends the head) is cut off by the connection deadline (3 s).
    start = time.monotonic()
    with socket.create_connection(("127.0.0.1", p), timeout=10) as s:
        answer = b""
        try:
            for byte in b"GET /healthz HTTP/1.1\r\nX-Slow: " + b"a" * 20:
                s.sendall(bytes([byte]))
                time.sleep(0.5)
        except (BrokenPipeError, ConnectionResetError):
            pass
        try:
            answer = s.recv(1000)
        except (ConnectionResetError, socket.timeout):
            pass
    check(answer.startswith(b"HTTP/1.1 408") or answer == b"", f"a slow client is cut off ({answer[:20]!r})")
    check(time.monotonic() - start < 9, "the deadline holds whatever the client sends")
    # Idle connections hold every worker and fill the wait list: the next one gets 503 at once.
    busy = Serve("--mock", "--max-connections", "2", "--idle-timeout", "30")
    idle, answer = [], b""
    for _ in range(10):  # 2 served + 2 waiting; each idle connection beyond is refused at once
        probe = socket.create_connection(("127.0.0.1", busy.port), timeout=0.5)
        idle.append(probe)
        try:
            answer = probe.recv(1000)
        except socket.timeout:
            continue
        break
    check(answer.startswith(b"HTTP/1.1 503") and b'{"errors":[' in answer and len(idle) <= 5,
          f"over --max-connections: 503 after {len(idle)} connections ({answer[:20]!r})")
    for s in idle:
        s.close()
    answer, deadline = b"", time.monotonic() + 10
    while not answer.startswith(b"HTTP/1.1 200") and time.monotonic() < deadline:
        time.sleep(0.1)
        answer = raw(busy.port, b"GET /healthz HTTP/1.1\r\nConnection: close\r\n\r\n")
    check(answer.startswith(b"HTTP/1.1 200"), "once the idle connections close, it answers again")
    busy.stop()
    # SIGTERM while a request is in flight: the request is answered, then the server exits 0.
    s = socket.create_connection(("127.0.0.1", p), timeout=10)
    s.sendall((f"POST {PATH} HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: {len(VALID)}\r\n\r\n").encode() + VALID[:10])
    time.sleep(0.2)
    mock.process.send_signal(signal.SIGTERM)
    time.sleep(0.2)
    s.sendall(VALID[10:])
    answer = s.recv(100000)
    s.close()
    check(answer.startswith(b"HTTP/1.1 201"), "SIGTERM: the request in flight is answered")
    code, log = mock.stop(signalled=True)
    check(code == 0, f"SIGTERM: exit 0 ({code})")
    lines = [json.loads(line) for line in log.splitlines() if line.startswith("{")]
    check(all({"method", "target", "status", "verdict", "codes", "latency_ms"} <= line.keys() for line in lines) and len(lines) >= 12,
          f"one JSON log line per request ({len(lines)})")
    check("\x00" not in log and "\xff" not in log, "the log is neutral")


class Upstream(http.server.BaseHTTPRequestHandler):
    """An upstream for the proxy: relays to the mock; with tamper, changes the title in the answer."""
    target = None
    tamper = False

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        status, content_type, data, _ = request(self.target, "POST", self.path, body)
        if self.tamper:
            data = data.replace(b'"title":"Past Database Maintenance"', b'"title":"Tampered"')
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


def upstream(mock_port, tamper=False, tls=None):
    handler = type("Handler", (Upstream,), {"target": mock_port, "tamper": tamper})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    if tls:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(*tls)
        server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def har_check(har):
    result = subprocess.run([CLI, "--har", har, "--format", "json"], capture_output=True, text=True, timeout=60)
    return result.returncode, [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]


def proxy(workdir, mock_port):
    cert, key = str(workdir / "cert.pem"), str(workdir / "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", cert], check=True,
                   capture_output=True, timeout=60)
    for scheme, tls in (("http", None), ("https", (cert, key))):
        up = upstream(mock_port, tls=tls)
        har = str(workdir / f"{scheme}.har")
        extra = ["--ca-cert", cert] if tls else []
        p = Serve("--proxy", f"{scheme}://127.0.0.1:{up.server_address[1]}", "--har-out", har, *extra)
        status, _, _, _ = request(p.port, "POST", PATH + "?include=status_page", VALID)
        check(status == 201, f"{scheme} upstream: a valid call is forwarded (201, {status})")
        status, _, body, _ = request(p.port, "POST", PATH, INVALID)
        check(status == 400, f"{scheme} upstream: an invalid call gets the upstream's 400 ({status})")
        code, log = p.stop()
        up.shutdown()
        code, reports = har_check(har)
        entries = [r for r in reports if "#entries/" in r["source"]]
        check(len(entries) == 6, f"{scheme}: the HAR holds both calls ({len(entries)} parts)")
        verdicts = {r["source"].split("#")[1]: r["valid"] for r in entries}
        check(verdicts.get("entries/0/response") is True and verdicts.get("entries/1/request") is False,
              f"{scheme}: the HAR re-checks with the proxy's verdicts {verdicts}")
        check('"verdict":"valid"' in log and '"verdict":"invalid"' in log, f"{scheme}: the log gives each call's verdict")
    # Certificate verification: without --ca-cert the self-signed upstream is refused (502).
    up = upstream(mock_port, tls=(cert, key))
    p = Serve("--proxy", f"https://127.0.0.1:{up.server_address[1]}")
    status, _, body, _ = request(p.port, "POST", PATH, VALID)
    check(status == 502 and b'{"errors":[' in body, f"an unverifiable certificate: 502 in the API's shape ({status})")
    p.stop()
    up.shutdown()
    # A tampered upstream answer is reported (BF4005), in the log and in the HAR.
    up = upstream(mock_port, tamper=True)
    har = str(workdir / "tampered.har")
    p = Serve("--proxy", f"http://127.0.0.1:{up.server_address[1]}", "--har-out", har)
    status, _, _, _ = request(p.port, "POST", PATH, VALID)
    code, log = p.stop()
    up.shutdown()
    check("BF4005" in log and "Tampered" in log, "a tampered response: BF4005 in the proxy's log")
    code, reports = har_check(har)
    check(code == 1 and any(d["code"] == "BF4005" for r in reports for d in r["diagnostics"]), "and in the HAR's re-check")
    # --block-invalid answers itself; the upstream going away gives 502; both are in the HAR.
    har = str(workdir / "blocked.har")
    p = Serve("--proxy", "http://127.0.0.1:9", "--har-out", har, "--block-invalid")
    status, _, body, _ = request(p.port, "POST", PATH, INVALID)
    check(status == 400 and b"BF2002" in body, f"--block-invalid: 400 without forwarding ({status})")
    status, _, body, _ = request(p.port, "POST", PATH, VALID)
    check(status == 502 and b'{"errors":[' in body, f"no upstream: 502 in the API's shape ({status})")
    p.stop()
    code, reports = har_check(har)
    check(len([r for r in reports if r["source"].endswith("/request")]) == 2, "both are in the HAR")


def contracts():
    """--contract chooses the schemas the mock checks calls against (the rules hold in both)."""
    minimal = (EXAMPLES.parent / "tests" / "data" / "client-minimal-request.json").read_bytes()
    path = "/api/v2/statuspages/bbf96c2c-48cf-4951-96d2-f5b503c93c49/maintenances/backfill"
    for contract, expected in (("reference", 400), ("openapi-2026-09", 201)):
        server = Serve("--mock", "--contract", contract, "--now", "2026-10-01T00:00:00Z")
        try:
            status, _, body, _ = request(server.port, "POST", path, minimal)
            check(status == expected, f"--contract {contract}: the client's minimal request gets {expected} ({status} {body[:200]!r})")
        finally:
            server.stop()


def main():
    robustness()
    contracts()
    with tempfile.TemporaryDirectory() as workdir:
        mock = Serve("--mock")
        try:
            proxy(pathlib.Path(workdir), mock.port)
        finally:
            mock.stop()
    print(f"{passed} passed, {len(failures)} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
