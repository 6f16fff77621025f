#!/usr/bin/env bash
# Build (if needed) and serve the HTTP API and the dashboard on the bundled dataset.
#   ./scripts/run.sh                 → http://127.0.0.1:8080/
#   PORT=9000 HOST=0.0.0.0 ./scripts/run.sh
# Run ./scripts/setup.sh once first. Ctrl-C stops the server.
set -euo pipefail
cd "$(dirname "$0")/.."
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8080}
[ -f build/build.ninja ] || cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build
if [ ! -f web/dist/index.html ] || [ -n "$(find web/src web/index.html -newer web/dist/index.html 2>/dev/null | head -1)" ]; then
  ./scripts/check-node.sh
  [ web/node_modules/.package-lock.json -nt web/package-lock.json ] || (cd web && npm ci --no-audit --no-fund --loglevel=error)
  (cd web && npm run build --silent)
fi
echo "run.sh: dashboard at http://$HOST:$PORT/  (API: http://$HOST:$PORT/api/v1)" >&2
exec ./build/aisov serve --host "$HOST" --port "$PORT" --web web/dist
