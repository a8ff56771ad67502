#!/usr/bin/env python3
"""I/O errors are errors (issue 11, section 4): io_test.py CLI SOURCE_ROOT

Every mode run with standard output on /dev/full, and with standard output closed, must exit 2 and
say so on stderr; a directory or FIFO given as an input is reported by name (the other inputs are
still checked) and exits 2."""
import os
import subprocess
import sys
import tempfile

NOW = ['--now', '2026-01-01T00:00:00Z']
MODES = [
    ['examples/request.json'] + NOW,
    ['--format', 'json', 'examples/request.json'] + NOW,
    ['--format', 'sarif', 'examples/request.json'] + NOW,
    ['--format', 'github', 'examples/invalid-request.json'] + NOW,
    ['--format', 'jsonschema', 'examples/request.json'] + NOW,
    ['--format', 'problem', 'examples/invalid-request.json'] + NOW,
    ['--list-rules'],
    ['--list-rules', '--format', 'json'],
    ['--explain', 'BF2002'],
    ['--version'],
    ['--help'],
    ['--ndjson', '--kind', 'request', 'examples/batch.ndjson'] + NOW,
    ['--ndjson', '--jobs', '2', '--kind', 'request', 'examples/batch.ndjson'] + NOW,
    ['--ndjson', '--summary', '--kind', 'request', 'examples/batch.ndjson'] + NOW,
    ['--ndjson', '--summary', '--format', 'json', '--kind', 'request', 'examples/batch.ndjson'] + NOW,
    ['--har', 'tests/data/exchange.har'] + NOW,
    ['--request', 'tests/data/cassette-request.json', '--response', 'tests/data/cassette-response.json'] + NOW,
]


def run(cli, root, args, **kwargs):
    try:
        return subprocess.run([cli] + args, cwd=root, stdin=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=20, **kwargs)
    except subprocess.TimeoutExpired:  # e.g. blocked opening a FIFO
        return subprocess.CompletedProcess(args, -1, b'', b'timed out')


def main() -> int:
    cli, root = sys.argv[1:3]
    failures = []

    def expect(what, proc, needle):
        stderr = proc.stderr.decode('utf-8', 'replace')
        if proc.returncode != 2 or needle not in stderr:
            failures.append(f'{what}: exit {proc.returncode}, stderr {stderr!r}; expected exit 2 and {needle!r}')

    for args in MODES:
        with open('/dev/full', 'wb') as full:
            expect(f'{args} > /dev/full', run(cli, root, args, stdout=full), 'cannot write standard output')
        closed = run(cli, root, args, stdout=subprocess.DEVNULL, preexec_fn=lambda: os.close(1))
        expect(f'{args} >&-', closed, 'cannot write standard output')

    with tempfile.TemporaryDirectory() as tmp:
        fifo = os.path.join(tmp, 'fifo')
        os.mkfifo(fifo)
        for args in ([tmp, 'examples/request.json'], ['--ndjson', tmp, 'examples/batch.ndjson'], ['--har', tmp],
                     ['--request', tmp, '--response', 'tests/data/cassette-response.json']):
            proc = run(cli, root, args + NOW, stdout=subprocess.PIPE)
            expect(f'{args}', proc, f'cannot read {tmp}: Is a directory')
            if args[0] == tmp and b'1 document checked' not in proc.stdout:
                failures.append(f'{args}: the other file was not checked: {proc.stdout!r}')
        for args in ([fifo], ['--ndjson', fifo], ['--har', fifo], ['--request', 'tests/data/cassette-request.json', '--response', fifo]):
            expect(f'{args}', run(cli, root, args + NOW, stdout=subprocess.PIPE), f'cannot read {fifo}: not a regular file')
        expect('missing file', run(cli, root, [os.path.join(tmp, 'missing.json')], stdout=subprocess.PIPE),
               'No such file or directory')

    for failure in failures:
        print('FAIL ' + failure)
    print(f'io: {len(failures)} failures')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
