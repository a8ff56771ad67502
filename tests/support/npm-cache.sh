# Sourced by the tests that run node: npm packages installed once into a per-user cache folder
# (BACKFILL_NPM_CACHE, default ~/.cache/backfill-check/npm), shared by the tests and by later runs.
# Without node and npm, or when the registry cannot be reached, the calling test is skipped (exit 77).

# The official TypeScript client the tests build requests with and the drift check reads.
datadog_client_version=1.64.0

# npm_cached NAME SPEC...: sets npm_dir to the cache folder NAME, whose node_modules holds SPEC...
# (npm install arguments), installing them the first time. Tests that run at once wait for each other.
npm_cached() {
  local name=$1 root
  shift
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "SKIP: node and npm are not installed (scripts/install-deps.sh installs them)"
    exit 77
  fi
  root=${BACKFILL_NPM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/backfill-check/npm}
  npm_dir=$root/$name
  mkdir -p "$npm_dir"
  (
    flock 9
    [[ -f "$npm_dir/.installed" ]] && exit 0
    (cd "$npm_dir" && timeout 600 npm install --no-audit --no-fund --loglevel=error "$@") >"$npm_dir/install.log" 2>&1 || exit 1
    touch "$npm_dir/.installed"
  ) 9>"$root/$name.lock" || {
    echo "SKIP: npm could not install $* into $npm_dir (is the registry reachable?):"
    tail -n 5 "$npm_dir/install.log"
    exit 77
  }
}

# datadog_client: npm_cached for the pinned official client.
datadog_client() {
  npm_cached "datadog-api-client-$datadog_client_version" "@datadog/datadog-api-client@$datadog_client_version"
}
