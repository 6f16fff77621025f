#!/usr/bin/env bash
# HTTP load benchmark (not a test): wrk against the census and profile endpoints on loopback,
# on the bundled dataset. Reports requests/s, p99 latency, errors and the server's peak RSS.
#   ./bench/http_load.sh [duration_s=30] [connections=64]
# Needs: wrk, /usr/bin/time (Debian packages wrk, time), a built ./build/aisov.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-30}
CONNECTIONS=${2:-64}
BIN=${AISOV_BIN:-./build/aisov}
PORT=${AISOV_BENCH_PORT:-$(( 20000 + RANDOM % 20000 ))}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

/usr/bin/time -v "$BIN" serve --host 127.0.0.1 --port "$PORT" --quiet 2> "$OUT/time.txt" &
TIME_PID=$!
for _ in $(seq 1 100); do
  if { exec 3<>"/dev/tcp/127.0.0.1/$PORT"; } 2>/dev/null; then exec 3>&-; break; fi
  sleep 0.1
done

run() {
  local name=$1 path=$2
  wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "http://127.0.0.1:$PORT$path" > "$OUT/$name.txt"
  local rps p99 errors non2xx
  rps=$(awk '/^Requests\/sec/ {print $2}' "$OUT/$name.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$OUT/$name.txt")
  errors=$(awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10}' "$OUT/$name.txt")
  non2xx=$(awk '/Non-2xx/ {print $5}' "$OUT/$name.txt")
  printf '%-8s %-50s %10s req/s  p99 %8s  socket errors %s  non-2xx %s\n' \
    "$name" "$path" "$rps" "$p99" "${errors:-0}" "${non2xx:-0}"
}

echo "wrk -t2 -c$CONNECTIONS -d${DURATION}s on 127.0.0.1:$PORT ($(nproc) CPUs), bundled dataset"
run census "/api/v1/census?providers=reference-nine&as_of=2024-11-30"
run profile "/api/v1/profile/DEU"

# The server's own process (time -v runs it as a child): stop it, then read its peak RSS.
SERVER_PID=$(pgrep -P "$TIME_PID" || true)
if [ -n "$SERVER_PID" ]; then kill -TERM "$SERVER_PID"; fi
wait "$TIME_PID" || true
echo "server peak RSS: $(awk -F': ' '/Maximum resident set size/ {print $2}' "$OUT/time.txt") KiB"
