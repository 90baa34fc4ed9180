#!/usr/bin/env bash
# HTTP throughput and latency of IvigBot as target C of the shared performance anchors, in the same run as
# anchor A (Bot Framework JS SDK echo bot) and anchor B (bare ASP.NET Core JSON endpoint).
#
# Usage, from the repository root:   bench/anchors.sh
#   Two runs of ../shared/anchors/run-anchors.sh, each alternating A, B, C for ROUNDS rounds:
#     1. default settings (answer cache on, Answering:CacheSize from appsettings.json);
#     2. answer cache off (Answering__CacheSize=0): every request runs the whole pipeline.
#   Optional run "nostore": the editors' store off (Insights__Enabled=false), to compare with "default" (store on,
#   SQLite in data/): RUNS="default nostore". After each run the rows the store holds are printed.
#   Optional runs "lexical" and "lexical-nocache": meaning off (Answering__Semantic=false), cache on and off.
#   Load: POST /api/messages, deliveryMode expectReplies, the 60 questions of load/questions.jsonl in turn.
#   Settings pass through: ROUNDS (3) WARMUP (5s) DURATION (20s) THREADS (2) CONNS (32); RUNS="default nocache".
#   Results: bench/out/anchors-<run>.md (tables with C/A and C/B ratios), raw files in bench/out/anchors/out/.
#
# ../shared/anchors is read-only, so it is copied to bench/out/anchors first (its npm packages and the
# baseline build go there). wrk is installed with apt-get when missing (the anchors script does that).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHARED="${IVIGBOT_SHARED:-$ROOT/../shared}"
WORK="$ROOT/bench/out/anchors"
RUNS="${RUNS:-default nocache}"
export ROUNDS="${ROUNDS:-3}" WARMUP="${WARMUP:-5s}" DURATION="${DURATION:-20s}" THREADS="${THREADS:-2}" CONNS="${CONNS:-32}"

log() { printf '[bench/anchors] %s\n' "$*" >&2; }

if [ ! -x "$SHARED/anchors/run-anchors.sh" ]; then
  log "this benchmark needs the shared performance anchors, which are not at $SHARED/anchors."
  log "They are the team's folder 'shared/anchors' (run-anchors.sh, bot-js/, bot-cs-sdk/, baseline-cs/, load/), kept beside"
  log "the repository and not part of it. Put that folder there, or set IVIGBOT_SHARED to the folder that holds 'anchors/'."
  log "It also needs wrk (installed with apt-get when missing), Node.js with npm, and the .NET SDK."
  exit 1
fi

log "copying $SHARED/anchors to bench/out/anchors"
mkdir -p "$WORK"
(cd "$SHARED/anchors" && tar --exclude=./out --exclude=./bot-js/node_modules --exclude=./playground/node_modules \
   --exclude=./baseline-cs/bin --exclude=./baseline-cs/obj -cf - .) | (cd "$WORK" && tar -xf -)
chmod -R u+w "$WORK"
# The copy lives inside this repository: stop MSBuild from applying our Directory.*.props to the baseline project.
for f in Directory.Build.props Directory.Build.targets Directory.Packages.props; do echo '<Project />' >"$WORK/$f"; done

log "building IvigBot (Release)"
dotnet build "$ROOT/src/IvigBot/IvigBot.csproj" -c Release -nologo -v q >/dev/null
DLL="$ROOT/src/IvigBot/bin/Release/net10.0/IvigBot.dll"

export ANCHOR_BODIES=load/questions.jsonl
export C_DIR="$ROOT" C_URL="http://127.0.0.1:3978/api/messages" C_EXPECT='"activities":\[\{"type":"message"'

for run in $RUNS; do
  case "$run" in
    default) settings="" ;;
    nocache) settings="Answering__CacheSize=0" ;;
    nostore) settings="Insights__Enabled=false" ;;
    lexical) settings="Answering__Semantic=false" ;;
    lexical-nocache) settings="Answering__Semantic=false Answering__CacheSize=0" ;;
    *) log "unknown run '$run' (default, nocache, nostore, lexical or lexical-nocache)"; exit 2 ;;
  esac
  export C_CMD="env $settings dotnet $DLL --urls http://127.0.0.1:3978"
  log "run '$run': C = $C_CMD"
  rm -f "$ROOT/data/insights.db" "$ROOT/data/insights.db-wal" "$ROOT/data/insights.db-shm"
  RESULTS_MD="$ROOT/bench/out/anchors-$run.md" "$WORK/run-anchors.sh"
  log "run '$run': tables in bench/out/anchors-$run.md"
  if [ -f "$ROOT/data/insights.db" ] && command -v python3 >/dev/null; then
    log "run '$run': store rows $(python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print({t: c.execute(f"select count(*) from {t}").fetchone()[0] for t in ("questions","picks","feedback")})' "$ROOT/data/insights.db")"
  fi
done
