#!/usr/bin/env bash
# Installs the Debian packages the build and tests need (node and npm for the serve and contracts tests), when any is missing (as root, via apt-get).
# Usage: scripts/install-deps.sh [--sanitizers | --format]   (--sanitizers adds clang and its sanitizer and
# libFuzzer runtimes; --format adds clang-format for scripts/format.sh)
set -euo pipefail

packages=(meson ninja-build g++ gcc pkg-config cmake python3 libvalijson-dev rapidjson-dev libfmt-dev
          doctest-dev libcli11-dev libcpp-httplib-dev pre-commit git
          # The Python package: build (pybind11, meson-python), its tests (venv, pytest, mypy) and
          # bench/python_bench.py's peer and tests/contracts' bundled-schema test (python-jsonschema).
          python3-dev pybind11-dev python3-mesonpy python3-venv python3-pytest mypy python3-jsonschema)
if [[ "${1:-}" == "--sanitizers" ]]; then
  packages+=(clang libclang-rt-14-dev)
fi
if [[ "${1:-}" == "--format" ]]; then
  packages+=(clang-format-14)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# The serve and contracts tests run the official TypeScript client (and ajv): node and npm, from Debian unless
# some are already there.
command -v node >/dev/null && command -v npm >/dev/null || missing+=(nodejs npm)
command -v openssl >/dev/null || missing+=(openssl)
[[ ${#missing[@]} -eq 0 ]] && exit 0

if [[ $(id -u) -ne 0 ]]; then
  echo "missing packages: ${missing[*]}; run as root or: sudo apt-get install ${missing[*]}" >&2
  exit 2
fi
echo "installing: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
