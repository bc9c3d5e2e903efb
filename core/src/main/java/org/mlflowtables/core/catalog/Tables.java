package org.mlflowtables.core.catalog;

import static org.mlflowtables.core.catalog.ColumnType.ARRAY_STRING;
import static org.mlflowtables.core.catalog.ColumnType.DOUBLE;
import static org.mlflowtables.core.catalog.ColumnType.LONG;
import static org.mlflowtables.core.catalog.ColumnType.MAP_STRING_DOUBLE;
import static org.mlflowtables.core.catalog.ColumnType.MAP_STRING_STRING;
import static org.mlflowtables.core.catalog.ColumnType.STRING;
import static org.mlflowtables.core.catalog.ColumnType.TIMESTAMP;
import static org.mlflowtables.core.catalog.MlflowField.EXPERIMENT_IDS;
import static org.mlflowtables.core.catalog.MlflowField.KEYS;
import static org.mlflowtables.core.catalog.PushdownOp.EQ;
import static org.mlflowtables.core.catalog.PushdownOp.GE;
import static org.mlflowtables.core.catalog.PushdownOp.GT;
import static org.mlflowtables.core.catalog.PushdownOp.ILIKE;
import static org.mlflowtables.core.catalog.PushdownOp.IN;
import static org.mlflowtables.core.catalog.PushdownOp.IS_NOT_NULL;
import static org.mlflowtables.core.catalog.PushdownOp.IS_NULL;
import static org.mlflowtables.core.catalog.PushdownOp.LE;
import static org.mlflowtables.core.catalog.PushdownOp.LIKE;
import static org.mlflowtables.core.catalog.PushdownOp.LT;
import static org.mlflowtables.core.catalog.PushdownOp.NE;
import static org.mlflowtables.core.catalog.PushdownRules.COMPARISONS;
import static org.mlflowtables.core.catalog.PushdownRules.EMPTY_NOTE;
import static org.mlflowtables.core.catalog.PushdownRules.EQ_IN;
import static org.mlflowtables.core.catalog.PushdownRules.EQ_NE;
import static org.mlflowtables.core.catalog.PushdownRules.EQ_NE_IN;
import static org.mlflowtables.core.catalog.PushdownRules.EXPERIMENT_IDS_NOTE;
import static org.mlflowtables.core.catalog.PushdownRules.LIKES;
import static org.mlflowtables.core.catalog.PushdownRules.LIKE_NOTE;
import static org.mlflowtables.core.catalog.PushdownRules.NULL_ORDER_NOTE;
import static org.mlflowtables.core.catalog.PushdownRules.PRESENCE_NOTE;
import static org.mlflowtables.core.catalog.PushdownRules.PRESENCE_PRUNE;
import static org.mlflowtables.core.catalog.PushdownRules.STRING_SORT;
import static org.mlflowtables.core.catalog.PushdownRules.attribute;
import static org.mlflowtables.core.catalog.PushdownRules.entries;
import static org.mlflowtables.core.catalog.PushdownRules.integerAttribute;
import static org.mlflowtables.core.catalog.PushdownRules.p;
import static org.mlflowtables.core.catalog.PushdownRules.union;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mlflowtables.core.catalog.MlflowField.Fixed;
import org.mlflowtables.core.catalog.MlflowField.Kind;
import org.mlflowtables.core.catalog.MlflowField.ValueOfKey;
import org.mlflowtables.core.client.model.KeyValue;
import org.mlflowtables.core.exceptions.UnknownTableException;
import org.mlflowtables.core.write.WriteBinding;

/**
 * The catalogue: every table of DESIGN.md, each one entry that carries its binding (how it is read,
 * what each column is on the MLflow endpoint, what that endpoint evaluates) and its columns in the
 * documented order. No code outside this package knows a table by its name: a table on an existing
 * {@link Source} is one entry here. The push-down facts were read from MLflow 3.17's server
 * (mlflow/utils/search_utils.py, store/tracking/sqlalchemy_store.py,
 * store/model_registry/sqlalchemy_store.py, utils/search_logged_model_utils.py); the translators in
 * {@code org.mlflowtables.core.predicate} only push what is declared here.
 */
public final class Tables {
  /** The tag the registry rewrites to tell prompts from models: never filtered on. */
  private static final String PROMPT_TAG = "mlflow.prompt.is_prompt";
  private static final String ANY_POINT_NOTE =
      "pushed to prune and kept: the server matches any point of the metric, not the latest";

  public static final TableDef EXPERIMENTS =
      table("experiments", "MLflow experiments.", WriteBinding.EXPERIMENTS)
          .readsOnePerEntity(Source.EXPERIMENTS, e -> new Object[] {e.experimentId(), e.name(),
              e.artifactLocation(), e.lifecycleStage(), e.creationTime(), e.lastUpdateTime(),
              KeyValue.toMap(e.tags())})
          .sizeGuess(100)
          .col("experiment_id", STRING, false, "Experiment ID.", EXPERIMENT_IDS,
              p(EQ_IN, Set.of(), SortRule.NONE,
                  "= / IN read by id; no ORDER BY: an INTEGER on SQL stores, so its order is"
                      + " numeric, not the string order of this column"))
          .col("name", STRING, false, "Experiment name.", attribute("name"),
              p(EQ_NE, LIKES, STRING_SORT, LIKE_NOTE))
          .col("artifact_location", STRING, true, "Root artifact URI of the experiment.")
          .col("lifecycle_stage", STRING, false, "'active' or 'deleted' (see viewType).")
          .col("creation_time", TIMESTAMP, true, "When the experiment was created.",
              integerAttribute("creation_time"),
              p(COMPARISONS, Set.of(), SortRule.NONE, NULL_ORDER_NOTE))
          .col("last_update_time", TIMESTAMP, true, "When the experiment was last changed.",
              integerAttribute("last_update_time"),
              p(COMPARISONS, Set.of(), SortRule.NONE, NULL_ORDER_NOTE))
          .col("tags", MAP_STRING_STRING, false, "Experiment tags.",
              entries("tag", Kind.STRING, true),
              p(Set.of(EQ, NE, IS_NULL, IS_NOT_NULL), PRESENCE_PRUNE, SortRule.NONE,
                  LIKE_NOTE + PRESENCE_NOTE))
          .build();

  public static final TableDef RUNS =
      table("runs", "MLflow runs, with each metric's latest value.", WriteBinding.RUNS)
          .readsOnePerEntity(Source.RUNS, RunRows::run)
          .sizeGuess(1_000)
          .col("run_id", STRING, false, "Run ID.", attribute("run_id"),
              p(EQ_NE_IN, LIKES, STRING_SORT, LIKE_NOTE))
          .col("run_name", STRING, true, "Run name (the mlflow.runName tag).",
              attribute("run_name"), p(EQ_NE, LIKES, SortRule.STRING_NULLS_LAST, LIKE_NOTE))
          .col("experiment_id", STRING, false, "Experiment the run belongs to.", EXPERIMENT_IDS,
              p(EQ_IN, Set.of(), SortRule.NONE, EXPERIMENT_IDS_NOTE))
          .col("user_id", STRING, true, "User who created the run.", attribute("user_id"),
              p(EQ_NE, LIKES, SortRule.STRING_NULLS_LAST, LIKE_NOTE))
          .col("status", STRING, false, "RUNNING, SCHEDULED, FINISHED, FAILED or KILLED.",
              attribute("status"), p(EQ_NE, LIKES, STRING_SORT, LIKE_NOTE))
          .col("start_time", TIMESTAMP, false, "When the run started.",
              integerAttribute("start_time"),
              p(COMPARISONS, Set.of(), SortRule.ANY, "compared as epoch milliseconds"))
          .col("end_time", TIMESTAMP, true, "When the run ended; NULL while it runs.",
              integerAttribute("end_time"),
              p(COMPARISONS, Set.of(), SortRule.NULLS_LAST, "search-runs sorts NULLs last"))
          .col("artifact_uri", STRING, true, "Root artifact URI of the run.",
              attribute("artifact_uri"), p(EQ_NE, LIKES, SortRule.STRING_NULLS_LAST, LIKE_NOTE))
          .col("lifecycle_stage", STRING, false, "'active' or 'deleted' (see viewType).")
          .col("metrics", MAP_STRING_DOUBLE, false,
              "Each metric's latest value (latest timestamp, the max on ties).",
              entries("metric", Kind.METRIC, false),
              p(Set.of(EQ, NE, LT, LE), Set.of(GT, GE), SortRule.ASC_NULLS_LAST,
                  "> and >= only prune: MLflow never matches a NaN value with them, Spark's NaN"
                      + " is above every number; sorted NaN-after-values in both directions"))
          .col("params", MAP_STRING_STRING, false, "Run parameters.",
              entries("param", Kind.STRING, true),
              p(Set.of(EQ, NE, IS_NULL, IS_NOT_NULL), PRESENCE_PRUNE,
                  SortRule.STRING_NULLS_LAST, LIKE_NOTE + PRESENCE_NOTE))
          .col("tags", MAP_STRING_STRING, false, "Run tags.", entries("tag", Kind.STRING, true),
              p(Set.of(EQ, NE, IS_NULL, IS_NOT_NULL), PRESENCE_PRUNE,
                  SortRule.STRING_NULLS_LAST, LIKE_NOTE + PRESENCE_NOTE))
          .build();

  public static final TableDef LATEST_METRICS =
      table("latest_metrics", "One row per run and metric key: the key's latest value.")
          .reads(Source.RUNS, (r, out) -> r.data().metrics().forEach(m -> out.add(
              RunRows.metricPoint(r.info().runId(), r.info().experimentId(), m))))
          .sizeGuess(10_000)
          .runKeys()
          .col("key", STRING, false, "Metric key.", KEYS, p(Set.of(), EQ_IN, SortRule.NONE,
              "key = / IN bound the keys read and enable value push-down; kept as residual"))
          .col("value", DOUBLE, false, "Latest value.", new ValueOfKey("metric", Kind.METRIC,
              false), p(Set.of(EQ, NE, LT, LE), Set.of(GT, GE), SortRule.NONE,
                  "with a single key = 'k', pushed as metrics.`k` <op> v (as runs.metrics)"))
          .col("timestamp", TIMESTAMP, false, "Timestamp of the latest value.")
          .col("step", LONG, false, "Step of the latest value.")
          .col("model_id", STRING, true, "MLflow 3 lineage: logged model of the point.")
          .col("dataset_name", STRING, true, "MLflow 3 lineage: dataset of the point.")
          .col("dataset_digest", STRING, true, "MLflow 3 lineage: dataset digest.")
          .build();

  public static final TableDef PARAMS =
      table("params", "One row per run and parameter.", WriteBinding.PARAMS)
          .reads(Source.RUNS, (r, out) -> RunRows.keyValues(r, r.data().params(), out))
          .sizeGuess(10_000)
          .runKeys()
          .col("key", STRING, false, "Parameter key.", KEYS, p(Set.of(), EQ_IN, SortRule.NONE,
              "key = 'k' prunes runs as params.`k` IS NOT NULL; = / IN bound the keys read"))
          .col("value", STRING, false, "Parameter value.",
              new ValueOfKey("param", Kind.STRING, true), p(EQ_NE, PRESENCE_PRUNE, SortRule.NONE,
                  "with a single key = 'k', pushed as params.`k` <op> v (as runs.params)"))
          .build();

  public static final TableDef TAGS =
      table("tags", "One row per run and tag.", WriteBinding.TAGS)
          .reads(Source.RUNS, (r, out) -> RunRows.keyValues(r, r.data().tags(), out))
          .sizeGuess(10_000)
          .runKeys()
          .col("key", STRING, false, "Tag key.", KEYS, p(Set.of(), EQ_IN, SortRule.NONE,
              "key = 'k' prunes runs as tags.`k` IS NOT NULL; = / IN bound the keys read"))
          .col("value", STRING, false, "Tag value.",
              new ValueOfKey("tag", Kind.STRING, true), p(EQ_NE, PRESENCE_PRUNE, SortRule.NONE,
                  "with a single key = 'k', pushed as tags.`k` <op> v (as runs.tags)"))
          .build();

  public static final TableDef METRICS =
      table("metrics", "Every logged metric point (the full history).",
          WriteBinding.METRICS)
          .reads(Source.METRIC_HISTORY, (h, out) -> out.add(
              RunRows.metricPoint(h.point().runId(), h.experimentId(), h.point())))
          .sizeGuess(1_000_000)
          .runKeys()
          .col("key", STRING, false, "Metric key.", KEYS,
              p(Set.of(), EQ_IN, SortRule.NONE, "key = / IN bound the histories fetched; kept"))
          .col("value", DOUBLE, false, "Value of the point.")
          .col("timestamp", TIMESTAMP, false, "Timestamp of the point.")
          .col("step", LONG, false, "Step of the point.")
          .col("model_id", STRING, true, "MLflow 3 lineage: logged model of the point.")
          .col("dataset_name", STRING, true, "MLflow 3 lineage: dataset of the point.")
          .col("dataset_digest", STRING, true, "MLflow 3 lineage: dataset digest.")
          .build();

  public static final TableDef REGISTERED_MODELS =
      table("registered_models", "Registered models of the model registry.")
          .readsOnePerEntity(Source.REGISTERED_MODELS, ModelRows::registeredModel)
          .sizeGuess(100)
          .col("name", STRING, false, "Model name.", attribute("name"),
              p(EQ_NE_IN, LIKES, STRING_SORT, LIKE_NOTE))
          .col("description", STRING, true, "Description.")
          .col("creation_time", TIMESTAMP, true, "When the model was registered.",
              MlflowField.NONE, p(Set.of(), Set.of(), SortRule.NONE,
                  "the SQL registry sorts 'timestamp' by last_updated_time, so no ORDER BY"))
          .col("last_updated_time", TIMESTAMP, true, "When the model was last changed.",
              MlflowField.NONE, p(Set.of(), Set.of(), SortRule.NONE, NULL_ORDER_NOTE))
          .col("user_id", STRING, true, "Owner.")
          .col("tags", MAP_STRING_STRING, false, "Model tags.",
              entries("tag", Kind.STRING, false, PROMPT_TAG), p(EQ_NE, LIKES, SortRule.NONE,
                  LIKE_NOTE + "; never on " + PROMPT_TAG + ", which the server rewrites"))
          .col("aliases", MAP_STRING_STRING, false, "Alias to version.")
          .build();

  public static final TableDef MODEL_VERSIONS =
      table("model_versions", "Versions of registered models.")
          .readsOnePerEntity(Source.MODEL_VERSIONS, ModelRows::modelVersion)
          .sizeGuess(1_000)
          .col("name", STRING, false, "Registered model name.", attribute("name"),
              p(EQ_NE_IN, LIKES, STRING_SORT, LIKE_NOTE))
          .col("version", LONG, false, "Version number.",
              new Fixed("attribute", "version_number", Kind.INT32, false),
              p(COMPARISONS, Set.of(), SortRule.ANY, "version_number, an integer on the server"))
          .col("creation_time", TIMESTAMP, true, "When the version was created.",
              MlflowField.NONE, p(Set.of(), Set.of(), SortRule.NONE, NULL_ORDER_NOTE))
          .col("last_updated_time", TIMESTAMP, true, "When the version was last changed.",
              MlflowField.NONE, p(Set.of(), Set.of(), SortRule.NONE, NULL_ORDER_NOTE))
          .col("user_id", STRING, true, "Creator.")
          .col("current_stage", STRING, true, "Legacy stage (None, Staging, Production, Archived).")
          .col("description", STRING, true, "Description.")
          .col("source", STRING, true, "Source URI of the model files.",
              attribute("source_path"),
              p(EQ_NE, LIKES, SortRule.NONE, "source_path on the server; " + LIKE_NOTE))
          .col("run_id", STRING, true, "Run that produced the version.", attribute("run_id"),
              p(Set.of(), union(EQ_NE_IN, LIKES), SortRule.NONE, EMPTY_NOTE))
          .col("status", STRING, true, "PENDING_REGISTRATION, FAILED_REGISTRATION or READY.")
          .col("status_message", STRING, true, "Status message.")
          .col("run_link", STRING, true, "Link to the run.")
          .col("tags", MAP_STRING_STRING, false, "Version tags.",
              entries("tag", Kind.STRING, false, PROMPT_TAG), p(EQ_NE, LIKES, SortRule.NONE,
                  LIKE_NOTE + "; never on " + PROMPT_TAG + ", which the server rewrites"))
          .col("aliases", ARRAY_STRING, false, "Aliases pointing at this version.")
          .build();

  public static final TableDef LOGGED_MODELS =
      table("logged_models", "MLflow 3 logged models.")
          .readsOnePerEntity(Source.LOGGED_MODELS, ModelRows::loggedModel)
          .sizeGuess(1_000)
          .col("model_id", STRING, false, "Logged model ID.", attribute("model_id"),
              p(EQ_NE_IN, LIKES, STRING_SORT, LIKE_NOTE))
          .col("experiment_id", STRING, false, "Experiment of the model.", EXPERIMENT_IDS,
              p(EQ_IN, Set.of(), SortRule.NONE, EXPERIMENT_IDS_NOTE))
          .col("name", STRING, false, "Model name.", attribute("name"),
              p(EQ_NE_IN, LIKES, STRING_SORT, LIKE_NOTE))
          .col("artifact_uri", STRING, true, "Artifact location of the model.")
          .col("status", STRING, true, "PENDING, READY or FAILED.", MlflowField.NONE,
              p(Set.of(), Set.of(), SortRule.NONE, "an integer enum on SQL stores: not comparable"))
          .col("status_message", STRING, true, "Status message.")
          .col("model_type", STRING, true, "Model type.", attribute("model_type"),
              p(Set.of(), union(EQ_NE_IN, LIKES), SortRule.NONE, EMPTY_NOTE))
          .col("source_run_id", STRING, true, "Run that created the model.",
              attribute("source_run_id"),
              p(Set.of(), union(EQ_NE_IN, LIKES), SortRule.NONE, EMPTY_NOTE))
          .col("creator_id", STRING, true, "Creator.")
          .col("creation_time", TIMESTAMP, false, "When the model was created.",
              integerAttribute("creation_timestamp"),
              p(COMPARISONS, Set.of(), SortRule.ANY, "creation_timestamp on the server"))
          .col("last_updated_time", TIMESTAMP, false, "When the model was last changed.",
              integerAttribute("last_updated_timestamp"),
              p(COMPARISONS, Set.of(), SortRule.ANY, "last_updated_timestamp on the server"))
          .col("tags", MAP_STRING_STRING, false, "Model tags.",
              entries("tag", Kind.STRING, false), p(EQ_NE_IN, LIKES, SortRule.NONE, LIKE_NOTE))
          .col("params", MAP_STRING_STRING, false, "Model parameters.",
              entries("param", Kind.STRING, false), p(EQ_NE_IN, LIKES, SortRule.NONE, LIKE_NOTE))
          .col("metrics", MAP_STRING_DOUBLE, false,
              "Each metric's latest value (latest timestamp, the max on ties).",
              entries("metric", Kind.METRIC, false), p(Set.of(), COMPARISONS, SortRule.NONE,
                  ANY_POINT_NOTE + "; no ORDER BY: the server breaks timestamp ties by step"))
          .build();

  public static final TableDef LOGGED_MODEL_METRICS =
      table("logged_model_metrics", "Every metric point of MLflow 3 logged models (lineage).")
          .reads(Source.LOGGED_MODELS, ModelRows::loggedModelMetrics)
          .sizeGuess(10_000)
          .col("model_id", STRING, false, "Logged model ID.", attribute("model_id"),
              p(EQ_NE_IN, LIKES, SortRule.NONE, LIKE_NOTE))
          .col("experiment_id", STRING, false, "Experiment of the model.", EXPERIMENT_IDS,
              p(EQ_IN, Set.of(), SortRule.NONE, EXPERIMENT_IDS_NOTE))
          .col("run_id", STRING, false, "Run that logged the point.")
          .col("key", STRING, false, "Metric key.", KEYS, p(Set.of(), EQ_IN, SortRule.NONE,
              "key = / IN bound the keys read and enable value push-down; kept as residual"))
          .col("value", DOUBLE, false, "Value of the point.",
              new ValueOfKey("metric", Kind.METRIC, false), p(Set.of(), COMPARISONS,
                  SortRule.NONE, "with a single key = 'k': " + ANY_POINT_NOTE + " (pushed to prune)"))
          .col("timestamp", TIMESTAMP, false, "Timestamp of the point.")
          .col("step", LONG, false, "Step of the point.")
          .col("dataset_name", STRING, true, "Dataset the point was computed on.")
          .col("dataset_digest", STRING, true, "Digest of that dataset.")
          .build();

  private static final Set<PushdownOp> DATASET_OPS = Set.of(EQ, NE, IN, LIKE, ILIKE);

  /**
   * Dataset inputs come with search-runs, model inputs only with get-run (one request per run):
   * a query that rejects every model row reads search-runs alone.
   */
  public static final TableDef RUN_INPUTS =
      table("run_inputs", "Datasets and models used by runs (MLflow 3 inputs).",
          WriteBinding.RUN_INPUTS)
          .reads(Source.RUNS_IN_FULL, RunRows::inputs, Source.RUNS, RunRows.modelInputRow(),
              "a query that no model row can match (kind = 'dataset', or any condition on"
                  + " dataset_name, dataset_digest, source_type, source, schema, profile or tags"
                  + " that NULL or an empty map fails) sends no get-run")
          .sizeGuess(2_000)
          .runKeys()
          .col("kind", STRING, false, "'dataset' or 'model'.")
          .col("dataset_name", STRING, true, "Dataset name.",
              new Fixed("dataset", "name", Kind.STRING, false),
              p(Set.of(), DATASET_OPS, SortRule.NONE,
                  "pushed to prune as datasets.name (runs with such a dataset) and kept"))
          .col("dataset_digest", STRING, true, "Dataset digest.",
              new Fixed("dataset", "digest", Kind.STRING, false),
              p(Set.of(), DATASET_OPS, SortRule.NONE,
                  "pushed to prune as datasets.digest and kept"))
          .col("source_type", STRING, true, "Dataset source type.")
          .col("source", STRING, true, "Dataset source.")
          .col("schema", STRING, true, "Dataset schema (JSON).")
          .col("profile", STRING, true, "Dataset profile (JSON).")
          .col("model_id", STRING, true, "Logged model used as input.")
          .col("tags", MAP_STRING_STRING, false, "Input tags, e.g. mlflow.data.context.",
              new MlflowField.EntryFields(Map.of("mlflow.data.context",
                  new Fixed("dataset", "context", Kind.STRING, false))),
              p(Set.of(), DATASET_OPS, SortRule.NONE,
                  "only tags['mlflow.data.context'], pushed to prune as datasets.context"))
          .build();

  public static final TableDef RUN_ARTIFACTS =
      table("run_artifacts", "The artifact files and directories of runs, listed recursively.")
          .reads(Source.RUN_ARTIFACTS, RunRows::artifact)
          .sizeGuess(10_000)
          .runKeys()
          .col("path", STRING, false, "Path from the run's artifact root ('model/MLmodel').")
          .col("is_dir", ColumnType.BOOLEAN, false, "Whether the path is a directory.")
          .col("file_size", LONG, true,
              "Size in bytes (0 when the server omits it, as MLflow's client reads it); NULL for"
                  + " a directory.")
          .build();

  /** MLflow 3 traces, their spans and their assessments (see {@link TraceTables}). */
  public static final TableDef TRACES = TraceTables.TRACES;
  public static final TableDef TRACE_SPANS = TraceTables.TRACE_SPANS;
  public static final TableDef ASSESSMENTS = TraceTables.ASSESSMENTS;

  private static final List<TableDef> ALL =
      List.of(
          EXPERIMENTS,
          RUNS,
          LATEST_METRICS,
          PARAMS,
          TAGS,
          METRICS,
          REGISTERED_MODELS,
          MODEL_VERSIONS,
          LOGGED_MODELS,
          LOGGED_MODEL_METRICS,
          RUN_INPUTS,
          TRACES,
          TRACE_SPANS,
          ASSESSMENTS,
          RUN_ARTIFACTS);

  private static final Map<String, TableDef> BY_NAME;

  static {
    Map<String, TableDef> m = new LinkedHashMap<>();
    for (TableDef t : ALL) {
      m.put(t.name(), t);
    }
    BY_NAME = java.util.Collections.unmodifiableMap(m);
  }

  private Tables() {}

  /** Every table, in DESIGN.md's order. */
  public static List<TableDef> all() {
    return ALL;
  }

  public static List<String> names() {
    return List.copyOf(BY_NAME.keySet());
  }

  /**
   * The table of that name, in any letter case.
   *
   * @throws UnknownTableException listing the tables there are
   */
  public static TableDef get(String name) {
    return find(name).orElseThrow(() -> new UnknownTableException(name, names()));
  }

  public static Optional<TableDef> find(String name) {
    if (name == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(BY_NAME.get(name.trim().toLowerCase(Locale.ROOT)));
  }

  private static TableBuilder table(String name, String description) {
    return new TableBuilder(name, description, null);
  }

  private static TableBuilder table(String name, String description, WriteBinding writes) {
    return new TableBuilder(name, description, writes);
  }
}
