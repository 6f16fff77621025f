#!/usr/bin/env bash
# HTTP server benchmark (not a test; issue #13 target 3): wrk on loopback against the bundled
# dataset. Prints, in one run against one server:
#   - one kept-alive connection (wrk -t1 -c1) on /api/v1/health: requests/s and latency
#     (the Nagle/delayed-ACK floor shows as ~40 ms here);
#   - wrk -t2 -c64 on health, the reference-nine census, a profile, sites, and the census with
#     Accept-Encoding: gzip: requests/s, p50, p99, errors (socket errors + non-2xx/3xx);
#   - the ratios census/health and profile/health (the issue's peer is /health on the same
#     server in the same run), and the server's peak RSS.
#   ./bench/server_bench.sh [duration_s=10] [connections=64]
# AISOV_BIN picks the binary (default ./build/aisov), e.g. an older build for a before/after.
# Needs: wrk, /usr/bin/time (Debian packages wrk, time).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-10}
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

# wrk's summary of one run: requests/s, mean, p50, p99, errors.
declare -A RPS
run() {
  local name=$1 threads=$2 conns=$3 path=$4
  shift 4
  wrk -t"$threads" -c"$conns" -d"${DURATION}s" --latency "$@" "http://127.0.0.1:$PORT$path" \
    > "$OUT/$name.txt"
  local rps mean p50 p99 errors non2xx
  rps=$(awk '/^Requests\/sec/ {print $2}' "$OUT/$name.txt")
  mean=$(awk '$1 == "Latency" && NF >= 4 {print $2; exit}' "$OUT/$name.txt")
  p50=$(awk '$1 == "50%" {print $2}' "$OUT/$name.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$OUT/$name.txt")
  errors=$(awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10}' "$OUT/$name.txt")
  non2xx=$(awk '/Non-2xx/ {print $5}' "$OUT/$name.txt")
  RPS[$name]=$rps
  printf '%-14s -t%s -c%-3s %10s req/s  mean %8s  p50 %8s  p99 %8s  errors %s\n' \
    "$name" "$threads" "$conns" "$rps" "$mean" "$p50" "$p99" "$(( ${errors:-0} + ${non2xx:-0} ))"
}

CENSUS="/api/v1/census?providers=reference-nine&as_of=2024-11-30"
PROFILE="/api/v1/profile/DEU"
SITES="/api/v1/sites?providers=reference-nine"
echo "wrk ${DURATION}s per row on 127.0.0.1:$PORT, $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "binary $BIN; census = $CENSUS; profile = $PROFILE; sites = $SITES"
run health-1conn 1 1 /api/v1/health
run health 2 "$CONNECTIONS" /api/v1/health
run census 2 "$CONNECTIONS" "$CENSUS"
run census-gzip 2 "$CONNECTIONS" "$CENSUS" -H "Accept-Encoding: gzip"
run profile 2 "$CONNECTIONS" "$PROFILE"
run sites 2 "$CONNECTIONS" "$SITES"
awk -v c="${RPS[census]}" -v g="${RPS[census-gzip]}" -v p="${RPS[profile]}" \
  -v h="${RPS[health]}" 'BEGIN {printf "ratio census/health %.2f  census-gzip/health %.2f  profile/health %.2f\n", c / h, g / h, p / h}'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

# The server's own process (time -v runs it as a child): stop it, then read its peak RSS.
SERVER_PID=$(pgrep -P "$TIME_PID" || true)
if [ -n "$SERVER_PID" ]; then kill -TERM "$SERVER_PID"; fi
wait "$TIME_PID" || true
echo "server peak RSS: $(awk -F': ' '/Maximum resident set size/ {print $2}' "$OUT/time.txt") KiB"
