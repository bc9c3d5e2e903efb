package org.mlflowtables.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.mlflowtables.core.config.MlflowConfig;

/** The driver's URL and settings handling; no server needed (connecting sends no request). */
class MlflowDriverTest {

  private static MlflowConfig parse(String url, Properties info, Map<String, String> env)
      throws SQLException {
    return ConnectionProperties.parse(url, info, env).config();
  }

  @Test
  void registeredThroughTheServiceLoader() throws SQLException {
    Driver d = DriverManager.getDriver("jdbc:mlflow:http://localhost:5000");
    assertTrue(d instanceof MlflowDriver, d.getClass().getName());
  }

  @Test
  void acceptsOnlyMlflowUrls() throws SQLException {
    MlflowDriver d = new MlflowDriver();
    assertTrue(d.acceptsURL("jdbc:mlflow:http://localhost:5000"));
    assertTrue(d.acceptsURL("jdbc:mlflow:"));
    assertFalse(d.acceptsURL("jdbc:calcite:"));
    assertNull(d.connect("jdbc:postgresql://x/y", new Properties()));
  }

  @Test
  void theRestOfTheUrlIsTheTrackingUri() throws SQLException {
    assertEquals("https://mlflow.example.com:8443/prefix",
        parse("jdbc:mlflow:https://mlflow.example.com:8443/prefix", new Properties(), Map.of())
            .uri());
  }

  @Test
  void settingsAppendedToTheUrl() throws SQLException {
    MlflowConfig c = parse("jdbc:mlflow:http://localhost:5000;pageSize=100;viewType=ALL;"
        + "pushDown=false", new Properties(), Map.of());
    assertEquals(100, c.pageSize());
    assertEquals("ALL", c.viewType().name());
    assertFalse(c.pushDown());
  }

  @Test
  void settingsAsPropertiesAndTheUrlWins() throws SQLException {
    Properties p = new Properties();
    p.setProperty("pageSize", "10");
    p.setProperty("TimeoutSeconds", "7");
    MlflowConfig c = parse("jdbc:mlflow:http://localhost:5000;pagesize=20", p, Map.of());
    assertEquals(20, c.pageSize());
    assertEquals(7, c.timeoutSeconds());
  }

  @Test
  void bareUrlUsesTheEnvironment() throws SQLException {
    MlflowConfig c = parse("jdbc:mlflow:", new Properties(),
        Map.of("MLFLOW_TRACKING_URI", "http://env-host:5000", "MLFLOW_TRACKING_TOKEN", "t"));
    assertEquals("http://env-host:5000", c.uri());
    assertEquals("t", c.token());
    assertEquals("http://other:1",
        parse("jdbc:mlflow:;uri=http://other:1", new Properties(), Map.of()).uri());
  }

  @Test
  void missingUriIsAClearError() {
    SQLException e = assertThrows(SQLException.class,
        () -> parse("jdbc:mlflow:", new Properties(), Map.of()));
    assertTrue(e.getMessage().contains("MLFLOW_TRACKING_URI"), e.getMessage());
    assertEquals("08001", e.getSQLState());
  }

  @Test
  void unknownSettingIsNamed() {
    SQLException e = assertThrows(SQLException.class,
        () -> parse("jdbc:mlflow:http://h:1;pageSise=3", new Properties(), Map.of()));
    assertTrue(e.getMessage().contains("'pageSise'"), e.getMessage());
  }

  @Test
  void scanStreamsDefaultsToTwoAndTakesAnyCase() throws SQLException {
    assertEquals(2, ConnectionProperties.parse("jdbc:mlflow:http://h:1", new Properties(),
        Map.of()).scanStreams());
    assertEquals(3, ConnectionProperties.parse("jdbc:mlflow:http://h:1;ScanStreams=3",
        new Properties(), Map.of()).scanStreams());
  }

  @Test
  void scanStreamsOutOfRangeIsNamed() {
    SQLException e = assertThrows(SQLException.class,
        () -> parse("jdbc:mlflow:http://h:1;scanStreams=0", new Properties(), Map.of()));
    assertTrue(e.getMessage().contains("'scanStreams': must be between 1 and 64"),
        e.getMessage());
  }

  @Test
  void invalidValueIsNamedWithoutSecrets() {
    Properties p = new Properties();
    p.setProperty("token", "very-secret");
    SQLException e = assertThrows(SQLException.class,
        () -> parse("jdbc:mlflow:http://h:1;maxRetries=-1", p, Map.of()));
    assertTrue(e.getMessage().contains("maxRetries"), e.getMessage());
    assertFalse(e.getMessage().contains("very-secret"), e.getMessage());
  }

  @Test
  void sqlSettingsGoToCalcite() throws SQLException {
    Properties calcite = ConnectionProperties.parse(
        "jdbc:mlflow:http://h:1;caseSensitive=true", new Properties(), Map.of())
        .calciteProperties();
    assertEquals("true", calcite.getProperty("caseSensitive"));
    assertEquals("UNCHANGED", calcite.getProperty("unquotedCasing"));
    assertNull(calcite.getProperty("token"));
  }

  @Test
  void connectionUrlHasNoSecretAndNoRequestIsSent() throws SQLException {
    Properties p = new Properties();
    p.setProperty("token", "tok-123");
    try (Connection c = DriverManager.getConnection(
        "jdbc:mlflow:http://ann:pw-789@127.0.0.1:1/base", p)) {
      String url = c.getMetaData().getURL();
      assertEquals("jdbc:mlflow:http://***@127.0.0.1:1/base", url);
    }
  }

  @Test
  void propertyInfoListsTheSettingsWithoutSecretValues() throws SQLException {
    Properties p = new Properties();
    p.setProperty("token", "tok-123");
    p.setProperty("pageSize", "5");
    DriverPropertyInfo[] info = new MlflowDriver().getPropertyInfo("jdbc:mlflow:", p);
    assertEquals(MlflowConfig.KEYS.size() + 1, info.length); // and scanStreams
    assertTrue(Arrays.stream(info).anyMatch(i -> i.name.equals("pageSize") && "5".equals(i.value)));
    assertTrue(Arrays.stream(info).noneMatch(i -> "tok-123".equals(i.value)));
  }

  @Test
  void driverVersionComesFromTheBuild() {
    MlflowDriver d = new MlflowDriver();
    assertTrue(d.getMajorVersion() > 0 || d.getMinorVersion() > 0,
        d.getMajorVersion() + "." + d.getMinorVersion());
  }
}
