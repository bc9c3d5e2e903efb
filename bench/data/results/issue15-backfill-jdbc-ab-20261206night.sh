#!/usr/bin/env bash
# A/B: JDBC back-fill de-dup off, jars of d682d94 (new) vs 90b37a0 (old), same 4-worker SQLite server
# The old jar: git worktree add /tmp/exp/old 90b37a0 && (cd /tmp/exp/old && ./mvnw -o -q -pl jdbc-driver -am package -DskipTests -Dmt.buildDir=target-old);
# the new one: bench/build.sh at d682d94. Cases alternate old and new; the warm-up case here is 100 000 points.
set -euo pipefail
cd /work/main
export BENCH_WORKERS=4 BENCH_BACKFILL_RUNS=20 BENCH_CACHE=/tmp/exp/ab BENCH_RESULTS=bench/data/results/issue15-backfill-jdbc-ab-20261206night.jsonl
source bench/lib.sh
DIR=/tmp/exp/ab/srv
bash "$BENCH/server.sh" stop "$DIR" || true; rm -rf "$DIR"; mkdir -p "$DIR"
ensure_server "$DIR" "$BACKFILL_PORT"
URI="http://127.0.0.1:$BACKFILL_PORT"
NEWJAR=$(ls "$BENCH/java/$BUILD_DIR/project"/mlflow-tables-jdbc-*-SNAPSHOT.jar)
OLDJAR=/tmp/exp/old/jdbc-driver/target-old/mlflow-tables-jdbc-0.1.0-SNAPSHOT.jar
CPNEW="$(java_cp)"; CPOLD="${CPNEW//$NEWJAR/$OLDJAR}"
[ "$CPNEW" != "$CPOLD" ] || { echo "no swap"; exit 1; }
n=0
run() { # cp client dedup label
  n=$((n+1)); "$PY" "$BENCH/generate.py" --uri "$URI" --threads 4 --progress 0 backfill --name "ab$n" --runs 20 --ids-out "$DIR/ab$n.ids" > /dev/null
  java -Xmx2g -Dbench.out="$RESULTS" -cp "$1" org.mlflowtables.bench.Bench backfill "$URI" "$DIR" "$2" "$DIR/ab$n.ids" 5 1000 8 "$3" "$4"
}
export BENCH_BACKFILL_WARM_STEPS=1000
run "$CPNEW" raw false warm-up
for r in 1 2 3; do
  if [ $((r % 2)) = 1 ]; then run "$CPNEW" jdbc false new; run "$CPOLD" jdbc false old; else run "$CPOLD" jdbc false old; run "$CPNEW" jdbc false new; fi
  run "$CPNEW" raw false raw
  run "$CPNEW" jdbc true new-on
done
bash "$BENCH/server.sh" stop "$DIR"
