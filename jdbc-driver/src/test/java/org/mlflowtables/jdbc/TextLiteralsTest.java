package org.mlflowtables.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Text literals of different lengths keep their own length where they meet in one type (the rows
 * of a VALUES, the keys and values of a MAP): what an INSERT writes is what was typed. No server:
 * these statements read no table.
 */
class TextLiteralsTest {
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
  void theRowsOfAValuesAreNotPaddedToTheLongest() throws SQLException {
    List<String> keys = new ArrayList<>();
    try (Statement s = conn.createStatement();
        ResultSet rs = s.executeQuery("SELECT k FROM (VALUES ('a'), ('bbb')) AS t(k)")) {
      while (rs.next()) {
        keys.add(rs.getString(1));
      }
    }
    assertEquals(List.of("a", "bbb"), keys);
  }

  @Test
  void theKeysAndValuesOfAMapAreNotPadded() throws SQLException {
    try (Statement s = conn.createStatement();
        ResultSet rs = s.executeQuery("SELECT MAP['team', 'vision', 'source', 'csv']")) {
      rs.next();
      assertEquals(Map.of("team", "vision", "source", "csv"), rs.getObject(1));
    }
  }
}
