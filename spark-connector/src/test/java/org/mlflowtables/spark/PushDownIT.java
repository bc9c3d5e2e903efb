package org.mlflowtables.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.SortExec;
import org.apache.spark.sql.execution.TakeOrderedAndProjectExec;
import org.apache.spark.sql.execution.CollectLimitExec;
import org.apache.spark.sql.execution.GlobalLimitExec;
import org.apache.spark.sql.execution.LocalLimitExec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mlflowtables.core.testing.MlflowServer;
import org.mlflowtables.core.testing.MlflowServerExtension;
import org.mlflowtables.core.testing.Oracle;

/**
 * Differential push-down checks without the session extension: each query gives the same rows with
 * and without push-down ({@code pushDown=false}), what core pushes shows in the plan, and pushing
 * saves requests.
 */
@ExtendWith(MlflowServerExtension.class)
class PushDownIT {
  private static SparkSession spark;
  private static MlflowServer server;
  private static Oracle oracle;
  private static String fxExperiments;
  private static String alpha;

  @BeforeAll
  static void setUp(MlflowServer s, Oracle fixture) {
    spark = SparkTestSessions.plain();
    server = s;
    oracle = fixture;
    fxExperiments = oracle.experiments().stream().map(e -> "'" + e.experimentId() + "'")
        .collect(Collectors.joining(", ", "(", ")"));
    alpha = oracle.experiment("fx-alpha").experimentId();
    spark.read().format("mlflow").option("uri", server.uri()).load("runs")
        .createOrReplaceTempView("pd_runs");
    spark.read().format("mlflow").option("uri", server.uri()).option("pushDown", "false")
        .load("runs").createOrReplaceTempView("pd_runs_nopush");
    spark.read().format("mlflow").option("uri", server.uri()).load("metrics")
        .createOrReplaceTempView("pd_metrics");
  }

  /** Runs the query on the pushing and the non-pushing view; returns the pushing one. */
  private static Dataset<Row> sameRows(String sqlOnView, String view) {
    Dataset<Row> pushed = spark.sql(sqlOnView.replace("$T", view));
    Dataset<Row> baseline = spark.sql(sqlOnView.replace("$T", view + "_nopush"));
    List<String> expected = Canon.rows(baseline);
    assertFalse(expected.isEmpty(), "the query should select something: " + sqlOnView);
    assertEquals(expected, Canon.rows(pushed), sqlOnView);
    return pushed;
  }

  private static String pushedFilters(Dataset<Row> df) {
    String d = SparkTestSessions.scanDescription(df);
    return d.substring(d.indexOf("PushedFilters: ["), d.indexOf(", PushedOrder"));
  }

  private static long requests(Dataset<Row> df) {
    long before = server.requestCount();
    df.collectAsList();
    return server.requestCount() - before;
  }

  @Test
  void equalityIsPushed() {
    Dataset<Row> df = sameRows(
        "SELECT run_id FROM $T WHERE status = 'FINISHED' AND experiment_id IN " + fxExperiments,
        "pd_runs");
    assertTrue(pushedFilters(df).contains("status = 'FINISHED'"), pushedFilters(df));
  }

  @Test
  void inListIsPushed() {
    String ids = List.of("fx-alpha-run-00", "fx-beta-run-03", "fx-gamma-run-01").stream()
        .map(name -> "'" + oracle.run(name).runId() + "'")
        .collect(Collectors.joining(", ", "(", ")"));
    Dataset<Row> df = sameRows("SELECT run_id, run_name FROM $T WHERE run_id IN " + ids,
        "pd_runs");
    assertTrue(pushedFilters(df).contains("run_id IN ("), pushedFilters(df));
    assertEquals(3, df.count());
  }

  @Test
  void timeRangeIsPushed() {
    Dataset<Row> df = sameRows("SELECT run_name, start_time FROM $T WHERE "
        + "start_time >= TIMESTAMP '2023-11-15 03:00:00' AND start_time < TIMESTAMP "
        + "'2023-11-15 12:00:00' AND experiment_id IN " + fxExperiments, "pd_runs");
    String pushed = pushedFilters(df);
    assertTrue(pushed.contains("start_time >= 1700017200000"), pushed);
    assertTrue(pushed.contains("start_time < 1700049600000"), pushed);
  }

  @Test
  void prefixMatchIsPushedAsLike() {
    Dataset<Row> df = sameRows(
        "SELECT run_id FROM $T WHERE run_name LIKE 'fx-gamma%'", "pd_runs");
    assertTrue(pushedFilters(df).contains("run_name LIKE 'fx-gamma%'"), pushedFilters(df));
  }

  @Test
  void orderByAndLimitArePushedAndSparksSortIsRemoved() {
    String q = "SELECT run_name, start_time FROM $T WHERE experiment_id = '" + alpha
        + "' ORDER BY start_time DESC LIMIT 3";
    Dataset<Row> pushed = spark.sql(q.replace("$T", "pd_runs"));
    Dataset<Row> baseline = spark.sql(q.replace("$T", "pd_runs_nopush"));
    assertEquals(baseline.collectAsList(), pushed.collectAsList(), "same rows in the same order");
    String d = SparkTestSessions.scanDescription(pushed);
    assertTrue(d.contains("PushedLimit: 3"), d);
    assertTrue(d.contains("start_time DESC"), d);
    assertTrue(SparkTestSessions.nodes(pushed, SortExec.class, TakeOrderedAndProjectExec.class)
        .isEmpty(), "Spark should not sort again:\n" + pushed.queryExecution().executedPlan());
  }

  @Test
  void limitIsPushed() {
    Dataset<Row> df = spark.read().format("mlflow").option("uri", server.uri()).load("runs")
        .where("experiment_id = '" + alpha + "'").limit(2);
    assertEquals(2, df.collectAsList().size());
    String d = SparkTestSessions.scanDescription(df);
    assertTrue(d.contains("PushedLimit: 2"), d);
    assertTrue(SparkTestSessions.nodes(df, CollectLimitExec.class, GlobalLimitExec.class,
        LocalLimitExec.class).isEmpty(), "no Limit left:\n" + df.queryExecution().executedPlan());
  }

  @Test
  void orIsKeptBySpark() {
    Dataset<Row> df = sameRows("SELECT run_id FROM $T WHERE (status = 'FAILED' OR user_id = "
        + "'bob') AND experiment_id IN " + fxExperiments, "pd_runs");
    String d = SparkTestSessions.scanDescription(df);
    assertTrue(d.contains("ResidualFilters: [") && d.contains("OR"), d);
  }

  @Test
  void mapEntryFilterWithoutTheExtensionIsEvaluatedBySpark() {
    Dataset<Row> df = sameRows("SELECT run_id FROM $T WHERE metrics['accuracy'] > 0.8 AND "
        + "experiment_id IN " + fxExperiments, "pd_runs");
    assertFalse(pushedFilters(df).contains("accuracy"), pushedFilters(df));
  }

  @Test
  void runIdAndKeyBoundTheMetricHistory() {
    Oracle.Run run = oracle.run("fx-alpha-run-00");
    Dataset<Row> bounded = spark.sql("SELECT step, value FROM pd_metrics WHERE run_id = '"
        + run.runId() + "' AND key = 'train/loss'");
    // the same rows, with run and key tested by expressions MLflow cannot evaluate
    Dataset<Row> unbounded = spark.sql("SELECT step, value FROM pd_metrics WHERE experiment_id = '"
        + alpha + "' AND concat(run_id, '') = '" + run.runId() + "' AND concat(key, '') = "
        + "'train/loss'");
    List<Object[]> expected = oracle.history(run.runId(), "train/loss").stream()
        .map(p -> new Object[] {p.step(), p.value()}).collect(Collectors.toList());
    assertEquals(300, expected.size());
    assertEquals(Canon.rows(expected), Canon.rows(bounded));
    assertEquals(Canon.rows(expected), Canon.rows(unbounded));
    long withPush = requests(bounded);
    long withoutPush = requests(unbounded);
    assertTrue(withPush < withoutPush,
        "run_id and key should bound the requests: " + withPush + " vs " + withoutPush);
  }
}
