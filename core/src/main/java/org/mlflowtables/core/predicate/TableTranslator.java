package org.mlflowtables.core.predicate;

import java.util.List;
import java.util.Optional;
import org.mlflowtables.core.catalog.TableDef;

/**
 * Turns a table's predicates and sort keys into one MLflow search request's parameters. Obtain one
 * with {@link Translators#forTable}.
 *
 * @param <O> one ORDER BY entry of the endpoint: a String ({@code "metrics.`rmse` ASC"}), or for
 *     search-logged-models a {@code LoggedModelOrderBy} object
 */
public interface TableTranslator<O> {
  TableDef table();

  /**
   * Translates the conjuncts of a WHERE clause (the engine has split the top-level AND; nested ANDs
   * are split here and NOTs pushed in, see {@link Conjuncts}).
   *
   * @throws org.mlflowtables.core.exceptions.UnknownColumnException for an unknown column
   * @throws org.mlflowtables.core.exceptions.InvalidPredicateException for a predicate that means
   *     nothing on the table (map key of a non-map column, literal of the wrong type)
   */
  Translation translate(List<? extends Predicate> conjuncts);

  /**
   * The endpoint's {@code order_by} for the sort keys, all or nothing: empty if any key cannot be
   * sorted by the server exactly as the engine would. Non-empty lists end with the endpoint's
   * tie-break made explicit (for search-runs {@code attributes.start_time DESC} unless already
   * sorted on, then {@code attributes.run_id ASC}), so the server's order is a total order and
   * pages (MLflow's page tokens are offsets) never overlap or skip. Rows that tie on the engine's
   * keys come in tie-break order; SQL leaves their order open, so engines need not reproduce it.
   * An empty key list gives an empty list (the server's default order, itself total).
   *
   * @throws org.mlflowtables.core.exceptions.UnknownColumnException for an unknown column
   */
  Optional<List<O>> orderBy(List<SortKey> keys);
}
