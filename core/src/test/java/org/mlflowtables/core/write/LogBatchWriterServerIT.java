package org.mlflowtables.core.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.client.model.KeyValue;
import org.mlflowtables.core.client.model.LogBatchRequest;
import org.mlflowtables.core.client.model.LoggedModel;
import org.mlflowtables.core.client.model.Metric;
import org.mlflowtables.core.client.model.Page;
import org.mlflowtables.core.client.model.Run;
import org.mlflowtables.core.config.MlflowConfig;
import org.mlflowtables.core.exceptions.MlflowApiException;
import org.mlflowtables.core.testing.MlflowServer;
import org.mlflowtables.core.testing.MlflowServerExtension;
import org.mlflowtables.core.write.Points.RunPoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer against a real MLflow 3.17 server (SQLite store). Every test creates its own
 * experiment and runs, named {@code wr-*}; the fixture's {@code fx-*} experiments are not touched.
 */
@ExtendWith(MlflowServerExtension.class)
class LogBatchWriterServerIT {
  private static final Logger LOG = LoggerFactory.getLogger(LogBatchWriterServerIT.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static MlflowServer server;
  private static MlflowClient client;

  @BeforeAll
  static void connect(MlflowServer s) {
    server = s;
    client = MlflowClient.create(MlflowConfig.from(Map.of("uri", s.uri()), Map.of()));
  }

  private static String experiment(String name) {
    return client.createExperiment("wr-" + name + "-" + System.nanoTime(), null, null);
  }

  private static List<String> runs(String experimentId, int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(client.createRun(experimentId, "wr-run-" + i, 1_700_000_000_000L, null).info()
          .runId());
    }
    return ids;
  }

  private static List<Metric> history(String runId, String key) {
    List<Metric> all = new ArrayList<>();
    String token = null;
    do {
      Page<Metric> page = client.getMetricHistory(runId, key, MlflowClient.MAX_HISTORY_PAGE, token);
      all.addAll(page.items());
      token = page.nextPageToken();
    } while (token != null);
    return all;
  }

  // ---- volume and re-runs ------------------------------------------------------------------

  private static final String[] KEYS = {"loss", "val/loss", "accuracy", "lr schedule:cosine"};
  private static final int STEPS = 1000;

  private static double value(int run, int key, int step) {
    return run * 1e6 + key * 1e4 + step + 0.25;
  }

  /** 50 runs x 4 keys x 1000 steps, interleaved as rows of a Spark partition would be. */
  private static void writeBackfill(LogBatchWriter w, List<String> runIds) {
    for (int step = 0; step < STEPS; step++) {
      for (int k = 0; k < KEYS.length; k++) {
        for (int r = 0; r < runIds.size(); r++) {
          w.add(MetricRow.of(runIds.get(r), KEYS[k], value(r, k, step),
              1_700_000_000_000L + step * 1000L, step));
        }
      }
    }
  }

  /**
   * The writer's calls on the real client, with every history answer recorded: the re-run's
   * de-duplication reads all 200 histories back, and the test checks them.
   */
  private static final class RecordingBackend implements LogBatchBackend {
    private final LogBatchBackend real = LogBatchBackend.of(client);
    final Map<String, Set<RunPoint>> read = new ConcurrentHashMap<>();
    final AtomicLong logBatches = new AtomicLong();

    private void record(String runId, String key, List<Metric> points) {
      Set<RunPoint> set = read.computeIfAbsent(runId + "|" + key, k -> ConcurrentHashMap.newKeySet());
      points.forEach(m -> set.add(RunPoint.of(m)));
    }

    @Override
    public Run getRun(String runId) {
      return real.getRun(runId);
    }

    @Override
    public List<Metric> getMetricHistoryBulk(List<String> runIds, String key, int maxResults) {
      List<Metric> points = real.getMetricHistoryBulk(runIds, key, maxResults);
      points.stream().collect(Collectors.groupingBy(Metric::runId))
          .forEach((runId, pts) -> record(runId, key, pts));
      return points;
    }

    @Override
    public Page<Metric> getMetricHistory(String runId, String key, int maxResults,
        String pageToken) {
      Page<Metric> page = real.getMetricHistory(runId, key, maxResults, pageToken);
      record(runId, key, page.items());
      return page;
    }

    @Override
    public LoggedModel getLoggedModel(String modelId) {
      return real.getLoggedModel(modelId);
    }

    @Override
    public void logBatch(LogBatchRequest request) {
      logBatches.incrementAndGet();
      real.logBatch(request);
    }

    @Override
    public long requests() {
      return real.requests();
    }

    @Override
    public long retries() {
      return real.retries();
    }
  }

  @Test
  void twoHundredThousandPointsLandOnceAndARerunAddsNothing() {
    List<String> runIds = runs(experiment("bulk"), 50);
    long points = (long) runIds.size() * KEYS.length * STEPS;

    long before = server.requestCount();
    long t0 = System.nanoTime();
    WriteResult first;
    try (LogBatchWriter w = LogBatchWriter.create(client)) {
      writeBackfill(w, runIds);
      first = w.flush();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    long serverRequests = server.requestCount() - before;
    LOG.info("wrote {} points in {} s ({} points/s): {} log-batch requests, {} requests in all"
        + " (server counted {}), {} retries", points, String.format("%.2f", seconds),
        Math.round(points / seconds), first.logBatchRequests(), first.requests(), serverRequests,
        first.retries());
    assertEquals(points, first.pointsWritten());
    assertEquals(0, first.pointsSkipped());
    assertEquals(200, first.logBatchRequests(), "1000 points per request");
    assertEquals(50 + 200, first.requests() - first.retries(),
        "one get-run per run, no history reads");
    // attempts that failed on a connection the server had closed never reached it
    assertTrue(serverRequests <= first.requests()
        && serverRequests >= first.requests() - first.retries(), serverRequests + " " + first);
    for (String runId : runIds) {
      assertEquals(4000, first.run(runId).pointsWritten());
    }

    // The same write again: the writer reads every history back (recorded here) and sends
    // nothing.
    RecordingBackend recorder = new RecordingBackend();
    long t1 = System.nanoTime();
    WriteResult again;
    try (LogBatchWriter w = LogBatchWriter.builder(recorder, client.config()).build()) {
      writeBackfill(w, runIds);
      again = w.flush();
      LOG.info("re-run in {} ms: {} ({} points read)", (System.nanoTime() - t1) / 1_000_000,
          again, w.pointsRead());
    }
    assertEquals(0, again.pointsWritten());
    assertEquals(points, again.pointsSkipped());
    assertEquals(0, again.logBatchRequests());
    assertEquals(0, recorder.logBatches.get(), "no log-batch request at all");

    // What the server returned: every run and key holds exactly the 1000 points written (the
    // store's primary key rules out a second copy of a point).
    assertEquals(200, recorder.read.size());
    for (int r = 0; r < runIds.size(); r++) {
      for (int k = 0; k < KEYS.length; k++) {
        Set<RunPoint> expected = new HashSet<>();
        for (int step = 0; step < STEPS; step++) {
          expected.add(RunPoint.of(1_700_000_000_000L + step * 1000L, step, value(r, k, step)));
        }
        assertEquals(expected, recorder.read.get(runIds.get(r) + "|" + KEYS[k]),
            "run " + r + ", key " + KEYS[k]);
      }
    }
    assertEquals(STEPS, history(runIds.get(17), KEYS[2]).size());
  }

  // ---- NaN and infinities --------------------------------------------------------------------

  @Test
  void nanAndInfinitiesAreStoredAsMlflowStoresThem() {
    String run = runs(experiment("nan"), 1).get(0);
    List<MetricRow> rows = List.of(
        MetricRow.of(run, "odd", Double.NaN, 1, 0),
        MetricRow.of(run, "odd", Double.POSITIVE_INFINITY, 2, 0),
        MetricRow.of(run, "odd", Double.NEGATIVE_INFINITY, 3, 0),
        MetricRow.of(run, "odd", -0.0, 4, 0),
        MetricRow.of(run, "odd", 42.0, 5, 0),
        MetricRow.of(run, "odd", Double.NaN, 6, 1));
    try (LogBatchWriter w = LogBatchWriter.create(client)) {
      w.addAll(rows);
      assertEquals(6, w.flush().pointsWritten());
    }
    List<Metric> got = history(run, "odd");
    assertEquals(6, got.size(), got.toString());
    assertTrue(Double.isNaN(got.get(0).value()));
    assertEquals(Double.MAX_VALUE, got.get(1).value(), "+Infinity is stored as MAX_VALUE");
    assertEquals(-Double.MAX_VALUE, got.get(2).value(), "-Infinity is stored as -MAX_VALUE");
    assertEquals(0.0, got.get(3).value());
    assertEquals(42.0, got.get(4).value(), "points after NaN are intact");
    assertTrue(Double.isNaN(got.get(5).value()));
    // the run's latest value is the NaN at timestamp 6
    Run r = client.getRun(run);
    assertTrue(Double.isNaN(r.data().metrics().get(0).value()));

    // again, plus what the infinities became: all already there
    try (LogBatchWriter w = LogBatchWriter.create(client)) {
      w.addAll(rows);
      w.add(MetricRow.of(run, "odd", Double.MAX_VALUE, 2, 0));
      w.add(MetricRow.of(run, "odd", 0.0, 4, 0));
      WriteResult res = w.flush();
      assertEquals(0, res.pointsWritten(), res.toString());
      assertEquals(8, res.pointsSkipped());
    }
    assertEquals(6, history(run, "odd").size());
  }

  // ---- one large run -------------------------------------------------------------------------

  @Test
  void aRunWith2500Metrics250Params250TagsLandsWhole() {
    String run = runs(experiment("whole"), 1).get(0);
    WriteResult res;
    try (LogBatchWriter w = LogBatchWriter.create(client)) {
      for (int i = 0; i < 250; i++) {
        w.add(new ParamRow(run, "param." + i, "value \"" + i + "\" it's"));
        w.add(new TagRow(run, "tag/" + i, "t" + i + "\nline two"));
      }
      for (int i = 0; i < 2500; i++) {
        w.add(MetricRow.of(run, "m" + (i % 5), i / 7.0, 1_700_000_000_000L + i, i / 5));
      }
      res = w.flush();
    }
    assertEquals(2500, res.pointsWritten());
    assertEquals(250, res.paramsWritten());
    assertEquals(250, res.tagsWritten());
    assertEquals(3, res.logBatchRequests(), "100 params + 100 tags + 800 metrics, twice, then the rest");

    Run r = client.getRun(run);
    Map<String, String> params = KeyValue.toMap(r.data().params());
    Map<String, String> tags = KeyValue.toMap(r.data().tags());
    assertEquals(250, params.size());
    for (int i = 0; i < 250; i++) {
      assertEquals("value \"" + i + "\" it's", params.get("param." + i));
      assertEquals("t" + i + "\nline two", tags.get("tag/" + i));
    }
    assertEquals(5, r.data().metrics().size());
    for (int k = 0; k < 5; k++) {
      assertEquals(500, history(run, "m" + k).size());
    }
  }

  // ---- lineage -------------------------------------------------------------------------------

  private static String createLoggedModel(String experimentId, String runId) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(
            URI.create(server.uri() + "/api/2.0/mlflow/logged-models"))
        .header("Content-Type", "application/json")
        .timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of(
            "experiment_id", experimentId, "name", "wr-model", "source_run_id", runId))))
        .build();
    HttpResponse<String> response = HttpClient.newHttpClient()
        .send(request, HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    JsonNode json = JSON.readTree(response.body());
    return json.path("model").path("info").path("model_id").asText();
  }

  @Test
  void lineageFieldsLandOnTheLoggedModel() throws Exception {
    String exp = experiment("lineage");
    String run = runs(exp, 1).get(0);
    String model = createLoggedModel(exp, run);
    List<MetricRow> rows = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      rows.add(MetricRow.of(run, "eval_accuracy", 0.5 + i / 100.0, 1_700_000_000_000L + i, i)
          .withLineage(model, i % 2 == 0 ? "wr-eval" : "wr-holdout", i % 2 == 0 ? "d0" : "d1"));
    }
    try (LogBatchWriter w = LogBatchWriter.create(client)) {
      w.addAll(rows);
      assertEquals(20, w.flush().pointsWritten());
    }
    LoggedModel lm = client.getLoggedModel(model);
    List<Metric> modelPoints = lm.data().metrics();
    assertEquals(20, modelPoints.size());
    for (Metric m : modelPoints) {
      assertEquals(model, m.modelId());
      assertEquals(run, m.runId());
      assertEquals(m.step() % 2 == 0 ? "wr-eval" : "wr-holdout", m.datasetName());
      assertEquals(m.step() % 2 == 0 ? "d0" : "d1", m.datasetDigest());
    }
    // MLflow 3.17's run history has the points, without lineage
    List<Metric> runPoints = history(run, "eval_accuracy");
    assertEquals(20, runPoints.size());
    assertTrue(runPoints.stream().allMatch(m -> m.modelId() == null && m.datasetName() == null));

    // again: the run and the model have them all
    try (LogBatchWriter w = LogBatchWriter.create(client)) {
      w.addAll(rows);
      WriteResult res = w.flush();
      assertEquals(0, res.pointsWritten());
      assertEquals(20, res.pointsSkipped());
    }

    // a dataset without a model would be dropped by MLflow: refused
    try (LogBatchWriter w = LogBatchWriter.create(client)) {
      InvalidRowException e = assertThrows(InvalidRowException.class, () -> w.add(
          MetricRow.of(run, "eval_accuracy", 1, 1, 1).withLineage(null, "wr-eval", "d0")));
      assertEquals("LINEAGE", e.rule());
    }

    // an unknown model: named, and nothing of the request stored
    LogBatchWriter w = LogBatchWriter.create(client);
    w.add(MetricRow.of(run, "orphan", 1, 1, 1).withLineage("m-00000000000000000000000000000000",
        null, null));
    WriteException e = assertThrows(WriteException.class, w::close);
    assertTrue(e.getMessage().contains("Logged model m-00000000000000000000000000000000"),
        e.getMessage());
    assertEquals(List.of(), history(run, "orphan"));
  }

  // ---- errors ----------------------------------------------------------------------------------

  @Test
  void aChangedParamIsAnErrorNamingRunKeyAndBothValues() {
    String run = runs(experiment("param"), 1).get(0);
    try (LogBatchWriter w = LogBatchWriter.create(client)) {
      w.add(new ParamRow(run, "optimizer", "adam"));
      w.add(new ParamRow(run, "depth", "3"));
    }
    for (boolean dedup : new boolean[] {true, false}) {
      LogBatchWriter w = LogBatchWriter.builder(client).deduplicate(dedup).build();
      w.add(new ParamRow(run, "depth", "3")); // identical: fine
      w.add(new ParamRow(run, "optimizer", "sgd"));
      w.add(MetricRow.of(run, "loss-" + dedup, 1, 1, 1));
      ParamConflictException e = assertThrows(ParamConflictException.class, w::close);
      assertEquals(run, e.runId());
      assertEquals("optimizer", e.key());
      assertEquals("adam", e.existingValue());
      assertEquals("sgd", e.newValue());
      assertTrue(e.getMessage().contains("Param 'optimizer' of run " + run), e.getMessage());
      assertTrue(e.getMessage().contains("'adam'") && e.getMessage().contains("'sgd'"));
      if (!dedup) {
        MlflowApiException cause = (MlflowApiException) e.getCause();
        assertEquals("INVALID_PARAMETER_VALUE", cause.errorCode());
      }
      // MLflow refused the whole request: the metric is not there either
      assertEquals(List.of(), history(run, "loss-" + dedup));
    }
    assertEquals("adam", KeyValue.toMap(client.getRun(run).data().params()).get("optimizer"));
  }

  @Test
  void anUnknownRunIsNamed() {
    String missing = "0123456789abcdef0123456789abcdef";
    for (boolean dedup : new boolean[] {true, false}) {
      LogBatchWriter w = LogBatchWriter.builder(client).deduplicate(dedup).build();
      w.add(MetricRow.of(missing, "loss", 1, 1, 1));
      UnknownRunException e = assertThrows(UnknownRunException.class, w::close);
      assertEquals(missing, e.runId());
      assertTrue(e.getMessage().contains("Run " + missing + " does not exist"), e.getMessage());
      assertEquals("RESOURCE_DOES_NOT_EXIST", ((MlflowApiException) e.getCause()).errorCode());
    }
  }

  /** The validator's verdict on a key is the server's, for keys at the edges of the rules. */
  @Test
  void theServerJudgesKeysAsTheValidatorDoes() {
    String run = runs(experiment("keys"), 1).get(0);
    List<String> keys = LogBatchValidatorTest.keysAsMlflowJudgesThem()
        .map(a -> (String) a.get()[0]).collect(Collectors.toList());
    keys.addAll(Stream.of("k".repeat(250), "k".repeat(251), "\uD835\uDC00".repeat(250))
        .collect(Collectors.toList()));
    int step = 0;
    for (String key : keys) {
      step++;
      boolean clientAccepts;
      try {
        LogBatchValidator.validate(MetricRow.of(run, key, 1, 1, step));
        clientAccepts = true;
      } catch (InvalidRowException e) {
        clientAccepts = false;
      }
      LogBatchRequest raw = new LogBatchRequest(run, List.of(Metric.of(key, 1, 1, step)),
          List.of(new KeyValue(key, "v")), List.of());
      boolean serverAccepts;
      try {
        client.logBatch(raw);
        serverAccepts = true;
      } catch (MlflowApiException e) {
        assertEquals("INVALID_PARAMETER_VALUE", e.errorCode(), e.getMessage());
        serverAccepts = false;
      }
      assertEquals(serverAccepts, clientAccepts, "key " + Messages.quote(key));
    }
  }
}
