package org.mlflowtables.core.scan;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mlflowtables.core.client.MlflowClient;

/** How a full runs scan is split into parts: by start time while the experiments fit a request. */
class RunsScanPartsTest {
  private static final String RUNS = "/api/2.0/mlflow/runs/search";
  private WireMockServer wm;
  private MlflowClient client;

  @BeforeEach
  void start() {
    wm = Stub.started();
    // the edge probes: the first run starts at 1 000, the last at 9 000
    wm.stubFor(post(urlPathEqualTo(RUNS)).withRequestBody(containing("start_time ASC"))
        .willReturn(Stub.json(200, run(1_000))));
    wm.stubFor(post(urlPathEqualTo(RUNS)).withRequestBody(containing("start_time DESC"))
        .willReturn(Stub.json(200, run(9_000))));
    client = Stub.client(wm);
  }

  @AfterEach
  void stop() {
    wm.stop();
  }

  private static String run(long start) {
    return "{\"runs\": [{\"info\": {\"run_id\": \"r\", \"experiment_id\": \"1\", \"start_time\": "
        + start + ", \"lifecycle_stage\": \"active\"}}]}";
  }


  private void experiments(int n) {
    String list = IntStream.rangeClosed(1, n).mapToObj(i -> "{\"experiment_id\": \"" + i
        + "\", \"name\": \"e" + i + "\", \"lifecycle_stage\": \"active\"}")
        .collect(Collectors.joining(", "));
    wm.stubFor(post(urlPathEqualTo("/api/2.0/mlflow/experiments/search"))
        .willReturn(Stub.json(200, "{\"experiments\": [" + list + "]}")));
  }

  private List<ScanPart> parts(int maxParts) {
    return ScanPlanner.plan(client.config(), ScanRequest.all("runs")).parts(client, maxParts);
  }

  @Test
  void experimentsThatFitOneRequestAreSplitByStartTimeIntoEqualRanges() {
    experiments(29);
    List<ScanPart> parts = parts(2);
    assertEquals(2, parts.size());
    assertTrue(parts.stream().allMatch(p -> p instanceof StartTimeRangePart), parts.toString());
    assertTrue(parts.get(0).describe().endsWith("start_time in [-inf, 5001)"),
        parts.get(0).describe());
    assertTrue(parts.get(1).describe().endsWith("start_time in [5001, +inf)"),
        parts.get(1).describe());
    wm.verify(2, postRequestedFor(urlPathEqualTo(RUNS)));
  }

  @Test
  void moreExperimentsThanOneRequestNamesAreSplitIntoGroupsWithoutProbes() {
    experiments(150);
    List<ScanPart> parts = parts(2);
    assertEquals(2, parts.size());
    assertTrue(parts.stream().allMatch(p -> p instanceof ExperimentGroupPart), parts.toString());
    wm.verify(0, postRequestedFor(urlPathEqualTo(RUNS)));
  }

  @Test
  void eachPartKnowsHowManyPartsItsScanHas() {
    experiments(29);
    assertEquals(List.of(3, 3, 3), parts(3).stream()
        .map(p -> ((StartTimeRangePart) p).count()).toList());
    experiments(150);
    assertEquals(List.of(2, 2), parts(2).stream()
        .map(p -> ((ExperimentGroupPart) p).count()).toList());
  }

  @Test
  void oneHasNoSplitAndNoProbes() {
    experiments(29);
    assertEquals(1, parts(1).size());
    wm.verify(0, postRequestedFor(urlPathEqualTo(RUNS)));
  }

  // ---- a scan read as one stream of several parts (openAll with streams, as JDBC reads) ----

  private static String page(String token, String... runs) {
    return "{\"runs\": [" + String.join(", ", runs) + "]"
        + (token == null ? "" : ", \"next_page_token\": \"" + token + "\"") + "}";
  }

  private static String run(String id, long start) {
    return "{\"info\": {\"run_id\": \"" + id + "\", \"experiment_id\": \"1\", "
        + "\"start_time\": " + start + ", \"lifecycle_stage\": \"active\"}}";
  }

  private List<String> runIdsReadWithStreams(int streams) {
    List<String> ids = new java.util.ArrayList<>();
    try (RowIterator rows = ScanPlanner.plan(client.config(), ScanRequest.all("runs"))
        .openAll(client, streams)) {
      rows.forEachRemaining(r -> ids.add((String) r[0]));
    }
    return ids;
  }

  /** The first page of the walk: ordered by start time, with no start-time bound yet. */
  private void firstPage(String answer) {
    wm.stubFor(post(urlPathEqualTo(RUNS)).atPriority(1)
        .withRequestBody(containing("start_time ASC"))
        .withRequestBody(notContaining("start_time >="))
        .willReturn(Stub.json(200, answer)));
  }

  @Test
  void aResultOfOnePageIsOneSearchWhateverTheStreams() {
    experiments(29);
    firstPage(page(null, run("a", 1_000), run("b", 2_000)));
    assertEquals(List.of("a", "b"), runIdsReadWithStreams(4));
    wm.verify(1, postRequestedFor(urlPathEqualTo(RUNS)));
    // a first page of 100 runs: a larger result is read by one stream only this far
    wm.verify(1, postRequestedFor(urlPathEqualTo(RUNS))
        .withRequestBody(matchingJsonPath("$.max_results", equalTo("100"))));
  }

  @Test
  void whatIsLeftAfterTheFirstPageIsReadInRangesUpToTheLastStartLeavingOutRunsAlreadyRead() {
    experiments(29);
    firstPage(page("t", run("a", 1_000), run("b", 2_000)));
    // ranges from 2 000 (the first page's last start) to 9 000 (the probe's): [2000, 5501) and
    // [5501, +inf); the first answers b again, which the first page gave
    wm.stubFor(post(urlPathEqualTo(RUNS)).atPriority(1)
        .withRequestBody(
            containing("attributes.start_time >= 2000 AND attributes.start_time < 5501"))
        .willReturn(Stub.json(200, page(null, run("b", 2_000), run("c", 3_000)))));
    wm.stubFor(post(urlPathEqualTo(RUNS)).atPriority(1)
        .withRequestBody(containing("attributes.start_time >= 5501"))
        .willReturn(Stub.json(200, page(null, run("d", 9_000)))));
    List<String> ids = runIdsReadWithStreams(2);
    assertEquals(List.of("a", "b"), ids.subList(0, 2), "the first page first");
    assertEquals(List.of("a", "b", "c", "d"), ids.stream().sorted().toList());
    // the first page, the probe for the last start time, one page a range
    wm.verify(4, postRequestedFor(urlPathEqualTo(RUNS)));
    wm.verify(1, postRequestedFor(urlPathEqualTo(RUNS))
        .withRequestBody(containing("start_time DESC")));
    // the ranges in pages of the configured size (1 000 by default)
    wm.verify(2, postRequestedFor(urlPathEqualTo(RUNS))
        .withRequestBody(matchingJsonPath("$.max_results", equalTo("1000"))));
  }

  private static String runWithoutStart(String id) {
    return "{\"info\": {\"run_id\": \"" + id + "\", \"experiment_id\": \"1\", "
        + "\"lifecycle_stage\": \"active\"}}";
  }

  @Test
  void aFirstPageWithoutStartTimesIsKeptAndTheRestFollowsItsPageToken() {
    experiments(29);
    firstPage(page("t", runWithoutStart("a"), runWithoutStart("b")));
    wm.stubFor(post(urlPathEqualTo(RUNS)).atPriority(1)
        .withRequestBody(matchingJsonPath("$.page_token", equalTo("t")))
        .willReturn(Stub.json(200, page(null, runWithoutStart("c")))));
    assertEquals(List.of("a", "b", "c"), runIdsReadWithStreams(2));
    // the two pages of one stream: no probe, no second listing of the experiments
    wm.verify(2, postRequestedFor(urlPathEqualTo(RUNS)));
    wm.verify(1, postRequestedFor(urlPathEqualTo("/api/2.0/mlflow/experiments/search")));
  }

  @Test
  void aHistoryReadReadsItsRunsInOneStreamWhateverTheStreams() {
    experiments(29);
    // two runs without metrics: the read sends no history request, only the search
    wm.stubFor(post(urlPathEqualTo(RUNS)).atPriority(1)
        .withRequestBody(containing("start_time ASC"))
        .willReturn(Stub.json(200, page(null, run("a", 1_000), run("b", 2_000)))));
    try (RowIterator rows = ScanPlanner.plan(client.config(), ScanRequest.all("metrics"))
        .openAll(client, 4)) {
      assertTrue(!rows.hasNext());
    }
    // one search in pages of the configured size: no first page of 100, no probe, no ranges
    wm.verify(1, postRequestedFor(urlPathEqualTo(RUNS)));
    wm.verify(1, postRequestedFor(urlPathEqualTo(RUNS))
        .withRequestBody(matchingJsonPath("$.max_results", equalTo("1000"))));
  }

  private List<ScanPart> historyParts(int maxParts) {
    return ScanPlanner.plan(client.config(), ScanRequest.all("metrics")).parts(client, maxParts);
  }

  @Test
  void aHistoryReadWhoseRunsFitOnePageIsOnePartOfOneSearch() {
    experiments(29);
    wm.stubFor(post(urlPathEqualTo(RUNS)).atPriority(1)
        .withRequestBody(containing("start_time ASC"))
        .willReturn(Stub.json(200, page(null, run("a", 1_000), run("b", 2_000)))));
    List<ScanPart> parts = historyParts(4);
    assertEquals(1, parts.size(), parts.toString());
    assertEquals(1, ((ExperimentGroupPart) parts.get(0)).count());
    // the page of up to 100 runs, and no probe for the last start time
    wm.verify(1, postRequestedFor(urlPathEqualTo(RUNS)));
    wm.verify(1, postRequestedFor(urlPathEqualTo(RUNS))
        .withRequestBody(matchingJsonPath("$.max_results", equalTo("100"))));
  }

  @Test
  void aHistoryReadOfMoreRunsThanAPageSplitsFromTheFirstStartItsPageGave() {
    experiments(29);
    wm.stubFor(post(urlPathEqualTo(RUNS)).atPriority(1)
        .withRequestBody(containing("start_time ASC"))
        .willReturn(Stub.json(200, page("more", run("a", 1_000), run("b", 2_000)))));
    List<ScanPart> parts = historyParts(2);
    assertEquals(2, parts.size());
    assertTrue(parts.get(0).describe().endsWith("start_time in [-inf, 5001)"),
        parts.get(0).describe());
    // the page and the probe for the last start time; no one-row probe for the first
    wm.verify(2, postRequestedFor(urlPathEqualTo(RUNS)));
    wm.verify(1, postRequestedFor(urlPathEqualTo(RUNS))
        .withRequestBody(matchingJsonPath("$.max_results", equalTo("1"))));
  }
}
