package org.mlflowtables.core.predicate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mlflowtables.core.catalog.TableDef;
import org.mlflowtables.core.predicate.FilterStrings.Grammar;

/**
 * search-experiments ({@code _get_search_experiments_filter_clauses} in
 * store/tracking/sqlalchemy_store.py): {@code name} compared as bytes, {@code creation_time} and
 * {@code last_update_time} as integers (floats are rejected), {@code tags.`k`} joined on the key
 * with {@code IS NULL}/{@code IS NOT NULL} as (NOT) EXISTS. {@code experiment_id =} / {@code IN}
 * are read by id instead (get-experiment), and then nothing else is sent: the other conjuncts
 * are residual.
 * The reader must then apply the view type itself (get-experiment returns deleted experiments too).
 */
final class ExperimentsTranslator extends AbstractTranslator<String> {
  ExperimentsTranslator(TableDef table, PushdownOptions options) {
    super(table, options, Grammar.SEARCH_EXPERIMENTS);
  }

  @Override
  Translation build(TranslationBuilder acc) {
    Translation t = acc.build();
    if (acc.experimentIds == null) {
      return t;
    }
    // Read by id: the filter is not sent, so what it held is the engine's to apply.
    List<Predicate> residual = new ArrayList<>(t.residual());
    for (Predicate p : t.pushed()) {
      if (!acc.experimentConjuncts.contains(p) && !residual.contains(p) && !t.noRows()) {
        residual.add(p);
      }
    }
    List<Predicate> pushed = t.noRows() ? t.pushed() : acc.experimentConjuncts;
    return new Translation(
        null, List.of(), t.experimentIds(), t.keys(), pushed, residual, t.noRows());
  }

  @Override
  public Optional<List<String>> orderBy(List<SortKey> keys) {
    // The SQL store appends experiment_id DESC unless sorted on.
    return textOrder(keys, f -> Optional.of(f.key()), List.of(Map.entry("experiment_id", false)));
  }

}
