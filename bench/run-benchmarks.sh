#!/usr/bin/env bash
# In-process benchmarks of the answering core (Release build), from the repository root:
#   bench/run-benchmarks.sh                 # per-question latency table + BenchmarkDotNet suite (about 10 minutes)
#   bench/run-benchmarks.sh latency         # only the per-question latency percentiles (shipped, medquad, 100k)
#   bench/run-benchmarks.sh build [corpus]  # only the index build: wall and CPU time, allocations (default medquad)
#   bench/run-benchmarks.sh bdn [args]      # only BenchmarkDotNet (default --filter '*'; e.g. --filter '*Pipeline*')
# The MedQuAD corpora are read from ../shared/eval/external/medquad-liveqa (IVIGBOT_SHARED overrides ../shared).
# Results: bench/out/latency.md and bench/out/BenchmarkDotNet.Artifacts/results/*.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
mkdir -p bench/out
dotnet build bench/IvigBot.Benchmarks/IvigBot.Benchmarks.csproj -c Release -nologo -v q >/dev/null
DLL="bench/IvigBot.Benchmarks/bin/Release/net10.0/IvigBot.Benchmarks.dll"
what="${1:-all}"
[ $# -gt 0 ] && shift

if [ "$what" = all ] || [ "$what" = latency ]; then
  if [ "$what" = latency ]; then extra=("$@"); else extra=(); fi
  dotnet "$DLL" latency --passes "${PASSES:-5}" "${extra[@]}" | tee bench/out/latency.md
fi

if [ "$what" = build ]; then
  dotnet "$DLL" build --passes "${PASSES:-5}" "$@" | tee bench/out/build.md
fi

if [ "$what" = all ] || [ "$what" = bdn ]; then
  args=("$@")
  [ ${#args[@]} -eq 0 ] && args=(--filter '*')
  dotnet "$DLL" "${args[@]}" --artifacts bench/out/BenchmarkDotNet.Artifacts
fi
