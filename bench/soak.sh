#!/usr/bin/env bash
# Soak benchmark: the service with its default settings under loopback load from wrk for SOAK_DURATION seconds
# (default 60) after a SOAK_WARMUP-second warm-up (default 10). Prints requests/s, errors and the service's RSS at
# start, after warm-up, every 10 s and at the end. Fails (exit 1) on any non-2xx answer or socket error, or if RSS
# grows by more than 25 % after warm-up. Needs wrk (apt-get install -y wrk). Run from anywhere:
#   bench/soak.sh
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${SOAK_DURATION:-60}
WARMUP=${SOAK_WARMUP:-10}
CONNECTIONS=${SOAK_CONNECTIONS:-30}
THREADS=${SOAK_THREADS:-2}
PORT=${SOAK_PORT:-5079}
URL="http://127.0.0.1:$PORT"
QUESTIONS="$PWD/tests/eval/questions.jsonl"

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }
dotnet build -c Release src/IvigBot -nologo -v q >/dev/null
dotnet src/IvigBot/bin/Release/net10.0/IvigBot.dll --urls "$URL" >/tmp/ivigbot-soak.log 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null || true' EXIT

for _ in $(seq 1 100); do
  curl -fs "$URL/healthz" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -fs "$URL/healthz" >/dev/null || { echo "the service did not start; see /tmp/ivigbot-soak.log" >&2; exit 2; }

rss() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$PID/status"; }
RSS_START=$(rss)
echo "RSS at start: ${RSS_START} MB"

wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -s bench/soak.lua "$URL" -- "$QUESTIONS" >/tmp/ivigbot-soak-warmup.txt
RSS_WARM=$(rss)
echo "RSS after ${WARMUP} s warm-up: ${RSS_WARM} MB"

START=$SECONDS
( while sleep 10; do echo "  RSS at +$(( SECONDS - START ))s: $(rss) MB"; done ) &
SAMPLER=$!
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s bench/soak.lua "$URL" -- "$QUESTIONS" | tee /tmp/ivigbot-soak-run.txt
kill $SAMPLER 2>/dev/null || true
RSS_END=$(rss)
echo "RSS at end: ${RSS_END} MB (start ${RSS_START} MB, after warm-up ${RSS_WARM} MB)"

ERRORS=$(grep -Eo 'Non-2xx or 3xx responses: [0-9]+' /tmp/ivigbot-soak-run.txt | grep -Eo '[0-9]+$' || echo 0)
SOCKET=$(grep -Eo 'Socket errors: .*' /tmp/ivigbot-soak-run.txt || true)
GROWTH_OK=$(( RSS_END * 100 <= RSS_WARM * 125 ))
echo "non-2xx: ${ERRORS}; ${SOCKET:-socket errors: none}; RSS growth after warm-up: $(( (RSS_END - RSS_WARM) * 100 / RSS_WARM )) %"
if [[ "$ERRORS" != 0 || -n "$SOCKET" || "$GROWTH_OK" != 1 ]]; then
  echo "SOAK FAILED" >&2
  exit 1
fi
echo "SOAK PASSED"
