#!/usr/bin/env bash
# Every option `backfill-check --help` and `backfill-check serve --help` list is described in the man page, and the page renders
# without groff warnings. Usage: man-page-test.sh CLI MAN_PAGE
set -euo pipefail
cli=$1
page=$2
missing=0
checked=0
for option in $({ "$cli" --help; "$cli" serve --help; } | grep -oE '^ +(-[a-zA-Z],)?--[a-z][a-z-]*' | sed 's/.*--//' | sort -u); do
  checked=$((checked + 1))
  if ! grep -qF -- "\\-\\-${option//-/\\-}" "$page"; then
    echo "FAIL: --$option is not in $page"
    missing=$((missing + 1))
  fi
done
# The SYNOPSIS shows every form of invocation.
synopsis=$(sed -n '/^\.SH SYNOPSIS/,/^\.SH /p' "$page")
for form in ndjson request har explain list-rules completions help version output; do
  checked=$((checked + 1))
  if ! grep -qF -- "\\-\\-${form//-/\\-}" <<<"$synopsis"; then
    echo "FAIL: the SYNOPSIS does not show --$form"
    missing=$((missing + 1))
  fi
done
if command -v groff >/dev/null; then
  warnings=$(groff -man -ww -z "$page" 2>&1 || true)
  if [[ -n "$warnings" ]]; then echo "FAIL: groff warnings:"; echo "$warnings"; missing=$((missing + 1)); fi
else
  echo "groff is not installed: rendering not checked"
fi
echo "$((checked - missing)) passed, $missing failed"
[[ $missing -eq 0 && $checked -gt 10 ]]
