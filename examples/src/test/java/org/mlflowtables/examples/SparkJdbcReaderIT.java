package org.mlflowtables.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mlflowtables.core.testing.MlflowServer;
import org.mlflowtables.core.testing.MlflowServerExtension;
import org.mlflowtables.core.testing.Oracle;

/**
 * Spark's own JDBC reader ({@code spark.read.jdbc}) reads MLflow tables through the driver's
 * self-contained jar, given to stock spark-submit with --jars as users do.
 */
@ExtendWith(MlflowServerExtension.class)
class SparkJdbcReaderIT {

  @Test
  void sparkReadsTablesThroughTheDriver(MlflowServer server) {
    Oracle oracle = server.fixture().oracle();
    String python = PySparkExampleIT.pysparkPython();
    Path script = Paths.get(
        SparkJdbcReaderIT.class.getResource("/spark_jdbc_reader.py").getPath());
    Command.Result r = Command.of(
            Paths.get(python).resolveSibling("spark-submit").toString(),
            "--master", "local[2]", "--conf", "spark.ui.enabled=false",
            "--jars", Command.builtFile("mlflowtables.driverJar").toString(),
            script.toString(), server.uri())
        .env("PYSPARK_PYTHON", python)
        .env("SPARK_LOCAL_IP", "127.0.0.1")
        .runOk(Duration.ofMinutes(5));
    Set<String> fixtureRuns = new HashSet<>();
    oracle.runs().forEach(run -> fixtureRuns.add(run.runId()));

    Set<String> params = new HashSet<>();
    Set<String> runs = new HashSet<>();
    for (String line : r.stdout().split("\n")) {
      if (line.startsWith("PARAM ") && fixtureRuns.contains(line.substring(6, 38))) {
        params.add(line.substring(6));
      } else if (line.startsWith("RUN ") && fixtureRuns.contains(line.substring(4, 36))) {
        runs.add(line.substring(4));
      }
    }
    Set<String> expectedParams = new HashSet<>();
    oracle.params().stream().filter(e -> e.key().equals("optimizer"))
        .filter(e -> !oracle.runById(e.runId()).deleted())
        .forEach(e -> expectedParams.add(e.runId() + "=" + e.value()));
    Set<String> expectedRuns = new HashSet<>();
    oracle.runs().stream().filter(run -> !run.deleted())
        .forEach(run -> expectedRuns.add(run.runId() + "/" + run.status()));
    assertEquals(expectedParams, params, r.describe());
    assertEquals(expectedRuns, runs, r.describe());
  }
}
