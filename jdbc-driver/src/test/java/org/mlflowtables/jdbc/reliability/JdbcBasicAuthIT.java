package org.mlflowtables.jdbc.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.mlflowtables.core.testing.Throwables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mlflowtables.core.reliability.Secrets;
import org.mlflowtables.core.testing.BasicAuthFixture;

/**
 * The driver against a real {@code mlflow server --app-name basic-auth}: a user granted READ on
 * one experiment sees only its runs, an INSERT into one of them fails naming the permission and
 * lands nothing, wrong and missing credentials get messages that say so, and the password shows
 * in no message, log line, plan or {@code DatabaseMetaData.getURL()}.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class JdbcBasicAuthIT {
  private static BasicAuthFixture auth;
  private static Secrets.Capture shown;

  @BeforeAll
  static void setUp() {
    auth = BasicAuthFixture.start();
    shown = new Secrets.Capture();
  }

  @AfterAll
  static void tearDown() {
    try {
      if (shown != null) {
        shown.close();
        List<String> forms = Secrets.forms(BasicAuthFixture.READER, auth.readerPassword(),
            auth.adminPassword());
        assertNull(Secrets.leak(shown.text(), forms), "a password was shown");
      }
    } finally {
      if (auth != null) {
        auth.close();
      }
    }
  }

  private static Connection connect(String user, String password) throws SQLException {
    Properties p = new Properties();
    if (user != null) {
      p.setProperty("user", user);
      p.setProperty("password", password);
    }
    Connection c = DriverManager.getConnection("jdbc:mlflow:" + auth.uri(), p);
    shown.add("getURL", c.getMetaData().getURL());
    shown.add("connection", c);
    return c;
  }

  private static Connection reader() throws SQLException {
    return connect(BasicAuthFixture.READER, auth.readerPassword());
  }

  private static SQLException fails(Connection c, String sql) {
    SQLException e = assertThrows(SQLException.class, () -> {
      try (Statement s = c.createStatement()) {
        s.execute(sql);
      }
    });
    shown.add(sql, e);
    return e;
  }

  @Test
  void aReaderSeesOnlyTheRunsOfTheExperimentItWasGranted() throws SQLException {
    try (Connection c = reader()) {
      List<String> rows = JdbcRel.query(c, "SELECT run_id, experiment_id FROM runs");
      List<String> expected = auth.grantedRuns().stream()
          .map(r -> JdbcRel.row(r, auth.grantedExperiment())).sorted().toList();
      assertEquals(expected, rows);
      assertEquals(List.of(auth.grantedExperiment()),
          JdbcRel.query(c, "SELECT experiment_id FROM experiments"));
      shown.add("explain", JdbcRel.query(c, "EXPLAIN PLAN FOR SELECT * FROM runs"));
    }
  }

  @Test
  void anInsertIntoAReadOnlyExperimentNamesThePermissionAndLandsNothing() throws SQLException {
    String run = auth.grantedRuns().get(0);
    try (Connection c = reader()) {
      SQLException e = fails(c, "INSERT INTO metrics (run_id, key, \"value\", \"timestamp\", step)"
          + " VALUES ('" + run + "', 'written', 1.0, 1700000000000, 0)");
      String m = Throwables.messages(e);
      assertTrue(m.contains("permission denied for user 'reader' on run " + run)
          && m.contains("needs EDIT permission"), m);
    }
    assertTrue(auth.admin().getMetricHistory(run, "written", 100, null).items().isEmpty(),
        "nothing landed");
  }

  @Test
  void aWrongPasswordIsNamedAsSuch() throws SQLException {
    try (Connection c = connect(BasicAuthFixture.READER, "not-" + auth.readerPassword())) {
      SQLException e = fails(c, "SELECT run_id FROM runs");
      assertTrue(e.getMessage().contains("not authenticated: the server refused the credentials"
          + " of user 'reader': the user name or password is wrong"), e.getMessage());
      assertEquals("28000", e.getSQLState());
    }
  }

  @Test
  void missingCredentialsAreNamedAsSuch() throws SQLException {
    try (Connection c = connect(null, null)) {
      SQLException e = fails(c, "SELECT name FROM experiments");
      assertTrue(e.getMessage().contains("not authenticated: the server needs credentials and"
          + " none were given"), e.getMessage());
    }
  }
}
