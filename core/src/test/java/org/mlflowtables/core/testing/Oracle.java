package org.mlflowtables.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What MLflow's Python client returned for a set of experiments and registered models (the JSON
 * of {@code scripts/fixture.py dump}), as plain records to compare with table rows.
 *
 * <p>Record components are named after the table columns of DESIGN.md. Values are exactly the
 * client's: NaN stays NaN, +/-Infinity come back from SQL stores as +/-{@link Double#MAX_VALUE}
 * (and would be +/-Infinity if a store kept them), times are epoch milliseconds, absent values
 * are {@code null}. Maps keep the client's key order; all collections are unmodifiable.
 */
public final class Oracle {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A row of {@code experiments}. */
  public record Experiment(
      String experimentId,
      String name,
      String artifactLocation,
      String lifecycleStage,
      Long creationTime,
      Long lastUpdateTime,
      Map<String, String> tags) {}

  /**
   * A row of {@code runs}, with what the other run tables are made of: {@code metrics} holds each
   * key's latest value as MLflow computed it, {@code latestMetrics} the same points with their
   * timestamp and step; inputs and outputs are the run's MLflow 3 datasets and models.
   */
  public record Run(
      String runId,
      String runName,
      String experimentId,
      String userId,
      String status,
      Long startTime,
      Long endTime,
      String artifactUri,
      String lifecycleStage,
      Map<String, Double> metrics,
      Map<String, String> params,
      Map<String, String> tags,
      List<MetricPoint> latestMetrics,
      List<DatasetInput> datasetInputs,
      List<String> modelInputs,
      List<ModelOutput> modelOutputs) {

    public boolean deleted() {
      return "deleted".equals(lifecycleStage);
    }
  }

  /**
   * A metric point: a row of {@code metrics}, {@code latest_metrics} or {@code
   * logged_model_metrics} (there, {@code experimentId} is the logged model's experiment).
   */
  public record MetricPoint(
      String runId,
      String experimentId,
      String key,
      double value,
      long timestamp,
      long step,
      String modelId,
      String datasetName,
      String datasetDigest) {}

  /** A dataset a run used, with the input's tags (e.g. {@code mlflow.data.context}). */
  public record DatasetInput(
      String name,
      String digest,
      String sourceType,
      String source,
      String schema,
      String profile,
      Map<String, String> tags) {}

  /** A logged model a run produced. */
  public record ModelOutput(String modelId, long step) {}

  /** A row of {@code run_inputs}: kind {@code "dataset"} or {@code "model"}. */
  public record RunInput(
      String runId,
      String experimentId,
      String kind,
      String datasetName,
      String datasetDigest,
      String sourceType,
      String source,
      String schema,
      String profile,
      String modelId,
      Map<String, String> tags) {}

  /** A row of {@code params} or {@code tags} (the long forms of the run maps). */
  public record RunEntry(String runId, String experimentId, String key, String value) {}

  /** A row of {@code registered_models}; {@code aliases} maps alias to version. */
  public record RegisteredModel(
      String name,
      String description,
      Long creationTime,
      Long lastUpdatedTime,
      String userId,
      Map<String, String> tags,
      Map<String, String> aliases) {}

  /** A row of {@code model_versions}. */
  public record ModelVersion(
      String name,
      long version,
      Long creationTime,
      Long lastUpdatedTime,
      String userId,
      String currentStage,
      String description,
      String source,
      String runId,
      String status,
      String statusMessage,
      String runLink,
      Map<String, String> tags,
      List<String> aliases,
      String modelId) {}

  /**
   * A row of {@code logged_models}; {@code metrics} holds every point the Python client returned
   * (the rows of {@code logged_model_metrics}), {@link #latestMetrics()} reduces them.
   */
  public record LoggedModel(
      String modelId,
      String experimentId,
      String name,
      String artifactUri,
      String status,
      String statusMessage,
      String modelType,
      String sourceRunId,
      Long creationTime,
      Long lastUpdatedTime,
      Map<String, String> tags,
      Map<String, String> params,
      List<MetricPoint> metrics) {

    /**
     * Each key's latest value by DESIGN.md's rule for {@code logged_models.metrics}: the latest
     * timestamp, the largest value on ties. (MLflow's own order-by on a model metric takes the
     * latest timestamp, then the largest step, then the smallest run id.)
     */
    public Map<String, Double> latestMetrics() {
      Map<String, MetricPoint> best = new LinkedHashMap<>();
      for (MetricPoint p : metrics) {
        best.merge(
            p.key(),
            p,
            (a, b) -> later(b, a) ? b : a);
      }
      Map<String, Double> out = new LinkedHashMap<>();
      best.forEach((k, p) -> out.put(k, p.value()));
      return Collections.unmodifiableMap(out);
    }

    private static boolean later(MetricPoint b, MetricPoint a) {
      return b.timestamp() > a.timestamp()
          || (b.timestamp() == a.timestamp() && Double.compare(b.value(), a.value()) > 0);
    }
  }

  private final String mlflowVersion;
  private final String prefix;
  private final List<Experiment> experiments;
  private final List<Run> runs;
  private final List<MetricPoint> metricHistory;
  private final List<RegisteredModel> registeredModels;
  private final List<ModelVersion> modelVersions;
  private final List<LoggedModel> loggedModels;
  private final List<OracleTraces.Trace> traces;
  private final List<OracleTraces.Artifact> runArtifacts;

  private Oracle(JsonNode root) {
    this.mlflowVersion = text(root, "mlflow_version");
    this.prefix = text(root, "prefix");
    this.experiments = list(root.path("experiments"), Oracle::experiment);
    this.runs = list(root.path("runs"), Oracle::run);
    Map<String, String> experimentOfRun = new LinkedHashMap<>();
    runs.forEach(r -> experimentOfRun.put(r.runId(), r.experimentId()));
    this.metricHistory =
        list(
            root.path("metric_history"),
            n -> point(n, text(n, "run_id"), experimentOfRun.get(text(n, "run_id"))));
    this.registeredModels = list(root.path("registered_models"), Oracle::registeredModel);
    this.modelVersions = list(root.path("model_versions"), Oracle::modelVersion);
    this.loggedModels = list(root.path("logged_models"), Oracle::loggedModel);
    this.traces = list(root.path("traces"), OracleTraces::trace);
    this.runArtifacts = list(root.path("run_artifacts"), OracleTraces::artifact);
  }

  /** Reads a dump written by {@code fixture.py dump}. */
  public static Oracle load(Path json) {
    try {
      return new Oracle(JSON.readTree(json.toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the oracle " + json, e);
    }
  }

  /** Reads the text of a dump written by {@code fixture.py dump}. */
  public static Oracle parse(String json) {
    try {
      return new Oracle(JSON.readTree(json));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse the oracle", e);
    }
  }

  /** The MLflow version of the Python client that wrote the dump. */
  public String mlflowVersion() {
    return mlflowVersion;
  }

  /** The name prefix the dump was limited to ({@code ""}: everything). */
  public String prefix() {
    return prefix;
  }

  // ---- experiments ---------------------------------------------------------------------------

  /** All experiments in scope, deleted ones included, by experiment id. */
  public List<Experiment> experiments() {
    return experiments;
  }

  public Experiment experiment(String name) {
    return only(experiments, e -> e.name().equals(name), "experiment named " + name);
  }

  public Experiment experimentById(String experimentId) {
    return only(
        experiments, e -> e.experimentId().equals(experimentId), "experiment " + experimentId);
  }

  // ---- runs ------------------------------------------------------------------------------------

  /** All runs of the experiments in scope, deleted ones included, by start time. */
  public List<Run> runs() {
    return runs;
  }

  public Run run(String runName) {
    return only(runs, r -> runName.equals(r.runName()), "run named " + runName);
  }

  public Run runById(String runId) {
    return only(runs, r -> r.runId().equals(runId), "run " + runId);
  }

  public List<Run> runsOf(String experimentName) {
    String id = experiment(experimentName).experimentId();
    return filter(runs, r -> r.experimentId().equals(id));
  }

  /** Every metric point of every run, as get_metric_history returned them. */
  public List<MetricPoint> metricHistory() {
    return metricHistory;
  }

  public List<MetricPoint> history(String runId, String key) {
    return filter(metricHistory, p -> p.runId().equals(runId) && p.key().equals(key));
  }

  /** The rows of {@code latest_metrics}: each run's latest point per key. */
  public List<MetricPoint> latestMetrics() {
    List<MetricPoint> out = new ArrayList<>();
    runs.forEach(r -> out.addAll(r.latestMetrics()));
    return Collections.unmodifiableList(out);
  }

  /** The rows of {@code params}. */
  public List<RunEntry> params() {
    return entries(Run::params);
  }

  /** The rows of {@code tags}. */
  public List<RunEntry> tags() {
    return entries(Run::tags);
  }

  /**
   * The distinct values of param {@code key} over the runs, sorted: the bad-input tests of every
   * module filter on each awkward value (quotes, newlines, wildcards) once.
   */
  public SortedSet<String> paramValues(String key) {
    return distinctValues(Run::params, key);
  }

  /** The distinct values of tag {@code key} over the runs, sorted (as {@link #paramValues}). */
  public SortedSet<String> tagValues(String key) {
    return distinctValues(Run::tags, key);
  }

  private SortedSet<String> distinctValues(Function<Run, Map<String, String>> entries,
      String key) {
    SortedSet<String> values = new TreeSet<>();
    for (Run r : runs) {
      String v = entries.apply(r).get(key);
      if (v != null) {
        values.add(v);
      }
    }
    return values;
  }

  /** The rows of {@code run_inputs}: each run's datasets, then its models. */
  public List<RunInput> runInputs() {
    List<RunInput> out = new ArrayList<>();
    for (Run r : runs) {
      for (DatasetInput d : r.datasetInputs()) {
        out.add(
            new RunInput(
                r.runId(),
                r.experimentId(),
                "dataset",
                d.name(),
                d.digest(),
                d.sourceType(),
                d.source(),
                d.schema(),
                d.profile(),
                null,
                d.tags()));
      }
      for (String modelId : r.modelInputs()) {
        out.add(
            new RunInput(
                r.runId(), r.experimentId(), "model", null, null, null, null, null, null, modelId,
                Map.of()));
      }
    }
    return Collections.unmodifiableList(out);
  }

  // ---- registry ------------------------------------------------------------------------------

  public List<RegisteredModel> registeredModels() {
    return registeredModels;
  }

  public RegisteredModel registeredModel(String name) {
    return only(registeredModels, m -> m.name().equals(name), "registered model " + name);
  }

  /** All versions of the registered models in scope, by name and version. */
  public List<ModelVersion> modelVersions() {
    return modelVersions;
  }

  public ModelVersion modelVersion(String name, long version) {
    return only(
        modelVersions,
        v -> v.name().equals(name) && v.version() == version,
        "model version " + name + "/" + version);
  }

  // ---- logged models -------------------------------------------------------------------------

  /** The logged models of the experiments in scope, by creation time. */
  public List<LoggedModel> loggedModels() {
    return loggedModels;
  }

  public LoggedModel loggedModel(String name) {
    return only(loggedModels, m -> m.name().equals(name), "logged model " + name);
  }

  public LoggedModel loggedModelById(String modelId) {
    return only(loggedModels, m -> m.modelId().equals(modelId), "logged model " + modelId);
  }

  /** The rows of {@code logged_model_metrics}. */
  public List<MetricPoint> loggedModelMetrics() {
    List<MetricPoint> out = new ArrayList<>();
    loggedModels.forEach(m -> out.addAll(m.metrics()));
    return Collections.unmodifiableList(out);
  }

  // ---- MLflow 3 traces and run artifacts ------------------------------------------------------

  /** The traces of the experiments in scope, by request time and id, with spans and assessments. */
  public List<OracleTraces.Trace> traces() {
    return traces;
  }

  /** Every file and directory of the artifacts of the runs in scope. */
  public List<OracleTraces.Artifact> runArtifacts() {
    return runArtifacts;
  }

  @Override
  public String toString() {
    return "Oracle[prefix="
        + prefix
        + ", experiments="
        + experiments.size()
        + ", runs="
        + runs.size()
        + ", metricPoints="
        + metricHistory.size()
        + ", registeredModels="
        + registeredModels.size()
        + ", modelVersions="
        + modelVersions.size()
        + ", loggedModels="
        + loggedModels.size()
        + ", traces="
        + traces.size()
        + ", runArtifacts="
        + runArtifacts.size()
        + "]";
  }

  // ---- parsing -------------------------------------------------------------------------------

  private static Experiment experiment(JsonNode n) {
    return new Experiment(
        text(n, "experiment_id"),
        text(n, "name"),
        text(n, "artifact_location"),
        text(n, "lifecycle_stage"),
        longOrNull(n, "creation_time"),
        longOrNull(n, "last_update_time"),
        strings(n.path("tags")));
  }

  private static Run run(JsonNode n) {
    String runId = text(n, "run_id");
    String experimentId = text(n, "experiment_id");
    Map<String, Double> metrics = new LinkedHashMap<>();
    n.path("metrics").properties().forEach(e -> metrics.put(e.getKey(), number(e.getValue())));
    return new Run(
        runId,
        text(n, "run_name"),
        experimentId,
        text(n, "user_id"),
        text(n, "status"),
        longOrNull(n, "start_time"),
        longOrNull(n, "end_time"),
        text(n, "artifact_uri"),
        text(n, "lifecycle_stage"),
        Collections.unmodifiableMap(metrics),
        strings(n.path("params")),
        strings(n.path("tags")),
        list(n.path("latest_metrics"), m -> point(m, runId, experimentId)),
        list(
            n.path("dataset_inputs"),
            d ->
                new DatasetInput(
                    text(d, "name"),
                    text(d, "digest"),
                    text(d, "source_type"),
                    text(d, "source"),
                    text(d, "schema"),
                    text(d, "profile"),
                    strings(d.path("tags")))),
        list(n.path("model_inputs"), m -> text(m, "model_id")),
        list(
            n.path("model_outputs"),
            m -> new ModelOutput(text(m, "model_id"), m.path("step").asLong())));
  }

  private static MetricPoint point(JsonNode n, String runId, String experimentId) {
    return new MetricPoint(
        runId,
        experimentId,
        text(n, "key"),
        number(n.path("value")),
        n.path("timestamp").asLong(),
        n.path("step").asLong(),
        text(n, "model_id"),
        text(n, "dataset_name"),
        text(n, "dataset_digest"));
  }

  private static RegisteredModel registeredModel(JsonNode n) {
    return new RegisteredModel(
        text(n, "name"),
        text(n, "description"),
        longOrNull(n, "creation_time"),
        longOrNull(n, "last_updated_time"),
        text(n, "user_id"),
        strings(n.path("tags")),
        strings(n.path("aliases")));
  }

  private static ModelVersion modelVersion(JsonNode n) {
    return new ModelVersion(
        text(n, "name"),
        n.path("version").asLong(),
        longOrNull(n, "creation_time"),
        longOrNull(n, "last_updated_time"),
        text(n, "user_id"),
        text(n, "current_stage"),
        text(n, "description"),
        text(n, "source"),
        text(n, "run_id"),
        text(n, "status"),
        text(n, "status_message"),
        text(n, "run_link"),
        strings(n.path("tags")),
        list(n.path("aliases"), JsonNode::asText),
        text(n, "model_id"));
  }

  private static LoggedModel loggedModel(JsonNode n) {
    String experimentId = text(n, "experiment_id");
    return new LoggedModel(
        text(n, "model_id"),
        experimentId,
        text(n, "name"),
        text(n, "artifact_uri"),
        text(n, "status"),
        text(n, "status_message"),
        text(n, "model_type"),
        text(n, "source_run_id"),
        longOrNull(n, "creation_time"),
        longOrNull(n, "last_updated_time"),
        strings(n.path("tags")),
        strings(n.path("params")),
        list(n.path("metrics"), m -> point(m, text(m, "run_id"), experimentId)));
  }

  /** A JSON number, or one of the strings "NaN", "Infinity", "-Infinity". */
  static double number(JsonNode n) {
    if (n.isNumber()) {
      return n.doubleValue();
    }
    if (n.isTextual()) {
      switch (n.textValue()) {
        case "NaN":
          return Double.NaN;
        case "Infinity":
          return Double.POSITIVE_INFINITY;
        case "-Infinity":
          return Double.NEGATIVE_INFINITY;
        default:
          return Double.parseDouble(n.textValue());
      }
    }
    throw new IllegalArgumentException("not a metric value: " + n);
  }

  static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  static Long longOrNull(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asLong();
  }

  static Map<String, String> strings(JsonNode object) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : object.properties()) {
      out.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText());
    }
    return Collections.unmodifiableMap(out);
  }

  static <T> List<T> list(JsonNode array, Function<JsonNode, T> item) {
    List<T> out = new ArrayList<>();
    array.forEach(n -> out.add(item.apply(n)));
    return Collections.unmodifiableList(out);
  }

  private List<RunEntry> entries(Function<Run, Map<String, String>> map) {
    List<RunEntry> out = new ArrayList<>();
    for (Run r : runs) {
      map.apply(r).forEach((k, v) -> out.add(new RunEntry(r.runId(), r.experimentId(), k, v)));
    }
    return Collections.unmodifiableList(out);
  }

  private static <T> List<T> filter(List<T> items, Predicate<T> p) {
    List<T> out = new ArrayList<>();
    for (T t : items) {
      if (p.test(t)) {
        out.add(t);
      }
    }
    return Collections.unmodifiableList(out);
  }

  private static <T> T only(List<T> items, Predicate<T> p, String what) {
    List<T> found = filter(items, p);
    if (found.size() != 1) {
      throw new NoSuchElementException(
          (found.isEmpty() ? "no " : found.size() + " of ") + what + " in the oracle");
    }
    return found.get(0);
  }
}
