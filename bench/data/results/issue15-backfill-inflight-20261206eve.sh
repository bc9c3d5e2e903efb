#!/bin/bash
# The in-flight comparison of 2026-12-06 evening (docs/benchmarks.md), as run from /tmp: Spark at 4 and 8
# requests a task (2 tasks), raw at 4, 8 and 16, 3 rounds, each case after a 100-step warm-up write in its
# JVM. Jars of 2ef0034 with the warm-up option, before the tasks shared maxInFlight (so IN_FLIGHT was per
# task then; with 34bcb89 it is the write's). Run from the repository root: bash THIS_FILE.
export BENCH_BACKFILL_RUNS=20 BENCH_WORKERS=4 BENCH_BACKFILL_WARM_STEPS=100
export BENCH_RESULTS=bench/data/results/issue15-backfill-inflight-20261206eve.jsonl
source bench/lib.sh
DIR="$CACHE/exp-backfill-w4"
bash "$BENCH/server.sh" stop "$DIR" || true; rm -rf "$DIR"; mkdir -p "$DIR"
ensure_server "$DIR" "$BACKFILL_PORT"
runs_for() { "$PY" "$BENCH/generate.py" --uri "$URI" --threads 4 --progress 0 backfill --name "$1" --runs 20 --ids-out "$DIR/$1.ids" > /dev/null; echo "$DIR/$1.ids"; }
c() { local heap=$1 client=$2 name=$3 inf=$4 label=$5; bench_java $heap backfill "$URI" "$DIR" $client "$(runs_for $name)" 5 1000 $inf false "$label"; }
bench_java 1g backfill "$URI" "$DIR" raw "$(runs_for warm)" 5 100 8 false warm-up
for r in 1 2 3; do
  c 1g raw raw8-$r 8 raw8
  c 4g spark s4-$r 4 spark4
  c 1g raw raw16-$r 16 raw16
  c 4g spark s8-$r 8 spark8
  c 1g raw raw4-$r 4 raw4
done
