package org.mlflowtables.core.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mlflowtables.core.config.MlflowConfig;
import org.mlflowtables.core.exceptions.MlflowApiException;

/**
 * {@code databricks://PROFILE} end to end, with WireMock standing in for the workspace: its
 * OAuth token endpoint ({@code /oidc/v1/token}) and an MLflow endpoint that only answers the
 * right bearer token. Personal access tokens, OAuth machine-to-machine with refresh before and
 * after expiry, one token shared by concurrent requests, a refused client, and no secret in any
 * message, log line or {@code toString()}.
 */
class DatabricksAuthTest {
  private static final String GET_EXPERIMENT = "/api/2.0/mlflow/experiments/get";
  private static final String TOKEN = "/oidc/v1/token";
  private static final String SECRET = "m2m-secret-" + UUID.randomUUID();
  private static final String PAT = "dapi-" + UUID.randomUUID();

  @RegisterExtension
  final WireMockExtension workspace = WireMockExtension.newInstance().build();
  @TempDir
  Path dir;

  /** A client for {@code databricks://name}, the profile written to a config file of its own. */
  private MlflowClient client(String profile, String... fields) throws IOException {
    Path file = dir.resolve("databrickscfg");
    List<String> lines = new ArrayList<>(List.of("[" + profile + "]",
        "host = http://127.0.0.1:" + workspace.getPort()));
    lines.addAll(List.of(fields));
    Files.write(file, lines, StandardCharsets.UTF_8);
    return MlflowClient.create(MlflowConfig.from(Map.of("uri", "databricks://" + profile),
        Map.of("DATABRICKS_CONFIG_FILE", file.toString())));
  }

  /** The experiments endpoint answers the bearer token given, 401 otherwise. */
  private void experimentFor(String bearer) {
    workspace.stubFor(get(urlPathEqualTo(GET_EXPERIMENT)).atPriority(5)
        .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
            .withBody("{\"error_code\":\"UNAUTHENTICATED\",\"message\":\"bad token\"}")));
    workspace.stubFor(get(urlPathEqualTo(GET_EXPERIMENT)).atPriority(1)
        .withHeader("Authorization", equalTo("Bearer " + bearer))
        .willReturn(aResponse().withHeader("Content-Type", "application/json")
            .withBody("{\"experiment\": {\"experiment_id\": \"7\", \"name\": \"seen-with-"
                + bearer + "\"}}")));
  }

  /** The token endpoint issues these tokens in turn, each valid for {@code ttl} seconds. */
  private void tokens(String clientId, long ttl, String... issued) {
    String basic = "Basic " + Base64.getEncoder().encodeToString(
        (clientId + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
    String state = Scenario.STARTED;
    for (int i = 0; i < issued.length; i++) {
      String next = "issued-" + (i + 1);
      workspace.stubFor(post(urlPathEqualTo(TOKEN)).inScenario("tokens")
          .whenScenarioStateIs(state)
          .withHeader("Authorization", equalTo(basic))
          .withRequestBody(containing("grant_type=client_credentials"))
          .withRequestBody(containing("scope=all-apis"))
          .willReturn(aResponse().withHeader("Content-Type", "application/json")
              .withBody("{\"access_token\": \"" + issued[i] + "\", \"token_type\": \"Bearer\","
                  + " \"expires_in\": " + ttl + "}"))
          .willSetStateTo(next));
      state = next;
    }
  }

  private static String name(MlflowClient c) {
    return c.getExperiment("7").name();
  }

  @Test
  void aProfileWithAPersonalAccessTokenSendsItAsBearer() throws IOException {
    experimentFor(PAT);
    assertEquals("seen-with-" + PAT, name(client("pat", "token = " + PAT)));
  }

  @Test
  void aProfileWithClientCredentialsExchangesThemForAToken() throws IOException {
    String id = "sp-" + UUID.randomUUID();
    tokens(id, 3600, "tok-a");
    experimentFor("tok-a");
    MlflowClient c = client("m2m", "client_id = " + id, "client_secret = " + SECRET);
    assertEquals("seen-with-tok-a", name(c));
    assertEquals("seen-with-tok-a", name(c));
    workspace.verify(1, postRequestedFor(urlPathEqualTo(TOKEN)));
  }

  /**
   * A token valid for {@code ttl} seconds, used at once; after {@code pause} milliseconds the next
   * request comes with a new one.
   */
  private void aNewTokenAfter(long ttl, long pause) throws Exception {
    String id = "sp-" + UUID.randomUUID();
    tokens(id, ttl, "tok-1", "tok-2");
    experimentFor("tok-1");
    MlflowClient c = client("m2m", "client_id = " + id, "client_secret = " + SECRET);
    assertEquals("seen-with-tok-1", name(c));
    assertEquals("seen-with-tok-1", name(c));
    Thread.sleep(pause);
    experimentFor("tok-2");
    assertEquals("seen-with-tok-2", name(c));
    workspace.verify(2, postRequestedFor(urlPathEqualTo(TOKEN)));
  }

  @Test
  void anExpiredTokenIsReplaced() throws Exception {
    aNewTokenAfter(1, 1_500);
  }

  @Test
  void aTokenIsRefreshedBeforeItExpires() throws Exception {
    // Refreshed once half its life is gone: at 1.3 s a 2 s token is still valid, but replaced.
    aNewTokenAfter(2, 1_300);
  }

  @Test
  void concurrentRequestsShareOneToken() throws Exception {
    String id = "sp-" + UUID.randomUUID();
    tokens(id, 3600, "tok-shared", "tok-extra");
    experimentFor("tok-shared");
    MlflowClient c = client("m2m", "client_id = " + id, "client_secret = " + SECRET);
    ExecutorService pool = Executors.newFixedThreadPool(16);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<String>> answers = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      // Separate clients of the same settings, as Spark tasks and JDBC statements have.
      MlflowClient each = MlflowClient.create(c.config());
      answers.add(pool.submit(() -> {
        go.await();
        return name(each);
      }));
    }
    go.countDown();
    for (Future<String> a : answers) {
      assertEquals("seen-with-tok-shared", a.get());
    }
    pool.shutdown();
    workspace.verify(1, postRequestedFor(urlPathEqualTo(TOKEN)));
  }

  @Test
  void aRefusedClientIsNamedWithoutItsSecret() throws IOException {
    workspace.stubFor(post(urlPathEqualTo(TOKEN)).willReturn(aResponse().withStatus(401)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\":\"invalid_client\",\"error_description\":\"Client authentication"
            + " failed\"}")));
    MlflowClient c = client("m2m", "client_id = sp-wrong", "client_secret = " + SECRET);
    PrintStream original = System.err;
    ByteArrayOutputStream logs = new ByteArrayOutputStream();
    MlflowApiException e;
    try {
      System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
      e = assertThrows(MlflowApiException.class, () -> name(c));
    } finally {
      System.setErr(original);
    }
    assertEquals(401, e.httpStatus());
    assertTrue(e.getMessage().contains("'sp-wrong'") && e.getMessage().contains("secret is wrong")
        && e.getMessage().contains(TOKEN), e.getMessage());
    workspace.verify(1, postRequestedFor(urlPathEqualTo(TOKEN)));
    String all = e.getMessage() + logs.toString(StandardCharsets.UTF_8) + c.config();
    assertFalse(all.contains(SECRET), "the secret leaked: " + all);
  }
}
