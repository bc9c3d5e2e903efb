package org.mlflowtables.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mlflowtables.core.exceptions.ConfigException;

class MlflowConfigTest {
  private static final Map<String, String> NO_ENV = Map.of();

  @Test
  void explicitSettingsWinOverTheEnvironment() {
    MlflowConfig c = MlflowConfig.from(Map.of("uri", "http://a:5000", "token", "t1"),
        Map.of("MLFLOW_TRACKING_URI", "http://b:5000", "MLFLOW_TRACKING_TOKEN", "t2"));
    assertEquals("http://a:5000", c.uri());
    assertEquals("t1", c.token());
  }

  @Test
  void theEnvironmentIsTheDefault() {
    MlflowConfig c = MlflowConfig.from(Map.of(), Map.of("MLFLOW_TRACKING_URI", "http://b:5000/",
        "MLFLOW_TRACKING_USERNAME", "ann", "MLFLOW_TRACKING_PASSWORD", "pw",
        "MLFLOW_TRACKING_INSECURE_TLS", "true"));
    assertEquals("http://b:5000", c.uri());
    assertEquals("ann", c.user());
    assertEquals("pw", c.password());
    assertTrue(c.insecureTls());
  }

  @Test
  void databricksUsesItsHostAndToken() {
    MlflowConfig c = MlflowConfig.from(Map.of("uri", "databricks"),
        Map.of("DATABRICKS_HOST", "adb-1.azuredatabricks.net", "DATABRICKS_TOKEN", "dapi1",
            "MLFLOW_TRACKING_TOKEN", "other"));
    assertEquals("https://adb-1.azuredatabricks.net", c.uri());
    assertEquals("dapi1", c.token());
  }

  @Test
  void keysAreCaseInsensitive() {
    MlflowConfig c = MlflowConfig.from(Map.of("URI", "http://a", "PAGESIZE", "7",
        "viewtype", "all"), NO_ENV);
    assertEquals(7, c.pageSize());
    assertEquals(ViewType.ALL, c.viewType());
  }

  @Test
  void defaultsAreDocumentedValues() {
    MlflowConfig c = MlflowConfig.from(Map.of("uri", "http://a"), NO_ENV);
    assertNull(c.pageSize());
    assertEquals(MlflowConfig.MAX_RETRIES_DEFAULT, c.maxRetries());
    assertEquals(MlflowConfig.TIMEOUT_SECONDS_DEFAULT, c.timeoutSeconds());
    assertEquals(ViewType.ACTIVE_ONLY, c.viewType());
    assertTrue(c.pushDown());
    assertTrue(c.deduplicate());
    assertFalse(c.insecureTls());
  }

  @Test
  void anUnknownSettingIsNamed() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> MlflowConfig.from(Map.of("uri", "http://a", "pageSzie", "5"), NO_ENV));
    assertTrue(e.getMessage().contains("'pageSzie'"), e.getMessage());
  }

  @Test
  void aMissingUriSaysHowToGiveIt() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> MlflowConfig.from(Map.of(), NO_ENV));
    assertTrue(e.getMessage().contains("MLFLOW_TRACKING_URI"), e.getMessage());
  }

  @Test
  void aMalformedUriIsRejected() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> MlflowConfig.from(Map.of("uri", "localhost:5000"), NO_ENV));
    assertTrue(e.getMessage().contains("'uri'"), e.getMessage());
  }

  @Test
  void invalidNumbersNameTheSettingAndTheRule() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> MlflowConfig.from(Map.of("uri", "http://a", "pageSize", "-1"), NO_ENV));
    assertTrue(e.getMessage().contains("'pageSize'") && e.getMessage().contains("positive"),
        e.getMessage());
  }

  @Test
  void invalidBooleansAreRejectedNotReadAsFalse() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> MlflowConfig.from(Map.of("uri", "http://a", "pushDown", "ture"), NO_ENV));
    assertTrue(e.getMessage().contains("'pushDown'"), e.getMessage());
  }

  @Test
  void anUnknownViewTypeListsTheAllowedOnes() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> MlflowConfig.from(Map.of("uri", "http://a", "viewType", "some"), NO_ENV));
    assertTrue(e.getMessage().contains("ACTIVE_ONLY"), e.getMessage());
  }

  @Test
  void userWithoutPasswordIsRejected() {
    assertThrows(ConfigException.class,
        () -> MlflowConfig.from(Map.of("uri", "http://a", "user", "ann"), NO_ENV));
  }

  @Test
  void toStringHidesTokenPasswordAndUriCredentials() {
    MlflowConfig c = MlflowConfig.from(Map.of("uri", "http://ann:pw1@a:5000", "token", "tok1",
        "user", "ann", "password", "pw2"), NO_ENV);
    String s = c.toString();
    assertFalse(s.contains("tok1") || s.contains("pw1") || s.contains("pw2"), s);
    assertEquals("http://***@a:5000", c.redactedUri());
  }

  @Test
  void withChangesOneSettingAndKeepsTheRest() {
    MlflowConfig c = MlflowConfig.from(Map.of("uri", "http://a", "token", "t"), NO_ENV)
        .with(MlflowConfig.PUSH_DOWN, "false");
    assertFalse(c.pushDown());
    assertEquals("t", c.token());
  }
}
