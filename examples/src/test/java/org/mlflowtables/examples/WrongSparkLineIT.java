package org.mlflowtables.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mlflowtables.core.testing.MlflowServer;
import org.mlflowtables.core.testing.MlflowServerExtension;

/**
 * A connector jar on stock PySpark of the other Spark line (the Spark 4 jar on Spark 3.5, the
 * Spark 3.5 jar on Spark 4): the data source and the catalog fail at load, naming the Spark and
 * Scala found and the jar to use; the session extension steps aside, says so once, and queries
 * still run and give their rows.
 */
@ExtendWith(MlflowServerExtension.class)
class WrongSparkLineIT {

  @ParameterizedTest(name = "the {1} jar on PySpark {0}")
  @CsvSource({
      "SPARK_3_5, SPARK_4, 3.5., mlflow-tables-spark-4_2.13 is the mlflow-tables connector for"
          + " Spark 4.x on Scala 2.13, 2.12., use mlflow-tables-spark-3.5_2.12 instead.",
      "SPARK_4, SPARK_3_5, 4., mlflow-tables-spark-3.5_2.12 is the mlflow-tables connector for"
          + " Spark 3.5.x on Scala 2.12, 2.13., use mlflow-tables-spark-4_2.13 instead."})
  void theJarOfAnotherLineNamesTheVersionsFoundAndTheJarToUse(PySparkLine spark,
      PySparkLine jar, String sparkPrefix, String jarIs, String scalaPrefix, String use,
      MlflowServer server) {
    Command.Result r = run(spark, jar.jar(), server);
    String version = sparkVersion(r);
    assertTrue(version.startsWith(sparkPrefix), r.describe());
    assertFailsAtLoad(r, jarIs + ", but this is Spark " + version + " on Scala " + scalaPrefix,
        use + " See docs/jars.md.");
  }

  private static Command.Result run(PySparkLine spark, Path jar, MlflowServer server) {
    Path script = Paths.get(WrongSparkLineIT.class.getResource("/wrong_spark_line.py").getPath());
    return spark.submit(jar, script.toString(), server.uri()).runOk(Duration.ofMinutes(5));
  }

  private static String sparkVersion(Command.Result r) {
    Matcher m = Pattern.compile("(?m)^SPARK (\\S+)$").matcher(r.stdout());
    assertTrue(m.find(), r.describe());
    return m.group(1);
  }

  /**
   * The query ran with its rows; the source and the catalog failed with the message (its start,
   * then a Scala patch version, then its end); the extension stepped aside once.
   */
  private static void assertFailsAtLoad(Command.Result r, String start, String end) {
    assertTrue(r.stdout().contains("QUERY 4,3,2\n"), r.describe());
    Pattern message = Pattern.compile(Pattern.quote(start) + "\\d+: " + Pattern.quote(end));
    for (String what : new String[] {"SOURCE", "CATALOG"}) {
      Matcher line = Pattern.compile("(?m)^" + what + " (.*)$").matcher(r.stdout());
      assertTrue(line.find(), r.describe());
      assertTrue(message.matcher(line.group(1)).find(), what + ": " + line.group(1));
    }
    assertEquals(1, count(r.stderr(), "The mlflow-tables session extension steps aside"),
        r.describe());
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
