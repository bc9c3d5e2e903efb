package org.mlflowtables.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Stock PySpark of one Spark line (from PyPI, in a venv of its own made by
 * scripts/pyspark-venv.sh) and the connector jar built for that line: what a Python user runs.
 */
enum PySparkLine {
  /** The project's Spark (spark.version), with the Spark 4 / Scala 2.13 jar. */
  SPARK_4(null, "mlflowtables.sparkJar"),
  /** Spark 3.5 (spark35.version, Scala 2.12 as PyPI's PySpark 3.5 has it), with its jar. */
  SPARK_3_5("mlflowtables.spark35Version", "mlflowtables.spark35Jar");

  private final String versionProperty;
  private final String jarProperty;

  PySparkLine(String versionProperty, String jarProperty) {
    this.versionProperty = versionProperty;
    this.jarProperty = jarProperty;
  }

  /** The connector jar built for this line. */
  Path jar() {
    return Command.builtFile(jarProperty);
  }

  /** The venv's python (the venv is made once, then reused). */
  String python() {
    Command venv = Command.of("bash", "scripts/pyspark-venv.sh");
    if (versionProperty != null) {
      String version = System.getProperty(versionProperty);
      assertTrue(version != null && !version.isBlank() && !version.startsWith("${"),
          "system property " + versionProperty + " is not set: run the tests through Maven");
      venv.env("PYSPARK_VERSION", version);
    }
    Command.Result r = venv.runOk(Duration.ofMinutes(20));
    String[] lines = r.stdout().strip().split("\n");
    String python = lines[lines.length - 1].strip();
    assertTrue(Files.isExecutable(Paths.get(python)), r.describe());
    return python;
  }

  /** spark-submit of this PySpark, on two local threads without UI, with {@code jar}. */
  Command submit(Path jar, String... args) {
    String python = python();
    List<String> command = new ArrayList<>(List.of(
        Paths.get(python).resolveSibling("spark-submit").toString(),
        "--master", "local[2]", "--conf", "spark.ui.enabled=false", "--jars", jar.toString()));
    command.addAll(List.of(args));
    return Command.of(command)
        .env("PYSPARK_PYTHON", python)
        .env("SPARK_LOCAL_IP", "127.0.0.1");
  }
}
