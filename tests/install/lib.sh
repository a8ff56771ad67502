# Shared by the install tests: skipping when a tool is missing, a temporary directory, and counting.

# require REASON TOOL...: skips the test (exit 77), naming the missing tool and what goes unchecked.
require() {
  local reason=$1 tool
  shift
  for tool in "$@"; do
    if ! command -v "$tool" >/dev/null; then
      echo "SKIP: $tool is not installed, so $reason"
      exit 77
    fi
  done
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
pass() { echo "ok: $*"; passed=$((passed + 1)); }
fail() { echo "FAIL: $*"; exit 1; }
