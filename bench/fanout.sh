#!/usr/bin/env bash
# Fan-out benchmark (see README "Benchmarks"). Not part of the test suite.
#   bench/fanout.sh ["1000 2500 5000 10000"] [seconds measured per size=60]
# Hub: two clustered nodes (each its own JVM, sharing a PostgreSQL and Redis run by a third process). Node 2 takes
# FANOUT_RATE messages a second (default 10) through POST /api/v1/messages, due tomorrow, so its ui.wa projection
# publishes a frame every 500 ms and no node sends anything; node 1 holds N bridge sockets registered on ui.wa, opened
# by one client JVM with one admin session. Then, with the hub stopped, a bare Vert.x WebSocket server broadcasts a
# frame of the same size every 500 ms to the same N sockets. Per size: FANOUT_WARMUP seconds (default 15), then the
# measured window. FANOUT_SERVER_OPTS: JVM flags for the hub nodes and the bare server (default none);
# FANOUT_BUILD=0 skips the build (use what was last built).
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=${1:-"1000 2500 5000 10000"}
seconds=${2:-60}
warmup=${FANOUT_WARMUP:-15}
rate=${FANOUT_RATE:-10}
read -r -a server_opts <<<"${FANOUT_SERVER_OPTS:-}"
if [ "${FANOUT_BUILD:-1}" != 0 ]; then
  mvn -B -q install -DskipTests
  mvn -B -q -pl bench dependency:build-classpath -Dmdep.outputFile="$PWD/bench/target/classpath.txt"
fi
password="fanout-bench-admin-$RANDOM$RANDOM"
token="fanout-bench-token-$RANDOM$RANDOM-0123456789abcdef"
work=$(mktemp -d)
mkdir -p "$work/tmp" "$work/lib"
pids=()

stop() {
  local pid
  for pid in "$@"; do kill "$pid" 2>/dev/null || true; done
  for pid in "$@"; do wait "$pid" 2>/dev/null || true; done
}
trap 'stop "${pids[@]}"; rm -rf "$work"' EXIT

# Everything of this project's that runs is copied first: a build or `mvn install` elsewhere (another checkout
# shares ~/.m2) must not swap a jar under a running JVM.
cp hub/target/aglis-hub.jar "$work/lib/aglis-hub.jar"
jar="$work/lib/aglis-hub.jar"
cp -r bench/target/classes "$work/lib/bench-classes"
cp="$work/lib/bench-classes"
IFS=: read -r -a entries <bench/target/classpath.txt || true  # (no newline at its end)
for entry in "${entries[@]}"; do
  case "$entry" in
    */id/aglis/*) cp "$entry" "$work/lib/" && entry="$work/lib/$(basename "$entry")" ;;
  esac
  cp="$cp:$entry"
done

free_port() {
  python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'
}

# await URL PID LOG PATTERN: until URL answers with PATTERN in its body (3 minutes at most, or the process exits).
await() {
  local i
  for i in $(seq 1 1800); do
    if curl -s "$1" 2>/dev/null | grep -q "$4"; then return 0; fi
    kill -0 "$2" 2>/dev/null || { tail -30 "$3" >&2; echo "$3: the process exited" >&2; exit 1; }
    sleep 0.1
  done
  tail -30 "$3" >&2; echo "$1 did not answer $4 within 3 minutes" >&2; exit 1
}

java -cp "$cp" id.aglis.hub.bench.FanOutServers "$work/servers" >"$work/servers.log" 2>&1 &
servers=$!
pids+=("$servers")
until grep -q '^redis ' "$work/servers.log"; do
  kill -0 "$servers" 2>/dev/null || { cat "$work/servers.log" >&2; exit 1; }
  sleep 0.2
done
pg_uri=$(awk '$1 == "postgres" {print $2}' "$work/servers.log")
redis_uri=$(awk '$1 == "redis" {print $2}' "$work/servers.log")

cluster_port=$((20000 + RANDOM % 20000))
port1=$(free_port)
port2=$(free_port)
# hub_node INDEX HTTP_PORT [VAR=value…]: starts a node in the background; its pid is left in $!.
hub_node() {
  local i=$1 port=$2
  shift 2
  env HUB_PG_URI="$pg_uri" HUB_REDIS_URI="$redis_uri" HUB_HTTP_HOST=127.0.0.1 HUB_HTTP_PORT="$port" HUB_DATA_DIR="$work/node$i" \
    HUB_CLUSTER=true HUB_CLUSTER_PORT="$cluster_port" HUB_CLUSTER_MEMBERS="127.0.0.1:$cluster_port,127.0.0.1:$((cluster_port + 1))" \
    HUB_ADMIN_PASSWORD="$password" HUB_BOOTSTRAP_TOKEN="$token" HUB_DEMO=false HUB_WA_QUIET_HOURS=off "$@" \
    java "${server_opts[@]}" -Djava.io.tmpdir="$work/tmp" -jar "$jar" >"$work/node$i.log" 2>&1 &
}
hub_node 1 "$port1" HUB_HTTP_MAX_CONNECTIONS_PER_ADDRESS=20000
node1=$!
pids+=("$node1")
await "http://127.0.0.1:$port1/ready" "$node1" "$work/node1.log" '"outcome" *: *"UP"'
hub_node 2 "$port2"
node2=$!
pids+=("$node2")
await "http://127.0.0.1:$port2/ready" "$node2" "$work/node2.log" '"members" *: *2'
echo "hub: node 1 (sockets) pid $node1 on :$port1, node 2 (producer) pid $node2 on :$port2" >&2

# measure TARGET PORT PID N [client options…]: one client run; its FANOUT line goes to the results.
measure() {
  local target=$1 port=$2 pid=$3 n=$4
  shift 4
  if ! java -cp "$cp" id.aglis.hub.bench.FanOutClient --target "$target" --port "$port" --pid "$pid" --connections "$n" \
      --seconds "$seconds" --warmup "$warmup" "$@" | tee -a "$work/results"; then
    echo "FANOUT target=$target connections=$n open=0 failed=1" | tee -a "$work/results"
  fi
}

for n in $sizes; do
  measure hub "$port1" "$node1" "$n" --producer-port "$port2" --peer-pid "$node2" --token "$token" --rate "$rate" --password "$password" \
    --sample-out "$work/frame.json"
done
stop "$node2" "$node1"
stop "$servers"
pids=()

bare_port=$(free_port)
java "${server_opts[@]}" -cp "$cp" id.aglis.hub.bench.FanOutBareServer --port "$bare_port" --frame "$work/frame.json" \
  >"$work/bare.log" 2>&1 &
bare=$!
pids+=("$bare")
await "http://127.0.0.1:$bare_port/" "$bare" "$work/bare.log" ok
cat "$work/bare.log" >&2
for n in $sizes; do
  measure bare "$bare_port" "$bare" "$n"
done
stop "$bare"
pids=()

echo
awk -v sizes="$sizes" '
  $1 == "FANOUT" {
    t = ""; n = ""
    for (i = 2; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2]; if (kv[1] == "target") t = kv[2]; if (kv[1] == "connections") n = kv[2] }
    for (k in f) v[t, n, k] = f[k]
    delete f
  }
  function get(t, n, k) { return ((t, n, k) in v) ? v[t, n, k] : "" }
  function raw(t, n, k,   x) { x = get(t, n, k); return x == "" ? "–" : x }
  function kib(t, n, k,   x) { x = get(t, n, k); return x == "" ? "–" : sprintf("%.1f KiB", x / 1024) }
  function num(x,   s, out) {
    if (x == "") return "–"
    s = sprintf("%d", x); out = ""
    while (length(s) > 3) { out = "," substr(s, length(s) - 2) out; s = substr(s, 1, length(s) - 3) }
    return s out
  }
  function opened(t, n,   o) { o = get(t, n, "open"); return o == n ? "" : " (" (o == "" ? 0 : o) " open)" }
  function ratio(n,   h, b) {
    h = get("hub", n, "frames_per_cpu_s"); b = get("bare", n, "frames_per_cpu_s")
    return (h != "" && b != "" && b > 0) ? sprintf("%.2f", h / b) : "–"
  }
  function held(n,   p99) {
    p99 = get("hub", n, "p99_ms")
    return get("hub", n, "open") == n && get("hub", n, "closed") + 0 == 0 && p99 != "" && p99 != "NaN" && p99 + 0 < 250 && get("hub", n, "frames") + 0 > 0
  }
  BEGIN { count = split(sizes, ns, " ") }
  END {
    print "| connections | hub p50 / p99 (ms) | bare p50 / p99 (ms) | frames/s hub / bare | frames per CPU-second hub / bare | ratio hub / bare | CPU hub / bare (at rest) | CPU hub node 2 | heap per connection hub / bare (hub node 2) | frames missed hub / bare |"
    print "|---|---|---|---|---|---|---|---|---|---|"
    best = ""; largest = ""
    for (i = 1; i <= count; i++) {
      n = ns[i]
      printf "| %s | %s / %s%s | %s / %s%s | %s / %s | %s / %s | %s | %s %% / %s %% (%s %% / %s %%) | %s %% | %s / %s (%s) | %s / %s |\n", num(n),
        raw("hub", n, "p50_ms"), raw("hub", n, "p99_ms"), opened("hub", n), raw("bare", n, "p50_ms"), raw("bare", n, "p99_ms"), opened("bare", n),
        num(get("hub", n, "frames_per_s")), num(get("bare", n, "frames_per_s")),
        num(get("hub", n, "frames_per_cpu_s")), num(get("bare", n, "frames_per_cpu_s")), ratio(n),
        raw("hub", n, "server_cpu_pct"), raw("bare", n, "server_cpu_pct"), raw("hub", n, "idle_cpu_pct"), raw("bare", n, "idle_cpu_pct"),
        raw("hub", n, "peer_cpu_pct"), kib("hub", n, "heap_per_conn_bytes"), kib("bare", n, "heap_per_conn_bytes"),
        kib("hub", n, "peer_heap_per_conn_bytes"), raw("hub", n, "missed"), raw("bare", n, "missed")
      if (held(n) && (best == "" || n + 0 > best + 0)) best = n
      if (largest == "" || n + 0 > largest + 0) largest = n
    }
    for (i = 1; i <= count; i++) {
      if (get("hub", ns[i], "closed") + 0 > 0 || get("bare", ns[i], "closed") + 0 > 0) {
        printf "warning: sockets closed before the end of the run at %s connections (hub %s, bare %s): those figures are not comparable\n", num(ns[i]), raw("hub", ns[i], "closed"), raw("bare", ns[i], "closed")
      }
    }
    print ""
    print "largest N with p99 < 250 ms (hub, all N sockets open): " (best == "" ? "none" : num(best))
    print "goal, 10,000 connections with p99 < 250 ms: " (held(10000) ? "met" : (get("hub", 10000, "connections") == "" ? "not measured" : "not met"))
    r = ratio(largest)
    print "goal, at least half the bare server'"'"'s frames per CPU-second (at " num(largest) " connections): " \
      (r == "–" ? "not measured" : (r + 0 >= 0.5 ? "met" : "not met") " (ratio " r ")")
  }' "$work/results"
