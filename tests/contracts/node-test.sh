#!/usr/bin/env bash
# Runs a node test with its npm packages from the cache (tests/support/npm-cache.sh), whose folder it
# passes as NODE_PACKAGES_DIR. Skips (exit 77) without node and npm or when the registry cannot be reached.
# Usage: node-test.sh client|ajv SCRIPT.mjs ARG...
#   client: the pinned official client; ajv: ajv and ajv-formats as bench/ajv-peer/package.json pins them
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../support/npm-cache.sh"
packages=$1
shift
case $packages in
  client) datadog_client ;;
  ajv)
    specs=$(python3 -c 'import json, sys; print(" ".join(f"{n}@{v}" for n, v in json.load(open(sys.argv[1]))["dependencies"].items()))' \
      "$here/../../bench/ajv-peer/package.json")
    # shellcheck disable=SC2086  # one argument per package
    npm_cached "ajv-peer-$(tr -cs 'A-Za-z0-9.\n' '-' <<<"$specs")" $specs
    ;;
  *) echo "node-test.sh: unknown packages $packages" >&2; exit 2 ;;
esac
NODE_PACKAGES_DIR=$npm_dir exec timeout 300 node "$@"
