#!/usr/bin/env bash
# Alerting benchmarks (see README "Benchmarks"). Not part of the test suite.
#   bench/alerts.sh [samples=20] [seconds=60]
# Three clustered nodes in one JVM on the bundled PostgreSQL and Redis: the time from a metric crossing a rule's
# threshold to the console's ui.alerts frame and to the WhatsApp page being committed (samples), then the cluster's CPU
# per evaluation round with no rule and with 200 rules (each measured for seconds).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q install -DskipTests
mvn -B -q -pl bench dependency:build-classpath -Dmdep.outputFile="$PWD/bench/target/classpath.txt"
cp=$(cat bench/target/classpath.txt)
exec java -cp "bench/target/classes:$cp" id.aglis.hub.bench.AlertBench "$@"
