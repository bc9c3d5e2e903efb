package org.mlflowtables.spark;

import static org.mlflowtables.core.testing.Throwables.messages;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.config.MlflowConfig;
import org.mlflowtables.core.reliability.FaultProxy;
import org.mlflowtables.core.reliability.FaultProxy.Fault;
import org.mlflowtables.core.testing.MlflowServer;
import org.mlflowtables.core.testing.MlflowServerExtension;
import org.mlflowtables.spark.write.MlflowWriteMetrics;

/**
 * Appends through log-batch: a large back-fill lands exactly, re-running it and retrying failed
 * tasks add nothing, bad input fails before anything is sent. Each test writes to runs of its own
 * experiment.
 */
@ExtendWith(MlflowServerExtension.class)
class WriteIT {
  private static final long T0 = 1_700_000_000_000L;

  private static SparkSession spark;
  private static MlflowServer server;
  private static MlflowClient client;

  @BeforeAll
  static void setUp(MlflowServer s) {
    spark = SparkTestSessions.plain();
    server = s;
    client = MlflowClient.create(MlflowConfig.from(Map.of("uri", server.uri())));
  }

  /** A new experiment with {@code n} runs; returns the run ids. */
  private static List<String> runs(String prefix, int n) {
    String experiment = client.createExperiment(prefix + "-" + UUID.randomUUID(), null, Map.of());
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(client.createRun(experiment, prefix + "-run-" + i, T0, Map.of()).info().runId());
    }
    return ids;
  }

  private static String inList(List<String> ids) {
    return ids.stream().map(id -> "'" + id + "'").collect(Collectors.joining(", ", "(", ")"));
  }

  /**
   * {@code points} metric points spread over the runs: point {@code id} goes to run {@code id % n},
   * alternately to keys loss and acc, each (run, key) with its own steps and every point with its
   * own timestamp.
   */
  private static Dataset<Row> points(List<String> runIds, long points, int partitions) {
    int n = runIds.size();
    return spark.range(0, points, 1, partitions)
        .selectExpr("id", "CAST(id % " + n + " AS INT) AS run_index")
        .join(functions.broadcast(spark.createDataFrame(indexRows(runIds), indexSchema())),
            "run_index")
        .selectExpr(
            "run_id",
            "IF((id DIV " + n + ") % 2 = 0, 'loss', 'acc') AS key",
            "CAST(id AS DOUBLE) / 1000 AS value",
            "TIMESTAMP_MILLIS(" + T0 + " + id) AS timestamp",
            "id DIV " + (2L * n) + " AS step");
  }

  private static Dataset<Row> readBack(List<String> runIds) {
    return spark.read().format("mlflow").option("uri", server.uri()).load("metrics")
        .where("run_id IN " + inList(runIds))
        .select("run_id", "key", "value", "timestamp", "step");
  }

  private static void append(Dataset<Row> df, String table) {
    df.write().format("mlflow").option("uri", server.uri()).mode("append").save(table);
  }

  private static void assertSameRows(Dataset<Row> expected, Dataset<Row> actual) {
    assertEquals(0, expected.exceptAll(actual).count(), "rows missing from MLflow");
    assertEquals(0, actual.exceptAll(expected).count(), "rows MLflow has in excess");
  }


  @Test
  void backfillLandsExactlyAndReRunningAddsNothing() {
    List<String> runIds = runs("backfill", 50);
    Dataset<Row> input = points(runIds, 200_000, 4).cache();
    long logBatches = logBatchRequests();
    timed("back-fill of 200 000 points", () -> append(input, "metrics"));
    assertTrue(logBatchRequests() - logBatches >= 200, "1000 points per log-batch at most");
    Dataset<Row> back = readBack(runIds).cache();
    timed("read back", () -> assertEquals(200_000, back.count()));
    assertSameRows(input, back);
    back.unpersist();

    // re-running adds nothing: every point is already there, so no log-batch is sent at all
    logBatches = logBatchRequests();
    timed("re-run", () -> append(input, "metrics"));
    assertEquals(0, logBatchRequests() - logBatches, "a re-run sends no log-batch");
    input.unpersist();
  }

  /** log-batch requests the server has logged so far. */
  private static long logBatchRequests() {
    try (var lines = java.nio.file.Files.lines(server.logFile())) {
      return lines.filter(l -> l.contains("/runs/log-batch ")).count();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void timed(String what, Runnable r) {
    long t0 = System.nanoTime();
    r.run();
    System.out.printf("WriteIT: %s took %.1f s%n", what, (System.nanoTime() - t0) / 1e9);
  }

  @Test
  void aTaskRetriedAfterAFailureWritesEachPointOnce() throws Exception {
    List<String> runIds = runs("retry", 20);
    Dataset<Row> input = points(runIds, 20_000, 4);
    // The sixth log-batch is refused once (a fault: no server refuses one request of many), 3 s
    // late: its task fails after others of its requests were stored (refused at once, it could
    // fail before any of them had landed, and its retry had nothing to meet: one CI run in many),
    // and Spark runs it again.
    AtomicInteger logBatches = new AtomicInteger();
    try (FaultProxy proxy = FaultProxy.start(server.uri(), r -> {
      if (r.path().endsWith("/log-batch") && logBatches.incrementAndGet() == 6) {
        try {
          Thread.sleep(3_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return Fault.HTTP_403;
      }
      return Fault.NONE;
    })) {
      input.createOrReplaceTempView("retry_input");
      useCatalog("mlflow_retry", proxy.uri());
      Dataset<Row> insert = spark.sql("INSERT INTO mlflow_retry.metrics SELECT * FROM retry_input");
      assertEquals(1, proxy.injected().get(Fault.HTTP_403));
      Dataset<Row> back = readBack(runIds);
      assertEquals(20_000, back.count());
      assertEquals(20_000, back.dropDuplicates().count());
      // the attempt that succeeded met the points its failed first attempt had sent
      org.apache.spark.sql.execution.SparkPlan write = writeNode(insert);
      long written = write.metrics().apply(MlflowWriteMetrics.POINTS_WRITTEN).value();
      long skipped = write.metrics().apply(MlflowWriteMetrics.POINTS_SKIPPED).value();
      if (!METRICS_COUNT_THE_LAST_BATCH) {
        assertTrue(written + skipped <= 20_000, written + " + " + skipped);
        return;
      }
      assertEquals(20_000, written + skipped);
      assertTrue(skipped > 0, "no retry met a point of its failed attempt");
    }
  }

  /**
   * Whether a write node's metrics count each task's last batch: on Spark 4, which hands a task
   * its rows with DataWriter.writeAll (after which the connector sends the last batch), not on
   * Spark 3.5, which reads the metrics while the last batch is buffered (docs/writes.md).
   */
  private static final boolean METRICS_COUNT_THE_LAST_BATCH = java.util.Arrays.stream(
      org.apache.spark.sql.connector.write.DataWriter.class.getMethods())
      .anyMatch(m -> m.getName().equals("writeAll"));

  @Test
  void aBackfillPartitionedAcrossRunsIsLaidOutByRunAndLandsExactly() {
    List<String> runIds = runs("layout", 10);
    // 10 runs x 2 keys x 1000 steps, dealt round-robin: every input partition holds every run
    Dataset<Row> input = points(runIds, 20_000, 1).repartition(4).cache();
    input.createOrReplaceTempView("layout_input");
    useCatalog("mlflow", server.uri());
    long mark = logLines();
    Dataset<Row> insert = spark.sql("INSERT INTO mlflow.metrics SELECT * FROM layout_input");
    List<String> first = logSince(mark, runIds);
    String plan = writeNode(insert).toString().replaceAll("#\\d+L?", "");
    assertTrue(plan.contains("Exchange hashpartitioning(run_id, "), plan);
    assertTrue(plan.contains("Sort [run_id ASC NULLS FIRST, key ASC NULLS FIRST, step ASC NULLS"
        + " FIRST, timestamp ASC NULLS FIRST], false"), plan);
    assertSameRows(input, readBack(runIds));
    // each run in one task: one get-run a run, whole requests of 1000 points, no history to read
    assertEquals(10, count(first, "/runs/get?"), String.join("\n", first));
    assertEquals(20, count(first, "/runs/log-batch"), "full requests only");
    assertEquals(List.of(), historyReads(first));

    mark = logLines();
    spark.sql("INSERT INTO mlflow.metrics SELECT * FROM layout_input");
    List<String> again = logSince(mark, runIds);
    assertEquals(0, count(again, "/runs/log-batch"), "a re-run sends nothing");
    List<String> reads = historyReads(again);
    assertEquals(20, reads.size(), "one history read per (run, key): " + reads);
    assertEquals(20, new java.util.HashSet<>(reads).size(), "none read twice: " + reads);
    input.unpersist();
  }

  @Test
  void aFailedAppendReportsWhatStaysOnTheServerAndDoesNotFailToAbort() throws Exception {
    List<String> runIds = runs("refused", 2);
    Dataset<Row> input = points(runIds, 4_000, 2);
    try (FaultProxy proxy = FaultProxy.start(server.uri(), r ->
        r.path().endsWith("/log-batch") ? Fault.HTTP_403 : Fault.NONE);
        LogCapture log = LogCapture.open()) {
      Exception e = assertThrows(Exception.class, () -> input.write().format("mlflow")
          .option("uri", proxy.uri()).mode("append").save("metrics"));
      assertTrue(messages(e).contains("HTTP 403"), messages(e));
      for (Throwable t = e; t != null; t = t.getCause()) {
        assertEquals(0, t.getSuppressed().length, "abort threw: " + messages(e));
      }
      assertTrue(log.lines().stream().noneMatch(l -> l.contains("failed to abort")),
          String.join("\n", log.lines()));
      // Tasks given no run (clustering by run may leave some empty) commit with nothing written.
      assertTrue(log.lines().stream().anyMatch(l -> l.contains("Append to MLflow table metrics"
          + " failed. MLflow cannot take back what was written: ") && l.contains(
          " tasks committed, 0 metric points (0 skipped as duplicates), 0 params, 0 tags in 0"
          + " requests")), String.join("\n", log.lines()));
    }
    assertEquals(0, readBack(runIds).count());
  }

  /** Lines in the server's access log so far. */
  private static long logLines() {
    try (var lines = java.nio.file.Files.lines(server.logFile())) {
      return lines.count();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The access-log lines after {@code mark} that name one of the runs. */
  private static List<String> logSince(long mark, List<String> runIds) {
    try (var lines = java.nio.file.Files.lines(server.logFile())) {
      return lines.skip(mark).filter(l -> l.contains("/log-batch")
          || runIds.stream().anyMatch(l::contains)).toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static long count(List<String> lines, String path) {
    return lines.stream().filter(l -> l.contains(path)).count();
  }

  /** "run/key" for each run named in each get-history(-bulk) request. */
  private static List<String> historyReads(List<String> lines) {
    List<String> reads = new ArrayList<>();
    for (String l : lines) {
      if (!l.contains("/metrics/get-history")) {
        continue;
      }
      String query = l.substring(l.indexOf('?') + 1, l.indexOf(" HTTP/"));
      String key = null;
      java.util.Set<String> ids = new java.util.LinkedHashSet<>();
      for (String kv : query.split("&")) {
        String[] p = kv.split("=", 2);
        if (p[0].equals("metric_key")) {
          key = java.net.URLDecoder.decode(p[1], java.nio.charset.StandardCharsets.UTF_8);
        } else if (p[0].equals("run_id")) {
          ids.add(p[1]);
        }
      }
      for (String id : ids) {
        reads.add(id + "/" + key);
      }
    }
    return reads;
  }

  /** A catalog of that name on that URI (Spark keeps a catalog once made: one name a URI). */
  private static void useCatalog(String name, String uri) {
    spark.conf().set("spark.sql.catalog." + name, MlflowCatalog.class.getName());
    spark.conf().set("spark.sql.catalog." + name + ".uri", uri);
  }

  /** The physical write node of an INSERT run through spark.sql. */
  private static org.apache.spark.sql.execution.SparkPlan writeNode(Dataset<Row> insert) {
    return ((org.apache.spark.sql.execution.CommandResultExec) insert.queryExecution()
        .executedPlan()).commandPhysicalPlan();
  }

  private static List<Row> indexRows(List<String> runIds) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < runIds.size(); i++) {
      rows.add(org.apache.spark.sql.RowFactory.create(i, runIds.get(i)));
    }
    return rows;
  }

  private static org.apache.spark.sql.types.StructType indexSchema() {
    return DataTypes.createStructType(List.of(
        DataTypes.createStructField("run_index", DataTypes.IntegerType, false),
        DataTypes.createStructField("run_id", DataTypes.StringType, false)));
  }

  @Test
  void epochMillisecondTimestampsAndDefaultStep() {
    List<String> runIds = runs("epoch", 1);
    Dataset<Row> input = spark.range(0, 10).selectExpr("'" + runIds.get(0) + "' AS run_id",
        "'m' AS key", "id * 1.5 AS value", "" + T0 + " + id AS timestamp");
    append(input, "metrics");
    List<Row> back = readBack(runIds).orderBy("timestamp").collectAsList();
    assertEquals(10, back.size());
    assertEquals(0L, back.get(3).getLong(4));
    assertEquals(T0 + 3, ((java.time.Instant) back.get(3).get(3)).toEpochMilli());
    assertEquals(4.5, back.get(3).getDouble(2));
  }

  @Test
  void wrongColumnFailsBeforeAnythingIsSent() {
    List<String> runIds = runs("wrong", 1);
    Dataset<Row> input = spark.range(0, 10).selectExpr("'" + runIds.get(0) + "' AS run_id",
        "'m' AS key", "id AS vlaue", "TIMESTAMP_MILLIS(" + T0 + " + id) AS timestamp");
    long before = server.requestCount();
    Exception e = assertThrows(Exception.class, () -> append(input, "metrics"));
    assertTrue(messages(e).contains("unknown column 'vlaue'"), messages(e));
    assertTrue(messages(e).contains("missing column 'value'"), messages(e));
    assertEquals(before, server.requestCount(), "nothing may be sent");
  }

  @Test
  void mistypedColumnFailsBeforeAnythingIsSent() {
    List<String> runIds = runs("mistyped", 1);
    Dataset<Row> input = spark.range(0, 10).selectExpr("'" + runIds.get(0) + "' AS run_id",
        "'m' AS key", "CAST(id AS STRING) AS value", "TIMESTAMP_MILLIS(" + T0 + ") AS timestamp");
    long before = server.requestCount();
    Exception e = assertThrows(Exception.class, () -> append(input, "metrics"));
    assertTrue(messages(e).contains("column 'value' is STRING but must be a number"),
        messages(e));
    assertEquals(before, server.requestCount(), "nothing may be sent");
  }

  @Test
  void overwriteIsRefusedWithTheReason() {
    List<String> runIds = runs("overwrite", 1);
    Dataset<Row> input = spark.range(0, 1).selectExpr("'" + runIds.get(0) + "' AS run_id",
        "'m' AS key", "1.0 AS value", "TIMESTAMP_MILLIS(" + T0 + ") AS timestamp");
    Exception e = assertThrows(Exception.class, () -> input.write().format("mlflow")
        .option("uri", server.uri()).mode("overwrite").save("metrics"));
    assertTrue(messages(e).contains("MLflow cannot delete metric points"), messages(e));
  }

  @Test
  void paramsAndTagsAreAppended() {
    List<String> runIds = runs("entries", 2);
    Dataset<Row> params = spark.createDataFrame(List.of(
        org.apache.spark.sql.RowFactory.create(runIds.get(0), "lr", "0.01"),
        org.apache.spark.sql.RowFactory.create(runIds.get(1), "lr", "0.1")), entrySchema());
    append(params, "params");
    append(params.selectExpr("run_id", "'stage' AS key", "value"), "tags");
    Dataset<Row> readParams = spark.read().format("mlflow").option("uri", server.uri())
        .load("params").where("run_id IN " + inList(runIds)).select("run_id", "key", "value");
    assertSameRows(params, readParams);
    Dataset<Row> readTags = spark.read().format("mlflow").option("uri", server.uri()).load("tags")
        .where("run_id IN " + inList(runIds) + " AND key = 'stage'")
        .select("run_id", "key", "value");
    assertSameRows(params.selectExpr("run_id", "'stage' AS key", "value"), readTags);
  }

  @Test
  void changingAParamNamesTheRunAndKey() {
    List<String> runIds = runs("conflict", 1);
    append(spark.createDataFrame(List.of(
        org.apache.spark.sql.RowFactory.create(runIds.get(0), "lr", "0.01")), entrySchema()),
        "params");
    Exception e = assertThrows(Exception.class, () -> append(spark.createDataFrame(List.of(
        org.apache.spark.sql.RowFactory.create(runIds.get(0), "lr", "0.02")), entrySchema()),
        "params"));
    assertTrue(messages(e).contains(runIds.get(0)) && messages(e).contains("lr"), messages(e));
  }

  @Test
  void insertIntoTheCatalogTable() {
    List<String> runIds = runs("insert", 1);
    useCatalog("mlflow", server.uri());
    Dataset<Row> insert = spark.sql("INSERT INTO mlflow.metrics (run_id, key, value, timestamp, "
        + "step) SELECT '" + runIds.get(0) + "', 'sql_metric', id * 2.0, TIMESTAMP_MILLIS(" + T0
        + " + id), id FROM range(5)");
    assertEquals(5, readBack(runIds).where("key = 'sql_metric'").count());
    // the write node reports what reached MLflow as custom metrics
    org.apache.spark.sql.execution.SparkPlan write = writeNode(insert);
    // (Spark 3.5: the one batch is the last, sent after Spark read the metrics)
    assertEquals(METRICS_COUNT_THE_LAST_BATCH ? 5L : 0L,
        write.metrics().apply(MlflowWriteMetrics.POINTS_WRITTEN).value(), write.toString());
    if (METRICS_COUNT_THE_LAST_BATCH) {
      assertTrue(write.metrics().apply(MlflowWriteMetrics.REQUESTS).value() > 0);
    }
  }

  private static org.apache.spark.sql.types.StructType entrySchema() {
    return DataTypes.createStructType(List.of(
        DataTypes.createStructField("run_id", DataTypes.StringType, false),
        DataTypes.createStructField("key", DataTypes.StringType, false),
        DataTypes.createStructField("value", DataTypes.StringType, false)));
  }
}
