package org.mlflowtables.examples;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;

/**
 * The JDBC half of {@code scripts/demo.sh}, run on nothing but the driver's self-contained jar:
 * {@link JdbcQuery}, then a few SQL questions about the demo project (a window function, the
 * registry joined with runs, params against a metric).
 *
 * <pre>
 * java -cp mlflow-tables-jdbc-&lt;version&gt;-all.jar:examples/target/classes \
 *     org.mlflowtables.examples.DemoJdbc TRACKING_URI
 * </pre>
 */
public final class DemoJdbc {
  static final String USAGE = "usage: DemoJdbc [TRACKING_URI]";

  private DemoJdbc() {}

  public static void main(String[] args) throws SQLException {
    Args a = Args.parse(args, USAGE, Set.of());
    try (Connection c = DriverManager.getConnection("jdbc:mlflow:" + a.uri())) {
      run(c, System.out);
    }
  }

  static void run(Connection c, PrintStream out) throws SQLException {
    JdbcQuery.run(c, "val_loss", "demo/%", 5, out);
    query(c, out, "Best run per experiment by val_loss (ROW_NUMBER window)", """
        SELECT e.name AS experiment, b.run_name, b.val_loss, b.model
        FROM (SELECT experiment_id, run_name, metrics['val_loss'] AS val_loss,
                     params['model'] AS model,
                     ROW_NUMBER() OVER (PARTITION BY experiment_id
                                        ORDER BY metrics['val_loss']) AS rn
              FROM runs WHERE status = 'FINISHED' AND metrics['val_loss'] IS NOT NULL) b
        JOIN experiments e ON e.experiment_id = b.experiment_id
        WHERE b.rn = 1 AND e.name LIKE 'demo/%'
        ORDER BY e.name""");
    query(c, out, "Registered model versions and the runs they came from", """
        SELECT mv.name AS model, mv.version, mv.aliases, r.run_name,
               r.metrics['val_loss'] AS val_loss, mv.creation_time
        FROM model_versions mv JOIN runs r ON r.run_id = mv.run_id
        ORDER BY mv.name, mv.version""");
    query(c, out, "Model families against val_loss (params joined with latest_metrics)", """
        SELECT e.name AS experiment, p.value AS model, COUNT(*) AS runs,
               MIN(m.value) AS best_val_loss, AVG(m.value) AS mean_val_loss
        FROM params p
        JOIN latest_metrics m ON m.run_id = p.run_id
        JOIN experiments e ON e.experiment_id = p.experiment_id
        WHERE p.key = 'model' AND m.key = 'val_loss' AND e.name LIKE 'demo/%'
        GROUP BY e.name, p.value
        ORDER BY e.name, best_val_loss""");
  }

  private static void query(Connection c, PrintStream out, String title, String sql)
      throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      JdbcQuery.print(out, title, rs, 50);
    }
  }
}
