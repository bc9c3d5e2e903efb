package org.mlflowtables.core.scan;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.Iterator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mlflowtables.core.catalog.RowMapper;
import org.mlflowtables.core.catalog.RunMetric;
import org.mlflowtables.core.catalog.Tables;
import org.mlflowtables.core.client.MlflowClient;

/**
 * A part of a split scan sizes its history requests for its share of the requests the server
 * serves at once (its default 4 workers, or {@code maxInFlight} when lower), as if the scan's
 * parts were read at once; one part alone spreads a batch over all of them.
 */
class HistoryRequestShareTest {
  private static final String BULK = "/ajax-api/2.0/mlflow/metrics/get-history-bulk";
  private WireMockServer wm;
  private MlflowClient client; // maxInFlight 8, the default

  @BeforeEach
  void start() {
    wm = Stub.started();
    wm.stubFor(get(urlPathEqualTo(BULK)).willReturn(Stub.json(200, "{\"metrics\": []}")));
    client = Stub.client(wm);
  }

  @AfterEach
  void stop() {
    wm.stop();
  }

  /** The get-history-bulk requests one part sends for 16 runs of 1 000 points of one key. */
  @SuppressWarnings("unchecked") // the metrics table's rows are RunMetric rows
  private int bulkRequests(int partsInScan) {
    RowMapper<RunMetric> rows = (RowMapper<RunMetric>) Tables.get("metrics").read().rows();
    try (Resources resources = new Resources()) {
      Iterator<Object[]> it = RunExpansion.histories(rows, null)
          .open(client, new ScanCounters(client.stats()), resources, false, partsInScan)
          .apply(HistoryRequestPlanTest.runs(16, 999, "loss"));
      while (it.hasNext()) {
        it.next();
      }
    }
    return wm.findAll(getRequestedFor(urlPathEqualTo(BULK))).size();
  }

  @Test
  void aScanOfOnePartSpreadsABatchOverTheServersDefaultWorkers() {
    assertEquals(4, bulkRequests(1), "16 000 points over 4 requests of 4 000");
  }

  @Test
  void aPartOfTwoSizesItsRequestsForHalfOfThem() {
    assertEquals(2, bulkRequests(2), "16 000 points over 2 requests of 8 000");
  }

  @Test
  void aPartOfMorePartsThanRequestsInFlightSizesForOne() {
    assertEquals(1, bulkRequests(32), "16 000 points in one request");
  }

  @Test
  void fewerRequestsInFlightThanWorkersSizeForThoseInFlight() {
    assertEquals(2, HistoryReader.sizingSlots(2, 1));
    assertEquals(4, HistoryReader.sizingSlots(16, 1));
  }
}
