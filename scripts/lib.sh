# Shared by the scripts: run a command quietly, showing its output only when it fails.
quietly() {
  local log
  log=$(mktemp)
  if ! "$@" >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    return 1
  fi
  rm -f "$log"
}

# Configures BUILD once (later runs reuse it) with clang and the given sanitizers:
# clang_sanitized_setup BUILD SANITIZERS [MESON_OPTION...]
clang_sanitized_setup() {
  local build=$1 sanitizers=$2
  shift 2
  [[ -f "$build/build.ninja" ]] && return 0
  CC=clang CXX=clang++ quietly meson setup "$build" --wrap-mode=nodownload -Dbuildtype=debugoptimized \
    -Db_sanitize="$sanitizers" -Db_lundef=false "$@"
}
