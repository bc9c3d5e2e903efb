package org.mlflowtables.core.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mlflowtables.core.client.model.Page;
import org.mlflowtables.core.client.model.Run;
import org.mlflowtables.core.client.model.SearchRunsRequest;
import org.mlflowtables.core.config.MlflowConfig;
import org.mlflowtables.core.config.ViewType;
import org.mlflowtables.core.exceptions.MlflowApiException;

/** The retry policy and error reporting, against WireMock faults a real server won't produce. */
class MlflowClientFaultTest {
  private static final String SECRET = "s3cr3t-token-value";
  private static final String SEARCH = "/api/2.0/mlflow/runs/search";
  private static final String EMPTY_PAGE = "{\"runs\": []}";

  /**
   * A WireMock server of each test's own, on a free port (the extension's default), started and
   * stopped by WireMock's JUnit extension.
   */
  @RegisterExtension
  final WireMockExtension wm = WireMockExtension.newInstance().build();
  private MlflowClient client;

  @BeforeEach
  void start() {
    MlflowConfig config = MlflowConfig.from(
        Map.of("uri", "http://127.0.0.1:" + wm.getPort(), "token", SECRET, "timeoutSeconds", "2"),
        Map.of());
    client = MlflowClient.create(config,
        new RetryPolicy(3, Duration.ofMillis(10), Duration.ofSeconds(5)));
  }

  private Page<Run> search() {
    return client.searchRuns(
        new SearchRunsRequest(List.of("1"), null, ViewType.ACTIVE_ONLY, 10, List.of(), null));
  }

  private void failThenSucceed(int failures, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder failure) {
    String state = Scenario.STARTED;
    for (int i = 0; i < failures; i++) {
      String next = "fail-" + (i + 1);
      wm.stubFor(post(urlPathEqualTo(SEARCH)).inScenario("s").whenScenarioStateIs(state)
          .willReturn(failure).willSetStateTo(next));
      state = next;
    }
    wm.stubFor(post(urlPathEqualTo(SEARCH)).inScenario("s").whenScenarioStateIs(state)
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody(EMPTY_PAGE)));
  }

  @Test
  void retries503UntilTheServerAnswers() {
    failThenSucceed(2, aResponse().withStatus(503));
    assertTrue(search().items().isEmpty());
    wm.verify(3, postRequestedFor(urlPathEqualTo(SEARCH)));
    assertEquals(3, client.stats().requests());
    assertEquals(2, client.stats().retries());
  }

  @Test
  void retries429AndHonoursRetryAfter() {
    failThenSucceed(1, aResponse().withStatus(429).withHeader("Retry-After", "1"));
    long started = System.nanoTime();
    search();
    long elapsedMs = (System.nanoTime() - started) / 1_000_000;
    wm.verify(2, postRequestedFor(urlPathEqualTo(SEARCH)));
    assertTrue(elapsedMs >= 950, "waited only " + elapsedMs + " ms despite Retry-After: 1");
  }

  @Test
  void retriesAConnectionResetMidBody() {
    failThenSucceed(1, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
    search();
    wm.verify(2, postRequestedFor(urlPathEqualTo(SEARCH)));
  }

  @Test
  void retriesATruncatedJsonPage() {
    failThenSucceed(1, aResponse().withStatus(200).withHeader("Content-Type", "application/json")
        .withBody("{\"runs\": [{\"info\": {\"run_id\": \"a"));
    search();
    wm.verify(2, postRequestedFor(urlPathEqualTo(SEARCH)));
  }

  @Test
  void retriesAnAnswerSlowerThanTheTimeout() {
    failThenSucceed(1, aResponse().withStatus(200).withHeader("Content-Type", "application/json")
        .withBody(EMPTY_PAGE).withFixedDelay(3000));
    search();
    wm.verify(2, postRequestedFor(urlPathEqualTo(SEARCH)));
  }

  @Test
  void doesNotRetryA400AndReportsMlflowsErrorCode() {
    wm.stubFor(post(urlPathEqualTo(SEARCH)).willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error_code\": \"INVALID_PARAMETER_VALUE\", \"message\": \"bad filter\"}")));
    MlflowApiException e = assertThrows(MlflowApiException.class, this::search);
    wm.verify(1, postRequestedFor(urlPathEqualTo(SEARCH)));
    assertEquals("INVALID_PARAMETER_VALUE", e.errorCode());
    assertEquals(400, e.httpStatus());
    assertEquals(SEARCH, e.path());
    assertTrue(e.getMessage().contains("bad filter"), e.getMessage());
  }

  @Test
  void aSpentBudgetEndsInAClearError() {
    wm.stubFor(post(urlPathEqualTo(SEARCH)).willReturn(aResponse().withStatus(503)));
    MlflowApiException e = assertThrows(MlflowApiException.class, this::search);
    wm.verify(4, postRequestedFor(urlPathEqualTo(SEARCH)));
    assertEquals(503, e.httpStatus());
    assertTrue(e.getMessage().contains("gave up after 4 attempts"), e.getMessage());
    assertTrue(e.getMessage().contains(SEARCH), e.getMessage());
  }

  @Test
  void aNonJson502FromAProxyGetsAClearMessage() {
    wm.stubFor(post(urlPathEqualTo(SEARCH)).willReturn(aResponse().withStatus(502)
        .withHeader("Content-Type", "text/html")
        .withBody("<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1>"
            + "</body></html>")));
    MlflowApiException e = assertThrows(MlflowApiException.class, this::search);
    assertEquals(502, e.httpStatus());
    assertNull(e.errorCode());
    assertTrue(e.getMessage().contains("text/html, not MLflow JSON"), e.getMessage());
    assertTrue(e.getMessage().contains("Bad Gateway"), e.getMessage());
    assertFalse(e.getMessage().contains("<html>"), e.getMessage());
  }

  @Test
  void aMissingEndpointIsRecognised() {
    wm.stubFor(get(urlPathEqualTo("/ajax-api/2.0/mlflow/metrics/get-history-bulk"))
        .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "text/html")
            .withBody("<h1>Not Found</h1>")));
    MlflowApiException e = assertThrows(MlflowApiException.class,
        () -> client.getMetricHistoryBulk(List.of("r1"), "loss", 10));
    assertTrue(e.isEndpointMissing());
    wm.verify(1, getRequestedFor(urlPathEqualTo("/ajax-api/2.0/mlflow/metrics/get-history-bulk")));
  }

  @Test
  void sendsTheTokenAsBearerAuth() {
    wm.stubFor(post(urlPathEqualTo(SEARCH)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody(EMPTY_PAGE)));
    search();
    wm.verify(postRequestedFor(urlPathEqualTo(SEARCH))
        .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock
            .equalTo("Bearer " + SECRET)));
  }

  @Test
  void theTokenAppearsInNoMessageLogLineOrToString() {
    wm.stubFor(post(urlPathEqualTo(SEARCH)).willReturn(aResponse().withStatus(401)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error_code\": \"UNAUTHENTICATED\", \"message\": \"bad credentials\"}")));
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    MlflowApiException e;
    try {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      e = assertThrows(MlflowApiException.class, this::search);
    } finally {
      System.setErr(original);
    }
    String logs = captured.toString(StandardCharsets.UTF_8);
    assertTrue(logs.contains("runs/search"), "expected DEBUG request lines, got: " + logs);
    assertFalse(logs.contains(SECRET), logs);
    assertFalse(e.getMessage().contains(SECRET));
    assertFalse(client.toString().contains(SECRET));
    assertFalse(client.config().toString().contains(SECRET));
    assertEquals(401, e.httpStatus());
    assertEquals("UNAUTHENTICATED", e.errorCode());
  }
}
