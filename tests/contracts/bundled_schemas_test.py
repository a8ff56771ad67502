#!/usr/bin/env python3
"""python-jsonschema loads the bundled schemas the build writes (BUNDLED_DIR/CONTRACT/KIND.schema.json)
with the network unavailable to it: sockets raise, and any $ref outside the file raises instead of
being fetched. Every document of tests/contracts/schema-verdicts.json gets its expected verdict.

Usage: bundled_schemas_test.py BUNDLED_DIR SOURCE_DIR
"""
import importlib.metadata
import json
import pathlib
import socket
import sys

import jsonschema


class RemoteRetrieval(Exception):
    """A $ref tried to leave the schema file."""


def no_network(*args, **kwargs):
    raise RemoteRetrieval(f'network access attempted: {args!r}')


socket.socket = socket.create_connection = socket.getaddrinfo = no_network


def offline_validator(schema):
    """A draft-07 validator that resolves only references inside `schema` (jsonschema 4.10 on Debian 12
    resolves through RefResolver, 4.18 and later through a referencing.Registry)."""
    version = tuple(int(part) for part in importlib.metadata.version('jsonschema').split('.')[:2])
    if version >= (4, 18):
        import referencing  # pylint: disable=import-outside-toplevel

        def retrieve(uri):
            raise RemoteRetrieval(f'remote $ref {uri}')
        return jsonschema.Draft7Validator(schema, registry=referencing.Registry(retrieve=retrieve))

    class OfflineResolver(jsonschema.RefResolver):
        def resolve_remote(self, uri):
            raise RemoteRetrieval(f'remote $ref {uri}')
    return jsonschema.Draft7Validator(schema, resolver=OfflineResolver.from_schema(schema))


def main():
    bundled, source = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    table = json.loads((source / 'tests/contracts/schema-verdicts.json').read_text())
    failures = passed = 0

    def check(ok, what):
        nonlocal failures, passed
        print(('ok: ' if ok else 'FAIL: ') + what)
        passed += ok
        failures += not ok

    validators = {}
    for contract in sorted(path.name for path in bundled.iterdir()):
        for path in sorted((bundled / contract).glob('*.schema.json')):
            schema = json.loads(path.read_text())
            jsonschema.Draft7Validator.check_schema(schema)
            validators[contract, path.name.removesuffix('.schema.json')] = offline_validator(schema)
    contracts = {contract for contract, _ in validators}
    kinds = {'request', 'response', 'error', 'parameters'}
    check(contracts >= {'reference', 'openapi-2026-09'} and set(validators) == {(c, k) for c in contracts for k in kinds},
          f'{len(validators)} bundled schemas load as draft-07: {sorted(validators)}')

    for entry in table['documents']:
        document = entry['document'] if 'document' in entry else json.loads((source / entry['file']).read_text())
        name = entry.get('file', entry.get('name'))
        for contract, expected in entry['valid'].items():
            try:
                errors = [f'{"/".join(map(str, e.absolute_path))}: {e.message}'
                          for e in validators[contract, entry['kind']].iter_errors(document)]
            except RemoteRetrieval as error:
                check(False, f'{name} under {contract}: {error}')
                continue
            check((not errors) == expected,
                  f'{name} under {contract}: {"valid" if not errors else "invalid"}, expected '
                  f'{"valid" if expected else "invalid"} {errors[:2]}')

    # The unbundled source refers to common.schema.json by its $id: loading it needs the network, and here fails.
    unbundled = json.loads((source / 'schemas/request.schema.json').read_text())
    document = json.loads((source / 'tests/data/cassette-request.json').read_text())
    try:
        list(offline_validator(unbundled).iter_errors(document))
        check(False, 'the unbundled source schema is refused offline')
    except Exception as error:  # pylint: disable=broad-except  (jsonschema wraps it in its own error type)
        check('common.schema.json' in str(error) or isinstance(error, RemoteRetrieval),
              f'the unbundled source schema is refused offline: {type(error).__name__}')

    print(f'{passed} passed, {failures} failed')
    sys.exit(1 if failures else 0)


if __name__ == '__main__':
    main()
