package org.mlflowtables.jdbc;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TimeZone;
import java.util.stream.Collectors;
import org.mlflowtables.core.testing.MlflowServer;
import org.mlflowtables.core.testing.Oracle;

/**
 * Helpers shared by the driver's tests, the reliability tests' among them: connections, rows as
 * plain Java values, the fx scope.
 */
public final class JdbcTesting {
  static final Calendar UTC = Calendar.getInstance(TimeZone.getTimeZone("UTC"));

  private JdbcTesting() {}

  static Connection connect(MlflowServer server, String... settings) throws SQLException {
    return connect(server.uri(), settings);
  }

  /**
   * A connection to the tracking server at {@code uri} (the server itself or a fault proxy in
   * front of it), each setting ({@code name=value}) appended to the URL.
   */
  public static Connection connect(String uri, String... settings) throws SQLException {
    StringBuilder url = new StringBuilder("jdbc:mlflow:").append(uri);
    for (String s : settings) {
      url.append(';').append(s);
    }
    return DriverManager.getConnection(url.toString(), new Properties());
  }

  /** Rows of a query, its parameters bound ({@link #bind}); values as plain Java. */
  static List<List<Object>> rows(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        return rows(rs);
      }
    }
  }

  /** Binds parameters in order; a Timestamp as a UTC time, as the tables read times. */
  static void bind(PreparedStatement ps, Object... params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      if (params[i] instanceof Timestamp t) {
        ps.setTimestamp(i + 1, t, UTC);
      } else {
        ps.setObject(i + 1, params[i]);
      }
    }
  }

  static List<List<Object>> rows(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    List<List<Object>> out = new ArrayList<>();
    while (rs.next()) {
      List<Object> row = new ArrayList<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        row.add(value(rs, i, md.getColumnType(i)));
      }
      out.add(row);
    }
    return out;
  }

  /**
   * A column value as plain Java: TIMESTAMP as Long epoch milliseconds (read in UTC), ARRAY as a
   * List, MAP as a Map, numbers and strings as they are.
   */
  public static Object value(ResultSet rs, int i, int jdbcType) throws SQLException {
    switch (jdbcType) {
      case Types.TIMESTAMP: {
        Timestamp t = rs.getTimestamp(i, UTC);
        return t == null ? null : t.getTime();
      }
      case Types.ARRAY: {
        Array a = rs.getArray(i);
        return a == null ? null : Arrays.asList((Object[]) a.getArray());
      }
      default:
        return rs.getObject(i);
    }
  }

  /** Rows as a sorted list of strings: a multiset comparison with readable failures. */
  static List<String> canonical(List<List<Object>> rows) {
    return rows.stream().map(JdbcTesting::canonicalRow).sorted().collect(Collectors.toList());
  }

  static String canonicalRow(List<Object> row) {
    return row.stream().map(JdbcTesting::canonicalValue).collect(Collectors.joining(" | "));
  }

  private static String canonicalValue(Object v) {
    if (v instanceof Map<?, ?> m) {
      return new java.util.TreeMap<>(m.entrySet().stream().collect(Collectors.toMap(
          e -> String.valueOf(e.getKey()), e -> canonicalValue(e.getValue())))).toString();
    }
    if (v instanceof Number n && !(v instanceof Double) && !(v instanceof Float)) {
      return Long.toString(n.longValue());
    }
    if (v instanceof Float f) {
      return Double.toString(f.doubleValue());
    }
    return String.valueOf(v);
  }

  static List<Object> row(Object... values) {
    return Arrays.asList(values);
  }

  /** The ids of the fixture's active experiments, as a SQL IN list. */
  static String fxExperimentIds(Oracle oracle) {
    return oracle.experiments().stream()
        .filter(e -> "active".equals(e.lifecycleStage()))
        .map(e -> "'" + e.experimentId() + "'")
        .sorted()
        .collect(Collectors.joining(", ", "(", ")"));
  }

  static List<Oracle.Run> activeRuns(Oracle oracle) {
    return oracle.runs().stream()
        .filter(r -> !r.deleted())
        .filter(r -> "active".equals(oracle.experimentById(r.experimentId()).lifecycleStage()))
        .collect(Collectors.toList());
  }

  /** EXPLAIN PLAN FOR a query, as one string. */
  static String explain(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + sql)) {
      StringBuilder b = new StringBuilder();
      while (rs.next()) {
        b.append(rs.getString(1));
      }
      return b.toString();
    }
  }

  static <T> List<T> sortedBy(List<T> list, Comparator<T> order) {
    List<T> copy = new ArrayList<>(list);
    copy.sort(order);
    return copy;
  }

  static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }
}
