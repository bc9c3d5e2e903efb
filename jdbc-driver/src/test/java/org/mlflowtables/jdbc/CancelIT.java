package org.mlflowtables.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mlflowtables.core.testing.Fixture;
import org.mlflowtables.core.testing.MlflowServer;
import org.mlflowtables.core.testing.MlflowServerExtension;

/**
 * Statement.cancel() and the query timeout stop the paging: against a server whose search never
 * ends (a stub), a stopped query sends no further request; against the real server, a cancelled
 * result set ends and the statement can run again.
 */
@ExtendWith(MlflowServerExtension.class)
class CancelIT {
  private static MlflowServer server;

  /** The fixture's runs and experiments are what the real-server cases read (seeded once). */
  @BeforeAll
  static void setUp(MlflowServer s, Fixture fixture) {
    server = s;
  }

  /** A query over a search-runs that never ends (see {@link SlowMlflowStub}). */
  private static final String ENDLESS = "SELECT COUNT(*) FROM runs WHERE experiment_id = '0'";

  private static void awaitAtLeast(SlowMlflowStub stub, long searches)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (stub.searches() < searches && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertTrue(stub.searches() >= searches, "the scan did not start");
  }

  /** After a stop, at most the page in flight is answered, then nothing more is asked. */
  private static void assertNoMoreSearches(SlowMlflowStub stub) throws InterruptedException {
    Thread.sleep(200);
    long after = stub.searches();
    Thread.sleep(500);
    assertEquals(after, stub.searches(), "search-runs requests went on after the stop");
  }

  /** Requests sent during a short quiet period: 0 once a scan has stopped (1 if one was in flight). */
  /** Waits until the server's log has had no new request for half a second (at most 10 s). */
  private static void settle() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (requestsDuringPause() > 0 && System.nanoTime() < deadline) {
      // keep waiting: a request or its log line was still on its way
    }
  }

  private static long requestsDuringPause() throws InterruptedException {
    long before = server.requestCount();
    Thread.sleep(500);
    return server.requestCount() - before;
  }

  @Test
  void cancelFromAnotherThreadStopsThePaging() throws Exception {
    try (SlowMlflowStub stub = new SlowMlflowStub(50);
        Connection c = DriverManager.getConnection("jdbc:mlflow:" + stub.uri());
        Statement s = c.createStatement()) {
      CompletableFuture<Long> query = CompletableFuture.supplyAsync(() -> {
        try (ResultSet rs = s.executeQuery(ENDLESS)) {
          rs.next();
          return rs.getLong(1);
        } catch (SQLException e) {
          throw new RuntimeException(e);
        }
      });
      awaitAtLeast(stub, 5);
      s.cancel();
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> query.get(30, TimeUnit.SECONDS));
      assertTrue(String.valueOf(e.getCause()).toLowerCase().contains("cancel"),
          String.valueOf(e.getCause()));
      assertNoMoreSearches(stub);
    }
  }

  @Test
  void cancelBetweenRowsEndsTheResultSet() throws Exception {
    try (Connection c = JdbcTesting.connect(server, "pageSize=1");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT run_id FROM runs")) {
      assertTrue(rs.next());
      assertTrue(rs.next());
      // The page read ahead is answered and every answer so far is in the server's log (which a
      // loaded server may write a little after the answer): only what the cancel leaves counts.
      settle();
      s.cancel();
      SQLException e = assertThrows(SQLException.class, rs::next);
      assertTrue(e.getMessage().toLowerCase().contains("cancel"), e.getMessage());
      assertEquals(0, requestsDuringPause(), "a page was asked for after the cancel");
      assertEquals(0, requestsDuringPause());
    }
  }

  @Test
  void queryTimeoutStopsThePaging() throws Exception {
    try (SlowMlflowStub stub = new SlowMlflowStub(50);
        Connection c = DriverManager.getConnection("jdbc:mlflow:" + stub.uri());
        Statement s = c.createStatement()) {
      s.setQueryTimeout(1);
      long t0 = System.nanoTime();
      SQLException e = assertThrows(SQLException.class, () -> {
        try (ResultSet rs = s.executeQuery(ENDLESS)) {
          rs.next();
        }
      });
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      assertTrue(e instanceof SQLTimeoutException, e.toString());
      assertTrue(millis >= 1000 && millis < 5000, "took " + millis + " ms");
      assertNoMoreSearches(stub);
    }
  }

  @Test
  void aStatementCanRunAgainAfterACancel() throws Exception {
    try (Connection c = JdbcTesting.connect(server);
        Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT run_id FROM runs")) {
        rs.next();
        s.cancel();
      }
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM experiments WHERE name = 'fx-alpha'")) {
        assertTrue(rs.next());
        assertEquals(1, rs.getLong(1));
      }
    }
  }
}
