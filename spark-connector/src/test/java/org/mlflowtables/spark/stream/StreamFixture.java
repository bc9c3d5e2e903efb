package org.mlflowtables.spark.stream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamReader;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.Trigger;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.client.model.Run;
import org.mlflowtables.core.config.MlflowConfig;
import org.mlflowtables.spark.SparkTestSessions;

/**
 * What the streaming tests share: a client of the real server that makes experiments and runs,
 * streams started into memory and Parquet sinks with their own checkpoints, and waiting.
 */
final class StreamFixture implements AutoCloseable {
  final SparkSession spark = SparkTestSessions.plain();
  final MlflowClient client;
  final String uri;
  private final Path dir;
  private final List<StreamingQuery> queries = new ArrayList<>();

  StreamFixture(String uri) {
    this.uri = uri;
    this.client = MlflowClient.create(MlflowConfig.from(Map.of("uri", uri), Map.of()));
    try {
      this.dir = Files.createTempDirectory("mlflow-stream-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A new experiment of its own (named uniquely), for one test. */
  String experiment(String name) {
    return client.createExperiment(name + "-" + System.nanoTime(), null, Map.of());
  }

  /** A run started now that reaches {@code status} with that end time. */
  String finishedRun(String experimentId, String name, String status, long endTime) {
    Run r = client.createRun(experimentId, name, endTime - 1_000, Map.of());
    client.updateRun(r.info().runId(), status, endTime, null);
    return r.info().runId();
  }

  /** A reader of the stream of a table. */
  DataStreamReader stream(Map<String, String> options) {
    return spark.readStream().format("mlflow").option("uri", uri).options(options);
  }

  /** A directory for a checkpoint or a sink, under the fixture's own. */
  String path(String name) {
    return dir.resolve(name).toString();
  }

  /** Starts a query into the memory table {@code name}, checkpointed in {@code checkpoint}. */
  StreamingQuery toMemory(Dataset<Row> df, String name, String checkpoint, Trigger trigger) {
    try {
      StreamingQuery q = df.writeStream().format("memory").queryName(name)
          .option("checkpointLocation", path(checkpoint)).trigger(trigger).start();
      queries.add(q);
      return q;
    } catch (TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Starts a query into Parquet files under {@code name}. */
  StreamingQuery toParquet(Dataset<Row> df, String name, Trigger trigger) {
    try {
      StreamingQuery q = df.writeStream().format("parquet").option("path", path(name))
          .option("checkpointLocation", path(name + "-checkpoint")).trigger(trigger).start();
      queries.add(q);
      return q;
    } catch (TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Starts a query whose micro-batches are collected by batch id (a batch run again after a
   * restart replaces its first run, as an exactly-once sink keeps one version of each batch);
   * unlike the memory sink, it restarts from its checkpoint.
   */
  StreamingQuery toCollector(Dataset<Row> df, String name, String checkpoint, Trigger trigger) {
    java.util.SortedMap<Long, List<Row>> batches = COLLECTED.computeIfAbsent(name,
        k -> java.util.Collections.synchronizedSortedMap(new java.util.TreeMap<>()));
    try {
      StreamingQuery q = df.writeStream()
          .foreachBatch((VoidFunction2<Dataset<Row>, Long>) (batch, id) ->
              batches.put(id, batch.collectAsList()))
          .option("checkpointLocation", path(checkpoint)).trigger(trigger).start();
      queries.add(q);
      return q;
    } catch (TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The rows a collector has, over all its batches. */
  List<Row> collected(String name) {
    List<Row> rows = new ArrayList<>();
    java.util.SortedMap<Long, List<Row>> batches = COLLECTED.getOrDefault(name,
        new java.util.TreeMap<>());
    synchronized (batches) {
      batches.values().forEach(rows::addAll);
    }
    return rows;
  }

  private static final Map<String, java.util.SortedMap<Long, List<Row>>> COLLECTED =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** The rows of a memory sink. */
  List<Row> memory(String name) {
    return spark.sql("SELECT * FROM " + name).collectAsList();
  }

  /** The rows of a Parquet sink. */
  List<Row> parquet(String name) {
    return spark.read().parquet(path(name)).collectAsList();
  }

  /** Waits for a query started with {@code Trigger.AvailableNow} to stop. */
  static void awaitEnd(StreamingQuery q) {
    try {
      if (!q.awaitTermination(90_000)) {
        throw new AssertionError("the query did not stop: " + q.lastProgress());
      }
    } catch (StreamingQueryException e) {
      throw new AssertionError("the query failed", e);
    }
  }

  /** Waits until {@code done} holds, failing after {@code seconds}. */
  static void await(String what, int seconds, BooleanSupplier done) {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      sleep(200);
    }
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    for (StreamingQuery q : queries) {
      try {
        q.stop();
      } catch (TimeoutException e) {
        // stopping is best effort at the end of a test
      }
    }
    COLLECTED.clear();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory
    }
  }
}
