package org.mlflowtables.core.predicate;

import java.util.List;
import java.util.Map;
import java.util.Optional;
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

  /** The SQL store appends creation_timestamp DESC and model_id ASC unless sorted on; say so. */
  @Override
  public Optional<List<LoggedModelOrderBy>> orderBy(List<SortKey> keys) {
    return serverOrder(keys, f -> Optional.of(f.key()),
        (field, asc) -> new LoggedModelOrderBy(field, asc, null, null),
        List.of(Map.entry("creation_timestamp", false), Map.entry("model_id", true)));
  }
}
