package org.mlflowtables.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.testing.MlflowServer;
import org.mlflowtables.core.testing.MlflowServerExtension;
import org.mlflowtables.core.write.LogBatchWriter;
import org.mlflowtables.core.write.MetricRow;
import org.mlflowtables.examples.ExampleTesting.Captured;

/**
 * SparkPipeline on two experiments of its own: it finds each experiment's best finished run by
 * rmse, shows the model version registered from it, writes each run's gap to the best exactly
 * once, and a second run writes nothing.
 */
@ExtendWith(MlflowServerExtension.class)
class SparkPipelineIT {
  private static final long T0 = 1_714_000_000_000L;

  private static MlflowServer server;
  private static String prefix;
  /** Finished runs with rmse: run id to [experiment name, run name, rmse, end time]. */
  private static final Map<String, Object[]> finished = new LinkedHashMap<>();
  private static final List<String> allRuns = new ArrayList<>();
  private static String modelName;

  @BeforeAll
  static void seed(MlflowServer s) {
    server = s;
    prefix = "pipeline-" + UUID.randomUUID().toString().substring(0, 8);
    MlflowClient client = ExampleTesting.client(server);
    // Per experiment: run name, rmse (null: not logged), status. The FAILED run has the lowest
    // rmse of all: the pipeline must skip it.
    Map<String, Object[][]> plan = new LinkedHashMap<>();
    plan.put(prefix + "-churn", new Object[][] {
        {"churn-a", 0.42, "FINISHED"}, {"churn-b", 0.31, "FINISHED"}, {"churn-c", 0.35, "FINISHED"},
        {"churn-crashed", 0.05, "FAILED"}, {"churn-no-metric", null, "FINISHED"}});
    plan.put(prefix + "-price", new Object[][] {
        {"price-a", 12.5, "FINISHED"}, {"price-b", 11.25, "FINISHED"}, {"price-c", 14.0, "FINISHED"}});
    Map<String, String> bestPerExperiment = new HashMap<>();
    long t = T0;
    try (LogBatchWriter writer = LogBatchWriter.create(client)) {
      for (Map.Entry<String, Object[][]> e : plan.entrySet()) {
        String experimentId = client.createExperiment(e.getKey(), null, Map.of());
        for (Object[] r : e.getValue()) {
          t += 60_000;
          String runId = client.createRun(experimentId, (String) r[0], t, Map.of()).info().runId();
          allRuns.add(runId);
          long end = t + 30_000;
          if (r[1] != null) {
            // A history: the latest point (the one that counts) last.
            writer.add(MetricRow.of(runId, "rmse", (Double) r[1] * 2, t + 1_000, 0));
            writer.add(MetricRow.of(runId, "rmse", (Double) r[1], t + 2_000, 1));
          }
          client.updateRun(runId, (String) r[2], end, null);
          if (r[1] != null && r[2].equals("FINISHED")) {
            finished.put(runId, new Object[] {e.getKey(), r[0], r[1], end});
          }
        }
      }
    }
    finished.values().stream()
        .sorted(Comparator.comparingDouble(v -> (Double) v[2]))
        .forEach(v -> bestPerExperiment.putIfAbsent((String) v[0], (String) v[1]));
    assertEquals(Map.of(prefix + "-churn", "churn-b", prefix + "-price", "price-b"),
        bestPerExperiment);
    String churnBest = finished.entrySet().stream()
        .filter(e -> e.getValue()[1].equals("churn-b")).findFirst().orElseThrow().getKey();
    modelName = prefix + "-churn-model";
    ExampleTesting.registerVersion(server, modelName, churnBest, "champion");
  }

  @Test
  void findsBestRunsJoinsVersionsAndWritesTheGapOnce() {
    Captured first = new Captured();
    String key = SparkPipeline.run(ExampleTesting.spark(), server.uri(), prefix + "-%", "rmse",
        "min", first.out);
    String text = first.text();
    assertEquals("rmse_gap_to_best", key);

    // The runs scan pushed the experiment and status predicates to MLflow.
    assertTrue(text.contains("Runs are read with: MLflowScan runs"), text);
    assertTrue(text.matches("(?s).*PushedFilters: \\[[^]]*experiment_id IN.*"), text);
    assertTrue(text.matches("(?s).*PushedFilters: \\[[^]]*status = 'FINISHED'.*"), text);

    // The best runs, one per experiment, with the version registered from churn-b.
    assertHasLine(text, "| " + prefix + "-churn", "| churn-b", "| 0.31", "| " + modelName, "| 1",
        "| [champion]", "|");
    assertHasLine(text, "| " + prefix + "-price", "| price-b", "| 11.25", "| NULL", "| NULL",
        "| NULL", "|");
    assertTrue(!text.contains("churn-crashed") && !text.contains("churn-no-metric"), text);

    assertTrue(text.contains("Wrote metric rmse_gap_to_best for 6 runs: 6 new points"
        + " (0 before, 6 after)."), text);
    assertWritten(key);

    // Again: the same points are already there, nothing is added.
    Captured second = new Captured();
    SparkPipeline.run(ExampleTesting.spark(), server.uri(), prefix + "-%", "rmse", "min",
        second.out);
    assertTrue(second.text().contains("Wrote metric rmse_gap_to_best for 6 runs: 0 new points"
        + " (6 before, 6 after)."), second.text());
    assertWritten(key);
  }

  /** Exactly one point per finished run, read with core's scan: the gap, at the run's end. */
  private static void assertWritten(String key) {
    Map<String, Double> best = new HashMap<>();
    finished.values().forEach(v -> best.merge((String) v[0], (Double) v[2], Math::min));
    List<List<Object>> expected = new ArrayList<>();
    finished.forEach((runId, v) -> expected.add(
        List.of(runId, (Double) v[2] - best.get((String) v[0]), v[3], 0L)));
    List<List<Object>> actual = ExampleTesting.points(server, allRuns, key);
    Comparator<List<Object>> byRun = Comparator.comparing(r -> (String) r.get(0));
    expected.sort(byRun);
    actual.sort(byRun);
    assertEquals(expected.size(), actual.size(), actual.toString());
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.get(i).get(0), actual.get(i).get(0));
      assertEquals((Double) expected.get(i).get(1), (Double) actual.get(i).get(1), 1e-9);
      assertEquals(expected.get(i).subList(2, 4), actual.get(i).subList(2, 4));
    }
  }

  /** Asserts a printed table line made of these cells, each padded with spaces. */
  private static void assertHasLine(String text, String... cells) {
    StringBuilder regex = new StringBuilder("(?m)^");
    for (String c : cells) {
      regex.append(Pattern.quote(c)).append(" *");
    }
    regex.append("$");
    assertTrue(Pattern.compile(regex.toString()).matcher(text).find(),
        "no line " + String.join("", cells) + " in\n" + text);
  }
}
