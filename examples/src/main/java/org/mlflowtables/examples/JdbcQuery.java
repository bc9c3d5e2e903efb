package org.mlflowtables.examples;

import java.io.PrintStream;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;

/**
 * Queries MLflow over JDBC with nothing but {@code java.sql} and the driver jar on the classpath:
 * connects to {@code jdbc:mlflow:<tracking uri>}, lists the tables from {@link DatabaseMetaData},
 * and runs a parameterised {@link PreparedStatement} (the parameters reach MLflow's search
 * endpoints like literals do).
 *
 * <pre>
 * java -cp mlflow-tables-jdbc-&lt;version&gt;-all.jar:. org.mlflowtables.examples.JdbcQuery \
 *     [TRACKING_URI] [--metric KEY] [--experiments LIKE_PATTERN] [--limit N]
 * </pre>
 *
 * Prints the finished runs with the lowest latest value of the metric (default {@code rmse}).
 */
public final class JdbcQuery {
  static final String USAGE = "usage: JdbcQuery [TRACKING_URI] [--metric KEY]"
      + " [--experiments LIKE_PATTERN] [--limit N]";

  /** The lowest latest values of a metric among finished runs of some experiments. */
  static final String BEST_RUNS_SQL = """
      SELECT e.name AS experiment, r.run_name, m.value AS metric_value, m.step,
             r.params['learning_rate'] AS learning_rate
      FROM latest_metrics m
      JOIN runs r ON r.run_id = m.run_id
      JOIN experiments e ON e.experiment_id = r.experiment_id
      WHERE m.key = ? AND e.name LIKE ? AND r.status = 'FINISHED'
      ORDER BY m.value, r.run_name
      LIMIT ?""";

  private static final Calendar UTC = Calendar.getInstance(TimeZone.getTimeZone("UTC"));

  private JdbcQuery() {}

  public static void main(String[] args) throws SQLException {
    Args a = Args.parse(args, USAGE, Set.of("metric", "experiments", "limit"));
    try (Connection c = DriverManager.getConnection("jdbc:mlflow:" + a.uri())) {
      run(c, a.option("metric", "rmse"), a.option("experiments", "%"),
          Integer.parseInt(a.option("limit", "10")), System.out);
    }
  }

  public static void run(Connection c, String metric, String experimentPattern, int limit,
      PrintStream out) throws SQLException {
    DatabaseMetaData md = c.getMetaData();
    out.println("Connected to " + md.getURL() + " (" + md.getDriverName() + " "
        + md.getDriverVersion() + ")");

    TextTable tables = new TextTable(List.of("table", "type", "columns"));
    try (ResultSet rs = md.getTables(null, "mlflow", "%", null)) {
      while (rs.next()) {
        String table = rs.getString("TABLE_NAME");
        List<String> columns = new ArrayList<>();
        try (ResultSet cols = md.getColumns(null, "mlflow", table, "%")) {
          while (cols.next()) {
            columns.add(cols.getString("COLUMN_NAME"));
          }
        }
        tables.add(Arrays.asList(table, rs.getString("TABLE_TYPE"), String.join(", ", columns)));
      }
    }
    out.println();
    out.println("== Tables (DatabaseMetaData.getTables, schema mlflow)");
    tables.print(out);

    try (PreparedStatement ps = c.prepareStatement(BEST_RUNS_SQL)) {
      ps.setString(1, metric);
      ps.setString(2, experimentPattern);
      ps.setInt(3, limit);
      try (ResultSet rs = ps.executeQuery()) {
        print(out, "Finished runs with the lowest " + metric + " (experiments like '"
            + experimentPattern + "', at most " + limit + ")", rs, limit);
      }
    }
  }

  /** Prints a title and at most {@code maxRows} rows of a result set; returns the rows shown. */
  static int print(PrintStream out, String title, ResultSet rs, int maxRows) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    List<String> header = new ArrayList<>();
    for (int i = 1; i <= md.getColumnCount(); i++) {
      header.add(md.getColumnLabel(i));
    }
    TextTable table = new TextTable(header);
    while (rs.next()) {
      if (table.size() == maxRows) {
        table.truncated();
        break;
      }
      List<Object> row = new ArrayList<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        row.add(value(rs, i, md.getColumnType(i)));
      }
      table.add(row);
    }
    out.println();
    out.println("== " + title);
    table.print(out);
    return table.size();
  }

  private static Object value(ResultSet rs, int i, int type) throws SQLException {
    Object v;
    if (type == Types.TIMESTAMP) {
      v = rs.getTimestamp(i, UTC); // MLflow's times are UTC
    } else {
      v = rs.getObject(i);
    }
    if (v instanceof Array array) {
      v = Arrays.asList((Object[]) array.getArray());
    }
    return rs.wasNull() ? null : v;
  }
}
