package org.mlflowtables.spark.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.mlflowtables.core.client.model.Run;
import org.mlflowtables.core.testing.MlflowServer;
import org.mlflowtables.core.testing.MlflowServerExtension;
import org.mlflowtables.spark.Canon;

/**
 * {@code readStream.load("runs")} against the real server: each run once, when it finished, with
 * the runs table's row; across a restart from the checkpoint; as {@code startingOffsets} and the
 * lateness say.
 */
@ExtendWith(MlflowServerExtension.class)
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class RunsStreamIT {
  private StreamFixture fx;

  @BeforeEach
  void setUp(MlflowServer server) {
    fx = new StreamFixture(server.uri());
  }

  @AfterEach
  void tearDown() {
    fx.close();
  }

  private List<String> runIds(List<Row> rows) {
    List<String> ids = new ArrayList<>();
    rows.forEach(r -> ids.add(r.getString(r.fieldIndex("run_id"))));
    ids.sort(null);
    return ids;
  }

  /** The runs in the Parquet sink {@code name} after an AvailableNow run of its query. */
  private List<String> availableNow(String experiment, Map<String, String> options, String name) {
    Map<String, String> o = new java.util.HashMap<>(options);
    o.put("where", "experiment_id = '" + experiment + "'");
    StreamingQuery q = fx.toParquet(fx.stream(o).load("runs"), name, Trigger.AvailableNow());
    StreamFixture.awaitEnd(q);
    return runIds(fx.parquet(name));
  }

  @Test
  void runsFinishedBeforeTheFirstStartAppearAsStartingOffsetsSays() {
    String e = fx.experiment("stream-start");
    long t = System.currentTimeMillis();
    String a = fx.finishedRun(e, "a", "FINISHED", t - 3_000);
    String b = fx.finishedRun(e, "b", "FAILED", t - 2_000);
    String c = fx.finishedRun(e, "c", "KILLED", t - 1_000);
    fx.client.createRun(e, "still-running", t, Map.of());

    assertEquals(sorted(a, b, c), availableNow(e, Map.of("startingOffsets", "earliest"), "s1"));
    assertEquals(sorted(b, c),
        availableNow(e, Map.of("startingOffsets", Long.toString(t - 2_000)), "s2"));
    assertEquals(List.of(), availableNow(e, Map.of(), "s3")); // latest, the default
    String d = fx.finishedRun(e, "d", "FINISHED", System.currentTimeMillis());
    assertEquals(List.of(d), availableNow(e, Map.of(), "s3"), "what finished since the start");
  }

  @Test
  void aRunEndingLateWithinTheLatenessIsEmittedOnceAndOneBeyondItNever() {
    String e = fx.experiment("stream-late");
    long t = System.currentTimeMillis() - 120_000;
    String first = fx.finishedRun(e, "first", "FINISHED", t);
    Map<String, String> options = Map.of("startingOffsets", "earliest", "lateness", "10s");
    assertEquals(List.of(first), availableNow(e, options, "late"));

    String late = fx.finishedRun(e, "late", "FINISHED", t - 5_000);
    fx.finishedRun(e, "too-late", "FINISHED", t - 60_000);
    String next = fx.finishedRun(e, "next", "FINISHED", t + 1_000);
    // the same checkpoint and sink: the second run of the export adds what is new since the
    // first, the late run included, the run later than the lateness never
    assertEquals(sorted(first, late, next), availableNow(e, options, "late"));
  }

  @Test
  void everyRunFinishedWhileTheStreamRunsAppearsOnceInEachSinkAcrossARestart() {
    String e = fx.experiment("stream-live");
    var df = fx.stream(Map.of("where", "experiment_id = '" + e + "'")).load("runs");
    Trigger trigger = Trigger.ProcessingTime(400);
    // The memory sink cannot restart from a checkpoint (append mode): it runs throughout; the
    // Parquet sink and a per-batch collector are stopped and restarted from their checkpoints.
    StreamingQuery memory = fx.toMemory(df, "live", "live-memory-checkpoint", trigger);
    StreamingQuery p1 = fx.toParquet(df, "live-parquet", trigger);
    StreamingQuery c1 = fx.toCollector(df, "live", "live-collector-checkpoint", trigger);
    StreamFixture.await("the queries polled once", 60, () -> memory.lastProgress() != null
        && p1.lastProgress() != null && c1.lastProgress() != null);

    List<String> finished = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread writer = new Thread(() -> {
      try {
        String[] statuses = {"FINISHED", "FAILED", "KILLED"};
        fx.client.createRun(e, "left-running", System.currentTimeMillis(), Map.of());
        for (int i = 0; i < 16; i++) {
          Run r = fx.client.createRun(e, "run-" + i, System.currentTimeMillis(), Map.of());
          fx.client.setTag(r.info().runId(), "final", "yes");
          fx.client.updateRun(r.info().runId(), statuses[i % 3], System.currentTimeMillis(),
              null);
          finished.add(r.info().runId());
          StreamFixture.sleep(150);
        }
      } catch (Throwable t) {
        failure.set(t);
      }
    }, "run-writer");
    writer.start();

    StreamFixture.await("some runs collected", 60, () -> fx.collected("live").size() >= 4);
    stop(p1);
    stop(c1);
    StreamingQuery p2 = fx.toParquet(df, "live-parquet", trigger);
    StreamingQuery c2 = fx.toCollector(df, "live", "live-collector-checkpoint", trigger);
    join(writer);
    assertEquals(null, failure.get());
    StreamFixture.await("every run in the sinks", 60, () -> fx.memory("live").size() >= 16
        && fx.collected("live").size() >= 16);
    memory.processAllAvailable();
    p2.processAllAvailable();
    c2.processAllAvailable();

    List<String> expected = new ArrayList<>(finished);
    expected.sort(null);
    assertEquals(expected, runIds(fx.memory("live")), "each finished run once in memory");
    assertEquals(expected, runIds(fx.collected("live")), "each once across the restart");
    assertEquals(expected, runIds(fx.parquet("live-parquet")), "each once in Parquet");
    for (Row r : fx.memory("live")) {
      // the row is the run as it finished: its final status and tags
      assertTrue(List.of("FINISHED", "FAILED", "KILLED").contains(r.getAs("status")),
          Canon.row(r.getAs("run_id"), r.getAs("status")));
      Map<String, String> tags = r.getJavaMap(r.fieldIndex("tags"));
      assertEquals("yes", tags.get("final"));
    }
  }

  @Test
  void theParamsOfEachFinishedRunStreamAsTheBatchReadsThem() {
    String e = fx.experiment("stream-params");
    long t = System.currentTimeMillis();
    for (int i = 0; i < 3; i++) {
      String id = fx.finishedRun(e, "p" + i, "FINISHED", t - 1_000 + i);
      fx.client.logBatch(new org.mlflowtables.core.client.model.LogBatchRequest(id, List.of(),
          List.of(new org.mlflowtables.core.client.model.KeyValue("lr", "0." + i)), List.of()));
    }
    StreamingQuery q = fx.toMemory(fx.stream(Map.of("startingOffsets", "earliest",
        "where", "experiment_id = '" + e + "' AND key = 'lr'")).load("params"), "params",
        "params-checkpoint", Trigger.AvailableNow());
    StreamFixture.awaitEnd(q);
    var batch = fx.spark.read().format("mlflow").option("uri", fx.uri).load("params")
        .where("experiment_id = '" + e + "'");
    assertEquals(3, fx.memory("params").size());
    assertEquals(Canon.rows(batch), Canon.rows(fx.spark.sql("SELECT * FROM params")));
  }

  private static List<String> sorted(String... ids) {
    List<String> l = new ArrayList<>(List.of(ids));
    l.sort(null);
    return l;
  }

  private static void stop(StreamingQuery q) {
    try {
      q.stop();
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void join(Thread t) {
    try {
      t.join(60_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
