#!/usr/bin/env bash
# Customer portal benchmark (see README "Benchmarks"). Not part of the test suite.
#   bench/portal.sh [customers=1000] [seconds measured=60]
# One hub node (its own JVM, on its bundled PostgreSQL and Redis, no demo data) is seeded through the API with the
# bootstrap token: the customers with passwords, two invoices each, a payment for every second one, a ticket for every
# third. Then one client JVM (PortalBench, one Vert.x WebClient, a cookie jar per customer) signs every customer in
# once, spread over the warm-up, and has each browse with a think time: /auth/me, invoices, payments, tickets, and an
# invoice's PDF after 1 in 10 visits to the invoices; while PORTAL_STAFF staff consoles (default 50) hold a bridge
# socket on ui.ops, ui.wa and ui.tickets and poll the ticket summary every 10 s. Prints p50/p95/p99/max and errors per
# endpoint for the measured window, and the sign-ins on a line of their own.
# The window opens after the warm-up once every sign-in has been answered (PORTAL_SETTLE: at most this many seconds
# more, default 300; 0 opens it at once, sign-ins still running). PORTAL_WARMUP (seconds, default 60), PORTAL_THINK_MS (default 2000-5000), PORTAL_PDF_EVERY (default 10),
# PORTAL_SERVER_OPTS (JVM flags for the hub), PORTAL_BUILD=0 skips the build, PORTAL_MVN_FLAGS (e.g. -o).
set -euo pipefail
cd "$(dirname "$0")/.."
customers=${1:-1000}
seconds=${2:-60}
read -r -a server_opts <<<"${PORTAL_SERVER_OPTS:-}"
read -r -a mvn_flags <<<"${PORTAL_MVN_FLAGS:-}"
if [ "${PORTAL_BUILD:-1}" != 0 ]; then
  # package, not install: the reactor hands bench the jars it has just built, and ~/.m2 (shared by every checkout) is
  # left alone.
  mvn -B -q "${mvn_flags[@]}" -pl bench -am package dependency:build-classpath -DskipTests -Dmdep.outputFile=target/classpath.txt
fi
password="portal-bench-admin-$RANDOM$RANDOM"
token="portal-bench-token-$RANDOM$RANDOM-0123456789abcdef"
work=$(mktemp -d)
mkdir -p "$work/tmp" "$work/lib"
hub=""
trap '[ -n "$hub" ] && { kill "$hub" 2>/dev/null; wait "$hub" 2>/dev/null; }; rm -rf "$work"' EXIT

# Everything of this project's that runs is copied first, so a build elsewhere cannot swap a jar under a running JVM.
cp hub/target/aglis-hub.jar "$work/lib/aglis-hub.jar"
cp -r bench/target/classes "$work/lib/bench-classes"
cp="$work/lib/bench-classes"
IFS=: read -r -a entries <bench/target/classpath.txt || true  # (no newline at its end)
for entry in "${entries[@]}"; do
  case "$entry" in
    */id/aglis/*|*/target/*) cp "$entry" "$work/lib/" && entry="$work/lib/$(basename "$entry")" ;;
  esac
  cp="$cp:$entry"
done

port=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
# The client stands for a TLS proxy in front of the hub (HUB_TRUSTED_PROXIES): each customer's requests carry their
# own address in X-Forwarded-For, as a thousand phones would have, for the sign-in throttle and the connection cap.
env HUB_HTTP_HOST=127.0.0.1 HUB_HTTP_PORT="$port" HUB_DATA_DIR="$work/data" HUB_ADMIN_PASSWORD="$password" \
  HUB_BOOTSTRAP_TOKEN="$token" HUB_DEMO=false HUB_WA_QUIET_HOURS=off HUB_TRUSTED_PROXIES=127.0.0.1 \
  java "${server_opts[@]}" -Djava.io.tmpdir="$work/tmp" -jar "$work/lib/aglis-hub.jar" >"$work/hub.log" 2>&1 &
hub=$!
for i in $(seq 1 1800); do
  if curl -s "http://127.0.0.1:$port/ready" 2>/dev/null | grep -q '"outcome" *: *"UP"'; then break; fi
  kill -0 "$hub" 2>/dev/null || { tail -30 "$work/hub.log" >&2; echo "the hub exited" >&2; exit 1; }
  [ "$i" = 1800 ] && { tail -30 "$work/hub.log" >&2; echo "the hub was not ready within 3 minutes" >&2; exit 1; }
  sleep 0.1
done
echo "hub: pid $hub on :$port" >&2

status=0
java -cp "$cp" id.aglis.hub.bench.PortalBench --port "$port" --token "$token" --admin-password "$password" --pid "$hub" \
  --customers "$customers" --seconds "$seconds" --warmup "${PORTAL_WARMUP:-60}" --settle "${PORTAL_SETTLE:-300}" --staff "${PORTAL_STAFF:-50}" \
  --think-ms "${PORTAL_THINK_MS:-2000-5000}" --pdf-every "${PORTAL_PDF_EVERY:-10}" || status=$?
echo "hub log lines with ERROR or Exception: $(grep -c -i ' ERROR \|Exception' "$work/hub.log" || true); the first few:" >&2
grep -i -m 8 ' ERROR \|Exception' "$work/hub.log" | cut -c1-300 >&2 || true
exit $status
