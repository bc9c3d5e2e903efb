package org.mlflowtables.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mlflowtables.core.catalog.Tables;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.testing.MlflowServer;
import org.mlflowtables.core.testing.MlflowServerExtension;
import org.mlflowtables.core.write.LogBatchWriter;
import org.mlflowtables.core.write.MetricRow;
import org.mlflowtables.core.write.ParamRow;

/**
 * JdbcQuery in a JVM of its own whose classpath is the driver's self-contained jar and the
 * example's classes, as a user runs it: it lists the tables and runs its parameterised query.
 */
@ExtendWith(MlflowServerExtension.class)
class JdbcQueryIT {
  private static final long T0 = 1_714_000_000_000L;

  @Test
  void listsTablesAndRunsTheParameterisedQuery(MlflowServer server) {
    String prefix = "jdbc-" + UUID.randomUUID().toString().substring(0, 8);
    MlflowClient client = ExampleTesting.client(server);
    String exp = client.createExperiment(prefix + "-exp", null, Map.of());
    Object[][] runs = {
        {"slow", 0.9, "0.001", "FINISHED"}, {"fast", 0.3, "0.1", "FINISHED"},
        {"mid", 0.5, "0.01", "FINISHED"}, {"broken", 0.1, "1.0", "FAILED"},
        {"other", 0.7, "0.05", "FINISHED"}};
    try (LogBatchWriter w = LogBatchWriter.create(client)) {
      long t = T0;
      for (Object[] r : runs) {
        t += 1_000;
        String id = client.createRun(exp, (String) r[0], t, Map.of()).info().runId();
        w.add(MetricRow.of(id, "rmse", (Double) r[1] + 1, t, 0));
        w.add(MetricRow.of(id, "rmse", (Double) r[1], t + 1, 7));
        w.add(new ParamRow(id, "learning_rate", (String) r[2]));
        w.flush();
        client.updateRun(id, (String) r[3], t + 100, null);
      }
    }

    String classpath = Command.builtFile("mlflowtables.driverJar") + File.pathSeparator
        + Command.builtFile("mlflowtables.examplesClasses");
    Command.Result r = Command.java(classpath, "org.mlflowtables.examples.JdbcQuery",
            server.uri(), "--metric", "rmse", "--experiments", prefix + "%", "--limit", "3")
        .runOk(Duration.ofMinutes(3));
    String out = r.stdout();

    assertTrue(out.contains("Connected to jdbc:mlflow:" + server.uri() + " ("), r.describe());
    for (String table : Tables.names()) {
      assertTrue(Pattern.compile("(?m)^\\| " + table + " +\\| TABLE ").matcher(out).find(),
          table + " not listed:\n" + r.describe());
    }
    // The three lowest finished runs, in order; FAILED and the fourth one are not there.
    String rows = "(?s).*\\| " + prefix + "-exp +\\| fast +\\| 0\\.3 +\\| 7 +\\| 0\\.1 +\\|\n"
        + "\\| " + prefix + "-exp +\\| mid +\\| 0\\.5 +\\| 7 +\\| 0\\.01 +\\|\n"
        + "\\| " + prefix + "-exp +\\| other +\\| 0\\.7 +\\| 7 +\\| 0\\.05 +\\|\n.*";
    assertTrue(out.matches(rows), r.describe());
    assertTrue(out.contains("\n3 rows\n"), r.describe());
    assertTrue(!out.contains("| broken") && !out.contains("| slow"), r.describe());
  }
}
