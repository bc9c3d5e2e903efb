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
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlflowtables.core.testing.MlflowServer;
import org.mlflowtables.core.testing.MlflowServerExtension;
import org.mlflowtables.core.testing.Oracle;

/**
 * {@code scanStreams}: a query reads a table's parts at once; the rows are those of one stream (the
 * default), and the split costs at most the two one-row requests that find the start-time range
 * and one more page a part. (That the fixture's scans split is asserted by core's ScanTablesIT.)
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
  void partsReadAtOnceGiveTheRowsOfOneStreamForAtMostTwoRequestsAndAPageAPartMore(String table, MlflowServer server,
      Oracle oracle) throws SQLException {
    // small pages, so each part is several requests
    String sql = "SELECT * FROM " + table + " WHERE experiment_id IN " + fxExperimentIds(oracle);
    Read one = read(server, sql, "pageSize=3");
    Read two = read(server, sql, "pageSize=3", "scanStreams=2");
    Read four = read(server, sql, "pageSize=3", "scanStreams=4");
    assertFalse(one.rows().isEmpty());
    assertEquals(one.rows(), two.rows(), "two streams against one");
    assertEquals(one.rows(), four.rows(), "four streams against one");
    // The split's cost: two one-row searches and at most a last page a part. (Fewer is possible:
    // each page of a start-time walk asks again for the runs at its last start time.)
    assertTrue(two.requests() <= one.requests() + 2 + 2,
        "two streams: " + two.requests() + " requests, one stream: " + one.requests());
    assertTrue(four.requests() <= one.requests() + 2 + 4,
        "four streams: " + four.requests() + " requests, one stream: " + one.requests());
  }
}
