package org.mlflowtables.jdbc.reliability;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.mlflowtables.jdbc.JdbcTesting;

/**
 * JDBC helpers of the reliability tests: rows as canonical text. Connections and column
 * values come from {@link JdbcTesting}, as in the driver's other tests.
 */
final class JdbcRel {
  private JdbcRel() {}


  /** The rows of a query as sorted canonical text (times as epoch milliseconds). */
  static List<String> query(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      List<String> out = new ArrayList<>();
      while (rs.next()) {
        out.add(row(rs));
      }
      out.sort(null);
      return out;
    }
  }

  /** The result set's current row as canonical text. */
  static String row(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    Object[] row = new Object[md.getColumnCount()];
    for (int i = 1; i <= row.length; i++) {
      row[i - 1] = JdbcTesting.value(rs, i, md.getColumnType(i));
    }
    return row(row);
  }

  /** Core-typed rows (the oracle's) as sorted canonical text. */
  static List<String> coreRows(Collection<List<Object>> rows) {
    return rows.stream().map(r -> row(r.toArray())).sorted().collect(Collectors.toList());
  }

  static String row(Object... values) {
    return Arrays.stream(values).map(JdbcRel::value).collect(Collectors.joining(" | "));
  }

  static String value(Object v) {
    if (v == null) {
      return "NULL";
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, String> sorted = new TreeMap<>();
      m.forEach((k, x) -> sorted.put(String.valueOf(k), value(x)));
      return sorted.toString();
    }
    if (v instanceof List<?> l) {
      return l.stream().map(JdbcRel::value).collect(Collectors.toList()).toString();
    }
    if (v instanceof Number n && !(v instanceof Double) && !(v instanceof Float)) {
      return Long.toString(n.longValue());
    }
    if (v instanceof Float f) {
      return Double.toString(f.doubleValue());
    }
    return String.valueOf(v);
  }

}
