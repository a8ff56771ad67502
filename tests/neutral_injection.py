#!/usr/bin/env python3
"""End-to-end injection test (issue 11, section 3): neutral_injection.py CLI SOURCE_ROOT

Puts a hostile payload (terminal escapes, CR/LF, GitHub workflow commands, bidi controls, C1
controls, NUL, invalid UTF-8) into every string value and every member name of a valid document of
each kind, into file names, HAR entries (URLs included) and the CLI's parameters, runs every
--format and checks stdout and stderr: nothing raw that a terminal or a CI log would act on; JSON
formats parse; GitHub output is one workflow command per diagnostic plus the summary line."""
import json
import os
import re
import subprocess
import sys
import tempfile

FORMATS = ['text', 'json', 'sarif', 'github', 'jsonschema', 'problem']
PAYLOAD = ('\x1b]0;x\x07\x1b[2J\r\n::error file=a::forged %0A \u202e\u009b\x00 ##[error]x \u2066'
           '\udcff\udcfe')  # the last two: the bytes 0xff 0xfe, not UTF-8 (surrogateescape)
# Unicode's White_Space as .NET's TrimStart() sees it, which GitHub's runner applies before "::".
LEADING_SPACE = re.compile('^[\\s\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]*')
UNSAFE = re.compile('[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]')


def as_bytes(text):
    return text.encode('utf-8', 'surrogateescape')


MARKER = 'PAYLOAD-MARKER'
# In valid JSON text: json.dumps escapes the C0 controls (NUL included); the rest stays raw UTF-8.
# Invalid UTF-8 cannot be in a valid document (it would be one encoding error): only in raw ones.
PAYLOAD_VALID = re.sub('[\udc80-\udcff]', '', PAYLOAD)


def escaped_json(value):
    """Valid JSON text whose parsed strings hold the payload (messages quote it)."""
    return as_bytes(json.dumps(value, ensure_ascii=False))


def raw_json(value):
    """JSON text of a document built with MARKER, with the whole payload raw in its place (invalid JSON:
    the syntax errors' source excerpts show it)."""
    return as_bytes(json.dumps(value, ensure_ascii=False)).replace(MARKER.encode(), as_bytes(PAYLOAD))


def variants(value, payload):
    """The document with each string value, then each member name, replaced by the payload in turn."""
    paths = []

    def walk(node, path):
        if isinstance(node, dict):
            for key, child in node.items():
                paths.append(('name', path + [key]))
                walk(child, path + [key])
        elif isinstance(node, list):
            for i, child in enumerate(node):
                walk(child, path + [i])
        elif isinstance(node, str):
            paths.append(('value', path))

    walk(value, [])
    for what, path in paths:
        copy = json.loads(json.dumps(value))
        parent = copy
        for step in path[:-1]:
            parent = parent[step]
        last = path[-1] if path else None
        if what == 'value':
            if not path:
                yield payload
                continue
            parent[last] = payload
        else:
            parent[payload] = parent.pop(last)
        yield copy


class Checker:
    def __init__(self, cli, cwd):
        self.cli, self.cwd, self.runs, self.failures = cli, cwd, 0, []

    def fail(self, what, args, detail):
        self.failures.append(f'{what}: {detail}\n  args: {[a if isinstance(a, str) else repr(a) for a in args]}')

    def check_stream(self, name, data, fmt, args, diagnostics=None):
        text = data.decode('utf-8', 'surrogateescape')
        if re.search('[\udc80-\udcff]', text):
            self.fail(name, args, 'not UTF-8')
        allowed_tab = fmt == 'text' and name == 'stdout'
        for match in UNSAFE.finditer(text):
            if not (allowed_tab and match.group() == '\t'):
                self.fail(name, args, f'raw U+{ord(match.group()):04X} in {fmt} output')
                break
        if '\r' in text:
            self.fail(name, args, 'raw CR')
        commands = 0
        for line in text.split('\n'):
            if '##[' in line:
                self.fail(name, args, f'"##[" in line {line!r}')
            if LEADING_SPACE.sub('', line).startswith('::'):
                if fmt == 'github' and name == 'stdout' and line.startswith('::'):
                    commands += 1
                else:
                    self.fail(name, args, f'line starts a workflow command: {line!r}')
        if name != 'stdout':
            return
        if fmt == 'github' and diagnostics is not None and commands != diagnostics:
            self.fail(name, args, f'{commands} workflow commands for {diagnostics} diagnostics')
        if fmt == 'github':
            rest = [line for line in text.split('\n') if line and not line.startswith('::')]
            if len(rest) > 1:
                self.fail(name, args, f'lines beside the commands and the summary: {rest!r}')
        if fmt == 'sarif':
            try:
                json.loads(text)
            except ValueError as error:
                self.fail(name, args, f'SARIF does not parse: {error}')
        elif fmt in ('json', 'jsonschema', 'problem'):
            for line in text.splitlines():
                try:
                    json.loads(line)
                except ValueError as error:
                    self.fail(name, args, f'{fmt} line does not parse: {error}: {line[:200]!r}')

    def run(self, args, stdin=b''):
        """Runs every format; returns nothing. GitHub's command count is checked against --format json."""
        diagnostics = None
        for fmt in ['json'] + [f for f in FORMATS if f != 'json']:
            full = [self.cli, '--now', '2026-01-01T00:00:00Z', '--format', fmt] + args
            proc = subprocess.run([as_bytes(a) for a in full], cwd=self.cwd, input=stdin, capture_output=True,
                                  env=dict(os.environ, NO_COLOR='1'), timeout=60)
            self.runs += 1
            if proc.returncode not in (0, 1, 2):
                self.fail('exit', full, f'exit status {proc.returncode}')
            if fmt == 'json':
                diagnostics = 0
                for line in proc.stdout.decode('utf-8', 'replace').splitlines():
                    try:
                        doc = json.loads(line)
                    except ValueError:
                        continue  # reported by check_stream
                    diagnostics += len(doc.get('diagnostics', [])) if isinstance(doc, dict) else 0
            self.check_stream('stdout', proc.stdout, fmt, full, diagnostics)
            self.check_stream('stderr', proc.stderr, fmt, full)


def main():
    cli, root = sys.argv[1:3]
    examples = {
        'request': os.path.join(root, 'examples', 'request.json'),
        'response': os.path.join(root, 'tests', 'data', 'response-with-included.json'),
        'error': os.path.join(root, 'examples', 'error.json'),
    }
    with tempfile.TemporaryDirectory() as tmp:
        check = Checker(cli, tmp)

        # Every string value and member name of every kind, as valid JSON (the parsed strings hold the
        # payload: messages quote it) and with the payload raw (syntax errors: excerpts show it).
        for kind, path in examples.items():
            document = json.load(open(path, encoding='utf-8'))
            docs = list(variants(document, PAYLOAD_VALID))
            for style, encode, payload in (('escaped', escaped_json, PAYLOAD_VALID), ('raw', raw_json, MARKER)):
                batch = os.path.join(tmp, f'{kind}-{style}.ndjson')
                with open(batch, 'wb') as out:
                    for doc in variants(document, payload):
                        out.write(encode(doc).replace(b'\n', b' ') + b'\n')
                check.run(['--kind', kind, '--ndjson', batch])
                check.run(['--ndjson', batch])  # --kind auto
            # The same documents as separate files (not NDJSON: multi-line, excerpts on their lines).
            files = []
            for i, doc in enumerate(docs[:40]):
                name = os.path.join(tmp, f'{kind}-{i}.json')
                with open(name, 'wb') as out:
                    out.write(as_bytes(json.dumps(doc, ensure_ascii=False, indent=2)))
                files.append(name)
            check.run(['--kind', kind] + files)

        # File names: relative (so a name can start a line), starting with '::' and with white space.
        invalid = open(os.path.join(root, 'examples', 'invalid-request.json'), 'rb').read()
        names = [PAYLOAD.replace('/', '') + '.json', '::error file=a::forged.json', '  ::warning::x.json',
                 '\u3000::notice::x.json', '##[error]x.json', 'a\nb\r::error::c.json']
        for name in names:
            with open(as_bytes(os.path.join(tmp, name.replace('\x00', ''))), 'wb') as out:
                out.write(invalid)
        existing = [name.replace('\x00', '') for name in names]
        check.run(existing)
        check.run(['--ndjson'] + existing)
        check.run([existing[0], 'missing-' + existing[0]])  # one unreadable: its name goes to stderr
        check.run(['--stdin-filename', PAYLOAD.replace('\x00', ''), '-'], stdin=invalid)
        check.run(['--stdin-filename', '::error file=a::forged', '-'], stdin=b'{"data": ')

        # CLI parameters, alone and in exchange mode.
        request, response = examples['request'], os.path.join(root, 'tests', 'data', 'cassette-response.json')
        param = PAYLOAD.replace('\x00', '')
        check.run(['--page-id', param, '--include', param, request])
        check.run(['--request', request, '--response', response, '--page-id', param, '--include', param])
        check.run(['--request', request, '--response', response, '--include', 'status_page,' + param])

        # HAR: every string of the file (URLs, methods, headers, bodies), then payloads in the URL's
        # page id and include (raw and percent-encoded), and the HAR file's own name.
        har = json.load(open(os.path.join(root, 'tests', 'data', 'exchange.har'), encoding='utf-8'))
        hars = list(variants(har, PAYLOAD_VALID))
        encoded = ''.join(f'%{b:02X}' for b in as_bytes(PAYLOAD))
        base = 'https://api.datadoghq.com/api/v2/statuspages/'
        for page_id, include in ((PAYLOAD_VALID, PAYLOAD_VALID), (encoded, encoded), ('::error::x', '%0A::error::x')):
            copy = json.loads(json.dumps(har))
            for entry in copy['log']['entries'][1:]:
                entry['request']['url'] = f'{base}{page_id}/maintenances/backfill?include={include}'
            hars.append(copy)
        for i, doc in enumerate(hars):
            prefix = '::error::x ' if i % 2 == 0 else f'{i}-'  # the heading line starts with the name
            name = os.path.join(tmp, prefix + f'{i}-' + PAYLOAD.replace('/', '').replace('\x00', '') + '.har')
            with open(as_bytes(name), 'wb') as out:
                out.write(escaped_json(doc))
            check.run(['--har', os.path.basename(name)])

        for failure in check.failures[:int(os.environ.get("NEUTRAL_SHOW", "40"))]:
            print('FAIL ' + failure)
        print(f'neutral injection: {check.runs} runs, {len(check.failures)} failures')
        return 1 if check.failures else 0


if __name__ == '__main__':
    sys.exit(main())
