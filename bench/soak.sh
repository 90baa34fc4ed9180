#!/usr/bin/env bash
# Soak benchmark: the service under loopback load from wrk for SOAK_DURATION seconds (default 60) after a
# SOAK_WARMUP-second warm-up (default 20, long enough for the visitors to fill the Direct Line store) with the same
# load. SOAK_CONNECTIONS connections (default 30, one wrk thread each); the first SOAK_DL_CONNECTIONS (default 10) are
# website visitors on Direct Line (token, conversation, questions, replies; see bench/soak.lua), the others alternate
# POST /api/messages and POST /api/ask.
# The service runs with its default settings except a smaller Direct Line store, so that it is full, and every
# conversation in it at its activity limit, within the warm-up (then memory after warm-up shows leaks, not the store
# filling up): SOAK_DL_MAX (default 200) conversations, SOAK_DL_ACTIVITIES (default 10, the smallest allowed)
# activities each, and SOAK_DL_IDLE (default 00:01:00, the shortest allowed) idle timeout so that conversations end
# and new visitors get in during the run (the service's own defaults: SOAK_DL_MAX=500 SOAK_DL_ACTIVITIES=100
# SOAK_DL_IDLE=00:30:00).
# Prints requests per endpoint, errors, visitors refused because the Direct Line store was full (503, expected), the
# service's RSS at start, after warm-up, every 10 s and at the end, and the store size from GET /healthz every 10 s
# (checked every second). Fails (exit 1) on any error (a non-2xx answer other than that 503, a missing reply, a socket
# error or timeout), if RSS grows by more than 25 % after warm-up, if the store ever holds more than its maximum, or if
# it never filled (the bound was not exercised). Needs wrk (apt-get install -y wrk). Run from anywhere:
#   bench/soak.sh
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${SOAK_DURATION:-60}
WARMUP=${SOAK_WARMUP:-20}
CONNECTIONS=${SOAK_CONNECTIONS:-30}
DL_CONNECTIONS=${SOAK_DL_CONNECTIONS:-10}
DL_MAX=${SOAK_DL_MAX:-200}
DL_IDLE=${SOAK_DL_IDLE:-00:01:00}
DL_ACTIVITIES=${SOAK_DL_ACTIVITIES:-10}
PORT=${SOAK_PORT:-5079}
URL="http://127.0.0.1:$PORT"
QUESTIONS="$PWD/tests/eval/questions.jsonl"
OUT=${TMPDIR:-/tmp}/ivigbot-soak
rm -rf "$OUT/rings"
mkdir -p "$OUT/rings"

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }
dotnet build -c Release src/IvigBot -nologo -v q >/dev/null
DirectLine__MaxConversations=$DL_MAX DirectLine__ConversationIdleTimeout=$DL_IDLE \
  DirectLine__MaxActivitiesPerConversation=$DL_ACTIVITIES \
  dotnet src/IvigBot/bin/Release/net10.0/IvigBot.dll --urls "$URL" >"$OUT/service.log" 2>&1 &
PID=$!
SAMPLER=
trap '[[ -n $SAMPLER ]] && kill $SAMPLER 2>/dev/null; kill $PID 2>/dev/null; wait $PID 2>/dev/null || true' EXIT

for _ in $(seq 1 100); do
  curl -fs "$URL/healthz" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -fs "$URL/healthz" >/dev/null || { echo "the service did not start; see $OUT/service.log" >&2; exit 2; }

rss() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$PID/status"; }
# "conversations max" from GET /healthz, e.g. "213 500".
store() { curl -fs "$URL/healthz" | sed -nE 's/.*"directLine":\{"conversations":([0-9]+),"max":([0-9]+)\}.*/\1 \2/p'; }
load() { # seconds, output file, extra wrk options
  wrk -t"$CONNECTIONS" -c"$CONNECTIONS" -d"$1s" --timeout 5s ${3:-} -s bench/soak.lua "$URL" -- "$QUESTIONS" "$DL_CONNECTIONS" "$DL_ACTIVITIES" "$OUT/rings" >"$2"
}

RSS_START=$(rss)
echo "RSS at start: ${RSS_START} MB; Direct Line store: $(store | awk '{ print $1 " of " $2 }') conversations"
echo "load: $CONNECTIONS connections from 127.0.0.1, $DL_CONNECTIONS of them Direct Line visitors (DirectLine:MaxConversations=$DL_MAX, MaxActivitiesPerConversation=$DL_ACTIVITIES, ConversationIdleTimeout=$DL_IDLE)"

: >"$OUT/store.txt"
(
  second=0
  while sleep 1; do
    second=$(( second + 1 ))
    sample=$(store || true)
    echo "$second $sample" >>"$OUT/store.txt"
    if (( second % 10 == 0 )); then
      phase=$([[ $second -le $WARMUP ]] && echo "warm-up" || echo "run +$(( second - WARMUP ))s")
      echo "  ${second}s ($phase): RSS $(rss) MB, Direct Line store ${sample% *} of ${sample#* } conversations"
    fi
  done
) &
SAMPLER=$!

load "$WARMUP" "$OUT/warmup.txt"
RSS_WARM=$(rss)
echo "RSS after ${WARMUP} s warm-up: ${RSS_WARM} MB"
load "$DURATION" "$OUT/run.txt" --latency
kill $SAMPLER 2>/dev/null || true
SAMPLER=
RSS_END=$(rss)
cat "$OUT/run.txt"
echo "RSS at end: ${RSS_END} MB (start ${RSS_START} MB, after warm-up ${RSS_WARM} MB)"

figure() { grep -Eo "^SOAK $1: [0-9]+" "$2" | grep -Eo '[0-9]+$' || echo 0; }
socket_errors() { grep -Eo 'Socket errors: .*' "$1" || true; }
ERRORS=$(( $(figure errors "$OUT/warmup.txt") + $(figure errors "$OUT/run.txt") ))
REFUSED_WARM=$(figure refused "$OUT/warmup.txt")
REFUSED_RUN=$(figure refused "$OUT/run.txt")
STARTED_WARM=$(figure "conversations started" "$OUT/warmup.txt")
STARTED_RUN=$(figure "conversations started" "$OUT/run.txt")
SOCKET="$(socket_errors "$OUT/warmup.txt")$(socket_errors "$OUT/run.txt")"
STORE_PEAK=$(awk 'NF == 3 && $2 > peak { peak = $2 } END { print peak + 0 }' "$OUT/store.txt")
STORE_OVER=$(awk 'NF == 3 && $2 > $3 { n++ } END { print n + 0 }' "$OUT/store.txt")
STORE_SAMPLES=$(awk 'NF == 3 { n++ } END { print n + 0 }' "$OUT/store.txt")
GROWTH_OK=$(( RSS_END * 100 <= RSS_WARM * 125 ))

echo "errors (warm-up and run): ${ERRORS}; ${SOCKET:-socket errors: none}"
echo "Direct Line visitors: warm-up ${STARTED_WARM} started, ${REFUSED_WARM} refused (503, store full); run ${STARTED_RUN} started, ${REFUSED_RUN} refused"
echo "Direct Line store: peak ${STORE_PEAK} of ${DL_MAX} conversations over ${STORE_SAMPLES} one-second samples; samples over the maximum: ${STORE_OVER}"
echo "RSS growth after warm-up: $(( (RSS_END - RSS_WARM) * 100 / RSS_WARM )) %"
FAILED=
[[ "$ERRORS" == 0 && -z "$SOCKET" ]] || FAILED="errors"
[[ "$GROWTH_OK" == 1 ]] || FAILED="$FAILED memory"
[[ "$STORE_OVER" == 0 && "$STORE_SAMPLES" -gt 0 ]] || FAILED="$FAILED store-over-maximum-or-unseen"
(( REFUSED_WARM + REFUSED_RUN > 0 )) || FAILED="$FAILED store-never-full (raise SOAK_DL_CONNECTIONS or lower SOAK_DL_MAX)"
if [[ -n "$FAILED" ]]; then
  echo "SOAK FAILED: $FAILED (service log: $OUT/service.log)" >&2
  exit 1
fi
echo "SOAK PASSED"
