#!/usr/bin/env bash
# One command for a fresh Debian 12 machine: install every dependency (the Debian packages in
# scripts/packages.txt, then the dashboard's npm packages), build the engine and the web
# dashboard, and run the main job (the world census and one country profile) on the bundled
# dataset. It does not block: ./scripts/run.sh then serves the dashboard.
#   ./scripts/setup.sh                 (as root; a bare system has no sudo)
#   sudo ./scripts/setup.sh            (as a user with sudo)
#   ./scripts/setup.sh --deps-only     (only the Debian packages and the Node.js check; .ci/run)
# On a minimal Debian 12 it installs about 790 packages (20–40 minutes on 2 cores,
# build included).
set -euo pipefail
cd "$(dirname "$0")/.."

deps_only=0
case "${1:-}" in
  "") ;;
  --deps-only) deps_only=1 ;;
  *) echo "usage: $0 [--deps-only]" >&2; exit 2 ;;
esac

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "setup: run as root (there is no sudo here): ./scripts/setup.sh" >&2; exit 1; }
  SUDO="sudo"
fi

# The one package list (also used by .ci/run through --deps-only).
mapfile -t PACKAGES < <(sed -e 's/#.*//' -e 's/[[:space:]]//g' -e '/^$/d' scripts/packages.txt)
missing=()
for p in "${PACKAGES[@]}"; do
  case "$p" in
    # An installed node/npm (e.g. NodeSource's, which bundles npm) is kept; check-node.sh below
    # checks its version. An installed /usr/bin/chromium is kept.
    nodejs) command -v node >/dev/null 2>&1 && continue ;;
    npm) command -v npm >/dev/null 2>&1 && continue ;;
    chromium) [ -x /usr/bin/chromium ] && continue ;;
  esac
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${#missing[@]} packages and their dependencies: ${missing[*]}" >&2
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
./scripts/check-node.sh
echo "setup: Debian packages present; node $(node --version), npm $(npm --version)" >&2
[ "$deps_only" = 1 ] && exit 0

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build

# The Python package: `import aisov` in Debian's python3 (/usr/local/lib/python3.11/
# dist-packages, with a copy of the bundled dataset and scenarios; docs/python.md).
if ls build/python/aisov/_aisov*.so >/dev/null 2>&1; then
  $SUDO cmake --install build --component python
fi

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
ls build/python/aisov/_aisov*.so >/dev/null 2>&1 &&
  echo "setup: Python: /usr/bin/python3 -c 'import aisov; print(aisov.open().census())' (docs/python.md)" >&2
echo "setup: serve the dashboard with ./scripts/run.sh (http://127.0.0.1:8080/); run the tests with ./scripts/test.sh" >&2
