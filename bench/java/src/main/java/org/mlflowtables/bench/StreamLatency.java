package org.mlflowtables.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.apache.spark.sql.streaming.Trigger;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.client.model.LogBatchRequest;
import org.mlflowtables.core.client.model.Metric;

/**
 * Issue 19's latency benchmark: a {@code readStream.load("metrics")} query with a 2 s trigger
 * follows N running runs while a writer logs one point a {@code BENCH_STREAM_EVERY_MS} to one run
 * after another; each point's latency is the time from its log-batch's answer to its appearance
 * in a {@code foreachBatch} sink (same JVM, same clock). Requests per micro-batch are the server's
 * (its access log, all of the query's requests, driver and executors) less the writer's
 * log-batches, over the micro-batches of the measured window.
 *
 * <pre>
 * java -cp ... org.mlflowtables.bench.Bench stream URI SERVER_DIR RUNS[,RUNS...] SECONDS
 * </pre>
 */
final class StreamLatency {
  /** Arrival times of the points in the sink, by {@code run_id/step}. */
  private static final Map<String, Long> ARRIVED = new ConcurrentHashMap<>();

  private StreamLatency() {}

  static void run(String uri, Path dir, String runCounts, int seconds) throws Exception {
    Probe probe = new Probe(dir);
    MlflowClient client = MlflowClient.create(Bench.config(uri, Map.of()));
    long every = Long.getLong("bench.stream.everyMs", 200);
    String trigger = System.getProperty("bench.stream.trigger", "2 seconds");
    String lateness = System.getProperty("bench.stream.lateness", "");
    SparkCases.warm();
    for (String n : runCounts.split(",")) {
      one(client, uri, probe, Integer.parseInt(n), seconds, every, trigger, lateness);
    }
  }

  private static void one(MlflowClient client, String uri, Probe probe, int runs, int seconds,
      long every, String trigger, String lateness) throws Exception {
    String experiment = client.createExperiment("stream-bench-" + runs + "-"
        + System.currentTimeMillis(), null, Map.of());
    List<String> ids = createRuns(client, experiment, runs);
    ARRIVED.clear();
    var reader = SparkCases.spark().readStream().format("mlflow").option("uri", uri)
        .option("where", "experiment_id = '" + experiment + "'");
    if (!lateness.isEmpty()) {
      reader = reader.option("lateness", lateness);
    }
    StreamingQuery q = reader.load("metrics").writeStream()
        .foreachBatch((VoidFunction2<Dataset<Row>, Long>) (batch, id) -> arrive(batch))
        .trigger(Trigger.ProcessingTime(trigger)).start();
    // the first micro-batch (following every run) is start-up, not the steady state measured
    while (q.recentProgress().length < 2) {
      Thread.sleep(100);
    }
    long firstBatch = q.lastProgress().batchId();
    Probe.Snap before = probe.snap();
    Map<String, Long> sent = new ConcurrentHashMap<>();
    long end = System.currentTimeMillis() + seconds * 1_000L;
    int i = 0;
    while (System.currentTimeMillis() < end) {
      String run = ids.get(i % ids.size());
      long t = System.currentTimeMillis();
      client.logBatch(new LogBatchRequest(run, List.of(Metric.of("loss", i, t, i)), List.of(),
          List.of()));
      sent.put(run + "/" + i, System.currentTimeMillis());
      i++;
      Thread.sleep(Math.max(0, t + every - System.currentTimeMillis()));
    }
    long wait = System.currentTimeMillis() + 60_000;
    while (!ARRIVED.keySet().containsAll(sent.keySet()) && System.currentTimeMillis() < wait) {
      Thread.sleep(100);
    }
    long lastBatch = q.lastProgress().batchId();
    Probe.Delta d = before.to(probe.snap());
    long driverRequests = 0;
    for (StreamingQueryProgress p : q.recentProgress()) {
      if (p.batchId() > firstBatch && p.sources().length > 0) {
        driverRequests += Long.parseLong(p.sources()[0].metrics().getOrDefault(
            "driverRequests", "0"));
      }
    }
    q.stop();
    List<Long> latencies = new ArrayList<>();
    sent.forEach((k, at) -> {
      Long arrived = ARRIVED.get(k);
      if (arrived != null) {
        latencies.add(arrived - at);
      }
    });
    Collections.sort(latencies);
    long batches = Math.max(1, lastBatch - firstBatch);
    new Result("stream", "spark-metrics").put("followed_runs", runs).put("trigger", trigger)
        .put("points", sent.size()).put("points_seen", latencies.size())
        .put("median_latency_ms", percentile(latencies, 50))
        .put("p90_latency_ms", percentile(latencies, 90)).put("micro_batches", batches)
        .put("requests_per_batch", Result.round((double) (d.requests() - sent.size()) / batches))
        .put("driver_requests_per_batch", Result.round((double) driverRequests / batches))
        .probe(d).emit();
    for (String id : ids) {
      client.updateRun(id, "FINISHED", System.currentTimeMillis(), null);
    }
  }

  private static void arrive(Dataset<Row> batch) {
    long now = System.currentTimeMillis();
    for (Row r : batch.select("run_id", "step").collectAsList()) {
      ARRIVED.putIfAbsent(r.getString(0) + "/" + r.getLong(1), now);
    }
  }

  private static List<String> createRuns(MlflowClient client, String experiment, int runs)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> futures = new ArrayList<>();
      for (int r = 0; r < runs; r++) {
        String name = "r" + r;
        futures.add(pool.submit(() -> client.createRun(experiment, name,
            System.currentTimeMillis(), Map.of()).info().runId()));
      }
      List<String> ids = new ArrayList<>();
      for (Future<String> f : futures) {
        ids.add(f.get());
      }
      return ids;
    } finally {
      pool.shutdown();
      pool.awaitTermination(1, TimeUnit.MINUTES);
    }
  }

  private static long percentile(List<Long> sorted, int p) {
    if (sorted.isEmpty()) {
      return -1;
    }
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }
}
