#!/usr/bin/env bash
# Issue 19: the latency of readStream.load("metrics") with a 2 s trigger, and the requests per
# micro-batch, following BENCH_STREAM_RUNS running runs (default 10,100,1000) on an empty server
# of its own, BENCH_STREAM_SECONDS (default 60) of points per size, one point every
# BENCH_STREAM_EVERY_MS (default 200) to one run after another (see StreamLatency in bench/java).
# BENCH_STREAM_LATENESS sets the stream's lateness option (default: the stream's, 2 s).
source "$(dirname "$0")/lib.sh"
STREAM_DIR="$CACHE/stream-$$"
STREAM_PORT="${BENCH_STREAM_PORT:-5714}"
header "stream latency (runs ${BENCH_STREAM_RUNS:-10,100,1000}, ${BENCH_STREAM_SECONDS:-60} s each)"
trap 'stop_started; rm -rf "$STREAM_DIR"' EXIT
ensure_server "$STREAM_DIR" "$STREAM_PORT"
# The bench classpath holds two SLF4J providers (slf4j-jdk14 from the JDBC side, log4j's from
# Spark's): with JDK logging chosen, Spark's jul-to-slf4j bridge loops on the first log line of a
# streaming query. Spark's own, log4j, is chosen.
BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:-} -Dslf4j.provider=org.apache.logging.slf4j.SLF4JServiceProvider \
  -Dbench.stream.everyMs=${BENCH_STREAM_EVERY_MS:-200} \
  -Dbench.stream.lateness=${BENCH_STREAM_LATENESS:-}" \
  bench_java 2g stream "$URI" "$STREAM_DIR" "${BENCH_STREAM_RUNS:-10,100,1000}" \
  "${BENCH_STREAM_SECONDS:-60}"
"$PY" "$BENCH/report.py" "$RESULTS"
