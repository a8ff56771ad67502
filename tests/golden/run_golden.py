#!/usr/bin/env python3
"""Golden-file tests of the CLI: run_golden.py CLI CASES_DIR SOURCE_ROOT [--update]

Each CASES_DIR/NAME.args holds the command-line arguments (shell syntax, run from SOURCE_ROOT);
NAME.stdin, when present, is fed to standard input. NAME.out holds the expected standard output,
preceded by a line `exit: N` with the expected exit code; NAME.err, when present, the expected
standard error. --update rewrites the .out files (and the .err files there are)."""
import os
import shlex
import subprocess
import sys


def main() -> int:
    cli, cases_dir, root, *rest = sys.argv[1:]
    update = '--update' in rest
    names = sorted(f[:-5] for f in os.listdir(cases_dir) if f.endswith('.args'))
    env = dict(os.environ, NO_COLOR='1')
    passed = failed = 0
    for name in names:
        base = os.path.join(cases_dir, name)
        args = shlex.split(open(base + '.args', encoding='utf-8').read())
        stdin = open(base + '.stdin', 'rb').read() if os.path.exists(base + '.stdin') else b''
        proc = subprocess.run([cli] + args, cwd=root, input=stdin, capture_output=True, env=env, timeout=60)
        actual = f'exit: {proc.returncode}\n' + proc.stdout.decode('utf-8', 'replace')
        errors = proc.stderr.decode('utf-8', 'replace')
        checks_errors = os.path.exists(base + '.err')
        if update:
            with open(base + '.out', 'w', encoding='utf-8') as out:
                out.write(actual)
            if checks_errors:
                with open(base + '.err', 'w', encoding='utf-8') as out:
                    out.write(errors)
            continue
        expected = open(base + '.out', encoding='utf-8').read() if os.path.exists(base + '.out') else '<missing>'
        expected_errors = open(base + '.err', encoding='utf-8').read() if checks_errors else errors
        if actual == expected and errors == expected_errors:
            passed += 1
        else:
            failed += 1
            print(f'FAIL {name}: backfill-check {shlex.join(args)}')
            print('--- expected\n' + expected + '--- actual\n' + actual + '--- expected stderr\n' + expected_errors +
                  '--- stderr\n' + errors)
    if not update:
        print(f'golden: {passed} passed, {failed} failed')
        if passed == 0:
            return 1
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
