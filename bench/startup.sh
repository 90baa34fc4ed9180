#!/usr/bin/env bash
# Start-up to first answer with the shipped FAQ: process start -> loading faq/ -> building the index -> one answer
# printed, i.e. `IvigBot ask "what is IVIG flu"` from a Release build, timed from outside the process.
#
# Usage, from the repository root:   bench/startup.sh           # RUNS=10 (plus one untimed warm-up run)
# Uses hyperfine when it is installed; otherwise times each run with date +%s%N and prints min/median/max.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${RUNS:-10}"
cd "$ROOT"
dotnet build src/IvigBot/IvigBot.csproj -c Release -nologo -v q >/dev/null
DLL="src/IvigBot/bin/Release/net10.0/IvigBot.dll"
QUESTION="what is IVIG flu"

if command -v hyperfine >/dev/null 2>&1; then
  hyperfine --warmup 1 --runs "$RUNS" "dotnet $DLL ask '$QUESTION'"
  exit 0
fi

dotnet "$DLL" ask "$QUESTION" >/dev/null   # warm-up: file cache, not measured
times=()
for _ in $(seq 1 "$RUNS"); do
  start=$(date +%s%N)
  dotnet "$DLL" ask "$QUESTION" >/dev/null
  end=$(date +%s%N)
  times+=($(( (end - start) / 1000000 )))
done
printf '%s\n' "${times[@]}" | sort -n | awk -v runs="$RUNS" '
  { t[NR] = $1 }
  END { printf "start-up to first answer (%d runs): min %d ms, median %d ms, max %d ms\n", runs, t[1], t[int((NR + 1) / 2)], t[NR] }'
/usr/bin/time -f "peak RSS %M KB" dotnet "$DLL" ask "$QUESTION" >/dev/null
