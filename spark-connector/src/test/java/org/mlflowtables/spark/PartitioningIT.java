package org.mlflowtables.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.datasources.v2.BatchScanExec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mlflowtables.core.testing.MlflowServer;
import org.mlflowtables.core.testing.MlflowServerExtension;
import org.mlflowtables.core.testing.Oracle;

/** A scan over several experiments is split into partitions that together give the same rows. */
@ExtendWith(MlflowServerExtension.class)
class PartitioningIT {
  private static SparkSession spark;
  private static MlflowServer server;
  private static String fxExperiments;

  @BeforeAll
  static void setUp(MlflowServer s, Oracle oracle) {
    spark = SparkTestSessions.plain();
    server = s;
    fxExperiments = oracle.experiments().stream().map(e -> "'" + e.experimentId() + "'")
        .collect(Collectors.joining(", ", "(", ")"));
  }

  private static Dataset<Row> runs(String table, int maxPartitions) {
    return spark.read().format("mlflow").option("uri", server.uri())
        .option("maxPartitions", Integer.toString(maxPartitions)).load(table)
        .where("experiment_id IN " + fxExperiments);
  }

  private static int partitions(Dataset<Row> df) {
    List<BatchScanExec> scans = SparkTestSessions.scans(df);
    assertEquals(1, scans.size());
    return scans.get(0).inputPartitions().size();
  }

  @Test
  void runsOfSeveralExperimentsAreSplit() {
    Dataset<Row> split = runs("runs", 4);
    Dataset<Row> single = runs("runs", 1);
    List<String> expected = Canon.rows(single);
    assertFalse(expected.isEmpty());
    assertEquals(expected, Canon.rows(split));
    assertTrue(partitions(split) > 1, "partitions: " + partitions(split));
    assertEquals(1, partitions(single));
  }

  @Test
  void metricHistoryOfMoreRunsThanAPageIsSplit() {
    // pages of 2 runs: the fixture's runs are more than a page
    Dataset<Row> split = spark.read().format("mlflow")
        .option("uri", server.uri()).option("maxPartitions", "4").option("pageSize", "2")
        .load("metrics").where("experiment_id IN " + fxExperiments);
    Dataset<Row> single = runs("metrics", 1);
    assertEquals(Canon.rows(single), Canon.rows(split));
    assertTrue(partitions(split) > 1, "partitions: " + partitions(split));
  }

  @Test
  void metricHistoryOfRunsThatFitAPageIsOnePartition() {
    Dataset<Row> df = runs("metrics", 4);
    assertEquals(1, partitions(df));
    assertEquals(Canon.rows(runs("metrics", 1)), Canon.rows(df));
  }

  @Test
  void scanReportsItsRequestsAsMetrics() {
    Dataset<Row> df = runs("runs", 4);
    df.collectAsList();
    BatchScanExec scan = SparkTestSessions.scans(df).get(0);
    long requests = scan.metrics().apply(
        org.mlflowtables.spark.read.MlflowReadMetrics.REQUESTS).value();
    long rows = scan.metrics().apply(org.mlflowtables.spark.read.MlflowReadMetrics.ROWS).value();
    assertTrue(requests > 0, "requests metric: " + requests);
    assertTrue(rows >= df.count() && rows > 0, "rows metric: " + rows);
  }

  @Test
  void aFullScanWrittenToASinkListsTheExperimentsOnce() {
    long before = experimentSearches();
    spark.read().format("mlflow").option("uri", server.uri()).option("maxPartitions", "4")
        .load("runs").write().format("noop").mode("overwrite").save();
    assertEquals(1, experimentSearches() - before,
        "search-experiments requests: the partitions are planned once");
  }

  /** search-experiments requests the server has logged so far (one page: < 50 000 experiments). */
  private static long experimentSearches() {
    try (var lines = java.nio.file.Files.lines(server.logFile())) {
      return lines.filter(l -> l.contains("/experiments/search ")).count();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
