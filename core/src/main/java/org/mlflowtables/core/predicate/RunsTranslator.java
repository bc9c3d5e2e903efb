package org.mlflowtables.core.predicate;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mlflowtables.core.catalog.MlflowField;
import org.mlflowtables.core.catalog.TableDef;
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
  RunsTranslator(TableDef def, PushdownOptions options) {
    super(def, options, Grammar.SEARCH_RUNS);
  }

  /** MLflow's SQL store appends start_time DESC (unless sorted on) and run_uuid; say so. */
  @Override
  public Optional<List<String>> orderBy(List<SortKey> keys) {
    return textOrder(keys, RunsTranslator::orderField, List.of(
        Map.entry("attributes.start_time", false), Map.entry("attributes.run_id", true)));
  }

  /** {@code attributes.start_time}, {@code metrics.`rmse`}; empty if the key cannot be sent. */
  private static Optional<String> orderField(MlflowField.Fixed f) {
    if (f.entity().equals("attribute")) {
      return Optional.of("attributes." + f.key());
    }
    return FilterStrings.quoteOrderKey(f.key()).map(q -> FilterStrings.mapPrefix(f.entity()) + q);
  }
}
