package org.mlflowtables.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mlflowtables.jdbc.JdbcTesting.activeRuns;
import static org.mlflowtables.jdbc.JdbcTesting.canonical;
import static org.mlflowtables.jdbc.JdbcTesting.explain;
import static org.mlflowtables.jdbc.JdbcTesting.fxExperimentIds;
import static org.mlflowtables.jdbc.JdbcTesting.rows;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlflowtables.core.testing.MlflowServer;
import org.mlflowtables.core.testing.MlflowServerExtension;
import org.mlflowtables.core.testing.Oracle;

/**
 * Push-down: the same rows with and without it, fewer and smaller requests with it, and EXPLAIN
 * showing what reached MLflow.
 */
@ExtendWith(MlflowServerExtension.class)
class PushDownIT {
  private static MlflowServer server;
  private static Oracle oracle;
  private static Connection pushed;
  private static Connection notPushed;
  private static String fx;

  @BeforeAll
  static void connect(MlflowServer s, Oracle o) throws SQLException {
    server = s;
    oracle = o;
    pushed = JdbcTesting.connect(s);
    notPushed = JdbcTesting.connect(s, "pushDown=false");
    fx = fxExperimentIds(o);
  }

  @AfterAll
  static void close() throws SQLException {
    pushed.close();
    notPushed.close();
  }

  /** Queries whose WHERE mixes what MLflow evaluates with what it cannot. */
  static Stream<String> differentialQueries() {
    String runs = "SELECT run_id, run_name, status, start_time, metrics['accuracy'] FROM runs "
        + "WHERE experiment_id IN %s AND ";
    return Stream.of(
        runs + "status = 'FINISHED'",
        runs + "status <> 'FINISHED'",
        runs + "status IN ('FAILED', 'KILLED')",
        runs + "status NOT IN ('FINISHED', 'RUNNING')",
        runs + "metrics['accuracy'] > 0.9",
        runs + "metrics['accuracy'] <= 0.8 AND params['lr'] = '0.01'",
        runs + "metrics['nan_metric'] < 1",
        runs + "metrics['nan_metric'] <> 1",
        runs + "run_name LIKE 'fx-beta%%'",
        runs + "run_name LIKE '%%run-0_'",
        runs + "start_time >= TIMESTAMP '2023-11-15 00:00:00'",
        runs + "start_time BETWEEN TIMESTAMP '2023-11-14 23:00:00' AND TIMESTAMP '2023-11-15 03:00:00'",
        runs + "end_time IS NULL",
        runs + "tags['mlflow.user'] = 'alice'",
        runs + "params['lr'] IS NOT NULL AND params['optimizer'] <> 'sgd'",
        runs + "(user_id <> 'alice' OR status = 'FAILED')",
        runs + "NOT (status = 'FINISHED')",
        runs + "UPPER(status) = 'FAILED'",
        runs + "run_id = run_id",
        "SELECT name, tags FROM experiments WHERE name LIKE 'fx-%' AND tags['team'] = 'vision'",
        "SELECT name, version, run_id FROM model_versions WHERE name = 'fx-classifier' "
            + "AND version >= 2",
        "SELECT name FROM registered_models WHERE name LIKE 'fx-%' AND tags['task'] <> 'x'",
        "SELECT run_id, key, value FROM latest_metrics WHERE experiment_id IN %s "
            + "AND key = 'accuracy' AND value > 0.9",
        "SELECT run_id, key, value FROM params WHERE experiment_id IN %s AND key = 'lr' "
            + "AND value = '0.01'",
        "SELECT run_id, value FROM tags WHERE experiment_id IN %s AND key = 'mlflow.user'",
        "SELECT run_id, step, value FROM metrics WHERE experiment_id IN %s "
            + "AND key = 'train/loss' AND step < 10",
        "SELECT name, status FROM logged_models WHERE experiment_id IN %s "
            + "AND name LIKE 'fx-model%%' AND status = 'READY'",
        "SELECT model_id, key, value FROM logged_model_metrics WHERE experiment_id IN %s "
            + "AND key = 'eval_accuracy' AND value > 0.8",
        "SELECT run_id, dataset_name FROM run_inputs WHERE experiment_id IN %s "
            + "AND dataset_name = 'fx-train'");
  }

  @ParameterizedTest
  @MethodSource("differentialQueries")
  void sameRowsWithAndWithoutPushDown(String template) throws SQLException {
    String sql = template.contains("%s") ? String.format(template, fx) : template;
    List<String> expected = canonical(rows(notPushed, sql));
    assertEquals(expected, canonical(rows(pushed, sql)), sql);
  }

  @Test
  void topNGivesTheSameOrderedRowsWithAndWithoutPushDown() throws SQLException {
    String sql = "SELECT run_id, start_time FROM runs WHERE experiment_id IN " + fx
        + " ORDER BY start_time DESC LIMIT 5";
    List<List<Object>> expected = rows(notPushed, sql);
    assertEquals(5, expected.size());
    assertEquals(expected, rows(pushed, sql));
  }

  @Test
  void parameterisedFilterGivesTheSameRows() throws SQLException {
    String sql = "SELECT run_id FROM runs WHERE experiment_id IN " + fx
        + " AND status = ? AND start_time > ?";
    java.sql.Timestamp t = new java.sql.Timestamp(1_700_000_000_000L + 3_600_000L * 5);
    assertEquals(canonical(rows(notPushed, sql, "FINISHED", t)),
        canonical(rows(pushed, sql, "FINISHED", t)));
  }

  /**
   * Parameter values core does not push as it would the planner's samples (a NaN, an experiment
   * id such as '01', strings no quoting sends exactly, LIKE patterns, a long table's key).
   */
  static Stream<PreparedStatementsIT.Case> valuesCoreDoesNotPushAsPlanned() {
    String alpha = oracle.experiment("fx-alpha").experimentId();
    String beta = oracle.experiment("fx-beta").experimentId();
    String unquotable = oracle.paramValues("comment").stream()
        .filter(v -> v.contains("'") && v.contains("\"")).findFirst().orElseThrow();
    String runs = "SELECT run_id, run_name FROM runs WHERE experiment_id IN " + fx + " AND ";
    return Stream.of(
        PreparedStatementsIT.Case.of(runs + "metrics['nan_metric'] = ?", Double.NaN),
        PreparedStatementsIT.Case.of(runs + "metrics['nan_metric'] <> ?", Double.NaN),
        PreparedStatementsIT.Case.of(runs + "metrics['accuracy'] < ?", Double.NaN),
        PreparedStatementsIT.Case.of(runs + "metrics['nan_metric'] > ?", 0.5),
        PreparedStatementsIT.Case.of("SELECT run_name FROM runs WHERE experiment_id = ?",
            "0" + alpha),
        PreparedStatementsIT.Case.of("SELECT run_name FROM runs WHERE experiment_id = ? "
            + "ORDER BY start_time DESC LIMIT ?", "0" + alpha, 3),
        PreparedStatementsIT.Case.of("SELECT run_name FROM runs WHERE experiment_id IN (?, ?) "
            + "ORDER BY start_time DESC LIMIT ?", alpha, "0" + beta, 5),
        PreparedStatementsIT.Case.of("SELECT run_name, start_time FROM runs "
            + "WHERE experiment_id = ? ORDER BY start_time LIMIT ? OFFSET ?", beta, 2, 3),
        PreparedStatementsIT.Case.of(runs + "params['comment'] = ?", unquotable),
        PreparedStatementsIT.Case.of(runs + "params['comment'] = ?", "back\\slash"),
        PreparedStatementsIT.Case.of(runs + "run_name LIKE ?", "%run-0_"),
        PreparedStatementsIT.Case.of(runs + "run_name LIKE ?", "fx-alpha-run-01"),
        PreparedStatementsIT.Case.of(runs + "params['comment'] LIKE ?", "percent \\% and%"),
        PreparedStatementsIT.Case.of("SELECT run_id, \"value\" FROM latest_metrics "
            + "WHERE experiment_id IN " + fx + " AND key = ? AND \"value\" > ?", "val.loss", 0.1),
        PreparedStatementsIT.Case.of("SELECT run_id, \"value\" FROM params "
            + "WHERE experiment_id IN " + fx + " AND key = ? AND \"value\" = ?", "comment",
            unquotable));
  }

  @ParameterizedTest
  @MethodSource("valuesCoreDoesNotPushAsPlanned")
  void parameterValuesCoreDoesNotPushGiveTheRowsWithoutPushDown(PreparedStatementsIT.Case c)
      throws SQLException {
    Object[] values = c.values().toArray();
    assertEquals(canonical(rows(notPushed, c.sql(), values)),
        canonical(rows(pushed, c.sql(), values)), c.sql());
  }

  @Test
  void runIdEqualityIsOneRequest() throws SQLException {
    Oracle.Run run = activeRuns(oracle).get(3);
    long before = server.requestCount();
    List<List<Object>> rows = rows(pushed, "SELECT run_name FROM runs WHERE run_id = ?",
        run.runId());
    assertEquals(1, server.requestCount() - before);
    assertEquals(List.of(List.of(run.runName())), rows);
  }

  @Test
  void topNIsOneRequestAskingForFiveRows() throws SQLException {
    String sql = "SELECT run_name FROM runs WHERE experiment_id IN " + fx
        + " ORDER BY start_time DESC LIMIT 5";
    long before = server.requestCount();
    List<List<Object>> rows = rows(pushed, sql);
    assertEquals(1, server.requestCount() - before);
    List<Object> expected = activeRuns(oracle).stream()
        .sorted(Comparator.comparing(Oracle.Run::startTime).reversed())
        .limit(5).map(Oracle.Run::runName).collect(Collectors.toList());
    assertEquals(expected, rows.stream().map(r -> r.get(0)).collect(Collectors.toList()));
    assertTrue(explain(pushed, sql).contains("max_results=5"), explain(pushed, sql));
  }

  @Test
  void statementMaxRowsStopsThePaging() throws SQLException {
    try (Connection c = JdbcTesting.connect(server, "pageSize=2", ONE_STREAM);
        java.sql.Statement st = c.createStatement()) {
      long all = requestsToReadAll(st.executeQuery(FX_RUN_NAMES + fx));
      st.setMaxRows(3);
      assertFirstThreeRowsInFewerRequests(st.executeQuery(FX_RUN_NAMES + fx), all);
    }
  }

  @Test
  void preparedStatementMaxRowsStopsThePaging() throws SQLException {
    try (Connection c = JdbcTesting.connect(server, "pageSize=2", ONE_STREAM);
        java.sql.PreparedStatement st = c.prepareStatement(FX_RUN_NAMES + fx)) {
      long all = requestsToReadAll(st.executeQuery());
      st.setMaxRows(3);
      assertFirstThreeRowsInFewerRequests(st.executeQuery(), all);
    }
  }

  private static final String FX_RUN_NAMES = "SELECT run_name FROM runs WHERE experiment_id IN ";

  /**
   * One search stream: the rows come in start-time order, so the first three are known (several
   * streams interleave their rows; ScanStreamsIT).
   */
  private static final String ONE_STREAM = "scanStreams=1";

  private static List<List<Object>> read(java.sql.ResultSet rs) throws SQLException {
    List<List<Object>> out = new java.util.ArrayList<>();
    try (rs) {
      while (rs.next()) {
        out.add(List.of(rs.getString(1)));
      }
    }
    return out;
  }

  /** The requests the rest of a result takes to read, after executing it. */
  private static long requestsToReadAll(java.sql.ResultSet rs) throws SQLException {
    long before = server.requestCount();
    assertTrue(read(rs).size() > 6, "the fixture has more than three 2-row pages of runs");
    return server.requestCount() - before;
  }

  private static void assertFirstThreeRowsInFewerRequests(java.sql.ResultSet rs, long all)
      throws SQLException {
    long before = server.requestCount();
    List<List<Object>> got = read(rs);
    long requests = server.requestCount() - before;
    assertEquals(rows(pushed, FX_RUN_NAMES + fx).subList(0, 3), got);
    assertTrue(requests < all / 2, requests + " requests for 3 rows, " + all + " for all");
  }

  @Test
  void withoutPushDownTheFilterIsAppliedByCalcite() throws SQLException {
    String sql = "SELECT run_id FROM runs WHERE status = 'FAILED'";
    String plan = explain(notPushed, sql);
    assertTrue(plan.contains("PushedFilters: []"), plan);
    assertFalse(plan.contains("MlflowFilter"), plan);
  }

  @Test
  void explainShowsFiltersMlflowEvaluates() throws SQLException {
    String plan = explain(pushed, "SELECT run_id FROM runs WHERE status = 'FAILED' "
        + "AND metrics['accuracy'] < 0.5");
    assertTrue(plan.contains("MlflowFilter"), plan);
    assertTrue(plan.contains("attributes.status = 'FAILED'"), plan);
    assertTrue(plan.contains("metrics.`accuracy` < 0.5"), plan);
    assertTrue(plan.contains("ResidualFilters: []"), plan);
    assertFalse(plan.contains("EnumerableCalc") && plan.contains("$condition"), plan);
  }

  @Test
  void explainKeepsWhatMlflowCannotEvaluateInCalcite() throws SQLException {
    String plan = explain(pushed, "SELECT run_id FROM runs WHERE status = 'FAILED' "
        + "AND UPPER(run_name) = 'X'");
    assertTrue(plan.contains("attributes.status = 'FAILED'"), plan);
    assertTrue(plan.contains("UPPER"), plan);
    assertTrue(plan.indexOf("UPPER") < plan.indexOf("MlflowToEnumerableConverter"),
        "the residual filter runs above the scan: " + plan);
  }

  @Test
  void explainShowsALikePushedToPruneAndKept() throws SQLException {
    String plan = explain(pushed, "SELECT run_id FROM runs WHERE run_name LIKE 'fx-a%'");
    assertTrue(plan.contains("PushedFilters: [run_name LIKE 'fx-a%']"), plan);
    assertTrue(plan.contains("also checked by Calcite"), plan);
    assertTrue(plan.contains("LIKE($t1"), plan);
  }

  @Test
  void explainShowsTopN() throws SQLException {
    String plan = explain(pushed, "SELECT run_id FROM runs ORDER BY start_time LIMIT 3");
    assertTrue(plan.contains("MlflowSort"), plan);
    assertTrue(plan.contains("PushedOrder: [start_time ASC NULLS LAST]"), plan);
    assertTrue(plan.contains("PushedLimit: 3"), plan);
    assertFalse(plan.contains("EnumerableSort") || plan.contains("EnumerableLimit"), plan);
  }

  @Test
  void orderByMapEntryIsPushedThroughTheProjection() throws SQLException {
    // Every run has a distinct 'loss': the order is fully determined.
    String sql = "SELECT run_id, metrics['loss'] FROM runs WHERE experiment_id IN " + fx
        + " ORDER BY metrics['loss'] LIMIT 3";
    String plan = explain(pushed, sql);
    assertTrue(plan.contains("MlflowProject"), plan);
    assertTrue(plan.contains("PushedOrder: [metrics['loss'] ASC NULLS LAST]"), plan);
    assertEquals(rows(notPushed, sql), rows(pushed, sql));
  }

  @Test
  void projectionReadsOnlyTheChosenColumns() throws SQLException {
    String plan = explain(pushed, "SELECT run_id, metrics['accuracy'] FROM runs");
    assertTrue(plan.contains("MlflowProject(run_id=[$0], EXPR$1=[ITEM($9, 'accuracy')])"), plan);
  }

  @Test
  void limitWithOffsetPushesTheSumAndSkipsInCalcite() throws SQLException {
    String sql = "SELECT run_id FROM runs WHERE experiment_id IN " + fx
        + " ORDER BY start_time LIMIT 3 OFFSET 2";
    String plan = explain(pushed, sql);
    assertTrue(plan.contains("PushedLimit: 5"), plan);
    assertEquals(rows(notPushed, sql), rows(pushed, sql));
  }
}
