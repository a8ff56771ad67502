#!/usr/bin/env bash
# The README's Python section as a test: a venv with the system site packages (Debian's meson-python,
# pybind11, pytest, mypy), `pip install --no-build-isolation` of the source tree, then the pytest
# suite against the installed package, mypy --strict on the usage example, and the README's example.
# Skips (exit 77) when a Debian package it needs is missing.
# Usage: venv_test.sh PYTHON SOURCE_DIR WORK_DIR   (WORK_DIR/wheel-build is kept: later runs are incremental)
set -euo pipefail
python=$1
source=$(cd "$2" && pwd)
mkdir -p "$3"
work=$(cd "$3" && pwd)

for module in mesonpy pytest venv; do
  if ! "$python" -c "import $module" 2>/dev/null; then
    echo "SKIP: $python cannot import $module (scripts/install-deps.sh installs it)"
    exit 77
  fi
done

rm -rf "$work/venv"
"$python" -m venv --system-site-packages "$work/venv"
venv_python="$work/venv/bin/python"
# No package index is reachable: everything comes from the system site packages.
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INDEX=1
(cd "$source" && "$venv_python" -m pip install --quiet --no-build-isolation \
  --config-settings=builddir="$work/wheel-build" --config-settings=compile-args=-j2 .) \
  >"$work/pip.log" 2>&1 || { cat "$work/pip.log"; echo "FAIL: pip install"; exit 1; }
installed=$("$venv_python" -c 'import backfill_check; print(backfill_check.__file__)')
case "$installed" in
  "$work/venv/"*) echo "ok: pip install ($installed)" ;;
  *) echo "FAIL: backfill_check imported from $installed, not from the venv"; exit 1 ;;
esac

# From WORK_DIR, so that no source directory shadows the installed package.
(cd "$work" && "$venv_python" -m pytest -q -p no:cacheprovider "$source/python/tests")

if "$venv_python" -c 'import mypy' 2>/dev/null; then
  (cd "$work" && "$venv_python" -m mypy --strict --no-incremental "$source/python/examples/preflight.py")
else
  echo "note: mypy is not installed (Debian package mypy); the typing check is skipped"
fi

# The README's example, verbatim, from the source root (it reads examples/invalid-request.json).
"$venv_python" - "$source/README.md" >"$work/readme-example.py" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
section = text[text.index("## Python"):]
print(re.search(r"```python\n(.*?)```", section, re.S).group(1))
PY
output=$(cd "$source" && "$venv_python" "$work/readme-example.py")
grep -q 'error\[BF2002\] updates-status-order' <<<"$output" || { echo "$output"; echo "FAIL: the README's example"; exit 1; }
echo "ok: the README's example prints the diagnostics of examples/invalid-request.json"
