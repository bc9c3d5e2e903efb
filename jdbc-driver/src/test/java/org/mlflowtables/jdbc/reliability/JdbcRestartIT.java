package org.mlflowtables.jdbc.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.config.MlflowConfig;
import org.mlflowtables.core.reliability.Restarter;
import org.mlflowtables.core.reliability.SeededRuns;
import org.mlflowtables.core.testing.MlflowServer;
import org.mlflowtables.jdbc.JdbcTesting;

/**
 * A real restart in the middle of a JDBC read of {@code metrics}, with the default retry
 * settings: a third of the way through the result set the server's process group is killed and,
 * after a pause, started again on the same port and store. The read goes on from the page it was
 * on and ends with exactly the rows of an undisturbed read.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class JdbcRestartIT {

  @Test
  void aMetricsReadRidesOutAKilledAndRestartedServer() throws Exception {
    try (MlflowServer server = MlflowServer.start()) {
      MlflowClient client = MlflowClient.create(MlflowConfig.from(Map.of("uri", server.uri()),
          Map.of()));
      SeededRuns data = SeededRuns.create(client, "restart-jdbc", 3,
          List.of("loss", "acc", "f1", "auc", "lr", "val/loss"), 100);
      data.write(client);
      String sql = "SELECT run_id, key, step, \"timestamp\", \"value\" FROM metrics"
          + " WHERE experiment_id = '" + data.experimentId() + "'";
      // Small pages, one request at a time: the read is many requests, and lazy.
      String[] settings = {"pageSize=100", "maxInFlight=1"};

      long before = server.requestCount();
      List<String> undisturbed;
      try (Connection c = JdbcTesting.connect(server.uri(), settings)) {
        undisturbed = JdbcRel.query(c, sql);
      }
      long requests = server.requestCount() - before;
      assertEquals(data.points().size(), undisturbed.size());

      before = server.requestCount();
      List<String> disturbed = new ArrayList<>();
      Restarter restarter = null;
      long atKill = 0;
      try (Connection c = JdbcTesting.connect(server.uri(), settings);
          Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
        while (rs.next()) {
          if (disturbed.size() == undisturbed.size() / 3) {
            atKill = server.requestCount();
            restarter = Restarter.now(server);
          }
          disturbed.add(JdbcRel.row(rs));
        }
      }
      restarter.join();
      long after = server.requestCount();
      disturbed.sort(null);
      System.out.printf("metrics read across a restart: %d rows, %d requests before the kill, %d"
          + " after (undisturbed: %d); server down %d ms%n", disturbed.size(), atKill - before,
          after - atKill, requests, restarter.downMillis());

      assertEquals(undisturbed, disturbed, "exactly the rows of an undisturbed read");
      assertTrue(after > atKill, "the read went on after the restart");
      // Retries are per request: the read did not start over (a request cut by the kill may be
      // answered twice).
      assertTrue(after - before <= requests + 1,
          (after - before) + " requests, undisturbed " + requests);
    }
  }
}
