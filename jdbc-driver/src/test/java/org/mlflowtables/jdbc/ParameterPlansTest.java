package org.mlflowtables.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A {@code ?} parameter is planned as the same literal would be: EXPLAIN shows the same requests,
 * pushed filters, ORDER BY and LIMIT for MLflow, with {@code ?0}, {@code ?1} where the literal's
 * values stand. Planning sends no request, so no server is needed (the request counts and rows
 * against a real server are {@code PreparedStatementsIT}'s).
 */
class ParameterPlansTest {
  private static Connection conn;

  @BeforeAll
  static void connect() throws SQLException {
    conn = JdbcTesting.connect("http://localhost:1");
  }

  @AfterAll
  static void close() throws SQLException {
    conn.close();
  }

  /**
   * A query with {@code ?} parameters, a value for each, and how each value is written in SQL
   * and in core's description of the scan.
   */
  record Case(String sql, List<Object> values, List<String> sqlLiterals, List<String> inCore) {
    static Case of(String sql, Object value, String sqlLiteral, String inCore) {
      return new Case(sql, List.of(value), List.of(sqlLiteral), List.of(inCore));
    }

    static Case text(String sql, String value) {
      return of(sql, value, "'" + value + "'", value);
    }

    String literalSql() {
      String s = sql;
      for (String literal : sqlLiterals) {
        s = s.replaceFirst("\\?", java.util.regex.Matcher.quoteReplacement(literal));
      }
      return s;
    }

    @Override
    public String toString() {
      return sql;
    }
  }

  private static final Timestamp T = new Timestamp(1_700_000_000_000L);
  private static final String T_SQL = "TIMESTAMP '2023-11-14 22:13:20'";
  private static final String T_CORE = "1700000000000";

  static Stream<Case> pushableColumns() {
    return Stream.of(
        Case.text("SELECT name FROM experiments WHERE experiment_id = ?", "1"),
        Case.text("SELECT experiment_id FROM experiments WHERE name = ?", "fx-alpha"),
        Case.text("SELECT experiment_id FROM experiments WHERE name LIKE ?", "fx-%"),
        Case.of("SELECT name FROM experiments WHERE creation_time > ?", T, T_SQL, T_CORE),
        Case.of("SELECT name FROM experiments WHERE last_update_time <= ?", T, T_SQL, T_CORE),
        Case.text("SELECT name FROM experiments WHERE tags['team'] = ?", "vision"),
        Case.text("SELECT count(*) FROM runs WHERE experiment_id = ?", "1"),
        new Case("SELECT run_id FROM runs WHERE experiment_id IN (?, ?)", List.of("1", "2"),
            List.of("'1'", "'2'"), List.of("1", "2")),
        Case.text("SELECT run_name FROM runs WHERE run_id = ?", "abc"),
        new Case("SELECT run_name FROM runs WHERE run_id IN (?, ?)", List.of("abc", "abd"),
            List.of("'abc'", "'abd'"), List.of("abc", "abd")),
        Case.text("SELECT run_id FROM runs WHERE run_name = ?", "fx-alpha-run-01"),
        Case.text("SELECT run_id FROM runs WHERE run_name LIKE ?", "fx-a%"),
        Case.text("SELECT run_id FROM runs WHERE user_id = ?", "alice"),
        Case.text("SELECT run_id FROM runs WHERE status <> ?", "FINISHED"),
        Case.text("SELECT run_id FROM runs WHERE artifact_uri = ?", "file:///x"),
        Case.of("SELECT run_id FROM runs WHERE start_time >= ?", T, T_SQL, T_CORE),
        Case.of("SELECT run_id FROM runs WHERE end_time < ?", T, T_SQL, T_CORE),
        Case.of("SELECT run_id FROM runs WHERE metrics['accuracy'] < ?", 0.5, "0.5", "0.5"),
        Case.of("SELECT run_id FROM runs WHERE metrics['accuracy'] > ?", 0.5, "0.5", "0.5"),
        Case.text("SELECT run_id FROM runs WHERE params['lr'] = ?", "0.01"),
        Case.text("SELECT run_id FROM runs WHERE tags['mlflow.user'] <> ?", "alice"),
        new Case("SELECT run_id FROM latest_metrics WHERE key = ? AND \"value\" <= ?",
            List.of("accuracy", 0.9), List.of("'accuracy'", "0.9"), List.of("accuracy", "0.9")),
        new Case("SELECT run_id FROM params WHERE key = ? AND \"value\" = ?",
            List.of("lr", "0.01"), List.of("'lr'", "'0.01'"), List.of("lr", "0.01")),
        new Case("SELECT run_id FROM tags WHERE key = ? AND \"value\" <> ?",
            List.of("mlflow.user", "bob"), List.of("'mlflow.user'", "'bob'"),
            List.of("mlflow.user", "bob")),
        Case.text("SELECT step FROM metrics WHERE key = ?", "train/loss"),
        Case.text("SELECT step FROM metrics WHERE run_id = ?", "abc"),
        Case.text("SELECT name FROM registered_models WHERE name = ?", "fx-classifier"),
        Case.text("SELECT name FROM registered_models WHERE tags['task'] = ?", "ranking"),
        Case.text("SELECT version FROM model_versions WHERE name = ?", "fx-classifier"),
        Case.of("SELECT name FROM model_versions WHERE version >= ?", 2L, "2", "2"),
        Case.text("SELECT name FROM model_versions WHERE source = ?", "models:/m/1"),
        Case.text("SELECT name FROM model_versions WHERE run_id = ?", "abc"),
        Case.text("SELECT name FROM model_versions WHERE tags['k'] = ?", "v"),
        Case.text("SELECT name FROM logged_models WHERE experiment_id = ?", "1"),
        Case.text("SELECT name FROM logged_models WHERE model_id = ?", "m-1"),
        Case.text("SELECT model_id FROM logged_models WHERE name = ?", "fx-model-a"),
        Case.text("SELECT model_id FROM logged_models WHERE source_run_id = ?", "abc"),
        Case.of("SELECT name FROM logged_models WHERE creation_time > ?", T, T_SQL, T_CORE),
        Case.text("SELECT name FROM logged_models WHERE params['p'] = ?", "v"),
        Case.text("SELECT name FROM logged_models WHERE tags['stage'] = ?", "candidate"),
        Case.of("SELECT name FROM logged_models WHERE metrics['m'] >= ?", 0.8, "0.8", "0.8"),
        new Case("SELECT model_id FROM logged_model_metrics WHERE key = ? AND \"value\" > ?",
            List.of("eval_accuracy", 0.8), List.of("'eval_accuracy'", "0.8"),
            List.of("eval_accuracy", "0.8")),
        Case.text("SELECT run_id FROM run_inputs WHERE dataset_name = ?", "fx-train"),
        Case.text("SELECT run_id FROM run_inputs WHERE dataset_digest = ?", "e5f6a7b8"),
        Case.text("SELECT run_id FROM run_inputs WHERE tags['mlflow.data.context'] = ?", "eval"),
        Case.of("SELECT run_name FROM runs WHERE experiment_id IN ('1', '2') "
            + "ORDER BY start_time DESC LIMIT ?", 5, "5", "5"),
        new Case("SELECT run_name FROM runs WHERE experiment_id = ? ORDER BY start_time LIMIT ?",
            List.of("1", 3), List.of("'1'", "3"), List.of("1", "3")));
  }

  @ParameterizedTest
  @MethodSource("pushableColumns")
  void aParameterReachesMlflowAsTheLiteralWould(Case c) throws SQLException {
    String literal = scan(explain(c.literalSql(), List.of()));
    String withParameters = scan(explain(c.sql(), c.values()));
    for (int i = c.values().size() - 1; i >= 0; i--) {
      withParameters = withParameters.replace("?" + i, c.inCore().get(i));
    }
    assertEquals(literal, withParameters);
  }

  @Test
  void exactParameterisedFiltersAreCheckedAgainByCalcite() throws SQLException {
    String plan = String.join("\n", explain(
        "SELECT run_id FROM runs WHERE experiment_id = ? AND status = 'FINISHED'",
        List.of("1")));
    assertTrue(plan.contains("recheck=[experiment_id = '?0', status = 'FINISHED']"), plan);
  }

  @Test
  void literalFiltersAreNotCheckedAgain() throws SQLException {
    String plan = String.join("\n", explain(
        "SELECT run_id FROM runs WHERE experiment_id = '1' ORDER BY start_time LIMIT ?",
        List.of(3)));
    assertTrue(plan.contains("PushedLimit: ?0"), plan);
    assertTrue(!plan.contains("recheck"), plan);
  }

  /** The EXPLAIN lines of a query, its parameters bound. */
  private static List<String> explain(String sql, List<Object> values) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement("EXPLAIN PLAN FOR " + sql)) {
      JdbcTesting.bind(ps, values.toArray());
      try (ResultSet rs = ps.executeQuery()) {
        List<String> lines = new java.util.ArrayList<>();
        while (rs.next()) {
          lines.addAll(List.of(rs.getString(1).split("\n")));
        }
        return lines;
      }
    }
  }

  /** Core's description of the MLflow scan in a plan: what MLflow is asked. */
  private static String scan(List<String> plan) {
    for (String line : plan) {
      int start = line.indexOf("MlflowToEnumerableConverter(mlflow=[");
      if (start >= 0) {
        String rest = line.substring(start + "MlflowToEnumerableConverter(mlflow=[".length());
        int end = rest.indexOf("], recheck=[");
        return rest.substring(0, end >= 0 ? end : rest.lastIndexOf("])"));
      }
    }
    throw new AssertionError("no MLflow scan in " + plan);
  }
}
