#!/usr/bin/env bash
# Starts or stops a benchmark MLflow server: the pinned mlflow (scripts/mlflow-venv.sh), SQLite store,
# BENCH_WORKERS workers (default 1), loopback only, job execution off. Its stdout/stderr (uvicorn's access log: one line
# per request) go to DIR/server.log, so request counts can be read from there.
#
#   bench/server.sh start DIR PORT   # waits until /health answers; prints the URI
#   bench/server.sh stop DIR         # stops the server's whole process group
#   bench/server.sh count DIR        # lines in the access log so far (requests)
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
cmd="${1:?start|stop|count}"
dir="${2:?data directory}"
case "$cmd" in
  start)
    port="${3:?port}"
    py="$(bash "$ROOT/scripts/mlflow-venv.sh")"
    venv="$(dirname "$(dirname "$py")")"
    mkdir -p "$dir/a"
    if [ -f "$dir/server.pid" ] && kill -0 "$(cat "$dir/server.pid")" 2>/dev/null; then
      echo "server already running in $dir (pid $(cat "$dir/server.pid"))" >&2
      exit 1
    fi
    MLFLOW_SERVER_ENABLE_JOB_EXECUTION=false setsid "$venv/bin/mlflow" server --host 127.0.0.1 \
      --port "$port" --backend-store-uri "sqlite:///$dir/mlflow.db" --default-artifact-root "$dir/a" \
      --workers "${BENCH_WORKERS:-1}" >>"$dir/server.log" 2>&1 < /dev/null &
    echo $! > "$dir/server.pid"
    for _ in $(seq 1 240); do
      if curl -sf "http://127.0.0.1:$port/health" > /dev/null 2>&1; then
        echo "http://127.0.0.1:$port"
        exit 0
      fi
      sleep 0.5
    done
    echo "server on port $port did not come up; see $dir/server.log" >&2
    exit 1
    ;;
  stop)
    if [ -f "$dir/server.pid" ]; then
      pid="$(cat "$dir/server.pid")"
      # setsid made the server a process-group leader: stop that group only.
      kill -TERM -- "-$pid" 2>/dev/null || true
      for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
      kill -KILL -- "-$pid" 2>/dev/null || true
      rm -f "$dir/server.pid"
    fi
    ;;
  count)
    grep -c '" [0-9][0-9][0-9]' "$dir/server.log" 2>/dev/null || echo 0
    ;;
  *) echo "unknown command $cmd" >&2; exit 2 ;;
esac
