package org.mlflowtables.core.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.client.RetryPolicy;
import org.mlflowtables.core.config.MlflowConfig;
import org.mlflowtables.core.reliability.FaultProxy.FaultPlan;
import org.mlflowtables.core.write.LogBatchWriter;
import org.mlflowtables.core.write.MetricRow;
import org.mlflowtables.core.write.WriteResult;

/**
 * A 40 000-point back-fill through core's {@link LogBatchWriter}, de-duplication on, through
 * {@link FaultProxy} injecting every transient fault (including faults after the server stored a
 * log-batch, so that it is sent twice) and a simulated server restart; MLflow's Python client then
 * counts the points on the server: none lost, none doubled. A re-run sends nothing. (The
 * 100 000-point back-fill goes through Spark: {@code SparkFaultsIT}; here the timeout is 10 s
 * because a 1000-point log-batch takes 2 to 5 s on a loaded two-core machine with SQLite, and a
 * timeout shorter than that makes retried log-batches pile up on the server.) The class timeout
 * leaves room for a loaded machine: at load 19, 110 s ran out during the Python count.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class CoreBackfillUnderFaultsIT extends BackfillUnderFaultsITBase {
  static final List<String> KEYS = List.of("loss", "acc", "val/loss", "lr:sched", "f1 score");

  @BeforeAll
  static void setUp() {
    proxy.slowMillis(10_300);
  }

  static List<String> runs(String prefix, int n) {
    return scratchRuns(prefix, n);
  }

  /** Points run × key × step; values are quarters (exact in binary and in any printout). */
  static List<MetricRow> points(List<String> runs, int steps) {
    List<MetricRow> rows = new ArrayList<>(runs.size() * KEYS.size() * steps);
    for (int s = 0; s < steps; s++) {
      for (int k = 0; k < KEYS.size(); k++) {
        for (int r = 0; r < runs.size(); r++) {
          rows.add(MetricRow.of(runs.get(r), KEYS.get(k), (r * 100_000 + k * 10_000 + s) / 4.0,
              T0 + s * 1_000L + k, s));
        }
      }
    }
    return rows;
  }

  static MlflowClient faultyClient(int retries) {
    MlflowConfig c = MlflowConfig.from(Map.of("uri", proxy.uri(), "timeoutSeconds", "10",
        "maxInFlight", "4"), Map.of());
    return MlflowClient.create(c, new RetryPolicy(retries, Duration.ofMillis(20),
        Duration.ofMillis(1_500)));
  }

  static WriteResult write(MlflowClient client, List<MetricRow> rows) {
    try (LogBatchWriter w = LogBatchWriter.create(client)) {
      w.addAll(rows);
      w.flush();
      return w.result();
    }
  }

  /** Lost and doubled points, against what the Python client reads. */
  static long[] compare(List<String> runs, List<MetricRow> rows) {
    Map<String, Integer> actual = PythonPoints.read(server, runs, KEYS);
    Map<String, Integer> expected = new HashMap<>();
    for (MetricRow m : rows) {
      expected.merge(PythonPoints.line(m.runId(), m.key(), m.timestamp(), m.stepOrZero(),
          m.value()), 1, Integer::sum);
    }
    long lost = 0;
    for (Map.Entry<String, Integer> e : expected.entrySet()) {
      lost += Math.max(0, e.getValue() - actual.getOrDefault(e.getKey(), 0));
    }
    long extra = 0;
    for (Map.Entry<String, Integer> e : actual.entrySet()) {
      extra += Math.max(0, e.getValue() - expected.getOrDefault(e.getKey(), 0));
    }
    return new long[] {lost, extra, actual.values().stream().mapToLong(Integer::longValue).sum()};
  }

  @Test
  void fortyThousandPointsLandExactlyThroughFaultsAndARerunSendsNothing() {
    String test = "fortyThousandPointsLandExactlyThroughFaultsAndARerunSendsNothing";
    List<String> runs = runs("rel-backfill", 8);
    List<MetricRow> rows = points(runs, 1_000);
    int n = rows.size();
    assertEquals(40_000, n);

    proxy.resetCounters();
    proxy.plan(FaultPlan.bursts(2, 3, FaultProxy.Fault.TRANSIENT_WEIGHTED));
    long t0 = System.nanoTime();
    WriteResult first = write(faultyClient(8), rows);
    System.out.printf("back-fill: %s in %.1f s; proxy %s%n", first.summary(),
        (System.nanoTime() - t0) / 1e9, proxy);
    assertEquals(n, first.pointsWritten() + first.pointsSkipped(), first.summary());
    assertEquals(0, first.rowsDiscarded());
    assertTrue(proxy.injected().get(FaultProxy.Fault.RESET_MID_BODY) > 0
        && proxy.injected().get(FaultProxy.Fault.TRUNCATED_JSON) > 0,
        "log-batch requests were answered badly after the server acted: " + proxy.injected());
    Figures.addFaults(CoreBackfillUnderFaultsIT.class, test, proxy);
    long logBatchesFaulted = logBatches();

    long[] after = compare(runs, rows);
    assertEquals(0, after[0], "points lost");
    assertEquals(0, after[1], "points doubled or unexpected");
    assertEquals(n, after[2]);

    // The same back-fill again, through the same faults: de-duplication sends no point.
    proxy.resetCounters();
    WriteResult again = write(faultyClient(8), rows);
    System.out.printf("re-run: %s; proxy %s%n", again.summary(), proxy);
    assertEquals(0, again.pointsWritten(), again.summary());
    assertEquals(n, again.pointsSkipped());
    assertEquals(0L, logBatches());
    Figures.addFaults(CoreBackfillUnderFaultsIT.class, test, proxy);
    long[] rerun = compare(runs, rows);
    assertEquals(0, rerun[0], "points lost after the re-run");
    assertEquals(0, rerun[1], "points doubled by the re-run");

    Figures.add(CoreBackfillUnderFaultsIT.class, test, "pointsExpected", n);
    Figures.add(CoreBackfillUnderFaultsIT.class, test, "pointsLost", after[0] + rerun[0]);
    Figures.add(CoreBackfillUnderFaultsIT.class, test, "pointsDuplicated", after[1] + rerun[1]);
    Figures.add(CoreBackfillUnderFaultsIT.class, test, "logBatchRequestsSeen",
        logBatchesFaulted);
    Figures.add(CoreBackfillUnderFaultsIT.class, test, "rerunPointsSkipped",
        again.pointsSkipped());
  }

  @Test
  void aBackfillRidesOutAServerRestart() {
    String test = "aBackfillRidesOutAServerRestart";
    List<String> runs = runs("rel-restart", 4);
    List<MetricRow> rows = points(runs, 1_000); // 20 000 points, 20+ log-batch requests
    proxy.resetCounters();
    proxy.plan(FaultPlan.none());
    AtomicBoolean restarted = new AtomicBoolean();
    Thread watcher = new Thread(() -> {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline) {
        if (logBatches() >= 6) {
          // In-flight requests are cut, and the port refuses connections for 2.5 s.
          proxy.outage(Duration.ofMillis(2_500), false);
          restarted.set(true);
          return;
        }
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "restart-trigger");
    watcher.start();
    WriteResult result = write(faultyClient(14), rows);
    watcher.interrupt();
    assertTrue(restarted.get(), "the restart happened during the back-fill");
    System.out.printf("back-fill across a restart: %s; proxy %s%n", result.summary(), proxy);
    assertTrue(result.retries() > 0, "requests were retried: " + result.summary());
    long[] after = compare(runs, rows);
    assertEquals(0, after[0], "points lost");
    assertEquals(0, after[1], "points doubled");
    Figures.add(CoreBackfillUnderFaultsIT.class, test, "fault.SERVER_RESTART", 1);
    Figures.add(CoreBackfillUnderFaultsIT.class, test, "pointsExpected", rows.size());
    Figures.add(CoreBackfillUnderFaultsIT.class, test, "pointsLost", after[0]);
    Figures.add(CoreBackfillUnderFaultsIT.class, test, "pointsDuplicated", after[1]);
    Figures.add(CoreBackfillUnderFaultsIT.class, test, "clientRetries", result.retries());
  }
}
