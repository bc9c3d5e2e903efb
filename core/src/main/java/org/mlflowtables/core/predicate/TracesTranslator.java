package org.mlflowtables.core.predicate;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mlflowtables.core.catalog.MlflowField;
import org.mlflowtables.core.catalog.TableDef;
import org.mlflowtables.core.predicate.FilterStrings.Grammar;

/**
 * search-traces v3, for traces, trace_spans and assessments. What MLflow 3.17's SQL store does
 * ({@code _get_filter_clauses_for_search_traces} in store/tracking/sqlalchemy_store.py), checked
 * against the server:
 *
 * <ul>
 *   <li>{@code attributes.timestamp_ms} and {@code execution_time_ms}: numbers, all six
 *       comparisons, NULL excluded; {@code attributes.request_id}, {@code status} and
 *       {@code client_request_id}: {@code =, !=, IN, LIKE, ILIKE} on the columns (NULL excluded).
 *   <li>{@code tags.`k`}, {@code metadata.`k`}: {@code =, !=, LIKE, ILIKE} joined on the key,
 *       {@code IS NULL}/{@code IS NOT NULL} as (NOT) EXISTS: exact. {@code mlflow.traceName} and
 *       {@code mlflow.trace.session} are read from columns that hold the same values. Not sent:
 *       the metadata {@code mlflow.trace.tokenUsage} and {@code mlflow.trace.cost} (matched as
 *       JSON), the tag {@code mlflow.linkedPrompts} (a prompt lookup), and {@code =} on
 *       {@code mlflow.sourceRun} only prunes: the server also matches traces linked to the run.
 * </ul>
 *
 * <p>ORDER BY: {@code timestamp_ms}, {@code execution_time_ms} (NULLs last), {@code status},
 * {@code request_id} and tag or metadata entries (NULLs last); the server appends
 * {@code timestamp_ms DESC, request_id ASC} unless sorted on.
 */
final class TracesTranslator extends AbstractTranslator<String> {
  TracesTranslator(TableDef table, PushdownOptions options) {
    super(table, options, Grammar.SEARCH_TRACES);
  }

  @Override
  public Optional<List<String>> orderBy(List<SortKey> keys) {
    return textOrder(keys, TracesTranslator::orderField, List.of(
        Map.entry("timestamp_ms", false), Map.entry("request_id", true)));
  }

  /** {@code timestamp_ms}, {@code tags.`route`}; empty if the key cannot be sent. */
  private static Optional<String> orderField(MlflowField.Fixed f) {
    if (f.entity().equals("attribute")) {
      return Optional.of(f.key());
    }
    return FilterStrings.quoteOrderKey(f.key()).map(q -> FilterStrings.mapPrefix(f.entity()) + q);
  }
}
