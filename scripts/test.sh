#!/usr/bin/env bash
# The whole test suite: build (if needed) and run every test with CTest, then the dashboard's
# unit tests (Vitest) and end-to-end tests (playwright-core + Debian's chromium against a real
# `aisov serve`). AISOV_WEB_TESTS=0 skips the web part.
#   ./scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${AISOV_BUILD_DIR:-build}
# The web tests need node and npm, and a Node.js their tooling supports (>= 18): say so before
# the long C++ build and tests rather than after.
[ "${AISOV_WEB_TESTS:-1}" = "0" ] || ./scripts/check-node.sh
cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=${AISOV_BUILD_TYPE:-RelWithDebInfo} ${AISOV_CMAKE_ARGS:-}
cmake --build "$BUILD"
ctest --test-dir "$BUILD" --output-on-failure -j"$(nproc)"

# The Python package's tests against the build tree's module (python/tests; Debian's pytest).
# Skipped where the build has no module (AISOV_PYTHON=OFF, e.g. the sanitizer build).
if [ -d "$BUILD/python/aisov" ] && ls "$BUILD"/python/aisov/_aisov*.so >/dev/null 2>&1; then
  PY=$(sed -n 's/^PYTHON_EXECUTABLE:FILEPATH=//p' "$BUILD/CMakeCache.txt")
  echo "== Python package tests (pytest, ${PY:-python3})"
  # Absolute: notebook kernels and Dask workers run in other directories.
  PYTHONPATH="$(cd "$BUILD" && pwd)/python" "${PY:-python3}" -m pytest -q -p no:cacheprovider python/tests
else
  echo "test.sh: Python package tests skipped ($BUILD has no python module)"
fi

if [ "${AISOV_WEB_TESTS:-1}" = "0" ]; then
  echo "test.sh: web tests skipped (AISOV_WEB_TESTS=0)"
  exit 0
fi
cd web
# (Re)install the npm packages when missing or older than the lock file.
[ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund --loglevel=error
npm run build --silent
echo "== web unit tests (vitest)"
npx vitest run
if [ -x "${AISOV_CHROMIUM:-/usr/bin/chromium}" ]; then
  echo "== web end-to-end tests (chromium; screenshots in $BUILD/e2e-screenshots)"
  AISOV_BUILD_DIR="$(cd .. && realpath "$BUILD")" node --test e2e/dashboard.e2e.mjs
else
  echo "test.sh: SKIPPED the web end-to-end tests: ${AISOV_CHROMIUM:-/usr/bin/chromium} is missing (apt-get install chromium)"
fi
