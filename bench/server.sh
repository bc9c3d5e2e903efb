#!/usr/bin/env bash
# Starts or stops a benchmark MLflow server: the pinned mlflow (scripts/mlflow-venv.sh), loopback
# only, job execution off, BENCH_WORKERS uvicorn workers (default 4, MLflow's own default: the
# server users run; 1 for the one-worker figures). Its store is DIR/mlflow.db (SQLite), or the
# PostgreSQL cluster in DIR/pg when there is one (bench/postgres.sh; gen-data.sh makes such data
# directories with BENCH_STORE=postgres), started on PORT + 10000 and stopped with the server.
# Its stdout/stderr (uvicorn's access log: one line per request) go to DIR/server.log, so request
# counts can be read from there.
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
    workers="${BENCH_WORKERS:-4}"
    mkdir -p "$dir/a"
    if [ -f "$dir/server.pid" ] && kill -0 "$(cat "$dir/server.pid")" 2>/dev/null; then
      echo "server already running in $dir (pid $(cat "$dir/server.pid"))" >&2
      exit 1
    fi
    store="sqlite:///$dir/mlflow.db"
    if [ -d "$dir/pg" ]; then store="$(bash "$HERE/postgres.sh" start "$dir" $((port + 10000)))"; fi
    MLFLOW_SERVER_ENABLE_JOB_EXECUTION=false setsid "$venv/bin/mlflow" server --host 127.0.0.1 \
      --port "$port" --backend-store-uri "$store" --default-artifact-root "$dir/a" \
      --workers "$workers" >>"$dir/server.log" 2>&1 < /dev/null &
    echo $! > "$dir/server.pid"
    echo "$workers" > "$dir/server.workers"
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
    if [ -d "$dir/pg" ]; then bash "$HERE/postgres.sh" stop "$dir"; fi
    ;;
  count)
    grep -c '" [0-9][0-9][0-9]' "$dir/server.log" 2>/dev/null || echo 0
    ;;
  *) echo "unknown command $cmd" >&2; exit 2 ;;
esac
