#!/usr/bin/env bash
# Checks generate.py's direct mode (--direct-sqlite) against its REST mode: makes a small runs data
# set (CHECK_RUNS runs, default 50) and a small history data set (CHECK_HISTORY_RUNS runs x 5 keys
# x 1 000 steps, default 3) both ways on fresh servers, then compares what the servers answer
# through REST, field by field except ids and server-assigned times (check_direct.py). Exits
# non-zero on any difference.
source "$(dirname "$0")/lib.sh"
CHECK_RUNS="${CHECK_RUNS:-50}"
CHECK_HISTORY_RUNS="${CHECK_HISTORY_RUNS:-3}"
D="$CACHE/check-direct"
PA="${BENCH_CHECK_PORT_A:-5731}" PB="${BENCH_CHECK_PORT_B:-5732}"
status=0
for kind in runs history; do
  n=$CHECK_RUNS; [ "$kind" = history ] && n=$CHECK_HISTORY_RUNS
  for m in rest direct; do bash "$BENCH/server.sh" stop "$D/$kind-$m"; rm -rf "$D/$kind-$m"; done
  # A: through REST
  bash "$BENCH/server.sh" start "$D/$kind-rest" "$PA" >/dev/null
  STARTED_DIRS+=("$D/$kind-rest")
  "$PY" "$BENCH/generate.py" --uri "http://127.0.0.1:$PA" --threads 4 --progress 0 "$kind" --runs "$n"
  # B: the server creates the schema, stops; the generator writes; the server starts again
  bash "$BENCH/server.sh" start "$D/$kind-direct" "$PB" >/dev/null
  bash "$BENCH/server.sh" stop "$D/$kind-direct"
  "$PY" "$BENCH/generate.py" --direct-sqlite "$D/$kind-direct/mlflow.db" --progress 0 "$kind" --runs "$n"
  bash "$BENCH/server.sh" start "$D/$kind-direct" "$PB" >/dev/null
  STARTED_DIRS+=("$D/$kind-direct")
  echo; echo "## $kind data set, $n runs: REST-made (A) against direct-made (B)"
  "$PY" "$BENCH/check_direct.py" --a "http://127.0.0.1:$PA" --a-dir "$D/$kind-rest" \
    --b "http://127.0.0.1:$PB" --b-dir "$D/$kind-direct" || status=1
  bash "$BENCH/server.sh" stop "$D/$kind-rest"; bash "$BENCH/server.sh" stop "$D/$kind-direct"
done
echo
[ $status = 0 ] && echo "check-direct: OK (no differences)" || echo "check-direct: DIFFERENCES"
exit $status
