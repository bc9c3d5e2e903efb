package org.mlflowtables.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mlflowtables.core.testing.MlflowServer;
import org.mlflowtables.examples.ExampleTesting.Captured;

/**
 * The Java parts of scripts/demo.sh on an empty server of their own, as the script runs them:
 * Demo (seeding through Spark, the registry through MLflow's Python client, Spark queries and
 * SparkPipeline) in this JVM, DemoJdbc in a JVM with only the driver jar.
 */
class DemoIT {
  private static MlflowServer server;

  @BeforeAll
  static void start() {
    server = MlflowServer.start();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.stop();
    }
  }

  @Test
  void seedsQueriesThroughSparkAndThroughJdbc() throws Exception {
    Captured spark = new Captured();
    Demo.run(ExampleTesting.spark(), server.uri(), server.python(), spark.out);
    String out = spark.text();

    assertTrue(out.contains("Created 3 experiments and 30 runs with core's MlflowClient; wrote 1144"
        + " metric points, 150 params and 90 tags with df.write.format(\"mlflow\")"), out);
    assertEquals(6, Pattern.compile("(?m)^  \\S+-model version [12] \\((champion|challenger)\\)"
        + " <- run ").matcher(out).results().count(), out);
    assertHasLine(out, "| demo/churn-classifier", "| 10", "| 9", "| 1");
    assertHasLine(out, "| demo/image-tagger", "| 10", "| 8", "| 2");
    // Filter, ORDER BY and LIMIT reached MLflow.
    assertTrue(Pattern.compile("MLflowScan runs \\[.*PushedFilters: \\[experiment_id = '\\d+',"
        + " status = 'FINISHED'\\], PushedOrder: \\[metrics\\['val_rmse'\\] ASC NULLS LAST\\],"
        + " PushedLimit: 5").matcher(out).find(), out);
    for (String best : List.of("xgboost-3", "vit-small-3", "lightgbm-2")) {
      assertTrue(Pattern.compile("(?m)^\\| demo/\\S+ +\\| " + best + " +\\| [0-9.]+ +\\| \\S+-model"
          + " +\\| 2 +\\| \\[champion\\] +\\|$").matcher(out).find(), best + "\n" + out);
    }
    assertTrue(out.contains("Wrote metric val_loss_gap_to_best for 26 runs: 26 new points"
        + " (0 before, 26 after)."), out);

    String classpath = Command.builtFile("mlflowtables.driverJar") + File.pathSeparator
        + Command.builtFile("mlflowtables.examplesClasses");
    Command.Result jdbc = Command.java(classpath, "org.mlflowtables.examples.DemoJdbc",
        server.uri()).runOk(Duration.ofMinutes(3));
    String text = jdbc.stdout();
    assertHasLine(text, "| demo/churn-classifier", "| xgboost-3", "| 0.3387", "| 19", "| 0.1", "|");
    assertHasLine(text, "| demo/price-regression", "| lightgbm-2", "| 0.5455", "| lightgbm", "|");
    assertEquals(6, Pattern.compile("(?m)^\\| \\S+-model +\\| [12] +\\| \\[(champion|challenger)\\]")
        .matcher(text).results().count(), jdbc.describe());
    assertTrue(text.contains("== Model families against val_loss"), jdbc.describe());
  }

  /** Asserts a printed table line that starts with these cells, each padded with spaces. */
  private static void assertHasLine(String text, String... cells) {
    StringBuilder regex = new StringBuilder("(?m)^");
    for (String c : cells) {
      regex.append(Pattern.quote(c)).append(" *");
    }
    assertTrue(Pattern.compile(regex.toString()).matcher(text).find(),
        "no line " + String.join("", cells) + " in\n" + text);
  }
}
