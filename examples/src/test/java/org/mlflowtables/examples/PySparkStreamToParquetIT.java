package org.mlflowtables.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
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
    StreamExport export = new StreamExport(server);

    export.seedFirst();
    String first = submit(server, export, out);
    assertTrue(first.contains("mlflow_runs: 2 new rows"), first);
    export.assertExported(out);

    export.seedSecond();
    String second = submit(server, export, out);
    assertTrue(second.contains("mlflow_runs: 2 new rows"), second);
    export.assertExported(out);
  }

  private static String submit(MlflowServer server, StreamExport export, Path out) {
    PySparkLine line = PySparkLine.SPARK_4;
    return line.submit(line.jar(),
            Command.projectRoot().resolve("examples/python/stream_to_parquet.py").toString(),
            server.uri(), "--out", out.toString(), "--experiments", export.prefix + "-exp")
        .runOk(Duration.ofMinutes(5)).stdout();
  }
}
