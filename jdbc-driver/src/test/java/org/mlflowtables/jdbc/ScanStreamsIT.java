package org.mlflowtables.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mlflowtables.jdbc.JdbcTesting.canonical;
import static org.mlflowtables.jdbc.JdbcTesting.fxExperimentIds;
import static org.mlflowtables.jdbc.JdbcTesting.rows;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlflowtables.core.testing.MlflowServer;
import org.mlflowtables.core.testing.MlflowServerExtension;
import org.mlflowtables.core.testing.Oracle;

/**
 * {@code scanStreams}: a query reads a table's parts at once; the rows are those of one stream, and
 * the split costs at most the one-row request that finds the last start time and one more page a
 * part. (How core splits is shown by its RunsScanPartsTest; a one-page query's single request by
 * PreparedStatementsIT, with the default two streams.)
 */
@ExtendWith(MlflowServerExtension.class)
class ScanStreamsIT {

  private record Read(List<String> rows, long requests) {}

  private static Read read(MlflowServer server, String sql, String... settings)
      throws SQLException {
    try (Connection c = JdbcTesting.connect(server, settings)) {
      long before = server.requestCount();
      List<String> rows = canonical(rows(c, sql));
      return new Read(rows, server.requestCount() - before);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"runs", "latest_metrics", "params"})
  void partsReadAtOnceGiveTheRowsOfOneStreamForAtMostOneRequestAndAPageAPartMore(String table,
      MlflowServer server, Oracle oracle) throws SQLException {
    // small pages, so each part is several requests
    String sql = "SELECT * FROM " + table + " WHERE experiment_id IN " + fxExperimentIds(oracle);
    Read one = read(server, sql, "pageSize=3", "scanStreams=1");
    Read two = read(server, sql, "pageSize=3");
    Read four = read(server, sql, "pageSize=3", "scanStreams=4");
    assertFalse(one.rows().isEmpty());
    assertEquals(one.rows(), two.rows(), "two streams (the default) against one");
    assertEquals(one.rows(), four.rows(), "four streams against one");
    // The split's cost: the one-row search for the last start time and at most a last page a part.
    // (Fewer is possible: each page of a start-time walk asks again for the runs at its last
    // start time.)
    assertTrue(two.requests() <= one.requests() + 1 + 2,
        "two streams: " + two.requests() + " requests, one stream: " + one.requests());
    assertTrue(four.requests() <= one.requests() + 1 + 4,
        "four streams: " + four.requests() + " requests, one stream: " + one.requests());
  }

  @Test
  void maxRowsClosesTheStreamsEarlyWithRowsOfTheResult(MlflowServer server, Oracle oracle)
      throws SQLException {
    String sql = "SELECT run_id FROM runs WHERE experiment_id IN " + fxExperimentIds(oracle);
    List<String> all = read(server, sql, "pageSize=2").rows();
    try (Connection c = JdbcTesting.connect(server, "pageSize=2");
        java.sql.Statement st = c.createStatement()) {
      st.setMaxRows(3);
      List<String> three = canonical(rows(st.executeQuery(sql)));
      assertEquals(3, three.size());
      assertEquals(3, three.stream().distinct().count());
      assertTrue(all.containsAll(three), three + " of " + all);
    }
  }
}
