#!/usr/bin/env bash
# One command for a fresh Debian 12 machine: install every dependency, build (the engine and
# the web dashboard), and run the main job (the world census and one country profile) on the
# bundled dataset. It does not block: ./scripts/run.sh then serves the dashboard.
#   sudo ./scripts/setup.sh            (or as root: ./scripts/setup.sh)
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

PACKAGES=(
  build-essential cmake ninja-build pkg-config git ca-certificates
  libcli11-dev nlohmann-json3-dev libtomlplusplus-dev libcsv-dev
  libcpp-httplib-dev libvalijson-dev
  libgtest-dev libgmock-dev librapidcheck-dev libbenchmark-dev
  libtbb-dev libpcg-cpp-dev libboost-dev python3-numpy
  clang-format-14 iso-codes python3 wrk time curl
)
# Optimiser (issue #5): COIN-OR Clp/Cbc, GeographicLib for distances, SciPy for the bench.
PACKAGES+=(coinor-libcbc-dev coinor-libclp-dev libgeographiclib-dev python3-scipy)
# The dashboard: Node.js + npm (Vite 7 needs Node >= 20.19; an installed node is kept) and
# Debian's chromium for the browser tests.
command -v node >/dev/null 2>&1 || PACKAGES+=(nodejs)
command -v npm >/dev/null 2>&1 || PACKAGES+=(npm)
[ -x /usr/bin/chromium ] || PACKAGES+=(chromium)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build

echo "setup: building the dashboard (web/dist)" >&2
(cd web && npm ci --no-audit --no-fund --loglevel=error && npm run build --silent)

echo
echo "== aisov census (all providers, bundled dataset) =="
./build/aisov census
echo
echo "== aisov profile DEU =="
./build/aisov profile DEU
echo
echo "setup: done. Try: ./build/aisov census --providers reference-nine --as-of 2024-11-30" >&2
echo "setup: start the dashboard with ./scripts/run.sh (http://127.0.0.1:8080/)" >&2
