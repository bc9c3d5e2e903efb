package org.mlflowtables.spark.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.config.MlflowConfig;
import org.mlflowtables.core.reliability.Restarter;
import org.mlflowtables.core.reliability.SeededRuns;
import org.mlflowtables.core.testing.MlflowServer;
import org.mlflowtables.spark.Canon;
import org.mlflowtables.spark.SparkTestSessions;

/**
 * A real restart in the middle of a Spark read of {@code runs}, with the default retry settings:
 * when a third of the rows have passed through the query, the server's process group is killed
 * (from inside the Spark task: local mode shares this JVM) and, after a pause, started again on
 * the same port and store. The read goes on from the page it was on and ends with exactly the rows
 * of an undisturbed read.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class SparkRestartIT {
  private static final AtomicLong SEEN = new AtomicLong();
  private static volatile MlflowServer server;
  private static volatile long killAtRow;
  private static volatile long requestsAtKill;
  private static volatile Restarter restarter;

  /** Passes rows on, and kills the server when row number {@link #killAtRow} passes. */
  private static Row killOnce(Row row) {
    if (SEEN.incrementAndGet() == killAtRow) {
      requestsAtKill = server.requestCount();
      restarter = Restarter.now(server);
    }
    return row;
  }

  @Test
  void aRunsReadRidesOutAKilledAndRestartedServer() throws Exception {
    try (MlflowServer s = MlflowServer.start()) {
      server = s;
      MlflowClient client = MlflowClient.create(MlflowConfig.from(Map.of("uri", s.uri()),
          Map.of()));
      SeededRuns data = SeededRuns.create(client, "restart-spark", 60, List.of("loss"), 2);
      data.write(client);
      // One partition, small pages, one request at a time: the read is many requests, and lazy.
      Dataset<Row> runs = SparkTestSessions.plain().read().format("mlflow")
          .option("uri", s.uri()).option("pageSize", "5").option("maxPartitions", "1")
          .option("maxInFlight", "1").load("runs")
          .where("experiment_id = '" + data.experimentId() + "'");

      long before = s.requestCount();
      List<String> undisturbed = Canon.rows(runs);
      long requests = s.requestCount() - before;
      assertEquals(60, undisturbed.size());

      SEEN.set(0);
      killAtRow = undisturbed.size() / 3;
      before = s.requestCount();
      List<String> disturbed = Canon.rows(runs.map((MapFunction<Row, Row>) SparkRestartIT::killOnce,
          Encoders.row(runs.schema())));
      restarter.join();
      long after = s.requestCount();
      System.out.printf("runs read across a restart: %d rows, %d requests before the kill, %d"
          + " after (undisturbed: %d); server down %d ms%n", disturbed.size(),
          requestsAtKill - before, after - requestsAtKill, requests, restarter.downMillis());

      assertEquals(undisturbed, disturbed, "exactly the rows of an undisturbed read");
      assertTrue(after > requestsAtKill, "the read went on after the restart");
      // Retries are per request: the read did not start over (a request cut by the kill may be
      // answered twice).
      assertTrue(after - before <= requests + 1,
          (after - before) + " requests, undisturbed " + requests);
    } finally {
      server = null;
    }
  }
}
