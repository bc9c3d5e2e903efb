package org.mlflowtables.core.catalog;

import java.io.ObjectStreamException;
import java.io.Serializable;
import org.mlflowtables.core.client.model.Experiment;
import org.mlflowtables.core.client.model.LoggedModel;
import org.mlflowtables.core.client.model.RegisteredModel;
import org.mlflowtables.core.client.model.Run;
import org.mlflowtables.core.client.model.TraceInfo;

/**
 * The MLflow entities a table's rows are made of, and the requests that fetch them. Tables on one
 * source differ only in their columns and in what each entity becomes ({@link RowMapper}); how a
 * source is paged, split and fetched by id lives in core's scan package, one scan per source.
 *
 * @param kind which source it is; core's scans handle each kind
 * @param endpoint the search endpoint, and so the grammar of the filters and orders it takes
 * @param cost the requests a scan sends, as a function of the data (for docs)
 * @param <E> the entity each row mapping receives
 */
public record Source<E>(Kind kind, Endpoint endpoint, String cost) implements Serializable {

  /** The sources there are; core's scans handle each one. */
  public enum Kind {
    EXPERIMENTS, RUNS, RUNS_IN_FULL, METRIC_HISTORY, RUN_ARTIFACTS, REGISTERED_MODELS,
    MODEL_VERSIONS, LOGGED_MODELS, TRACES, TRACE_SPANS
  }

  private static final String RUN_SEARCH = "search-runs: one request a page (1 000 runs, or"
      + " pageSize) for each group of up to 100 experiments; without an experiment_id predicate"
      + " one search-experiments a page first; run_id = / IN instead one get-run per id";

  public static final Source<Experiment> EXPERIMENTS = new Source<>(Kind.EXPERIMENTS,
      Endpoint.SEARCH_EXPERIMENTS, "search-experiments: one request a page (50 000 experiments,"
          + " or pageSize); experiment_id = / IN instead one get-experiment per id");

  /** Runs as search-runs returns them: latest metrics, params, tags, dataset inputs. */
  public static final Source<Run> RUNS = new Source<>(Kind.RUNS, Endpoint.SEARCH_RUNS,
      RUN_SEARCH);

  /** Runs as get-run returns them, for what search-runs leaves out (model inputs). */
  public static final Source<Run> RUNS_IN_FULL = new Source<>(Kind.RUNS_IN_FULL,
      Endpoint.SEARCH_RUNS, RUN_SEARCH + "; after a search, one get-run per run found");

  /** Every point of the metrics of the runs search-runs finds. */
  public static final Source<RunMetric> METRIC_HISTORY = new Source<>(Kind.METRIC_HISTORY,
      Endpoint.SEARCH_RUNS, RUN_SEARCH + "; then get-history-bulk requests of one metric key"
          + " and at most 100 runs, sized by the points the runs' latest steps promise, so that a"
          + " page of runs is spread over the part's share of the requests the server serves at"
          + " once (4, its default workers, or `maxInFlight` when lower, over the scan's parts:"
          + " Spark's partitions, JDBC's `scanStreams`) with fewer than"
          + " 25 000 points each (an answer cut at 25 000 is continued; a run whose history alone"
          + " fills one pages on, 25 000 points a get-history). Each part keeps up to"
          + " `maxInFlight` requests in flight");

  /** Every file and directory of the artifacts of the runs search-runs finds. */
  public static final Source<RunArtifact> RUN_ARTIFACTS = new Source<>(Kind.RUN_ARTIFACTS,
      Endpoint.SEARCH_RUNS, RUN_SEARCH + "; then one list-artifacts per run and per directory"
          + " in it (a listing that pages on, one per page)");

  public static final Source<RegisteredModel> REGISTERED_MODELS = new Source<>(
      Kind.REGISTERED_MODELS, Endpoint.SEARCH_REGISTERED_MODELS,
      "search-registered-models: one request a page (1 000 models, or pageSize)");

  /** Model versions with their model's aliases (search-model-versions leaves aliases out). */
  public static final Source<AliasedVersion> MODEL_VERSIONS = new Source<>(Kind.MODEL_VERSIONS,
      Endpoint.SEARCH_MODEL_VERSIONS, "search-model-versions: one request a page (10 000"
          + " versions, or pageSize); then one get-registered-model per model name found");

  public static final Source<LoggedModel> LOGGED_MODELS = new Source<>(Kind.LOGGED_MODELS,
      Endpoint.SEARCH_LOGGED_MODELS, "search-logged-models: one request a page (1 000 models, or"
          + " pageSize) for each group of up to 100 experiments; without an experiment_id"
          + " predicate one search-experiments a page first");

  private static final String TRACE_SEARCH = "search-traces (v3): one request a page (500"
      + " traces, or pageSize) for each group of up to 100 experiments; without an experiment_id"
      + " predicate one search-experiments a page first";

  /** Traces with their info, metadata, tags and assessments, as search-traces returns them. */
  public static final Source<TraceInfo> TRACES = new Source<>(Kind.TRACES,
      Endpoint.SEARCH_TRACES, TRACE_SEARCH);

  /** The spans of the traces search-traces finds, fetched for those traces only. */
  public static final Source<TraceSpan> TRACE_SPANS = new Source<>(Kind.TRACE_SPANS,
      Endpoint.SEARCH_TRACES, TRACE_SEARCH + "; then the spans of the traces found: one"
          + " batch-get-traces per 10 traces whose spans the tracking store keeps, one"
          + " get-trace-artifact per other trace");

  /** One instance per kind, also after deserialization. */
  private Object readResolve() throws ObjectStreamException {
    for (Source<?> s : new Source<?>[] {EXPERIMENTS, RUNS, RUNS_IN_FULL, METRIC_HISTORY,
        RUN_ARTIFACTS, REGISTERED_MODELS, MODEL_VERSIONS, LOGGED_MODELS, TRACES, TRACE_SPANS}) {
      if (s.kind == kind) {
        return s;
      }
    }
    throw new java.io.InvalidObjectException("unknown source " + kind);
  }

  @Override
  public String toString() {
    return kind.name().toLowerCase(java.util.Locale.ROOT);
  }
}
