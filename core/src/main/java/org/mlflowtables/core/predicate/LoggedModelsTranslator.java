package org.mlflowtables.core.predicate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.mlflowtables.core.catalog.TableDef;
import org.mlflowtables.core.client.model.LoggedModelOrderBy;
import org.mlflowtables.core.predicate.FilterStrings.Grammar;

/**
 * search-logged-models, for logged_models and logged_model_metrics. MLflow 3.17's SQL store parses
 * the filter with {@code mlflow.utils.search_logged_model_utils.parse_filter_string} (its own
 * grammar: values only in single quotes) and applies it in
 * {@code _apply_filter_string_datasets_search_logged_models}:
 *
 * <ul>
 *   <li>Attributes {@code name, model_id, model_type, source_run_id} (=, !=, LIKE, ILIKE, IN) and
 *       {@code creation_timestamp, last_updated_timestamp} (numbers). {@code status} is an integer
 *       enum column there, so a string comparison means nothing: not sent.
 *   <li>{@code params.`k`}, {@code tags.`k`}: joined on the key; exact.
 *   <li>{@code metrics.`k` op v} matches a model if ANY point of the metric (any step, run or
 *       dataset) satisfies it, while the table shows the latest: pushed only to prune. NaN is
 *       stored as 0 and ±Infinity as ±Double.MAX_VALUE (and read back so); {@code >}/{@code >=}
 *       are sent as {@code !=} as for runs, which also holds on stores that keep NaN.
 * </ul>
 *
 * <p>ORDER BY is a list of objects; attributes are sorted NULLs last. Metrics are not pushed: the
 * server's "latest" breaks timestamp ties by step, the table's by the larger value.
 */
final class LoggedModelsTranslator extends AbstractTranslator<LoggedModelOrderBy> {
  private final boolean metricsTable;
  private String singleKey;

  LoggedModelsTranslator(TableDef table, PushdownOptions options) {
    super(table, options, Grammar.SEARCH_LOGGED_MODELS);
    this.metricsTable = table.name().equals("logged_model_metrics");
  }

  @Override
  void begin(List<Predicate> conjuncts, Acc acc) {
    singleKey = metricsTable ? LongTables.singleKey(conjuncts) : null;
  }

  @Override
  Target target(ValueRef ref) {
    String c = table.column(ref.column()).name();
    switch (c) {
      case "experiment_id":
        return Target.EXPERIMENT_ID;
      case "model_id":
        return new Target.Field("attribute", "model_id", Target.Kind.STRING, false);
      default:
        break;
    }
    if (metricsTable) {
      if (c.equals("key")) {
        return Target.KEY;
      }
      if (c.equals("value") && singleKey != null) {
        return new Target.Field("metric", singleKey, Target.Kind.METRIC, false);
      }
      return Target.NONE;
    }
    switch (c) {
      case "name":
      case "model_type":
      case "source_run_id":
        return new Target.Field("attribute", c, Target.Kind.STRING, false);
      case "creation_time":
        return new Target.Field("attribute", "creation_timestamp", Target.Kind.INTEGER, false);
      case "last_updated_time":
        return new Target.Field("attribute", "last_updated_timestamp", Target.Kind.INTEGER, false);
      case "params":
        return new Target.Field("param", ((MapEntryRef) ref).key(), Target.Kind.STRING, false);
      case "tags":
        return new Target.Field("tag", ((MapEntryRef) ref).key(), Target.Kind.STRING, false);
      case "metrics":
        return new Target.Field("metric", ((MapEntryRef) ref).key(), Target.Kind.METRIC, false);
      default:
        return Target.NONE;
    }
  }

  @Override
  public Optional<List<LoggedModelOrderBy>> orderBy(List<SortKey> keys) {
    if (keys.isEmpty()) {
      return Optional.of(List.of());
    }
    if (metricsTable) {
      return Optional.empty(); // rows are metric points, not models
    }
    List<LoggedModelOrderBy> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (SortKey k : keys) {
      if (!sortAllowed(k)) {
        return Optional.empty();
      }
      String c = table.column(k.ref().column()).name();
      String field = c.equals("creation_time") ? "creation_timestamp"
          : c.equals("last_updated_time") ? "last_updated_timestamp" : c;
      if (seen.add(field)) {
        out.add(new LoggedModelOrderBy(field, k.ascending(), null, null));
      }
    }
    // The SQL store appends creation_timestamp DESC and model_id ASC unless sorted on; say so.
    if (!seen.contains("creation_timestamp")) {
      out.add(new LoggedModelOrderBy("creation_timestamp", false, null, null));
    }
    if (!seen.contains("model_id")) {
      out.add(new LoggedModelOrderBy("model_id", true, null, null));
    }
    return Optional.of(List.copyOf(out));
  }
}
