package org.mlflowtables.core.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mlflowtables.core.client.HttpTransport.Idempotency;
import org.mlflowtables.core.client.model.DatasetInput;
import org.mlflowtables.core.client.model.Experiment;
import org.mlflowtables.core.client.model.FileInfo;
import org.mlflowtables.core.client.model.KeyValue;
import org.mlflowtables.core.client.model.LogBatchRequest;
import org.mlflowtables.core.client.model.LoggedModel;
import org.mlflowtables.core.client.model.Metric;
import org.mlflowtables.core.client.model.ModelVersion;
import org.mlflowtables.core.client.model.Page;
import org.mlflowtables.core.client.model.RegisteredModel;
import org.mlflowtables.core.client.model.Run;
import org.mlflowtables.core.client.model.RunInfo;
import org.mlflowtables.core.client.model.SearchExperimentsRequest;
import org.mlflowtables.core.client.model.SearchLoggedModelsRequest;
import org.mlflowtables.core.client.model.SearchRegistryRequest;
import org.mlflowtables.core.client.model.SearchRunsRequest;
import org.mlflowtables.core.config.MlflowConfig;
import org.mlflowtables.core.exceptions.MlflowApiException;

/**
 * Typed client for the MLflow REST endpoints mlflow-tables reads and writes: one method per call,
 * one page per search call (see {@link org.mlflowtables.core.paging.Pages} to follow page tokens).
 * Thread-safe; instances are cheap and share one connection pool per setting.
 */
public final class MlflowClient {
  /** Largest page of search-runs and search-experiments ({@code SEARCH_MAX_RESULTS_THRESHOLD}). */
  public static final int MAX_RUNS_PAGE = 50_000;
  /**
   * Default page of search-runs: MLflow's own default {@code max_results}. Measured (docs/benchmarks.md):
   * a 10 000-run page took 23-92 s on a one-worker server, past the 60 s timeout, and held ~100 MB;
   * 1 000-run pages cost no measurable extra server time and keep a scan to ~10 MB.
   */
  public static final int DEFAULT_RUNS_PAGE = 1_000;
  /** Largest page of search-registered-models. */
  public static final int MAX_REGISTERED_MODELS_PAGE = 1_000;
  /** Largest page of search-model-versions. */
  public static final int MAX_MODEL_VERSIONS_PAGE = 200_000;
  /** Largest page of get-history and of one get-history-bulk answer. */
  public static final int MAX_HISTORY_PAGE = 25_000;
  /** Most run ids one get-history-bulk request may name. */
  public static final int MAX_HISTORY_BULK_RUNS = 100;
  /**
   * Page of search-logged-models we ask for: the server sets no maximum (its default is 100), and
   * each model carries all its metric points, so a moderate page keeps memory bounded.
   */
  public static final int MAX_LOGGED_MODELS_PAGE = 1_000;

  static final ObjectMapper MAPPER = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      // Metric values are the bulk of a history read's decoding; FastDoubleParser (in
      // jackson-core) rounds exactly as Double.parseDouble does, in a fraction of its time.
      .enable(com.fasterxml.jackson.core.StreamReadFeature.USE_FAST_DOUBLE_PARSER)
      // MLflow reads "NaN"/"Infinity" strings; a bare NaN token makes it store garbage silently.
      .enable(com.fasterxml.jackson.core.json.JsonWriteFeature.WRITE_NAN_AS_STRINGS)
      .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL,
          JsonInclude.Include.USE_DEFAULTS))
      .addModule(new SimpleModule("mlflow-metrics")
          .addDeserializer(Metric.class, new MetricDeserializer())
          .addDeserializer(KeyValue.class, new KeyValueDeserializer())
          .addDeserializer(RunInfo.class, new RunInfoDeserializer()))
      .build();

  private static final String API = "/api/2.0/mlflow/";
  private static final String AJAX_API = "/ajax-api/2.0/mlflow/";

  private final MlflowConfig config;
  private final HttpTransport transport;
  private final RequestStats stats;

  private MlflowClient(MlflowConfig config, HttpTransport transport, RequestStats stats) {
    this.config = config;
    this.transport = transport;
    this.stats = stats;
  }

  /** A client with the config's retry budget ({@link RetryPolicy#of}). */
  public static MlflowClient create(MlflowConfig config) {
    return create(config, RetryPolicy.of(config));
  }

  /** A client with an explicit retry policy (tests use short delays). */
  public static MlflowClient create(MlflowConfig config, RetryPolicy retryPolicy) {
    return new MlflowClient(config, new HttpTransport(config, retryPolicy, MAPPER),
        new RequestStats());
  }

  /** A client sharing this one's connections but counting its requests separately. */
  public MlflowClient withNewStats() {
    return new MlflowClient(config, transport, new RequestStats());
  }

  public MlflowConfig config() {
    return config;
  }

  /** Requests, retries and bytes of this client (and its calls) so far. */
  public RequestStats stats() {
    return stats;
  }

  // ---- experiments ---------------------------------------------------------------------------

  private record ExperimentsPage(List<Experiment> experiments, String nextPageToken) {}

  private record ExperimentAnswer(Experiment experiment) {}

  private record IdAnswer(String experimentId) {}

  public Page<Experiment> searchExperiments(SearchExperimentsRequest r) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("max_results", r.maxResults());
    putIfSet(body, "filter", r.filter());
    putIfSet(body, "view_type", r.viewType() == null ? null : r.viewType().name());
    if (!r.orderBy().isEmpty()) {
      body.put("order_by", r.orderBy());
    }
    putIfSet(body, "page_token", r.pageToken());
    ExperimentsPage p = post("experiments/search", body, ExperimentsPage.class);
    return new Page<>(p.experiments(), p.nextPageToken());
  }

  public Experiment getExperiment(String experimentId) {
    return get("experiments/get", Map.of("experiment_id", List.of(experimentId)),
        ExperimentAnswer.class).experiment();
  }

  /** The experiment of that name, or empty when there is none. */
  public Optional<Experiment> getExperimentByName(String name) {
    try {
      return Optional.of(get("experiments/get-by-name", Map.of("experiment_name", List.of(name)),
          ExperimentAnswer.class).experiment());
    } catch (MlflowApiException e) {
      if ("RESOURCE_DOES_NOT_EXIST".equals(e.errorCode())) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Creates an experiment and returns its id. */
  public String createExperiment(String name, String artifactLocation, Map<String, String> tags) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    putIfSet(body, "artifact_location", artifactLocation);
    if (tags != null && !tags.isEmpty()) {
      body.put("tags", keyValues(tags));
    }
    return call("POST", API + "experiments/create", null, body, IdAnswer.class,
        Idempotency.UNSAFE).experimentId();
  }

  public void updateExperiment(String experimentId, String newName) {
    post("experiments/update", Map.of("experiment_id", experimentId, "new_name", newName),
        Map.class);
  }

  public void deleteExperiment(String experimentId) {
    post("experiments/delete", Map.of("experiment_id", experimentId), Map.class);
  }

  public void restoreExperiment(String experimentId) {
    post("experiments/restore", Map.of("experiment_id", experimentId), Map.class);
  }

  public void setExperimentTag(String experimentId, String key, String value) {
    post("experiments/set-experiment-tag",
        Map.of("experiment_id", experimentId, "key", key, "value", value), Map.class);
  }

  // ---- runs ----------------------------------------------------------------------------------

  private record RunsPage(List<Run> runs, String nextPageToken) {}

  private record RunAnswer(Run run) {}

  private record RunInfoAnswer(RunInfo runInfo) {}

  public Page<Run> searchRuns(SearchRunsRequest r) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("experiment_ids", r.experimentIds());
    putIfSet(body, "filter", r.filter());
    putIfSet(body, "run_view_type", r.viewType() == null ? null : r.viewType().name());
    body.put("max_results", r.maxResults());
    if (!r.orderBy().isEmpty()) {
      body.put("order_by", r.orderBy());
    }
    putIfSet(body, "page_token", r.pageToken());
    RunsPage p = post("runs/search", body, RunsPage.class);
    return new Page<>(p.runs(), p.nextPageToken());
  }

  public Run getRun(String runId) {
    return get("runs/get", Map.of("run_id", List.of(runId)), RunAnswer.class).run();
  }

  /**
   * Creates a run.
   *
   * @param startTime epoch milliseconds, or null for the server's now
   */
  public Run createRun(String experimentId, String runName, Long startTime,
      Map<String, String> tags) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("experiment_id", experimentId);
    putIfSet(body, "run_name", runName);
    body.put("start_time", startTime != null ? startTime : System.currentTimeMillis());
    if (tags != null && !tags.isEmpty()) {
      body.put("tags", keyValues(tags));
    }
    return call("POST", API + "runs/create", null, body, RunAnswer.class, Idempotency.UNSAFE)
        .run();
  }

  /** Updates a run's status, end time (epoch ms) and name; null leaves a field unchanged. */
  public RunInfo updateRun(String runId, String status, Long endTime, String runName) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("run_id", runId);
    putIfSet(body, "status", status);
    putIfSet(body, "end_time", endTime);
    putIfSet(body, "run_name", runName);
    return post("runs/update", body, RunInfoAnswer.class).runInfo();
  }

  public void deleteRun(String runId) {
    post("runs/delete", Map.of("run_id", runId), Map.class);
  }

  public void restoreRun(String runId) {
    post("runs/restore", Map.of("run_id", runId), Map.class);
  }

  public void setTag(String runId, String key, String value) {
    post("runs/set-tag", Map.of("run_id", runId, "key", key, "value", value), Map.class);
  }

  public void deleteTag(String runId, String key) {
    post("runs/delete-tag", Map.of("run_id", runId, "key", key), Map.class);
  }

  /**
   * Logs dataset inputs to a run. The server keeps a dataset of the run's experiment once by name
   * and digest, and an input of the run once per dataset (a second one is ignored, its tags too),
   * so the call may be repeated.
   */
  public void logInputs(String runId, List<DatasetInput> datasets) {
    post("runs/log-inputs", Map.of("run_id", runId, "datasets", datasets), Map.class);
  }

  /**
   * Logs metrics, params and tags of one run in one request. The caller keeps the request within
   * MLflow's limits (see {@link org.mlflowtables.core.write.LogBatchLimits}). Retried on faults: SQL
   * stores ignore metric points they already hold and identical params.
   */
  public void logBatch(LogBatchRequest r) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("run_id", r.runId());
    List<Map<String, Object>> metrics = new ArrayList<>(r.metrics().size());
    for (Metric m : r.metrics()) {
      Map<String, Object> mm = new LinkedHashMap<>();
      mm.put("key", m.key());
      mm.put("value", m.value());
      mm.put("timestamp", m.timestamp());
      mm.put("step", m.step());
      putIfSet(mm, "model_id", m.modelId());
      putIfSet(mm, "dataset_name", m.datasetName());
      putIfSet(mm, "dataset_digest", m.datasetDigest());
      metrics.add(mm);
    }
    body.put("metrics", metrics);
    body.put("params", r.params());
    body.put("tags", r.tags());
    post("runs/log-batch", body, Map.class);
  }

  // ---- metric history ------------------------------------------------------------------------

  private record MetricsPage(List<Metric> metrics, String nextPageToken) {}

  /** One page of a run's history of one metric key. */
  public Page<Metric> getMetricHistory(String runId, String key, int maxResults, String pageToken) {
    Map<String, List<String>> q = new LinkedHashMap<>();
    q.put("run_id", List.of(runId));
    q.put("metric_key", List.of(key));
    q.put("max_results", List.of(Integer.toString(maxResults)));
    if (pageToken != null) {
      q.put("page_token", List.of(pageToken));
    }
    MetricsPage p = get("metrics/get-history", q, MetricsPage.class);
    return new Page<>(p.metrics(), p.nextPageToken());
  }

  /**
   * The histories of one key for up to {@value #MAX_HISTORY_BULK_RUNS} runs, sorted by run id,
   * timestamp, step and value, cut at {@code maxResults} points in all (the endpoint has no page
   * token). Each point carries its run id. Served under {@code /ajax-api}; throws an
   * {@link MlflowApiException} with {@link MlflowApiException#isEndpointMissing()} where the server
   * lacks it.
   */
  public List<Metric> getMetricHistoryBulk(List<String> runIds, String key, int maxResults) {
    Map<String, List<String>> q = new LinkedHashMap<>();
    q.put("run_id", runIds);
    q.put("metric_key", List.of(key));
    q.put("max_results", List.of(Integer.toString(maxResults)));
    return call("GET", AJAX_API + "metrics/get-history-bulk", q, null, MetricsPage.class,
        Idempotency.SAFE).metrics();
  }

  // ---- model registry ------------------------------------------------------------------------

  private record RegisteredModelsPage(List<RegisteredModel> registeredModels,
      String nextPageToken) {}

  private record RegisteredModelAnswer(RegisteredModel registeredModel) {}

  private record ModelVersionsPage(List<ModelVersion> modelVersions, String nextPageToken) {}

  private record ModelVersionAnswer(ModelVersion modelVersion) {}

  public Page<RegisteredModel> searchRegisteredModels(SearchRegistryRequest r) {
    RegisteredModelsPage p = get("registered-models/search", registryQuery(r),
        RegisteredModelsPage.class);
    return new Page<>(p.registeredModels(), p.nextPageToken());
  }

  public RegisteredModel getRegisteredModel(String name) {
    return get("registered-models/get", Map.of("name", List.of(name)),
        RegisteredModelAnswer.class).registeredModel();
  }

  public Page<ModelVersion> searchModelVersions(SearchRegistryRequest r) {
    ModelVersionsPage p = get("model-versions/search", registryQuery(r), ModelVersionsPage.class);
    return new Page<>(p.modelVersions(), p.nextPageToken());
  }

  public ModelVersion getModelVersion(String name, String version) {
    return get("model-versions/get", Map.of("name", List.of(name), "version", List.of(version)),
        ModelVersionAnswer.class).modelVersion();
  }

  private static Map<String, List<String>> registryQuery(SearchRegistryRequest r) {
    Map<String, List<String>> q = new LinkedHashMap<>();
    q.put("max_results", List.of(Integer.toString(r.maxResults())));
    if (r.filter() != null) {
      q.put("filter", List.of(r.filter()));
    }
    if (!r.orderBy().isEmpty()) {
      q.put("order_by", r.orderBy());
    }
    if (r.pageToken() != null) {
      q.put("page_token", List.of(r.pageToken()));
    }
    return q;
  }

  // ---- logged models (MLflow 3) --------------------------------------------------------------

  private record LoggedModelsPage(List<LoggedModel> models, String nextPageToken) {}

  private record LoggedModelAnswer(LoggedModel model) {}

  public Page<LoggedModel> searchLoggedModels(SearchLoggedModelsRequest r) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("experiment_ids", r.experimentIds());
    putIfSet(body, "filter", r.filter());
    body.put("max_results", r.maxResults());
    if (!r.orderBy().isEmpty()) {
      body.put("order_by", r.orderBy());
    }
    putIfSet(body, "page_token", r.pageToken());
    LoggedModelsPage p = post("logged-models/search", body, LoggedModelsPage.class);
    return new Page<>(p.models(), p.nextPageToken());
  }

  public LoggedModel getLoggedModel(String modelId) {
    return get("logged-models/" + modelId, Map.of(), LoggedModelAnswer.class).model();
  }

  // ---- traces (MLflow 3) ---------------------------------------------------------------------

  /** MLflow 3's trace endpoints, sharing this client's connections and request counts. */
  public TraceApi traces() {
    return new TraceApi(transport, stats, MAPPER);
  }

  // ---- artifacts -----------------------------------------------------------------------------

  private record ArtifactsPage(List<FileInfo> files, String nextPageToken) {}

  /** One page of the artifacts under {@code path} (null for the root) of a run. */
  public Page<FileInfo> listArtifacts(String runId, String path, String pageToken) {
    Map<String, List<String>> q = new LinkedHashMap<>();
    q.put("run_id", List.of(runId));
    if (path != null) {
      q.put("path", List.of(path));
    }
    if (pageToken != null) {
      q.put("page_token", List.of(pageToken));
    }
    ArtifactsPage p = get("artifacts/list", q, ArtifactsPage.class);
    return new Page<>(p.files(), p.nextPageToken());
  }

  // ---- plumbing ------------------------------------------------------------------------------

  private <T> T get(String endpoint, Map<String, List<String>> query, Class<T> type) {
    return call("GET", API + endpoint, query, null, type, Idempotency.SAFE);
  }

  private <T> T post(String endpoint, Object body, Class<T> type) {
    return call("POST", API + endpoint, null, body, type, Idempotency.SAFE);
  }

  private <T> T call(String method, String path, Map<String, List<String>> query, Object body,
      Class<T> type, Idempotency idempotency) {
    return transport.call(method, path, query, body, type, idempotency, stats);
  }

  private static void putIfSet(Map<String, Object> m, String key, Object value) {
    if (value != null) {
      m.put(key, value);
    }
  }

  private static List<KeyValue> keyValues(Map<String, String> map) {
    return KeyValue.fromMap(map);
  }

  @Override
  public String toString() {
    return "MlflowClient{" + config.redactedUri() + "}";
  }
}
