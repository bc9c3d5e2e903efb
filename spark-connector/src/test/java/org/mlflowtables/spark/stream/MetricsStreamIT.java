package org.mlflowtables.spark.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mlflowtables.core.client.model.KeyValue;
import org.mlflowtables.core.client.model.LogBatchRequest;
import org.mlflowtables.core.client.model.Metric;
import org.mlflowtables.core.client.model.Run;
import org.mlflowtables.core.reliability.FaultProxy;
import org.mlflowtables.core.reliability.FaultProxy.Fault;
import org.mlflowtables.core.reliability.FaultProxy.FaultPlan;
import org.mlflowtables.core.testing.MlflowServer;
import org.mlflowtables.core.testing.MlflowServerExtension;

/**
 * {@code readStream.load("metrics")} against the real server, with a writer thread logging points
 * while the stream runs: each point once, across a restart, with the trailing points of a run that
 * ends between two polls, through a proxy that cuts requests; MLflow's Python client (what the
 * server holds at the end) is the oracle.
 */
@ExtendWith(MlflowServerExtension.class)
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class MetricsStreamIT {
  private static final String LATENESS = "1s";

  private StreamFixture fx;
  private MlflowServer server;

  @BeforeEach
  void setUp(MlflowServer server) {
    this.fx = new StreamFixture(server.uri());
    this.server = server;
  }

  @AfterEach
  void tearDown() {
    fx.close();
  }

  /** A point as compared: run, key, value, timestamp (ms), step. */
  private static String point(Row r) {
    return r.getAs("run_id") + " " + r.getAs("key") + " " + r.getAs("value") + " "
        + ((java.time.Instant) r.getAs("timestamp")).toEpochMilli() + " " + r.getAs("step");
  }

  private static List<String> points(List<Row> rows) {
    List<String> out = new ArrayList<>();
    rows.forEach(r -> out.add(point(r)));
    out.sort(null);
    return out;
  }

  /** Every point MLflow's Python client finds now in the runs of the experiment. */
  private List<String> oracle(String experimentId) {
    String stdout = server.runPython(java.time.Duration.ofMinutes(2), "-c", ORACLE,
        experimentId);
    List<String> out = new ArrayList<>();
    for (String line : stdout.split("\n")) {
      if (!line.isBlank()) {
        String[] f = line.trim().split(" ");
        out.add(f[0] + " " + f[1] + " " + Double.parseDouble(f[2]) + " " + f[3] + " " + f[4]);
      }
    }
    out.sort(null);
    return out;
  }

  private static final String ORACLE = String.join("\n",
      "import sys",
      "from mlflow.tracking import MlflowClient",
      "c = MlflowClient()",
      "for r in c.search_runs([sys.argv[1]], run_view_type=3, max_results=1000):",
      "    for k in r.data.metrics:",
      "        for p in c.get_metric_history(r.info.run_id, k):",
      "            print(r.info.run_id, k, repr(p.value), p.timestamp, p.step)");

  private void log(String runId, String key, double value, long timestamp, long step) {
    fx.client.logBatch(new LogBatchRequest(runId,
        List.of(Metric.of(key, value, timestamp, step)), List.of(), List.of()));
  }

  @Test
  void everyPointLoggedWhileRunsRunAppearsOnceAcrossARestart() throws Exception {
    String e = fx.experiment("stream-points");
    var df = fx.stream(Map.of("where", "experiment_id = '" + e + "'", "lateness", LATENESS))
        .load("metrics");
    Trigger trigger = Trigger.ProcessingTime(500);
    StreamingQuery c1 = fx.toCollector(df, "points", "points-checkpoint", trigger);
    StreamingQuery p1 = fx.toParquet(df, "points-parquet", trigger);
    StreamFixture.await("the queries polled once", 60,
        () -> c1.lastProgress() != null && p1.lastProgress() != null);

    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread writer = new Thread(() -> {
      try {
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          runs.add(fx.client.createRun(e, "r" + i, System.currentTimeMillis(), Map.of()));
        }
        for (int step = 0; step < 25; step++) {
          for (Run r : runs) {
            String id = r.info().runId();
            long now = System.currentTimeMillis();
            log(id, "loss", 1.0 / (step + 1), now, step);
            if (step % 5 == 4) {
              // a second point of the same millisecond, and one stored out of order
              log(id, "loss", -1.0 * step, now, step + 1000);
              log(id, "acc", step, now - 300, step);
            }
          }
          StreamFixture.sleep(80);
        }
        for (Run r : runs) {
          // trailing points, then the end right away: no poll in between to see them
          log(r.info().runId(), "loss", 0.0, System.currentTimeMillis(), 99);
          fx.client.updateRun(r.info().runId(), "FINISHED", System.currentTimeMillis(), null);
        }
      } catch (Throwable t) {
        failure.set(t);
      }
    }, "point-writer");
    writer.start();

    StreamFixture.await("some points collected", 60, () -> fx.collected("points").size() > 20);
    c1.stop();
    p1.stop();
    StreamingQuery c2 = fx.toCollector(df, "points", "points-checkpoint", trigger);
    StreamingQuery p2 = fx.toParquet(df, "points-parquet", trigger);
    writer.join(60_000);
    assertEquals(null, failure.get());
    List<String> expected = oracle(e);
    assertEquals(3 * (25 + 5 * 2 + 1), expected.size());
    StreamFixture.await("every point collected", 60,
        () -> fx.collected("points").size() >= expected.size());
    StreamFixture.sleep(2_000); // a few more polls, in which nothing may come twice
    c2.processAllAvailable();
    p2.processAllAvailable();
    assertEquals(expected, points(fx.collected("points")), "each point once, across a restart");
    assertEquals(expected, points(fx.parquet("points-parquet")), "each point once in Parquet");
  }

  @Test
  void aRunEndingBetweenTwoPollsLosesNoTrailingPoints() throws Exception {
    String e = fx.experiment("stream-trailing");
    Run run = fx.client.createRun(e, "trailing", System.currentTimeMillis(), Map.of());
    String id = run.info().runId();
    // earliest: the points logged before the first poll are the run's too
    var df = fx.stream(Map.of("where", "experiment_id = '" + e + "'", "lateness", LATENESS,
        "startingOffsets", "earliest")).load("metrics");
    StreamingQuery q = fx.toCollector(df, "trailing", "trailing-checkpoint",
        Trigger.ProcessingTime(3_000));
    for (int step = 0; step < 5; step++) {
      log(id, "loss", step, System.currentTimeMillis(), step);
    }
    StreamFixture.await("the run followed", 60, () -> !fx.collected("trailing").isEmpty());
    for (int step = 5; step < 10; step++) {
      log(id, "loss", step, System.currentTimeMillis(), step);
    }
    fx.client.updateRun(id, "FINISHED", System.currentTimeMillis(), null);
    StreamFixture.await("the trailing points", 60, () -> fx.collected("trailing").size() >= 10);
    q.processAllAvailable();
    assertEquals(oracle(e), points(fx.collected("trailing")));
    assertProgressReportsTheStream(q, 10);
  }

  /**
   * Each micro-batch's progress names the driver's requests and the runs followed (one, then
   * none once it ended), its lag behind the clock, and the rows it read.
   */
  private static void assertProgressReportsTheStream(StreamingQuery q, long points) {
    long rows = 0;
    java.util.Set<String> followed = new java.util.TreeSet<>();
    for (var p : q.recentProgress()) {
      rows += p.numInputRows();
      Map<String, String> m = p.sources()[0].metrics();
      assertTrue(Long.parseLong(m.get("driverRequests")) > 0, m.toString());
      assertTrue(m.containsKey("lagMs") && m.containsKey("runsFinishing"), m.toString());
      followed.add(m.get("runsFollowed"));
    }
    assertEquals(points, rows, "rows over the micro-batches");
    assertTrue(followed.contains("1"), "runsFollowed over the micro-batches: " + followed);
  }

  @Test
  void keysAndRunsAreChosenByTheWhereOptions() {
    String e = fx.experiment("stream-where");
    long t = System.currentTimeMillis() - 60_000;
    List<String> expected = new ArrayList<>();
    for (String team : List.of("a", "b")) {
      Run r = fx.client.createRun(e, team, t, Map.of());
      String id = r.info().runId();
      fx.client.logBatch(new LogBatchRequest(id, List.of(Metric.of("loss", 0.5, t, 1),
          Metric.of("acc", 0.9, t, 1)), List.of(), List.of(new KeyValue("team", team))));
      fx.client.updateRun(id, "FINISHED", t + 1_000, null);
      if (team.equals("a")) {
        expected.add(id + " loss 0.5 " + t + " 1");
      }
    }
    StreamingQuery q = fx.toCollector(fx.stream(Map.of("startingOffsets", "earliest",
            "where", "experiment_id = '" + e + "' AND key IN ('loss')",
            "runsWhere", "tags['team'] = 'a'")).load("metrics"),
        "where", "where-checkpoint", Trigger.AvailableNow());
    StreamFixture.awaitEnd(q);
    assertEquals(expected, points(fx.collected("where")));
  }

  @Test
  void aProxyCuttingRequestsMidBatchChangesNothing() throws Exception {
    String e = fx.experiment("stream-faults");
    long t = System.currentTimeMillis() - 120_000;
    for (int i = 0; i < 4; i++) {
      Run r = fx.client.createRun(e, "f" + i, t, Map.of());
      List<Metric> points = new ArrayList<>();
      for (int step = 0; step < 40; step++) {
        points.add(Metric.of("loss", step * 0.5 + i, t + step, step));
        points.add(Metric.of("acc", step * 0.25, t + step, step));
      }
      fx.client.logBatch(new LogBatchRequest(r.info().runId(), points, List.of(), List.of()));
      if (i < 3) {
        fx.client.updateRun(r.info().runId(), "FINISHED", t + 1_000 + i, null); // one runs on
      }
    }
    List<String> expected = oracle(e);
    try (FaultProxy proxy = FaultProxy.start(fx.uri,
        FaultPlan.bursts(2, 3, Fault.TRANSIENT_WEIGHTED))) {
      proxy.slowMillis(2_300);
      StreamingQuery q = fx.toCollector(fx.spark.readStream().format("mlflow")
              .option("uri", proxy.uri()).option("maxRetries", "6").option("timeoutSeconds", "2")
              .option("startingOffsets", "earliest").option("lateness", LATENESS)
              .option("maxRunsPerTrigger", "2")
              .option("where", "experiment_id = '" + e + "'").load("metrics"),
          "faults", "faults-checkpoint", Trigger.AvailableNow());
      StreamFixture.awaitEnd(q);
      assertTrue(proxy.injectedTotal() > 0, "faults were injected: " + proxy.injected());
      assertFalse(expected.isEmpty());
      assertEquals(expected, points(fx.collected("faults")), "under " + proxy.injected());
    }
  }
}
