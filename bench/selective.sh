#!/usr/bin/env bash
# b. A 1 %-selective query (params['bucket'] = 'b42': one run in 100) with push-down and with
# pushDown=false, through core and JDBC: requests and bytes against the matching rows.
source "$(dirname "$0")/lib.sh"
header "b. 1 %-selective query ($RUNS runs)"
ensure_server "$RUNS_DIR" "$RUNS_PORT"
bench_java 2g selective "$URI" "$RUNS_DIR" "${BENCH_REPS_SMALL:-1}"
"$PY" "$BENCH/report.py" "$RESULTS"
