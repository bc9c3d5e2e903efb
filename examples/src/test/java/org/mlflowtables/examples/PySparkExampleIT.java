package org.mlflowtables.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.testing.MlflowServer;
import org.mlflowtables.core.testing.MlflowServerExtension;
import org.mlflowtables.core.write.LogBatchWriter;
import org.mlflowtables.core.write.MetricRow;

/**
 * examples/python/pyspark_example.py on stock PySpark (the project's Spark version, from PyPI, in
 * a venv of its own made by scripts/pyspark-venv.sh) with nothing but the built connector jar
 * given to spark-submit's --jars: the jar carries everything it needs.
 */
@ExtendWith(MlflowServerExtension.class)
class PySparkExampleIT {
  private static final long T0 = 1_714_000_000_000L;

  @Test
  void runsOnStockPySparkWithTheConnectorJar(MlflowServer server) {
    Path jar = Command.builtFile("mlflowtables.sparkJar");
    String python = pysparkPython();

    String prefix = "pyspark-" + UUID.randomUUID().toString().substring(0, 8);
    MlflowClient client = ExampleTesting.client(server);
    Map<String, Double> rmse = new HashMap<>();
    Map<String, String> names = new HashMap<>();
    Map<String, Long> ends = new HashMap<>();
    Object[][] runs = {
        {"-a", "run-1", 0.5, "FINISHED"}, {"-a", "run-2", 0.25, "FINISHED"},
        {"-a", "run-3", 0.75, "FINISHED"}, {"-a", "run-failed", 0.1, "FAILED"},
        {"-b", "run-4", 2.0, "FINISHED"}, {"-b", "run-5", 1.5, "FINISHED"}};
    Map<String, String> experiments = new HashMap<>();
    long t = T0;
    try (LogBatchWriter w = LogBatchWriter.create(client)) {
      for (Object[] r : runs) {
        String exp = experiments.computeIfAbsent(prefix + r[0],
            n -> client.createExperiment(n, null, Map.of()));
        t += 10_000;
        String runId = client.createRun(exp, (String) r[1], t, Map.of()).info().runId();
        w.add(MetricRow.of(runId, "rmse", (Double) r[2], t + 1, 0));
        w.flush();
        client.updateRun(runId, (String) r[3], t + 5_000, null);
        if (r[3].equals("FINISHED")) {
          rmse.put(runId, (Double) r[2]);
          names.put(runId, (String) r[1]);
          ends.put(runId, t + 5_000);
        }
      }
    }

    Path script = Command.projectRoot().resolve("examples/python/pyspark_example.py");
    Command.Result r = Command.of(
            Paths.get(python).resolveSibling("spark-submit").toString(),
            "--master", "local[2]",
            "--conf", "spark.ui.enabled=false",
            "--jars", jar.toString(),
            script.toString(), server.uri(), "--experiments", prefix + "-%", "--metric", "rmse")
        .env("PYSPARK_PYTHON", python)
        .env("SPARK_LOCAL_IP", "127.0.0.1")
        .runOk(Duration.ofMinutes(5));
    String out = r.stdout();

    assertTrue(out.contains("Experiments like '" + prefix + "-%': 2"), r.describe());
    assertHasRow(out, r, prefix + "-a", "1", "run-2", "0.25");
    assertHasRow(out, r, prefix + "-a", "3", "run-3", "0.75");
    assertHasRow(out, r, prefix + "-b", "1", "run-5", "1.5");
    assertTrue(!out.contains("run-failed"), r.describe());
    // The SQL through the catalog counts the FAILED run too.
    assertHasRow(out, r, prefix + "-a", "FAILED", "1");
    assertHasRow(out, r, prefix + "-a", "FINISHED", "3");
    assertTrue(out.contains("first write of rmse_rank: 5 new points (5 in all)"), r.describe());
    assertTrue(out.contains("second write of rmse_rank: 0 new points (5 in all)"), r.describe());

    // What reached MLflow, read with core's scan: each finished run's rank at its end time.
    List<List<Object>> written = ExampleTesting.points(server, new ArrayList<>(rmse.keySet()),
        "rmse_rank");
    written.sort(Comparator.comparing(p -> names.get((String) p.get(0))));
    List<List<Object>> expected = new ArrayList<>();
    for (String run : List.of("run-1", "run-2", "run-3", "run-4", "run-5")) {
      String id = names.entrySet().stream().filter(e -> e.getValue().equals(run)).findFirst()
          .orElseThrow().getKey();
      double rank = switch (run) {
        case "run-2", "run-5" -> 1.0;
        case "run-1", "run-4" -> 2.0;
        default -> 3.0;
      };
      expected.add(List.of(id, rank, ends.get(id), 0L));
    }
    assertEquals(expected, written);
  }

  /** The venv python of scripts/pyspark-venv.sh (which installs PySpark once). */
  static String pysparkPython() {
    Command.Result venv = Command.of("bash", "scripts/pyspark-venv.sh")
        .runOk(Duration.ofMinutes(20));
    String[] lines = venv.stdout().strip().split("\n");
    String python = lines[lines.length - 1].strip();
    assertTrue(Files.isExecutable(Paths.get(python)), venv.describe());
    return python;
  }

  /** Asserts a line of df.show()'s table with these cells. */
  private static void assertHasRow(String out, Command.Result r, String... cells) {
    StringBuilder regex = new StringBuilder("(?m)^\\|");
    for (String c : cells) {
      regex.append(Pattern.quote(c)).append(" *\\|");
    }
    regex.append(".*$");
    assertTrue(Pattern.compile(regex.toString()).matcher(out).find(),
        "no row " + String.join(" | ", cells) + ":\n" + r.describe());
  }
}
