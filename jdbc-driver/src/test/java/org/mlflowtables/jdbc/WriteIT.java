package org.mlflowtables.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mlflowtables.jdbc.JdbcTesting.UTC;
import static org.mlflowtables.jdbc.JdbcTesting.canonical;
import static org.mlflowtables.jdbc.JdbcTesting.row;
import static org.mlflowtables.jdbc.JdbcTesting.rows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.config.MlflowConfig;
import org.mlflowtables.core.testing.MlflowServer;
import org.mlflowtables.core.testing.MlflowServerExtension;

/** INSERT into metrics, params and tags through core's log-batch writer, read back by SQL. */
@ExtendWith(MlflowServerExtension.class)
class WriteIT {
  private static final long T0 = 1_700_000_000_000L;

  private static MlflowServer server;
  private static MlflowClient client;
  private static Connection conn;
  private static String experimentId;

  @BeforeAll
  static void setUp(MlflowServer s) throws SQLException {
    server = s;
    client = MlflowClient.create(MlflowConfig.from(Map.of("uri", s.uri())));
    experimentId = client.createExperiment("jdbc-write-" + System.nanoTime(), null, Map.of());
    conn = JdbcTesting.connect(s);
  }

  @AfterAll
  static void close() throws SQLException {
    conn.close();
  }

  private static String newRun(String name) {
    return client.createRun(experimentId, name, T0, Map.of()).info().runId();
  }

  @Test
  void insertValuesWritesAndReturnsTheRowCount() throws SQLException {
    String run = newRun("values");
    try (Statement s = conn.createStatement()) {
      int n = s.executeUpdate("INSERT INTO mlflow.metrics (run_id, key, value, \"timestamp\", step) "
          + "VALUES ('" + run + "', 'rmse', 0.5, TIMESTAMP '2024-01-01 00:00:00', 1), "
          + "('" + run + "', 'rmse', 0.25, TIMESTAMP '2024-01-01 00:00:01', 2)");
      assertEquals(2, n);
    }
    assertEquals(List.of(row(0.5, 1704067200000L, 1L), row(0.25, 1704067201000L, 2L)),
        rows(conn, "SELECT value, \"timestamp\", step FROM metrics WHERE run_id = ? "
            + "ORDER BY step", run));
    assertEquals(List.of(row(0.25)),
        rows(conn, "SELECT metrics['rmse'] FROM runs WHERE run_id = ?", run));
  }

  @Test
  void stepMayBeLeftOutAndIsZero() throws SQLException {
    String run = newRun("no-step");
    try (Statement s = conn.createStatement()) {
      assertEquals(1, s.executeUpdate("INSERT INTO metrics (run_id, key, value, \"timestamp\") "
          + "VALUES ('" + run + "', 'k', 3.0, TIMESTAMP '2024-01-01 00:00:00')"));
    }
    assertEquals(List.of(row(0L)), rows(conn, "SELECT step FROM metrics WHERE run_id = ?", run));
  }

  @Test
  void batchOfTenThousandPointsLandsExactly() throws SQLException {
    List<String> runs = List.of(newRun("batch-0"), newRun("batch-1"), newRun("batch-2"),
        newRun("batch-3"));
    List<List<Object>> written = new ArrayList<>();
    long before = server.requestCount();
    try (PreparedStatement ps = conn.prepareStatement("INSERT INTO metrics "
        + "(run_id, key, value, \"timestamp\", step) VALUES (?, ?, ?, ?, ?)")) {
      for (int i = 0; i < 10_000; i++) {
        String run = runs.get(i % runs.size());
        String key = i % 2 == 0 ? "loss" : "val/loss";
        double value = i / 7.0;
        long ts = T0 + i;
        ps.setString(1, run);
        ps.setString(2, key);
        ps.setDouble(3, value);
        ps.setTimestamp(4, new Timestamp(ts), UTC);
        ps.setLong(5, i);
        ps.addBatch();
        written.add(row(run, key, value, ts, (long) i));
      }
      int[] counts = ps.executeBatch();
      int[] ones = new int[10_000];
      Arrays.fill(ones, 1);
      assertArrayEquals(ones, counts);
    }
    long requests = server.requestCount() - before;
    assertTrue(requests < 100, "a batch is a few log-batch requests, not one per row: "
        + requests);
    assertEquals(canonical(written), canonical(rows(conn,
        "SELECT run_id, key, value, \"timestamp\", step FROM metrics WHERE experiment_id = ? "
            + "AND run_id IN (?, ?, ?, ?)", experimentId, runs.get(0), runs.get(1), runs.get(2),
        runs.get(3))));
    // ... and MLflow's own Python client reads back the same points.
    String python = server.runPython(java.time.Duration.ofMinutes(2), "-c", String.join("\n",
        "import mlflow",
        "c = mlflow.MlflowClient()",
        "for r in " + runs.stream().map(x -> "'" + x + "'").toList() + ":",
        "    for k in ('loss', 'val/loss'):",
        "        for m in c.get_metric_history(r, k):",
        "            print('%s|%s|%d|%d|%r' % (r, k, m.step, m.timestamp, m.value))"));
    java.util.Set<String> expected = new java.util.HashSet<>();
    for (List<Object> w : written) {
      expected.add(w.get(0) + "|" + w.get(1) + "|" + w.get(4) + "|" + w.get(3) + "|" + w.get(2));
    }
    List<String> lines = List.of(python.strip().split("\n"));
    assertEquals(10_000, lines.size());
    assertEquals(expected, new java.util.HashSet<>(lines));
  }

  @Test
  void batchParametersGoThroughTheStatementsExpressions() throws SQLException {
    String run = newRun("batch-expressions");
    try (PreparedStatement ps = conn.prepareStatement("INSERT INTO metrics (run_id, key, value, "
        + "\"timestamp\", step) VALUES (?, 'twice', CAST(? AS DOUBLE) * 2, ?, ? + 10)")) {
      for (int i = 0; i < 3; i++) {
        ps.setString(1, run);
        ps.setDouble(2, i + 0.25);
        ps.setTimestamp(3, new Timestamp(T0 + i), UTC);
        ps.setInt(4, i);
        ps.addBatch();
      }
      assertArrayEquals(new int[] {1, 1, 1}, ps.executeBatch());
    }
    assertEquals(List.of(row(0.5, T0, 10L), row(2.5, T0 + 1, 11L), row(4.5, T0 + 2, 12L)),
        rows(conn, "SELECT value, \"timestamp\", step FROM metrics WHERE run_id = ? "
            + "ORDER BY step", run));
  }

  @Test
  void batchWithAnUnboundParameterFailsAndWritesNothing() throws SQLException {
    String run = newRun("batch-unbound");
    try (PreparedStatement ps = conn.prepareStatement("INSERT INTO params (run_id, key, value) "
        + "VALUES (?, ?, ?)")) {
      ps.setString(1, run);
      ps.setString(2, "a");
      ps.setString(3, "1");
      ps.addBatch();
      ps.clearParameters();
      ps.setString(1, run);
      ps.setString(2, "b");
      ps.addBatch();
      SQLException e = assertThrows(SQLException.class, ps::executeBatch);
      assertTrue(String.valueOf(e.getMessage()).contains("unbound parameter"), e.getMessage());
    }
    assertEquals(List.of(row(0L)),
        rows(conn, "SELECT COUNT(*) FROM params WHERE run_id = ?", run));
  }

  @Test
  void batchWithAValueItsColumnCannotTakeFailsAndWritesNothing() throws SQLException {
    String run = newRun("batch-bad-value");
    try (PreparedStatement ps = conn.prepareStatement("INSERT INTO metrics (run_id, key, value, "
        + "\"timestamp\", step) VALUES (?, 'm', ?, ?, 0)")) {
      ps.setString(1, run);
      ps.setDouble(2, 1.0);
      ps.setTimestamp(3, new Timestamp(T0), UTC);
      ps.addBatch();
      ps.setString(2, "not a number");
      ps.addBatch();
      assertThrows(SQLException.class, ps::executeBatch);
    }
    assertEquals(List.of(row(0L)),
        rows(conn, "SELECT COUNT(*) FROM metrics WHERE run_id = ?", run));
  }

  @Test
  void batchRowsShareTheTimeTheBatchBegan() throws SQLException {
    String run = newRun("batch-now");
    long before = System.currentTimeMillis();
    try (PreparedStatement ps = conn.prepareStatement("INSERT INTO metrics (run_id, key, value, "
        + "\"timestamp\", step) VALUES (?, 'now', 1.0, CURRENT_TIMESTAMP, ?)")) {
      for (int i = 0; i < 3; i++) {
        ps.setString(1, run);
        ps.setInt(2, i);
        ps.addBatch();
      }
      ps.executeBatch();
    }
    long after = System.currentTimeMillis();
    List<List<Object>> times = rows(conn,
        "SELECT DISTINCT \"timestamp\" FROM metrics WHERE run_id = ?", run);
    assertEquals(1, times.size(), times.toString());
    // CURRENT_TIMESTAMP is in the connection's time zone: within a day of the clock
    long t = (Long) times.get(0).get(0);
    assertTrue(t > before - 86_400_000L && t < after + 86_400_000L, times.toString());
  }

  @Test
  void aStatementExecutesAloneAfterItsBatch() throws SQLException {
    String run = newRun("batch-then-alone");
    try (PreparedStatement ps = conn.prepareStatement("INSERT INTO tags (run_id, key, value) "
        + "VALUES (?, ?, ?)")) {
      ps.setString(1, run);
      ps.setString(2, "in-batch");
      ps.setString(3, "1");
      ps.addBatch();
      assertArrayEquals(new int[] {1}, ps.executeBatch());
      ps.setString(2, "alone");
      ps.setString(3, "2");
      assertEquals(1, ps.executeUpdate());
    }
    assertEquals(List.of(row("alone", "2"), row("in-batch", "1")), rows(conn,
        "SELECT key, value FROM tags WHERE run_id = ? AND key IN ('alone', 'in-batch') "
            + "ORDER BY key", run));
  }

  @Test
  void statementBatchesAreWrittenTogether() throws SQLException {
    String run = newRun("statement-batch");
    try (Statement s = conn.createStatement()) {
      for (int i = 0; i < 3; i++) {
        s.addBatch("INSERT INTO tags (run_id, key, value) VALUES ('" + run + "', 't" + i
            + "', 'v" + i + "')");
      }
      assertEquals(3, s.executeBatch().length);
    }
    assertEquals(List.of(row("t0", "v0"), row("t1", "v1"), row("t2", "v2")), rows(conn,
        "SELECT key, value FROM tags WHERE run_id = ? AND key LIKE 't_' ORDER BY key", run));
  }

  @Test
  void insertSelectCopiesRows() throws SQLException {
    String source = newRun("copy-source");
    String target = newRun("copy-target");
    try (Statement s = conn.createStatement()) {
      s.executeUpdate("INSERT INTO metrics (run_id, key, value, \"timestamp\", step) VALUES "
          + "('" + source + "', 'acc', 0.1, TIMESTAMP '2024-02-01 00:00:00', 0), "
          + "('" + source + "', 'acc', 0.2, TIMESTAMP '2024-02-01 00:00:01', 1), "
          + "('" + source + "', 'acc', 0.3, TIMESTAMP '2024-02-01 00:00:02', 2)");
    }
    try (PreparedStatement ps = conn.prepareStatement("INSERT INTO metrics "
        + "(run_id, key, value, \"timestamp\", step) SELECT ?, 'acc_copy', value, \"timestamp\", "
        + "step FROM metrics WHERE run_id = ? AND key = 'acc'")) {
      ps.setString(1, target);
      ps.setString(2, source);
      assertEquals(3, ps.executeUpdate());
    }
    assertEquals(rows(conn, "SELECT value, \"timestamp\", step FROM metrics WHERE run_id = ? "
            + "AND key = 'acc' ORDER BY step", source),
        rows(conn, "SELECT value, \"timestamp\", step FROM metrics WHERE run_id = ? "
            + "AND key = 'acc_copy' ORDER BY step", target));
  }

  @Test
  void paramsAndTagsAreWritten() throws SQLException {
    String run = newRun("params-tags");
    try (Statement s = conn.createStatement()) {
      assertEquals(2, s.executeUpdate("INSERT INTO params (run_id, key, value) VALUES "
          + "('" + run + "', 'lr', '0.01'), ('" + run + "', 'layers/hidden', 'ünï 🚀')"));
      assertEquals(1, s.executeUpdate("INSERT INTO tags (run_id, key, value) VALUES "
          + "('" + run + "', 'team', 'it''s us')"));
    }
    assertEquals(List.of(row("0.01", "ünï 🚀", "it's us")), rows(conn,
        "SELECT params['lr'], params['layers/hidden'], tags['team'] FROM runs WHERE run_id = ?",
        run));
  }

  @Test
  void insertingAgainWritesNothing() throws SQLException {
    String run = newRun("again");
    String sql = "INSERT INTO metrics (run_id, key, value, \"timestamp\", step) VALUES "
        + "('" + run + "', 'm', 1.5, TIMESTAMP '2024-03-01 00:00:00', 7)";
    try (Statement s = conn.createStatement()) {
      assertEquals(1, s.executeUpdate(sql));
      assertEquals(0, s.executeUpdate(sql));
    }
    assertEquals(List.of(row(1L)),
        rows(conn, "SELECT COUNT(*) FROM metrics WHERE run_id = ? AND key = 'm'", run));
  }

  @Test
  void changingAParamNamesTheRunAndKey() throws SQLException {
    String run = newRun("param-change");
    try (Statement s = conn.createStatement()) {
      s.executeUpdate("INSERT INTO params (run_id, key, value) VALUES ('" + run + "', 'p', 'a')");
      SQLException e = assertThrows(SQLException.class, () -> s.executeUpdate(
          "INSERT INTO params (run_id, key, value) VALUES ('" + run + "', 'p', 'b')"));
      assertTrue(e.getMessage().contains(run), e.getMessage());
      assertTrue(e.getMessage().contains("'p'") || e.getMessage().contains(" p "),
          e.getMessage());
    }
  }

  @Test
  void unknownRunIsNamed() {
    SQLException e = assertThrows(SQLException.class, () -> {
      try (Statement s = conn.createStatement()) {
        s.executeUpdate("INSERT INTO metrics (run_id, key, value, \"timestamp\") VALUES "
            + "('no-such-run-0000', 'm', 1.0, TIMESTAMP '2024-01-01 00:00:00')");
      }
    });
    assertTrue(e.getMessage().contains("no-such-run-0000"), e.getMessage());
    assertTrue(e.getMessage().contains("'metrics'"), e.getMessage());
  }
}
