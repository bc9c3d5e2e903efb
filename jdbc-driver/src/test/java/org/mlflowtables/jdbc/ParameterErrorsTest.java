package org.mlflowtables.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A NULL parameter, or one of another type than its column, fails the statement before any
 * request, naming the parameter, the column and the table. The driver points at a port nothing
 * listens on: a request would fail with a connection error instead.
 */
class ParameterErrorsTest {
  private static Connection conn;

  @BeforeAll
  static void connect() throws SQLException {
    conn = JdbcTesting.connect("http://127.0.0.1:1", "maxRetries=0");
  }

  @AfterAll
  static void close() throws SQLException {
    conn.close();
  }

  @Test
  void aNullParameterNamesTheColumnAndSaysToUseIsNull() {
    SQLException e = failure("SELECT run_id FROM runs WHERE status = ?",
        ps -> ps.setNull(1, Types.VARCHAR));
    assertEquals("22004", sqlState(e));
    assertTrue(e.getMessage().contains("Parameter 1 (compared with status of MLflow table "
        + "'runs') is NULL") && e.getMessage().contains("status IS NULL"), e.getMessage());
  }

  @Test
  void aNullParameterFailsInAnAggregateToo() {
    SQLException e = failure("SELECT count(*) FROM runs WHERE experiment_id = ?",
        ps -> ps.setNull(1, Types.VARCHAR));
    assertTrue(e.getMessage().contains("experiment_id") && e.getMessage().contains("NULL"),
        e.getMessage());
  }

  @Test
  void aStringForATimestampNamesTheColumnAndTheSetterToUse() {
    SQLException e = failure("SELECT run_id FROM runs WHERE start_time > ?",
        ps -> ps.setString(1, "yesterday"));
    assertEquals("22018", sqlState(e));
    assertTrue(e.getMessage().contains("Parameter 1 (compared with start_time of MLflow table "
        + "'runs') is a String") && e.getMessage().contains("setTimestamp"), e.getMessage());
  }

  @Test
  void aNumberForAMapEntryOfStringsNamesTheEntry() {
    SQLException e = failure("SELECT run_id FROM runs WHERE params['lr'] = ?",
        ps -> ps.setDouble(1, 0.01));
    assertTrue(e.getMessage().contains("params['lr']") && e.getMessage().contains("setString"),
        e.getMessage());
  }

  @Test
  void aNullLimitSaysSo() {
    SQLException e = failure("SELECT run_id FROM runs ORDER BY start_time LIMIT ?",
        ps -> ps.setNull(1, Types.INTEGER));
    assertTrue(e.getMessage().contains("Parameter 1 (a LIMIT or OFFSET of MLflow table 'runs') "
        + "is NULL"), e.getMessage());
  }

  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  private static SQLException failure(String sql, Binder binder) {
    return assertThrows(SQLException.class, () -> {
      try (PreparedStatement ps = conn.prepareStatement(sql)) {
        binder.bind(ps);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
        }
      }
    });
  }

  /**
   * The SQLState of the driver's exception: Avatica wraps an exception raised while a statement
   * starts, as these are, in one of its own without a state.
   */
  private static String sqlState(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && s.getSQLState() != null) {
        return s.getSQLState();
      }
    }
    return null;
  }
}
