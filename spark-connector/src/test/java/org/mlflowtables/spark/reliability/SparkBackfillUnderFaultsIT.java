package org.mlflowtables.spark.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mlflowtables.core.reliability.BackfillUnderFaultsITBase;
import org.mlflowtables.core.reliability.FaultProxy;
import org.mlflowtables.core.reliability.FaultProxy.Fault;
import org.mlflowtables.core.reliability.FaultProxy.FaultPlan;
import org.mlflowtables.core.reliability.Figures;
import org.mlflowtables.core.reliability.PythonPoints;
import org.mlflowtables.spark.SparkTestSessions;

/**
 * The 100 000-point back-fill of the brief, through Spark ({@code df.write.format("mlflow")},
 * de-duplication on by default) and {@link FaultProxy} injecting every transient fault, including
 * faults after the server stored a log-batch (so that it arrives twice). MLflow's Python client
 * then reads the points: none lost, none doubled; a re-run sends no log-batch. About 2.5 min on a
 * loaded two-core machine with SQLite: the write itself takes most of it.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class SparkBackfillUnderFaultsIT extends BackfillUnderFaultsITBase {
  private static final List<String> KEYS = List.of("loss", "acc");

  private static SparkSession spark;

  @BeforeAll
  static void setUp() {
    spark = SparkTestSessions.plain();
    // A 1000-point log-batch takes seconds on a loaded two-core machine with SQLite: the client
    // timeout is 8 s, and a "slow" answer is held back a little longer.
    proxy.slowMillis(8_300);
  }

  private static void append(Dataset<Row> df) {
    df.write().format("mlflow").option("uri", proxy.uri()).option("maxRetries", "8")
        .option("timeoutSeconds", "8").option("maxInFlight", "2").mode("append").save("metrics");
  }

  @Test
  void aHundredThousandPointsLandExactlyThroughFaultsAndARerunSendsNothing() {
    String test = "aHundredThousandPointsLandExactlyThroughFaultsAndARerunSendsNothing";
    int n = 20;
    List<String> runIds = scratchRuns("rel-spark-backfill", n);
    List<Row> index = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      index.add(RowFactory.create(i, runIds.get(i)));
    }
    StructType indexSchema = DataTypes.createStructType(List.of(
        DataTypes.createStructField("run_index", DataTypes.IntegerType, false),
        DataTypes.createStructField("run_id", DataTypes.StringType, false)));
    long points = 100_000;
    // Point id goes to run id % 20, key loss or acc by parity of id / 20, step id / 40; values
    // are quarters, exact in binary and in Python's repr.
    Dataset<Row> input = spark.range(0, points, 1, 4)
        .selectExpr("id", "CAST(id % " + n + " AS INT) AS run_index")
        .join(functions.broadcast(spark.createDataFrame(index, indexSchema)), "run_index")
        .selectExpr("run_id",
            "IF((id DIV " + n + ") % 2 = 0, 'loss', 'acc') AS key",
            "CAST(id AS DOUBLE) / 4 AS value",
            "TIMESTAMP_MILLIS(" + T0 + " + id) AS timestamp",
            "id DIV " + (2 * n) + " AS step")
        .cache();
    Map<String, Integer> expected = new HashMap<>();
    for (long id = 0; id < points; id++) {
      String run = runIds.get((int) (id % n));
      String key = (id / n) % 2 == 0 ? "loss" : "acc";
      expected.merge(PythonPoints.line(run, key, T0 + id, id / (2L * n), id / 4.0), 1,
          Integer::sum);
    }

    proxy.resetCounters();
    proxy.plan(FaultPlan.bursts(4, 2, Fault.TRANSIENT_WEIGHTED));
    long t0 = System.nanoTime();
    append(input);
    System.out.printf("spark back-fill of %d points under faults in %.1f s: %s; %d log-batch"
        + " requests seen%n", points, (System.nanoTime() - t0) / 1e9, proxy.injected(),
        logBatches());
    assertTrue(proxy.injected().get(Fault.RESET_MID_BODY) + proxy.injected().get(
        Fault.TRUNCATED_JSON) > 0, "answers were spoiled after the server acted");
    Figures.addFaults(SparkBackfillUnderFaultsIT.class, test, proxy);
    Figures.add(SparkBackfillUnderFaultsIT.class, test, "logBatchRequestsSeen",
        logBatches());

    long[] first = compare(runIds, expected);
    assertEquals(0, first[0], "points lost");
    assertEquals(0, first[1], "points doubled or unexpected");
    assertEquals(points, first[2]);

    proxy.resetCounters();
    t0 = System.nanoTime();
    append(input);
    System.out.printf("re-run in %.1f s: %s; requests %s%n", (System.nanoTime() - t0) / 1e9,
        proxy.injected(), proxy.requestsByPath());
    // The re-run only read (get-run, get-history): log-batch is the one endpoint that adds
    // points, so the server's points are still exactly the ones counted above.
    assertEquals(0L, logBatches(),
        "a re-run sends no log-batch");
    assertTrue(proxy.requestsByPath().keySet().stream().allMatch(p -> p.endsWith("/runs/get")
        || p.contains("/metrics/get-history")), "the re-run only read: " + proxy.requestsByPath());
    Figures.addFaults(SparkBackfillUnderFaultsIT.class, test, proxy);
    input.unpersist();

    Figures.add(SparkBackfillUnderFaultsIT.class, test, "pointsExpected", points);
    Figures.add(SparkBackfillUnderFaultsIT.class, test, "pointsLost", first[0]);
    Figures.add(SparkBackfillUnderFaultsIT.class, test, "pointsDuplicated", first[1]);
  }

  /** {lost, extra, total} of the server's points against the expected multiset. */
  private static long[] compare(List<String> runIds, Map<String, Integer> expected) {
    Map<String, Integer> actual = PythonPoints.read(server, runIds, KEYS);
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
}
