#!/usr/bin/env python3
"""--output FILE: output_file_test.py CLI SOURCE_ROOT

FILE gets exactly what standard output would have got (and standard output nothing), with the same
exit code; it is replaced only once the report is complete: a run whose writes fail, or a usage error,
leaves the previous FILE as it was, and no temporary file is left behind."""
import os
import resource
import signal
import subprocess
import sys
import tempfile

NOW = ['--now', '2026-01-01T00:00:00Z']
MODES = [
    ['examples/invalid-request.json'] + NOW,
    ['--format', 'sarif', 'examples/request.json', 'examples/no-such-file.json'] + NOW,
    ['--format', 'json', 'examples/request.json', 'examples/invalid-request.json'] + NOW,
    ['--ndjson', '--summary', '--format', 'json', '--kind', 'request', 'examples/batch.ndjson'] + NOW,
    ['--list-rules', '--format', 'json'],
    ['--explain', 'BF2003', '--format', 'json'],
]


def run(cli, root, args, limit=None):
    def small_files():  # writes past `limit` bytes fail with EFBIG instead of killing the process
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return subprocess.run([cli] + args, cwd=root, capture_output=True, timeout=60,
                          preexec_fn=small_files if limit else None)


def main():
    cli, root = sys.argv[1], sys.argv[2]
    failures, passed = [], 0

    def check(ok, what):
        nonlocal passed
        if ok:
            passed += 1
        else:
            failures.append(what)

    with tempfile.TemporaryDirectory() as tmp:
        target = os.path.join(tmp, 'report.out')
        for args in MODES:
            expected = run(cli, root, args)
            got = run(cli, root, args + ['--output', target])
            content = open(target, 'rb').read() if os.path.exists(target) else None
            check(got.returncode == expected.returncode and got.stdout == b'' and content == expected.stdout,
                  f'{args}: exit {got.returncode} (expected {expected.returncode}), stdout {got.stdout[:80]!r}, '
                  f'file {"missing" if content is None else len(content)} bytes (expected {len(expected.stdout)})')
            check(os.listdir(tmp) == ['report.out'], f'{args}: left behind {os.listdir(tmp)}')

        umask = os.umask(0o022)
        os.umask(umask)
        check(os.stat(target).st_mode & 0o777 == 0o666 & ~umask, f'mode {oct(os.stat(target).st_mode & 0o777)}')

        # A write that fails half-way (a 100-byte file size limit): exit 2, the previous report stays.
        with open(target, 'wb') as f:
            f.write(b'previous report\n')
        got = run(cli, root, ['--format', 'sarif', 'examples/invalid-request.json', '--output', target] + NOW, limit=100)
        check(got.returncode == 2 and b'cannot write' in got.stderr, f'failed write: exit {got.returncode} {got.stderr!r}')
        check(open(target, 'rb').read() == b'previous report\n', 'failed write: the previous report was replaced')
        check(os.listdir(tmp) == ['report.out'], f'failed write: left behind {os.listdir(tmp)}')

        # A usage error: nothing is written.
        got = run(cli, root, ['--format', 'xml', 'examples/request.json', '--output', target])
        check(got.returncode == 2 and open(target, 'rb').read() == b'previous report\n', f'usage error: exit {got.returncode}')

        # Schemas that cannot be used are a usage error too: nothing is written.
        got = run(cli, root, ['--schemas', 'tests/data/schemas/bad-json', 'examples/request.json', '--output', target])
        check(got.returncode == 2 and open(target, 'rb').read() == b'previous report\n',
              f'unusable --schemas: exit {got.returncode}, the previous report was replaced')

        # A directory that does not exist: exit 2 with a message naming the file.
        missing = os.path.join(tmp, 'no-such-dir', 'report.out')
        got = run(cli, root, ['examples/request.json', '--output', missing] + NOW)
        check(got.returncode == 2 and b'cannot write' in got.stderr and b'no-such-dir' in got.stderr,
              f'missing directory: exit {got.returncode} {got.stderr!r}')

    for failure in failures:
        print('FAIL:', failure)
    print(f'{passed} passed, {len(failures)} failed')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
