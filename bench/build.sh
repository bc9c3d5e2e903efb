#!/usr/bin/env bash
# Builds the project (own build folder target-bench) and installs it into a local repository of
# the benchmarks' own (target-bench/m2, with ~/.m2 read behind it: Maven's chained local repository),
# never into the shared ~/.m2, for the dependency resolution of the standalone bench projects;
# then pins the jars just built: they are copied to bench/java/target-bench/project/ and put on
# the benchmark classpaths. bench/java/target-bench/project/VERSION records the commit measured.
# BENCH_MVN_OFFLINE=-o builds offline (the bench projects need Spark and MLflow's Java client).
source "$(dirname "$0")/lib.sh"
REPO=(-Dmaven.repo.local="$BENCH/java/$BUILD_DIR/m2" -Dmaven.repo.local.tail="$HOME/.m2/repository")
# what is built: taken before the build, so that edits made while it runs do not show as built
VERSION="$({ git -C "$ROOT" rev-parse HEAD; git -C "$ROOT" status --short -- core spark-connector jdbc-driver examples | head -20; date -u +%FT%TZ; })"
cd "$ROOT" && ./mvnw -q ${BENCH_MVN_OFFLINE:-} "${REPO[@]}" install -DskipTests -Dmt.buildDir=$BUILD_DIR
P="$BENCH/java/$BUILD_DIR/project"
rm -rf "$P" && mkdir -p "$P"
# the Spark 4 line's jar by its name: the build folder may still hold jars of older names; the
# examples' jar for the programs benchmarks run as users do (copy.sh: CopyServer)
cp "$ROOT/core/$BUILD_DIR"/mlflow-tables-core-*-SNAPSHOT.jar "$ROOT/spark-connector/$BUILD_DIR"/mlflow-tables-spark-4_2.13-*-SNAPSHOT.jar \
   "$ROOT/jdbc-driver/$BUILD_DIR"/mlflow-tables-jdbc-*-SNAPSHOT.jar \
   "$ROOT/examples/$BUILD_DIR"/mlflow-tables-examples-*-SNAPSHOT.jar "$P"/
rm -f "$P"/*-tests.jar "$P"/*-all.jar
echo "$VERSION" > "$P/VERSION"
for m in java jmh; do
  (cd "$BENCH/$m" && "$ROOT/mvnw" -q ${BENCH_MVN_OFFLINE:-} "${REPO[@]}" compile org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath -Dmt.buildDir=$BUILD_DIR \
    -Dmdep.outputFile=$BUILD_DIR/cp.txt)
done
echo "built bench/java and bench/jmh against $(head -1 "$P/VERSION")"
