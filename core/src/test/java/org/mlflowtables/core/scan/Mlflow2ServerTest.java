package org.mlflowtables.core.scan;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.config.MlflowConfig;
import org.mlflowtables.core.exceptions.MlflowTablesException;

/**
 * An MLflow 2 server (no logged-models or v3 traces endpoint): a clear error for MLflow 3 tables
 * only.
 */
class Mlflow2ServerTest {
  private WireMockServer wm;
  private MlflowConfig config;

  @BeforeEach
  void start() {
    wm = new WireMockServer(wireMockConfig().dynamicPort());
    wm.start();
    wm.stubFor(post(urlPathEqualTo("/api/2.0/mlflow/experiments/search")).willReturn(json(
        "{\"experiments\": [{\"experiment_id\": \"1\", \"name\": \"e\","
            + " \"lifecycle_stage\": \"active\"}]}")));
    wm.stubFor(post(urlPathEqualTo("/api/2.0/mlflow/runs/search")).willReturn(json(
        "{\"runs\": [{\"info\": {\"run_id\": \"r1\", \"experiment_id\": \"1\","
            + " \"status\": \"FINISHED\", \"start_time\": 5, \"lifecycle_stage\": \"active\"},"
            + " \"data\": {\"metrics\": [{\"key\": \"m\", \"value\": 1.0, \"timestamp\": 1,"
            + " \"step\": 0}]}}]}")));
    // Flask's answer for a route it does not have.
    for (String missing : List.of("/api/2.0/mlflow/logged-models/search",
        "/api/3.0/mlflow/traces/search")) {
      wm.stubFor(post(urlPathEqualTo(missing)).willReturn(
          aResponse().withStatus(404).withHeader("Content-Type", "text/html")
              .withBody("<!doctype html><title>404 Not Found</title><h1>Not Found</h1>")));
    }
    config = MlflowConfig.from(Map.of("uri", "http://127.0.0.1:" + wm.port()), Map.of());
  }

  @AfterEach
  void stop() {
    wm.stop();
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String b) {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(b);
  }

  private List<Object[]> scan(String table) {
    List<Object[]> rows = new ArrayList<>();
    try (RowIterator it = ScanPlanner.plan(config, ScanRequest.all(table))
        .openAll(MlflowClient.create(config))) {
      it.forEachRemaining(rows::add);
    }
    return rows;
  }

  @ParameterizedTest
  @ValueSource(strings = {"logged_models", "logged_model_metrics", "traces", "trace_spans",
      "assessments"})
  void mlflow3TablesNameThemselvesAndTheVersionTheyNeed(String table) {
    MlflowTablesException e = assertThrows(MlflowTablesException.class, () -> scan(table));
    assertTrue(e.getMessage().contains("'" + table + "'"), e.getMessage());
    assertTrue(e.getMessage().contains("MLflow 3.0 or later"), e.getMessage());
  }

  @Test
  void otherTablesKeepWorking() {
    List<Object[]> runs = scan("runs");
    assertEquals(1, runs.size());
    assertEquals("r1", runs.get(0)[0]);
    assertEquals(Map.of("m", 1.0), runs.get(0)[9]);
  }
}
