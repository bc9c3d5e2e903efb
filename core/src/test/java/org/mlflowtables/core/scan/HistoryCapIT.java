package org.mlflowtables.core.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.client.model.LogBatchRequest;
import org.mlflowtables.core.client.model.Metric;
import org.mlflowtables.core.config.MlflowConfig;
import org.mlflowtables.core.predicate.ColumnRef;
import org.mlflowtables.core.predicate.CompareOp;
import org.mlflowtables.core.predicate.Comparison;
import org.mlflowtables.core.predicate.Literal;
import org.mlflowtables.core.testing.MlflowServer;
import org.mlflowtables.core.testing.MlflowServerExtension;

/**
 * The metrics table is never cut at get-history-bulk's 25 000-point cap, even where a history is
 * far denser than its steps say (so requests are planned too large): every point logged is read.
 */
@ExtendWith(MlflowServerExtension.class)
class HistoryCapIT {
  private static final String KEY = "dense";
  private static MlflowServer server;
  private static String experiment;
  private static final Map<String, Integer> LOGGED = new TreeMap<>();

  @BeforeAll
  static void setUp(MlflowServer s) {
    server = s;
    MlflowClient client = MlflowClient.create(MlflowConfig.from(Map.of("uri", s.uri()), Map.of()));
    experiment = client.createExperiment("history-cap", null, Map.of());
    // every point at step 0: the latest step promises one point a run
    for (int points : new int[] {26_000, 10, 3}) {
      String run = client.createRun(experiment, "p" + points, 1_700_000_000_000L, Map.of())
          .info().runId();
      for (int from = 0; from < points; from += 1_000) {
        List<Metric> batch = new ArrayList<>();
        for (int i = from; i < Math.min(points, from + 1_000); i++) {
          batch.add(Metric.of(KEY, i, 1_700_000_000_000L + i, 0));
        }
        client.logBatch(new LogBatchRequest(run, batch, null, null));
      }
      LOGGED.put(run, points);
    }
  }

  private static Map<String, Integer> pointsPerRun(String maxInFlight) {
    MlflowConfig config = MlflowConfig.from(
        Map.of("uri", server.uri(), "maxInFlight", maxInFlight), Map.of());
    ScanPlan plan = ScanPlanner.plan(config, new ScanRequest("metrics", List.of(
        new Comparison(new ColumnRef("experiment_id"), CompareOp.EQ, new Literal(experiment))),
        List.of(), null));
    Map<String, Integer> counts = new TreeMap<>();
    Map<String, java.util.Set<Long>> timestamps = new TreeMap<>();
    try (RowIterator it = plan.openAll(MlflowClient.create(config))) {
      it.forEachRemaining(row -> {
        counts.merge((String) row[0], 1, Integer::sum);
        timestamps.computeIfAbsent((String) row[0], k -> new java.util.HashSet<>())
            .add((Long) row[4]);
      });
    }
    timestamps.forEach((run, ts) -> assertEquals(counts.get(run), ts.size(),
        "run " + run + " has no point twice"));
    return counts;
  }

  @Test
  void oneRequestPlannedForAllRunsIsContinuedWhereTheCapCutIt() {
    assertEquals(LOGGED, pointsPerRun("1"));
  }

  @Test
  void requestsPlannedRunByRunReadARunAboveTheCapWhole() {
    assertEquals(LOGGED, pointsPerRun("8"));
  }
}
