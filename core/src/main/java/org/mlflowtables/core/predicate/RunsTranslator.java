package org.mlflowtables.core.predicate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.mlflowtables.core.catalog.TableDef;
import org.mlflowtables.core.catalog.Tables;
import org.mlflowtables.core.predicate.FilterStrings.Grammar;

/**
 * search-runs, for the runs table and the tables read from runs (latest_metrics, params, tags,
 * metrics, run_inputs). What MLflow 3.17's SQL store does with each field
 * ({@code _get_sqlalchemy_filter_clauses} in store/tracking/sqlalchemy_store.py):
 *
 * <ul>
 *   <li>{@code attributes.run_id/run_name/status/user_id/artifact_uri}: {@code =} and {@code !=}
 *       compare bytes (MySQL adds a BINARY comparison), NULL excluded as in SQL; IN only for
 *       run_id. run_name is matched on the {@code mlflow.runName} tag, which MLflow keeps equal to
 *       the name, except after that tag is deleted: the reader should read run_name from the tag
 *       (NULL without it) for the push-down to stay exact then.
 *   <li>{@code attributes.start_time/end_time}: integers, all six comparisons, NULL excluded.
 *   <li>{@code metrics.`k`}: the latest value, joined on the key (a run without the key is
 *       excluded, as SQL's NULL). A NaN value is stored with is_nan and matches only {@code !=};
 *       {@code =, <, <=} therefore agree with Spark, {@code >, >=} do not (Spark's NaN is greatest)
 *       and are sent as a weaker {@code !=} to prune. ±Infinity is stored, and returned, as
 *       ±Double.MAX_VALUE, so the values read and the values compared are the same.
 *   <li>{@code params.`k`}, {@code tags.`k`}: {@code =, !=, LIKE, ILIKE} joined on the key;
 *       {@code IS NULL}/{@code IS NOT NULL} as (NOT) EXISTS of the key, exact.
 *   <li>{@code datasets.name/digest/context}: runs with at least one such dataset input, used to
 *       prune run_inputs.
 * </ul>
 *
 * <p>The long tables: a {@code key = 'k'} conjunct (kept as residual: the other keys' rows of the
 * runs found must still go) lets {@code value <op> v} be sent as {@code metrics.`k` <op> v} (resp.
 * params, tags); for params and tags the key alone prunes as {@code IS NOT NULL}. Their run_id and
 * experiment_id are the run's.
 */
final class RunsTranslator extends AbstractTranslator<String> {
  private final String tableName;
  /** The single key of a long table's {@code key =} conjuncts, or null. */
  private String singleKey;

  RunsTranslator(TableDef def, PushdownOptions options) {
    super(def, options, Grammar.SEARCH_RUNS);
    this.tableName = def.name();
  }

  @Override
  void begin(List<Predicate> conjuncts, Acc acc) {
    singleKey = null;
    if (!tableName.equals(Tables.RUNS.name()) && def().hasColumn("key")) {
      singleKey = LongTables.singleKey(conjuncts);
    }
  }

  @Override
  void end(Acc acc) {
    // params/tags: key = 'k' alone still prunes the runs to those having the key.
    if (singleKey != null && (tableName.equals("params") || tableName.equals("tags"))) {
      String entity = tableName.equals("params") ? "param" : "tag";
      boolean hasClause = acc.clauses.stream()
          .anyMatch(c -> c.entity().equals(entity) && c.key().equals(singleKey));
      Optional<String> field = FilterStrings.field(grammar, entity, singleKey);
      if (!hasClause && field.isPresent()) {
        acc.addClauses(new FilterClause(
            entity, singleKey, "IS NOT NULL", null, field.get() + " IS NOT NULL"));
      }
    }
  }

  private TableDef def() {
    return super.table;
  }

  @Override
  Target target(ValueRef ref) {
    String c = def().column(ref.column()).name();
    if (c.equals("experiment_id")) {
      return Target.EXPERIMENT_ID;
    }
    if (c.equals("run_id")) {
      return new Target.Field("attribute", "run_id", Target.Kind.STRING, false);
    }
    switch (tableName) {
      case "runs":
        return runsTarget(ref, c);
      case "latest_metrics":
        return longTarget(c, "metric", Target.Kind.METRIC);
      case "params":
        return longTarget(c, "param", Target.Kind.STRING);
      case "tags":
        return longTarget(c, "tag", Target.Kind.STRING);
      case "metrics":
        return c.equals("key") ? Target.KEY : Target.NONE;
      case "run_inputs":
        return runInputsTarget(ref, c);
      default:
        return Target.NONE;
    }
  }

  private Target runsTarget(ValueRef ref, String c) {
    switch (c) {
      case "run_name":
      case "status":
      case "user_id":
      case "artifact_uri":
        return new Target.Field("attribute", c, Target.Kind.STRING, false);
      case "start_time":
      case "end_time":
        return new Target.Field("attribute", c, Target.Kind.INTEGER, false);
      case "metrics":
        return new Target.Field("metric", ((MapEntryRef) ref).key(), Target.Kind.METRIC, false);
      case "params":
        return new Target.Field("param", ((MapEntryRef) ref).key(), Target.Kind.STRING, true);
      case "tags":
        return new Target.Field("tag", ((MapEntryRef) ref).key(), Target.Kind.STRING, true);
      default:
        return Target.NONE;
    }
  }

  private Target longTarget(String c, String entity, Target.Kind kind) {
    if (c.equals("key")) {
      return Target.KEY;
    }
    if (c.equals("value") && singleKey != null) {
      return new Target.Field(entity, singleKey, kind, !entity.equals("metric"));
    }
    return Target.NONE;
  }

  private Target runInputsTarget(ValueRef ref, String c) {
    switch (c) {
      case "dataset_name":
        return new Target.Field("dataset", "name", Target.Kind.STRING, false);
      case "dataset_digest":
        return new Target.Field("dataset", "digest", Target.Kind.STRING, false);
      case "tags":
        // The input tag mlflow.data.context is searchable as datasets.context.
        return ref instanceof MapEntryRef e && e.key().equals("mlflow.data.context")
            ? new Target.Field("dataset", "context", Target.Kind.STRING, false)
            : Target.NONE;
      default:
        return Target.NONE;
    }
  }

  @Override
  public Optional<List<String>> orderBy(List<SortKey> keys) {
    if (keys.isEmpty()) {
      return Optional.of(List.of());
    }
    if (!tableName.equals(Tables.RUNS.name())) {
      return Optional.empty(); // rows of a long table are not runs: no server order fits them
    }
    List<String> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (SortKey k : keys) {
      if (!sortAllowed(k)) {
        return Optional.empty();
      }
      Optional<String> field = orderField(k.ref());
      if (field.isEmpty()) {
        return Optional.empty();
      }
      // A repeated key adds nothing (and MLflow rejects duplicates).
      if (seen.add(field.get())) {
        out.add(field.get() + (k.ascending() ? " ASC" : " DESC"));
      }
    }
    // MLflow's SQL store appends start_time DESC (unless sorted on) and run_uuid; say so.
    if (!seen.contains("attributes.start_time")) {
      out.add("attributes.start_time DESC");
    }
    if (!seen.contains("attributes.run_id")) {
      out.add("attributes.run_id ASC");
    }
    return Optional.of(List.copyOf(out));
  }

  private Optional<String> orderField(ValueRef ref) {
    String c = def().column(ref.column()).name();
    if (ref instanceof MapEntryRef e) {
      String prefix = c.equals("metrics") ? "metrics." : c.equals("params") ? "params." : "tags.";
      return FilterStrings.quoteOrderKey(e.key()).map(q -> prefix + q);
    }
    return Optional.of("attributes." + c);
  }
}
