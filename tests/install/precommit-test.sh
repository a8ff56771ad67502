#!/usr/bin/env bash
# Both pre-commit hooks of .pre-commit-hooks.yaml, run by pre-commit itself on commits in a temporary
# repository: a bad document fails the commit, a good one passes.
#   backfill-check         (language: script) pointed at an existing build (BACKFILL_CHECK_BUILD), or,
#                          with BACKFILL_INSTALL_TEST_FULL=1, built on first use in pre-commit's cache;
#   backfill-check-system  (language: system) with the CLI directory CLI_DIR on PATH.
# Skips (exit 77) when pre-commit or git is missing. Usage: precommit-test.sh SOURCE_DIR BUILD_DIR CLI_DIR
set -euo pipefail
source=$(cd "$1" && pwd)
build=$(cd "$2" && pwd)
cli_dir=$(cd "$3" && pwd)
source "$(dirname "$0")/lib.sh"
require "the pre-commit hooks cannot be run (Debian: apt-get install pre-commit)" pre-commit git
export PRE_COMMIT_HOME="$tmp/cache" GIT_CONFIG_NOSYSTEM=1 HOME="$tmp/home"
mkdir -p "$HOME"
git config --global user.email test@example.com
git config --global user.name test
git config --global init.defaultBranch main
git config --global protocol.file.allow always

# The hook repository as pre-commit clones it: this tree's hook files (the working copy, committed).
# The first-use build needs the whole tree; otherwise the hook definition and its script suffice.
hooks="$tmp/hooks"
if [[ "${BACKFILL_INSTALL_TEST_FULL:-}" == 1 ]]; then
  git clone -q "$source" "$hooks"
else
  git init -q "$hooks"
  mkdir -p "$hooks/scripts"
fi
cp "$source/.pre-commit-hooks.yaml" "$hooks/"
cp "$source/scripts/precommit-hook.sh" "$hooks/scripts/"
git -C "$hooks" add -A
git -C "$hooks" commit -qm "hooks" --allow-empty
rev=$(git -C "$hooks" rev-parse HEAD)

# try HOOK_ID: a repository with the hook installed; a valid request commits, an invalid one does not.
try() {
  local id=$1 repo="$tmp/repo-$1"
  git init -q "$repo"
  cat >"$repo/.pre-commit-config.yaml" <<YAML
repos:
  - repo: $hooks
    rev: $rev
    hooks:
      - id: $id
        files: ^maintenances/
YAML
  mkdir "$repo/maintenances"
  (cd "$repo" && pre-commit install >/dev/null) || fail "$id: pre-commit install"
  cp "$source/examples/request.json" "$repo/maintenances/good.json"
  git -C "$repo" add -A
  git -C "$repo" commit -qm good >"$tmp/$id-good.log" 2>&1 || { cat "$tmp/$id-good.log"; fail "$id: a valid request did not commit"; }
  cp "$source/examples/invalid-request.json" "$repo/maintenances/bad.json"
  git -C "$repo" add -A
  if git -C "$repo" commit -qm bad >"$tmp/$id-bad.log" 2>&1; then cat "$tmp/$id-bad.log"; fail "$id: an invalid request was committed"; fi
  grep -q "error\[BF2002\]" "$tmp/$id-bad.log" || { cat "$tmp/$id-bad.log"; fail "$id: the hook's diagnostics are not shown"; }
  [[ $(git -C "$repo" rev-list --count HEAD) -eq 1 ]] || fail "$id: the bad commit exists"
  pass "$id: pre-commit passes a valid request and stops the commit of an invalid one"
}

if [[ "${BACKFILL_INSTALL_TEST_FULL:-}" == 1 ]]; then
  BACKFILL_CHECK= BACKFILL_CHECK_BUILD= try backfill-check
  [[ -x $(find "$PRE_COMMIT_HOME" -path '*/build-precommit/backfill-check' -print -quit) ]] ||
    fail "the first use did not build the CLI in pre-commit's cache"
else
  BACKFILL_CHECK= BACKFILL_CHECK_BUILD=$build try backfill-check
fi
PATH="$cli_dir:$PATH" try backfill-check-system
echo "$passed passed, 0 failed"
