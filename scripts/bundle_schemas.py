#!/usr/bin/env python3
"""Writes the bundled (self-contained) draft-07 schema of every kind under every contract, as
`backfill-check --print-schema KIND --contract NAME` prints it, to OUT_DIR/CONTRACT/KIND.schema.json:
the files other tools (python-jsonschema, ajv) load with no network. Fails the build when a schema
does not parse or still refers outside itself.

Usage: bundle_schemas.py BACKFILL_CHECK OUT_DIR --contracts NAME... --kinds KIND...
"""
import argparse
import json
import pathlib
import shutil
import subprocess
import sys


def external_refs(node):
    """Every $ref of a schema that does not point into the document itself."""
    if isinstance(node, dict):
        ref = node.get('$ref')
        if isinstance(ref, str) and not ref.startswith('#'):
            yield ref
        for value in node.values():
            yield from external_refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from external_refs(value)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('cli')
    parser.add_argument('out_dir', type=pathlib.Path)
    parser.add_argument('--contracts', nargs='+', required=True)
    parser.add_argument('--kinds', nargs='+', required=True)
    args = parser.parse_args()
    # Rewritten whole, so that a contract or kind that is no longer built leaves no stale file behind.
    shutil.rmtree(args.out_dir, ignore_errors=True)
    for contract in args.contracts:
        (args.out_dir / contract).mkdir(parents=True)
        for kind in args.kinds:
            where = f'--print-schema {kind} --contract {contract}'
            run = subprocess.run([args.cli, '--print-schema', kind, '--contract', contract],
                                 capture_output=True, text=True, check=False)
            if run.returncode != 0:
                sys.exit(f'bundle_schemas.py: {where} exited {run.returncode}: {run.stderr.strip()}')
            try:
                schema = json.loads(run.stdout)
            except ValueError as error:
                sys.exit(f'bundle_schemas.py: {where} is not JSON: {error}')
            outside = sorted(set(external_refs(schema)))
            if outside:
                sys.exit(f'bundle_schemas.py: {where} still refers outside itself: {", ".join(outside)}')
            (args.out_dir / contract / f'{kind}.schema.json').write_text(run.stdout)


if __name__ == '__main__':
    main()
