package org.mlflowtables.examples;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;

/**
 * The pass rate of LLM judges per day over JDBC: the share of the boolean feedback that judges
 * ({@code source_type = 'LLM_JUDGE'}) logged on an experiment's MLflow 3 traces that is true. A
 * feedback overridden by another one ({@code valid = false}), a judge's error (no value) and
 * non-boolean values (scores, labels) are left out.
 *
 * <pre>
 * java -cp mlflow-tables-jdbc-&lt;version&gt;-all.jar:. org.mlflowtables.examples.JudgePassRate \
 *     [TRACKING_URI] --experiment NAME
 * </pre>
 */
public final class JudgePassRate {
  static final String USAGE = "usage: JudgePassRate [TRACKING_URI] --experiment NAME";

  /** Judged traces, passes and pass rate per day of the trace and judge, in one experiment. */
  static final String PASS_RATE_SQL = """
      SELECT CAST(trace_request_time AS DATE) AS "day", name AS judge,
             COUNT(*) AS judged,
             SUM(CASE WHEN value_bool THEN 1 ELSE 0 END) AS passed,
             ROUND(CAST(SUM(CASE WHEN value_bool THEN 1 ELSE 0 END) AS DOUBLE) / COUNT(*), 3)
               AS pass_rate
      FROM assessments
      WHERE experiment_id = ? AND kind = 'feedback' AND source_type = 'LLM_JUDGE'
        AND value_bool IS NOT NULL AND valid IS NOT FALSE
      GROUP BY CAST(trace_request_time AS DATE), name
      ORDER BY "day", judge""";

  private JudgePassRate() {}

  public static void main(String[] args) throws SQLException {
    Args a = Args.parse(args, USAGE, Set.of("experiment"));
    String experiment = a.option("experiment", null);
    if (experiment == null) {
      throw new IllegalArgumentException("--experiment is required\n" + USAGE);
    }
    try (Connection c = DriverManager.getConnection("jdbc:mlflow:" + a.uri())) {
      run(c, experiment, System.out);
    }
  }

  /** Prints the pass rates; returns the rows printed. */
  public static int run(Connection c, String experiment, PrintStream out) throws SQLException {
    // The experiment's id first, so that it (not a join) reaches search-traces.
    String experimentId = null;
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT experiment_id FROM experiments WHERE name = ?")) {
      ps.setString(1, experiment);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          experimentId = rs.getString(1);
        }
      }
    }
    if (experimentId == null) {
      out.println("No experiment is named '" + experiment + "'.");
      return 0;
    }
    try (PreparedStatement ps = c.prepareStatement(PASS_RATE_SQL)) {
      ps.setString(1, experimentId);
      try (ResultSet rs = ps.executeQuery()) {
        return JdbcQuery.print(out, "LLM judges' pass rate per day in '" + experiment + "'", rs,
            1_000);
      }
    }
  }
}
