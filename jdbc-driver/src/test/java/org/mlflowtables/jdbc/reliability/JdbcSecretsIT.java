package org.mlflowtables.jdbc.reliability;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mlflowtables.core.reliability.FaultProxy;
import org.mlflowtables.core.reliability.FaultProxy.Fault;
import org.mlflowtables.core.reliability.Figures;
import org.mlflowtables.core.reliability.FaultProxy.FaultPlan;
import org.mlflowtables.core.reliability.Secrets;
import org.mlflowtables.core.reliability.SecretsITBase;

/**
 * Tokens and passwords given to the JDBC driver in the URL ({@code ;token=...}), as Properties
 * and through the environment (a child JVM) are sent but appear in no log line at DEBUG, no
 * SQLException or stack trace, no EXPLAIN output and nothing DatabaseMetaData or the driver's
 * property info shows.
 */
@Timeout(value = 100, unit = TimeUnit.SECONDS)
class JdbcSecretsIT extends SecretsITBase {
  /** Queries, EXPLAIN, metadata and errors on a connection; everything shown goes to {@code c}. */
  static void exercise(String url, Properties props, Secrets.Capture c) throws SQLException {
    Driver driver = DriverManager.getDriver(url);
    for (DriverPropertyInfo p : driver.getPropertyInfo(url, props)) {
      c.add("property " + p.name, p.value + " / " + p.description);
    }
    try (Connection conn = DriverManager.getConnection(url, props)) {
      c.add("connection", conn);
      DatabaseMetaData md = conn.getMetaData();
      c.add("getURL", md.getURL());
      c.add("getUserName", md.getUserName());
      c.add("clientInfo", conn.getClientInfo());
      c.add("metadata", md);
      try (ResultSet rs = md.getTables(null, null, "%", null)) {
        c.add("tables", dump(rs));
      }
      try (Statement s = conn.createStatement()) {
        c.add("statement", s);
        for (String sql : List.of("SELECT run_id, params['lr'] FROM runs WHERE run_name LIKE 'fx-%'",
            "SELECT COUNT(*) FROM metrics WHERE key = 'loss' AND run_id IN (SELECT run_id FROM "
                + "runs WHERE run_name LIKE 'fx-alpha%')",
            "EXPLAIN PLAN FOR SELECT * FROM params WHERE key = 'lr' ORDER BY run_id LIMIT 3",
            "EXPLAIN PLAN WITH IMPLEMENTATION FOR SELECT name FROM experiments")) {
          try (ResultSet rs = s.executeQuery(sql)) {
            c.add(sql, dump(rs));
          }
        }
        for (String bad : List.of("SELECT * FROM runz", "SELECT nope FROM runs",
            "INSERT INTO tags (run_id, key, \"value\") VALUES ('0123456789abcdef0123456789abcdef',"
                + " 'k', 'v')", "INSERT INTO tags (run_id, key, \"value\") VALUES ('x', 'bad''key',"
                + " 'v')")) {
          try {
            s.execute(bad);
            c.add("no error for", bad);
          } catch (SQLException e) {
            c.add(bad, e);
          }
        }
      }
    }
  }

  private static String dump(ResultSet rs) throws SQLException {
    StringBuilder sb = new StringBuilder();
    ResultSetMetaData md = rs.getMetaData();
    while (rs.next()) {
      for (int i = 1; i <= md.getColumnCount(); i++) {
        sb.append(rs.getString(i)).append(i < md.getColumnCount() ? " | " : "\n");
      }
    }
    return sb.toString();
  }

  /** Connections that must fail, with the secrets in URL or Properties. */
  static void failures(String base, String token, String password, Secrets.Capture c) {
    FaultProxy refusing = FaultProxy.start(base, FaultPlan.always(Fault.HTTP_401));
    try {
      List<String> urls = List.of(
          "jdbc:mlflow:" + refusing.uri() + ";token=" + token + ";maxRetries=1",
          "jdbc:mlflow:" + refusing.uri() + ";user=" + USER + ";password=" + password,
          "jdbc:mlflow:" + base + ";token=" + token + ";maxRetries=lots",
          "jdbc:mlflow:" + base + ";token=" + token + ";tokn=x",
          "jdbc:mlflow:" + base + ";password=" + password,
          "jdbc:mlflow:ftp://" + USER + ":" + password + "@host;token=" + token);
      for (String url : urls) {
        try (Connection conn = DriverManager.getConnection(url, new Properties())) {
          JdbcRel.query(conn, "SELECT name FROM experiments");
          c.add("no error", "for a failing URL");
        } catch (SQLException e) {
          c.add("failure", e);
        }
      }
    } finally {
      refusing.close();
    }
  }

  @Test
  void secretsInTheUrlAndInPropertiesAppearNowhere() throws Exception {
    String urlToken = Secrets.fresh("urltok");
    String urlPassword = Secrets.fresh("urlpw");
    String propToken = Secrets.fresh("proptok");
    String propPassword = Secrets.fresh("proppw");
    List<String> forms = Secrets.forms(USER, urlToken, urlPassword, propToken, propPassword);
    String text;
    try (Secrets.Capture c = new Secrets.Capture()) {
      exercise("jdbc:mlflow:" + proxy.uri() + ";token=" + urlToken, new Properties(), c);
      exercise("jdbc:mlflow:" + proxy.uri() + ";user=" + USER + ";password=" + urlPassword,
          new Properties(), c);
      Properties p = new Properties();
      p.setProperty("token", propToken);
      exercise("jdbc:mlflow:" + proxy.uri(), p, c);
      Properties q = new Properties();
      q.setProperty("user", USER);
      q.setProperty("password", propPassword);
      exercise("jdbc:mlflow:" + proxy.uri(), q, c);
      failures(proxy.uri(), urlToken, urlPassword, c);
      text = c.text();
    }
    assertTrue(proxy.sawAuthorization("Bearer " + urlToken));
    assertTrue(proxy.sawAuthorization("Bearer " + propToken));
    assertTrue(proxy.sawAuthorization("Basic " + Base64.getEncoder().encodeToString(
        (USER + ":" + propPassword).getBytes(StandardCharsets.UTF_8))));
    assertTrue(text.contains("DEBUG"), "DEBUG logs were captured");
    assertTrue(text.contains("MlflowTableScan") || text.contains("Mlflow"), "EXPLAIN captured");
    assertNoLeak("what the driver showed", text, forms);
    Figures.add(JdbcSecretsIT.class, "secretsInTheUrlAndInPropertiesAppearNowhere",
        "secretsChecked", 4);
    Figures.add(JdbcSecretsIT.class, "secretsInTheUrlAndInPropertiesAppearNowhere",
        "outputBytesSearched", text.length());
  }

  @Test
  void aMalformedSettingsPartDoesNotEchoTheToken() {
    // Avatica's ConnectStringParser message quotes the raw settings ("Connect string
    // 'token='<the token>' contains unterminated quoted value"): the driver must not pass it on.
    String token = Secrets.fresh("tok");
    SQLException e = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
        () -> DriverManager.getConnection("jdbc:mlflow:" + proxy.uri() + ";token='" + token,
            new Properties()).close());
    assertTrue(e.getMessage().contains("jdbc:mlflow:"), e.getMessage());
    assertNoLeak("what the driver showed", messages(e), Secrets.forms(null, token));
  }

  @Test
  void secretsFromTheEnvironmentOfAChildJvmAppearNowhere() {
    String token = Secrets.fresh("envtok");
    String password = Secrets.fresh("envpw");
    String text = Secrets.runChildJvm(JdbcSecretsProbe.class, Map.of(
        "MLFLOW_TRACKING_URI", proxy.uri(), "MLFLOW_TRACKING_TOKEN", token,
        "MLFLOW_TRACKING_USERNAME", USER, "MLFLOW_TRACKING_PASSWORD", password), 90);
    assertTrue(text.contains("probe done"), text);
    assertTrue(proxy.sawAuthorization("Bearer " + token), "the child sent the token");
    assertNoLeak("what the driver showed", text, Secrets.forms(USER, token, password));
    Figures.add(JdbcSecretsIT.class, "secretsFromTheEnvironmentOfAChildJvmAppearNowhere",
        "secretsChecked", 2);
    Figures.add(JdbcSecretsIT.class, "secretsFromTheEnvironmentOfAChildJvmAppearNowhere",
        "outputBytesSearched", text.length());
  }

  /** The child JVM: {@code jdbc:mlflow:} with everything from the environment. */
  public static final class JdbcSecretsProbe {
    public static void main(String[] args) throws Exception {
      try (Secrets.Capture c = new Secrets.Capture()) {
        exercise("jdbc:mlflow:", new Properties(), c);
        exercise("jdbc:mlflow:;maxRetries=2", new Properties(), c);
        failures(System.getenv("MLFLOW_TRACKING_URI"), "not-the-secret", "not-the-secret", c);
        System.out.println(c.text());
      }
      System.out.println("probe done");
      System.exit(0);
    }
  }
}
