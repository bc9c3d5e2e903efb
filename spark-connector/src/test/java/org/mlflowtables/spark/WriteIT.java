package org.mlflowtables.spark;

import static org.mlflowtables.core.testing.Throwables.messages;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.config.MlflowConfig;
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
  void tasksRetriedAfterAFailureWriteEachPointOnce() {
    List<String> runIds = runs("retry", 20);
    UserDefinedFunction failOnFirstAttempt = functions.udf((UDF1<Long, Long>) id -> {
      TaskContext task = TaskContext.get();
      if (task.attemptNumber() == 0 && id % 5_000 == 4_500) {
        Thread.sleep(1_500); // let the requests already handed to the writer reach MLflow
        throw new IllegalStateException("injected failure on the first attempt, id " + id);
      }
      return id;
    }, DataTypes.LongType).asNondeterministic();
    // Each partition holds 5 runs' points in run order, so whole requests reach the server before
    // the injected failure; the retry sends them again and de-duplication skips them.
    spark.range(0, 20_000, 1, 4)
        .withColumn("id", failOnFirstAttempt.apply(functions.col("id")))
        .selectExpr("CAST(id DIV 1000 AS INT) AS run_index", "id")
        .join(functions.broadcast(spark.createDataFrame(indexRows(runIds), indexSchema())),
            "run_index")
        .selectExpr("run_id", "'loss' AS key", "CAST(id AS DOUBLE) AS value",
            "TIMESTAMP_MILLIS(" + T0 + " + id) AS timestamp", "id % 1000 AS step")
        .createOrReplaceTempView("retry_input");
    useCatalog();
    Dataset<Row> insert = spark.sql("INSERT INTO mlflow.metrics SELECT * FROM retry_input");

    Dataset<Row> back = readBack(runIds);
    assertEquals(20_000, back.count());
    assertEquals(20_000, back.dropDuplicates().count());
    // the attempts that succeeded met the points their failed first attempts had sent
    org.apache.spark.sql.execution.SparkPlan write = writeNode(insert);
    long written = write.metrics().apply(MlflowWriteMetrics.POINTS_WRITTEN).value();
    long skipped = write.metrics().apply(MlflowWriteMetrics.POINTS_SKIPPED).value();
    assertEquals(20_000, written + skipped);
    assertTrue(skipped > 0, "no retry met a point of its failed attempt");
  }

  private static void useCatalog() {
    spark.conf().set("spark.sql.catalog.mlflow", MlflowCatalog.class.getName());
    spark.conf().set("spark.sql.catalog.mlflow.uri", server.uri());
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
    useCatalog();
    Dataset<Row> insert = spark.sql("INSERT INTO mlflow.metrics (run_id, key, value, timestamp, "
        + "step) SELECT '" + runIds.get(0) + "', 'sql_metric', id * 2.0, TIMESTAMP_MILLIS(" + T0
        + " + id), id FROM range(5)");
    assertEquals(5, readBack(runIds).where("key = 'sql_metric'").count());
    // the write node reports what reached MLflow as custom metrics
    org.apache.spark.sql.execution.SparkPlan write = writeNode(insert);
    assertEquals(5L, write.metrics().apply(MlflowWriteMetrics.POINTS_WRITTEN).value(),
        write.toString());
    assertTrue(write.metrics().apply(MlflowWriteMetrics.REQUESTS).value() > 0);
  }

  private static org.apache.spark.sql.types.StructType entrySchema() {
    return DataTypes.createStructType(List.of(
        DataTypes.createStructField("run_id", DataTypes.StringType, false),
        DataTypes.createStructField("key", DataTypes.StringType, false),
        DataTypes.createStructField("value", DataTypes.StringType, false)));
  }
}
