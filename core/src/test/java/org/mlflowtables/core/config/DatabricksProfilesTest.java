package org.mlflowtables.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlflowtables.core.exceptions.ConfigException;

/**
 * {@code databricks://PROFILE} and {@code databricks} tracking URIs, read from a Databricks config
 * file as MLflow's clients (databricks-sdk) read it: which profile, which fields, what wins, and
 * errors that name the profile, file and field without showing a secret.
 */
class DatabricksProfilesTest {
  private static final String PAT = "dapi-pat-secret-1";
  private static final String SECRET = "m2m-client-secret-2";

  @TempDir
  Path dir;
  private Path file;
  private Map<String, String> env;

  @BeforeEach
  void writeConfig() throws IOException {
    file = dir.resolve("databrickscfg");
    Files.writeString(file, String.join("\n",
        "; the CLI's file",
        "[DEFAULT]",
        "host = https://default.cloud.databricks.com",
        "token = dapi-default",
        "",
        "[pat]",
        "host  =  adb-1.azuredatabricks.net/",
        "token = " + PAT,
        "",
        "[m2m]",
        "host: https://m2m.cloud.databricks.com",
        "CLIENT_ID = sp-123",
        "client_secret = " + SECRET,
        "",
        "[both]",
        "host = https://both.cloud.databricks.com",
        "token = " + PAT,
        "client_id = sp-1",
        "client_secret = " + SECRET,
        "",
        "[nohost]",
        "token = " + PAT,
        "",
        "[nocreds]",
        "host = https://nocreds.cloud.databricks.com",
        "",
        "[halfm2m]",
        "host = https://half.cloud.databricks.com",
        "client_id = sp-9",
        ""));
    env = new HashMap<>(Map.of("DATABRICKS_CONFIG_FILE", file.toString()));
  }

  private MlflowConfig config(String uri) {
    return MlflowConfig.from(Map.of("uri", uri), env);
  }

  private ConfigException fails(String uri) {
    ConfigException e = assertThrows(ConfigException.class, () -> config(uri));
    assertFalse(e.getMessage().contains(PAT) || e.getMessage().contains(SECRET), e.getMessage());
    return e;
  }

  @Test
  void aProfileWithATokenGivesItsHostAndToken() {
    MlflowConfig c = config("databricks://pat");
    assertEquals("https://adb-1.azuredatabricks.net", c.uri());
    assertEquals(PAT, c.token());
    assertNull(c.clientId());
  }

  @Test
  void aProfileWithAClientIdAndSecretIsOAuthMachineToMachine() {
    MlflowConfig c = config("databricks://m2m");
    assertEquals("https://m2m.cloud.databricks.com", c.uri());
    assertNull(c.token());
    assertEquals("sp-123", c.clientId());
    assertEquals(SECRET, c.clientSecret());
  }

  @Test
  void databricksAloneReadsTheDefaultProfileOrTheOneTheEnvironmentNames() {
    assertEquals("https://default.cloud.databricks.com", config("databricks").uri());
    env.put("DATABRICKS_CONFIG_PROFILE", "m2m");
    assertEquals("sp-123", config("databricks").clientId());
  }

  @Test
  void databricksAloneUsesTheEnvironmentWhenItNamesAHost() {
    env.put("DATABRICKS_HOST", "env.cloud.databricks.com");
    env.put("DATABRICKS_CLIENT_ID", "sp-env");
    env.put("DATABRICKS_CLIENT_SECRET", SECRET);
    MlflowConfig c = config("databricks");
    assertEquals("https://env.cloud.databricks.com", c.uri());
    assertEquals("sp-env", c.clientId());
  }

  @Test
  void theEnvironmentWinsOverAProfilesFieldsAsInDatabricksSdk() {
    env.put("DATABRICKS_TOKEN", "dapi-from-env");
    MlflowConfig c = config("databricks://pat");
    assertEquals("https://adb-1.azuredatabricks.net", c.uri());
    assertEquals("dapi-from-env", c.token());
  }

  @Test
  void explicitCredentialsWinOverTheProfiles() {
    MlflowConfig c = MlflowConfig.from(Map.of("uri", "databricks://nocreds", "token", "t-set"),
        env);
    assertEquals("https://nocreds.cloud.databricks.com", c.uri());
    assertEquals("t-set", c.token());
  }

  @Test
  void aMissingFileIsNamedWithTheProfile() {
    env.put("DATABRICKS_CONFIG_FILE", dir.resolve("nowhere.cfg").toString());
    String m = fails("databricks://pat").getMessage();
    assertTrue(m.contains("'pat'") && m.contains("nowhere.cfg")
        && m.contains("DATABRICKS_CONFIG_FILE"), m);
  }

  @Test
  void aMissingDefaultSaysHowToGiveAWorkspace() {
    env.put("DATABRICKS_CONFIG_FILE", dir.resolve("nowhere.cfg").toString());
    String m = fails("databricks").getMessage();
    assertTrue(m.contains("DATABRICKS_HOST") && m.contains("DEFAULT") && m.contains("nowhere.cfg"),
        m);
  }

  @Test
  void aMissingProfileIsNamedWithTheFileAndTheProfilesThere() {
    String m = fails("databricks://prod").getMessage();
    assertTrue(m.contains("'prod'") && m.contains(file.toString()) && m.contains("pat, m2m"), m);
  }

  @Test
  void missingFieldsAreNamedWithTheProfileAndFile() {
    String noHost = fails("databricks://nohost").getMessage();
    assertTrue(noHost.contains("'nohost'") && noHost.contains(file.toString())
        && noHost.contains("'host'"), noHost);
    String noCreds = fails("databricks://nocreds").getMessage();
    assertTrue(noCreds.contains("'nocreds'") && noCreds.contains("'token'")
        && noCreds.contains("client_id"), noCreds);
    String half = fails("databricks://halfm2m").getMessage();
    assertTrue(half.contains("'halfm2m'") && half.contains("no 'client_secret'"), half);
  }

  @Test
  void aTokenAndClientCredentialsTogetherNeedAnAuthType() throws IOException {
    String m = fails("databricks://both").getMessage();
    assertTrue(m.contains("'both'") && m.contains("auth_type"), m);
    env.put("DATABRICKS_AUTH_TYPE", "oauth-m2m");
    assertEquals("sp-1", config("databricks://both").clientId());
    env.put("DATABRICKS_AUTH_TYPE", "pat");
    assertEquals(PAT, config("databricks://both").token());
    env.put("DATABRICKS_AUTH_TYPE", "azure-cli");
    assertTrue(fails("databricks://both").getMessage().contains("'azure-cli'"));
  }

  @Test
  void aMalformedDatabricksUriSaysWhatIsExpected() {
    assertTrue(fails("databricks://").getMessage().contains("databricks://PROFILE"));
    assertTrue(fails("databricks://scope:prefix").getMessage().contains("databricks://PROFILE"));
  }

  @Test
  void noSecretInToStringAndTheResolvedSettingsSurviveACopy() {
    MlflowConfig c = config("databricks://m2m");
    assertFalse(c.toString().contains(SECRET), c.toString());
    assertTrue(c.toString().contains("clientId=sp-123"), c.toString());
    MlflowConfig copy = c.with(MlflowConfig.PAGE_SIZE, "10");
    assertEquals(c.uri(), copy.uri());
    assertEquals(SECRET, copy.clientSecret());
    assertFalse(config("databricks://pat").toString().contains(PAT));
  }
}
