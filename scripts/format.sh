#!/usr/bin/env bash
# Formats the C++ sources with clang-format (.clang-format), or with --check fails, listing the files,
# when any is not formatted (CI runs the check).
set -euo pipefail
cd "$(dirname "$0")/.."
format=$(command -v clang-format-14 || command -v clang-format || true)
if [[ -z "$format" ]]; then
  echo "format.sh: clang-format is not installed (Debian: clang-format-14)" >&2
  exit 2
fi
mapfile -t files < <(git ls-files 'src/*.cpp' 'src/*.h' 'include/*.h' 'tests/unit/*.cpp' 'tests/unit/*.h' \
  'tests/support/*.cpp' 'tests/support/*.h' 'fuzz/*.cpp' 'fuzz/*.h' 'bench/*.cpp' 'python/src/*.cpp' 'python/src/*.h' \
  'examples/*.cpp')
if [[ "${1:-}" == "--check" ]]; then
  unformatted=()
  for f in "${files[@]}"; do
    "$format" --dry-run -Werror "$f" >/dev/null 2>&1 || unformatted+=("$f")
  done
  if [[ ${#unformatted[@]} -gt 0 ]]; then
    echo "format.sh: not formatted (run scripts/format.sh): ${unformatted[*]}" >&2
    exit 1
  fi
  echo "format.sh: ${#files[@]} files formatted"
else
  "$format" -i "${files[@]}"
fi
