package org.mlflowtables.spark.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mlflowtables.core.reliability.Figures;
import org.mlflowtables.core.reliability.LoadITBase;
import org.mlflowtables.spark.Canon;
import org.mlflowtables.spark.SparkTestSessions;

/**
 * Spark scans split into many partitions, repeated, against one server: every answer equals the
 * oracle, the HTTP connections stay bounded by the shared pool, and no thread of mlflow-tables
 * (scan executors, OkHttp) outlives the scans.
 */
@Timeout(value = 110, unit = TimeUnit.SECONDS)
class SparkLoadIT extends LoadITBase {
  private static SparkSession spark;

  @BeforeAll
  static void setUp() {
    spark = SparkTestSessions.plain();
  }

  /** Our threads (scan pools, writer pools, OkHttp). */
  private static Map<String, Integer> ourThreads() {
    return threads(n -> n.startsWith("mlflow") || n.contains("OkHttp"));
  }

  private static int count(Map<String, Integer> m) {
    return total(m);
  }

  @Test
  void manyPartitionScansAreRightBoundedAndLeaveNoThreads() throws Exception {
    String fx = fixtureExperimentsSql();
    List<String> tables = List.of("metrics", "runs", "latest_metrics", "params", "tags");
    Map<String, List<String>> expected = new TreeMap<>();
    for (String t : tables) {
      expected.put(t, SparkRel.oracleRows(oracle, t));
    }
    // Warm up once so that Spark's own pools exist before the count.
    Canon.rows(spark.read().format("mlflow").option("uri", proxy.uri()).load("experiments"));
    Thread.sleep(500);
    Map<String, Integer> before = ourThreads();
    proxy.resetCounters();
    long rows = 0;
    int maxPartitions = 0;
    for (int round = 0; round < 2; round++) {
      for (String t : tables) {
        Dataset<Row> df = spark.read().format("mlflow").option("uri", proxy.uri())
            .option("viewType", "ALL").option("maxPartitions", "64").option("pageSize", "10")
            .load(t).where("experiment_id IN " + fx);
        maxPartitions = Math.max(maxPartitions, df.rdd().getNumPartitions());
        List<String> got = Canon.rows(df);
        assertEquals(expected.get(t), got, t + " round " + round);
        rows += got.size();
      }
    }
    int peak = proxy.peakOpenConnections();
    System.out.printf("spark load: %d rows compared in 10 scans, up to %d partitions, %d requests,"
        + " peak %d HTTP connections%n", rows, maxPartitions, proxy.requests(), peak);
    assertTrue(maxPartitions >= 3, "scans were split: " + maxPartitions);
    // Two task threads, each scan part with at most maxInFlight (8) requests in flight.
    assertTrue(peak <= 32, "peak connections " + peak);
    Map<String, Integer> after = ourThreads();
    for (int i = 0; i < 40 && count(after) > count(before) + 2; i++) {
      Thread.sleep(500);
      after = ourThreads();
    }
    System.out.println("mlflow-tables threads before " + before + ", after " + after);
    assertTrue(count(after) <= count(before) + 2, "threads left: " + before + " -> " + after);
    String test = "manyPartitionScansAreRightBoundedAndLeaveNoThreads";
    Figures.add(SparkLoadIT.class, test, "rowsCompared", rows);
    Figures.add(SparkLoadIT.class, test, "maxPartitions", maxPartitions);
    Figures.add(SparkLoadIT.class, test, "peakHttpConnections", peak);
    Figures.add(SparkLoadIT.class, test, "requests", proxy.requests());
    Figures.add(SparkLoadIT.class, test, "ourThreadsBefore", count(before));
    Figures.add(SparkLoadIT.class, test, "ourThreadsAfter", count(after));
  }
}
