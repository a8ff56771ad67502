#!/usr/bin/env bash
# ajv as a peer, schema only (no semantic rules, so an upper bound on ajv's full validation), on the
# bench corpora: bench/ajv-peer/run.sh /tmp/small.ndjson /tmp/large.ndjson
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
[[ -d node_modules/ajv ]] || npm install --silent --no-audit --no-fund >/dev/null
python3 - "$here/request.bundled.json" <<'PY'
import json, sys
sys.path.insert(0, '../../scripts')
import embed_schemas
files = {n: json.load(open('../../schemas/' + n)) for n in ('common.schema.json', 'request.schema.json')}
json.dump(embed_schemas.bundle(json.loads(json.dumps(files['request.schema.json'])), files), open(sys.argv[1], 'w'))
PY
node bench.js request.bundled.json "$@"
