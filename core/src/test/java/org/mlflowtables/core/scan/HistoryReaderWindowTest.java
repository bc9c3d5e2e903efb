package org.mlflowtables.core.scan;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.client.model.Metric;
import org.mlflowtables.core.config.MlflowConfig;

/**
 * History answers come back in the tasks' order, but a slow answer at the head does not hold the
 * requests behind it (WireMock: a real server cannot be made slow for one request on demand).
 */
class HistoryReaderWindowTest {
  private static final String BULK = "/ajax-api/2.0/mlflow/metrics/get-history-bulk";

  @RegisterExtension
  final WireMockExtension wm = WireMockExtension.newInstance().build();

  @Test
  void aSlowFirstAnswerDoesNotHoldTheRequestsBehindIt() {
    for (int i = 0; i < 6; i++) {
      String run = "r" + i;
      wm.stubFor(get(urlPathEqualTo(BULK)).withQueryParam("run_id", WireMock.equalTo(run))
          .willReturn(aResponse().withHeader("Content-Type", "application/json")
              .withFixedDelay(i == 0 ? 1_500 : 0)
              .withBody("{\"metrics\":[{\"key\":\"loss\",\"value\":" + i
                  + ",\"timestamp\":1,\"step\":0,\"run_id\":\"" + run + "\"}]}")));
    }
    MlflowClient client = MlflowClient.create(MlflowConfig.from(
        Map.of("uri", "http://127.0.0.1:" + wm.getPort()), Map.of()));
    List<HistoryReader.Task> tasks = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      tasks.add(new HistoryReader.Task("loss", List.of("r" + i), 1));
    }
    try (HistoryReader reader = new HistoryReader(client, 2,
        new ScanCounters(client.stats()))) {
      Iterator<List<Metric>> answers = reader.histories(tasks);
      List<Metric> first = answers.next();
      // while r0 was slow, the window (2 x 2 in flight) had r1, r2 and r3 sent and answered;
      // taking r0 from it lets r4 go (a window of 2 would have sent r1 alone, then r2)
      int sent = wm.findAll(getRequestedFor(urlPathEqualTo(BULK))).size();
      assertTrue(sent == 4 || sent == 5, sent + " requests sent when the first answer came");
      List<String> order = new ArrayList<>(List.of(first.get(0).runId()));
      answers.forEachRemaining(a -> order.add(a.get(0).runId()));
      assertEquals(List.of("r0", "r1", "r2", "r3", "r4", "r5"), order);
    }
  }
}
