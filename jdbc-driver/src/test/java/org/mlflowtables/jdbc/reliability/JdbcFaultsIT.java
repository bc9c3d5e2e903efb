package org.mlflowtables.jdbc.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mlflowtables.core.reliability.FaultProxy;
import org.mlflowtables.core.reliability.FaultProxy.Fault;
import org.mlflowtables.core.reliability.FaultsITBase;
import org.mlflowtables.core.reliability.Figures;
import org.mlflowtables.core.testing.OracleRows;
import org.mlflowtables.jdbc.JdbcTesting;

/**
 * JDBC queries through {@link FaultProxy} in front of the real server: under bursts of every
 * transient fault and across a simulated restart in the middle of a result set, answers equal
 * MLflow's Python client; a spent retry budget fails the statement with an SQLException naming
 * the fault, after rows were already read, rather than ending the result set early.
 */
@Timeout(value = 100, unit = TimeUnit.SECONDS)
class JdbcFaultsIT extends FaultsITBase<List<String>> {
  private static Connection connect(String maxRetries, String pageSize) throws SQLException {
    return JdbcTesting.connect(proxy.uri(), "viewType=ALL", "maxRetries=" + maxRetries,
        "timeoutSeconds=2", "pageSize=" + pageSize);
  }

  static List<String> tablesUnderFaults() {
    return List.of("experiments", "runs", "latest_metrics", "tags", "metrics",
        "registered_models", "logged_models");
  }

  @Override
  protected List<String> readUnderFaults(String table) {
    String where = switch (table) {
      case "experiments" -> "name LIKE 'fx-%'";
      case "registered_models" -> "name LIKE 'fx-%'";
      default -> "experiment_id IN " + fixtureExperimentsSql();
    };
    try (Connection c = connect("6", table.equals("metrics") ? "50" : "4")) {
      return JdbcRel.query(c, "SELECT * FROM " + table + " WHERE " + where);
    } catch (SQLException e) {
      throw new AssertionError(table + " under " + proxy.injected(), e);
    }
  }

  @Override
  protected List<String> oracleAnswer(String table) {
    return JdbcRel.coreRows(OracleRows.rows(oracle, table));
  }

  @Override
  protected int rows(List<String> answer) {
    return answer.size();
  }

  @ParameterizedTest
  @EnumSource(value = Fault.class, names = {"HTTP_503", "HTTP_429", "RESET_BEFORE_ANSWER",
      "SLOWER_THAN_TIMEOUT", "TRUNCATED_JSON", "HTML_502_FROM_PROXY", "HTML_200_FROM_PROXY"})
  void aSpentBudgetFailsTheStatementMidResultNeverEndsItEarly(Fault fault) throws Exception {
    proxy.plan(r -> r.seq() <= 2 ? Fault.NONE : fault);
    int read = 0;
    SQLException e;
    try (Connection c = connect("1", "3"); Statement s = c.createStatement()) {
      ResultSet rs = s.executeQuery("SELECT run_id FROM runs WHERE experiment_id IN "
          + fixtureExperimentsSql());
      int[] n = {0};
      e = assertThrows(SQLException.class, () -> {
        while (rs.next()) {
          n[0]++;
        }
      });
      read = n[0];
    }
    String m = messages(e);
    assertTrue(read > 0 && read < oracle.runs().size(), "failed after " + read + " rows");
    assertTrue(m.contains("/api/2.0/mlflow/runs/search"), m);
    assertTrue(m.contains("gave up after 2 attempts"), m);
    assertTrue(m.contains(switch (fault) {
      case HTTP_503 -> "HTTP 503";
      case HTTP_429 -> "HTTP 429";
      case RESET_BEFORE_ANSWER -> "connection failed";
      case SLOWER_THAN_TIMEOUT -> "timed out";
      case TRUNCATED_JSON -> "truncated JSON";
      case HTML_502_FROM_PROXY -> "HTTP 502";
      default -> "text/html, not MLflow JSON";
    }), m);
    Figures.addFaults(JdbcFaultsIT.class, "aSpentBudgetFailsTheStatementMidResultNeverEndsItEarly",
        proxy);
    Figures.add(JdbcFaultsIT.class, "aSpentBudgetFailsTheStatementMidResultNeverEndsItEarly",
        "statementsFailedCleanly", 1);
    System.out.println(fault + " after " + read + " rows -> " + e.getMessage());
  }

  @Test
  void aResultSetRidesOutAServerRestart() throws Exception {
    List<String> actual = new ArrayList<>();
    boolean restarted = false;
    try (Connection c = connect("12", "2"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT run_id, key, \"value\" FROM params WHERE "
            + "experiment_id IN " + fixtureExperimentsSql())) {
      while (rs.next()) {
        actual.add(rs.getString(1) + " | " + rs.getString(2) + " | " + rs.getString(3));
        if (actual.size() == 5) {
          proxy.outage(Duration.ofMillis(2_500), false);
          restarted = true;
        }
      }
    }
    assertTrue(restarted);
    actual.sort(null);
    List<String> expected = oracle.params().stream()
        .map(p -> p.runId() + " | " + p.key() + " | " + p.value()).sorted().toList();
    assertEquals(expected, actual);
    Figures.add(JdbcFaultsIT.class, "aResultSetRidesOutAServerRestart", "fault.SERVER_RESTART",
        1);
    Figures.add(JdbcFaultsIT.class, "aResultSetRidesOutAServerRestart", "rowsCompared",
        expected.size());
  }
}
