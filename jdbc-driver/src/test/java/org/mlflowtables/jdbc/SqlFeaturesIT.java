package org.mlflowtables.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.mlflowtables.jdbc.JdbcTesting.activeRuns;
import static org.mlflowtables.jdbc.JdbcTesting.canonical;
import static org.mlflowtables.jdbc.JdbcTesting.fxExperimentIds;
import static org.mlflowtables.jdbc.JdbcTesting.row;
import static org.mlflowtables.jdbc.JdbcTesting.rows;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mlflowtables.core.testing.MlflowServer;
import org.mlflowtables.core.testing.MlflowServerExtension;
import org.mlflowtables.core.testing.Oracle;

/** Full SQL over the tables: joins, aggregation, window functions, subqueries, identifiers. */
@ExtendWith(MlflowServerExtension.class)
class SqlFeaturesIT {
  private static Connection conn;
  private static Oracle oracle;
  private static String fx;
  private static List<Oracle.Run> runs;

  @BeforeAll
  static void connect(MlflowServer server, Oracle o) throws SQLException {
    conn = JdbcTesting.connect(server);
    oracle = o;
    fx = fxExperimentIds(o);
    runs = activeRuns(o);
  }

  @AfterAll
  static void close() throws SQLException {
    conn.close();
  }

  @Test
  void joinRunsWithModelVersions() throws SQLException {
    List<List<Object>> expected = new ArrayList<>();
    for (Oracle.ModelVersion v : oracle.modelVersions()) {
      for (Oracle.Run r : runs) {
        if (r.runId().equals(v.runId())) {
          expected.add(row(r.runName(), v.name(), v.version()));
        }
      }
    }
    assertFalse(expected.isEmpty());
    assertEquals(canonical(expected), canonical(rows(conn,
        "SELECT r.run_name, mv.name, mv.version FROM runs r JOIN model_versions mv "
            + "ON r.run_id = mv.run_id WHERE mv.name LIKE 'fx-%' AND r.experiment_id IN " + fx)));
  }

  @Test
  void joinParamsWithLatestMetrics() throws SQLException {
    List<List<Object>> expected = new ArrayList<>();
    for (Oracle.Run r : runs) {
      String lr = r.params().get("lr");
      Double acc = r.metrics().get("accuracy");
      if (lr != null && acc != null) {
        expected.add(row(r.runId(), lr, acc));
      }
    }
    assertFalse(expected.isEmpty());
    assertEquals(canonical(expected), canonical(rows(conn,
        "SELECT p.run_id, p.value, m.value FROM params p JOIN latest_metrics m "
            + "ON p.run_id = m.run_id WHERE p.key = 'lr' AND m.key = 'accuracy' "
            + "AND p.experiment_id IN " + fx)));
  }

  @Test
  void groupByExperiment() throws SQLException {
    Map<String, Long> counts = new TreeMap<>();
    for (Oracle.Run r : runs) {
      counts.merge(r.experimentId(), 1L, Long::sum);
    }
    List<List<Object>> expected = counts.entrySet().stream()
        .map(e -> row(oracle.experimentById(e.getKey()).name(), e.getValue()))
        .collect(Collectors.toList());
    assertEquals(canonical(expected), canonical(rows(conn,
        "SELECT e.name, COUNT(*) FROM runs r JOIN experiments e "
            + "ON r.experiment_id = e.experiment_id WHERE e.name LIKE 'fx-%' GROUP BY e.name")));
  }

  @Test
  void windowFunctionBestRunPerExperiment() throws SQLException {
    Map<String, Oracle.Run> best = new TreeMap<>();
    Comparator<Oracle.Run> byLoss = Comparator.comparing(r -> r.metrics().get("loss"));
    for (Oracle.Run r : runs) {
      if (r.metrics().get("loss") != null) {
        best.merge(r.experimentId(), r, (a, b) -> byLoss.compare(a, b) <= 0 ? a : b);
      }
    }
    List<List<Object>> expected = best.values().stream()
        .map(r -> row(r.experimentId(), r.runName(), r.metrics().get("loss")))
        .collect(Collectors.toList());
    assertEquals(canonical(expected), canonical(rows(conn,
        "SELECT experiment_id, run_name, loss FROM ("
            + " SELECT experiment_id, run_name, metrics['loss'] AS loss,"
            + " ROW_NUMBER() OVER (PARTITION BY experiment_id ORDER BY metrics['loss']) AS rn"
            + " FROM runs WHERE experiment_id IN " + fx + " AND metrics['loss'] IS NOT NULL)"
            + " WHERE rn = 1")));
  }

  @Test
  void inSubquery() throws SQLException {
    Set<String> failedIn = runs.stream().filter(r -> r.status().equals("FAILED"))
        .map(Oracle.Run::experimentId).collect(Collectors.toSet());
    List<List<Object>> expected = failedIn.stream()
        .map(id -> row(oracle.experimentById(id).name())).collect(Collectors.toList());
    assertEquals(canonical(expected), canonical(rows(conn,
        "SELECT name FROM experiments WHERE name LIKE 'fx-%' AND experiment_id IN "
            + "(SELECT experiment_id FROM runs WHERE status = 'FAILED')")));
  }

  @Test
  void scalarSubqueryAndExists() throws SQLException {
    double maxLoss = runs.stream().map(r -> r.metrics().get("loss"))
        .filter(v -> v != null).mapToDouble(Double::doubleValue).max().orElseThrow();
    List<List<Object>> expected = runs.stream()
        .filter(r -> r.metrics().get("loss") != null && r.metrics().get("loss") == maxLoss)
        .map(r -> row(r.runName())).collect(Collectors.toList());
    assertEquals(canonical(expected), canonical(rows(conn,
        "SELECT run_name FROM runs r WHERE experiment_id IN " + fx
            + " AND metrics['loss'] = (SELECT MAX(metrics['loss']) FROM runs WHERE "
            + "experiment_id IN " + fx + ") AND EXISTS (SELECT 1 FROM params p "
            + "WHERE p.run_id = r.run_id)")));
  }

  @Test
  void unquotedIdentifiersInAnyCaseAndQuotedReservedWords() throws SQLException {
    Oracle.Run r = runs.get(0);
    Oracle.MetricPoint p = r.latestMetrics().get(0);
    List<List<Object>> lower = rows(conn, "select run_name from runs where run_id = ?", r.runId());
    List<List<Object>> upper = rows(conn, "SELECT RUN_NAME FROM MLFLOW.RUNS WHERE RUN_ID = ?",
        r.runId());
    assertEquals(List.of(List.of(r.runName())), lower);
    assertEquals(lower, upper);
    assertEquals(List.of(row(p.timestamp(), p.step(), p.value())), rows(conn,
        "select \"timestamp\", step, value from latest_metrics where run_id = ? and key = ?",
        r.runId(), p.key()));
  }

  @Test
  void unicodeLiteralsMatch() throws SQLException {
    assertEquals(List.of(List.of("fx-beta")), rows(conn,
        "SELECT name FROM experiments WHERE tags['ключ'] = 'значение'"));
  }
}
