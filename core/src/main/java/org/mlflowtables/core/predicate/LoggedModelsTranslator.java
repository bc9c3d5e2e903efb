package org.mlflowtables.core.predicate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.mlflowtables.core.catalog.MlflowField;
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
  LoggedModelsTranslator(TableDef table, PushdownOptions options) {
    super(table, options, Grammar.SEARCH_LOGGED_MODELS);
  }

  @Override
  public Optional<List<LoggedModelOrderBy>> orderBy(List<SortKey> keys) {
    if (keys.isEmpty()) {
      return Optional.of(List.of());
    }
    List<LoggedModelOrderBy> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (SortKey k : keys) {
      Optional<MlflowField.Fixed> f = sortField(k);
      if (f.isEmpty()) {
        return Optional.empty();
      }
      if (seen.add(f.get().key())) {
        out.add(new LoggedModelOrderBy(f.get().key(), k.ascending(), null, null));
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
