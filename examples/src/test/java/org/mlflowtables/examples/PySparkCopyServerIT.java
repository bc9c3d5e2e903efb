package org.mlflowtables.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mlflowtables.core.reliability.FaultProxy;
import org.mlflowtables.core.testing.Fixture;
import org.mlflowtables.core.testing.MlflowServer;
import org.mlflowtables.core.testing.MlflowServerExtension;
import org.mlflowtables.core.testing.Oracle;

/**
 * examples/python/copy_server.py on stock PySpark with the connector jar, between two real servers
 * as CopyServerIT runs the Java twin: the target ends equal to the source as MLflow's Python
 * client reads them, and a re-run sends the target no write (counted by {@link FaultProxy} in
 * front of it).
 */
@ExtendWith(MlflowServerExtension.class)
class PySparkCopyServerIT {
  @Test
  void theTargetEndsEqualToTheSourceAndARerunSendsNoWrite(MlflowServer source) {
    String p = "pycopy-" + System.nanoTime() + "-";
    CopyServerIT.seed(ExampleTesting.client(source), p, 2);

    try (MlflowServer target = MlflowServer.start();
        FaultProxy proxy = FaultProxy.start(target.uri(), FaultProxy.FaultPlan.none())) {
      String held = "the target holds 1 experiments, 2 runs, 600 metric points, 4 dataset inputs";
      String first = submit(source, proxy, p);
      assertTrue(first.contains(held), first);
      Oracle to = Fixture.dump(target, p);
      assertEquals(CopyServerIT.comparable(Fixture.dump(source, p)), CopyServerIT.comparable(to));

      proxy.resetCounters();
      String second = submit(source, proxy, p);
      assertTrue(second.contains(held), second);
      CopyServerIT.assertOnlyReads(proxy);
      Oracle again = Fixture.dump(target, p);
      assertEquals(to.runs(), again.runs());
      assertEquals(to.metricHistory().size(), again.metricHistory().size());
      assertEquals(to.runInputs(), again.runInputs());
    }
  }

  private static String submit(MlflowServer source, FaultProxy target, String p) {
    PySparkLine line = PySparkLine.SPARK_4;
    return line.submit(line.jar(),
            Command.projectRoot().resolve("examples/python/copy_server.py").toString(),
            source.uri(), target.uri(), "--experiments", p + "a%")
        .runOk(Duration.ofMinutes(8)).stdout();
  }
}
