#!/usr/bin/env bash
# Builds backfill-check if needed and validates the bundled example request.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh build
exec build/backfill-check "${@:-examples/request.json}"
