package org.mlflowtables.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mlflowtables.core.testing.MlflowServer;
import org.mlflowtables.core.testing.MlflowServerExtension;

/**
 * examples/python/stream_to_parquet.py on stock PySpark with the connector jar, run twice on the
 * same output as StreamToParquetIT runs the Java twin: the second run adds what is new since the
 * first, nothing twice.
 */
@ExtendWith(MlflowServerExtension.class)
class PySparkStreamToParquetIT {
  @Test
  void aSecondRunAddsWhatIsNewAndNothingTwice(MlflowServer server, @TempDir Path out) {
    Path jar = Command.builtFile("mlflowtables.sparkJar");
    String python = PySparkExampleIT.pysparkPython();
    StreamExport export = new StreamExport(server);

    export.seedFirst();
    String first = submit(python, jar, server, export, out);
    assertTrue(first.contains("mlflow_runs: 2 new rows"), first);
    export.assertExported(out);

    export.seedSecond();
    String second = submit(python, jar, server, export, out);
    assertTrue(second.contains("mlflow_runs: 2 new rows"), second);
    export.assertExported(out);
  }

  private static String submit(String python, Path jar, MlflowServer server, StreamExport export,
      Path out) {
    // main's PySparkLine.submit does this once merged: use it then
    Command.Result r = Command.of(Paths.get(python).resolveSibling("spark-submit").toString(),
            "--master", "local[2]", "--conf", "spark.ui.enabled=false", "--jars", jar.toString(),
            Command.projectRoot().resolve("examples/python/stream_to_parquet.py").toString(),
            server.uri(), "--out", out.toString(), "--experiments", export.prefix + "-exp")
        .env("PYSPARK_PYTHON", python)
        .env("SPARK_LOCAL_IP", "127.0.0.1")
        .runOk(Duration.ofMinutes(5));
    return r.stdout();
  }
}
