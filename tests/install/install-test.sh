#!/usr/bin/env bash
# Installs the build into a temporary directory and builds small consumers against the installed
# package: C++ and C through `pkg-config --cflags --libs backfill-check` (shared, and C++ statically),
# C++ through meson's dependency(), C and C++ through CMake's find_package(backfill-check) (shared and
# static), then runs them. Also configures a meson project that uses this source tree as a subproject
# (meson.override_dependency), runs the installed CLI without LD_LIBRARY_PATH and the pre-commit hooks
# both ways (tests/install/precommit-test.sh). Skips (exit 77) when a tool is missing.
# Usage: install-test.sh BUILD_DIR SOURCE_DIR [plain|instrumented]
set -euo pipefail

if [[ "${3:-plain}" == instrumented ]]; then
  echo "SKIP: this build is instrumented (sanitizers or fuzzing); the release build checks the install"
  exit 77
fi

build=$(cd "$1" && pwd)
source=$(cd "$2" && pwd)
here="$source/tests/install"

source "$here/lib.sh"
require "the installed package cannot be checked" pkg-config meson ninja c++ cc

# 1. Install into a staging root. The .pc file keeps the configured prefix; PKG_CONFIG_SYSROOT_DIR
#    makes pkg-config (and meson, which asks pkg-config) point into the staging root instead.
root="$tmp/root"
meson install -C "$build" --no-rebuild --destdir "$root" >"$tmp/install.log" 2>&1 || { cat "$tmp/install.log"; fail "meson install"; }
pc=$(find "$root" -name backfill-check.pc -print -quit)
[[ -n "$pc" ]] || fail "backfill-check.pc is not installed"
# Only backfill-check.pc and what it requires (fmt) are visible: RapidJSON and valijson are private.
mkdir "$tmp/pkgconfig"
ln -s "$pc" "$tmp/pkgconfig/"
fmt_pc="$(pkg-config --variable=pcfiledir fmt 2>/dev/null || true)/fmt.pc"
if [[ -f "$fmt_pc" ]]; then ln -s "$fmt_pc" "$tmp/pkgconfig/"; fi
export PKG_CONFIG_LIBDIR="$tmp/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$root"
unset PKG_CONFIG_PATH
libdir=$(dirname "$(dirname "$pc")")
# The installed CLI finds its library through its RUNPATH ($ORIGIN/../LIBDIR), from any prefix.
cli=$(find "$root" -path '*/bin/backfill-check' -print -quit)
[[ -n "$cli" ]] || fail "the CLI is not installed"
version=$(env -u LD_LIBRARY_PATH "$cli" --version) || fail "the installed CLI does not start without LD_LIBRARY_PATH"
[[ "$version" == "backfill-check $(sed -n "s/^  version: '\(.*\)',$/\1/p" "$source/meson.build")" ]] ||
  fail "the installed CLI's --version says \"$version\""
export LD_LIBRARY_PATH="$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
for f in libbackfill-check.so libbackfill-check.a; do [[ -e "$libdir/$f" ]] || fail "$f is not installed"; done
for header in "$source"/include/backfill/*.h "$source"/include/backfill/*.def version.h; do  # the generated one too
  f=$(basename "$header")
  [[ -n $(find "$root" -path "*/include/backfill/$f") ]] || fail "include/backfill/$f is not installed"
done
[[ -n $(find "$root" -path "*/share/backfill-check/schemas/request.schema.json") ]] || fail "schemas are not installed"
[[ -n $(find "$root" -path "*/man1/backfill-check.1") ]] || fail "the man page is not installed"
if grep -rlE '#[[:space:]]*include.*(rapidjson|valijson)' "$(dirname "$(find "$root" -path '*/include/backfill/validate.h')")"; then
  fail "an installed public header includes RapidJSON or valijson"
fi
[[ -n $(find "$root" -path "*/share/backfill-check/schemas/output.schema.json") ]] || fail "the output schema is not installed"
# The bundled schemas other tools load (docs/contracts.md): each contract's and kind's, as the build wrote it.
for bundled in "$build"/bundled/*/*.schema.json; do
  name=${bundled#"$build"/bundled/}
  installed=$(find "$root" -path "*/share/backfill-check/schemas/bundled/$name" -print -quit)
  [[ -n "$installed" ]] && cmp -s "$bundled" "$installed" || fail "schemas/bundled/$name is not installed"
done
for completion in bash-completion/completions/backfill-check zsh/site-functions/_backfill-check \
                  fish/vendor_completions.d/backfill-check.fish; do
  [[ -s $(find "$root" -path "*/share/$completion" -print -quit) ]] || fail "share/$completion is not installed"
done
pass "meson install: library (shared and static), headers, schemas (bundled too), man page, CLI, completions, backfill-check.pc"
pass "the installed CLI runs without LD_LIBRARY_PATH: $version"

# 2. A C++ consumer through pkg-config, shared and static.
cd "$tmp"
c++ -std=c++17 -o consumer "$here/consumer.cpp" $(pkg-config --cflags --libs backfill-check)
./consumer "$source/examples/request.json" | grep -qx "valid request: 0 diagnostics" || fail "pkg-config C++ consumer"
pass "C++ consumer built with pkg-config --cflags --libs backfill-check"
# Static: libbackfill-check.a, then what `pkg-config --static` lists after it (fmt, the C++ runtime).
static_libs() { echo -Wl,-Bstatic -lbackfill-check -Wl,-Bdynamic $(pkg-config --libs-only-l --static backfill-check | sed 's/-lbackfill-check//'); }
c++ -std=c++17 -o consumer-static "$here/consumer.cpp" $(pkg-config --cflags --libs-only-L backfill-check) $(static_libs)
if ldd ./consumer-static | grep -q libbackfill-check; then fail "the static C++ consumer loads the shared library"; fi
./consumer-static "$source/examples/invalid-request.json" | grep -q "^invalid request: " || fail "static C++ consumer"
pass "C++ consumer linked against libbackfill-check.a"

# 3. A C consumer of the C API through pkg-config.
cc -std=c89 -pedantic-errors -o c-consumer "$here/consumer.c" $(pkg-config --cflags --libs backfill-check)
status=0
./c-consumer "$source/examples/invalid-request.json" >c-consumer.out || status=$?
[[ $status -eq 1 ]] && grep -q "^BF2002 21:21 /data/attributes/updates/1/status$" c-consumer.out || fail "pkg-config C consumer"
cc -std=c89 -o c-consumer-static "$here/consumer.c" $(pkg-config --cflags --libs-only-L backfill-check) $(static_libs)
if ldd ./c-consumer-static | grep -q libbackfill-check; then fail "the static C consumer loads the shared library"; fi
status=0
./c-consumer-static "$source/examples/invalid-request.json" >c-consumer.out || status=$?
[[ $status -eq 1 ]] && grep -q "^BF2002 " c-consumer.out || fail "static C consumer"
pass "C89 consumer of backfill.h built with pkg-config, shared and static"

# 4. A meson project using dependency('backfill-check'), found through pkg-config.
mkdir -p meson-consumer
cp "$here/consumer.cpp" meson-consumer/
cat >meson-consumer/meson.build <<'EOF'
project('consumer', 'cpp', default_options: ['cpp_std=c++17'])
executable('consumer', 'consumer.cpp', dependencies: dependency('backfill-check'))
EOF
meson setup meson-consumer/build meson-consumer >"$tmp/setup.log" 2>&1 || { cat "$tmp/setup.log"; fail "meson setup (dependency)"; }
ninja -C meson-consumer/build >"$tmp/ninja.log" 2>&1 || { cat "$tmp/ninja.log"; fail "ninja (dependency)"; }
meson-consumer/build/consumer "$source/examples/request.json" | grep -qx "valid request: 0 diagnostics" || fail "meson consumer"
pass "meson consumer built with dependency('backfill-check')"

# 5. CMake: find_package(backfill-check 0.1 REQUIRED), C and C++, shared and static.
if command -v cmake >/dev/null; then
  config=$(find "$root" -name backfill-checkConfig.cmake -print -quit)
  [[ -n "$config" && -f "$(dirname "$config")/backfill-checkConfigVersion.cmake" ]] || fail "the CMake package is not installed"
  mkdir -p cmake-consumer
  cp "$here/consumer.cpp" "$here/consumer.c" cmake-consumer/
  cat >cmake-consumer/CMakeLists.txt <<'EOF'
cmake_minimum_required(VERSION 3.13)
project(consumer C CXX)
find_package(backfill-check 0.1 REQUIRED)
set(CMAKE_CXX_STANDARD 17)
add_executable(consumer consumer.cpp)
target_link_libraries(consumer PRIVATE backfill-check::backfill-check)
add_executable(c-consumer consumer.c)
target_link_libraries(c-consumer PRIVATE backfill-check::backfill-check)
add_executable(consumer-static consumer.cpp)
target_link_libraries(consumer-static PRIVATE backfill-check::static)
add_executable(c-consumer-static consumer.c)
target_link_libraries(c-consumer-static PRIVATE backfill-check::static)
EOF
  cmake_dir=$(dirname "$config")
  cmake -S cmake-consumer -B cmake-consumer/build -G Ninja -Dbackfill-check_DIR="$cmake_dir" >"$tmp/cmake.log" 2>&1 ||
    { cat "$tmp/cmake.log"; fail "cmake configure (find_package)"; }
  cmake --build cmake-consumer/build >"$tmp/cmake-build.log" 2>&1 || { cat "$tmp/cmake-build.log"; fail "cmake build"; }
  for program in consumer consumer-static; do
    env -u LD_LIBRARY_PATH cmake-consumer/build/$program "$source/examples/request.json" | grep -qx "valid request: 0 diagnostics" ||
      fail "CMake C++ consumer $program"
  done
  for program in c-consumer c-consumer-static; do
    status=0
    env -u LD_LIBRARY_PATH cmake-consumer/build/$program "$source/examples/invalid-request.json" >c-consumer.out || status=$?
    [[ $status -eq 1 ]] && grep -q "^BF2002 21:21 " c-consumer.out || fail "CMake C consumer $program (exit $status)"
  done
  if ldd cmake-consumer/build/consumer-static | grep -q libbackfill-check; then fail "backfill-check::static loads the shared library"; fi
  # The version file: 0.1 accepts 0.1.x only (a minor release may break the API while 0.x).
  mkdir -p cmake-too-new
  printf 'cmake_minimum_required(VERSION 3.13)\nproject(c C)\nfind_package(backfill-check 0.2 REQUIRED)\n' >cmake-too-new/CMakeLists.txt
  if cmake -S cmake-too-new -B cmake-too-new/build -Dbackfill-check_DIR="$cmake_dir" >"$tmp/cmake-new.log" 2>&1; then
    fail "find_package(backfill-check 0.2) accepted version 0.1"
  fi
  pass "CMake consumers (C and C++, backfill-check::backfill-check and ::static) built with find_package(backfill-check 0.1)"
else
  echo "cmake is not installed: the CMake consumer is not checked"
fi

# 6. The pre-commit hooks, both ways: the built tree for the script hook, the installed CLI for the system one.
status=0
"$here/precommit-test.sh" "$source" "$build" "$(dirname "$cli")" || status=$?
case $status in
  0) pass "pre-commit hooks (script and system) stop an invalid commit" ;;
  77) ;;
  *) fail "pre-commit hooks" ;;
esac

# 7. The same project with this tree as a subproject: dependency() resolves through
#    meson.override_dependency without anything installed (configured only; building it would compile
#    the whole library again).
unset PKG_CONFIG_LIBDIR PKG_CONFIG_SYSROOT_DIR
mkdir -p subproject-consumer/subprojects
cp meson-consumer/consumer.cpp subproject-consumer/
ln -s "$source" subproject-consumer/subprojects/backfill-check
cat >subproject-consumer/meson.build <<'EOF'
project('consumer', 'cpp', default_options: ['cpp_std=c++17'])
backfill = dependency('backfill-check', fallback: 'backfill-check', default_options: ['tests=false'])
executable('consumer', 'consumer.cpp', dependencies: backfill)
EOF
meson setup --force-fallback-for=backfill-check --wrap-mode=nodownload subproject-consumer/build subproject-consumer \
  >"$tmp/sub.log" 2>&1 || { cat "$tmp/sub.log"; fail "meson setup (subproject)"; }
grep -q "Dependency backfill-check found: YES .*(overridden)" "$tmp/sub.log" ||
  { cat "$tmp/sub.log"; fail "the subproject's overridden dependency was not used"; }
if [[ "${BACKFILL_INSTALL_TEST_FULL:-}" == 1 ]]; then
  ninja -C subproject-consumer/build >"$tmp/sub-ninja.log" 2>&1 || { cat "$tmp/sub-ninja.log"; fail "ninja (subproject)"; }
  subproject-consumer/build/consumer "$source/examples/request.json" | grep -qx "valid request: 0 diagnostics" ||
    fail "subproject consumer"
fi
pass "meson subproject consumer configured (meson.override_dependency)"

echo "$passed passed, 0 failed"
