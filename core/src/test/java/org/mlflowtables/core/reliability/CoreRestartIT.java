package org.mlflowtables.core.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.client.RetryPolicy;
import org.mlflowtables.core.config.MlflowConfig;
import org.mlflowtables.core.testing.MlflowServer;
import org.mlflowtables.core.write.WriteResult;

/**
 * A real restart in the middle of a back-fill through core's {@code LogBatchWriter}, with the
 * default retry settings: the server's process group is killed (SIGKILL: requests in flight are
 * cut), and after a pause the server starts again on the same port and store. The back-fill ends
 * with exactly its points, as MLflow's Python client reads them. (The same restart during a Spark
 * and a JDBC read: {@code SparkRestartIT}, {@code JdbcRestartIT}.)
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class CoreRestartIT {
  static final List<String> KEYS = List.of("loss", "acc", "val/loss");

  @Test
  void aBackfillRidesOutAKilledAndRestartedServer() throws Exception {
    try (MlflowServer server = MlflowServer.start()) {
      MlflowConfig config = MlflowConfig.from(Map.of("uri", server.uri()), Map.of());
      RetryPolicy defaults = RetryPolicy.of(config);
      assertTrue(defaults.minimumTotalWait().compareTo(Duration.ofMinutes(4)) >= 0,
          "the default budget rides out four minutes: " + defaults);
      MlflowClient client = MlflowClient.create(config);
      SeededRuns data = SeededRuns.create(client, "restart-backfill", 3, KEYS, 1_000);

      // Kill once a few log-batch requests have landed (9 000 points are 9 or more requests).
      long before = server.requestCount();
      Restarter restarter = Restarter.when(server, () -> server.requestCount() >= before + 6);
      WriteResult result = data.write(client);
      restarter.join();
      assertTrue(restarter.killedAt() > 0, "the server was killed during the back-fill");
      assertTrue(result.retries() > 0, "requests were retried: " + result.summary());
      System.out.printf("back-fill across a restart: %s; server down %d ms%n", result.summary(),
          restarter.downMillis());

      assertEquals(data.pythonLines(), PythonPoints.read(server, data.runIds(), KEYS),
          "exactly the back-fill's points, none lost or doubled");
    }
  }
}
