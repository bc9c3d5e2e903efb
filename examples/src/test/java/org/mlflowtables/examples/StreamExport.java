package org.mlflowtables.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.sql.Row;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.client.model.LogBatchRequest;
import org.mlflowtables.core.client.model.Metric;
import org.mlflowtables.core.testing.MlflowServer;

/**
 * What the tests of the two stream-to-Parquet examples (Java and PySpark) share: an experiment of
 * their own with finished runs and a running one, what changes between two runs of the export, and
 * what the Parquet output must then hold (each finished run once, every point once).
 */
final class StreamExport {
  private static final long T0 = 1_714_000_000_000L;

  final String prefix = "export-" + UUID.randomUUID().toString().substring(0, 8);
  private final MlflowServer server;
  private final MlflowClient client;
  private final String experimentId;
  private final List<String> finished = new ArrayList<>();
  private final List<String> all = new ArrayList<>();
  private String running;

  StreamExport(MlflowServer server) {
    this.server = server;
    this.client = ExampleTesting.client(server);
    this.experimentId = client.createExperiment(prefix + "-exp", null, Map.of());
  }

  /** Before the first export: two finished runs and a running one, each with points. */
  void seedFirst() {
    for (int i = 0; i < 2; i++) {
      finished.add(run("done-" + i, T0 + i * 10_000, true));
    }
    running = run("running", T0 + 30_000, false);
  }

  /** Between the exports: the running run logs more and finishes; a new run finishes. */
  void seedSecond() {
    log(running, T0 + 40_000, 3, 6);
    client.updateRun(running, "FINISHED", T0 + 50_000, null);
    finished.add(running);
    finished.add(run("done-later", T0 + 60_000, true));
  }

  private String run(String name, long t, boolean finish) {
    String id = client.createRun(experimentId, name, t, Map.of()).info().runId();
    all.add(id);
    log(id, t, 0, 3);
    if (finish) {
      client.updateRun(id, "FINISHED", t + 5_000, null);
    }
    return id;
  }

  private void log(String runId, long t, int fromStep, int toStep) {
    List<Metric> points = new ArrayList<>();
    for (int s = fromStep; s < toStep; s++) {
      points.add(Metric.of("loss", 1.0 / (s + 1), t + s, s));
    }
    client.logBatch(new LogBatchRequest(runId, points, List.of(), List.of()));
  }

  /** Asserts the export under {@code out}: each finished run once, each point once. */
  void assertExported(Path out) {
    var spark = ExampleTesting.spark();
    List<String> runs = new ArrayList<>();
    for (Row r : spark.read().parquet(out.resolve("runs").toString()).collectAsList()) {
      runs.add(r.getString(r.fieldIndex("run_id")) + " " + r.getString(r.fieldIndex("status")));
    }
    List<String> expectedRuns = new ArrayList<>();
    finished.forEach(id -> expectedRuns.add(id + " FINISHED"));
    assertEquals(sorted(expectedRuns), sorted(runs), "each finished run once");

    List<String> points = new ArrayList<>();
    for (Row r : spark.read().parquet(out.resolve("metrics").toString()).collectAsList()) {
      Object timestamp = r.get(r.fieldIndex("timestamp"));
      points.add(List.<Object>of(r.getString(r.fieldIndex("run_id")),
          r.getDouble(r.fieldIndex("value")), millis(timestamp),
          r.getLong(r.fieldIndex("step"))).toString());
    }
    List<String> expectedPoints = new ArrayList<>();
    ExampleTesting.points(server, all, "loss").forEach(p -> expectedPoints.add(p.toString()));
    assertEquals(sorted(expectedPoints), sorted(points), "each point once");
  }

  private static long millis(Object timestamp) {
    return timestamp instanceof java.time.Instant i ? i.toEpochMilli()
        : ((java.sql.Timestamp) timestamp).getTime();
  }

  private static List<String> sorted(List<String> l) {
    List<String> s = new ArrayList<>(l);
    s.sort(null);
    return s;
  }
}
