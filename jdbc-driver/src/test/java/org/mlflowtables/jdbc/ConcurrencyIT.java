package org.mlflowtables.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mlflowtables.jdbc.JdbcTesting.canonical;
import static org.mlflowtables.jdbc.JdbcTesting.fxExperimentIds;
import static org.mlflowtables.jdbc.JdbcTesting.rows;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mlflowtables.core.testing.MlflowServer;
import org.mlflowtables.core.testing.MlflowServerExtension;
import org.mlflowtables.core.testing.Oracle;

/** Statements on many threads, on one connection and on many, give the same rows. */
@ExtendWith(MlflowServerExtension.class)
class ConcurrencyIT {

  @Test
  void statementsOnManyThreadsAndConnectionsAgree(MlflowServer server, Oracle oracle)
      throws Exception {
    String fx = fxExperimentIds(oracle);
    List<String> queries = List.of(
        "SELECT run_id, status FROM runs WHERE experiment_id IN " + fx,
        "SELECT run_id, value FROM latest_metrics WHERE experiment_id IN " + fx
            + " AND key = 'loss'",
        "SELECT name FROM experiments WHERE name LIKE 'fx-%'",
        "SELECT run_id FROM runs WHERE experiment_id IN " + fx
            + " ORDER BY start_time DESC LIMIT 5");
    List<List<String>> expected = new ArrayList<>();
    try (Connection c = JdbcTesting.connect(server)) {
      for (String q : queries) {
        expected.add(canonical(rows(c, q)));
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try (Connection shared = JdbcTesting.connect(server)) {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 16; t++) {
        int thread = t;
        futures.add(pool.submit(() -> {
          for (int i = 0; i < queries.size(); i++) {
            int q = (i + thread) % queries.size();
            if (thread % 2 == 0) {
              assertEquals(expected.get(q), canonical(rows(shared, queries.get(q))));
            } else {
              try (Connection own = JdbcTesting.connect(server)) {
                assertEquals(expected.get(q), canonical(rows(own, queries.get(q))));
              }
            }
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
