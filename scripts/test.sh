#!/usr/bin/env bash
# The whole test suite: build (if needed) and run every test with CTest.
#   ./scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${AISOV_BUILD_DIR:-build}
cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=${AISOV_BUILD_TYPE:-RelWithDebInfo} ${AISOV_CMAKE_ARGS:-}
cmake --build "$BUILD"
ctest --test-dir "$BUILD" --output-on-failure -j"$(nproc)"
