#!/usr/bin/env bash
# Measures start-up of `java -jar hub/target/aglis-hub.jar` with no configuration, as a newcomer runs it:
#   cold = first start ever: empty data folder and empty temp folder (the bundled PostgreSQL and Redis
#          binaries are unpacked, the database initialised, migrations applied, demo data seeded);
#   warm = a restart on the same folders.
# Time is from process start to the first 200 from /ready (PostgreSQL and Redis answering).
# Usage: bench/startup.sh [warm runs, default 3]   (build first: mvn -B -q package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
jar=hub/target/aglis-hub.jar
[ -f "$jar" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 1; }
work=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
mkdir -p "$work/tmp"
port=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')

start_once() {
  local t0 t1
  t0=$(date +%s%N)
  HUB_HTTP_PORT=$port HUB_DATA_DIR="$work/data" java -Djava.io.tmpdir="$work/tmp" -jar "$jar" >>"$work/hub.log" 2>&1 &
  pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/ready"; do
    kill -0 "$pid" 2>/dev/null || { tail -20 "$work/hub.log"; echo "hub exited" >&2; exit 1; }
    sleep 0.05
  done
  t1=$(date +%s%N)
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true; pid=""
  echo $(( (t1 - t0) / 1000000 ))
}

cold=$(start_once)
warm=()
for _ in $(seq 1 "$runs"); do warm+=("$(start_once)"); done
echo "cold start (empty data dir, first run): ${cold} ms"
echo "warm starts (restart on the same data): ${warm[*]} ms"
printf 'warm median: %s ms\n' "$(printf '%s\n' "${warm[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
