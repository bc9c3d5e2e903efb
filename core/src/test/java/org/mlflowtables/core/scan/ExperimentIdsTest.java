package org.mlflowtables.core.scan;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mlflowtables.core.client.MlflowClient;

/**
 * Named experiment ids beyond 32 bits: kept only where get-experiment finds them (Databricks has
 * such ids; MLflow's SQL stores cannot, and PostgreSQL fails a search naming one).
 */
class ExperimentIdsTest {
  private static final String GET = "/api/2.0/mlflow/experiments/get";
  private WireMockServer wm;
  private MlflowClient client;

  @BeforeEach
  void start() {
    wm = Stub.started();
    // found: a Databricks-sized id
    wm.stubFor(get(urlPathEqualTo(GET)).withQueryParam("experiment_id",
        WireMock.equalTo("1742318467239573")).willReturn(Stub.json(200,
            "{\"experiment\": {\"experiment_id\": \"1742318467239573\", \"name\": \"e\"}}")));
    // SQLite: not found
    wm.stubFor(get(urlPathEqualTo(GET)).withQueryParam("experiment_id",
        WireMock.equalTo("2147483648")).willReturn(Stub.json(404,
            "{\"error_code\": \"RESOURCE_DOES_NOT_EXIST\", \"message\": \"No Experiment\"}")));
    // PostgreSQL: the store cannot hold the id
    wm.stubFor(get(urlPathEqualTo(GET)).withQueryParam("experiment_id",
        WireMock.equalTo("9223372036854775807")).willReturn(Stub.json(400,
            "{\"error_code\": \"BAD_REQUEST\", \"message\": \"(psycopg.errors.NumericValueOutOf"
                + "Range) integer out of range\"}")));
    client = Stub.client(wm);
  }

  @AfterEach
  void stop() {
    wm.stop();
  }


  @Test
  void idsWithinThirtyTwoBitsAreKeptWithoutAsking() {
    List<String> ids = List.of("0", "7", "2147483647");
    assertEquals(ids, ExperimentIds.existing(client, ids, new ScanCounters(client.stats())));
    wm.verify(0, getRequestedFor(urlPathEqualTo(GET)));
  }

  @Test
  void aLargerIdIsKeptOnlyWhereTheServerHasIt() {
    List<String> kept = ExperimentIds.existing(client,
        List.of("3", "1742318467239573", "2147483648", "9223372036854775807"),
        new ScanCounters(client.stats()));
    assertEquals(List.of("3", "1742318467239573"), kept);
    wm.verify(3, getRequestedFor(urlPathEqualTo(GET)));
  }
}
