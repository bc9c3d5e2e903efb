#!/usr/bin/env bash
# Builds the project (own build folder target-bench) and installs it into ~/.m2 (for the
# dependency resolution of the standalone bench projects), then pins the jars just built:
# they are copied to bench/java/target-bench/project/ and put on the benchmark classpaths instead
# of the ~/.m2 SNAPSHOTs, which other builds on the machine may overwrite while benchmarks run.
# bench/java/target-bench/project/VERSION records the commit measured.
source "$(dirname "$0")/lib.sh"
cd "$ROOT" && ./mvnw -q install -DskipTests -Dmt.buildDir=$BUILD_DIR
P="$BENCH/java/$BUILD_DIR/project"
rm -rf "$P" && mkdir -p "$P"
cp "$ROOT/core/$BUILD_DIR"/mlflow-tables-core-*-SNAPSHOT.jar "$ROOT/spark-connector/$BUILD_DIR"/mlflow-tables-spark-*-SNAPSHOT.jar \
   "$ROOT/jdbc-driver/$BUILD_DIR"/mlflow-tables-jdbc-*-SNAPSHOT.jar "$P"/
rm -f "$P"/*-tests.jar "$P"/*-all.jar
{ git -C "$ROOT" rev-parse HEAD; git -C "$ROOT" status --short -- core spark-connector jdbc-driver | head -20; date -u +%FT%TZ; } > "$P/VERSION"
for m in java jmh; do
  (cd "$BENCH/$m" && "$ROOT/mvnw" -q compile dependency:build-classpath -Dmt.buildDir=$BUILD_DIR \
    -Dmdep.outputFile=$BUILD_DIR/cp.txt)
done
echo "built bench/java and bench/jmh against $(head -1 "$P/VERSION")"
