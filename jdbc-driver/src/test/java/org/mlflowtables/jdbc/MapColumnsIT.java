package org.mlflowtables.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mlflowtables.core.testing.MlflowServer;
import org.mlflowtables.core.testing.MlflowServerExtension;
import org.mlflowtables.core.testing.Oracle;

/**
 * A whole map column in a result: {@code getObject} is the map, {@code getString} its JSON text
 * (what text-only tools and Spark's JDBC reader get), NaN included.
 */
@ExtendWith(MlflowServerExtension.class)
class MapColumnsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Connection conn;
  private static Oracle.Run run;

  @BeforeAll
  static void connect(MlflowServer server, Oracle oracle) throws SQLException {
    conn = JdbcTesting.connect(server);
    run = JdbcTesting.activeRuns(oracle).stream()
        .filter(r -> r.metrics().containsValue(Double.NaN) && !r.params().isEmpty())
        .findFirst().orElseThrow(() -> new AssertionError("the fixture has a run with a NaN"));
  }

  @AfterAll
  static void close() throws SQLException {
    conn.close();
  }

  private static ResultSet runRow() throws SQLException {
    PreparedStatement ps = conn.prepareStatement(
        "SELECT metrics, params FROM runs WHERE run_id = ?");
    ps.setString(1, run.runId());
    ResultSet rs = ps.executeQuery();
    assertTrue(rs.next());
    return rs;
  }

  @Test
  void mapColumnIsTypedOtherNamedMap() throws SQLException {
    try (ResultSet rs = runRow()) {
      assertEquals(Types.OTHER, rs.getMetaData().getColumnType(1));
      assertEquals("(VARCHAR, DOUBLE) MAP", rs.getMetaData().getColumnTypeName(1));
    }
  }

  @Test
  void getObjectOfMapColumnIsTheMap() throws SQLException {
    try (ResultSet rs = runRow()) {
      assertEquals(run.metrics(), rs.getObject(1));
      assertEquals(run.params(), rs.getObject(2));
    }
  }

  @Test
  void getStringOfMapColumnIsJsonWithNaNAsString() throws Exception {
    try (ResultSet rs = runRow()) {
      String metrics = rs.getString(1);
      assertTrue(metrics.startsWith("{\"") && metrics.contains("\"NaN\""), metrics);
      assertEquals(run.metrics(),
          JSON.readValue(metrics, new TypeReference<Map<String, Double>>() {}));
      assertEquals(run.params(),
          JSON.readValue(rs.getString(2), new TypeReference<Map<String, String>>() {}));
    }
  }
}
