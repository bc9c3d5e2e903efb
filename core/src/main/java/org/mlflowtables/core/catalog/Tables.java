package org.mlflowtables.core.catalog;

import static org.mlflowtables.core.catalog.ColumnType.ARRAY_STRING;
import static org.mlflowtables.core.catalog.ColumnType.DOUBLE;
import static org.mlflowtables.core.catalog.ColumnType.LONG;
import static org.mlflowtables.core.catalog.ColumnType.MAP_STRING_DOUBLE;
import static org.mlflowtables.core.catalog.ColumnType.MAP_STRING_STRING;
import static org.mlflowtables.core.catalog.ColumnType.STRING;
import static org.mlflowtables.core.catalog.ColumnType.TIMESTAMP;
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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mlflowtables.core.exceptions.UnknownTableException;
import org.mlflowtables.core.write.WriteBinding;

/**
 * The catalogue: every table of DESIGN.md with its columns in the documented order, and what each
 * table's MLflow endpoint evaluates. The push-down facts below were read from MLflow 3.17's server
 * (mlflow/utils/search_utils.py, store/tracking/sqlalchemy_store.py,
 * store/model_registry/sqlalchemy_store.py, utils/search_logged_model_utils.py); the translators in
 * {@code org.mlflowtables.core.predicate} only push what is declared here.
 */
public final class Tables {
  private static final Set<PushdownOp> COMPARISONS = Set.of(EQ, NE, LT, LE, GT, GE);
  private static final Set<PushdownOp> EQ_NE = Set.of(EQ, NE);
  private static final Set<PushdownOp> EQ_NE_IN = Set.of(EQ, NE, IN);
  private static final Set<PushdownOp> EQ_IN = Set.of(EQ, IN);
  private static final Set<PushdownOp> LIKES = Set.of(LIKE, ILIKE);

  /** For columns the server stores '' in when unset, which the table reads as NULL. */
  private static final String EMPTY_NOTE = "pushed to prune and kept: the server keeps '' for an "
      + "unset value, which the table shows as NULL (so != and = '' match more on the server)";

  private static Set<PushdownOp> union(Set<PushdownOp> a, Set<PushdownOp> b) {
    Set<PushdownOp> u = new java.util.HashSet<>(a);
    u.addAll(b);
    return u;
  }
  /** A non-null string column on an endpoint with plain ORDER BY. */
  private static final SortRule STRING_SORT = new SortRule(true, false, false, true);

  private static final String LIKE_NOTE =
      "LIKE/ILIKE pushed to prune and kept: SQLite's LIKE ignores ASCII case";
  /**
   * Where the server evaluates IS NOT NULL exactly, any other predicate on the entry prunes as
   * IS NOT NULL (it cannot be true of a NULL).
   */
  private static final Set<PushdownOp> PRESENCE_PRUNE = Set.of(LIKE, ILIKE, IN, LT, LE, GT, GE);
  private static final String PRESENCE_NOTE =
      "; IN, <, >, and values that cannot be quoted prune as IS NOT NULL";

  public static final TableDef EXPERIMENTS =
      table("experiments", "MLflow experiments.", Endpoint.SEARCH_EXPERIMENTS, null)
          .col("experiment_id", STRING, false, "Experiment ID.",
              p(EQ_IN, Set.of(), SortRule.NONE,
                  "= / IN read by id; no ORDER BY: an INTEGER on SQL stores, so its order is"
                      + " numeric, not the string order of this column"))
          .col("name", STRING, false, "Experiment name.",
              p(EQ_NE, LIKES, STRING_SORT, LIKE_NOTE))
          .col("artifact_location", STRING, true, "Root artifact URI of the experiment.", null)
          .col("lifecycle_stage", STRING, false, "'active' or 'deleted' (see viewType).", null)
          .col("creation_time", TIMESTAMP, true, "When the experiment was created.",
              p(COMPARISONS, Set.of(), SortRule.NONE,
                  "no ORDER BY: nullable, and NULL placement differs between SQL backends"))
          .col("last_update_time", TIMESTAMP, true, "When the experiment was last changed.",
              p(COMPARISONS, Set.of(), SortRule.NONE,
                  "no ORDER BY: nullable, and NULL placement differs between SQL backends"))
          .col("tags", MAP_STRING_STRING, false, "Experiment tags.",
              p(Set.of(EQ, NE, IS_NULL, IS_NOT_NULL), PRESENCE_PRUNE, SortRule.NONE,
                  LIKE_NOTE + PRESENCE_NOTE))
          .build();

  public static final TableDef RUNS =
      table("runs", "MLflow runs, with each metric's latest value.", Endpoint.SEARCH_RUNS, null)
          .col("run_id", STRING, false, "Run ID.",
              p(EQ_NE_IN, LIKES, STRING_SORT, LIKE_NOTE))
          .col("run_name", STRING, true, "Run name (the mlflow.runName tag).",
              p(EQ_NE, LIKES, SortRule.STRING_NULLS_LAST, LIKE_NOTE))
          .col("experiment_id", STRING, false, "Experiment the run belongs to.",
              p(EQ_IN, Set.of(), SortRule.NONE, "= / IN become the request's experiment_ids"))
          .col("user_id", STRING, true, "User who created the run.",
              p(EQ_NE, LIKES, SortRule.STRING_NULLS_LAST, LIKE_NOTE))
          .col("status", STRING, false, "RUNNING, SCHEDULED, FINISHED, FAILED or KILLED.",
              p(EQ_NE, LIKES, STRING_SORT, LIKE_NOTE))
          .col("start_time", TIMESTAMP, false, "When the run started.",
              p(COMPARISONS, Set.of(), SortRule.ANY, "compared as epoch milliseconds"))
          .col("end_time", TIMESTAMP, true, "When the run ended; NULL while it runs.",
              p(COMPARISONS, Set.of(), SortRule.NULLS_LAST, "search-runs sorts NULLs last"))
          .col("artifact_uri", STRING, true, "Root artifact URI of the run.",
              p(EQ_NE, LIKES, SortRule.STRING_NULLS_LAST, LIKE_NOTE))
          .col("lifecycle_stage", STRING, false, "'active' or 'deleted' (see viewType).", null)
          .col("metrics", MAP_STRING_DOUBLE, false,
              "Each metric's latest value (latest timestamp, the max on ties).",
              p(Set.of(EQ, NE, LT, LE), Set.of(GT, GE), SortRule.ASC_NULLS_LAST,
                  "> and >= only prune: MLflow never matches a NaN value with them, Spark's NaN"
                      + " is above every number; sorted NaN-after-values in both directions"))
          .col("params", MAP_STRING_STRING, false, "Run parameters.",
              p(Set.of(EQ, NE, IS_NULL, IS_NOT_NULL), PRESENCE_PRUNE,
                  SortRule.STRING_NULLS_LAST, LIKE_NOTE + PRESENCE_NOTE))
          .col("tags", MAP_STRING_STRING, false, "Run tags.",
              p(Set.of(EQ, NE, IS_NULL, IS_NOT_NULL), PRESENCE_PRUNE,
                  SortRule.STRING_NULLS_LAST, LIKE_NOTE + PRESENCE_NOTE))
          .build();

  public static final TableDef LATEST_METRICS =
      table("latest_metrics", "One row per run and metric key: the key's latest value.",
              Endpoint.SEARCH_RUNS, null)
          .runKeys()
          .col("key", STRING, false, "Metric key.",
              p(Set.of(), EQ_IN, SortRule.NONE,
                  "key = / IN bound the keys read and enable value push-down; kept as residual"))
          .col("value", DOUBLE, false, "Latest value.",
              p(Set.of(EQ, NE, LT, LE), Set.of(GT, GE), SortRule.NONE,
                  "with a single key = 'k', pushed as metrics.`k` <op> v (as runs.metrics)"))
          .col("timestamp", TIMESTAMP, false, "Timestamp of the latest value.", null)
          .col("step", LONG, false, "Step of the latest value.", null)
          .col("model_id", STRING, true, "MLflow 3 lineage: logged model of the point.", null)
          .col("dataset_name", STRING, true, "MLflow 3 lineage: dataset of the point.", null)
          .col("dataset_digest", STRING, true, "MLflow 3 lineage: dataset digest.", null)
          .build();

  public static final TableDef PARAMS =
      table("params", "One row per run and parameter.", Endpoint.SEARCH_RUNS, WriteBinding.PARAMS)
          .runKeys()
          .col("key", STRING, false, "Parameter key.",
              p(Set.of(), EQ_IN, SortRule.NONE,
                  "key = 'k' prunes runs as params.`k` IS NOT NULL; = / IN bound the keys read"))
          .col("value", STRING, false, "Parameter value.",
              p(EQ_NE, PRESENCE_PRUNE, SortRule.NONE,
                  "with a single key = 'k', pushed as params.`k` <op> v (as runs.params)"))
          .build();

  public static final TableDef TAGS =
      table("tags", "One row per run and tag.", Endpoint.SEARCH_RUNS, WriteBinding.TAGS)
          .runKeys()
          .col("key", STRING, false, "Tag key.",
              p(Set.of(), EQ_IN, SortRule.NONE,
                  "key = 'k' prunes runs as tags.`k` IS NOT NULL; = / IN bound the keys read"))
          .col("value", STRING, false, "Tag value.",
              p(EQ_NE, PRESENCE_PRUNE, SortRule.NONE,
                  "with a single key = 'k', pushed as tags.`k` <op> v (as runs.tags)"))
          .build();

  public static final TableDef METRICS =
      table("metrics", "Every logged metric point (the full history).", Endpoint.SEARCH_RUNS,
          WriteBinding.METRICS)
          .runKeys()
          .col("key", STRING, false, "Metric key.",
              p(Set.of(), EQ_IN, SortRule.NONE, "key = / IN bound the histories fetched; kept"))
          .col("value", DOUBLE, false, "Value of the point.", null)
          .col("timestamp", TIMESTAMP, false, "Timestamp of the point.", null)
          .col("step", LONG, false, "Step of the point.", null)
          .col("model_id", STRING, true, "MLflow 3 lineage: logged model of the point.", null)
          .col("dataset_name", STRING, true, "MLflow 3 lineage: dataset of the point.", null)
          .col("dataset_digest", STRING, true, "MLflow 3 lineage: dataset digest.", null)
          .build();

  public static final TableDef REGISTERED_MODELS =
      table("registered_models", "Registered models of the model registry.",
              Endpoint.SEARCH_REGISTERED_MODELS, null)
          .col("name", STRING, false, "Model name.", p(EQ_NE_IN, LIKES, STRING_SORT, LIKE_NOTE))
          .col("description", STRING, true, "Description.", null)
          .col("creation_time", TIMESTAMP, true, "When the model was registered.",
              p(Set.of(), Set.of(), SortRule.NONE,
                  "the SQL registry sorts 'timestamp' by last_updated_time, so no ORDER BY"))
          .col("last_updated_time", TIMESTAMP, true, "When the model was last changed.",
              p(Set.of(), Set.of(), SortRule.NONE,
                  "no ORDER BY: nullable, and NULL placement differs between SQL backends"))
          .col("user_id", STRING, true, "Owner.", null)
          .col("tags", MAP_STRING_STRING, false, "Model tags.",
              p(EQ_NE, LIKES, SortRule.NONE,
                  LIKE_NOTE + "; never on mlflow.prompt.is_prompt, which the server rewrites"))
          .col("aliases", MAP_STRING_STRING, false, "Alias to version.", null)
          .build();

  public static final TableDef MODEL_VERSIONS =
      table("model_versions", "Versions of registered models.",
              Endpoint.SEARCH_MODEL_VERSIONS, null)
          .col("name", STRING, false, "Registered model name.",
              p(EQ_NE_IN, LIKES, STRING_SORT, LIKE_NOTE))
          .col("version", LONG, false, "Version number.",
              p(COMPARISONS, Set.of(), SortRule.ANY, "version_number, an integer on the server"))
          .col("creation_time", TIMESTAMP, true, "When the version was created.",
              p(Set.of(), Set.of(), SortRule.NONE,
                  "no ORDER BY: nullable, and NULL placement differs between SQL backends"))
          .col("last_updated_time", TIMESTAMP, true, "When the version was last changed.",
              p(Set.of(), Set.of(), SortRule.NONE,
                  "no ORDER BY: nullable, and NULL placement differs between SQL backends"))
          .col("user_id", STRING, true, "Creator.", null)
          .col("current_stage", STRING, true, "Legacy stage (None, Staging, Production, Archived).",
              null)
          .col("description", STRING, true, "Description.", null)
          .col("source", STRING, true, "Source URI of the model files.",
              p(EQ_NE, LIKES, SortRule.NONE, "source_path on the server; " + LIKE_NOTE))
          .col("run_id", STRING, true, "Run that produced the version.",
              p(Set.of(), union(EQ_NE_IN, LIKES), SortRule.NONE, EMPTY_NOTE))
          .col("status", STRING, true, "PENDING_REGISTRATION, FAILED_REGISTRATION or READY.", null)
          .col("status_message", STRING, true, "Status message.", null)
          .col("run_link", STRING, true, "Link to the run.", null)
          .col("tags", MAP_STRING_STRING, false, "Version tags.",
              p(EQ_NE, LIKES, SortRule.NONE,
                  LIKE_NOTE + "; never on mlflow.prompt.is_prompt, which the server rewrites"))
          .col("aliases", ARRAY_STRING, false, "Aliases pointing at this version.", null)
          .build();

  private static final String ANY_POINT_NOTE =
      "pushed to prune and kept: the server matches any point of the metric, not the latest";

  public static final TableDef LOGGED_MODELS =
      table("logged_models", "MLflow 3 logged models.", Endpoint.SEARCH_LOGGED_MODELS, null)
          .col("model_id", STRING, false, "Logged model ID.",
              p(EQ_NE_IN, LIKES, STRING_SORT, LIKE_NOTE))
          .col("experiment_id", STRING, false, "Experiment of the model.",
              p(EQ_IN, Set.of(), SortRule.NONE, "= / IN become the request's experiment_ids"))
          .col("name", STRING, false, "Model name.", p(EQ_NE_IN, LIKES, STRING_SORT, LIKE_NOTE))
          .col("artifact_uri", STRING, true, "Artifact location of the model.", null)
          .col("status", STRING, true, "PENDING, READY or FAILED.",
              p(Set.of(), Set.of(), SortRule.NONE, "an integer enum on SQL stores: not comparable"))
          .col("status_message", STRING, true, "Status message.", null)
          .col("model_type", STRING, true, "Model type.",
              p(Set.of(), union(EQ_NE_IN, LIKES), SortRule.NONE, EMPTY_NOTE))
          .col("source_run_id", STRING, true, "Run that created the model.",
              p(Set.of(), union(EQ_NE_IN, LIKES), SortRule.NONE, EMPTY_NOTE))
          .col("creator_id", STRING, true, "Creator.", null)
          .col("creation_time", TIMESTAMP, false, "When the model was created.",
              p(COMPARISONS, Set.of(), SortRule.ANY, "creation_timestamp on the server"))
          .col("last_updated_time", TIMESTAMP, false, "When the model was last changed.",
              p(COMPARISONS, Set.of(), SortRule.ANY, "last_updated_timestamp on the server"))
          .col("tags", MAP_STRING_STRING, false, "Model tags.", p(EQ_NE_IN, LIKES, SortRule.NONE,
              LIKE_NOTE))
          .col("params", MAP_STRING_STRING, false, "Model parameters.",
              p(EQ_NE_IN, LIKES, SortRule.NONE, LIKE_NOTE))
          .col("metrics", MAP_STRING_DOUBLE, false,
              "Each metric's latest value (latest timestamp, the max on ties).",
              p(Set.of(), COMPARISONS, SortRule.NONE,
                  ANY_POINT_NOTE + "; no ORDER BY: the server breaks timestamp ties by step"))
          .build();

  public static final TableDef LOGGED_MODEL_METRICS =
      table("logged_model_metrics", "Every metric point of MLflow 3 logged models (lineage).",
              Endpoint.SEARCH_LOGGED_MODELS, null)
          .col("model_id", STRING, false, "Logged model ID.", p(EQ_NE_IN, LIKES, SortRule.NONE,
              LIKE_NOTE))
          .col("experiment_id", STRING, false, "Experiment of the model.",
              p(EQ_IN, Set.of(), SortRule.NONE, "= / IN become the request's experiment_ids"))
          .col("run_id", STRING, false, "Run that logged the point.", null)
          .col("key", STRING, false, "Metric key.",
              p(Set.of(), EQ_IN, SortRule.NONE,
                  "key = / IN bound the keys read and enable value push-down; kept as residual"))
          .col("value", DOUBLE, false, "Value of the point.",
              p(Set.of(), COMPARISONS, SortRule.NONE,
                  "with a single key = 'k': " + ANY_POINT_NOTE + " (pushed to prune)"))
          .col("timestamp", TIMESTAMP, false, "Timestamp of the point.", null)
          .col("step", LONG, false, "Step of the point.", null)
          .col("dataset_name", STRING, true, "Dataset the point was computed on.", null)
          .col("dataset_digest", STRING, true, "Digest of that dataset.", null)
          .build();

  private static final Set<PushdownOp> DATASET_OPS = Set.of(EQ, NE, IN, LIKE, ILIKE);

  public static final TableDef RUN_INPUTS =
      table("run_inputs", "Datasets and models used by runs (MLflow 3 inputs).",
              Endpoint.SEARCH_RUNS, null)
          .runKeys()
          .col("kind", STRING, false, "'dataset' or 'model'.", null)
          .col("dataset_name", STRING, true, "Dataset name.",
              p(Set.of(), DATASET_OPS, SortRule.NONE,
                  "pushed to prune as datasets.name (runs with such a dataset) and kept"))
          .col("dataset_digest", STRING, true, "Dataset digest.",
              p(Set.of(), DATASET_OPS, SortRule.NONE,
                  "pushed to prune as datasets.digest and kept"))
          .col("source_type", STRING, true, "Dataset source type.", null)
          .col("source", STRING, true, "Dataset source.", null)
          .col("schema", STRING, true, "Dataset schema (JSON).", null)
          .col("profile", STRING, true, "Dataset profile (JSON).", null)
          .col("model_id", STRING, true, "Logged model used as input.", null)
          .col("tags", MAP_STRING_STRING, false, "Input tags, e.g. mlflow.data.context.",
              p(Set.of(), DATASET_OPS, SortRule.NONE,
                  "only tags['mlflow.data.context'], pushed to prune as datasets.context"))
          .build();

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
          RUN_INPUTS);

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

  private static ColumnPushdown p(
      Set<PushdownOp> exact, Set<PushdownOp> prune, SortRule sort, String note) {
    return new ColumnPushdown(exact, prune, sort, note);
  }

  private static Builder table(
      String name, String description, Endpoint endpoint, WriteBinding writes) {
    return new Builder(name, description, endpoint, writes);
  }

  private static final class Builder {
    private final String name;
    private final String description;
    private final Endpoint endpoint;
    private final WriteBinding writes;
    private final List<Column> columns = new ArrayList<>();
    private final Map<String, ColumnPushdown> pushdown = new LinkedHashMap<>();

    Builder(String name, String description, Endpoint endpoint, WriteBinding writes) {
      this.name = name;
      this.description = description;
      this.endpoint = endpoint;
      this.writes = writes;
    }

    Builder col(String c, ColumnType type, boolean nullable, String doc, ColumnPushdown p) {
      columns.add(new Column(c, type, nullable, doc));
      if (p != null) {
        pushdown.put(c, p);
      }
      return this;
    }

    /** run_id and experiment_id of the tables read through search-runs. */
    Builder runKeys() {
      col("run_id", STRING, false, "Run ID.",
          p(EQ_NE_IN, LIKES, SortRule.NONE, "the run's run_id; " + LIKE_NOTE));
      return col("experiment_id", STRING, false, "Experiment of the run.",
          p(EQ_IN, Set.of(), SortRule.NONE, "= / IN become the request's experiment_ids"));
    }

    TableDef build() {
      return new TableDef(name, description, endpoint, writes, columns, pushdown);
    }
  }
}
