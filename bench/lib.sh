# Shared settings of the benchmark scripts (sourced). Every size can be overridden from the
# environment; docs/benchmarks.md records the values each published figure was measured with.
set -euo pipefail
BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH/.." && pwd)"
CACHE="${BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/mlflow-tables/bench}"
OUT="${BENCH_OUT:-$CACHE/results}"
RUNS="${BENCH_RUNS:-100000}"             # runs data set (the issue's size; runs 1-2 had 10 000)
HISTORY_RUNS="${BENCH_HISTORY_RUNS:-1000}" # history data set: runs x 5 keys x 1 000 steps
BACKFILL_RUNS="${BENCH_BACKFILL_RUNS:-200}" # back-fill: runs x 5 keys x 1 000 steps per case
IN_FLIGHT="${BENCH_IN_FLIGHT:-4}"
# The server: BENCH_WORKERS uvicorn workers (server.sh; default 4, MLflow's default) and its store,
# BENCH_STORE=sqlite (default) or postgres (the same data copied into PostgreSQL: gen-data.sh).
export BENCH_WORKERS="${BENCH_WORKERS:-4}"
STORE="${BENCH_STORE:-sqlite}"
case "$STORE" in sqlite) STORE_SUFFIX= ;; postgres) STORE_SUFFIX=-pg ;;
  *) echo "BENCH_STORE must be sqlite or postgres, not $STORE" >&2; exit 2 ;; esac
RUNS_DIR="$CACHE/runs$STORE_SUFFIX"         # the data directories the servers run on
HISTORY_DIR="$CACHE/history$STORE_SUFFIX"
REPS="${BENCH_REPS:-1}"
RUNS_PORT="${BENCH_RUNS_PORT:-5711}"
HISTORY_PORT="${BENCH_HISTORY_PORT:-5712}"
BACKFILL_PORT="${BENCH_BACKFILL_PORT:-5713}"
STUB_PORT="${BENCH_STUB_PORT:-5799}"
BUILD_DIR=target-bench
mkdir -p "$CACHE" "$OUT"
PY="$(bash "$ROOT/scripts/mlflow-venv.sh")"
RESULTS="${BENCH_RESULTS:-$OUT/results-$(date +%Y%m%d-%H%M%S).jsonl}"

# A classpath of a bench project (java or jmh) with the project jars pinned by build.sh in place
# of the ~/.m2 SNAPSHOTs (which other builds on the machine may overwrite).
pinned_cp() {
  local m="$1" p="$BENCH/java/$BUILD_DIR/project"
  if [ ! -f "$BENCH/$m/$BUILD_DIR/cp.txt" ] || [ ! -f "$p/VERSION" ]; then
    bash "$BENCH/build.sh" >&2
  fi
  local jars
  jars="$(ls "$p"/*.jar | tr '\n' ':')"
  echo "$BENCH/$m/$BUILD_DIR/classes:$jars$(tr ':' '\n' < "$BENCH/$m/$BUILD_DIR/cp.txt" | grep -v '/org/mlflowtables/' | paste -sd:)"
}
java_cp() { pinned_cp java; }

# java with what Spark needs on Java 17; -Dbench.out appends results; BENCH_JAVA_OPTS: more options
bench_java() {
  local heap="$1"; shift
  java_main "$heap" org.mlflowtables.bench.Bench "$@"
}

# java_main HEAP CLASS ARGS...: a main class of the pinned classpath (the examples' programs too),
# run as bench_java runs the benchmark drivers
java_main() {
  local heap="$1" main="$2"; shift 2
  # shellcheck disable=SC2086
  java "-Xmx$heap" -Dbench.out="$RESULTS" ${BENCH_JAVA_OPTS:-} \
    --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED \
    --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
    --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED \
    --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED \
    --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
    --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED \
    --add-opens=java.base/sun.util.calendar=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false \
    -Dio.netty.tryReflectionSetAccessible=true -cp "$(java_cp)" "$main" "$@" \
    2> >(grep -v -E '^SLF4J|WARN NativeCodeLoader|Using Spark|Setting default log level|To adjust logging' >&2)
}

py_bench() {
  "$PY" "$BENCH/py_bench.py" --out "$RESULTS" "$@"
}

# Starts the server of a data directory unless it runs (sets URI); stops it on exit if we started it.
STARTED_DIRS=()
URI=
ensure_server() {
  local dir="$1" port="$2"
  URI="http://127.0.0.1:$port"
  if [ -f "$dir/server.pid" ] && kill -0 "$(cat "$dir/server.pid")" 2>/dev/null; then
    return
  fi
  bash "$BENCH/server.sh" start "$dir" "$port" >/dev/null
  STARTED_DIRS+=("$dir")
}
stop_started() {
  for d in "${STARTED_DIRS[@]:-}"; do
    if [ -n "$d" ]; then bash "$BENCH/server.sh" stop "$d" || true; fi
  done
  return 0
}
trap stop_started EXIT

header() {
  echo
  echo "## $1   ($(date -u +%FT%TZ); load $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores)"
  echo "project: $(head -1 "$BENCH/java/$BUILD_DIR/project/VERSION" 2>/dev/null || echo 'not built')"
  echo "server: $BENCH_WORKERS worker(s), store $STORE"
  echo "results: $RESULTS"
}
