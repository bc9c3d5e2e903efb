package org.mlflowtables.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.FilterExec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mlflowtables.core.testing.MlflowServer;
import org.mlflowtables.core.testing.MlflowServerExtension;
import org.mlflowtables.core.testing.Oracle;

/**
 * Map-entry predicates with {@link MlflowSparkSessionExtensions}: the same rows as without the
 * extension and as without push-down, the entry predicate in the scan's pushed filters, Spark's own
 * Filter still on top, and fewer requests (with one run per page, each run MLflow filters out is a
 * request saved).
 */
@ExtendWith(MlflowServerExtension.class)
class MapEntryPushDownIT {
  private static SparkSession plain;
  private static SparkSession extended;
  private static MlflowServer server;
  private static String fxExperiments;

  @BeforeAll
  static void setUp(MlflowServer s, Oracle oracle) {
    plain = SparkTestSessions.plain();
    extended = SparkTestSessions.extended();
    server = s;
    fxExperiments = oracle.experiments().stream().map(e -> "'" + e.experimentId() + "'")
        .collect(Collectors.joining(", ", "(", ")"));
  }

  /** The fixture's runs; with one run per page, each run MLflow filters out saves a request. */
  private static Dataset<Row> runs(SparkSession spark, boolean pushDown, int pageSize) {
    return spark.read().format("mlflow").option("uri", server.uri())
        .option("pageSize", Integer.toString(pageSize))
        .option("pushDown", Boolean.toString(pushDown)).load("runs")
        .where("experiment_id IN " + fxExperiments);
  }

  /** The rows of a query and the requests it took. */
  private record Run(List<String> rows, long requests) {}

  private static Run run(Dataset<Row> df) {
    long before = server.requestCount();
    List<String> rows = Canon.rows(df);
    return new Run(rows, server.requestCount() - before);
  }

  /**
   * Checks a map-entry filter: the same rows without push-down, without and with the extension;
   * handed to core with the extension only, Spark's Filter kept; and when core evaluates it
   * exactly, fewer requests.
   */
  private static void check(String condition, String pushedText, boolean exactlyPushed) {
    List<String> expected = Canon.rows(runs(plain, false, 1000).where(condition).select("run_id"));
    assertFalse(expected.isEmpty(), condition + " should select some runs");
    int pageSize = exactlyPushed ? 1 : 1000;
    Dataset<Row> without = runs(plain, true, pageSize).where(condition).select("run_id");
    Dataset<Row> with = runs(extended, true, pageSize).where(condition).select("run_id");
    Run plainRun = run(without);
    Run extendedRun = run(with);
    assertEquals(expected, plainRun.rows(), "without the extension: " + condition);
    assertEquals(expected, extendedRun.rows(), "with the extension: " + condition);

    String described = SparkTestSessions.scanDescription(with);
    String pushed = described.substring(described.indexOf("PushedFilters: ["),
        described.indexOf(", PushedOrder"));
    assertTrue(pushed.contains(pushedText), "expected " + pushedText + " in " + described);
    assertFalse(SparkTestSessions.scanDescription(without).contains(pushedText));
    assertEquals(exactlyPushed, SparkTestSessions.nodes(with, FilterExec.class).isEmpty(),
        "Spark filters after the scan only what MLflow does not evaluate exactly:\n"
            + with.queryExecution().executedPlan());
    if (exactlyPushed) {
      assertFalse(described.substring(described.indexOf("ResidualFilters")).contains(pushedText),
          described);
      assertTrue(extendedRun.requests() < plainRun.requests(), "the extension should save "
          + "requests: " + extendedRun.requests() + " vs " + plainRun.requests());
    }
  }

  @Test
  void metricSubscript() {
    // core hands a metric comparison over only to prune (MLflow's NaN order differs from
    // Spark's), so Spark re-applies it
    check("metrics['accuracy'] > 0.8", "metrics['accuracy'] > 0.8", false);
  }

  @Test
  void metricDotSyntax() {
    check("metrics.loss < 0.3", "metrics['loss'] < 0.3", true);
  }

  @Test
  void paramElementAt() {
    check("element_at(params, 'optimizer') = 'adam'", "params['optimizer'] = 'adam'", true);
  }

  @Test
  void tagSubscript() {
    check("tags['env'] = 'prod'", "tags['env'] = 'prod'", true);
  }

  @Test
  void mapEntryBesideOtherPredicates() {
    check("tags['env'] = 'dev' AND status = 'FINISHED'", "tags['env'] = 'dev'", true);
  }

  @Test
  void limitReachesTheScanAfterAnExactMapEntryFilter() {
    String condition = "tags['env'] = 'prod'";
    List<String> matching = Canon.rows(runs(plain, false, 1000).where(condition)
        .select("run_id"));
    assertTrue(matching.size() > 2, "the fixture has more than two prod runs");
    Dataset<Row> with = runs(extended, true, 1000).where(condition).select("run_id").limit(2);
    Run run = run(with);
    assertEquals(2, run.rows().size());
    assertTrue(matching.containsAll(run.rows()), run.rows() + " not all in " + matching);
    assertEquals(1, run.requests());
    String described = SparkTestSessions.scanDescription(with);
    assertTrue(described.contains("PushedLimit: 2"), described);
  }

  @Test
  void mapEntryInsideAnOrIsCorrectAndNotPushed() {
    String condition = "metrics['accuracy'] > 0.9 OR params['optimizer'] = 'sgd'";
    Dataset<Row> baseline = runs(plain, false, 1000).where(condition).select("run_id");
    Dataset<Row> with = runs(extended, true, 1000).where(condition).select("run_id");
    assertEquals(Canon.rows(baseline), Canon.rows(with));
    String d = SparkTestSessions.scanDescription(with);
    assertFalse(d.substring(d.indexOf("PushedFilters: ["), d.indexOf(", PushedOrder"))
        .contains("accuracy"), d);
  }

  @Test
  void orderByAMetricWithLimitBecomesATopN() {
    assertTopN("SELECT run_id FROM $T WHERE experiment_id IN " + fxExperiments
        + " ORDER BY metrics['loss'] ASC NULLS LAST LIMIT 3");
  }

  @Test
  void orderByAnAliasOfAMetricWithLimitBecomesATopN() {
    assertTopN("SELECT run_id, metrics['loss'] AS loss FROM $T WHERE experiment_id IN "
        + fxExperiments + " ORDER BY loss ASC NULLS LAST LIMIT 3");
  }

  /** The query ($T: the runs) gives the same rows with the extension, ordered by MLflow. */
  private static void assertTopN(String query) {
    runs(plain, true, 1000).createOrReplaceTempView("me_runs_plain");
    runs(extended, true, 1000).createOrReplaceTempView("me_runs_extended");
    Dataset<Row> without = plain.sql(query.replace("$T", "me_runs_plain"));
    Dataset<Row> with = extended.sql(query.replace("$T", "me_runs_extended"));
    assertEquals(without.collectAsList(), with.collectAsList(), "same runs in the same order");
    assertEquals(3, with.collectAsList().size());
    String described = SparkTestSessions.scanDescription(with);
    assertTrue(described.contains("PushedOrder: [metrics['loss'] ASC NULLS LAST]")
        && described.contains("PushedLimit: 3"), described);
    assertTrue(SparkTestSessions.nodes(with, org.apache.spark.sql.execution.SortExec.class,
        org.apache.spark.sql.execution.TakeOrderedAndProjectExec.class).isEmpty(),
        "Spark should not sort again:\n" + with.queryExecution().executedPlan());
    assertFalse(SparkTestSessions.scanDescription(without).contains("PushedLimit: 3"));
  }
}
