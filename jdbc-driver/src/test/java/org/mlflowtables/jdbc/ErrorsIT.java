package org.mlflowtables.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mlflowtables.core.testing.MlflowServer;
import org.mlflowtables.core.testing.MlflowServerExtension;

/** Failures give a SQLException that names the culprit and shows no secret. */
@ExtendWith(MlflowServerExtension.class)
class ErrorsIT {
  private static final String TOKEN = "tok-SECRET-123";
  private static final String PASSWORD = "pw-SECRET-456";

  private static Connection conn;

  @BeforeAll
  static void connect(MlflowServer server) throws SQLException {
    conn = JdbcTesting.connect(server);
  }

  @AfterAll
  static void close() throws SQLException {
    conn.close();
  }

  private static SQLException fails(Connection c, String sql) {
    return assertThrows(SQLException.class, () -> {
      try (Statement s = c.createStatement()) {
        s.execute(sql);
        if (s.getResultSet() != null) {
          while (s.getResultSet().next()) {
            // read it all
          }
        }
      }
    });
  }

  private static String fullText(Throwable e) {
    StringBuilder b = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      b.append(t).append('\n');
    }
    return b.toString();
  }

  @Test
  void badSqlNamesWhereTheParserStopped() {
    SQLException e = fails(conn, "SELECT run_id FROM runs WHERE");
    assertTrue(e.getMessage().contains("'WHERE' at line 1, column 25"), e.getMessage());
  }

  @Test
  void unknownTableIsNamed() {
    SQLException e = fails(conn, "SELECT * FROM experimentz");
    assertTrue(e.getMessage().contains("Object 'experimentz' not found"), e.getMessage());
  }

  @Test
  void unknownColumnIsNamed() {
    SQLException e = fails(conn, "SELECT run_idd FROM runs");
    assertTrue(e.getMessage().contains("Column 'run_idd' not found"), e.getMessage());
  }

  @Test
  void insertIntoAReadOnlyTableIsRefused() {
    SQLException e = fails(conn, "INSERT INTO registered_models (name) VALUES ('x')");
    assertTrue(e.getMessage().toLowerCase().contains("registered_models"), e.getMessage());
  }

  @Test
  void deleteIsRefusedWithTheReason() {
    SQLException e = fails(conn, "DELETE FROM metrics WHERE key = 'x'");
    assertTrue(e.getMessage().contains("takes only INSERT"), e.getMessage());
  }

  @Test
  void updateOfAReadOnlyTableIsRefusedNamingIt() {
    SQLException e = fails(conn, "UPDATE registered_models SET description = 'x'");
    assertTrue(e.getMessage().contains("MLflow table 'registered_models' is read-only"),
        e.getMessage());
  }

  @Test
  void updateOfAWritableTableIsRefusedWithTheReason() {
    SQLException e = fails(conn, "UPDATE params SET value = 'x' WHERE key = 'lr'");
    assertTrue(e.getMessage().contains("MLflow table 'params' takes only INSERT"),
        e.getMessage());
  }

  @Test
  void aConstantThatCannotBeEvaluatedIsAnSqlException() {
    SQLException e = fails(conn, "SELECT run_id FROM runs WHERE start_time > 'yesterday'");
    assertTrue(e.getMessage().contains("yesterday"), e.getMessage());
  }

  @Test
  void aMalformedSettingsPartDoesNotShowTheToken() {
    SQLException e = assertThrows(SQLException.class,
        () -> DriverManager.getConnection("jdbc:mlflow:http://127.0.0.1:1;token='" + TOKEN));
    assertTrue(e.getMessage().contains("name=value"), e.getMessage());
    assertFalse(fullText(e).contains(TOKEN), fullText(e));
  }

  @Test
  void unknownSettingIsNamed() {
    SQLException e = assertThrows(SQLException.class,
        () -> DriverManager.getConnection("jdbc:mlflow:http://127.0.0.1:1;pagesize=10;colour=red"));
    assertTrue(e.getMessage().contains("'colour'"), e.getMessage());
  }

  @Test
  void unreachableServerNamesTheServerAndTable() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Properties p = new Properties();
    p.setProperty("token", TOKEN);
    try (Connection c = DriverManager.getConnection(
        "jdbc:mlflow:http://127.0.0.1:" + port + ";maxRetries=0;timeoutSeconds=2", p)) {
      SQLException e = fails(c, "SELECT run_id FROM runs");
      assertTrue(e.getSQLState().startsWith("08"), e.getSQLState());
      assertTrue(e.getMessage().contains("http://127.0.0.1:" + port), e.getMessage());
      assertTrue(e.getMessage().contains("'runs'"), e.getMessage());
      assertFalse(fullText(e).contains(TOKEN), fullText(e));
    }
  }

  @Test
  void unauthorizedSaysSoWithoutSecrets() throws Exception {
    HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext("/", exchange -> {
      byte[] body = "{\"error_code\":\"UNAUTHENTICATED\",\"message\":\"You are not authenticated.\"}"
          .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(401, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      } catch (IOException ignored) {
        // client gone
      }
    });
    http.start();
    try {
      String uri = "http://127.0.0.1:" + http.getAddress().getPort();
      Properties p = new Properties();
      p.setProperty("user", "bob");
      p.setProperty("password", PASSWORD);
      try (Connection c = DriverManager.getConnection("jdbc:mlflow:" + uri, p)) {
        SQLException e = fails(c, "SELECT name FROM experiments");
        assertTrue(e instanceof SQLInvalidAuthorizationSpecException, fullText(e));
        assertEquals("28000", e.getSQLState());
        assertTrue(e.getMessage().contains("HTTP 401"), e.getMessage());
        assertTrue(e.getMessage().contains("'experiments'"), e.getMessage());
        assertFalse(fullText(e).contains(PASSWORD), fullText(e));
      }
      try (Connection c = DriverManager.getConnection("jdbc:mlflow:" + uri + ";token=" + TOKEN)) {
        SQLException e = fails(c, "SELECT name FROM registered_models");
        assertTrue(e instanceof SQLInvalidAuthorizationSpecException, fullText(e));
        assertFalse(fullText(e).contains(TOKEN), fullText(e));
      }
    } finally {
      http.stop(0);
    }
  }
}
