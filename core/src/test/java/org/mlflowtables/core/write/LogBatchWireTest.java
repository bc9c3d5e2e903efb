package org.mlflowtables.core.write;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.config.MlflowConfig;

/**
 * What goes on the wire, through the real {@link MlflowClient}: bodies within 1 MB and NaN and
 * +/-Infinity as the JSON strings MLflow parses. A bare {@code NaN} token is not harmless: MLflow
 * 3.17 answers 200 but stores a zero point instead and drops the rest of the request (verified by
 * hand against the server), so the bodies must be strict JSON.
 */
class LogBatchWireTest {
  private static final String LOG_BATCH = "/api/2.0/mlflow/runs/log-batch";
  private static final String RUN = "0123456789abcdef0123456789abcdef";

  /**
   * A WireMock server of each test's own, on a free port (the extension's default), started and
   * stopped by WireMock's JUnit extension.
   */
  @RegisterExtension
  final WireMockExtension wm = WireMockExtension.newInstance().build();
  private MlflowClient client;

  @BeforeEach
  void start() {
    wm.stubFor(post(urlPathEqualTo(LOG_BATCH)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("{}")));
    client = MlflowClient.create(MlflowConfig.from(
        Map.of("uri", "http://127.0.0.1:" + wm.getPort(), "deduplicate", "false"), Map.of()));
  }

  @Test
  void bodiesAreStrictJsonWithinOneMegabyte() throws Exception {
    String euro = "\u20ac".repeat(7990) + "\"\\\n\u0001x";
    double[] values = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 1.5};
    try (LogBatchWriter w = LogBatchWriter.create(client)) {
      for (int i = 0; i < 250; i++) {
        w.add(new TagRow(RUN, "tag/" + i, euro));
      }
      for (int i = 0; i < 3000; i++) {
        w.add(MetricRow.of(RUN, "k".repeat(240) + (i % 10), values[i % values.length], i, i)
            .withLineage("m-" + "f".repeat(32), "d".repeat(500), "0".repeat(36)));
      }
    }
    List<LoggedRequest> requests = wm.findAll(postRequestedFor(urlPathEqualTo(LOG_BATCH)));
    ObjectMapper strict = new ObjectMapper(); // no ALLOW_NON_NUMERIC_NUMBERS
    int tags = 0;
    int metrics = 0;
    int largest = 0;
    int nan = 0;
    int inf = 0;
    int negInf = 0;
    for (LoggedRequest r : requests) {
      byte[] body = r.getBody();
      largest = Math.max(largest, body.length);
      assertTrue(body.length <= LogBatchLimits.MAX_BATCH_LOG_REQUEST_SIZE, body.length + " bytes");
      JsonNode json = strict.readTree(body);
      assertEquals(RUN, json.get("run_id").asText());
      tags += json.get("tags").size();
      metrics += json.get("metrics").size();
      assertTrue(json.get("metrics").size() + json.get("tags").size() <= 1000);
      assertTrue(json.get("tags").size() <= 100);
      for (JsonNode m : json.get("metrics")) {
        JsonNode v = m.get("value");
        if (v.isTextual()) {
          switch (v.asText()) {
            case "NaN" -> nan++;
            case "Infinity" -> inf++;
            case "-Infinity" -> negInf++;
            default -> throw new AssertionError("unexpected " + v);
          }
        }
        assertEquals("d".repeat(500), m.get("dataset_name").asText());
      }
    }
    assertEquals(250, tags);
    assertEquals(3000, metrics);
    assertEquals(600, nan);
    assertEquals(600, inf);
    assertEquals(600, negInf);
    assertTrue(largest > 900_000, "largest body " + largest);
  }
}
