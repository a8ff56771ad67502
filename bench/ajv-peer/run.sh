#!/usr/bin/env bash
# ajv as the peer, on the bench corpora: bench/ajv-peer/run.sh /tmp/small.ndjson /tmp/large.ndjson
# Per corpus, two lines (see README.md): "ajv-schema-only" (ajv + ajv-formats, an upper bound) and
# "ajv+rules" (the same plus rules.js, our request rules in JavaScript: the fair peer). Options of
# bench.js (--runs, --warmup, --verdicts PREFIX) may precede the corpora.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# In a subshell, so that corpus paths relative to the caller's directory keep working.
(cd "$here" && { [[ -d node_modules/ajv ]] || npm install --silent --no-audit --no-fund >/dev/null; })
(cd "$here" && python3 - "$here/request.bundled.json") <<'PY'
import json, sys
sys.path.insert(0, '../../scripts')
import embed_schemas
files = {n: json.load(open('../../schemas/' + n)) for n in ('common.schema.json', 'request.schema.json')}
json.dump(embed_schemas.bundle(json.loads(json.dumps(files['request.schema.json'])), 'request.schema.json', files),
          open(sys.argv[1], 'w'))
PY
node "$here/bench.js" "$here/request.bundled.json" --rules "$@"
