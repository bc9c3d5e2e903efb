#!/usr/bin/env bash
# Where the server's time goes: samples the MLflow server (py-spy, from its own venv in the bench
# cache) for SECONDS while a raw search-runs loop pages the runs data set, and prints the functions
# with the largest inclusive share of the samples.
#   bash bench/profile-server.sh [SECONDS]
source "$(dirname "$0")/lib.sh"
SECS="${1:-40}"
SPY="$CACHE/pyspy-venv/bin/py-spy"
[ -x "$SPY" ] || { python3 -m venv "$CACHE/pyspy-venv" && "$CACHE/pyspy-venv/bin/pip" install -q py-spy; }
ensure_server "$CACHE/runs" "$RUNS_PORT"
PGID="$(cat "$CACHE/runs/server.pid")"
WORKER="$(ps -eo pid,pgid,args | awk -v g="$PGID" '$2==g && /uvicorn/ {print $1}' | head -1)"
F="$OUT/server-search-runs-$(date +%Y%m%d-%H%M%S).folded"
py_bench --uri "$URI" --server-dir "$CACHE/runs" scan --reps 1 --clients raw-py > /dev/null &
LOOP=$!
sleep 2
"$SPY" record --pid "${WORKER:-$PGID}" --rate 25 --duration "$SECS" --format raw -o "$F" --nonblocking
wait "$LOOP" || true
"$PY" - "$F" <<'PY'
import collections, sys
tot, incl = 0, collections.Counter()
for line in open(sys.argv[1]):
    stack, n = line.rsplit(" ", 1)
    n = int(n); tot += n
    seen = set()
    for fr in stack.split(";"):
        name = fr.split(" (")[0] + " (" + fr.split("(")[-1].split(":")[0].split("/")[-1] if "(" in fr else fr
        if name not in seen:
            seen.add(name); incl[name] += n
print(f"{tot} samples of the server's worker")
for k, v in incl.most_common(40):
    print(f"{100 * v / tot:5.1f}%  {k[:140]}")
PY
