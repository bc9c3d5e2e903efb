package org.mlflowtables.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mlflowtables.core.testing.MlflowServer;
import org.mlflowtables.core.testing.MlflowServerExtension;
import org.mlflowtables.examples.ExampleTesting.Captured;

/**
 * StreamToParquet run twice on the same output: the first run exports the finished runs and every
 * point so far; the second, restarted from the checkpoints, adds the run that finished since and
 * the points logged since, nothing twice.
 */
@ExtendWith(MlflowServerExtension.class)
class StreamToParquetIT {
  @Test
  void aSecondRunAddsWhatIsNewAndNothingTwice(MlflowServer server, @TempDir Path out)
      throws Exception {
    StreamExport export = new StreamExport(server);
    export.seedFirst();
    Captured first = new Captured();
    StreamToParquet.run(ExampleTesting.spark(), server.uri(), export.prefix + "-exp", out, 0, 2,
        first.out);
    assertTrue(first.text().contains("mlflow_runs: 2 new rows"), first.text());
    export.assertExported(out);

    export.seedSecond();
    Captured second = new Captured();
    StreamToParquet.run(ExampleTesting.spark(), server.uri(), export.prefix + "-exp", out, 0, 2,
        second.out);
    assertTrue(second.text().contains("mlflow_runs: 2 new rows"), second.text());
    export.assertExported(out);
  }
}
