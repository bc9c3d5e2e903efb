#!/usr/bin/env bash
# The demo: starts a local MLflow tracking server (SQLite store in work/demo/), seeds it with a
# small project through the connector's own back-fill, then answers example questions through
# Spark and through JDBC, and stops the server. Needs Java 17 and Python 3; installs the rest
# (Maven through ./mvnw, MLflow through scripts/mlflow-venv.sh).
#
#   ./scripts/demo.sh            builds the jars when the sources changed since the last build
#   ./scripts/demo.sh URI        seeds and queries the (empty) tracking server at URI instead of
#                                starting one, and leaves it running with the demo's data
#   DEMO_REBUILD=1 ./scripts/demo.sh    always builds
#   MT_BUILD_DIR=target-x ./scripts/demo.sh    builds into target-x/ (beside another build)
#
# Output: the answers on stdout; the server's log and the JVMs' logs in work/demo/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
T0=$(date +%s)
say() { printf '\n==== [%3ds] %s\n' "$(( $(date +%s) - T0 ))" "$*"; }
# Runs a command that is quiet for a long time, saying every 15 s that it is still at work.
with_ticker() {
  local what="$1" started ticker
  shift
  started=$(date +%s)
  # stdout to stderr too: the ticker must not hold a $(...) capture open.
  ( while sleep 15; do echo "  ... $what: $(( $(date +%s) - started )) s"; done ) >&2 &
  ticker=$!
  local rc=0
  "$@" || rc=$?
  kill "$ticker" 2>/dev/null || true
  wait "$ticker" 2>/dev/null || true
  return "$rc"
}
OWN_URI="${1:-}"

DEMO="$ROOT/work/demo"
STAMP="$ROOT/work/.demo-build-stamp-${MT_BUILD_DIR:-target}"
SERVER_PID=""

stop_server() {
  if [ -n "$SERVER_PID" ]; then
    kill -TERM -- "-$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 50); do
      kill -0 -- "-$SERVER_PID" 2>/dev/null || break
      sleep 0.2
    done
    kill -KILL -- "-$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
  fi
}
trap stop_server EXIT
trap 'exit 130' INT TERM

# 1. MLflow in its virtual environment, and the jars.
say "MLflow in a virtual environment (scripts/mlflow-venv.sh; the first time pip installs"\
" mlflow[auth]==3.17.2 into ~/.cache/mlflow-tables: about 860 MB, 1-5 minutes)"
PYTHON="$(with_ticker "installing MLflow" bash scripts/mlflow-venv.sh)"
echo "$PYTHON"

VERSION="$(sed -n 's:^  <version>\(.*\)</version>.*:\1:p' pom.xml | head -n 1)"
BUILD="${MT_BUILD_DIR:-target}"
SPARK_JAR="spark-connector/$BUILD/mlflow-tables-spark-$VERSION.jar"
JDBC_JAR="jdbc-driver/$BUILD/mlflow-tables-jdbc-$VERSION-all.jar"
EXAMPLES_CLASSES="examples/$BUILD/classes"
CLASSPATH_FILE="examples/$BUILD/demo-classpath.txt"
mkdir -p "$ROOT/work"
stale=""
if [ -n "${DEMO_REBUILD:-}" ] || [ ! -f "$STAMP" ] || [ ! -f "$SPARK_JAR" ] || [ ! -f "$JDBC_JAR" ] \
    || [ ! -f "$CLASSPATH_FILE" ] || [ ! -d "$EXAMPLES_CLASSES" ]; then
  stale=yes
elif [ -n "$(find pom.xml core spark-connector jdbc-driver examples -newer "$STAMP" \
    \( -name pom.xml -o -path '*/src/*' \) -type f -print -quit 2>/dev/null)" ]; then
  stale=yes
fi
if [ -n "$stale" ]; then
  say "Building the jars (./mvnw package, tests skipped; the first time Maven downloads about"\
" 380 MB into ~/.m2: 2-6 minutes, later builds 40-120 s)"
  with_ticker "building" ./mvnw -q -B -ntp package dependency:build-classpath -DskipTests \
    -Dmt.buildDir="$BUILD" -DincludeScope=compile -Dmdep.outputFile="$BUILD/demo-classpath.txt"
  touch "$STAMP"
else
  say "Jars are up to date (DEMO_REBUILD=1 to build anyway)"
fi
ls -1 "$SPARK_JAR" "$JDBC_JAR"

# 2. A fresh tracking server on a free loopback port, in a process group of its own (or the
#    server named on the command line).
rm -rf "$DEMO"
mkdir -p "$DEMO/artifacts"
if [ -n "$OWN_URI" ]; then
  say "Using the tracking server at $OWN_URI (left running)"
  URI="$OWN_URI"
else
  say "Starting mlflow server (SQLite store in work/demo/)"
  PORT="$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  URI="http://127.0.0.1:$PORT"
  MLFLOW_SERVER_ENABLE_JOB_EXECUTION=false MLFLOW_DISABLE_TELEMETRY=true DO_NOT_TRACK=true \
    setsid "$(dirname "$PYTHON")/mlflow" server --host 127.0.0.1 --port "$PORT" \
      --backend-store-uri "sqlite:///$DEMO/mlflow.db" \
      --default-artifact-root "$DEMO/artifacts" --serve-artifacts \
      --artifacts-destination "$DEMO/artifacts" --workers 1 \
      </dev/null >"$DEMO/server.log" 2>&1 &
  SERVER_PID=$!
  "$PYTHON" - "$URI" "$SERVER_PID" <<'EOF'
import os, sys, time, urllib.request
uri, pid = sys.argv[1], int(sys.argv[2])
deadline = time.time() + 120
while time.time() < deadline:
    try:
        os.kill(pid, 0)
    except OSError:
        sys.exit("mlflow server exited; see work/demo/server.log")
    try:
        with urllib.request.urlopen(uri + "/health", timeout=2) as r:
            if r.status == 200:
                sys.exit(0)
    except OSError:
        time.sleep(0.3)
sys.exit("mlflow server did not answer within 120 s; see work/demo/server.log")
EOF
  echo "$URI (process group $SERVER_PID)"
fi

export MLFLOW_TRACKING_URI="$URI"
# The JVM options Spark needs on Java 17, from the one place the build keeps them.
read -r -a SPARK_JVM_ARGS <<<"$(sed -n 's:.*<spark.test.jvm.args>\(.*\)</spark.test.jvm.args>.*:\1:p' pom.xml)"

# 3. Seed through Spark's back-fill, register models, query through Spark.
say "Spark: seeding and querying (org.mlflowtables.examples.Demo)"
java -Xmx2g "${SPARK_JVM_ARGS[@]}" -Duser.timezone=UTC \
  -cp "$(cat "$CLASSPATH_FILE"):$EXAMPLES_CLASSES" \
  org.mlflowtables.examples.Demo "$URI" --python "$PYTHON" 2>"$DEMO/spark.log" \
  || { echo "the Spark part failed; the end of work/demo/spark.log:" >&2; tail -n 40 "$DEMO/spark.log" >&2; exit 1; }

# 4. The same server through the JDBC driver's one jar, in a JVM without Spark.
say "JDBC: one jar, java.sql only (org.mlflowtables.examples.DemoJdbc)"
java -Duser.timezone=UTC -cp "$JDBC_JAR:$EXAMPLES_CLASSES" \
  org.mlflowtables.examples.DemoJdbc "$URI" 2>"$DEMO/jdbc.log" \
  || { echo "the JDBC part failed; the end of work/demo/jdbc.log:" >&2; tail -n 40 "$DEMO/jdbc.log" >&2; exit 1; }

if [ -n "$OWN_URI" ]; then
  say "Done. $OWN_URI holds the demo's data; an SQL shell on it: bin/mlflow-sql $OWN_URI"
else
  say "Done. To keep a server with this data: start one (README.md) and run scripts/demo.sh URI"
fi
