#!/usr/bin/env bash
# Dispatch benchmarks (see README "Benchmarks"). Not part of the test suite.
#   bench/dispatch.sh throughput [messages=60000]   hub with limits off (1 and 3 nodes) vs BullMQ on the same Redis
#   bench/dispatch.sh compliance [minutes=10]       3 nodes, 2 devices at 30/min: the limits as the gateway saw them
#   bench/dispatch.sh webhooks [per second=5000]    webhook ingest on one node: ceiling, p50/p99 at a steady load, vs a trivial handler
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-throughput}
shift || true
mvn -B -q install -DskipTests
(cd bench/bullmq && [ -d node_modules/bullmq ] || npm ci --no-audit --no-fund)
mvn -B -q -pl bench dependency:build-classpath -Dmdep.outputFile="$PWD/bench/target/classpath.txt"
cp=$(cat bench/target/classpath.txt)
case "$mode" in
  throughput) exec java -cp "bench/target/classes:$cp" id.aglis.hub.bench.DispatchThroughput "$@" ;;
  compliance) exec java -cp "bench/target/classes:$cp" id.aglis.hub.bench.DispatchCompliance "$@" ;;
  webhooks) exec java -cp "bench/target/classes:$cp" id.aglis.hub.bench.WebhookIngest "$@" ;;
  *) echo "usage: bench/dispatch.sh throughput|compliance|webhooks [size]" >&2; exit 2 ;;
esac
